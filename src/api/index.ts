// api: the HTTP edge — routes, wire types, tenant auth, error code -> HTTP status. It never listens (app does).
export { buildApi } from './build-api.js';
export type { ArgusServices, ApiOptions } from './services.js';
export { parseApiKeys, DEFAULT_TENANT } from './tenant-auth.js';
export { statusForCode } from './error-status.js';
