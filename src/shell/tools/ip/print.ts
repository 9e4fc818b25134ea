// shell/tools/ip/print.ts — iproute2's output plumbing: one printer that writes either the text
// format or the JSON format (json_writer, compact or `-p` pretty), so that each formatter states
// its fields once, in iproute2's order, and both outputs follow. Pure string building; no state.

type Scalar = string | number | boolean | null;

/** iproute2's json_writer: separators, nesting and the `-p` indentation rules, byte for byte. */
class JsonWriter {
  out = '';
  private depth = 0;
  private sep = '';
  constructor(private readonly pretty: boolean) {}

  private indentLine(): void {
    if (!this.pretty) return;
    this.out += '\n' + '    '.repeat(this.depth);
  }
  private separate(): void {
    if (this.sep) this.out += this.sep;
    this.sep = ',';
  }
  private begin(c: string): void {
    this.separate();
    this.out += c;
    this.depth++;
    this.sep = '';
  }
  private end(c: string): void {
    this.depth--;
    if (this.sep) this.indentLine();
    this.out += c;
    this.sep = ',';
  }
  name(key: string): void {
    this.separate();
    this.indentLine();
    this.sep = '';
    this.out += quote(key) + (this.pretty ? ': ' : ':');
  }
  value(v: Scalar): void {
    this.separate();
    this.out += typeof v === 'string' ? quote(v) : String(v);
  }
  startObject(): void {
    this.begin('{');
  }
  endObject(): void {
    this.end('}');
  }
  startArray(): void {
    this.begin('[');
    if (this.pretty) this.out += ' ';
  }
  endArray(): void {
    if (this.pretty && this.sep) this.out += ' ';
    this.sep = '';
    this.end(']');
  }
}

function quote(s: string): string {
  const esc: Record<string, string> = {
    '\t': '\\t',
    '\n': '\\n',
    '\r': '\\r',
    '\f': '\\f',
    '\b': '\\b',
    '\\': '\\\\',
    '"': '\\"',
  };
  return '"' + s.replace(/[\t\n\r\f\b\\"]/g, (c) => esc[c]!) + '"';
}

/**
 * The printer behind every `ip` formatter, after iproute2's print_* helpers: `any` writes a key
 * and value in JSON mode and the given text otherwise; `fp` is text only, `js` JSON only.
 */
export class Printer {
  private text = '';
  private readonly jw?: JsonWriter;
  /** iproute2's _SL_: the line separator inside one record ("\\" with -oneline). */
  readonly sl: string;

  constructor(json: boolean, pretty: boolean, oneline = false) {
    if (json) {
      this.jw = new JsonWriter(pretty);
      this.jw.startArray();
    }
    this.sl = oneline ? '\\' : '\n';
  }

  get isJson(): boolean {
    return this.jw !== undefined;
  }

  any(key: string | null, value: Scalar, text: string): void {
    if (this.jw) {
      if (key !== null) this.jw.name(key);
      this.jw.value(value);
    } else this.text += text;
  }
  fp(text: string): void {
    if (!this.jw) this.text += text;
  }
  js(key: string | null, value: Scalar): void {
    if (!this.jw) return;
    if (key !== null) this.jw.name(key);
    this.jw.value(value);
  }
  /** print_nl(): the record's internal line break, text only. */
  nl(): void {
    this.fp(this.sl);
  }
  open(key?: string): void {
    if (!this.jw) return;
    if (key !== undefined) this.jw.name(key);
    this.jw.startObject();
  }
  close(): void {
    this.jw?.endObject();
  }
  openArray(key: string | null, text = ''): void {
    if (!this.jw) {
      this.text += text;
      return;
    }
    if (key !== null) this.jw.name(key);
    this.jw.startArray();
  }
  closeArray(text = ''): void {
    if (!this.jw) this.text += text;
    else this.jw.endArray();
  }

  /** The whole output: the text, or the JSON array closed and ended by a newline. */
  finish(): string {
    if (!this.jw) return this.text;
    this.jw.endArray();
    return this.jw.out + '\n';
  }
}
