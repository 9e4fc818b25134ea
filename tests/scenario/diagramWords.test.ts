// The SVG export's second language: every diagram word the catalogues translate (en.ts/zhTW.ts
// `diagram.*`) is a word the scenes really draw, for worlds covering the four modes, so a change
// of wording in a scene cannot silently leave a translation behind; and names pass through as is.
import { describe, expect, it } from 'vitest';
import { createAppStore, selectScenes } from '../../src/store';
import { chineseLabels, DIAGRAM_KEYS } from '../../src/ui/exports';
import { en } from '../../src/ui/i18n/en';

const WORLDS: string[][] = [
  [
    'docker run -d --name c1 hwchiu/netutils',
    'docker run --network=none -d --name c2 hwchiu/netutils',
    'docker run --network=host -d --name c3 hwchiu/netutils',
    'docker run --network=container:c1 -d --name c4 hwchiu/netutils',
    'docker stop c2',
  ],
  ['ip link set docker0 down', 'ip addr flush dev docker0'],
  ['docker run -d --name solo hwchiu/netutils', 'docker run --network=container:solo -d --name side hwchiu/netutils'],
  ['docker run --network=none -d --name lone hwchiu/netutils'],
  ['docker run -d --name a1 hwchiu/netutils', 'docker run --network=container:a1 -d --name a2 hwchiu/netutils'],
  [
    'docker run -d --name b1 hwchiu/netutils',
    'docker run --network=container:b1 -d --name b2 hwchiu/netutils',
    'docker run --network=container:b1 -d --name b3 hwchiu/netutils',
    'docker run -d --name b4 hwchiu/netutils',
    'docker run -d --name b5 hwchiu/netutils',
  ],
];

function drawnTexts(lines: string[]): string[] {
  const s = createAppStore({ lines });
  const sc = selectScenes(s.getState());
  const out: string[] = [];
  for (const pane of [sc.kernel, sc.user]) {
    for (const b of pane.boxes) out.push(...b.label);
    for (const d of pane.decor) if (d.text) out.push(d.text);
  }
  return out;
}

describe('diagram words in two languages', () => {
  it('each translated word is drawn somewhere, and its translation differs', async () => {
    const zh = await chineseLabels();
    const texts = WORLDS.flatMap(drawnTexts);
    const translated = new Map<string, string>();
    for (const t of texts) {
      const other = zh.translate(t);
      if (other !== null) translated.set(t, other);
    }
    // The English words are the scenes' own (kernelScene.ts, userScene.ts); expected Chinese from zhTW.ts.
    expect(translated.get('Kernel Space')).toBe('核心空間');
    expect(translated.get('User Space')).toBe('使用者空間');
    expect(translated.get('stopped')).toBe('已停止');
    expect(translated.get('docker0 switch')).toBe('docker0 交換器');
    expect(translated.get('gateway 172.17.0.1')).toBe('閘道 172.17.0.1');
    for (const [en, other] of translated) expect(other, en).not.toBe(en);
    // Every word has a drawn text it matches (its English message, `{x}` standing for a name).
    const unmatched = DIAGRAM_KEYS.filter((key) => {
      const [before, after = ''] = en[key].split('{x}');
      return !texts.some((t) =>
        en[key].includes('{x}')
          ? t.startsWith(before) && t.endsWith(after) && t.length > before.length + after.length
          : t === en[key],
      );
    });
    expect(unmatched).toEqual([]);
  });

  it('names and addresses are left alone', async () => {
    const zh = await chineseLabels();
    for (const t of ['c1', 'eth0', '172.17.0.2/16', 'hwchiu/netutils', '--network=none', 'veth3c4ce7b'])
      expect(zh.translate(t), t).toBeNull();
  });
});
