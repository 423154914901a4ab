// The page's input: the source view (js/source.js) for pasted or typed text, the
// clipboard's HTML when a web table is pasted, files (选择文件, or dropped anywhere on the
// page), the sample, the local draft and 清空 with undo. It says what it read in the
// status line and hands the text (or a file's bytes) to the entry module, which checks
// it in the worker.
import { input_too_large } from '../pkg/nianbao.js';
import { checkedFromBytes } from './readers.js';
import { el } from './dom.js';

/** Files the checker reads: .txt, .html, .htm, or any text/* type. */
export function acceptsFile(file) {
  // Every file is offered to the core: its one sniffing rule reads text, HTML, Word and
  // PDF, and says in Chinese what any other file is and what to do.
  return file.size >= 0;
}

/** The UTF-8 size of `text` in bytes (what the core's input limit counts). */
export function utf8Length(text) {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00) {
      n += 2; // a surrogate pair: 2 units, 4 bytes
      i++;
    } else if (c >= 0x800) n += 2;
    else if (c >= 0x80) n += 1;
  }
  return n;
}

/**
 * The core's Chinese message when `text` (a string) or `size` (bytes) is over the input
 * limit, else undefined. Cheap for ordinary input: the exact UTF-8 size is only counted
 * when the text could be over the limit.
 */
export function tooLarge({ text, size }) {
  if (size === undefined) {
    if (text.length * 3 <= 20 << 20) return undefined;
    size = text.length > 20 << 20 ? text.length : utf8Length(text);
  }
  return input_too_large(size);
}

/**
 * Check a file's bytes on this thread (UTF-8, UTF-16, GBK/GB18030; text or HTML).
 * Resolves to `{ checked, note }` (note: what was read, for the status line) or rejects
 * with an Error whose message is a Chinese sentence naming the file. (The page itself
 * checks files in its worker; this stays for pages that draw straight away.)
 */
