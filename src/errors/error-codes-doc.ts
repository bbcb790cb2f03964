import { codeFix, codeTitle } from './code-text.js';
import { decisionReasonCodes, policyErrorCodes, policyWarningCodes, requestErrorCodes } from './codes.js';
import type { DecisionReasonCode, ErrorCode, ErrorCodeEntry } from './codes.js';

function rows(table: Readonly<Record<string, ErrorCodeEntry>>, withStatus: boolean): string[] {
  return Object.entries(table).map(([code, entry]) => `| \`${code}\` | ${withStatus ? `${entry.status ?? ''} | ` : ''}${codeTitle(code as ErrorCode | DecisionReasonCode, 'en')} | ${codeFix(code as ErrorCode | DecisionReasonCode, 'en')} |`);
}

/** docs/error-codes.md, generated from the code table and the English catalog so they never disagree. */
export function errorCodesDocument(): string {
  return [
    '# Error codes',
    '',
    'Generated from `src/errors/codes.ts` and the English catalog `src/messages/en.json` by `npm run generate`; a test fails when this page and the table disagree. Titles and fixes in other languages are in their catalogs, and `GET /problems/<CODE>` answers in the language asked for.',
    '',
    '## Policy files',
    '',
    '`npx policy validate` prints each problem as `file:line:col CODE message`.',
    '',
    '| Code | Meaning | How to fix it |',
    '|---|---|---|',
    ...rows(policyErrorCodes, false),
    '',
    '## Policy file warnings',
    '',
    'A warning does not refuse the file: the version loads and serves. `npx policy validate` prints each as `file:line:col CODE message` after the word `warning`.',
    '',
    '| Code | Meaning | How to fix it |',
    '|---|---|---|',
    ...rows(policyWarningCodes, false),
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
