import { h } from '../dom.js';
import type { Child } from '../dom.js';
import { decimal, named } from '../format.js';
import { t } from '../i18n.js';
import type { Decision, Timeline } from '../types.js';
import { statusBadge, when } from './common.js';
import { timelinePicture } from './timeline.js';

function figure(label: string, value: Child, extra?: Child): HTMLElement {
  return h('div', { class: 'figure' }, h('dt', {}, label), h('dd', {}, value, extra));
}

function rebatePart(rebate: NonNullable<Decision['rebate']>): HTMLElement {
  return h('section', { 'aria-labelledby': 'result-rebate' },
    h('h3', { id: 'result-rebate' }, t('result.rebate', { period: rebate.period })),
    h('dl', { class: 'figures' },
      figure(t('result.amount'), h('span', { class: 'amount', 'data-amount': rebate.amount ?? '' }, rebate.amount === null ? '—' : `${decimal(rebate.amount)} ${rebate.currency ?? ''}`), rebate.capped ? h('span', { class: 'badge' }, t('result.capped')) : null),
      figure(t('result.tier'), t('result.tierValue', { percent: decimal(rebate.rebatePercent), uptime: decimal(rebate.uptimePercent) })),
      figure(t('result.remedy'), rebate.remedy ? named('remedy', rebate.remedy) : t('common.none')),
      figure(t('result.eligible'), rebate.eligible ? t('common.yes') : t('common.no')),
      figure(t('result.downtime'), t('result.minutes', { minutes: rebate.downtimeMinutes }))),
    rebate.reasons.length > 0 ? h('div', {}, h('h4', {}, t('result.reasons')), h('ul', { class: 'reasons' }, ...rebate.reasons.map((reason) => h('li', {}, reason.message, ' ', h('code', {}, reason.code))))) : null,
    rebate.incidents.length > 0
      ? h('div', { class: 'table-wrap' }, h('table', {},
          h('caption', {}, t('result.incidents')),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('result.incident')), h('th', { scope: 'col' }, t('result.counted')), h('th', { scope: 'col' }, t('result.notes')))),
          h('tbody', {}, ...rebate.incidents.map((incident) => h('tr', {}, h('th', { scope: 'row' }, incident.id), h('td', {}, String(incident.countedMinutes)), h('td', {}, incident.notes.join('; ')))))))
      : null);
}

function supportPart(support: NonNullable<Decision['support']>): HTMLElement {
  const target = (value: { dueAt: string; status: string }) => h('span', {}, when(value.dueAt), ' ', statusBadge(value.status));
  return h('section', { 'aria-labelledby': 'result-support' },
    h('h3', { id: 'result-support' }, t('result.support')),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, ...[t('result.ticket'), t('result.priority'), t('result.action'), t('result.response')].map((column) => h('th', { scope: 'col' }, column)))),
      h('tbody', {}, ...support.map((ticket) => h('tr', {}, h('th', { scope: 'row' }, ticket.id), h('td', {}, ticket.priority), h('td', {}, target(ticket.action)), h('td', {}, target(ticket.response))))))));
}

/** A decision as the endpoint gave it: amount, tier, remedy, reasons, minutes, support, explanation, and the month's picture. */
export function decisionView(decision: Decision, timeline: Timeline | null): HTMLElement {
  return h('div', { class: 'decision' },
    h('p', { class: 'muted' }, t('result.under', { id: decision.policy.id, version: decision.policy.version, sha: decision.policy.sha256.slice(0, 12) })),
    decision.rebate ? rebatePart(decision.rebate) : null,
    timeline ? timelinePicture(timeline, new Map((decision.rebate?.incidents ?? []).map((incident) => [incident.id, incident.countedMinutes]))) : null,
    decision.support ? supportPart(decision.support) : null,
    h('section', { 'aria-labelledby': 'result-explanation' }, h('h3', { id: 'result-explanation' }, t('result.explanation')), h('ol', { class: 'explanation' }, ...decision.explanation.map((line) => h('li', {}, line)))));
}
