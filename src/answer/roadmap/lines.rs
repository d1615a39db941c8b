//! A passage's lines as the roadmap reads them: a line wrapped onto the next ones (a list item's
//! continuation, a paragraph hard-wrapped at a width) is one line, cited at its first source line,
//! while each part still knows the source line it starts on; a section cut into several passages
//! is read as one ([`whole_sections`]).

use std::borrow::Cow;

use super::path_shapes::item_marker;
use crate::answer::citation::Citation;
use crate::answer::text::{passage_lines, strip_marker};
use crate::corpus::Passage;
use crate::corpus::split::{WRAP_MIN_CHARS, wraps_onto};

/// One logical line of a passage (the type every reader of wrapped lines shares).
pub(super) use crate::answer::text::LogicalLine as Line;

/// The logical lines of a passage: its heading first when the passage starts at it, then its
/// text lines, each joined with the lines it wraps onto. A line continues the one before when it
/// comes right after it in the source (no blank line), starts no list item, and carries on its
/// wrapped text ([`wraps_onto`]), or goes on in lower case after a list item's line however
/// short (an indented item wrapped in a plain-text guide: "2. Production welder - 1 to 3 years.
/// Repetitive welds on" / "a production line").
pub(super) fn logical_lines(p: &Passage) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    let mut last: Option<(u32, &str)> = None;
    // The logical line being built opened with a list item's marker.
    let mut in_item = false;
    for l in passage_lines(p) {
        let joins = !l.heading
            && item_marker(l.text) == 0
            && last.is_some_and(|(no, text)| {
                no + 1 == l.line
                    && (wraps_onto(text, l.text)
                        || parenthesis_onto(text, l.text)
                        || (in_item && l.text.trim_start().starts_with(char::is_lowercase)))
            });
        if !joins {
            in_item = !l.heading && item_marker(l.text) > 0;
        }
        match out.last_mut() {
            Some(prev) if joins => prev.push_wrapped(l.line, l.text),
            // A Markdown heading packed into the passage ("### Step 1 — …") is a heading too.
            _ => out.push(match inner_heading(l.text) {
                Some(text) if !l.heading => Line::new(l.line, text, true),
                _ => Line::new(l.line, l.text, l.heading),
            }),
        }
        last = (!l.heading && inner_heading(l.text).is_none()).then_some((l.line, l.text));
    }
    out
}

/// A guide's passages with each section cut into parts joined back into one, so that what a
/// section tells across a cut (a ladder's paragraph or list going on into the next passage) is
/// read whole: a part continues the passage before it when it is of the same guide and section,
/// comes after it and has no heading line of its own (the splitter gives one only to a section's
/// first part). Borrowed when nothing is cut. A line found in a joined passage is cited back to
/// its own part by [`recite`].
pub(super) fn whole_sections(passages: &[Passage]) -> Cow<'_, [Passage]> {
    let cut = passages.windows(2).any(|w| {
        continues(&w[0], &w[1])
            || continues_definitions(&w[0], &w[1])
            || continues_bold_leads(&w[0], &w[1])
    });
    if !cut {
        return Cow::Borrowed(passages);
    }
    let mut out: Vec<Passage> = Vec::with_capacity(passages.len());
    for p in passages {
        match out.last_mut() {
            Some(prev) if continues(prev, p) => {
                prev.text.push('\n');
                prev.text.push_str(&p.text);
                prev.line_numbers.extend_from_slice(&p.line_numbers);
                prev.end_line = p.end_line;
            }
            // A term taken for a heading, or a bold lead line, is a line of the section again.
            Some(prev) if continues_definitions(prev, p) || continues_bold_leads(prev, p) => {
                prev.text.push('\n');
                prev.text.push_str(&p.section);
                prev.line_numbers.push(p.start_line);
                prev.text.push('\n');
                prev.text.push_str(&p.text);
                prev.line_numbers.extend_from_slice(&p.line_numbers);
                prev.end_line = p.end_line;
            }
            _ => out.push(p.clone()),
        }
    }
    Cow::Owned(out)
}

/// Whether `next` is a later part of the section `prev` ends with.
fn continues(prev: &Passage, next: &Passage) -> bool {
    next.source == prev.source
        && next.section == prev.section
        && next.start_line > prev.end_line
        && next.line_numbers.first() == Some(&next.start_line)
}

/// Whether `next` is headed by a line that opens in bold ("**Graduate surveyor** (first 2–3
/// years)"), which the splitter took for a sub-heading, right after `prev`: the paragraphs of a
/// section each led by a bold line (a ladder's rungs, each described under it) are one section.
fn continues_bold_leads(prev: &Passage, next: &Passage) -> bool {
    next.source == prev.source
        && next.section != prev.section
        && next.section.trim_start().starts_with("**")
        && next.start_line > prev.end_line
        && next.start_line <= prev.end_line + 2
        && next.line_numbers.first() != Some(&next.start_line)
}

