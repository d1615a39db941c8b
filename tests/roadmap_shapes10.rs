//! End-to-end: learning paths and a ladder a ninth outside probe found missed, built with the
//! engine as every face builds it, over `tests/fixtures/roadmap_shapes10/` (see its ABOUT):
//! headings underlined with tildes, a timeline whose labels are set off by a column gap, an HTML
//! table of steps with long rows, "How to get there" and "How to get your … licence" over a
//! path. What a careful reader lists: each step with its line, in the guide's order.

#[path = "support/more_careers.rs"]
mod more_careers;
#[path = "support/roadmap_rungs.rs"]
mod roadmap_rungs;

use careerbot::answer::roadmap::Stage;
use careerbot::engine::Engine;
use roadmap_rungs::{line_starting, path_steps, roadmap};

fn guide(name: &str) -> String {
    roadmap_rungs::fixture_guide("roadmap_shapes10", name)
}

fn engine() -> (tempfile::TempDir, Engine) {
    roadmap_rungs::fixture_engine("roadmap_shapes10")
}

/// Each wanted step as (the one line of `file` that `holds` says holds its words, its words).
fn want(file: &str, rows: &[&str], holds: impl Fn(&str, &str) -> bool) -> Vec<(u32, String)> {
    rows.iter()
        .map(|words| {
            let line = roadmap_rungs::line_where(file, words, |l| holds(l, words));
            (line, words.to_string())
        })
        .collect()
}

/// Whether `line` starts with `words`, however it spaces them.
fn starts_spaced(line: &str, words: &str) -> bool {
    line.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .starts_with(words)
}

/// Regression (probe nine: a plain-text guide underlined its headings with tildes; the first
/// underline opened a "code block" that swallowed the rest, the tildes became the path's first
/// step and the ladder was lost). Under "HOW TO GET INTO IT" the lettered items are the path,
/// and the ladder told twice (an arrow chain, then a paragraph per role) names each rung once.
#[test]
fn headings_underlined_with_tildes_keep_their_path_and_ladder() {
    let (_work, engine) = engine();
    let file = guide("glazier-scotland.txt");
    let a = roadmap(&engine, "Glazier");
    assert_eq!(
        path_steps(&a, 3),
        [
            (line_starting(&file, "a) Start as"), "Start as a".into()),
            (line_starting(&file, "b) Take a"), "Take a Modern".into()),
            (
                line_starting(&file, "c) Complete the"),
                "Complete the SVQ".into()
            ),
            (line_starting(&file, "d) Apply for"), "Apply for a".into()),
        ],
        "{:#?}",
        a.learning_path
    );
    let labels: Vec<(Stage, &str)> = a
        .stages
        .iter()
        .map(|s| (s.stage, s.label.as_str()))
        .collect();
    assert_eq!(
        labels,
        [
            (Stage::Junior, "Glazing labourer"),
            (Stage::Mid, "Glazier"),
            (Stage::Senior, "Senior glazier"),
            (Stage::Lead, "Contracts manager"),
        ],
        "{:#?}",
        a.stages
    );
    // Each paragraph is cited once beside the chain.
    for s in &a.stages {
        let mut lines: Vec<u32> = s.citations.iter().map(|c| c.cite.line).collect();
        lines.dedup();
        assert_eq!(lines.len(), s.citations.len(), "{s:#?}");
    }
}

/// Regression (probe nine: "After:      Keep up CPD …", the last row of a plain-text timeline,
/// was read as the heading of the next passage and left the path).
#[test]
fn a_timeline_set_off_by_a_column_gap_keeps_its_last_row() {
    let (_work, engine) = engine();
    let file = guide("irrigation-engineer.txt");
    let a = roadmap(&engine, "Irrigation Engineer");
    assert_eq!(
        path_steps(&a, 3),
        want(
            &file,
            &[
                "Year 1-4: BEng",
                "Year 5: Join",
                "Year 5-8: Build",
                "After: Sit the"
            ],
            starts_spaced
        ),
        "{:#?}",
        a.learning_path
    );
    let years: Vec<Option<(f64, Option<f64>)>> = a
        .learning_path
        .iter()
        .map(|s| s.duration.as_ref().map(|d| (d.min_years, d.max_years)))
        .collect();
    assert_eq!(years[0], Some((1.0, Some(4.0))));
    assert_eq!(years[3], None);
}

/// Regression (probe nine: two steps of an HTML table of a path were lost, each joined to the
/// long row before it, which ends in a lower-case word, as if the row wrapped onto the next).
#[test]
fn every_row_of_a_table_of_steps_is_a_step() {
    let (_work, engine) = engine();
    let file = guide("drone-surveyor.html");
    let a = roadmap(&engine, "Drone Surveyor");
    let rows = [
        "Pass the online",
        "Study for the",
        "Take the advanced",
        "Work as a",
        "Learn photogrammetry software",
    ];
    let want = want(&file, &rows, |l, words| l.contains(&format!("<td>{words}")));
    assert_eq!(path_steps(&a, 3), want, "{:#?}", a.learning_path);
}

/// Regression (probe nine: "How to get there" over a numbered path was no learning-path
/// heading, nor "How to get your … licence" over a table of steps).
#[test]
fn how_to_get_there_heads_a_path() {
    let (_work, engine) = engine();
    let file = guide("hydrologist.md");
    let a = roadmap(&engine, "Hydrologist");
    assert_eq!(
        path_steps(&a, 2),
        [
            (line_starting(&file, "1. Take a"), "Take a".into()),
            (line_starting(&file, "2. Learn to"), "Learn to".into()),
            (line_starting(&file, "3. Do a"), "Do a".into()),
            (line_starting(&file, "4. Apply for"), "Apply for".into()),
            (
                line_starting(&file, "5. Keep learning"),
                "Keep learning:".into()
            ),
        ],
        "{:#?}",
        a.learning_path
    );
}
