// shell/tools/docker/docker.ts — the `docker` command: parses the CLI's flags, asks the engine
// (src/docker) to act, and prints what docker/cli prints for the world's profile (classic =
// Docker 24, current = Docker 29). Keeps no state; every change goes through the engine's plans.
import {
  appendOutput,
  checkReference,
  createContainer,
  execTarget,
  exitContainer,
  findContainer,
  findNetwork,
  imageOf,
  joinTarget,
  listContainers,
  removeContainer,
  restartContainer,
  startContainer,
  stopContainer,
  type CreateSpec,
  type DockerError,
} from '../../../docker/engine';
import { IMAGES, findImage, splitReference } from '../../../docker/images';
import { connectNetwork, createNetwork, disconnectNetwork, removeNetwork } from '../../../docker/networks';
import type { Container, PortBinding } from '../../../docker/types';
import type { DockerProfile, World } from '../../../docker/world';
import { runLine } from '../../interpret';
import { findTool, registerTool } from '../../registry';
import type { ExecContext, Tool, ToolResult, Toolset } from '../../types';
import { argsError, flagError, fromDaemon, notFoundInImage, pullError, runError } from './errors';
import { all, flag, last, parseFlags, type FlagDef, type ParsedFlags } from './flags';
import { ellipsis, goQuote, goTimeString, humanDuration, humanSize, statusText, tabwrite } from './format';
import { containerJson, execTemplate, indentJson, networkJson } from './inspect';
import {
  containerNameError,
  envValue,
  execUserCheck,
  ipv4AddressError,
  networkNameError,
  parsePortSpec,
} from './validate';
import { containerEnv } from '../env';

interface Out {
  stdout: string;
  stderr: string;
  status: number;
  world: World;
  /** Passed through from the program an exec runs (see ToolResult). */
  timed?: ToolResult['timed'];
  interrupted?: boolean;
}

const ok = (world: World, stdout = '', stderr = ''): Out => ({ stdout, stderr, status: 0, world });
const fail = (world: World, stderr: string, status = 1, stdout = ''): Out => ({ stdout, stderr, status, world });

interface CommandSpec {
  path: string;
  use: string;
  short: string;
  flags: FlagDef[];
  interspersed: boolean;
  minArgs?: number;
  exactArgs?: number;
}

const HELP: FlagDef = { long: 'help', value: false };

const RUN_FLAGS: FlagDef[] = [
  { long: 'detach', short: 'd', value: false },
  { long: 'interactive', short: 'i', value: false },
  { long: 'tty', short: 't', value: false },
  { long: 'name', value: true },
  { long: 'network', value: true },
  { long: 'net', value: true },
  { long: 'rm', value: false },
  { long: 'publish', short: 'p', value: true },
  { long: 'publish-all', short: 'P', value: false },
  { long: 'hostname', short: 'h', value: true },
  { long: 'dns', value: true },
  { long: 'add-host', value: true },
  { long: 'expose', value: true },
  { long: 'link', value: true },
  { long: 'mac-address', value: true },
  { long: 'ip', value: true },
  { long: 'network-alias', value: true },
  { long: 'privileged', value: false },
  { long: 'env', short: 'e', value: true },
  { long: 'cap-add', value: true },
  HELP,
];

