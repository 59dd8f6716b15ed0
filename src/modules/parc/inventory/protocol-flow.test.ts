import { gunzipSync, gzipSync, inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeReply } from './decode-body.js';
import { startAgentServer } from './testing/agent-server.js';
import { fixtureText } from './testing/fixtures.js';

/**
 * The GLPI Agent protocol end to end over HTTP, as GLPI Agent 1.x speaks it (no Debian package to
 * run it here): the agent's messages are built from its sources and the official examples.
 */
let server: Awaited<ReturnType<typeof startAgentServer>>;
beforeAll(async () => {
  server = await startAgentServer();
});
afterAll(() => server.close());

async function post(body: Buffer, contentType: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}/api/v1/inventory`, {
    method: 'POST',
    body: new Uint8Array(body),
    headers: { 'content-type': contentType, 'user-agent': 'GLPI-Agent_v1.11', ...headers },
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  const type = response.headers.get('content-type') ?? '';
  // exactly what GLPI Agent does: decompress according to the answer's Content-Type
  const text = type.startsWith('application/x-compress-zlib')
    ? inflateSync(bytes).toString()
    : type.startsWith('application/x-compress-gzip')
      ? gunzipSync(bytes).toString()
      : bytes.toString();
  return { status: response.status, type, text };
}

const agentId = { 'GLPI-Agent-ID': '3a6e0c8e-7f0b-4c52-9d6c-5a3d5c0f1b2a' };

describe('GLPI Agent protocol', () => {
  it('answers a PROLOG carrying GLPI-Agent-ID in JSON, which moves the agent to its own protocol', async () => {
    const prolog = encodeReply('<?xml version="1.0" encoding="UTF-8" ?><REQUEST><DEVICEID>pc-1</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>', 'zlib');
    const reply = await post(prolog.body, prolog.contentType, agentId);
    expect(reply.type).toBe('application/x-compress-zlib');
    expect(JSON.parse(reply.text)).toEqual({ status: 'ok', expiration: 24 });
  });

  it('answers CONTACT compressed like the request, with the inventory task', async () => {
    const contact = { action: 'contact', deviceid: 'pc-1', name: 'GLPI-Agent', version: '1.11', 'enabled-tasks': ['inventory', 'deploy'] };
    const request = encodeReply(JSON.stringify(contact), 'zlib');
    const reply = await post(request.body, 'application/x-compress-zlib', agentId);
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.text)).toMatchObject({ status: 'ok', expiration: 24, tasks: { inventory: { server: 'glpi' } }, disabled: ['deploy'] });
  });

  it('takes a gzip inventory and answers in gzip, a plain JSON one in plain JSON', async () => {
    const inventory = fixtureText('glpi-inventory-format/examples/computer_1.json');
    const gzip = await post(gzipSync(inventory), 'application/x-compress-gzip', agentId);
    expect([gzip.status, gzip.type, JSON.parse(gzip.text)]).toEqual([200, 'application/x-compress-gzip', { status: 'ok', expiration: 24 }]);
    const plain = await post(Buffer.from(fixtureText('glpi-inventory-format/examples/computer_1_partial_cpu.json')), 'application/json', agentId);
    expect([plain.status, plain.type]).toEqual([200, 'application/json; charset=utf-8']);
    expect(server.reports.slice(-2).map((r) => [r.serial, r.partial])).toEqual([
      ['640HP72', false],
      ['640HP72', true],
    ]);
  });

  it('refuses an invalid inventory with 422 and an error the agent logs, and stores nothing', async () => {
    const stored = server.reports.length;
    const invalid = JSON.parse(fixtureText('glpi-inventory-format/examples/computer_2.json')) as Record<string, any>;
    invalid.content.hardware.memory = 'beaucoup';
    const reply = await post(gzipSync(JSON.stringify(invalid)), 'application/x-compress-gzip', agentId);
    expect(reply.status).toBe(422);
    expect(JSON.parse(reply.text)).toMatchObject({ status: 'error', message: expect.stringContaining('/content/hardware/memory') });
    expect(server.reports).toHaveLength(stored);
  });

  it('refuses XXE in an XML message with 400 and an XML error', async () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]><REQUEST><QUERY>PROLOG</QUERY><DEVICEID>&e;</DEVICEID></REQUEST>';
    const reply = await post(Buffer.from(xxe), 'application/xml');
    expect(reply.status).toBe(400);
    expect(reply.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<REPLY><ERROR>Le document XML contient une déclaration &lt;!DOCTYPE&gt;/);
    expect(reply.text).not.toContain('root:');
  });
});
