//! End-to-end: roadmap shapes the earlier rounds missed, built with the engine as every face
//! builds it, over `tests/fixtures/roadmap_shapes4/` (see its ABOUT): times counted in weeks
//! (a Spanish cabin-crew ladder in "semanas", a firefighter's steps in weeks), rank titles
//! written in the plural (a firefighter's ranks), and a ladder the splitter cuts across two
//! passages of its section (an archaeologist's progression paragraph, the firefighter's rank
//! list); what a careful reader lists, with each rung's line and the lines of its passage.

#[path = "support/more_careers.rs"]
mod more_careers;
#[path = "support/roadmap_rungs.rs"]
mod roadmap_rungs;

use std::path::{Path, PathBuf};

use careerbot::answer::roadmap::{RoadmapAnswer, SpanUnit, Stage, StageEvidence};
use careerbot::answer::timeline::Timeline;
use careerbot::i18n::Locale;
use more_careers::engine_of;
use roadmap_rungs::{
    Rung, Span, cites_none_of, line_starting, line_where, lines_where, roadmap, rungs,
};

fn shapes() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roadmap_shapes4")
}

fn guide(name: &str) -> String {
    std::fs::read_to_string(shapes().join(name)).unwrap()
}

/// A learning-path step as (line, its time span, its time as shown).
type Step = (u32, Option<Span>, Option<String>);

/// Weeks in years, as the roadmap keeps them (to four places).
fn weeks(n: f64) -> f64 {
    (n / 52.0 * 10_000.0).round() / 10_000.0
}

/// Each stage citation as (role, its line, its passage's first and last lines).
fn ranges(a: &RoadmapAnswer) -> Vec<(String, u32, u32, u32)> {
    a.stages
        .iter()
        .flat_map(|s| &s.citations)
        .map(|c| {
            (
                c.roles[0].clone(),
                c.cite.line,
                c.cite.start_line,
                c.cite.end_line,
            )
        })
        .collect()
}

/// Each wanted rung as [`ranges`] gives it, for a section whose passages run from `heading` to
/// the line before `cut`, then from `cut` to `end`.
fn cut_ranges(want: &[Rung], heading: u32, cut: u32, end: u32) -> Vec<(String, u32, u32, u32)> {
    want.iter()
        .map(|(_, role, line, _)| {
            let (start, last) = if *line < cut {
                (heading, cut - 1)
            } else {
                (cut, end)
            };
            (role.clone(), *line, start, last)
        })
        .collect()
}

