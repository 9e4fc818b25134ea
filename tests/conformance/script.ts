// Conformance scripts: parsing, and the record both runners (real kernel, simulator) produce.
// A script is a shell file whose header declares the namespaces it creates (`# netns: a b`);
// every other non-comment line is one command line, run in the host's network namespace.
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ScriptLine {
  /**
   * The command line exactly as run. A trailing `# compare: stdout` (or `# compare: stdout-unordered`)
   * marker asks for the line's standard output to be compared too; it is removed before running.
   */
  text: string;
  /** 1-based line number in the script file, for messages. */
  lineNo: number;
  /** Also compare this line's standard output (MACs normalised), not only status and stderr. */
  compareStdout: boolean;
  /** Compare the output's lines as a sorted list (for output whose order the filesystem decides). */
  unordered: boolean;
}

export interface Script {
  name: string;
  /** What the script checks: its leading comment lines, joined. */
  about: string;
  /** The network namespaces the script may name (declared in `# netns:`). */
  netns: string[];
  lines: ScriptLine[];
}

/** What one command line did. */
export interface LineRecord {
  line: string;
  status: number;
  stdout: string;
  stderr: string;
}

/** A JSON dump taken after the script (e.g. `ip -n ns1 -j addr`). */
export interface DumpRecord {
  /** `host`, or the script's name of a namespace. */
  where: string;
  /** `link`, `addr`, `route` or `route6`. */
  what: DumpKind;
  cmd: string;
  status: number;
  stdout: string;
  stderr: string;
}

export type DumpKind = 'link' | 'addr' | 'route' | 'route6';

export interface RunRecord {
  script: string;
  lines: LineRecord[];
  dumps: DumpRecord[];
}

export const DUMP_KINDS: readonly DumpKind[] = ['link', 'addr', 'route', 'route6'];

/** The command line that dumps `what` for `where` (`host` or a namespace name). */
export function dumpCommand(where: string, what: DumpKind): string {
  const target = where === 'host' ? '' : `-n ${where} `;
  const obj = what === 'route6' ? '-6 route' : what;
  return `ip ${target}-j ${obj}`;
}

const STDOUT_MARKER = /\s+#\s*compare:\s*stdout(-unordered)?\s*$/;

/** Words after which iproute2 expects a network namespace name. */
const NETNS_FLAG_WORDS = new Set(['-n', '-netns', '--netns', 'netns']);
const NETNS_SUBCOMMANDS = new Set(['add', 'del', 'delete', 'exec', 'set', 'pids', 'identify', 'attach']);

/**
 * Positions (word indexes) of the words in `line` that name a network namespace:
 * `ip -n NAME`, `ip netns add|del|exec NAME`, `ip link set X netns NAME`.
 * Words are split on blanks; scripts keep namespace names free of quotes.
 */
export function netnsWordPositions(words: readonly string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < words.length; i++) {
    const prev = words[i - 1];
    const prev2 = words[i - 2];
    if (prev === undefined) continue;
    if (prev2 === 'netns' && NETNS_SUBCOMMANDS.has(prev)) {
      out.push(i);
    } else if (NETNS_FLAG_WORDS.has(prev) && !NETNS_SUBCOMMANDS.has(words[i] ?? '') && words[i] !== 'list') {
      out.push(i);
    }
  }
  return out;
}

export function parseScript(name: string, source: string): Script {
  const about: string[] = [];
  let netns: string[] | undefined;
  const lines: ScriptLine[] = [];
  source.split('\n').forEach((raw, idx) => {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#!')) return;
    if (trimmed.startsWith('#')) {
      const body = trimmed.replace(/^#\s?/, '');
      const decl = /^netns:(.*)$/.exec(body);
      if (decl) netns = (decl[1] ?? '').split(/\s+/).filter(Boolean);
      else if (lines.length === 0) about.push(body);
      return;
    }
    const marker = STDOUT_MARKER.exec(trimmed);
    lines.push({
      text: trimmed.replace(STDOUT_MARKER, ''),
      lineNo: idx + 1,
      compareStdout: marker !== null,
      unordered: marker?.[1] !== undefined,
    });
  });
  if (netns === undefined) throw new Error(`${name}: missing "# netns:" header line`);
  // Safety: every namespace a line names must be declared, so the real runner can
  // rename it into its private prefix and never touch a namespace it does not own.
  for (const l of lines) {
    const words = l.text.split(/\s+/);
    for (const i of netnsWordPositions(words)) {
      const w = words[i] ?? '';
      if (!netns.includes(w)) {
        throw new Error(`${name}:${l.lineNo}: namespace "${w}" is not declared in "# netns:"`);
      }
    }
  }
  return { name, about: about.join(' ').trim(), netns, lines };
}

export const SCRIPTS_DIR = fileURLToPath(new URL('./scripts', import.meta.url));

export function loadScripts(dir: string = SCRIPTS_DIR): Script[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sh'))
    .sort()
    .map((f) => parseScript(basename(f, '.sh'), readFileSync(join(dir, f), 'utf8')));
}
