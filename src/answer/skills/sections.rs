//! Skills in a guide's own words: the items of lists, tables and "Label: text" lines under
//! headings that say they list skills, tools, certifications or soft skills (heading words are
//! data, `assets/skill_sections.toml`), so a guide about any career yields its skills without a
//! lexicon entry for each.
//!
//! **Context.** A passage whose heading names a topic's words lists that topic's skills; inside a
//! passage, a short line naming them ("Helpful certifications beyond the license:", "Soft skills")
//! switches the topic for the lines after it. Headings that ask how ("How to build your skills")
//! are advice, not lists.
//!
//! **Items.** A list item, a table row's first cell, or a "Label: text" line. Its skill is the
//! label when it has one ("Blueprint reading: floor plans, …" → "Blueprint reading"), else its
//! first clause (up to a parenthesis, comma, semicolon, dash or sentence end); longer than
//! `max_words` words, it is prose and skipped. A label that is a category ("Hand tools: pliers,
//! wire strippers") gives the listed items instead. An item that lexicon skills make up (half
//! its terms or more) is left to the lexicon (one skill, one name); an item that only mentions
//! one ("Usability testing and user research") stays in the guide's words. Skills are keyed by their analysed terms, so "Blueprint
//! reading" and "blueprint-reading" are one.

use std::sync::Arc;

use serde::Deserialize;

use super::{Lexicon, Topic};
use crate::analysis::Analyzer;
use crate::answer::levels::LevelWords;
use crate::answer::text::{passage_lines, strip_marker};
use crate::corpus::Passage;

/// The heading words, as loaded from `assets/skill_sections.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SectionsFile {
    max_words: usize,
    soft_skills: Vec<String>,
    certifications: Vec<String>,
    tools: Vec<String>,
    technical: Vec<String>,
    categories: Vec<String>,
    #[serde(default)]
    advice: Vec<String>,
}

/// A skill section vocabulary that does not load.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid skill sections: {0}")]
pub struct SectionsError(pub String);

/// Which headings list skills, and of which topic.
#[derive(Debug)]
pub struct SkillSections {
    analyzer: Arc<Analyzer>,
    /// Per topic, in priority order, its heading words as term sequences.
    topics: Vec<(Topic, Vec<Vec<String>>)>,
    /// Words that make a label a category of items.
    categories: Vec<Vec<String>>,
    /// Words of advice headings ("how", "tips"), lower case as written: never a list of skills.
    advice: Vec<String>,
    max_words: usize,
}

/// One skill an item of a guide names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionSkill {
    /// Its key: its analysed terms, space-separated.
    pub key: String,
    /// Its name as the guide writes it (first letter capitalised).
    pub name: String,
    pub topic: Topic,
    /// Its source line.
    pub line: u32,
    /// The item's words as written on the line.
    pub surface: String,
}

impl SkillSections {
    /// Loads the heading words from TOML in the format of `assets/skill_sections.toml`.
    ///
    /// # Errors
    /// When the TOML does not parse or a word analyses to no term.
    pub fn from_toml(text: &str, analyzer: &Arc<Analyzer>) -> Result<SkillSections, SectionsError> {
        let file: SectionsFile = toml::from_str(text).map_err(|e| SectionsError(e.to_string()))?;
        let phrases = |words: &[String]| -> Result<Vec<Vec<String>>, SectionsError> {
            words
                .iter()
                .map(|w| {
                    let terms: Vec<String> = analyzer
                        .analyze(w)
                        .into_iter()
                        .map(|t| t.text.to_string())
                        .collect();
                    if terms.is_empty() {
                        Err(SectionsError(format!("{w:?} has no searchable word")))
                    } else {
                        Ok(terms)
                    }
                })
                .collect()
        };
        if file.max_words == 0 {
            return Err(SectionsError("max_words must be at least 1".into()));
        }
        Ok(SkillSections {
            analyzer: Arc::clone(analyzer),
            topics: vec![
                (Topic::SoftSkills, phrases(&file.soft_skills)?),
                (Topic::Certifications, phrases(&file.certifications)?),
                (Topic::Tools, phrases(&file.tools)?),
                (Topic::Technical, phrases(&file.technical)?),
            ],
            categories: phrases(&file.categories)?,
            advice: file.advice.iter().map(|w| w.to_lowercase()).collect(),
            max_words: file.max_words,
        })
    }

