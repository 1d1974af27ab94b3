// A small, dependency-free SVG line chart for self-contained HTML reports (no scripts, no CDN).
// Linear axes with nice ticks, optional step lines, markers and a dashed reference diagonal. Not a plotting library.
import { esc, f, fmtTick, PALETTE, svgOpen, ticks } from './svg-basics.js';

export interface ChartSeries {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
  /** Draw as a right-continuous step function (Kaplan-Meier curves). */
  readonly step?: boolean;
  readonly markers?: boolean;
}

export interface LineChartOptions {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly ChartSeries[];
  readonly xDomain?: readonly [number, number];
  readonly yDomain?: readonly [number, number];
  /** Dashed y = x line (ROC, calibration). */
  readonly diagonal?: boolean;
  readonly width?: number;
  readonly height?: number;
  /** Where the legend sits inside the plot (default top-left). */
  readonly legend?: 'top-left' | 'bottom-left' | 'bottom-right';
}

export function lineChart(o: LineChartOptions): string {
  const width = o.width ?? 480;
  const height = o.height ?? 340;
  const m = { left: 56, right: 16, top: 34, bottom: 46 };
  const all = o.series.flatMap((s) => s.points).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  const [x0, x1] = o.xDomain ?? extent(all.map((p) => p[0]));
  const [y0, y1] = o.yDomain ?? extent(all.map((p) => p[1]));
  const px = (x: number) => m.left + ((x - x0) / (x1 - x0 || 1)) * (width - m.left - m.right);
  const py = (y: number) => height - m.bottom - ((y - y0) / (y1 - y0 || 1)) * (height - m.top - m.bottom);
  const parts: string[] = [];
  parts.push(svgOpen(width, height, o.title));
  for (const t of ticks(x0, x1)) {
    parts.push(`<line x1="${f(px(t))}" y1="${m.top}" x2="${f(px(t))}" y2="${height - m.bottom}" stroke="#eee"/>`);
    parts.push(`<text x="${f(px(t))}" y="${height - m.bottom + 16}" text-anchor="middle" font-size="11">${fmtTick(t)}</text>`);
  }
  for (const t of ticks(y0, y1)) {
    parts.push(`<line x1="${m.left}" y1="${f(py(t))}" x2="${width - m.right}" y2="${f(py(t))}" stroke="#eee"/>`);
    parts.push(`<text x="${m.left - 6}" y="${f(py(t) + 4)}" text-anchor="end" font-size="11">${fmtTick(t)}</text>`);
  }
  parts.push(`<rect x="${m.left}" y="${m.top}" width="${width - m.left - m.right}" height="${height - m.top - m.bottom}" fill="none" stroke="#999"/>`);
  parts.push(`<text x="${(m.left + width - m.right) / 2}" y="${height - 10}" text-anchor="middle" font-size="12">${esc(o.xLabel)}</text>`);
  parts.push(
    `<text transform="translate(14 ${(m.top + height - m.bottom) / 2}) rotate(-90)" text-anchor="middle" font-size="12">${esc(o.yLabel)}</text>`,
  );
  if (o.diagonal) {
    const lo = Math.max(x0, y0);
    const hi = Math.min(x1, y1);
    parts.push(`<line x1="${f(px(lo))}" y1="${f(py(lo))}" x2="${f(px(hi))}" y2="${f(py(hi))}" stroke="#888" stroke-dasharray="4 4"/>`);
  }
  const legend: string[] = [];
  const legendWidth = Math.min(width - m.left - m.right - 8, 20 + 6.2 * Math.max(...o.series.map((s) => s.name.length), 4));
  const legendHeight = 16 * o.series.length + 4;
  const lx = o.legend === 'bottom-right' ? width - m.right - legendWidth - 4 : m.left + 4;
  const ly0 = o.legend === 'bottom-left' || o.legend === 'bottom-right' ? height - m.bottom - legendHeight - 4 : m.top + 4;
  legend.push(`<rect x="${lx}" y="${ly0}" width="${f(legendWidth)}" height="${legendHeight}" fill="#fff" fill-opacity="0.85" stroke="#ddd"/>`);
  o.series.forEach((s, k) => {
    const color = PALETTE[k % PALETTE.length];
    const pts = s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
    const path: string[] = [];
    pts.forEach(([x, y], i) => {
      if (i === 0) path.push(`M${f(px(x))},${f(py(y))}`);
      else if (s.step) path.push(`H${f(px(x))}V${f(py(y))}`);
      else path.push(`L${f(px(x))},${f(py(y))}`);
    });
    parts.push(`<path d="${path.join('')}" fill="none" stroke="${color}" stroke-width="2"/>`);
    if (s.markers) for (const [x, y] of pts) parts.push(`<circle cx="${f(px(x))}" cy="${f(py(y))}" r="3" fill="${color}"/>`);
    const ly = ly0 + 12 + k * 16;
    legend.push(`<rect x="${lx + 6}" y="${ly - 5}" width="14" height="3" fill="${color}"/>`);
    legend.push(`<text x="${lx + 26}" y="${ly}" font-size="11">${esc(s.name)}</text>`);
  });
  parts.push(...legend);
  parts.push('</svg>');
  return parts.join('');
}

function extent(values: number[]): [number, number] {
  if (values.length === 0) return [0, 1];
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo === hi ? [lo - 1, hi + 1] : [lo, hi];
}
