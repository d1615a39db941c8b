//! Word boundaries that keep a regex on the fast path: ASCII ones beside ASCII letters.
//!
//! The regex crate runs a pattern in its lazy DFA only while the pattern has no Unicode `\b` or
//! the line is ASCII; one Unicode `\b` sends every line with a "–", "€" or "£" to the slow NFA
//! (profiled: a third of a 10,000-guide reindex). Beside an ASCII letter or digit the two
//! boundaries agree, except next to a non-ASCII letter ("to" in "toñ"), never seen beside the
//! words and amounts these patterns look for.

/// A word boundary between ASCII letters or digits and anything else.
pub const ASCII_BOUNDARY: &str = r"(?-u:\b)";

/// `pattern` with each of its `\b` an [`ASCII_BOUNDARY`] (an escaped backslash, `\\b`, stays).
pub fn ascii_bounds(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b') => out.push_str(ASCII_BOUNDARY),
            Some(next) => {
                out.push('\\');
                out.push(next);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// The word boundary to write at a word's edge whose letter is `edge`: an [`ASCII_BOUNDARY`]
/// beside an ASCII letter or digit, none beside another letter ("zł": an ASCII boundary never
/// falls after "ł", and a Unicode one would slow the whole pattern), none beside a symbol ("€").
pub fn edge_boundary(edge: Option<char>) -> &'static str {
    if edge.is_some_and(|c| c.is_ascii_alphanumeric()) {
        ASCII_BOUNDARY
    } else {
        ""
    }
}

/// `words` as one alternation, longest first, a space in a word matching any run of white
/// space, each word with an [`edge_boundary`] before it (`start`) and after it (`end`).
pub fn bounded_alternation(words: &[&str], start: bool, end: bool) -> String {
    let mut sorted: Vec<&str> = words.iter().map(|w| w.trim()).collect();
    sorted.sort_by_key(|w| std::cmp::Reverse(w.len()));
    sorted.dedup();
    let parts: Vec<String> = sorted
        .iter()
        .map(|w| {
            let spaced = w
                .split_whitespace()
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(r"\s+");
            format!(
                "{}{spaced}{}",
                if start {
                    edge_boundary(w.chars().next())
                } else {
                    ""
                },
                if end {
                    edge_boundary(w.chars().last())
                } else {
                    ""
                },
            )
        })
        .collect();
    format!("(?:{})", parts.join("|"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    #[test]
    fn ascii_bounds_rewrites_word_boundaries_and_keeps_escaped_backslashes() {
        assert_eq!(ascii_bounds(r"\bto\b|\d+"), r"(?-u:\b)to(?-u:\b)|\d+");
        assert_eq!(ascii_bounds(r"a\\b"), r"a\\b");
        let r = Regex::new(&ascii_bounds(r"(?i)\bto\b")).expect("valid");
        assert!(r.is_match("20 to 30 €"));
        assert!(!r.is_match("toward"));
    }

    #[test]
    fn an_edge_boundary_only_beside_an_ascii_letter_or_digit() {
        assert_eq!(edge_boundary(Some('z')), ASCII_BOUNDARY);
        assert_eq!(edge_boundary(Some('7')), ASCII_BOUNDARY);
        assert_eq!(edge_boundary(Some('ł')), "");
        assert_eq!(edge_boundary(Some('€')), "");
        assert_eq!(edge_boundary(None), "");
    }

    #[test]
    fn a_bounded_alternation_bounds_each_word_at_its_ascii_edges() {
        let r = Regex::new(&format!(
            "(?i)^{}$",
            bounded_alternation(&["per hour", "zł", "hour"], true, true)
        ))
        .expect("valid");
        assert!(r.is_match("PER  hour"));
        assert!(r.is_match("zł"));
        let r =
            Regex::new(&bounded_alternation(&["cookies", "cookie"], true, true)).expect("valid");
        assert!(r.is_match("we use cookies."));
        assert!(!r.is_match("cookiejar"));
    }
}
