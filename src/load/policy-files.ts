import { createHash } from 'node:crypto';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileProblem } from '../errors/problem.js';
import type { Diagnostic } from '../errors/problem.js';
import { parseYamlSource } from './yaml-source.js';
import type { YamlSource } from './yaml-source.js';
import { fileNotUtf8 } from './data-file.js';
import { readUtf8Text } from '../model/utf8-text.js';
import { text as sentence } from '../messages/text.js';

/** Policy files are a few kilobytes; anything far larger is a mistake or an attack. */
export const MAX_POLICY_FILE_BYTES = 256 * 1024;

/** One policy version file, read and parsed, with the sha256 of its exact bytes. */
export interface PolicyFile {
  readonly file: string;
  readonly folderId: string;
  readonly fileVersion: string;
  readonly sha256: string;
  /** The file's exact bytes, served as written (their sha256 is the one decisions carry). */
  readonly bytes: Buffer;
  readonly text: string;
  readonly source: YamlSource;
}

export interface ReadResult {
  readonly files: PolicyFile[];
  readonly problems: Diagnostic[];
  /** The folders read (the policies folder and each policy's folder), so a watcher can watch exactly these. */
  readonly folders: string[];
  /** A hash of every file's path and sha256 and of every problem: equal fingerprints, equal trees. */
  readonly fingerprint: string;
}

type EntryKind = 'file' | 'folder' | 'other' | 'broken';

interface Entry {
  readonly name: string;
  readonly kind: EntryKind;
  /** Why a symlink cannot be followed (ENOENT, ELOOP, EACCES). */
  readonly error?: unknown;
}

const errorCode = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? 'error';
type UnreadableKey = 'policy.fileUnreadable' | 'policy.folderUnreadable' | 'policy.policyFolderUnreadable' | 'policy.symlinkUnreadable';
const unreadable = (file: string, key: UnreadableKey, error: unknown): Diagnostic => fileProblem('FILE_UNREADABLE', sentence(key, { reason: errorCode(error) }), file);

/**
 * Hidden entries are never policies: editors' swap and backup files, and the
 * `..data` and `..<timestamp>` entries of a Kubernetes ConfigMap mount, whose
 * visible entries are symlinks through `..data`.
 */
const isVisible = (name: string): boolean => !name.startsWith('.');
const isPolicyFileName = (name: string): boolean => isVisible(name) && /\.ya?ml$/.test(name);

/** The entries of a folder with symlinks followed, in a stable order; a symlink that cannot be followed is 'broken'. */
async function entriesOf(folder: string, wanted: (name: string) => boolean): Promise<Entry[]> {
  const entries = (await readdir(folder, { withFileTypes: true })).filter((entry) => wanted(entry.name));
  const kinds = await Promise.all(
    entries.map(async (entry): Promise<Entry> => {
      try {
        const info = entry.isSymbolicLink() ? await stat(join(folder, entry.name)) : entry;
        return { name: entry.name, kind: info.isDirectory() ? 'folder' : info.isFile() ? 'file' : 'other' };
      } catch (error) {
        return { name: entry.name, kind: 'broken', error };
      }
    }),
  );
  return kinds.sort((a, b) => a.name.localeCompare(b.name));
}

const brokenLink = (path: string, entry: Entry): Diagnostic => unreadable(path, 'policy.symlinkUnreadable', entry.error);

/**
 * Reads every `<dir>/<id>/<version>.yaml`, following symlinks. Nothing here
 * throws: a folder or file that cannot be read (vanished, no permission, a
 * dangling symlink) becomes a problem, so a reload that meets one is refused.
 */
export async function readPolicyFiles(dir: string): Promise<ReadResult> {
  const files: PolicyFile[] = [];
  const problems: Diagnostic[] = [];
  const folders = [dir];
  let top;
  try {
    top = await entriesOf(dir, isVisible);
  } catch (error) {
    problems.push(unreadable(dir, 'policy.folderUnreadable', error));
    return withFingerprint(dir, files, problems, folders);
  }
  for (const entry of top) {
    const path = join(dir, entry.name);
    if (entry.kind === 'broken') problems.push(brokenLink(path, entry));
    if (entry.kind === 'file' && isPolicyFileName(entry.name)) {
      problems.push(fileProblem('FILE_MISPLACED', sentence('policy.fileMisplaced'), path));
    }
    if (entry.kind !== 'folder') continue;
    folders.push(path);
    try {
      for (const version of await entriesOf(path, isPolicyFileName)) {
        if (version.kind === 'broken') problems.push(brokenLink(join(path, version.name), version));
        if (version.kind !== 'file') continue;
        const read = await readPolicyFile(join(path, version.name), entry.name, version.name.replace(/\.ya?ml$/, ''));
        if ('problem' in read) problems.push(read.problem);
        else files.push(read);
      }
    } catch (error) {
      problems.push(unreadable(path, 'policy.policyFolderUnreadable', error));
    }
  }
  return withFingerprint(dir, files, problems, folders);
}

function withFingerprint(dir: string, files: PolicyFile[], problems: Diagnostic[], folders: string[]): ReadResult {
  const hash = createHash('sha256').update(dir);
  for (const file of files) hash.update(`\u0000${file.file}\u0000${file.sha256}`);
  for (const problem of problems) hash.update(`\u0000${problem.file}\u0000${problem.code}\u0000${problem.message}`);
  return { files, problems, folders, fingerprint: hash.digest('hex') };
}

export async function readPolicyFile(file: string, folderId: string, fileVersion: string): Promise<PolicyFile | { problem: Diagnostic }> {
  let handle;
  try {
    // One open file for the size and the bytes, so both describe the same file even if it is replaced meanwhile.
    handle = await open(file, 'r');
    const { size } = await handle.stat();
    const bytes = size > MAX_POLICY_FILE_BYTES ? null : await handle.readFile();
    if (!bytes || bytes.length > MAX_POLICY_FILE_BYTES) {
      return { problem: fileProblem('FILE_TOO_LARGE', sentence('policy.fileTooLarge', { size: bytes?.length ?? size, max: MAX_POLICY_FILE_BYTES }), file) };
    }
    const utf8 = readUtf8Text(bytes);
    if (!utf8.ok) return { problem: fileNotUtf8(file, utf8.at) };
    return policyFileFromText(file, folderId, fileVersion, utf8.text, bytes);
  } catch (error) {
    return { problem: unreadable(file, 'policy.fileUnreadable', error) };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** A policy text that is not (yet) a file, such as a draft pasted in the studio: parsed the same way. */
export function policyFileFromText(file: string, folderId: string, fileVersion: string, text: string, bytes: Buffer = Buffer.from(text, 'utf8')): PolicyFile {
  // Some editors start a UTF-8 file with a byte-order mark; the text is read without it (the sha256 is still of the bytes).
  const read = text.replace(/^\uFEFF/, '');
  return { file, folderId, fileVersion, bytes, text: read, sha256: createHash('sha256').update(bytes).digest('hex'), source: parseYamlSource(file, read) };
}
