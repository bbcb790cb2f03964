import { watch } from 'node:fs';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import pino from 'pino';
import { DecisionLog } from '../decision-log/decision-log.js';
import { formatDiagnostic } from '../errors/problem.js';
import { PolicyStore } from '../registry/policy-store.js';
import { buildApp } from './app.js';

/** How long in-flight requests get to finish after SIGTERM before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;
/** File changes arrive in bursts (an editor's save is several events); reload once they settle. */
const RELOAD_SETTLE_MS = 200;

export interface ServerConfig {
  readonly host: string;
  readonly port: number;
  readonly policiesDir: string;
  readonly bodyLimit?: number;
  readonly decisionLogPath?: string;
  readonly logLevel: string;
  readonly decisionCacheSize?: number;
}

/**
 * JSON log lines to stdout, written asynchronously: under load, lines that come
 * while a write is under way go out together in one write instead of one
 * blocking write each; pino writes what is left when the process exits.
 */
export function serviceLogger(level: string): NonNullable<FastifyServerOptions['logger']> {
  return { level, stream: pino.destination({ dest: 1, sync: false }) };
}

export function configFromEnv(env: NodeJS.ProcessEnv): ServerConfig {
  return {
    host: env['HOST'] ?? '127.0.0.1',
    port: Number(env['PORT'] ?? 3000),
    policiesDir: env['POLICIES_DIR'] ?? './policies',
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
export async function startServer(config: ServerConfig): Promise<FastifyInstance | null> {
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
    logger: serviceLogger(config.logLevel),
    ...(config.bodyLimit === undefined ? {} : { bodyLimit: config.bodyLimit }),
    ...(decisionLog ? { decisionLog } : {}),
    ...(config.decisionCacheSize === undefined ? {} : { decisionCacheSize: config.decisionCacheSize }),
  });

  const reload = async (why: string): Promise<void> => {
    const problems = await store.reload();
    if (problems.length > 0) {
      app.log.error({ why, problems: problems.map(formatDiagnostic) }, 'policy reload refused; the last good policies keep serving');
      return;
    }
    const registry = store.current();
    app.log.info({ why, policies: registry.ids().map((id) => `${id}@${(registry.versions(id) ?? []).map((policy) => policy.ref.version).join(',')}`) }, 'policies reloaded');
  };

  let settle: NodeJS.Timeout | undefined;
  const watcher = watch(config.policiesDir, { recursive: true }, () => {
    clearTimeout(settle);
    settle = setTimeout(() => void reload('file change'), RELOAD_SETTLE_MS);
  });
  const onHangUp = (): void => void reload('SIGHUP');
  process.on('SIGHUP', onHangUp);

  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    setTimeout(() => {
      app.log.error('in-flight requests did not finish in time; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    watcher.close();
    clearTimeout(settle);
    process.off('SIGHUP', onHangUp);
    await app.close();
    await decisionLog?.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ host: config.host, port: config.port });
  return app;
}
