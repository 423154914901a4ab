//! The arithmetic relations of the format as data (spec §4), after Arelle's summation
//! arcs: each row says which table, along which axis it repeats (every row, every column,
//! every block), the written total and the cells it must equal. One generic evaluator
//! (`super::evaluate`) runs them all. Keys a format does not have are skipped.

use crate::codes::Code;
use crate::schema::{Format, TableId, APPLICANT_PARTS, DISPUTE_PARTS, RESULT_ROWS};

/// Along which axis a relation repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Over {
    /// Once per row (per 表四 block); keys name columns.
    EveryRow,
    /// Once per column; keys name rows.
    EveryColumn,
}

/// How the written total compares with its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    /// total + Σ with_total = Σ parts
    Equal,
    /// total ≥ Σ parts
    AtLeast,
}

#[derive(Debug, Clone, Copy)]
pub struct Relation {
    pub code: Code,
    pub table: TableId,
    pub over: Over,
    pub formats: &'static [Format],
    /// The written cell a failure points at (`cells[0]`).
    pub total: &'static str,
    /// Other terms on the total's side (T3-BALANCE: 结转下年度 + （七）总计).
    pub with_total: &'static [&'static str],
    pub parts: &'static [&'static str],
    pub cmp: Cmp,
    /// What the parts are, in Chinese, for messages ("各类申请人之和").
    pub parts_zh: &'static str,
}

const BOTH: &[Format] = &[Format::F2019, Format::F2021];

pub const RELATIONS: &[Relation] = &[
    Relation {
        code: Code::T3RowTotal,
        table: TableId::Applications,
        over: Over::EveryRow,
        formats: BOTH,
        total: "total",
        with_total: &[],
        parts: &APPLICANT_PARTS,
        cmp: Cmp::Equal,
        parts_zh: "自然人与五类法人或其他组织之和",
    },
    Relation {
        code: Code::T3ResultTotal,
        table: TableId::Applications,
        over: Over::EveryColumn,
        formats: BOTH,
        total: "total_processed",
        with_total: &[],
        parts: &RESULT_ROWS,
        cmp: Cmp::Equal,
        parts_zh: "各项办理结果之和",
    },
    Relation {
        code: Code::T3Balance,
        table: TableId::Applications,
        over: Over::EveryColumn,
        formats: BOTH,
        total: "carried_forward",
        with_total: &["total_processed"],
        parts: &["new_received", "carried_over"],
        cmp: Cmp::Equal,
        parts_zh: "本年新收与上年结转之和减去办理结果总计",
    },
    Relation {
        code: Code::T4Total,
        table: TableId::Disputes,
        over: Over::EveryRow,
        formats: BOTH,
        total: "total",
        with_total: &[],
        parts: &DISPUTE_PARTS,
        cmp: Cmp::Equal,
        parts_zh: "维持、纠正、其他结果与尚未审结之和",
    },
    Relation {
        code: Code::T2PublishedTotal,
        table: TableId::Proactive,
        over: Over::EveryRow,
        formats: &[Format::F2019],
        total: "total_published",
        with_total: &[],
        parts: &["published"],
        cmp: Cmp::AtLeast,
        parts_zh: "本年新公开数量",
    },
    Relation {
        code: Code::T2InForce,
        table: TableId::Proactive,
        over: Over::EveryRow,
        formats: &[Format::F2021],
        total: "in_force",
        with_total: &[],
        parts: &["issued"],
        cmp: Cmp::AtLeast,
        parts_zh: "本年制发件数",
    },
];
