//! The text toolkit the answer rooms share: words, sentences, list markers, and a passage's
//! lines with their source line numbers.

use std::ops::Range;

use crate::corpus::Passage;
use crate::corpus::split::wraps_onto;

/// A regex alternation of `phrases` (longest first, so a longer phrase wins where two start
/// alike), each phrase's words escaped and joined by any run of spaces or hyphens ("head of" also
/// matches "head-of"). Empty when `phrases` is.
pub(crate) fn phrase_alternation<'a>(phrases: impl IntoIterator<Item = &'a str>) -> String {
    let mut phrases: Vec<&str> = phrases.into_iter().collect();
    phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
    phrases
        .iter()
        .map(|p| {
            p.split(' ')
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(r"[\s-]+")
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// Words a line of prose cannot end on when its sentence goes on: a range's connector ("£30,000
/// to" / "£38,000"), a conjunction ("cardiac monitoring and" / "12-lead ECG"), a preposition or
/// an article ("£7 and £9 an" / "hour"), English and Spanish.
const OPEN_ENDINGS: &[&str] = &[
    "to", "and", "or", "between", "from", "of", "at", "around", "about", "per", "a", "an", "the",
    "than", "over", "under", "up", "y", "o", "entre", "de", "al", "por", "un", "una", "unos",
    "hasta", "desde",
];

/// Whether a line is left open: it ends on a dash or on one of [`OPEN_ENDINGS`], so its
/// sentence goes on in the next line.
pub(crate) fn left_open(line: &str) -> bool {
    let line = line.trim_end();
    line.ends_with(['-', '–', '—'])
        || line
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .is_some_and(|w| OPEN_ENDINGS.iter().any(|e| e.eq_ignore_ascii_case(w)))
}

/// Whether `next` carries on the sentence of `line`, the line before it: prose wrapped at a
/// width ([`wraps_onto`]), or a line left open ([`left_open`]) before a line that goes on in
/// lower case or with a digit ("… cardiac monitoring and" / "12-lead ECG interpretation, …").
pub(crate) fn carries_on(line: &str, next: &str) -> bool {
    wraps_onto(line, next)
        || (left_open(line)
            && next
                .trim_start()
                .starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit()))
}

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
    const CLOSERS: [char; 5] = ['"', '”', '’', ')', '\''];
    let mut cuts = Vec::new();
    // Sentence ends are ASCII, so their byte positions are character boundaries; the characters
    // around one are read from the text itself, with no table of every character.
    for (at, b) in text.bytes().enumerate() {
        if !matches!(b, b'.' | b'!' | b'?') {
            continue;
        }
        let after = &text[at + 1..];
        let mut rest = after.char_indices();
        let mut skipped = 0;
        let mut next = None;
        for (i, ch) in rest.by_ref() {
            if CLOSERS.contains(&ch) {
                skipped += 1;
            } else {
                next = Some((i, ch));
                break;
            }
        }
        let cut = next.map_or(text.len(), |(i, _)| at + 1 + i);
        let boundary = match next {
            None => true,
            Some((_, ch)) if ch.is_whitespace() => rest
                .find(|(_, c)| !c.is_whitespace())
                .is_none_or(|(_, nc)| {
                    nc.is_uppercase() || nc.is_ascii_digit() || matches!(nc, '"' | '“' | '‘' | '(')
                }),
            Some((_, ch)) => {
                b == b'.'
                    && skipped == 0
                    && ch.is_uppercase()
                    && rest.next().is_some_and(|(_, c)| c.is_lowercase())
                    && {
                        let mut before = text[..at].chars().rev();
                        (0..3).all(|_| before.next().is_some_and(char::is_lowercase))
                    }
            }
        };
        if !boundary {
            continue;
        }
        if b == b'.' {
            // The word after the last space, which may be wider than one byte ("\u{2004}").
            let word_start = text[..at]
                .char_indices()
                .rev()
                .find(|(_, c)| c.is_whitespace())
                .map_or(0, |(i, c)| i + c.len_utf8());
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

/// One logical line of a passage: a source line with the lines it wraps onto (a list item's
/// continuation, a paragraph hard-wrapped at a width), joined by a space, cited at its first
/// source line while each part still knows the source line it starts on. What makes a line wrap
/// onto the next is the reader's rule (the roadmap's and the salary reader's differ).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LogicalLine {
    /// 1-based source line where it starts.
    pub line: u32,
    /// Its text: the source lines it spans, joined by a space.
    pub text: String,
    /// The passage's heading line.
    pub heading: bool,
    /// (byte offset in `text`, source line) where each source line starts.
    starts: Vec<(usize, u32)>,
}

impl LogicalLine {
    /// A logical line of one source line.
    pub fn new(line: u32, text: &str, heading: bool) -> LogicalLine {
        LogicalLine {
            line,
            text: text.to_string(),
            heading,
            starts: vec![(0, line)],
        }
    }

    /// Carries the line on with source line `line`, whose text is `text`.
    pub fn push_wrapped(&mut self, line: u32, text: &str) {
        self.text.push(' ');
        self.starts.push((self.text.len(), line));
        self.text.push_str(text.trim());
    }

    /// The source line where it ends.
    pub fn end_line(&self) -> u32 {
        self.starts.last().map_or(self.line, |(_, line)| *line)
    }

    /// The source line holding byte `offset` of the text.
    pub fn line_at(&self, offset: usize) -> u32 {
        self.starts
            .iter()
            .rfind(|(at, _)| *at <= offset)
            .map_or(self.line, |(_, line)| *line)
    }

    /// The source line where `part` (a slice of this line's text) starts.
    pub fn line_of(&self, part: &str) -> u32 {
        let offset = (part.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        self.line_at(offset.min(self.text.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    /// Regression (found by `tests/fuzz.rs`): a period after a space wider than one byte (a
    /// three-per-em space) cut the text inside that space's character and panicked.
    #[test]
    fn a_wide_space_before_a_word_ending_in_a_period_is_a_boundary() {
        let t = "Pay is high.\u{2004}etc. Next one. Rates vary.";
        let got: Vec<&str> = sentences(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            got,
            vec!["Pay is high.\u{2004}etc. Next one.", "Rates vary."]
        );
        let t = "x\u{2004}v. Ok.\u{3000}Word. Z";
        assert!(!sentences(t).is_empty());
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
    fn a_logical_line_knows_the_source_line_of_each_part() {
        let mut l = LogicalLine::new(7, "earn between £42,000", false);
        l.push_wrapped(8, "  and £50,000 a year");
        assert_eq!(l.text, "earn between £42,000 and £50,000 a year");
        assert_eq!(l.line_at(0), 7);
        assert_eq!(l.line_at(l.text.find("and").unwrap()), 8);
        assert_eq!(l.line_of(&l.text[l.text.find('£').unwrap()..]), 7);
        assert_eq!(l.line_of(&l.text[l.text.find("a year").unwrap()..]), 8);
    }
}
