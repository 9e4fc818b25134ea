// ui/lineEditor.ts — the terminal's line editing as a pure function: one key (an xterm data
// sequence) and the current line state in, the next state and what to do out. Kept free of
// xterm and the DOM so it can be tested with plain values.

export interface LineState {
  buffer: string;
  cursor: number;
  /** Index into the history while browsing it with ↑/↓; null when editing a fresh line. */
  hist: number | null;
  /** The fresh line, kept while browsing the history. */
  draft: string;
}

export type LineAction = 'submit' | 'cancel' | 'clear' | 'complete' | 'leave' | 'undo';

export interface EditResult {
  state: LineState;
  action?: LineAction;
  /** The line submitted (action 'submit') or abandoned (action 'cancel'). */
  line?: string;
}

export const EMPTY_LINE: LineState = { buffer: '', cursor: 0, hist: null, draft: '' };

/** Splits a chunk of terminal input into keys: escape sequences, control characters, printable runs. */
export function splitKeys(data: string): string[] {
  const keys: string[] = [];
  let i = 0;
  while (i < data.length) {
    const ch = data[i];
    if (ch === '\x1b') {
      // ESC [ params final, or ESC O final (application cursor keys).
      const m = /^(\[[0-9;]*[A-Za-z~]|O[A-Za-z])/.exec(data.slice(i + 1));
      const len = m ? m[0].length + 1 : 1;
      keys.push(data.slice(i, i + len));
      i += len;
    } else if (ch < ' ' || ch === '\x7f') {
      keys.push(ch);
      i++;
    } else {
      let j = i;
      while (j < data.length && data[j] >= ' ' && data[j] !== '\x7f') j++;
      keys.push(data.slice(i, j));
      i = j;
    }
  }
  return keys;
}

function at(s: LineState, buffer: string, cursor: number): LineState {
  return { ...s, buffer, cursor: Math.max(0, Math.min(buffer.length, cursor)) };
}

/** Applies one key to the line. */
export function editLine(s: LineState, key: string, history: readonly string[]): EditResult {
  const { buffer, cursor } = s;
  switch (key) {
    case '\r':
    case '\n':
      return { state: EMPTY_LINE, action: 'submit', line: buffer };
    case '\x03': // Ctrl+C: bash prints ^C and starts a fresh line
      return { state: EMPTY_LINE, action: 'cancel', line: buffer };
    case '\x0c': // Ctrl+L
      return { state: s, action: 'clear' };
    case '\t':
      return { state: s, action: 'complete' };
    case '\x1b':
      return { state: s, action: 'leave' };
    case '\x1a': // Ctrl+Z: in this app, undo the last command
      return { state: s, action: 'undo' };
    case '\x7f':
    case '\b':
      if (cursor === 0) return { state: s };
      return { state: at(s, buffer.slice(0, cursor - 1) + buffer.slice(cursor), cursor - 1) };
    case '\x1b[3~':
      return { state: at(s, buffer.slice(0, cursor) + buffer.slice(cursor + 1), cursor) };
    case '\x1b[D':
    case '\x02':
      return { state: at(s, buffer, cursor - 1) };
    case '\x1b[C':
    case '\x06':
      return { state: at(s, buffer, cursor + 1) };
    case '\x1b[H':
    case '\x1bOH':
    case '\x01':
      return { state: at(s, buffer, 0) };
    case '\x1b[F':
    case '\x1bOF':
    case '\x05':
      return { state: at(s, buffer, buffer.length) };
    case '\x15': // Ctrl+U: kill to the start
      return { state: at(s, buffer.slice(cursor), 0) };
    case '\x0b': // Ctrl+K: kill to the end
      return { state: at(s, buffer.slice(0, cursor), cursor) };
    case '\x17': {
      // Ctrl+W: the word before the cursor
      const head = buffer.slice(0, cursor).replace(/\S+\s*$/, '');
      return { state: at(s, head + buffer.slice(cursor), head.length) };
    }
    case '\x1b[A': {
      if (history.length === 0) return { state: s };
      const hist = s.hist === null ? history.length - 1 : Math.max(0, s.hist - 1);
      const line = history[hist];
      return { state: { buffer: line, cursor: line.length, hist, draft: s.hist === null ? buffer : s.draft } };
    }
    case '\x1b[B': {
      if (s.hist === null) return { state: s };
      if (s.hist >= history.length - 1)
        return { state: { buffer: s.draft, cursor: s.draft.length, hist: null, draft: '' } };
      const line = history[s.hist + 1];
      return { state: { ...s, buffer: line, cursor: line.length, hist: s.hist + 1 } };
    }
  }
  if (key.startsWith('\x1b') || key < ' ') return { state: s };
  return { state: at(s, buffer.slice(0, cursor) + key + buffer.slice(cursor), cursor + key.length) };
}

/** The escape sequence that redraws the line after `prompt`, leaving the cursor in place. */
export function redrawLine(prompt: string, s: LineState): string {
  const back = s.buffer.length - s.cursor;
  return `\r\x1b[K${prompt}${s.buffer}${back > 0 ? `\x1b[${back}D` : ''}`;
}
