// The headless CLI: argument handling, script reading, and that the bin entry really runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, parseRunArgs, scriptLines } from '../../src/cli/run';

function call(argv: string[], stdin = '') {
  let out = '';
  let err = '';
  const status = main(argv, { out: (s) => (out += s), err: (s) => (err += s), stdin: () => stdin });
  return { status, out, err };
}

describe('netns-lab run', () => {
  it('skips blank lines and # comments', () => {
    expect(scriptLines('# setup\n\nip link\n  # indented comment\nip addr\n')).toEqual(['ip link', 'ip addr']);
  });
  it('reads options and refuses bad ones with a clear message', () => {
    expect(parseRunArgs(['--seed', '7', '--json', 'x.sh'])).toMatchObject({ seed: 7, json: true, file: 'x.sh' });
    expect(parseRunArgs(['--seed', 'abc', 'x.sh'])).toBe('netns-lab: --seed takes a whole number, not "abc"');
    expect(parseRunArgs(['--frobnicate', 'x.sh'])).toBe('netns-lab: unknown option "--frobnicate"');
    expect(parseRunArgs([])).toBe('netns-lab: no script given (a file name, or - for standard input)');
  });
  it('exits non-zero with a message for an unreadable file', () => {
    const r = call(['run', '/nonexistent/script.sh']);
    expect(r.status).toBe(1);
    expect(r.err).toBe('netns-lab: cannot read /nonexistent/script.sh: No such file or directory\n');
  });
  it('prints each line after "$ " and exits 0 even when a command fails', () => {
    const r = call(['run', '-'], 'nosuchcommand\n');
    expect(r.status).toBe(0);
    expect(r.out).toBe('$ nosuchcommand\nbash: nosuchcommand: command not found\n');
  });
  it('prints the transcript and the final state with --json', () => {
    const r = call(['run', '--json', '-'], 'nosuchcommand\n');
    const j = JSON.parse(r.out);
    expect(j.transcript).toEqual([
      { line: 'nosuchcommand', status: 127, stdout: '', stderr: 'bash: nosuchcommand: command not found\n' },
    ]);
    expect(Object.keys(j.state.kernel.netns)).toEqual(['netns:0']);
  });
  it('carries the last status into the next line, so `echo $?` works as in bash', () => {
    expect(call(['run', '-'], 'false\necho $?\necho $?\n').out).toBe('$ false\n$ echo $?\n1\n$ echo $?\n0\n');
  });
  it('gives the same transcript for the same seed', () => {
    const script = 'ip link\nip addr\n';
    expect(call(['run', '--seed', '3', '-'], script).out).toBe(call(['run', '--seed', '3', '-'], script).out);
  });
  it('runs through the package bin entry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'netns-lab-'));
    const file = join(dir, 's.sh');
    writeFileSync(file, 'hostname\n');
    const r = spawnSync(process.execPath, ['bin/netns-lab.mjs', 'run', file], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('$ hostname\ndocker-host\n');
    expect(r.status).toBe(0);
  });
});
