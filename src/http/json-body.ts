import type { FastifyInstance, FastifyRequest } from 'fastify';
import { problem } from '../errors/problem.js';
import type { Problem } from '../errors/problem.js';
import { readJsonText } from '../evaluate/json-text.js';
import { askedLanguage } from '../messages/languages.js';
import { text as sentence } from '../messages/text.js';
import { readUtf8Text } from '../model/utf8-text.js';
import { charsetProblem } from './body-charset.js';

/** Carries problems found while reading a body through fastify's error path to the error handler. */
export class BodyProblems extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(problems[0]?.message ?? 'bad body');
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The JSON body exactly as received; undefined for a request without one. */
    rawJsonBody: string | undefined;
  }
}

/** The body exactly as received, for requests with a JSON body. */
export function rawBodyOf(request: FastifyRequest): string | undefined {
  return request.rawJsonBody;
}

/** JSON bodies only, in UTF-8, parsed with a message that says where the JSON breaks, and no prototype keys. */
export function installJsonBodyParser(app: FastifyInstance): void {
  app.decorateRequest('rawJsonBody', undefined);
  app.removeAllContentTypeParsers();
  // Read as bytes: decoded as a string, bytes that are not UTF-8 would turn into U+FFFD unseen.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const wrongCharset = charsetProblem(request.headers['content-type']);
    if (wrongCharset) return done(new BodyProblems([wrongCharset]), undefined);
    const utf8 = readUtf8Text(body as Buffer);
    if (!utf8.ok) return done(new BodyProblems([problem('REQUEST_MALFORMED', sentence('request.bodyNotUtf8', { ...utf8.at }))]), undefined);
    const { text } = utf8;
    const read = readJsonText(text);
    if (!read.ok) {
      request.language = askedLanguage(read.value) ?? request.language;
      return done(new BodyProblems(read.problems), undefined);
    }
    request.rawJsonBody = text;
    done(null, read.value);
  });
}
