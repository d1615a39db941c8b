//! Skills by topic: the named skills (languages, frameworks, databases, …) the guides mention,
//! ordered by how many guides name each, every mention cited to its exact source line; the
//! passages that cover the topic best; and, for a level, what the guides expect at that level.
//!
//! **Matching.** The lexicon is data (`assets/skills.toml`, see its header). Every surface form
//! and every guide line go through the one [`Analyzer`] that search uses, so spelling variants
//! the synonym table joins ("Node.js" / "NodeJS" / "Node", "Postgres" / "PostgreSQL") are one
//! skill, and a word inside another word never matches ("Java" in "JavaScript", "SQL" in
//! "NoSQL" / "MySQL": words are whole). At each position the longest form wins ("SQL Server"
//! over "SQL"; "Express.js" over the "js" of JavaScript) and consumes its terms; a multi-word form
//! never spans punctuation or a sentence end. Ambiguous words carry guards in the lexicon (case,
//! exact words, not sentence-initial, not before / near certain words, shared list heads); see
//! `TermMatcher`. A passage's heading line counts when the passage starts at it.
//!
//! **Counting.** A *mention* is one source line naming a skill (a line naming it twice is one
//! mention); a skill's *guides* are the distinct sources with a mention. Skills are ordered by
//! guides, then mentions, then name. A topic's best passages are scored by how many distinct
//! skills of the topic they name; ties go to the shorter passage.
//!
//! **Level expectations** are found by pattern, never by line number: a markdown table row whose
//! first cell is a level ("| Entry Level | Basic programming proficiency | … |"); a line labelled by
//! a level ("Junior back-end developer: Focus on learning …"); a clause whose subject is a level
//! followed by an expectation verb ("Junior developers are expected to …", "a senior developer
//! might …, while a junior developer might …" gives one expectation per clause); "… is expected
//! in mid-to-senior positions"; "advancement to senior roles often requires …".

use super::re;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use once_cell::sync::Lazy;
use regex::{Captures, Regex};
use serde::{Deserialize, Serialize};

use crate::analysis::{Analyzer, Term};
use crate::answer::salary::Level;
use crate::corpus::Passage;

/// The skills lexicon shipped with the program.
pub const DEFAULT_SKILLS: &str = include_str!("../../assets/skills.toml");

/// How many best passages an answer carries.
pub const BEST_PASSAGES: usize = 3;

// ---------------------------------------------------------------------------
// Topics
// ---------------------------------------------------------------------------

/// A skills topic: the Discord command's choices (ids are the serde names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    /// Programming languages (and SQL).
    Languages,
    /// Back-end frameworks.
    Frameworks,
    /// Database systems.
    Databases,
    /// Cloud platforms, containers, CI/CD, DevOps.
    CloudDevops,
    /// API styles and formats.
    Apis,
    /// Security practices and standards.
    Security,
    /// Testing and debugging.
    Testing,
    /// Developer tools.
    Tools,
    /// Soft skills.
    SoftSkills,
    /// Every topic.
    All,
}

impl Topic {
    /// All topics, in display order (`All` last).
    pub const ALL: [Topic; 10] = [
        Topic::Languages,
        Topic::Frameworks,
        Topic::Databases,
        Topic::CloudDevops,
        Topic::Apis,
        Topic::Security,
        Topic::Testing,
        Topic::Tools,
        Topic::SoftSkills,
        Topic::All,
    ];

    /// The id used in commands and JSON, e.g. `cloud_devops`.
    pub fn id(self) -> &'static str {
        match self {
            Topic::Languages => "languages",
            Topic::Frameworks => "frameworks",
            Topic::Databases => "databases",
            Topic::CloudDevops => "cloud_devops",
            Topic::Apis => "apis",
            Topic::Security => "security",
            Topic::Testing => "testing",
            Topic::Tools => "tools",
            Topic::SoftSkills => "soft_skills",
            Topic::All => "all",
        }
    }

    /// Human label, e.g. "Cloud & DevOps".
    pub fn label(self) -> &'static str {
        match self {
            Topic::Languages => "Languages",
            Topic::Frameworks => "Frameworks",
            Topic::Databases => "Databases",
            Topic::CloudDevops => "Cloud & DevOps",
            Topic::Apis => "APIs",
            Topic::Security => "Security",
            Topic::Testing => "Testing",
            Topic::Tools => "Tools",
            Topic::SoftSkills => "Soft skills",
            Topic::All => "All topics",
        }
    }

    /// Whether a skill of topic `skill` belongs to this topic (`All` holds every skill).
    pub fn includes(self, skill: Topic) -> bool {
        self == Topic::All || self == skill
    }
}

impl fmt::Display for Topic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A topic name that [`Topic::from_str`] does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown topic {0:?} (try languages, frameworks, databases, cloud_devops, apis, security, testing, tools, soft_skills or all)"
)]
pub struct ParseTopicError(pub String);

impl FromStr for Topic {
    type Err = ParseTopicError;

    /// Accepts ids, labels and a few plain aliases ("Cloud & DevOps", "soft skills", "db").
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key = super::option_key(s);
        if let Some(t) = Topic::ALL.iter().find(|t| t.id() == key) {
            return Ok(*t);
        }
        let topic = match key.as_str() {
            "language" | "programming_languages" => Topic::Languages,
            "framework" => Topic::Frameworks,
            "database" | "db" | "dbs" => Topic::Databases,
            "cloud" | "devops" | "cloud_and_devops" | "cloud_devops_" => Topic::CloudDevops,
            "api" => Topic::Apis,
            "test" | "tests" => Topic::Testing,
            "tool" => Topic::Tools,
            "soft" | "softskills" | "soft_skill" => Topic::SoftSkills,
            "all_topics" | "any" | "everything" => Topic::All,
            _ => return Err(ParseTopicError(s.to_string())),
        };
        Ok(topic)
    }
}

// ---------------------------------------------------------------------------
// The term matcher (shared with the roadmap's track lexicon)
// ---------------------------------------------------------------------------

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
}

