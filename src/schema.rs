//! The two national formats as data: canonical keys (the spec's snake_case English), the
//! Chinese label printed in the format beside each key, the words that identify a label in
//! messy input, and what kind of value each cell holds. Everything that knows "which rows
//! and columns exist" reads this module; nothing else hard-codes a label.

use serde::Serialize;

/// Which national format a report's tables follow (detected from labels, never from the year).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
pub enum Format {
    #[serde(rename = "2019")]
    F2019,
    #[serde(rename = "2021")]
    F2021,
}

impl Format {
    pub fn key(self) -> &'static str {
        match self {
            Format::F2019 => "2019",
            Format::F2021 => "2021",
        }
    }
    pub fn notice(self) -> &'static str {
        match self {
            Format::F2019 => "国办公开办函〔2019〕60号",
            Format::F2021 => "国办公开办函〔2021〕30号",
        }
    }
    /// Report years the format is meant for.
    pub fn years(self) -> (i32, i32) {
        match self {
            Format::F2019 => (2019, 2020),
            Format::F2021 => (2021, i32::MAX),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum TableId {
    Proactive,
    Applications,
    Disputes,
}

impl TableId {
    pub const ALL: [TableId; 3] = [TableId::Proactive, TableId::Applications, TableId::Disputes];
    pub fn key(self) -> &'static str {
        match self {
            TableId::Proactive => "proactive",
            TableId::Applications => "applications",
            TableId::Disputes => "disputes",
        }
    }
    /// The name users know the table by.
    pub fn name_zh(self) -> &'static str {
        match self {
            TableId::Proactive => "表二",
            TableId::Applications => "表三",
            TableId::Disputes => "表四",
        }
    }
    pub fn title_zh(self) -> &'static str {
        match self {
            TableId::Proactive => "主动公开政府信息情况",
            TableId::Applications => "收到和处理政府信息公开申请情况",
            TableId::Disputes => "政府信息公开行政复议、行政诉讼情况",
        }
    }
}

/// What a cell holds; decides which cell checks apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// A non-negative integer count.
    Count,
    /// An integer that may be negative (2019 `change` 本年增/减).
    SignedCount,
    /// Money; decimals allowed, unit may be written in the cell.
    Amount,
}

#[derive(Debug, Clone, Copy)]
pub struct ColumnDef {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: ValueKind,
    /// The unit of the column's values (axis captions of the charts): 件 for cases and
    /// documents, 项 for 2019's item counts, 万元 where the format says so, empty for an
    /// amount whose unit the format leaves to the report.
    pub unit: &'static str,
}

const fn col(key: &'static str, label: &'static str) -> ColumnDef {
    ColumnDef {
        key,
        label,
        kind: ValueKind::Count,
        unit: "件",
    }
}

/// A row of a standard table.
#[derive(Debug, Clone, Copy)]
pub struct RowDef {
    pub key: &'static str,
    /// The label as printed in the format (the short form used in messages).
    pub label: &'static str,
    /// Group label printed before it (rowspan in the format), e.g. （三）不予公开.
    pub group: Option<&'static str>,
    /// Normalised fragments that identify this row's label in input (any one suffices,
    /// together with the label-shape check in `bind`).
    pub needles: &'static [&'static str],
    /// The characters every needle holds, as a `char_mask`: a text whose mask lacks one
    /// of them holds no needle (the binder's cheap first test).
    pub needle_chars: u64,
}

/// The bit of character `c` in a `char_mask` (a multiplicative hash to 64 bits).
pub const fn char_bit(c: u32) -> u64 {
    1 << (c.wrapping_mul(0x9E37_79B1) >> 26)
}

