// argus ingest into the data folder's SQLite log and into NATS JetStream (the real server on 127.0.0.1:4222, as in
// CI): the same file gives the same stored events, identifiers hashed with the data folder's secret, and a second run
// only finds duplicates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { connect } from 'nats';
import { openNatsEventLog, SqliteEventLog, type EventLog, type StoredEvent } from '../../store/index.js';
import { registerIngestCommand } from './ingest-command.js';

const FIXTURE = new URL('../../../test/fixtures/world-small/events.ndjson', import.meta.url);

async function bodies(log: EventLog): Promise<string[]> {
  const out: string[] = [];
  for await (const e of log.read(0) as AsyncIterable<StoredEvent>) out.push(`${e.offset} ${e.tenant} ${JSON.stringify(e.event)}`);
  return out;
}

async function argus(...args: string[]): Promise<void> {
  const program = new Command('argus').exitOverride();
  registerIngestCommand(program);
  const log = console.log;
  console.log = () => undefined;
  try {
    await program.parseAsync(args, { from: 'user' });
  } finally {
    console.log = log;
  }
}

test('argus ingest --nats appends to JetStream exactly what the embedded log stores, and a re-run is all duplicates', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-ingest-cli-'));
  const run = `${process.pid}_${Date.now()}`;
  const nc = await connect({ servers: '127.0.0.1:4222' });
  const stream = `ARGUS_CLI_TEST_${run}`;
  try {
    const lines = readFileSync(FIXTURE, 'utf8').split('\n').filter((l) => l !== '').slice(0, 800);
    const file = join(dir, 'events.ndjson');
    writeFileSync(file, lines.join('\n') + '\n');
    const data = join(dir, 'data');
    const nats = ['--nats', 'nats://127.0.0.1:4222', '--stream', stream, '--subject-prefix', `argus-cli-test.${run}`];
    await argus('ingest', file, '--data', data, '--tenant', 'bank-a');
    await argus('ingest', file, '--data', data, '--tenant', 'bank-a', ...nats);
    await argus('ingest', file, '--data', data, '--tenant', 'bank-a', ...nats);

    const embedded = new SqliteEventLog(join(data, 'events.db'));
    const jetstream = await openNatsEventLog(nc, { stream, subjectPrefix: `argus-cli-test.${run}` });
    const stored = await bodies(jetstream);
    assert.equal(stored.length, 800, 'the second run appended nothing');
    assert.deepEqual(stored, await bodies(embedded));
    const firstPhone = (JSON.parse(lines.find((l) => l.includes('"phone"'))!) as { data: { applicant?: { phone?: string }; phone?: string } });
    const raw = firstPhone.data.applicant?.phone ?? firstPhone.data.phone!;
    assert.ok(!stored.some((s) => s.includes(raw)), 'no raw phone number in the log');
    await embedded.close();
  } finally {
    const jsm = await nc.jetstreamManager();
    await jsm.streams.delete(stream).catch(() => undefined);
    await nc.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