const COMMANDS: Record<string, CommandSpec> = {
  run: {
    path: 'docker run',
    use: 'docker run [OPTIONS] IMAGE [COMMAND] [ARG...]',
    short: 'Create and run a new container from an image',
    flags: RUN_FLAGS,
    interspersed: false,
    minArgs: 1,
  },
  create: {
    path: 'docker create',
    use: 'docker create [OPTIONS] IMAGE [COMMAND] [ARG...]',
    short: 'Create a new container',
    flags: RUN_FLAGS.filter((f) => f.long !== 'detach' && f.long !== 'rm').concat({ long: 'rm', value: false }),
    interspersed: false,
    minArgs: 1,
  },
  exec: {
    path: 'docker exec',
    use: 'docker exec [OPTIONS] CONTAINER COMMAND [ARG...]',
    short: 'Execute a command in a running container',
    flags: [
      { long: 'detach', short: 'd', value: false },
      { long: 'interactive', short: 'i', value: false },
      { long: 'tty', short: 't', value: false },
      { long: 'env', short: 'e', value: true },
      { long: 'user', short: 'u', value: true },
      { long: 'workdir', short: 'w', value: true },
      { long: 'privileged', value: false },
      HELP,
    ],
    interspersed: false,
    minArgs: 2,
  },
  port: {
    path: 'docker port',
    use: 'docker port CONTAINER [PRIVATE_PORT[/PROTO]]',
    short: 'List port mappings or a specific mapping for the container',
    flags: [HELP],
    interspersed: true,
    minArgs: 1,
  },
  ps: {
    path: 'docker ps',
    use: 'docker ps [OPTIONS]',
    short: 'List containers',
    flags: [
      { long: 'all', short: 'a', value: false },
      { long: 'quiet', short: 'q', value: false },
      { long: 'filter', short: 'f', value: true },
      { long: 'no-trunc', value: false },
      { long: 'format', value: true },
      { long: 'latest', short: 'l', value: false },
      HELP,
    ],
    interspersed: true,
  },
  inspect: {
    path: 'docker inspect',
    use: 'docker inspect [OPTIONS] NAME|ID [NAME|ID...]',
    short: 'Return low-level information on Docker objects',
    flags: [
      { long: 'format', short: 'f', value: true },
      { long: 'type', value: true },
      { long: 'size', short: 's', value: false },
      HELP,
    ],
    interspersed: true,
    minArgs: 1,
  },
  stop: {
    path: 'docker stop',
    use: 'docker stop [OPTIONS] CONTAINER [CONTAINER...]',
    short: 'Stop one or more running containers',
    flags: [{ long: 'time', short: 't', value: true }, { long: 'signal', short: 's', value: true }, HELP],
    interspersed: true,
    minArgs: 1,
  },
  start: {
    path: 'docker start',
    use: 'docker start [OPTIONS] CONTAINER [CONTAINER...]',
    short: 'Start one or more stopped containers',
    flags: [{ long: 'attach', short: 'a', value: false }, { long: 'interactive', short: 'i', value: false }, HELP],
    interspersed: true,
    minArgs: 1,
  },
  restart: {
    path: 'docker restart',
    use: 'docker restart [OPTIONS] CONTAINER [CONTAINER...]',
    short: 'Restart one or more containers',
    flags: [{ long: 'time', short: 't', value: true }, { long: 'signal', short: 's', value: true }, HELP],
    interspersed: true,
    minArgs: 1,
  },
  rm: {
    path: 'docker rm',
    use: 'docker rm [OPTIONS] CONTAINER [CONTAINER...]',
    short: 'Remove one or more containers',
    flags: [
      { long: 'force', short: 'f', value: false },
      { long: 'volumes', short: 'v', value: false },
      { long: 'link', short: 'l', value: false },
      HELP,
    ],
    interspersed: true,
    minArgs: 1,
  },
  logs: {
    path: 'docker logs',
    use: 'docker logs [OPTIONS] CONTAINER',
    short: 'Fetch the logs of a container',
    flags: [
      { long: 'follow', short: 'f', value: false },
      { long: 'tail', short: 'n', value: true },
      { long: 'timestamps', short: 't', value: false },
      HELP,
    ],
    interspersed: true,
    exactArgs: 1,
  },
  images: {
    path: 'docker images',
    use: 'docker images [OPTIONS] [REPOSITORY[:TAG]]',
    short: 'List images',
    flags: [
      { long: 'all', short: 'a', value: false },
      { long: 'quiet', short: 'q', value: false },
      { long: 'no-trunc', value: false },
      HELP,
    ],
    interspersed: true,
  },
  version: {
    path: 'docker version',
    use: 'docker version [OPTIONS]',
    short: 'Show the Docker version information',
    flags: [{ long: 'format', short: 'f', value: true }, HELP],
    interspersed: true,
  },
  info: {
    path: 'docker info',
    use: 'docker info [OPTIONS]',
    short: 'Display system-wide information',
    flags: [{ long: 'format', short: 'f', value: true }, HELP],
    interspersed: true,
  },
  'network ls': {
    path: 'docker network ls',
    use: 'docker network ls [OPTIONS]',
    short: 'List networks',
    flags: [
      { long: 'quiet', short: 'q', value: false },
      { long: 'no-trunc', value: false },
      { long: 'filter', short: 'f', value: true },
      { long: 'format', value: true },
      HELP,
    ],
    interspersed: true,
  },
  'network inspect': {
    path: 'docker network inspect',
    use: 'docker network inspect [OPTIONS] NETWORK [NETWORK...]',
    short: 'Display detailed information on one or more networks',
    flags: [{ long: 'format', short: 'f', value: true }, { long: 'verbose', short: 'v', value: false }, HELP],
    interspersed: true,
    minArgs: 1,
  },
  'network create': {
    path: 'docker network create',
    use: 'docker network create [OPTIONS] NETWORK',
    short: 'Create a network',
    flags: [
      { long: 'driver', short: 'd', value: true },
      { long: 'subnet', value: true },
      { long: 'gateway', value: true },
      { long: 'internal', value: false },
      { long: 'attachable', value: false },
      { long: 'opt', short: 'o', value: true },
      { long: 'label', value: true },
      HELP,
    ],
    interspersed: true,
    exactArgs: 1,
  },
  'network connect': {
    path: 'docker network connect',
    use: 'docker network connect [OPTIONS] NETWORK CONTAINER',
    short: 'Connect a container to a network',
    flags: [{ long: 'alias', value: true }, { long: 'ip', value: true }, HELP],
    interspersed: true,
    exactArgs: 2,
  },
  'network disconnect': {
    path: 'docker network disconnect',
    use: 'docker network disconnect [OPTIONS] NETWORK CONTAINER',
    short: 'Disconnect a container from a network',
    flags: [{ long: 'force', short: 'f', value: false }, HELP],
    interspersed: true,
    exactArgs: 2,
  },
  'network rm': {
    path: 'docker network rm',
    use: 'docker network rm NETWORK [NETWORK...]',
    short: 'Remove one or more networks',
    flags: [{ long: 'force', short: 'f', value: false }, HELP],
    interspersed: true,
    minArgs: 1,
  },
};

const ALIASES: Record<string, string> = {
  'container run': 'run',
  'container create': 'create',
  'container exec': 'exec',
  'container ls': 'ps',
  'container list': 'ps',
  'container ps': 'ps',
  'container inspect': 'inspect',
  'container stop': 'stop',
  'container start': 'start',
  'container restart': 'restart',
  'container rm': 'rm',
  'container logs': 'logs',
  'image ls': 'images',
  'image list': 'images',
  'network list': 'network ls',
  'network remove': 'network rm',
  'system info': 'info',
};

/** The image toolsets the shell knows; an image's programs are one of them. */
function toolsetOf(c: Container): Toolset {
  return imageOf(c).toolset;
}

// ---------------------------------------------------------------- dispatch

