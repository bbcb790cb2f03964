import type { Decimal } from 'decimal.js';
import type { CompiledCap, CompiledPolicy, CompiledPriority, CompiledTier } from '../compile/compiled-policy.js';
import type { RuleSetOutcome, TraceEntry } from '../compile/rule-set.js';
import { TERMS_EVENT } from '../compile/term-overrides.js';
import type { TermOverride } from '../compile/term-overrides.js';
import { say } from '../messages/catalog.js';
import type { Language } from '../messages/languages.js';
import { localize } from '../messages/localized.js';
import type { LocalizedText } from '../messages/localized.js';
import { ExactDecimal } from '../model/values.js';
import { formatsFor } from './text-formats.js';
import { cite } from './trace.js';

const HUNDRED = new ExactDecimal(100);

export interface MatchingTerms {
  readonly overrides: TermOverride[];
  readonly trace: readonly TraceEntry[];
}

const NO_TERMS: MatchingTerms = { overrides: [], trace: [] };

/** The overrides of the rules with outcome terms that match, in the order the file lists them (a later rule wins). */
export async function matchingTerms(policy: CompiledPolicy, facts: Readonly<Record<string, unknown>>, trace = false): Promise<MatchingTerms> {
  const { ruleSet, overrides } = policy.termRules;
  return overrides.length === 0 ? NO_TERMS : termsFired(policy, await ruleSet.run(facts, { trace }));
}

/** matchingTerms at once when the rules' outcome is remembered (or there are no such rules); undefined when the engine has to run. */
export function rememberedTerms(policy: CompiledPolicy, facts: Readonly<Record<string, unknown>>, trace = false): MatchingTerms | undefined {
  const { ruleSet, overrides } = policy.termRules;
  if (overrides.length === 0) return NO_TERMS;
  const outcome = ruleSet.remembered(facts, trace);
  return outcome && termsFired(policy, outcome);
}

function termsFired(policy: CompiledPolicy, outcome: RuleSetOutcome): MatchingTerms {
  const fired = new Set(outcome.events.filter((event) => event.type === TERMS_EVENT).map((event) => Number(event.params?.['index'])));
  return { overrides: policy.termRules.overrides.filter((_, index) => fired.has(index)), trace: outcome.trace };
}

function byRule(override: TermOverride, language: Language): string {
  return say(language, 'terms.byRule', { rule: override.rule, cite: cite(localize(override.clause, language)) });
}

export interface RebateTerms {
  readonly percent: Decimal;
  readonly cap: CompiledCap | undefined;
  readonly remedy: 'credit' | 'refund' | undefined;
  /** The clause behind a cap a rule set (the rule's own, else its id); undefined for the policy's cap. */
  readonly capClause: LocalizedText | undefined;
  readonly lines: readonly string[];
}

/**
 * The rebate terms in force for this account: the tier's percentage, the
 * policy's cap and the tier's remedy, as the matching rules set them. A month
 * that earns no tier earns nothing whatever the rules say, and no rule takes a
 * percentage above 100.
 */
export function rebateTerms(tier: CompiledTier | undefined, cap: CompiledCap | undefined, overrides: readonly TermOverride[], language: Language): RebateTerms {
  const formats = formatsFor(language);
  const decimal = (value: string): string => formats.decimal(value);
  let percent: Decimal = tier?.rebatePercent ?? new ExactDecimal(0);
  let capInForce = cap;
  let remedy = tier?.remedy;
  let capClause: LocalizedText | undefined;
  const lines: string[] = [];
  for (const override of overrides) {
    const { add, atLeast } = override.rebatePercent ?? {};
    if (tier && (add || atLeast)) {
      const before = percent;
      if (add) percent = ExactDecimal.min(HUNDRED, percent.plus(add));
      if (atLeast) percent = ExactDecimal.max(percent, atLeast);
      lines.push(say(language, 'terms.line.percent', { before: decimal(before.toString()), after: decimal(percent.toString()), byRule: byRule(override, language) }));
    }
    const ruleCap = cap ? override.caps.get(cap.currency) : undefined;
    if (ruleCap && capInForce) {
      const [newCap, previous] = [decimal(ruleCap.amountText), decimal(capInForce.amountText)];
      lines.push(say(language, 'terms.line.cap', { cap: newCap, previous, currency: ruleCap.currency, byRule: byRule(override, language) }));
      capInForce = ruleCap;
      capClause = override.clause ?? `rule ${override.rule}`;
    }
    if (override.remedy && tier) {
      lines.push(say(language, 'terms.line.remedy', { remedy: override.remedy, previous: remedy ?? 'refund', byRule: byRule(override, language) }));
      remedy = override.remedy;
    }
  }
  return { percent, cap: capInForce, remedy, capClause, lines };
}

/** A ticket's priority with the targets the matching rules set for it, and the words that say so. */
export function ticketTerms(priority: CompiledPriority, overrides: readonly TermOverride[], language: Language): { priority: CompiledPriority; notes: string[] } {
  let terms = priority;
  const notes: string[] = [];
  for (const override of overrides) {
    const set = override.support.get(priority.name);
    if (!set) continue;
    for (const kind of ['action', 'response'] as const) {
      const target = set[kind];
      if (!target) continue;
      terms = { ...terms, [kind]: target };
      notes.push(say(language, 'terms.note.target', { kind, minutes: target.minutes, calendar: target.calendar.name, byRule: byRule(override, language) }));
    }
  }
  return { priority: terms, notes };
}
