// shell/tools/docker/inspect.ts — the JSON documents `docker inspect` and `docker network
// inspect` print (key order follows the daemon's Go structs, per profile), and a small Go
// text/template evaluator for `-f '{{…}}'` over the common paths. Reads the world; changes nothing.
import { imageOf, ipamUsage, joinTarget, findContainer } from '../../../docker/engine';
import type { Container, Endpoint, Network } from '../../../docker/types';
import type { World } from '../../../docker/world';
import { rfc3339Nano } from './format';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const ZERO_TIME = '0001-01-01T00:00:00Z';

/** `docker inspect CONTAINER`: the parts of ContainerJSON a person looks for, in the daemon's key order. */
export function containerJson(w: World, c: Container): { [k: string]: Json } {
  const v29 = w.docker.profile === 'current';
  const image = imageOf(c);
  const last = c.runs[c.runs.length - 1];
  const running = c.status === 'running';
  const ep = c.endpoint;
  const net = ep ? w.docker.networks[ep.networkId] : undefined;
  const mode = c.config.networkMode;
  const ownsNetworks = joinTarget(mode) === undefined;
  const netName = mode === 'host' || mode === 'none' ? mode : (net?.name ?? mode);
  const netRecord = Object.values(w.docker.networks).find((n) => n.name === netName);
  const endpoint = (ep: Endpoint | undefined, netRecord: Network | undefined): { [k: string]: Json } => {
    const ip = running && ep ? ep.ip : '';
    // Names the embedded DNS answers with (API 1.44+): user-defined networks only.
    const userNet = netRecord !== undefined && netRecord.driver === 'bridge' && netRecord.name !== 'bridge';
    const dnsNames: Json = userNet && running && ep ? [c.name, c.id.slice(0, 12), ...(ep.aliases ?? [])] : null;
    const base: [string, Json][] = [
      ['IPAMConfig', null],
      ['Links', null],
      ['Aliases', null],
    ];
    const tail: [string, Json][] = v29
      ? [
          ['DriverOpts', null],
          ['GwPriority', 0],
          ['NetworkID', netRecord?.id ?? ''],
          ['EndpointID', running ? (ep?.endpointId ?? c.sandbox?.endpointId ?? '') : ''],
          ['Gateway', running && ep ? ep.gateway : ''],
          ['IPAddress', ip],
          ['MacAddress', running && ep ? ep.mac : ''],
          ['IPPrefixLen', running && ep ? ep.prefixlen : 0],
          ['IPv6Gateway', ''],
          ['GlobalIPv6Address', ''],
          ['GlobalIPv6PrefixLen', 0],
          ['DNSNames', dnsNames],
        ]
      : [
          ['NetworkID', netRecord?.id ?? ''],
          ['EndpointID', running ? (ep?.endpointId ?? c.sandbox?.endpointId ?? '') : ''],
          ['Gateway', running && ep ? ep.gateway : ''],
          ['IPAddress', ip],
          ['IPPrefixLen', running && ep ? ep.prefixlen : 0],
          ['IPv6Gateway', ''],
          ['GlobalIPv6Address', ''],
          ['GlobalIPv6PrefixLen', 0],
          ['MacAddress', running && ep ? ep.mac : ''],
          ['DriverOpts', null],
        ];
    return Object.fromEntries([...base, ...tail]);
  };
  const networks: { [k: string]: Json } = ownsNetworks ? { [netName]: endpoint(ep, netRecord) } : {};
  for (const x of c.extraEndpoints ?? []) {
    const n = w.docker.networks[x.networkId];
    if (n) networks[n.name] = endpoint(x, n);
  }
  const sandboxId = running && c.sandbox ? c.sandbox.id : '';
  const sandboxKey = running && c.sandbox ? `/var/run/docker/netns/${c.sandbox.key}` : '';
  const ports: Json = running && ep ? portsJson(c) : {};
  // The deprecated top-level address fields describe the default bridge only.
  const top = netName === 'bridge' ? ep : undefined;
  let settings: [string, Json][];
  if (v29) {
    settings = [
      ['SandboxID', sandboxId],
      ['SandboxKey', sandboxKey],
      ['Ports', ports],
      ['Networks', networks],
    ];
  } else {
    settings = [
      ['Bridge', ''],
      ['SandboxID', sandboxId],
      ['HairpinMode', false],
      ['LinkLocalIPv6Address', ''],
      ['LinkLocalIPv6PrefixLen', 0],
      ['Ports', ports],
      ['SandboxKey', sandboxKey],
      ['SecondaryIPAddresses', null],
      ['SecondaryIPv6Addresses', null],
      ['EndpointID', running && top ? top.endpointId : ''],
      ['Gateway', running && top ? top.gateway : ''],
      ['GlobalIPv6Address', ''],
      ['GlobalIPv6PrefixLen', 0],
      ['IPAddress', running && top ? top.ip : ''],
      ['IPPrefixLen', running && top ? top.prefixlen : 0],
      ['IPv6Gateway', ''],
      ['MacAddress', running && top ? top.mac : ''],
      ['Networks', networks],
    ];
  }
  const status = c.status;
  return {
    Id: c.id,
    Created: rfc3339Nano(c.created),
    Path: c.config.cmd[0] ?? '',
    Args: c.config.cmd.slice(1),
    State: {
      Status: status,
      Running: running,
      Paused: false,
      Restarting: false,
      OOMKilled: false,
      Dead: false,
      Pid: running ? (c.pid ?? 0) : 0,
      ExitCode: c.exitCode,
      Error: '',
      StartedAt: last ? rfc3339Nano(last.startedAt) : ZERO_TIME,
      FinishedAt: last?.finishedAt !== undefined ? rfc3339Nano(last.finishedAt) : ZERO_TIME,
    },
    Image: image.id,
    Name: `/${c.name}`,
    RestartCount: 0,
    HostConfig: {
      NetworkMode: mode,
      PortBindings: Object.fromEntries(
        c.config.ports.map((p) => [`${p.containerPort}/${p.proto}`, [{ HostIp: p.hostIp, HostPort: p.hostPort }]]),
      ),
      AutoRemove: c.config.autoRemove,
      Dns: c.config.dns,
      ExtraHosts: c.config.addHost.length ? c.config.addHost : null,
      Links: c.config.links.length ? c.config.links : null,
    },
    Config: {
      Hostname: c.hostname,
      Tty: c.config.tty,
      OpenStdin: c.config.interactive,
      Cmd: c.config.cmd.slice(image.entrypoint.length).length ? c.config.cmd.slice(image.entrypoint.length) : null,
      Image: c.config.image,
      Entrypoint: image.entrypoint.length ? image.entrypoint : null,
    },
    NetworkSettings: Object.fromEntries(settings),
  };
}

