import { and, asc, count, eq, inArray, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../../server/platform/context.js';
import { AppError } from '../../../../server/platform/errors.js';
import { maxExportRows, pagedRows, type ExportSource } from '../../../../server/platform/export.js';
import { establishmentsView } from '../../../referentiel/index.js';
import { visibleDossiers, type CampaignRow } from '../../campaign-access.js';
import { dossiers } from '../../db/schema.js';
import { stateLabels } from '../../dossier-states.js';
import { loadCandidature } from '../access.js';
import { rescore, teachingOf, territoryOf } from '../scoring.js';
import type { AuthedCtx } from '../../../../server/platform/context.js';
import type { CampaignStanding } from '../../campaign-access.js';

export const rankingQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** The ticked files, comma-separated in the query (a read: a read-only token may ask it). */
export const balanceInput = z.object({
  ids: z
    .string()
    .max(300 * 37, 'Une sélection compte 300 dossiers au plus.')
    .default('')
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.string().uuid('Identifiant de dossier invalide.')).max(300, 'Une sélection compte 300 dossiers au plus.')),
});

const teachingLabels: Record<string, string> = { general: 'Général', technologique: 'Technologique', professionnel: 'Professionnel', agricole: 'Agricole' };
const sectorLabels: Record<string, string> = { public: 'Public', private: 'Privé' };
const territoryLabels: Record<string, string> = { 'REP+': 'REP+', REP: 'REP', rural: 'Rural', urbain: 'Urbain' };

/** One ranked file: its school as the référentiel knows it, its score and its place. */
export interface RankedFile {
  rank: number;
  id: string;
  number: number;
  state: string;
  applicantLabel: string;
  uai: string | null;
  establishmentName: string | null;
  academy: string | null;
  sector: string;
  territory: string;
  teaching: string;
  score: number | null;
  version: number;
}

const columns = {
  id: dossiers.id,
  number: dossiers.number,
  state: dossiers.state,
  applicantLabel: dossiers.applicantLabel,
  answers: dossiers.answers,
  score: dossiers.score,
  version: dossiers.version,
  uai: establishmentsView.uai,
  establishmentName: establishmentsView.name,
  academyName: establishmentsView.academyName,
  academyCode: establishmentsView.academyCode,
  sector: establishmentsView.sector,
  natureCode: establishmentsView.natureCode,
  priorityEducation: establishmentsView.priorityEducation,
  tracks: establishmentsView.tracks,
};
type Row = { [K in keyof typeof columns]: (typeof columns)[K]['_']['notNull'] extends true ? (typeof columns)[K]['_']['data'] : (typeof columns)[K]['_']['data'] | null };

function present(row: Row, rank: number): RankedFile {
  const school = row.uai ? { priorityEducation: row.priorityEducation, tracks: row.tracks ?? [], natureCode: row.natureCode } : null;
  return {
    rank,
    id: row.id,
    number: row.number,
    state: row.state,
    applicantLabel: row.applicantLabel,
    uai: row.uai,
    establishmentName: row.establishmentName,
    academy: row.academyName ?? row.academyCode,
    sector: sectorLabels[row.sector ?? ''] ?? row.sector ?? '—',
    territory: school ? territoryLabels[territoryOf(school, row.answers)]! : '—',
    teaching: school ? teachingLabels[teachingOf(school)]! : '—',
    score: row.score,
    version: row.version,
  };
}

function rankedSelect(a: AuthedCtx, standing: CampaignStanding, campaign: CampaignRow) {
  return a.db
    .select(columns)
    .from(dossiers)
    .leftJoin(establishmentsView, and(eq(establishmentsView.tenantId, dossiers.tenantId), eq(establishmentsView.id, dossiers.establishmentId)))
    .where(rankedWhere(a, standing, campaign))
    .$dynamic();
}

const rankedWhere = (a: AuthedCtx, standing: CampaignStanding, campaign: CampaignRow) =>
  and(eq(dossiers.tenantId, campaign.tenantId), eq(dossiers.campaignId, campaign.id), ne(dossiers.state, 'brouillon'), visibleDossiers(a, standing));

/** Best score first; unscored files last; the file number breaks ties, so pages never overlap. */
const order = [sql`${dossiers.score} desc nulls last`, asc(dossiers.number)];

