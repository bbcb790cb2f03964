import { randomBytes } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export type WriteResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Writes a file so that a reader (the running service's reload) sees either the
 * old content or the new, never half: a hidden temporary file beside it, then a
 * rename. The temporary name does not end in .yaml, so no reload reads it.
 */
export async function writeAtomically(file: string, text: string): Promise<WriteResult> {
  const temporary = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, text, { flag: 'wx' });
    await rename(temporary, file);
    return { ok: true };
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    return { ok: false, reason: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
}
