//! Skills by topic: the named skills (languages, frameworks, databases, …) the guides mention,
//! ordered by how many guides name each, every mention cited to its exact source line; the
//! passages that cover the topic best; and, for a level, what the guides expect at that level.
//!
//! **Matching.** The lexicon is data (`assets/skills.toml`, see its header). Every surface form
//! and every guide line go through the one [`Analyzer`] that search uses, so spelling variants
//! the synonym table joins ("Node.js" / "NodeJS" / "Node", "Postgres" / "PostgreSQL") are one
//! skill, and a word inside another word never matches ("Java" in "JavaScript", "SQL" in
//! "NoSQL" / "MySQL": words are whole). At each position the longest form wins ("SQL Server"
//! over "SQL"; "Express.js" over the "js" of JavaScript) and consumes its terms; a multi-word form
//! never spans punctuation or a sentence end. Ambiguous words carry guards in the lexicon (case,
//! exact words, not sentence-initial, not before / near certain words, shared list heads); see
//! `TermMatcher`. A passage's heading line counts when the passage starts at it.
//!
//! **Counting.** A *mention* is one source line naming a skill (a line naming it twice is one
//! mention); a skill's *guides* are the distinct sources with a mention. Skills are ordered by
//! guides, then mentions, then name. A topic's best passages are scored by how many distinct
//! skills of the topic they name; ties go to the shorter passage.
//!
//! **Level expectations** are found by pattern, never by line number: a markdown table row whose
//! first cell is a level ("| Entry Level | Basic programming proficiency | … |"); a line labelled by
//! a level ("Junior back-end developer: Focus on learning …"); a clause whose subject is a level
//! followed by an expectation verb ("Junior developers are expected to …", "a senior developer
//! might …, while a junior developer might …" gives one expectation per clause); "… is expected
//! in mid-to-senior positions"; "advancement to senior roles often requires …".

mod extract;
mod gather;
mod items;
mod lexicon;
mod sections;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

pub use crate::answer::citation::Citation;
pub use crate::answer::level::Level;
pub use extract::{extract_expectations, extract_mentions};
pub use gather::{
    CareerSkills, GuideSkills, SkillsFacts, SkillsGathering, extract_guide, skills_answer,
};
pub use lexicon::{Lexicon, LexiconError, SkillHit, SkillInfo};
pub use sections::{Place, SectionSkill, SectionsError, SkillSections};

/// How many best passages an answer carries.
pub const BEST_PASSAGES: usize = 3;

/// A skills topic: the Discord command's choices (ids are the serde names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    /// Programming languages (and SQL).
    Languages,
    /// Back-end frameworks.
    Frameworks,
    /// Database systems.
    Databases,
    /// Cloud platforms, containers, CI/CD, DevOps.
    CloudDevops,
    /// API styles and formats.
    Apis,
    /// Security practices and standards.
    Security,
    /// Testing and debugging.
    Testing,
    /// Developer tools.
    Tools,
    /// Soft skills.
    SoftSkills,
    /// Technical skills: every finer technical topic above, and the skills a guide lists under
    /// a skills heading in its own words.
    Technical,
    /// Certifications, licenses and qualifications.
    Certifications,
    /// Every topic.
    All,
}

impl Topic {
    /// All topics, in display order (`All` last).
    pub const ALL: [Topic; 12] = [
        Topic::Technical,
        Topic::Languages,
        Topic::Frameworks,
        Topic::Databases,
        Topic::CloudDevops,
        Topic::Apis,
        Topic::Security,
        Topic::Testing,
        Topic::Tools,
        Topic::Certifications,
        Topic::SoftSkills,
        Topic::All,
    ];

    /// The id used in commands and JSON, e.g. `cloud_devops`.
    pub fn id(self) -> &'static str {
        match self {
            Topic::Languages => "languages",
            Topic::Frameworks => "frameworks",
            Topic::Databases => "databases",
            Topic::CloudDevops => "cloud_devops",
            Topic::Apis => "apis",
            Topic::Security => "security",
            Topic::Testing => "testing",
            Topic::Tools => "tools",
            Topic::SoftSkills => "soft_skills",
            Topic::Technical => "technical",
            Topic::Certifications => "certifications",
            Topic::All => "all",
        }
    }

    /// Human label, e.g. "Cloud & DevOps".
    pub fn label(self) -> &'static str {
        match self {
            Topic::Languages => "Languages",
            Topic::Frameworks => "Frameworks",
            Topic::Databases => "Databases",
            Topic::CloudDevops => "Cloud & DevOps",
            Topic::Apis => "APIs",
            Topic::Security => "Security",
            Topic::Testing => "Testing",
            Topic::Tools => "Tools",
            Topic::SoftSkills => "Soft skills",
            Topic::Technical => "Technical skills",
            Topic::Certifications => "Certifications & licenses",
            Topic::All => "All topics",
        }
    }

    /// Whether a skill of topic `skill` belongs to this topic (`All` holds every skill,
    /// `Technical` every finer technical topic).
    pub fn includes(self, skill: Topic) -> bool {
        self == Topic::All || self == skill || (self == Topic::Technical && skill.is_technical())
    }

    /// One of the finer technical topics (languages … testing).
    fn is_technical(self) -> bool {
        matches!(
            self,
            Topic::Languages
                | Topic::Frameworks
                | Topic::Databases
                | Topic::CloudDevops
                | Topic::Apis
                | Topic::Security
                | Topic::Testing
        )
    }
}

