import { getJson } from '../api.js';
import { fill, h } from '../dom.js';
import type { Child } from '../dom.js';
import { decimal, duration, named } from '../format.js';
import { localText, t } from '../i18n.js';
import type { PolicyDocument, VersionSource } from '../types.js';
import { loading, problemBox, statusBadge } from './common.js';
import { describeCondition } from './conditions.js';
import { showLine, sourcePane } from './source-pane.js';

type Segment = string | number;

/** The JSON path the server names a term by: $.rebate.tiers[0].uptimeBelow. */
function pathOf(segments: readonly Segment[]): string {
  return segments.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    return /^[A-Za-z_$][\w$-]*$/.test(segment) ? `${text}.${segment}` : `${text}[${JSON.stringify(segment)}]`;
  }, '$');
}

/** Cites a term: its clause in the agreement, and a link to its line in the YAML source. */
function citer(source: VersionSource) {
  const base = `#/terms/${encodeURIComponent(source.id)}/${encodeURIComponent(source.version)}`;
  const lineLink = (segments: readonly Segment[]): Child => {
    const line = source.lines[pathOf(segments)];
    if (line === undefined) return null;
    return h('a', {
      class: 'line-link',
      href: `${base}/L${line}`,
      'data-line': line,
      'aria-label': t('terms.lineLabel', { line }),
      onclick: (event: Event) => {
        event.preventDefault();
        history.replaceState(null, '', `${base}/L${line}`);
        showLine(line);
      },
    }, t('terms.line', { line }));
  };
  const clause = (value: unknown): Child => (value === undefined ? null : h('cite', { class: 'clause' }, '§ ', localText(value)));
  return { lineLink, clause, cite: (segments: readonly Segment[], clauseValue?: unknown): Child => h('span', { class: 'citation' }, clause(clauseValue), lineLink(segments)) };
}

type Cite = ReturnType<typeof citer>;

function section(id: string, title: string, ...children: Child[]): HTMLElement {
  return h('section', { class: 'term-section', 'aria-labelledby': `terms-${id}` }, h('h2', { id: `terms-${id}` }, title), ...children);
}

function term(label: string, value: Child, citation: Child): HTMLElement {
  return h('div', { class: 'term' }, h('dt', {}, label), h('dd', {}, h('span', { class: 'value' }, value), citation));
}

function table(caption: string, columns: readonly string[], rows: readonly Child[][]): HTMLElement {
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...columns.map((column) => h('th', { scope: 'col' }, column)))),
    h('tbody', {}, ...rows.map(([head, ...cells]) => h('tr', {}, h('th', { scope: 'row' }, head), ...cells.map((cell) => h('td', {}, cell)))))));
}

function rebateSections(terms: PolicyDocument, cite: Cite): HTMLElement[] {
  const tiers = terms.rebate.tiers.map((tier, index): Child[] => [
    t('terms.uptimeBelow', { threshold: decimal(tier.uptimeBelow) }),
    h('span', { class: 'percent' }, `${decimal(tier.rebatePercent)} %`),
    named('remedy', tier.remedy),
    cite.cite(['rebate', 'tiers', index], tier.clause),
  ]);
  const caps = Object.entries(terms.rebate.caps).map(([currency, amount]): Child[] => [currency, h('span', { class: 'cap' }, `${decimal(amount)} ${currency}`), cite.lineLink(['rebate', 'caps', currency])]);
  return [
    section('rebate', t('terms.rebate.heading'), h('p', {}, t('terms.rebate.intro')),
      table(t('terms.rebate.caption'), [t('terms.rebate.uptime'), t('terms.rebate.percent'), t('terms.rebate.remedy'), t('terms.citation')], tiers)),
    section('cap', t('terms.cap.heading'), h('p', {}, t('terms.cap.intro'), ' ', cite.clause(terms.rebate.capClause)),
      table(t('terms.cap.caption'), [t('terms.cap.currency'), t('terms.cap.amount'), t('terms.citation')], caps)),
  ];
}

