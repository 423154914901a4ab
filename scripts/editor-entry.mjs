// The parts of CodeMirror 6 the page's source view uses, bundled once into
// www/vendor/codemirror.js by scripts/vendor-editor.sh (the page itself has no bundler
// and no import map, which its CSP would forbid as an inline script). No language, no
// default keymap (it pulls in @codemirror/language): plain text, the browser's own
// editing keys, CodeMirror's undo history.
export { EditorState, EditorSelection, StateField, StateEffect, Prec } from '@codemirror/state';
export { EditorView, Decoration, keymap, lineNumbers, hoverTooltip, drawSelection, highlightSpecialChars, placeholder } from '@codemirror/view';
export { history, historyKeymap, undo, redo } from '@codemirror/commands';
