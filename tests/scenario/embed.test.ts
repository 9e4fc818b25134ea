// Embedding, without a browser: the embed options (defaults, every option, a table of bad values
// each giving a notice and the default), the query they make and read back, the <netns-lab>
// scenario split, and the embed store (tour step worlds, read-only, link extras, no autosave).
import { describe, expect, it } from 'vitest';
import { encodeShare, TOUR_ID } from '../../src/scenario/share';
import { TOUR } from '../../src/scenario/tour';
import { createAppStore } from '../../src/store';
import { applyLabExtras, createEmbedStore, fullLabOf } from '../../src/ui/embed/boot';
import {
  EMBED_DEFAULTS,
  embedQuery,
  parseEmbedQuery,
  splitScenario,
  type EmbedOptions,
} from '../../src/ui/embed/options';
import { loadLang, t } from '../../src/ui/i18n';

/** The notices as the embed shows them in English. */
const noticeText = (o: EmbedOptions) => o.notices.map((n) => t('en', n.key, n.vars)).join(' ');

describe('embed options', () => {
  it('are off without embed=1, with the defaults', () => {
    expect(parseEmbedQuery('')).toEqual({ ...EMBED_DEFAULTS, notices: [] });
    expect(parseEmbedQuery('?lang=zh-TW').embed).toBe(false);
  });

  it('read every option', () => {
    const o = parseEmbedQuery(
      '?embed=1&panes=kernel&terminal=0&tour=network-modes&step=4&readonly=1&theme=dark&lang=zh-TW',
    );
    expect(o).toEqual({
      embed: true,
      panes: 'kernel',
      terminal: false,
      tour: { id: 'network-modes', step: 4 },
      readonly: true,
      theme: 'dark',
      lang: 'zh-TW',
      notices: [],
    });
  });

  it('round-trip through the query the Embed dialog writes', () => {
    const o = parseEmbedQuery(
      '?embed=1&panes=user&terminal=0&readonly=1&theme=light&lang=en&tour=network-modes&step=2',
    );
    expect(parseEmbedQuery(embedQuery(o))).toEqual(o);
    expect(embedQuery({})).toBe('?embed=1');
  });

  const bad: [string, string, RegExp, Partial<typeof EMBED_DEFAULTS>][] = [
    ['panes', 'panes=all', /panes="all" is not one of both, kernel, user/, { panes: 'both' }],
    ['terminal', 'terminal=yes', /terminal="yes"/, { terminal: true }],
    ['readonly', 'readonly=2', /readonly="2"/, { readonly: false }],
    ['theme', 'theme=%3Cscript%3E', /theme="<script>"/, { theme: null }],
    ['lang', 'lang=fr', /lang="fr"/, { lang: null }],
    ['tour', 'tour=%3Cimg%3E&step=1', /names no tour/, { tour: null }],
    ['step', 'tour=network-modes&step=-1', /not a step number/, { tour: { id: 'network-modes', step: 0 } }],
    ['step alone', 'step=3', /needs tour/, { tour: null }],
    ['a huge value', `panes=${'x'.repeat(5000)}`, /"x{40}…"/, { panes: 'both' }],
  ];
  for (const [name, q, message, fallback] of bad) {
    it(`a bad ${name}: a notice and the default`, () => {
      const o = parseEmbedQuery(`?embed=1&${q}`);
      expect(o.embed).toBe(true);
      expect(noticeText(o)).toMatch(message);
      expect(o).toMatchObject(fallback);
    });
  }
});

describe('scenario attribute', () => {
  it('splits on newlines and on ; outside quotes', () => {
    expect(splitScenario('ip link; docker run -d --name a x\n\n  docker exec a echo "a;b" ;')).toEqual([
      'ip link',
      'docker run -d --name a x',
      'docker exec a echo "a;b"',
    ]);
    expect(splitScenario('   ')).toEqual([]);
  });
});

