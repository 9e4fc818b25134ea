// Share links: a round trip gives the same world for every Docker mode, and a table of hostile
// links each gives a clear message (never an exception) while nothing in them is interpreted.
import { describe, expect, it } from 'vitest';
import { compressToEncodedURIComponent } from 'lz-string';
import { decodeShare, encodeShare, hasShare, MAX_ENCODED, MAX_LINES, type SharedLab } from '../../src/scenario/share';
import { createAppStore } from '../../src/store';
import { labOf, optionsOf } from '../../src/store/persist';

const MODES: Record<string, string[]> = {
  none: ['docker run --network=none -d --name c1 hwchiu/netutils'],
  host: ['docker run --network=host -d --name c1 hwchiu/netutils'],
  bridge: ['docker run -d --name c1 hwchiu/netutils', 'docker run -d --name c2 hwchiu/netutils'],
  container: [
    'docker run -d --name c1 hwchiu/netutils',
    'docker run --network=container:c1 -d --name c2 hwchiu/netutils',
  ],
};

const pack = (value: unknown, version = 1) => `#lab=${version}.${compressToEncodedURIComponent(JSON.stringify(value))}`;

describe('share link round trip', () => {
  for (const [mode, lines] of Object.entries(MODES)) {
    for (const profile of ['classic', 'current'] as const) {
      it(`${mode} (${profile}): the decoded link rebuilds the same world`, () => {
        const a = createAppStore({ profile, seed: 7, theme: 'dark', lines });
        const hash = encodeShare(labOf(a.getState()));
        expect(hasShare(hash)).toBe(true);
        const r = decodeShare(hash);
        if (!r.ok) throw new Error(r.error);
        expect(r.lab).toEqual({ lines, profile, theme: 'dark', seed: 7 });
        const b = createAppStore(optionsOf(r.lab));
        expect(b.getState().world.kernel).toEqual(a.getState().world.kernel);
        expect(b.getState().world.docker).toEqual(a.getState().world.docker);
        expect(b.getState().transcript.map((t) => t.output)).toEqual(a.getState().transcript.map((t) => t.output));
      });
    }
  }

  it('only the applied lines are shared: an undone line is not', () => {
    const a = createAppStore({ lines: MODES.bridge });
    a.getState().undo();
    const r = decodeShare(encodeShare(labOf(a.getState())));
    expect(r.ok && r.lab.lines).toEqual([MODES.bridge[0]]);
  });

  it('keeps optional fields of the open format (tour step, language, view options)', () => {
    const lab: SharedLab = {
      lines: [],
      profile: 'classic',
      theme: 'system',
      seed: 1,
      tour: { id: 'modes', step: 3 },
      lang: 'zh-TW',
      view: { presenter: true, nat: true, zoom: 1.5, speed: 0.25 },
    };
    expect(decodeShare(encodeShare(lab))).toEqual({ ok: true, lab });
  });

  it('ignores fields it does not know (a later minor addition)', () => {
    const r = decodeShare(pack({ v: 1, lines: ['ip link'], profile: 'classic', theme: 'light', future: { x: 1 } }));
    expect(r).toEqual({ ok: true, lab: { lines: ['ip link'], profile: 'classic', theme: 'light', seed: 1 } });
  });
});

describe('hostile links', () => {
  const good = encodeShare({ lines: MODES.bridge, profile: 'classic', theme: 'system', seed: 1 });
  const table: [string, string, RegExp][] = [
    ['empty', '', /no lab state/],
    ['another fragment', '#section-2', /no lab state/],
    ['no version', '#lab=abc', /no format version/],
    ['a newer version', '#lab=2.' + good.split('.')[1], /newer netns-lab \(format 2\)/],
    ['version 0', '#lab=0.' + good.split('.')[1], /unknown format version/],
    ['characters outside the alphabet', '#lab=1.<script>alert(1)</script>', /damaged/],
    ['garbage', '#lab=1.qwertyuiopasdfghjkl', /damaged/],
    ['truncated', good.slice(0, Math.floor(good.length / 2)), /damaged|cut short/],
    ['huge', '#lab=1.' + 'A'.repeat(MAX_ENCODED + 1), /too long/],
    ['JSON that is not an object', pack([1, 2, 3]), /no lab state/],
    ['a newer version inside', pack({ v: 9, lines: [] }), /newer netns-lab \(format 9\)/],
    ['lines not a list', pack({ v: 1, lines: 'docker run' }), /no command lines/],
    ['a line that is not text', pack({ v: 1, lines: [{ toString: 1 }] }), /not text/],
    ['too many lines', pack({ v: 1, lines: Array(MAX_LINES + 1).fill('ip link') }), /more than/],
    ['a line with a newline', pack({ v: 1, lines: ['ip link\nrm -rf /'] }), /control characters/],
    ['a line with a terminal escape', pack({ v: 1, lines: ['echo \u001b]0;x\u0007'] }), /control characters/],
    ['an unknown profile', pack({ v: 1, lines: [], profile: '<b>x</b>' }), /unknown Docker profile/],
    ['an unknown theme', pack({ v: 1, lines: [], theme: 'javascript:alert(1)' }), /unknown theme/],
    ['a bad seed', pack({ v: 1, lines: [], seed: 1.5 }), /invalid seed/],
    ['a tour id with markup', pack({ v: 1, lines: [], tour: { id: '<img src=x>', step: 1 } }), /invalid tour step/],
    ['a language with markup', pack({ v: 1, lines: [], lang: '"><svg onload=alert(1)>' }), /invalid language/],
    ['view options that are not an object', pack({ v: 1, lines: [], view: 'big' }), /invalid view options/],
    ['a presenter flag that is not a boolean', pack({ v: 1, lines: [], view: { presenter: 'yes' } }), /invalid view/],
    ['an overlay flag that is not a boolean', pack({ v: 1, lines: [], view: { nat: 1 } }), /invalid view options/],
    ['a zoom out of range', pack({ v: 1, lines: [], view: { zoom: 1e9 } }), /invalid view options/],
    ['a speed that is not a number', pack({ v: 1, lines: [], view: { speed: '2' } }), /invalid view options/],
    ['__proto__ keys', '#lab=1.' + compressToEncodedURIComponent('{"__proto__":{"v":1},"lines":[]}'), /format version/],
  ];
  for (const [name, hash, message] of table) {
    it(`${name}: refused with a clear message`, () => {
      const r = decodeShare(hash);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(message);
    });
  }

  it('names with markup are decoded as plain text and reach the shell as text only', () => {
    const line = 'docker run -d --name "<img src=x onerror=alert(1)>" hwchiu/netutils';
    const r = decodeShare(pack({ v: 1, lines: [line] }));
    if (!r.ok) throw new Error(r.error);
    expect(r.lab.lines).toEqual([line]);
    const s = createAppStore(optionsOf(r.lab));
    // Docker's own name check refuses it (the message the docker tool prints for invalid names).
    expect(
      s
        .getState()
        .transcript[0].output.map((o) => o.text)
        .join(''),
    ).toContain('Invalid container name');
    expect(Object.keys(s.getState().world.docker.containers)).toEqual([]);
  });
});
