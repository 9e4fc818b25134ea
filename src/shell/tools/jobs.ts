// shell/tools/jobs.ts — bash's job-control builtins on the host: `jobs`, `fg` and `kill`, over the
// job table of ../jobs.ts. Formats from bash 5.2 and tcpdump 4.99 in an interactive shell
// (tests/shell/jobs.test.ts cites them).
import type { World } from '../../docker/world';
import { endJob, jobLine, statistics, withoutEnded, type Job } from '../jobs';
import { registerTool } from '../registry';
import type { ExecContext, Tool, ToolResult } from '../types';

function result(world: World, stdout: string, stderr = '', status = 0): ToolResult {
  return { stdout, stderr, status, world };
}

/** `%N`, `%%`, `%+`, `%-` or nothing (the current job). */
function findJob(jobs: readonly Job[], spec: string | undefined): Job | undefined {
  if (spec === undefined || spec === '%%' || spec === '%+' || spec === '%') return jobs[jobs.length - 1];
  if (spec === '%-') return jobs[jobs.length - 2];
  const m = /^%([0-9]+)$/.exec(spec);
  return m ? jobs.find((j) => j.n === Number(m[1])) : undefined;
}

/** `jobs`: every job; the ended ones are reported here and leave the table. */
export const jobsTool: Tool = (world, argv) => {
  const jobs = world.jobs ?? [];
  const args = argv.slice(1);
  const listed = args.length ? args.map((a) => ({ a, j: findJob(jobs, a) })) : jobs.map((j) => ({ a: '', j }));
  let out = '';
  let err = '';
  for (const { a, j } of listed) {
    if (j) out += jobLine(jobs, j);
    else err += `bash: jobs: ${a}: no such job\n`;
  }
  const ended = listed.flatMap(({ j }) => (j?.ended ? [j] : []));
  return result(withoutEnded(world, ended), out, err, err ? 1 : 0);
};

/** `kill [-SIG] %N|PID`: ends a job. tcpdump catches TERM and INT, prints its statistics and exits 0. */
export const killTool: Tool = (world, argv) => {
  let args = argv.slice(1);
  let sig = 'TERM';
  if (args[0] === '-s' || args[0] === '-n') {
    sig = (args[1] ?? '').toUpperCase().replace(/^SIG/, '');
    args = args.slice(2);
  } else if (args[0]?.startsWith('-') && args[0] !== '-') {
    sig = args[0].slice(1).toUpperCase().replace(/^SIG/, '');
    args = args.slice(1);
  }
  if (args.length === 0)
    return result(
      world,
      '',
      'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n',
      2,
    );
  const killed = sig === '9' || sig === 'KILL';
  let w = world;
  let err = '';
  let status = 0;
  for (const a of args) {
    const jobs = w.jobs ?? [];
    const j = a.startsWith('%') ? findJob(jobs, a) : jobs.find((x) => String(x.pid) === a);
    if (!j) {
      err += a.startsWith('%')
        ? `bash: kill: ${a}: no such job\n`
        : /^[0-9]+$/.test(a)
          ? `bash: kill: (${a}) - No such process\n`
          : `bash: kill: ${a}: arguments must be process or job IDs\n`;
      status = 1;
      continue;
    }
    if (j.ended) {
      err += `bash: kill: (${j.pid}) - No such process\n`;
      status = 1;
      continue;
    }
    if (j.capture && !killed) err += statistics(j.capture.captured, j.capture.received, true);
    w = endJob(w, j.n, killed ? 'Killed' : 'Done', false);
  }
  return result(w, '', err, status);
};

/**
 * `fg [%N]`: bash prints the command and waits for it. A tcpdump then listens until Ctrl+C
 * (the headless runner presses it at once), and leaves the table without a report.
 */
export const fgTool: Tool = (world, argv, _io, ctx: ExecContext) => {
  const jobs = world.jobs ?? [];
  const spec = argv[1];
  const j = findJob(jobs, spec);
  if (!j) return result(world, '', `bash: fg: ${spec ?? 'current'}: no such job\n`, 1);
  if (j.ended) return result(world, '', 'bash: fg: job has terminated\n', 1);
  const w = withoutEnded(world, [j]);
  const head = `${j.text}\n`;
  const end = '^C' + statistics(j.capture?.captured ?? 0, j.capture?.received ?? 0, true);
  if (ctx.interruptAt === undefined) return result(w, head, end, 0);
  return {
    ...result(w, head, end, 0),
    timed: [
      { at: 0, text: head },
      { at: Math.round(ctx.interruptAt), text: end, fd: 2 },
    ],
    interrupted: true,
  };
};

registerTool('jobs', jobsTool, ['host']);
registerTool('kill', killTool, ['host']);
registerTool('fg', fgTool, ['host']);
