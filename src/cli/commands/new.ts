import { newDraft } from '../../authoring/new-draft.js';
import type { NewDraftRequest } from '../../authoring/new-draft.js';
import { say } from '../../messages/catalog.js';
import { DEFAULT_LANGUAGE } from '../../messages/languages.js';
import type { Language } from '../../messages/languages.js';
import { render } from '../../messages/text.js';
import type { Output } from '../output.js';

/** `policy new <id> <version> --from <version> --effective <date>`: writes a draft copied from another version. */
export async function newCommand(request: NewDraftRequest, output: Output, language: Language = DEFAULT_LANGUAGE): Promise<number> {
  const result = await newDraft({ ...request, language });
  if (!result.ok) {
    output.err(say(language, 'cli.error', { message: render(language, result.message) }));
    return 1;
  }
  output.out(say(language, 'cli.draftWritten', { file: result.file, version: request.version, id: request.id, from: request.from, effective: request.effective }));
  output.out(say(language, 'cli.draftNext', { id: request.id, version: request.version }));
  return 0;
}
