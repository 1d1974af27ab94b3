import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ingestor } from './ingestor.js';
import { KeyedHasher } from './keyed-hasher.js';
import { ingestNdjsonFile } from './ndjson-file-ingest.js';
import { SqliteEventLog, type StoredEvent } from '../store/index.js';
import { application } from '../../test/support/sample-events.js';

async function bodies(log: SqliteEventLog): Promise<string[]> {
  const out: string[] = [];
  for await (const e of log.read(0) as AsyncIterable<StoredEvent>) out.push(JSON.stringify(e.event));
  return out;
}

test('a file ingested through the worker stores exactly what the in-thread path stores, problems indexed file-wide', async () => {
  // ~17 MB, so that it is read in several chunks; multi-byte UTF-8 text throughout, so that a chunk cut anywhere but at a
  // newline would corrupt characters.
  const dir = mkdtempSync(join(tmpdir(), 'argus-file-'));
  try {
    const lines: string[] = [];
    for (let n = 1; n <= 25_000; n++) lines.push(JSON.stringify(application(n)).replace('Acme Trading Co', n % 3 === 0 ? '阿克米贸易有限公司' : 'Acme Trading Co'));
    lines[12_345] = '{"not": "closed"';
    lines[20_001] = JSON.stringify(application(20_002, { type: 'mystery' }));
    lines.push(JSON.stringify(application(7)));
    const path = join(dir, 'events.ndjson');
    writeFileSync(path, lines.join('\n') + '\n\n');

    const secret = 'test-secret-0123456789abcdef';
    const viaFile = new SqliteEventLog(':memory:');
    const summary = await ingestNdjsonFile(new Ingestor(viaFile, new KeyedHasher(secret)), 't', path);
    assert.equal(summary.received, 25_001);
    assert.equal(summary.appended, 24_998);
    assert.equal(summary.duplicates, 1);
    assert.deepEqual(summary.rejected.map((p) => [p.index, p.code]), [[12_345, 'INGEST_JSON_MALFORMED'], [20_001, 'INGEST_TYPE_UNKNOWN']]);

    const inline = new SqliteEventLog(':memory:');
    const ingestor = new Ingestor(inline, new KeyedHasher(secret));
    for (let i = 0; i < lines.length; i += 10_000) await ingestor.ingestNdjson('t', lines.slice(i, i + 10_000).join('\n'));
    assert.deepEqual(await bodies(viaFile), await bodies(inline));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