impl TermMatcher {
    /// Compiles `(entry name, forms)` pairs; entries keep their order as indices.
    pub(crate) fn new(entries: &[(String, Vec<FormSpec>)]) -> Result<TermMatcher, String> {
        let analyzer = Analyzer::shared();
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
                });
            }
        }
        Ok(TermMatcher { forms, by_first })
    }

    /// The entries named in `text` (one line), in order.
    pub(crate) fn find(&self, text: &str) -> Vec<Hit> {
        let terms = Analyzer::shared().analyze(text);
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

// ---------------------------------------------------------------------------
// Text helpers (shared with the roadmap)
// ---------------------------------------------------------------------------

/// Byte ranges of the runs of letters and digits in `text`.
pub(crate) fn word_spans(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(s..i);
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// Byte offset where a line's content starts after leading space, a bullet (`-`, `•`, `*`, `–`,
/// `·`) or a number (`1.`, `2)`).
pub(crate) fn strip_marker(line: &str) -> usize {
    let lead = line.len() - line.trim_start().len();
    let rest = &line[lead..];
    let mut chars = rest.char_indices();
    if let Some((_, c)) = chars.next() {
        if matches!(c, '-' | '•' | '*' | '–' | '·')
            && rest[c.len_utf8()..].starts_with(char::is_whitespace)
        {
            let after = &rest[c.len_utf8()..];
            return lead + c.len_utf8() + (after.len() - after.trim_start().len());
        }
        let digits = rest
            .find(|ch: char| !ch.is_ascii_digit())
            .unwrap_or(rest.len());
        if (1..=2).contains(&digits) {
            let after = &rest[digits..];
            if (after.starts_with('.') || after.starts_with(')'))
                && after[1..].starts_with(char::is_whitespace)
            {
                let body = &after[1..];
                return lead + digits + 1 + (body.len() - body.trim_start().len());
            }
        }
    }
    lead
}

/// Abbreviations whose final period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "etc", "vs", "dr", "mr", "mrs", "ms", "st", "inc", "jr", "sr", "no", "approx",
];

/// Byte ranges of the sentences of one line, trimmed. A sentence ends at `.`, `!` or `?`
/// (closing quotes included) before a space and a capital, digit or quote, or at a period glued
/// to a capitalised word after a lower-case one ("challenges.Well-designed"); "U.S.", "e.g."
/// and single initials do not end sentences.
pub(crate) fn sentences(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut cuts = Vec::new();
    for k in 0..chars.len() {
        let (at, c) = chars[k];
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let mut m = k + 1;
        while m < chars.len() && matches!(chars[m].1, '"' | '”' | '’' | ')' | '\'') {
            m += 1;
        }
        let cut = chars.get(m).map_or(text.len(), |&(i, _)| i);
        let boundary = if m >= chars.len() {
            true
        } else if chars[m].1.is_whitespace() {
            let n = (m..chars.len()).find(|&n| !chars[n].1.is_whitespace());
            n.is_none_or(|n| {
                let nc = chars[n].1;
                nc.is_uppercase() || nc.is_ascii_digit() || matches!(nc, '"' | '“' | '‘' | '(')
            })
        } else {
            c == '.'
                && m == k + 1
                && k >= 3
                && chars[m].1.is_uppercase()
                && chars.get(m + 1).is_some_and(|x| x.1.is_lowercase())
                && chars[k - 3..k].iter().all(|x| x.1.is_lowercase())
        };
        if !boundary {
            continue;
        }
        if c == '.' {
            let word_start = text[..at].rfind(char::is_whitespace).map_or(0, |i| i + 1);
            let word = text[word_start..at]
                .trim_start_matches(['(', '"', '“'])
                .to_lowercase();
            let initial = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
            if initial || word.contains('.') || ABBREVIATIONS.contains(&word.as_str()) {
                continue;
            }
        }
        cuts.push(cut);
    }
    let mut out = Vec::new();
    let mut start = 0;
    for cut in cuts.into_iter().chain(std::iter::once(text.len())) {
        if cut <= start {
            continue;
        }
        let piece = &text[start..cut];
        let lead = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        if !trimmed.is_empty() {
            out.push(start + lead..start + lead + trimmed.len());
        }
        start = cut;
    }
    out
}

/// One line of a passage with its source line number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PassageLine<'a> {
    /// 1-based source line.
    pub line: u32,
    /// The line's text (trimmed, as the passage holds it).
    pub text: &'a str,
    /// The passage's heading line.
    pub heading: bool,
}

/// A passage's lines: its heading first when the passage starts at it, then its text lines.
pub(crate) fn passage_lines(p: &Passage) -> Vec<PassageLine<'_>> {
    let mut out = Vec::with_capacity(p.line_numbers.len() + 1);
    let starts_at_heading = p.line_numbers.first().is_none_or(|&f| p.start_line < f);
    if starts_at_heading && !p.section.trim().is_empty() {
        out.push(PassageLine {
            line: p.start_line,
            text: &p.section,
            heading: true,
        });
    }
    for (text, &line) in p.text.split('\n').zip(&p.line_numbers) {
        out.push(PassageLine {
            line,
            text,
            heading: false,
        });
    }
    out
}

// ---------------------------------------------------------------------------
// The lexicon
// ---------------------------------------------------------------------------

/// A skills lexicon that does not load.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid skills lexicon: {0}")]
pub struct LexiconError(pub String);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SkillsFile {
    skill: Vec<SkillSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SkillSpec {
    name: String,
    topic: Topic,
    forms: Vec<FormSpec>,
}

/// One skill of the lexicon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillInfo {
    /// Display name, e.g. "JavaScript / Node.js".
    pub name: String,
    pub topic: Topic,
    /// Surface forms as written in the lexicon.
    pub forms: Vec<String>,
}

/// One skill named in a text: which skill and the byte range of its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SkillHit {
    /// Index into [`Lexicon::skills`].
    pub skill: usize,
    pub start: usize,
    pub end: usize,
}

/// The skills lexicon: skills by topic and a matcher over their forms.
#[derive(Debug, Clone)]
pub struct Lexicon {
    skills: Vec<SkillInfo>,
    matcher: TermMatcher,
}

static SHARED: Lazy<Lexicon> = Lazy::new(|| {
    Lexicon::from_toml(DEFAULT_SKILLS).expect("the shipped skills lexicon loads (unit-tested)")
});

impl Lexicon {
    /// The lexicon built from `assets/skills.toml`, created once.
    pub fn shared() -> &'static Lexicon {
        &SHARED
    }

    /// Builds a lexicon from TOML in the format of `assets/skills.toml`.
    ///
    /// # Errors
    /// When the TOML does not parse, a skill's topic is `all` or unknown, a name repeats, or a
    /// form has no searchable word.
    pub fn from_toml(text: &str) -> Result<Lexicon, LexiconError> {
        let file: SkillsFile = toml::from_str(text).map_err(|e| LexiconError(e.to_string()))?;
        let mut names = HashSet::new();
        for s in &file.skill {
            if s.topic == Topic::All {
                return Err(LexiconError(format!(
                    "skill {:?}: \"all\" is not a topic of its own",
                    s.name
                )));
            }
            if s.name.trim().is_empty() || !names.insert(s.name.to_lowercase()) {
                return Err(LexiconError(format!(
                    "skill name {:?} is empty or repeated",
                    s.name
                )));
            }
        }
        let entries: Vec<(String, Vec<FormSpec>)> = file
            .skill
            .iter()
            .map(|s| (s.name.clone(), s.forms.clone()))
            .collect();
        let matcher = TermMatcher::new(&entries).map_err(LexiconError)?;
        let skills = file
            .skill
            .into_iter()
            .map(|s| SkillInfo {
                forms: s.forms.iter().map(|f| f.text().to_string()).collect(),
                name: s.name,
                topic: s.topic,
            })
            .collect();
        Ok(Lexicon { skills, matcher })
    }

    /// The skills, in lexicon order.
    pub fn skills(&self) -> &[SkillInfo] {
        &self.skills
    }

    /// The skills of a topic.
    pub fn skills_of(&self, topic: Topic) -> impl Iterator<Item = &SkillInfo> {
        self.skills.iter().filter(move |s| topic.includes(s.topic))
    }

    /// The skills named in one line of text, in order.
    pub fn find(&self, line: &str) -> Vec<SkillHit> {
        self.matcher
            .find(line)
            .into_iter()
            .map(|h| SkillHit {
                skill: h.entry,
                start: h.start,
                end: h.end,
            })
            .collect()
    }

    /// The names of the skills named in one line, in order, without repeats.
    pub fn names_in(&self, line: &str) -> Vec<&str> {
        let mut seen = HashSet::new();
        self.find(line)
            .into_iter()
            .filter(|h| seen.insert(h.skill))
            .map(|h| self.skills[h.skill].name.as_str())
            .collect()
    }
}

// ---------------------------------------------------------------------------
// Answer types
// ---------------------------------------------------------------------------

/// One line of a guide naming a skill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillCitation {
    /// Guide file name (the source id).
    pub source: String,
    pub title: String,
    pub section: String,
    /// Exact 1-based source line of the mention.
    pub line: u32,
    /// The passage's line range.
    pub start_line: u32,
    pub end_line: u32,
    /// The words as written on the line, e.g. "Node.js", "unit, integration, and end-to-end testing".
    pub surface: String,
}

/// A skill of a passage, for [`extract_mentions`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassageMention {
    pub skill: String,
    pub topic: Topic,
    #[serde(flatten)]
    pub citation: SkillCitation,
}

/// A skill the guides name, with every line naming it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillMention {
    pub name: String,
    pub topic: Topic,
    /// Distinct guides that name it.
    pub guides: u32,
    /// Distinct source lines that name it.
    pub mentions: u32,
    /// One per line, ordered by source then line.
    pub citations: Vec<SkillCitation>,
}

