import { configFromEnv, startServer } from './server.js';

await startServer(configFromEnv(process.env));
