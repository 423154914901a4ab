"""Write the DOCX fixtures of tests/docx.rs with python-docx, from known cells.

Input: the JSON of `cargo run --example docx_source` (generated reports rendered as portal
pages, every cell they hold, the relations planted broken) and the seed report's text.
Each page's paragraphs and tables become a Word document as Word and python-docx write
them: merged cells through python-docx's `cell.merge` (w:gridSpan and w:vMerge), runs
split mid-word, and per fixture: automatic numbering for section headings and table row
labels (一、 （一） 1.), a tracked insertion and deletion, a table inside a layout table, a
text box (mc:AlternateContent with both a Choice and a Fallback copy), a content control,
field results, line breaks and tabs. Output is deterministic (fixed dates, fixed zip
timestamps). Run through scripts/make-docx-fixtures.sh.
"""

import datetime
import html.parser
import json
import os
import random
import re
import sys
import zipfile

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

# ---------------------------------------------------------------------------------------
# HTML → blocks


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children = []

    def text(self):
        out = []
        for c in self.children:
            if isinstance(c, str):
                out.append(c)
            elif c.tag == "br":
                out.append("\n")
            else:
                out.append(c.text())
        return "".join(out)


class TreeBuilder(html.parser.HTMLParser):
    VOID = {"br", "meta", "link", "img", "hr", "input"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", [], None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        if tag not in self.VOID:
            self.cur = n

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def blocks_of(page):
    """The article's blocks: ('title'|'heading'|'para', text) and ('table', rows), rows
    being lists of (text, colspan, rowspan). Page chrome (nav, metadata table, footer,
    scripts) is left out: a Word document has none."""
    tb = TreeBuilder()
    tb.feed(page)
    out = []

    def walk(n):
        for c in n.children:
            if isinstance(c, str):
                continue
            cls = c.attrs.get("class", "") or ""
            if c.tag in ("script", "style", "head") or cls in ("nav", "footer", "meta"):
                continue
            if c.tag == "h1":
                out.append(("title", c.text().strip()))
            elif c.tag == "p":
                strong = any(not isinstance(x, str) and x.tag == "strong" for x in c.children)
                out.append(("heading" if strong else "para", c.text().strip()))
            elif c.tag == "table":
                rows = []
                for tr in iter_tags(c, "tr"):
                    row = []
                    for td in tr.children:
                        if isinstance(td, str) or td.tag not in ("td", "th"):
                            continue
                        row.append(
                            (
                                td.text().strip(),
                                int(td.attrs.get("colspan", 1)),
                                int(td.attrs.get("rowspan", 1)),
                            )
                        )
                    rows.append(row)
                out.append(("table", rows))
            else:
                walk(c)

    walk(tb.root)
    return out


def iter_tags(n, tag):
    for c in n.children:
        if isinstance(c, str):
            continue
        if c.tag == tag:
            yield c
        else:
            yield from iter_tags(c, tag)


def occupancy(rows):
    """Place cells with their spans: [(r, c, text, colspan, rowspan)] and the size."""
    taken = set()
    placed = []
    width = 0
    for r, row in enumerate(rows):
        c = 0
        for text, cs, rs in row:
            while (r, c) in taken:
                c += 1
            placed.append((r, c, text, cs, rs))
            for dr in range(rs):
                for dc in range(cs):
                    taken.add((r + dr, c + dc))
            c += cs
            width = max(width, c)
    height = max([r for r, _ in taken] + [-1]) + 1
    return placed, height, width


# ---------------------------------------------------------------------------------------
# Automatic numbering

CN = "一二三四五六七八九十"


def cn_number(s):
    """一 … 十九 → 1 … 19 (enough for report headings and rows)."""
    if s == "十":
        return 10
    if s.startswith("十") and len(s) == 2:
        return 10 + CN.index(s[1]) + 1
    if len(s) == 1 and s in CN:
        return CN.index(s) + 1
    if len(s) == 2 and s[1] == "十":
        return (CN.index(s[0]) + 1) * 10
    return None


ORDINALS = [
    (0, re.compile(r"^([一二三四五六七八九十]+)、")),
    (1, re.compile(r"^（([一二三四五六七八九十]+)）")),
    (2, re.compile(r"^(\d+)\.")),
]


class WordList:
    """One Word list (w:num over its own w:abstractNum) of three levels 一、 （一） 1., and
    Word's counters for it: a label is numbered automatically only where Word would
    write exactly the number the text has."""

    def __init__(self, doc, abstract_id, formats, suffix="nothing", texts=("%1、", "（%2）", "%3.")):
        self.levels = formats
        numbering = doc.part.numbering_part.element
        lvls = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:suff w:val="{suffix if i == 0 else "nothing"}"/><w:lvlText w:val="{texts[i]}"/>'
            f'<w:lvlJc w:val="left"/></w:lvl>'
            for i, fmt in enumerate(formats)
        )
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
            f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>'
        )
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        self.num_id = numbering.add_num(abstract_id).numId
        self.counters = [0, 0, 0]

    def apply(self, paragraph, text):
        """Strip the ordinal Word would write and number the paragraph; else the text."""
        for lvl, rx in ORDINALS:
            m = rx.match(text)
            if not m:
                continue
            n = cn_number(m.group(1)) if lvl < 2 else int(m.group(1))
            if n is None or n != self.counters[lvl] + 1:
                return text
            self.counters[lvl] = n
            for lower in range(lvl + 1, 3):
                self.counters[lower] = 0
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = lvl
            num_pr.get_or_add_numId().val = self.num_id
            return text[m.end():]
        return text


