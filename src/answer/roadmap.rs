//! The career roadmap the guides describe: career stages (junior → mid → senior → lead) with
//! durations where a guide gives them, lateral moves, the step-by-step learning path, what
//! interviews include, and what a portfolio and resume should show — every item cited to its
//! exact source line and passage.
//!
//! Everything is found by pattern over passages, never by line number:
//!
//! - **Stages.** (a) In a passage about career progression, a line labelled by a role
//!   ("Junior back-end developer: Focus on learning …"): the stage comes from the label, the
//!   description is the rest of the line, and a duration in it is parsed. (b) A list under a
//!   "Career Progression" / "career paths, including:" line: each item naming a level or a
//!   leadership role is a stage ("Software Architect" → lead). (c) A sentence with a progression
//!   cue ("progress from", "advance into", "roles such as", "titles might include", "expand
//!   into") cites every role it names ("Junior Backend Developer", "senior positions",
//!   "engineering management"). (d) A job-title table with an experience-level column.
//!   (e) "It typically takes 1-2 years to qualify" cites the time to reach the junior stage.
//!   A role's stage: lead words (lead, principal, staff, architect, manager, director, chief,
//!   CTO, leadership, engineering management) win over senior, then mid, then junior/entry.
//! - **Durations** ([`parse_durations`]): "1 to 2 years", "2-4 years", "over five years",
//!   "5+ years", "at least 3 years", "up to 2 years", "6 months" → `min_years`, `max_years`,
//!   `open_ended`; the sentence says what the time is ([`DurationKind`]).
//! - **Lateral moves**: tracks (DevOps, data engineering, full-stack, cloud, machine learning, …;
//!   a small lexicon matched with the same analyzer as the skills) named in a sentence with a
//!   lateral cue ("lateral", "pivot", "transition into", "specializing in", "career paths") or
//!   listed under a career-paths line.
//! - **Learning path**: items listed under a learning-path line or heading ("Step-by-Step Learning
//!   Path", "consider the following steps:", "How to Become …"), and imperative sentences in such a
//!   section ("Start by mastering one backend language …") are steps; bullets and imperative
//!   sentences in a tips section ("What tips do you need …", "How can you advance …") are tips.
//!   Sentences selling a course or programme are not steps.
//! - **Interviews**: items listed under "interviews usually include:", sentences naming an
//!   interview round with what it assesses ("Coding assessments test …"), sentences on what
//!   interviews evaluate (labelled by the skill when the guide says "this skill"), failure
//!   patterns, and imperative advice after an interview list.
//! - **Portfolio**: items under "Portfolio Should Include:" / "Example projects:", sentences about
//!   the portfolio or resume (every sentence of a section about the resume), and sentences about
//!   showcasing projects.

use super::re;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use once_cell::sync::Lazy;
use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::analysis::Analyzer;
use crate::answer::matcher::{FormSpec, TermMatcher};
use crate::answer::salary::Level;
use crate::answer::text::{PassageLine, passage_lines, sentences, strip_marker};
use crate::corpus::Passage;

// ---------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------

/// A career stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// Junior / entry level.
    Junior,
    /// Mid-level.
    Mid,
    /// Senior.
    Senior,
    /// Lead, principal, architect, engineering manager, CTO.
    Lead,
}

impl Stage {
    /// All stages in career order.
    pub const ALL: [Stage; 4] = [Stage::Junior, Stage::Mid, Stage::Senior, Stage::Lead];

    /// The id used in commands and JSON.
    pub fn id(self) -> &'static str {
        match self {
            Stage::Junior => "junior",
            Stage::Mid => "mid",
            Stage::Senior => "senior",
            Stage::Lead => "lead",
        }
    }

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Junior => "Junior",
            Stage::Mid => "Mid-level",
            Stage::Senior => "Senior",
            Stage::Lead => "Lead / architect / manager",
        }
    }

    /// The matching salary level.
    pub fn level(self) -> Level {
        match self {
            Stage::Junior => Level::Entry,
            Stage::Mid => Level::Mid,
            Stage::Senior => Level::Senior,
            Stage::Lead => Level::Lead,
        }
    }

    /// The stage of a level (`Overall` has none).
    pub fn from_level(level: Level) -> Option<Stage> {
        match level {
            Level::Entry => Some(Stage::Junior),
            Level::Mid => Some(Stage::Mid),
            Level::Senior => Some(Stage::Senior),
            Level::Lead => Some(Stage::Lead),
            Level::Overall => None,
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A stage name that [`Stage::from_str`] does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown stage {0:?} (try junior, mid, senior or lead)")]
pub struct ParseStageError(pub String);

impl FromStr for Stage {
    type Err = ParseStageError;

    /// Accepts stage ids and the words guides use ("entry-level", "intermediate", "principal",
    /// "architect", "engineering manager", "cto").
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm = s.trim().to_lowercase().replace(['-', '_', '.'], " ");
        let key = norm.split_whitespace().collect::<Vec<_>>().join(" ");
        let stage = match key.as_str() {
            "manager"
            | "engineering manager"
            | "cto"
            | "architect"
            | "tech lead"
            | "team lead"
            | "director" => Stage::Lead,
            _ => match key.parse::<Level>().ok().and_then(Stage::from_level) {
                Some(stage) => stage,
                None => return Err(ParseStageError(s.to_string())),
            },
        };
        Ok(stage)
    }
}

/// Which part of the roadmap to answer.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Focus {
    /// Everything.
    #[default]
    All,
    /// The step-by-step learning path and tips.
    LearningPath,
    /// Career stages, durations and lateral moves.
    CareerProgression,
    /// What interviews include.
    Interviews,
    /// Portfolio and resume.
    Portfolio,
}

impl Focus {
    /// All focuses (`All` first).
    pub const ALL: [Focus; 5] = [
        Focus::All,
        Focus::LearningPath,
        Focus::CareerProgression,
        Focus::Interviews,
        Focus::Portfolio,
    ];

    /// The id used in commands and JSON.
    pub fn id(self) -> &'static str {
        match self {
            Focus::All => "all",
            Focus::LearningPath => "learning_path",
            Focus::CareerProgression => "career_progression",
            Focus::Interviews => "interviews",
            Focus::Portfolio => "portfolio",
        }
    }

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Focus::All => "Full roadmap",
            Focus::LearningPath => "Learning path",
            Focus::CareerProgression => "Career progression",
            Focus::Interviews => "Interviews",
            Focus::Portfolio => "Portfolio & resume",
        }
    }

    /// Whether this focus covers `part`.
    pub fn includes(self, part: Focus) -> bool {
        self == Focus::All || self == part
    }
}

impl fmt::Display for Focus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A focus name that [`Focus::from_str`] does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown focus {0:?} (try learning_path, career_progression, interviews, portfolio or all)"
)]
pub struct ParseFocusError(pub String);

impl FromStr for Focus {
    type Err = ParseFocusError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key = super::option_key(s);
        let focus = match key.as_str() {
            "all" | "everything" | "full" | "roadmap" => Focus::All,
            "learning_path" | "learning" | "path" | "steps" | "learn" => Focus::LearningPath,
            "career_progression" | "career" | "progression" | "stages" | "career_path" => {
                Focus::CareerProgression
            }
            "interviews" | "interview" => Focus::Interviews,
            "portfolio" | "resume" | "projects" | "cv" => Focus::Portfolio,
            _ => return Err(ParseFocusError(s.to_string())),
        };
        Ok(focus)
    }
}

// ---------------------------------------------------------------------------
// Answer types
// ---------------------------------------------------------------------------

/// Where an item comes from: guide, passage and exact line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Citation {
    /// Guide file name (the source id).
    pub source: String,
    pub title: String,
    pub section: String,
    /// Exact 1-based source line of the item.
    pub line: u32,
    /// The passage's line range.
    pub start_line: u32,
    pub end_line: u32,
}

impl Citation {
    fn at(p: &Passage, line: u32) -> Citation {
        Citation {
            source: p.source.clone(),
            title: p.title.clone(),
            section: p.section.clone(),
            line,
            start_line: p.start_line,
            end_line: p.end_line,
        }
    }
}

/// What a stated time span measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DurationKind {
    /// Time spent in the stage ("This phase generally lasts around 1 to 2 years").
    InStage,
    /// Experience the stage requires ("requires over five years of experience").
    ExperienceRequired,
    /// Time to qualify for a first role ("It typically takes 1-2 years to qualify").
    ToQualify,
    /// Not said.
    Unspecified,
}

/// A time span as data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Duration {
    /// Lower end in years (months / 12).
    pub min_years: f64,
    /// Upper end in years; `None` when open-ended.
    pub max_years: Option<f64>,
    /// "over five years", "5+ years", "at least 3 years".
    pub open_ended: bool,
    pub kind: DurationKind,
    /// The exact text on the line, e.g. "1 to 2 years".
    pub raw: String,
}

impl Duration {
    /// "1–2 years", "5+ years", "6 months".
    pub fn label(&self) -> String {
        fn num(v: f64) -> String {
            let s = format!("{v:.2}");
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        }
        let months = self.max_years.unwrap_or(self.min_years) < 1.0 && self.min_years < 1.0;
        let (scale, unit) = if months {
            (12.0, "months")
        } else {
            (1.0, "years")
        };
        let lo = num(self.min_years * scale);
        let unit = if !months && self.max_years == Some(1.0) && self.min_years == 1.0 {
            "year"
        } else {
            unit
        };
        match self.max_years {
            None => format!("{lo}+ {unit}"),
            Some(hi) if hi == self.min_years => format!("{lo} {unit}"),
            Some(hi) => format!("{lo}–{} {unit}", num(hi * scale)),
        }
    }
}

/// How a guide presents a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StageEvidence {
    /// A line labelled by the role, describing it ("Junior back-end developer: Focus on …").
    Described,
    /// A role named in a career path (a list or a sentence).
    Path,
    /// A row of a job-title table with an experience level.
    JobTitle,
    /// The time it takes to qualify for a first (junior) role.
    TimeToQualify,
}

