import { serve } from './cluster.js';
import { configFromEnv } from './server.js';

const code = await serve(configFromEnv(process.env), process.env);
if (code !== null) process.exit(code);
