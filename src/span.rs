//! Byte spans into the decoded source text, and their conversion to UTF-16 code units at
//! the JavaScript edge (JS strings count UTF-16 units; CJK text makes the difference
//! visible at once). A leaf: imports nothing of the crate.

use serde::Serialize;

/// A half-open byte range `[start, end)` into the decoded source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// The 1-based line of byte offset `pos` (what messages call 第 N 行).
pub fn line_of(text: &str, pos: usize) -> usize {
    text.as_bytes()[..pos.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// The 1-based lines of byte offsets taken in increasing order, each counted on from the
/// one before (`line_of` for each offset in turn would scan from the start every time).
pub struct LineCounter<'t> {
    text: &'t str,
    pos: usize,
    line: usize,
}

impl<'t> LineCounter<'t> {
    pub fn new(text: &'t str) -> Self {
        LineCounter {
            text,
            pos: 0,
            line: 1,
        }
    }

    /// The line of `pos`; an offset before the last one asked starts the count again.
    pub fn line_of(&mut self, pos: usize) -> usize {
        let pos = pos.min(self.text.len());
        if pos < self.pos {
            (self.pos, self.line) = (0, 1);
        }
        self.line += self.text.as_bytes()[self.pos..pos]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        self.pos = pos;
        self.line
    }
}

/// Maps byte offsets of a text to UTF-16 offsets. Offsets inside a character map to its
/// start, offsets past the end to the end. Compact: one checkpoint per `STEP` bytes
/// (4 bytes of memory per 256 bytes of text), then a short scan.
pub struct Utf16Map<'t> {
    text: &'t str,
    /// `checkpoints[i]` = (byte offset of the char boundary at or after `i * STEP`,
    /// UTF-16 offset there).
    checkpoints: Vec<(u32, u32)>,
}

const STEP: usize = 256;

impl<'t> Utf16Map<'t> {
    pub fn new(text: &'t str) -> Self {
        let mut checkpoints = Vec::with_capacity(text.len() / STEP + 1);
        let mut units = 0u32;
        let mut next = 0usize;
        for (b, c) in text.char_indices() {
            while b >= next {
                checkpoints.push((b as u32, units));
                next += STEP;
            }
            units += c.len_utf16() as u32;
        }
        if checkpoints.is_empty() {
            checkpoints.push((0, 0));
        }
        Utf16Map { text, checkpoints }
    }

    /// The UTF-16 offset of byte offset `byte`.
    pub fn get(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        let i = (byte / STEP).min(self.checkpoints.len() - 1);
        let (mut at, mut units) = self.checkpoints[i];
        // A checkpoint may lie after `byte` when a long character straddles the step.
        let mut i = i;
        while at as usize > byte && i > 0 {
            i -= 1;
            (at, units) = self.checkpoints[i];
        }
        let mut units = units as usize;
        for (b, c) in self.text[at as usize..].char_indices() {
            let end = at as usize + b + c.len_utf8();
            if end > byte {
                break;
            }
            units += c.len_utf16();
        }
        units
    }

    pub fn span(&self, span: Span) -> Span {
        Span::new(self.get(span.start), self.get(span.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_counter_agrees_with_line_of() {
        let text = "a\nbb\n\nc\n";
        let mut lines = LineCounter::new(text);
        for pos in [0, 1, 2, 4, 5, 6, 7, 3, 9, 99] {
            assert_eq!(lines.line_of(pos), line_of(text, pos), "{pos}");
        }
    }

    #[test]
    fn utf16_map_counts_code_units() {
        let text = "表三a😀b";
        let idx = Utf16Map::new(text);
        assert_eq!(idx.get(0), 0);
        assert_eq!(idx.get(1), 0, "inside a character: its start");
        assert_eq!(idx.get(3), 1);
        assert_eq!(idx.get(6), 2);
        assert_eq!(idx.get(7), 3);
        assert_eq!(idx.get(11), 5);
        assert_eq!(idx.get(12), 6);
        assert_eq!(idx.get(999), 6);
        assert_eq!(Utf16Map::new("").get(5), 0);
    }

    #[test]
    fn utf16_map_agrees_with_a_full_count_on_long_text() {
        let text: String = (0..3000)
            .map(|i| ["a", "表", "😀", "\n"][i % 4])
            .collect::<String>();
        let idx = Utf16Map::new(&text);
        for b in 0..=text.len() {
            let want: usize = text[..text.floor_char_boundary_compat(b)]
                .chars()
                .map(char::len_utf16)
                .sum();
            assert_eq!(idx.get(b), want, "byte {b}");
        }
    }

    trait Floor {
        fn floor_char_boundary_compat(&self, b: usize) -> usize;
    }
    impl Floor for String {
        fn floor_char_boundary_compat(&self, mut b: usize) -> usize {
            while !self.is_char_boundary(b) {
                b -= 1;
            }
            b
        }
    }
}
