// shell/tools/getopt.ts — GNU getopt_long as the text tools use it: bundled short options,
// option arguments, long options by unambiguous prefix, operands anywhere, `--`.
// Returns the first error as GNU getopt words it (without the tool's own "Try …" lines).

export interface OptionSpec {
  /** Short options in getopt's notation: `n:` takes an argument. */
  short: string;
  /** Long option name → the short letter (or a key of its own) and whether it takes an argument. */
  long?: Record<string, { key: string; arg: 'none' | 'required' | 'optional' }>;
}

export interface ParsedOptions {
  opts: { key: string; value?: string }[];
  operands: string[];
}

export type GetoptResult = ({ ok: true } & ParsedOptions) | { ok: false; error: string };

/** Parses `args` (argv without the program name) the way GNU getopt_long does. */
export function getopt(prog: string, args: readonly string[], spec: OptionSpec): GetoptResult {
  const opts: ParsedOptions['opts'] = [];
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const longs = spec.long ?? {};
      const exact = longs[name];
      const candidates = exact ? [name] : Object.keys(longs).filter((l) => l.startsWith(name));
      const unique = new Set(candidates.map((c) => longs[c]!.key)).size === 1;
      if (candidates.length === 0) return { ok: false, error: `${prog}: unrecognized option '${a}'` };
      if (!exact && !unique) {
        const list = candidates.map((c) => `'--${c}'`).join(' ');
        return { ok: false, error: `${prog}: option '${a}' is ambiguous; possibilities: ${list}` };
      }
      const full = candidates[0]!;
      const def = longs[full]!;
      if (eq >= 0) {
        if (def.arg === 'none') return { ok: false, error: `${prog}: option '--${full}' doesn't allow an argument` };
        opts.push({ key: def.key, value: a.slice(eq + 1) });
      } else if (def.arg === 'required') {
        if (i + 1 >= args.length) return { ok: false, error: `${prog}: option '--${full}' requires an argument` };
        opts.push({ key: def.key, value: args[++i]! });
      } else {
        opts.push({ key: def.key });
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        const at = spec.short.indexOf(c);
        if (at < 0 || c === ':') return { ok: false, error: `${prog}: invalid option -- '${c}'` };
        if (spec.short[at + 1] === ':') {
          if (j + 1 < a.length) opts.push({ key: c, value: a.slice(j + 1) });
          else if (i + 1 < args.length) opts.push({ key: c, value: args[++i]! });
          else return { ok: false, error: `${prog}: option requires an argument -- '${c}'` };
          break;
        }
        opts.push({ key: c });
      }
      continue;
    }
    operands.push(a);
  }
  return { ok: true, opts, operands };
}
