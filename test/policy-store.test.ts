import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/http/app.js';
import { PolicyStore } from '../src/registry/policy-store.js';
import { copyPolicies } from './helpers.js';

const typicalMonth = JSON.parse(readFileSync('examples/typical-month.json', 'utf8'));

async function storeOn(dir: string): Promise<PolicyStore> {
  const opened = await PolicyStore.open(dir);
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
