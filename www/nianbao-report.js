// <nianbao-report>: the charts (and, on drafts, the check) of a 政府信息公开工作年度报告,
// embedded in a portal page with one script tag and one element:
//
//   <script type="module" src="/nianbao/nianbao-report.js"></script>
//   <nianbao-report for="#zoom"></nianbao-report>
//
// Everything is drawn in an open shadow root styled by one constructed stylesheet shared by
// every element (no inline <style> or style attribute, so a strict Content-Security-Policy
// needs only `script-src 'self' 'wasm-unsafe-eval'`). The WebAssembly core and the page's
// renderers (js/*.js) are imported lazily, the first time an element comes into view, by one
// module-level promise that every element on the page shares. Nothing is sent anywhere; a
// failure is shown inside the element and never thrown at the host page.
//
// Attributes: for="SELECTOR" (read that element of the host page) | src="URL" (a same-origin
// .html/.htm/.txt/.docx/.pdf file; Word and PDF through the lazily loaded file-reader
// module of js/readers.js) | the element's own content; view="charts" (default) | "check" |
// "full"; lang (default zh-CN). Properties: text (a source set from script), report (the
// last report, spec §6), refresh(). Events: nianbao-checked { report }, nianbao-error
// { message }. The attribute state="loading|ready|empty|error" says where it stands.
// Theming: the --nianbao-* custom properties listed in STYLES below and in the README.

const VIEWS = ['charts', 'check', 'full'];
const DEBOUNCE_MS = 300;

// ---------------------------------------------------------------------------------------
// The core, loaded once per page

let core = null;

/**
 * The wasm module, its schema and the renderers, loaded once for every element. Everything
 * is requested at once: the wasm fetch starts with the imports (and compiles as it streams),
 * and the renderers' own imports (dom.js, schema.js) are listed too, so the loading is one
 * round trip deep instead of three.
 */
function loadCore() {
  if (core) return core;
  const wasmResponse = fetch(new URL('./pkg/nianbao_bg.wasm', import.meta.url));
  wasmResponse.catch(() => {}); // awaited by init() below; never an unhandled rejection
  core = Promise.all([
    import('./pkg/nianbao.js'),
    import('./js/charts.js'),
    import('./js/findings.js'),
    import('./js/tables.js'),
    import('./js/verdict.js'),
    import('./js/dom.js'),
    import('./js/schema.js'),
  ]).then(async ([wasm, charts, findings, tables, verdict]) => {
    await wasm.default({ module_or_path: wasmResponse });
    return { wasm, schema: wasm.schema(), ...charts, ...findings, ...tables, ...verdict };
  });
  // A failed load is not cached: the next check tries again (a network blip, a redeploy).
  core.catch(() => (core = null));
  return core;
}

// ---------------------------------------------------------------------------------------
// Styles: every colour and the font come from --nianbao-* custom properties (they cross the
// shadow boundary); everything else the host page sets stops at the wrapper (`all: initial`).

