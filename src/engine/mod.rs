//! The one service every face holds: questions answered with citations and a verdict, structured
//! answers (salary and its chart, skills, roadmap and its timeline), the library's status,
//! reindexing, and the guide files admins manage. It knows nothing of Discord, HTTP or terminals.
//!
//! Cloning an [`Engine`] is shallow (it is an `Arc`). Every method is blocking (search, file
//! I/O): async callers run it off their reactor threads.

pub mod card;
pub mod cited;
pub mod conversation;
#[cfg(test)]
pub(crate) mod fixtures;
pub mod guides;
pub mod intent;
pub mod library;
pub mod scope;
pub mod shared;
pub mod topic;
pub mod verdict;

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use crate::answer::chart::{self, ChartError};
use crate::answer::facts::FactsError;
use crate::answer::roadmap::{Focus, RoadmapAnswer, Stage};
use crate::answer::salary::{Level, SalaryAnswer};
use crate::answer::skills::{SkillsAnswer, Topic};
use crate::answer::timeline;
use crate::config::SearchConfig;
use crate::corpus::SeedSource;
use crate::corpus::careers::{CareerMatch, match_career};
use crate::i18n::Locale;
use crate::search::{self, BuildProgress, IndexError, QuestionError, SearchOptions, SearchResults};
use crate::store::Store;
use crate::vocab::Vocabulary;

pub use card::{Card, CardAnswer, NoCard};
pub use cited::PassageId;
pub use conversation::{Carried, Context, Reading};
pub use guides::{GuideError, MAX_GUIDE_UPLOAD, check_guide_name};
pub use intent::Intent;
pub use library::{Counts, Generation, Library, OpenOutcome, ReindexReport, build_generation};
pub use scope::QuestionCareer;
pub use shared::{LibraryState, SyncFailure};
pub use verdict::{Reason, Verdict};

/// Size of the salary chart, in pixels.
pub const CHART_SIZE: (u32, u32) = (1000, 620);
/// Width of a roadmap timeline, in pixels (its height follows its stages).
pub const TIMELINE_WIDTH: u32 = 1000;
/// Images kept (each is one chart or timeline of one generation).
const CHARTS_KEPT: usize = 32;
/// Structured cards kept: 3 intents × 5 levels of some 17 careers. A skills card of a large
/// library holds many skills with their citations, so the count stays small to bound memory.
const CARDS_KEPT: usize = 256;
/// Most suggestions offered while a question is typed (Discord shows 25).
const MAX_SUGGESTIONS: usize = 25;

/// What the engine needs besides the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngineSettings {
    /// Passages per page of an answer.
    pub limit: usize,
    /// Visible characters per snippet.
    pub snippet_chars: usize,
    /// Where removed guides are kept.
    pub removed_dir: PathBuf,
}

impl EngineSettings {
    /// The settings for this search configuration, keeping removed guides under `data_dir`.
    pub fn new(search: &SearchConfig, data_dir: &Path) -> EngineSettings {
        EngineSettings {
            limit: search.limit,
            snippet_chars: search.snippet_chars,
            removed_dir: data_dir.join("removed-guides"),
        }
    }
}

/// Errors of the structured answers.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// The generation's facts could not be read, and rebuilding them failed too.
    #[error("the index's extracted facts are damaged and could not be rebuilt: {0}")]
    Facts(String),
    /// A chart or timeline could not be drawn.
    #[error("cannot draw the image: {0}")]
    Chart(#[from] ChartError),
    /// The generation's passages could not be read.
    #[error("cannot read the index's passages: {0}")]
    Passages(String),
}

/// A career of the library.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CareerInfo {
    /// Its name, as answers write it.
    pub name: String,
    /// How many guides are about it.
    pub guides: usize,
}

/// Why a member's name for a career names none of the library's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CareerError {
    /// No career of the library.
    #[error("no guide is about {asked:?}; the guides cover: {}", known.join(", "))]
    Unknown {
        /// What was asked.
        asked: String,
        /// The careers the library covers.
        known: Vec<String>,
    },
    /// Several careers.
    #[error("{asked:?} could be {}; say which", options.join(" or "))]
    Ambiguous {
        /// What was asked.
        asked: String,
        /// The careers it could be.
        options: Vec<String>,
    },
}

/// An answer to a question, with the generation it came from.
#[derive(Debug, Clone)]
pub struct Asked {
    /// The ranked passages of the page asked for.
    pub results: SearchResults,
    /// Whether the guides answer the question (judged on the first page).
    pub verdict: Verdict,
    /// The generation that answered (for its guides and build time).
    pub generation: Arc<Generation>,
    /// The career the answer was narrowed to, `None` for every career.
    pub career: Option<String>,
    /// The careers of the library the question names, in the order it names them, when it
    /// names several and no career narrows the answer (their passages come in turn, see
    /// [`interleaved`]); empty otherwise.
    pub several: Vec<String>,
    /// The one career of the library the question names only by the last word of its name
    /// ("how much do nurses make" → "Registered Nurse"), when it names none in full.
    pub named_by_last_word: Option<String>,
    /// The structured cards to lead with ([`Engine::ask_with_card`]): none from
    /// [`Engine::ask`], or when the question asks for none the guides can give; one for an
    /// answer about one career; one per career a question naming several names, that the guides
    /// have facts of (at most [`card::MAX_CARDS`]).
    pub cards: Vec<Card>,
    /// The careers a question naming several names whose guides hold nothing of what it asks
    /// for (no figures, skills or stages), so they get no card, only their passages
    /// ([`Engine::ask_with_card`]), and those named after the [`card::MAX_CARDS`] that got one;
    /// every face says so ([`NoCard::lines`]). None when every career named has its card, when
    /// the question names one career or none, or asks for no card.
    pub no_card: NoCard,
}

/// A structured card that could not be made because its facts failed to load (logged where it
/// happened): unlike a career with no facts of that kind, not said to have none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct CardFailed;

impl Asked {
    /// Whether each cited passage should say which career its guide is about: the answer was
    /// not narrowed to one career, and the library covers several.
    pub fn says_careers(&self) -> bool {
        self.career.is_none() && career_names(&self.generation).len() > 1
    }
}

/// The ISO codes of the currencies `career`'s salary figures are in; none when the facts cannot
/// be read (logged).
fn pay_currencies(generation: &Generation, career: &str) -> Vec<String> {
    match generation.facts().salary(generation) {
        Ok(facts) => facts
            .answer(Some(career), None)
            .currencies()
            .into_iter()
            .map(str::to_string)
            .collect(),
        Err(e) => {
            tracing::warn!(error = %e, career, "cannot read salary facts for the verdict");
            Vec::new()
        }
    }
}

/// The careers of a generation's guides, by name.
fn career_names(generation: &Generation) -> Vec<String> {
    let mut names: Vec<String> = generation
        .meta()
        .guides
        .iter()
        .map(|g| g.career.clone())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// A structured answer, with the generation it came from.
#[derive(Debug, Clone)]
pub struct Answered<T> {
    /// The answer.
    pub answer: T,
    /// The generation that answered.
    pub generation: Arc<Generation>,
}

/// The library at a glance.
#[derive(Debug, Clone)]
pub struct Status {
    /// The generation serving.
    pub generation: Arc<Generation>,
    /// Whether a reindex runs in this process.
    pub reindexing: bool,
    /// Since the engine started.
    pub uptime: Duration,
    /// Where this replica's copy of the library shared through the database stands (`None`
    /// when the library is not shared).
    pub library: Option<LibraryState>,
}

/// What an image of the cache shows, for one generation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Image {
    /// One career's salary chart, guide by guide (every guide's when the library has one career).
    Salary(Option<String>, Option<Level>),
    /// Every career's salaries side by side.
    SalaryAllCareers(Option<Level>),
    /// One career's roadmap timeline (of one stage, or of them all).
    Timeline(String, Option<Stage>),
}

/// An image's key: the generation, what it shows, and the language of its words.
type ChartKey = (String, Image, Locale);

/// The answer to a question naming several careers of the library ("do electricians earn more
/// than data analysts?"): each career's own best passages in turn, the career whose best passage
/// scores highest first, so one career's guides cannot crowd out the other's. `all` is the search
/// over every guide, whose query and terms the answer keeps; `None`-career pages are cut from the
/// merged list as any page is.
fn interleaved(
    generation: &Generation,
    question: &str,
    options: &SearchOptions,
    named: &[String],
    places: &[search::Place],
    all: SearchResults,
) -> Result<SearchResults, QuestionError> {
    let wanted = options.offset + options.limit.clamp(1, search::MAX_LIMIT);
    let mut per_career: Vec<SearchResults> = Vec::with_capacity(named.len());
    for career in named {
        let narrowed = SearchOptions {
            offset: 0,
            limit: wanted.min(search::MAX_LIMIT),
            career: Some(career.clone()),
            ..options.clone()
        };
        per_career.push(search::search_scoped(
            generation, question, &narrowed, places,
        )?);
    }
    per_career.sort_by(|a, b| {
        let best = |r: &SearchResults| r.hits.first().map_or(f32::MIN, |h| h.score);
        best(b).total_cmp(&best(a))
    });
    let mut merged: Vec<search::Hit> = Vec::new();
    let deepest = per_career.iter().map(|r| r.hits.len()).max().unwrap_or(0);
    for i in 0..deepest {
        for r in &per_career {
            if let Some(h) = r.hits.get(i) {
                merged.push(h.clone());
            }
        }
    }
    let has_more = merged.len() > wanted || per_career.iter().any(|r| r.has_more);
    let hits = merged
        .into_iter()
        .enumerate()
        .skip(options.offset)
        .take(wanted - options.offset)
        .map(|(i, mut h)| {
            h.rank = i + 1;
            h
        })
        .collect();
    Ok(SearchResults {
        hits,
        has_more,
        ..all
    })
}

