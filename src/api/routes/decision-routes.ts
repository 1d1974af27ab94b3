// Deciding and looking back: POST /v1/decide/:flow (body: an application.submitted event or its data),
// GET /v1/decisions (audit records by time), GET /v1/decisions/:id, GET /v1/decisions/:id/replay.
import type { FastifyInstance } from 'fastify';
import { RiskError } from '../../core/index.js';
import type { DecisionResponse } from '../../decision/index.js';
import { intQuery } from '../query-params.js';
import type { DecisionServices } from '../services.js';

const OUTCOMES: readonly string[] = ['approve', 'reject', 'review', 'error'];
/** The most records one GET /v1/decisions returns (the audit store's own cap). */
const MAX_DECISIONS = 100_000;

export interface DecideQuery {
  trace?: string;
  append?: string;
}

/** The wire form of a decision: missing reads as the distinct variable names (the audit record keeps each read). */
export function decisionWire(r: DecisionResponse): Record<string, unknown> {
  const missing = r.missing.length === 0 ? [] : [...new Set(r.missing.map((m) => m.variable))];
  return {
    decisionId: r.decisionId,
    applicationId: r.applicationId,
    flow: r.flow,
    variant: r.variant,
    outcome: r.outcome,
    creditLimit: r.creditLimit,
    price: r.price,
    term: r.term,
    reasons: r.reasons.map((x) => (x.item === undefined ? { code: x.code, node: x.node } : { code: x.code, node: x.node, item: x.item })),
    tags: r.tags,
    variables: r.variables,
    missing,
    ...(r.error ? { error: r.error } : {}),
    latencyMs: Math.round(r.latencyMs * 1000) / 1000,
    ...(r.trace ? { trace: r.trace } : {}),
  };
}

/** POST /v1/decide/:flow once tenant, flow, body and query are known: the fastify route and the fast path share it. */
export async function decideRequest(services: DecisionServices, tenant: string, flow: string, body: unknown, query: DecideQuery): Promise<Record<string, unknown>> {
  const response = await services.decisions.decide(tenant, flow, body, {
    trace: query.trace === 'true',
    append: query.append !== 'false',
  });
  return decisionWire(response);
}

export function registerDecisionRoutes(app: FastifyInstance, services: DecisionServices): void {
  // Also answered by the decide fast path (../decide-fast-path.ts) for the requests it takes; this route answers the rest.
  app.post<{ Params: { flow: string }; Querystring: DecideQuery }>('/v1/decide/:flow', async (request) =>
    decideRequest(services, request.tenant, request.params.flow, request.body, request.query));

  app.get<{ Querystring: { from?: string; to?: string; flow?: string; outcome?: string; limit?: string; shadows?: string } }>(
    '/v1/decisions',
    async (request) => {
      const q = request.query;
      const time = (s: string | undefined): number | undefined => {
        if (s === undefined) return undefined;
        const t = Date.parse(s);
        if (Number.isNaN(t)) throw new RiskError('API_QUERY_INVALID', `"${s}" is not an ISO time`, { value: s });
        return t;
      };
      if (q.outcome !== undefined && !OUTCOMES.includes(q.outcome)) {
        throw new RiskError('API_QUERY_INVALID', `outcome must be one of ${OUTCOMES.join(', ')}`, { outcome: q.outcome });
      }
      const records = services.audit.list(request.tenant, {
        from: time(q.from), to: time(q.to), flow: q.flow, outcome: q.outcome as never, shadows: q.shadows === 'true',
        limit: intQuery('limit', q.limit, 100, 1, MAX_DECISIONS),
      });
      return { decisions: records.map((r) => ({ decisionId: r.decisionId, time: new Date(r.time).toISOString(), flow: r.flow, variant: r.variant, outcome: r.result.outcome, applicationId: r.event.applicationId })) };
    },
  );

  app.get<{ Params: { id: string } }>('/v1/decisions/:id', async (request) => {
    const record = services.audit.get(request.tenant, request.params.id);
    if (!record) throw new RiskError('DECISION_NOT_FOUND', `no decision "${request.params.id}"`, { decisionId: request.params.id });
    return { ...record, time: new Date(record.time).toISOString(), shadows: services.audit.shadowsOf(request.tenant, record.decisionId).map((s) => s.decisionId) };
  });

  app.get<{ Params: { id: string } }>('/v1/decisions/:id/replay', async (request) => {
    return services.replay(request.tenant, request.params.id);
  });
}