/// The set of characters of `s`, hashed to 64 bits: where `char_mask(a) & !char_mask(b)`
/// is not 0, `a` has a character `b` lacks, so `b` cannot contain `a`.
pub const fn char_mask(s: &str) -> u64 {
    let b = s.as_bytes();
    let mut mask = 0;
    let mut i = 0;
    while i < b.len() {
        // UTF-8 decoding by hand: `chars()` is not available in a const fn.
        let x = b[i] as u32;
        let (c, len) = if x < 0x80 {
            (x, 1)
        } else if x < 0xE0 {
            (((x & 0x1F) << 6) | (b[i + 1] as u32 & 0x3F), 2)
        } else if x < 0xF0 {
            (
                ((x & 0x0F) << 12) | ((b[i + 1] as u32 & 0x3F) << 6) | (b[i + 2] as u32 & 0x3F),
                3,
            )
        } else {
            (
                ((x & 0x07) << 18)
                    | ((b[i + 1] as u32 & 0x3F) << 12)
                    | ((b[i + 2] as u32 & 0x3F) << 6)
                    | (b[i + 3] as u32 & 0x3F),
                4,
            )
        };
        mask |= char_bit(c);
        i += len;
    }
    mask
}

/// The characters all of `needles` hold (`RowDef::needle_chars`).
pub const fn common_chars(needles: &[&str]) -> u64 {
    let mut mask = u64::MAX;
    let mut i = 0;
    while i < needles.len() {
        mask &= char_mask(needles[i]);
        i += 1;
    }
    if needles.is_empty() {
        0
    } else {
        mask
    }
}

const fn row(
    key: &'static str,
    label: &'static str,
    group: Option<&'static str>,
    needles: &'static [&'static str],
) -> RowDef {
    RowDef {
        key,
        label,
        group,
        needles,
        needle_chars: common_chars(needles),
    }
}

// ---------------------------------------------------------------------------------------
// 表三 收到和处理政府信息公开申请情况 (same columns in both formats)

pub const APPLICANT_COLUMNS: [ColumnDef; 7] = [
    col("natural_person", "自然人"),
    col("commercial", "商业企业"),
    col("research", "科研机构"),
    col("social_welfare", "社会公益组织"),
    col("legal_service", "法律服务机构"),
    col("other_org", "其他"),
    col("total", "总计"),
];

/// The six applicant columns whose sum is `total`.
pub const APPLICANT_PARTS: [&str; 6] = [
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_service",
    "other_org",
];

/// The note printed in 表三's top-left header cell (the same in both formats).
pub const APPLICATIONS_NOTE: &str =
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
/// The header over all of 表三's columns.
pub const APPLICANT_HEADING: &str = "申请人情况";
/// The header over the five organisation columns between 自然人 and 总计.
pub const ORGANISATION_HEADING: &str = "法人或其他组织";

const G3: Option<&str> = Some("（三）不予公开");
const G4: Option<&str> = Some("（四）无法提供");
const G5: Option<&str> = Some("（五）不予处理");
const G6: Option<&str> = Some("（六）其他处理");

const APP_HEAD: [RowDef; 4] = [
    row(
        "new_received",
        "一、本年新收政府信息公开申请数量",
        None,
        &["本年新收", "新收政府信息公开申请"],
    ),
    row(
        "carried_over",
        "二、上年结转政府信息公开申请数量",
        None,
        &["上年结转"],
    ),
    row(
        "granted",
        "（一）予以公开",
        Some("三、本年度办理结果"),
        &["予以公开"],
    ),
    row(
        "partially_granted",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        Some("三、本年度办理结果"),
        &["部分公开"],
    ),
];

