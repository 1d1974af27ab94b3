// Horizontal bar charts in SVG for self-contained HTML reports: grouped bars (one bar per series within each group,
// e.g. a reason code's share under each flow version) and 100%-stacked bars (e.g. each version's outcome mix).
// Labels sit left of the bars and values at their ends, so long category names stay readable.
import { esc, f, fmtTick, PALETTE, svgOpen, ticks } from './svg-basics.js';

export interface BarGroup {
  readonly label: string;
  /** One value per series; null draws no bar and writes "n/a". */
  readonly values: readonly (number | null)[];
  /** Optional text after each value (e.g. "of 120 known"). */
  readonly notes?: readonly string[];
}

export interface BarChartOptions {
  readonly title: string;
  readonly xLabel: string;
  /** Series names, in the order of each group's values. */
  readonly series: readonly string[];
  readonly groups: readonly BarGroup[];
  /** Axis maximum (default: the largest value, rounded up to a tick). */
  readonly xMax?: number;
  readonly format?: (value: number) => string;
  readonly width?: number;
}

const BAR = 14;
const GROUP_GAP = 10;

export function barChart(o: BarChartOptions): string {
  const width = o.width ?? 640;
  const format = o.format ?? ((v: number) => fmtTick(v));
  const left = labelWidth(o.groups.map((g) => g.label));
  const valueRoom = 12 + Math.max(textWidth('n/a'), ...o.groups.flatMap((g) => g.values.map((v, i) => textWidth(`${v === null ? 'n/a' : format(v)} ${g.notes?.[i] ?? ''}`))));
  const legendRows = o.series.length > 1 ? o.series.length : 0;
  const top = 34 + legendRows * 16;
  const plotHeight = o.groups.length * (o.series.length * BAR + GROUP_GAP);
  const height = top + plotHeight + 44;
  const x1 = Math.max(width - valueRoom, left + 40);
  const largest = Math.max(0, ...o.groups.flatMap((g) => g.values.filter((v): v is number => v !== null && Number.isFinite(v))));
  const tickValues = ticks(0, o.xMax ?? (largest > 0 ? largest : 1));
  // Without a given maximum the axis ends at the first tick at or past the largest value, so no bar runs off it.
  const step = tickValues.length > 1 ? tickValues[1] - tickValues[0] : 1;
  while (o.xMax === undefined && tickValues[tickValues.length - 1] < largest) tickValues.push(Number((tickValues[tickValues.length - 1] + step).toPrecision(10)));
  const max = o.xMax ?? tickValues[tickValues.length - 1] ?? 1;
  const px = (v: number) => left + (Math.min(Math.max(v, 0), max) / (max || 1)) * (x1 - left);
  const parts: string[] = [svgOpen(width, height, o.title)];
  o.series.forEach((name, k) => {
    if (legendRows === 0) return;
    const y = 34 + k * 16;
    parts.push(`<rect x="${left}" y="${y}" width="12" height="10" fill="${PALETTE[k % PALETTE.length]}"/>`);
    parts.push(`<text x="${left + 18}" y="${y + 9}" font-size="11">${esc(name)}</text>`);
  });
  for (const t of tickValues) {
    if (t > max) continue;
    parts.push(`<line x1="${f(px(t))}" y1="${top}" x2="${f(px(t))}" y2="${top + plotHeight}" stroke="#eee"/>`);
    parts.push(`<text x="${f(px(t))}" y="${top + plotHeight + 16}" text-anchor="middle" font-size="11">${esc(format(t))}</text>`);
  }
  o.groups.forEach((g, gi) => {
    const y0 = top + gi * (o.series.length * BAR + GROUP_GAP) + GROUP_GAP / 2;
    parts.push(`<text x="${left - 6}" y="${f(y0 + (o.series.length * BAR) / 2 + 4)}" text-anchor="end" font-size="11">${esc(g.label)}</text>`);
    g.values.forEach((v, k) => {
      const y = y0 + k * BAR;
      const note = g.notes?.[k] ? ` ${g.notes[k]}` : '';
      if (v === null || !Number.isFinite(v)) {
        parts.push(`<text x="${left + 4}" y="${f(y + BAR - 3)}" font-size="10" fill="#666">n/a${esc(note)}</text>`);
        return;
      }
      parts.push(`<rect x="${left}" y="${f(y + 1)}" width="${f(px(v) - left)}" height="${BAR - 2}" fill="${PALETTE[k % PALETTE.length]}"/>`);
      parts.push(`<text x="${f(px(v) + 4)}" y="${f(y + BAR - 3)}" font-size="10">${esc(format(v) + note)}</text>`);
    });
  });
  parts.push(`<line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotHeight}" stroke="#999"/>`);
  parts.push(`<text x="${f((left + x1) / 2)}" y="${height - 8}" text-anchor="middle" font-size="12">${esc(o.xLabel)}</text>`);
  parts.push('</svg>');
  return parts.join('');
}

