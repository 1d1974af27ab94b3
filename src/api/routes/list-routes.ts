// Black / grey / white lists: query, add (one or many), bulk import (JSON array or NDJSON), remove by id or by
// value. Values arrive raw and are hashed with the deployment's key before anything is stored.
import type { FastifyInstance } from 'fastify';
import { RiskError } from '../../core/index.js';
import type { ListEntityType, ListName } from '../../decision/index.js';
import { intQuery } from '../query-params.js';
import type { DecisionServices } from '../services.js';

/** The most entries one GET /v1/lists returns (the list store's own cap). */
const MAX_ENTRIES = 10_000;

interface ListQueryString {
  list?: ListName;
  entityType?: ListEntityType;
  value?: string;
  limit?: string;
  offset?: string;
}

export function registerListRoutes(app: FastifyInstance, services: DecisionServices): void {
  const { lists } = services;

  app.get<{ Querystring: ListQueryString }>('/v1/lists', async (request) => {
    const q = request.query;
    return {
      entries: lists.query(request.tenant, {
        list: q.list, entityType: q.entityType, rawValue: q.value,
        limit: intQuery('limit', q.limit, 100, 1, MAX_ENTRIES), offset: intQuery('offset', q.offset, 0, 0, Number.MAX_SAFE_INTEGER),
      }).map((e) => ({ ...e, createdAt: new Date(e.createdAt).toISOString(), expiresAt: e.expiresAt === null ? null : new Date(e.expiresAt).toISOString() })),
    };
  });

  const add = async (tenant: string, body: unknown) => {
    if (typeof body === 'string') {
      const records: unknown[] = [];
      body.split(/\r?\n/).forEach((line, i) => {
        if (line.trim() === '') return;
        try {
          records.push(JSON.parse(line));
        } catch {
          throw new RiskError('LIST_ENTRY_INVALID', `line ${i + 1} is not JSON`, { line: i + 1 });
        }
      });
      return lists.add(tenant, records);
    }
    return lists.add(tenant, Array.isArray(body) ? body : [body]);
  };

  app.post('/v1/lists', async (request, reply) => reply.status(201).send(await add(request.tenant, request.body)));
  app.post('/v1/lists/import', async (request, reply) => reply.status(201).send(await add(request.tenant, request.body)));

  app.delete<{ Params: { id: string } }>('/v1/lists/entries/:id', async (request, reply) => {
    await lists.removeById(request.tenant, request.params.id);
    return reply.status(204).send();
  });

  app.delete<{ Querystring: ListQueryString }>('/v1/lists', async (request, reply) => {
    const { list, entityType, value } = request.query;
    if (!list || !entityType || !value) throw new RiskError('API_QUERY_INVALID', 'name the entry: ?list=&entityType=&value=');
    await lists.remove(request.tenant, list, entityType, value);
    return reply.status(204).send();
  });
}
