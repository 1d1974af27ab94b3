// Grades the graph engine against the synthetic lending world's ground truth (src/simulate):
//  - replay: the world's raw events are hashed as ingest would (PiiRedactor + KeyedHasher) and fed in time order;
//    each application's graph features are read BEFORE it is applied (as a decision would), with batch runs every
//    `recomputeEvery` events, so every feature is point-in-time;
//  - ring recall: with the labels of a random half of the labelled persons hidden, are ring members among the
//    highest graph risk scores of the persons with no known label?
//  - lift: AUC of first-loan default (thin-file applicants) or of fraud (every first application), GBDT on
//    application fields with and without graph features, trained on the earlier half in time, scored on the later.

import { Random } from '../../core/index.js';
import { KeyedHasher, PiiRedactor, type ApplicationSubmittedData } from '../../ingest/index.js';
import { generateWorld, type ApplicantTruth } from '../../simulate/index.js';
import { auc } from '../../stats/index.js';
import { FixedClock } from '../../core/index.js';
import { GraphEngine } from '../graph-engine.js';
import { GRAPH_FEATURE_NAMES } from '../feature-catalog.js';
import { BAD_FLAGS, Flag, NodeType } from '../node-kinds.js';
import { runBatch } from '../graph-batch.js';
import type { FeatureColumns } from '../eval/node-graph-features.js';
import type { Trainer } from '../eval/graph-lift.js';

const TENANT = 'world';

interface ApplicationRow {
  readonly applicationId: string;
  readonly person: string;
  readonly time: number;
  readonly base: Record<string, number>;
  readonly graph: Readonly<Record<string, number | null>>;
}

export interface WorldReplay {
  readonly engine: GraphEngine;
  readonly rows: ApplicationRow[];
  /** Truth by hashed ID number. */
  readonly truths: Map<string, ApplicantTruth>;
}

export function replayWorld(applicants: number, seed: number, recomputeEvery: number): WorldReplay {
  const hasher = new KeyedHasher('world-evaluation-secret-0123');
  const redactor = new PiiRedactor(hasher);
  const engine = new GraphEngine({ clock: new FixedClock(0) });
  const rows: ApplicationRow[] = [];
  const truths = new Map<string, ApplicantTruth>();
  let offset = 0;
  for (const item of generateWorld({ applicants, seed })) {
    if (item.kind === 'truth') {
      truths.set(hasher.hash(item.truth.idNumber), item.truth);
      continue;
    }
    const event = redactor.redact(item.event);
    const time = Date.parse(event.time);
    if (event.type === 'application.submitted') {
      const d = event.data as ApplicationSubmittedData;
      rows.push({
        applicationId: d.applicationId, person: d.applicant.idNumber, time, base: baseFeatures(d, time),
        graph: engine.read(TENANT, event, GRAPH_FEATURE_NAMES),
      });
    }
    engine.apply(TENANT, event, ++offset, time);
    if (offset % recomputeEvery === 0) engine.recompute(TENANT);
  }
  return { engine, rows, truths };
}

function baseFeatures(d: ApplicationSubmittedData, time: number): Record<string, number> {
  return {
    monthly_income: d.applicant.monthlyIncome ?? NaN,
    age: d.applicant.birthYear !== undefined ? new Date(time).getUTCFullYear() - d.applicant.birthYear : NaN,
    requested_amount: d.requestedAmount,
    term_months: d.termMonths,
    contacts: d.contacts.length,
    emergency_contacts: d.emergencyContacts.length,
    employed: d.employer ? 1 : 0,
  };
}

export interface RingRecall {
  readonly ringMembersEvaluated: number;
  readonly personsEvaluated: number;
  /** Share of ring members among the top-k (k = ring members evaluated) = recall at that k. */
  readonly precisionAtK: number;
  /** What picking k persons at random would give. */
  readonly baseRate: number;
}

