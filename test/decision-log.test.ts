import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DecisionLog, readDecisionLog } from '../src/decision-log/decision-log.js';
import { copyPolicies, openApp, runCli } from './helpers.js';

const typicalMonth = JSON.parse(readFileSync('examples/typical-month.json', 'utf8'));

async function logThreeDecisions(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'log-')), 'decisions.ndjson');
  const log = new DecisionLog(path);
  const app = await openApp('policies', { decisionLog: log });
  for (const amount of ['480.00', '1000.00', '3000.00']) {
    const response = await app.inject({ method: 'POST', url: '/v1/evaluate', payload: { ...typicalMonth, facts: { ...typicalMonth.facts, charges: { amount, currency: 'USD' } } } });
    expect(response.statusCode).toBe(200);
  }
  await app.inject({ method: 'POST', url: '/v1/evaluate', payload: { policy: 'nope', facts: {} } });
  await app.close();
  await log.close();
  return path;
}

describe('decision log', () => {
  it('appends one NDJSON line per decision with its id, time, policy, facts and decision', async () => {
    const path = await logThreeDecisions();
    const { entries, unreadable } = await readDecisionLog(path);
    expect(unreadable).toEqual([]);
    expect(entries).toHaveLength(3);
    expect(entries[0]).toMatchObject({ policy: { id: 'clicksend-sla', version: '1.0.0' }, request: { facts: { period: '2026-10' } }, decision: { rebate: { amount: '24.00' } } });
    expect(entries[0]?.decisionId).toBe(entries[0]?.decision.decisionId);
  });

  it('replays to no difference under the same policies', async () => {
    const result = await runCli('replay', await logThreeDecisions());
    expect(result).toMatchObject({ code: 0, out: '3 decision(s) replayed, 0 would now differ' });
  });

  it('reports every decision that would differ under an edited version, and skips a line cut short', async () => {
    const path = await logThreeDecisions();
    appendFileSync(path, '{"decisionId":"cut-sh');
    const dir = copyPolicies();
    writeFileSync(join(dir, 'clicksend-sla', '2.0.0.yaml'), readFileSync(join(dir, 'clicksend-sla', '1.0.0.yaml'), 'utf8').replace('version: "1.0.0"', 'version: "2.0.0"').replace('status: published', 'status: draft').replace('rebatePercent: 5\n', 'rebatePercent: 6\n'));
    const result = await runCli('replay', path, '--policies', dir, '--version', '2.0.0');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/decisions\.ndjson:4: skipped a line/);
    expect(result.out).toContain('rebate.rebatePercent: 5 | 6');
    expect(result.out).toContain('rebate.amount: "24.00" | "28.80"');
    expect(result.out).toMatch(/3 decision\(s\) replayed, 3 would now differ$/);
  });
});
