//! Passage splitting: turns a guide's cleaned lines into sections (heading + body) and packs
//! them into citable passages of roughly 200–900 characters.
//!
//! Headings are found from the shape of plain text: Markdown `#` lines; questions ending in `?`;
//! short lines without a final period that introduce prose; "How to…"/"What…" lines; and, inside
//! runs of short lines, a Title Case line that introduces sentence-case items ("Job Search Tips"
//! over "Apply on company career pages"). Every other short line is a list item and stays in the
//! body of its heading, so "Databases / MySQL / PostgreSQL / MongoDB / Redis" is one passage.
//!
//! A line that wraps onto the next (a list item onto its indented continuation lines, or a long
//! line ending mid-sentence before one that goes on in lower case: [`wraps_onto`]) is never a
//! heading, and neither are its continuations: a heading does not wrap.
//!
//! Tables (`| a | b |` rows, or two or more `a | b` rows with as many cells) and fenced code
//! blocks are blocks: their lines are never headings, and a cut never falls inside one that fits
//! in [`MAX_BLOCK_CHARS`].
//!
//! Packing: a section smaller than the minimum absorbs the sections after it, a small section is
//! appended to the passage before it when both fit, and a section larger than the maximum is cut
//! between lines (preferring sub-heading boundaries, never inside a block); every part keeps its
//! heading.

use super::Passage;
use super::layout;

/// Passages aim to be at least this long (characters of body text)...
pub const MIN_CHARS: usize = 200;
/// ...and at most this long, unless a single line or block is longer.
pub const MAX_CHARS: usize = 900;
/// A table or code block up to this long stays whole in one passage, even over [`MAX_CHARS`]:
/// a header row cut off from its rows answers nothing. A longer one is cut between lines like
/// prose, and nothing is repeated in the later parts (not even a table's header row).
pub const MAX_BLOCK_CHARS: usize = 2 * MAX_CHARS;

/// Longest line (in characters) that can be a heading.
const MAX_HEADING_CHARS: usize = 90;
/// Longest question line that can be a heading.
const MAX_QUESTION_CHARS: usize = 200;
/// A text line at least this long is prose even without a final period.
const PROSE_CHARS: usize = 100;

/// Words that stay lower case in Title Case.
const MINOR_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on", "or",
    "the", "to", "vs", "vs.", "with", "your", "is", "are", "do",
];

/// Openings that make a short line a heading wherever it stands.
const HEADING_OPENERS: &[&str] = &[
    "how to ",
    "how do ",
    "how does ",
    "how can ",
    "what ",
    "why ",
    "when ",
    "where ",
    "which ",
    "who ",
    "is ",
    "are ",
    "should ",
    "can ",
    "do ",
    "does ",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// `# Heading`
    Markdown,
    /// `- item`, `• item`, `* item`
    Bullet,
    /// `| a | b |`, or one of two or more `a | b` rows in a row.
    TableRow,
    /// A line of a fenced code block, fences included.
    Code,
    /// Anything else.
    Text,
}

/// A kept, non-blank line.
#[derive(Debug, Clone)]
struct Line<'a> {
    /// 1-based line number in the file.
    no: u32,
    text: &'a str,
    shape: Shape,
    /// Leading whitespace of the line in the file, in characters.
    indent: usize,
    /// Underlined with `===` or `---` on the next line: a heading.
    underlined: bool,
}

impl Line<'_> {
    fn chars(&self) -> usize {
        self.text.chars().count()
    }

    /// Prose: a sentence or a paragraph (ends like one, or is long).
    fn is_prose(&self) -> bool {
        match self.shape {
            Shape::Text | Shape::Bullet => {
                self.chars() >= PROSE_CHARS || self.text.ends_with(['.', '!', ':', '"', '”', ';'])
            }
            _ => false,
        }
    }

    /// Could be a heading by its shape alone: short, a letter in it, no final punctuation, not a
    /// figure or a table row.
    fn is_short(&self) -> bool {
        self.shape == Shape::Text
            && self.chars() <= MAX_HEADING_CHARS
            && self.text.chars().any(char::is_alphabetic)
            && !self.text.ends_with(['.', '!', ',', ';', ':', '"', '”'])
            && !looks_like_data(self.text)
    }

    fn is_question(&self) -> bool {
        self.shape == Shape::Text && self.text.ends_with('?') && self.chars() <= MAX_QUESTION_CHARS
    }

    fn opens_like_heading(&self) -> bool {
        let lower = self.text.to_lowercase();
        HEADING_OPENERS.iter().any(|o| lower.starts_with(o)) && is_title_case(self.text)
    }
}

/// Shortest line (in characters) read as filled up to a text width and wrapped.
pub const WRAP_MIN_CHARS: usize = 60;

/// Words a sentence goes on after, never a heading's last: articles, "and", prepositions.
const RUN_ON_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "to", "with", "as", "at", "by", "for", "from", "in",
    "into", "on", "than", "between",
];

/// Whether `next`, the line right after `line` (no blank line between), carries on its text: a
/// long line that does not end like a sentence or a lead-in, before a line that goes on in lower
/// case ("… takes about two years; a" / "bachelor's (BSN) takes four …"), or whatever the next
/// line opens with when the line stops on a word a sentence goes on after ("… as an" / "EMT,
/// medical assistant …") or on a lower-case word before an amount ("… commonly earn" /
/// "$145,000 to $175,000 a year."). A table's row ("3 | Work as a dogman | 6 – 24 months | Paid
/// work", as an HTML table is read) never wraps: the next row is its own. Both trimmed or not.
pub fn wraps_onto(line: &str, next: &str) -> bool {
    let (line, next) = (line.trim(), next.trim());
    let last = line.rsplit(' ').next().unwrap_or_default();
    !line.contains(" | ")
        && line.chars().count() >= WRAP_MIN_CHARS
        && !line.ends_with(['.', '!', '?', ':', ';', '"', '”'])
        && (next.starts_with(char::is_lowercase)
            || RUN_ON_WORDS.contains(&last)
            || (last.starts_with(char::is_lowercase)
                && next.starts_with(|c: char| c.is_ascii_digit() || "$€£".contains(c))))
}

