import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../../../server/platform/context.js';
import { notFound } from '../../../../server/platform/errors.js';
import { governanceActor } from '../access.js';
import { dataPacks } from '../db/schema.js';
import { loadMeeting } from '../meeting-store.js';

/** The stored bytes of an issued data pack, never regenerated. */
export async function getDataPack(ctx: Ctx, meetingId: string, version: number) {
  const actor = governanceActor(ctx, 'governance.read');
  const tenantId = actor.tenantId;
  const { meeting, body } = await loadMeeting(ctx, tenantId, meetingId);
  const [pack] = await ctx.db
    .select({ bytes: dataPacks.bytes, sha256: dataPacks.sha256 })
    .from(dataPacks)
    .where(and(eq(dataPacks.tenantId, tenantId), eq(dataPacks.meetingId, meetingId), eq(dataPacks.version, version)));
  if (!pack) throw notFound('Dossier de séance');
  const slug = body.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, '-').toLowerCase();
  return { bytes: pack.bytes, sha256: pack.sha256, filename: `dossier-${slug}-${meeting.heldOn}-v${version}.pdf` };
}