# ---------------------------------------------------------------------------------------
# Writing


def add_runs(paragraph, text, rng, split):
    """Text as runs, split mid-word at random when `split` (Word does: spell checking,
    revisions, formatting); `\n` as a w:br, a tab as a w:tab."""
    for i, line in enumerate(text.split("\n")):
        if i:
            paragraph.add_run().add_break()
        pieces = [line]
        if split and len(line) > 1:
            pieces, rest = [], line
            while rest:
                k = rng.randint(1, 5)
                pieces.append(rest[:k])
                rest = rest[k:]
        for piece in pieces:
            paragraph.add_run(piece)


def set_cell(cell, text, rng, split, numbering=None):
    p = cell.paragraphs[0]
    if numbering is not None:
        text = numbering.apply(p, text)
    add_runs(p, text, rng, split)
    return p


def write_table(container, rows, rng, feats, numbering=None, special=None):
    placed, height, width = occupancy(rows)
    table = container.add_table(rows=height, cols=width)
    table.style = "Table Grid"
    for r, c, text, cs, rs in placed:
        if cs > 1 or rs > 1:
            table.cell(r, c).merge(table.cell(r + rs - 1, c + cs - 1))
    for r, c, text, cs, rs in placed:
        cell = table.cell(r, c)
        if special and special(cell, r, c, text):
            continue
        set_cell(cell, text, rng, "split-runs" in feats, numbering)
    return table


def tracked_value(cell, value):
    """A value corrected with tracked changes: the old text deleted, the new inserted."""
    p = cell.paragraphs[0]
    p._p.append(
        parse_xml(
            f'<w:del {W_NS} w:id="901" w:author="审核" w:date="2024-01-05T00:00:00Z">'
            f"<w:r><w:delText>错数</w:delText></w:r></w:del>"
        )
    )
    p._p.append(
        parse_xml(
            f'<w:ins {W_NS} w:id="902" w:author="审核" w:date="2024-01-05T00:00:00Z">'
            f"<w:r><w:t>{value}</w:t></w:r></w:ins>"
        )
    )


def sum_field(cell, value):
    """A 总计 written as Word's =SUM(LEFT) field: the instruction, then the result."""
    p = cell.paragraphs[0]
    for xml in [
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        '<w:r><w:instrText xml:space="preserve"> =SUM(LEFT) </w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        f"<w:r><w:t>{value}</w:t></w:r>",
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    ]:
        p._p.append(parse_xml(xml.replace("<w:r>", f"<w:r {W_NS}>", 1)))


TEXT_BOX = "本报告电子版可在本机关门户网站下载。"


def text_box_paragraph(doc):
    """A paragraph anchoring a text box, as Word 2010+ saves it: the DrawingML box in
    mc:Choice and the same box as VML in mc:Fallback."""
    box = (
        f'<w:txbxContent><w:p><w:r><w:t>{TEXT_BOX}</w:t></w:r></w:p></w:txbxContent>'
    )
    xml = (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="3000000" cy="400000"/><wp:wrapNone/><wp:docPr id="50" name="文本框 1"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx>{box}</wps:txbx><wps:bodyPr/></wps:wsp>'
        '</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
        '<mc:Fallback><w:pict><v:shape id="文本框 1" type="#_x0000_t202" style="width:236pt;height:31pt">'
        f'<v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>'
    )
    p = doc.add_paragraph()
    p._p.append(parse_xml(xml))
    return p


