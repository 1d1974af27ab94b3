// Builds the HTTP edge (fastify) over the engines' services. It never listens: app/server.ts does, and tests call
// it in process with `inject`.
import Fastify, { type FastifyInstance } from 'fastify';
import { isRiskError, RiskError } from '../core/index.js';
import { parseFlowText } from '../decision/index.js';
import { statusForCode } from './error-status.js';
import { registerRoutes } from './routes/index.js';
import type { ApiOptions, ArgusServices } from './services.js';
import { installTenantAuth } from './tenant-auth.js';

/** Media types read as YAML (flow routes only). */
const YAML_MEDIA_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml'];

export function buildApi(services: ArgusServices, options: ApiOptions): FastifyInstance {
  const app = Fastify({
    logger: process.env.ARGUS_LOG === 'silent' ? false : { level: process.env.ARGUS_LOG ?? 'warn' },
    bodyLimit: options.bodyLimit,
  });

  // NDJSON bodies arrive as text; the ingestor splits and parses them line by line.
  app.addContentTypeParser(['application/x-ndjson', 'application/ndjson', 'text/plain'], { parseAs: 'string' }, (_req, body, done) => {
    done(null, body);
  });

  // Flow documents may be written in YAML (src/decision/flow-text.ts): read into the same value a JSON body gives.
  app.addContentTypeParser(YAML_MEDIA_TYPES, { parseAs: 'string' }, (req, body, done) => {
    try {
      // Flows only: events, decisions and lists keep to JSON (and NDJSON), their documented bodies.
      if (!req.url.startsWith('/v1/flows')) {
        throw new RiskError('API_UNSUPPORTED_MEDIA', `YAML bodies are for flow documents; send ${req.url.split('?')[0]} JSON`, { contentType: req.headers['content-type'] });
      }
      done(null, parseFlowText(body as string, 'yaml'));
    } catch (err) {
      done(err as Error);
    }
  });

  installTenantAuth(app, options.apiKeys);

  app.setErrorHandler((error, _request, reply) => {
    if (isRiskError(error)) {
      void reply.status(statusForCode(error.code)).send({ error: error.toJSON() });
      return;
    }
    const fastifyError = error as { statusCode?: number; code?: string; message: string };
    if (fastifyError.statusCode && fastifyError.statusCode < 500) {
      const code = fastifyError.statusCode === 413 ? 'API_BODY_TOO_LARGE'
        : fastifyError.statusCode === 415 ? 'API_MEDIA_UNSUPPORTED'
        : fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || /JSON/.test(fastifyError.message) ? 'API_JSON_MALFORMED'
        : 'API_REQUEST_INVALID';
      void reply.status(fastifyError.statusCode).send({ error: { code, message: fastifyError.message, details: {} } });
      return;
    }
    app.log.error(error);
    void reply.status(500).send({ error: { code: 'API_INTERNAL', message: 'internal error', details: {} } });
  });

  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error: { code: 'API_ROUTE_NOT_FOUND', message: `no route ${request.method} ${request.url}`, details: {} } });
  });

  registerRoutes(app, services);
  return app;
}
