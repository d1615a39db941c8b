//! A question → the terms searched: analysis, spelling correction against the index's own terms,
//! and the tantivy query built in code from them (user text is never query syntax).

use std::collections::HashMap;

use serde::Serialize;
use tantivy::Term as TantivyTerm;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};

use crate::analysis::Analyzer;

use crate::roles::fold;

use super::cognate::cognate_of;
use super::index::PassageIndex;
use super::known::doc_freq;

/// Questions are cut to this many characters (not an error).
pub const MAX_QUESTION_CHARS: usize = 300;

/// Weight of a heading match relative to a body match.
const SECTION_BOOST: f32 = 1.1;
/// Weight of a guide-title match.
const TITLE_BOOST: f32 = 0.2;
/// Weight of a term that replaced a misspelt word.
const FUZZY_WEIGHT: f32 = 0.8;
/// Weight of a soft question word ("learn", "good"; see `[soft]` in the synonym table).
const SOFT_WEIGHT: f32 = 0.35;
/// Weight of a guide word related to a question's word (`assets/related.toml`). Chosen on the
/// outside probes one to eight (MRR@5 over their 640 covered questions 0.622 → 0.638 at 0.5,
/// 0.633 at 0.35, 0.631 at 0.25); the evaluation set's tuning and held-out parts score the
/// same at each.
const RELATED_WEIGHT: f32 = 0.5;
/// Longest word (in characters) spelling correction is tried on.
const MAX_CORRECTED_CHARS: usize = 24;
/// Words of at least this many characters may be two edits from their correction; shorter
/// words one ("keyboard" is two edits from "keyword", and no typo of it).
const TWO_EDIT_CHARS: usize = 9;

/// Shortest analysed word corrected to a nearby index term: a stem of four letters or fewer is
/// one edit from many real words ("prod" → proud, "anime" → anim → aim), so it is only
/// corrected to a misspelt synonym form. Tuning part of the evaluation set: hit@3 0.859 → 0.865,
/// few-words hit@1 0.400 → 0.533; 5 and 6 measure the same.
const MIN_FUZZY_STEM_CHARS: usize = 5;

/// Why a question cannot be searched.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuestionError {
    /// Nothing but whitespace.
    #[error(
        "the question is empty: ask something, e.g. \"How much does a junior back-end developer earn?\""
    )]
    Empty,
}

/// One term of the question as searched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QueryTerm {
    /// The indexed term searched for.
    pub term: String,
    /// The user's word(s) it came from.
    pub from: String,
    /// Whether it replaced a misspelt word.
    pub corrected: bool,
    /// The word a misspelt one was read as, to show: the vocabulary's form it is a typo of
    /// ("colege" → college, searched as its synonym's term), else the indexed term; `from`
    /// when not corrected.
    #[serde(skip)]
    pub read_as: String,
    /// Whether it is a soft question word, weighed down.
    pub soft: bool,
    /// Passages containing it.
    pub doc_freq: u64,
    /// The word as asked, analysed (before any correction); for a related word, the question's
    /// term that called it.
    #[serde(skip)]
    pub asked: String,
    /// Whether it is no word of the question but a guide word related to one (see
    /// `related_terms`), weighed lightly.
    #[serde(skip)]
    pub related: bool,
}

/// Trims and cuts a question to [`MAX_QUESTION_CHARS`] characters.
///
/// # Errors
/// [`QuestionError::Empty`] when nothing is left.
pub fn normalise_question(question: &str) -> Result<(String, bool), QuestionError> {
    let q = question.trim();
    if q.is_empty() {
        return Err(QuestionError::Empty);
    }
    match q.char_indices().nth(MAX_QUESTION_CHARS) {
        Some((cut, _)) => Ok((q[..cut].trim_end().to_string(), true)),
        None => Ok((q.to_string(), false)),
    }
}

