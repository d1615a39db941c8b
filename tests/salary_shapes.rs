//! End-to-end: salary extraction on guides in shapes no other fixture has
//! (`tests/fixtures/salary_shapes/`, see its ABOUT): a pharmacist page with a pay table beside a
//! "Median" column and a table by work setting, a truck-driver guide paid per mile, per week,
//! per hour and per year, and a UK chef guide whose table and prose give bare amounts. A library
//! is built from them with `careerbot::engine`, and the salary answer is checked figure by
//! figure against what a careful reader of each guide would list, each cited to its line.

#[path = "support/more_careers.rs"]
mod more_careers;

use std::path::{Path, PathBuf};

use careerbot::answer::salary::{Level, Period, SalaryAnswer};
use careerbot::engine::Engine;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/salary_shapes")
}

/// An engine over a copy of the fixture guides and their manifest, built in `work`.
fn engine(work: &Path) -> Engine {
    more_careers::engine_of(&fixtures(), work)
}

/// (level, period, currency, low, high, open, label) of every row.
type Row = (Level, Period, String, u32, u32, bool, Option<String>);

fn rows(a: &SalaryAnswer) -> Vec<Row> {
    a.rows
        .iter()
        .map(|r| {
            let f = &r.figure;
            (
                r.level,
                f.period,
                f.currency.code.clone(),
                f.low,
                f.high,
                f.open_ended,
                f.label.clone(),
            )
        })
        .collect()
}

fn row(level: Level, period: Period, cur: &str, low: u32, high: u32, label: Option<&str>) -> Row {
    (
        level,
        period,
        cur.to_string(),
        low,
        high,
        false,
        label.map(str::to_string),
    )
}

