//! Finding a lexicon's terms in a line: every surface form analysed like search analyses text,
//! longest form first, with guards for ambiguous words (case, exact words, not sentence-initial,
//! not before or near certain words, shared list heads). The skills lexicon and the roadmap's
//! track table both match through it.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Deserialize;

use super::text::{strip_marker, word_spans};
use crate::analysis::{Analyzer, Term};

/// A surface form as written in a lexicon file: a plain string, or a table with guards.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(crate) enum FormSpec {
    Plain(String),
    Guarded(GuardedForm),
}

/// A form with guards for ambiguous words (documented in `assets/skills.toml`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct GuardedForm {
    form: String,
    #[serde(default)]
    case: bool,
    #[serde(default)]
    exact: bool,
    #[serde(default)]
    mid_sentence: bool,
    #[serde(default)]
    not_before: Vec<String>,
    #[serde(default)]
    not_near: Vec<String>,
    #[serde(default)]
    coordinated: bool,
    #[serde(default)]
    unmodified: bool,
}

impl FormSpec {
    fn into_guarded(self) -> GuardedForm {
        match self {
            FormSpec::Plain(form) => GuardedForm {
                form,
                ..GuardedForm::default()
            },
            FormSpec::Guarded(g) => g,
        }
    }

    /// The form as written.
    pub(crate) fn text(&self) -> &str {
        match self {
            FormSpec::Plain(f) => f,
            FormSpec::Guarded(g) => &g.form,
        }
    }
}

/// A compiled form.
#[derive(Debug, Clone)]
struct Form {
    entry: usize,
    /// Analysed terms.
    terms: Vec<String>,
    /// The form's words as written (letters and digits), for the case guard.
    cased: Vec<String>,
    /// The same, lower-cased, for the exact guard.
    folded: Vec<String>,
    case: bool,
    exact: bool,
    mid_sentence: bool,
    not_before: Vec<String>,
    not_near: Vec<String>,
    coordinated: bool,
    unmodified: bool,
}

/// One match of a lexicon entry in a line: byte range of the words that name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    /// Index of the entry in the lexicon.
    pub entry: usize,
    /// Byte offset of the first word.
    pub start: usize,
    /// Byte offset just past the last word.
    pub end: usize,
}

/// Words either side of a match that [`GuardedForm::not_near`] looks at.
const NEAR_WINDOW: usize = 3;
/// Longest run of terms a shared-head list may span after the prefix.
const MAX_LIST_TERMS: usize = 12;
/// Longest list item (in terms) in a shared-head list.
const MAX_LIST_ITEM: usize = 3;

/// Finds lexicon entries in text by analysed term sequences, with guards for ambiguous words.
///
/// Rules, in order, at each term position:
/// 1. Every form whose term sequence starts here, whose words are not separated by punctuation
///    (`, ; : ! ? ( ) [ ] { } |`, quotes, a sentence end), and whose guards pass, is a candidate;
///    the longest wins (the first in the file on a tie) and its terms are consumed.
/// 2. Otherwise a `coordinated` form matches when its leading terms are followed at once by a
///    list separator (`,` `and` `or` `/` `&`) and a list of items of at most three terms that
///    ends with its last term: "unit, integration, and end-to-end testing". The shared last term
///    is not consumed.
#[derive(Debug, Clone)]
pub(crate) struct TermMatcher {
    forms: Vec<Form>,
    by_first: HashMap<String, Vec<usize>>,
    /// The analyzer the forms were analysed with; text is analysed with it too.
    analyzer: Arc<Analyzer>,
}

impl TermMatcher {
    /// Compiles `(entry name, forms)` pairs; entries keep their order as indices.
    pub(crate) fn new(
        entries: &[(String, Vec<FormSpec>)],
        analyzer: &Arc<Analyzer>,
    ) -> Result<TermMatcher, String> {
        let mut forms = Vec::new();
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
        for (entry, (name, specs)) in entries.iter().enumerate() {
            if specs.is_empty() {
                return Err(format!("{name:?} has no forms"));
            }
            for spec in specs {
                let g = spec.clone().into_guarded();
                let terms: Vec<String> = analyzer
                    .analyze(&g.form)
                    .into_iter()
                    .map(|t| t.text.to_string())
                    .collect();
                if terms.is_empty() {
                    return Err(format!(
                        "form {:?} of {name:?} has no searchable word",
                        g.form
                    ));
                }
                if g.coordinated && terms.len() < 2 {
                    return Err(format!(
                        "coordinated form {:?} of {name:?} needs two words",
                        g.form
                    ));
                }
                let cased: Vec<String> = word_spans(&g.form)
                    .into_iter()
                    .map(|r| g.form[r].to_string())
                    .collect();
                let folded = cased.iter().map(|w| w.to_lowercase()).collect();
                by_first
                    .entry(terms[0].clone())
                    .or_default()
                    .push(forms.len());
                forms.push(Form {
                    entry,
                    terms,
                    cased,
                    folded,
                    case: g.case,
                    exact: g.exact,
                    mid_sentence: g.mid_sentence,
                    not_before: g.not_before.iter().map(|w| w.to_lowercase()).collect(),
                    not_near: g.not_near.iter().map(|w| w.to_lowercase()).collect(),
                    coordinated: g.coordinated,
                    unmodified: g.unmodified,
                });
            }
        }
        Ok(TermMatcher {
            forms,
            by_first,
            analyzer: Arc::clone(analyzer),
        })
    }

