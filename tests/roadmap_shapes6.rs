//! End-to-end: career ladders and learning paths a second outside probe found missed, built
//! with the engine as every face builds it, over `tests/fixtures/roadmap_shapes6/` (see its
//! ABOUT): arrow ladders on one line with acronyms, grades after the role and Spanish titles
//! with a feminine ending (a respiratory therapist, an air traffic controller, a camarero, a
//! mortgage adviser); a ladder told in prose (an elevator mechanic); a definition list (a
//! sonographer's `<dl>`, an audiologist's Markdown); a ladder table beside a pay table of roles
//! (a quantity surveyor); and learning paths lettered, numbered "Step 1.", told in a table of
//! steps and durations, or in paragraphs. What a careful reader lists: each rung with its
//! stage, line and time, and each step with its line and time, in the guide's order.

#[path = "support/more_careers.rs"]
mod more_careers;
#[path = "support/roadmap_rungs.rs"]
mod roadmap_rungs;

use std::path::{Path, PathBuf};

use careerbot::answer::roadmap::{RoadmapAnswer, Stage, StageEvidence};
use careerbot::engine::Engine;
use more_careers::engine_of;
use roadmap_rungs::{Rung, Span, line_where, roadmap, rungs};

fn shapes() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roadmap_shapes6")
}

fn guide(name: &str) -> String {
    std::fs::read_to_string(shapes().join(name)).unwrap()
}

/// The one line of `file` holding `words`.
fn line_with(file: &str, words: &str) -> u32 {
    line_where(file, words, |l| l.contains(words))
}

/// Each wanted rung as (stage, role, the line holding `on`, span).
fn want(file: &str, rows: &[(Stage, &str, &str, Option<Span>)]) -> Vec<Rung> {
    rows.iter()
        .map(|(stage, role, on, span)| (*stage, role.to_string(), line_with(file, on), *span))
        .collect()
}

/// Every stage citation is a rung of the guide's ladder under `section`, cited to a passage
/// holding its line, never the whole chain as one stage.
fn all_rungs_under(a: &RoadmapAnswer, section: &str) {
    for c in a.stages.iter().flat_map(|s| &s.citations) {
        assert_eq!(c.evidence, StageEvidence::Ladder, "{c:?}");
        assert_eq!(c.cite.section, section, "{c:?}");
        assert!(
            c.cite.start_line <= c.cite.line && c.cite.line <= c.cite.end_line,
            "{c:?}"
        );
        assert!(!c.text.contains('→') && !c.text.contains("->"), "{c:?}");
    }
}

/// The learning path as (line, text, duration as written).
fn steps(a: &RoadmapAnswer) -> Vec<(u32, String, Option<String>)> {
    a.learning_path
        .iter()
        .map(|s| {
            (
                s.cite.line,
                s.text.clone(),
                s.duration.as_ref().map(|d| d.raw.clone()),
            )
        })
        .collect()
}

/// Each wanted step as (the line starting with its text, its text, its time).
fn want_steps(file: &str, rows: &[(&str, Option<&str>)]) -> Vec<(u32, String, Option<String>)> {
    rows.iter()
        .map(|(text, time)| {
            (
                line_with(file, text),
                text.to_string(),
                time.map(str::to_string),
            )
        })
        .collect()
}

fn engine() -> (tempfile::TempDir, Engine) {
    let work = tempfile::tempdir().unwrap();
    let engine = engine_of(&shapes(), work.path());
    (work, engine)
}

