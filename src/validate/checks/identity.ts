import { problem } from '../../errors/problem.js';
import type { PolicyCheck } from './check.js';

export const checkIdentity: PolicyCheck = (policy, { folderId, fileVersion }) => [
  ...(policy.id === folderId ? [] : [problem('ID_MISMATCH', `id "${policy.id}" differs from its folder "${folderId}"`, ['id'])]),
  ...(policy.version === fileVersion ? [] : [problem('VERSION_MISMATCH', `version "${policy.version}" differs from its file name "${fileVersion}.yaml"`, ['version'])]),
];
