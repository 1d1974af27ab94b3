// Reads a Parquet file (via hyparquet) column chunk by column chunk into column builders, in row order.
import { parquetMetadata, parquetRead, parquetSchema } from 'hyparquet';
import { RiskError } from '../../core/index.js';
import type { ColumnBuilder } from './column-builder.js';

export async function readParquetFile(bytes: Buffer, buildersFor: (names: readonly string[]) => (ColumnBuilder | null)[]): Promise<number> {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let metadata;
  try {
    metadata = parquetMetadata(file);
  } catch (err) {
    throw new RiskError('LEARN_PARQUET_INVALID', 'not a readable Parquet file', { reason: (err as Error).message });
  }
  const names = parquetSchema(metadata).children.map((c) => c.element.name);
  const builders = buildersFor(names);
  const columns = names.filter((_, i) => builders[i] !== null);
  const chunks = new Map<string, { rowStart: number; data: ArrayLike<unknown> }[]>(columns.map((c) => [c, []]));
  await parquetRead({
    file,
    metadata,
    columns,
    onChunk: (chunk) => chunks.get(chunk.columnName)?.push({ rowStart: chunk.rowStart, data: chunk.columnData as ArrayLike<unknown> }),
  });
  const rows = Number(metadata.num_rows);
  names.forEach((name, i) => {
    const b = builders[i];
    if (!b) return;
    let next = 0;
    for (const chunk of chunks.get(name)!.sort((a, c) => a.rowStart - c.rowStart)) {
      // Chunks may overlap the rows already taken; skip what was seen and stop at the file's end.
      for (let r = Math.max(next, chunk.rowStart); r < Math.min(chunk.rowStart + chunk.data.length, rows); r++) {
        b.pushValue(chunk.data[r - chunk.rowStart]);
      }
      next = Math.max(next, chunk.rowStart + chunk.data.length);
    }
    for (let r = next; r < rows; r++) b.pushValue(null);
  });
  return rows;
}
