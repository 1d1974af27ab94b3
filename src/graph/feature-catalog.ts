// The graph features a decision can ask for, by name ("graph." + the key below), with what each one means. Names are
// stable API: decision flows refer to them. Counts are of OTHER persons (never the applicant); "bad" = blacklisted,
// defaulted or fraud. "1 hop" = shares an identifier with the applicant; "2 hop" = shares one with a 1-hop person
// (and is not 1-hop); "within 2" = both.

import { RiskError } from '../core/index.js';

export const DEGREE_CATEGORIES = ['phone', 'contact', 'device', 'ip', 'ip24', 'card', 'address', 'employer'] as const;
export type DegreeCategory = (typeof DEGREE_CATEGORIES)[number];

const PER_CATEGORY: Record<string, string> = {};
for (const c of DEGREE_CATEGORIES) {
  const what = c === 'contact' ? 'phones listed as (emergency) contacts' : c === 'phone' ? 'own phones' : `${c} identifiers`;
  PER_CATEGORY[`degree_${c}`] = `number of ${what} linked to the applicant`;
  PER_CATEGORY[`${c}_shared_persons`] = `largest number of other persons sharing one of the applicant's ${what}`;
}

export const GRAPH_FEATURES: Readonly<Record<string, string>> = {
  known_person: '1 if the applicant is already in the graph, else 0',
  identifiers: 'distinct identifiers linked to the applicant',
  ...PER_CATEGORY,
  any_shared_persons: 'largest number of other persons sharing any one identifier with the applicant',
  blacklisted_identifiers: "applicant's identifiers that are on a black list",
  super_identifiers: "applicant's identifiers over their super-node cap (not traversed)",
  persons_1hop: 'other persons sharing at least one identifier with the applicant',
  persons_2hop: 'persons two hops away (sharing an identifier with a 1-hop person), not counted at 1 hop',
  bad_1hop: 'bad persons at 1 hop',
  bad_2hop: 'bad persons at 2 hops',
  blacklisted_1hop: 'blacklisted persons at 1 hop',
  defaulted_1hop: 'defaulted persons at 1 hop',
  fraud_1hop: 'fraud-labelled persons at 1 hop',
  blacklisted_2hop: 'blacklisted persons at 2 hops',
  defaulted_2hop: 'defaulted persons at 2 hops',
  fraud_2hop: 'fraud-labelled persons at 2 hops',
  good_1hop: 'known-good persons (repaid, white-listed; not bad) at 1 hop',
  good_2hop: 'known-good persons at 2 hops',
  close_persons: '1-hop persons sharing a phone, device, card or address with the applicant (not just an IP or employer)',
  close_bad: 'bad persons among close_persons',
  close_good: 'known-good persons among close_persons',
  close_risk_mean: 'mean graph risk score of close_persons (last batch run; null if none scored)',
  bad_rate_1hop: 'bad_1hop / persons_1hop (null with no 1-hop persons)',
  bad_rate_2hop: 'bad_2hop / persons_2hop (null with no 2-hop persons)',
  persons_within_2: 'persons_1hop + persons_2hop',
  bad_within_2: 'bad persons within 2 hops',
  blacklisted_within_2: 'blacklisted persons within 2 hops',
  defaulted_within_2: 'defaulted persons within 2 hops',
  fraud_within_2: 'fraud-labelled persons within 2 hops',
  component_size: "persons in the applicant's connected component, the applicant included",
  component_bad_rate: 'share of the other persons of the component who are bad (null if alone)',
  community_persons: "persons in the applicant's community (last batch run; null if not yet placed)",
  community_bad_rate: 'share of the other persons of the community who are bad (null if none)',
  first_link_age_days: "days since the applicant's first link appeared (0 for a new applicant)",
  last_activity_days: "days since any of the applicant's links was last seen",
  links_new_7d: "applicant's links that first appeared in the last 7 days",
  identifier_age_min_days: "days since the youngest of the applicant's identifiers first appeared in the graph",
  persons_joined_1d: "other persons who linked to one of the applicant's identifiers in the last day",
  persons_joined_7d: "other persons who linked to one of the applicant's identifiers in the last 7 days",
  persons_joined_30d: "other persons who linked to one of the applicant's identifiers in the last 30 days",
  ppr_bad_mass: 'personalized PageRank mass from known-bad seeds (one unit per seed)',
  ppr_good_mass: 'personalized PageRank mass from known-good seeds (one unit per seed)',
  label_propagation: 'harmonic label propagation value (bad = 1, good = 0)',
  graph_risk_score: 'the combined graph risk score in [0, 1] (see docs/graph.md)',
  truncated: '1 if the traversal hit its budget (counts are then lower bounds)',
};

export const GRAPH_FEATURE_PREFIX = 'graph.';
/** Every name a flow can read, prefixed: "graph.bad_within_2". */
export const GRAPH_FEATURE_NAMES: readonly string[] = Object.keys(GRAPH_FEATURES).map((k) => GRAPH_FEATURE_PREFIX + k);

/** "graph.bad_within_2" -> "bad_within_2"; undefined for a name that is not a graph feature. */
export function featureKey(name: string): string | undefined {
  const key = name.startsWith(GRAPH_FEATURE_PREFIX) ? name.slice(GRAPH_FEATURE_PREFIX.length) : undefined;
  return key !== undefined && key in GRAPH_FEATURES ? key : undefined;
}

/** Authoring check: every unknown name is reported at once. */
export function validateGraphFeatureNames(names: readonly string[]): void {
  const unknown = names.filter((n) => featureKey(n) === undefined);
  if (unknown.length > 0) {
    throw new RiskError('GRAPH_FEATURE_UNKNOWN', `unknown graph feature${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`, {
      unknown,
      known: GRAPH_FEATURE_NAMES,
    });
  }
}
