import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/http/app.js';
import { DEFAULT_SETTLE_MS, PolicyStore } from '../src/registry/policy-store.js';
import type { StoreOptions } from '../src/registry/policy-store.js';
import { DEFAULT_POLL_MS, pollIntervalFrom } from '../src/registry/policy-watcher.js';
import { basePolicyText, copyPolicies, policiesFolder } from './helpers.js';

const typicalMonth = JSON.parse(readFileSync('examples/typical-month.json', 'utf8'));

async function storeOn(dir: string, options: StoreOptions = {}): Promise<PolicyStore> {
  const opened = await PolicyStore.open(dir, options);
  if (!opened.store) throw new Error('expected the copy to load');
  return opened.store;
}

describe('reloading policies', () => {
  it('swaps in a valid change', async () => {
    const dir = copyPolicies();
    const store = await storeOn(dir);
    const file = join(dir, 'clicksend-sla', '1.0.0.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('USD: "125.00"', 'USD: "10.00"'));
    expect(await store.reload()).toEqual([]);
    expect(store.current().version('clicksend-sla', '1.0.0')?.caps.get('USD')?.amount.toString()).toBe('10');
    expect(store.lastRefused()).toBeNull();
  });

  it('refuses an invalid change, keeps the last good policies and shows the problems on /readyz', async () => {
    const dir = copyPolicies();
    const store = await storeOn(dir);
    const before = store.current();
    const file = join(dir, 'clicksend-sla', '1.0.0.yaml');
    writeFileSync(file, `${readFileSync(file, 'utf8')}status: draft\n`);
    const problems = await store.reload();
    expect(problems.map((p) => p.code)).toEqual(['YAML_DUPLICATE_KEY']);
    expect(store.current()).toBe(before);

    const app = await buildApp({ store });
    const ready = (await app.inject('/readyz')).json();
    expect(ready.refusedReload.problems[0]).toMatch(/1\.0\.0\.yaml:\d+:1 YAML_DUPLICATE_KEY/);
    const decision = await app.inject({ method: 'POST', url: '/v1/evaluate', payload: typicalMonth });
    expect(decision.statusCode).toBe(200);
    await app.close();
  });

  it('a request in flight finishes on the registry it started with', async () => {
    const dir = copyPolicies();
    const store = await storeOn(dir);
    const app = await buildApp({ store });
    const file = join(dir, 'clicksend-sla', '1.0.0.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('USD: "125.00"', 'USD: "10.00"'));
    const [response] = await Promise.all([app.inject({ method: 'POST', url: '/v1/evaluate', payload: typicalMonth }), store.reload()]);
    const after = await app.inject({ method: 'POST', url: '/v1/evaluate', payload: typicalMonth });
    expect(response.json().policy.sha256).not.toBe(after.json().policy.sha256);
    expect(after.json().rebate.amount).toBe('10.00');
    await app.close();
  });
});

describe('reloads that overlap', () => {
  it('a change made while a reload is reading the files is loaded too', async () => {
    const dir = copyPolicies();
    const store = await storeOn(dir);
    const file = join(dir, 'clicksend-sla', '1.0.0.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('USD: "125.00"', 'USD: "10.00"'));
    const first = store.reload();
    writeFileSync(file, original.replace('USD: "125.00"', 'USD: "20.00"'));
    const second = store.reload();
    const third = store.reload();
    expect(second).toBe(third);
    await Promise.all([first, second]);
    expect(store.current().version('clicksend-sla', '1.0.0')?.caps.get('USD')?.amount.toString()).toBe('20');
  });
});

const V1 = 'clicksend-sla/1.0.0.yaml';
const capOf = (store: PolicyStore, version = '1.0.0') => store.current().version('clicksend-sla', version)?.caps.get('USD')?.amount.toString();
const withCap = (text: string, cap: string) => text.replace('USD: "125.00"', `USD: "${cap}"`);
const asDraft = (text: string, version: string) => text.replace('version: "1.0.0"', `version: "${version}"`).replace('status: published', 'status: draft');
const asPolicy = (text: string, id: string) => text.replace('id: clicksend-sla', `id: ${id}`);

describe('what a reload compares, and what /readyz shows', () => {
  it('an unchanged tree is not a reload: the registry and each version\'s loadedAt stay', async () => {
    const dir = policiesFolder({ [V1]: basePolicyText, 'clicksend-sla/2.0.0.yaml': asDraft(basePolicyText, '2.0.0') });
    const store = await storeOn(dir);
    const before = store.current();
    const [first] = store.servedVersions();
    expect(await store.reloadIfChanged('poll')).toBeNull();
    expect(await store.reload('SIGHUP')).toEqual([]);
    expect(store.current()).toBe(before);
    expect(store.lastReload()).toMatchObject({ trigger: 'SIGHUP', outcome: 'unchanged', problems: [] });

    await new Promise((resolve) => setTimeout(resolve, 5));
    writeFileSync(join(dir, 'clicksend-sla', '2.0.0.yaml'), withCap(asDraft(basePolicyText, '2.0.0'), '10.00'));
    expect(await store.reloadIfChanged('poll')).toEqual([]);
    expect(store.current()).not.toBe(before);
    const [v1, v2] = store.servedVersions();
    expect(v1).toEqual(first);
    expect((v2?.loadedAt ?? '') > (first?.loadedAt ?? '')).toBe(true);
    expect(store.lastReload()).toMatchObject({ trigger: 'poll', outcome: 'loaded' });
  });

  it('/readyz lists each version with file (relative to POLICIES_DIR), sha256 and loadedAt, and the last reload', async () => {
    const dir = copyPolicies();
    const store = await storeOn(dir);
    const app = await buildApp({ store });
    const sha256 = createHash('sha256').update(readFileSync(join(dir, V1))).digest('hex');
    const ready = (await app.inject('/readyz')).json();
    expect(ready).toMatchObject({ status: 'ready', lastReload: null, refusedReload: null });
    expect(ready.policies).toEqual([{ id: 'clicksend-sla', version: '1.0.0', effectiveFrom: '2020-01-01', status: 'published', sha256, file: V1, loadedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }]);

    writeFileSync(join(dir, V1), `${basePolicyText}status: draft\n`);
    await store.reload('SIGHUP');
    const refused = (await app.inject('/readyz')).json();
    expect(refused.lastReload).toMatchObject({ trigger: 'SIGHUP', outcome: 'refused', problems: [expect.stringMatching(/^clicksend-sla\/1\.0\.0\.yaml:\d+:1 YAML_DUPLICATE_KEY/)] });
    expect(refused.policies[0].sha256).toBe(sha256);
    await app.close();
  });
});

describe('a reload that cannot silently lose terms', () => {
  it('refuses a deleted policies folder, and an emptied one, and keeps serving', async () => {
    const dir = copyPolicies();
    const store = await storeOn(dir);
    rmSync(join(dir, 'clicksend-sla'), { recursive: true });
    expect((await store.reload()).map((p) => p.code)).toEqual(['NO_POLICIES']);
    rmSync(dir, { recursive: true });
    expect((await store.reload()).map((p) => p.code)).toEqual(['FILE_UNREADABLE']);
    expect(capOf(store)).toBe('125');
    expect(store.lastRefused()?.problems[0]).toMatch(/^\.:1:1 FILE_UNREADABLE the policies folder .*ENOENT/);
  });

  it('refuses removing every version of a served policy, but not one version of it', async () => {
    const dir = policiesFolder({ [V1]: basePolicyText, 'clicksend-sla/2.0.0.yaml': asDraft(basePolicyText, '2.0.0'), 'other-sla/1.0.0.yaml': asPolicy(basePolicyText, 'other-sla') });
    const store = await storeOn(dir);
    rmSync(join(dir, 'other-sla'), { recursive: true });
    const problems = await store.reload();
    expect(problems.map((p) => `${p.code} ${relative(dir, p.file)}`)).toEqual(['POLICY_REMOVED other-sla']);
    expect(store.current().versions('other-sla')).toHaveLength(1);
    rmSync(join(dir, 'clicksend-sla', '2.0.0.yaml'));
    expect((await store.reload()).map((p) => p.code)).toEqual(['POLICY_REMOVED']);
    mkdirSync(join(dir, 'other-sla'));
    writeFileSync(join(dir, 'other-sla', '1.0.0.yaml'), asPolicy(basePolicyText, 'other-sla'));
    expect(await store.reload()).toEqual([]);
    expect(store.current().versions('clicksend-sla')?.map((p) => p.ref.version)).toEqual(['1.0.0']);
  });

  it('does not start on an empty folder', async () => {
    const opened = await PolicyStore.open(policiesFolder({}));
    expect(opened.diagnostics.map((p) => p.code)).toEqual(['NO_POLICIES']);
  });
});

describe('a reload that cannot die', () => {
  it('a dangling symlink or a symlink loop, at any depth, refuses the reload instead of throwing', async () => {
    const dir = copyPolicies();
    const store = await storeOn(dir);
    for (const [name, target] of [['dangling', join(dir, 'nowhere')], ['loop', join(dir, 'loop')]] as const) {
      symlinkSync(target, join(dir, name));
      const problems = await store.reload();
      expect(problems.map((p) => `${p.code} ${relative(dir, p.file)}`)).toEqual([`FILE_UNREADABLE ${name}`]);
      expect(problems[0]?.message).toMatch(/ENOENT|ELOOP/);
      rmSync(join(dir, name));
    }
    symlinkSync(join(dir, 'nowhere.yaml'), join(dir, 'clicksend-sla', '9.0.0.yaml'));
    expect((await store.reload()).map((p) => `${p.code} ${relative(dir, p.file)}`)).toEqual(['FILE_UNREADABLE clicksend-sla/9.0.0.yaml']);
    expect(capOf(store)).toBe('125');
  });

  it('folders created and removed during reloads never reject a reload', async () => {
    const dir = copyPolicies();
    const store = await storeOn(dir, { settleMs: 1 });
    let churning = true;
    const churn = (async () => {
      for (let round = 0; churning && round < 2000; round++) {
        const folder = join(dir, `churn-${round % 3}`);
        mkdirSync(join(folder, 'inner'), { recursive: true });
        writeFileSync(join(folder, 'inner', 'x.yaml'), 'x');
        await new Promise((resolve) => setImmediate(resolve));
        rmSync(folder, { recursive: true, force: true });
      }
    })();
    const outcomes = await Promise.all(Array.from({ length: 30 }, () => store.reload().then((problems) => problems.map((p) => p.code))));
    churning = false;
    await churn;
    expect(outcomes.flat().every((code) => code === 'FILE_UNREADABLE' || code === 'FILES_CHANGING')).toBe(true);
    expect(await store.reload()).toEqual([]);
    expect(store.lastRefused()).toBeNull();
  });
});

describe('a changed file must read the same twice', () => {
  it('a file caught half-written is never served: the reload waits for the rest', async () => {
    const dir = copyPolicies();
    const store = await storeOn(dir);
    const full = `${withCap(basePolicyText, '10.00').replace('rules: []\n', '')}rules:\n  - id: closed\n    when: { all: [{ fact: incidentCount, operator: greaterThanInclusive, value: 0 }] }\n    then: { outcome: ineligible, code: CLOSED, message: Closed. }\n`;
    const half = full.slice(0, full.indexOf('rules:\n'));
    writeFileSync(join(dir, V1), half);
    const reloading = store.reload();
    await new Promise((resolve) => setTimeout(resolve, DEFAULT_SETTLE_MS / 3));
    appendFileSync(join(dir, V1), full.slice(half.length));
    expect(await reloading).toEqual([]);
    expect(store.current().version('clicksend-sla', '1.0.0')?.document.rules).toHaveLength(1);
    expect(store.servedVersions()[0]?.sha256).toBe(createHash('sha256').update(full).digest('hex'));
  });

  it('files that never hold still refuse the reload, and the next one loads them once they do', async () => {
    const dir = copyPolicies();
    const store = await storeOn(dir, { settleMs: 20 });
    let writes = 0;
    const writer = setInterval(() => writeFileSync(join(dir, V1), withCap(basePolicyText, `${(writes++ % 90) + 10}.00`)), 2);
    const problems = await store.reload();
    clearInterval(writer);
    expect(problems.map((p) => p.code)).toEqual(['FILES_CHANGING']);
    expect(capOf(store)).toBe('125');
    expect(await store.reloadIfChanged('poll')).toEqual([]);
    expect(capOf(store)).not.toBe('125');
  });
});

describe('POLICIES_POLL_MS', () => {
  it('is a whole number of milliseconds, at least 100; unset or not a number gives the default', () => {
    expect(pollIntervalFrom(undefined)).toBe(DEFAULT_POLL_MS);
    expect([500, 5, 0].map(pollIntervalFrom)).toEqual([500, 100, 100]);
  });
});
