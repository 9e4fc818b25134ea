// shell/tools/posixRegex.ts — translates a POSIX basic or extended regular expression, with the
// GNU extensions grep accepts (\w \s \b \< \> \| \+ \?), into JavaScript RegExp source.
// Errors and warnings are worded as GNU grep 3.8 words them. Pure; never throws.

export type RegexResult = { ok: true; source: string; warnings: string[] } | { ok: false; error: string };

const JS_SYNTAX = new Set([...'^$\\.*+?()[]{}|/']);

const CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: '0-9a-zA-Z',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  print: ' -~',
  graph: '!-~',
  cntrl: '\\x00-\\x1f\\x7f',
  xdigit: '0-9A-Fa-f',
};

const lit = (c: string): string => (JS_SYNTAX.has(c) ? '\\' + c : c);
const classLit = (c: string): string => ('\\]^-['.includes(c) ? '\\' + c : c);

/** Translates one pattern; `extended` selects ERE (`grep -E`), otherwise BRE. Use with flag `u`. */
export function translatePosixRegex(pattern: string, extended: boolean): RegexResult {
  const warnings: string[] = [];
  let out = '';
  /** Output index where the last atom (or quantified atom) began; -1 when there is none. */
  let atomStart = -1;
  let quantified = false;
  let closedGroups = 0;
  const groupStarts: number[] = [];
  let i = 0;
  const atExprStart = (): boolean => atomStart === -1;

  const emitAtom = (s: string): void => {
    atomStart = out.length;
    out += s;
    quantified = false;
  };
  const emitQuantifier = (q: string): void => {
    if (quantified) out = out.slice(0, atomStart) + '(?:' + out.slice(atomStart) + ')';
    out += q;
    quantified = true;
  };
  const resetAtoms = (): void => {
    atomStart = -1;
    quantified = false;
  };
  /** In ERE a quantifier with nothing before it is ignored with a warning, as GNU grep does. */
  const strayQuantifier = (name: string): void => {
    warnings.push(`grep: warning: ${name} at start of expression`);
  };
  /** Reads `n`, `n,`, `,m` or `n,m` up to the closing brace; null when it is not an interval. */
  const readInterval = (close: string): { q: string; end: number } | 'invalid' | null => {
    const end = pattern.indexOf(close, i);
    if (end < 0) return null;
    const body = pattern.slice(i, end);
    const m = /^([0-9]*)(,([0-9]*))?$/.exec(body);
    if (!m || (m[1] === '' && m[2] === undefined)) return 'invalid';
    const lo = m[1] === '' ? 0 : Number(m[1]);
    const hi = m[2] === undefined ? lo : m[3] === '' ? undefined : Number(m[3]);
    if (hi !== undefined && hi < lo) return 'invalid';
    return { q: hi === undefined ? `{${lo},}` : hi === lo ? `{${lo}}` : `{${lo},${hi}}`, end: end + close.length };
  };

  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '\\') {
      const n = pattern[i + 1];
      if (n === undefined) return { ok: false, error: 'grep: Trailing backslash' };
      i += 2;
      if (!extended && n === '(') {
        groupStarts.push(out.length);
        out += '(';
        resetAtoms();
      } else if (!extended && n === ')') {
        if (groupStarts.length === 0) return { ok: false, error: 'grep: Unmatched ) or \\)' };
        out += ')';
        atomStart = groupStarts.pop()!;
        quantified = false;
        closedGroups++;
      } else if (!extended && n === '|') {
        out += '|';
        resetAtoms();
      } else if (!extended && n === '{') {
        if (atExprStart()) {
          emitAtom('\\{');
          continue;
        }
        const iv = readInterval('\\}');
        if (iv === null) return { ok: false, error: 'grep: Unmatched \\{' };
        if (iv === 'invalid') return { ok: false, error: 'grep: Invalid content of \\{\\}' };
        emitQuantifier(iv.q);
        i = iv.end;
      } else if (!extended && (n === '+' || n === '?')) {
        if (atExprStart()) emitAtom('\\' + n);
        else emitQuantifier(n);
      } else if (/[1-9]/.test(n)) {
        if (Number(n) > closedGroups) return { ok: false, error: 'grep: Invalid back reference' };
        emitAtom('\\' + n);
      } else if (n === 'w') emitAtom('[0-9A-Za-z_]');
      else if (n === 'W') emitAtom('[^0-9A-Za-z_]');
      else if (n === 's') emitAtom('\\s');
      else if (n === 'S') emitAtom('\\S');
      else if (n === 'b') emitAtom('\\b');
      else if (n === 'B') emitAtom('\\B');
      else if (n === '<') emitAtom('\\b(?=[0-9A-Za-z_])');
      else if (n === '>') emitAtom('\\b(?<=[0-9A-Za-z_])');
      else if (n === '`') emitAtom('^');
      else if (n === "'") emitAtom('$');
      else emitAtom(lit(n));
      continue;
    }
    if (c === '[') {
      const r = translateBracket(pattern, i);
      if (!r.ok) return r;
      emitAtom(r.source);
      i = r.end;
      continue;
    }
    if (c === '.') {
      emitAtom('.');
      i++;
      continue;
    }
    if (c === '*' || (extended && (c === '+' || c === '?'))) {
      i++;
      if (!atExprStart()) emitQuantifier(c);
      else if (extended) strayQuantifier(c);
      else emitAtom(lit(c));
      continue;
    }
    if (extended && c === '{') {
      i++;
      const iv = readInterval('}');
      if (iv === null || iv === 'invalid') {
        // GNU grep reads a brace that does not start a valid interval as a plain character.
        emitAtom('\\{');
      } else if (atExprStart()) {
        strayQuantifier('{...}');
        i = iv.end;
      } else {
        emitQuantifier(iv.q);
        i = iv.end;
      }
      continue;
    }
    if (extended && c === '(') {
      groupStarts.push(out.length);
      out += '(';
      resetAtoms();
      i++;
      continue;
    }
    if (extended && c === ')' && groupStarts.length > 0) {
      out += ')';
      atomStart = groupStarts.pop()!;
      quantified = false;
      closedGroups++;
      i++;
      continue;
    }
    if (extended && c === '|') {
      out += '|';
      resetAtoms();
      i++;
      continue;
    }
    if (c === '^') {
      // BRE: `^` anchors only at the start of the expression or of a group/alternative.
      const anchor = extended || atExprStart();
      out += anchor ? '^' : '\\^';
      if (!anchor) atomStart = out.length - 2;
      i++;
      continue;
    }
    if (c === '$') {
      const rest = pattern.slice(i + 1);
      const anchor = extended || rest === '' || rest.startsWith('\\)') || rest.startsWith('\\|');
      if (anchor) out += '$';
      else emitAtom('\\$');
      if (anchor) resetAtomsAfterAnchor();
      i++;
      continue;
    }
    emitAtom(lit(c));
    i++;
  }
  if (groupStarts.length > 0) return { ok: false, error: 'grep: Unmatched ( or \\(' };
  return { ok: true, source: out, warnings };

  function resetAtomsAfterAnchor(): void {
    atomStart = out.length - 1;
    quantified = false;
  }
}

