// The <nianbao-report> widget end to end, embedded in a mock portal article page
// (www/embed.html) served with the strict Content-Security-Policy a portal is told to use:
// it draws the charts from the page's own tables, violates no policy, changes none of the
// portal's styles, requests nothing outside the origin, shares one wasm fetch between two
// widgets, and says so, inside itself, when there is no report.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { serve, STRICT_CSP, WWW } from '../../scripts/serve.mjs';
import { builtPage, CHROMIUM, CHROMIUM_ARGS, inkedPixels, outDir, repoRoot } from './lib.mjs';

let server;
let browser;
const origin = () => new URL(server.url).origin;

before(async () => {
  if (!builtPage()) throw new Error('www/pkg is missing: run `bash scripts/build-web.sh` first');
  server = await serve({ port: 0 });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * A fresh page that records requests, console errors, page errors (unhandled rejections
 * included) and CSP violations (the `securitypolicyviolation` event, from an init script the
 * page's policy does not govern).
 */
async function openPage({ width = 1280, height = 900, path = 'embed.html', routes = {} } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' });
  const page = await context.newPage();
  const log = { requests: [], errors: [], violations: [] };
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('pageerror', (e) => log.errors.push(`pageerror: ${e}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content.Security.Policy/i.test(m.text())) log.errors.push(`console: ${m.text()}`);
  });
  await page.exposeFunction('__violation', (v) => log.violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => window.__violation(`${e.violatedDirective} ${e.blockedURI}`));
  });
  for (const [pattern, handler] of Object.entries(routes)) await page.route(pattern, handler);
  const response = await page.goto(server.url + path);
  return { page, log, response, close: () => context.close() };
}

const wasmFetches = (log) => log.requests.filter((u) => u.endsWith('/nianbao_bg.wasm')).length;

async function ready(page, selector, state = 'ready') {
  await page.locator(selector).scrollIntoViewIfNeeded();
  await page.waitForSelector(`${selector}[state="${state}"]`, { timeout: 15000 });
}

function assertClean(log) {
  assert.deepEqual(log.errors, [], 'no console or page error');
  assert.deepEqual(log.violations, [], 'no Content-Security-Policy violation');
  const outside = log.requests.filter((u) => !u.startsWith(origin() + '/'));
  assert.deepEqual(outside, [], 'no request leaves the origin');
}

/** Rows of the host page's tables in #zoom: { label, values } (the numbers of the row). */
function hostRows(page) {
  return page.$$eval('#zoom table tr', (trs) =>
    trs.map((tr) => {
      const cells = [...tr.cells].map((c) => c.textContent.trim());
      const label = cells.filter((c) => c && !/^-?[\d.,]+$/.test(c)).join(' ');
      return { label, values: cells.filter((c) => /^-?[\d.,]+$/.test(c)).map(Number) };
    }),
  );
}

/** A chart's data table in the widget: { headers, rows: { label → [numbers] } }. */
function widgetTable(page, widget, chart) {
  return page.$eval(`${widget}`, (w, chart) => {
    const table = w.shadowRoot.querySelector(`canvas[data-chart="${chart}"]`).closest('figure').querySelector('.chart-table table');
    const headers = [...table.tHead.rows[0].cells].map((c) => c.textContent.trim());
    const rows = {};
    for (const tr of table.tBodies[0].rows) rows[tr.cells[0].textContent.trim()] = [...tr.cells].slice(1).map((c) => Number(c.textContent.replace(/[^\d.-]/g, '')));
    return { headers, rows };
  }, chart);
}

test('the widget draws its charts from the portal page\'s own tables, under the strict CSP', async () => {
  const { page, log, response, close } = await openPage();
  try {
    assert.equal(response.headers()['content-security-policy'], STRICT_CSP);
    await ready(page, '#widget-charts');
    await ready(page, '#widget-check');
    // Three charts drawn (not blank), each with its data table.
    for (const chart of ['outcomes', 'actions', 'disputes']) {
      const ink = await inkedPixels(page, `#widget-charts canvas[data-chart="${chart}"]`);
      assert.ok(ink > 500, `chart ${chart} is drawn (${ink} inked pixels)`);
    }
    await page.screenshot({ path: resolve(outDir, 'widget-embed.png'), fullPage: true });

    // The bars are the numbers of the host page's tables.
    const host = await hostRows(page);
    const hostRow = (label) => {
      const r = host.find((h) => h.label.includes(label));
      assert.ok(r, `host row ${label}`);
      return r.values;
    };
    // 表三: every applicant column of the rows that are bars of their own.
    const t3Columns = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '合计'];
    const outcomes = await widgetTable(page, '#widget-charts', 'outcomes');
    let compared = 0;
    for (const label of ['本年新收', '上年结转', '予以公开', '部分公开', '结转下年度']) {
      const values = hostRow(label);
      assert.equal(values.length, 7, `${label}: seven numbers in the host row`);
      outcomes.headers.slice(1).forEach((h, i) => {
        assert.equal(outcomes.rows[label][i], values[t3Columns.indexOf(h)], `表三 ${label} ${h}`);
        compared++;
      });
    }
    // 表二: the decisions of 行政许可, 行政处罚, 行政强制.
    const actions = await widgetTable(page, '#widget-charts', 'actions');
    for (const label of ['行政许可', '行政处罚', '行政强制']) {
      assert.equal(actions.rows[label].at(-1), hostRow(label).at(-1), `表二 ${label}`);
      compared++;
    }
    // 表四: the three blocks' totals (the 5th, 10th and 15th number of the value row).
    const disputes = await widgetTable(page, '#widget-charts', 'disputes');
    const t4 = host.find((h) => h.values.length === 15).values;
    const totals = Object.values(disputes.rows).map((r) => r.at(-1));
    assert.deepEqual(totals, [t4[4], t4[9], t4[14]], '表四 totals');
    assert.ok(compared >= 30);

    // The check view: verdict in its live region.
    const verdict = await page.$eval('#widget-check', (w) => w.shadowRoot.querySelector('.verdict').textContent);
    assert.match(verdict, /表格勾稽关系全部成立/);
    assert.equal(wasmFetches(log), 1, 'one wasm fetch for two widgets');
    assertClean(log);
  } finally {
    await close();
  }
});

test('the wasm loads only when a widget comes into view, once for every widget', async () => {
  // On a phone both widgets are below the article.
  const { page, log, close } = await openPage({ width: 390, height: 800 });
  try {
    await page.waitForLoadState('load');
    await page.waitForTimeout(300);
    assert.equal(wasmFetches(log), 0, 'nothing loaded before a widget is in view');
    assert.equal(await page.$eval('#widget-charts', (w) => w.hasAttribute('state')), false);
    await ready(page, '#widget-charts');
    await ready(page, '#widget-check');
    assert.equal(wasmFetches(log), 1, 'one wasm fetch for two widgets');
    // It fills the phone's width: the canvas is as wide as its figure allows.
    const { canvas, host } = await page.$eval('#widget-charts', (w) => ({ canvas: w.shadowRoot.querySelector('canvas').clientWidth, host: w.clientWidth }));
    assert.ok(canvas > host - 40 && canvas <= host, `canvas ${canvas} px in a ${host} px widget`);
    await page.screenshot({ path: resolve(outDir, 'widget-phone.png'), fullPage: true });
    // Wider: the ResizeObserver redraws at the new width.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.waitForFunction((before) => {
      const c = document.querySelector('#widget-charts').shadowRoot.querySelector('canvas');
      return c.clientWidth !== before && c.width === Math.max(160, Math.floor(c.clientWidth));
    }, canvas);
    assertClean(log);
  } finally {
    await close();
  }
});

