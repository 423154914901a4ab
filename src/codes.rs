//! The rule registry: every code the checker can emit, as one table. From it come the
//! `Code` enum, its string form (`as_str`, `FromStr`, serde), and the catalogue row each
//! code owns: severity, short Chinese name, explanation and basis. Emit sites name a
//! `Code` and nothing else; the CLI, the page and the widget read names and severities
//! from here (the page through the wasm `schema()` export). A leaf: imports nothing of
//! the crate.

use serde::{Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

    pub fn key(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

/// What the catalogue says of one code.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct RuleInfo {
    pub code: Code,
    pub severity: Severity,
    /// Short Chinese name, shown before each finding.
    pub name_zh: &'static str,
    /// What the rule checks, in Chinese.
    pub explain_zh: &'static str,
    /// Where the rule comes from (the format notice, its table, or this product's policy).
    pub basis_zh: &'static str,
}

macro_rules! registry {
    ($( $variant:ident = $code:literal, $sev:ident, $name:literal, $explain:literal, $basis:literal; )*) => {
        /// Every code the checker can emit.
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $( $variant, )* }

        /// The catalogue, in the order of the README's rule list.
        pub const CATALOGUE: &[RuleInfo] = &[ $(
            RuleInfo {
                code: Code::$variant,
                severity: Severity::$sev,
                name_zh: $name,
                explain_zh: $explain,
                basis_zh: $basis,
            },
        )* ];

        impl Code {
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];

            /// The stable ASCII code (`T3-ROW-TOTAL`).
            pub fn as_str(self) -> &'static str {
                match self { $( Code::$variant => $code, )* }
            }
        }

        impl std::str::FromStr for Code {
            type Err = ();
            fn from_str(s: &str) -> Result<Code, ()> {
                match s { $( $code => Ok(Code::$variant), )* _ => Err(()) }
            }
        }
    };
}

