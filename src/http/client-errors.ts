import { STATUS_CODES } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { problem } from '../errors/problem.js';
import type { Problem } from '../errors/problem.js';
import { PROBLEM_CONTENT_TYPE, toProblemDetails } from './problem-details.js';
import { sendProblems } from './send-problems.js';
import { text } from '../messages/text.js';
import { negotiateLanguage } from '../messages/languages.js';
import type { Language } from '../messages/languages.js';

/**
 * Errors found before a request reaches fastify's routing (Node's HTTP parser:
 * a header or body that does not arrive in time, headers too large, bytes that
 * are not HTTP) answered as problem details on the raw socket, then the
 * connection is closed, as Node itself does. Where no request was read (late
 * or oversized headers, bytes that are not HTTP), `answeredWithoutRequest` is
 * told, for the log and the metrics; a request whose body is late is logged and
 * counted by its route (see answeredBeforeItsRoute).
 */
export function clientErrorHandler(requestTimeoutMs: number, answeredWithoutRequest: (found: Problem, status: number) => void): (error: NodeJS.ErrnoException, socket: Socket) => void {
  return (error, socket) => answerClientError(error, socket, requestTimeoutMs, answeredWithoutRequest);
}

/**
 * Requests answered while their body still arrives (a batch), each with what
 * ends its answer early. Node's own answer to a late or broken upload would land
 * in the middle of theirs (or race it), so they are told instead.
 */
const answeredWhileArriving = new WeakMap<IncomingMessage, AbortController>();

/** Marks a request as answered while it arrives; the signal aborts when its upload breaks off (a half-closed connection, bad chunk framing). */
export function answerWhileArriving(request: IncomingMessage): AbortSignal {
  const brokenOff = new AbortController();
  answeredWhileArriving.set(request, brokenOff);
  return brokenOff.signal;
}

/** Requests whose answer was written straight on the socket (a late body): what they were told, for the log and the metrics. */
const answeredOnTheSocket = new WeakMap<IncomingMessage, Problem>();

/** The problem a request was already answered with on the raw socket, if it was: its route's own error (the body cut off) is that, not another. */
export function answeredBeforeItsRoute(request: IncomingMessage): Problem | undefined {
  return answeredOnTheSocket.get(request);
}

function answerClientError(error: NodeJS.ErrnoException, socket: Socket, requestTimeoutMs: number, answeredWithoutRequest: (found: Problem, status: number) => void): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const arriving = responseOn(socket)?.req;
  const upload = arriving && answeredWhileArriving.get(arriving);
  if (upload) {
    // A batch may take as long as it needs to arrive: its own stall timer ends a quiet upload with a last line.
    // The deadline only closes a connection that stays silent well after that.
    if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') socket.setTimeout(2 * requestTimeoutMs, () => socket.destroy());
    else upload.abort(error);
    return;
  }
  if (socket.writable) {
    // When the headers came and only the body is late, the answer is in the language they ask for.
    const language = negotiateLanguage(arriving?.headers['accept-language']);
    const found = socketProblem(error);
    const [status, statusLine, body] = rawProblem(found, language);
    socket.write(`HTTP/1.1 ${statusLine}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Language: ${language}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    if (arriving) answeredOnTheSocket.set(arriving, found);
    else answeredWithoutRequest(found, status);
  }
  socket.destroy();
}

/** The response node:http is writing on this connection (it keeps it on the socket), with its request. */
function responseOn(socket: Socket): { req?: IncomingMessage } | undefined {
  return (socket as Socket & { _httpMessage?: { req?: IncomingMessage } })._httpMessage;
}

function socketProblem(error: NodeJS.ErrnoException): Problem {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return problem('REQUEST_TIMEOUT', text('request.timeout'));
    case 'HPE_HEADER_OVERFLOW':
      return problem('HEADERS_TOO_LARGE', text('request.headersTooLarge'));
    default:
      return problem('HTTP_MALFORMED', text('request.httpMalformed'));
  }
}

/** The status, the status line and the body of a problem answered on the raw socket. */
function rawProblem(found: Problem, language: Language): [number, string, string] {
  const details = toProblemDetails([found], language);
  return [details.status, `${details.status} ${STATUS_CODES[details.status] ?? ''}`, JSON.stringify(details)];
}

/** fastify's own routing errors (a URL it cannot decode, a path segment over its length limit), without echoing the URL. */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  // The router refuses the URL before the request's hooks run: its language is read here.
  request.language = negotiateLanguage(request.headers['accept-language']);
  reply.header('content-language', request.language).header('vary', 'accept-language');
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return sendProblems(reply, [problem('URI_TOO_LONG', text('request.urlPartTooLong'))]);
  return sendProblems(reply, [problem('URL_MALFORMED', text('request.urlMalformed'))]);
}