/// One guide line about a stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageCitation {
    pub stage: Stage,
    pub evidence: StageEvidence,
    /// Role names as written on the line ("Junior back-end developer", "Tech Lead").
    pub roles: Vec<String>,
    /// Verbatim text from the line: the description, sentence, list item or table row.
    pub text: String,
    /// A time span the text gives, parsed.
    pub duration: Option<Duration>,
    #[serde(flatten)]
    pub cite: Citation,
}

/// A career stage with every guide line about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CareerStage {
    pub stage: Stage,
    pub label: String,
    /// Distinct guides citing it.
    pub guides: u32,
    /// Ordered by source, then line.
    pub citations: Vec<StageCitation>,
}

impl CareerStage {
    /// The citations that give a duration.
    pub fn durations(&self) -> impl Iterator<Item = (&StageCitation, &Duration)> {
        self.citations
            .iter()
            .filter_map(|c| c.duration.as_ref().map(|d| (c, d)))
    }
}

/// One guide line naming a lateral move.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackCitation {
    /// The track's words as written ("data engineering", "Cloud Engineer").
    pub surface: String,
    /// The sentence or list item, verbatim.
    pub text: String,
    #[serde(flatten)]
    pub cite: Citation,
}

/// A lateral move or specialisation the guides mention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LateralMove {
    pub track: String,
    pub guides: u32,
    pub citations: Vec<TrackCitation>,
}

/// A track named in a passage, for [`extract_lateral_moves`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackMention {
    pub track: String,
    #[serde(flatten)]
    pub citation: TrackCitation,
}

/// Whether a learning-path item is an ordered step or a tip.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    Step,
    Tip,
}

/// One step (or tip) of a learning path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathStep {
    /// 1-based position in its list.
    pub order: u32,
    pub kind: StepKind,
    /// Verbatim text (list marker and number removed).
    pub text: String,
    /// The line or heading that introduces the list.
    pub list: String,
    #[serde(flatten)]
    pub cite: Citation,
}

/// What an interview or portfolio item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// A part of the interview process, listed ("Coding tests").
    InterviewFormat,
    /// A round and what it assesses ("Coding assessments test problem-solving …").
    InterviewRound,
    /// What interviews evaluate (labelled by the skill when the guide says "this skill").
    InterviewEvaluation,
    /// Common failure patterns.
    InterviewPitfall,
    /// Advice on preparing.
    InterviewAdvice,
    /// What a portfolio should include.
    PortfolioInclude,
    /// An example project.
    ExampleProject,
    /// A sentence about the portfolio or showcasing projects.
    PortfolioAdvice,
    /// Resume advice.
    ResumeTip,
}

/// One cited interview or portfolio item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoadmapItem {
    pub kind: ItemKind,
    /// The round ("phone screens") or skill ("Database Design") the item is about.
    pub label: Option<String>,
    /// Verbatim text from the line.
    pub text: String,
    #[serde(flatten)]
    pub cite: Citation,
}

/// The roadmap answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoadmapAnswer {
    pub stage: Option<Stage>,
    pub focus: Focus,
    /// Career stages in order (only `stage` when given).
    pub stages: Vec<CareerStage>,
    /// Lateral moves, by guides then mentions (only without a stage).
    pub lateral_moves: Vec<LateralMove>,
    /// Learning-path steps and tips, ordered by source, then line.
    pub learning_path: Vec<PathStep>,
    /// Interview items, ordered by kind, source, line.
    pub interviews: Vec<RoadmapItem>,
    /// Portfolio and resume items, ordered by kind, source, line.
    pub portfolio: Vec<RoadmapItem>,
}

impl RoadmapAnswer {
    /// Nothing was found for the request.
    pub fn is_empty(&self) -> bool {
        self.stages.is_empty()
            && self.lateral_moves.is_empty()
            && self.learning_path.is_empty()
            && self.interviews.is_empty()
            && self.portfolio.is_empty()
    }

    /// One line per stage with its durations, e.g. "Junior: 1–2 years in stage (001_…:58)".
    pub fn summary(&self) -> String {
        let mut out = Vec::new();
        for s in &self.stages {
            let times: Vec<String> = s
                .durations()
                .map(|(c, d)| {
                    let what = match d.kind {
                        DurationKind::InStage => " in the stage",
                        DurationKind::ExperienceRequired => " of experience",
                        DurationKind::ToQualify => " to qualify",
                        DurationKind::Unspecified => "",
                    };
                    format!("{}{what} ({}:{})", d.label(), c.cite.source, c.cite.line)
                })
                .collect();
            let plural = if s.guides == 1 { "" } else { "s" };
            if times.is_empty() {
                out.push(format!("{}: {} guide{plural}", s.label, s.guides));
            } else {
                out.push(format!(
                    "{}: {} guide{plural}; {}",
                    s.label,
                    s.guides,
                    times.join(", ")
                ));
            }
        }
        if !self.lateral_moves.is_empty() {
            let tracks: Vec<&str> = self
                .lateral_moves
                .iter()
                .map(|m| m.track.as_str())
                .collect();
            out.push(format!("Lateral moves: {}", tracks.join(", ")));
        }
        if !self.learning_path.is_empty() {
            out.push(format!(
                "Learning path: {} steps and tips",
                self.learning_path.len()
            ));
        }
        out.join("\n")
    }
}

// ---------------------------------------------------------------------------
// Patterns
// ---------------------------------------------------------------------------

const NUMBER: &str = r"\d{1,2}(?:\.\d)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty";

/// A time span in years or months.
static DURATION: Lazy<Regex> = Lazy::new(|| {
    re(&format!(
        r"(?ix)
        (?:(?P<pre>over|more\ than|at\ least|upwards\ of|in\ excess\ of|a\ minimum\ of|minimum\ of|up\ to|under|less\ than|fewer\ than)\s+)?
        (?:(?:around|about|roughly|approximately|nearly|some)\s+)?
        \b(?P<a>{NUMBER})
        (?:\s*(?:-|–|—|to)\s*(?P<b>{NUMBER}))?
        (?P<plus>\s?\+)?
        (?P<ormore>\s+or\s+more)?
        \s*(?:-\s*)?(?P<unit>years?|yrs?|months?)\b
        (?P<post>\s+(?:or\ more|or\ longer|plus|and\ up))?"
    ))
});

static IN_STAGE: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\b(?:lasts?|lasting|stay|stays|staying|spend|spends|spent|in this (?:role|phase|stage|position)|this phase|this stage)\b",
    )
});
static TO_QUALIFY: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\b(?:qualify|qualified|from scratch|to become an?|to land an?|get hired|first job|break into)\b",
    )
});
static EXPERIENCE: Lazy<Regex> =
    Lazy::new(|| re(r"(?i)\b(?:experience|requires?|required|requiring)\b"));

/// Section or line about career progression (labelled stage lines count only there).
static CAREER_CONTEXT: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\bcareer (?:progression|path|paths|ladder|track|tracks|stages?)\b|\bprogression\b|\bcareer growth\b",
    )
});

/// A line introducing a list of career stages or paths.
static CAREER_LIST_CUE: Lazy<Regex> = Lazy::new(|| {
    re(r"(?i)\bcareer (?:progression|path|paths|ladder|track|tracks|stages?)\b|\bprogression\b")
});

/// A sentence that names roles along a career path.
static PROGRESSION_CUE: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\b(?:career path|progress(?:es|ed)? from|advance(?:s|d)? (?:into|to)|advancement to|mov(?:e|es|ing) (?:into|up to)|transition(?:s|ing)? (?:into|to)|expand(?:s)? into|titles? (?:might|may|can|could|will|would)?\s*include|(?:roles|posts|positions|titles) such as|promot(?:ed|ion) to)\b",
    )
});

/// Role titles in Title Case ("Senior Database Developer", "Tech Lead", "Chief Technology Officer").
static ROLE_TITLE: Lazy<Regex> = Lazy::new(|| {
    re(
        r"\b(?:(?:Junior|Mid-Level|Mid-level|Senior|Lead|Principal|Staff|Chief|Tech|Technical|Engineering|Software|Solutions|Backend|Back-End|Back-end|Database|Platform|Cloud|DevOps|Data|Full-Stack|Technology|Application|Systems)\s+){1,4}(?:Developer|Engineer|Architect|Manager|Lead|Officer|Director)s?\b|\bCTO\b|\bVP of Engineering\b",
    )
});

/// Roles in running text ("senior positions", "engineering management", "into leadership").
static ROLE_PLAIN: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\b(?P<r>(?:junior|entry[- ]level|mid[- ]level|senior|lead|principal|staff)\s+(?:(?:back[- ]?end|backend|software)\s+)?(?:developers?|engineers?|engineering|roles?|positions?)|(?:engineering|technical)\s+management|software architecture|leadership\s+(?:posts|roles|positions))\b|\binto\s+(?P<r2>leadership(?:\s+(?:posts|roles|positions))?|management)\b",
    )
});

static LEAD_WORDS: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\b(?:lead|leads|leadership|principal|staff|architect|architects|architecture|managers?|director|head|chief|cto|vp)\b|\b(?:engineering|technical)\s+management\b|^management$",
    )
});
static SENIOR_WORDS: Lazy<Regex> = Lazy::new(|| re(r"(?i)\bsenior\b"));
static MID_WORDS: Lazy<Regex> = Lazy::new(|| re(r"(?i)\bmid(?:[- ]level)?\b|\bintermediate\b"));
static JUNIOR_WORDS: Lazy<Regex> =
    Lazy::new(|| re(r"(?i)\bjunior\b|\bentry(?:[- ]level)?\b|\bgraduate\b"));

/// "Label: body" after a list marker.
static LABELLED: Lazy<Regex> = Lazy::new(|| re(r"^(?P<label>[^:$|]{2,60}?):\s+(?P<body>\S.*)$"));

/// Header of a plain job-title table with an experience-level column.
static JOB_TITLE_HEADER: Lazy<Regex> =
    Lazy::new(|| re(r"(?i)^(?:job\s+)?titles?\b.*\bexperience\s+level\b"));
