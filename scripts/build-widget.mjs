// Copies the widget's files (scripts/widget-files.mjs: www/nianbao-report.js and everything
// it imports, the wasm beside the glue, and the file-reader module pkg-pdf/ that reads
// src="….docx/.pdf" when one arrives) into dist/widget/ with their relative layout, and
// writes README.txt (in Chinese, for the portal team) with the file list and sizes.
//   node scripts/build-widget.mjs     (after scripts/build-web.sh; see scripts/build-widget.sh)
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { STRICT_CSP } from './serve.mjs';
import { fileReaderFiles, widgetFiles, WWW } from './widget-files.mjs';

const root = resolve(WWW, '..');
const out = resolve(root, 'dist/widget');
const files = widgetFiles();
const readers = fileReaderFiles();
const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(resolve(root, 'Cargo.toml'), 'utf8'))?.[1] ?? '';

rmSync(out, { recursive: true, force: true });
/** Copy `list`; its README rows and gzipped total. */
function copy(list) {
  let gz = 0;
  const rows = [];
  for (const f of list) {
    mkdirSync(dirname(resolve(out, f)), { recursive: true });
    copyFileSync(resolve(WWW, f), resolve(out, f));
    const raw = readFileSync(resolve(WWW, f));
    const g = gzipSync(raw, { level: 9 }).length;
    gz += g;
    rows.push(`  ${f.padEnd(26)} ${(raw.length / 1024).toFixed(1).padStart(7)} KB（gzip 后 ${(g / 1024).toFixed(1)} KB）`);
  }
  return { rows, gz };
}
const { rows, gz: gzTotal } = copy(files);
const lazy = copy(readers);

const readme = `年报体检 · 嵌入组件 <nianbao-report>（版本 ${version}）
================================================

在门户网站的政府信息公开工作年度报告文章页上，直接读取页面上已有的报告表格，
在文章旁边画出三张图表（表三申请办理情况、表二行政许可处罚强制、表四复议诉讼），
也可以显示表格勾稽关系的检查结果。全部在访问者的浏览器中完成：不需要服务器程序，
不上传任何内容，不请求本站以外的任何地址，不改动门户页面的样式。


一、部署
--------
把本文件夹整个复制到门户网站的同一个域名下，例如 /static/nianbao/，
文件夹内的相对位置不要改动（nianbao-report.js 旁边必须有 js/、pkg/ 和 pkg-pdf/）。
服务器对 .wasm 文件应返回 Content-Type: application/wasm（多数服务器默认如此；
否则组件仍可使用，只是载入稍慢）。js/、pkg/ 和 pkg-pdf/ 中的文件来自同一次构建，请一起更新。


二、使用（两行）
----------------
在报告文章页的模板中加入：

  <script type="module" src="/static/nianbao/nianbao-report.js"></script>
  <nianbao-report for="#zoom"></nianbao-report>

for 填写文章正文所在元素的选择器（常见的有 #zoom、.TRS_Editor、.article-content）。
组件在滚动到可见位置时才载入检查程序（约 ${(gzTotal / 1024).toFixed(0)} KB，gzip 后），同一页面上的
多个组件共用一次载入。


三、属性
--------
  for="选择器"      读取本页上该元素中的报告（保留表格的合并单元格结构）；
                    该元素内容变化时自动重新检查。
  src="地址"        读取本站的一个报告文件（.html、.htm、.txt，UTF-8 或 GBK；
                    Word .docx 和有文字层的 PDF 也可以，读取时才载入 pkg-pdf/ 中的
                    文件读取模块）。只能是同一域名下的文件。
  （元素内容）      不写 for 和 src 时，读取 <nianbao-report> 标签之间的文字或表格。
  view="charts"     只显示三张图表（默认）；
  view="check"      显示检查结论和发现的问题（适合草稿预览）；
  view="full"       检查结论、问题、三张表格和图表。
  lang="zh-CN"      组件内容为中文，默认即 zh-CN。

脚本接口：
  元素.text = "报告全文"    用脚本提供报告内容（优先于 src、for 和元素内容）；
  元素.report               最近一次检查结果（JSON 对象）；
  元素.view                 同 view 属性；
  元素.refresh()            立即重新检查；
  事件 nianbao-checked      检查并显示完毕，event.detail.report 为检查结果；
  事件 nianbao-error        出错，event.detail.message 为中文说明；
  属性 state                loading（载入中）、ready（已显示）、empty（没有可显示的报告）、
                            error（出错），可用于门户样式，如
                            nianbao-report[state="empty"] { display: none; }


四、样式（CSS 自定义属性）
--------------------------
组件使用 Shadow DOM：门户的样式不会影响组件，组件的样式也不会影响门户。
可以通过以下 CSS 自定义属性调整组件的字体和颜色，例如：

  nianbao-report { --nianbao-font: "Microsoft YaHei", sans-serif; --nianbao-accent: #a00; }

  --nianbao-font                 字体（默认系统无衬线中文字体）
  --nianbao-font-size            字号（默认 16px）
  --nianbao-text                 文字颜色（#1f2933）
  --nianbao-muted                次要文字颜色（#5b6570）
  --nianbao-line                 边框、分隔线颜色（#d5dae0）
  --nianbao-background           按钮、问题列表的底色（#ffffff）
  --nianbao-accent               强调色：选中的问题、单元格高亮（#1f5fa8）
  --nianbao-focus                键盘焦点框颜色（#0b57d0）
  --nianbao-error                错误颜色（#b3261e）
  --nianbao-error-background     错误底色（#fdecea）
  --nianbao-warning              警告文字颜色（#8a5a00）
  --nianbao-warning-line         警告边框颜色（#d98e04）
  --nianbao-ok                   通过颜色（#1e6b34）
  --nianbao-ok-background        通过底色（#e6f4ea）
  --nianbao-na-background        提示、无法判断的底色（#eef1f4）
  --nianbao-radius               圆角（6px）

图表中各类别的颜色是固定的（同一类别在各图表、各报告中颜色一致），不随主题改变。
组件宽度随所在位置自动适应，手机上图表上下排列，宽栏中并排显示。
外层元素可以用普通 CSS 设置 nianbao-report 的外边距、宽度等，也可以用 ::part(widget)、
::part(status)、::part(verdict)、::part(findings)、::part(tables)、::part(charts) 调整各部分。


五、内容安全策略（CSP）
----------------------
组件没有内联脚本、不使用 eval、不写内联样式，可以在下面这样严格的策略下使用
（WebAssembly 需要 'wasm-unsafe-eval'）：

  Content-Security-Policy: ${STRICT_CSP}

如果门户已有策略，只需确保 script-src 包含组件所在的本站地址和 'wasm-unsafe-eval'，
connect-src（或 default-src）允许本站（用于载入 .wasm 和 src 指定的报告文件）。


六、文件
--------
${rows.join('\n')}
  合计 gzip 后 ${(gzTotal / 1024).toFixed(1)} KB

  读取 Word / PDF 文件（src 指向 .docx 或 .pdf）时才载入：
${lazy.rows.join('\n')}
  合计 gzip 后 ${(lazy.gz / 1024).toFixed(1)} KB
`;
writeFileSync(resolve(out, 'README.txt'), readme);
console.log(`build-widget: ${files.length + readers.length} files and README.txt in ${out} (${(gzTotal / 1024).toFixed(1)} KB gzipped at first; the file-reader module ${(lazy.gz / 1024).toFixed(1)} KB more when a Word or PDF file arrives)`);
