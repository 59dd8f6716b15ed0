/** Latency percentiles and throughput of a closed-loop load: N clients, each one request at a time. */
export interface LoadResult {
  requests: number;
  errors: number;
  firstError?: string;
  elapsedMs: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  perSecond: number;
}

export interface LoadOptions {
  baseUrl: string;
  headers: Record<string, string>;
  clients: number;
  durationMs: number;
  /** Hard bound on requests, whatever the duration. */
  maxRequests: number;
  /** The path (with query) of the next request. */
  nextPath: () => string;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

/** Loopback only: the base URL must be 127.0.0.1 or localhost. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const host = new URL(options.baseUrl).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) throw new Error(`banc limité à la boucle locale, pas ${host}`);
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let sent = 0;
  const start = performance.now();
  const end = start + options.durationMs;
  const client = async () => {
    while (performance.now() < end && sent < options.maxRequests) {
      sent++;
      const path = options.nextPath();
      const t0 = performance.now();
      try {
        const response = await fetch(`${options.baseUrl}${path}`, { headers: options.headers });
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (response.status !== 200) {
          errors++;
          firstError ??= `${response.status} sur ${path}`;
        }
      } catch (error) {
        errors++;
        firstError ??= `${error instanceof Error ? error.message : String(error)} sur ${path}`;
      }
    }
  };
  await Promise.all(Array.from({ length: options.clients }, client));
  const elapsedMs = performance.now() - start;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    firstError,
    elapsedMs,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    perSecond: (latencies.length / elapsedMs) * 1000,
  };
}
