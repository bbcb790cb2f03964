import { h } from '../dom.js';
import { t } from '../i18n.js';

/** The YAML source with line numbers; each line can be pointed at. */
export function sourcePane(file: string, text: string): HTMLElement {
  const lines = text.replace(/\n$/, '').split('\n');
  return h('aside', { class: 'source', 'aria-labelledby': 'source-title' },
    h('h2', { id: 'source-title' }, t('terms.source'), ' ', h('code', {}, file)),
    h('pre', { class: 'source-lines', tabindex: '0', 'aria-label': t('terms.sourceLabel', { file }) },
      ...lines.map((line, index) => h('span', { class: 'source-line', id: `line-${index + 1}`, 'data-line': index + 1 }, h('span', { class: 'ln', 'aria-hidden': 'true' }, String(index + 1)), h('code', {}, line || ' ')))));
}

/** Marks a line of the source pane and scrolls it into view. */
export function showLine(line: number): void {
  document.querySelectorAll('.source-line.current').forEach((element) => element.classList.remove('current'));
  const target = document.getElementById(`line-${line}`);
  if (!target) return;
  target.classList.add('current');
  // Scroll the source itself, and the page only when the source is out of sight (on a phone it is below the terms).
  const pane = target.closest('pre');
  if (pane) pane.scrollTop = target.offsetTop - pane.offsetTop - pane.clientHeight / 2;
  const box = (pane ?? target).getBoundingClientRect();
  if (box.bottom < 0 || box.top > window.innerHeight) target.scrollIntoView({ block: 'center' });
}
