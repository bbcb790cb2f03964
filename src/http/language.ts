import type { FastifyInstance } from 'fastify';
import { askedLanguage, DEFAULT_LANGUAGE, negotiateLanguage } from '../messages/languages.js';
import type { Language } from '../messages/languages.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The language of the response's text: the body's `lang`, else Accept-Language, else English. */
    language: Language;
  }
}

const TEXT_ANSWER = /^application\/(json|problem\+json|x-ndjson)/;

/** Picks each request's language and says which one the response is in (Content-Language). */
export function installLanguage(app: FastifyInstance): void {
  app.decorateRequest('language', DEFAULT_LANGUAGE);
  // Hooks with a callback, not async: every request runs them, and a promise each costs more than the hook.
  app.addHook('onRequest', (request, _reply, done) => {
    request.language = negotiateLanguage(request.headers['accept-language']);
    done();
  });
  // Before validation, so that a body asking for Swedish has its schema errors in Swedish too.
  app.addHook('preValidation', (request, _reply, done) => {
    request.language = askedLanguage(request.body) ?? request.language;
    done();
  });
  // The API's answers (JSON, problem details, a batch's NDJSON) are written in the language; the documentation pages are English only.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (TEXT_ANSWER.test(String(reply.getHeader('content-type') ?? ''))) {
      reply.header('content-language', request.language);
      const vary = reply.getHeader('vary');
      reply.header('vary', vary ? `${String(vary)}, accept-language` : 'accept-language');
    }
    done(null, payload);
  });
}
