// Reads FDCompCN in the csv layout of ../shared/data/fdcompcn/csv (see its SOURCE.md): nodes.csv with
// id,label,split,f0..f56 and edges_<relation>.csv with src,dst. The same layout serves the committed sample in
// test/fixtures/graph/fdcompcn-sample. Edges are de-duplicated and made undirected (self-loops dropped).

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RiskError } from '../../core/index.js';
import { simpleEdges, Split, type LabelledGraph, type Relation } from './labelled-graph.js';
import type { FeatureColumns } from './node-graph-features.js';

export const FDCOMPCN_RELATIONS = ['homo', 'invest_bc2bc', 'provide_bc2bc', 'sale_bc2bc'] as const;

export function loadFdcompcn(folder: string): { graph: LabelledGraph; nodeFeatures: FeatureColumns } {
  const nodesPath = join(folder, 'nodes.csv');
  if (!existsSync(nodesPath)) throw new RiskError('GRAPH_DATA_NOT_FOUND', `no nodes.csv in ${folder}`, { folder });
  const lines = readFileSync(nodesPath, 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const n = lines.length - 1;
  const featureNames = header.slice(3);
  const labels = new Uint8Array(n);
  const split = new Uint8Array(n);
  const nodeFeatures: FeatureColumns = Object.fromEntries(featureNames.map((f) => [f, new Float64Array(n)]));
  for (let i = 1; i <= n; i++) {
    const cells = lines[i].split(',');
    const id = Number(cells[0]);
    labels[id] = Number(cells[1]);
    split[id] = Split[cells[2] as keyof typeof Split];
    for (let j = 0; j < featureNames.length; j++) nodeFeatures[featureNames[j]][id] = Number(cells[3 + j]);
  }
  const relations: Relation[] = [];
  for (const name of FDCOMPCN_RELATIONS) {
    const path = join(folder, `edges_${name}.csv`);
    if (!existsSync(path)) continue;
    const rows = readFileSync(path, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
    const edges = simpleEdges(n, rows.map((r) => r[0]), rows.map((r) => r[1]));
    relations.push({ name, ...edges });
  }
  return { graph: { n, relations, labels, split }, nodeFeatures };
}