test('the portal\'s computed styles are the same with and without the widget, and its styles do not reach inside', async () => {
  const bare = readFileSync(resolve(WWW, 'embed.html'), 'utf8')
    .replace(/<script type="module" src="nianbao-report.js"><\/script>/, '')
    .replace(/<nianbao-report[^>]*><\/nianbao-report>/g, '');
  assert.ok(!bare.includes('nianbao-report'));
  const routes = {
    '**/embed-bare.html': (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers: { 'content-security-policy': STRICT_CSP }, body: bare }),
  };
  const selectors = ['html', 'body', '.top', '.site', '.nav a', '.crumb', '.article', 'h1.title', '.info', '.info a', '#zoom', '#zoom p', '#zoom p.part', '#zoom table', '#zoom td', '#zoom th', '.charts-block', '.block-title', '.side', '.side-note', '.links li', '.links a', '.footer'];
  // Sizes follow the content (the widget adds height); everything else must be equal.
  const geometry = new Set(['width', 'height', 'inline-size', 'block-size', 'transform-origin', 'perspective-origin']);
  const styles = (page) =>
    page.evaluate(
      ([selectors, skip]) =>
        Object.fromEntries(
          selectors.map((s) => {
            const cs = getComputedStyle(document.querySelector(s));
            const out = {};
            for (const p of cs) if (!skip.includes(p)) out[p] = cs.getPropertyValue(p);
            return [s, out];
          }),
        ),
      [selectors, [...geometry]],
    );
  const withWidget = await openPage({ routes });
  const without = await openPage({ path: 'embed-bare.html', routes });
  try {
    await ready(withWidget.page, '#widget-charts');
    await ready(withWidget.page, '#widget-check');
    await without.page.waitForLoadState('load');
    const a = await styles(withWidget.page);
    const b = await styles(without.page);
    let n = 0;
    for (const s of selectors) {
      for (const [p, v] of Object.entries(b[s])) {
        assert.equal(a[s][p], v, `${s} ${p}`);
        n++;
      }
    }
    assert.ok(n > 1000, `${n} computed values compared`);
    assert.equal(await withWidget.page.evaluate(() => document.adoptedStyleSheets.length), 0, 'no stylesheet adopted by the document');
    assert.equal(await withWidget.page.evaluate(() => document.styleSheets.length), await without.page.evaluate(() => document.styleSheets.length));
    // The portal's element rules (canvas border, red buttons, serif 10px root) stop at the shadow root.
    const inside = await withWidget.page.$eval('#widget-charts', (w) => {
      const r = w.shadowRoot;
      const canvas = getComputedStyle(r.querySelector('canvas'));
      const button = getComputedStyle(r.querySelector('button'));
      const wrap = getComputedStyle(r.querySelector('.nb'));
      return { canvasBorder: canvas.borderTopWidth, buttonBg: button.backgroundColor, fontSize: wrap.fontSize, font: wrap.fontFamily, indent: getComputedStyle(r.querySelector('figcaption')).textIndent };
    });
    assert.equal(inside.canvasBorder, '0px');
    assert.notEqual(inside.buttonBg, 'rgb(204, 0, 0)');
    // Theming goes through the custom properties embed-portal.css sets.
    assert.equal(inside.fontSize, '15px');
    assert.match(inside.font, /SimSun/);
    assert.equal(inside.indent, '0px');
    assertClean(withWidget.log);
    assertClean(without.log);
  } finally {
    await withWidget.close();
    await without.close();
  }
});

