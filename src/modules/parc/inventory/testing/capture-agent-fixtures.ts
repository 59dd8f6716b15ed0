/**
 * Regenerates fixtures/inventory/agents/: runs the real Debian agents against agent-server.ts and
 * keeps each request body exactly as it arrived (compressed), with a manifest of the headers and
 * of the answers the agents accepted.
 *
 *   apt-get install -y fusioninventory-agent ocsinventory-agent
 *   # Debian configures ocsinventory-agent in local mode: remove the `local=` line of
 *   # /etc/ocsinventory/ocsinventory-agent.cfg for the time of the capture.
 *   npx tsx src/modules/parc/inventory/testing/capture-agent-fixtures.ts
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAgentServer } from './agent-server.js';
import { agentInstalled, runAgent, type AgentName, type AgentRun } from './run-agent.js';

const out = fileURLToPath(new URL('../../../../../fixtures/inventory/agents/', import.meta.url));

const captures: { file: string; agent: AgentName; path: string; options: Omit<AgentRun, 'workDir'> }[] = [
  { file: 'fusioninventory-2.6', agent: 'fusioninventory', path: '/front/inventory.php', options: { tag: '0590001A' } },
  { file: 'fusioninventory-2.6-uncompressed', agent: 'fusioninventory', path: '/front/inventory.php', options: { compress: false, noSoftware: true } },
  { file: 'ocsinventory-2.10', agent: 'ocs', path: '/ocsinventory', options: { tag: '0590001A' } },
];

async function main() {
  mkdirSync(out, { recursive: true });
  const manifest: unknown[] = [];
  for (const capture of captures) {
    if (!agentInstalled(capture.agent)) {
      console.log(`${capture.agent}: not installed or in local mode, skipped`);
      continue;
    }
    const server = await startAgentServer();
    try {
      await runAgent(capture.agent, `${server.url}${capture.path}`, { ...capture.options, workDir: mkdtempSync(join(tmpdir(), 'agent-')) });
    } finally {
      await server.close();
    }
    for (const exchange of server.exchanges) {
      const query = /<QUERY>(\w+)<\/QUERY>/.exec(exchange.text ?? '')?.[1]?.toLowerCase() ?? 'request';
      const name = `${capture.file}-${query}.${exchange.encoding === 'plain' ? 'xml' : exchange.encoding}`;
      writeFileSync(join(out, name), exchange.body);
      manifest.push({
        file: name,
        request: { method: exchange.method, path: exchange.url, contentType: exchange.headers['content-type'], userAgent: exchange.headers['user-agent'] },
        reply: { status: exchange.status, contentType: exchange.replyContentType, body: exchange.reply },
      });
      console.log(`${name}: ${exchange.body.length} bytes, answered ${exchange.status}`);
    }
  }
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

await main();
