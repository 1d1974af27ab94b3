// Every route group of the HTTP API. Add a group by adding its register function here.
import type { FastifyInstance } from 'fastify';
import type { ArgusServices } from '../services.js';
import { registerHealthRoutes } from './health-routes.js';
import { registerEventRoutes } from './event-routes.js';

export function registerRoutes(app: FastifyInstance, services: ArgusServices): void {
  registerHealthRoutes(app, services);
  registerEventRoutes(app, services);
}
