import { configFromEnv, startServer } from './server.js';

try {
  await startServer(configFromEnv(process.env));
} catch (error) {
  // A bad setting or a port in use: one line for the operator, not a stack trace, and
  // an exit even though the policy watcher and the log were already opened.
  process.stderr.write(`refusing to start: ${(error as Error).message}\n`);
  process.exit(1);
}
