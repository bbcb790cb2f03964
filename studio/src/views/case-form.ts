import { fill, h } from '../dom.js';
import { t } from '../i18n.js';
import type { MessageKey } from '../i18n.js';
import type { RequestFacts } from '../types.js';

type Row = Record<string, string>;
type ListName = 'incidents' | 'maintenance' | 'tickets';

/** The columns of each list of the facts, as the API names them. */
const LISTS: Record<ListName, readonly string[]> = {
  incidents: ['id', 'start', 'end', 'cause', 'reportedAt'],
  maintenance: ['id', 'announcedAt', 'start', 'end'],
  tickets: ['id', 'priority', 'openedAt', 'actionAt', 'respondedAt'],
};

export interface CaseForm {
  readonly element: HTMLElement;
  facts(): RequestFacts;
  setFacts(facts: RequestFacts): void;
}

let formCount = 0;

/** A month's facts as a form, with a JSON view of the same facts for power users. */
export function caseForm(): CaseForm {
  const prefix = `case${++formCount}`;
  let facts: Record<string, unknown> = {};
  let showJson = false;
  const body = h('div', { class: 'case-body' });
  const formTab = h('button', { type: 'button', class: 'tab', onclick: () => switchTo(false) }, t('case.formView'));
  const jsonTab = h('button', { type: 'button', class: 'tab', onclick: () => switchTo(true) }, t('case.jsonView'));
  const element = h('div', { class: 'case-form' }, h('div', { class: 'tabs', role: 'group', 'aria-label': t('case.views') }, formTab, jsonTab), body);

  const text = (label: string, id: string, value: unknown, onInput: (value: string) => void, hint?: string) => h('div', { class: 'field' },
    h('label', { for: id }, label),
    h('input', { id, type: 'text', value: typeof value === 'string' ? value : '', placeholder: hint, spellcheck: 'false', oninput: (event: Event) => onInput((event.target as HTMLInputElement).value) }));
  const set = (record: Record<string, unknown>, key: string, value: string) => {
    if (value.trim() === '') delete record[key];
    else record[key] = value.trim();
  };
  const sub = (key: string): Record<string, unknown> => {
    const existing = facts[key];
    if (existing && typeof existing === 'object' && !Array.isArray(existing)) return existing as Record<string, unknown>;
    const created: Record<string, unknown> = {};
    facts[key] = created;
    return created;
  };
  const prune = (key: string) => {
    const value = facts[key];
    if (value && typeof value === 'object' && Object.keys(value).length === 0) delete facts[key];
  };

  function listPart(name: ListName): HTMLElement {
    const rows = (Array.isArray(facts[name]) ? facts[name] : []) as Row[];
    const columns = LISTS[name];
    return h('fieldset', { class: 'list' },
      h('legend', {}, t(`case.${name}` as MessageKey)),
      h('div', { class: 'table-wrap' }, h('table', {},
        h('thead', {}, h('tr', {}, ...columns.map((column) => h('th', { scope: 'col' }, t(`case.field.${column}` as MessageKey))), h('th', {}, h('span', { class: 'visually-hidden' }, t('case.actions'))))),
        h('tbody', {}, ...rows.map((row, index) => h('tr', {},
          ...columns.map((column) => h('td', {}, h('input', {
            type: 'text', value: row[column] ?? '', spellcheck: 'false', name: `${name}-${index}-${column}`,
            'aria-label': t('case.cellLabel', { list: t(`case.${name}.one` as MessageKey), number: index + 1, field: t(`case.field.${column}` as MessageKey) }),
            oninput: (event: Event) => set(row, column, (event.target as HTMLInputElement).value),
          }))),
          h('td', {}, h('button', { type: 'button', class: 'small', onclick: () => { rows.splice(index, 1); if (rows.length === 0) delete facts[name]; draw(); } }, t('case.remove', { what: t(`case.${name}.one` as MessageKey), number: index + 1 })))))))),
      h('button', { type: 'button', class: 'small', onclick: () => { facts[name] = [...rows, {}]; draw(); } }, t('case.add', { what: t(`case.${name}.one` as MessageKey) })));
  }

  function formPart(): HTMLElement {
    const charges = (facts['charges'] ?? {}) as Record<string, unknown>;
    const claim = (facts['claim'] ?? {}) as Record<string, unknown>;
    return h('div', {},
      h('div', { class: 'fields' },
        text(t('case.field.period'), `${prefix}-period`, facts['period'], (value) => set(facts, 'period', value), 'YYYY-MM'),
        text(t('case.field.amount'), `${prefix}-amount`, charges['amount'], (value) => { set(sub('charges'), 'amount', value); prune('charges'); }, '480.00'),
        text(t('case.field.currency'), `${prefix}-currency`, charges['currency'], (value) => { set(sub('charges'), 'currency', value); prune('charges'); }, 'USD'),
        text(t('case.field.claim'), `${prefix}-claim`, claim['filedAt'], (value) => { set(sub('claim'), 'filedAt', value); prune('claim'); }, 'YYYY-MM-DDThh:mm:ssZ'),
        text(t('case.field.asOf'), `${prefix}-asof`, facts['asOf'], (value) => set(facts, 'asOf', value), 'YYYY-MM-DDThh:mm:ssZ')),
      listPart('incidents'), listPart('maintenance'), listPart('tickets'),
      facts['account'] !== undefined ? h('p', { class: 'muted' }, t('case.accountInJson')) : null);
  }

  function jsonPart(): HTMLElement {
    const area = h('textarea', { id: `${prefix}-json`, rows: 18, spellcheck: 'false', class: 'code' });
    area.value = JSON.stringify(facts, null, 2);
    const message = h('p', { class: 'field-error', role: 'alert' });
    const apply = () => {
      try {
        const parsed: unknown = JSON.parse(area.value);
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(t('case.jsonNotObject'));
        facts = parsed as Record<string, unknown>;
        switchTo(false);
      } catch (error) {
        message.textContent = t('case.jsonInvalid', { message: (error as Error).message });
      }
    };
    return h('div', {}, h('label', { for: `${prefix}-json` }, t('case.jsonLabel')), area, message, h('button', { type: 'button', onclick: apply }, t('case.applyJson')));
  }

  function draw(): void {
    formTab.setAttribute('aria-pressed', String(!showJson));
    jsonTab.setAttribute('aria-pressed', String(showJson));
    fill(body, showJson ? jsonPart() : formPart());
  }

  function switchTo(json: boolean): void {
    showJson = json;
    draw();
  }

  draw();
  return {
    element,
    facts: () => {
      if (showJson) {
        const area = body.querySelector('textarea');
        try {
          if (area) facts = JSON.parse(area.value) as Record<string, unknown>;
        } catch {
          // The JSON view's own message explains; the last good facts are sent.
        }
      }
      return structuredClone(facts) as RequestFacts;
    },
    setFacts: (next) => {
      facts = structuredClone(next) as Record<string, unknown>;
      draw();
    },
  };
}
