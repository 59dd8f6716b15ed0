import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { count, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments as ticketAttachments } from '../../modules/guichet/db/schema.js';
import { maxAttachmentBytes } from './files/sniff-file.js';
import { assets } from '../../modules/parc/db/schema.js';
import { defaultInventoryLimits } from '../../modules/parc/inventory/index.js';
import { importRuns } from '../../modules/referentiel/db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import { multipartBody } from '../../test/multipart.js';
import { buildApp } from '../app.js';

/**
 * Issue 11, finding 4: every route that takes a file or a large body checks its limit while the
 * body streams: at the limit minus one byte and at the limit it is taken; one byte over and at
 * 30 MB it is a 413 naming the limit, and nothing is stored.
 */
const MB = 1024 * 1024;
const smallLimit = 256 * 1024;
let t: TestApp;
let small: FastifyInstance;
let ticketId: string;

beforeAll(async () => {
  t = await testApp();
  small = await buildApp({ database: t.database, serveWeb: false, config: { uploadLimits: { establishmentImport: smallLimit, assetImport: smallLimit } } });
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/tickets',
    headers: await t.headers('establishment-staff'),
    payload: { uai: t.ids.staffSchool.uai, title: 'Pièce jointe', description: 'Essai de taille', type: 'incident', urgency: 3, impact: 3 },
  });
  ticketId = created.json().id;
});
afterAll(async () => {
  await small.close();
  await t.close();
});

const sizes = (limit: number) => [
  { label: 'la limite moins un octet', size: limit - 1, taken: true },
  { label: 'la limite', size: limit, taken: true },
  { label: 'un octet de plus', size: limit + 1, taken: false },
  { label: '30 Mo', size: 30 * MB, taken: false },
];

const countOf = async (table: typeof ticketAttachments | typeof importRuns | typeof assets, tenantId: string) =>
  (await t.ctx.db.select({ n: count() }).from(table).where(eq(table.tenantId, tenantId)))[0].n;

function expectTooLarge(response: { statusCode: number; json(): unknown }, limitText: string) {
  expect(response.statusCode).toBe(413);
  expect((response.json() as { error: { message: string } }).error.message).toContain(limitText);
}

describe('ticket attachments (10 Mo)', () => {
  it.each(sizes(maxAttachmentBytes))('at $label', async ({ size, taken }) => {
    const before = await countOf(ticketAttachments, t.ids.a.tenantId);
    const form = multipartBody({ name: 'note.txt', bytes: Buffer.alloc(size, 'a'), type: 'text/plain' });
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/tickets/${ticketId}/attachments`,
      headers: { ...(await t.headers('establishment-staff')), 'content-type': form.contentType },
      payload: form.payload,
    });
    if (taken) {
      expect(response.statusCode).toBe(201);
      expect(response.json().sizeBytes).toBe(size);
    } else {
      expectTooLarge(response, '10 Mo');
      expect(await countOf(ticketAttachments, t.ids.a.tenantId)).toBe(before);
    }
  });

  it('refuses 30 MB sent in 1 MB writes on a real socket, every time, storing nothing', async () => {
    const server = await buildApp({ database: t.database, serveWeb: false });
    await server.listen({ port: 0, host: '127.0.0.1' });
    try {
      const { port } = server.server.address() as AddressInfo;
      const headers = await t.headers('establishment-staff');
      const before = await countOf(ticketAttachments, t.ids.a.tenantId);
      for (let attempt = 0; attempt < 3; attempt++) {
        const status = await sendInWrites(port, `/api/tickets/${ticketId}/attachments`, headers, 30 * MB);
        expect(status).toBe(413);
      }
      expect(await countOf(ticketAttachments, t.ids.a.tenantId)).toBe(before);
    } finally {
      await server.close();
    }
  });
});

/** A multipart upload of `size` bytes written 1 MB at a time, as a slow client would; resolves to the status. */
function sendInWrites(port: number, path: string, headers: Record<string, string>, size: number): Promise<number> {
  const boundary = '----coherencestream';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="gros.txt"\r\nContent-Type: text/plain\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { port, host: '127.0.0.1', path, method: 'POST', headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}`, 'transfer-encoding': 'chunked' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    const chunk = Buffer.alloc(MB, 'a');
    let sent = 0;
    req.write(head);
    const next = () => {
      if (sent >= size) return void req.end(tail);
      sent += chunk.length;
      if (req.write(chunk)) setImmediate(next);
      else req.once('drain', next);
    };
    next();
  });
}

describe('establishment import (limit of the route)', () => {
  it.each(sizes(smallLimit))('at $label', async ({ size, taken }) => {
    const before = await countOf(importRuns, t.ids.a.tenantId);
    const form = multipartBody({ name: 'annuaire.csv', bytes: Buffer.alloc(size, 'a'), type: 'text/csv' }, { mode: 'all-or-nothing' });
    const response = await small.inject({
      method: 'POST',
      url: '/api/imports/establishments?wait=true',
      headers: { ...(await t.headers('authority-admin')), 'content-type': form.contentType },
      payload: form.payload,
    });
    if (taken) expect(response.statusCode).not.toBe(413);
    else {
      expectTooLarge(response, '0,25 Mo');
      expect(await countOf(importRuns, t.ids.a.tenantId)).toBe(before);
    }
  });
});

describe('device import and its preview (limit of the route)', () => {
  it.each(sizes(smallLimit).flatMap((s) => ['/api/assets/import/preview', '/api/assets/import'].map((url) => ({ ...s, url }))))('$url at $label', async ({ size, taken, url }) => {
    const before = await countOf(assets, t.ids.a.tenantId);
    const form = multipartBody({ name: 'parc.csv', bytes: Buffer.alloc(size, 'a'), type: 'text/csv' });
    const response = await small.inject({ method: 'POST', url, headers: { ...(await t.headers('authority-admin')), 'content-type': form.contentType }, payload: form.payload });
    if (taken) expect(response.statusCode).not.toBe(413);
    else expectTooLarge(response, '0,25 Mo');
    expect(await countOf(assets, t.ids.a.tenantId)).toBe(before);
  });
});

describe('agent endpoint (16 Mio as received)', () => {
  it.each(sizes(defaultInventoryLimits.maxBodyBytes))('at $label', async ({ size, taken }) => {
    const before = await countOf(assets, t.ids.a.tenantId);
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/inventory', headers: { 'content-type': 'application/x-compress-zlib' }, payload: Buffer.alloc(size, 'a') });
    expect(response.statusCode).toBeLessThan(500);
    if (taken) expect(response.statusCode).not.toBe(413);
    else expect(response.statusCode).toBe(413);
    expect(await countOf(assets, t.ids.a.tenantId)).toBe(before);
  });
});

describe('JSON bodies (1 Mio)', () => {
  it.each(sizes(MB))('at $label', async ({ size, taken }) => {
    const head = `{"uai":"${t.ids.staffSchool.uai}","title":"Gros","type":"incident","urgency":3,"impact":3,"description":"`;
    const body = head + 'a'.repeat(Math.max(0, size - head.length - 2)) + '"}';
    expect(body.length).toBe(size);
    const response = await t.app.inject({ method: 'POST', url: '/api/tickets', headers: { ...(await t.headers('establishment-staff')), 'content-type': 'application/json' }, payload: body });
    if (taken) expect(response.statusCode).toBe(400); // read, then refused by its schema (description ≤ 20,000)
    else expect(response.statusCode).toBe(413);
  });
});
