// Graph engine benchmark: `npm run bench -- graph [--quick] [--skip-100m]`.
//  1. Batch algorithms against igraph (python3-igraph, same run, same edge file): PageRank (damping 0.85, guaranteed
//     L1 error < 1e-10 as PRPACK's; ours by conjugate gradients, and by Gauss-Seidel on one and two threads),
//     connected components, Louvain (igraph: community_multilevel; PageRank and components: fastest of 3 runs on
//     each side, Louvain once), on a
//     generated planted-partition graph of 1 M nodes / 10 M edge draws (quick: 100 k / 1 M). Only the algorithm is timed.
//  2. Store: bytes per edge and load time (snapshot write/read, components rebuild) at 10 M nodes / 100 M edges
//     (quick: 200 k / 2 M); 10 M / 100 M is skipped with --skip-100m.
//  3. Feature reads: 2-hop feature latency p50/p99 on a lending-shaped graph of 10 M edges (quick: 1 M), after a
//     batch run (whose stage times are reported too).
//  4. FDCompCN (../shared/data/fdcompcn): AUC, macro-F1 and recall on the test split with and without graph features.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '../src/core/index.js';
import {
  computeGraphFeatures, connectedComponents, csrFromEdges, louvain, pageRank, PageRankPool, readSnapshot, runBatch, SuperNodeRule,
  writeSnapshot,
} from '../src/graph/index.js';
import { plantedPartitionGraph } from './graph/planted-graph.js';
import { ensureIgraph, runIgraph } from './graph/igraph-peer.js';
import { lendingGraph, personKey, uniformGraph } from './graph/synthetic-store.js';
import { runFdcompcn } from './graph/fdcompcn-bench.js';

const round = (x: number, digits = 3): number => Number(x.toFixed(digits));

export async function run(args: { quick: boolean; argv?: string[] }): Promise<Record<string, unknown>> {
  const quick = args.quick;
  const out: Record<string, unknown> = {};
  Object.assign(out, await algorithms(quick));
  Object.assign(out, store(quick, args.argv?.includes('--skip-100m') ?? false));
  Object.assign(out, featureLatency(quick));
  Object.assign(out, await runFdcompcn(quick));
  return out;
}

async function timedAsync<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, (performance.now() - started) / 1000];
}

function timed<T>(work: () => T): [T, number] {
  const started = performance.now();
  const result = work();
  return [result, (performance.now() - started) / 1000];
}

/** The fastest of `REPEATS` runs, wall and CPU seconds: the least disturbed by other work on a shared machine. */
function timedCpu<T>(work: () => T, repeats = REPEATS): [T, number, number] {
  let best: [T, number, number] | null = null;
  for (let r = 0; r < repeats; r++) {
    const cpu = process.cpuUsage();
    const [result, wall] = timed(work);
    const used = process.cpuUsage(cpu);
    const seconds = (used.user + used.system) / 1e6;
    best = best === null ? [result, wall, seconds] : [result, Math.min(best[1], wall), Math.min(best[2], seconds)];
  }
  return best!;
}

/** PageRank and components run this many times on each side (Louvain, minutes long on igraph, once). */
const REPEATS = 3;

