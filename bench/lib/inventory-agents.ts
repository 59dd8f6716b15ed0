import { request } from 'node:http';
import { inflateSync } from 'node:zlib';

/**
 * One inventory as an agent sends it: its first message (OCS/FusionInventory's PROLOG, GLPI
 * Agent's CONTACT), then the inventory, each on a connection of its own, as the agents do.
 */
export interface AgentPost {
  path: '/ocsinventory' | '/api/v1/inventory';
  body: Buffer;
  headers: Record<string, string>;
  /** the message sent first on its own connection; its answer must invite the inventory */
  first?: Buffer;
}

interface Answer {
  status: number;
  body: Buffer;
}

/** A POST on a fresh connection closed after the answer (no keep-alive: an agent's LWP does not keep one). */
function postAlone(url: string, body: Buffer, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: false, headers: { ...headers, connection: 'close', 'content-length': String(body.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The server's answer to the first message tells the agent to send its inventory. */
function invited(path: AgentPost['path'], answer: Answer): boolean {
  if (answer.status !== 200) return false;
  const text = inflateOrText(answer.body);
  return path === '/ocsinventory' ? text.includes('<RESPONSE>SEND</RESPONSE>') : /"inventory"/.test(text);
}

export interface AgentRun {
  sent: number;
  acknowledged: number;
  refused: number;
  firstRefusal?: string;
  elapsedMs: number;
  perSecond: number;
  p50: number;
  p95: number;
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);

/** What the server answers when it has stored an inventory, per protocol (the answer is zlib like the request). */
function acknowledged(path: AgentPost['path'], status: number, body: Buffer): boolean {
  if (status !== 200) return false;
  let text: string;
  try {
    text = inflateSync(body).toString('utf8');
  } catch {
    text = body.toString('utf8');
  }
  return path === '/ocsinventory' ? text.includes('<RESPONSE>NO_ACCOUNT_UPDATE</RESPONSE>') : /"status"\s*:\s*"ok"/.test(text);
}

/**
 * `agents` concurrent agents, each sending one inventory at a time (its first message, then the
 * inventory), until the list is done. Loopback only. An inventory counts as acknowledged only on
 * the protocol's success answer; the latency is the whole exchange's.
 */
export async function runAgents(baseUrl: string, posts: AgentPost[], agents: number): Promise<AgentRun> {
  const host = new URL(baseUrl).hostname;
  if (!['127.0.0.1', 'localhost'].includes(host)) throw new Error(`banc limité à la boucle locale, pas ${host}`);
  let next = 0;
  let acked = 0;
  let refused = 0;
  let firstRefusal: string | undefined;
  const latencies: number[] = [];
  const start = performance.now();
  const agent = async () => {
    while (next < posts.length) {
      const post = posts[next++];
      const t0 = performance.now();
      try {
        const url = `${baseUrl}${post.path}`;
        if (post.first) {
          const answer = await postAlone(url, post.first, post.headers);
          if (!invited(post.path, answer)) {
            refused++;
            firstRefusal ??= `premier message : ${answer.status} ${inflateOrText(answer.body).slice(0, 200)}`;
            continue;
          }
        }
        const response = await postAlone(url, post.body, post.headers);
        latencies.push(performance.now() - t0);
        if (acknowledged(post.path, response.status, response.body)) acked++;
        else {
          refused++;
          firstRefusal ??= `${response.status} ${inflateOrText(response.body).slice(0, 200)}`;
        }
      } catch (error) {
        refused++;
        firstRefusal ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: agents }, agent));
  const elapsedMs = performance.now() - start;
  latencies.sort((a, b) => a - b);
  return {
    sent: posts.length,
    acknowledged: acked,
    refused,
    firstRefusal,
    elapsedMs,
    perSecond: (acked / elapsedMs) * 1000,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
  };
}

function inflateOrText(body: Buffer): string {
  try {
    return inflateSync(body).toString('utf8');
  } catch {
    return body.toString('utf8');
  }
}
