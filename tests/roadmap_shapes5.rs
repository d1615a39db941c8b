//! End-to-end: career ladders an outside probe found missed, built with the engine as every face
//! builds it, over `tests/fixtures/roadmap_shapes5/` (see its ABOUT): a ladder told in one
//! paragraph under a plain-text heading in capitals ending in a colon (a plumber); a table whose
//! years come first as bare numbers (an insurance broker); more rungs than the four stages (a
//! wind turbine technician, a Spanish carpenter); an arrow chain whose times are told in the
//! sentences after it (a veterinary nurse); a pay table by years beside a career-progression
//! table (a copywriter). What a careful reader lists: each rung with its stage, line and time, in
//! the guide's order, cited to its section and passage.

#[path = "support/more_careers.rs"]
mod more_careers;
#[path = "support/roadmap_rungs.rs"]
mod roadmap_rungs;

use std::path::{Path, PathBuf};

use careerbot::answer::roadmap::{DurationKind, Focus, RoadmapAnswer, Stage, StageEvidence};
use careerbot::engine::Engine;
use careerbot::i18n::Locale;
use more_careers::engine_of;
use roadmap_rungs::{Rung, Span, line_starting, line_where, roadmap, rungs};

fn shapes() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roadmap_shapes5")
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

/// Every stage citation is a rung of the ladder, under `section`, cited to a passage holding its
/// line, its text never a raw table row.
fn all_rungs_under(a: &RoadmapAnswer, section: &str) {
    for c in a.stages.iter().flat_map(|s| &s.citations) {
        assert_eq!(c.evidence, StageEvidence::Ladder, "{c:?}");
        assert_eq!(c.cite.section, section, "{c:?}");
        assert!(
            c.cite.start_line <= c.cite.line && c.cite.line <= c.cite.end_line,
            "{c:?}"
        );
        assert!(!c.text.contains('|'), "a raw row: {c:?}");
    }
}

/// The stages' labels, in order.
fn labels(a: &RoadmapAnswer) -> Vec<&str> {
    a.stages.iter().map(|s| s.label.as_str()).collect()
}

fn engine() -> (tempfile::TempDir, Engine) {
    let work = tempfile::tempdir().unwrap();
    let engine = engine_of(&shapes(), work.path());
    (work, engine)
}

/// Shape 1: a ladder told in one paragraph of a plain-text guide, under "CAREER PROGRESSION:" (a
/// heading in capitals whose colon kept it from being read as one): every rung with its time,
/// "for a year or two" and a lone "journeyman" included, none a time to qualify.
#[test]
fn a_prose_ladder_under_a_capitals_heading_with_a_colon() {
    let (_work, engine) = engine();
    let file = guide("plumber-career-guide.txt");
    let a = roadmap(&engine, "Plumber");
    assert_eq!(
        rungs(&a),
        want(
            &file,
            &[
                (
                    Stage::Junior,
                    "apprentice",
                    "You start as an apprentice",
                    Some((4.0, Some(4.0)))
                ),
                (
                    Stage::Mid,
                    "improver",
                    "work as an improver",
                    Some((1.0, Some(2.0)))
                ),
                (
                    Stage::Senior,
                    "journeyman",
                    "most become a journeyman",
                    Some((3.0, Some(5.0)))
                ),
                (
                    Stage::Lead,
                    "master plumber",
                    "become a master plumber",
                    Some((8.0, Some(10.0)))
                ),
            ]
        ),
        "{:#?}",
        a.stages
    );
    all_rungs_under(&a, "CAREER PROGRESSION");
    assert_eq!(
        labels(&a),
        ["Apprentice", "Improver", "Journeyman", "Master plumber"]
    );
    for c in a.stages.iter().flat_map(|s| &s.citations) {
        let d = c.duration.as_ref().unwrap();
        assert_ne!(d.kind, DurationKind::ToQualify, "{c:?}");
    }
    let improver = &a.stages[1].citations[0];
    assert_eq!(improver.duration.as_ref().unwrap().raw, "a year or two");
}

