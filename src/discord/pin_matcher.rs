//! Which moderator-pinned answer to show first for a question: the one citing the passages the
//! question's answer is best drawn from ([`PinSources::matches`]), else the one whose question is
//! most like it, when they are alike enough. Each guild's pins are read and analysed once and
//! kept in memory ([`PinCache`], checked against the database's pin version per question), so a
//! question is compared with the pins sharing a best passage or a term with it, never with every
//! pin.

use std::collections::HashMap;
use std::collections::HashSet;
use std::sync::{Arc, Mutex, PoisonError};

use serde::{Deserialize, Serialize};

use crate::analysis::Analyzer;
use crate::engine::{Asked, Intent, PassageId};

/// How alike a pinned question must be for its answer to be shown first: the share of terms the
/// two questions have in common (shared terms over all their terms).
pub const PINNED_MATCH: f64 = 0.5;

/// How many of a question's best passages are compared with a pin's: a pin matches when its best
/// passage is among the question's first [`TOP_PASSAGES`] and the question's best passage among
/// the pin's first [`TOP_PASSAGES`].
pub const TOP_PASSAGES: usize = 3;

/// What a pinned answer was drawn from, kept with the pin: the passages it cited (best first,
/// each with a hash of its text), the career it was answered from, and what its question asked
/// for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinSources {
    /// The career the pinned answer was narrowed to; `None` for every career.
    #[serde(default)]
    pub career: Option<String>,
    /// The intent of the pinned question (`salary`, `skills`, `roadmap`), when it had one.
    #[serde(default)]
    pub intent: Option<String>,
    /// The passages the pinned answer cited, best first.
    #[serde(default)]
    pub passages: Vec<PassageId>,
}

/// The best passages of an asked question's answer, its career and intent: what
/// [`PinSources::matches`] compares.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AskedSources {
    /// The career the answer was narrowed to.
    pub career: Option<String>,
    /// What the question asks for.
    pub intent: Option<Intent>,
    /// Its best passages, best first (at most [`TOP_PASSAGES`]).
    pub top: Vec<PassageId>,
}

impl AskedSources {
    /// The best passages of `asked` with its career and `intent` — none unless the verdict is
    /// confident (a weak answer's passages say little about what was asked).
    pub fn of(asked: &Asked, intent: Option<Intent>) -> AskedSources {
        let top = if asked.verdict.confident {
            asked
                .results
                .hits
                .iter()
                .take(TOP_PASSAGES)
                .map(|h| PassageId::of(&h.passage))
                .collect()
        } else {
            Vec::new()
        };
        AskedSources {
            career: asked.career.clone(),
            intent,
            top,
        }
    }
}

impl PinSources {
    /// How closely the pin's passages match the asked question's, lower is closer: the pin's
    /// best passage is among the question's best [`TOP_PASSAGES`] and the question's best passage
    /// among the pin's first [`TOP_PASSAGES`], both answered from the same career, and the two
    /// questions do not ask for different things (pay and skills can share a passage). `None`
    /// when they do not match.
    pub fn matches(&self, asked: &AskedSources) -> Option<usize> {
        let (pin_best, asked_best) = (self.passages.first()?, asked.top.first()?);
        if self.career != asked.career {
            return None;
        }
        let pin_intent = self.intent.as_deref().and_then(Intent::from_id);
        if let (Some(a), Some(b)) = (pin_intent, asked.intent)
            && a != b
        {
            return None;
        }
        let here = asked
            .top
            .iter()
            .take(TOP_PASSAGES)
            .position(|p| p == pin_best)?;
        let there = self
            .passages
            .iter()
            .take(TOP_PASSAGES)
            .position(|p| p == asked_best)?;
        Some(here + there)
    }
}

/// Pins kept in memory across all guilds; past it the cache starts again empty.
const MAX_CACHED_PINS: usize = 200_000;

/// A question's terms, to compare the questions of pinned answers with.
#[derive(Debug, Clone)]
pub struct PinMatcher<'a> {
    /// The search's own analyzer.
    analyzer: &'a Analyzer,
    /// The asked question's distinct terms.
    asked: HashSet<String>,
}

