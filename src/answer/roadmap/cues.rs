//! The cue words the roadmap reads sections and sentences with, as data
//! (`assets/roadmap_cues.toml`): learning-path and tips headings, interview and portfolio cues,
//! lateral-move and progression cues, sentences that sell, and the verbs that open an imperative.

use std::collections::HashSet;

use std::ops::Range;

use regex::Regex;
use serde::Deserialize;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::answer::lazy_regex::{LazyRegex, NOTHING};
use crate::roles::fold;

/// Fewest letters of a word read as a Spanish infinitive ("Hacer"; not "Ir", "Ser").
const MIN_INFINITIVE_CHARS: usize = 5;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CuesFile {
    career_context: Vec<String>,
    career_list: Vec<String>,
    progression: Vec<String>,
    lateral: Vec<String>,
    path: Vec<String>,
    #[serde(default)]
    path_headings: Vec<String>,
    tips: Vec<String>,
    promo: Vec<String>,
    #[serde(default)]
    promo_in_steps: Vec<String>,
    #[serde(default)]
    time_column: Vec<String>,
    #[serde(default)]
    some_only: Vec<String>,
    imperatives: Vec<String>,
    #[serde(default)]
    ambiguous_imperatives: Vec<String>,
    #[serde(default)]
    reader_words: Vec<String>,
    #[serde(default)]
    infinitive_endings: Vec<String>,
    #[serde(default)]
    training: Vec<String>,
    #[serde(default)]
    step_openers: Vec<String>,
    interview_list: Vec<String>,
    interview_word: Vec<String>,
    interview_tips: Vec<String>,
    eval_verb: Vec<String>,
    this_skill: Vec<String>,
    round: Vec<String>,
    pitfall: Vec<String>,
    portfolio_list: Vec<String>,
    example: Vec<String>,
    showcase: Vec<String>,
    projects: Vec<String>,
}

/// A list of cue phrases made into one pattern: whole words, any case, accents optional
/// (phrases and text are both read without their accents). See `assets/roadmap_cues.toml` for
/// the phrase syntax. The phrases are checked when the vocabulary loads; the pattern is compiled
/// on first use, since every process loads the vocabulary and most never read a roadmap (compiled
/// eagerly, the cues cost `careerbot ask` about 9 ms at every start).
#[derive(Debug, Clone)]
pub struct Cue {
    regex: LazyRegex,
}

impl Cue {
    /// Compiles `phrases`.
    ///
    /// # Errors
    /// When a phrase is empty or misuses the syntax.
    pub fn new(phrases: &[String]) -> Result<Cue, String> {
        let mut alts: Vec<String> = phrases
            .iter()
            .map(|p| phrase_pattern(p))
            .collect::<Result<_, _>>()?;
        // Longer patterns first: at one place the longest phrase wins.
        alts.sort_by_key(|a| std::cmp::Reverse(a.len()));
        let alt = if alts.is_empty() {
            // An empty list matches nothing.
            NOTHING.to_string()
        } else {
            alts.join("|")
        };
        Ok(Cue {
            regex: LazyRegex::new(format!(r"(?i)\b(?:{alt})\b")),
        })
    }

    /// The compiled pattern (phrases that passed [`Cue::new`] make a valid one).
    fn regex(&self) -> &Regex {
        self.regex.get()
    }

    /// Whether `text` holds one of the phrases.
    pub fn is_match(&self, text: &str) -> bool {
        match Unaccented::of(text) {
            None => self.regex().is_match(text),
            Some(u) => self.regex().is_match(&u.text),
        }
    }

    /// Where the first phrase in `text` is (byte range of `text`).
    pub fn find(&self, text: &str) -> Option<Range<usize>> {
        match Unaccented::of(text) {
            None => self.regex().find(text).map(|m| m.range()),
            Some(u) => self.regex().find(&u.text).map(|m| u.original(m.range())),
        }
    }

    /// Where each phrase in `text` is, left to right (byte ranges of `text`).
    pub fn find_iter(&self, text: &str) -> Vec<Range<usize>> {
        match Unaccented::of(text) {
            None => self.regex().find_iter(text).map(|m| m.range()).collect(),
            Some(u) => self
                .regex()
                .find_iter(&u.text)
                .map(|m| u.original(m.range()))
                .collect(),
        }
    }
}

/// A text with its accents taken off its letters ("Cómo" → "Como"), and where each of its bytes
/// comes from in the original.
struct Unaccented {
    text: String,
    /// The original byte offset of the character each byte of `text` comes from.
    from: Vec<usize>,
    /// The original text's length.
    len: usize,
}