const APP_DENIED_TO_REJECTED: [RowDef; 16] = [
    row("denied_state_secret", "1.属于国家秘密", G3, &["国家秘密"]),
    row(
        "denied_prohibited_by_law",
        "2.其他法律行政法规禁止公开",
        G3,
        &["禁止公开"],
    ),
    row(
        "denied_security_stability",
        "3.危及“三安全一稳定”",
        G3,
        &["三安全一稳定", "危及"],
    ),
    row(
        "denied_third_party",
        "4.保护第三方合法权益",
        G3,
        &["第三方"],
    ),
    row(
        "denied_internal_affairs",
        "5.属于三类内部事务信息",
        G3,
        &["内部事务"],
    ),
    row(
        "denied_process_info",
        "6.属于四类过程性信息",
        G3,
        &["过程性信息"],
    ),
    row(
        "denied_enforcement_file",
        "7.属于行政执法案卷",
        G3,
        &["执法案卷"],
    ),
    row(
        "denied_administrative_query",
        "8.属于行政查询事项",
        G3,
        &["行政查询"],
    ),
    row(
        "unable_not_held",
        "1.本机关不掌握相关政府信息",
        G4,
        &["不掌握"],
    ),
    row(
        "unable_needs_creation",
        "2.没有现成信息需要另行制作",
        G4,
        &["另行制作", "没有现成信息"],
    ),
    row(
        "unable_unclear",
        "3.补正后申请内容仍不明确",
        G4,
        &["仍不明确", "补正后"],
    ),
    row(
        "rejected_petition",
        "1.信访举报投诉类申请",
        G5,
        &["信访举报", "投诉类"],
    ),
    row("rejected_duplicate", "2.重复申请", G5, &["重复申请"]),
    row(
        "rejected_publication",
        "3.要求提供公开出版物",
        G5,
        &["出版物"],
    ),
    row(
        "rejected_excessive",
        "4.无正当理由大量反复申请",
        G5,
        &["大量反复"],
    ),
    row(
        "rejected_confirmation",
        "5.要求行政机关确认或重新出具已获取信息",
        G5,
        &["重新出具", "确认或重新"],
    ),
];

const APP_OTHER_2019: [RowDef; 1] = [row("other_handling", "（六）其他处理", None, &["其他处理"])];

const APP_OTHER_2021: [RowDef; 3] = [
    row(
        "other_overdue_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        G6,
        &["逾期不补正"],
    ),
    row(
        "other_overdue_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        G6,
        &["收费通知", "缴纳费用"],
    ),
    row("other_reasons", "3.其他", G6, &["3.其他"]),
];

const APP_TAIL: [RowDef; 2] = [
    row(
        "total_processed",
        "（七）总计",
        None,
        &["(七)总计", "七)总计"],
    ),
    row(
        "carried_forward",
        "四、结转下年度继续办理",
        None,
        &["结转下年度"],
    ),
];

macro_rules! concat_rows {
    ($($part:expr),+ $(,)?) => {{
        const LEN: usize = 0 $(+ $part.len())+;
        const OUT: [RowDef; LEN] = {
            let mut out = [APP_HEAD[0]; LEN];
            let mut n = 0;
            $(
                let part = &$part;
                let mut i = 0;
                while i < part.len() {
                    out[n] = part[i];
                    n += 1;
                    i += 1;
                }
            )+
            out
        };
        &OUT
    }};
}

pub const APPLICATION_ROWS_2019: &[RowDef] =
    concat_rows!(APP_HEAD, APP_DENIED_TO_REJECTED, APP_OTHER_2019, APP_TAIL);
pub const APPLICATION_ROWS_2021: &[RowDef] =
    concat_rows!(APP_HEAD, APP_DENIED_TO_REJECTED, APP_OTHER_2021, APP_TAIL);

pub fn application_rows(format: Format) -> &'static [RowDef] {
    match format {
        Format::F2019 => APPLICATION_ROWS_2019,
        Format::F2021 => APPLICATION_ROWS_2021,
    }
}

/// Result rows summed into `total_processed` (T3-RESULT-TOTAL), in both formats; rows a
/// format does not have are skipped by the evaluator.
pub const RESULT_ROWS: [&str; 22] = [
    "granted",
    "partially_granted",
    "denied_state_secret",
    "denied_prohibited_by_law",
    "denied_security_stability",
    "denied_third_party",
    "denied_internal_affairs",
    "denied_process_info",
    "denied_enforcement_file",
    "denied_administrative_query",
    "unable_not_held",
    "unable_needs_creation",
    "unable_unclear",
    "rejected_petition",
    "rejected_duplicate",
    "rejected_publication",
    "rejected_excessive",
    "rejected_confirmation",
    "other_handling",
    "other_overdue_correction",
    "other_overdue_fee",
    "other_reasons",
];

/// The result rows of one group of 表三, a slice of `RESULT_ROWS` (charts draw groups).
const fn result_rows(from: usize, to: usize) -> &'static [&'static str] {
    RESULT_ROWS.split_at(to).0.split_at(from).1
}

