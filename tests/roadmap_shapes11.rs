//! End-to-end: learning paths under headings no cue names, which a tenth outside probe found
//! missed, built with the engine as every face builds it, over
//! `tests/fixtures/roadmap_shapes11/` (see its ABOUT): steps told as actions one after another
//! that name training (numbered items, paragraphs opening with an action in bold, Spanish
//! infinitives), and lists of actions of the work itself, which are no path.

#[path = "support/more_careers.rs"]
mod more_careers;
#[path = "support/roadmap_rungs.rs"]
mod roadmap_rungs;

use careerbot::engine::Engine;
use roadmap_rungs::{line_starting, path_steps, roadmap};

fn guide(name: &str) -> String {
    roadmap_rungs::fixture_guide("roadmap_shapes11", name)
}

fn engine() -> (tempfile::TempDir, Engine) {
    roadmap_rungs::fixture_engine("roadmap_shapes11")
}

/// Regression (probe ten: "How to train", "Getting qualified" and "Cómo llegar" over numbered
/// actions gave no path, and a list cut across two passages lost its last items). A numbered
/// list of actions that name qualifications is the path under any heading, read whole across
/// the section's passages; the numbered safety drill of the same guide is none of it.
#[test]
fn numbered_actions_naming_training_are_the_path_under_any_heading() {
    let (_work, engine) = engine();
    let file = guide("farrier-uk.md");
    let a = roadmap(&engine, "Farrier");
    let want: Vec<(u32, String)> = [
        ("1. Get four", "Get four"),
        ("2. Take a", "Take a"),
        ("3. Find an", "Find an"),
        ("4. Complete the", "Complete the"),
        ("5. Pass the", "Pass the"),
        ("6. Register with", "Register with"),
    ]
    .iter()
    .map(|(line, words)| (line_starting(&file, line), words.to_string()))
    .collect();
    assert_eq!(path_steps(&a, 2), want);
}

/// Regression (probe ten: a path told as paragraphs each opening with an action in bold, under
/// "How to actually get into it", gave no step).
#[test]
fn paragraphs_opening_with_actions_in_bold_are_the_path() {
    let (_work, engine) = engine();
    let file = guide("sign-language-interpreter.md");
    let a = roadmap(&engine, "Sign Language Interpreter");
    assert_eq!(
        path_steps(&a, 3),
        [
            (
                line_starting(&file, "**Start learning"),
                "Start learning the".into()
            ),
            (line_starting(&file, "**Take the"), "Take the level".into()),
            (
                line_starting(&file, "**Complete an"),
                "Complete an approved".into()
            ),
            (
                line_starting(&file, "**Register as"),
                "Register as a".into()
            ),
        ]
    );
}

/// Regression (probe ten: a Spanish guide's path of infinitives, "Terminar la secundaria",
/// "Obtener el título", under "Cómo llegar", gave no step). The infinitive opens a step as an
/// imperative does; the safety drill in infinitives names no training and is no path.
#[test]
fn spanish_infinitives_naming_training_are_the_path() {
    let (_work, engine) = engine();
    let file = guide("gasista-argentina.md");
    let a = roadmap(&engine, "Gasista Matriculado");
    let want: Vec<(u32, String)> = ["Terminar", "Cursar", "Trabajar", "Aprobar", "Renovar"]
        .iter()
        .enumerate()
        .map(|(i, verb)| {
            (
                line_starting(&file, &format!("{}. {verb}", i + 1)),
                verb.to_string(),
            )
        })
        .collect();
    assert_eq!(path_steps(&a, 1), want);
}