    /// The entries named in `text` (one line), in order.
    pub(crate) fn find(&self, text: &str) -> Vec<Hit> {
        let terms = self.analyzer.analyze(text);
        let mut hits = Vec::new();
        let mut i = 0;
        while i < terms.len() {
            let Some(candidates) = self.by_first.get(&*terms[i].text) else {
                i += 1;
                continue;
            };
            let mut best: Option<(usize, usize)> = None;
            for &f in candidates {
                let form = &self.forms[f];
                let n = form.terms.len();
                if best.is_some_and(|(len, _)| len >= n) || i + n > terms.len() {
                    continue;
                }
                let window = &terms[i..i + n];
                if window.iter().zip(&form.terms).all(|(t, w)| *t.text == **w)
                    && phrase_gaps_ok(text, window)
                    && form.guards_ok(text, window[0].start, window[n - 1].end)
                    && (!form.unmodified || !modified(&self.analyzer, text, window[0].start))
                {
                    best = Some((n, f));
                }
            }
            if let Some((n, f)) = best {
                hits.push(Hit {
                    entry: self.forms[f].entry,
                    start: terms[i].start,
                    end: terms[i + n - 1].end,
                });
                i += n;
                continue;
            }
            let listed = candidates.iter().find_map(|&f| {
                let form = &self.forms[f];
                form.coordinated
                    .then(|| coordinated_end(text, &terms, i, form))
                    .flatten()
                    .map(|j| (form, j))
            });
            if let Some((form, j)) = listed {
                hits.push(Hit {
                    entry: form.entry,
                    start: terms[i].start,
                    end: terms[j].end,
                });
                i += form.terms.len() - 1;
                continue;
            }
            i += 1;
        }
        hits
    }
}

impl Form {
    fn guards_ok(&self, line: &str, start: usize, end: usize) -> bool {
        let surface = &line[start..end];
        let words: Vec<&str> = word_spans(surface)
            .into_iter()
            .map(|r| &surface[r])
            .collect();
        if self.case && words != self.cased {
            return false;
        }
        if self.exact
            && (words.len() != self.folded.len()
                || words
                    .iter()
                    .zip(&self.folded)
                    .any(|(w, f)| w.to_lowercase() != *f))
        {
            return false;
        }
        if self.mid_sentence && sentence_initial(line, start) && !whole_item(line, start, end) {
            return false;
        }
        if !self.not_before.is_empty()
            && next_word(line, end).is_some_and(|w| {
                self.not_before
                    .iter()
                    .any(|n| *n == w || (n == "<year>" && is_year(&w)))
            })
        {
            return false;
        }
        if !self.not_near.is_empty() {
            let spans = word_spans(line);
            let first = spans.iter().position(|r| r.start >= start);
            let last = spans.iter().rposition(|r| r.end <= end);
            if let (Some(first), Some(last)) = (first, last) {
                let before = first.saturating_sub(NEAR_WINDOW)..first;
                let after = last + 1..(last + 1 + NEAR_WINDOW).min(spans.len());
                if before.chain(after).any(|k| {
                    self.not_near
                        .contains(&line[spans[k].clone()].to_lowercase())
                }) {
                    return false;
                }
            }
        }
        true
    }
}

