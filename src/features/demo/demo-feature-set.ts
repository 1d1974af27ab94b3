// The demo feature set (demo-feature-set.json): ~200 velocity, sharing and repayment features over 8 entity types,
// with stable readable names the demo decision flow refers to. Documented in docs/features.md.
import demo from './demo-feature-set.json' with { type: 'json' };
import type { FeatureSetSpec } from '../feature-spec.js';

export function loadDemoFeatureSet(): FeatureSetSpec {
  return structuredClone(demo) as unknown as FeatureSetSpec;
}
