// Builds the HTTP edge (fastify) over the engines' services. It never listens: app/server.ts does, and tests call
// it in process with `inject`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { RiskError } from '../core/index.js';
import { parseFlowText } from '../decision/index.js';
import { errorAnswer } from './error-status.js';
import { decideFastPath } from './decide-fast-path.js';
import { registerRoutes } from './routes/index.js';
import type { ApiOptions, ArgusServices, DecisionServices } from './services.js';
import { installTenantAuth } from './tenant-auth.js';

/** Media types read as YAML (flow routes only). */
const YAML_MEDIA_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml'];

/**
 * Puts the decide fast path (decide-fast-path.ts) in front of fastify on the server fastify made: a request it does not
 * take reaches fastify's own handler untouched. (The server is fastify's, not one from a serverFactory, so its
 * timeouts, and the extra bindings fastify adds for a host name with several addresses, stay fastify's; those extra
 * servers answer decide through fastify alone.) `inject` never passes here: tests that inject test fastify's route.
 */
function installDecideFastPath(app: FastifyInstance, services: DecisionServices, options: ApiOptions): void {
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  const fast = decideFastPath({ services, apiKeys: options.apiKeys, bodyLimit: options.bodyLimit, app: () => app, closing: () => closing });
  const server = app.server;
  const handlers = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  if (handlers.length !== 1) throw new RiskError('API_SERVER_UNEXPECTED', `fastify's server has ${handlers.length} request handlers, expected 1`);
  const [fastifyHandler] = handlers;
  server.removeListener('request', fastifyHandler);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!fast(req, res)) fastifyHandler(req, res);
  });
}

export function buildApi(services: ArgusServices, options: ApiOptions): FastifyInstance {
  const app = Fastify({
    logger: process.env.ARGUS_LOG === 'silent' ? false : { level: process.env.ARGUS_LOG ?? 'warn' },
    bodyLimit: options.bodyLimit,
    // Errors fastify's router answers before any route (a path parameter past 100 characters, a malformed URL
    // escape) get coded bodies like every other error; left alone, fastify writes its own.
    frameworkErrors: (error, request, reply: FastifyReply) => {
      const answer = errorAnswer(error);
      if (answer.internal) request.log.error(error);
      void reply.status(answer.status).send(answer.body);
    },
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
        throw new RiskError('API_MEDIA_UNSUPPORTED', `YAML bodies are for flow documents; send ${req.url.split('?')[0]} JSON`, { contentType: req.headers['content-type'] });
      }
      done(null, parseFlowText(body as string, 'yaml'));
    } catch (err) {
      done(err as Error);
    }
  });

  installTenantAuth(app, options.apiKeys);

  app.setErrorHandler((error, _request, reply) => {
    const answer = errorAnswer(error);
    if (answer.internal) app.log.error(error);
    void reply.status(answer.status).send(answer.body);
  });

  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error: { code: 'API_ROUTE_NOT_FOUND', message: `no route ${request.method} ${request.url}`, details: {} } });
  });

  registerRoutes(app, services);
  if (services.decision) installDecideFastPath(app, services.decision, options);
  return app;
}
