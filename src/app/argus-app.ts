// The composition root: opens storage in the data folder, builds the engines, wires them to each other and to the
// HTTP edge. Embedded mode: everything in this one process, the event log in SQLite.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { systemClock, type Clock } from '../core/index.js';
import { Ingestor, KeyedHasher } from '../ingest/index.js';
import { SqliteEventLog } from '../store/index.js';
import { buildApi, type ArgusServices } from '../api/index.js';
import type { ArgusConfig } from './config.js';
import { loadPiiSecret } from './pii-secret.js';

export interface ArgusApp {
  readonly config: ArgusConfig;
  readonly services: ArgusServices;
  readonly api: FastifyInstance;
  close(): Promise<void>;
}

export interface AppOverrides {
  readonly clock?: Clock;
}

export async function openArgus(config: ArgusConfig, overrides: AppOverrides = {}): Promise<ArgusApp> {
  const clock = overrides.clock ?? systemClock;
  const eventLog = new SqliteEventLog(join(config.dataDir, 'events.db'));
  const hasher = new KeyedHasher(loadPiiSecret(config.dataDir, config.piiSecret));
  const ingestor = new Ingestor(eventLog, hasher);
  const services: ArgusServices = { clock, eventLog, ingestor };
  const api = buildApi(services, { apiKeys: config.apiKeys, bodyLimit: config.bodyLimit });
  return {
    config,
    services,
    api,
    async close() {
      await api.close();
      await eventLog.close();
    },
  };
}
