//! The JSON contracts the README documents for `ask` (and its batch lines), `salary` and
//! `reindex`; `skills`, `roadmap` and `sources` print the core's own types as they serialise.

use std::path::Path;
use std::time::Duration;

use serde::Serialize;

use crate::answer::roadmap::RoadmapAnswer;
use crate::answer::salary::{self, Level, LevelSummary, SalaryAnswer, SalaryFigure};
use crate::answer::skills::{SkillsAnswer, Topic};
use crate::corpus::Skipped;
use crate::engine::{Asked, Card, CardAnswer, Generation, Verdict};
use crate::search::Hit;

/// The documented JSON shape of an answer (see README).
#[derive(Debug, Serialize)]
pub struct JsonAnswer<'a> {
    /// The question as searched.
    pub query: &'a str,
    /// The career the answer was narrowed to (given, or named by the question); `null` for
    /// every career.
    pub career: Option<&'a str>,
    /// Whether the guides answer it, and why not when not (`confident`, `reason`, and for
    /// `not_in_library` the `role` asked about and the `careers` the guides cover).
    #[serde(flatten)]
    pub verdict: &'a Verdict,
    /// The structured card the answer leads with (the first of `cards`); `null` when the
    /// question asks for none the guides can give (see [`JsonCard`]). Kept for readers written
    /// before `cards`.
    pub card: Option<JsonCard<'a>>,
    /// Every structured card the answer leads with, in order: none, one, or one per career a
    /// question naming several careers names (at most [`MAX_CARDS`](crate::engine::card::MAX_CARDS)).
    pub cards: Vec<JsonCard<'a>>,
    /// The careers a question comparing several names that get no card because their guides
    /// hold nothing of what it asks for (no pay figures, skills or stages), in the order it names
    /// them; always present, empty when none lacks one. Their passages are in `results`.
    pub no_card: Vec<&'a str>,
    /// The careers a question comparing several names after the
    /// [`MAX_CARDS`](crate::engine::card::MAX_CARDS) that got a card: not looked at, so not in
    /// `no_card`, but given no card; always present, empty when none.
    pub past_card_limit: Vec<&'a str>,
    /// Ranked passages.
    pub results: Vec<JsonResult<'a>>,
}

/// The documented JSON shape of an answer's structured card (see README).
#[derive(Debug, Serialize)]
pub struct JsonCard<'a> {
    /// What the question asks for: `salary`, `skills` or `roadmap`.
    pub intent: &'a str,
    /// The career the card is about.
    pub career: &'a str,
    /// The level the question names; `null` for none.
    pub level: Option<Level>,
    /// The guides hold nothing at `level`, so the card shows every level.
    pub every_level: bool,
    /// For skills, the topic the question names (a `/skills` topic id); absent for every topic.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topic: Option<&'a str>,
    /// The line saying what the question was read as.
    pub read_as: String,
    /// The answer: as `salary --json`, `skills --json` or `roadmap --json` prints it.
    pub answer: JsonCardAnswer<'a>,
}

/// The answer of a [`JsonCard`].
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum JsonCardAnswer<'a> {
    /// As `salary --json`.
    Salary(JsonSalary<'a>),
    /// As `skills --json`.
    Skills(&'a SkillsAnswer),
    /// As `roadmap --json`.
    Roadmap(&'a RoadmapAnswer),
}

impl<'a> From<&'a Card> for JsonCard<'a> {
    fn from(c: &'a Card) -> Self {
        JsonCard {
            intent: c.intent.id(),
            career: &c.career,
            level: c.level,
            every_level: c.every_level,
            topic: c.topic.map(Topic::id),
            read_as: c.read_as(crate::i18n::Locale::En),
            answer: match &c.answer {
                CardAnswer::Salary(a) => JsonCardAnswer::Salary(JsonSalary::from(a)),
                CardAnswer::Skills(a) => JsonCardAnswer::Skills(a),
                CardAnswer::Roadmap(a) => JsonCardAnswer::Roadmap(a),
            },
        }
    }
}

/// One result in [`JsonAnswer`].
#[derive(Debug, Serialize)]
pub struct JsonResult<'a> {
    /// 1-based rank.
    pub rank: usize,
    /// Relevance score.
    pub score: f32,
    /// Guide file name.
    pub source: &'a str,
    /// Guide title.
    pub title: &'a str,
    /// The career the guide is about.
    pub career: &'a str,
    /// Section heading.
    pub section: &'a str,
    /// First line of the passage.
    pub start_line: u32,
    /// Last line of the passage.
    pub end_line: u32,
    /// Where the guide was published (an `http(s)` link); absent when unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
    /// The whole passage.
    pub text: &'a str,
    /// The best part of the passage, plain text.
    pub snippet: &'a str,
    /// The matched words: `[start, end)` character offsets into `snippet`.
    pub highlights: Vec<[usize; 2]>,
}

