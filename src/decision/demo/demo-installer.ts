// The demo decision setup on the synthetic world: the loan-applications flow (champion) with its PD model (a GBDT),
// a challenger that scores a GBST PD curve over each loan's own term with its own cuts (run in shadow), both models
// trained on a simulated world of another seed by scripts/train-demo-model.ts, and the release binding them.
// Idempotent: installing twice changes nothing.
import type { FlowCatalog } from '../flow-catalog.js';
import type { FlowDocument, ModelNode, RuleSetNode } from '../flow-types.js';
import type { ModelStore, Release } from '../store/decision-stores.js';
import type { GbdtArtifact, GbstArtifact } from '../../model/index.js';
import loanFlow from './loan-flow.json' with { type: 'json' };
import trainedPdCurveModel from './demo-pd-curve-model.json' with { type: 'json' };
import trainedPdModel from './demo-pd-model.json' with { type: 'json' };

export const DEMO_SLOT = 'loan-applications';
export const DEMO_CHALLENGER = 'loan-applications-challenger';

export function demoFlow(): FlowDocument {
  return structuredClone(loanFlow) as unknown as FlowDocument;
}

/**
 * The champion with the GBST PD-curve model and its own cuts. Its PD is over each loan's own term (the model's 12
 * monthly periods at most), so the champion's `pd_12m` is `pd_term` throughout the challenger (cuts, pricing, the
 * values its outputs expose).
 */
export function demoChallengerFlow(): FlowDocument {
  const flow = JSON.parse(JSON.stringify(demoFlow()).replace(/\bpd_12m\b/g, 'pd_term')) as { -readonly [K in keyof FlowDocument]: FlowDocument[K] };
  flow.id = DEMO_CHALLENGER;
  flow.name = 'Consumer loan applications (demo challenger: GBST PD curve)';
  flow.nodes = flow.nodes.map((node) => {
    if (node.kind === 'model') {
      const model: ModelNode = { kind: 'model', id: node.id, model: 'demo-pd-curve', version: 1, horizons: { pd_term: 'term' }, reasons: 2 };
      return model;
    }
    if (node.kind === 'rules' && node.id === 'model-cut') {
      const cut: RuleSetNode = {
        ...node,
        rules: [
          { id: 'pd-high', when: 'pd_term > 0.44', action: { type: 'reject' }, reason: 'PD_HIGH' },
          { id: 'pd-medium', when: 'pd_term > 0.31', action: { type: 'review' }, reason: 'PD_MEDIUM' },
        ],
      };
      return cut;
    }
    return node;
  });
  return flow;
}

export interface DemoInstall {
  readonly release: Release;
  readonly installed: boolean;
}

export function installDemoDecisions(catalog: FlowCatalog, models: ModelStore, tenant: string, now: number): DemoInstall {
  const have = new Set(models.list(tenant).map((m) => m.name));
  if (!have.has('demo-pd')) models.put(tenant, 'demo-pd', structuredClone(trainedPdModel) as unknown as GbdtArtifact, now);
  if (!have.has('demo-pd-curve')) models.put(tenant, 'demo-pd-curve', structuredClone(trainedPdCurveModel) as unknown as GbstArtifact, now);
  const existing = catalog.releases(tenant, DEMO_SLOT)[0];
  if (existing) return { release: existing, installed: false };
  const champion = catalog.save(tenant, demoFlow());
  const challenger = catalog.save(tenant, demoChallengerFlow());
  const release = catalog.release(tenant, DEMO_SLOT, {
    champion: champion.version,
    shadows: [{ id: challenger.id, version: challenger.version }],
    note: 'demo: GBDT champion, GBST challenger in shadow',
  });
  return { release, installed: true };
}
