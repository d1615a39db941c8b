//! A learning path written in shapes other than a bulleted or numbered list of imperatives:
//! items lettered "a) … b) …", lines numbered by a sequence word and a stop ("Step 1. Check …"),
//! a table whose columns are the step and its time ("| Step | Duration |"), and paragraphs each
//! telling the next step ("Most audiologists take a four-year AuD …" / "Graduates then pass …"),
//! and, whatever their heading, a numbered list whose items each open with an action in bold
//! ("1. **Finish your degree.** You can apply …") and steps told as actions one after another
//! that name training ("1. Get a CAP Pâtissier …", "**Find a mentor.** Go to shops …").

use super::Duration;
use super::cues::RoadmapCues;
use super::durations::parse_durations;
use super::lines::Line;
use super::table_ladder::cells;
use crate::answer::levels::LevelWords;
use crate::answer::text::{sentences, strip_marker};

/// Most words before the order word of a paragraph telling the next step ("New audiologists
/// then build …").
const ORDER_WORD_WITHIN: usize = 4;
/// Fewest items of a numbered list of actions in bold that tell a path under any heading.
const MIN_BOLD_ACTIONS: usize = 3;
/// Fewest steps of a run of actions told without a heading's cue that name training, for the
/// run to tell a path.
const MIN_TRAINING_STEPS: usize = 2;

/// The length of a line's list marker: a bullet or a number (`strip_marker`), or a letter closed
/// by a parenthesis ("a) ", "(b) ", "C) "); 0 for a line with none.
pub(super) fn item_marker(line: &str) -> usize {
    // `strip_marker` counts the indent of a line with no marker.
    let lead = line.len() - line.trim_start().len();
    match strip_marker(line) {
        m if m == lead => letter_marker(line).max(m),
        m => m,
    }
}

/// "a) ", "(b) ": one letter in a parenthesis (or before one), then a space.
fn letter_marker(line: &str) -> usize {
    let lead = line.len() - line.trim_start().len();
    let rest = &line[lead..];
    let body = rest.strip_prefix('(').unwrap_or(rest);
    let mut chars = body.chars();
    let (Some(letter), Some(')')) = (chars.next(), chars.next()) else {
        return 0;
    };
    let after = chars.as_str();
    if !letter.is_ascii_alphabetic() || !after.starts_with(char::is_whitespace) {
        return 0;
    }
    lead + (rest.len() - after.len()) + (after.len() - after.trim_start().len())
}

/// The text of a line numbered by a sequence word (`[sequence]` of `assets/levels.toml`) and a
/// stop: "Step 1. Check …", "Paso 2) Haz …", "Step 3 – Pass …"; `None` for any other line (a
/// "Step 2: …" label is read as a label, `step_labels`).
pub(super) fn numbered_step<'a>(levels: &LevelWords, line: &'a str) -> Option<&'a str> {
    let mut words = line.trim_start().splitn(3, ' ');
    let (word, number, rest) = (words.next()?, words.next()?, words.next()?);
    if !levels.sequence_words().contains(&word.to_lowercase()) {
        return None;
    }
    let digits = number.trim_end_matches(['.', ')']);
    if digits.is_empty() || digits.len() > 2 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let rest = if digits.len() == number.len() {
        rest.strip_prefix(['–', '—', '-'])?.trim_start()
    } else {
        rest.trim_start()
    };
    (!rest.is_empty()).then_some(rest)
}

/// The items of the numbered lists among `lines` (those `free` allows, none a heading) whose
/// items, numbered in order, each open with a sentence in bold that `is_action` says is an
/// action ("1. **Finish your bachelor's degree.** You can apply …", "2. **Get a TEFL
/// certificate.** …"), at least [`MIN_BOLD_ACTIONS`] in a row: a path told as a list, whatever
/// the heading over it says. Indices into `lines`.
pub(super) fn bold_action_items(
    lines: &[Line],
    free: impl Fn(usize) -> bool,
    is_action: impl Fn(&str) -> bool,
) -> Vec<usize> {
    let mut out = Vec::new();
    let mut run: Vec<usize> = Vec::new();
    let mut last = 0;
    let mut flush = |run: &mut Vec<usize>| {
        if run.len() >= MIN_BOLD_ACTIONS {
            out.append(run);
        }
        run.clear();
    };
    for (i, l) in lines.iter().enumerate() {
        let number = (!l.heading && free(i))
            .then(|| item_number(&l.text))
            .flatten()
            .filter(|_| {
                let text = l.text.trim_start();
                bold_sentence(&text[item_marker(text)..]).is_some_and(&is_action)
            });
        match number {
            Some(n) if !run.is_empty() && n == last + 1 => run.push(i),
            Some(_) => {
                flush(&mut run);
                run.push(i);
            }
            None => flush(&mut run),
        }
        last = number.unwrap_or(0);
    }
    flush(&mut run);
    out
}

