// The `argus` command line: one subcommand per job, each registered from its own file under commands/.
import { Command } from 'commander';
import { isRiskError } from '../core/index.js';
import { registerCommands } from './commands/index.js';

const program = new Command('argus')
  .description('Argus: real-time risk decisioning for consumer lenders')
  .version('0.1.0')
  .showHelpAfterError();

registerCommands(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  if (isRiskError(err)) {
    console.error(`error ${err.code}: ${err.message}`);
    if (Object.keys(err.details).length > 0) console.error(JSON.stringify(err.details));
  } else {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  }
  process.exitCode = 1;
});
