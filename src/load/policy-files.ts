import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileProblem } from '../errors/problem.js';
import type { Diagnostic } from '../errors/problem.js';
import { parseYamlSource } from './yaml-source.js';
import type { YamlSource } from './yaml-source.js';
import { text as sentence } from '../messages/text.js';

/** Policy files are a few kilobytes; anything far larger is a mistake or an attack. */
export const MAX_POLICY_FILE_BYTES = 256 * 1024;

/** One policy version file, read and parsed, with the sha256 of its exact bytes. */
export interface PolicyFile {
  readonly file: string;
  readonly folderId: string;
  readonly fileVersion: string;
  readonly sha256: string;
  readonly text: string;
  readonly source: YamlSource;
}

export interface ReadResult {
  readonly files: PolicyFile[];
  readonly problems: Diagnostic[];
}

/** Reads every `<dir>/<id>/<version>.yaml`. Unreadable and oversized files become problems, not exceptions. */
export async function readPolicyFiles(dir: string): Promise<ReadResult> {
  const files: PolicyFile[] = [];
  const problems: Diagnostic[] = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    return { files, problems: [fileProblem('FILE_UNREADABLE', sentence('policy.folderUnreadable', { reason: (error as NodeJS.ErrnoException).code ?? 'error' }), dir)] };
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isFile() && /\.ya?ml$/.test(entry.name)) {
      problems.push(fileProblem('FILE_MISPLACED', sentence('policy.fileMisplaced'), path));
    }
    if (!entry.isDirectory()) continue;
    const versions = (await readdir(path, { withFileTypes: true })).filter((v) => v.isFile() && /\.ya?ml$/.test(v.name));
    for (const version of versions.sort((a, b) => a.name.localeCompare(b.name))) {
      const read = await readPolicyFile(join(path, version.name), entry.name, version.name.replace(/\.ya?ml$/, ''));
      if ('problem' in read) problems.push(read.problem);
      else files.push(read);
    }
  }
  return { files, problems };
}

export async function readPolicyFile(file: string, folderId: string, fileVersion: string): Promise<PolicyFile | { problem: Diagnostic }> {
  try {
    const { size } = await stat(file);
    if (size > MAX_POLICY_FILE_BYTES) {
      return { problem: fileProblem('FILE_TOO_LARGE', sentence('policy.fileTooLarge', { size, max: MAX_POLICY_FILE_BYTES }), file) };
    }
    const bytes = await readFile(file);
    const text = bytes.toString('utf8');
    return { file, folderId, fileVersion, text, sha256: createHash('sha256').update(bytes).digest('hex'), source: parseYamlSource(file, text) };
  } catch (error) {
    return { problem: fileProblem('FILE_UNREADABLE', sentence('policy.fileUnreadable', { reason: (error as NodeJS.ErrnoException).code ?? 'error' }), file) };
  }
}