/// Whether the word right before `start` (only spaces between) is a content word, which makes the
/// match another kind of thing: "hypothesis testing", "A/B testing" (a function word, as the
/// analyzer reads it, or punctuation before it does not: "and testing", "Skill #7: Testing").
fn modified(analyzer: &Analyzer, line: &str, start: usize) -> bool {
    let before = &line[..start];
    let gap = before.len() - before.trim_end().len();
    if gap == 0 {
        // Glued to the word before ("A/B-testing"): part of it; after "(" or a line start: not.
        return before.ends_with(|c: char| c.is_alphanumeric() || c == '-' || c == '/');
    }
    let word = before
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default();
    !word.is_empty()
        && !word.ends_with(|c: char| !c.is_alphanumeric())
        && !analyzer.analyze(word).is_empty()
}

/// Characters that never sit inside a multi-word name.
const BREAKING: &[char] = &[
    ',', ';', ':', '!', '?', '(', ')', '[', ']', '{', '}', '|', '"', '“', '”', '\n',
];

fn has_sentence_break(gap: &str) -> bool {
    let chars: Vec<char> = gap.chars().collect();
    chars
        .windows(2)
        .any(|w| w[0] == '.' && w[1].is_whitespace())
}

/// The words of a multi-term match are not separated by punctuation.
fn phrase_gaps_ok(line: &str, terms: &[Term]) -> bool {
    terms.windows(2).all(|w| {
        let gap = &line[w[0].end..w[1].start];
        !gap.contains(BREAKING) && !has_sentence_break(gap)
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    /// Spaces, hyphens, stop words: inside one list item.
    Plain,
    /// A list separator: `,`, `/`, `&`, "and", "or".
    Coordinator,
    /// Anything else ends the list.
    Break,
}

fn gap_kind(gap: &str) -> Gap {
    if gap.contains(|c: char| BREAKING.contains(&c) && c != ',') || has_sentence_break(gap) {
        return Gap::Break;
    }
    let coordinator_word = word_spans(gap)
        .into_iter()
        .any(|r| matches!(&gap[r], "and" | "or" | "nor"));
    if coordinator_word || gap.contains([',', '/', '&']) {
        Gap::Coordinator
    } else {
        Gap::Plain
    }
}

/// The index of the list's shared last term when a coordinated form's leading terms start at `i`.
fn coordinated_end(line: &str, terms: &[Term], i: usize, form: &Form) -> Option<usize> {
    let lead = form.terms.len() - 1;
    let head = form.terms.last()?;
    if i + lead >= terms.len()
        || !terms[i..i + lead]
            .iter()
            .zip(&form.terms)
            .all(|(t, w)| *t.text == **w)
        || !phrase_gaps_ok(line, &terms[i..i + lead])
    {
        return None;
    }
    // The leading words are an item of their own: a separator follows them at once.
    let after = i + lead;
    if gap_kind(&line[terms[after - 1].end..terms[after].start]) != Gap::Coordinator {
        return None;
    }
    let mut listed = false;
    let mut item = 0;
    for j in after..(after + MAX_LIST_TERMS).min(terms.len()) {
        match gap_kind(&line[terms[j - 1].end..terms[j].start]) {
            Gap::Plain => {}
            Gap::Coordinator => {
                listed = true;
                item = 0;
            }
            Gap::Break => return None,
        }
        item += 1;
        if item > MAX_LIST_ITEM {
            return None;
        }
        if *terms[j].text == **head {
            return listed.then_some(j);
        }
    }
    None
}

/// Whether byte offset `at` starts a sentence: nothing but a list marker before it on the line,
/// or a sentence end (`.`, `!`, `?`) right before it.
fn sentence_initial(line: &str, at: usize) -> bool {
    let content = strip_marker(line);
    if at <= content {
        return true;
    }
    let before = line[content..at]
        .trim_end()
        .trim_end_matches(['"', '”', '’', ')']);
    before.is_empty() || before.ends_with(['.', '!', '?'])
}

/// The line holds just this name (a list item), maybe with final punctuation.
fn whole_item(line: &str, start: usize, end: usize) -> bool {
    let content = &line[strip_marker(line)..];
    content.trim().trim_end_matches(['.', ',', ';']) == &line[start..end]
}

/// The next word after byte offset `at`, lower-cased, when only spaces or a hyphen separate it.
fn next_word(line: &str, at: usize) -> Option<String> {
    let rest = &line[at..];
    let skip = rest
        .find(|c: char| !(c.is_whitespace() || c == '-'))
        .unwrap_or(rest.len());
    let rest = &rest[skip..];
    let end = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    (end > 0).then(|| rest[..end].to_lowercase())
}

fn is_year(word: &str) -> bool {
    word.len() == 4
        && (word.starts_with("19") || word.starts_with("20"))
        && word.bytes().all(|b| b.is_ascii_digit())
}
