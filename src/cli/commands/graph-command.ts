// argus graph build|stats|communities|propagate: the relationship graph of the data folder. The graph is loaded from
// its snapshot and the event log when the app opens; build compacts and snapshots it, communities and propagate run
// the batch (components, Louvain, risk propagation) with per-stage timing, and every command that changes it saves.
import { basename } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_TENANT } from '../../api/index.js';
import { loadConfig, openArgus, type ArgusApp } from '../../app/index.js';
import { RiskError } from '../../core/index.js';
import { readLabelsFile, type GraphEngine } from '../../graph/index.js';
import { MAX_BATCH_RECORDS } from '../../ingest/index.js';

interface GraphOptions {
  data: string;
  tenant: string;
  json?: boolean;
  labels?: string;
  top?: string;
}

export function registerGraphCommand(program: Command): void {
  const graph = program.command('graph').description('the relationship graph: build, stats, communities, risk propagation');
  const common = (cmd: Command): Command =>
    cmd.option('--data <dir>', 'data folder', './argus-data').option('--tenant <name>', 'tenant', DEFAULT_TENANT);

  common(graph.command('build').description('load the graph from its snapshot and the event log, compact it, save a snapshot'))
    .action((opts: GraphOptions) => withGraph(opts, (engine, app, openSeconds) => {
      const started = performance.now();
      engine.graph(opts.tenant).store.compact();
      const bytes = engine.snapshot();
      const s = engine.stats(opts.tenant);
      console.log(
        `graph ${opts.tenant}: ${s.nodes} nodes, ${s.edges} edges (log offset ${engine.offset}); opened in ${openSeconds.toFixed(2)} s, ` +
        (bytes > 0 ? `compacted and saved ${(bytes / 1e6).toFixed(1)} MB to ${app.config.dataDir}/graph` : 'snapshot already up to date') +
        ` in ${seconds(started)} s`,
      );
    }));

  common(graph.command('stats').description('nodes and edges by type, labels, super-nodes, memory, last batch run'))
    .option('--json', 'print the stats as JSON')
    .action((opts: GraphOptions) => withGraph(opts, (engine) => {
      const s = engine.stats(opts.tenant);
      if (opts.json) {
        console.log(JSON.stringify(s, null, 2));
        return;
      }
      const types = Object.entries(s.nodesByType).map(([t, n]) => `${t} ${n}`).join(', ');
      const supers = Object.entries(s.superNodesByType).map(([t, n]) => `${t} ${n}`).join(', ') || 'none';
      console.log(`nodes       ${s.nodes} (${types})`);
      console.log(`edges       ${s.edges} (${s.deltaEdges} in the delta)`);
      console.log(`super-nodes ${supers}`);
      console.log(`persons     ${JSON.stringify(s.labelledPersons)}; loans ${s.loans}`);
      console.log(`memory      ${mb(s.memory.nodes + s.memory.csr + s.memory.delta)} MB store ` +
        `(${s.memory.bytesPerEdge?.toFixed(1) ?? '-'} bytes/edge), ${mb(s.memory.components)} MB components, ${mb(s.memory.batch)} MB batch`);
      if (s.batch) {
        console.log(`last batch  ${s.batch.computedAt}: ${s.batch.components} components (largest ${s.batch.largestComponent}), ` +
          `${s.batch.communities} communities (modularity ${s.batch.modularity.toFixed(3)}), seeds ${s.batch.badSeeds} bad / ${s.batch.goodSeeds} good`);
      } else {
        console.log('last batch  never (run argus graph propagate)');
      }
    }));

  common(graph.command('communities').description('run the batch and list the communities with the highest bad rate'))
    .option('--top <n>', 'communities to list', '15')
    .action((opts: GraphOptions) => withGraph(opts, (engine) => {
      const result = recompute(engine, opts.tenant);
      const rows: [number, number, number][] = [];
      for (let c = 0; c < result.communities; c++) {
        if (result.communityPersons[c] >= 3) rows.push([c, result.communityPersons[c], result.communityBad[c]]);
      }
      rows.sort((a, b) => b[2] / b[1] - a[2] / a[1] || b[1] - a[1]);
      console.log('community  persons  bad  bad rate');
      for (const [c, persons, bad] of rows.slice(0, Number(opts.top))) {
        console.log(`${String(c).padStart(9)}  ${String(persons).padStart(7)}  ${String(bad).padStart(3)}  ${(bad / persons).toFixed(3)}`);
      }
      engine.snapshot();
    }));

  common(graph.command('propagate').description('run the batch: components, communities and graph risk scores for every person'))
    .option('--labels <file>', 'CSV (entityType,key,label) or NDJSON labels to log and apply first (fraud, defaulted, blacklisted, good)')
    .action((opts: GraphOptions) => withGraph(opts, async (engine, app) => {
      if (opts.labels) {
        // Logged as graph.labelled events, not set on this process's graph alone: a running server and a backtest
        // see them too. The graph applies each as it is appended.
        const events = engine.labelEvents(readLabelsFile(opts.labels), app.services.clock.now(), basename(opts.labels));
        let appended = 0;
        let duplicates = 0;
        const refused: string[] = [];
        for (let at = 0; at < events.length; at += MAX_BATCH_RECORDS) {
          const r = await app.services.ingestor.ingestRecords(opts.tenant, events.slice(at, at + MAX_BATCH_RECORDS));
          appended += r.appended;
          duplicates += r.duplicates;
          for (const p of r.rejected) refused.push(`label ${at + p.index + 1}: ${p.code} ${p.path ?? ''} ${p.message}`.trim());
        }
        console.log(`labels: ${appended} logged (${duplicates} already in the log${refused.length > 0 ? `, ${refused.length} refused` : ''}) from ${opts.labels}`);
        // The accepted ones are logged and the batch still runs; the refused ones are named and the exit code says so.
        for (const line of refused.slice(0, 20)) console.error(`  ${line}`);
        if (refused.length > 0) process.exitCode = 1;
      }
      const result = recompute(engine, opts.tenant);
      const s = result.scores;
      const risks = Float32Array.from(s.risk).sort();
      const q = (p: number) => (risks.length > 0 ? risks[Math.min(risks.length - 1, Math.floor(p * risks.length))].toFixed(3) : '-');
      console.log(`graph risk score over ${risks.length} nodes: p10 ${q(0.1)}, p50 ${q(0.5)}, p90 ${q(0.9)}, p99 ${q(0.99)} ` +
        `(seeds: ${s.badSeeds} bad, ${s.goodSeeds} good; base rate ${s.prior.toFixed(4)})`);
      engine.snapshot();
    }));
}

async function withGraph(opts: GraphOptions, work: (engine: GraphEngine, app: ArgusApp, openSeconds: number) => void | Promise<void>): Promise<void> {
  const started = performance.now();
  const app = await openArgus(loadConfig({ data: opts.data }));
  try {
    const engine = app.services.graph;
    if (!engine) throw new RiskError('GRAPH_ENGINE_MISSING', 'this Argus build has no graph engine wired');
    await work(engine, app, (performance.now() - started) / 1000);
  } finally {
    await app.close();
  }
}

function recompute(engine: GraphEngine, tenant: string): ReturnType<GraphEngine['recompute']> {
  const started = performance.now();
  const result = engine.recompute(tenant, (stage, s, detail) => {
    console.error(`  ${stage}${detail ? ` (${detail})` : ''}: ${s.toFixed(2)} s`);
  });
  console.log(`batch: ${result.nodeCount} nodes, ${result.edgeCount} edges; ${result.components} components (largest ${result.largestComponent}), ` +
    `${result.communities} communities (modularity ${result.modularity.toFixed(3)}) in ${seconds(started)} s`);
  return result;
}

const seconds = (started: number): string => ((performance.now() - started) / 1000).toFixed(2);
const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);
