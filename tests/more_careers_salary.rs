//! End-to-end: salary extraction on guides in shapes the rest of the fixtures lack
//! (`tests/fixtures/more_careers/`: a UX-designer page paying in pounds, several levels in one
//! sentence; a nurse guide whose pay table names levels by role and years). A library is built
//! from them with `careerbot::engine`, and the salary answer is checked as every face gets it:
//! figures per level in their own currency, each cited to its line, summaries and charts never
//! mixing currencies, and the Discord reply naming the currency.

#[path = "support/more_careers.rs"]
mod more_careers;

use std::path::Path;

use careerbot::answer::salary::{Level, Period, SalaryAnswer};
use careerbot::i18n::Locale;
use more_careers::{engine, fixtures};

/// The guide's text with runs of white space as one space (a figure of an HTML paragraph may
/// wrap in the file).
fn guide_text(file: &str) -> String {
    std::fs::read_to_string(fixtures().join(file))
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn levels_and_lows(a: &SalaryAnswer) -> Vec<(Level, u32)> {
    a.rows
        .iter()
        .map(|r| (r.level, r.figure.low))
        .collect::<Vec<_>>()
}

#[test]
fn ux_salaries_come_out_in_gbp_per_level_cited() {
    let work = tempfile::tempdir().unwrap();
    let engine = engine(work.path());
    let salary = engine.salary(Some("UX Designer"), None).unwrap();
    let a = &salary.answer;
    assert!(!a.is_empty(), "the UX guide gives pay in pounds: {a:#?}");
    assert_eq!(
        levels_and_lows(a),
        vec![
            (Level::Entry, 28_000),
            (Level::Mid, 38_000),
            (Level::Senior, 55_000),
            (Level::Lead, 85_000),
        ]
    );
    let text = guide_text("ux-designer.html");
    for r in &a.rows {
        let f = &r.figure;
        assert_eq!((f.currency.code.as_str(), f.period), ("GBP", Period::Year));
        assert_eq!(f.cite.source, "ux-designer.html");
        assert!(f.cite.line >= f.cite.start_line && f.cite.line <= f.cite.end_line);
        assert!(f.raw.starts_with('£') && text.contains(&f.raw), "{f:?}");
        assert!(f.range_label().starts_with('£'), "{f:?}");
    }
    // Several levels in one sentence: each is its own figure, on the same cited line.
    let lines: Vec<u32> = a.rows[1..].iter().map(|r| r.figure.cite.line).collect();
    assert!(lines.iter().all(|l| *l == lines[0]), "{lines:?}");
    assert!(a.rows[3].figure.open_ended, "£85,000 or more");
    // One summary per level, in pounds.
    assert_eq!(a.summaries.len(), 4);
    assert!(a.summaries.iter().all(|s| s.currency.code == "GBP"));
    assert_eq!(a.currencies(), vec!["GBP"]);

    // JSON (rows are the figures, as `salary --json` prints them): each says its currency.
    let json = serde_json::to_value(a).unwrap();
    let rows = json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["figure"]);
    for v in rows.chain(json["summaries"].as_array().unwrap()) {
        assert_eq!(
            (&v["currency"], &v["currency_symbol"]),
            (&"GBP".into(), &"£".into())
        );
    }

    // The chart is drawn (an axis in pounds) and the Discord reply names the currency.
    let chart = engine.salary_chart(&salary, Locale::En).unwrap();
    assert!(chart.is_some_and(|png| png.starts_with(b"\x89PNG")));
    let reply =
        careerbot::discord::render::salary_reply(a, salary.generation.meta(), None, Locale::En);
    let embed = &reply.embeds[0];
    let description = embed.description.as_deref().unwrap_or_default();
    assert!(description.contains("GBP"), "{description}");
    assert!(!description.contains("give no salary"), "{description}");
    assert!(
        embed.fields.iter().take(4).all(|f| f.name.contains('£')),
        "{:#?}",
        embed.fields
    );
}

#[test]
fn nurse_levels_come_from_the_years_of_their_rows() {
    let work = tempfile::tempdir().unwrap();
    let engine = engine(work.path());
    let a = engine
        .salary(Some("Registered Nurse"), None)
        .unwrap()
        .answer;
    let labelled: Vec<(Level, &str)> = a
        .rows
        .iter()
        .filter(|r| r.figure.period == Period::Year)
        .map(|r| (r.level, r.figure.label.as_deref().unwrap_or_default()))
        .collect();
    assert_eq!(
        labelled,
        vec![
            (Level::Entry, "New graduate (0–1 years)"),
            (Level::Mid, "Experienced RN (2–5 years)"),
            (Level::Senior, "Charge nurse (5+ years)"),
            (Level::Lead, "Nurse manager"),
        ]
    );
    assert!(a.rows.iter().all(|r| r.figure.currency.code == "USD"));
}

