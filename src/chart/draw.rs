//! Drawing a `Layout` on any plotters backend: the canvas in the browser, SVG natively.
//! Every coordinate, stroke and font size is multiplied by one scale, so a canvas drawn at
//! a device pixel ratio of 3–4 (a print-resolution PNG) is as sharp as the SVG.

use super::layout::{layout, Layout, Shape, TextBox, H, V};
use super::{ChartKind, Rgb};
use crate::model::Report;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

const FAMILY: &str = "sans-serif";

/// plotters' SVG backend writes `font-size = size / 1.24` (its sizes are line heights),
/// the canvas backend `size` px; drawing for SVG multiplies by this so both show 13 px.
pub const SVG_FONT_FACTOR: f64 = 1.24;

fn rgb(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

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
        color: rgb(t.color).to_backend_color(),
        pos: Pos::new(h, v),
    }
}

/// Draw a computed layout, every coordinate and stroke multiplied by `scale` and font
/// sizes further by `font_factor` (1 for the canvas, `SVG_FONT_FACTOR` for SVG).
pub fn draw_layout<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    l: &Layout,
    scale: f64,
    font_factor: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let p = |x: f64| (x * scale).round() as i32;
    let stroke = |w: f64| (w * scale).round().max(1.0) as u32;
    area.fill(&WHITE)?;
    for shape in &l.shapes {
        match shape {
            Shape::Line(a, b, c, w) => {
                area.draw(&PathElement::new(
                    vec![(p(a.0), p(a.1)), (p(b.0), p(b.1))],
                    rgb(*c).stroke_width(stroke(*w)),
                ))?;
            }
            Shape::Fill(r, c) => {
                if r.w > 0.0 && r.h > 0.0 {
                    area.draw(&Rectangle::new(
                        [(p(r.x), p(r.y)), (p(r.x + r.w), p(r.y + r.h))],
                        rgb(*c).filled(),
                    ))?;
                }
            }
            Shape::Outline(r, c, w) => {
                if r.h > 0.0 {
                    area.draw(&Rectangle::new(
                        [(p(r.x), p(r.y)), (p(r.x + r.w), p(r.y + r.h))],
                        rgb(*c).stroke_width(stroke(*w)),
                    ))?;
                }
            }
            Shape::Text(t) => {
                area.draw(&Text::new(
                    t.text.as_str(),
                    (p(t.x), p(t.y)),
                    font(t, scale * font_factor),
                ))?;
            }
        }
    }
    Ok(())
}

/// Draw `kind` for `report` filling `area` (1 backend pixel = 1 CSS pixel; canvas-style
/// font sizes — SVG goes through `render_svg`). Returns the layout drawn, for hit-testing.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    report: &Report,
    kind: ChartKind,
) -> Result<Layout, DrawingAreaErrorKind<DB::ErrorType>> {
    draw_scaled(area, report, kind, 1.0, 1.0)
}

/// Draw with `scale` backend pixels per CSS pixel (the device pixel ratio: sharp on HiDPI
/// and in print) and `font_factor` as in `draw_layout`. The chart is laid out once, in
/// CSS pixels (the area's size divided by `scale`), and that layout is returned: the
/// handle `Layout::hit` and `Layout::bar_text` read without laying out again.
pub fn draw_scaled<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    report: &Report,
    kind: ChartKind,
    scale: f64,
    font_factor: f64,
) -> Result<Layout, DrawingAreaErrorKind<DB::ErrorType>> {
    let scale = if scale.is_finite() && scale > 0.0 {
        scale
    } else {
        1.0
    };
    let (w, h) = area.dim_in_pixel();
    let l = layout(report, kind, f64::from(w) / scale, f64::from(h) / scale);
    draw_layout(area, &l, scale, font_factor)?;
    Ok(l)
}

/// The chart as an SVG document of `width` × `height` pixels.
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
