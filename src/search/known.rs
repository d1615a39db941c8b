//! How well one generation knows a word: in how many passages an analysed term occurs, and
//! whether the index holds it in some near form ("programm" beside "program"). Spelling
//! correction and the reading of occupations in questions both ask it.

use std::sync::Arc;

use tantivy::Term as TantivyTerm;
use tantivy::collector::Count;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};

use super::index::PassageIndex;

/// A near form may differ from the word by this many characters at its end.
const NEAR_FORM_CHARS: usize = 2;
/// Words shorter than this (in characters) have no near forms: too many short words share a start.
const MIN_NEAR_FORM_CHARS: usize = 5;

impl PassageIndex {
    /// Passages whose body or heading holds the analysed term `term`.
    pub fn doc_freq(&self, term: &str) -> u64 {
        doc_freq(
            &self.searcher(),
            &[self.fields.body, self.fields.section],
            term,
        )
    }

    /// Whether the index holds the analysed term `term`, or a near form of it, in at least `min`
    /// passages. A near form is a term one of which starts the other, the two differing by at
    /// most two characters at the end (the stemmer leaves "programmer" as "programm" and
    /// "programming" as "program"); words under five characters have none.
    pub fn knows(&self, term: &str, min: u64) -> bool {
        let min = min.max(1);
        let searcher = self.searcher();
        let fields = [self.fields.body, self.fields.section];
        if doc_freq(&searcher, &fields, term) >= min {
            return true;
        }
        let chars: Vec<char> = term.chars().collect();
        if chars.len() < MIN_NEAR_FORM_CHARS {
            return false;
        }
        let stem: String = chars[..chars.len() - NEAR_FORM_CHARS.min(chars.len() - 1)]
            .iter()
            .collect();
        let len = chars.len();
        let mut near: Vec<String> = Vec::new();
        for segment in searcher.segment_readers() {
            for field in fields {
                let Ok(inverted) = segment.inverted_index(field) else {
                    continue;
                };
                let Ok(mut stream) = inverted.terms().range().ge(stem.as_bytes()).into_stream()
                else {
                    continue;
                };
                while stream.advance() {
                    let Ok(candidate) = std::str::from_utf8(stream.key()) else {
                        continue;
                    };
                    if !candidate.starts_with(&stem) {
                        break;
                    }
                    if candidate != term
                        && candidate.chars().count().abs_diff(len) <= NEAR_FORM_CHARS
                        && (candidate.starts_with(term) || term.starts_with(candidate))
                        && !near.iter().any(|n| n == candidate)
                    {
                        near.push(candidate.to_string());
                    }
                }
            }
        }
        // Counted over every segment (a term's passages may be spread over several).
        near.iter().any(|n| doc_freq(&searcher, &fields, n) >= min)
    }

    /// Passages naming the occupation `form` as written, in the singular (see
    /// [`crate::roles::RoleTable::occupation_form`]): "designer" counts only passages that say
    /// designer(s), not those about design.
    pub fn occupation_freq(&self, form: &str) -> u64 {
        doc_freq(&self.searcher(), &[self.fields.occupations], form)
    }

    /// Whether some passage of the guides about `career` (its exact name) holds the analysed
    /// term `term` in its body or heading.
    pub fn career_holds(&self, career: &str, term: &str) -> bool {
        if self.doc_freq(term) == 0 {
            return false;
        }
        match self.career_passages(&self.searcher(), career, Some(term)) {
            Ok(n) => n > 0,
            Err(e) => {
                tracing::error!(error = %e, career, term, "cannot count a career's passages");
                // Unknown: say it holds the word, so no verdict turns on a failed read.
                true
            }
        }
    }

    /// Whether some guide's title holds every one of the analysed `terms` ("flight" and
    /// "attend" in "Cabin Crew (Flight Attendant) Career Guide"): an occupation a title names is
    /// what its guide is about, however seldom its passages name it. `false` for no terms.
    pub fn in_a_title(&self, terms: &[&str]) -> bool {
        if terms.is_empty() {
            return false;
        }
        let clauses: Vec<(Occur, Box<dyn Query>)> = terms
            .iter()
            .map(|t| {
                let q = TermQuery::new(
                    TantivyTerm::from_field_text(self.fields.title, t),
                    IndexRecordOption::Basic,
                );
                (Occur::Must, Box::new(q) as Box<dyn Query>)
            })
            .collect();
        match self.searcher().search(&BooleanQuery::new(clauses), &Count) {
            Ok(n) => n > 0,
            Err(e) => {
                tracing::error!(error = %e, "cannot search the guides' titles");
                false
            }
        }
    }

