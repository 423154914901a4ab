// The three charts (表三 outcomes, 表二 actions, 表四 disputes): a canvas drawn by the wasm
// `Checked` (plotters), a tooltip under the pointer or keyboard, a download button and
// the data as a table beside it. The figures are built once and redrawn for each check.
import { el } from './dom.js';
import { fmt } from './schema.js';


/** The accessible table of a chart's data (`Checked.chart_data`). */
export function chartTable(data) {
  const series = data.series.length ? data.series : [];
  const head = el('tr', {}, el('th', { scope: 'col', text: '项目' }), ...series.map((s) => el('th', { scope: 'col', text: s })), el('th', { scope: 'col', text: series.length ? '合计' : `数量（${data.unit}）` }));
  const rows = data.bars.map((b) =>
    el(
      'tr',
      {},
      el('th', { scope: 'row', text: b.label }),
      ...series.map((s) => el('td', { text: fmt(b.segments.find((g) => g.label === s)?.value ?? (b.value === null ? null : 0)) })),
      el('td', { text: b.value === null ? '未填写' : fmt(b.value) + (b.parts_differ ? `（各项之和为 ${fmt(b.parts_sum)}）` : b.basis === 'sum' ? '（各项之和）' : '') }),
    ),
  );
  return el('table', {}, el('caption', { class: 'visually-hidden', text: data.title }), el('thead', {}, head), el('tbody', {}, ...rows));
}

/** The pixel ratio of downloaded PNGs and printed charts: print resolution (≈ 290 dpi at A4 width). */
export const PRINT_DPR = 3;

/**
 * The chart figures of `schema.charts`. `checked()` returns the current `Checked` (or
 * null); `save(name, blob)` offers a file. Options: `print` (default true: each figure
 * carries an SVG image of its chart that only the printout shows, so charts print as
 * vectors, undistorted). Returns `{ nodes, update(), resize(), clear(message) }`: append
 * `nodes` where the charts go, call `update()` after each check (once the nodes are in
 * the document, so they have a width), `resize()` when their width may change, and
 * `clear(message)` when there is no report to draw (the message, if any, says why).
 */
