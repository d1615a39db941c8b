//! Salary figures: extracts every USD pay figure (level, period, exact source line) from guide passages and aggregates them into a cited per-level answer with the guides' own pay qualifiers.
//!
//! Representation: every figure is a range `low..=high` in **whole USD per year**
//! (hourly × 2080, monthly × 12); a point figure ("start around $81,000") has
//! `low == high`. `stated_low`/`stated_high` keep the amounts in the figure's own
//! `period` (whole dollars, rounded), and `raw` is the exact matched text of the
//! source line, so a citation can always quote it verbatim. An open upper end
//! (`$200,000+`, "well over", "exceed", "or more") sets `open_ended`.
//!
//! Level rule: a table row takes its level from the row label; otherwise the
//! level comes from the clause the figure sits in — first a prepositional phrase
//! right after the figure ("$60-85K *at entry level*"), then the first level word
//! in the clause before it (stopping at a previous figure), then an introductory
//! clause of the same sentence ("*For senior developers*, salaries range …"),
//! then a single level word later in the clause; a clause naming several levels
//! after the figure ("from junior to senior") or none means [`Level::Overall`].
//!
//! Selection rule (several figures for one source and level — see
//! [`gather::extract_guide`]): prefer figures that are not about top earners, then the most
//! explicit form (table row or labelled line > body prose > summary bullet /
//! key-takeaway section), then a range over a point figure, then a figure in a
//! section whose heading is about pay, then the earliest line.

mod extract;
mod gather;

use std::ops::Range;

use serde::{Deserialize, Serialize};

pub use super::citation::Citation;
pub use super::level::{Level, ParseLevelError};
pub use extract::{extract_figures, extract_notes};
pub use gather::{GuideSalary, SalaryGathering, extract_guide, salary_answer};

/// The period a figure is stated in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Year,
    Month,
    Hour,
}

impl Period {
    /// Multiplier to a yearly amount (2080 working hours, 12 months).
    pub fn per_year(self) -> u32 {
        match self {
            Period::Year => 1,
            Period::Month => 12,
            Period::Hour => 2080,
        }
    }

    /// "per year", "per month", "per hour".
    pub fn label(self) -> &'static str {
        match self {
            Period::Year => "per year",
            Period::Month => "per month",
            Period::Hour => "per hour",
        }
    }

    /// Plausible range of a stated amount in this period (whole dollars).
    pub(crate) fn plausible(self) -> Range<f64> {
        match self {
            Period::Year => 10_000.0..2_000_001.0,
            Period::Month => 500.0..200_001.0,
            Period::Hour => 5.0..1_001.0,
        }
    }
}

/// How explicitly a figure is presented; drives the per-source selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureForm {
    /// A row of a markdown table, or of a plain table whose header names a level and a pay column.
    TableRow,
    /// A line labelled by its level: "Entry-level: $75,000 – $95,000 per year".
    Labelled,
    /// A sentence of body text.
    Prose,
    /// A bullet or a key-takeaway / summary section restating the body.
    Summary,
}

impl FigureForm {
    pub(crate) fn rank(self) -> u8 {
        match self {
            FigureForm::TableRow | FigureForm::Labelled => 3,
            FigureForm::Prose => 2,
            FigureForm::Summary => 1,
        }
    }
}

/// One salary figure found in a passage, with its exact citation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SalaryFigure {
    /// Where the figure is: guide, career, passage and exact line.
    #[serde(flatten)]
    pub cite: Citation,
    pub level: Level,
    /// Lower end, whole USD per year (annualised if stated per hour/month).
    pub low: u32,
    /// Upper end, whole USD per year; equals `low` for a point figure.
    pub high: u32,
    /// The upper end is open: "$200,000+", "well over", "exceed", "or more".
    pub open_ended: bool,
    /// The period the source states the figure in.
    pub period: Period,
    /// Lower end as stated in `period` (whole dollars, rounded).
    pub stated_low: u32,
    /// Upper end as stated in `period` (whole dollars, rounded).
    pub stated_high: u32,
    /// Exact matched text as it appears on the source line, e.g. "$70K – $95K".
    pub raw: String,
    pub form: FigureForm,
    /// The sentence is about top performers / top-paying companies, not a typical range.
    pub top_end: bool,
}