/// A step of a run of actions ([`action_runs`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ActionStep {
    /// Its line's index into the lines read.
    pub at: usize,
    /// The action in bold a paragraph opens with; `None` for a numbered item, whole.
    pub lead: Option<String>,
}

/// The runs among `lines` (those `free` allows, none a heading) of at least
/// [`MIN_BOLD_ACTIONS`] steps told as actions one after another, nothing between them: items
/// numbered in order whose text opens with an action (`is_action`: "1. Get a CAP Pâtissier …",
/// "2. Estudiar la carrera técnica …"), or paragraphs each opening with an action in bold
/// ("**Find a mentor.** Go to shops …"). At least [`MIN_TRAINING_STEPS`] of a run's steps must
/// name training (`names_training`: a course, a licence, an apprenticeship), so that a list of
/// how the work itself is done ("1. Isolate the circuit. 2. Prove it dead. …") tells no path.
pub(super) fn action_runs(
    lines: &[Line],
    free: impl Fn(usize) -> bool,
    is_action: impl Fn(&str) -> bool,
    names_training: impl Fn(&str) -> bool,
) -> Vec<ActionStep> {
    let mut out = Vec::new();
    // The run so far, and the number of its last item (`None` for a run of paragraphs).
    let mut run: Vec<ActionStep> = Vec::new();
    let mut last: Option<u32> = None;
    let mut flush = |run: &mut Vec<ActionStep>| {
        let training = run
            .iter()
            .filter(|s| names_training(&lines[s.at].text))
            .count();
        if run.len() >= MIN_BOLD_ACTIONS && training >= MIN_TRAINING_STEPS {
            out.append(run);
        }
        run.clear();
    };
    for (i, l) in lines.iter().enumerate() {
        let text = l.text.trim_start();
        let step = if l.heading || !free(i) {
            None
        } else if let Some(n) = item_number(text) {
            let body = &text[item_marker(text)..];
            let first = sentences(body).first().map_or(body, |r| &body[r.clone()]);
            is_action(first).then_some((Some(n), None))
        } else if item_marker(text) == 0 {
            bold_sentence(text)
                .filter(|lead| is_action(lead))
                .map(|lead| (None, Some(lead.trim_end_matches(['.', '!']).to_string())))
        } else {
            None
        };
        match step {
            Some((number, lead)) => {
                let goes_on = !run.is_empty()
                    && match (last, number) {
                        (Some(prev), Some(n)) => n == prev + 1,
                        (None, None) => true,
                        _ => false,
                    };
                if !goes_on {
                    flush(&mut run);
                }
                run.push(ActionStep { at: i, lead });
                last = number;
            }
            None => {
                flush(&mut run);
                last = None;
            }
        }
    }
    flush(&mut run);
    out
}

/// The number a list item opens with ("2. " → 2, "3) " → 3).
fn item_number(line: &str) -> Option<u32> {
    let line = line.trim_start();
    let digits = line.find(|c: char| !c.is_ascii_digit())?;
    (digits > 0 && strip_marker(line) > 0)
        .then(|| line[..digits].parse().ok())
        .flatten()
}

/// The sentence in bold an item opens with ("**Finish your degree.** You can …" → "Finish your
/// degree."): bold text that ends like a sentence, or is followed by a full stop.
fn bold_sentence(content: &str) -> Option<&str> {
    let inner = content.trim_start().strip_prefix("**")?;
    let end = inner.find("**")?;
    let lead = inner[..end].trim();
    let stopped =
        lead.ends_with(['.', '!']) || inner[end + 2..].trim_start().starts_with(['.', '!']);
    (stopped && !lead.is_empty()).then_some(lead)
}

/// The steps of the tables among `lines` (those `in_path` says sit under a learning-path
/// heading) whose header names a time column (`time_column` of `assets/roadmap_cues.toml`): for
/// each body row, its index, the step (its first cell with words that is not the time) and the
/// time the time cell gives.
pub(super) fn table_steps(
    cues: &RoadmapCues,
    lines: &[Line],
    in_path: impl Fn(usize) -> bool,
) -> Vec<(usize, String, Option<Duration>)> {
    let mut out = Vec::new();
    let mut time_col: Option<Option<usize>> = None;
    for (i, l) in lines.iter().enumerate() {
        let text = l.text.trim();
        let Some(row) = cells(text).filter(|_| !l.heading) else {
            // A separator row ("|---|") keeps the table.
            let separator = text.contains('|')
                && text
                    .chars()
                    .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '+'));
            if !separator {
                time_col = None;
            }
            continue;
        };
        let Some(col) = time_col else {
            // The header row: which column gives the time.
            time_col = Some(if in_path(i) {
                row.iter().position(|c| cues.time_column.is_match(c))
            } else {
                None
            });
            continue;
        };
        let Some(col) = col else { continue };
        let step = row
            .iter()
            .enumerate()
            .find(|(k, c)| *k != col && c.chars().any(char::is_alphabetic))
            .map(|(_, c)| c.to_string());
        if let Some(step) = step {
            let time = row
                .get(col)
                .and_then(|c| parse_durations(c).into_iter().next())
                .map(|(_, d)| d);
            out.push((i, step, time));
        }
    }
    out
}

