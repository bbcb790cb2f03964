import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import type { Diagnostic as LintDiagnostic } from '@codemirror/lint';
import { EditorState, StateEffect, StateField } from '@codemirror/state';
import type { Text } from '@codemirror/state';
import { Decoration, EditorView } from '@codemirror/view';
import type { DecorationSet } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import type { Diagnostic } from '../types.js';
import { schemaHelp } from './schema-help.js';

const markProblemLines = StateEffect.define<readonly number[]>();

/** Lines with a problem carry a class and their line number, so the mistake shows where it is. */
const problemLines = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(lines, transaction) {
    let next = lines.map(transaction.changes);
    for (const effect of transaction.effects) {
      if (!effect.is(markProblemLines)) continue;
      const doc = transaction.state.doc;
      const marks = [...new Set(effect.value)].filter((line) => line >= 1 && line <= doc.lines).sort((a, b) => a - b);
      next = Decoration.set(marks.map((line) => Decoration.line({ class: 'cm-problem-line', attributes: { 'data-problem-line': String(line) } }).range(doc.line(line).from)));
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

function offsetOf(doc: Text, line: number, col: number): { from: number; to: number } {
  const at = doc.line(Math.min(Math.max(line, 1), doc.lines));
  const from = Math.min(at.from + Math.max(col, 1) - 1, at.to);
  return { from, to: Math.max(at.to, from) };
}

export interface PolicyEditor {
  readonly view: EditorView;
  text(): string;
  setText(text: string): void;
  showProblems(diagnostics: readonly Diagnostic[]): void;
  goTo(line: number, col: number): void;
}

/** A YAML editor (CodeMirror 6) that reports each change and shows the server's diagnostics inline. */
export function policyEditor(parent: HTMLElement, label: string, onChange: () => void): PolicyEditor {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: '',
      extensions: [
        basicSetup,
        yaml(),
        lintGutter(),
        schemaHelp(),
        problemLines,
        EditorView.contentAttributes.of({ 'aria-label': label }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange();
        }),
      ],
    }),
  });
  return {
    view,
    text: () => view.state.doc.toString(),
    setText: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    showProblems: (diagnostics) => {
      const doc = view.state.doc;
      const inline: LintDiagnostic[] = diagnostics.map((diagnostic) => ({ ...offsetOf(doc, diagnostic.line, diagnostic.col), severity: 'error', message: `${diagnostic.code} ${diagnostic.message}`, source: diagnostic.path }));
      view.dispatch(setDiagnostics(view.state, inline), { effects: markProblemLines.of(diagnostics.map((diagnostic) => diagnostic.line)) });
    },
    goTo: (line, col) => {
      const { from } = offsetOf(view.state.doc, line, col);
      view.dispatch({ selection: { anchor: from }, effects: EditorView.scrollIntoView(from, { y: 'center' }) });
      view.focus();
    },
  };
}
