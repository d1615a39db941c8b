//! A table read as a career ladder: consecutive rows whose first cell names a role, ordered by
//! seniority and giving years of experience ("| Experienced RN (2–5 years) | $40–$48 |", "Contador
//! | 2–5 años | $60.000–$80.000"), are career stages, each cited to its row. The structure says it
//! is a ladder — at least [`MIN_RUNGS`] rows, at least two of them with years, the years never
//! going down — and the level words of the vocabulary place each row on the scale: its own level
//! words, else its years (`[years]` of `assets/levels.toml`), and a row with neither (the last
//! "Nurse manager") takes its place between the rows that have one (`ladder::place_rungs`).

use std::ops::Range;

use super::durations::parse_durations;
use super::ladder::place_rungs;
use super::lines::logical_lines;
use super::{Duration, DurationKind, Stage, StageCitation, StageEvidence};
use crate::answer::citation::Citation;
use crate::answer::levels::LevelWords;
use crate::corpus::Passage;

/// Fewest rows that make a table a ladder.
pub const MIN_RUNGS: usize = 3;
/// Fewest rows that must give their years.
const MIN_WITH_YEARS: usize = 2;
/// Most words of a role cell (its years in parentheses left aside).
const MAX_ROLE_WORDS: usize = 6;

/// One row of a candidate ladder.
struct Row {
    role: String,
    text: String,
    duration: Option<Duration>,
    cite: Citation,
}

/// The cells of a table row ("| a | b |", or "a | b" as HTML tables become), trimmed; `None`
/// for a line that is no table row or is a separator row ("|---|---|").
pub(super) fn cells(line: &str) -> Option<Vec<&str>> {
    let t = line.trim();
    if !t.contains('|') || t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '+')) {
        return None;
    }
    let mut cells: Vec<&str> = t.split('|').map(str::trim).collect();
    if t.starts_with('|') {
        cells.remove(0);
    }
    if t.ends_with('|') {
        cells.pop();
    }
    (cells.len() >= 2).then_some(cells)
}

/// The years a cell gives when they are all it says, or a parenthesis after its role
/// ("New graduate (0–1 years)", "2–5 years", "8+ años"): the span and where it is.
fn years_in(cell: &str) -> Option<(Range<usize>, Duration)> {
    let (range, d) = parse_durations(cell).into_iter().next()?;
    if d.min_years < 1.0 && d.max_years.is_some_and(|m| m < 1.0) {
        return None;
    }
    let rest = format!("{}{}", &cell[..range.start], &cell[range.end..]);
    let inside_parens = cell[..range.start].contains('(') && cell[range.end..].contains(')');
    let only = rest
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .is_empty();
    (inside_parens || only).then_some((range, d))
}

/// A row's role and years: the first cell without its parenthesis, and the years of the first
/// cell or of a cell that says nothing else.
fn row(line: &str) -> Option<(String, Option<Duration>)> {
    let cells = cells(line)?;
    let first = cells[0].trim_matches('*').trim();
    let role = first[..first.find('(').unwrap_or(first.len())].trim();
    let words = role.split_whitespace().count();
    if words == 0
        || words > MAX_ROLE_WORDS
        || !role.starts_with(|c: char| c.is_alphabetic())
        || role.contains(|c: char| c.is_ascii_digit() || "$€£¥".contains(c))
    {
        return None;
    }
    let years = cells.iter().find_map(|c| years_in(c)).map(|(_, mut d)| {
        // A row's years are the experience of the people it describes.
        if d.kind == DurationKind::Unspecified {
            d.kind = DurationKind::ExperienceRequired;
        }
        d
    });
    Some((role.to_string(), years))
}

/// The stages the tables of a passage give as ladders, in line order.
pub fn extract_table_ladder(levels: &LevelWords, p: &Passage) -> Vec<StageCitation> {
    let mut out = Vec::new();
    let mut run: Vec<Row> = Vec::new();
    for l in logical_lines(p) {
        let found = if l.heading { None } else { row(&l.text) };
        match found {
            Some((role, duration)) => run.push(Row {
                role,
                text: l.text.trim().to_string(),
                duration,
                cite: Citation::at(p, l.line),
            }),
            // A separator row ("|---|") keeps the run; any other line ends it.
            None if cells(&l.text).is_none() && l.text.contains("-|") => {}
            None => flush(levels, &mut run, &mut out),
        }
    }
    flush(levels, &mut run, &mut out);
    out
}