/// Which lines continue the line before them: they follow with no blank line between, start no
/// item, table, code or heading of their own, and are indented deeper than the list item they
/// belong to (its continuation lines), carry on wrapped text ([`wraps_onto`]), or make a
/// hanging indent: indented deeper than a line filled to a width ([`WRAP_MIN_CHARS`]) that
/// leads into nothing with a colon, or keeping the deeper indent of the continuation line before
/// them ("Step 6. Register as a Chartered Engineer with Engineers" / "        Australia.";
/// "Step 2. Complete a degree in" / "        mining. Universities include Curtin," /
/// "        UNSW and Adelaide").
fn continuations(lines: &[Line]) -> Vec<bool> {
    let mut out = vec![false; lines.len()];
    // The indentation of the list item the lines so far belong to.
    let mut item: Option<usize> = None;
    // The indentation of the line the lines so far continue.
    let mut opener = 0;
    for (i, l) in lines.iter().enumerate() {
        if let Some(prev) = i.checked_sub(1).map(|j| &lines[j]) {
            // A filled line over a deeper indent, or the lines that keep that indent.
            let hanging = (prev.chars() >= WRAP_MIN_CHARS
                && l.indent > prev.indent
                && !prev.text.ends_with(':'))
                || (out[i - 1] && l.indent > opener && l.indent == prev.indent);
            out[i] = l.no == prev.no.saturating_add(1)
                && l.shape == Shape::Text
                && !super::title::is_numbered_item(l.text)
                && (item.is_some_and(|indent| l.indent > indent)
                    || hanging
                    || (matches!(prev.shape, Shape::Text | Shape::Bullet)
                        && wraps_onto(prev.text, l.text)));
        }
        if !out[i] {
            let is_item = l.shape == Shape::Bullet || super::title::is_numbered_item(l.text);
            item = is_item.then_some(l.indent);
            opener = l.indent;
        }
    }
    out
}

/// A label set off from its text by a colon and a column gap ("After:      Keep up CPD …", a
/// plain-text timeline's row): a row of a list, never a heading.
fn set_off_label(text: &str) -> bool {
    text.split_once(':').is_some_and(|(label, rest)| {
        label.chars().count() <= MAX_SET_OFF_LABEL_CHARS
            && rest.starts_with("  ")
            && rest.trim_start().starts_with(|c: char| !c.is_whitespace())
    })
}

/// Longest label [`set_off_label`] reads.
const MAX_SET_OFF_LABEL_CHARS: usize = 30;

/// Figures, prices and rows of numbers are never headings.
fn looks_like_data(text: &str) -> bool {
    let digits = text.chars().filter(char::is_ascii_digit).count();
    text.contains(['$', '%', '€', '£', '₹']) || digits * 4 > text.chars().count()
}

/// Every word but minor ones starts with a capital (or a digit), and there are at least two.
fn is_title_case(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.len() >= 2
        && words.iter().enumerate().all(|(i, w)| {
            let first = w.trim_start_matches(['(', '"', '“']).chars().next();
            let lower = w.to_lowercase();
            (i > 0 && MINOR_WORDS.contains(&lower.as_str()))
                || first
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || !c.is_alphabetic())
        })
}

/// Words from which a line is running text rather than a short item of a list.
const RUNNING_TEXT_WORDS: usize = 8;

/// Written in capitals: words of letters (three in four of its characters but spaces, and two
/// or more), none in lower case ("KEY SKILLS", not "C# (.NET)").
fn is_capitals(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let visible = text.chars().filter(|c| !c.is_whitespace()).count();
    letters >= 2 && letters * 4 >= visible * 3 && !text.chars().any(char::is_lowercase)
}

/// Whether `line` may run on into `next` as one wrapped paragraph: as long as a filled line and
/// with no blank line between (a short line over a wrapped paragraph heads it; "… can expect"
/// over "£25,000 to £29,000, and …" goes on).
fn runs_into_next(line: &Line, next: Option<&Line>) -> bool {
    line.chars() >= WRAP_MIN_CHARS && next.is_some_and(|n| n.no == line.no + 1)
}

/// A text line wholly in bold (`**Pay**`, `__Career path__`, `**Is the work hard?**`) whose
/// words could head a section: short (or a question), no figure, not ending like a sentence.
fn bold_heading(line: &Line) -> bool {
    if line.shape != Shape::Text {
        return false;
    }
    ["**", "__"].iter().any(|mark| {
        let Some(inner) = line
            .text
            .strip_prefix(mark)
            .and_then(|rest| rest.strip_suffix(mark))
        else {
            return false;
        };
        let inner = inner.trim().trim_end_matches(':');
        let chars = inner.chars().count();
        !inner.contains(mark)
            && inner.chars().any(char::is_alphabetic)
            && !looks_like_data(inner)
            && !inner.ends_with(['.', '!', ',', ';'])
            && (chars <= MAX_HEADING_CHARS || (inner.ends_with('?') && chars <= MAX_QUESTION_CHARS))
    })
}