function downtimeSections(terms: PolicyDocument, cite: Cite): HTMLElement[] {
  const { downtime, maintenance, claim, period } = terms;
  const list = (items: readonly string[]) => (items.length === 0 ? t('common.none') : items.join(', '));
  return [
    section('period', t('terms.period.heading'), h('dl', {}, term(t('terms.period.zone'), period.timeZone, cite.cite(['period', 'timeZone'], period.clause)))),
    section('downtime', t('terms.downtime.heading'), h('dl', {},
      term(t('terms.downtime.basis'), t('terms.downtime.basisValue', { minutes: downtime.monthMinutes }), cite.cite(['downtime', 'monthMinutes'], downtime.clause)),
      term(t('terms.downtime.countFrom'), named('countFrom', downtime.countFrom), cite.cite(['downtime', 'countFrom'])),
      term(t('terms.downtime.counted'), list(downtime.countedCauses), cite.cite(['downtime', 'countedCauses'])),
      term(t('terms.downtime.excluded'), list(downtime.excludedCauses), cite.cite(['downtime', 'excludedCauses'])))),
    section('maintenance', t('terms.maintenance.heading'), h('dl', {},
      term(t('terms.maintenance.notice'), t('terms.maintenance.noticeValue', { notice: duration(maintenance.noticePeriod) }), cite.cite(['maintenance', 'noticePeriod'], maintenance.clause)))),
    section('claim', t('terms.claim.heading'), h('dl', {},
      term(t('terms.claim.opens'), t('terms.claim.opensValue', { after: duration(claim.opensAfterPeriodEnd) }), cite.cite(['claim', 'opensAfterPeriodEnd'], claim.clause)),
      term(t('terms.claim.length'), duration(claim.windowLength), cite.cite(['claim', 'windowLength'])))),
  ];
}

function supportSections(terms: PolicyDocument, cite: Cite): HTMLElement[] {
  const target = (priority: string, kind: 'action' | 'response', value: { within: string; calendar: string }): Child =>
    h('span', {}, t('terms.support.within', { time: duration(value.within), calendar: value.calendar }), ' ', cite.lineLink(['support', 'priorities', priority, kind, 'within']));
  const priorities = Object.entries(terms.support.priorities).map(([name, priority]): Child[] => [
    h('span', {}, h('strong', {}, name), priority.description ? h('span', { class: 'muted block' }, localText(priority.description)) : null),
    target(name, 'action', priority.action),
    target(name, 'response', priority.response),
    cite.cite(['support', 'priorities', name], priority.clause),
  ]);
  const calendars = Object.entries(terms.calendars).map(([name, calendar]) => h('div', { class: 'calendar' },
    h('h3', {}, name, ' ', cite.cite(['calendars', name], calendar.clause)),
    h('p', {}, t('terms.calendar.zone', { zone: calendar.timeZone })),
    calendar.alwaysOpen ? h('p', {}, t('terms.calendar.alwaysOpen')) : weeklyHours(calendar.openingHours ?? {}),
    calendar.alwaysOpen ? null : publicHolidays(calendar.publicHolidays, name, cite),
    calendar.alwaysOpen ? null : holidays(calendar.holidays ?? [], name, cite, calendar.publicHolidays !== undefined)));
  return [
    section('support', t('terms.support.heading'), table(t('terms.support.caption'), [t('terms.support.priority'), t('terms.support.action'), t('terms.support.response'), t('terms.citation')], priorities)),
    section('calendars', t('terms.calendar.heading'), ...calendars),
  ];
}

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

function weeklyHours(hours: Partial<Record<(typeof DAYS)[number], readonly string[]>>): HTMLElement {
  return h('dl', { class: 'hours' }, ...DAYS.map((day) => h('div', {}, h('dt', {}, named('day', day)), h('dd', {}, (hours[day] ?? []).length > 0 ? (hours[day] ?? []).join(', ') : t('terms.calendar.closed')))));
}

type PublicHolidays = NonNullable<PolicyDocument['calendars'][string]['publicHolidays']>;

