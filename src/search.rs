//! Question → ranked, de-duplicated, cited passages with snippets.
//!
//! User text is never parsed as query syntax: it is analysed into terms (the same analyzer as the
//! index), each unknown word is snapped to the nearest indexed term (typos), and the query is built
//! in code as an OR of term queries over the section heading (boosted) and the body. That keeps
//! tantivy's Block-WAND fast path and gives the snippet generator real terms to highlight.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};

use rustc_hash::{FxHashMap, FxHashSet};

use serde::Serialize;
use tantivy::Term as TantivyTerm;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};

use crate::analysis::{Analyzer, Term};
use crate::corpus::Passage;
use crate::index::PassageIndex;
use crate::snippet;

/// Questions are cut to this many characters (not an error).
pub const MAX_QUESTION_CHARS: usize = 300;
/// Most results one search returns.
pub const MAX_LIMIT: usize = 50;

/// Weight of a heading match relative to a body match.
const SECTION_BOOST: f32 = 1.1;
/// Weight of a guide-title match.
const TITLE_BOOST: f32 = 0.2;
/// Weight of a term that replaced a misspelt word.
const FUZZY_WEIGHT: f32 = 0.8;
/// Weight of a soft question word ("learn", "good"; see `[soft]` in the synonym table).
const SOFT_WEIGHT: f32 = 0.35;
/// Longest word (in characters) spelling correction is tried on.
const MAX_CORRECTED_CHARS: usize = 24;
/// Two hits of one section whose term sets overlap this much are near-duplicates.
const NEAR_DUPLICATE_JACCARD: f64 = 0.8;

/// Why a question cannot be searched.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuestionError {
    /// Nothing but whitespace.
    #[error(
        "the question is empty: ask something, e.g. \"How much does a junior back-end developer earn?\""
    )]
    Empty,
}

/// How many results, from where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchOptions {
    /// Results wanted (capped at [`MAX_LIMIT`]).
    pub limit: usize,
    /// Results to skip (for "more results").
    pub offset: usize,
    /// Visible characters per snippet.
    pub snippet_chars: usize,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 5,
            offset: 0,
            snippet_chars: snippet::DEFAULT_SNIPPET_CHARS,
        }
    }
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
    /// Whether it is a soft question word, weighed down.
    pub soft: bool,
    /// Passages containing it.
    pub doc_freq: u64,
}

/// One ranked passage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// 1-based rank across pages.
    pub rank: usize,
    /// Relevance score (BM25, higher is better; comparable within one query).
    pub score: f32,
    /// The passage, with its citation.
    pub passage: Arc<Passage>,
    /// The best part of the passage, matched words in `**bold**`, markdown escaped.
    pub snippet: String,
    /// Share of the question's meaningful terms (all but soft words; all terms when every one
    /// is soft) this passage contains, 0–1. Unknown words count as missing.
    pub coverage: f32,
}

/// The answer to one search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    /// The question as searched (trimmed, cut to [`MAX_QUESTION_CHARS`]).
    pub query: String,
    /// Whether the question was cut.
    pub truncated: bool,
    /// The terms searched.
    pub terms: Vec<QueryTerm>,
    /// The hits of this page.
    pub hits: Vec<Hit>,
    /// Whether more hits exist after this page.
    pub has_more: bool,
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

