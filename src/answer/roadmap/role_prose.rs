//! A career ladder named by role titles and told in a paragraph under a progression heading:
//! "Once qualified, you work as a classroom teacher. After three to five years many teachers take
//! on extra responsibility as a head of department. … some become a headteacher." Each role
//! comes after an opener of `assets/roadmap.toml` (`[ladder]`: "as", "promoted to", "become"),
//! runs up to punctuation or a stop word, and ends in a role word (`role_ladder::is_role_word`);
//! "or"/"and" joins another role to the same rung ("an assistant headteacher or deputy
//! headteacher"). Every role after the first is told as a move — a time, an order word or an
//! opener that is not a plain "as" before it in its sentence — else the paragraph lists
//! alternatives, not rungs. At least [`MIN_RUNGS`] distinct roles of one passage, in the order
//! the text names them, are the ladder, placed as a list of role titles is (`role_ladder::place`), each cited to the line
//! that names it. A rung's time is the first its part of the sentence gives (between
//! semicolons: "After 3–5 years …, most first officers are promoted to captain; with experience
//! some become training captains" gives the captain's time only), or, when that part names
//! several roles, its own clause's ("…, and after ten or more years some become a headteacher").
//! Under a heading that names no ladder ("CAREER DEVELOPMENT"), one paragraph that tells a
//! whole ladder by itself is one: enough roles, each after the first told as a move, all but one
//! with a time of their own.

use std::ops::Range;

use super::durations::parse_durations;
use super::lines::logical_lines;
use super::role_ladder::{ALTERNATIVES, JOINERS, career_words, is_role_word, place};
use super::table_ladder::cells;
use super::{Duration, Stage, StageCitation, StageEvidence};
use crate::answer::citation::Citation;
use crate::answer::levels::singular;
use crate::answer::text::{sentences, strip_marker, word_spans};
use crate::corpus::Passage;
use crate::vocab::Vocabulary;

/// Fewest roles that make a paragraph a ladder.
pub const MIN_RUNGS: usize = 3;
/// Most rungs a paragraph gives.
const MAX_RUNGS: usize = 8;
/// Most words of a role after its opener (its article left aside).
const MAX_ROLE_WORDS: usize = 5;
/// Articles an opener may be followed by.
const ARTICLES: [&str; 3] = ["a", "an", "the"];

/// One rung as the paragraph tells it.
struct Rung {
    roles: Vec<String>,
    text: String,
    duration: Option<Duration>,
    cite: Citation,
}

/// The stages the paragraphs under a progression heading tell as a ladder of role titles, in
/// line order: the first paragraph section that names enough roles. Else, under any heading, one
/// paragraph that tells a whole ladder by itself ([`told_alone`]).
pub fn extract_role_prose(vocab: &Vocabulary, passages: &[Passage]) -> Vec<StageCitation> {
    let titles = vocab.role_titles();
    for p in passages {
        let career = career_words(p);
        let mut rungs: Vec<Rung> = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        // Whether the heading the line sits under names a ladder (the passage's, or the last
        // heading packed into it), followed line by line.
        let mut cued = titles.is_ladder_cue(&p.section);
        for l in logical_lines(p) {
            let text = l.text.as_str();
            if l.heading {
                cued = titles.is_ladder_cue(text);
                continue;
            }
            if !cued || strip_marker(text) > 0 || cells(text).is_some() {
                continue;
            }
            if !tell(vocab, &career, p, &l, &mut rungs, &mut seen) {
                rungs.clear();
                break;
            }
        }
        if (MIN_RUNGS..=MAX_RUNGS).contains(&rungs.len()) {
            return placed(vocab, rungs);
        }
    }
    // A paragraph under any heading that tells a whole ladder by itself.
    for p in passages {
        let career = career_words(p);
        for l in logical_lines(p) {
            // Only a paragraph with a time for all its rungs but one can tell a ladder alone.
            if l.heading
                || strip_marker(&l.text) > 0
                || cells(&l.text).is_some()
                || parse_durations(&l.text).len() + 1 < MIN_RUNGS
            {
                continue;
            }
            let mut rungs: Vec<Rung> = Vec::new();
            let mut seen: Vec<String> = Vec::new();
            if tell(vocab, &career, p, &l, &mut rungs, &mut seen) && told_alone(&rungs) {
                return placed(vocab, rungs);
            }
        }
    }
    Vec::new()
}

