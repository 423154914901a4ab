//! The browser facade: the only module that touches JavaScript and the DOM.
//!
//! - `check(text)` returns the report object of spec §6, `check_bytes(bytes)` returns
//!   `{ text, report }` for a file (GBK/GB18030 decoded with the browser's `TextDecoder`, so
//!   the wasm build needs no encoding tables) or throws an `Error` with a Chinese message.
//! - `Checked` keeps a checked report on the Rust side so the page can draw the three charts
//!   (`draw`) and hit-test them (`hit`) without sending the report back and forth. Drawing
//!   keeps the layout it drew, one per chart; `hit` and `bar_text` read it, so a pointer
//!   move lays nothing out and pointer and keyboard show the same text.
//! - `schema()` gives the page every row and column label of both formats, so labels live
//!   in one place (`crate::schema`).
//!
//! Every span leaving this module is in UTF-16 code units (JavaScript string indices), not
//! the bytes the core uses. Nothing here panics on input: errors become JS exceptions.

use crate::chart::{self, ChartKind};
use crate::schema::{self, Format, TableId};
use crate::span::Utf16Map;
use crate::Report;
use serde::Serialize;
use serde_json::{json, Value};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// A number as the tables write it (`crate::value::format_number`): the page's one formatter.
#[wasm_bindgen]
pub fn format_number(v: f64) -> String {
    crate::value::format_number(v)
}

/// How many reports `text` seems to hold (its `一、总体情况` headings; see
/// `crate::bind::meta::report_count`): the page warns when a paste holds several.
#[wasm_bindgen]
pub fn report_count(text: &str) -> u32 {
    crate::bind::meta::report_count(text).min(u32::MAX as usize) as u32
}

/// The core's message for an input of `bytes` bytes (UTF-8 text or a file) when that is over
/// the input limit, else `undefined`: the page refuses such input before handing it over,
/// with the words the core (and the CLI) would use.
#[wasm_bindgen]
pub fn input_too_large(bytes: f64) -> Option<String> {
    let limit = crate::ingest::limits::MAX_INPUT_BYTES;
    (bytes > limit as f64).then(|| {
        crate::InputError::new(crate::InputErrorKind::TooLarge {
            bytes: bytes.min(usize::MAX as f64) as usize,
            limit,
        })
        .to_string()
    })
}

/// The crate version, shown in the page footer.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Check pasted text (or HTML source); returns the report (spans in UTF-16 units).
#[wasm_bindgen]
pub fn check(text: &str) -> Result<JsValue, JsError> {
    let report = crate::try_check(text).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&in_utf16(report, text))
}

/// Check the bytes of a file; returns `{ text, report }` or throws with a Chinese message.
#[wasm_bindgen]
pub fn check_bytes(bytes: &[u8]) -> Result<JsValue, JsError> {
    let (text, report) = check_file(bytes)?;
    let out = js_sys::Object::new();
    js_sys::Reflect::set(&out, &"text".into(), &JsValue::from_str(&text)).map_err(js_err)?;
    let report = to_js(&in_utf16(report, &text))?;
    js_sys::Reflect::set(&out, &"report".into(), &report).map_err(js_err)?;
    Ok(out.into())
}

/// Is this file a PDF (the one sniffing rule)? The page loads the PDF module
/// (`pkg-pdf/`, built with the `pdf` feature) for these and calls its `check_pdf`.
#[wasm_bindgen]
pub fn is_pdf(bytes: &[u8]) -> bool {
    crate::ingest::sniff(bytes) == crate::ingest::Kind::Pdf
}

/// Does this build read PDFs (the `pdf` feature)? True only in the file-reader module.
#[wasm_bindgen]
pub fn reads_pdf() -> bool {
    cfg!(feature = "pdf")
}

/// Does this file need the file-reader module (`pkg-pdf/`: the PDF and DOCX readers) that
/// this build lacks? The page then imports that module and reads the file with its
/// `Checked.from_bytes` (the one sniffing rule decides).
#[wasm_bindgen]
pub fn needs_file_reader(bytes: &[u8]) -> bool {
    match crate::ingest::sniff(bytes) {
        crate::ingest::Kind::Pdf => !cfg!(feature = "pdf"),
        crate::ingest::Kind::Docx => !cfg!(feature = "docx"),
        _ => false,
    }
}

