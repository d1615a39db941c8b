//! Article metadata lines: bylines ("By Jane Doe, Senior Editor"), credits ("Reviewed by …"),
//! dates ("Updated January 14, 2026") and reading times ("12 min read"), alone or joined by `·`
//! or `|` on one line. They are dropped; a byline's name is the guide's author.

use once_cell::sync::Lazy;
use regex::Regex;

use super::plain;
use crate::corpus::words::{WORDS, regex_with};

/// Separators between the items of one metadata line.
const SEPARATORS: &[&str] = &[" · ", " | ", " • ", " — ", "·", "|"];

/// Longest byline, in characters (a byline can carry a sentence about the author's credentials).
const MAX_BYLINE_CHARS: usize = 200;
/// Most words in an author's name.
const MAX_NAME_WORDS: usize = 5;

static AUTHOR: Lazy<Regex> = Lazy::new(|| regex_with(r"^{}\s*:?\s+(.+)$", &WORDS.meta.author));
static CREDIT: Lazy<Regex> = Lazy::new(|| regex_with(r"^{}\s*:?\s+\S", &WORDS.meta.credit));
static DATE: Lazy<String> = Lazy::new(|| {
    let months = crate::corpus::words::alternation(&WORDS.meta.months);
    [
        format!(r"{months}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"),
        format!(r"\d{{1,2}}\s+(?:de\s+)?{months}\.?,?\s+(?:de\s+)?\d{{4}}"),
        format!(r"{months}\.?\s+(?:de\s+)?\d{{4}}"),
        r"\d{4}-\d{2}-\d{2}".to_string(),
        r"\d{1,2}/\d{1,2}/\d{2,4}".to_string(),
    ]
    .join("|")
});
/// A day without its year ("March 3", "3 de marzo"): a date only after a word saying what it
/// dates.
static DAY: Lazy<String> = Lazy::new(|| {
    let months = crate::corpus::words::alternation(&WORDS.meta.months);
    format!(r"{months}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}\s+(?:de\s+)?{months}")
});
/// A date, with the word that says what it dates ("Updated") in group 1 when there is one.
static DATED: Lazy<Regex> = Lazy::new(|| {
    let dated = crate::corpus::words::alternation(&WORDS.meta.dated);
    Regex::new(&format!(
        r"(?i)^(?:(?:({dated})\s*(?:on\s+|el\s+|:\s*)?)?(?:{})|({dated})\s*(?:on\s+|el\s+|:\s*)?(?:{}))$",
        *DATE, *DAY
    ))
    .expect("valid date regex")
});
static READING: Lazy<Regex> = Lazy::new(|| {
    let reading = crate::corpus::words::alternation(&WORDS.meta.reading);
    Regex::new(&format!(
        r"(?i)^(?:\d+\s*(?:[-–]\s*\d+\s*)?{reading}|{reading}\s*:?\s*\d+\s*\w*)$"
    ))
    .expect("valid reading-time regex")
});

/// What one item of a metadata line is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Item {
    /// "By Jane Doe": the author (`None` for a user name such as "by admin").
    Byline(Option<String>),
    /// "Reviewed by …", "Fact-checked by …".
    Credit,
    /// A date; `true` when a word says what it dates ("Updated March 3, 2026").
    Date(bool),
    /// "12 min read".
    ReadingTime,
}

fn item(text: &str) -> Option<Item> {
    let text = text.trim().trim_end_matches(['.', ',']).trim();
    if READING.is_match(text) {
        Some(Item::ReadingTime)
    } else if let Some(caps) = DATED.captures(text) {
        Some(Item::Date(caps.get(1).is_some() || caps.get(2).is_some()))
    } else if CREDIT.is_match(text) {
        Some(Item::Credit)
    } else if let Some(caps) = AUTHOR.captures(text) {
        let rest = caps.get(1)?.as_str().trim();
        match author_name(rest) {
            Some(name) => Some(Item::Byline(Some(name))),
            // "by admin": a user name, not a person's.
            None if is_user_name(rest) => Some(Item::Byline(None)),
            None => None,
        }
    } else {
        dated_byline(text)
    }
}

