//! How the terminal shows each answer as text, one file per kind (`ask`, `salary`, `skills`,
//! `roadmap`, and `library` for `sources` and `reindex`), with the citation format they share.

mod ask;
mod library;
mod roadmap;
mod salary;
mod skills;

pub(crate) use ask::write_text_answer;
pub use ask::{citation, citation_with_career, terminal_snippet};
pub(crate) use library::{write_careers, write_reindex, write_sources};
pub(crate) use roadmap::write_roadmap;
pub(crate) use salary::{level_phrase, write_salary};
pub(crate) use skills::write_skills;

use crate::answer::salary::Level;

/// Short level names for tables: "Entry", "Mid", "Senior", "Lead", "Overall".
fn level_name(level: Level) -> &'static str {
    match level {
        Level::Entry => "Entry",
        Level::Mid => "Mid",
        Level::Senior => "Senior",
        Level::Lead => "Lead",
        Level::Overall => "Overall",
    }
}

/// Where a cited item sits in its guide.
#[derive(Debug, Clone, Copy)]
enum At {
    /// The exact line.
    Line(u32),
    /// The passage's lines.
    Lines(u32, u32),
}

/// A citation as `ask` prints it: `Title — Section (file:line)` or `(file:start-end)`, then
/// ` <url>` when the guide has a link. The section is left out when it is empty or repeats the
/// title.
fn cite(title: &str, section: &str, source: &str, at: At, url: Option<&str>) -> String {
    let lines = match at {
        At::Line(n) => n.to_string(),
        At::Lines(a, b) => format!("{a}-{b}"),
    };
    let section = section.trim();
    let cited = if section.is_empty() || section == title.trim() {
        format!("{title} ({source}:{lines})")
    } else {
        format!("{title} — {section} ({source}:{lines})")
    };
    with_link(cited, url)
}

/// A citation line, then ` <url>` when its guide has a link.
pub(crate) fn with_link(cited: String, url: Option<&str>) -> String {
    match url {
        Some(url) => format!("{cited} <{url}>"),
        None => cited,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_render() {
        assert_eq!(
            cite("Guide", "Pay", "a.txt", At::Line(7), None),
            "Guide — Pay (a.txt:7)"
        );
        assert_eq!(
            cite("Guide", "", "a.txt", At::Lines(3, 9), None),
            "Guide (a.txt:3-9)"
        );
        assert_eq!(
            cite(
                "Guide",
                "Pay",
                "a.txt",
                At::Line(7),
                Some("https://x.example/g")
            ),
            "Guide — Pay (a.txt:7) <https://x.example/g>"
        );
    }
}