/// The question's distinct terms, with misspelt words replaced by their nearest indexed term.
pub(crate) fn query_terms(
    index: &PassageIndex,
    searcher: &tantivy::Searcher,
    question: &str,
) -> Vec<QueryTerm> {
    let analyzer = index.analyzer();
    let fields = [index.fields.body, index.fields.section];
    let mut out: Vec<QueryTerm> = Vec::new();
    for token in analyzer.analyze_query(question) {
        let (t, soft) = (token.term, token.soft);
        if let Some(seen) = out.iter_mut().find(|q| *q.term == *t.text) {
            seen.soft &= soft;
            continue;
        }
        let surface = question[t.start..t.end].to_string();
        let df = doc_freq(searcher, &fields, &t.text);
        if df > 0 {
            out.push(QueryTerm {
                term: t.text.to_string(),
                read_as: surface.clone(),
                from: surface,
                corrected: false,
                soft,
                doc_freq: df,
                asked: t.text.to_string(),
                related: false,
            });
            continue;
        }
        match remembered_correction(index, searcher, &surface, &t.text) {
            Some(c) => match out.iter_mut().find(|q| q.term == c.term) {
                Some(seen) => seen.soft &= soft,
                None => out.push(QueryTerm {
                    term: c.term,
                    from: surface,
                    read_as: c.shown,
                    corrected: true,
                    soft,
                    doc_freq: c.doc_freq,
                    asked: t.text.to_string(),
                    related: false,
                }),
            },
            None => out.push(QueryTerm {
                term: t.text.to_string(),
                read_as: surface.clone(),
                from: surface,
                corrected: false,
                soft,
                doc_freq: 0,
                asked: t.text.to_string(),
                related: false,
            }),
        }
    }
    out
}

/// The guide words related to the question's words (`assets/related.toml`: "zapped" → safety,
/// hazards) that the index holds and the question does not, as terms to search beside the
/// question's own, weighed lightly. Only a word the guides lack (or a phrase) calls its
/// concept's words. They are no words of the question: its coverage and verdict count its own
/// words only.
pub(crate) fn related_terms(
    index: &PassageIndex,
    searcher: &tantivy::Searcher,
    terms: &[QueryTerm],
) -> Vec<QueryTerm> {
    let table = index.analyzer().related();
    if table.is_empty() {
        return Vec::new();
    }
    let asked: Vec<&str> = terms.iter().map(|t| t.asked.as_str()).collect();
    let fields = [index.fields.body, index.fields.section];
    // A word the guides hold is matched as it is ("interview" needs no "assessment" beside it).
    let mut held: Vec<(&str, u64)> = Vec::new();
    table
        .related_by(&asked, |i| !terms[i].corrected && terms[i].doc_freq > 0)
        .into_iter()
        .filter(|(g, _)| !terms.iter().any(|t| t.term == *g))
        .filter_map(|(g, at)| {
            let doc_freq = match held.iter().find(|(h, _)| *h == g) {
                Some((_, df)) => *df,
                None => {
                    let df = doc_freq(searcher, &fields, g);
                    held.push((g, df));
                    df
                }
            };
            // `asked` names the question's word that called it (as searched).
            (doc_freq > 0).then(|| QueryTerm {
                term: g.to_string(),
                from: g.to_string(),
                read_as: g.to_string(),
                corrected: false,
                soft: false,
                doc_freq,
                asked: terms[at].term.clone(),
                related: true,
            })
        })
        .collect()
}

/// What a word the index does not hold is read as.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Correction {
    /// The indexed term searched for.
    pub term: String,
    /// Passages holding it.
    pub doc_freq: u64,
    /// The word to show: the vocabulary's form the word is a typo of, else `term`.
    pub shown: String,
}

/// [`correct`], remembered per generation by the word's lower-case form.
fn remembered_correction(
    index: &PassageIndex,
    searcher: &tantivy::Searcher,
    surface: &str,
    term: &str,
) -> Option<Correction> {
    let fields = [index.fields.body, index.fields.section];
    index
        .cache
        .corrections
        .get_or_insert_with(&surface.to_lowercase(), || {
            Ok::<_, std::convert::Infallible>(correct(
                index.analyzer(),
                searcher,
                &fields,
                surface,
                term,
            ))
        })
        .unwrap_or_else(|never| match never {})
}

impl PassageIndex {
    /// The indexed term a single word the index does not hold is read as in a question: the
    /// word it is plausibly a typo of ("devloper" → develop) or, for a Spanish word, its English
    /// cognate ("ocupacional" → occupational); or `None`: the index holds the word,
    /// it is a common word of the language ("writer", which a question may read as a form of
    /// "write", is no typo of it), or nothing is close enough.
    pub fn typo_of(&self, word: &str) -> Option<String> {
        if self.analyzer().in_dictionary(&word.to_lowercase()) {
            return None;
        }
        let term = self.analyzer().analyze(word).into_iter().next()?;
        let searcher = self.searcher();
        let fields = [self.fields.body, self.fields.section];
        if doc_freq(&searcher, &fields, &term.text) > 0 {
            return None;
        }
        remembered_correction(self, &searcher, word, &term.text).map(|c| c.term)
    }

