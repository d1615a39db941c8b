//! The salary answer as text: one cited figure per guide and level in a table, the per-level
//! summaries, and the guides' notes on pay.

use std::io::{self, Write};

use super::{At, cite, level_name};
use crate::answer::salary::{self, Level, LevelSummary, Period, SalaryAnswer, SalaryFigure};

/// " for the senior level", or "" for every level.
pub(crate) fn level_phrase(level: Option<Level>) -> String {
    level.map_or_else(String::new, |l| {
        format!(" for the {} level", level_name(l).to_lowercase())
    })
}

/// Whole dollars with thousands separators: 85000 → "$85,000".
fn usd(v: u32) -> String {
    let digits = v.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    format!("${out}")
}

/// A figure's yearly range, with the amounts as stated when the guide does not state them per
/// year: "$70K–$95K", "$200K+", "$41.6K–$62.4K (stated $20–$30 per hour)".
fn figure_range(f: &SalaryFigure) -> String {
    let yearly = f.range_label();
    if f.period == Period::Year {
        return yearly;
    }
    let plus = if f.open_ended { "+" } else { "" };
    let stated = if f.stated_low == f.stated_high {
        format!("{}{plus}", usd(f.stated_low))
    } else {
        format!("{}–{}{plus}", usd(f.stated_low), usd(f.stated_high))
    };
    format!("{yearly} (stated {stated} {})", f.period.label())
}

/// "Entry: $60K–$95K, median of midpoints $81.8K, from 4 guides".
fn summary_line(s: &LevelSummary) -> String {
    let plus = if s.open_ended { "+" } else { "" };
    let range = if s.lowest == s.highest {
        format!("{}{plus}", salary::format_usd_k(s.lowest))
    } else {
        format!(
            "{}–{}{plus}",
            salary::format_usd_k(s.lowest),
            salary::format_usd_k(s.highest)
        )
    };
    let plural = if s.sources == 1 { "" } else { "s" };
    format!(
        "{}: {range}, median of midpoints {}, from {} guide{plural}",
        level_name(s.level),
        salary::format_usd_k(s.median_midpoint),
        s.sources
    )
}

fn note_label(kind: salary::NoteKind) -> &'static str {
    match kind {
        salary::NoteKind::Location => "Location",
        salary::NoteKind::Remote => "Remote work",
        salary::NoteKind::TopEnd => "Top end",
        salary::NoteKind::Drivers => "What drives pay",
        salary::NoteKind::Compensation => "Pay structure",
    }
}

/// Writes the salary answer: one cited figure per guide and level, the per-level summaries and
/// the guides' notes; or that the guides give no figures.
pub(crate) fn write_salary(out: &mut impl Write, a: &SalaryAnswer) -> io::Result<()> {
    if a.is_empty() {
        return writeln!(
            out,
            "The guides give no salary figures{}.",
            level_phrase(a.level)
        );
    }
    writeln!(
        out,
        "Salaries in USD per year, one figure per guide and level:\n"
    )?;
    let ranges: Vec<String> = a.rows.iter().map(|r| figure_range(&r.figure)).collect();
    let width = ranges.iter().map(|r| r.chars().count()).max().unwrap_or(0);
    for (row, range) in a.rows.iter().zip(&ranges) {
        let f = &row.figure;
        writeln!(
            out,
            "{:<7}  {range:<width$}  {}",
            level_name(row.level),
            cite(
                &f.cite.title,
                &f.cite.section,
                &f.cite.source,
                At::Line(f.cite.line)
            )
        )?;
    }
    writeln!(out)?;
    for s in &a.summaries {
        writeln!(out, "{}", summary_line(s))?;
    }
    if !a.notes.is_empty() {
        writeln!(out, "\nNotes from the guides:")?;
        for n in &a.notes {
            writeln!(out, "  - {}: {}", note_label(n.kind), n.text)?;
            writeln!(
                out,
                "      {}",
                cite(
                    &n.cite.title,
                    &n.cite.section,
                    &n.cite.source,
                    At::Line(n.cite.line)
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
    fn dollars_figures_and_summaries_render() {
        assert_eq!(usd(85_000), "$85,000");
        assert_eq!(usd(999), "$999");
        assert_eq!(usd(1_234_567), "$1,234,567");
        let figure = SalaryFigure {
            cite: crate::answer::citation::Citation {
                source: "a.txt".into(),
                title: "Guide".into(),
                career: String::new(),
                section: "Pay".into(),
                line: 7,
                start_line: 5,
                end_line: 9,
            },
            level: Level::Entry,
            low: 41_600,
            high: 62_400,
            open_ended: false,
            period: Period::Hour,
            stated_low: 20,
            stated_high: 30,
            raw: "$20-$30 an hour".into(),
            form: salary::FigureForm::Prose,
            top_end: false,
        };
        assert_eq!(
            figure_range(&figure),
            "$41.6K–$62.4K (stated $20–$30 per hour)"
        );
        let summary = LevelSummary {
            level: Level::Entry,
            lowest: 60_000,
            highest: 95_000,
            median_midpoint: 81_750,
            open_ended: false,
            sources: 4,
        };
        assert_eq!(
            summary_line(&summary),
            "Entry: $60K–$95K, median of midpoints $81.8K, from 4 guides"
        );
    }
}
