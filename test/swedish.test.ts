import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Decision, RequestFacts } from '../src/model/evaluate-request.js';
import { DecisionLog } from '../src/decision-log/decision-log.js';
import { basePolicyText, decide, openApp, policiesFolder, runCli } from './helpers.js';

const typicalMonth = JSON.parse(readFileSync('examples/typical-month.json', 'utf8'));

/** A decision without its text fields: what must be the same in every language. */
function withoutText(decision: Decision): unknown {
  const { explanation: _explanation, ...rest } = decision;
  if (!rest.rebate) return rest;
  return {
    ...rest,
    rebate: { ...rest.rebate, reasons: rest.rebate.reasons.map(({ code }) => ({ code })), incidents: rest.rebate.incidents.map(({ id, countedMinutes }) => ({ id, countedMinutes })) },
  };
}

async function decisionIn(facts: RequestFacts, lang: 'en' | 'sv', extra: { version?: string } = {}): Promise<Decision> {
  const result = await decide(facts, { ...extra, lang });
  if (!result.ok) throw new Error(`refused: ${result.problems.map((found) => found.code).join(', ')}`);
  return result.decision;
}

describe('a decision in Swedish', () => {
  it('writes an instant to the millisecond when it has milliseconds, as the English RFC 3339 text does', async () => {
    const facts = { period: '2026-10', charges: { amount: '480.00', currency: 'USD' }, claim: { filedAt: '2026-12-03T04:28:51.661Z' } };
    const [english, swedish] = [await decisionIn(facts, 'en'), await decisionIn(facts, 'sv')];
    const late = (decision: Decision): string | undefined => decision.rebate?.reasons.find(({ code }) => code === 'CLAIM_LATE')?.message;
    expect(late(english)).toContain('2026-12-03T04:28:51.661Z');
    expect(late(swedish)).toContain('kl. 04:28:51,661');
    // Whole seconds stay as they were: no ",000".
    expect(late(await decisionIn({ ...facts, claim: { filedAt: '2026-12-03T04:28:51Z' } }, 'sv'))).toContain('kl. 04:28:51 UTC');
  });

  it('reads the typical month in Swedish, with Swedish numbers, money, dates and the agreement’s own clauses', async () => {
    const decision = await decisionIn(typicalMonth.facts, 'sv');
    const text = decision.explanation.join('\n');
    expect(text).toContain('Drifttiden 99,0394 % understiger 100 %: rabatt 5 % (Rabattpolicy, raden <100).');
    expect(text).toContain('5 % av 480,00 USD är 24,00 USD.');
    expect(text).toContain('Att betala: 24,00 USD som kontokredit (Rabattpolicy, raden <100).');
    expect(decision.rebate?.incidents[0]?.notes[0]).toBe('räknas från kundens anmälan 3 oktober 2026 kl. 10:05 UTC');
    expect(text).toContain('8 arbetstimmar enligt kalendern business, senast måndag 2 november 2026 kl. 16:00');
    expect(decision.explanation).toMatchSnapshot();
  });

  it('counts plain minutes on a calendar open round the clock, working minutes on business hours, in both languages', async () => {
    const [english, swedish] = [(await decisionIn(typicalMonth.facts, 'en')).explanation.join('\n'), (await decisionIn(typicalMonth.facts, 'sv')).explanation.join('\n')];
    expect(english).toContain('breached by 55 minute(s) (Major problems');
    expect(english).toContain('not done yet, pending with 300 working minute(s) left');
    expect(swedish).toContain('tidsgränsen överskreds med 55 minuter (Viktiga problem');
    expect(swedish).toContain('har ännu inte skett, 300 arbetsminuter återstår');
  });

  it('explains a refused claim and a capped refund in Swedish', async () => {
    const decision = await decisionIn(
      { period: '2026-10', charges: { amount: '9000.00', currency: 'USD' }, incidents: [{ id: 'I', start: '2026-10-01T00:00:00Z', end: '2026-10-02T09:20:00Z', cause: 'provider', reportedAt: '2026-10-01T00:00:00Z' }], claim: { filedAt: '2026-12-01T00:00:00Z' } },
      'sv',
    );
    expect(decision.rebate?.reasons).toEqual([{ code: 'CLAIM_LATE', message: 'klagomålet registrerades 1 december 2026 kl. 00:00 UTC, för sent: perioden för klagomål stängde 1 december 2026 kl. 00:00 UTC' }]);
    expect(decision.explanation).toContain('75 % av 9\u00a0000,00 USD är 6\u00a0750,00 USD, dock högst 125,00 USD (Hur det fungerar: kontokredit eller återbetalning, dock högst $125 eller motsvarande).');
    expect(decision.explanation).toMatchSnapshot();
  });

  const instant = (from: number, span: number) => fc.integer({ min: 0, max: span }).map((offset) => new Date(from + offset * 60_000).toISOString());
  const october = Date.UTC(2026, 8, 25);
  const month = fc.record({
    incidents: fc.array(
      fc.record({ start: instant(october, 50_000), minutes: fc.integer({ min: 0, max: 5000 }), delay: fc.option(fc.integer({ min: 0, max: 600 })), cause: fc.constantFrom('provider', 'customer-coding') }),
      { maxLength: 5 },
    ),
    maintenance: fc.array(fc.record({ start: instant(october, 50_000), minutes: fc.integer({ min: 0, max: 600 }), noticeDays: fc.integer({ min: 0, max: 10 }) }), { maxLength: 2 }),
    claim: fc.option(instant(october + 30 * 86_400_000, 90_000)),
    cents: fc.integer({ min: 0, max: 10_000_000 }),
    tickets: fc.array(fc.record({ opened: instant(october, 50_000), priority: fc.constantFrom('major', 'non-urgent'), answeredAfter: fc.option(fc.integer({ min: 0, max: 3000 })) }), { maxLength: 3 }),
  });
  const toFacts = (drawn: typeof month extends fc.Arbitrary<infer T> ? T : never): RequestFacts => {
    const plus = (at: string, minutes: number) => new Date(Date.parse(at) + minutes * 60_000).toISOString();
    return {
      period: '2026-10',
      charges: { amount: (drawn.cents / 100).toFixed(2), currency: 'USD' },
      incidents: drawn.incidents.map((item, index) => ({ id: `I${index}`, start: item.start, end: plus(item.start, item.minutes), cause: item.cause, ...(item.delay === null ? {} : { reportedAt: plus(item.start, item.delay) }) })),
      maintenance: drawn.maintenance.map((item, index) => ({ id: `M${index}`, announcedAt: plus(item.start, -item.noticeDays * 1440), start: item.start, end: plus(item.start, item.minutes) })),
      ...(drawn.claim === null ? {} : { claim: { filedAt: drawn.claim } }),
      tickets: drawn.tickets.map((item, index) => ({ id: `T${index}`, priority: item.priority, openedAt: item.opened, ...(item.answeredAfter === null ? {} : { respondedAt: plus(item.opened, item.answeredAfter) }) })),
      asOf: '2026-11-15T12:00:00Z',
    };
  };

  it('differs from the English decision only in its text fields, for any month', async () => {
    await fc.assert(
      fc.asyncProperty(month, async (drawn) => {
        const facts = toFacts(drawn);
        const [english, swedish] = [await decisionIn(facts, 'en'), await decisionIn(facts, 'sv')];
        expect(withoutText(swedish)).toEqual(withoutText(english));
        expect(swedish.explanation.length).toBe(english.explanation.length);
        expect(swedish.rebate?.incidents.map((item) => item.notes.length)).toEqual(english.rebate?.incidents.map((item) => item.notes.length));
      }),
      { numRuns: 60 },
    );
  });
});

