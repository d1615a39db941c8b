//! What the salary end-to-end tests compare: a salary row as a tuple (level, currency, low, high,
//! period, cited line, the figure as written, its label).
#![allow(dead_code)]

use std::path::Path;

use careerbot::answer::salary::{Level, Period, SalaryAnswer};

/// (level, currency, low, high, period, line, raw, label) of a row.
pub type Row = (Level, String, u32, u32, Period, u32, String, Option<String>);

/// The salary answer for `career` from a library of the guides in `tests/fixtures/{fixture}`
/// (the test crate also holds `support/more_careers.rs` as `more_careers`).
pub fn answer_in(fixture: &str, career: &str) -> SalaryAnswer {
    let work = tempfile::tempdir().unwrap();
    let guides = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(fixture);
    crate::more_careers::engine_of(&guides, work.path())
        .salary(Some(career), None)
        .unwrap()
        .answer
}

/// Every row of `a`, sorted by line, then low end.
pub fn by_line(a: &SalaryAnswer) -> Vec<Row> {
    let mut out = rows(a);
    out.sort_by_key(|r| (r.5, r.2));
    out
}

/// Every row of `a`, in the answer's order.
pub fn rows(a: &SalaryAnswer) -> Vec<Row> {
    a.rows
        .iter()
        .map(|r| {
            let f = &r.figure;
            (
                r.level,
                f.currency.code.clone(),
                f.low,
                f.high,
                f.period,
                f.cite.line,
                f.raw.clone(),
                f.label.clone(),
            )
        })
        .collect()
}

/// The row a test wants.
pub fn row(
    level: Level,
    currency: &str,
    (low, high): (u32, u32),
    period: Period,
    line: u32,
    raw: &str,
    label: Option<&str>,
) -> Row {
    (
        level,
        currency.to_string(),
        low,
        high,
        period,
        line,
        raw.to_string(),
        label.map(str::to_string),
    )
}
