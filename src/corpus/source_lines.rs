//! Where each line of an HTML guide's text stands in the page itself: the text is html2text's
//! rendering, so its lines are not the file's, and a citation must point into the file.
//!
//! The page's visible words (outside tags, comments, `<head>`, scripts and styles) are read in
//! order with the line each stands on; each line of the text is then found among them, in order,
//! by its first words and followed word by word to its last. Words are runs of ASCII letters and
//! digits, lowercased, so that an entity (`&eacute;`, `&rsquo;`) and the character it renders
//! both split words alike.

/// How many of a text line's first words must follow one another in the page for the line to be
/// found there (fewer when the line has fewer).
const ANCHOR_WORDS: usize = 4;
/// How many of a line's first words may be the renderer's own (a list item's number).
const LEADING_WORDS: usize = 2;
/// How far past a line's previous word its next word may be in the page (markup's words,
/// such as an element's text html2text leaves out, may stand between).
const MAX_GAP: usize = 40;

/// The 1-based first and last line of the page's source that each line of `text` (its
/// rendering) comes from, in order. A line with no word of its own (blank, a fence, a rule) takes
/// the line before it; a line not found in the page (text html2text made) too. Never decreasing.
pub fn source_lines(html: &str, text: &str) -> Vec<(u32, u32)> {
    let page = page_words(html);
    let mut out = Vec::new();
    let mut cursor = 0;
    let mut last = (1, 1);
    for line in text.lines() {
        let words = words(line);
        let found = locate(&page, &words, cursor);
        match found {
            Some((first, end)) => {
                let from = page[first].1.max(last.0);
                last = (from, page[end].1.max(from));
                cursor = end + 1;
            }
            None => last = (last.1.max(last.0), last.1.max(last.0)),
        }
        out.push(last);
    }
    out
}

/// Where `words` stand in `page` from `cursor` on: the index of the first and the last.
fn locate(page: &[(String, u32)], words: &[String], cursor: usize) -> Option<(usize, usize)> {
    if words.is_empty() {
        return None;
    }
    // A list item's number is the renderer's, not the page's: the line may be found past its
    // first word or two.
    let (skip, first) =
        (0..=LEADING_WORDS.min(words.len().saturating_sub(1))).find_map(|skip| {
            let anchor = &words[skip..words.len().min(skip + ANCHOR_WORDS)];
            (cursor..page.len().saturating_sub(anchor.len() - 1))
                .find(|&i| anchor.iter().zip(&page[i..]).all(|(w, (p, _))| w == p))
                .map(|i| (skip, i))
        })?;
    let anchor = words.len().min(skip + ANCHOR_WORDS) - skip;
    let mut end = first + anchor - 1;
    for w in &words[skip + anchor..] {
        let next = page[end + 1..]
            .iter()
            .take(MAX_GAP)
            .position(|(p, _)| p == w);
        match next {
            Some(i) => end += 1 + i,
            None => break,
        }
    }
    Some((first, end))
}

/// A line's words: runs of ASCII letters and digits, lowercased.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect()
}

/// Elements whose content is never the page's text.
const SILENT: &[&str] = &["head", "script", "style", "title", "template"];

