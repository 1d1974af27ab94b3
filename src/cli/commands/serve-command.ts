// argus serve: runs the HTTP API on the data folder until interrupted.
import type { Command } from 'commander';
import { listen, loadConfig, openArgus } from '../../app/index.js';

/** The options of every command that serves the API: where to listen and which data folder. */
export function withServerOptions(command: Command): Command {
  return command
    .option('--port <port>', 'port to listen on', '8080')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--data <dir>', 'data folder', './argus-data');
}

export function registerServeCommand(program: Command): void {
  withServerOptions(program.command('serve').description('serve the HTTP API'))
    .action(async (opts: { port: string; host: string; data: string }) => {
      const app = await openArgus(loadConfig({ port: opts.port, host: opts.host, data: opts.data }));
      const address = await listen(app);
      console.log(`argus serving ${app.config.dataDir} on ${address} (GET ${address}/health)`);
    });
}
