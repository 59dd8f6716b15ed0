import { z } from 'zod';
import { isoOf } from '../../../server/platform/instants.js';
import type { DossierAccess } from '../campaign-access.js';
import { canTransition, type DossierRow } from '../dossier-states.js';

export const dossierSummarySchema = z.object({
  id: z.string(),
  number: z.number(),
  state: z.string(),
  applicantLabel: z.string(),
  establishmentId: z.string().nullable(),
  groupId: z.string().nullable(),
  correction: z.object({ reason: z.string(), comment: z.string(), at: z.string(), byLabel: z.string() }).nullable(),
  score: z.number().nullable(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number(),
});

/**
 * The columns a file's line in a list shows: what `findDossiers` reads (never the answers). Its
 * instants may be PostgreSQL's text, as the list reads them (written as ISO 8601 without a Date each).
 */
export type DossierSummaryRow = Pick<DossierRow, 'id' | 'number' | 'state' | 'applicantLabel' | 'establishmentId' | 'groupId' | 'correction' | 'score' | 'version'> & {
  submittedAt: Date | string | null;
  decidedAt: Date | string | null;
  updatedAt: Date | string;
};

export function presentDossierSummary(d: DossierSummaryRow) {
  return {
    id: d.id,
    number: d.number,
    state: d.state,
    applicantLabel: d.applicantLabel,
    establishmentId: d.establishmentId,
    groupId: d.groupId,
    correction: d.correction,
    score: d.score,
    submittedAt: d.submittedAt === null ? null : isoOf(d.submittedAt),
    decidedAt: d.decidedAt === null ? null : isoOf(d.decidedAt),
    updatedAt: isoOf(d.updatedAt),
    version: d.version,
  };
}

const event = z.object({ at: z.string(), kind: z.string(), fromState: z.string().nullable(), toState: z.string().nullable(), reason: z.string().nullable(), actorLabel: z.string() });
const documentMeta = z.object({ id: z.string(), purpose: z.string(), fieldKey: z.string().nullable(), filename: z.string(), contentType: z.string(), sizeBytes: z.number(), uploadedAt: z.string() });
const message = z.object({ id: z.string(), at: z.string(), side: z.string(), authorLabel: z.string(), body: z.string(), attachments: z.array(z.object({ id: z.string(), filename: z.string(), sizeBytes: z.number() })) });
const note = z.object({ id: z.string(), at: z.string(), authorLabel: z.string(), body: z.string() });
const opinion = z.object({
  id: z.string(),
  expertUserId: z.string(),
  expertLabel: z.string(),
  status: z.string(),
  question: z.string(),
  verdict: z.string().nullable(),
  scores: z.record(z.string(), z.number()),
  comment: z.string().nullable(),
  confidential: z.boolean(),
  answeredAt: z.string().nullable(),
  version: z.number(),
});

export const dossierDetailSchema = dossierSummarySchema.extend({
  campaignId: z.string(),
  formVersionId: z.string(),
  answers: z.record(z.string(), z.unknown()),
  annotations: z.record(z.string(), z.unknown()).nullable(),
  motivation: z.string().nullable(),
  letterText: z.string().nullable(),
  letterDocumentId: z.string().nullable(),
  history: z.array(event),
  documents: z.array(documentMeta),
  messages: z.array(message),
  notes: z.array(note).nullable(),
  opinions: z.array(opinion),
  access: z.object({ applicant: z.boolean(), instructor: z.boolean(), reader: z.boolean(), expert: z.boolean() }),
  permissions: z.object({
    edit: z.boolean(),
    submit: z.boolean(),
    startReview: z.boolean(),
    decide: z.boolean(),
    requestCorrection: z.boolean(),
    reopen: z.boolean(),
    message: z.boolean(),
  }),
});

export interface DossierParts {
  history: z.infer<typeof event>[];
  documents: z.infer<typeof documentMeta>[];
  messages: z.infer<typeof message>[];
  notes: z.infer<typeof note>[];
  opinions: z.infer<typeof opinion>[];
}

/**
 * A file as the actor may see it: the applicant never sees annotations, notes, opinions or the
 * history's notifications; an expert sees the answers and their own opinion; confidential
 * opinions only reach instructors.
 */
export function presentDossier(d: DossierRow, access: DossierAccess, parts: DossierParts, viewerId: string | null, campaignOpen: boolean) {
  const staff = access.instructor || access.reader;
  const opinions = parts.opinions.filter((o) => access.instructor || (staff && !o.confidential) || o.expertUserId === viewerId);
  return {
    ...presentDossierSummary(d),
    campaignId: d.campaignId,
    formVersionId: d.formVersionId,
    answers: d.answers,
    annotations: staff ? d.annotations : null,
    motivation: d.motivation,
    letterText: d.decidedAt || staff ? d.letterText : null,
    letterDocumentId: d.letterDocumentId,
    history: parts.history.filter((h) => staff || h.kind !== 'notification'),
    documents: parts.documents.filter((doc) => doc.purpose !== 'letter' || staff || d.decidedAt),
    messages: access.applicant || access.instructor ? parts.messages : [],
    notes: staff ? parts.notes : null,
    opinions: access.applicant && !staff ? [] : opinions,
    access,
    permissions: {
      edit: access.applicant && campaignOpen && (d.state === 'brouillon' || d.state === 'en_construction'),
      submit: access.applicant && campaignOpen && canTransition(d, 'submit'),
      startReview: access.instructor && canTransition(d, 'start-review'),
      decide: access.instructor && canTransition(d, 'accept'),
      requestCorrection: access.instructor && canTransition(d, 'request-correction'),
      reopen: access.instructor && canTransition(d, 'reopen'),
      message: access.applicant || access.instructor,
    },
  };
}
