//! End-to-end: career ladders named by role titles alone, built with the engine as every face
//! builds it, over `tests/fixtures/roadmap_shapes3/` (see its ABOUT): a police officer's ranks
//! as a table under a "Ranks and promotion" heading, a social worker's ladder as an arrow chain
//! on a lead-in line of a plain-text guide; what a careful reader lists, with each rung's line.

#[path = "support/more_careers.rs"]
mod more_careers;
#[path = "support/roadmap_rungs.rs"]
mod roadmap_rungs;

use std::path::{Path, PathBuf};

use careerbot::answer::roadmap::{Stage, StageEvidence};
use more_careers::engine_of;
use roadmap_rungs::{Rung, Span, cites_none_of, line_starting, lines_where, roadmap, rungs};

fn shapes() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roadmap_shapes3")
}

/// A learning-path step as (line, its list, its time).
type Step<'a> = (u32, &'a str, Option<Span>);

#[test]
fn the_police_ranks_table_is_the_ladder_from_constable_to_superintendent() {
    let work = tempfile::tempdir().unwrap();
    let engine = engine_of(&shapes(), work.path());
    let file = std::fs::read_to_string(shapes().join("police-officer.md")).unwrap();
    let a = roadmap(&engine, "Police Officer");

    // Only "Chief inspector" holds a title word; the first rank is the entry, the top one the
    // lead, the others between in order. Each row's time is the first its cells give.
    let want: Vec<Rung> = [
        (Stage::Junior, "Police constable", Some((2.0, Some(2.0)))),
        (Stage::Mid, "Sergeant", Some((2.0, Some(3.0)))),
        (Stage::Mid, "Inspector", Some((3.0, Some(5.0)))),
        (Stage::Senior, "Chief inspector", None),
        (Stage::Lead, "Superintendent", None),
    ]
    .into_iter()
    .map(|(stage, role, span)| {
        let line = line_starting(&file, &format!("| {role} "));
        (stage, role.to_string(), line, span)
    })
    .collect();
    assert_eq!(rungs(&a), want, "{:#?}", a.stages);
    let lines: Vec<&str> = file.lines().collect();
    for c in a.stages.iter().flat_map(|s| &s.citations) {
        assert_eq!(c.evidence, StageEvidence::Ladder);
        assert_eq!(c.cite.section, "Ranks and promotion");
        // A cell of the row, verbatim: never the raw row with its pipes.
        assert!(lines[c.cite.line as usize - 1].contains(&c.text), "{c:?}");
        assert!(!c.text.contains('|'), "{c:?}");
    }
    let labels: Vec<&str> = a.stages.iter().map(|s| s.label.as_str()).collect();
    // The sergeant and the inspector share the mid stage: both are named, in order.
    assert_eq!(
        labels,
        [
            "Police constable",
            "Sergeant → Inspector",
            "Chief inspector",
            "Superintendent"
        ]
    );

    // "How to join" is the learning path; a step's own time at its end is its time (weeks
    // too, kept in years), a time with more words beside it is none.
    let steps = lines_where(&file, |l| l.starts_with(|c: char| c.is_ascii_digit()));
    let got: Vec<Step> = a
        .learning_path
        .iter()
        .map(|s| {
            (
                s.cite.line,
                s.list.as_str(),
                s.duration.as_ref().map(|d| (d.min_years, d.max_years)),
            )
        })
        .collect();
    let times = [
        None,
        Some((0.25, Some(0.25))),
        None,
        Some((0.3462, Some(0.4615))),
        Some((2.0, Some(2.0))),
    ];
    let want: Vec<Step> = steps
        .iter()
        .zip(times)
        .map(|(l, t)| (*l, "How to join", t))
        .collect();
    assert_eq!(got, want);

    // The duties, the shift table and the skills are neither stages nor steps.
    let unrelated = lines_where(&file, |l| {
        l.starts_with("- ") || l.starts_with("| Earlies") || l.starts_with("| Nights")
    });
    cites_none_of(&a, &unrelated);
}

#[test]
fn the_social_worker_arrow_chain_is_the_ladder_and_specialisms_are_not_rungs() {
    let work = tempfile::tempdir().unwrap();
    let engine = engine_of(&shapes(), work.path());
    let file = std::fs::read_to_string(shapes().join("social-worker.txt")).unwrap();
    let a = roadmap(&engine, "Social Worker");

    let line = line_starting(&file, "The usual career path:");
    let want: Vec<Rung> = [
        (Stage::Junior, "Newly qualified social worker"),
        (Stage::Mid, "Social worker"),
        (Stage::Senior, "Senior social worker"),
        (Stage::Lead, "Team manager"),
        (Stage::Lead, "Service manager"),
    ]
    .into_iter()
    .map(|(stage, role)| {
        // The sentence after the chain that names the team managers gives their time, and the
        // rung is cited to it ("Most social workers …" names the career's people in general).
        if role == "Team manager" {
            let said = line_starting(&file, "In your first year");
            return (stage, role.to_string(), said, Some((7.0, None)));
        }
        (stage, role.to_string(), line, None)
    })
    .collect();
    assert_eq!(rungs(&a), want, "{:#?}", a.stages);
    for c in a.stages.iter().flat_map(|s| &s.citations) {
        assert_eq!(c.evidence, StageEvidence::Ladder);
        // The plain-text heading in capitals packed into the passage is the citation's section.
        assert_eq!(c.cite.section, "CAREER PATH");
        if c.duration.is_none() {
            assert_eq!(c.text, c.roles[0], "each rung's part of the chain");
        } else {
            assert!(
                c.text
                    .contains("team managers usually have seven or more years")
            );
        }
    }

    // The routes to qualify, each with its own time at its end.
    let got: Vec<(u32, &str, Option<f64>)> = a
        .learning_path
        .iter()
        .map(|s| {
            (
                s.cite.line,
                s.list.as_str(),
                s.duration.as_ref().map(|d| d.min_years),
            )
        })
        .collect();
    let routes = lines_where(&file, |l| l.starts_with("- A "));
    let mut want: Vec<(u32, &str, Option<f64>)> = routes
        .iter()
        .zip([3.0, 2.0, 3.0])
        .map(|(l, y)| (*l, "HOW TO QUALIFY", Some(y)))
        .collect();
    // Then the step after them, opening with an order word before its verb ("Then register
    // with the regulator before you take your first post").
    let then = lines_where(&file, |l| l.starts_with("Then register"));
    want.push((then[0], "HOW TO QUALIFY", None));
    assert_eq!(got, want);

    // The specialisms are alternatives, not rungs.
    let specialisms = lines_where(&file, |l| {
        l.starts_with("- ") && l.ends_with("social worker")
    });
    assert_eq!(specialisms.len(), 4);
    assert!(
        a.stages
            .iter()
            .flat_map(|s| &s.citations)
            .all(|c| !specialisms.contains(&c.cite.line))
    );
}