/// （三）不予公开: the eight denied_* rows.
pub const DENIED_ROWS: &[&str] = result_rows(2, 10);
/// （四）无法提供: the three unable_* rows.
pub const UNABLE_ROWS: &[&str] = result_rows(10, 13);
/// （五）不予处理: the five rejected_* rows.
pub const REJECTED_ROWS: &[&str] = result_rows(13, 18);
/// （六）其他处理: 2019's one row and 2021's three.
pub const OTHER_HANDLING_ROWS: &[&str] = result_rows(18, 22);

/// 表三 as charts and other narrow places show it: each line of the format (one row, or
/// the rows of a result group) with a short label, in the format's order.
#[derive(Debug, Clone, Copy)]
pub struct RowGroupDef {
    pub key: &'static str,
    /// Short label: the row's or group's label without its ordinal and notes.
    pub short: &'static str,
    /// The rows summed into this line; rows a format does not have are skipped.
    pub rows: &'static [&'static str],
}

pub const APPLICATION_LINES: [RowGroupDef; 9] = [
    RowGroupDef {
        key: "new_received",
        short: "本年新收",
        rows: &["new_received"],
    },
    RowGroupDef {
        key: "carried_over",
        short: "上年结转",
        rows: &["carried_over"],
    },
    RowGroupDef {
        key: "granted",
        short: "予以公开",
        rows: &["granted"],
    },
    RowGroupDef {
        key: "partially_granted",
        short: "部分公开",
        rows: &["partially_granted"],
    },
    RowGroupDef {
        key: "denied",
        short: "不予公开",
        rows: DENIED_ROWS,
    },
    RowGroupDef {
        key: "unable",
        short: "无法提供",
        rows: UNABLE_ROWS,
    },
    RowGroupDef {
        key: "rejected",
        short: "不予处理",
        rows: REJECTED_ROWS,
    },
    RowGroupDef {
        key: "other",
        short: "其他处理",
        rows: OTHER_HANDLING_ROWS,
    },
    RowGroupDef {
        key: "carried_forward",
        short: "结转下年度",
        rows: &["carried_forward"],
    },
];

/// Group labels of 表三 that carry no numbers themselves (except 2019 （六）其他处理).
pub const APPLICATION_GROUPS: [(&str, &[&str]); 5] = [
    ("三、本年度办理结果", &["本年度办理结果", "办理结果"]),
    ("（三）不予公开", &["不予公开"]),
    ("（四）无法提供", &["无法提供"]),
    ("（五）不予处理", &["不予处理"]),
    ("（六）其他处理", &["其他处理"]),
];

/// How many columns a 表三 row's label spans in the format's grid (three label columns:
/// 一二三四, then （一）…（七）, then 1. 2. …): the rows 一、二、四 span all three, a row
/// under a sub-group (（三）…（六）) one, the other result rows two.
pub fn application_label_span(def: &RowDef) -> usize {
    match def.key {
        "new_received" | "carried_over" | "carried_forward" => 3,
        _ if def
            .group
            .is_some_and(|g| APPLICATION_GROUPS.iter().skip(1).any(|(l, _)| *l == g)) =>
        {
            1
        }
        _ => 2,
    }
}

// ---------------------------------------------------------------------------------------
// 表四 政府信息公开行政复议、行政诉讼情况

#[derive(Debug, Clone, Copy)]
pub struct BlockDef {
    pub key: &'static str,
    pub label: &'static str,
}

pub const DISPUTE_BLOCKS: [BlockDef; 3] = [
    BlockDef {
        key: "review",
        label: "行政复议",
    },
    BlockDef {
        key: "litigation_direct",
        label: "行政诉讼·未经复议直接起诉",
    },
    BlockDef {
        key: "litigation_after_review",
        label: "行政诉讼·复议后起诉",
    },
];

pub const DISPUTE_COLUMNS: [ColumnDef; 5] = [
    col("upheld", "结果维持"),
    col("corrected", "结果纠正"),
    col("other", "其他结果"),
    col("pending", "尚未审结"),
    col("total", "总计"),
];

pub const DISPUTE_PARTS: [&str; 4] = ["upheld", "corrected", "other", "pending"];

// ---------------------------------------------------------------------------------------
// 表二 主动公开政府信息情况

