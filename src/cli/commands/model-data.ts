// Loads the data a model artifact scores (argus predict, argus evaluate): the model's categorical features are read
// as categorical, so codes such as "02134" or "2.5" keep their text and match the model's levels. Left to the
// loader's guess, "02134" became the number 2134 (no level: scored as missing) and "2.5" a type mismatch.
import { loadTableAsync, type LoadTableOptions, type Table } from '../../learn/index.js';
import type { ScoringModel } from '../../model/index.js';

/** The model's features that its artifact declares categorical. */
export function categoricalFeatures(model: ScoringModel): string[] {
  return (model.artifact.featureInfo ?? []).filter((f) => f.type === 'categorical').map((f) => f.name);
}

/** Loads files for scoring with the model; other options (e.g. columns) pass through to the loader. */
export function loadTableForModel(files: readonly string[], model: ScoringModel, options: LoadTableOptions = {}): Promise<Table> {
  return loadTableAsync(files, { ...options, categorical: [...(options.categorical ?? []), ...categoricalFeatures(model)] });
}

/**
 * The --keep columns as written in the files. A kept column that is not a feature loads with the features as text;
 * one that is also a feature needs its feature type for scoring, so those few columns are read a second time.
 */
export async function loadKeptColumns(
  files: readonly string[], model: ScoringModel, keep: readonly string[], scored: Table,
): Promise<{ name: string; values: (string | null)[] }[]> {
  const features = new Set(model.features);
  const twice = keep.filter((k) => features.has(k));
  const text = twice.length > 0 ? await loadTableAsync(files, { columns: twice, text: twice }) : null;
  return keep.map((name) => {
    const col = (features.has(name) ? text! : scored).column(name);
    const levels = col.kind === 'categorical' ? col.levels : [];
    // A Parquet null is the one missing value a text column can hold.
    return { name, values: Array.from(col.values, (c) => (Number.isNaN(c) ? null : levels[c])) };
  });
}
