// tests/shell/interpret.test.ts — the interpreter's contract with tools and callers: the World is
// threaded through commands in order, output chunks keep the order they were written in,
// toolsets decide what exists, and a throwing tool cannot crash a line.
// Texts bash itself prints (`command not found`, `$?`) were checked against bash 5.2 on Debian 12.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { World } from '../../src/docker/world';
import { registerTool, runLine, type Tool } from '../../src/shell';
import { fakeWorld, hostCtx, textOf } from './helpers';

/** Advances the clock by one and prints the clock it saw: shows which World each command got. */
const tick: Tool = (world, argv) => ({
  stdout: `${argv[1] ?? 'tick'} saw ${world.clock}\n`,
  stderr: '',
  status: 0,
  world: { ...world, clock: world.clock + 1 },
});
registerTool('tick', tick, ['host', 'netutils']);

/** Writes one line to stdout and one to stderr, like most tools reporting a partial failure. */
registerTool('both', (world) => ({ stdout: 'out\n', stderr: 'err\n', status: 3, world }), ['host']);

/** Echoes the stdin it received, bracketed, so tests see exactly what a pipe delivered. */
registerTool('show-stdin', (world, _argv, io) => ({ stdout: `[${io.stdin}]\n`, stderr: '', status: 0, world }), [
  'host',
]);

/** Prints the environment variable named by its argument. */
registerTool(
  'printenv-one',
  (world, argv, _io, ctx) => ({ stdout: `${ctx.env[argv[1]!] ?? ''}\n`, stderr: '', status: 0, world }),
  ['host'],
);

registerTool(
  'explode',
  () => {
    throw new Error('boom');
  },
  ['host'],
);

const world0 = { ...fakeWorld, clock: 100 } as World;

describe('runLine threads the World', () => {
  it('gives each command of a list the World the previous one returned', () => {
    const r = runLine(world0, 'tick a; tick b && tick c', hostCtx);
    expect(textOf(r, 1)).toBe('a saw 100\nb saw 101\nc saw 102\n');
    expect(r.world.clock).toBe(103);
  });

  it('runs pipeline members left to right, each seeing the World of the one before', () => {
    const r = runLine(world0, 'tick a | tick b | tick c', hostCtx);
    // a and b write into pipes that nobody reads; only c's output reaches the terminal
    expect(textOf(r, 1)).toBe('c saw 102\n');
    expect(r.world.clock).toBe(103);
  });

  it('runs command substitutions against the World too, before the command that uses them', () => {
    const r = runLine(world0, 'tick "$(tick inner)"', hostCtx);
    expect(textOf(r, 1)).toBe('inner saw 100 saw 101\n');
    expect(r.world.clock).toBe(102);
  });

  it('returns the World unchanged for a syntax error', () => {
    const r = runLine(world0, 'tick |', hostCtx);
    expect(r.world).toBe(world0);
    expect(r.status).toBe(2);
  });
});

describe('runLine output', () => {
  it("writes a command's stdout before its stderr, in the order commands ran", () => {
    const r = runLine(world0, 'both; echo next', hostCtx);
    expect(r.output).toEqual([
      { fd: 1, text: 'out\n' },
      { fd: 2, text: 'err\n' },
      { fd: 1, text: 'next\n' },
    ]);
  });

  it('sends the stderr of a pipeline member straight to the terminal, not into the pipe', () => {
    const r = runLine(world0, 'both | show-stdin', hostCtx);
    expect(r.output).toEqual([
      { fd: 2, text: 'err\n' },
      { fd: 1, text: '[out\n]\n' },
    ]);
  });

  it('puts stderr into the pipe for 2>&1 and |&', () => {
    expect(textOf(runLine(world0, 'both 2>&1 | show-stdin', hostCtx), 1)).toBe('[out\nerr\n]\n');
    expect(textOf(runLine(world0, 'both |& show-stdin', hostCtx), 1)).toBe('[out\nerr\n]\n');
  });

  it('gives the first command of a line empty stdin', () => {
    expect(textOf(runLine(world0, 'show-stdin', hostCtx), 1)).toBe('[]\n');
  });

  it('prints nothing and succeeds for an empty or blank line', () => {
    for (const line of ['', '   ', '# just a comment']) {
      const r = runLine(world0, line, hostCtx);
      expect(r.output).toEqual([]);
      expect(r.status).toBe(0);
    }
  });

  it('reports the status of the last command that ran', () => {
    expect(runLine(world0, 'both', hostCtx).status).toBe(3);
    expect(runLine(world0, 'both || true', hostCtx).status).toBe(0);
  });
});

