//! Layout and hit-testing of the horizontal bar charts, shared by the three charts. The
//! geometry is computed once in CSS pixels (`Layout`): drawing multiplies it by a scale
//! (the device pixel ratio on the canvas, 3–4 for a print-resolution PNG, 1 for SVG), and
//! the same `Layout` — the handle `draw` returns — answers hit-tests.
//!
//! A chart is a title, one legend, then its panels stacked (one for 表三 and 表四, one per
//! item for 表二), each with its bars, its own axis and its unit.

use super::{chart_data, Bar, Basis, ChartData, ChartKind, Rgb, Swatch, HATCH, TOTAL};
use crate::model::Report;
use crate::value::{format_compact, format_grouped};
use serde::Serialize;

const PAD: f64 = 12.0;
const TITLE: f64 = 15.0;
pub(super) const FONT: f64 = 13.0;
pub(super) const SMALL: f64 = 11.0;
const SWATCH: f64 = 10.0;
const LEGEND_LINE: f64 = 18.0;
/// Tick labels, then the unit line (单位：件) under them.
const AXIS_H: f64 = 34.0;
const GROUP_GAP: f64 = 8.0;
const PANEL_GAP: f64 = 10.0;
const PANEL_TITLE_H: f64 = 22.0;
/// Diagonal spacing of the hatch lines.
const HATCH_STEP: f64 = 5.0;
/// A non-zero value is never drawn thinner than this, so it stays visible beside a large one.
const MIN_BAR: f64 = 2.0;
pub(super) const INK: Rgb = Rgb(0x22, 0x2a, 0x33);
pub(super) const MUTED: Rgb = Rgb(0x5f, 0x66, 0x6e);
const GRID: Rgb = Rgb(0xe3, 0xe6, 0xea);
const AXIS: Rgb = Rgb(0x9a, 0xa0, 0xa8);
pub(super) const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);

/// Width of `text` at `size` px: CJK and other wide characters are 1 em, ASCII ~0.6 em.
/// An estimate on purpose: the same on every backend, and free in the browser.
pub(crate) fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| match c {
            '0'..='9' | '.' | '-' | ',' => 0.58,
            ' ' => 0.3,
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
#[derive(Debug, Clone, PartialEq)]
pub struct TextBox {
    pub text: String,
    pub x: f64,
    pub y: f64,
    pub size: f64,
    pub anchor: (H, V),
    pub color: Rgb,
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
    /// The rectangle between two x positions (in either order).
    fn span(a: f64, b: f64, y: f64, h: f64) -> Rect {
        Rect {
            x: a.min(b),
            y,
            w: (a - b).abs(),
            h,
        }
    }
}

pub(super) type Point = (f64, f64);

/// What is drawn, in drawing order (later shapes on top).
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Line(Point, Point, Rgb, f64),
    Fill(Rect, Rgb),
    Outline(Rect, Rgb, f64),
    Text(TextBox),
}

/// Where one bar and its parts sit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BarBox {
    pub index: usize,
    /// The whole row (label, bar and value): what the pointer hits.
    pub row: Rect,
    /// The bar itself (to anchor a tooltip).
    pub bar: Rect,
    /// One rectangle per segment of the bar's data, in order.
    pub segments: Vec<Rect>,
}

/// The chart's geometry in CSS pixels: what `draw` draws and what `hit` reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    pub data: ChartData,
    pub bars: Vec<BarBox>,
    pub(super) shapes: Vec<Shape>,
}

fn text(text: impl Into<String>, x: f64, y: f64, size: f64, anchor: (H, V), color: Rgb) -> Shape {
    Shape::Text(TextBox {
        text: text.into(),
        x,
        y,
        size,
        anchor,
        color,
        bold: false,
    })
}

fn bold(s: Shape) -> Shape {
    match s {
        Shape::Text(mut t) => {
            t.bold = true;
            Shape::Text(t)
        }
        other => other,
    }
}