/// Sentence case: capitalised first word and some later word (not a minor one) in lower case.
fn is_sentence_case(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.len() == 1
        || words.iter().skip(1).any(|w| {
            let lower = w.to_lowercase();
            !MINOR_WORDS.contains(&lower.as_str())
                && w.chars().next().is_some_and(char::is_lowercase)
        })
}

fn shape_of(text: &str) -> Shape {
    if text.starts_with('#') {
        Shape::Markdown
    } else if text.starts_with('|') {
        Shape::TableRow
    } else if text.starts_with(['-', '•', '*', '–', '·'])
        && text.chars().nth(1).is_some_and(char::is_whitespace)
    {
        Shape::Bullet
    } else {
        Shape::Text
    }
}

/// Cells a line would have as a row of a table without outer pipes (`a | b | c` → 3), or 0.
fn pipe_cells(line: &Line) -> usize {
    if line.shape != Shape::Text {
        return 0;
    }
    match line.text.matches(" | ").count() {
        0 => 0,
        n => n + 1,
    }
}

/// Two or more lines in a row with the same number of ` | `-separated cells are a table (the
/// rows an HTML table becomes: "Level | Experience | Pay").
fn mark_pipe_tables(lines: &mut [Line]) {
    let mut i = 0;
    while i < lines.len() {
        let cells = pipe_cells(&lines[i]);
        let mut j = i + 1;
        while cells > 0 && j < lines.len() && pipe_cells(&lines[j]) == cells {
            j += 1;
        }
        if j - i >= 2 {
            lines[i..j]
                .iter_mut()
                .for_each(|l| l.shape = Shape::TableRow);
        }
        i = j;
    }
}

/// How a heading relates to the text around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rank {
    /// Starts a section.
    Section,
    /// A section that stands on its own: it is never appended to the passage before it.
    Major,
    /// A sub-heading inside a section's list: a preferred place to cut a long section.
    Sub,
    /// A Title Case heading over a list or table right after prose ("Average Salary Range"):
    /// starts a section, but belongs with the section before it when both are small.
    List,
}

#[derive(Debug)]
struct Section<'a> {
    heading: Option<Line<'a>>,
    rank: Rank,
    body: Vec<Line<'a>>,
    subs: Vec<u32>,
}

impl Section<'_> {
    fn body_chars(&self) -> usize {
        self.body.iter().map(|l| l.chars() + 1).sum()
    }
}

/// Splits a guide into passages. `lines` are the file's lines, `drop` marks boilerplate (same
/// length), `source` and `title` are copied into each passage.
pub fn split(lines: &[&str], drop: &[bool], source: &str, title: &str) -> Vec<Passage> {
    let code = super::clean::code_lines(lines);
    // Plain-text layout read as Markdown: aligned tables as `a | b` rows, underlined headings.
    let rows = layout::pipe_rows(lines, &code);
    let underlined = layout::underlined(lines, &code);
    let mut kept: Vec<Line> = lines
        .iter()
        .zip(&rows)
        .zip(drop)
        .enumerate()
        .filter_map(|(i, ((l, row), d))| {
            let text = row.as_deref().unwrap_or(l).trim();
            let underline = i > 0 && underlined[i - 1];
            (!d && !underline && !text.is_empty()).then(|| Line {
                no: u32::try_from(i + 1).unwrap_or(u32::MAX),
                text,
                shape: if code[i] { Shape::Code } else { shape_of(text) },
                indent: l.chars().take_while(|c| c.is_whitespace()).count(),
                underlined: underlined[i],
            })
        })
        .collect();
    mark_pipe_tables(&mut kept);
    let ranks = rank_headings(&kept, title);
    let sections = sections(kept, &ranks);
    pack(sections, source, title)
}

/// Decides which lines are headings.
fn rank_headings(lines: &[Line], title: &str) -> Vec<Option<Rank>> {
    let mut ranks = vec![None; lines.len()];
    // Lines that wrap onto the next one, or continue the one before: never headings.
    let continued = continuations(lines);
    let wrapped: Vec<bool> = (0..lines.len())
        .map(|i| continued[i] || continued.get(i + 1).copied().unwrap_or(false))
        .collect();
    for (i, line) in lines.iter().enumerate() {
        let next = lines.get(i + 1);
        let first_line_heading = i == 0 && (line.is_short() || line.text == title);
        // A line in capitals between blank lines, over text that is no short line of its own (a
        // list of short items, "SQL" / "AWS", stays a list): a plain-text guide's heading.
        let capitals_alone = line.is_short()
            && !wrapped[i]
            && is_capitals(line.text)
            && next.is_some_and(|n| {
                n.no > line.no + 1
                    && (!n.is_short()
                        || wrapped[i + 1]
                        || n.text.split_whitespace().count() >= RUNNING_TEXT_WORDS
                        || n.is_question()
                        || n.shape != Shape::Text)
            })
            && (i == 0 || lines[i - 1].no + 1 < line.no);
        // A line wholly in bold ("**Pay**", "**Is the work hard?**") is styled as a heading.
        let bold_alone = !wrapped[i] && next.is_some() && bold_heading(line);
        ranks[i] = if line.shape == Shape::Markdown
            || (line.underlined && line.shape == Shape::Text)
            || (line.is_question() && !wrapped[i])
            || first_line_heading
            || capitals_alone
            || bold_alone
        {
            Some(Rank::Major)
        } else if !line.is_short() || wrapped[i] || set_off_label(line.text) {
            None
        } else if line.opens_like_heading() {
            Some(Rank::Major)
        } else if next.is_none_or(|n| n.is_prose() || n.shape == Shape::TableRow)
            || (wrapped.get(i + 1) == Some(&true) && !runs_into_next(line, next))
        {
            // A short line introducing prose or a table, unless it is the last item of a list:
            // after a plain item it must be styled as a heading, and differently from that item
            // ("Time management" / "Education and Learning Path" vs "Software Architect" /
            // "Engineering Manager").
            let prev_is_item =
                i > 0 && lines[i - 1].is_short() && !wrapped[i - 1] && ranks[i - 1].is_none();
            let styled = is_title_case(line.text) || line.text.split_whitespace().count() == 1;
            let breaks_list = !prev_is_item || (styled && !is_title_case(lines[i - 1].text));
            (next.is_some() && breaks_list).then_some(Rank::Section)
        } else if next.is_some_and(|n| n.shape == Shape::Bullet) {
            Some(Rank::Section)
        } else if is_title_case(line.text)
            && next.is_some_and(|n| is_sentence_case(n.text) || !n.is_short())
        {
            Some(Rank::Sub)
        } else {
            None
        };
    }
    // A Title Case line right after prose that opens a list or table of two or more rows heads
    // that list ("Backend Developer Salaries in the USA" over "Experience Level Salary Range",
    // "Entry $70K – $95K", …).
    for i in 1..lines.len().saturating_sub(2) {
        let listish =
            |l: &Line| l.shape == Shape::Text && l.chars() <= MAX_HEADING_CHARS && !l.is_prose();
        if ranks[i] != Some(Rank::Section)
            && ranks[i] != Some(Rank::Major)
            && !wrapped[i]
            && lines[i].is_short()
            && is_title_case(lines[i].text)
            && lines[i - 1].is_prose()
            && listish(&lines[i + 1])
            && listish(&lines[i + 2])
        {
            ranks[i] = Some(Rank::List);
        }
    }
    // A heading directly followed by a section heading is that section's parent: it starts the
    // section (so the two are packed together) instead of being a lone list item.
    for i in 0..lines.len().saturating_sub(1) {
        if ranks[i] == Some(Rank::Sub)
            && matches!(ranks[i + 1], Some(Rank::Section | Rank::Major | Rank::List))
        {
            ranks[i] = Some(Rank::Section);
        }
    }
    ranks
}

