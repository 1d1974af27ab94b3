import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulateToFiles } from './index.js';

const FIXTURE = new URL('../../test/fixtures/world-small/', import.meta.url);

test('test/fixtures/world-small is what the simulator generates for 300 applicants and seed 7 (see its README)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-world-small-'));
  try {
    await simulateToFiles({ applicants: 300, seed: 7 }, dir);
    for (const file of ['events.ndjson', 'truth.ndjson']) {
      const fresh = readFileSync(join(dir, file));
      const committed = readFileSync(new URL(file, FIXTURE));
      assert.ok(fresh.equals(committed), `${file} is stale: regenerate the fixture as its README says`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
