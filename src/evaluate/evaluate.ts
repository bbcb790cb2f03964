import type { CompiledPolicy } from '../compile/compiled-policy.js';
import { problem } from '../errors/problem.js';
import type { Problem } from '../errors/problem.js';
import type { Decision, EvaluateRequest } from '../model/evaluate-request.js';
import type { PolicyRegistry } from '../registry/policy-registry.js';
import { say } from '../messages/catalog.js';
import { PerLanguage } from '../messages/per-language.js';
import { DEFAULT_LANGUAGE } from '../messages/languages.js';
import type { Language } from '../messages/languages.js';
import { rangeProblem, readFacts } from './facts.js';
import { formatsFor } from './text-formats.js';
import { formatInstant, parseInstant } from './instants.js';
import { evaluateRebate } from './rebate.js';
import { evaluateSupport } from './support.js';
import type { PartResult } from './trace.js';
import { groupTicketsByVersion } from './ticket-versions.js';
import type { Facts } from './facts.js';
import type { TicketDecision } from '../model/evaluate-request.js';
import { text } from '../messages/text.js';

export type EvaluateResult = { readonly ok: true; readonly decision: Decision } | { readonly ok: false; readonly problems: readonly Problem[] };

export interface EvaluateContext {
  /** The instant open tickets are judged at when the request gives no asOf. */
  readonly now: number;
  readonly decisionId: string;
  /** The language of the decision's text fields (English when not given); every other field is the same in every language. */
  readonly language?: Language;
}

type Choice = { ok: true; policy: CompiledPolicy } | { ok: false; problems: Problem[] };

/** The version a request is judged under: the one it names, else the published one in force. */
export function chooseVersion(registry: PolicyRegistry, request: EvaluateRequest, now: number): Choice {
  const { policy: id, version, facts } = request;
  if (!registry.versions(id)) {
    return { ok: false, problems: [problem('POLICY_NOT_FOUND', text('request.policyNotFound', { id, known: registry.ids().join(', ') }), ['policy'])] };
  }
  if (version !== undefined) {
    const named = registry.version(id, version);
    const known = (registry.versions(id) ?? []).map((policy) => policy.ref.version).join(', ');
    return named ? { ok: true, policy: named } : { ok: false, problems: [problem('VERSION_NOT_FOUND', text('request.versionNotFound', { id, version, known }), ['version'])] };
  }
  if (facts.period !== undefined) {
    const inForce = registry.inForceForPeriod(id, facts.period);
    return inForce ? { ok: true, policy: inForce } : { ok: false, problems: [problem('NO_VERSION_IN_FORCE', text('request.noVersionForPeriod', { id, period: facts.period }), ['facts', 'period'])] };
  }
  const asOf = facts.asOf === undefined ? now : parseInstant(facts.asOf);
  if (asOf === null) return { ok: false, problems: [problem('REQUEST_INVALID', text('request.notAnInstant', { value: JSON.stringify(facts.asOf) }), ['facts', 'asOf'])] };
  const outOfRange = facts.asOf === undefined ? null : rangeProblem(facts.asOf, asOf, ['facts', 'asOf']);
  if (outOfRange) return { ok: false, problems: [outOfRange] };
  const inForce = registry.inForceAt(id, asOf);
  return inForce ? { ok: true, policy: inForce } : { ok: false, problems: [problem('NO_VERSION_IN_FORCE', text('request.noVersionAt', { id, at: formatInstant(asOf, 'UTC') }), ['facts', 'asOf'])] };
}

