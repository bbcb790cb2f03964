// SIGHUP ends a process by default, and loading the modules below takes a while:
// catch it first, and let the server reload once it serves.
let hangUpBeforeStart = false;
const early = (): void => void (hangUpBeforeStart = true);
process.on('SIGHUP', early);
const { serve } = await import('./cluster.js');
const { configFromEnv } = await import('./server.js');
process.off('SIGHUP', early);

try {
  const code = await serve(configFromEnv(process.env), process.env, { hangUpBeforeStart });
  if (code !== null) process.exit(code);
} catch (error) {
  // A bad setting or a port in use: one line for the operator, not a stack trace, and
  // an exit even though the policy watcher and the log were already opened.
  process.stderr.write(`refusing to start: ${(error as Error).message}\n`);
  process.exit(1);
}
