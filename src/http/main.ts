// SIGHUP ends a process by default, and loading the modules below takes a while:
// catch it first, and let the server reload once it serves.
let hangUpBeforeStart = false;
const early = (): void => void (hangUpBeforeStart = true);
process.on('SIGHUP', early);
const { configFromEnv, startServer } = await import('./server.js');
process.off('SIGHUP', early);
await startServer(configFromEnv(process.env), { hangUpBeforeStart });