describe('embed store', () => {
  const opts = (q: string) => parseEmbedQuery(`?embed=1&${q}`);
  const containers = (s: ReturnType<typeof createEmbedStore>) =>
    Object.keys(s.getState().world.docker.containers).length;

  it('opens the tour at a step with the commands of the steps before it run', () => {
    const s = createEmbedStore({}, opts('tour=network-modes&step=3'));
    const lines = TOUR.slice(0, 3).flatMap((t) => t.lines.map((l) => l.line));
    expect(s.getState().tourStep).toBe(3);
    expect(s.getState().entries.length).toBeGreaterThan(0);
    expect(s.getState().lines).toEqual(lines);
  });

  it('read-only: the step itself has run, and no command changes the world any more', () => {
    const s = createEmbedStore({}, opts('tour=network-modes&step=3&readonly=1'));
    expect(s.getState().lines).toEqual(TOUR.slice(0, 4).flatMap((t) => t.lines.map((l) => l.line)));
    const before = s.getState().world;
    s.getState().run('docker run -d --name extra hwchiu/netutils');
    s.getState().reset();
    s.getState().undo();
    expect(s.getState().world).toBe(before);
    // Looking around still works.
    s.getState().select('x');
    expect(s.getState().selection).toBe('x');
  });

  it('builds the world of a link, with its language and tour step, the options winning', () => {
    const from = createAppStore({ lines: ['docker run -d --name c1 hwchiu/netutils'] });
    from.getState().tourGo(2);
    from.getState().setLang('zh-TW');
    const hash = encodeShare(fullLabOf(from.getState()));
    const s = createEmbedStore({ hash }, opts('theme=dark'));
    expect(containers(s)).toBe(1);
    expect(s.getState().tourStep).toBe(2);
    expect(s.getState().lang).toBe('zh-TW');
    expect(s.getState().theme).toBe('dark');
    expect(s.getState().notice).toBeNull();
  });

  it('a bad link or option: a notice and an empty host, never an exception', () => {
    const o = opts('panes=nope&tour=other-tour');
    const s = createEmbedStore({ hash: '#lab=1.garbage!!' }, o);
    expect(containers(s)).toBe(0);
    expect(s.getState().notice).toMatch(/could not be opened/);
    expect(noticeText(o)).toMatch(/panes="nope"/);
    expect(noticeText(o)).toMatch(/no tour named "other-tour"/);
  });

  it('notices in Traditional Chinese', async () => {
    await loadLang('zh-TW');
    const o = opts('theme=neon');
    expect(o.notices.map((n) => t('zh-TW', n.key, n.vars)).join('')).toBe(
      '嵌入選項 theme="neon" 不是 system, light, dark 其中之一，改用預設值。',
    );
  });

  it('plain command lines from a <netns-lab scenario>', () => {
    const s = createEmbedStore({ lines: splitScenario('docker run -d --name web hwchiu/netutils; ip link') }, opts(''));
    expect(containers(s)).toBe(1);
  });
});

describe('link extras', () => {
  it('a full link carries the tour step, language and view options, and brings them back', () => {
    const a = createAppStore({ profile: 'current', theme: 'light' });
    a.getState().tourGo(5);
    a.getState().setLang('zh-TW');
    a.getState().setPacketSpeed(2);
    a.getState().setPresenter(true);
    a.getState().presenterZoomBy(1.5);
    a.getState().setNatOverlay(true);
    const lab = fullLabOf(a.getState());
    expect(lab.tour).toEqual({ id: TOUR_ID, step: 5 });
    const b = createAppStore({ profile: lab.profile, theme: lab.theme, lines: lab.lines });
    applyLabExtras(b, lab);
    const pick = (s: ReturnType<typeof createAppStore>) => {
      const x = s.getState();
      return [x.profile, x.theme, x.tourStep, x.lang, x.packetSpeed, x.presenter, x.presenterZoom, x.natOverlay];
    };
    expect(pick(b)).toEqual(pick(a));
    expect(pick(b)).toEqual(['current', 'light', 5, 'zh-TW', 2, true, 1.5, true]);
  });
});