/// A row of that table: title, level, focus.
static JOB_TITLE_ROW: Lazy<Regex> = Lazy::new(|| {
    re(
        r"^(?P<title>\S.*?)\s+(?P<lv>Junior|Entry|Mid|Senior|Lead|Principal|Staff)\s+(?P<focus>\S.*)$",
    )
});

/// A sentence about lateral moves or specialising.
static LATERAL_CUE: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\blateral\b|\bpivot|\btransition(?:s|ing)? (?:into|to)\b|\bmov(?:e|es|ing) into\b|\bswitch(?:es|ing)? (?:to|into)\b|\bspeciali[sz](?:e|es|ing|ation) in\b|\bspeciali[sz]ation and\b|\bfields like\b|\badvance(?:s|d)? into\b|\bcareer paths?\b",
    )
});

/// A section or line that introduces the learning path.
static PATH_CUE: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\blearning path\b|\broad ?map\b|\bstep[- ]by[- ]step\b|\bfollowing steps\b|\bsteps to (?:become|get|land|start)\b|\bhow to become\b|\blearning progression\b|\bstructured learning\b|\bhow to (?:build|improve)\b.*\bskills\b|\bwith no experience\b|\bget(?:ting)? started\b",
    )
});

/// A section of tips.
static TIPS_CUE: Lazy<Regex> = Lazy::new(|| {
    re(r"(?i)\btips?\b|\bhow (?:can|do|to) (?:you )?(?:advance|excel|grow|improve|stand out)\b")
});

/// Sentences that sell something: never steps or advice.
static PROMO: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\b(?:our|enrol(?:l|ls|ling)?|sign up|register|webinar)\b|\b(?:interview\s+)?preparation programs?\b|\binterview course\b|\bcourses and resources\b",
    )
});

/// Verbs that open an imperative sentence (a step or a tip).
const IMPERATIVES: &[&str] = &[
    "adopt",
    "aim",
    "align",
    "apply",
    "ask",
    "attend",
    "automate",
    "avoid",
    "begin",
    "build",
    "choose",
    "complete",
    "consider",
    "contribute",
    "create",
    "cultivate",
    "customize",
    "customise",
    "deepen",
    "deploy",
    "design",
    "develop",
    "document",
    "earn",
    "embrace",
    "engage",
    "enhance",
    "experiment",
    "explore",
    "find",
    "focus",
    "follow",
    "gain",
    "get",
    "grow",
    "highlight",
    "implement",
    "improve",
    "invest",
    "join",
    "keep",
    "learn",
    "leverage",
    "make",
    "master",
    "network",
    "obtain",
    "optimize",
    "participate",
    "pick",
    "polish",
    "position",
    "practice",
    "practise",
    "prepare",
    "pursue",
    "read",
    "refine",
    "research",
    "review",
    "seek",
    "select",
    "set",
    "share",
    "showcase",
    "specialize",
    "start",
    "stay",
    "strengthen",
    "study",
    "tailor",
    "take",
    "teach",
    "test",
    "try",
    "understand",
    "use",
    "work",
    "write",
];

/// A line introducing a list of what interviews include.
static INTERVIEW_LIST_CUE: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\binterviews?\b.*\b(?:include|includes|consist|consists|cover|covers|involve|involves)\b|\binterview (?:process|stages?|rounds?|format)\b",
    )
});
static INTERVIEW_WORD: Lazy<Regex> = Lazy::new(|| re(r"(?i)\binterview(?:s|ers?|ing)?\b"));
static EVAL_VERB: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\b(?:assess(?:es|ed)?|evaluat(?:e|es|ed)|test|tests|tested|delve|delves|include|includes|included|focus|focuses|cover|covers|probe|probes|examine|examines)\b",
    )
});
/// "Interviews assess this skill through …", "Interviewers evaluate it through …".
static THIS_SKILL: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\binterview(?:s|ers)?\b.*?\b(?:assess|assesses|evaluate|evaluates|test|tests|measure|measures)\s+(?:this skill|it)\s+(?:through|via|with|by|in)\b",
    )
});
/// A section "Skill #2: Database Design" → "Database Design".
static SKILL_SECTION: Lazy<Regex> =
    Lazy::new(|| re(r"(?i)^(?:soft\s+)?skill\s*#?\s*\d+\s*:\s*(?P<name>.+)$"));
/// An interview round.
static ROUND: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\b(?:phone screens?|phone interviews?|coding (?:assessments?|tests?|challenges?|rounds?|interviews?)|technical (?:interviews?|rounds?|screens?)|behaviou?ral (?:rounds?|interviews?|questions)|system design (?:interviews?|rounds?|discussions?|questions)|take[- ]home (?:assignments?|projects?|tests?)|onsite (?:interviews?|rounds?)|whiteboard(?:ing)? (?:interviews?|sessions?)|pair[- ]programming (?:sessions?|interviews?))\b",
    )
});
static PITFALL: Lazy<Regex> = Lazy::new(|| {
    re(r"(?i)\b(?:failure patterns?|common mistakes|pitfalls|red flags|mistakes to avoid)\b")
});

/// A line introducing a list of portfolio contents or example projects.
static PORTFOLIO_LIST_CUE: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\bportfolio\b.*\binclude\b|\binclude in (?:your|a) portfolio\b|\bexample projects?\b|\bproject ideas\b|\bprojects to build\b",
    )
});
static EXAMPLE_CUE: Lazy<Regex> =
    Lazy::new(|| re(r"(?i)\bexample\b|\bideas\b|\bprojects to build\b"));
static SHOWCASE: Lazy<Regex> =
    Lazy::new(|| re(r"(?i)\b(?:showcase|showcasing|demonstrate|demonstrating|show off)\b"));
static PROJECTS: Lazy<Regex> = Lazy::new(|| re(r"(?i)\b(?:projects?|repositories|repos|github)\b"));

static RESUME_TERM: Lazy<String> = Lazy::new(|| analysed_term("resume"));
static PORTFOLIO_TERM: Lazy<String> = Lazy::new(|| analysed_term("portfolio"));

fn analysed_term(word: &str) -> String {
    Analyzer::shared()
        .analyze(word)
        .into_iter()
        .next()
        .map(|t| t.text.to_string())
        .unwrap_or_default()
}

fn has_term(text: &str, term: &str) -> bool {
    Analyzer::shared()
        .analyze(text)
        .iter()
        .any(|t| &*t.text == term)
}

/// The lateral-move tracks, in the skills lexicon's format.
const TRACKS: &str = r#"
[[track]]
name = "DevOps"
forms = ["DevOps", "site reliability", "SRE"]

[[track]]
name = "Cloud engineering"
forms = ["cloud computing", "cloud engineer", "cloud engineering", "cloud infrastructure", "cloud architect"]

[[track]]
name = "Data engineering"
forms = ["data engineering", "data engineer"]

[[track]]
name = "Full-stack development"
forms = ["full-stack", "full stack"]

[[track]]
name = "Machine learning / AI"
forms = ["machine learning", { form = "ML", case = true }, "AI engineer", "AI engineering"]

[[track]]
name = "Microservices"
forms = ["microservices"]

[[track]]
name = "Distributed systems"
forms = ["distributed systems"]

[[track]]
name = "Database development"
forms = ["database developer", "database administrator", "database engineer", "DBA"]

[[track]]
name = "API development"
forms = [{ form = "API developer", exact = true }, { form = "API developers", exact = true }]

[[track]]
name = "Security"
forms = ["security engineer", "cybersecurity", "application security"]
"#;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TrackFile {
    track: Vec<TrackSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TrackSpec {
    name: String,
    forms: Vec<FormSpec>,
}

struct Tracks {
    names: Vec<String>,
    matcher: TermMatcher,
}

static TRACK_LEXICON: Lazy<Tracks> = Lazy::new(|| {
    let file: TrackFile = toml::from_str(TRACKS).expect("the track table parses (unit-tested)");
    let entries: Vec<(String, Vec<FormSpec>)> =
        file.track.into_iter().map(|t| (t.name, t.forms)).collect();
    Tracks {
        names: entries.iter().map(|(n, _)| n.clone()).collect(),
        matcher: TermMatcher::new(&entries).expect("the track table compiles (unit-tested)"),
    }
});

// ---------------------------------------------------------------------------
// Durations
// ---------------------------------------------------------------------------

fn number(word: &str) -> Option<f64> {
    let v = match word.to_lowercase().as_str() {
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "fifteen" => 15.0,
        "twenty" => 20.0,
        w => w.parse().ok()?,
    };
    (v > 0.0 && v <= 50.0).then_some(v)
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// The kind of time a sentence states.
fn duration_kind(sentence: &str) -> DurationKind {
    if IN_STAGE.is_match(sentence) {
        DurationKind::InStage
    } else if TO_QUALIFY.is_match(sentence) {
        DurationKind::ToQualify
    } else if EXPERIENCE.is_match(sentence) {
        DurationKind::ExperienceRequired
    } else {
        DurationKind::Unspecified
    }
}

/// Every time span in `text` with its byte range; the kind comes from the sentence it sits in.
pub fn parse_durations(text: &str) -> Vec<(Range<usize>, Duration)> {
    let sents = sentences(text);
    let mut out = Vec::new();
    for c in DURATION.captures_iter(text) {
        let whole = c.get(0).expect("match");
        let Some(a) = number(&c["a"]) else { continue };
        let b = match c.name("b") {
            Some(b) => match number(b.as_str()) {
                Some(v) if v >= a => Some(v),
                _ => continue,
            },
            None => None,
        };
        let months = c["unit"].to_lowercase().starts_with('m');
        let scale = if months { 1.0 / 12.0 } else { 1.0 };
        let pre = c.name("pre").map(|m| m.as_str().to_lowercase());
        let open_words = matches!(
            pre.as_deref(),
            Some(
                "over"
                    | "more than"
                    | "at least"
                    | "upwards of"
                    | "in excess of"
                    | "a minimum of"
                    | "minimum of"
            )
        );
        let open = open_words
            || c.name("plus").is_some()
            || c.name("ormore").is_some()
            || c.name("post").is_some();
        let upto = matches!(
            pre.as_deref(),
            Some("up to" | "under" | "less than" | "fewer than")
        );
        let (min, max) = if upto {
            (0.0, Some(b.unwrap_or(a)))
        } else if open {
            (a, None)
        } else {
            (a, Some(b.unwrap_or(a)))
        };
        let sentence = sents
            .iter()
            .find(|s| s.start <= whole.start() && whole.end() <= s.end)
            .map_or(text, |s| &text[s.clone()]);
        out.push((
            whole.range(),
            Duration {
                min_years: round2(min * scale),
                max_years: max.map(|m| round2(m * scale)),
                open_ended: open && !upto,
                kind: duration_kind(sentence),
                raw: whole.as_str().trim().to_string(),
            },
        ));
    }
    out
}

// ---------------------------------------------------------------------------
// Line helpers
// ---------------------------------------------------------------------------

/// Longest list item (in words) read as a role or track name.
const MAX_ROLE_WORDS: usize = 8;

/// A line's content after its list marker.
fn content(text: &str) -> &str {
    text[strip_marker(text)..].trim()
}

/// A list item: a line with a bullet or number, or a short line (≤ 10 words) that does not end
/// like a sentence or a lead-in.
fn item_text<'a>(l: &PassageLine<'a>) -> Option<&'a str> {
    if l.heading {
        return None;
    }
    let marked = strip_marker(l.text) > 0;
    let c = content(l.text);
    if c.is_empty() || c.ends_with(':') {
        return None;
    }
    let words = c.split_whitespace().count();
    if marked || (words <= 10 && !c.ends_with(['.', '!', '?', '"', '”'])) {
        Some(c)
    } else {
        None
    }
}

