// ui/exports.ts — the downloads of the Share & export menu: the diagram as SVG or 2× PNG, the
// transcript, the scenario and the kernel state as scripts. Loaded only when a person asks for
// an export, so none of it weighs on the first paint. Every text goes out as a file, never HTML.
// The SVG holds both languages: the diagrams are drawn in English, and each word the catalogues
// translate gets its Traditional Chinese twin (a `<switch>`), each pane a title in both.
import { exportKernelScript, scenarioScript } from '../scenario/exportScript';
import type { AppState } from '../store';
import { labOf } from '../store/persist';
import { buildStandaloneSvg, svgToPng, type ExportSvgLanguage } from '../view/render/exportSvg';
import { loadLang, t, type MessageKey } from './i18n';

/** The transcript as plain text: each line after a `$ ` prompt, then its output. */
export function transcriptText(s: AppState): string {
  const out: string[] = [];
  for (const t of s.transcript) {
    if (t.note) out.push(`# ${t.note}\n`);
    if (t.line !== undefined) out.push(`$ ${t.line}\n`);
    for (const o of t.output) out.push(o.text);
  }
  return out.join('');
}

function download(name: string, data: Blob | string, type = 'text/plain'): void {
  const blob = typeof data === 'string' ? new Blob([data], { type: `${type};charset=utf-8` }) : data;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The catalogue keys of words drawn in the diagrams (`{x}` stands for a name or an address). */
export const DIAGRAM_KEYS: readonly MessageKey[] = [
  'diagram.userSpace',
  'diagram.kernelSpace',
  'diagram.outside',
  'diagram.routedNat',
  'diagram.running',
  'diagram.stopped',
  'diagram.noAddress',
  'diagram.down',
  'diagram.loopback',
  'diagram.oneNetworkShared',
  'diagram.usesHost',
  'diagram.noNetwork',
  'diagram.sharedNetns',
  'diagram.hostNetns',
  'diagram.switch',
  'diagram.gateway',
  'diagram.hostOwn',
];

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Traditional Chinese for the drawn labels, from the catalogues (loaded first if needed). */
export async function chineseLabels(): Promise<ExportSvgLanguage> {
  await loadLang('zh-TW');
  const rules = DIAGRAM_KEYS.map((key) => {
    const [before, after = ''] = t('en', key).split('{x}');
    const hasX = t('en', key).includes('{x}');
    return {
      re: new RegExp(`^${escapeRe(before)}${hasX ? '(.+)' : ''}${escapeRe(after)}$`),
      key,
    };
  });
  return {
    lang: 'zh-TW',
    translate(text) {
      for (const r of rules) {
        const m = r.re.exec(text);
        if (m) return t('zh-TW', r.key, { x: m[1] ?? '' });
      }
      return null;
    },
  };
}

async function panesSvg(): Promise<string> {
  const titles = (key: MessageKey) => ({ en: t('en', key), 'zh-TW': t('zh-TW', key) });
  const alt = await chineseLabels();
  const panes = (['kernel', 'user'] as const).flatMap((name) => {
    const svg = document.querySelector<SVGSVGElement>(`[data-pane="${name}"] svg.pane-svg`);
    return svg ? [{ name, svg, titles: titles(name === 'kernel' ? 'app.kernelView' : 'app.userView') }] : [];
  });
  const bg = getComputedStyle(document.body).backgroundColor || '#ffffff';
  return buildStandaloneSvg(panes, bg, alt);
}

export type ExportKind = 'svg' | 'png' | 'transcript' | 'scenario' | 'kernel';

/** Writes one export as a download. */
export async function exportAs(kind: ExportKind, s: AppState): Promise<void> {
  switch (kind) {
    case 'svg':
      return download('netns-lab.svg', await panesSvg(), 'image/svg+xml');
    case 'png':
      return download('netns-lab.png', await svgToPng(await panesSvg(), 2));
    case 'transcript':
      return download('netns-lab-transcript.txt', transcriptText(s));
    case 'scenario':
      return download('netns-lab-scenario.sh', scenarioScript(labOf(s).lines), 'text/x-shellscript');
    case 'kernel':
      return download('netns-lab-kernel.sh', exportKernelScript(s.world), 'text/x-shellscript');
  }
}
