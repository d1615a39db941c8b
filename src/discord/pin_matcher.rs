//! Which moderator-pinned answer to show first for a question: the one whose question is most
//! like it, when they are alike enough. Each guild's pinned questions are analysed once and
//! kept in memory ([`PinCache`], checked against the database's pin version per question), so a
//! question is compared with the pins sharing a term with it, never by analysing every pin.

use std::collections::HashMap;
use std::collections::HashSet;
use std::sync::{Arc, Mutex, PoisonError};

use crate::analysis::Analyzer;

/// How alike a pinned question must be for its answer to be shown first: the share of terms the
/// two questions have in common (shared terms over all their terms).
pub const PINNED_MATCH: f64 = 0.5;

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
}

impl PinIndex {
    /// An index of `pins`: (pin id, its question's distinct terms), in order of preference.
    pub fn new(pins: impl IntoIterator<Item = (i64, Vec<String>)>) -> PinIndex {
        let mut index = PinIndex::default();
        for (id, terms) in pins {
            let Ok(at) = u32::try_from(index.ids.len()) else {
                break;
            };
            let distinct: HashSet<String> = terms.into_iter().collect();
            index.ids.push(id);
            index.sizes.push(distinct.len());
            for term in distinct {
                index.postings.entry(term).or_default().push(at);
            }
        }
        index
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
            if score >= PINNED_MATCH && better {
                best = Some((score, at));
            }
        }
        best.map(|(_, at)| self.ids[at as usize])
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