/// A structured card's key: the generation, what the question asks for, its career, level and
/// skills topic. The card is a function of these alone, so a batch of questions asking the same
/// thing aggregates the facts once.
type CardKey = (String, Intent, String, Option<Level>, Option<Topic>);

struct Inner {
    library: Library,
    settings: EngineSettings,
    /// Salary charts and timelines by generation and what they show: each drawn once, by one
    /// caller at a time.
    charts: quick_cache::sync::Cache<ChartKey, Arc<Vec<u8>>>,
    /// Structured cards by generation, intent, career and level (`None`: the guides hold no
    /// card for them).
    cards: quick_cache::sync::Cache<CardKey, Option<Card>>,
    started: Instant,
    /// The library shared through the database, once [`Engine::share_library`] succeeded.
    shared: OnceLock<shared::Shared>,
}

/// The engine. Cloning is shallow.
#[derive(Clone)]
pub struct Engine {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("library", &self.inner.library)
            .finish_non_exhaustive()
    }
}

impl Engine {
    /// An engine over an opened library.
    pub fn new(library: Library, settings: EngineSettings) -> Engine {
        Engine {
            inner: Arc::new(Inner {
                library,
                settings,
                charts: quick_cache::sync::Cache::new(CHARTS_KEPT),
                cards: quick_cache::sync::Cache::new(CARDS_KEPT),
                started: Instant::now(),
                shared: OnceLock::new(),
            }),
        }
    }

    /// The vocabulary guides and questions are read with.
    pub fn vocabulary(&self) -> &Arc<Vocabulary> {
        self.inner.library.vocabulary()
    }

    /// The settings it runs with.
    pub fn settings(&self) -> &EngineSettings {
        &self.inner.settings
    }

    /// The generation serving now (hold it for one request).
    pub fn current(&self) -> Arc<Generation> {
        self.inner.library.current()
    }

    /// Search options for page `page` (0-based) with the configured page size.
    pub fn page(&self, page: usize) -> SearchOptions {
        let limit = self.inner.settings.limit.max(1);
        SearchOptions {
            limit,
            offset: page * limit,
            snippet_chars: self.inner.settings.snippet_chars,
            career: None,
        }
    }

    /// Answers a question: one page of cited passages and the verdict, from the guides about
    /// `options.career` (every guide when `None`; when the question names several careers of
    /// the library, their passages in turn, see [`interleaved`]). A question about an occupation
    /// no guide covers (see [`Engine::question_career`]) gets no passages and the verdict
    /// [`Reason::NotInLibrary`], naming the careers the library covers.
    ///
    /// # Errors
    /// [`QuestionError`] for a blank question.
    pub fn ask(&self, question: &str, options: SearchOptions) -> Result<Asked, QuestionError> {
        let generation = self.current();
        let places = self.places(question);
        let mut results = search::search_scoped(&generation, question, &options, &places)?;
        let careers = career_names(&generation);
        let scope::Scope {
            career: scope,
            by_last_word: named_by_last_word,
        } = scope::read(self.vocabulary(), &generation, &careers, &results.query);
        let several = match (&options.career, &scope) {
            (None, QuestionCareer::Several(named)) => named.clone(),
            _ => Vec::new(),
        };
        if !several.is_empty() {
            results = interleaved(&generation, question, &options, &several, &places, results)?;
        }
        // The one career the question names by its last word alone ("nurses"), when it names
        // none in full.
        let by_last_word = match &scope {
            QuestionCareer::None => named_by_last_word.clone(),
            _ => None,
        };
        // A question naming a career of the library, even by its last word alone, is a career
        // question whatever its other words.
        let names_career = by_last_word.is_some()
            || matches!(scope, QuestionCareer::Named(_) | QuestionCareer::Several(_));
        // The career the verdict holds the question to: the one the answer is narrowed to, else
        // the library's only one, else the one named by its last word.
        let about_career = match (&options.career, careers.as_slice(), &scope) {
            (Some(career), _, _) => Some(career.clone()),
            (None, [only], _) => Some(only.clone()),
            (None, _, QuestionCareer::Named(career)) => Some(career.clone()),
            (None, _, _) => by_last_word,
        };
        let currencies = || {
            about_career
                .as_deref()
                .map(|career| pay_currencies(&generation, career))
                .unwrap_or_default()
        };
        let held_to = about_career.as_deref().map(|career| topic::CareerPay {
            career,
            currencies: &currencies,
        });
        let verdict = if let QuestionCareer::NotInLibrary(role) = scope {
            // Every passage would be about another career.
            results.hits.clear();
            results.has_more = false;
            Verdict::not(Reason::NotInLibrary { role, careers })
        } else if let Some(reason) = topic::read(
            self.vocabulary(),
            &generation,
            &results.query,
            &results.terms,
            names_career,
            held_to.as_ref(),
        ) {
            if reason == Reason::OffTopic {
                // No passage is about it.
                results.hits.clear();
                results.has_more = false;
            }
            Verdict::not(reason)
        } else if let Some(reason) = match about_career {
            Some(career) => topic::unmentioned(
                self.vocabulary(),
                &generation,
                &career,
                careers.len() == 1,
                &results.query,
            ),
            // Held to no career: a workplace topic no guide of the library treats.
            None => topic::untreated_by_library(self.vocabulary(), &generation, &results.query),
        } {
            Verdict::not(reason)
        } else if options.offset == 0 {
            verdict::judge_best_of(&results, several.len())
        } else {
            // Later pages of an answer were shown because the first page was judged; judge
            // that page again, not the deeper one.
            let first = SearchOptions {
                offset: 0,
                limit: several.len().max(1),
                ..options.clone()
            };
            let mut page = search::search_scoped(&generation, question, &first, &places)?;
            if !several.is_empty() {
                page = interleaved(&generation, question, &first, &several, &places, page)?;
            }
            verdict::judge_best_of(&page, several.len())
        };
        Ok(Asked {
            results,
            verdict,
            generation,
            career: options.career,
            several,
            named_by_last_word,
            cards: Vec::new(),
            no_card: NoCard::default(),
        })
    }

    /// [`Engine::ask`], and on the first page the structured cards the answer leads with when
    /// the question asks for pay, skills or the way up ([`Engine::cards`]): the one call every
    /// face makes for a question.
    ///
    /// # Errors
    /// [`QuestionError`] for a blank question.
    pub fn ask_with_card(
        &self,
        question: &str,
        options: SearchOptions,
    ) -> Result<Asked, QuestionError> {
        let first_page = options.offset == 0;
        let mut asked = self.ask(question, options)?;
        if first_page {
            (asked.cards, asked.no_card) = self.cards_and_none(&asked);
        }
        Ok(asked)
    }

    /// The structured cards for an answer: when the verdict is confident and the question asks
    /// for pay, skills or the way up ([`Engine::intent`]), the answer `salary`, `skills` or
    /// `roadmap` gives for each career the answer is about, at the level the question names
    /// ([`card::question_level`]; every level when the guides hold nothing at it). An answer
    /// about one career gets its card ([`Engine::card`]); a question naming several careers of
    /// the library ([`Asked::several`]) gets one card per career, in the order it names them,
    /// the level it names applying to each, at most [`card::MAX_CARDS`]. A career the guides hold
    /// nothing of that kind for gets no card. Facts that cannot be read cost the card (logged),
    /// not the answer.
    pub fn cards(&self, asked: &Asked) -> Vec<Card> {
        self.cards_and_none(asked).0
    }

    /// [`Engine::cards`], and the careers named that get none because their guides hold nothing
    /// of that kind ([`Asked::no_card`]): of the careers looked at until [`card::MAX_CARDS`]
    /// cards are made, the ones without a card; the careers named after those are past the
    /// limit (not looked at, so not said to lack facts).
    fn cards_and_none(&self, asked: &Asked) -> (Vec<Card>, NoCard) {
        if asked.several.len() < 2 {
            return (self.card(asked).into_iter().collect(), NoCard::default());
        }
        if !asked.verdict.confident {
            return (Vec::new(), NoCard::default());
        }
        let question = &asked.results.query;
        let Some(intent) = self.intent(question) else {
            return (Vec::new(), NoCard::default());
        };
        let level = card::question_level_of(self.vocabulary().levels(), &asked.several, question)
            .or_else(|| card::starting_level(self.vocabulary().levels(), intent, question));
        let topic = (intent == Intent::Skills)
            .then(|| self.question_topic(question))
            .flatten();
        let (mut cards, mut none, mut past_limit) = (Vec::new(), Vec::new(), Vec::new());
        for career in &asked.several {
            if cards.len() == card::MAX_CARDS {
                past_limit.push(career.clone());
                continue;
            }
            match self.cached_card(&asked.generation, intent, career.clone(), level, topic) {
                Ok(Some(card)) => cards.push(card),
                Ok(None) => none.push(career.clone()),
                // Its facts failed to load (logged): not said to lack any.
                Err(CardFailed) => {}
            }
        }
        let none = NoCard {
            intent: (!none.is_empty()).then_some(intent),
            careers: none,
            past_limit,
        };
        (cards, none)
    }

