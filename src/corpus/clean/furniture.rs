//! Single lines of page furniture, told by their shape: breadcrumb trails, cookie banners,
//! advertisement labels (and the blockquote they open), share rows, copyright lines, comment
//! forms, image lines, bare rows of links and horizontal rules.

use once_cell::sync::Lazy;
use regex::Regex;

use super::plain;
use crate::corpus::words::{WORDS, alternation, is_one_of, regex_with};

/// Longest line that can be a banner, share row or copyright line, in characters.
const MAX_FURNITURE_CHARS: usize = 300;
/// Longest step of a breadcrumb trail.
const MAX_CRUMB_CHARS: usize = 40;
/// Most words in one step of a breadcrumb trail.
const MAX_CRUMB_WORDS: usize = 5;

static MD_LINK: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"!?\[([^\]]*)\]\(([^)]*)\)").expect("valid regex"));
static IMAGE_LINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:!\[[^\]]*\]\([^)]*\)|\[!\[[^\]]*\]\([^)]*\)\]\([^)]*\))\s*$")
        .expect("valid regex")
});
/// A horizontal rule, or a setext heading's underline (`===`, `---`; the heading text stays).
static RULE_LINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:-{3,}|\*{3,}|_{3,}|={3,}|(?:[-*_]\s){2,}[-*_])\s*$").expect("valid regex")
});
static AD_LABEL: Lazy<Regex> = Lazy::new(|| regex_with(r"^{}\s*(?:$|[·:|—–-])", &WORDS.ad_labels));
/// "Share: …", or a share label alone ("Share this article") over its buttons.
static SHARE_ROW: Lazy<Regex> = Lazy::new(|| regex_with(r"^{}\s*(?::|$)", &WORDS.share_labels));
static SHARE_TARGETS: Lazy<Regex> =
    Lazy::new(|| regex_with(r"^(?:{}[\s·|•,/]*)+$", &WORDS.share_targets));
static RELATED_LINE: Lazy<Regex> = Lazy::new(|| regex_with(r"^{}\s*:", &WORDS.related_labels));
static COOKIE: Lazy<Regex> = Lazy::new(|| regex_with(r"\b{}\b", &WORDS.cookie_phrases));
static COMMENT_FORM: Lazy<Regex> = Lazy::new(|| regex_with(r"^{}", &WORDS.comment_phrases));
/// "© 2026 …", "(c) 2026", "Copyright 2026", or a legal phrase ("All rights reserved").
static COPYRIGHT: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"(?i)^(?:©|\(c\)\s*\d{{4}}|copyright\s*(?:©|\(c\)|\d{{4}}))|{}",
        alternation(&WORDS.copyright_phrases)
    ))
    .expect("word lists make valid regexes")
});

/// Marks the furniture lines among `lines` (trimmed), skipping code.
pub(super) fn drop_lines(lines: &[&str], code: &[bool], drop: &mut [bool]) {
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if drop[i] || code[i] || line.is_empty() {
            i += 1;
            continue;
        }
        let text = plain(line);
        if is_ad_label(&text) {
            drop[i] = true;
            // A blockquote that opens with the label is the advertisement, all of it.
            if line.starts_with('>') {
                let mut j = i + 1;
                while j < lines.len() && lines[j].starts_with('>') {
                    drop[j] = true;
                    j += 1;
                }
                i = j;
                continue;
            }
        } else if is_furniture(line, &text) {
            drop[i] = true;
            // The buttons of a share row, listed under it ("Share this:" / "* Twitter" / …).
            if SHARE_ROW.is_match(&text) {
                let mut j = i + 1;
                while j < lines.len()
                    && (lines[j].is_empty() || SHARE_TARGETS.is_match(&plain(lines[j])))
                {
                    drop[j] = true;
                    j += 1;
                }
                i = j;
                continue;
            }
        }
        i += 1;
    }
}

/// "ADS", "Sponsored · Learn SQL…", "Publicidad": an advertisement's label.
fn is_ad_label(text: &str) -> bool {
    AD_LABEL.is_match(text)
}

fn is_furniture(line: &str, text: &str) -> bool {
    let short = text.chars().count() <= MAX_FURNITURE_CHARS;
    IMAGE_LINE.is_match(line)
        || RULE_LINE.is_match(line)
        || is_link_bar(line)
        || (RELATED_LINE.is_match(text) && MD_LINK.is_match(line))
        || (SHARE_TARGETS.is_match(text) && text.split_whitespace().count() >= 2)
        || (short
            && (SHARE_ROW.is_match(text)
                || COOKIE.is_match(text)
                || COMMENT_FORM.is_match(text)
                || COPYRIGHT.is_match(text)))
}

/// A line that is nothing but three or more links with separators between them: a navigation,
/// share or footer bar ("[Home](/) · [Jobs](/jobs) · [About](/about)").
fn is_link_bar(line: &str) -> bool {
    let links = MD_LINK.find_iter(line).count();
    let rest = MD_LINK.replace_all(line, "");
    links >= 3 && !rest.chars().any(char::is_alphanumeric)
}

