import { and, eq, inArray } from 'drizzle-orm';
import { validateAnswers, type AnswerChecks, type AnswerIssue, type Answers, type FormField } from '../../shared/campaign-form.js';
import type { Db } from '../../server/platform/db.js';
import { AppError } from '../../server/platform/errors.js';
import { checkUai } from '../referentiel/index.js';
import { documents } from './db/schema.js';

/** The server's checks: the référentiel's UAI check letter. */
export const serverChecks: AnswerChecks = {
  uai: (value) => {
    const result = checkUai(value);
    return result.ok ? null : result.message;
  },
};

function documentAnswers(fields: FormField[], answers: Answers): { path: string; documentId: string; fieldKey: string }[] {
  const out: { path: string; documentId: string; fieldKey: string }[] = [];
  for (const field of fields) {
    const value = answers[field.key];
    if (field.kind === 'document' && value && typeof value === 'object' && 'documentId' in value)
      out.push({ path: field.key, documentId: String((value as { documentId: unknown }).documentId), fieldKey: field.key });
    if (field.kind === 'repetition' && Array.isArray(value))
      value.forEach((block, i) =>
        documentAnswers(field.children ?? [], block as Answers).forEach((d) => out.push({ ...d, path: `${field.key}.${i}.${d.path}` })),
      );
  }
  return out;
}

/**
 * The answers' problems: the shared validator's, and documents that are not this file's, not
 * scanned clean yet, or refused. Throws the 400 with each problem on its field.
 */
export async function assertAnswers(db: Db, dossier: { tenantId: string; id: string }, fields: FormField[], answers: Answers, complete: boolean) {
  const issues: AnswerIssue[] = validateAnswers(fields, answers, { complete, checks: serverChecks });
  const docs = documentAnswers(fields, answers);
  if (docs.length) {
    const rows = await db
      .select({ id: documents.id, scanStatus: documents.scanStatus })
      .from(documents)
      .where(and(eq(documents.tenantId, dossier.tenantId), eq(documents.dossierId, dossier.id), inArray(documents.id, docs.map((d) => d.documentId))));
    for (const d of docs) {
      const row = rows.find((r) => r.id === d.documentId);
      if (!row) issues.push({ path: d.path, message: 'Ce document n’appartient pas au dossier.' });
      else if (complete && row.scanStatus !== 'clean') issues.push({ path: d.path, message: 'Ce document n’a pas passé l’analyse antivirus : déposez-en un autre.' });
    }
  }
  if (issues.length) throw new AppError('VALIDATION', issues.length === 1 ? issues[0]!.message : `${issues.length} réponses sont à corriger.`, { issues });
}