/// A sub-table of 表二, headed by 第二十条第（X）项.
#[derive(Debug, Clone, Copy)]
pub struct SubTableDef {
    /// The item number in 第二十条第（X）项.
    pub item: &'static str,
    /// What the item of 条例第二十条 is about (a short heading for charts).
    pub topic: &'static str,
    pub rows: &'static [RowDef],
    pub columns: &'static [ColumnDef],
}

impl SubTableDef {
    /// The heading printed above the sub-table: 第二十条第（X）项.
    pub fn caption(&self) -> String {
        format!("第二十条第（{}）项", self.item)
    }
}

const fn money(key: &'static str, label: &'static str, unit: &'static str) -> ColumnDef {
    ColumnDef {
        key,
        label,
        kind: ValueKind::Amount,
        unit,
    }
}
const fn signed(key: &'static str, label: &'static str) -> ColumnDef {
    ColumnDef {
        key,
        label,
        kind: ValueKind::SignedCount,
        unit: "项",
    }
}
/// 2019's counts of items (项目数量), not of cases.
const fn items(key: &'static str, label: &'static str) -> ColumnDef {
    ColumnDef {
        key,
        label,
        kind: ValueKind::Count,
        unit: "项",
    }
}

const R_REGULATIONS: RowDef = row("regulations", "规章", None, &["规章"]);
const R_NORMATIVE_2021: RowDef = row(
    "normative_documents",
    "行政规范性文件",
    None,
    &["规范性文件"],
);
const R_NORMATIVE_2019: RowDef = row("normative_documents", "规范性文件", None, &["规范性文件"]);
const R_LICENSING: RowDef = row("licensing", "行政许可", None, &["行政许可"]);
const R_OTHER_SERVICES: RowDef = row(
    "other_services",
    "其他对外管理服务事项",
    None,
    &["其他对外管理服务事项", "对外管理服务"],
);
const R_PUNISHMENT: RowDef = row("punishment", "行政处罚", None, &["行政处罚"]);
const R_COERCION: RowDef = row("coercion", "行政强制", None, &["行政强制"]);
const R_FEES: RowDef = row(
    "fees",
    "行政事业性收费",
    None,
    &["行政事业性收费", "事业性收费"],
);
const R_PROCUREMENT: RowDef = row(
    "procurement",
    "政府集中采购",
    None,
    &["政府集中采购", "集中采购"],
);

const C2021_DOCS: [ColumnDef; 3] = [
    col("issued", "本年制发件数"),
    col("repealed", "本年废止件数"),
    col("in_force", "现行有效件数"),
];
const C2021_DECISIONS: [ColumnDef; 1] = [col("decisions", "本年处理决定数量")];
const C2021_FEES: [ColumnDef; 1] = [money("amount", "本年收费金额（单位：万元）", "万元")];

const C2019_DOCS: [ColumnDef; 3] = [
    col("produced", "本年新制作数量"),
    col("published", "本年新公开数量"),
    col("total_published", "对外公开总数量"),
];
const C2019_ITEMS: [ColumnDef; 3] = [
    items("previous_items", "上一年项目数量"),
    signed("change", "本年增/减"),
    col("decisions", "处理决定数量"),
];
const C2019_FEES: [ColumnDef; 2] = [
    items("previous_items", "上一年项目数量"),
    signed("change", "本年增/减"),
];
const C2019_PROCUREMENT: [ColumnDef; 2] = [
    items("items", "采购项目数量"),
    money("amount", "采购总金额", ""),
];

/// The head of the label column of each 表二 sub-table.
pub const PROACTIVE_ROW_HEADING: &str = "信息内容";

pub const PROACTIVE_2021: [SubTableDef; 4] = [
    SubTableDef {
        item: "一",
        topic: "规章和行政规范性文件",
        rows: &[R_REGULATIONS, R_NORMATIVE_2021],
        columns: &C2021_DOCS,
    },
    SubTableDef {
        item: "五",
        topic: "行政许可",
        rows: &[R_LICENSING],
        columns: &C2021_DECISIONS,
    },
    SubTableDef {
        item: "六",
        topic: "行政处罚和行政强制",
        rows: &[R_PUNISHMENT, R_COERCION],
        columns: &C2021_DECISIONS,
    },
    SubTableDef {
        item: "八",
        topic: "行政事业性收费",
        rows: &[R_FEES],
        columns: &C2021_FEES,
    },
];

