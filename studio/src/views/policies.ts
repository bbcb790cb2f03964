import { getJson } from '../api.js';
import { fill, h } from '../dom.js';
import { localText, t } from '../i18n.js';
import type { PolicyList } from '../types.js';
import { loading, problemBox, statusBadge } from './common.js';

/** Every policy and version: status, effective dates, change note, sha256, and which is in force today. */
export async function policiesView(main: HTMLElement): Promise<void> {
  fill(main, h('h1', {}, t('policies.heading')), loading());
  const answer = await getJson<PolicyList>('/studio/api/policies');
  if (!answer.ok) return fill(main, h('h1', {}, t('policies.heading')), problemBox(answer));
  const { today, policies } = answer.body;
  fill(main,
    h('h1', {}, t('policies.heading')),
    h('p', { class: 'lead' }, t('policies.lead', { today })),
    ...policies.map((policy) => h('section', { class: 'policy', 'aria-labelledby': `policy-${policy.id}` },
      h('h2', { id: `policy-${policy.id}` }, policy.id),
      h('p', {}, policy.inForce ? t('policies.inForce', { version: policy.inForce, today }) : t('policies.noneInForce', { today })),
      h('div', { class: 'table-wrap' }, h('table', {},
        h('caption', { class: 'visually-hidden' }, t('policies.caption', { id: policy.id })),
        h('thead', {}, h('tr', {}, ...['version', 'status', 'effectiveFrom', 'changeNote', 'sha256', 'actions'].map((column) => h('th', { scope: 'col' }, t(`policies.column.${column}` as 'policies.column.version'))))),
        h('tbody', {}, ...policy.versions.map((version) => h('tr', { class: version.version === policy.inForce ? 'in-force' : null, 'data-version': version.version },
          h('th', { scope: 'row' }, version.version, version.version === policy.inForce ? h('span', { class: 'badge badge-in-force' }, t('policies.inForceBadge')) : null),
          h('td', {}, statusBadge(version.status)),
          h('td', {}, version.effectiveFrom),
          h('td', {}, h('strong', {}, localText(version.title)), h('br'), localText(version.changeNote)),
          h('td', {}, h('code', { class: 'sha', title: version.sha256 }, version.sha256.slice(0, 12), '…')),
          h('td', { class: 'actions' },
            h('a', { href: `#/terms/${encodeURIComponent(version.id)}/${encodeURIComponent(version.version)}` }, t('policies.readTerms')),
            h('a', { href: `#/try/${encodeURIComponent(version.id)}/${encodeURIComponent(version.version)}` }, t('policies.tryCase')),
            h('a', { href: `#/draft/${encodeURIComponent(version.id)}/${encodeURIComponent(version.version)}` }, t('policies.draftFrom')))))))))));
}