/// A batch line that could not be answered (a blank line): `{"query", "results": [], "error"}`,
/// so output lines stay aligned with input lines.
#[derive(Serialize)]
pub(super) struct JsonError<'a> {
    /// The line as read, trimmed.
    pub(super) query: &'a str,
    /// Always empty.
    pub(super) results: [(); 0],
    /// Why it was not answered.
    pub(super) error: String,
}

impl<'a> From<&'a Asked> for JsonAnswer<'a> {
    fn from(a: &'a Asked) -> Self {
        JsonAnswer {
            query: &a.results.query,
            career: a.career.as_deref(),
            verdict: &a.verdict,
            card: a.cards.first().map(JsonCard::from),
            cards: a.cards.iter().map(JsonCard::from).collect(),
            no_card: a.no_card.careers.iter().map(String::as_str).collect(),
            past_card_limit: a.no_card.past_limit.iter().map(String::as_str).collect(),
            results: a.results.hits.iter().map(JsonResult::from).collect(),
        }
    }
}

impl<'a> From<&'a Hit> for JsonResult<'a> {
    fn from(h: &'a Hit) -> Self {
        JsonResult {
            rank: h.rank,
            score: h.score,
            source: &h.passage.source,
            title: &h.passage.title,
            career: &h.passage.career,
            section: &h.passage.section,
            start_line: h.passage.start_line,
            end_line: h.passage.end_line,
            url: h.passage.url.as_deref(),
            text: &h.passage.text,
            snippet: &h.snippet.text,
            highlights: h.snippet.char_highlights(),
        }
    }
}

/// The documented JSON shape of `salary --json` (see README): the [`SalaryAnswer`], with each
/// row the chosen [`SalaryFigure`] itself (it carries its level and citation).
#[derive(Debug, Serialize)]
pub struct JsonSalary<'a> {
    /// The career asked for; `null` for every career.
    pub career: Option<&'a str>,
    /// The level asked for; `null` for every level.
    pub level: Option<Level>,
    /// One figure per guide and level (each carrying its career), by career, level, source.
    pub rows: Vec<&'a SalaryFigure>,
    /// One summary per career, level and period that has rows.
    pub summaries: &'a [LevelSummary],
    /// The guides' qualifiers about pay.
    pub notes: &'a [salary::SalaryNote],
}

impl<'a> From<&'a SalaryAnswer> for JsonSalary<'a> {
    fn from(a: &'a SalaryAnswer) -> Self {
        JsonSalary {
            career: a.career.as_deref(),
            level: a.level,
            rows: a.rows.iter().map(|r| &r.figure).collect(),
            summaries: &a.summaries,
            notes: &a.notes,
        }
    }
}

/// The documented JSON shape of `reindex --json` (see README).
#[derive(Debug, Serialize)]
pub struct JsonReindex<'a> {
    /// Guides indexed.
    pub documents: usize,
    /// Passages indexed.
    pub passages: usize,
    /// Files not indexed, and why.
    pub skipped: &'a [Skipped],
    /// Wall time of the build.
    pub milliseconds: u64,
    /// The index directory.
    pub index: &'a Path,
    /// The generation built.
    pub generation: &'a str,
    /// Peak resident memory of the process (MiB), where the platform reports it.
    pub peak_memory_mb: Option<u64>,
}

impl<'a> JsonReindex<'a> {
    /// The report of a generation `built` into `index` in `elapsed`, the process having peaked
    /// at `peak_memory_mb`.
    pub fn new(
        built: &'a Generation,
        index: &'a Path,
        elapsed: Duration,
        peak_memory_mb: Option<u64>,
    ) -> Self {
        let meta = built.meta();
        JsonReindex {
            documents: meta.guides.len(),
            passages: meta.passages,
            skipped: &meta.skipped,
            milliseconds: u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX),
            index,
            generation: built.generation(),
            peak_memory_mb,
        }
    }
}