/// Whether `line` is a breadcrumb trail: three or more short steps joined by `›`, `»`, `>`, `/`
/// or `|`, that start at a home page ("Home › Careers › Electrician"), or whose steps are links
/// but the last, or (for `›` and `»`, which prose hardly uses) that stand at the top of the
/// guide (`at_top`).
pub(super) fn is_breadcrumb(line: &str, at_top: bool) -> bool {
    let line = line.trim().trim_start_matches(['-', '*']).trim();
    // Links become their text between markers, so that a "/" in a URL does not split a step.
    let masked = MD_LINK.replace_all(line, "\u{1}$1\u{2}");
    for sep in ['›', '»', '>', '/', '|'] {
        let steps: Vec<&str> = masked.split(sep).map(str::trim).collect();
        if steps.len() < 3 {
            continue;
        }
        let texts: Vec<&str> = steps
            .iter()
            .map(|s| s.trim_matches(['\u{1}', '\u{2}']).trim())
            .collect();
        let short = texts.iter().all(|t| {
            !t.is_empty()
                && t.chars().count() <= MAX_CRUMB_CHARS
                && t.split_whitespace().count() <= MAX_CRUMB_WORDS
                && !t.ends_with(['.', '!', '?', ':', ';', ','])
                && t.chars().any(char::is_alphabetic)
        });
        if !short {
            continue;
        }
        let from_home = is_one_of(texts[0], &WORDS.home_words);
        let linked = steps[..steps.len() - 1]
            .iter()
            .all(|s| s.starts_with('\u{1}') && s.ends_with('\u{2}'));
        let rare_sep = matches!(sep, '›' | '»');
        if from_home || linked || (rare_sep && at_top) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dropped(text: &str) -> Vec<bool> {
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        let mut drop = vec![false; lines.len()];
        drop_lines(&lines, &vec![false; lines.len()], &mut drop);
        drop
    }

    #[test]
    fn breadcrumbs_by_shape() {
        for line in [
            "Home › Careers › Skilled Trades › Electrician",
            "Home / Careers / Product / Product Manager",
            "[Inicio](/) › [Carreras](/carreras/) › [Tecnología](/carreras/tecnologia/) › Desarrollador frontend",
            "[Jobs](/jobs) / [Healthcare](/jobs/health) / Nurse",
            "Home > Blog > Careers",
        ] {
            assert!(is_breadcrumb(line, false), "{line}");
        }
        assert!(is_breadcrumb("Careers › Trades › Welder", true));
    }

    #[test]
    fn slashes_and_arrows_in_content_are_not_breadcrumbs() {
        for line in [
            "Python / Go / Java",
            "Junior › Mid › Senior",
            "Frontend / Backend / DevOps / Data",
            "Home health aides / personal care aides earn less than nurses / therapists.",
            "Apprentice → Journeyman → Master",
            "A/B tests / experiments / dashboards are part of the job, and so is SQL.",
        ] {
            assert!(!is_breadcrumb(line, false), "{line}");
        }
    }

    #[test]
    fn ads_and_their_blockquotes() {
        let d = dropped(
            "ADS\n> **Sponsored** · Master SQL in 30 days.\n> [Start free →](https://ads.example/x)\nText after.\n> **Publicidad** · Aprende React.\nAdvertisement",
        );
        assert_eq!(d, vec![true, true, true, false, true, true]);
    }

    #[test]
    fn words_like_ad_labels_in_content_stay() {
        let d = dropped(
            "Ad hoc analyses for marketing teams.\nSponsorship: some employers sponsor visas.\nAdvertising agencies hire analysts too.\n> Sponsored content must be labeled, a marketer explains.",
        );
        assert_eq!(d, vec![false, false, false, false]);
    }

    #[test]
    fn share_cookie_copyright_comment_image_rule_and_link_bars() {
        let d = dropped(
            "**Share:** [LinkedIn](#) · [X](#) · [Email](#) · [Copy link](#)\nShare this: Facebook | X | LinkedIn | Email\nWe use cookies to personalize content and measure traffic. Accept all\n© 2026 TradePath Guides. All rights reserved. Privacy Policy | Terms\n© 2026 RutaTech · [Privacidad](/privacidad) · [Aviso legal](/aviso-legal)\nLeave a Reply\nYour email address will not be published. Required fields are marked *\nDeja un comentario\nTwitter Facebook Pinterest\nShare this article\nFacebook\nEmail\n![A data analyst at work](/images/hero.jpg)\n[![Logo](/logo.png)](/)\n---\n[Home](/) · [Jobs](/jobs) · [Salaries](/salaries)",
        );
        assert!(d.iter().all(|d| *d), "{d:?}");
    }

    #[test]
    fn content_that_looks_like_furniture_stays() {
        let d = dropped(
            "Share your portfolio with recruiters on LinkedIn.\nCookies and local storage are browser APIs every front-end developer should know.\nCopyright law is a specialty for some paralegals.\nLeave a good impression: arrive early.\nLinkedIn\nEmail your references before the interview.\nLearn [SQL](https://sql.example), [Python](https://py.example) and [Tableau](https://t.example) first.\nUse the `![alt](src)` syntax for images in Markdown files.\n| Level | Pay |\n|---|---|",
        );
        assert!(d.iter().all(|d| !*d), "{d:?}");
    }
}
