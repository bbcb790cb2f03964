import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { answerLine, refusedLine } from '../../batch/answer-line.js';
import { ndjsonLines } from '../../batch/ndjson-lines.js';
import { UploadStopped, whileArriving } from '../../batch/while-arriving.js';
import type { DecisionLog } from '../../decision-log/decision-log.js';
import { problem } from '../../errors/problem.js';
import type { Language } from '../../messages/languages.js';
import { text } from '../../messages/text.js';
import type { ServiceMetrics } from '../../metrics/service-metrics.js';
import type { PolicyStore } from '../../registry/policy-store.js';
import { decisionLogging } from '../decision-logging.js';
import { BodyProblems } from '../json-body.js';
import { charsetProblem } from '../body-charset.js';
import { answerWhileArriving } from '../client-errors.js';
import { problemDetailsSchema } from '../problem-details.js';
import { sendProblems } from '../send-problems.js';

export interface EvaluationsRouteOptions {
  readonly store: PolicyStore;
  readonly now: () => number;
  readonly decisionLog: DecisionLog | undefined;
  readonly metrics: ServiceMetrics;
  /** The body limit, applied to each line: a batch itself may be any length. */
  readonly lineLimit: number;
  /** Milliseconds without a byte of the batch after which its answer ends with a REQUEST_TIMEOUT line (0: waits for ever). */
  readonly uploadStallMs: number;
}

const NDJSON_TYPES = new Set(['application/x-ndjson', 'application/jsonl']);
const NDJSON_REPLY_TYPE = 'application/x-ndjson; charset=utf-8';

/**
 * `POST /v1/evaluations`: NDJSON in, one decision (or problem) per line out, in order.
 * The body is read as a stream and answered as a stream pulled by the client, so a
 * batch of any length holds only a few lines in memory at a time, both ways.
 */
export async function evaluationsRoute(app: FastifyInstance, options: EvaluationsRouteOptions): Promise<void> {
  await app.register(async (scope) => {
    // In this scope only: the body stays a stream, and only NDJSON is accepted.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (request, payload, done) => {
      const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      const refused = NDJSON_TYPES.has(type) ? charsetProblem(request.headers['content-type']) : problem('UNSUPPORTED_MEDIA_TYPE', text('batch.mediaType'));
      if (!refused) return done(null, payload);
      payload.resume(); // drain what was sent, so the problem can be answered
      done(new BodyProblems([refused]), undefined);
    });
    scope.post(
      '/v1/evaluations',
      {
        schema: {
          tags: ['decisions'],
          summary: 'A batch: one evaluate request per NDJSON line in, one decision or problem per line out, in the same order.',
          consumes: [...NDJSON_TYPES],
          body: { type: 'string', description: 'NDJSON in UTF-8: one evaluate request (the body of POST /v1/evaluate) per line.' },
          response: {
            200: {
              description: 'NDJSON: per input line, in order, its decision or its problem details with its line number; a last REQUEST_TIMEOUT (or REQUEST_MALFORMED) line when the upload stops (or breaks off).',
              content: { 'application/x-ndjson': { schema: { type: 'string' } } },
            },
            '4xx': problemDetailsSchema,
          },
        },
        // Documented for the API description only: the body is a stream, and each line is validated as it arrives.
        validatorCompiler: () => () => true,
      },
      async (request, reply) => {
        if (!(request.body instanceof Readable)) return sendProblems(reply, [problem('UNSUPPORTED_MEDIA_TYPE', text('batch.mediaType'))]);
        const brokenOff = answerWhileArriving(request.raw);
        // An answer that ends before its upload did (stalled, broken off) closes the connection: the rest would be read as a new request.
        reply.raw.once('finish', () => {
          // (A request made by inject() has a stand-in socket, without end().)
          if (!request.raw.complete) (request.raw.socket as Partial<Socket> | null)?.end?.();
        });
        return reply.type(NDJSON_REPLY_TYPE).send(Readable.from(answers(request.body, brokenOff, request.log, request.language, options), { objectMode: false }));
      },
    );
  });
}

async function* answers(body: Readable, brokenOff: AbortSignal, log: FastifyBaseLogger, language: Language, { store, now, decisionLog, metrics, lineLimit, uploadStallMs }: EvaluationsRouteOptions): AsyncGenerator<string> {
  // One registry for the whole batch: a reload meanwhile does not change the terms between lines.
  const registry = store.current();
  const logged = decisionLogging(decisionLog, metrics);
  let answered = 0;
  try {
    for await (const line of ndjsonLines(whileArriving(body, uploadStallMs, brokenOff), lineLimit)) {
      answered = line.number;
      const answer = await answerLine(registry, line, now(), language);
      if (!answer.decision) {
        metrics.refused(answer.problems[0]?.code ?? 'REQUEST_INVALID');
        yield `${answer.text}\n`;
      } else if (logged(log, answer.request, answer.decision.decisionId, answer.decision.policy, answer.text)) {
        metrics.decided(answer.decision.policy, answer.decision.rebate?.eligible);
        yield `${answer.text}\n`;
      } else {
        yield `${refusedLine(line.number, language, [problem('DECISION_LOG_UNAVAILABLE', text('request.decisionLogUnavailable'))]).text}\n`;
      }
    }
  } catch (error) {
    if (!(error instanceof UploadStopped)) throw error;
    // The answer ends with a line that says so, rather than the connection being cut: the caller can tell it from a network fault.
    const next = answered + 1;
    const stopped =
      error.stalledMs === null
        ? problem('REQUEST_MALFORMED', text('batch.uploadBrokenOff', { line: String(next) }))
        : problem('REQUEST_TIMEOUT', text('batch.uploadStalled', { line: String(next), seconds: error.stalledMs / 1000 }));
    log.info({ answeredLines: answered, code: stopped.code }, 'batch upload stopped before its end');
    metrics.refused(stopped.code);
    yield `${refusedLine(next, language, [stopped]).text}\n`;
  }
}
