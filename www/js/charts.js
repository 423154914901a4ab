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

/**
 * The chart figures of `schema.charts`. `checked()` returns the current `Checked` (or
 * null); `save(name, blob)` offers a file. Returns `{ nodes, update(), resize() }`:
 * append `nodes` where the charts go, call `update()` after each check (once the nodes
 * are in the document, so they have a width) and `resize()` when their width may change.
 */
export function createCharts(schema, { checked, save }) {
  const total = schema.formats['2021'].applications.columns.find((c) => c.key === 'total').label;
  const figures = schema.charts.map((c) => {
    const canvas = el('canvas', { tabindex: 0, role: 'img', 'aria-label': `${c.title}（柱状图，数据见其下的数据表）`, dataset: { chart: c.key } });
    const tooltip = el('div', { class: 'tooltip', hidden: true, role: 'status' });
    const download = el('button', { type: 'button', class: 'download', text: '下载图片' });
    const note = el('span', { class: 'note', text: `斜线部分：表中“${total}”与各项之和的差额。` });
    const table = el('div');
    const figure = el(
      'figure',
      { class: 'chart', id: `chart-${c.key}` },
      canvas,
      tooltip,
      el('figcaption', {}, note, download),
      el('details', { class: 'chart-table' }, el('summary', { text: '数据表' }), table),
    );
    const f = { key: c.key, title: c.title, figure, canvas, tooltip, table, note, download, width: 0, dpr: 0, focusIndex: 0, data: null };

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
      if (!c) return;
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
    // The PNG is drawn again at print resolution (4 device pixels per CSS pixel).
    download.addEventListener('click', () => {
      const ck = checked();
      if (!ck) return;
      const PRINT_DPR = 4;
      const w = f.width || canvas.clientWidth;
      const h = parseFloat(canvas.style.height) || canvas.clientHeight;
      const big = document.createElement('canvas');
      big.width = Math.round(w * PRINT_DPR);
      big.height = Math.round(h * PRINT_DPR);
      ck.draw(f.key, big, PRINT_DPR);
      big.toBlob((blob) => {
        if (blob) save(`年报体检-${f.title}.png`, blob);
      }, 'image/png');
    });
    return f;
  });

  function draw(f, c) {
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(160, Math.floor(f.canvas.clientWidth || f.figure.clientWidth - 16));
    const h = c.preferred_height(f.key, w);
    f.canvas.style.height = `${h}px`;
    f.canvas.width = Math.round(w * dpr);
    f.canvas.height = Math.round(h * dpr);
    c.draw(f.key, f.canvas, dpr);
    f.width = w;
    f.dpr = dpr;
  }

  return {
    nodes: figures.map((f) => f.figure),
    /** Take the data of the current check and draw every chart. */
    update() {
      const c = checked();
      if (!c) return;
      for (const f of figures) {
        f.data = c.chart_data(f.key);
        f.focusIndex = 0;
        f.tooltip.hidden = true;
        f.table.replaceChildren(f.data.empty ? el('p', { text: `无数据：${f.data.empty}` }) : chartTable(f.data));
        f.note.hidden = !f.data.bars.some((b) => b.parts_differ);
        f.download.hidden = !!f.data.empty; // nothing to save
      }
      for (const f of figures) draw(f, c);
    },
    /** Redraw the charts whose width or pixel ratio changed. */
    resize() {
      const c = checked();
      if (!c) return;
      for (const f of figures) {
        const w = Math.floor(f.canvas.clientWidth);
        if (w && (w !== f.width || (window.devicePixelRatio || 1) !== f.dpr)) draw(f, c);
      }
    },
  };
}