/// Prose: a line ending like a sentence, or a long one.
fn is_prose(l: &PassageLine<'_>) -> bool {
    let c = content(l.text);
    !l.heading && (c.ends_with(['.', '!', '?', '"', '”']) || c.split_whitespace().count() >= 12)
}

/// A line (or heading) that introduces a list: matches `cue` and is a heading, ends with `:`, or
/// is short without a final period.
fn is_cue_line(l: &PassageLine<'_>, cue: &Regex) -> bool {
    let c = content(l.text);
    cue.is_match(c)
        && (l.heading
            || c.ends_with(':')
            || (c.split_whitespace().count() <= 8 && !c.ends_with(['.', '!', '?'])))
}

/// Lists introduced by `cue`: (index of the cue line, indices of its items).
fn lists(lines: &[PassageLine<'_>], cue: &Regex) -> Vec<(usize, Vec<usize>)> {
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if !is_cue_line(l, cue) {
            continue;
        }
        let items: Vec<usize> = (i + 1..lines.len())
            .take_while(|&j| item_text(&lines[j]).is_some())
            .collect();
        if !items.is_empty() {
            out.push((i, items));
        }
    }
    out
}

/// The sentences of a line's content, as text.
fn line_sentences(text: &str) -> Vec<&str> {
    let c = content(text);
    sentences(c).into_iter().map(|r| &c[r]).collect()
}

fn is_imperative(sentence: &str) -> bool {
    let first = sentence
        .trim_start_matches(['"', '“', '‘', '\''])
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    first.chars().next().is_some_and(char::is_uppercase)
        && IMPERATIVES.contains(&first.to_lowercase().as_str())
}

/// The stage a role phrase names, if any.
pub fn classify_role(role: &str) -> Option<Stage> {
    if LEAD_WORDS.is_match(role.trim()) {
        Some(Stage::Lead)
    } else if SENIOR_WORDS.is_match(role) {
        Some(Stage::Senior)
    } else if MID_WORDS.is_match(role) {
        Some(Stage::Mid)
    } else if JUNIOR_WORDS.is_match(role) {
        Some(Stage::Junior)
    } else {
        None
    }
}

