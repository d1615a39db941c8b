//! Text analysis shared by indexing, querying, snippets and lexicon matching: one function turns
//! any text into normalised terms with their byte offsets.
//!
//! The pipeline, in order:
//! 1. **Words.** Runs of letters and digits; `#`/`+` right after a short word stay in it (`c#`,
//!    `c++`) and a leading `.` before letters stays (`.net`). Everything else separates words, so
//!    `back-end`, `node.js` and `salary: $100k` split into plain words and never into syntax.
//! 2. **Folding.** Lower case, common Latin accents removed (`résumé` → `resume`).
//! 3. **Synonyms.** The table in `assets/synonyms.toml` maps one- to three-word forms to a canonical
//!    term, longest form first (`back end` → `backend`, `k8s` → `kubernetes`, `entry level` →
//!    `junior`). Its `[translations]` map Spanish career words to the same English terms on both
//!    sides (`entrevista` → `interview`), so a Spanish question finds English passages and an
//!    English one the Spanish guide's.
//! 4. **Stop words** (only for words no synonym claimed) are dropped, as are short numbers: the
//!    English list below, the table's `[stop]` words (Spanish function words, which would
//!    otherwise be rare, heavily weighted terms held only by Spanish guides) and its `[filler]`
//!    (chat filler such as "lol" or "kinda", which no guide holds).
//! 5. **Stemming** (Snowball English) of every remaining term, canonical ones included, so the
//!    table and the stemmer always agree.
//!
//! The same [`Analyzer`] runs at index time and at query time: tantivy has no synonym filter, and
//! canonicalising both sides means a single term query per concept (fast, and highlightable).

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::Arc;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;

use crate::cognates::CognateTable;
use crate::related::RelatedTable;

/// Bumped whenever the analysis code changes in a way that changes terms; part of the fingerprint.
const ANALYSIS_VERSION: u32 = 1;

/// Words too common to help ranking or worth bolding in a snippet.
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
    "because", "been", "being", "but", "by", "can", "could", "d", "did", "do", "does", "doing",
    "don", "during", "each", "else", "etc", "for", "from", "had", "has", "have", "having", "he",
    "her", "here", "hers", "him", "his", "how", "i", "if", "im", "in", "into", "is", "isn", "it",
    "its", "just", "let", "ll", "m", "me", "might", "more", "most", "much", "must", "my", "no",
    "nor", "not", "of", "off", "ok", "on", "once", "only", "or", "other", "our", "ours", "out",
    "own", "please", "pls", "re", "s", "same", "she", "should", "so", "some", "such", "t", "tell",
    "than", "that", "the", "their", "theirs", "them", "then", "there", "these", "they", "this",
    "those", "through", "to", "too", "u", "under", "until", "up", "ve", "very", "want", "was",
    "wasn", "we", "were", "what", "whats", "when", "where", "which", "while", "who", "whom", "why",
    "will", "with", "would", "y", "you", "your", "yours", "yourself", "hey", "hi", "hello", "guys",
    "anyone", "thanks", "thank", "really", "like", "know", "get", "gets", "got",
];

/// Most words whose stems one thread remembers (then it starts over).
const STEM_CACHE_ENTRIES: usize = 100_000;

/// Words longer than this (in bytes) are noise such as hashes or URLs; they are dropped.
const MAX_WORD_BYTES: usize = 40;

/// One analysed term and where its source words sit in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The normalised term, as stored in the index (shared: terms repeat a lot).
    pub text: Arc<str>,
    /// Byte offset of the first source word.
    pub start: usize,
    /// Byte offset just past the last source word.
    pub end: usize,
}