fn sections<'a>(lines: Vec<Line<'a>>, ranks: &[Option<Rank>]) -> Vec<Section<'a>> {
    let mut out: Vec<Section> = Vec::new();
    for (line, rank) in lines.into_iter().zip(ranks) {
        match rank {
            Some(rank @ (Rank::Section | Rank::Major | Rank::List)) => out.push(Section {
                heading: Some(line),
                rank: *rank,
                body: Vec::new(),
                subs: Vec::new(),
            }),
            _ => {
                if out.is_empty() {
                    out.push(Section {
                        heading: None,
                        rank: Rank::Major,
                        body: Vec::new(),
                        subs: Vec::new(),
                    });
                }
                let current = out.last_mut().expect("just ensured");
                if *rank == Some(Rank::Sub) {
                    current.subs.push(line.no);
                }
                current.body.push(line);
            }
        }
    }
    out
}

/// A passage being assembled.
struct Draft<'a> {
    heading: Option<Line<'a>>,
    /// A later part of a cut section: its range starts at its first line, not the heading.
    continued: bool,
    lines: Vec<Line<'a>>,
}

impl<'a> Draft<'a> {
    fn new(heading: Option<Line<'a>>, continued: bool) -> Self {
        Draft {
            heading,
            continued,
            lines: Vec::new(),
        }
    }

    fn chars(&self) -> usize {
        self.lines.iter().map(|l| l.chars() + 1).sum()
    }

    /// Appends a whole section: its heading becomes a line of this passage.
    fn absorb(&mut self, section: Section<'a>) {
        if let Some(h) = section.heading {
            if self.heading.is_none() && self.lines.is_empty() {
                self.heading = Some(h);
            } else {
                self.lines.push(h);
            }
        }
        self.lines.extend(section.body);
    }

    fn finish(self, source: &str, title: &str) -> Option<Passage> {
        if self.lines.is_empty() {
            return None;
        }
        let first = match &self.heading {
            Some(h) if !self.continued => h.no,
            _ => self.lines[0].no,
        };
        let last = self.lines.last().map_or(first, |l| l.no);
        let section = self
            .heading
            .as_ref()
            .map(|h| clean_heading(h.text))
            .unwrap_or_else(|| title.to_string());
        Some(Passage {
            source: source.to_string(),
            title: title.to_string(),
            career: String::new(),
            section,
            url: None,
            start_line: first,
            end_line: last,
            text: self
                .lines
                .iter()
                .map(|l| l.text)
                .collect::<Vec<_>>()
                .join("\n"),
            line_numbers: self.lines.iter().map(|l| l.no).collect(),
        })
    }
}

/// The heading as shown in a citation: Markdown marks (`##`, a `**bold**` wrapper) and a
/// trailing colon removed.
fn clean_heading(text: &str) -> String {
    let mut t = text.trim_start_matches('#').trim();
    for mark in ["**", "__"] {
        if let Some(inner) = t.strip_prefix(mark).and_then(|r| r.strip_suffix(mark))
            && !inner.contains(mark)
        {
            t = inner.trim();
        }
    }
    t.trim_end_matches(':').trim().to_string()
}

