// shell/tools/docker/flags.ts — spf13/pflag's parsing as docker/cli sets it up: `--name value`,
// `--name=value`, bundled shorthands (`-dit`), `-pVALUE`, and (for run/exec) the first operand
// ending the flags. Returns pflag's own error words; FlagErrorFunc frames them elsewhere.

export interface FlagDef {
  long: string;
  short?: string;
  /** Takes a value (string, list); booleans take none but accept `--flag=true|false`. */
  value: boolean;
}

export interface ParsedFlags {
  /** Values per long name; booleans are "true"/"false"; repeated flags accumulate. */
  values: Map<string, string[]>;
  args: string[];
}

export type FlagResult = ({ ok: true } & ParsedFlags) | { ok: false; error: string };

/** Parses argv (after the command words). `interspersed: false` stops at the first operand. */
export function parseFlags(argv: readonly string[], defs: readonly FlagDef[], interspersed: boolean): FlagResult {
  const values = new Map<string, string[]>();
  const args: string[] = [];
  const byLong = new Map(defs.map((d) => [d.long, d]));
  const byShort = new Map(defs.filter((d) => d.short).map((d) => [d.short!, d]));
  const set = (d: FlagDef, v: string): void => {
    values.set(d.long, [...(values.get(d.long) ?? []), v]);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const d = byLong.get(name);
      if (!d) return { ok: false, error: `unknown flag: --${name}` };
      if (d.value) {
        if (eq >= 0) set(d, a.slice(eq + 1));
        else if (i + 1 < argv.length) set(d, argv[++i]!);
        else return { ok: false, error: `flag needs an argument: --${name}` };
      } else {
        const v = eq >= 0 ? a.slice(eq + 1) : 'true';
        if (!/^(1|t|T|TRUE|true|True|0|f|F|FALSE|false|False)$/.test(v)) {
          return {
            ok: false,
            error: `invalid argument "${v}" for "--${name}" flag: strconv.ParseBool: parsing "${v}": invalid syntax`,
          };
        }
        set(d, /^(1|t|T|TRUE|true|True)$/.test(v) ? 'true' : 'false');
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        const d = byShort.get(c);
        if (!d) return { ok: false, error: `unknown shorthand flag: '${c}' in ${a}` };
        if (d.value) {
          let v = a.slice(j + 1);
          if (v.startsWith('=')) v = v.slice(1);
          if (v !== '' || j + 1 < a.length) set(d, v);
          else if (i + 1 < argv.length) set(d, argv[++i]!);
          else return { ok: false, error: `flag needs an argument: '${c}' in ${a}` };
          break;
        }
        set(d, 'true');
      }
      continue;
    }
    if (!interspersed) {
      args.push(...argv.slice(i));
      break;
    }
    args.push(a);
  }
  return { ok: true, values, args };
}

/** The last value of a flag, if given. */
export function last(p: ParsedFlags, long: string): string | undefined {
  const v = p.values.get(long);
  return v ? v[v.length - 1] : undefined;
}

/** Whether a boolean flag ended up true. */
export function flag(p: ParsedFlags, long: string): boolean {
  return last(p, long) === 'true';
}

/** Every value of a repeatable flag; comma lists are not split (docker keeps them whole). */
export function all(p: ParsedFlags, long: string): string[] {
  return p.values.get(long) ?? [];
}
