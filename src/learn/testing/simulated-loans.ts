// Loans simulated from a known discrete-time hazard, for tests and sanity checks: the true per-period hazard of
// every loan is known, so a survival model's S(t) can be compared with the truth. Not realistic credit data.
import { Random } from '../../core/index.js';
import { sigmoid } from '../../model/index.js';
import { tableFromColumns, type Table } from '../data/table.js';

export interface SimulatedLoans {
  readonly table: Table;
  /** True hazard of loan i in period j (0-based): hazard(i, j). */
  hazard(i: number, j: number): number;
  /** True S(k) = Π_{j<k} (1 − h_j) of loan i after k periods. */
  survival(i: number, k: number): number;
}

export interface SimulationOptions {
  readonly rows: number;
  readonly periods: number;
  /** Time units per period in the `time` column. */
  readonly periodLength?: number;
  readonly seed?: number;
  /** Share of loans censored early at a uniform period (prepayment); the rest run to their horizon. */
  readonly censorShare?: number;
}

const GRADE_EFFECT: Record<string, number> = { A: -0.8, B: 0, C: 0.9 };

/**
 * Columns: score (standard normal, higher = riskier), ltv (0..1, risk above 0.8), grade (categorical A/B/C),
 * noise (irrelevant), time (last period observed × periodLength), default (1 = defaulted in that period).
 */
export function simulateLoans(options: SimulationOptions): SimulatedLoans {
  const { rows, periods } = options;
  const L = options.periodLength ?? 1;
  const random = new Random(options.seed ?? 1);
  const score = new Float64Array(rows);
  const ltv = new Float64Array(rows);
  const noise = new Float64Array(rows);
  const grade: string[] = [];
  const time = new Float64Array(rows);
  const event = new Float64Array(rows);
  const logitBase = (j: number): number => -3.6 + 0.6 * Math.sin((j + 1) / 3);
  const linear = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    score[i] = random.normal();
    ltv[i] = random.next();
    noise[i] = random.normal();
    grade.push(random.pick(['A', 'B', 'C']));
    linear[i] = 0.7 * score[i] + (ltv[i] > 0.8 ? 0.8 : 0) + GRADE_EFFECT[grade[i]];
  }
  const hazard = (i: number, j: number): number => sigmoid(logitBase(j) + linear[i]);
  for (let i = 0; i < rows; i++) {
    const censorAt = random.chance(options.censorShare ?? 0.3) ? 1 + random.int(periods) : periods;
    let last = censorAt;
    let defaulted = 0;
    for (let j = 0; j < censorAt; j++) {
      if (random.chance(hazard(i, j))) {
        last = j + 1;
        defaulted = 1;
        break;
      }
    }
    time[i] = last * L;
    event[i] = defaulted;
  }
  return {
    table: tableFromColumns({ score, ltv, grade, noise, time, default: event }),
    hazard,
    survival: (i, k) => {
      let s = 1;
      for (let j = 0; j < k; j++) s *= 1 - hazard(i, j);
      return s;
    },
  };
}
