//! The report as a document before it takes a shape: title, prose, headings and the three
//! standard tables with the format's merged cells, every piece already styled.

use super::style::Style;
use super::table::{TCell, Tbl};
use super::Shape;
use crate::schema::{
    application_rows, proactive_subtables, TableId, APPLICANT_COLUMNS, APPLICATION_GROUPS,
    DISPUTE_BLOCKS, DISPUTE_COLUMNS,
};
use crate::synth::{CellKey, Rng, Stated, Synth, SynthValue};

pub(super) enum Block {
    Title(String),
    Heading(String),
    Para(String),
    Table(Tbl),
}

pub(super) struct Doc {
    pub(super) title: String,
    /// A portal's metadata table above the article (索引号, 发布机构, 发文日期, 标题).
    pub(super) meta: Vec<(String, String)>,
    pub(super) blocks: Vec<Block>,
}

impl Synth {
    /// The report as a sequence of paragraphs and tables, before it takes a shape.
    pub(super) fn document(&self, base: Shape, style: Style) -> Doc {
        let mut rng = Rng::new(self.seed ^ 0xD0C);
        let f = self.format;
        let y = self.year;
        let a = self.agency.as_str();
        let thousands = style.thousands(base);
        let mut blocks = Vec::new();
        let st = |s: &str| style.apply(s);
        let total_new = self.stated_number(Stated::Received);
        let total_over = self.stated_number(Stated::CarriedOver);
        let review = self.stated_number(Stated::Review);
        let litigation = self.stated_number(Stated::Litigation);

        let title = format!("{a}{y}年政府信息公开工作年度报告");
        let published = format!("{}-01-{:02}", y + 1, 10 + self.seed % 20);
        let chrome = !base.is_html() && style.dialect.text_chrome;
        if chrome {
            // A portal page copied whole (`real-012.txt`): its metadata lines, the title
            // again, and bullet chrome whose lone `|` is no table.
            blocks.push(Block::Para(st(&format!("标题: {title}"))));
            blocks.push(Block::Para(st(&format!(
                "索引号: 11{:014}K/{}-None 文号: 无文号",
                self.seed % 100_000_000_000_000,
                y + 1
            ))));
            blocks.push(Block::Para(st(&format!(
                "发文日期: {published} 发布机构: {a}"
            ))));
            blocks.push(Block::Title(st(&title)));
            blocks.push(Block::Para(st(&format!("发布日期:{published}"))));
            blocks.push(Block::Para("  • 字号:".to_string()));
            blocks.push(Block::Para("  • |".to_string()));
            blocks.push(Block::Para("  • 打印".to_string()));
        }
        if base == Shape::CellPerLinePipes && rng.chance(500) {
            // Copied headings wrap like the seed's "…2020年政府信息\n公开工作年度报告".
            let cut = title
                .char_indices()
                .nth(title.chars().count().saturating_sub(8))
                .map(|(i, _)| i);
            match cut {
                Some(i) => {
                    blocks.push(Block::Title(st(&title[..i])));
                    blocks.push(Block::Title(st(&title[i..])));
                }
                None => blocks.push(Block::Title(st(&title))),
            }
        } else {
            blocks.push(Block::Title(st(&title)));
        }
        blocks.push(Block::Para(st(&format!(
            "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（{}）要求编制。本报告所列数据的统计期限为{y}年1月1日至{y}年12月31日。如对本报告有疑问，请与{a}联系{}。",
            f.notice(),
            if chrome { "（邮编：255000，电话：0533-2286643，传真：0533-2287070）" } else { "" }
        ))));

        blocks.push(Block::Heading(st("一、总体情况")));
        blocks.push(Block::Para(st(&format!(
            "{y}年，{a}深入贯彻落实《条例》和上级关于政务公开工作的部署，坚持以公开为常态、不公开为例外，持续提升政务公开质量和实效。"
        ))));
        let received =
            format!("本年度共收到政府信息公开申请{total_new}件，上年结转{total_over}件，均在法定期限内答复。");
        let supervision = format!(
            "本年度因政府信息公开工作被申请行政复议{review}件，提起行政诉讼{litigation}件。"
        );
        for (subheading, text) in [
            (
                "（一）主动公开",
                "围绕中心工作，及时公开政策文件、规划计划、财政预决算、重点领域信息，并做好政策解读和回应关切。",
            ),
            ("（二）依申请公开", received.as_str()),
            (
                "（三）政府信息管理",
                "严格落实信息发布保密审查制度，动态更新政府信息公开指南和目录。",
            ),
            (
                "（四）平台建设",
                "优化政府网站信息公开专栏，加强政务新媒体管理，拓宽公开渠道。",
            ),
            ("（五）监督保障", supervision.as_str()),
        ] {
            blocks.push(Block::Para(st(subheading)));
            blocks.push(Block::Para(st(text)));
        }

        blocks.push(Block::Heading(st("二、主动公开政府信息情况")));
        if base == Shape::Markdown {
            blocks.push(Block::Para(st("## 表二：主动公开政府信息情况")));
        }
        blocks.push(Block::Table(
            self.proactive_table(style, thousands, base, &mut rng),
        ));

        blocks.push(Block::Heading(st("三、收到和处理政府信息公开申请情况")));
        if rng.chance(500) {
            blocks.push(Block::Para(st(&format!(
                "{y}年度收到政府信息公开申请情况如下。"
            ))));
        }
        if base == Shape::Markdown {
            blocks.push(Block::Para(st("## 表三：收到和处理政府信息公开申请情况")));
        }
        blocks.push(Block::Table(
            self.applications_table(style, thousands, base, &mut rng),
        ));

        blocks.push(Block::Heading(st(if rng.chance(300) {
            "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"
        } else {
            "四、政府信息公开行政复议、行政诉讼情况"
        })));
        blocks.push(Block::Table(self.disputes_table(style, thousands)));

        blocks.push(Block::Heading(st(if rng.chance(500) {
            "五、政府信息公开工作存在的主要问题及改进情况"
        } else {
            "五、存在的主要问题及改进情况"
        })));
        blocks.push(Block::Para(st(
            "本年度政府信息公开工作取得一定成效，但仍存在一些不足：一是主动公开的深度和广度有待拓展；二是政策解读形式不够丰富。下一步，将加强业务培训，完善工作机制，提高公开质量。",
        )));
        blocks.push(Block::Heading(st("六、其他需要报告的事项")));
        blocks.push(Block::Para(st("本年度未收取信息处理费。")));
        blocks.push(Block::Para(st(a)));
        blocks.push(Block::Para(st(&format!(
            "{}年1月{}日",
            y + 1,
            rng.range(10, 30)
        ))));
        if chrome {
            blocks.push(Block::Para(st("【打印本页】 【关闭窗口】")));
        }
        let published = format!("{}-01-{:02}", y + 1, rng.range(10, 31));
        let meta = vec![
            (
                st("索引号："),
                format!(
                    "11{:014}X/{}-{:05}",
                    rng.below(10u64.pow(14)),
                    y + 1,
                    rng.range(1, 300)
                ),
            ),
            (st("发布机构："), st(a)),
            (st("发文日期："), published),
            (st("标题："), st(&title)),
        ];
        Doc {
            title: st(&title),
            meta,
            blocks,
        }
    }