    fn terms(&self, text: &str) -> Vec<String> {
        self.analyzer
            .analyze(text)
            .into_iter()
            .map(|t| t.text.to_string())
            .collect()
    }

    /// Whether lexicon skills make up at least half of an item's `n_terms` analysed terms
    /// ("JavaScript (Node.js)", "Teamwork during handoffs"): then the item is the lexicon's to
    /// name. An item that only mentions one ("User research and usability testing") is a skill
    /// in the guide's own words.
    fn mostly_lexicon(&self, lexicon: &Lexicon, name: &str, n_terms: usize) -> bool {
        let covered: usize = lexicon
            .find(name)
            .iter()
            .map(|hit| self.terms(&name[hit.start..hit.end]).len())
            .sum();
        covered * 2 >= n_terms
    }

    /// The topic whose words a heading (or lead-in line) names, in priority order.
    fn topic_of(&self, heading: &str) -> Option<Topic> {
        let lower = heading.to_lowercase();
        if lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| self.advice.iter().any(|a| a == w))
        {
            return None;
        }
        let terms = self.terms(heading);
        self.topics
            .iter()
            .find(|(_, words)| words.iter().any(|p| contains(&terms, p)))
            .map(|(t, _)| *t)
    }

    /// Whether a label names a category of items ("Hand tools", "Programming languages").
    fn is_category(&self, label: &str) -> bool {
        let terms = self.terms(label);
        let Some(last) = terms.last() else {
            return false;
        };
        self.categories
            .iter()
            .chain(self.topics.iter().flat_map(|(_, w)| w))
            .any(|p| p.len() == 1 && &p[0] == last)
    }

    /// The skills the lists of `passage` name in its own words (lexicon skills excluded), in
    /// line order.
    pub fn extract(
        &self,
        lexicon: &Lexicon,
        levels: &LevelWords,
        passage: &Passage,
    ) -> Vec<SectionSkill> {
        // A guide's title ("… Guide 2026: Salary, Skills, Roadmap") or any long heading names
        // what a whole text is about, not a list.
        let heading = passage.section.trim();
        let mut topic = (heading != passage.title.trim()
            && heading.split_whitespace().count() <= MAX_HEADING_WORDS)
            .then(|| self.topic_of(heading))
            .flatten();
        let mut out = Vec::new();
        let lines = passage_lines(passage);
        for (i, pl) in lines.iter().enumerate() {
            if pl.heading {
                continue;
            }
            // A table's header row (the row above its separator) names columns, not skills.
            if lines
                .get(i + 1)
                .is_some_and(|next| is_separator_row(next.text))
            {
                continue;
            }
            let content = pl.text[strip_marker(pl.text)..].trim();
            let marked = strip_marker(pl.text) > 0;
            let words = content.split_whitespace().count();
            // A short unmarked line ending a thought with ":" or standing alone is a lead-in or
            // sub-heading: it sets the topic of the lines after it.
            let lead_in = !marked
                && !content.starts_with('|')
                && (content.ends_with(':') || (words <= self.max_words && !has_label(content)))
                && !ends_sentence(content);
            if lead_in {
                if let Some(t) = self.topic_of(content) {
                    topic = Some(t);
                    continue;
                }
                if content.ends_with(':') {
                    continue;
                }
            }
            let Some(current) = topic else { continue };
            for (name, surface, label_topic) in self.items(content, marked, levels) {
                let name = clean_name(&name);
                let n_words = name.split_whitespace().count();
                if n_words == 0 || n_words > self.max_words || name.chars().count() > 60 {
                    continue;
                }
                let terms = self.terms(&name);
                if terms.is_empty() || self.mostly_lexicon(lexicon, &name, terms.len()) {
                    continue;
                }
                let key = terms.join(" ");
                // An item with the words of a certification is one, wherever it is listed.
                let topic = match self.topic_of(&name) {
                    Some(Topic::Certifications) => Topic::Certifications,
                    _ => label_topic.unwrap_or(current),
                };
                out.push(SectionSkill {
                    key,
                    name: capitalise(&name),
                    topic,
                    line: pl.line,
                    surface,
                });
            }
        }
        out
    }

    /// The skill names of one line's content: (name, the words as written, the topic its label
    /// names when a category label gives it).
    fn items(
        &self,
        content: &str,
        marked: bool,
        levels: &LevelWords,
    ) -> Vec<(String, String, Option<Topic>)> {
        if let Some(row) = content.strip_prefix('|') {
            let cells: Vec<&str> = row.split('|').map(str::trim).collect();
            let first = cells.first().copied().unwrap_or_default();
            // Separator rows, empty cells, header rows (a heading word as first cell) and
            // rows labelled by a level (what each level needs) are not skills.
            if first.is_empty()
                || is_separator_row(content)
                || self.topic_of(first).is_some()
                || levels.of_label(first).is_some()
            {
                return Vec::new();
            }
            return vec![(first.to_string(), first.to_string(), None)];
        }
        // "**Name** — text" or "**Name:** text": the bold lead is the item's name.
        if let Some(bold) = bold_lead(content) {
            return vec![(bold.to_string(), bold.to_string(), None)];
        }
        if let Some((label, body)) = split_label(content) {
            if self.is_category(label) || self.topic_of(label).is_some() {
                let items = split_list(body);
                let words = |i: &String| i.split_whitespace().count();
                // A category lists short items, most of them very short; a label followed by
                // prose is one skill.
                let short = items
                    .iter()
                    .filter(|i| words(i) <= CATEGORY_ITEM_WORDS)
                    .count();
                if items.len() >= 2
                    && short * 2 >= items.len()
                    && items.iter().all(|i| words(i) <= self.max_words)
                {
                    let topic = self.topic_of(label);
                    return items
                        .into_iter()
                        .map(|i| (i.to_string(), i.to_string(), topic))
                        .collect();
                }
            }
            return vec![(label.to_string(), label.to_string(), None)];
        }
        if !marked {
            return Vec::new();
        }
        let clause = first_clause(content);
        vec![(clause.to_string(), clause.to_string(), None)]
    }
}

