import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../server/platform/context.js';
import type { Database } from '../../../server/platform/db.js';
import { AppError } from '../../../server/platform/errors.js';
import { unassignedReports } from '../db/schema.js';
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
  prologReply,
  validateGlpiInventory,
  type BodyEncoding,
  type InventoryReport,
} from '../inventory/index.js';
import { ingestReport } from './ingest-report.js';
import { identifyAgent } from './resolve-agent-tenant.js';

export interface AgentRequest {
  body: Buffer;
  contentType: string | undefined;
  authorization: string | undefined;
  userAgent: string | undefined;
  glpiAgentId: string | undefined;
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
 * protocol and the compression the agent used. An inventory is acknowledged only once committed.
 */
export async function receiveAgentMessage(ctx: Ctx, database: Database, request: AgentRequest): Promise<AgentReply> {
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
      if (ocs.query !== 'INVENTORY') throw new AppError('UNPROCESSABLE', `Requête « ${ocs.query} » non prise en charge : seul l'inventaire l'est.`);
      await store(ctx, database, request, normalizeOcs(ocs, { userAgent: request.userAgent }));
      return reply(200, inventoryReply());
    }
    const message = parseGlpiMessage(decoded.text);
    if (message.action === 'contact') {
      const who = await identifyAgent(database.db, { authorization: request.authorization, tag: message.tag, remoteAddress: request.remoteAddress });
      if (!who.ok && who.reason === 'bad-credentials') throw new Challenge();
      return reply(200, contactReply({ enabledTasks: message.enabledTasks }));
    }
    await store(ctx, database, request, normalizeGlpiJson(validateGlpiInventory(message.document)));
    return reply(200, inventoryOkReply());
  } catch (error) {
    if (error instanceof Challenge) {
      const text = 'Identifiants requis pour cet agent.';
      return reply(401, format === 'json' ? glpiErrorReply(text) : ocsErrorReply(text), { 'www-authenticate': `Basic realm="${agentRealm}"` });
    }
    if (!(error instanceof AppError)) throw error;
    return reply(error.status, format === 'json' ? glpiErrorReply(error.message) : ocsErrorReply(error.message));
  }
}

/**
 * A report for a known authority goes into its fleet. One nobody claims waits in the unassigned
 * queue, and the agent is asked for credentials: one configured with them sends the report again.
 */
async function store(ctx: Ctx, database: Database, request: AgentRequest, report: InventoryReport) {
  const who = await identifyAgent(database.db, { authorization: request.authorization, tag: report.tag, remoteAddress: request.remoteAddress });
  if (who.ok) {
    await ingestReport(ctx, database, { tenantId: who.tenant.tenantId, report, storeLastUser: who.tenant.storeLastUser });
    await database.db.delete(unassignedReports).where(eq(unassignedReports.deviceId, report.deviceId));
    return;
  }
  if (who.reason === 'unknown') await keepUnassigned(ctx, database, request, report);
  throw new Challenge();
}

async function keepUnassigned(ctx: Ctx, database: Database, request: AgentRequest, report: InventoryReport) {
  const kept = { ...report, lastLoggedUser: null }; // no tenant has asked to keep it
  await database.db.transaction(async (tx) => {
    await tx.delete(unassignedReports).where(eq(unassignedReports.deviceId, report.deviceId));
    await tx.insert(unassignedReports).values({
      receivedAt: ctx.now(),
      source: report.source,
      deviceId: report.deviceId,
      tag: report.tag,
      remoteAddress: request.remoteAddress,
      report: kept,
    });
  });
}
