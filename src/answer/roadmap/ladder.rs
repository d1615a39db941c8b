//! A guide's own career ladder: an ordered run of roles, each with a time span ("1. **Junior Data
//! Analyst (1–2 years).** Own recurring reports …", "Stage 3: Journeyman Electrician (2–4 years)",
//! "<li><strong>Associate Product Manager</strong> (1–2 years): …"), read as career stages
//! whatever the career. The structure says it is a ladder — at least [`MIN_RUNGS`] numbered,
//! bulleted or "Stage N"-prefixed items in a row, each naming a role and a duration — and the
//! level words of the vocabulary (`assets/levels.toml`) place each rung on the scale; rungs whose
//! words name no level take their place between those that do ([`place_ladder`]). A rung is a
//! role, not an action: an item headed by an imperative ("**Earn a nursing degree (2–4
//! years).**", "**Specialize (3+ years).**") is a step of a learning path, unless the word after
//! the verb makes it a role ("Master Electrician", "Test Engineer"). A rung wrapped onto
//! continuation lines is read whole. An item of the same list right after a rung that opens with
//! a role but gives no time ("- Controller (8+ years)" then "- CFO") is a rung without a time; a
//! rung without text of its own is described by the line after it only when that line is no item.

use super::extract::is_imperative;
use super::lines::logical_lines;
use super::role_ladder::{career_words, role_head};
use super::step_labels::is_numbered_part;
use super::{Stage, StageCitation, StageEvidence, parse_durations};
use crate::answer::citation::Citation;
use crate::answer::level::Level;
use crate::answer::levels::{LevelWords, place_ladder};
use crate::answer::text::strip_marker;
use crate::corpus::Passage;
use crate::vocab::Vocabulary;

/// Fewest rungs that make a run of items a ladder.
pub const MIN_RUNGS: usize = 3;

/// Most words of a rung's role.
const MAX_ROLE_WORDS: usize = 10;

/// One rung as the guide writes it.
struct Rung {
    role: String,
    text: String,
    duration: Option<super::Duration>,
    cite: Citation,
}

/// The stages a guide's ladders give, in line order.
pub fn extract_ladder(vocab: &Vocabulary, passages: &[Passage]) -> Vec<StageCitation> {
    let levels = vocab.levels();
    let mut out = Vec::new();
    let mut run: Vec<Rung> = Vec::new();
    for p in passages {
        let career = career_words(p);
        let lines = logical_lines(p);
        let mut found_here = false;
        let mut last_rung: Option<usize> = None;
        for (i, pl) in lines.iter().enumerate() {
            let marker = strip_marker(&pl.text);
            // An item right after a rung, of the same list, that opens with a role but gives no
            // time is a rung too ("- Controller (8+ years)" then "- CFO").
            let timeless = || {
                (marker > 0 && last_rung.is_some_and(|r| r + 1 == i))
                    .then(|| role_head(vocab, &career, pl.text[marker..].trim()))
                    .flatten()
            };
            match rung(vocab, &pl.text) {
                Some((role, rest, duration)) => {
                    // A rung without text of its own is described by the line after it, when
                    // that line is no item of the list.
                    let text = if rest.is_empty() {
                        lines
                            .get(i + 1)
                            .filter(|next| {
                                rung(vocab, &next.text).is_none() && strip_marker(&next.text) == 0
                            })
                            .map(|next| next.text.clone())
                            .unwrap_or_default()
                    } else {
                        rest
                    };
                    run.push(Rung {
                        role,
                        text,
                        duration: Some(duration),
                        cite: Citation::at(p, pl.line),
                    });
                    found_here = true;
                    last_rung = Some(i);
                }
                None if let Some((role, rest)) = timeless() => {
                    run.push(Rung {
                        text: if rest.is_empty() { role.clone() } else { rest },
                        role,
                        duration: None,
                        cite: Citation::at(p, pl.line),
                    });
                    last_rung = Some(i);
                }
                // Prose between the rungs of one passage (their descriptions) keeps the run;
                // a heading that is not a rung ends it.
                None if pl.heading && !run.is_empty() && !found_here => {
                    flush(levels, &mut run, &mut out);
                }
                None => {}
            }
        }
        if !found_here {
            flush(levels, &mut run, &mut out);
        }
    }
    flush(levels, &mut run, &mut out);
    out
}

