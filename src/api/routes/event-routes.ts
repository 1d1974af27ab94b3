// POST /v1/events: one JSON event, a JSON array of events, or an NDJSON batch (Content-Type: application/x-ndjson).
// ?atomic=true appends nothing unless every record is valid. See docs/api.md for the batch semantics.
import type { FastifyInstance } from 'fastify';
import { RiskError } from '../../core/index.js';
import type { IngestResult } from '../../ingest/index.js';
import type { ArgusServices } from '../services.js';

export function registerEventRoutes(app: FastifyInstance, services: ArgusServices): void {
  app.post('/v1/events', async (request, reply) => {
    const atomic = (request.query as { atomic?: string }).atomic === 'true';
    const body = request.body;
    let result: IngestResult;
    if (typeof body === 'string') {
      if (body.trim() === '') throw new RiskError('INGEST_BODY_EMPTY', 'the request body holds no events');
      result = await services.ingestor.ingestNdjson(request.tenant, body, { atomic });
    } else if (Array.isArray(body)) {
      if (body.length === 0) throw new RiskError('INGEST_BODY_EMPTY', 'the request body holds no events');
      result = await services.ingestor.ingestRecords(request.tenant, body, { atomic });
    } else if (body !== undefined && body !== null) {
      result = await services.ingestor.ingestRecords(request.tenant, [body], { atomic });
    } else {
      throw new RiskError('INGEST_BODY_EMPTY', 'the request body holds no events');
    }
    if (result.rejected.length === 0) return reply.status(result.appended > 0 ? 201 : 200).send(result);
    const first = result.rejected[0];
    return reply.status(400).send({
      error: {
        code: first.code,
        message: `${result.rejected.length} of ${result.received} records rejected; ${result.appended} appended` +
          (atomic ? ' (atomic: nothing appended)' : ''),
        details: { index: first.index, path: first.path },
      },
      ...result,
    });
  });
}
