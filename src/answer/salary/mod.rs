//! Salary figures: extracts every pay figure (level, currency, period, exact source line) from
//! guide passages and aggregates them, career by career, into a cited per-level answer with the
//! guides' own pay qualifiers.
//!
//! Representation: every figure is a range `low..=high` in **whole units of its own currency,
//! in its own period** (the currency as the guide states it — USD, GBP, EUR, …, data:
//! `assets/currencies.toml` — never converted; an amount with no mark takes the currency its
//! column, section or guide states; per year, per month, per week, per day or per hour, as the
//! guide states it: an hourly or weekly figure is never turned into a yearly one, and a guide
//! stating a level both per hour and per year has a figure in each; an amount per mile, load or
//! shift is no salary); a point figure ("start around $81,000") has
//! `low == high`. Figures in different currencies are never summarised together. `raw` is the exact matched text of
//! the source line, so a citation can always quote it verbatim. An open upper end (`$200,000+`,
//! "well over", "exceed", "or more") sets `open_ended`.
//!
//! Level rule: a table row or a labelled line ("Journeyman Electrician: $28 – $42 per hour")
//! keeps its label as the guide's own words for the level, and takes its level from the level
//! words of the label (data: `assets/levels.toml`), or from the years of experience the row
//! gives ("Charge nurse (5+ years)", a "0–2 years" column) when its label names no level word
//! or only a loose one ("Experienced"), or, failing both, from its place in the guide's ladder
//! of pay levels; otherwise the
//! level comes from the clause the figure sits in — first a prepositional phrase
//! right after the figure ("$60-85K *at entry level*"), then the first level word
//! in the clause before it (stopping at a previous figure), else the years of experience it
//! gives, else a word saying the pay starts there ("New hygienists usually *start* around
//! $35/hr", `[starting]` in the level table: entry), then an introductory
//! clause of the same sentence ("*For senior developers*, salaries range …"),
//! then a single level word later in the clause; a clause naming several levels
//! after the figure ("from junior to senior") or none means [`Level::Overall`].
//!
//! Not the career's pay: an amount that is a cost (a cost word before it in its sentence, or the
//! FAQ question it answers asks a cost: `[costs]` in `assets/currencies.toml`), and a prose
//! figure whose clause's subject is another occupation the paragraph sets beside the career
//! ("Assistants (COTAs) earn …" in an occupational therapist guide: `[subject]` in
//! `assets/levels.toml`).
//!
//! Selection rule (several figures for one source, level, currency and period — see
//! [`gather::extract_guide`]; a guide's hourly figures are kept beside its yearly ones): prefer figures that are not about top earners, then the most
//! explicit form (table row or labelled line > body prose > summary bullet /
//! key-takeaway section), then a range over a point figure, then a figure in a
//! section whose heading is about pay, then the earliest line.

mod currency;
mod extract;
mod gather;
mod money;

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::i18n::Locale;
use crate::tr;

pub use super::citation::Citation;
pub use super::level::{Level, ParseLevelError};
pub use currency::{Currencies, CurrenciesError, Currency};
pub use extract::{Reading, extract_figures, extract_notes};
pub use gather::{GuideSalary, SalaryFacts, SalaryGathering, extract_guide, salary_answer};

/// The period a figure is stated in (ordered as answers list them: yearly first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Year,
    Month,
    Week,
    Day,
    Hour,
}

impl Period {
    /// Every period, in the order answers list them.
    pub const ALL: [Period; 5] = [
        Period::Year,
        Period::Month,
        Period::Week,
        Period::Day,
        Period::Hour,
    ];

    /// Multiplier to a yearly amount (2080 working hours, 260 working days, 52 weeks, 12
    /// months).
    pub fn per_year(self) -> u32 {
        match self {
            Period::Year => 1,
            Period::Month => 12,
            Period::Week => 52,
            Period::Day => 260,
            Period::Hour => 2080,
        }
    }

