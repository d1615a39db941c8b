//! A learning-path line labelled by a time or a sequence word ("Year 1: Finish prerequisites",
//! "Years 2-3: Complete a degree", "After graduating: Pass the board exam", "Then: Apply for a
//! license", "Step 2: …"), and the time its label gives ("Year 1" → within the first year,
//! "Years 2-3" → 2–3 years, "Month 6" → the sixth month, "Phase 1 (6–8 weeks)" → the phase's own
//! 6–8 weeks). The order words are data (`assets/levels.toml`, `[order]`; the sequence words,
//! `[sequence]`).

use once_cell::sync::Lazy;
use regex::Regex;

use super::durations::{parse_durations, trailing_time};
use super::{Duration, DurationKind, SpanUnit, WEEKS_PER_YEAR};
use crate::answer::levels::LevelWords;
use crate::answer::re;

/// Longest order label, in words ("After you graduate").
const MAX_ORDER_WORDS: usize = 4;

/// "Label: text" (the label short and free of sentence stops).
static LABEL: Lazy<Regex> = Lazy::new(|| re(r"^(?P<label>[^:.!?;|$]{1,40}?):(?:\*\*|__)?\s+\S"));

/// "Label   text": a label set off from its text by its column (a tab, or two spaces or more),
/// as a plain-text timeline writes it ("Years 1-4   Earn a bachelor's degree").
static GAP_LABEL: Lazy<Regex> =
    Lazy::new(|| re(r"^(?P<label>[^:.!?;|$\t]{1,40}?)(?:\t|\s{2,})(?P<rest>\S.*)$"));

/// A time label: a unit and a number, a range of numbers or an open end ("Year 1", "Years 2-3",
/// "Months 4 to 6", "Years 15+").
static TIME_LABEL: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)^(?P<unit>years?|months?|weeks?|a[ñn]os?|mes(?:es)?|semanas?)\s+(?P<a>\d{1,2})(?:\s*(?:-|–|—|to|through|a)\s*(?P<b>\d{1,2})|(?P<plus>\+))?$",
    )
});

/// What labels a step: a time (with the span it gives) or a sequence word.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum StepLabel {
    /// "Year 1", "Years 2-3", "Month 6".
    Time(Duration),
    /// "Then", "After graduating", "Finally", "Step 2".
    Order,
}

/// The label of a step line's content (its list marker removed), when it is a time or a
/// sequence word; `None` for any other "Label: text" line ("Technical: …") or an unlabelled one.
pub(super) fn step_label(levels: &LevelWords, content: &str) -> Option<StepLabel> {
    let content = content.trim_start_matches(['*', '_']);
    let Some(label) = LABEL.captures(content).and_then(|c| c.name("label")) else {
        // Set off by its column, a label is a time or a numbered part only.
        let label = GAP_LABEL.captures(content)?.name("label")?.as_str().trim();
        return match time_label(label) {
            Some(d) => Some(StepLabel::Time(d)),
            None => is_numbered_part(levels, label).then_some(StepLabel::Order),
        };
    };
    let label = label.as_str();
    let label = label.trim().trim_end_matches(['*', '_']).trim();
    if let Some(d) = time_label(label) {
        return Some(StepLabel::Time(d));
    }
    // "Phase 1 (6–8 weeks)": a numbered part whose own time closes its label.
    if let Some(open) = label.find('(')
        && is_numbered_part(levels, label[..open].trim())
        && let Some(d) = trailing_time(label)
    {
        return Some(StepLabel::Time(d));
    }
    let words: Vec<String> = label.split_whitespace().map(|w| w.to_lowercase()).collect();
    let first = words.first()?;
    let ordered = words.len() <= MAX_ORDER_WORDS && levels.order_words().contains(first);
    (ordered || is_numbered_part(levels, label)).then_some(StepLabel::Order)
}

