// Feature routes: the current values of an entity key (GET /v1/features/:entity/:key), and CRUD of the tenant's
// feature set specs with validation (/v1/feature-sets). Keys are keyed hashes ("h:..."), or identifiers in clear
// that are hashed here (prefer hashes: a raw value in a URL ends up in access logs); responses show keys masked.
import type { FastifyInstance } from 'fastify';
import { RiskError } from '../../core/index.js';
import type { FeatureService } from '../../features/index.js';

interface KeyParams {
  entity: string;
  key: string;
}

export function registerFeatureRoutes(app: FastifyInstance, features: FeatureService): void {
  app.get<{ Params: KeyParams; Querystring: { at?: string } }>('/v1/features/:entity/:key', async (request) => {
    const { entity, key } = request.params;
    const result = features.valuesForKey(request.tenant, entity, key, request.query.at);
    return { ...result, key: maskKey(result.key) };
  });

  app.get('/v1/feature-sets', async (request) => ({ sets: features.listSets(request.tenant) }));

  app.post('/v1/feature-sets/validate', async (request) => features.validate(request.body));

  app.post('/v1/feature-sets', async (request, reply) => reply.status(201).send(features.createSet(request.tenant, request.body)));

  app.get<{ Params: { name: string }; Querystring: { version?: string } }>('/v1/feature-sets/:name', async (request) => {
    const raw = request.query.version;
    const version = raw === undefined ? undefined : Number(raw);
    if (version !== undefined && (!Number.isInteger(version) || version < 1)) {
      throw new RiskError('FEATURE_VERSION_INVALID', 'version is a positive integer', { version: raw });
    }
    return features.getSet(request.tenant, request.params.name, version);
  });

  app.put<{ Params: { name: string } }>('/v1/feature-sets/:name', async (request) =>
    features.updateSet(request.tenant, request.params.name, request.body));

  app.delete<{ Params: { name: string } }>('/v1/feature-sets/:name', async (request, reply) => {
    features.deleteSet(request.tenant, request.params.name);
    return reply.status(204).send();
  });
}

function maskKey(key: string): string {
  return key.startsWith('h:') && key.length > 8 ? `${key.slice(0, 6)}…` : key;
}
