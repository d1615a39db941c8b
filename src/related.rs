//! Everyday words members ask with, and the words career guides use for the same concept
//! (`assets/related.toml`): "could I get hurt?" → safety, hazards; "do you work nights?" →
//! shifts, rosters. The analyzer carries the table; the search adds a question's related guide
//! words to its query, weighed lightly.

use rustc_hash::FxHashMap;
use serde::Deserialize;

use crate::analysis::Analyzer;

/// Why a related-words table cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid related-words table: {0}")]
pub struct RelatedError(String);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RelatedFile {
    #[serde(default)]
    concept: Vec<ConceptEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConceptEntry {
    name: String,
    asked: Vec<String>,
    guide: Vec<String>,
}

/// One asked phrase, analysed, and the concept it belongs to.
#[derive(Debug, Clone)]
struct Asked {
    terms: Vec<String>,
    concept: usize,
}

/// The concepts of the table, analysed once: each asked phrase by its first term, and each
/// concept's guide words.
#[derive(Debug, Clone, Default)]
pub struct RelatedTable {
    by_first: FxHashMap<String, Vec<Asked>>,
    guide: Vec<Vec<String>>,
}

impl RelatedTable {
    /// Reads a table in the format of `assets/related.toml`, analysing asked phrases as
    /// questions are analysed and guide words as guide text is.
    ///
    /// # Errors
    /// When the TOML does not parse, an asked phrase has no word left after analysis, or a
    /// guide word is not exactly one term (the search adds terms, not phrases): every such
    /// entry, named.
    pub fn from_toml(text: &str, analyzer: &Analyzer) -> Result<RelatedTable, RelatedError> {
        let file: RelatedFile = toml::from_str(text).map_err(|e| RelatedError(e.to_string()))?;
        let mut table = RelatedTable::default();
        let mut errors: Vec<String> = Vec::new();
        for (concept, entry) in file.concept.into_iter().enumerate() {
            let mut guide: Vec<String> = Vec::with_capacity(entry.guide.len());
            for word in &entry.guide {
                let terms = analyzer.analyze(word);
                let [term] = terms.as_slice() else {
                    errors.push(format!(
                        "concept {:?}: guide word {word:?} is {} terms after analysis, not one",
                        entry.name,
                        terms.len()
                    ));
                    continue;
                };
                if !guide.iter().any(|g| *g == *term.text) {
                    guide.push(term.text.to_string());
                }
            }
            for phrase in &entry.asked {
                let terms: Vec<String> = analyzer
                    .analyze_query(phrase)
                    .into_iter()
                    .map(|t| t.term.text.to_string())
                    .collect();
                let Some(first) = terms.first() else {
                    errors.push(format!(
                        "concept {:?}: asked phrase {phrase:?} has no word after analysis",
                        entry.name
                    ));
                    continue;
                };
                table
                    .by_first
                    .entry(first.clone())
                    .or_default()
                    .push(Asked { terms, concept });
            }
            table.guide.push(guide);
        }
        if errors.is_empty() {
            Ok(table)
        } else {
            Err(RelatedError(errors.join("; ")))
        }
    }

    /// The guide words related to a question whose analysed words, in order, are `asked`: those
    /// of every concept one of its asked phrases names (its words consecutive in `asked`), each
    /// once, none of `asked` itself. A one-word phrase counts only where `known` says the
    /// library lacks the word (given its position): a word the guides hold is matched as it
    /// is; a phrase is specific enough to count wherever it is asked.
    #[cfg(test)]
    pub fn related<S: AsRef<str>>(&self, asked: &[S], known: impl Fn(usize) -> bool) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for (g, _) in self.related_by(asked, known) {
            if !out.contains(&g) {
                out.push(g);
            }
        }
        out
    }