export const docker: Tool = (world, argv, _io, ctx): ToolResult => {
  const profile = world.docker.profile;
  if (!world.docker.installed) return { stdout: '', stderr: 'bash: docker: command not found\n', status: 127, world };
  const rest = argv.slice(1);
  // Global flags before the command are not modelled; the first word names the command.
  let key = rest[0] ?? '';
  let consumed = 1;
  if ((key === 'network' || key === 'container' || key === 'image' || key === 'system') && rest[1] !== undefined) {
    key = `${key} ${rest[1]}`;
    consumed = 2;
  }
  key = ALIASES[key] ?? key;
  const spec = COMMANDS[key];
  if (!spec) {
    if (key === '') return { stdout: '', stderr: '', status: 0, world };
    return {
      stdout: '',
      stderr: `docker: '${rest[0]}' is not a docker command.\nSee 'docker --help'\n`,
      status: 1,
      world,
    };
  }
  const parsed = parseFlags(rest.slice(consumed), spec.flags, spec.interspersed);
  if (!parsed.ok) return { ...fail(world, flagError(parsed.error, spec.path, spec.use, profile), 125) };
  const n = parsed.args.length;
  if ((spec.minArgs !== undefined && n < spec.minArgs) || (spec.exactArgs !== undefined && n !== spec.exactArgs)) {
    const exact = spec.exactArgs !== undefined;
    return fail(world, argsError(spec.path, spec.use, spec.short, spec.exactArgs ?? spec.minArgs ?? 0, exact, profile));
  }
  const r = runCommand(key, world, parsed, ctx, profile);
  return { ...r };
};

function runCommand(key: string, w: World, p: ParsedFlags, ctx: ExecContext, profile: DockerProfile): Out {
  switch (key) {
    case 'run':
      return cmdRun(w, p, ctx, profile, true);
    case 'create':
      return cmdRun(w, p, ctx, profile, false);
    case 'exec':
      return cmdExec(w, p, ctx, profile);
    case 'ps':
      return cmdPs(w, p);
    case 'port':
      return cmdPort(w, p, profile);
    case 'inspect':
      return cmdInspect(w, p);
    case 'stop':
    case 'start':
    case 'restart':
      return cmdLifecycle(w, p, key, profile);
    case 'rm':
      return cmdRm(w, p, profile);
    case 'logs':
      return cmdLogs(w, p, profile);
    case 'images':
      return cmdImages(w, p);
    case 'version':
      return cmdVersion(w, profile);
    case 'info':
      return cmdInfo(w, profile);
    case 'network ls':
      return cmdNetworkLs(w, p);
    case 'network inspect':
      return cmdNetworkInspect(w, p);
    case 'network rm':
      return cmdNetworkRm(w, p, profile);
    case 'network create':
      return cmdNetworkCreate(w, p, profile);
    case 'network connect':
    case 'network disconnect':
      return cmdNetworkConnect(w, p, profile, key === 'network connect');
  }
  return fail(w, `docker: '${key}' is not a docker command.\n`);
}

// ---------------------------------------------------------------- run / create

