//! End-to-end: salary extraction on the shapes an outside probe found missed
//! (`tests/fixtures/salary_shapes5/`, see its ABOUT): ranges, periods and notes wrapped across a
//! line break, bare "65k-80k" levels whose currency a sentence says in words, Spanish amounts
//! with the mark after in a monthly table and in prose, Australian, New Zealand and Canadian
//! dollars, and levels named by role words ("newly qualified", "managers who supervise"). A
//! library is built from the guides with `careerbot::engine`, and each career's salary answer is
//! checked figure by figure against what a careful reader lists, each cited to the line it
//! starts on.

#[path = "support/more_careers.rs"]
mod more_careers;

use std::path::{Path, PathBuf};

use careerbot::answer::salary::{Level, NoteKind, Period, SalaryAnswer};
use careerbot::engine::Engine;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/salary_shapes5")
}

fn engine(work: &Path) -> Engine {
    more_careers::engine_of(&fixtures(), work)
}

fn answer(career: &str) -> SalaryAnswer {
    let work = tempfile::tempdir().unwrap();
    engine(work.path())
        .salary(Some(career), None)
        .unwrap()
        .answer
}

/// (level, currency, low, high, period, line, label) of every row.
type Row = (Level, String, u32, u32, Period, u32, Option<String>);

fn rows(a: &SalaryAnswer) -> Vec<Row> {
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
                f.label.clone(),
            )
        })
        .collect()
}

fn row(
    level: Level,
    currency: &str,
    (low, high): (u32, u32),
    period: Period,
    line: u32,
    label: Option<&str>,
) -> Row {
    (
        level,
        currency.to_string(),
        low,
        high,
        period,
        line,
        label.map(str::to_string),
    )
}