/// A synonym table that does not parse.
#[derive(Debug, thiserror::Error)]
#[error("invalid synonym table: {0}")]
pub struct SynonymTableError(String);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SynonymFile {
    terms: HashMap<String, Vec<String>>,
    #[serde(default)]
    translations: HashMap<String, Vec<String>>,
    #[serde(default)]
    query_terms: HashMap<String, Vec<String>>,
    #[serde(default)]
    soft_query_terms: HashMap<String, Vec<String>>,
    #[serde(default)]
    soft: SoftWords,
    #[serde(default)]
    stop: SoftWords,
    #[serde(default)]
    filler: SoftWords,
    #[serde(default)]
    object_questions: SoftWords,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct SoftWords {
    #[serde(default)]
    words: Vec<String>,
}

/// Which side of the search text is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Guide text: only the `[terms]` table applies.
    Index,
    /// A question: `[query_terms]` and `[soft_query_terms]` (colloquial phrasings) apply too, and
    /// soft words (and the soft forms' terms) are marked.
    Query,
}

/// One analysed term of a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryToken {
    /// The term with its offsets in the question.
    pub term: Term,
    /// A question word that carries little meaning on its own ("learn", "good"): weighed down.
    pub soft: bool,
}

/// The analyzer: synonym table, stop words and stemmer. Cheap to share; see [`Analyzer::shared`].
pub struct Analyzer {
    /// Space-joined surface form → canonical word (before stemming).
    forms: FxHashMap<String, String>,
    /// Forms that apply to questions only.
    query_forms: FxHashMap<String, String>,
    /// Forms that apply to questions only, their terms weighed as soft words ("make" → salary,
    /// which is as often "make my API faster").
    soft_query_forms: FxHashMap<String, String>,
    /// Question words weighed down (folded surface forms).
    soft: FxHashSet<String>,
    /// First words of multi-word forms, so most words skip the phrase lookups.
    phrase_starts: FxHashSet<String>,
    longest_form: usize,
    stop_words: FxHashSet<&'static str>,
    /// The table's own stop words (folded): Spanish function words.
    extra_stop_words: FxHashSet<String>,
    /// The table's chat filler (folded), dropped like stop words.
    filler: FxHashSet<String>,
    /// Question words that ask for a verb's object ("what"; folded): see
    /// [`Analyzer::asks_its_object`].
    object_questions: FxHashSet<String>,
    /// The text of the dictionary of common words (see [`Analyzer::with_dictionary`]), read into
    /// `dictionary` the first time a word is looked up: most questions never need it, and a
    /// process answering one question should not pay for it.
    dictionary_text: String,
    dictionary: once_cell::sync::OnceCell<FxHashSet<Box<str>>>,
    /// How Spanish words are spelt next to their English cognates (see
    /// [`Analyzer::with_cognates`]).
    cognates: CognateTable,
    /// Everyday words members ask with and the guide words for the same concept (see
    /// [`Analyzer::with_related`]).
    related: RelatedTable,
    stemmer: Stemmer,
    fingerprint: String,
}

impl fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Analyzer")
            .field("forms", &self.forms.len())
            .field("query_forms", &self.query_forms.len())
            .field("fingerprint", &self.fingerprint)
            .finish()
    }
}

