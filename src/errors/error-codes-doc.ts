import { decisionReasonCodes, policyErrorCodes, requestErrorCodes } from './codes.js';
import type { ErrorCodeEntry } from './codes.js';

function rows(table: Readonly<Record<string, ErrorCodeEntry>>, withStatus: boolean): string[] {
  return Object.entries(table).map(([code, entry]) => `| \`${code}\` | ${withStatus ? `${entry.status ?? ''} | ` : ''}${entry.title} | ${entry.fix} |`);
}

/** docs/error-codes.md, generated from the code table so the two never disagree. */
export function errorCodesDocument(): string {
  return [
    '# Error codes',
    '',
    'Generated from `src/errors/codes.ts` by `npm run generate`; a test fails when this page and the table disagree.',
    '',
    '## Policy files',
    '',
    '`npx policy validate` prints each problem as `file:line:col CODE message`.',
    '',
    '| Code | Meaning | How to fix it |',
    '|---|---|---|',
    ...rows(policyErrorCodes, false),
    '',
    '## Requests',
    '',
    'The HTTP API answers each as RFC 9457 problem details (`application/problem+json`) whose `type` is `/problems/<CODE>`; `errors[].path` is the JSON path of each offending field.',
    '',
    '| Code | HTTP status | Meaning | How to fix it |',
    '|---|---|---|---|',
    ...rows(requestErrorCodes, true),
    '',
    '## Decision reasons',
    '',
    'Not errors: the codes of `rebate.reasons` in a decision, saying why a rebate is not payable. Each has a page at `/problems/<CODE>` too. A policy\'s own rules add codes of their own (for example `TRIAL_ACCOUNT`); `/problems/<CODE>` serves those from the loaded policies, with the rule\'s message and clause.',
    '',
    '| Code | Meaning | What to do |',
    '|---|---|---|',
    ...rows(decisionReasonCodes, false),
    '',
  ].join('\n');
}
