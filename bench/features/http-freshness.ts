// Freshness end to end through HTTP: a real server (openArgus on a fresh data folder, listening on loopback) takes a
// steady background load of event batches (about 1,000 events/s) while a probe posts one login for a new device and reads the device's
// features back until the login shows; the probe's time from POST start to a GET that shows it is the freshness.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, openArgus } from '../../src/app/index.js';
import type { ArgusEvent } from '../../src/ingest/index.js';

export interface FreshnessResult {
  readonly probes: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** The POST alone (ingest: validate, hash, durable append, every engine's live update) p50/p99. */
  readonly postP50: number;
  readonly postP99: number;
  readonly backgroundEvents: number;
  readonly backgroundEventsPerS: number;
}

/**
 * `background` is posted at about `rate` events/s in batches of `batch` (a steady production load, below what the
 * server can take, so the probe measures freshness rather than a queue).
 */
export async function measureFreshness(background: readonly ArgusEvent[], probes: number, rate = 1000, batch = 20): Promise<FreshnessResult> {
  const dir = mkdtempSync(join(tmpdir(), 'argus-features-bench-'));
  process.env.ARGUS_LOG = 'silent';
  const app = await openArgus(loadConfig({ data: dir, port: 0 }));
  const address = await app.api.listen({ host: '127.0.0.1', port: 0 });
  let stop = false;
  let sent = 0;
  const started = performance.now();
  const load = (async () => {
    for (let i = 0; !stop && i < background.length; i += batch) {
      const due = started + (i / rate) * 1000;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const res = await fetch(`${address}/v1/events`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(background.slice(i, i + batch)),
      });
      await res.arrayBuffer();
      sent += Math.min(batch, background.length - i);
    }
  })();
  const latencies: number[] = [];
  const posts: number[] = [];
  try {
    for (let p = 0; p < probes; p++) {
      const fingerprint = `probe-device-${p}`;
      const time = new Date(Date.parse('2026-06-01T00:00:00Z') + p * 1000).toISOString();
      const t0 = performance.now();
      const post = await fetch(`${address}/v1/events`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: `probe-${p}`, type: 'login', time, data: { fingerprint, ip: '192.0.2.1' } }),
      });
      await post.arrayBuffer();
      posts.push(performance.now() - t0);
      for (let attempt = 0; ; attempt++) {
        if (attempt === 1000) throw new Error(`probe ${p} never became visible`);
        const res = await fetch(`${address}/v1/features/device/${fingerprint}?at=${encodeURIComponent(time)}`);
        const body = (await res.json()) as { values: Record<string, number | null> };
        if (body.values['device.sessions.1h'] === 1) break;
      }
      latencies.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    stop = true;
    await load;
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  posts.sort((a, b) => a - b);
  const q = (xs: number[], f: number) => xs[Math.min(xs.length - 1, Math.floor(f * xs.length))];
  return {
    probes, p50: q(latencies, 0.5), p99: q(latencies, 0.99), max: latencies[latencies.length - 1],
    postP50: q(posts, 0.5), postP99: q(posts, 0.99), backgroundEvents: sent, backgroundEventsPerS: sent / seconds,
  };
}
