import { appendFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DecisionLog } from '../src/decision-log/decision-log.js';
import { readDecisionLog } from '../src/decision-log/read-decision-log.js';
import type { LogLine } from '../src/decision-log/read-decision-log.js';
import { copyPolicies, openApp, runCli } from './helpers.js';

const typicalMonth = JSON.parse(readFileSync('examples/typical-month.json', 'utf8'));
const withCharges = (amount: string) => ({ ...typicalMonth, facts: { ...typicalMonth.facts, charges: { amount, currency: 'USD' } } });

function openLog(path: string, required = false): DecisionLog {
  const opened = DecisionLog.open(path, { required });
  if (!opened.ok) throw new Error(opened.message);
  return opened.log;
}

async function logThreeDecisions(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'log-')), 'decisions.ndjson');
  const log = openLog(path);
  const app = await openApp('policies', { decisionLog: log });
  for (const amount of ['480.00', '1000.00', '3000.00']) {
    const response = await app.inject({ method: 'POST', url: '/v1/evaluate', payload: withCharges(amount) });
    expect(response.statusCode).toBe(200);
  }
  await app.inject({ method: 'POST', url: '/v1/evaluate', payload: { policy: 'nope', facts: {} } });
  await app.close();
  log.close();
  return path;
}

async function readAll(path: string): Promise<LogLine[]> {
  const lines: LogLine[] = [];
  for await (const line of readDecisionLog(path)) lines.push(line);
  return lines;
}

describe('decision log', () => {
  it('appends one NDJSON line per decision with its id, time, policy, facts and decision, in a file only its owner may read', async () => {
    const path = await logThreeDecisions();
    const lines = await readAll(path);
    expect(lines).toHaveLength(3);
    const [first] = lines;
    if (!first || !('entry' in first)) throw new Error('the first line is not an entry');
    expect(first.entry).toMatchObject({ policy: { id: 'clicksend-sla', version: '1.0.0' }, request: { facts: { period: '2026-10' } }, decision: { rebate: { amount: '24.00' } } });
    expect(first.entry.decisionId).toBe(first.entry.decision.decisionId);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('logs a decision answered from the decision cache under its own id', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'log-')), 'decisions.ndjson');
    const log = openLog(path);
    const app = await openApp('policies', { decisionLog: log });
    const ids = [];
    for (let index = 0; index < 2; index++) ids.push((await app.inject({ method: 'POST', url: '/v1/evaluate', payload: typicalMonth })).json().decisionId);
    await app.close();
    log.close();
    const entries = (await readAll(path)).map((line) => ('entry' in line ? line.entry : null));
    expect(entries.map((entry) => entry?.decisionId)).toEqual(ids);
    expect(entries.map((entry) => entry?.decision.decisionId)).toEqual(ids);
  });

  it('a missing folder is a message, not a throw', () => {
    expect(DecisionLog.open('/nonexistent-folder/decisions.ndjson')).toEqual({ ok: false, message: 'cannot open the decision log /nonexistent-folder/decisions.ndjson: the folder does not exist' });
  });

  it('a write that fails (a full disk) is counted and shown on /readyz; the decision is still given unless the log is required', async () => {
    for (const required of [false, true]) {
      const log = openLog('/dev/full', required);
      const app = await openApp('policies', { decisionLog: log });
      const answers = [await app.inject({ method: 'POST', url: '/v1/evaluate', payload: withCharges('1.00') }), await app.inject({ method: 'POST', url: '/v1/evaluate', payload: withCharges('2.00') })];
      expect(answers.map((answer) => answer.statusCode)).toEqual(required ? [503, 503] : [200, 200]);
      if (required) expect(answers[0]?.json()).toMatchObject({ code: 'DECISION_LOG_UNAVAILABLE', status: 503 });
      // A decision refused for want of its log line is not counted as served.
      const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;
      expect(Number(/^policy_decisions_total\{[^}]*\} (\d+)$/m.exec(metrics)?.[1] ?? 0)).toBe(required ? 0 : 2);
      const ready = (await app.inject({ method: 'GET', url: '/readyz' })).json();
      expect(ready).toMatchObject({ status: 'decision log failing', decisionLog: { path: '/dev/full', required, written: 0, failedWrites: 2, failing: true, lastError: 'no space left on the device' } });
      await app.close();
      log.close();
    }
  });

  it('replays to no difference under the same policies', async () => {
    const result = await runCli('replay', await logThreeDecisions());
    expect(result).toMatchObject({ code: 0, out: '3 decision(s) replayed, 0 would now differ' });
  });

  it('skips a line that is not UTF-8, saying where, instead of replaying it with U+FFFD in it', async () => {
    const path = await logThreeDecisions();
    const [first = '', ...rest] = readFileSync(path, 'utf8').split('\n');
    const at = first.indexOf('"INC-1"') + 5;
    writeFileSync(path, Buffer.concat([Buffer.from(first.slice(0, at), 'utf8'), Buffer.from([0xc5]), Buffer.from(`${first.slice(at + 1)}\n${rest.join('\n')}`, 'utf8')]));
    const result = await runCli('replay', path);
    expect(result.err).toContain(`decisions.ndjson:1: skipped: not UTF-8 text from column ${at + 1} on`);
    expect(result.out).toBe('2 decision(s) replayed, 0 would now differ, 1 line(s) skipped');
  });

  it('reports every decision that would differ under an edited version, and each line that is not a decision, and goes on', async () => {
    const path = await logThreeDecisions();
    const [second, ...rest] = readFileSync(path, 'utf8').split('\n');
    writeFileSync(path, ['{"decisionId":"not-a-decision"}', '42', second, '{"decisionId":"x","time":"2026-11-02T10:00:00Z","policy":{},"request":{"facts":{}},"decision":{}}', ...rest].join('\n'));
    appendFileSync(path, '{"decisionId":"cut-sh');
    const dir = copyPolicies();
    writeFileSync(join(dir, 'clicksend-sla', '2.0.0.yaml'), readFileSync(join(dir, 'clicksend-sla', '1.0.0.yaml'), 'utf8').replace('version: "1.0.0"', 'version: "2.0.0"').replace('status: published', 'status: draft').replace('rebatePercent: 5\n', 'rebatePercent: 6\n'));
    const result = await runCli('replay', path, '--policies', dir, '--version', '2.0.0');
    expect(result.code).toBe(1);
    expect(result.err).toContain('decisions.ndjson:1: skipped: JSON but not a decision entry: no time');
    expect(result.err).toContain('decisions.ndjson:2: skipped: JSON but not a decision entry: not an object');
    expect(result.err).toContain("decisions.ndjson:4: skipped: its request is not valid: the request is missing the key \"policy\"");
    expect(result.err).toMatch(/decisions\.ndjson:7: skipped: not a whole JSON entry/);
    expect(result.out).toContain('rebate.rebatePercent: 5 | 6');
    expect(result.out).toContain('rebate.amount: "24.00" | "28.80"');
    expect(result.out).toMatch(/3 decision\(s\) replayed, 3 would now differ, 4 line\(s\) skipped$/);
  });
});
