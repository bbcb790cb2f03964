import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * The files of one decision log: the file itself and, when the service ran as a
 * cluster, each worker's `<path>.<n>` (see src/http/cluster.ts), in worker order.
 * The path alone when none exists, so reading it reports the missing file.
 */
export async function decisionLogFiles(path: string): Promise<string[]> {
  const folder = dirname(path);
  const name = basename(path);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [path];
  }
  const workerFiles = names
    .map((candidate) => ({ candidate, slot: candidate.startsWith(`${name}.`) ? candidate.slice(name.length + 1) : '' }))
    .filter(({ slot }) => /^\d+$/.test(slot))
    .sort((a, b) => Number(a.slot) - Number(b.slot))
    .map(({ candidate }) => join(folder, candidate));
  const own = names.includes(name) ? [path] : [];
  return own.length + workerFiles.length === 0 ? [path] : [...own, ...workerFiles];
}
