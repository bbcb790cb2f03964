import { readFile } from 'node:fs/promises';
import { fileProblem, problem } from '../errors/problem.js';
import type { Diagnostic } from '../errors/problem.js';
import { readUtf8Text } from '../model/utf8-text.js';
import type { NotUtf8 } from '../model/utf8-text.js';
import { whereJsonBreaks } from './json-syntax.js';
import { parseYamlSource } from './yaml-source.js';
import type { YamlSource } from './yaml-source.js';
import { text as sentence } from '../messages/text.js';

/** A JSON or YAML data file, read with positions so a problem in it reads file:line:col. */
export async function readDataFile(file: string): Promise<{ ok: true; source: YamlSource } | { ok: false; problems: Diagnostic[] }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return { ok: false, problems: [fileProblem('FILE_UNREADABLE', sentence('policy.fileUnreadable', { reason: (error as NodeJS.ErrnoException).code ?? 'error' }), file)] };
  }
  const utf8 = readUtf8Text(bytes);
  if (!utf8.ok) return { ok: false, problems: [fileNotUtf8(file, utf8.at)] };
  // A .json file is held to JSON, as a request body is: read as YAML alone it would let a trailing comma or a comment pass.
  const notJson = /\.json$/i.test(file) ? jsonProblem(file, utf8.text) : undefined;
  if (notJson) return { ok: false, problems: [notJson] };
  const source = parseYamlSource(file, utf8.text);
  return source.problems.length > 0 ? { ok: false, problems: [...source.problems] } : { ok: true, source };
}

/** Where a .json file stops being JSON, or undefined when it is JSON. */
function jsonProblem(file: string, text: string): Diagnostic | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const where = whereJsonBreaks(text, error as Error);
    return { ...problem('JSON_SYNTAX', sentence('policy.fileNotJson', { reason: where.reason })), file, line: where.line, col: where.col };
  }
}

/** A file saved in another encoding than UTF-8, pointed at where its first letter outside UTF-8 stands. */
export function fileNotUtf8(file: string, at: NotUtf8): Diagnostic {
  return { ...problem('FILE_NOT_UTF8', sentence('policy.fileNotUtf8', { byte: at.byte })), file, line: at.line, col: at.col };
}
