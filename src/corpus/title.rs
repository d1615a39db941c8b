//! A guide's title when the manifest gives none: an HTML page's `<title>` without the site's name
//! (else its first `<h1>`), Markdown front matter's `title:` (else the first `#` heading), or the
//! first line of a text guide that reads like a title. Boilerplate (breadcrumbs, SEO metadata,
//! bylines, dates, cookie banners) is dropped before a line is considered, so it is never a title.

use std::path::Path;

use super::words::{WORDS, is_one_of};

/// Longest title read from a line, in characters.
const MAX_TITLE_CHARS: usize = 150;
/// A line this long that ends like a sentence is prose: the top of the guide ends there.
const PROSE_CHARS: usize = 60;
/// How many kept lines from the top a title line may be.
const TOP_LINES: usize = 12;

/// Separators between a page title and a site name, strongest first. " - " is weak: a hyphen
/// also joins the parts of one title ("Back-End Developer - Complete Guide (2026)").
const STRONG_SEPARATORS: &[&str] = &[" | ", " · ", " — ", " – ", " :: ", " » ", " • "];
const WEAK_SEPARATOR: &str = " - ";

/// A page title without the site's name: "Product Manager Guide | LaunchLadder" → "Product
/// Manager Guide". `site` is the site's name or domain when the page says it (`og:site_name`,
/// the canonical URL's host); `h1` the page's first heading. A segment naming the site goes; so
/// does a short brand-like last segment after a strong separator.
pub fn without_site_name(title: &str, site: Option<&str>, h1: Option<&str>) -> String {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    for sep in STRONG_SEPARATORS.iter().chain([&WEAK_SEPARATOR]) {
        let parts: Vec<&str> = title.split(sep).map(str::trim).collect();
        if parts.len() < 2 {
            continue;
        }
        // The heading names the page: keep the segments that spell it.
        if let Some(h1) = h1.map(key).filter(|k| !k.is_empty()) {
            for from in 0..parts.len() {
                for to in from + 1..=parts.len() {
                    if (from, to) != (0, parts.len()) && key(&parts[from..to].join(sep)) == h1 {
                        return parts[from..to].join(sep);
                    }
                }
            }
        }
        let site = site.map(site_key).filter(|k| !k.is_empty());
        let names_site = |p: &str| site.as_deref().is_some_and(|s| site_key(p) == s);
        let mut kept: &[&str] = &parts;
        while kept.len() > 1 && names_site(kept[kept.len() - 1]) {
            kept = &kept[..kept.len() - 1];
        }
        while kept.len() > 1 && names_site(kept[0]) {
            kept = &kept[1..];
        }
        if kept.len() == parts.len() {
            let last = parts[parts.len() - 1];
            let strong = *sep != WEAK_SEPARATOR;
            let rest_words: usize = parts[..parts.len() - 1]
                .iter()
                .map(|p| p.split_whitespace().count())
                .sum();
            if rest_words >= 2 && looks_like_brand(last, if strong { 3 } else { 1 }) {
                kept = &parts[..parts.len() - 1];
            }
        }
        return kept.join(sep);
    }
    title
}

/// A site name: at most `max_words` words, no digits, no sentence punctuation — or a domain.
fn looks_like_brand(text: &str, max_words: usize) -> bool {
    let domain = !text.contains(' ') && text.contains('.') && !text.ends_with('.');
    domain
        || (text.split_whitespace().count() <= max_words
            && !text.chars().any(|c| c.is_ascii_digit())
            && !text.contains(['(', ')', ':', '?', '!', ','])
            && text.chars().next().is_some_and(char::is_uppercase))
}

/// Letters and digits only, lower case: how titles are compared.
fn key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// "www.launchladder.example" and "LaunchLadder" both → "launchladder".
fn site_key(text: &str) -> String {
    let t = text.trim().to_lowercase();
    let t = t
        .strip_prefix("https://")
        .or_else(|| t.strip_prefix("http://"))
        .unwrap_or(&t);
    let t = t.split('/').next().unwrap_or(t);
    let t = t.strip_prefix("www.").unwrap_or(t);
    let t = if !t.contains(' ') && t.contains('.') {
        t.split('.').next().unwrap_or(t)
    } else {
        t
    };
    key(t)
}

/// The text of a line without Markdown marks: heading `#`s, emphasis, a trailing colon.
fn plain(line: &str) -> &str {
    line.trim()
        .trim_start_matches('#')
        .trim()
        .trim_matches(['*', '_'])
        .trim()
}

/// Whether a line reads like a title: short, two words or more, not a sentence, not a list item,
/// table row, link or section label ("Key Takeaways").
pub fn reads_like_title(line: &str) -> bool {
    let text = plain(line);
    let raw = line.trim();
    text.chars().count() <= MAX_TITLE_CHARS
        && text.split_whitespace().count() >= 2
        && text.chars().any(char::is_alphabetic)
        && !text.ends_with(['.', ':', ';', ','])
        && !raw.starts_with(['-', '•', '|', '>', '!', '[', '`', '·', '–'])
        && !(raw.starts_with('*') && raw.chars().nth(1).is_some_and(char::is_whitespace))
        && !is_numbered_item(raw)
        && !is_one_of(text, &WORDS.section_labels)
}

