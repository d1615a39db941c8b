//! Career stages told as prose ("Most start as a junior designer …. After two to three years they
//! become mid-weight designers, then senior designers after five or more years."): in a passage
//! about the career path, each clause that names a level word of the vocabulary
//! (`assets/levels.toml`) with a role word after it (the vocabulary's, or a word of the guide's
//! career name) is a stage, with the time span of the same clause. The least certain shape, so it is read only for a guide whose labels, lists, tables
//! and ladder name no stage (see `gather::extract_guide`).

use std::ops::Range;

use super::durations::parse_durations;
use super::lines::logical_lines;
use super::{Stage, StageCitation, StageEvidence};
use crate::answer::citation::Citation;
use crate::answer::levels::{LevelWords, singular};
use crate::answer::text::{sentences, strip_marker, word_spans};
use crate::corpus::Passage;
use crate::vocab::Vocabulary;

/// Most words between a level word and the role word it qualifies ("mid-weight designers").
const MAX_GAP_WORDS: usize = 2;
/// Most words of a clause that is only a role with its title word last ("a design lead").
const MAX_TITLED_WORDS: usize = 3;

/// The stages a passage about the career path tells in prose, one citation per sentence and
/// stage.
pub fn extract_prose_stages(vocab: &Vocabulary, p: &Passage) -> Vec<StageCitation> {
    let levels = vocab.levels();
    let lines = logical_lines(p);
    let context = &vocab.roadmap_cues().career_context;
    let about_path =
        context.is_match(&p.section) || lines.iter().any(|l| context.is_match(&l.text));
    let mut out: Vec<StageCitation> = Vec::new();
    if !about_path {
        return out;
    }
    let career: Vec<String> = word_spans(&p.career)
        .into_iter()
        .map(|w| singular(&p.career[w].to_lowercase()))
        .collect();
    let is_role = |w: &str| levels.is_role(w) || career.contains(&singular(&w.to_lowercase()));
    for l in lines.iter().filter(|l| !l.heading) {
        let content = l.text[strip_marker(&l.text)..].trim();
        for r in sentences(content) {
            let sentence = &content[r];
            if sentence.contains(['$', '€', '£']) {
                continue;
            }
            let durations = parse_durations(sentence);
            let mut here: Vec<StageCitation> = Vec::new();
            for clause in clauses(sentence) {
                let Some((stage, role)) = stage_in(levels, &is_role, sentence, clause.clone())
                    .or_else(|| titled_clause(vocab, sentence, clause.clone()))
                else {
                    continue;
                };
                let duration = durations
                    .iter()
                    .find(|(d, _)| clause.start <= d.start && d.end <= clause.end)
                    .map(|(_, d)| d.clone());
                match here.iter_mut().find(|c| c.stage == stage) {
                    Some(c) => {
                        c.roles.push(role);
                        if c.duration.is_none() {
                            c.duration = duration;
                        }
                    }
                    None => here.push(StageCitation {
                        stage,
                        evidence: StageEvidence::Path,
                        roles: vec![role],
                        text: sentence.to_string(),
                        duration,
                        cite: Citation::at(p, l.line_of(sentence)),
                    }),
                }
            }
            out.extend(here);
        }
    }
    out
}

/// A sentence's clauses: the runs between commas, semicolons and parentheses.
fn clauses(sentence: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in sentence.char_indices() {
        if matches!(c, ',' | ';' | '(' | ')') {
            out.push(start..i);
            start = i + c.len_utf8();
        }
    }
    out.push(start..sentence.len());
    out.retain(|r| !sentence[r.clone()].trim().is_empty());
    out
}

/// The stage a clause names and its role as written ("mid-weight designers"): the first level
/// word followed, within [`MAX_GAP_WORDS`] words, by a role word; a guarded word ("lead",
/// "head") only right before its role word.
fn stage_in(
    levels: &LevelWords,
    is_role: &dyn Fn(&str) -> bool,
    sentence: &str,
    clause: Range<usize>,
) -> Option<(Stage, String)> {
    let words = word_spans(sentence);
    for m in levels.find(sentence, clause.clone()) {
        let after = words
            .iter()
            .filter(|w| w.start >= m.range.end && w.end <= clause.end);
        // "head of design", "director of nursing": the field follows "of", no role word needed.
        if sentence[m.range.clone()].to_lowercase().ends_with(" of")
            && let Some(field) = after.clone().next()
            && let Some(stage) = Stage::from_level(m.level)
        {
            return Some((stage, sentence[m.range.start..field.end].to_string()));
        }
        let reach = if m.guarded { 1 } else { MAX_GAP_WORDS + 1 };
        let Some(role) = after.take(reach).find(|w| is_role(&sentence[(*w).clone()])) else {
            continue;
        };
        if let Some(stage) = Stage::from_level(m.level) {
            return Some((stage, sentence[m.range.start..role.end].to_string()));
        }
    }
    None
}

