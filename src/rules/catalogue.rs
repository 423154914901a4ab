//! The rule catalogue: every code the checker can emit, with its severity, short Chinese
//! name, and a Chinese explanation citing its basis. The README's rule list is checked
//! against this table by a test; the page shows `name_zh` beside each finding.

use crate::diagnostics::Severity;

#[derive(Debug, Clone, Copy)]
pub struct RuleInfo {
    pub code: &'static str,
    pub severity: Severity,
    pub name_zh: &'static str,
    pub explain_zh: &'static str,
}

const fn rule(
    code: &'static str,
    severity: Severity,
    name_zh: &'static str,
    explain_zh: &'static str,
) -> RuleInfo {
    RuleInfo {
        code,
        severity,
        name_zh,
        explain_zh,
    }
}

use Severity::{Error, Info, Warning};

pub const CATALOGUE: &[RuleInfo] = &[
    rule("T3-ROW-TOTAL", Error, "表三行合计不符",
        "表三每一行的「总计」应等于自然人与商业企业、科研机构、社会公益组织、法律服务机构、其他五类之和（年度报告格式表三的列结构）。"),
    rule("T3-RESULT-TOTAL", Error, "表三办理结果总计不符",
        "表三每一列的「（七）总计」应等于（一）至（六）各项办理结果之和（（三）（四）（五）（六）按其下各小项计算）。"),
    rule("T3-BALANCE", Error, "表三收支不平衡",
        "表三每一列：第一项加第二项之和，等于第三项加第四项之和，即本年新收 + 上年结转 = 办理结果总计 + 结转下年度继续办理（表格内注明的勾稽关系）。"),
    rule("T4-TOTAL", Error, "表四合计不符",
        "表四行政复议、未经复议直接起诉、复议后起诉三组，每组「总计」应等于结果维持、结果纠正、其他结果、尚未审结之和。"),
    rule("CELL-NEGATIVE", Error, "数量为负",
        "件数、申请数、案件数不能为负数；只有 2019 年版表二的「本年增/减」可以为负。"),
    rule("CELL-NOT-INTEGER", Error, "数量不是整数",
        "件数、申请数、案件数必须是整数；只有金额（收费金额、采购总金额）可以有小数。"),
    rule("CELL-UNREADABLE", Warning, "单元格不是数字",
        "应填数字的单元格写了文字（如「若干」「见附件」），无法参与勾稽关系核对。"),
    rule("CELL-BLANK", Warning, "单元格空白",
        "应填数字的单元格为空白或「/」。空白不等于 0：数量为零时应填 0，否则相关勾稽关系无法判断。"),
    rule("TABLE-MISSING", Error, "缺少表格",
        "年度报告格式规定报告应包含表二（主动公开）、表三（依申请公开）、表四（复议诉讼）三张统计表；文中没有找到该表（或表格以图片发布，无法核验）。"),
    rule("TABLE-INCOMPLETE", Error, "表格不完整",
        "表格的部分行或列没有读到，或复制的内容在表格之前、之中截断（表格不在复制的内容里）；缺失的单元格无法核验。"),
    rule("ROW-CELLS-DROPPED", Warning, "单元格位置丢失",
        "该行读到的单元格少于格式规定的列数，且无法确定每个数所在的列（复制时空单元格被删去）；这些单元格按缺失处理，不作猜测。"),
    rule("ROW-CELLS-PLACED", Info, "按规则放置单元格",
        "表三某行只显示两个数、其余空单元格被折叠时，按「自然人」「总计」放置（只有自然人申请时的常见填法），其余五格视为空白；请核对原表。"),
    rule("ROW-EXTRA-CELLS", Warning, "单元格多于格式",
        "该行读到的数多于格式规定的列数（增加了格式之外的列，如「小计」，可识别时略去该列，否则按前面的列读取）；请核对表格是否使用了标准格式。"),
    rule("SECTION-MISSING", Warning, "缺少部分",
        "年度报告应包括六个部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。"),
    rule("SECTION-ORDER", Warning, "部分顺序不对", "六个部分应按一至六的顺序排列（年度报告格式）。"),
    rule("FORMAT-YEAR", Warning, "格式与年度不符",
        "2019、2020 年度报告使用国办公开办函〔2019〕60号格式；2021 年度起使用国办公开办函〔2021〕30号格式。判断依据是表格内容，而不是引用的文号。"),
    rule("FORMAT-MIXED", Warning, "新旧格式混用", "同一份报告中出现了 2019 年版和 2021 年版两种格式的表头。"),
    rule("YEAR-MISSING", Info, "未写明年度", "标题或正文中没有找到报告年度，无法核对格式与年度是否相符。"),
    rule("TEXT-TABLE-MISMATCH", Warning, "正文与表格不一致",
        "正文中写明的数字（如收到申请件数、行政复议件数、行政诉讼件数、结转件数）与表格中对应单元格不一致。"),
    rule("T2-PUBLISHED-TOTAL", Warning, "新公开数多于公开总数",
        "2019 年版表二第二十条第（一）项：本年新公开的数量包含在对外公开总数量之中，不应大于后者。"),
    rule("T2-IN-FORCE", Warning, "现行有效件数少于本年制发",
        "2021 年版表二第二十条第（一）项：本年制发的规章、行政规范性文件一般仍现行有效，现行有效件数少于本年制发件数时请核对。"),
    rule("CROSS-YEAR-CARRY", Warning, "跨年度结转不符",
        "同一机关相邻两年的报告：上一年度表三「结转下年度继续办理」应等于本年度「上年结转政府信息公开申请数量」（逐列）。"),
];

pub fn info(code: &str) -> Option<&'static RuleInfo> {
    CATALOGUE.iter().find(|r| r.code == code)
}
