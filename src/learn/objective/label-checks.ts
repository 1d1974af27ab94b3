// Validation of label columns before training: every bad row counted and reported at once.
import { RiskError } from '../../core/index.js';

export function checkBinary(name: string, values: Float64Array): void {
  report(name, values, (v) => v === 0 || v === 1, 'must be 0 or 1');
}

export function checkTime(name: string, values: Float64Array): void {
  report(name, values, (v) => Number.isFinite(v) && v >= 0, 'must be a finite, non-negative time');
}

export function checkWeight(name: string, values: Float64Array): void {
  report(name, values, (v) => Number.isFinite(v) && v >= 0, 'must be a finite, non-negative weight');
}

function report(name: string, values: Float64Array, ok: (v: number) => boolean, rule: string): void {
  const badRows: number[] = [];
  let bad = 0;
  for (let i = 0; i < values.length; i++) {
    if (!ok(values[i])) {
      bad++;
      if (badRows.length < 10) badRows.push(i);
    }
  }
  if (bad > 0) {
    throw new RiskError('LEARN_LABEL_INVALID', `${bad} row(s) of "${name}" ${rule} (first rows: ${badRows.join(', ')})`, {
      column: name,
      bad,
      firstRows: badRows,
    });
  }
}
