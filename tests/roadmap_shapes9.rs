//! End-to-end: career ladders an eighth outside probe found missed, built with the engine as
//! every face builds it, over `tests/fixtures/roadmap_shapes9/` (see its ABOUT): a list of rungs
//! each opening with its time as a label in bold ("Years 0–2:", "12+ years:"). What a careful
//! reader lists: each rung with its line and time, in the guide's order.

#[path = "support/more_careers.rs"]
mod more_careers;
#[path = "support/roadmap_rungs.rs"]
mod roadmap_rungs;

use careerbot::answer::roadmap::{Stage, StageEvidence};
use careerbot::engine::Engine;
use roadmap_rungs::{line_starting, roadmap, rungs};

fn guide(name: &str) -> String {
    roadmap_rungs::fixture_guide("roadmap_shapes9", name)
}

fn engine() -> (tempfile::TempDir, Engine) {
    roadmap_rungs::fixture_engine("roadmap_shapes9")
}

/// Regression (probe eight): list items of a ladder opening with their time as a bold label
/// ("<li><strong>Years 0–2:</strong> Trainee signaller, …") were read whole, the label taken for
/// the role, and the list gave no rung; a label with its number first ("12+ years:") is a time
/// too.
#[test]
fn list_items_labelled_by_their_years_are_rungs() {
    let (_work, engine) = engine();
    let file = guide("rail-signaller.html");
    let a = roadmap(&engine, "Rail Signaller");
    let at = |start: &str| line_starting(&file, start);
    assert_eq!(
        rungs(&a),
        vec![
            (
                Stage::Junior,
                "Trainee signaller".to_string(),
                at("<li><strong>Years 0&ndash;2"),
                Some((0.0, Some(2.0)))
            ),
            (
                Stage::Mid,
                "Signaller".to_string(),
                at("<li><strong>Years 2&ndash;5"),
                Some((2.0, Some(5.0)))
            ),
            (
                Stage::Senior,
                "Senior signaller".to_string(),
                at("<li><strong>Years 5&ndash;9"),
                Some((5.0, Some(9.0)))
            ),
            (
                Stage::Lead,
                "Signalling manager".to_string(),
                at("<li><strong>12+ years"),
                Some((12.0, None))
            ),
        ],
        "{:#?}",
        a.stages
    );
    for c in a.stages.iter().flat_map(|s| &s.citations) {
        assert_eq!(c.evidence, StageEvidence::Ladder, "{c:?}");
        assert_eq!(c.cite.section, "Career progression", "{c:?}");
    }
}
