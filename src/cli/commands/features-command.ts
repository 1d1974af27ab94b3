// argus features backfill|factory|screen|select: point-in-time training matrices from the data folder's event log,
// the variable factory (definitions, and chosen variables computed over the population), screening with a ranked
// report, and selection of the best variables as a feature set spec the engine can run.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_TENANT } from '../../api/index.js';
import { RiskError } from '../../core/index.js';
import { SqliteEventLog } from '../../store/index.js';
import {
  ColumnTable, FileSpecRepository, buildTrainingMatrix, computeFactoryMatrix, formatScreenTable, generateVariables, loadDemoFactorySpec,
  loadDemoFeatureSet, screenVariables, selectFromReport, validateFactorySpec, validateFeatureSet, writeMatrix,
  writeScreenReport, type FactorySpec, type FeatureSetSpec, type ScreenReportFile, type VariableDefinition,
} from '../../features/index.js';
import { startProgress } from '../progress.js';

interface DataOptions {
  data: string;
  tenant: string;
}

export function registerFeaturesCommand(program: Command): void {
  const features = program.command('features').description('feature backfill, the variable factory, screening and selection');
  const data = (cmd: Command): Command =>
    cmd.option('--data <dir>', 'data folder', './argus-data').option('--tenant <name>', 'tenant', DEFAULT_TENANT);

  data(features.command('backfill').description('point-in-time features of every application joined to loan outcomes'))
    .requiredOption('--out <file>', 'training matrix, .csv or .parquet')
    .option('--set <name>', 'a built-in or stored feature set', 'demo')
    .option('--spec <file>', 'a feature set spec file (instead of --set)')
    .option('--features <names>', 'comma-separated subset of the set')
    .option('--booked-only', 'only applications that became loans')
    .option('--dpd <days>', 'days past due that make a default', '90')
    .option('--as-of <time>', 'end of observation (ISO); default the newest event')
    .action(async (opts: DataOptions & { out: string; set: string; spec?: string; features?: string; bookedOnly?: boolean; dpd: string; asOf?: string }) => {
      const set = opts.spec ? validateFeatureSet(readJson(opts.spec)) : findSet(opts.data, opts.tenant, opts.set);
      await withLog(opts, async (log, total) => {
        const started = Date.now();
        const progress = startProgress('backfill', total, 'events');
        const { table, features: names } = buildTrainingMatrix({
          set, events: log.readSync(0, { tenant: opts.tenant }), features: opts.features?.split(',').map((s) => s.trim()),
          dpdDays: Number(opts.dpd), asOf: opts.asOf ? Date.parse(opts.asOf) : undefined, bookedOnly: opts.bookedOnly,
          onProgress: (n) => progress.update(n),
        });
        await writeMatrix(table, opts.out);
        progress.finish(`backfill: ${table.rows} applications x ${names.length} features of "${set.name}" from ${total} events -> ` +
          `${opts.out} in ${seconds(started)} s`);
      });
    });

  features.command('factory').description('generate variable definitions; optionally compute some over the population')
    .option('--spec <file>', 'factory spec (default: the demo factory)')
    .option('--out <file>', 'write the definitions as JSON lines (name, kind, inputs, feature spec)')
    .option('--compute <n>', 'compute n variables (spread over all kinds) over the tenant\'s applications')
    .option('--names <file>', 'compute these variables (one name a line) instead')
    .option('--matrix <file>', 'with --compute/--names: write them as a .parquet or .csv matrix')
    .option('--data <dir>', 'data folder', './argus-data')
    .option('--tenant <name>', 'tenant', DEFAULT_TENANT)
    .action(async (opts: DataOptions & { spec?: string; out?: string; compute?: string; names?: string; matrix?: string }) => {
      const factory = loadFactory(opts.spec);
      const started = Date.now();
      const defs = [...generateVariables(factory)];
      const kinds = new Map<string, number>();
      for (const d of defs) kinds.set(d.lineage.kind, (kinds.get(d.lineage.kind) ?? 0) + 1);
      if (opts.out) writeFileSync(opts.out, defs.map((d) => JSON.stringify({ name: d.feature.name, ...d.lineage, feature: d.feature })).join('\n') + '\n');
      console.log(`factory "${factory.name}": ${defs.length} variable definitions in ${seconds(started)} s ` +
        `(${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')})${opts.out ? ` -> ${opts.out}` : ''}`);
      const chosen = chooseVariables(defs, opts.compute, opts.names);
      if (chosen.length === 0) return;
      await withLog(opts, async (log, total) => {
        const computeStarted = Date.now();
        const progress = startProgress('factory', total, 'events');
        const matrix = computeFactoryMatrix({ definitions: defs, chosen, events: log.readSync(0, { tenant: opts.tenant }), onProgress: (n) => progress.update(n) });
        if (opts.matrix) {
          const table = new ColumnTable(['application_id'], chosen);
          for (const id of matrix.applicationIds) table.textColumn('application_id').push(id);
          for (const name of chosen) {
            const column = matrix.column(name);
            const target = table.numeric.get(name)!;
            for (const v of column) target.push(v === v ? v : null);
          }
          table.rows = matrix.rows;
          await writeMatrix(table, opts.matrix);
        }
        progress.finish(`factory: ${chosen.length} variables (${matrix.plan.features.length - chosen.length} more base inputs) over ` +
          `${matrix.rows} applications in ${seconds(computeStarted)} s${opts.matrix ? ` -> ${opts.matrix}` : ''}`);
      });
    });

  data(features.command('screen').description('rank variables by IV, KS and PSI, prune correlated ones, write a report'))
    .requiredOption('--out <file>', 'report: .json (for select) or .csv')
    .option('--factory <file>', 'factory spec (default: the demo factory)')
    .option('--variables <n>', 'screen n variables spread over all kinds', '2000')
    .option('--names <file>', 'screen these variables (one name a line) instead')
    .option('--horizon <months>', 'bad = default within this many months of booking', '6')
    .option('--split <time>', 'PSI compares applications before and from this ISO time (default: the median)')
    .option('--keep <n>', 'variables to keep after correlation pruning', '100')
    .option('--max-corr <r>', 'largest |correlation| with a kept variable', '0.9')
    .option('--max-missing <share>', 'variables missing more often are ranked but not kept', '0.95')
    .option('--top <n>', 'rows of the table printed', '30')
    .action(async (opts: DataOptions & { out: string; factory?: string; variables: string; names?: string; horizon: string; split?: string; keep: string; maxCorr: string; maxMissing: string; top: string }) => {
      const factory = loadFactory(opts.factory);
      const defs = [...generateVariables(factory)];
      const chosen = chooseVariables(defs, opts.variables, opts.names);
      await withLog(opts, async (log, total) => {
        const started = Date.now();
        const progress = startProgress('screen: compute', total, 'events');
        const matrix = computeFactoryMatrix({ definitions: defs, chosen, events: log.readSync(0, { tenant: opts.tenant }), onProgress: (n) => progress.update(n) });
        progress.finish(`computed ${chosen.length} variables over ${matrix.rows} applications in ${seconds(started)} s`);
        const screening = startProgress('screen: rank', chosen.length, 'variables');
        const report = screenVariables(matrix, chosen, {
          horizonMonths: Number(opts.horizon), splitTime: opts.split ? Date.parse(opts.split) : undefined,
          keep: Number(opts.keep), maxCorrelation: Number(opts.maxCorr), maxMissing: Number(opts.maxMissing), onProgress: (n) => screening.update(n),
        });
        screening.finish(`screened ${chosen.length} variables in ${seconds(started)} s`);
        writeScreenReport({ ...report, factory }, opts.out);
        console.log(formatScreenTable(report, Number(opts.top)));
        console.log(`report -> ${opts.out}`);
      });
    });

  features.command('select').description('write the best kept variables of a screening report as a feature set spec')
    .requiredOption('--report <file>', 'a JSON report from `argus features screen`')
    .requiredOption('--out <file>', 'feature set spec (JSON) to write')
    .option('--top <n>', 'how many kept variables', '50')
    .option('--name <name>', 'name of the feature set', 'selected')
    .action((opts: { report: string; out: string; top: string; name: string }) => {
      const report = readJson(opts.report) as ScreenReportFile;
      if (!report.factory || !Array.isArray(report.variables)) {
        throw new RiskError('FEATURE_REPORT_INVALID', `${opts.report} is not a JSON report of argus features screen`, { path: opts.report });
      }
      const spec = validateFeatureSet(selectFromReport(report, Number(opts.top), opts.name));
      writeFileSync(opts.out, JSON.stringify(spec, null, 1) + '\n');
      const chosen = Math.min(Number(opts.top), report.variables.filter((v) => v.kept).length);
      console.log(`selected ${chosen} variables (${spec.features.length} features with their inputs) as "${spec.name}" -> ${opts.out}; ` +
        `install with POST /v1/feature-sets`);
    });
}