    /// The structured card for an answer about one career: when the verdict is confident and
    /// the question asks for pay, skills or the way up ([`Engine::intent`]), the answer
    /// `salary`, `skills` or `roadmap` gives for the answer's career (or the library's only one)
    /// at the level the question names ([`card::question_level`]; every level when the guides
    /// hold nothing at it). The career is the one the answer was narrowed to, else the library's
    /// only one, else the one the question names by its last word alone ("nurses") when the best
    /// passage is about it. `None` when the answer spans several careers, or the guides hold
    /// nothing for that career. Facts that cannot be read cost the card (logged), not the answer.
    pub fn card(&self, asked: &Asked) -> Option<Card> {
        if !asked.verdict.confident {
            return None;
        }
        let question = &asked.results.query;
        let intent = self.intent(question)?;
        let career = match &asked.career {
            Some(c) => c.clone(),
            None => match career_names(&asked.generation).as_slice() {
                [only] => only.clone(),
                // A career named by its last word only ("nurses"), when the best passage is
                // about it too.
                _ => {
                    let named = asked.named_by_last_word.clone()?;
                    let best = asked.results.hits.first().map(|h| &h.passage.career);
                    if best != Some(&named) {
                        return None;
                    }
                    named
                }
            },
        };
        let level = card::question_level(self.vocabulary().levels(), &career, question)
            .or_else(|| card::starting_level(self.vocabulary().levels(), intent, question));
        let topic = (intent == Intent::Skills)
            .then(|| self.question_topic(question))
            .flatten();
        self.cached_card(&asked.generation, intent, career, level, topic)
            .ok()
            .flatten()
    }

    /// The card for `intent`, `career`, `level` and `topic` of `generation`, made once per
    /// generation ([`Engine::card_for`]); `None` when the guides hold nothing of that kind for
    /// the career, [`CardFailed`] when its facts cannot be read (logged).
    fn cached_card(
        &self,
        generation: &Generation,
        intent: Intent,
        career: String,
        level: Option<Level>,
        topic: Option<Topic>,
    ) -> Result<Option<Card>, CardFailed> {
        let key = (
            generation.generation().to_string(),
            intent,
            career,
            level,
            topic,
        );
        match self
            .inner
            .cards
            .get_or_insert_with(&key, || self.card_for(intent, &key.2, level, topic))
        {
            Ok(card) => Ok(card),
            Err(e) => {
                tracing::warn!(error = %e, %intent, career = key.2, "the structured card could not be made");
                Err(CardFailed)
            }
        }
    }

    /// The card for `intent`, `career` and `level` from the current generation's facts (every
    /// level's, said so, when the guides hold nothing at that level); `None` when they hold
    /// nothing of that kind for the career.
    fn card_for(
        &self,
        intent: Intent,
        career: &str,
        level: Option<Level>,
        topic: Option<Topic>,
    ) -> Result<Option<Card>, EngineError> {
        // A topic the guides name no skills of gives the card of every topic.
        let topic = match topic {
            Some(t) if !self.skills(Some(career), t, None)?.answer.is_empty() => Some(t),
            _ => None,
        };
        let at = |level: Option<Level>| -> Result<Option<CardAnswer>, EngineError> {
            let c = Some(career);
            Ok(match intent {
                Intent::Salary => Some(self.salary(c, level)?.answer)
                    .filter(|a| !a.is_empty())
                    .map(CardAnswer::Salary),
                Intent::Skills => Some(self.skills(c, topic.unwrap_or(Topic::All), level)?.answer)
                    .filter(|a| !a.is_empty())
                    .map(CardAnswer::Skills),
                Intent::Roadmap => {
                    let stage = level.and_then(Stage::from_level);
                    Some(self.roadmap(c, stage, Focus::CareerProgression)?.answer)
                        .filter(|a| !a.stages.is_empty())
                        .map(CardAnswer::Roadmap)
                }
            })
        };
        let found = match at(level)? {
            Some(answer) => Some((answer, false)),
            None if level.is_some() => at(None)?.map(|a| (a, true)),
            None => None,
        };
        Ok(found.map(|(answer, every_level)| Card {
            intent,
            career: career.to_string(),
            level,
            every_level,
            topic,
            answer,
        }))
    }

