//! Whether the guides answer a question: one verdict, decided once in the engine, that every
//! face shows the same way.

use serde::Serialize;
use serde::ser::SerializeMap;

use crate::search::SearchResults;

/// Below this share of the question's meaningful words in the best passage, the evidence is weak.
pub const WEAK_COVERAGE: f32 = 0.5;

/// Why the guides were judged not to answer a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// No passage, or the best passage holds too little of the question.
    WeakMatch,
    /// The question is about an occupation no guide covers: no passage is shown, since they
    /// would all be about other careers.
    NotInLibrary {
        /// The occupation as the question names it ("firefighters").
        role: String,
        /// The careers the library covers, by name.
        careers: Vec<String>,
    },
}

impl Reason {
    /// Its id in JSON: `weak_match`, `not_in_library`.
    pub fn id(&self) -> &'static str {
        match self {
            Reason::WeakMatch => "weak_match",
            Reason::NotInLibrary { .. } => "not_in_library",
        }
    }
}

/// The engine's verdict on an answer. In JSON: `confident`, and when not, `reason` (its
/// [`Reason::id`]), and for `not_in_library` the `role` asked about and the `careers` covered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// Whether the guides answer the question.
    pub confident: bool,
    /// Why not, when not.
    pub reason: Option<Reason>,
}

impl Serialize for Verdict {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("confident", &self.confident)?;
        if let Some(reason) = &self.reason {
            map.serialize_entry("reason", reason.id())?;
            if let Reason::NotInLibrary { role, careers } = reason {
                map.serialize_entry("role", role)?;
                map.serialize_entry("careers", careers)?;
            }
        }
        map.end()
    }
}

impl Verdict {
    /// The guides answer it.
    pub const CONFIDENT: Verdict = Verdict {
        confident: true,
        reason: None,
    };

    /// The guides do not answer it, for this reason.
    pub fn not(reason: Reason) -> Verdict {
        Verdict {
            confident: false,
            reason: Some(reason),
        }
    }

    /// The occupation asked about and the careers covered, when no guide covers the question's.
    pub fn not_in_library(&self) -> Option<(&str, &[String])> {
        match &self.reason {
            Some(Reason::NotInLibrary { role, careers }) => Some((role, careers)),
            _ => None,
        }
    }
}

/// Judges a first page of results.
pub fn judge(results: &SearchResults) -> Verdict {
    match results.hits.first() {
        Some(best) if best.coverage >= WEAK_COVERAGE => Verdict::CONFIDENT,
        _ => Verdict::not(Reason::WeakMatch),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::corpus::Passage;
    use crate::search::Hit;

    fn results(coverages: &[f32]) -> SearchResults {
        SearchResults {
            query: "q".into(),
            truncated: false,
            terms: Vec::new(),
            hits: coverages
                .iter()
                .enumerate()
                .map(|(i, &coverage)| Hit {
                    rank: i + 1,
                    score: 1.0,
                    passage: Arc::new(Passage {
                        source: "g.txt".into(),
                        title: "T".into(),
                        career: String::new(),
                        section: "S".into(),
                        start_line: 1,
                        end_line: 1,
                        text: "x".into(),
                        line_numbers: vec![1],
                    }),
                    snippet: Default::default(),
                    coverage,
                })
                .collect(),
            has_more: false,
        }
    }

    #[test]
    fn weak_or_missing_evidence_is_not_confident() {
        assert_eq!(judge(&results(&[])), Verdict::not(Reason::WeakMatch));
        assert_eq!(
            judge(&results(&[0.3, 0.9])),
            Verdict::not(Reason::WeakMatch)
        );
        assert_eq!(judge(&results(&[0.5])), Verdict::CONFIDENT);
    }

    #[test]
    fn the_verdict_serialises_as_documented() {
        assert_eq!(
            serde_json::to_value(Verdict::not(Reason::WeakMatch)).unwrap(),
            serde_json::json!({"confident": false, "reason": "weak_match"})
        );
        assert_eq!(
            serde_json::to_value(Verdict::CONFIDENT).unwrap(),
            serde_json::json!({"confident": true})
        );
        let uncovered = Verdict::not(Reason::NotInLibrary {
            role: "firefighters".into(),
            careers: vec!["Electrician".into()],
        });
        assert_eq!(
            serde_json::to_value(&uncovered).unwrap(),
            serde_json::json!({"confident": false, "reason": "not_in_library",
                               "role": "firefighters", "careers": ["Electrician"]})
        );
        assert_eq!(
            uncovered.not_in_library(),
            Some(("firefighters", &["Electrician".to_string()][..]))
        );
    }
}
