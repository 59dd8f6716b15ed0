import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../../server/platform/context.js';
import type { Db } from '../../../server/platform/db.js';
import { runStatement } from '../../../server/platform/prepared.js';
import { actorUserId, loadDossier } from '../campaign-access.js';
import { presentDossier, type DossierParts } from '../presenters/dossiers.js';
import { hiddenApplicantLabel, isPersonalDocument, seesPersonalData } from '../family-aid/personal-data.js';

type Loaded = Pick<Awaited<ReturnType<typeof loadDossier>>, 'dossier' | 'access' | 'campaign' | 'ctx'>;

/**
 * A file with its history, documents, messages, notes and opinions, as the actor may see it.
 * `loaded`: the file as an operation just left it (its access recomputed), not read again.
 */
export async function getDossier(ctx: Ctx, id: string, loaded?: Loaded) {
  const { dossier, access, campaign, ctx: a } = loaded ?? (await loadDossier(ctx, id, 'see'));
  const staff = access.instructor || access.reader;
  // what the actor may not see is not read at all (an applicant's notes, the opinions)
  const parts = await readParts(ctx.db, dossier, { messages: access.applicant || access.instructor, notes: staff, opinions: staff || access.expert });
  const now = ctx.now();
  const open = campaign.status === 'published' && now >= campaign.opensAt && now <= campaign.closesAt;
  const personal = seesPersonalData(campaign, access);
  return presentDossier(
    personal ? dossier : { ...dossier, applicantLabel: hiddenApplicantLabel },
    access,
    {
      history: parts.history.map(({ actorUserId: by, ...h }) => ({ ...h, actorLabel: personal || by !== dossier.applicantUserId ? h.actorLabel : hiddenApplicantLabel })),
      documents: parts.documents.filter((d) => !d.purged && (personal || !isPersonalDocument(d))).map(({ purged: _, messageId: __, ...d }) => d),
      // a message's attachments are among the file's documents
      messages: (parts.messages ?? []).map((m) => ({
        ...m,
        attachments: parts.documents.filter((f) => f.purpose === 'message' && f.messageId === m.id).map((f) => ({ id: f.id, filename: f.filename, sizeBytes: f.sizeBytes })),
      })),
      notes: parts.notes ?? [],
      opinions: parts.opinions ?? [],
    },
    actorUserId(a.actor),
    open,
  );
}

type Part<K extends keyof DossierParts> = DossierParts[K][number];
interface ReadParts {
  history: (Part<'history'> & { actorUserId: string | null })[];
  documents: (Part<'documents'> & { messageId: string | null; purged: boolean })[];
  messages: Omit<Part<'messages'>, 'attachments'>[] | null;
  notes: Part<'notes'>[] | null;
  opinions: Part<'opinions'>[] | null;
}

/** Each part as one JSON array, all in one statement: one round trip for the whole file. Instants as `toISOString` writes them. */
function partsStatement(dossier: { tenantId: string; id: string }, wanted: { messages: boolean; notes: boolean; opinions: boolean }): SQL {
  const { tenantId, id } = dossier;
  const none = sql`null::json`;
  return sql`select
    coalesce((select json_agg(json_build_object('at', to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'kind', e.kind, 'fromState', e.from_state, 'toState', e.to_state, 'reason', e.reason,
        'actorUserId', e.actor_user_id, 'actorLabel', e.actor_label) order by e.at) from campagnes.dossier_events e where e.tenant_id = ${tenantId} and e.dossier_id = ${id}), '[]') as history,
    coalesce((select json_agg(json_build_object('id', d.id, 'purpose', d.purpose, 'fieldKey', d.field_key, 'messageId', d.message_id, 'filename', d.filename,
        'contentType', d.content_type, 'sizeBytes', d.size_bytes, 'uploadedAt', to_char(d.uploaded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'purged', d.purged_at is not null) order by d.uploaded_at)
      from campagnes.documents d where d.tenant_id = ${tenantId} and d.dossier_id = ${id} and d.scan_status = 'clean'), '[]') as documents,
    ${wanted.messages ? sql`coalesce((select json_agg(json_build_object('id', m.id, 'at', to_char(m.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'side', m.side, 'authorLabel', m.author_label, 'body', m.body) order by m.at) from campagnes.messages m where m.tenant_id = ${tenantId} and m.dossier_id = ${id}), '[]')` : none} as messages,
    ${wanted.notes ? sql`coalesce((select json_agg(json_build_object('id', n.id, 'at', to_char(n.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'authorLabel', n.author_label, 'body', n.body) order by n.at) from campagnes.notes n where n.tenant_id = ${tenantId} and n.dossier_id = ${id}), '[]')` : none} as notes,
    ${wanted.opinions ? sql`coalesce((select json_agg(json_build_object('id', o.id, 'expertUserId', o.expert_user_id, 'expertLabel', o.expert_label, 'status', o.status, 'question', o.question,
        'verdict', o.verdict, 'scores', o.scores, 'comment', o.comment, 'confidential', o.confidential, 'answeredAt', case when o.answered_at is null then null else to_char(o.answered_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') end,
        'version', o.version) order by o.requested_at) from campagnes.opinions o where o.tenant_id = ${tenantId} and o.dossier_id = ${id}), '[]')` : none} as opinions`;
}

const parsed = <T>(value: unknown): T => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));

async function readParts(db: Db, dossier: { tenantId: string; id: string }, wanted: { messages: boolean; notes: boolean; opinions: boolean }): Promise<ReadParts> {
  const [row] = await runStatement<Record<keyof ReadParts, unknown>>(db, partsStatement(dossier, wanted), 'campagnes_dossier_parts');
  return {
    history: parsed(row!.history),
    documents: parsed(row!.documents),
    messages: parsed(row!.messages),
    notes: parsed(row!.notes),
    opinions: parsed(row!.opinions),
  };
}
