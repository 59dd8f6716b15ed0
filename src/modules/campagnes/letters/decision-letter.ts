import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Ctx } from '../../../server/platform/context.js';
import type { Db } from '../../../server/platform/db.js';
import { documentContents, documents, dossiers, letterTemplates, type DossierState } from '../db/schema.js';
import type { CampaignRow } from '../campaign-access.js';
import type { DossierRow } from '../dossier-states.js';
import { parisDay } from '../paris-time.js';

export type DecisionKind = 'accepte' | 'refuse' | 'classe_sans_suite';

export const mergeFields = ['numero', 'campagne', 'demandeur', 'etablissement', 'decision', 'motivation', 'date'] as const;

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

/** Replaces {{field}} by the file's values; an unknown field stays as written, so a typo shows in the preview. */
export function renderLetter(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}

export function letterValues(campaign: Pick<CampaignRow, 'title'>, dossier: DossierRow, decision: DecisionKind, schoolName: string | null, now: Date) {
  return {
    numero: String(dossier.number),
    campagne: campaign.title,
    demandeur: dossier.applicantLabel,
    etablissement: schoolName ?? dossier.applicantLabel,
    decision: decisionWords[decision],
    motivation: dossier.motivation ?? '',
    date: parisDay(now).split('-').reverse().join('/'),
  };
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

/** The letter as an A4 PDF (pdf-lib). */
export async function letterPdf(title: string, text: string): Promise<Buffer> {
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
export async function letterForDecision(ctx: Ctx, tx: Db, campaign: CampaignRow, dossier: DossierRow, schoolName: string | null = null): Promise<DossierRow> {
  if (!isDecision(dossier.state)) return dossier;
  const text = dossier.letterText ?? renderLetter(await templateFor(tx, campaign, dossier.state), letterValues(campaign, dossier, dossier.state, schoolName, ctx.now()));
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
  // the letter is part of the decision: no version bump, the decision already took one
  const [updated] = await tx
    .update(dossiers)
    .set({ letterDocumentId: doc!.id, letterText: text })
    .where(and(eq(dossiers.tenantId, dossier.tenantId), eq(dossiers.id, dossier.id)))
    .returning();
  return updated!;
}
