// GET /health: liveness plus the event log's head, so a load balancer and a person can both tell it is working, and
// the answering process's id (with argus serve --workers N, which of them answered).
import type { FastifyInstance } from 'fastify';
import type { ArgusServices } from '../services.js';

export function registerHealthRoutes(app: FastifyInstance, services: ArgusServices): void {
  app.get('/health', async () => ({
    status: 'ok',
    time: new Date(services.clock.now()).toISOString(),
    eventLogHead: await services.eventLog.head(),
    pid: process.pid,
  }));
}
