import { h, svg } from '../dom.js';
import { t } from '../i18n.js';
import type { Timeline } from '../types.js';

const WIDTH = 960;
const LEFT = 110;
const ROW = 26;
const DAY_MS = 86_400_000;
/** The share of the picture's width the service period takes. */
const PERIOD_SHARE = 0.75;

/**
 * The month as a picture: each incident's whole span and the part that counts,
 * maintenance windows (excused or not), and the claim window with the claim.
 */
export function timelinePicture(timeline: Timeline, countedMinutes: ReadonlyMap<string, number>): HTMLElement {
  const from = Date.parse(timeline.period.start);
  const periodEnd = Date.parse(timeline.period.end);
  const to = Math.max(Date.parse(timeline.claimWindow.end), periodEnd);
  // The service period gets most of the width; what follows it (the claim window) is drawn compressed.
  const split = LEFT + (WIDTH - LEFT - 10) * PERIOD_SHARE;
  const x = (iso: string) => {
    const at = Math.min(Math.max(Date.parse(iso), from), to);
    return at <= periodEnd ? LEFT + ((at - from) / (periodEnd - from)) * (split - LEFT) : split + ((at - periodEnd) / (to - periodEnd || 1)) * (WIDTH - 10 - split);
  };
  const bar = (start: string, end: string, y: number, kind: string, label: string) =>
    svg('rect', { x: x(start), y, width: Math.max(3, x(end) - x(start)), height: ROW - 10, class: `bar ${kind}`, rx: 2 }, svg('title', {}, label));
  const rows: SVGElement[] = [];
  let y = 30;
  const lane = (label: string, ...shapes: SVGElement[]) => {
    rows.push(svg('text', { x: 4, y: y + 12, class: 'lane' }, label), ...shapes);
    y += ROW;
  };
  for (const incident of timeline.incidents) {
    const minutes = countedMinutes.get(incident.id);
    const note = svg('text', { x: x(incident.span.end) + 6, y: y + 12, class: 'lane' }, minutes === undefined ? '' : t('result.minutes', { minutes }));
    lane(incident.id, note,
      bar(incident.span.start, incident.span.end, y, 'incident', t('timeline.incident', { id: incident.id, cause: incident.cause, start: incident.span.start, end: incident.span.end })),
      ...(incident.counted ? [bar(incident.counted.start, incident.counted.end, y + 4, 'counted', t('timeline.counted', { id: incident.id, start: incident.counted.start, end: incident.counted.end }))] : []));
  }
  for (const window of timeline.maintenance) {
    lane(window.id, bar(window.span.start, window.span.end, y, window.scheduled ? 'excused' : 'late', t(window.scheduled ? 'timeline.excused' : 'timeline.late', { id: window.id, announced: window.announcedAt })));
  }
  lane(t('timeline.claim'), bar(timeline.claimWindow.start, timeline.claimWindow.end, y, 'claim-window', t('timeline.claimWindow', { start: timeline.claimWindow.start, end: timeline.claimWindow.end })),
    ...(timeline.claimFiledAt ? [svg('circle', { cx: x(timeline.claimFiledAt), cy: y + 8, r: 6, class: 'claim' }, svg('title', {}, t('timeline.claimFiled', { at: timeline.claimFiledAt })))] : []));
  const ticks: SVGElement[] = [];
  for (let day = from; day <= to; day += DAY_MS) {
    const date = new Date(day);
    const inPeriod = day < periodEnd;
    if (date.getUTCDate() !== 1 && (!inPeriod || date.getUTCDate() % 7 !== 1)) continue;
    const at = x(date.toISOString());
    ticks.push(svg('line', { x1: at, x2: at, y1: 18, y2: y, class: date.getUTCDate() === 1 ? 'tick month' : 'tick' }), svg('text', { x: at + 2, y: 14, class: 'tick-label' }, date.toISOString().slice(5, 10)));
  }
  const picture = svg('svg', { viewBox: `0 0 ${WIDTH} ${y + 6}`, role: 'img', 'aria-labelledby': 'timeline-title timeline-desc', class: 'timeline' },
    svg('title', { id: 'timeline-title' }, t('timeline.title')),
    svg('desc', { id: 'timeline-desc' }, t('timeline.desc', { incidents: timeline.incidents.length, windows: timeline.maintenance.length })),
    ...ticks, ...rows);
  const key = (kind: string, label: string) => h('li', {}, h('span', { class: `swatch ${kind}`, 'aria-hidden': 'true' }), label);
  return h('figure', { class: 'timeline-figure' }, picture,
    h('figcaption', {}, h('ul', { class: 'legend' }, key('incident', t('timeline.key.incident')), key('counted', t('timeline.key.counted')), key('excused', t('timeline.key.excused')), key('late', t('timeline.key.late')), key('claim-window', t('timeline.key.claim')))));
}