function portsJson(c: Container): { [k: string]: Json } {
  const out: { [k: string]: Json } = {};
  const image = imageOf(c);
  for (const e of [...image.exposed, ...c.config.expose.map((p) => (p.includes('/') ? p : `${p}/tcp`))]) out[e] = null;
  // The ports the daemon actually bound at this start (-P and -p CONTAINER get their host port
  // then); docker-proxy's IPv6 twin only for the wildcard address.
  for (const p of c.status === 'running' ? (c.published ?? []) : []) {
    const key = `${p.containerPort}/${p.proto}`;
    const list = Array.isArray(out[key]) ? (out[key] as Json[]) : [];
    list.push({ HostIp: p.hostIp, HostPort: String(p.hostPort) });
    if (p.hostIp === '0.0.0.0') list.push({ HostIp: '::', HostPort: String(p.hostPort) });
    out[key] = list;
  }
  return out;
}

/** `docker network inspect NET`: NetworkResource in the daemon's key order (v29 adds EnableIPv4 and Status). */
export function networkJson(w: World, n: Network): { [k: string]: Json } {
  const v29 = w.docker.profile === 'current';
  const containers: { [k: string]: Json } = {};
  const running = Object.values(w.docker.containers)
    .filter((c) => c.status === 'running')
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const c of running) {
    const ep = [...(c.endpoint ? [c.endpoint] : []), ...(c.extraEndpoints ?? [])].find((e) => e.networkId === n.id);
    if (ep) {
      containers[c.id] = {
        Name: c.name,
        EndpointID: ep.endpointId,
        MacAddress: ep.mac,
        IPv4Address: `${ep.ip}/${ep.prefixlen}`,
        IPv6Address: '',
      };
    } else if (!c.endpoint && c.config.networkMode === n.name && c.sandbox) {
      containers[c.id] = {
        Name: c.name,
        EndpointID: c.sandbox.endpointId ?? '',
        MacAddress: '',
        IPv4Address: '',
        IPv6Address: '',
      };
    }
  }
  const doc: [string, Json][] = [
    ['Name', n.name],
    ['Id', n.id],
    ['Created', rfc3339Nano(n.created)],
    ['Scope', 'local'],
    ['Driver', n.driver],
  ];
  if (v29) doc.push(['EnableIPv4', n.driver === 'bridge']);
  doc.push(
    ['EnableIPv6', false],
    [
      'IPAM',
      {
        Driver: 'default',
        Options: v29 ? {} : null,
        Config: n.subnet ? [{ Subnet: n.subnet, Gateway: n.gateway! }] : v29 ? [] : null,
      },
    ],
    ['Internal', n.internal === true],
    ['Attachable', false],
    ['Ingress', false],
    ['ConfigFrom', { Network: '' }],
    ['ConfigOnly', false],
    ['Containers', containers],
    ['Options', n.options],
    ['Labels', {}],
  );
  if (v29 && n.subnet) {
    const u = ipamUsage(n);
    doc.push([
      'Status',
      { IPAM: { Subnets: { [n.subnet]: { IPsInUse: u.inUse, DynamicIPsAvailable: u.available } } } },
    ]);
  }
  return Object.fromEntries(doc);
}

