// tests/shell/parse.test.ts — the parser's AST: how a line splits into lists, pipelines, commands
// and word parts, and that it returns (never throws) for any input whatsoever.
// Syntax error texts are covered against real bash in bashLines.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, type CommandList, type SimpleCommand } from '../../src/shell';

function list(line: string): CommandList {
  const r = parse(line);
  if (!r.ok) throw new Error(`unexpected syntax error: ${r.message}`);
  return r.list;
}

const firstSimple = (line: string): SimpleCommand => {
  const cmd = list(line).items[0]!.first.commands[0]!;
  if (cmd.type !== 'simple') throw new Error('not a simple command');
  return cmd;
};

describe('parse', () => {
  it('splits a line into and-or lists, pipelines and commands', () => {
    const l = list('a | b && c || d; e');
    expect(l.items).toHaveLength(2);
    expect(l.items[0]!.first.commands).toHaveLength(2);
    expect(l.items[0]!.rest.map((r) => r.op)).toEqual(['&&', '||']);
  });

  it('keeps quoted and unquoted pieces of a word apart for run-time splitting', () => {
    const w = firstSimple(`echo a"b $X"'c'$Y`).words[1]!;
    expect(w.parts).toEqual([
      { type: 'text', value: 'a', quoted: false },
      { type: 'text', value: 'b ', quoted: true },
      { type: 'param', name: 'X', quoted: true },
      { type: 'text', value: 'c', quoted: true },
      { type: 'param', name: 'Y', quoted: false },
    ]);
  });

  it('parses $(…) into a nested command list', () => {
    const part = firstSimple('echo $(ip link | grep $(echo eth0))').words[1]!.parts[0]!;
    expect(part.type).toBe('cmdsub');
    if (part.type !== 'cmdsub') return;
    expect(part.body.items[0]!.first.commands).toHaveLength(2);
  });

  it('reads NAME=value before the command word as an assignment, and after it as an argument', () => {
    const cmd = firstSimple('A=1 B="x y" env C=2');
    expect(cmd.assigns.map((a) => a.name)).toEqual(['A', 'B']);
    expect(cmd.words.map((w) => w.raw)).toEqual(['env', 'C=2']);
  });

  it('reads `!` at the start of a pipeline as negation and elsewhere as a word', () => {
    expect(list('! true').items[0]!.first.negated).toBe(true);
    expect(firstSimple('echo !').words.map((w) => w.raw)).toEqual(['echo', '!']);
  });

  it('reads a redirection with a descriptor number', () => {
    expect(firstSimple('ip link 2>&1').redirects).toEqual([
      { fd: 2, op: '>&', target: { parts: [{ type: 'text', value: '1', quoted: false }], raw: '1' } },
    ]);
  });

  it('returns an exit-status-2 message instead of throwing, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ab |&;()<>$`\'"\\#{}!= \n') }), (line) => {
        const r = parse(line);
        expect(r.ok || r.message.startsWith('bash: ')).toBe(true);
      }),
    );
  });
});