/// A round step for about `n` ticks over `range`, never below `min_step`.
fn nice_step(range: f64, n: f64, min_step: f64) -> f64 {
    let raw = (range / n.max(1.0)).max(min_step).max(1e-9);
    if !raw.is_finite() {
        return 1.0;
    }
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

/// The short note after a bar's number: where the number comes from when it is not
/// simply the written total, and whether it is a difference (drawn bold).
fn note(bar: &Bar) -> Option<(String, bool)> {
    match bar.basis {
        Basis::Written if bar.parts_differ => {
            let filled = if bar.partial { "已填" } else { "" };
            bar.parts_sum
                .map(|p| (format!("{filled}各项之和为 {}", format_grouped(p)), true))
        }
        Basis::Written if bar.parts_sum.is_none() => Some(("各项未填写".into(), false)),
        Basis::Written if bar.partial => Some(("部分单元格未填写".into(), false)),
        Basis::Sum if bar.partial => Some((format!("未填{TOTAL}，为已填各项之和"), false)),
        Basis::Sum => Some((format!("未填{TOTAL}，为各项之和"), false)),
        _ => None,
    }
}

fn value_label(bar: &Bar) -> String {
    bar.value
        .map(format_grouped)
        .unwrap_or_else(|| "未填写".into())
}

/// Label column wider than this share of the width: labels go above their bars.
const LABEL_SHARE: f64 = 0.42;

struct Metrics {
    top: f64,
    legend: Vec<(usize, f64, f64)>,
    title_size: f64,
    label_w: f64,
    value_w: f64,
    above: bool,
}

fn metrics(data: &ChartData, width: f64) -> Metrics {
    let inner = (width - 2.0 * PAD).max(40.0);
    let title_size = (inner / text_width(&data.title, 1.0).max(1.0)).clamp(10.0, TITLE);
    let mut y = PAD + title_size + 8.0;
    let mut legend = Vec::new();
    if data.empty.is_none() && !data.legend.is_empty() {
        let mut x = PAD;
        for (i, item) in data.legend.iter().enumerate() {
            let w = SWATCH + 4.0 + text_width(&item.label, SMALL) + 12.0;
            if x > PAD && x + w > width - PAD {
                x = PAD;
                y += LEGEND_LINE;
            }
            legend.push((i, x, y));
            x += w;
        }
        y += LEGEND_LINE;
    }
    let label_w = data
        .bars
        .iter()
        .map(|b| text_width(&b.label, FONT))
        .fold(0.0, f64::max)
        + 10.0;
    let value_w = data
        .bars
        .iter()
        .map(|b| {
            text_width(&value_label(b), FONT)
                + note(b).map_or(0.0, |(n, _)| 6.0 + text_width(&n, SMALL))
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

/// Fixed height of panel `p` besides its rows: title, group gaps and axis.
fn panel_chrome(data: &ChartData, p: usize) -> f64 {
    let bars: Vec<&Bar> = data.bars.iter().filter(|b| b.panel == p).collect();
    let gaps = bars.windows(2).filter(|w| w[0].group != w[1].group).count() as f64 * GROUP_GAP;
    let title = if data.panels.get(p).is_some_and(|x| x.title.is_some()) {
        PANEL_TITLE_H
    } else {
        0.0
    };
    title + gaps + AXIS_H
}

fn chrome(data: &ChartData) -> f64 {
    (0..data.panels.len())
        .map(|p| panel_chrome(data, p))
        .sum::<f64>()
        + data.panels.len().saturating_sub(1) as f64 * PANEL_GAP
}

/// The height at which every bar gets a comfortable row at this width.
pub fn preferred_height(report: &Report, kind: ChartKind, width: u32) -> u32 {
    let data = chart_data(report, kind);
    if data.empty.is_some() {
        return 160;
    }
    let m = metrics(&data, f64::from(width));
    let row = if m.above { 40.0 } else { 28.0 };
    (m.top + data.bars.len() as f64 * row + chrome(&data) + PAD).ceil() as u32
}

/// Lay out `kind` for `report` in a `width` × `height` CSS-pixel box.
pub fn layout(report: &Report, kind: ChartKind, width: f64, height: f64) -> Layout {
    layout_data(chart_data(report, kind), width, height)
}

fn hatch(shapes: &mut Vec<Shape>, r: Rect) {
    let mut c = HATCH_STEP / 2.0;
    while c < r.w + r.h {
        let t0 = (c - r.w).max(0.0);
        let t1 = c.min(r.h);
        if t1 > t0 {
            shapes.push(Shape::Line(
                (r.x + c - t0, r.y + t0),
                (r.x + c - t1, r.y + t1),
                HATCH,
                1.0,
            ));
        }
        c += HATCH_STEP;
    }
}

/// Lay out chart data in a `width` × `height` CSS-pixel box.
pub fn layout_data(data: ChartData, width: f64, height: f64) -> Layout {
    let width = if width.is_finite() {
        width.max(80.0)
    } else {
        80.0
    };
    let height = if height.is_finite() {
        height.max(60.0)
    } else {
        60.0
    };
    let m = metrics(&data, width);
    let mut shapes = Vec::new();
    shapes.push(bold(text(
        data.title.clone(),
        PAD,
        PAD,
        m.title_size,
        (H::Left, V::Top),
        INK,
    )));

    if let Some(reason) = &data.empty {
        let cy = (m.top + height) / 2.0;
        shapes.push(text(
            "无数据",
            width / 2.0,
            cy - 10.0,
            18.0,
            (H::Center, V::Center),
            MUTED,
        ));
        shapes.push(text(
            reason.clone(),
            width / 2.0,
            cy + 14.0,
            FONT,
            (H::Center, V::Center),
            MUTED,
        ));
        return Layout {
            width,
            height,
            data,
            bars: Vec::new(),
            shapes,
        };
    }

    for &(i, x, y) in &m.legend {
        let Some(item) = data.legend.get(i) else {
            continue;
        };
        let sw = Rect {
            x,
            y: y + 3.0,
            w: SWATCH,
            h: SWATCH,
        };
        match item.swatch {
            Swatch::Fill => shapes.push(Shape::Fill(sw, item.color)),
            Swatch::Hatch => {
                hatch(&mut shapes, sw);
                shapes.push(Shape::Outline(sw, item.color, 1.0));
            }
        }
        shapes.push(text(
            item.label.clone(),
            x + SWATCH + 4.0,
            y + 8.0,
            SMALL,
            (H::Left, V::Center),
            INK,
        ));
    }

    let n = data.bars.len().max(1) as f64;
    let avail = (height - m.top - chrome(&data) - PAD).max(n * 10.0);
    let (min_row, max_row) = if m.above { (26.0, 56.0) } else { (14.0, 40.0) };
    let row_h = (avail / n).clamp(min_row, max_row);
    let x0 = if m.above { PAD } else { PAD + m.label_w };
    let x1 = (width - PAD - m.value_w).max(x0 + 20.0);
    let plot_w = x1 - x0;

    let mut boxes = Vec::new();
    let mut y = m.top;
    for (p, panel) in data.panels.iter().enumerate() {
        let idx: Vec<usize> = (0..data.bars.len())
            .filter(|&i| data.bars[i].panel == p)
            .collect();
        if idx.is_empty() {
            continue;
        }
        if p > 0 {
            y += PANEL_GAP;
        }
        if let Some(title) = &panel.title {
            let size = (width - 2.0 * PAD) / text_width(title, 1.0).max(1.0);
            shapes.push(bold(text(
                title.clone(),
                PAD,
                y + PANEL_TITLE_H / 2.0,
                size.clamp(9.0, FONT),
                (H::Left, V::Center),
                INK,
            )));
            y += PANEL_TITLE_H;
        }

        // The panel's scale: from the lowest to the highest number any bar draws.
        let values = idx.iter().flat_map(|&i| {
            let b = &data.bars[i];
            [b.value, b.parts_sum]
        });
        let (lo, hi) = values
            .flatten()
            .filter(|v| v.is_finite())
            .fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
        let integral = idx.iter().all(|&i| {
            let b = &data.bars[i];
            [b.value, b.parts_sum]
                .into_iter()
                .flatten()
                .all(|v| v.fract() == 0.0)
        });
        let min_step = if integral { 1.0 } else { 0.0 };
        // About one tick per 60 px, never fewer than three: the axis ends close to the longest bar.
        let step = nice_step(hi - lo, (plot_w / 60.0).floor().max(3.0), min_step);
        let scale_lo = (lo / step).floor() * step;
        let scale_hi = ((hi / step).ceil() * step).max(scale_lo + step);
        let sx = |v: f64| {
            let v = v.clamp(scale_lo, scale_hi);
            x0 + (v - scale_lo) / (scale_hi - scale_lo) * plot_w
        };

        // Rows first, so the grid can be drawn under the bars.
        let mut rows = Vec::new();
        let mut prev_group = None;
        let plot_top = y;
        for &i in &idx {
            let g = data.bars[i].group;
            if prev_group.is_some_and(|pg| pg != g) {
                y += GROUP_GAP;
            }
            prev_group = Some(g);
            rows.push((i, y));
            y += row_h;
        }
        let plot_bottom = y;

        let mut tick = scale_lo;
        let mut guard = 0;
        let compact = !panel.unit.starts_with('万') && !panel.unit.starts_with('亿');
        while tick <= scale_hi + step / 2.0 && guard < 60 {
            let x = sx(tick);
            shapes.push(Shape::Line((x, plot_top), (x, plot_bottom), GRID, 1.0));
            let t = if tick.abs() < step / 1e6 { 0.0 } else { tick };
            let label = if compact {
                format_compact(t)
            } else {
                format_grouped(t)
            };
            shapes.push(text(
                label,
                x,
                plot_bottom + 4.0,
                SMALL,
                (H::Center, V::Top),
                MUTED,
            ));
            tick += step;
            guard += 1;
        }
        let base = sx(0.0);
        shapes.push(Shape::Line(
            (base, plot_top),
            (base, plot_bottom),
            AXIS,
            1.0,
        ));
        if !panel.unit.is_empty() {
            shapes.push(text(
                format!("单位：{}", panel.unit),
                x1,
                plot_bottom + 20.0,
                SMALL,
                (H::Right, V::Top),
                MUTED,
            ));
        }

        for (i, row_y) in rows {
            let bar = &data.bars[i];
            let (label_y, bar_y, bar_h) = if m.above {
                let label_h = FONT + 4.0;
                (
                    row_y + label_h / 2.0,
                    row_y + label_h,
                    (row_h - label_h - 6.0).max(6.0),
                )
            } else {
                let bh = (row_h * 0.68).max(8.0);
                (row_y + row_h / 2.0, row_y + (row_h - bh) / 2.0, bh)
            };
            let (lx, anchor) = if m.above {
                (PAD, (H::Left, V::Center))
            } else {
                (x0 - 6.0, (H::Right, V::Center))
            };
            shapes.push(text(bar.label.clone(), lx, label_y, FONT, anchor, INK));

            let span = |a: f64, b: f64| {
                let (xa, mut xb) = (sx(a), sx(b));
                if a != b && (xb - xa).abs() < MIN_BAR {
                    xb = xa + MIN_BAR * (b - a).signum();
                }
                Rect::span(xa, xb, bar_y, bar_h)
            };
            // The parts, stacked from zero; a run of one colour is one rectangle.
            let mut seg_rects = Vec::new();
            let mut cum = 0.0;
            let mut run: Option<(Rect, Rgb)> = None;
            let mut separators = Vec::new();
            for seg in &bar.segments {
                let r = span(cum, cum + seg.value);
                cum += seg.value;
                seg_rects.push(r);
                run = match run {
                    Some((acc, c)) if c == seg.color => {
                        let x = acc.x.min(r.x);
                        let right = (acc.x + acc.w).max(r.x + r.w);
                        Some((Rect::span(x, right, bar_y, bar_h), c))
                    }
                    Some(prev) => {
                        shapes.push(Shape::Fill(prev.0, prev.1));
                        separators.push(r.x);
                        Some((r, seg.color))
                    }
                    None => Some((r, seg.color)),
                };
            }
            let mut far = base;
            if let Some((r, c)) = run {
                shapes.push(Shape::Fill(r, c));
                far = far.max(r.x + r.w);
            }
            for sx_ in separators {
                shapes.push(Shape::Line((sx_, bar_y), (sx_, bar_y + bar_h), WHITE, 1.0));
            }
            // Numbers inside segments of distinct colours, where they fit.
            let distinct = bar.segments.windows(2).any(|w| w[0].color != w[1].color);
            if distinct {
                for (seg, r) in bar.segments.iter().zip(&seg_rects) {
                    let s = format_grouped(seg.value);
                    if text_width(&s, SMALL) + 6.0 <= r.w && bar_h >= SMALL {
                        let ink = if seg.color.is_light() { INK } else { WHITE };
                        shapes.push(text(
                            s,
                            r.x + r.w / 2.0,
                            bar_y + bar_h / 2.0,
                            SMALL,
                            (H::Center, V::Center),
                            ink,
                        ));
                    }
                }
            }
            let mut bar_rect = Rect::span(base, far, bar_y, bar_h);
            match (bar.basis, bar.value) {
                (Basis::Cell, Some(v)) | (Basis::Written, Some(v))
                    if bar.segments.is_empty() && !bar.parts_differ =>
                {
                    // A single cell, or a written total whose parts hold no number.
                    let r = span(0.0, v);
                    if r.w > 0.0 {
                        shapes.push(Shape::Fill(r, bar.color));
                    }
                    bar_rect = r;
                    far = far.max(r.x + r.w);
                }
                (Basis::Written, Some(t)) if bar.parts_differ => {
                    // The written total as an outline; the gap to the parts hatched.
                    let s = bar.parts_sum.unwrap_or(0.0);
                    let total = span(0.0, t);
                    let diff = Rect::span(sx(s), sx(t), bar_y, bar_h);
                    if diff.w > 0.0 {
                        hatch(&mut shapes, diff);
                    }
                    shapes.push(Shape::Outline(total, HATCH, 1.5));
                    far = far.max(total.x + total.w).max(diff.x + diff.w);
                    bar_rect = Rect::span(base.min(total.x), far, bar_y, bar_h);
                }
                _ => {}
            }
            let cy = bar_y + bar_h / 2.0;
            let vx = far + 5.0;
            let vl = value_label(bar);
            let ink = if bar.value.is_some() { INK } else { MUTED };
            shapes.push(text(vl.clone(), vx, cy, FONT, (H::Left, V::Center), ink));
            if let Some((n, strong)) = note(bar) {
                let t = text(
                    n,
                    vx + text_width(&vl, FONT) + 6.0,
                    cy,
                    SMALL,
                    (H::Left, V::Center),
                    if strong { INK } else { MUTED },
                );
                shapes.push(if strong { bold(t) } else { t });
            }
            let row_top = if m.above { row_y } else { bar_y.min(row_y) };
            boxes.push(BarBox {
                index: i,
                row: Rect {
                    x: PAD,
                    y: row_top,
                    w: width - 2.0 * PAD,
                    h: row_h,
                },
                bar: bar_rect,
                segments: seg_rects,
            });
        }
        y = plot_bottom + AXIS_H;
    }
    Layout {
        width,
        height,
        data,
        bars: boxes,
        shapes,
    }
}

/// What is under the pointer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub chart: &'static str,
    /// Index of the bar in `ChartData::bars` (the same index `bar_text` takes).
    pub index: usize,
    pub bar: &'static str,
    pub column: Option<&'static str>,
    pub label: String,
    /// The part under the pointer, for bars whose parts have their own colours.
    pub segment: Option<&'static str>,
    pub value: Option<f64>,
    /// One line for the tooltip (the bar's `text`, or the part's).
    pub text: String,
    /// The box to anchor the tooltip to (CSS pixels).
    pub rect: Rect,
}

impl Layout {
    /// The bar (and segment) at (`x`, `y`) CSS pixels.
    pub fn hit(&self, x: f64, y: f64) -> Option<Hit> {
        let b = self.bars.iter().find(|b| b.row.contains(x, y))?;
        let bar = self.data.bars.get(b.index)?;
        let distinct = bar.segments.windows(2).any(|w| w[0].color != w[1].color);
        let seg = b
            .segments
            .iter()
            .position(|r| r.w > 0.0 && x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h)
            .and_then(|i| Some((bar.segments.get(i)?, *b.segments.get(i)?)))
            .filter(|_| distinct);
        let (segment, value, text, rect) = match seg {
            Some((s, r)) => (
                Some(s.label),
                Some(s.value),
                format!(
                    "{} · {}：{}（{}）",
                    bar.label,
                    s.label,
                    super::with_unit(s.value, bar.unit),
                    bar.text
                ),
                r,
            ),
            None => (None, bar.value, bar.text.clone(), b.bar),
        };
        Some(Hit {
            chart: self.data.kind.key(),
            index: b.index,
            bar: bar.key,
            column: bar.column,
            label: bar.label.clone(),
            segment,
            value,
            text,
            rect,
        })
    }

    /// The text of bar `index` (tooltip and keyboard focus), `None` past the last bar.
    pub fn bar_text(&self, index: usize) -> Option<&str> {
        self.data.bars.get(index).map(|b| b.text.as_str())
    }

    /// True when this layout was made for a `width` × `height` box (to a pixel).
    pub fn fits(&self, width: f64, height: f64) -> bool {
        (self.width - width).abs() < 1.0 && (self.height - height).abs() < 1.0
    }
}

/// The bar (and segment) at (`x`, `y`) CSS pixels of a `width` × `height` chart. Lays the
/// chart out first: where the chart was drawn, ask the `Layout` `draw` returned instead.
pub fn hit(
    report: &Report,
    kind: ChartKind,
    width: f64,
    height: f64,
    x: f64,
    y: f64,
) -> Option<Hit> {
    layout(report, kind, width, height).hit(x, y)
}
