//! A saved portal page or a pasted HTML fragment.

use super::document::{Block, Doc};
use super::style::Style;
use std::fmt::Write as _;

pub(super) fn escape_html(s: &str, word: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '“' if word => out.push_str("&#8220;"),
            '”' if word => out.push_str("&#8221;"),
            '、' if word => out.push_str("&#12289;"),
            _ => out.push(c),
        }
    }
    out
}

pub(super) fn render_html(doc: &Doc, style: Style) -> String {
    let mut out = String::new();
    let title = escape_html(&doc.title, false);
    // A clipboard fragment is the article alone; a saved page has the page around it.
    let page = !style.dialect.fragment;
    if page {
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<link rel=\"stylesheet\" href=\"/css/article.css\">\n<style>.article td{{border:1px solid #000;padding:4px 6px}} .nav a{{color:#333}}</style>\n</head>\n<body>\n<div class=\"nav\"><a href=\"/\">首页</a> &gt; <a href=\"/zwgk/\">政务公开</a> &gt; <a href=\"/zwgk/ndbg/\">政府信息公开年度报告</a></div>\n<div class=\"article\">\n"
        );
        if style.dialect.layout_table {
            out.push_str("<table width=\"100%\" class=\"layout\"><tr><td class=\"content\" valign=\"top\">\n");
        }
        // Page chrome: the portal's metadata table, with numbers that belong to no report table.
        out.push_str("<table class=\"meta\">\n");
        for pair in doc.meta.chunks(2) {
            out.push_str("<tr>");
            for (k, v) in pair {
                let _ = write!(
                    out,
                    "<td class=\"k\">{}</td><td>{}</td>",
                    escape_html(k, false),
                    escape_html(v, false)
                );
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</table>\n");
    }
    for block in &doc.blocks {
        match block {
            Block::Title(s) => {
                let _ = writeln!(out, "<h1 class=\"title\">{}</h1>", escape_html(s, false));
            }
            Block::Heading(s) => {
                let _ = writeln!(
                    out,
                    "<p style=\"text-indent:2em\"><strong>{}</strong></p>",
                    escape_html(s, false)
                );
            }
            Block::Para(s) => {
                let _ = writeln!(
                    out,
                    "<p style=\"text-indent:2em\">{}</p>",
                    escape_html(s, false)
                );
            }
            Block::Table(t) => {
                out.push_str("<table border=\"1\" cellspacing=\"0\" cellpadding=\"0\" width=\"100%\">\n<tbody>\n");
                let placeheld;
                let t = if style.dialect.header_placeholders {
                    placeheld = t.with_header_placeholders();
                    &placeheld
                } else {
                    t
                };
                for row in &t.rows {
                    out.push_str("<tr>");
                    let tag = if style.dialect.th_headers && !row.iter().any(|c| c.value) {
                        "th"
                    } else {
                        "td"
                    };
                    for c in row {
                        let _ = write!(out, "<{tag}");
                        if c.colspan > 1 {
                            let _ = write!(out, " colspan=\"{}\"", c.colspan);
                        }
                        if c.rowspan > 1 {
                            let _ = write!(out, " rowspan=\"{}\"", c.rowspan);
                        }
                        let text = if style.dialect.zero_width_spaces
                            && !c.value
                            && c.text.chars().count() > 6
                        {
                            let at = c.text.char_indices().nth(2).map(|(i, _)| i).unwrap_or(0);
                            format!("{}\u{200b}{}", &c.text[..at], &c.text[at..])
                        } else {
                            c.text.clone()
                        };
                        let mut body = escape_html(&text, false);
                        if style.dialect.header_breaks && !c.value {
                            for (first, second) in
                                [("商业", "企业"), ("科研", "机构"), ("社会公益", "组织")]
                            {
                                let (first, second) = (style.apply(first), style.apply(second));
                                body = body.replace(
                                    &format!("{first}{second}"),
                                    &format!("{first}<br>{second}"),
                                );
                            }
                        }
                        let _ = write!(out, " style=\"text-align:center\">{body}</{tag}>");
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n</table>\n");
            }
        }
    }
    if page {
        if style.dialect.layout_table {
            out.push_str("</td></tr></table>\n");
        }
        out.push_str(
            "</div>\n<div class=\"footer\"><p>主办单位：本站 &nbsp; 联系我们 | 网站地图</p></div>\n<script>var share = {title: document.title};</script>\n</body>\n</html>\n",
        );
    }
    out
}
