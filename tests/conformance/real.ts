// Real-side runner: replays a conformance script on the machine's kernel, inside private network
// namespaces (one stands in for the host), then dumps `ip -j` state once carrier and DAD settle.
// Every namespace it creates carries a per-run prefix and is removed in `finally` and by sweeps.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  DUMP_KINDS,
  dumpCommand,
  netnsWordPositions,
  type DumpRecord,
  type LineRecord,
  type RunRecord,
  type Script,
} from './script';

/** Where iproute2 keeps named namespaces. */
const NETNS_DIR = '/run/netns';
/**
 * Where the host stand-in's namespace is pinned. It is kept out of NETNS_DIR on purpose: a real
 * host's init_net has no name there, and iproute2 prints peers in named namespaces differently.
 */
export const HOST_PIN_DIR = '/run/netns-conformance';
/** Every name this suite creates matches this: cf<pid base 36>x<4 hex>s<script index>-<name>. */
const OWNED = /^cf([0-9a-z]+)x[0-9a-f]{4}s\d+-/;

const RUN_TAG = `cf${process.pid.toString(36)}x${randomBytes(2).toString('hex')}`;

const LINE_TIMEOUT_MS = 20_000;
/** The kernel's link watcher applies carrier changes within about a second. */
const SETTLE_MIN_MS = 1_200;
/** IPv6 DAD keeps new addresses `tentative` for one to two seconds. */
const SETTLE_MAX_MS = 4_500;
const SETTLE_POLL_MS = 200;

export interface ExecResult {
  status: number;
  stdout: string;
  stderr: string;
}

