//! The seniority words guides use (data: `assets/levels.toml`), found in text and mapped onto
//! the four levels, and the years of experience each level starts at; and a guide's own ladder
//! of pay levels, placed on the scale by the words it uses or, for words the table does not
//! know, by where they sit between the others.

use std::collections::HashMap;
use std::ops::Range;

use regex::Regex;
use serde::Deserialize;

use super::lazy_regex::LazyRegex;
use super::level::Level;

/// Why a level table cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid level table: {0}")]
pub struct LevelsError(pub String);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LevelsFile {
    entry: Words,
    mid: Words,
    senior: Words,
    lead: Words,
    #[serde(default)]
    exception: Vec<Exception>,
    #[serde(default)]
    roles: Roles,
    #[serde(default)]
    sequence: Roles,
    #[serde(default)]
    order: Roles,
    #[serde(default)]
    starting: Starting,
    #[serde(default)]
    dimensions: Roles,
    #[serde(default)]
    years: Option<Years>,
    #[serde(default)]
    subject: SubjectFile,
    #[serde(default)]
    negation: Roles,
}

/// `[subject]`: how the subject of a sentence about pay is found (see [`LevelWords::subject_head`]).
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct SubjectFile {
    verbs: Vec<String>,
    people: Vec<String>,
    ends: Vec<String>,
    #[serde(default)]
    openers: Vec<String>,
}

/// The years of experience each level above entry starts at.
#[derive(Deserialize, Debug, Clone, Copy, PartialEq)]
#[serde(deny_unknown_fields)]
struct Years {
    mid: f64,
    senior: f64,
    lead: f64,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Roles {
    words: Vec<String>,
}

/// `[starting]`: words saying a figure is a starting pay, and phrases a question asks for one by.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Starting {
    words: Vec<String>,
    #[serde(default)]
    questions: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Words {
    words: Vec<String>,
    #[serde(default)]
    guarded: Vec<String>,
    #[serde(default)]
    loose: Vec<String>,
    #[serde(default)]
    prose: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Exception {
    word: String,
    #[serde(default)]
    not_after: Vec<String>,
    #[serde(default)]
    not_before: Vec<String>,
    #[serde(default)]
    only_before: Vec<String>,
}

/// A level word found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelMatch {
    /// The level it names.
    pub level: Level,
    /// Where it is.
    pub range: Range<usize>,
    /// Whether it is a level only as part of a role ("Master Electrician").
    pub guarded: bool,
    /// Whether it names its level only roughly ("experienced"): years of experience given with
    /// it say more.
    pub loose: bool,
}

/// The level words, compiled.
#[derive(Debug, Clone)]
pub struct LevelWords {
    regex: Regex,
    /// Normalised word → its level, whether it is guarded, whether it is loose, and whether it
    /// names a level in a sentence about someone only (`prose`).
    table: HashMap<String, (Level, bool, bool, bool)>,
    not_after: HashMap<String, Vec<String>>,
    not_before: HashMap<String, Vec<String>>,
    /// A word that, with words after it, is a level only when one of these is among the next
    /// [`ONLY_BEFORE_WORDS`] ("staff engineer", not "staff nurse").
    only_before: HashMap<String, Vec<String>>,
    /// Words naming a role (singular, lower case).
    roles: Vec<String>,
    /// Words numbering the rungs of a ladder ("stage", "etapa"), lower case.
    sequence: Vec<String>,
    /// Words opening the label of a step told in order ("then", "after"), lower case.
    order: Vec<String>,
    /// Words that make a figure a starting (entry) pay ("start", "starting"), lower case.
    starting: Vec<String>,
    /// Words naming what pay rows are when they are not levels ("setting", "state"), singular,
    /// lower case.
    dimensions: Vec<String>,
    /// The years of experience each level above entry starts at; `None`: years place no level.
    years: Option<Years>,
    /// A verb of earning ("earn", "are paid", "cobran"), whole words.
    earn_verb: LazyRegex,
    /// Nouns that stand for any worker ("staff", "professionals"), singular, lower case.
    people: Vec<String>,
    /// Words that end a subject's noun group ("who", "with", "usually"), lower case.
    subject_ends: Vec<String>,
    /// Words a subject's noun group may open with that are not part of it: articles and
    /// conjunctions ("a", "the", "and", "while", "los"), lower case.
    openers: Vec<String>,
    /// A phrase a question asks for starting pay by ("right out of school"), any case.
    starting_question: LazyRegex,
    /// Words that deny the level word after them in prose ("without a journeyman card"), lower
    /// case.
    negation: Vec<String>,
}

/// The subject of a clause about pay (see [`LevelWords::subject_head`]): ranges in the clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// Its head noun: "Assistants" in "Assistants (COTAs) earn".
    pub head: Range<usize>,
    /// The noun group it ends: "Journeyperson millwrights".
    pub group: Range<usize>,
    /// Where the verb of earning starts: the subject, asides and relative clauses included,
    /// is everything before.
    pub end: usize,
}

