//! Why bytes could not be read at all. Everything a reader *can* read becomes a grid (and
//! diagnostics for what it could not); only input that is not a report file of a kind we
//! read is an `InputError`. Each kind says, in Chinese, what the file is and what to do.

use super::limits;

/// What went wrong, with what the user can do about it (`Display` is the Chinese message).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputErrorKind {
    /// Nothing but whitespace (or a byte-order mark alone).
    Empty,
    /// Binary data that is no file type we know.
    Binary,
    /// Not UTF-8, UTF-16 or GB18030 text.
    UnknownEncoding,
    /// GB18030/GBK bytes in a build without the encoding tables (the page decodes these
    /// with the browser's `TextDecoder`).
    NeedsGb18030Decoder,
    /// Larger than the stated input limit.
    TooLarge { bytes: usize, limit: usize },
    /// More cells than any real report has (a table blown up by its spans, say).
    TooManyCells { limit: usize },
    /// A PDF, in a build that has no PDF reader.
    Pdf,
    /// A PDF whose pages carry no text (a scan): the tables are pictures.
    ScannedPdf,
    /// A legacy Office binary (OLE2: .doc, .wps, .et, .xls).
    LegacyOffice,
    /// A zip that is not a Word document (.xlsx, .zip …).
    OtherZip,
    /// A zip or PDF that cannot be opened (truncated, damaged).
    Corrupt,
    /// Password-protected or encrypted.
    Encrypted,
    /// A part of a file larger than its limit, or a zip that expands beyond it.
    PartTooLarge { limit: usize },
    /// A picture.
    Image,
    /// Rich Text Format.
    Rtf,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub kind: InputErrorKind,
}

impl InputError {
    pub fn new(kind: InputErrorKind) -> Self {
        InputError { kind }
    }
}

impl From<InputErrorKind> for InputError {
    fn from(kind: InputErrorKind) -> Self {
        InputError { kind }
    }
}

fn size(bytes: usize) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / f64::from(1u32 << 20))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use InputErrorKind as K;
        match &self.kind {
            K::Empty => write!(f, "输入为空：请粘贴报告全文或选择文件。"),
            K::Binary => write!(
                f,
                "无法读取：这是二进制文件，不是文字。请粘贴报告文字，或上传 .txt / .html / .docx / .pdf 文件。"
            ),
            K::UnknownEncoding => write!(
                f,
                "无法读取：文件编码无法识别（既不是 UTF-8 也不是 GBK）。请另存为 UTF-8 文本或网页后再试。"
            ),
            K::NeedsGb18030Decoder => write!(
                f,
                "无法读取：文件不是 UTF-8 编码（GBK 文件请在页面中打开，由浏览器解码）。"
            ),
            K::TooLarge { bytes, limit } => write!(
                f,
                "无法读取：输入过大（{}），超过 {} 的上限。年度报告通常不到 1 MB，请只粘贴或上传一份报告。",
                size(*bytes),
                size(*limit)
            ),
            K::TooManyCells { limit } => write!(
                f,
                "无法读取：表格单元格过多（超过 {limit} 个），不像年度报告的表格。请检查文件是否正确。"
            ),
            K::Pdf => write!(f, "无法读取：这是 PDF 文件，请复制其中的文字后粘贴。"),
            K::ScannedPdf => write!(
                f,
                "无法读取：这份 PDF 没有文字层（扫描件），表格为图片，无法核验，请提供可复制文字的版本。"
            ),
            K::LegacyOffice => write!(
                f,
                "无法读取：这是旧版 Office 文件（.doc / .wps / .et / .xls）。请在 Word 或 WPS 中另存为 .docx 或网页（.htm）后再上传，或复制全文粘贴。"
            ),
            K::OtherZip => write!(
                f,
                "无法读取：这是压缩文件或 Excel 表格，不是 Word 文档（.docx）。请上传报告本身（.docx / .pdf / .html / .txt），或复制全文粘贴。"
            ),
            K::Corrupt => write!(
                f,
                "无法读取：文件已损坏或不完整。请重新保存或重新下载后再试。"
            ),
            K::Encrypted => write!(
                f,
                "无法读取：文件已加密（设置了密码）。请去除密码后另存一份再上传。"
            ),
            K::PartTooLarge { limit } => write!(
                f,
                "无法读取：文件内容解压后过大（超过 {} 的上限），不像年度报告。请检查文件是否正确。",
                size(*limit)
            ),
            K::Image => write!(
                f,
                "无法读取：这是图片文件，表格为图片，无法核验，请提供可复制文字的版本。"
            ),
            K::Rtf => write!(
                f,
                "无法读取：这是 RTF 文件。请另存为 .docx 或网页（.htm），或复制全文粘贴。"
            ),
        }
    }
}

impl std::error::Error for InputError {}

/// The stated limits, for messages elsewhere.
pub fn limit_text() -> String {
    size(limits::MAX_INPUT_BYTES).to_string()
}
