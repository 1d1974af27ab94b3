// argus evaluate: scores a data file with a model artifact, prints the metrics table and writes a self-contained
// HTML report (ROC, KS, survival by score band, calibration). Survival with --time/--event, binary with --target.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { RiskError } from '../../core/index.js';
import { evaluateModel, formatMetricsTable, loadModelFile, renderHtmlReport } from '../../learn/index.js';
import { loadTableForModel } from './model-data.js';

interface EvaluateFlags {
  model: string;
  data: string;
  time?: string;
  event?: string;
  target?: string;
  eventLevel?: string;
  horizons?: string;
  trainData?: string;
  report?: string;
  json?: string;
}

export function registerEvaluateCommand(program: Command): void {
  program
    .command('evaluate')
    .description('evaluate a model on a data file: metrics table, and an HTML report with --report')
    .requiredOption('--model <file>', 'model artifact (JSON) written by argus train')
    .requiredOption('--data <files>', 'CSV or Parquet file(s) to evaluate on, comma-separated')
    .option('--time <col>', 'survival: time to event or censoring')
    .option('--event <col>', 'survival: event flag (non-zero = event)')
    .option('--horizons <list>', 'survival: horizons for AUC, KS and Brier, e.g. 12,24,36,48')
    .option('--train-data <files>', 'training file(s): the baseline of the score PSI; survival: their censoring sets the IPCW weights (default: the data itself)')
    .option('--target <col>', 'binary: the 0/1 target (or categorical with --event-level)')
    .option('--event-level <level>', 'binary: the target level that means the event, e.g. bad')
    .option('--report <file>', 'write the HTML report here')
    .option('--json <file>', 'write the metrics as JSON here')
    .action(async (flags: EvaluateFlags) => {
      await runEvaluate(flags);
    });
}

export async function runEvaluate(flags: EvaluateFlags): Promise<void> {
  const model = loadModelFile(flags.model);
  const files = flags.data.split(',');
  const table = await loadTableForModel(files, model);
  const training = flags.trainData ? await loadTableForModel(flags.trainData.split(','), model) : undefined;
  const horizons = flags.horizons?.split(',').map((h) => {
    const v = Number(h);
    if (!(v > 0)) throw new RiskError('CLI_FLAG_INVALID', `--horizons: "${h}" is not a positive number`, { flag: 'horizons' });
    return v;
  });
  const report = evaluateModel(model, table, {
    target: flags.target,
    eventLevel: flags.eventLevel,
    time: flags.time,
    event: flags.event,
    horizons,
    training,
    title: `Evaluation of ${flags.model}`,
    facts: [
      ['model', flags.model],
      ['data', files.join(', ')],
      ...(flags.trainData ? [['training data', flags.trainData] as [string, string]] : []),
    ],
  });
  for (const [k, v] of report.facts) console.log(`${k}: ${v}`);
  console.log('');
  console.log(formatMetricsTable(report.metrics));
  if (flags.report) {
    writeFileSync(flags.report, renderHtmlReport(report));
    console.log(`\nreport written to ${flags.report}`);
  }
  if (flags.json) {
    writeFileSync(flags.json, JSON.stringify({ facts: report.facts, metrics: report.metrics }, null, 2));
  }
}
