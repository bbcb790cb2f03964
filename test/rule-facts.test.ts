import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ruleFacts } from '../src/model/rule-vocabulary.js';
import { copyPolicies, incident, OCTOBER, openApp } from './helpers.js';

/** A rule that notes the value of one fact as it sees it: it fires exactly when the fact equals the decision's value. */
const noteWhen = (fact: string, operator: string, value: unknown) =>
  ['rules:', `  - id: sees-${fact.toLowerCase()}`, '    when:', '      all:', `        - { fact: ${fact}, operator: ${operator}, value: ${JSON.stringify(value)} }`, '    then:', '      outcome: note', `      code: SEEN_${fact.toUpperCase()}`, `      message: ${fact} seen`].join('\n');

describe('the facts extra rules read are the values the decision reports', () => {
  // October has 31 days: fully down, it counts 44,640 minutes against a 43,200-minute measured month.
  const fullyDown = { ...OCTOBER, incidents: [incident('INC-1', '2026-09-30T00:00:00Z', '2026-11-02T00:00:00Z')] };

  it('downtimeMinutes is the whole count, not capped at the measured month', async () => {
    const app = await openApp(copyPolicies((text) => text.replace('rules: []', noteWhen('downtimeMinutes', 'equal', 44640))));
    const rebate = (await app.inject({ method: 'POST', url: '/v1/evaluate', payload: { policy: 'clicksend-sla', facts: fullyDown } })).json().rebate;
    expect(rebate.downtimeMinutes).toBe(44640);
    expect(rebate.reasons.map((reason: { code: string }) => reason.code)).toContain('SEEN_DOWNTIMEMINUTES');
    await app.close();
  });

  it('incidentCount, rebatePercent and period are the decision\'s own', async () => {
    const rules = [noteWhen('incidentCount', 'equal', 1), noteWhen('rebatePercent', 'equal', 100), noteWhen('period', 'equal', '2026-10')].map((rule, index) => (index === 0 ? rule : rule.replace('rules:\n', '')));
    const app = await openApp(copyPolicies((text) => text.replace('rules: []', rules.join('\n'))));
    const rebate = (await app.inject({ method: 'POST', url: '/v1/evaluate', payload: { policy: 'clicksend-sla', facts: fullyDown } })).json().rebate;
    expect(rebate.reasons.map((reason: { code: string }) => reason.code)).toEqual(expect.arrayContaining(['SEEN_INCIDENTCOUNT', 'SEEN_REBATEPERCENT', 'SEEN_PERIOD']));
    expect([rebate.incidents.length, rebate.rebatePercent, rebate.period]).toEqual([1, 100, '2026-10']);
    await app.close();
  });

  it('the guide for legal lists every fact with its meaning', () => {
    const guide = readFileSync('docs/legal-guide.md', 'utf8');
    for (const fact of Object.keys(ruleFacts)) expect(guide).toMatch(new RegExp(`^\\| \`${fact}\` \\| \\S.{20,}\\|$`, 'm'));
  });
});
