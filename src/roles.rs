//! Reading occupations in questions, from data (`assets/roles.toml`): the phrases that put a role
//! in a slot ("become a …", "… earn", "cuánto gana un …"), the words that end a role, the
//! occupations and agent-noun endings that make a word an occupation, and other names of careers.
//! Pure text: which careers the library covers and which words its index holds are the engine's
//! to weigh (`engine::scope`).

use std::collections::HashSet;
use std::sync::Arc;

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::analysis::Analyzer;

/// Most words a role may have.
const MAX_ROLE_WORDS: usize = 4;
/// A word must be this many letters longer than an agent ending to be read as one.
const MIN_STEM_LETTERS: usize = 3;
/// The slot of a pattern.
const SLOT: &str = "{role}";

/// Why a roles table cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid roles table: {0}")]
pub struct RolesError(pub String);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RolesFile {
    patterns: Vec<String>,
    bounds: Vec<String>,
    agent_endings: Vec<String>,
    #[serde(default)]
    not_occupations: Vec<String>,
    occupations: Vec<String>,
    #[serde(default)]
    alias: Vec<AliasEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AliasEntry {
    career: String,
    forms: Vec<String>,
}

/// One word of a pattern: any of its alternatives (folded), perhaps optional.
#[derive(Debug, Clone)]
struct Slot {
    any_of: Vec<String>,
    optional: bool,
}

/// A pattern: the words before its role slot and after it.
#[derive(Debug, Clone)]
struct Pattern {
    before: Vec<Slot>,
    after: Vec<Slot>,
}

/// A listed occupation, read with the analyzer.
#[derive(Debug, Clone)]
pub struct Occupation {
    /// As listed.
    pub name: String,
    /// Its analysed terms.
    pub terms: Vec<Arc<str>>,
}

/// Other names of a career, read with the analyzer.
#[derive(Debug, Clone)]
pub struct Alias {
    /// The career's name as guides give it.
    pub career: String,
    /// Each form's analysed terms.
    pub forms: Vec<Vec<Arc<str>>>,
}

/// A role a question puts in a pattern's slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    /// The words as the question writes them.
    pub text: String,
    /// Its last word, folded (lower case, no accents).
    pub head: String,
}

/// The roles table.
#[derive(Debug)]
pub struct RoleTable {
    patterns: Vec<Pattern>,
    bounds: HashSet<String>,
    endings: Vec<String>,
    /// Folded one-word occupations.
    single: HashSet<String>,
    /// Folded words that end like an agent noun but name how or at what stage one works.
    not_occupations: HashSet<String>,
    occupations: Vec<Occupation>,
    aliases: Vec<Alias>,
}

/// Lower case without accents ("Cuánto" → "cuanto").
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

fn analysed(analyzer: &Analyzer, text: &str) -> Vec<Arc<str>> {
    analyzer.analyze(text).into_iter().map(|t| t.text).collect()
}

impl RoleTable {
    /// Parses a roles table (the format of `assets/roles.toml`), reading its occupations and
    /// aliases with `analyzer`.
    ///
    /// # Errors
    /// When the TOML is invalid, a pattern has no slot or several, or nothing around it.
    pub fn from_toml(text: &str, analyzer: &Analyzer) -> Result<RoleTable, RolesError> {
        let file: RolesFile = toml::from_str(text).map_err(|e| RolesError(e.to_string()))?;
        let patterns = file
            .patterns
            .iter()
            .map(|p| parse_pattern(p))
            .collect::<Result<Vec<_>, _>>()?;
        let occupations = file
            .occupations
            .iter()
            .map(|o| Occupation {
                name: o.clone(),
                terms: analysed(analyzer, o),
            })
            .filter(|o| !o.terms.is_empty())
            .collect();
        let single = file
            .occupations
            .iter()
            .filter(|o| !o.contains(char::is_whitespace))
            .map(|o| fold(o))
            .collect();
        let aliases = file
            .alias
            .into_iter()
            .map(|a| Alias {
                forms: a
                    .forms
                    .iter()
                    .map(|f| analysed(analyzer, f))
                    .filter(|f| !f.is_empty())
                    .collect(),
                career: a.career,
            })
            .collect();
        Ok(RoleTable {
            patterns,
            bounds: file.bounds.iter().map(|b| fold(b)).collect(),
            endings: file.agent_endings.iter().map(|e| fold(e)).collect(),
            single,
            not_occupations: file.not_occupations.iter().map(|w| fold(w)).collect(),
            occupations,
            aliases,
        })
    }

    /// The listed occupations.
    pub fn occupations(&self) -> &[Occupation] {
        &self.occupations
    }

