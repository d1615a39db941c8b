//! End-to-end: the skills of guides written in the shapes a seventh outside probe found missed
//! (`tests/fixtures/skills_shapes8/`, see its ABOUT): a list under a long question heading that
//! asks which abilities are needed, a list after a lead-in ending with a verb of needing under a
//! heading naming no skills word, and items that go on past their name with a purpose, a clause
//! or an example. Each career's skills are exactly what a careful reader lists, each cited at the
//! line its words are on, in the passage (section and line range) it is in.

#[path = "support/more_careers.rs"]
mod more_careers;
#[path = "support/skill_rows.rs"]
mod skill_rows;

use std::path::{Path, PathBuf};

use careerbot::answer::skills::Topic;
use skill_rows::{every_citation as cited, skills, want};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/skills_shapes8")
}

use Topic::Technical as Tech;

/// Regression: "What abilities does a commercial beekeeper need to do well?" has ten words, more
/// than a heading listing skills had; a question asking which things are needed lists them
/// however long it is, and one asking whether ("Is it a good career for someone who …?") does
/// not.
#[test]
fn a_long_question_heading_asking_which_abilities_lists_them() {
    let work = tempfile::tempdir().unwrap();
    let engine = more_careers::engine_of(&fixtures(), work.path());
    let a = skills(&engine, "Beekeeper");
    let h = "What abilities does a commercial beekeeper need to do well?";
    assert_eq!(
        cited(&a),
        want(&[
            (
                "Hive inspection and disease recognition",
                Tech,
                13,
                "11-18",
                h
            ),
            ("Queen rearing", Tech, 14, "11-18", h),
            (
                "Heavy lifting in hot protective clothing",
                Tech,
                15,
                "11-18",
                h
            ),
            ("Calm handling of defensive colonies", Tech, 16, "11-18", h),
            ("Forklift operation at night", Tech, 17, "11-18", h),
            ("Honey extraction and food hygiene", Tech, 18, "11-18", h),
        ])
    );
}

/// Regression: "Site supervisors expect:" under "Are you cut out for it" was no lead-in to a
/// list of skills, and items going on past their name ("Steady nerves to work beside suspended
/// loads", "Radio procedures that keep …", "Familiarity with lifting gear such as …") were too
/// long for one and dropped.
#[test]
fn a_lead_in_ending_with_a_verb_of_needing_lists_skills_named_before_their_tails() {
    let work = tempfile::tempdir().unwrap();
    let engine = more_careers::engine_of(&fixtures(), work.path());
    let a = skills(&engine, "Crane Rigger");
    let h = "Are you cut out for it";
    assert_eq!(
        cited(&a),
        want(&[
            ("Load weight estimation", Tech, 10, "6-21", h),
            ("Knot tying and sling selection", Tech, 11, "6-21", h),
            ("Head for heights", Tech, 12, "6-21", h),
            ("Hand signalling to crane operators", Tech, 13, "6-21", h),
            ("Steady nerves", Tech, 14, "6-21", h),
            ("Radio procedures", Tech, 15, "6-21", h),
            ("Familiarity with lifting gear", Tech, 16, "6-21", h),
        ])
    );
    // "Where riggers work:" ends the list: its places are no skills.
    assert!(
        a.skills
            .iter()
            .all(|s| !s.name.contains("sites") && s.name != "Shipyards")
    );
}
