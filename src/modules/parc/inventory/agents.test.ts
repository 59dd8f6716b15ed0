import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inventoryReply, prologReply } from './ocs-replies.js';
import { startAgentServer } from './testing/agent-server.js';
import { agentInstalled, runAgent } from './testing/run-agent.js';

/**
 * The real agents against the module's decoding, parsing and replies: runs only where the Debian
 * packages are installed (apt-get install fusioninventory-agent ocsinventory-agent), skipped
 * elsewhere. fixtures/inventory/agents/ keeps what they sent, for the tests that always run.
 */
let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

async function serve() {
  const server = await startAgentServer();
  stop = server.close;
  return server;
}
const workDir = () => mkdtempSync(join(tmpdir(), 'agent-'));

describe.skipIf(!agentInstalled('fusioninventory'))('FusionInventory 2.6 agent', () => {
  it('sends PROLOG then INVENTORY in zlib, and accepts our compressed answers', async () => {
    const server = await serve();
    const log = await runAgent('fusioninventory', `${server.url}/front/inventory.php`, { tag: '0590001A', noSoftware: true, workDir: workDir() });
    expect(server.exchanges.map((e) => [e.headers['content-type'], e.encoding, e.status, e.reply])).toEqual([
      ['application/x-compress-zlib', 'zlib', 200, prologReply()],
      ['application/x-compress-zlib', 'zlib', 200, inventoryReply()],
    ]);
    expect(server.exchanges[0].headers['user-agent']).toMatch(/^FusionInventory-Agent_v2\.6/);
    expect(log).toContain('running task Inventory'); // it understood RESPONSE SEND
    expect(log).not.toMatch(/unexpected content|No answer from server|inflating problem/i);
    expect(server.reports).toHaveLength(1);
    expect(server.reports[0]).toMatchObject({ source: 'fusioninventory', tag: '0590001A', format: 'xml', software: [] });
  });

  it('talks plain XML with --no-compression, and gets plain XML back', async () => {
    const server = await serve();
    await runAgent('fusioninventory', `${server.url}/front/inventory.php`, { compress: false, noSoftware: true, workDir: workDir() });
    expect(server.exchanges.map((e) => [e.headers['content-type'], e.encoding, e.replyContentType])).toEqual([
      ['application/xml', 'plain', 'application/xml; charset=utf-8'],
      ['application/xml', 'plain', 'application/xml; charset=utf-8'],
    ]);
    expect(server.reports).toHaveLength(1);
  });
});

describe.skipIf(!agentInstalled('ocs'))('OCS Inventory 2.10 Unix agent', () => {
  it('sends PROLOG then INVENTORY as application/x-compress, and accepts our zlib answers', async () => {
    const server = await serve();
    const log = await runAgent('ocs', `${server.url}/ocsinventory`, { tag: '0590001A', noSoftware: true, workDir: workDir() });
    expect(server.exchanges.map((e) => [e.headers['content-type'], e.encoding, e.status])).toEqual([
      ['application/x-compress', 'zlib', 200],
      ['application/x-compress', 'zlib', 200],
    ]);
    expect(log).not.toMatch(/Deflating problem|Cannot establish communication/);
    expect(server.reports[0]).toMatchObject({ source: 'ocs', tag: '0590001A' });
  });
});