test('a widget pointed at a page with no report says so inside itself', async () => {
  const { page, log, close } = await openPage();
  try {
    await ready(page, '#widget-check');
    const states = await page.evaluate(async () => {
      const out = {};
      for (const [name, attrs] of Object.entries({ footer: { for: '.footer' }, absent: { for: '#no-such-article' }, invalid: { for: '###' }, empty: {}, foreign: { src: 'https://example.org/report.html' } })) {
        const w = document.createElement('nianbao-report');
        for (const [k, v] of Object.entries(attrs)) w.setAttribute(k, v);
        w.id = `probe-${name}`;
        document.querySelector('.side').append(w);
        w.scrollIntoView();
        await new Promise((ok) => {
          const poll = () => (w.getAttribute('state') === 'empty' || w.getAttribute('state') === 'error' ? ok() : setTimeout(poll, 20));
          poll();
        });
        out[name] = { state: w.getAttribute('state'), text: w.shadowRoot.querySelector('.status').textContent };
      }
      return out;
    });
    assert.equal(states.footer.state, 'empty');
    assert.match(states.footer.text, /没有可绘制的年报表格：未读到表二、表三、表四/);
    assert.match(states.absent.text, /没有找到 for="#no-such-article"/);
    assert.match(states.invalid.text, /不是有效的选择器/);
    assert.match(states.empty.text, /没有要显示的年报/);
    assert.match(states.foreign.text, /只能指向本站的文件/);
    // The check view says it too: the verdict and NOT-A-REPORT.
    await page.$eval('#probe-footer', (w) => w.setAttribute('view', 'check'));
    const verdict = await page.$eval('#probe-footer', (w) => w.shadowRoot.querySelector('.verdict').textContent);
    assert.match(verdict, /这不像政府信息公开工作年度报告/);
    assert.equal(await page.$eval('#probe-footer', (w) => w.shadowRoot.querySelector('.findings li').dataset.code), 'NOT-A-REPORT');
    assertClean(log);
  } finally {
    await close();
  }
});

