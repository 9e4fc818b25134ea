// shell/tools/text.ts — the text tools people pipe network output through: echo (bash's
// builtin), grep, head, tail, wc, cat, sort, uniq, true, false, hostname, byte for byte as
// bash 5.2, GNU coreutils 9.1 and GNU grep 3.8 print them. Files are the simulated ones of
// shell/files.ts (computed from the World); any other operand is "No such file or directory".
// They never change the World.
import type { ExecContext, Tool, ToolResult } from '../types';
import type { World } from '../../docker/world';
import { readFile } from '../files';
import { ALL_TOOLSETS, registerTool } from '../registry';
import { getopt, type OptionSpec } from './getopt';
import { translatePosixRegex } from './posixRegex';

function result(world: World, stdout: string, stderr = '', status = 0): ToolResult {
  return { stdout, stderr, status, world };
}

/** coreutils quotes a user's value with ‘…’ in a UTF-8 locale (the host) and '…' in POSIX (images). */
function quote(ctx: ExecContext, s: string): string {
  return ctx.toolset === 'host' ? `‘${s}’` : `'${s}'`;
}

/** Splits text into lines without their terminators; a final line without `\n` still counts. */
function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  return lines;
}

const joinLines = (lines: string[]): string => lines.map((l) => l + '\n').join('');

const utf8 = new TextEncoder();
const byteLength = (s: string): number => utf8.encode(s).length;

function usageError(prog: string, error: string): string {
  return `${error}\nTry '${prog} --help' for more information.\n`;
}

// ---------------------------------------------------------------------------------------- echo

/** bash's builtin echo: `-n`, `-e`, `-E` only while they lead the arguments; `--` is a word. */
export const echo: Tool = (world, argv) => {
  let newline = true;
  let escapes = false;
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (!/^-[neE]+$/.test(a)) break;
    for (const f of a.slice(1)) {
      if (f === 'n') newline = false;
      else escapes = f === 'e';
    }
  }
  const text = argv.slice(i).join(' ');
  if (!escapes) return result(world, text + (newline ? '\n' : ''));
  const { text: out, stopped } = echoEscapes(text);
  return result(world, out + (newline && !stopped ? '\n' : ''));
};

/** The escapes of `echo -e`; `\c` stops all further output, the newline included. */
function echoEscapes(s: string): { text: string; stopped: boolean } {
  const simple: Record<string, string> = {
    a: '\x07',
    b: '\b',
    e: '\x1b',
    E: '\x1b',
    f: '\f',
    n: '\n',
    r: '\r',
    t: '\t',
    v: '\v',
    '\\': '\\',
  };
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const n = s[i + 1];
    if (c !== '\\' || n === undefined) {
      out += c;
      continue;
    }
    if (n in simple) {
      out += simple[n];
      i++;
    } else if (n === 'c') {
      return { text: out, stopped: true };
    } else if (n === '0') {
      const m = /^[0-7]{0,3}/.exec(s.slice(i + 2))![0];
      out += String.fromCharCode(parseInt(m || '0', 8) & 0xff);
      i += 1 + m.length;
    } else if (n === 'x' || n === 'u' || n === 'U') {
      const max = n === 'x' ? 2 : n === 'u' ? 4 : 8;
      const m = new RegExp(`^[0-9A-Fa-f]{1,${max}}`).exec(s.slice(i + 2));
      if (!m) {
        out += '\\' + n;
      } else {
        const cp = parseInt(m[0], 16);
        out += cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
        i += m[0].length;
      }
      i++;
    } else {
      out += '\\' + n;
      i++;
    }
  }
  return { text: out, stopped: false };
}

// ---------------------------------------------------------------------------------------- grep

const GREP_USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";
const STDIN_LABEL = '(standard input)';