describe('runLine and tools', () => {
  it('turns a tool that throws into "internal error", status 1, keeping the World', () => {
    const r = runLine(world0, 'tick a; explode now; echo $?', hostCtx);
    expect(r.output).toEqual([
      { fd: 1, text: 'a saw 100\n' },
      { fd: 2, text: 'bash: explode: internal error\n' },
      { fd: 1, text: '1\n' },
    ]);
    expect(r.world.clock).toBe(101);
  });

  it('treats a tool missing from the current toolset as not found', () => {
    const nginx = { ...hostCtx, toolset: 'nginx' as const };
    const r = runLine(world0, 'tick', nginx);
    expect(textOf(r, 2)).toBe('bash: tick: command not found\n');
    expect(r.status).toBe(127);
    expect(textOf(runLine(world0, 'tick', { ...hostCtx, toolset: 'netutils' }), 1)).toBe('tick saw 100\n');
  });

  it('finds a tool called by its path in a standard bin directory', () => {
    expect(textOf(runLine(world0, '/usr/bin/echo hi', hostCtx), 1)).toBe('hi\n');
    // bash 5.2: a path that does not exist is not looked up in $PATH
    const r = runLine(world0, '/opt/echo hi', hostCtx);
    expect(textOf(r, 2)).toBe('bash: /opt/echo: No such file or directory\n');
    expect(r.status).toBe(127);
  });

  it('passes VAR=value before a command to that command only', () => {
    const r = runLine(world0, 'FOO=bar printenv-one FOO; printenv-one FOO', hostCtx);
    expect(textOf(r, 1)).toBe('bar\n\n');
  });

  it('keeps variables assigned on a line for the rest of that line only', () => {
    expect(textOf(runLine(world0, 'x=1; echo $x', hostCtx), 1)).toBe('1\n');
    expect(textOf(runLine(world0, 'echo "[$x]"', hostCtx), 1)).toBe('[]\n');
  });

  it('expands variables from the context environment', () => {
    const ctx = { ...hostCtx, env: { HOME: '/root', NAME: 'c1' } };
    expect(textOf(runLine(world0, 'echo $NAME ${NAME}x', ctx), 1)).toBe('c1 c1x\n');
  });

  it('collects terminal effects such as clear', () => {
    const r = runLine(world0, 'echo a; clear', hostCtx);
    expect(r.effects).toEqual([{ type: 'clear' }]);
    expect(textOf(r, 1)).toBe('a\n');
  });

  it('lets history see the line being run as its last entry', () => {
    const ctx = { ...hostCtx, history: ['ip link', 'docker ps'] };
    expect(textOf(runLine(world0, 'history', ctx), 1)).toBe('    1  ip link\n    2  docker ps\n    3  history\n');
  });

  it('refuses to write files: netns-lab has no file system', () => {
    const r = runLine(world0, 'echo a > out.txt; echo $?', hostCtx);
    expect(textOf(r, 2)).toBe('bash: out.txt: Read-only file system\n');
    expect(textOf(r, 1)).toBe('1\n');
  });
});

describe('runLine robustness', () => {
  it('never throws, whatever the line', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ab |&;()<>$`\'"\\#{}!=-e \n'), maxLength: 30 }), (line) => {
        const r = runLine(world0, line, hostCtx);
        expect(typeof r.status).toBe('number');
      }),
    );
  });
});