/// Paragraphs telling a path one step each: a run of at least two paragraphs (`is_paragraph`
/// says which lines are prose under a learning-path heading) in which every one after the first
/// has an order word (`[order]` of `assets/levels.toml`: "then", "after", "once") among its first
/// words ("Graduates then pass …"). For each, its index and its step: its first sentence that
/// `opens_step` ("There is more than one way in. To start, get some kitchen experience …"), else
/// its first. Two kinds of a job described one after the other ("Independent advisers can …
/// Restricted advisers …") tell no order, and are no steps.
pub(super) fn paragraph_steps<'a>(
    levels: &LevelWords,
    lines: &'a [Line],
    is_paragraph: impl Fn(usize) -> bool,
    opens_step: impl Fn(&str) -> bool,
) -> Vec<(usize, &'a str)> {
    let ordered = |text: &str| {
        text.split_whitespace()
            .take(ORDER_WORD_WITHIN)
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .any(|w| levels.order_words().contains(&w))
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !is_paragraph(i) {
            i += 1;
            continue;
        }
        let run: Vec<usize> = (i..lines.len()).take_while(|&j| is_paragraph(j)).collect();
        i += run.len();
        if run.len() >= 2 && run[1..].iter().all(|&j| ordered(&lines[j].text)) {
            for j in run {
                let text = lines[j].text.trim();
                let all = sentences(text);
                let step = all
                    .iter()
                    .find(|r| opens_step(&text[(*r).clone()]))
                    .or(all.first());
                if let Some(step) = step {
                    out.push((j, &text[step.clone()]));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn levels() -> LevelWords {
        LevelWords::from_toml(include_str!("../../../assets/levels.toml")).unwrap()
    }

    #[test]
    fn lettered_items_are_list_items() {
        for (line, content) in [
            ("a) Finish high school.", "Finish high school."),
            ("(b) Complete a degree", "Complete a degree"),
            ("  C) Pass the exam", "Pass the exam"),
            ("- Bullet", "Bullet"),
            ("2) Numbered", "Numbered"),
        ] {
            assert_eq!(&line[item_marker(line)..], content, "{line}");
        }
        for line in ["a)b", "ab) text", "A plain line", "(ab) text", "I)"] {
            assert_eq!(item_marker(line), 0, "{line}");
        }
    }

    fn lines(texts: &[&str]) -> Vec<Line> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Line::new(i as u32 + 1, t, false))
            .collect()
    }

    #[test]
    fn a_numbered_list_of_actions_in_bold_is_a_path() {
        let is_action = |lead: &str| {
            ["Learn", "Pass", "Apply"]
                .iter()
                .any(|v| lead.starts_with(v))
        };
        let path = lines(&[
            "Most people take three steps:",
            "1. **Learn the trade.** A college course helps.",
            "2. **Pass the exam**. It has two parts.",
            "3. **Apply to agencies.**",
            "Then it gets easier.",
        ]);
        assert_eq!(bold_action_items(&path, |_| true, is_action), vec![1, 2, 3]);
        assert!(bold_action_items(&path, |i| i != 2, is_action).is_empty());
        for texts in [
            // Too few, out of order, no sentence in bold, no action.
            &["1. **Learn the trade.** x", "2. **Pass the exam.** y"][..],
            &[
                "1. **Learn the trade.** x",
                "3. **Pass the exam.** y",
                "4. **Apply.** z",
            ],
            &[
                "1. **Learn the trade** x",
                "2. **Pass the exam** y",
                "3. **Apply** z",
            ],
            &["1. **Wages.** x", "2. **Hours.** y", "3. **Travel.** z"],
        ] {
            assert!(
                bold_action_items(&lines(texts), |_| true, is_action).is_empty(),
                "{texts:?}"
            );
        }
    }

    #[test]
    fn a_line_numbered_by_step_and_a_stop_is_a_step() {
        let l = levels();
        assert_eq!(
            numbered_step(&l, "Step 1. Check that you meet the medical requirements."),
            Some("Check that you meet the medical requirements.")
        );
        assert_eq!(
            numbered_step(&l, "Paso 2) Haz un curso."),
            Some("Haz un curso.")
        );
        assert_eq!(
            numbered_step(&l, "Step 3 – Pass the exam"),
            Some("Pass the exam")
        );
        // A label is read as one (`step_labels`); a step with no number is prose.
        assert_eq!(numbered_step(&l, "Step 2: Apply"), None);
        assert_eq!(numbered_step(&l, "Step up to lead roles."), None);
        assert_eq!(numbered_step(&l, "Stage 100. x"), None);
    }
}