/// Shape 1: arrow ladders on one line, a career's acronyms ("Staff RT", "ATCO") and Spanish
/// titles with a feminine ending ("Jefe/a de rango") among the rungs: each rung is a stage (more
/// rungs than stages share one, named in order), never one stage holding the whole line.
#[test]
fn arrow_ladders_on_one_line_give_each_rung() {
    let (_work, engine) = engine();

    let file = guide("respiratory-therapist.md");
    let a = roadmap(&engine, "Respiratory Therapist");
    let chain = "Staff RT → Senior RT";
    assert_eq!(
        rungs(&a),
        want(
            &file,
            &[
                // Its time is the one the sentence after the chain gives it.
                (
                    Stage::Junior,
                    "Staff RT",
                    "two to three years as a staff RT",
                    Some((2.0, Some(3.0)))
                ),
                (Stage::Mid, "Senior RT", chain, None),
                (Stage::Senior, "Clinical Specialist", chain, None),
                (Stage::Lead, "RT Supervisor", chain, None),
                (Stage::Lead, "Director of Respiratory Care", chain, None),
            ]
        ),
        "{:#?}",
        a.stages
    );
    all_rungs_under(&a, "Career path");
    assert_eq!(
        a.stages[3].label,
        "RT Supervisor → Director of Respiratory Care"
    );

    let file = guide("air-traffic-controller.txt");
    let a = roadmap(&engine, "Air Traffic Controller");
    let chain = "ATCO Trainee -> Student Controller";
    assert_eq!(
        rungs(&a),
        want(
            &file,
            &[
                (Stage::Junior, "ATCO Trainee", chain, None),
                (Stage::Mid, "Student Controller", chain, None),
                (Stage::Mid, "Valid ATCO", chain, None),
                (Stage::Senior, "Watch Supervisor", chain, None),
                (Stage::Lead, "Unit Manager", chain, None),
            ]
        ),
        "{:#?}",
        a.stages
    );
    all_rungs_under(&a, "CAREER PATH");

    let file = guide("camarero-guia.md");
    let a = roadmap(&engine, "Camarero");
    let chain = "Ayudante de camarero →";
    assert_eq!(
        rungs(&a),
        want(
            &file,
            &[
                (Stage::Junior, "Ayudante de camarero", chain, None),
                (Stage::Mid, "Camarero/a", chain, None),
                (Stage::Senior, "Camarero/a sénior", chain, None),
                (Stage::Lead, "Jefe/a de rango", chain, None),
                (Stage::Lead, "Maître", chain, None),
                (Stage::Lead, "Director/a de sala", chain, None),
            ]
        ),
        "{:#?}",
        a.stages
    );
    all_rungs_under(&a, "Trayectoria profesional");

    let file = guide("mortgage-adviser.md");
    let a = roadmap(&engine, "Mortgage Adviser");
    let chain = "Mortgage adviser → Senior";
    assert_eq!(
        rungs(&a),
        want(
            &file,
            &[
                (Stage::Junior, "Mortgage adviser", chain, None),
                (Stage::Senior, "Senior mortgage adviser", chain, None),
                (Stage::Senior, "Team leader", chain, None),
                (Stage::Lead, "Branch manager", chain, None),
            ]
        ),
        "{:#?}",
        a.stages
    );
    all_rungs_under(&a, "Career progression");
}

/// Shape 2: a ladder told in prose under a career-path heading, one rung the subject of its
/// sentence ("Senior service technicians with eight or more years …"), one after a plain "as"
/// that says what that rung does ("work as mentors"): every rung in order, with its time.
#[test]
fn a_ladder_told_in_prose_gives_each_rung() {
    let (_work, engine) = engine();
    let file = guide("elevator-mechanic.md");
    let a = roadmap(&engine, "Elevator Mechanic");
    assert_eq!(
        rungs(&a),
        want(
            &file,
            &[
                (Stage::Junior, "helper", "start as a helper", None),
                (
                    Stage::Mid,
                    "licensed mechanic",
                    "licensed mechanic on your own route",
                    Some((3.0, Some(5.0)))
                ),
                (
                    Stage::Senior,
                    "Senior service technician",
                    "Senior service technicians",
                    Some((8.0, None))
                ),
                (
                    Stage::Lead,
                    "lead technician",
                    "move up to lead technician",
                    None
                ),
                (
                    Stage::Lead,
                    "service manager",
                    "become service managers",
                    None
                ),
            ]
        ),
        "{:#?}",
        a.stages
    );
    all_rungs_under(&a, "Career progression");
    assert_eq!(a.stages[0].citations[0].roles, ["helper", "apprentice"]);
    assert_eq!(a.stages[3].label, "Lead technician → Service manager");
}

