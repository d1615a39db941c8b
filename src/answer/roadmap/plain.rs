//! Markdown emphasis taken out of a roadmap item's text, its words kept: "**Product sense:** …"
//! reads "Product sense: …" (a bold label stays a label), "*never*" reads "never".

use once_cell::sync::Lazy;
use regex::Regex;

use crate::answer::re;

/// `**bold**`: the markers close to the words they wrap.
static STRONG: Lazy<Regex> = Lazy::new(|| re(r"\*\*(?P<inner>[^\s*](?:.*?[^\s*])?)\*\*"));
/// `__bold__`, not inside a word (`snake__case` stays).
static UNDERSCORES: Lazy<Regex> =
    Lazy::new(|| re(r"(?P<before>^|[^\w])__(?P<inner>[^\s_](?:.*?[^\s_])?)__(?P<after>[^\w]|$)"));
/// `*italic*`, not inside a word nor a product (`5 * 3`).
static ITALIC: Lazy<Regex> = Lazy::new(|| {
    re(r"(?P<before>^|[^\w*])\*(?P<inner>[^\s*](?:[^*]*?[^\s*])?)\*(?P<after>[^\w*]|$)")
});

/// Rounds of stripping: a match may use up the character the next one needs before it ("*a* *b*").
const MAX_ROUNDS: usize = 4;

/// `text` without Markdown emphasis markers; unpaired markers stay.
pub fn strip_emphasis(text: &str) -> String {
    if !text.contains(['*', '_']) {
        return text.to_string();
    }
    let mut out = STRONG.replace_all(text, "$inner").into_owned();
    for _ in 0..MAX_ROUNDS {
        let next = UNDERSCORES
            .replace_all(&out, "$before$inner$after")
            .into_owned();
        let next = ITALIC
            .replace_all(&next, "$before$inner$after")
            .into_owned();
        if next == out {
            break;
        }
        out = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emphasis_goes_and_words_stay() {
        for (text, plain) in [
            (
                "**Product sense:** “Design a product.” Clarify the goal.",
                "Product sense: “Design a product.” Clarify the goal.",
            ),
            (
                "**Foundations (3–6 months).** Learn Excel and *basic* SQL.",
                "Foundations (3–6 months). Learn Excel and basic SQL.",
            ),
            ("__Tip:__ keep it short", "Tip: keep it short"),
            ("*a* *b* and *c*", "a b and c"),
            ("Publica **tres** proyectos.", "Publica tres proyectos."),
        ] {
            assert_eq!(strip_emphasis(text), plain, "{text}");
        }
    }

    #[test]
    fn markers_that_are_no_emphasis_stay() {
        for text in [
            "5 * 3 = 15 and 2 * 4 = 8",
            "call my_var__x and x__y",
            "an unpaired ** marker",
            "a footnote*",
            "plain text",
        ] {
            assert_eq!(strip_emphasis(text), text);
        }
    }
}
