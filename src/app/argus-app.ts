// The composition root: opens storage in the data folder, builds the engines, wires them to each other and to the
// HTTP edge. Embedded mode: everything in this one process, the event log in SQLite — or, with config.shared, one
// of several processes serving the same data folder (shared-log.ts).
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Random, systemClock, type Clock } from '../core/index.js';
import type { FeatureReader, GraphReader } from '../decision/index.js';
import { Ingestor, KeyedHasher } from '../ingest/index.js';
import { SqliteEventLog } from '../store/index.js';
import { buildApi, type ArgusServices } from '../api/index.js';
import type { ArgusConfig } from './config.js';
import { loadPiiSecret } from './pii-secret.js';
import { openDecisionEngine, type DecisionEngine } from './decision-wiring.js';
import { openGraphEngine, pointInTimeGraph } from './graph-wiring.js';
import { openFeatureEngine, pointInTimeFeatures } from './feature-wiring.js';
import { followSharedLog } from './shared-log.js';

export interface ArgusApp {
  readonly config: ArgusConfig;
  readonly services: ArgusServices;
  readonly api: FastifyInstance;
  readonly decision: DecisionEngine;
  close(): Promise<void>;
}

export interface AppOverrides {
  readonly clock?: Clock;
  /** Seeds decision and release ids; default a random seed per process. */
  readonly random?: Random;
  readonly features?: FeatureReader;
  readonly graph?: GraphReader;
}

export async function openArgus(config: ArgusConfig, overrides: AppOverrides = {}): Promise<ArgusApp> {
  const clock = overrides.clock ?? systemClock;
  const eventLog = new SqliteEventLog(join(config.dataDir, 'events.db'));
  const hasher = new KeyedHasher(loadPiiSecret(config.dataDir, config.piiSecret));
  const ingestor = new Ingestor(eventLog, hasher);
  const graph = openGraphEngine({ dataDir: config.dataDir, clock, hasher, eventLog, ingestor, shared: config.shared });
  const features = openFeatureEngine({ dataDir: config.dataDir, clock, hasher, eventLog, ingestor, shared: config.shared });
  const follower = config.shared
    ? followSharedLog({ ingestor, log: eventLog, followers: [features.follower, graph.follower], syncSpecs: () => features.service.syncStored() })
    : null;
  const decision = openDecisionEngine({
    dataDir: config.dataDir, clock, random: overrides.random ?? new Random(randomBytes(16).toString('hex')), hasher, ingestor,
    features: overrides.features ?? features.engine, graph: overrides.graph ?? graph.engine,
    pointInTime: (tenant) => {
      const f = pointInTimeFeatures(features.engine, clock, tenant);
      const g = pointInTimeGraph(clock, tenant);
      return { apply: (stored) => (f.apply(stored), g.apply(stored)), prepare: g.prepare, reach: g.reach, features: f.features, graph: g.graph };
    },
  });
  const services: ArgusServices = { clock, eventLog, ingestor, decision, graph: graph.engine, features: features.service };
  const api = buildApi(services, { apiKeys: config.apiKeys, bodyLimit: config.bodyLimit });
  return {
    config,
    services,
    api,
    decision,
    async close() {
      follower?.stop();
      await api.close();
      await decision.close();
      await graph.close();
      graph.engine.snapshot(100_000);
      features.close();
      await eventLog.close();
    },
  };
}