    /// "per year", "per month", "per week", "per day", "per hour".
    pub fn label(self) -> &'static str {
        match self {
            Period::Year => "per year",
            Period::Month => "per month",
            Period::Week => "per week",
            Period::Day => "per day",
            Period::Hour => "per hour",
        }
    }

    /// Plausible range of a stated amount in this period (whole dollars; a currency whose pay
    /// runs to larger figures scales it: [`Currencies`], `scale` in `assets/currencies.toml`).
    pub(crate) fn plausible(self) -> Range<f64> {
        match self {
            Period::Year => 10_000.0..2_000_001.0,
            Period::Month => 500.0..200_001.0,
            Period::Week => 100.0..50_001.0,
            Period::Day => 20.0..10_001.0,
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
    /// The guide's own words for the level: a table row's or a labelled line's label
    /// ("Journeyman Electrician", "Associate Product Manager (APM)"), when it says more than a
    /// level word alone.
    pub label: Option<String>,
    /// The currency the guide states it in (`currency`, `currency_symbol` in JSON).
    #[serde(flatten)]
    pub currency: Currency,
    /// Lower end, whole units of `currency` in `period`.
    pub low: u32,
    /// Upper end, whole units of `currency` in `period`; equals `low` for a point figure.
    pub high: u32,
    /// The upper end is open: "$200,000+", "well over", "exceed", "or more".
    pub open_ended: bool,
    /// The period the source states the figure in.
    pub period: Period,
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

    /// Midpoint of the range.
    pub fn midpoint(&self) -> u32 {
        ((u64::from(self.low) + u64::from(self.high)) / 2) as u32
    }

    /// Compact range in its currency and period, e.g. "$70K–$95K", "£81K", "$120K+",
    /// "$18–$25/hour".
    pub fn range_label(&self) -> String {
        self.range_in(Locale::En)
    }

    /// [`Self::range_label`] in `lang`.
    pub fn range_in(&self, lang: Locale) -> String {
        range_in(
            &self.currency,
            self.low,
            self.high,
            self.open_ended,
            self.period,
            lang,
        )
    }
}

/// A compact range in its currency and period: "$70K–$95K", "£81K", "$120K+", "$18–$25/hour"
/// (English: the CLI's; [`range_in`] says it in a member's language).
pub fn range_label(
    currency: &Currency,
    low: u32,
    high: u32,
    open_ended: bool,
    period: Period,
) -> String {
    range_in(currency, low, high, open_ended, period, Locale::En)
}

/// [`range_label`] in `lang`: the amounts as written, after their currency's symbol, the
/// period's unit from the catalogue ("$18–$25/hour", "£18–£25/hora").
pub fn range_in(
    currency: &Currency,
    low: u32,
    high: u32,
    open_ended: bool,
    period: Period,
    lang: Locale,
) -> String {
    let plus = if open_ended { "+" } else { "" };
    let symbol = currency.symbol.as_str();
    let amount = |v: u32| match period {
        Period::Year => format_k(symbol, v),
        _ => format!("{symbol}{v}"),
    };
    let unit = match period {
        Period::Year => String::new(),
        Period::Month => tr!(lang, "amount-per-month"),
        Period::Week => tr!(lang, "amount-per-week"),
        Period::Day => tr!(lang, "amount-per-day"),
        Period::Hour => tr!(lang, "amount-per-hour"),
    };
    if low == high {
        format!("{}{plus}{unit}", amount(low))
    } else {
        format!("{}–{}{plus}{unit}", amount(low), amount(high))
    }
}

impl SalaryFigure {
    /// Whether the figure is a salary per year.
    pub fn is_yearly(&self) -> bool {
        self.period == Period::Year
    }
}

/// Formats a yearly amount in thousands after its currency symbol: 81000 → "$81K", 92500 →
/// "£92.5K".
pub fn format_k(symbol: &str, v: u32) -> String {
    if v.is_multiple_of(1000) {
        format!("{symbol}{}K", v / 1000)
    } else {
        let k = f64::from(v) / 1000.0;
        let s = format!("{k:.1}");
        format!("{symbol}{}K", s.trim_end_matches(".0"))
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
    /// The career it summarises.
    pub career: String,
    pub level: Level,
    /// The currency of its figures (a level's figures in two currencies are summarised apart;
    /// `currency`, `currency_symbol` in JSON).
    #[serde(flatten)]
    pub currency: Currency,
    /// The period of its figures (a level's hourly and yearly figures are summarised apart).
    pub period: Period,
    /// The guides' own words for the level, as they wrote them.
    pub labels: Vec<String>,
    /// Lowest `low` of the rows, in `currency` and `period`.
    pub lowest: u32,
    /// Highest `high` of the rows, in `currency` and `period`.
    pub highest: u32,
    /// Median of the rows' midpoints (mean of the middle two for an even count, rounded down).
    pub median_midpoint: u32,
    /// A row that reaches `highest` is open-ended.
    pub open_ended: bool,
    /// Number of guides the summary rests on.
    pub sources: usize,
}

impl LevelSummary {
    /// Compact range in its currency and period: "$60K–$95K", "£18–£25/hour".
    pub fn range_label(&self) -> String {
        self.range_in(Locale::En)
    }

    /// [`Self::range_label`] in `lang`.
    pub fn range_in(&self, lang: Locale) -> String {
        range_in(
            &self.currency,
            self.lowest,
            self.highest,
            self.open_ended,
            self.period,
            lang,
        )
    }

    /// The median of midpoints in its currency and period, in `lang`: "$81.8K", "£21/hour".
    pub fn median_in(&self, lang: Locale) -> String {
        range_in(
            &self.currency,
            self.median_midpoint,
            self.median_midpoint,
            false,
            self.period,
            lang,
        )
    }
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
    /// Pay structure: equity, bonuses, incentives, total compensation.
    Compensation,
    /// Contract, freelance or consulting rates.
    Contract,
    /// A national median or average from wage statistics.
    Median,
}

impl NoteKind {
    /// What the notes of this kind are about, for people.
    pub fn label(self) -> &'static str {
        match self {
            NoteKind::Location => "Location",
            NoteKind::Remote => "Remote work",
            NoteKind::TopEnd => "Top end",
            NoteKind::Drivers => "What drives pay",
            NoteKind::Compensation => "Pay structure",
            NoteKind::Contract => "Contract rates",
            NoteKind::Median => "National figures",
        }
    }
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

impl SalaryNote {
    /// The note's text after a label it opens with that is `label` ("Location: pay tracks…"
    /// under a face's own label "Location"), so that a face showing its label for the note's
    /// kind does not say it twice; the whole text otherwise.
    pub fn text_after(&self, label: &str) -> &str {
        let text = self.text.as_str();
        text.get(..label.len())
            .filter(|start| start.eq_ignore_ascii_case(label))
            .and_then(|_| text[label.len()..].strip_prefix(':'))
            .map_or(text, str::trim_start)
    }
}

/// The salary answer for one level (or all levels when `level` is `None`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SalaryAnswer {
    /// The career asked for; `None` for every career of the library.
    pub career: Option<String>,
    pub level: Option<Level>,
    /// One row per guide and level (and label, when a guide gives two for a level), ordered by
    /// career, level, then source.
    pub rows: Vec<SalaryRow>,
    /// One summary per career, level, currency and period that has rows, in that order.
    pub summaries: Vec<LevelSummary>,
    /// The guides' qualifiers, ordered by kind, source, line.
    pub notes: Vec<SalaryNote>,
}

impl SalaryAnswer {
    /// No figure was found for the requested level(s).
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The codes of the currencies its figures are in, in the order its rows first give them.
    pub fn currencies(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for r in &self.rows {
            if !out.contains(&r.figure.currency.code.as_str()) {
                out.push(&r.figure.currency.code);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::fixtures::passage_at;

    fn one(text: &str) -> SalaryFigure {
        let v = extract_figures(
            &Reading::new(crate::answer::fixtures::vocab(), ""),
            &passage_at("Salary", 10, text),
        );
        assert_eq!(v.len(), 1, "{text:?} -> {v:#?}");
        v.into_iter().next().unwrap()
    }

    /// A note opening with its own kind's label ("Location: …") is not labelled twice.
    #[test]
    fn a_note_opening_with_its_label_gives_the_text_after_it() {
        let note = |text: &str| SalaryNote {
            kind: NoteKind::Location,
            text: text.into(),
            cite: Citation {
                source: "a.md".into(),
                title: "A".into(),
                career: "Electrician".into(),
                section: "Pay".into(),
                line: 1,
                start_line: 1,
                end_line: 1,
                url: None,
            },
        };
        let n = note("Location: pay tracks the cost of living.");
        assert_eq!(n.text_after("Location"), "pay tracks the cost of living.");
        assert_eq!(n.text_after("location"), "pay tracks the cost of living.");
        assert_eq!(n.text_after("Ubicación"), n.text);
        let n = note("Locations vary: pay tracks the cost of living.");
        assert_eq!(n.text_after("Location"), n.text);
        assert_eq!(note("Lo").text_after("Location"), "Lo");
        assert_eq!(note("Ubicación: x").text_after("Ubi"), "Ubicación: x");
    }

    #[test]
    fn format_k() {
        assert_eq!(super::format_k("$", 81_000), "$81K");
        assert_eq!(super::format_k("$", 92_500), "$92.5K");
        assert_eq!(super::format_k("£", 93_600), "£93.6K");
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
