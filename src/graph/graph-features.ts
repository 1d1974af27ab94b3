// Computes the per-applicant graph features (feature-catalog.ts) from the live graph, the applicant's links in the
// event being decided, the live components and the last batch run. Reads only: nothing is interned or linked here.

import { BAD_FLAGS, Flag, NodeType, NODE_TYPE_NAMES, Relation } from './node-kinds.js';
import { DEGREE_CATEGORIES, type DegreeCategory } from './feature-catalog.js';
import { collectOwnLinks, type OwnLink } from './own-links.js';
import { traverseTwoHops } from './khop-traversal.js';
import type { IntScratchSet } from './int-scratch-set.js';
import { communityOf, scoresOf } from './batch-lookup.js';
import type { LinkSpec } from './event-links.js';
import type { TenantGraph } from './tenant-graph.js';

export type FeatureValues = Record<string, number | null>;

const DAY_MS = 86_400_000;
export const DEFAULT_TRAVERSAL_BUDGET = 20_000;

export function computeGraphFeatures(
  graph: TenantGraph, personKey: string | null, extra: readonly LinkSpec[], nowMs: number, budget = DEFAULT_TRAVERSAL_BUDGET,
): FeatureValues {
  const store = graph.store;
  const { flags } = store.nodes;
  const person = personKey === null ? -1 : store.nodes.find(NodeType.person, personKey);
  const own = collectOwnLinks(graph, person, extra, nowMs);
  const out: FeatureValues = { known_person: person >= 0 ? 1 : 0, identifiers: own.length };

  const degree = new Map<DegreeCategory, number>();
  const sharedMax = new Map<DegreeCategory, number>();
  let sharedAny = 0;
  let blacklistedIds = 0;
  let superIds = 0;
  for (const link of own) {
    const category = categoryOf(link);
    degree.set(category, (degree.get(category) ?? 0) + 1);
    if (link.node < 0) continue;
    const others = store.degree(link.node) - (link.stored ? 1 : 0);
    sharedMax.set(category, Math.max(sharedMax.get(category) ?? 0, others));
    sharedAny = Math.max(sharedAny, others);
    if (flags[link.node] & Flag.blacklisted) blacklistedIds++;
    if (store.isBlocked(link.node)) superIds++;
  }
  for (const c of DEGREE_CATEGORIES) {
    out[`degree_${c}`] = degree.get(c) ?? 0;
    out[`${c}_shared_persons`] = sharedMax.get(c) ?? 0;
  }
  out.any_shared_persons = sharedAny;
  out.blacklisted_identifiers = blacklistedIds;
  out.super_identifiers = superIds;

  const walk = traverseTwoHops(store, person, own, nowMs, budget, graph.scratch);
  countLabels(out, '1hop', walk.hop1, flags);
  countLabels(out, '2hop', walk.hop2, flags);
  closeTies(out, graph, walk.close);
  for (const what of ['persons', 'bad', 'blacklisted', 'defaulted', 'fraud']) {
    out[`${what}_within_2`] = (out[`${what}_1hop`] as number) + (out[`${what}_2hop`] as number);
  }
  out.persons_joined_1d = walk.joined1d;
  out.persons_joined_7d = walk.joined7d;
  out.persons_joined_30d = walk.joined30d;
  out.truncated = walk.truncated ? 1 : 0;

  let firstMs = Infinity;
  let lastMs = -Infinity;
  let newLinks = 0;
  let youngestIdentifier = -Infinity;
  for (let i = 0; i < own.length; i++) {
    const link = own[i];
    if (link.stored) {
      firstMs = Math.min(firstMs, link.firstMs);
      lastMs = Math.max(lastMs, link.lastMs);
    }
    if (nowMs - link.firstMs <= 7 * DAY_MS) newLinks++;
    youngestIdentifier = Math.max(youngestIdentifier, walk.identifierFirstMs[i]);
  }
  out.first_link_age_days = firstMs === Infinity ? 0 : days(nowMs - firstMs);
  out.last_activity_days = lastMs === -Infinity ? 0 : days(nowMs - lastMs);
  out.links_new_7d = newLinks;
  out.identifier_age_min_days = own.length === 0 ? null : days(nowMs - youngestIdentifier);

  componentFeatures(out, graph, person, own);
  batchFeatures(out, graph, person, own);
  return out;
}

