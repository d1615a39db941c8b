//! Memo of one index generation: passages read and analysed recently, spelling corrections made
//! a career's passages counted and its guides' titles read, all bounded (quick_cache's S3-FIFO keeps the hot entries).

use std::sync::Arc;

use rustc_hash::FxHashSet;

use crate::analysis::Term;
use crate::corpus::Passage;

/// A stored passage with its analysis, kept in the hot-passage cache.
pub(crate) struct AnalysedPassage {
    /// The passage as stored.
    pub(crate) passage: Arc<Passage>,
    /// The analysed text (for the snippet).
    pub(crate) terms: Vec<Term>,
    /// Distinct terms of text and heading (for coverage and near-duplicates).
    pub(crate) term_set: FxHashSet<Arc<str>>,
    /// Distinct terms of the heading (for re-ranking).
    pub(crate) heading_set: FxHashSet<Arc<str>>,
}

/// Passages kept analysed per generation.
const HOT_PASSAGES: usize = 4096;
/// Spelling corrections remembered per generation.
const CORRECTIONS: usize = 16_384;

/// Counts of a career's passages (all, or those holding a term) remembered per generation.
const CAREER_COUNTS: usize = 16_384;

/// A career and a place's forms, each a run of analysed words.
pub(crate) type TitledKey = (String, Vec<Vec<Arc<str>>>);

/// The memo of one generation (dropped with it).
pub struct SearchCache {
    /// Passages read from the store and analysed, by document address.
    pub(crate) passages: quick_cache::sync::Cache<tantivy::DocAddress, Arc<AnalysedPassage>>,
    /// A misspelt word (lower case) → the indexed term it was corrected to and its document
    /// frequency, or `None` when nothing is close.
    pub(crate) corrections: quick_cache::sync::Cache<String, Option<super::query::Correction>>,
    /// (career, term or none) → how many of the career's passages hold the term (or exist).
    pub(crate) career_counts: quick_cache::sync::Cache<(String, Option<String>), usize>,
    /// (career, a place's forms) → how many of the career's passages are of a guide whose
    /// title holds one of the forms.
    pub(crate) career_titled: quick_cache::sync::Cache<TitledKey, usize>,
}

impl Default for SearchCache {
    fn default() -> Self {
        SearchCache {
            passages: quick_cache::sync::Cache::new(HOT_PASSAGES),
            corrections: quick_cache::sync::Cache::new(CORRECTIONS),
            career_counts: quick_cache::sync::Cache::new(CAREER_COUNTS),
            career_titled: quick_cache::sync::Cache::new(CAREER_COUNTS),
        }
    }
}