fn pack(sections: Vec<Section>, source: &str, title: &str) -> Vec<Passage> {
    let mut drafts: Vec<Draft> = Vec::new();
    let mut current: Option<Draft> = None;
    let sizes: Vec<usize> = sections.iter().map(Section::body_chars).collect();
    // A section followed by a list-heading section is that list's parent: it starts a passage.
    let parent: Vec<bool> = (0..sections.len())
        .map(|k| sections.get(k + 1).is_some_and(|n| n.rank == Rank::List))
        .collect();
    for (k, section) in sections.into_iter().enumerate() {
        let size = sizes[k];
        let next_is_small = sizes.get(k + 1).is_some_and(|&n| n < MIN_CHARS);
        let next_is_parent = parent.get(k + 1).copied().unwrap_or(false);
        if let Some(cur) = current.as_mut() {
            let cur_size = cur.chars();
            let heading = section.heading.as_ref().map_or(0, |h| h.chars() + 1);
            let fits = cur_size + size + heading <= MAX_CHARS;
            // A passage too small to stand alone takes in what follows; a heading that stands on
            // its own (a question, a Markdown heading) or heads a list of its own only joins a
            // passage that is nearly empty.
            let grow = cur_size < MIN_CHARS
                && ((section.rank != Rank::Major && !parent[k]) || cur_size < MIN_CHARS / 2);
            // A small section joins the passage before it, unless it heads what follows: a list
            // section, or small sections (it starts a passage of its own then). A small list
            // section, or one followed by a new parent, always joins.
            let append = size < MIN_CHARS
                && section.rank != Rank::Major
                && !parent[k]
                && (!next_is_small || next_is_parent || section.rank == Rank::List);
            if fits && (grow || append) {
                cur.absorb(section);
                continue;
            }
            drafts.push(current.take().expect("checked above"));
        }
        if size <= MAX_CHARS {
            let mut d = Draft::new(None, false);
            d.absorb(section);
            current = Some(d);
        } else {
            let mut parts = cut_long(section, size);
            current = parts.pop();
            drafts.extend(parts);
        }
    }
    drafts.extend(current);
    drafts
        .into_iter()
        .filter_map(|d| d.finish(source, title))
        .collect()
}

/// Cuts a section whose body is over the maximum into parts of about equal size, between lines,
/// preferring to cut before a sub-heading and never inside a table or code block of up to
/// [`MAX_BLOCK_CHARS`]. Every part keeps the heading as its section name; the parts after the
/// first start at their own first line.
fn cut_long(section: Section, size: usize) -> Vec<Draft> {
    let parts_needed = size.div_ceil(MAX_CHARS).max(1);
    let target = size / parts_needed;
    let mut parts = Vec::new();
    let mut part = Draft::new(section.heading.clone(), false);
    for unit in units(section.body) {
        let size = part.chars();
        let unit_chars: usize = unit.iter().map(|l| l.chars() + 1).sum();
        let overflow = size + unit_chars > MAX_CHARS;
        let full = size >= target;
        let at_sub = section.subs.contains(&unit[0].no) && size >= target * 2 / 3;
        if !part.lines.is_empty() && (overflow || full || at_sub) {
            parts.push(std::mem::replace(
                &mut part,
                Draft::new(section.heading.clone(), true),
            ));
        }
        part.lines.extend(unit);
    }
    parts.push(part);
    parts
}

/// A section's body as the pieces a cut may fall between: each table or code block (of up to
/// [`MAX_BLOCK_CHARS`]) whole, every other line on its own.
fn units(body: Vec<Line>) -> Vec<Vec<Line>> {
    let mut out: Vec<Vec<Line>> = Vec::new();
    let mut block: Vec<Line> = Vec::new();
    for line in body {
        let in_block = matches!(line.shape, Shape::TableRow | Shape::Code);
        let same = block.last().is_some_and(|b| b.shape == line.shape);
        if !(in_block && same) {
            flush_block(&mut block, &mut out);
        }
        if in_block {
            block.push(line);
        } else {
            out.push(vec![line]);
        }
    }
    flush_block(&mut block, &mut out);
    out
}

