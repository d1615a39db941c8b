//! End-to-end: the roadmap of guides in shapes the other fixtures lack (`tests/fixtures/more_careers/`),
//! built with the engine as every face builds it. The nurse guide's numbered steps wrap onto
//! indented continuation lines: every step is in the learning path, whole, cited at its first
//! line under the heading above the list. The UX-designer page tells its career path as a
//! paragraph: its stages are read from the prose, with the times it gives. The dental-hygienist
//! guide (plain text) labels its steps by a time or a sequence word ("Year 1:", "Then:").

#[path = "support/more_careers.rs"]
mod more_careers;

use careerbot::answer::roadmap::{DurationKind, Focus, RoadmapAnswer, Stage, StepKind};
use careerbot::engine::Engine;
use more_careers::{engine, fixtures};

fn roadmap(engine: &Engine, career: &str) -> RoadmapAnswer {
    engine
        .roadmap(Some(career), None, Focus::All)
        .unwrap()
        .answer
}

/// The numbered items of a Markdown list as the file writes them: (first line, the item's text
/// after its number, its indented continuation lines joined on).
fn numbered_items(file: &str) -> Vec<(u32, String)> {
    let mut out: Vec<(u32, String)> = Vec::new();
    let mut open = false;
    for (i, line) in file.lines().enumerate() {
        let t = line.trim_start();
        let number = t.split_once(". ").filter(|(n, _)| {
            !n.is_empty() && n.len() <= 2 && n.chars().all(|c| c.is_ascii_digit())
        });
        if let Some((_, rest)) = number.filter(|_| t.len() == line.len()) {
            out.push((i as u32 + 1, rest.trim().to_string()));
            open = true;
        } else if open && !t.is_empty() && t.len() < line.len() {
            let last = out.last_mut().expect("an open item");
            last.1.push(' ');
            last.1.push_str(t.trim_end());
        } else {
            open = false;
        }
    }
    out
}

/// The Markdown headings of a file, as citations name sections.
fn headings(file: &str) -> Vec<String> {
    file.lines()
        .filter(|l| l.starts_with('#'))
        .map(|l| l.trim_start_matches('#').trim().to_string())
        .collect()
}

#[test]
fn the_nurse_roadmap_holds_every_numbered_step_whole() {
    let work = tempfile::tempdir().unwrap();
    let engine = engine(work.path());
    let file = std::fs::read_to_string(fixtures().join("registered-nurse.md")).unwrap();
    let items = numbered_items(&file);
    assert_eq!(items.len(), 6, "{items:#?}");
    assert!(
        items.iter().any(|(_, t)| t.contains("bachelor's (BSN)")),
        "the fixture still wraps its steps: {items:#?}"
    );

    let a = roadmap(&engine, "Registered Nurse");
    let steps: Vec<(u32, u32, &str)> = a
        .learning_path
        .iter()
        .filter(|s| s.kind == StepKind::Step)
        .map(|s| (s.order, s.cite.line, s.text.as_str()))
        .collect();
    let want: Vec<(u32, u32, &str)> = items
        .iter()
        .enumerate()
        .map(|(k, (line, text))| (k as u32 + 1, *line, text.as_str()))
        .collect();
    assert_eq!(steps, want);

    // Every citation names a heading of the guide (or its title), never a list item's text.
    let sections = headings(&file);
    let list = "Becoming an RN, step by step";
    assert!(sections.iter().any(|s| s == list));
    for s in &a.learning_path {
        assert_eq!(s.cite.section, list, "{s:?}");
        assert_eq!(s.list, list, "{s:?}");
    }
    for c in a.stages.iter().flat_map(|s| &s.citations) {
        assert!(sections.contains(&c.cite.section), "{c:?}");
        // A step's own time is not a time to qualify.
        if let Some(d) = &c.duration {
            assert_ne!(d.kind, DurationKind::ToQualify, "{c:?}");
        }
    }
    // The steps are actions on the way, not rungs of a ladder of roles.
    assert!(
        a.stages
            .iter()
            .all(|s| !["Earn a nursing degree", "Specialize"].contains(&s.label.as_str())),
        "{:#?}",
        a.stages
    );
}

