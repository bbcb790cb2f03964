import { readFile } from 'node:fs/promises';
import type { Diagnostic } from '../errors/problem.js';
import { parseYamlSource } from './yaml-source.js';
import type { YamlSource } from './yaml-source.js';

/** A JSON or YAML data file, read with positions so a problem in it reads file:line:col. */
export async function readDataFile(file: string): Promise<{ ok: true; source: YamlSource } | { ok: false; problems: Diagnostic[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { ok: false, problems: [{ code: 'FILE_UNREADABLE', message: `the file cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, path: [], file, line: 1, col: 1 }] };
  }
  const source = parseYamlSource(file, text);
  return source.problems.length > 0 ? { ok: false, problems: [...source.problems] } : { ok: true, source };
}