const GREP_OPTIONS: OptionSpec = {
  short: 'EFGivywxcnoqse:hHlLm:A:B:C:',
  long: {
    'extended-regexp': { key: 'E', arg: 'none' },
    'fixed-strings': { key: 'F', arg: 'none' },
    'basic-regexp': { key: 'G', arg: 'none' },
    'ignore-case': { key: 'i', arg: 'none' },
    'no-ignore-case': { key: 'no-ignore-case', arg: 'none' },
    'invert-match': { key: 'v', arg: 'none' },
    'word-regexp': { key: 'w', arg: 'none' },
    'line-regexp': { key: 'x', arg: 'none' },
    count: { key: 'c', arg: 'none' },
    'line-number': { key: 'n', arg: 'none' },
    'only-matching': { key: 'o', arg: 'none' },
    quiet: { key: 'q', arg: 'none' },
    silent: { key: 'q', arg: 'none' },
    'no-messages': { key: 's', arg: 'none' },
    regexp: { key: 'e', arg: 'required' },
    'no-filename': { key: 'h', arg: 'none' },
    'with-filename': { key: 'H', arg: 'none' },
    'files-with-matches': { key: 'l', arg: 'none' },
    'files-without-match': { key: 'L', arg: 'none' },
    'max-count': { key: 'm', arg: 'required' },
    'after-context': { key: 'A', arg: 'required' },
    'before-context': { key: 'B', arg: 'required' },
    context: { key: 'C', arg: 'required' },
    color: { key: 'color', arg: 'optional' },
    colour: { key: 'color', arg: 'optional' },
  },
};

interface GrepMatcher {
  test(line: string): boolean;
  /** Non-empty matches in the line, left to right, for `-o`. */
  matches(line: string): string[];
}

function buildMatcher(
  patterns: string[],
  mode: 'G' | 'E' | 'F',
  o: { i: boolean; w: boolean; x: boolean },
): { ok: true; matcher: GrepMatcher; warnings: string[] } | { ok: false; error: string } {
  const regexes: RegExp[] = [];
  const warnings: string[] = [];
  for (const p of patterns) {
    let source: string;
    if (mode === 'F') {
      source = [...p].map((c) => ('^$\\.*+?()[]{}|/'.includes(c) ? '\\' + c : c)).join('');
    } else {
      const r = translatePosixRegex(p, mode === 'E');
      if (!r.ok) return r;
      warnings.push(...r.warnings);
      source = r.source;
    }
    if (o.x) source = `^(?:${source})$`;
    else if (o.w) source = `(?<![0-9A-Za-z_])(?:${source})(?![0-9A-Za-z_])`;
    try {
      regexes.push(new RegExp(source, o.i ? 'giu' : 'gu'));
    } catch {
      return { ok: false, error: 'grep: Invalid regular expression' };
    }
  }
  const test = (line: string): boolean =>
    regexes.some((re) => {
      re.lastIndex = 0;
      return re.test(line);
    });
  const matches = (line: string): string[] => {
    const found: string[] = [];
    let pos = 0;
    while (pos <= line.length) {
      // GNU grep takes the leftmost match, and the longest among those starting there.
      let best: { index: number; text: string } | null = null;
      for (const re of regexes) {
        re.lastIndex = pos;
        const m = re.exec(line);
        if (!m) continue;
        if (!best || m.index < best.index || (m.index === best.index && m[0].length > best.text.length)) {
          best = { index: m.index, text: m[0] };
        }
      }
      if (!best) break;
      if (best.text === '') {
        pos = best.index + 1;
        continue;
      }
      found.push(best.text);
      pos = best.index + best.text.length;
    }
    return found;
  };
  return { ok: true, matcher: { test, matches }, warnings };
}

function parseGrepCount(value: string): number | null {
  return /^[0-9]+$/.test(value) ? Number(value) : null;
}

