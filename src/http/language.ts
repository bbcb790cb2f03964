import type { FastifyInstance } from 'fastify';
import { DEFAULT_LANGUAGE, isLanguage, negotiateLanguage } from '../messages/languages.js';
import type { Language } from '../messages/languages.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The language of the response's text: the body's `lang`, else Accept-Language, else English. */
    language: Language;
  }
}

/** Picks each request's language and says which one the response is in (Content-Language). */
export function installLanguage(app: FastifyInstance): void {
  app.decorateRequest('language', DEFAULT_LANGUAGE);
  app.addHook('onRequest', async (request) => {
    request.language = negotiateLanguage(request.headers['accept-language']);
  });
  app.addHook('preHandler', async (request) => {
    const asked = (request.body as { lang?: unknown } | null | undefined)?.lang;
    if (isLanguage(asked)) request.language = asked;
  });
  // The API's JSON answers are written in the language; the documentation pages are English only.
  app.addHook('onSend', async (request, reply) => {
    if (!/^application\/(problem\+)?json/.test(String(reply.getHeader('content-type') ?? ''))) return;
    reply.header('content-language', request.language);
    const vary = reply.getHeader('vary');
    reply.header('vary', vary ? `${String(vary)}, accept-language` : 'accept-language');
  });
}