    /// The occupation the guides name (as [`crate::roles::RoleTable::occupation_form`] writes
    /// it) that `form`, an occupation form they never name, is plausibly a typo of
    /// ("devloper" → developer), by the rule spelling correction follows; or `None`: a common
    /// word of the language is meant as written, and a word near only other words of the
    /// guides ("ranger", one edit from "range") is no misspelt occupation.
    pub fn occupation_typo_of(&self, form: &str) -> Option<String> {
        let chars = form.chars().count();
        if !(4..=MAX_CORRECTED_CHARS).contains(&chars) || self.analyzer().in_dictionary(form) {
            return None;
        }
        let field = self.fields.occupations;
        let automaton = FuzzyTermQuery::new(
            TantivyTerm::from_field_text(field, form),
            max_edits(chars),
            true,
        )
        .automaton()
        .ok()?;
        let searcher = self.searcher();
        let mut found: Vec<(u8, String)> = Vec::new();
        for segment in searcher.segment_readers() {
            let Ok(inverted) = segment.inverted_index(field) else {
                continue;
            };
            let Ok(mut stream) = inverted.terms().search(&automaton).into_stream() else {
                continue;
            };
            while stream.advance() {
                let Ok(candidate) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                if plausible_typo(form, candidate) {
                    let d = bounded_distance(form, candidate, max_edits(chars)).unwrap_or(u8::MAX);
                    found.push((d, candidate.to_string()));
                }
            }
        }
        found.into_iter().min().map(|(_, occupation)| occupation)
    }
}

