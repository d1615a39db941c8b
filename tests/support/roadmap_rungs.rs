//! What the roadmap end-to-end tests read from an answer and from a fixture guide: a career's
//! roadmap, its stage citations as comparable rows, and the lines of a guide that say something.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use careerbot::answer::roadmap::{Focus, RoadmapAnswer, Stage};
use careerbot::engine::Engine;

/// The directory of the fixture guides `tests/fixtures/{fixture}`.
pub fn fixture_dir(fixture: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(fixture)
}

/// The text of the guide `name` of the fixture `fixture`.
pub fn fixture_guide(fixture: &str, name: &str) -> String {
    std::fs::read_to_string(fixture_dir(fixture).join(name)).unwrap()
}

/// An engine over the guides of the fixture `fixture`, its index in a temporary directory kept
/// as long as the engine is used (the test crate also holds `support/more_careers.rs` as
/// `more_careers`).
pub fn fixture_engine(fixture: &str) -> (tempfile::TempDir, Engine) {
    let work = tempfile::tempdir().unwrap();
    let engine = crate::more_careers::engine_of(&fixture_dir(fixture), work.path());
    (work, engine)
}

/// `career`'s whole roadmap.
pub fn roadmap(engine: &Engine, career: &str) -> RoadmapAnswer {
    engine
        .roadmap(Some(career), None, Focus::All)
        .unwrap()
        .answer
}

/// The 1-based numbers of the lines of `file` that `pick` picks.
pub fn lines_where(file: &str, pick: impl Fn(&str) -> bool) -> Vec<u32> {
    file.lines()
        .enumerate()
        .filter(|(_, l)| pick(l))
        .map(|(i, _)| i as u32 + 1)
        .collect()
}

/// The 1-based number of the one line of `file` that `pick` picks (`what` names it).
pub fn line_where(file: &str, what: &str, pick: impl Fn(&str) -> bool) -> u32 {
    let found = lines_where(file, pick);
    assert_eq!(found.len(), 1, "{what:?} in {found:?}");
    found[0]
}

/// The 1-based number of the one line of `file` that starts with `start` (trimmed).
pub fn line_starting(file: &str, start: &str) -> u32 {
    line_where(file, start, |l| l.trim_start().starts_with(start))
}

/// A time span in years: (lower end, upper end when there is one).
pub type Span = (f64, Option<f64>);

/// A stage citation as (stage, first role, line, duration span).
pub type Rung = (Stage, String, u32, Option<Span>);

/// Every stage citation of `a`, in order.
pub fn rungs(a: &RoadmapAnswer) -> Vec<Rung> {
    a.stages
        .iter()
        .flat_map(|s| {
            s.citations.iter().map(move |c| {
                (
                    s.stage,
                    c.roles.first().cloned().unwrap_or_default(),
                    c.cite.line,
                    c.duration.as_ref().map(|d| (d.min_years, d.max_years)),
                )
            })
        })
        .collect()
}

/// Asserts that no stage or learning-path step of `a` cites one of the `unrelated` lines.
pub fn cites_none_of(a: &RoadmapAnswer, unrelated: &[u32]) {
    let cited: Vec<u32> = a
        .stages
        .iter()
        .flat_map(|s| s.citations.iter().map(|c| c.cite.line))
        .chain(a.learning_path.iter().map(|s| s.cite.line))
        .collect();
    assert!(
        cited.iter().all(|l| !unrelated.contains(l)),
        "{cited:?} vs {unrelated:?}"
    );
}

/// The learning path as (line, the first `words` words of each step's text).
pub fn path_steps(a: &RoadmapAnswer, words: usize) -> Vec<(u32, String)> {
    a.learning_path
        .iter()
        .map(|s| {
            let text: Vec<&str> = s.text.split_whitespace().take(words).collect();
            (s.cite.line, text.join(" "))
        })
        .collect()
}