/// How many words after an `only_before` word may hold the word it needs ("staff software
/// engineer").
const ONLY_BEFORE_WORDS: usize = 3;

/// Lower case, runs of spaces and hyphens as one space.
fn normalise(word: &str) -> String {
    word.to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

impl LevelWords {
    /// Parses a level table (the format of `assets/levels.toml`).
    ///
    /// # Errors
    /// When the TOML is invalid, a word is empty, a word is listed under two levels, or the
    /// years the levels start at do not rise from mid to lead.
    pub fn from_toml(text: &str) -> Result<LevelWords, LevelsError> {
        let file: LevelsFile = toml::from_str(text).map_err(|e| LevelsError(e.to_string()))?;
        let mut table = HashMap::new();
        for (level, words) in [
            (Level::Entry, &file.entry),
            (Level::Mid, &file.mid),
            (Level::Senior, &file.senior),
            (Level::Lead, &file.lead),
        ] {
            for (w, guarded, loose, prose) in words
                .words
                .iter()
                .map(|w| (w, false, false, false))
                .chain(words.guarded.iter().map(|w| (w, true, false, false)))
                .chain(words.loose.iter().map(|w| (w, false, true, false)))
                .chain(words.prose.iter().map(|w| (w, false, false, true)))
            {
                let key = normalise(w);
                if key.is_empty() {
                    return Err(LevelsError("an empty word".into()));
                }
                if let Some((other, ..)) = table.insert(key.clone(), (level, guarded, loose, prose))
                    && other != level
                {
                    return Err(LevelsError(format!("{w:?} is listed under two levels")));
                }
            }
        }
        if let Some(y) = file.years
            && !(0.0 < y.mid && y.mid < y.senior && y.senior < y.lead)
        {
            return Err(LevelsError(
                "the years levels start at must rise: 0 < mid < senior < lead".into(),
            ));
        }
        let alternation = crate::answer::text::phrase_alternation(table.keys().map(String::as_str));
        let regex = Regex::new(&format!(r"(?i)\b(?:{alternation})\b"))
            .map_err(|e| LevelsError(e.to_string()))?;
        let lists = |pick: fn(&Exception) -> &Vec<String>| {
            file.exception
                .iter()
                .map(|e| {
                    (
                        normalise(&e.word),
                        pick(e).iter().map(|w| normalise(w)).collect(),
                    )
                })
                .collect::<HashMap<String, Vec<String>>>()
        };
        Ok(LevelWords {
            roles: file
                .roles
                .words
                .iter()
                .map(|w| singular(&w.to_lowercase()))
                .collect(),
            sequence: file
                .sequence
                .words
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            order: file.order.words.iter().map(|w| w.to_lowercase()).collect(),
            starting: file
                .starting
                .words
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            dimensions: file
                .dimensions
                .words
                .iter()
                .map(|w| singular(&w.to_lowercase()))
                .collect(),
            regex,
            not_after: lists(|e| &e.not_after),
            not_before: lists(|e| &e.not_before),
            only_before: lists(|e| &e.only_before)
                .into_iter()
                .filter(|(_, ws)| !ws.is_empty())
                .map(|(k, ws)| (k, ws.iter().map(|w| singular(w)).collect()))
                .collect(),
            table,
            years: file.years,
            earn_verb: {
                let verbs = crate::answer::text::phrase_alternation(
                    file.subject.verbs.iter().map(String::as_str),
                );
                let pattern = if file.subject.verbs.is_empty() {
                    r"[^\s\S]".to_string()
                } else {
                    format!(r"(?i)\b(?:{verbs})\b")
                };
                LazyRegex::new(pattern)
            },
            people: file
                .subject
                .people
                .iter()
                .map(|w| singular(&w.to_lowercase()))
                .collect(),
            subject_ends: file.subject.ends.iter().map(|w| w.to_lowercase()).collect(),
            openers: file
                .subject
                .openers
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            negation: file
                .negation
                .words
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            starting_question: {
                let alt = crate::answer::text::phrase_alternation(
                    file.starting.questions.iter().map(String::as_str),
                );
                let pattern = if file.starting.questions.is_empty() {
                    r"[^\s\S]".to_string()
                } else {
                    format!(r"(?i)\b(?:{alt})\b")
                };
                LazyRegex::new(pattern)
            },
        })
    }

    /// The level words in `text[range]`, in order, without those an exception rules out or
    /// that a number follows ("mid 2026"); the words that name a level in prose only
    /// (`prose`: "managers who supervise a team") are left out: a role's title keeps its place in
    /// its guide's own ladder.
    pub fn find(&self, text: &str, range: Range<usize>) -> Vec<LevelMatch> {
        self.find_with(text, range, false)
    }

    /// [`Self::find`] in a sentence describing someone ("Salon managers who supervise a team
    /// earn …", "Business owners can make …"): the `prose` words count too.
    pub fn find_in_prose(&self, text: &str, range: Range<usize>) -> Vec<LevelMatch> {
        self.find_with(text, range, true)
    }

    fn find_with(&self, text: &str, range: Range<usize>, in_prose: bool) -> Vec<LevelMatch> {
        let mut out = Vec::new();
        let end = range.end.min(text.len());
        let mut pos = range.start.min(end);
        while pos < end {
            let Some(m) = self.regex.find_at(&text[..end], pos) else {
                break;
            };
            pos = m.end();
            let key = normalise(m.as_str());
            let Some(&(level, guarded, loose, prose)) = self.table.get(&key) else {
                continue;
            };
            if prose && !in_prose {
                continue;
            }
            if in_prose && self.denied(&text[..m.start()]) {
                continue;
            }
            let after_text = &text[m.end()..];
            if self.ruled_out(text, m.range())
                || after_text
                    .trim_start_matches([' ', '-'])
                    .starts_with(|c: char| c.is_ascii_digit())
            {
                continue;
            }
            out.push(LevelMatch {
                level,
                range: m.range(),
                guarded,
                loose,
            });
        }
        out
    }

    /// Whether the text before a level word denies it: its last word, or the one before an
    /// article, is a word of `[negation]` ("without a journeyman card", "sin experiencia").
    fn denied(&self, before: &str) -> bool {
        let mut words = before
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .rev()
            .map(str::to_lowercase);
        let Some(last) = words.next() else {
            return false;
        };
        let word = if matches!(
            last.as_str(),
            "a" | "an" | "the" | "un" | "una" | "el" | "la"
        ) {
            words.next()
        } else {
            Some(last)
        };
        word.is_some_and(|w| self.negation.contains(&w))
    }

    /// Whether an exception of the table rules out the word at `text[range]` as a level: a word
    /// it must not follow or precede ("data entry", "graduate degree"), or one of the words it
    /// must come before when words follow it ("staff" is a level in "staff engineer", "Staff
    /// Software Engineer" or a bare "Staff", not in "staff nurse").
    pub fn ruled_out(&self, text: &str, range: Range<usize>) -> bool {
        let key = normalise(&text[range.clone()]);
        let before = last_word(&text[..range.start]);
        let after_text = &text[range.end..];
        let after = first_word(after_text);
        self.not_after
            .get(&key)
            .is_some_and(|ws| before.as_ref().is_some_and(|b| ws.contains(b)))
            || self
                .not_before
                .get(&key)
                .is_some_and(|ws| after.as_ref().is_some_and(|a| ws.contains(a)))
            || self.only_before.get(&key).is_some_and(|ws| {
                // The words after it up to a clause break ("Staff (8+ years)" is a bare level).
                let clause = after_text
                    .split([',', '.', ';', ':', '(', ')', '|', '\n', '/'])
                    .next()
                    .unwrap_or("");
                let next: Vec<String> = clause
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .take(ONLY_BEFORE_WORDS)
                    .map(|w| singular(&w.to_lowercase()))
                    .collect();
                !next.is_empty() && !next.iter().any(|w| ws.contains(w))
            })
    }

    /// Whether `word` names a role (plural or singular, any case).
    pub fn is_role(&self, word: &str) -> bool {
        self.roles.contains(&singular(&word.to_lowercase()))
    }

    /// The head noun of the subject of `clause` (a clause's text up to a figure) when the
    /// clause reads "<subject> … <verb of earning> …" ("Assistants (COTAs) earn", "Paraplanners
    /// earn", "Journeyperson millwrights typically earn"): the last word of the noun group the
    /// clause opens with, up to a word of `[subject] ends` ("who", "with", "usually") or the
    /// verb; asides in parentheses skipped. Its range in `clause`, the group's and the whole
    /// subject's (up to the verb).
    pub fn subject_head(&self, clause: &str) -> Option<Subject> {
        let verb = self.earn_verb.find(clause)?;
        let subject = &clause[..verb.start()];
        let mut depth = 0usize;
        let mut words: Vec<Range<usize>> = Vec::new();
        let mut start: Option<usize> = None;
        for (i, c) in subject.char_indices().chain([(subject.len(), ' ')]) {
            let in_word = depth == 0 && (c.is_alphanumeric() || c == '\'' || c == '’');
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                _ => {}
            }
            match (in_word, start) {
                (true, None) => start = Some(i),
                (false, Some(st)) => {
                    words.push(st..i);
                    start = None;
                }
                _ => {}
            }
        }
        let group: Vec<Range<usize>> = words
            .into_iter()
            .take_while(|w| {
                !self
                    .subject_ends
                    .contains(&subject[w.clone()].to_lowercase())
            })
            .collect();
        if group.is_empty() || group.len() > 6 {
            return None;
        }
        let head = group.last()?.clone();
        let whole = group[0].start..head.end;
        // Only a word's letters: "OTs", "paraplanners".
        subject[head.clone()]
            .chars()
            .all(char::is_alphabetic)
            .then_some(Subject {
                head,
                group: whole,
                end: verb.start(),
            })
    }

    /// Whether `word` stands for any worker ("staff", "professionals", "most"), plural or
    /// singular, any case.
    pub fn is_people(&self, word: &str) -> bool {
        self.people.contains(&singular(&word.to_lowercase()))
    }

    /// Whether `word` may open a subject's noun group without being part of it: an article or
    /// a conjunction ("a", "the", "and", "while", "los"), any case.
    pub fn is_opener(&self, word: &str) -> bool {
        self.openers.contains(&word.to_lowercase())
    }

    /// The words that number the rungs of a ladder ("stage", "etapa"), lower case.
    pub fn sequence_words(&self) -> &[String] {
        &self.sequence
    }

    /// The words that open the label of a learning-path step told in order ("then", "after",
    /// "finally"), lower case.
    pub fn order_words(&self) -> &[String] {
        &self.order
    }

    /// Whether `text` (the clause before a figure) says the figure is a starting pay: it holds
    /// a word of `[starting]` ("New hygienists usually start around …").
    pub fn says_starting(&self, text: &str) -> bool {
        text.split(|c: char| !c.is_alphanumeric())
            .any(|w| !w.is_empty() && self.starting.contains(&w.to_lowercase()))
    }

    /// Whether `question` asks for starting pay: a word of `[starting]` ("What's the starting
    /// salary …") or one of its `questions` phrases ("… right out of school", "first job").
    pub fn asks_starting(&self, question: &str) -> bool {
        self.says_starting(question) || self.starting_question.is_match(question)
    }

    /// Whether `text` (a pay table's first header cell, "Setting", "State") names a word of
    /// `[dimensions]`: the rows are settings, places or employers, not levels.
    pub fn names_dimension(&self, text: &str) -> bool {
        text.split(|c: char| !c.is_alphanumeric())
            .any(|w| !w.is_empty() && self.dimensions.contains(&singular(&w.to_lowercase())))
    }

    /// Whether a section heading says its pay lines are by a dimension that is not a level:
    /// "Teacher pay by state", "Salary by work setting".
    pub fn heading_by_dimension(&self, heading: &str) -> bool {
        let lower = heading.to_lowercase();
        lower
            .split(" by ")
            .skip(1)
            .chain(lower.split(" per ").skip(1))
            .chain(lower.split(" por ").skip(1))
            .any(|rest| {
                rest.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty() && !matches!(*w, "the" | "a" | "work" | "el" | "la"))
                    .take(2)
                    .any(|w| self.dimensions.contains(&singular(w)))
            })
    }

    /// The level a label names ("Journeyman Electrician", "Associate Product Manager (APM)"):
    /// its first level word, guarded or not (a label is a role).
    pub fn of_label(&self, label: &str) -> Option<Level> {
        self.find(label, 0..label.len()).first().map(|m| m.level)
    }

    /// The level of someone with `years` of experience: the level whose band (data: `[years]`)
    /// holds it; `None` when the table has no bands.
    pub fn of_years(&self, years: f64) -> Option<Level> {
        let y = self.years?;
        Some(if years >= y.lead {
            Level::Lead
        } else if years >= y.senior {
            Level::Senior
        } else if years >= y.mid {
            Level::Mid
        } else {
            Level::Entry
        })
    }

    /// The level of a pay row labelled `label` that gives `years` of experience (the lower end
    /// of its span, from the label or the row): the label's first level word that is not
    /// loose, nor guarded without a role word after it where years are given (an "Associate"
    /// with 10+ years is no entry level: alone, the word is a first rung in some careers, a
    /// partner's in others; a "Staff Analyst" is staff); else the years' level; else its loose
    /// or guarded word's ("Experienced RN").
    pub fn of_pay_row(&self, label: &str, years: Option<f64>) -> Option<Level> {
        self.of_row(label, years, true)
    }

    /// [`LevelWords::of_pay_row`] for a row of a ladder, whose order places it: a guarded word
    /// decides as any level word does, and the ladder never going down lifts it ("Associate
    /// creative director" between "Senior copywriter" and "Creative director").
    pub fn of_ladder_row(&self, label: &str, years: Option<f64>) -> Option<Level> {
        self.of_row(label, years, false)
    }

    fn of_row(&self, label: &str, years: Option<f64>, guarded_yields: bool) -> Option<Level> {
        let found = self.find(label, 0..label.len());
        let alone = |m: &&LevelMatch| {
            !label[m.range.end..]
                .split(|c: char| !c.is_alphanumeric())
                .find(|w| !w.is_empty())
                .is_some_and(|w| self.is_role(w))
        };
        let yields = |m: &&LevelMatch| guarded_yields && m.guarded && years.is_some() && alone(m);
        found
            .iter()
            .find(|m| !(m.loose || yields(m)))
            .map(|m| m.level)
            .or_else(|| years.and_then(|y| self.of_years(y)))
            .or_else(|| found.first().map(|m| m.level))
    }
}

