// Line editing of the terminal as a pure function: keys (as xterm sends them) → line state.
import { describe, expect, it } from 'vitest';
import { EMPTY_LINE, editLine, redrawLine, splitKeys, type LineState } from '../../src/ui/lineEditor';

function type(keys: string[], history: string[] = [], from: LineState = EMPTY_LINE) {
  let s = from;
  let last;
  for (const k of keys) {
    last = editLine(s, k, history);
    s = last.state;
  }
  return { s, last: last! };
}

describe('line editor', () => {
  it('splits input into escape sequences, control keys and printable runs', () => {
    expect(splitKeys('ip a\x1b[D\x7f\r')).toEqual(['ip a', '\x1b[D', '\x7f', '\r']);
    expect(splitKeys('\x1b')).toEqual(['\x1b']);
  });

  it('inserts at the cursor, moves, deletes and submits', () => {
    const { s } = type(['ip lnk', '\x1b[D', '\x1b[D', 'i']);
    expect(s).toMatchObject({ buffer: 'ip link', cursor: 5 });
    const { last } = type(['\x7f', '\r'], [], s);
    expect(last).toMatchObject({ action: 'submit', line: 'ip lnk' });
    expect(last.state).toEqual(EMPTY_LINE);
  });

  it('recalls history with up and down, keeping the fresh line', () => {
    const h = ['ip link', 'docker ps'];
    const { s } = type(['ech', '\x1b[A'], h);
    expect(s.buffer).toBe('docker ps');
    expect(type(['\x1b[A'], h, s).s.buffer).toBe('ip link');
    expect(type(['\x1b[A', '\x1b[A', '\x1b[B', '\x1b[B'], h, s).s.buffer).toBe('ech');
  });

  it('Ctrl+C abandons the line, Ctrl+L clears, Tab completes, Esc leaves, Ctrl+U/K/W kill', () => {
    expect(type(['abc', '\x03']).last).toMatchObject({ action: 'cancel', line: 'abc', state: EMPTY_LINE });
    expect(type(['abc', '\x0c']).last.action).toBe('clear');
    expect(type(['abc', '\t']).last.action).toBe('complete');
    expect(type(['abc', '\x1b']).last.action).toBe('leave');
    expect(type(['ip link show', '\x17']).s.buffer).toBe('ip link ');
    expect(type(['ip link', '\x01', '\x1b[C', '\x1b[C', '\x0b']).s.buffer).toBe('ip');
    expect(type(['ip link', '\x1b[D', '\x15']).s).toMatchObject({ buffer: 'k', cursor: 0 });
  });

  it('redraws the line and puts the cursor back', () => {
    expect(redrawLine('$ ', { ...EMPTY_LINE, buffer: 'abc', cursor: 1 })).toBe('\r\x1b[K$ abc\x1b[2D');
  });
});