/// Fewest rungs with a time of their own in a paragraph that tells a ladder under a heading that
/// names none: every rung but one ("You start as an apprentice for four years. Once qualified you
/// work as an improver …; after 3–5 years most become a journeyman, and from 8–10 years some
/// become a master plumber.").
fn told_alone(rungs: &[Rung]) -> bool {
    let timed = rungs.iter().filter(|r| r.duration.is_some()).count();
    (MIN_RUNGS..=MAX_RUNGS).contains(&rungs.len()) && timed + 1 >= rungs.len()
}

/// Reads the rungs a paragraph line names into `rungs` (a role `seen` before is no new rung);
/// `false` when a role after the first is not told as a move: the paragraph lists alternatives.
fn tell(
    vocab: &Vocabulary,
    career: &[String],
    p: &Passage,
    l: &super::lines::Line,
    rungs: &mut Vec<Rung>,
    seen: &mut Vec<String>,
) -> bool {
    let text = l.text.as_str();
    for s in sentences(text) {
        let sentence = &text[s.clone()];
        // A role the guide sets in bold is a rung wherever the sentence names it ("The next
        // rung is a **specialist midwife**"); an opener's role inside it is the same one.
        let bold = bold_roles(vocab, career, sentence);
        let mut roles = roles_in(vocab, career, sentence);
        roles.retain(|(r, _)| {
            !bold
                .iter()
                .any(|(b, _)| r.start < b.end + 2 && b.start < r.end + 2)
        });
        roles.extend(bold.iter().cloned());
        roles.sort_by_key(|(r, _)| r.start);
        // A sentence opening with a role its title words place ("Senior service technicians
        // with eight or more years take …") names that rung; a role it names after a plain
        // opener ("… and work as mentors") is what that rung does, not a rung.
        let subject = subject_role(vocab, career, sentence);
        if let Some(first) = &subject {
            roles.insert(0, first.clone());
        }
        let durations = parse_durations(sentence);
        for (k, (span, names)) in roles.iter().enumerate() {
            let key = singular(&names[0].to_lowercase());
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            let part = |at: usize| sentence[..at].matches(';').count();
            let in_part = roles
                .iter()
                .filter(|(r, _)| part(r.start) == part(span.start))
                .count();
            let clause = clause_of(sentence, span.start);
            let duration = durations
                .iter()
                .find(|(d, _)| {
                    if in_part == 1 {
                        part(d.start) == part(span.start)
                    } else {
                        clause.start <= d.start && d.end <= clause.end
                    }
                })
                .map(|(_, d)| d.clone());
            // A rung after the first is told as a move (a subject placed by its title words is,
            // and a role set in bold).
            let placed = (subject.is_some() && k == 0) || bold.iter().any(|(b, _)| b == span);
            if !rungs.is_empty() && !placed && !moves(vocab, &sentence[..span.start]) {
                if subject.is_some() {
                    continue;
                }
                return false;
            }
            rungs.push(Rung {
                roles: names.clone(),
                text: sentence.trim().to_string(),
                duration,
                cite: Citation::at(p, l.line_at(s.start + span.start)),
            });
        }
    }
    true
}

/// The role a sentence opens with when its first word is a title word of a stage
/// (`assets/roadmap.toml`: "Senior service technicians", "Lead technicians"): a rung the title
/// places, told as the sentence's subject with no opener. Its span and its name.
fn subject_role(
    vocab: &Vocabulary,
    career: &[String],
    sentence: &str,
) -> Option<(Range<usize>, Vec<String>)> {
    let words = word_spans(sentence);
    let lower: Vec<String> = words
        .iter()
        .map(|w| sentence[w.clone()].to_lowercase())
        .collect();
    let first = lower.first()?;
    let titles = vocab.role_titles();
    if titles.stage_of(vocab.levels(), first).is_none() || !sentence.starts_with(char::is_uppercase)
    {
        return None;
    }
    let (span, _) = role_at(vocab, career, sentence, &words, &lower, 0)?;
    // More than the title word alone ("Senior roles …" names no rung of its own).
    (span.end > words[0].end).then(|| (span.clone(), vec![sentence[span].to_string()]))
}

/// The rungs on the scale, as a list of role titles is placed (`role_ladder::place`).
fn placed(vocab: &Vocabulary, rungs: Vec<Rung>) -> Vec<StageCitation> {
    let titles = vocab.role_titles();
    let known: Vec<Option<Stage>> = rungs
        .iter()
        .map(|r| {
            r.roles
                .iter()
                .filter_map(|role| titles.stage_of(vocab.levels(), role))
                .max()
        })
        .collect();
    rungs
        .into_iter()
        .zip(place(&known))
        .map(|(r, stage)| StageCitation {
            stage,
            evidence: StageEvidence::Ladder,
            roles: r.roles,
            text: r.text,
            duration: r.duration,
            cite: r.cite,
        })
        .collect()
}