/// Shape 3: a ladder as a definition list, rendered from HTML (`<dt>` in emphasis, its `<dd>`
/// on the next line) and in Markdown ("Term" / ": definition"): the first rung is kept, every
/// title whole, each time from its definition; a term the splitter took for a sub-heading is
/// still a rung of the list, cited under its heading.
#[test]
fn a_definition_list_ladder_gives_each_term_whole() {
    let (_work, engine) = engine();
    let file = guide("sonographer.html");
    let a = roadmap(&engine, "Sonographer");
    assert_eq!(
        rungs(&a),
        want(
            &file,
            &[
                (
                    Stage::Junior,
                    "Sonographer",
                    "<dt>Sonographer</dt>",
                    Some((2.0, Some(2.0)))
                ),
                (
                    Stage::Senior,
                    "Senior Sonographer",
                    "<dt>Senior Sonographer",
                    Some((4.0, Some(6.0)))
                ),
                (
                    Stage::Lead,
                    "Lead Sonographer",
                    "<dt>Lead Sonographer",
                    None
                ),
                (
                    Stage::Lead,
                    "Sonography Services Manager",
                    "<dt>Sonography Services",
                    Some((10.0, None))
                ),
            ]
        ),
        "{:#?}",
        a.stages
    );
    all_rungs_under(&a, "Career ladder");

    let file = guide("audiologist.md");
    let a = roadmap(&engine, "Audiologist");
    let at = |title: &str| line_where(&file, title, |l| l.trim() == title);
    let got: Vec<(Stage, String, u32)> = rungs(&a).into_iter().map(|r| (r.0, r.1, r.2)).collect();
    assert_eq!(
        got,
        [
            (Stage::Junior, "Clinical Audiologist"),
            (Stage::Senior, "Senior Audiologist"),
            (Stage::Lead, "Principal Audiologist"),
            (Stage::Lead, "Head of Audiology"),
        ]
        .map(|(s, r)| (s, r.to_string(), at(r))),
        "{:#?}",
        a.stages
    );
    all_rungs_under(&a, "Career ladder");
    assert_eq!(
        a.stages[0].citations[0].text,
        "Runs hearing assessments and fits hearing aids; most stay here for 2–4 years."
    );
}

/// Shape 4: a ladder table titled as the career ladder, with no years, wins over a pay table by
/// experience whose rows are roles; a time to qualify said of students without an accredited
/// degree is no junior stage.
#[test]
fn a_career_ladder_table_wins_over_a_pay_table_of_roles() {
    let (_work, engine) = engine();
    let file = guide("quantity-surveyor.md");
    let a = roadmap(&engine, "Quantity Surveyor");
    let row = |role: &str| format!("| {role} |");
    let rows = [
        (Stage::Junior, "Assistant Quantity Surveyor"),
        (Stage::Mid, "Quantity Surveyor"),
        (Stage::Senior, "Senior Quantity Surveyor"),
        (Stage::Lead, "Commercial Manager"),
        (Stage::Lead, "Commercial Director"),
    ];
    let ladder_start = line_with(&file, "## Career ladder");
    let want: Vec<Rung> = rows
        .iter()
        .map(|(s, role)| {
            let line = roadmap_rungs::lines_where(&file, |l| l.contains(&row(role)))
                .into_iter()
                .find(|&l| l > ladder_start)
                .unwrap();
            (*s, role.to_string(), line, None)
        })
        .collect();
    assert_eq!(rungs(&a), want, "{:#?}", a.stages);
    all_rungs_under(&a, "Career ladder");
    let students = line_with(&file, "Students without an accredited degree");
    assert!(
        a.stages
            .iter()
            .flat_map(|s| &s.citations)
            .all(|c| c.cite.line != students)
    );
}

/// Shape 5: a lead stage's label comes from the guide's rung titles, never the software
/// ladder's "Lead / architect / manager".
#[test]
fn stage_labels_come_from_the_guides_titles() {
    let (_work, engine) = engine();
    for career in [
        "Respiratory Therapist",
        "Air Traffic Controller",
        "Camarero",
        "Mortgage Adviser",
        "Elevator Mechanic",
        "Sonographer",
        "Audiologist",
        "Quantity Surveyor",
    ] {
        let a = roadmap(&engine, career);
        assert!(!a.stages.is_empty(), "{career}");
        for s in &a.stages {
            assert_ne!(s.label, Stage::Lead.label(), "{career}");
            assert!(!s.label.contains("architect"), "{career}: {}", s.label);
        }
    }
}

