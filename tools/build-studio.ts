// Bundles the studio (studio/) into dist/studio at build time: one script, one
// style sheet and the page, served by the service itself (no CDN, no inline script).
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = join(root, 'dist', 'studio');

await mkdir(out, { recursive: true });
await build({
  entryPoints: [join(root, 'studio', 'src', 'main.ts')],
  outfile: join(out, 'studio.js'),
  bundle: true,
  format: 'esm',
  target: ['es2022'],
  minify: true,
  sourcemap: true,
  legalComments: 'linked',
  logLevel: 'warning',
});
await Promise.all(['index.html', 'studio.css'].map((name) => copyFile(join(root, 'studio', name), join(out, name))));