function readJson(path: string): unknown {
  if (!existsSync(path)) throw new RiskError('FEATURE_FILE_NOT_FOUND', `no file ${path}`, { path });
  return JSON.parse(readFileSync(path, 'utf8'));
}

function loadFactory(path: string | undefined): FactorySpec {
  return path ? validateFactorySpec(readJson(path)) : loadDemoFactorySpec();
}

function findSet(dataDir: string, tenant: string, name: string): FeatureSetSpec {
  if (name === 'demo') return loadDemoFeatureSet();
  const stored = new FileSpecRepository(join(dataDir, 'features', 'specs')).get(tenant, name);
  if (!stored) throw new RiskError('FEATURE_SET_NOT_FOUND', `no feature set "${name}" for tenant ${tenant}`, { name, tenant });
  return stored.spec;
}

/** n variables spread evenly over the definitions (every kind and base represented), or the names in a file. */
function chooseVariables(defs: readonly VariableDefinition[], n: string | undefined, namesFile: string | undefined): string[] {
  if (namesFile) return readFileSync(namesFile, 'utf8').split('\n').map((s) => s.trim()).filter(Boolean);
  const count = n === undefined ? 0 : Number(n);
  if (!Number.isInteger(count) || count < 0) throw new RiskError('FEATURE_COUNT_INVALID', 'the number of variables is a whole number', { n });
  if (count === 0) return [];
  const stride = Math.max(1, defs.length / count);
  const out: string[] = [];
  for (let i = 0; out.length < Math.min(count, defs.length); i++) out.push(defs[Math.floor(i * stride)].feature.name);
  return out;
}

async function withLog(opts: DataOptions, run: (log: SqliteEventLog, total: number) => Promise<void>): Promise<void> {
  const path = join(opts.data, 'events.db');
  if (!existsSync(path)) throw new RiskError('FEATURE_DATA_NOT_FOUND', `no event log at ${path} (argus ingest or argus simulate first)`, { path });
  const log = new SqliteEventLog(path);
  try {
    await run(log, await log.count(opts.tenant));
  } finally {
    await log.close();
  }
}

function seconds(started: number): string {
  return ((Date.now() - started) / 1000).toFixed(1);
}
