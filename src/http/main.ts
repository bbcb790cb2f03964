// SIGHUP ends a process by default, and loading the modules below takes a while:
// catch it first, and let the server reload once it serves.
let hangUpBeforeStart = false;
const early = (): void => void (hangUpBeforeStart = true);
process.on('SIGHUP', early);
const { configFromEnv, startServer } = await import('./server.js');
process.off('SIGHUP', early);

try {
  await startServer(configFromEnv(process.env), { hangUpBeforeStart });
} catch (error) {
  // A bad setting or a port in use: one line for the operator, not a stack trace, and
  // an exit even though the policy watcher and the log were already opened.
  process.stderr.write(`refusing to start: ${(error as Error).message}\n`);
  process.exit(1);
}
