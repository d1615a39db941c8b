//! A career ladder named only by role titles, with no level word and not always a time: "1.
//! Classroom teacher … 2. Head of department … 3. Deputy head … 4. Headteacher", a table of
//! police ranks, "Staff accountant → Senior accountant → Controller → CFO". The structure says
//! it is a ladder: a run of at least [`MIN_RUNGS`] list items, table rows (the header row left
//! aside) or arrow-chained parts under a heading or lead-in naming a ladder cue
//! (`assets/roadmap.toml`, `[ladder]`), each opening with a role — a short noun phrase whose last
//! word (or the word before its "of") is an occupation, a role word, a word of the guide's
//! career or a rank title — and told in order: numbered, chained by arrows, at least two rungs
//! with a time, or a title word placing a later rung above the first. A run with one item that
//! is no role (a responsibility, a skill) is no ladder. Each rung's stage: the title words of
//! its role (`RoleTitles`), never going down the run; the first rung, when its words name no
//! level, is the ladder's entry; the others take their place between (`place_ladder`). A
//! rung's time is the first its item gives; flight hours are no time (`parse_durations` reads
//! years, months and weeks only). A rung names one role: a title written in the plural
//! ("Training captains", "Crew managers") is a rung when its singular is clear by rule
//! ([`singular_word`]) and is named in the singular ([`singular_role`]).

use super::durations::parse_durations;
use super::extract::is_imperative;
use super::ladder::strip_sequence;
use super::lines::logical_lines;
use super::step_labels::time_labelled;
use super::table_ladder::{cells, is_separator, row_rung, years_columns};
use super::{Duration, Stage, StageCitation, StageEvidence};
use crate::answer::citation::Citation;
use crate::answer::level::Level;
use crate::answer::levels::{place_ladder, singular};
use crate::answer::text::{sentences, strip_marker};
use crate::corpus::Passage;
use crate::roles::fold;
use crate::vocab::Vocabulary;

/// Fewest rungs that make a run of roles a ladder.
pub const MIN_RUNGS: usize = 3;
/// Most rungs: a longer run is a list of something else.
const MAX_RUNGS: usize = 12;
/// Most words of a rung's role (of each of its alternatives; twice as many in all).
const MAX_ROLE_WORDS: usize = 6;
/// Words that join a role to its field ("Head of department", "Chef de partie").
pub(super) const JOINERS: [&str; 3] = ["of", "de", "du"];
/// Arrows that chain roles on one line.
const ARROWS: [&str; 3] = ["→", "->", "⟶"];

/// One candidate rung.
struct Rung {
    role: Option<String>,
    /// The title it opens with when that names no role it knows ("Improver"): a rung only in a
    /// run most of whose rungs name roles.
    title: Option<String>,
    text: String,
    duration: Option<Duration>,
    cite: Citation,
}

/// How a run was written, which says whether it is ordered.
#[derive(Clone, Copy, PartialEq)]
enum Shape {
    Numbered,
    Bulleted,
    /// Lines in a row, no marker, each opening with a role ("Staff PA ....... 2-5 years").
    Lines,
    Table,
    Chain,
}

/// The stages the ladders of role titles in `passages` give, in line order.
pub fn extract_role_ladder(vocab: &Vocabulary, passages: &[Passage]) -> Vec<StageCitation> {
    let titles = vocab.role_titles();
    let mut out = Vec::new();
    for p in passages {
        let career = career_words(p);
        let role = |text: &str| role_head(vocab, &career, text);
        // A title no known role word names stands in a ladder only as one short singular
        // title ("Improver", "Owner-operator"), never a list of things ("Specialization and
        // lateral moves").
        let title = |text: &str| {
            title_head(vocab, &career, text).filter(|(t, _)| {
                let words: Vec<String> = t.split_whitespace().map(str::to_lowercase).collect();
                words
                    .split(|w| CHOICES.contains(&w.as_str()))
                    .all(|alt| alt.len() <= MAX_TITLE_WORDS)
                    && words.iter().all(|w| !JOINS.contains(&w.as_str()))
                    && words.last().is_some_and(|w| singular(w) == *w)
                    // A letter or two is a marker ("Q: …", "A: …"), no title.
                    && t.chars().filter(|c| c.is_alphabetic()).count() >= MIN_TITLE_LETTERS
            })
        };
        let mut cued = titles.is_ladder_cue(&p.section);
        let mut run: Vec<Rung> = Vec::new();
        let mut shape = Shape::Bulleted;
        let mut in_table = false;
        let mut years_cols: Vec<usize> = Vec::new();
        let lines = logical_lines(p);
        // The line after the last definition read (its lines are read with its term).
        let mut skip = 0;
        // The last source line of the last rung of a run of lines.
        let mut lines_end: u32 = 0;
        // The run of lines opened in bold ("**Survey technician** (2–5 years)"): its rungs are
        // the lines opening so, and a line right under one that does not is its description.
        let mut bold_leads = false;
        for (at, l) in lines.iter().enumerate() {
            let text = l.text.trim();
            if l.heading {
                flush(vocab, &mut run, shape, &mut out);
                cued = titles.is_ladder_cue(text);
                in_table = false;
                continue;
            }
            if let Some(row) = cells(text) {
                // The first row of a table is its header, which says which columns hold years.
                if !in_table {
                    flush(vocab, &mut run, shape, &mut out);
                    in_table = true;
                    years_cols = years_columns(&row);
                    continue;
                }
                if cued {
                    shape = Shape::Table;
                    // The role cell (the first with words that is no years), the row's years
                    // and its text without the table's pipes.
                    let read = row_rung(text, &years_cols);
                    let named = read.as_ref().and_then(|r| role(&r.role)).map(|(r, _)| r);
                    run.push(Rung {
                        title: read
                            .as_ref()
                            .filter(|_| named.is_none())
                            .and_then(|r| title(&r.role))
                            .map(|(t, _)| t),
                        role: named,
                        text: read
                            .as_ref()
                            .map_or_else(|| text.to_string(), |r| r.text.clone()),
                        duration: read.and_then(|r| r.years).or_else(|| {
                            row.iter()
                                .find_map(|c| parse_durations(c).into_iter().next())
                                .map(|(_, d)| d)
                        }),
                        cite: Citation::at(p, l.line),
                    });
                }
                continue;
            }
            // A separator row ("|---|") keeps the table.
            if is_separator(text) {
                continue;
            }
            in_table = false;
            let marker = strip_marker(text);
            if marker > 0 {
                let numbered = text.starts_with(|c: char| c.is_ascii_digit());
                let kind = if numbered {
                    Shape::Numbered
                } else {
                    Shape::Bulleted
                };
                if !run.is_empty() && shape != kind {
                    flush(vocab, &mut run, shape, &mut out);
                }
                if cued {
                    shape = kind;
                    // An item may open with its time as a label ("- **Years 2–4:** Rigger, …").
                    let (content, label_time) = item_past_time(text[marker..].trim());
                    let (role, rest) = match role(content) {
                        Some((r, rest)) => (Some(r), rest),
                        None => (None, content.to_string()),
                    };
                    run.push(Rung {
                        title: role
                            .is_none()
                            .then(|| title(content))
                            .flatten()
                            .map(|(t, _)| t),
                        role,
                        text: if rest.is_empty() {
                            content.to_string()
                        } else {
                            rest
                        },
                        duration: label_time.or_else(|| {
                            parse_durations(content).into_iter().next().map(|(_, d)| d)
                        }),
                        cite: Citation::at(p, l.line),
                    });
                }
                continue;
            }
            // A definition list's term, with its definition on the next line(s) ("Senior
            // Radiographer" / ": Reports on complex cases …"; "*Lead Sonographer*" / "Runs …").
            if skip > at {
                continue;
            }
            if cued && let Some((role, definition, ends)) = definition(&lines, at, &role) {
                if !run.is_empty() && shape != Shape::Bulleted {
                    flush(vocab, &mut run, shape, &mut out);
                }
                shape = Shape::Bulleted;
                run.push(Rung {
                    role: Some(role),
                    title: None,
                    duration: parse_durations(&definition)
                        .into_iter()
                        .next()
                        .map(|(_, d)| d),
                    text: definition,
                    cite: Citation::at(p, l.line),
                });
                skip = ends;
                continue;
            }
            // Lines in a row under a ladder cue, each opening with a role ("New graduate PA
            // ........ first 1-2 years", "Driver trainer (3+ years)"), or paragraphs one blank
            // line apart ("Academy Trainee (3 to 5 months): classroom and simulator …"); a title
            // no role word names stands among them as in a list.
            // A rung line may open with its number or its time as a label ("Level 2 —
            // Apprentice operator. …", "Years 3-5: Site engineer. …").
            let (text, label_time) = past_label(vocab, text);
            let bold = text.starts_with("**");
            let follows = run.last().is_none_or(|_| {
                shape == Shape::Lines
                    && l.line <= lines_end.saturating_add(2)
                    && (bold || !bold_leads || l.line > lines_end + 1)
            });
            let opens = || {
                role(text)
                    .map(|(r, rest)| (Some(r), None, rest))
                    .or_else(|| title(text).map(|(t, rest)| (None, Some(t), rest)))
            };
            if cued
                && follows
                && let Some((named, titled, rest)) = opens()
            {
                if !run.is_empty() && shape != Shape::Lines {
                    flush(vocab, &mut run, shape, &mut out);
                }
                if run.is_empty() || shape != Shape::Lines {
                    bold_leads = bold;
                }
                shape = Shape::Lines;
                lines_end = l.end_line();
                run.push(Rung {
                    role: named,
                    title: titled,
                    duration: label_time
                        .or_else(|| parse_durations(text).into_iter().next().map(|(_, d)| d)),
                    text: if rest.is_empty() {
                        text.to_string()
                    } else {
                        rest
                    },
                    cite: Citation::at(p, l.line),
                });
                continue;
            }
            // A sentence going on in a rung's paragraph ("… working all positions
            // independently." / "Many controllers later bid …") belongs to that rung.
            if shape == Shape::Lines && !run.is_empty() && l.line == lines_end + 1 {
                lines_end = l.end_line();
                continue;
            }
            flush(vocab, &mut run, shape, &mut out);
            if let Some(parts) = chain(text) {
                // "Career path: Staff accountant → Senior accountant → …".
                let first_arrow = ARROWS
                    .iter()
                    .filter_map(|a| text.find(a))
                    .min()
                    .unwrap_or(text.len());
                let lead_in = text[..first_arrow].rfind(": ");
                if cued || lead_in.is_some_and(|at| titles.is_ladder_cue(&text[..at])) {
                    for part in parts {
                        run.push(Rung {
                            role: role(part).map(|(r, _)| r),
                            title: None,
                            text: part.to_string(),
                            duration: parse_durations(part).into_iter().next().map(|(_, d)| d),
                            cite: Citation::at(p, l.line),
                        });
                    }
                    let chained = out.len();
                    flush(vocab, &mut run, Shape::Chain, &mut out);
                    // The times the sentences after the chain give its rungs.
                    attach_prose_times(vocab, p, &mut out[chained..], &lines[at + 1..]);
                }
                continue;
            }
            // A lead-in naming a cue opens the list after it ("The ranks, from the bottom:").
            if text.ends_with(':') {
                cued = cued || titles.is_ladder_cue(text);
            }
        }
        flush(vocab, &mut run, shape, &mut out);
    }
    out.extend(headed_ladder(vocab, passages));
    out
}

