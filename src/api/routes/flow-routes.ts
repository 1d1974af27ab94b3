// Flows and releases: list, create / new version (validated: every problem comes back with its node), read,
// versions, archive, validate without saving, releases (champion / challengers / shadows) and roll back.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RiskError } from '../../core/index.js';
import { flowText, type FlowDocument, type FlowVersion, type ReleaseSpec } from '../../decision/index.js';
import type { DecisionServices } from '../services.js';

type IdParams = { Params: { id: string } };

export function registerFlowRoutes(app: FastifyInstance, services: DecisionServices): void {
  const { catalog } = services;

  app.get('/v1/flows', async (request) => ({ flows: catalog.list(request.tenant) }));

  app.post('/v1/flows/validate', async (request) => {
    const problems = catalog.validate(request.tenant, request.body as FlowDocument);
    return { valid: problems.length === 0, problems };
  });

  app.post('/v1/flows', async (request, reply) => {
    const saved = catalog.save(request.tenant, request.body as FlowDocument);
    return reply.status(201).send({ id: saved.id, version: saved.version, createdAt: new Date(saved.createdAt).toISOString() });
  });

  app.put<IdParams>('/v1/flows/:id', async (request, reply) => {
    const doc = request.body as FlowDocument;
    if (doc && typeof doc === 'object' && doc.id !== undefined && doc.id !== request.params.id) {
      throw new RiskError('FLOW_ID_MISMATCH', `the body is flow "${doc.id}", the URL says "${request.params.id}"`);
    }
    const saved = catalog.save(request.tenant, { ...doc, id: request.params.id });
    return reply.status(201).send({ id: saved.id, version: saved.version, createdAt: new Date(saved.createdAt).toISOString() });
  });

  app.get<IdParams>('/v1/flows/:id', async (request, reply) => sendFlow(request, reply, catalog.get(request.tenant, request.params.id)));

  app.delete<IdParams>('/v1/flows/:id', async (request, reply) => {
    catalog.archive(request.tenant, request.params.id);
    return reply.status(204).send();
  });

  app.get<IdParams>('/v1/flows/:id/versions', async (request) => ({ versions: catalog.versions(request.tenant, request.params.id) }));

  app.get<{ Params: { id: string; version: string } }>('/v1/flows/:id/versions/:version', async (request, reply) => {
    const version = Number(request.params.version);
    if (!Number.isInteger(version) || version < 1) throw new RiskError('API_QUERY_INVALID', 'a version is a positive integer');
    return sendFlow(request, reply, catalog.get(request.tenant, request.params.id, version));
  });

  app.get<IdParams>('/v1/flows/:id/releases', async (request) => ({ releases: catalog.releases(request.tenant, request.params.id) }));

  // The catalog checks the body's shape (DECISION_RELEASE_INVALID) before it looks any version up.
  app.post<IdParams>('/v1/flows/:id/releases', async (request, reply) => {
    return reply.status(201).send(catalog.release(request.tenant, request.params.id, request.body as ReleaseSpec));
  });

  app.post<IdParams>('/v1/flows/:id/rollback', async (request, reply) => reply.status(201).send(catalog.rollback(request.tenant, request.params.id)));
}

/** A flow version as JSON (with its id, version and time), or, to a client that accepts YAML, its document as YAML. */
function sendFlow(request: FastifyRequest, reply: FastifyReply, flow: FlowVersion): FlowVersion | FastifyReply {
  if (!/\b(application|text)\/(x-)?yaml\b/.test(request.headers.accept ?? '')) return flow;
  return reply.type('application/yaml').send(flowText(flow.document, 'yaml'));
}
