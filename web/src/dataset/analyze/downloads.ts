// Saves a chart as PNG or SVG (rendered off-screen with a title) and its data as CSV.
import { echarts } from './echarts-setup.ts';

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

function offscreen(option: Record<string, unknown>, renderer: 'svg' | 'canvas', width: number, height: number) {
  const div = document.createElement('div');
  div.style.cssText = `position:fixed;left:-10000px;top:0;width:${width}px;height:${height}px`;
  document.body.append(div);
  const chart = echarts.init(div, null, { renderer, width, height });
  chart.setOption({ ...option, animation: false });
  return { chart, done: () => { chart.dispose(); div.remove(); } };
}

export function downloadSvg(option: Record<string, unknown>, name: string, width = 960, height = 540): void {
  const { chart, done } = offscreen(option, 'svg', width, height);
  const svg = chart.renderToSVGString();
  done();
  saveBlob(new Blob([svg], { type: 'image/svg+xml' }), `${safeName(name)}.svg`);
}

export function downloadPng(option: Record<string, unknown>, name: string, width = 960, height = 540): void {
  const { chart, done } = offscreen(option, 'canvas', width, height);
  const url = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
  done();
  fetch(url).then((r) => r.blob()).then((b) => saveBlob(b, `${safeName(name)}.png`));
}

export function downloadCsv(csv: string, name: string): void {
  saveBlob(new Blob([`\uFEFF${csv}`], { type: 'text/csv;charset=utf-8' }), `${safeName(name)}.csv`);
}