/// A line's text past the label a rung may open with — a sequence word and its number ("Level 2
/// — Apprentice operator. …") or a time ("Years 3-5: Site engineer. …") — and the time such a
/// label gives; any other line as it is.
fn past_label<'a>(vocab: &Vocabulary, text: &'a str) -> (&'a str, Option<Duration>) {
    if let Some((time, rest)) = time_labelled(text) {
        return (rest, Some(time));
    }
    match strip_sequence(vocab.levels().sequence_words(), text) {
        Some(rest) if !rest.is_empty() => (rest, None),
        _ => (text, None),
    }
}

/// A list item's text past the time it opens with as a label, in emphasis or not ("**Years
/// 2–4:** Rigger, …" → "Rigger, …"), and that time; any other item as it is.
fn item_past_time(item: &str) -> (&str, Option<Duration>) {
    match time_labelled(item.trim_start_matches(['*', '_'])) {
        Some((time, rest)) if !rest.is_empty() => (rest, Some(time)),
        _ => (item, None),
    }
}

/// A ladder told as headings, one per rung, after a heading naming a ladder cue ("Climbing the
/// brigade" / "Kitchen porter" / "Commis chef" / "Chef de partie" / …): each heading that opens
/// with a role is a rung, cited at its heading, its time the first one the heading or the text
/// under it gives; a heading that is no role ends the run.
fn headed_ladder(vocab: &Vocabulary, passages: &[Passage]) -> Vec<StageCitation> {
    let titles = vocab.role_titles();
    let mut out = Vec::new();
    let mut run: Vec<Rung> = Vec::new();
    let mut cued = false;
    let mut source: Option<&str> = None;
    for p in passages {
        if source.is_some_and(|s| s != p.source) {
            flush(vocab, &mut run, Shape::Bulleted, &mut out);
            cued = false;
        }
        source = Some(&p.source);
        let career = career_words(p);
        for l in logical_lines(p) {
            let text = l.text.trim();
            if l.heading {
                match cued.then(|| role_head(vocab, &career, text)).flatten() {
                    Some((role, rest)) => run.push(Rung {
                        role: Some(role),
                        title: None,
                        duration: parse_durations(&rest).into_iter().next().map(|(_, d)| d),
                        text: rest,
                        cite: Citation::at(p, l.line),
                    }),
                    None => {
                        flush(vocab, &mut run, Shape::Bulleted, &mut out);
                        cued = titles.is_ladder_cue(text);
                    }
                }
                continue;
            }
            // The text under a rung's heading: its description and its time.
            if let Some(rung) = run.last_mut() {
                if rung.text.is_empty() {
                    rung.text = text.to_string();
                }
                if rung.duration.is_none() {
                    rung.duration = parse_durations(text).into_iter().next().map(|(_, d)| d);
                }
            }
        }
    }
    flush(vocab, &mut run, Shape::Bulleted, &mut out);
    out
}

/// The term of a definition list at `lines[at]` when it is a role (`role`) alone, bare or in
/// emphasis ("Senior Radiographer", "*Lead Sonographer*"), followed by its definition: the lines
/// after it opening with ": " (Markdown), else the one line of prose after it. The role, the
/// definition's text and the index of the line after it.
fn definition(
    lines: &[super::lines::Line],
    at: usize,
    role: &impl Fn(&str) -> Option<(String, String)>,
) -> Option<(String, String, usize)> {
    let text = lines[at].text.trim();
    let term = ["**", "__", "*", "_"]
        .iter()
        .find_map(|m| text.strip_prefix(m).and_then(|t| t.strip_suffix(m)))
        .unwrap_or(text)
        .trim();
    if term.is_empty()
        || term.ends_with(['.', ':', '!', '?'])
        || term.split_whitespace().count() > MAX_ROLE_WORDS
    {
        return None;
    }
    let next = lines.get(at + 1).filter(|n| !n.heading)?;
    let marked: Vec<&str> = lines[at + 1..]
        .iter()
        .take_while(|n| !n.heading)
        .map_while(|n| n.text.trim().strip_prefix(": "))
        .collect();
    let (definition, ends) = if marked.is_empty() {
        // A line of prose, no list item, table row or term of its own.
        let t = next.text.trim();
        let prose = t.ends_with(['.', '!', '?'])
            && strip_marker(&next.text) == 0
            && cells(t).is_none()
            && !t.starts_with(':');
        (prose.then(|| t.to_string())?, at + 2)
    } else {
        (marked.join(" "), at + 1 + marked.len())
    };
    let (role, rest) = role(term)?;
    rest.is_empty().then_some((role, definition, ends))
}