impl Unaccented {
    /// `None` when no letter of `text` can carry an accent (ASCII text, or only characters
    /// beyond U+037F, as typographic quotes and dashes): the text is read as it is.
    fn of(text: &str) -> Option<Unaccented> {
        // UTF-8 lead bytes of U+00C0–U+037F: accented Latin letters and combining accents.
        if !text.bytes().any(|b| (0xC3..=0xCD).contains(&b)) {
            return None;
        }
        let mut out = Unaccented {
            text: String::with_capacity(text.len()),
            from: Vec::with_capacity(text.len()),
            len: text.len(),
        };
        for (at, c) in text.char_indices() {
            if c.is_ascii() {
                out.text.push(c);
                out.from.push(at);
                continue;
            }
            decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    out.text.push(d);
                }
            });
            out.from.resize(out.text.len(), at);
        }
        Some(out)
    }

    /// The original byte range of a range of the unaccented text.
    fn original(&self, r: Range<usize>) -> Range<usize> {
        let at = |i: usize| self.from.get(i).copied().unwrap_or(self.len);
        at(r.start)..at(r.end)
    }
}

/// One word of a phrase as a pattern, read without accents: a hyphen as a hyphen or a space, a
/// final `*` as "more letters may follow".
fn word_pattern(word: &str) -> Result<String, String> {
    let (word, more) = match word.strip_suffix('*') {
        Some(w) => (w, true),
        None => (word, false),
    };
    if word.is_empty() {
        return Err("an empty word in a cue phrase".into());
    }
    let mut out = String::new();
    for c in fold(word).chars() {
        if c == '-' {
            out.push_str(r"[\s-]");
        } else {
            out.push_str(&regex::escape(c.encode_utf8(&mut [0; 4])));
        }
    }
    if more {
        out.push_str(r"\w*");
    }
    Ok(out)
}

/// A phrase as a pattern. Its words are separated by spaces; a word may be several words'
/// alternatives joined by `/` ("tip/tips"), end in `?` when it may be left out ("you?"), and end
/// in `*` when more letters may follow ("pivot*"); `...` stands for any text between two words on
/// the same line ("interview ... include").
fn phrase_pattern(phrase: &str) -> Result<String, String> {
    let tokens: Vec<&str> = phrase.split_whitespace().collect();
    let is_gap = |t: &str| t == "..." || t == "…";
    if tokens.is_empty()
        || tokens.first().copied().is_some_and(is_gap)
        || tokens.last().copied().is_some_and(is_gap)
    {
        return Err(format!(
            "cue phrase {phrase:?} is empty or starts or ends with a gap"
        ));
    }
    let mut out = String::new();
    let mut gap = false;
    for (i, token) in tokens.iter().enumerate() {
        if is_gap(token) {
            gap = true;
            continue;
        }
        let (token, optional) = match token.strip_suffix('?') {
            Some(t) if !t.is_empty() => (t, true),
            _ => (*token, false),
        };
        let alts: Vec<String> = token
            .split('/')
            .map(word_pattern)
            .collect::<Result<_, _>>()?;
        let slot = format!("(?:{})", alts.join("|"));
        let sep = if i == 0 {
            ""
        } else if gap {
            r"\b.*\b"
        } else {
            r"\s+"
        };
        gap = false;
        if optional && i > 0 {
            out.push_str(&format!("(?:{sep}{slot})?"));
        } else if optional {
            out.push_str(&format!(r"(?:{slot}\s+)?"));
        } else {
            out.push_str(sep);
            out.push_str(&slot);
        }
    }
    Ok(out)
}

