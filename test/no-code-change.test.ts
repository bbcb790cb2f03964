import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyPolicies, openApp } from './helpers.js';

const typicalMonth = JSON.parse(readFileSync('examples/typical-month.json', 'utf8'));

/** Legal's edits, YAML only: the cap, a tier, a target, a holiday and an extra rule. */
function editAsLegal(text: string): string {
  const edits: [string, string][] = [
    ['USD: "125.00"', 'USD: "20.00"'],
    ['    - uptimeBelow: 100\n      rebatePercent: 5\n', '    - uptimeBelow: 100\n      rebatePercent: 7.5\n'],
    ['      response:\n        within: PT2H\n', '      response:\n        within: PT4H\n'],
    ['    holidays: []', '    holidays:\n      - date: "2026-11-02"\n        name: All Saints\' Monday (example)'],
    [
      'rules: []',
      [
        'rules:',
        '  - id: trial-accounts-excluded',
        '    clause: "Plan terms: trial accounts carry no SLA"',
        '    when:',
        '      all:',
        '        - { fact: account, path: $.plan, operator: equal, value: trial }',
        '        - { fact: uptimePercent, operator: lessThan, value: 99.5 }',
        '    then:',
        '      outcome: ineligible',
        '      code: TRIAL_ACCOUNT',
        '      message: trial accounts are not covered by the SLA',
      ].join('\n'),
    ],
  ];
  return edits.reduce((edited, [from, to]) => {
    if (!edited.includes(from)) throw new Error(`edit did not apply: ${from}`);
    return edited.replace(from, to);
  }, text);
}

describe('legal changes decisions by editing YAML only', () => {
  it('the cap, a tier, a target, a holiday and an extra rule all take effect when served from POLICIES_DIR', async () => {
    const dir = copyPolicies(editAsLegal);
    const app = await openApp(dir);
    const decision = (await app.inject({ method: 'POST', url: '/v1/evaluate', payload: typicalMonth })).json();
    expect(decision.rebate).toMatchObject({ rebatePercent: 7.5, amount: '20.00', capped: true });
    expect(decision.support[0].response.dueAt).toBe('2026-10-03T14:05:00Z');
    // Mon 2026-11-02 is now a holiday: Friday 16:00 plus 8 working hours ends Tuesday 16:00.
    expect(decision.support[1].action.dueAt).toBe('2026-11-03T16:00:00+01:00');

    const trial = { ...typicalMonth, explain: 'trace', facts: { ...typicalMonth.facts, account: { plan: 'trial' } } };
    const refused = (await app.inject({ method: 'POST', url: '/v1/evaluate', payload: trial })).json();
    expect(refused.rebate).toMatchObject({ eligible: false, amount: '0.00', reasons: [{ code: 'TRIAL_ACCOUNT', message: 'trial accounts are not covered by the SLA' }] });
    expect(refused.explanation).toContain('Not payable: trial accounts are not covered by the SLA [TRIAL_ACCOUNT] (Plan terms: trial accounts carry no SLA).');
    expect(refused.trace.find((entry: { rule: string }) => entry.rule === 'rule-trial-accounts-excluded').conditions[0]).toMatchObject({ fact: 'account', path: '$.plan', factValue: 'trial' });
    await app.close();
  });

  it('a draft is chosen only when named', async () => {
    const dir = copyPolicies();
    const draft = readFileSync(join(dir, 'clicksend-sla', '1.0.0.yaml'), 'utf8').replace('version: "1.0.0"', 'version: "2.0.0"').replace('status: published', 'status: draft').replace('effectiveFrom: "2020-01-01"', 'effectiveFrom: "2026-01-01"').replace('USD: "125.00"', 'USD: "10.00"');
    writeFileSync(join(dir, 'clicksend-sla', '2.0.0.yaml'), draft);
    const app = await openApp(dir);
    const byDate = (await app.inject({ method: 'POST', url: '/v1/evaluate', payload: typicalMonth })).json();
    const named = (await app.inject({ method: 'POST', url: '/v1/evaluate', payload: { ...typicalMonth, version: '2.0.0' } })).json();
    expect([byDate.policy.version, byDate.rebate.amount]).toEqual(['1.0.0', '24.00']);
    expect([named.policy.version, named.rebate.amount]).toEqual(['2.0.0', '10.00']);
    await app.close();
  });
});
