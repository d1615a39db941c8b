//! Boilerplate detection: marks the lines of a guide that are not guide content (sign-up blocks,
//! "Loading…", image file names, SEO metadata, tables of contents, related-article lists, bylines).

use std::collections::HashSet;

use once_cell::sync::Lazy;
use regex::{Regex, RegexSet};

/// What the cleaner found besides the lines to drop.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Cleaned {
    /// `drop[i]` is true when line `i` (0-based) is boilerplate.
    pub drop: Vec<bool>,
    /// The author named in a byline ("by Jane Doe"), if any.
    pub author: Option<String>,
}

/// Single lines that are never content.
static JUNK_LINE: Lazy<RegexSet> = Lazy::new(|| {
    RegexSet::new([
        r"(?i)^\S+\.(webp|png|jpe?g|gif|svg|avif)$",
        r"(?i)^(loading(\.\.\.|…)?|loading_icon)$",
        r"(?i)^(leave a reply|leave a comment|ads|advertisement|no content available\.?|table of contents|contents|share this( article| post)?|skip to (main )?content|print this page)$",
        r"(?i)^\|?\s*reading time\s*:",
        r"(?i)^(seo title|meta title|meta description|url slug|slug|focus keyword|secondary keywords|keywords|tags|canonical( url)?)\s*:",
        r"(?i)^(published|last updated|updated)( on)?\s*:?\s*\w+ \d",
    ])
    .expect("valid regexes")
});

/// A line that starts a newsletter or webinar sign-up block.
static SIGNUP_START: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(register|sign up|signup|subscribe|join|enroll)( now)? (for|to) (our|the|a) (free )?(webinar|newsletter|masterclass|mailing list|workshop)|subscribe to our newsletter|sign up for our newsletter|enter your email")
        .expect("valid regex")
});

/// Words typical of sign-up forms; a block whose lines are full of them is not guide content.
static SIGNUP_WORDS: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)webinar|newsletter|register|sign up|subscribe|privacy policy|time zone|time slots|select a date|\bslot\b|loading|enter details|consultation|registration|credit card|phone number|hosted by|max size|program advisor|almost there|free —|unsubscribe")
        .expect("valid regex")
});

/// A heading after which the rest of the page is links to other articles.
static RELATED_START: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(related (articles|posts|reading|guides)|you (may|might) also like|recommended (articles|reading|for you)|more from (our|the) blog|read next)$")
        .expect("valid regex")
});

static BYLINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:(?:article )?written by|reviewed by|by|author\s*:)\s+(.+)$")
        .expect("valid regex")
});

static SLUG: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^[a-z0-9]+(-[a-z0-9]+)+/?$").expect("valid regex"));

/// How many lines from the top a byline may sit at.
const FRONT_MATTER_LINES: usize = 12;

/// Which lines are inside fenced code blocks (fences included).
pub(crate) fn code_lines(lines: &[&str]) -> Vec<bool> {
    let mut code = vec![false; lines.len()];
    let mut fence: Option<&str> = None;
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        match fence {
            Some(f) => {
                code[i] = true;
                if t.starts_with(f)
                    && t.trim_start_matches(f.chars().next().unwrap_or('`'))
                        .trim()
                        .is_empty()
                {
                    fence = None;
                }
            }
            None => {
                if t.starts_with("```") || t.starts_with("~~~") {
                    code[i] = true;
                    fence = Some(&t[..3]);
                }
            }
        }
    }
    code
}

/// Marks boilerplate lines of a guide.
pub fn clean(lines: &[&str]) -> Cleaned {
    let mut drop = vec![false; lines.len()];
    let trimmed: Vec<&str> = lines.iter().map(|l| l.trim()).collect();

    for (i, line) in trimmed.iter().enumerate() {
        if JUNK_LINE.is_match(line) {
            drop[i] = true;
            // "URL Slug:" with its value on the next line.
            if line.to_ascii_lowercase().starts_with("url slug")
                && line.ends_with(':')
                && let Some(j) = next_content(&trimmed, i + 1)
                && SLUG.is_match(trimmed[j])
            {
                drop[j] = true;
            }
        }
    }

    let author = drop_byline(&trimmed, &mut drop);
    drop_tail_blocks(&trimmed, &mut drop);
    drop_table_of_contents(&trimmed, &mut drop);
    Cleaned { drop, author }
}

fn next_content(lines: &[&str], from: usize) -> Option<usize> {
    (from..lines.len()).find(|&j| !lines[j].is_empty())
}

/// Drops "by Jane Doe" style lines near the top, the bare name lines that repeat it, and the
/// job-title line right after it; returns the author.
fn drop_byline(lines: &[&str], drop: &mut [bool]) -> Option<String> {
    let top = lines.len().min(FRONT_MATTER_LINES);
    let (at, name) = (1..top).find_map(|i| {
        let caps = BYLINE.captures(lines[i])?;
        let name = caps.get(1)?.as_str().trim();
        // A byline is short and names someone; "by 2026, demand grows." is prose.
        (lines[i].len() <= 200 && name.chars().next().is_some_and(char::is_uppercase))
            .then(|| (i, name.to_string()))
    })?;
    drop[at] = true;
    let short_name = name
        .split(" under ")
        .next()
        .unwrap_or(&name)
        .trim_end_matches('.')
        .to_string();
    for i in 1..top {
        if lines[i] == short_name || lines[i] == name {
            drop[i] = true;
        }
    }
    // "Co-Founder and Chief Data Scientist": a short title line under the byline.
    if let Some(j) = next_content(lines, at + 1) {
        let l = lines[j];
        if j < top
            && l.len() < 60
            && !l.ends_with(['.', '?', ':', '!'])
            && !l.contains('|')
            && let Some(k) = next_content(lines, j + 1)
            && lines[k].len() > 100
        {
            drop[j] = true;
        }
    }
    let author = if short_name.len() < 80 {
        short_name
    } else {
        name
    };
    Some(author)
}