export async function rankFiles(ctx: Ctx, input: { campaignId: string; query: z.infer<typeof rankingQuery> }) {
  const { ctx: a, campaign, standing } = await loadCandidature(ctx, input.campaignId, 'read');
  const { page, pageSize } = input.query;
  const [total] = await a.db.select({ n: count() }).from(dossiers).where(rankedWhere(a, standing, campaign));
  const rows = await rankedSelect(a, standing, campaign).orderBy(...order).limit(pageSize).offset((page - 1) * pageSize);
  return { total: total!.n, page, pageSize, grid: campaign.grid, items: rows.map((r, i) => present(r as Row, (page - 1) * pageSize + i + 1)) };
}

/** The balance of a selection: how many files by sector, académie, territory and teaching. */
export async function selectionBalance(ctx: Ctx, input: { campaignId: string; body: z.infer<typeof balanceInput> }) {
  const { ctx: a, campaign, standing } = await loadCandidature(ctx, input.campaignId, 'read');
  const ids = [...new Set(input.body.ids)];
  const rows = ids.length ? await rankedSelect(a, standing, campaign).where(and(rankedWhere(a, standing, campaign), inArray(dossiers.id, ids))) : [];
  if (rows.length !== ids.length) throw new AppError('VALIDATION', 'La sélection contient un dossier inconnu ou hors de votre périmètre.', { issues: [{ path: 'dossierIds', message: 'Dossier inconnu.' }] });
  const files = rows.map((r) => present(r as Row, 0));
  const tally = (key: 'sector' | 'academy' | 'territory' | 'teaching') => {
    const counts: Record<string, number> = {};
    for (const f of files) counts[f[key] ?? '—'] = (counts[f[key] ?? '—'] ?? 0) + 1;
    return Object.entries(counts).map(([label, n]) => ({ label, count: n })).sort((x, y) => y.count - x.count || x.label.localeCompare(y.label, 'fr'));
  };
  const scored = files.filter((f) => f.score !== null);
  return {
    count: files.length,
    averageScore: scored.length ? Math.round((scored.reduce((s, f) => s + f.score!, 0) / scored.length) * 100) / 100 : null,
    sector: tally('sector'),
    academy: tally('academy'),
    territory: tally('territory'),
    teaching: tally('teaching'),
  };
}

/** The whole ranking as CSV or XLSX, read page after page while it is written. */
export async function exportRanking(ctx: Ctx, campaignId: string): Promise<ExportSource<RankedFile>> {
  const { ctx: a, campaign, standing } = await loadCandidature(ctx, campaignId, 'read');
  const pageSize = 1000;
  const rows = await pagedRows(
    async (page) => (await rankedSelect(a, standing, campaign).orderBy(...order).limit(pageSize).offset((page - 1) * pageSize)).map((r, i) => present(r as Row, (page - 1) * pageSize + i + 1)),
    { pageSize, maxRows: maxExportRows },
  );
  return {
    basename: `classement-${campaign.code}`,
    sheetName: 'Classement',
    columns: [
      { header: 'Rang', value: (f) => f.rank },
      { header: 'Dossier', value: (f) => f.number },
      { header: 'État', value: (f) => stateLabels[f.state as keyof typeof stateLabels] ?? f.state },
      { header: 'UAI', value: (f) => f.uai },
      { header: 'Établissement', value: (f) => f.establishmentName ?? f.applicantLabel },
      { header: 'Académie', value: (f) => f.academy },
      { header: 'Secteur', value: (f) => f.sector },
      { header: 'Territoire', value: (f) => f.territory },
      { header: 'Enseignement', value: (f) => f.teaching },
      { header: 'Note /100', value: (f) => f.score },
    ],
    rows,
  };
}

/** Scores every file again (after the grid changed): computed criteria from the référentiel, medians of the reviews. */
export async function rescoreCampaign(ctx: Ctx, campaignId: string) {
  const { ctx: a, campaign } = await loadCandidature(ctx, campaignId, 'sit');
  const files = await a.db.select().from(dossiers).where(and(eq(dossiers.tenantId, campaign.tenantId), eq(dossiers.campaignId, campaign.id), ne(dossiers.state, 'brouillon')));
  let scored = 0;
  await a.db.transaction(async (tx) => {
    for (const file of files) if ((await rescore(a, tx, campaign, file)) !== null) scored++;
  });
  return { files: files.length, scored };
}
