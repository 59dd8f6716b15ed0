import { and, asc, eq } from 'drizzle-orm';
import type { Ctx } from '../../../server/platform/context.js';
import { actorUserId, loadDossier } from '../campaign-access.js';
import { documents, dossierEvents, messages as messageTable } from '../db/schema.js';
import type { Db } from '../../../server/platform/db.js';
import { presentDossier } from '../presenters/dossiers.js';
import { hiddenApplicantLabel, isPersonalDocument, seesPersonalData } from '../family-aid/personal-data.js';
import { listNotes } from './messages-notes.js';
import { listOpinions } from './opinions.js';

type Loaded = Pick<Awaited<ReturnType<typeof loadDossier>>, 'dossier' | 'access' | 'campaign' | 'ctx'>;

/**
 * A file with its history, documents, messages, notes and opinions, as the actor may see it.
 * `loaded`: the file as an operation just left it (its access recomputed), not read again.
 * What the actor may not see is not read at all (an applicant's notes, opinions).
 */
export async function getDossier(ctx: Ctx, id: string, loaded?: Loaded) {
  const { dossier, access, campaign, ctx: a } = loaded ?? (await loadDossier(ctx, id, 'see'));
  const staff = access.instructor || access.reader;
  const [history, docs, messages, notes, opinions] = await Promise.all([
    ctx.db.select().from(dossierEvents).where(and(eq(dossierEvents.tenantId, dossier.tenantId), eq(dossierEvents.dossierId, dossier.id))).orderBy(asc(dossierEvents.at)),
    ctx.db
      .select()
      .from(documents)
      .where(and(eq(documents.tenantId, dossier.tenantId), eq(documents.dossierId, dossier.id), eq(documents.scanStatus, 'clean'))),
    // their attachments are among the documents read beside them
    readIf(access.applicant || access.instructor, () => messagesOf(ctx.db, dossier)),
    readIf(staff, () => listNotes(ctx.db, dossier)),
    readIf(staff || access.expert, () => listOpinions(ctx.db, dossier)),
  ]);
  const now = ctx.now();
  const open = campaign.status === 'published' && now >= campaign.opensAt && now <= campaign.closesAt;
  const personal = seesPersonalData(campaign, access);
  return presentDossier(
    personal ? dossier : { ...dossier, applicantLabel: hiddenApplicantLabel },
    access,
    {
      history: history.map((h) => ({ at: h.at.toISOString(), kind: h.kind, fromState: h.fromState, toState: h.toState, reason: h.reason, actorLabel: personal || h.actorUserId !== dossier.applicantUserId ? h.actorLabel : hiddenApplicantLabel })),
      documents: docs
        .filter((d) => !d.purgedAt && (personal || !isPersonalDocument(d)))
        .map((d) => ({ id: d.id, purpose: d.purpose, fieldKey: d.fieldKey, filename: d.filename, contentType: d.contentType, sizeBytes: d.sizeBytes, uploadedAt: d.uploadedAt.toISOString() })),
      messages: messages.map((m) => ({
        id: m.id,
        at: m.at.toISOString(),
        side: m.side,
        authorLabel: m.authorLabel,
        body: m.body,
        attachments: docs.filter((f) => f.purpose === 'message' && f.messageId === m.id).map((f) => ({ id: f.id, filename: f.filename, sizeBytes: f.sizeBytes })),
      })),
      notes: notes.map((n) => ({ id: n.id, at: n.at.toISOString(), authorLabel: n.authorLabel, body: n.body })),
      opinions: opinions.map((o) => ({
        id: o.id,
        expertUserId: o.expertUserId,
        expertLabel: o.expertLabel,
        status: o.status,
        question: o.question,
        verdict: o.verdict,
        scores: o.scores,
        comment: o.comment,
        confidential: o.confidential,
        answeredAt: o.answeredAt?.toISOString() ?? null,
        version: o.version,
      })),
    },
    actorUserId(a.actor),
    open,
  );
}

const readIf = <T>(wanted: boolean, read: () => PromiseLike<T[]>): Promise<T[]> => (wanted ? Promise.resolve(read()) : Promise.resolve([]));

function messagesOf(db: Db, dossier: { tenantId: string; id: string }) {
  return db.select().from(messageTable).where(and(eq(messageTable.tenantId, dossier.tenantId), eq(messageTable.dossierId, dossier.id))).orderBy(asc(messageTable.at));
}
