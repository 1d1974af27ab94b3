// Bins one candidate variable against the binary target: fine classes (quantiles for numbers, levels for categories,
// ordered by event rate), coarse classes by the chosen method, a separate bin for missing values, WoE and IV per bin.
import { informationValue, quantileBins, binIndex, weightOfEvidence } from '../../stats/index.js';
import type { Column } from '../data/table.js';
import type { ScorecardBin } from '../../model/index.js';
import { fineGroups, type BinGroup } from './bin-groups.js';
import { coarseClasses, type BinningLimits, type BinningMethod } from './binning-methods.js';

/** A scorecard bin before points are attached. */
export type VariableBin = Omit<ScorecardBin, 'points'>;

export interface VariableBinning {
  readonly feature: string;
  readonly type: 'numeric' | 'categorical';
  readonly bins: readonly VariableBin[];
  readonly iv: number;
  /** Bin index of each training row (into bins). */
  readonly binOfRow: Int32Array;
}

export interface BinVariableOptions extends BinningLimits {
  readonly method: BinningMethod;
  /** Quantile fine classes for numeric variables before coarse classing. */
  readonly fineBins: number;
}

/** `label` holds 1 for an event (bad), 0 otherwise, for the rows to use. */
export function binVariable(column: Column, label: Uint8Array, options: BinVariableOptions): VariableBinning {
  const fine = column.kind === 'numeric' ? numericFine(column.values, label, options.fineBins) : categoricalFine(column, label);
  const coarse = fine.groups.length > 0 ? coarseClasses(options.method, fineGroups(fine.events, fine.nonEvents), options) : [];
  const bins: Omit<VariableBin, 'woe'>[] = coarse.map((g) => fine.describe(g, coarse.length));
  const coarseOfFine = new Int32Array(fine.groups.length);
  coarse.forEach((g, b) => coarseOfFine.fill(b, g.first, g.last + 1));
  let missingEvents = 0;
  let missingNonEvents = 0;
  for (let i = 0; i < label.length; i++) {
    if (fine.fineOfRow[i] >= 0) continue;
    if (label[i]) missingEvents++;
    else missingNonEvents++;
  }
  const missingBin = missingEvents + missingNonEvents > 0 ? bins.length : -1;
  if (missingBin >= 0) bins.push({ label: 'missing', missing: true, events: missingEvents, nonEvents: missingNonEvents });
  const events = bins.map((b) => b.events);
  const nonEvents = bins.map((b) => b.nonEvents);
  const woe = weightOfEvidence(events, nonEvents);
  const binOfRow = Int32Array.from(fine.fineOfRow, (f) => (f >= 0 ? coarseOfFine[f] : missingBin));
  return {
    feature: column.name,
    type: column.kind,
    bins: bins.map((b, k) => ({ ...b, woe: woe[k] })),
    iv: informationValue(events, nonEvents),
    binOfRow,
  };
}

interface FineClasses {
  readonly groups: readonly unknown[];
  readonly events: Float64Array;
  readonly nonEvents: Float64Array;
  /** Fine class of each row, -1 = missing. */
  readonly fineOfRow: Int32Array;
  describe(g: BinGroup, binCount: number): Omit<VariableBin, 'woe'>;
}

function numericFine(values: Float64Array, label: Uint8Array, fineBins: number): FineClasses {
  const cuts = quantileBins(values, fineBins);
  const count = cuts.length + 1;
  const events = new Float64Array(count);
  const nonEvents = new Float64Array(count);
  const fineOfRow = new Int32Array(values.length);
  let anyPresent = false;
  for (let i = 0; i < values.length; i++) {
    const k = binIndex(values[i], cuts);
    fineOfRow[i] = k;
    if (k < 0) continue;
    anyPresent = true;
    if (label[i]) events[k]++;
    else nonEvents[k]++;
  }
  const upperOf = (k: number) => (k < cuts.length ? cuts[k] : null);
  return {
    groups: anyPresent ? Array.from({ length: count }) : [],
    events,
    nonEvents,
    fineOfRow,
    describe(g, binCount) {
      const lower = g.first > 0 ? cuts[g.first - 1] : null;
      const upper = upperOf(g.last);
      const label =
        binCount === 1 ? 'all' : lower === null ? `<= ${fmt(upper as number)}` : upper === null ? `> ${fmt(lower)}` : `(${fmt(lower)}, ${fmt(upper)}]`;
      return { label, upper, events: g.events, nonEvents: g.nonEvents };
    },
  };
}

function categoricalFine(column: Extract<Column, { kind: 'categorical' }>, label: Uint8Array): FineClasses {
  const levelCount = column.levels.length;
  const e = new Float64Array(levelCount);
  const g = new Float64Array(levelCount);
  for (let i = 0; i < column.values.length; i++) {
    const code = column.values[i];
    if (code !== code) continue;
    if (label[i]) e[code]++;
    else g[code]++;
  }
  // Fine classes are the levels seen in training, ordered by (smoothed) event rate, so neighbours are similar.
  const seen = Array.from({ length: levelCount }, (_, c) => c).filter((c) => e[c] + g[c] > 0);
  seen.sort((a, b) => (e[a] + 0.5) / (e[a] + g[a] + 1) - (e[b] + 0.5) / (e[b] + g[b] + 1) || a - b);
  const fineOfCode = new Int32Array(levelCount).fill(-1);
  seen.forEach((c, k) => (fineOfCode[c] = k));
  const fineOfRow = Int32Array.from(column.values, (code) => (code === code ? fineOfCode[code] : -1));
  return {
    groups: seen,
    events: Float64Array.from(seen, (c) => e[c]),
    nonEvents: Float64Array.from(seen, (c) => g[c]),
    fineOfRow,
    describe(group) {
      const levels = seen.slice(group.first, group.last + 1).map((c) => column.levels[c]);
      return { label: levels.join(', '), levels, events: group.events, nonEvents: group.nonEvents };
    },
  };
}

function fmt(x: number): string {
  return String(Number(x.toPrecision(6)));
}
