// The demo variable factory spec (demo-factory.json): 22 bases x 9 entities x 19 windows with every transform,
// about 112,000 variable definitions. Documented in docs/features.md.
import demo from './demo-factory.json' with { type: 'json' };
import type { FactorySpec } from '../factory-spec.js';

export function loadDemoFactorySpec(): FactorySpec {
  return structuredClone(demo) as unknown as FactorySpec;
}
