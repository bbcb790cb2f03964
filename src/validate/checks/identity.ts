import { problem } from '../../errors/problem.js';
import type { PolicyCheck } from './check.js';
import { text } from '../../messages/text.js';

export const checkIdentity: PolicyCheck = (policy, { folderId, fileVersion }) => [
  ...(policy.id === folderId ? [] : [problem('ID_MISMATCH', text('policy.idMismatch', { id: policy.id, folder: folderId }), ['id'])]),
  ...(policy.version === fileVersion ? [] : [problem('VERSION_MISMATCH', text('policy.versionMismatch', { version: policy.version, fileVersion }), ['version'])]),
];
