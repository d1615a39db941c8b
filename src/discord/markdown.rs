//! Guide text → Discord markdown: everything escaped so it can never turn into markup or mentions,
//! and a snippet's highlights in bold.

use crate::search::snippet::Snippet;

/// Escapes Discord markdown in guide text: emphasis, code, spoilers, quotes, headings, lists,
/// links and mentions all come out as the literal characters.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    push_escaped(&mut out, text, true);
    out
}

/// Appends `text` escaped; `line_start` says whether `text` begins a line.
fn push_escaped(out: &mut String, text: &str, line_start: bool) {
    let bytes = text.as_bytes();
    // Every character that takes a backslash is ASCII, so its byte position is a character
    // boundary, and the text between two of them is copied in one piece.
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let at_line_start = if i == 0 {
            line_start
        } else {
            bytes[i - 1] == b'\n'
        };
        if needs_escape(b, at_line_start) {
            out.push_str(&text[run..i]);
            out.push('\\');
            run = i;
        }
    }
    out.push_str(&text[run..]);
}

/// Whether the ASCII character `b` would be markdown where it stands: emphasis, code, spoiler,
/// table, link and mention characters anywhere; quote, heading and list markers at a line start.
fn needs_escape(b: u8, line_start: bool) -> bool {
    matches!(
        b,
        b'\\' | b'*' | b'_' | b'~' | b'`' | b'|' | b'[' | b']' | b'<' | b'@'
    ) || (line_start && matches!(b, b'>' | b'#' | b'-'))
}

/// A guide's title as Discord markdown: escaped, and a masked link `[title](<url>)` when the guide
/// has a link. The URL (already a checked `http(s)` link, see
/// [`web_link`](crate::corpus::link::web_link)) has every character that could end the link
/// or its angle brackets percent-encoded, so no URL can break out into markup.
pub fn title_link(title: &str, url: Option<&str>) -> String {
    let title = escape_markdown(title);
    match url {
        Some(url) if !url.is_empty() => format!("[{title}](<{}>)", link_target(url)),
        _ => title,
    }
}

/// `url` safe between `(<` and `>)`: brackets, parentheses, spaces, backslashes and backticks
/// percent-encoded (they mean the same to a web server).
fn link_target(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '(' | ')' | '<' | '>' | '[' | ']' | '\\' | '`' | '"' => {
                out.push_str(&format!("%{:02X}", c as u32));
            }
            c if c.is_whitespace() || c.is_control() => {
                let mut buf = [0; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// A snippet as Discord markdown: its text escaped, its highlights in `**bold**`.
pub fn snippet(s: &Snippet) -> String {
    let mut out = String::with_capacity(s.text.len() + 4 * s.highlights.len() + 8);
    for (i, (piece, highlighted)) in s.pieces().enumerate() {
        if highlighted {
            out.push_str("**");
        }
        push_escaped(&mut out, piece, i == 0);
        if highlighted {
            out.push_str("**");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_bold_their_highlights_and_escape_the_rest() {
        let s = Snippet {
            text: "Back-end *devs* earn <@1> salaries.".into(),
            highlights: vec![0..8, 16..20],
        };
        assert_eq!(
            snippet(&s),
            "**Back-end** \\*devs\\* **earn** \\<\\@1> salaries."
        );
        assert_eq!(snippet(&Snippet::default()), "");
    }

    #[test]
    fn markdown_and_mentions_are_escaped() {
        let s = escape_markdown("Use *stars* and __under__ `code` @everyone <@123> ||x||");
        assert!(s.contains("\\@everyone") && s.contains("\\<\\@123>"), "{s}");
        assert!(s.contains("\\*stars\\*"), "{s}");
        assert_eq!(
            escape_markdown("# h\n- item\n> q"),
            "\\# h\n\\- item\n\\> q"
        );
        // Multi-byte characters beside markup; markers count only at a line start.
        assert_eq!(
            escape_markdown("é*x — a-b\n-ü_\n»# z\n"),
            "é\\*x — a-b\n\\-ü\\_\n»# z\n"
        );
        assert_eq!(escape_markdown(""), "");
        assert_eq!(escape_markdown("plain — text"), "plain — text");
    }

    #[test]
    fn a_title_links_to_its_guide_and_no_url_breaks_out() {
        assert_eq!(title_link("A *bold* guide", None), "A \\*bold\\* guide");
        assert_eq!(
            title_link("Nurse [2026]", Some("https://example.org/nurse")),
            "[Nurse \\[2026\\]](<https://example.org/nurse>)"
        );
        let hostile = title_link(
            "T",
            Some("https://x.example/a)>[b](<https://evil.example> `c` **d** _e_ @everyone"),
        );
        assert!(hostile.starts_with("[T](<https://x.example/a"), "{hostile}");
        assert!(hostile.ends_with(">)"), "{hostile}");
        let target = &hostile["[T](<".len()..hostile.len() - ">)".len()];
        assert!(
            !target.contains(['(', ')', '<', '>', '[', ']', ' ', '`']),
            "{target}"
        );
    }
}
