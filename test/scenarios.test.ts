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
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${dir}/clicksend-sla/cases/broken.yaml`, 'cases:\n  - name: no facts\n    expect: { error: X }\n');
    const result = await runCli('test', dir);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${dir}/clicksend-sla/cases/broken.yaml:2:5 CASE_INVALID cases[0] is missing the key "facts"`);
  });
});