def wrap_sdt(paragraph):
    """Put a block-level paragraph inside a content control (w:sdt)."""
    p = paragraph._p
    sdt = parse_xml(
        f'<w:sdt {W_NS}><w:sdtPr><w:alias w:val="标题"/><w:tag w:val="title"/>'
        '<w:showingPlcHdr/></w:sdtPr><w:sdtContent/></w:sdt>'
    )
    p.addprevious(sdt)
    sdt.find(qn("w:sdtContent")).append(p)


def fixed(doc):
    cp = doc.core_properties
    when = datetime.datetime(2024, 1, 10, 9, 0, 0)
    cp.created = when
    cp.modified = when
    cp.last_modified_by = "nianbao"
    cp.author = "nianbao"
    cp.revision = 1


def save(doc, path):
    fixed(doc)
    tmp = path + ".tmp"
    doc.save(tmp)
    # Fixed timestamps and order: the same bytes on every run.
    with zipfile.ZipFile(tmp) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zi = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 10, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            zout.writestr(zi, data, compresslevel=9)
    os.remove(tmp)


def value_of(cells, table, row, col):
    for t, r, c, state, v in cells:
        if (t, r, c) == (table, row, col):
            return state, v
    return None, None


def fmt_value(v):
    return str(int(v)) if v is not None and float(v).is_integer() else str(v)


def build_fixture(fx, out_dir):
    feats = set(fx["features"])
    rng = random.Random(fx["name"])
    doc = docx.Document()
    split = "split-runs" in feats
    sections = tables = None
    if "numbering" in feats or "numbering-thousand" in feats:
        thousand = "numbering-thousand" in feats
        first = "chineseCountingThousand" if thousand else "chineseCounting"
        suffix = "tab" if thousand else "nothing"
        sections = WordList(doc, 90, [first, "chineseCounting", "decimal"], suffix)
        tables = WordList(doc, 91, [first, first, "decimal"])
    table_no = 0
    blocks = blocks_of(fx["html"])
    for kind, *rest in blocks:
        if kind == "table":
            table_no += 1
            rows = rest[0]
            numbering = tables if table_no == 2 else None
            if table_no == 2 and "layout" in feats:
                outer = doc.add_table(rows=1, cols=1)
                holder = outer.cell(0, 0)
                holder.paragraphs[0].add_run("表三：收到和处理政府信息公开申请情况")
                inner = write_table(holder, rows, rng, feats, numbering)
                holder.add_paragraph("（单位：件）")
                table = inner
            else:
                table = write_table(doc, rows, rng, feats, numbering)
            decorate_table(table, table_no, fx, feats)
            continue
        text = original = rest[0]
        p = doc.add_paragraph()
        if kind == "title":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if kind in ("heading", "para") and sections is not None:
            text = sections.apply(p, text)
        if "breaks" in feats and kind == "para" and "统计期限" in text:
            text = text.replace("本报告所列数据", "\n本报告所列数据", 1)
        if "breaks" in feats and kind == "para" and text.startswith("本年度未收取"):
            text = "说明：\t" + text
        add_runs(p, text, rng, split)
        if kind in ("title", "heading"):
            for r in p.runs:
                r.bold = True
        if kind == "title" and "sdt" in feats:
            wrap_sdt(p)
        if kind == "para" and "tracked" in feats and "深入贯彻落实" in text:
            p._p.append(
                parse_xml(
                    f'<w:del {W_NS} w:id="903" w:author="审核" w:date="2024-01-05T00:00:00Z">'
                    "<w:r><w:delText>（此句已删除）</w:delText></w:r></w:del>"
                )
            )
            p._p.append(
                parse_xml(
                    f'<w:moveFrom {W_NS} w:id="904" w:author="审核" w:date="2024-01-05T00:00:00Z">'
                    "<w:r><w:t>（此句已移走）</w:t></w:r></w:moveFrom>"
                )
            )
            p._p.append(
                parse_xml(
                    f'<w:ins {W_NS} w:id="905" w:author="审核" w:date="2024-01-05T00:00:00Z">'
                    "<w:r><w:t>（此句为修订插入）</w:t></w:r></w:ins>"
                )
            )
        if kind == "para" and "field" in feats and text.startswith("本年度未收取"):
            p._p.append(
                parse_xml(
                    f'<w:fldSimple {W_NS} w:instr=" NUMPAGES "><w:r><w:t>（共1页）</w:t></w:r></w:fldSimple>'
                )
            )
        if kind == "para" and "textbox" in feats and original.startswith("本年度未收取"):
            text_box_paragraph(doc)
        if kind == "heading" and "numbering-thousand" in feats and "存在的主要问题" in text:
            circled = WordList(
                doc, 92, ["decimalEnclosedCircleChinese", "chineseCounting", "decimal"],
                texts=("%1", "（%2）", "%3."),
            )
            for item in ["一、加强业务培训。", "二、完善工作机制。"]:
                q = doc.add_paragraph()
                # Circled numbers (①②) from numbering, like many reports' sub-lists.
                num_pr = q._p.get_or_add_pPr().get_or_add_numPr()
                num_pr.get_or_add_ilvl().val = 0
                num_pr.get_or_add_numId().val = circled.num_id
                add_runs(q, item[2:], rng, split)
    path = os.path.join(out_dir, fx["name"] + ".docx")
    save(doc, path)
    return path