/// Shape 6: learning paths lettered, numbered "Step 1.", told in a table of steps and their
/// durations, or in paragraphs each telling the next step; every item of a numbered path kept
/// (one a registration); the two kinds of a job under the path heading are no steps.
#[test]
fn learning_paths_in_every_shape_give_each_step() {
    let (_work, engine) = engine();

    let file = guide("respiratory-therapist.md");
    let a = roadmap(&engine, "Respiratory Therapist");
    assert_eq!(
        steps(&a),
        want_steps(
            &file,
            &[
                (
                    "Finish high school with biology, chemistry and algebra.",
                    None
                ),
                (
                    "Complete an associate or bachelor's degree in respiratory care (2–4 years).",
                    Some("2–4 years")
                ),
                ("Pass the TMC exam to earn the CRT credential.", None),
                (
                    "Pass the clinical simulation exam to become a registered respiratory therapist (RRT).",
                    None
                ),
                ("Apply for your state license and a first staff post.", None),
            ]
        )
    );

    let file = guide("air-traffic-controller.txt");
    let a = roadmap(&engine, "Air Traffic Controller");
    assert_eq!(
        steps(&a),
        want_steps(
            &file,
            &[
                (
                    "Check that you meet the age, medical and security requirements.",
                    None
                ),
                (
                    "Pass the online aptitude tests and the selection interview.",
                    None
                ),
                (
                    "Complete the initial training at the college (about 12 months).",
                    Some("about 12 months")
                ),
                (
                    "Validate at your first unit under an on-the-job training instructor (6-18 months).",
                    Some("6-18 months")
                ),
                (
                    "Hold your licence with a unit endorsement and work solo.",
                    None
                ),
            ]
        )
    );

    let file = guide("sonographer.html");
    let a = roadmap(&engine, "Sonographer");
    assert_eq!(
        steps(&a),
        want_steps(
            &file,
            &[
                (
                    "Complete prerequisite courses in anatomy, physics and maths",
                    Some("1 year")
                ),
                ("Finish an accredited sonography program", Some("2 years")),
                (
                    "Pass the SPI physics exam and a specialty exam",
                    Some("3–6 months")
                ),
                (
                    "Work as a registered sonographer under supervision",
                    Some("1 year")
                ),
            ]
        )
    );

    // Hard-wrapped paragraphs: each step whole, cited where it starts.
    let file = guide("audiologist.md");
    let a = roadmap(&engine, "Audiologist");
    assert_eq!(
        steps(&a),
        [
            ("Most audiologists take", "Most audiologists take a four-year Doctor of Audiology (AuD) degree after a bachelor's in a science."),
            ("Graduates then pass", "Graduates then pass the national Praxis exam in audiology and apply for a state license."),
            ("New audiologists then build", "New audiologists then build experience in a clinic for a year or two before they specialise in paediatrics, implants or vestibular work."),
        ]
        .map(|(on, text)| (line_with(&file, on), text.to_string(), None))
    );

    let file = guide("elevator-mechanic.md");
    let a = roadmap(&engine, "Elevator Mechanic");
    let got: Vec<(u32, String)> = steps(&a).into_iter().map(|s| (s.0, s.1)).collect();
    assert_eq!(
        got,
        [
            ("Most elevator mechanics learn the trade", "Most elevator mechanics learn the trade through a four-year registered apprenticeship run by a union or a large installer."),
            ("Apprentices then sit the mechanic examination", "Apprentices then sit the mechanic examination at the end of their fourth year."),
            ("Licensed mechanics then add manufacturer courses", "Licensed mechanics then add manufacturer courses on the controllers they service, and renew their license every two years with continuing education."),
        ]
        .map(|(on, text)| (line_with(&file, on), text.to_string()))
    );

    let file = guide("mortgage-adviser.md");
    let a = roadmap(&engine, "Mortgage Adviser");
    assert_eq!(
        steps(&a),
        want_steps(
            &file,
            &[
                (
                    "Get a job as a trainee adviser or administrator at a brokerage or lender.",
                    None
                ),
                ("Pass the CeMAP exam.", None),
                (
                    "Complete a period of supervised advice until you are signed off as competent.",
                    None
                ),
                ("Register with the regulator through your firm.", None),
            ]
        )
    );
    assert!(
        a.learning_path
            .iter()
            .all(|s| !s.text.contains("advisers can"))
    );
}
