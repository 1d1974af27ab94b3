// Every subcommand of `argus`, one file each. Add a command by adding its register function here.
import type { Command } from 'commander';
import { registerBacktestCommand } from './backtest-command.js';
import { registerDemoCommand } from './demo-command.js';
import { registerEvaluateCommand } from './evaluate-command.js';
import { registerFeaturesCommand } from './features-command.js';
import { registerFlowCommand } from './flow-command.js';
import { registerGraphCommand } from './graph-command.js';
import { registerIngestCommand } from './ingest-command.js';
import { registerPredictCommand } from './predict-command.js';
import { registerReplayCommand } from './replay-command.js';
import { registerServeCommand } from './serve-command.js';
import { registerSimulateCommand } from './simulate-command.js';
import { registerTrainCommand } from './train-command.js';

export function registerCommands(program: Command): void {
  registerBacktestCommand(program);
  registerDemoCommand(program);
  registerEvaluateCommand(program);
  registerFeaturesCommand(program);
  registerFlowCommand(program);
  registerGraphCommand(program);
  registerIngestCommand(program);
  registerPredictCommand(program);
  registerReplayCommand(program);
  registerServeCommand(program);
  registerSimulateCommand(program);
  registerTrainCommand(program);
}