impl Analyzer {
    /// Builds an analyzer from a synonym table in the format of `assets/synonyms.toml`.
    ///
    /// # Errors
    /// When the TOML does not parse or a form has no words.
    pub fn from_toml(table: &str) -> Result<Analyzer, SynonymTableError> {
        let file: SynonymFile =
            toml::from_str(table).map_err(|e| SynonymTableError(e.to_string()))?;
        let mut phrase_starts = FxHashSet::default();
        let mut longest_form = 1;
        let mut forms = form_table(file.terms, &mut phrase_starts, &mut longest_form)?;
        for (form, canonical) in
            form_table(file.translations, &mut phrase_starts, &mut longest_form)?
        {
            if let Some(other) = forms.insert(form.clone(), canonical.clone())
                && other != canonical
            {
                return Err(SynonymTableError(format!(
                    "form {form:?} is listed under both {other:?} and {canonical:?}"
                )));
            }
        }
        let query_forms = form_table(file.query_terms, &mut phrase_starts, &mut longest_form)?;
        let soft_query_forms =
            form_table(file.soft_query_terms, &mut phrase_starts, &mut longest_form)?;
        let folded = |list: &[String]| -> FxHashSet<String> {
            list.iter()
                .flat_map(|w| words(w))
                .map(|(w, _, _)| w)
                .collect()
        };
        let soft = folded(&file.soft.words);
        let extra_stop_words = folded(&file.stop.words);
        let filler = folded(&file.filler.words);
        let object_questions = folded(&file.object_questions.words);
        let fingerprint = blake3::Hash::to_hex(&blake3::hash(
            format!(
                "analysis-v{ANALYSIS_VERSION}\n{table}\n{}",
                STOP_WORDS.join(" ")
            )
            .as_bytes(),
        ))
        .to_string();
        Ok(Analyzer {
            forms,
            query_forms,
            soft_query_forms,
            soft,
            phrase_starts,
            longest_form,
            stop_words: STOP_WORDS.iter().copied().collect(),
            extra_stop_words,
            filler,
            object_questions,
            dictionary_text: String::new(),
            dictionary: once_cell::sync::OnceCell::new(),
            cognates: CognateTable::default(),
            related: RelatedTable::default(),
            stemmer: Stemmer::create(Algorithm::English),
            fingerprint,
        })
    }

    /// The analyzer with `words` (one word per line; `#` starts a comment line) as its
    /// dictionary of common words: words a member means as written, which spelling correction
    /// never replaces ("writer" is no typo of the guides' "write"). The dictionary decides no
    /// indexed term, so it is not part of the [`fingerprint`](Analyzer::fingerprint).
    #[must_use]
    pub fn with_dictionary(mut self, words: &str) -> Analyzer {
        self.dictionary_text = words.to_string();
        self.dictionary = once_cell::sync::OnceCell::new();
        self
    }

    /// The analyzer with `table` as its Spanish–English cognate spellings, which spelling
    /// correction reads a Spanish word the index lacks by. Like the dictionary, it decides no
    /// indexed term.
    #[must_use]
    pub fn with_cognates(mut self, table: CognateTable) -> Analyzer {
        self.cognates = table;
        self
    }

    /// The analyzer with `table` as the guide words related to words members ask with, which the
    /// search adds to a question, weighed lightly. Questions only: it decides no indexed term.
    #[must_use]
    pub fn with_related(mut self, table: RelatedTable) -> Analyzer {
        self.related = table;
        self
    }

    /// The related-words table (empty unless [`Analyzer::with_related`] set it).
    pub fn related(&self) -> &RelatedTable {
        &self.related
    }

    /// The Spanish–English cognate spellings (empty unless [`Analyzer::with_cognates`] set them).
    pub fn cognates(&self) -> &CognateTable {
        &self.cognates
    }

    /// Whether the lower-case `word` is a common word of the dictionary, as written.
    pub fn in_dictionary(&self, word: &str) -> bool {
        self.dictionary
            .get_or_init(|| {
                self.dictionary_text
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                    .map(|l| l.to_lowercase().into_boxed_str())
                    .collect()
            })
            .contains(word)
    }

    /// A hash of everything that decides which terms text turns into; an index built with another
    /// fingerprint must be rebuilt.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// The one-word synonym forms and their canonical words, for spelling correction of
    /// question words ("compensaton" is close to the form "compensation").
    pub fn single_word_forms(&self) -> impl Iterator<Item = (&str, &str)> {
        self.forms
            .iter()
            .chain(&self.query_forms)
            .chain(&self.soft_query_forms)
            .filter(|(form, _)| !form.contains(' '))
            .map(|(f, c)| (f.as_str(), c.as_str()))
    }

    /// The canonical word a one-word synonym form stands for, before stemming ("devs" →
    /// "developer"), when the table lists the folded `word`.
    pub fn canonical_of(&self, word: &str) -> Option<&str> {
        self.forms
            .get(word)
            .or_else(|| self.query_forms.get(word))
            .or_else(|| self.soft_query_forms.get(word))
            .map(String::as_str)
    }

