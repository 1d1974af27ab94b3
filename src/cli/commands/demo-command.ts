// argus demo (what `npm start` runs): simulates a default synthetic world, ingests it, serves the API, and prints
// what to open. Re-running on the same data folder reuses the world and skips what is already ingested.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_TENANT } from '../../api/index.js';
import { listen, loadConfig, openArgus } from '../../app/index.js';
import { installDemoDecisions } from '../../decision/index.js';
import type { SimulationSummary } from '../../simulate/index.js';
import { ingestFileWithProgress } from './ingest-command.js';
import { runSimulate } from './simulate-command.js';

interface DemoFlags {
  port: string;
  host: string;
  data: string;
  applicants: string;
  seed: string;
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('simulate a synthetic lending world, ingest it and serve the API (what `npm start` runs)')
    .option('--port <port>', 'port to listen on', '8080')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--data <dir>', 'data folder', './argus-data')
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
      const app = await openArgus(config);
      installDemoDecisions(app.decision.catalog, app.decision.models, DEFAULT_TENANT, app.services.clock.now());
      if ((await app.services.eventLog.count(DEFAULT_TENANT)) < summary.events) {
        await ingestFileWithProgress(app.services.ingestor, DEFAULT_TENANT, summary.files.events);
      } else {
        console.log(`world already ingested (${summary.events} events in ${config.dataDir})`);
      }
      const address = await listen(app);
      printWelcome(address, worldDir);
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

function printWelcome(address: string, worldDir: string): void {
  console.log(`
Argus demo is running on ${address}
  health        curl ${address}/health
  send events   curl -X POST ${address}/v1/events -H 'content-type: application/x-ndjson' --data-binary @${join(worldDir, 'events.ndjson')}
  world         ${worldDir} (events.ndjson, truth.ndjson, summary.json)
Stop with Ctrl-C.`);
}