/// The time a line's label gives and the text after the label ("Years 3-5: Site engineer. …" →
/// 3–5 years, "Site engineer. …"); `None` for a line labelled otherwise or not at all.
pub(super) fn time_labelled(content: &str) -> Option<(Duration, &str)> {
    let c = LABEL.captures(content)?;
    let label = c.name("label")?;
    let label_text = label.as_str().trim();
    let time = time_label(label_text).or_else(|| span_alone(label_text))?;
    let rest = content[label.end() + 1..]
        .trim_start_matches(['*', '_'])
        .trim_start();
    Some((time, rest))
}

/// A label that is one time span and nothing else, its number first ("10+ years", "2–4 years"):
/// the span.
fn span_alone(label: &str) -> Option<Duration> {
    let (range, d) = parse_durations(label).into_iter().next()?;
    (range.start == 0 && range.end == label.len()).then_some(d)
}

/// A labelled step as shown: a label set off by its column is followed by one space, as the
/// words of the line read ("Years 1-4 Earn a bachelor's degree"); any other line as it is.
pub(super) fn shown_step(content: &str) -> String {
    match GAP_LABEL.captures(content) {
        Some(c) if !LABEL.is_match(content) => format!("{} {}", c["label"].trim(), &c["rest"]),
        _ => content.to_string(),
    }
}

/// "Step 2", "Phase 3", "Etapa 1": a sequence word and its number, nothing else (a part of a
/// path, no role).
pub(super) fn is_numbered_part(levels: &LevelWords, label: &str) -> bool {
    let words: Vec<String> = label.split_whitespace().map(|w| w.to_lowercase()).collect();
    words.len() == 2
        && levels.sequence_words().contains(&words[0])
        && words[1].chars().all(|c| c.is_ascii_digit())
}