impl SalaryFigure {
    /// True when the figure is a single amount rather than a range.
    pub fn is_point(&self) -> bool {
        self.low == self.high
    }

    /// Midpoint of the yearly range.
    pub fn midpoint(&self) -> u32 {
        ((u64::from(self.low) + u64::from(self.high)) / 2) as u32
    }

    /// Compact yearly range, e.g. "$70K–$95K", "$81K", "$120K+".
    pub fn range_label(&self) -> String {
        let plus = if self.open_ended { "+" } else { "" };
        if self.is_point() {
            format!("{}{plus}", format_usd_k(self.low))
        } else {
            format!(
                "{}–{}{plus}",
                format_usd_k(self.low),
                format_usd_k(self.high)
            )
        }
    }
}

/// Formats yearly dollars in thousands: 81000 → "$81K", 92500 → "$92.5K".
pub fn format_usd_k(v: u32) -> String {
    if v.is_multiple_of(1000) {
        format!("${}K", v / 1000)
    } else {
        let k = f64::from(v) / 1000.0;
        let s = format!("{k:.1}");
        format!("${}K", s.trim_end_matches(".0"))
    }
}

/// The figure chosen for one source at one level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SalaryRow {
    pub level: Level,
    pub figure: SalaryFigure,
}

/// A level's figures summarised across sources (one chosen figure per source).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelSummary {
    pub level: Level,
    /// Lowest `low` of the rows, USD per year.
    pub lowest: u32,
    /// Highest `high` of the rows, USD per year.
    pub highest: u32,
    /// Median of the rows' midpoints (mean of the middle two for an even count, rounded down).
    pub median_midpoint: u32,
    /// A row that reaches `highest` is open-ended.
    pub open_ended: bool,
    /// Number of sources (rows) the summary rests on.
    pub sources: usize,
}

/// What a pay qualifier is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// Tech hubs / cities / regions pay differently.
    Location,
    /// Remote versus office pay.
    Remote,
    /// Top performers / top-paying employers.
    TopEnd,
    /// What drives pay: experience, skills, specialisation, education …
    Drivers,
    /// Pay structure: equity, bonuses, incentives.
    Compensation,
}

/// A guide's own qualifier about pay, cited to its exact line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SalaryNote {
    pub kind: NoteKind,
    /// The sentence (or trailing clause of a figure's sentence), verbatim.
    pub text: String,
    /// Where it is.
    #[serde(flatten)]
    pub cite: Citation,
}

/// The salary answer for one level (or all levels when `level` is `None`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SalaryAnswer {
    pub level: Option<Level>,
    /// One row per (level, source), ordered by level then source.
    pub rows: Vec<SalaryRow>,
    /// One summary per level that has rows, in level order.
    pub summaries: Vec<LevelSummary>,
    /// The guides' qualifiers, ordered by kind, source, line.
    pub notes: Vec<SalaryNote>,
}

impl SalaryAnswer {
    /// No figure was found for the requested level(s).
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::fixtures::passage_at;

    fn one(text: &str) -> SalaryFigure {
        let v = extract_figures(&passage_at("Salary", 10, text));
        assert_eq!(v.len(), 1, "{text:?} -> {v:#?}");
        v.into_iter().next().unwrap()
    }

    #[test]
    fn format_k() {
        assert_eq!(format_usd_k(81_000), "$81K");
        assert_eq!(format_usd_k(92_500), "$92.5K");
        assert_eq!(format_usd_k(93_600), "$93.6K");
        let f = one("Senior-level: $160,000 – $200,000+ per year");
        assert_eq!(f.range_label(), "$160K–$200K+");
    }

    #[test]
    fn serde_shape_uses_integers_and_lowercase() {
        let f = one("Entry-level: $75,000 – $95,000 per year");
        let v = serde_json::to_value(&f).unwrap();
        assert_eq!(v["level"], "entry");
        assert_eq!(v["period"], "year");
        assert_eq!(v["low"], 75_000);
        assert!(v["low"].is_u64());
        assert_eq!(v["form"], "labelled");
        let back: SalaryFigure = serde_json::from_value(v).unwrap();
        assert_eq!(back, f);
    }
}
