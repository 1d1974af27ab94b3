// Resolves the tenant of each request from its API key (Authorization: Bearer KEY, or X-Api-Key: KEY).
// Every engine call is made on behalf of that tenant, so one tenant never reads another's data.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RiskError } from '../core/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    tenant: string;
  }
}

export const DEFAULT_TENANT = 'default';

export function installTenantAuth(app: FastifyInstance, apiKeys: ReadonlyMap<string, string>): void {
  app.decorateRequest('tenant', DEFAULT_TENANT);
  // A callback hook, not an async one: it runs on every request, and an async hook costs a promise and a tick.
  app.addHook('onRequest', (request: FastifyRequest, _reply, done) => {
    try {
      request.tenant = tenantOf(request, apiKeys);
      done();
    } catch (err) {
      done(err as Error);
    }
  });
}

/** The tenant of a request's API key; throws API_KEY_MISSING / API_KEY_INVALID (the decide fast path asks it too). */
export function tenantOf(request: Pick<FastifyRequest, 'url' | 'headers'>, apiKeys: ReadonlyMap<string, string>): string {
  if (request.url === '/health' || request.url.startsWith('/openapi') || apiKeys.size === 0) return DEFAULT_TENANT;
  const header = request.headers.authorization;
  const key = header?.startsWith('Bearer ') ? header.slice(7) : (request.headers['x-api-key'] as string | undefined);
  if (!key) throw new RiskError('API_KEY_MISSING', 'send an API key as "Authorization: Bearer KEY"');
  const tenant = apiKeys.get(key);
  if (!tenant) throw new RiskError('API_KEY_INVALID', 'the API key is not known');
  return tenant;
}

/** Parses "key1:tenantA,key2:tenantB" (the ARGUS_API_KEYS variable). */
export function parseApiKeys(spec: string | undefined): Map<string, string> {
  const keys = new Map<string, string>();
  if (!spec) return keys;
  for (const pair of spec.split(',')) {
    const [key, tenant] = pair.split(':').map((s) => s.trim());
    if (!key || !tenant) throw new RiskError('API_KEYS_INVALID', 'ARGUS_API_KEYS must look like "key:tenant,key:tenant"');
    keys.set(key, tenant);
  }
  return keys;
}
