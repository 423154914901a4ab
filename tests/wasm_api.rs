//! The browser facade in headless Chromium (`wasm-pack test --headless --chrome
//! --no-default-features`): the API returns the report object, spans come out in UTF-16
//! units, bad bytes throw a Chinese error, and each chart draws non-blank pixels.
#![cfg(target_arch = "wasm32")]

use nianbao::wasm::{
    chart_hit, check, check_bytes, draw_actions, draw_disputes, draw_outcomes, format_number,
    schema, Checked,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn canvas(w: u32, h: u32) -> HtmlCanvasElement {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let c: HtmlCanvasElement = doc
        .create_element("canvas")
        .expect("canvas")
        .dyn_into()
        .expect("is canvas");
    c.set_width(w);
    c.set_height(h);
    doc.body().expect("body").append_child(&c).expect("append");
    c
}

/// Pixels that are neither white nor transparent.
fn inked_pixels(c: &HtmlCanvasElement) -> usize {
    let ctx: CanvasRenderingContext2d = c
        .get_context("2d")
        .ok()
        .flatten()
        .expect("2d")
        .dyn_into()
        .expect("is 2d");
    let data = ctx
        .get_image_data(0.0, 0.0, c.width() as f64, c.height() as f64)
        .expect("image data")
        .data();
    data.chunks(4)
        .filter(|p| p[3] > 0 && (p[0] < 240 || p[1] < 240 || p[2] < 240))
        .count()
}

const SAMPLE: &str = "某某局2021年政府信息公开工作年度报告\n一、总体情况\n本年度共收到申请3件。\n";

#[wasm_bindgen_test]
fn check_returns_report_object() {
    let r = check(SAMPLE).expect("check");
    assert!(r.is_object());
    assert!(get(&r, "diagnostics").is_array());
    assert!(get(&r, "summary").is_object());
    assert!(get(&r, "tables").is_object());
}

#[wasm_bindgen_test]
fn sections_spans_are_utf16() {
    let r = check(SAMPLE).expect("check");
    let sections: js_sys::Array = get(&r, "sections").dyn_into().expect("array");
    for s in sections.iter() {
        let span = get(&s, "span");
        let start = get(&span, "start").as_f64().expect("start") as u32;
        let end = get(&span, "end").as_f64().expect("end") as u32;
        let title = get(&s, "title").as_string().unwrap_or_default();
        let js_text = js_sys::JsString::from(SAMPLE);
        let slice = js_text.slice(start, end);
        assert!(
            String::from(slice).contains(title.trim()),
            "span {start}..{end} is the heading {title}"
        );
    }
}

#[wasm_bindgen_test]
fn check_bytes_decodes_gbk_and_utf8() {
    // "一、总体情况" in GBK.
    let gbk: &[u8] = &[
        0xD2, 0xBB, 0xA1, 0xA2, 0xD7, 0xDC, 0xCC, 0xE5, 0xC7, 0xE9, 0xBF, 0xF6, b'\n',
    ];
    let out = check_bytes(gbk).expect("gbk decodes");
    assert_eq!(
        get(&out, "text").as_string().as_deref(),
        Some("一、总体情况\n")
    );
    let out = check_bytes("一、总体情况\n".as_bytes()).expect("utf-8");
    assert_eq!(
        get(&out, "text").as_string().as_deref(),
        Some("一、总体情况\n")
    );
    let html = b"<html><head><meta charset=\"gb2312\"></head><body>\xD2\xBB</body></html>";
    let out = check_bytes(html).expect("declared gb2312");
    assert!(get(&out, "text")
        .as_string()
        .unwrap_or_default()
        .contains('一'));
}

#[wasm_bindgen_test]
fn check_bytes_empty_throws_chinese_error() {
    let err = check_bytes(b"").expect_err("empty input is an error");
    let v: JsValue = err.into();
    let msg = get(&v, "message").as_string().unwrap_or_default();
    assert!(msg.contains("输入为空"), "{msg}");
}

#[wasm_bindgen_test]
fn schema_has_labels_of_both_formats() {
    let s = schema().expect("schema");
    let formats = get(&s, "formats");
    for f in ["2019", "2021"] {
        let apps = get(&get(&get(&formats, f), "applications"), "rows");
        let rows: js_sys::Array = apps.dyn_into().expect("rows");
        assert!(rows.length() >= 23);
    }
}

#[wasm_bindgen_test]
fn schema_has_the_header_words_the_page_prints() {
    use nianbao::schema as fs;
    let s = schema().expect("schema");
    let text = |v: JsValue| v.as_string();
    for f in ["2019", "2021"] {
        let format = get(&get(&s, "formats"), f);
        let apps = get(&format, "applications");
        for (key, want) in [
            ("note", fs::APPLICATIONS_NOTE),
            ("applicants", fs::APPLICANT_HEADING),
            ("organisations", fs::ORGANISATION_HEADING),
        ] {
            assert_eq!(text(get(&apps, key)).as_deref(), Some(want), "{f} {key}");
        }
        let subs: js_sys::Array = get(&get(&format, "proactive"), "subtables")
            .dyn_into()
            .expect("subtables");
        for sub in subs.iter() {
            assert_eq!(
                text(get(&sub, "row_heading")).as_deref(),
                Some(fs::PROACTIVE_ROW_HEADING)
            );
        }
        // 表四: 行政复议 heads its own block; the two 行政诉讼 blocks share a group header.
        let blocks: js_sys::Array = get(&get(&format, "disputes"), "rows")
            .dyn_into()
            .expect("rows");
        let heads: Vec<(Option<String>, Option<String>)> = blocks
            .iter()
            .map(|b| (text(get(&b, "group")), text(get(&b, "heading"))))
            .collect();
        let label = |i: usize| fs::DISPUTE_BLOCKS[i].label.to_string();
        assert_eq!(heads[0], (None, Some(label(0))));
        for (i, head) in heads.iter().enumerate().skip(1) {
            let (group, heading) = label(i)
                .split_once('·')
                .map(|(g, h)| (g.to_string(), h.to_string()))
                .expect("group·heading");
            assert_eq!(head, &(Some(group), Some(heading)));
        }
    }
}

#[wasm_bindgen_test]
fn format_number_is_the_core_formatter() {
    for v in [0.0, 23.0, -3.0, 976.81, 0.1 + 0.2, 1.0e16, f64::NAN] {
        assert_eq!(format_number(v), nianbao::value::format_number(v), "{v}");
    }
}

/// The page's own sample report (fictional, 2021 format).
const SAMPLE_REPORT: &str = include_str!("../www/sample-2021.txt");

#[wasm_bindgen_test]
fn cell_spans_index_the_javascript_string() {
    let r = check(SAMPLE_REPORT).expect("check");
    let text = js_sys::JsString::from(SAMPLE_REPORT);
    let apps = get(&get(&r, "tables"), "applications");
    assert!(apps.is_object(), "the sample's 表三 is read");
    let mut seen = 0;
    for row in js_sys::Object::values(&apps.into()).iter() {
        for cell in js_sys::Object::values(&row.into()).iter() {
            let span = get(&cell, "span");
            if !span.is_object() {
                continue;
            }
            let start = get(&span, "start").as_f64().unwrap_or(0.0) as u32;
            let end = get(&span, "end").as_f64().unwrap_or(0.0) as u32;
            let raw = get(&cell, "raw").as_string().unwrap_or_default();
            let slice = String::from(text.slice(start, end));
            assert_eq!(slice.trim(), raw.trim(), "cell span {start}..{end}");
            seen += 1;
        }
    }
    assert!(seen > 100, "{seen} cells with spans");
}

#[wasm_bindgen_test]
fn each_chart_draws_non_blank_pixels() {
    let checked = Checked::new(SAMPLE_REPORT).expect("within the limits");
    type Draw = fn(&Checked, HtmlCanvasElement, f64) -> Result<(), wasm_bindgen::JsError>;
    let draws: [(&str, Draw); 3] = [
        ("outcomes", draw_outcomes),
        ("actions", draw_actions),
        ("disputes", draw_disputes),
    ];
    for (kind, draw) in draws {
        let c = canvas(480, 200);
        draw(&checked, c.clone(), 1.0).unwrap_or_else(|_| panic!("{kind} draws"));
        let inked = inked_pixels(&c);
        assert!(inked > 200, "{kind}: {inked} inked pixels");
        // HiDPI: a 2× backing store draws about four times the ink.
        let c2 = canvas(960, 400);
        checked
            .draw(kind, c2.clone(), 2.0)
            .unwrap_or_else(|_| panic!("{kind} draws at 2x"));
        assert!(inked_pixels(&c2) > inked * 2, "{kind} at 2x");
    }
}

#[wasm_bindgen_test]
fn hit_outside_bars_is_null_and_unknown_chart_throws() {
    let checked = Checked::new(SAMPLE).expect("within the limits");
    let c = canvas(480, 200);
    assert!(chart_hit("outcomes", &checked, &c, 1.0, 1.0, 1.0)
        .expect("hit")
        .is_null());
    assert!(checked.hit("pie", 480.0, 200.0, 10.0, 10.0).is_err());
}

#[wasm_bindgen_test]
fn oversize_input_throws_a_chinese_message() {
    let big = "一".repeat(nianbao::ingest::limits::MAX_INPUT_BYTES / 3 + 10);
    let err = check(&big).expect_err("over the input limit");
    let msg = js_sys::Error::from(JsValue::from(err)).message();
    assert!(String::from(msg).contains("输入过大"));
}

#[wasm_bindgen_test]
fn hit_reads_what_draw_kept_and_keyboard_text_matches() {
    let checked = Checked::new(SAMPLE_REPORT).expect("within the limits");
    let report = nianbao::check(SAMPLE_REPORT);
    for kind in ["outcomes", "actions", "disputes"] {
        let k = nianbao::chart::ChartKind::from_key(kind).expect("kind");
        let h = nianbao::chart::preferred_height(&report, k, 480);
        let c = canvas(480 * 3, h * 3);
        checked.draw(kind, c, 3.0).expect("draws at print scale");
        let l = nianbao::chart::layout(&report, k, 480.0, f64::from(h));
        for b in &l.bars {
            let hit = checked
                .hit(
                    kind,
                    480.0,
                    f64::from(h),
                    b.row.x + 1.0,
                    b.row.y + b.row.h / 2.0,
                )
                .expect("hit");
            let index = get(&hit, "index").as_f64().expect("index") as usize;
            let text = get(&hit, "text").as_string().expect("text");
            let keyboard = checked.bar_text(kind, index).expect("bar_text");
            assert_eq!(Some(text), keyboard, "{kind} bar {index}");
        }
        assert_eq!(checked.bar_text(kind, 999).expect("bar_text"), None);
        let data = checked.chart_data(kind).expect("chart data");
        let bars = js_sys::Array::from(&get(&data, "bars"));
        assert!(
            bars.length() > 0 && get(&bars.get(0), "text").is_string(),
            "{kind}"
        );
    }
    assert!(checked.bar_text("pie", 0).is_err());
}

#[wasm_bindgen_test]
fn report_count_and_input_limit() {
    assert_eq!(nianbao::wasm::report_count(SAMPLE), 1);
    assert_eq!(
        nianbao::wasm::report_count(&format!("{SAMPLE}\n{SAMPLE}")),
        2
    );
    assert_eq!(nianbao::wasm::input_too_large(1024.0), None);
    let msg = nianbao::wasm::input_too_large((21u64 << 20) as f64).expect("over the limit");
    assert!(msg.starts_with("无法读取：输入过大"), "{msg}");
}