    pub(super) fn value_cell(&self, key: CellKey, style: Style, thousands: bool) -> TCell {
        let text = self.value_text(key, style, thousands);
        // Word and some editors pad a number with no-break spaces (`&nbsp;12`).
        let text = if style.dialect.nbsp_values && !text.is_empty() {
            format!("\u{a0}{text}\u{a0}")
        } else {
            text
        };
        let mut cell = TCell::new(text);
        cell.value = true;
        cell
    }

    /// The text written for a cell: the value's text, styled; some reports sign a 2019
    /// 本年增/减 increase (`+173`).
    pub(super) fn value_text(&self, key: CellKey, style: Style, thousands: bool) -> String {
        let v = self.values.get(&key).copied().unwrap_or(SynthValue::Blank);
        let text = match v {
            SynthValue::Count(n) if key.2 == "change" && n > 0 && self.seed % 3 == 0 => {
                format!("+{n}")
            }
            _ => v.text(thousands),
        };
        style.apply(&text)
    }

    /// 表二: one table of four columns, each sub-table headed by its 第二十条 caption.
    pub(super) fn proactive_table(
        &self,
        style: Style,
        thousands: bool,
        base: Shape,
        rng: &mut Rng,
    ) -> Tbl {
        let width = 4;
        let mut rows = Vec::new();
        let split_2019 = base == Shape::CellPerLinePipes && rng.chance(500);
        for sub in proactive_subtables(self.proactive_layout()) {
            rows.push(vec![TCell::new(
                style.apply(&format!("第二十条第（{}）项", sub.item)),
            )
            .span(width, 1)]);
            // The last column spans what the label and the other columns leave of the width.
            let n = sub.columns.len();
            let colspan = |i: usize| if i + 1 == n { width - n } else { 1 };
            let mut head = vec![TCell::new(style.apply("信息内容"))];
            for (i, c) in sub.columns.iter().enumerate() {
                // The seed wraps 2019 headers: "本年新 制作数量".
                let label = if split_2019 && c.label.starts_with("本年新") {
                    c.label.replacen("本年新", "本年新 ", 1)
                } else {
                    c.label.to_string()
                };
                head.push(TCell::new(style.apply(&label)).span(colspan(i), 1));
            }
            rows.push(head);
            for r in sub.rows {
                let label = match template_note(r.key) {
                    Some(note) if style.dialect.noted_labels => format!("{}{note}", r.label),
                    _ => r.label.to_string(),
                };
                let mut row = vec![TCell::new(style.apply(&label))];
                for (i, c) in sub.columns.iter().enumerate() {
                    row.push(
                        self.value_cell((TableId::Proactive, r.key, c.key), style, thousands)
                            .span(colspan(i), 1),
                    );
                }
                rows.push(row);
            }
        }
        Tbl { width, rows }
    }