test('sources: it re-checks when the host article changes, and reads .text, src and its content', async () => {
  const { page, log, close } = await openPage();
  try {
    await ready(page, '#widget-charts');
    await ready(page, '#widget-check');
    // The portal edits the article: 表三 予以公开 总计 25 → 27, 行政许可 1234 → 1300.
    const events = page.evaluate(
      () =>
        new Promise((ok) => {
          const seen = new Set();
          for (const id of ['widget-charts', 'widget-check']) {
            document.getElementById(id).addEventListener('nianbao-checked', (e) => {
              seen.add(id + ':' + e.detail.report.summary.errors);
              if (seen.size === 2) ok([...seen].sort());
            });
          }
        }),
    );
    await page.evaluate(() => {
      const cell = (label) => [...document.querySelectorAll('#zoom tr')].find((tr) => tr.textContent.includes(label)).lastElementChild;
      cell('（一）予以公开').textContent = '27';
      cell('行政许可').textContent = '1300';
    });
    const seen = await events;
    assert.ok(seen.every((s) => !s.endsWith(':0')), `errors found after the edit: ${seen}`);
    const actions = await widgetTable(page, '#widget-charts', 'actions');
    assert.equal(actions.rows['行政许可'].at(-1), 1300);
    const verdict = await page.$eval('#widget-check', (w) => w.shadowRoot.querySelector('.verdict').textContent);
    assert.match(verdict, /发现 \d+ 处错误/);
    assert.ok(await page.$eval('#widget-check', (w) => w.report.diagnostics.some((d) => d.code === 'T3-ROW-TOTAL')));

    // view="full": the findings select cells of the widget's own tables.
    await page.$eval('#widget-check', (w) => w.setAttribute('view', 'full'));
    await page.locator('#widget-check .finding.error').first().click();
    assert.ok(await page.$eval('#widget-check', (w) => !!w.shadowRoot.querySelector('td.hl-primary.wrong')));

    // .text, src and the element's own content.
    const sample = readFileSync(resolve(WWW, 'sample-2021.txt'), 'utf8');
    const result = await page.evaluate(async (sample) => {
      const make = (setup) =>
        new Promise((ok) => {
          const w = document.createElement('nianbao-report');
          w.addEventListener('nianbao-checked', (e) => ok({ errors: e.detail.report.summary.errors, format: e.detail.report.format, canvases: w.shadowRoot.querySelectorAll('canvas').length }));
          w.addEventListener('nianbao-error', (e) => ok({ error: e.detail.message }));
          setup(w);
          document.querySelector('.side').append(w);
          w.scrollIntoView();
        });
      return {
        text: await make((w) => (w.text = sample)),
        src: await make((w) => w.setAttribute('src', 'sample-2021.txt')),
        content: await make((w) => (w.textContent = sample)),
        template: await make((w) => {
          const t = document.createElement('template');
          t.content.append(sample);
          w.append(t);
        }),
        missing: await make((w) => w.setAttribute('src', 'no-such-report.html')),
      };
    }, sample);
    assert.equal(result.text.format, '2021');
    assert.equal(result.text.canvases, 3);
    assert.deepEqual(result.src, result.text);
    assert.deepEqual(result.content, result.text);
    assert.deepEqual(result.template, result.text);
    assert.match(result.missing.error, /HTTP 404/);
    // The 404 of the missing file is the only console error.
    assert.deepEqual(log.errors.filter((e) => !/404/.test(e)), []);
    assert.deepEqual(log.violations, []);
  } finally {
    await close();
  }
});

