//! The skills answer as text: each skill with its first line in every guide naming it, the best
//! passages, and what the guides expect by level.

use std::io::{self, Write};

use super::{At, cite, level_name};
use crate::answer::skills::SkillsAnswer;

/// The start of a passage on one line: its lines joined with " · ", cut on a word boundary.
fn excerpt(text: &str, max_chars: usize) -> String {
    let joined = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    if joined.chars().count() <= max_chars {
        return joined;
    }
    let cut: String = joined.chars().take(max_chars).collect();
    let cut = match cut.rfind(' ') {
        Some(p) if p > max_chars / 2 => &cut[..p],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([' ', '·', ',', ';', ':']))
}

/// Writes the skills answer: its summary, each skill with its first line in every guide, the
/// best passages and, with a level, what the guides expect.
pub(crate) fn write_skills(out: &mut impl Write, a: &SkillsAnswer) -> io::Result<()> {
    writeln!(out, "{}", a.summary())?;
    if !a.skills.is_empty() {
        writeln!(
            out,
            "\nSkills ({}), each cited at its first line in every guide naming it:",
            a.skills.len()
        )?;
    }
    let several = a.careers().len() > 1;
    let mut career: Option<&str> = None;
    for s in &a.skills {
        if several && career != Some(s.career.as_str()) {
            career = Some(&s.career);
            writeln!(out, "  {}:", s.career)?;
        }
        let guides = if s.guides == 1 { "guide" } else { "guides" };
        let lines = if s.mentions == 1 { "line" } else { "lines" };
        writeln!(
            out,
            "  {} — {} {guides}, {} {lines}",
            s.name, s.guides, s.mentions
        )?;
        // Citations are ordered by source then line: the first of each source.
        let mut shown = 0;
        let mut last: Option<&str> = None;
        for c in &s.citations {
            if last == Some(c.cite.source.as_str()) {
                continue;
            }
            last = Some(c.cite.source.as_str());
            shown += 1;
            writeln!(
                out,
                "      {}",
                cite(
                    &c.cite.title,
                    &c.cite.section,
                    &c.cite.source,
                    At::Line(c.cite.line),
                    c.cite.url.as_deref()
                )
            )?;
        }
        let more = s.citations.len() - shown;
        if more > 0 {
            let lines = if more == 1 { "line" } else { "lines" };
            writeln!(out, "      (and {more} more {lines}; --json lists all)")?;
        }
    }
    if !a.passages.is_empty() {
        writeln!(out, "\nBest passages:")?;
        // Numbered "1.", not "[1]": in `ask`'s text a skills card is followed by the passages,
        // whose citation numbers `[n]` mean other passages.
        for (i, p) in a.passages.iter().enumerate() {
            writeln!(
                out,
                "  {}. {}",
                i + 1,
                cite(
                    &p.cite.title,
                    &p.cite.section,
                    &p.cite.source,
                    At::Lines(p.cite.start_line, p.cite.end_line),
                    p.cite.url.as_deref()
                )
            )?;
            writeln!(out, "      names: {}", p.skills.join(", "))?;
            writeln!(out, "      {}", excerpt(&p.text, 240))?;
        }
    }
    if let Some(level) = a.level {
        if a.expectations.is_empty() {
            writeln!(
                out,
                "\nThe guides say nothing specific about what the {} level needs.",
                level_name(level).to_lowercase()
            )?;
        } else {
            writeln!(out, "\nWhat the guides expect by level:")?;
        }
        for e in &a.expectations {
            writeln!(out, "  - {}: {}", level_name(e.level), e.text)?;
            writeln!(
                out,
                "      {}",
                cite(
                    &e.cite.title,
                    &e.cite.section,
                    &e.cite.source,
                    At::Line(e.cite.line),
                    e.cite.url.as_deref()
                )
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_cut_on_words() {
        assert_eq!(excerpt("one\ntwo", 50), "one · two");
        let cut = excerpt("alpha beta gamma delta epsilon", 20);
        assert_eq!(cut, "alpha beta gamma…");
    }
}
