//! Layout, drawing and hit-testing of the horizontal bar charts. Geometry is computed once
//! in CSS pixels (`Layout`); drawing multiplies by a scale (the device pixel ratio on the
//! canvas, 1 for SVG), hit-testing reads the same boxes.

use super::{chart_data, format_number, Bar, ChartData, ChartKind, LegendItem, Rgb};
use crate::model::Report;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::Serialize;

const PAD: f64 = 12.0;
const TITLE: f64 = 15.0;
const FONT: f64 = 13.0;
const SMALL: f64 = 11.0;
const SWATCH: f64 = 10.0;
const LEGEND_LINE: f64 = 18.0;
/// Tick labels, then the unit line (单位：件) under them.
const AXIS_H: f64 = 34.0;
const GROUP_GAP: f64 = 10.0;
const FAMILY: &str = "sans-serif";
const INK: Rgb = Rgb(0x22, 0x2a, 0x33);
const MUTED: Rgb = Rgb(0x6b, 0x72, 0x7b);
const GRID: Rgb = Rgb(0xe3, 0xe6, 0xea);
const AXIS: Rgb = Rgb(0x9a, 0xa0, 0xa8);

/// Width of `text` at `size` px: CJK and other wide characters are 1 em, ASCII ~0.6 em.
/// An estimate on purpose: the same on every backend, and free in the browser.
pub(crate) fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| match c {
            '0'..='9' | '.' | '-' | ',' => 0.58,
            c if c.is_ascii() => 0.6,
            _ => 1.0,
        })
        .sum::<f64>()
        * size
}

/// Horizontal anchor of a text (plotters' `HPos` has no `PartialEq`/`Debug`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum H {
    Left,
    Center,
    Right,
}

/// Vertical anchor of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum V {
    Top,
    Center,
}

/// A positioned piece of text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextBox {
    pub text: String,
    pub x: f64,
    pub y: f64,
    pub size: f64,
    #[serde(skip)]
    pub anchor: (H, V),
    pub color: Rgb,
    #[serde(skip)]
    pub bold: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    fn contains(&self, x: f64, y: f64) -> bool {
        x >= self.x && x <= self.x + self.w && y >= self.y && y <= self.y + self.h
    }
}

type Line = ((f64, f64), (f64, f64));

/// Where one bar and its parts sit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BarBox {
    pub index: usize,
    /// The whole row (label, bar and value): what the pointer hits.
    pub row: Rect,
    pub segments: Vec<Rect>,
}

/// The chart's geometry in CSS pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    pub data: ChartData,
    pub bars: Vec<BarBox>,
    /// Grid and axis lines, drawn under the bars.
    lines: Vec<(Line, Rgb)>,
    rects: Vec<(Rect, Rgb)>,
    /// White lines between the segments of a stacked bar.
    separators: Vec<Line>,
    texts: Vec<TextBox>,
}

fn text(text: impl Into<String>, x: f64, y: f64, size: f64, anchor: (H, V), color: Rgb) -> TextBox {
    TextBox {
        text: text.into(),
        x,
        y,
        size,
        anchor,
        color,
        bold: false,
    }
}

/// A round step for about `n` ticks up to `max`.
fn nice_step(max: f64, n: f64) -> f64 {
    let raw = (max / n.max(1.0)).max(1.0);
    let mag = 10f64.powf(raw.log10().floor());
    let r = raw / mag;
    let m = if r <= 1.0 {
        1.0
    } else if r <= 2.0 {
        2.0
    } else if r <= 5.0 {
        5.0
    } else {
        10.0
    };
    m * mag
}

/// Label column wider than this share of the width: labels go above their bars.
const LABEL_SHARE: f64 = 0.42;

struct Metrics {
    top: f64,
    legend: Vec<(LegendItem, f64, f64)>,
    title_size: f64,
    label_w: f64,
    value_w: f64,
    above: bool,
}

