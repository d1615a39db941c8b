//! Naming the career a guide is about: read from its title when the manifest does not say, and
//! normalised so two guides about one career share it ("backend developers" and "Back-End
//! Developer" are one career). The phrases and spellings are data (`assets/careers.toml`).

use std::sync::Arc;

use serde::Deserialize;

use crate::analysis::Analyzer;

/// A career name's comparison key: lower case, its words joined by single spaces.
pub fn career_key(name: &str) -> String {
    name.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a member's name for a career matches among the library's careers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CareerMatch {
    /// Exactly one career.
    One(String),
    /// Several careers; the name should say which.
    Several(Vec<String>),
    /// None of them.
    None,
}

/// Matches `asked` against `careers`: the same name in any case or spelling ("backend
/// developer"), else the words of one career only ("electrician", "analyst"), else the start of
/// its words ("elec"), else its initials ("pm" → Product Manager).
pub fn match_career(namer: &CareerNamer, asked: &str, careers: &[String]) -> CareerMatch {
    let key = career_key(&namer.normalise(asked));
    if key.is_empty() {
        return CareerMatch::None;
    }
    if let Some(c) = careers.iter().find(|c| career_key(c) == key) {
        return CareerMatch::One(c.clone());
    }
    let words = |c: &str| -> Vec<String> {
        career_key(c)
            .split(|ch: char| ch.is_whitespace() || ch == '-')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let asked_words = words(&key);
    let matching = |pred: &dyn Fn(&str) -> bool| -> Vec<String> {
        careers.iter().filter(|c| pred(c)).cloned().collect()
    };
    for found in [
        // Every asked word is a word of the career.
        matching(&|c| {
            let cw = words(c);
            asked_words.iter().all(|w| cw.contains(w))
        }),
        // Every asked word starts a word of the career.
        matching(&|c| {
            let cw = words(c);
            asked_words
                .iter()
                .all(|w| w.len() >= 3 && cw.iter().any(|x| x.starts_with(w.as_str())))
        }),
        // The career's initials.
        matching(&|c| {
            let initials: String = words(c).iter().filter_map(|w| w.chars().next()).collect();
            asked_words.len() == 1 && initials.len() >= 2 && initials == asked_words[0]
        }),
    ] {
        match found.len() {
            0 => {}
            1 => return CareerMatch::One(found.into_iter().next().unwrap_or_default()),
            _ => return CareerMatch::Several(found),
        }
    }
    CareerMatch::None
}

/// Why a careers table cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid careers table: {0}")]
pub struct CareersError(pub String);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CareersFile {
    prefixes: Vec<String>,
    suffixes: Vec<String>,
    not_careers: Vec<String>,
    #[serde(default)]
    compound: Vec<Compound>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Compound {
    forms: Vec<String>,
}

/// Names careers: reads them from titles and normalises them.
#[derive(Debug, Clone)]
pub struct CareerNamer {
    /// Lower-case word sequences stripped from the start of a title part, longest first.
    prefixes: Vec<Vec<String>>,
    /// The same, stripped from the end.
    suffixes: Vec<Vec<String>>,
    not_careers: Vec<String>,
    /// Lower-case word sequences of a compound's spellings → how it is written.
    compounds: Vec<(Vec<String>, String)>,
    /// Places a title may say its career is practised in ("… in Canada"), lower-case word
    /// sequences, longest first (see [`CareerNamer::with_places`]).
    places: Vec<Vec<String>>,
    /// The common words of the language (see [`CareerNamer::with_dictionary`]).
    dictionary: Option<Arc<Analyzer>>,
}

/// Words before a place that say a career is practised there ("in Canada", "in the UK").
const IN_PLACE: [&str; 5] = ["in", "the", "en", "el", "la"];

/// Most letters of an acronym in a name written all in capitals ("HVAC", "TCAE").
const MAX_ACRONYM_LETTERS: usize = 4;

/// Most words a career name read from a title may have.
const MAX_CAREER_WORDS: usize = 5;

fn words_of(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_lowercase).collect()
}

/// The words of `text` folded (lower case, no accents), as titles are compared with the
/// table's phrases and places: "Topógrafo en el Perú" ends on the place "Peru".
fn folded_words_of(text: &str) -> Vec<String> {
    text.split_whitespace().map(crate::roles::fold).collect()
}

impl CareerNamer {
    /// Parses a careers table (the format of `assets/careers.toml`).
    ///
    /// # Errors
    /// When the TOML is invalid or a compound has no forms.
    pub fn from_toml(text: &str) -> Result<CareerNamer, CareersError> {
        let file: CareersFile = toml::from_str(text).map_err(|e| CareersError(e.to_string()))?;
        let phrases = |list: Vec<String>| {
            let mut v: Vec<Vec<String>> = list
                .iter()
                .map(|p| folded_words_of(p))
                .filter(|w| !w.is_empty())
                .collect();
            v.sort_by_key(|w| std::cmp::Reverse(w.len()));
            v
        };
        let mut compounds = Vec::new();
        for c in file.compound {
            let Some(written) = c.forms.first() else {
                return Err(CareersError("a [[compound]] has no forms".into()));
            };
            for form in &c.forms {
                compounds.push((words_of(&form.replace('-', " ")), written.clone()));
                compounds.push((words_of(form), written.clone()));
            }
        }
        compounds.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        compounds.dedup();
        Ok(CareerNamer {
            prefixes: phrases(file.prefixes),
            suffixes: phrases(file.suffixes),
            not_careers: file.not_careers.iter().map(|w| w.to_lowercase()).collect(),
            compounds,
            places: Vec::new(),
            dictionary: None,
        })
    }

    /// The namer with `places` (country names: "Canada", "United Kingdom") as places a title
    /// may say its career is practised in: "Social Worker in Canada" names "Social Worker".
    #[must_use]
    pub fn with_places<'a>(mut self, places: impl IntoIterator<Item = &'a str>) -> CareerNamer {
        self.places = places
            .into_iter()
            .map(folded_words_of)
            .filter(|w| !w.is_empty())
            .collect();
        self.places.sort_by_key(|w| std::cmp::Reverse(w.len()));
        self.places.dedup();
        self
    }

    /// The namer with `analyzer`'s dictionary of common words: in a title written all in
    /// capitals, a word of it, or a word longer than an acronym, is no acronym ("AIR TRAFFIC
    /// CONTROLLER" → "Air Traffic Controller", but "HVAC TECHNICIAN" → "HVAC Technician").
    #[must_use]
    pub fn with_dictionary(mut self, analyzer: Arc<Analyzer>) -> CareerNamer {
        self.dictionary = Some(analyzer);
        self
    }

    /// The career a guide titled `title` is about, if the title names one.
    pub fn from_title(&self, title: &str) -> Option<String> {
        self.read(title, false)
    }

    /// The career a heading introduces ("What Does a Backend Developer Do?", "How to Become an
    /// Electrician"): only when a phrase of two words or more introduced it, since headings name
    /// many things besides careers.
    pub fn from_heading(&self, heading: &str) -> Option<String> {
        self.read(heading, true)
    }

    fn read(&self, title: &str, introduced_only: bool) -> Option<String> {
        let cut: &[char] = &[':', '|', '(', ')', '[', ']', ',', '?', '!', '–', '—', ';'];
        for part in title.split(cut).flat_map(|p| p.split(" - ")) {
            // Words, without years and numbers, without punctuation around them.
            let mut words: Vec<&str> = part
                .split_whitespace()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&' && c != '-'))
                .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
                .collect();
            let mut introduced = false;
            loop {
                let lower: Vec<String> = words.iter().map(|w| crate::roles::fold(w)).collect();
                if let Some(p) = self.prefixes.iter().find(|p| lower.starts_with(p)) {
                    introduced |= p.len() >= 2;
                    words.drain(..p.len());
                } else if let Some(s) = self.suffixes.iter().find(|s| lower.ends_with(s)) {
                    words.truncate(words.len() - s.len());
                } else if let Some(p) = self.places.iter().find(|p| {
                    lower.ends_with(p)
                        && lower.len() > p.len() + 1
                        && IN_PLACE.contains(&lower[lower.len() - p.len() - 1].as_str())
                }) {
                    // "… in Canada", "… in the United Kingdom": the preposition goes next.
                    words.truncate(words.len() - p.len());
                } else {
                    break;
                }
            }
            let named = (introduced || !introduced_only)
                && !words.is_empty()
                && words.len() <= MAX_CAREER_WORDS
                && words
                    .iter()
                    .any(|w| !self.not_careers.contains(&w.to_lowercase()));
            if named {
                return Some(self.normalise(&words.join(" ")));
            }
        }
        None
    }

    /// One spelling of a career name: title case (words already in capitals are kept, "UX"),
    /// one form per compound ("backend", "back end" → "Back-End"), a singular last word.
    pub fn normalise(&self, name: &str) -> String {
        // Tokens: words split at hyphens too, each remembering whether a hyphen followed it.
        let mut tokens: Vec<(&str, bool)> = Vec::new();
        for word in name.split_whitespace() {
            let parts: Vec<&str> = word.split('-').filter(|p| !p.is_empty()).collect();
            for (k, part) in parts.iter().enumerate() {
                tokens.push((part, k + 1 < parts.len()));
            }
        }
        let lower: Vec<String> = tokens.iter().map(|(t, _)| t.to_lowercase()).collect();
        // A name written all in capitals: its common words are words, not acronyms.
        let shouted = tokens.len() >= 2 && !name.chars().any(char::is_lowercase);
        let common = |i: usize| {
            shouted
                && (lower[i].chars().count() > MAX_ACRONYM_LETTERS
                    || self
                        .dictionary
                        .as_ref()
                        .is_some_and(|d| d.in_dictionary(&lower[i])))
        };
        let mut words: Vec<String> = Vec::new();
        let mut glued = String::new();
        let mut i = 0;
        while i < tokens.len() {
            if let Some((form, written)) = self
                .compounds
                .iter()
                .find(|(form, _)| lower[i..].starts_with(form))
            {
                glued.push_str(written);
                let hyphen_after = tokens[i + form.len() - 1].1;
                i += form.len();
                if hyphen_after {
                    glued.push('-');
                    continue;
                }
            } else {
                let token = if common(i) { &lower[i] } else { tokens[i].0 };
                glued.push_str(&title_case(token, words.is_empty() && glued.is_empty()));
                let hyphen_after = tokens[i].1;
                i += 1;
                if hyphen_after {
                    glued.push('-');
                    continue;
                }
            }
            words.push(std::mem::take(&mut glued));
        }
        if !glued.is_empty() {
            words.push(glued);
        }
        if let Some(last) = words.last_mut() {
            *last = singular(last);
        }
        words.join(" ")
    }
}

/// Small words that stay in lower case inside a name ("Director of Product").
const SMALL_WORDS: &[&str] = &[
    "of", "and", "or", "in", "the", "for", "to", "a", "an", "de", "del", "y", "o", "en",
];

/// A word in title case; a word with capitals after its first letter (an acronym, "UX") stays
/// as written, and a small word inside a name stays lower case.
fn title_case(word: &str, first: bool) -> String {
    if word.chars().skip(1).any(char::is_uppercase) {
        return word.to_string();
    }
    let lower = word.to_lowercase();
    if !first && SMALL_WORDS.contains(&lower.as_str()) {
        return lower;
    }
    let mut chars = lower.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The singular of an English plural noun ("developers" → "developer", "secretaries" →
/// "secretary", "nurses" → "nurse"); other words unchanged.
fn singular(word: &str) -> String {
    let lower = word.to_lowercase();
    if lower.len() <= 3 || word.chars().all(|c| !c.is_lowercase()) {
        return word.to_string();
    }
    if lower.ends_with("ies") {
        return format!("{}y", &word[..word.len() - 3]);
    }
    for ending in ["sses", "xes", "ches", "shes"] {
        if lower.ends_with(ending) {
            return word[..word.len() - 2].to_string();
        }
    }
    if lower.ends_with('s')
        && !lower.ends_with("ss")
        && !lower.ends_with("us")
        && !lower.ends_with("is")
    {
        return word[..word.len() - 1].to_string();
    }
    word.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn namer() -> CareerNamer {
        CareerNamer::from_toml(include_str!("../../assets/careers.toml")).unwrap()
    }

    /// Regression (probe five, guides with no manifest): a title saying where the career is
    /// practised, one written all in capitals, and a blog post's "So you want to be …".
    #[test]
    fn a_title_s_country_capitals_and_blog_opening_are_no_part_of_the_career() {
        let vocab = crate::vocab::Vocabulary::shipped();
        let n = vocab.careers();
        for (title, career) in [
            (
                "Social Worker in Canada: Salary, Education, Registration and Career Path",
                "Social Worker",
            ),
            (
                "How to Become a Dietitian in Australia | Allied Health Careers",
                "Dietitian",
            ),
            (
                "Working as a Freelance Translator or Interpreter in Germany",
                "Freelance Translator or Interpreter",
            ),
            (
                "So You Want to Be a Wedding Photographer in Ireland? Here's What Nobody Told Me",
                "Wedding Photographer",
            ),
            ("Nurse in the United Kingdom", "Nurse"),
            (
                "AIR TRAFFIC CONTROLLER - UNITED STATES",
                "Air Traffic Controller",
            ),
            ("HVAC TECHNICIAN GUIDE", "HVAC Technician"),
            // A place that is part of the career's name stays.
            ("Canada Goose Handler", "Canada Goose Handler"),
            // Regression (probe ten): a Spanish title, the place written with its accent
            // ("Topógrafo en El Perú" was read as the career).
            ("Topógrafo en el Perú", "Topógrafo"),
            ("Guía: Enfermera en la Argentina", "Enfermera"),
            ("Cómo ser electricista en México", "Electricista"),
        ] {
            assert_eq!(n.from_title(title).as_deref(), Some(career), "{title}");
        }
        // Without the places and the dictionary, as before.
        assert_eq!(
            namer().from_title("Social Worker in Canada").as_deref(),
            Some("Social Worker in Canada")
        );
    }

    #[test]
    fn careers_are_read_from_titles_of_any_style() {
        let n = namer();
        for (title, career) in [
            (
                "How to Become an Electrician in 2026: Salary, Licenses, and Career Roadmap",
                "Electrician",
            ),
            (
                "Data Analyst Career Guide 2026: Salary, Skills, Roadmap and Interview Prep",
                "Data Analyst",
            ),
            (
                "Product Manager Career Guide 2026: Salary, Skills & Career Path | LaunchLadder",
                "Product Manager",
            ),
            (
                "Back-End Developer Jobs in the USA (2026): A Comprehensive Guide",
                "Back-End Developer",
            ),
            (
                "Backend Developer Skills in 2026: Core Competencies, Interviews and Salary",
                "Back-End Developer",
            ),
            (
                "Backend Developer Job Description, Responsibilities & Career Outlook 2026",
                "Back-End Developer",
            ),
            (
                "Back-End Developer: Complete Career Guide (2026)",
                "Back-End Developer",
            ),
            ("What Does a Firefighter Do?", "Firefighter"),
            ("Registered Nurses: The Complete Guide", "Registered Nurse"),
            ("UX Designer Salary Guide 2026", "UX Designer"),
            (
                "Director of Product — a career guide",
                "Director of Product",
            ),
            (
                "Guía de carrera 2026: cómo ser desarrollador frontend",
                "Desarrollador Front-End",
            ),
        ] {
            assert_eq!(n.from_title(title).as_deref(), Some(career), "{title}");
        }
        assert_eq!(n.from_title("Salary and Skills: an Overview"), None);
        assert_eq!(n.from_title(""), None);
    }

    #[test]
    fn members_name_careers_loosely() {
        let n = namer();
        let careers: Vec<String> = [
            "Back-End Developer",
            "Data Analyst",
            "Electrician",
            "Front-End Developer",
            "Product Manager",
        ]
        .map(String::from)
        .to_vec();
        let one = |s: &str| match match_career(&n, s, &careers) {
            CareerMatch::One(c) => c,
            other => panic!("{s}: {other:?}"),
        };
        assert_eq!(one("backend developers"), "Back-End Developer");
        assert_eq!(one("ELECTRICIAN"), "Electrician");
        assert_eq!(one("electricians"), "Electrician");
        assert_eq!(one("pm"), "Product Manager");
        assert_eq!(one("analyst"), "Data Analyst");
        assert_eq!(one("product"), "Product Manager");
        assert_eq!(one("front end"), "Front-End Developer");
        assert!(matches!(
            match_career(&n, "developer", &careers),
            CareerMatch::Several(v) if v.len() == 2
        ));
        assert_eq!(match_career(&n, "firefighter", &careers), CareerMatch::None);
        assert_eq!(match_career(&n, "", &careers), CareerMatch::None);
    }

    #[test]
    fn spellings_of_one_career_normalise_to_one() {
        let n = namer();
        for name in [
            "backend developers",
            "Back end developer",
            "back-end Developer",
            "BACKEND developer",
        ] {
            assert_eq!(n.normalise(name), "Back-End Developer", "{name}");
        }
        assert_eq!(n.normalise("secretaries"), "Secretary");
        assert_eq!(n.normalise("nurses"), "Nurse");
        assert_eq!(n.normalise("HVAC technicians"), "HVAC Technician");
        assert_eq!(n.normalise("business"), "Business");
        assert_eq!(career_key("Back-End  Developer"), "back-end developer");
    }
}
