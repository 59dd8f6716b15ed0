import type { FastifyInstance } from 'fastify';
import { appSystemCtx } from '../../../server/platform/http.js';
import type { JobDefinition } from '../../../server/platform/jobs.js';
import { expireFamilyDrafts } from './drafts.js';
import { purgeExpiredFamilyFiles } from './purge.js';

export const retentionJobNames = { purge: 'campagnes-retention-purge', drafts: 'campagnes-draft-expiry' } as const;

/** Personal data's end of life, on the platform's pg-boss registry: nightly, Paris time. */
export function retentionJobs(app: FastifyInstance): JobDefinition[] {
  const ctx = () => appSystemCtx(app);
  return [
    { name: retentionJobNames.purge, schedule: '30 2 * * *', policy: 'singleton', handler: () => purgeExpiredFamilyFiles(ctx()) },
    { name: retentionJobNames.drafts, schedule: '45 2 * * *', policy: 'singleton', handler: () => expireFamilyDrafts(ctx()) },
  ];
}
