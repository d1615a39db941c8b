//! End-to-end: questions about the careers of `tests/fixtures/more_careers/` (a nurse, a UX
//! designer, a dental hygienist), asked as members ask them, in English and Spanish, against an
//! engine built as every face builds it. The passages answering them are found, and a question
//! about a skill none of the career's guides mentions gets an honest verdict naming it.

#[path = "support/more_careers.rs"]
mod more_careers;

use careerbot::engine::{Engine, Reason};
use more_careers::engine;

/// The sections of the first `n` passages `question` gets, over every career.
fn top_sections(engine: &Engine, question: &str, n: usize) -> Vec<String> {
    let asked = engine.ask(question, engine.page(0)).unwrap();
    asked
        .results
        .hits
        .iter()
        .take(n)
        .map(|h| h.passage.section.clone())
        .collect()
}

#[test]
fn spanish_questions_about_english_guides_of_other_careers_find_their_passages() {
    let work = tempfile::tempdir().unwrap();
    let engine = engine(work.path());
    for (question, section) in [
        (
            "¿cuánto cobran las enfermeras por turno de noche?",
            "How much do registered nurses make?",
        ),
        ("¿es estresante la enfermería?", "Is nursing stressful?"),
    ] {
        let top = top_sections(&engine, question, 3);
        assert!(
            top.iter().any(|s| s == section),
            "{question}: {top:?} lacks {section:?}"
        );
    }
}

#[test]
fn a_skill_the_careers_guides_never_mention_is_named_in_the_verdict() {
    let work = tempfile::tempdir().unwrap();
    let engine = engine(work.path());
    for question in [
        "do nurses need to know Python?",
        "¿los enfermeros necesitan saber Python?",
    ] {
        let asked = engine.ask(question, engine.page(0)).unwrap();
        assert!(!asked.verdict.confident, "{question}");
        assert_eq!(
            asked.verdict.reason,
            Some(Reason::Unmentioned {
                career: "Registered Nurse".into(),
                missing: vec!["Python".into()],
            }),
            "{question}"
        );
        assert!(!asked.results.hits.is_empty(), "the closest passages stay");
    }
    // A tool the nurse guide does name is no such question.
    let asked = engine
        .ask("do nurses need to know Epic?", engine.page(0))
        .unwrap();
    assert!(
        !matches!(asked.verdict.reason, Some(Reason::Unmentioned { .. })),
        "{:?}",
        asked.verdict
    );
}