/** Facts in, decision out: the same facts under the same policy file give the same decision, but for decisionId. */
export async function evaluate(registry: PolicyRegistry, request: EvaluateRequest, context: EvaluateContext): Promise<EvaluateResult> {
  const choice = chooseVersion(registry, request, context.now);
  if (!choice.ok) return choice;
  const { policy } = choice;
  const read = readFacts(request.facts, policy, context.now);
  if (!read.ok) return read;
  const { facts } = read;

  const language = request.lang ?? context.language ?? DEFAULT_LANGUAGE;
  // The trace costs engine runs on the real values and most of a response's bytes: only when asked.
  const traced = request.explain === 'trace';
  const rebate = facts.period === undefined ? undefined : await evaluateRebate(policy, facts, facts.period, traced, language);
  const named = request.version === undefined ? undefined : policy;
  const support = request.facts.tickets === undefined ? undefined : await supportUnderTheirVersions(registry, { decisionPolicy: policy, named, facts, traced, language });
  if (support && !support.ok) return support;
  const { ref } = policy;
  // Keys in the order the API documents them; JSON.stringify keeps it.
  const decision: Decision = {
    decisionId: context.decisionId,
    policy: { id: ref.id, version: ref.version, effectiveFrom: ref.effectiveFrom, sha256: ref.sha256 },
    ...(rebate ? { rebate: rebate.value } : {}),
    ...(support ? { asOf: formatInstant(facts.asOf, 'UTC'), support: support.value } : {}),
    explanation: [
      decidedUnder(policy, language),
      ...(rebate?.explanation ?? []),
      ...(support?.explanation ?? []),
    ],
    ...(traced ? { trace: [...(rebate?.trace ?? []), ...(support?.trace ?? [])] } : {}),
  };
  return { ok: true, decision };
}

const decidedUnderTexts = new PerLanguage<CompiledPolicy, string>();

/** The first line of every decision under a version, written once per version and language. */
function decidedUnder(policy: CompiledPolicy, language: Language): string {
  const known = decidedUnderTexts.get(policy, language);
  if (known !== undefined) return known;
  const { ref } = policy;
  return decidedUnderTexts.set(policy, language, say(language, 'decision.decidedUnder', { id: ref.id, version: ref.version, status: policy.status, effectiveFrom: formatsFor(language).date(ref.effectiveFrom), sha256: ref.sha256.slice(0, 12) }));
}

type SupportResult = ({ readonly ok: true } & PartResult<TicketDecision[]>) | { readonly ok: false; readonly problems: readonly Problem[] };

/** Each ticket judged by the version in force when it was opened (or the one named), back in the request's order. */
interface SupportRequest {
  readonly decisionPolicy: CompiledPolicy;
  readonly named: CompiledPolicy | undefined;
  readonly facts: Facts;
  readonly traced: boolean;
  readonly language: Language;
}

async function supportUnderTheirVersions(registry: PolicyRegistry, { decisionPolicy, named, facts, traced, language }: SupportRequest): Promise<SupportResult> {
  const grouped = groupTicketsByVersion(registry, decisionPolicy.ref.id, facts.tickets, named);
  if (!grouped.ok) return grouped;
  // The usual case: every ticket under the decision's own version, already in the request's order.
  const [only] = grouped.groups;
  if (grouped.groups.length === 1 && only?.policy === decisionPolicy) {
    const judged = await evaluateSupport(decisionPolicy, facts.tickets, facts.asOf, facts.account, traced, language);
    return { ok: true, value: judged.value, explanation: judged.explanation, trace: judged.trace };
  }
  const value: TicketDecision[] = [];
  const explanation: string[] = [];
  const trace: PartResult<TicketDecision[]>['trace'][number][] = [];
  const placed: { index: number; decision: TicketDecision; lines: string[] }[] = [];
  for (const { policy, indexes } of grouped.groups) {
    const judged = await evaluateSupport(policy, indexes.map((index) => facts.tickets[index] as Facts['tickets'][number]), facts.asOf, facts.account, traced, language);
    const note = policy === decisionPolicy ? '' : ` ${say(language, 'support.judgedUnder', { version: policy.ref.version, sha256: policy.ref.sha256.slice(0, 12) })}`;
    judged.value.forEach((decision, position) => placed.push({ index: indexes[position] ?? 0, decision, lines: [`${judged.explanation[position] ?? ''}${note}`] }));
    trace.push(...judged.trace);
  }
  for (const { decision, lines } of placed.sort((a, b) => a.index - b.index)) {
    value.push(decision);
    explanation.push(...lines);
  }
  return { ok: true, value, explanation, trace };
}