/// Most words of a role set in bold (of all its alternatives).
const MAX_BOLD_WORDS: usize = 8;

/// The roles a sentence sets in bold ("you become a **Band 6 registered midwife**", "the
/// **Head of Midwifery**"), in order: bold text of at most [`MAX_BOLD_WORDS`] words and no
/// amount, one of whose alternatives ("or", "and") ends in a role word or names one before its
/// joiner ("Head of …"). Each with its span (inside the emphasis) and its name.
fn bold_roles(
    vocab: &Vocabulary,
    career: &[String],
    sentence: &str,
) -> Vec<(Range<usize>, Vec<String>)> {
    let marks: Vec<usize> = sentence.match_indices("**").map(|(i, _)| i).collect();
    marks
        .chunks_exact(2)
        .filter_map(|pair| {
            let span = pair[0] + 2..pair[1];
            let inner = sentence[span.clone()].trim();
            let words: Vec<&str> = inner.split_whitespace().collect();
            if words.is_empty()
                || words.len() > MAX_BOLD_WORDS
                || inner.contains(['$', '€', '£', '¥', ':'])
                || !inner.starts_with(|c: char| c.is_alphanumeric())
            {
                return None;
            }
            let names_role = words
                .split(|w| ALTERNATIVES.contains(&w.to_lowercase().as_str()))
                .any(|alt| {
                    alt.last().is_some_and(|w| is_role_word(vocab, career, w))
                        || alt
                            .iter()
                            .position(|w| JOINERS.contains(&w.to_lowercase().as_str()))
                            .filter(|&j| j > 0)
                            .is_some_and(|j| is_role_word(vocab, career, alt[j - 1]))
                });
            names_role.then(|| (span, vec![inner.to_string()]))
        })
        .collect()
}

/// Whether the words before a role in its sentence tell a move to it: a time, an order word
/// ("then", "after") or an opener that is not a plain one ("promoted to", "become").
fn moves(vocab: &Vocabulary, before: &str) -> bool {
    if !parse_durations(before).is_empty() {
        return true;
    }
    let titles = vocab.role_titles();
    let words: Vec<String> = word_spans(before)
        .into_iter()
        .map(|w| before[w].to_lowercase())
        .collect();
    let order = vocab.levels().order_words();
    words.iter().any(|w| order.contains(w))
        || titles.openers().iter().any(|o| {
            !titles.is_plain_opener(o) && words.windows(o.len()).any(|w| w == o.as_slice())
        })
}

/// The clause around byte `at` of `sentence`: the run between commas and semicolons.
fn clause_of(sentence: &str, at: usize) -> Range<usize> {
    let start = sentence[..at].rfind([',', ';']).map_or(0, |i| i + 1);
    let end = sentence[at..]
        .find([',', ';'])
        .map_or(sentence.len(), |i| at + i);
    start..end
}

/// The roles a sentence names after an opener, in order: (where the first starts, the role and
/// the roles joined to it by "or"/"and").
fn roles_in(
    vocab: &Vocabulary,
    career: &[String],
    sentence: &str,
) -> Vec<(Range<usize>, Vec<String>)> {
    let titles = vocab.role_titles();
    let words = word_spans(sentence);
    let lower: Vec<String> = words
        .iter()
        .map(|w| sentence[w.clone()].to_lowercase())
        .collect();
    // Only spaces (and hyphens) between words `a` and `b`: no punctuation ends the phrase.
    let joined = |a: usize, b: usize| {
        sentence[words[a].end..words[b].start]
            .chars()
            .all(|c| c == ' ' || c == '-')
    };
    let mut out: Vec<(Range<usize>, Vec<String>)> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let Some(n) = titles.openers().iter().find_map(|o| {
            let fits = o.len() <= words.len() - i
                && o.iter().zip(&lower[i..]).all(|(a, b)| a == b)
                && (1..o.len()).all(|k| joined(i + k - 1, i + k));
            fits.then_some(o.len())
        }) else {
            i += 1;
            continue;
        };
        if i > 0 && titles.is_not_after(&lower[i - 1]) {
            i += n;
            continue;
        }
        let start = i + n;
        let Some((span, end)) = role_at(vocab, career, sentence, &words, &lower, start) else {
            i += n;
            continue;
        };
        let mut names = vec![sentence[span.clone()].to_string()];
        let mut next = end;
        // "… headteacher or deputy headteacher": another role of the same rung.
        while next < words.len()
            && (lower[next] == "or" || lower[next] == "and")
            && joined(next - 1, next)
        {
            match role_at(vocab, career, sentence, &words, &lower, next + 1) {
                Some((s, e)) => {
                    names.push(sentence[s].to_string());
                    next = e;
                }
                None => break,
            }
        }
        out.push((span, names));
        i = next;
    }
    out
}

