//! A learning path told as headings numbered by a sequence word ("### Step 2 — Earn a Private
//! Pilot Licence (PPL)", "Step 3: Build hours"), or as numbered list items the corpus reads as
//! headings because bullets detail each ("2. **Get EMT certification**"; an imperative verb
//! opens each such step): each such heading that is no ladder rung is a
//! step, whole, cited at its heading, its time the first time span of the text under it, listed
//! under the heading before the run; the numbered action before such a run that the corpus did
//! not read as a heading ("1. **Start volunteering early**" over its bullets, then the heading
//! "2. **Earn a degree**") is its first step. The text under a step heading belongs to that
//! step: its imperative sentences are not steps of their own ([`HeadedSteps::covers`]).

use std::ops::RangeInclusive;

use super::durations::parse_durations;
use super::extract::is_imperative;
use super::ladder::{rung, strip_sequence};
use super::lines::logical_lines;
use super::path_shapes::item_marker;
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

/// The action a heading written as a numbered list item tells ("2. **Get EMT certification**"
/// over the bullets detailing it → "Get EMT certification"): its text without the number and
/// emphasis, when it opens with an imperative verb; a numbered section title ("3. Salary and
/// Benefits") is none.
fn numbered_action<'a>(vocab: &Vocabulary, heading: &'a str) -> Option<&'a str> {
    let heading = heading.trim();
    item_number(heading)?;
    let text = heading[item_marker(heading)..]
        .trim()
        .trim_matches(['*', '_'])
        .trim();
    is_imperative(vocab.roadmap_cues(), text, text).then_some(text)
}

/// The number a line (not indented) opens with as a list item's ("2. " → 2, "3) " → 3).
fn item_number(line: &str) -> Option<u32> {
    let digits = line.find(|c: char| !c.is_ascii_digit())?;
    (digits > 0 && item_marker(line) > 0)
        .then(|| line[..digits].parse().ok())
        .flatten()
}

/// A step of `p`'s path cited at `line`, in the list `list` names (else the passage's title).
fn step_at(p: &Passage, line: u32, text: &str, list: &Option<String>) -> PathStep {
    PathStep {
        order: 0,
        kind: StepKind::Step,
        text: text.to_string(),
        duration: None,
        list: list.clone().unwrap_or_else(|| p.title.clone()),
        cite: Citation::at(p, line),
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
    // The number of the last item of an open run of numbered items ("6." → 6): the next number
    // goes on with it ("7. Clear the background check", a heading or not); another ends it (a
    // numbered section after the run: "5. Career Path").
    let mut run: Option<u32> = None;
    // A numbered action outside any run, with the bullets detailing it ("1. **Start
    // volunteering early**" over its bullets, the corpus reading it as no heading): the first
    // step of the run when the next heading is the next item ("2. **Earn a degree**").
    let mut first: Option<(PathStep, u32, u32)> = None;
    for p in passages {
        for l in logical_lines(p) {
            let number = item_number(&l.text);
            let goes_on = run.is_some_and(|n| number == Some(n + 1));
            if l.heading {
                close(&mut open, &mut out);
                let sequenced = strip_sequence(levels.sequence_words(), &l.text).is_some();
                let item = (!sequenced)
                    .then(|| numbered_action(vocab, &l.text))
                    .flatten();
                let candidate = first.take();
                if (sequenced || item.is_some()) && rung(vocab, &l.text).is_none() {
                    if let Some((step, n, last)) = candidate
                        && item.is_some()
                        && number == Some(n + 1)
                    {
                        open = Some((step, last));
                        close(&mut open, &mut out);
                    }
                    let text = item.unwrap_or_else(|| l.text.trim());
                    open = Some((step_at(p, l.line, text, &list), l.line));
                    run = item.and(number);
                } else if goes_on {
                    run = number;
                } else {
                    run = None;
                    list = Some(l.text.trim().to_string());
                }
            } else if goes_on && let Some(text) = numbered_action(vocab, &l.text) {
                // The next item of the run, detailed by no bullets of its own.
                close(&mut open, &mut out);
                open = Some((step_at(p, l.line, text, &list), l.line));
                run = number;
            } else if open.is_none()
                && run.is_none()
                && let (Some(n), Some(text)) = (number, numbered_action(vocab, &l.text))
            {
                first = Some((step_at(p, l.line, text, &list), n, l.line));
            } else if let Some((step, _, last)) = first.as_mut()
                && item_number(&l.text).is_none()
                && item_marker(&l.text) > 0
            {
                // A bullet detailing it.
                *last = (*last).max(l.end_line());
                if step.duration.is_none() {
                    step.duration = parse_durations(&l.text).into_iter().next().map(|(_, d)| d);
                }
            } else if let Some((step, last)) = open.as_mut() {
                first = None;
                *last = (*last).max(l.line);
                if step.duration.is_none() {
                    step.duration = parse_durations(&l.text).into_iter().next().map(|(_, d)| d);
                }
            } else {
                first = None;
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

    /// Regression (probe five): numbered items each detailed by bullets are read by the corpus
    /// as headings, and the path's steps were lost; they are steps when an action opens them,
    /// and the run goes on through an item that is none and items with no bullets.
    #[test]
    fn numbered_items_read_as_headings_are_steps_while_their_numbering_goes_on() {
        let ps = [
            passage(
                "4. How to Become a Firefighter",
                1,
                &["The steps, in order."],
            ),
            passage(
                "1. **Meet the minimum requirements**",
                3,
                &["   - Usually 18 years old."],
            ),
            passage(
                "2. **Get EMT certification**",
                5,
                &[
                    "   - An EMT-Basic course takes about 120 to 190 hours.",
                    "3. **Pass the written exam**",
                    "   - Reading and math.",
                ],
            ),
            passage(
                "4. **Clear the background check**",
                9,
                &[
                    "   - A polygraph in some departments.",
                    "5. **Complete the fire academy**",
                    "   - A paid academy of 12 to 24 weeks.",
                ],
            ),
            passage(
                "6. Career Path and Promotion",
                13,
                &["1. **Apply for lieutenant** after five years."],
            ),
        ];
        let got = extract_headed_steps(vocab(), &ps);
        let steps: Vec<(&str, u32, &str)> = got
            .steps
            .iter()
            .map(|s| (s.text.as_str(), s.cite.line, s.list.as_str()))
            .collect();
        let list = "4. How to Become a Firefighter";
        assert_eq!(
            steps,
            vec![
                ("Meet the minimum requirements", 3, list),
                ("Get EMT certification", 5, list),
                ("Pass the written exam", 7, list),
                ("Complete the fire academy", 11, list),
            ]
        );
    }

    #[test]
    fn one_numbered_heading_is_no_path() {
        let ps = [passage("Step 1: Read this first", 1, &["Then read on."])];
        assert!(extract_headed_steps(vocab(), &ps).steps.is_empty());
    }
}
