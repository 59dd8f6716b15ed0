import { eq } from 'drizzle-orm';
import { bulkDatabase, type Ctx } from '../../../server/platform/context.js';
import type { Database } from '../../../server/platform/db.js';
import { AppError } from '../../../server/platform/errors.js';
import { unassignedReports } from '../db/schema.js';
import type { AgentIntake } from '../jobs/agent-intake.js';
import { isStillQueued, queueReport } from '../jobs/inventory-inbox.js';
import {
  contactReply,
  decodeBody,
  encodeReply,
  glpiErrorReply,
  inventoryOkReply,
  inventoryReply,
  normalizeGlpiJson,
  normalizeOcs,
  ocsErrorReply,
  parseGlpiMessage,
  parseOcsRequest,
  pendingReply,
  prologReply,
  validateGlpiInventory,
  type BodyEncoding,
  type InventoryReport,
} from '../inventory/index.js';
import { ingestReport } from './ingest-report.js';
import { keepUnassigned } from './keep-unassigned.js';
import { identifyAgent, type AgentTenant } from './resolve-agent-tenant.js';
import { isDatabaseError } from '../../../server/platform/database-errors.js';

export interface AgentRequest {
  body: Buffer;
  contentType: string | undefined;
  authorization: string | undefined;
  userAgent: string | undefined;
  glpiAgentId: string | undefined;
  /** The peer's address, IPv4-mapped IPv6 already made plain IPv4 (plainAddress). */
  remoteAddress: string;
}

export interface AgentReply {
  status: number;
  body: Buffer;
  contentType: string;
  headers: Record<string, string>;
}

export const agentRealm = 'Coherence inventaire';

class Challenge extends Error {}

/**
 * One exchange with an inventory agent (OCS, FusionInventory, GLPI Agent), answered in the
 * protocol and the compression the agent used. An inventory is acknowledged only once committed:
 * to the fleet, or to the inbox (parc.inventory_inbox) when it cannot be stored now, in which
 * case GLPI Agent is answered "pending" (it asks again later, see answerPendingQuery) and an
 * OCS or FusionInventory agent gets its usual acknowledgement.
 */
export async function receiveAgentMessage(ctx: Ctx, intake: AgentIntake, request: AgentRequest): Promise<AgentReply> {
  const database = bulkDatabase(ctx);
  let encoding: BodyEncoding = 'plain';
  let format: 'xml' | 'json' = request.contentType?.includes('json') ? 'json' : 'xml';
  const reply = (status: number, text: string, headers: Record<string, string> = {}): AgentReply => {
    const encoded = encodeReply(text, encoding);
    return { status, body: encoded.body, contentType: encoded.contentType, headers };
  };
  try {
    const decoded = decodeBody(request.body, request.contentType);
    encoding = decoded.encoding;
    format = decoded.format;
    if (format === 'xml') {
      const ocs = parseOcsRequest(decoded.text);
      // a GLPI Agent probing with an XML PROLOG learns from a JSON answer that we speak its protocol
      if (ocs.query === 'PROLOG') return reply(200, request.glpiAgentId ? inventoryOkReply() : prologReply());
      // INVENTORY (a computer), or a network task's SNMPQUERY / SNMP / NETDISCOVERY (one switch,
      // printer or access point read over SNMP): the XML protocols know no "pending": stored or
      // queued, both are committed before the acknowledgement
      await store(ctx, database, intake, request, normalizeOcs(ocs, { userAgent: request.userAgent }));
      return reply(200, inventoryReply());
    }
    const message = parseGlpiMessage(decoded.text);
    if (message.action === 'contact') {
      const who = await identifyAgent({ db: database.db, cache: ctx.cache }, { authorization: request.authorization, tag: message.tag, remoteAddress: request.remoteAddress });
      if (!who.ok && who.reason === 'bad-credentials') throw new Challenge();
      return reply(200, contactReply({ enabledTasks: message.enabledTasks }));
    }
    const outcome = await store(ctx, database, intake, request, normalizeGlpiJson(validateGlpiInventory(message.document)));
    if (outcome.kind === 'queued') {
      return reply(202, pendingReply(intake.settings.pendingRetrySeconds), { 'glpi-request-id': outcome.requestId });
    }
    return reply(200, inventoryOkReply());
  } catch (error) {
    if (error instanceof Challenge) {
      const text = 'Identifiants requis pour cet agent.';
      return reply(401, format === 'json' ? glpiErrorReply(text) : ocsErrorReply(text), { 'www-authenticate': `Basic realm="${agentRealm}"` });
    }
    const failure =
      error instanceof AppError
        ? error
        : new AppError('INTERNAL', 'Erreur interne : l’inventaire n’a pas été enregistré (rien n’a été conservé) ; l’agent le renverra à son prochain passage.');
    if (!(error instanceof AppError)) ctx.log.error({ err: error }, 'inventaire non enregistré');
    const headers: Record<string, string> = failure.code === 'TOO_MANY_REQUESTS' ? { 'retry-after': '3600' } : {};
    return reply(failure.status, format === 'json' ? glpiErrorReply(failure.message) : ocsErrorReply(failure.message), headers);
  }
}

