// learn: offline training — table loading, binning, objectives (binary, GBST, Cox), the histogram tree learner,
// boosting and the trainers that write model artifacts. Never loaded by the server; scoring lives in src/model.
export { Table, tableFromColumns, type Column, type NumericColumn, type CategoricalColumn } from './data/table.js';
export { loadTable, loadTableAsync, type LoadTableOptions } from './data/load-table.js';
export { writeCsv } from './data/csv-writer.js';
export { BinnedDataset, type DatasetOptions, type BinMatrix } from './dataset/binned-dataset.js';
export { type BinMapper, numericBinMapper, categoricalBinMapper, binOf } from './dataset/bin-mapper.js';
export { type Objective, type ObjectiveLabels, type ObjectiveParams } from './objective/objective.js';
export { createObjective, registerObjective, type ObjectiveFactory } from './objective/objective-registry.js';
export { LogisticObjective } from './objective/logistic-objective.js';
export { GbstObjective } from './objective/gbst-objective.js';
export { CoxObjective } from './objective/cox-objective.js';
export { toPeriods, lifeTableHazards, type PeriodLabels } from './objective/survival-periods.js';
export { type TreeParams, DEFAULT_TREE_PARAMS } from './tree/tree-params.js';
export { boost, type BoostParams, type BoostProgress, type BoostResult } from './boosting/booster.js';
export { type TrainSpec, type TrainProgress, type ProgressListener } from './train/train-spec.js';
export { fitEnsemble, type FitResult } from './train/fit-ensemble.js';
export { fitGbst, trainGbst } from './train/train-gbst.js';
export { fitGbdt, trainGbdt } from './train/train-gbdt.js';
export { fitCox, trainCox } from './train/train-cox.js';
export { registerTrainer, getTrainer, trainerNames, type Trainer } from './train/trainer-registry.js';
// Evaluation (metrics, reports) and scorecards; importing scorecard registers the 'scorecard' trainer.
export * from './metrics/index.js';
export * from './report/index.js';
export * from './scorecard/index.js';