/** Go's encoding/json + json.Indent(…, "", "    "), as the CLI prints inspect output. */
export function indentJson(v: Json): string {
  return JSON.stringify(v, null, 4).replace(
    /[<>&\u2028\u2029]/g,
    (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'),
  );
}

// ---------------------------------------------------------------- Go templates (the common subset)

/** Go's fmt `%v` of a decoded JSON value, as text/template prints it. */
function goValue(v: Json | undefined): string {
  if (v === undefined) return '<no value>';
  if (v === null) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (typeof v === 'object') {
    const keys = Object.keys(v).sort();
    return `map[${keys.map((k) => `${k}:${goValue(v[k])}`).join(' ')}]`;
  }
  return String(v);
}

function lookup(root: Json, dot: Json, path: string): Json | undefined {
  if (path === '.') return dot;
  const parts = path.split('.').filter(Boolean);
  let cur: Json | undefined = path.startsWith('$') ? root : dot;
  for (const p of parts) {
    if (p === '$') continue;
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = cur[p];
  }
  return cur;
}

function evalPipeline(expr: string, root: Json, dot: Json): Json | undefined | { text: string } {
  const words = expr.trim().match(/"[^"]*"|\S+/g) ?? [];
  const [fn, ...rest] = words;
  if (fn === 'json') return { text: JSON.stringify(lookup(root, dot, rest[0] ?? '.') ?? null) };
  if (fn === 'index') {
    const base = lookup(root, dot, rest[0] ?? '.');
    const key = (rest[1] ?? '').replace(/^"|"$/g, '');
    if (base && typeof base === 'object' && !Array.isArray(base)) return base[key];
    if (Array.isArray(base)) return base[Number(key)];
    return undefined;
  }
  if (fn === 'upper' || fn === 'lower') {
    const v = goValue(lookup(root, dot, rest[0] ?? '.'));
    return { text: fn === 'upper' ? v.toUpperCase() : v.toLowerCase() };
  }
  return lookup(root, dot, fn ?? '.');
}

/** Executes a template over one JSON document; unknown constructs are an error, as in Go. */
export function execTemplate(tmpl: string, root: Json): { ok: true; text: string } | { ok: false; error: string } {
  const tokens = tmpl.split(/({{-?[\s\S]*?-?}})/);
  let pos = 0;
  const run = (dot: Json, stopAt: string[]): { text: string; stop: string } => {
    let out = '';
    while (pos < tokens.length) {
      const t = tokens[pos++]!;
      if (!t.startsWith('{{')) {
        out += t;
        continue;
      }
      const inner = t.replace(/^{{-?\s*|\s*-?}}$/g, '');
      if (stopAt.includes(inner.split(/\s+/)[0]!)) return { text: out, stop: inner };
      if (inner.startsWith('range ')) {
        const coll = evalPipeline(inner.slice(6), root, dot);
        const start = pos;
        let body = '';
        const items =
          coll && typeof coll === 'object' && !('text' in coll)
            ? Array.isArray(coll)
              ? coll
              : Object.keys(coll)
                  .sort()
                  .map((k) => (coll as { [k: string]: Json })[k]!)
            : [];
        if (items.length === 0) run(dot, ['end']);
        for (const item of items) {
          pos = start;
          body += run(item, ['end']).text;
        }
        out += body;
        continue;
      }
      if (inner.startsWith('if ')) {
        const v = evalPipeline(inner.slice(3), root, dot);
        const truthy =
          v !== undefined && v !== null && v !== false && v !== '' && v !== 0 && !(Array.isArray(v) && v.length === 0);
        const a = run(dot, ['else', 'end']);
        let b = { text: '', stop: 'end' };
        if (a.stop === 'else') b = run(dot, ['end']);
        out += truthy ? a.text : b.text;
        continue;
      }
      const v = evalPipeline(inner, root, dot);
      out +=
        v && typeof v === 'object' && 'text' in v && !Array.isArray(v)
          ? (v as { text: string }).text
          : goValue(v as Json | undefined);
    }
    return { text: out, stop: '' };
  };
  try {
    return { ok: true, text: run(root, []).text };
  } catch (e) {
    return { ok: false, error: String(e) };
  }
}

/** The container a `container:` mode names, for inspect's NetworkMode of joiners. */
export function targetOf(w: World, c: Container): Container | undefined {
  const t = joinTarget(c.config.networkMode);
  return t === undefined ? undefined : findContainer(w.docker, t);
}