/**
 * GLPI Agent's question after "pending": a GET with no body and the GLPI-Request-ID it was
 * given (lib/GLPI/Agent/HTTP/Client/GLPI.pm sleeps `expiration`, then asks again, 12 times at
 * most; it never sends the inventory again). "ok" once the worker stored the report, "pending"
 * while it waits in the inbox. An unknown id is answered "ok": the inbox keeps a report until it
 * is stored, so a report no longer there has been stored (or was never queued).
 */
export async function answerPendingQuery(database: Database, intake: AgentIntake, requestId: string | undefined): Promise<AgentReply> {
  const json = (status: number, text: string, headers: Record<string, string> = {}): AgentReply => ({
    status,
    body: Buffer.from(text),
    contentType: 'application/json',
    headers,
  });
  const id = requestId?.trim().toUpperCase() ?? '';
  if (!/^[0-9A-F]{8}$/.test(id)) {
    return json(400, glpiErrorReply('Requête GET sans en-tête GLPI-Request-ID valide : envoyez l’inventaire par POST.'));
  }
  if (await isStillQueued(database.db, id)) return json(202, pendingReply(intake.settings.pendingRetrySeconds), { 'glpi-request-id': id });
  return json(200, inventoryOkReply());
}

type StoreOutcome = { kind: 'stored' } | { kind: 'queued'; requestId: string };

/**
 * A report for a known authority goes into its fleet (now, or through the inbox). One nobody
 * claims waits in the unassigned queue (capped), and the agent is asked for credentials: one
 * configured with them sends the report again.
 */
async function store(ctx: Ctx, database: Database, intake: AgentIntake, request: AgentRequest, report: InventoryReport): Promise<StoreOutcome> {
  const who = await identifyAgent({ db: database.db, cache: ctx.cache }, { authorization: request.authorization, tag: report.tag, remoteAddress: request.remoteAddress });
  if (who.ok) {
    const outcome = await ingestOrQueue(ctx, database, intake, who.tenant, request, report);
    if (outcome.kind === 'stored') await database.db.delete(unassignedReports).where(eq(unassignedReports.deviceId, report.deviceId));
    return outcome;
  }
  if (who.reason === 'unknown') {
    await keepUnassigned(ctx, database, intake.settings, { remoteAddress: request.remoteAddress, receivedAt: ctx.now() }, report);
  }
  throw new Challenge();
}

/**
 * Stores now unless this process already runs `maxInFlight` ingestions, or the database answers
 * with a transient error; then the report is committed to the inbox for the worker. Nothing is
 * added to the direct path: the counter lives in memory.
 */
async function ingestOrQueue(ctx: Ctx, database: Database, intake: AgentIntake, tenant: AgentTenant, request: AgentRequest, report: InventoryReport): Promise<StoreOutcome> {
  if (intake.inFlight < intake.settings.maxInFlight) {
    intake.inFlight++;
    try {
      await ingestReport(ctx, { tenantId: tenant.tenantId, report, storeLastUser: tenant.storeLastUser, trust: tenant.how, remoteAddress: request.remoteAddress });
      return { kind: 'stored' };
    } catch (error) {
      if (!isTransientDatabaseError(error)) throw error;
      ctx.log.warn({ err: error, deviceId: report.deviceId }, 'inventaire mis en file après une erreur passagère de la base');
    } finally {
      intake.inFlight--;
    }
  }
  let queued: { requestId: string };
  try {
    queued = await queueReport(ctx, database.db, { report, tenant, remoteAddress: request.remoteAddress });
  } catch (error) {
    ctx.log.error({ err: error }, 'inventaire non mis en file');
    throw new AppError('UNAVAILABLE', 'Inventaire non enregistré : la base de données ne répond pas pour l’instant (rien n’a été conservé) ; l’agent le renverra à son prochain passage.');
  }
  intake.wake();
  return { kind: 'queued', requestId: queued.requestId };
}

/** Deadlock, serialization failure, lock timeout: the same report succeeds a moment later. */
export const isTransientDatabaseError = (error: unknown): boolean => isDatabaseError(error, '40P01', '40001', '55P03');