impl<'a> PinMatcher<'a> {
    /// A matcher for the asked `question`, read with `analyzer`.
    pub fn new(analyzer: &'a Analyzer, question: &str) -> PinMatcher<'a> {
        PinMatcher {
            analyzer,
            asked: analyzer.terms(question).into_iter().collect(),
        }
    }

    /// How alike a pinned question is to the asked one, from 0 to 1: the terms they share over
    /// all the terms of both (Jaccard).
    pub fn similarity(&self, pinned_question: &str) -> f64 {
        let pinned: HashSet<String> = self.analyzer.terms(pinned_question).into_iter().collect();
        jaccard(
            self.asked.intersection(&pinned).count(),
            self.asked.len(),
            pinned.len(),
        )
    }

    /// Of the `pinned` answers, the one whose question (`question_of`) is most like the asked
    /// one, if at least [`PINNED_MATCH`] alike; of equally alike ones, the first.
    pub fn best<T>(
        &self,
        pinned: impl IntoIterator<Item = T>,
        question_of: impl Fn(&T) -> &str,
    ) -> Option<T> {
        if self.asked.is_empty() {
            return None;
        }
        let mut best: Option<(f64, T)> = None;
        for candidate in pinned {
            let score = self.similarity(question_of(&candidate));
            if score >= PINNED_MATCH && best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, candidate));
            }
        }
        best.map(|(_, p)| p)
    }
}

/// Jaccard similarity from the sizes: `shared` terms over the union of two sets of `a` and `b`.
fn jaccard(shared: usize, a: usize, b: usize) -> f64 {
    let union = (a + b).saturating_sub(shared).max(1);
    shared as f64 / union as f64
}

/// The distinct terms of a pinned question, read with `analyzer`, as [`PinMatcher`] compares
/// them.
pub fn pin_terms(analyzer: &Analyzer, question: &str) -> Vec<String> {
    analyzer.terms(question)
}

/// The fingerprint of `analyzer`, the analysis [`pin_terms`] used: kept beside a pin's terms, so
/// terms made with another vocabulary are made again.
pub fn pin_analysis(analyzer: &Analyzer) -> &str {
    analyzer.fingerprint()
}

/// One guild's pinned questions, each analysed once: for each term, the pins whose question has
/// it. [`PinIndex::best`] follows the same rule as [`PinMatcher::best`] (Jaccard ≥
/// [`PINNED_MATCH`], the first of equals) but looks only at pins sharing a term with the
/// question.
#[derive(Debug, Default)]
pub struct PinIndex {
    /// The pins' ids, in the order given (newest pin first): the first of equals wins.
    ids: Vec<i64>,
    /// How many distinct terms each pin's question has.
    sizes: Vec<usize>,
    /// For each term, the positions (in `ids`) of the pins whose question has it.
    postings: HashMap<String, Vec<u32>>,
    /// What each pin cited, when it was kept.
    sources: Vec<Option<PinSources>>,
    /// For each pin's best passage, the positions of the pins it is the best of.
    by_passage: HashMap<PassageId, Vec<u32>>,
}

impl PinIndex {
    /// An index of `pins`: (pin id, its question's distinct terms), in order of preference.
    pub fn new(pins: impl IntoIterator<Item = (i64, Vec<String>)>) -> PinIndex {
        PinIndex::with_sources(pins.into_iter().map(|(id, terms)| (id, terms, None)))
    }

    /// An index of `pins`: (pin id, its question's distinct terms, what it cited when kept), in
    /// order of preference.
    pub fn with_sources(
        pins: impl IntoIterator<Item = (i64, Vec<String>, Option<PinSources>)>,
    ) -> PinIndex {
        let mut index = PinIndex::default();
        for (id, terms, sources) in pins {
            let Ok(at) = u32::try_from(index.ids.len()) else {
                break;
            };
            let distinct: HashSet<String> = terms.into_iter().collect();
            index.ids.push(id);
            index.sizes.push(distinct.len());
            for term in distinct {
                index.postings.entry(term).or_default().push(at);
            }
            if let Some(best) = sources.as_ref().and_then(|s| s.passages.first()) {
                index.by_passage.entry(best.clone()).or_default().push(at);
            }
            index.sources.push(sources);
        }
        index
    }

