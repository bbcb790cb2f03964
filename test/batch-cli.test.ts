import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { BUNDLED_DIR, copyPolicies, runCli } from './helpers.js';

// The real CLI process (the worker threads run the compiled dist/, built before `npm test`).
const typicalMonth = JSON.parse(readFileSync('examples/typical-month.json', 'utf8'));

function policy(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['bin/policy.js', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

/** Months with different charges, currencies and claims, and a few bad lines among them. */
function batchFile(lines: number): { path: string; texts: string[] } {
  const texts = Array.from({ length: lines }, (_, index) => {
    if (index % 97 === 13) return '{"policy":"clicksend-sla","facts":{"period":"2026-10","charges":{"amount":"1.005","currency":"USD"}}}';
    const currency = index % 3 === 0 ? 'EUR' : 'USD';
    const claim = index % 5 === 0 ? {} : { claim: typicalMonth.facts.claim };
    return JSON.stringify({ ...typicalMonth, facts: { ...typicalMonth.facts, claim: undefined, ...claim, charges: { amount: (10 + index / 100).toFixed(2), currency } } });
  });
  const path = join(mkdtempSync(join(tmpdir(), 'batch-')), 'in.ndjson');
  writeFileSync(path, `${texts.join('\n')}\n`);
  return { path, texts };
}

const withoutId = (text: string) => text.replace(/"decisionId":"[^"]+"/, '');

describe('policy evaluate --batch', () => {
  it('waits for an input that opens after the output (a named pipe) instead of stopping with nothing done', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'batch-pipe-'));
    const [pipe, out] = [join(dir, 'in.ndjson'), join(dir, 'out.ndjson')];
    execFileSync('mkfifo', [pipe]);
    const running = policy(['evaluate', '--batch', pipe, '--out', out, '--threads', '1', '--policies', BUNDLED_DIR]);
    // The output file opens at once; the pipe only once this writer opens it, a moment later.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await writeFile(pipe, `${JSON.stringify(typicalMonth)}\n`);
    const run = await running;
    expect(run.err).toContain('1 line(s) answered: 1 decision(s), 0 refused');
    expect(run.code).toBe(0);
    expect(readFileSync(out, 'utf8').split('\n')).toHaveLength(2);
  });

  it('answers every line in order as `policy evaluate` answers it alone, and sums exactly what is payable', async () => {
    const { path, texts } = batchFile(600);
    const out = join(path, '..', 'out.ndjson');
    // A second currency for the sums: legal adds its cap, no code changes.
    const policies = copyPolicies((text) => text.replace('USD: "125.00"', 'USD: "125.00"\n    EUR: "115.00"'));
    const run = await policy(['evaluate', '--batch', path, '--out', out, '--threads', '2', '--policies', policies]);
    expect(run.code).toBe(0);
    const answers = readFileSync(out, 'utf8').split('\n').slice(0, -1);
    expect(answers).toHaveLength(texts.length);
    // The oracle: a few lines evaluated alone through the single-case command.
    for (const index of [0, 1, 13, 299, 599]) {
      const single = join(path, '..', `case-${index}.json`);
      writeFileSync(single, texts[index] ?? '');
      const alone = await runCli('evaluate', single, '--policies', policies);
      if (alone.code === 0) expect(withoutId(answers[index] ?? '')).toBe(withoutId(alone.out));
      else expect(JSON.parse(answers[index] ?? '')).toMatchObject({ line: index + 1, code: 'AMOUNT_TOO_PRECISE' });
    }
    const decisions = answers.map((answer) => JSON.parse(answer)).filter((answer) => answer.rebate);
    const sum = (currency: string) => decisions.filter((d) => d.rebate.currency === currency).reduce((total, d) => total.plus(d.rebate.amount), new Decimal(0)).toFixed(2);
    expect(run.err).toContain(`${texts.length} line(s) answered: ${decisions.length} decision(s), ${texts.length - decisions.length} refused`);
    expect(run.err).toContain(`eligible months: ${decisions.filter((d) => d.rebate.eligible).length}\n`);
    expect(run.err).toContain(`total payable: EUR ${sum('EUR')}, USD ${sum('USD')}\n`);
    expect(run.err).not.toContain('batch |'); // no progress bar when stderr is not a terminal
  }, 60_000);

  it('splits a batch into shards that together answer every line once, from --shard or JOB_COMPLETION_INDEX', async () => {
    const { path, texts } = batchFile(50);
    const whole = (await policy(['evaluate', '--batch', path, '--threads', '1'])).out.split('\n').slice(0, -1).map(withoutId);
    const shards = await Promise.all([
      policy(['evaluate', '--batch', path, '--shard', '0/3', '--threads', '1']),
      policy(['evaluate', '--batch', path, '--threads', '1'], { JOB_COMPLETION_INDEX: '1', SHARD_COUNT: '3' }),
      policy(['evaluate', '--batch', path, '--shard', '2/3', '--threads', '1']),
    ]);
    const parts = shards.map((shard) => shard.out.split('\n').slice(0, -1).map(withoutId));
    expect(whole).toHaveLength(texts.length);
    whole.forEach((answer, index) => expect(parts[index % 3]?.[Math.floor(index / 3)]).toBe(answer));
    expect(parts.map((part) => part.length)).toEqual([17, 17, 16]);
  }, 60_000);

  it('refuses a bad shard, a missing input and a broken policies folder with a message and exit 1', async () => {
    const { path } = batchFile(3);
    const badShard = await runCli('evaluate', '--batch', path, '--shard', '3/3');
    expect([badShard.code, badShard.err]).toEqual([1, '--shard 3/3: the shard index must be a whole number from 0 to 2']);
    const halfEnv = await policy(['evaluate', '--batch', path], { JOB_COMPLETION_INDEX: '0' });
    expect([halfEnv.code, halfEnv.err.trim()]).toEqual([1, 'JOB_COMPLETION_INDEX and SHARD_COUNT must be set together']);
    const missing = await runCli('evaluate', '--batch', join(path, '..', 'nope.ndjson'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/nope\.ndjson: cannot be read \(ENOENT/);
    const broken = await runCli('evaluate', '--batch', path, '--policies', copyPolicies((text) => `${text}bogus: 1\n`));
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/1\.0\.0\.yaml:\d+:1 SCHEMA_UNKNOWN_KEY/);
    const both = await runCli('evaluate', 'examples/typical-month.json', '--batch', path);
    expect([both.code, both.err]).toEqual([1, 'give either a case file or --batch <file>']);
    const inSwedish = await runCli('--lang', 'sv', 'evaluate', '--batch', path, '--shard', '3/3');
    expect([inSwedish.code, inSwedish.err]).toEqual([1, '--shard 3/3: delens index måste vara ett heltal från 0 till 2']);
  }, 60_000);

  it('sums up in Swedish with Swedish numbers, and says so when nothing is payable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'batch-sv-'));
    const none = join(dir, 'none.ndjson');
    // Tickets only: no month, so no rebate and nothing payable.
    writeFileSync(none, `${JSON.stringify({ policy: 'clicksend-sla', facts: { tickets: [{ id: 'T-1', priority: 'major', openedAt: '2026-10-05T09:00:00Z' }], asOf: '2026-10-06T09:00:00Z' } })}\n`);
    const nothing = await policy(['--lang', 'sv', 'evaluate', '--batch', none, '--out', join(dir, 'out.ndjson'), '--threads', '1']);
    expect([nothing.code, nothing.err.split('\n')[0]]).toEqual([0, expect.stringMatching(/^1 rader besvarade: 1 beslut, 0 avvisade, på \d+,\d s/)]);
    expect(nothing.err).toContain('att betala totalt: inget');
    // The lines are answered in the language asked for too, as `policy evaluate` answers a case file; a line's own lang still wins.
    const lines = join(dir, 'lines.ndjson');
    writeFileSync(lines, `${JSON.stringify(typicalMonth)}\n{"policy":\n${JSON.stringify({ ...typicalMonth, lang: 'en' })}\n`);
    const answered = await policy(['--lang', 'sv', 'evaluate', '--batch', lines, '--threads', '1']);
    const [swedish, refused, english] = answered.out.trim().split('\n').map((line) => JSON.parse(line));
    expect(swedish.explanation[0]).toMatch(/^Beslutat enligt clicksend-sla/);
    expect(refused.detail).toMatch(/^rad 2 är inte giltig JSON/);
    expect(english.explanation[0]).toMatch(/^Decided under clicksend-sla/);
  }, 60_000);
});