/// The roadmap's cue words, compiled.
#[derive(Debug, Clone)]
pub struct RoadmapCues {
    /// A section or line about career progression.
    pub career_context: Cue,
    /// A line introducing a list of career stages or paths.
    pub career_list: Cue,
    /// A sentence naming roles along a career path.
    pub progression: Cue,
    /// A sentence about lateral moves or specialising.
    pub lateral: Cue,
    /// A section or line introducing the learning path.
    pub path: Cue,
    /// A heading (only) over the learning path: "Training", "Education and licensure".
    pub path_headings: Cue,
    /// A section of tips.
    pub tips: Cue,
    /// A sentence that sells something: never a step or advice.
    pub promo: Cue,
    /// Of those, the words that sell even as an item of a numbered path ("our", "webinar"): such
    /// an item is a step whatever else it says ("Register with the regulator").
    pub promo_in_steps: Cue,
    /// A table column giving each step's time ("Duration", "How long").
    pub time_column: Cue,
    /// Words saying a time holds for only some of those who take the path ("Students without an
    /// accredited degree need 6 to 8 years"): no time of the career's first stage.
    pub some_only: Cue,
    /// Verbs opening an imperative sentence, folded (lower case, no accents).
    imperatives: HashSet<String>,
    /// Verbs whose imperative is also another form: an imperative only in a sentence that speaks
    /// to the reader, folded.
    ambiguous_imperatives: HashSet<String>,
    /// Words that speak to the reader, folded.
    reader_words: HashSet<String>,
    /// Endings of the Spanish infinitive, folded.
    infinitive_endings: Vec<String>,
    /// Words naming training, a credential or a way in.
    pub training: Cue,
    /// Order words a step may open with before its verb ("First,", "Then", "After that,").
    pub step_openers: Cue,
    /// A line introducing a list of what interviews include.
    pub interview_list: Cue,
    /// The word "interview".
    pub interview_word: Cue,
    /// A section about preparing for interviews.
    pub interview_tips: Cue,
    /// Verbs saying what an interview assesses.
    pub eval_verb: Cue,
    /// "Interviews assess this skill through …".
    pub this_skill: Cue,
    /// An interview round.
    pub round: Cue,
    /// Interview pitfalls.
    pub pitfall: Cue,
    /// A line introducing a list of portfolio contents or example projects.
    pub portfolio_list: Cue,
    /// Such a line listing example projects.
    pub example: Cue,
    /// Showing work off.
    pub showcase: Cue,
    /// Projects and repositories.
    pub projects: Cue,
}

impl RoadmapCues {
    /// Parses `assets/roadmap_cues.toml`.
    ///
    /// # Errors
    /// When the TOML is invalid or a phrase misuses the syntax.
    pub fn from_toml(text: &str) -> Result<RoadmapCues, String> {
        let f: CuesFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let cue =
            |name: &str, phrases: &[String]| Cue::new(phrases).map_err(|e| format!("{name}: {e}"));
        let words = |name: &str, list: &[String]| -> Result<HashSet<String>, String> {
            let set: HashSet<String> = list.iter().map(|w| fold(w.trim())).collect();
            if set
                .iter()
                .any(|w| w.is_empty() || w.contains(char::is_whitespace))
            {
                return Err(format!("{name}: each is one word"));
            }
            Ok(set)
        };
        let imperatives = words("imperatives", &f.imperatives)?;
        let ambiguous_imperatives = words("ambiguous_imperatives", &f.ambiguous_imperatives)?;
        let reader_words = words("reader_words", &f.reader_words)?;
        let infinitive_endings: Vec<String> = words("infinitive_endings", &f.infinitive_endings)?
            .into_iter()
            .collect();
        Ok(RoadmapCues {
            career_context: cue("career_context", &f.career_context)?,
            career_list: cue("career_list", &f.career_list)?,
            progression: cue("progression", &f.progression)?,
            lateral: cue("lateral", &f.lateral)?,
            path: cue("path", &f.path)?,
            path_headings: cue("path_headings", &f.path_headings)?,
            tips: cue("tips", &f.tips)?,
            promo: cue("promo", &f.promo)?,
            promo_in_steps: cue("promo_in_steps", &f.promo_in_steps)?,
            time_column: cue("time_column", &f.time_column)?,
            some_only: cue("some_only", &f.some_only)?,
            imperatives,
            ambiguous_imperatives,
            reader_words,
            infinitive_endings,
            training: cue("training", &f.training)?,
            step_openers: cue("step_openers", &f.step_openers)?,
            interview_list: cue("interview_list", &f.interview_list)?,
            interview_word: cue("interview_word", &f.interview_word)?,
            interview_tips: cue("interview_tips", &f.interview_tips)?,
            eval_verb: cue("eval_verb", &f.eval_verb)?,
            this_skill: cue("this_skill", &f.this_skill)?,
            round: cue("round", &f.round)?,
            pitfall: cue("pitfall", &f.pitfall)?,
            portfolio_list: cue("portfolio_list", &f.portfolio_list)?,
            example: cue("example", &f.example)?,
            showcase: cue("showcase", &f.showcase)?,
            projects: cue("projects", &f.projects)?,
        })
    }

    /// Whether `word` is a verb that opens an imperative sentence (any case, accents optional).
    pub fn is_imperative_verb(&self, word: &str) -> bool {
        self.imperatives.contains(&fold(word))
    }

    /// Whether `word` is a verb whose imperative is also another form: an imperative only where
    /// the text speaks to the reader.
    pub fn is_ambiguous_imperative(&self, word: &str) -> bool {
        self.ambiguous_imperatives.contains(&fold(word))
    }

