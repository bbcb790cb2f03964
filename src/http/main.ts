import { watch } from 'node:fs';
import { DecisionLog } from '../decision-log/decision-log.js';
import { formatDiagnostic } from '../errors/problem.js';
import { PolicyStore } from '../registry/policy-store.js';
import { buildApp } from './app.js';

/** How long in-flight requests get to finish after SIGTERM before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;
/** File changes arrive in bursts (an editor's save is several events); reload once they settle. */
const RELOAD_SETTLE_MS = 200;

const env = process.env;
const host = env['HOST'] ?? '127.0.0.1';
const port = Number(env['PORT'] ?? 3000);
const policiesDir = env['POLICIES_DIR'] ?? './policies';
const bodyLimit = env['BODY_LIMIT'] === undefined ? undefined : Number(env['BODY_LIMIT']);
const decisionLogPath = env['DECISION_LOG'];

const opened = await PolicyStore.open(policiesDir);
if (!opened.store) {
  for (const diagnostic of opened.diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  process.stderr.write(`refusing to start: ${opened.diagnostics.length} problem(s) in ${policiesDir}\n`);
  process.exit(1);
}
const store = opened.store;
const decisionLog = decisionLogPath ? new DecisionLog(decisionLogPath) : undefined;
const app = await buildApp({
  store,
  logger: { level: env['LOG_LEVEL'] ?? 'info' },
  ...(bodyLimit === undefined ? {} : { bodyLimit }),
  ...(decisionLog ? { decisionLog } : {}),
});

const reload = async (why: string): Promise<void> => {
  const problems = await store.reload();
  if (problems.length > 0) {
    app.log.error({ why, problems: problems.map(formatDiagnostic) }, 'policy reload refused; the last good policies keep serving');
  } else {
    app.log.info({ why, versions: store.current().ids().map((id) => `${id}: ${(store.current().versions(id) ?? []).map((p) => p.ref.version).join(', ')}`) }, 'policies reloaded');
  }
};

let settle: NodeJS.Timeout | undefined;
const watcher = watch(policiesDir, { recursive: true }, () => {
  clearTimeout(settle);
  settle = setTimeout(() => void reload('file change'), RELOAD_SETTLE_MS);
});
process.on('SIGHUP', () => void reload('SIGHUP'));

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
  await app.close();
  await decisionLog?.close();
  process.exit(0);
};
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

await app.listen({ host, port });
