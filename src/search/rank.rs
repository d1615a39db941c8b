//! Ranking: the query run over one generation → de-duplicated, cited hits with snippets and how
//! much of the question each covers.
//!
//! The query is an OR of term queries (see [`super::query`]), which keeps tantivy's Block-WAND
//! fast path and gives the snippet generator real terms to highlight. The top candidates are then
//! re-ranked: BM25 rewards a passage that repeats one question word; a passage holding more of
//! the question's (IDF-weighted) words, above all in its heading, is usually the answer.
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use tantivy::collector::TopDocs;

use crate::corpus::Passage;

use super::cache::AnalysedPassage;
use super::index::PassageIndex;
use super::query::{
    QueryTerm, QuestionError, build_query, in_career, normalise_question, query_terms, term_weight,
};
use super::snippet;

/// Most results one search returns.
pub const MAX_LIMIT: usize = 50;
/// Candidates re-ranked per search, at least.
const RERANK_DEPTH: usize = 20;
/// How much a passage holding all of the question's weight gains over one holding none…
const HELD_WEIGHT: f32 = 1.0;
/// …and how much more when its heading holds it all. Both chosen on the evaluation set's tuning
/// part (MRR@5 0.791 → 0.799; heading 0.5–1, held 1–2 within noise of each other).
const HEADING_WEIGHT: f32 = 1.0;
/// Two hits of one section whose term sets overlap this much are near-duplicates.
const NEAR_DUPLICATE_JACCARD: f64 = 0.8;

/// How many results, from where, and from which career's guides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchOptions {
    /// Results wanted (capped at [`MAX_LIMIT`]).
    pub limit: usize,
    /// Results to skip (for "more results").
    pub offset: usize,
    /// Visible characters per snippet.
    pub snippet_chars: usize,
    /// Only passages of guides about this career (its exact name, as the index stores it);
    /// `None` for every career.
    pub career: Option<String>,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 5,
            offset: 0,
            snippet_chars: snippet::DEFAULT_SNIPPET_CHARS,
            career: None,
        }
    }
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
    /// The best part of the passage, with the matched words' ranges.
    pub snippet: snippet::Snippet,
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

/// Searches `index` for `question`.
///
/// # Errors
/// [`QuestionError::Empty`] for a blank question. Index read failures are logged and give no
/// hits rather than an error: a damaged segment must not take the bot down.
pub fn search(
    index: &PassageIndex,
    question: &str,
    options: &SearchOptions,
) -> Result<SearchResults, QuestionError> {
    let (query, truncated) = normalise_question(question)?;
    let searcher = index.searcher();
    let mut terms = query_terms(index, &searcher, &query);
    let named = match &options.career {
        Some(career) => soften_career_words(index, &mut terms, career),
        None => 0,
    };
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
    let fetch = (wanted * 2 + 4).max(RERANK_DEPTH);
    let mut query = build_query(index, &results.terms);
    if let Some(career) = &options.career {
        query = in_career(index, query, career);
    }
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
    // Every candidate, read and analysed (cached), then re-ranked by how much of the question's
    // weight it holds (see [`rerank`]).
    let mut candidates: Vec<Candidate> = Vec::with_capacity(top.len());
    for (score, addr) in top {
        let passage = match index.cache.passages.get_or_insert_with(&addr, || {
            index.passage(&searcher, addr).map(|passage| {
                let terms = index.analyzer().analyze(&passage.text);
                let heading = index.analyzer().analyze(&passage.section);
                let term_set = terms
                    .iter()
                    .chain(&heading)
                    .map(|t| Arc::clone(&t.text))
                    .collect();
                let heading_set = heading.iter().map(|t| Arc::clone(&t.text)).collect();
                Arc::new(AnalysedPassage {
                    passage: Arc::new(passage),
                    terms,
                    term_set,
                    heading_set,
                })
            })
        }) {
            Ok(p) => p,
            Err(e) => {
                tracing::error!(error = %e, ?addr, "cannot read passage from the index");
                continue;
            }
        };
        candidates.push(Candidate {
            score: rerank(score, &passage, &term_weights),
            analysed: passage,
        });
    }
    candidates.sort_by(|a, b| b.score.total_cmp(&a.score));
    let mut kept: Vec<Candidate> = Vec::new();
    for passage in candidates {
        let duplicate = kept.iter().any(|k| {
            let (a, b) = (&k.analysed.passage, &passage.analysed.passage);
            a.text == b.text
                || (a.source == b.source
                    && a.section == b.section
                    && jaccard(&k.analysed.term_set, &passage.analysed.term_set)
                        >= NEAR_DUPLICATE_JACCARD)
        });
        if !duplicate {
            kept.push(passage);
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
    // The career's own words, softened for ranking, are held by every passage of the career.
    let question_terms = (meaningful.len() + named).max(1);
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
                .count()
                + named;
            Hit {
                rank: i + 1,
                score: c.score,
                snippet: snippet::snippet(
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

/// Fewest letters of a question's word read as a career's word clipped ("vet").
const MIN_CLIPPED_CHARS: usize = 3;

/// Within one career's guides the words of its name tell passages apart no more than "the"
/// does: they are weighed as soft words, unless nothing else is asked ("nurse?"). Returns how
/// many were, which every passage of the career covers.
fn soften_career_words(index: &PassageIndex, terms: &mut [QueryTerm], career: &str) -> usize {
    let name: Vec<Arc<str>> = index
        .analyzer()
        .analyze(career)
        .into_iter()
        .map(|t| t.text)
        .collect();
    // The name's words, or their start as members clip them ("vet tech" for "Veterinary
    // Technician").
    let is_name = |t: &QueryTerm| {
        name.iter().any(|n| {
            **n == *t.term
                || (t.term.chars().count() >= MIN_CLIPPED_CHARS && n.starts_with(&*t.term))
        })
    };
    if !terms.iter().any(|t| !t.soft && !is_name(t)) {
        return 0;
    }
    let mut softened = 0;
    for t in terms.iter_mut().filter(|t| !t.soft && is_name(t)) {
        t.soft = true;
        softened += 1;
    }
    softened
}

/// The BM25 `score` of a passage re-weighed by the share of the question's weight (each term's
/// weight times its IDF) that the passage holds anywhere, and in its heading.
fn rerank(score: f32, a: &AnalysedPassage, weights: &FxHashMap<String, f32>) -> f32 {
    let total: f32 = weights.values().sum();
    if total <= 0.0 {
        return score;
    }
    let (mut any, mut heading) = (0.0, 0.0);
    for (t, w) in weights {
        if a.term_set.contains(t.as_str()) {
            any += w;
        }
        if a.heading_set.contains(t.as_str()) {
            heading += w;
        }
    }
    score * (1.0 + HELD_WEIGHT * any / total + HEADING_WEIGHT * heading / total)
}

/// A ranked passage on its way to becoming a hit.
struct Candidate {
    score: f32,
    analysed: Arc<AnalysedPassage>,
}

fn jaccard(a: &FxHashSet<Arc<str>>, b: &FxHashSet<Arc<str>>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 1.0;
    }
    a.intersection(b).count() as f64 / union as f64
}