/// Searches `index` for `question`.
///
/// # Errors
/// [`QuestionError::Empty`] for a blank question. Index read failures are logged and give no
/// hits rather than an error: a damaged segment must not take the bot down.
pub fn search(
    index: &PassageIndex,
    question: &str,
    options: SearchOptions,
) -> Result<SearchResults, QuestionError> {
    let (query, truncated) = normalise_question(question)?;
    let searcher = index.searcher();
    let terms = query_terms(index, &searcher, &query);
    let mut results = SearchResults {
        query,
        truncated,
        terms,
        hits: Vec::new(),
        has_more: false,
    };
    if results.terms.iter().all(|t| t.doc_freq == 0) {
        return Ok(results);
    }
    let limit = options.limit.clamp(1, MAX_LIMIT);
    let wanted = options.offset + limit;
    // Fetch extra to make up for near-duplicates dropped, and one more to know if a next page exists.
    let fetch = wanted * 2 + 4;
    let query = build_query(index, &results.terms);
    let top = match searcher.search(&query, &TopDocs::with_limit(fetch).order_by_score()) {
        Ok(top) => top,
        Err(e) => {
            tracing::error!(error = %e, "search failed");
            return Ok(results);
        }
    };
    // Snippets centre on the rare, meaningful words of the question.
    let docs = searcher.num_docs().max(1) as f32;
    let term_weights: FxHashMap<String, f32> = results
        .terms
        .iter()
        .filter(|t| t.doc_freq > 0)
        .map(|t| {
            (
                t.term.clone(),
                term_weight(t) * (1.0 + docs / t.doc_freq as f32).ln(),
            )
        })
        .collect();
    let mut kept: Vec<Candidate> = Vec::new();
    for (score, addr) in top {
        let passage = match index.cache.passages.get_or_try_insert(addr, || {
            index.passage(&searcher, addr).map(|passage| {
                let terms = Analyzer::shared().analyze(&passage.text);
                let heading = Analyzer::shared().analyze(&passage.section);
                let term_set = terms
                    .iter()
                    .chain(&heading)
                    .map(|t| Arc::clone(&t.text))
                    .collect();
                Arc::new(AnalysedPassage {
                    passage: Arc::new(passage),
                    terms,
                    term_set,
                })
            })
        }) {
            Ok(p) => p,
            Err(e) => {
                tracing::error!(error = %e, ?addr, "cannot read passage from the index");
                continue;
            }
        };
        let duplicate = kept.iter().any(|k| {
            let (a, b) = (&k.analysed.passage, &passage.passage);
            a.text == b.text
                || (a.source == b.source
                    && a.section == b.section
                    && jaccard(&k.analysed.term_set, &passage.term_set) >= NEAR_DUPLICATE_JACCARD)
        });
        if !duplicate {
            kept.push(Candidate {
                score,
                analysed: passage,
            });
        }
        if kept.len() > wanted {
            break;
        }
    }
    results.has_more = kept.len() > wanted;
    let mut meaningful: Vec<&str> = results
        .terms
        .iter()
        .filter(|t| !t.soft)
        .map(|t| t.term.as_str())
        .collect();
    if meaningful.is_empty() {
        meaningful = results.terms.iter().map(|t| t.term.as_str()).collect();
    }
    let question_terms = meaningful.len().max(1);
    results.hits = kept
        .into_iter()
        .enumerate()
        .skip(options.offset)
        .take(limit)
        .map(|(i, c)| {
            let a = &c.analysed;
            let covered = meaningful
                .iter()
                .filter(|t| a.term_set.contains(**t))
                .count();
            Hit {
                rank: i + 1,
                score: c.score,
                snippet: snippet::snippet_analysed(
                    &a.passage.text,
                    &a.terms,
                    &term_weights,
                    options.snippet_chars,
                ),
                coverage: covered as f32 / question_terms as f32,
                passage: Arc::clone(&a.passage),
            }
        })
        .collect();
    Ok(results)
}

/// A stored passage with its analysis, kept in the hot-passage cache.
pub(crate) struct AnalysedPassage {
    passage: Arc<Passage>,
    /// The analysed text (for the snippet).
    terms: Vec<Term>,
    /// Distinct terms of text and heading (for coverage and near-duplicates).
    term_set: FxHashSet<Arc<str>>,
}

/// A ranked passage on its way to becoming a hit.
struct Candidate {
    score: f32,
    analysed: Arc<AnalysedPassage>,
}

/// Memo of one index generation: passages read and analysed recently, and spelling corrections
/// made. Both are bounded; a full map starts over (simple, and the hot entries come back at once).
pub struct SearchCache {
    passages: BoundedMap<tantivy::DocAddress, Arc<AnalysedPassage>>,
    corrections: BoundedMap<String, Option<(String, u64)>>,
}

impl Default for SearchCache {
    fn default() -> Self {
        SearchCache {
            passages: BoundedMap::new(HOT_PASSAGES),
            corrections: BoundedMap::new(CORRECTIONS),
        }
    }
}

/// Passages kept analysed per generation.
const HOT_PASSAGES: usize = 4096;
/// Spelling corrections remembered per generation.
const CORRECTIONS: usize = 16_384;

struct BoundedMap<K, V> {
    map: Mutex<FxHashMap<K, V>>,
    capacity: usize,
}

impl<K: Hash + Eq + Clone, V: Clone> BoundedMap<K, V> {
    fn new(capacity: usize) -> Self {
        BoundedMap {
            map: Mutex::new(FxHashMap::default()),
            capacity,
        }
    }

