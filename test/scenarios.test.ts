import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCases, runCase } from '../src/scenarios/run-cases.js';
import { bundledRegistry, copyPolicies, runCli } from './helpers.js';

const { cases, problems } = await loadCases('policies');

describe('the bundled policy scenario cases (as `npx policy test` runs them)', () => {
  it('load without problems', () => {
    expect(problems).toEqual([]);
    expect(cases.length).toBeGreaterThan(40);
  });

  for (const loaded of cases) {
    it(`${loaded.file}:${loaded.line} ${loaded.case.name}`, async () => {
      const result = await runCase(await bundledRegistry(), loaded);
      expect(result.mismatches).toEqual([]);
    });
  }
});

describe('policy test', () => {
  it('passes on the bundled policies with a closing summary line', async () => {
    const result = await runCli('test');
    expect(result.code).toBe(0);
    expect(result.out).toBe(`${cases.length} passed, 0 failed`);
  });

  it('prints each failing case with expected and actual, and exits 1', async () => {
    const dir = copyPolicies((text) => text.replace('USD: "125.00"', 'USD: "150.00"'));
    const result = await runCli('test', dir);
    expect(result.code).toBe(1);
    expect(result.out).toContain('FAIL ');
    expect(result.out).toContain('$.rebate.amount: expected "125.00", got "150.00"');
    expect(result.out).toMatch(/\n\d+ passed, 8 failed$/);
  });

  it('reports a broken case file at its line', async () => {
    const dir = copyPolicies();
    writeFileSync(`${dir}/clicksend-sla/cases/broken.yaml`, 'cases:\n  - name: no facts\n    expect: { error: X }\n');
    const result = await runCli('test', dir);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${dir}/clicksend-sla/cases/broken.yaml:2:5 CASE_INVALID cases[0] is missing the key "facts"`);
  });
});

describe('scenario cases never read the clock', () => {
  it('a case with tickets but no asOf is refused at its line, so its outcome cannot change with the day it runs', async () => {
    const dir = copyPolicies();
    writeFileSync(`${dir}/clicksend-sla/cases/clock.yaml`, 'cases:\n  - name: an open ticket\n    facts: { tickets: [{ id: T, priority: major, openedAt: "2026-10-03T10:00:00Z" }] }\n    expect: { support: [{ action: { status: breached } }] }\n');
    const result = await runCli('test', dir);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${dir}/clicksend-sla/cases/clock.yaml:3:5 CASE_INVALID cases[0].facts is missing the key "asOf", needed with "tickets"`);
  });

  it('every bundled case that judges tickets fixes asOf', () => {
    const withTickets = cases.filter(({ case: item }) => item.facts.tickets !== undefined);
    expect(withTickets.length).toBeGreaterThan(0);
    for (const { case: item } of withTickets) expect(item.facts.asOf, item.name).toBeDefined();
  });
});

describe('policy diff', () => {
  const withDraft = (edit: (text: string) => string) => {
    const dir = copyPolicies();
    const v1 = readFileSync(join(dir, 'clicksend-sla', '1.0.0.yaml'), 'utf8');
    writeFileSync(join(dir, 'clicksend-sla', '2.0.0.yaml'), edit(v1.replace('version: "1.0.0"', 'version: "2.0.0"').replace('status: published', 'status: draft')));
    return dir;
  };

  it('lists the terms that differ and every scenario whose outcome changes, and exits 1', async () => {
    const dir = withDraft((text) => text.replace('USD: "125.00"', 'USD: "150.00"').replace('holidays: []', 'holidays:\n      - date: "2026-12-24"'));
    const result = await runCli('diff', 'clicksend-sla', '1.0.0', '2.0.0', '--policies', dir);
    expect(result.code).toBe(1);
    expect(result.out).toContain('~ rebate.caps.USD: "125.00" -> "150.00"');
    expect(result.out).toContain('+ calendars.business.holidays[0]: {"date":"2026-12-24"}');
    expect(result.out).toMatch(/Outcomes that differ \(1\.0\.0 \| 2\.0\.0\): 8 of \d+ case\(s\)/);
    expect(result.out).toContain('rebate.amount: "125.00" | "150.00"');
  });

  it('exits 0 when no outcome changes, and 2 for an unknown version', async () => {
    const dir = withDraft((text) => text.replace('changeNote: First version', 'changeNote: Same terms, reworded note'));
    expect((await runCli('diff', 'clicksend-sla', '1.0.0', '2.0.0', '--policies', dir)).code).toBe(0);
    expect((await runCli('diff', 'clicksend-sla', '1.0.0', '9.0.0', '--policies', dir)).code).toBe(2);
  });
});