    /// For each of `ids`, whether the current generation still has that passage as it was
    /// (same guide file, lines and text): what a pinned answer cited, checked after a reindex.
    ///
    /// # Errors
    /// [`EngineError::Passages`] when the generation's passages cannot be read.
    pub fn passages_unchanged(&self, ids: &[PassageId]) -> Result<Vec<bool>, EngineError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let passages = self
            .current()
            .passages()
            .map_err(|e| EngineError::Passages(e.to_string()))?;
        Ok(cited::still_there(&passages, ids))
    }

    /// The places `question` names, as the search reads them ([`search::search_scoped`]).
    fn places(&self, question: &str) -> Vec<search::Place> {
        let v = self.vocabulary();
        let words: Vec<Arc<str>> = v
            .analyzer()
            .analyze(question)
            .into_iter()
            .map(|t| t.text)
            .collect();
        v.topics().places(&words)
    }

    /// What a question asks for, when it is one of the structured answers (pay, skills, the way
    /// up); `None` when no intent clearly leads (see `assets/intents.toml`). Naming a skills
    /// topic ("tools", "certifications") is a hint of skills.
    pub fn intent(&self, question: &str) -> Option<Intent> {
        let v = self.vocabulary();
        let topic = self.question_topic(question).map(|_| Intent::Skills);
        v.intents().read_with_hint(v.analyzer(), question, topic)
    }

    /// What a question says about careers: the one career of the library it names (its name,
    /// in any case, plural or spelling, or an alias from the vocabulary), several, an occupation
    /// no guide covers, or none.
    pub fn question_career(&self, question: &str) -> QuestionCareer {
        let generation = self.current();
        scope::read(
            self.vocabulary(),
            &generation,
            &career_names(&generation),
            question,
        )
        .career
    }

    /// Reads one kind of fact from the current generation. A damaged facts file is logged,
    /// the generation is rebuilt (the guides did not change, so the answer will be the same as
    /// it should have been), and the read is tried once more on the new generation.
    fn facts<T>(
        &self,
        read: impl Fn(&Generation) -> Result<Arc<T>, FactsError>,
    ) -> Result<(Arc<Generation>, Arc<T>), EngineError> {
        let generation = self.current();
        match read(&generation) {
            Ok(facts) => Ok((generation, facts)),
            Err(e) => {
                tracing::error!(error = %e, generation = generation.generation(), "the generation's facts are damaged; rebuilding it");
                // The guides did not change: this replica alone rebuilds.
                self.inner
                    .library
                    .reindex(|_| {})
                    .map_err(|rebuild| EngineError::Facts(format!("{e}; rebuild: {rebuild}")))?;
                let generation = self.current();
                let facts = read(&generation).map_err(|e| EngineError::Facts(e.to_string()))?;
                Ok((generation, facts))
            }
        }
    }

    /// Salary figures by level, one per guide, with summaries and notes: one career's (by its
    /// exact name, see [`Engine::find_career`]), or every career's, each summary and row saying
    /// which career it is about.
    ///
    /// # Errors
    /// When the generation's facts cannot be read or rebuilt.
    pub fn salary(
        &self,
        career: Option<&str>,
        level: Option<Level>,
    ) -> Result<Answered<SalaryAnswer>, EngineError> {
        let (generation, all) = self.facts(|g| g.facts().salary(g))?;
        Ok(Answered {
            answer: all.answer(career, level),
            generation,
        })
    }

    /// The careers the library covers, with how many guides each has, by name.
    pub fn careers(&self) -> Vec<CareerInfo> {
        let generation = self.current();
        let mut careers: Vec<CareerInfo> = Vec::new();
        for g in &generation.meta().guides {
            match careers.iter_mut().find(|c| c.name == g.career) {
                Some(c) => c.guides += 1,
                None => careers.push(CareerInfo {
                    name: g.career.clone(),
                    guides: 1,
                }),
            }
        }
        careers.sort_by(|a, b| a.name.cmp(&b.name));
        careers
    }

    /// The library's career a member means by `asked` (any case or spelling, a word of it, or
    /// its initials: "electrician", "backend developers", "pm").
    ///
    /// # Errors
    /// [`CareerError`] naming the careers it could mean, or those the library covers.
    pub fn find_career(&self, asked: &str) -> Result<String, CareerError> {
        let known: Vec<String> = self.careers().into_iter().map(|c| c.name).collect();
        match match_career(self.vocabulary().careers(), asked, &known) {
            CareerMatch::One(c) => Ok(c),
            CareerMatch::Several(options) => Err(CareerError::Ambiguous {
                asked: asked.to_string(),
                options,
            }),
            CareerMatch::None => Err(CareerError::Unknown {
                asked: asked.to_string(),
                known,
            }),
        }
    }

    /// The salary chart of an answer [`Engine::salary`] gave, its words in `lang`, as PNG bytes,
    /// or `None` when the answer has no figures: for every career of a library of several (no
    /// career asked for), the careers side by side by level
    /// ([`chart::render_comparison_chart`]); otherwise each guide's figures
    /// ([`chart::render_salary_chart`]). Drawn once per generation, career, level and language;
    /// concurrent callers for the same chart wait for the one drawing it.
    ///
    /// # Errors
    /// When the chart cannot be drawn.
    pub fn salary_chart(
        &self,
        answered: &Answered<SalaryAnswer>,
        lang: Locale,
    ) -> Result<Option<Arc<Vec<u8>>>, EngineError> {
        let answer = &answered.answer;
        if answer.is_empty() {
            return Ok(None);
        }
        let careers = {
            let mut seen: Vec<&str> = answer.summaries.iter().map(|s| s.career.as_str()).collect();
            seen.dedup();
            seen.len()
        };
        let (w, h) = CHART_SIZE;
        let png = if answer.career.is_none() && careers > 1 {
            self.image(
                answered,
                Image::SalaryAllCareers(answer.level),
                lang,
                || chart::render_comparison_chart(answer, w, h, lang),
            )?
        } else {
            let image = Image::Salary(answer.career.clone(), answer.level);
            self.image(answered, image, lang, || {
                chart::render_salary_chart(answer, w, h, lang)
            })?
        };
        Ok(Some(png))
    }

    /// The timeline of an answer [`Engine::roadmap`] gave for one career, its words in `lang`,
    /// as PNG bytes, or `None` when it has no stages. Drawn once per generation, career, stage
    /// and language; concurrent callers for the same timeline wait for the one drawing it.
    ///
    /// # Errors
    /// When the answer spans several careers, or the timeline cannot be drawn.
    pub fn roadmap_timeline(
        &self,
        answered: &Answered<RoadmapAnswer>,
        lang: Locale,
    ) -> Result<Option<Arc<Vec<u8>>>, EngineError> {
        let answer = &answered.answer;
        let Some(first) = answer.stages.first() else {
            return Ok(None);
        };
        let career = answer
            .career
            .clone()
            .unwrap_or_else(|| first.career.clone());
        let png = self.image(
            answered,
            Image::Timeline(career, answer.stage),
            lang,
            || timeline::render_timeline(answer, TIMELINE_WIDTH, lang),
        )?;
        Ok(Some(png))
    }

    /// An image of the generation that gave `answered`, from the cache or drawn by `draw` (once,
    /// however many ask at the same time).
    fn image<T>(
        &self,
        answered: &Answered<T>,
        image: Image,
        lang: Locale,
        draw: impl FnOnce() -> Result<Vec<u8>, ChartError>,
    ) -> Result<Arc<Vec<u8>>, EngineError> {
        let key = (answered.generation.generation().to_string(), image, lang);
        Ok(self
            .inner
            .charts
            .get_or_insert_with(&key, || draw().map(Arc::new))?)
    }

    /// The skills the guides name for a topic, and what each level is expected to know: one
    /// career's (by its exact name, see [`Engine::find_career`]), or every career's, each skill
    /// saying which career it is about.
    ///
    /// # Errors
    /// When the generation's facts cannot be read or rebuilt.
    pub fn skills(
        &self,
        career: Option<&str>,
        topic: Topic,
        level: Option<Level>,
    ) -> Result<Answered<SkillsAnswer>, EngineError> {
        let (generation, facts) = self.facts(|g| g.facts().skills(g))?;
        Ok(Answered {
            answer: facts.answer(career, topic, level),
            generation,
        })
    }

    /// Career stages, lateral moves, the learning path, interviews and portfolio: one career's
    /// (by its exact name), or every career's, each stage and move saying which.
    ///
    /// # Errors
    /// When the generation's facts cannot be read or rebuilt.
    pub fn roadmap(
        &self,
        career: Option<&str>,
        stage: Option<Stage>,
        focus: Focus,
    ) -> Result<Answered<RoadmapAnswer>, EngineError> {
        let (generation, whole) = self.facts(|g| g.facts().roadmap(g))?;
        Ok(Answered {
            answer: whole.answer(career, stage, focus),
            generation,
        })
    }

    /// The library at a glance.
    pub fn status(&self) -> Status {
        Status {
            generation: self.current(),
            reindexing: self.is_reindexing(),
            uptime: self.inner.started.elapsed(),
            library: self.library_state(),
        }
    }

    /// Shares the library through `store` (on PostgreSQL): seeds the database from the guides
    /// directory unless a replica did, listens for its changes, and brings this replica to its
    /// newest version (rebuilding only if a file changed). From then on `/sources add|remove`
    /// change the database, [`Engine::reindex`] rebuilds every replica, and
    /// [`Engine::sync_library`] keeps this one up to date. The library's version is polled every
    /// `poll_every` besides.
    ///
    /// # Errors
    /// [`GuideError::NotManaged`] on the built-in guides; [`GuideError::Io`] when the database
    /// cannot be seeded or read; a failed first build is not an error (the generation opened
    /// keeps serving and [`Engine::library_state`] says why).
    pub fn share_library(&self, store: &Store, poll_every: Duration) -> Result<(), GuideError> {
        let dir = self.guides_dir()?;
        let shared = shared::Shared::open(
            store.clone(),
            dir,
            self.inner.library.index_root().to_path_buf(),
            poll_every,
        )
        .map_err(GuideError::Io)?;
        let shared = match self.inner.shared.set(shared) {
            Ok(()) => self.inner.shared.get().ok_or(GuideError::NotManaged)?,
            Err(_) => return Err(GuideError::Io("the library is shared already".into())),
        };
        match shared.sync(&self.inner.library, shared::Turn::Start, |_| {}) {
            Ok(_) => Ok(()),
            Err(IndexError::Library(e)) if shared.state().failed.is_none() => {
                Err(GuideError::Io(e))
            }
            Err(e) => {
                tracing::error!(error = %e, "the library's newest version could not be built; the local index serves");
                Ok(())
            }
        }
    }

    /// Where this replica's copy of the shared library stands (`None` when not shared).
    pub fn library_state(&self) -> Option<LibraryState> {
        self.inner.shared.get().map(shared::Shared::state)
    }

    /// What the shared library's listener heard (`None` when not shared or not listening).
    pub fn library_changes(&self) -> Option<tokio::sync::watch::Receiver<u64>> {
        self.inner.shared.get().and_then(shared::Shared::changes)
    }

    /// How often the shared library's version is polled (`None` when not shared).
    pub fn library_poll(&self) -> Option<Duration> {
        self.inner.shared.get().map(shared::Shared::poll_every)
    }

    /// Brings this replica to the shared library's newest version (copy, then rebuild) when it
    /// moved. `Ok(None)`: nothing to do (not shared, up to date, a failed version not due
    /// again, or a sync already running).
    ///
    /// # Errors
    /// Why the version could not be read, copied or built (the previous generation keeps
    /// serving, and [`Engine::library_state`] says so).
    pub fn sync_library(&self) -> Result<Option<ReindexReport>, IndexError> {
        match self.inner.shared.get() {
            Some(shared) => shared.sync(&self.inner.library, shared::Turn::Poll, |_| {}),
            None => Ok(None),
        }
    }

    /// Whether a reindex runs in this process.
    pub fn is_reindexing(&self) -> bool {
        self.inner.library.is_reindexing()
    }

    /// Rebuilds the index from the guides and swaps it in; queries are answered from the old
    /// generation meanwhile. `progress` is called after each guide. On a shared library, the
    /// guides are first brought to the database's newest version, whose move (when none is
    /// pending) makes every replica rebuild.
    ///
    /// # Errors
    /// [`IndexError::Busy`] when a reindex already runs; any build error (the old generation
    /// keeps serving).
    pub fn reindex(
        &self,
        progress: impl FnMut(BuildProgress),
    ) -> Result<ReindexReport, IndexError> {
        let Some(shared) = self.inner.shared.get() else {
            return self.inner.library.reindex(progress);
        };
        // A sync running here (the change was heard) is waited for, not reported busy.
        match shared.sync(&self.inner.library, shared::Turn::Reindex, progress)? {
            Some(report) => Ok(report),
            None => Err(IndexError::Library("nothing was rebuilt".into())),
        }
    }

    /// Switches to a generation another process built, if there is a newer one.
    ///
    /// # Errors
    /// When the newer generation cannot be opened (the current one keeps serving).
    pub fn refresh(&self) -> Result<bool, IndexError> {
        self.inner.library.refresh()
    }

    /// The directory of guide files, when the library has one.
    ///
    /// # Errors
    /// [`GuideError::NotManaged`] when the library runs on the built-in guides.
    pub fn guides_dir(&self) -> Result<PathBuf, GuideError> {
        match self.inner.library.seeds() {
            SeedSource::Dir(d) => Ok(d.clone()),
            SeedSource::Embedded => Err(GuideError::NotManaged),
        }
    }

    /// Whether a guide file of this name is in the library's directory.
    pub fn has_guide(&self, name: &str) -> bool {
        if let Some(shared) = self.inner.shared.get() {
            return check_guide_name(name).is_ok()
                && shared
                    .store()
                    .library_guide(name)
                    .inspect_err(
                        |e| tracing::warn!(error = %e, "cannot look the guide up in the database"),
                    )
                    .is_ok_and(|g| g.is_some());
        }
        check_guide_name(name).is_ok() && self.guides_dir().is_ok_and(|d| d.join(name).is_file())
    }

    /// Saves an uploaded guide into the library's directory (not indexed until a reindex), and
    /// records `career` for it in the manifest when given (see [`Engine::career_for_guide`]).
    /// Returns the passages it gives.
    ///
    /// # Errors
    /// Why it was refused or could not be saved; nothing is left behind then. When the guide was
    /// saved but its career could not be recorded, [`GuideError::Io`] says so.
    pub fn add_guide(
        &self,
        name: &str,
        bytes: &[u8],
        replace: bool,
        career: Option<&str>,
    ) -> Result<usize, GuideError> {
        let careers = self.inner.library.vocabulary().careers();
        let dir = self.guides_dir()?;
        if let Some(shared) = self.inner.shared.get() {
            // The database is the library: the guide is saved once it is committed there, and
            // every replica (this one with its reindex) copies it.
            let (name, passages) = guides::check_guide(careers, name, bytes)?;
            let db = |e: crate::store::StoreError| GuideError::Io(format!("the database: {e}"));
            let existing = shared.store().library_guide(&name).map_err(db)?;
            if existing.is_some() && !replace {
                return Err(GuideError::Exists);
            }
            let old_entry = existing.and_then(|g| g.manifest);
            let manifest = match career {
                Some(career) => Some(
                    shared::entry_with_career(old_entry.as_deref(), &name, career)
                        .map_err(GuideError::Io)?,
                ),
                None => old_entry,
            };
            let guide = crate::store::LibraryGuide {
                name: name.clone(),
                bytes: bytes.to_vec(),
                manifest,
            };
            let now = i64::try_from(search::unix_now()).unwrap_or(i64::MAX);
            let version = shared.store().put_library_guide(guide, now).map_err(db)?;
            shared.expect(version);
            tracing::info!(guide = %name, version, "guide saved in the database");
            return Ok(passages);
        }
        let passages = guides::save_guide(careers, &dir, name, bytes, replace)?;
        if let Some(career) = career {
            guides::record_career(&dir, name, career)?;
        }
        Ok(passages)
    }

    /// Records that guide `name` was published at `link` (a checked `http(s)` link, see
    /// [`web_link`](crate::corpus::link::web_link)): its citations link there from the next
    /// index on.
    ///
    /// # Errors
    /// When the manifest cannot be written.
    pub fn record_guide_link(&self, name: &str, link: &str) -> Result<(), GuideError> {
        guides::record_url(&self.guides_dir()?, name, link)
    }

    /// The name a new guide's career is recorded under: the library's own career when `asked`
    /// names one (any case or spelling, a word of it, its initials), else `asked` as a new
    /// career, written as careers are ("registered nurses" → "Registered Nurse").
    ///
    /// # Errors
    /// [`CareerError::Ambiguous`] when it could be several of the library's careers.
    pub fn career_for_guide(&self, asked: &str) -> Result<String, CareerError> {
        match self.find_career(asked) {
            Err(CareerError::Unknown { .. }) => {
                Ok(self.vocabulary().careers().normalise(asked.trim()))
            }
            found => found,
        }
    }

    /// Moves a guide out of the library (kept in the removed-guides directory; not unindexed
    /// until a reindex). Returns where it was kept.
    ///
    /// # Errors
    /// When there is no such guide or it cannot be moved.
    pub fn remove_guide(&self, name: &str) -> Result<PathBuf, GuideError> {
        if let Some(shared) = self.inner.shared.get() {
            // A copy is kept here, then the database forgets it (every replica deletes it).
            let db = |e: crate::store::StoreError| GuideError::Io(format!("the database: {e}"));
            let guide = shared
                .store()
                .library_guide(name)
                .map_err(db)?
                .ok_or(GuideError::NotFound)?;
            let removed = &self.inner.settings.removed_dir;
            let io = |e: std::io::Error| GuideError::Io(format!("could not keep a copy: {e}"));
            std::fs::create_dir_all(removed).map_err(io)?;
            let kept = format!("{}-{}", search::unix_now(), guide.name);
            guides::write_file(removed, &kept, &guide.bytes).map_err(io)?;
            let now = i64::try_from(search::unix_now()).unwrap_or(i64::MAX);
            let version = shared.store().remove_library_guide(name, now).map_err(db)?;
            if let Some(v) = version {
                shared.expect(v);
            }
            tracing::info!(guide = name, ?version, "guide removed from the database");
            return Ok(removed.join(kept));
        }
        let kept =
            guides::remove_guide(&self.guides_dir()?, &self.inner.settings.removed_dir, name)?;
        tracing::info!(guide = name, kept_at = %kept.display(), "guide removed");
        Ok(kept)
    }

    /// Suggestions while a question is typed: the typed text itself, then section headings and
    /// common questions containing it, then the headings of the passages the same search ranks
    /// best. Before anything is typed, the common questions.
    pub fn suggestions(&self, typed: &str) -> Vec<String> {
        let typed = typed.trim();
        let mut out: Vec<String> = Vec::new();
        let mut push = |text: &str| {
            let text = text.trim();
            if !text.is_empty()
                && out.len() < MAX_SUGGESTIONS
                && !out.iter().any(|c| c.eq_ignore_ascii_case(text))
            {
                out.push(text.to_string());
            }
        };
        if typed.is_empty() {
            self.vocabulary().questions().iter().for_each(|q| push(q));
            return out;
        }
        push(typed);
        let generation = self.current();
        let lower = typed.to_lowercase();
        let careers: Vec<String> = self.careers().into_iter().map(|c| c.name).collect();
        let templated = self
            .vocabulary()
            .per_career_questions()
            .iter()
            .flat_map(|t| careers.iter().map(move |c| fill_career(t, c)));
        for q in self
            .vocabulary()
            .questions()
            .iter()
            .cloned()
            .chain(templated)
        {
            if matches_typed(&q, &lower) {
                push(&q);
            }
        }
        // Headings only where the guide asks them as questions ("How much can you earn as a
        // back-end developer?"): a member picks a question, not a section title.
        let is_question = |s: &str| s.trim_end().ends_with('?');
        if let Ok(passages) = generation.passages() {
            for p in passages.iter() {
                if is_question(&p.section) && p.section.to_lowercase().contains(&lower) {
                    push(&p.section);
                }
            }
        }
        let options = SearchOptions {
            limit: MAX_SUGGESTIONS,
            offset: 0,
            snippet_chars: 40,
            career: None,
        };
        if let Ok(results) = search::search(&generation, typed, &options) {
            for h in results
                .hits
                .iter()
                .filter(|h| is_question(&h.passage.section))
            {
                push(&h.passage.section);
            }
        }
        out
    }
}

