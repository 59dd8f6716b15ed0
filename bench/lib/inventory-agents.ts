import { inflateSync } from 'node:zlib';

/** One inventory as an agent posts it. */
export interface AgentPost {
  path: '/ocsinventory' | '/api/v1/inventory';
  body: Buffer;
  headers: Record<string, string>;
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
 * `agents` concurrent agents, each posting one inventory at a time, until the list is done. Loopback
 * only. An inventory counts as acknowledged only on the protocol's success answer.
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
        const response = await fetch(`${baseUrl}${post.path}`, { method: 'POST', body: new Uint8Array(post.body), headers: post.headers });
        const body = Buffer.from(await response.arrayBuffer());
        latencies.push(performance.now() - t0);
        if (acknowledged(post.path, response.status, body)) acked++;
        else {
          refused++;
          firstRefusal ??= `${response.status} ${inflateOrText(body).slice(0, 200)}`;
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