/// A lower-case word without a plural `s` ("developers" → "developer").
pub fn singular(word: &str) -> String {
    match word.strip_suffix('s') {
        Some(stem) if word.len() > 3 && !word.ends_with("ss") => stem.to_string(),
        _ => word.to_string(),
    }
}

fn last_word(text: &str) -> Option<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .rfind(|w| !w.is_empty())
        .map(str::to_lowercase)
}

fn first_word(text: &str) -> Option<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Places a guide's ladder of pay levels on the scale: `known[i]` is the level its words name,
/// if any; a run of the others takes the free levels between the known ones around it, in order
/// (after a known level, from the next one up; before the first known, the levels just below it;
/// a run with as many rows as free levels or more fills them all from entry or the next one
/// up, rows sharing the lowest ones in order): a commis, a chef de partie and a sous chef before
/// a head chef (lead) are entry, mid and senior; one row between entry and senior is mid; a row
/// before "Senior Product Manager" is mid. With no free level, a row takes the known level below
/// it (or, before the first, the one below that). A ladder that names no level is spread over the scale in its
/// order.
pub fn place_ladder(known: &[Option<Level>]) -> Vec<Level> {
    const SCALE: [Level; 4] = [Level::Entry, Level::Mid, Level::Senior, Level::Lead];
    let rank = |l: Level| SCALE.iter().position(|s| *s == l);
    let n = known.len();
    if known.iter().all(Option::is_none) {
        return (0..n)
            .map(|i| match n {
                1 => Level::Overall,
                2 => [Level::Entry, Level::Senior][i],
                3 => [Level::Entry, Level::Mid, Level::Senior][i],
                _ => SCALE[(i * 3 + (n - 1) / 2) / (n - 1)],
            })
            .collect();
    }
    let ranks: Vec<Option<usize>> = known.iter().map(|l| l.and_then(rank)).collect();
    let mut out = vec![Level::Entry; n];
    let mut i = 0;
    while i < n {
        if let Some(r) = ranks[i] {
            out[i] = SCALE[r];
            i += 1;
            continue;
        }
        let start = i;
        while i < n && ranks[i].is_none() {
            i += 1;
        }
        let run = i - start;
        let prev = ranks[..start].iter().rev().flatten().next().copied();
        let next = ranks[i..].iter().flatten().next().copied();
        let lo = prev.map_or(0, |p| p + 1);
        let hi = next.map_or(3, |q| q.saturating_sub(1));
        for j in 0..run {
            let room = (hi + 1).saturating_sub(lo);
            let r = if lo <= hi && run < room && prev.is_none() {
                // Fewer rows than free levels before the first known: the rows just below it
                // ("Product Manager" before "Senior Product Manager" is mid).
                hi + 1 + j - run
            } else if lo <= hi {
                lo + j * room.min(run) / run
            } else {
                match (prev, next) {
                    (Some(p), _) => p.min(3),
                    (None, Some(q)) => q.saturating_sub(1),
                    (None, None) => 0,
                }
            };
            out[start + j] = SCALE[r];
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> LevelWords {
        LevelWords::from_toml(include_str!("../../assets/levels.toml")).unwrap()
    }

    fn levels(text: &str) -> Vec<(Level, &str, bool)> {
        words()
            .find(text, 0..text.len())
            .into_iter()
            .map(|m| (m.level, &text[m.range], m.guarded))
            .collect()
    }

    #[test]
    fn words_of_every_career_family_map_to_the_scale() {
        use Level::*;
        assert_eq!(
            levels("Apprentices and journeymen report to a Master Electrician."),
            vec![
                (Entry, "Apprentices", false),
                (Mid, "journeymen", false),
                (Senior, "Master", true)
            ]
        );
        assert_eq!(
            levels("Desarrollador semi-senior, luego senior y líder técnico"),
            vec![
                (Mid, "semi-senior", false),
                (Senior, "senior", false),
                (Lead, "líder", false)
            ]
        );
        assert_eq!(
            words().of_label("Associate Product Manager (APM)"),
            Some(Entry)
        );
        assert_eq!(words().of_label("Group Product Manager"), Some(Lead));
        assert_eq!(words().of_label("Product Manager"), None);
    }

    #[test]
    fn staff_is_a_level_only_before_a_technical_role() {
        use Level::*;
        let w = words();
        assert_eq!(w.of_label("Staff Engineer"), Some(Lead));
        assert_eq!(w.of_label("Staff software developer"), Some(Lead));
        assert_eq!(w.of_label("Staff (8+ years)"), Some(Lead));
        assert_eq!(w.of_label("Staff nurse"), None);
        // Not a lead for "staff"; in its first year, at entry.
        assert_eq!(w.of_label("Staff accountant, first year"), Some(Entry));
        assert_eq!(w.of_label("Staff accountant"), None);
        assert_eq!(w.of_pay_row("Staff nurse", Some(2.0)), Some(Mid));
        assert_eq!(
            levels("Staff nurses earn less than staff engineers."),
            vec![(Lead, "staff", true)]
        );
        // The rule is data: a table without it keeps "staff" a level before any word.
        let (rule, none) = ("only_before", "not_after");
        let shipped: &str = include_str!("../../assets/levels.toml");
        let plain = LevelWords::from_toml(&shipped.replace(rule, none)).unwrap();
        assert_eq!(plain.of_label("Staff nurse"), Some(Lead));
    }

    #[test]
    fn exceptions_and_numbers_are_not_levels() {
        assert!(levels("Data entry work and a graduate degree").is_empty());
        assert!(levels("by mid-2026").is_empty());
        assert_eq!(levels("new graduates earn").len(), 1);
    }

    #[test]
    fn ladders_are_placed_by_their_words_then_by_position() {
        use Level::*;
        // Product manager: APM, PM, Senior PM, Group PM, Director.
        assert_eq!(
            place_ladder(&[Some(Entry), None, Some(Senior), Some(Lead), Some(Lead)]),
            vec![Entry, Mid, Senior, Lead, Lead]
        );
        // Electrician: apprentice, journeyman, master, contractor.
        assert_eq!(
            place_ladder(&[Some(Entry), Some(Mid), Some(Senior), None]),
            vec![Entry, Mid, Senior, Lead]
        );
        assert_eq!(
            place_ladder(&[None, None, None, None]),
            vec![Entry, Mid, Senior, Lead]
        );
        assert_eq!(place_ladder(&[None, None]), vec![Entry, Senior]);
        assert_eq!(place_ladder(&[None, Some(Senior)]), vec![Mid, Senior]);
    }

    /// Regression: "Experienced RN (2–5 years)" and "Charge nurse (5+ years)" came out as senior
    /// and lead: a loose word or no level word at all, where the years say more.
    #[test]
    fn levels_from_years_when_the_label_names_none() {
        use Level::*;
        let w = words();
        assert_eq!(
            [0.0, 1.0, 2.0, 4.9, 5.0, 8.0, 12.0].map(|y| w.of_years(y).unwrap()),
            [Entry, Entry, Mid, Mid, Senior, Lead, Lead]
        );
        // No level word: the years decide.
        assert_eq!(w.of_pay_row("Charge nurse", Some(5.0)), Some(Senior));
        assert_eq!(w.of_pay_row("Product Manager", Some(2.0)), Some(Mid));
        // A loose word gives way to the years, and decides without them.
        assert_eq!(w.of_pay_row("Experienced RN", Some(2.0)), Some(Mid));
        assert_eq!(w.of_pay_row("Experienced RN", None), Some(Senior));
        // A level word wins over the years.
        assert_eq!(w.of_pay_row("Senior Data Analyst", Some(3.0)), Some(Senior));
        // A guarded word gives way to them (issue 14, ninth probe: a quantity surveyor's
        // "Associate" with 10+ years was read as entry level), and decides without them.
        assert_eq!(w.of_pay_row("Associate", Some(10.0)), Some(Lead));
        // In a ladder the word decides, and the ladder's order places the rung.
        assert_eq!(w.of_ladder_row("Associate", Some(10.0)), Some(Entry));
        assert_eq!(w.of_pay_row("Assistant", Some(0.0)), Some(Entry));
        assert_eq!(w.of_pay_row("New graduate", Some(0.0)), Some(Entry));
        // Neither: the ladder places it.
        assert_eq!(w.of_pay_row("Nurse manager", None), None);
        // In prose a loose word is still a level word.
        assert_eq!(
            levels("experienced nurses"),
            vec![(Senior, "experienced", false)]
        );
    }

    #[test]
    fn level_words_of_other_ladders() {
        use Level::*;
        assert_eq!(w_of("Mid-weight designers"), Some(Mid));
        assert_eq!(w_of("Midweight designer"), Some(Mid));
        assert_eq!(w_of("a Head of Design"), Some(Lead));
        assert_eq!(w_of("Head of Engineering"), Some(Lead));
        // Spanish writes both with an accent, as guides do.
        assert_eq!(w_of("Tripulante de cabina júnior"), Some(Entry));
        assert_eq!(w_of("Desarrollador sénior"), Some(Senior));
    }

    fn w_of(text: &str) -> Option<Level> {
        words().of_label(text)
    }

    #[test]
    fn a_word_under_two_levels_is_an_error() {
        let bad = "[entry]\nwords = [\"x\"]\n[mid]\nwords = [\"x\"]\n[senior]\nwords = []\n[lead]\nwords = []\n[years]\nmid = 2\nsenior = 5\nlead = 8\n";
        assert!(LevelWords::from_toml(bad).is_err());
        let falling = "[entry]\nwords = [\"x\"]\n[mid]\nwords = []\n[senior]\nwords = []\n[lead]\nwords = []\n[years]\nmid = 5\nsenior = 2\nlead = 8\n";
        assert!(LevelWords::from_toml(falling).is_err());
    }

    #[test]
    fn prose_words_name_a_level_in_a_sentence_only_never_in_a_title() {
        use Level::*;
        let w = words();
        let text = "Salon managers who supervise a team, and business owners, earn more.";
        let prose: Vec<(Level, &str)> = w
            .find_in_prose(text, 0..text.len())
            .into_iter()
            .map(|m| (m.level, &text[m.range]))
            .collect();
        assert_eq!(
            prose,
            vec![
                (Lead, "managers"),
                (Lead, "supervise"),
                (Lead, "business owners")
            ]
        );
        assert!(w.find(text, 0..text.len()).is_empty());
        // A ladder's titles are placed by their own words or their place, never by these.
        assert_eq!(w.of_label("Product Manager"), None);
        assert_eq!(w.of_pay_row("Practice Manager", None), None);
        // Just qualified.
        assert_eq!(w.of_label("Newly qualified plumber"), Some(Entry));
        assert_eq!(w.of_label("Improver"), Some(Entry));
        assert_eq!(w.of_label("Un fisioterapeuta recién titulado"), Some(Entry));
        // In the first year, or on probation (probe five: a pay table's second row, placed at
        // mid by its place alone).
        assert_eq!(w.of_label("First-year school SLP"), Some(Entry));
        assert_eq!(w.of_label("Probationary firefighter (year 1)"), Some(Entry));
    }

    #[test]
    fn spanish_trade_grades_map_to_the_scale_and_yield_to_a_rows_years() {
        use Level::*;
        let w = words();
        assert_eq!(w.of_pay_row("Aprendiz / ayudante", None), Some(Entry));
        assert_eq!(w.of_pay_row("Peón", None), Some(Entry));
        assert_eq!(w.of_pay_row("Oficial de tercera", None), Some(Mid));
        assert_eq!(w.of_pay_row("Oficial de segunda", None), Some(Mid));
        assert_eq!(w.of_pay_row("Oficial de primera", None), Some(Senior));
        assert_eq!(w.of_pay_row("Jefe de taller", None), Some(Lead));
        assert_eq!(w.of_pay_row("Encargado", None), Some(Lead));
        // A grade is loose: the row's years say more ("1–3 años": entry).
        assert_eq!(w.of_pay_row("Oficial de tercera", Some(1.0)), Some(Entry));
        assert_eq!(w.of_pay_row("Oficial de primera", Some(6.0)), Some(Senior));
    }

    #[test]
    fn the_subject_of_a_clause_about_pay_ends_at_its_head_noun() {
        let w = words();
        fn head<'a>(w: &LevelWords, clause: &'a str) -> Option<(&'a str, &'a str, &'a str)> {
            w.subject_head(clause)
                .map(|s| (&clause[s.head], &clause[s.group], &clause[..s.end]))
        }
        let head = |clause: &'static str| head(&w, clause);
        assert_eq!(
            head("Assistants (COTAs) earn "),
            Some(("Assistants", "Assistants", "Assistants (COTAs) "))
        );
        assert_eq!(
            head("Journeyperson millwrights typically earn "),
            Some((
                "millwrights",
                "Journeyperson millwrights",
                "Journeyperson millwrights typically "
            ))
        );
        assert_eq!(
            head("Rehab directors who manage an OT department are paid "),
            Some((
                "directors",
                "Rehab directors",
                "Rehab directors who manage an OT department "
            ))
        );
        assert_eq!(
            head("Los oficiales con experiencia cobran "),
            Some((
                "oficiales",
                "Los oficiales",
                "Los oficiales con experiencia "
            ))
        );
        // No verb of earning, or no noun group before it: no subject.
        assert_eq!(head("Salaries start around "), None);
        assert_eq!(head("usually earn "), None);
        assert!(
            w.is_people("Professionals") && w.is_people("staff") && !w.is_people("paraplanners")
        );
    }
}
