// argus replay ID: re-runs an audited decision with its recorded inputs and pinned flow and model versions, and
// says whether the result is identical (exit 0) or shows the difference (exit 3).
import type { Command } from 'commander';
import { DEFAULT_TENANT } from '../../api/index.js';
import { loadConfig, openArgus } from '../../app/index.js';

export function registerReplayCommand(program: Command): void {
  program
    .command('replay')
    .description('re-run an audited decision and compare it with what was recorded')
    .argument('<decisionId>', 'decision id (dec_...)')
    .option('--data <dir>', 'data folder', './argus-data')
    .option('--tenant <name>', 'tenant', DEFAULT_TENANT)
    .option('--json', 'print the full replay report as JSON')
    .action(async (decisionId: string, flags: { data: string; tenant: string; json?: boolean }) => {
      const app = await openArgus(loadConfig({ data: flags.data }));
      try {
        const report = app.decision.replay(flags.tenant, decisionId);
        if (flags.json) console.log(JSON.stringify(report));
        else {
          console.log(`${decisionId}: recorded ${report.recorded.outcome}, replayed ${report.replayed.outcome} — ${report.identical ? 'identical' : 'DIFFERENT'}`);
          for (const d of report.diff ?? []) console.log(`  ${d.path}: recorded ${JSON.stringify(d.recorded)}, replayed ${JSON.stringify(d.replayed)}`);
          if (report.note) console.log(`  ${report.note.code}: ${report.note.message}`);
        }
        if (!report.identical) process.exitCode = 3;
      } finally {
        await app.close();
      }
    });
}
