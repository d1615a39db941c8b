//! An answer to a question as text: the question, the career it was answered from, the words
//! read as others, the verdict when the guides do not answer it (or cover no guide about its
//! occupation), the structured cards it leads with (each as `salary`, `skills` or `roadmap` print
//! it: one, or one per career a question naming several names), and each passage's citation
//! (with its guide's career when the answer spans several) and snippet; a comparison's career
//! whose guides hold nothing of what it asks for is said to get no card, in one line.

use std::io::{self, Write};

use crate::engine::{Asked, Card, CardAnswer, Reason};
use crate::search::Hit;
use crate::search::snippet::Snippet;

/// The citation line of a hit: `[1] Title — Section (file:lines)`.
pub fn citation(hit: &Hit) -> String {
    let p = &hit.passage;
    super::with_link(
        format!(
            "[{}] {} — {} ({}:{}-{})",
            hit.rank, p.title, p.section, p.source, p.start_line, p.end_line
        ),
        p.url.as_deref(),
    )
}

/// The citation line of a hit with the career its guide is about:
/// `[1] Electrician · Title — Section (file:lines)`.
pub fn citation_with_career(hit: &Hit) -> String {
    let p = &hit.passage;
    super::with_link(
        format!(
            "[{}] {} · {} — {} ({}:{}-{})",
            hit.rank, p.career, p.title, p.section, p.source, p.start_line, p.end_line
        ),
        p.url.as_deref(),
    )
}

/// Writes an answer to a question: the question, the career it was answered from, the words
/// read as others, a warning when the guides do not answer it well (or, for an occupation no
/// guide covers, the careers they do), and each passage's citation and snippet (highlights in
/// ANSI bold when `ansi`).
pub(crate) fn write_text_answer(out: &mut impl Write, asked: &Asked, ansi: bool) -> io::Result<()> {
    let results = &asked.results;
    writeln!(out, "Q: {}", results.query)?;
    if let Some(career) = &asked.career {
        writeln!(out, "(from the {career} guides)")?;
    }
    let corrected: Vec<String> = results
        .terms
        .iter()
        .filter(|t| t.corrected)
        .map(|t| format!("{} → {}", t.from, t.read_as))
        .collect();
    if !corrected.is_empty() {
        writeln!(out, "(read as: {})", corrected.join(", "))?;
    }
    // No passage is shown for a career no guide covers, nor for a question off the topic.
    if let Some(line) = asked.verdict.line(crate::i18n::Locale::En)
        && matches!(
            asked.verdict.reason,
            Some(Reason::NotInLibrary { .. } | Reason::OffTopic)
        )
    {
        writeln!(out, "\n{line}")?;
        return Ok(());
    }
    if results.hits.is_empty() {
        writeln!(
            out,
            "\nNo passage in the guides matches this question. Try other words, or `careerbot sources` to see what the library covers."
        )?;
        return Ok(());
    }
    if let Some(line) = asked.verdict.line(crate::i18n::Locale::En) {
        writeln!(
            out,
            "\n{line} Here are only the closest passages; `careerbot sources` lists what the library covers."
        )?;
    }
    write_cards(out, &asked.cards)?;
    let no_card = asked.no_card.lines(crate::i18n::Locale::En);
    if !no_card.is_empty() {
        writeln!(out, "\n{}", no_card.join("\n"))?;
    }
    if !asked.cards.is_empty() || !no_card.is_empty() {
        writeln!(out, "\nPassages:")?;
    }
    let cite = if asked.says_careers() {
        citation_with_career
    } else {
        citation
    };
    for hit in &results.hits {
        writeln!(out, "\n{}", cite(hit))?;
        writeln!(out, "    {}", terminal_snippet(&hit.snippet, ansi))?;
    }
    Ok(())
}

/// Writes each card as `salary`, `skills` or `roadmap` print its answer, under its "Read as"
/// line. Each of them opens with a one-line heading; when several cards share theirs (two roadmap
/// cards' "Career progression, from the guides", two salary cards' currencies and periods), it
/// is written once, above the cards, not once per card.
fn write_cards(out: &mut impl Write, cards: &[Card]) -> io::Result<()> {
    let written: Vec<String> = cards
        .iter()
        .map(|card| {
            let mut text = Vec::new();
            match &card.answer {
                CardAnswer::Salary(a) => super::write_salary(&mut text, a),
                CardAnswer::Skills(a) => super::write_skills(&mut text, a),
                CardAnswer::Roadmap(a) => super::write_roadmap(&mut text, a),
            }
            .map(|()| String::from_utf8_lossy(&text).into_owned())
        })
        .collect::<io::Result<_>>()?;
    let heading = |text: &str| text.lines().next().unwrap_or_default().to_string();
    let shared = match written.as_slice() {
        [first, rest @ ..] if !rest.is_empty() => {
            let h = heading(first);
            rest.iter().all(|t| heading(t) == h).then_some(h)
        }
        _ => None,
    };
    if let Some(h) = &shared {
        writeln!(out, "\n{h}")?;
    }
    for (card, text) in cards.iter().zip(&written) {
        writeln!(out, "\n{}\n", card.read_as(crate::i18n::Locale::En))?;
        let body = match shared {
            // The heading said above; the blank line after it too.
            Some(_) => text
                .split_once('\n')
                .map_or("", |(_, rest)| rest)
                .trim_start_matches('\n'),
            None => text.as_str(),
        };
        write!(out, "{body}")?;
    }
    Ok(())
}

/// A snippet for the terminal: its highlights in ANSI bold, or plain text without colour.
pub fn terminal_snippet(snippet: &Snippet, ansi: bool) -> String {
    if !ansi {
        return snippet.text.clone();
    }
    let mut out = String::with_capacity(snippet.text.len() + 8 * snippet.highlights.len());
    for (piece, highlighted) in snippet.pieces() {
        if highlighted {
            out.push_str("\x1b[1m");
            out.push_str(piece);
            out.push_str("\x1b[0m");
        } else {
            out.push_str(piece);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_rendering_of_snippets() {
        let s = Snippet {
            text: "a b c*d".into(),
            highlights: std::iter::once(2..3).collect(),
        };
        assert_eq!(terminal_snippet(&s, false), "a b c*d");
        assert_eq!(terminal_snippet(&s, true), "a \x1b[1mb\x1b[0m c*d");
    }
}