const STYLES = `
:host { display: block; min-width: 0; }
:host([hidden]) { display: none; }
.nb {
  all: initial;
  display: block;
  --ink: var(--nianbao-text, #1f2933);
  --muted: var(--nianbao-muted, #5b6570);
  --line: var(--nianbao-line, #d5dae0);
  --panel: var(--nianbao-background, #ffffff);
  --accent: var(--nianbao-accent, #1f5fa8);
  --focus: var(--nianbao-focus, #0b57d0);
  --error: var(--nianbao-error, #b3261e);
  --error-bg: var(--nianbao-error-background, #fdecea);
  --warn: var(--nianbao-warning, #8a5a00);
  --warn-line: var(--nianbao-warning-line, #d98e04);
  --ok: var(--nianbao-ok, #1e6b34);
  --ok-bg: var(--nianbao-ok-background, #e6f4ea);
  --na: var(--nianbao-muted, #5f6b76);
  --na-bg: var(--nianbao-na-background, #eef1f4);
  --radius: var(--nianbao-radius, 6px);
  font-family: var(--nianbao-font, system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif);
  font-size: var(--nianbao-font-size, 16px);
  line-height: 1.6;
  color: var(--ink);
  text-align: start;
  overflow-wrap: anywhere;
}
.nb *, .nb *::before, .nb *::after { box-sizing: border-box; }
.nb :focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
[hidden] { display: none !important; }
.visually-hidden {
  position: absolute !important; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap;
}
.status { margin: 0; padding: 0.6em 0.8em; border-radius: var(--radius); background: var(--na-bg); color: var(--na); font-size: 0.9375em; }
.status:empty { display: none; }
.status.error { background: var(--error-bg); color: var(--error); }
h2 { font-size: 1.05em; margin: 1em 0 0.4em; padding-bottom: 0.2em; border-bottom: 1px solid var(--line); font-weight: 600; }
button { font: inherit; font-size: 0.875em; padding: 0.3em 0.9em; border-radius: var(--radius); border: 1px solid var(--line); background: var(--panel); color: var(--ink); cursor: pointer; min-height: 2.25em; }
button:hover { border-color: var(--accent); }

/* Verdict */
.verdict { display: flex; gap: 0.6em; align-items: center; padding: 0.6em 0.8em; border-radius: var(--radius); font-size: 1.05em; font-weight: 600; border: 2px solid transparent; }
.verdict-icon { font-size: 1.3em; line-height: 1; }
.verdict.error { background: var(--error-bg); color: var(--error); border-color: var(--error); }
.verdict.ok { background: var(--ok-bg); color: var(--ok); border-color: var(--ok); }
.verdict.na { background: var(--na-bg); color: var(--na); border-color: var(--na); }

/* Findings */
.findings { list-style: none; padding: 0; margin: 0.5em 0 0; display: grid; gap: 0.4em; }
.findings > li { display: flex; gap: 0.4em; align-items: stretch; }
.findings details { width: 100%; font-size: 0.875em; }
.finding { display: grid; grid-template-columns: auto 1fr; gap: 0.1em 0.6em; width: 100%; text-align: start; padding: 0.5em 0.6em; border: 1px solid var(--line); border-left-width: 5px; background: var(--panel); font-size: 0.875em; line-height: 1.5; cursor: default; }
.finding .sev { grid-row: span 2; font-weight: 700; white-space: nowrap; }
.finding .name { font-weight: 600; }
.finding .code { color: var(--muted); font-family: ui-monospace, monospace; font-size: 0.85em; margin-inline-start: 0.4em; font-weight: 400; }
.finding .msg { grid-column: 2; }
.finding.error { border-left-color: var(--error); }
.finding.error .sev { color: var(--error); }
.finding.warning { border-left-color: var(--warn-line); }
.finding.warning .sev { color: var(--warn); }
.finding.info .sev, .finding.na .sev { color: var(--na); }
.finding.na { border-left-color: var(--na); border-left-style: dashed; }
.full .finding { cursor: pointer; }
.finding[aria-pressed="true"] { border-color: var(--accent); }
.findings .more { font-size: 0.875em; color: var(--muted); }

/* Tables (view="full") */
.table-wrap { overflow-x: auto; margin-bottom: 0.75em; }
table.report { border-collapse: collapse; font-size: 0.8125em; min-width: 100%; }
table.report caption, .caption-line { text-align: start; font-weight: 600; padding: 0.3em 0; margin: 0; }
table.report th, table.report td { border: 1px solid var(--line); padding: 0.2em 0.4em; vertical-align: middle; }
table.report thead th { font-weight: 600; text-align: center; }
table.report tbody th { text-align: start; font-weight: 400; min-width: 6em; }
table.report td { text-align: end; min-width: 3.2em; font-variant-numeric: tabular-nums; position: relative; white-space: nowrap; }
td.blank, td.missing { background-image: repeating-linear-gradient(135deg, transparent 0 4px, var(--line) 4px 5px); }
table.report td.text { color: var(--warn); }
table.report td.na { color: var(--muted); }
table.report td.warn { outline: 2px dashed var(--warn-line); outline-offset: -3px; }
table.report td.wrong { outline: 2px solid var(--error); outline-offset: -2px; color: var(--error); font-weight: 700; cursor: help; }
table.report td.hl { box-shadow: inset 0 0 0 2px var(--accent); }
table.report td.hl-primary { box-shadow: inset 0 0 0 3px var(--accent); }
td .expect { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
td.wrong:hover .expect, td.wrong:focus .expect, td.wrong.hl-primary .expect {
  width: auto; height: auto; overflow: visible; clip-path: none; display: block; position: absolute; z-index: 5;
  right: 0; top: 100%; margin-top: 2px; background: var(--error); color: #fff; padding: 2px 8px; border-radius: 4px; font-weight: 600;
}
td .mark { font-size: 0.85em; margin-inline-end: 2px; }
.hint { color: var(--muted); font-size: 0.875em; margin: 0.3em 0; }

/* Charts: one column on a phone, side by side in a wide column */
.charts { display: grid; gap: 1em; grid-template-columns: repeat(auto-fit, minmax(min(100%, 26em), 1fr)); margin-top: 0.5em; }
figure.chart { margin: 0; border: 1px solid var(--line); border-radius: var(--radius); padding: 0.5em; position: relative; background: #fff; min-width: 0; }
figure.chart canvas { display: block; width: 100%; }
figure.chart figcaption { display: flex; flex-wrap: wrap; gap: 0.5em; align-items: center; justify-content: space-between; font-size: 0.875em; margin-top: 0.25em; color: var(--ink); }
figure.chart figcaption button { margin-inline-start: auto; }
figure.chart .note { color: var(--muted); font-size: 0.9em; }
.tooltip { position: absolute; pointer-events: none; background: rgba(31, 41, 51, 0.94); color: #fff; padding: 4px 8px; border-radius: 4px; font-size: 0.8125em; max-width: 90%; z-index: 6; }
.chart-table { font-size: 0.8125em; margin-top: 0.25em; color: var(--ink); }
.chart-table summary { cursor: pointer; }
.chart-table > div { overflow-x: auto; }
.chart-table table { border-collapse: collapse; }
.chart-table th, .chart-table td { border: 1px solid var(--line); padding: 2px 6px; text-align: end; }
.chart-table th[scope="row"] { text-align: start; font-weight: 400; }
@media print { figure.chart figcaption button, .tooltip { display: none !important; } figure.chart { break-inside: avoid; } }
`;

