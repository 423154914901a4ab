//! The values of a consistent report: one function per standard table, each drawing
//! magnitudes that look like real agencies' and closing every relation of spec §4 by
//! construction (totals are computed, never drawn).

use super::truth::result_rows;
use super::{CellKey, Rng, SynthValue};
use crate::schema::{
    application_rows, proactive_subtables, Format, TableId, ValueKind, APPLICANT_PARTS,
    DISPUTE_BLOCKS, DISPUTE_PARTS,
};
use std::collections::BTreeMap;

/// Invented agencies of every level (a city bureau, a county, a district office, a
/// street office, a town), so generated reports never carry a real agency's name.
pub(super) const AGENCIES: [&str; 10] = [
    "青石市公安局",
    "测试市人民政府",
    "白河县司法局",
    "云岭市人民政府办公室",
    "东湖市自然资源和规划局西城分局",
    "北桥区中山街道办事处",
    "南岭县杨柳镇人民政府",
    "清河市文峰区住房和城乡建设局",
    "柳岸示范区教育局",
    "西江市龙岭区发展和改革局",
];

/// Weight of each applicant column relative to 自然人 (most applicants are people).
pub(super) const COLUMN_WEIGHTS: [(&str, f64); 6] = [
    ("natural_person", 1.0),
    ("commercial", 0.08),
    ("research", 0.004),
    ("social_welfare", 0.01),
    ("legal_service", 0.03),
    ("other_org", 0.02),
];

/// Share of each result row (rough shape of real city-level reports).
pub(super) fn result_weight(row: &str) -> f64 {
    match row {
        "granted" => 0.38,
        "partially_granted" => 0.12,
        "unable_not_held" => 0.2,
        "other_handling" | "other_reasons" => 0.06,
        "other_overdue_correction" => 0.02,
        "unable_needs_creation" | "rejected_petition" | "rejected_duplicate" => 0.015,
        "denied_enforcement_file" | "denied_process_info" | "denied_internal_affairs" => 0.01,
        _ => 0.004,
    }
}

pub(super) fn put(values: &mut BTreeMap<CellKey, SynthValue>, key: CellKey, n: i64) {
    values.insert(key, SynthValue::Count(n));
}

pub(super) fn generate_proactive(
    rng: &mut Rng,
    format: Format,
    values: &mut BTreeMap<CellKey, SynthValue>,
) {
    let p = TableId::Proactive;
    for sub in proactive_subtables(format) {
        for r in sub.rows {
            let mut previous = 0i64;
            // 现行有效 / 对外公开总数 include what was issued / published this year.
            let mut row_max = 0i64;
            for c in sub.columns {
                let v = match (c.kind, c.key) {
                    (ValueKind::Amount, _) => {
                        // Money: 0, 0.092, 316441, 6727.41 — in thousandths.
                        let int = rng.magnitude(6);
                        let frac = match rng.below(3) {
                            0 => 0,
                            1 => rng.range(0, 99) * 10,
                            _ => rng.range(0, 999),
                        };
                        let unit = if format == Format::F2019 {
                            rng.pick(&[None, Some("万元"), Some("元"), Some("万")])
                                .copied()
                                .flatten()
                        } else {
                            None
                        };
                        values.insert(
                            (p, r.key, c.key),
                            SynthValue::Amount {
                                milli: int * 1000 + frac,
                                unit,
                            },
                        );
                        continue;
                    }
                    (ValueKind::SignedCount, _) => rng.range(-previous, (previous / 2).max(3)),
                    (_, "previous_items" | "items") => {
                        previous = rng.magnitude(3);
                        previous
                    }
                    (_, "decisions") => rng.magnitude(if r.key == "coercion" { 5 } else { 7 }),
                    (_, "in_force" | "total_published") => {
                        rng.magnitude(if r.key == "regulations" { 2 } else { 4 }) + row_max
                    }
                    _ => rng.magnitude(if r.key == "regulations" { 1 } else { 3 }),
                };
                row_max = row_max.max(v);
                put(values, (p, r.key, c.key), v);
            }
        }
    }
}

pub(super) fn generate_applications(
    rng: &mut Rng,
    format: Format,
    values: &mut BTreeMap<CellKey, SynthValue>,
) {
    let a = TableId::Applications;
    // Agencies range from none at all to a city's 14,000 applications a year.
    let scale = match rng.below(20) {
        0 => 0.0,
        1..=6 => rng.range(1, 8) as f64,
        7..=12 => rng.range(10, 80) as f64,
        13..=17 => rng.range(100, 900) as f64,
        _ => rng.range(1000, 15000) as f64,
    };
    let results = result_rows(format);
    for (col, weight) in COLUMN_WEIGHTS {
        let s = scale * weight * (0.5 + rng.below(1000) as f64 / 1000.0);
        let mut processed = 0;
        for row in &results {
            let n = rng.around(s * result_weight(row), 300);
            processed += n;
            put(values, (a, row, col), n);
        }
        let forward = rng.around(s * 0.06, 400);
        let over = rng.around(s * 0.05, 400).min(processed + forward);
        put(values, (a, "total_processed", col), processed);
        put(values, (a, "carried_forward", col), forward);
        put(values, (a, "carried_over", col), over);
        // The balance 一 + 二 = 七 + 四 decides what was received.
        put(values, (a, "new_received", col), processed + forward - over);
    }
    for r in application_rows(format) {
        let total: i64 = APPLICANT_PARTS
            .iter()
            .map(|c| match values.get(&(a, r.key, *c)) {
                Some(SynthValue::Count(n)) => *n,
                _ => 0,
            })
            .sum();
        put(values, (a, r.key, "total"), total);
    }
}

pub(super) fn generate_disputes(rng: &mut Rng, values: &mut BTreeMap<CellKey, SynthValue>) {
    let d = TableId::Disputes;
    let scale = match rng.below(10) {
        0..=3 => 0.0,
        4..=7 => rng.range(1, 6) as f64,
        _ => rng.range(10, 300) as f64,
    };
    for b in DISPUTE_BLOCKS.iter() {
        let s = scale * (0.3 + rng.below(1000) as f64 / 1000.0);
        let mut total = 0;
        for (i, c) in DISPUTE_PARTS.iter().enumerate() {
            let share = [0.5, 0.1, 0.25, 0.15].get(i).copied().unwrap_or(0.1);
            let n = rng.around(s * share, 300);
            total += n;
            put(values, (d, b.key, c), n);
        }
        put(values, (d, b.key, "total"), total);
    }
}
