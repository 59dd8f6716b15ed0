import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * One log line per request, when its response is sent: method, url, status and time. Fastify's
 * own writes two (« incoming request » with the request's details, then « request completed »),
 * a measurable share of a list request under load (bench/guichet.ts, bench/fleet-queries.ts).
 * Failures keep Fastify's lines with the error (and error-handler.ts logs ours with the stack).
 */
export class RequestLogController extends LogController {
  override incomingRequest() {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply, metadata?: Record<string, unknown>) {
    if (error) return super.requestCompleted(error, request, reply, metadata);
    reply.log.info({ method: request.method, url: request.url, statusCode: reply.statusCode, responseTime: reply.elapsedTime }, 'request');
  }
}

export interface LogDestination {
  write(line: string): void;
  /** Writes what is gathered now (tests, shutdown). */
  flush(): void;
}

/**
 * Where the server's log lines go: gathered and written to the output together, at most `delayMs`
 * after the first or once `maxBytes` are waiting, instead of one write per line. A write on stdout
 * (a pipe or a file: synchronous in Node on Linux) per request was a visible share of a list
 * request's CPU. Errors and worse are written at once with what waits before them, and what is
 * left is written synchronously when the process exits.
 */
export function gatheredLogDestination(out: (text: string) => void, { delayMs = 200, maxBytes = 32_768 } = {}): LogDestination {
  let waiting: string[] = [];
  let bytes = 0;
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (waiting.length === 0) return;
    const text = waiting.join('');
    waiting = [];
    bytes = 0;
    out(text);
  };
  return {
    write(line) {
      waiting.push(line);
      bytes += line.length;
      // pino writes the level as a number: 50 error, 60 fatal
      if (bytes >= maxBytes || /"level":[56]0[,}]/.test(line)) flush();
      else if (!timer) timer = setTimeout(flush, delayMs).unref();
    },
    flush,
  };
}
