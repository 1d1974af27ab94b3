// Weight of evidence and information value from per-bin counts of events (bad, label 1) and non-events (good).
// Sign convention: WoE = ln(share of non-events / share of events), so POSITIVE WoE = SAFER than average.
import { RiskError } from '../core/index.js';
import { assertSameLength } from './score-sweep.js';
import { binIndex } from './quantile-bins.js';

export interface BinOutcomeCounts {
  readonly events: Float64Array;
  readonly nonEvents: Float64Array;
}

/**
 * A bin with zero events or zero non-events would have infinite WoE; such bins get `smoothing` (default 0.5)
 * added to both of their counts, and the shares use totals that include those additions. Other bins are exact.
 */
export function weightOfEvidence(
  events: ArrayLike<number>,
  nonEvents: ArrayLike<number>,
  smoothing = 0.5,
): Float64Array {
  assertSameLength('weightOfEvidence', events, nonEvents);
  const k = events.length;
  const e = new Float64Array(k);
  const g = new Float64Array(k);
  let totE = 0;
  let totG = 0;
  for (let i = 0; i < k; i++) {
    const pad = events[i] === 0 || nonEvents[i] === 0 ? smoothing : 0;
    e[i] = events[i] + pad;
    g[i] = nonEvents[i] + pad;
    totE += e[i];
    totG += g[i];
  }
  if (totE === 0 || totG === 0) {
    throw new RiskError('STATS_CLASS_EMPTY', 'weightOfEvidence needs at least one event and one non-event', {
      events: totE,
      nonEvents: totG,
    });
  }
  const woe = new Float64Array(k);
  for (let i = 0; i < k; i++) woe[i] = Math.log(g[i] / totG / (e[i] / totE));
  return woe;
}

/** IV = sum over bins of (share of non-events - share of events) * WoE; always >= 0. Same smoothing as WoE. */
export function informationValue(events: ArrayLike<number>, nonEvents: ArrayLike<number>, smoothing = 0.5): number {
  const woe = weightOfEvidence(events, nonEvents, smoothing);
  let totE = 0;
  let totG = 0;
  const pads = new Float64Array(events.length);
  for (let i = 0; i < events.length; i++) {
    pads[i] = events[i] === 0 || nonEvents[i] === 0 ? smoothing : 0;
    totE += events[i] + pads[i];
    totG += nonEvents[i] + pads[i];
  }
  let iv = 0;
  for (let i = 0; i < events.length; i++) {
    iv += ((nonEvents[i] + pads[i]) / totG - (events[i] + pads[i]) / totE) * woe[i];
  }
  return iv;
}

/** Events / non-events per bin of `values` under `cuts`; NaN values fill an extra last bin (index cuts.length+1). */
export function outcomeCountsByBin(
  values: ArrayLike<number>,
  labels: ArrayLike<number>,
  cuts: ArrayLike<number>,
): BinOutcomeCounts {
  assertSameLength('outcomeCountsByBin', values, labels);
  const events = new Float64Array(cuts.length + 2);
  const nonEvents = new Float64Array(cuts.length + 2);
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(labels[i])) continue;
    const b = binIndex(values[i], cuts);
    const slot = b < 0 ? cuts.length + 1 : b;
    if (labels[i] !== 0) events[slot]++;
    else nonEvents[slot]++;
  }
  return { events, nonEvents };
}