/// Role phrases in a sentence (title-case titles and running-text roles), without overlaps.
fn role_phrases(sentence: &str) -> Vec<(Range<usize>, Stage)> {
    let mut found: Vec<Range<usize>> = ROLE_TITLE.find_iter(sentence).map(|m| m.range()).collect();
    for c in ROLE_PLAIN.captures_iter(sentence) {
        if let Some(m) = c.name("r").or_else(|| c.name("r2")) {
            found.push(m.range());
        }
    }
    found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out: Vec<(Range<usize>, Stage)> = Vec::new();
    for r in found {
        if out.last().is_some_and(|(last, _)| r.start < last.end) {
            continue;
        }
        if let Some(stage) = classify_role(&sentence[r.clone()]) {
            out.push((r, stage));
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Extraction
// ---------------------------------------------------------------------------

/// Every guide line about a career stage in a passage (see the module docs).
pub fn extract_stages(p: &Passage) -> Vec<StageCitation> {
    let lines = passage_lines(p);
    let career = CAREER_CONTEXT.is_match(&p.section)
        || lines.iter().any(|l| CAREER_CONTEXT.is_match(l.text));
    let mut out: Vec<StageCitation> = Vec::new();
    let mut used: HashSet<usize> = HashSet::new();
    let mut push = |c: StageCitation| {
        if !out.contains(&c) {
            out.push(c);
        }
    };

    // (a) Labelled stage lines in a career-progression passage.
    for (i, l) in lines.iter().enumerate() {
        if !career || l.heading {
            continue;
        }
        let body_of = content(l.text);
        let Some(c) = LABELLED.captures(body_of) else {
            continue;
        };
        let label = c.name("label").expect("group").as_str().trim();
        let body = c.name("body").expect("group").as_str().trim();
        let Some(stage) = classify_role(label) else {
            continue;
        };
        if label.split_whitespace().count() > 7 || body.contains(['$', '€', '£']) {
            continue;
        }
        let mut roles = vec![label.to_string()];
        for s in sentences(body) {
            let sentence = &body[s];
            if PROGRESSION_CUE.is_match(sentence) {
                for (r, st) in role_phrases(sentence) {
                    let role = sentence[r].to_string();
                    if st == stage && !roles.contains(&role) {
                        roles.push(role);
                    }
                }
            }
        }
        let duration = parse_durations(body).into_iter().next().map(|(_, d)| d);
        used.insert(i);
        push(StageCitation {
            stage,
            evidence: StageEvidence::Described,
            roles,
            text: body.to_string(),
            duration,
            cite: Citation::at(p, l.line),
        });
    }

    // (b) Lists of roles under a career-progression line.
    for (_, items) in lists(&lines, &CAREER_LIST_CUE) {
        for j in items {
            let item = item_text(&lines[j]).expect("listed items are items");
            if used.contains(&j)
                || item.split_whitespace().count() > MAX_ROLE_WORDS
                || item.contains(['$', '€', '£'])
            {
                continue;
            }
            used.insert(j);
            if let Some(stage) = classify_role(item) {
                push(StageCitation {
                    stage,
                    evidence: StageEvidence::Path,
                    roles: vec![item.to_string()],
                    text: item.to_string(),
                    duration: None,
                    cite: Citation::at(p, lines[j].line),
                });
            }
        }
    }

    // (d) A job-title table with an experience-level column.
    if let Some(h) = lines.iter().position(|l| JOB_TITLE_HEADER.is_match(l.text)) {
        for (j, l) in lines.iter().enumerate().skip(h + 1) {
            let Some(c) = JOB_TITLE_ROW.captures(l.text) else {
                break;
            };
            let Some(stage) = classify_role(&c["lv"]) else {
                break;
            };
            used.insert(j);
            push(StageCitation {
                stage,
                evidence: StageEvidence::JobTitle,
                roles: vec![c["title"].trim().to_string()],
                text: l.text.trim().to_string(),
                duration: None,
                cite: Citation::at(p, l.line),
            });
        }
    }

    // (c) and (e): sentences naming roles on a career path, and times to qualify.
    for (i, l) in lines.iter().enumerate() {
        if l.heading || used.contains(&i) {
            continue;
        }
        for sentence in line_sentences(l.text) {
            if sentence.contains(['$', '€', '£']) {
                continue;
            }
            let duration = parse_durations(sentence).into_iter().next().map(|(_, d)| d);
            let roles = role_phrases(sentence);
            let stages: BTreeSet<Stage> = roles.iter().map(|(_, s)| *s).collect();
            if PROGRESSION_CUE.is_match(sentence) && !roles.is_empty() {
                for &stage in &stages {
                    let names = roles
                        .iter()
                        .filter(|(_, s)| *s == stage)
                        .map(|(r, _)| sentence[r.clone()].to_string())
                        .collect();
                    push(StageCitation {
                        stage,
                        evidence: StageEvidence::Path,
                        roles: names,
                        text: sentence.to_string(),
                        duration: duration.clone().filter(|_| stages.len() == 1),
                        cite: Citation::at(p, l.line),
                    });
                }
            } else if let Some(d) = duration {
                if d.kind == DurationKind::ToQualify && roles.is_empty() {
                    push(StageCitation {
                        stage: Stage::Junior,
                        evidence: StageEvidence::TimeToQualify,
                        roles: Vec::new(),
                        text: sentence.to_string(),
                        duration: Some(d),
                        cite: Citation::at(p, l.line),
                    });
                } else if stages.len() == 1 {
                    let stage = *stages.iter().next().expect("one stage");
                    push(StageCitation {
                        stage,
                        evidence: StageEvidence::Described,
                        roles: roles
                            .iter()
                            .map(|(r, _)| sentence[r.clone()].to_string())
                            .collect(),
                        text: sentence.to_string(),
                        duration: Some(d),
                        cite: Citation::at(p, l.line),
                    });
                }
            }
        }
    }
    out
}

/// Every lateral move or specialisation named in a passage (see the module docs).
pub fn extract_lateral_moves(p: &Passage) -> Vec<TrackMention> {
    let tracks = &*TRACK_LEXICON;
    let lines = passage_lines(p);
    let mut out: Vec<TrackMention> = Vec::new();
    let mut push = |track: usize, surface: &str, text: &str, line: u32| {
        let m = TrackMention {
            track: tracks.names[track].clone(),
            citation: TrackCitation {
                surface: surface.to_string(),
                text: text.to_string(),
                cite: Citation::at(p, line),
            },
        };
        if !out
            .iter()
            .any(|o| o.track == m.track && o.citation.cite.line == line)
        {
            out.push(m);
        }
    };
    let mut listed = HashSet::new();
    for (_, items) in lists(&lines, &CAREER_LIST_CUE) {
        for j in items {
            let item = item_text(&lines[j]).expect("listed items are items");
            if item.split_whitespace().count() > MAX_ROLE_WORDS {
                continue;
            }
            listed.insert(j);
            for h in tracks.matcher.find(item) {
                push(h.entry, &item[h.start..h.end], item, lines[j].line);
            }
        }
    }
    for (i, l) in lines.iter().enumerate() {
        if l.heading || listed.contains(&i) {
            continue;
        }
        for sentence in line_sentences(l.text) {
            if !LATERAL_CUE.is_match(sentence) {
                continue;
            }
            for h in tracks.matcher.find(sentence) {
                push(h.entry, &sentence[h.start..h.end], sentence, l.line);
            }
        }
    }
    out
}

/// The learning-path steps and tips of a passage (see the module docs).
pub fn extract_steps(p: &Passage) -> Vec<PathStep> {
    let lines = passage_lines(p);
    let path_section = PATH_CUE.is_match(&p.section);
    let tips_section = !path_section && TIPS_CUE.is_match(&p.section);
    let mut out: Vec<PathStep> = Vec::new();
    let mut orders: HashMap<String, u32> = HashMap::new();
    let mut push = |kind: StepKind, text: &str, list: &str, line: u32| {
        if PROMO.is_match(text) || out.iter().any(|s| s.cite.line == line && s.text == text) {
            return;
        }
        let order = orders.entry(list.to_string()).or_insert(0);
        *order += 1;
        out.push(PathStep {
            order: *order,
            kind,
            text: text.to_string(),
            list: list.to_string(),
            cite: Citation::at(p, line),
        });
    };
    let mut listed = HashSet::new();
    for (cue, items) in lists(&lines, &PATH_CUE) {
        let list = content(lines[cue].text).trim_end_matches(':').trim();
        for j in items {
            listed.insert(j);
            let item = item_text(&lines[j]).expect("listed items are items");
            push(StepKind::Step, item, list, lines[j].line);
        }
    }
    if path_section || tips_section {
        let kind = if path_section {
            StepKind::Step
        } else {
            StepKind::Tip
        };
        for (i, l) in lines.iter().enumerate() {
            if l.heading || listed.contains(&i) {
                continue;
            }
            if tips_section && strip_marker(l.text) > 0 {
                push(kind, content(l.text), &p.section, l.line);
            } else if is_prose(l) {
                for sentence in line_sentences(l.text) {
                    if is_imperative(sentence) {
                        push(kind, sentence, &p.section, l.line);
                    }
                }
            }
        }
    }
    out
}

/// What a passage says interviews include (see the module docs).
pub fn extract_interview_items(p: &Passage) -> Vec<RoadmapItem> {
    let lines = passage_lines(p);
    let about_interviews = INTERVIEW_WORD.is_match(&p.section) || INTERVIEW_WORD.is_match(&p.text);
    let skill_label = SKILL_SECTION
        .captures(&p.section)
        .map(|c| c["name"].trim().to_string());
    let mut out: Vec<RoadmapItem> = Vec::new();
    let mut push = |kind: ItemKind, label: Option<String>, text: &str, line: u32| {
        let item = RoadmapItem {
            kind,
            label,
            text: text.to_string(),
            cite: Citation::at(p, line),
        };
        if !out.contains(&item) {
            out.push(item);
        }
    };
    let mut listed = HashSet::new();
    let mut advice_from = None;
    for (cue, items) in lists(&lines, &INTERVIEW_LIST_CUE) {
        listed.insert(cue);
        for &j in &items {
            listed.insert(j);
            let item = item_text(&lines[j]).expect("listed items are items");
            push(ItemKind::InterviewFormat, None, item, lines[j].line);
        }
        advice_from = items.last().map(|&j| j + 1);
    }
    for (i, l) in lines.iter().enumerate() {
        if l.heading || listed.contains(&i) || !is_prose(l) {
            continue;
        }
        for sentence in line_sentences(l.text) {
            if PROMO.is_match(sentence) {
                continue;
            }
            if PITFALL.is_match(sentence) && about_interviews {
                push(ItemKind::InterviewPitfall, None, sentence, l.line);
            } else if THIS_SKILL.is_match(sentence) {
                push(
                    ItemKind::InterviewEvaluation,
                    skill_label.clone(),
                    sentence,
                    l.line,
                );
            } else if let Some(round) = ROUND.find(sentence).filter(|r| {
                EVAL_VERB
                    .find_iter(sentence)
                    .any(|v| v.end() <= r.start() || v.start() >= r.end())
            }) {
                push(
                    ItemKind::InterviewRound,
                    Some(round.as_str().to_string()),
                    sentence,
                    l.line,
                );
            } else if INTERVIEW_WORD.is_match(sentence) && EVAL_VERB.is_match(sentence) {
                push(ItemKind::InterviewEvaluation, None, sentence, l.line);
            } else if advice_from.is_some_and(|from| i >= from) && is_imperative(sentence) {
                push(ItemKind::InterviewAdvice, None, sentence, l.line);
            }
        }
    }
    out
}

/// What a passage says a portfolio and resume should show (see the module docs).
pub fn extract_portfolio_items(p: &Passage) -> Vec<RoadmapItem> {
    let lines = passage_lines(p);
    let resume_section = has_term(&p.section, &RESUME_TERM);
    let portfolio_section = has_term(&p.section, &PORTFOLIO_TERM);
    let mut out: Vec<RoadmapItem> = Vec::new();
    let mut push = |kind: ItemKind, text: &str, line: u32| {
        let item = RoadmapItem {
            kind,
            label: None,
            text: text.to_string(),
            cite: Citation::at(p, line),
        };
        if !out.contains(&item) {
            out.push(item);
        }
    };
    let mut listed = HashSet::new();
    for (cue, items) in lists(&lines, &PORTFOLIO_LIST_CUE) {
        listed.insert(cue);
        let kind = if EXAMPLE_CUE.is_match(lines[cue].text) {
            ItemKind::ExampleProject
        } else {
            ItemKind::PortfolioInclude
        };
        for j in items {
            listed.insert(j);
            let item = item_text(&lines[j]).expect("listed items are items");
            push(kind, item, lines[j].line);
        }
    }
    for (i, l) in lines.iter().enumerate() {
        if l.heading || listed.contains(&i) || is_cue_line(l, &PORTFOLIO_LIST_CUE) {
            continue;
        }
        let prose = is_prose(l);
        for sentence in line_sentences(l.text) {
            if PROMO.is_match(sentence) {
                continue;
            }
            if has_term(sentence, &RESUME_TERM) || (resume_section && prose) {
                push(ItemKind::ResumeTip, sentence, l.line);
            } else if has_term(sentence, &PORTFOLIO_TERM)
                || (portfolio_section && prose)
                || (SHOWCASE.is_match(sentence) && PROJECTS.is_match(sentence))
            {
                push(ItemKind::PortfolioAdvice, sentence, l.line);
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------
// The answer
// ---------------------------------------------------------------------------

/// The roadmap from the guides: career stages (only `stage` when given) with durations and
/// lateral moves (only without a stage), the learning path, interviews and portfolio, as `focus`
/// asks.
pub fn roadmap_answer(passages: &[Passage], stage: Option<Stage>, focus: Focus) -> RoadmapAnswer {
    let mut stages = Vec::new();
    let mut lateral_moves = Vec::new();
    if focus.includes(Focus::CareerProgression) {
        let mut by_stage: HashMap<Stage, Vec<StageCitation>> = HashMap::new();
        for c in passages.iter().flat_map(extract_stages) {
            if stage.is_none_or(|s| s == c.stage) {
                let list = by_stage.entry(c.stage).or_default();
                if !list.contains(&c) {
                    list.push(c);
                }
            }
        }
        for s in Stage::ALL {
            let Some(mut citations) = by_stage.remove(&s) else {
                continue;
            };
            citations
                .sort_by(|a, b| (&a.cite.source, a.cite.line).cmp(&(&b.cite.source, b.cite.line)));
            let guides = citations
                .iter()
                .map(|c| c.cite.source.as_str())
                .collect::<BTreeSet<_>>()
                .len() as u32;
            stages.push(CareerStage {
                stage: s,
                label: s.label().to_string(),
                guides,
                citations,
            });
        }
        if stage.is_none() {
            let mut by_track: Vec<LateralMove> = Vec::new();
            for m in passages.iter().flat_map(extract_lateral_moves) {
                let entry = match by_track.iter_mut().position(|t| t.track == m.track) {
                    Some(k) => &mut by_track[k],
                    None => {
                        by_track.push(LateralMove {
                            track: m.track.clone(),
                            guides: 0,
                            citations: Vec::new(),
                        });
                        by_track.last_mut().expect("just pushed")
                    }
                };
                if !entry.citations.contains(&m.citation) {
                    entry.citations.push(m.citation);
                }
            }
            for t in &mut by_track {
                t.citations.sort_by(|a, b| {
                    (&a.cite.source, a.cite.line).cmp(&(&b.cite.source, b.cite.line))
                });
                t.guides = t
                    .citations
                    .iter()
                    .map(|c| c.cite.source.as_str())
                    .collect::<BTreeSet<_>>()
                    .len() as u32;
            }
            by_track.sort_by(|a, b| {
                b.guides
                    .cmp(&a.guides)
                    .then(b.citations.len().cmp(&a.citations.len()))
                    .then_with(|| a.track.cmp(&b.track))
            });
            lateral_moves = by_track;
        }
    }
    let mut learning_path: Vec<PathStep> = if focus.includes(Focus::LearningPath) {
        passages.iter().flat_map(extract_steps).collect()
    } else {
        Vec::new()
    };
    learning_path.sort_by(|a, b| (&a.cite.source, a.cite.line).cmp(&(&b.cite.source, b.cite.line)));
    // Number each list across the passages it was split into.
    let mut orders: HashMap<(String, String), u32> = HashMap::new();
    for s in &mut learning_path {
        let n = orders
            .entry((s.cite.source.clone(), s.list.clone()))
            .or_insert(0);
        *n += 1;
        s.order = *n;
    }
    let items = |f: fn(&Passage) -> Vec<RoadmapItem>| {
        let mut v: Vec<RoadmapItem> = passages.iter().flat_map(f).collect();
        let mut seen = HashSet::new();
        v.retain(|i| seen.insert((i.kind, i.cite.source.clone(), i.cite.line, i.text.clone())));
        v.sort_by(|a, b| {
            (a.kind, &a.cite.source, a.cite.line).cmp(&(b.kind, &b.cite.source, b.cite.line))
        });
        v
    };
    let interviews = if focus.includes(Focus::Interviews) {
        items(extract_interview_items)
    } else {
        Vec::new()
    };
    let portfolio = if focus.includes(Focus::Portfolio) {
        items(extract_portfolio_items)
    } else {
        Vec::new()
    };
    RoadmapAnswer {
        stage,
        focus,
        stages,
        lateral_moves,
        learning_path,
        interviews,
        portfolio,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passage_in(section: &str, start_line: u32, text: &str) -> Passage {
        let n = text.split('\n').count() as u32;
        Passage {
            source: "t.txt".into(),
            title: "Test guide".into(),
            section: section.into(),
            start_line,
            end_line: 10 + n - 1,
            text: text.into(),
            line_numbers: (10..10 + n).collect(),
        }
    }

    fn one_duration(text: &str) -> Duration {
        let v = parse_durations(text);
        assert_eq!(v.len(), 1, "{text:?} -> {v:?}");
        let (r, d) = v.into_iter().next().unwrap();
        assert_eq!(&text[r], d.raw);
        d
    }

    // --- durations -----------------------------------------------------------

    #[test]
    fn durations_as_data() {
        for (text, min, max, open, raw) in [
            (
                "This phase generally lasts around 1 to 2 years.",
                1.0,
                Some(2.0),
                false,
                "around 1 to 2 years",
            ),
            (
                "Expect to stay in this role for about 2 to 4 years.",
                2.0,
                Some(4.0),
                false,
                "about 2 to 4 years",
            ),
            (
                "It typically takes 1-2 years to qualify.",
                1.0,
                Some(2.0),
                false,
                "1-2 years",
            ),
            (
                "Most spend 2–4 years here.",
                2.0,
                Some(4.0),
                false,
                "2–4 years",
            ),
            (
                "This level typically requires over five years of experience.",
                5.0,
                None,
                true,
                "over five years",
            ),
            (
                "Senior roles want 5+ years of experience.",
                5.0,
                None,
                true,
                "5+ years",
            ),
            (
                "at least 3 years of experience",
                3.0,
                None,
                true,
                "at least 3 years",
            ),
            (
                "3 or more years in industry",
                3.0,
                None,
                true,
                "3 or more years",
            ),
            ("up to 2 years", 0.0, Some(2.0), false, "up to 2 years"),
            ("six months of study", 0.5, Some(0.5), false, "six months"),
            ("a 6-12 month bootcamp", 0.5, Some(1.0), false, "6-12 month"),
            ("18 months later", 1.5, Some(1.5), false, "18 months"),
            ("a 3-year degree", 3.0, Some(3.0), false, "3-year"),
        ] {
            let d = one_duration(text);
            assert_eq!(
                (d.min_years, d.max_years, d.open_ended, d.raw.as_str()),
                (min, max, open, raw),
                "{text}"
            );
        }
        for text in [
            "In 2026, back-end developers continue to play a critical role.",
            "The job market is expected to grow by 15% through 2025.",
            "Entry-level: $75,000 – $95,000 per year",
            "Mornings, 8-10 AM",
            "Give it 2026 years",
            "zero years",
        ] {
            assert!(parse_durations(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn duration_kinds_from_the_sentence() {
        use DurationKind::*;
        for (text, kind) in [
            (
                "This phase generally lasts around 1 to 2 years as you gain foundational experience.",
                InStage,
            ),
            (
                "Expect to stay in this role for about 2 to 4 years.",
                InStage,
            ),
            (
                "This level typically requires over five years of experience.",
                ExperienceRequired,
            ),
            (
                "It typically takes 1-2 years to qualify, including a degree.",
                ToQualify,
            ),
            ("The program runs 2 years.", Unspecified),
        ] {
            assert_eq!(one_duration(text).kind, kind, "{text}");
        }
        // The kind comes from the duration's own sentence.
        let v = parse_durations("It takes 2 years. Stay in this role for 3 years.");
        assert_eq!(v[0].1.kind, Unspecified);
        assert_eq!(v[1].1.kind, InStage);
    }

    #[test]
    fn duration_labels() {
        assert_eq!(one_duration("1 to 2 years").label(), "1–2 years");
        assert_eq!(one_duration("over five years").label(), "5+ years");
        assert_eq!(one_duration("6 months").label(), "6 months");
        assert_eq!(one_duration("1 year").label(), "1 year");
        assert_eq!(one_duration("18 months").label(), "1.5 years");
    }

    // --- options -------------------------------------------------------------

    #[test]
    fn stages_and_focuses_parse_and_serialise_by_id() {
        for s in Stage::ALL {
            assert_eq!(s.id().parse::<Stage>(), Ok(s));
            assert_eq!(serde_json::to_value(s).unwrap(), s.id());
            assert_eq!(Stage::from_level(s.level()), Some(s));
        }
        for (word, stage) in [
            ("entry-level", Stage::Junior),
            ("Junior", Stage::Junior),
            ("intermediate", Stage::Mid),
            ("mid-level", Stage::Mid),
            ("experienced", Stage::Senior),
            ("principal", Stage::Lead),
            ("architect", Stage::Lead),
            ("engineering manager", Stage::Lead),
            ("CTO", Stage::Lead),
        ] {
            assert_eq!(word.parse::<Stage>(), Ok(stage), "{word}");
        }
        assert!("overall".parse::<Stage>().is_err());
        assert!("intern".parse::<Stage>().is_err());
        for f in Focus::ALL {
            assert_eq!(f.id().parse::<Focus>(), Ok(f));
            assert_eq!(serde_json::to_value(f).unwrap(), f.id());
        }
        assert_eq!(Focus::default(), Focus::All);
        assert_eq!("learning path".parse(), Ok(Focus::LearningPath));
        assert_eq!("resume".parse(), Ok(Focus::Portfolio));
        assert!("salary".parse::<Focus>().is_err());
        assert!(Focus::All.includes(Focus::Interviews));
        assert!(!Focus::Portfolio.includes(Focus::Interviews));
    }

    #[test]
    fn roles_classify_to_stages() {
        for (role, stage) in [
            ("Junior Back-End Developer", Some(Stage::Junior)),
            ("entry-level roles", Some(Stage::Junior)),
            ("Mid-Level Developer", Some(Stage::Mid)),
            ("Senior Back-End Developer", Some(Stage::Senior)),
            ("Senior Engineer", Some(Stage::Senior)),
            ("senior engineering", Some(Stage::Senior)),
            ("Software Architect", Some(Stage::Lead)),
            ("Engineering Manager", Some(Stage::Lead)),
            ("Senior Engineering Manager", Some(Stage::Lead)),
            ("Chief Technology Officer", Some(Stage::Lead)),
            ("Tech Lead", Some(Stage::Lead)),
            ("engineering management", Some(Stage::Lead)),
            ("management", Some(Stage::Lead)),
            ("Back-End Developer", None),
            ("data management", None),
            ("Python Developer", None),
        ] {
            assert_eq!(classify_role(role), stage, "{role}");
        }
    }

    // --- extraction ----------------------------------------------------------

    #[test]
    fn labelled_stage_lines_only_in_a_career_passage() {
        let text = "• Junior back-end developer: Focus on learning core languages. This phase generally lasts around 1 to 2 years.\n• Senior back-end developer: You lead decisions. Job titles might include Senior Engineer or Staff Engineer.";
        let p = passage_in("What is the typical career progression?", 9, text);
        let got = extract_stages(&p);
        assert_eq!(got.len(), 2, "{got:#?}");
        assert_eq!(got[0].stage, Stage::Junior);
        assert_eq!(got[0].evidence, StageEvidence::Described);
        assert_eq!(got[0].roles, vec!["Junior back-end developer"]);
        assert_eq!(got[0].cite.line, 10);
        let d = got[0].duration.as_ref().unwrap();
        assert_eq!(
            (d.min_years, d.max_years, d.kind),
            (1.0, Some(2.0), DurationKind::InStage)
        );
        // "Staff Engineer" is a lead role: not listed under the senior line.
        assert_eq!(
            got[1].roles,
            vec!["Senior back-end developer", "Senior Engineer"]
        );
        // Elsewhere the labels describe no stage (the titles sentence still names roles).
        let elsewhere = extract_stages(&passage_in("Skills", 9, text));
        assert!(elsewhere.iter().all(|c| c.evidence == StageEvidence::Path));
        assert_eq!(
            elsewhere
                .iter()
                .map(|c| (c.stage, c.roles.clone()))
                .collect::<Vec<_>>(),
            vec![
                (Stage::Senior, vec!["Senior Engineer".to_string()]),
                (Stage::Lead, vec!["Staff Engineer".to_string()]),
            ]
        );
        // Pay lines are never stages.
        let pay = passage_in(
            "Career progression and pay",
            9,
            "Entry-level: $75,000 – $95,000 per year",
        );
        assert!(extract_stages(&pay).is_empty());
    }

    #[test]
    fn career_lists_sentences_and_title_tables() {
        let p = passage_in(
            "Career Growth",
            9,
            "Career Progression\nJunior Back-End Developer\nMid-Level Developer\nSoftware Architect\nDevOps Engineer\nWith experience, developers can move into leadership or specialized technical roles.",
        );
        let got: Vec<(Stage, StageEvidence, u32, Vec<String>)> = extract_stages(&p)
            .into_iter()
            .map(|c| (c.stage, c.evidence, c.cite.line, c.roles))
            .collect();
        use StageEvidence::*;
        assert_eq!(
            got,
            vec![
                (
                    Stage::Junior,
                    Path,
                    11,
                    vec!["Junior Back-End Developer".to_string()]
                ),
                (
                    Stage::Mid,
                    Path,
                    12,
                    vec!["Mid-Level Developer".to_string()]
                ),
                (
                    Stage::Lead,
                    Path,
                    13,
                    vec!["Software Architect".to_string()]
                ),
                (Stage::Lead, Path, 15, vec!["leadership".to_string()]),
            ]
        );
        let moves = extract_lateral_moves(&p);
        assert_eq!(moves.len(), 1);
        assert_eq!(moves[0].track, "DevOps");
        assert_eq!(moves[0].citation.surface, "DevOps");
        let p = passage_in(
            "Titles",
            9,
            "Job Title Experience Level Focus Area\nBackend Developer Mid General Backend\nPlatform Developer (platform services) Lead Platform Services\nSomething else entirely.",
        );
        let got: Vec<(Stage, Vec<String>)> = extract_stages(&p)
            .into_iter()
            .map(|c| (c.stage, c.roles))
            .collect();
        assert_eq!(
            got,
            vec![
                (Stage::Mid, vec!["Backend Developer".to_string()]),
                (
                    Stage::Lead,
                    vec!["Platform Developer (platform services)".to_string()]
                ),
            ]
        );
        let p = passage_in(
            "Q4: How long does it take?",
            9,
            "It typically takes 1-2 years to qualify, including a relevant degree.",
        );
        let got = extract_stages(&p);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].stage, Stage::Junior);
        assert_eq!(got[0].evidence, StageEvidence::TimeToQualify);
        assert_eq!(
            got[0].duration.as_ref().unwrap().kind,
            DurationKind::ToQualify
        );
    }

    #[test]
    fn lateral_moves_need_a_cue() {
        let p = passage_in(
            "Growth",
            9,
            "Alternatively, you may pivot towards DevOps, data engineering, or full-stack development.\nOur DevOps teams deploy daily.",
        );
        let got: Vec<(String, String, u32)> = extract_lateral_moves(&p)
            .into_iter()
            .map(|m| (m.track, m.citation.surface, m.citation.cite.line))
            .collect();
        assert_eq!(
            got,
            vec![
                ("DevOps".into(), "DevOps".into(), 10),
                ("Data engineering".into(), "data engineering".into(), 10),
                ("Full-stack development".into(), "full-stack".into(), 10),
            ]
        );
    }

    #[test]
    fn steps_tips_and_promotions() {
        let p = passage_in(
            "How to Become a Backend Developer",
            9,
            "To pursue this career, consider the following steps:\n1. Gain relevant education\n2. Develop core technical skills\nOnline courses are widely used. Start with one language. Consider enrolling in our Interview Course.",
        );
        let got: Vec<(u32, StepKind, String, u32)> = extract_steps(&p)
            .into_iter()
            .map(|s| (s.order, s.kind, s.text, s.cite.line))
            .collect();
        assert_eq!(
            got,
            vec![
                (1, StepKind::Step, "Gain relevant education".into(), 11),
                (
                    2,
                    StepKind::Step,
                    "Develop core technical skills".into(),
                    12
                ),
                (1, StepKind::Step, "Start with one language.".into(), 13),
            ]
        );
        let p = passage_in(
            "What tips do you need to know?",
            9,
            "Excelling requires more than coding.\n• Use Git meticulously and write clear commits.\n• Stay informed on industry trends.",
        );
        let got: Vec<(StepKind, String)> = extract_steps(&p)
            .into_iter()
            .map(|s| (s.kind, s.text))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    StepKind::Tip,
                    "Use Git meticulously and write clear commits.".into()
                ),
                (StepKind::Tip, "Stay informed on industry trends.".into()),
            ]
        );
        // Elsewhere, imperatives are not steps.
        assert!(extract_steps(&passage_in("Salaries", 9, "Start negotiating early.")).is_empty());
    }

    #[test]
    fn interview_and_portfolio_items() {
        let p = passage_in(
            "Interview Preparation",
            9,
            "Back-end interviews usually include:\nCoding tests\nSystem design discussions\nPractice regularly and focus on concepts.\nCoding assessments test problem-solving. Common failure patterns include poor preparation.",
        );
        let got: Vec<(ItemKind, Option<String>, String)> = extract_interview_items(&p)
            .into_iter()
            .map(|i| (i.kind, i.label, i.text))
            .collect();
        use ItemKind::*;
        assert_eq!(
            got,
            vec![
                (InterviewFormat, None, "Coding tests".into()),
                (InterviewFormat, None, "System design discussions".into()),
                (
                    InterviewAdvice,
                    None,
                    "Practice regularly and focus on concepts.".into()
                ),
                (
                    InterviewRound,
                    Some("Coding assessments".into()),
                    "Coding assessments test problem-solving.".into()
                ),
                (
                    InterviewPitfall,
                    None,
                    "Common failure patterns include poor preparation.".into()
                ),
            ]
        );
        let p = passage_in(
            "Skill #2: Database Design",
            9,
            "Interviews evaluate this skill through system design questions.",
        );
        let got = extract_interview_items(&p);
        assert_eq!(got[0].kind, InterviewEvaluation);
        assert_eq!(got[0].label.as_deref(), Some("Database Design"));
        let p = passage_in(
            "Building a Strong Portfolio",
            9,
            "A portfolio is one of the most important tools.\nPortfolio Should Include:\nReal projects\nExample projects:\nREST API for a mobile app\nRecruiters skim, so customize your resume for each job.",
        );
        let got: Vec<(ItemKind, String, u32)> = extract_portfolio_items(&p)
            .into_iter()
            .map(|i| (i.kind, i.text, i.cite.line))
            .collect();
        assert_eq!(
            got,
            vec![
                (PortfolioInclude, "Real projects".into(), 12),
                (ExampleProject, "REST API for a mobile app".into(), 14),
                (
                    PortfolioAdvice,
                    "A portfolio is one of the most important tools.".into(),
                    10
                ),
                (
                    ResumeTip,
                    "Recruiters skim, so customize your resume for each job.".into(),
                    15
                ),
            ]
        );
    }

    #[test]
    fn track_table_loads() {
        assert!(TRACK_LEXICON.names.len() >= 8);
        assert!(TRACK_LEXICON.names.contains(&"DevOps".to_string()));
    }

    // --- the five seed guides ------------------------------------------------

    const SEEDS: [&str; 5] = [
        "000_84c8862ccb5e7127.txt",
        "001_2be4012d68e4b72e.txt",
        "002_aa806d2299f069f1.txt",
        "003_7297c4eb2c1aaf2e.txt",
        "004_ce589c6dcabf1bae.txt",
    ];

    fn seed_text(name: &str) -> String {
        let path = format!("{}/seeds/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn all_seed_passages() -> Vec<Passage> {
        let manifest = crate::corpus::Manifest::default();
        SEEDS
            .iter()
            .flat_map(|name| {
                crate::corpus::parse_guide(name, seed_text(name).as_bytes(), &manifest)
                    .unwrap_or_else(|e| panic!("{name}: {e}"))
                    .passages
            })
            .collect()
    }

    fn source_line(c: &Citation) -> String {
        assert!(c.start_line <= c.line && c.line <= c.end_line, "{c:?}");
        seed_text(&c.source)
            .lines()
            .nth(c.line as usize - 1)
            .unwrap_or_else(|| panic!("{c:?} past the end"))
            .to_string()
    }

    fn full() -> RoadmapAnswer {
        roadmap_answer(&all_seed_passages(), None, Focus::All)
    }

    #[test]
    fn seed_every_item_is_on_its_cited_line() {
        let a = full();
        for s in &a.stages {
            assert!(!s.citations.is_empty());
            for c in &s.citations {
                assert_eq!(c.stage, s.stage);
                let line = source_line(&c.cite);
                assert!(line.contains(&c.text), "{c:?} not on {line:?}");
                for role in &c.roles {
                    assert!(line.contains(role.as_str()), "{role:?} not on {line:?}");
                }
                if let Some(d) = &c.duration {
                    assert!(line.contains(&d.raw), "{d:?} not on {line:?}");
                    assert!(c.text.contains(&d.raw));
                }
            }
        }
        for m in &a.lateral_moves {
            for c in &m.citations {
                let line = source_line(&c.cite);
                assert!(
                    line.contains(&c.text) && c.text.contains(&c.surface),
                    "{c:?}"
                );
            }
        }
        for s in &a.learning_path {
            let line = source_line(&s.cite);
            assert!(line.contains(&s.text), "{s:?} not on {line:?}");
        }
        for i in a.interviews.iter().chain(&a.portfolio) {
            let line = source_line(&i.cite);
            assert!(line.contains(&i.text), "{i:?} not on {line:?}");
            if let Some(label) = &i.label
                && i.kind == ItemKind::InterviewRound
            {
                assert!(i.text.contains(label.as_str()));
            }
        }
    }

    fn stage(a: &RoadmapAnswer, s: Stage) -> &CareerStage {
        a.stages.iter().find(|c| c.stage == s).unwrap()
    }

    fn duration_at(a: &RoadmapAnswer, s: Stage, src: &str, line: u32) -> Duration {
        stage(a, s)
            .durations()
            .find(|(c, _)| c.cite.source.starts_with(src) && c.cite.line == line)
            .map(|(_, d)| d.clone())
            .unwrap_or_else(|| panic!("no duration for {s:?} at {src}:{line}"))
    }

    #[test]
    fn seed_stages_with_durations() {
        let a = full();
        assert_eq!(
            a.stages.iter().map(|s| s.stage).collect::<Vec<_>>(),
            Stage::ALL.to_vec()
        );
        let d = duration_at(&a, Stage::Junior, "001", 58);
        assert_eq!(
            (d.min_years, d.max_years, d.open_ended),
            (1.0, Some(2.0), false)
        );
        assert_eq!(d.kind, DurationKind::InStage);
        assert!(d.raw.contains("1 to 2 years"));
        let d = duration_at(&a, Stage::Mid, "001", 59);
        assert_eq!(
            (d.min_years, d.max_years, d.open_ended),
            (2.0, Some(4.0), false)
        );
        let d = duration_at(&a, Stage::Senior, "001", 60);
        assert_eq!((d.min_years, d.max_years, d.open_ended), (5.0, None, true));
        assert_eq!(d.kind, DurationKind::ExperienceRequired);
        assert_eq!(d.raw, "over five years");
        let d = duration_at(&a, Stage::Junior, "004", 139);
        assert_eq!((d.min_years, d.max_years), (1.0, Some(2.0)));
        assert_eq!(d.kind, DurationKind::ToQualify);
        // Only those four lines give durations.
        let n: usize = a.stages.iter().map(|s| s.durations().count()).sum();
        assert_eq!(n, 4);
        // Several guides describe each stage; every citation is listed.
        let sources = |s: Stage| -> BTreeSet<String> {
            stage(&a, s)
                .citations
                .iter()
                .map(|c| c.cite.source[..3].to_string())
                .collect()
        };
        for (s, want) in [
            (Stage::Junior, &["000", "001", "004"][..]),
            (Stage::Mid, &["000", "001", "004"][..]),
            (Stage::Senior, &["000", "001", "003", "004"][..]),
            (Stage::Lead, &["000", "001", "003", "004"][..]),
        ] {
            let got = sources(s);
            for w in want {
                assert!(got.contains(*w), "{s:?} lacks {w}: {got:?}");
            }
            assert_eq!(stage(&a, s).guides as usize, got.len());
        }
        let lead_roles: Vec<&str> = stage(&a, Stage::Lead)
            .citations
            .iter()
            .flat_map(|c| c.roles.iter().map(String::as_str))
            .collect();
        for role in [
            "Software Architect",
            "Engineering Manager",
            "Tech Lead",
            "Chief Technology Officer",
            "Lead Developer",
            "Technical Lead",
            "Solutions Architect",
        ] {
            assert!(lead_roles.contains(&role), "{role}: {lead_roles:?}");
        }
        let junior = &stage(&a, Stage::Junior).citations;
        assert!(junior.iter().any(|c| c.cite.source.starts_with("000")
            && c.cite.line == 229
            && c.roles == ["Junior Back-End Developer"]));
        // Salary lines never make stages.
        assert!(
            a.stages
                .iter()
                .flat_map(|s| &s.citations)
                .all(|c| !c.text.contains('$'))
        );
    }

    #[test]
    fn seed_lateral_moves() {
        let a = full();
        let tracks: Vec<&str> = a.lateral_moves.iter().map(|m| m.track.as_str()).collect();
        for t in [
            "DevOps",
            "Data engineering",
            "Full-stack development",
            "Cloud engineering",
            "Machine learning / AI",
            "Microservices",
        ] {
            let m = a
                .lateral_moves
                .iter()
                .find(|m| m.track == t)
                .unwrap_or_else(|| panic!("{t} missing: {tracks:?}"));
            assert!(
                m.citations
                    .iter()
                    .any(|c| c.cite.source.starts_with("001") && c.cite.line == 62),
                "{t}"
            );
        }
        assert!(tracks.contains(&"Cloud engineering"));
    }

    #[test]
    fn seed_learning_path() {
        let a = full();
        let from = |src: &str| -> Vec<(u32, &str)> {
            a.learning_path
                .iter()
                .filter(|s| s.cite.source.starts_with(src) && s.kind == StepKind::Step)
                .map(|s| (s.order, s.text.as_str()))
                .collect()
        };
        assert_eq!(
            from("000"),
            vec![
                (1, "Learn programming basics"),
                (2, "Choose one back-end language"),
                (3, "Practice database management"),
                (4, "Build APIs and server logic"),
                (5, "Learn cloud deployment"),
                (6, "Create real-world projects"),
            ]
        );
        assert_eq!(
            from("004"),
            vec![
                (1, "Gain relevant education"),
                (2, "Develop core technical skills"),
                (3, "Gain hands-on experience"),
                (4, "Prepare for technical interviews"),
                (5, "Position yourself strategically"),
            ]
        );
        let s002 = from("002");
        assert_eq!(
            s002[0],
            (
                1,
                "Start by mastering one backend language and learning databases deeply."
            )
        );
        assert!(s002[1].1.starts_with("Engage in hands-on projects"));
        assert!(s002.iter().all(|(_, t)| !PROMO.is_match(t)), "{s002:?}");
        let tips: Vec<&PathStep> = a
            .learning_path
            .iter()
            .filter(|s| s.cite.source.starts_with("001") && s.kind == StepKind::Tip)
            .collect();
        assert!(tips.iter().any(|t| {
            t.text
                .starts_with("Focus initially on mastering one in-demand server-side language")
        }));
        // A tips list split over two passages is numbered as one list.
        let excel: Vec<u32> = tips
            .iter()
            .filter(|t| t.list.starts_with("What tips"))
            .map(|t| t.order)
            .collect();
        assert_eq!(excel, (1..=8).collect::<Vec<_>>());
    }

    #[test]
    fn seed_interviews_and_portfolio() {
        let a = full();
        let formats: Vec<&str> = a
            .interviews
            .iter()
            .filter(|i| i.kind == ItemKind::InterviewFormat)
            .map(|i| i.text.as_str())
            .collect();
        assert_eq!(
            formats,
            vec![
                "Coding tests",
                "Database questions",
                "API design problems",
                "System design discussions"
            ]
        );
        let rounds: Vec<String> = a
            .interviews
            .iter()
            .filter(|i| i.kind == ItemKind::InterviewRound)
            .map(|i| i.label.clone().unwrap().to_lowercase())
            .collect();
        for r in [
            "phone screens",
            "coding assessments",
            "technical interviews",
            "behavioral rounds",
        ] {
            assert!(rounds.contains(&r.to_string()), "{r}: {rounds:?}");
        }
        assert!(
            a.interviews
                .iter()
                .any(|i| i.kind == ItemKind::InterviewPitfall
                    && i.cite.source.starts_with("002")
                    && i.cite.line == 62)
        );
        assert!(
            a.interviews
                .iter()
                .any(|i| i.label.as_deref() == Some("Database Design"))
        );
        assert!(a.interviews.iter().all(|i| !PROMO.is_match(&i.text)));
        let kinds = |k: ItemKind| -> Vec<&str> {
            a.portfolio
                .iter()
                .filter(|i| i.kind == k)
                .map(|i| i.text.as_str())
                .collect()
        };
        assert_eq!(
            kinds(ItemKind::PortfolioInclude),
            vec![
                "Real projects",
                "GitHub code links",
                "Clear explanations of features",
                "Deployed applications"
            ]
        );
        assert_eq!(
            kinds(ItemKind::ExampleProject),
            vec![
                "User authentication system",
                "REST API for a mobile app",
                "E-commerce back-end"
            ]
        );
        let resume = kinds(ItemKind::ResumeTip);
        assert!(
            resume.contains(
                &"A skill-based resume strategy emphasizes scale, metrics, and outcomes."
            )
        );
        assert!(resume.contains(&"Customize your resume"));
        assert!(
            resume
                .iter()
                .any(|t| t.starts_with("Tailor your resume by highlighting"))
        );
    }

    #[test]
    fn seed_stage_and_focus_filters() {
        let ps = all_seed_passages();
        let junior = roadmap_answer(&ps, Some(Stage::Junior), Focus::CareerProgression);
        assert_eq!(junior.stages.len(), 1);
        assert_eq!(junior.stages[0].stage, Stage::Junior);
        assert!(junior.lateral_moves.is_empty());
        assert!(
            junior.learning_path.is_empty()
                && junior.interviews.is_empty()
                && junior.portfolio.is_empty()
        );
        let interviews = roadmap_answer(&ps, None, Focus::Interviews);
        assert!(
            interviews.stages.is_empty()
                && interviews.learning_path.is_empty()
                && interviews.portfolio.is_empty()
        );
        assert!(!interviews.interviews.is_empty());
        let full = roadmap_answer(&ps, None, Focus::All);
        assert_eq!(interviews.interviews, full.interviews);
        let path = roadmap_answer(&ps, Some(Stage::Senior), Focus::LearningPath);
        assert_eq!(path.learning_path, full.learning_path);
        assert!(!full.is_empty());
        assert!(roadmap_answer(&[], None, Focus::All).is_empty());
        let summary = full.summary();
        assert!(
            summary
                .contains("Junior: 3 guides; 1–2 years in the stage (001_2be4012d68e4b72e.txt:58)"),
            "{summary}"
        );
        assert!(
            summary.contains("5+ years of experience (001_2be4012d68e4b72e.txt:60)"),
            "{summary}"
        );
    }

    #[test]
    fn seed_json_items_carry_their_citation() {
        let v = serde_json::to_value(full()).unwrap();
        assert_eq!(v["focus"], "all");
        let mut items: Vec<&serde_json::Value> = Vec::new();
        for s in v["stages"].as_array().unwrap() {
            items.extend(s["citations"].as_array().unwrap());
        }
        for m in v["lateral_moves"].as_array().unwrap() {
            items.extend(m["citations"].as_array().unwrap());
        }
        for key in ["learning_path", "interviews", "portfolio"] {
            items.extend(v[key].as_array().unwrap());
        }
        assert!(items.len() > 100);
        for item in items {
            assert!(item["source"].is_string(), "{item}");
            for key in ["line", "start_line", "end_line"] {
                assert!(item[key].is_u64(), "{key} in {item}");
            }
        }
        let junior = &v["stages"][0]["citations"];
        let with_duration = junior
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["duration"].is_object())
            .unwrap();
        assert_eq!(with_duration["duration"]["min_years"], 1.0);
        assert_eq!(with_duration["duration"]["max_years"], 2.0);
        assert_eq!(with_duration["duration"]["open_ended"], false);
        let back: RoadmapAnswer = serde_json::from_value(v).unwrap();
        assert_eq!(back, full());
    }
}
