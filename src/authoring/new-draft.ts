import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dateFix } from '../model/value-fixes.js';
import { isCalendarDate } from '../model/values.js';
import { setTopLevelScalars, withModeline } from './edit-policy-text.js';
import { writeAtomically } from './write-atomically.js';

export interface NewDraftRequest {
  readonly policiesDir: string;
  readonly id: string;
  readonly version: string;
  readonly from: string;
  readonly effective: string;
  readonly changeNote?: string;
}

export type NewDraftResult = { readonly ok: true; readonly file: string } | { readonly ok: false; readonly message: string };

/** The pattern of a version label, as the policy schema has it. */
const VERSION_LABEL = /^[0-9A-Za-z][0-9A-Za-z.-]*$/;

/**
 * Writes policies/<id>/<version>.yaml as a draft copied from another version:
 * every term and comment kept, the modeline first, and version, status,
 * effectiveFrom and changeNote set. It only writes the file (at once, by rename),
 * so a running service takes the draft up on its next reload.
 */
export async function newDraft(request: NewDraftRequest): Promise<NewDraftResult> {
  const { policiesDir, id, version, from, effective } = request;
  if (!VERSION_LABEL.test(version)) return { ok: false, message: `"${version}" is not a version label; use letters, digits, dots and dashes, for example 1.1.0` };
  if (!isCalendarDate(effective)) {
    const fix = dateFix(effective);
    return { ok: false, message: `--effective ${JSON.stringify(effective)} is not a date written YYYY-MM-DD; ${fix ? `write ${fix}` : 'write for example 2027-01-01'}` };
  }
  const source = join(policiesDir, id, `${from}.yaml`);
  const target = join(policiesDir, id, `${version}.yaml`);
  if (await exists(target)) return { ok: false, message: `${target} already exists; choose another version, or edit that file` };
  let text: string;
  try {
    text = await readFile(source, 'utf8');
  } catch (error) {
    return { ok: false, message: `cannot read ${source} (${(error as NodeJS.ErrnoException).code ?? 'error'}); --from names an existing version of ${id}` };
  }
  const note = request.changeNote ?? `Draft of ${version}, made from ${from}: say here what changes and why.`;
  const edited = setTopLevelScalars(text, { version: JSON.stringify(version), status: 'draft', effectiveFrom: JSON.stringify(effective), changeNote: JSON.stringify(note) });
  if (edited === null) return { ok: false, message: `${source} must be a valid policy with version, status, effectiveFrom and changeNote; run npx policy validate` };
  const written = await writeAtomically(target, withModeline(edited));
  return written.ok ? { ok: true, file: target } : { ok: false, message: `cannot write ${target} (${written.reason})` };
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