/// Every figure's raw text is on its cited line of the guide file (exact lines for text and
/// Markdown guides), inside its passage's range.
fn cited_exactly(a: &SalaryAnswer, file: &str) {
    let text = std::fs::read_to_string(fixtures().join(file)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    for r in &a.rows {
        let f = &r.figure;
        assert_eq!(f.cite.source, file);
        assert!(f.cite.start_line <= f.cite.line && f.cite.line <= f.cite.end_line);
        assert!(
            lines[f.cite.line as usize - 1].contains(&f.raw),
            "{file}:{} {:?}",
            f.cite.line,
            f.raw
        );
    }
}

#[test]
fn pharmacist_pay_table_settings_and_other_periods() {
    use Level::*;
    use Period::*;
    let work = tempfile::tempdir().unwrap();
    let a = engine(work.path())
        .salary(Some("Pharmacist"), None)
        .unwrap()
        .answer;
    let mut weekly = row(Overall, Week, "USD", 2_500, 2_500, None);
    weekly.5 = true; // "$2,500 a week plus travel"
    assert_eq!(
        rows(&a),
        vec![
            // The stage table: its "Median" column is not a second figure.
            row(
                Entry,
                Year,
                "USD",
                118_000,
                130_000,
                Some("Staff pharmacist (new graduate)")
            ),
            row(
                Mid,
                Year,
                "USD",
                125_000,
                140_000,
                Some("Staff pharmacist (3–7 years)")
            ),
            row(
                Senior,
                Year,
                "USD",
                135_000,
                155_000,
                Some("Clinical pharmacist specialist")
            ),
            row(
                Lead,
                Year,
                "USD",
                150_000,
                185_000,
                Some("Pharmacy manager / director of pharmacy")
            ),
            // The table by work setting: settings are about every level, not a ladder.
            row(Overall, Year, "USD", 120_000, 135_000, Some("Retail chain")),
            row(Overall, Year, "USD", 125_000, 145_000, Some("Hospital")),
            row(
                Overall,
                Year,
                "USD",
                118_000,
                132_000,
                Some("Mail-order and specialty")
            ),
            // A weekly locum rate and an hourly relief rate, each in its own period.
            weekly,
            row(Overall, Hour, "USD", 60, 75, None),
        ]
    );
    // The HTML page's lines: the stage rows on four consecutive lines, the settings below.
    let lines: Vec<u32> = a.rows.iter().map(|r| r.figure.cite.line).collect();
    assert_eq!(lines[1..4], [lines[0] + 1, lines[0] + 2, lines[0] + 3]);
    assert!(lines[4] > lines[3] && lines[7] == lines[8]);
    let html = std::fs::read_to_string(fixtures().join("pharmacist.html")).unwrap();
    assert!(a.rows.iter().all(|r| html.contains(&r.figure.raw)));
    // Yearly, weekly and hourly figures are summarised apart.
    let overall: Vec<(Period, String)> = a
        .summaries
        .iter()
        .filter(|s| s.level == Overall)
        .map(|s| (s.period, s.range_label()))
        .collect();
    assert_eq!(
        overall,
        vec![
            (Year, "$118K–$145K".to_string()),
            (Week, "$2500+/week".to_string()),
            (Hour, "$60–$75/hour".to_string()),
        ]
    );
}

#[test]
fn truck_driver_pay_per_mile_week_hour_and_year() {
    use Level::*;
    use Period::*;
    let work = tempfile::tempdir().unwrap();
    let a = engine(work.path())
        .salary(Some("Truck Driver"), None)
        .unwrap()
        .answer;
    assert_eq!(
        rows(&a),
        vec![
            row(
                Entry,
                Year,
                "USD",
                50_000,
                62_000,
                Some("First-year drivers")
            ),
            row(
                Mid,
                Year,
                "USD",
                65_000,
                85_000,
                Some("Experienced OTR drivers (3+ years)")
            ),
            // Local drivers by the hour.
            row(Overall, Hour, "USD", 24, 30, None),
            // Owner-operators: their net pay, not their gross revenue.
            row(Overall, Year, "USD", 60_000, 90_000, None),
            // The FAQ's weekly pay, as a weekly figure (the range over "$1,300 a week").
            row(Overall, Week, "USD", 1_100, 1_600, None),
        ]
    );
    let lines: Vec<u32> = a.rows.iter().map(|r| r.figure.cite.line).collect();
    assert_eq!(lines, vec![15, 16, 11, 17, 28]);
    cited_exactly(&a, "truck-driver.txt");
    // Cents per mile, the sign-on bonus and the gross revenue are no figures.
    for r in &a.rows {
        assert!(!["$5,000", "$150,000 – $250,000", "$150,000"].contains(&r.figure.raw.as_str()));
    }
    // The career's name is no note about what drives pay.
    assert!(
        !a.notes
            .iter()
            .any(|n| n.text.starts_with("This guide covers")),
        "{:#?}",
        a.notes
    );
}

#[test]
fn chef_bare_amounts_take_the_guides_pounds_and_ranks_take_their_order() {
    use Level::*;
    use Period::*;
    let work = tempfile::tempdir().unwrap();
    let a = engine(work.path())
        .salary(Some("Chef"), None)
        .unwrap()
        .answer;
    let got = rows(&a);
    assert_eq!(
        got[..7],
        [
            // Hourly amounts round to whole pounds (£11.50 → £12).
            row(Entry, Hour, "GBP", 12, 13, Some("Kitchen porter")),
            // "Annual (£)": bare amounts in pounds, by the column's header.
            row(Entry, Year, "GBP", 23_000, 26_000, Some("Commis chef")),
            row(Entry, Hour, "GBP", 12, 14, Some("Commis chef")),
            row(Mid, Year, "GBP", 26_000, 30_000, Some("Chef de partie")),
            row(Mid, Hour, "GBP", 13, 15, Some("Chef de partie")),
            row(Senior, Year, "GBP", 32_000, 38_000, Some("Sous chef")),
            row(Lead, Year, "GBP", 40_000, 55_000, Some("Head chef")),
        ]
    );
    // "… an executive chef running several / kitchens can earn 70k or more": read whole across
    // its line break, an executive chef's pay (lead), a level the guide's own table gives, so
    // the table's row stands for it (before the sentence was read whole, "70k" on its own line
    // was shown as every chef's pay).
    assert_eq!(got.len(), 7, "{got:#?}");
    assert!(a.rows.iter().all(|r| r.figure.currency.code == "GBP"));
    cited_exactly(&a, "chef.md");
    let lines: Vec<u32> = a.rows.iter().map(|r| r.figure.cite.line).collect();
    assert_eq!(lines, vec![15, 16, 16, 17, 17, 18, 19]);
    // Hourly and yearly never share a summary.
    for s in &a.summaries {
        let periods: Vec<Period> = a
            .rows
            .iter()
            .filter(|r| r.level == s.level && r.figure.period == s.period)
            .map(|r| r.figure.period)
            .collect();
        assert!(!periods.is_empty() && periods.iter().all(|p| *p == s.period));
    }
}
