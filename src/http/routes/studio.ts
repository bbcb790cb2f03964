import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import { problem } from '../../errors/problem.js';
import { packageRoot } from '../package-files.js';
import { sendProblems } from '../send-problems.js';
import { studioApiRoutes } from './studio-api.js';
import type { StudioApiOptions } from './studio-api.js';
import { text } from '../../messages/text.js';

/** The languages the studio's catalogs (studio/messages/*.json) are written in; the first is the default. */
export const STUDIO_LANGUAGES = ['en', 'sv'] as const;

/** Built by `npm run build` (tools/build-studio.ts) from the studio/ folder. */
const ASSETS_DIR = join(packageRoot(), 'dist', 'studio');

/** Scripts and styles only from this origin: no inline script, no CDN. */
const contentSecurityPolicy = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    // CodeMirror writes style attributes and style elements from script (a stricter style-src blocks them; scripts stay 'self' only).
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    fontSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

/** `?lang=` when the switch chose one, else the best match of Accept-Language. */
export function studioLanguage(request: FastifyRequest): string {
  const asked = (request.query as Record<string, unknown> | undefined)?.['lang'];
  if (typeof asked === 'string' && (STUDIO_LANGUAGES as readonly string[]).includes(asked)) return asked;
  return new Negotiator(request).language([...STUDIO_LANGUAGES]) ?? STUDIO_LANGUAGES[0];
}

/**
 * The web page for legal at /studio, with its own security headers (the API and
 * /docs keep theirs): a static page and bundle, and the JSON it reads.
 */
export async function studioRoutes(app: FastifyInstance, options: StudioApiOptions): Promise<void> {
  app.get('/', { schema: { hide: true } }, (_request, reply) => reply.redirect('/studio/'));
  await app.register(async (studio) => {
    await studio.register(helmet, { contentSecurityPolicy });
    await studio.register(fastifyStatic, { root: ASSETS_DIR, prefix: '/studio/assets/', index: false });
    studio.get('/studio', { schema: { hide: true } }, (_request, reply) => reply.redirect('/studio/'));
    studio.get('/studio/', { schema: { hide: true } }, async (request, reply) => {
      let page: string;
      try {
        page = await readFile(join(ASSETS_DIR, 'index.html'), 'utf8');
      } catch {
        return sendProblems(reply, [problem('ROUTE_NOT_FOUND', text('request.studioNotBuilt'))]);
      }
      const language = studioLanguage(request);
      return reply
        .type('text/html; charset=utf-8')
        .header('vary', 'Accept-Language')
        .header('cache-control', 'no-cache')
        .send(page.replace('<html lang="en">', `<html lang="${language}">`));
    });
    studioApiRoutes(studio, options);
  });
}