/// Gap 1: weeks ("6–8 semanas", "(4–6 weeks)", "a 12-week course") are a duration unit, shown
/// as the guide writes them and ordered against months and years.
#[test]
fn weeks_are_a_duration_unit_of_ladders_steps_and_the_timeline() {
    let work = tempfile::tempdir().unwrap();
    let engine = engine_of(&shapes(), work.path());

    // The cabin-crew ladder: its first rung is counted in weeks, the next in months, the rest
    // in years; every rung is one, in order (the trainee rung before the junior one is junior
    // too, the purser after the senior one senior).
    let file = guide("tripulante-cabina-guia-es.md");
    let a = roadmap(&engine, "Tripulante de Cabina");
    let want: Vec<Rung> = [
        (
            Stage::Junior,
            "Tripulante en prácticas",
            Some((weeks(6.0), Some(weeks(8.0)))),
        ),
        (
            Stage::Junior,
            "Tripulante de cabina junior",
            Some((1.5, Some(1.5))),
        ),
        (
            Stage::Senior,
            "Tripulante de cabina sénior",
            Some((2.0, Some(4.0))),
        ),
        (Stage::Senior, "Sobrecargo", Some((3.0, Some(5.0)))),
        (
            Stage::Lead,
            "Jefe de cabina e instructor",
            Some((8.0, Some(8.0))),
        ),
    ]
    .into_iter()
    .map(|(stage, role, span)| {
        let line = line_where(&file, role, |l| l.contains(&format!("**{role} (")));
        (stage, role.to_string(), line, span)
    })
    .collect();
    assert_eq!(rungs(&a), want, "{:#?}", a.stages);
    let heading = line_starting(&file, "## Progresión profesional");
    let last = line_starting(&file, "5. **Jefe de cabina");
    for c in a.stages.iter().flat_map(|s| &s.citations) {
        assert_eq!(c.evidence, StageEvidence::Ladder);
        assert_eq!((c.cite.start_line, c.cite.end_line), (heading, last));
    }
    let first = &a.stages[0].citations[0];
    let d = first.duration.as_ref().unwrap();
    assert_eq!(d.unit, SpanUnit::Weeks);
    assert_eq!(d.raw, "6–8 semanas");
    assert_eq!(d.label(), "6–8 weeks");
    assert_eq!(d.words(Locale::Es), "6–8 semanas");
    let json = serde_json::to_value(d).unwrap();
    assert_eq!(json["unit"], "weeks");
    // Months and years keep their JSON as it was: no unit.
    let months = a.stages[1].citations[0].duration.as_ref().unwrap();
    assert_eq!(months.unit, SpanUnit::YearsOrMonths);
    assert!(serde_json::to_value(months).unwrap().get("unit").is_none());

    // The timeline adds the weeks to what follows: the months' bar starts where the weeks end.
    let tl = Timeline::of(&a).unwrap();
    let bars: Vec<(String, f64, f64, String)> = tl
        .bars
        .iter()
        .map(|b| (b.label.clone(), b.start, b.length, b.time.words(Locale::Es)))
        .collect();
    assert_eq!(bars[0].0, "Tripulante en prácticas", "{bars:#?}");
    assert_eq!((bars[0].1, bars[0].2), (0.0, weeks(6.0)), "{bars:#?}");
    assert_eq!(bars[0].3, "6–8 semanas");
    assert_eq!(bars[1].0, "Tripulante de cabina junior", "{bars:#?}");
    assert_eq!((bars[1].1, bars[1].2), (weeks(6.0), 1.5), "{bars:#?}");
    assert_eq!(bars[1].3, "1.5 años");
    for pair in tl.bars.windows(2) {
        assert!(pair[0].start <= pair[1].start, "{bars:#?}");
    }

    // The firefighter's steps: a time in weeks at a step's end is its time, as is one in years;
    // so is the time closing a phase's label.
    let file = guide("firefighter.md");
    let a = roadmap(&engine, "Firefighter");
    let steps: Vec<Step> = a
        .learning_path
        .iter()
        .map(|s| {
            (
                s.cite.line,
                s.duration.as_ref().map(|d| (d.min_years, d.max_years)),
                s.duration.as_ref().map(|d| d.label()),
            )
        })
        .collect();
    let ranks = line_starting(&file, "## Rank structure");
    let numbered: Vec<u32> = lines_where(&file, |l| {
        l.starts_with(|c: char| c.is_ascii_digit()) || l.starts_with("- Phase ")
    })
    .into_iter()
    .filter(|l| *l < ranks)
    .collect();
    let times = [
        None,
        Some(((weeks(4.0), Some(weeks(6.0))), "4–6 weeks")),
        None,
        Some(((weeks(12.0), Some(weeks(12.0))), "12 weeks")),
        Some(((2.0, Some(2.0)), "2 years")),
        // "Phase 1 (2 weeks): …": a numbered part of the path, its label's time its own (and
        // no rung of a ladder, now that its weeks are a time).
        Some(((weeks(2.0), Some(weeks(2.0))), "2 weeks")),
        Some(((weeks(6.0), Some(weeks(8.0))), "6–8 weeks")),
        Some(((0.25, Some(0.25)), "3 months")),
    ];
    let want: Vec<Step> = numbered
        .iter()
        .zip(times)
        .map(|(l, t)| (*l, t.map(|(s, _)| s), t.map(|(_, w)| w.to_string())))
        .collect();
    assert_eq!(steps, want);
    // "42 hours a week" and the FAQ's "lasts 12 weeks" are no stage or step.
    let unrelated = lines_where(&file, |l| {
        l.contains("hours a week") || l.contains("12 weeks;")
    });
    cites_none_of(&a, &unrelated);
}