export async function algorithms(quick: boolean): Promise<Record<string, unknown>> {
  const n = quick ? 100_000 : 1_000_000;
  const draws = quick ? 1_000_000 : 10_000_000;
  const generated = plantedPartitionGraph(n, draws, 1);
  const g = csrFromEdges(n, generated.a, generated.b);
  console.error(`algorithms: planted-partition graph, ${n} nodes, ${generated.a.length} edges`);
  // Conjugate gradients (our default), then Gauss-Seidel on one thread and on a worker pool (PRPACK's method).
  // Worker threads boot once per process (like a library's thread pool); the copy into shared memory is timed.
  const [pr, prS, prCpu] = timedCpu(() => pageRank(g, { damping: 0.85, tolerance: 1e-10 }));
  const [gs, gsS] = timedCpu(() => pageRank(g, { damping: 0.85, tolerance: 1e-10, method: 'gauss-seidel' }), 1);
  const threads = Math.min(2, availableParallelism());
  const [pool, poolS] = await timedAsync(() => PageRankPool.start(threads));
  const [gs2, gs2S] = timed(() => pool.run(g, { damping: 0.85, tolerance: 1e-10 }));
  await pool.close();
  const [cc, ccS, ccCpu] = timedCpu(() => connectedComponents(g));
  const [lv, lvS, lvCpu] = timedCpu(() => louvain(g, { seed: 1 }), 1);
  console.error(`  ours:   pagerank ${prS.toFixed(2)} s (conjugate gradients, ${pr.iterations} steps; Gauss-Seidel ${gsS.toFixed(2)} s, ` +
    `${gs.iterations} sweeps; on ${threads} threads ${gs2S.toFixed(2)} s, ${gs2.iterations} sweeps, pool start ${poolS.toFixed(2)} s), components ${ccS.toFixed(2)} s (${cc.count}), ` +
    `louvain ${lvS.toFixed(2)} s (${lv.count} communities, Q=${lv.modularity.toFixed(4)})`);
  const version = ensureIgraph();
  const figures: Record<string, unknown> = {
    algo_nodes: n, algo_edges: generated.a.length,
    pagerank_s: round(prS), pagerank_method: 'cg', pagerank_iterations: pr.iterations,
    pagerank_gs_s: round(gsS), pagerank_gs_sweeps: gs.iterations, pagerank_gs_threads: threads, pagerank_gs_threaded_s: round(gs2S), components_s: round(ccS), communities_s: round(lvS),
    communities: lv.count, modularity: round(lv.modularity, 4),
  };
  if (version === null) {
    console.error('  igraph: not available (apt-get failed); no ratios');
    return { ...figures, igraph: null };
  }
  const ig = runIgraph(generated, 0.85, REPEATS);
  let l1 = 0;
  let l1gs = 0;
  for (let v = 0; v < n; v++) {
    l1 += Math.abs(ig.ranks[v] - pr.ranks[v]);
    l1gs += Math.abs(ig.ranks[v] - gs.ranks[v]);
  }
  console.error(`  igraph ${ig.igraph_version}: pagerank ${ig.pagerank_s.toFixed(2)} s (PRPACK), components ${ig.components_s.toFixed(2)} s, ` +
    `community_multilevel ${ig.communities_s.toFixed(2)} s (${ig.communities} communities, Q=${ig.modularity.toFixed(4)})`);
  console.error(`  ratio (ours / igraph), wall: pagerank ${(prS / ig.pagerank_s).toFixed(2)}, components ${(ccS / ig.components_s).toFixed(2)}, ` +
    `communities ${(lvS / ig.communities_s).toFixed(2)}; CPU: pagerank ${(prCpu / ig.pagerank_cpu_s).toFixed(2)}, ` +
    `components ${(ccCpu / ig.components_cpu_s).toFixed(2)}, communities ${(lvCpu / ig.communities_cpu_s).toFixed(2)}; ` +
    `PageRank L1 distance to igraph ${l1.toExponential(2)}`);
  return {
    ...figures,
    igraph: ig.igraph_version,
    igraph_pagerank_s: round(ig.pagerank_s), igraph_components_s: round(ig.components_s), igraph_communities_s: round(ig.communities_s),
    igraph_communities: ig.communities, igraph_modularity: round(ig.modularity, 4),
    pagerank_l1_vs_igraph: Number(l1.toExponential(2)), pagerank_gs_l1_vs_igraph: Number(l1gs.toExponential(2)),
    pagerank_vs_igraph: round(prS / ig.pagerank_s), pagerank_gs_vs_igraph: round(gsS / ig.pagerank_s),
    pagerank_gs_threaded_vs_igraph: round(gs2S / ig.pagerank_s),
    components_vs_igraph: round(ccS / ig.components_s),
    communities_vs_igraph: round(lvS / ig.communities_s),
    pagerank_cpu_vs_igraph: round(prCpu / ig.pagerank_cpu_s), components_cpu_vs_igraph: round(ccCpu / ig.components_cpu_s),
    communities_cpu_vs_igraph: round(lvCpu / ig.communities_cpu_s),
  };
}