test('keyboard and screen readers: charts with their data tables, live verdict, static findings in the check view', async () => {
  const { page, log, close } = await openPage();
  try {
    await ready(page, '#widget-charts');
    await ready(page, '#widget-check');
    const a11y = await page.$eval('#widget-charts', (w) =>
      [...w.shadowRoot.querySelectorAll('figure.chart')].map((f) => ({
        role: f.querySelector('canvas').getAttribute('role'),
        label: f.querySelector('canvas').getAttribute('aria-label'),
        tabindex: f.querySelector('canvas').tabIndex,
        table: !!f.querySelector('details.chart-table table caption'),
      })),
    );
    assert.equal(a11y.length, 3);
    for (const c of a11y) {
      assert.equal(c.role, 'img');
      assert.match(c.label, /^表[二三四].*数据见其下的数据表/);
      assert.equal(c.tabindex, 0);
      assert.ok(c.table);
    }
    assert.equal(await page.$eval('#widget-charts', (w) => w.shadowRoot.querySelector('.nb').getAttribute('lang')), 'zh-CN');
    // Tab from the last link before the widget lands on its first chart; arrows walk the bars.
    await page.focus('.TRS_Editor');
    await page.$eval('.charts-block', (b) => {
      const a = document.createElement('a');
      a.href = '#';
      a.id = 'before-widget';
      a.textContent = '图解';
      b.prepend(a);
    });
    await page.focus('#before-widget');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement.id + ' ' + document.activeElement.shadowRoot?.activeElement?.dataset.chart);
    assert.equal(focused, 'widget-charts outcomes');
    await page.keyboard.press('ArrowRight');
    const tip = await page.$eval('#widget-charts', (w) => w.shadowRoot.querySelector('.tooltip:not([hidden])').textContent);
    assert.match(tip, /^上年结转：4 件.*（2\/9，方向键切换）/);
    // The check view: the verdict is a live region; findings are text, not inert buttons.
    await page.evaluate(
      () =>
        new Promise((ok) => {
          document.getElementById('widget-check').addEventListener('nianbao-checked', ok, { once: true });
          [...document.querySelectorAll('#zoom tr')].find((tr) => tr.textContent.includes('（一）予以公开')).lastElementChild.textContent = '27';
        }),
    );
    const check = await page.$eval('#widget-check', (w) => ({
      findings: w.shadowRoot.querySelectorAll('.findings .finding.error').length > 0,
      live: w.shadowRoot.querySelector('.verdict').getAttribute('aria-live'),
      buttons: w.shadowRoot.querySelectorAll('.findings button').length,
    }));
    assert.deepEqual(check, { findings: true, live: 'polite', buttons: 0 });
    assertClean(log);
  } finally {
    await close();
  }
});

