//! A table read as a career ladder: consecutive rows whose first cell names a role, ordered by
//! seniority and giving years of experience ("| Experienced RN (2–5 years) | $40–$48 |", "Contador
//! | 2–5 años | $60.000–$80.000"), are career stages, each cited to its row. The structure says it
//! is a ladder — at least [`MIN_RUNGS`] rows, at least two of them with years, the years never
//! going down — and the level words of the vocabulary place each row on the scale: its own level
//! words, else its years (`[years]` of `assets/levels.toml`), and a row with neither (the last
//! "Nurse manager") takes its place between the rows that have one (`ladder::place_rungs`).

use std::ops::Range;

use super::durations::{bare_years, is_years_header, parse_durations};
use super::lines::logical_lines;
use super::role_ladder::place;
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
    if !t.contains('|') || is_separator(t) {
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

/// A table's separator row: pipes, dashes and colons only ("|---|:---:|", "--- | ---").
pub(super) fn is_separator(line: &str) -> bool {
    let t = line.trim();
    t.contains('|') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '+'))
}

/// The years a cell gives when they are all it says, or a parenthesis after its role ("New
/// graduate (0–1 years)", "2–5 years", "8+ años"): the span and where it is.
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

/// The columns of a table whose header names years ("| Years | Role | What changes |"): their
/// cells may give the years as bare numbers ("0–1", "10+").
pub(super) fn years_columns(header: &[&str]) -> Vec<usize> {
    header
        .iter()
        .enumerate()
        .filter(|(_, h)| is_years_header(h))
        .map(|(i, _)| i)
        .collect()
}

/// The years cell `i` of a row gives: a span it says alone (or in a parenthesis after its
/// role), or a bare number in a column of years.
fn cell_years(cell: &str, i: usize, years_cols: &[usize]) -> Option<Duration> {
    years_in(cell)
        .map(|(_, d)| d)
        .or_else(|| years_cols.contains(&i).then(|| bare_years(cell)).flatten())
}

/// A cell of money ("$42,000–$52,000", "£28,500").
fn is_money(cell: &str) -> bool {
    cell.contains(|c: char| "$€£¥₹".contains(c))
}

/// A table row read as a rung: its role (the first cell with words that is no years, one of the
/// first two), its years, and its text — the longest other cell with words that is neither its
/// years nor money, else the role cell as written: never the raw row.
pub(super) struct RowRung {
    pub role: String,
    pub years: Option<Duration>,
    pub text: String,
}

/// A row's role, years and text (see [`RowRung`]); `None` for no row, or a row whose role cell
/// is no short role.
pub(super) fn row_rung(line: &str, years_cols: &[usize]) -> Option<RowRung> {
    let cells = cells(line)?;
    let years: Vec<Option<Duration>> = cells
        .iter()
        .enumerate()
        .map(|(i, c)| cell_years(c, i, years_cols))
        .collect();
    let at = cells
        .iter()
        .enumerate()
        .take(2)
        .find(|(i, c)| {
            c.chars().any(char::is_alphabetic)
                && (years[*i].is_none() || years_in(c).is_some_and(|(r, _)| r.start > 0))
        })
        .map(|(i, _)| i)?;
    let first = cells[at].trim_matches('*').trim();
    let role = shortest_alternative(first[..first.find('(').unwrap_or(first.len())].trim());
    let words = role.split_whitespace().count();
    if words == 0
        || words > MAX_ROLE_WORDS
        || !role.starts_with(|c: char| c.is_alphabetic())
        || is_money(role)
    {
        return None;
    }
    let text = cells
        .iter()
        .enumerate()
        .filter(|(i, c)| {
            *i != at
                && c.chars().any(char::is_alphabetic)
                && !is_money(c)
                && years_in(c).is_none_or(|(r, _)| r.start > 0 && !c.contains('('))
                && years[*i].is_none()
        })
        .map(|(_, c)| c.trim_matches('*').trim())
        .max_by_key(|c| c.chars().count())
        .unwrap_or(first)
        .to_string();
    Some(RowRung {
        role: role.to_string(),
        years: years.into_iter().flatten().next(),
        text,
    })
}

/// A role cell too long for a role that names alternatives ("Regional captain or move to a major
/// as first officer", "Head of nursing, clinical director or partner"): its first alternative
/// (up to the first "or" or comma), when that is short enough; else the cell.
fn shortest_alternative(role: &str) -> &str {
    if role.split_whitespace().count() <= MAX_ROLE_WORDS {
        return role;
    }
    role.split([',', ';'])
        .next()
        .and_then(|part| part.split(" or ").next())
        .map(str::trim)
        .filter(|first| first.split_whitespace().count() <= MAX_ROLE_WORDS)
        .unwrap_or(role)
}

/// A row's role, years and text: [`row_rung`], its years being the experience of the people it
/// describes.
fn row(line: &str, years_cols: &[usize]) -> Option<RowRung> {
    let mut r = row_rung(line, years_cols)?;
    if let Some(d) = &mut r.years
        && d.kind == DurationKind::Unspecified
    {
        d.kind = DurationKind::ExperienceRequired;
    }
    Some(r)
}