pub const PROACTIVE_2019: [SubTableDef; 5] = [
    SubTableDef {
        item: "一",
        topic: "规章和规范性文件",
        rows: &[R_REGULATIONS, R_NORMATIVE_2019],
        columns: &C2019_DOCS,
    },
    SubTableDef {
        item: "五",
        topic: "行政许可和其他对外管理服务事项",
        rows: &[R_LICENSING, R_OTHER_SERVICES],
        columns: &C2019_ITEMS,
    },
    SubTableDef {
        item: "六",
        topic: "行政处罚和行政强制",
        rows: &[R_PUNISHMENT, R_COERCION],
        columns: &C2019_ITEMS,
    },
    SubTableDef {
        item: "八",
        topic: "行政事业性收费",
        rows: &[R_FEES],
        columns: &C2019_FEES,
    },
    SubTableDef {
        item: "九",
        topic: "政府集中采购",
        rows: &[R_PROCUREMENT],
        columns: &C2019_PROCUREMENT,
    },
];

pub fn proactive_subtables(format: Format) -> &'static [SubTableDef] {
    match format {
        Format::F2019 => &PROACTIVE_2019,
        Format::F2021 => &PROACTIVE_2021,
    }
}

/// Column header words that only one format prints (format detection, `FORMAT-MIXED`).
pub const FORMAT_MARKERS: [(&str, Format, TableId); 13] = [
    ("本年制发件数", Format::F2021, TableId::Proactive),
    ("本年废止件数", Format::F2021, TableId::Proactive),
    ("现行有效件数", Format::F2021, TableId::Proactive),
    ("本年处理决定数量", Format::F2021, TableId::Proactive),
    ("本年收费金额", Format::F2021, TableId::Proactive),
    ("逾期不补正", Format::F2021, TableId::Applications),
    ("收费通知要求缴纳费用", Format::F2021, TableId::Applications),
    ("本年新制作数量", Format::F2019, TableId::Proactive),
    ("本年新公开数量", Format::F2019, TableId::Proactive),
    ("对外公开总数量", Format::F2019, TableId::Proactive),
    ("上一年项目数量", Format::F2019, TableId::Proactive),
    ("其他对外管理服务事项", Format::F2019, TableId::Proactive),
    ("采购项目数量", Format::F2019, TableId::Proactive),
];

// ---------------------------------------------------------------------------------------
// The six sections

#[derive(Debug, Clone, Copy)]
pub struct SectionDef {
    pub key: &'static str,
    pub number: &'static str,
    pub title: &'static str,
    /// Normalised title fragments that identify the heading (real titles vary).
    pub needles: &'static [&'static str],
}

pub const SECTIONS: [SectionDef; 6] = [
    SectionDef {
        key: "overview",
        number: "一",
        title: "总体情况",
        needles: &["总体情况"],
    },
    SectionDef {
        key: "proactive",
        number: "二",
        title: "主动公开政府信息情况",
        needles: &["主动公开政府信息情况", "主动公开政府信息"],
    },
    SectionDef {
        key: "applications",
        number: "三",
        title: "收到和处理政府信息公开申请情况",
        needles: &["收到和处理政府信息公开申请", "处理政府信息公开申请"],
    },
    SectionDef {
        key: "disputes",
        number: "四",
        title: "政府信息公开行政复议、行政诉讼情况",
        needles: &["行政复议"],
    },
    SectionDef {
        key: "problems",
        number: "五",
        title: "存在的主要问题及改进情况",
        needles: &["存在的主要问题", "存在问题", "主要问题及改进", "问题及改进"],
    },
    SectionDef {
        key: "other",
        number: "六",
        title: "其他需要报告的事项",
        needles: &["其他需要报告"],
    },
];

