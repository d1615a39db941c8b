//! The word lists page furniture is recognised by, read once from `boilerplate.toml`; the rules
//! that use them live in `clean`, `title` and `html`.

use once_cell::sync::Lazy;
use regex::Regex;

use crate::word_regex::{ascii_bounds, bounded_alternation};
use serde::Deserialize;

/// Every list of `boilerplate.toml` (each is documented there).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Words {
    pub ad_labels: Vec<String>,
    pub home_words: Vec<String>,
    pub share_labels: Vec<String>,
    pub share_targets: Vec<String>,
    pub related_labels: Vec<String>,
    pub related_headings: Vec<String>,
    pub cookie_phrases: Vec<String>,
    pub comment_phrases: Vec<String>,
    pub toc_labels: Vec<String>,
    pub section_labels: Vec<String>,
    pub placeholders: Vec<String>,
    pub seo_labels: Vec<String>,
    pub seo_title_labels: Vec<String>,
    pub copyright_phrases: Vec<String>,
    pub reference_headings: Vec<String>,
    pub signup: Signup,
    pub meta: Meta,
    pub html: Html,
}

/// Newsletter and sign-up boxes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Signup {
    pub calls: Vec<String>,
    pub buttons: Vec<String>,
    pub names: Vec<String>,
    pub link_targets: Vec<String>,
    pub audiences: Vec<String>,
    pub words: Vec<String>,
    pub form: Form,
}

/// Sign-up forms that run to the end of a page.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Form {
    pub starts: Vec<String>,
    pub objects: Vec<String>,
    pub calls: Vec<String>,
    pub words: Vec<String>,
}

/// Article metadata lines (bylines, dates, reading times).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Meta {
    pub author: Vec<String>,
    pub credit: Vec<String>,
    pub dated: Vec<String>,
    pub reading: Vec<String>,
    pub name_particles: Vec<String>,
    pub name_ends: Vec<String>,
    pub months: Vec<String>,
}

/// HTML elements and class names of page furniture.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Html {
    pub drop_elements: Vec<String>,
    pub drop_class_words: Vec<String>,
    pub keep_aside_words: Vec<String>,
}

/// The lists, parsed on first use. The file is compiled in and a test parses it, so a broken
/// list fails the build's tests, not a running bot.
pub(crate) static WORDS: Lazy<Words> = Lazy::new(|| {
    toml::from_str(include_str!("boilerplate.toml")).expect("boilerplate.toml is valid")
});

/// A regex alternation of `words` (longest first, so "share this" wins over "share"), spaces
/// matching any run of white space: `(?:share\s+this|share)`.
pub(crate) fn alternation(words: &[String]) -> String {
    let mut sorted: Vec<&String> = words.iter().collect();
    sorted.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let parts: Vec<String> = sorted
        .iter()
        .map(|w| {
            w.split_whitespace()
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(r"\s+")
        })
        .collect();
    format!("(?:{})", parts.join("|"))
}

/// A case-insensitive regex from a pattern with `{}` standing for the alternation of `words`;
/// its word boundaries are ASCII ones, and one written beside the `{}` is each word's own
/// ([`crate::word_regex`]: the pattern stays on the regex crate's fast path on any line).
pub(crate) fn regex_with(pattern: &str, words: &[String]) -> Regex {
    let start = pattern.contains(r"\b{}");
    let end = pattern.contains(r"{}\b");
    let pattern = pattern.replace(r"\b{}", "{}").replace(r"{}\b", "{}");
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    Regex::new(&format!(
        "(?i){}",
        ascii_bounds(&pattern).replace("{}", &bounded_alternation(&words, start, end))
    ))
    .expect("word lists make valid regexes")
}

/// Whether `text` is one of `words`, ignoring case and surrounding space.
pub(crate) fn is_one_of(text: &str, words: &[String]) -> bool {
    let text = text.trim();
    let lower = text.to_lowercase();
    words
        .iter()
        .any(|w| w.eq_ignore_ascii_case(text) || *w == lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_lists_parse_and_are_lower_case() {
        let w = &*WORDS;
        let all = [
            &w.ad_labels,
            &w.home_words,
            &w.share_labels,
            &w.share_targets,
            &w.related_labels,
            &w.related_headings,
            &w.cookie_phrases,
            &w.comment_phrases,
            &w.toc_labels,
            &w.section_labels,
            &w.placeholders,
            &w.seo_labels,
            &w.seo_title_labels,
            &w.copyright_phrases,
            &w.reference_headings,
            &w.signup.calls,
            &w.signup.buttons,
            &w.signup.names,
            &w.signup.link_targets,
            &w.signup.audiences,
            &w.signup.words,
            &w.signup.form.starts,
            &w.signup.form.objects,
            &w.signup.form.calls,
            &w.signup.form.words,
            &w.meta.author,
            &w.meta.credit,
            &w.meta.dated,
            &w.meta.reading,
            &w.meta.name_particles,
            &w.meta.name_ends,
            &w.meta.months,
            &w.html.drop_elements,
            &w.html.drop_class_words,
            &w.html.keep_aside_words,
        ];
        for list in all {
            assert!(!list.is_empty());
            for word in list {
                assert_eq!(*word, word.to_lowercase(), "{word:?} must be lower case");
            }
        }
    }

    #[test]
    fn alternation_prefers_longer_phrases() {
        let re = regex_with(r"^{}:", &["share".into(), "share this".into()]);
        let m = re.find("Share  this: X").unwrap();
        assert_eq!(m.as_str(), "Share  this:");
        assert!(is_one_of(" Publicidad ", &["publicidad".into()]));
        assert!(is_one_of("BOLETÍN", &["boletín".into()]));
    }
}
