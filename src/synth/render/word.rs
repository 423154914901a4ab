//! A Word "save as web page" export: `MsoNormal` paragraphs, `mso-` styles, `<o:p>`,
//! `&nbsp;` in empty cells, entities, CRLF.

use super::document::{Block, Doc};
use super::html::escape_html;
use super::style::Style;
use std::fmt::Write as _;

/// Word writes digits and Latin text in their own `<span lang=EN-US>` runs.
pub(super) fn word_runs(s: &str) -> String {
    let mut out = String::new();
    let mut ascii = String::new();
    let flush = |out: &mut String, ascii: &mut String| {
        if !ascii.is_empty() {
            let _ = write!(out, "<span lang=EN-US>{}</span>", escape_html(ascii, true));
            ascii.clear();
        }
    };
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ',') {
            ascii.push(c);
        } else {
            flush(&mut out, &mut ascii);
            out.push_str(&escape_html(&c.to_string(), true));
        }
    }
    flush(&mut out, &mut ascii);
    out
}

pub(super) fn render_word_html(doc: &Doc, _style: Style) -> String {
    const NL: &str = "\r\n";
    let mut out = String::new();
    let title = escape_html(&doc.title, true);
    for line in [
        "<html xmlns:v=\"urn:schemas-microsoft-com:vml\"",
        "xmlns:o=\"urn:schemas-microsoft-com:office:office\"",
        "xmlns:w=\"urn:schemas-microsoft-com:office:word\"",
        "xmlns:m=\"http://schemas.microsoft.com/office/2004/12/omml\"",
        "xmlns=\"http://www.w3.org/TR/REC-html40\">",
        "",
        "<head>",
        "<meta http-equiv=Content-Type content=\"text/html; charset=utf-8\">",
        "<meta name=ProgId content=Word.Document>",
        "<meta name=Generator content=\"Microsoft Word 15\">",
        "<meta name=Originator content=\"Microsoft Word 15\">",
    ] {
        out.push_str(line);
        out.push_str(NL);
    }
    let _ = write!(out, "<title>{title}</title>{NL}");
    for line in [
        "<!--[if gte mso 9]><xml>",
        " <o:DocumentProperties>",
        "  <o:Author>admin</o:Author>",
        "  <o:Pages>6</o:Pages>",
        "  <o:Words>1024</o:Words>",
        " </o:DocumentProperties>",
        "</xml><![endif]-->",
        "<style>",
        "<!--",
        " /* Font Definitions */",
        " @font-face",
        "\t{font-family:宋体;",
        "\tpanose-1:2 1 6 0 3 1 1 1 1 1;}",
        "p.MsoNormal, li.MsoNormal, div.MsoNormal",
        "\t{mso-style-parent:\"\";",
        "\tmargin:0cm;",
        "\ttext-align:justify;",
        "\tfont-size:10.5pt;",
        "\tfont-family:\"Times New Roman\",serif;}",
        "-->",
        "</style>",
        "</head>",
        "",
        "<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>",
        "",
        "<div class=WordSection1 style='layout-grid:15.6pt'>",
        "",
    ] {
        out.push_str(line);
        out.push_str(NL);
    }
    let para = |out: &mut String, s: &str, heading: bool, center: bool| {
        let align = if center {
            " align=center style='text-align:center'"
        } else {
            ""
        };
        let indent = if center {
            ""
        } else {
            " style='text-indent:32.0pt;mso-char-indent-count:2.0'"
        };
        let weight = if heading {
            "font-family:黑体;mso-hansi-font-family:\"Times New Roman\""
        } else {
            "font-family:仿宋_GB2312"
        };
        let _ = write!(
            out,
            "<p class=MsoNormal{align}{indent}><span{NL}style='font-size:16.0pt;{weight}'>{}</span><span{NL}lang=EN-US style='font-size:16.0pt'><o:p></o:p></span></p>{NL}{NL}",
            word_runs(s)
        );
    };
    for block in &doc.blocks {
        match block {
            Block::Title(s) => para(&mut out, s, true, true),
            Block::Heading(s) => para(&mut out, s, true, false),
            Block::Para(s) => para(&mut out, s, false, false),
            Block::Table(t) => {
                let _ = write!(
                    out,
                    "<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0{NL} style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;{NL} mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>{NL}"
                );
                for (r, row) in t.rows.iter().enumerate() {
                    let _ = write!(out, " <tr style='mso-yfti-irow:{r};height:21.0pt'>{NL}");
                    for c in row {
                        let mut attrs = String::new();
                        if c.colspan > 1 {
                            let _ = write!(attrs, " colspan={}", c.colspan);
                        }
                        if c.rowspan > 1 {
                            let _ = write!(attrs, " rowspan={}", c.rowspan);
                        }
                        let body = if c.text.is_empty() {
                            "<span lang=EN-US><o:p>&nbsp;</o:p></span>".to_string()
                        } else {
                            format!(
                                "<span style='font-size:10.5pt;font-family:宋体;mso-ascii-font-family:\"Times New Roman\"'>{}<o:p></o:p></span>",
                                word_runs(&c.text)
                            )
                        };
                        let _ = write!(
                            out,
                            "  <td width=64{attrs} valign=center style='width:48.0pt;border:solid windowtext 1.0pt;{NL}  mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'>{NL}  <p class=MsoNormal align=center style='text-align:center'>{body}</p>{NL}  </td>{NL}"
                        );
                    }
                    let _ = write!(out, " </tr>{NL}");
                }
                let _ = write!(out, "</table>{NL}{NL}<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>{NL}{NL}");
            }
        }
    }
    let _ = write!(out, "</div>{NL}{NL}</body>{NL}{NL}</html>{NL}");
    out
}