    /// Whether `word`, capitalised and at least [`MIN_INFINITIVE_CHARS`] letters long, ends as a
    /// Spanish infinitive does ("Terminar", "Obtener") and is no English word (`english`, so
    /// "Enter" and "Other" are not).
    pub fn is_infinitive(&self, word: &str, english: impl Fn(&str) -> bool) -> bool {
        let folded = fold(word);
        word.starts_with(char::is_uppercase)
            && folded.chars().count() >= MIN_INFINITIVE_CHARS
            && self
                .infinitive_endings
                .iter()
                .any(|e| folded.ends_with(e.as_str()))
            && !english(&folded)
    }

    /// Whether `text` holds a word that speaks to the reader ("tu", "te", "usted").
    pub fn names_the_reader(&self, text: &str) -> bool {
        fold(text)
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| self.reader_words.contains(w))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cue(phrases: &[&str]) -> Cue {
        Cue::new(&phrases.iter().map(|p| p.to_string()).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn phrases_match_whole_words_in_any_case() {
        let c = cue(&["tip/tips", "how can/do/to you? advance/excel", "pivot*"]);
        assert!(c.is_match("Interview Tips"));
        assert!(!c.is_match("Tipping point"));
        assert!(c.is_match("How can you advance?"));
        assert!(c.is_match("how to excel"));
        assert!(!c.is_match("how you advance"));
        assert!(c.is_match("Pivoting to data"));
        assert!(!c.is_match("a unipivot"));
    }

    #[test]
    fn a_gap_joins_words_in_order_and_a_hyphen_is_a_hyphen_or_a_space() {
        let c = cue(&["interview/interviews ... include", "step-by-step"]);
        assert!(c.is_match("Interviews usually include:"));
        assert!(!c.is_match("Include an interview"));
        assert!(c.is_match("A step by step plan"));
        assert!(c.is_match("A step-by-step plan"));
        let text = "Then coding tests follow.";
        let m = cue(&["coding test/tests", "phone screen"])
            .find(text)
            .unwrap();
        assert_eq!(&text[m], "coding tests");
    }

    #[test]
    fn accents_are_optional_both_ways() {
        let c = cue(&["cómo conseguir", "preparar ... entrevista", "diseño"]);
        assert!(c.is_match("Cómo conseguir tu primer empleo"));
        assert!(c.is_match("COMO CONSEGUIR TU PRIMER EMPLEO"));
        assert!(c.is_match("Preparar bien la entrevista"));
        assert!(c.is_match("diseno"));
        let c = cue(&["resume"]);
        assert!(c.is_match("Your résumé"));
        // Ranges are the original text's, accents and all.
        let text = "Él prepará la entrevista técnica — “entrevista” otra vez";
        let c = cue(&["entrevista tecnica", "entrevista"]);
        let found: Vec<&str> = c.find_iter(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["entrevista técnica", "entrevista"]);
        let text = "Cómo";
        assert_eq!(cue(&["como"]).find(text), Some(0..text.len()));
    }

    #[test]
    fn bad_phrases_are_errors_and_an_empty_list_matches_nothing() {
        assert!(Cue::new(&["... include".to_string()]).is_err());
        assert!(Cue::new(&["  ".to_string()]).is_err());
        assert!(Cue::new(&["a / b".to_string()]).is_err());
        assert!(!Cue::new(&[]).unwrap().is_match("anything"));
    }

    #[test]
    fn imperative_verbs_are_folded() {
        let cues = crate::answer::fixtures::vocab().roadmap_cues();
        assert!(cues.is_imperative_verb("Build"));
        assert!(!cues.is_imperative_verb("Builder"));
        // Spanish, with or without the accent.
        assert!(cues.is_imperative_verb("Prepárate"));
        assert!(cues.is_imperative_verb("Preparate"));
        assert!(cues.is_imperative_verb("Publique"));
        // "Ten" is the English number, not an imperative.
        assert!(!cues.is_imperative_verb("Ten"));
        assert!(cues.is_ambiguous_imperative("Trabaja"));
        assert!(!cues.is_imperative_verb("Trabaja"));
        assert!(cues.names_the_reader("Adapta tu CV a cada oferta."));
        assert!(!cues.names_the_reader("Trabaja en despachos contables."));
    }

    /// Regression (probe five): "Steps to becoming an Accredited Practising Dietitian" headed
    /// a path no cue named, so its list was no learning path.
    #[test]
    fn steps_to_becoming_heads_a_path() {
        let cues = crate::answer::fixtures::vocab().roadmap_cues();
        assert!(
            cues.path
                .is_match("Steps to becoming an Accredited Practising Dietitian")
        );
        assert!(cues.path.is_match("Steps to become a nurse"));
        assert!(!cues.path.is_match("Steps we take to protect your data"));
    }
}