export function createCharts(schema, { checked, save, print = true }) {
  const total = schema.formats['2021'].applications.columns.find((c) => c.key === 'total').label;
  const figures = schema.charts.map((c) => {
    const canvas = el('canvas', { tabindex: 0, role: 'img', 'aria-label': `${c.title}（柱状图，数据见其下的数据表）`, dataset: { chart: c.key } });
    const tooltip = el('div', { class: 'tooltip', hidden: true, role: 'status' });
    const png = el('button', { type: 'button', class: 'download', dataset: { format: 'png' }, text: '下载 PNG', title: '按打印分辨率保存图片' });
    const svgButton = el('button', { type: 'button', class: 'download', dataset: { format: 'svg' }, text: '下载 SVG', title: '保存矢量图（可无损缩放）' });
    const note = el('span', { class: 'note', text: `斜线部分：表中“${total}”与各项之和的差额。` });
    const empty = el('p', { class: 'chart-empty', hidden: true });
    const printImg = el('img', { class: 'print-only', alt: c.title });
    const table = el('div');
    const buttons = el('span', { class: 'downloads' }, png, svgButton);
    const details = el('details', { class: 'chart-table' }, el('summary', { text: '数据表' }), table);
    const figure = el('figure', { class: 'chart', id: `chart-${c.key}` }, canvas, print ? printImg : null, empty, tooltip, el('figcaption', {}, note, buttons), details);
    const f = { key: c.key, title: c.title, figure, canvas, tooltip, table, note, empty, buttons, details, printImg, width: 0, height: 0, dpr: 0, focusIndex: 0, data: null, printUrl: '' };

    const showTooltip = (text, x, y) => {
      tooltip.textContent = text;
      tooltip.hidden = false;
      const w = figure.clientWidth;
      const left = Math.min(x + 14, Math.max(4, w - tooltip.offsetWidth - 4));
      tooltip.style.left = `${left + 8}px`;
      tooltip.style.top = `${y + 18}px`;
    };
    const focusBar = (i) => {
      const bar = f.data?.bars[i];
      // The same text the pointer's tooltip shows (bar.text, from Rust).
      if (bar) showTooltip(`${bar.text}（${i + 1}/${f.data.bars.length}，方向键切换）`, 8, 8);
    };
    canvas.addEventListener('pointermove', (e) => {
      const c = checked();
      if (!c || !f.data || f.data.empty) return;
      const r = canvas.getBoundingClientRect();
      const x = e.clientX - r.left;
      const y = e.clientY - r.top;
      const hit = c.hit(f.key, r.width, r.height, x, y);
      if (hit) showTooltip(hit.text, x, y);
      else tooltip.hidden = true;
    });
    canvas.addEventListener('pointerleave', () => (tooltip.hidden = true));
    canvas.addEventListener('focus', () => focusBar(f.focusIndex));
    canvas.addEventListener('blur', () => (tooltip.hidden = true));
    canvas.addEventListener('keydown', (e) => {
      const n = f.data?.bars.length ?? 0;
      if (!n) return;
      const step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[e.key];
      if (step) f.focusIndex = (f.focusIndex + step + n) % n;
      else if (e.key === 'Home') f.focusIndex = 0;
      else if (e.key === 'End') f.focusIndex = n - 1;
      else return;
      e.preventDefault();
      focusBar(f.focusIndex);
    });
    // PNG at print resolution: drawn afresh on a canvas of its own at PRINT_DPR, never
    // the screen's pixels scaled up.
    png.addEventListener('click', () => {
      const c = checked();
      if (!c || f.data?.empty) return;
      const { w, h } = size(f, c);
      const off = document.createElement('canvas');
      off.width = Math.round(w * PRINT_DPR);
      off.height = Math.round(h * PRINT_DPR);
      c.draw(f.key, off, PRINT_DPR);
      off.toBlob((blob) => {
        if (blob) save(`年报体检-${f.title}.png`, blob);
      }, 'image/png');
    });
    svgButton.addEventListener('click', () => {
      const c = checked();
      if (!c || f.data?.empty) return;
      const { w, h } = size(f, c);
      save(`年报体检-${f.title}.svg`, new Blob([c.svg(f.key, w, h)], { type: 'image/svg+xml' }));
    });
    return f;
  });

  /** The chart's CSS size: its current width (or the figure's), the height it reads well at. */
  function size(f, c) {
    const w = Math.max(160, Math.floor(f.canvas.clientWidth || f.figure.clientWidth - 16 || 640));
    return { w, h: c.preferred_height(f.key, w) };
  }

  function draw(f, c) {
    const dpr = window.devicePixelRatio || 1;
    const { w, h } = size(f, c);
    f.canvas.style.height = `${h}px`;
    f.canvas.width = Math.round(w * dpr);
    f.canvas.height = Math.round(h * dpr);
    c.draw(f.key, f.canvas, dpr);
    f.width = w;
    f.height = h;
    f.dpr = dpr;
    if (print) {
      // Off the path from paste to drawn charts: when the page is idle (or within 300 ms).
      const idle = window.requestIdleCallback ?? ((fn) => setTimeout(fn, 50));
      const token = (f.printToken = {});
      idle(() => f.printToken === token && checked() === c && printImage(f, c, w, h), { timeout: 300 });
    }
  }

  // The printout's chart: the same drawing as SVG in an <img> (a separate document: no
  // script, no style of the page applies), scaled to the paper with its aspect kept.
  function printImage(f, c, w, h) {
    if (f.printUrl) URL.revokeObjectURL(f.printUrl);
    f.printUrl = URL.createObjectURL(new Blob([c.svg(f.key, w, h)], { type: 'image/svg+xml' }));
    f.printImg.src = f.printUrl;
    f.printImg.width = w;
    f.printImg.height = h;
  }

  function setEmpty(f, message) {
    const none = message !== null;
    f.canvas.hidden = none;
    f.buttons.hidden = none;
    f.details.hidden = none;
    f.printImg.hidden = none;
    f.empty.hidden = !none;
    f.empty.textContent = none ? message : '';
    if (none) {
      f.printToken = null;
      f.note.hidden = true;
      f.tooltip.hidden = true;
      f.table.replaceChildren();
      if (f.printUrl) URL.revokeObjectURL(f.printUrl);
      f.printUrl = '';
      f.printImg.removeAttribute('src');
      f.canvas.width = 0;
      f.canvas.height = 0;
      f.width = 0;
    }
  }

  return {
    nodes: figures.map((f) => f.figure),
    /** Take the data of the current check and draw every chart; a chart without data says so. */
    update() {
      const c = checked();
      if (!c) return;
      for (const f of figures) {
        f.data = c.chart_data(f.key);
        f.focusIndex = 0;
        f.tooltip.hidden = true;
        if (f.data.empty) {
          setEmpty(f, `${f.title}：无数据（${f.data.empty}），不绘制图表。`);
          continue;
        }
        setEmpty(f, null);
        f.table.replaceChildren(chartTable(f.data));
        f.note.hidden = !f.data.bars.some((b) => b.parts_differ);
      }
      for (const f of figures) if (!f.data.empty) draw(f, c);
    },
    /** Redraw the charts whose width or pixel ratio changed. */
    resize() {
      const c = checked();
      if (!c) return;
      for (const f of figures) {
        if (!f.data || f.data.empty) continue;
        const w = Math.floor(f.canvas.clientWidth);
        if (w && (w !== f.width || (window.devicePixelRatio || 1) !== f.dpr)) draw(f, c);
      }
    },
    /** Nothing of an earlier report stays: every chart is emptied (showing `message`, if given). */
    clear(message = '') {
      for (const f of figures) {
        f.data = null;
        setEmpty(f, message);
      }
    },
  };
}