/// Nearest indexed term for a word the index does not know, when the word is plausibly a typo
/// of it: first a misspelt synonym form ("compensaton" → salary), then the index's own terms.
/// A plausible typo is one edit away (two for words of [`TWO_EDIT_CHARS`] characters or more,
/// counted on the form compared: the word against synonym forms, its stem against indexed
/// stems) and starts with the same letter. A word the index holds as it is written is never
/// corrected; a common word of the analyzer's dictionary only to a term its stem extends
/// ([`derived_from`]). Closest first, then most frequent.
fn correct(
    analyzer: &Analyzer,
    searcher: &tantivy::Searcher,
    fields: &[Field],
    surface: &str,
    term: &str,
) -> Option<Correction> {
    let word = surface.to_lowercase();
    let chars = word.chars().count();
    if !(4..=MAX_CORRECTED_CHARS).contains(&chars) || !word.chars().all(char::is_alphabetic) {
        return None;
    }
    // Written as an indexed term ("mean" is its own stem): a word, not a typo.
    if doc_freq(searcher, fields, &word) > 0 {
        return None;
    }
    // A common word of the language is meant as written ("stuff" is no typo of "staff", nor
    // "keyboard" of "keyword"); it is only read as an indexed term its stem extends by an
    // ending ("healthy" → health, "percentage" → percent).
    if analyzer.in_dictionary(&word) {
        return derived_from(searcher, fields, term).map(|(term, doc_freq)| Correction {
            shown: term.clone(),
            term,
            doc_freq,
        });
    }
    // A Spanish word spelt like an English word of the index ("ocupacional" → occupational) is
    // read as that word: an exact match of spellings, so it goes before the nearest typo.
    if let Some(c) = cognate_of(analyzer, searcher, fields, &fold(&word)) {
        return Some(Correction {
            term: c.term,
            doc_freq: c.doc_freq,
            shown: c.shown,
        });
    }
    let first = word.chars().next();
    // Candidate term → (distance, passages containing it).
    let mut candidates: HashMap<String, (u8, u64)> = HashMap::new();
    // The vocabulary's form each candidate term was found as, the closest one.
    let mut forms: HashMap<String, (u8, &str)> = HashMap::new();
    let max_distance = max_edits(chars);
    for (form, canonical) in analyzer.single_word_forms() {
        if form.len().abs_diff(word.len()) > usize::from(max_distance) + 1
            || form.chars().next() != first
        {
            continue;
        }
        if let Some(d) = bounded_distance(&word, form, max_distance)
            && let Some(t) = analyzer.terms(canonical).into_iter().next()
        {
            let df = doc_freq(searcher, fields, &t);
            if df > 0 {
                let f = forms.entry(t.clone()).or_insert((d, form));
                if d < f.0 {
                    *f = (d, form);
                }
                let e = candidates.entry(t).or_insert((d, df));
                e.0 = e.0.min(d);
            }
        }
    }
    let max_distance = max_edits(term.chars().count());
    let term_first = term.chars().next();
    let shown = |(term, doc_freq): (String, u64)| Correction {
        shown: forms
            .get(&term)
            .map_or_else(|| term.clone(), |(_, form)| (*form).to_string()),
        term,
        doc_freq,
    };
    if term.chars().count() < MIN_FUZZY_STEM_CHARS {
        return closest(candidates).map(shown);
    }
    // The index's own terms near the analysed word, from the body field's dictionary (headings
    // use the same words); the dictionary gives each term's document frequency as it streams.
    let automaton = FuzzyTermQuery::new(
        TantivyTerm::from_field_text(fields[0], term),
        max_distance,
        true,
    )
    .automaton()
    .ok()?;
    let mut found: HashMap<String, (u8, u64)> = HashMap::new();
    for segment in searcher.segment_readers() {
        let Ok(inverted) = segment.inverted_index(fields[0]) else {
            continue;
        };
        let Ok(mut stream) = inverted.terms().search(&automaton).into_stream() else {
            continue;
        };
        while stream.advance() {
            let df = u64::from(stream.value().doc_freq);
            let Ok(candidate) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            if candidate.chars().next() != term_first {
                continue;
            }
            // The automaton only lets through terms within `max_distance`; the exact distance
            // matters only when that is 2.
            let d = if max_distance == 1 {
                Some(1)
            } else {
                bounded_distance(term, candidate, max_distance)
            };
            if let Some(d) = d {
                found.entry(candidate.to_string()).or_insert((d, 0)).1 += df;
            }
        }
    }
    for (t, (d, df)) in found {
        let e = candidates.entry(t).or_insert((d, df));
        e.0 = e.0.min(d);
        e.1 = e.1.max(df);
    }
    closest(candidates).map(shown)
}

/// The indexed term that the stem `term` of a common word extends by one letter (two for long
/// stems, as [`max_edits`] allows), when it is long enough to mean something alone
/// ([`MIN_FUZZY_STEM_CHARS`]): the longest such prefix the index holds.
fn derived_from(
    searcher: &tantivy::Searcher,
    fields: &[Field],
    term: &str,
) -> Option<(String, u64)> {
    let chars: Vec<(usize, char)> = term.char_indices().collect();
    let n = chars.len();
    let shortest = n
        .saturating_sub(usize::from(max_edits(n)))
        .max(MIN_FUZZY_STEM_CHARS);
    (shortest..n).rev().find_map(|k| {
        let prefix = &term[..chars[k].0];
        let df = doc_freq(searcher, fields, prefix);
        (df > 0).then(|| (prefix.to_string(), df))
    })
}

/// The best correction among candidates (term → (distance, passages holding it)): closest first,
/// then most frequent, then alphabetical (deterministic).
fn closest(candidates: HashMap<String, (u8, u64)>) -> Option<(String, u64)> {
    candidates
        .into_iter()
        .min_by(|(ta, (da, fa)), (tb, (db, fb))| da.cmp(db).then(fb.cmp(fa)).then(ta.cmp(tb)))
        .map(|(t, (_, df))| (t, df))
}

/// Whether `word` is plausibly a typo of `of` (both lower case), by the rule spelling correction
/// follows: not the same word, the same first letter, one edit away (two for long words).
pub fn plausible_typo(word: &str, of: &str) -> bool {
    word != of
        && word.chars().next() == of.chars().next()
        && bounded_distance(word, of, max_edits(word.chars().count())).is_some()
}

/// The most edits a typo of a word of `chars` characters may have.
fn max_edits(chars: usize) -> u8 {
    if chars >= TWO_EDIT_CHARS { 2 } else { 1 }
}

