// tests/shell/tools/text.test.ts — the text tools called directly, for what whole lines cannot show:
// locale-dependent quoting per toolset, tools present in every toolset, hostname from the context.
// Expected texts were checked against GNU coreutils 9.1 on Debian 12 (LANG=C.UTF-8, and LANG unset).
import { describe, expect, it } from 'vitest';
import { findTool, hasTool, runLine } from '../../../src/shell';
import { fakeWorld, hostCtx, textOf } from '../helpers';

describe('text tools', () => {
  it("quote a bad number with ‘…’ on the host (UTF-8 locale) and with '…' in images (POSIX locale)", () => {
    expect(textOf(runLine(fakeWorld, 'echo a | head -n x', hostCtx), 2)).toBe('head: invalid number of lines: ‘x’\n');
    const image = { ...hostCtx, toolset: 'netutils' as const };
    expect(textOf(runLine(fakeWorld, 'echo a | tail -n 5x', image), 2)).toBe("tail: invalid number of lines: '5x'\n");
  });

  it('exist in every toolset', () => {
    for (const toolset of ['host', 'netutils', 'busybox', 'nginx'] as const) {
      for (const name of ['echo', 'grep', 'head', 'tail', 'wc', 'cat', 'true', 'false', 'hostname']) {
        expect(hasTool(name, toolset), `${name} in ${toolset}`).toBe(true);
      }
    }
  });

  it('return the World they were given', () => {
    const grep = findTool('grep', 'host')!;
    expect(grep(fakeWorld, ['grep', 'a'], { stdin: 'a\n' }, hostCtx).world).toBe(fakeWorld);
  });

  it('hostname prints the hostname of the context it runs in', () => {
    const ctx = { ...hostCtx, hostname: 'c1.example' };
    expect(textOf(runLine(fakeWorld, 'hostname; hostname -s', ctx), 1)).toBe('c1.example\nc1\n');
  });

  it('grep reads a pattern as a basic regular expression unless told otherwise', () => {
    // GNU grep 3.8: in a BRE, + and { are literal; \+ and \{…\} are the operators
    const grep = findTool('grep', 'host')!;
    const run = (argv: string[], stdin: string) => grep(fakeWorld, ['grep', ...argv], { stdin }, hostCtx).stdout;
    expect(run(['a\\+b'], 'aab\na+b\n')).toBe('aab\n');
    expect(run(['-E', 'a+?b'], 'b\nxy\n')).toBe('b\n');
    expect(run(['-o', '-w', 'veth1'], 'veth1 veth12 veth1\n')).toBe('veth1\nveth1\n');
  });
});

describe('session tools', () => {
  it('exist on the host only', () => {
    for (const name of ['clear', 'history', 'help']) {
      expect(hasTool(name, 'host')).toBe(true);
      expect(hasTool(name, 'netutils')).toBe(false);
    }
  });

  it('history N shows the last N entries with their numbers', () => {
    const ctx = { ...hostCtx, history: ['a', 'b', 'c'] };
    expect(textOf(runLine(fakeWorld, 'history 2', ctx), 1)).toBe('    3  c\n    4  history 2\n');
  });

  it('help lists the commands of the current toolset', () => {
    const out = textOf(runLine(fakeWorld, 'help', hostCtx), 1);
    for (const name of ['echo', 'grep', 'history']) expect(out).toContain(name);
  });
});