/// Most words of a heading that introduces a list of skills.
const MAX_HEADING_WORDS: usize = 8;

/// Most words of an item of a category list ("Hand tools: pliers, wire strippers, fish tape").
const CATEGORY_ITEM_WORDS: usize = 4;

/// The bold words an item starts with ("**Data storytelling:** leading …" → "Data storytelling").
fn bold_lead(content: &str) -> Option<&str> {
    let rest = content.strip_prefix("**")?;
    let end = rest.find("**")?;
    let name = rest[..end].trim().trim_end_matches([':', '.', ' ']);
    (!name.is_empty() && end <= 100).then_some(name)
}

/// Whether a line is a markdown table's separator row ("| --- | :-: |").
fn is_separator_row(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') && t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// Whether `needle` occurs as a contiguous run of `terms`.
fn contains(terms: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && terms.windows(needle.len()).any(|w| w == needle)
}

/// Whether a line is "Label: text" with a short label.
fn has_label(content: &str) -> bool {
    split_label(content).is_some()
}

/// "Label: text" → (label, text), for labels of at most twelve words and a non-empty text.
fn split_label(content: &str) -> Option<(&str, &str)> {
    let (label, body) = content.split_once(':')?;
    let label = label.trim();
    let body = body.trim();
    let plain = label.trim_matches(|c| c == '*' || c == '_').trim();
    (!plain.is_empty()
        && !body.is_empty()
        && plain.split_whitespace().count() <= 12
        && !plain.contains("http")
        && !body.starts_with("//"))
    .then_some((plain, body))
}

/// Items of "a, b, c and d" (or "y"/"or"/"o"), ending at the first sentence end; parenthetical
/// asides are dropped, and a comma inside a number ("8,000") splits nothing.
fn split_list(body: &str) -> Vec<String> {
    let body = body
        .split(". ")
        .next()
        .unwrap_or(body)
        .trim_end_matches('.');
    let mut plain = String::with_capacity(body.len());
    let mut depth = 0usize;
    for c in body.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for part in plain.split(", ").flat_map(|p| p.split("; ")) {
        let part = part.trim();
        let part = ["and ", "or ", "y ", "o ", "e "]
            .iter()
            .find_map(|c| part.strip_prefix(c))
            .unwrap_or(part);
        // Alternatives are items of their own ("Jira or Linear"); a purpose ("for delivery")
        // is not part of the name.
        for piece in part
            .split(" and ")
            .flat_map(|p| p.split(" y "))
            .flat_map(|p| p.split(" or "))
            .flat_map(|p| p.split(" o "))
        {
            let piece = [" for ", " para "]
                .iter()
                .fold(piece, |p, stop| p.split(stop).next().unwrap_or(p));
            let piece = piece.trim().trim_end_matches([',', ';']);
            if !piece.is_empty() {
                out.push(piece.to_string());
            }
        }
    }
    out
}

/// A list item's first clause: up to a parenthesis, comma, semicolon, dash or sentence end.
fn first_clause(content: &str) -> &str {
    let mut end = content.len();
    for stop in [" (", ",", ";", " — ", " – ", " - ", ". ", "? ", "! "] {
        if let Some(i) = content.find(stop) {
            end = end.min(i);
        }
    }
    content[..end].trim_end_matches(['.', '!', '?', ':']).trim()
}

/// Whether a line ends as a sentence does.
fn ends_sentence(content: &str) -> bool {
    content.ends_with(['.', '!', '?'])
}

/// A name without markdown emphasis, links or code marks, and without trailing punctuation.
fn clean_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    // "[text](url)" → "text".
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find("](") else {
            break;
        };
        let Some(end) = rest[open + close..].find(')') else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..open + close]);
        rest = &rest[open + close + end + 1..];
    }
    out.push_str(rest);
    let out: String = out
        .chars()
        .filter(|c| !matches!(c, '*' | '`' | '_'))
        .collect();
    out.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '+' && c != '#' && c != ')')
        .to_string()
}

