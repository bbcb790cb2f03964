import { getJson, postJson } from '../api.js';
import { fill, h } from '../dom.js';
import { t } from '../i18n.js';
import type { Comparison, Diagnostic, PolicyList, Validation, VersionSource } from '../types.js';
import { caseRunner } from './case-runner.js';
import { loading, problemBox } from './common.js';
import { policyEditor } from './editor.js';
import type { PolicyEditor } from './editor.js';

/** Wait this long after the last keystroke before asking the server to check the draft. */
const CHECK_AFTER_MS = 350;

const show = (value: unknown): string => (value === undefined ? '—' : JSON.stringify(value));

function problemsList(diagnostics: readonly Diagnostic[], editor: PolicyEditor): HTMLElement {
  return h('ul', { class: 'diagnostics' }, ...diagnostics.map((diagnostic) => h('li', { 'data-line': diagnostic.line },
    h('button', { type: 'button', class: 'link', onclick: () => editor.goTo(diagnostic.line, diagnostic.col) }, t('draft.at', { line: diagnostic.line, col: diagnostic.col })),
    ' ', h('code', {}, diagnostic.code), ' ', diagnostic.message)));
}

function differenceTable(caption: string, left: string, right: string, differences: Comparison['terms']): HTMLElement {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'diff' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('draft.path')), h('th', { scope: 'col' }, left), h('th', { scope: 'col' }, right))),
    h('tbody', {}, ...differences.map((difference) => h('tr', {}, h('th', { scope: 'row' }, h('code', {}, difference.path.replace(/^\$\.?/, ''))), h('td', { class: 'before' }, show(difference.before)), h('td', { class: 'after' }, show(difference.after)))))));
}

function comparisonView(comparison: Comparison): HTMLElement {
  const loaded = t('draft.loaded', { version: comparison.against.version });
  return h('div', {},
    comparison.terms.length === 0 ? h('p', {}, t('draft.noTermChanges')) : differenceTable(t('draft.termsCaption'), loaded, t('draft.draft'), comparison.terms),
    h('h3', {}, t('draft.casesHeading', { changed: comparison.changed.length, total: comparison.casesRun })),
    ...comparison.changed.map((changed) => h('section', { class: 'changed-case' },
      h('h4', {}, changed.name, ' ', h('span', { class: 'muted' }, `${changed.file}:${changed.line}`)),
      differenceTable(t('draft.caseCaption', { name: changed.name }), loaded, t('draft.draft'), changed.differences))),
    comparison.caseProblems.length > 0 ? h('ul', { class: 'problem' }, ...comparison.caseProblems.map((problem) => h('li', {}, problem.text))) : null);
}

/** Where a check of the draft shows what it found. */
interface CheckOutputs {
  readonly status: HTMLElement;
  readonly problems: HTMLElement;
  readonly comparison: HTMLElement;
}

/**
 * Checks the draft a moment after each change: POST /v1/policies/validate, its
 * problems inline, then the comparison with the chosen loaded version. A newer
 * check makes an older answer moot.
 */
function liveCheck(editor: () => PolicyEditor, against: () => string, outputs: CheckOutputs): () => void {
  const { status, problems, comparison } = outputs;
  let turn = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = async () => {
    const mine = ++turn;
    const text = editor().text();
    const checked = await postJson<Validation>('/v1/policies/validate', { text });
    if (mine !== turn) return;
    if (!checked.ok) return fill(problems, problemBox(checked));
    const { valid, diagnostics, policy } = checked.body;
    editor().showProblems(diagnostics);
    status.className = `draft-status ${valid ? 'valid' : 'invalid'}`;
    status.textContent = valid && policy ? t('draft.valid', { id: policy.id, version: policy.version, status: policy.status }) : t('draft.invalid', { count: diagnostics.length });
    fill(problems, diagnostics.length > 0 ? problemsList(diagnostics, editor()) : null);
    if (!valid) return fill(comparison, h('p', { class: 'muted' }, t('draft.fixFirst')));
    const [id = '', version = ''] = against().split('/');
    fill(comparison, h('p', { class: 'muted' }, t('draft.comparing')));
    const compared = await postJson<Comparison>('/studio/api/draft/compare', { text, against: { id, version } });
    if (mine !== turn) return;
    fill(comparison, compared.ok ? comparisonView(compared.body) : problemBox(compared));
  };
  return () => {
    clearTimeout(timer);
    timer = setTimeout(() => void check(), CHECK_AFTER_MS);
  };
}

/** Edit a draft in the browser: checked live by POST /v1/policies/validate, compared with a loaded version, and tried. Nothing is saved. */
export async function draftView(main: HTMLElement, parts: readonly string[]): Promise<void> {
  fill(main, h('h1', {}, t('draft.heading')), loading());
  const answer = await getJson<PolicyList>('/studio/api/policies');
  if (!answer.ok) return fill(main, h('h1', {}, t('draft.heading')), problemBox(answer));
  const versions = answer.body.policies.flatMap((policy) => policy.versions);
  const initial = versions.find((version) => version.id === parts[0] && version.version === parts[1]) ?? versions[versions.length - 1];
  if (!initial) return fill(main, h('h1', {}, t('draft.heading')), h('p', {}, t('policies.none')));
  const key = (version: { id: string; version: string }) => `${version.id}/${version.version}`;
  const options = (selected: string) => versions.map((version) => h('option', { value: key(version), selected: key(version) === selected }, `${version.id} ${version.version}`));
  const startFrom = h('select', { id: 'draft-start' }, ...options(key(initial)));
  const against = h('select', { id: 'draft-against' }, ...options(key(initial)));
  const outputs = { status: h('p', { class: 'draft-status', role: 'status', 'aria-live': 'polite' }), problems: h('div', { class: 'draft-problems' }), comparison: h('div', { class: 'comparison', 'aria-live': 'polite' }) };
  const editorHost = h('div', { class: 'editor', id: 'draft-editor' });
  const schedule = liveCheck(() => editor, () => against.value, outputs);
  const editor = policyEditor(editorHost, t('draft.editorLabel'), schedule);
  const loadStart = async () => {
    const [id = '', version = ''] = startFrom.value.split('/');
    const source = await getJson<VersionSource>(`/studio/api/policies/${encodeURIComponent(id)}/versions/${encodeURIComponent(version)}`);
    if (source.ok) editor.setText(source.body.text);
  };
  startFrom.addEventListener('change', () => void loadStart());
  against.addEventListener('change', schedule);
  await loadStart();

  const runner = await caseRunner({ policyId: initial.id, version: () => undefined, draft: () => ({ text: editor.text() }), idPrefix: 'draft' });
  const field = (select: HTMLSelectElement, label: string) => h('div', { class: 'field' }, h('label', { for: select.id }, label), select);
  const part = (id: string, title: string, ...content: HTMLElement[]) => h('section', { 'aria-labelledby': id }, h('h2', { id }, title), ...content);
  fill(main,
    h('h1', {}, t('draft.heading')),
    h('p', { class: 'lead' }, t('draft.lead')),
    h('div', { class: 'fields' }, field(startFrom, t('draft.startFrom')), field(against, t('draft.against'))),
    h('div', { class: 'draft-layout' },
      part('draft-editor-heading', t('draft.editorHeading'), editorHost, outputs.status, outputs.problems),
      part('draft-compare-heading', t('draft.compareHeading'), outputs.comparison)),
    part('draft-try-heading', t('draft.tryHeading'), runner));
}