    /// 表三 with the format's merged cells: a three-column label area, groups as rowspans.
    pub(in crate::synth) fn applications_table(
        &self,
        style: Style,
        thousands: bool,
        base: Shape,
        rng: &mut Rng,
    ) -> Tbl {
        let width = 10;
        let st = |s: &str| style.apply(s);
        // Header words split over two lines in the source cell (`real-030.txt`,
        // `real-055.txt`, `real-006.txt`): "商业 企业" in one cell, or two cells.
        let split_words = rng.chance(500);
        let word = |label: &str| -> Vec<TCell> {
            let parts: Option<(&str, &str)> = match label {
                "商业企业" => Some(("商业", "企业")),
                "科研机构" => Some(("科研", "机构")),
                _ => None,
            };
            match (parts, split_words, base) {
                (Some((x, y)), true, Shape::BlankLineCells) => {
                    vec![TCell::new(st(x)), TCell::new(st(y))]
                }
                (Some((x, y)), true, Shape::InlinePipes) => {
                    vec![TCell::new(st(&format!("{x} {y}")))]
                }
                _ => vec![TCell::new(st(label))],
            }
        };
        let mut rows = vec![
            vec![
                TCell::new(st(
                    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                ))
                .span(3, 3),
                TCell::new(st("申请人情况")).span(7, 1),
            ],
            vec![
                TCell::new(st("自然人")).span(1, 2),
                TCell::new(st("法人或其他组织")).span(5, 1),
                TCell::new(st("总计")).span(1, 2),
            ],
        ];
        let mut third = Vec::new();
        for c in APPLICANT_COLUMNS
            .iter()
            .filter(|c| c.key != "natural_person" && c.key != "total")
        {
            third.extend(word(c.label));
        }
        rows.push(third);

        let app_rows = application_rows(self.format);
        let results = app_rows
            .iter()
            .filter(|r| r.group.is_some() || r.key == "other_handling")
            .count()
            + 1;
        let mut open_groups: Vec<&str> = Vec::new();
        for r in app_rows {
            let mut row = Vec::new();
            let label = if r.key == "partially_granted" {
                "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
            } else {
                r.label
            };
            match r.key {
                "new_received" | "carried_over" | "carried_forward" => {
                    row.push(TCell::new(st(label)).span(3, 1))
                }
                _ => {
                    if r.key == "granted" {
                        row.push(TCell::new(st("三、本年度办理结果")).span(1, results));
                    }
                    // Sub-groups （三）（四）（五）and 2021 （六）: a rowspan over their items.
                    let sub = r
                        .group
                        .filter(|g| APPLICATION_GROUPS.iter().skip(1).any(|(l, _)| l == g));
                    match sub {
                        Some(g) if !open_groups.contains(&g) => {
                            open_groups.push(g);
                            let n = app_rows.iter().filter(|x| x.group == Some(g)).count();
                            row.push(TCell::new(st(g)).span(1, n));
                            row.push(TCell::new(st(label)));
                        }
                        Some(_) => row.push(TCell::new(st(label))),
                        None => row.push(TCell::new(st(label)).span(2, 1)),
                    }
                }
            }
            for c in APPLICANT_COLUMNS.iter() {
                row.push(self.value_cell((TableId::Applications, r.key, c.key), style, thousands));
            }
            rows.push(row);
        }
        Tbl { width, rows }
    }

