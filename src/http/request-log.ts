import { LogController } from 'fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * One compact log line per request, written when it completes: fastify's
 * default writes two (on arrival and on completion), each serializing the
 * request or reply, a sizeable share of a fast request's cost. The line carries
 * the request id (reqId, from x-request-id when given), method, url, status and
 * milliseconds; an error keeps fastify's own "request errored" line.
 */
export class CompactRequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) return super.requestCompleted(error, request, reply);
    reply.log.info({ method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 }, 'request');
  }
}