/// "Posted on March 3, 2026 by Maria Lopez": a date, then a byline.
fn dated_byline(text: &str) -> Option<Item> {
    let lower = text.to_lowercase();
    WORDS.meta.author.iter().find_map(|w| {
        let at = lower.find(&format!(" {w} "))?;
        let (date, byline) = (&text[..at], &text[at + 1..]);
        match (item(date)?, item(byline)?) {
            (Item::Date(_), b @ Item::Byline(_)) => Some(b),
            _ => None,
        }
    })
}

/// A login name standing for an author: one word of lower-case letters, digits, `_` or `.`.
fn is_user_name(text: &str) -> bool {
    !text.contains(char::is_whitespace)
        && text.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '.'))
}

/// What a whole line is, when every item on it is metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct MetaLine {
    /// The author, when the line is a byline.
    pub author: Option<String>,
    /// Whether only the top of a guide holds such a line: one naming people (a byline or
    /// credit), or a bare date ("March 2026" further down may head a timeline entry).
    pub top_only: bool,
}

/// Reads a line as metadata: `Some` when each of its items is a byline, credit, date or
/// reading time.
pub(super) fn meta_line(line: &str) -> Option<MetaLine> {
    let text = plain(line);
    if text.is_empty() || text.chars().count() > MAX_BYLINE_CHARS {
        return None;
    }
    let mut items: Vec<&str> = vec![&text];
    for sep in SEPARATORS {
        items = items.iter().flat_map(|i| i.split(sep)).collect();
    }
    let mut author = None;
    let (mut names_people, mut labelled) = (false, false);
    for part in items.iter().map(|i| i.trim()).filter(|i| !i.is_empty()) {
        match item(part)? {
            Item::Byline(name) => {
                names_people = true;
                author = author.or(name);
            }
            Item::Credit => names_people = true,
            Item::Date(dated) => labelled |= dated,
            Item::ReadingTime => labelled = true,
        }
    }
    Some(MetaLine {
        author,
        top_only: names_people || !labelled,
    })
}

/// The author's name at the start of a byline's text: "Jane Doe, Senior Editor" → "Jane Doe";
/// "Jane Doe, PhD" keeps its credential; "Jane Doe under the guidance of …" → "Jane Doe". `None`
/// when it does not read like a name ("2026, demand grows").
fn author_name(text: &str) -> Option<String> {
    let text = WORDS
        .meta
        .name_ends
        .iter()
        .filter_map(|w| text.find(&format!(" {w} ")))
        .min()
        .map_or(text, |at| &text[..at])
        .trim();
    let (name, rest) = match text.split_once(',') {
        Some((n, r)) => (n.trim(), Some(r.trim())),
        None => (text.trim_end_matches('.'), None),
    };
    let words: Vec<&str> = name.split_whitespace().collect();
    let particle = |w: &str| WORDS.meta.name_particles.iter().any(|p| p == w);
    let is_name = (1..=MAX_NAME_WORDS).contains(&words.len())
        && words
            .first()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
        && words.iter().all(|w| {
            particle(w)
                || (w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars().all(|c| c.is_alphabetic() || "-.'’".contains(c)))
        });
    if !is_name {
        return None;
    }
    Some(match rest {
        Some(r) if is_credential(r) => format!("{name}, {r}"),
        _ => name.to_string(),
    })
}

/// A credential after a name: "PhD", "MD", "Jr.", "CPA".
fn is_credential(text: &str) -> bool {
    let text = text.trim_end_matches('.');
    (2..=6).contains(&text.chars().count())
        && text.chars().next().is_some_and(char::is_uppercase)
        && text.chars().all(|c| c.is_alphabetic() || c == '.')
}

