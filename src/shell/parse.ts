// shell/parse.ts — a bash-like parser for one line typed at a prompt: words, quotes, `$…` expansions,
// `$(…)`, pipes, `;`, `&` (a background job), `&&`, `||`, redirections and `( … )` subshells.
// It only builds an AST: expansion and word splitting happen at run time (interpret.ts).
// Must never throw to its caller: syntax errors come back as bash's own message, status 2.

/** One piece of a word; `quoted` pieces are never split into several fields. */
export type WordPart =
  | { type: 'text'; value: string; quoted: boolean }
  | { type: 'param'; name: string; op?: ParamOp; arg?: string; quoted: boolean }
  | { type: 'badsubst'; raw: string; quoted: boolean }
  | { type: 'cmdsub'; body: CommandList; quoted: boolean }
  | { type: 'cmdsubError'; message: string; quoted: boolean };

/** `${#NAME}` is `length`; the others are bash's `${NAME:-word}` family (word kept literal). */
export type ParamOp = 'length' | ':-' | '-' | ':+' | '+' | ':=' | '=';

export interface Word {
  parts: WordPart[];
  /** The word as typed, for error messages. */
  raw: string;
}

export type RedirectOp = '<' | '>' | '>>' | '>|' | '>&' | '<&' | '&>' | '&>>' | '<<<' | '<<' | '<>';

export interface Redirect {
  fd: number;
  op: RedirectOp;
  target: Word;
}

export interface Assignment {
  name: string;
  value: Word;
}

export interface SimpleCommand {
  type: 'simple';
  assigns: Assignment[];
  words: Word[];
  redirects: Redirect[];
}

export interface Subshell {
  type: 'subshell';
  body: CommandList;
  redirects: Redirect[];
}

export type Command = SimpleCommand | Subshell;

export interface Pipeline {
  negated: boolean;
  commands: Command[];
  /** `stderrToPipe[i]` is true when command i is joined to the next one by `|&`. */
  stderrToPipe: boolean[];
}

export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
  /** Ended by `&`: bash runs it as a background job. */
  background?: true;
  /** For a background job: its text as `jobs` shows it (blanks collapsed, without the `&`). */
  text?: string;
}

export interface CommandList {
  items: AndOr[];
}

export type ParseResult = { ok: true; list: CommandList } | { ok: false; message: string };

type Token =
  | { kind: 'op'; text: string; start: number }
  | { kind: 'word'; word: Word; start: number }
  | { kind: 'io'; fd: number; start: number }
  | { kind: 'eof'; start: number };

/** What a list is nested in: nothing, `( … )` or `$( … )` (they differ in their EOF message). */
type Nesting = false | 'subshell' | 'cmdsub';

/** Internal only: unwinds the recursive descent; parse() turns it into a result. */
class SyntaxError_ {
  constructor(readonly message: string) {}
}

const nearToken = (t: string): SyntaxError_ => new SyntaxError_(`bash: syntax error near unexpected token \`${t}'\n`);
const eofMatching = (c: string): SyntaxError_ =>
  new SyntaxError_(`bash: unexpected EOF while looking for matching \`${c}'\n`);
const unexpectedEof = (): SyntaxError_ => new SyntaxError_('bash: syntax error: unexpected end of file\n');