export const grep: Tool = (world, argv, io) => {
  const parsed = getopt('grep', argv.slice(1), GREP_OPTIONS);
  if (!parsed.ok) return result(world, '', `${parsed.error}\n${GREP_USAGE}`, 2);
  let mode: 'G' | 'E' | 'F' = 'G';
  const f = { i: false, v: false, w: false, x: false, c: false, n: false, o: false, q: false, s: false };
  let withName: boolean | undefined;
  let list: 'l' | 'L' | undefined;
  let maxCount = Infinity;
  let after = 0;
  let before = 0;
  const patterns: string[] = [];
  let explicitPatterns = false;
  for (const { key, value } of parsed.opts) {
    switch (key) {
      case 'E':
      case 'F':
      case 'G':
        mode = key;
        break;
      case 'i':
      case 'y':
        f.i = true;
        break;
      case 'no-ignore-case':
        f.i = false;
        break;
      case 'v':
      case 'w':
      case 'x':
      case 'c':
      case 'n':
      case 'o':
      case 'q':
      case 's':
        f[key] = true;
        break;
      case 'e':
        patterns.push(...value!.split('\n'));
        explicitPatterns = true;
        break;
      case 'h':
        withName = false;
        break;
      case 'H':
        withName = true;
        break;
      case 'l':
      case 'L':
        list = key;
        break;
      case 'm': {
        const n = parseGrepCount(value!);
        if (n === null) return result(world, '', 'grep: invalid max count\n', 2);
        maxCount = n;
        break;
      }
      case 'A':
      case 'B':
      case 'C': {
        const n = parseGrepCount(value!);
        if (n === null) return result(world, '', `grep: ${value}: invalid context length argument\n`, 2);
        if (key !== 'B') after = n;
        if (key !== 'A') before = n;
        break;
      }
      case 'color':
        break;
    }
  }
  const operands = [...parsed.operands];
  if (!explicitPatterns) {
    if (operands.length === 0) return result(world, '', GREP_USAGE, 2);
    patterns.push(...operands.shift()!.split('\n'));
  }
  const built = buildMatcher(patterns, mode, f);
  if (!built.ok) return result(world, '', built.error + '\n', 2);
  let stderr = built.warnings.map((w) => w + '\n').join('');
  const { matcher } = built;

  const inputs = operands.length === 0 ? ['-'] : operands;
  const showName = withName ?? inputs.length > 1;
  let stdout = '';
  let selectedAny = false;
  let error = false;
  let stdinUsed = false;
  for (const input of inputs) {
    if (input !== '-') {
      if (!f.s) stderr += `grep: ${input}: No such file or directory\n`;
      error = true;
      continue;
    }
    const text = stdinUsed ? '' : io.stdin;
    stdinUsed = true;
    const r = grepOne(splitLines(text), matcher, f, {
      maxCount,
      after,
      before,
      list,
      label: showName ? STDIN_LABEL : undefined,
    });
    if (r.selected > 0) selectedAny = true;
    if (f.q && selectedAny) return result(world, '', stderr, 0);
    if (list === 'l' && r.selected > 0) stdout += STDIN_LABEL + '\n';
    else if (list === 'L' && r.selected === 0) stdout += STDIN_LABEL + '\n';
    else if (!list && f.c) stdout += (showName ? STDIN_LABEL + ':' : '') + r.selected + '\n';
    else if (!list) stdout += r.out;
  }
  if (f.q) stdout = '';
  const status = error && !(f.q && selectedAny) ? 2 : selectedAny ? 0 : 1;
  return result(world, stdout, stderr, status);
};

function grepOne(
  lines: string[],
  matcher: GrepMatcher,
  f: { v: boolean; n: boolean; o: boolean },
  o: { maxCount: number; after: number; before: number; list?: 'l' | 'L'; label?: string },
): { selected: number; out: string } {
  let out = '';
  let selected = 0;
  let lastPrinted = -1;
  let afterLeft = 0;
  const contextUsed = o.after > 0 || o.before > 0;
  const prefix = (idx: number, sep: ':' | '-'): string =>
    (o.label !== undefined ? o.label + sep : '') + (f.n ? `${idx + 1}${sep}` : '');
  const printLine = (idx: number, sep: ':' | '-'): void => {
    if (contextUsed && lastPrinted >= 0 && idx > lastPrinted + 1) out += '--\n';
    out += prefix(idx, sep) + lines[idx] + '\n';
    lastPrinted = idx;
  };
  for (let idx = 0; idx < lines.length; idx++) {
    const line = lines[idx]!;
    if (selected >= o.maxCount) {
      // grep -m stops selecting, but still prints the trailing context of the last match.
      if (afterLeft > 0 && !f.o) {
        printLine(idx, '-');
        afterLeft--;
        continue;
      }
      break;
    }
    const isSelected = matcher.test(line) !== f.v;
    if (!isSelected) {
      if (afterLeft > 0 && !f.o) {
        printLine(idx, '-');
        afterLeft--;
      }
      continue;
    }
    selected++;
    if (f.o) {
      if (f.v) continue;
      if (contextUsed && lastPrinted >= 0 && idx > lastPrinted + 1) out += '--\n';
      for (const m of matcher.matches(line)) out += prefix(idx, ':') + m + '\n';
      lastPrinted = idx;
      continue;
    }
    for (let b = Math.max(lastPrinted + 1, idx - o.before); b < idx; b++) printLine(b, '-');
    printLine(idx, ':');
    afterLeft = o.after;
  }
  return { selected, out };
}

