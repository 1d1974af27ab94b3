// Data for bench/learn.bench.ts: the M2 mortgage survival split (train on some batches, test on others; origination
// covariates only, see SOURCE.md) and the German / Taiwan binary splits, plus the CSV files every peer reads.
import { writeFileSync } from 'node:fs';
import { Random } from '../../src/core/index.js';
import { loadTable, Table, type Column } from '../../src/learn/index.js';

export const SHARED_DATA = new URL('../../../shared/data/', import.meta.url).pathname;
/** Origination covariates only: the behavioural columns of M2 leak the outcome (SOURCE.md). */
export const M2_COVARIATES = ['int.rate', 'orig.upb', 'fico.score', 'dti.r', 'ltv.r'];

export interface SurvivalSplit {
  readonly train: Table;
  readonly test: Table;
  readonly describe: string;
}

export function m2Split(quick: boolean): SurvivalSplit {
  const dir = `${SHARED_DATA}m2-freddie-mac-mortgage-survival/`;
  const columns = ['time', 'default', ...M2_COVARIATES];
  const load = (batches: number[]) => loadTable(batches.map((b) => `${dir}ndb${b}.csv`), { columns });
  if (quick) {
    const first = (t: Table, n: number) => t.take(Array.from({ length: Math.min(n, t.rowCount) }, (_, i) => i));
    return { train: first(load([1]), 4000), test: first(load([5]), 4000), describe: 'train ndb1[0:4000], test ndb5[0:4000]' };
  }
  return { train: load([1, 2, 3, 4]), test: load([5, 6, 7, 8]), describe: 'train ndb1-4, test ndb5-8' };
}

export interface BinarySplit {
  readonly name: string;
  readonly train: Table;
  readonly test: Table;
  /** Numeric 0/1 target column (1 = default / bad). */
  readonly target: string;
  readonly features: readonly string[];
}

export function germanSplit(): BinarySplit {
  const raw = loadTable(`${SHARED_DATA}german-credit/south-german/german.csv`);
  const risk = raw.column('credit_risk');
  const levels = risk.kind === 'categorical' ? risk.levels : [];
  const bad: Column = { kind: 'numeric', name: 'bad', values: Float64Array.from(risk.values, (c) => (levels[c] === 'bad' ? 1 : 0)) };
  const table = new Table([...raw.columns.filter((c) => c.name !== 'credit_risk'), bad]);
  return split('german', table, 'bad', 0.7, 'german-split');
}

export function taiwanSplit(quick: boolean): BinarySplit {
  const raw = loadTable(`${SHARED_DATA}taiwan-default-credit-card/UCI_Credit_Card.csv`);
  const table = raw.select(raw.columnNames.filter((c) => c !== 'ID'));
  const s = split('taiwan', table, 'default.payment.next.month', 0.7, 'taiwan-split');
  if (!quick) return s;
  const head = (t: Table, n: number) => t.take(Array.from({ length: Math.min(n, t.rowCount) }, (_, i) => i));
  return { ...s, train: head(s.train, 5000), test: head(s.test, 3000) };
}

function split(name: string, table: Table, target: string, trainShare: number, seed: string): BinarySplit {
  const order = new Random(seed).shuffle(Array.from({ length: table.rowCount }, (_, i) => i));
  const cut = Math.round(trainShare * order.length);
  return {
    name,
    train: table.take(order.slice(0, cut)),
    test: table.take(order.slice(cut)),
    target,
    features: table.columnNames.filter((c) => c !== target),
  };
}

/** Survival CSV for the peers: time, event, then the covariates as numbers. */
export function writeSurvivalCsv(path: string, t: Table, time: string, event: string, covariates: readonly string[]): void {
  const cols = [t.numeric(time), t.numeric(event), ...covariates.map((c) => t.numeric(c))];
  writeRows(path, ['time', 'event', ...covariates.map(safeName)], cols, t.rowCount);
}

/** Binary CSV for the peers: label, then numeric covariates with categorical ones one-hot encoded (levels of train). */
export function writeBinaryCsv(path: string, t: Table, s: BinarySplit): void {
  const names = ['label'];
  const cols: Float64Array[] = [t.numeric(s.target)];
  for (const f of s.features) {
    const c = t.column(f);
    const trainCol = s.train.column(f);
    if (c.kind === 'numeric') {
      names.push(safeName(f));
      cols.push(c.values);
      continue;
    }
    const levels = trainCol.kind === 'categorical' ? trainCol.levels : [];
    levels.forEach((level, k) => {
      names.push(safeName(`${f}_${k}`));
      cols.push(Float64Array.from(c.values, (code) => (c.levels[code] === level ? 1 : 0)));
    });
  }
  writeRows(path, names, cols, t.rowCount);
}

function writeRows(path: string, names: readonly string[], cols: readonly Float64Array[], rows: number): void {
  const lines = [names.join(',')];
  for (let i = 0; i < rows; i++) lines.push(cols.map((c) => (Number.isNaN(c[i]) ? 'NaN' : String(c[i]))).join(','));
  writeFileSync(path, lines.join('\n') + '\n');
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9_.]/g, '_');
}