const META = new Set([' ', '\t', '\n', '|', '&', ';', '(', ')', '<', '>']);
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const SPECIAL_PARAMS = new Set(['?', '#', '@', '*', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);

const OPERATORS = [
  '&&',
  '||',
  '|&',
  ';;',
  '&>>',
  '&>',
  '<<<',
  '<<',
  '<&',
  '<>',
  '>>',
  '>&',
  '>|',
  '|',
  '&',
  ';',
  '(',
  ')',
  '<',
  '>',
];
const REDIRECT_OPS = new Set(['<', '>', '>>', '>|', '>&', '<&', '&>', '&>>', '<<<', '<<', '<>']);

/** Parses one command line into an AST, or returns bash's syntax error text. */
export function parse(line: string): ParseResult {
  try {
    const p = new Parser(line, 0);
    const list = p.parseList(false);
    return { ok: true, list };
  } catch (e) {
    if (e instanceof SyntaxError_) return { ok: false, message: e.message };
    throw e;
  }
}

class Parser {
  constructor(
    private readonly src: string,
    public pos: number,
  ) {}

  /** `list`: and-or lists separated by `;`, `&` or newlines, up to EOF or (nested) `)`. */
  parseList(nested: Nesting): CommandList {
    const items: AndOr[] = [];
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (t.kind === 'eof') {
        if (nested === 'cmdsub') throw eofMatching(')');
        if (nested === 'subshell') throw unexpectedEof();
        return { items };
      }
      if (t.kind === 'op' && t.text === ')') {
        if (nested) return { items };
        throw nearToken(')');
      }
      if (t.kind === 'op' && (t.text === ';' || t.text === '&' || t.text === ';;')) throw nearToken(t.text);
      const item = this.parseAndOr(nested);
      items.push(item);
      const sep = this.peek();
      if (sep.kind === 'op' && sep.text === '&') {
        item.background = true;
        item.text = this.src
          .slice(t.start, sep.start)
          .trim()
          .replace(/[ \t\n]+/g, ' ');
      }
      if (sep.kind === 'op' && (sep.text === ';' || sep.text === '&')) {
        this.next();
        continue;
      }
      if (sep.kind === 'eof' || (sep.kind === 'op' && sep.text === ')')) continue;
      throw nearToken(tokenText(sep));
    }
  }

  private parseAndOr(nested: Nesting): AndOr {
    const first = this.parsePipeline(nested);
    const rest: AndOr['rest'] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || (t.text !== '&&' && t.text !== '||')) return { first, rest };
      this.next();
      this.skipNewlines();
      rest.push({ op: t.text, pipeline: this.parsePipeline(nested, true) });
    }
  }

  private parsePipeline(nested: Nesting, afterOperator = false): Pipeline {
    let negated = false;
    const t = this.peek();
    if (t.kind === 'word' && t.word.raw === '!') {
      this.next();
      negated = true;
      const after = this.peek();
      if (after.kind === 'eof' || (after.kind === 'op' && (after.text === ';' || after.text === ')'))) {
        return { negated, commands: [], stderrToPipe: [] };
      }
    }
    const commands: Command[] = [this.parseCommand(nested, afterOperator)];
    const stderrToPipe: boolean[] = [];
    for (;;) {
      const op = this.peek();
      if (op.kind !== 'op' || (op.text !== '|' && op.text !== '|&')) return { negated, commands, stderrToPipe };
      this.next();
      stderrToPipe.push(op.text === '|&');
      this.skipNewlines();
      commands.push(this.parseCommand(nested, true));
    }
  }

  private parseCommand(nested: Nesting, afterOperator: boolean): Command {
    const t = this.peek();
    if (t.kind === 'eof') {
      if (nested === 'cmdsub') throw eofMatching(')');
      if (nested === 'subshell') throw unexpectedEof();
      throw afterOperator ? unexpectedEof() : nearToken('newline');
    }
    if (t.kind === 'op' && t.text === '(') {
      this.next();
      const body = this.parseList('subshell');
      if (body.items.length === 0) throw nearToken(')');
      this.next();
      const redirects: Redirect[] = [];
      this.parseRedirects(redirects);
      const after = this.peek();
      if (after.kind === 'word') throw nearToken(after.word.raw);
      return { type: 'subshell', body, redirects };
    }
    if (t.kind === 'op' && !REDIRECT_OPS.has(t.text)) throw nearToken(t.text);
    return this.parseSimple();
  }

  private parseSimple(): SimpleCommand {
    const cmd: SimpleCommand = { type: 'simple', assigns: [], words: [], redirects: [] };
    for (;;) {
      if (this.parseRedirects(cmd.redirects)) continue;
      const t = this.peek();
      if (t.kind !== 'word') break;
      this.next();
      const assign = cmd.words.length === 0 ? asAssignment(t.word) : null;
      if (assign) cmd.assigns.push(assign);
      else cmd.words.push(t.word);
    }
    const t = this.peek();
    if (t.kind === 'op' && t.text === '(') {
      // bash reads `NAME (` as the start of a function definition `NAME () …`.
      if (cmd.words.length !== 1 || cmd.assigns.length > 0 || cmd.redirects.length > 0) throw nearToken('(');
      this.next();
      const after = this.peek();
      if (after.kind === 'eof') throw nearToken('newline');
      if (after.kind === 'op' && after.text === ')') {
        this.next();
        throw this.peek().kind === 'eof' ? unexpectedEof() : nearToken(tokenText(this.peek()));
      }
      throw nearToken(tokenText(after));
    }
    return cmd;
  }

  /** Reads redirections at the current position; returns whether it read any. */
  private parseRedirects(into: Redirect[]): boolean {
    let any = false;
    for (;;) {
      const t = this.peek();
      let fd: number | undefined;
      if (t.kind === 'io') {
        fd = t.fd;
        this.next();
      } else if (!(t.kind === 'op' && REDIRECT_OPS.has(t.text))) {
        return any;
      }
      const op = this.next();
      if (op.kind !== 'op') throw nearToken(tokenText(op));
      const target = this.peek();
      if (target.kind === 'eof') throw nearToken('newline');
      if (target.kind !== 'word') throw nearToken(tokenText(target));
      this.next();
      const rop = op.text as RedirectOp;
      const defaultFd = rop.startsWith('<') ? 0 : 1;
      into.push({ fd: fd ?? defaultFd, op: rop, target: target.word });
      any = true;
    }
  }

  private skipNewlines(): void {
    for (;;) {
      this.skipBlanks();
      if (this.src[this.pos] === '\n') this.pos++;
      else return;
    }
  }

  private skipBlanks(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && this.src[this.pos + 1] === '\n') this.pos += 2;
      else if (c === '#') {
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      } else return;
    }
  }

  private peek(): Token {
    const save = this.pos;
    const t = this.next();
    this.pos = save;
    return t;
  }

  /** Reads one token. A newline reads as `;` (lines pasted together run one after another). */
  private next(): Token {
    this.skipBlanks();
    const start = this.pos;
    if (this.pos >= this.src.length) return { kind: 'eof', start };
    if (this.src[this.pos] === '\n') {
      this.pos++;
      return { kind: 'op', text: ';', start };
    }
    for (const op of OPERATORS) {
      if (this.src.startsWith(op, this.pos)) {
        this.pos += op.length;
        return { kind: 'op', text: op, start };
      }
    }
    const digits = /^[0-9]+(?=[<>])/.exec(this.src.slice(this.pos));
    if (digits) {
      this.pos += digits[0].length;
      return { kind: 'io', fd: Number(digits[0]), start };
    }
    const word = this.readWord();
    return { kind: 'word', word, start };
  }

  private readWord(): Word {
    const start = this.pos;
    const parts: WordPart[] = [];
    const addText = (value: string, quoted: boolean): void => {
      const last = parts[parts.length - 1];
      if (last && last.type === 'text' && last.quoted === quoted) last.value += value;
      else parts.push({ type: 'text', value, quoted });
    };
    while (this.pos < this.src.length) {
      const c = this.src[this.pos]!;
      if (META.has(c)) break;
      if (c === "'") {
        const end = this.src.indexOf("'", this.pos + 1);
        if (end < 0) throw eofMatching("'");
        addText(this.src.slice(this.pos + 1, end), true);
        this.pos = end + 1;
      } else if (c === '"') {
        this.pos++;
        this.readDoubleQuoted(parts, addText);
      } else if (c === '\\') {
        const n = this.src[this.pos + 1];
        this.pos += 2;
        if (n === undefined || n === '\n') continue;
        addText(n, true);
      } else if (c === '$') {
        if (this.src[this.pos + 1] === "'") {
          this.pos += 2;
          addText(this.readAnsiC(), true);
        } else if (this.src[this.pos + 1] === '"') {
          this.pos += 2;
          this.readDoubleQuoted(parts, addText);
        } else {
          const part = this.readDollar(false);
          if (part) parts.push(part);
          else addText('$', false);
        }
      } else if (c === '`') {
        parts.push(this.readBackquote(false));
      } else {
        addText(c, false);
        this.pos++;
      }
    }
    return { parts, raw: this.src.slice(start, this.pos) };
  }

  /** Reads up to the closing `"`; the opening one is already consumed. */
  private readDoubleQuoted(parts: WordPart[], addText: (v: string, q: boolean) => void): void {
    addText('', true);
    for (;;) {
      if (this.pos >= this.src.length) throw eofMatching('"');
      const c = this.src[this.pos]!;
      if (c === '"') {
        this.pos++;
        return;
      }
      if (c === '\\') {
        const n = this.src[this.pos + 1];
        if (n === undefined) throw eofMatching('"');
        this.pos += 2;
        // bash(1) QUOTING: inside "…" a backslash only escapes $ ` " \ and newline.
        if (n === '\n') continue;
        addText('$`"\\'.includes(n) ? n : '\\' + n, true);
      } else if (c === '$') {
        const part = this.readDollar(true);
        if (part) parts.push(part);
        else addText('$', true);
      } else if (c === '`') {
        parts.push(this.readBackquote(true));
      } else {
        addText(c, true);
        this.pos++;
      }
    }
  }

  /** Reads what follows a `$`; returns null when the `$` is a plain character. */
  private readDollar(quoted: boolean): WordPart | null {
    const s = this.src;
    const n = s[this.pos + 1];
    if (n === '(') {
      this.pos += 2;
      const body = new Parser(s, this.pos);
      const list = body.parseList('cmdsub');
      this.pos = body.pos;
      // the nested list stops in front of its `)`.
      this.skipToCloseParen();
      return { type: 'cmdsub', body: list, quoted };
    }
    if (n === '{') {
      const end = s.indexOf('}', this.pos + 2);
      if (end < 0) throw eofMatching('}');
      const inner = s.slice(this.pos + 2, end);
      const raw = s.slice(this.pos, end + 1);
      this.pos = end + 1;
      return parseBraceParam(inner, raw, quoted);
    }
    if (n !== undefined && SPECIAL_PARAMS.has(n)) {
      this.pos += 2;
      return { type: 'param', name: n, quoted };
    }
    if (n !== undefined && NAME_START.test(n)) {
      let end = this.pos + 2;
      while (end < s.length && NAME_CHAR.test(s[end]!)) end++;
      const name = s.slice(this.pos + 1, end);
      this.pos = end;
      return { type: 'param', name, quoted };
    }
    this.pos++;
    return null;
  }

  private skipToCloseParen(): void {
    this.skipBlanks();
    if (this.src[this.pos] !== ')') throw eofMatching(')');
    this.pos++;
  }

  /** `` `…` ``: the old form of command substitution; its syntax errors show up at run time. */
  private readBackquote(quoted: boolean): WordPart {
    let body = '';
    let i = this.pos + 1;
    for (;;) {
      if (i >= this.src.length) throw eofMatching('`');
      const c = this.src[i]!;
      if (c === '`') break;
      if (c === '\\' && i + 1 < this.src.length) {
        const n = this.src[i + 1]!;
        if (n === '`' || n === '\\' || n === '$' || (quoted && n === '"')) {
          body += n;
          i += 2;
          continue;
        }
      }
      body += c;
      i++;
    }
    this.pos = i + 1;
    const inner = parse(body);
    if (inner.ok) return { type: 'cmdsub', body: inner.list, quoted };
    return { type: 'cmdsubError', message: backquoteError(inner.message, body), quoted };
  }

  /** `$'…'`: ANSI-C quoting; the `$'` is already consumed. */
  private readAnsiC(): string {
    let out = '';
    for (;;) {
      if (this.pos >= this.src.length) throw eofMatching("'");
      const c = this.src[this.pos]!;
      if (c === "'") {
        this.pos++;
        return out;
      }
      if (c !== '\\') {
        out += c;
        this.pos++;
        continue;
      }
      const { text, length } = decodeAnsiCEscape(this.src, this.pos + 1);
      out += text;
      this.pos += 1 + length;
    }
  }
}

