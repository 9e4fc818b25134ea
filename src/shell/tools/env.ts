// shell/tools/env.ts — `env` with no arguments: the environment of the process. In a container it
// is what dockerd gives an exec'd process (container.CreateDaemonEnvironment): PATH, HOSTNAME,
// TERM with -t, the legacy --link variables (daemon/links/links.go), the image's ENV, then HOME.
// Reads the world only.
import { findContainer, imageOf } from '../../docker/engine';
import { endpointsOf } from '../../docker/dns';
import type { Container } from '../../docker/types';
import type { World } from '../../docker/world';
import { parseLink } from '../files';
import { ALL_TOOLSETS, findTool, registerTool } from '../registry';
import type { Tool } from '../types';

const PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * The ENV of each image's config after PATH: nginx 1.19.3 (the October 2020 `latest`, whose
 * Dockerfile sets NGINX_VERSION, NJS_VERSION and PKG_RELEASE); the others set only PATH.
 */
const IMAGE_ENV: Record<string, string[]> = {
  nginx: ['NGINX_VERSION=1.19.3', 'NJS_VERSION=0.4.4', 'PKG_RELEASE=1~buster'],
};

/** The image's Config.Env, as the container keeps it. */
function imageEnv(c: Container): string[] {
  return [PATH, ...(IMAGE_ENV[imageOf(c).repository] ?? [])];
}

/** Exposed ports of a container in links.go's order (withTCPPriority): tcp first, then by number. */
function exposedPorts(c: Container): { port: number; proto: string }[] {
  const all = [...imageOf(c).exposed, ...c.config.expose.map((x) => (x.includes('/') ? x : `${x}/tcp`))];
  const uniq = [...new Set(all)].map((x) => {
    const [port, proto] = x.split('/');
    return { port: Number(port), proto: proto ?? 'tcp' };
  });
  const rank = (p: string) => (p === 'tcp' ? 0 : 1);
  return uniq.sort((a, b) =>
    a.proto === b.proto ? a.port - b.port : rank(a.proto) - rank(b.proto) || a.proto.localeCompare(b.proto),
  );
}

/** links.go ToEnv for one `--link`: ALIAS_PORT…, ALIAS_NAME, ALIAS_ENV_… (facts §8). */
function linkEnv(w: World, c: Container, spec: string): string[] {
  const { target, alias } = parseLink(spec);
  const child = findContainer(w.docker, target);
  const ip = child ? endpointsOf(child).find((e) => w.docker.networks[e.networkId]?.name === 'bridge')?.ip : undefined;
  if (!child || ip === undefined) return [];
  const A = alias.toUpperCase().replace(/-/g, '_');
  const env: string[] = [];
  const ports = exposedPorts(child);
  const url = (p: { port: number; proto: string }) => `${p.proto}://${ip}:${p.port}`;
  let start = ports[0];
  let end = ports[0];
  ports.forEach((p, i) => {
    // The first (lowest tcp) port is the link's default port.
    if (i === 0) env.push(`${A}_PORT=${url(p)}`);
    const P = `${A}_PORT_${p.port}_${p.proto.toUpperCase()}`;
    env.push(`${P}=${url(p)}`, `${P}_ADDR=${ip}`, `${P}_PORT=${p.port}`, `${P}_PROTO=${p.proto}`);
    // Consecutive ports of one protocol are also announced as a range (_START/_END).
    if (p.port === end!.port + 1 && p.proto === end!.proto) {
      end = p;
      if (i < ports.length - 1) return;
    }
    if (end !== start) {
      const S = `${A}_PORT_${start!.port}_${start!.proto.toUpperCase()}`;
      env.push(
        `${S}_START=${url(start!)}`,
        `${S}_PORT_START=${start!.port}`,
        `${S}_END=${url(end!)}`,
        `${S}_PORT_END=${end!.port}`,
      );
    }
    start = p;
    end = p;
  });
  env.push(`${A}_NAME=/${c.name}/${alias}`);
  // The child's own environment, without HOME and PATH.
  for (const v of imageEnv(child).slice(1)) {
    const i = v.indexOf('=');
    env.push(`${A}_ENV_${v.slice(0, i)}=${v.slice(i + 1)}`);
  }
  return env;
}

/** The environment of a process `docker exec` starts in container `c`. */
export function containerEnv(w: World, c: Container, tty = false): string[] {
  const env = [PATH, `HOSTNAME=${c.hostname}`];
  if (tty) env.push('TERM=xterm');
  for (const l of c.config.links) env.push(...linkEnv(w, c, l));
  // ReplaceOrAppendEnvValues: the image's PATH replaces the default in place.
  for (const v of imageEnv(c)) {
    const k = v.slice(0, v.indexOf('=') + 1);
    const i = env.findIndex((e) => e.startsWith(k));
    if (i >= 0) env[i] = v;
    else env.push(v);
  }
  env.push('HOME=/root');
  return env;
}

/** `env [NAME=VALUE…] [COMMAND [ARG…]]`: prints the environment, or runs COMMAND with it. */
const env: Tool = (world, argv, io, ctx) => {
  const args = argv.slice(1);
  const set: string[] = [];
  while (args[0] !== undefined && /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[0])) set.push(args.shift()!);
  const c = ctx.container !== undefined ? findContainer(world.docker, ctx.container) : undefined;
  const base = ctx.processEnv ?? (c ? containerEnv(world, c) : Object.entries(ctx.env).map(([k, v]) => `${k}=${v}`));
  if (args.length === 0) {
    const lines = [...base];
    for (const v of set) {
      const k = v.slice(0, v.indexOf('=') + 1);
      const i = lines.findIndex((e) => e.startsWith(k));
      if (i >= 0) lines[i] = v;
      else lines.push(v);
    }
    return { stdout: lines.map((l) => `${l}\n`).join(''), stderr: '', status: 0, world };
  }
  const tool = findTool(args[0]!, ctx.toolset);
  if (!tool) {
    const q = ctx.toolset === 'host' ? `‘${args[0]}’` : `'${args[0]}'`;
    return { stdout: '', stderr: `env: ${q}: No such file or directory\n`, status: 127, world };
  }
  const extra = Object.fromEntries(set.map((v) => [v.slice(0, v.indexOf('=')), v.slice(v.indexOf('=') + 1)]));
  return tool(world, args, io, { ...ctx, env: { ...ctx.env, ...extra } });
};

registerTool('env', env, ALL_TOOLSETS);
