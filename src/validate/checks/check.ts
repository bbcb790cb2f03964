import type { Problem } from '../../errors/problem.js';
import type { PolicyDocument } from '../../model/policy-document.js';

/** Where a policy file sits: its folder names the id, its file name the version. */
export interface FileContext {
  readonly folderId: string;
  readonly fileVersion: string;
}

/** One check a schema cannot express, run on a document that passed the schema. */
export type PolicyCheck = (policy: PolicyDocument, context: FileContext) => Problem[];