/// The first letter in upper case.
fn capitalise(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::fixtures::vocab;

    fn passage(section: &str, lines: &[&str]) -> Passage {
        Passage {
            source: "g.md".into(),
            title: "Guide".into(),
            career: "Nurse".into(),
            section: section.into(),
            url: None,
            start_line: 1,
            end_line: 1 + lines.len() as u32,
            text: lines.join("\n"),
            line_numbers: (2..2 + lines.len() as u32).collect(),
        }
    }

    fn names(p: &Passage) -> Vec<(String, Topic)> {
        let v = vocab();
        v.skill_sections()
            .extract(v.skills(), v.levels(), p)
            .into_iter()
            .map(|s| (s.name, s.topic))
            .collect()
    }

    #[test]
    fn list_items_under_a_skills_heading_with_their_labels() {
        let p = passage(
            "Clinical Skills",
            &[
                "- **Wound care**: dressing changes, infection control",
                "- Medication administration (oral, IV and intramuscular)",
                "- IV insertion",
                "- Reading patient charts and telling the doctor when a value looks wrong to you today",
            ],
        );
        assert_eq!(
            names(&p),
            vec![
                ("Wound care".to_string(), Topic::Technical),
                ("Medication administration".to_string(), Topic::Technical),
                ("IV insertion".to_string(), Topic::Technical),
            ]
        );
    }

    #[test]
    fn topics_from_heading_and_lead_in_lines() {
        let p = passage(
            "Licenses and Certifications",
            &[
                "Registration comes first. The usual sequence is:",
                "- BLS certification",
                "Helpful tools:",
                "- Stethoscope",
                "Soft skills",
                "- Empathy",
            ],
        );
        assert_eq!(
            names(&p),
            vec![
                ("BLS certification".to_string(), Topic::Certifications),
                ("Stethoscope".to_string(), Topic::Tools),
                ("Empathy".to_string(), Topic::SoftSkills),
            ]
        );
    }

    #[test]
    fn a_category_label_gives_its_items() {
        let p = passage(
            "Tools of the Trade",
            &["Hand tools: pliers, wire strippers and fish tape"],
        );
        let got: Vec<String> = names(&p).into_iter().map(|(n, _)| n).collect();
        assert_eq!(got, vec!["Pliers", "Wire strippers", "Fish tape"]);
    }

    #[test]
    fn technical_and_personal_labels_are_categories_of_items() {
        let p = passage(
            "SKILLS YOU NEED",
            &[
                "Technical: dental radiography, periodontal charting, local anesthesia (in states that allow it).",
                "Personal: a gentle manner with nervous patients, manual dexterity, patience.",
            ],
        );
        assert_eq!(
            names(&p),
            vec![
                ("Dental radiography".to_string(), Topic::Technical),
                ("Periodontal charting".to_string(), Topic::Technical),
                ("Local anesthesia".to_string(), Topic::Technical),
                (
                    "A gentle manner with nervous patients".to_string(),
                    Topic::SoftSkills
                ),
                ("Manual dexterity".to_string(), Topic::SoftSkills),
                ("Patience".to_string(), Topic::SoftSkills),
            ]
        );
    }

    #[test]
    fn table_rows_give_their_first_cell() {
        let p = passage(
            "Key competencies",
            &[
                "| Competency | Why it matters |",
                "| --- | --- |",
                "| Triage | Decide who is seen first |",
                "| Senior nurses | Mentoring |",
            ],
        );
        assert_eq!(names(&p), vec![("Triage".to_string(), Topic::Technical)]);
    }

    #[test]
    fn other_sections_advice_and_lexicon_skills_give_nothing() {
        let p = passage("Daily life", &["- Wound care", "- Night shifts"]);
        assert!(names(&p).is_empty());
        let p = passage("How to improve your skills", &["- Take a course"]);
        assert!(names(&p).is_empty());
        let p = passage("Skills", &["- Python", "- Communication"]);
        assert!(names(&p).is_empty(), "{:?}", names(&p));
    }

    #[test]
    fn an_item_that_only_mentions_a_lexicon_skill_keeps_the_guides_words() {
        // "testing" is a lexicon skill, but this item is usability testing, a skill of its own;
        // "JavaScript (Node.js)" is the lexicon's skill and gives nothing here.
        let p = passage(
            "Skills employers look for",
            &[
                "- User research and usability testing",
                "- JavaScript (Node.js)",
            ],
        );
        assert_eq!(
            names(&p),
            vec![(
                "User research and usability testing".to_string(),
                Topic::Technical
            )]
        );
    }

    #[test]
    fn spanish_headings() {
        let p = passage("Habilidades blandas", &["- Trabajo en equipo"]);
        assert_eq!(
            names(&p),
            vec![("Trabajo en equipo".to_string(), Topic::SoftSkills)]
        );
        let p = passage("Herramientas", &["- Sketch"]);
        assert_eq!(names(&p), vec![("Sketch".to_string(), Topic::Tools)]);
    }
}
