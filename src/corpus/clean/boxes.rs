//! Furniture that spans lines: newsletter and sign-up boxes, Markdown tables of contents (lists
//! of links to the page's own headings), and headings left with nothing under them once their
//! lines are gone.

use once_cell::sync::Lazy;
use regex::Regex;

use super::plain;
use crate::corpus::words::{WORDS, alternation, is_one_of, regex_with};

/// Longest line that joins a sign-up box without a call of its own, in characters.
const MAX_BOX_LINE_CHARS: usize = 200;
/// Most words in a line that names a newsletter ("Get the Trades Weekly Newsletter").
const MAX_NAME_LINE_WORDS: usize = 8;
/// Calls a run of lines needs to be a sign-up box.
const BOX_CALLS: usize = 2;

static CALLS: Lazy<Regex> = Lazy::new(|| regex_with(r"\b{}", &WORDS.signup.calls));
static WORDS_RE: Lazy<Regex> = Lazy::new(|| regex_with(r"\b{}", &WORDS.signup.words));
static NAMES: Lazy<Regex> = Lazy::new(|| regex_with(r"\b{}\b", &WORDS.signup.names));
static LINK_TO_SIGNUP: Lazy<Regex> = Lazy::new(|| {
    let targets = alternation(&WORDS.signup.link_targets);
    Regex::new(&format!(r"(?i)\]\([^)]*{targets}[^)]*\)")).expect("valid regex")
});
static AUDIENCE: Lazy<Regex> =
    Lazy::new(|| regex_with(r"\d[\d,.]*\s*k?\+?\s+{}\b", &WORDS.signup.audiences));