    /// Analyses `text` into terms with byte offsets, in order.
    pub fn analyze(&self, text: &str) -> Vec<Term> {
        let mut out = Vec::new();
        self.analyze_into(text, &mut out);
        out
    }

    /// Like [`Analyzer::analyze`], appending to `out` (reuses its allocation).
    pub fn analyze_into(&self, text: &str, out: &mut Vec<Term>) {
        self.run(text, Mode::Index, |term, _| out.push(term));
    }

    /// Analyses a question: colloquial query-only forms apply, and soft words are marked.
    pub fn analyze_query(&self, text: &str) -> Vec<QueryToken> {
        let mut out = Vec::new();
        self.run(text, Mode::Query, |term, soft| {
            out.push(QueryToken { term, soft })
        });
        out
    }

    /// The canonical word of a form, and whether it is a soft (query-only) form.
    fn lookup(&self, key: &str, mode: Mode) -> Option<(&str, bool)> {
        if let Some(c) = self.forms.get(key) {
            return Some((c, false));
        }
        if mode != Mode::Query {
            return None;
        }
        self.query_forms
            .get(key)
            .map(|c| (c.as_str(), false))
            .or_else(|| self.soft_query_forms.get(key).map(|c| (c.as_str(), true)))
    }

    fn run(&self, text: &str, mode: Mode, mut emit: impl FnMut(Term, bool)) {
        let words = Words::parse(text);
        let mut key = String::new();
        let mut i = 0;
        while i < words.len() {
            let word = words.get(i);
            let start = words.spans[i].start;
            // Longest synonym form starting here.
            let mut matched = None;
            if self.phrase_starts.contains(word) {
                let max = self.longest_form.min(words.len() - i);
                for len in (2..=max).rev() {
                    key.clear();
                    for k in i..i + len {
                        if k > i {
                            key.push(' ');
                        }
                        key.push_str(words.get(k));
                    }
                    if let Some(canonical) = self.lookup(&key, mode) {
                        matched = Some((canonical, len));
                        break;
                    }
                }
            }
            if matched.is_none() {
                matched = self.lookup(word, mode).map(|c| (c, 1));
            }
            match matched {
                Some(((canonical, soft), len)) => {
                    let end = words.spans[i + len - 1].end;
                    let soft = soft && !self.asks_its_object(&words, i, i + len);
                    emit(
                        Term {
                            text: self.stem(canonical),
                            start,
                            end,
                        },
                        soft,
                    );
                    i += len;
                }
                None => {
                    if self.keeps(word) {
                        let soft = mode == Mode::Query && self.soft.contains(word);
                        emit(
                            Term {
                                text: self.stem(word),
                                start,
                                end: words.spans[i].end,
                            },
                            soft,
                        );
                    }
                    i += 1;
                }
            }
        }
    }

    /// The distinct terms of `text`, in first-seen order.
    pub fn terms(&self, text: &str) -> Vec<String> {
        let mut seen = HashSet::new();
        self.analyze(text)
            .into_iter()
            .filter_map(|t| seen.insert(Arc::clone(&t.text)).then(|| t.text.to_string()))
            .collect()
    }

    /// The Snowball stem of a folded word, memoised per thread: the vocabulary of guides and
    /// questions is small next to the number of words analysed, and stemming is the analyzer's
    /// main cost.
    fn stem(&self, word: &str) -> Arc<str> {
        thread_local! {
            static STEMS: RefCell<FxHashMap<Box<str>, Arc<str>>> = RefCell::new(FxHashMap::default());
        }
        STEMS.with(|cache| {
            let mut cache = cache.borrow_mut();
            if let Some(stem) = cache.get(word) {
                return Arc::clone(stem);
            }
            if cache.len() >= STEM_CACHE_ENTRIES {
                cache.clear();
            }
            let stem: Arc<str> = Arc::from(self.stemmer.stem(word).as_ref());
            cache.insert(Box::from(word), Arc::clone(&stem));
            stem
        })
    }

