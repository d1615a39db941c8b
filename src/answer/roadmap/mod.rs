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
//!   (f) A guide's own ladder ([`extract_ladder`]); its rungs win over any other reading of
//!   their lines. Else a table of roles ordered by the years they give ("| Charge nurse (5+
//!   years) | $47–$55 |", [`extract_table_ladder`]), or a ladder named by role titles alone under
//!   a progression heading: a numbered or timed list (a line may open with its number or its
//!   time, "Level 2 — Apprentice operator. …", "Years 3-5: Site engineer. …"), a table of ranks, an arrow chain (its
//!   rungs may be the career's acronyms, "Staff RT", or Spanish titles written "Jefe/a"), a
//!   definition list of roles (`role_ladder.rs`), else a paragraph telling each move to a role,
//!   or opening a sentence with a role its title word places (`role_prose.rs`); a ladder of
//!   titles under a ladder heading wins over a table of roles by years under another; the
//!   titles' reading wins over a table's when it reads every rung of it and more. Every ladder
//!   is read over whole sections: a section the splitter cut into several passages is one
//!   (`lines::whole_sections`), each rung cited to its own passage; a rung names one role, a
//!   plural title named in the singular when the rule makes it clear ("Training captains" →
//!   "Training captain", `role_ladder::singular_role`). (g) Only for a
//!   guide where none of these
//!   finds a stage: a career path told in prose, each clause naming a level word with a role
//!   word ("then senior designers after five or more years"), a field after "head of" ("head of
//!   design") or a clause that is only a role ending in a title word ("design lead"), `prose.rs`.
//!   A role's stage: the title words of `assets/roadmap.toml` ([`RoleTitles`]): lead words
//!   (lead, head of, principal, manager, director, chief, …) win over senior, then mid, then
//!   junior/entry; a word the level table's exceptions rule out is no level ("staff nurse":
//!   "staff" counts only before a technical role, `assets/levels.toml`). A time is a role's only
//!   on the role's side of a semicolon.
//! - **Durations** ([`parse_durations`]): "1 to 2 years", "2-4 years", "over five years",
//!   "5+ years", "at least 3 years", "up to 2 years", "6 months", "6–8 weeks", "a 12-week
//!   course", "12 semanas" → `min_years`, `max_years` (weeks too are kept in years, so they
//!   compare and add up with the rest; `unit` says to show them in weeks), `open_ended`; the sentence says what the time is ([`DurationKind`]) — a bold lead
//!   ("**Work as a staff nurse (1–3 years).**") is a sentence of its own, and "after five years"
//!   counts from the start of the career.
//! - **Lateral moves**: tracks (DevOps, data engineering, full-stack, cloud, machine learning, …;
//!   a small lexicon matched with the same analyzer as the skills) named in a sentence with a
//!   lateral cue ("lateral", "pivot", "transition into", "specializing in", "career paths") or
//!   listed under a career-paths line.
//! - **Learning path**: items listed under a learning-path line or heading ("Step-by-Step Learning
//!   Path", "consider the following steps:", "How to Become …"), every bulleted or numbered item
//!   of such a section, its lines labelled by a time or a sequence word ("Year 1: …",
//!   "Years 2-3: …", "Phase 1 (6–8 weeks): …", "After graduating: …", "Then: …"; the time a
//!   label gives is the step's `duration`, [`step_labels`]; else a time in parentheses ending the step, "Earn a degree (3
//!   years).", is), and its imperative sentences ("Start by mastering one backend language …")
//!   are steps; bullets and imperative sentences in a tips section ("What tips do you need …",
//!   "How can you advance …") are tips.
//!   A run of headings numbered by a sequence word ("### Step 2 — Earn a PPL") is a path of its
//!   own: each heading is a step, its time the first the text under it gives, and that text is
//!   the step's (`headed_steps.rs`). Items lettered "a) … b) …", lines numbered "Step 1. …", a
//!   table whose header names a time column ("| Step | Duration |"), paragraphs each telling
//!   the next step with an order word ("Graduates then register …") and, under any heading, a
//!   numbered list whose items each open with an action in bold ("1. **Finish your degree.**
//!   …") are steps too (`path_shapes.rs`); every item of a path's list is a step but one that sells
//!   (`promo_in_steps`).
//! - **Wrapped lines** ([`lines`]): a list item wrapped onto continuation lines (or onto a
//!   parenthesis, "(3–4 years).") is read whole and cited at its first line; a hard-wrapped
//!   sentence is read whole and cited where it starts. A Markdown heading (or a plain-text line
//!   in capitals) packed into a passage is a heading, and the lines under it are cited under it.
//!   Sentences selling a course or programme are not steps.
//! - **Interviews**: items listed under "interviews usually include:", sentences naming an
//!   interview round with what it assesses ("Coding assessments test …"), sentences on what
//!   interviews evaluate (labelled by the skill when the guide says "this skill"), failure
//!   patterns, and imperative advice after an interview list.
//! - **Portfolio**: items under "Portfolio Should Include:" / "Example projects:", sentences about
//!   the portfolio or resume (every sentence of a section about the resume), and sentences about
//!   showcasing projects.
//! - **Cue words** ([`RoadmapCues`], data: `assets/roadmap_cues.toml`): every heading, lead-in and
//!   sentence cue above, the sentences that sell (never items) and the verbs that open an
//!   imperative, in English and Spanish, matched as whole words with accents optional ("How to
//!   land your first … job", "Breaking into …", "Cómo conseguir tu primer empleo", "Consejos
//!   para la entrevista"; "Publica", "Publique", "Prepárate"). A Spanish tú form that is also the
//!   third person ("Trabaja en hospitales") is an imperative only where its sentence or
//!   paragraph speaks to the reader. Each line is read under the heading it sits under, one
//!   packed into its passage or the passage's own.
//! - **Text** (`plain.rs`): an item's text is shown without Markdown emphasis ("**Product
//!   sense:** …" → "Product sense: …"), taken out after every pattern has read it.