function cmdRun(w0: World, p: ParsedFlags, ctx: ExecContext, profile: DockerProfile, start: boolean): Out {
  let w = w0;
  const [image, ...args] = p.args as [string, ...string[]];
  const refError = checkReference(image);
  const errorAt = (e: DockerError, atCreate: boolean, daemon = true): string =>
    runError(daemon ? fromDaemon(e, profile) : fromDaemonless(e, profile), profile, atCreate);
  // The CLI parses -p before it looks at the image reference (cli run.go: parse, then create).
  const ports: PortBinding[] = [];
  for (const raw of all(p, 'publish')) {
    const r = parsePortSpec(raw, profile);
    if (!r.ok) return fail(w, runError(r.error, profile, true), 125);
    ports.push(...r.bindings);
  }
  if (refError) return fail(w, errorAt(refError, true, false), 125);
  const name = last(p, 'name');
  const ip = last(p, 'ip');
  const spec: CreateSpec = {
    image,
    args,
    // names.go stores "/NAME" and "NAME" alike: the slash is the daemon's own prefix.
    ...(name !== undefined ? { name: name.replace(/^\//, '') } : {}),
    network: last(p, 'network') ?? last(p, 'net') ?? 'bridge',
    ...(last(p, 'hostname') !== undefined ? { hostname: last(p, 'hostname')! } : {}),
    dns: all(p, 'dns'),
    addHost: all(p, 'add-host'),
    expose: all(p, 'expose'),
    ports,
    ...(flag(p, 'publish-all') ? { publishAll: true } : {}),
    links: all(p, 'link'),
    ...(last(p, 'mac-address') !== undefined ? { macAddress: last(p, 'mac-address')! } : {}),
    ...(last(p, 'ip') !== undefined ? { ip: last(p, 'ip')! } : {}),
    aliases: all(p, 'network-alias'),
    autoRemove: flag(p, 'rm'),
    privileged: flag(p, 'privileged'),
    netAdmin: flag(p, 'privileged') || all(p, 'cap-add').some((c) => /^(CAP_)?(NET_ADMIN|ALL)$/i.test(c)),
    tty: flag(p, 'tty'),
    interactive: flag(p, 'interactive'),
  };
  let stderr = '';
  const created = createContainer(w, spec);
  // The daemon decodes the request (network-mode conflicts) and finds the image first; then it
  // checks --ip (v24 verifyNetworkingConfig) and the name (names.go) before it creates anything.
  const decodeError = !created.ok && ['noSuchImage', 'conflict', 'invalidContainerMode'].includes(created.error.code);
  if (!decodeError) {
    const invalid =
      (ip !== undefined && profile === 'classic' ? ipv4AddressError(ip) : undefined) ??
      (name !== undefined ? containerNameError(name) : undefined);
    if (invalid) return fail(w, runError(`Error response from daemon: ${invalid}`, profile, true), 125);
  }
  if (!created.ok) {
    if (created.error.code === 'noSuchImage') {
      // The CLI tries to pull a missing image; this host cannot reach the registry.
      const { repository, tag } = splitReference(image);
      stderr += `Unable to find image '${repository}:${tag}' locally\n`;
      return fail(w, stderr + runError(pullError(), profile, true), 125);
    }
    return fail(w, runError(fromDaemon(created.error, profile), profile, true), 125);
  }
  w = created.world;
  for (const warning of created.warnings) {
    if (warning === 'hostPortsDiscarded')
      stderr += 'WARNING: Published ports are discarded when using host network mode\n';
  }
  const id = created.id;
  if (!start) return ok(w, `${id}\n`, stderr);
  const detach = flag(p, 'detach');
  const attached = !detach;
  // Detached: the id is printed as soon as the container exists, before it starts.
  let stdout = detach ? `${id}\n` : '';
  const started = startContainer(w, id);
  if (!started.ok) {
    let world = started.world;
    const c = world.docker.containers[id];
    if (c?.config.autoRemove) world = removeContainer(world, id, true).world;
    return fail(world, stderr + runError(fromDaemon(started.error, profile), profile, false), 125, stdout);
  }
  w = started.world;
  const c = w.docker.containers[id];
  if (!c) return ok(w, stdout, stderr);
  const img = imageOf(c);
  // An explicit command on a shell image runs that program in the container, then the container exits.
  if (args.length > 0 && img.process === 'shell' && c.status === 'running') {
    const prog = args[0]!.replace(/^.*\//, '');
    const tool = findTool(prog, img.toolset);
    if (!tool) {
      const r = exitContainer(w, id, 127, 'exit');
      const world = r.ok ? r.world : w;
      const e = notFoundInImage(args[0]!, 'create');
      return fail(world, stderr + runError(`Error response from daemon: ${e}`, profile, false), 127, stdout);
    }
    const res = tool(w, args, { stdin: '' }, containerCtx(ctx, c));
    w = appendOutput(res.world, id, res.stdout + res.stderr);
    const r = exitContainer(w, id, res.status, 'exit');
    w = r.ok ? r.world : w;
    if (attached) {
      stdout += res.stdout;
      stderr += res.stderr;
      return { stdout, stderr, status: res.status, world: w };
    }
    return ok(w, stdout, stderr);
  }
  // Attached to a process that keeps running: show what it printed so far (the terminal stays attached).
  if (attached && c.status === 'running') stdout += containerLogs(w, c);
  return ok(w, stdout, stderr);
}

/** Errors the CLI finds itself (no "Error response from daemon: " prefix). */
function fromDaemonless(e: DockerError, profile: DockerProfile): string {
  return fromDaemon(e, profile).replace(/^Error response from daemon: /, '');
}

/** The context a command runs in inside a container: its netns, its image's programs, its hostname. */
/**
 * Where a command in the container runs. Docker's default capability set has no NET_ADMIN, so
 * its processes cannot change the network unless the container (or the exec) is privileged.
 */
function containerCtx(ctx: ExecContext, c: Container, privilegedExec = false): ExecContext {
  const capNetAdmin = privilegedExec || c.config.netAdmin === true;
  return { ...ctx, netns: c.netns!, toolset: toolsetOf(c), hostname: c.hostname, container: c.name, capNetAdmin };
}

// ---------------------------------------------------------------- exec

const SHELLS: Record<string, Toolset[]> = {
  sh: ['netutils', 'busybox', 'nginx'],
  bash: ['netutils', 'nginx'],
};

/** docker exec's environment: the container's, then each `-e` (moby ReplaceOrAppendEnvValues: a bare NAME removes it). */
function execEnv(base: string[], overrides: string[]): string[] {
  const env = [...base];
  for (const v of overrides) {
    const eq = v.indexOf('=');
    const key = eq < 0 ? v : v.slice(0, eq);
    const i = env.findIndex((e) => e.slice(0, e.indexOf('=')) === key);
    if (eq < 0) {
      if (i >= 0) env.splice(i, 1);
    } else if (i >= 0) env[i] = v;
    else env.push(v);
  }
  return env;
}

/**
 * An exec that cannot start: the daemon writes the error into the attached stream (stdout, CR LF).
 * The user lookup's words are libcontainer/user's (moby resolves -u itself, oci_linux getUser);
 * a relative -w is refused by runc, as reported from Docker 29 (exit status 126 assumed, as for
 * other start failures).
 */
function execStartFailure(w: World, text: string): Out {
  return { stdout: `${text}\r\n`, stderr: '', status: 126, world: w };
}

function cmdExec(w: World, p: ParsedFlags, ctx: ExecContext, profile: DockerProfile): Out {
  const [ref, ...cmd] = p.args as [string, ...string[]];
  // The CLI checks each -e before it talks to the daemon.
  const envs: string[] = [];
  for (const v of all(p, 'env')) {
    const r = envValue(v, ctx.env);
    if ('error' in r)
      return fail(
        w,
        flagError(
          `invalid argument "${v}" for "-e, --env" flag: ${r.error}`,
          'docker exec',
          COMMANDS.exec!.use,
          profile,
        ),
        125,
      );
    envs.push(r.value);
  }
  const t = execTarget(w.docker, ref);
  if (!t.ok) return fail(w, `${fromDaemon(t.error, profile)}\n`);
  const c = t.container;
  let inner = containerCtx(ctx, c, flag(p, 'privileged'));
  const user = last(p, 'user');
  if (user !== undefined && user !== '') {
    const u = execUserCheck(user, imageOf(c).toolset);
    if ('error' in u) return execStartFailure(w, u.error);
    // Another user than root has no capabilities at all.
    if (!u.root) inner = { ...inner, capNetAdmin: false };
  }
  // The images here set no WORKDIR, so a process starts in / unless -w says otherwise.
  const wd = last(p, 'workdir') || '/';
  if (!wd.startsWith('/'))
    return execStartFailure(w, 'OCI runtime exec failed: exec failed: Cwd must be an absolute path: unknown');
  inner = { ...inner, cwd: wd, env: { ...inner.env, PWD: wd } };
  const processEnv = execEnv(containerEnv(w, c, flag(p, 'tty')), envs);
  const vars = Object.fromEntries(
    envs.filter((v) => v.includes('=')).map((v) => [v.slice(0, v.indexOf('=')), v.slice(v.indexOf('=') + 1)]),
  );
  inner = { ...inner, env: { ...inner.env, ...vars }, processEnv };
  const prog = cmd[0]!.replace(/^.*\//, '');
  // `sh -c 'LINE'`: the image's shell runs the line with the image's programs.
  if (SHELLS[prog]?.includes(inner.toolset) && cmd[1] === '-c' && cmd[2] !== undefined) {
    // The shell's own variables are inner.env; `env` inside it starts from the container's.
    const { processEnv: _unused, ...shellCtx } = inner;
    const r = runLine(w, cmd[2], shellCtx);
    const stdout = r.output
      .filter((o) => o.fd === 1)
      .map((o) => o.text)
      .join('');
    const stderr = r.output
      .filter((o) => o.fd === 2)
      .map((o) => o.text)
      .join('');
    return { stdout, stderr, status: r.status, world: r.world };
  }
  const tool = findTool(prog, inner.toolset);
  if (!tool) {
    // The daemon writes the runtime's error into the attached stream (stdout, with CR LF).
    return { stdout: `${notFoundInImage(cmd[0]!, 'exec')}\r\n`, stderr: '', status: 127, world: w };
  }
  const res = tool(w, [prog, ...cmd.slice(1)], { stdin: '' }, inner);
  if (flag(p, 'detach')) return ok(res.world);
  // The pacing and the Ctrl+C of an attached exec (`-it … ping`) are the program's own.
  return {
    stdout: res.stdout,
    stderr: res.stderr,
    status: res.status,
    world: res.world,
    ...(res.timed ? { timed: res.timed } : {}),
    ...(res.interrupted ? { interrupted: true } : {}),
  };
}

// ---------------------------------------------------------------- ps

function displayPorts(c: Container, profile: DockerProfile): string {
  if (c.status !== 'running' || !c.endpoint) return '';
  const img = imageOf(c);
  const mapped = c.published ?? [];
  const published = new Set(mapped.map((x) => `${x.containerPort}/${x.proto}`));
  const parts: string[] = [];
  for (const x of mapped) {
    parts.push(`${x.hostIp || '0.0.0.0'}:${x.hostPort}->${x.containerPort}/${x.proto}`);
    // docker-proxy also listens on IPv6 when the host address is the wildcard; CLI >= 27.2
    // brackets the address.
    if (x.hostIp === '0.0.0.0')
      parts.push(
        profile === 'current'
          ? `[::]:${x.hostPort}->${x.containerPort}/${x.proto}`
          : `:::${x.hostPort}->${x.containerPort}/${x.proto}`,
      );
  }
  for (const e of [...img.exposed, ...c.config.expose.map((x) => (x.includes('/') ? x : `${x}/tcp`))]) {
    if (!published.has(e)) parts.push(e);
  }
  return parts.join(', ');
}

/**
 * `docker port CONTAINER [PORT[/PROTO]]` (cli container/port.go): one line per host binding,
 * `80/tcp -> 0.0.0.0:8080`, the IPv6 twin after the IPv4 ones (`[::]:8080`; `:::8080` before
 * CLI 27.2, as in the PORTS column); with a port, only the host addresses.
 */
function cmdPort(w: World, p: ParsedFlags, profile: DockerProfile): Out {
  const c = findContainer(w.docker, p.args[0]!);
  if (!c) return fail(w, `${fromDaemon({ code: 'noSuchContainer', ref: p.args[0]! }, profile)}\n`);
  const mapped = c.status === 'running' ? (c.published ?? []) : [];
  const v6 = (port: number) => (profile === 'current' ? `[::]:${port}` : `:::${port}`);
  const lines = (key: string | undefined, withKey: boolean): string[] => {
    const out: string[] = [];
    const keys = [...new Set(mapped.map((m) => `${m.containerPort}/${m.proto}`))];
    for (const k of keys) {
      if (key !== undefined && k !== key) continue;
      const ms = mapped.filter((m) => `${m.containerPort}/${m.proto}` === k);
      const pre = withKey ? `${k} -> ` : '';
      for (const m of ms) out.push(`${pre}${m.hostIp}:${m.hostPort}`);
      for (const m of ms) if (m.hostIp === '0.0.0.0') out.push(`${pre}${v6(m.hostPort)}`);
    }
    return out;
  };
  const asked = p.args[1];
  if (asked === undefined) return ok(w, lines(undefined, false).length ? lines(undefined, true).join('\n') + '\n' : '');
  const key = asked.includes('/') ? asked : `${asked}/tcp`;
  const found = lines(key, false);
  if (found.length === 0) return fail(w, `Error: No public port '${key}' published for ${p.args[0]}\n`);
  return ok(w, found.join('\n') + '\n');
}

function containerField(w: World, c: Container, field: string, noTrunc: boolean): string {
  const profile = w.docker.profile;
  const cmd = c.config.cmd.join(' ');
  switch (field) {
    case 'ID':
      return noTrunc ? c.id : c.id.slice(0, 12);
    case 'Image':
      return c.config.image;
    case 'Command':
      return goQuote(noTrunc ? cmd : ellipsis(cmd, 20));
    case 'CreatedAt':
      return goTimeString(c.created);
    case 'RunningFor':
      return `${humanDuration(w.clock - c.created)} ago`;
    case 'Status':
      return statusText(c, w.clock);
    case 'State':
      return c.status;
    case 'Ports':
      return displayPorts(c, profile);
    case 'Names':
      return c.name;
    case 'Networks': {
      const m = c.config.networkMode;
      if (joinTarget(m) !== undefined) return '';
      const more = (c.config.connected ?? []).map((x) => w.docker.networks[x.networkId]?.name ?? '').filter(Boolean);
      return [m, ...more].join(',');
    }
    case 'Label':
    case 'Labels':
    case 'Mounts':
      return '';
  }
  return `<no value>`;
}

const HEADERS: Record<string, string> = {
  ID: 'CONTAINER ID',
  Image: 'IMAGE',
  Command: 'COMMAND',
  CreatedAt: 'CREATED AT',
  RunningFor: 'CREATED',
  Status: 'STATUS',
  State: 'STATE',
  Ports: 'PORTS',
  Names: 'NAMES',
  Networks: 'NETWORKS',
};

/** Renders a `--format` template over rows of fields (`{{.Name}}`, `\t`, `table` prefix). */
function renderFormat(format: string, rows: ((field: string) => string)[], headers: Record<string, string>): string {
  const table = format.startsWith('table');
  const body = (table ? format.slice(5).replace(/^\s/, '') : format).replace(/\\t/g, '\t').replace(/\\n/g, '\n');
  const fill = (get: (f: string) => string): string => body.replace(/{{\s*\.(\w+)\s*}}/g, (_, f: string) => get(f));
  let text = '';
  if (table) text += fill((f) => headers[f] ?? f.toUpperCase()) + '\n';
  for (const r of rows) text += fill(r) + '\n';
  return table ? tabwrite(text) : text;
}

function cmdPs(w: World, p: ParsedFlags): Out {
  let list = listContainers(w.docker);
  if (!flag(p, 'all')) list = list.filter((c) => c.status === 'running');
  for (const f of all(p, 'filter')) {
    const eq = f.indexOf('=');
    if (eq < 0)
      return fail(
        w,
        `invalid argument "${f}" for "-f, --filter" flag: bad format of filter (expected name=value)\nSee 'docker ps --help'.\n`,
        125,
      );
    const k = f.slice(0, eq);
    const v = f.slice(eq + 1);
    if (k === 'name') {
      // The daemon matches the name filter as a regular expression against "/name".
      let re: RegExp;
      try {
        re = new RegExp(v);
      } catch {
        re = /$^/;
      }
      list = list.filter((c) => re.test(`/${c.name}`));
    } else if (k === 'status') {
      // Filtering by status implies -a.
      list = listContainers(w.docker).filter(
        (c) => c.status === v && list.concat(listContainers(w.docker)).includes(c),
      );
    } else if (k === 'id') {
      list = list.filter((c) => c.id.startsWith(v));
    } else if (k === 'network') {
      list = list.filter(
        (c) => c.config.networkMode === v || (c.endpoint && w.docker.networks[c.endpoint.networkId]?.name === v),
      );
    } else {
      return fail(w, `Error response from daemon: invalid filter '${k}'\n`);
    }
  }
  if (flag(p, 'latest')) list = list.slice(0, 1);
  const noTrunc = flag(p, 'no-trunc');
  if (flag(p, 'quiet')) return ok(w, list.map((c) => `${noTrunc ? c.id : c.id.slice(0, 12)}\n`).join(''));
  const format =
    last(p, 'format') ??
    'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}';
  return ok(
    w,
    renderFormat(
      format,
      list.map((c) => (f: string) => containerField(w, c, f, noTrunc)),
      HEADERS,
    ),
  );
}

// ---------------------------------------------------------------- inspect

function cmdInspect(w: World, p: ParsedFlags): Out {
  const profile = w.docker.profile;
  const docs: unknown[] = [];
  const errors: string[] = [];
  for (const ref of p.args) {
    const c = findContainer(w.docker, ref);
    if (c) {
      docs.push(containerJson(w, c));
      continue;
    }
    const n = findNetwork(w.docker, ref);
    if (n) {
      docs.push(networkJson(w, n));
      continue;
    }
    errors.push(profile === 'current' ? `error: no such object: ${ref}` : `Error: No such object: ${ref}`);
  }
  return printDocs(w, docs, last(p, 'format'), errors);
}

function printDocs(w: World, docs: unknown[], format: string | undefined, errors: string[]): Out {
  let stdout = '';
  if (format === undefined) {
    stdout = docs.length ? `${indentJson(docs as never)}\n` : '[]\n';
  } else {
    for (const d of docs) {
      const r = execTemplate(format, d as never);
      if (!r.ok) return fail(w, `template parsing error: ${r.error}\n`, 64);
      stdout += `${r.text}\n`;
    }
  }
  if (errors.length) return fail(w, `${errors.join('\n')}\n`, 1, stdout);
  return ok(w, stdout);
}

// ---------------------------------------------------------------- lifecycle

function cmdLifecycle(w0: World, p: ParsedFlags, what: 'stop' | 'start' | 'restart', profile: DockerProfile): Out {
  let w = w0;
  let stdout = '';
  const errors: string[] = [];
  for (const ref of p.args) {
    const r =
      what === 'stop' ? stopContainer(w, ref) : what === 'start' ? startContainer(w, ref) : restartContainer(w, ref);
    if (!r.ok) {
      w = r.world;
      errors.push(fromDaemon(r.error, profile));
      continue;
    }
    w = r.world;
    stdout += `${ref}\n`;
  }
  if (errors.length) {
    // `docker start` of several: "Error: failed to start containers: a, b" follows the daemon errors.
    let stderr = errors.join('\n') + '\n';
    if (what === 'start')
      stderr += `Error: failed to start containers: ${p.args
        .filter((_, i) => i >= 0)
        .filter((r) => !stdout.split('\n').includes(r))
        .join(', ')}\n`;
    return fail(w, stderr, 1, stdout);
  }
  return ok(w, stdout);
}

function cmdRm(w0: World, p: ParsedFlags, profile: DockerProfile): Out {
  let w = w0;
  let stdout = '';
  const errors: string[] = [];
  for (const ref of p.args) {
    const r = removeContainer(w, ref, flag(p, 'force'));
    if (!r.ok) {
      errors.push(fromDaemon(r.error, profile));
      continue;
    }
    w = r.world;
    stdout += `${ref}\n`;
  }
  if (errors.length) return fail(w, errors.join('\n') + '\n', 1, stdout);
  return ok(w, stdout);
}

/** What the container's process printed, over every time it ran. */
export function containerLogs(w: World, c: Container): string {
  const img = imageOf(c);
  let out = '';
  const defaultCmd = c.config.cmd.join(' ') === [...img.entrypoint, ...img.cmd].join(' ');
  for (const run of c.runs) {
    if (img.repository === 'hwchiu/netutils') {
      // entrypoint.bash: `echo "Hello! ${SECONDS} secs elapsed..."; sleep 1s` forever; its TERM trap says goodbye.
      const end = run.finishedAt ?? w.clock;
      const seconds = Math.min(Math.floor((end - run.startedAt) / 1000), 100_000);
      for (let s = 0; s <= seconds; s++) out += `Hello! ${s} secs elapsed...\n`;
      if (run.end === 'stop') out += 'Cleaning up...\n';
    } else if (img.repository === 'nginx' && defaultCmd) {
      out +=
        '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration\n' +
        '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/\n' +
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh\n' +
        '10-listen-on-ipv6-by-default.sh: Getting the checksum of /etc/nginx/conf.d/default.conf\n' +
        '10-listen-on-ipv6-by-default.sh: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf\n' +
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh\n' +
        '/docker-entrypoint.sh: Configuration complete; ready for start up\n';
      if (run.bindFailed) out += nginxBindFailure(run.startedAt, run.bindFailed);
    }
  }
  return out + c.output;
}

/** nginx's error-log time stamp (ngx_cached_err_log_time): `YYYY/MM/DD HH:MM:SS`, the container's UTC. */
function nginxTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/**
 * What nginx prints when its listening socket is taken (ngx_open_listening_sockets): 5 tries
 * 500 ms apart, each logging every failed bind to the error log (/dev/stderr in the image) and
 * again to stderr with the `nginx: ` prefix, then "still could not bind()". The image's
 * nginx.conf logs at `warn`, so the `[notice] try again to bind()` lines are not shown.
 */
function nginxBindFailure(startedAt: number, f: { addr: string; port: number; v6: boolean }): string {
  const emerg = (at: number, what: string) => `${nginxTime(at)} [emerg] 1#1: ${what}\nnginx: [emerg] ${what}\n`;
  let out = '';
  for (let i = 0; i < 5; i++) {
    const at = startedAt + i * 500;
    out += emerg(at, `bind() to ${f.addr}:${f.port} failed (98: Address already in use)`);
    if (f.v6) out += emerg(at, `bind() to [::]:${f.port} failed (98: Address already in use)`);
  }
  return out + emerg(startedAt + 2500, 'still could not bind()');
}

function cmdLogs(w: World, p: ParsedFlags, profile: DockerProfile): Out {
  const c = findContainer(w.docker, p.args[0]!);
  if (!c) return fail(w, `${fromDaemon({ code: 'noSuchContainer', ref: p.args[0]! }, profile)}\n`);
  let text = containerLogs(w, c);
  const tail = last(p, 'tail');
  if (tail !== undefined && tail !== 'all' && /^\d+$/.test(tail)) {
    const lines = text.split('\n').slice(0, -1);
    text = lines
      .slice(Math.max(0, lines.length - Number(tail)))
      .map((l) => `${l}\n`)
      .join('');
  }
  return ok(w, text);
}

// ---------------------------------------------------------------- images, version, info

function cmdImages(w: World, p: ParsedFlags): Out {
  const filter = p.args[0];
  const list = IMAGES.filter((i) => !filter || findImage(filter) === i);
  if (flag(p, 'quiet')) return ok(w, list.map((i) => `${i.id.slice(7, 19)}\n`).join(''));
  let text = 'REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE\n';
  const sorted = [...list].sort((a, b) => b.created - a.created);
  for (const i of sorted) {
    text += `${i.repository}\t${i.tag}\t${flag(p, 'no-trunc') ? i.id : i.id.slice(7, 19)}\t${humanDuration(w.clock - i.created)} ago\t${humanSize(i.size)}\n`;
  }
  return ok(w, tabwrite(text));
}

const VERSIONS = {
  classic: {
    version: '24.0.7',
    api: '1.43',
    minApi: '1.12',
    go: 'go1.20.10',
    cli: 'afdd53b',
    engine: '311b9ff',
    built: 'Thu Oct 26 09:07:41 2023',
    containerd: '1.6.24',
    containerdCommit: '61f9fd88f79f081d64d6fa3bb1a0dc71ec870523',
    runc: '1.1.9',
    runcCommit: 'v1.1.9-0-gccaecfc',
    init: '0.19.0',
    initCommit: 'de40ad0',
  },
  current: {
    version: '29.1.3',
    api: '1.52',
    minApi: '1.44',
    go: 'go1.25.5',
    cli: 'f52814d',
    engine: 'fbf3ed2',
    built: 'Fri Dec 12 14:49:51 2025',
    containerd: 'v2.2.0',
    containerdCommit: '1c4457e00facac03ce1d75f7b6777a7a851e5c41',
    runc: '1.3.4',
    runcCommit: 'v1.3.4-0-gd6d73eb8',
    init: '0.19.0',
    initCommit: 'de40ad0',
  },
} as const;

function cmdVersion(w: World, profile: DockerProfile): Out {
  const v = VERSIONS[profile];
  const lines = [
    'Client: Docker Engine - Community',
    ` Version:\t${v.version}`,
    ` API version:\t${v.api}`,
    ` Go version:\t${v.go}`,
    ` Git commit:\t${v.cli}`,
    ` Built:\t${v.built}`,
    ' OS/Arch:\tlinux/amd64',
    ' Context:\tdefault',
    '',
    'Server: Docker Engine - Community',
    ' Engine:',
    `  Version:\t${v.version}`,
    `  API version:\t${v.api} (minimum version ${v.minApi})`,
    `  Go version:\t${v.go}`,
    `  Git commit:\t${v.engine}`,
    `  Built:\t${v.built}`,
    '  OS/Arch:\tlinux/amd64',
    '  Experimental:\tfalse',
    ' containerd:',
    `  Version:\t${v.containerd}`,
    `  GitCommit:\t${v.containerdCommit}`,
    ' runc:',
    `  Version:\t${v.runc}`,
    `  GitCommit:\t${v.runcCommit}`,
    ' docker-init:',
    `  Version:\t${v.init}`,
    `  GitCommit:\t${v.initCommit}`,
  ];
  // cli system/version.go: tabwriter.NewWriter(out, 20, 1, 1, ' ', 0).
  return ok(w, tabwrite(lines.join('\n') + '\n', { minwidth: 20, padding: 1 }));
}

function cmdInfo(w: World, profile: DockerProfile): Out {
  const v = VERSIONS[profile];
  const cs = Object.values(w.docker.containers);
  const running = cs.filter((c) => c.status === 'running').length;
  const lines = [
    'Client: Docker Engine - Community',
    ` Version:    ${v.version}`,
    ' Context:    default',
    ' Debug Mode: false',
    '',
    'Server:',
    ` Containers: ${cs.length}`,
    `  Running: ${running}`,
    '  Paused: 0',
    `  Stopped: ${cs.length - running}`,
    ` Images: ${IMAGES.length}`,
    ` Server Version: ${v.version}`,
    ' Storage Driver: overlay2',
    ' Logging Driver: json-file',
    ' Cgroup Driver: systemd',
    ' Cgroup Version: 2',
    ' Plugins:',
    '  Volume: local',
    '  Network: bridge host ipvlan macvlan null overlay',
    '  Log: awslogs fluentd gcplogs gelf journald json-file local splunk syslog',
    ' Swarm: inactive',
    ' Runtimes: io.containerd.runc.v2 runc',
    ' Default Runtime: runc',
    ` Kernel Version: ${profile === 'classic' ? '5.4.0-1025-aws' : '6.8.0-1021-aws'}`,
    ` Operating System: ${profile === 'classic' ? 'Ubuntu 20.04.1 LTS' : 'Ubuntu 24.04.3 LTS'}`,
    ' OSType: linux',
    ' Architecture: x86_64',
    ` Name: ${w.hostname}`,
    ' Docker Root Dir: /var/lib/docker',
    ' Debug Mode: false',
    ' Experimental: false',
    ' Insecure Registries:',
    '  127.0.0.0/8',
    ' Live Restore Enabled: false',
  ];
  return ok(w, lines.join('\n') + '\n');
}

// ---------------------------------------------------------------- networks

function cmdNetworkLs(w: World, p: ParsedFlags): Out {
  const nets = Object.values(w.docker.networks).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const noTrunc = flag(p, 'no-trunc');
  if (flag(p, 'quiet')) return ok(w, nets.map((n) => `${noTrunc ? n.id : n.id.slice(0, 12)}\n`).join(''));
  const get =
    (n: (typeof nets)[number]) =>
    (f: string): string =>
      ({
        ID: noTrunc ? n.id : n.id.slice(0, 12),
        Name: n.name,
        Driver: n.driver,
        Scope: 'local',
        IPv6: 'false',
        Internal: 'false',
      })[f] ?? '<no value>';
  const format = last(p, 'format') ?? 'table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}';
  return ok(
    w,
    renderFormat(format, nets.map(get), { ID: 'NETWORK ID', Name: 'NAME', Driver: 'DRIVER', Scope: 'SCOPE' }),
  );
}

function cmdNetworkInspect(w: World, p: ParsedFlags): Out {
  const profile = w.docker.profile;
  const docs: unknown[] = [];
  const errors: string[] = [];
  for (const ref of p.args) {
    const n = findNetwork(w.docker, ref);
    if (n) docs.push(networkJson(w, n));
    else errors.push(fromDaemon({ code: 'networkNotFound', ref }, profile === 'current' ? 'classic' : profile));
  }
  return printDocs(w, docs, last(p, 'format'), errors);
}

function cmdNetworkRm(w0: World, p: ParsedFlags, profile: DockerProfile): Out {
  let w = w0;
  let stdout = '';
  const errors: string[] = [];
  for (const ref of p.args) {
    const r = removeNetwork(w, ref);
    if (!r.ok) {
      // Only `docker run` prefixes "failed to set up container networking" to a missing network.
      errors.push(
        fromDaemon(r.error, profile === 'current' && r.error.code === 'networkNotFound' ? 'classic' : profile),
      );
      continue;
    }
    w = r.world;
    stdout += `${ref}\n`;
  }
  if (errors.length) {
    // CLI >= 28.0.1 also reports the exit status on a second line.
    const suffix = profile === 'current' ? 'exit status 1\n' : '';
    return fail(w, errors.join('\n') + '\n' + suffix, 1, stdout);
  }
  return ok(w, stdout);
}

function cmdNetworkCreate(w: World, p: ParsedFlags, profile: DockerProfile): Out {
  const nameError = networkNameError(p.args[0]!);
  if (nameError !== undefined) return fail(w, `Error response from daemon: ${nameError}\n`);
  const driver = last(p, 'driver') ?? 'bridge';
  // Only the bridge driver is modelled; any other is a plugin this daemon does not have.
  if (driver !== 'bridge') return fail(w, `Error response from daemon: plugin "${driver}" not found\n`);
  const subnet = last(p, 'subnet');
  const gateway = last(p, 'gateway');
  const r = createNetwork(w, {
    name: p.args[0]!,
    ...(subnet !== undefined ? { subnet } : {}),
    ...(gateway !== undefined ? { gateway } : {}),
    internal: flag(p, 'internal'),
  });
  if (!r.ok) return fail(w, fromDaemon(r.error, profile) + '\n');
  return ok(r.world, `${r.id}\n`);
}

function cmdNetworkConnect(w: World, p: ParsedFlags, profile: DockerProfile, connect: boolean): Out {
  const [net, ctr] = p.args as [string, string];
  const ip = last(p, 'ip');
  const r = connect
    ? connectNetwork(w, net, ctr, { aliases: all(p, 'alias'), ...(ip !== undefined ? { ip } : {}) })
    : disconnectNetwork(w, net, ctr);
  if (!r.ok)
    return fail(
      w,
      fromDaemon(r.error, profile === 'current' && r.error.code === 'networkNotFound' ? 'classic' : profile) + '\n',
    );
  return ok(r.world);
}

registerTool('docker', docker, ['host']);