/// Every figure's raw text starts on its cited line of the guide file and reads whole from
/// there, across the line breaks it wraps over, inside its passage's range.
fn cited_from_their_line(a: &SalaryAnswer, file: &str) {
    let text = std::fs::read_to_string(fixtures().join(file)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    for r in &a.rows {
        let f = &r.figure;
        assert_eq!(f.cite.source, file);
        assert!(f.cite.start_line <= f.cite.line && f.cite.line <= f.cite.end_line);
        let at = f.cite.line as usize - 1;
        let from_here = lines[at..(at + 3).min(lines.len())]
            .iter()
            .map(|l| l.trim())
            .collect::<Vec<_>>()
            .join(" ");
        let first_word = f.raw.split_whitespace().next().unwrap();
        assert!(
            lines[at].contains(first_word) && from_here.contains(&f.raw),
            "{file}:{} {:?}",
            f.cite.line,
            f.raw
        );
    }
}

#[test]
fn wrapped_ranges_keep_their_upper_bound_period_and_level() {
    use Level::*;
    use Period::*;
    let a = answer("Dog Groomer");
    assert_eq!(
        rows(&a),
        vec![
            // "…usually earn" / "between £18,500 and £21,000 a year": trainees.
            row(Entry, "GBP", (18_500, 21_000), Year, 30, None),
            // "…can expect" / "£25,000 to £29,000": experienced groomers.
            row(Senior, "GBP", (25_000, 29_000), Year, 36, None),
            // "Salon managers who supervise a team … earn £28,000 to" / "£33,000 a year",
            // labelled by the sentence's subject.
            row(
                Lead,
                "GBP",
                (28_000, 33_000),
                Year,
                39,
                Some("Salon managers")
            ),
            // "between £12 and £14 an" / "hour": hourly, never yearly.
            row(Overall, "GBP", (12, 14), Hour, 43, None),
        ]
    );
    let raws: Vec<&str> = a.rows.iter().map(|r| r.figure.raw.as_str()).collect();
    assert_eq!(
        raws,
        [
            "£18,500 and £21,000",
            "£25,000 to £29,000",
            "£28,000 to £33,000",
            "£12 and £14"
        ]
    );
    cited_from_their_line(&a, "dog-groomer.md");
}

#[test]
fn a_newly_qualified_worker_is_entry_level_not_overall() {
    // The improver's range is entry level: the guide's entry row is the trainees' (the earlier
    // line), and no row is left "overall" for a figure about one level.
    let a = answer("Dog Groomer");
    assert!(
        !a.rows
            .iter()
            .any(|r| r.level == Level::Overall && r.figure.period == Period::Year),
        "{:#?}",
        a.rows
    );
}

#[test]
fn notes_cut_at_a_line_end_are_whole_sentences() {
    let a = answer("Dog Groomer");
    let notes: Vec<(NoteKind, u32, &str)> = a
        .notes
        .iter()
        .map(|n| (n.kind, n.cite.line, n.text.as_str()))
        .collect();
    assert!(
        notes.contains(&(
            NoteKind::Location,
            46,
            "Pay varies a lot by region, and salons in London and the South East usually pay 10 to 15 per cent more than the national figures above."
        )),
        "{notes:#?}"
    );
    assert!(
        notes.contains(&(
            NoteKind::Contract,
            49,
            "Self-employed groomers set their own prices: a mobile groomer with a full diary might charge £45 to £70 per dog, or a day rate of £180 to £240 when working in someone else's salon."
        )),
        "{notes:#?}"
    );
    // No note is a fragment ending mid-sentence.
    for n in &a.notes {
        assert!(n.text.ends_with(['.', '!', '?']), "{n:#?}");
    }
}

#[test]
fn bare_k_levels_take_the_currency_said_in_words() {
    use Level::*;
    use Period::*;
    let writer = answer("Technical Writer");
    assert_eq!(
        rows(&writer),
        vec![
            row(
                Entry,
                "USD",
                (62_000, 75_000),
                Year,
                26,
                Some("Junior technical writer")
            ),
            row(
                Mid,
                "USD",
                (75_000, 92_000),
                Year,
                27,
                Some("Technical writer")
            ),
            row(
                Senior,
                "USD",
                (92_000, 115_000),
                Year,
                28,
                Some("Senior technical writer")
            ),
            row(
                Lead,
                "USD",
                (115_000, 140_000),
                Year,
                29,
                Some("Lead technical writer")
            ),
            row(
                Lead,
                "USD",
                (130_000, 160_000),
                Year,
                30,
                Some("Documentation manager")
            ),
        ]
    );
    cited_from_their_line(&writer, "technical-writer.md");
    // "All figures below are gross annual salaries in euros."
    let tester = answer("Game Tester");
    assert_eq!(
        rows(&tester),
        vec![
            row(
                Entry,
                "EUR",
                (28_000, 34_000),
                Year,
                17,
                Some("Junior tester")
            ),
            row(Mid, "EUR", (34_000, 42_000), Year, 18, Some("Game tester")),
            row(
                Senior,
                "EUR",
                (42_000, 52_000),
                Year,
                19,
                Some("Senior tester")
            ),
            row(Lead, "EUR", (52_000, 65_000), Year, 20, Some("QA lead")),
        ]
    );
    cited_from_their_line(&tester, "game-tester.md");
    // "Figures are in pounds, per year": a table of bare amounts, the commis placed below the
    // sommelier by the table's order.
    let sommelier = answer("Sommelier");
    assert_eq!(
        rows(&sommelier),
        vec![
            row(
                Entry,
                "GBP",
                (22_000, 25_000),
                Year,
                12,
                Some("Commis sommelier")
            ),
            row(Mid, "GBP", (26_000, 32_000), Year, 13, Some("Sommelier")),
            row(
                Senior,
                "GBP",
                (33_000, 40_000),
                Year,
                14,
                Some("Senior sommelier")
            ),
            row(
                Lead,
                "GBP",
                (42_000, 55_000),
                Year,
                15,
                Some("Head sommelier")
            ),
        ]
    );
    cited_from_their_line(&sommelier, "sommelier.md");
}

#[test]
fn spanish_amounts_with_the_mark_after_are_monthly_in_the_table_and_whole_in_prose() {
    use Level::*;
    use Period::*;
    let a = answer("Mecánico de Automoción");
    assert_eq!(
        rows(&a),
        vec![
            row(Entry, "EUR", (1_100, 1_250), Month, 28, None),
            // "1–3 años": the grade yields to the row's years.
            row(
                Entry,
                "EUR",
                (1_300, 1_450),
                Month,
                29,
                Some("Oficial de tercera")
            ),
            row(
                Mid,
                "EUR",
                (1_500, 1_700),
                Month,
                30,
                Some("Oficial de segunda")
            ),
            row(
                Senior,
                "EUR",
                (1_750, 2_050),
                Month,
                31,
                Some("Oficial de primera")
            ),
            // "entre" / "24.000 y 29.000 euros brutos al año": 24000, not 24; yearly.
            row(Senior, "EUR", (24_000, 29_000), Year, 37, None),
            row(
                Lead,
                "EUR",
                (2_200, 2_800),
                Month,
                32,
                Some("Jefe de taller")
            ),
        ]
    );
    let prose = a.rows.iter().find(|r| r.figure.period == Year).unwrap();
    assert_eq!(prose.figure.raw, "24.000 y 29.000 euros");
    cited_from_their_line(&a, "mecanico-automocion.md");
}

#[test]
fn australian_new_zealand_and_canadian_dollars_are_never_us_dollars() {
    use Level::*;
    use Period::*;
    let a = answer("Arborist");
    let got: Vec<Row> = rows(&a);
    assert_eq!(
        got[..5],
        [
            row(
                Entry,
                "AUD",
                (48_000, 58_000),
                Year,
                17,
                Some("Apprentice / trainee climber")
            ),
            row(
                Mid,
                "AUD",
                (65_000, 80_000),
                Year,
                18,
                Some("Qualified arborist (Cert III)")
            ),
            row(
                Senior,
                "AUD",
                (82_000, 95_000),
                Year,
                19,
                Some("Senior climber")
            ),
            row(
                Lead,
                "AUD",
                (95_000, 120_000),
                Year,
                20,
                Some("Consulting arborist (AQF Level 5)")
            ),
            // "AUD 38 to AUD 46 per hour".
            row(Overall, "AUD", (38, 46), Hour, 22, None),
        ]
    );
    // "qualified arborists in New Zealand earn …", "while utility arborists in Canada earn …":
    // each labelled by its sentence's subject.
    assert!(got.contains(&row(
        Overall,
        "NZD",
        (58_000, 72_000),
        Year,
        31,
        Some("Qualified arborists")
    )));
    assert!(got.contains(&row(
        Overall,
        "CAD",
        (62_000, 80_000),
        Year,
        32,
        Some("Utility arborists")
    )));
    assert!(a.rows.iter().all(|r| r.figure.currency.code != "USD"));
    let symbols: Vec<&str> = a
        .summaries
        .iter()
        .map(|s| s.currency.symbol.as_str())
        .collect();
    assert!(symbols.contains(&"A$") && symbols.contains(&"NZ$") && symbols.contains(&"C$"));
    // Each currency summarised apart.
    for s in &a.summaries {
        assert!(
            a.rows
                .iter()
                .filter(|r| r.level == s.level && r.figure.period == s.period)
                .any(|r| r.figure.currency == s.currency)
        );
    }
    cited_from_their_line(&a, "arborist.md");
}
