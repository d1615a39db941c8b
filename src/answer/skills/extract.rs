//! Finding skills and level expectations in a passage: every lexicon skill a line names (one
//! mention per skill and line), and what the guides expect at each level.

use std::collections::HashSet;
use std::ops::Range;

use once_cell::sync::Lazy;
use regex::{Captures, Regex};

use super::{ExpectationForm, LevelExpectation, Lexicon, PassageMention, SkillCitation};
use crate::answer::citation::Citation;
use crate::answer::level::Level;
use crate::answer::re;
use crate::answer::text::{passage_lines, sentences, strip_marker};
use crate::corpus::Passage;

/// Every skill named in a passage (heading included when the passage starts at it), one per
/// skill and line, in line order.
pub fn extract_mentions(lexicon: &Lexicon, passage: &Passage) -> Vec<PassageMention> {
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
                    cite: Citation::at(passage, pl.line),
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
            cite: Citation::at(passage, line),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn passage_in(section: &str, start_line: u32, text: &str) -> Passage {
        let n = text.split('\n').count() as u32;
        Passage {
            source: "t.txt".into(),
            title: "Test guide".into(),
            career: String::new(),
            section: section.into(),
            url: None,
            start_line,
            end_line: 10 + n - 1,
            text: text.into(),
            line_numbers: (10..10 + n).collect(),
        }
    }

    fn passage(text: &str) -> Passage {
        passage_in("Skills", 10, text)
    }

    #[test]
    fn heading_line_counts_when_the_passage_starts_at_it() {
        let p = passage_in(
            "Skill #1: Programming (Python/Java)",
            9,
            "Write code daily.",
        );
        let m = extract_mentions(crate::answer::fixtures::vocab().skills(), &p);
        assert_eq!(
            m.iter()
                .map(|m| (m.skill.as_str(), m.citation.cite.line))
                .collect::<Vec<_>>(),
            vec![("Python", 9), ("Java", 9)]
        );
        // A later part of a split section does not repeat its heading.
        let p = passage_in(
            "Skill #1: Programming (Python/Java)",
            10,
            "Write code daily.",
        );
        assert!(extract_mentions(crate::answer::fixtures::vocab().skills(), &p).is_empty());
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
}