/// The page's words outside markup, each with its 1-based line.
fn page_words(html: &str) -> Vec<(String, u32)> {
    let mut out = Vec::new();
    let mut line: u32 = 1;
    let mut word = String::new();
    let mut word_line = 1;
    // The silent element being skipped, by name, when inside one.
    let mut silent: Option<&str> = None;
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        let flush = |word: &mut String, out: &mut Vec<(String, u32)>| {
            if !word.is_empty() {
                out.push((std::mem::take(word), word_line));
            }
        };
        if c == '<' {
            flush(&mut word, &mut out);
            let (skip, tag) = markup(rest);
            line += newlines(&rest[..skip]);
            rest = &rest[skip..];
            if let Some((name, closing)) = tag {
                match silent {
                    Some(s) if closing && s.eq_ignore_ascii_case(&name) => silent = None,
                    None if !closing => {
                        silent = SILENT
                            .iter()
                            .find(|s| s.eq_ignore_ascii_case(&name))
                            .copied();
                    }
                    _ => {}
                }
            }
            continue;
        }
        let len = c.len_utf8();
        if c == '&' {
            // An entity is a separator, like the character it renders.
            flush(&mut word, &mut out);
            let end = rest[1..]
                .char_indices()
                .take(10)
                .find(|&(_, ch)| ch == ';' || !ch.is_ascii_alphanumeric() && ch != '#')
                .filter(|&(_, ch)| ch == ';')
                .map_or(len, |(i, _)| i + 2);
            rest = &rest[end..];
            continue;
        }
        if c == '\n' {
            line += 1;
        }
        if silent.is_none() && c.is_ascii_alphanumeric() {
            if word.is_empty() {
                word_line = line;
            }
            word.push(c.to_ascii_lowercase());
        } else {
            flush(&mut word, &mut out);
        }
        rest = &rest[len..];
    }
    if !word.is_empty() {
        out.push((word, word_line));
    }
    out
}

/// The length of the markup `text` starts with (a comment, a declaration or a tag, to its
/// end), and a tag's name and whether it closes.
fn markup(text: &str) -> (usize, Option<(String, bool)>) {
    if let Some(body) = text.strip_prefix("<!--") {
        return (body.find("-->").map_or(text.len(), |i| 4 + i + 3), None);
    }
    let (end, inner) = match text.find('>') {
        Some(i) => (i + 1, &text[1..i]),
        None => (text.len(), &text[1..]),
    };
    let closing = inner.starts_with('/');
    let name: String = inner
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let tag = (!name.is_empty()).then_some((name, closing));
    (end, tag)
}

fn newlines(text: &str) -> u32 {
    u32::try_from(text.matches('\n').count()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_line_points_at_the_page_lines_its_words_stand_on() {
        let html = "<html>\n<head>\n<title>Pay guide</title>\n</head>\n<body>\n<nav><a>Pay</a></nav>\n\
                    <h1>Pay guide</h1>\n<p>Most nurses earn\n$70,000 to $90,000 a year.</p>\n\
                    <ul>\n<li>Night shifts pay more</li>\n<li>Caf&eacute; work doesn&rsquo;t</li>\n</ul>\n</body>\n</html>\n";
        let text = "Pay guide\n\nMost nurses earn $70,000 to $90,000 a year.\n\n* Night shifts pay more\n* Café work doesn’t\n";
        let lines = source_lines(html, text);
        assert_eq!(
            lines,
            vec![(7, 7), (7, 7), (8, 9), (9, 9), (11, 11), (12, 12)],
            "the title in <head> and the menu's word are not the heading"
        );
    }

    #[test]
    fn a_line_the_page_does_not_hold_keeps_the_line_before() {
        let html = "<p>First paragraph here.</p>\n<p>Second one.</p>\n";
        let text = "First paragraph here.\n---\nInvented by the renderer\nSecond one.\n";
        assert_eq!(
            source_lines(html, text),
            vec![(1, 1), (1, 1), (1, 1), (2, 2)]
        );
    }

    #[test]
    fn table_rows_and_comments() {
        let html = "<!-- a comment\nover lines -->\n<table>\n<tr><th>Level</th><th>Pay</th></tr>\n\
                    <tr>\n<td>Junior</td>\n<td>$50k</td>\n</tr>\n</table>\n";
        let text = "Level | Pay\nJunior | $50k\n";
        assert_eq!(source_lines(html, text), vec![(4, 4), (6, 7)]);
    }

    #[test]
    fn bad_markup_never_panics() {
        for html in ["<", "<p", "<é", "&", "&#", "<!--", "é<é>é&é;", "<script>x"] {
            let _ = source_lines(html, "x\né\n");
        }
    }
}