function tokenText(t: Token): string {
  switch (t.kind) {
    case 'op':
      return t.text;
    case 'word':
      return t.word.raw;
    case 'io':
      return String(t.fd);
    case 'eof':
      return 'newline';
  }
}

function asAssignment(word: Word): Assignment | null {
  const first = word.parts[0];
  if (!first || first.type !== 'text' || first.quoted) return null;
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.value);
  if (!m) return null;
  const rest = first.value.slice(m[0].length);
  const parts: WordPart[] = rest ? [{ type: 'text', value: rest, quoted: true }] : [];
  // The value is one field: bash never splits an assignment's right-hand side.
  for (const p of word.parts.slice(1)) parts.push({ ...p, quoted: true } as WordPart);
  return { name: m[1]!, value: { parts, raw: word.raw.slice(m[0].length) } };
}

function parseBraceParam(inner: string, raw: string, quoted: boolean): WordPart {
  const simple = /^([A-Za-z_][A-Za-z0-9_]*|[?#@*0-9])$/.exec(inner);
  if (simple) return { type: 'param', name: simple[1]!, quoted };
  const len = /^#([A-Za-z_][A-Za-z0-9_]*|[?#@*0-9])$/.exec(inner);
  if (len) return { type: 'param', name: len[1]!, op: 'length', quoted };
  const op = /^([A-Za-z_][A-Za-z0-9_]*|[?#@*0-9])(:-|-|:\+|\+|:=|=)([\s\S]*)$/.exec(inner);
  if (op) return { type: 'param', name: op[1]!, op: op[2] as ParamOp, arg: op[3]!, quoted };
  return { type: 'badsubst', raw, quoted };
}

function backquoteError(message: string, body: string): string {
  const line = message.replace(/^bash: /, '').replace(/\n$/, '');
  if (line.startsWith('syntax error near')) {
    return `bash: command substitution: line 1: ${line}\nbash: command substitution: line 1: \`${body}'\n`;
  }
  if (line === 'syntax error: unexpected end of file') {
    return `bash: command substitution: line 2: ${line}\n`;
  }
  return `bash: command substitution: line 1: ${line}\n`;
}

/**
 * Decodes one backslash escape of `$'…'` starting just after the backslash.
 * Returns the text and how many characters of `src` it used.
 */
export function decodeAnsiCEscape(src: string, i: number): { text: string; length: number } {
  const c = src[i];
  if (c === undefined) return { text: '\\', length: 0 };
  const simple: Record<string, string> = {
    a: '\x07',
    b: '\b',
    e: '\x1b',
    E: '\x1b',
    f: '\f',
    n: '\n',
    r: '\r',
    t: '\t',
    v: '\v',
    '\\': '\\',
    "'": "'",
    '"': '"',
    '?': '?',
  };
  if (c in simple) return { text: simple[c]!, length: 1 };
  if (/[0-7]/.test(c)) {
    const m = /^[0-7]{1,3}/.exec(src.slice(i))![0];
    return { text: String.fromCharCode(parseInt(m, 8) & 0xff), length: m.length };
  }
  if (c === 'x') {
    const m = /^[0-9A-Fa-f]{1,2}/.exec(src.slice(i + 1));
    if (!m) return { text: '\\x', length: 1 };
    return { text: String.fromCharCode(parseInt(m[0], 16)), length: 1 + m[0].length };
  }
  if (c === 'u' || c === 'U') {
    const m = (c === 'u' ? /^[0-9A-Fa-f]{1,4}/ : /^[0-9A-Fa-f]{1,8}/).exec(src.slice(i + 1));
    if (!m) return { text: '\\' + c, length: 1 };
    const cp = parseInt(m[0], 16);
    return { text: cp <= 0x10ffff ? String.fromCodePoint(cp) : '', length: 1 + m[0].length };
  }
  if (c === 'c' && src[i + 1] !== undefined) {
    return { text: String.fromCharCode(src.charCodeAt(i + 1) & 0x1f), length: 2 };
  }
  return { text: '\\' + c, length: 1 };
}
