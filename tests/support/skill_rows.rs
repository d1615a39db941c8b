//! What the skills end-to-end tests compare: a skill citation as a row (name, topic, cited line,
//! passage range, section), in one order; and a career's skills as they read them.
#![allow(dead_code)]

use careerbot::answer::skills::{SkillCitation, SkillMention, SkillsAnswer, Topic};
use careerbot::engine::Engine;

/// (name, topic, cited line, passage start-end, section).
pub type Row = (String, Topic, u32, String, String);

/// `skill`'s citation `c` as a row.
pub fn row(skill: &SkillMention, c: &SkillCitation) -> Row {
    (
        skill.name.clone(),
        skill.topic,
        c.cite.line,
        format!("{}-{}", c.cite.start_line, c.cite.end_line),
        c.cite.section.clone(),
    )
}

/// `rows` sorted by line, then name.
pub fn sorted(mut rows: Vec<Row>) -> Vec<Row> {
    rows.sort_by(|a, b| (a.2, &a.0).cmp(&(b.2, &b.0)));
    rows
}

/// The rows a test wants, in the same order.
pub fn want(rows: &[(&str, Topic, u32, &str, &str)]) -> Vec<Row> {
    sorted(
        rows.iter()
            .map(|(n, t, l, r, s)| (n.to_string(), *t, *l, r.to_string(), s.to_string()))
            .collect(),
    )
}

/// `career`'s skills, every topic.
pub fn skills(engine: &Engine, career: &str) -> SkillsAnswer {
    engine
        .skills(Some(career), Topic::All, None)
        .unwrap()
        .answer
}

/// Every citation of every skill, as rows sorted by line, then name.
pub fn every_citation(a: &SkillsAnswer) -> Vec<Row> {
    sorted(
        a.skills
            .iter()
            .flat_map(|s| s.citations.iter().map(move |c| row(s, c)))
            .collect(),
    )
}