/// A per-career question template filled with a career: `{career}` → "electrician",
/// `{a career}` → "an electrician".
fn fill_career(template: &str, career: &str) -> String {
    let name = career.to_lowercase();
    let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    template
        .replace("{a career}", &format!("{article} {name}"))
        .replace("{career}", &name)
}

/// Whether a suggestion fits what was typed (lower case): it contains it, or each typed word
/// begins one of its words ("sal jun" fits "salary of a junior …").
fn matches_typed(candidate: &str, typed: &str) -> bool {
    let lower = candidate.to_lowercase();
    if lower.contains(typed) {
        return true;
    }
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut typed_words = typed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .peekable();
    typed_words.peek().is_some() && typed_words.all(|t| words.iter().any(|w| w.starts_with(t)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::facts::SALARY_FILE;

    fn engine(dir: &Path) -> Engine {
        fixtures::engine_on(SeedSource::Embedded, dir)
    }

    /// Questions asking the same thing of the same career and level share one card, made once
    /// per generation; another level is another card.
    #[test]
    fn a_card_is_made_once_per_intent_career_and_level() {
        let dir = tempfile::tempdir().unwrap();
        let e = fixtures::careers_engine(dir.path());
        let ask = |q: &str| {
            let options = SearchOptions {
                career: Some("Electrician".into()),
                ..e.page(0)
            };
            e.ask_with_card(q, options)
                .unwrap()
                .cards
                .into_iter()
                .next()
        };
        let first = ask("how much does an electrician earn").expect("a salary card");
        assert_eq!(e.inner.cards.len(), 1);
        let again = ask("what is the pay of an electrician?").expect("a salary card");
        assert_eq!(first, again);
        assert_eq!(e.inner.cards.len(), 1, "the same card, not made again");
        let skills = ask("what skills does an electrician need").expect("a skills card");
        assert_eq!(skills.intent, Intent::Skills);
        assert_eq!(e.inner.cards.len(), 2);
    }

    /// A question naming two careers gets both careers' passages in turn, on every page, none
    /// twice; before, the one whose guide repeats the question's words took the whole page.
    #[test]
    fn a_question_naming_several_careers_gets_each_careers_passages_in_turn() {
        let dir = tempfile::tempdir().unwrap();
        let e = fixtures::careers_engine(dir.path());
        let q = "do electricians earn more than data analysts?";
        assert!(matches!(e.question_career(q), QuestionCareer::Several(_)));
        let first = e.ask(q, e.page(0)).unwrap();
        let careers: Vec<&str> = first
            .results
            .hits
            .iter()
            .map(|h| h.passage.career.as_str())
            .collect();
        assert_eq!(careers.len(), 5, "{careers:?}");
        assert_ne!(careers[0], careers[1], "{careers:?}");
        for c in ["Electrician", "Data Analyst"] {
            assert!(careers.contains(&c), "{careers:?}");
        }
        let second = e.ask(q, e.page(1)).unwrap();
        let ranks: Vec<usize> = first
            .results
            .hits
            .iter()
            .chain(&second.results.hits)
            .map(|h| h.rank)
            .collect();
        assert_eq!(ranks, (1..=ranks.len()).collect::<Vec<_>>());
        let mut cited: Vec<(&str, u32)> = first
            .results
            .hits
            .iter()
            .chain(&second.results.hits)
            .map(|h| (h.passage.source.as_str(), h.passage.start_line))
            .collect();
        let n = cited.len();
        cited.sort_unstable();
        cited.dedup();
        assert_eq!(cited.len(), n, "no passage twice across pages");
        // Salary passages of both careers are on the first page.
        let salary_sections = first
            .results
            .hits
            .iter()
            .filter(|h| h.passage.section.to_lowercase().contains("salary"))
            .map(|h| h.passage.career.as_str())
            .collect::<Vec<_>>();
        assert!(
            salary_sections.contains(&"Electrician"),
            "{salary_sections:?}"
        );
        assert!(
            salary_sections.contains(&"Data Analyst"),
            "{salary_sections:?}"
        );
    }

    /// Naming a career of the library (in full or by its last word) makes a question a career
    /// question: it is never off topic, however many of its words the guides lack.
    #[test]
    fn a_question_naming_a_career_of_the_library_is_never_off_topic() {
        let dir = tempfile::tempdir().unwrap();
        let e = fixtures::careers_engine(dir.path());
        let off = e
            .ask("zorblax quuxing flimflam wibble?", e.page(0))
            .unwrap();
        assert_eq!(off.verdict.reason, Some(Reason::OffTopic));
        for q in [
            "electricians zorblax quuxing flimflam?",
            "analysts zorblax quuxing flimflam?",
        ] {
            let asked = e.ask(q, e.page(0)).unwrap();
            assert_ne!(asked.verdict.reason, Some(Reason::OffTopic), "{q}");
        }
    }

    /// Regression (issue 14's "best mechanical keyboard for coding"): a question half of whose
    /// words are common English words no guide holds is off topic, whatever career word it has
    /// ("coding"), unless it asks for pay, skills or the way up; one such word is not enough.
    #[test]
    fn common_words_no_guide_holds_make_a_question_off_topic() {
        let dir = tempfile::tempdir().unwrap();
        let e = fixtures::careers_engine(dir.path());
        for q in [
            "best mechanical keyboard for coding?",
            "how do I train my puppy to stop biting",
        ] {
            let asked = e.ask(q, e.page(0)).unwrap();
            assert_eq!(asked.verdict.reason, Some(Reason::OffTopic), "{q}");
            assert!(asked.results.hits.is_empty(), "{q}");
        }
        for q in [
            "I love coding, what jobs can I get?",
            "what degree do I need to write backend code for a bank?",
            // It asks for pay: a career question the guides answer badly.
            "salary for underwater basket weaving on the moon",
        ] {
            let asked = e.ask(q, e.page(0)).unwrap();
            assert_ne!(asked.verdict.reason, Some(Reason::OffTopic), "{q}");
        }
    }

    /// A question naming a skill that no guide about its career mentions is not answered by
    /// that career's passages sharing its other words: the verdict names what is missing. The
    /// career is the narrowed one, else the one named by its last word alone.
    #[test]
    fn skills_the_careers_guides_never_mention_make_a_weak_match_that_names_them() {
        let dir = tempfile::tempdir().unwrap();
        let e = fixtures::careers_engine(dir.path());
        let narrowed = |career: &str| SearchOptions {
            career: Some(career.into()),
            ..e.page(0)
        };
        let asked = e
            .ask(
                "do electricians need to know Python?",
                narrowed("Electrician"),
            )
            .unwrap();
        assert_eq!(
            asked.verdict,
            Verdict::not(Reason::Unmentioned {
                career: "Electrician".into(),
                missing: vec!["Python".into()],
            })
        );
        assert!(!asked.results.hits.is_empty(), "the closest passages stay");
        assert_eq!(
            serde_json::to_value(&asked.verdict).unwrap(),
            serde_json::json!({"confident": false, "reason": "weak_match",
                "missing": ["Python"], "missing_from": "Electrician"})
        );
        // The back-end guides do mention Python: no such verdict there.
        let backend = e
            .ask(
                "do backend developers need to know Python?",
                narrowed("Back-End Developer"),
            )
            .unwrap();
        assert!(backend.verdict.confident, "{:?}", backend.verdict);
        // "analysts" names the Data Analyst by its last word; its guide names SQL, not Kubernetes.
        let sql = e.ask("do analysts need to know SQL?", e.page(0)).unwrap();
        assert!(sql.verdict.confident, "{:?}", sql.verdict);
        let k8s = e
            .ask("do analysts need to know Kubernetes?", e.page(0))
            .unwrap();
        assert_eq!(
            k8s.verdict.reason,
            Some(Reason::Unmentioned {
                career: "Data Analyst".into(),
                missing: vec!["Kubernetes".into()],
            })
        );
        // No career to hold it to: the question is judged on its passages alone.
        let open = e.ask("do I need to know Kubernetes?", e.page(0)).unwrap();
        assert!(
            !matches!(open.verdict.reason, Some(Reason::Unmentioned { .. })),
            "{:?}",
            open.verdict
        );
    }

    /// Regression (issue 14, third outside probe: 6 of 7 questions on workplace topics the
    /// guides never treat were answered confidently): "do welders get a pension through the
    /// union?" was answered by the welder's pay passage, which shares "welders" and "union". A
    /// workplace topic (`[[treated]]` in verdict.toml) none of whose words the career's guides
    /// hold makes a weak match that names it; held to no career, one no guide holds does too.
    #[test]
    fn workplace_topics_the_guides_never_treat_make_a_weak_match() {
        let dir = tempfile::tempdir().unwrap();
        let e = fixtures::engine_with(
            dir.path(),
            &[
                (
                    "welder.md",
                    "Welder",
                    "# Welder\n\n## Pay\n\nWelders earn $24 to $30 an hour; union welders earn more.\n\n## Outlook\n\nDemand is strong as older welders are retiring.\n",
                ),
                (
                    "nurse.md",
                    "Nurse",
                    "# Nurse\n\n## Pay and benefits\n\nNurses earn $38 an hour and join the NHS pension scheme.\n",
                ),
            ],
        );
        let narrowed = |career: &str| SearchOptions {
            career: Some(career.into()),
            ..e.page(0)
        };
        let pension = e
            .ask(
                "do welders get a pension through the union?",
                narrowed("Welder"),
            )
            .unwrap();
        assert_eq!(
            pension.verdict,
            Verdict::not(Reason::Unmentioned {
                career: "Welder".into(),
                missing: vec!["pension".into()],
            })
        );
        assert!(
            !pension.results.hits.is_empty(),
            "the closest passages stay"
        );
        // The nurse's guide treats pensions; the welder's treats unions.
        let nurse = e
            .ask("do nurses get a pension?", narrowed("Nurse"))
            .unwrap();
        assert!(nurse.verdict.confident, "{:?}", nurse.verdict);
        let union = e
            .ask("do welders join a union?", narrowed("Welder"))
            .unwrap();
        assert!(union.verdict.confident, "{:?}", union.verdict);
        // Held to no career: a topic no guide of the library holds.
        let open = e.ask("is there paid parental leave?", e.page(0)).unwrap();
        assert_eq!(open.verdict, Verdict::not(Reason::WeakMatch));
        // A career the question names holds it to that career's guides.
        let named = e
            .ask("can welders have visible tattoos?", e.page(0))
            .unwrap();
        assert_eq!(
            named.verdict,
            Verdict::not(Reason::Unmentioned {
                career: "Welder".into(),
                missing: vec!["tattoos".into()],
            })
        );
        let open = e.ask("do nurses get a pension scheme?", e.page(0)).unwrap();
        assert!(open.verdict.confident, "{:?}", open.verdict);
        // Regression (ninth probe): notice periods, annual or long service leave and medical
        // aid are workplace topics too, which neither guide treats.
        for (question, word) in [
            (
                "what notice period do welders have to give?",
                "notice period",
            ),
            ("do welders get long service leave?", "long service leave"),
            ("do welder firms pay for medical aid?", "medical aid"),
        ] {
            let asked = e.ask(question, e.page(0)).unwrap();
            assert_eq!(
                asked.verdict,
                Verdict::not(Reason::Unmentioned {
                    career: "Welder".into(),
                    missing: vec![word.into()],
                }),
                "{question}"
            );
        }
    }

    /// "analysts" names the Data Analyst only by its last word: the search is not narrowed,
    /// but the card is that career's when the best passage is about it.
    #[test]
    fn a_career_named_by_its_last_word_gets_the_card_not_a_narrowed_search() {
        let dir = tempfile::tempdir().unwrap();
        let e = fixtures::careers_engine(dir.path());
        let q = "how much do analysts earn";
        assert_eq!(e.question_career(q), QuestionCareer::None);
        let asked = e.ask_with_card(q, e.page(0)).unwrap();
        assert_eq!(asked.career, None);
        assert_eq!(asked.results.hits[0].passage.career, "Data Analyst");
        let card = asked.cards.into_iter().next().expect("a salary card");
        assert_eq!(
            (card.intent, card.career.as_str()),
            (Intent::Salary, "Data Analyst")
        );
        // "developers" ends two careers' names: no card.
        let asked = e
            .ask_with_card("how much do developers earn", e.page(0))
            .unwrap();
        assert!(asked.cards.is_empty());
    }

    /// A skills question naming a topic gets that topic's card; a topic the career's guides name
    /// no skills of gets the card of every topic.
    #[test]
    fn a_skills_question_naming_a_topic_gets_that_topics_card() {
        let dir = tempfile::tempdir().unwrap();
        let e = fixtures::careers_engine(dir.path());
        let card = |q: &str| {
            let options = SearchOptions {
                career: Some("Electrician".into()),
                ..e.page(0)
            };
            e.ask_with_card(q, options)
                .unwrap()
                .cards
                .into_iter()
                .next()
                .expect("a card")
        };
        let tools = card("what tools do electricians use?");
        assert_eq!(
            (tools.intent, tools.topic),
            (Intent::Skills, Some(Topic::Tools))
        );
        let CardAnswer::Skills(answer) = &tools.answer else {
            panic!("a skills card")
        };
        assert!(!answer.skills.is_empty());
        assert!(
            answer.skills.iter().all(|s| s.topic == Topic::Tools),
            "{:?}",
            answer.skills
        );
        assert_eq!(card("what skills does an electrician need").topic, None);
        let licenses = card("do I need a license to become an electrician?");
        assert_eq!(licenses.topic, Some(Topic::Certifications));
        // Electricians' guides name no security skills: every topic, said so by no topic.
        let none = card("what security skills does an electrician need");
        assert_eq!((none.intent, none.topic), (Intent::Skills, None));
    }

    #[test]
    fn a_question_naming_a_career_or_a_career_given_is_answered_from_its_guides() {
        let dir = tempfile::tempdir().unwrap();
        let e = fixtures::careers_engine(dir.path());
        let names: Vec<String> = e.careers().into_iter().map(|c| c.name).collect();
        assert_eq!(
            names,
            [
                "Back-End Developer",
                "Data Analyst",
                "Electrician",
                "Front-End Developer",
                "Product Manager"
            ]
        );
        for (q, career) in [
            ("how much do journeyman electricians make", "Electrician"),
            ("what does a product manager do", "Product Manager"),
            ("Do DATA ANALYSTS need Python?", "Data Analyst"),
            ("backend engineers salary", "Back-End Developer"),
            (
                "¿Cuánto gana un desarrollador frontend?",
                "Front-End Developer",
            ),
        ] {
            assert_eq!(
                e.question_career(q),
                QuestionCareer::Named(career.into()),
                "{q}"
            );
            let asked = e
                .ask(
                    q,
                    SearchOptions {
                        career: Some(career.into()),
                        ..e.page(0)
                    },
                )
                .unwrap();
            assert!(asked.verdict.confident, "{q}: {:?}", asked.verdict);
            assert!(!asked.results.hits.is_empty(), "{q}");
            assert!(
                asked
                    .results
                    .hits
                    .iter()
                    .all(|h| h.passage.career == career),
                "{q}"
            );
            assert!(!asked.says_careers());
        }
        assert!(matches!(
            e.question_career("should a front-end developer or a back-end developer learn SQL?"),
            QuestionCareer::Several(c) if c.len() == 2
        ));
        assert_eq!(
            e.question_career("How long from junior to senior?"),
            QuestionCareer::None
        );
        // A career filter narrows any question, later pages too.
        let electrician = |page| SearchOptions {
            career: Some("Electrician".into()),
            ..e.page(page)
        };
        let second = e.ask("salary", electrician(1)).unwrap();
        assert!(
            second
                .results
                .hits
                .iter()
                .all(|h| h.passage.career == "Electrician")
        );
        assert_eq!(second.career.as_deref(), Some("Electrician"));
        // Unnarrowed over several careers: each passage says its career.
        let all = e.ask("salary", e.page(0)).unwrap();
        assert!(all.says_careers());
        let careers: std::collections::BTreeSet<&str> = all
            .results
            .hits
            .iter()
            .map(|h| h.passage.career.as_str())
            .collect();
        assert!(careers.len() > 1, "{careers:?}");
    }

    /// Regression (probe six): an occupation the guide's title names ("Cabin Crew (Flight
    /// Attendant)") is covered however seldom its passages say it, in English or translated;
    /// a Spanish occupation the library lacks is told so when its translation is an occupation
    /// ("fisioterapeuta" → physiotherapist), whatever its ending.
    #[test]
    fn an_occupation_the_title_names_is_covered_and_translations_name_occupations() {
        let dir = tempfile::tempdir().unwrap();
        let guides = dir.path().join("guides");
        std::fs::create_dir_all(&guides).unwrap();
        std::fs::write(
            guides.join("crew.md"),
            "# Cabin Crew (Flight Attendant) Career Guide\n\n## Pay\n\nNew cabin crew earn \
             £18,000 to £22,000 a year plus an allowance for every flight.\n\n## Training\n\nAirlines run \
             a six-week course on safety, first aid and service before your first flight.\n",
        )
        .unwrap();
        std::fs::write(
            guides.join("sources.toml"),
            "[[guide]]\nfile = \"crew.md\"\ntitle = \"Cabin Crew (Flight Attendant) Career Guide\"\ncareer = \"Cabin Crew\"\n",
        )
        .unwrap();
        let e = fixtures::engine_on(SeedSource::Dir(guides), dir.path());
        for q in [
            "How much does a flight attendant earn?",
            "¿Cuánto gana una azafata?",
        ] {
            assert!(
                !matches!(e.question_career(q), QuestionCareer::NotInLibrary(_)),
                "{q}: {:?}",
                e.question_career(q)
            );
            assert!(e.ask(q, e.page(0)).unwrap().verdict.confident, "{q}");
        }
        for (q, role) in [
            ("How much does a pilot earn?", "pilot"),
            ("¿Cuánto gana un fisioterapeuta?", "fisioterapeuta"),
        ] {
            assert_eq!(
                e.question_career(q),
                QuestionCareer::NotInLibrary(role.into()),
                "{q}"
            );
        }
    }

    /// A Spanish question about a career an English guide covers is answered from it, not told
    /// the library lacks it: the occupation is translated like any career word.
    #[test]
    fn a_spanish_question_finds_the_career_an_english_guide_covers() {
        let dir = tempfile::tempdir().unwrap();
        let guides = dir.path().join("guides");
        std::fs::create_dir_all(&guides).unwrap();
        std::fs::write(
            guides.join("nurse.md"),
            "# Nurse career guide\n\n## How much do nurses earn?\n\nStaff nurses earn $70,000 to \
             $95,000 a year; experienced nurses earn more, and night shifts pay extra.\n",
        )
        .unwrap();
        std::fs::write(
            guides.join("sources.toml"),
            "[[guide]]\nfile = \"nurse.md\"\ntitle = \"Nurse career guide\"\ncareer = \"Registered Nurse\"\n",
        )
        .unwrap();
        let e = fixtures::engine_on(SeedSource::Dir(guides), dir.path());
        let q = "¿Cuánto cobra una enfermera?";
        assert!(!matches!(
            e.question_career(q),
            QuestionCareer::NotInLibrary(_)
        ));
        let asked = e.ask(q, e.page(0)).unwrap();
        assert!(asked.verdict.confident, "{:?}", asked.verdict);
        assert_eq!(asked.results.hits[0].passage.career, "Registered Nurse");
        // A career no guide covers is still told so, in the question's own word.
        assert_eq!(
            e.question_career("¿Cuánto gana un bombero?"),
            QuestionCareer::NotInLibrary("bombero".into())
        );
    }

    #[test]
    fn a_question_about_a_career_no_guide_covers_gets_no_passages() {
        let dir = tempfile::tempdir().unwrap();
        let e = fixtures::careers_engine(dir.path());
        let covered: Vec<String> = e.careers().into_iter().map(|c| c.name).collect();
        for (q, role) in [
            ("How much do firefighters earn?", "firefighters"),
            (
                "What skills does a marine biologist need?",
                "marine biologist",
            ),
            (
                "What does a mechanical engineer earn?",
                "mechanical engineer",
            ),
            ("How much do nurses make?", "nurses"),
            ("¿Cuánto gana un bombero?", "bombero"),
            // The guides hold "design" everywhere, but name a designer once: the stem is the
            // work, not the occupation.
            ("How do I become a UX designer?", "UX designer"),
            // A common word is no typo of the guide word it extends ("write").
            ("How do I become a writer?", "writer"),
            // A listed occupation in the plural, its stem ("account") a guide word.
            ("What do accountants earn starting out?", "accountants"),
            ("What is the career path for a pharmacist?", "pharmacist"),
            // One edit from a guide word ("range"), but near no occupation the guides name: no
            // misspelt occupation.
            ("How do I become a park ranger?", "park ranger"),
        ] {
            assert_eq!(
                e.question_career(q),
                QuestionCareer::NotInLibrary(role.into()),
                "{q}"
            );
            for career in [None, Some("Electrician".to_string())] {
                let asked = e
                    .ask(
                        q,
                        SearchOptions {
                            career,
                            ..e.page(0)
                        },
                    )
                    .unwrap();
                assert!(asked.results.hits.is_empty(), "{q}");
                assert_eq!(
                    asked.verdict,
                    Verdict::not(Reason::NotInLibrary {
                        role: role.into(),
                        careers: covered.clone()
                    }),
                    "{q}"
                );
            }
        }
        // Occupations the guides talk about are not refused, nor are words that only look like one.
        for q in [
            "How do I become a better programmer?",
            "How much can I earn as a freelancer?",
            "What does a junior make?",
            "best mechanical keyboard for coding",
            "What is the average salary?",
            "How much does a senoir devloper earn?",
            "How do I become an electrcian?",
            // A synonym form counts as the word it stands for; ways of working are no occupation.
            "How much do devs make?",
            "How do I become a software engineer?",
            "Can a beginner become a backend developer?",
        ] {
            assert!(
                !matches!(e.question_career(q), QuestionCareer::NotInLibrary(_)),
                "{q}: {:?}",
                e.question_career(q)
            );
        }
    }

    /// The evaluation set's questions over the shipped library and the five careers: no question
    /// the guides cover may be refused as about a career they do not cover; of the questions
    /// about careers no guide covers, most are.
    #[test]
    fn evaluation_questions_are_refused_only_when_no_guide_covers_their_career() {
        #[derive(serde::Deserialize)]
        struct Set {
            case: Vec<Case>,
        }
        #[derive(serde::Deserialize)]
        struct Case {
            question: String,
            #[serde(default)]
            career: Option<String>,
            #[serde(default = "covered")]
            covered: bool,
            #[serde(default)]
            reason: Option<String>,
        }
        fn covered() -> bool {
            true
        }
        let set: Set = toml::from_str(include_str!("../../tests/fixtures/eval.toml")).unwrap();
        let (one, five) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let (shipped, careers) = (engine(one.path()), fixtures::careers_engine(five.path()));
        let refused =
            |e: &Engine, q: &str| matches!(e.question_career(q), QuestionCareer::NotInLibrary(_));
        let (mut uncovered, mut caught) = (0, 0);
        for c in &set.case {
            if c.covered {
                assert!(!refused(&careers, &c.question), "{:?}", c.question);
                if c.career.is_none() {
                    assert!(!refused(&shipped, &c.question), "{:?}", c.question);
                }
            } else if c.reason.as_deref() == Some("not_in_library") {
                uncovered += 1;
                caught += usize::from(refused(&careers, &c.question));
            }
        }
        assert!(
            uncovered >= 4 && caught * 4 >= uncovered * 3,
            "{caught} of {uncovered}"
        );
        // In the shipped library, a question about another career is refused.
        let asked = shipped
            .ask("How much do electricians earn?", shipped.page(0))
            .unwrap();
        assert_eq!(
            asked.verdict.not_in_library(),
            Some(("electricians", &["Back-End Developer".to_string()][..]))
        );
    }

    #[test]
    fn a_guides_career_is_the_librarys_when_it_names_one() {
        let dir = tempfile::tempdir().unwrap();
        let e = fixtures::careers_engine(dir.path());
        assert_eq!(e.career_for_guide("electricians").unwrap(), "Electrician");
        assert_eq!(e.career_for_guide("pm").unwrap(), "Product Manager");
        assert_eq!(
            e.career_for_guide("registered nurses").unwrap(),
            "Registered Nurse"
        );
        assert!(matches!(
            e.career_for_guide("developer"),
            Err(CareerError::Ambiguous { .. })
        ));
    }

    #[test]
    fn autocomplete_suggests_questions_not_section_headings() {
        let dir = tempfile::tempdir().unwrap();
        let engine = engine(dir.path());
        let got = engine.suggestions("sal");
        assert_eq!(got[0], "sal", "what was typed comes first");
        assert!(
            got.contains(&"What is the salary of a back-end developer?".to_string()),
            "{got:?}"
        );
        assert!(got[1..].iter().all(|s| s.ends_with('?')), "{got:?}");
        assert!(!engine.suggestions("").is_empty());
        assert_eq!(
            fill_career("Become {a career}?", "Electrician"),
            "Become an electrician?"
        );
        assert!(matches_typed("what skills does a nurse need?", "sk nur"));
        assert!(!matches_typed("what skills does a nurse need?", "salary"));
    }

    /// Calls `draw` from several threads at once; every caller must get the one drawing.
    fn drawn_once(draw: impl Fn() -> Arc<Vec<u8>> + Send + Sync + 'static) -> Arc<Vec<u8>> {
        let callers = 6;
        let barrier = Arc::new(std::sync::Barrier::new(callers));
        let draw = Arc::new(draw);
        let images: Vec<Arc<Vec<u8>>> = (0..callers)
            .map(|_| {
                let (draw, barrier) = (Arc::clone(&draw), Arc::clone(&barrier));
                std::thread::spawn(move || {
                    barrier.wait();
                    draw()
                })
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|t| t.join().unwrap())
            .collect();
        assert!(
            images.iter().all(|i| Arc::ptr_eq(i, &images[0])),
            "drawn more than once"
        );
        Arc::clone(&images[0])
    }

    #[test]
    fn several_careers_get_the_comparison_chart_and_each_career_its_timeline() {
        let dir = tempfile::tempdir().unwrap();
        let engine = fixtures::careers_engine(dir.path());
        let all = engine.salary(None, None).unwrap();
        let one = engine.salary(Some("Electrician"), None).unwrap();
        let (e1, e2) = (engine.clone(), engine.clone());
        let compared =
            drawn_once(move || e1.salary_chart(&all, Locale::En).unwrap().expect("a chart"));
        let electrician =
            drawn_once(move || e2.salary_chart(&one, Locale::En).unwrap().expect("a chart"));
        assert!(compared.starts_with(b"\x89PNG") && electrician.starts_with(b"\x89PNG"));
        // Two different charts: every career side by side, and one career's guides.
        assert_ne!(compared, electrician);
        let all = engine.salary(None, None).unwrap();
        assert!(Arc::ptr_eq(
            &compared,
            &engine.salary_chart(&all, Locale::En).unwrap().unwrap()
        ));

        for career in ["Electrician", "Data Analyst", "Product Manager"] {
            let roadmap = engine.roadmap(Some(career), None, Focus::All).unwrap();
            let e = engine.clone();
            let png = drawn_once(move || {
                e.roadmap_timeline(&roadmap, Locale::En)
                    .unwrap()
                    .expect("a timeline")
            });
            assert!(png.starts_with(b"\x89PNG"), "{career}");
        }
        // A Spanish member's images are drawn apart, once each, in Spanish; the English ones stay.
        let (e1, e2) = (engine.clone(), engine.clone());
        let all = engine.salary(None, None).unwrap();
        let spanish = drawn_once(move || e1.salary_chart(&all, Locale::Es).unwrap().unwrap());
        assert_ne!(spanish, compared);
        let text = |png: &[u8]| chart::ImageText::of_png(png).expect("the image's text");
        assert_eq!(text(&spanish).lang, Locale::Es);
        assert_eq!(text(&compared).lang, Locale::En);
        let roadmap = engine
            .roadmap(Some("Electrician"), None, Focus::All)
            .unwrap();
        let timeline =
            drawn_once(move || e2.roadmap_timeline(&roadmap, Locale::Es).unwrap().unwrap());
        assert_eq!(text(&timeline).lang, Locale::Es);
        // Every career at once is no one timeline; a focus without stages has none.
        let every = engine.roadmap(None, None, Focus::All).unwrap();
        assert!(matches!(
            engine.roadmap_timeline(&every, Locale::En),
            Err(EngineError::Chart(ChartError::SeveralCareers(_)))
        ));
        let interviews = engine
            .roadmap(Some("Data Analyst"), None, Focus::Interviews)
            .unwrap();
        assert!(
            engine
                .roadmap_timeline(&interviews, Locale::En)
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn damaged_facts_are_rebuilt_not_answered() {
        let dir = tempfile::tempdir().unwrap();
        let engine = engine(dir.path());
        let before = engine.salary(None, None).unwrap();
        let damaged = engine.current();
        let file = dir
            .path()
            .join("index")
            .join(damaged.generation())
            .join(SALARY_FILE);
        let mut bytes = std::fs::read(&file).unwrap();
        bytes.reverse();
        std::fs::write(&file, &bytes).unwrap();
        // A fresh engine on the damaged generation: the damage is found, the generation rebuilt.
        let engine = self::engine(dir.path());
        let after = engine.salary(None, None).unwrap();
        assert_ne!(after.generation.generation(), damaged.generation());
        assert_eq!(after.answer, before.answer);
    }

    #[test]
    fn structured_answers_filter_the_gathered_facts() {
        let dir = tempfile::tempdir().unwrap();
        let engine = engine(dir.path());
        let all = engine.salary(None, None).unwrap().answer;
        let senior = engine.salary(None, Some(Level::Senior)).unwrap().answer;
        assert!(senior.rows.iter().all(|r| r.level == Level::Senior));
        assert_eq!(
            senior.rows.len(),
            all.rows.iter().filter(|r| r.level == Level::Senior).count()
        );
        let dbs = engine.skills(None, Topic::Databases, None).unwrap().answer;
        assert!(dbs.skills.iter().all(|s| s.topic == Topic::Databases));
        let interviews = engine
            .roadmap(None, None, Focus::Interviews)
            .unwrap()
            .answer;
        assert!(interviews.stages.is_empty() && !interviews.interviews.is_empty());
    }
}
