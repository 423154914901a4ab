//! The charts' colours: one per category, the same in every chart and every report.
//!
//! The hues come from the colour-blind-safe palettes of Okabe & Ito and of Paul Tol
//! ("muted"), leaving out their reds and oranges: on this page red means an error and amber
//! a warning, so no outcome — least of all 不予公开 — is drawn in either. Neighbouring
//! categories differ in lightness as well as hue, so the bars stay apart in grey print.

use serde::Serialize;

/// A colour as `#rrggbb` in data, `(r, g, b)` for drawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
    /// True when dark text reads better than white on this colour.
    pub fn is_light(self) -> bool {
        let l = 0.299 * f64::from(self.0) + 0.587 * f64::from(self.1) + 0.114 * f64::from(self.2);
        l > 150.0
    }
}

impl Serialize for Rgb {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.hex())
    }
}

/// The ink of the outline and hatch that mark a difference between a written total and
/// the sum of its parts.
pub const HATCH: Rgb = Rgb(0x33, 0x3b, 0x45);

/// The categories a bar or segment can stand for, each with its one colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// Quantities: 新收, 上年结转, 结转下年度, and every number of 表二.
    Volume,
    Granted,
    PartiallyGranted,
    Denied,
    Unable,
    Rejected,
    OtherHandling,
    Upheld,
    Corrected,
    OtherResult,
    Pending,
}

impl Category {
    pub fn color(self) -> Rgb {
        match self {
            Category::Volume => Rgb(0x00, 0x72, 0xb2),
            Category::Granted => Rgb(0x00, 0x9e, 0x73),
            Category::PartiallyGranted => Rgb(0x56, 0xb4, 0xe9),
            Category::Denied => Rgb(0x88, 0x44, 0xaa),
            Category::Unable => Rgb(0x99, 0x99, 0x33),
            Category::Rejected => Rgb(0x33, 0x22, 0x88),
            // "Other" is grey in both tables: the same idea, the same colour.
            Category::OtherHandling | Category::OtherResult => Rgb(0x8c, 0x8c, 0x8c),
            Category::Upheld => Rgb(0x11, 0x77, 0x33),
            Category::Corrected => Rgb(0xdd, 0xcc, 0x77),
            Category::Pending => Rgb(0x88, 0xcc, 0xee),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Category; 11] = [
        Category::Volume,
        Category::Granted,
        Category::PartiallyGranted,
        Category::Denied,
        Category::Unable,
        Category::Rejected,
        Category::OtherHandling,
        Category::Upheld,
        Category::Corrected,
        Category::OtherResult,
        Category::Pending,
    ];

    /// Hue in degrees and saturation of a colour.
    fn hue_sat(c: Rgb) -> (f64, f64) {
        let (r, g, b) = (
            f64::from(c.0) / 255.0,
            f64::from(c.1) / 255.0,
            f64::from(c.2) / 255.0,
        );
        let max = r.max(g).max(b);
        let min = r.min(g).min(b);
        let d = max - min;
        if d == 0.0 {
            return (0.0, 0.0);
        }
        let h = if max == r {
            60.0 * (((g - b) / d).rem_euclid(6.0))
        } else if max == g {
            60.0 * ((b - r) / d + 2.0)
        } else {
            60.0 * ((r - g) / d + 4.0)
        };
        (h, d / max)
    }

    #[test]
    fn no_category_is_red_or_amber() {
        for c in ALL {
            let (h, s) = hue_sat(c.color());
            let warm = !(50.0..=330.0).contains(&h);
            assert!(
                !(warm && s > 0.35),
                "{c:?} {} reads as red/amber",
                c.color().hex()
            );
        }
    }

    #[test]
    fn categories_of_one_chart_have_distinct_colours() {
        let outcome = [
            Category::Volume,
            Category::Granted,
            Category::PartiallyGranted,
            Category::Denied,
            Category::Unable,
            Category::Rejected,
            Category::OtherHandling,
        ];
        let dispute = [
            Category::Upheld,
            Category::Corrected,
            Category::OtherResult,
            Category::Pending,
        ];
        for set in [&outcome[..], &dispute[..]] {
            for (i, a) in set.iter().enumerate() {
                for b in &set[i + 1..] {
                    assert_ne!(a.color(), b.color(), "{a:?} {b:?}");
                }
            }
        }
    }
}