describe('Swedish over HTTP', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await openApp();
  });
  afterAll(() => app.close());

  const post = (body: unknown, acceptLanguage?: string) =>
    app.inject({ method: 'POST', url: '/v1/evaluate', headers: { 'content-type': 'application/json', ...(acceptLanguage === undefined ? {} : { 'accept-language': acceptLanguage }) }, payload: JSON.stringify(body) });

  for (const [header, language] of [['sv', 'sv'], ['sv-SE;q=0.9, en;q=0.5', 'sv'], ['en-GB', 'en'], ['fr', 'en']] as const) {
    it(`answers Accept-Language: ${header} in ${language} and says so in Content-Language`, async () => {
      const response = await post(typicalMonth, header);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-language']).toBe(language);
      expect(response.headers['vary']).toMatch(/accept-language/i);
      expect(response.json().explanation[0]).toMatch(language === 'sv' ? /^Beslutat enligt/ : /^Decided under/);
    });
  }

  it('answers any Accept-Language header, however malformed, in English or Swedish', async () => {
    const header = fc.oneof(fc.string(), fc.array(fc.tuple(fc.constantFrom('sv', 'sv-SE', 'en', 'en-GB', 'fr', '*', 'SV', ''), fc.option(fc.oneof(fc.double({ noNaN: true }), fc.string()))), { maxLength: 5 }).map((parts) => parts.map(([tag, q]) => (q === null ? tag : `${tag};q=${q}`)).join(',')));
    await fc.assert(
      fc.asyncProperty(header.filter((value) => /^[\t\x20-\x7e]*$/.test(value)), async (value) => {
        const response = await post(typicalMonth, value);
        expect(response.statusCode).toBe(200);
        expect(['en', 'sv']).toContain(response.headers['content-language']);
      }),
      { numRuns: 100 },
    );
  });

  it('lets the body’s lang win over Accept-Language', async () => {
    const response = await post({ ...typicalMonth, lang: 'sv' }, 'en');
    expect(response.headers['content-language']).toBe('sv');
    expect(response.json().explanation[0]).toMatch(/^Beslutat enligt/);
  });

  it('keeps English and Swedish apart in the decision cache, and every other field equal', async () => {
    const [english, swedish, englishAgain] = [await post(typicalMonth, 'en'), await post(typicalMonth, 'sv'), await post(typicalMonth, 'en')];
    expect(english.json().explanation[0]).toMatch(/^Decided under/);
    expect(swedish.json().explanation[0]).toMatch(/^Beslutat enligt/);
    expect(englishAgain.json().explanation).toEqual(english.json().explanation);
    const neutral = (decision: Decision) => ({ ...(withoutText(decision) as object), decisionId: '' });
    expect(neutral(swedish.json())).toEqual(neutral(english.json()));
  });

  it('writes a 422 problem in Swedish, codes and paths unchanged', async () => {
    const body = { policy: 'clicksend-sla', facts: { period: '2026-10', incidents: [{ id: 'I', start: '2026-10-01T00:00:00Z', end: '2026-10-01T01:00:00Z', cause: 'weather' }] } };
    const [english, swedish] = [await post(body, 'en'), await post(body, 'sv')];
    expect(swedish.statusCode).toBe(422);
    expect(swedish.headers['content-language']).toBe('sv');
    expect(swedish.json()).toEqual({
      type: '/problems/UNKNOWN_CAUSE',
      title: 'Okänd orsak till en störning',
      status: 422,
      detail: 'orsaken "weather" är inte känd i policyn; kända orsaker: provider, customer-coding, customer-configuration',
      code: 'UNKNOWN_CAUSE',
      errors: [{ code: 'UNKNOWN_CAUSE', path: '$.facts.incidents[0].cause', message: 'orsaken "weather" är inte känd i policyn; kända orsaker: provider, customer-coding, customer-configuration' }],
    });
    const { title: _t, detail: _d, errors, ...rest } = english.json();
    expect(rest).toEqual({ type: '/problems/UNKNOWN_CAUSE', status: 422, code: 'UNKNOWN_CAUSE' });
    expect(errors.map((found: { path: string }) => found.path)).toEqual(['$.facts.incidents[0].cause']);
  });

  it('writes schema and body problems in Swedish', async () => {
    const unknownKey = await post({ policy: 'clicksend-sla', facts: { period: '2026-10', extra: 1 } }, 'sv');
    expect(unknownKey.json().detail).toBe('okänd nyckel "extra" i facts; tillåtna här: period, charges, incidents, maintenance, claim, tickets, asOf, account');
    const malformed = await app.inject({ method: 'POST', url: '/v1/evaluate', headers: { 'content-type': 'application/json', 'accept-language': 'sv' }, payload: '' });
    expect(malformed.json()).toMatchObject({ title: 'Begärans innehåll är inte giltig JSON', detail: 'begärans innehåll är tomt; skicka ett JSON-objekt' });
  });

  it('serves /problems/:code in the language asked for', async () => {
    const swedish = await app.inject({ method: 'GET', url: '/problems/NO_SUCH_CODE', headers: { 'accept-language': 'sv' } });
    expect(swedish.statusCode).toBe(404);
    expect(swedish.json().detail).toBe('det finns ingen fel- eller orsakskod "NO_SUCH_CODE"');
    const reason = await app.inject({ method: 'GET', url: '/problems/CLAIM_LATE', headers: { 'accept-language': 'sv' } });
    expect(reason.json()).toMatchObject({ code: 'CLAIM_LATE', kind: 'reason', title: 'Klagomålet registrerades efter att perioden för klagomål stängt' });
    const page = await app.inject({ method: 'GET', url: '/problems/UNKNOWN_CAUSE', headers: { 'accept-language': 'sv' } });
    expect(page.json()).toEqual({ code: 'UNKNOWN_CAUSE', title: 'Okänd orsak till en störning', status: 422, fix: 'Använd en orsak som policyn listar som räknad eller undantagen.' });
  });

  it('does not claim the English documentation page is Swedish', async () => {
    const page = await app.inject({ method: 'GET', url: '/docs/', headers: { 'accept-language': 'sv' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-language']).toBeUndefined();
  });

  it('gives the policy title in the language asked for', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/policies/clicksend-sla', headers: { 'accept-language': 'sv' } });
    expect(response.json().versions[0].title).toBe('Servicenivåavtal – ClickSend');
  });
});