/// Every column key of a table row, in schema order, for a format.
pub fn columns_of(table: TableId, format: Format, row_key: &str) -> Vec<ColumnDef> {
    match table {
        TableId::Applications => APPLICANT_COLUMNS.to_vec(),
        TableId::Disputes => DISPUTE_COLUMNS.to_vec(),
        TableId::Proactive => proactive_subtables(format)
            .iter()
            .find(|s| s.rows.iter().any(|r| r.key == row_key))
            .map(|s| s.columns.to_vec())
            .unwrap_or_default(),
    }
}

/// The Chinese label of a row/block key (for messages).
pub fn row_label(table: TableId, format: Option<Format>, key: &str) -> &'static str {
    let formats: &[Format] = match format {
        Some(Format::F2019) => &[Format::F2019],
        Some(Format::F2021) => &[Format::F2021],
        None => &[Format::F2021, Format::F2019],
    };
    for &f in formats {
        let found = match table {
            TableId::Applications => application_rows(f)
                .iter()
                .find(|r| r.key == key)
                .map(|r| r.label),
            TableId::Disputes => DISPUTE_BLOCKS
                .iter()
                .find(|b| b.key == key)
                .map(|b| b.label),
            TableId::Proactive => proactive_subtables(f)
                .iter()
                .flat_map(|s| s.rows.iter())
                .find(|r| r.key == key)
                .map(|r| r.label),
        };
        if let Some(label) = found {
            return label;
        }
    }
    ""
}

/// The Chinese label of a column key (for messages).
pub fn column_label(
    table: TableId,
    format: Option<Format>,
    row_key: &str,
    key: &str,
) -> &'static str {
    let f = format.unwrap_or(Format::F2021);
    columns_of(table, f, row_key)
        .iter()
        .find(|c| c.key == key)
        .map(|c| c.label)
        .or_else(|| {
            let other = if f == Format::F2019 {
                Format::F2021
            } else {
                Format::F2019
            };
            columns_of(table, other, row_key)
                .iter()
                .find(|c| c.key == key)
                .map(|c| c.label)
        })
        .unwrap_or("")
}

// ---------------------------------------------------------------------------------------
// Words that recognise the tables' headers and groups in messy input (binding reads them
// here; nothing else types them).

/// Group labels of 表三 that may run into the row label after them in PDF text
/// (`（三）不予公开1.属于国家秘密`).
pub const APPLICATION_GROUP_WORDS: [&str; 5] = [
    "本年度办理结果",
    "不予公开",
    "无法提供",
    "不予处理",
    "其他处理",
];

/// Header cells of the three tables, as whole cells (folded, ordinals stripped), including
/// the halves a narrow column splits them into (`商业` / `企业`, `总` / `计`).
pub const HEADER_WORDS: [&str; 29] = [
    "信息内容",
    "申请人情况",
    "自然人",
    "法人或其他组织",
    "总计",
    "商业企业",
    "商业",
    "企业",
    "科研机构",
    "科研",
    "机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "结果",
    "维持",
    "纠正",
    "尚未",
    "审结",
    "总",
    "计",
    "行政复议",
    "行政诉讼",
    "未经复议直接起诉",
    "复议后起诉",
];

/// Header cells recognised by how they start (表二's item captions and column heads).
pub const HEADER_PREFIXES: [&str; 6] = [
    "第二十条",
    "本年新",
    "本年增",
    "处理决定数量",
    "采购总金额",
    "本年收费金额",
];

/// Words inside a header cell that mark 表三's header (its column note).
pub const APPLICATION_HEADER_MARK: &str = "勾稽关系";
/// The header cell of 表三's applicant columns.
pub const APPLICANT_HEADER: &str = "申请人情况";
/// The group header of 表三's five 法人 columns.
pub const LEGAL_PERSON_HEADER: &str = "法人或其他组织";
/// 表三's column note, printed in the header's corner cell.
pub const APPLICATION_HEADER_NOTE: &str =
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
/// A 小计 column some templates add to 表三 (not in either format).
pub const SUBTOTAL_HEADER: &str = "小计";
/// 表二's first header cell.
pub const PROACTIVE_HEADER: &str = "信息内容";
/// 表二's item captions start so (`第二十条第（一）项`).
pub const PROACTIVE_ITEM_PREFIX: &str = "第二十条第";
/// 表四's group header over its two litigation blocks.
pub const LITIGATION_HEADER: &str = "行政诉讼";

