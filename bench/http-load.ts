// Benchmark targets in processes of their own, and autocannon runs against them.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';

export interface Target {
  readonly url: string;
  readonly cpuUrl: string;
  readonly child: ChildProcess;
}

/** Log lines go to a file, as to a log collector that keeps up: a pipe drained by the busy load generator would stall the server instead. */
const logFile = join(mkdtempSync(join(tmpdir(), 'bench-log-')), 'server.log');

/** Starts `dist/bench/server.js <kind>` (with extra node flags, e.g. --cpu-prof), its stdout appended to a log file. */
export function startTarget(kind: 'bare' | 'evaluate', nodeFlags: readonly string[] = []): Promise<Target> {
  const log = openSync(logFile, 'w');
  const child = spawn(process.execPath, [...nodeFlags, 'dist/bench/server.js', kind], { stdio: ['ignore', log, 'pipe'] });
  closeSync(log);
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      const port = /listening (\d+)/.exec(chunk.toString())?.[1];
      if (port) resolve({ child, url: `http://127.0.0.1:${port}${kind === 'bare' ? '/bare' : '/v1/evaluate'}`, cpuUrl: `http://127.0.0.1:${port}/bench/cpu` });
      else process.stderr.write(chunk);
    });
    child.on('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
}

/** Stops a target and waits for it to exit (a profiled one writes its profile then). */
export function stopTarget(target: Target): Promise<void> {
  return new Promise((resolve) => {
    if (target.child.exitCode !== null) return resolve();
    target.child.once('exit', () => resolve());
    target.child.kill('SIGTERM');
  });
}

export interface Measured {
  readonly requestsPerSecond: number;
  readonly p99: number;
  readonly errors: number;
  /** Server CPU time (user + system) per request: what a request costs, however busy the machine is. */
  readonly cpuMicrosPerRequest: number;
}

async function cpuMicros(target: Target): Promise<number> {
  const used = (await (await fetch(target.cpuUrl)).json()) as { user: number; system: number };
  return used.user + used.system;
}

/** Loads a target for `seconds` with `connections`, sending the body `bodies` gives for each request (a string: the same request every time). */
export async function load(target: Target, bodies: string | (() => string), seconds: number, connections: number): Promise<Measured> {
  const cpuBefore = await cpuMicros(target);
  const result = await autocannon({
    url: target.url,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json' },
    body: typeof bodies === 'string' ? bodies : bodies(),
    ...(typeof bodies === 'string' ? {} : { requests: [{ setupRequest: (request: object) => ({ ...request, body: bodies() }) }] }),
  });
  const cpu = (await cpuMicros(target)) - cpuBefore;
  return { requestsPerSecond: result.requests.average, p99: result.latency.p99, errors: result.errors + result.timeouts + result.non2xx, cpuMicrosPerRequest: cpu / Math.max(1, result.requests.total) };
}
