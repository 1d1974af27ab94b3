// The relationship graph for the console and for analysts: a node's neighbourhood (nodes, edges, labels; keys
// masked), its features, and the tenant's graph stats. Keys are keyed hashes ("h:..."), or raw identifiers that are
// hashed here with the deployment key (prefer hashes: a raw value in a URL ends up in access logs).
import type { FastifyInstance } from 'fastify';
import type { GraphEngine } from '../../graph/index.js';
import { intQuery } from '../query-params.js';

interface NodeParams {
  entityType: string;
  key: string;
}

const MAX_HOPS = 3;
const MAX_LIMIT = 2000;

export function registerGraphRoutes(app: FastifyInstance, graph: GraphEngine): void {
  app.get<{ Params: NodeParams; Querystring: { hops?: string; limit?: string } }>(
    '/v1/graph/:entityType/:key/neighborhood',
    async (request) => {
      const hops = intQuery('hops', request.query.hops, 2, 1, MAX_HOPS, 'GRAPH_QUERY_INVALID');
      const limit = intQuery('limit', request.query.limit, 200, 1, MAX_LIMIT, 'GRAPH_QUERY_INVALID');
      const { entityType, key } = request.params;
      return { entityType, hops, limit, ...graph.neighborhood(request.tenant, entityType, key, hops, limit) };
    },
  );

  app.get<{ Params: NodeParams }>('/v1/graph/:entityType/:key/features', async (request) => {
    const { entityType, key } = request.params;
    return { entityType, features: graph.featuresOf(request.tenant, entityType, key) };
  });

  app.get('/v1/graph/stats', async (request) => graph.stats(request.tenant));
}