#[test]
fn careers_in_two_currencies_are_never_summarised_or_drawn_together() {
    let work = tempfile::tempdir().unwrap();
    let engine = engine(work.path());
    let salary = engine.salary(None, Some(Level::Senior)).unwrap();
    let a = &salary.answer;
    assert_eq!(a.currencies(), vec!["USD", "GBP"]);
    for s in &a.summaries {
        let rows: Vec<_> = a
            .rows
            .iter()
            .filter(|r| r.figure.cite.career == s.career && r.level == s.level)
            .collect();
        assert!(!rows.is_empty());
        assert!(
            rows.iter().all(|r| r.figure.currency == s.currency),
            "{s:?} mixes currencies"
        );
    }
    // The comparison chart has one axis: it draws one currency and says which it left out.
    let comparison = careerbot::answer::chart::compare::Comparison::of(a);
    let drawn = comparison.currency.expect("a yearly summary").code.clone();
    assert!(comparison.drawn.iter().all(|s| s.currency.code == drawn));
    let other = if drawn == "USD" { "GBP" } else { "USD" };
    let caption = comparison.caption(Locale::En).unwrap_or_default();
    assert!(caption.contains(&format!("(in {other})")), "{caption}");
    assert!(engine.salary_chart(&salary, Locale::En).unwrap().is_some());
    // The Discord reply lists both currencies.
    let reply =
        careerbot::discord::render::salary_reply(a, salary.generation.meta(), None, Locale::En);
    let description = reply.embeds[0].description.clone().unwrap_or_default();
    assert!(
        description.contains("USD") && description.contains("GBP"),
        "{description}"
    );
}

/// `careerbot salary` with the library of `guides`, nothing from the caller's environment.
fn cli(work: &Path, guides: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_careerbot"))
        .args(args)
        .current_dir(work)
        .env_remove("CAREERBOT_CONFIG")
        .env_remove("RUST_LOG")
        .env("NO_COLOR", "1")
        .env("CAREERBOT_SEEDS_DIR", guides)
        .env("CAREERBOT_INDEX_DIR", work.join("index"))
        .env("CAREERBOT_DATA_DIR", work.join("data"))
        .output()
        .expect("run careerbot");
    assert_eq!(
        out.status.code(),
        Some(0),
        "careerbot {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn the_cli_says_the_currency_in_text_and_json() {
    let work = tempfile::tempdir().unwrap();
    // Builds the library (and leaves the guides' copy in `work/seeds`).
    drop(engine(work.path()));
    let guides = work.path().join("seeds");
    let text = cli(work.path(), &guides, &["salary", "--career", "UX Designer"]);
    assert!(text.starts_with("Salaries in GBP"), "{text}");
    assert!(!text.contains("give no salary figures"), "{text}");
    assert!(
        text.contains("£38K–£50K") && text.contains("£85K+"),
        "{text}"
    );
    let json: serde_json::Value = serde_json::from_str(&cli(
        work.path(),
        &guides,
        &["salary", "--career", "UX Designer", "--json"],
    ))
    .unwrap();
    let rows = json["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 4);
    assert!(rows.iter().all(|r| r["currency"] == "GBP"), "{json:#}");
    let all = cli(work.path(), &guides, &["salary"]);
    assert!(
        all.starts_with("Salaries in USD, GBP, each figure in the currency its guide states"),
        "{all}"
    );
}

/// Regression: "New hygienists usually start around $35/hr" gave no figure (it was an overall
/// figure, hidden behind the yearly one); a figure in a clause saying pay starts there is the
/// entry level's, in its own period, cited at its line.
#[test]
fn starting_pay_is_the_entry_figure() {
    let work = tempfile::tempdir().unwrap();
    let engine = engine(work.path());
    let a = engine
        .salary(Some("Dental Hygienist"), None)
        .unwrap()
        .answer;
    let file = std::fs::read_to_string(fixtures().join("dental-hygienist.txt")).unwrap();
    let entry: Vec<_> = a.rows.iter().filter(|r| r.level == Level::Entry).collect();
    assert_eq!(entry.len(), 1, "{:#?}", a.rows);
    let f = &entry[0].figure;
    assert_eq!((f.low, f.period), (35, Period::Hour), "{f:?}");
    let line = file.lines().nth(f.cite.line as usize - 1).unwrap();
    let at = line.find(&f.raw).expect("the figure is on its cited line");
    assert!(
        line[..at].to_lowercase().contains("start"),
        "the clause before the figure says pay starts there: {line}"
    );
    // The levels after it come from the years and words of their own clauses.
    let levels: Vec<Level> = a.rows.iter().map(|r| r.level).collect();
    assert_eq!(
        levels,
        vec![Level::Entry, Level::Mid, Level::Senior, Level::Overall]
    );
}