impl fmt::Display for Topic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A topic name that [`Topic::from_str`] does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown topic {0:?} (try technical, languages, frameworks, databases, cloud_devops, apis, security, testing, tools, certifications, soft_skills or all)"
)]
pub struct ParseTopicError(pub String);

impl FromStr for Topic {
    type Err = ParseTopicError;

    /// Accepts ids, labels and a few plain aliases ("Cloud & DevOps", "soft skills", "db").
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key = super::option_key(s);
        if let Some(t) = Topic::ALL.iter().find(|t| t.id() == key) {
            return Ok(*t);
        }
        let topic = match key.as_str() {
            "language" | "programming_languages" => Topic::Languages,
            "framework" => Topic::Frameworks,
            "database" | "db" | "dbs" => Topic::Databases,
            "cloud" | "devops" | "cloud_and_devops" | "cloud_devops_" => Topic::CloudDevops,
            "api" => Topic::Apis,
            "test" | "tests" => Topic::Testing,
            "tool" => Topic::Tools,
            "soft" | "softskills" | "soft_skill" => Topic::SoftSkills,
            "tech" | "technical_skills" | "hard_skills" => Topic::Technical,
            "certification"
            | "certs"
            | "licenses"
            | "license"
            | "licences"
            | "licence"
            | "certifications_licenses"
            | "certifications_and_licenses" => Topic::Certifications,
            "all_topics" | "any" | "everything" => Topic::All,
            _ => return Err(ParseTopicError(s.to_string())),
        };
        Ok(topic)
    }
}

/// One line of a guide naming a skill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillCitation {
    /// Where the mention is.
    #[serde(flatten)]
    pub cite: Citation,
    /// The words as written on the line.
    pub surface: String,
}

/// A skill of a passage, for [`extract_mentions`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassageMention {
    pub skill: String,
    pub topic: Topic,
    #[serde(flatten)]
    pub citation: SkillCitation,
}

/// A skill the guides name, with every line naming it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillMention {
    pub name: String,
    /// The career whose guides name it.
    pub career: String,
    pub topic: Topic,
    /// Distinct guides that name it.
    pub guides: u32,
    /// Distinct source lines that name it.
    pub mentions: u32,
    /// One per line, ordered by source then line.
    pub citations: Vec<SkillCitation>,
}

/// A passage that covers the topic well.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicPassage {
    /// The passage, at its first line naming a skill of the topic.
    #[serde(flatten)]
    pub cite: Citation,
    /// The topic's skills it names, in order.
    pub skills: Vec<String>,
    /// The whole passage.
    pub text: String,
}

/// How an expectation is presented in its guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExpectationForm {
    /// A table row labelled by the level.
    TableRow,
    /// A line labelled by the level ("Junior back-end developer: …").
    Labelled,
    /// A sentence or clause whose subject is the level.
    Sentence,
}

/// What a guide expects of developers at one level, verbatim from its line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelExpectation {
    /// The level it is about.
    pub level: Level,
    /// What is expected, verbatim.
    pub text: String,
    /// How the guide puts it.
    pub form: ExpectationForm,
    /// Where it is.
    #[serde(flatten)]
    pub cite: Citation,
}

/// The skills answer for a topic (and optionally a level).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillsAnswer {
    pub topic: Topic,
    /// The career asked for; `None`: every career, each skill saying which.
    pub career: Option<String>,
    pub level: Option<Level>,
    /// Skills of the topic named by the guides, by guides, then mentions, then name.
    pub skills: Vec<SkillMention>,
    /// The best passages for the topic (at most [`BEST_PASSAGES`]).
    pub passages: Vec<TopicPassage>,
    /// With a level: what the guides expect at it (every level for [`Level::Overall`]),
    /// ordered by level, source, line.
    pub expectations: Vec<LevelExpectation>,
}

impl SkillsAnswer {
    /// No skill of the topic was found.
    pub fn is_empty(&self) -> bool {
        self.skills.is_empty()
    }

    /// The careers of its skills, in order.
    pub fn careers(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for s in &self.skills {
            if !out.contains(&s.career.as_str()) {
                out.push(&s.career);
            }
        }
        out
    }

    /// One line for people: "Databases the guides name: MongoDB (5 guides), PostgreSQL (4 guides), …";
    /// with several careers, one sentence per career ("Electrician: …").
    pub fn summary(&self) -> String {
        if self.skills.is_empty() {
            return format!(
                "The guides name no skills under {}.",
                self.topic.label().to_lowercase()
            );
        }
        let careers = self.careers();
        if careers.len() > 1 {
            return careers
                .iter()
                .map(|c| format!("{c}: {}", self.summary_of(c)))
                .collect::<Vec<_>>()
                .join(" ");
        }
        self.summary_of(careers[0])
    }

    fn summary_of(&self, career: &str) -> String {
        let of: Vec<&SkillMention> = self.skills.iter().filter(|s| s.career == career).collect();
        let top: Vec<String> = of
            .iter()
            .take(8)
            .map(|s| {
                let plural = if s.guides == 1 { "" } else { "s" };
                format!("{} ({} guide{plural})", s.name, s.guides)
            })
            .collect();
        let more = of.len().saturating_sub(8);
        let tail = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        let what = match self.topic {
            Topic::All => "Skills".to_string(),
            t => t.label().to_string(),
        };
        format!(
            "{what} the guides name, most cited first: {}{tail}.",
            top.join(", ")
        )
    }
}
