import { fileProblem } from '../errors/problem.js';
import type { Diagnostic } from '../errors/problem.js';
import type { PolicyFile } from '../load/policy-files.js';
import type { PolicyDocument } from '../model/policy-document.js';
import { policySchema } from '../schemas/policy-schema.js';
import { createAjv } from './ajv.js';
import { checkCalendars } from './checks/calendars.js';
import { checkCaps } from './checks/caps.js';
import { checkCauses } from './checks/causes.js';
import type { PolicyCheck } from './checks/check.js';
import { checkDatesAndZones } from './checks/dates-and-zones.js';
import { checkIdentity } from './checks/identity.js';
import { checkLanguages } from './checks/languages.js';
import { checkRules } from './checks/rules.js';
import { checkRuleTerms } from './checks/rule-terms.js';
import { checkPublicHolidays } from './checks/public-holidays.js';
import { checkTiers } from './checks/tiers.js';
import { schemaProblems } from './schema-problems.js';
import { text } from '../messages/text.js';

const validateSchema = createAjv({ allErrors: true }).compile<PolicyDocument>(policySchema);

/** The checks a schema cannot express, in the order their problems read best. */
const checks: readonly PolicyCheck[] = [checkIdentity, checkDatesAndZones, checkTiers, checkCauses, checkCaps, checkCalendars, checkPublicHolidays, checkRules, checkRuleTerms];

const MODELINE = /^# yaml-language-server: \$schema=\S+/;

export type ValidatedFile =
  | { readonly ok: true; readonly file: PolicyFile; readonly policy: PolicyDocument; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly file: PolicyFile; readonly diagnostics: readonly Diagnostic[] };

/** Schema first, then the checks; all problems of the file at once. */
export function validatePolicyFile(file: PolicyFile): ValidatedFile {
  const { source } = file;
  const diagnostics: Diagnostic[] = [...source.problems];
  if (!MODELINE.test(file.text)) {
    diagnostics.push(fileProblem('MODELINE_MISSING', text('policy.modelineMissing'), file.file));
  }
  if (source.problems.length > 0) return { ok: false, file, diagnostics };

  if (!validateSchema(source.value)) {
    diagnostics.push(...schemaProblems(validateSchema.errors ?? []).map(source.place));
    return { ok: false, file, diagnostics };
  }
  const policy = source.value;
  const context = { folderId: file.folderId, fileVersion: file.fileVersion };
  diagnostics.push(...checks.flatMap((check) => check(policy, context)).map(source.place));
  return diagnostics.length > 0 ? { ok: false, file, diagnostics } : { ok: true, file, policy, warnings: checkLanguages(policy).map(source.place) };
}