/// Check a PDF: returns `{ text, report }` like `check_bytes`, where `text` is the layout
/// text the PDF was read into (every span points into it), or throws with a Chinese
/// message (a scan, an encrypted or damaged file). Only in the PDF module.
#[cfg(feature = "pdf")]
#[wasm_bindgen]
pub fn check_pdf(bytes: &[u8]) -> Result<JsValue, JsError> {
    if !is_pdf(bytes) {
        return Err(JsError::new(
            &crate::InputError::new(crate::InputErrorKind::Corrupt).to_string(),
        ));
    }
    check_bytes(bytes)
}

fn js_err(v: JsValue) -> JsError {
    JsError::new(&v.as_string().unwrap_or_else(|| "内部错误".to_string()))
}

fn check_file(bytes: &[u8]) -> Result<(String, Report), JsError> {
    use crate::ingest::{sniff, Charset, Kind};
    match sniff(bytes) {
        // Without the `encoding` feature the core has no GB18030 tables: the browser's
        // TextDecoder decodes, the core reads the text. Same sniffing rule as natively.
        Kind::Text(Charset::Gb18030) | Kind::Html(Charset::Gb18030)
            if bytes.len() <= crate::ingest::limits::MAX_INPUT_BYTES =>
        {
            let text = decode_gb18030(bytes)?;
            if text.trim().is_empty() {
                return Err(JsError::new(
                    &crate::InputError::new(crate::InputErrorKind::Empty).to_string(),
                ));
            }
            let report = crate::check(&text);
            Ok((text, report))
        }
        _ => crate::check_bytes(bytes).map_err(|e| JsError::new(&e.to_string())),
    }
}

fn decode_gb18030(bytes: &[u8]) -> Result<String, JsError> {
    let decoder = web_sys::TextDecoder::new_with_label("gb18030").map_err(js_err)?;
    decoder.decode_with_u8_array(bytes).map_err(js_err)
}

// ---------------------------------------------------------------------------------------
// Byte offsets → UTF-16 code units, mapped on the report itself (no intermediate JSON tree)