fn metrics(data: &ChartData, width: f64) -> Metrics {
    let inner = (width - 2.0 * PAD).max(40.0);
    let title_chars = text_width(data.title, 1.0).max(1.0);
    let title_size = (inner / title_chars).clamp(10.0, TITLE);
    let mut y = PAD + title_size + 8.0;
    let mut legend = Vec::new();
    if data.empty.is_none() && !data.legend.is_empty() {
        let mut x = PAD;
        for item in &data.legend {
            let w = SWATCH + 4.0 + text_width(item.label, SMALL) + 12.0;
            if x > PAD && x + w > width - PAD {
                x = PAD;
                y += LEGEND_LINE;
            }
            legend.push((item.clone(), x, y));
            x += w;
        }
        y += LEGEND_LINE;
    }
    let label_w = data
        .bars
        .iter()
        .map(|b| text_width(b.label, FONT))
        .fold(0.0, f64::max)
        + 10.0;
    let value_w = data
        .bars
        .iter()
        .map(|b| {
            text_width(
                &b.value
                    .map(format_number)
                    .unwrap_or_else(|| "未填写".into()),
                FONT,
            )
        })
        .fold(0.0, f64::max)
        + 10.0;
    Metrics {
        top: y + 2.0,
        legend,
        title_size,
        label_w,
        value_w,
        above: label_w > width * LABEL_SHARE,
    }
}

fn group_gaps(data: &ChartData) -> f64 {
    data.bars
        .windows(2)
        .filter(|w| w[0].group != w[1].group)
        .count() as f64
        * GROUP_GAP
}

/// The height at which every bar gets a comfortable row at this width.
pub fn preferred_height(report: &Report, kind: ChartKind, width: u32) -> u32 {
    let data = chart_data(report, kind);
    let m = metrics(&data, f64::from(width));
    if data.empty.is_some() {
        return 160;
    }
    let row = if m.above { 40.0 } else { 28.0 };
    (m.top + data.bars.len() as f64 * row + group_gaps(&data) + AXIS_H + PAD).ceil() as u32
}

