// The source view: the report's text in a CodeMirror 6 editor (www/vendor/codemirror.js),
// with line numbers, every finding marked in the text (its message on hover), and exact
// scrolling to a finding's span — for any length of prose and wrapped lines, and for large
// texts, which CodeMirror renders only where they are visible. Offsets are UTF-16 code
// units, as the wasm report's spans are; the document's lines are joined by "\n", so
// the text checked is always `text()` exactly.
import {
  Decoration,
  drawSelection,
  EditorSelection,
  EditorState,
  EditorView,
  highlightSpecialChars,
  history,
  historyKeymap,
  hoverTooltip,
  keymap,
  lineNumbers,
  placeholder,
  StateEffect,
  StateField,
} from '../vendor/codemirror.js';
import { el } from './dom.js';

const setMarks = StateEffect.define();
const setActive = StateEffect.define();

/** Marks `[{ from, to, severity, message }]` as decorations, kept in place while typing. */
const marksField = StateField.define({
  create: () => ({ list: [], deco: Decoration.none, active: Decoration.none }),
  update(value, tr) {
    let { list, deco, active } = value;
    if (tr.docChanged) {
      deco = deco.map(tr.changes);
      active = active.map(tr.changes);
      list = list
        .map((m) => ({ ...m, from: tr.changes.mapPos(m.from, 1), to: tr.changes.mapPos(m.to, -1) }))
        .filter((m) => m.to > m.from);
    }
    for (const e of tr.effects) {
      if (e.is(setMarks)) {
        const len = tr.state.doc.length;
        list = e.value
          .map((m) => ({ ...m, from: Math.max(0, Math.min(m.from, len)), to: Math.max(0, Math.min(m.to, len)) }))
          .filter((m) => m.to > m.from)
          .sort((a, b) => a.from - b.from || a.to - b.to);
        deco = Decoration.set(list.map((m) => Decoration.mark({ class: `nb-mark nb-${m.severity}` }).range(m.from, m.to)));
        active = Decoration.none;
      } else if (e.is(setActive)) {
        const { from, to } = e.value ?? {};
        active = e.value && to > from ? Decoration.set([Decoration.mark({ class: 'nb-active' }).range(from, to)]) : Decoration.none;
      }
    }
    return { list, deco, active };
  },
  provide: (f) => [EditorView.decorations.from(f, (v) => v.deco), EditorView.decorations.from(f, (v) => v.active)],
});

/** The messages of the marks under the pointer, as a tooltip (text only). */
const markHover = hoverTooltip((view, pos) => {
  const hits = view.state.field(marksField).list.filter((m) => m.from <= pos && pos <= m.to);
  if (!hits.length) return null;
  return {
    pos: Math.min(...hits.map((m) => m.from)),
    end: Math.max(...hits.map((m) => m.to)),
    above: true,
    create: () => ({ dom: el('div', { class: 'nb-tip' }, ...hits.map((m) => el('p', { class: `nb-${m.severity}`, text: m.message }))) }),
  };
});

/** The view's look (inside its shadow root, where the page's stylesheet does not reach). */
const theme = EditorView.theme({
  '&': { height: '100%', backgroundColor: '#fff', color: '#1f2933' },
  '&.cm-focused': { outline: '3px solid #0b57d0', outlineOffset: '-3px' },
  '.cm-scroller': { fontFamily: 'ui-monospace, "SFMono-Regular", Menlo, Consolas, "WenQuanYi Micro Hei Mono", "Noto Sans Mono CJK SC", monospace', fontSize: '14px', lineHeight: '1.6' },
  '.cm-content': { padding: '6px 0' },
  '.cm-gutters': { backgroundColor: '#f5f7f9', color: '#5b6570', borderRight: '1px solid #d5dae0' },
  '.cm-placeholder': { color: '#5b6570', whiteSpace: 'pre-wrap' },
  '.nb-mark': { borderBottom: '2px solid #5f6b76' },
  '.nb-mark.nb-error': { backgroundColor: '#fdecea', borderBottomColor: '#b3261e' },
  '.nb-mark.nb-warning': { backgroundColor: '#fff5e0', borderBottom: '2px dashed #d98e04' },
  '.nb-active, .nb-active .nb-mark': { backgroundColor: '#fff3b0', outline: '2px solid #1f5fa8' },
  '.cm-tooltip': { border: '1px solid #d5dae0', backgroundColor: '#fff', borderRadius: '4px', boxShadow: '0 2px 8px rgba(0,0,0,.15)' },
  '.nb-tip': { maxWidth: '28rem', padding: '4px 8px', fontSize: '13px', lineHeight: '1.5' },
  '.nb-tip p': { margin: '2px 0' },
  '.nb-tip .nb-error': { color: '#b3261e' },
  '.nb-tip .nb-warning': { color: '#8a5a00' },
});

