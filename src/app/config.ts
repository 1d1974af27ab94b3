// Configuration of one Argus process: flags override environment, environment overrides defaults.
import { resolve } from 'node:path';
import { RiskError } from '../core/index.js';
import { parseApiKeys } from '../api/index.js';

export interface ArgusConfig {
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  readonly apiKeys: ReadonlyMap<string, string>;
  /** Secret for keyed hashing of personal identifiers; when absent one is generated and kept in dataDir. */
  readonly piiSecret?: string;
  readonly bodyLimit: number;
  /** Set when several processes serve the same data folder (argus serve --workers N). */
  readonly shared?: SharedDataFolder;
}

/** This process's part among several serving one data folder. */
export interface SharedDataFolder {
  /** Exactly one process writes the feature and graph snapshots. */
  readonly writesSnapshots: boolean;
}

/**
 * A server alone on its data folder still shares it: `argus ingest`, `argus graph propagate --labels` and the other
 * commands append to the same log from processes of their own, and a server that only applied its own appends would
 * not see theirs until it restarted. So it follows the log as one of several workers does, writing the snapshots.
 */
export const SOLE_SERVER: SharedDataFolder = { writesSnapshots: true };

export interface ConfigFlags {
  readonly data?: string;
  readonly port?: string | number;
  readonly host?: string;
}

export function loadConfig(flags: ConfigFlags = {}, env: NodeJS.ProcessEnv = process.env): ArgusConfig {
  const port = Number(flags.port ?? env.ARGUS_PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RiskError('CONFIG_PORT_INVALID', `port must be an integer from 0 to 65535, got "${flags.port ?? env.ARGUS_PORT}"`);
  }
  return {
    dataDir: resolve(flags.data ?? env.ARGUS_DATA ?? './argus-data'),
    host: flags.host ?? env.ARGUS_HOST ?? '127.0.0.1',
    port,
    apiKeys: parseApiKeys(env.ARGUS_API_KEYS),
    piiSecret: env.ARGUS_PII_SECRET,
    bodyLimit: 64 * 1024 * 1024,
  };
}
