import { fill, h } from '../dom.js';
import { t } from '../i18n.js';
import type { MessageKey } from '../i18n.js';
import type { RequestFacts } from '../types.js';

type Facts = Record<string, unknown>;
type Row = Record<string, string>;
type ListName = 'incidents' | 'maintenance' | 'tickets';

/** The columns of each list of the facts, as the API names them. */
const LISTS: Record<ListName, readonly string[]> = {
  incidents: ['id', 'start', 'end', 'cause', 'reportedAt'],
  maintenance: ['id', 'announcedAt', 'start', 'end'],
  tickets: ['id', 'priority', 'openedAt', 'actionAt', 'respondedAt'],
};

/** Sets a text field; an empty field leaves the key out, as a service would. */
function setText(record: Facts | Row, key: string, value: string): void {
  if (value.trim() === '') delete record[key];
  else record[key] = value.trim();
}

/** Sets a field of a nested block (charges, claim), dropping the block when it empties. */
function setNested(facts: Facts, block: string, key: string, value: string): void {
  const existing = facts[block];
  const record = existing && typeof existing === 'object' && !Array.isArray(existing) ? (existing as Facts) : {};
  setText(record, key, value);
  if (Object.keys(record).length === 0) delete facts[block];
  else facts[block] = record;
}

function textField(label: string, id: string, value: unknown, onInput: (value: string) => void, hint: string): HTMLElement {
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    h('input', { id, type: 'text', value: typeof value === 'string' ? value : '', placeholder: hint, spellcheck: 'false', oninput: (event: Event) => onInput((event.target as HTMLInputElement).value) }));
}

/** One list of the facts as a table of text fields, with a button per row to remove it and one to add a row. */
function listFieldset(facts: Facts, name: ListName, redraw: () => void): HTMLElement {
  const rows = (Array.isArray(facts[name]) ? facts[name] : []) as Row[];
  const columns = LISTS[name];
  const one = t(`case.${name}.one` as MessageKey);
  const field = (column: string) => t(`case.field.${column}` as MessageKey);
  const remove = (index: number) => {
    rows.splice(index, 1);
    if (rows.length === 0) delete facts[name];
    redraw();
  };
  return h('fieldset', { class: 'list' },
    h('legend', {}, t(`case.${name}` as MessageKey)),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, ...columns.map((column) => h('th', { scope: 'col' }, field(column))), h('th', {}, h('span', { class: 'visually-hidden' }, t('case.actions'))))),
      h('tbody', {}, ...rows.map((row, index) => h('tr', {},
        ...columns.map((column) => h('td', {}, h('input', {
          type: 'text', value: row[column] ?? '', spellcheck: 'false', name: `${name}-${index}-${column}`,
          'aria-label': t('case.cellLabel', { list: one, number: index + 1, field: field(column) }),
          oninput: (event: Event) => setText(row, column, (event.target as HTMLInputElement).value),
        }))),
        h('td', {}, h('button', { type: 'button', class: 'small', onclick: () => remove(index) }, t('case.remove', { what: one, number: index + 1 })))))))),
    h('button', { type: 'button', class: 'small', onclick: () => { facts[name] = [...rows, {}]; redraw(); } }, t('case.add', { what: one })));
}

function formPart(facts: Facts, prefix: string, redraw: () => void): HTMLElement {
  const charges = (facts['charges'] ?? {}) as Facts;
  const claim = (facts['claim'] ?? {}) as Facts;
  const instant = 'YYYY-MM-DDThh:mm:ssZ';
  return h('div', {},
    h('div', { class: 'fields' },
      textField(t('case.field.period'), `${prefix}-period`, facts['period'], (value) => setText(facts, 'period', value), 'YYYY-MM'),
      textField(t('case.field.amount'), `${prefix}-amount`, charges['amount'], (value) => setNested(facts, 'charges', 'amount', value), '0.00'),
      textField(t('case.field.currency'), `${prefix}-currency`, charges['currency'], (value) => setNested(facts, 'charges', 'currency', value), 'ISO 4217'),
      textField(t('case.field.claim'), `${prefix}-claim`, claim['filedAt'], (value) => setNested(facts, 'claim', 'filedAt', value), instant),
      textField(t('case.field.asOf'), `${prefix}-asof`, facts['asOf'], (value) => setText(facts, 'asOf', value), instant)),
    listFieldset(facts, 'incidents', redraw), listFieldset(facts, 'maintenance', redraw), listFieldset(facts, 'tickets', redraw),
    facts['account'] !== undefined ? h('p', { class: 'muted' }, t('case.accountInJson')) : null);
}

/** Reads the JSON view; a text that is not a JSON object is an error message, not facts. */
function parseFacts(text: string): Facts | string {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return t('case.jsonNotObject');
    return parsed as Facts;
  } catch (error) {
    return t('case.jsonInvalid', { message: (error as Error).message });
  }
}

function jsonPart(facts: Facts, prefix: string, apply: (facts: Facts) => void): HTMLElement {
  const area = h('textarea', { id: `${prefix}-json`, rows: 18, spellcheck: 'false', class: 'code' });
  area.value = JSON.stringify(facts, null, 2);
  const message = h('p', { class: 'field-error', role: 'alert' });
  const use = () => {
    const parsed = parseFacts(area.value);
    if (typeof parsed === 'string') message.textContent = parsed;
    else apply(parsed);
  };
  return h('div', {}, h('label', { for: area.id }, t('case.jsonLabel')), area, message, h('button', { type: 'button', onclick: use }, t('case.applyJson')));
}

export interface CaseForm {
  readonly element: HTMLElement;
  facts(): RequestFacts;
  setFacts(facts: RequestFacts): void;
}

let formCount = 0;

/** A month's facts as a form, with a JSON view of the same facts for power users. */
export function caseForm(): CaseForm {
  const prefix = `case${++formCount}`;
  let facts: Facts = {};
  let showJson = false;
  const body = h('div', { class: 'case-body' });
  const formTab = h('button', { type: 'button', class: 'tab', onclick: () => switchTo(false) }, t('case.formView'));
  const jsonTab = h('button', { type: 'button', class: 'tab', onclick: () => switchTo(true) }, t('case.jsonView'));
  const draw = (): void => {
    formTab.setAttribute('aria-pressed', String(!showJson));
    jsonTab.setAttribute('aria-pressed', String(showJson));
    fill(body, showJson ? jsonPart(facts, prefix, (parsed) => { facts = parsed; switchTo(false); }) : formPart(facts, prefix, draw));
  };
  const switchTo = (json: boolean): void => {
    showJson = json;
    draw();
  };
  draw();
  return {
    element: h('div', { class: 'case-form' }, h('div', { class: 'tabs', role: 'group', 'aria-label': t('case.views') }, formTab, jsonTab), body),
    facts: () => {
      // From the JSON view, the text as it stands when it reads; else the last good facts (the view says what is wrong).
      const parsed = showJson ? parseFacts(body.querySelector('textarea')?.value ?? '') : facts;
      if (typeof parsed !== 'string') facts = parsed;
      return structuredClone(facts) as RequestFacts;
    },
    setFacts: (next) => {
      facts = structuredClone(next) as Facts;
      draw();
    },
  };
}
