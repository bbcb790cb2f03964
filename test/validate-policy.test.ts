import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { basePolicyText, copyPolicies, openApp } from './helpers.js';

let app: FastifyInstance;
let dir: string;

beforeAll(async () => {
  dir = copyPolicies();
  app = await openApp(dir);
});
afterAll(() => app.close());

const validate = (body: unknown) => app.inject({ method: 'POST', url: '/v1/policies/validate', payload: body as Record<string, unknown> });
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((line) => line.includes(needle)) + 1;
const draftOf = (edit: (text: string) => string) => edit(basePolicyText.replace('version: "1.0.0"', 'version: "1.1.0"').replace('status: published', 'status: draft'));

describe('POST /v1/policies/validate', () => {
  it('accepts a loaded version as it stands and names its sha256', async () => {
    const response = await validate({ text: basePolicyText, file: 'clicksend-sla/1.0.0.yaml' });
    expect(response.statusCode).toBe(200);
    const loaded = (await app.inject({ url: '/v1/policies/clicksend-sla' })).json().versions[0];
    expect(response.json()).toMatchObject({ valid: true, sha256: loaded.sha256, policy: { id: 'clicksend-sla', version: '1.0.0', status: 'published' }, diagnostics: [] });
  });

  it('places each mistake at its line and column, as the CLI prints it', async () => {
    const text = draftOf((policy) => policy.replace('USD: "125.00"', 'USD: "125.00"\n    XX: "1.00"').replace('countFrom: report', 'countFrom: reprot'));
    const body = (await validate({ text })).json();
    expect(body.valid).toBe(false);
    const byPath = Object.fromEntries(body.diagnostics.map((diagnostic: { path: string }) => [diagnostic.path, diagnostic]));
    expect(byPath['$.downtime.countFrom']).toMatchObject({ code: 'SCHEMA_INVALID_VALUE', line: lineOf(text, 'countFrom: reprot'), col: 14, file: 'draft.yaml' });
    expect(byPath['$.rebate.caps.XX']).toMatchObject({ line: lineOf(text, 'XX: "1.00"'), col: 5 });
    expect(byPath['$.downtime.countFrom'].text).toBe(`draft.yaml:${lineOf(text, 'countFrom: reprot')}:14 SCHEMA_INVALID_VALUE ${byPath['$.downtime.countFrom'].message}`);
  });

  it('reports broken YAML at the line it breaks, and checks the file name against id and version when given', async () => {
    const broken = draftOf((policy) => policy.replace('  timeZone: UTC\n  clause', '  timeZone: [UTC\n  clause'));
    const syntax = (await validate({ text: broken })).json();
    expect(syntax.diagnostics[0]).toMatchObject({ code: 'YAML_SYNTAX' });
    expect(syntax.diagnostics[0].line).toBeGreaterThanOrEqual(lineOf(broken, 'timeZone: [UTC'));
    const misplaced = (await validate({ text: draftOf((policy) => policy), file: 'clicksend-sla/2.0.0.yaml' })).json();
    expect(misplaced.diagnostics.map((diagnostic: { code: string }) => diagnostic.code)).toEqual(['VERSION_MISMATCH']);
  });

  it('writes nothing and serves nothing', async () => {
    const before = readdirSync(join(dir, 'clicksend-sla')).map((name) => [name, statSync(join(dir, 'clicksend-sla', name)).mtimeMs]);
    expect((await validate({ text: draftOf((policy) => policy) })).json().valid).toBe(true);
    expect(readdirSync(join(dir, 'clicksend-sla')).map((name) => [name, statSync(join(dir, 'clicksend-sla', name)).mtimeMs])).toEqual(before);
    expect((await app.inject({ url: '/v1/policies/clicksend-sla' })).json().versions.map((version: { version: string }) => version.version)).toEqual(['1.0.0']);
  });

  it('refuses a body that is not a policy text with a problem, never a 500', async () => {
    for (const body of [{}, { text: 42 }, { text: 'x', extra: 1 }, { text: 'a'.repeat(300 * 1024) }, { text: 'x', file: 'a\u0000b' }]) {
      const response = await validate(body);
      expect(response.statusCode, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(response.json().code).toBe('REQUEST_INVALID');
    }
    for (const text of ['', '[', '- a\n- b', 'null', '&a [*a]', `${'['.repeat(5000)}`]) {
      const response = await validate({ text });
      expect(response.statusCode).toBe(200);
      expect(response.json().valid).toBe(false);
    }
  });
});

describe('the OpenAPI document', () => {
  it('carries example bodies that run as they stand', async () => {
    const document = (await app.inject({ url: '/docs/json' })).json();
    const example = (path: string) => document.paths[path].post.requestBody.content['application/json'].example;
    const evaluated = await app.inject({ method: 'POST', url: '/v1/evaluate', payload: example('/v1/evaluate') });
    expect(evaluated.statusCode).toBe(200);
    expect(evaluated.json().rebate.amount).toMatch(/^\d+\.\d{2}$/);
    expect((await validate(example('/v1/policies/validate'))).json().valid).toBe(true);
  });
});

describe('the studio routes', () => {
  it('redirects / to the studio and serves the page with a CSP that allows no inline script', async () => {
    expect((await app.inject({ url: '/' })).headers.location).toBe('/studio/');
    const page = await app.inject({ url: '/studio/', headers: { 'accept-language': 'sv-SE,sv;q=0.9,en;q=0.5' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="sv">');
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toContain("default-src 'self'");
    expect((await app.inject({ url: '/studio/?lang=en', headers: { 'accept-language': 'sv' } })).body).toContain('<html lang="en">');
    expect((await app.inject({ url: '/studio/assets/studio.js' })).statusCode).toBe(200);
  });

  it('leaves the API and /docs without the studio\'s CSP, so the docs page keeps working', async () => {
    expect((await app.inject({ url: '/docs/static/index.html' })).headers['content-security-policy']).toBeUndefined();
    expect((await app.inject({ url: '/healthz' })).headers['content-security-policy']).toBeUndefined();
  });

  it('names the line of every term: each key path points at the line that writes that key', async () => {
    const source = (await app.inject({ url: '/studio/api/policies/clicksend-sla/versions/1.0.0' })).json();
    const lines = source.text.split('\n');
    const paths = Object.entries(source.lines as Record<string, number>);
    expect(paths.length).toBeGreaterThan(50);
    for (const [path, line] of paths) {
      const key = /\.([\w-]+)$/.exec(path)?.[1];
      if (key) expect(lines[line - 1], path).toMatch(new RegExp(`^\\s*(- )?${key}:`));
    }
    const tiers = parse(source.text).rebate.tiers as unknown[];
    tiers.forEach((_, index) => expect(lines[source.lines[`$.rebate.tiers[${index}]`] - 1]).toContain('- uptimeBelow:'));
  });

  it('shows the in-force version of today, and the example months (the README example first, then the scenario cases)', async () => {
    const list = (await app.inject({ url: '/studio/api/policies' })).json();
    expect(list.policies[0]).toMatchObject({ id: 'clicksend-sla', inForce: '1.0.0' });
    const cases = (await app.inject({ url: '/studio/api/policies/clicksend-sla/cases' })).json().cases;
    expect(cases[0].request).toEqual(JSON.parse(readFileSync('examples/typical-month.json', 'utf8')));
    expect(cases.length).toBeGreaterThan(10);
  });

  it('compares a draft with a loaded version through the scenario cases, and evaluates under the draft', async () => {
    const text = draftOf((policy) => policy.replace('USD: "125.00"', 'USD: "20.00"'));
    const compared = (await app.inject({ method: 'POST', url: '/studio/api/draft/compare', payload: { text, against: { id: 'clicksend-sla', version: '1.0.0' } } })).json();
    expect(compared.terms).toEqual([{ path: '$.rebate.caps.USD', before: '125.00', after: '20.00' }]);
    expect(compared.changed.length).toBeGreaterThan(0);
    const changedPaths = new Set(compared.changed.flatMap((changed: { differences: { path: string }[] }) => changed.differences.map((difference) => difference.path)));
    expect([...changedPaths].sort()).toEqual(['$.rebate.amount', '$.rebate.capped']);
    const request = JSON.parse(readFileSync('examples/typical-month.json', 'utf8'));
    const decision = (await app.inject({ method: 'POST', url: '/studio/api/draft/evaluate', payload: { text, request } })).json();
    expect(decision.policy.version).toBe('1.1.0');
    expect(decision.rebate).toMatchObject({ amount: '20.00', capped: true });
    const broken = await app.inject({ method: 'POST', url: '/studio/api/draft/evaluate', payload: { text: 'id: [', request } });
    expect(broken.statusCode).toBe(400);
  });

  it('draws the month from the same spans the decision counts', async () => {
    const request = JSON.parse(readFileSync('examples/typical-month.json', 'utf8'));
    const { timeline } = (await app.inject({ method: 'POST', url: '/studio/api/timeline', payload: { request } })).json();
    const decision = (await app.inject({ method: 'POST', url: '/v1/evaluate', payload: request })).json();
    expect(timeline.claimWindow).toEqual({ start: '2026-11-01T00:00:00.000Z', end: '2026-12-01T00:00:00.000Z' });
    expect(Date.parse(timeline.claimWindow.start)).toBe(Date.parse(decision.rebate.claimWindow.opensAt));
    for (const incident of timeline.incidents) {
      const counted = decision.rebate.incidents.find((found: { id: string }) => found.id === incident.id).countedMinutes;
      expect(incident.counted === null).toBe(counted === 0);
    }
    expect(timeline.maintenance).toEqual([expect.objectContaining({ id: 'MW-1', scheduled: true })]);
  });
});

describe('the draft routes under arbitrary input', () => {
  /** A policy text with one line replaced, dropped or doubled: the mistakes an editor makes. */
  const editedText = fc.tuple(fc.nat(), fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('', '  - ', 'USD: 1', ': :', '[', '"', '  bogus: 1', '\t'))).map(([at, replacement]) => {
    const lines = basePolicyText.split('\n');
    lines.splice(at % lines.length, at % 3, ...(at % 3 === 2 ? [] : [replacement]));
    return lines.join('\n');
  });

  it('answers an alias to no anchor with a YAML problem at the alias (found by the property below)', async () => {
    const response = await validate({ text: `${basePolicyText}\nextra: *nowhere\n` });
    expect(response.statusCode).toBe(200);
    expect(response.json().diagnostics).toContainEqual(expect.objectContaining({ code: 'YAML_SYNTAX', line: basePolicyText.split('\n').length + 1, col: 8 }));
  });

  it('answers every text with diagnostics placed inside the text, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(editedText, fc.string({ maxLength: 300 })), async (text) => {
        const response = await validate({ text });
        expect(response.statusCode).toBe(200);
        const body = response.json();
        expect(body.valid).toBe(body.diagnostics.length === 0);
        const lines = text.split('\n').length;
        for (const diagnostic of body.diagnostics) {
          expect(diagnostic.line).toBeGreaterThanOrEqual(1);
          expect(diagnostic.line).toBeLessThanOrEqual(lines);
          expect(diagnostic.col).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('answers any JSON sent to the studio\'s routes with a decision, a picture or a problem, never a 500', async () => {
    const routes = ['/studio/api/draft/compare', '/studio/api/draft/evaluate', '/studio/api/timeline', '/v1/policies/validate'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.jsonValue(), async (url, body) => {
        const response = await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) ?? 'null' });
        expect(response.statusCode).toBeLessThan(500);
      }),
      { numRuns: 200 },
    );
  });

  it('compares, evaluates and draws under edited drafts without a 500', async () => {
    const request = JSON.parse(readFileSync('examples/typical-month.json', 'utf8'));
    await fc.assert(
      fc.asyncProperty(editedText, async (text) => {
        const answers = await Promise.all([
          app.inject({ method: 'POST', url: '/studio/api/draft/compare', payload: { text, against: { id: 'clicksend-sla', version: '1.0.0' } } }),
          app.inject({ method: 'POST', url: '/studio/api/draft/evaluate', payload: { text, request } }),
          app.inject({ method: 'POST', url: '/studio/api/timeline', payload: { request, draft: { text } } }),
        ]);
        for (const answer of answers) expect(answer.statusCode, answer.body.slice(0, 200)).toBeLessThan(500);
      }),
      { numRuns: 40 },
    );
  });
});
