// Development aid: replays conformance scripts on the real kernel only and prints the record.
// With --twice it runs each script twice and compares the runs with the suite's comparator,
// which shows whether the normalisation leaves any kernel randomness or timing through.
// Usage (as root): npx tsx tests/conformance/dev-real.ts [--twice] [SCRIPT_NAME...]
import { compareRuns, formatMismatches } from './compare';
import { runAllReal, sweepLeftovers } from './real';
import { loadScripts } from './script';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const twice = args.includes('--twice');
  const wanted = args.filter((a) => a !== '--twice');
  const scripts = loadScripts().filter((s) => wanted.length === 0 || wanted.includes(s.name));
  await sweepLeftovers(false);
  const first = await runAllReal(scripts);
  const second = twice ? await runAllReal(scripts) : undefined;
  let unstable = 0;
  for (const s of scripts) {
    const r = first.get(s.name);
    console.log(`===== ${s.name}`);
    if (r instanceof Error || r === undefined) {
      console.log(String(r));
      continue;
    }
    if (second) {
      const again = second.get(s.name);
      if (again instanceof Error || again === undefined) {
        console.log(`second run failed: ${String(again)}`);
        continue;
      }
      const c = compareRuns(s, r, again);
      if (c.mismatches.length > 0) unstable++;
      console.log(formatMismatches(c).replaceAll('sim: ', 'run2:'));
      continue;
    }
    for (const l of r.lines) {
      console.log(`$ ${l.line}  [${l.status}]`);
      if (l.stdout) console.log(l.stdout.trimEnd());
      if (l.stderr) console.log(`stderr: ${l.stderr.trimEnd()}`);
    }
    for (const d of r.dumps) {
      console.log(`# ${d.cmd} [${d.status}] ${d.stdout.trimEnd()}${d.stderr ? ' stderr: ' + d.stderr.trimEnd() : ''}`);
    }
  }
  if (second) console.log(`${unstable} of ${scripts.length} scripts differed between two real runs`);
  await sweepLeftovers(true);
}
void main();
