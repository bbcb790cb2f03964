import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../src/errors/problem.js';
import { dateFix, durationFix, moneyFix, percentFix } from '../src/model/value-fixes.js';
import { loadPolicies } from '../src/registry/load-policies.js';
import { edit } from './authoring-fixtures.js';
import { basePolicyText, openApp, policiesFolder } from './helpers.js';

const V1 = 'clicksend-sla/1.0.0.yaml';

async function problemsOf(text: string): Promise<string[]> {
  const dir = policiesFolder({ [V1]: text });
  const { diagnostics } = await loadPolicies(dir);
  return diagnostics.map((diagnostic) => formatDiagnostic({ ...diagnostic, file: relative(dir, diagnostic.file) }));
}

const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((line) => line.includes(needle)) + 1;

describe('each listed mistake reads as its fix, in one line', () => {
  it('a misspelt fact in a terms rule is one line naming the known facts', async () => {
    const rule = 'rules:\n  - id: r\n    when: { all: [{ fact: acount, path: $.plan, operator: equal, value: enterprise }] }\n    then: { outcome: terms, set: { remedy: refund } }\n';
    const text = edit(basePolicyText, 'rules: []\n', rule);
    const problems = await problemsOf(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/RULE_UNKNOWN_FACT "acount" is not a fact of the decision; known facts: account, /);
  });

  it('EUR: 115.00 (a number) -> write "115.00", in quotes', async () => {
    const text = edit(basePolicyText, '    USD: "125.00"', '    USD: "125.00"\n    EUR: 115.00');
    expect(await problemsOf(text)).toEqual([`${V1}:${lineOf(text, 'EUR: 115.00')}:10 SCHEMA_WRONG_TYPE rebate.caps.EUR is written as a number; an amount is text: write "115.00", in quotes`]);
  });

  it('"€115" -> write "115.00"', async () => {
    const text = edit(basePolicyText, '    USD: "125.00"', '    USD: "125.00"\n    EUR: "€115"');
    expect(await problemsOf(text)).toEqual([`${V1}:${lineOf(text, 'EUR:')}:10 SCHEMA_INVALID_VALUE rebate.caps.EUR "€115" is not an amount: write "115.00", in quotes, digits and a decimal point only`]);
  });

  it('25.06.2027 -> write 2027-06-25', async () => {
    const text = edit(basePolicyText, 'effectiveFrom: "2020-01-01"', 'effectiveFrom: 25.06.2027');
    const line = text.split('\n').findIndex((written) => written.startsWith('effectiveFrom:')) + 1;
    expect(await problemsOf(text)).toEqual([`${V1}:${line}:16 SCHEMA_INVALID_VALUE effectiveFrom "25.06.2027" is not a date written YYYY-MM-DD: write 2027-06-25`]);
  });

  it('15% -> write 15, without %', async () => {
    const text = edit(basePolicyText, 'rebatePercent: 10', 'rebatePercent: 15%');
    expect(await problemsOf(text)).toEqual([`${V1}:${lineOf(text, 'rebatePercent: 15%')}:22 SCHEMA_WRONG_TYPE rebate.tiers[1].rebatePercent "15%" must be a plain number: write 15, without %`]);
  });

  it('a duration in words, or a target without its T -> write PT30M', async () => {
    const words = edit(basePolicyText, 'within: PT30M', 'within: 30 minutes');
    expect(await problemsOf(words)).toEqual([`${V1}:${lineOf(words, '30 minutes')}:17 SCHEMA_INVALID_VALUE support.priorities.major.action.within "30 minutes" is not a duration: write PT30M`]);
    const months = edit(basePolicyText, 'within: PT30M', 'within: P30M');
    expect(await problemsOf(months)).toEqual([`${V1}:${lineOf(months, 'P30M')}:17 INVALID_DURATION "P30M" is not a target in hours and minutes; write PT30M`]);
  });

  it('a tab in a list is one line, not the parser\'s cascade', async () => {
    const text = edit(basePolicyText, '    - customer-coding', '\t- customer-coding');
    expect(await problemsOf(text)).toEqual([`${V1}:${lineOf(text, '\t- customer-coding')}:1 YAML_TAB line ${lineOf(text, '\t- customer-coding')} is indented with a tab; YAML needs spaces: replace the tab with spaces, lined up with the line above`]);
  });

  it('tiers written from the lowest threshold up are one line that says to turn the list round', async () => {
    const start = basePolicyText.indexOf('    - uptimeBelow: 100');
    const end = basePolicyText.indexOf('  # The agreement caps');
    const tiers = basePolicyText.slice(start, end).split(/(?= {4}- uptimeBelow)/);
    const text = basePolicyText.slice(0, start) + [...tiers].reverse().join('') + basePolicyText.slice(end);
    expect(await problemsOf(text)).toEqual([
      `${V1}:${lineOf(text, '    - uptimeBelow: 95')}:5 TIERS_NOT_ORDERED the tiers are listed from the lowest threshold (95) to the highest (100); list them the other way round, from uptimeBelow: 100 down to uptimeBelow: 95`,
    ]);
  });

  it('a rule that sets terms with a money value as a number gets the same fix', async () => {
    const text = edit(basePolicyText, 'rules: []', 'rules:\n  - id: big\n    when: { all: [ { fact: account, path: $.plan, operator: equal, value: big } ] }\n    then: { outcome: terms, set: { caps: { USD: 250 } } }');
    expect((await problemsOf(text)).map((line) => line.replace(/^\S+ /, ''))).toEqual(['SCHEMA_WRONG_TYPE rules[0].then.set.caps.USD is written as a number; an amount is text: write "250.00", in quotes']);
  });

  it('a rule that sets terms but forgets set, or a note without its code, says just that', async () => {
    const noSet = edit(basePolicyText, 'rules: []', 'rules:\n  - id: big\n    when: { all: [ { fact: account, path: $.plan, operator: equal, value: big } ] }\n    then: { outcome: terms }');
    expect((await problemsOf(noSet)).map((line) => line.replace(/^\S+ /, ''))).toEqual(['SCHEMA_MISSING_KEY rules[0].then is missing the key "set"']);
  });
});