function run(argv: readonly string[]): Promise<ExecResult> {
  const [file, ...args] = argv;
  return new Promise((resolve) => {
    execFile(
      file ?? 'false',
      args,
      {
        timeout: LINE_TIMEOUT_MS,
        env: { ...process.env, LC_ALL: 'C', LANG: 'C', PATH: `/usr/sbin:/sbin:${process.env.PATH ?? '/usr/bin:/bin'}` },
        maxBuffer: 16 * 1024 * 1024,
      },
      (err, stdout, stderr) => {
        let status = 0;
        if (err) {
          const code = (err as NodeJS.ErrnoException & { code?: unknown }).code;
          status = typeof code === 'number' ? code : 127;
          if (err.killed) stderr += `\n[conformance: killed after ${LINE_TIMEOUT_MS} ms]`;
        }
        resolve({ status, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Why the real side cannot run here, or undefined when it can (root, iproute2, nsenter, unshare). */
export async function realUnavailableReason(): Promise<string | undefined> {
  if (process.platform !== 'linux') return `platform is ${process.platform}, not linux`;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    return 'not running as root (creating network namespaces needs CAP_SYS_ADMIN and CAP_NET_ADMIN)';
  }
  for (const [tool, arg] of [
    ['ip', '-V'],
    ['nsenter', '--version'],
    ['unshare', '--version'],
    ['brctl', '--version'],
    ['ifconfig', '--version'],
  ] as const) {
    const r = await run([tool, arg]);
    // net-tools' ifconfig --version exits 1 after printing its version; 127 means "not found".
    if (r.status === 127 || (r.stdout + r.stderr).includes('ENOENT')) {
      return `"${tool}" is not installed (Debian packages: iproute2, util-linux, bridge-utils, net-tools)`;
    }
  }
  return undefined;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function removeNamed(name: string): Promise<void> {
  await run(['ip', 'netns', 'del', name]);
}

async function removePinned(path: string): Promise<void> {
  await run(['umount', '-l', path]);
  rmSync(path, { force: true });
}

/**
 * Removes namespaces this suite left behind: those of dead runs, and (with `own`) this run's.
 * Names of live runs by other processes are left alone, so concurrent runs do not collide.
 */
export async function sweepLeftovers(own: boolean): Promise<string[]> {
  const removed: string[] = [];
  const stale = (name: string): boolean => {
    const m = OWNED.exec(name);
    if (!m) return false;
    const pid = parseInt(m[1] ?? '', 36);
    if (own && name.startsWith(`${RUN_TAG}s`)) return true;
    return pid !== process.pid && !pidAlive(pid);
  };
  if (existsSync(NETNS_DIR)) {
    for (const n of readdirSync(NETNS_DIR)) {
      if (stale(n)) {
        await removeNamed(n);
        removed.push(n);
      }
    }
  }
  if (existsSync(HOST_PIN_DIR)) {
    for (const n of readdirSync(HOST_PIN_DIR)) {
      if (stale(n)) {
        await removePinned(join(HOST_PIN_DIR, n));
        removed.push(n);
      }
    }
  }
  return removed;
}

/** One script's private naming: `ns1` becomes `cf…s3-ns1`; output maps it back. */
class Naming {
  readonly prefix: string;
  readonly hostPin: string;
  constructor(
    index: number,
    readonly declared: readonly string[],
  ) {
    this.prefix = `${RUN_TAG}s${index}`;
    this.hostPin = join(HOST_PIN_DIR, `${this.prefix}-host`);
  }
  real(name: string): string {
    return `${this.prefix}-${name}`;
  }
  /** Rewrites the namespace names of a script line, keeping its spacing and quoting intact. */
  line(text: string): string {
    const parts = text.split(/(\s+)/); // words at even indexes, blanks at odd ones
    const words = parts.filter((_, i) => i % 2 === 0);
    for (const w of netnsWordPositions(words)) {
      const word = words[w] ?? '';
      if (this.declared.includes(word)) parts[w * 2] = this.real(word);
    }
    return parts.join('');
  }
  /** Maps private names in tool output back to the script's names. */
  back(text: string): string {
    return text.split(`${this.prefix}-host`).join('<host>').split(`${this.prefix}-`).join('');
  }
}

/**
 * Runs one line in the host stand-in. A private mount namespace with a fresh sysfs makes
 * `/sys/class/net` (read by brctl) show the stand-in's devices. `ip netns add` must instead run in
 * the machine's mount namespace: the bind mount that keeps its new namespace alive would
 * otherwise vanish with the private mount namespace when the line ends.
 */
function runInHost(naming: Naming, text: string): Promise<ExecResult> {
  const line = naming.line(text);
  const enter = ['nsenter', `--net=${naming.hostPin}`];
  if (/\bnetns\s+add\b/.test(text)) return run([...enter, 'sh', '-c', line]);
  return run([
    ...enter,
    'unshare',
    '--mount',
    '--propagation',
    'private',
    'sh',
    '-c',
    'mount -t sysfs sysfs /sys || exit 125; exec sh -c "$1"',
    'sh',
    line,
  ]);
}

async function hasTentative(naming: Naming, where: string): Promise<boolean> {
  const argv =
    where === 'host'
      ? ['nsenter', `--net=${naming.hostPin}`, 'ip', '-j', 'addr']
      : ['ip', '-n', naming.real(where), '-j', 'addr'];
  const r = await run(argv);
  return r.status === 0 && r.stdout.includes('"tentative":true');
}

function existingNamespaces(naming: Naming): string[] {
  return naming.declared.filter((n) => existsSync(join(NETNS_DIR, naming.real(n))));
}

/** Waits until carrier changes are applied and no address of any of the script's namespaces is tentative. */
async function settle(naming: Naming): Promise<void> {
  await sleep(SETTLE_MIN_MS);
  const deadline = Date.now() + SETTLE_MAX_MS - SETTLE_MIN_MS;
  for (;;) {
    const places = ['host', ...existingNamespaces(naming)];
    const busy = (await Promise.all(places.map((p) => hasTentative(naming, p)))).some(Boolean);
    if (!busy || Date.now() > deadline) return;
    await sleep(SETTLE_POLL_MS);
  }
}

/** Replays `script` (the `index`-th of this run) on the real kernel. */
export async function runReal(script: Script, index: number): Promise<RunRecord> {
  const naming = new Naming(index, script.netns);
  const lines: LineRecord[] = [];
  const dumps: DumpRecord[] = [];
  try {
    mkdirSync(HOST_PIN_DIR, { recursive: true });
    writeFileSync(naming.hostPin, '');
    const made = await run(['unshare', `--net=${naming.hostPin}`, 'true']);
    if (made.status !== 0) throw new Error(`cannot create the host stand-in namespace: ${made.stderr}`);

    for (const l of script.lines) {
      // The simulator shows settled state; a line whose output is compared must see it too.
      if (l.compareStdout) await settle(naming);
      const r = await runInHost(naming, l.text);
      let stdout = naming.back(r.stdout);
      let stderr = naming.back(r.stderr);
      // `ip netns list` sees every named namespace on the machine: keep only the script's own.
      // It also asks the kernel for the nsid of each entry, and an entry that another process is
      // creating or deleting at that moment (not yet, or no longer, a namespace) makes it print
      // "Error: Peer netns reference is invalid." once per such entry: noise from outside.
      if (/^ip\s+netns(\s+(list|show|ls))?\s*$/.test(l.text)) {
        stdout = stdout
          .split('\n')
          .filter((row) => row === '' || script.netns.includes(row.split(' ')[0] ?? ''))
          .join('\n');
      }
      // Printing `link-netns NAME` makes iproute2 walk /run/netns the same way, so any `ip` line
      // can catch that message while other scripts of this suite create or delete namespaces.
      // No script line causes it itself: it is always noise from the suite's own concurrency.
      stderr = stderr.replaceAll('Error: Peer netns reference is invalid.\n', '');
      lines.push({ line: l.text, status: r.status, stdout, stderr });
    }

    // Let carrier (link watcher) and IPv6 duplicate address detection settle before dumping.
    await settle(naming);

    for (const where of ['host', ...script.netns]) {
      for (const what of DUMP_KINDS) {
        const cmd = dumpCommand(where, what);
        const r = await runInHost(naming, cmd);
        dumps.push({
          where,
          what,
          cmd,
          status: r.status,
          stdout: naming.back(r.stdout),
          stderr: naming.back(r.stderr),
        });
      }
    }
    return { script: script.name, lines, dumps };
  } finally {
    for (const n of script.netns) {
      if (existsSync(join(NETNS_DIR, naming.real(n)))) await removeNamed(naming.real(n));
    }
    if (existsSync(naming.hostPin)) await removePinned(naming.hostPin);
  }
}

/** Runs the real side of many scripts, a few at a time (each one mostly waits for the kernel). */
export async function runAllReal(scripts: readonly Script[], concurrency = 8): Promise<Map<string, RunRecord | Error>> {
  const out = new Map<string, RunRecord | Error>();
  let next = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const i = next++;
      const s = scripts[i];
      if (s === undefined) return;
      try {
        out.set(s.name, await runReal(s, i));
      } catch (e) {
        out.set(s.name, e instanceof Error ? e : new Error(String(e)));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, scripts.length) }, worker));
  return out;
}