/// Lay out `kind` for `report` in a `width` × `height` CSS-pixel box.
pub fn layout(report: &Report, kind: ChartKind, width: f64, height: f64) -> Layout {
    let data = chart_data(report, kind);
    let width = width.max(80.0);
    let height = height.max(60.0);
    let m = metrics(&data, width);
    let mut l = Layout {
        width,
        height,
        data,
        bars: Vec::new(),
        lines: Vec::new(),
        rects: Vec::new(),
        separators: Vec::new(),
        texts: Vec::new(),
    };
    let mut title = text(l.data.title, PAD, PAD, m.title_size, (H::Left, V::Top), INK);
    title.bold = true;
    l.texts.push(title);

    if let Some(reason) = l.data.empty {
        let cy = (m.top + height) / 2.0;
        l.texts.push(text(
            "无数据",
            width / 2.0,
            cy - 10.0,
            18.0,
            (H::Center, V::Center),
            MUTED,
        ));
        l.texts.push(text(
            reason,
            width / 2.0,
            cy + 14.0,
            FONT,
            (H::Center, V::Center),
            MUTED,
        ));
        return l;
    }

    for (item, x, y) in &m.legend {
        l.rects.push((
            Rect {
                x: *x,
                y: y + 3.0,
                w: SWATCH,
                h: SWATCH,
            },
            item.color,
        ));
        l.texts.push(text(
            item.label,
            x + SWATCH + 4.0,
            y + 8.0,
            SMALL,
            (H::Left, V::Center),
            INK,
        ));
    }

    let n = l.data.bars.len().max(1) as f64;
    let gaps = group_gaps(&l.data);
    let avail = (height - m.top - AXIS_H - PAD - gaps).max(n * 10.0);
    let (min_row, max_row) = if m.above { (26.0, 56.0) } else { (14.0, 40.0) };
    let row_h = (avail / n).clamp(min_row, max_row);
    let x0 = if m.above { PAD } else { PAD + m.label_w };
    let x1 = (width - PAD - m.value_w).max(x0 + 20.0);
    let plot_w = x1 - x0;

    let max = l
        .data
        .bars
        .iter()
        .filter_map(|b| b.value)
        .fold(0.0, f64::max);
    // About one tick per 60 px, never fewer than three: the axis ends close to the longest bar.
    let step = nice_step(max, (plot_w / 60.0).floor().max(3.0));
    let scale_max = ((max / step).ceil() * step).max(step);
    let sx = |v: f64| x0 + (v.max(0.0) / scale_max) * plot_w;

    // Bars.
    let mut y = m.top;
    let mut prev_group = l.data.bars.first().map(|b| b.group);
    let plot_top = y;
    for (index, bar) in l.data.bars.iter().enumerate() {
        if prev_group != Some(bar.group) {
            y += GROUP_GAP;
            prev_group = Some(bar.group);
        }
        let (label_y, bar_y, bar_h) = if m.above {
            let label_h = FONT + 4.0;
            (
                y + label_h / 2.0,
                y + label_h,
                (row_h - label_h - 6.0).max(6.0),
            )
        } else {
            let bh = (row_h * 0.68).max(8.0);
            (y + row_h / 2.0, y + (row_h - bh) / 2.0, bh)
        };
        if m.above {
            l.texts.push(text(
                bar.label,
                PAD,
                label_y,
                FONT,
                (H::Left, V::Center),
                INK,
            ));
        } else {
            l.texts.push(text(
                bar.label,
                x0 - 6.0,
                label_y,
                FONT,
                (H::Right, V::Center),
                INK,
            ));
        }
        let mut segs = Vec::new();
        let mut x = x0;
        for seg in &bar.segments {
            let w = sx(seg.value) - x0;
            let r = Rect {
                x,
                y: bar_y,
                w,
                h: bar_h,
            };
            l.rects.push((r, seg.color));
            let label = format_number(seg.value);
            if bar.segments.len() > 1 && text_width(&label, SMALL) + 6.0 <= w && bar_h >= SMALL {
                let ink = if seg.color.is_light() {
                    INK
                } else {
                    Rgb(255, 255, 255)
                };
                l.texts.push(text(
                    label,
                    x + w / 2.0,
                    bar_y + bar_h / 2.0,
                    SMALL,
                    (H::Center, V::Center),
                    ink,
                ));
            }
            segs.push(r);
            x += w;
        }
        // Separators between segments keep adjacent shades apart.
        for r in segs.iter().skip(1) {
            l.separators.push(((r.x, bar_y), (r.x, bar_y + bar_h)));
        }
        let cy = bar_y + bar_h / 2.0;
        match bar.value {
            Some(v) => {
                let mut s = format_number(v);
                if bar.partial || bar.written_total.is_some() {
                    s.push('*');
                }
                l.texts.push(text(
                    s,
                    x.max(x0) + 5.0,
                    cy,
                    FONT,
                    (H::Left, V::Center),
                    INK,
                ));
            }
            None => l.texts.push(text(
                "未填写",
                x0 + 5.0,
                cy,
                FONT,
                (H::Left, V::Center),
                MUTED,
            )),
        }
        let row_top = if m.above { y } else { bar_y.min(y) };
        l.bars.push(BarBox {
            index,
            row: Rect {
                x: PAD,
                y: row_top,
                w: width - 2.0 * PAD,
                h: row_h,
            },
            segments: segs,
        });
        y += row_h;
    }
    let plot_bottom = y;

    // Grid and axis, under the bars (drawn first, see `draw_layout`).
    let mut tick = 0.0;
    while tick <= scale_max + step / 2.0 {
        let x = sx(tick);
        l.lines.push((((x, plot_top), (x, plot_bottom)), GRID));
        l.texts.push(text(
            format_number(tick),
            x,
            plot_bottom + 4.0,
            SMALL,
            (H::Center, V::Top),
            MUTED,
        ));
        tick += step;
    }
    l.lines.push((((x0, plot_top), (x0, plot_bottom)), AXIS));
    let unit = format!("单位：{}", l.data.unit);
    l.texts.push(text(
        unit,
        x1,
        plot_bottom + 20.0,
        SMALL,
        (H::Right, V::Top),
        MUTED,
    ));
    l
}

/// plotters' SVG backend writes `font-size = size / 1.24` (its sizes are line heights),
/// the canvas backend `size` px; drawing for SVG multiplies by this so both show 13 px.
pub const SVG_FONT_FACTOR: f64 = 1.24;

fn font<'a>(t: &TextBox, scale: f64) -> TextStyle<'a> {
    let style = if t.bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    let h = match t.anchor.0 {
        H::Left => HPos::Left,
        H::Center => HPos::Center,
        H::Right => HPos::Right,
    };
    let v = match t.anchor.1 {
        V::Top => VPos::Top,
        V::Center => VPos::Center,
    };
    TextStyle {
        font: (FAMILY, t.size * scale, style).into_font(),
        color: RGBColor(t.color.0, t.color.1, t.color.2).to_backend_color(),
        pos: Pos::new(h, v),
    }
}