/** Persons tied closely (shared phone, device, card or address): their labels and their mean graph risk score. */
function closeTies(out: FeatureValues, graph: TenantGraph, close: IntScratchSet): void {
  const flags = graph.store.nodes.flags;
  const risk = graph.batch?.scores.risk;
  let bad = 0, good = 0, riskSum = 0, scored = 0;
  for (let k = 0; k < close.size; k++) {
    const q = close.list[k];
    if (flags[q] & BAD_FLAGS) bad++;
    else if (flags[q] & Flag.good) good++;
    if (risk && q < risk.length) {
      riskSum += risk[q];
      scored++;
    }
  }
  out.close_persons = close.size;
  out.close_bad = bad;
  out.close_good = good;
  out.close_risk_mean = scored > 0 ? riskSum / scored : null;
}

function categoryOf(link: OwnLink): DegreeCategory {
  if (link.relation === Relation.contact || link.relation === Relation.emergencyContact) return 'contact';
  return NODE_TYPE_NAMES[link.type] as DegreeCategory;
}

function countLabels(out: FeatureValues, hop: string, persons: IntScratchSet, flags: Uint8Array): void {
  let bad = 0, blacklisted = 0, defaulted = 0, fraud = 0, good = 0;
  for (let k = 0; k < persons.size; k++) {
    const f = flags[persons.list[k]];
    if (f & BAD_FLAGS) bad++;
    else if (f & Flag.good) good++;
    if (f & Flag.blacklisted) blacklisted++;
    if (f & Flag.defaulted) defaulted++;
    if (f & Flag.fraud) fraud++;
  }
  out[`persons_${hop}`] = persons.size;
  out[`bad_${hop}`] = bad;
  out[`blacklisted_${hop}`] = blacklisted;
  out[`defaulted_${hop}`] = defaulted;
  out[`fraud_${hop}`] = fraud;
  out[`good_${hop}`] = good;
  out[`bad_rate_${hop}`] = persons.size > 0 ? bad / persons.size : null;
}

/** The applicant's component: its own, merged with those of identifiers in the event that are not linked yet. */
function componentFeatures(out: FeatureValues, graph: TenantGraph, person: number, own: readonly OwnLink[]): void {
  const { components, store } = graph;
  const roots = new Set<number>();
  let persons = 0;
  let bad = 0;
  const add = (v: number): void => {
    const c = components.componentOf(v);
    if (roots.has(c.root)) return;
    roots.add(c.root);
    persons += c.persons;
    bad += c.bad;
  };
  if (person >= 0) add(person);
  else persons += 1;
  for (const link of own) if (link.node >= 0 && !store.isBlocked(link.node)) add(link.node);
  const selfBad = person >= 0 && (store.nodes.flags[person] & BAD_FLAGS) !== 0 ? 1 : 0;
  out.component_size = persons;
  out.component_bad_rate = persons > 1 ? (bad - selfBad) / (persons - 1) : null;
}

function batchFeatures(out: FeatureValues, graph: TenantGraph, person: number, own: readonly OwnLink[]): void {
  const batch = graph.batch;
  const names = ['community_persons', 'community_bad_rate', 'ppr_bad_mass', 'ppr_good_mass', 'label_propagation', 'graph_risk_score'];
  if (batch === null) {
    for (const n of names) out[n] = null;
    return;
  }
  const store = graph.store;
  const community = communityOf(batch, store, person, own);
  if (community >= 0) {
    const persons = batch.communityPersons[community];
    const selfIn = person >= 0 && person < batch.nodeCount && batch.community[person] === community;
    const selfBad = selfIn && (store.nodes.flags[person] & BAD_FLAGS) !== 0 ? 1 : 0;
    const others = persons - (selfIn ? 1 : 0);
    out.community_persons = others + 1;
    out.community_bad_rate = others > 0 ? (batch.communityBad[community] - selfBad) / others : null;
  } else {
    out.community_persons = null;
    out.community_bad_rate = null;
  }
  const scores = scoresOf(batch, store, person, own);
  out.ppr_bad_mass = scores?.badMass ?? null;
  out.ppr_good_mass = scores?.goodMass ?? null;
  out.label_propagation = scores?.labelProp ?? null;
  out.graph_risk_score = scores?.risk ?? null;
}

function days(ms: number): number {
  return Math.max(0, ms / DAY_MS);
}
