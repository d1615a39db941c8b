//! End-to-end: a career ladder a sixth outside probe found missed, built with the engine as
//! every face builds it, over `tests/fixtures/roadmap_shapes7/` (see its ABOUT): rungs each a
//! line in bold with its time after it, each described by the paragraph right under it. What a
//! careful reader lists: each rung with its stage, line and time, in the guide's order, and no
//! description taken for a rung.

#[path = "support/more_careers.rs"]
mod more_careers;
#[path = "support/roadmap_rungs.rs"]
mod roadmap_rungs;

use std::path::{Path, PathBuf};

use careerbot::answer::roadmap::{Stage, StageEvidence};
use more_careers::engine_of;
use roadmap_rungs::{line_starting, roadmap, rungs};

fn shapes() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roadmap_shapes7")
}

/// Regression (probe six): the splitter takes each bold rung line for a sub-heading, so the
/// ladder was cut into one passage per rung and no rung was read; read whole, each bold line is
/// a rung and the lines under it are its description, not rungs of their own.
#[test]
fn bold_rung_lines_each_described_under_it_are_a_ladder() {
    let work = tempfile::tempdir().unwrap();
    let engine = engine_of(&shapes(), work.path());
    let file = std::fs::read_to_string(shapes().join("brewer.md")).unwrap();
    let a = roadmap(&engine, "Brewer");
    let at = |start: &str| line_starting(&file, start);
    assert_eq!(
        rungs(&a),
        vec![
            (
                Stage::Junior,
                "Cellar hand".to_string(),
                at("**Cellar hand**"),
                Some((0.0, Some(2.0)))
            ),
            (
                Stage::Junior,
                "Assistant brewer".to_string(),
                at("**Assistant brewer**"),
                Some((1.0, Some(3.0)))
            ),
            (
                Stage::Mid,
                "Brewer".to_string(),
                at("**Brewer**"),
                Some((3.0, Some(5.0)))
            ),
            (
                Stage::Senior,
                "Senior brewer".to_string(),
                at("**Senior brewer**"),
                Some((5.0, Some(8.0)))
            ),
            (
                Stage::Lead,
                "Head brewer".to_string(),
                at("**Head brewer**"),
                Some((8.0, None))
            ),
        ],
        "{:#?}",
        a.stages
    );
    for c in a.stages.iter().flat_map(|s| &s.citations) {
        assert_eq!(c.evidence, StageEvidence::Ladder, "{c:?}");
        assert_eq!(c.cite.section, "Career ladder", "{c:?}");
        assert!(
            c.cite.start_line <= c.cite.line && c.cite.line <= c.cite.end_line,
            "{c:?}"
        );
    }
}