/// Shape 2: a Markdown table `| Years | Role | What changes |`: each row is a rung with its
/// years (bare numbers under the "Years" header), its text the "What changes" cell; the text
/// output shows no raw row.
#[test]
fn a_table_with_its_years_first_gives_every_row_as_a_rung() {
    let (work, engine) = engine();
    let file = guide("insurance-broker-guide.md");
    let a = roadmap(&engine, "Insurance Broker");
    let row = |role: &str| format!("| {role} |");
    let rows: Vec<(Stage, &str, Span)> = vec![
        (Stage::Junior, "Account assistant", (0.0, Some(1.0))),
        (Stage::Junior, "Account handler", (1.0, Some(3.0))),
        (Stage::Mid, "Account executive", (3.0, Some(6.0))),
        (Stage::Senior, "Senior account executive", (6.0, Some(10.0))),
        (Stage::Lead, "Broking director", (10.0, None)),
    ];
    let want: Vec<Rung> = rows
        .iter()
        .map(|(s, role, span)| {
            (
                *s,
                role.to_string(),
                line_with(&file, &row(role)),
                Some(*span),
            )
        })
        .collect();
    assert_eq!(rungs(&a), want, "{:#?}", a.stages);
    all_rungs_under(&a, "Career path in broking");
    let texts: Vec<&str> = a
        .stages
        .iter()
        .flat_map(|s| &s.citations)
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(
        texts[0],
        "Prepare renewals and quotes for an account handler"
    );
    assert_eq!(texts[4], "Run a team or an office and its results");
    for c in a.stages.iter().flat_map(|s| &s.citations) {
        assert_eq!(
            c.duration.as_ref().unwrap().kind,
            DurationKind::ExperienceRequired
        );
    }
    // The two rungs sharing the junior stage are both named.
    assert_eq!(a.stages[0].label, "Account assistant → Account handler");
    assert_eq!(a.stages[0].rungs, ["Account assistant", "Account handler"]);

    // `careerbot roadmap`'s text: every rung, none as a raw row.
    let text = cli(work.path(), &["roadmap", "--career", "Insurance Broker"]);
    assert!(!text.contains("| 0–1 |"), "{text}");
    assert!(
        text.contains("[0–12 months of experience] Account assistant: Prepare renewals"),
        "{text}"
    );
    assert!(
        text.contains("[10+ years of experience] Run a team or an office and its results"),
        "{text}"
    );
}

/// Shape 3: more rungs than stages. Each rung keeps its own label, time and citation, in the
/// guide's order: the specialist after the lead rung is not put before it, and a stage two
/// rungs share names both and lists them; the JSON gains `rungs`, the Discord stage field says
/// whose time each is and stays within Discord's limits.
#[test]
fn more_rungs_than_stages_keep_their_order_and_their_names() {
    let (work, engine) = engine();
    let file = guide("wind-turbine-technician.md");
    let a = roadmap(&engine, "Wind Turbine Technician");
    assert_eq!(
        rungs(&a),
        want(
            &file,
            &[
                (
                    Stage::Junior,
                    "Trainee technician",
                    "**Trainee technician",
                    Some((0.0, Some(1.0)))
                ),
                (
                    Stage::Mid,
                    "Wind turbine technician",
                    "**Wind turbine technician",
                    Some((1.0, Some(3.0)))
                ),
                (
                    Stage::Senior,
                    "Senior technician",
                    "**Senior technician",
                    Some((3.0, Some(6.0)))
                ),
                (
                    Stage::Lead,
                    "Lead technician",
                    "**Lead technician",
                    Some((6.0, None))
                ),
                (
                    Stage::Lead,
                    "Blade repair specialist",
                    "**Blade repair specialist",
                    Some((8.0, None))
                ),
            ]
        ),
        "{:#?}",
        a.stages
    );
    all_rungs_under(&a, "Career ladder");
    assert_eq!(
        labels(&a),
        [
            "Trainee technician",
            "Wind turbine technician",
            "Senior technician",
            "Lead technician → Blade repair specialist"
        ]
    );
    assert_eq!(
        a.stages[3].rungs,
        ["Lead technician", "Blade repair specialist"]
    );
    assert!(a.stages[..3].iter().all(|s| s.rungs.is_empty()));

    // The Spanish carpenter's grades: "Oficial de tercera" and "Oficial de segunda" share the
    // mid stage (the level words read both grades as mid, as the pay rows do), each under its
    // own name.
    let file = guide("carpintero-guia.md");
    let a = roadmap(&engine, "Carpintero");
    let bold = |role: &str| format!("**{role} (");
    let rows: Vec<(Stage, &str, Span)> = vec![
        (Stage::Junior, "Ayudante de carpintero", (0.5, Some(1.0))),
        (Stage::Mid, "Oficial de tercera", (1.0, Some(2.0))),
        (Stage::Mid, "Oficial de segunda", (2.0, Some(4.0))),
        (Stage::Senior, "Oficial de primera", (5.0, Some(5.0))),
        (Stage::Lead, "Encargado de taller", (10.0, Some(10.0))),
    ];
    let want: Vec<Rung> = rows
        .iter()
        .map(|(s, role, span)| {
            (
                *s,
                role.to_string(),
                line_with(&file, &bold(role)),
                Some(*span),
            )
        })
        .collect();
    assert_eq!(rungs(&a), want, "{:#?}", a.stages);
    all_rungs_under(&a, "Categorías profesionales");
    assert_eq!(a.stages[1].label, "Oficial de tercera → Oficial de segunda");

    // The JSON adds `rungs` where rungs share a stage, and nothing elsewhere.
    let json = serde_json::to_value(&a).unwrap();
    assert_eq!(
        json["stages"][1]["rungs"],
        serde_json::json!(["Oficial de tercera", "Oficial de segunda"])
    );
    assert!(json["stages"][0].get("rungs").is_none());
    assert!(json["stages"][2].get("rungs").is_none());

    // Discord: the stage's field is named by both rungs and says whose time each is.
    let answered = engine
        .roadmap(Some("Carpintero"), None, Focus::CareerProgression)
        .unwrap();
    let reply = careerbot::discord::render::roadmap::part_reply(
        &answered.answer,
        Focus::CareerProgression,
        answered.generation.meta(),
        Locale::Es,
    );
    let fields = &reply.embeds[0].fields;
    let mid = fields
        .iter()
        .find(|f| {
            f.name
                .starts_with("Oficial de tercera → Oficial de segunda")
        })
        .unwrap_or_else(|| panic!("{fields:#?}"));
    assert!(
        mid.value.contains("⏱ Oficial de tercera: 1–2 años")
            && mid.value.contains("⏱ Oficial de segunda: 2–4 años"),
        "{}",
        mid.value
    );
    for f in fields {
        assert!(f.name.chars().count() <= 256 && f.value.chars().count() <= 1024);
    }
    drop(work);
}