    fn get_or_try_insert<E>(&self, key: K, make: impl FnOnce() -> Result<V, E>) -> Result<V, E> {
        if let Some(v) = self.lock().get(&key) {
            return Ok(v.clone());
        }
        // Computed outside the lock: two threads may both compute; the values are equal.
        let value = make()?;
        let mut map = self.lock();
        if map.len() >= self.capacity {
            map.clear();
        }
        map.insert(key, value.clone());
        Ok(value)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, FxHashMap<K, V>> {
        // A panic while holding the lock leaves only a memo behind: keep using it.
        self.map
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

fn jaccard(a: &FxHashSet<Arc<str>>, b: &FxHashSet<Arc<str>>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 1.0;
    }
    a.intersection(b).count() as f64 / union as f64
}

/// The question's distinct terms, with misspelt words replaced by their nearest indexed term.
fn query_terms(
    index: &PassageIndex,
    searcher: &tantivy::Searcher,
    question: &str,
) -> Vec<QueryTerm> {
    let analyzer = Analyzer::shared();
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
                from: surface,
                corrected: false,
                soft,
                doc_freq: df,
            });
            continue;
        }
        let key = surface.to_lowercase();
        let correction = index
            .cache
            .corrections
            .get_or_try_insert(key, || {
                Ok::<_, std::convert::Infallible>(correct(searcher, &fields, &surface, &t.text))
            })
            .unwrap_or_else(|never| match never {});
        match correction {
            Some((term, df)) => match out.iter_mut().find(|q| q.term == term) {
                Some(seen) => seen.soft &= soft,
                None => out.push(QueryTerm {
                    term,
                    from: surface,
                    corrected: true,
                    soft,
                    doc_freq: df,
                }),
            },
            None => out.push(QueryTerm {
                term: t.text.to_string(),
                from: surface,
                corrected: false,
                soft,
                doc_freq: 0,
            }),
        }
    }
    out
}

fn doc_freq(searcher: &tantivy::Searcher, fields: &[Field], term: &str) -> u64 {
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

/// Nearest indexed term for a word the index does not know: first a misspelt synonym form
/// ("compensaton" → salary), then the index's own terms within edit distance 1 (2 for long
/// words); closest first, then most frequent.
fn correct(
    searcher: &tantivy::Searcher,
    fields: &[Field],
    surface: &str,
    term: &str,
) -> Option<(String, u64)> {
    let word = surface.to_lowercase();
    let chars = word.chars().count();
    if !(4..=MAX_CORRECTED_CHARS).contains(&chars) || !word.chars().all(char::is_alphabetic) {
        return None;
    }
    let max_distance: u8 = if chars >= 8 { 2 } else { 1 };
    let analyzer = Analyzer::shared();
    // Candidate term → (distance, passages containing it).
    let mut candidates: HashMap<String, (u8, u64)> = HashMap::new();
    for (form, canonical) in analyzer.single_word_forms() {
        if form.len().abs_diff(word.len()) > usize::from(max_distance) + 1 {
            continue;
        }
        if let Some(d) = bounded_distance(&word, form, max_distance)
            && let Some(t) = analyzer.terms(canonical).into_iter().next()
        {
            let df = doc_freq(searcher, fields, &t);
            if df > 0 {
                let e = candidates.entry(t).or_insert((d, df));
                e.0 = e.0.min(d);
            }
        }
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
    // Closest first, then most frequent, then alphabetical (deterministic).
    candidates
        .into_iter()
        .min_by(|(ta, (da, fa)), (tb, (db, fb))| da.cmp(db).then(fb.cmp(fa)).then(ta.cmp(tb)))
        .map(|(t, (_, df))| (t, df))
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
fn term_weight(t: &QueryTerm) -> f32 {
    let fuzzy = if t.corrected { FUZZY_WEIGHT } else { 1.0 };
    let soft = if t.soft { SOFT_WEIGHT } else { 1.0 };
    fuzzy * soft
}

/// One OR of term queries: heading (boosted), body and title for every term. Only term queries
/// at the top level, so tantivy can use Block-WAND.
fn build_query(index: &PassageIndex, terms: &[QueryTerm]) -> BooleanQuery {
    let f = &index.fields;
    let mut weights: HashMap<&str, f32> = HashMap::new();
    for t in terms.iter().filter(|t| t.doc_freq > 0) {
        let w =
            if t.corrected { FUZZY_WEIGHT } else { 1.0 } * if t.soft { SOFT_WEIGHT } else { 1.0 };
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