    /// Whether the colloquial form at `words[from..to]` is the verb a question asks the object
    /// of, which makes it mean its key firmly: an object question word ("what") followed by a
    /// function word ("what do…", not "what projects…") comes before it, and nothing that could
    /// be its own object follows it (the question ends, or goes on with a content word). "What
    /// do paralegals make right out of school?" asks for pay; "what can I make with SQL" and
    /// "what should I make my portfolio about" do not.
    fn asks_its_object(&self, words: &Words, from: usize, to: usize) -> bool {
        let asked = (0..from.saturating_sub(1))
            .any(|k| self.object_questions.contains(words.get(k)) && !self.keeps(words.get(k + 1)));
        asked && (to == words.len() || self.keeps(words.get(to)))
    }

    fn keeps(&self, word: &str) -> bool {
        if word.len() > MAX_WORD_BYTES
            || self.stop_words.contains(word)
            || self.extra_stop_words.contains(word)
            || self.filler.contains(word)
        {
            return false;
        }
        // Short numbers ("000" in "$75,000", "10") say nothing on their own; years stay.
        !(word.len() < 4 && word.bytes().all(|b| b.is_ascii_digit()))
    }
}

/// Builds a surface-form → canonical-word map from one table of the synonym file.
fn form_table(
    table: HashMap<String, Vec<String>>,
    phrase_starts: &mut FxHashSet<String>,
    longest_form: &mut usize,
) -> Result<FxHashMap<String, String>, SynonymTableError> {
    let mut forms = FxHashMap::default();
    let mut canonicals: Vec<_> = table.into_iter().collect();
    canonicals.sort();
    for (canonical, variants) in canonicals {
        let canonical_words = words(&canonical);
        if canonical_words.len() != 1 {
            return Err(SynonymTableError(format!(
                "canonical term {canonical:?} must be one word"
            )));
        }
        let canonical = canonical_words[0].0.clone();
        for form in std::iter::once(canonical.as_str()).chain(variants.iter().map(String::as_str)) {
            let form_words: Vec<String> = words(form).into_iter().map(|(w, _, _)| w).collect();
            if form_words.is_empty() {
                return Err(SynonymTableError(format!("form {form:?} has no words")));
            }
            if form_words.len() > 1 {
                phrase_starts.insert(form_words[0].clone());
            }
            *longest_form = (*longest_form).max(form_words.len());
            if let Some(other) = forms.insert(form_words.join(" "), canonical.clone())
                && other != canonical
            {
                return Err(SynonymTableError(format!(
                    "form {form:?} is listed under both {other:?} and {canonical:?}"
                )));
            }
        }
    }
    Ok(forms)
}

/// The folded words of a text, in one buffer.
struct Words {
    /// The folded words, back to back.
    buf: String,
    spans: Vec<WordSpan>,
}

/// One word: its range in [`Words::buf`] and in the source text.
struct WordSpan {
    folded: std::ops::Range<usize>,
    start: usize,
    end: usize,
}

impl Words {
    fn len(&self) -> usize {
        self.spans.len()
    }

    fn get(&self, i: usize) -> &str {
        &self.buf[self.spans[i].folded.clone()]
    }