registry! {
    T3RowTotal = "T3-ROW-TOTAL", Error, "表三行合计不符",
        "表三每一行的「总计」应等于自然人与商业企业、科研机构、社会公益组织、法律服务机构、其他五类之和。",
        "年度报告格式表三的列结构（自然人、法人或其他组织五类、总计）";
    T3ResultTotal = "T3-RESULT-TOTAL", Error, "表三办理结果总计不符",
        "表三每一列的「（七）总计」应等于（一）至（六）各项办理结果之和（（三）（四）（五）（六）按其下各小项计算）。",
        "年度报告格式表三「三、本年度办理结果」的行结构";
    T3Balance = "T3-BALANCE", Error, "表三收支不平衡",
        "表三每一列：第一项加第二项之和，等于第三项加第四项之和，即本年新收 + 上年结转 = 办理结果总计 + 结转下年度继续办理。",
        "年度报告格式表三表头注明的勾稽关系";
    T4Total = "T4-TOTAL", Error, "表四合计不符",
        "表四行政复议、未经复议直接起诉、复议后起诉三组，每组「总计」应等于结果维持、结果纠正、其他结果、尚未审结之和。",
        "年度报告格式表四的列结构";
    CellNegative = "CELL-NEGATIVE", Error, "数量为负",
        "件数、申请数、案件数不能为负数；只有 2019 年版表二的「本年增/减」可以为负。",
        "统计口径：数量为非负整数";
    CellNotInteger = "CELL-NOT-INTEGER", Error, "数量不是整数",
        "件数、申请数、案件数必须是整数；只有金额（收费金额、采购总金额）可以有小数。",
        "统计口径：数量为非负整数";
    CellUnreadable = "CELL-UNREADABLE", Warning, "单元格不是数字",
        "应填数字的单元格写了文字（如「若干」「见附件」），无法参与勾稽关系核对。",
        "年度报告格式：统计表各栏填写数字";
    CellBlank = "CELL-BLANK", Warning, "单元格空白",
        "应填数字的单元格为空白或「/」。空白不等于 0：数量为零时应填 0，否则相关勾稽关系无法判断。",
        "年度报告格式：统计表各栏填写数字";
    TableMissing = "TABLE-MISSING", Error, "缺少表格",
        "报告应包含表二（主动公开）、表三（依申请公开）、表四（复议诉讼）三张统计表；文中没有找到该表（或表格以图片发布，无法核验）。",
        "国办公开办函〔2019〕60号、〔2021〕30号年度报告格式";
    TableIncomplete = "TABLE-INCOMPLETE", Error, "表格不完整",
        "表格的部分行或列没有读到，或复制的内容在表格之前、之中截断（表格不在复制的内容里）；缺失的单元格无法核验。",
        "年度报告格式规定的行与列";
    RowCellsDropped = "ROW-CELLS-DROPPED", Warning, "单元格位置丢失",
        "该行读到的单元格少于格式规定的列数，且无法确定每个数所在的列（复制时空单元格被删去）；这些单元格按缺失处理，不作猜测。",
        "本工具的读取规则：不猜测数字所在的列";
    RowCellsPlaced = "ROW-CELLS-PLACED", Info, "按规则放置单元格",
        "表三某行只显示两个数、其余空单元格被折叠时，按「自然人」「总计」放置（只有自然人申请时的常见填法），其余五格视为空白；请核对原表。",
        "本工具的读取规则（唯一的放置规则）";
    RowExtraCells = "ROW-EXTRA-CELLS", Warning, "单元格多于格式",
        "该行读到的数多于格式规定的列数（增加了格式之外的列，如「小计」，可识别时略去该列，否则按前面的列读取）；请核对表格是否使用了标准格式。",
        "年度报告格式规定的列数";
    RowUnlabeledValues = "ROW-UNLABELED-VALUES", Warning, "数字没有行标签",
        "表格的两行之间（或最后一行之后）有一串数字，前面没有可识别的行标签（行标签的写法与格式不同、多出格式之外的一行，或一行的数多于格式的列数），这些数没有读入任何单元格；提示写明它们所在的行号和数值，请核对原表。",
        "本工具的读取规则：读到而放不进单元格的数如实说明，不静默丢弃";
    SectionMissing = "SECTION-MISSING", Warning, "缺少部分",
        "年度报告应包括六个部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。",
        "《政府信息公开条例》第五十条、年度报告格式";
    SectionOrder = "SECTION-ORDER", Warning, "部分顺序不对",
        "六个部分应按一至六的顺序排列。",
        "年度报告格式";
    FormatYear = "FORMAT-YEAR", Warning, "格式与年度不符",
        "2019、2020 年度报告使用国办公开办函〔2019〕60号格式；2021 年度起使用国办公开办函〔2021〕30号格式。判断依据是表格内容，而不是引用的文号。",
        "国办公开办函〔2019〕60号、〔2021〕30号";
    FormatMixed = "FORMAT-MIXED", Warning, "新旧格式混用",
        "同一份报告中出现了 2019 年版和 2021 年版两种格式的表头。",
        "国办公开办函〔2021〕30号：2021 年度起使用新格式";
    YearMissing = "YEAR-MISSING", Info, "未写明年度",
        "标题或正文中没有找到报告年度，无法核对格式与年度是否相符。",
        "年度报告格式：标题写明年度";
    TextTableMismatch = "TEXT-TABLE-MISMATCH", Warning, "正文与表格不一致",
        "正文中写明的数字（如收到申请件数、行政复议件数、行政诉讼件数、结转件数）与表格中对应单元格不一致。",
        "报告正文与统计表应一致";
    T2PublishedTotal = "T2-PUBLISHED-TOTAL", Warning, "新公开数多于公开总数",
        "本年新公开的数量包含在对外公开总数量之中，不应大于后者。",
        "2019 年版表二第二十条第（一）项";
    T2InForce = "T2-IN-FORCE", Warning, "现行有效件数少于本年制发",
        "本年制发的规章、行政规范性文件一般仍现行有效，现行有效件数少于本年制发件数时请核对。",
        "2021 年版表二第二十条第（一）项";
    CrossYearStock = "CROSS-YEAR-STOCK", Warning, "跨年度现行有效件数不符",
        "同一机关相邻两年均使用 2021 年版格式时：本年度表二「现行有效件数」应等于上一年度「现行有效件数」加本年「本年制发件数」减「本年废止件数」（规章、行政规范性文件各一行）。跨 2020→2021 格式变更时不核对（2019 年版没有现行有效件数），并在无法判断中说明。",
        "2021 年版表二第二十条第（一）项";
    NotAReport = "NOT-A-REPORT", Error, "不像年度报告",
        "输入中没有找到报告标题、一至六部分的标题或三张统计表中的任何一项，不像政府信息公开工作年度报告；只报告这一项，不逐项列出缺少的内容。",
        "《政府信息公开条例》第五十条、年度报告格式";
    CrossYearCarry = "CROSS-YEAR-CARRY", Warning, "跨年度结转不符",
        "同一机关相邻两年的报告：上一年度表三「结转下年度继续办理」应等于本年度「上年结转政府信息公开申请数量」（逐列）。",
        "年度报告格式表三：上年结转与结转下年度";
}

impl Code {
    /// This code's catalogue row.
    pub fn info(self) -> &'static RuleInfo {
        // CATALOGUE is generated in the enum's order, so the discriminant indexes it.
        &CATALOGUE[self as usize]
    }

    pub fn severity(self) -> Severity {
        self.info().severity
    }

    pub fn name_zh(self) -> &'static str {
        self.info().name_zh
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Debug for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Tests and callers outside the crate compare with the stable string.
impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_is_indexed_by_code_and_round_trips() {
        for (i, code) in Code::ALL.iter().enumerate() {
            assert_eq!(CATALOGUE[i].code, *code);
            assert_eq!(code.info().code, *code);
            assert_eq!(code.as_str().parse::<Code>(), Ok(*code));
            assert!(!code.name_zh().is_empty() && !code.info().explain_zh.is_empty());
            assert!(!code.info().basis_zh.is_empty());
        }
        let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Code::ALL.len(), "codes are unique");
        assert!("NOT-A-CODE".parse::<Code>().is_err());
    }
}
