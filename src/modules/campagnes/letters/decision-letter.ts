import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../../server/platform/context.js';
import type { Db } from '../../../server/platform/db.js';
import { AppError } from '../../../server/platform/errors.js';
import { documentContents, documents, dossierEvents, dossiers, letterTemplates, type DossierState } from '../db/schema.js';
import { schoolFacts } from '../routing.js';
import type { CampaignRow } from '../campaign-access.js';
import type { DossierRow } from '../dossier-states.js';
import { parisDay } from '../paris-time.js';

export type DecisionKind = 'accepte' | 'refuse' | 'classe_sans_suite';

export const mergeFields = ['numero', 'campagne', 'demandeur', 'etablissement', 'uai', 'decision', 'motif', 'motivation', 'note', 'date'] as const;
export type MergeField = (typeof mergeFields)[number];

const fieldPattern = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The merge fields a text names that the letters do not know (a typo, a field of another tool). */
export function unknownFields(text: string): string[] {
  const names = [...text.matchAll(fieldPattern)].map((m) => m[1]!);
  return [...new Set(names.filter((n) => !(mergeFields as readonly string[]).includes(n)))];
}

/** A French 400 naming each unknown field and the known ones. */
export function assertKnownFields(text: string, path: string) {
  const unknown = unknownFields(text);
  if (unknown.length)
    throw new AppError('VALIDATION', `Champ de fusion inconnu : ${unknown.map((u) => `{{${u}}}`).join(', ')}. Champs possibles : ${mergeFields.map((f) => `{{${f}}}`).join(', ')}.`, {
      issues: unknown.map((u) => ({ path, message: `{{${u}}} n’existe pas.` })),
    });
}

const decisionWords: Record<DecisionKind, string> = { accepte: 'acceptée', refuse: 'refusée', classe_sans_suite: 'classée sans suite' };

export const defaultTemplates: Record<DecisionKind, string> = {
  accepte: 'Objet : {{campagne}}, dossier n° {{numero}}\n\nMadame, Monsieur,\n\nVotre demande ({{etablissement}}) est {{decision}}.\n{{motivation}}\n\nLe {{date}}.',
  refuse: 'Objet : {{campagne}}, dossier n° {{numero}}\n\nMadame, Monsieur,\n\nVotre demande ({{etablissement}}) est {{decision}}.\nMotif : {{motivation}}\n\nLe {{date}}.',
  classe_sans_suite: 'Objet : {{campagne}}, dossier n° {{numero}}\n\nMadame, Monsieur,\n\nVotre demande ({{etablissement}}) est {{decision}}.\n{{motivation}}\n\nLe {{date}}.',
};

export const isDecision = (s: DossierState): s is DecisionKind => s === 'accepte' || s === 'refuse' || s === 'classe_sans_suite';

export async function templateFor(db: Db, campaign: Pick<CampaignRow, 'tenantId' | 'id'>, decision: DecisionKind): Promise<string> {
  const [row] = await db
    .select({ body: letterTemplates.body })
    .from(letterTemplates)
    .where(and(eq(letterTemplates.tenantId, campaign.tenantId), eq(letterTemplates.campaignId, campaign.id), eq(letterTemplates.decision, decision)));
  return row?.body ?? defaultTemplates[decision];
}

/** Replaces {{field}} by the file's values (texts are checked with assertKnownFields when saved). */
export function renderLetter(template: string, values: Record<string, string>): string {
  return template.replace(fieldPattern, (whole, name: string) => values[name] ?? whole);
}

export function letterValues(campaign: Pick<CampaignRow, 'title'>, dossier: DossierRow, decision: DecisionKind, school: { name: string; uai: string } | null, now: Date): Record<MergeField, string> {
  return {
    numero: String(dossier.number),
    campagne: campaign.title,
    demandeur: dossier.applicantLabel,
    etablissement: school?.name ?? dossier.applicantLabel,
    uai: school?.uai ?? '',
    decision: decisionWords[decision],
    motif: dossier.motivation ?? '',
    motivation: dossier.motivation ?? '',
    note: dossier.score === null ? '' : `${String(dossier.score).replace('.', ',')}/100`,
    date: parisDay(now).split('-').reverse().join('/'),
  };
}

