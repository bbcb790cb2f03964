import { readFile } from 'node:fs/promises';
import { fileProblem } from '../errors/problem.js';
import type { Diagnostic } from '../errors/problem.js';
import { parseYamlSource } from './yaml-source.js';
import type { YamlSource } from './yaml-source.js';
import { text as sentence } from '../messages/text.js';

/** A JSON or YAML data file, read with positions so a problem in it reads file:line:col. */
export async function readDataFile(file: string): Promise<{ ok: true; source: YamlSource } | { ok: false; problems: Diagnostic[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { ok: false, problems: [fileProblem('FILE_UNREADABLE', sentence('policy.fileUnreadable', { reason: (error as NodeJS.ErrnoException).code ?? 'error' }), file)] };
  }
  const source = parseYamlSource(file, text);
  return source.problems.length > 0 ? { ok: false, problems: [...source.problems] } : { ok: true, source };
}
