import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { authorize } from '../../../../server/platform/authz.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { documentContents, documents, dossierEvents, messages } from '../../db/schema.js';
import { findOwnAidFiles } from './get-own-aid-files.js';

/**
 * All a family gave, in one ZIP: `donnees.json` (its account, each file with its answers, history
 * and its own messages) and every document it attached, under `dossier-<number>/`. Its own files
 * only; what the retention purge already erased is no longer there to give.
 */
export async function exportOwnData(ctx: Ctx): Promise<{ filename: string; contentType: string; bytes: Buffer }> {
  authorize(ctx.actor, 'family-aid.apply');
  const actor = ctx.actor;
  const files = await findOwnAidFiles(ctx);
  const ids = files.map((f) => f.id);
  const tenantId = actor.tenantId;
  const [docs, history, said] = ids.length
    ? await Promise.all([
        ctx.db
          .select({ id: documents.id, dossierId: documents.dossierId, fieldKey: documents.fieldKey, purpose: documents.purpose, filename: documents.filename, contentType: documents.contentType, uploadedAt: documents.uploadedAt, bytes: documentContents.bytes })
          .from(documents)
          .innerJoin(documentContents, and(eq(documentContents.tenantId, documents.tenantId), eq(documentContents.documentId, documents.id)))
          .where(and(eq(documents.tenantId, tenantId), inArray(documents.dossierId, ids), eq(documents.uploadedByUserId, actor.id), eq(documents.scanStatus, 'clean'), isNull(documents.purgedAt))),
        ctx.db.select().from(dossierEvents).where(and(eq(dossierEvents.tenantId, tenantId), inArray(dossierEvents.dossierId, ids))).orderBy(asc(dossierEvents.at)),
        ctx.db.select().from(messages).where(and(eq(messages.tenantId, tenantId), inArray(messages.dossierId, ids), eq(messages.side, 'applicant'))).orderBy(asc(messages.at)),
      ])
    : [[], [], []];
  // jszip is read at the first export of one's own data, not at the server's start
  const { default: JSZip } = await import('jszip');
  const zip = new JSZip();
  const numberOf = new Map(files.map((f) => [f.id, f.number]));
  const used = new Set<string>();
  const pathOf = (dossierId: string, filename: string) => {
    let path = `dossier-${numberOf.get(dossierId)}/${filename}`;
    for (let n = 2; used.has(path); n++) path = `dossier-${numberOf.get(dossierId)}/${n}-${filename}`;
    used.add(path);
    return path;
  };
  const documentPaths = docs.map((d) => ({ ...d, path: pathOf(d.dossierId, d.filename) }));
  for (const d of documentPaths) zip.file(d.path, d.bytes);
  const data = {
    exportedAt: ctx.now().toISOString(),
    account: { userId: actor.id, label: actor.label },
    files: files.map((f) => ({
      ...f,
      history: history.filter((h) => h.dossierId === f.id).map((h) => ({ at: h.at.toISOString(), kind: h.kind, fromState: h.fromState, toState: h.toState, reason: h.reason })),
      messages: said.filter((m) => m.dossierId === f.id).map((m) => ({ at: m.at.toISOString(), body: m.body })),
      documents: documentPaths
        .filter((d) => d.dossierId === f.id)
        .map((d) => ({ id: d.id, kind: d.fieldKey ?? d.purpose, filename: d.filename, contentType: d.contentType, uploadedAt: d.uploadedAt.toISOString(), path: d.path })),
    })),
  };
  zip.file('donnees.json', JSON.stringify(data, null, 2));
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  return { filename: `mes-donnees-${ctx.now().toISOString().slice(0, 10)}.zip`, contentType: 'application/zip', bytes };
}
