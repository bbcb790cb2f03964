// SIGHUP ends a process by default, and loading the modules below takes a while:
// catch it first, and let the server reload once it serves.
let hangUpBeforeStart = false;
const early = (): void => void (hangUpBeforeStart = true);
process.on('SIGHUP', early);
const { serve } = await import('./cluster.js');
const { configFromEnv } = await import('./server.js');

try {
  const serving = serve(configFromEnv(process.env), process.env, { hangUpBeforeStart });
  // serve() catches SIGHUP itself before its first await: only now let go of the early catch.
  // Letting go before it would leave a moment with no listener, when SIGHUP ends the process.
  process.off('SIGHUP', early);
  const code = await serving;
  if (code !== null) process.exit(code);
} catch (error) {
  // A bad setting or a port in use: one line for the operator, not a stack trace, and
  // an exit even though the policy watcher and the log were already opened.
  process.stderr.write(`refusing to start: ${(error as Error).message}\n`);
  process.exit(1);
}