/// Gap 2: rank titles written in the plural ("Trainee firefighters", "Crew managers") are rungs
/// named in the singular; a title ending in "s" that is no plural ("Head of Operations") is kept.
/// Gap 3 (a list): the rank list, cut by the splitter inside one item, is one ladder.
#[test]
fn plural_rank_titles_are_rungs_named_in_the_singular() {
    let work = tempfile::tempdir().unwrap();
    let engine = engine_of(&shapes(), work.path());
    let file = guide("firefighter.md");
    let a = roadmap(&engine, "Firefighter");
    let item = |n: u32, plural: &str| line_starting(&file, &format!("{n}. {plural} —"));
    let want: Vec<Rung> = [
        (
            Stage::Junior,
            "Trainee firefighter",
            item(1, "Trainee firefighters"),
            Some((2.0, Some(2.0))),
        ),
        (
            Stage::Mid,
            "Firefighter",
            item(2, "Firefighters"),
            Some((3.0, Some(5.0))),
        ),
        (Stage::Mid, "Crew manager", item(3, "Crew managers"), None),
        (
            Stage::Senior,
            "Watch manager",
            item(4, "Watch managers"),
            None,
        ),
        (
            Stage::Senior,
            "Station manager",
            item(5, "Station managers"),
            None,
        ),
        (
            Stage::Lead,
            "Head of Operations",
            item(6, "Head of Operations"),
            None,
        ),
    ]
    .into_iter()
    .map(|(stage, role, line, span)| (stage, role.to_string(), line, span))
    .collect();
    assert_eq!(rungs(&a), want, "{:#?}", a.stages);
    let labels: Vec<&str> = a.stages.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Trainee firefighter",
            "Firefighter → Crew manager",
            "Watch manager → Station manager",
            "Head of Operations"
        ]
    );
    for c in a.stages.iter().flat_map(|s| &s.citations) {
        assert_eq!(c.evidence, StageEvidence::Ladder);
        assert_eq!(c.cite.section, "Rank structure and promotion");
    }

    // The list is cut inside the crew managers' item: the rungs before the cut cite the first
    // passage, the others the second, and the item is read whole across the cut.
    let heading = line_starting(&file, "## Rank structure and promotion");
    let cut = line_starting(&file, "and run the crew's training");
    let end = line_starting(&file, "standards every watch trains to.");
    assert_eq!(ranges(&a), cut_ranges(&want, heading, cut, end));
    let crew = &a.stages[1].citations[1];
    assert_eq!(crew.roles, ["Crew manager"]);
    assert!(
        crew.text.ends_with("equipment checks on station."),
        "{}",
        crew.text
    );
}

/// Gap 3 (prose): the archaeologist's progression paragraph is cut by the splitter in the
/// middle of a sentence; the ladder it tells is read whole, each rung citing its own passage.
#[test]
fn a_progression_paragraph_cut_across_passages_is_one_ladder() {
    let work = tempfile::tempdir().unwrap();
    let engine = engine_of(&shapes(), work.path());
    let file = guide("archaeologist.md");
    let a = roadmap(&engine, "Archaeologist");
    let on = |words: &str| line_where(&file, words, |l| l.contains(words));
    let want: Vec<Rung> = [
        (
            Stage::Junior,
            "field technician",
            on("as a field technician"),
            None,
        ),
        (
            Stage::Mid,
            "site supervisor",
            on("promoted to site supervisor"),
            Some((2.0, Some(3.0))),
        ),
        (
            Stage::Senior,
            "project officer",
            on("move up to project officer"),
            Some((5.0, None)),
        ),
        (
            Stage::Lead,
            "project manager",
            on("become a project manager"),
            Some((10.0, None)),
        ),
    ]
    .into_iter()
    .map(|(stage, role, line, span)| (stage, role.to_string(), line, span))
    .collect();
    assert_eq!(rungs(&a), want, "{:#?}", a.stages);
    let labels: Vec<&str> = a.stages.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Field technician",
            "Site supervisor",
            "Project officer",
            "Project manager"
        ]
    );
    // The section is cut after the line naming the site supervisor, inside its sentence.
    let heading = line_starting(&file, "## Career progression in commercial archaeology");
    let cut = line_starting(&file, "which means setting out the excavation");
    let end = line_starting(&file, "few go on to lead a whole unit.");
    assert_eq!(ranges(&a), cut_ranges(&want, heading, cut, end));
    // The supervisor's sentence is read whole, over the cut.
    let supervisor = &a.stages[1].citations[0];
    assert!(
        supervisor
            .text
            .ends_with("every morning before the machines arrive."),
        "{}",
        supervisor.text
    );
    // The contracts of three to six months and the pay are no stage.
    let unrelated = lines_where(&file, |l| {
        l.contains("three to six months") || l.contains("£")
    });
    cites_none_of(&a, &unrelated);
}
