// The page's input: a textarea for pasted or typed text, the clipboard's HTML when a web
// table is pasted, files (选择文件, drop) and the sample. It says what it read in the status
// line and hands the text (or a file's `Checked`) to the entry module.
import { Checked } from '../pkg/nianbao.js';

/** Files the checker reads: .txt, .html, .htm, or any text/* type. */
export function acceptsFile(file) {
  return /\.(txt|html?|)$/i.test(file.name) || /^text\//.test(file.type);
}

/**
 * Check a file's bytes (UTF-8, UTF-16, GBK/GB18030; text or HTML). Resolves to
 * `{ checked, note }` (note: what was read, for the status line) or rejects with an Error
 * whose message is a Chinese sentence naming the file.
 */
export async function checkFile(file) {
  if (!acceptsFile(file)) throw new Error(`「${file.name}」不是 .txt / .html 文件，请另存为网页或纯文本后再试。`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  let checked;
  try {
    checked = Checked.from_bytes(bytes);
  } catch (e) {
    throw new Error(`「${file.name}」：${e?.message ?? e}`);
  }
  const kb = bytes.length < 1024 ? `${bytes.length} 字节` : `${(bytes.length / 1024).toFixed(1)} KB`;
  return { checked, note: `已读取文件「${file.name}」（${kb}）。` };
}

/** Select [start, end) (UTF-16 units) in a textarea and scroll it into view. */
export function selectSource(ta, start, end, focus = false) {
  if (focus) ta.focus({ preventScroll: true });
  ta.setSelectionRange(start, end);
  const line = ta.value.slice(0, start).split('\n').length - 1;
  const lh = parseFloat(getComputedStyle(ta).lineHeight) || 22;
  ta.scrollTop = Math.max(0, line * lh - ta.clientHeight / 3);
}

/**
 * Wire the page's input elements `els` = { source, htmlBox, htmlSource, status, run,
 * usePlain, clear, sample, pick, file, drop } to `on` = { run() (check now), schedule()
 * (check soon), reset() (no input: clear the results), show(checked, mode) (a file was
 * checked), batch(source) (optional: several files or a folder, a FileList array or the
 * drop's DataTransfer; returns true when it takes them) }. Returns what the entry module asks of the input.
 */
export function wireInput(els, on) {
  const { source, htmlBox, htmlSource, status } = els;
  let mode = 'text'; // what a check reads: the textarea, or the clipboard's HTML
  let pastedHtml = '';
  let suppressInput = false;

  const say = (text, error = false) => {
    status.className = error ? 'input-status error' : 'input-status';
    status.textContent = text;
  };

  function useText() {
    mode = 'text';
    pastedHtml = '';
    htmlBox.hidden = true;
    htmlSource.value = '';
  }

  function insertPlain(text) {
    suppressInput = true;
    try {
      source.focus();
      // execCommand keeps the browser's undo history; setRangeText is the fallback.
      if (!document.execCommand('insertText', false, text)) {
        source.setRangeText(text, source.selectionStart, source.selectionEnd, 'end');
      }
    } finally {
      suppressInput = false;
    }
  }

  source.addEventListener('paste', (e) => {
    const dt = e.clipboardData;
    if (!dt) return;
    const html = dt.getData('text/html');
    const plain = dt.getData('text/plain');
    const replacesAll = source.selectionStart === 0 && source.selectionEnd === source.value.length;
    if (html && /<table[\s>]/i.test(html) && replacesAll) {
      // A copied web table: check its HTML so rows and columns keep their structure; the
      // textarea shows the plain text as pasted, the HTML stays viewable below it.
      e.preventDefault();
      const text = plain || new DOMParser().parseFromString(html, 'text/html').body.textContent || '';
      insertPlain(text);
      mode = 'html';
      pastedHtml = html;
      htmlSource.value = html;
      htmlBox.hidden = false;
      say('已按粘贴内容中的网页表格结构检查。');
      on.run();
    }
  });

  source.addEventListener('input', (e) => {
    if (suppressInput) return;
    if (mode === 'html') useText();
    status.textContent = '';
    if (e.inputType === 'insertFromPaste' || e.inputType === 'insertFromDrop') on.run();
    else on.schedule();
  });

  els.run.addEventListener('click', () => on.run());
  els.usePlain.addEventListener('click', () => {
    useText();
    on.run();
  });
  els.clear.addEventListener('click', () => {
    useText();
    source.value = '';
    status.textContent = '';
    on.reset();
    source.focus();
  });
  els.sample.addEventListener('click', async () => {
    try {
      const res = await fetch('sample-2021.txt');
      if (!res.ok) throw new Error(String(res.status));
      useText();
      source.value = await res.text();
      say('已载入示例报告（虚构，表中有意留有错误）。');
      on.run();
    } catch {
      say('示例报告载入失败。', true);
    }
  });

  async function readFile(file, extra = '') {
    let out;
    try {
      out = await checkFile(file);
    } catch (e) {
      say(e.message, true);
      return;
    }
    useText();
    source.value = out.checked.text;
    say(out.note + extra);
    on.show(out.checked, 'text');
  }

  els.pick.addEventListener('click', () => els.file.click());
  els.file.addEventListener('change', () => {
    const files = [...(els.file.files ?? [])];
    els.file.value = '';
    if (on.batch?.(files)) return; // batch: several files picked → the batch view
    if (files[0]) readFile(files[0]);
  });

  const { drop } = els;
  const hasFiles = (e) => [...(e.dataTransfer?.types ?? [])].includes('Files');
  drop.addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    drop.classList.remove('over');
    const files = e.dataTransfer?.files;
    if (!files?.length) return;
    e.preventDefault();
    if (on.batch?.(e.dataTransfer)) return; // batch: several files or a folder dropped → the batch view
    readFile(files[0], files.length > 1 ? ' 一次只检查一个文件，已读取第一个。' : '');
  });

  return {
    /** The text the next check reads, and how ('text' | 'html'). */
    current: () => ({ text: mode === 'html' ? pastedHtml : source.value, mode }),
    /** Replace the input with plain text (tests, the benchmark). */
    setText(text) {
      useText();
      source.value = text;
    },
    /** Select [start, end) in the text a report of `readMode` was read from. */
    select(readMode, start, end, focus) {
      const ta = readMode === 'html' ? htmlSource : source;
      if (ta === htmlSource) htmlBox.open = true;
      selectSource(ta, start, end, focus);
    },
  };
}
