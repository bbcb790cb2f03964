import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate/evaluate.js';
import type { Decision, RequestFacts } from '../src/model/evaluate-request.js';
import { loadPolicies } from '../src/registry/load-policies.js';
import { edit, termsPolicyText, version110Text, withSwedishHolidays } from './authoring-fixtures.js';
import { basePolicyText, FIXED_NOW, incident, OCTOBER, openApp, policiesFolder, runCli } from './helpers.js';

// The sentences of account terms, recurring holidays, tickets judged under their own version
// and the newer diagnostics, written in Swedish as they are in English.

const V1 = 'clicksend-sla/1.0.0.yaml';
const V110 = 'clicksend-sla/1.1.0.yaml';

async function swedishDecision(files: Record<string, string>, facts: RequestFacts): Promise<Decision> {
  const { registry, diagnostics } = await loadPolicies(policiesFolder(files));
  expect(diagnostics.map((found) => found.message)).toEqual([]);
  const result = await evaluate(registry, { policy: 'clicksend-sla', facts, lang: 'sv' }, { now: FIXED_NOW, decisionId: 'test' });
  if (!result.ok) throw new Error(result.problems.map((found) => found.message).join('; '));
  return result.decision;
}

const month = (minutes: number, plan: string): RequestFacts => ({
  ...OCTOBER,
  incidents: [incident('INC-1', '2026-10-10T00:00:00Z', new Date(Date.parse('2026-10-10T00:00:00Z') + minutes * 60_000).toISOString())],
  account: { plan },
});

describe('terms for an account, in Swedish', () => {
  it('says the cap and the remedy the rule sets, with Swedish amounts', async () => {
    const decision = await swedishDecision({ [V1]: termsPolicyText }, month(1729, 'enterprise'));
    expect(decision.rebate).toMatchObject({ amount: '250.00', remedy: 'refund' });
    expect(decision.explanation).toContain('Villkor för detta konto: taket är 250,00 USD i stället för 125,00 USD (regel enterprise-cap (Enterprise addendum 2: cap 250 USD, paid as refund)).');
    const creditTier = await swedishDecision({ [V1]: termsPolicyText }, month(433, 'enterprise'));
    expect(creditTier.explanation).toContain('Villkor för detta konto: betalas som återbetalning i stället för kontokredit (regel enterprise-cap (Enterprise addendum 2: cap 250 USD, paid as refund)).');
  });

  it('says the percentage the rule adds', async () => {
    const decision = await swedishDecision({ [V1]: termsPolicyText }, month(432, 'premium'));
    expect(decision.explanation).toContain('Villkor för detta konto: rabatten 5 % blir 10 % (regel premium-extra (Premium addendum 1: five points more)).');
  });

  it('says the support target the rule sets for a ticket', async () => {
    const ticket = { id: 'T-1', priority: 'major', openedAt: '2026-10-03T10:00:00Z', actionAt: '2026-10-03T10:20:00Z', respondedAt: '2026-10-03T11:00:00Z' };
    const decision = await swedishDecision({ [V1]: termsPolicyText }, { tickets: [ticket], asOf: '2026-10-04T00:00:00Z', account: { contract: 'premium' } });
    expect(decision.explanation.join('\n')).toContain('; åtgärdsmålet är 15 minuter enligt kalendern round-the-clock för detta konto (regel premium-contract-major (Premium support: action within 15 minutes)).');
  });
});

describe('holidays and versions of a ticket, in Swedish', () => {
  it('names the holiday that moved a due time by its Swedish name, its day written the Swedish way', async () => {
    const decision = await swedishDecision({ [V1]: withSwedishHolidays(basePolicyText) }, { tickets: [{ id: 'T-1', priority: 'non-urgent', openedAt: '2027-06-24T16:00:00+02:00' }], asOf: '2027-06-24T16:00:00+02:00' });
    expect(decision.explanation.join('\n')).toContain('; helgdagar som flyttade tidsgränsen: fre 25 juni 2027 midsommarafton (stängt).');
  });

  it('says a ticket was judged under the version in force when it was opened', async () => {
    const ticket = { id: 'T-1', priority: 'non-urgent', openedAt: '2026-12-31T16:00:00+01:00' };
    const decision = await swedishDecision({ [V1]: basePolicyText, [V110]: version110Text }, { tickets: [ticket], asOf: '2027-01-05T12:00:00+01:00' });
    expect(decision.explanation.join('\n')).toMatch(/ Bedömt enligt version 1\.0\.0 \(sha256 [0-9a-f]{12}\), som gällde när ärendet öppnades\.$/m);
  });
});

describe('newer refusals, in Swedish', () => {
  it('refuses a malformed URL in the language asked for, and says which', async () => {
    const app = await openApp();
    const response = await app.inject({ method: 'GET', url: '/v1/policies/%E0%A4%A', headers: { 'accept-language': 'sv' } });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-language']).toBe('sv');
    expect(response.json()).toMatchObject({ code: 'URL_MALFORMED', title: 'URL:en är inte giltig', detail: 'URL:en är inte giltig: den har en felaktig procentkodning' });
    await app.close();
  });

  it('quotes a long unknown key only so far, and says how long it was in Swedish', async () => {
    const app = await openApp();
    const key = 'k'.repeat(700);
    const response = await app.inject({ method: 'POST', url: '/v1/evaluate', headers: { 'accept-language': 'sv' }, payload: { policy: 'clicksend-sla', facts: { period: '2026-10', [key]: 1 } } });
    expect(response.json().detail).toMatch(/^okänd nyckel "k{59}… \(702 tecken\) i facts; tillåtna här: /);
    await app.close();
  });

  it('points at a tab used for indentation, in Swedish', async () => {
    const dir = policiesFolder({ [V1]: edit(basePolicyText, '  monthMinutes:', '\tmonthMinutes:') });
    const result = await runCli('--lang', 'sv', 'validate', dir);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/YAML_TAB rad \d+ är indragen med tabb; YAML kräver mellanslag: ersätt tabben med mellanslag, i linje med raden ovanför/);
  });
});

describe('writing a draft, in Swedish', () => {
  it('refuses a date written the European way with the date to write, then writes the draft with a Swedish change note', async () => {
    const dir = policiesFolder({ [V1]: basePolicyText });
    const refused = await runCli('--lang', 'sv', 'new', 'clicksend-sla', '1.1.0', '--from', '1.0.0', '--effective', '25.06.2027', '-p', dir);
    expect(refused).toMatchObject({ code: 1, err: 'fel: --effective "25.06.2027" är inget datum i formen ÅÅÅÅ-MM-DD; skriv 2027-06-25' });
    const written = await runCli('--lang', 'sv', 'new', 'clicksend-sla', '1.1.0', '--from', '1.0.0', '--effective', '2027-06-25', '-p', dir);
    expect(written.code).toBe(0);
    expect(written.out.split('\n')[0]).toBe(`skrev ${join(dir, V110)}: utkast 1.1.0 av clicksend-sla, kopierat från 1.0.0, gäller från 2027-06-25`);
    expect(readFileSync(join(dir, V110), 'utf8')).toContain('changeNote: "Utkast till 1.1.0, gjort från 1.0.0: skriv här vad som ändras och varför."');
  });
});