describe('Swedish in the CLI', () => {
  it('validates in Swedish with --lang sv', async () => {
    expect(await runCli('--lang', 'sv', 'validate')).toEqual({ code: 0, out: 'clicksend-sla: 1 version: 1.0.0 (publicerad, från 1 januari 2020)\n49 scenariofall kontrollerades', err: '' });
  });

  it('takes the language from LANG when --lang is not given', async () => {
    const saved = { LANG: process.env['LANG'], LC_ALL: process.env['LC_ALL'], LC_MESSAGES: process.env['LC_MESSAGES'] };
    try {
      delete process.env['LC_ALL'];
      delete process.env['LC_MESSAGES'];
      process.env['LANG'] = 'sv_SE.UTF-8';
      expect((await runCli('validate')).out).toBe('clicksend-sla: 1 version: 1.0.0 (publicerad, från 1 januari 2020)\n49 scenariofall kontrollerades');
      expect((await runCli('--lang', 'en', 'validate')).out).toBe('clicksend-sla: 1 version(s): 1.0.0 (published, from 2020-01-01)\n49 scenario case(s) checked');
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('writes --help in Swedish, every command and option described', async () => {
    const help = await runCli('--lang', 'sv', 'diff', '--help');
    expect(help.out).toContain('Användning: policy diff [options] <policy> <versionA> <versionB>');
    expect(help.out).toMatch(/Argument:\n {2}policy +policyns id/);
    expect(help.out).toMatch(/-p, --policies <dir> +policymappen \(standard: "\.\/policies"\)/);
    const root = await runCli('--lang', 'sv', '--help');
    for (const command of ['validate', 'evaluate', 'test', 'diff', 'replay', 'serve']) expect(root.out).toMatch(new RegExp(`\\n {2}${command} .*[a-zåäö]`));
    expect(root.out).toContain('Kommandon:');
  });

  it('refuses a language it does not offer', async () => {
    const result = await runCli('--lang', 'fr', 'validate');
    expect(result.code).not.toBe(0);
    expect(result.err).toMatch(/en, sv/);
  });

  it('evaluates a case file in Swedish', async () => {
    const result = await runCli('--lang', 'sv', 'evaluate', 'examples/typical-month.json');
    expect(JSON.parse(result.out).explanation[0]).toMatch(/^Beslutat enligt clicksend-sla version 1\.0\.0 \(publicerad, gäller från 1 januari 2020/);
  });
});

describe('languages and the rest of the product', () => {
  it('replays a decision logged in Swedish to no difference: replay compares the language-neutral fields', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'log-')), 'decisions.ndjson');
    const opened = DecisionLog.open(path);
    if (!opened.ok) throw new Error(opened.message);
    const { log } = opened;
    const app = await openApp('policies', { decisionLog: log });
    const body = { ...typicalMonth, facts: { ...typicalMonth.facts, claim: { filedAt: '2026-10-20T00:00:00Z' } } };
    const response = await app.inject({ method: 'POST', url: '/v1/evaluate', headers: { 'accept-language': 'sv' }, payload: body });
    expect(response.json().rebate.reasons[0].message).toMatch(/för tidigt/);
    await app.close();
    await log.close();
    expect(await runCli('replay', path)).toMatchObject({ code: 0, out: '1 decision(s) replayed, 0 would now differ' });
    expect(await runCli('--lang', 'sv', 'replay', path)).toMatchObject({ code: 0, out: '1 beslut prövades på nytt, 0 skulle nu utfalla annorlunda' });
  });

  const withTitle = (title: string, status = 'published') =>
    policiesFolder({ 'clicksend-sla/1.0.0.yaml': basePolicyText.replace(/^title:\n {2}en: .*\n {2}sv: .*\n/m, title).replace('status: published', `status: ${status}`) });

  it('warns, without refusing, when a published text written per language lacks one the service offers', async () => {
    const dir = withTitle('title:\n  en: ClickSend service level agreement\n');
    const result = await runCli('validate', dir);
    expect(result.code).toBe(0);
    const titleLine = basePolicyText.split('\n').findIndex((line) => line.startsWith('title:')) + 1;
    expect(result.err).toBe(`warning ${join(dir, 'clicksend-sla/1.0.0.yaml')}:${titleLine}:1 TEXT_LANGUAGE_MISSING this text is not written in Swedish, a language the service offers; readers of Swedish will see it in English`);
    expect((await runCli('--lang', 'sv', 'validate', dir)).err).toMatch(/varning .*TEXT_LANGUAGE_MISSING texten finns inte på svenska, ett språk som tjänsten erbjuder; den som läser på svenska får den på engelska$/);
    const app = await openApp(dir);
    const listed = await app.inject({ method: 'GET', url: '/v1/policies/clicksend-sla', headers: { 'accept-language': 'sv' } });
    expect(listed.json().versions[0].title).toBe('ClickSend service level agreement');
    await app.close();
  });

  it('does not warn for a draft, nor for a text written once for every language', async () => {
    expect((await runCli('validate', withTitle('title:\n  en: ClickSend service level agreement\n', 'draft'))).err).toBe('');
    expect((await runCli('validate', withTitle('title: ClickSend service level agreement\n'))).err).toBe('');
  });

  it('refuses a text in a language the service does not offer, or of the wrong kind', async () => {
    const unknown = await runCli('validate', withTitle('title:\n  en: ClickSend\n  de: ClickSend\n'));
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('SCHEMA_UNKNOWN_KEY unknown key "de" in title; allowed here: en, sv');
    const wrongKind = await runCli('validate', withTitle('title: [ClickSend]\n'));
    expect(wrongKind.err).toContain('SCHEMA_WRONG_TYPE title must be text or a block of keys, not a list');
  });

  it('quotes a rule of legal’s own in the language asked for', async () => {
    const rule = 'rules:\n  - id: trial\n    when: { all: [{ fact: account, path: $.plan, operator: equal, value: trial }] }\n    then:\n      outcome: ineligible\n      code: TRIAL_ACCOUNT\n      message:\n        en: trial accounts are not covered by the SLA\n        sv: provkonton omfattas inte av servicenivåavtalet\n';
    const dir = policiesFolder({ 'clicksend-sla/1.0.0.yaml': basePolicyText.replace('rules: []\n', rule) });
    const app = await openApp(dir);
    const body = { ...typicalMonth, facts: { ...typicalMonth.facts, account: { plan: 'trial' } } };
    const [english, swedish] = [await app.inject({ method: 'POST', url: '/v1/evaluate', payload: body }), await app.inject({ method: 'POST', url: '/v1/evaluate', headers: { 'accept-language': 'sv' }, payload: body })];
    expect(english.json()).toMatchObject({ rebate: { eligible: false } });
    expect(english.json().rebate.reasons).toEqual([{ code: 'TRIAL_ACCOUNT', message: 'trial accounts are not covered by the SLA' }]);
    expect(swedish.json().rebate.reasons).toEqual([{ code: 'TRIAL_ACCOUNT', message: 'provkonton omfattas inte av servicenivåavtalet' }]);
    await app.close();
  });
});