    /// The analysed forms of the other names of `career` (compared in any case).
    pub fn aliases_of<'a>(&'a self, career: &'a str) -> impl Iterator<Item = &'a [Arc<str>]> + 'a {
        self.aliases
            .iter()
            .filter(move |a| a.career.eq_ignore_ascii_case(career))
            .flat_map(|a| a.forms.iter().map(Vec::as_slice))
    }

    /// Whether a folded word names an occupation: a listed one, or a longer word with an agent
    /// ending ("firefighters", "biologist", "bombero") that is not a way of working
    /// ("freelancer", "beginner").
    pub fn is_occupation_word(&self, folded: &str) -> bool {
        if self.single.contains(folded) {
            return true;
        }
        // The ending first: most words have none, and this runs on every word of every guide.
        let Some(ending) = self.endings.iter().find(|e| folded.ends_with(e.as_str())) else {
            return false;
        };
        folded.chars().count() >= ending.chars().count() + MIN_STEM_LETTERS
            && folded.chars().all(char::is_alphabetic)
            && !self.not_occupations.contains(folded)
    }

    /// The occupation a folded word names, in the singular, when it names one ("designers" →
    /// "designer", "enfermeras" → "enfermera", "programadores" → "programador"). Guides and
    /// questions are compared by this form, since the stemmer reads some occupations as the
    /// work they do ("designer" → "design").
    pub fn occupation_form(&self, folded: &str) -> Option<String> {
        let singular = ["s", "es"]
            .iter()
            .filter_map(|end| folded.strip_suffix(end))
            .find(|stem| self.is_occupation_word(stem));
        match singular {
            Some(stem) => Some(stem.to_string()),
            None => self.is_occupation_word(folded).then(|| folded.to_string()),
        }
    }

    /// The roles a question puts in the patterns' slots, in order, each once.
    pub fn roles(&self, question: &str) -> Vec<Role> {
        let words = split(question);
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for p in &self.patterns {
            if p.before.is_empty() {
                // "{role} earn": tried at every word where the trailing words match.
                self.fill(p, &words, 0, &mut spans);
                continue;
            }
            for start in 0..words.len() {
                for from in matches(&p.before, &words, start) {
                    self.fill(p, &words, from, &mut spans);
                }
            }
        }
        spans.sort_unstable();
        spans.dedup();
        spans
            .into_iter()
            .map(|(a, b)| Role {
                text: question[words[a].start..words[b - 1].end].to_string(),
                head: words[b - 1].folded.clone(),
            })
            .collect()
    }

    /// The roles pattern `p` gives with its leading words matched up to word `from`.
    fn fill(&self, p: &Pattern, words: &[Word], from: usize, spans: &mut Vec<(usize, usize)>) {
        let open = |k: usize| k < words.len() && self.role_word(&words[k]);
        match (p.before.is_empty(), p.after.is_empty()) {
            // "become a {role}": forward from `from`.
            (false, true) => {
                let mut end = from;
                while open(end)
                    && end - from < MAX_ROLE_WORDS
                    && (end == from || !words[end].breaks)
                {
                    end += 1;
                }
                if end > from && !words.get(from).is_some_and(|w| w.breaks) {
                    spans.push((from, end));
                }
            }
            // "what does a {role} do": the shortest role the trailing words follow.
            (false, false) => {
                if words.get(from).is_some_and(|w| w.breaks) {
                    return;
                }
                let mut end = from;
                while open(end)
                    && end - from < MAX_ROLE_WORDS
                    && (end == from || !words[end].breaks)
                {
                    end += 1;
                    let next_breaks = words.get(end).is_some_and(|w| w.breaks);
                    if !next_breaks && !matches(&p.after, words, end).is_empty() {
                        spans.push((from, end));
                        return;
                    }
                }
            }
            // "{role} earn": back from every place the trailing words match.
            (true, _) => {
                for at in 1..words.len() {
                    if words[at].breaks || matches(&p.after, words, at).is_empty() {
                        continue;
                    }
                    let mut start = at;
                    while start > 0
                        && at - start < MAX_ROLE_WORDS
                        && self.role_word(&words[start - 1])
                        && (start == at || !words[start].breaks)
                    {
                        start -= 1;
                    }
                    if start < at {
                        spans.push((start, at));
                    }
                }
            }
        }
    }

    /// Whether a word can be part of a role: not a bound, not a number.
    fn role_word(&self, w: &Word) -> bool {
        !self.bounds.contains(&w.folded) && !w.folded.chars().all(|c| c.is_ascii_digit())
    }
}

fn parse_pattern(p: &str) -> Result<Pattern, RolesError> {
    let tokens: Vec<&str> = p.split_whitespace().collect();
    let slots = tokens.iter().filter(|t| **t == SLOT).count();
    if slots != 1 {
        return Err(RolesError(format!(
            "pattern {p:?} must hold {SLOT} exactly once"
        )));
    }
    let at = tokens.iter().position(|t| *t == SLOT).unwrap_or(0);
    let slot = |t: &&str| {
        let (t, optional) = match t.strip_suffix('?') {
            Some(t) => (t, true),
            None => (*t, false),
        };
        Slot {
            any_of: t.split('|').filter(|w| !w.is_empty()).map(fold).collect(),
            optional,
        }
    };
    let pattern = Pattern {
        before: tokens[..at].iter().map(slot).collect(),
        after: tokens[at + 1..].iter().map(slot).collect(),
    };
    if pattern
        .before
        .iter()
        .chain(&pattern.after)
        .all(|s| s.optional)
    {
        return Err(RolesError(format!(
            "pattern {p:?} needs a word that is not optional"
        )));
    }
    Ok(pattern)
}

