//! Which moderator-pinned answer to show first for a question: the one whose question is most
//! like it, when they are alike enough.

use std::collections::HashSet;

use crate::analysis::Analyzer;

/// How alike a pinned question must be for its answer to be shown first: the share of terms the
/// two questions have in common (shared terms over all their terms).
pub const PINNED_MATCH: f64 = 0.5;

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
        let union = self.asked.union(&pinned).count().max(1);
        self.asked.intersection(&pinned).count() as f64 / union as f64
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

#[cfg(test)]
mod tests {
    use super::*;

    fn best<'a>(asked: &str, pinned: &[&'a str]) -> Option<&'a str> {
        PinMatcher::new(crate::answer::fixtures::vocab().analyzer(), asked)
            .best(pinned.iter().copied(), |q| q)
    }

    #[test]
    fn half_the_terms_in_common_is_enough_and_less_is_not() {
        let asked = PinMatcher::new(
            crate::answer::fixtures::vocab().analyzer(),
            "rust tokio axum serenity",
        );
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
}