export async function checkFile(file) {
  if (!acceptsFile(file)) throw new Error(`「${file.name}」不是 .txt / .html / .docx / .pdf 文件，请另存后再试。`);
  const big = tooLarge({ size: file.size });
  if (big) throw new Error(`「${file.name}」：${big}`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  let checked;
  try {
    checked = await checkedFromBytes(bytes);
  } catch (e) {
    throw new Error(`「${file.name}」：${e?.message ?? e}`);
  }
  return { checked, note: `已读取文件「${file.name}」（${sizeWord(bytes.length)}）。` };
}

export const sizeWord = (n) => (n < 1024 ? `${n} 字节` : n < 1 << 20 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1048576).toFixed(1)} MB`);

/** Select [start, end) (UTF-16 units) in a textarea and scroll it into the middle of its view. */
export function selectSource(ta, start, end, focus = false) {
  if (focus) ta.focus({ preventScroll: true });
  ta.setSelectionRange(start, end);
  // Measure where the span's line starts with a mirror of the textarea (wrapped lines
  // included): a copy with the same width and font, holding the text up to the span.
  const cs = getComputedStyle(ta);
  const mirror = el('div', { 'aria-hidden': 'true' });
  for (const p of ['font', 'lineHeight', 'letterSpacing', 'padding', 'border', 'boxSizing', 'tabSize', 'whiteSpace', 'overflowWrap', 'wordBreak']) mirror.style[p] = cs[p];
  mirror.style.position = 'absolute';
  mirror.style.visibility = 'hidden';
  mirror.style.whiteSpace = 'pre-wrap';
  mirror.style.width = `${ta.clientWidth}px`;
  mirror.textContent = ta.value.slice(0, start);
  const marker = el('span', { text: ta.value.slice(start, end) || '.' });
  mirror.append(marker);
  document.body.append(mirror);
  const top = marker.offsetTop;
  mirror.remove();
  ta.scrollTop = Math.max(0, top - ta.clientHeight / 2);
}

const DRAFT_KEY = 'nianbao:draft';
/** Longer texts are not kept as drafts: over the browser's storage quota anyway, and a
 * synchronous write that long would pause the page. Leaving with such a text asks first. */
const DRAFT_MAX_CHARS = 2_000_000;

/** The draft kept in this browser: `{ text, mode, html, at }` or null. */
function readDraft() {
  try {
    const d = JSON.parse(localStorage.getItem(DRAFT_KEY) ?? 'null');
    return d && typeof d.text === 'string' && d.text.trim() ? d : null;
  } catch {
    return null;
  }
}

/**
 * Wire the page's input elements `els` = { editor (a source view of js/source.js),
 * htmlBox, htmlSource, status, run, usePlain, clear, sample, pick, file, draftBar,
 * draftRestore, draftDiscard, draftInfo } (files dropped anywhere on the page are read;
 * the root element has the class `dragging` meanwhile) to `on` = { run() (check now),
 * schedule() (check soon), reset() (no
 * input: clear the results), reject(message) (input refused: clear the results, say
 * why), file(file, setText) (check a file's bytes, call setText(decoded text) before
 * showing the results; rejects with a Chinese message), batch(source) (optional:
 * several files or a folder, a FileList array or the drop's DataTransfer; returns true
 * when it takes them) }. Returns what the entry module asks
 * of the input.
 */
export function wireInput(els, on) {
  const { editor, htmlBox, htmlSource, status } = els;
  let mode = 'text'; // what a check reads: the text, or the clipboard's HTML
  let pastedHtml = '';
  let cleared = null; // what 清空 removed, until the next edit: { text, mode, html }
  let dirty = false; // typed or pasted text not from a file or the sample
  let draftTimer = 0;
  let draftOk = true;

  const say = (text, error = false, ...extra) => {
    status.className = error ? 'input-status error' : 'input-status';
    status.replaceChildren(text, ...extra);
  };

  function useText() {
    mode = 'text';
    pastedHtml = '';
    htmlBox.hidden = true;
    htmlSource.value = '';
  }

  // --- the draft ---------------------------------------------------------------------
  function saveDraft() {
    clearTimeout(draftTimer);
    draftTimer = 0;
    const text = editor.text();
    try {
      if (text.length > DRAFT_MAX_CHARS) {
        localStorage.removeItem(DRAFT_KEY); // an older, shorter draft is not this text
        draftOk = false;
        return;
      }
      if (!text.trim()) localStorage.removeItem(DRAFT_KEY);
      else localStorage.setItem(DRAFT_KEY, JSON.stringify({ text, mode, html: mode === 'html' ? pastedHtml : '', at: Date.now() }));
      draftOk = true;
    } catch {
      draftOk = false; // over the browser's quota: the text is kept only in the page
    }
  }
  const keepDraft = () => {
    clearTimeout(draftTimer);
    draftTimer = setTimeout(saveDraft, 400);
  };
  const draft = readDraft();
  function hideDraftBar() {
    els.draftBar.hidden = true;
  }
  if (draft && els.draftBar) {
    const at = new Date(draft.at);
    els.draftInfo.textContent = `上次未清空的报告（${draft.text.length.toLocaleString('zh-CN')} 字，${at.toLocaleString('zh-CN', { hour12: false })}）保存在本机浏览器中。`;
    els.draftBar.hidden = false;
    els.draftRestore.addEventListener('click', () => {
      hideDraftBar();
      editor.setText(draft.text);
      if (draft.mode === 'html' && draft.html) setHtml(draft.html);
      else useText();
      dirty = true;
      say('已恢复上次的草稿。');
      on.run();
    });
    els.draftDiscard.addEventListener('click', () => {
      hideDraftBar();
      if (!editor.text().trim()) localStorage.removeItem(DRAFT_KEY);
      say('已丢弃上次的草稿。');
      editor.focus();
    });
  }
  // A draft not yet restored is not overwritten until the clerk writes something new.
  const draftPending = () => els.draftBar && !els.draftBar.hidden;

  function setHtml(html) {
    mode = 'html';
    pastedHtml = html;
    htmlSource.value = html;
    htmlBox.hidden = false;
  }

  // --- paste, typing -----------------------------------------------------------------
  editor.onPaste = (e) => {
    const dt = e.clipboardData;
    if (!dt) return false;
    const plain = dt.getData('text/plain');
    const html = dt.getData('text/html');
    const big = tooLarge({ text: plain }) ?? (html ? tooLarge({ text: html }) : undefined);
    if (big) {
      e.preventDefault();
      say(big, true);
      return true;
    }
    const { from, to } = editor.view.state.selection.main;
    const replacesAll = editor.length === 0 || (from === 0 && to === editor.length);
    if (html && /<table[\s>]/i.test(html) && replacesAll) {
      // A copied web table: check its HTML so rows and columns keep their structure; the
      // view shows the plain text as pasted, the HTML stays viewable below it.
      e.preventDefault();
      const text = plain || new DOMParser().parseFromString(html, 'text/html').body.textContent || '';
      editor.setText(text, { userEvent: 'input.paste' });
      setHtml(html);
      afterEdit();
      say('已按粘贴内容中的网页表格结构检查。');
      on.run();
      return true;
    }
    return false;
  };

  function afterEdit() {
    dirty = true;
    cleared = null;
    if (draftPending()) hideDraftBar();
    keepDraft();
  }

  editor.onChange = (text, how) => {
    if (mode === 'html') useText();
    afterEdit();
    say('');
    if (how === 'paste' || how === 'drop') on.run();
    else on.schedule();
  };

  els.run.addEventListener('click', () => on.run());
  els.usePlain.addEventListener('click', () => {
    useText();
    keepDraft();
    on.run();
  });

  // --- 清空 and its undo ---------------------------------------------------------------
  els.clear.addEventListener('click', () => {
    const text = editor.text();
    if (text) cleared = { text, mode, html: pastedHtml };
    useText();
    editor.setText('', { userEvent: 'delete' });
    dirty = false;
    saveDraft();
    on.reset();
    if (cleared) {
      const undo = el('button', { type: 'button', class: 'link', id: 'undo-clear', text: '撤销清空' });
      undo.addEventListener('click', () => {
        const c = cleared;
        if (!c) return;
        cleared = null;
        editor.setText(c.text, { userEvent: 'input' });
        if (c.mode === 'html' && c.html) setHtml(c.html);
        dirty = true;
        saveDraft();
        say('已恢复清空前的内容。');
        on.run();
      });
      say('已清空。', false, ' ', undo);
    } else say('');
    editor.focus();
  });

  els.sample.addEventListener('click', async () => {
    try {
      const res = await fetch('sample-2021.txt');
      if (!res.ok) throw new Error(String(res.status));
      const text = await res.text();
      useText();
      editor.setText(text);
      dirty = false;
      cleared = null;
      if (draftPending()) hideDraftBar();
      saveDraft();
      say('已载入示例报告（虚构，表中有意留有错误）。');
      on.run();
    } catch {
      say('示例报告载入失败。', true);
    }
  });

  // --- files: 选择文件, or dropped anywhere on the page -----------------------------------
  async function readFile(file, extra = '') {
    const refuse = (message) => {
      say(message, true);
      on.reject?.(message);
    };
    if (!acceptsFile(file)) return refuse(`「${file.name}」不是 .txt / .html / .docx / .pdf 文件，请另存后再试。`);
    const big = tooLarge({ size: file.size });
    if (big) return refuse(`「${file.name}」：${big}`);
    say(`正在读取「${file.name}」…`);
    try {
      await on.file(file, (text) => {
        useText();
        editor.setText(text);
        dirty = false;
        cleared = null;
        if (draftPending()) hideDraftBar();
        saveDraft();
      });
      say(`已读取文件「${file.name}」（${sizeWord(file.size)}）。${extra}`);
    } catch (e) {
      if (!e?.died) say(`「${file.name}」：${e?.message ?? e}`, true);
    }
  }

  els.pick.addEventListener('click', () => els.file.click());
  els.file.addEventListener('change', () => {
    const files = [...(els.file.files ?? [])];
    els.file.value = '';
    if (on.batch?.(files)) return; // batch: several files picked → the batch view
    if (files[0]) readFile(files[0]);
  });

  // Files dragged over any part of the page are taken as input; the browser must never
  // open one in place of the page (which would lose the text). Capture phase: the editor
  // would otherwise insert a dropped file's text at the drop point.
  const hasFiles = (e) => [...(e.dataTransfer?.types ?? [])].includes('Files');
  let depth = 0;
  const over = (on) => document.documentElement.classList.toggle('dragging', on);
  window.addEventListener(
    'dragenter',
    (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      over(true);
    },
    true,
  );
  window.addEventListener(
    'dragover',
    (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.stopPropagation();
      e.dataTransfer.dropEffect = 'copy';
      over(true);
    },
    true,
  );
  window.addEventListener(
    'dragleave',
    (e) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (!depth) over(false);
    },
    true,
  );
  window.addEventListener(
    'drop',
    (e) => {
      depth = 0;
      over(false);
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.stopPropagation();
      const files = e.dataTransfer.files;
      if (on.batch?.(e.dataTransfer)) return; // batch: several files or a folder dropped → the batch view
      if (files?.length) readFile(files[0], files.length > 1 ? ' 一次只检查一个文件，已读取第一个。' : '');
    },
    true,
  );

  // Leaving with typed or pasted text asks first (the draft is a safety net, not a save).
  window.addEventListener('beforeunload', (e) => {
    if (draftTimer) saveDraft();
    if (dirty && editor.text().trim()) {
      e.preventDefault();
      e.returnValue = '';
    }
  });
  window.addEventListener('pagehide', () => {
    if (draftTimer) saveDraft();
  });

  return {
    /** The text the next check reads, and how ('text' | 'html'). */
    current: () => ({ text: mode === 'html' ? pastedHtml : editor.text(), mode }),
    /** Replace the input with plain text (tests, the benchmark). */
    setText(text) {
      useText();
      editor.setText(text);
      afterEdit();
    },
    /** Select [start, end) in the text a report of `readMode` was read from. */
    select(readMode, start, end, focus) {
      if (readMode === 'html') {
        htmlBox.open = true;
        selectSource(htmlSource, start, end, focus);
      } else editor.select(start, end, focus);
    },
    /** Keep the draft now (tests). */
    saveDraft,
    say,
    get draftSaved() {
      return draftOk;
    },
  };
}
