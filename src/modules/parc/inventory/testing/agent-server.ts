import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../../../server/platform/errors.js';
import { decodeBody, encodeReply, type BodyEncoding } from '../decode-body.js';
import { contactReply, glpiErrorReply, glpiPrologReply, inventoryOkReply } from '../glpi-replies.js';
import { parseGlpiMessage } from '../glpi-request.js';
import type { InventoryReport } from '../inventory-report.js';
import { normalizeGlpiJson } from '../normalize-glpi-json.js';
import { normalizeOcs } from '../normalize-ocs.js';
import { inventoryReply, ocsErrorReply, prologReply } from '../ocs-replies.js';
import { parseOcsRequest } from '../ocs-request.js';
import { validateGlpiInventory } from '../validate-glpi-json.js';

/** One HTTP exchange as the real agent made it, kept for assertions and for fixtures. */
export interface Exchange {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
  encoding: BodyEncoding | null;
  text: string | null;
  status: number;
  replyContentType: string;
  reply: string;
}

/**
 * A stand-in for the inventory endpoint, built only from this folder's pure functions, to run the
 * real Debian agents against (agents.test.ts) and capture what they send. Not production code: the
 * real route adds authentication, the tenant and the database.
 */
export async function startAgentServer(): Promise<{ url: string; exchanges: Exchange[]; reports: InventoryReport[]; close: () => Promise<void> }> {
  const exchanges: Exchange[] = [];
  const reports: InventoryReport[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const exchange = answer(request, body, reports);
      exchanges.push(exchange);
      const encoded = encodeReply(exchange.reply, exchange.encoding ?? 'plain');
      exchange.replyContentType = encoded.contentType;
      response.writeHead(exchange.status, { 'content-type': encoded.contentType, 'content-length': encoded.body.length });
      response.end(encoded.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    reports,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function answer(request: IncomingMessage, body: Buffer, reports: InventoryReport[]): Exchange {
  const exchange: Exchange = {
    method: request.method ?? '',
    url: request.url ?? '',
    headers: request.headers,
    body,
    encoding: null,
    text: null,
    status: 200,
    replyContentType: '',
    reply: '',
  };
  let format: 'xml' | 'json' = 'xml';
  try {
    const decoded = decodeBody(body, request.headers['content-type']);
    Object.assign(exchange, { encoding: decoded.encoding, text: decoded.text });
    format = decoded.format;
    if (decoded.format === 'xml') {
      const ocs = parseOcsRequest(decoded.text);
      if (ocs.query === 'PROLOG') {
        exchange.reply = request.headers['glpi-agent-id'] ? glpiPrologReply() : prologReply();
      } else {
        reports.push(normalizeOcs(ocs, { userAgent: request.headers['user-agent'] }));
        exchange.reply = inventoryReply();
      }
    } else {
      const message = parseGlpiMessage(decoded.text);
      if (message.action === 'contact') {
        exchange.reply = contactReply({ enabledTasks: message.enabledTasks });
      } else {
        reports.push(normalizeGlpiJson(validateGlpiInventory(message.document)));
        exchange.reply = inventoryOkReply();
      }
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    exchange.status = error.status;
    exchange.reply = format === 'json' ? glpiErrorReply(error.message) : ocsErrorReply(error.message);
  }
  return exchange;
}
