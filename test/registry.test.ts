import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicies } from '../src/registry/load-policies.js';
import { basePolicyText, BASE_POLICY_FILE, policiesFolder } from './helpers.js';

const version = (label: string, effectiveFrom: string, status: 'draft' | 'published') =>
  basePolicyText.replace('version: "1.0.0"', `version: "${label}"`).replace('effectiveFrom: "2020-01-01"', `effectiveFrom: "${effectiveFrom}"`).replace('status: published', `status: ${status}`);

async function threeVersions() {
  const dir = policiesFolder({
    'clicksend-sla/1.0.0.yaml': basePolicyText,
    'clicksend-sla/2.0.0.yaml': version('2.0.0', '2027-01-01', 'published'),
    'clicksend-sla/2.1.0-draft.yaml': version('2.1.0-draft', '2026-06-01', 'draft'),
  });
  const { registry, diagnostics } = await loadPolicies(dir);
  expect(diagnostics).toEqual([]);
  return { registry, dir };
}

describe('registry: which version decides', () => {
  it('has no version before the first one', async () => {
    const { registry } = await threeVersions();
    expect(registry.inForceForPeriod('clicksend-sla', '2019-12')).toBeUndefined();
  });

  it('uses a version from its effective date on (the boundary included)', async () => {
    const { registry } = await threeVersions();
    expect(registry.inForceForPeriod('clicksend-sla', '2020-01')?.ref.version).toBe('1.0.0');
    expect(registry.inForceForPeriod('clicksend-sla', '2027-01')?.ref.version).toBe('2.0.0');
  });

  it('keeps the earlier version between versions, and ignores drafts unless named', async () => {
    const { registry } = await threeVersions();
    expect(registry.inForceForPeriod('clicksend-sla', '2026-12')?.ref.version).toBe('1.0.0');
    expect(registry.inForceForPeriod('clicksend-sla', '2026-07')?.ref.version).toBe('1.0.0');
    expect(registry.version('clicksend-sla', '2.1.0-draft')?.status).toBe('draft');
  });

  it('chooses by instant in the policy time zone when there is no period', async () => {
    const { registry } = await threeVersions();
    expect(registry.inForceAt('clicksend-sla', Date.parse('2026-12-31T23:59:59Z'))?.ref.version).toBe('1.0.0');
    expect(registry.inForceAt('clicksend-sla', Date.parse('2027-01-01T00:00:00Z'))?.ref.version).toBe('2.0.0');
  });

  it('lists versions by effective date', async () => {
    const { registry } = await threeVersions();
    expect(registry.versions('clicksend-sla')?.map((policy) => policy.ref.version)).toEqual(['1.0.0', '2.1.0-draft', '2.0.0']);
    expect(registry.versions('nope')).toBeUndefined();
  });

  it('carries the sha256 of the file bytes, stable across loads', async () => {
    const expected = createHash('sha256').update(readFileSync(BASE_POLICY_FILE)).digest('hex');
    const first = await loadPolicies('policies');
    const second = await loadPolicies('policies');
    expect(first.registry.version('clicksend-sla', '1.0.0')?.ref.sha256).toBe(expected);
    expect(second.registry.version('clicksend-sla', '1.0.0')?.ref.sha256).toBe(expected);
  });

  it('refuses a published version that starts the same day as another', async () => {
    const dir = policiesFolder({ 'clicksend-sla/1.0.0.yaml': basePolicyText, 'clicksend-sla/1.0.1.yaml': version('1.0.1', '2020-01-01', 'published') });
    const { registry, diagnostics } = await loadPolicies(dir);
    expect(diagnostics.map((d) => [d.code, d.file])).toEqual([['DUPLICATE_EFFECTIVE_DATE', join(dir, 'clicksend-sla', '1.0.1.yaml')]]);
    expect(registry.versions('clicksend-sla')?.map((policy) => policy.ref.version)).toEqual(['1.0.0']);
  });
});