/**
 * A source view in `parent` (in a shadow root attached to it). `options`: `label` (accessible name), `placeholder`,
 * `readOnly`, `onChange(text, how)` where how is 'paste' | 'drop' | 'type' | 'set',
 * `onPaste(event, view)` (return true when it handled the paste itself). Returns
 * `{ view, text(), setText(text), select(start, end, focus), mark(list), focus(), length }`;
 * `onChange` and `onPaste` may also be set on it later.
 */
export function createSourceView(parent, { label = '', placeholder: hint = '', readOnly = false, onChange, onPaste } = {}) {
  let how = 'type';
  let quiet = false;
  let api;
  const extensions = [
    lineNumbers(),
    highlightSpecialChars(),
    drawSelection(),
    history(),
    keymap.of(historyKeymap),
    EditorView.lineWrapping,
    marksField,
    markHover,
    EditorView.contentAttributes.of({ 'aria-label': label, 'aria-multiline': 'true', spellcheck: 'false', autocorrect: 'off', autocapitalize: 'off' }),
    EditorView.domEventHandlers({
      paste: (e, view) => {
        how = 'paste';
        return api.onPaste ? api.onPaste(e, view) === true : false;
      },
      drop: () => {
        how = 'drop';
        return false;
      },
    }),
    EditorView.updateListener.of((u) => {
      if (!u.docChanged || quiet) return;
      const kind = u.transactions.some((t) => t.isUserEvent('input.paste')) ? 'paste' : u.transactions.some((t) => t.isUserEvent('input.drop')) ? 'drop' : how === 'paste' ? 'paste' : 'type';
      how = 'type';
      api.onChange?.(u.state.doc.toString(), kind);
    }),
  ];
  if (hint) extensions.push(placeholder(hint));
  if (readOnly) extensions.push(EditorState.readOnly.of(true));
  extensions.push(theme);
  // In a shadow root of its own: there CodeMirror's styles go into a constructed
  // stylesheet (adoptedStyleSheets), which the page's CSP (style-src 'self') allows; in
  // the document itself it would add a <style> element, which the CSP blocks.
  const root = parent.shadowRoot ?? parent.attachShadow({ mode: 'open' });
  const view = new EditorView({ state: EditorState.create({ doc: '', extensions }), parent: root, root });

  api = {
    view,
    onChange,
    onPaste,
    get length() {
      return view.state.doc.length;
    },
    /** The whole text, lines joined by "\n". */
    text: () => view.state.doc.toString(),
    /**
     * Replace the text. `userEvent` (e.g. 'input.paste') keeps it undoable as an edit;
     * `notify` calls onChange with how = 'set'.
     */
    setText(text, { notify = false, userEvent = 'input.replace' } = {}) {
      quiet = !notify;
      try {
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, selection: EditorSelection.cursor(0), userEvent, effects: setMarks.of([]), scrollIntoView: true });
      } finally {
        quiet = false;
        how = 'type';
      }
      if (notify) api.onChange?.(view.state.doc.toString(), 'set');
    },
    /** Select [start, end), mark it as the current finding's text and scroll it to the middle of the view. */
    select(start, end, focus = false) {
      const len = view.state.doc.length;
      const from = Math.max(0, Math.min(start, len));
      const to = Math.max(from, Math.min(end, len));
      view.dispatch({
        selection: EditorSelection.range(from, to),
        effects: [setActive.of({ from, to }), EditorView.scrollIntoView(EditorSelection.range(from, to), { y: 'center' })],
      });
      if (focus) view.focus();
    },
    /** Show `[{ from, to, severity, message }]` as marks (replacing the earlier ones). */
    mark(list) {
      view.dispatch({ effects: setMarks.of(list) });
    },
    focus: () => view.focus(),
  };
  return api;
}