/// Sign-up blocks and related-article lists that run to the end of the page.
fn drop_tail_blocks(lines: &[&str], drop: &mut [bool]) {
    for i in 0..lines.len() {
        if drop[i] || lines[i].is_empty() {
            continue;
        }
        if RELATED_START.is_match(lines[i]) {
            drop[i..].iter_mut().for_each(|d| *d = true);
            // A "References" heading left with nothing under it.
            if let Some(j) = (0..i).rev().find(|&j| !lines[j].is_empty() && !drop[j])
                && (lines[j].eq_ignore_ascii_case("references")
                    || lines[j].eq_ignore_ascii_case("sources"))
            {
                drop[j] = true;
            }
            return;
        }
        if SIGNUP_START.is_match(lines[i]) {
            let rest: Vec<&str> = lines[i..]
                .iter()
                .copied()
                .filter(|l| !l.is_empty())
                .collect();
            let junky = rest.iter().filter(|l| SIGNUP_WORDS.is_match(l)).count();
            if junky * 10 >= rest.len() * 3 {
                drop[i..].iter_mut().for_each(|d| *d = true);
                return;
            }
            drop[i] = true;
        }
    }
}

/// A run of three or more lines that each repeat a later heading is a table of contents.
fn drop_table_of_contents(lines: &[&str], drop: &mut [bool]) {
    let normalised: Vec<String> = lines.iter().map(|l| toc_key(l)).collect();
    let mut later: HashSet<&str> = HashSet::new();
    let mut repeats_later = vec![false; lines.len()];
    for i in (0..lines.len()).rev() {
        if normalised[i].is_empty() {
            continue;
        }
        repeats_later[i] = later.contains(normalised[i].as_str());
        later.insert(&normalised[i]);
    }
    let mut i = 0;
    while i < lines.len() {
        if !repeats_later[i] {
            i += 1;
            continue;
        }
        let start = i;
        let mut entries = Vec::new();
        while i < lines.len() && (repeats_later[i] || lines[i].is_empty()) {
            if repeats_later[i] {
                entries.push(i);
            }
            i += 1;
        }
        if entries.len() >= 3 {
            for &e in &entries {
                drop[e] = true;
            }
        } else {
            i = start + 1;
        }
    }
}

fn toc_key(line: &str) -> String {
    let l = line.trim_start_matches(['-', '*', '•', ' ', '\t']);
    let l = l.trim_start_matches(|c: char| c.is_ascii_digit());
    let l = l.trim_start_matches(['.', ')', ' ']);
    if l.len() < 8 {
        return String::new();
    }
    l.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(text: &str) -> Vec<&str> {
        let lines: Vec<&str> = text.lines().collect();
        let c = clean(&lines);
        lines
            .iter()
            .zip(&c.drop)
            .filter(|(l, d)| !**d && !l.trim().is_empty())
            .map(|(l, _)| *l)
            .collect()
    }

    #[test]
    fn drops_single_junk_lines() {
        let text = "Title\n\nADS\n\nGood text here.\n1759909561_12706__18__row.webp\nLoading...\nLoading_icon\nLeave a Reply\nTable of contents\n| Reading Time: 3 minutes";
        assert_eq!(kept(text), vec!["Title", "Good text here."]);
    }

    #[test]
    fn drops_seo_metadata_and_slug() {
        let text = "SEO Title: X | Y\nMeta Description: Learn it.\nURL Slug:\nback-end-developer-career-guide\nFocus Keyword: Back-End\nReal Title\nBody.";
        assert_eq!(kept(text), vec!["Real Title", "Body."]);
    }

    #[test]
    fn drops_signup_block_to_the_end() {
        let text = "Guide\nBody text.\nRegister for our webinar\nUplevel your career\nLoading...\n1 Enter details\nSelect a Date\nTime slots\nTime Zone:\nJoin 25,000+ tech professionals";
        assert_eq!(kept(text), vec!["Guide", "Body text."]);
    }

    #[test]
    fn drops_related_articles_and_empty_references() {
        let text =
            "Guide\nBody.\nReferences\nRelated Articles\nSome Other Article thumbnail\nby Someone";
        assert_eq!(kept(text), vec!["Guide", "Body."]);
    }

    #[test]
    fn drops_byline_and_finds_author() {
        let text = "How to Become X\n\nJane Doe, PhD\n\nby Jane Doe, PhD\n\nCo-Founder and Chief Data Scientist\n\nChoosing a career as X is a smart move in today's world, and this guide shows the way forward for you.";
        let lines: Vec<&str> = text.lines().collect();
        let c = clean(&lines);
        assert_eq!(c.author.as_deref(), Some("Jane Doe, PhD"));
        assert_eq!(kept(text).len(), 2);
    }

    #[test]
    fn prose_starting_with_by_is_kept() {
        let text = "Guide\nby 2026, demand will grow a lot.";
        assert_eq!(kept(text).len(), 2);
    }

    #[test]
    fn drops_table_of_contents() {
        let text = "Intro line.\n- What Does a Backend Developer Do?\n- Technical Skills Required\n- Essential Soft Skills\nWhat Does a Backend Developer Do?\nText.\nTechnical Skills Required\nText.\nEssential Soft Skills\nText.";
        let k = kept(text);
        assert_eq!(k.len(), 7, "{k:?}");
        assert!(!k.iter().any(|l| l.starts_with("- ")));
    }

    #[test]
    fn two_repeats_are_not_a_table_of_contents() {
        let text = "Python basics\nJava basics\nPython basics\nJava basics";
        assert_eq!(kept(text).len(), 4);
    }
}