/// "1. Pay", "2) Skills": an item of a numbered list.
pub(super) fn is_numbered_item(line: &str) -> bool {
    let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
    rest.len() < line.len() && rest.starts_with(['.', ')']) && rest[1..].starts_with(' ')
}

/// Whether a line is prose: long enough, and ends like a sentence.
fn is_prose(line: &str) -> bool {
    let text = plain(line);
    text.chars().count() >= PROSE_CHARS && text.ends_with(['.', '!', '?', '"', '”'])
}

/// The title read from a guide's kept lines: in Markdown the first `# ` heading; else the first
/// line near the top, before the first prose, that reads like a title.
pub fn from_lines(lines: &[&str], drop: &[bool], markdown: bool) -> Option<String> {
    let kept = || {
        lines
            .iter()
            .zip(drop)
            .filter(|(l, d)| !**d && !l.trim().is_empty())
            .map(|(l, _)| l.trim())
    };
    if markdown
        && let Some(h1) = kept().find_map(|l| l.strip_prefix("# "))
        && reads_like_title(h1)
    {
        return Some(plain(h1).to_string());
    }
    kept()
        .take(TOP_LINES)
        .take_while(|l| !is_prose(l))
        .find(|l| reads_like_title(l))
        .map(|l| plain(l).to_string())
}

/// The value of an SEO title line ("SEO Title: Welder Career Guide | Site"), site name removed:
/// a last resort, since such titles are written for search engines.
pub fn from_seo_metadata(lines: &[&str]) -> Option<String> {
    lines.iter().take(TOP_LINES * 2).find_map(|l| {
        let (label, value) = l.split_once(':')?;
        let label = label.trim().to_lowercase();
        let value = value.trim();
        (is_one_of(&label, &WORDS.seo_title_labels) && reads_like_title(value))
            .then(|| without_site_name(value, None, None))
    })
}

/// The file stem, words spaced: "welder_guide.txt" → "welder guide".
pub fn from_file_name(name: &str) -> String {
    Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().replace(['_', '-'], " "))
        .unwrap_or_else(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_names_are_removed() {
        let t = "Product Manager Career Guide 2026: Salary, Skills & Career Path | LaunchLadder";
        assert_eq!(
            without_site_name(t, None, None),
            "Product Manager Career Guide 2026: Salary, Skills & Career Path"
        );
        assert_eq!(
            without_site_name(
                "Welder Salary Guide - TradeHub",
                Some("www.tradehub.example"),
                None
            ),
            "Welder Salary Guide"
        );
        assert_eq!(
            without_site_name("TradeHub | Welder Salary Guide", Some("TradeHub"), None),
            "Welder Salary Guide"
        );
        assert_eq!(
            without_site_name("Nurse Guide – Indeed.com", None, None),
            "Nurse Guide"
        );
        // The page's heading settles it.
        assert_eq!(
            without_site_name(
                "How to Become a Nurse | Nursing Careers | NurseHub Media",
                None,
                Some("How to Become a Nurse")
            ),
            "How to Become a Nurse"
        );
    }

    #[test]
    fn titles_that_only_look_like_a_site_suffix_stay_whole() {
        for t in [
            "Back-End Developer - Complete Career Guide (2026)",
            "Nursing Guide - Salary and Outlook",
            "Electrician Pay | 2026 Edition",
            "Data Analyst: Salary, Skills and Roadmap",
            "Plumber | Salary, licenses, and the road to master",
        ] {
            assert_eq!(without_site_name(t, None, None), t);
        }
    }

    #[test]
    fn a_title_line_is_found_near_the_top_only() {
        let text = "Key Takeaways\n- Item one\nA first paragraph of prose that runs long enough to be prose.\nLater Heading Here";
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(from_lines(&lines, &[false; 4], false), None);
        let text =
            "Welder Career Guide\n\nBody text that is prose and long enough to count as such.";
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            from_lines(&lines, &[false; 3], false).as_deref(),
            Some("Welder Career Guide")
        );
    }

    #[test]
    fn markdown_takes_its_first_h1() {
        let text = "Intro Words Here\n\n## Section Two\n\n# The Real Title\n";
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            from_lines(&lines, &[false; 5], true).as_deref(),
            Some("The Real Title")
        );
        assert_eq!(
            from_lines(&lines, &[false; 5], false).as_deref(),
            Some("Intro Words Here")
        );
    }

    #[test]
    fn seo_title_is_a_last_resort() {
        let lines = [
            "SEO Title: Welder Guide 2026 | Pay & Licenses | WeldSite",
            "x",
        ];
        assert_eq!(
            from_seo_metadata(&lines).as_deref(),
            Some("Welder Guide 2026 | Pay & Licenses")
        );
        assert_eq!(
            from_file_name("welder_career-guide.md"),
            "welder career guide"
        );
    }
}
