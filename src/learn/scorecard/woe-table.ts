// The WoE/IV table of a trained scorecard as rows (for reports) and as aligned text (for the terminal):
// one row per bin of every candidate variable, with counts, event rate, WoE, its IV share and, if kept, points.
import type { ScorecardTrainingResult } from './train-scorecard.js';

export interface WoeTableRow {
  readonly feature: string;
  readonly selected: boolean;
  readonly bin: string;
  readonly events: number;
  readonly nonEvents: number;
  readonly eventRate: number;
  readonly woe: number;
  /** This bin's share of the variable's IV: (share of non-events - share of events) * WoE. */
  readonly iv: number;
  readonly points?: number;
}

export function woeTableRows(result: ScorecardTrainingResult): WoeTableRow[] {
  const rows: WoeTableRow[] = [];
  for (const v of result.variables) {
    const bins = v.binning.bins;
    const pad = (b: (typeof bins)[number]) => (b.events === 0 || b.nonEvents === 0 ? 0.5 : 0);
    const totE = bins.reduce((s, b) => s + b.events + pad(b), 0);
    const totG = bins.reduce((s, b) => s + b.nonEvents + pad(b), 0);
    const scored = result.artifact.variables.find((x) => x.feature === v.feature);
    bins.forEach((b, k) => {
      rows.push({
        feature: v.feature,
        selected: v.selected,
        bin: b.label,
        events: b.events,
        nonEvents: b.nonEvents,
        eventRate: b.events / (b.events + b.nonEvents),
        woe: b.woe,
        iv: ((b.nonEvents + pad(b)) / totG - (b.events + pad(b)) / totE) * b.woe,
        ...(scored ? { points: scored.bins[k].points } : {}),
      });
    });
  }
  return rows;
}

export function formatWoeTable(result: ScorecardTrainingResult): string {
  const header = ['feature', 'bin', 'events', 'non-events', 'rate', 'WoE', 'IV', 'points'];
  const body = woeTableRows(result).map((r) => [
    r.selected ? r.feature : `(${r.feature})`,
    r.bin,
    String(r.events),
    String(r.nonEvents),
    r.eventRate.toFixed(4),
    r.woe.toFixed(4),
    r.iv.toFixed(4),
    r.points === undefined ? '' : r.points.toFixed(2),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((row) => row[c].length)));
  const line = (cells: string[]) => cells.map((x, c) => (c < 2 ? x.padEnd(widths[c]) : x.padStart(widths[c]))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