/// Optimal-string-alignment distance (Levenshtein with adjacent transpositions), or `None` when
/// above `max`. Allocation-free for words up to [`MAX_CORRECTED_CHARS`]; stops as soon as a row
/// shows the distance must exceed `max`.
fn bounded_distance(a: &str, b: &str, max: u8) -> Option<u8> {
    const N: usize = MAX_CORRECTED_CHARS + 3;
    let mut ac = ['\0'; N];
    let mut bc = ['\0'; N];
    let (mut la, mut lb) = (0, 0);
    for c in a.chars() {
        if la == N {
            return None;
        }
        ac[la] = c;
        la += 1;
    }
    for c in b.chars() {
        if lb == N {
            return None;
        }
        bc[lb] = c;
        lb += 1;
    }
    let max = usize::from(max);
    if la.abs_diff(lb) > max {
        return None;
    }
    let mut prev2 = [0usize; N + 1];
    let mut prev = [0usize; N + 1];
    let mut cur = [0usize; N + 1];
    for (j, p) in prev.iter_mut().enumerate().take(lb + 1) {
        *p = j;
    }
    for i in 1..=la {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=lb {
            let cost = usize::from(ac[i - 1] != bc[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && ac[i - 1] == bc[j - 2] && ac[i - 2] == bc[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
        prev2 = prev;
        prev = cur;
    }
    let d = prev[lb];
    (d <= max).then(|| u8::try_from(d).unwrap_or(u8::MAX))
}

/// How much a question term counts: misspelt and soft words less.
pub(crate) fn term_weight(t: &QueryTerm) -> f32 {
    let fuzzy = if t.corrected { FUZZY_WEIGHT } else { 1.0 };
    let soft = if t.soft { SOFT_WEIGHT } else { 1.0 };
    let related = if t.related { RELATED_WEIGHT } else { 1.0 };
    fuzzy * soft * related
}

/// One OR of term queries: heading (boosted), body and title for every term. Only term queries
/// at the top level, so tantivy can use Block-WAND.
pub(crate) fn build_query(index: &PassageIndex, terms: &[QueryTerm]) -> BooleanQuery {
    let f = &index.fields;
    let mut weights: HashMap<&str, f32> = HashMap::new();
    for t in terms.iter().filter(|t| t.doc_freq > 0) {
        let w = term_weight(t);
        let e = weights.entry(t.term.as_str()).or_insert(0.0);
        *e = e.max(w);
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (term, weight) in weights {
        for (field, boost) in [
            (f.section, SECTION_BOOST),
            (f.body, 1.0),
            (f.title, TITLE_BOOST),
        ] {
            let q = TermQuery::new(
                TantivyTerm::from_field_text(field, term),
                IndexRecordOption::WithFreqs,
            );
            clauses.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(q), boost * weight)),
            ));
        }
    }
    BooleanQuery::new(clauses)
}

/// `query` narrowed to the passages of guides about `career` (its exact name): a term filter on
/// the `career` field as a must clause, scoring nothing, so the ranking within the career is the
/// query's own.
pub(crate) fn in_career(index: &PassageIndex, query: BooleanQuery, career: &str) -> BooleanQuery {
    let filter = TermQuery::new(
        TantivyTerm::from_field_text(index.fields.career, career),
        IndexRecordOption::Basic,
    );
    BooleanQuery::new(vec![
        (Occur::Must, Box::new(query) as Box<dyn Query>),
        (
            Occur::Must,
            Box::new(ConstScoreQuery::new(Box::new(filter), 0.0)),
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_transpositions() {
        assert_eq!(bounded_distance("senoir", "senior", 1), Some(1));
        assert_eq!(bounded_distance("sallari", "salari", 1), Some(1));
        assert_eq!(bounded_distance("abc", "xyz", 2), None);
        assert_eq!(bounded_distance("same", "same", 0), Some(0));
        assert_eq!(bounded_distance("", "ab", 2), Some(2));
    }

    /// Regression (issue "Many careers in one library", 3): unknown real words were "corrected"
    /// into other guide words (mechanical → mean, keyboard → keyword); typos still are. Short
    /// stems are one edit from too many words to be corrected to an index term (anime → aim).
    /// The corrected words of `question` as the seeds' index reads it: (word, term).
    fn corrections(generation: &PassageIndex, question: &str) -> Vec<(String, String)> {
        let searcher = generation.searcher();
        query_terms(generation, &searcher, question)
            .into_iter()
            .filter(|t| t.corrected)
            .map(|t| (t.from, t.term))
            .collect()
    }

    #[test]
    fn only_plausible_typos_are_corrected() {
        let dir = tempfile::tempdir().unwrap();
        let engine =
            crate::engine::fixtures::engine_on(crate::corpus::SeedSource::Embedded, dir.path());
        let generation = engine.current();
        let corrections = |q: &str| corrections(&generation, q);
        for q in [
            "best mechanical keyboard for coding",
            "firefighters",
            "marine biologist",
            "keep an eye on prod",
            "a good anime to binge",
        ] {
            assert_eq!(corrections(q), [], "{q}");
        }
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(
            corrections("kubernetse salery"),
            [pair("kubernetse", "kubernet"), pair("salery", "salari")]
        );
        assert_eq!(
            corrections("sallary for a senoir devloper"),
            [
                pair("sallary", "salari"),
                pair("senoir", "senior"),
                pair("devloper", "develop")
            ]
        );
        assert_eq!(corrections("compensaton"), [pair("compensaton", "salari")]);
        // What the member is shown: the word the typo is of, not the term it is searched as
        // ("read as: colege → degre" showed the stem of the synonym "college" stands for).
        let read_as = |q: &str| -> Vec<(String, String)> {
            let searcher = generation.searcher();
            query_terms(&generation, &searcher, q)
                .into_iter()
                .filter(|t| t.corrected)
                .map(|t| (t.from, t.read_as))
                .collect()
        };
        assert_eq!(
            read_as("a colege degre, compensaton for a devloper"),
            [
                pair("colege", "college"),
                pair("compensaton", "compensation"),
                pair("devloper", "developer"),
            ]
        );
        assert_eq!(generation.typo_of("devloper").as_deref(), Some("develop"));
        assert_eq!(generation.typo_of("developer"), None, "held as written");
        assert_eq!(generation.typo_of("firefighter"), None, "nothing close");
        assert!(plausible_typo("manger", "manager"));
        assert!(!plausible_typo("keyboard", "keyword"));
        assert!(!plausible_typo("nurse", "purse"));
        // A long word may be two edits off; a short one only one.
        assert_eq!(max_edits(8), 1);
        assert_eq!(max_edits(9), 2);
    }

    /// Regression (issue 14, "typo correction only for plausible typos of guide words, never for
    /// real words the guides lack"): common words were read as guide words one letter away
    /// ("stuff" → staff, "love" → live, "writer" → write, so "How do I become a writer?" was
    /// answered from back-end guides). A common word is now read as written, or as the guide
    /// word its stem extends by an ending; rarer words and misspellings are still corrected.
    #[test]
    fn common_words_are_meant_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let engine =
            crate::engine::fixtures::engine_on(crate::corpus::SeedSource::Embedded, dir.path());
        let generation = engine.current();
        let read = |q: &str| corrections(&generation, q);
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        // Each a common word one edit from a term of the seeds, which lack the word itself (they
        // were read as that term before).
        for (word, near) in [
            ("cheating", "creat"),
            ("contest", "context"),
            ("charity", "clariti"),
        ] {
            assert!(generation.knows(near, 1), "{near}");
            assert_eq!(read(&format!("any {word} here?")), [], "{word}");
        }
        // "writer" extends the seeds' "write": searched as that, but no typo of it.
        assert_eq!(read("writer"), [pair("writer", "write")]);
        assert_eq!(generation.typo_of("writer"), None);
        assert_eq!(
            read("product manger"),
            [pair("manger", "manag")],
            "a rarer word stays correctable"
        );
        assert_eq!(read("senoir"), [pair("senoir", "senior")]);
    }

    #[test]
    fn questions_are_trimmed_and_cut() {
        assert_eq!(normalise_question("   "), Err(QuestionError::Empty));
        assert_eq!(
            normalise_question(" hi ").unwrap(),
            ("hi".to_string(), false)
        );
        let long = "é".repeat(400);
        let (q, cut) = normalise_question(&long).unwrap();
        assert!(cut);
        assert_eq!(q.chars().count(), MAX_QUESTION_CHARS);
    }
}
