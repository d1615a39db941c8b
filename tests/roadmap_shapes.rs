//! End-to-end: career stages and learning paths in shapes the other fixtures lack, built with the
//! engine as every face builds it. `tests/fixtures/roadmap_shapes/` (see its ABOUT): a chef's
//! ladder as a numbered list, each role set off by a dash with its time in parentheses at the end;
//! a pilot's path as "### Step N — …" headings and its ranks told in a progression paragraph; a
//! teacher's path as an ordered HTML list (each step's own time at its end) with a
//! career-progression paragraph naming its rungs by role titles alone. `tests/fixtures/more_careers/`: the nurse's ladder is the first
//! column of its pay table (roles with years), the UX designer's lead titles follow their field
//! ("design lead") or "head of".

#[path = "support/more_careers.rs"]
mod more_careers;
#[path = "support/roadmap_rungs.rs"]
mod roadmap_rungs;

use std::path::{Path, PathBuf};

use careerbot::answer::roadmap::{DurationKind, Stage, StageEvidence};
use more_careers::{engine, engine_of, fixtures};
use roadmap_rungs::{Rung, cites_none_of, line_starting, line_where, roadmap, rungs};

fn shapes() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roadmap_shapes")
}

/// The lines (1-based) of the list items under a Markdown heading, up to the next heading.
fn list_lines_under(file: &str, heading: &str) -> Vec<u32> {
    let mut inside = false;
    let mut out = Vec::new();
    for (i, l) in file.lines().enumerate() {
        if l.starts_with('#') {
            inside = l.trim_start_matches('#').trim() == heading;
        } else if inside && (l.starts_with("- ") || l.starts_with(|c: char| c.is_ascii_digit())) {
            out.push(i as u32 + 1);
        }
    }
    assert!(!out.is_empty(), "no list under {heading:?}");
    out
}

/// A stage citation as (stage, roles, line, duration span and kind).
type TitledRung = (
    Stage,
    Vec<String>,
    u32,
    Option<(f64, Option<f64>, DurationKind)>,
);

#[test]
fn the_chef_ladder_is_its_numbered_list_of_roles_with_times_at_the_end() {
    let work = tempfile::tempdir().unwrap();
    let engine = engine_of(&shapes(), work.path());
    let file = std::fs::read_to_string(shapes().join("line-cook-to-head-chef.md")).unwrap();
    let a = roadmap(&engine, "Chef");

    let want: Vec<Rung> = [
        (Stage::Junior, "Commis chef", "1. ", (1.0, Some(2.0))),
        (Stage::Mid, "Chef de partie", "2. ", (2.0, Some(3.0))),
        // Its time is on the line its text wraps onto.
        (Stage::Senior, "Sous chef", "3. ", (3.0, Some(4.0))),
        (Stage::Lead, "Head chef", "4. ", (5.0, None)),
    ]
    .into_iter()
    .map(|(stage, role, number, span)| {
        let line = line_starting(&file, &format!("{number}{role} —"));
        (stage, role.to_string(), line, Some(span))
    })
    .collect();
    assert_eq!(rungs(&a), want, "{:#?}", a.stages);
    for s in &a.stages {
        assert_eq!(
            s.label, s.citations[0].roles[0],
            "named by the guide's own rung"
        );
        for c in &s.citations {
            assert_eq!(c.evidence, StageEvidence::Ladder);
            assert_eq!(c.cite.section, "The kitchen brigade: career progression");
        }
    }
    // The day's routine and the packing list are neither stages nor steps.
    let unrelated: Vec<u32> = [
        "What does a chef do day to day?",
        "What to pack for your first shift",
    ]
    .iter()
    .flat_map(|h| list_lines_under(&file, h))
    .collect();
    cites_none_of(&a, &unrelated);
}