/// Draw a computed layout, every coordinate multiplied by `scale` and font sizes further
/// by `font_factor` (1 for the canvas, `SVG_FONT_FACTOR` for SVG).
pub fn draw_layout<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    l: &Layout,
    scale: f64,
    font_factor: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let p = |x: f64| (x * scale).round() as i32;
    area.fill(&WHITE)?;
    let stroke = scale.round().max(1.0) as u32;
    for ((a, b), c) in &l.lines {
        let style = RGBColor(c.0, c.1, c.2).stroke_width(stroke);
        area.draw(&PathElement::new(
            vec![(p(a.0), p(a.1)), (p(b.0), p(b.1))],
            style,
        ))?;
    }
    for (r, c) in &l.rects {
        if r.w <= 0.0 || r.h <= 0.0 {
            continue;
        }
        let style = RGBColor(c.0, c.1, c.2).filled();
        area.draw(&Rectangle::new(
            [(p(r.x), p(r.y)), (p(r.x + r.w), p(r.y + r.h))],
            style,
        ))?;
    }
    for (a, b) in &l.separators {
        let style = WHITE.stroke_width(stroke);
        area.draw(&PathElement::new(
            vec![(p(a.0), p(a.1)), (p(b.0), p(b.1))],
            style,
        ))?;
    }
    for t in &l.texts {
        area.draw(&Text::new(
            t.text.as_str(),
            (p(t.x), p(t.y)),
            font(t, scale * font_factor),
        ))?;
    }
    Ok(())
}

/// Draw `kind` for `report` filling `area` (1 backend pixel = 1 CSS pixel; canvas-style
/// font sizes — SVG goes through `render_svg`).
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    report: &Report,
    kind: ChartKind,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    draw_scaled(area, report, kind, 1.0, 1.0)
}

/// Draw with `scale` backend pixels per CSS pixel (the device pixel ratio: sharp on HiDPI)
/// and `font_factor` as in `draw_layout`.
pub fn draw_scaled<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    report: &Report,
    kind: ChartKind,
    scale: f64,
    font_factor: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let scale = if scale.is_finite() && scale > 0.0 {
        scale
    } else {
        1.0
    };
    let (w, h) = area.dim_in_pixel();
    let l = layout(report, kind, f64::from(w) / scale, f64::from(h) / scale);
    draw_layout(area, &l, scale, font_factor)
}

/// The chart as an SVG document.
pub fn render_svg(report: &Report, kind: ChartKind, width: u32, height: u32) -> String {
    let mut out = String::new();
    {
        let root =
            SVGBackend::with_string(&mut out, (width.max(1), height.max(1))).into_drawing_area();
        // Writing into a String cannot fail; a failure would leave a partial SVG.
        let _ = draw_scaled(&root, report, kind, 1.0, SVG_FONT_FACTOR).and_then(|_| root.present());
    }
    out
}

/// What is under the pointer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub chart: &'static str,
    pub bar: &'static str,
    pub label: &'static str,
    /// The applicant type or outcome under the pointer, for stacked bars.
    pub segment: Option<&'static str>,
    pub value: Option<f64>,
    /// One line for the tooltip.
    pub text: String,
    /// The box to anchor the tooltip to (CSS pixels).
    pub rect: Rect,
}

fn bar_text(bar: &Bar, unit: &str) -> String {
    match bar.value {
        None => format!("{}：未填写", bar.label),
        Some(v) => {
            let mut s = format!("{}：{} {unit}", bar.label, format_number(v));
            if let Some(t) = bar.written_total {
                s.push_str(&format!("（表中总计填写 {}）", format_number(t)));
            }
            if bar.partial {
                s.push_str("（部分单元格未填写数字）");
            }
            s
        }
    }
}

/// The bar (and segment) at (`x`, `y`) CSS pixels of a `width` × `height` chart.
pub fn hit(
    report: &Report,
    kind: ChartKind,
    width: f64,
    height: f64,
    x: f64,
    y: f64,
) -> Option<Hit> {
    let l = layout(report, kind, width, height);
    let b = l.bars.iter().find(|b| b.row.contains(x, y))?;
    let bar = l.data.bars.get(b.index)?;
    let seg = b
        .segments
        .iter()
        .position(|r| x >= r.x && x <= r.x + r.w)
        .and_then(|i| bar.segments.get(i).map(|s| (i, s)))
        .filter(|_| bar.segments.len() > 1);
    let (segment, value, text, rect) = match seg {
        Some((i, s)) => (
            Some(s.label),
            Some(s.value),
            format!(
                "{} · {}：{} {}（合计 {}）",
                bar.label,
                s.label,
                format_number(s.value),
                l.data.unit,
                bar.value.map(format_number).unwrap_or_default()
            ),
            b.segments[i],
        ),
        None => (None, bar.value, bar_text(bar, l.data.unit), b.row),
    };
    Some(Hit {
        chart: kind.key(),
        bar: bar.key,
        label: bar.label,
        segment,
        value,
        text,
        rect,
    })
}
