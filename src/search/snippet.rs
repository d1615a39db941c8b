//! Snippets: the part of a passage that best matches a question, cut on word boundaries, as plain
//! text with the matched words' ranges (each face renders them its own way).

use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::analysis::Term;

/// Default visible length of a snippet, in characters of guide text.
pub const DEFAULT_SNIPPET_CHARS: usize = 320;

/// Context kept before the first match when the snippet does not start at the passage start.
const LEAD_IN_CHARS: usize = 60;

/// The best part of a passage for a question, as plain text (lines joined into one; "…" where
/// the passage was cut) with the byte ranges of the words that matched. Faces decide how a
/// highlight looks (Discord bold, ANSI bold, JSON offsets); the core adds no markup.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Snippet {
    /// The text shown.
    pub text: String,
    /// Byte ranges of `text` to highlight: in order, not overlapping, on character boundaries.
    pub highlights: Vec<Range<usize>>,
}

impl Snippet {
    /// The text in pieces, each with whether it is highlighted; the pieces join to `text`.
    pub fn pieces(&self) -> impl Iterator<Item = (&str, bool)> {
        let mut at = 0;
        let mut out = Vec::with_capacity(self.highlights.len() * 2 + 1);
        for r in &self.highlights {
            if r.start > at {
                out.push((&self.text[at..r.start], false));
            }
            out.push((&self.text[r.clone()], true));
            at = r.end;
        }
        if at < self.text.len() {
            out.push((&self.text[at..], false));
        }
        out.into_iter()
    }

    /// The highlights as `[start, end)` character offsets into `text` (for JSON readers, which
    /// count characters, not UTF-8 bytes).
    pub fn char_highlights(&self) -> Vec<[usize; 2]> {
        if self.text.is_ascii() {
            return self.highlights.iter().map(|r| [r.start, r.end]).collect();
        }
        let chars_before = |byte: usize| self.text[..byte].chars().count();
        self.highlights
            .iter()
            .map(|r| [chars_before(r.start), chars_before(r.end)])
            .collect()
    }
}

/// Makes a snippet of `text` around the words whose analysed terms are keys of `terms`; a term's
/// value is its weight (rare question words should weigh more than common ones). At most
/// `max_chars` characters of `text` are shown ("…" comes on top). `analysed` must be the
/// analysis of `text` (the analyzer's terms with their offsets).
pub fn snippet(
    text: &str,
    analysed: &[Term],
    terms: &FxHashMap<String, f32>,
    max_chars: usize,
) -> Snippet {
    let matches: Vec<Match> = analysed
        .iter()
        .filter_map(|t| {
            terms.get_key_value(&*t.text).map(|(term, &weight)| Match {
                start: t.start,
                end: t.end,
                term: term.as_str(),
                weight,
            })
        })
        .collect();
    let spans: Vec<(usize, usize)> = matches.iter().map(|m| (m.start, m.end)).collect();
    let (start, end) = window(text, &matches, max_chars.max(1));
    render(text, start, end, &spans)
}

/// A word of the text that matched a question term.
struct Match<'a> {
    start: usize,
    end: usize,
    term: &'a str,
    weight: f32,
}

