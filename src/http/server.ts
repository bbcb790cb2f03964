import type { FastifyInstance } from 'fastify';
import { DecisionLog } from '../decision-log/decision-log.js';
import { formatDiagnostic } from '../errors/problem.js';
import { PolicyStore } from '../registry/policy-store.js';
import { PolicyWatcher, pollIntervalFrom } from '../registry/policy-watcher.js';
import { buildApp } from './app.js';

/** How long in-flight requests get to finish after SIGTERM before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

export interface ServerConfig {
  readonly host: string;
  readonly port: number;
  readonly policiesDir: string;
  readonly policiesPollMs: number;
  readonly bodyLimit?: number;
  readonly decisionLogPath?: string;
  readonly logLevel: string;
  readonly decisionCacheSize?: number;
}

export function configFromEnv(env: NodeJS.ProcessEnv): ServerConfig {
  return {
    host: env['HOST'] ?? '127.0.0.1',
    port: Number(env['PORT'] ?? 3000),
    policiesDir: env['POLICIES_DIR'] ?? './policies',
    policiesPollMs: pollIntervalFrom(env['POLICIES_POLL_MS']),
    ...(env['BODY_LIMIT'] ? { bodyLimit: Number(env['BODY_LIMIT']) } : {}),
    ...(env['DECISION_LOG'] ? { decisionLogPath: env['DECISION_LOG'] } : {}),
    logLevel: env['LOG_LEVEL'] ?? 'info',
    ...(env['DECISION_CACHE_SIZE'] ? { decisionCacheSize: Number(env['DECISION_CACHE_SIZE']) } : {}),
  };
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
  const opened = await PolicyStore.open(config.policiesDir);
  if (!opened.store) {
    for (const diagnostic of opened.diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
    process.stderr.write(`refusing to start: ${opened.diagnostics.length} problem(s) in ${config.policiesDir}\n`);
    process.exitCode = 1;
    return null;
  }
  const store = opened.store;
  const decisionLog = config.decisionLogPath ? new DecisionLog(config.decisionLogPath) : undefined;
  const app = await buildApp({
    store,
    logger: { level: config.logLevel },
    ...(config.bodyLimit === undefined ? {} : { bodyLimit: config.bodyLimit }),
    ...(decisionLog ? { decisionLog } : {}),
    ...(config.decisionCacheSize === undefined ? {} : { decisionCacheSize: config.decisionCacheSize }),
  });

  const watcher = new PolicyWatcher(store, app.log, config.policiesPollMs);
  hangUp = () => void watcher.reload('SIGHUP');
  if (hangUpBeforeStart) hangUp();

  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    setTimeout(() => {
      app.log.error('in-flight requests did not finish in time; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    watcher.close(); // a SIGHUP from now on is caught and ignored, so it cannot cut the shutdown short
    await app.close();
    await decisionLog?.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ host: config.host, port: config.port });
  return app;
}