/// Gives the rungs of an arrow chain without a time of their own the times the prose after it
/// tells (up to the next heading): a sentence naming a rung and a time span gives it that time —
/// the one in the rung's own clause (between commas and semicolons); else the sentence's only
/// time when it names only that rung; else, for a clause with a time but no rung ("After 1–2
/// years, a paralegal can become a senior paralegal"), the rung the sentence moves to (after an
/// opener that tells a move, `assets/roadmap.toml`). A rung named as the career itself is not
/// named by prose, which means the career's people in general. Such a rung is cited to its
/// sentence, which names it with its time; the first sentence to give a rung a time wins.
fn attach_prose_times(
    vocab: &Vocabulary,
    p: &Passage,
    rungs: &mut [StageCitation],
    after: &[super::lines::Line],
) {
    // A rung named as the career itself ("Social worker" of social workers) is how prose names
    // the career's people in general ("Most social workers …"): no sentence names that rung.
    let career = p.career.to_ascii_lowercase();
    let names: Vec<String> = rungs
        .iter()
        .map(|r| {
            r.roles
                .first()
                .map(|x| x.to_ascii_lowercase())
                .filter(|x| *x != career)
                .unwrap_or_default()
        })
        .collect();
    for l in after {
        if l.heading {
            break;
        }
        let text = l.text.trim_end();
        if strip_marker(text) > 0 || cells(text).is_some() || chain(text).is_some() {
            continue;
        }
        for s in sentences(&l.text) {
            let sentence = &l.text[s.clone()];
            let durations = parse_durations(sentence);
            if durations.is_empty() {
                continue;
            }
            let named = named_rungs(sentence, &names);
            for &(k, at) in &named {
                if rungs[k].duration.is_some() {
                    continue;
                }
                let clause = clause_around(sentence, at);
                let time = durations
                    .iter()
                    .find(|(d, _)| clause.start <= d.start && d.end <= clause.end)
                    .or_else(|| {
                        // The one time of a sentence naming one rung.
                        (named.len() == 1 && durations.len() == 1).then(|| &durations[0])
                    })
                    .or_else(|| {
                        // A time in a clause naming no rung: the rung moved to.
                        let free = durations.iter().find(|(d, _)| {
                            let c = clause_around(sentence, d.start);
                            !named.iter().any(|(_, a)| c.start <= *a && *a < c.end)
                        })?;
                        moved_to(vocab, sentence, &named).filter(|m| *m == k)?;
                        Some(free)
                    });
                let Some((_, d)) = time else { continue };
                let r = &mut rungs[k];
                r.duration = Some(d.clone());
                r.text = sentence.trim().to_string();
                r.cite = Citation::at(p, l.line_at(s.start + at));
            }
        }
    }
}

/// The rungs a sentence names (by their roles, any ASCII case, a plural ending allowed), each with
/// where it is named: the longest role at a place wins ("senior paralegal", not "paralegal").
fn named_rungs(sentence: &str, names: &[String]) -> Vec<(usize, usize)> {
    // ASCII case only: every offset stays one of `sentence`.
    let lower = sentence.to_ascii_lowercase();
    let mut found: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
    for (k, name) in names.iter().enumerate() {
        if name.is_empty() {
            continue;
        }
        for (at, _) in lower.match_indices(name.as_str()) {
            let end = at + name.len();
            let before_ok = lower[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let rest = &lower[end..];
            let plural = ["s", "es"]
                .iter()
                .find(|e| {
                    rest.starts_with(*e)
                        && rest[e.len()..]
                            .chars()
                            .next()
                            .is_none_or(|c| !c.is_alphanumeric())
                })
                .map_or(0, |e| e.len());
            let after_ok = plural > 0 || rest.chars().next().is_none_or(|c| !c.is_alphanumeric());
            if before_ok && after_ok {
                found.push((k, at..end + plural));
            }
        }
    }
    // A role inside a longer one named at the same place is not named there.
    let all = found.clone();
    found.retain(|(_, r)| {
        !all.iter().any(|(_, o)| {
            o.start <= r.start && r.end <= o.end && (o.end - o.start) > (r.end - r.start)
        })
    });
    found.sort_by_key(|(_, r)| r.start);
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (k, r) in found {
        if !out.iter().any(|(j, _)| *j == k) {
            out.push((k, r.start));
        }
    }
    out
}

/// The rung a sentence tells a move to: the first named right after an opener that is no plain
/// one ("become", "promoted to"), an article between allowed.
fn moved_to(vocab: &Vocabulary, sentence: &str, named: &[(usize, usize)]) -> Option<usize> {
    let titles = vocab.role_titles();
    let lower = sentence.to_ascii_lowercase();
    named.iter().find_map(|&(k, at)| {
        let before: Vec<&str> = lower[..at].split_whitespace().collect();
        let before: &[&str] = match before.last() {
            Some(w) if ["a", "an", "the"].contains(w) => &before[..before.len() - 1],
            _ => &before,
        };
        titles
            .openers()
            .iter()
            .filter(|o| !titles.is_plain_opener(o))
            .any(|o| {
                before.len() >= o.len()
                    && before[before.len() - o.len()..]
                        .iter()
                        .zip(o)
                        .all(|(a, b)| a == b)
            })
            .then_some(k)
    })
}

/// The clause around byte `at` of `sentence`: the run between commas and semicolons.
fn clause_around(sentence: &str, at: usize) -> std::ops::Range<usize> {
    let start = sentence[..at].rfind([',', ';']).map_or(0, |i| i + 1);
    let end = sentence[at..]
        .find([',', ';'])
        .map_or(sentence.len(), |i| at + i);
    start..end
}

/// The parts of a line that chains roles with arrows, the lead-in before a colon left aside.
fn chain(text: &str) -> Option<Vec<&str>> {
    let arrow = ARROWS
        .iter()
        .find(|a| text.matches(*a).count() >= MIN_RUNGS - 1)?;
    let mut parts: Vec<&str> = text.split(arrow).map(str::trim).collect();
    if let Some(at) = parts[0].rfind(": ") {
        parts[0] = parts[0][at + 2..].trim();
    }
    if let Some(last) = parts.last_mut() {
        *last = last.trim_end_matches('.').trim();
    }
    Some(parts)
}

/// Turns a finished run into stages when every item opens with a role and the run is a ladder.
fn flush(vocab: &Vocabulary, run: &mut Vec<Rung>, shape: Shape, out: &mut Vec<StageCitation>) {
    let mut rungs = std::mem::take(run);
    // Every rung opens with a title, and most (at least two in three) with a known role: then
    // a title the vocabulary does not know ("Improver") is a rung too.
    let named = rungs.iter().filter(|r| r.role.is_some()).count();
    if rungs.len() < MIN_RUNGS
        || rungs.len() > MAX_RUNGS
        || named < MIN_RUNGS
        || named * 3 < rungs.len() * 2
        || rungs.iter().any(|r| r.role.is_none() && r.title.is_none())
    {
        return;
    }
    for r in &mut rungs {
        if r.role.is_none() {
            r.role = r.title.take();
        }
    }
    let roles: Vec<&str> = rungs.iter().filter_map(|r| r.role.as_deref()).collect();
    let known: Vec<Option<Stage>> = roles.iter().map(|r| stage_of(vocab, r)).collect();
    let timed = rungs.iter().filter(|r| r.duration.is_some()).count();
    let climbs = known
        .iter()
        .skip(1)
        .flatten()
        .any(|s| known[0].is_none_or(|first| *s > first));
    let ordered = matches!(shape, Shape::Numbered | Shape::Chain) || timed >= 2 || climbs;
    if !ordered {
        return;
    }
    for (r, stage) in rungs.into_iter().zip(place(&known)) {
        out.push(StageCitation {
            stage,
            evidence: StageEvidence::Ladder,
            roles: vec![r.role.unwrap_or_default()],
            text: r.text,
            duration: r.duration,
            cite: r.cite,
        });
    }
}

/// The stage a role's title words name: the roadmap's title words, else a level word.
fn stage_of(vocab: &Vocabulary, role: &str) -> Option<Stage> {
    vocab
        .role_titles()
        .stage_of(vocab.levels(), role)
        .or_else(|| vocab.levels().of_label(role).and_then(Stage::from_level))
}

/// Each rung's stage: the known ones never going down the run, the first the entry when its
/// words name none, the others between; of rungs whose words name the same stage, only the last
/// keeps it and those before it take their place below ("Head of department", "Deputy head",
/// "Headteacher" all hold a lead word; only the headteacher is the top rung).
pub(super) fn place(known: &[Option<Stage>]) -> Vec<Stage> {
    let mut highest: Option<Stage> = None;
    let mut stages: Vec<Option<Stage>> = Vec::with_capacity(known.len());
    for (i, k) in known.iter().enumerate() {
        let k = match (k, highest) {
            (Some(s), Some(h)) => Some((*s).max(h)),
            (Some(s), None) => Some(*s),
            (None, _) if i == 0 => Some(Stage::Junior),
            (None, _) => None,
        };
        if k.is_some() {
            highest = k;
        }
        stages.push(k);
    }
    // Of rungs naming the same stage, the earlier ones give it up when free stages lie between
    // the stage below theirs and it (the first rung keeps its stage: the ladder starts there).
    let mut i = stages.len();
    while i > 1 {
        i -= 1;
        let Some(same) = stages[i] else { continue };
        let group: Vec<usize> = (1..i).filter(|&k| stages[k] == Some(same)).collect();
        let Some(&first) = group.first() else {
            continue;
        };
        let below = stages[..first].iter().rev().flatten().next().copied();
        let free = below.is_none_or(|b| (b as usize) + 1 < same as usize);
        if free {
            for k in group {
                stages[k] = None;
            }
        }
        i = first;
    }
    let levels: Vec<Option<Level>> = stages.into_iter().map(|k| k.map(Stage::level)).collect();
    place_ladder(&levels)
        .into_iter()
        .map(|l| Stage::from_level(l).unwrap_or(Stage::Junior))
        .collect()
}

/// The words of a passage's career, singular and lower case.
pub(super) fn career_words(p: &Passage) -> Vec<String> {
    p.career
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| singular(&w.to_lowercase()))
        .collect()
}