#[test]
fn the_pilot_path_is_its_numbered_step_headings() {
    let work = tempfile::tempdir().unwrap();
    let engine = engine_of(&shapes(), work.path());
    let file = std::fs::read_to_string(shapes().join("airline-pilot.md")).unwrap();
    let a = roadmap(&engine, "Airline Pilot");

    let headings: Vec<(u32, &str)> = file
        .lines()
        .enumerate()
        .filter_map(|(i, l)| l.strip_prefix("### ").map(|h| (i as u32 + 1, h)))
        .collect();
    assert_eq!(headings.len(), 5);
    let got: Vec<(u32, u32, &str, &str)> = a
        .learning_path
        .iter()
        .map(|s| (s.order, s.cite.line, s.text.as_str(), s.list.as_str()))
        .collect();
    let want: Vec<(u32, u32, &str, &str)> = headings
        .iter()
        .enumerate()
        .map(|(k, (line, h))| (k as u32 + 1, *line, *h, "How to become an airline pilot"))
        .collect();
    assert_eq!(got, want);
    // Each step's time is the first the text under it gives ("6–12 months", "6–18 months").
    let times: Vec<Option<(f64, Option<f64>)>> = a
        .learning_path
        .iter()
        .map(|s| s.duration.as_ref().map(|d| (d.min_years, d.max_years)))
        .collect();
    assert_eq!(
        times,
        vec![
            None,
            Some((0.5, Some(1.0))),
            Some((0.5, Some(1.5))),
            None,
            None
        ]
    );
    for s in &a.learning_path {
        assert_eq!(s.cite.section, s.text, "cited under its own heading: {s:?}");
    }

    // The progression sentence is cited under its own heading, packed into the passage of the
    // licence list, and the time before the semicolon is not the chief pilot's.
    let line = line_starting(&file, "Pilots join an airline");
    let progression: Vec<_> = a
        .stages
        .iter()
        .flat_map(|s| &s.citations)
        .filter(|c| c.cite.line == line)
        .collect();
    assert!(!progression.is_empty(), "{:#?}", a.stages);
    for c in progression {
        assert_eq!(c.cite.section, "Career progression at an airline");
        assert_eq!(c.duration, None, "{c:?}");
    }
    // The paragraph is the pilot's ladder, named by its ranks, each cited where it is named;
    // the 3–5 years are the captain's only, and the licences' flight hours are no time.
    let on = |part: &str| line_where(&file, part, |l| l.contains(part));
    let want: Vec<Rung> = [
        (
            Stage::Junior,
            "first officer",
            on("as a first officer"),
            None,
        ),
        (
            Stage::Mid,
            "captain",
            on("promoted to captain"),
            Some((3.0, Some(5.0))),
        ),
        // A rung names one role: the guide's plural is shown in the singular.
        (
            Stage::Senior,
            "training captain",
            on("training captains"),
            None,
        ),
        (Stage::Lead, "chief pilot", on("as chief pilot"), None),
    ]
    .into_iter()
    .map(|(stage, role, line, span)| (stage, role.to_string(), line, span))
    .collect();
    assert_eq!(rungs(&a), want, "{:#?}", a.stages);
}

