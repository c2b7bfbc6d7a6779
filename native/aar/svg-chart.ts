// Bar charts as inline SVG text: two charts do not warrant a chart library in a printable file.
import { escapeHtml } from './escape.ts';

export interface Bar {
  label: string;
  value: number;
  /** Shown above the bar; the value when absent. */
  caption?: string;
}

const width = 640;
const height = 220;
const margin = { top: 24, right: 12, bottom: 48, left: 44 };

/** Vertical bars with a y axis from 0 to a round maximum, labels under each bar. */
export function barChart(title: string, bars: readonly Bar[], unit: string): string {
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const top = niceMax(Math.max(0, ...bars.map((b) => b.value)));
  const slot = plotW / Math.max(1, bars.length);
  const y = (v: number) => margin.top + plotH - (v / top) * plotH;
  const ticks = [0, top / 2, top].map(
    (t) => `<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(t)}" y2="${y(t)}" class="grid"/><text x="${margin.left - 6}" y="${y(t) + 4}" text-anchor="end">${round(t)}</text>`,
  );
  const rects = bars.map((b, i) => {
    const x = margin.left + i * slot + slot * 0.15;
    const w = slot * 0.7;
    const label = `<text x="${x + w / 2}" y="${height - margin.bottom + 14}" text-anchor="middle">${escapeHtml(b.label)}</text>`;
    const caption = `<text x="${x + w / 2}" y="${y(b.value) - 4}" text-anchor="middle">${escapeHtml(b.caption ?? String(round(b.value)))}</text>`;
    return `<rect x="${x}" y="${y(b.value)}" width="${w}" height="${margin.top + plotH - y(b.value)}" class="bar"><title>${escapeHtml(`${b.label}: ${round(b.value)} ${unit}`)}</title></rect>${label}${caption}`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(title)}" class="chart">`,
    `<text x="${margin.left}" y="14" class="chart-title">${escapeHtml(title)} (${escapeHtml(unit)})</text>`,
    ...ticks,
    ...rects,
    `<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(0)}" y2="${y(0)}" class="axis"/>`,
    '</svg>',
  ].join('');
}

const round = (v: number) => Number(v.toFixed(1));

/** 1, 2 or 5 times a power of ten, at least `v` (and at least 1). */
function niceMax(v: number): number {
  if (v <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 5, 10].map((m) => m * p).find((n) => n >= v)!;
}