/// Plural endings a role word may take, each with what replaces it in the singular
/// ("captains", "coaches", "deputies").
const PLURAL_ENDINGS: [(&str, &str); 3] = [("s", ""), ("es", ""), ("ies", "y")];

/// The singular of a plural role word (lower case) when the rule makes it clear: the word less a
/// plural ending is itself a role word — an occupation by the roles table (listed, or by its
/// agent ending: "managers" → "manager"), a rank or title word of `assets/roadmap.toml`
/// ("captains" → "captain", "deputies" → "deputy") or a role word of `assets/levels.toml`.
/// `None` for a word that is no plural of one ("sales", "analytics", "operations", "boss"),
/// even in a career named by it ("Sales Representative").
pub(super) fn singular_word(vocab: &Vocabulary, word: &str) -> Option<String> {
    if word.ends_with("ss") {
        return None;
    }
    let titles = vocab.role_titles();
    let known = |w: &str| {
        vocab.roles().is_occupation_word(&fold(w))
            || titles.is_rank(w)
            || titles.stage_of(vocab.levels(), w).is_some()
            || vocab.levels().is_role(w)
    };
    PLURAL_ENDINGS.iter().find_map(|(end, with)| {
        let stem = word.strip_suffix(end)?;
        let one = format!("{stem}{with}");
        (stem.chars().count() >= 2 && one != word && known(&one)).then_some(one)
    })
}