// ------------------------------------------------------------------------------- head and tail

/** `head -5` and `tail -5`: the old form, rewritten to `-n 5` before getopt sees it. */
function rewriteObsoleteCount(args: string[]): string[] {
  return args.map((a, i) => {
    if (/^-[0-9]+$/.test(a) && (i === 0 || !/^-[nc]$/.test(args[i - 1]!))) return '-n' + a.slice(1);
    return a;
  });
}

const HEAD_TAIL_OPTIONS: OptionSpec = {
  short: 'c:n:qv',
  long: {
    lines: { key: 'n', arg: 'required' },
    bytes: { key: 'c', arg: 'required' },
    quiet: { key: 'q', arg: 'none' },
    silent: { key: 'q', arg: 'none' },
    verbose: { key: 'v', arg: 'none' },
  },
};

function headTail(which: 'head' | 'tail'): Tool {
  return (world, argv, io, ctx) => {
    const parsed = getopt(which, rewriteObsoleteCount(argv.slice(1)), HEAD_TAIL_OPTIONS);
    if (!parsed.ok) return result(world, '', usageError(which, parsed.error), 1);
    let unit: 'lines' | 'bytes' = 'lines';
    let count = 10;
    let sign: '' | '-' | '+' = '';
    let headers: boolean | undefined;
    for (const { key, value } of parsed.opts) {
      if (key === 'q') headers = false;
      else if (key === 'v') headers = true;
      else {
        unit = key === 'n' ? 'lines' : 'bytes';
        const m = /^([+-]?)([0-9]+)$/.exec(value!);
        const shown = which === 'head' ? value!.replace(/^-/, '') : value!;
        if (!m) return result(world, '', `${which}: invalid number of ${unit}: ${quote(ctx, shown)}\n`, 1);
        sign = m[1] as '' | '-' | '+';
        count = Number(m[2]);
      }
    }
    const inputs = parsed.operands.length === 0 ? ['-'] : parsed.operands;
    const showHeaders = headers ?? inputs.length > 1;
    let stdout = '';
    let stderr = '';
    let status = 0;
    let first = true;
    for (const input of inputs) {
      if (input !== '-') {
        stderr += `${which}: cannot open '${input}' for reading: No such file or directory\n`;
        status = 1;
        continue;
      }
      if (showHeaders) stdout += `${first ? '' : '\n'}==> standard input <==\n`;
      first = false;
      stdout += unit === 'lines' ? pickLines(which, io.stdin, count, sign) : pickBytes(which, io.stdin, count, sign);
    }
    return result(world, stdout, stderr, status);
  };
}

function pickLines(which: 'head' | 'tail', text: string, n: number, sign: '' | '-' | '+'): string {
  const lines = text.split(/(?<=\n)/).filter((l) => l !== '');
  if (which === 'head')
    return (sign === '-' ? lines.slice(0, Math.max(0, lines.length - n)) : lines.slice(0, n)).join('');
  if (sign === '+') return lines.slice(Math.max(0, n - 1)).join('');
  return n === 0 ? '' : lines.slice(-n).join('');
}

