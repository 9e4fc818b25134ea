// ui/exports.ts — the downloads of the Share & export menu: the diagram as SVG or 2× PNG, the
// transcript, the scenario and the kernel state as scripts. Loaded only when a person asks for
// an export, so none of it weighs on the first paint. Every text goes out as a file, never HTML.
import { exportKernelScript, scenarioScript } from '../scenario/exportScript';
import type { AppState } from '../store';
import { labOf } from '../store/persist';
import { buildStandaloneSvg, svgToPng } from '../view/render/exportSvg';

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

function panesSvg(): string {
  const panes = (['kernel', 'user'] as const).flatMap((name) => {
    const svg = document.querySelector<SVGSVGElement>(`[data-pane="${name}"] svg.pane-svg`);
    return svg ? [{ name, svg }] : [];
  });
  const bg = getComputedStyle(document.body).backgroundColor || '#ffffff';
  return buildStandaloneSvg(panes, bg);
}

export type ExportKind = 'svg' | 'png' | 'transcript' | 'scenario' | 'kernel';

/** Writes one export as a download. */
export async function exportAs(kind: ExportKind, s: AppState): Promise<void> {
  switch (kind) {
    case 'svg':
      return download('netns-lab.svg', panesSvg(), 'image/svg+xml');
    case 'png':
      return download('netns-lab.png', await svgToPng(panesSvg(), 2));
    case 'transcript':
      return download('netns-lab-transcript.txt', transcriptText(s));
    case 'scenario':
      return download('netns-lab-scenario.sh', scenarioScript(labOf(s).lines), 'text/x-shellscript');
    case 'kernel':
      return download('netns-lab-kernel.sh', exportKernelScript(s.world), 'text/x-shellscript');
  }
}