mod cues;
mod durations;
mod extract;
mod gather;
mod headed_steps;
mod ladder;
mod lines;
mod path_shapes;
mod plain;
mod prose;
mod role_ladder;
mod role_prose;
mod step_labels;
mod table_ladder;
mod titles;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::answer::level::Level;
use crate::i18n::Locale;

pub use crate::answer::citation::Citation;
pub use cues::{Cue, RoadmapCues};
pub use durations::parse_durations;
pub use extract::{
    Tracks, classify_role, extract_interview_items, extract_lateral_moves, extract_portfolio_items,
    extract_stages, extract_steps,
};
pub(crate) use gather::capitalised;
pub use gather::{GuideRoadmap, RoadmapFacts, RoadmapGathering, extract_guide, roadmap_answer};
pub use ladder::extract_ladder;
pub use table_ladder::extract_table_ladder;
pub use titles::RoleTitles;

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

/// Weeks in a year: a span in weeks is kept in years like the others.
pub const WEEKS_PER_YEAR: f64 = 52.0;

/// A time span as data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Duration {
    /// Lower end in years (months / 12, weeks / 52).
    pub min_years: f64,
    /// Upper end in years; `None` when open-ended.
    pub max_years: Option<f64>,
    /// "over five years", "5+ years", "at least 3 years".
    pub open_ended: bool,
    pub kind: DurationKind,
    /// The exact text on the line, e.g. "1 to 2 years".
    pub raw: String,
    /// The unit the guide counts in when it is not years or months: `"weeks"` ("6–8 weeks", "12
    /// semanas"); the span is still in years above, so it compares and adds up with the others.
    #[serde(default, skip_serializing_if = "SpanUnit::is_years_or_months")]
    pub unit: SpanUnit,
}

/// The unit a time span is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpanUnit {
    /// Years, or months for a span within a year ("1–2 years", "6 months", "3–12 months").
    #[default]
    YearsOrMonths,
    /// Weeks, as the guide counts them ("6–8 weeks", "a 12-week bootcamp").
    Weeks,
}

impl SpanUnit {
    /// Whether the span is shown in years or months (the default, left out of JSON).
    pub fn is_years_or_months(&self) -> bool {
        *self == SpanUnit::YearsOrMonths
    }
}

