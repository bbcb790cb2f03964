import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate/evaluate.js';
import { loadPolicies } from '../src/registry/load-policies.js';
import { changesUnderNewerVersions } from '../src/scenarios/newer-versions.js';
import { loadCases } from '../src/scenarios/run-cases.js';
import { edit, TERMS_RULES } from './authoring-fixtures.js';
import { copyPolicies, FIXED_NOW, incident, runCli } from './helpers.js';

const draftOf = (dir: string) => join(dir, 'clicksend-sla', '1.1.0.yaml');
const newDraft = (dir: string, ...extra: string[]) => runCli('new', 'clicksend-sla', '1.1.0', '--from', '1.0.0', '--effective', '2027-01-01', '--policies', dir, ...extra);

/** What legal types into the draft: a higher USD cap, the enterprise terms. */
function editDraft(dir: string): void {
  const text = readFileSync(draftOf(dir), 'utf8');
  writeFileSync(draftOf(dir), edit(edit(text, 'USD: "125.00"', 'USD: "150.00"'), 'rules: []\n', TERMS_RULES));
}

describe('a new version made and published from the CLI only', () => {
  it('policy new writes a draft: the terms and every comment copied, only version, status, effectiveFrom and changeNote set', async () => {
    const dir = copyPolicies();
    const made = await newDraft(dir, '--note', 'Cap raised to 150 USD.');
    expect(made.code).toBe(0);
    const [before, after] = [readFileSync(join(dir, 'clicksend-sla', '1.0.0.yaml'), 'utf8').split('\n'), readFileSync(draftOf(dir), 'utf8').split('\n')];
    expect(after[0]).toBe('# yaml-language-server: $schema=../../schemas/policy.schema.json');
    expect(after.length).toBe(before.length);
    expect(after.filter((line, index) => line !== before[index])).toEqual(['version: "1.1.0"', 'status: draft', 'effectiveFrom: "2027-01-01"', 'changeNote: "Cap raised to 150 USD."']);
    expect((await runCli('validate', dir)).out).toContain('1.1.0 (draft, from 2027-01-01)');
  });

  it('refuses to overwrite a version, and a date written another way, with the fix', async () => {
    const dir = copyPolicies();
    expect((await newDraft(dir)).code).toBe(0);
    const again = await newDraft(dir);
    expect([again.code, again.err]).toEqual([1, expect.stringContaining('already exists') as unknown]);
    const badDate = await runCli('new', 'clicksend-sla', '1.2.0', '--from', '1.0.0', '--effective', '25.06.2027', '--policies', dir);
    expect([badDate.code, badDate.err]).toEqual([1, 'error: --effective "25.06.2027" is not a date written YYYY-MM-DD; write 2027-06-25']);
  });

  it('policy test runs the cases on the version in force and names every case a draft would change; --fail-on-change fails on it', async () => {
    const dir = copyPolicies();
    await newDraft(dir);
    editDraft(dir);
    const test = await runCli('test', dir);
    // The eight capped cases of the bundled policy pay 150.00 under the draft (one cent over 125.00 is not capped any more).
    expect(test.code).toBe(0);
    expect(test.out).toContain('49 passed, 0 failed');
    expect(test.out).toContain('8 case(s) change under clicksend-sla 1.1.0 (draft)');
    expect(test.out).toContain('rebate.amount: "125.00" | "150.00"');
    expect((await runCli('test', dir, '--fail-on-change')).code).toBe(1);
  });

  it('policy publish runs the cases, prints the diff against 1.0.0, marks it published, and new periods use it', async () => {
    const dir = copyPolicies();
    await newDraft(dir);
    editDraft(dir);
    const draftText = readFileSync(draftOf(dir), 'utf8');
    const published = await runCli('publish', 'clicksend-sla', '1.1.0', '--policies', dir);
    expect(published.code).toBe(0);
    expect(published.out).toContain('~ rebate.caps.USD: "125.00" -> "150.00"');
    expect(published.out).toContain('Outcomes that differ (1.0.0 | 1.1.0): 8 of 49 case(s)');
    expect(readFileSync(draftOf(dir), 'utf8')).toBe(draftText.replace('status: draft', 'status: published'));

    const { registry, diagnostics } = await loadPolicies(dir);
    expect(diagnostics).toEqual([]);
    // 1729 minutes: 75% of 480.00 = 360.00; capped at 250.00 for enterprise from 2027, at 125.00 in 2026 under 1.0.0.
    const month = (period: string) => ({
      period,
      charges: { amount: '480.00', currency: 'USD' },
      incidents: [incident('INC-1', `${period}-10T00:00:00Z`, `${period}-11T04:49:00Z`)],
      account: { plan: 'enterprise' },
    });
    const judge = async (period: string, claim: string) => evaluate(registry, { policy: 'clicksend-sla', facts: { ...month(period), claim: { filedAt: claim } } }, { now: FIXED_NOW, decisionId: 'x' });
    const in2027 = await judge('2027-02', '2027-03-02T00:00:00Z');
    const in2026 = await judge('2026-12', '2027-01-02T00:00:00Z');
    expect(in2027.ok && [in2027.decision.policy.version, in2027.decision.rebate?.amount]).toEqual(['1.1.0', '250.00']);
    expect(in2026.ok && [in2026.decision.policy.version, in2026.decision.rebate?.amount]).toEqual(['1.0.0', '125.00']);
    expect((await runCli('publish', 'clicksend-sla', '1.1.0', '--policies', dir)).err).toContain('already published');
  });

  it('publish refuses, writing nothing, when a case would fail once the draft is in force', async () => {
    const dir = copyPolicies();
    await newDraft(dir);
    editDraft(dir);
    writeFileSync(
      join(dir, 'clicksend-sla', 'cases', 'next-year.yaml'),
      [
        'cases:',
        '  - name: "February 2027, half the month down: capped at 125.00"',
        '    facts: { period: "2027-02", charges: { amount: "480.00", currency: USD }, claim: { filedAt: "2027-03-02T00:00:00Z" },',
        '             incidents: [ { id: INC-1, start: "2027-02-01T00:00:00Z", end: "2027-02-15T00:00:00Z", cause: provider, reportedAt: "2027-02-01T00:00:00Z" } ] }',
        '    expect: { rebate: { amount: "125.00" } }',
        '',
      ].join('\n'),
    );
    const before = readFileSync(draftOf(dir), 'utf8');
    const refused = await runCli('publish', 'clicksend-sla', '1.1.0', '--policies', dir);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('rebate.amount: expected "125.00", got "150.00"');
    expect(refused.err).toContain('not published: 1 of 50 case(s) fail once clicksend-sla 1.1.0 is published');
    expect(readFileSync(draftOf(dir), 'utf8')).toBe(before);
  });
});