    /// How many passages of the guides about `career` (its exact name) are of a guide whose
    /// title holds one of `forms`, each a run of analysed words (all of them held).
    ///
    /// # Errors
    /// When the index cannot be read.
    pub(crate) fn career_titled(
        &self,
        searcher: &tantivy::Searcher,
        career: &str,
        forms: &[Vec<Arc<str>>],
    ) -> tantivy::Result<usize> {
        let f = &self.fields;
        let term_query = |field: Field, text: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                TantivyTerm::from_field_text(field, text),
                IndexRecordOption::Basic,
            ))
        };
        let any_form: Vec<(Occur, Box<dyn Query>)> = forms
            .iter()
            .filter(|form| !form.is_empty())
            .map(|form| {
                let words = form
                    .iter()
                    .map(|w| (Occur::Must, term_query(f.title, w)))
                    .collect();
                (
                    Occur::Should,
                    Box::new(BooleanQuery::new(words)) as Box<dyn Query>,
                )
            })
            .collect();
        if any_form.is_empty() {
            return Ok(0);
        }
        let query = BooleanQuery::new(vec![
            (Occur::Must, term_query(f.career, career)),
            (Occur::Must, Box::new(BooleanQuery::new(any_form))),
        ]);
        searcher.search(&query, &Count)
    }

    /// How many passages of the guides about `career` (its exact name) there are, or hold the
    /// analysed term `term` in their body or heading.
    ///
    /// # Errors
    /// When the index cannot be read.
    pub(crate) fn career_passages(
        &self,
        searcher: &tantivy::Searcher,
        career: &str,
        term: Option<&str>,
    ) -> tantivy::Result<usize> {
        let f = &self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(
            Occur::Must,
            Box::new(TermQuery::new(
                TantivyTerm::from_field_text(f.career, career),
                IndexRecordOption::Basic,
            )),
        )];
        if let Some(term) = term {
            let in_text: Vec<(Occur, Box<dyn Query>)> = [f.body, f.section]
                .into_iter()
                .map(|field| {
                    let q = TermQuery::new(
                        TantivyTerm::from_field_text(field, term),
                        IndexRecordOption::Basic,
                    );
                    (Occur::Should, Box::new(q) as Box<dyn Query>)
                })
                .collect();
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(in_text))));
        }
        searcher.search(&BooleanQuery::new(clauses), &Count)
    }
}

/// Passages holding `term` in any of `fields` (the most of any one field).
pub(crate) fn doc_freq(searcher: &tantivy::Searcher, fields: &[Field], term: &str) -> u64 {
    fields
        .iter()
        .map(|&f| {
            searcher
                .doc_freq(&TantivyTerm::from_field_text(f, term))
                .unwrap_or(0)
        })
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn words_are_known_as_written_or_in_a_near_form() {
        let dir = tempfile::tempdir().unwrap();
        let engine =
            crate::engine::fixtures::engine_on(crate::corpus::SeedSource::Embedded, dir.path());
        let g = engine.current();
        assert!(g.doc_freq("salari") > 10);
        assert_eq!(g.doc_freq("firefight"), 0);
        assert!(g.knows("salari", 2));
        // "programmer" stems to "programm", "programming" to "program": one word to the index.
        assert_eq!(g.doc_freq("programm"), 0);
        assert!(g.knows("programm", 2));
        for unknown in ["firefight", "biologist", "mechan", "nurs"] {
            assert!(!g.knows(unknown, 1), "{unknown}");
        }
        assert!(
            !g.knows("salari", u64::MAX),
            "no word is in more passages than there are"
        );
    }

    #[test]
    fn occupations_are_counted_as_the_guides_write_them() {
        let dir = tempfile::tempdir().unwrap();
        let engine =
            crate::engine::fixtures::engine_on(crate::corpus::SeedSource::Embedded, dir.path());
        let g = engine.current();
        // "design" is everywhere in the back-end guides; no passage names a designer.
        assert!(g.doc_freq("design") > 5);
        assert_eq!(g.occupation_freq("designer"), 0);
        // Plurals are counted in the singular.
        assert!(g.occupation_freq("developer") > 10);
        assert_eq!(g.occupation_freq("developers"), 0);
        // Words that are not occupations are not indexed as such.
        assert_eq!(g.occupation_freq("design"), 0);
    }
}
