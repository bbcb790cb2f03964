import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dateFix } from '../model/value-fixes.js';
import { isCalendarDate } from '../model/values.js';
import { readUtf8Text } from '../model/utf8-text.js';
import { setTopLevelScalars, withModeline } from './edit-policy-text.js';
import { writeAtomically } from './write-atomically.js';
import { say } from '../messages/catalog.js';
import { DEFAULT_LANGUAGE } from '../messages/languages.js';
import type { Language } from '../messages/languages.js';
import { text as sentence } from '../messages/text.js';
import type { Text } from '../messages/text.js';

export interface NewDraftRequest {
  readonly policiesDir: string;
  readonly id: string;
  readonly version: string;
  readonly from: string;
  readonly effective: string;
  readonly changeNote?: string;
  /** The language of the change note written when none is given (English by default). */
  readonly language?: Language;
}

export type NewDraftResult = { readonly ok: true; readonly file: string } | { readonly ok: false; readonly message: Text };

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
  if (!VERSION_LABEL.test(version)) return { ok: false, message: sentence('authoring.notAVersionLabel', { version }) };
  if (!isCalendarDate(effective)) {
    const fix = dateFix(effective);
    return { ok: false, message: sentence('authoring.effectiveNotADate', { value: JSON.stringify(effective), fix: fix ? sentence('authoring.fix.writeDate', { date: fix }) : sentence('authoring.fix.dateExample') }) };
  }
  const source = join(policiesDir, id, `${from}.yaml`);
  const target = join(policiesDir, id, `${version}.yaml`);
  if (await exists(target)) return { ok: false, message: sentence('authoring.targetExists', { file: target }) };
  let bytes: Buffer;
  try {
    bytes = await readFile(source);
  } catch (error) {
    return { ok: false, message: sentence('authoring.sourceUnreadable', { file: source, reason: (error as NodeJS.ErrnoException).code ?? 'error', id }) };
  }
  // Copied as it is, a file in another encoding would hand its letters to the draft as U+FFFD.
  const utf8 = readUtf8Text(bytes);
  if (!utf8.ok) return { ok: false, message: sentence('authoring.sourceNotUtf8', { file: source, line: utf8.at.line, col: utf8.at.col }) };
  const { text } = utf8;
  const note = request.changeNote ?? say(request.language ?? DEFAULT_LANGUAGE, 'authoring.defaultChangeNote', { version, from });
  const edited = setTopLevelScalars(text, { version: JSON.stringify(version), status: 'draft', effectiveFrom: JSON.stringify(effective), changeNote: JSON.stringify(note) });
  if (edited === null) return { ok: false, message: sentence('authoring.sourceNotAPolicy', { file: source }) };
  const written = await writeAtomically(target, withModeline(edited));
  return written.ok ? { ok: true, file: target } : { ok: false, message: sentence('authoring.cannotWrite', { file: target, reason: written.reason }) };
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
