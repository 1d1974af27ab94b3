// Writes a world to a folder: events.ndjson (raw, un-hashed: it is the outside world), truth.ndjson (one
// ApplicantTruth per applicant, in the order their stories ended) and summary.json. Buffered, asynchronous writes
// with back-pressure, so memory stays flat and no event costs a system call.

import { createWriteStream, mkdirSync, writeFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { World } from './world-generator.js';
import type { SimulationProgress, SimulationSummary, WorldOptions } from './world-types.js';

const CHUNK_CHARS = 1 << 20;
const PROGRESS_EVERY = 1000;

class BufferedLines {
  private parts: string[] = [];
  private chars = 0;

  constructor(private readonly stream: WriteStream) {}

  /** Adds a line; resolves at once unless the chunk was flushed into a full stream. */
  add(line: string): Promise<void> | undefined {
    this.parts.push(line);
    this.chars += line.length + 1;
    return this.chars >= CHUNK_CHARS ? this.flush() : undefined;
  }

  flush(): Promise<void> | undefined {
    if (this.parts.length === 0) return undefined;
    const ok = this.stream.write(this.parts.join('\n') + '\n');
    this.parts = [];
    this.chars = 0;
    return ok ? undefined : new Promise((resolve) => this.stream.once('drain', () => resolve()));
  }

  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
  }
}

export async function simulateToFiles(
  options: WorldOptions,
  outDir: string,
  onProgress?: (p: SimulationProgress) => void,
): Promise<SimulationSummary> {
  const started = performance.now();
  const world = new World(options);
  mkdirSync(outDir, { recursive: true });
  const files = { events: join(outDir, 'events.ndjson'), truth: join(outDir, 'truth.ndjson') };
  const events = new BufferedLines(createWriteStream(files.events));
  const truths = new BufferedLines(createWriteStream(files.truth));
  let reported = 0;
  const items = world.items;
  while (world.advance()) {
    for (const item of items) {
      const waiting = item.kind === 'event' ? events.add(JSON.stringify(item.event)) : truths.add(JSON.stringify(item.truth));
      if (waiting) await waiting;
    }
    if (onProgress && world.counters.applicantsDone - reported >= PROGRESS_EVERY) {
      reported = world.counters.applicantsDone;
      onProgress({ applicantsDone: reported, applicantsTotal: world.applicants, events: world.events });
    }
  }
  await Promise.all([events.close(), truths.close()]);
  onProgress?.({ applicantsDone: world.counters.applicantsDone, applicantsTotal: world.applicants, events: world.events });
  const c = world.counters;
  const summary: SimulationSummary = {
    applicants: world.applicants,
    events: world.events,
    eventsByType: world.eventsByType,
    loans: c.loans,
    defaults: c.defaults,
    rings: c.rings,
    fraudsters: c.fraudsters,
    thinFile: c.thinFile,
    seconds: Math.round(performance.now() - started) / 1000,
    files,
  };
  writeFileSync(join(outDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  return summary;
}