def decorate_table(table, table_no, fx, feats):
    """Per-fixture Word features inside the tables (applied after the cells are written)."""
    if table_no != 2:
        return
    # 表三's columns: the last seven grid columns are the values, 总计 last.
    for ri, row in enumerate(table.rows):
        cells = row.cells
        joined = "".join(c.text for c in cells[:3])
        if "tracked" in feats and "予以公开" in joined:
            state, v = value_of(fx["cells"], "applications", "granted", "natural_person")
            cell = cells[-7]
            for p in cell.paragraphs:
                for r in list(p.runs):
                    r._r.getparent().remove(r._r)
            tracked_value(cell, fmt_value(v))
        if "field" in feats and "本年新收" in joined:
            state, v = value_of(fx["cells"], "applications", "new_received", "total")
            cell = cells[-1]
            for p in cell.paragraphs:
                for r in list(p.runs):
                    r._r.getparent().remove(r._r)
            sum_field(cell, fmt_value(v))
        if "sdt" in feats and "上年结转" in joined:
            state, v = value_of(fx["cells"], "applications", "carried_over", "total")
            cell = cells[-1]
            p = cell.paragraphs[0]
            for r in list(p.runs):
                r._r.getparent().remove(r._r)
            p._p.append(
                parse_xml(
                    f'<w:sdt {W_NS}><w:sdtPr><w:alias w:val="数值"/></w:sdtPr>'
                    f"<w:sdtContent><w:r><w:t>{fmt_value(v)}</w:t></w:r></w:sdtContent></w:sdt>"
                )
            )
    if "breaks" in feats:
        for row in table.rows[:4]:
            for cell in row.cells:
                for p in cell.paragraphs:
                    if p.text in ("商业企业", "科研机构"):
                        t = p.text
                        for r in list(p.runs):
                            r._r.getparent().remove(r._r)
                        p.add_run(t[:2]).add_break()
                        p.add_run(t[2:])


def build_seed(seed_path, layout_html, out_dir):
    """The seed report as Word would hold it: its lines as paragraphs, its three tables'
    cells (one per line in the text, in reading order) laid into the 2019 format's
    merged layout."""
    lines = open(seed_path, encoding="utf-8").read().splitlines()
    layout = [b for b in blocks_of(layout_html) if b[0] == "table"]
    segments = []
    for line in lines:
        s = line.rstrip()
        if s.endswith("|"):
            cell = s[:-1].strip()
            if segments and segments[-1][0] == "table":
                segments[-1][1].append(cell)
            else:
                segments.append(("table", [cell]))
        elif s.strip():
            segments.append(("para", s.strip()))
    doc = docx.Document()
    rng = random.Random("seed")
    t = 0
    for kind, content in segments:
        if kind == "para":
            p = doc.add_paragraph()
            add_runs(p, content, rng, True)
            continue
        rows = layout[t][1]
        t += 1
        n = sum(len(r) for r in rows)
        if n != len(content):
            sys.exit(f"seed table {t}: {len(content)} cells, layout has {n}")
        it = iter(content)
        filled = [[(next(it), cs, rs) for (_, cs, rs) in row] for row in rows]
        write_table(doc, filled, rng, {"split-runs"})
    if t != 3:
        sys.exit(f"seed: {t} tables")
    path = os.path.join(out_dir, "seed-2020-linyi-police.docx")
    save(doc, path)
    return path


def main():
    source, seed, out_dir = sys.argv[1:4]
    data = json.load(open(source, encoding="utf-8"))
    os.makedirs(out_dir, exist_ok=True)
    expected = {}
    for fx in data["fixtures"]:
        path = build_fixture(fx, out_dir)
        expected[fx["name"]] = {
            "format": fx["format"],
            "year": fx["year"],
            "features": fx["features"],
            "cells": fx["cells"],
            "errors": fx["errors"],
        }
        print(f"{path}: {os.path.getsize(path)} bytes")
    # The seed is a real report: never committed. The tests turn the corpus's copy into a
    # Word file when they run (tests/common/seed.rs); build_seed stays for a local look.
    del seed
    with open(os.path.join(out_dir, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=0, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