test('properties set before the module loads are kept (the element upgrades late)', async () => {
  const bare = readFileSync(resolve(WWW, 'embed.html'), 'utf8')
    .replace(/<script type="module" src="nianbao-report.js"><\/script>/, '')
    .replace(/<nianbao-report[^>]*><\/nianbao-report>/g, '');
  const routes = {
    '**/embed-late.html': (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers: { 'content-security-policy': STRICT_CSP }, body: bare }),
  };
  const { page, log, close } = await openPage({ path: 'embed-late.html', routes });
  try {
    const sample = readFileSync(resolve(WWW, 'sample-2021.txt'), 'utf8');
    const report = await page.evaluate(async (sample) => {
      const w = document.createElement('nianbao-report');
      w.id = 'late';
      w.text = sample; // an own property of the not yet upgraded element
      w.view = 'full';
      document.querySelector('.side').prepend(w);
      const checked = new Promise((ok) => w.addEventListener('nianbao-checked', (e) => ok(e.detail.report.format)));
      await import('/nianbao-report.js');
      return checked;
    }, sample);
    assert.equal(report, '2021');
    const late = await page.$eval('#late', (w) => ({ view: w.getAttribute('view'), tables: w.shadowRoot.querySelectorAll('table.report').length, charts: w.shadowRoot.querySelectorAll('canvas').length }));
    assert.equal(late.view, 'full');
    assert.ok(late.tables >= 3, `${late.tables} tables`);
    assert.equal(late.charts, 3);
    assertClean(log);
  } finally {
    await close();
  }
});

test('a wasm that fails to load leaves a message in the widget and the host page intact', async () => {
  const routes = { '**/pkg/nianbao_bg.wasm': (route) => route.fulfill({ status: 500, body: 'no' }) };
  const { page, log, close } = await openPage({ routes });
  try {
    await ready(page, '#widget-check', 'error');
    const text = await page.$eval('#widget-check', (w) => w.shadowRoot.querySelector('.status').textContent);
    assert.match(text, /年报图表载入失败/);
    assert.deepEqual(log.errors.filter((e) => e.startsWith('pageerror')), [], 'no unhandled error or rejection');
    assert.deepEqual(log.violations, []);
    // The host page still works.
    assert.equal(await page.$eval('h1.title', (h) => h.textContent), '某某市某某局2023年政府信息公开工作年度报告');
  } finally {
    await close();
  }
});

/** Every cell of a report (spec §6) as `table.row.col` → `state value`. */
function cellsOf(report) {
  const out = {};
  for (const [t, rows] of Object.entries(report.tables ?? {})) {
    for (const [r, cols] of Object.entries(rows ?? {})) {
      for (const [c, cell] of Object.entries(cols ?? {})) out[`${t}.${r}.${c}`] = `${cell.state} ${cell.value ?? ''}`;
    }
  }
  return out;
}