function pickBytes(which: 'head' | 'tail', text: string, n: number, sign: '' | '-' | '+'): string {
  const bytes = utf8.encode(text);
  let slice: Uint8Array;
  if (which === 'head') slice = sign === '-' ? bytes.slice(0, Math.max(0, bytes.length - n)) : bytes.slice(0, n);
  else if (sign === '+') slice = bytes.slice(Math.max(0, n - 1));
  else slice = n === 0 ? new Uint8Array() : bytes.slice(-n);
  return new TextDecoder().decode(slice);
}

// ------------------------------------------------------------------------------------------ wc

const WC_OPTIONS: OptionSpec = {
  short: 'clmwL',
  long: {
    bytes: { key: 'c', arg: 'none' },
    chars: { key: 'm', arg: 'none' },
    lines: { key: 'l', arg: 'none' },
    words: { key: 'w', arg: 'none' },
    'max-line-length': { key: 'L', arg: 'none' },
  },
};

function wcCounts(text: string): Record<'l' | 'w' | 'm' | 'c' | 'L', number> {
  let maxLen = 0;
  for (const line of text.split('\n')) {
    let col = 0;
    for (const ch of line) col = ch === '\t' ? col + 8 - (col % 8) : col + 1;
    maxLen = Math.max(maxLen, col);
  }
  return {
    l: (text.match(/\n/g) ?? []).length,
    w: text.split(/[ \t\n\v\f\r]+/).filter((x) => x !== '').length,
    m: [...text].length,
    c: byteLength(text),
    L: maxLen,
  };
}

export const wc: Tool = (world, argv, io) => {
  const parsed = getopt('wc', argv.slice(1), WC_OPTIONS);
  if (!parsed.ok) return result(world, '', usageError('wc', parsed.error), 1);
  const chosen = new Set(parsed.opts.map((o) => o.key));
  // wc(1): the order of the columns is fixed (lines, words, chars, bytes, max line length).
  const columns = (['l', 'w', 'm', 'c', 'L'] as const).filter((k) => chosen.has(k));
  if (columns.length === 0) columns.push('l', 'w', 'c');
  const inputs = parsed.operands.length === 0 ? [null] : parsed.operands;
  let stderr = '';
  let status = 0;
  const rows: { counts: Record<string, number>; name: string | null }[] = [];
  let stdinUsed = false;
  for (const input of inputs) {
    if (input !== null && input !== '-') {
      stderr += `wc: ${input}: No such file or directory\n`;
      status = 1;
      continue;
    }
    rows.push({ counts: wcCounts(stdinUsed ? '' : io.stdin), name: input });
    stdinUsed = true;
  }
  // Counts of stdin are padded to 7 columns, unless a single count of a single input is asked for.
  const firstFailed = inputs[0] !== null && inputs[0] !== '-';
  const width = firstFailed || (inputs.length === 1 && columns.length === 1) ? 1 : 7;
  const format = (counts: Record<string, number>, name: string | null): string =>
    columns.map((k) => String(counts[k]).padStart(width)).join(' ') + (name === null ? '' : ' ' + name) + '\n';
  let stdout = rows.map((r) => format(r.counts, r.name)).join('');
  if (inputs.length > 1) {
    const total: Record<string, number> = { l: 0, w: 0, m: 0, c: 0, L: 0 };
    for (const r of rows)
      for (const k of columns) total[k] = k === 'L' ? Math.max(total[k]!, r.counts[k]!) : total[k]! + r.counts[k]!;
    stdout += format(total, 'total');
  }
  return result(world, stdout, stderr, status);
};

// ----------------------------------------------------------------------------------------- cat