#[test]
fn the_ux_career_path_paragraph_gives_its_stages() {
    let work = tempfile::tempdir().unwrap();
    let engine = engine(work.path());
    // Citations count the page's own lines: a sentence of a paragraph is cited at the line the
    // paragraph starts on, within the range that holds it.
    let page = std::fs::read_to_string(fixtures().join("ux-designer.html")).unwrap();
    let lines: Vec<&str> = page.lines().collect();

    let a = roadmap(&engine, "UX Designer");
    let got: Vec<Stage> = a.stages.iter().map(|s| s.stage).collect();
    assert_eq!(got, Stage::ALL.to_vec(), "{:#?}", a.stages);
    for s in &a.stages {
        for c in &s.citations {
            assert_eq!(c.cite.section, "Career path", "{c:?}");
            assert!(lines[c.cite.line as usize - 1].starts_with("<p>"), "{c:?}");
            let range = lines[c.cite.line as usize - 1..c.cite.end_line as usize].join(" ");
            assert!(range.contains(&c.text), "{c:?} not in {range:?}");
            for role in &c.roles {
                assert!(c.text.contains(role.as_str()), "{role:?} in {c:?}");
            }
        }
    }
    let times: Vec<(Stage, Option<f64>, Option<f64>, bool)> = a
        .stages
        .iter()
        .flat_map(|s| {
            s.durations()
                .map(move |(_, d)| (s.stage, Some(d.min_years), d.max_years, d.open_ended))
        })
        .collect();
    assert_eq!(
        times,
        vec![
            (Stage::Mid, Some(2.0), Some(3.0), false),
            (Stage::Senior, Some(5.0), None, true),
        ]
    );
    let roles = |stage: Stage| -> Vec<String> {
        a.stages
            .iter()
            .filter(|s| s.stage == stage)
            .flat_map(|s| s.citations.iter().flat_map(|c| c.roles.clone()))
            .map(|r| r.to_lowercase())
            .collect()
    };
    assert!(
        roles(Stage::Junior)
            .iter()
            .any(|r| r.contains("junior designer"))
    );
    assert!(
        roles(Stage::Lead)
            .iter()
            .any(|r| r.contains("principal designer"))
    );
}

/// The lines of a plain-text guide's section: those after its ALL-CAPS heading containing
/// `heading`, up to the next ALL-CAPS heading, as (1-based line, text), blank lines left out.
fn section_lines(file: &str, heading: &str) -> Vec<(u32, String)> {
    let caps = |l: &str| {
        let l = l.trim();
        !l.is_empty() && l.chars().any(char::is_alphabetic) && l == l.to_uppercase()
    };
    let mut out = Vec::new();
    let mut inside = false;
    for (i, line) in file.lines().enumerate() {
        if caps(line) {
            inside = line.contains(heading);
        } else if inside && !line.trim().is_empty() {
            out.push((i as u32 + 1, line.trim().to_string()));
        }
    }
    out
}

/// Regression: "Year 1: …", "Years 2-3: …", "After graduating: …", "Then: …" under "HOW TO
/// BECOME …" gave no learning path; they are its steps, in order, whole, each cited at its line,
/// with the time its label gives. The guide's other "Label: text" lines ("Technical: …") are not.
#[test]
fn labelled_steps_are_the_dental_hygienist_path() {
    let work = tempfile::tempdir().unwrap();
    let engine = engine(work.path());
    let file = std::fs::read_to_string(fixtures().join("dental-hygienist.txt")).unwrap();
    let heading = "HOW TO BECOME";
    let lines = section_lines(&file, heading);
    assert_eq!(lines.len(), 4, "{lines:#?}");

    let a = roadmap(&engine, "Dental Hygienist");
    let steps: Vec<(u32, u32, &str)> = a
        .learning_path
        .iter()
        .map(|s| {
            assert_eq!(s.kind, StepKind::Step, "{s:?}");
            assert!(s.cite.section.contains(heading), "{s:?}");
            (s.order, s.cite.line, s.text.as_str())
        })
        .collect();
    let want: Vec<(u32, u32, &str)> = lines
        .iter()
        .enumerate()
        .map(|(k, (line, text))| (k as u32 + 1, *line, text.as_str()))
        .collect();
    assert_eq!(steps, want);
    let times: Vec<Option<(f64, Option<f64>, bool)>> = a
        .learning_path
        .iter()
        .map(|s| {
            s.duration
                .as_ref()
                .map(|d| (d.min_years, d.max_years, d.open_ended))
        })
        .collect();
    assert_eq!(
        times,
        vec![
            Some((0.0, Some(1.0), false)),
            Some((2.0, Some(3.0), false)),
            None,
            None
        ]
    );
    // The skills section's labelled lines stay out of the path.
    let skills = section_lines(&file, "SKILLS");
    assert!(!skills.is_empty());
    assert!(
        a.learning_path
            .iter()
            .all(|s| skills.iter().all(|(line, _)| *line != s.cite.line))
    );
}