describe('holiday names', () => {
  it("a holiday name without its apostrophe -> write New Year's Eve", async () => {
    const text = edit(basePolicyText, '    holidays: []', "    publicHolidays: { country: SE, include: [ { name: new years eve } ] }\n    holidays: []");
    expect((await problemsOf(text)).map((line) => line.replace(/^\S+ /, ''))).toEqual([`UNKNOWN_HOLIDAY_NAME "new years eve" is not a holiday of SE in the list; write New Year's Eve`]);
  });
});

describe('the fixes, read from what people write', () => {
  it.each([
    ['25.06.2027', '2027-06-25'],
    ['25/06/2027', '2027-06-25'],
    ['2027/6/25', '2027-06-25'],
    ['25 June 2027', '2027-06-25'],
    ['June 25, 2027', '2027-06-25'],
    ['31.02.2027', null],
    ['someday', null],
  ])('date %s -> %s', (written, fixed) => expect(dateFix(written)).toBe(fixed));

  it.each([
    [115, 2, '"115.00"'],
    ['€115', 2, '"115.00"'],
    ['115,50 EUR', 2, '"115.50"'],
    ['USD 1,250.00', 2, '"1250.00"'],
    ['1 000', 0, '"1000"'],
    ['1.234,50', 2, '"1234.50"'],
    ['1,234.50', 2, '"1234.50"'],
    ['1.234.567', 2, '"1234567.00"'],
    ['12,5', 2, '"12.50"'],
    ['lots', 2, null],
    ['1e3', 2, null],
    ['1.2.3', 2, null],
  ])('money %s (%i decimals) -> %s', (written, digits, fixed) => expect(moneyFix(written, digits)).toBe(fixed));

  it.each([
    ['15%', '15'],
    ['12,5 %', '12.5'],
    ['15', '15'],
    ['fifteen', null],
  ])('percent %s -> %s', (written, fixed) => expect(percentFix(written)).toBe(fixed));

  it.each([
    ['30 minutes', 'PT30M'],
    ['2h', 'PT2H'],
    ['8 working hours', 'PT8H'],
    ['7 days', 'P7D'],
    ['1 month', 'P1M'],
    ['pt30m', 'PT30M'],
    ['soon', null],
  ])('duration %s -> %s', (written, fixed) => expect(durationFix(written)).toBe(fixed));
});

describe('money in a case file or a request', () => {
  it('charges written as a number -> write "480.00", in quotes', async () => {
    const dir = policiesFolder({ [V1]: basePolicyText, 'clicksend-sla/cases/money.yaml': 'cases:\n  - name: a month\n    facts: { period: "2026-10", charges: { amount: 480.00, currency: USD } }\n    expect: { rebate: { eligible: false } }\n' });
    const { runCli } = await import('./helpers.js');
    const result = await runCli('validate', dir);
    expect(result.err).toContain('money.yaml:3:52 CASE_INVALID cases[0].facts.charges.amount is written as a number; an amount is text: write "480.00", in quotes');
  });

  it.each([
    ['en', '"9999999999999999.00"', 'facts.charges.amount "9999999999999999.00" has too many digits for an amount: at most 15 before the decimal point and 6 after'],
    ['en', '"1.1234567"', 'facts.charges.amount "1.1234567" has too many digits for an amount: at most 15 before the decimal point and 6 after'],
    ['sv', '"9999999999999999"', 'facts.charges.amount "9999999999999999" har för många siffror för ett belopp: högst 15 före decimalpunkten och 6 efter'],
    ['en', '"1.234,50"', 'facts.charges.amount "1.234,50" is not an amount: write "1234.50", in quotes, digits and a decimal point only'],
    ['en', '"1e3"', 'facts.charges.amount "1e3" is not in the expected form (for example "480.00")'],
  ])('a request in %s with charges %s: %s', async (language, amount, detail) => {
    const app = await openApp();
    const payload = `{"policy":"clicksend-sla","facts":{"period":"2026-10","charges":{"amount":${amount},"currency":"USD"}}}`;
    const answer = await app.inject({ method: 'POST', url: '/v1/evaluate', headers: { 'content-type': 'application/json', 'accept-language': language }, payload });
    expect(answer.statusCode).toBe(400);
    expect(answer.json()).toMatchObject({ code: 'REQUEST_INVALID', detail });
    await app.close();
  });
});
