// argus predict: batch-scores a file with a model artifact — one output row per input row, in input order —
// with the PD (binary models) or S(t) at the asked horizons (survival models). Columns named by --keep are
// copied through first, exactly as written (e.g. a lead id "00123"), so a pre-screened lead list can be joined back.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { writeCsv } from '../../learn/index.js';
import { loadModel, type ScoringModel } from '../../model/index.js';
import { loadKeptColumns, loadTableForModel } from './model-data.js';
import { optionalNumber, parseList } from './flag-values.js';

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
  const files = parseList(flags.data, 'data');
  // Kept columns that are not features load as text: an id "00123" must come out as "00123", not 123.
  const keepOnly = keep.filter((k) => !model.features.includes(k));
  const table = await loadTableForModel(files, model, { columns: [...new Set([...model.features, ...keepOnly])], text: keepOnly });
  const predictions = model.predictTable(table, { horizons });
  const kept = await loadKeptColumns(files, model, keep, table);
  writeCsv(flags.out, [...kept, ...predictions]);
  const seconds = (Date.now() - started) / 1000;
  console.log(`scored ${table.rowCount} rows with a ${model.kind} model in ${seconds.toFixed(1)} s -> ${flags.out} (${predictions.map((p) => p.name).join(', ')})`);
}