export const cat: Tool = (world, argv, io, ctx) => {
  const parsed = getopt('cat', argv.slice(1), {
    short: 'AbeEnstTuv',
    long: {
      'show-all': { key: 'A', arg: 'none' },
      'number-nonblank': { key: 'b', arg: 'none' },
      'show-ends': { key: 'E', arg: 'none' },
      number: { key: 'n', arg: 'none' },
      'squeeze-blank': { key: 's', arg: 'none' },
      'show-tabs': { key: 'T', arg: 'none' },
      'show-nonprinting': { key: 'v', arg: 'none' },
    },
  });
  if (!parsed.ok) return result(world, '', usageError('cat', parsed.error), 1);
  const k = new Set<string>();
  for (const { key } of parsed.opts) {
    if (key === 'A') ['v', 'E', 'T'].forEach((x) => k.add(x));
    else if (key === 'e') ['v', 'E'].forEach((x) => k.add(x));
    else if (key === 't') ['v', 'T'].forEach((x) => k.add(x));
    else k.add(key);
  }
  const inputs = parsed.operands.length === 0 ? ['-'] : parsed.operands;
  let stdout = '';
  let stderr = '';
  let status = 0;
  let lineNo = 0;
  let stdinUsed = false;
  for (const input of inputs) {
    // Files are the simulated ones a namespace shows (shell/files.ts); everything else is missing.
    const file = input === '-' ? undefined : readFile(world, ctx, input);
    if (input !== '-' && file === undefined) {
      stderr += `cat: ${input}: No such file or directory\n`;
      status = 1;
      continue;
    }
    const text = file ?? (stdinUsed ? '' : io.stdin);
    if (file === undefined) stdinUsed = true;
    if (k.size === 0) {
      stdout += text;
      continue;
    }
    const pieces = text.split(/(?<=\n)/).filter((l) => l !== '');
    let prevBlank = false;
    for (const piece of pieces) {
      const hasNl = piece.endsWith('\n');
      let body = hasNl ? piece.slice(0, -1) : piece;
      const blank = body === '' && hasNl;
      if (k.has('s') && blank && prevBlank) continue;
      prevBlank = blank;
      if (k.has('v')) body = showNonprinting(body, k.has('T'));
      else if (k.has('T')) body = body.replace(/\t/g, '^I');
      let number = '';
      if (k.has('b') ? !blank : k.has('n')) number = `${String(++lineNo).padStart(6)}\t`;
      stdout += number + body + (hasNl ? (k.has('E') ? '$\n' : '\n') : '');
    }
  }
  return result(world, stdout, stderr, status);
};

function showNonprinting(s: string, tabs: boolean): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\t' && !tabs) out += ch;
    else if (c < 0x20) out += '^' + String.fromCharCode(c + 64);
    else if (c === 0x7f) out += '^?';
    else out += ch;
  }
  return out;
}

// ---------------------------------------------------------------------------------- sort, uniq

/** The leading number of a line as `sort -n` reads it (C locale: no thousands separators). */
function numericKey(s: string): number {
  const m = /^[ \t]*(-?)([0-9]*)(?:\.([0-9]*))?/.exec(s)!;
  if (m[2] === '' && (m[3] ?? '') === '') return 0;
  return Number(`${m[1]}${m[2] || '0'}.${m[3] || '0'}`);
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The text of fields `from`..`to` (1-based), as sort(1) cuts them: blank-separated, leading blanks kept. */
function sortKeyText(line: string, from: number, to: number | undefined, sep: string | undefined): string {
  const fields: string[] = sep === undefined ? (line.match(/[ \t]*[^ \t]+|[ \t]+$/g) ?? []) : line.split(sep);
  const joiner = sep ?? '';
  return fields.slice(from - 1, to).join(joiner);
}

export const sort: Tool = (world, argv, io) => {
  const parsed = getopt('sort', argv.slice(1), {
    short: 'fnrusk:t:',
    long: {
      'ignore-case': { key: 'f', arg: 'none' },
      'numeric-sort': { key: 'n', arg: 'none' },
      reverse: { key: 'r', arg: 'none' },
      unique: { key: 'u', arg: 'none' },
      stable: { key: 's', arg: 'none' },
      key: { key: 'k', arg: 'required' },
      'field-separator': { key: 't', arg: 'required' },
    },
  });
  if (!parsed.ok) return result(world, '', usageError('sort', parsed.error), 2);
  const o = { f: false, n: false, r: false, u: false, s: false };
  let key: { from: number; to?: number } | undefined;
  let sep: string | undefined;
  for (const { key: k, value } of parsed.opts) {
    if (k === 'k') {
      const m = /^([0-9]+)(?:,([0-9]+))?$/.exec(value!);
      if (!m || Number(m[1]) === 0)
        return result(world, '', `sort: invalid number at field start: invalid count at start of '${value}'\n`, 2);
      key = { from: Number(m[1]), to: m[2] === undefined ? undefined : Number(m[2]) };
    } else if (k === 't') {
      if (value!.length !== 1) return result(world, '', `sort: multi-character tab '${value}'\n`, 2);
      sep = value;
    } else o[k as keyof typeof o] = true;
  }
  for (const input of parsed.operands) {
    if (input !== '-') return result(world, '', `sort: cannot read: ${input}: No such file or directory\n`, 2);
  }
  const keyOf = (line: string): string => (key ? sortKeyText(line, key.from, key.to, sep) : line);
  const compareKeys = (a: string, b: string): number => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    if (o.n) return numericKey(ka) - numericKey(kb);
    return o.f ? byCodePoint(ka.toUpperCase(), kb.toUpperCase()) : byCodePoint(ka, kb);
  };
  const sign = o.r ? -1 : 1;
  const lines = splitLines(io.stdin);
  // sort(1): lines whose keys compare equal fall back to a whole-line byte comparison, unless -s or -u.
  const sorted = [...lines].sort((a, b) => sign * (compareKeys(a, b) || (o.s || o.u ? 0 : byCodePoint(a, b))));
  const out = o.u ? sorted.filter((l, i) => i === 0 || compareKeys(sorted[i - 1]!, l) !== 0) : sorted;
  return result(world, joinLines(out));
};

