// argus backtest --flow A --vs B --from --to: re-runs flow versions over the historical applications in the event
// log with the inputs as they were at the time, and prints approval / review / reject rates, reason codes and the
// bad rates of approved and rejected applicants side by side (JSON with --json; an HTML page with charts with --html).
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { RiskError } from '../../core/index.js';
import { DEFAULT_TENANT } from '../../api/index.js';
import { loadConfig, openArgus } from '../../app/index.js';
import { formatBacktest, renderBacktestHtml, type FlowRef } from '../../decision/index.js';
import { startProgress } from '../progress.js';

interface BacktestFlags {
  flow: string;
  vs?: string[];
  from?: string;
  to?: string;
  data: string;
  tenant: string;
  json?: boolean;
  html?: string;
}

export function registerBacktestCommand(program: Command): void {
  program
    .command('backtest')
    .description('re-run flow versions over historical applications and compare them side by side')
    .requiredOption('--flow <flow>', 'flow to test: id, id@version (default: the latest version)')
    .option('--vs <flow...>', 'flows to compare with (id or id@version)')
    .option('--from <time>', 'first application time (ISO), inclusive')
    .option('--to <time>', 'last application time (ISO), exclusive')
    .option('--data <dir>', 'data folder', './argus-data')
    .option('--tenant <name>', 'tenant', DEFAULT_TENANT)
    .option('--json', 'print the report as JSON')
    .option('--html <file>', 'also write the report as an HTML page with charts')
    .action(async (flags: BacktestFlags) => {
      const app = await openArgus(loadConfig({ data: flags.data }));
      try {
        const refs = [flags.flow, ...(flags.vs ?? [])].map((s) => parseRef(s, (id) => app.decision.catalog.latest(flags.tenant, id)));
        const total = await app.services.eventLog.count(flags.tenant);
        const progress = startProgress('backtest', total, 'events', { summaryToStderr: flags.json });
        const started = Date.now();
        const { report } = await app.decision.backtest(app.services.eventLog, {
          tenant: flags.tenant, flows: refs, from: time(flags.from), to: time(flags.to),
          onProgress: (events, applications) => progress.update(events, `${applications} applications`),
        });
        progress.finish(`backtest: ${report.applications} applications, ${refs.length} flow versions in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        console.log(flags.json ? JSON.stringify(report) : formatBacktest(report));
        if (flags.html) {
          writeFileSync(flags.html, renderBacktestHtml(report));
          console.error(`wrote ${flags.html}`);
        }
      } finally {
        await app.close();
      }
    });
}

function parseRef(text: string, latest: (id: string) => FlowRef): FlowRef {
  const at = text.lastIndexOf('@');
  if (at < 0) return latest(text);
  const version = Number(text.slice(at + 1));
  if (!Number.isInteger(version) || version < 1) throw new RiskError('CLI_FLOW_INVALID', `"${text}" is not id@version`);
  return { id: text.slice(0, at), version };
}

function time(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = Date.parse(text);
  if (Number.isNaN(t)) throw new RiskError('CLI_TIME_INVALID', `"${text}" is not an ISO time`);
  return t;
}