impl Duration {
    /// "1–2 years", "5+ years", "6 months" in English (the CLI's); [`Self::words`] in a language.
    pub fn label(&self) -> String {
        self.words(Locale::En)
    }

    /// The span in `lang`, its unit and plural from the catalogue: "1–2 years", "1–2 años",
    /// "1 year", "6 meses".
    pub fn words(&self, lang: Locale) -> String {
        fn num(v: f64) -> String {
            let s = format!("{v:.2}");
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        }
        // "3–12 months" stays in months: an upper end of a year is still counted in months; a
        // span counted in weeks stays in weeks.
        let weeks = self.unit == SpanUnit::Weeks;
        let months =
            !weeks && self.max_years.unwrap_or(self.min_years) <= 1.0 && self.min_years < 1.0;
        let scale = if weeks {
            WEEKS_PER_YEAR
        } else if months {
            12.0
        } else {
            1.0
        };
        // To the hundredth shown: 1/52 of a year is one week again, and a singular.
        let shown = |v: f64| (v * 100.0).round() / 100.0;
        let low = shown(self.min_years * scale);
        let (shape, high) = match self.max_years {
            None => ("open", low),
            Some(hi) if hi == self.min_years => ("one", low),
            Some(hi) => ("range", shown(hi * scale)),
        };
        let mut args = crate::i18n::Args::new();
        args.set("shape", shape);
        args.set("low", num(low));
        args.set("high", num(high));
        // Picks the unit's plural for one amount ("1 year", "1.5 years").
        args.set("count", low);
        let id = if weeks {
            "duration-weeks"
        } else if months {
            "duration-months"
        } else {
            "duration-years"
        };
        crate::i18n::message(lang, id, Some(&args))
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
    /// A rung of the guide's own ladder: an ordered list of roles, each with a time span.
    Ladder,
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
    /// The career whose guides describe it.
    pub career: String,
    pub stage: Stage,
    pub label: String,
    /// Distinct guides citing it.
    pub guides: u32,
    /// The roles of the guide's ladder that share this stage, in the guide's order, when two or
    /// more do ("Lead technician", "Blade repair specialist"): each keeps its own citation, time
    /// and place, and the label names them all ("Lead technician → Blade repair specialist").
    /// Empty when the stage is one rung or none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rungs: Vec<String>,
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
    /// The career whose guides name it.
    pub career: String,
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PathStep {
    /// 1-based position in its list.
    pub order: u32,
    pub kind: StepKind,
    /// Verbatim text (list marker and number removed).
    pub text: String,
    /// When along the path the step falls, as its time label gives it ("Year 1:" → within the
    /// first year, "Years 2-3:" → 2–3 years).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<Duration>,
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

impl ItemKind {
    /// Whether the item is about interviews (else about the portfolio and resume).
    pub fn is_interview(self) -> bool {
        matches!(
            self,
            ItemKind::InterviewFormat
                | ItemKind::InterviewRound
                | ItemKind::InterviewEvaluation
                | ItemKind::InterviewPitfall
                | ItemKind::InterviewAdvice
        )
    }
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
    /// The career asked for; `None`: every career, each stage and move saying which.
    pub career: Option<String>,
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

    /// The careers of its stages, moves, steps and items, in order.
    pub fn careers(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        let all = self
            .stages
            .iter()
            .map(|s| s.career.as_str())
            .chain(self.lateral_moves.iter().map(|m| m.career.as_str()))
            .chain(self.learning_path.iter().map(|s| s.cite.career.as_str()))
            .chain(self.interviews.iter().map(|i| i.cite.career.as_str()))
            .chain(self.portfolio.iter().map(|i| i.cite.career.as_str()));
        for c in all {
            if !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }

    /// One line per stage with its durations, e.g. "Junior: 1–2 years in stage (001_…:58)"
    /// (with several careers, each stage says its career).
    pub fn summary(&self) -> String {
        let several = self.careers().len() > 1;
        let mut out = Vec::new();
        for s in &self.stages {
            let label = if several {
                format!("{} · {}", s.career, s.label)
            } else {
                s.label.clone()
            };
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
                out.push(format!("{label}: {} guide{plural}", s.guides));
            } else {
                out.push(format!(
                    "{label}: {} guide{plural}; {}",
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
