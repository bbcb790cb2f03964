import { configFromEnv, startServer } from './server.js';

try {
  await startServer(configFromEnv(process.env));
} catch (error) {
  // A bad setting or a port in use: one line for the operator, not a stack trace.
  process.stderr.write(`refusing to start: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