/// A word of a question.
#[derive(Debug, Clone)]
struct Word {
    folded: String,
    start: usize,
    end: usize,
    /// Punctuation stands between it and the word before.
    breaks: bool,
}

/// A question's words: letters and digits, with `-` and `'` inside a word kept ("back-end",
/// "entry-level"); punctuation between two words marks the second.
fn split(text: &str) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut start: Option<usize> = None;
    let mut pending_break = false;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(at, c)) in chars.iter().enumerate() {
        let joiner = matches!(c, '-' | '\'' | '’')
            && start.is_some()
            && chars.get(k + 1).is_some_and(|(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || joiner {
            start.get_or_insert(at);
            continue;
        }
        if let Some(s) = start.take() {
            words.push(Word {
                folded: fold(&text[s..at]),
                start: s,
                end: at,
                breaks: std::mem::take(&mut pending_break),
            });
        }
        if !c.is_whitespace() {
            pending_break = true;
        }
    }
    if let Some(s) = start {
        words.push(Word {
            folded: fold(&text[s..]),
            start: s,
            end: text.len(),
            breaks: pending_break,
        });
    }
    words
}

/// Where the words after `slots` start when they match the question's words from `at` (every
/// way optional words allow), none when they do not. Empty slots match at once.
fn matches(slots: &[Slot], words: &[Word], at: usize) -> Vec<usize> {
    let Some((first, rest)) = slots.split_first() else {
        return vec![at];
    };
    let mut out = Vec::new();
    if first.optional {
        out.extend(matches(rest, words, at));
    }
    if let Some(w) = words.get(at)
        && first.any_of.contains(&w.folded)
        && (rest.is_empty() || !words.get(at + 1).is_some_and(|n| n.breaks))
    {
        out.extend(matches(rest, words, at + 1));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> &'static RoleTable {
        crate::answer::fixtures::vocab().roles()
    }

    fn roles(q: &str) -> Vec<String> {
        table().roles(q).into_iter().map(|r| r.text).collect()
    }

    #[test]
    fn roles_are_read_from_the_phrases_around_them() {
        for (q, role) in [
            ("How much do firefighters earn?", "firefighters"),
            (
                "How much do journeyman electricians make",
                "journeyman electricians",
            ),
            (
                "What skills does a marine biologist need?",
                "marine biologist",
            ),
            (
                "How do I become a nurse practitioner in 2026?",
                "nurse practitioner",
            ),
            ("what does a product manager do", "product manager"),
            ("Can I work remotely as a data analyst?", "data analyst"),
            ("¿Cuánto gana un bombero?", "bombero"),
            (
                "¿Cuánto gana un desarrollador frontend en España?",
                "desarrollador frontend",
            ),
            (
                "Salary of a senior back-end developer?",
                "senior back-end developer",
            ),
        ] {
            assert!(roles(q).contains(&role.to_string()), "{q}: {:?}", roles(q));
        }
    }

    #[test]
    fn questions_without_a_role_give_none() {
        for q in [
            "What is the average salary?",
            "How much can you make?",
            "What skills do I need?",
            "Is it a good career?",
            "How long does it take to go from junior to senior?",
            "salary. Firefighters",
        ] {
            assert!(roles(q).is_empty(), "{q}: {:?}", roles(q));
        }
    }

    #[test]
    fn occupation_words_by_list_or_ending() {
        let t = table();
        for w in [
            "nurse",
            "firefighters",
            "biologist",
            "physician",
            "bombero",
            "enfermera",
        ] {
            assert!(t.is_occupation_word(w), "{w}");
        }
        // "senior" ends like an agent noun but is a level.
        for w in [
            "salary",
            "ballpark",
            "her",
            "code",
            "2026",
            "freelancers",
            "beginner",
            "senior",
        ] {
            assert!(!t.is_occupation_word(w), "{w}");
        }
    }

    #[test]
    fn occupations_are_compared_in_the_singular() {
        let t = table();
        for (word, form) in [
            ("designers", "designer"),
            ("designer", "designer"),
            ("nurses", "nurse"),
            ("enfermeras", "enfermera"),
            ("programadores", "programador"),
            ("pilots", "pilot"),
        ] {
            assert_eq!(t.occupation_form(word).as_deref(), Some(form), "{word}");
        }
        for word in ["design", "salary", "code"] {
            assert_eq!(t.occupation_form(word), None, "{word}");
        }
    }

    #[test]
    fn bad_tables_are_errors() {
        let analyzer = crate::answer::fixtures::vocab().analyzer();
        let base = "bounds = []\nagent_endings = []\noccupations = []\n";
        for patterns in [
            r#"["become a"]"#,
            r#"["{role} {role} x"]"#,
            r#"["a? {role}"]"#,
        ] {
            let text = format!("patterns = {patterns}\n{base}");
            assert!(RoleTable::from_toml(&text, analyzer).is_err(), "{patterns}");
        }
        let ok = format!("patterns = [\"as a|an {{role}}\"]\n{base}");
        assert!(RoleTable::from_toml(&ok, analyzer).is_ok());
    }
}