let sheet = null;
function styleSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLES);
  }
  return sheet;
}

// ---------------------------------------------------------------------------------------
// Small helpers

function node(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

const messageOf = (e) => String(e?.message ?? e ?? '未知错误');

/** Offer a file without touching the host page's DOM. */
function save(name, blob) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 2000);
}

// ---------------------------------------------------------------------------------------
// The element

export class NianbaoReport extends HTMLElement {
  static observedAttributes = ['for', 'src', 'view', 'lang'];

  #root;
  #wrap;
  #status;
  #verdict;
  #findingsBox;
  #findings;
  #tablesBox;
  #tables;
  #chartsBox;
  #chartsHost;
  #charts = null; // createCharts(), made with the first report
  #core = null;
  #text = null; // the .text property
  #checked = null;
  #report = null;
  #seen = false; // has come into view: checks run from then on
  #gen = 0; // the check in flight; older ones are dropped
  #timer = 0;
  #frame = 0;
  #target = null; // the element `for` points at, observed
  #io = null;
  #ro = null;
  #targetObserver = null;
  #selfObserver = null;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    try {
      this.#root.adoptedStyleSheets = [styleSheet()];
    } catch {
      // A browser without constructable stylesheets still gets the content, unstyled.
    }
    this.#wrap = node('div', { class: 'nb', part: 'widget', lang: 'zh-CN', role: 'region', 'aria-label': '政府信息公开工作年度报告' });
    this.#status = node('p', { class: 'status', role: 'status', 'aria-live': 'polite', part: 'status' });
    this.#verdict = node('div', { class: 'verdict', role: 'status', 'aria-live': 'polite', part: 'verdict' });
    this.#findings = node('ol', { class: 'findings' });
    this.#findingsBox = node('section', { class: 'findings-box', 'aria-label': '发现的问题', part: 'findings' });
    this.#findingsBox.append(this.#findings);
    this.#tables = node('div');
    this.#tablesBox = node('section', { class: 'tables-box', part: 'tables' });
    this.#tablesBox.append(node('h2', {}, '表格'), this.#tables);
    this.#chartsHost = node('div', { class: 'charts' });
    this.#chartsBox = node('section', { class: 'charts-box', 'aria-label': '图表', part: 'charts' });
    this.#chartsBox.append(this.#chartsHost);
    for (const b of [this.#verdict, this.#findingsBox, this.#tablesBox, this.#chartsBox]) b.hidden = true;
    this.#wrap.append(this.#status, this.#verdict, this.#findingsBox, this.#tablesBox, this.#chartsBox);
    this.#root.append(this.#wrap);
  }

  // --- public API -----------------------------------------------------------------------

  /** The report text set from script; it takes precedence over `src`, `for` and the content. */
  get text() {
    return this.#text;
  }
  set text(v) {
    this.#text = v === null || v === undefined ? null : String(v);
    this.#schedule(0);
  }

  /** The last report (spec §6 object, spans in UTF-16 units of the source), or null. */
  get report() {
    return this.#report;
  }

  /** `charts` (default), `check` or `full`. */
  get view() {
    const v = (this.getAttribute('view') ?? '').trim().toLowerCase();
    return VIEWS.includes(v) ? v : 'charts';
  }
  set view(v) {
    this.setAttribute('view', v);
  }

  /** Check the source again now; resolves when the result is shown (never rejects). */
  refresh() {
    clearTimeout(this.#timer);
    this.#seen = true;
    return this.#run();
  }

  // --- lifecycle ------------------------------------------------------------------------

  connectedCallback() {
    try {
      // A property set before the module loaded sits on the instance: pass it to the setter.
      for (const p of ['text', 'view']) {
        if (Object.prototype.hasOwnProperty.call(this, p)) {
          const v = this[p];
          delete this[p];
          this[p] = v;
        }
      }
      this.#ro = new ResizeObserver(() => {
        cancelAnimationFrame(this.#frame);
        this.#frame = requestAnimationFrame(() => this.#resize());
      });
      this.#ro.observe(this);
      this.#selfObserver = new MutationObserver(() => {
        if (!this.#usesOwnContent()) return;
        this.#schedule();
      });
      this.#selfObserver.observe(this, { childList: true, characterData: true, subtree: true });
      if (this.#seen) this.#schedule(0);
      else if ('IntersectionObserver' in window) {
        this.#io = new IntersectionObserver(
          (entries) => {
            if (!entries.some((e) => e.isIntersecting)) return;
            this.#io?.disconnect();
            this.#io = null;
            this.#seen = true;
            this.#schedule(0);
          },
          { rootMargin: '200px' },
        );
        this.#io.observe(this);
      } else {
        this.#seen = true;
        this.#schedule(0);
      }
    } catch (e) {
      this.#fail(e);
    }
  }

  disconnectedCallback() {
    clearTimeout(this.#timer);
    cancelAnimationFrame(this.#frame);
    for (const o of [this.#io, this.#ro, this.#targetObserver, this.#selfObserver]) o?.disconnect();
    this.#io = this.#ro = this.#targetObserver = this.#selfObserver = null;
    this.#target = null;
    this.#gen++;
  }

  attributeChangedCallback(name, old, value) {
    if (old === value) return;
    if (name === 'view') {
      if (this.#report) this.#guard(() => this.#render());
      return;
    }
    if (name === 'lang') return; // the content is Chinese: its lang stays zh-CN
    this.#schedule();
  }

  // --- checking -------------------------------------------------------------------------

  #schedule(ms = DEBOUNCE_MS) {
    clearTimeout(this.#timer);
    if (!this.#seen || !this.isConnected) return;
    this.#timer = setTimeout(() => this.#run(), ms);
  }

  #usesOwnContent() {
    return this.#text === null && !this.hasAttribute('src') && !this.hasAttribute('for');
  }

  /** What to check: `{ text }`, `{ url }` or `{ message }` (nothing to check, said in Chinese). */
  #source() {
    this.#watch(null);
    if (this.#text !== null) return { text: this.#text };
    const src = this.getAttribute('src');
    if (src !== null && src.trim()) {
      let url;
      try {
        url = new URL(src, document.baseURI);
      } catch {
        return { message: `src="${src}" 不是有效的地址。` };
      }
      if (url.origin !== location.origin) return { message: `src 只能指向本站的文件（${url.origin} 不是本站）。` };
      return { url: url.href };
    }
    const sel = this.getAttribute('for');
    if (sel !== null && sel.trim()) {
      let target;
      try {
        target = document.querySelector(sel);
      } catch {
        return { message: `for="${sel}" 不是有效的选择器。` };
      }
      this.#watch(target);
      if (!target) return { message: `页面上没有找到 for="${sel}" 指定的元素。` };
      return { text: target.outerHTML };
    }
    // The element's own content: a <template> (never shown, even before the module loads),
    // else markup (tables) as HTML, else the text.
    const template = this.querySelector(':scope > template');
    const box = template ? { html: template.innerHTML, text: template.content.textContent, markup: template.content.children.length } : { html: this.innerHTML, text: this.textContent, markup: this.children.length };
    const text = box.markup ? box.html : box.text;
    if (!text.trim()) return { message: '没有要显示的年报：请用 for 属性指定页面上的正文，或用 src 指定报告文件。' };
    return { text };
  }

  /** Observe `target` (re-check when it changes), or, while it is absent, the document. */
  #watch(target) {
    this.#targetObserver?.disconnect();
    this.#targetObserver = null;
    this.#target = target;
    const sel = this.getAttribute('for');
    if (this.#text !== null || this.hasAttribute('src') || sel === null || !this.isConnected) return;
    this.#targetObserver = new MutationObserver(() => this.#schedule());
    if (target) {
      this.#targetObserver.observe(target, { childList: true, characterData: true, subtree: true, attributes: true, attributeFilter: ['rowspan', 'colspan'] });
    } else {
      // The portal may insert its article later: look again when the document changes.
      this.#targetObserver.observe(document.documentElement, { childList: true, subtree: true });
    }
  }

  async #run() {
    const gen = ++this.#gen;
    clearTimeout(this.#timer);
    try {
      if (!this.#core) {
        this.#setState('loading');
        this.#say('正在载入年报图表…');
      }
      const c = await loadCore();
      if (gen !== this.#gen) return;
      this.#core = c;
      const source = this.#source();
      if (source.message) {
        this.#show(null);
        this.#setState('empty');
        this.#say(source.message);
        return;
      }
      let checked;
      if (source.url) {
        const res = await fetch(source.url, { credentials: 'same-origin' });
        if (!res.ok) throw new Error(`无法读取 ${this.getAttribute('src')}（HTTP ${res.status}）。`);
        const bytes = new Uint8Array(await res.arrayBuffer());
        if (gen !== this.#gen) return;
        // Word and PDF files are read by the file-reader module, which js/readers.js fetches
        // only when such a file arrives (the page's own loader; text and HTML stay here).
        const { checkedFromBytes } = await import('./js/readers.js');
        checked = await checkedFromBytes(bytes);
      } else {
        checked = new c.wasm.Checked(source.text);
      }
      if (gen !== this.#gen) {
        checked.free();
        return;
      }
      this.#show(checked);
      this.#render();
      this.dispatchEvent(new CustomEvent('nianbao-checked', { bubbles: true, detail: { report: this.#report } }));
    } catch (e) {
      if (gen === this.#gen) this.#fail(e);
    }
  }

  /** Keep `checked` (freeing the one it replaces) and its report. */
  #show(checked) {
    if (this.#checked && this.#checked !== checked) this.#checked.free();
    this.#checked = checked;
    this.#report = checked ? checked.report() : null;
    if (!checked) for (const b of [this.#verdict, this.#findingsBox, this.#tablesBox, this.#chartsBox]) b.hidden = true;
  }

  /** Lay out the current report for the current view. */
  #render() {
    const c = this.#core;
    const report = this.#report;
    if (!c || !report) return;
    const view = this.view;
    const s = c.schema;
    this.#wrap.className = `nb ${view}`;
    const tablesRead = c.hasTables(report);
    const showCheck = view !== 'charts';
    const showCharts = view !== 'check' && tablesRead;

    this.#verdict.hidden = !showCheck;
    this.#findingsBox.hidden = !showCheck;
    if (showCheck) {
      const v = c.verdictOf(report, s);
      this.#verdict.className = `verdict ${v.cls}`;
      this.#verdict.replaceChildren(...c.verdictNodes(v));
      const full = view === 'full';
      this.#findings.replaceChildren(...c.renderFindings(report, s, full ? { onSelect: (d, button) => this.#select(d, button) } : {}));
      // There is no source text in the widget to point at: no 原文 buttons. Without the
      // tables (view="check") a finding selects nothing, so it is text, not a button.
      for (const b of this.#findings.querySelectorAll('.locate')) b.remove();
      if (!full) {
        for (const b of this.#findings.querySelectorAll('button.finding')) {
          const d = node('div', { class: b.className });
          if (b.title) d.title = b.title;
          d.append(...b.childNodes);
          b.replaceWith(d);
        }
      }
    }

    this.#tablesBox.hidden = view !== 'full' || !tablesRead;
    if (!this.#tablesBox.hidden) this.#tables.replaceChildren(...c.renderTables(report, s));

    this.#chartsBox.hidden = !showCharts;
    if (!tablesRead && view === 'charts') {
      const names = s.tables.map((t) => t.name).join('、');
      this.#setState('empty');
      this.#say(`这里没有可绘制的年报表格：未读到${names}。`);
    } else {
      this.#setState('ready');
      this.#say('');
    }
    if (showCharts) {
      if (!this.#charts) {
        // No print image: a blob: <img> needs img-src blob:, which a strict portal policy lacks.
        this.#charts = c.createCharts(s, { checked: () => this.#checked, save, print: false });
        this.#chartsHost.append(...this.#charts.nodes);
      }
      this.#charts.update();
    }
  }

  #select(d, button) {
    const c = this.#core;
    c.pressFinding(this.#findings, button);
    c.highlightCells(this.#tables, d.cells ?? [])?.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: 'smooth' });
  }

  #resize() {
    if (!this.#chartsBox.hidden) this.#guard(() => this.#charts?.resize());
  }

  // --- state and messages ---------------------------------------------------------------

  #setState(state) {
    if (this.getAttribute('state') !== state) this.setAttribute('state', state);
  }

  #say(text, error = false) {
    this.#status.textContent = text;
    this.#status.classList.toggle('error', error);
  }

  #fail(e) {
    const message = messageOf(e);
    try {
      this.#show(null);
      this.#setState('error');
      this.#say(this.#core ? `无法显示这份年报：${message}` : `年报图表载入失败：${message}`, true);
      this.dispatchEvent(new CustomEvent('nianbao-error', { bubbles: true, detail: { message } }));
    } catch {
      // Never let the widget's trouble reach the host page.
    }
  }

  #guard(f) {
    try {
      f();
    } catch (e) {
      this.#fail(e);
    }
  }
}

if (!customElements.get('nianbao-report')) customElements.define('nianbao-report', NianbaoReport);
