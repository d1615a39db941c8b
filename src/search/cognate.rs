//! A Spanish question word the index lacks → the index's English term it is a cognate of
//! ("ocupacional" → occupational, "arquitecto" → architect), by the spellings of the analyzer's
//! cognate table: so a Spanish question finds an English guide's passages for words no
//! translation table lists, in careers nobody listed.

use tantivy::schema::Field;

use crate::analysis::Analyzer;

use super::known::doc_freq;

/// Fewest characters of a plain spelling matched: shorter stems are shared by too many words.
const MIN_KEY_CHARS: usize = 4;

/// An indexed term a Spanish word is read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Cognate {
    /// The indexed term.
    pub term: String,
    /// Passages holding it.
    pub doc_freq: u64,
    /// The word to show: the English spelling whose stem is the term, else the term.
    pub shown: String,
}

/// The indexed term the folded word `word` is a cognate of: the term of an English spelling of
/// the word (see `CognateTable::spellings`) when the index holds it, else an indexed term spelt
/// the same as one of those spellings' stems once both are in plain letters
/// (`CognateTable::key`). The spelling tried first (the longest ending rule) wins, then the most
/// frequent term.
pub(super) fn cognate_of(
    analyzer: &Analyzer,
    searcher: &tantivy::Searcher,
    fields: &[Field],
    word: &str,
) -> Option<Cognate> {
    let table = analyzer.cognates();
    let spellings = table.spellings(word);
    let stems: Vec<String> = spellings
        .iter()
        .filter_map(|s| analyzer.analyze(s).into_iter().next())
        .map(|t| t.text.to_string())
        .collect();
    for (stem, spelling) in stems.iter().zip(&spellings) {
        let doc_freq = doc_freq(searcher, fields, stem);
        if doc_freq > 0 && stem.chars().count() >= MIN_KEY_CHARS {
            return Some(Cognate {
                term: stem.clone(),
                doc_freq,
                shown: spelling.clone(),
            });
        }
    }
    // Spellings in plain letters, in the order tried.
    let keys: Vec<String> = stems
        .iter()
        .map(|s| table.key(s))
        .filter(|k| k.chars().count() >= MIN_KEY_CHARS)
        .collect();
    let mut best: Option<(usize, u64, String)> = None;
    let mut firsts: Vec<char> = Vec::new();
    for key in &keys {
        if let Some(first) = key.chars().next() {
            for c in table.first_letters(first) {
                if !firsts.contains(&c) {
                    firsts.push(c);
                }
            }
        }
    }
    for first in firsts {
        if !first.is_ascii_lowercase() {
            continue;
        }
        let lo = [first as u8];
        let hi = [first as u8 + 1];
        for segment in searcher.segment_readers() {
            let Ok(inverted) = segment.inverted_index(fields[0]) else {
                continue;
            };
            let Ok(mut stream) = inverted.terms().range().ge(lo).lt(hi).into_stream() else {
                continue;
            };
            while stream.advance() {
                let Ok(candidate) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                let key = table.key(candidate);
                let Some(rank) = keys.iter().position(|k| *k == key) else {
                    continue;
                };
                let df = u64::from(stream.value().doc_freq);
                let better = best.as_ref().is_none_or(|(r, d, t)| {
                    (rank, std::cmp::Reverse(df), candidate)
                        < (*r, std::cmp::Reverse(*d), t.as_str())
                });
                if better {
                    best = Some((rank, df, candidate.to_string()));
                }
            }
        }
    }
    best.map(|(_, _, term)| Cognate {
        doc_freq: doc_freq(searcher, fields, &term),
        shown: term.clone(),
        term,
    })
}

#[cfg(test)]
mod tests {
    use crate::engine::fixtures::engine_with;

    const THERAPIST: &str = "# Occupational therapist\n\n## Pay\n\nOccupational therapists \
        earn $72,000 to $80,000 a year. The architecture of hospital wards and diagnostic \
        radiographers work beside them.\n\n## Licensing\n\nAfter the adaptation period you \
        sit the national exam.\n";

    /// Regression (issue 14, second probe: Spanish questions about careers no table translates,
    /// "terapeuta ocupacional", found 1 of 7 answers at rank 1): a Spanish word the index lacks
    /// is read as the English word it is a cognate of, by spelling rules that are data.
    #[test]
    fn a_spanish_word_is_read_as_its_english_cognate() {
        let dir = tempfile::tempdir().unwrap();
        let engine = engine_with(
            dir.path(),
            &[("ot.md", "Occupational Therapist", THERAPIST)],
        );
        let generation = engine.current();
        let read = |w: &str| generation.typo_of(w);
        assert_eq!(read("ocupacional").as_deref(), Some("occup"));
        assert_eq!(read("arquitectura").as_deref(), Some("architectur"));
        assert_eq!(read("radiógrafos").as_deref(), Some("radiograph"));
        assert_eq!(read("adaptación").as_deref(), Some("adapt"));
        assert_eq!(read("diagnóstico").as_deref(), Some("diagnost"));
        // No English word of the guide is spelt like these.
        assert_eq!(read("fontanero"), None);
        assert_eq!(read("bombero"), None);
        // A misspelt English word is still read as the word it is a typo of.
        assert_eq!(read("therapsts").as_deref(), Some("therapist"));
        // What a member is shown: the English spelling when it is the guide's word.
        let searcher = generation.searcher();
        let shown: Vec<(String, String)> =
            super::super::query::query_terms(&generation, &searcher, "¿periodo de adaptación?")
                .into_iter()
                .filter(|t| t.corrected)
                .map(|t| (t.from, t.read_as))
                .collect();
        assert_eq!(
            shown,
            [
                ("periodo".to_string(), "period".to_string()),
                ("adaptación".to_string(), "adaptation".to_string())
            ]
        );
    }
}
