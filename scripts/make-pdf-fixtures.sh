#!/usr/bin/env bash
# Regenerates tests/fixtures/pdf/: the same invented reports as tests/fixtures/shapes/
# (whose cells tests/shapes.rs knows) and the seed report, turned into PDF by real
# producers, plus the PDFs the error messages are tested with.
#
#   lo_*       LibreOffice Writer (soffice --headless --convert-to pdf) from HTML or text
#   chromium_* Chromium's print-to-PDF (the WenQuanYi Micro Hei font), A5 pages so tables
#              break across pages; *_thead repeats 表三's header rows on every page
#   rl_*       reportlab with STSong-Light: a Type0 font with the predefined CMap
#              UniGB-UCS2-H and no ToUnicode (text only through the Adobe-GB1 table)
#   scanned    an image-only PDF (img2pdf), encrypted (reportlab, empty user password)
#
# Needs: apt-get install -y --no-install-recommends libreoffice-writer-nogui chromium
#        fonts-wqy-microhei img2pdf; pip install reportlab pillow
set -euo pipefail
cd "$(dirname "$0")/.."
src=tests/fixtures/shapes
out=tests/fixtures/pdf
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"

# A fragment becomes a whole page (LibreOffice drops the first paragraph of a bare
# fragment); A5 pages with the CJK font, so every table meets a page break.
page() { # page IN OUT [thead]
    python3 - "$1" "$2" "${3:-}" <<'EOF'
import re, sys
src, dst, thead = sys.argv[1], sys.argv[2], sys.argv[3]
s = open(src, encoding="utf-8").read()
body = re.search(r"<body[^>]*>(.*)</body>", s, re.S | re.I)
body = body.group(1) if body else s
if thead:
    # 表三 (the table holding 申请人情况): its first three rows as <thead>, which
    # Chromium prints again at the top of every page the table goes on to.
    def head(m):
        t = m.group(0)
        rows = list(re.finditer(r"<tr[\s>].*?</tr>", t, re.S | re.I))
        if len(rows) < 4:
            return t
        a, b = rows[0].start(), rows[2].end()
        return t[:a] + "<thead>" + t[a:b] + "</thead><tbody>" + t[b:].replace("</table>", "</tbody></table>", 1)
    body = re.sub(r"<table[\s>](?:(?!</table>).)*申请人情况.*?</table>", head, body, count=1, flags=re.S | re.I)
style = ("@page { size: A5; margin: 15mm } body { font-family: 'WenQuanYi Micro Hei'; "
         "font-size: 10pt } table { border-collapse: collapse } td, th { border: 1px solid #000 }")
open(dst, "w", encoding="utf-8").write(
    '<!DOCTYPE html><html><head><meta charset="utf-8"><style>' + style +
    "</style></head><body><p>&nbsp;</p>" + body + "</body></html>")
EOF
}

# A tab-separated copy (known cells) as the HTML a word processor would hold: each run of
# tabbed lines one bordered table, other lines paragraphs.
tabs_page() { # tabs_page IN.txt OUT.html
    python3 - "$1" "$2" <<'EOF'
import html, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
out, in_table = [], False
for l in lines:
    if "\t" in l:
        if not in_table:
            out.append('<table border="1">'); in_table = True
        out.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in l.split("\t")) + "</tr>")
    else:
        if in_table:
            out.append("</table>"); in_table = False
        if l.strip():
            out.append(f"<p>{html.escape(l)}</p>")
if in_table:
    out.append("</table>")
open(sys.argv[2], "w", encoding="utf-8").write("<html><body>" + "\n".join(out) + "</body></html>")
EOF
}

chromium_pdf() { # chromium_pdf HTML OUT
    chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
        --print-to-pdf="$2" "$1" >/dev/null 2>&1
}

lo_pdf() { # lo_pdf IN OUTNAME
    local d="$tmp/lo"
    mkdir -p "$d"
    cp "$1" "$d/$2.${1##*.}"
    soffice --headless --convert-to pdf --outdir "$d" "$d/$2.${1##*.}" >/dev/null 2>&1
    cp "$d/$2.pdf" "$out/$2.pdf"
}

tabs_page "$src/p_planted_tabs_2021.txt" "$tmp/p_planted_tabs_2021.src.html"
for f in s07_fragment_2019 s08_word_2021 p_planted_word_2019; do
    cp "$src/$f.html" "$tmp/$f.src.html"
done
for f in s07_fragment_2019 s08_word_2021 p_planted_word_2019 p_planted_tabs_2021; do
    page "$tmp/$f.src.html" "$tmp/$f.html"
    lo_pdf "$tmp/$f.html" "lo_$f"
    chromium_pdf "$tmp/$f.html" "$out/chromium_$f.pdf"
done
page "$src/s08_word_2021.html" "$tmp/thead.html" thead
chromium_pdf "$tmp/thead.html" "$out/chromium_s08_word_2021_thead.pdf"

# The seed report is real: never committed. The tests print the corpus's copy to PDF with
# Chromium when they run (tests/common/seed.rs, examples/seed_files.rs).

# reportlab: the pdftotext-shaped fixtures laid out line by line (half-width columns),
# a page number at the foot of each page; STSong-Light is not embedded and has no
# ToUnicode: its codes are UCS-2 through UniGB-UCS2-H.
python3 - "$src" "$out" <<'EOF'
import sys, unicodedata
from reportlab.pdfgen import canvas
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
src, out = sys.argv[1], sys.argv[2]
pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
def cols(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
for name in ["x_pdf_layout_2021", "x_pdf_text_2019"]:
    lines = open(f"{src}/{name}.txt", encoding="utf-8").read().split("\n")
    c = canvas.Canvas(f"{out}/rl_{name}.pdf", pagesize=(842, 595), invariant=1)
    size, y, page = 8, 560, 1
    for line in lines:
        if y < 40:
            c.setFont("STSong-Light", size)
            c.drawCentredString(421, 20, f"- {page} -")
            c.showPage(); y, page = 560, page + 1
        c.setFont("STSong-Light", size)
        # Each run of non-space text at its column (a column is half the font size).
        i, col = 0, 0
        while i < len(line):
            if line[i] == " ":
                col += 1; i += 1; continue
            j = i
            while j < len(line) and not (line[j] == " " and (j + 1 >= len(line) or line[j + 1] == " ")):
                j += 1
            c.drawString(30 + col * size / 2, y, line[i:j])
            col += cols(line[i:j]); i = j
        y -= size * 1.5
    c.setFont("STSong-Light", size)
    c.drawCentredString(421, 20, f"- {page} -")
    c.showPage(); c.save()

# Encrypted with the empty user password (RC4): readers open it without asking.
from reportlab.lib.pdfencrypt import StandardEncryption
c = canvas.Canvas(f"{out}/encrypted.pdf", encrypt=StandardEncryption("", "owner"), invariant=1)
c.setFont("STSong-Light", 12); c.drawString(72, 700, "某某局2023年政府信息公开工作年度报告"); c.showPage(); c.save()

# A scan: one page holding only a picture.
from PIL import Image, ImageDraw
im = Image.new("L", (600, 800), 255)
d = ImageDraw.Draw(im)
for k in range(10):
    d.rectangle([50, 60 + 60 * k, 550, 100 + 60 * k], outline=0)
im.save("/tmp/nianbao-scan.png")
EOF
img2pdf --pagesize A4 -o "$out/scanned.pdf" /tmp/nianbao-scan.png
rm -f /tmp/nianbao-scan.png
ls -l "$out"
