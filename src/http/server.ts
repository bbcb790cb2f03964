import { Server as NetServer } from 'node:net';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { DecisionLog } from '../decision-log/decision-log.js';
import { formatDiagnostic } from '../errors/problem.js';
import { findOffsetChangesAhead } from '../compile/zone-transitions.js';
import { EARLIEST, LATEST } from '../evaluate/facts.js';
import { setMemoBudgets } from '../model/memo-budgets.js';
import type { PolicyRegistry } from '../registry/policy-registry.js';
import { ServiceMetrics } from '../metrics/service-metrics.js';
import { PolicyStore } from '../registry/policy-store.js';
import { PolicyWatcher, pollIntervalFrom } from '../registry/policy-watcher.js';
import { buildApp, DEFAULT_DECISION_CACHE } from './app.js';
import type { AppOptions } from './app.js';
import { BatchedLines } from './log-lines.js';

/** How long in-flight requests get to finish after SIGTERM; then the connections still open (a stalled upload) are cut. */
const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;
/** How long after SIGTERM open connections are kept (and answered with Connection: close) before idle ones are closed. */
const DEFAULT_SHUTDOWN_DRAIN_MS = 500;
/** How often the drain looks whether every connection has closed. */
const DRAIN_CHECK_MS = 10;
/** After the grace, closing has this long to finish before the process gives up and exits 1. */
const SHUTDOWN_BACKSTOP_MS = 5_000;

export interface ServerConfig {
  readonly host: string;
  readonly port: number;
  readonly policiesDir: string;
  readonly policiesPollMs: number;
  readonly bodyLimit?: number;
  readonly decisionLogPath?: string;
  readonly decisionLogRequired: boolean;
  readonly logLevel: string;
  readonly decisionCache: NonNullable<AppOptions['decisionCache']>;
  readonly ruleMemo: { readonly ruleOutcomeBytes?: number; readonly ruleKeyMaxBytes?: number };
  readonly headerTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
  readonly shutdownGraceMs: number;
  readonly shutdownDrainMs: number;
}

/** A whole number of at least 0 from the environment, or the default when unset. */
function count(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value)) throw new ConfigError(`${name}=${text} is not a whole number of at least 0`);
  return value;
}

/** A setting that cannot be used: the process says so in one line and exits 1. */
export class ConfigError extends Error {}

/** Info lines are written once this many characters wait, or once a second, whichever comes first. */
const LOG_BATCH_CHARS = 8 * 1024;
const LOG_FLUSH_MS = 1000;
/** pino's number for warn: lines at this level and above are written at once. */
const WARN_LEVEL = 40;

/**
 * JSON log lines to stdout, written asynchronously: the line of every request in
 * batches (a write per line would cost a request more than its line), within a
 * second; a warning or an error at once, with whatever waited before it. What
 * waits is written when the process exits (a kill -9 loses at most the last
 * second's request lines).
 */
export function serviceLogger(level: string): NonNullable<FastifyServerOptions['logger']> {
  const stream = new BatchedLines(1, LOG_BATCH_CHARS);
  const flushNow = (): void => {
    try {
      stream.flush();
    } catch {
      // The stream is closed once the process exits; what was left was written then.
    }
  };
  setInterval(flushNow, LOG_FLUSH_MS).unref();
  return {
    level,
    stream,
    hooks: {
      logMethod(args, write, at) {
        write.apply(this, args);
        if (at < WARN_LEVEL) return;
        flushNow();
      },
    },
  };
}

export function configFromEnv(env: NodeJS.ProcessEnv): ServerConfig {
  return {
    host: env['HOST'] ?? '127.0.0.1',
    port: Number(env['PORT'] ?? 3000),
    policiesDir: env['POLICIES_DIR'] ?? './policies',
    policiesPollMs: pollIntervalFrom(count(env, 'POLICIES_POLL_MS')),
    ...optional('bodyLimit', count(env, 'BODY_LIMIT')),
    ...(env['DECISION_LOG'] ? { decisionLogPath: env['DECISION_LOG'] } : {}),
    decisionLogRequired: env['DECISION_LOG_REQUIRED'] === 'true' || env['DECISION_LOG_REQUIRED'] === '1',
    logLevel: env['LOG_LEVEL'] ?? 'info',
    decisionCache: { maxBytes: count(env, 'DECISION_CACHE_BYTES') ?? DEFAULT_DECISION_CACHE.maxBytes, maxEntryBytes: count(env, 'DECISION_CACHE_MAX_ENTRY_BYTES') ?? DEFAULT_DECISION_CACHE.maxEntryBytes },
    ruleMemo: { ...optional('ruleOutcomeBytes', count(env, 'RULE_MEMO_BYTES')), ...optional('ruleKeyMaxBytes', count(env, 'RULE_MEMO_MAX_KEY_BYTES')) },
    ...optional('headerTimeoutMs', count(env, 'HEADER_TIMEOUT_MS')),
    ...optional('requestTimeoutMs', count(env, 'REQUEST_TIMEOUT_MS')),
    shutdownGraceMs: count(env, 'SHUTDOWN_GRACE_MS') ?? DEFAULT_SHUTDOWN_GRACE_MS,
    shutdownDrainMs: count(env, 'SHUTDOWN_DRAIN_MS') ?? DEFAULT_SHUTDOWN_DRAIN_MS,
  };
}

