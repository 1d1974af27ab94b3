// Which `argus train` flags each built-in model honours. A flag the chosen model would ignore is an error
// (CLI_FLAG_UNSUPPORTED): a scorecard given --weight or --validation would otherwise train as if they were not there.
import { RiskError } from '../../core/index.js';
import type { TrainFlags } from './train-command.js';

const BOOSTED = ['gbst', 'gbdt', 'cox'];
const SCORECARD = ['scorecard'];

/** Flags not listed here (data, features, column roles, --categorical, --max-bins, --l2) apply to every model. */
const FLAG_MODELS: readonly (readonly [keyof TrainFlags, string, readonly string[]])[] = [
  ['weight', 'weight', BOOSTED],
  ['validation', 'validation', BOOSTED],
  ['earlyStopping', 'early-stopping', BOOSTED],
  ['rounds', 'rounds', BOOSTED],
  ['learningRate', 'learning-rate', BOOSTED],
  ['maxDepth', 'max-depth', BOOSTED],
  ['numLeaves', 'num-leaves', BOOSTED],
  ['l1', 'l1', BOOSTED],
  ['minChildHessian', 'min-child-hessian', BOOSTED],
  ['subsample', 'subsample', BOOSTED],
  ['colsample', 'colsample', BOOSTED],
  ['seed', 'seed', BOOSTED],
  ['threads', 'threads', BOOSTED],
  ['periods', 'periods', ['gbst']],
  ['periodLength', 'period-length', ['gbst']],
  ['variant', 'variant', ['gbst']],
  ['eventLevel', 'event-level', SCORECARD],
  ['binning', 'binning', SCORECARD],
  ['minBinShare', 'min-bin-share', SCORECARD],
  ['fineBins', 'fine-bins', SCORECARD],
  ['chiThreshold', 'chi-threshold', SCORECARD],
  ['minIv', 'min-iv', SCORECARD],
  ['baseScore', 'base-score', SCORECARD],
  ['baseOdds', 'base-odds', SCORECARD],
  ['pdo', 'pdo', SCORECARD],
  ['roundPoints', 'round-points', SCORECARD],
];

const KNOWN_MODELS = new Set([...BOOSTED, ...SCORECARD]);

/** Throws CLI_FLAG_UNSUPPORTED naming every given flag the model ignores; registered models of other names pass. */
export function checkFlagsForModel(model: string, flags: TrainFlags): void {
  if (!KNOWN_MODELS.has(model)) return;
  const unsupported = FLAG_MODELS.filter(([key, , models]) => flags[key] !== undefined && !models.includes(model));
  if (unsupported.length === 0) return;
  const names = unsupported.map(([, flag]) => `--${flag}`);
  throw new RiskError('CLI_FLAG_UNSUPPORTED', `a ${model} model does not use ${names.join(', ')}`, {
    model,
    flags: names,
    usedBy: Object.fromEntries(unsupported.map(([, flag, models]) => [flag, models])),
  });
}
