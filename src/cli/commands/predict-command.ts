// argus predict: batch-scores a file with a model artifact — one output row per input row, in input order —
// with the PD (binary models) or S(t) at the asked horizons (survival models). Columns named by --keep are
// copied through first (e.g. a lead id), so a pre-screened lead list can be joined back.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadTableAsync, writeCsv } from '../../learn/index.js';
import { loadModel, type ScoringModel } from '../../model/index.js';
import { optionalNumber, parseList } from './train-command.js';

export interface PredictFlags {
  model: string;
  data: string;
  out: string;
  horizons?: string;
  keep?: string;
}

export function registerPredictCommand(program: Command): void {
  program
    .command('predict')
    .description('score a CSV/Parquet file with a model artifact, one output row per input row')
    .requiredOption('--model <file>', 'model artifact (JSON) written by argus train')
    .requiredOption('--data <files>', 'file(s) to score, comma-separated (.csv, .tsv, .parquet)')
    .requiredOption('--out <file>', 'where to write the predictions (CSV)')
    .option('--horizons <list>', 'survival models: horizons in the training time unit, e.g. 12,24,36,48,60')
    .option('--keep <cols>', 'input columns to copy to the output, e.g. an id')
    .action(async (flags: PredictFlags) => {
      await runPredict(flags);
    });
}

export async function runPredict(flags: PredictFlags): Promise<void> {
  const started = Date.now();
  const model: ScoringModel = loadModel(readFileSync(flags.model, 'utf8'));
  const keep = flags.keep ? parseList(flags.keep, 'keep') : [];
  const horizons = flags.horizons ? parseList(flags.horizons, 'horizons').map((h) => optionalNumber(h, 'horizons')!) : undefined;
  const table = await loadTableAsync(parseList(flags.data, 'data'), { columns: [...new Set([...model.features, ...keep])] });
  const predictions = model.predictTable(table, { horizons });
  const kept = keep.map((name) => {
    const col = table.column(name);
    return col.kind === 'categorical'
      ? { name, values: Array.from(col.values, (c) => (Number.isNaN(c) ? null : col.levels[c])) }
      : { name, values: col.values };
  });
  writeCsv(flags.out, [...kept, ...predictions]);
  const seconds = (Date.now() - started) / 1000;
  console.log(`scored ${table.rowCount} rows with a ${model.kind} model in ${seconds.toFixed(1)} s -> ${flags.out} (${predictions.map((p) => p.name).join(', ')})`);
}
