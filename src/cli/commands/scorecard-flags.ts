// The `argus train --model scorecard` settings: flag declarations and their translation into spec.scorecard
// (binning method and limits, information-value cut, points scaling). Checked by the scorecard spec itself.
import type { Command } from 'commander';
import type { ScorecardTrainSpec } from '../../learn/index.js';
import { optionalNumber } from './flag-values.js';

export interface ScorecardFlags {
  eventLevel?: string;
  binning?: string;
  minBinShare?: string;
  fineBins?: string;
  chiThreshold?: string;
  minIv?: string;
  baseScore?: string;
  baseOdds?: string;
  pdo?: string;
  roundPoints?: boolean;
}

export function addScorecardOptions(command: Command): Command {
  return command
    .option('--event-level <level>', 'scorecard: the level of a categorical target that means the event (bad), e.g. bad')
    .option('--binning <method>', 'scorecard: coarse classing, monotonic (default), tree or chimerge')
    .option('--min-bin-share <x>', 'scorecard: smallest bin as a share of rows (default 0.05)')
    .option('--fine-bins <n>', 'scorecard: quantile fine classes before coarse classing (default 20)')
    .option('--chi-threshold <x>', 'scorecard: chimerge merges neighbours below this chi-square (default 3.841)')
    .option('--min-iv <x>', 'scorecard: drop variables with a lower information value (default 0.02)')
    .option('--base-score <x>', 'scorecard: score at the base odds (default 600)')
    .option('--base-odds <x>', 'scorecard: good:bad odds at the base score (default 50)')
    .option('--pdo <x>', 'scorecard: points to double the good:bad odds (default 20)')
    .option('--round-points', 'scorecard: round each attribute\'s points to an integer');
}

/** spec.scorecard from the flags; --max-bins is the most bins per variable for a scorecard. */
export function scorecardSettings(flags: ScorecardFlags & { maxBins?: string }): NonNullable<ScorecardTrainSpec['scorecard']> {
  return {
    eventLevel: flags.eventLevel,
    binning: flags.binning as NonNullable<ScorecardTrainSpec['scorecard']>['binning'],
    maxBins: optionalNumber(flags.maxBins, 'max-bins'),
    minBinShare: optionalNumber(flags.minBinShare, 'min-bin-share'),
    fineBins: optionalNumber(flags.fineBins, 'fine-bins'),
    chiThreshold: optionalNumber(flags.chiThreshold, 'chi-threshold'),
    minIv: optionalNumber(flags.minIv, 'min-iv'),
    baseScore: optionalNumber(flags.baseScore, 'base-score'),
    baseOdds: optionalNumber(flags.baseOdds, 'base-odds'),
    pdo: optionalNumber(flags.pdo, 'pdo'),
    roundPoints: flags.roundPoints,
  };
}