#[test]
fn the_teacher_path_is_its_ordered_list_and_its_progression_paragraph_a_ladder_of_titles() {
    let work = tempfile::tempdir().unwrap();
    let engine = engine_of(&shapes(), work.path());
    // Citations count the page's own lines.
    let text = std::fs::read_to_string(shapes().join("secondary-teacher.html")).unwrap();
    let a = roadmap(&engine, "Teacher");

    let items = [
        "Earn a degree in the subject you want to teach (3 years).",
        "Get school experience: volunteer or work as a teaching assistant for a few weeks.",
        "Complete initial teacher training, such as a PGCE (1 year).",
        "Pass your induction as an early career teacher (2 years).",
    ];
    let got: Vec<(u32, &str, &str)> = a
        .learning_path
        .iter()
        .map(|s| (s.cite.line, s.text.as_str(), s.list.as_str()))
        .collect();
    let want: Vec<(u32, &str, &str)> = items
        .iter()
        .map(|i| {
            let line = line_where(&text, i, |l| l.contains(&format!("<li>{i}</li>")));
            (line, *i, "How to become a teacher")
        })
        .collect();
    assert_eq!(got, want);
    // Each step's own time at its end is its time; the one without gives none.
    let times: Vec<Option<f64>> = a
        .learning_path
        .iter()
        .map(|s| s.duration.as_ref().map(|d| d.min_years))
        .collect();
    assert_eq!(times, [Some(3.0), None, Some(1.0), Some(2.0)]);

    // The progression paragraph names its rungs by role titles alone: a ladder, each rung with
    // the time its own clause gives; three hold a lead title, only the last is the top rung.
    let line = line_where(&text, "Once qualified", |l| l.contains("Once qualified"));
    let got: Vec<TitledRung> = a
        .stages
        .iter()
        .flat_map(|s| {
            s.citations.iter().map(move |c| {
                assert_eq!(c.evidence, StageEvidence::Ladder, "{c:?}");
                assert_eq!(c.cite.section, "Career progression");
                (
                    s.stage,
                    c.roles.clone(),
                    c.cite.line,
                    c.duration
                        .as_ref()
                        .map(|d| (d.min_years, d.max_years, d.kind)),
                )
            })
        })
        .collect();
    let after = DurationKind::ExperienceRequired;
    let want: Vec<TitledRung> = [
        (Stage::Junior, &["classroom teacher"][..], None),
        (
            Stage::Mid,
            &["head of department"],
            Some((3.0, Some(5.0), after)),
        ),
        (
            Stage::Senior,
            &["assistant headteacher", "deputy headteacher"],
            None,
        ),
        (Stage::Lead, &["headteacher"], Some((10.0, None, after))),
    ]
    .into_iter()
    .map(|(stage, roles, d)| {
        (
            stage,
            roles.iter().map(|r| r.to_string()).collect(),
            line,
            d,
        )
    })
    .collect();
    assert_eq!(got, want);
    let labels: Vec<&str> = a.stages.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Classroom teacher",
            "Head of department",
            "Assistant headteacher",
            "Headteacher"
        ]
    );
}

#[test]
fn the_nurse_pay_table_of_roles_with_years_is_the_ladder() {
    let work = tempfile::tempdir().unwrap();
    let engine = engine(work.path());
    let file = std::fs::read_to_string(fixtures().join("registered-nurse.md")).unwrap();
    let a = roadmap(&engine, "Registered Nurse");

    let want: Vec<Rung> = [
        (Stage::Junior, "New graduate", Some((0.0, Some(1.0)))),
        (Stage::Mid, "Experienced RN", Some((2.0, Some(5.0)))),
        (Stage::Senior, "Charge nurse", Some((5.0, None))),
        (Stage::Lead, "Nurse manager", None),
    ]
    .into_iter()
    .map(|(stage, role, span)| {
        let line = line_starting(&file, &format!("| {role}"));
        (stage, role.to_string(), line, span)
    })
    .collect();
    assert_eq!(rungs(&a), want, "{:#?}", a.stages);
    let lines: Vec<&str> = file.lines().collect();
    for c in a.stages.iter().flat_map(|s| &s.citations) {
        assert_eq!(c.cite.section, "How much do registered nurses make?");
        // A cell of the row, verbatim: never the raw row with its pipes.
        assert!(lines[c.cite.line as usize - 1].contains(&c.text), "{c:?}");
        assert!(!c.text.contains('|'), "{c:?}");
        if let Some(d) = &c.duration {
            assert_eq!(d.kind, DurationKind::ExperienceRequired);
        }
    }
}

#[test]
fn ux_lead_titles_after_their_field_or_head_of_are_lead_roles() {
    let work = tempfile::tempdir().unwrap();
    let engine = engine(work.path());
    let a = roadmap(&engine, "UX Designer");
    let lead: Vec<String> = a
        .stages
        .iter()
        .filter(|s| s.stage == Stage::Lead)
        .flat_map(|s| s.citations.iter().flat_map(|c| c.roles.clone()))
        .collect();
    assert_eq!(
        lead,
        ["design lead", "head of design", "principal designer"].map(String::from)
    );
}