/// The byte range to show: the whole text when short enough, else the window of `max_chars`
/// characters whose distinct matched terms weigh most, widened to a line start or word boundary.
fn window(text: &str, matches: &[Match], max_chars: usize) -> (usize, usize) {
    // Byte offset of every character, so window ends come by index arithmetic, not rescans;
    // in ASCII text (most guides) characters are bytes and no table is needed.
    let offsets: Option<Vec<usize>> =
        (!text.is_ascii()).then(|| text.char_indices().map(|(i, _)| i).collect());
    if offsets.as_ref().map_or(text.len(), Vec::len) <= max_chars {
        return (0, text.len());
    }
    let advance_chars = |from: usize, n: usize| match &offsets {
        Some(offsets) => {
            let first = offsets.partition_point(|&o| o < from);
            offsets.get(first + n).copied().unwrap_or(text.len())
        }
        None => (from + n).min(text.len()),
    };
    let mut best = (0f32, 0usize); // (weight of distinct terms, start)
    let mut candidates: Vec<usize> = Vec::with_capacity(matches.len() + 1);
    candidates.push(0);
    for m in matches {
        let start = lead_in(text, m.start, (max_chars / 4).min(LEAD_IN_CHARS));
        // Neighbouring matches often share a start (their line's); it weighs the same twice.
        if candidates.last() != Some(&start) {
            candidates.push(start);
        }
    }
    // A question has a handful of distinct terms: a list beats a hash set here.
    let mut seen: Vec<&str> = Vec::new();
    for &start in &candidates {
        let end = advance_chars(start, max_chars);
        seen.clear();
        let weight: f32 = matches
            .iter()
            .filter(|m| {
                let counts = m.start >= start && m.end <= end && !seen.contains(&m.term);
                if counts {
                    seen.push(m.term);
                }
                counts
            })
            .map(|m| m.weight)
            .sum();
        // The first candidate with the greatest weight wins: earlier text reads better.
        if weight > best.0 {
            best = (weight, start);
        }
    }
    let start = best.1;
    let mut end = advance_chars(start, max_chars);
    if end < text.len() {
        // Cut at the last whitespace inside the window, never inside a word.
        if let Some(ws) = text[start..end].rfind(char::is_whitespace)
            && ws > 0
        {
            end = start + ws;
        }
    }
    (start, end)
}

/// Where to start a window whose first match is at `at`: the start of its line when close,
/// else a word boundary about `lead` characters before it.
fn lead_in(text: &str, at: usize, lead: usize) -> usize {
    let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    let back = retreat_chars(text, at, lead);
    if line_start >= back {
        return line_start;
    }
    // Move forward to the next word start after `back`.
    match text[back..at].find(char::is_whitespace) {
        Some(ws) => {
            let after = back + ws;
            after + text[after..].len() - text[after..].trim_start().len()
        }
        None => at,
    }
}

