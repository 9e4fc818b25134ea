// shell/tools/cut.ts — GNU coreutils 9.1 `cut -b/-c LIST` and `-d DELIM -f LIST [-s]` over stdin,
// the usual way to take the first 12 hex of a sandbox or container id in a command line.
// Characters are counted as bytes (the ids and names cut here are ASCII). Never changes the World.
import { ALL_TOOLSETS, registerTool } from '../registry';
import type { ExecContext, Tool } from '../types';
import { getopt } from './getopt';

type Range = [number, number];

function quote(ctx: ExecContext, s: string): string {
  return ctx.toolset === 'host' ? `‘${s}’` : `'${s}'`;
}

/** Parses `N`, `N-`, `-M`, `N-M`, comma-separated; an error text when invalid. */
function parseList(list: string, ctx: ExecContext, what: 'byte/character' | 'field'): Range[] | string {
  const ranges: Range[] = [];
  for (const part of list.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (m[1] === '' && m[3] === '')) return `cut: invalid ${what} position ${quote(ctx, part)}`;
    const from = m[1] === '' ? 1 : Number(m[1]);
    const to = m[2] === '' ? from : m[3] === '' ? Infinity : Number(m[3]);
    if (from === 0 || to === 0)
      return `cut: ${what === 'field' ? 'fields' : 'byte/character positions'} are numbered from 1`;
    if (to < from) return 'cut: invalid decreasing range';
    ranges.push([from, to]);
  }
  return ranges;
}

const inRanges = (i: number, r: Range[]) => r.some(([a, b]) => i >= a && i <= b);

const cut: Tool = (world, argv, io, ctx) => {
  const parsed = getopt('cut', argv.slice(1), {
    short: 'b:c:d:f:s',
    long: {
      bytes: { key: 'b', arg: 'required' },
      characters: { key: 'c', arg: 'required' },
      delimiter: { key: 'd', arg: 'required' },
      fields: { key: 'f', arg: 'required' },
      'only-delimited': { key: 's', arg: 'none' },
    },
  });
  const usage = (e: string) => ({
    stdout: '',
    stderr: `${e}\nTry 'cut --help' for more information.\n`,
    status: 1,
    world,
  });
  if (!parsed.ok) return usage(parsed.error);
  let mode: 'c' | 'f' | undefined;
  let list = '';
  let delim = '\t';
  let onlyDelimited = false;
  for (const o of parsed.opts) {
    if (o.key === 'b' || o.key === 'c' || o.key === 'f') {
      if (mode !== undefined) return usage('cut: only one list may be specified');
      mode = o.key === 'f' ? 'f' : 'c';
      list = o.value ?? '';
    } else if (o.key === 'd') {
      if ((o.value ?? '').length !== 1) return usage('cut: the delimiter must be a single character');
      delim = o.value!;
    } else if (o.key === 's') onlyDelimited = true;
  }
  if (mode === undefined) return usage('cut: you must specify a list of bytes, characters, or fields');
  const ranges = parseList(list, ctx, mode === 'f' ? 'field' : 'byte/character');
  if (typeof ranges === 'string') return usage(ranges);
  if (parsed.operands.some((f) => f !== '-'))
    return {
      stdout: '',
      stderr: `cut: ${parsed.operands.find((f) => f !== '-')}: No such file or directory\n`,
      status: 1,
      world,
    };
  const text = io.stdin;
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
  let out = '';
  for (const line of lines) {
    if (mode === 'c') {
      out += [...line].filter((_, i) => inRanges(i + 1, ranges)).join('') + '\n';
      continue;
    }
    if (!line.includes(delim)) {
      if (!onlyDelimited) out += line + '\n';
      continue;
    }
    out +=
      line
        .split(delim)
        .filter((_, i) => inRanges(i + 1, ranges))
        .join(delim) + '\n';
  }
  return { stdout: out, stderr: '', status: 0, world };
};

registerTool('cut', cut, ALL_TOOLSETS);
