import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../../server/platform/audit.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { AppError } from '../../../../server/platform/errors.js';
import { governanceActor } from '../access.js';
import { lookBackDays, sectionsByBody } from '../data-pack/pack-for-body.js';
import { renderDataPack } from '../data-pack/render-pdf.js';
import type { PackFigures } from '../data-pack/sections.js';
import { dataPacks } from '../db/schema.js';
import { loadMeeting } from '../meeting-store.js';
import { bodyKindLabels, type BodyKind } from './body.input.js';

const dayMs = 24 * 3600 * 1000;

/**
 * Issues the meeting's data pack from live figures: a new version each time, its bytes and
 * figures stored as issued, so what the body read is what is downloaded later.
 */
export async function issueDataPack(ctx: Ctx, meetingId: string) {
  const actor = governanceActor(ctx, 'governance.manage');
  return writeDataPack(ctx, actor.tenantId, meetingId, actor.label);
}

/** The pack built and stored for a meeting of a tenant, issued by someone (the demo issues its own). */
export async function writeDataPack(ctx: Ctx, tenantId: string, meetingId: string, issuedBy: string) {
  const { meeting, body } = await loadMeeting(ctx, tenantId, meetingId);
  const kind = body.kind as BodyKind;
  const to = ctx.now();
  const from = new Date(to.getTime() - lookBackDays[kind] * dayMs);
  const packContext = { ctx, tenantId, from, to };
  const sections = [];
  for (const provider of sectionsByBody[kind]) sections.push(await provider(packContext, body.id));
  const figures: PackFigures = {
    title: `Dossier de séance — ${body.name}`,
    subtitle: `${bodyKindLabels[kind]}, réunion du ${meeting.heldOn} (${meeting.place})`,
    agenda: meeting.agenda,
    issuedAt: to.toISOString(),
    period: { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) },
    sections,
  };
  const bytes = Buffer.from(await renderDataPack(figures));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  try {
    return await ctx.db.transaction(async (tx) => {
      const [{ next }] = (
        await tx
          .select({ next: sql<number>`coalesce(max(${dataPacks.version}), 0)::int + 1` })
          .from(dataPacks)
          .where(and(eq(dataPacks.tenantId, tenantId), eq(dataPacks.meetingId, meetingId)))
      ).map((r) => ({ next: Number(r.next) }));
      const [pack] = await tx
        .insert(dataPacks)
        .values({ tenantId, meetingId, version: next, issuedAt: to, issuedBy, sha256, bytes, figures })
        .returning({ version: dataPacks.version, issuedAt: dataPacks.issuedAt, issuedBy: dataPacks.issuedBy, sha256: dataPacks.sha256 });
      await recordAudit(ctx, tx, [{ tenantId, action: 'issue', entityType: 'governance-data-pack', entityId: meetingId, after: { version: next, sha256 } }]);
      return { ...pack, issuedAt: pack.issuedAt.toISOString(), bytes: bytes.length };
    });
  } catch (error) {
    // two issues at once: the primary key (meeting, version) lets one win
    if ((error as { code?: string }).code === '23505' || String((error as Error).message).includes('data_packs_pkey')) {
      throw new AppError('CONFLICT', 'Un autre dossier de séance vient d’être émis pour cette réunion : rechargez la page.');
    }
    throw error;
  }
}