/// Turns a finished run of rows into stages when it is a ladder: the rows from the first with
/// years on (the ones before are a header), enough of them, years never going down.
fn flush(levels: &LevelWords, run: &mut Vec<Row>, out: &mut Vec<StageCitation>) {
    let mut rows = std::mem::take(run);
    let Some(first) = rows.iter().position(|r| r.duration.is_some()) else {
        return;
    };
    rows.drain(..first);
    let years: Vec<f64> = rows
        .iter()
        .filter_map(|r| r.duration.as_ref().map(|d| d.min_years))
        .collect();
    if rows.len() < MIN_RUNGS
        || years.len() < MIN_WITH_YEARS
        || years.windows(2).any(|w| w[1] < w[0])
    {
        return;
    }
    let known: Vec<_> = rows
        .iter()
        .map(|r| levels.of_pay_row(&r.role, r.duration.as_ref().map(|d| d.min_years)))
        .collect();
    for (r, level) in rows.into_iter().zip(place_rungs(&known)) {
        let Some(stage) = Stage::from_level(level) else {
            continue;
        };
        out.push(StageCitation {
            stage,
            evidence: StageEvidence::Ladder,
            roles: vec![r.role],
            text: r.text,
            duration: r.duration,
            cite: r.cite,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::fixtures::{passage_at, vocab};

    fn read(text: &str) -> Vec<(Stage, String, Option<String>, u32)> {
        let p = passage_at("Pay", 10, text);
        extract_table_ladder(vocab().levels(), &p)
            .into_iter()
            .map(|c| {
                (
                    c.stage,
                    c.roles[0].clone(),
                    c.duration.map(|d| d.label()),
                    c.cite.line,
                )
            })
            .collect()
    }

    #[test]
    fn roles_with_years_in_their_first_cell_are_a_ladder() {
        let got = read(
            "| Experience | Hourly wage | Yearly |\n|---|---|---|\n| New graduate (0–1 years) | $34–$40 | $70,000 |\n| Experienced RN (2–5 years) | $40–$48 | $83,000 |\n| Charge nurse (5+ years) | $47–$55 | $98,000 |\n| Nurse manager | $55–$70 | $115,000 |",
        );
        let want = [
            (Stage::Junior, "New graduate", Some("0–12 months"), 12),
            (Stage::Mid, "Experienced RN", Some("2–5 years"), 13),
            (Stage::Senior, "Charge nurse", Some("5+ years"), 14),
            (Stage::Lead, "Nurse manager", None, 15),
        ]
        .map(|(s, r, d, l)| (s, r.to_string(), d.map(String::from), l));
        assert_eq!(got, want.to_vec());
    }

    #[test]
    fn years_in_a_column_of_their_own_place_unnamed_levels() {
        let got = read(
            "Nivel | Experiencia | Sueldo\nAsistente contable | 0–2 años | $45.000\nContador | 2–5 años | $60.000\nContador sénior | 5–8 años | $80.000\nGerente de contabilidad | 8+ años | $105.000",
        );
        let stages: Vec<Stage> = got.iter().map(|g| g.0).collect();
        assert_eq!(stages, Stage::ALL.to_vec());
        assert_eq!(got[3].1, "Gerente de contabilidad");
        assert_eq!(got[0].3, 11);
    }

    #[test]
    fn tables_without_years_or_out_of_order_are_no_ladder() {
        // Pay by role, no years: a pay table, not a ladder.
        assert!(read("| Role | Pay |\n|---|---|\n| Commis chef | $30,000 |\n| Chef de partie | $36,000 |\n| Head chef | $60,000 |").is_empty());
        // Years going down: not ordered by seniority.
        assert!(read("| Setting | Years |\n| Hospital (5+ years) | $1 |\n| Clinic (2–4 years) | $2 |\n| Home (0–1 years) | $3 |").is_empty());
        // Too few rows.
        assert!(read("| A (0–2 years) | $1 |\n| B (2–5 years) | $2 |").is_empty());
    }
}
