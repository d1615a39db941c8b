//! The salary answer as text, career by career: one cited figure per guide and level in a table
//! (the guide's own words for the level beside it, each amount in its own currency), the
//! per-level summaries, and the guides' notes on pay.

use std::io::{self, Write};

use super::{At, cite, level_name};
use crate::answer::salary::{Level, LevelSummary, SalaryAnswer, SalaryRow};
use crate::i18n::Locale;

/// " for the senior level", or "" for every level.
pub(crate) fn level_phrase(level: Option<Level>) -> String {
    level.map_or_else(String::new, |l| {
        format!(" for the {} level", level_name(l).to_lowercase())
    })
}

/// "Entry (Junior Data Analyst): $60K–$95K, median of midpoints $81.8K, from 4 guides".
fn summary_line(s: &LevelSummary) -> String {
    let plural = if s.sources == 1 { "" } else { "s" };
    let words = if s.labels.is_empty() {
        String::new()
    } else {
        format!(" ({})", s.labels.join(", "))
    };
    format!(
        "{}{words}: {}, median of midpoints {}, from {} guide{plural}",
        level_name(s.level),
        s.range_label(),
        s.median_in(Locale::En),
        s.sources
    )
}

/// The first line of an answer with figures: the currencies they are in, and how to read them
/// (a guide giving one level in two periods, hourly and yearly, has a figure for each).
fn heading(a: &SalaryAnswer) -> String {
    let codes = a.currencies();
    // A level of one guide in two periods: more rows than (level, guide, currency, label)s.
    let keys: std::collections::HashSet<_> = a
        .rows
        .iter()
        .map(|r| {
            let f = &r.figure;
            (r.level, &f.cite.source, &f.currency, &f.label)
        })
        .collect();
    let periods = keys.len() < a.rows.len();
    let per = match (codes.len(), periods) {
        (1, false) => "guide and level",
        (1, true) => "guide, level and period",
        (_, false) => "guide, level and currency",
        (_, true) => "guide, level, currency and period",
    };
    match codes.as_slice() {
        [one] => format!("Salaries in {one}, per year unless marked, one figure per {per}."),
        _ => format!(
            "Salaries in {}, each figure in the currency its guide states (never converted), per \
             year unless marked, one figure per {per}.",
            codes.join(", ")
        ),
    }
}

/// The careers of an answer, in the order its rows and summaries come.
fn careers(a: &SalaryAnswer) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for c in a
        .summaries
        .iter()
        .map(|s| s.career.as_str())
        .chain(a.rows.iter().map(|r| r.figure.cite.career.as_str()))
    {
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

fn write_rows(out: &mut impl Write, rows: &[&SalaryRow]) -> io::Result<()> {
    let ranges: Vec<String> = rows.iter().map(|r| r.figure.range_label()).collect();
    let width = ranges.iter().map(|r| r.chars().count()).max().unwrap_or(0);
    for (row, range) in rows.iter().zip(&ranges) {
        let f = &row.figure;
        let words = f
            .label
            .as_deref()
            .map(|l| format!("{l}: "))
            .unwrap_or_default();
        writeln!(
            out,
            "{:<7}  {range:<width$}  {words}{}",
            level_name(row.level),
            cite(
                &f.cite.title,
                &f.cite.section,
                &f.cite.source,
                At::Line(f.cite.line),
                f.cite.url.as_deref()
            )
        )?;
    }
    Ok(())
}

/// Writes the salary answer, career by career: one cited figure per guide and level, the
/// per-level summaries and the guides' notes; or that the guides give no figures.
pub(crate) fn write_salary(out: &mut impl Write, a: &SalaryAnswer) -> io::Result<()> {
    if a.is_empty() {
        let about = a
            .career
            .as_deref()
            .map(|c| format!(" about {c}"))
            .unwrap_or_default();
        return writeln!(
            out,
            "The guides{about} give no salary figures{}.",
            level_phrase(a.level)
        );
    }
    writeln!(out, "{}", heading(a))?;
    for career in careers(a) {
        writeln!(out, "\n{career}\n")?;
        let rows: Vec<&SalaryRow> = a
            .rows
            .iter()
            .filter(|r| r.figure.cite.career == career)
            .collect();
        write_rows(out, &rows)?;
        writeln!(out)?;
        for s in a.summaries.iter().filter(|s| s.career == career) {
            writeln!(out, "{}", summary_line(s))?;
        }
        let notes: Vec<_> = a.notes.iter().filter(|n| n.cite.career == career).collect();
        if !notes.is_empty() {
            writeln!(out, "\nNotes from the guides:")?;
            for n in notes {
                let label = n.kind.label();
                writeln!(out, "  - {label}: {}", n.text_after(label))?;
                writeln!(
                    out,
                    "      {}",
                    cite(
                        &n.cite.title,
                        &n.cite.section,
                        &n.cite.source,
                        At::Line(n.cite.line),
                        n.cite.url.as_deref()
                    )
                )?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::salary::{Currency, Period};

    #[test]
    fn summaries_render_with_the_guides_words_and_their_period() {
        let summary = LevelSummary {
            career: "Electrician".into(),
            level: Level::Entry,
            currency: Currency::default(),
            period: Period::Hour,
            labels: vec!["Apprentice Electrician".into()],
            lowest: 18,
            highest: 25,
            median_midpoint: 21,
            open_ended: false,
            sources: 1,
        };
        assert_eq!(
            summary_line(&summary),
            "Entry (Apprentice Electrician): $18–$25/hour, median of midpoints $21/hour, from 1 guide"
        );
        let summary = LevelSummary {
            career: "Data Analyst".into(),
            level: Level::Senior,
            currency: Currency::default(),
            period: Period::Year,
            labels: Vec::new(),
            lowest: 100_000,
            highest: 128_000,
            median_midpoint: 114_000,
            open_ended: true,
            sources: 2,
        };
        assert_eq!(
            summary_line(&summary),
            "Senior: $100K–$128K+, median of midpoints $114K, from 2 guides"
        );
    }
}
