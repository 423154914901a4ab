//! The generator's randomness: SplitMix64, seeded, with the few draws the generator makes.
//! No `rand` dependency, so a seed gives the same report on every platform and in WASM.

/// SplitMix64: tiny, fast, well distributed, and the same everywhere.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`0` when `n == 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            // Multiply-shift: unbiased enough for test data, never panics.
            ((self.next_u64() as u128 * n as u128) >> 64) as u64
        }
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo) as u64 + 1) as i64
    }
    /// True with probability `permille / 1000`.
    pub fn chance(&mut self, permille: u64) -> bool {
        self.below(1000) < permille
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len() as u64) as usize)
    }
    /// A count whose order of magnitude is uniform up to `max_digits` digits (zero included):
    /// small agencies report 0 or 3, cities 11,398,889.
    pub fn magnitude(&mut self, max_digits: u32) -> i64 {
        let digits = self.below(max_digits as u64 + 1) as u32;
        if digits == 0 {
            return 0;
        }
        let lo = 10i64.saturating_pow(digits - 1);
        let hi = 10i64.saturating_pow(digits).saturating_sub(1);
        self.range(if digits == 1 { 1 } else { lo }, hi)
    }
    /// A count near `mean` (uniform in `0..=2·mean`), zero with probability `zero_permille`.
    pub fn around(&mut self, mean: f64, zero_permille: u64) -> i64 {
        if mean <= 0.0 || self.chance(zero_permille) {
            return 0;
        }
        let hi = (mean * 2.0).round().clamp(0.0, 1.0e12) as i64;
        if hi == 0 {
            // Small means still give an occasional 1.
            return i64::from(self.chance((mean * 1000.0).clamp(0.0, 1000.0) as u64));
        }
        self.range(0, hi)
    }
}
