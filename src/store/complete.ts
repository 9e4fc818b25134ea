// store/complete.ts — Tab completion for the terminal: commands, their subcommands and flags,
// container, network, interface and namespace names, read from the world. Pure: a line and a
// cursor in, the completed line and the candidates out.
import type { World } from '../docker/world';
import { INIT_NET, linksOf } from '../kernel';
import { toolNames } from '../shell/registry';

const WORDS: Record<string, string[]> = {
  docker: [
    'run',
    'ps',
    'exec',
    'inspect',
    'stop',
    'start',
    'restart',
    'rm',
    'logs',
    'network',
    'images',
    'create',
    '--network=',
    '--name',
    '-d',
    '-it',
    '--rm',
    '-a',
    '-q',
    '--filter',
    '--format',
    '-f',
    'ls',
    'hwchiu/netutils',
  ],
  ip: [
    'link',
    'addr',
    'address',
    'route',
    'netns',
    'neigh',
    'show',
    'add',
    'del',
    'set',
    'dev',
    'up',
    'down',
    'master',
    'nomaster',
    'type',
    'veth',
    'bridge',
    'peer',
    'name',
    'netns',
    'exec',
    'via',
    'default',
    '-n',
    '-d',
    '-s',
    '-br',
    '-c',
    '-4',
    '-6',
    '-j',
  ],
  ifconfig: ['-a', 'up', 'down', 'netmask', 'broadcast', 'mtu', 'hw', 'ether'],
  brctl: ['show', 'addbr', 'delbr', 'addif', 'delif', 'showmacs', 'showstp', 'stp'],
  bridge: ['link', 'fdb', 'vlan', 'show'],
};

function containerNames(w: World): string[] {
  return Object.values(w.docker.containers as Record<string, unknown>)
    .map((c) => (c && typeof c === 'object' ? (c as { name?: unknown }).name : undefined))
    .filter((n): n is string => typeof n === 'string');
}

/** Names the world offers for completion after a command: containers, networks, interfaces, namespaces. */
function worldNames(w: World, cmd: string): string[] {
  const out: string[] = [];
  const containers = Object.values(w.docker.containers as Record<string, unknown>)
    .map((c) => (c && typeof c === 'object' ? (c as { name?: unknown }).name : undefined))
    .filter((n): n is string => typeof n === 'string');
  const networks = Object.values(w.docker.networks as Record<string, unknown>)
    .map((n) => (n && typeof n === 'object' ? (n as { name?: unknown }).name : undefined))
    .filter((n): n is string => typeof n === 'string');
  if (cmd === 'docker') out.push(...containers, ...networks);
  if (cmd !== 'docker') {
    out.push(...linksOf(w.kernel, INIT_NET).map((l) => l.name));
    for (const ns of Object.values(w.kernel.netns)) if (ns.name) out.push(ns.name);
  }
  return out;
}

function commonPrefix(words: string[]): string {
  if (words.length === 0) return '';
  let p = words[0];
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

export interface Completion {
  line: string;
  cursor: number;
  /** Every candidate for the word at the cursor, sorted (shown when Tab is pressed twice). */
  candidates: string[];
}

/** Completes the word before the cursor. */
export function completeLine(w: World, line: string, cursor: number): Completion {
  const head = line.slice(0, cursor);
  const tail = line.slice(cursor);
  const m = /(\S*)$/.exec(head);
  const word = m ? m[1] : '';
  const before = head.slice(0, head.length - word.length);
  const segment = before.split(/[|;&]|\$\(/).pop() ?? '';
  const tokens = segment.trim().split(/\s+/).filter(Boolean);
  let pool: string[];
  let prefix = word;
  let lead = '';
  if (tokens.length === 0) {
    pool = toolNames('host');
  } else {
    const cmd = tokens[0];
    const eq = /^(--network=|--net=)(.*)$/.exec(word);
    if (cmd === 'docker' && eq) {
      lead = eq[1];
      prefix = eq[2];
      const containers = containerNames(w).map((n) => `container:${n}`);
      pool = ['none', 'host', 'bridge', ...containers];
    } else {
      pool = [...(WORDS[cmd] ?? []), ...worldNames(w, cmd)];
    }
  }
  const candidates = [...new Set(pool.filter((p) => p.startsWith(prefix)))].sort();
  if (candidates.length === 0) return { line, cursor, candidates };
  let done = commonPrefix(candidates);
  if (candidates.length === 1 && !/[=:]$/.test(done)) done += ' ';
  const newHead = before + lead + done;
  return { line: newHead + tail, cursor: newHead.length, candidates };
}

/** The prompt shown before each line. */
export function hostPromptOf(w: World): string {
  return `root@${w.hostname}:~# `;
}