/// Drops metadata lines: bylines, credits and bare dates within the top `top` lines only; dated
/// lines ("Updated …") and reading times anywhere. With the first byline it also drops lines that only repeat the author's name
/// and the job-title line right under it ("Co-Founder and Chief Data Scientist"). Returns the
/// author.
pub(super) fn drop_meta_lines(
    lines: &[&str],
    top: usize,
    code: &[bool],
    drop: &mut [bool],
) -> Option<String> {
    let mut author: Option<(usize, String)> = None;
    for i in 0..lines.len() {
        if drop[i] || code[i] || lines[i].is_empty() {
            continue;
        }
        let Some(meta) = meta_line(lines[i]) else {
            continue;
        };
        if meta.top_only && i >= top {
            continue;
        }
        drop[i] = true;
        if author.is_none()
            && let Some(a) = meta.author
        {
            author = Some((i, a));
        }
    }
    let (at, name) = author?;
    let bare = name.split(',').next().unwrap_or(&name).trim();
    for i in 0..top.min(lines.len()) {
        let l = plain(lines[i]);
        if l == name || l == bare {
            drop[i] = true;
        }
    }
    // "Co-Founder and Chief Data Scientist": a short title line right under the byline (the
    // next line that is not blank, even if already dropped), before prose.
    if let Some(j) = (at + 1..lines.len()).find(|&j| !lines[j].is_empty())
        && j < top
        && !drop[j]
    {
        let l = lines[j];
        if l.len() < 60
            && !l.ends_with(['.', '?', ':', '!'])
            && !l.contains('|')
            && !l.starts_with('#')
            && let Some(k) = next_kept(lines, drop, j + 1)
            && lines[k].len() > 100
        {
            drop[j] = true;
        }
    }
    Some(name)
}

fn next_kept(lines: &[&str], drop: &[bool], from: usize) -> Option<usize> {
    (from..lines.len()).find(|&j| !lines[j].is_empty() && !drop[j])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn author_of(line: &str) -> Option<String> {
        meta_line(line).and_then(|m| m.author)
    }

    #[test]
    fn bylines_in_many_shapes() {
        assert_eq!(
            author_of("*By **Priya Raman**, Senior Analytics Lead · Reviewed by Tom Okafor · Updated February 3, 2026 · 13 min read*").as_deref(),
            Some("Priya Raman")
        );
        assert_eq!(
            author_of(
                "*Por **Lucía Fernández** · Actualizado el 8 de enero de 2026 · 6 min de lectura*"
            )
            .as_deref(),
            Some("Lucía Fernández")
        );
        assert_eq!(
            author_of("By Jordan Ellison, former Group Product Manager · Published January 9, 2026 · Updated February 11, 2026 · 14 min read").as_deref(),
            Some("Jordan Ellison")
        );
        assert_eq!(
            author_of("by Jane Doe, PhD").as_deref(),
            Some("Jane Doe, PhD")
        );
        assert_eq!(
            author_of("Article written by Sam Lee under the guidance of Ann Bo, a Manager at X.")
                .as_deref(),
            Some("Sam Lee")
        );
        assert_eq!(
            author_of("Author: Ana de la Cruz").as_deref(),
            Some("Ana de la Cruz")
        );
        assert_eq!(
            author_of("Posted on March 3, 2026 by Maria Lopez").as_deref(),
            Some("Maria Lopez")
        );
    }

    #[test]
    fn dates_credits_and_reading_times_are_metadata() {
        for line in [
            "Updated January 14, 2026 | 12 min read",
            "Fact-checked by Rob Castellanos, Apprenticeship Training Director",
            "Published on 2026-01-09",
            "Reading time: 3 minutes",
            "March 2026 · 8 min read",
            "Posted on March 3, 2026 by admin",
            "Last updated: March 3",
            "Updated on Jan 5, 2026",
            "Publicado el 3 de marzo",
        ] {
            let m = meta_line(line);
            assert!(m.is_some(), "{line}");
            assert_eq!(m.unwrap().author, None, "{line}");
        }
    }

    #[test]
    fn prose_is_not_metadata() {
        for line in [
            "By 2026, demand for electricians will grow faster than average.",
            "by learning the right technologies, you can secure a future.",
            "Updated skills matter more than degrees for most employers.",
            "Published salary data: $62,000 median pay.",
            "By The Numbers: what electricians earn in each state, and why it varies so much",
            "Reviewed by",
            "12 min",
        ] {
            assert_eq!(meta_line(line), None, "{line}");
        }
    }
}
