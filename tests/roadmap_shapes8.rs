//! End-to-end: learning paths and career ladders a seventh outside probe found missed, built
//! with the engine as every face builds it, over `tests/fixtures/roadmap_shapes8/` (see its
//! ABOUT): an HTML ordered list of actions in bold under a heading with no path cue, plain-text
//! steps wrapped with a hanging indent, a timeline of "Years 0-2: Role. …" paragraphs, rungs
//! labelled "Tier 1 — Role. …", a Spanish head post named by its office, and a path of numbered
//! actions whose first item the splitter did not read as a heading. What a careful reader
//! lists: each step and each rung with its line and time, in the guide's order.

#[path = "support/more_careers.rs"]
mod more_careers;
#[path = "support/roadmap_rungs.rs"]
mod roadmap_rungs;

use careerbot::answer::roadmap::{Stage, StageEvidence};
use careerbot::engine::Engine;
use roadmap_rungs::{cites_none_of, line_starting, lines_where, path_steps, roadmap, rungs};

fn guide(name: &str) -> String {
    roadmap_rungs::fixture_guide("roadmap_shapes8", name)
}

fn engine() -> (tempfile::TempDir, Engine) {
    roadmap_rungs::fixture_engine("roadmap_shapes8")
}

/// Each wanted step as (the line starting with `start`, its first words).
fn want(file: &str, rows: &[(&str, &str)]) -> Vec<(u32, String)> {
    rows.iter()
        .map(|(start, text)| (line_starting(file, start), text.to_string()))
        .collect()
}

/// Regression (probe seven): an `<ol>` whose items each open with an action in bold ("1.
/// **Finish your degree.** …") under a heading naming no learning path gave no step; the list's
/// shape says it is the path.
#[test]
fn a_numbered_list_of_actions_in_bold_is_a_path_whatever_its_heading() {
    let (_work, engine) = engine();
    let file = guide("sign-language-interpreter.html");
    let a = roadmap(&engine, "Sign Language Interpreter");
    assert_eq!(
        path_steps(&a, 3),
        want(
            &file,
            &[
                ("<li><strong>Learn", "Learn the sign"),
                ("<li><strong>Complete", "Complete an interpreter"),
                ("<li><strong>Gain", "Gain supervised hours"),
                ("<li><strong>Pass", "Pass the national"),
                ("<li><strong>Register", "Register with two"),
            ]
        )
    );
    for s in &a.learning_path {
        assert_eq!(s.cite.section, "How to land an interpreting job", "{s:?}");
    }
}

/// Regression (probe seven): a "Step N." item wrapped with a hanging indent onto a capitalised
/// line after a comma, or a filled item line over a capitalised continuation, was read as a
/// heading, and the steps after it fell out of their section.
#[test]
fn steps_wrapped_with_a_hanging_indent_stay_in_their_section() {
    let (_work, engine) = engine();
    let file = guide("water-treatment-operator.txt");
    let a = roadmap(&engine, "Water Treatment Operator");
    assert_eq!(
        path_steps(&a, 3),
        want(
            &file,
            &[
                ("Step 1.", "Finish secondary school"),
                ("Step 2.", "Complete a one-year"),
                ("Step 3.", "Write the operator-in-training"),
                ("Step 4.", "Work under a"),
                ("Step 5.", "Sit the Class"),
            ]
        )
    );
    for s in &a.learning_path {
        assert_eq!(s.cite.section, "QUALIFYING AS AN OPERATOR", "{s:?}");
    }
    // The continuation lines are no steps.
    let continued = lines_where(&file, |l| l.starts_with("        "));
    assert!(!continued.is_empty());
    cites_none_of(&a, &continued);
}

