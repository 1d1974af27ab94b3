// argus serve: runs the HTTP API on the data folder until interrupted; --workers N runs N processes on it.
import type { Command } from 'commander';
import { isClusterWorker, listen, loadConfig, openArgus, reportListening, sharedPart, SOLE_SERVER, startWorkers } from '../../app/index.js';
import { RiskError } from '../../core/index.js';

/** The options of every command that serves the API: where to listen and which data folder. */
export function withServerOptions(command: Command): Command {
  return command
    .option('--port <port>', 'port to listen on', '8080')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--data <dir>', 'data folder', './argus-data');
}

export function registerServeCommand(program: Command): void {
  withServerOptions(program.command('serve').description('serve the HTTP API'))
    .option('--workers <n>', 'processes serving the data folder (one per core to use them all)', process.env.ARGUS_WORKERS ?? '1')
    .action(async (opts: { port: string; host: string; data: string; workers: string }) => {
      const workers = Number(opts.workers);
      if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
        throw new RiskError('CONFIG_WORKERS_INVALID', `--workers must be an integer from 1 to 64, got "${opts.workers}"`);
      }
      const config = loadConfig({ port: opts.port, host: opts.host, data: opts.data });
      if (workers === 1) {
        const app = await openArgus({ ...config, shared: SOLE_SERVER });
        const address = await listen(app);
        console.log(`argus serving ${app.config.dataDir} on ${address} (GET ${address}/health)`);
      } else if (isClusterWorker()) {
        // A worker that cannot serve (the port taken, the data folder unreadable) exits, so that the primary sees it:
        // its channel to the primary would otherwise keep it alive, and the primary waiting, for ever.
        try {
          const app = await openArgus({ ...config, shared: sharedPart() });
          reportListening(await listen(app));
        } catch (err) {
          console.error(`argus worker ${process.pid}: ${(err as Error).message}`);
          process.exit(1);
        }
      } else {
        const address = await startWorkers(config, workers);
        console.log(`argus serving ${config.dataDir} on ${address} with ${workers} worker processes (GET ${address}/health)`);
      }
    });
}