/** The holidays that recur every year, from the holiday list: which country's, which kinds, and what the calendar adds or works. */
function publicHolidays(terms: PublicHolidays | undefined, calendar: string, cite: Cite): HTMLElement | null {
  if (!terms) return null;
  const included = (terms.include ?? []).map((entry) => (entry.openingHours ? t('terms.calendar.includedPartial', { name: entry.name, hours: entry.openingHours.join(', ') }) : entry.name));
  const excluded = terms.exclude ?? [];
  return h('p', { class: 'public-holidays' },
    t('terms.calendar.publicHolidays', { place: terms.region ? `${terms.country}-${terms.region}` : terms.country, kinds: (terms.kinds ?? ['public']).join(', ') }),
    included.length > 0 ? ` ${t('terms.calendar.included', { holidays: included.join(', ') })}` : '',
    excluded.length > 0 ? ` ${t('terms.calendar.excluded', { holidays: excluded.join(', ') })}` : '',
    ' ', cite.lineLink(['calendars', calendar, 'publicHolidays']));
}

/** The dates the calendar lists; "no holidays" only when it takes none from the holiday list either. */
function holidays(days: readonly { date: string; name?: unknown; openingHours?: readonly string[] }[], calendar: string, cite: Cite, recurring: boolean): HTMLElement | null {
  if (days.length === 0) return recurring ? null : h('p', {}, t('terms.calendar.noHolidays'));
  return h('ul', { class: 'holidays' }, ...days.map((day, index) => h('li', {},
    h('strong', {}, day.date), day.name ? ` ${localText(day.name)}` : '', ': ',
    day.openingHours ? t('terms.calendar.partial', { hours: day.openingHours.join(', ') }) : t('terms.calendar.closedDay'),
    ' ', cite.lineLink(['calendars', calendar, 'holidays', index]))));
}

function ruleSection(terms: PolicyDocument, cite: Cite): HTMLElement {
  const rules = terms.rules ?? [];
  if (rules.length === 0) return section('rules', t('terms.rules.heading'), h('p', {}, t('terms.rules.none')));
  return section('rules', t('terms.rules.heading'), h('ol', { class: 'rules' }, ...rules.map((rule, index) => h('li', {},
    h('p', {}, h('strong', {}, rule.id), rule.description ? ` — ${localText(rule.description)}` : ''),
    h('p', {}, t('terms.rules.when', { condition: describeCondition(rule.when) })),
    h('p', {}, named('outcome', rule.then.outcome), ': ', localText(rule.then.message), ' ', h('code', {}, rule.then.code)),
    cite.cite(['rules', index], rule.clause)))));
}

function documentOf(source: VersionSource): HTMLElement {
  const { terms } = source;
  const cite = citer(source);
  return h('article', { class: 'agreement', 'aria-labelledby': 'terms-title' },
    h('h1', { id: 'terms-title' }, localText(terms.title)),
    h('p', { class: 'meta' }, t('terms.meta', { id: source.id, version: source.version, effectiveFrom: source.effectiveFrom }), ' ', statusBadge(source.status)),
    h('p', {}, localText(terms.changeNote)),
    terms.source ? h('p', { class: 'muted' }, t('terms.encodes', { source: localText(terms.source) })) : null,
    h('p', { class: 'muted' }, 'sha256 ', h('code', { class: 'sha' }, source.sha256)),
    ...rebateSections(terms, cite),
    ...downtimeSections(terms, cite),
    ...supportSections(terms, cite),
    ruleSection(terms, cite));
}

/** One version read as an agreement, beside its YAML source with line numbers. */
export async function termsView(main: HTMLElement, parts: readonly string[]): Promise<void> {
  const [id = '', version = '', lineRef] = parts;
  fill(main, loading());
  const answer = await getJson<VersionSource>(`/studio/api/policies/${encodeURIComponent(id)}/versions/${encodeURIComponent(version)}`);
  if (!answer.ok) return fill(main, h('h1', {}, t('terms.heading')), problemBox(answer));
  fill(main, h('div', { class: 'terms-layout' }, documentOf(answer.body), sourcePane(answer.body.file, answer.body.text)));
  const line = Number(/^L(\d+)$/.exec(lineRef ?? '')?.[1]);
  if (line > 0) showLine(line);
}