/// Whether `next` is headed by a term of the definition list `prev` ends with, which the
/// splitter took for a sub-heading: it comes right after `prev` and its first line is the
/// term's definition (": …", Markdown), or its heading is a term in emphasis ("*Lead
/// Sonographer*") as the terms `prev` holds are (a rendered `<dt>`).
fn continues_definitions(prev: &Passage, next: &Passage) -> bool {
    let emphasised = |t: &str| {
        let t = t.trim();
        t.len() > 2
            && t.starts_with('*')
            && t.ends_with('*')
            && !t.starts_with("**")
            && !t[1..t.len() - 1].contains('*')
    };
    next.source == prev.source
        && next.section != prev.section
        && next.start_line > prev.end_line
        && next.start_line <= prev.end_line + 2
        && next.line_numbers.first() != Some(&next.start_line)
        && (next.text.starts_with(": ")
            || (emphasised(&next.section) && prev.text.split('\n').any(emphasised)))
}

/// A citation of a line of a joined passage ([`whole_sections`]) made one of the part of `parts`
/// that holds the line: its own passage's line range.
pub(super) fn recite(cite: &mut Citation, parts: &[Passage]) {
    if let Some(p) = parts
        .iter()
        .find(|p| p.source == cite.source && p.start_line <= cite.line && cite.line <= p.end_line)
    {
        cite.start_line = p.start_line;
        cite.end_line = p.end_line;
    }
}

/// The heading a line of a passage sits under: the last Markdown heading packed into the passage
/// at or before it ("## Career progression" in a passage whose own heading is "Licences at a
/// glance"), else the passage's own.
pub(super) fn section_at(p: &Passage, line: u32) -> &str {
    p.text
        .split('\n')
        .zip(&p.line_numbers)
        .take_while(|(_, no)| **no <= line)
        .filter_map(|(text, _)| inner_heading(text))
        .last()
        .unwrap_or(&p.section)
}

/// The heading each of `lines` (the passage's logical lines, in order) sits under, as
/// [`section_at`] gives it, in one pass over the passage.
pub(super) fn line_sections<'a>(p: &'a Passage, lines: &[Line]) -> Vec<&'a str> {
    let mut current: &str = &p.section;
    let mut source = p.text.split('\n').zip(&p.line_numbers).peekable();
    lines
        .iter()
        .map(|l| {
            while let Some((text, _)) = source.next_if(|(_, no)| **no <= l.line) {
                if let Some(h) = inner_heading(text) {
                    current = h;
                }
            }
            current
        })
        .collect()
}

/// The text of a heading line packed into a passage: a Markdown heading ("## Career progression"
/// → "Career progression"), or a short line in capitals, as plain-text guides write headings
/// ("CAREER PATH", "HOW MUCH DO SOCIAL WORKERS EARN?").
fn inner_heading(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let hashes = t.len() - t.trim_start_matches('#').len();
    let rest = &t[hashes..];
    if (1..=6).contains(&hashes) && rest.starts_with(' ') && !rest.trim().is_empty() {
        return Some(rest.trim());
    }
    capitals_heading(t)
}

/// Most words of a heading in capitals.
const MAX_CAPITALS_WORDS: usize = 8;

/// A line in capitals with no digits, list marker or table cell, ending in a letter or a question
/// mark: a plain-text heading; a colon ending it is no part of it ("CAREER PROGRESSION:").
fn capitals_heading(line: &str) -> Option<&str> {
    let t = line.trim();
    let t = t.strip_suffix(':').map_or(t, str::trim_end);
    // The cheap tests first: a line of prose fails at its end or its first small letter.
    (t.ends_with(|c: char| c.is_alphabetic() || c == '?')
        && t.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
        && t.split_whitespace().count() <= MAX_CAPITALS_WORDS
        && t.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && strip_marker(t) == 0
        && !t.contains(|c: char| c.is_ascii_digit() || "|:;,.$€£".contains(c)))
    .then_some(t)
}