fn retreat_chars(text: &str, from: usize, n: usize) -> usize {
    text[..from]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

fn render(text: &str, start: usize, end: usize, matches: &[(usize, usize)]) -> Snippet {
    let mut out = Snippet {
        text: String::with_capacity(end - start + 8),
        highlights: Vec::new(),
    };
    if start > 0 {
        out.text.push('…');
    }
    let mut at = start;
    for &(s, e) in matches.iter().filter(|&&(s, e)| s >= start && e <= end) {
        if s < at {
            continue;
        }
        push_text(&mut out.text, text, at, s, start);
        let from = out.text.len();
        push_text(&mut out.text, text, s, e, start);
        out.highlights.push(from..out.text.len());
        at = e;
    }
    push_text(&mut out.text, text, at, end, start);
    if end < text.len() {
        out.text.push('…');
    }
    out
}

/// Appends `text[from..to]`, joining its lines into one: after a sentence a space, between list
/// items " · ". A Markdown table reads as its rows: the rule under its header is dropped, and a
/// row loses the pipes at its edges ("Junior | 0–2 years | $60,000"). Judged on the original
/// text, so it works across match boundaries.
fn push_text(out: &mut String, text: &str, from: usize, to: usize, window_start: usize) {
    let mut pos = from;
    while pos < to {
        let line_start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let segment_end = line_end.min(to);
        let line = &text[line_start..line_end];
        let row = table_row(line);
        if row != Some(TableRow::Rule) {
            let (mut a, mut b) = (pos, segment_end);
            if let Some(TableRow::Cells(inner)) = &row {
                a = a.max(line_start + inner.start);
                b = b.min(line_start + inner.end);
            } else if let Some(words) = heading_words(line) {
                a = a.max(line_start + words.start);
                b = b.min(line_start + words.end);
            }
            // The indentation after a line break is not shown.
            if pos == line_start && pos > window_start {
                a += text[a..b.max(a)].len() - text[a..b.max(a)].trim_start().len();
            }
            if a < b {
                out.push_str(&text[a..b]);
            }
        }
        if segment_end == line_end && line_end < to {
            // The line break itself, unless it ends a table's rule (already dropped).
            if row != Some(TableRow::Rule) {
                while out.ends_with([' ', '\t', '\r']) {
                    out.pop();
                }
                let before = text[window_start..line_end].trim_end();
                let sentence_end =
                    before.is_empty() || before.ends_with(['.', '!', '?', ':', ';', ',']);
                out.push_str(if sentence_end { " " } else { " · " });
            }
            pos = line_end + 1;
        } else {
            pos = segment_end;
        }
    }
}

/// The byte range of a heading line's words within `line`, without its marks: a Markdown
/// heading ("## Pay" → "Pay") or a line wholly in bold ("**Is the work hard?**"), as a heading
/// packed into a passage is written. `None` for any other line (bold inside a line stays).
fn heading_words(line: &str) -> Option<Range<usize>> {
    let lead = line.len() - line.trim_start().len();
    let trimmed = line.trim();
    let hashes = trimmed.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && trimmed[hashes..].starts_with(' ') {
        let words = trimmed[hashes..].trim();
        let start = lead + (trimmed.len() - trimmed[hashes..].trim_start().len());
        return (!words.is_empty()).then(|| start..start + words.len());
    }
    let inner = trimmed.strip_prefix("**")?.strip_suffix("**")?;
    let words = inner.trim();
    (!words.is_empty() && !inner.contains("**")).then(|| {
        let start = lead + 2 + (inner.len() - inner.trim_start().len());
        start..start + words.len()
    })
}

/// A line of a Markdown table.
#[derive(Debug, Clone, PartialEq, Eq)]
enum TableRow {
    /// The rule under the header (`|---|:--:|`).
    Rule,
    /// A row, with the byte range of what lies between its edge pipes, trimmed.
    Cells(Range<usize>),
}

/// Whether `line` is a row of a Markdown table: between pipes at both ends (spaces aside).
fn table_row(line: &str) -> Option<TableRow> {
    let trimmed = line.trim();
    if trimmed.len() < 2 || !trimmed.starts_with('|') || !trimmed.ends_with('|') {
        return None;
    }
    let inner = &trimmed[1..trimmed.len() - 1];
    if inner.contains('-')
        && inner
            .chars()
            .all(|c| matches!(c, '-' | ':' | '|' | ' ' | '\t'))
    {
        return Some(TableRow::Rule);
    }
    let lead = line.len() - line.trim_start().len() + 1;
    let cells = inner.trim();
    let start = lead + (inner.len() - inner.trim_start().len());
    Some(TableRow::Cells(start..start + cells.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snip(text: &str, terms: &FxHashMap<String, f32>, max_chars: usize) -> Snippet {
        let analysed = crate::answer::fixtures::vocab().analyzer().analyze(text);
        snippet(text, &analysed, terms, max_chars)
    }

    fn terms(words: &str) -> FxHashMap<String, f32> {
        crate::answer::fixtures::vocab()
            .analyzer()
            .terms(words)
            .into_iter()
            .map(|t| (t, 1.0))
            .collect()
    }

    /// The snippet with its highlights in brackets, to compare in one string.
    fn marked(s: &Snippet) -> String {
        s.pieces()
            .map(|(t, h)| if h { format!("[{t}]") } else { t.to_string() })
            .collect()
    }

    #[test]
    fn highlights_matches_through_synonyms() {
        let s = snip(
            "Back-end developers earn competitive salaries.",
            &terms("backend pay"),
            200,
        );
        assert_eq!(s.text, "Back-end developers earn competitive salaries.");
        assert_eq!(
            marked(&s),
            "[Back-end] developers [earn] competitive [salaries]."
        );
    }

    #[test]
    fn short_text_is_whole_and_lines_joined() {
        let s = snip(
            "Databases\nMySQL\nPostgreSQL\nRedis",
            &terms("postgres"),
            200,
        );
        assert_eq!(marked(&s), "Databases · MySQL · [PostgreSQL] · Redis");
        let s = snip("First sentence.\nSecond one", &terms("none"), 200);
        assert_eq!(s.text, "First sentence. Second one");
        assert!(s.highlights.is_empty());
    }

    #[test]
    fn long_text_is_cut_on_word_boundaries_around_matches() {
        let text = format!(
            "{} The senior salary is high here. {}",
            "filler words ".repeat(40),
            "tail words ".repeat(40)
        );
        let s = snip(&text, &terms("senior salary"), 80);
        assert!(marked(&s).contains("[senior] [salary]"), "{s:?}");
        assert!(s.text.starts_with('…') && s.text.ends_with('…'), "{s:?}");
        let visible = s.text.replace('…', "");
        assert!(visible.chars().count() <= 80, "{s:?}");
        for word in visible.split_whitespace() {
            assert!(
                [
                    "filler", "words", "The", "senior", "salary", "is", "high", "here.", "tail"
                ]
                .contains(&word),
                "cut word {word:?} in {s:?}"
            );
        }
    }

    #[test]
    fn rare_terms_pull_the_window() {
        let text = format!(
            "backend backend backend. {} The senior pay is high.",
            "filler ".repeat(60)
        );
        let mut t = terms("backend");
        t.insert(
            crate::answer::fixtures::vocab().analyzer().terms("senior")[0].clone(),
            5.0,
        );
        let s = snip(&text, &t, 60);
        assert!(marked(&s).contains("[senior]"), "{s:?}");
    }

    #[test]
    fn never_splits_utf8() {
        let text = "é".repeat(500) + " salary " + &"ü".repeat(500);
        for max in [1, 2, 3, 50, 99, 100, 101] {
            let s = snip(&text, &terms("salary"), max);
            for r in &s.highlights {
                assert!(s.text.is_char_boundary(r.start) && s.text.is_char_boundary(r.end));
            }
        }
        let emoji = "💼 ".repeat(300) + "pay";
        let _ = snip(&emoji, &terms("pay"), 7);
    }

    /// Regression (seen by the cards2 helper): a passage holding a Markdown table showed its
    /// rule and every edge pipe ("| Level | … · |---|---| · | Junior …"). Its rows now read as
    /// rows, the rule dropped; pipes inside a row and in running text stay.
    #[test]
    fn a_markdown_table_reads_as_its_rows() {
        let text = "Pay depends on level.\n\n| Level | Base salary |\n|---|:---:|\n| Junior | $60,000 |\n  | Senior | $100,000 |\nUse a || b.";
        let s = snip(text, &terms("salary"), 400);
        assert_eq!(
            marked(&s),
            "[Pay] depends on level. Level | Base [salary] · Junior | $60,000 · Senior | $100,000 · Use a || b."
        );
        assert_eq!(table_row("|---|:--:|"), Some(TableRow::Rule));
        assert_eq!(table_row(" | a | b | "), Some(TableRow::Cells(3..8)));
        assert_eq!(table_row("a | b"), None);
        assert_eq!(table_row("|"), None);
    }

    /// Regression (issue 14, second probe): a heading packed into a passage showed its marks in
    /// the snippet ("**What is a COTA?** · A certified …", "## Pay"), escaped on Discord into
    /// literal asterisks and hashes. Such a line reads as its words, like a table's row; bold
    /// inside a line is the guide's text and stays.
    #[test]
    fn a_heading_line_reads_as_its_words() {
        let s = snip(
            "Online programs exist.\n\n**What is a COTA?**\nAn assistant earns $55,000.\n## Pay\nOTs earn more.",
            &terms("assistant pay"),
            200,
        );
        assert_eq!(
            s.text,
            "Online programs exist. What is a COTA? · An assistant earns $55,000. Pay · OTs earn more."
        );
        assert_eq!(
            marked(&s),
            "Online programs exist. What is a COTA? · An [assistant] [earns] $55,000. [Pay] · OTs [earn] more."
        );
        assert_eq!(heading_words("  ### Skills you need  "), Some(6..21));
        assert_eq!(heading_words("**a** and **b**"), None);
        assert_eq!(heading_words("#hashtag"), None);
        assert_eq!(heading_words("****"), None);
    }

    #[test]
    fn guide_text_comes_out_as_written() {
        let raw = "Use *stars* and __under__ `code` @everyone <@123> ||x||";
        let s = snip(raw, &terms("nothing"), 200);
        assert_eq!(s.text, raw);
    }

    #[test]
    fn character_offsets_count_characters() {
        let s = snip("Über-gut: the senior salary", &terms("salary"), 200);
        let [from, to] = s.char_highlights()[0];
        let chars: Vec<char> = s.text.chars().collect();
        assert_eq!(chars[from..to].iter().collect::<String>(), "salary");
        assert_eq!(s.highlights[0].end - s.highlights[0].start, 6);
        assert_ne!(
            s.highlights[0].start, from,
            "bytes and characters differ here"
        );
    }
}