export const uniq: Tool = (world, argv, io) => {
  const parsed = getopt('uniq', argv.slice(1), {
    short: 'cdui',
    long: {
      count: { key: 'c', arg: 'none' },
      repeated: { key: 'd', arg: 'none' },
      unique: { key: 'u', arg: 'none' },
      'ignore-case': { key: 'i', arg: 'none' },
    },
  });
  if (!parsed.ok) return result(world, '', usageError('uniq', parsed.error), 1);
  const o = new Set(parsed.opts.map((x) => x.key));
  const input = parsed.operands[0];
  if (input !== undefined && input !== '-') return result(world, '', `uniq: ${input}: No such file or directory\n`, 1);
  const same = (a: string, b: string): boolean => (o.has('i') ? a.toLowerCase() === b.toLowerCase() : a === b);
  const groups: { line: string; count: number }[] = [];
  for (const line of splitLines(io.stdin)) {
    const last = groups[groups.length - 1];
    if (last && same(last.line, line)) last.count++;
    else groups.push({ line, count: 1 });
  }
  let out = '';
  for (const g of groups) {
    if (o.has('d') && g.count === 1) continue;
    if (o.has('u') && g.count > 1) continue;
    out += (o.has('c') ? `${String(g.count).padStart(7)} ` : '') + g.line + '\n';
  }
  return result(world, out);
};

// ------------------------------------------------------------------------- true, false, hostname

export const trueTool: Tool = (world) => result(world, '');
export const falseTool: Tool = (world) => result(world, '', '', 1);

/** `hostname` with no argument, `-s` and `-f`; the name is the UTS namespace's, from the context. */
export const hostname: Tool = (world, argv, _io, ctx) => {
  const args = argv.slice(1);
  if (args.length === 0 || (args.length === 1 && ['-f', '--fqdn', '--long'].includes(args[0]!))) {
    return result(world, ctx.hostname + '\n');
  }
  if (args.length === 1 && (args[0] === '-s' || args[0] === '--short')) {
    return result(world, ctx.hostname.split('.')[0] + '\n');
  }
  return result(world, '', `hostname: you must be root to change the host name\n`, 1);
};

for (const [name, tool] of [
  ['echo', echo],
  ['grep', grep],
  ['head', headTail('head')],
  ['tail', headTail('tail')],
  ['wc', wc],
  ['cat', cat],
  ['sort', sort],
  ['uniq', uniq],
  ['true', trueTool],
  ['false', falseTool],
  ['hostname', hostname],
] as const) {
  registerTool(name, tool, ALL_TOOLSETS);
}
