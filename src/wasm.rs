//! The browser facade: the only module that touches JavaScript and the DOM.
//!
//! - `check(text)` returns the report object of spec §6, `check_bytes(bytes)` returns
//!   `{ text, report }` for a file (GBK/GB18030 decoded with the browser's `TextDecoder`, so
//!   the wasm build needs no encoding tables) or throws an `Error` with a Chinese message.
//! - `Checked` keeps a checked report on the Rust side so the page can draw the three charts
//!   (`draw`) and hit-test them (`hit`) without sending the report back and forth.
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
        })
    }

    /// Check the bytes of a file (throws with a Chinese message when unreadable).
    pub fn from_bytes(bytes: &[u8]) -> Result<Checked, JsError> {
        let (text, report) = check_file(bytes)?;
        Ok(Checked { text, report })
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

    /// The bars of a chart (`outcomes`, `actions`, `disputes`) as data: the accessible table.
    pub fn chart_data(&self, kind: &str) -> Result<JsValue, JsError> {
        to_js(&chart::chart_data(&self.report, kind_of(kind)?))
    }

    /// The CSS height at which the chart reads well at `width` CSS pixels.
    pub fn preferred_height(&self, kind: &str, width: u32) -> Result<u32, JsError> {
        Ok(chart::preferred_height(&self.report, kind_of(kind)?, width))
    }

    /// Draw a chart on `canvas`, whose backing store is `dpr` × its CSS size.
    pub fn draw(&self, kind: &str, canvas: HtmlCanvasElement, dpr: f64) -> Result<(), JsError> {
        draw_chart(&self.report, kind_of(kind)?, canvas, dpr)
    }

    /// The bar under (`x`, `y`) CSS pixels of a `width` × `height` chart, or `null`.
    pub fn hit(
        &self,
        kind: &str,
        width: f64,
        height: f64,
        x: f64,
        y: f64,
    ) -> Result<JsValue, JsError> {
        match chart::hit(&self.report, kind_of(kind)?, width, height, x, y) {
            Some(h) => to_js(&h),
            None => Ok(JsValue::NULL),
        }
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

fn draw_chart(
    report: &Report,
    kind: ChartKind,
    canvas: HtmlCanvasElement,
    dpr: f64,
) -> Result<(), JsError> {
    use plotters::prelude::IntoDrawingArea;
    let dpr = if dpr.is_finite() && dpr > 0.0 {
        dpr
    } else {
        1.0
    };
    let backend = plotters_canvas::CanvasBackend::with_canvas_object(canvas)
        .ok_or_else(|| JsError::new("无法在画布上绘图"))?;
    let area = backend.into_drawing_area();
    chart::draw_scaled(&area, report, kind, dpr, 1.0).map_err(|e| JsError::new(&e.to_string()))?;
    area.present().map_err(|e| JsError::new(&e.to_string()))
}

/// Draw 表三 application outcomes.
#[wasm_bindgen]
pub fn draw_outcomes(
    checked: &Checked,
    canvas: HtmlCanvasElement,
    dpr: f64,
) -> Result<(), JsError> {
    draw_chart(&checked.report, ChartKind::Outcomes, canvas, dpr)
}

/// Draw 表二 administrative actions.
#[wasm_bindgen]
pub fn draw_actions(checked: &Checked, canvas: HtmlCanvasElement, dpr: f64) -> Result<(), JsError> {
    draw_chart(&checked.report, ChartKind::Actions, canvas, dpr)
}

/// Draw 表四 review and litigation outcomes.
#[wasm_bindgen]
pub fn draw_disputes(
    checked: &Checked,
    canvas: HtmlCanvasElement,
    dpr: f64,
) -> Result<(), JsError> {
    draw_chart(&checked.report, ChartKind::Disputes, canvas, dpr)
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
            .map(|c| json!({ "key": c.key, "label": c.label }))
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
                "caption": format!("第二十条第（{}）项", s.item),
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
        .map(|k| json!({ "key": k.key(), "title": k.title_zh() }))
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