/// Turns a finished run into stages when it is long enough to be a ladder.
fn flush(levels: &LevelWords, run: &mut Vec<Rung>, out: &mut Vec<StageCitation>) {
    let rungs = std::mem::take(run);
    if rungs.iter().filter(|r| r.duration.is_some()).count() < MIN_RUNGS {
        return;
    }
    // A rung whose words name no level but whose time starts at zero ("Staff accountant (0–2
    // years)") is the start of the career: the entry.
    let known: Vec<_> = rungs
        .iter()
        .map(|r| {
            levels.of_label(&r.role).or_else(|| {
                r.duration
                    .as_ref()
                    .is_some_and(|d| d.min_years == 0.0 && d.max_years.is_some())
                    .then_some(Level::Entry)
            })
        })
        .collect();
    for (r, level) in rungs.into_iter().zip(place_rungs(&known)) {
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

/// Places a ladder's rungs on the scale as [`place_ladder`] does, except that the rungs before
/// the first one whose words name a level climb to it one level each ("Commis chef", "Chef de
/// partie", "Sous chef" before "Head chef" are junior, mid and senior), as far down as entry,
/// and that no rung sits below the one before it: the guide's order is the ladder's ("Lead
/// technician (6+ years)" then "Blade repair specialist (8+ years)" are both lead, the
/// specialist's "specialist" notwithstanding).
pub(super) fn place_rungs(known: &[Option<Level>]) -> Vec<Level> {
    let mut placed = place_in_order(known);
    for i in 1..placed.len() {
        if rank(placed[i]) < rank(placed[i - 1]) {
            placed[i] = placed[i - 1];
        }
    }
    placed
}

/// A level's place on the scale (`Overall` below every other).
fn rank(level: Level) -> Option<usize> {
    [Level::Entry, Level::Mid, Level::Senior, Level::Lead]
        .iter()
        .position(|l| *l == level)
}

/// [`place_rungs`] before the rule that no rung sits below the one before it.
fn place_in_order(known: &[Option<Level>]) -> Vec<Level> {
    const SCALE: [Level; 4] = [Level::Entry, Level::Mid, Level::Senior, Level::Lead];
    let mut placed = place_ladder(known);
    let first = known
        .iter()
        .position(|k| k.is_some_and(|l| SCALE.contains(&l)));
    if let Some(f) = first
        && let Some(q) = SCALE.iter().position(|l| *l == placed[f])
    {
        for (i, level) in placed.iter_mut().enumerate().take(f) {
            *level = SCALE[q.saturating_sub(f - i)];
        }
    }
    placed
}

/// A ladder rung: (role, the text after it, its duration), when `line` is a list item or a
/// "Stage N:" line whose role (a bold lead, the words before ":" or before the parenthesis)
/// comes with a time span.
pub(super) fn rung(vocab: &Vocabulary, line: &str) -> Option<(String, String, super::Duration)> {
    let levels = vocab.levels();
    let start = strip_marker(line);
    let mut content = line[start..].trim();
    let mut sequenced = false;
    if let Some(rest) = strip_sequence(levels.sequence_words(), content) {
        content = rest;
        sequenced = true;
    }
    if start == 0 && !sequenced {
        return None;
    }
    let (head, rest) = split_role(content)?;
    let (range, duration) = parse_durations(head).into_iter().next()?;
    let before = &head[..range.start];
    // "Master Electrician (typically 6–8 years …)": the role ends at its parenthesis.
    let role = before[..before.find('(').unwrap_or(before.len())]
        .trim()
        .trim_end_matches(['(', '[', '—', '–', '-', ',', ':'])
        .trim()
        .trim_matches('*')
        .trim();
    // "Commis chef — you prep … (1–2 years).": the role ends at the dash, the rest is its text.
    let (role, rest) = match dashed(role) {
        Some((role, text)) if role.split_whitespace().count() <= MAX_ROLE_WORDS => {
            (role, content[content.find(text).unwrap_or(0)..].trim())
        }
        _ => (role, rest),
    };
    let words = role.split_whitespace().count();
    if words == 0
        || words > MAX_ROLE_WORDS
        || !role.starts_with(|c: char| c.is_alphabetic())
        || is_action(vocab, role)
        // "Phase 1 (6–8 weeks)": a numbered part of a path, no role.
        || is_numbered_part(levels, role)
    {
        return None;
    }
    Some((role.to_string(), rest.to_string(), duration))
}

/// A role set off from its description by a dash ("Sous chef — second in command"), when the
/// role before the dash is short and the words before it are no sentence.
fn dashed(text: &str) -> Option<(&str, &str)> {
    let (at, dash) = [" — ", " – ", " - "]
        .iter()
        .filter_map(|d| text.find(d).map(|at| (at, *d)))
        .min()?;
    let role = text[..at].trim();
    let rest = text[at + dash.len()..].trim();
    (!role.is_empty() && !rest.is_empty() && !role.contains(['.', ',', ';']))
        .then_some((role, rest))
}

/// An action rather than a role: an imperative verb that is no level word, not followed by a role
/// or level word ("Earn a nursing degree", "Specialize"; not "Master Tester", "Test Engineer").
fn is_action(vocab: &Vocabulary, role: &str) -> bool {
    let levels = vocab.levels();
    let mut words = role.split_whitespace();
    let first = words.next().unwrap_or_default();
    let second = words
        .next()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
    let names_a_role = |w: &str| levels.is_role(w) || levels.of_label(w).is_some();
    is_imperative(vocab.roadmap_cues(), first, role)
        && !names_a_role(first)
        && !second.is_some_and(names_a_role)
}

/// "Stage 3: …", "Etapa 2 - …", "Step 1. …" → the text after the prefix.
pub(super) fn strip_sequence<'a>(sequence: &[String], content: &'a str) -> Option<&'a str> {
    let lower = content.to_lowercase();
    let word = sequence.iter().find(|w| lower.starts_with(w.as_str()))?;
    let rest = content.get(word.len()..)?.trim_start();
    let digits = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    if digits == 0 {
        return None;
    }
    let rest = rest[digits..].trim_start();
    let rest = rest.strip_prefix([':', '.', '-', '–', '—', ')'])?;
    Some(rest.trim_start())
}