export function ringRecall(replay: WorldReplay, hideShare: number, seed: number): RingRecall {
  const graph = replay.engine.graph(TENANT);
  const { nodes } = graph.store;
  const random = new Random(seed);
  for (let v = 0; v < nodes.size; v++) {
    if (nodes.types[v] === NodeType.person && (nodes.flags[v] & (BAD_FLAGS | Flag.good)) && random.chance(hideShare)) {
      graph.setFlags(v, 0, BAD_FLAGS | Flag.good);
    }
  }
  const batch = runBatch(graph, { clock: new FixedClock(0), seed });
  const candidates: { risk: number; ring: boolean }[] = [];
  for (const [person, truth] of replay.truths) {
    const v = nodes.find(NodeType.person, person);
    if (v < 0 || (nodes.flags[v] & (BAD_FLAGS | Flag.good)) !== 0) continue;
    candidates.push({ risk: batch.scores.risk[v], ring: truth.segment === 'ring_member' });
  }
  const ringMembers = candidates.filter((c) => c.ring).length;
  candidates.sort((a, b) => b.risk - a.risk);
  const hits = candidates.slice(0, ringMembers).filter((c) => c.ring).length;
  return {
    ringMembersEvaluated: ringMembers, personsEvaluated: candidates.length,
    precisionAtK: ringMembers > 0 ? hits / ringMembers : 0, baseRate: ringMembers / Math.max(1, candidates.length),
  };
}

export interface LiftReport {
  readonly trainRows: number;
  readonly testRows: number;
  readonly testPositives: number;
  readonly aucWithout: number;
  readonly aucWith: number;
}

/**
 * First applications only (nobody has a history of their own yet). Trains on the earlier half in time, scores the
 * later half's rows that `evaluate` keeps; `positive` says what is predicted (undefined rows are left out).
 */
export function graphLiftOnWorld(
  replay: WorldReplay, train: Trainer, graphNames: readonly string[],
  positive: (t: ApplicantTruth) => boolean | undefined, evaluate: (t: ApplicantTruth) => boolean,
): LiftReport {
  const rows = replay.rows.filter((r) => {
    const t = replay.truths.get(r.person);
    return t !== undefined && t.applicationIds[0] === r.applicationId && positive(t) !== undefined;
  });
  const truthOf = (i: number): ApplicantTruth => replay.truths.get(rows[i].person)!;
  const target = Float64Array.from(rows, (_, i) => (positive(truthOf(i)) ? 1 : 0));
  const median = rows.map((r) => r.time).sort((a, b) => a - b)[rows.length >> 1];
  const trainIdx = Int32Array.from(rows.flatMap((r, i) => (r.time < median ? [i] : [])));
  const testIdx = Int32Array.from(rows.flatMap((r, i) => (r.time >= median && evaluate(truthOf(i)) ? [i] : [])));
  const baseColumns: FeatureColumns = {};
  for (const name of Object.keys(rows[0].base)) baseColumns[name] = Float64Array.from(rows, (r) => r.base[name]);
  const graphColumns: FeatureColumns = {};
  for (const name of graphNames) graphColumns[name] = Float64Array.from(rows, (r) => r.graph[name] ?? NaN);
  const score = (columns: FeatureColumns): number => {
    const model = train(columns, trainIdx, Float64Array.from(trainIdx, (i) => target[i]));
    return auc(model(columns, testIdx), Float64Array.from(testIdx, (i) => target[i]));
  };
  return {
    trainRows: trainIdx.length, testRows: testIdx.length,
    testPositives: Array.from(testIdx).filter((i) => target[i] === 1).length,
    aucWithout: score(baseColumns), aucWith: score({ ...baseColumns, ...graphColumns }),
  };
}

/** Default of the first loan (booked and resolved inside the world); undefined when unknown. */
export function defaulted(t: ApplicantTruth): boolean | undefined {
  const s = t.outcome.status;
  return s === 'defaulted' ? true : s === 'paid_off' || s === 'prepaid' ? false : undefined;
}

export function isFraud(t: ApplicantTruth): boolean {
  return t.segment === 'ring_member' || t.segment === 'first_party_fraud';
}

/** The best any feature could do for thin-file default: the AUC of the relative's true latent (unseen by a lender). */
export function relativeOracleAuc(replay: WorldReplay): number {
  const thin = [...replay.truths.values()].filter((t) => t.segment === 'thin_file' && defaulted(t) !== undefined);
  return auc(Float64Array.from(thin, (t) => -(t.relative?.latent ?? 0)), Float64Array.from(thin, (t) => (defaulted(t) ? 1 : 0)));
}