/// Does a header cell show that table `id` has begun?
pub fn is_table_header(id: TableId, bare: &str) -> bool {
    match id {
        TableId::Proactive => bare.starts_with(PROACTIVE_ITEM_PREFIX),
        TableId::Applications => {
            bare.contains(APPLICANT_HEADER) || bare.contains(APPLICATION_HEADER_MARK)
        }
        TableId::Disputes => {
            bare.contains("复议后起诉") || bare.contains("未经复议") || bare == "结果维持"
        }
    }
}

/// The 表四 block a row label names, in a local layout with one labelled row per block
/// (`行政复议` / `行政诉讼（未经复议直接起诉）` / `行政诉讼（复议后起诉）`).
pub fn dispute_block_of(bare: &str) -> Option<&'static str> {
    if bare.contains("未经复议") || bare.contains("直接起诉") {
        Some("litigation_direct")
    } else if bare.contains("复议后") {
        Some("litigation_after_review")
    } else if bare.contains("行政复议") && !bare.contains("诉讼") {
        Some("review")
    } else {
        None
    }
}

/// Words of a 表四 block label (a row that labels a block in a local layout).
pub fn names_dispute_block(bare: &str) -> bool {
    bare.contains("复议") || bare.contains("诉讼")
}

/// Every canonical cell of a format, in table order: `(table, row, column)`.
pub fn cell_keys(format: Format) -> Vec<(TableId, &'static str, &'static str)> {
    let mut keys = Vec::new();
    for sub in proactive_subtables(format) {
        for r in sub.rows {
            for c in sub.columns {
                keys.push((TableId::Proactive, r.key, c.key));
            }
        }
    }
    for r in application_rows(format) {
        for c in APPLICANT_COLUMNS.iter() {
            keys.push((TableId::Applications, r.key, c.key));
        }
    }
    for b in DISPUTE_BLOCKS.iter() {
        for c in DISPUTE_COLUMNS.iter() {
            keys.push((TableId::Disputes, b.key, c.key));
        }
    }
    keys
}

/// The canonical cells of both formats (2019's, then those only 2021 has): the columns of
/// a batch export that mixes formats. Built once (an export asks for it per report).
pub fn all_cell_keys() -> &'static [(TableId, &'static str, &'static str)] {
    static KEYS: std::sync::OnceLock<Vec<(TableId, &'static str, &'static str)>> =
        std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        let mut keys = cell_keys(Format::F2019);
        for k in cell_keys(Format::F2021) {
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
        keys
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_labels_are_in_the_format_labels() {
        for line in APPLICATION_LINES {
            for f in [Format::F2019, Format::F2021] {
                let rows = application_rows(f);
                let found = line
                    .rows
                    .iter()
                    .filter_map(|k| rows.iter().find(|r| r.key == *k));
                for r in found {
                    let printed =
                        r.group
                            .map_or(r.label, |g| if line.rows.len() > 1 { g } else { r.label });
                    assert!(printed.contains(line.short), "{} in {printed}", line.short);
                }
            }
        }
    }

    #[test]
    fn result_groups_are_the_format_groups() {
        let group_of = |key: &str| {
            application_rows(Format::F2021)
                .iter()
                .chain(APPLICATION_ROWS_2019)
                .find(|r| r.key == key)
                .and_then(|r| r.group)
        };
        assert!(DENIED_ROWS
            .iter()
            .all(|k| group_of(k) == Some("（三）不予公开")));
        assert!(UNABLE_ROWS
            .iter()
            .all(|k| group_of(k) == Some("（四）无法提供")));
        assert!(REJECTED_ROWS
            .iter()
            .all(|k| group_of(k) == Some("（五）不予处理")));
        assert_eq!(
            OTHER_HANDLING_ROWS,
            [
                "other_handling",
                "other_overdue_correction",
                "other_overdue_fee",
                "other_reasons"
            ]
        );
        assert_eq!(
            DENIED_ROWS.len()
                + UNABLE_ROWS.len()
                + REJECTED_ROWS.len()
                + OTHER_HANDLING_ROWS.len()
                + 2,
            RESULT_ROWS.len()
        );
    }
}