/// A passage that covers the topic well.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicPassage {
    pub source: String,
    pub title: String,
    pub section: String,
    /// First line naming a skill of the topic.
    pub line: u32,
    pub start_line: u32,
    pub end_line: u32,
    /// Distinct skills of the topic it names, in order of first mention.
    pub skills: Vec<String>,
    /// The passage text.
    pub text: String,
}

/// How an expectation is presented in its guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExpectationForm {
    /// A table row labelled by the level.
    TableRow,
    /// A line labelled by the level ("Junior back-end developer: …").
    Labelled,
    /// A sentence or clause whose subject is the level.
    Sentence,
}

/// What a guide expects of developers at one level, verbatim from its line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelExpectation {
    pub level: Level,
    /// Verbatim text from the cited line.
    pub text: String,
    pub form: ExpectationForm,
    pub source: String,
    pub title: String,
    pub section: String,
    pub line: u32,
    pub start_line: u32,
    pub end_line: u32,
}

/// The skills answer for a topic (and optionally a level).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillsAnswer {
    pub topic: Topic,
    pub level: Option<Level>,
    /// Skills of the topic named by the guides, by guides, then mentions, then name.
    pub skills: Vec<SkillMention>,
    /// The best passages for the topic (at most [`BEST_PASSAGES`]).
    pub passages: Vec<TopicPassage>,
    /// With a level: what the guides expect at it (every level for [`Level::Overall`]),
    /// ordered by level, source, line.
    pub expectations: Vec<LevelExpectation>,
}

impl SkillsAnswer {
    /// No skill of the topic was found.
    pub fn is_empty(&self) -> bool {
        self.skills.is_empty()
    }

    /// One line for people: "Databases the guides name: MongoDB (5 guides), PostgreSQL (4 guides), …".
    pub fn summary(&self) -> String {
        if self.skills.is_empty() {
            return format!(
                "The guides name no skills under {}.",
                self.topic.label().to_lowercase()
            );
        }
        let top: Vec<String> = self
            .skills
            .iter()
            .take(8)
            .map(|s| {
                let plural = if s.guides == 1 { "" } else { "s" };
                format!("{} ({} guide{plural})", s.name, s.guides)
            })
            .collect();
        let more = self.skills.len().saturating_sub(8);
        let tail = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        let what = match self.topic {
            Topic::All => "Skills".to_string(),
            t => t.label().to_string(),
        };
        format!(
            "{what} the guides name, most cited first: {}{tail}.",
            top.join(", ")
        )
    }
}

// ---------------------------------------------------------------------------
// Extraction
// ---------------------------------------------------------------------------

/// Every skill named in a passage (heading included when the passage starts at it), one per
/// skill and line, in line order.
pub fn extract_mentions(passage: &Passage) -> Vec<PassageMention> {
    let lexicon = Lexicon::shared();
    let mut out = Vec::new();
    for pl in passage_lines(passage) {
        let mut seen = HashSet::new();
        for hit in lexicon.find(pl.text) {
            if !seen.insert(hit.skill) {
                continue;
            }
            let info = &lexicon.skills()[hit.skill];
            out.push(PassageMention {
                skill: info.name.clone(),
                topic: info.topic,
                citation: SkillCitation {
                    source: passage.source.clone(),
                    title: passage.title.clone(),
                    section: passage.section.clone(),
                    line: pl.line,
                    start_line: passage.start_line,
                    end_line: passage.end_line,
                    surface: pl.text[hit.start..hit.end].to_string(),
                },
            });
        }
    }
    out
}

/// A level word at the start of a label or table cell.
static LEVEL_LABEL: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)^(?:(?P<entry>junior|entry(?:[- ]level)?|beginner|graduate)|(?P<mid>mid(?:[- ]level)?|intermediate)|(?P<senior>senior(?:[- ]level)?|experienced)|(?P<lead>lead|principal|staff|architect))\b",
    )
});

/// A markdown table row: first cell, then the rest of the cells.
static TABLE_ROW: Lazy<Regex> =
    Lazy::new(|| re(r"^\|\s*(?P<label>[^|]+?)\s*\|\s*(?P<rest>.*?)\s*\|?\s*$"));

/// "Label: body" after a list marker.
static LABELLED: Lazy<Regex> = Lazy::new(|| re(r"^(?P<label>[^:$|]{2,60}?):\s+(?P<body>\S.*)$"));

/// A clause whose subject is a level of developer, followed by an expectation verb.
static LEVEL_SUBJECT: Lazy<Regex> = Lazy::new(|| {
    re(r"(?ix)^
        (?:(?:for\ instance|for\ example|similarly|typically|generally|conversely|meanwhile|in\ contrast|by\ contrast|likewise|on\ the\ other\ hand),?\s+)?
        (?P<subj>
          (?:an?\s+|the\s+)?
          (?P<lv>junior|entry[-\ ]level|entry|mid[-\ ]level|intermediate|senior|experienced|lead|principal|staff)
          \s+(?:(?:back[-\ ]?end|backend|software|web)\s+)?
          (?:developers?|engineers?|devs?|roles?|positions?)
          \s+
          (?:(?:are|is)\s+(?:expected|responsible|tasked|required)
            |might|may|could|can|should|must|will|would|often|typically|usually|generally
            |need|needs|require|requires|take|takes|lead|leads|focus|focuses|handle|handles
            |own|owns|design|designs|mentor|mentors|deliver|delivers|work|works|manage|manages
            |oversee|oversees|architect|architects|build|builds|write|writes|drive|drives)\b
        )")
});

/// "… is expected in mid-to-senior positions".
static EXPECTED_IN: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\bexpected\s+(?:in|at|of|for|from)\s+(?P<lv>(?:entry|junior|mid|senior|lead)(?:[- ]level)?(?:[- ]to[- ](?:mid|senior|lead)(?:[- ]level)?)?)[- ](?:level\s+)?(?:positions|roles|developers|engineers|levels?)\b",
    )
});

/// "advancement to senior roles often requires …".
static ADVANCE_REQUIRES: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\b(?:advancement|advancing|advance|promotion|moving up|progression)\s+(?:to|into)\s+(?P<lv>junior|mid[- ]level|senior|lead|principal|staff)\s+(?:roles?|positions?|levels?)\b.*?\b(?:requires?|demands?|needs?|calls for|depends on)\b",
    )
});

/// Every level word in a short text ("mid-to-senior" → mid, senior).
static LEVEL_WORDS: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\b(?:(?P<entry>junior|entry|beginner)|(?P<mid>mid|intermediate)|(?P<senior>senior|experienced)|(?P<lead>lead|principal|staff))\b",
    )
});

/// Clause separators inside a sentence that contrasts levels.
static CLAUSE_SEP: Lazy<Regex> = Lazy::new(|| re(r"(?i),\s+(?:while|whereas)\s+|;\s+"));

fn level_of(c: &Captures<'_>) -> Option<Level> {
    if c.name("entry").is_some() {
        Some(Level::Entry)
    } else if c.name("mid").is_some() {
        Some(Level::Mid)
    } else if c.name("senior").is_some() {
        Some(Level::Senior)
    } else if c.name("lead").is_some() {
        Some(Level::Lead)
    } else {
        None
    }
}

fn level_word(word: &str) -> Option<Level> {
    LEVEL_WORDS.captures(word).and_then(|c| level_of(&c))
}

/// Trims spaces and trailing `,` `;` from a byte range of `text`.
fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let piece = &text[r.clone()];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim().trim_end_matches([',', ';']).trim_end();
    r.start + lead..r.start + lead + trimmed.len()
}

