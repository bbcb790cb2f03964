import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { policyErrorCodes } from '../src/errors/codes.js';
import type { PolicyErrorCode } from '../src/errors/codes.js';
import { formatDiagnostic } from '../src/errors/problem.js';
import { MAX_POLICY_FILE_BYTES } from '../src/load/policy-files.js';
import { loadPolicies } from '../src/registry/load-policies.js';
import { basePolicyText, policiesFolder } from './helpers.js';

const V1 = 'clicksend-sla/1.0.0.yaml';
const edit = (from: string | RegExp, to: string) => (text: string) => {
  const edited = text.replace(from, to);
  if (edited === text) throw new Error(`fixture edit did not apply: ${String(from)}`);
  return edited;
};

/** One broken policy folder per error code: the bundled policy with one mistake. */
/** Codes only a running service's reload meets: see policy-store and process tests. */
const reloadOnly = ['FILE_UNREADABLE', 'FILES_CHANGING', 'NO_POLICIES', 'POLICY_REMOVED', 'RELOAD_FAILED'] as const;

const rule = (when: string) => edit('rules: []', `rules:\n  - id: r\n    when: ${when}\n    then: { outcome: note, code: NOTE, message: A note. }`)(basePolicyText);

const fixtures: Record<Exclude<PolicyErrorCode, (typeof reloadOnly)[number]>, Record<string, string | Buffer>> = {
  FILE_TOO_LARGE: { [V1]: basePolicyText + `# ${'x'.repeat(MAX_POLICY_FILE_BYTES)}\n` },
  // Saved by an editor set to Latin-1: the Swedish letters are single bytes that UTF-8 cannot read.
  FILE_NOT_UTF8: { [V1]: Buffer.from(basePolicyText, 'latin1') },
  FILE_MISPLACED: { [V1]: basePolicyText, 'stray.yaml': basePolicyText },
  MODELINE_MISSING: { [V1]: basePolicyText.replace(/^# yaml-language-server.*\n/, '') },
  YAML_SYNTAX: { [V1]: basePolicyText + 'support: [unclosed\n' },
  YAML_DUPLICATE_KEY: { [V1]: basePolicyText + 'status: draft\n' },
  YAML_ALIAS: { [V1]: basePolicyText + 'x: &a [1]\n' + Array.from({ length: 11 }, (_, i) => `y${i}: *a\n`).join('') },
  YAML_TAG: { [V1]: edit('  en: ClickSend service level agreement', '  en: !!binary aGk=')(basePolicyText) },
  SCHEMA_UNKNOWN_KEY: { [V1]: edit('  noticePeriod: P7D', '  noticePeriod: P7D\n  noticePeriodd: P8D')(basePolicyText) },
  SCHEMA_MISSING_KEY: { [V1]: edit('  monthMinutes: 43200\n', '')(basePolicyText) },
  SCHEMA_WRONG_TYPE: { [V1]: edit('monthMinutes: 43200', 'monthMinutes: many')(basePolicyText) },
  SCHEMA_INVALID_VALUE: { [V1]: edit('status: published', 'status: final')(basePolicyText) },
  ID_MISMATCH: { [V1]: edit('id: clicksend-sla', 'id: clicksend')(basePolicyText) },
  VERSION_MISMATCH: { [V1]: edit('version: "1.0.0"', 'version: "1.0.1"')(basePolicyText) },
  INVALID_DATE: { [V1]: edit('effectiveFrom: "2020-01-01"', 'effectiveFrom: "2020-02-30"')(basePolicyText) },
  INVALID_DURATION: { [V1]: edit('noticePeriod: P7D', 'noticePeriod: P7Q')(basePolicyText) },
  INVALID_TIME_ZONE: { [V1]: edit('timeZone: Europe/Stockholm', 'timeZone: Europe/Stokholm')(basePolicyText) },
  INVALID_OPENING_HOURS: { [V1]: edit('tuesday: ["09:00-17:00"]', 'tuesday: ["09:00-17:00", "16:00-18:00"]')(basePolicyText) },
  DUPLICATE_HOLIDAY: { [V1]: edit('holidays: []', 'holidays:\n      - date: "2026-12-24"\n      - date: "2026-12-24"')(basePolicyText) },
  CALENDAR_ALWAYS_OPEN_WITH_HOURS: { [V1]: edit('    alwaysOpen: true', '    alwaysOpen: true\n    openingHours:\n      monday: ["09:00-17:00"]')(basePolicyText) },
  CALENDAR_NEVER_OPEN: { [V1]: edit(/\["09:00-17:00"\]/g, '[]')(basePolicyText) },
  CALENDAR_UNDEFINED: { [V1]: edit('        calendar: business\n      response:', '        calendar: office\n      response:')(basePolicyText) },
  TIERS_NOT_ORDERED: { [V1]: edit('uptimeBelow: 98', 'uptimeBelow: 99.5')(basePolicyText) },
  REBATE_NOT_GROWING: { [V1]: edit('rebatePercent: 25', 'rebatePercent: 10')(basePolicyText) },
  NUMBER_TOO_PRECISE: { [V1]: edit('uptimeBelow: 98', 'uptimeBelow: 97.99999999')(basePolicyText) },
  CAUSE_COUNTED_AND_EXCLUDED: { [V1]: edit('    - customer-coding', '    - provider')(basePolicyText) },
  UNKNOWN_CURRENCY: { [V1]: edit('USD: "125.00"', 'USD: "125.00"\n    XYZ: "100.00"')(basePolicyText) },
  CAP_TOO_PRECISE: { [V1]: edit('USD: "125.00"', 'USD: "125.001"')(basePolicyText) },
  RULE_DUPLICATE_ID: {
    [V1]: edit('rules: []', 'rules:\n' + ['a', 'a'].map((id) => `  - id: trial-${id}\n    when: { all: [{ fact: period, operator: equal, value: "2026-10" }] }\n    then: { outcome: note, code: NOTE, message: A note. }\n`).join(''))(basePolicyText),
  },
  RULE_UNKNOWN_FACT: { [V1]: edit('rules: []', 'rules:\n  - id: r\n    when: { all: [{ fact: weather, operator: equal, value: rain }] }\n    then: { outcome: note, code: NOTE, message: A note. }')(basePolicyText) },
  RULE_UNKNOWN_OPERATOR: { [V1]: edit('rules: []', 'rules:\n  - id: r\n    when: { all: [{ fact: period, operator: before, value: "2026-10" }] }\n    then: { outcome: note, code: NOTE, message: A note. }')(basePolicyText) },
  RULE_PATH_NOT_ALLOWED: { [V1]: edit('rules: []', 'rules:\n  - id: r\n    when: { all: [{ fact: period, path: $.x, operator: equal, value: "2026-10" }] }\n    then: { outcome: note, code: NOTE, message: A note. }')(basePolicyText) },
  RULE_PATH_INVALID: { [V1]: rule('{ all: [{ fact: account, path: "$..*", operator: equal, value: x }] }') },
  RULE_NOT_RUNNABLE: { [V1]: rule('{ fact: period, operator: equal, value: "2026-10" }') },
  DUPLICATE_VERSION: { [V1]: basePolicyText, 'clicksend-sla/1.0.0.yml': edit('status: published', 'status: draft')(basePolicyText) },
  RULE_FACT_NOT_ALLOWED: {
    [V1]: edit('rules: []', 'rules:\n  - id: r\n    when: { all: [{ fact: uptimePercent, operator: lessThan, value: 99 }] }\n    then: { outcome: terms, set: { remedy: refund } }')(basePolicyText),
  },
  TERMS_CURRENCY_NOT_CAPPED: {
    [V1]: edit('rules: []', 'rules:\n  - id: r\n    when: { all: [{ fact: account, path: $.plan, operator: equal, value: enterprise }] }\n    then: { outcome: terms, set: { caps: { EUR: "250.00" } } }')(basePolicyText),
  },
  TERMS_UNKNOWN_PRIORITY: {
    [V1]: edit('rules: []', 'rules:\n  - id: r\n    when: { all: [{ fact: account, path: $.plan, operator: equal, value: enterprise }] }\n    then: { outcome: terms, set: { support: { urgent: { action: { within: PT15M } } } } }')(basePolicyText),
  },
  UNKNOWN_HOLIDAY_COUNTRY: { [V1]: edit('    holidays: []', '    publicHolidays: { country: XX }\n    holidays: []')(basePolicyText) },
  UNKNOWN_HOLIDAY_NAME: { [V1]: edit('    holidays: []', '    publicHolidays: { country: SE, include: [{ name: Midsomer Eve }] }\n    holidays: []')(basePolicyText) },
  YAML_TAB: { [V1]: edit('    - customer-coding', '\t- customer-coding')(basePolicyText) },
  DUPLICATE_EFFECTIVE_DATE: { [V1]: basePolicyText, 'clicksend-sla/2.0.0.yaml': edit('version: "1.0.0"', 'version: "2.0.0"')(basePolicyText) },
  CASE_INVALID: {},
  JSON_SYNTAX: {},
};

async function diagnosticsOf(files: Record<string, string | Buffer>): Promise<string[]> {
  const dir = policiesFolder(files);
  const { diagnostics } = await loadPolicies(dir);
  return diagnostics.map((diagnostic) => formatDiagnostic({ ...diagnostic, file: relative(dir, diagnostic.file) }));
}

describe('policy diagnostics, one broken fixture per error code', () => {
  for (const [code, files] of Object.entries(fixtures)) {
    if (Object.keys(files).length === 0) continue; // CASE_INVALID and JSON_SYNTAX are about case files: see the scenario and JSON syntax tests
    it(code, async () => {
      const lines = await diagnosticsOf(files);
      expect(lines.some((line) => line.includes(` ${code} `))).toBe(true);
      expect(lines).toMatchSnapshot();
    });
  }

  it('has a fixture for every policy error code', () => {
    const covered = new Set<string>([...Object.keys(fixtures), ...reloadOnly]);
    expect(Object.keys(policyErrorCodes).filter((code) => !covered.has(code))).toEqual([]);
  });

  it('reports every problem of every file at once, sorted by file and line', async () => {
    const broken = edit('monthMinutes: 43200', 'monthMinutes: -1')(edit('status: published', 'status: final')(basePolicyText));
    const lines = await diagnosticsOf({ [V1]: broken, 'other/1.yaml': 'id: [' });
    expect(lines.length).toBeGreaterThanOrEqual(3);
    const keys = lines.map((line) => line.split(' ')[0] ?? '');
    const order = keys.map((key) => {
      const [file = '', row = '0'] = key.split(':');
      return { file, row: Number(row) };
    });
    expect([...order].sort((a, b) => a.file.localeCompare(b.file) || a.row - b.row)).toEqual(order);
  });

  it('points an unknown key at the key itself', async () => {
    const [line] = await diagnosticsOf(fixtures.SCHEMA_UNKNOWN_KEY);
    const keyLine = basePolicyText.split('\n').findIndex((text) => text.includes('noticePeriod: P7D')) + 2;
    expect(line).toMatch(new RegExp(`^clicksend-sla/1.0.0.yaml:${keyLine}:3 SCHEMA_UNKNOWN_KEY unknown key "noticePeriodd"`));
  });
});