/// Whether `next` is a parenthesis carrying on `line`, a long line that does not end like a
/// sentence ("… when the head chef is off" / "(3–4 years).").
fn parenthesis_onto(line: &str, next: &str) -> bool {
    let line = line.trim();
    line.chars().count() >= WRAP_MIN_CHARS
        && !line.ends_with(['.', '!', '?', ':', ';', '"', '”'])
        && next.trim_start().starts_with('(')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passage(lines: &[&str], numbers: &[u32]) -> Passage {
        Passage {
            source: "g.md".into(),
            title: "Guide".into(),
            career: "Nurse".into(),
            section: "Steps".into(),
            url: None,
            start_line: 1,
            end_line: *numbers.last().unwrap(),
            text: lines.join("\n"),
            line_numbers: numbers.to_vec(),
        }
    }

    #[test]
    fn wrapped_items_are_whole_and_cite_their_first_line() {
        let p = passage(
            &[
                "1. **Earn a degree (2–4 years).** An associate degree takes about two years; a",
                "bachelor's takes four and is preferred by many hospitals.",
                "2. **Pass the exam.** Most sit it within 3 months.",
                "A short line without a stop",
                "goes on here.",
            ],
            &[3, 4, 5, 7, 8],
        );
        let lines = logical_lines(&p);
        let got: Vec<(u32, &str)> = lines.iter().map(|l| (l.line, l.text.as_str())).collect();
        assert_eq!(
            got,
            [
                (1, "Steps"),
                (
                    3,
                    "1. **Earn a degree (2–4 years).** An associate degree takes about two years; a bachelor's takes four and is preferred by many hospitals."
                ),
                (5, "2. **Pass the exam.** Most sit it within 3 months."),
                (7, "A short line without a stop"),
                (8, "goes on here."),
            ]
        );
        let item = &lines[1];
        let at = item.text.find("bachelor").unwrap();
        assert_eq!(item.line_at(at), 4);
        assert_eq!(item.line_at(0), 3);
        assert_eq!(item.line_of(&item.text[at..]), 4);
    }

    #[test]
    fn a_blank_line_or_a_new_item_ends_the_wrap() {
        let long = "Nurses give medications and treatments and coordinate care with";
        // Line 5 follows a blank line; "- doctors" starts an item.
        let p = passage(
            &[long, "doctors and others.", long, "- doctors"],
            &[3, 5, 6, 7],
        );
        assert_eq!(logical_lines(&p).len(), 5);
    }

    #[test]
    fn packed_headings_are_headings_and_a_parenthesis_carries_on_its_line() {
        let long = "3. Sous chef — second in command: rotas and running the pass when the head chef is off";
        let p = passage(
            &[
                "### Step 1 — Pass a medical",
                "Book it early.",
                long,
                "(3–4 years).",
                "#hashtag",
            ],
            &[3, 4, 6, 7, 8],
        );
        let lines = logical_lines(&p);
        let got: Vec<(u32, &str, bool)> = lines
            .iter()
            .map(|l| (l.line, l.text.as_str(), l.heading))
            .collect();
        let joined = format!("{long} (3–4 years).");
        assert_eq!(
            got,
            [
                (1, "Steps", true),
                (3, "Step 1 — Pass a medical", true),
                (4, "Book it early.", false),
                (6, joined.as_str(), false),
                (8, "#hashtag", false),
            ]
        );
    }

    #[test]
    fn a_plain_text_heading_in_capitals_is_a_heading() {
        assert_eq!(capitals_heading("CAREER PATH"), Some("CAREER PATH"));
        assert_eq!(
            capitals_heading("HOW MUCH DO SOCIAL WORKERS EARN?"),
            Some("HOW MUCH DO SOCIAL WORKERS EARN?")
        );
        // Shape 1 of the fifth round: a colon ending the heading is no part of it.
        assert_eq!(
            capitals_heading("CAREER PROGRESSION:"),
            Some("CAREER PROGRESSION")
        );
        for not in [
            "FAQ: PAY",
            "PAY::",
            "- CPL",
            "(C) 2026 CAREWORKS",
            "NHS.",
            "Career path",
            "RN | LPN",
        ] {
            assert_eq!(capitals_heading(not), None, "{not}");
        }
        let p = passage(
            &["A line.", "CAREER PATH", "Staff → Senior → Lead"],
            &[3, 5, 6],
        );
        assert_eq!(section_at(&p, 3), "Steps");
        assert_eq!(section_at(&p, 6), "CAREER PATH");
    }

    #[test]
    fn a_line_sits_under_the_last_heading_packed_before_it() {
        let p = passage(
            &[
                "- PPL: 45 hours",
                "## Career progression",
                "Pilots join as first officers.",
            ],
            &[3, 5, 6],
        );
        assert_eq!(section_at(&p, 3), "Steps");
        assert_eq!(section_at(&p, 5), "Career progression");
        assert_eq!(section_at(&p, 6), "Career progression");
        // Every logical line at once, as `section_at` gives each.
        let lines = logical_lines(&p);
        let want: Vec<&str> = lines.iter().map(|l| section_at(&p, l.line)).collect();
        assert_eq!(line_sections(&p, &lines), want);
        assert_eq!(
            line_sections(&p, &lines),
            ["Steps", "Steps", "Career progression", "Career progression"]
        );
    }

    /// Gap 3 of the roadmap: a section cut into passages is read as one, and a line of it is
    /// cited to its own part.
    #[test]
    fn a_definition_term_taken_for_a_heading_continues_its_list() {
        let part = |section: &str, start: u32, numbers: &[u32], lines: &[&str]| Passage {
            source: "g.md".into(),
            title: "Guide".into(),
            career: "Audiologist".into(),
            section: section.into(),
            url: None,
            start_line: start,
            end_line: *numbers.last().unwrap(),
            text: lines.join("\n"),
            line_numbers: numbers.to_vec(),
        };
        let ladder = part(
            "Career ladder",
            16,
            &[18, 19, 21, 22],
            &[
                "Senior Audiologist",
                ": Supervises students.",
                "Principal Audiologist",
                ": Leads a service.",
            ],
        );
        // Markdown: the term heads a part whose first line is its definition.
        let term = part(
            "Head of Audiology",
            24,
            &[25],
            &[": Manages the department."],
        );
        let pay = part("Pay", 27, &[29], &["Audiologists earn well."]);
        let whole = whole_sections(&[ladder.clone(), term, pay.clone()]).into_owned();
        assert_eq!(whole.len(), 2);
        assert_eq!(whole[0].section, "Career ladder");
        assert_eq!(whole[0].line_numbers, [18, 19, 21, 22, 24, 25]);
        assert!(
            whole[0]
                .text
                .ends_with("Head of Audiology\n: Manages the department.")
        );
        assert_eq!(whole[1], pay);
        // A rendered <dt>: a term in emphasis after terms in emphasis.
        let html = part(
            "Career ladder",
            31,
            &[33, 34],
            &["*Sonographer*", "Performs scans."],
        );
        let term = part("*Lead Sonographer*", 35, &[36], &["Runs the list."]);
        assert_eq!(whole_sections(&[html.clone(), term.clone()]).len(), 1);
        // A heading after prose is a heading.
        let prose = part("Career ladder", 31, &[33], &["Sonographers progress."]);
        assert_eq!(whole_sections(&[prose, term]).len(), 2);
        assert_eq!(whole_sections(&[ladder, pay]).len(), 2);
    }

    #[test]
    fn a_section_cut_into_parts_is_read_whole_and_cited_by_part() {
        let part = |section: &str, start: u32, numbers: &[u32], lines: &[&str]| Passage {
            source: "g.md".into(),
            title: "Guide".into(),
            career: "Nurse".into(),
            section: section.into(),
            url: None,
            start_line: start,
            end_line: *numbers.last().unwrap(),
            text: lines.join("\n"),
            line_numbers: numbers.to_vec(),
        };
        let first = part(
            "Career path",
            1,
            &[2, 3],
            &[
                "Most people start on a general ward as a staff nurse for two or",
                "three years and learn to run a bay of patients on their own, and",
            ],
        );
        // The cut part: no heading line of its own (it starts at its first text line).
        let cut = part(
            "Career path",
            4,
            &[4, 5],
            &[
                "then, with a course in leadership behind them, many go on to become",
                "a charge nurse.",
            ],
        );
        // A section of the same name with its own heading is another section.
        let again = part("Career path", 7, &[8], &["Some teach."]);
        let pay = part("Pay", 10, &[11], &["Nurses earn well."]);
        let all = [first.clone(), cut.clone(), again.clone(), pay.clone()];
        let whole = whole_sections(&all);
        assert_eq!(whole.len(), 3);
        assert_eq!(whole[0].line_numbers, [2, 3, 4, 5]);
        assert_eq!((whole[0].start_line, whole[0].end_line), (1, 5));
        assert_eq!(whole[1], again);
        assert_eq!(whole[2], pay);
        // Read whole: the sentence wrapped over the cut is one line.
        let lines = logical_lines(&whole[0]);
        assert!(lines[1].text.starts_with("Most people start"), "{lines:?}");
        assert!(lines[1].text.ends_with("a charge nurse."), "{lines:?}");
        assert_eq!(lines[1].line_at(lines[1].text.find("charge").unwrap()), 5);
        // Each line is cited to its own part.
        for (line, range) in [(2, (1, 3)), (3, (1, 3)), (5, (4, 5))] {
            let mut c = Citation::at(&whole[0], line);
            recite(&mut c, &all);
            assert_eq!((c.start_line, c.end_line), range, "{line}");
        }
        // Nothing cut: the passages as they are.
        assert!(matches!(whole_sections(&[first, pay]), Cow::Borrowed(_)));
    }
}