export function store(quick: boolean, skipBig: boolean): Record<string, unknown> {
  const [nodes, edges] = quick ? [200_000, 2_000_000] : skipBig ? [1_000_000, 10_000_000] : [10_000_000, 100_000_000];
  const rssBefore = process.memoryUsage().rss;
  const { graph, buildSeconds } = uniformGraph(nodes, edges, 2);
  const memory = graph.store.memory();
  const rssAfter = process.memoryUsage().rss;
  const dir = mkdtempSync(join(tmpdir(), 'argus-graph-store-'));
  try {
    const path = join(dir, 'g.graph');
    const [, writeS] = timed(() => writeSnapshot(path, graph));
    const size = statSync(path).size;
    // Loading reads the arrays, rebuilds the key table's slots and the live union-find (components are not stored).
    const [loaded, readS] = timed(() => readSnapshot(path, new SuperNodeRule({ phone: 1e6, device: 1e6, ip: 1e6, ip24: 1e6, card: 1e6, address: 1e6, employer: 1e6 })));
    const [, ccS] = timed(() => loaded.components.rebuild(loaded.store));
    const bytesPerEdge = memory.total / graph.store.edgeCount;
    console.error(`store: ${nodes} nodes, ${graph.store.edgeCount} edges: ${bytesPerEdge.toFixed(2)} bytes/edge ` +
      `(nodes ${(memory.nodes / 1e6).toFixed(0)} MB, CSR ${(memory.csr / 1e6).toFixed(0)} MB; RSS grew ${((rssAfter - rssBefore) / 1e6).toFixed(0)} MB); ` +
      `bulk build ${buildSeconds.toFixed(1)} s; snapshot ${(size / 1e6).toFixed(0)} MB written in ${writeS.toFixed(1)} s, ` +
      `loaded in ${readS.toFixed(1)} s (of which rebuilding live components takes about ${ccS.toFixed(1)} s)`);
    return {
      store_nodes: nodes, store_edges: graph.store.edgeCount, bytes_per_edge: round(bytesPerEdge, 2),
      bytes_per_node: round(memory.nodes / nodes, 1), build_s: round(buildSeconds, 2), snapshot_mb: round(size / 1e6, 1),
      snapshot_write_s: round(writeS, 2), load_s: round(readS, 2), components_rebuild_s: round(ccS, 2),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function featureLatency(quick: boolean): Record<string, unknown> {
  const edges = quick ? 1_000_000 : 10_000_000;
  const { graph, persons, buildSeconds } = lendingGraph(edges, 3);
  const mem = graph.store.memory();
  const [batch, batchS] = timed(() => runBatch(graph, { clock: new FixedClock(0), seed: 1 }));
  const now = Date.UTC(2026, 0, 1);
  const reads = quick ? 5_000 : 20_000;
  // Three passes over the same persons: the first pass's latencies are the raw figure; the fastest of the three per
  // person filters out the pauses other processes cause on a shared machine (the cost of the read itself remains).
  const passes = [new Float64Array(reads), new Float64Array(reads), new Float64Array(reads)];
  let truncated = 0;
  let sumPersons2 = 0;
  for (let pass = 0; pass < passes.length; pass++) {
    for (let i = -1000; i < reads; i++) {
      const person = personKey(((i + 1000) * 7919) % persons);
      const started = performance.now();
      const f = computeGraphFeatures(graph, person, [], now);
      const ms = performance.now() - started;
      if (i < 0) continue;
      passes[pass][i] = ms;
      if (pass === 0) {
        truncated += f.truncated as number;
        sumPersons2 += f.persons_within_2 as number;
      }
    }
  }
  const latencies = Float64Array.from(passes[0]).sort();
  const fastest = Float64Array.from(passes[0], (ms, i) => Math.min(ms, passes[1][i], passes[2][i])).sort();
  const p50 = latencies[Math.floor(reads * 0.5)];
  const p99 = latencies[Math.floor(reads * 0.99)];
  const p99Fastest = fastest[Math.floor(reads * 0.99)];
  console.error(`features: lending-shaped graph, ${graph.store.nodeCount} nodes, ${graph.store.edgeCount} edges ` +
    `(${(mem.total / graph.store.edgeCount).toFixed(1)} bytes/edge at ${(graph.store.edgeCount / graph.store.nodeCount).toFixed(2)} edges/node); ` +
    `built in ${buildSeconds.toFixed(1)} s; batch ${batchS.toFixed(1)} s ${JSON.stringify(batch.seconds)}`);
  console.error(`  ${reads} two-hop feature reads: p50 ${p50.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms ` +
    `(p99 of the fastest of 3 reads per person ${p99Fastest.toFixed(3)} ms), ` +
    `mean persons within 2 hops ${(sumPersons2 / reads).toFixed(1)}, truncated ${truncated}`);
  return {
    khop_edges: graph.store.edgeCount, khop_nodes: graph.store.nodeCount, khop_bytes_per_edge: round(mem.total / graph.store.edgeCount, 2),
    khop_p50_ms: round(p50, 4), khop_p99_ms: round(p99, 4), khop_p99_fastest_of_3_ms: round(p99Fastest, 4), khop_truncated: truncated,
    batch_s: round(batchS, 2), batch_stage_s: Object.fromEntries(Object.entries(batch.seconds).map(([k, v]) => [k, round(v, 2)])),
  };
}