/// Shape 4: an arrow chain whose times are told in the sentences after it: a sentence naming a
/// rung and a time gives it that time (the clause's, when it names two), and the rung is cited
/// to that sentence.
#[test]
fn times_told_after_an_arrow_chain_are_its_rungs() {
    let (_work, engine) = engine();
    let file = guide("veterinary-nurse-guide.md");
    let a = roadmap(&engine, "Veterinary Nurse");
    let ladder: Vec<Rung> = rungs(&a).into_iter().filter(|r| !r.1.is_empty()).collect();
    assert_eq!(
        ladder,
        want(
            &file,
            &[
                (
                    Stage::Junior,
                    "Student veterinary nurse",
                    "A student veterinary nurse qualifies",
                    Some((2.0, Some(3.0)))
                ),
                (
                    Stage::Mid,
                    "Registered veterinary nurse",
                    "registered veterinary nurses spend",
                    Some((2.0, Some(4.0)))
                ),
                (
                    Stage::Senior,
                    "Senior veterinary nurse",
                    "become a senior veterinary nurse",
                    Some((5.0, Some(8.0)))
                ),
                (
                    Stage::Lead,
                    "Head nurse",
                    "Head nurse posts",
                    Some((8.0, Some(12.0)))
                ),
                (
                    Stage::Lead,
                    "Practice manager",
                    "and a practice manager",
                    Some((12.0, None))
                ),
            ]
        ),
        "{:#?}",
        a.stages
    );
    let chain = line_starting(&file, "Student veterinary nurse →");
    for c in a.stages.iter().flat_map(|s| &s.citations) {
        if c.evidence == StageEvidence::Ladder {
            assert_eq!(c.cite.section, "Career progression");
            assert!(c.cite.line > chain, "{c:?}");
            assert!(c.cite.start_line <= chain && c.cite.line <= c.cite.end_line);
            // The sentence, which names the rung and its time.
            let d = c.duration.as_ref().unwrap();
            assert!(c.text.contains(&d.raw), "{c:?}");
            assert!(
                c.text.to_lowercase().contains(&c.roles[0].to_lowercase()),
                "{c:?}"
            );
        }
    }
    assert_eq!(a.stages[3].label, "Head nurse → Practice manager");
}

/// Shape 5: a guide with a pay table by years of experience and a "Career progression" table:
/// the progression's table is the ladder, its top rungs kept, with their years.
#[test]
fn the_progression_table_wins_over_the_pay_table() {
    let (_work, engine) = engine();
    let file = guide("copywriter-guide.md");
    let a = roadmap(&engine, "Copywriter");
    let heading = line_starting(&file, "## Career progression");
    let rows: Vec<(Stage, &str, Span)> = vec![
        (Stage::Junior, "Junior copywriter", (0.0, Some(2.0))),
        (Stage::Mid, "Copywriter", (2.0, Some(5.0))),
        (Stage::Senior, "Senior copywriter", (5.0, Some(8.0))),
        (
            Stage::Senior,
            "Associate creative director",
            (8.0, Some(12.0)),
        ),
        (Stage::Lead, "Creative director", (12.0, None)),
    ];
    let want: Vec<Rung> = rows
        .iter()
        .map(|(s, role, span)| {
            let line = line_where(&file, role, |l| {
                l.starts_with(&format!("| {role} |")) && !l.contains('$')
            });
            (*s, role.to_string(), line, Some(*span))
        })
        .collect();
    assert_eq!(rungs(&a), want, "{:#?}", a.stages);
    all_rungs_under(&a, "Career progression");
    for c in a.stages.iter().flat_map(|s| &s.citations) {
        assert!(c.cite.line > heading, "a pay row: {c:?}");
        assert!(!c.text.contains('$'), "{c:?}");
    }
    assert_eq!(
        labels(&a),
        [
            "Junior copywriter",
            "Copywriter",
            "Senior copywriter → Associate creative director",
            "Creative director"
        ]
    );
}

/// `careerbot` with the library of the fixture guides copied into `work/seeds` (by the engine
/// built there), nothing from the caller's environment.
fn cli(work: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_careerbot"))
        .args(args)
        .current_dir(work)
        .env_remove("CAREERBOT_CONFIG")
        .env_remove("RUST_LOG")
        .env("NO_COLOR", "1")
        .env("CAREERBOT_SEEDS_DIR", work.join("seeds"))
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