export interface StackedBarOptions {
  readonly title: string;
  /** Segment names, in the order of each row's values. */
  readonly segments: readonly string[];
  /** One colour per segment (default: the palette). */
  readonly colors?: readonly string[];
  /** Each row's values are shares (they are drawn as parts of the row's total, which need not be exactly 1). */
  readonly rows: readonly { readonly label: string; readonly values: readonly number[] }[];
  readonly width?: number;
}

export function stackedBars(o: StackedBarOptions): string {
  const width = o.width ?? 640;
  const left = labelWidth(o.rows.map((r) => r.label));
  const rowHeight = 24;
  const top = 34 + 18;
  const height = top + o.rows.length * (rowHeight + 8) + 12;
  const right = width - 16;
  const color = (k: number) => o.colors?.[k] ?? PALETTE[k % PALETTE.length];
  const parts: string[] = [svgOpen(width, height, o.title)];
  let lx = left;
  o.segments.forEach((name, k) => {
    parts.push(`<rect x="${f(lx)}" y="34" width="12" height="10" fill="${color(k)}"/>`);
    parts.push(`<text x="${f(lx + 16)}" y="43" font-size="11">${esc(name)}</text>`);
    lx += 28 + textWidth(name);
  });
  o.rows.forEach((row, r) => {
    const y = top + r * (rowHeight + 8);
    const total = row.values.reduce((a, b) => a + Math.max(b, 0), 0) || 1;
    parts.push(`<text x="${left - 6}" y="${f(y + rowHeight / 2 + 4)}" text-anchor="end" font-size="11">${esc(row.label)}</text>`);
    let x = left;
    row.values.forEach((v, k) => {
      const w = (Math.max(v, 0) / total) * (right - left);
      if (w <= 0) return;
      parts.push(`<rect x="${f(x)}" y="${y}" width="${f(w)}" height="${rowHeight}" fill="${color(k)}"><title>${esc(`${o.segments[k]}: ${percent(v)}`)}</title></rect>`);
      // The share inside its segment when it fits.
      if (w > 36) parts.push(`<text x="${f(x + w / 2)}" y="${f(y + rowHeight / 2 + 4)}" text-anchor="middle" font-size="11" fill="#fff">${percent(v)}</text>`);
      x += w;
    });
  });
  parts.push('</svg>');
  return parts.join('');
}

/** A share as a percentage with one decimal. */
export function percent(share: number): string {
  return `${(100 * share).toFixed(1)}%`;
}

function labelWidth(labels: readonly string[]): number {
  return Math.min(300, 16 + Math.max(textWidth('xxxx'), ...labels.map(textWidth)));
}

/** Approximate width in px of 11px sans-serif text (capitals and digits are wider than lower case): for layout only. */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[A-Z0-9_%@]/.test(ch) ? 7.8 : /[a-z]/.test(ch) ? 6.2 : 4.5;
  return w;
}
