// The classifier graph evaluations inject into graphLift: gradient-boosted trees from learn (binary log-loss),
// scored through model's GbdtScorer. Lives under testing/ because graph itself never depends on learn.

import { fitGbdt, tableFromColumns } from '../../learn/index.js';
import { loadModel, type GbdtScorer } from '../../model/index.js';
import type { Trainer } from '../eval/graph-lift.js';

export interface GbdtSettings {
  readonly rounds?: number;
  readonly maxDepth?: number;
  readonly learningRate?: number;
  readonly seed?: number;
}

export function gbdtTrainer(settings: GbdtSettings = {}): Trainer {
  return (columns, rows, target) => {
    const names = Object.keys(columns);
    const table: Record<string, Float64Array> = { __target: target };
    for (const name of names) table[name] = Float64Array.from(rows, (v) => columns[name][v]);
    const fit = fitGbdt(tableFromColumns(table), {
      features: names, target: '__target', rounds: settings.rounds ?? 200, maxDepth: settings.maxDepth ?? 4,
      learningRate: settings.learningRate ?? 0.05, seed: settings.seed ?? 1, subsample: 0.8, colsample: 0.8, threads: 1,
    });
    const model = loadModel(fit.artifact) as GbdtScorer;
    return (scoreColumns, scoreRows) => {
      const values = new Float64Array(names.length);
      return Float64Array.from(scoreRows, (v) => {
        for (let j = 0; j < names.length; j++) values[j] = scoreColumns[names[j]][v];
        return model.predictRow(values);
      });
    };
  };
}
