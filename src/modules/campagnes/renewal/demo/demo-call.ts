import { DateTime } from 'luxon';
import type { DemoSeed } from '../../../../server/platform/module.js';
import { findUserByEmail } from '../../../access/index.js';
import { campaigns, dossierEvents, dossiers, formVersions, instructorGroupMembers, instructorGroups, type CampaignKind, type DossierState } from '../../db/schema.js';

/** The nature codes of lycées (LGT, technological, general, polyvalent, agricultural, vocational): the calls are open to these. */
export const lyceeNatureCodes = ['300', '301', '302', '306', '307', '320'];

/**
 * One open call of Hauts-de-France for the demo, with its published form, an instruction group
 * of the sector 1 technician, and files of the given schools in the given states, with history.
 */
export async function demoCall(
  seed: DemoSeed,
  tenantId: string,
  call: { code: string; kind: CampaignKind; title: string; description: string; budgetCents: number | null; settings: Record<string, unknown> },
  files: { establishmentId: string; state: DossierState }[],
) {
  const db = seed.ctx.db;
  const now = seed.ctx.now();
  const paris = DateTime.fromJSDate(now, { zone: 'Europe/Paris' });
  const [campaign] = await db
    .insert(campaigns)
    .values({
      tenantId,
      code: call.code,
      kind: call.kind,
      title: call.title,
      description: call.description,
      status: 'published',
      opensAt: paris.minus({ weeks: 6 }).startOf('day').toJSDate(),
      closesAt: paris.plus({ months: 2 }).endOf('day').toJSDate(),
      budgetCents: call.budgetCents,
      eligibility: { natureCodes: lyceeNatureCodes, unitIds: [], establishmentIds: [] },
      settings: call.settings,
      nextDossierNumber: files.length + 1,
      createdBy: 'Démo',
    })
    .returning();
  const [form] = await db
    .insert(formVersions)
    .values({ tenantId, campaignId: campaign.id, number: 1, publishedAt: campaign.opensAt, fields: [{ key: 'intro', kind: 'section', label: 'La demande' }] })
    .returning();
  const [group] = await db.insert(instructorGroups).values({ tenantId, campaignId: campaign.id, name: 'Direction du numérique', priority: 1, isDefault: true }).returning();
  const technician = await findUserByEmail(seed.ctx, 'technician.hauts-de-france@demo.coherence.fr');
  if (technician) await db.insert(instructorGroupMembers).values({ tenantId, groupId: group.id, userId: technician.id });
  const referent = await findUserByEmail(seed.ctx, 'establishment-staff.hauts-de-france@demo.coherence.fr');
  const rows = files.map((f, i) => {
    const at = new Date(now.getTime() - (files.length - i) * 26 * 3600_000);
    const submitted = f.state !== 'brouillon';
    return {
      tenantId,
      id: crypto.randomUUID(),
      campaignId: campaign.id,
      number: i + 1,
      formVersionId: form.id,
      state: f.state,
      establishmentId: f.establishmentId,
      applicantUserId: i === 0 && referent ? referent.id : null,
      applicantLabel: i === 0 && referent ? referent.displayName : 'Référent numérique',
      groupId: submitted ? group.id : null,
      createdAt: at,
      updatedAt: at,
      submittedAt: submitted ? at : null,
      instructionAt: ['brouillon', 'en_construction'].includes(f.state) ? null : at,
      decidedAt: ['accepte', 'refuse', 'classe_sans_suite'].includes(f.state) ? at : null,
      motivation: f.state === 'refuse' ? 'Parc renouvelé l’an dernier : la demande sera revue à la prochaine campagne.' : null,
    } satisfies typeof dossiers.$inferInsert;
  });
  if (rows.length) {
    await db.insert(dossiers).values(rows);
    await db.insert(dossierEvents).values(
      rows.map((r) => ({ tenantId, dossierId: r.id, at: r.updatedAt, kind: 'transition', fromState: null, toState: r.state, actorLabel: 'Démo', details: {} })),
    );
  }
  return { campaign, dossiers: rows };
}
