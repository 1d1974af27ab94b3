// argus demo (what `npm start` runs): simulates a default synthetic world, ingests it, serves the API, and prints
// what to open. Re-running on the same data folder reuses the world and skips what is already ingested.
import { createReadStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_TENANT } from '../../api/index.js';
import { listen, loadConfig, openArgus, SOLE_SERVER } from '../../app/index.js';
import { installDemoDecisions } from '../../decision/index.js';
import type { SimulationSummary } from '../../simulate/index.js';
import { ingestFileWithProgress } from './ingest-command.js';
import { runSimulate } from './simulate-command.js';
import { withServerOptions } from './serve-command.js';

interface DemoFlags {
  port: string;
  host: string;
  data: string;
  applicants: string;
  seed: string;
}

export function registerDemoCommand(program: Command): void {
  withServerOptions(program.command('demo').description('simulate a synthetic lending world, ingest it and serve the API (what `npm start` runs)'))
    .option('--applicants <n>', 'applicants in the simulated world', '20000')
    .option('--seed <seed>', 'seed of the simulated world', '42')
    .action(async (flags: DemoFlags) => {
      const config = loadConfig({ port: flags.port, host: flags.host, data: flags.data });
      const worldDir = join(config.dataDir, 'world');
      let summary = existingWorld(worldDir, flags);
      if (!summary) {
        summary = await runSimulate({ applicants: flags.applicants, seed: flags.seed, out: worldDir });
        writeFileSync(join(worldDir, 'demo.json'), JSON.stringify({ applicants: flags.applicants, seed: flags.seed }) + '\n');
      }
      const app = await openArgus({ ...config, shared: SOLE_SERVER });
      installDemoDecisions(app.decision.catalog, app.decision.models, DEFAULT_TENANT, app.services.clock.now());
      if ((await app.services.eventLog.count(DEFAULT_TENANT)) < summary.events) {
        await ingestFileWithProgress(app.services.ingestor, DEFAULT_TENANT, summary.files.events);
      } else {
        console.log(`world already ingested (${summary.events} events in ${config.dataDir})`);
      }
      if (app.services.graph) {
        // Communities and propagated risk scores come from the batch; without it those features read as missing.
        const batch = app.services.graph.recompute(DEFAULT_TENANT);
        const seconds = Object.values(batch.seconds).reduce((a, b) => a + b, 0);
        console.log(`graph batch: ${batch.components} components, ${batch.communities} communities, risk scores for every person in ${seconds.toFixed(1)} s`);
      }
      const sample = await writeSampleApplication(summary.files.events, join(worldDir, 'sample-application.json'));
      const address = await listen(app);
      printWelcome(address, worldDir, sample);
    });
}

/** The world from an earlier run, if it was made with the same size and seed. */
function existingWorld(worldDir: string, flags: DemoFlags): SimulationSummary | undefined {
  const marker = join(worldDir, 'demo.json');
  const summaryPath = join(worldDir, 'summary.json');
  if (!existsSync(marker) || !existsSync(summaryPath)) return undefined;
  const made = JSON.parse(readFileSync(marker, 'utf8')) as { applicants: string; seed: string };
  if (made.applicants !== flags.applicants || made.seed !== flags.seed) return undefined;
  const summary = JSON.parse(readFileSync(summaryPath, 'utf8')) as SimulationSummary;
  return existsSync(summary.files.events) ? summary : undefined;
}

/** A new application (fresh id) by the world's first applicant, for the printed `curl` to decide on. */
async function writeSampleApplication(eventsFile: string, out: string): Promise<string> {
  const lines = createInterface({ input: createReadStream(eventsFile), crlfDelay: Infinity });
  for await (const line of lines) {
    const event = JSON.parse(line) as { id: string; type: string; data: { applicationId: string } };
    if (event.type !== 'application.submitted') continue;
    lines.close();
    const sample = { ...event, id: 'demo-sample-1', data: { ...event.data, applicationId: 'demo-sample-app-1' } };
    writeFileSync(out, JSON.stringify(sample, null, 2) + '\n');
    return out;
  }
  throw new Error(`no application in ${eventsFile}`);
}

function printWelcome(address: string, worldDir: string, sample: string): void {
  console.log(`
Argus demo is running on ${address}
  health        curl ${address}/health
  decide        curl -X POST ${address}/v1/decide/loan-applications -H 'content-type: application/json' --data-binary @${sample}
  flows         curl ${address}/v1/flows
  API document  curl ${address}/openapi.json
  send events   curl -X POST ${address}/v1/events -H 'content-type: application/x-ndjson' --data-binary @${join(worldDir, 'events.ndjson')}
  world         ${worldDir} (events.ndjson, truth.ndjson, summary.json)
Stop with Ctrl-C.`);
}