    /// Splits text into folded words with their byte offsets in `text`.
    fn parse(text: &str) -> Words {
        let mut words = Words {
            buf: String::with_capacity(text.len()),
            spans: Vec::with_capacity(text.len() / 5),
        };
        let mut folded_start = 0;
        let mut start = 0;
        let mut end = 0;
        let mut in_word = false;
        let mut word_chars = 0;
        let mut prev: Option<char> = None;
        let mut chars = text.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let next = chars.peek().map(|&(_, n)| n);
            let keep = if c.is_alphanumeric() {
                true
            } else if (c == '#' || c == '+') && in_word && word_chars <= 2 {
                // "c#", "c++", "f#": a symbol glued to a very short word is part of its name.
                true
            } else {
                // ".net": a dot that starts a word (after a space, an opening bracket or quote,
                // or at the start) before a letter.
                c == '.'
                    && !in_word
                    && prev.is_none_or(|p| p.is_whitespace() || "([{\"'/,;".contains(p))
                    && next.is_some_and(char::is_alphabetic)
            };
            if keep {
                if !in_word {
                    start = at;
                    folded_start = words.buf.len();
                    in_word = true;
                    word_chars = 0;
                }
                fold_into(c, &mut words.buf);
                word_chars += 1;
                end = at + c.len_utf8();
            } else if in_word {
                words.spans.push(WordSpan {
                    folded: folded_start..words.buf.len(),
                    start,
                    end,
                });
                in_word = false;
            }
            prev = Some(c);
        }
        if in_word {
            words.spans.push(WordSpan {
                folded: folded_start..words.buf.len(),
                start,
                end,
            });
        }
        words
    }
}

/// Splits text into folded words with byte offsets: `(word, start, end)`.
fn words(text: &str) -> Vec<(String, usize, usize)> {
    let w = Words::parse(text);
    (0..w.len())
        .map(|i| (w.get(i).to_string(), w.spans[i].start, w.spans[i].end))
        .collect()
}

