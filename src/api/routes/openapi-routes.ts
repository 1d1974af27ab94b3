// GET /openapi.json: the API's OpenAPI document (no API key needed; tenant auth skips /openapi*).
import type { FastifyInstance } from 'fastify';
import { openApiDocument } from './openapi-document.js';

export function registerOpenApiRoutes(app: FastifyInstance): void {
  const document = openApiDocument();
  app.get('/openapi.json', async () => document);
}
