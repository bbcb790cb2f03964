import type { FastifyInstance, FastifyRequest } from 'fastify';
import { problem } from '../errors/problem.js';
import type { JsonPath, Problem } from '../errors/problem.js';

/** Carries problems found while reading a body through fastify's error path to the error handler. */
export class BodyProblems extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(problems[0]?.message ?? 'bad body');
  }
}

/** Keys that would reach an object's prototype if the body were ever merged into another object. */
function findPoisonedKey(value: unknown, path: JsonPath): JsonPath | null {
  if (value === null || typeof value !== 'object') return null;
  for (const [key, child] of Object.entries(value)) {
    if (key === '__proto__' || (key === 'constructor' && child !== null && typeof child === 'object' && 'prototype' in child)) return [...path, key];
    const found = findPoisonedKey(child, [...path, Array.isArray(value) ? Number(key) : key]);
    if (found) return found;
  }
  return null;
}

const rawBodies = new WeakMap<FastifyRequest, string>();

/** The body exactly as received, for requests with a JSON body. */
export function rawBodyOf(request: FastifyRequest): string | undefined {
  return rawBodies.get(request);
}

/** JSON bodies only, parsed with a message that says where the JSON breaks, and no prototype keys. */
export function installJsonBodyParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(new BodyProblems([problem('REQUEST_MALFORMED', 'the body is empty; send a JSON object')]), undefined);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return done(new BodyProblems([problem('REQUEST_MALFORMED', `the body is not valid JSON: ${(error as Error).message}`)]), undefined);
    }
    const poisoned = text.includes('__proto__') || text.includes('constructor') ? findPoisonedKey(parsed, []) : null;
    if (poisoned) return done(new BodyProblems([problem('REQUEST_INVALID', `the key "${String(poisoned[poisoned.length - 1])}" is not allowed`, poisoned)]), undefined);
    rawBodies.set(request, text);
    done(null, parsed);
  });
}
