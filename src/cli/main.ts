// cli/main.ts — process glue for `netns-lab`: argv, standard streams and the exit status.
import { readFileSync } from 'node:fs';
import { main } from './run';

process.exitCode = main(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  stdin: () => readFileSync(0, 'utf8'),
});