/// Regression (probe seven): a timeline of paragraphs "Years 0-2: Trainee operator. Taking
/// samples …" gave no stage: each names its role before its first full stop, and its label
/// gives its time.
#[test]
fn a_timeline_labelled_by_years_is_a_ladder() {
    let (_work, engine) = engine();
    let file = guide("water-treatment-operator.txt");
    let a = roadmap(&engine, "Water Treatment Operator");
    let at = |start: &str| line_starting(&file, start);
    assert_eq!(
        rungs(&a),
        vec![
            (
                Stage::Junior,
                "Trainee operator".to_string(),
                at("Years 0-2:"),
                Some((0.0, Some(2.0)))
            ),
            (
                Stage::Mid,
                "Certified operator".to_string(),
                at("Years 2-5:"),
                Some((2.0, Some(5.0)))
            ),
            (
                Stage::Senior,
                "Senior operator".to_string(),
                at("Years 5-10:"),
                Some((5.0, Some(10.0)))
            ),
            (
                Stage::Lead,
                "Plant supervisor or chief operator".to_string(),
                at("Years 10-15:"),
                Some((10.0, Some(15.0)))
            ),
            (
                Stage::Lead,
                "Utilities manager".to_string(),
                at("Years 15+:"),
                Some((15.0, None))
            ),
        ],
        "{:#?}",
        a.stages
    );
    for c in a.stages.iter().flat_map(|s| &s.citations) {
        assert_eq!(c.evidence, StageEvidence::Ladder, "{c:?}");
        assert_eq!(c.cite.section, "CAREER TIMELINE", "{c:?}");
    }
}

/// Regression (probe seven): rungs labelled by a sequence word ("Tier 2 — Climber. Pruning and
/// removing …") were read whole as their role, too long to be one, and missed.
#[test]
fn rungs_labelled_by_a_sequence_word_name_their_role_before_the_first_stop() {
    let (_work, engine) = engine();
    let file = guide("arborist.md");
    let a = roadmap(&engine, "Arborist");
    let at = |start: &str| line_starting(&file, start);
    assert_eq!(
        rungs(&a),
        vec![
            (
                Stage::Junior,
                "Ground worker".to_string(),
                at("Tier 1 —"),
                None
            ),
            (
                Stage::Mid,
                "Climber".to_string(),
                at("Tier 2 —"),
                Some((1.0, Some(3.0)))
            ),
            (
                Stage::Mid,
                "Crew leader".to_string(),
                at("Tier 3 —"),
                Some((3.0, Some(6.0)))
            ),
            (
                Stage::Senior,
                "Consulting arborist or tree inspector".to_string(),
                at("Tier 4 —"),
                Some((6.0, Some(10.0)))
            ),
            (
                Stage::Lead,
                "Operations manager".to_string(),
                at("Tier 5 —"),
                Some((10.0, None))
            ),
        ],
        "{:#?}",
        a.stages
    );
}

/// Regression (probe seven): a ladder of headings whose top rung is a head post named by its
/// office ("Dirección de …") lost that rung; the heading after the ladder ("Trabajar en el
/// extranjero") is no rung.
#[test]
fn a_head_post_named_by_its_office_tops_a_ladder_of_headings() {
    let (_work, engine) = engine();
    let file = guide("trabajador-social.md");
    let a = roadmap(&engine, "Trabajador Social");
    let got = rungs(&a);
    let roles: Vec<&str> = got.iter().map(|r| r.1.as_str()).collect();
    assert_eq!(
        roles,
        vec![
            "Trabajador/a social en prácticas",
            "Trabajador/a social de base",
            "Supervisor/a de equipo",
            "Dirección de servicios sociales",
        ],
        "{got:#?}"
    );
    let top = got.last().unwrap();
    assert_eq!(
        (top.0, top.2, top.3),
        (Stage::Lead, line_starting(&file, "### Dirección"), None)
    );
}

/// Regression (probe seven): numbered actions in bold over their bullets, items 2–5 read as
/// sub-headings by the splitter and item 1 not (it follows a lead-in line), lost item 1; its
/// bullets are its details, no steps.
#[test]
fn the_first_of_numbered_actions_read_as_headings_is_a_step() {
    let (_work, engine) = engine();
    let file = guide("park-ranger.md");
    let a = roadmap(&engine, "Park Ranger");
    assert_eq!(
        path_steps(&a, 3),
        want(
            &file,
            &[
                ("1. **Join", "Join a conservation"),
                ("2. **Earn", "Earn a degree"),
                ("3. **Work", "Work a seasonal"),
                ("4. **Take", "Take the law"),
                ("5. **Apply", "Apply for permanent"),
            ]
        )
    );
    cites_none_of(
        &a,
        &lines_where(&file, |l| l.trim_start().starts_with("- ")),
    );
}