test('src= a .docx or a .pdf: read by the file-reader module, which is fetched only then', async () => {
  const fixture = (p) => readFileSync(resolve(repoRoot, 'tests/fixtures', p));
  const serveFile = (body, contentType) => (route) => route.fulfill({ status: 200, contentType, body });
  // A PDF printed by Chromium from an HTML fixture, served beside that HTML; a Word file
  // written by python-docx from known cells (tests/fixtures/docx/expected.json).
  const { page, log, close } = await openPage({
    routes: {
      '**/reports/source.html': serveFile(fixture('shapes/s08_word_2021.html'), 'text/html; charset=utf-8'),
      '**/reports/report.pdf': serveFile(fixture('pdf/chromium_s08_word_2021.pdf'), 'application/pdf'),
      '**/reports/scanned.pdf': serveFile(fixture('pdf/scanned.pdf'), 'application/pdf'),
      '**/reports/report.docx': serveFile(fixture('docx/f2021-layout.docx'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
    },
  });
  try {
    await ready(page, '#widget-charts');
    const readerFetches = () => log.requests.filter((u) => /\/pkg-pdf\/nianbao_pdf(_bg\.wasm|\.js)$/.test(u)).length;
    assert.equal(readerFetches(), 0, 'a widget reading the article fetches no file reader');
    const result = await page.evaluate(async () => {
      const make = (id, src) =>
        new Promise((ok) => {
          const w = document.createElement('nianbao-report');
          w.id = id;
          w.addEventListener('nianbao-checked', (e) => ok({ report: e.detail.report }));
          w.addEventListener('nianbao-error', (e) => ok({ error: e.detail.message, state: w.getAttribute('state') }));
          w.setAttribute('src', src);
          document.querySelector('.side').append(w);
          w.scrollIntoView();
        });
      return {
        html: await make('w-html', 'reports/source.html'),
        pdf: await make('w-pdf', 'reports/report.pdf'),
        docx: await make('w-docx', 'reports/report.docx'),
        scanned: await make('w-scanned', 'reports/scanned.pdf'),
      };
    });
    assert.equal(result.pdf.report?.input, 'pdf', JSON.stringify(result.pdf.error));
    assert.deepEqual(cellsOf(result.pdf.report), cellsOf(result.html.report), 'the PDF reads as its source');
    assert.ok(Object.keys(cellsOf(result.pdf.report)).length > 100);
    const expected = JSON.parse(fixture('docx/expected.json').toString('utf8'))['f2021-layout'];
    const docxCells = cellsOf(result.docx.report);
    for (const [t, r, c, state, value] of expected.cells) assert.equal(docxCells[`${t}.${r}.${c}`], `${state} ${value ?? ''}`, `${t}.${r}.${c}`);
    assert.equal(result.docx.report.format, String(expected.format));
    assert.match(result.scanned.error, /扫描件/);
    assert.equal(result.scanned.state, 'error');
    assert.equal(readerFetches(), 2, 'the file-reader module (glue and wasm) fetched once for both files');
    for (const id of ['#w-pdf', '#w-docx']) assert.ok((await inkedPixels(page, `${id} canvas[data-chart="outcomes"]`)) > 500, `${id}: chart drawn`);
    assertClean(log);
  } finally {
    await close();
  }
});

test('dist/widget is self-contained: copied under a portal path, it works as is', async () => {
  execFileSync(process.execPath, [resolve(repoRoot, 'scripts/build-widget.mjs')], { stdio: 'pipe' });
  const portal = mkdtempSync(resolve(tmpdir(), 'nianbao-portal-'));
  const other = await serve({ port: 0, root: portal, csp: { '/article.html': STRICT_CSP } });
  try {
    cpSync(resolve(repoRoot, 'dist/widget'), resolve(portal, 'static/nianbao'), { recursive: true });
    assert.match(readFileSync(resolve(portal, 'static/nianbao/README.txt'), 'utf8'), /<nianbao-report for="#zoom"><\/nianbao-report>/);
    const article = readFileSync(resolve(WWW, 'embed.html'), 'utf8').replace('src="nianbao-report.js"', 'src="/static/nianbao/nianbao-report.js"');
    writeFileSync(resolve(portal, 'article.html'), article);
    for (const f of ['embed-portal.css', 'embed-icon.svg']) cpSync(resolve(WWW, f), resolve(portal, f));
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    const requests = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await page.goto(other.url + 'article.html');
    await ready(page, '#widget-charts');
    assert.ok((await inkedPixels(page, '#widget-charts canvas[data-chart="outcomes"]')) > 500);
    // The copy carries the file-reader module: a PDF beside the article reads.
    cpSync(resolve(repoRoot, 'tests/fixtures/pdf/chromium_s08_word_2021.pdf'), resolve(portal, 'report.pdf'));
    const input = await page.evaluate(
      () =>
        new Promise((ok) => {
          const w = document.createElement('nianbao-report');
          w.addEventListener('nianbao-checked', (e) => ok(e.detail.report.input));
          w.addEventListener('nianbao-error', (e) => ok(e.detail.message));
          w.setAttribute('src', '/report.pdf');
          document.querySelector('.side').append(w);
          w.scrollIntoView();
        }),
    );
    assert.equal(input, 'pdf');
    assert.deepEqual(errors, []);
    assert.ok(requests.filter((p) => p.endsWith('.js') || p.endsWith('.wasm')).every((p) => p.startsWith('/static/nianbao/')), requests.join(' '));
    await context.close();
  } finally {
    await other.close();
    rmSync(portal, { recursive: true, force: true });
  }
});
