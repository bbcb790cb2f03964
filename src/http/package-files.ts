import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The request body the README and the docs page use as their example. */
export const EXAMPLE_FILE = 'examples/typical-month.json';

/** The folder holding package.json, found from this module whether it runs from src/ or dist/src/. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

/** A JSON file shipped with the package (an example body), or undefined when it is missing or unreadable. */
export function packageJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(join(packageRoot(), path), 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** `{ examples: [body] }` for an OpenAPI schema, so the docs page sends a body that runs; nothing when the file is missing. */
export function exampleFrom(path: string): { examples?: unknown[] } {
  const example = packageJson(path);
  return example === undefined ? {} : { examples: [example] };
}