/// The span a time label gives: "Year N" → within year N (N−1 to N years), "Years A-B" →
/// A–B years; months in twelfths of a year.
fn time_label(label: &str) -> Option<Duration> {
    let c = TIME_LABEL.captures(label)?;
    let a: f64 = c["a"].parse().ok()?;
    let b: Option<f64> = c.name("b").and_then(|b| b.as_str().parse().ok());
    let unit = c["unit"].to_lowercase();
    let weeks = unit.starts_with('w') || unit.starts_with('s');
    let per_year = if unit.starts_with('y') || unit.starts_with('a') {
        1.0
    } else if weeks {
        WEEKS_PER_YEAR
    } else {
        12.0
    };
    let open_ended = c.name("plus").is_some();
    let (min, max) = match b {
        Some(b) if b >= a => (a, Some(b)),
        Some(_) => return None,
        None if open_ended => (a, None),
        None if a >= 1.0 => (a - 1.0, Some(a)),
        None => return None,
    };
    Some(Duration {
        min_years: min / per_year,
        max_years: max.map(|m| m / per_year),
        open_ended,
        kind: DurationKind::Unspecified,
        raw: label.to_string(),
        unit: if weeks {
            SpanUnit::Weeks
        } else {
            SpanUnit::YearsOrMonths
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn levels() -> LevelWords {
        LevelWords::from_toml(include_str!("../../../assets/levels.toml")).unwrap()
    }

    fn span(line: &str) -> Option<(f64, Option<f64>, String)> {
        match step_label(&levels(), line)? {
            StepLabel::Time(d) => Some((d.min_years, d.max_years, d.label())),
            StepLabel::Order => None,
        }
    }

    #[test]
    fn labelled_steps_read_time_and_sequence_labels() {
        // Time labels give the span the step falls in.
        assert_eq!(
            span("Year 1: Finish prerequisites such as anatomy."),
            Some((0.0, Some(1.0), "0–12 months".into()))
        );
        assert_eq!(
            span("Years 2-3: Complete an accredited associate degree."),
            Some((2.0, Some(3.0), "2–3 years".into()))
        );
        assert_eq!(
            span("**Months 4 to 6:** Build two projects."),
            Some((4.0 / 12.0, Some(0.5), "4–6 months".into()))
        );
        // A numbered part whose own time closes its label: that time ("Phase 1 (6–8 weeks):").
        assert_eq!(
            span("Phase 1 (6–8 weeks): classroom theory on optics."),
            Some((0.1154, Some(0.1538), "6–8 weeks".into()))
        );
        assert_eq!(
            span("**Fase 2 (about 6 months):** prácticas."),
            Some((0.5, Some(0.5), "6 months".into()))
        );
        // Weeks are shown in weeks, and kept in years like the others.
        assert_eq!(
            span("Weeks 1-4: Classroom theory."),
            Some((1.0 / 52.0, Some(4.0 / 52.0), "1–4 weeks".into()))
        );
        assert_eq!(
            span("Semana 3: Prácticas."),
            Some((2.0 / 52.0, Some(3.0 / 52.0), "2–3 weeks".into()))
        );
        // Order words (data) and "Step N" label steps without a time.
        for line in [
            "After graduating: Pass the National Board exam.",
            "Then: Apply for your state license.",
            "Next: Find a mentor.",
            "Finally: Specialise.",
            "Step 2: Learn the tools.",
        ] {
            assert_eq!(
                step_label(&levels(), line),
                Some(StepLabel::Order),
                "{line}"
            );
        }
        // Other labels are not steps; a long label is a sentence, not an order word.
        for line in [
            "Technical: scaling and root planing, dental radiography.",
            "Personal: a gentle manner with nervous patients.",
            "Year one was hard.",
            "After five years in the trade most electricians: earn more.",
            "Years 3-2: backwards.",
            "Year 0: nothing.",
            "Finish prerequisites first.",
            "Technical   scaling and root planing.",
            "Then   apply for your license.",
        ] {
            assert_eq!(step_label(&levels(), line), None, "{line}");
        }
    }

    #[test]
    fn an_open_ended_time_label_and_the_text_after_a_time_label() {
        assert_eq!(
            span("Years 12+: Run the practice."),
            Some((12.0, None, "12+ years".into()))
        );
        // A label that is one span, its number first ("12+ years:"), is a time too.
        let (time, rest) = time_labelled("12+ years: Chief engineer. Runs the works.").unwrap();
        assert_eq!((time.min_years, time.max_years), (12.0, None));
        assert_eq!(rest, "Chief engineer. Runs the works.");
        assert!(time_labelled("Over 12 years in the trade: lessons").is_none());
        let (time, rest) = time_labelled("Years 3-5: Site engineer. Runs a crew.").unwrap();
        assert_eq!((time.min_years, time.max_years), (3.0, Some(5.0)));
        assert_eq!(rest, "Site engineer. Runs a crew.");
        for line in [
            "Technical: scaling.",
            "Site engineer. Runs a crew.",
            "Years 3-2: x.",
        ] {
            assert!(time_labelled(line).is_none(), "{line}");
        }
    }

    /// A plain-text timeline sets its labels off by their column: a time or a numbered part so
    /// set off labels its step, which is shown with one space after its label.
    #[test]
    fn a_label_set_off_by_its_column() {
        let line = "Years 1-4   Earn a bachelor's degree in any major.";
        assert_eq!(span(line), Some((1.0, Some(4.0), "1–4 years".into())));
        assert_eq!(
            shown_step(line),
            "Years 1-4 Earn a bachelor's degree in any major."
        );
        assert_eq!(
            span("Year 5\tApply through CASPA."),
            Some((4.0, Some(5.0), "4–5 years".into()))
        );
        assert_eq!(
            step_label(&levels(), "Step 3    Pass the exam."),
            Some(StepLabel::Order)
        );
        // A line with a colon label is shown as it is.
        assert_eq!(
            shown_step("Year 1: Finish  prerequisites."),
            "Year 1: Finish  prerequisites."
        );
    }
}
