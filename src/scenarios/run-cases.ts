import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FromSchema } from 'json-schema-to-ts';
import type { Diagnostic } from '../errors/problem.js';
import { chooseVersion, evaluate } from '../evaluate/evaluate.js';
import type { EvaluateResult } from '../evaluate/evaluate.js';
import type { YamlSource } from '../load/yaml-source.js';
import type { RebateDecision } from '../model/evaluate-request.js';
import { readDataFile } from '../load/data-file.js';
import type { EvaluateRequest } from '../model/evaluate-request.js';
import type { PolicyRegistry } from '../registry/policy-registry.js';
import { caseSchema } from '../schemas/case-schema.js';
import { createAjv } from '../validate/ajv.js';
import { schemaProblems } from '../validate/schema-problems.js';
import { mismatches } from './match.js';
import type { Mismatch } from './match.js';

export type CaseFile = FromSchema<typeof caseSchema>;
export type ScenarioCase = CaseFile['cases'][number];

/** A case ready to run: where it is written, and the policy it belongs to. */
export interface LoadedCase {
  readonly policyId: string;
  readonly case: ScenarioCase;
  readonly file: string;
  readonly line: number;
}

export interface CaseResult {
  readonly loaded: LoadedCase;
  readonly mismatches: readonly Mismatch[];
}

const validateCaseFile = createAjv({ allErrors: true }).compile<CaseFile>(caseSchema);

/** Every case file of every policy: `<dir>/<id>/cases/*.yaml`, or the files of one folder given as `casesDir`. */
export async function loadCases(policiesDir: string, only?: { policyId: string; casesDir?: string }): Promise<{ cases: LoadedCase[]; problems: Diagnostic[] }> {
  const cases: LoadedCase[] = [];
  const problems: Diagnostic[] = [];
  const folders = only
    ? [{ policyId: only.policyId, dir: only.casesDir ?? join(policiesDir, only.policyId, 'cases') }]
    : (await readdir(policiesDir, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => ({ policyId: entry.name, dir: join(policiesDir, entry.name, 'cases') }));
  for (const { policyId, dir } of folders) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => /\.ya?ml$/.test(n)).sort()) {
      const file = join(dir, name);
      const data = await readDataFile(file);
      const read = data.ok ? readCaseFile(data.source) : { cases: [], problems: data.problems };
      problems.push(...read.problems);
      cases.push(...read.cases.map((item) => ({ policyId, case: item.case, file, line: item.line })));
    }
  }
  return { cases, problems };
}

function readCaseFile(source: YamlSource): { cases: { case: ScenarioCase; line: number }[]; problems: Diagnostic[] } {
  if (!validateCaseFile(source.value)) {
    return { cases: [], problems: schemaProblems(validateCaseFile.errors ?? []).map((found) => source.place({ ...found, code: 'CASE_INVALID' })) };
  }
  return { cases: source.value.cases.map((item, index) => ({ case: item, line: source.locate(['cases', index]).line })), problems: [] };
}

/**
 * Judges one case, under a version if given (the case's own, else the one in force).
 * A case's outcome never depends on when it runs: its schema asks for asOf wherever
 * the clock would matter, and the clock is otherwise set to the start of its period.
 */
export function evaluateCase(registry: PolicyRegistry, loaded: LoadedCase, version?: string): Promise<EvaluateResult> {
  const chosen = version ?? loaded.case.version;
  return evaluate(registry, caseRequest(loaded, chosen), { now: caseNow(loaded), decisionId: 'scenario' });
}

/** The version a case is judged under, refused or not: the one it names, else the one in force for its facts. */
export function caseVersion(registry: PolicyRegistry, loaded: LoadedCase): string | undefined {
  const choice = chooseVersion(registry, caseRequest(loaded, loaded.case.version), caseNow(loaded));
  return choice.ok ? choice.policy.ref.version : undefined;
}

function caseRequest(loaded: LoadedCase, version: string | undefined): EvaluateRequest {
  return { policy: loaded.policyId, ...(version === undefined ? {} : { version }), facts: loaded.case.facts };
}

/** A case never reads the clock: its asOf, else the first day of its period. */
function caseNow(loaded: LoadedCase): number {
  const { facts } = loaded.case;
  return Date.parse(facts.asOf ?? `${facts.period ?? ''}-01T00:00:00Z`);
}

/** The outcome fields a case can expect, from a result. */
export function outcomeOf(result: EvaluateResult): Record<string, unknown> {
  if (!result.ok) return { error: result.problems[0]?.code };
  return { ...(result.decision.rebate ? { rebate: result.decision.rebate } : {}), ...(result.decision.support ? { support: result.decision.support } : {}) };
}

/**
 * The outcome without its text: reasons by code, incidents without notes. A
 * decision logged in one language and replayed in another must compare equal.
 */
export function languageNeutralOutcomeOf(result: EvaluateResult): Record<string, unknown> {
  const outcome = outcomeOf(result);
  const rebate = outcome['rebate'] as RebateDecision | undefined;
  if (!rebate) return outcome;
  return {
    ...outcome,
    rebate: { ...rebate, reasons: rebate.reasons.map(({ code }) => ({ code })), incidents: rebate.incidents.map(({ id, countedMinutes }) => ({ id, countedMinutes })) },
  };
}

export async function runCase(registry: PolicyRegistry, loaded: LoadedCase): Promise<CaseResult> {
  const result = await evaluateCase(registry, loaded);
  return { loaded, mismatches: mismatches(loaded.case.expect, outcomeOf(result)) };
}
