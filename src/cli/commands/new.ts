import { newDraft } from '../../authoring/new-draft.js';
import type { NewDraftRequest } from '../../authoring/new-draft.js';
import type { Output } from '../output.js';

/** `policy new <id> <version> --from <version> --effective <date>`: writes a draft copied from another version. */
export async function newCommand(request: NewDraftRequest, output: Output): Promise<number> {
  const result = await newDraft(request);
  if (!result.ok) {
    output.err(`error: ${result.message}`);
    return 1;
  }
  output.out(`wrote ${result.file}: draft ${request.version} of ${request.id}, copied from ${request.from}, effective from ${request.effective}`);
  output.out(`next: edit its terms and changeNote, then npx policy validate, npx policy test, npx policy publish ${request.id} ${request.version}`);
  return 0;
}
