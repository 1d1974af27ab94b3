// Every route group of the HTTP API. Add a group by adding its register function here.
import type { FastifyInstance } from 'fastify';
import type { ArgusServices } from '../services.js';
import { registerHealthRoutes } from './health-routes.js';
import { registerEventRoutes } from './event-routes.js';
import { registerDecisionRoutes } from './decision-routes.js';
import { registerFlowRoutes } from './flow-routes.js';
import { registerListRoutes } from './list-routes.js';
import { registerOpenApiRoutes } from './openapi-routes.js';
import { registerGraphRoutes } from './graph-routes.js';
import { registerFeatureRoutes } from './feature-routes.js';

export function registerRoutes(app: FastifyInstance, services: ArgusServices): void {
  registerHealthRoutes(app, services);
  registerEventRoutes(app, services);
  registerOpenApiRoutes(app);
  if (services.graph) registerGraphRoutes(app, services.graph);
  if (services.features) registerFeatureRoutes(app, services.features);
  if (services.decision) {
    registerDecisionRoutes(app, services.decision);
    registerFlowRoutes(app, services.decision);
    registerListRoutes(app, services.decision);
  }
}
