// Redis and the in-memory engine hold the same state for the same stream, so they give identical values; tested
// against the real server on 127.0.0.1:6379 (as in CI).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { FixedClock, Random } from '../core/index.js';
import { FeatureEngine } from './feature-engine.js';
import { RedisFeatureStore } from './redis-feature-store.js';
import { EXERCISE_SPEC, randomStream } from './testing/random-stream.js';
import type { ArgusEventRecord } from '../store/index.js';

const records = (seed: number, n: number): ArgusEventRecord[] =>
  randomStream({ seed, events: n }).map((e, i) => ({ id: `e${i}`, type: e.type, time: new Date(e.time).toISOString(), data: e.data }));

test('Redis and in-memory state give identical values for the same stream', async () => {
  const redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  const tenant = `test-${process.pid}-${Date.now()}`;
  const store = new RedisFeatureStore({ redis, sets: [EXERCISE_SPEC], prefix: 'argus-test:feat' });
  const memory = new FeatureEngine({ clock: new FixedClock(0), sets: [EXERCISE_SPEC] });
  const names = EXERCISE_SPEC.features.map((f) => f.name);
  const events = records(5, 900);
  const rnd = new Random(9);
  const other = new RedisFeatureStore({ redis, sets: [EXERCISE_SPEC], prefix: 'argus-test:feat' });
  try {
    let i = 0;
    let compared = 0;
    while (i < events.length) {
      const batch = events.slice(i, i + 1 + rnd.int(8));
      i += batch.length;
      // Read as of the batch's first event (not yet applied anywhere), then apply the batch to both.
      if (batch[0].type === 'application.submitted' || batch[0].type === 'repayment.made') {
        assert.deepEqual(await store.read(tenant, batch[0], names), memory.readNow(tenant, batch[0], names), `before ${batch[0].id}`);
        compared++;
      }
      await store.applyBatch(tenant, batch);
      for (const e of batch) memory.applyEvent(tenant, e);
    }
    assert.ok(compared > 80, `compared ${compared}`);
    // A second writer commits to the same keys between this store's read and its write: the first EXEC is refused
    // (WATCH), the batch is re-read and re-applied, and every event ends up applied exactly once.
    const shift = Date.parse(events.at(-1)!.time) - Date.parse(records(6, 1)[0].time) + 60_000;
    const extra = records(6, 60).map((e) => ({ ...e, id: `x${e.id}`, time: new Date(Date.parse(e.time) + shift).toISOString() }));
    const firstHalf = extra.slice(0, 30);
    const secondHalf = extra.slice(30);
    const hooked = store as unknown as { load: (...args: unknown[]) => Promise<unknown> };
    const load = hooked.load.bind(store);
    let interfered = false;
    hooked.load = async (...args: unknown[]) => {
      const loaded = await load(...args);
      if (!interfered) {
        interfered = true;
        await other.applyBatch(tenant, secondHalf);
      }
      return loaded;
    };
    await store.applyBatch(tenant, firstHalf);
    hooked.load = load;
    assert.equal(store.conflicts, 1);
    for (const e of [...secondHalf, ...firstHalf]) memory.applyEvent(tenant, e);
    const lastApp = events.filter((e) => e.type === 'application.submitted').at(-1)!;
    const at = { ...lastApp, time: extra.at(-1)!.time };
    const counts = ['device.events.1h', 'device.apps.30d.incl', 'device.distinct_ids.30d', 'applicant.apps.7d'];
    assert.deepEqual(await store.read(tenant, at, counts), memory.readNow(tenant, at, counts));
  } finally {
    await store.dropTenant(tenant);
    await store.close();
    await other.close();
    redis.disconnect();
  }
});