function optional<K extends string>(key: K, value: number | undefined): { [key in K]?: number } {
  return value === undefined ? {} : ({ [key]: value } as { [key in K]: number });
}

/**
 * The service process: loads the policies (refusing to start on any problem),
 * listens, reloads on file changes and SIGHUP, and shuts down gracefully on SIGTERM.
 */
export async function startServer(config: ServerConfig, { hangUpBeforeStart = false } = {}): Promise<FastifyInstance | null> {
  // SIGHUP ends a process by default: catch it before loading, and honour one that came during start-up once serving.
  let hangUp = (): void => void (hangUpBeforeStart = true);
  const onHangUp = (): void => hangUp();
  process.on('SIGHUP', onHangUp);
  setMemoBudgets(config.ruleMemo);
  const opened = await PolicyStore.open(config.policiesDir);
  if (!opened.store) {
    for (const diagnostic of opened.diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
    process.stderr.write(`refusing to start: ${opened.diagnostics.length} problem(s) in ${config.policiesDir}\n`);
    process.exitCode = 1;
    return null;
  }
  const store = opened.store;
  const decisionLog = openDecisionLog(config);
  if (decisionLog === null) return null;
  const metrics = new ServiceMetrics();
  const app = await buildApp({
    store,
    metrics,
    logger: serviceLogger(config.logLevel),
    ...(config.bodyLimit === undefined ? {} : { bodyLimit: config.bodyLimit }),
    ...(decisionLog ? { decisionLog } : {}),
    decisionCache: config.decisionCache,
    ...optional('headerTimeoutMs', config.headerTimeoutMs),
    ...optional('requestTimeoutMs', config.requestTimeoutMs),
  });

  const watcher = new PolicyWatcher(store, app.log, config.policiesPollMs, (outcome) => metrics.reloaded(outcome === 'loaded' ? 'accepted' : 'refused'));
  hangUp = () => void watcher.reload('SIGHUP');
  if (hangUpBeforeStart) hangUp();

  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    app.log.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down: finishing in-flight requests');
    cutConnectionsAfter(app, config.shutdownGraceMs);
    watcher.close(); // a SIGHUP from now on is caught and ignored, so it cannot cut the shutdown short
    await drain(app, config.shutdownDrainMs);
    await app.close();
    decisionLog?.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ host: config.host, port: config.port });
  void findCalendarOffsetChangesAhead(store.current());
  return app;
}

/** The DST changes of every year a request may reach, found in the background for each calendar's zone (see work-calendar.ts). */
async function findCalendarOffsetChangesAhead(registry: PolicyRegistry): Promise<void> {
  const calendars = registry.ids().flatMap((id) => (registry.versions(id) ?? []).flatMap((policy) => [...policy.priorities.values()].flatMap((priority) => [priority.action.calendar, priority.response.calendar])));
  for (const zone of new Set(calendars.filter((calendar) => !calendar.alwaysOpen).map((calendar) => calendar.timeZone))) await findOffsetChangesAhead(zone, new Date(EARLIEST).getUTCFullYear() - 1, new Date(LATEST).getUTCFullYear());
}

/**
 * Stops accepting connections but keeps the open ones for up to `drainMs`,
 * answering with Connection: close, until none is left. Closing idle keep-alive
 * connections at once would cut the requests clients are sending on them that
 * the server has not read yet (ECONNRESET on every rollout); after an answer
 * that says Connection: close a client sends nothing more on its connection,
 * and a new connection is refused, so the request is never half taken.
 */
async function drain(app: FastifyInstance, drainMs: number): Promise<void> {
  app.closing = true;
  // net.Server's own close: http.Server's would close the idle connections as well.
  NetServer.prototype.close.call(app.server);
  const deadline = Date.now() + drainMs;
  while (Date.now() < deadline && app.openConnections() > 0) await new Promise((resolve) => setTimeout(resolve, DRAIN_CHECK_MS));
}

/** At the end of the grace period, the connections still open (a stalled upload) are cut, so closing can finish. */
function cutConnectionsAfter(app: FastifyInstance, graceMs: number): void {
  setTimeout(() => {
    app.log.warn('grace period over: cutting the connections still open (stalled uploads)');
    app.server.closeAllConnections();
    setTimeout(() => {
      app.log.error('the server did not close after the grace period; exiting');
      process.exit(1);
    }, SHUTDOWN_BACKSTOP_MS).unref();
  }, graceMs).unref();
}

/** The decision log, undefined when none is asked for, null when it cannot be opened (said in one line; exit 1). */
function openDecisionLog(config: ServerConfig): DecisionLog | undefined | null {
  if (config.decisionLogPath === undefined) return undefined;
  const opened = DecisionLog.open(config.decisionLogPath, { required: config.decisionLogRequired });
  if (opened.ok) return opened.log;
  process.stderr.write(`refusing to start: ${opened.message}\n`);
  process.exitCode = 1;
  return null;
}
