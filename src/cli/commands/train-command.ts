// argus train: reads CSV/Parquet files, trains a model chosen by name (gbst, gbdt, cox, or any registered
// trainer such as scorecard) with column roles given by flags, and writes the versioned JSON artifact.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { getTrainer, loadTableAsync, trainerNames, type ScorecardTrainSpec } from '../../learn/index.js';
import type { ModelArtifactBase, ScorecardArtifact } from '../../model/index.js';
import { startProgress } from '../progress.js';
import { optionalNumber, parseList } from './flag-values.js';
import { addScorecardOptions, scorecardSettings, type ScorecardFlags } from './scorecard-flags.js';
import { checkFlagsForModel } from './train-flag-scope.js';

export interface TrainFlags extends ScorecardFlags {
  data: string;
  model: string;
  out: string;
  features: string;
  categorical?: string;
  target?: string;
  time?: string;
  event?: string;
  weight?: string;
  periods?: string;
  periodLength?: string;
  variant?: string;
  rounds?: string;
  learningRate?: string;
  maxDepth?: string;
  numLeaves?: string;
  l1?: string;
  l2?: string;
  minChildHessian?: string;
  subsample?: string;
  colsample?: string;
  maxBins?: string;
  seed?: string;
  threads?: string;
  validation?: string;
  earlyStopping?: string;
}

export function registerTrainCommand(program: Command): void {
  const command = program
    .command('train')
    .description('train a model on CSV/Parquet data and write its artifact (JSON)')
    .requiredOption('--data <files>', 'training file(s), comma-separated (.csv, .tsv, .parquet)')
    .requiredOption('--model <name>', `model to train: ${trainerNames().join(', ')}`)
    .requiredOption('--features <cols>', 'feature columns, comma-separated, in model input order')
    .requiredOption('--out <file>', 'where to write the model artifact')
    .option('--categorical <cols>', 'feature columns to treat as categorical even if numeric')
    .option('--target <col>', 'binary models: the 0/1 target (scorecard: or categorical with --event-level)')
    .option('--time <col>', 'survival models: time to default or censoring')
    .option('--event <col>', 'survival models: 1 = defaulted at that time, 0 = censored')
    .option('--weight <col>', 'boosted models: sample weights')
    .option('--periods <n>', 'gbst: number of periods J')
    .option('--period-length <x>', 'gbst: time units per period (period k covers ((k-1)L, kL]; default 1)')
    .option('--variant <A|B>', 'gbst: A = one tree with a value per period (default), B = one tree per period')
    .option('--rounds <n>', 'boosting rounds (default 100)')
    .option('--learning-rate <x>', 'shrinkage per tree')
    .option('--max-depth <n>', 'depth limit (depth-wise growth)')
    .option('--num-leaves <n>', 'leaf limit; without --max-depth selects leaf-wise growth')
    .option('--l1 <x>', 'L1 penalty on leaf values')
    .option('--l2 <x>', 'L2 penalty on leaf values (scorecard: on the logistic slopes)')
    .option('--min-child-hessian <x>', 'least hessian mass per child')
    .option('--subsample <x>', 'row fraction per round')
    .option('--colsample <x>', 'feature fraction per tree')
    .option('--max-bins <n>', 'histogram bins per feature (scorecard: most bins per variable, default 6)')
    .option('--seed <n>', 'random seed')
    .option('--threads <n>', 'histogram threads')
    .option('--validation <files>', 'boosted models: validation file(s) for early stopping')
    .option('--early-stopping <n>', 'boosted models: stop after this many rounds without validation improvement');
  addScorecardOptions(command).action(async (flags: TrainFlags) => {
    await runTrain(flags);
  });
}

export async function runTrain(flags: TrainFlags): Promise<void> {
  const trainer = getTrainer(flags.model);
  checkFlagsForModel(flags.model, flags);
  const features = parseList(flags.features, 'features');
  const roles = [flags.target, flags.time, flags.event, flags.weight].filter((c): c is string => c !== undefined);
  const columns = [...new Set([...features, ...roles])];
  const options = { columns, categorical: flags.categorical ? parseList(flags.categorical, 'categorical') : undefined };
  const table = await loadTableAsync(parseList(flags.data, 'data'), options);
  const validation = flags.validation ? await loadTableAsync(parseList(flags.validation, 'validation'), options) : undefined;
  const scorecard = flags.model === 'scorecard';
  const spec: ScorecardTrainSpec = {
    features,
    categorical: options.categorical,
    target: flags.target,
    time: flags.time,
    event: flags.event,
    weight: flags.weight,
    periods: optionalNumber(flags.periods, 'periods'),
    periodLength: optionalNumber(flags.periodLength, 'period-length'),
    variant: flags.variant as ScorecardTrainSpec['variant'],
    rounds: optionalNumber(flags.rounds, 'rounds'),
    learningRate: optionalNumber(flags.learningRate, 'learning-rate'),
    maxDepth: optionalNumber(flags.maxDepth, 'max-depth'),
    numLeaves: optionalNumber(flags.numLeaves, 'num-leaves'),
    l1: optionalNumber(flags.l1, 'l1'),
    l2: optionalNumber(flags.l2, 'l2'),
    minChildHessian: optionalNumber(flags.minChildHessian, 'min-child-hessian'),
    subsample: optionalNumber(flags.subsample, 'subsample'),
    colsample: optionalNumber(flags.colsample, 'colsample'),
    // A scorecard's --max-bins is its bins per variable (spec.scorecard), not histogram bins.
    maxBins: scorecard ? undefined : optionalNumber(flags.maxBins, 'max-bins'),
    seed: optionalNumber(flags.seed, 'seed'),
    threads: optionalNumber(flags.threads, 'threads'),
    validation,
    earlyStoppingRounds: optionalNumber(flags.earlyStopping, 'early-stopping'),
    ...(scorecard ? { scorecard: scorecardSettings(flags) } : {}),
  };
  // A scorecard is one logistic regression, not rounds: no progress bar to fill.
  const progress = scorecard ? null : startProgress(`train ${flags.model}`, spec.rounds ?? 100, 'rounds');
  const artifact = trainer(table, spec, (p) => progress?.update(p.round, p.validLoss !== undefined ? `valid loss ${p.validLoss.toFixed(5)} (best round ${p.bestRound})` : ''));
  writeFileSync(flags.out, JSON.stringify(artifact));
  const summary = `trained ${flags.model} on ${table.rowCount} rows: ${trainedWhat(artifact, features.length)} in ${artifact.training.seconds.toFixed(1)} s -> ${flags.out}`;
  if (progress) progress.finish(summary);
  else console.log(summary);
}

/** What training produced, in the model's own terms: boosting rounds, or a scorecard's variables and iterations. */
function trainedWhat(artifact: ModelArtifactBase, candidates: number): string {
  const t = artifact.training;
  if (artifact.kind === 'scorecard') {
    const kept = (artifact as ScorecardArtifact).variables.length;
    return `${kept} of ${candidates} variables, logistic regression in ${String(t.iterations)} iterations`;
  }
  return t.roundsRun !== undefined && t.roundsRun !== t.rounds ? `${t.rounds} rounds kept of ${t.roundsRun}` : `${t.rounds} rounds`;
}