describe('validate checks the case files too', () => {
  it('a case with a misspelt key or an unknown version is a problem at its line', async () => {
    const dir = copyPolicies();
    writeFileSync(join(dir, 'clicksend-sla', 'cases', 'broken.yaml'), 'cases:\n  - name: a case\n    version: "9.9.9"\n    facts: { period: "2026-10" }\n    expect: { rebate: { eligible: false } }\n');
    writeFileSync(join(dir, 'clicksend-sla', 'cases', 'misspelt.yaml'), 'cases:\n  - name: another\n    fact: { period: "2026-10" }\n    expect: { rebate: { eligible: false } }\n');
    const result = await runCli('validate', dir);
    expect(result.code).toBe(1);
    expect(result.err).toContain('broken.yaml:2:5 CASE_INVALID case "a case" names version 9.9.9, which clicksend-sla does not have; known versions: 1.0.0');
    expect(result.err).toMatch(/misspelt\.yaml:3:5 CASE_INVALID unknown key "fact"/);
  });
});

describe('changes still to come', () => {
  it('a version published for a later day is reported until it is in force; after that its changes are history', async () => {
    const dir = copyPolicies();
    await newDraft(dir);
    editDraft(dir);
    expect((await runCli('publish', 'clicksend-sla', '1.1.0', '--policies', dir)).code).toBe(0);
    const { registry } = await loadPolicies(dir);
    const { cases } = await loadCases(dir);
    const before = await changesUnderNewerVersions(registry, cases, '2026-12-31');
    expect(before.map((change) => [change.version, change.status, change.changed.length])).toEqual([['1.1.0', 'published', 8]]);
    expect(await changesUnderNewerVersions(registry, cases, '2027-01-01')).toEqual([]);
  });

  it('a case a newer draft answers where the version in force refuses it (a currency it now caps) is a change too', async () => {
    const dir = copyPolicies();
    await newDraft(dir);
    writeFileSync(draftOf(dir), edit(readFileSync(draftOf(dir), 'utf8'), '    USD: "125.00"', '    USD: "125.00"\n    EUR: "115.00"'));
    const { registry } = await loadPolicies(dir);
    const { cases } = await loadCases(dir);
    const [change] = await changesUnderNewerVersions(registry, cases, '2026-12-31');
    expect(change?.changed.map(({ loaded }) => loaded.case.name)).toEqual(['a currency without a cap is refused, never paid uncapped']);
    expect((await runCli('test', dir, '--fail-on-change')).code).toBe(1);
  });
});
