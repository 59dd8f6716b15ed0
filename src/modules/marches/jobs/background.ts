import type { FastifyInstance } from 'fastify';
import { appSystemCtx } from '../../../server/platform/http.js';
import type { JobDefinition } from '../../../server/platform/jobs.js';
import { watchContracts } from './watch-contracts.js';

export const watchContractsJob = 'marches-watch-contracts';

/** Every morning: ceiling and end-of-term alerts. */
export function marchesJobs(app: FastifyInstance): JobDefinition[] {
  return [{ name: watchContractsJob, schedule: '15 6 * * *', policy: 'singleton', handler: () => watchContracts(appSystemCtx(app)) }];
}