/// What the guides expect of each level in a passage, by pattern (see the module docs).
pub fn extract_expectations(passage: &Passage) -> Vec<LevelExpectation> {
    let mut out = Vec::new();
    let mut push = |level: Level, text: &str, form: ExpectationForm, line: u32| {
        if text.split_whitespace().count() < 3 {
            return;
        }
        let e = LevelExpectation {
            level,
            text: text.to_string(),
            form,
            source: passage.source.clone(),
            title: passage.title.clone(),
            section: passage.section.clone(),
            line,
            start_line: passage.start_line,
            end_line: passage.end_line,
        };
        if !out.contains(&e) {
            out.push(e);
        }
    };
    for pl in passage_lines(passage).into_iter().filter(|l| !l.heading) {
        let line = pl.text;
        if let Some(c) = TABLE_ROW.captures(line) {
            let label = &c["label"];
            if let Some(level) = LEVEL_LABEL.captures(label).and_then(|l| level_of(&l)) {
                push(level, &c["rest"], ExpectationForm::TableRow, pl.line);
            }
            continue;
        }
        let content = &line[strip_marker(line)..];
        if let Some(c) = LABELLED.captures(content) {
            let label = &c["label"];
            let body = &c["body"];
            let level = LEVEL_LABEL.captures(label).and_then(|l| level_of(&l));
            if let Some(level) = level
                && label.split_whitespace().count() <= 7
                && !body.contains(['$', '€', '£'])
                && body.split_whitespace().count() >= 4
            {
                push(level, body, ExpectationForm::Labelled, pl.line);
                continue;
            }
        }
        for s in sentences(content) {
            let sentence = &content[s.clone()];
            if sentence.contains(['$', '€', '£']) {
                // Pay, not expectations ("Entry-level roles typically start around $81,000").
                continue;
            }
            // Clauses: "a senior developer might …, while a junior developer might …".
            let mut starts = vec![0];
            starts.extend(CLAUSE_SEP.find_iter(sentence).map(|m| m.end()));
            let mut ends: Vec<usize> = CLAUSE_SEP.find_iter(sentence).map(|m| m.start()).collect();
            ends.push(sentence.len());
            for (a, b) in starts.into_iter().zip(ends) {
                let clause = &sentence[a..b];
                if let Some(c) = LEVEL_SUBJECT.captures(clause)
                    && let Some(level) = level_word(&c["lv"])
                {
                    let subj = c.name("subj").map_or(0, |m| m.start());
                    let r = trim_range(clause, subj..clause.len());
                    push(level, &clause[r], ExpectationForm::Sentence, pl.line);
                }
            }
            if let Some(c) = EXPECTED_IN.captures(sentence) {
                for l in LEVEL_WORDS.captures_iter(&c["lv"]) {
                    if let Some(level) = level_of(&l) {
                        push(level, sentence, ExpectationForm::Sentence, pl.line);
                    }
                }
            }
            if let Some(c) = ADVANCE_REQUIRES.captures(sentence)
                && let Some(level) = level_word(&c["lv"])
            {
                push(level, sentence, ExpectationForm::Sentence, pl.line);
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------
// The answer
// ---------------------------------------------------------------------------

#[derive(Default)]
struct Tally {
    sources: BTreeSet<String>,
    lines: HashSet<(String, u32)>,
    citations: Vec<SkillCitation>,
}

/// The skills of `topic` the guides name (see the module docs for counting and ordering), the
/// best passages for the topic, and — with a level — what the guides expect at that level
/// ([`Level::Overall`] gives every level's expectations).
pub fn skills_answer(passages: &[Passage], topic: Topic, level: Option<Level>) -> SkillsAnswer {
    let lexicon = Lexicon::shared();
    let mut tallies: Vec<Tally> = lexicon.skills().iter().map(|_| Tally::default()).collect();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, s) in lexicon.skills().iter().enumerate() {
        index.insert(s.name.as_str(), i);
    }
    let mut ranked: Vec<(usize, usize, TopicPassage)> = Vec::new();
    for p in passages {
        let mut named: Vec<String> = Vec::new();
        let mut first_line = None;
        for m in extract_mentions(p) {
            if !topic.includes(m.topic) {
                continue;
            }
            let t = &mut tallies[index[m.skill.as_str()]];
            if !named.contains(&m.skill) {
                named.push(m.skill.clone());
            }
            first_line.get_or_insert(m.citation.line);
            if t.lines.insert((m.citation.source.clone(), m.citation.line)) {
                t.sources.insert(m.citation.source.clone());
                t.citations.push(m.citation);
            }
        }
        if let Some(line) = first_line {
            ranked.push((
                named.len(),
                p.text.chars().count(),
                TopicPassage {
                    source: p.source.clone(),
                    title: p.title.clone(),
                    section: p.section.clone(),
                    line,
                    start_line: p.start_line,
                    end_line: p.end_line,
                    skills: named,
                    text: p.text.clone(),
                },
            ));
        }
    }
    let mut skills: Vec<SkillMention> = lexicon
        .skills()
        .iter()
        .zip(tallies)
        .filter(|(_, t)| !t.citations.is_empty())
        .map(|(info, mut t)| {
            t.citations
                .sort_by(|a, b| (&a.source, a.line).cmp(&(&b.source, b.line)));
            SkillMention {
                name: info.name.clone(),
                topic: info.topic,
                guides: t.sources.len() as u32,
                mentions: t.citations.len() as u32,
                citations: t.citations,
            }
        })
        .collect();
    skills.sort_by(|a, b| {
        b.guides
            .cmp(&a.guides)
            .then(b.mentions.cmp(&a.mentions))
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    ranked.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then_with(|| (&a.2.source, a.2.start_line).cmp(&(&b.2.source, b.2.start_line)))
    });
    let best = ranked
        .into_iter()
        .take(BEST_PASSAGES)
        .map(|(_, _, p)| p)
        .collect();
    let mut expectations: Vec<LevelExpectation> = match level {
        None => Vec::new(),
        Some(want) => passages
            .iter()
            .flat_map(extract_expectations)
            .filter(|e| want == Level::Overall || e.level == want)
            .collect(),
    };
    let mut seen = HashSet::new();
    expectations.retain(|e| seen.insert((e.level, e.source.clone(), e.line, e.text.clone())));
    expectations.sort_by(|a, b| (a.level, &a.source, a.line).cmp(&(b.level, &b.source, b.line)));
    SkillsAnswer {
        topic,
        level,
        skills,
        passages: best,
        expectations,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(line: &str) -> Vec<&'static str> {
        Lexicon::shared().names_in(line)
    }

    fn has(line: &str, skill: &str) -> bool {
        names(line).contains(&skill)
    }

    fn passage_in(section: &str, start_line: u32, text: &str) -> Passage {
        let n = text.split('\n').count() as u32;
        Passage {
            source: "t.txt".into(),
            title: "Test guide".into(),
            section: section.into(),
            start_line,
            end_line: 10 + n - 1,
            text: text.into(),
            line_numbers: (10..10 + n).collect(),
        }
    }

    fn passage(text: &str) -> Passage {
        passage_in("Skills", 10, text)
    }

    // --- lexicon -------------------------------------------------------------

    #[test]
    fn shipped_lexicon_loads_and_covers_every_topic() {
        let lex = Lexicon::from_toml(DEFAULT_SKILLS).unwrap();
        for topic in Topic::ALL {
            let n = lex.skills_of(topic).count();
            assert!(n >= 5, "{topic:?} has {n} skills");
        }
        assert_eq!(lex.skills_of(Topic::All).count(), lex.skills().len());
        for want in [
            "Python",
            "Java",
            "JavaScript / Node.js",
            "Go",
            "C# / .NET",
            "Ruby",
            "PHP",
            "Rust",
            "SQL",
            "TypeScript",
            "Django",
            "Flask",
            "Spring Boot",
            "Express.js",
            "NestJS",
            "ASP.NET Core",
            "Laravel",
            "Ruby on Rails",
            "MySQL",
            "PostgreSQL",
            "MongoDB",
            "Redis",
            "SQL Server",
            "Oracle Database",
            "Firebase",
            "Cassandra",
            "NoSQL",
            "AWS",
            "Azure",
            "Google Cloud (GCP)",
            "Docker",
            "Kubernetes",
            "CI/CD",
            "Linux",
            "Jenkins",
            "Microservices",
            "DevOps",
            "REST",
            "GraphQL",
            "gRPC",
            "JSON",
            "API design & development",
            "OAuth",
            "JWT",
            "Encryption",
            "Authentication & authorization",
            "SQL injection",
            "Cross-site scripting (XSS)",
            "CSRF",
            "Unit testing",
            "Integration testing",
            "End-to-end testing",
            "Git",
            "GitHub / GitLab / Bitbucket",
            "VS Code",
            "Postman",
            "Nginx",
            "RabbitMQ",
            "Elasticsearch",
            "Grafana",
            "Prometheus",
            "Communication",
            "Teamwork & collaboration",
            "Problem-solving",
            "Time management",
            "Adaptability",
            "Analytical thinking",
            "Attention to detail",
        ] {
            assert!(
                lex.skills().iter().any(|s| s.name == want),
                "{want} missing"
            );
        }
    }

    #[test]
    fn invalid_lexicons_are_errors() {
        let ok = "[[skill]]\nname = \"X\"\ntopic = \"tools\"\nforms = [\"Xtool\"]\n";
        assert!(Lexicon::from_toml(ok).is_ok());
        for bad in [
            "not toml [",
            "[[skill]]\nname = \"X\"\ntopic = \"all\"\nforms = [\"Xtool\"]\n",
            "[[skill]]\nname = \"X\"\ntopic = \"gardening\"\nforms = [\"Xtool\"]\n",
            "[[skill]]\nname = \"X\"\ntopic = \"tools\"\nforms = [\"the\"]\n",
            "[[skill]]\nname = \"X\"\ntopic = \"tools\"\nforms = []\n",
            "[[skill]]\nname = \"X\"\ntopic = \"tools\"\nforms = [{ form = \"Xtool\", colour = true }]\n",
            "[[skill]]\nname = \"X\"\ntopic = \"tools\"\nforms = [{ form = \"unit\", coordinated = true }]\n",
            "[[skill]]\nname = \"X\"\ntopic = \"tools\"\nforms = [\"Xtool\"]\nextra = 1\n",
            &format!("{ok}{ok}"),
        ] {
            assert!(Lexicon::from_toml(bad).is_err(), "{bad:?} loaded");
        }
    }

    #[test]
    fn topics_parse_and_serialise_by_id() {
        for t in Topic::ALL {
            assert_eq!(t.id().parse::<Topic>(), Ok(t));
            assert_eq!(t.label().parse::<Topic>(), Ok(t), "{}", t.label());
            assert_eq!(serde_json::to_value(t).unwrap(), t.id());
        }
        assert_eq!(Topic::CloudDevops.label(), "Cloud & DevOps");
        assert_eq!("Cloud & DevOps".parse(), Ok(Topic::CloudDevops));
        assert_eq!("soft skills".parse(), Ok(Topic::SoftSkills));
        assert_eq!("db".parse(), Ok(Topic::Databases));
        assert!("gardening".parse::<Topic>().is_err());
        assert!(Topic::All.includes(Topic::Security));
        assert!(!Topic::Tools.includes(Topic::Security));
    }

    // --- matching rules ------------------------------------------------------

    #[test]
    fn synonyms_of_search_are_one_skill() {
        for s in ["Node.js", "NodeJS", "node.js", "Node", "JavaScript", "JS"] {
            assert_eq!(names(s), vec!["JavaScript / Node.js"], "{s}");
        }
        assert_eq!(names("Postgres"), vec!["PostgreSQL"]);
        assert_eq!(names("PostgreSQL"), vec!["PostgreSQL"]);
        assert_eq!(names("k8s and Kubernetes"), vec!["Kubernetes"]);
        assert_eq!(names("Amazon Web Services (AWS)"), vec!["AWS"]);
        assert_eq!(
            names("Google Cloud Platform (GCP)"),
            vec!["Google Cloud (GCP)"]
        );
        assert_eq!(names("CI/CD pipelines"), vec!["CI/CD"]);
    }

    #[test]
    fn lower_case_node_is_not_the_runtime() {
        assert!(names("each node in the cluster stores a shard").is_empty());
        assert!(names("a tree node").is_empty());
    }

    #[test]
    fn js_suffix_of_other_libraries_is_not_javascript() {
        assert!(!has("We build the UI with Vue.js", "JavaScript / Node.js"));
        assert!(has("Write JS daily", "JavaScript / Node.js"));
        assert!(has("TypeScript or TS", "TypeScript"));
        assert!(!has("the ts file", "TypeScript"));
    }

    #[test]
    fn java_is_not_javascript() {
        assert_eq!(
            names("JavaScript developers are in demand"),
            vec!["JavaScript / Node.js"]
        );
        assert_eq!(
            names("Java and JavaScript"),
            vec!["Java", "JavaScript / Node.js"]
        );
    }

    #[test]
    fn sql_inside_other_words_and_longer_names() {
        assert_eq!(names("NoSQL stores"), vec!["NoSQL"]);
        assert_eq!(names("MySQL"), vec!["MySQL"]);
        assert_eq!(names("Microsoft SQL Server"), vec!["SQL Server"]);
        assert_eq!(names("Prevent SQL injection"), vec!["SQL injection"]);
        assert_eq!(
            names("SQL (like PostgreSQL, MySQL)"),
            vec!["SQL", "PostgreSQL", "MySQL"]
        );
        // The synonym table folds "SQL databases" into "database": the words still name SQL.
        assert_eq!(names("both SQL databases and caches"), vec!["SQL"]);
        assert!(names("relational databases").is_empty());
        // A multi-word name never spans a comma.
        assert_eq!(names("Tools: SQL, Server logs"), vec!["SQL"]);
    }

    #[test]
    fn go_the_language_not_the_verb() {
        for yes in [
            "Go",
            "- Go",
            "Python, Go, or Ruby",
            "Go: High-performance systems",
            "Golang",
            "golang services",
            "Go is fast",
        ] {
            assert!(has(yes, "Go"), "{yes}");
        }
        for no in [
            "go to the docs",
            "Go to the docs first.",
            "Go-to tools for beginners",
            "let's go",
            "Go beyond tutorials and build things.",
            "you should go further",
        ] {
            assert!(!has(no, "Go"), "{no}");
        }
    }

    #[test]
    fn rust_only_capitalised() {
        assert!(has("Python, Java, or Rust", "Rust"));
        assert!(!has("rust on old pipes", "Rust"));
    }

    #[test]
    fn express_alone_only_inside_a_sentence_or_as_an_item() {
        assert!(has("Express.js and NestJS (Node.js)", "Express.js"));
        assert_eq!(
            names("Express.js and NestJS (Node.js)"),
            vec!["Express.js", "NestJS", "JavaScript / Node.js"]
        );
        assert!(has("ExpressJS", "Express.js"));
        assert!(has("APIs in Node.js with Express", "Express.js"));
        assert!(has("- Express", "Express.js"));
        assert!(!has("Express your ideas clearly.", "Express.js"));
        assert!(!has(
            "Managers value people who express ideas.",
            "Express.js"
        ));
        assert!(!has(
            "Then express concerns. Express them early.",
            "Express.js"
        ));
    }

    #[test]
    fn spring_alone_only_the_framework() {
        assert!(has("Spring Boot (Java)", "Spring Boot"));
        assert!(has("Java services on Spring", "Spring Boot"));
        assert!(!has("Spring is the busiest hiring season.", "Spring Boot"));
        assert!(!has("Apply for Spring 2026 internships", "Spring Boot"));
        assert!(!has("Many firms hire in Spring semester", "Spring Boot"));
        assert!(!has("a spring in your step", "Spring Boot"));
    }

    #[test]
    fn rails_alone_only_the_framework() {
        assert_eq!(names("Ruby on Rails"), vec!["Ruby on Rails"]);
        assert!(has("apps built with Rails", "Ruby on Rails"));
        assert!(!has("guard rails for juniors", "Ruby on Rails"));
        assert_eq!(names("Ruby, Rails"), vec!["Ruby", "Ruby on Rails"]);
    }

    #[test]
    fn rest_only_the_api_style() {
        assert!(has("REST APIs", "REST"));
        assert!(has("RESTful services", "REST"));
        assert!(has("Restful services", "REST"));
        assert!(!has("the rest of the team", "REST"));
        assert!(!has("Rest assured, it pays.", "REST"));
    }

    #[test]
    fn dotnet_and_csharp() {
        assert_eq!(names("C# (.NET)"), vec!["C# / .NET"]);
        assert_eq!(names(".NET developers"), vec!["C# / .NET"]);
        assert_eq!(names("ASP.NET Core"), vec!["ASP.NET Core"]);
        assert!(names("the net effect").is_empty());
    }

    #[test]
    fn docker_is_not_every_container() {
        assert_eq!(names("Docker and Kubernetes"), vec!["Docker", "Kubernetes"]);
        assert_eq!(names("containerization technologies"), vec!["Containers"]);
    }

    #[test]
    fn git_github_and_version_control_are_apart() {
        assert_eq!(names("Git"), vec!["Git"]);
        assert_eq!(
            names("GitHub code links"),
            vec!["GitHub / GitLab / Bitbucket"]
        );
        assert_eq!(names("GitLab"), vec!["GitHub / GitLab / Bitbucket"]);
        assert_eq!(names("Bitbucket"), vec!["GitHub / GitLab / Bitbucket"]);
        assert_eq!(names("version control systems"), vec!["Version control"]);
        assert_eq!(
            names("Version control with Git"),
            vec!["Version control", "Git"]
        );
    }

    #[test]
    fn communication_the_soft_skill_not_data() {
        for yes in [
            "Communication skills",
            "- Communication",
            "cultivating strong communication and teamwork abilities",
            "test a candidate’s ability to communicate and collaborate effectively",
            "lack of clarity in communication.",
        ] {
            assert!(has(yes, "Communication"), "{yes}");
        }
        for no in [
            "Build APIs that allow communication between the front end and the server.",
            "APIs connect different software components, enabling communication.",
            "Modern applications communicate through APIs.",
            "lets your systems communicate seamlessly",
            "business logic that communicates with databases",
        ] {
            assert!(!has(no, "Communication"), "{no}");
        }
    }

    #[test]
    fn analytical_is_not_analytics() {
        assert!(!has(
            "Businesses rely on data analytics.",
            "Analytical thinking"
        ));
        assert!(has("strong analytical skills", "Analytical thinking"));
        assert!(has("Analytical problem-solving", "Analytical thinking"));
        assert!(has("Analytical problem-solving", "Problem-solving"));
    }

    #[test]
    fn authorization_is_not_author() {
        assert!(has(
            "authentication and authorization protocols",
            "Authentication & authorization"
        ));
        assert!(has("Authorization", "Authentication & authorization"));
        assert!(!has(
            "the author of this guide",
            "Authentication & authorization"
        ));
    }

    #[test]
    fn oracle_and_postman_only_the_products() {
        assert!(has("Oracle Database", "Oracle Database"));
        assert!(has("Oracle and MySQL", "Oracle Database"));
        assert!(!has("ask the oracle", "Oracle Database"));
        assert!(has("Postman collections", "Postman"));
        assert!(!has("the postman rang", "Postman"));
    }

    #[test]
    fn shared_list_heads() {
        assert_eq!(
            names("Comfort with unit, integration, and end-to-end testing frameworks"),
            vec!["Unit testing", "Integration testing", "End-to-end testing"]
        );
        assert_eq!(
            names("including unit and integration tests"),
            vec!["Unit testing", "Integration testing"]
        );
        assert_eq!(names("Writing unit tests"), vec!["Unit testing"]);
        assert!(names("unit, integration").is_empty());
        // The leading word must be a list item of its own.
        assert!(!has("unit economics and testing", "Unit testing"));
        // The list must not run into another clause.
        assert!(!has(
            "unit; the rest is integration testing",
            "Unit testing"
        ));
        let lex = Lexicon::shared();
        let line = "unit, integration, and end-to-end testing";
        let hits = lex.find(line);
        assert_eq!(&line[hits[0].start..hits[0].end], line);
    }

    #[test]
    fn testing_word_alone_but_not_coding_tests() {
        assert!(has("Testing and debugging", "Software testing"));
        assert!(!has("Coding tests", "Software testing"));
    }

    // --- text helpers --------------------------------------------------------

    #[test]
    fn sentence_splitting() {
        let t = "U.S. salaries vary. Entry-level roles start at $81,000, e.g. in Ohio. Next one!";
        let got: Vec<&str> = sentences(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            got,
            vec![
                "U.S. salaries vary.",
                "Entry-level roles start at $81,000, e.g. in Ohio.",
                "Next one!"
            ]
        );
        let t = "Interviews test this skill through API design challenges.Well-designed APIs help. Node.js and ASP.NET stay whole.";
        let got: Vec<&str> = sentences(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got[0].ends_with("challenges."));
        let t = "reframe it as “Designed APIs.” Align your resume.";
        let got: Vec<&str> = sentences(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            got,
            vec!["reframe it as “Designed APIs.”", "Align your resume."]
        );
    }

    #[test]
    fn list_markers() {
        for (line, content) in [
            ("• Junior: x", "Junior: x"),
            ("  • Junior: x", "Junior: x"),
            ("- Go", "Go"),
            ("1. Gain relevant education", "Gain relevant education"),
            ("12) Ship", "Ship"),
            ("-5 degrees", "-5 degrees"),
            ("2026 is here", "2026 is here"),
            ("Plain", "Plain"),
        ] {
            assert_eq!(&line[strip_marker(line)..], content, "{line}");
        }
    }

    #[test]
    fn heading_line_counts_when_the_passage_starts_at_it() {
        let p = passage_in(
            "Skill #1: Programming (Python/Java)",
            9,
            "Write code daily.",
        );
        let m = extract_mentions(&p);
        assert_eq!(
            m.iter()
                .map(|m| (m.skill.as_str(), m.citation.line))
                .collect::<Vec<_>>(),
            vec![("Python", 9), ("Java", 9)]
        );
        // A later part of a split section does not repeat its heading.
        let p = passage_in(
            "Skill #1: Programming (Python/Java)",
            10,
            "Write code daily.",
        );
        assert!(extract_mentions(&p).is_empty());
    }

    // --- expectations --------------------------------------------------------

    fn exps(text: &str) -> Vec<(Level, ExpectationForm, String)> {
        extract_expectations(&passage(text))
            .into_iter()
            .map(|e| (e.level, e.form, e.text))
            .collect()
    }

    #[test]
    fn expectations_from_tables_labels_and_clauses() {
        use ExpectationForm::*;
        use Level::*;
        let got = exps(
            "| Experience Level | Core Skill Focus | Key Expectations |\n|---|---|---|\n| Entry Level | Basic programming | Develop simple APIs |\n| Senior Level | System architecture | Lead decisions, mentor others |",
        );
        assert_eq!(
            got,
            vec![
                (
                    Entry,
                    TableRow,
                    "Basic programming | Develop simple APIs".into()
                ),
                (
                    Senior,
                    TableRow,
                    "System architecture | Lead decisions, mentor others".into()
                ),
            ]
        );
        let got = exps(
            "• Junior back-end developer: Focus on learning core languages and databases.\n• Lead principal or architect roles: These positions involve steering architectures.",
        );
        assert_eq!(got[0].0, Entry);
        assert_eq!(got[0].1, Labelled);
        assert_eq!(got[0].2, "Focus on learning core languages and databases.");
        assert_eq!(got[1].0, Lead);
        let got = exps(
            "For instance, a senior developer might design the architecture, while a junior developer might focus on features. Junior developers are expected to deliver reliable code. Mid-level developers take on more complex projects.",
        );
        assert_eq!(
            got,
            vec![
                (
                    Senior,
                    Sentence,
                    "a senior developer might design the architecture".into()
                ),
                (
                    Entry,
                    Sentence,
                    "a junior developer might focus on features.".into()
                ),
                (
                    Entry,
                    Sentence,
                    "Junior developers are expected to deliver reliable code.".into()
                ),
                (
                    Mid,
                    Sentence,
                    "Mid-level developers take on more complex projects.".into()
                ),
            ]
        );
        let got =
            exps("• Experience with Docker is increasingly expected in mid-to-senior positions.");
        assert_eq!(
            got.iter().map(|g| g.0).collect::<Vec<_>>(),
            vec![Mid, Senior]
        );
        let got = exps("Career advancement to senior roles often requires a solid portfolio.");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, Senior);
    }

    #[test]
    fn pay_lines_are_not_expectations() {
        for text in [
            "Entry-level: $75,000 – $95,000 per year",
            "Entry-level roles typically start around $81,000, while experienced developers often earn well over $120,000.",
            "Senior developers earn $150,000.",
            "The senior engineer left early.",
            "Compensation growth is significant, with senior and lead roles commanding higher salaries.",
        ] {
            assert!(exps(text).is_empty(), "{text}: {:?}", exps(text));
        }
    }

    // --- the answer ----------------------------------------------------------

    fn guide(source: &str, section: &str, text: &str) -> Passage {
        let mut p = passage_in(section, 10, text);
        p.source = source.into();
        p
    }

    #[test]
    fn ordering_by_guides_then_mentions_then_name() {
        let ps = vec![
            guide(
                "a.txt",
                "S",
                "MySQL and Redis\nRedis again\nRedis and MySQL again",
            ),
            guide("b.txt", "S", "MongoDB and MySQL\nMongoDB"),
            guide("c.txt", "S", "Redis, Cassandra"),
        ];
        let a = skills_answer(&ps, Topic::Databases, None);
        let got: Vec<(&str, u32, u32)> = a
            .skills
            .iter()
            .map(|s| (s.name.as_str(), s.guides, s.mentions))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Redis", 2, 4),
                ("MySQL", 2, 3),
                ("MongoDB", 1, 2),
                ("Cassandra", 1, 1),
            ]
        );
        // One mention per line, however often the line names it.
        let ps = vec![guide("a.txt", "S", "Redis, Redis and Redis")];
        assert_eq!(
            skills_answer(&ps, Topic::Databases, None).skills[0].mentions,
            1
        );
        // The same passage twice counts once.
        let p = guide("a.txt", "S", "Redis");
        assert_eq!(
            skills_answer(&[p.clone(), p], Topic::Databases, None).skills[0].mentions,
            1
        );
        assert!(skills_answer(&ps, Topic::Security, None).is_empty());
        assert!(skills_answer(&ps, Topic::All, None).skills.len() == 1);
    }

    #[test]
    fn best_passages_by_distinct_skills_then_shorter() {
        let ps = vec![
            guide(
                "a.txt",
                "Long",
                "MySQL and Redis, two stores that many teams run side by side.",
            ),
            guide("b.txt", "Short", "MySQL and Redis."),
            guide("c.txt", "One", "MongoDB MongoDB MongoDB"),
            guide("d.txt", "Three", "MySQL, Redis, MongoDB"),
            guide("e.txt", "None", "Python"),
        ];
        let a = skills_answer(&ps, Topic::Databases, None);
        let got: Vec<&str> = a.passages.iter().map(|p| p.section.as_str()).collect();
        assert_eq!(got, vec!["Three", "Short", "Long"]);
        assert_eq!(a.passages[0].skills, vec!["MySQL", "Redis", "MongoDB"]);
    }

    #[test]
    fn json_items_carry_their_citation() {
        let ps = vec![guide(
            "a.txt",
            "S",
            "Docker\nJunior developers are expected to ship Docker images.",
        )];
        let a = skills_answer(&ps, Topic::CloudDevops, Some(Level::Entry));
        let v = serde_json::to_value(&a).unwrap();
        assert_eq!(v["topic"], "cloud_devops");
        assert_eq!(v["level"], "entry");
        for item in v["skills"][0]["citations"]
            .as_array()
            .unwrap()
            .iter()
            .chain(v["passages"].as_array().unwrap())
            .chain(v["expectations"].as_array().unwrap())
        {
            for key in ["source", "line", "start_line", "end_line"] {
                assert!(
                    item[key].is_string() || item[key].is_u64(),
                    "{key} in {item}"
                );
            }
        }
        assert_eq!(v["expectations"][0]["form"], "sentence");
        let back: SkillsAnswer = serde_json::from_value(v).unwrap();
        assert_eq!(back, a);
        let m = serde_json::to_value(&extract_mentions(&ps[0])[0]).unwrap();
        assert_eq!(m["skill"], "Docker");
        assert_eq!(m["line"], 10);
        assert_eq!(m["surface"], "Docker");
    }

    #[test]
    fn summary_line() {
        let ps = vec![
            guide("a.txt", "S", "Redis"),
            guide("b.txt", "S", "Redis and MySQL"),
        ];
        let a = skills_answer(&ps, Topic::Databases, None);
        assert_eq!(
            a.summary(),
            "Databases the guides name, most cited first: Redis (2 guides), MySQL (1 guide)."
        );
        let a = skills_answer(&ps, Topic::Security, None);
        assert_eq!(a.summary(), "The guides name no skills under security.");
    }

    // --- the five seed guides ------------------------------------------------

    const SEEDS: [&str; 5] = [
        "000_84c8862ccb5e7127.txt",
        "001_2be4012d68e4b72e.txt",
        "002_aa806d2299f069f1.txt",
        "003_7297c4eb2c1aaf2e.txt",
        "004_ce589c6dcabf1bae.txt",
    ];

    fn seed_text(name: &str) -> String {
        let path = format!("{}/seeds/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn all_seed_passages() -> Vec<Passage> {
        let manifest = crate::corpus::Manifest::default();
        SEEDS
            .iter()
            .flat_map(|name| {
                crate::corpus::parse_guide(name, seed_text(name).as_bytes(), &manifest)
                    .unwrap_or_else(|e| panic!("{name}: {e}"))
                    .passages
            })
            .collect()
    }

    fn source_line(source: &str, line: u32) -> String {
        seed_text(source)
            .lines()
            .nth(line as usize - 1)
            .unwrap_or_else(|| panic!("{source}:{line} past the end"))
            .to_string()
    }

    fn terms(text: &str) -> HashSet<String> {
        Analyzer::shared()
            .analyze(text)
            .into_iter()
            .map(|t| t.text.to_string())
            .collect()
    }

    #[test]
    fn seed_every_mention_is_on_its_cited_line() {
        let lex = Lexicon::shared();
        let a = skills_answer(&all_seed_passages(), Topic::All, Some(Level::Overall));
        assert!(a.skills.len() > 50, "{}", a.skills.len());
        for s in &a.skills {
            let info = lex.skills().iter().find(|i| i.name == s.name).unwrap();
            let form_terms: HashSet<String> = info.forms.iter().flat_map(|f| terms(f)).collect();
            let sources: BTreeSet<&str> = s.citations.iter().map(|c| c.source.as_str()).collect();
            assert_eq!(s.guides as usize, sources.len(), "{}", s.name);
            assert_eq!(s.mentions as usize, s.citations.len(), "{}", s.name);
            for c in &s.citations {
                let line = source_line(&c.source, c.line);
                assert!(
                    line.contains(&c.surface),
                    "{}: {:?} not on {}:{} {line:?}",
                    s.name,
                    c.surface,
                    c.source,
                    c.line
                );
                assert!(c.start_line <= c.line && c.line <= c.end_line, "{c:?}");
                // The surface is one of the skill's forms, as the analyzer reads both.
                assert!(
                    terms(&c.surface).iter().any(|t| form_terms.contains(t)),
                    "{}: {:?}",
                    s.name,
                    c.surface
                );
            }
        }
        // Ordered by guides, then mentions, then name.
        for w in a.skills.windows(2) {
            assert!(
                (w[0].guides, w[0].mentions) >= (w[1].guides, w[1].mentions),
                "{} before {}",
                w[0].name,
                w[1].name
            );
        }
    }

    #[test]
    fn seed_databases_topic() {
        let a = skills_answer(&all_seed_passages(), Topic::Databases, None);
        let guides = |name: &str| {
            a.skills
                .iter()
                .find(|s| s.name == name)
                .unwrap_or_else(|| panic!("{name} missing: {:?}", a.skills))
                .guides
        };
        for db in ["PostgreSQL", "MySQL", "MongoDB"] {
            assert!(guides(db) >= 3, "{db}");
        }
        assert!(guides("Redis") >= 3);
        for db in [
            "SQL Server",
            "Oracle Database",
            "Firebase",
            "Cassandra",
            "NoSQL",
        ] {
            assert!(guides(db) >= 1, "{db}");
        }
        assert!(a.skills.iter().all(|s| s.topic == Topic::Databases));
        // 003's database list names the most distinct databases.
        let best = &a.passages[0];
        assert!(best.source.starts_with("003"), "{best:?}");
        assert!(best.skills.len() >= 8);
        assert!(a.passages.len() >= 2 && a.passages.len() <= BEST_PASSAGES);
        for w in a.passages.windows(2) {
            assert!(w[0].skills.len() >= w[1].skills.len());
        }
        for p in &a.passages {
            assert!(p.start_line <= p.line && p.line <= p.end_line);
        }
    }

    #[test]
    fn seed_languages_topic() {
        let a = skills_answer(&all_seed_passages(), Topic::Languages, None);
        let get = |name: &str| a.skills.iter().find(|s| s.name == name).unwrap();
        assert_eq!(get("Python").guides, 5);
        assert_eq!(get("Java").guides, 5);
        assert_eq!(get("JavaScript / Node.js").guides, 5);
        assert_eq!(get("Go").guides, 4);
        assert!(get("Go").citations.iter().all(|c| c.surface == "Go"));
        assert_eq!(get("C# / .NET").guides, 3);
        assert_eq!(get("Rust").guides, 1);
        assert!(get("SQL").guides >= 3);
        // "SQL" inside "NoSQL", "MySQL", "SQL Server", "SQL injection" is not the SQL language.
        for c in &get("SQL").citations {
            let line = source_line(&c.source, c.line);
            assert!(
                line.replace("NoSQL", "")
                    .replace("MySQL", "")
                    .replace("SQL Server", "")
                    .replace("SQL injection", "")
                    .contains("SQL"),
                "{c:?}"
            );
        }
        assert_eq!(a.skills[0].name, "Python");
    }

    #[test]
    fn seed_other_topics() {
        let ps = all_seed_passages();
        let top = |t: Topic| -> Vec<String> {
            skills_answer(&ps, t, None)
                .skills
                .iter()
                .map(|s| s.name.clone())
                .collect()
        };
        let fw = top(Topic::Frameworks);
        for f in [
            "Django",
            "Flask",
            "Spring Boot",
            "Express.js",
            "NestJS",
            "ASP.NET Core",
            "Laravel",
            "Ruby on Rails",
        ] {
            assert!(fw.contains(&f.to_string()), "{f}: {fw:?}");
        }
        let cloud = top(Topic::CloudDevops);
        for f in [
            "AWS",
            "Azure",
            "Google Cloud (GCP)",
            "Docker",
            "Kubernetes",
            "CI/CD",
            "Linux",
            "Jenkins",
            "Microservices",
            "DevOps",
        ] {
            assert!(cloud.contains(&f.to_string()), "{f}: {cloud:?}");
        }
        let apis = top(Topic::Apis);
        for f in [
            "REST",
            "GraphQL",
            "gRPC",
            "JSON",
            "API design & development",
        ] {
            assert!(apis.contains(&f.to_string()), "{f}: {apis:?}");
        }
        let sec = top(Topic::Security);
        for f in [
            "OAuth",
            "JWT",
            "Encryption",
            "Authentication & authorization",
            "SQL injection",
            "Cross-site scripting (XSS)",
            "CSRF",
        ] {
            assert!(sec.contains(&f.to_string()), "{f}: {sec:?}");
        }
        let testing = top(Topic::Testing);
        for f in ["Unit testing", "Integration testing", "End-to-end testing"] {
            assert!(testing.contains(&f.to_string()), "{f}: {testing:?}");
        }
        let tools = top(Topic::Tools);
        for f in [
            "Git",
            "GitHub / GitLab / Bitbucket",
            "VS Code",
            "Postman",
            "Nginx",
            "RabbitMQ",
            "Elasticsearch",
            "Grafana",
            "Prometheus",
        ] {
            assert!(tools.contains(&f.to_string()), "{f}: {tools:?}");
        }
        let soft = top(Topic::SoftSkills);
        for f in [
            "Communication",
            "Teamwork & collaboration",
            "Problem-solving",
            "Time management",
            "Adaptability",
            "Analytical thinking",
            "Attention to detail",
        ] {
            assert!(soft.contains(&f.to_string()), "{f}: {soft:?}");
        }
        assert!(!soft.is_empty() && soft.len() < top(Topic::All).len());
    }

    #[test]
    fn seed_level_expectations() {
        let ps = all_seed_passages();
        let at = |level: Level| skills_answer(&ps, Topic::All, Some(level)).expectations;
        let find =
            |es: &[LevelExpectation], src: &str, line: u32, needle: &str, form: ExpectationForm| {
                es.iter().any(|e| {
                    e.source.starts_with(src)
                        && e.line == line
                        && e.text.contains(needle)
                        && e.form == form
                })
            };
        use ExpectationForm::*;
        let entry = at(Level::Entry);
        assert!(entry.iter().all(|e| e.level == Level::Entry));
        assert!(find(
            &entry,
            "002",
            58,
            "Basic programming proficiency | Develop simple APIs",
            TableRow
        ));
        assert!(find(
            &entry,
            "001",
            58,
            "Focus on learning core programming languages",
            Labelled
        ));
        assert!(find(
            &entry,
            "002",
            64,
            "Junior developers are expected to deliver reliable code",
            Sentence
        ));
        assert!(find(
            &entry,
            "004",
            28,
            "a junior developer might focus on implementing specific features",
            Sentence
        ));
        let mid = at(Level::Mid);
        assert!(find(&mid, "002", 59, "Complex API design", TableRow));
        assert!(find(
            &mid,
            "001",
            59,
            "Expect to stay in this role",
            Labelled
        ));
        assert!(find(
            &mid,
            "002",
            64,
            "Mid-level developers take on more complex projects",
            Sentence
        ));
        assert!(find(
            &mid,
            "004",
            16,
            "expected in mid-to-senior positions",
            Sentence
        ));
        let senior = at(Level::Senior);
        assert!(find(
            &senior,
            "002",
            60,
            "System architecture | Lead technical decisions",
            TableRow
        ));
        assert!(find(
            &senior,
            "001",
            60,
            "over five years of experience",
            Labelled
        ));
        assert!(find(
            &senior,
            "004",
            28,
            "a senior developer might be tasked with designing",
            Sentence
        ));
        assert!(find(
            &senior,
            "004",
            15,
            "Career advancement to senior roles often requires",
            Sentence
        ));
        let lead = at(Level::Lead);
        assert!(find(
            &lead,
            "004",
            32,
            "A lead developer might architect a distributed database system",
            Sentence
        ));
        assert!(find(
            &lead,
            "001",
            61,
            "steering entire backend architectures",
            Labelled
        ));
        let all = at(Level::Overall);
        assert_eq!(
            all.len(),
            entry.len() + mid.len() + senior.len() + lead.len()
        );
        for e in &all {
            let line = source_line(&e.source, e.line);
            assert!(line.contains(&e.text), "{e:?} not on {line:?}");
            assert!(!e.text.contains('$'), "{e:?}");
            assert!(e.start_line <= e.line && e.line <= e.end_line);
        }
        // No level: no expectations.
        assert!(skills_answer(&ps, Topic::All, None).expectations.is_empty());
    }
}
