import type { Answer, ProblemDocument } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';

/** A refused request as people read it: the detail, then each field's problem. */
export function problemBox(answer: Answer<unknown>): HTMLElement {
  const problem = answer.body as Partial<ProblemDocument>;
  return h('div', { class: 'problem', role: 'alert' },
    h('p', {}, h('strong', {}, problem.title ?? t('error.generic')), ' — ', problem.detail ?? ''),
    (problem.errors?.length ?? 0) > 1 ? h('ul', {}, ...(problem.errors ?? []).map((error) => h('li', {}, h('code', {}, error.path), ' ', error.message))) : null);
}

export function loading(): HTMLElement {
  return h('p', { class: 'muted', role: 'status' }, t('common.loading'));
}

/** A date or instant shown in the reader's language, with the exact value on hover. */
export function when(iso: string): HTMLElement {
  const date = new Date(iso);
  const text = Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(date) + ' UTC';
  return h('time', { datetime: iso, title: iso }, text);
}

export function statusBadge(status: string): HTMLElement {
  const known: Record<string, string> = { published: t('status.published'), draft: t('status.draft'), met: t('status.met'), breached: t('status.breached'), pending: t('status.pending') };
  return h('span', { class: `badge badge-${status}` }, known[status] ?? status);
}