fn to_js<T: Serialize + ?Sized>(v: &T) -> Result<JsValue, JsError> {
    // Plain objects (not `Map`) and `null` for `None`: what JSON.parse would give.
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// The report with every span in UTF-16 units of `text`.
fn in_utf16(mut report: Report, text: &str) -> Report {
    let map = Utf16Map::new(text);
    report.map_spans(|s| map.span(s));
    report
}

fn report_to_js(report: &Report, text: &str) -> Result<JsValue, JsError> {
    to_js(&in_utf16(report.clone(), text))
}

// ---------------------------------------------------------------------------------------
// A checked report, kept on the Rust side for the charts

/// A checked report; free it with `.free()` when a new one replaces it.
#[wasm_bindgen]
pub struct Checked {
    text: String,
    report: Report,
    /// The layout each chart was last drawn (or hit-tested) with, by `ChartKind::index`.
    drawn: RefCell<[Option<chart::Layout>; 3]>,
}

fn kind_of(key: &str) -> Result<ChartKind, JsError> {
    ChartKind::from_key(key).ok_or_else(|| JsError::new(&format!("未知图表：{key}")))
}

#[wasm_bindgen]
impl Checked {
    /// Check pasted text.
    /// Throws with a Chinese message for input over the limits.
    #[wasm_bindgen(constructor)]
    pub fn new(text: &str) -> Result<Checked, JsError> {
        let report = crate::try_check(text).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(Checked {
            text: text.to_string(),
            report,
            drawn: RefCell::default(),
        })
    }

    /// Check the bytes of a file (throws with a Chinese message when unreadable).
    pub fn from_bytes(bytes: &[u8]) -> Result<Checked, JsError> {
        let (text, report) = check_file(bytes)?;
        Ok(Checked {
            text,
            report,
            drawn: RefCell::default(),
        })
    }

    /// The decoded text every span indexes into.
    #[wasm_bindgen(getter)]
    pub fn text(&self) -> String {
        self.text.clone()
    }

    /// The report object (spans in UTF-16 units).
    pub fn report(&self) -> Result<JsValue, JsError> {
        report_to_js(&self.report, &self.text)
    }

    /// The report as pretty JSON (for 导出 JSON; spans in UTF-16 units).
    pub fn report_json(&self) -> Result<String, JsError> {
        serde_json::to_string_pretty(&in_utf16(self.report.clone(), &self.text))
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// This report's line of the batch CSV (`csv_header()` first; `file` names the report).
    pub fn csv_row(&self, file: &str) -> String {
        crate::export::report_csv_row(&crate::export::Entry {
            file,
            report: &self.report,
        })
    }

    /// This report's lines of the findings CSV (`findings_csv_header()` first).
    pub fn findings_csv_rows(&self, file: &str) -> String {
        crate::export::finding_csv_rows(&crate::export::Entry {
            file,
            report: &self.report,
        })
    }

    /// The bars of a chart (`outcomes`, `actions`, `disputes`) as data: the accessible table.
    /// Each bar carries its `text` (what the tooltip says); `empty` is a reason when there
    /// is nothing to draw (then the page offers no download).
    pub fn chart_data(&self, kind: &str) -> Result<JsValue, JsError> {
        to_js(&chart::chart_data(&self.report, kind_of(kind)?))
    }

    /// The CSS height at which the chart reads well at `width` CSS pixels.
    pub fn preferred_height(&self, kind: &str, width: u32) -> Result<u32, JsError> {
        Ok(chart::preferred_height(&self.report, kind_of(kind)?, width))
    }

    /// Draw a chart on `canvas`, whose backing store is `dpr` × its CSS size (a dpr of 3–4
    /// on a larger canvas gives a print-resolution PNG). Keeps the layout for `hit`.
    pub fn draw(&self, kind: &str, canvas: HtmlCanvasElement, dpr: f64) -> Result<(), JsError> {
        let kind = kind_of(kind)?;
        let l = draw_chart(&self.report, kind, canvas, dpr)?;
        self.keep(kind, l);
        Ok(())
    }

    /// The bar under (`x`, `y`) CSS pixels of a `width` × `height` chart, or `null`. Reads
    /// the layout `draw` kept; lays the chart out again only for another size.
    pub fn hit(
        &self,
        kind: &str,
        width: f64,
        height: f64,
        x: f64,
        y: f64,
    ) -> Result<JsValue, JsError> {
        let kind = kind_of(kind)?;
        let hit = self.with_layout(kind, width, height, |l| l.hit(x, y));
        match hit {
            Some(h) => to_js(&h),
            None => Ok(JsValue::NULL),
        }
    }

    /// The text of bar `index` of a chart (the same as its tooltip), for keyboard focus;
    /// `undefined` past the last bar.
    pub fn bar_text(&self, kind: &str, index: usize) -> Result<Option<String>, JsError> {
        let kind = kind_of(kind)?;
        // The text does not depend on the size: any kept layout will do.
        if let Ok(drawn) = self.drawn.try_borrow() {
            if let Some(l) = &drawn[kind.index()] {
                return Ok(l.bar_text(index).map(str::to_string));
            }
        }
        let data = chart::chart_data(&self.report, kind);
        Ok(data.bars.get(index).map(|b| b.text.clone()))
    }

    /// The chart as an SVG document (for 下载 SVG and printing).
    pub fn svg(&self, kind: &str, width: u32, height: u32) -> Result<String, JsError> {
        Ok(chart::render_svg(
            &self.report,
            kind_of(kind)?,
            width,
            height,
        ))
    }
}

/// The header line of the batch CSV (the page adds the byte-order mark once).
#[wasm_bindgen]
pub fn csv_header() -> String {
    crate::export::reports_csv_header()
}

/// The header line of the findings CSV.
#[wasm_bindgen]
pub fn findings_csv_header() -> String {
    crate::export::findings_csv_header()
}

/// Pairs of a batch, by agency and year as each report read them: `ids` is an array of
/// `{ agency, year }` (either may be null); returns `[[previous, current], …]` indices.
#[wasm_bindgen]
pub fn pair_reports(ids: JsValue) -> Result<JsValue, JsError> {
    #[derive(serde::Deserialize)]
    struct Id {
        agency: Option<String>,
        year: Option<i32>,
    }
    let ids: Vec<Id> =
        serde_wasm_bindgen::from_value(ids).map_err(|e| JsError::new(&e.to_string()))?;
    let keys: Vec<(Option<&str>, Option<i32>)> =
        ids.iter().map(|i| (i.agency.as_deref(), i.year)).collect();
    let pairs: Vec<[usize; 2]> = crate::rules::cross_year::pairs_by(&keys)
        .into_iter()
        .map(|(a, b)| [a, b])
        .collect();
    to_js(&pairs)
}

/// Cross-year checks of `current` against `previous` (years N−1 and N): the findings and
/// what could not be evaluated, as `{ diagnostics, not_assessable }` with spans in UTF-16
/// units of the current report's text. The current report keeps them (its `report()`,
/// CSV rows and charts include them from now on).
#[wasm_bindgen]
pub fn cross_check(previous: &Checked, current: &mut Checked) -> Result<JsValue, JsError> {
    let (found, skipped) = crate::rules::cross_year::check_pair(&previous.report, &current.report);
    current.report.diagnostics.extend(found.iter().cloned());
    current
        .report
        .not_assessable
        .extend(skipped.iter().cloned());
    crate::rules::summarize(&mut current.report);
    let map = Utf16Map::new(&current.text);
    let found: Vec<crate::Diagnostic> = found
        .into_iter()
        .map(|mut d| {
            for l in &mut d.labels {
                l.span = map.span(l.span);
            }
            d
        })
        .collect();
    #[derive(Serialize)]
    struct Out {
        diagnostics: Vec<crate::Diagnostic>,
        not_assessable: Vec<crate::NotAssessable>,
    }
    to_js(&Out {
        diagnostics: found,
        not_assessable: skipped,
    })
}

impl Checked {
    fn keep(&self, kind: ChartKind, l: chart::Layout) {
        // Single-threaded and never re-entered; a busy cell only means no cache.
        if let Ok(mut drawn) = self.drawn.try_borrow_mut() {
            drawn[kind.index()] = Some(l);
        }
    }

    /// Run `f` on the kept layout of `kind` when it was made for this size, else on a new
    /// one (which is kept for the next call).
    fn with_layout<T>(
        &self,
        kind: ChartKind,
        width: f64,
        height: f64,
        f: impl FnOnce(&chart::Layout) -> T,
    ) -> T {
        if let Ok(drawn) = self.drawn.try_borrow() {
            if let Some(l) = drawn[kind.index()]
                .as_ref()
                .filter(|l| l.fits(width, height))
            {
                return f(l);
            }
        }
        let l = chart::layout(&self.report, kind, width, height);
        let out = f(&l);
        self.keep(kind, l);
        out
    }
}

fn draw_chart(
    report: &Report,
    kind: ChartKind,
    canvas: HtmlCanvasElement,
    dpr: f64,
) -> Result<chart::Layout, JsError> {
    use plotters::prelude::IntoDrawingArea;
    let dpr = if dpr.is_finite() && dpr > 0.0 {
        dpr
    } else {
        1.0
    };
    let backend = plotters_canvas::CanvasBackend::with_canvas_object(canvas)
        .ok_or_else(|| JsError::new("无法在画布上绘图"))?;
    let area = backend.into_drawing_area();
    let l = chart::draw_scaled(&area, report, kind, dpr, 1.0)
        .map_err(|e| JsError::new(&e.to_string()))?;
    area.present().map_err(|e| JsError::new(&e.to_string()))?;
    Ok(l)
}

fn draw_kept(
    checked: &Checked,
    kind: ChartKind,
    canvas: HtmlCanvasElement,
    dpr: f64,
) -> Result<(), JsError> {
    let l = draw_chart(&checked.report, kind, canvas, dpr)?;
    checked.keep(kind, l);
    Ok(())
}

/// Draw 表三 application outcomes.
#[wasm_bindgen]
pub fn draw_outcomes(
    checked: &Checked,
    canvas: HtmlCanvasElement,
    dpr: f64,
) -> Result<(), JsError> {
    draw_kept(checked, ChartKind::Outcomes, canvas, dpr)
}

/// Draw 表二 administrative actions.
#[wasm_bindgen]
pub fn draw_actions(checked: &Checked, canvas: HtmlCanvasElement, dpr: f64) -> Result<(), JsError> {
    draw_kept(checked, ChartKind::Actions, canvas, dpr)
}

/// Draw 表四 review and litigation outcomes.
#[wasm_bindgen]
pub fn draw_disputes(
    checked: &Checked,
    canvas: HtmlCanvasElement,
    dpr: f64,
) -> Result<(), JsError> {
    draw_kept(checked, ChartKind::Disputes, canvas, dpr)
}

/// The bar under (`x`, `y`) CSS pixels of chart `kind` drawn on `canvas`, or `null`.
#[wasm_bindgen]
pub fn chart_hit(
    kind: &str,
    checked: &Checked,
    canvas: &HtmlCanvasElement,
    dpr: f64,
    x: f64,
    y: f64,
) -> Result<JsValue, JsError> {
    let dpr = if dpr.is_finite() && dpr > 0.0 {
        dpr
    } else {
        1.0
    };
    let (w, h) = (
        f64::from(canvas.width()) / dpr,
        f64::from(canvas.height()) / dpr,
    );
    checked.hit(kind, w, h, x, y)
}

// ---------------------------------------------------------------------------------------
// Labels for the page

fn columns(cols: &[schema::ColumnDef]) -> Value {
    Value::Array(
        cols.iter()
            .map(|c| json!({ "key": c.key, "label": c.label, "unit": c.unit }))
            .collect(),
    )
}

fn format_schema(f: Format) -> Value {
    let app_rows: Vec<Value> = schema::application_rows(f)
        .iter()
        .map(|r| json!({ "key": r.key, "label": r.label, "group": r.group }))
        .collect();
    let subtables: Vec<Value> = schema::proactive_subtables(f)
        .iter()
        .map(|s| {
            json!({
                "item": s.item,
                "row_heading": schema::PROACTIVE_ROW_HEADING,
                "caption": s.caption(),
                "topic": s.topic,
                "rows": s.rows.iter().map(|r| json!({ "key": r.key, "label": r.label })).collect::<Vec<_>>(),
                "columns": columns(s.columns),
            })
        })
        .collect();
    json!({
        "notice": f.notice(),
        "proactive": { "subtables": subtables },
        "applications": {
            "rows": app_rows,
            "columns": columns(&schema::APPLICANT_COLUMNS),
            "note": schema::APPLICATIONS_NOTE,
            "applicants": schema::APPLICANT_HEADING,
            "organisations": schema::ORGANISATION_HEADING,
        },
        "disputes": {
            // "行政诉讼·复议后起诉": `group` is the header over several blocks, `heading` the
            // block's own header; a block without a group is headed by its label.
            "rows": schema::DISPUTE_BLOCKS.iter().map(|b| {
                let (group, heading) = match b.label.split_once('·') {
                    Some((g, h)) => (Some(g), h),
                    None => (None, b.label),
                };
                json!({ "key": b.key, "label": b.label, "group": group, "heading": heading })
            }).collect::<Vec<_>>(),
            "columns": columns(&schema::DISPUTE_COLUMNS),
        },
    })
}

/// Every label of both formats and every rule of the catalogue:
/// `{ formats: { "2019": …, "2021": … }, tables, charts, severities, rules: [{ code, severity, name, explain, basis }] }`.
/// Each format: `notice`, `proactive.subtables[{ item, row_heading, caption, rows, columns }]`,
/// `applications { rows[{ key, label, group }], columns, note, applicants, organisations }`,
/// `disputes { rows[{ key, label, group, heading }], columns }`.
#[wasm_bindgen]
pub fn schema() -> Result<JsValue, JsError> {
    let tables: Vec<Value> = TableId::ALL
        .iter()
        .map(|t| json!({ "key": t.key(), "name": t.name_zh(), "title": t.title_zh() }))
        .collect();
    let charts: Vec<Value> = ChartKind::ALL
        .iter()
        .map(|k| json!({ "key": k.key(), "title": k.title_zh(), "table": k.table().key() }))
        .collect();
    let v = json!({
        "formats": { "2019": format_schema(Format::F2019), "2021": format_schema(Format::F2021) },
        "tables": tables,
        "charts": charts,
        "severities": crate::codes::Severity::ALL.iter().map(|s| (s.key().to_string(), Value::from(s.name_zh()))).collect::<serde_json::Map<String, Value>>(),
        "rules": crate::codes::CATALOGUE.iter().map(|r| json!({
            "code": r.code.as_str(),
            "severity": r.severity.key(),
            "name": r.name_zh,
            "explain": r.explain_zh,
            "basis": r.basis_zh,
        })).collect::<Vec<_>>(),
    });
    to_js(&v)
}