/// Ends a block: one unit when it fits in [`MAX_BLOCK_CHARS`], else one unit per line.
fn flush_block<'a>(block: &mut Vec<Line<'a>>, out: &mut Vec<Vec<Line<'a>>>) {
    let chars: usize = block.iter().map(|l| l.chars() + 1).sum();
    if chars > MAX_BLOCK_CHARS {
        out.extend(block.drain(..).map(|l| vec![l]));
    } else if !block.is_empty() {
        out.push(std::mem::take(block));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passages(text: &str) -> Vec<Passage> {
        let lines: Vec<&str> = text.lines().collect();
        let drop = vec![false; lines.len()];
        split(&lines, &drop, "g.txt", "Guide")
    }

    /// Kept lines from raw ones, numbered from 1.
    fn lines_of<'a>(raw: &[&'a str]) -> Vec<Line<'a>> {
        raw.iter()
            .enumerate()
            .map(|(i, raw)| Line {
                no: i as u32 + 1,
                text: raw.trim(),
                shape: shape_of(raw.trim()),
                indent: raw.len() - raw.trim_start().len(),
                underlined: false,
            })
            .collect()
    }

    fn para(words: usize) -> String {
        let mut s = "Word ".repeat(words).trim_end().to_string();
        s.push('.');
        s
    }

    #[test]
    fn list_items_stay_with_their_heading() {
        let text = format!(
            "Guide Title\n\n{}\n\nDatabases\n\nMySQL\n\nPostgreSQL\n\nMongoDB\n\nRedis\n\nNext Topic Here\n\n{}",
            para(30),
            para(60)
        );
        let ps = passages(&text);
        let db = ps.iter().find(|p| p.text.contains("MySQL")).unwrap();
        for item in ["Databases", "MySQL", "PostgreSQL", "MongoDB", "Redis"] {
            assert!(db.text.contains(item), "{item} missing from {db:?}");
        }
    }

    #[test]
    fn question_and_short_lines_before_prose_are_headings() {
        let text = format!(
            "What does a developer do?\n{}\nSalary Outlook\n{}",
            para(60),
            para(60)
        );
        let ps = passages(&text);
        assert_eq!(ps.len(), 2, "{ps:#?}");
        assert_eq!(ps[0].section, "What does a developer do?");
        assert_eq!(ps[1].section, "Salary Outlook");
        assert_eq!(ps[1].start_line, 3);
        assert_eq!(ps[1].end_line, 4);
        assert_eq!(ps[1].line_numbers, vec![4]);
    }

    #[test]
    fn small_sections_merge_and_large_ones_split() {
        let text = format!(
            "Guide\n{}\nTiny One\nShort text.\nTiny Two\nMore short text.\nHuge Section\n{}\n{}\n{}",
            para(50),
            para(100),
            para(100),
            para(100)
        );
        let ps = passages(&text);
        // The two tiny sections share one passage.
        let tiny: Vec<_> = ps
            .iter()
            .filter(|p| p.text.contains("Short text.") || p.text.contains("More short text."))
            .collect();
        assert_eq!(tiny.len(), 1, "{ps:#?}");
        assert!(tiny[0].text.contains("More short text."), "{ps:#?}");
        let huge: Vec<_> = ps.iter().filter(|p| p.section == "Huge Section").collect();
        assert!(huge.len() >= 2, "{ps:#?}");
        for p in &ps {
            assert!(p.text.chars().count() <= MAX_CHARS, "{p:?}");
        }
    }

    #[test]
    fn title_case_sub_headings_inside_runs() {
        let text = "Guide\nBody sentence one.\nHow to Get a Job\nJob Search Tips\nApply on company career pages\nUse professional job portals\nInterview Preparation\nBack-end interviews usually include:\nCoding tests\nPractice regularly.";
        let lines = lines_of(&text.lines().collect::<Vec<_>>());
        let ranks = rank_headings(&lines, "Guide");
        assert_eq!(ranks[2], Some(Rank::Major), "How to…");
        assert_eq!(ranks[3], Some(Rank::Sub), "Job Search Tips");
        assert_eq!(ranks[4], None);
        assert_eq!(ranks[6], Some(Rank::Section), "Interview Preparation");
    }

    #[test]
    fn a_list_item_that_wraps_is_not_a_heading() {
        // Item 1 and item 2's last continuation line are short enough to read as headings over
        // the prose after them; the indentation says they are parts of items of the list.
        let text = "## Becoming one, step by step\n\n1. **Train (2 years).** Courses\n   In a hospital or a clinic near you.\n2. **Specialize (3+ years).** ICU or theatre\n   With a certificate such as CCRN,\n   Or Another Speciality\n3. **Advance.** Lead a team.\n\n## Pay\n\nPay rises with time.";
        let ps = passages(text);
        let sections: Vec<&str> = ps.iter().map(|p| p.section.as_str()).collect();
        assert_eq!(
            sections,
            vec!["Becoming one, step by step", "Pay"],
            "{ps:#?}"
        );
        assert_eq!(ps[0].line_numbers, vec![3, 4, 5, 6, 7, 8]);
        // Indented prose under a heading that is no list item leaves the heading one.
        let lines = lines_of(&[
            "Guide",
            "Salary Outlook",
            "    Developers earn more with each year of experience, and far more in a few cities.",
            "Skills",
            "    Most roles ask for one language and a database.",
        ]);
        let ranks = rank_headings(&lines, "Guide");
        assert_eq!(ranks[1], Some(Rank::Section), "Salary Outlook");
        assert_eq!(ranks[3], Some(Rank::Section), "Skills");
        // Lazily wrapped text (no indent) ends mid-sentence and goes on in lower case.
        assert!(wraps_onto(
            "5. **Specialize (3+ years).** ICU, emergency, pediatrics or operating room, often with a",
            "certification such as CCRN."
        ));
        for (line, next) in [
            (
                "5. **Specialize (3+ years).** ICU, emergency, pediatrics or the operating room.",
                "certification such as CCRN.",
            ),
            ("Short line without a stop", "goes on"),
            (
                "5. **Specialize (3+ years).** ICU, emergency, pediatrics or operating room, often",
                "Certification such as CCRN.",
            ),
        ] {
            assert!(!wraps_onto(line, next), "{line} / {next}");
        }
    }

    /// Regression (probe seven): a line of a hanging indent that opens with a capital after a
    /// comma ("        Lambton College and Seneca") was read as a heading, and the steps after
    /// it fell out of their section.
    #[test]
    fn the_lines_of_a_hanging_indent_continue_their_item() {
        let lines = lines_of(&[
            "Getting certified",
            "Stage 2. Complete a two-year diploma in chemical engineering technology. Colleges",
            "         include Red River College, Sait, Northern Alberta Institute,",
            "         Lambton College and Seneca",
            "         Polytechnic.",
            "Stage 3. Pass the certification exam.",
            "Stage 4. Register as a Certified Engineering Technologist with Technology",
            "         Alberta.",
        ]);
        assert_eq!(
            continuations(&lines),
            vec![false, false, true, true, true, false, false, true]
        );
        let ranks = rank_headings(&lines, "Guide");
        assert!(ranks[1..].iter().all(Option::is_none), "{ranks:?}");
        // A short line over indented prose still heads it, and the prose is no hanging indent.
        let lines = lines_of(&[
            "Training Routes",
            "    Most technicians take a two-year diploma at a college near them,",
            "    Then work under a certified technician.",
        ]);
        assert_eq!(continuations(&lines), vec![false, false, false]);
    }

    #[test]
    fn a_line_wholly_in_bold_or_over_a_wrapped_paragraph_is_a_heading() {
        // A plain-text guide filled to a width: every paragraph wraps, none of its lines is prose
        // on its own.
        let wrapped = "A typical day mixes emergency lockouts with planned installations. Most calls\n\
             come from homeowners who have lost keys, but commercial work on master-key\n\
             systems and access control is where the steady money is, and it pays better\n\
             than nights on call for most of the people who stay in the trade for long,\n\
             and some of them go on to run a small shop of their own with a van or two";
        let wrapped = format!("{wrapped}\n{wrapped}");
        let text = format!(
            "Locksmith Guide\n\n{}\n\n**What the job involves**\n\n{wrapped}\n\n\
             **Is the work physically demanding?**\n\n{wrapped}\n\n__Getting started__\n{wrapped}\n\n\
             Where the work is\n{wrapped}\n\n**Skills:** patience, honesty and mechanical aptitude, all of\n\
             which matter more than speed with a pick set once you are out on your own calls.\n\n\
             **$45,000**\n\n{wrapped}\n",
            para(60)
        );
        let ps = passages(&text);
        let sections: Vec<&str> = ps.iter().map(|p| p.section.as_str()).collect();
        assert_eq!(
            sections,
            [
                "Locksmith Guide",
                "What the job involves",
                "Is the work physically demanding?",
                "Getting started",
                "Where the work is",
                "Where the work is",
            ],
            "{ps:#?}"
        );
        // A bold label before its text, and a bold figure, are no headings: they stay text.
        for kept in ["**Skills:** patience", "**$45,000**"] {
            assert!(ps.iter().any(|p| p.text.contains(kept)), "{kept}: {ps:#?}");
        }
    }

    #[test]
    fn a_long_line_running_into_the_next_is_no_heading() {
        let text = format!(
            "Guide\n\n{}\n\nExperienced groomers with five or more years in the trade can expect\n\
             £25,000 to £29,000, and groomers who show dogs or teach grooming often earn\nmore than that.\n",
            para(60)
        );
        let ps = passages(&text);
        assert!(
            ps.iter().all(|p| !p.section.starts_with("Experienced")),
            "{ps:#?}"
        );
    }

    /// A line stopping on a word a sentence goes on after ("… as an" / "EMT, …"), or on a
    /// lower-case word before an amount ("… commonly earn" / "$145,000 …"), runs on.
    #[test]
    fn a_line_stopping_mid_sentence_runs_on_whatever_the_next_opens_with() {
        for (line, next) in [
            (
                "Build hands-on patient care experience, typically 1,000 to 2,000 hours, as an",
                "EMT, medical assistant, CNA, scribe or phlebotomist.",
            ),
            (
                "Experienced PAs in surgical specialties, emergency medicine and dermatology commonly earn",
                "$145,000 to $175,000 a year.",
            ),
        ] {
            assert!(wraps_onto(line, next), "{line}");
            let text = format!("Guide\n\n{}\n\n{line}\n{next}\n", para(60));
            let ps = passages(&text);
            assert!(ps.iter().all(|p| p.section != line), "{ps:#?}");
        }
        // A heading in capitals over an amount stays a heading; a short line is no wrapped one.
        assert!(!wraps_onto(
            "Salaries For Experienced Physician Assistants In The United States",
            "$145,000 a year."
        ));
        assert!(!wraps_onto("Typical pay for a", "$145,000 a year."));
    }

    /// Regression (issue 14, ninth probe: a quantity surveyor's plain-text timeline ended on
    /// "After:      Keep up CPD …", which became the heading of the next passage and left the
    /// path). A label set off from its text by a colon and a column gap is a row, not a heading.
    #[test]
    fn a_label_set_off_by_a_column_gap_is_no_heading() {
        let text = format!(
            "Guide\n\n{}\n\nRoute in\n--------\n\n  Year 4:     BSc Honours in Quantity Surveying, the degree needed\n  After:      Keep up CPD and consider joining the association\n\n{}\n",
            para(60),
            para(40)
        );
        let ps = passages(&text);
        assert!(
            ps.iter().all(|p| !p.section.starts_with("After")),
            "{ps:#?}"
        );
        assert!(set_off_label("After:      Keep up CPD"));
        assert!(!set_off_label("Step 1: Get a degree"));
    }

    /// Regression (issue 14, ninth probe: an HTML table of a crane operator's path lost its
    /// fourth and sixth steps, each joined to the long row before it, "… | Paid work" / "4 |
    /// Take a crane course …"). A table's row never wraps onto the next.
    #[test]
    fn a_table_row_never_wraps_onto_the_next() {
        let row = "3 | Work as a dogman or crane chaser and keep a logbook of your hours | 6 – 24 months | Paid work";
        assert!(!wraps_onto(
            row,
            "4 | Take a crane course | 3 – 5 days | $1,500"
        ));
        assert!(wraps_onto(
            "Most dogmen keep a logbook of their hours and, after a season or two, commonly earn",
            "$40 an hour."
        ));
    }

    #[test]
    fn a_line_in_capitals_between_blank_lines_is_a_heading_whatever_follows() {
        let wrapped = "Pipe fitting: cutting, bending and joining copper, plastic and steel pipe with compression,";
        let text = format!(
            "WHAT PLUMBERS EARN\n\n{}\n\nKEY SKILLS\n\n{wrapped}\nsolder and push-fit joints.\n\nSQL\n\nC# (.NET)\n\nAWS\n\n\
             YOUR OWN BUSINESS\n\nAbout half are self-employed. You will need public liability insurance\n\
             (typically £150 to £400 a year), a van and tools worth several thousand pounds.\n",
            para(60)
        );
        let ps = passages(&text);
        let sections: Vec<&str> = ps.iter().map(|p| p.section.as_str()).collect();
        assert_eq!(
            sections,
            ["WHAT PLUMBERS EARN", "KEY SKILLS", "YOUR OWN BUSINESS"],
            "{ps:#?}"
        );
        // Short items in capitals, a blank line between each, stay a list.
        assert!(
            ps[1].text.ends_with("SQL\nC# (.NET)\nAWS"),
            "{:?}",
            ps[1].text
        );
    }

    #[test]
    fn figures_are_never_headings() {
        let lines = lines_of(&[
            "Experience Level Salary Range",
            "Entry $70K – $95K",
            "Lead $150K – $200K+",
            "Top-paying regions include tech hubs.",
        ]);
        let ranks = rank_headings(&lines, "x");
        assert_eq!(ranks[2], None);
    }

    #[test]
    fn empty_input_gives_no_passages() {
        assert!(passages("").is_empty());
        assert!(passages("\n\n  \n").is_empty());
        // A heading with nothing under it is not a passage.
        assert!(passages("Only A Heading").is_empty());
    }

    #[test]
    fn headings_lose_their_markdown_marks() {
        assert_eq!(clean_heading("## Salary:"), "Salary");
        assert_eq!(clean_heading("**Key takeaways**"), "Key takeaways");
        assert_eq!(clean_heading("**Tips:**"), "Tips");
        assert_eq!(
            clean_heading("**Pay** and **hours**"),
            "**Pay** and **hours**"
        );
    }

    #[test]
    fn pipe_rows_are_a_table_kept_whole_with_its_header() {
        let rows: String = (1..=8)
            .map(|i| {
                format!(
                    "Level {i} engineer | {i}–{} years | ${i}0,000 – ${}0,000\n",
                    i + 2,
                    i + 1
                )
            })
            .collect();
        let text = format!(
            "Guide\nSalary by Level\n{}\n{}\nLevel | Experience | Pay\n{rows}{}",
            para(60),
            para(60),
            para(40)
        );
        let ps = passages(&text);
        let with_header: Vec<_> = ps
            .iter()
            .filter(|p| p.text.contains("Level | Experience | Pay"))
            .collect();
        assert_eq!(with_header.len(), 1, "{ps:#?}");
        assert!(with_header[0].text.contains("Level 8 engineer"), "{ps:#?}");
        assert!(!ps.iter().any(|p| p.section.contains(" | ")), "{ps:#?}");
    }

    /// Plain-text layout read as Markdown: a line underlined with `---` or `===` is a heading
    /// however short the text under it, and a space-aligned table under it is `a | b` rows,
    /// cited at their own lines.
    #[test]
    fn underlined_headings_and_space_aligned_tables() {
        let text = format!(
            "Guide\n=====\n\nPay\n---\n{}\n\nCareer path\n-----------\n  Stage                  Time typically spent\n  ---------------------  --------------------\n  New graduate           first 2-3 years\n  Lead hygienist         after about 5 years\n",
            para(50)
        );
        let ps = passages(&text);
        let sections: Vec<&str> = ps.iter().map(|p| p.section.as_str()).collect();
        // The title's section holds the short one after it; "Career path" over a table of two
        // short rows is a heading all the same.
        assert_eq!(sections, ["Guide", "Career path"], "{ps:#?}");
        assert!(ps[0].text.starts_with("Pay\nWord"), "{ps:#?}");
        let path = &ps[1];
        assert_eq!(
            path.text,
            "Stage | Time typically spent\n--- | ---\nNew graduate | first 2-3 years\nLead hygienist | after about 5 years"
        );
        assert_eq!(path.line_numbers, [10, 11, 12, 13]);
        // The underlines themselves are no text.
        assert!(!ps.iter().any(|p| p.text.contains("===")), "{ps:#?}");
    }

    #[test]
    fn a_lone_pipe_line_is_text() {
        let mut lines = lines_of(&["Salary | Skills", "Body text here."]);
        mark_pipe_tables(&mut lines);
        assert_eq!(lines[0].shape, Shape::Text);
    }

    #[test]
    fn a_table_over_the_block_maximum_is_cut_between_rows() {
        let rows: String = (0..60)
            .map(|i| format!("| City number {i} | ${i}5,000 – ${i}9,000 per year |\n"))
            .collect();
        let text = format!(
            "Guide\nPay by City\n{}\n| City | Pay |\n|---|---|\n{rows}",
            para(30)
        );
        let ps = passages(&text);
        assert!(ps.len() >= 3, "{ps:#?}");
        for p in &ps {
            assert!(p.text.chars().count() <= MAX_BLOCK_CHARS, "{p:#?}");
        }
        // Nothing is repeated: the header row is in the first part only.
        assert_eq!(
            ps.iter()
                .filter(|p| p.text.contains("| City | Pay |"))
                .count(),
            1
        );
    }

    #[test]
    fn code_lines_are_never_headings_and_stay_together() {
        let code: String = (0..12)
            .map(|i| format!("# step {i}\nrun --step {i} --verbose --output /tmp/out{i}.log\n"))
            .collect();
        let text = format!(
            "Guide\nInterview Tips\n{}\n```bash\n{code}```\n{}",
            para(80),
            para(60)
        );
        let ps = passages(&text);
        assert!(!ps.iter().any(|p| p.section.starts_with("step")), "{ps:#?}");
        let with_code: Vec<_> = ps.iter().filter(|p| p.text.contains("```")).collect();
        assert_eq!(with_code.len(), 1, "{ps:#?}");
        assert!(with_code[0].text.contains("# step 0") && with_code[0].text.contains("# step 11"));
    }
}