/** Translates the bracket expression starting at `pattern[start] === '['`. */
function translateBracket(
  pattern: string,
  start: number,
): { ok: true; source: string; end: number } | { ok: false; error: string } {
  let i = start + 1;
  let negate = false;
  if (pattern[i] === '^') {
    negate = true;
    i++;
  }
  if (i >= pattern.length && !negate) return { ok: false, error: 'grep: Invalid regular expression' };
  const unmatched = { ok: false as const, error: 'grep: Unmatched [, [^, [:, [., or [=' };
  const items: string[] = [];
  let first = true;
  let prev: string | null = null;
  for (;;) {
    if (i >= pattern.length) return unmatched;
    const c = pattern[i]!;
    if (c === ']' && !first) {
      i++;
      break;
    }
    first = false;
    if (c === '[' && (pattern[i + 1] === ':' || pattern[i + 1] === '=' || pattern[i + 1] === '.')) {
      const kind = pattern[i + 1]!;
      const end = pattern.indexOf(kind + ']', i + 2);
      if (end < 0) return unmatched;
      const name = pattern.slice(i + 2, end);
      i = end + 2;
      if (kind === ':') {
        const cls = CLASSES[name];
        if (cls === undefined) return { ok: false, error: 'grep: Invalid character class name' };
        items.push(cls);
        prev = null;
      } else {
        items.push([...name].map(classLit).join(''));
        prev = name.length === 1 ? name : null;
      }
      continue;
    }
    if (c === '-' && prev !== null && pattern[i + 1] !== undefined && pattern[i + 1] !== ']') {
      const hi = pattern[i + 1]!;
      if (hi.codePointAt(0)! < prev.codePointAt(0)!) return { ok: false, error: 'grep: Invalid range end' };
      items.push('-' + classLit(hi));
      prev = null;
      i += 2;
      continue;
    }
    items.push(classLit(c));
    prev = c;
    i++;
  }
  return { ok: true, source: '[' + (negate ? '^' : '') + items.join('') + ']', end: i };
}