/** The applying school as the référentiel knows it (a family's file has none). */
export async function schoolOf(db: Db, dossier: Pick<DossierRow, 'tenantId' | 'establishmentId'>) {
  return dossier.establishmentId ? schoolFacts(db, dossier.tenantId, dossier.establishmentId) : null;
}

/** The letter's text for a decision: the file's edited text, else the campaign's template, merged. */
export async function letterText(db: Db, campaign: CampaignRow, dossier: DossierRow, decision: DecisionKind, now: Date) {
  const template = dossier.letterText ?? (await templateFor(db, campaign, decision));
  return renderLetter(template, letterValues(campaign, dossier, decision, await schoolOf(db, dossier), now));
}

/** Characters Helvetica's WinAnsi encoding lacks are replaced, never a failed letter. */
const winAnsi = (text: string) => text.replace(/[\u2018\u2019]/g, "'").replace(/[\u201C\u201D]/g, '"').replace(/[^\x20-\x7E\xA0-\xFF\n]/g, '?');

function wrap(line: string, width: number, measure: (s: string) => number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    const next = current ? `${current} ${word}` : word;
    if (measure(next) > width && current) {
      out.push(current);
      current = word;
    } else current = next;
  }
  out.push(current);
  return out;
}

/** The letter as an A4 PDF (pdf-lib, read at the first letter rather than at the server's start). */
export async function letterPdf(title: string, text: string): Promise<Buffer> {
  const { PDFDocument, StandardFonts } = await import('pdf-lib');
  const pdf = await PDFDocument.create();
  pdf.setTitle(winAnsi(title));
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const size = 11;
  let page = pdf.addPage([595, 842]);
  let y = 780;
  for (const paragraph of winAnsi(text).split('\n')) {
    for (const line of wrap(paragraph, 475, (s) => font.widthOfTextAtSize(s, size))) {
      if (y < 60) {
        page = pdf.addPage([595, 842]);
        y = 780;
      }
      page.drawText(line, { x: 60, y, size, font });
      y -= size * 1.5;
    }
  }
  return Buffer.from(await pdf.save());
}

/**
 * At a decision: the letter (the file's edited text, else the campaign's template), as a PDF kept
 * in the file's documents. Returns the file with its letter.
 */
export async function letterForDecision(ctx: Ctx, tx: Db, campaign: CampaignRow, dossier: DossierRow): Promise<DossierRow> {
  if (!isDecision(dossier.state)) return dossier;
  const text = await letterText(tx, campaign, dossier, dossier.state, ctx.now());
  const bytes = await letterPdf(`${campaign.title} — dossier n° ${dossier.number}`, text);
  const [doc] = await tx
    .insert(documents)
    .values({
      tenantId: dossier.tenantId,
      dossierId: dossier.id,
      purpose: 'letter',
      filename: `decision-dossier-${dossier.number}.pdf`,
      contentType: 'application/pdf',
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      scanStatus: 'clean',
      uploadedByUserId: null,
      uploadedByLabel: 'Système',
      uploadedAt: ctx.now(),
    })
    .returning();
  await tx.insert(documentContents).values({ tenantId: dossier.tenantId, documentId: doc!.id, bytes });
  await tx.insert(dossierEvents).values({
    tenantId: dossier.tenantId,
    dossierId: dossier.id,
    at: ctx.now(),
    kind: 'letter',
    actorUserId: ctx.actor?.kind === 'user' ? ctx.actor.id : null,
    actorLabel: ctx.actor?.label ?? 'Système',
    details: { documentId: doc!.id, filename: doc!.filename },
  });
  // the letter is part of the decision: no version bump, the decision already took one
  const [updated] = await tx
    .update(dossiers)
    .set({ letterDocumentId: doc!.id, letterText: text })
    .where(and(eq(dossiers.tenantId, dossier.tenantId), eq(dossiers.id, dossier.id)))
    .returning();
  return updated!;
}
