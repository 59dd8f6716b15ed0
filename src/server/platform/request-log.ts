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