    /// The pin to show first: of the pins whose cited passages match the question's
    /// ([`PinSources::matches`]), the closest (the first of equals); else [`PinIndex::best`]
    /// among the pins whose question did not ask for something else.
    pub fn best_for(&self, asked: &PinMatcher, sources: &AskedSources) -> Option<i64> {
        let mut best: Option<(usize, u32)> = None;
        for top in sources.top.iter().take(TOP_PASSAGES) {
            for &at in self.by_passage.get(top).into_iter().flatten() {
                let Some(score) = self.sources[at as usize]
                    .as_ref()
                    .and_then(|s| s.matches(sources))
                else {
                    continue;
                };
                if best.is_none_or(|(s, b)| score < s || (score == s && at < b)) {
                    best = Some((score, at));
                }
            }
        }
        match best {
            Some((_, at)) => Some(self.ids[at as usize]),
            None => self.best_by_words(asked, sources.intent),
        }
    }

    /// How many pins it holds.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether it holds no pin.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The id of the pin whose question is most like the asked one, if at least
    /// [`PINNED_MATCH`] alike; of equally alike ones, the first given.
    pub fn best(&self, asked: &PinMatcher) -> Option<i64> {
        self.best_by_words(asked, None)
    }

    /// [`PinIndex::best`], leaving out pins whose question asked for something other than
    /// `intent` (pay and skills questions share many words).
    fn best_by_words(&self, asked: &PinMatcher, intent: Option<Intent>) -> Option<i64> {
        if asked.asked.is_empty() {
            return None;
        }
        let mut shared: HashMap<u32, usize> = HashMap::new();
        for term in &asked.asked {
            for &at in self.postings.get(term).into_iter().flatten() {
                *shared.entry(at).or_default() += 1;
            }
        }
        let mut best: Option<(f64, u32)> = None;
        for (at, n) in shared {
            let score = jaccard(n, asked.asked.len(), self.sizes[at as usize]);
            let better = best.is_none_or(|(s, b)| score > s || (score == s && at < b));
            if score >= PINNED_MATCH && better && !self.asks_otherwise(at, intent) {
                best = Some((score, at));
            }
        }
        best.map(|(_, at)| self.ids[at as usize])
    }

    /// Whether the pin at `at` asked for something other than `intent` (both known).
    fn asks_otherwise(&self, at: u32, intent: Option<Intent>) -> bool {
        let pinned = self.sources[at as usize]
            .as_ref()
            .and_then(|s| s.intent.as_deref())
            .and_then(Intent::from_id);
        matches!((pinned, intent), (Some(p), Some(i)) if p != i)
    }
}

/// Each guild's [`PinIndex`], kept while the database's pin version (which every change to any
/// pin, by any replica, moves) stays the same; bounded by [`MAX_CACHED_PINS`].
#[derive(Debug, Default)]
pub struct PinCache {
    state: Mutex<CacheState>,
}

#[derive(Debug, Default)]
struct CacheState {
    /// The pin version the kept indexes were read at.
    version: Option<i64>,
    guilds: HashMap<u64, Arc<PinIndex>>,
    /// Pins held, across guilds.
    pins: usize,
}

impl PinCache {
    /// The guild's index at pin version `version`: the kept one, or the one `load` builds (then
    /// kept). A change of version drops every kept index first.
    ///
    /// # Errors
    /// Whatever `load` returns.
    pub fn guild<E>(
        &self,
        guild: u64,
        version: i64,
        load: impl FnOnce() -> Result<PinIndex, E>,
    ) -> Result<Arc<PinIndex>, E> {
        {
            let mut state = self.state();
            if state.version != Some(version) {
                *state = CacheState {
                    version: Some(version),
                    ..CacheState::default()
                };
            }
            if let Some(index) = state.guilds.get(&guild) {
                return Ok(Arc::clone(index));
            }
        }
        // Built without the lock: other guilds' questions do not wait for this one's pins.
        let index = Arc::new(load()?);
        let mut state = self.state();
        if state.version == Some(version) {
            if state.pins + index.len() > MAX_CACHED_PINS {
                state.guilds.clear();
                state.pins = 0;
            }
            state.pins += index.len();
            state.guilds.insert(guild, Arc::clone(&index));
        }
        Ok(index)
    }

    fn state(&self) -> std::sync::MutexGuard<'_, CacheState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Guilds kept now.
    #[cfg(test)]
    fn kept(&self) -> usize {
        self.state().guilds.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyzer() -> &'static Analyzer {
        crate::answer::fixtures::vocab().analyzer()
    }

