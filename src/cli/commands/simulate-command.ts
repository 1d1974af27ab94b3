// argus simulate: writes a seeded synthetic lending world (events.ndjson, truth.ndjson, summary.json) to a folder.
import type { Command } from 'commander';
import { RiskError } from '../../core/index.js';
import { simulateToFiles, type SimulationSummary, type WorldOptions } from '../../simulate/index.js';
import { startProgress, type Progress } from '../progress.js';

interface SimulateFlags {
  applicants: string;
  seed: string;
  out: string;
  months?: string;
  start?: string;
}

export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description('generate a synthetic lending world: raw events plus the ground truth behind them')
    .requiredOption('--applicants <n>', 'number of applicants')
    .requiredOption('--seed <seed>', 'seed (an integer, or any string); the same seed gives the same world byte for byte')
    .requiredOption('--out <dir>', 'folder to write events.ndjson, truth.ndjson and summary.json into')
    .option('--months <m>', 'length of the world in months (default 18)')
    .option('--start <iso>', 'start of the world (default 2025-01-01T00:00:00.000Z)')
    .action(async (flags: SimulateFlags) => {
      await runSimulate(flags);
    });
}

export async function runSimulate(flags: SimulateFlags): Promise<SimulationSummary> {
  const options: WorldOptions = {
    applicants: integerFlag('applicants', flags.applicants),
    seed: /^-?\d{1,15}$/.test(flags.seed) ? Number(flags.seed) : flags.seed,
    months: flags.months === undefined ? undefined : integerFlag('months', flags.months),
    start: flags.start,
  };
  let progress: Progress | undefined;
  const summary = await simulateToFiles(options, flags.out, (p) => {
    progress ??= startProgress('simulate', p.applicantsTotal, 'applicants');
    progress.update(p.applicantsDone, `${p.events} events`);
  });
  const rate = Math.round(summary.applicants / Math.max(summary.seconds, 1e-3));
  const line =
    `simulated ${summary.applicants} applicants in ${summary.seconds.toFixed(1)} s (${rate} applicants/s): ` +
    `${summary.events} events, ${summary.loans} loans, ${summary.defaults} defaults, ${summary.rings} rings, ` +
    `${summary.fraudsters} fraudsters, ${summary.thinFile} thin-file -> ${flags.out}`;
  if (progress) progress.finish(line);
  else console.log(line);
  return summary;
}

function integerFlag(name: string, value: string): number {
  if (!/^\d+$/.test(value)) {
    throw new RiskError('SIMULATE_OPTIONS_INVALID', `--${name} must be a whole number`, { [name]: value });
  }
  return Number(value);
}