/// A clause that is nothing but a role ending in a title word that follows its field ("design
/// lead", "a nurse manager"): at most [`MAX_TITLED_WORDS`] words, the title word last
/// (`trailing` in `assets/roadmap.toml`); its stage is the one its title words name.
fn titled_clause(
    vocab: &Vocabulary,
    sentence: &str,
    clause: Range<usize>,
) -> Option<(Stage, String)> {
    let words: Vec<Range<usize>> = word_spans(sentence)
        .into_iter()
        .filter(|w| clause.start <= w.start && w.end <= clause.end)
        .collect();
    let [.., field, title] = words.as_slice() else {
        return None;
    };
    if words.len() > MAX_TITLED_WORDS
        || !vocab.role_titles().is_trailing(&sentence[title.clone()])
        || vocab.levels().of_label(&sentence[field.clone()]).is_some()
    {
        return None;
    }
    let role = &sentence[field.start..title.end];
    let stage = vocab.role_titles().stage_of(vocab.levels(), role)?;
    Some((stage, role.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::fixtures::{passage_at, vocab};
    use crate::answer::roadmap::DurationKind;

    /// A passage of a paralegal guide, its lines numbered from 2.
    fn passage(section: &str, lines: &[&str]) -> Passage {
        let mut p = passage_at(section, 2, &lines.join("\n"));
        p.career = "Paralegal".into();
        p
    }

    /// A citation as (stage, roles, duration label, duration kind, line).
    type Read = (
        Stage,
        Vec<String>,
        Option<String>,
        Option<DurationKind>,
        u32,
    );

    fn read(p: &Passage) -> Vec<Read> {
        extract_prose_stages(vocab(), p)
            .into_iter()
            .map(|c| {
                (
                    c.stage,
                    c.roles,
                    c.duration.as_ref().map(|d| d.label()),
                    c.duration.map(|d| d.kind),
                    c.cite.line,
                )
            })
            .collect()
    }

    #[test]
    fn a_career_path_told_as_a_paragraph_gives_stages_with_their_times() {
        let p = passage(
            "Career path",
            &[
                "Most people begin as junior paralegals after a certificate (about 9 months). After four or more years they become senior paralegals, and principal specialists lead the largest cases.",
                "From there, some move into practice management (office manager, head of operations).",
            ],
        );
        use DurationKind::ExperienceRequired;
        assert_eq!(
            read(&p),
            vec![
                (
                    Stage::Junior,
                    vec!["junior paralegals".to_string()],
                    None,
                    None,
                    2
                ),
                (
                    Stage::Senior,
                    vec!["senior paralegals".to_string()],
                    Some("4+ years".to_string()),
                    Some(ExperienceRequired),
                    2
                ),
                (
                    Stage::Lead,
                    vec!["principal specialists".to_string()],
                    None,
                    None,
                    2
                ),
                // Roles listed by their titles alone: a field before "manager", after "head of".
                (
                    Stage::Lead,
                    vec![
                        "office manager".to_string(),
                        "head of operations".to_string()
                    ],
                    None,
                    None,
                    3
                ),
            ]
        );
    }

    #[test]
    fn a_hard_wrapped_sentence_is_cited_where_it_starts() {
        let p = passage(
            "Career progression",
            &[
                "Graduates spend their first year on a general ward, rotating through shifts, and then",
                "move on. After two to three years they become mid-level nurses, then senior nurses",
                "after five or more years.",
            ],
        );
        let got = read(&p);
        let stages: Vec<(Stage, Option<String>, u32)> =
            got.into_iter().map(|c| (c.0, c.2, c.4)).collect();
        assert_eq!(
            stages,
            vec![
                (Stage::Mid, Some("2–3 years".to_string()), 3),
                (Stage::Senior, Some("5+ years".to_string()), 3),
            ]
        );
    }

    #[test]
    fn level_words_without_a_role_or_outside_a_career_path_are_not_stages() {
        // "senior management" names no role word; "lead" is a verb here.
        let p = passage(
            "Career path",
            &["Senior management reviews budgets. Principals lead every case."],
        );
        assert!(read(&p).is_empty());
        let p = passage(
            "Working hours",
            &["Junior paralegals often work late after two years."],
        );
        assert!(read(&p).is_empty());
    }
}