static ANCHOR_ITEM: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^(?:[-*+•]|\d+[.)])\s+\[[^\]]+\]\(#[^)]*\)$").expect("valid regex"));

/// How many sign-up calls a line makes: "Enter your email address", "[Subscribe free](/newsletter)",
/// "48,000 readers", a "Subscribe" button, a short line naming a newsletter.
fn calls(line: &str) -> usize {
    let text = plain(line);
    let mut n = CALLS.find_iter(&text).count()
        + LINK_TO_SIGNUP.find_iter(line).count()
        + AUDIENCE.find_iter(&text).count();
    if is_one_of(
        text.trim_end_matches(['.', '!', '→', ' ']),
        &WORDS.signup.buttons,
    ) {
        n += 1;
    }
    let bullet = line.starts_with(['-', '*', '•']) && line.chars().nth(1) == Some(' ');
    if !bullet
        && NAMES.is_match(&text)
        && text.split_whitespace().count() <= MAX_NAME_LINE_WORDS
        && !text.ends_with(['.', ';', ','])
    {
        n += 1;
    }
    n
}

/// Drops newsletter and sign-up boxes: runs of neighbouring lines that each make a sign-up call
/// or hold a sign-up word ("inbox", "email", "weekly"), and that make two calls or more in all.
/// The box runs from its first call to its last. One mention ("Subscribe to industry newsletters
/// to keep learning.") is content.
pub(super) fn drop_signup_boxes(lines: &[&str], code: &[bool], drop: &mut [bool]) {
    // (line, calls) of the current run.
    let mut run: Vec<(usize, usize)> = Vec::new();
    for i in 0..=lines.len() {
        let member = lines.get(i).and_then(|&line| {
            if line.is_empty() || drop[i] {
                // Blank, or already gone (an "ADS" line inside the box): neither joins nor breaks.
                return Some(None);
            }
            if code[i] {
                return None;
            }
            let c = calls(line);
            let weak =
                line.chars().count() <= MAX_BOX_LINE_CHARS && WORDS_RE.is_match(&plain(line));
            (c > 0 || weak).then_some(Some((i, c)))
        });
        match member {
            Some(Some(m)) => run.push(m),
            Some(None) => {}
            None => {
                close_box(&run, drop);
                run.clear();
            }
        }
    }
}

/// Drops a run's lines from its first call to its last, when it makes enough calls.
fn close_box(run: &[(usize, usize)], drop: &mut [bool]) {
    if run.iter().map(|(_, c)| c).sum::<usize>() < BOX_CALLS {
        return;
    }
    let first = run.iter().position(|(_, c)| *c > 0);
    let last = run.iter().rposition(|(_, c)| *c > 0);
    if let (Some(a), Some(b)) = (first, last) {
        for (i, _) in &run[a..=b] {
            drop[*i] = true;
        }
    }
}

/// Drops Markdown tables of contents: two or more list items in a row that are each nothing but
/// a link to an anchor of the page (`1. [Skills you need](#skills-you-need)`).
pub(super) fn drop_anchor_lists(lines: &[&str], code: &[bool], drop: &mut [bool]) {
    let is_item = |i: usize| !code[i] && ANCHOR_ITEM.is_match(lines[i]);
    let mut i = 0;
    while i < lines.len() {
        if !is_item(i) {
            i += 1;
            continue;
        }
        let mut items = Vec::new();
        let mut j = i;
        while j < lines.len() && (lines[j].is_empty() || is_item(j)) {
            if !lines[j].is_empty() {
                items.push(j);
            }
            j += 1;
        }
        if items.len() >= 2 {
            for k in items {
                drop[k] = true;
            }
        }
        i = j;
    }
}

/// The level of a Markdown heading line (`## x` → 2).
pub(super) fn heading_level(line: &str) -> Option<usize> {
    let hashes = line.chars().take_while(|&c| c == '#').count();
    ((1..=6).contains(&hashes) && line[hashes..].starts_with(' ')).then_some(hashes)
}

/// Drops a Markdown heading whose section lost every line to the cleaner ("## Table of
/// contents" over its list of links). A heading with nothing under it but sub-headings is a
/// parent and stays.
pub(super) fn drop_emptied_headings(lines: &[&str], code: &[bool], drop: &mut [bool]) {
    for i in 0..lines.len() {
        if drop[i] || code[i] {
            continue;
        }
        let Some(level) = heading_level(lines[i]) else {
            continue;
        };
        let mut had_lines = false;
        let mut all_dropped = true;
        let mut j = i + 1;
        while j < lines.len() {
            if !code[j]
                && let Some(l) = heading_level(lines[j])
            {
                if l > level {
                    // A sub-heading: this heading is its parent, whatever is above it.
                    all_dropped = false;
                }
                break;
            }
            if !lines[j].is_empty() {
                had_lines = true;
                all_dropped &= drop[j];
            }
            j += 1;
        }
        if had_lines && all_dropped {
            drop[i] = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(text: &str, f: fn(&[&str], &[bool], &mut [bool])) -> Vec<String> {
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        let mut drop = vec![false; lines.len()];
        f(&lines, &vec![false; lines.len()], &mut drop);
        lines
            .iter()
            .zip(&drop)
            .filter(|(l, d)| !**d && !l.is_empty())
            .map(|(l, _)| l.to_string())
            .collect()
    }

    #[test]
    fn plain_text_newsletter_box() {
        let k = kept(
            "Training costs $500 a year.\n\nGet the Trades Weekly Newsletter\n\nApprenticeship deadlines and job openings in your inbox every Tuesday.\n\nEnter your email address\n\nSubscribe\n\nNo spam. Unsubscribe anytime.\n\nEducation and Training\n\nYou need a diploma.",
            drop_signup_boxes,
        );
        assert_eq!(
            k,
            vec![
                "Training costs $500 a year.",
                "Education and Training",
                "You need a diploma."
            ]
        );
    }

    #[test]
    fn one_line_boxes_in_english_and_spanish() {
        let k = kept(
            "Everyday tools: SQL and Excel.\n> 📬 **The Data Career Digest** — one practical email every Thursday. [Subscribe free](/newsletter) · 48,000 readers\n📩 **Suscríbete a nuestro boletín** y recibe ofertas cada semana. [Suscribirme](/boletin)\n## Career roadmap",
            drop_signup_boxes,
        );
        assert_eq!(
            k,
            vec!["Everyday tools: SQL and Excel.", "## Career roadmap"]
        );
    }

    #[test]
    fn mentions_of_newsletters_and_email_stay() {
        let text = "Subscribe to industry newsletters and podcasts to keep learning.\nMeet the marketing team to scope a question about email campaign performance.\nBuild a side product: a browser extension, a newsletter, a no-code app.\nIndustry Newsletters\n- Morning Brew: a daily email on business";
        assert_eq!(kept(text, drop_signup_boxes).len(), 5);
    }

    #[test]
    fn markdown_table_of_contents_and_its_heading() {
        let text = "## Table of contents\n\n1. [What does a data analyst do?](#what-does)\n2. [Salary](#salary)\n   - [By city](#by-city)\n\n## What does a data analyst do?\n\nText.";
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        let code = vec![false; lines.len()];
        let mut drop = vec![false; lines.len()];
        drop_anchor_lists(&lines, &code, &mut drop);
        drop_emptied_headings(&lines, &code, &mut drop);
        let kept: Vec<&str> = lines
            .iter()
            .zip(&drop)
            .filter(|(l, d)| !**d && !l.is_empty())
            .map(|(l, _)| *l)
            .collect();
        assert_eq!(kept, vec!["## What does a data analyst do?", "Text."]);
    }

    #[test]
    fn link_lists_that_are_content_stay() {
        let text = "## Resources\n\n- [BLS Occupational Outlook](https://www.bls.gov/ooh/)\n- [O*NET](https://www.onetonline.org/)\n\n## Parent\n\n### Child\n\nText.";
        assert_eq!(kept(text, drop_anchor_lists).len(), 6);
        let lines: Vec<&str> = text.lines().collect();
        let code = vec![false; lines.len()];
        let mut drop = vec![false; lines.len()];
        drop_emptied_headings(&lines, &code, &mut drop);
        assert!(drop.iter().all(|d| !d));
    }
}
