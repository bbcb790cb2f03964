import { getJson } from '../api.js';
import { fill, h } from '../dom.js';
import { t } from '../i18n.js';
import type { PolicyList } from '../types.js';
import { caseRunner } from './case-runner.js';
import { loading, problemBox } from './common.js';

/** Try a case against a loaded version, answered by the real POST /v1/evaluate. */
export async function tryView(main: HTMLElement, parts: readonly string[]): Promise<void> {
  fill(main, h('h1', {}, t('try.heading')), loading());
  const answer = await getJson<PolicyList>('/studio/api/policies');
  if (!answer.ok) return fill(main, h('h1', {}, t('try.heading')), problemBox(answer));
  const policies = answer.body.policies;
  const policy = policies.find((candidate) => candidate.id === parts[0]) ?? policies[0];
  if (!policy) return fill(main, h('h1', {}, t('try.heading')), h('p', {}, t('policies.none')));
  const chooser = h('select', { id: 'try-policy', onchange: (event: Event) => { location.hash = `#/try/${encodeURIComponent((event.target as HTMLSelectElement).value)}`; } },
    ...policies.map((candidate) => h('option', { value: candidate.id, selected: candidate.id === policy.id }, candidate.id)));
  const version = h('select', { id: 'try-version' },
    h('option', { value: '' }, t('try.inForce')),
    ...policy.versions.map((candidate) => h('option', { value: candidate.version, selected: candidate.version === parts[1] }, `${candidate.version} (${t(candidate.status === 'draft' ? 'status.draft' : 'status.published')})`)));
  const runner = await caseRunner({ policyId: policy.id, version: () => version.value || undefined, idPrefix: 'try' });
  fill(main,
    h('h1', {}, t('try.heading')),
    h('p', { class: 'lead' }, t('try.lead')),
    h('div', { class: 'fields' }, h('div', { class: 'field' }, h('label', { for: chooser.id }, t('try.policy')), chooser), h('div', { class: 'field' }, h('label', { for: version.id }, t('try.version')), version)),
    runner);
}
