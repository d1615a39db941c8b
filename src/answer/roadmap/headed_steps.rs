//! A learning path told as headings numbered by a sequence word ("### Step 2 — Earn a Private
//! Pilot Licence (PPL)", "Step 3: Build hours"): each such heading that is no ladder rung is a
//! step, whole, cited at its heading, its time the first time span of the text under it, listed
//! under the heading before the run. The text under a step heading belongs to that step: its
//! imperative sentences are not steps of their own ([`HeadedSteps::covers`]).

use std::ops::RangeInclusive;

use super::durations::parse_durations;
use super::ladder::{rung, strip_sequence};
use super::lines::logical_lines;
use super::{PathStep, StepKind};
use crate::answer::citation::Citation;
use crate::corpus::Passage;
use crate::vocab::Vocabulary;

/// The steps a guide's numbered headings give, and the lines each one's text spans.
#[derive(Debug, Default)]
pub struct HeadedSteps {
    pub steps: Vec<PathStep>,
    /// (source, the heading's line through the last line before the next heading).
    spans: Vec<(String, RangeInclusive<u32>)>,
}

impl HeadedSteps {
    /// Whether `line` of `source` is a step heading or lies in the text under one.
    pub fn covers(&self, source: &str, line: u32) -> bool {
        self.spans
            .iter()
            .any(|(s, span)| s == source && span.contains(&line))
    }
}

/// The steps of `passages` (one guide's, in line order) told as numbered headings.
pub fn extract_headed_steps(vocab: &Vocabulary, passages: &[Passage]) -> HeadedSteps {
    let levels = vocab.levels();
    let mut out = HeadedSteps::default();
    // The heading before the run names the list ("How to become an airline pilot").
    let mut list: Option<String> = None;
    // The open step and the last line seen under it.
    let mut open: Option<(PathStep, u32)> = None;
    let close = |open: &mut Option<(PathStep, u32)>, out: &mut HeadedSteps| {
        if let Some((step, last)) = open.take() {
            out.spans
                .push((step.cite.source.clone(), step.cite.line..=last));
            out.steps.push(step);
        }
    };
    for p in passages {
        for l in logical_lines(p) {
            if l.heading {
                close(&mut open, &mut out);
                let numbered = strip_sequence(levels.sequence_words(), &l.text).is_some()
                    && rung(vocab, &l.text).is_none();
                if numbered {
                    let step = PathStep {
                        order: 0,
                        kind: StepKind::Step,
                        text: l.text.trim().to_string(),
                        duration: None,
                        list: list.clone().unwrap_or_else(|| p.title.clone()),
                        cite: Citation::at(p, l.line),
                    };
                    open = Some((step, l.line));
                } else {
                    list = Some(l.text.trim().to_string());
                }
            } else if let Some((step, last)) = open.as_mut() {
                *last = (*last).max(l.line);
                if step.duration.is_none() {
                    step.duration = parse_durations(&l.text).into_iter().next().map(|(_, d)| d);
                }
            }
        }
    }
    close(&mut open, &mut out);
    // A single numbered heading is no path.
    if out.steps.len() < 2 {
        return HeadedSteps::default();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::fixtures::vocab;

    fn passage(section: &str, start: u32, lines: &[&str]) -> Passage {
        Passage {
            source: "g.md".into(),
            title: "Guide".into(),
            career: "Pilot".into(),
            section: section.into(),
            url: None,
            start_line: start,
            end_line: start + lines.len() as u32,
            text: lines.join("\n"),
            line_numbers: (start + 1..=start + lines.len() as u32).collect(),
        }
    }

    #[test]
    fn numbered_headings_are_the_steps_of_the_path_before_them() {
        let ps = [
            passage(
                "How to become an airline pilot",
                7,
                &[
                    "### Step 1 — Pass a Class 1 medical",
                    "Book it before you pay for training.",
                ],
            ),
            passage(
                "Step 2 — Earn a Private Pilot Licence (PPL)",
                10,
                &["At least 45 flight hours. Most finish in 6–12 months part time."],
            ),
            passage(
                "Stage 3: Senior Pilot (2–4 years)",
                12,
                &["A rung, not a step."],
            ),
            passage("Salary", 14, &["Pilots earn well after 5 years."]),
        ];
        let got = extract_headed_steps(vocab(), &ps);
        let steps: Vec<(&str, u32, &str, Option<String>)> = got
            .steps
            .iter()
            .map(|s| {
                (
                    s.text.as_str(),
                    s.cite.line,
                    s.list.as_str(),
                    s.duration.as_ref().map(|d| d.label()),
                )
            })
            .collect();
        let list = "How to become an airline pilot";
        assert_eq!(
            steps,
            vec![
                ("Step 1 — Pass a Class 1 medical", 8, list, None),
                (
                    "Step 2 — Earn a Private Pilot Licence (PPL)",
                    10,
                    list,
                    Some("6–12 months".to_string())
                ),
            ]
        );
        // The text under a step is the step's; the rung and the salary are not.
        assert!(got.covers("g.md", 9) && got.covers("g.md", 11));
        assert!(!got.covers("g.md", 13) && !got.covers("g.md", 15));
    }

    #[test]
    fn one_numbered_heading_is_no_path() {
        let ps = [passage("Step 1: Read this first", 1, &["Then read on."])];
        assert!(extract_headed_steps(vocab(), &ps).steps.is_empty());
    }
}
