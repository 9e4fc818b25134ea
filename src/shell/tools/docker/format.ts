// shell/tools/docker/format.ts — the docker CLI's text primitives: Go's text/tabwriter as the
// CLI configures it, go-units' human durations and sizes, and the container status words.
// Pure functions of their arguments; the clock is always passed in (the world's), never read.
import type { Container } from '../../../docker/types';

export interface TabwriterOptions {
  minwidth: number;
  padding: number;
}

/** docker/cli's tables: tabwriter.NewWriter(out, 10, 1, 3, ' ', 0). */
export const TABLE: TabwriterOptions = { minwidth: 10, padding: 3 };

const runeLength = (s: string): number => [...s].length;

/**
 * Go's text/tabwriter with a space pad character and no flags: a cell is text ended by a tab;
 * consecutive lines that have a cell in column k form a block whose width is the widest cell
 * plus padding (at least minwidth); the text after a line's last tab is never padded.
 */
export function tabwrite(text: string, opt: TabwriterOptions = TABLE): string {
  const endsWithNewline = text.endsWith('\n');
  const rows = (endsWithNewline ? text.slice(0, -1) : text).split('\n').map((l) => l.split('\t'));
  const widths: number[][] = rows.map(() => []);
  const stack: number[] = [];
  const format = (line0: number, line1: number): void => {
    const column = stack.length;
    let start = line0;
    for (let i = line0; i < line1; i++) {
      if (column >= rows[i]!.length - 1) continue;
      for (let j = start; j < i; j++) widths[j] = stack.slice();
      let width = opt.minwidth;
      const blockStart = i;
      for (; i < line1 && column < rows[i]!.length - 1; i++)
        width = Math.max(width, runeLength(rows[i]![column]!) + opt.padding);
      stack.push(width);
      format(blockStart, i);
      stack.pop();
      start = i;
      i--;
    }
    for (let j = start; j < line1; j++)
      if (widths[j]!.length < column || column === 0) widths[j] = widths[j]!.length ? widths[j]! : stack.slice();
  };
  format(0, rows.length);
  const out = rows.map((cells, r) =>
    cells
      .map((cell, c) => {
        if (c === cells.length - 1) return cell;
        const w = widths[r]![c] ?? 0;
        return cell + ' '.repeat(Math.max(0, w - runeLength(cell)));
      })
      .join(''),
  );
  return out.join('\n') + (endsWithNewline ? '\n' : '');
}

/** go-units HumanDuration. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(ms / 3_600_000);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3_600_000 / 24 / 365)} years`;
}

/** go-units HumanSizeWithPrecision(size, 3): decimal units, `%.3g`. */
export function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let size = bytes;
  let i = 0;
  while (size >= 1000 && i < units.length - 1) {
    size /= 1000;
    i++;
  }
  return `${formatG(size, 3)}${units[i]}`;
}

/** C/Go `%.Ng` for the positive values sizes need. */
function formatG(v: number, precision: number): string {
  if (v === 0) return '0';
  const exp = Math.floor(Math.log10(v));
  if (exp < -4 || exp >= precision) {
    return v
      .toExponential(precision - 1)
      .replace(/\.?0+e/, 'e')
      .replace(/e([+-])(\d)$/, 'e$10$2');
  }
  const fixed = v.toFixed(Math.max(0, precision - 1 - exp));
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

/** The daemon's State.String(): `Up 2 minutes`, `Exited (0) 3 seconds ago`, `Created`. */
export function statusText(c: Container, now: number): string {
  const last = c.runs[c.runs.length - 1];
  if (c.status === 'running' && last) return `Up ${humanDuration(now - last.startedAt)}`;
  if (!last) return 'Created';
  if (last.finishedAt === undefined) return '';
  return `Exited (${c.exitCode}) ${humanDuration(now - last.finishedAt)} ago`;
}

/** docker/cli's Ellipsis: cut to `max` display cells, the last one becoming `…`. */
export function ellipsis(s: string, max: number): string {
  const chars = [...s];
  if (chars.length <= max) return s;
  return chars.slice(0, max - 1).join('') + '…';
}

/** Go's strconv.Quote for the printable text commands hold. */
export function goQuote(s: string): string {
  return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\t/g, '\\t').replace(/\n/g, '\\n') + '"';
}

/** RFC 3339 with nanoseconds, as Go marshals a time.Time in UTC (`2020-10-26T00:14:22.123456789Z`). */
export function rfc3339Nano(ms: number, nanos = 0): string {
  const d = new Date(ms);
  const iso = d.toISOString().slice(0, 19);
  const frac = (String(d.getUTCMilliseconds()).padStart(3, '0') + String(nanos).padStart(6, '0')).replace(/0+$/, '');
  return `${iso}${frac ? '.' + frac : ''}Z`;
}

/** `2020-10-26 00:14:22 +0000 UTC`: Go's time.Time String(), as `{{.CreatedAt}}` prints it. */
export function goTimeString(ms: number): string {
  const d = new Date(ms);
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)} +0000 UTC`;
}
