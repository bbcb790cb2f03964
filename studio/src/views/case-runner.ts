import { getJson } from '../api.js';
import { fill, h } from '../dom.js';
import { t } from '../i18n.js';
import type { Decision, EvaluateRequest, ExampleCase } from '../types.js';
import { caseForm } from './case-form.js';
import { problemBox } from './common.js';
import { decisionView } from './decision.js';
import { runCase } from './run-case.js';
import type { Draft } from './run-case.js';

export interface RunnerOptions {
  readonly policyId: string;
  /** The request's version; undefined lets the service pick the version in force for the period. */
  readonly version: () => string | undefined;
  /** When set, cases are judged under this draft instead of the loaded versions. */
  readonly draft?: () => Draft;
  readonly idPrefix: string;
}

/** Example months to start from, a form for the facts, and the decision with the month's picture. */
export async function caseRunner(options: RunnerOptions): Promise<HTMLElement> {
  const form = caseForm();
  const results = h('div', { class: 'results', 'aria-live': 'polite', id: `${options.idPrefix}-results` });
  const examples = await getJson<{ cases: ExampleCase[] }>(`/studio/api/policies/${encodeURIComponent(options.policyId)}/cases`);
  const cases = examples.ok ? examples.body.cases : [];
  const picker = h('select', { id: `${options.idPrefix}-example` }, ...cases.map((example, index) => h('option', { value: index }, example.name)));
  const load = () => {
    const chosen = cases[Number(picker.value)];
    if (chosen) form.setFacts(chosen.request.facts);
  };
  picker.addEventListener('change', load);
  load();

  const run = async (event: Event) => {
    event.preventDefault();
    const version = options.version();
    const request = { policy: options.policyId, ...(version ? { version } : {}), facts: form.facts() } as EvaluateRequest;
    fill(results, h('p', { role: 'status' }, t('common.loading')));
    const { decision, timeline } = await runCase(request, options.draft?.());
    fill(results, decision.ok ? decisionView(decision.body as Decision, timeline) : problemBox(decision));
  };
  return h('form', { class: 'case-runner', onsubmit: run },
    h('div', { class: 'field' }, h('label', { for: picker.id }, t('case.example')), picker),
    form.element,
    h('p', {}, h('button', { type: 'submit', class: 'primary' }, options.draft ? t('case.runDraft') : t('case.run'))),
    results);
}
