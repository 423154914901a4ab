//! Input: decode bytes, sniff HTML vs text, and turn either into the neutral `Grid`.
use crate::grid::{Grid, Shape};
use crate::InputError;

pub fn read_text(text: &str) -> Grid {
    Grid { text: text.to_string(), shape: Shape::Text, rows: Vec::new() }
}

pub fn decode(bytes: &[u8]) -> Result<String, InputError> {
    String::from_utf8(bytes.to_vec()).map_err(|_| InputError::NotText("编码无法识别"))
}