    /// The guide words related to a question (as the tests' `related` lists them), each with
    /// the position in `asked` of every word of the phrase that called it: (guide word,
    /// position) pairs, each once. The search reads this form (a hit's coverage credits the
    /// calling word).
    pub fn related_by<S: AsRef<str>>(
        &self,
        asked: &[S],
        known: impl Fn(usize) -> bool,
    ) -> Vec<(&str, usize)> {
        // Each concept called, with the positions of the words that called it.
        let mut concepts: Vec<(usize, Vec<usize>)> = Vec::new();
        for (i, word) in asked.iter().enumerate() {
            let Some(phrases) = self.by_first.get(word.as_ref()) else {
                continue;
            };
            for phrase in phrases {
                let fits = asked.len() - i >= phrase.terms.len()
                    && phrase
                        .terms
                        .iter()
                        .zip(&asked[i..])
                        .all(|(p, a)| *p == *a.as_ref());
                if !fits || (phrase.terms.len() == 1 && known(i)) {
                    continue;
                }
                let at = match concepts.iter().position(|(c, _)| *c == phrase.concept) {
                    Some(k) => k,
                    None => {
                        concepts.push((phrase.concept, Vec::new()));
                        concepts.len() - 1
                    }
                };
                for p in i..i + phrase.terms.len() {
                    if !concepts[at].1.contains(&p) {
                        concepts[at].1.push(p);
                    }
                }
            }
        }
        let mut out: Vec<(&str, usize)> = Vec::new();
        for (c, positions) in concepts {
            for g in &self.guide[c] {
                if asked.iter().any(|a| a.as_ref() == g) {
                    continue;
                }
                for &p in &positions {
                    if !out.contains(&(g.as_str(), p)) {
                        out.push((g, p));
                    }
                }
            }
        }
        out
    }

    /// Whether the table has no concept.
    pub fn is_empty(&self) -> bool {
        self.guide.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyzer() -> Analyzer {
        Analyzer::from_toml(crate::vocab::FILES[0].1).unwrap()
    }

    fn asked(analyzer: &Analyzer, question: &str) -> Vec<String> {
        analyzer
            .analyze_query(question)
            .into_iter()
            .map(|t| t.term.text.to_string())
            .collect()
    }

    const TABLE: &str = r#"
        [[concept]]
        name = "hours"
        asked = ["nights", "long days"]
        guide = ["shifts", "roster"]

        [[concept]]
        name = "danger"
        asked = ["hurt"]
        guide = ["safety", "hazards", "shifts"]
    "#;

    impl RelatedTable {
        fn related_all(&self, asked: &[String]) -> Vec<&str> {
            self.related(asked, |_| false)
        }
    }

    #[test]
    fn a_question_naming_an_asked_word_gets_the_guide_words_of_its_concept() {
        let a = analyzer();
        let table = RelatedTable::from_toml(TABLE, &a).unwrap();
        assert_eq!(
            table.related_all(&asked(&a, "Do nurses work nights?")),
            ["shift", "roster"]
        );
        // Two concepts: each guide word once, in the concepts' order.
        assert_eq!(
            table.related_all(&asked(&a, "could I get hurt on nights")),
            ["safeti", "hazard", "shift", "roster"]
        );
        assert!(
            table
                .related_all(&asked(&a, "how much do nurses earn"))
                .is_empty()
        );
    }

    #[test]
    fn each_guide_word_names_the_words_that_called_it() {
        let a = analyzer();
        let table = RelatedTable::from_toml(TABLE, &a).unwrap();
        // "long days" calls the hours concept from both its words; "hurt" the danger one.
        let asked = asked(&a, "hurt on long days");
        assert_eq!(asked, ["hurt", "long", "day"]);
        assert_eq!(
            table.related_by(&asked, |_| false),
            [
                ("safeti", 0),
                ("hazard", 0),
                ("shift", 0),
                ("shift", 1),
                ("shift", 2),
                ("roster", 1),
                ("roster", 2)
            ]
        );
    }

    #[test]
    fn a_phrase_matches_only_its_words_in_a_row() {
        let a = analyzer();
        let table = RelatedTable::from_toml(TABLE, &a).unwrap();
        assert_eq!(
            table.related_all(&asked(&a, "are there long days?")),
            ["shift", "roster"]
        );
        assert!(
            table
                .related_all(&asked(&a, "long commute, short days"))
                .is_empty()
        );
    }

    #[test]
    fn a_guide_word_the_question_already_holds_is_not_added() {
        let a = analyzer();
        let table = RelatedTable::from_toml(TABLE, &a).unwrap();
        assert_eq!(
            table.related_all(&asked(&a, "long days or shifts?")),
            ["roster"]
        );
    }

    #[test]
    fn a_guide_phrase_or_an_empty_asked_phrase_is_refused() {
        let a = analyzer();
        let phrase = r#"[[concept]]
            name = "x"
            asked = ["nights"]
            guide = ["dress code"]"#;
        let e = RelatedTable::from_toml(phrase, &a).unwrap_err();
        assert!(e.0.contains("dress code"), "{e}");
        let empty = r#"[[concept]]
            name = "x"
            asked = ["the"]
            guide = ["shifts"]"#;
        assert!(RelatedTable::from_toml(empty, &a).is_err());
    }

    #[test]
    fn the_shipped_table_loads() {
        let a = analyzer();
        let table = RelatedTable::from_toml(include_str!("../assets/related.toml"), &a).unwrap();
        assert!(!table.is_empty());
    }
}
