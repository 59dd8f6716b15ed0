import http from 'node:http';

/** Latency percentiles and throughput of a closed-loop load: N clients, each one request at a time. */
export type LoadResult = ClosedLoopResult;

export interface LoadOptions {
  baseUrl: string;
  headers: Record<string, string>;
  clients: number;
  durationMs: number;
  /** Hard bound on requests, whatever the duration. */
  maxRequests: number;
  /** The path (with query) of the next request. */
  nextPath: () => string;
  /** Awaited ahead of each request, outside its latency. */
  before?: () => Promise<void>;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

/** GET requests through keep-alive connections, one per client (loopback only). */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const client = new KeepAliveClient(options.baseUrl, options.clients, options.headers);
  try {
    const result = await closedLoop({
      client,
      clients: options.clients,
      durationMs: options.durationMs,
      maxRequests: options.maxRequests,
      next: () => ({ method: 'GET', path: options.nextPath() }),
      expected: 200,
      before: options.before,
    });
    return result;
  } finally {
    client.close();
  }
}

/**
 * A closed-loop load through keep-alive HTTP connections: `clients` callers, each one request at
 * a time on its own connection, for `durationMs`. node:http with a keep-alive agent costs the
 * client process less CPU than fetch, and the client shares the machine with the server.
 */

export interface Call {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  /** Who calls (session cookie, tenant), when not the client's own. */
  headers?: Record<string, string>;
}

export interface ClosedLoopResult {
  requests: number;
  errors: number;
  firstError?: string;
  elapsedMs: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** CPU the load generator itself spent per request (ms): it shares the machine with the server. */
  clientCpuMs: number;
}

export class KeepAliveClient {
  private readonly agent: http.Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(
    baseUrl: string,
    connections: number,
    private readonly headers: Record<string, string> = {},
  ) {
    const url = new URL(baseUrl);
    if (!['127.0.0.1', 'localhost'].includes(url.hostname)) throw new Error(`banc limité à la boucle locale, pas ${url.hostname}`);
    this.host = url.hostname;
    this.port = Number(url.port);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  }

  request(call: Call): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const body = call.body === undefined ? undefined : Buffer.from(call.body);
      const request = http.request(
        {
          host: this.host,
          port: this.port,
          method: call.method,
          path: call.path,
          agent: this.agent,
          headers: body
            ? { ...this.headers, ...call.headers, 'content-type': 'application/json', 'content-length': String(body.length) }
            : { ...this.headers, ...call.headers },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export async function closedLoop(options: {
  client: KeepAliveClient;
  clients: number;
  durationMs: number;
  next: () => Call;
  expected: number;
  /** Hard bound on requests, whatever the duration. */
  maxRequests?: number;
  /** Awaited by a client ahead of each of its requests, outside the request's latency (e.g. a cache emptied). */
  before?: () => Promise<void>;
}): Promise<ClosedLoopResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let sent = 0;
  const maxRequests = options.maxRequests ?? Infinity;
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const end = start + options.durationMs;
  await Promise.all(
    Array.from({ length: options.clients }, async () => {
      while (performance.now() < end && sent++ < maxRequests) {
        await options.before?.();
        const call = options.next();
        const t0 = performance.now();
        try {
          const response = await options.client.request(call);
          latencies.push(performance.now() - t0);
          if (response.status !== options.expected) {
            errors++;
            firstError ??= `${response.status} ${response.body.slice(0, 300)}`;
          }
        } catch (error) {
          errors++;
          firstError ??= error instanceof Error ? error.message : String(error);
        }
      }
    }),
  );
  const elapsedMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort((a, b) => a - b);
  return {
    clientCpuMs: (cpu.user + cpu.system) / 1000 / Math.max(1, latencies.length),
    requests: latencies.length,
    errors,
    firstError,
    elapsedMs,
    perSecond: (latencies.length / elapsedMs) * 1000,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
  };
}