/// A role title as one role: its head word — the last, or the one before its joiner ("Heads of
/// department") — in the singular when [`singular_word`] makes it clear ("Training captains" →
/// "Training captain", "Watch Managers" → "Watch Manager"), the rest as written.
pub(super) fn singular_role(vocab: &Vocabulary, role: &str) -> String {
    let words: Vec<(usize, &str)> = role
        .split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let joiner = words
        .iter()
        .position(|(_, w)| JOINERS.contains(&w.to_lowercase().as_str()))
        .filter(|&j| j > 0);
    let Some(&(at, head)) = joiner.map_or(words.last(), |j| words.get(j - 1)) else {
        return role.to_string();
    };
    let plain = head.trim_end_matches(|c: char| !c.is_alphanumeric());
    let lower = plain.to_lowercase();
    let Some(one) = singular_word(vocab, &lower) else {
        return role.to_string();
    };
    // Keep the word's own letters and case: only its ending changes.
    let kept = one
        .chars()
        .zip(lower.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let stem: String = plain.chars().take(kept).collect();
    let added: String = one.chars().skip(kept).collect();
    let added = if plain.chars().all(|c| !c.is_lowercase()) {
        added.to_uppercase()
    } else {
        added
    };
    format!("{}{stem}{added}{}", &role[..at], &role[at + plain.len()..])
}

/// Whether `word` can end a role: an occupation, a role word, a rank title or a word of the
/// career (`career`, from [`career_words`]).
pub(super) fn is_role_word(vocab: &Vocabulary, career: &[String], word: &str) -> bool {
    let word = ungendered(word.trim_matches(|c: char| !c.is_alphanumeric()));
    let w = word.to_lowercase();
    !w.is_empty()
        && (vocab.levels().is_role(&w)
            || vocab.role_titles().is_rank(&w)
            || vocab.roles().is_occupation_word(&fold(&w))
            || career.contains(&singular(&w))
            || is_career_acronym(career, word))
}

/// A word written with its feminine ending after a slash ("Camarero/a", "Director/a",
/// "Encargados/as") as its first form; any other word as it is.
pub(super) fn ungendered(word: &str) -> &str {
    match word.split_once('/') {
        Some((first, ending)) if !first.is_empty() && ["a", "as"].contains(&ending) => first,
        _ => word,
    }
}

/// Most letters of an acronym read as a role ("ATCO").
const MAX_ACRONYM: usize = 6;

/// Whether `word` is an acronym of a grade of the career (`career`, from [`career_words`]): two
/// to six capitals (a plural "s" allowed) that begin with the initials of a career of several
/// words ("RT", "ATCO" of an air traffic controller) or end with the initial of its last word
/// ("PCP", "ACP" of a paramedic): a grade named by letters, as ladders of the trades and health
/// services write them ("Staff RT → Senior RT").
fn is_career_acronym(career: &[String], word: &str) -> bool {
    let letters = word.strip_suffix('s').unwrap_or(word);
    let n = letters.chars().count();
    if !(2..=MAX_ACRONYM).contains(&n) || !letters.chars().all(|c| c.is_ascii_uppercase()) {
        return false;
    }
    let lower = letters.to_ascii_lowercase();
    let initials: String = career.iter().filter_map(|w| w.chars().next()).collect();
    (career.len() >= 2 && lower.starts_with(&initials))
        || career
            .last()
            .and_then(|w| w.chars().next())
            .is_some_and(|c| lower.ends_with(c))
}

/// The role an item opens with and the rest of it: a bold lead, or the words before a dash, a
/// colon, a parenthesis, a comma, a full stop or dot leaders, or the whole item; `None` when
/// those words are no role (see the module docs).
pub(super) fn role_head(
    vocab: &Vocabulary,
    career: &[String],
    item: &str,
) -> Option<(String, String)> {
    let (head, rest) = title_head(vocab, career, item)?;
    let words: Vec<&str> = head.split_whitespace().collect();
    let is_role_word = |w: &str| is_role_word(vocab, career, w);
    let plain = |w: &str| ungendered(w.trim_matches(|c: char| !c.is_alphanumeric())).to_lowercase();
    // A plural whose singular is clear by rule names one role too ("Training captains"): the
    // rung is shown in the singular (`singular_role`).
    let names_one = |w: &str| {
        let lower = plain(w);
        is_role_word(w) && (singular(&lower) == lower || singular_word(vocab, &lower).is_some())
    };
    // The head is the last word, or the word before a level word that follows it ("ATCO
    // Trainee", "Estilista sénior": a grade written after its role).
    let trailing_level = words.len() >= 2
        && !is_role_word(words[words.len() - 1])
        && vocab
            .levels()
            .of_label(&plain(words[words.len() - 1]))
            .is_some();
    let last = if trailing_level {
        words[words.len() - 2]
    } else {
        words.last().copied().unwrap_or_default()
    };
    let joined = words
        .iter()
        .position(|w| JOINERS.contains(&w.to_lowercase().as_str()))
        .filter(|&j| j > 0)
        .is_some_and(|j| names_one(words[j - 1]));
    // Or one of its alternatives names one ("Kitchen porter / trainee", "Executive chef or
    // chef-owner", "Assistant Commissioner, Deputy Commissioner and Commissioner").
    let alternatives = || {
        words
            .split(|w| ALTERNATIVES.contains(&w.to_lowercase().as_str()))
            .filter_map(|alt| alt.last())
            .any(|w| names_one(w))
    };
    // Or its first word names the guide's career, a head written first as Spanish writes it
    // ("TCAE eventual o de bolsa", "TCAE especializado/a en un servicio").
    let career_first = words
        .first()
        .is_some_and(|w| words.len() >= 2 && career.contains(&singular(&plain(w))));
    (names_one(last) || joined || alternatives() || career_first).then_some((head, rest))
}

/// Words between the alternatives one rung names ("Production or shop welder", "Sergeant and
/// senior sergeant"): the choices, then the words that join roles.
pub(super) const ALTERNATIVES: [&str; 6] = ["or", "o", "/", "and", "y", "&"];
/// Of [`ALTERNATIVES`], the choices ("or", "o", "/").
const CHOICES: &[&str] = ALTERNATIVES.split_at(3).0;
/// Of [`ALTERNATIVES`], the words that join roles ("and", "y", "&").
const JOINS: &[&str] = ALTERNATIVES.split_at(3).1;
/// Fewest letters of a rung's title that names no role the vocabulary knows.
const MIN_TITLE_LETTERS: usize = 3;
/// Most words of a rung's title that names no role the vocabulary knows (of each of its
/// alternatives: "Chargehand or site foreman").
const MAX_TITLE_WORDS: usize = 3;

/// The title an item opens with and the rest of it, cut as [`role_head`] cuts it: a short
/// noun phrase in capitals ("Improver", "Owner-operator") that is no action and holds no stop
/// word, whether or not its words name a role.
pub(super) fn title_head(
    vocab: &Vocabulary,
    career: &[String],
    item: &str,
) -> Option<(String, String)> {
    let item = item.trim();
    let (head, rest) = if let Some(inner) = item.strip_prefix("**") {
        let end = inner.find("**")?;
        // A number inside the bold lead numbers the rung ("**1. Trainee (1–2 years).**").
        let number = strip_marker(&inner[..end]);
        let number = if inner.starts_with(|c: char| c.is_ascii_digit()) {
            number
        } else {
            0
        };
        (&inner[number..end], &inner[end + 2..])
    } else {
        let at = [" — ", " – ", " - ", ": ", " (", ", ", ". ", "; ", " .."]
            .iter()
            .filter_map(|s| item.find(s))
            .min()
            .unwrap_or(item.len());
        (&item[..at], &item[at..])
    };
    let head = head.trim().trim_end_matches([':', '.', ',', ';']).trim();
    let head = head[..head.find('(').unwrap_or(head.len())].trim();
    let rest = rest
        .trim_start_matches([' ', ':', '.', ',', ';', '—', '–', '-', '*'])
        .trim();
    let words: Vec<&str> = head.split_whitespace().collect();
    let is_role_word = |w: &str| is_role_word(vocab, career, w);
    // An action ("Review case files"), unless the word after the verb makes it a role ("Master
    // electrician", "Test engineer").
    let action = is_imperative(vocab.roadmap_cues(), head, item)
        && !words.get(1).is_some_and(|w| is_role_word(w));
    // Each of a rung's alternatives is a short noun phrase ("Program manager or director of
    // social work").
    let too_long = words
        .split(|w| ALTERNATIVES.contains(&w.to_lowercase().as_str()))
        .any(|alt| alt.len() > MAX_ROLE_WORDS)
        || words.len() > 2 * MAX_ROLE_WORDS;
    if words.is_empty()
        || too_long
        || !head.starts_with(char::is_uppercase)
        || head.contains(|c: char| c.is_ascii_digit() || "$€£¥".contains(c))
        || action
    {
        return None;
    }
    // A rung names one role: its role word is singular ("Sergeant"), or a plural whose singular
    // is clear ("Sergeants"; "Mentor junior engineers" is an action, above), and a noun phrase
    // holds no stop word or article ("Coordinate with product managers", "Trabajar en el
    // extranjero": Spanish "el" after its joiner is written "del") but its joiner ("Head of
    // department").
    let plain = |w: &str| ungendered(w.trim_matches(|c: char| !c.is_alphanumeric())).to_lowercase();
    let titles = vocab.role_titles();
    // Alternatives of one rung are one role ("Production or shop welder", "Pipe welder or
    // specialist"): the word between two words is no stop word.
    let alternative = |i: usize, w: &str| {
        (1..words.len() - 1).contains(&i) && (ALTERNATIVES.contains(&w) || w.is_empty())
    };
    if words.iter().enumerate().any(|(i, w)| {
        let w = plain(w);
        !alternative(i, &w)
            && (titles.is_stop(&w) || ["a", "an", "the", "el"].contains(&w.as_str()))
    }) {
        return None;
    }
    Some((head.to_string(), rest.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::fixtures::{headed_passage as passage, vocab};

    #[test]
    fn a_rung_line_is_read_past_its_number_or_its_time() {
        let v = vocab();
        let (text, time) = past_label(v, "Years 3-5: Site engineer. Runs a crew.");
        assert_eq!(text, "Site engineer. Runs a crew.");
        assert_eq!(
            time.map(|d| (d.min_years, d.max_years)),
            Some((3.0, Some(5.0)))
        );
        assert_eq!(
            past_label(v, "Level 2 — Apprentice operator. Runs rollers.").0,
            "Apprentice operator. Runs rollers."
        );
        for line in [
            "Technical: scaling.",
            "Senior operator (5+ years)",
            "Level 2",
        ] {
            assert_eq!(past_label(v, line), (line, None), "{line}");
        }
    }

    fn rungs(p: Passage) -> Vec<(Stage, String, Option<String>, u32)> {
        extract_role_ladder(vocab(), &[p])
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

    fn want(
        rows: &[(Stage, &str, Option<&str>, u32)],
    ) -> Vec<(Stage, String, Option<String>, u32)> {
        rows.iter()
            .map(|(s, r, d, l)| (*s, r.to_string(), d.map(str::to_string), *l))
            .collect()
    }

    /// A ladder told as one heading per rung, after a heading naming a cue: each role heading
    /// is a rung, its time the one the text under it gives.
    #[test]
    fn a_heading_per_rung_after_a_ladder_heading() {
        let lines = [
            "### Kitchen porter / trainee",
            "Washing up and basic prep. Often a few months.",
            "### Commis chef",
            "Junior cook under a chef de partie. Expect to spend one to two years here.",
            "### Chef de partie",
            "Runs one section during service. Usually two to three years before stepping up.",
            "### Sous chef",
            "Second in command. Typically three years or so.",
            "### Head chef",
            "Responsible for the menu and the team.",
            "### Where chefs work",
            "Hotels, restaurants and contract caterers.",
        ];
        let got = rungs(passage("Chef", "Climbing the brigade", &lines));
        let roles: Vec<(&str, Option<&str>, u32)> = got
            .iter()
            .map(|(_, r, d, l)| (r.as_str(), d.as_deref(), *l))
            .collect();
        assert_eq!(
            roles,
            [
                ("Kitchen porter / trainee", None, 2),
                ("Commis chef", Some("1–2 years"), 4),
                ("Chef de partie", Some("2–3 years"), 6),
                ("Sous chef", Some("3 years"), 8),
                ("Head chef", None, 10),
            ]
        );
        assert_eq!(got[0].0, Stage::Junior);
        assert_eq!(got[4].0, Stage::Lead);
        // Not after a ladder heading: no ladder.
        assert!(rungs(passage("Chef", "Kitchens", &lines)).is_empty());
    }

    /// A table whose separator row has spaces in it ("--- | ---", as a space-aligned table of a
    /// plain-text guide becomes) keeps its first row a rung.
    #[test]
    fn a_separator_row_with_spaces_keeps_the_first_rung() {
        let p = passage(
            "Dental Hygienist",
            "Career path",
            &[
                "Stage | Time typically spent",
                "--- | ---",
                "New graduate / clinical hygienist | first 2-3 years",
                "Experienced clinical hygienist | 3-10 years",
                "Lead hygienist / clinic manager | after about 5 years",
            ],
        );
        let got: Vec<String> = rungs(p).into_iter().map(|(_, r, _, _)| r).collect();
        assert_eq!(
            got,
            [
                "New graduate / clinical hygienist",
                "Experienced clinical hygienist",
                "Lead hygienist / clinic manager"
            ]
        );
    }

    /// A run most of whose rungs name known roles takes a short title the vocabulary does not
    /// know ("Chargehand or site foreman") as a rung; a top rung naming several roles joined by
    /// "and" is one rung.
    /// A passage whose lines sit at the given source lines (blank lines between paragraphs).
    fn at_lines(career: &str, section: &str, lines: &[(u32, &str)]) -> Passage {
        Passage {
            start_line: 1,
            end_line: lines.last().map_or(1, |(n, _)| *n),
            text: lines.iter().map(|(_, t)| *t).collect::<Vec<_>>().join("\n"),
            line_numbers: lines.iter().map(|(n, _)| *n).collect(),
            ..passage(career, section, &[])
        }
    }

    /// Regression (probe five): a ladder told as paragraphs one blank line apart, each opening
    /// with its rung ("Academy Trainee (3 to 5 months): classroom …"), a sentence going on in a
    /// rung's paragraph, a number inside a bold lead, and a head written first (Spanish order).
    #[test]
    fn paragraphs_each_opening_with_a_rung_are_a_ladder() {
        let p = at_lines(
            "Air Traffic Controller",
            "Career Progression",
            &[
                (
                    3,
                    "Academy Trainee (3 to 5 months): classroom and simulator training.",
                ),
                (
                    5,
                    "Developmental Controller (1 to 3 years): certifying on positions, paid as",
                ),
                (6, "a D1, D2 or D3 as you progress."),
                (
                    8,
                    "Certified Professional Controller (after full certification): all positions.",
                ),
                (
                    9,
                    "Many controllers later bid to transfer to a busier facility.",
                ),
                (
                    11,
                    "Front Line Manager (usually 5+ years as a CPC): supervising a team.",
                ),
            ],
        );
        let got: Vec<(String, u32)> = rungs(p).into_iter().map(|(_, r, _, l)| (r, l)).collect();
        assert_eq!(
            got,
            [
                ("Academy Trainee".to_string(), 3),
                ("Developmental Controller".to_string(), 5),
                ("Certified Professional Controller".to_string(), 8),
                ("Front Line Manager".to_string(), 11),
            ]
        );
        // "**1. Trainee … (1–2 years).** Many graduates …": the number numbers the rung.
        let p = at_lines(
            "Translator",
            "Career development",
            &[
                (2, "Most translators go through recognisable stages:"),
                (
                    3,
                    "**1. Trainee or in-house junior translator (1–2 years).** Many start in an agency.",
                ),
                (
                    5,
                    "**2. Freelance generalist (years 1–4).** You take whatever agencies send.",
                ),
                (
                    7,
                    "**3. Specialist or sworn translator (after about 4–6 years).** You narrow down.",
                ),
                (
                    9,
                    "**4. Agency owner or team lead (10+ years).** Some build an agency.",
                ),
            ],
        );
        let got: Vec<String> = rungs(p).into_iter().map(|(_, r, _, _)| r).collect();
        assert_eq!(
            got,
            [
                "Trainee or in-house junior translator",
                "Freelance generalist",
                "Specialist or sworn translator",
                "Agency owner or team lead",
            ]
        );
        // "**TCAE eventual o de bolsa (primeros 1–4 años).**": the career's name first.
        let p = at_lines(
            "TCAE",
            "Progresión profesional",
            &[
                (
                    3,
                    "**TCAE eventual o de bolsa (primeros 1–4 años).** Contratos de sustitución.",
                ),
                (
                    5,
                    "**TCAE interino/a o con plaza fija (tras 3–8 años).** Tienes estabilidad.",
                ),
                (
                    7,
                    "**Coordinador/a de TCAE (a partir de 8–10 años).** Organiza turnos.",
                ),
            ],
        );
        assert_eq!(rungs(p).len(), 3);
        // A FAQ's "Q:" before a ladder of lines is no rung.
        let p = passage(
            "Driver",
            "Career path",
            &[
                "Q: What does a typical career path look like?",
                "A: Roughly like this:",
                "Student driver (4-8 weeks)",
                "Experienced driver (1-3 years)",
                "Driver trainer (3+ years)",
            ],
        );
        let got: Vec<String> = rungs(p).into_iter().map(|(_, r, _, _)| r).collect();
        assert_eq!(
            got,
            ["Student driver", "Experienced driver", "Driver trainer"]
        );
    }

    /// Regression (probe five): a rung naming two roles of four words each ("Program manager or
    /// director of social work") was too long for a role, and its run no ladder.
    #[test]
    fn each_alternative_of_a_rung_is_a_short_role() {
        let p = passage(
            "Social Worker",
            "Career progression",
            &[
                "1. **Front-line social worker** (years 1–3) – child protection, shelters",
                "2. **Clinical social worker** (after an MSW, usually years 3–7) – counselling",
                "3. **Clinical supervisor or team lead** (after about 5–8 years) – supervising",
                "4. **Program manager or director of social work** (10+ years) – running a program",
            ],
        );
        let got: Vec<String> = rungs(p).into_iter().map(|(_, r, _, _)| r).collect();
        assert_eq!(
            got,
            [
                "Front-line social worker",
                "Clinical social worker",
                "Clinical supervisor or team lead",
                "Program manager or director of social work",
            ]
        );
        // One alternative of seven words is no role.
        let p = passage(
            "Social Worker",
            "Career progression",
            &[
                "1. Front-line social worker",
                "2. Clinical social worker",
                "3. Manager of a large and busy urban social work department",
            ],
        );
        assert!(rungs(p).is_empty());
    }

    #[test]
    fn an_unknown_title_among_roles_and_a_rung_of_joined_roles() {
        let p = passage(
            "Carpenter",
            "Career progression",
            &[
                "1. Apprentice carpenter – 2 to 3 years",
                "2. Improver – 6 to 12 months after finishing the apprenticeship",
                "3. Qualified carpenter – holds a skilled worker card",
                "4. Chargehand or site foreman – typically after 7–10 years",
                "5. **Assistant Commissioner, Deputy Commissioner and Commissioner** – the top",
            ],
        );
        let got: Vec<String> = rungs(p).into_iter().map(|(_, r, _, _)| r).collect();
        assert_eq!(
            got,
            [
                "Apprentice carpenter",
                "Improver",
                "Qualified carpenter",
                "Chargehand or site foreman",
                "Assistant Commissioner, Deputy Commissioner and Commissioner",
            ]
        );
        // Two unknown titles in four, or a title naming a list of things, make no ladder.
        let p = passage(
            "Carpenter",
            "Career progression",
            &[
                "- Apprentice carpenter (2 years)",
                "- Leadhand (1 year)",
                "- Qualified carpenter (3 years)",
                "- Chargehand (5 years)",
            ],
        );
        assert!(rungs(p).is_empty());
        let p = passage(
            "Carpenter",
            "Career progression",
            &[
                "- Apprentice carpenter (2 years)",
                "- Qualified carpenter (3 years)",
                "- Site foreman (5 years)",
                "- Specialization and lateral moves",
            ],
        );
        assert!(rungs(p).is_empty());
    }

    /// Lines in a row under a ladder heading, no list marker, each opening with a role: with
    /// dot leaders before their time ("Staff PA ....... 2-5 years") or their time in brackets.
    #[test]
    fn lines_each_opening_with_a_role_under_a_ladder_heading() {
        let p = passage(
            "Physician Assistant",
            "CAREER LADDER",
            &[
                "New graduate PA ..................... first 1-2 years",
                "Staff PA ............................ 2-5 years",
                "Senior or specialty PA .............. 5-10 years",
                "Director of advanced practice ....... no fixed time",
            ],
        );
        let got: Vec<(Stage, String, Option<String>, u32)> = rungs(p);
        assert_eq!(
            got.iter().map(|g| g.1.as_str()).collect::<Vec<_>>(),
            [
                "New graduate PA",
                "Staff PA",
                "Senior or specialty PA",
                "Director of advanced practice"
            ]
        );
        assert_eq!(got[1].2.as_deref(), Some("2–5 years"));
        assert_eq!(got[0].0, Stage::Junior);
        assert_eq!(got[3].0, Stage::Lead);
        // Not under a ladder heading: lines of roles are no ladder.
        let p = passage(
            "Physician Assistant",
            "Where PAs work",
            &[
                "Staff PA (2-5 years)",
                "Senior PA (5-10 years)",
                "Lead PA (8+ years)",
            ],
        );
        assert!(rungs(p).is_empty());
    }

    /// Items of a plain-text guide wrapped onto short lines, and rungs naming alternatives
    /// ("Production or shop welder").
    #[test]
    fn wrapped_items_naming_alternative_roles() {
        let p = passage(
            "Welder",
            "CAREER LADDER",
            &[
                "1. Welder's helper - 6 to 12 months. Grinding, fire watch, hauling",
                "rod and setting up.",
                "2. Production or shop welder - 1 to 3 years. Repetitive welds on",
                "a production line.",
                "3. Structural or combination welder - 3 to 6 years. Multiple",
                "processes and positions.",
                "4. Pipe welder or specialist - 5+ years. 6G certified.",
            ],
        );
        let got: Vec<(String, Option<String>, u32)> =
            rungs(p).into_iter().map(|(_, r, d, l)| (r, d, l)).collect();
        assert_eq!(
            got,
            [
                (
                    "Welder's helper".to_string(),
                    Some("6–12 months".to_string()),
                    2
                ),
                (
                    "Production or shop welder".into(),
                    Some("1–3 years".into()),
                    4
                ),
                (
                    "Structural or combination welder".into(),
                    Some("3–6 years".into()),
                    6
                ),
                (
                    "Pipe welder or specialist".into(),
                    Some("5+ years".into()),
                    8
                ),
            ]
        );
    }

    #[test]
    fn a_numbered_list_of_role_titles_under_a_progression_heading() {
        let p = passage(
            "Teacher",
            "Career progression",
            &[
                "1. Classroom teacher — plan and teach lessons (2–3 years).",
                "2. Head of department — lead a subject team.",
                "3. Deputy head: runs the timetable and behaviour.",
                "4. Headteacher — leads the whole school.",
            ],
        );
        assert_eq!(
            rungs(p),
            want(&[
                (Stage::Junior, "Classroom teacher", Some("2–3 years"), 2),
                // Three rungs hold a lead title: only the last is the top one.
                (Stage::Mid, "Head of department", None, 3),
                (Stage::Senior, "Deputy head", None, 4),
                (Stage::Lead, "Headteacher", None, 5),
            ])
        );
    }

    #[test]
    fn ranks_without_level_words_spread_over_the_scale_and_hours_are_no_time() {
        let p = passage(
            "Airline Pilot",
            "How pilots climb the ladder",
            &[
                "1. First officer — after the ATPL theory and 1,500 hours.",
                "2. Captain — after 3,000 flight hours and a command course.",
                "3. Training captain — trains new captains (after 5+ years in command).",
                "4. Chief pilot — runs the fleet's pilots.",
            ],
        );
        assert_eq!(
            rungs(p),
            want(&[
                (Stage::Junior, "First officer", None, 2),
                (Stage::Mid, "Captain", None, 3),
                (Stage::Senior, "Training captain", Some("5+ years"), 4),
                (Stage::Lead, "Chief pilot", None, 5),
            ])
        );
    }

    #[test]
    fn a_table_of_ranks_skips_its_header_and_reads_times_from_any_cell() {
        let p = passage(
            "Police Officer",
            "Ranks and promotion",
            &[
                "| Rank | Time before promotion | Pay |",
                "|---|---|---|",
                "| Police constable (PC) | 2 years' probation | £28,000 |",
                "| Sergeant | 3–5 years | £47,000 |",
                "| Inspector | 2–4 years | £58,000 |",
                "| Chief inspector | — | £66,000 |",
            ],
        );
        assert_eq!(
            rungs(p),
            want(&[
                (Stage::Junior, "Police constable", Some("2 years"), 4),
                (Stage::Mid, "Sergeant", Some("3–5 years"), 5),
                (Stage::Senior, "Inspector", Some("2–4 years"), 6),
                (Stage::Lead, "Chief inspector", None, 7),
            ])
        );
    }

    #[test]
    fn an_arrow_chain_after_a_lead_in() {
        let p = passage(
            "Accountant",
            "What accountants do",
            &[
                "Typical career path: Staff accountant → Senior accountant → Accounting manager → Controller → CFO.",
            ],
        );
        let got: Vec<(Stage, String)> = rungs(p).into_iter().map(|r| (r.0, r.1)).collect();
        assert_eq!(
            got,
            [
                (Stage::Junior, "Staff accountant"),
                (Stage::Senior, "Senior accountant"),
                (Stage::Lead, "Accounting manager"),
                (Stage::Lead, "Controller"),
                (Stage::Lead, "CFO"),
            ]
            .map(|(s, r)| (s, r.to_string()))
        );
    }

    /// Rungs named by the career's acronyms ("Staff RT", "PCP"), a grade written after its role
    /// ("ATCO Trainee", "Camarero/a sénior"), a title with its feminine ending after a slash
    /// ("Jefe/a de rango") and a team's leader are roles: each is a rung, none the whole line.
    #[test]
    fn an_arrow_chain_of_acronyms_and_gendered_titles_is_a_ladder() {
        let read = |career: &str, section: &str, line: &str| -> Vec<String> {
            rungs(passage(career, section, &[line]))
                .into_iter()
                .map(|r| r.1)
                .collect()
        };
        assert_eq!(
            read(
                "Respiratory Therapist",
                "Career path",
                "Staff RT → Senior RT → Clinical Specialist → RT Supervisor → Director of Respiratory Care"
            ),
            [
                "Staff RT",
                "Senior RT",
                "Clinical Specialist",
                "RT Supervisor",
                "Director of Respiratory Care"
            ]
        );
        assert_eq!(
            read(
                "Paramedic",
                "Career progression",
                "PCP -> ACP -> CCP -> Field Superintendent -> Deputy Chief"
            ),
            ["PCP", "ACP", "CCP", "Field Superintendent", "Deputy Chief"]
        );
        assert_eq!(
            read(
                "Air Traffic Controller",
                "CAREER PATH",
                "ATCO Trainee -> Student Controller -> Valid ATCO -> Watch Supervisor -> Unit Manager"
            ),
            [
                "ATCO Trainee",
                "Student Controller",
                "Valid ATCO",
                "Watch Supervisor",
                "Unit Manager"
            ]
        );
        assert_eq!(
            read(
                "Camarero",
                "Trayectoria profesional",
                "Ayudante de camarero → Camarero/a → Camarero/a sénior → Jefe/a de rango → Maître"
            ),
            [
                "Ayudante de camarero",
                "Camarero/a",
                "Camarero/a sénior",
                "Jefe/a de rango",
                "Maître"
            ]
        );
        assert_eq!(
            read(
                "Mortgage Adviser",
                "Career progression",
                "Mortgage adviser → Senior mortgage adviser → Team leader → Branch manager"
            ),
            [
                "Mortgage adviser",
                "Senior mortgage adviser",
                "Team leader",
                "Branch manager"
            ]
        );
        // Letters that are no grade of the career are no rungs: certificates are no ladder.
        assert!(read("Network Engineer", "Career path", "CCNA → CCNP → CCIE").is_empty());
        assert_eq!(ungendered("Director/a"), "Director");
        assert_eq!(ungendered("and/or"), "and/or");
    }

    /// A definition list of roles (`<dl>` rendered, or Markdown's "Term" / ": definition"): each
    /// term is a rung, its first included and its title whole, its time from its definition.
    #[test]
    fn a_definition_list_of_roles_is_a_ladder() {
        let md = passage(
            "Audiologist",
            "Career ladder",
            &[
                "Clinical Audiologist",
                ": Runs hearing assessments; most stay here for 2–4 years.",
                "Senior Audiologist",
                ": Takes complex cases.",
                "Head of Audiology",
                ": Manages the department.",
            ],
        );
        assert_eq!(
            rungs(md),
            want(&[
                (Stage::Junior, "Clinical Audiologist", Some("2–4 years"), 2),
                (Stage::Senior, "Senior Audiologist", None, 4),
                (Stage::Lead, "Head of Audiology", None, 6),
            ])
        );
        let html = passage(
            "Sonographer",
            "Career ladder",
            &[
                "Imaging departments grade sonographers like this:",
                "*Sonographer*",
                "Performs general scans under supervision.",
                "*Senior Sonographer*",
                "Scans complex cases; usually after 4–6 years.",
                "*Sonography Services Manager*",
                "Manages the whole service.",
            ],
        );
        assert_eq!(
            rungs(html),
            want(&[
                (Stage::Junior, "Sonographer", None, 3),
                (Stage::Senior, "Senior Sonographer", Some("4–6 years"), 5),
                (Stage::Lead, "Sonography Services Manager", None, 7),
            ])
        );
        // Terms that are no roles (skills) are no ladder.
        let skills = passage(
            "Sonographer",
            "Career ladder",
            &[
                "Anatomy",
                ": Know it well.",
                "Physics",
                ": Know it too.",
                "Patience",
                ": Always.",
            ],
        );
        assert!(rungs(skills).is_empty());
    }

    #[test]
    fn responsibilities_skills_alternatives_and_uncued_lists_are_no_ladders() {
        // A responsibility is no role: the whole run is refused.
        let p = passage(
            "Police Officer",
            "Career progression",
            &[
                "1. Sergeant — supervises a team.",
                "2. Review case files every morning.",
                "3. Inspector — runs a shift.",
            ],
        );
        assert!(rungs(p).is_empty());
        // Duties whose last words are roles: plural, or with a preposition.
        let p = passage(
            "Software Engineer",
            "Career progression",
            &[
                "- Mentor junior engineers",
                "- Coordinate with product managers",
                "- Report to the engineering director",
            ],
        );
        assert!(rungs(p).is_empty());
        // Skills under a progression heading.
        let p = passage(
            "Teacher",
            "Progression",
            &["- Patience", "- Clear communication", "- Subject knowledge"],
        );
        assert!(rungs(p).is_empty());
        // Bulleted alternatives, no times, no title climbing: not ordered.
        let p = passage(
            "Accountant",
            "Career path",
            &["- Tax accountant", "- Forensic accountant", "- Auditor"],
        );
        assert!(rungs(p).is_empty());
        // Roles under a heading that is no ladder cue (a pay table by role).
        let p = passage(
            "Chef",
            "How much do chefs earn?",
            &[
                "| Role | Pay |",
                "|---|---|",
                "| Commis chef | $30,000 |",
                "| Sous chef | $45,000 |",
                "| Head chef | $60,000 |",
            ],
        );
        assert!(rungs(p).is_empty());
    }

    /// Gap 2 of the roadmap: a rung names one role, so a plural title is named in the singular
    /// when the singular is clear by rule; words that merely end in "s" are kept.
    #[test]
    fn plural_role_titles_are_named_in_the_singular() {
        for (role, one) in [
            ("Training captains", "Training captain"),
            ("training captains", "training captain"),
            ("Watch Managers", "Watch Manager"),
            ("Trainee firefighters", "Trainee firefighter"),
            ("Heads of department", "Head of department"),
            ("Chefs de partie", "Chef de partie"),
            ("Deputies", "Deputy"),
            ("Staff nurses", "Staff nurse"),
            ("Business analysts", "Business analyst"),
            ("Sergeants", "Sergeant"),
            ("CAPTAINS", "CAPTAIN"),
            // Already one role, or no plural of a role word.
            ("Captain", "Captain"),
            ("Sales", "Sales"),
            ("Analytics", "Analytics"),
            ("Operations", "Operations"),
            ("Head of Operations", "Head of Operations"),
            ("Director of Sales", "Director of Sales"),
            ("Boss", "Boss"),
            ("Physics", "Physics"),
            // Not even in a career named by it.
            ("Inside Sales", "Inside Sales"),
        ] {
            assert_eq!(singular_role(vocab(), role), one, "{role}");
        }
    }

    #[test]
    fn a_list_of_plural_rank_titles_is_a_ladder() {
        let p = passage(
            "Firefighter",
            "Rank structure",
            &[
                "1. Trainee firefighters — learn on station (2 years).",
                "2. Firefighters — crew members of a watch.",
                "3. Crew managers — take charge of one appliance.",
                "4. Station managers — run one or more stations.",
            ],
        );
        let got: Vec<(Stage, String)> = rungs(p)
            .into_iter()
            .map(|(stage, role, _, _)| (stage, role))
            .collect();
        let want: Vec<(Stage, String)> = [
            (Stage::Junior, "Trainee firefighters"),
            (Stage::Mid, "Firefighters"),
            (Stage::Senior, "Crew managers"),
            (Stage::Lead, "Station managers"),
        ]
        .into_iter()
        .map(|(s, r)| (s, r.to_string()))
        .collect();
        assert_eq!(got, want);
        // Plurals that are no role words make no rungs ("Sales", "Operations").
        let p = passage(
            "Retail",
            "Career progression",
            &["1. Sales", "2. Operations", "3. Analytics"],
        );
        assert!(rungs(p).is_empty());
    }

    /// Shape 4 of the fifth round: an arrow chain whose times are told in the sentences after
    /// it; a sentence naming a rung and a time gives it that time, and the rung is cited to it.
    #[test]
    fn times_told_in_prose_after_an_arrow_chain() {
        let p = passage(
            "Paralegal",
            "Career progression",
            &[
                "Paralegal → Senior paralegal → Paralegal manager → Director of legal operations",
                "After 1–2 years, a paralegal can become a senior paralegal.",
                "Most paralegal managers have 5–8 years behind them; a director of legal operations typically has 10+ years.",
                "A paralegal manager is paid more than 3 years ago.",
                "## Pay",
                "A paralegal earns more after 2 years.",
            ],
        );
        assert_eq!(
            rungs(p),
            want(&[
                (Stage::Junior, "Paralegal", None, 2),
                (Stage::Senior, "Senior paralegal", Some("1–2 years"), 3),
                (Stage::Lead, "Paralegal manager", Some("5–8 years"), 4),
                (
                    Stage::Lead,
                    "Director of legal operations",
                    Some("10+ years"),
                    4
                ),
            ])
        );
        // Named mid-sentence, a plural allowed; the longest role at a place wins.
        let names = ["paralegal".to_string(), "senior paralegal".to_string()];
        assert_eq!(
            named_rungs("Senior paralegals train each paralegal.", &names),
            [(1, 0), (0, 29)]
        );
    }
}
