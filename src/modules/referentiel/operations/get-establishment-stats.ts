import { count, sql } from 'drizzle-orm';
import type { Ctx } from '../../../server/platform/context.js';
import { establishments } from '../db/schema.js';
import { establishmentWhere } from './find-establishments.js';

/** Counts of the schools in the actor's scope, by nature, sector, priority education and state. */
export async function getEstablishmentStats(ctx: Ctx) {
  const where = establishmentWhere(ctx, {});
  const [byNature, [totals]] = await Promise.all([
    ctx.db
      .select({ natureCode: establishments.natureCode, natureLabel: sql<string | null>`min(${establishments.natureLabel})`, count: count() })
      .from(establishments)
      .where(where)
      .groupBy(establishments.natureCode)
      .orderBy(sql`count(*) desc`),
    ctx.db
      .select({
        total: count(),
        open: sql<number>`count(*) filter (where ${establishments.isOpen})::int`,
        public: sql<number>`count(*) filter (where ${establishments.sector} = 'public')::int`,
        private: sql<number>`count(*) filter (where ${establishments.sector} = 'private')::int`,
        rep: sql<number>`count(*) filter (where ${establishments.priorityEducation} = 'REP')::int`,
        repPlus: sql<number>`count(*) filter (where ${establishments.priorityEducation} = 'REP+')::int`,
        pupils: sql<number>`coalesce(sum(${establishments.pupils}), 0)::int`,
      })
      .from(establishments)
      .where(where),
  ]);
  return { ...totals, byNature };
}