    fn best<'a>(asked: &str, pinned: &[&'a str]) -> Option<&'a str> {
        PinMatcher::new(analyzer(), asked).best(pinned.iter().copied(), |q| q)
    }

    #[test]
    fn half_the_terms_in_common_is_enough_and_less_is_not() {
        let asked = PinMatcher::new(analyzer(), "rust tokio axum serenity");
        assert_eq!(asked.similarity("rust tokio axum serenity"), 1.0);
        // 2 shared of 4 terms in all.
        assert_eq!(asked.similarity("rust tokio"), 0.5);
        assert_eq!(
            best("rust tokio axum serenity", &["rust tokio"]),
            Some("rust tokio")
        );
        // 2 shared of 5.
        assert_eq!(asked.similarity("rust tokio tantivy"), 0.4);
        assert_eq!(
            best("rust tokio axum serenity", &["rust tokio tantivy"]),
            None
        );
        assert_eq!(asked.similarity("cooking"), 0.0);
    }

    #[test]
    fn the_most_alike_of_several_wins_and_the_first_of_equals() {
        let pinned = [
            "rust tokio",               // 0.5
            "rust tokio axum",          // 0.75
            "rust tokio axum tantivy",  // 0.6
            "tokio axum serenity rust", // 1.0, last
        ];
        assert_eq!(
            best("rust tokio axum serenity", &pinned),
            Some("tokio axum serenity rust")
        );
        assert_eq!(
            best("rust tokio axum serenity", &pinned[..3]),
            Some("rust tokio axum")
        );
        assert_eq!(
            best("rust tokio axum serenity", &["rust axum", "tokio serenity"]),
            Some("rust axum"),
            "equally alike: the first"
        );
    }

    #[test]
    fn nothing_pinned_or_nothing_asked_matches_nothing() {
        assert_eq!(best("rust tokio", &[]), None);
        assert_eq!(best("", &["rust tokio"]), None);
        assert_eq!(best("?!", &["?!"]), None);
    }

    fn index(pinned: &[&str]) -> PinIndex {
        PinIndex::new(
            pinned
                .iter()
                .enumerate()
                .map(|(i, q)| (i as i64, pin_terms(analyzer(), q))),
        )
    }

    #[test]
    fn the_index_picks_what_the_matcher_picks() {
        let pinned = [
            "rust tokio",
            "rust tokio axum",
            "rust tokio axum tantivy",
            "tokio axum serenity rust",
            "how much does a senior back-end developer earn",
            "junior developer salary",
            "how do I become a nurse",
            "rust axum",
            "tokio serenity",
            "",
        ];
        let asked = [
            "rust tokio axum serenity",
            "what does a senior backend developer earn",
            "salary of a junior developer",
            "become a nurse",
            "rust",
            "cooking",
            "",
            "?!",
        ];
        for n in 0..=pinned.len() {
            let idx = index(&pinned[..n]);
            for q in asked {
                let matcher = PinMatcher::new(analyzer(), q);
                let want = matcher
                    .best(pinned[..n].iter().enumerate(), |(_, p)| p)
                    .map(|(i, _)| i as i64);
                assert_eq!(idx.best(&matcher), want, "{q:?} against {n} pins");
            }
        }
        let tied = index(&["rust axum", "tokio serenity"]);
        assert_eq!(
            tied.best(&PinMatcher::new(analyzer(), "rust tokio axum serenity")),
            Some(0),
            "equally alike: the first"
        );
    }

    fn id(n: u32) -> PassageId {
        PassageId {
            source: "guide.md".into(),
            start_line: n * 10,
            end_line: n * 10 + 9,
            hash: format!("{n:016x}"),
        }
    }

    fn pinned(passages: &[u32], intent: Option<&str>) -> PinSources {
        PinSources {
            career: Some("Electrician".into()),
            intent: intent.map(str::to_string),
            passages: passages.iter().map(|&n| id(n)).collect(),
        }
    }

    fn asking(top: &[u32], intent: Option<Intent>) -> AskedSources {
        AskedSources {
            career: Some("Electrician".into()),
            intent,
            top: top.iter().map(|&n| id(n)).collect(),
        }
    }

    #[test]
    fn a_pin_matches_when_each_best_passage_is_among_the_others_best() {
        let pin = pinned(&[1, 2, 3, 4], Some("salary"));
        assert_eq!(pin.matches(&asking(&[1, 2, 3], None)), Some(0));
        assert_eq!(
            pin.matches(&asking(&[2, 1, 9], Some(Intent::Salary))),
            Some(2)
        );
        // The pin's best passage is not among the question's best three.
        assert_eq!(pin.matches(&asking(&[2, 3, 4, 1], None)), None);
        // The question's best passage is not among the pin's first three.
        assert_eq!(pin.matches(&asking(&[4, 1], None)), None);
        assert_eq!(pin.matches(&asking(&[9, 8, 7], None)), None);
        assert_eq!(pin.matches(&asking(&[], None)), None);
        assert_eq!(pinned(&[], None).matches(&asking(&[1], None)), None);
    }

    #[test]
    fn another_career_another_intent_or_an_edited_passage_is_no_match() {
        let pin = pinned(&[1, 2], Some("salary"));
        let other_career = AskedSources {
            career: Some("Data Analyst".into()),
            ..asking(&[1, 2], None)
        };
        assert_eq!(pin.matches(&other_career), None);
        let every_career = AskedSources {
            career: None,
            ..asking(&[1, 2], None)
        };
        assert_eq!(pin.matches(&every_career), None);
        assert_eq!(pin.matches(&asking(&[1, 2], Some(Intent::Skills))), None);
        let mut edited = asking(&[1, 2], None);
        edited.top[0].hash = "0".repeat(16);
        assert_eq!(pin.matches(&edited), None);
    }

    #[test]
    fn passages_decide_before_words_and_unrelated_questions_get_no_pin() {
        let index = PinIndex::with_sources([
            (
                10,
                pin_terms(analyzer(), "rust tokio"),
                Some(pinned(&[5, 6], None)),
            ),
            (
                11,
                pin_terms(analyzer(), "axum serenity"),
                Some(pinned(&[1, 2], None)),
            ),
            (
                12,
                pin_terms(analyzer(), "tantivy"),
                Some(pinned(&[1, 3], None)),
            ),
            (13, pin_terms(analyzer(), "cooking"), None),
        ]);
        // No word in common, the same passages: the closest pin, the first of equals.
        let words = PinMatcher::new(analyzer(), "how much do they make");
        assert_eq!(index.best_for(&words, &asking(&[1, 2, 3], None)), Some(11));
        assert_eq!(index.best_for(&words, &asking(&[3, 1, 2], None)), Some(12));
        // Other passages: the words decide, and unrelated words find nothing.
        let rust = PinMatcher::new(analyzer(), "rust tokio");
        assert_eq!(index.best_for(&rust, &asking(&[8, 9], None)), Some(10));
        assert_eq!(index.best_for(&words, &asking(&[8, 9], None)), None);
        assert_eq!(index.best_for(&words, &AskedSources::default()), None);
    }

    #[test]
    fn alike_words_asking_for_something_else_get_no_pin() {
        let words = "senior backend developer salary";
        let index = PinIndex::with_sources([(
            1,
            pin_terms(analyzer(), words),
            Some(pinned(&[1], Some("salary"))),
        )]);
        let asked = PinMatcher::new(analyzer(), "senior backend developer skills");
        assert_eq!(index.best(&asked), Some(1), "half the words are shared");
        assert_eq!(
            index.best_for(&asked, &asking(&[7], Some(Intent::Skills))),
            None
        );
        assert_eq!(index.best_for(&asked, &asking(&[7], None)), Some(1));
        assert_eq!(
            index.best_for(&asked, &asking(&[7], Some(Intent::Salary))),
            Some(1)
        );
    }

    #[test]
    fn the_cache_keeps_a_guild_until_the_version_moves() {
        let cache = PinCache::default();
        let loads = std::cell::Cell::new(0);
        let load = || -> Result<PinIndex, ()> {
            loads.set(loads.get() + 1);
            Ok(index(&["rust tokio"]))
        };
        let a = cache.guild(1, 7, load).unwrap();
        let b = cache.guild(1, 7, load).unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(loads.get(), 1, "analysed once");
        cache.guild(2, 7, load).unwrap();
        assert_eq!((loads.get(), cache.kept()), (2, 2));
        // Any pin changed anywhere: every guild is read again.
        cache.guild(1, 8, load).unwrap();
        assert_eq!((loads.get(), cache.kept()), (3, 1));
        assert_eq!(cache.guild(3, 8, || Err("db down")).unwrap_err(), "db down");
    }
}
