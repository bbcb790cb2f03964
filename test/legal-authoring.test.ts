import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate/evaluate.js';
import type { RequestFacts } from '../src/model/evaluate-request.js';
import { loadPolicies } from '../src/registry/load-policies.js';
import { termsPolicyText, version110Text, withSwedishHolidays } from './authoring-fixtures.js';
import { basePolicyText, FIXED_NOW, incident, OCTOBER, openApp, policiesFolder } from './helpers.js';

const V1 = 'clicksend-sla/1.0.0.yaml';
const V110 = 'clicksend-sla/1.1.0.yaml';

async function decideIn(files: Record<string, string>, facts: RequestFacts, version?: string, lang?: 'en' | 'sv') {
  const { registry, diagnostics } = await loadPolicies(policiesFolder(files));
  expect(diagnostics.map((d) => d.message)).toEqual([]);
  const result = await evaluate(registry, { policy: 'clicksend-sla', facts, explain: 'trace', ...(version ? { version } : {}), ...(lang ? { lang } : {}) }, { now: FIXED_NOW, decisionId: 'test' });
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.code} ${p.message}`).join('; '));
  const { trace } = result.decision;
  if (!trace) throw new Error('expected the trace asked for');
  return { ...result.decision, trace };
}

const downMinutes = (minutes: number) => [incident('INC-1', '2026-10-10T00:00:00Z', new Date(Date.parse('2026-10-10T00:00:00Z') + minutes * 60_000).toISOString())];
const month = (minutes: number, plan: string, amount = '480.00'): RequestFacts => ({ ...OCTOBER, charges: { amount, currency: 'USD' }, incidents: downMinutes(minutes), account: { plan } });

describe('rules that set terms for the accounts they match', () => {
  it('an enterprise account gets its own cap: 75% of 480.00 is 360.00, capped at 250.00 rather than 125.00', async () => {
    // 1729 minutes: (43200 - 1729) / 43200 = 95.9977% < 96 -> 75%.
    const enterprise = await decideIn({ [V1]: termsPolicyText }, month(1729, 'enterprise'));
    expect(enterprise.rebate).toMatchObject({ rebatePercent: 75, amount: '250.00', capped: true, remedy: 'refund' });
    expect(enterprise.explanation).toContain('Terms for this account: cap 250.00 USD instead of 125.00 USD (rule enterprise-cap (Enterprise addendum 2: cap 250 USD, paid as refund)).');
    expect(enterprise.explanation).toContain('75% of 480.00 USD is 360.00 USD, capped at 250.00 USD (Enterprise addendum 2: cap 250 USD, paid as refund).');
    expect(enterprise.trace.find((entry) => entry.rule === 'terms-enterprise-cap')?.conditions[0]).toMatchObject({ fact: 'account', path: '$.plan', factValue: 'enterprise', result: true });
    const basic = await decideIn({ [V1]: termsPolicyText }, month(1729, 'basic'));
    expect(basic.rebate).toMatchObject({ rebatePercent: 75, amount: '125.00', capped: true });
    expect(basic.trace.some((entry) => entry.rule.startsWith('terms-'))).toBe(false);
  });

  it('under the enterprise cap nothing is capped: 75% of 300.00 is 225.00', async () => {
    expect((await decideIn({ [V1]: termsPolicyText }, month(1729, 'enterprise', '300.00'))).rebate).toMatchObject({ amount: '225.00', capped: false });
  });

  it('a premium account earns 5 points more: exactly 99% earns 5% + 5 = 10% of 480.00 = 48.00, paid by the tier remedy', async () => {
    const premium = await decideIn({ [V1]: termsPolicyText }, month(432, 'premium'));
    expect(premium.rebate).toMatchObject({ rebatePercent: 10, amount: '48.00', remedy: 'credit' });
    expect(premium.explanation).toContain('Terms for this account: rebate 5% becomes 10% (rule premium-extra (Premium addendum 1: five points more)).');
  });

  it('a floor lifts 10% to 25% (120.00), and a month that earns nothing still earns nothing', async () => {
    expect((await decideIn({ [V1]: termsPolicyText }, month(433, 'gold'))).rebate).toMatchObject({ rebatePercent: 25, amount: '120.00' });
    const perfect = await decideIn({ [V1]: termsPolicyText }, month(0, 'gold'));
    expect(perfect.rebate).toMatchObject({ rebatePercent: 0, amount: '0.00', eligible: false });
    expect(perfect.rebate?.reasons.map((reason) => reason.code)).toEqual(['NO_REBATE_EARNED']);
  });

  it('the enterprise remedy is a refund where the tier pays credit', async () => {
    expect((await decideIn({ [V1]: termsPolicyText }, month(433, 'enterprise'))).rebate).toMatchObject({ rebatePercent: 10, amount: '48.00', remedy: 'refund' });
  });

  it('a premium contract has major action within 15 minutes: action at 10:20 is breached for it and met for others', async () => {
    const ticket = { id: 'T-1', priority: 'major', openedAt: '2026-10-03T10:00:00Z', actionAt: '2026-10-03T10:20:00Z', respondedAt: '2026-10-03T11:00:00Z' };
    const premium = await decideIn({ [V1]: termsPolicyText }, { tickets: [ticket], asOf: '2026-10-04T00:00:00Z', account: { contract: 'premium' } });
    expect(premium.support?.[0]).toMatchObject({ action: { dueAt: '2026-10-03T10:15:00Z', status: 'breached', targetMinutes: 15 }, response: { dueAt: '2026-10-03T12:00:00Z', status: 'met' } });
    expect(premium.explanation.some((line) => line.includes('action target 15 minute(s) on the round-the-clock calendar for this account (rule premium-contract-major (Premium support: action within 15 minutes))'))).toBe(true);
    expect(premium.trace.some((entry) => entry.subject === 'ticket:T-1' && entry.rule === 'terms-premium-contract-major')).toBe(true);
    const other = await decideIn({ [V1]: termsPolicyText }, { tickets: [ticket], asOf: '2026-10-04T00:00:00Z', account: { contract: 'standard' } });
    expect(other.support?.[0]).toMatchObject({ action: { dueAt: '2026-10-03T10:30:00Z', status: 'met', targetMinutes: 30 } });
  });
});

describe('holidays that recur', () => {
  const nonUrgent = (openedAt: string, asOf = openedAt) => ({ tickets: [{ id: 'T-1', priority: 'non-urgent', openedAt }], asOf });

  it('Midsummer Eve 2027 (Friday 25 June) is closed: Thursday 16:00 + 8 working hours is Monday 16:00, and the explanation names it', async () => {
    // Thu 16-17 (1h); Fri 25 Midsummer Eve closed; Sat 26 Midsummer Day; Mon 28 09:00 + 7h = 16:00.
    const decision = await decideIn({ [V1]: withSwedishHolidays(basePolicyText) }, nonUrgent('2027-06-24T16:00:00+02:00'));
    expect(decision.support?.[0]?.action.dueAt).toBe('2027-06-28T16:00:00+02:00');
    expect(decision.explanation.some((line) => line.includes('holidays that moved the due time: Fri 2027-06-25 Midsummer Eve (closed)'))).toBe(true);
    const without = await decideIn({ [V1]: basePolicyText }, nonUrgent('2027-06-24T16:00:00+02:00'));
    expect(without.support?.[0]?.action.dueAt).toBe('2027-06-25T16:00:00+02:00');
  });

  it("New Year's Eve is a half day (09:00-13:00): Friday 10:00 + 8 working hours is Monday 14:00", async () => {
    // Fri 2027-12-31 10-13 (3h); 1-2 January 2028 a weekend; Mon 3 09:00 + 5h = 14:00.
    const decision = await decideIn({ [V1]: withSwedishHolidays(basePolicyText) }, nonUrgent('2027-12-31T10:00:00+01:00'));
    expect(decision.support?.[0]?.action.dueAt).toBe('2028-01-03T14:00:00+01:00');
    expect(decision.explanation.some((line) => line.includes("Fri 2027-12-31 New Year's Eve (open 09:00-13:00 only)"))).toBe(true);
  });

  it('an excluded holiday (Epiphany, Wednesday 6 January 2027) is a working day', async () => {
    // Tue 16-17 (1h); Wed 6 09:00 + 7h = 16:00.
    const decision = await decideIn({ [V1]: withSwedishHolidays(basePolicyText) }, nonUrgent('2027-01-05T16:00:00+01:00'));
    expect(decision.support?.[0]?.action.dueAt).toBe('2027-01-06T16:00:00+01:00');
  });

  it('recurs without any date typed in: National Day, Sunday 6 June 2032, is no working day anyway, Ascension Day 2032 (6 May) is closed', async () => {
    // Wed 2032-05-05 16-17 (1h); Thu 6 May Ascension Day closed; Fri 7 09:00 + 7h = 16:00.
    const decision = await decideIn({ [V1]: withSwedishHolidays(basePolicyText) }, nonUrgent('2032-05-05T16:00:00+02:00'));
    expect(decision.support?.[0]?.action.dueAt).toBe('2032-05-07T16:00:00+02:00');
    expect(decision.explanation.some((line) => line.includes('Thu 2032-05-06 Ascension Day (closed)'))).toBe(true);
  });

  it('a date listed under holidays wins over the list: Christmas Eve 2026 open 09:00-12:00', async () => {
    const text = withSwedishHolidays(basePolicyText).replace('    holidays: []', '    holidays:\n      - date: "2026-12-24"\n        name: Christmas Eve, short\n        openingHours: ["09:00-12:00"]');
    // Thu 24 Dec 09:00 opened: 3h that day; 25 Christmas Day and 26 Boxing Day closed; Mon 28 09:00 + 5h = 14:00.
    const decision = await decideIn({ [V1]: text }, nonUrgent('2026-12-24T09:00:00+01:00'));
    expect(decision.support?.[0]?.action.dueAt).toBe('2026-12-28T14:00:00+01:00');
  });

  it('names each holiday in the language of the answer: the list in Swedish, a listed day as written for each language', async () => {
    const text = withSwedishHolidays(basePolicyText).replace('    holidays: []', '    holidays:\n      - date: "2026-12-24"\n        name: { en: "Christmas Eve, short day", sv: "julafton, kort dag" }\n        openingHours: ["09:00-12:00"]');
    const midsummer = (lang: 'en' | 'sv') => decideIn({ [V1]: text }, nonUrgent('2027-06-24T16:00:00+02:00'), undefined, lang);
    const movedBy = (decision: { explanation: readonly string[] }) => decision.explanation.find((line) => line.startsWith('Ticket') || line.startsWith('Ärende')) ?? '';
    expect(movedBy(await midsummer('sv'))).toContain('fre 25 juni 2027 midsommarafton');
    expect(movedBy(await midsummer('en'))).toContain('Fri 2027-06-25 Midsummer Eve (closed)');
    const christmas = (lang: 'en' | 'sv') => decideIn({ [V1]: text }, nonUrgent('2026-12-23T16:00:00+01:00'), undefined, lang);
    expect(movedBy(await christmas('sv'))).toContain('julafton, kort dag');
    expect(movedBy(await christmas('en'))).toContain('Thu 2026-12-24 Christmas Eve, short day (open 09:00-12:00 only)');
    expect(movedBy(await christmas('sv'))).toContain('juldagen');
  });
});

describe('tickets under the terms of their day', () => {
  // Opened Thursday 2026-12-31 16:00 Stockholm, a non-urgent ticket: 8 working hours.
  const ticket = { id: 'T-1', priority: 'non-urgent', openedAt: '2026-12-31T16:00:00+01:00' };

  it('is judged by 1.0.0 (in force when it was opened), not by 1.1.0 in force at asOf: due New Year\'s Day 16:00', async () => {
    // 1.0.0 has no holidays: Thu 16-17 (1h), Fri 1 January 09:00 + 7h = 16:00.
    const decision = await decideIn({ [V1]: basePolicyText, [V110]: version110Text }, { tickets: [ticket], asOf: '2027-01-05T12:00:00+01:00' });
    expect(decision.policy.version).toBe('1.1.0');
    expect(decision.support?.[0]).toMatchObject({ policyVersion: '1.0.0', action: { dueAt: '2027-01-01T16:00:00+01:00', status: 'breached' } });
    expect(decision.explanation.some((line) => line.includes('Judged under version 1.0.0') && line.includes('in force when the ticket was opened'))).toBe(true);
  });

  it('the same ticket asked about before the new version started gets the same answer', async () => {
    const decision = await decideIn({ [V1]: basePolicyText, [V110]: version110Text }, { tickets: [ticket], asOf: '2026-12-31T16:30:00+01:00' });
    expect(decision.support?.[0]).toMatchObject({ policyVersion: '1.0.0', action: { dueAt: '2027-01-01T16:00:00+01:00', status: 'pending' } });
  });

  it('under 1.1.0, named, the half-day New Year\'s Eve and New Year\'s Day move it to Monday 4 January 17:00', async () => {
    const decision = await decideIn({ [V1]: basePolicyText, [V110]: version110Text }, { tickets: [ticket], asOf: '2027-01-05T12:00:00+01:00' }, '1.1.0');
    expect(decision.support?.[0]).toMatchObject({ policyVersion: '1.1.0', action: { dueAt: '2027-01-04T17:00:00+01:00' } });
    expect(decision.explanation.some((line) => line.includes("Fri 2027-01-01 New Year's Day (closed)"))).toBe(true);
  });

  it('tickets of one request are each judged by their own day', async () => {
    const later = { id: 'T-2', priority: 'non-urgent', openedAt: '2027-06-24T16:00:00+02:00' };
    const decision = await decideIn({ [V1]: basePolicyText, [V110]: version110Text }, { tickets: [ticket, later], asOf: '2027-07-01T12:00:00+02:00' });
    expect(decision.support?.map((entry) => [entry.id, entry.policyVersion, entry.action.dueAt])).toEqual([
      ['T-1', '1.0.0', '2027-01-01T16:00:00+01:00'],
      ['T-2', '1.1.0', '2027-06-28T16:00:00+02:00'], // 1.1.0 closes Midsummer Eve, Friday 25 June
    ]);
  });

  it('a ticket opened before the first version is refused at its place', async () => {
    const { registry } = await loadPolicies(policiesFolder({ [V1]: basePolicyText }));
    const result = await evaluate(registry, { policy: 'clicksend-sla', facts: { tickets: [{ id: 'T-0', priority: 'major', openedAt: '2019-12-31T12:00:00Z' }], asOf: '2026-01-01T00:00:00Z' } }, { now: FIXED_NOW, decisionId: 'x' });
    expect(result.ok ? [] : result.problems.map((p) => [p.code, p.path])).toEqual([['NO_VERSION_IN_FORCE', ['facts', 'tickets', 0, 'openedAt']]]);
  });
});

describe('the file as written', () => {
  it('loads a file that starts with a byte-order mark, as some editors save it, with its sha256 of the bytes as saved', async () => {
    const dir = policiesFolder({ [V1]: `\uFEFF${basePolicyText}` });
    const { registry, diagnostics } = await loadPolicies(dir);
    expect(diagnostics).toEqual([]);
    expect(registry.version('clicksend-sla', '1.0.0')?.ref.sha256).toBe(createHash('sha256').update(readFileSync(join(dir, V1))).digest('hex'));
  });

  it('GET …/versions/:version with Accept: application/yaml returns the exact bytes whose sha256 decisions carry', async () => {
    const text = `${basePolicyText}# a closing comment, kept\n`;
    const dir = policiesFolder({ [V1]: text });
    const app = await openApp(dir);
    const yaml = await app.inject({ method: 'GET', url: '/v1/policies/clicksend-sla/versions/1.0.0', headers: { accept: 'application/yaml' } });
    expect(yaml.statusCode).toBe(200);
    expect(yaml.headers['content-type']).toMatch(/^application\/yaml/);
    expect(yaml.rawPayload.equals(readFileSync(join(dir, V1)))).toBe(true);
    const decision = await app.inject({ method: 'POST', url: '/v1/evaluate', payload: { policy: 'clicksend-sla', facts: { period: '2026-10' } } });
    expect(createHash('sha256').update(yaml.rawPayload).digest('hex')).toBe(decision.json().policy.sha256);
    expect(yaml.headers['x-policy-sha256']).toBe(decision.json().policy.sha256);
    for (const accept of ['application/yaml; charset=utf-8', 'text/yaml;q=0.9, application/json;q=0.1']) {
      expect((await app.inject({ method: 'GET', url: '/v1/policies/clicksend-sla/versions/1.0.0', headers: { accept } })).rawPayload.equals(yaml.rawPayload)).toBe(true);
    }
    const json = await app.inject({ method: 'GET', url: '/v1/policies/clicksend-sla/versions/1.0.0' });
    expect(json.json()).toMatchObject({ version: '1.0.0', terms: { id: 'clicksend-sla' } });
    await app.close();
  });
});

describe('every code a user can meet has a page', () => {
  it('reason codes and the codes of legal\'s own rules resolve under /problems', async () => {
    const dir = policiesFolder({ [V1]: basePolicyText.replace('rules: []', 'rules:\n  - id: trial\n    clause: "Plan terms"\n    when: { all: [ { fact: account, path: $.plan, operator: equal, value: trial } ] }\n    then: { outcome: ineligible, code: TRIAL_ACCOUNT, message: trial accounts are not covered }') });
    const app = await openApp(dir);
    for (const code of ['CLAIM_LATE', 'NO_CLAIM', 'CLAIM_PREMATURE', 'NO_REBATE_EARNED']) {
      const page = await app.inject({ method: 'GET', url: `/problems/${code}` });
      expect([code, page.statusCode]).toEqual([code, 200]);
    }
    expect((await app.inject({ method: 'GET', url: '/problems/TRIAL_ACCOUNT' })).json()).toMatchObject({ code: 'TRIAL_ACCOUNT', kind: 'reason', title: 'trial accounts are not covered', clause: 'Plan terms' });
    expect((await app.inject({ method: 'GET', url: '/problems/NO_SUCH_CODE' })).statusCode).toBe(404);
    await app.close();
  });
});