    /// 表四: 行政复议 (5) | 行政诉讼 (10: 未经复议直接起诉 5, 复议后起诉 5), one value row.
    pub(in crate::synth) fn disputes_table(&self, style: Style, thousands: bool) -> Tbl {
        let st = |s: &str| style.apply(s);
        let top = vec![
            TCell::new(st("行政复议")).span(5, 1),
            TCell::new(st("行政诉讼")).span(10, 1),
        ];
        // 行政复议's five columns span two rows; the two kinds of 行政诉讼 span five columns.
        let mut middle: Vec<TCell> = DISPUTE_COLUMNS
            .iter()
            .map(|c| TCell::new(st(c.label)).span(1, 2))
            .collect();
        for b in DISPUTE_BLOCKS.iter().skip(1) {
            let short = b.label.rsplit('·').next().unwrap_or(b.label);
            middle.push(TCell::new(st(short)).span(5, 1));
        }
        let bottom: Vec<TCell> = (0..2)
            .flat_map(|_| DISPUTE_COLUMNS.iter().map(|c| TCell::new(st(c.label))))
            .collect();
        let values: Vec<TCell> = DISPUTE_BLOCKS
            .iter()
            .flat_map(|b| DISPUTE_COLUMNS.iter().map(move |c| (b.key, c.key)))
            .map(|(b, c)| self.value_cell((TableId::Disputes, b, c), style, thousands))
            .collect();
        Tbl {
            width: 15,
            rows: vec![top, middle, bottom, values],
        }
    }
}

pub(super) fn filler_paragraph(rng: &mut Rng, year: i32, agency: &str) -> String {
    const PHRASES: [&str; 8] = [
        "坚持以人民为中心的发展思想，",
        "围绕优化营商环境、乡村振兴、民生保障等重点领域，",
        "进一步规范政府信息公开申请办理流程，",
        "强化政策解读和回应关切，",
        "依托政府网站集约化平台，",
        "严格落实保密审查制度，",
        "推动政务公开标准化规范化建设向基层延伸，",
        "持续加强政务新媒体管理，",
    ];
    let mut p = format!("{year}年，{agency}");
    for _ in 0..rng.range(4, 10) {
        if let Some(x) = rng.pick(&PHRASES) {
            p.push_str(x);
        }
    }
    p.push_str("政务公开工作取得新成效。");
    p
}

/// The bracketed note a provincial template (Hubei's) prints after a 表二 row label.
fn template_note(row: &str) -> Option<&'static str> {
    match row {
        "regulations" => Some("（设区的市、自治州人民政府应提供相关数据）"),
        "other_services" => Some("（指除行政许可、行政处罚、行政强制以外的事项）"),
        _ => None,
    }
}