/// Lower-cases `c` and strips the accents of common Latin letters.
fn fold_into(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    for lower in c.to_lowercase() {
        let folded = match lower {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
            'ñ' | 'ń' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
            'ý' | 'ÿ' => 'y',
            'ś' | 'š' => 's',
            'ź' | 'ż' | 'ž' => 'z',
            'ł' => 'l',
            other => other,
        };
        out.push(folded);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        crate::answer::fixtures::vocab()
            .analyzer()
            .analyze(text)
            .into_iter()
            .map(|t| t.text.to_string())
            .collect()
    }

    #[test]
    fn shipped_table_parses() {
        let a = Analyzer::from_toml(crate::vocab::FILES[0].1).unwrap();
        assert!(a.forms.len() > 100);
        assert_eq!(a.fingerprint().len(), 64);
    }

    #[test]
    fn backend_spellings_meet() {
        let want = terms("backend");
        assert_eq!(terms("back-end"), want);
        assert_eq!(terms("back end"), want);
        assert_eq!(terms("Back-End"), want);
        assert_eq!(terms("BACKEND"), want);
        assert_eq!(terms("front-end"), terms("frontend"));
        assert_ne!(terms("frontend"), want);
    }

    #[test]
    fn domain_synonyms_meet() {
        for (a, b) in [
            ("salary", "pay"),
            ("salary", "compensation"),
            ("salaries", "earn"),
            ("income", "salary"),
            ("junior", "entry-level"),
            ("junior", "entry level"),
            ("senior", "experienced"),
            ("k8s", "kubernetes"),
            ("node", "nodejs"),
            ("node", "node.js"),
            ("Node.js", "NodeJS"),
            ("golang", "go"),
            ("postgres", "PostgreSQL"),
            ("js", "JavaScript"),
            ("db", "database"),
            ("databases", "database"),
            ("cv", "resume"),
            ("résumé", "resume"),
            ("c#", "C#"),
            (".NET", "dotnet"),
            ("C# (.NET)", "csharp dotnet"),
            ("CI/CD", "cicd"),
        ] {
            assert_eq!(terms(a), terms(b), "{a} vs {b}");
        }
        assert_ne!(terms("c#"), terms("c++"));
        assert_ne!(terms(".net"), terms("net"));
    }

    #[test]
    fn stemming_and_case_folding() {
        assert_eq!(terms("Interviews"), terms("interviewing"));
        assert_eq!(terms("Skills"), terms("skill"));
        assert_eq!(terms("LEARNING"), terms("learn"));
    }

    #[test]
    fn query_syntax_is_just_words() {
        assert_eq!(terms("salary AND (senior OR"), terms("salary senior"));
        assert_eq!(
            terms("salary: $100k"),
            vec!["salari".to_string(), "100k".to_string()]
        );
        assert_eq!(terms("-salary +remote"), terms("salary remote"));
        assert_eq!(terms("what's the pay?"), terms("pay"));
    }

    #[test]
    fn offsets_point_at_source_words() {
        let text = "The Back-End pay, in résumé form";
        for t in crate::answer::fixtures::vocab().analyzer().analyze(text) {
            let surface = &text[t.start..t.end];
            assert!(!surface.is_empty(), "{t:?}");
        }
        let back = &crate::answer::fixtures::vocab().analyzer().analyze(text)[0];
        assert_eq!(&text[back.start..back.end], "Back-End");
    }

    #[test]
    fn stop_words_and_short_numbers_dropped() {
        assert!(terms("the of and to").is_empty());
        assert_eq!(terms("$75,000 in 2026"), vec!["2026".to_string()]);
    }

    /// Chat filler is no word the guides lack: a casual question reads as its plain wording.
    #[test]
    fn chat_filler_is_dropped() {
        assert_eq!(
            terms("lol do I kinda gotta have a degree tbh"),
            terms("do I have a degree")
        );
        assert!(terms("haha yeah nah").is_empty());
    }

    #[test]
    fn odd_text_never_panics() {
        let a = crate::answer::fixtures::vocab().analyzer();
        for text in [
            "",
            "   ",
            "🚀🚀 emoji-only?! 💼",
            "ǅ ß İ ﬁ",
            "a\u{0301}",
            "#+.+#",
            ". .net .. .",
            &"x".repeat(10_000),
            "<@123> @everyone **bold** `code` ||spoiler||",
        ] {
            let _ = a.analyze(text);
        }
    }

    #[test]
    fn query_only_forms_and_soft_words() {
        let a = crate::answer::fixtures::vocab().analyzer();
        let q: Vec<(String, bool)> = a
            .analyze_query("how much do juniors make")
            .into_iter()
            .map(|t| (t.term.text.to_string(), t.soft))
            .collect();
        assert!(q.contains(&(terms("salary")[0].clone(), false)), "{q:?}");
        // In guide text "make" is just a word.
        assert_ne!(terms("make"), terms("salary"));
        let q = a.analyze_query("should i learn rust");
        assert!(
            q.iter()
                .any(|t| t.soft && *t.term.text == *terms("learn")[0]),
            "{q:?}"
        );
        assert!(
            q.iter().any(|t| !t.soft && &*t.term.text == "rust"),
            "{q:?}"
        );
    }

    #[test]
    fn make_is_a_soft_salary_word() {
        let a = crate::answer::fixtures::vocab().analyzer();
        let salary = terms("salary")[0].clone();
        let q = a.analyze_query("How do I make my API respond faster?");
        assert!(q.iter().any(|t| t.soft && *t.term.text == *salary), "{q:?}");
        assert!(q.iter().any(|t| !t.soft && &*t.term.text == "api"), "{q:?}");
        // Said plainly, pay is meant: the hard form wins.
        let q = a.analyze_query("how much do juniors make");
        assert!(q.iter().any(|t| !t.soft && *t.term.text == *salary));
    }

    #[test]
    fn a_soft_form_whose_object_the_question_asks_for_is_firm() {
        let a = crate::answer::fixtures::vocab().analyzer();
        let salary = terms("salary")[0].clone();
        let firm = |q: &str| {
            a.analyze_query(q)
                .iter()
                .any(|t| !t.soft && *t.term.text == *salary)
        };
        for q in [
            "what do paralegals make right out of school?",
            "What does a welder make",
            "so what would I make starting out",
            "what do electricians make a year?",
        ] {
            assert!(firm(q), "{q}");
        }
        for q in [
            "what can I make with SQL",
            "what should I make my portfolio about",
            "what projects should I make",
            "How do I make my API respond faster?",
            "how do I make friends at a new job",
        ] {
            assert!(!firm(q), "{q}");
        }
    }

    #[test]
    fn british_and_american_spellings_meet() {
        for (uk, us) in [
            ("financial advisor", "financial adviser"),
            ("counsellors", "counselor"),
            ("specialised", "specialize"),
        ] {
            assert_eq!(terms(uk), terms(us), "{uk} / {us}");
        }
    }

    #[test]
    fn spanish_career_words_meet_english_ones() {
        for (es, en) in [
            ("entrevista", "interview"),
            ("bases de datos", "databases"),
            ("salario", "salary"),
            ("desarrolladores", "developers"),
            ("herramientas", "tools"),
            ("título universitario", "degree"),
            ("EE.UU.", "USA"),
            // Working life in any career, not only software.
            ("turnos", "shifts"),
            ("nocturno", "night"),
            ("sindicato", "union"),
            ("pacientes", "patients"),
            ("fin de semana", "weekend"),
            ("horas extra", "overtime"),
            ("eléctrica", "electrical"),
            ("soldadores", "welders"),
            // Places, and occupations of any career.
            ("Reino Unido", "UK"),
            ("matronas", "midwife"),
            ("topógrafo", "surveyor"),
            ("azafata", "attendant"),
            ("cuidadora de zoológico", "zookeeper"),
            ("audiólogos", "audiologists"),
        ] {
            assert_eq!(terms(es), terms(en), "{es} vs {en}");
        }
        // Spanish function words are stop words, like English ones.
        assert!(terms("de la en un que para").is_empty());
        let a = crate::answer::fixtures::vocab().analyzer();
        let q: Vec<String> = a
            .analyze_query("¿cuánto gana un desarrollador?")
            .into_iter()
            .map(|t| t.term.text.to_string())
            .collect();
        assert_eq!(
            q,
            [terms("salary")[0].clone(), terms("developer")[0].clone()]
        );
        // A caregiver at a zoo is a zookeeper: the longer form wins.
        assert_ne!(terms("cuidador de zoológico"), terms("cuidador"));
    }

    #[test]
    fn payed_asks_about_pay() {
        let a = crate::answer::fixtures::vocab().analyzer();
        let q: Vec<String> = a
            .analyze_query("do contract testers get payed hourly")
            .into_iter()
            .map(|t| t.term.text.to_string())
            .collect();
        assert!(q.contains(&terms("salary")[0]), "{q:?}");
    }

    #[test]
    fn invalid_table_is_an_error() {
        assert!(Analyzer::from_toml("not toml [").is_err());
        assert!(Analyzer::from_toml("[terms]\n\"two words\" = []").is_err());
        assert!(Analyzer::from_toml("[terms]\nx = [\"--\"]").is_err());
        assert!(Analyzer::from_toml("[terms]\nx = [\"same\"]\ny = [\"same\"]").is_err());
    }

    #[test]
    fn the_dictionary_lists_common_words_as_written() {
        let a = Analyzer::from_toml(crate::vocab::FILES[0].1)
            .unwrap()
            .with_dictionary("# a comment\nWriter\n\n  keyboard \n");
        assert!(a.in_dictionary("writer"));
        assert!(a.in_dictionary("keyboard"));
        assert!(!a.in_dictionary("# a comment"));
        assert!(!a.in_dictionary("devloper"));
        assert!(!a.in_dictionary(""));
        let shipped = crate::vocab::Vocabulary::shipped();
        for w in ["writer", "stuff", "keyboard", "mechanical", "healthy"] {
            assert!(shipped.analyzer().in_dictionary(w), "{w}");
        }
        // Misspellings and rarer words a typo may land on are not listed.
        for w in ["devloper", "senoir", "salery", "manger", "backend"] {
            assert!(!shipped.analyzer().in_dictionary(w), "{w}");
        }
    }
}
