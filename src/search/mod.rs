//! The only owner of tantivy: guides' passages indexed into immutable generations, and a question
//! turned into ranked, cited hits.
//!
//! - [`index`]: the schema and analyzer, building a generation, swapping it in atomically, opening
//!   the current one (several processes may read one index directory).
//! - [`query`]: a question → analysed terms, spelling corrections, the tantivy query.
//! - `cognate`: a Spanish word the index lacks → the English term it is a cognate of.
//! - [`rank`]: running the query → de-duplicated hits with coverage and snippets.
//! - [`snippet`]: the best part of a passage for a question.
//! - [`cache`]: the per-generation memo of hot passages and corrections.
//! - [`known`]: how well a generation knows a word (its passages, or a near form's).
//!
//! Dependencies run one way: `cache` ← `index` ← `known` ← `cognate` ← `query` ← `rank`.

mod build;
pub mod cache;
mod cognate;
pub mod index;
pub mod known;
pub mod query;
pub mod rank;
mod schema;
pub mod snippet;

pub use cache::SearchCache;
pub use index::{
    BuildOptions, BuildProgress, Extraction, Gathering, GenerationFile, GuideInfo, IndexDir,
    IndexError, IndexMeta, NoExtraction, PassageIndex, SharedIndex, fingerprint, unix_now,
};
pub use query::{MAX_QUESTION_CHARS, QueryTerm, QuestionError, normalise_question, plausible_typo};
pub use rank::{Hit, MAX_LIMIT, Place, SearchOptions, SearchResults, search, search_scoped};
