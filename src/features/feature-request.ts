// A request for some features of one set as of one event: which windowed features read the state without the event
// (exclude), which with it (include), and the derived ones on top, in dependency order. Planned once per distinct
// list of names and reused. `evaluateRequest` applies the event to a private copy for the include part, so the live
// state is never touched; `evaluateAndApply` is the backfill form that applies it for real.
import { RiskError } from '../core/index.js';
import type { FeatureValue } from './feature-spec.js';
import type { DerivedFeature, FeaturePlan, WindowedFeature } from './feature-plan.js';
import type { FeatureEvent, SetRuntime } from './set-runtime.js';
import { OverlayLoanLinks, OverlayStateAccess, type LoanLinks, type StateAccess } from './state-access.js';

export interface RequestPlan {
  /** Requested feature indices, in request order. */
  readonly indices: readonly number[];
  readonly exclude: readonly WindowedFeature[];
  readonly include: readonly WindowedFeature[];
  readonly derived: readonly DerivedFeature[];
}

/** Plans a request for `names` (all features of the set when undefined). Unknown names: FEATURE_NAME_UNKNOWN. */
export function planRequest(plan: FeaturePlan, names?: readonly string[]): RequestPlan {
  const indices: number[] = [];
  if (names === undefined) for (let i = 0; i < plan.features.length; i++) indices.push(i);
  else {
    const unknown = names.filter((n) => !plan.byName.has(n));
    if (unknown.length > 0) {
      throw new RiskError('FEATURE_NAME_UNKNOWN', `unknown feature(s): ${unknown.slice(0, 5).join(', ')}`, { names: unknown });
    }
    for (const n of names) indices.push(plan.byName.get(n)!);
  }
  const needed = new Set<number>();
  const visit = (i: number): void => {
    if (needed.has(i)) return;
    needed.add(i);
    const f = plan.features[i];
    if (f.kind === 'derived') for (const k of f.inputs) visit(k);
  };
  indices.forEach(visit);
  const windowed = [...needed].map((i) => plan.features[i]).filter((f): f is WindowedFeature => f.kind === 'windowed');
  // Grouped by entity (keys are looked up once), then stream, window and field (scans are shared; see WindowMemo).
  windowed.sort((a, b) => a.entity - b.entity || a.stream - b.stream || windowOrder(a) - windowOrder(b) || a.slot - b.slot || a.index - b.index);
  return {
    indices,
    exclude: windowed.filter((f) => f.request === 'exclude'),
    include: windowed.filter((f) => f.request === 'include'),
    derived: plan.derivedOrder.filter((i) => needed.has(i)).map((i) => plan.features[i] as DerivedFeature),
  };
}

function windowOrder(f: WindowedFeature): number {
  const w = f.window;
  return w.kind === 'time' ? w.range * 2 + (w.bucket > 0 ? 1 : 0) : w.kind === 'rows' ? -w.rows : -1e6;
}

/** Values as of `event`, which is not (yet) in the state: include-mode features see it applied to a copy. */
export function evaluateRequest(
  runtime: SetRuntime, request: RequestPlan, event: FeatureEvent, access: StateAccess, links: LoanLinks,
): FeatureValue[] {
  const out = new Array<FeatureValue>(runtime.plan.features.length).fill(null);
  runtime.readWindowed(event, request.exclude, access, links, out);
  if (request.include.length > 0) {
    const overlay = new OverlayStateAccess(access);
    const overlayLinks = new OverlayLoanLinks(links);
    runtime.apply(event, overlay, overlayLinks, false);
    runtime.readWindowed(event, request.include, overlay, overlayLinks, out);
  }
  runtime.finishDerived(request.derived, out);
  return out;
}

/** Values as of `event`, then the event applied for real (point-in-time backfill). */
export function evaluateAndApply(
  runtime: SetRuntime, request: RequestPlan, event: FeatureEvent, access: StateAccess, links: LoanLinks,
): FeatureValue[] {
  const out = new Array<FeatureValue>(runtime.plan.features.length).fill(null);
  runtime.readWindowed(event, request.exclude, access, links, out);
  runtime.apply(event, access, links);
  runtime.readWindowed(event, request.include, access, links, out);
  runtime.finishDerived(request.derived, out);
  return out;
}

/** The windowed features of `request` as of `event` into `out` (NaN = missing), then the event applied (columnar backfill). */
export function windowedIntoAndApply(
  runtime: SetRuntime, request: RequestPlan, event: FeatureEvent, access: StateAccess, links: LoanLinks, out: Float64Array,
): void {
  runtime.readWindowed(event, request.exclude, access, links, out);
  runtime.apply(event, access, links);
  runtime.readWindowed(event, request.include, access, links, out);
}

/** Picks the requested values out of a full value array, keyed by name. */
export function pickValues(plan: FeaturePlan, request: RequestPlan, values: readonly FeatureValue[]): Record<string, FeatureValue> {
  const out: Record<string, FeatureValue> = {};
  for (const i of request.indices) out[plan.features[i].name] = values[i];
  return out;
}