/// The stages the tables of a passage give as ladders, in line order.
pub fn extract_table_ladder(levels: &LevelWords, p: &Passage) -> Vec<StageCitation> {
    let mut out = Vec::new();
    let mut run: Vec<Row> = Vec::new();
    // The columns of years the current table's header names.
    let mut years_cols: Option<Vec<usize>> = None;
    for l in logical_lines(p) {
        let is_row = !l.heading && cells(&l.text).is_some();
        if is_row && years_cols.is_none() {
            years_cols = cells(&l.text).map(|h| years_columns(&h));
        }
        let found = if is_row {
            row(&l.text, years_cols.as_deref().unwrap_or_default())
        } else {
            None
        };
        match found {
            Some(r) => run.push(Row {
                role: r.role,
                text: r.text,
                duration: r.years,
                cite: Citation::at(p, l.line),
            }),
            // A separator row ("|---|") keeps the run; any other line ends it.
            None if is_separator(&l.text) => {}
            None if is_row => flush(levels, &mut run, &mut out),
            None => {
                years_cols = None;
                flush(levels, &mut run, &mut out);
            }
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
        .map(|r| levels.of_ladder_row(&r.role, r.duration.as_ref().map(|d| d.min_years)))
        .collect();
    // Placed as a ladder of role titles is: never going down the table, and of rows whose words
    // name the same stage only the last keeps it when free stages lie below ("Account executive",
    // "Senior account executive", "Broking director": mid, senior, lead).
    let known: Vec<Option<Stage>> = known
        .into_iter()
        .map(|l| l.and_then(Stage::from_level))
        .collect();
    for (r, stage) in rows.into_iter().zip(place(&known)) {
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

    /// A role may carry a grade's number ("Band 6 pharmacist"), and a role cell too long for a
    /// role that names alternatives is read as its first ("Regional captain or move to a major
    /// as first officer").
    #[test]
    fn a_grade_number_and_a_long_cell_of_alternatives() {
        let got = read(
            "| Stage | Typical time |\n|---|---|\n| Foundation trainee pharmacist | 1 year |\n| Newly qualified / Band 6 pharmacist | 2–3 years |\n| Regional captain or move to a major as first officer | 3–5 years |\n| Consultant pharmacist | — |",
        );
        let roles: Vec<&str> = got.iter().map(|g| g.1.as_str()).collect();
        assert_eq!(
            roles,
            [
                "Foundation trainee pharmacist",
                "Newly qualified / Band 6 pharmacist",
                "Regional captain",
                "Consultant pharmacist"
            ]
        );
        // Alternatives listed with commas before the last "or": the first of them.
        let got = read(
            "| Rank | Years |\n|---|---|\n| Signalling trainee | 0–2 |\n| Signaller | 2–6 |\n| Head of signalling operations, route controller or duty manager | 6+ |",
        );
        assert_eq!(
            got.last().map(|g| g.1.as_str()),
            Some("Head of signalling operations")
        );
        // Money is never a role.
        assert!(
            read("| $40 role | 1 year |\n| $50 role | 2 years |\n| $60 role | 3 years |")
                .is_empty()
        );
    }

    fn texts(text: &str) -> Vec<String> {
        let p = passage_at("Career path", 10, text);
        extract_table_ladder(vocab().levels(), &p)
            .into_iter()
            .map(|c| c.text)
            .collect()
    }

    /// Shape 2 of the fifth round: a table whose first column is the years (bare numbers under
    /// a "Years" header) and whose second is the role: each row is a rung with its years, and a
    /// rung's text is its description cell, never the raw row.
    #[test]
    fn a_years_column_before_the_role_gives_every_row_its_years() {
        let table = "| Years | Role | What changes |\n|---|---|---|\n| 0–1 | Account assistant | Prepare renewals |\n| 1–3 | Account handler | Run a book of small clients |\n| 3–6 | Account executive | Win new business |\n| 6–10 | Senior account executive | Train handlers |\n| 10+ | Broking director | Run an office |";
        let got = read(table);
        let want = [
            (Stage::Junior, "Account assistant", Some("0–12 months"), 12),
            (Stage::Junior, "Account handler", Some("1–3 years"), 13),
            (Stage::Mid, "Account executive", Some("3–6 years"), 14),
            (
                Stage::Senior,
                "Senior account executive",
                Some("6–10 years"),
                15,
            ),
            (Stage::Lead, "Broking director", Some("10+ years"), 16),
        ]
        .map(|(s, r, d, l)| (s, r.to_string(), d.map(String::from), l));
        assert_eq!(got, want.to_vec());
        let texts = texts(table);
        assert_eq!(texts[0], "Prepare renewals");
        assert!(texts.iter().all(|t| !t.contains('|')), "{texts:?}");
        // Bare numbers count as years only under a header naming years.
        assert!(read("| Grade | Role | Notes |\n|---|---|---|\n| 0–1 | Assistant | a |\n| 1–3 | Handler | b |\n| 3–6 | Executive | c |").is_empty());
    }

    /// A row's text: its longest cell of words that is neither its years nor money, else its
    /// role cell as written.
    #[test]
    fn a_rung_text_is_a_cell_never_the_row() {
        let got = texts(
            "| Rank | Years | Pay | Notes |\n|---|---|---|---|\n| Sergeant | 2–3 years | £48,000 | Leads a shift |\n| Inspector | 3–5 years | £60,000 | — |\n| Chief inspector | 5+ years | £67,000 | — |",
        );
        assert_eq!(got, ["Leads a shift", "Inspector", "Chief inspector"]);
        let got = texts(
            "| Experience | Pay |\n|---|---|\n| New graduate (0–1 years) | $34 |\n| Experienced RN (2–5 years) | $40 |\n| Charge nurse (5+ years) | $47 |",
        );
        assert_eq!(got[0], "New graduate (0–1 years)");
    }
}