/// A rung's head (its role and duration) and the rest: "**Role (1–2 years).** Text",
/// "**Role** (1–2 years): text", "Role (1–2 years)".
fn split_role(content: &str) -> Option<(&str, &str)> {
    if let Some(inner) = content.strip_prefix("**") {
        let end = inner.find("**")?;
        let after = inner[end + 2..].trim_start();
        // The duration may follow the bold role: "**Role** (1–2 years): text".
        if let Some(paren) = after.strip_prefix('(') {
            let close = paren.find(')')?;
            let head_len = 2 + end + 2 + (inner[end + 2..].len() - after.len()) + 1 + close + 1;
            let head = &content[..head_len];
            let rest = content[head_len..].trim_start_matches([':', '.', ' ', '—', '–']);
            return Some((head, rest.trim()));
        }
        return Some((
            &inner[..end],
            after.trim_start_matches([':', '.', ' ', '—', '–']).trim(),
        ));
    }
    // "Role (duration): text" or "Role (duration)": up to the closing parenthesis, the first
    // one that holds a time ("Chef de partie — you run one section (sauce, fish) … (2–3 years)").
    let holds_time = |at: &usize| {
        let inner = &content[at + 1..];
        let inner = &inner[..inner.find(')').unwrap_or(inner.len())];
        !parse_durations(inner).is_empty()
    };
    let open = content
        .match_indices('(')
        .map(|(at, _)| at)
        .find(holds_time)
        .or_else(|| content.find('('))?;
    let close = open + content[open..].find(')')?;
    let rest = content[close + 1..].trim_start_matches([':', '.', ' ', '—', '–']);
    Some((&content[..=close], rest.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::fixtures::vocab;

    fn passage(section: &str, lines: &[&str]) -> Passage {
        Passage {
            source: "g.md".into(),
            title: "Guide".into(),
            career: "Analyst".into(),
            section: section.into(),
            url: None,
            start_line: 1,
            end_line: 1 + lines.len() as u32,
            text: lines.join("\n"),
            line_numbers: (2..2 + lines.len() as u32).collect(),
        }
    }

    fn stages(ps: &[Passage]) -> Vec<(Stage, String, String, u32)> {
        extract_ladder(vocab(), ps)
            .into_iter()
            .map(|c| {
                let d = c.duration.unwrap();
                (c.stage, c.roles[0].clone(), d.label(), c.cite.line)
            })
            .collect()
    }

    #[test]
    fn a_numbered_ladder_with_bold_roles() {
        let p = passage(
            "Career roadmap",
            &[
                "Durations are typical.",
                "1. **Foundations (3–6 months).** Learn the basics.",
                "2. **Junior Nurse (1–2 years).** Work under supervision.",
                "3. **Charge Nurse (2–3 years).** Run a shift.",
                "4. **Senior Nurse (3–5 years).** Mentor others.",
                "5. **Nurse Manager (after 8–10 years total).** Lead a unit.",
            ],
        );
        let got = stages(&[p]);
        let want: Vec<(Stage, &str, &str, u32)> = vec![
            (Stage::Junior, "Foundations", "3–6 months", 3),
            (Stage::Junior, "Junior Nurse", "1–2 years", 4),
            (Stage::Mid, "Charge Nurse", "2–3 years", 5),
            (Stage::Senior, "Senior Nurse", "3–5 years", 6),
            (Stage::Lead, "Nurse Manager", "8–10 years", 7),
        ];
        assert_eq!(
            got.iter()
                .map(|(s, r, d, l)| (*s, r.as_str(), d.as_str(), *l))
                .collect::<Vec<_>>(),
            want
        );
    }

    #[test]
    fn stage_headings_each_their_own_passage_with_the_next_line_as_text() {
        let ps: Vec<Passage> = [
            (
                "Stage 1: Apprentice Plumber (4–5 years)",
                "Work under a licensed plumber.",
            ),
            ("Stage 2: Journeyman Plumber (2–4 years)", "Work alone."),
            (
                "Stage 3: Master Plumber (typically 6–8 years into the trade)",
                "Design systems.",
            ),
            (
                "Stage 4: Plumbing Contractor (8–10+ years)",
                "Run a business.",
            ),
        ]
        .iter()
        .enumerate()
        .map(|(i, (h, t))| {
            let mut p = passage(h, &[t]);
            p.start_line = 10 * i as u32 + 1;
            p.line_numbers = vec![10 * i as u32 + 2];
            p
        })
        .collect();
        let got = extract_ladder(vocab(), &ps);
        let summary: Vec<(Stage, &str, &str)> = got
            .iter()
            .map(|c| (c.stage, c.roles[0].as_str(), c.text.as_str()))
            .collect();
        assert_eq!(
            summary,
            vec![
                (
                    Stage::Junior,
                    "Apprentice Plumber",
                    "Work under a licensed plumber."
                ),
                (Stage::Mid, "Journeyman Plumber", "Work alone."),
                (Stage::Senior, "Master Plumber", "Design systems."),
                (Stage::Lead, "Plumbing Contractor", "Run a business."),
            ]
        );
        assert_eq!(got[3].duration.as_ref().unwrap().label(), "8+ years");
    }

    #[test]
    fn a_spanish_ladder_and_a_bold_role_before_its_duration() {
        let p = passage(
            "Hoja de ruta",
            &[
                "1. **Fundamentos (3–6 meses):** HTML y CSS.",
                "2. **Desarrollador junior (1–2 años):** tareas acotadas.",
                "3. **Desarrollador semi-senior (2–3 años):** autonomía.",
                "4. **Desarrollador senior (3–5 años):** arquitectura.",
            ],
        );
        let got: Vec<Stage> = stages(&[p]).into_iter().map(|s| s.0).collect();
        assert_eq!(
            got,
            vec![Stage::Junior, Stage::Junior, Stage::Mid, Stage::Senior]
        );
        let p = passage(
            "Ladder",
            &[
                "- **Associate Designer** (1–2 years): small features.",
                "- **Designer** (2–4 years): a product area.",
                "- **Senior Designer** (3–5 years): larger bets.",
            ],
        );
        let got = stages(&[p]);
        assert_eq!(got[0].1, "Associate Designer");
        assert_eq!(got[1].0, Stage::Mid);
        assert_eq!(got[2].0, Stage::Senior);
    }

    #[test]
    fn imperative_steps_are_not_rungs_but_roles_named_by_a_verb_are() {
        // A learning path whose steps have durations: actions, not roles.
        let steps = [
            "1. **Earn a nursing degree (2–4 years).** An associate degree takes about two years; a",
            "bachelor's takes four and is preferred by many hospitals.",
            "2. **Work as a staff nurse (1–3 years).** A common first job.",
            "3. **Specialize (3+ years).** ICU or emergency.",
        ];
        assert!(stages(&[passage("Becoming one, step by step", &steps)]).is_empty());
        let p = passage(
            "Ladder",
            &[
                "1. **Test Engineer (1–2 years).** Write test plans.",
                "2. **Master Tester (2–4 years).** Own a product's quality, with a",
                "team of testers across two sites.",
                "3. **Lead Test Engineer (4+ years).** Run the test team.",
            ],
        );
        let got = extract_ladder(vocab(), std::slice::from_ref(&p));
        let rungs: Vec<(String, u32)> = stages(&[p]).into_iter().map(|s| (s.1, s.3)).collect();
        assert_eq!(
            rungs,
            [
                ("Test Engineer", 2),
                ("Master Tester", 3),
                ("Lead Test Engineer", 5)
            ]
            .map(|(r, l)| (r.to_string(), l))
        );
        // A wrapped rung is read whole.
        assert_eq!(
            got[1].text,
            "Own a product's quality, with a team of testers across two sites."
        );
    }

    #[test]
    fn a_role_set_off_by_a_dash_with_its_time_at_the_end() {
        let p = passage(
            "The kitchen brigade: career progression",
            &[
                "1. Commis chef — you prep ingredients under a chef de partie (1–2 years).",
                "2. Chef de partie — you run one section during service (2–3 years).",
                "3. Sous chef — second in command: rotas, ordering and running the pass when the head chef is off",
                "(3–4 years).",
                "4. Head chef — you write the menu and manage the kitchen team (5+ years).",
            ],
        );
        let got = extract_ladder(vocab(), std::slice::from_ref(&p));
        let want = [
            (Stage::Junior, "Commis chef", "1–2 years", 2),
            (Stage::Mid, "Chef de partie", "2–3 years", 3),
            (Stage::Senior, "Sous chef", "3–4 years", 4),
            (Stage::Lead, "Head chef", "5+ years", 6),
        ];
        assert_eq!(
            stages(&[p])
                .iter()
                .map(|(s, r, d, l)| (*s, r.as_str(), d.as_str(), *l))
                .collect::<Vec<_>>(),
            want
        );
        // The rung's text is what follows the dash, whole.
        assert_eq!(
            got[2].text,
            "second in command: rotas, ordering and running the pass when the head chef is off (3–4 years)."
        );
        // A run of roles without the dash's shape is not cut at a hyphenated word.
        assert_eq!(dashed("Mid-level analyst"), None);
    }

    #[test]
    fn a_role_without_a_time_after_the_last_timed_rung_is_a_rung() {
        let mut p = passage(
            "Career path",
            &[
                "- Staff accountant (0–2 years)",
                "- Senior accountant (2–5 years)",
                "- Accounting manager (5–8 years)",
                "- Controller (8+ years)",
                "- CFO",
            ],
        );
        p.career = "Accountant".into();
        let got = extract_ladder(vocab(), std::slice::from_ref(&p));
        let summary: Vec<(&str, &str, bool)> = got
            .iter()
            .map(|c| (c.roles[0].as_str(), c.text.as_str(), c.duration.is_some()))
            .collect();
        // The controller's text is not the next item.
        assert_eq!(
            summary,
            [
                ("Staff accountant", "", true),
                ("Senior accountant", "", true),
                ("Accounting manager", "", true),
                ("Controller", "", true),
                ("CFO", "CFO", false),
            ]
        );
        let placed: Vec<Stage> = got.iter().map(|c| c.stage).collect();
        // The first rung starts at zero years: the entry, not one below the senior rung.
        assert_eq!(
            placed,
            [
                Stage::Junior,
                Stage::Senior,
                Stage::Lead,
                Stage::Lead,
                Stage::Lead
            ]
        );
        // Timeless roles alone make no ladder.
        let p = passage(
            "Career path",
            &["- Sergeant", "- Inspector", "- Superintendent"],
        );
        assert!(stages(&[p]).is_empty());
    }

    #[test]
    fn short_runs_and_lists_without_durations_are_not_ladders() {
        let p = passage(
            "Tips",
            &[
                "1. **Junior (1–2 years).** x",
                "2. **Senior (3–5 years).** y",
                "Some prose.",
            ],
        );
        assert!(stages(&[p]).is_empty());
        let p = passage(
            "Steps",
            &["1. Learn SQL", "2. Build a portfolio", "3. Apply widely"],
        );
        assert!(stages(&[p]).is_empty());
    }

    /// Weeks made "Phase 1 (6–8 weeks): …" lines look timed: a part of a path numbered by a
    /// sequence word is no rung, whatever time it gives (it is a step of the learning path).
    #[test]
    fn numbered_phases_with_times_are_no_ladder() {
        let p = passage(
            "How to become a dispensing optician",
            &[
                "- Phase 1 (6–8 weeks): classroom theory on optics.",
                "- Phase 2 (12 weeks): supervised practice.",
                "- Phase 3 (about 6 months): the final exams.",
            ],
        );
        assert!(stages(&[p]).is_empty());
    }

    /// Shape 3 of the fifth round: a ladder with more rungs than stages keeps the guide's order;
    /// a rung after the lead rung whose words name a lower level ("specialist") is lead too,
    /// not put before it.
    #[test]
    fn no_rung_sits_below_the_one_before_it() {
        let p = passage(
            "Career ladder",
            &[
                "1. **Trainee technician (0–1 year).** Climb with a buddy.",
                "2. **Wind turbine technician (1–3 years).** Scheduled maintenance.",
                "3. **Senior technician (3–6 years).** Complex faults.",
                "4. **Lead technician (6+ years).** Run a crew.",
                "5. **Blade repair specialist (8+ years).** Composite repairs.",
            ],
        );
        let got: Vec<(Stage, String)> = stages(&[p]).into_iter().map(|g| (g.0, g.1)).collect();
        let want = [
            (Stage::Junior, "Trainee technician"),
            (Stage::Mid, "Wind turbine technician"),
            (Stage::Senior, "Senior technician"),
            (Stage::Lead, "Lead technician"),
            (Stage::Lead, "Blade repair specialist"),
        ]
        .map(|(s, r)| (s, r.to_string()));
        assert_eq!(got, want.to_vec());
        assert_eq!(
            place_rungs(&[
                Some(Level::Entry),
                None,
                Some(Level::Lead),
                Some(Level::Senior)
            ]),
            [Level::Entry, Level::Mid, Level::Lead, Level::Lead]
        );
    }
}