/// The role starting at word `start` (an article skipped): the longest run of words, unbroken by
/// punctuation or a stop word, within [`MAX_ROLE_WORDS`], that ends in a role word, or a role word
/// joined to its field ("head of department"); its byte span and the index of the word after it.
fn role_at(
    vocab: &Vocabulary,
    career: &[String],
    sentence: &str,
    words: &[Range<usize>],
    lower: &[String],
    start: usize,
) -> Option<(Range<usize>, usize)> {
    let titles = vocab.role_titles();
    let mut first = start;
    if first < words.len() && ARTICLES.contains(&lower[first].as_str()) {
        first += 1;
    }
    let mut best: Option<usize> = None;
    let mut k = first;
    while k < words.len() && k < first + MAX_ROLE_WORDS {
        if k > first
            && !sentence[words[k - 1].end..words[k].start]
                .chars()
                .all(|c| c == ' ' || c == '-')
        {
            break;
        }
        let w = lower[k].as_str();
        if JOINERS.contains(&w) && k > first && is_role_word(vocab, career, &lower[k - 1]) {
            // "head of department": the field is the one word after the joiner.
            if k + 1 < words.len() {
                best = Some(k + 1);
            }
            break;
        }
        if titles.is_stop(w) || ARTICLES.contains(&w) {
            break;
        }
        if is_role_word(vocab, career, w) {
            best = Some(k);
        }
        k += 1;
    }
    let last = best?;
    Some((words[first].start..words[last].end, last + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::fixtures::{headed_passage as passage, vocab};

    type Got = (Stage, Vec<String>, Option<String>, u32);

    fn rungs(p: Passage) -> Vec<Got> {
        extract_role_prose(vocab(), &[p])
            .into_iter()
            .map(|c| (c.stage, c.roles, c.duration.map(|d| d.label()), c.cite.line))
            .collect()
    }

    fn want(rows: &[(Stage, &[&str], Option<&str>, u32)]) -> Vec<Got> {
        rows.iter()
            .map(|(s, r, d, l)| {
                (
                    *s,
                    r.iter().map(|r| r.to_string()).collect(),
                    d.map(str::to_string),
                    *l,
                )
            })
            .collect()
    }

    /// Regression (probe five): paragraphs setting each rung's role in bold, most of them named
    /// with no opener that tells a move ("The next rung is a **specialist midwife**"), were no
    /// ladder.
    #[test]
    fn roles_set_in_bold_in_progression_paragraphs_are_a_ladder() {
        let p = passage(
            "Midwife",
            "Career progression",
            &[
                "As a **newly qualified midwife** you join a preceptorship programme.",
                "Once preceptorship is complete, you become a **Band 6 registered midwife**.",
                "The next rung is a **specialist midwife or labour ward coordinator** at Band 7.",
                "Some move into management as a **maternity matron** at Band 8a.",
                "At the top of the ladder is the **Head of Midwifery** (Band 8c to 9).",
                "Bold words that are **no role at all** are left alone.",
            ],
        );
        let got: Vec<String> = rungs(p)
            .into_iter()
            .map(|(_, r, _, _)| r[0].clone())
            .collect();
        assert_eq!(
            got,
            [
                "newly qualified midwife",
                "Band 6 registered midwife",
                "specialist midwife or labour ward coordinator",
                "maternity matron",
                "Head of Midwifery",
            ]
        );
    }

    #[test]
    fn a_progression_paragraph_of_role_titles_is_a_ladder() {
        let p = passage(
            "Teacher",
            "Career progression",
            &[
                "Once qualified, you work as a classroom teacher. After three to five years many teachers take on",
                "extra responsibility as a head of department. Experienced teachers can then move into senior",
                "leadership as an assistant headteacher or deputy headteacher, and after ten or more years some",
                "become a headteacher.",
            ],
        );
        assert_eq!(
            rungs(p),
            want(&[
                (Stage::Junior, &["classroom teacher"], None, 2),
                (Stage::Mid, &["head of department"], Some("3–5 years"), 3),
                (
                    Stage::Senior,
                    &["assistant headteacher", "deputy headteacher"],
                    None,
                    4
                ),
                (Stage::Lead, &["headteacher"], Some("10+ years"), 5),
            ])
        );
    }

    /// A rung told as a sentence's subject, placed by its title word ("Senior service
    /// technicians with eight or more years …"), is a rung in its place; a role it names after a
    /// plain "as" is what it does, not a rung, and spoils no ladder.
    #[test]
    fn a_sentence_opening_with_a_placed_role_names_a_rung() {
        let p = passage(
            "Elevator Mechanic",
            "Career progression",
            &[
                "Most techs start as a helper or apprentice. After three to five years you can sit the",
                "exam and work as a licensed mechanic. Senior service technicians with eight or more years",
                "take the hardest jobs and work as mentors to apprentices. Some move up to lead technician",
                "or field supervisor, and a few become service managers.",
            ],
        );
        assert_eq!(
            rungs(p),
            want(&[
                (Stage::Junior, &["helper", "apprentice"], None, 2),
                (Stage::Mid, &["licensed mechanic"], Some("3–5 years"), 3),
                (
                    Stage::Senior,
                    &["Senior service technicians"],
                    Some("8+ years"),
                    3
                ),
                (
                    Stage::Lead,
                    &["lead technician", "field supervisor"],
                    None,
                    4
                ),
                (Stage::Lead, &["service managers"], None, 5),
            ])
        );
    }

    #[test]
    fn a_time_belongs_to_the_role_on_its_side_of_a_semicolon() {
        let p = passage(
            "Airline Pilot",
            "Career progression at an airline",
            &[
                "Pilots join an airline as a first officer. After 3–5 years and a command course, most first",
                "officers are promoted to captain; with experience some become training captains or move into",
                "management as chief pilot.",
            ],
        );
        assert_eq!(
            rungs(p),
            want(&[
                (Stage::Junior, &["first officer"], None, 2),
                (Stage::Mid, &["captain"], Some("3–5 years"), 3),
                (Stage::Senior, &["training captains"], None, 3),
                (Stage::Lead, &["chief pilot"], None, 4),
            ])
        );
    }

    #[test]
    fn too_few_roles_such_as_and_paragraphs_under_other_headings_are_no_ladder() {
        // Two roles only.
        let p = passage(
            "Teacher",
            "Career progression",
            &["You start as a classroom teacher and may become a head of department."],
        );
        assert!(rungs(p).is_empty());
        // "such as" lists examples, not rungs; "as a team" ends in no role.
        let p = passage(
            "Teacher",
            "Career progression",
            &["Work with staff such as teaching assistants, mentors and tutors as a team."],
        );
        assert!(rungs(p).is_empty());
        // Alternatives named by plain openers, not moves.
        let p = passage(
            "Designer",
            "Career progression",
            &[
                "You can work as a freelance designer, as a design consultant, or as a product designer in-house.",
            ],
        );
        assert!(rungs(p).is_empty());
        // The same paragraph under a heading that is no ladder cue.
        let p = passage(
            "Airline Pilot",
            "A day at work",
            &["You fly as a first officer, then as a captain, and some become training captains."],
        );
        assert!(rungs(p).is_empty());
    }

    /// Shape 1 of the fifth round: a paragraph under a heading that names no ladder ("CAREER
    /// DEVELOPMENT") tells one when it names enough roles, each after the first told as a move,
    /// and all but one with a time of their own; a "journeyman" is a rung.
    #[test]
    fn a_paragraph_telling_a_whole_timed_ladder_under_any_heading() {
        let p = passage(
            "Roofer",
            "CAREER DEVELOPMENT",
            &[
                "You start as an apprentice for four years. Once qualified you work as an improver (junior) for a year or two; after 3–5 years most become a journeyman, and from 8–10 years some become a master roofer or run their own business.",
            ],
        );
        assert_eq!(
            rungs(p),
            want(&[
                (Stage::Junior, &["apprentice"], Some("4 years"), 2),
                (Stage::Mid, &["improver"], Some("1–2 years"), 2),
                (Stage::Senior, &["journeyman"], Some("3–5 years"), 2),
                (Stage::Lead, &["master roofer"], Some("8–10 years"), 2),
            ])
        );
        // Too few times: roles named in passing under such a heading are no ladder.
        let p = passage(
            "Roofer",
            "CAREER DEVELOPMENT",
            &[
                "You start as an apprentice for four years. Later you may become a supervisor, and some become a site manager.",
            ],
        );
        assert_eq!(rungs(p), want(&[]));
    }
}
