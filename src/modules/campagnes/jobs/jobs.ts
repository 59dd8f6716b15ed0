import type { FastifyInstance } from 'fastify';
import type { JobDefinition } from '../../../server/platform/jobs.js';

/** The campaigns' background jobs on the platform's pg-boss registry. */
export function campagnesJobs(app: FastifyInstance): JobDefinition[] {
  void app;
  return [];
}
