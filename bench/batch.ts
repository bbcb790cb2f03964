// `npm run bench:batch`: batch throughput (decisions/s) of `policy evaluate --batch`
// on the same input with one worker thread and with one per core, as a ratio; the
// same input over HTTP (POST /v1/evaluations, one worker process); and memory over
// a much longer batch, sampled as it runs, to show it stays flat.
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { request } from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { distinctMonth } from './cases.js';

const env = process.env;
const LINES = Number(env['BENCH_BATCH_LINES'] ?? 100_000);
const MEMORY_LINES = Number(env['BENCH_BATCH_MEMORY_LINES'] ?? 1_000_000);
const SAMPLE_MS = 250;
const folder = mkdtempSync(join(tmpdir(), 'bench-batch-'));

/** Every line a different month's charges, so no remembered outcome applies. */
async function writeBatch(lines: number): Promise<string> {
  const path = join(folder, `in-${lines}.ndjson`);
  const out = createWriteStream(path);
  for (let index = 0; index < lines; index++) {
    if (!out.write(`${JSON.stringify(distinctMonth(index))}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return path;
}

/** The resident memory of a process, from /proc (Linux), in MiB. */
function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

interface Run {
  readonly seconds: number;
  readonly summary: string;
  /** RSS samples over the run, in MiB. */
  readonly rss: number[];
}

async function runCli(input: string, threads: number): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/policy.js', 'evaluate', '--batch', input, '--out', join(folder, 'out.ndjson'), '--threads', String(threads)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let summary = '';
  child.stderr.on('data', (chunk) => (summary += chunk));
  const rss: number[] = [];
  const sampler = setInterval(() => child.pid && rss.push(rssMiB(child.pid)), SAMPLE_MS);
  const [code] = await once(child, 'exit');
  clearInterval(sampler);
  if (code !== 0) throw new Error(`the batch failed: ${summary}`);
  return { seconds: (performance.now() - started) / 1000, summary: summary.trim(), rss };
}

async function runHttp(input: string): Promise<Run & { answered: number }> {
  const server = spawn(process.execPath, ['dist/src/http/main.js'], { env: { ...env, PORT: '0', WORKERS: '1', LOG_LEVEL: 'info', DECISION_CACHE_BYTES: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => {
    let text = '';
    server.stdout.on('data', (chunk) => {
      text += chunk;
      const found = /listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(text)?.[1];
      if (found) resolve(Number(found));
    });
  });
  const rss: number[] = [];
  const sampler = setInterval(() => server.pid && rss.push(rssMiB(server.pid)), SAMPLE_MS);
  const started = performance.now();
  const answered = await new Promise<number>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/v1/evaluations', headers: { 'content-type': 'application/x-ndjson' } }, (res) => {
      let lines = 0;
      res.on('data', (chunk: Buffer) => {
        for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
      });
      res.on('end', () => resolve(lines));
    });
    req.on('error', reject);
    createReadStream(input).pipe(req);
  });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  server.kill('SIGTERM');
  await once(server, 'exit');
  return { seconds, summary: '', rss, answered };
}

/** RSS a quarter, half, three quarters and 95% into a run (the very end is after the pool has stopped): flat memory means the later ones are no higher than the first. */
function quarters(rss: readonly number[]): string {
  const at = (fraction: number) => rss[Math.min(rss.length - 1, Math.floor(rss.length * fraction))] ?? Number.NaN;
  return [0.25, 0.5, 0.75, 0.95].map((fraction) => `${at(fraction).toFixed(1)}`).join(' / ');
}

const perSecond = (lines: number, seconds: number) => Math.round(lines / seconds);

const cores = availableParallelism();
const input = await writeBatch(LINES);
console.log(`batch of ${LINES} lines (every line a different month), ${cores} core(s)\n`);
const one = await runCli(input, 1);
const all = await runCli(input, cores);
console.log('| run | wall s | lines/s (wall, incl. start-up) | peak RSS MiB |');
console.log('|---|---|---|---|');
console.log(`| CLI, 1 worker thread | ${one.seconds.toFixed(1)} | ${perSecond(LINES, one.seconds)} | ${Math.max(...one.rss).toFixed(1)} |`);
console.log(`| CLI, ${cores} worker threads | ${all.seconds.toFixed(1)} | ${perSecond(LINES, all.seconds)} | ${Math.max(...all.rss).toFixed(1)} |`);
const http = await runHttp(input);
if (http.answered !== LINES) throw new Error(`HTTP answered ${http.answered} of ${LINES} lines`);
console.log(`| HTTP POST /v1/evaluations, 1 worker process | ${http.seconds.toFixed(1)} | ${perSecond(LINES, http.seconds)} | ${Math.max(...http.rss).toFixed(1)} |`);
console.log(`\nratio, ${cores} threads to 1: ${(one.seconds / all.seconds).toFixed(2)}`);
console.log(`CLI summary (${cores} threads): ${all.summary.split('\n')[0]}`);
console.log(`HTTP RSS at 25%, 50%, 75% and 95% of the run (MiB): ${quarters(http.rss)}`);

rmSync(input);
const long = await writeBatch(MEMORY_LINES);
const memory = await runCli(long, cores);
console.log(`\nmemory over ${MEMORY_LINES} lines (CLI, ${cores} threads, ${memory.seconds.toFixed(1)} s): RSS at 25%, 50%, 75% and 95% of the run ${quarters(memory.rss)} MiB; peak ${Math.max(...memory.rss).toFixed(1)} MiB`);
rmSync(folder, { recursive: true });
