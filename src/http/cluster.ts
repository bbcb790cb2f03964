import cluster from 'node:cluster';
import type { Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { pino } from 'pino';
import type { Logger } from 'pino';
import { aggregateWorkerMetrics } from '../metrics/cluster-metrics.js';
import { startServer } from './server.js';
import type { ServerConfig } from './server.js';

/** A worker that keeps dying is not restarted for ever: more than this many restarts ... */
const MAX_RESTARTS = 5;
/** ... within this window stops the service. */
const RESTART_WINDOW_MS = 60_000;
const RESTART_DELAY_MS = 500;
/** Workers finish in-flight requests within their own grace (server.ts); the primary waits a little longer. */
const SHUTDOWN_GRACE_MS = 15_000;

export type WorkerCount = { readonly ok: true; readonly workers: number } | { readonly ok: false; readonly message: string };

/** `WORKERS`: how many processes serve together; by default one per core. */
export function workerCountFromEnv(env: NodeJS.ProcessEnv): WorkerCount {
  const text = env['WORKERS'];
  if (text === undefined || text === '') return { ok: true, workers: availableParallelism() };
  const workers = Number(text);
  return Number.isInteger(workers) && workers >= 1 ? { ok: true, workers } : { ok: false, message: `WORKERS must be a whole number of at least 1, not ${JSON.stringify(text)}` };
}

/**
 * The service as `npm start` runs it: one process when WORKERS is 1, else a
 * cluster (this process its primary). Resolves with the exit code once the
 * service has ended, or null while a single process serves on.
 */
export async function serve(config: ServerConfig, env: NodeJS.ProcessEnv, options: { readonly hangUpBeforeStart?: boolean } = {}): Promise<number | null> {
  const count = workerCountFromEnv(env);
  if (!count.ok) {
    process.stderr.write(`${count.message}\n`);
    return 1;
  }
  if (cluster.isPrimary && count.workers > 1) return new ClusterPrimary(config, count.workers).run();
  return (await startServer(config, options)) ? null : 1;
}

/** Each worker appends to its own decision log, `<path>.<slot>`; `policy replay <path>` reads them together. */
export function workerDecisionLogPath(path: string, slot: number): string {
  return `${path}.${slot}`;
}

/**
 * The primary of a cluster of HTTP workers sharing one port. It forks the first
 * worker alone, so a broken policies folder is reported once (by that worker) and
 * stops the start; then the rest. It forwards SIGHUP (reload) and SIGTERM/SIGINT
 * (graceful shutdown) to every worker, restarts a worker that dies unexpectedly,
 * answers /metrics scrapes with every worker's metrics, and exits 0 once every
 * worker has shut down gracefully.
 */
export class ClusterPrimary {
  private readonly log: Logger;
  private readonly slots = new Map<number, Worker>();
  private readonly restarts: number[] = [];
  /** Workers that listen, and so have their own signal handlers: a SIGHUP would end one still starting. */
  private readonly ready = new Set<Worker>();
  private stopping = false;
  private failed = false;
  private readonly exited: Promise<number>;
  private finish: (code: number) => void = () => undefined;

  constructor(
    private readonly config: ServerConfig,
    private readonly workers: number,
  ) {
    this.log = pino({ level: config.logLevel });
    this.exited = new Promise((resolve) => (this.finish = resolve));
  }

  /** Runs the cluster; resolves with the exit code once every worker is gone. */
  async run(): Promise<number> {
    aggregateWorkerMetrics();
    process.on('SIGHUP', () => this.forward('SIGHUP', [...this.ready]));
    process.once('SIGTERM', () => this.stop('SIGTERM'));
    process.once('SIGINT', () => this.stop('SIGINT'));
    const first = await this.startFirst();
    if (first !== null) return first;
    if (!this.stopping) {
      for (let slot = 2; slot <= this.workers; slot++) this.fork(slot);
      this.log.info({ workers: this.workers }, 'cluster started');
    }
    return this.exited;
  }

  /**
   * The first worker, alone: null once it listens, else the code to exit with:
   * its own when it refused to start, 0 when the service was stopped meanwhile.
   */
  private startFirst(): Promise<number | null> {
    const worker = cluster.fork(this.envFor(1));
    this.slots.set(1, worker);
    return new Promise((resolve) => {
      const ended = (code: number | null): void => {
        this.slots.delete(1);
        resolve(this.stopping ? 0 : code === 0 || code === null ? 1 : code);
      };
      worker.once('exit', ended);
      worker.once('listening', () => {
        worker.off('exit', ended);
        this.watch(1, worker);
        this.ready.add(worker); // it listens already: watch() is too late to hear it
        resolve(null);
      });
    });
  }

  private envFor(slot: number): NodeJS.ProcessEnv {
    const path = this.config.decisionLogPath;
    return path === undefined ? {} : { DECISION_LOG: workerDecisionLogPath(path, slot) };
  }

  private fork(slot: number): void {
    this.watch(slot, cluster.fork(this.envFor(slot)));
  }

  private watch(slot: number, worker: Worker): void {
    this.slots.set(slot, worker);
    worker.once('listening', () => this.ready.add(worker));
    worker.once('exit', (code, signal) => this.onExit(slot, worker, code, signal));
  }

  private onExit(slot: number, worker: Worker, code: number | null, signal: string | null): void {
    if (this.slots.get(slot) === worker) this.slots.delete(slot);
    const wasReady = this.ready.delete(worker);
    if (this.stopping) {
      // A worker still starting has no handler of its own yet: SIGTERM ends it at once, which is a graceful stop too.
      if (code !== 0 && (wasReady || signal !== 'SIGTERM')) this.failed = true;
      this.log.info({ slot, pid: worker.process.pid, code, signal }, 'worker stopped');
      if (this.slots.size === 0) this.finish(this.failed ? 1 : 0);
      return;
    }
    const now = Date.now();
    this.restarts.push(now);
    while ((this.restarts[0] ?? now) < now - RESTART_WINDOW_MS) this.restarts.shift();
    if (this.restarts.length > MAX_RESTARTS) {
      this.log.error({ slot, code, signal, restarts: this.restarts.length }, 'workers keep dying; stopping the service');
      this.failed = true;
      this.stop('restart limit');
      return;
    }
    this.log.error({ slot, pid: worker.process.pid, code, signal }, 'worker died unexpectedly; starting another');
    setTimeout(() => !this.stopping && this.fork(slot), RESTART_DELAY_MS);
  }

  private forward(signal: NodeJS.Signals, workers: readonly Worker[] = [...this.slots.values()]): void {
    for (const worker of workers) worker.process.kill(signal);
  }

  private stop(why: string): void {
    if (this.stopping) return;
    this.stopping = true;
    this.log.info({ why, workers: this.slots.size }, 'shutting down: stopping every worker gracefully');
    if (this.slots.size === 0) this.finish(this.failed ? 1 : 0);
    this.forward('SIGTERM');
    setTimeout(() => {
      this.log.error('workers did not stop in time; killing them');
      this.forward('SIGKILL');
      this.finish(1);
    }, SHUTDOWN_GRACE_MS).unref();
  }
}
