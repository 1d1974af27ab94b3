// The deployment secret for keyed hashing. Taken from ARGUS_PII_SECRET, or generated once and kept in the data
// folder with owner-only permissions. Losing it means new hashes no longer match old ones, so it is never rotated
// silently.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function loadPiiSecret(dataDir: string, fromEnv?: string): string {
  if (fromEnv) return fromEnv;
  const path = join(dataDir, 'pii-secret.key');
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  try {
    writeFileSync(path, secret + '\n', { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another process starting on the same folder wrote it first: its secret is the folder's.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(path, 'utf8').trim();
    throw err;
  }
  return secret;
}
