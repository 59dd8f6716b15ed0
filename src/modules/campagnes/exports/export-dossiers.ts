import { and, asc, count, eq, sql } from 'drizzle-orm';
import { can } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { exportFormat, maxExportRows, type ExportSource } from '../../../server/platform/export.js';
import { streamRows } from '../../../server/platform/query-stream.js';
import { establishmentsView as establishments } from '../../referentiel/index.js';
import { loadCampaign, type CampaignStanding } from '../campaign-access.js';
import { dossiers, formVersions } from '../db/schema.js';
import { familyAidFiles } from '../family-aid/db/schema.js';
import { dossierFilter, filterWhere } from '../operations/find-dossiers.js';
import { annotationFieldsOf, fieldsOf, listFormVersions } from '../operations/form-versions.js';
import { dossierColumns, unionOfFields, type ExportedDossier } from './dossier-columns.js';

export const dossiersExportInput = dossierFilter.extend({ format: exportFormat.default('csv') });

/** Personal data (identity, income, tax notice) goes only to the campaign's instructors, never to a partner. */
export const seesPersonalData = (standing: CampaignStanding) => standing.instructor && !standing.partner;

/**
 * The campaign's files the actor sees (the list's filters), every answer of every form version
 * as a column, read through one cursor as the file is written. `total` is counted first so the
 * download can show its progress.
 */
export async function exportDossiers(ctx: Ctx, input: { campaignId: string; filter: typeof dossierFilter._output }): Promise<ExportSource<ExportedDossier> & { total: number }> {
  const { ctx: a, campaign, standing } = await loadCampaign(ctx, input.campaignId, 'dossier.export');
  const personal = seesPersonalData(standing) && can(a.actor, 'dossier.instruct');
  const versions = (await listFormVersions(ctx.db, campaign.tenantId, campaign.id)).filter((v) => v.publishedAt);
  const familyAid = campaign.kind === 'family-aid';
  const columns = dossierColumns({
    fields: unionOfFields(versions.map(fieldsOf)),
    annotationFields: unionOfFields(versions.map(annotationFieldsOf)),
    familyAid,
    personal,
  });
  const where = filterWhere(a, standing, campaign.id, input.filter);
  const [counted] = await ctx.db.select({ n: count() }).from(dossiers).where(where);
  const total = Math.min(counted!.n, maxExportRows);
  const schoolId = sql`coalesce(${dossiers.establishmentId}, ${familyAidFiles.establishmentId})`;
  const query = ctx.db
    .select({
      number: dossiers.number,
      state: dossiers.state,
      applicantLabel: dossiers.applicantLabel,
      formNumber: formVersions.number,
      createdAt: dossiers.createdAt,
      submittedAt: dossiers.submittedAt,
      instructionAt: dossiers.instructionAt,
      decidedAt: dossiers.decidedAt,
      updatedAt: dossiers.updatedAt,
      uai: establishments.uai,
      establishmentName: establishments.name,
      answers: dossiers.answers,
      // annotations never leave the server for those who may not read them
      annotations: personal ? dossiers.annotations : sql<Record<string, unknown>>`'{}'::jsonb`,
      aid: familyAid ? aidSelection(personal) : sql<null>`null`,
    })
    .from(dossiers)
    .innerJoin(formVersions, and(eq(formVersions.tenantId, dossiers.tenantId), eq(formVersions.id, dossiers.formVersionId)))
    .leftJoin(familyAidFiles, and(eq(familyAidFiles.tenantId, dossiers.tenantId), eq(familyAidFiles.dossierId, dossiers.id)))
    .leftJoin(establishments, and(eq(establishments.tenantId, dossiers.tenantId), sql`${establishments.id} = ${schoolId}`))
    .where(where)
    .orderBy(asc(dossiers.number))
    .limit(maxExportRows);
  return { basename: `dossiers-${campaign.code}`, sheetName: 'Dossiers', columns, rows: streamRows(ctx.db, query as never) as AsyncGenerator<ExportedDossier>, total };
}

/** The aid's figures as one JSON object per file; the personal ones are not even read for others. */
function aidSelection(personal: boolean) {
  const hidden = sql`null`;
  return sql<ExportedDossier['aid']>`case when ${familyAidFiles.dossierId} is null then null else json_build_object(
    'pupilFirstName', ${personal ? familyAidFiles.pupilFirstName : hidden},
    'pupilLastName', ${personal ? familyAidFiles.pupilLastName : hidden},
    'pupilClass', ${familyAidFiles.pupilClass},
    'deviceCode', ${familyAidFiles.deviceCode},
    'priceCents', ${familyAidFiles.priceCents},
    'householdIncomeCents', ${personal ? familyAidFiles.householdIncomeCents : hidden},
    'taxNoticeDocumentId', ${personal ? familyAidFiles.taxNoticeDocumentId : hidden},
    'aidCents', ${familyAidFiles.aidCents},
    'socialFundCents', ${familyAidFiles.socialFundCents},
    'familyCents', ${familyAidFiles.familyCents},
    'insurance', ${familyAidFiles.insurance},
    'instalments', ${familyAidFiles.instalments},
    'deliveredAt', ${familyAidFiles.deliveredAt},
    'deliveredSerial', ${familyAidFiles.deliveredSerial}
  ) end`.mapWith((v: unknown) => {
    const o = (typeof v === 'string' ? JSON.parse(v) : v) as (NonNullable<ExportedDossier['aid']> & { deliveredAt: string | Date | null }) | null;
    return o ? { ...o, deliveredAt: o.deliveredAt ? new Date(o.deliveredAt) : null } : null;
  });
}
