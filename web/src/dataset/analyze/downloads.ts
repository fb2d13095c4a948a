// Saving what a chart shows: its data as CSV, and (loaded only when asked, with ECharts and its
// canvas renderer: render-downloads.ts) the picture as PNG or SVG.
import type { ChartPicture } from './render-downloads.ts';

export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 5000);
}

export function safeName(text: string): string {
  return text.normalize('NFKD').replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'chart';
}

export function downloadCsv(csv: string, name: string): void {
  saveBlob(new Blob([`\uFEFF${csv}`], { type: 'text/csv;charset=utf-8' }), `${safeName(name)}.csv`);
}

/** PNG or SVG of the chart, rendered off-screen with its title. */
export async function downloadPicture(kind: ChartPicture, option: Record<string, unknown>, name: string): Promise<void> {
  const { renderPicture } = await import('./render-downloads.ts');
  saveBlob(await renderPicture(kind, option), `${safeName(name)}.${kind}`);
}
