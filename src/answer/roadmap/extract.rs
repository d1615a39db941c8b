//! Finding roadmap items in a passage: career stages and the roles that name them, lateral
//! moves, learning-path steps and tips, interview and portfolio items, each on its exact line.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::ops::Range;

use once_cell::sync::Lazy;
use regex::Regex;
use serde::Deserialize;

use super::cues::{Cue, RoadmapCues};
use super::durations::{parse_durations, trailing_time};
use super::lines::{Line, line_sections, logical_lines};
use super::path_shapes::{
    action_runs, bold_action_items, item_marker, numbered_step, paragraph_steps, table_steps,
};
use super::step_labels::{StepLabel, shown_step, step_label};
use super::table_ladder::cells;
use super::{
    Citation, Duration, DurationKind, ItemKind, PathStep, RoadmapItem, Stage, StageCitation,
    StageEvidence, StepKind, TrackCitation, TrackMention,
};
use std::sync::Arc;

use crate::analysis::Analyzer;
use crate::answer::matcher::{FormSpec, TermMatcher};
use crate::answer::re;
use crate::answer::text::{sentences, strip_marker};
use crate::corpus::Passage;
use crate::vocab::Vocabulary;

/// Role titles in Title Case ("Senior Database Developer", "Tech Lead", "Chief Technology Officer").
static ROLE_TITLE: Lazy<Regex> = Lazy::new(|| {
    re(
        r"\b(?:(?:Junior|Mid-Level|Mid-level|Senior|Lead|Principal|Staff|Chief|Tech|Technical|Engineering|Software|Solutions|Backend|Back-End|Back-end|Database|Platform|Cloud|DevOps|Data|Full-Stack|Technology|Application|Systems)\s+){1,4}(?:Developer|Engineer|Architect|Manager|Lead|Officer|Director)s?\b|\bCTO\b|\bVP of Engineering\b",
    )
});

/// Roles in running text ("senior positions", "engineering management", "into leadership").
static ROLE_PLAIN: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\b(?P<r>(?:junior|entry[- ]level|mid[- ]level|senior|lead|principal|staff)\s+(?:(?:back[- ]?end|backend|software)\s+)?(?:developers?|engineers?|engineering|roles?|positions?)|(?:engineering|technical)\s+management|software architecture|leadership\s+(?:posts|roles|positions))\b|\binto\s+(?P<r2>leadership(?:\s+(?:posts|roles|positions))?|management)\b",
    )
});

/// "Label: body" after a list marker.
static LABELLED: Lazy<Regex> = Lazy::new(|| re(r"^(?P<label>[^:$|]{2,60}?):\s+(?P<body>\S.*)$"));

/// Header of a plain job-title table with an experience-level column.
static JOB_TITLE_HEADER: Lazy<Regex> =
    Lazy::new(|| re(r"(?i)^(?:job\s+)?titles?\b.*\bexperience\s+level\b"));
/// A row of that table: title, level, focus.
static JOB_TITLE_ROW: Lazy<Regex> = Lazy::new(|| {
    re(
        r"^(?P<title>\S.*?)\s+(?P<lv>Junior|Entry|Mid|Senior|Lead|Principal|Staff)\s+(?P<focus>\S.*)$",
    )
});

/// A section "Skill #2: Database Design" → "Database Design".
static SKILL_SECTION: Lazy<Regex> =
    Lazy::new(|| re(r"(?i)^(?:soft\s+)?skill\s*#?\s*\d+\s*:\s*(?P<name>.+)$"));
fn analysed_term(analyzer: &Analyzer, word: &str) -> String {
    analyzer
        .analyze(word)
        .into_iter()
        .next()
        .map(|t| t.text.to_string())
        .unwrap_or_default()
}

fn has_term(analyzer: &Analyzer, text: &str, term: &str) -> bool {
    analyzer.analyze(text).iter().any(|t| &*t.text == term)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TrackFile {
    track: Vec<TrackSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TrackSpec {
    name: String,
    forms: Vec<FormSpec>,
}

/// The lateral-move tracks (data: `assets/tracks.toml`, the skills lexicon's format).
#[derive(Debug, Clone)]
pub struct Tracks {
    names: Vec<String>,
    matcher: TermMatcher,
}

impl Tracks {
    /// Parses a track table and compiles its forms with `analyzer`.
    ///
    /// # Errors
    /// When the TOML is invalid or a form has no searchable word.
    pub fn from_toml(text: &str, analyzer: &Arc<Analyzer>) -> Result<Tracks, String> {
        let file: TrackFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let entries: Vec<(String, Vec<FormSpec>)> =
            file.track.into_iter().map(|t| (t.name, t.forms)).collect();
        Ok(Tracks {
            names: entries.iter().map(|(n, _)| n.clone()).collect(),
            matcher: TermMatcher::new(&entries, analyzer)?,
        })
    }

    /// The tracks' names.
    pub fn names(&self) -> &[String] {
        &self.names
    }
}

/// Longest list item (in words) read as a role or track name.
const MAX_ROLE_WORDS: usize = 8;

/// A line's content after its list marker.
fn content(text: &str) -> &str {
    text[item_marker(text)..].trim()
}

/// A list item: a line with a bullet or number, or a short line (≤ 10 words) that does not end
/// like a sentence or a lead-in.
fn item_text(l: &Line) -> Option<&str> {
    if l.heading {
        return None;
    }
    let marked = item_marker(l.text.as_str()) > 0;
    let c = content(l.text.as_str());
    if c.is_empty() || c.ends_with(':') {
        return None;
    }
    let words = c.split_whitespace().count();
    if marked || (words <= 10 && !c.ends_with(['.', '!', '?', '"', '”'])) {
        Some(c)
    } else {
        None
    }
}

/// Prose: a line ending like a sentence, or a long one.
fn is_prose(l: &Line) -> bool {
    let c = content(l.text.as_str());
    // A table's row is no prose, however many words its cells hold.
    !l.heading
        && cells(l.text.as_str()).is_none()
        && (c.ends_with(['.', '!', '?', '"', '”']) || c.split_whitespace().count() >= 12)
}

/// A line (or heading) that introduces a list: matches `cue` and is a heading, ends with `:`, or
/// is short without a final period.
fn is_cue_line(l: &Line, cue: &Cue) -> bool {
    let c = content(l.text.as_str());
    // The shape first: most lines are prose, and the shape is cheaper to read than the cue.
    (l.heading
        || c.ends_with(':')
        || (c.split_whitespace().count() <= 8 && !c.ends_with(['.', '!', '?'])))
        && cue.is_match(c)
}

/// Lists introduced by `cue`: (index of the cue line, indices of its items).
fn lists(lines: &[Line], cue: &Cue) -> Vec<(usize, Vec<usize>)> {
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if !is_cue_line(l, cue) {
            continue;
        }
        let items: Vec<usize> = (i + 1..lines.len())
            .take_while(|&j| item_text(&lines[j]).is_some())
            .collect();
        if !items.is_empty() {
            out.push((i, items));
        }
    }
    out
}

/// The sentences of a line's content, as text.
fn line_sentences(text: &str) -> Vec<&str> {
    let c = content(text);
    sentences(c).into_iter().map(|r| &c[r]).collect()
}

/// Whether `sentence` opens with a capitalised imperative verb (`assets/roadmap_cues.toml`): one
/// of `imperatives`, or one of `ambiguous_imperatives` ("Trabaja", "Busca": also the third person)
/// where the sentence or its `paragraph` speaks to the reader — a word of `reader_words`, or a
/// sentence opening with one of `imperatives`.
pub(super) fn is_imperative(cues: &RoadmapCues, sentence: &str, paragraph: &str) -> bool {
    let Some(first) = opening_verb(cues, sentence) else {
        return false;
    };
    cues.is_imperative_verb(first)
        || (cues.is_ambiguous_imperative(first)
            && (cues.names_the_reader(sentence)
                || cues.names_the_reader(paragraph)
                || line_sentences(paragraph)
                    .into_iter()
                    .filter_map(first_word)
                    .any(|w| cues.is_imperative_verb(w))))
}

/// The word a step's sentence opens with as its verb: the first past an order word ("Then enroll
/// …" → "enroll"), else its first word when capitalised.
fn opening_verb<'a>(cues: &RoadmapCues, sentence: &'a str) -> Option<&'a str> {
    past_opener(cues, sentence).or_else(|| first_word(sentence))
}

/// Marks a sentence may open with before its first word: quotes, emphasis, Spanish opening
/// marks.
const OPENING_MARKS: [char; 8] = ['"', '“', '‘', '\'', '*', '_', '¡', '¿'];

/// Most words between a step's opening order word and the comma that ends its phrase ("After
/// finishing school, apply …").
const MAX_OPENER_WORDS: usize = 4;

/// The first word after an order word a sentence opens with ("First, finish …" → "finish",
/// "Then enroll …" → "enroll", "After that, get …" → "get"), or after the comma that ends the
/// opening phrase within [`MAX_OPENER_WORDS`] words.
fn past_opener<'a>(cues: &RoadmapCues, sentence: &'a str) -> Option<&'a str> {
    let text = sentence.trim_start().trim_start_matches(OPENING_MARKS);
    let opener = cues.step_openers.find(text).filter(|m| m.start == 0)?;
    let rest = &text[opener.end..];
    let rest = match rest.find(',') {
        Some(at) if rest[..at].split_whitespace().count() <= MAX_OPENER_WORDS => &rest[at + 1..],
        _ => rest,
    };
    let word = rest
        .trim_start()
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    (!word.is_empty()).then_some(word)
}

/// The first word of a sentence when it is capitalised, past opening quotes, emphasis and
/// Spanish opening marks.
fn first_word(sentence: &str) -> Option<&str> {
    let first = sentence
        .trim_start_matches(OPENING_MARKS)
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    first
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
        .then_some(first)
}

/// The stage a role phrase names, if any: the highest stage its title words name
/// (`assets/roadmap.toml`), those the level table's exceptions rule out left aside ("staff nurse"
/// names no stage; "Staff Engineer" is lead).
pub fn classify_role(vocab: &Vocabulary, role: &str) -> Option<Stage> {
    vocab.role_titles().stage_of(vocab.levels(), role)
}

/// Role phrases in a sentence (title-case titles and running-text roles), without overlaps.
fn role_phrases(vocab: &Vocabulary, sentence: &str) -> Vec<(Range<usize>, Stage)> {
    let mut found: Vec<Range<usize>> = ROLE_TITLE.find_iter(sentence).map(|m| m.range()).collect();
    for c in ROLE_PLAIN.captures_iter(sentence) {
        if let Some(m) = c.name("r").or_else(|| c.name("r2")) {
            found.push(m.range());
        }
    }
    found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out: Vec<(Range<usize>, Stage)> = Vec::new();
    for r in found {
        if out.last().is_some_and(|(last, _)| r.start < last.end) {
            continue;
        }
        if let Some(stage) = classify_role(vocab, &sentence[r.clone()]) {
            out.push((r, stage));
        }
    }
    out
}

/// Whether a duration at `at` in `sentence` and some role of `roles` share a part of it between
/// semicolons ("After 3–5 years …, most are promoted to captain; some become chief pilot": the
/// time is not the chief pilot's).
fn shares_part(sentence: &str, at: &Range<usize>, roles: &[Range<usize>]) -> bool {
    let part = |i: usize| sentence[..i].matches(';').count();
    roles.iter().any(|r| part(r.start) == part(at.start))
}

/// Every guide line about a career stage in a passage (see the module docs).
pub fn extract_stages(vocab: &Vocabulary, p: &Passage) -> Vec<StageCitation> {
    let cues = vocab.roadmap_cues();
    let lines = logical_lines(p);
    let career = cues.career_context.is_match(&p.section)
        || lines
            .iter()
            .any(|l| cues.career_context.is_match(l.text.as_str()));
    let mut out: Vec<StageCitation> = Vec::new();
    let mut used: HashSet<usize> = HashSet::new();
    let mut push = |c: StageCitation| {
        if !out.contains(&c) {
            out.push(c);
        }
    };

    // (a) Labelled stage lines in a career-progression passage.
    for (i, l) in lines.iter().enumerate() {
        if !career || l.heading {
            continue;
        }
        let body_of = content(l.text.as_str());
        let Some(c) = LABELLED.captures(body_of) else {
            continue;
        };
        let label = c.name("label").expect("group").as_str().trim();
        let body = c.name("body").expect("group").as_str().trim();
        let Some(stage) = classify_role(vocab, label) else {
            continue;
        };
        if label.split_whitespace().count() > 7 || body.contains(['$', '€', '£']) {
            continue;
        }
        let mut roles = vec![label.to_string()];
        for s in sentences(body) {
            let sentence = &body[s];
            if cues.progression.is_match(sentence) {
                for (r, st) in role_phrases(vocab, sentence) {
                    let role = sentence[r].to_string();
                    if st == stage && !roles.contains(&role) {
                        roles.push(role);
                    }
                }
            }
        }
        let duration = parse_durations(body).into_iter().next().map(|(_, d)| d);
        used.insert(i);
        push(StageCitation {
            stage,
            evidence: StageEvidence::Described,
            roles,
            text: body.to_string(),
            duration,
            cite: Citation::at(p, l.line),
        });
    }

    // (b) Lists of roles under a career-progression line.
    for (_, items) in lists(&lines, &cues.career_list) {
        for j in items {
            let item = item_text(&lines[j]).expect("listed items are items");
            if used.contains(&j)
                || item.split_whitespace().count() > MAX_ROLE_WORDS
                || item.contains(['$', '€', '£'])
            {
                continue;
            }
            used.insert(j);
            if let Some(stage) = classify_role(vocab, item) {
                push(StageCitation {
                    stage,
                    evidence: StageEvidence::Path,
                    roles: vec![item.to_string()],
                    text: item.to_string(),
                    duration: None,
                    cite: Citation::at(p, lines[j].line),
                });
            }
        }
    }

    // (d) A job-title table with an experience-level column.
    if let Some(h) = lines
        .iter()
        .position(|l| JOB_TITLE_HEADER.is_match(l.text.as_str()))
    {
        for (j, l) in lines.iter().enumerate().skip(h + 1) {
            let Some(c) = JOB_TITLE_ROW.captures(l.text.as_str()) else {
                break;
            };
            let Some(stage) = classify_role(vocab, &c["lv"]) else {
                break;
            };
            used.insert(j);
            push(StageCitation {
                stage,
                evidence: StageEvidence::JobTitle,
                roles: vec![c["title"].trim().to_string()],
                text: l.text.as_str().trim().to_string(),
                duration: None,
                cite: Citation::at(p, l.line),
            });
        }
    }

    // (c) and (e): sentences naming roles on a career path, and times to qualify.
    for (i, l) in lines.iter().enumerate() {
        if l.heading || used.contains(&i) {
            continue;
        }
        for sentence in line_sentences(l.text.as_str()) {
            if sentence.contains(['$', '€', '£']) {
                continue;
            }
            let timed = parse_durations(sentence).into_iter().next();
            let duration = timed.as_ref().map(|(_, d)| d.clone());
            let cue = cues.progression.is_match(sentence);
            let roles = role_phrases(vocab, sentence);
            let stages: BTreeSet<Stage> = roles.iter().map(|(_, s)| *s).collect();
            if cue && !roles.is_empty() {
                let spans: Vec<Range<usize>> = roles.iter().map(|(r, _)| r.clone()).collect();
                let duration = timed
                    .filter(|(at, _)| stages.len() == 1 && shares_part(sentence, at, &spans))
                    .map(|(_, d)| d);
                for &stage in &stages {
                    let names = roles
                        .iter()
                        .filter(|(_, s)| *s == stage)
                        .map(|(r, _)| sentence[r.clone()].to_string())
                        .collect();
                    push(StageCitation {
                        stage,
                        evidence: StageEvidence::Path,
                        roles: names,
                        text: sentence.to_string(),
                        duration: duration.clone(),
                        cite: Citation::at(p, l.line_of(sentence)),
                    });
                }
            } else if let Some(d) = duration {
                if d.kind == DurationKind::ToQualify && roles.is_empty() {
                    // A time for only some of those qualifying is no time of the stage.
                    if cues.some_only.is_match(sentence) {
                        continue;
                    }
                    push(StageCitation {
                        stage: Stage::Junior,
                        evidence: StageEvidence::TimeToQualify,
                        roles: Vec::new(),
                        text: sentence.to_string(),
                        duration: Some(d),
                        cite: Citation::at(p, l.line_of(sentence)),
                    });
                } else if stages.len() == 1 {
                    let stage = *stages.iter().next().expect("one stage");
                    push(StageCitation {
                        stage,
                        evidence: StageEvidence::Described,
                        roles: roles
                            .iter()
                            .map(|(r, _)| sentence[r.clone()].to_string())
                            .collect(),
                        text: sentence.to_string(),
                        duration: Some(d),
                        cite: Citation::at(p, l.line_of(sentence)),
                    });
                }
            }
        }
    }
    out
}

/// Every lateral move or specialisation named in a passage (see the module docs).
pub fn extract_lateral_moves(vocab: &Vocabulary, p: &Passage) -> Vec<TrackMention> {
    let (tracks, cues) = (vocab.tracks(), vocab.roadmap_cues());
    let lines = logical_lines(p);
    let mut out: Vec<TrackMention> = Vec::new();
    let mut push = |track: usize, surface: &str, text: &str, line: u32| {
        let m = TrackMention {
            track: tracks.names[track].clone(),
            citation: TrackCitation {
                surface: surface.to_string(),
                text: text.to_string(),
                cite: Citation::at(p, line),
            },
        };
        if !out
            .iter()
            .any(|o| o.track == m.track && o.citation.cite.line == line)
        {
            out.push(m);
        }
    };
    let mut listed = HashSet::new();
    for (_, items) in lists(&lines, &cues.career_list) {
        for j in items {
            let item = item_text(&lines[j]).expect("listed items are items");
            if item.split_whitespace().count() > MAX_ROLE_WORDS {
                continue;
            }
            listed.insert(j);
            for h in tracks.matcher.find(item) {
                push(h.entry, &item[h.start..h.end], item, lines[j].line);
            }
        }
    }
    for (i, l) in lines.iter().enumerate() {
        if l.heading || listed.contains(&i) {
            continue;
        }
        for sentence in line_sentences(l.text.as_str()) {
            if !cues.lateral.is_match(sentence) {
                continue;
            }
            for h in tracks.matcher.find(sentence) {
                push(
                    h.entry,
                    &sentence[h.start..h.end],
                    sentence,
                    l.line_of(sentence),
                );
            }
        }
    }
    out
}

/// The learning-path steps and tips of a passage (see the module docs); the level words label a
/// step told in order.
pub fn extract_steps(vocab: &Vocabulary, p: &Passage) -> Vec<PathStep> {
    let (levels, cues) = (vocab.levels(), vocab.roadmap_cues());
    let lines = logical_lines(p);
    // Each line is read under the heading it sits under (one packed into the passage, else the
    // passage's own): a learning-path section, a tips section, or neither. Interview tips are
    // interview advice (see `extract_interview_items`), not the path's.
    let sections = line_sections(p, &lines);
    let kind_under = |section: &str| -> Option<StepKind> {
        if cues.path.is_match(section) || cues.path_headings.is_match(section) {
            Some(StepKind::Step)
        } else if cues.tips.is_match(section) && !cues.interview_tips.is_match(section) {
            Some(StepKind::Tip)
        } else {
            None
        }
    };
    // Lines under one heading share its kind: each heading is read once.
    let mut kinds: Vec<Option<StepKind>> = Vec::with_capacity(lines.len());
    for (i, section) in sections.iter().enumerate() {
        let kind = match i.checked_sub(1) {
            Some(prev) if std::ptr::eq(sections[prev], *section) => kinds[prev],
            _ => kind_under(section),
        };
        kinds.push(kind);
    }
    let mut out: Vec<PathStep> = Vec::new();
    let mut orders: HashMap<String, u32> = HashMap::new();
    // An item of a path's list is a step whatever it says ("Register with the regulator"), but
    // for the words that always sell (`promo_in_steps`).
    let mut push =
        |kind: StepKind, text: &str, list: &str, line: u32, item: bool, time: Option<Duration>| {
            let promo = if item && kind == StepKind::Step {
                &cues.promo_in_steps
            } else {
                &cues.promo
            };
            if promo.is_match(text) || out.iter().any(|s| s.cite.line == line && s.text == text) {
                return;
            }
            let order = orders.entry(list.to_string()).or_insert(0);
            *order += 1;
            // A time label ("Year 1: …"), else the step's own time at its end ("… (3 years).").
            let duration = time.or_else(|| match step_label(levels, text) {
                Some(StepLabel::Time(d)) => Some(d),
                _ => trailing_time(text),
            });
            out.push(PathStep {
                order: *order,
                kind,
                text: text.to_string(),
                duration,
                list: list.to_string(),
                cite: Citation::at(p, line),
            });
        };
    let mut listed = HashSet::new();
    for (cue, items) in lists(&lines, &cues.path) {
        let list = content(lines[cue].text.as_str())
            .trim_end_matches(':')
            .trim();
        for j in items {
            listed.insert(j);
            let item = item_text(&lines[j]).expect("listed items are items");
            push(StepKind::Step, item, list, lines[j].line, true, None);
        }
    }
    for (i, l) in lines.iter().enumerate() {
        if l.heading || listed.contains(&i) {
            continue;
        }
        let (section, Some(kind)) = (sections[i], kinds[i]) else {
            continue;
        };
        // A bulleted or numbered item is whole: a step of a path (its list may have started in
        // the passage before), or a tip.
        if item_marker(l.text.as_str()) > 0
            && let Some(item) = item_text(l)
        {
            push(kind, item, section, l.line, true, None);
        } else if kind == StepKind::Step
            && let Some(label) = step_label(levels, content(l.text.as_str()))
        {
            // "Year 1: …", "Then: …", "Years 1-4   Earn …": a step of the path, whole, with
            // the time its label gives.
            let time = match label {
                StepLabel::Time(d) => Some(d),
                StepLabel::Order => None,
            };
            let shown = shown_step(content(l.text.as_str()));
            push(kind, &shown, section, l.line, true, time);
        } else if kind == StepKind::Step
            && let Some(step) = numbered_step(levels, l.text.as_str())
        {
            // "Step 1. Check …": a step of the path, its number left out.
            push(kind, step.trim(), section, l.line, true, None);
        } else if is_prose(l) {
            for sentence in line_sentences(l.text.as_str()) {
                if is_imperative(cues, sentence, l.text.as_str()) {
                    push(kind, sentence, section, l.line_of(sentence), false, None);
                }
            }
        }
    }
    // A numbered list of actions in bold ("1. **Finish your degree.** You can apply …") is a
    // path under any heading but a tips, interview or portfolio one.
    let free = |i: usize| {
        kinds[i].is_none()
            && !cues.interview_word.is_match(sections[i])
            && !cues.portfolio_list.is_match(sections[i])
    };
    let is_action = |lead: &str| is_imperative(cues, lead, lead);
    for j in bold_action_items(&lines, free, is_action) {
        if let Some(item) = item_text(&lines[j]) {
            push(StepKind::Step, item, sections[j], lines[j].line, true, None);
        }
    }
    // Steps told as actions one after another ("1. Get a CAP …", "**Find a mentor.** …") under
    // such a heading, when they name training; a Spanish infinitive opens a step too.
    let english = |w: &str| vocab.analyzer().in_dictionary(w);
    let opens_action = |sentence: &str| {
        is_action(sentence)
            || opening_verb(cues, sentence).is_some_and(|w| cues.is_infinitive(w, english))
    };
    let names_training = |text: &str| cues.training.is_match(text);
    for step in action_runs(&lines, free, opens_action, names_training) {
        let j = step.at;
        if let Some(text) = step.lead.as_deref().or_else(|| item_text(&lines[j])) {
            push(StepKind::Step, text, sections[j], lines[j].line, true, None);
        }
    }
    let in_path = |i: usize| kinds[i] == Some(StepKind::Step);
    // A table of the path's steps with their times ("| Step | Duration |").
    for (i, step, time) in table_steps(cues, &lines, in_path) {
        push(
            StepKind::Step,
            &step,
            sections[i],
            lines[i].line,
            true,
            time,
        );
    }
    // Paragraphs each telling the next step ("Graduates then register with …").
    let paragraph = |i: usize| {
        let l = &lines[i];
        let text = l.text.as_str();
        in_path(i)
            && is_prose(l)
            && item_marker(text) == 0
            && cells(text).is_none()
            && numbered_step(levels, text).is_none()
            && step_label(levels, content(text)).is_none()
    };
    let opens_step = |sentence: &str| is_imperative(cues, sentence, sentence);
    for (i, sentence) in paragraph_steps(levels, &lines, paragraph, opens_step) {
        push(
            StepKind::Step,
            sentence,
            sections[i],
            lines[i].line_of(sentence),
            false,
            None,
        );
    }
    out
}

/// What a passage says interviews include (see the module docs).
pub fn extract_interview_items(vocab: &Vocabulary, p: &Passage) -> Vec<RoadmapItem> {
    let cues = vocab.roadmap_cues();
    let lines = logical_lines(p);
    let about_interviews =
        cues.interview_word.is_match(&p.section) || cues.interview_word.is_match(&p.text);
    let skill_label = SKILL_SECTION
        .captures(&p.section)
        .map(|c| c["name"].trim().to_string());
    let mut out: Vec<RoadmapItem> = Vec::new();
    let mut push = |kind: ItemKind, label: Option<String>, text: &str, line: u32| {
        let item = RoadmapItem {
            kind,
            label,
            text: text.to_string(),
            cite: Citation::at(p, line),
        };
        if !out.contains(&item) {
            out.push(item);
        }
    };
    let mut listed = HashSet::new();
    let mut advice_from: Option<usize> = None;
    for (cue, items) in lists(&lines, &cues.interview_list) {
        listed.insert(cue);
        for &j in &items {
            listed.insert(j);
            let item = item_text(&lines[j]).expect("listed items are items");
            push(ItemKind::InterviewFormat, None, item, lines[j].line);
        }
        advice_from = items.last().map(|&j| j + 1);
    }
    // Under a heading about interview tips (one packed into the passage, else the passage's
    // own), every bulleted item is a tip, and so is every imperative sentence.
    let sections = line_sections(p, &lines);
    let mut tips_at: Vec<bool> = Vec::with_capacity(lines.len());
    for (i, section) in sections.iter().enumerate() {
        let tips = match i.checked_sub(1) {
            Some(prev) if std::ptr::eq(sections[prev], *section) => tips_at[prev],
            _ => cues.interview_tips.is_match(section),
        };
        tips_at.push(tips);
    }
    for (i, l) in lines.iter().enumerate() {
        if !tips_at[i] || listed.contains(&i) || strip_marker(l.text.as_str()) == 0 {
            continue;
        }
        if let Some(item) = item_text(l).filter(|t| !cues.promo.is_match(t)) {
            listed.insert(i);
            push(ItemKind::InterviewAdvice, None, item, l.line);
        }
    }
    let advice_at = |i: usize| tips_at[i] || advice_from.is_some_and(|from| i >= from);
    for (i, l) in lines.iter().enumerate() {
        if l.heading || listed.contains(&i) || !is_prose(l) {
            continue;
        }
        for sentence in line_sentences(l.text.as_str()) {
            if cues.promo.is_match(sentence) {
                continue;
            }
            if cues.pitfall.is_match(sentence) && about_interviews {
                push(
                    ItemKind::InterviewPitfall,
                    None,
                    sentence,
                    l.line_of(sentence),
                );
            } else if cues.this_skill.is_match(sentence) {
                push(
                    ItemKind::InterviewEvaluation,
                    skill_label.clone(),
                    sentence,
                    l.line_of(sentence),
                );
            } else if let Some(round) = cues.round.find(sentence).filter(|r| {
                cues.eval_verb
                    .find_iter(sentence)
                    .iter()
                    .any(|v| v.end <= r.start || v.start >= r.end)
            }) {
                push(
                    ItemKind::InterviewRound,
                    Some(sentence[round].to_string()),
                    sentence,
                    l.line_of(sentence),
                );
            } else if cues.interview_word.is_match(sentence) && cues.eval_verb.is_match(sentence) {
                push(
                    ItemKind::InterviewEvaluation,
                    None,
                    sentence,
                    l.line_of(sentence),
                );
            } else if advice_at(i) && is_imperative(cues, sentence, l.text.as_str()) {
                push(
                    ItemKind::InterviewAdvice,
                    None,
                    sentence,
                    l.line_of(sentence),
                );
            }
        }
    }
    out
}

/// What a passage says a portfolio and resume should show (see the module docs).
pub fn extract_portfolio_items(vocab: &Vocabulary, p: &Passage) -> Vec<RoadmapItem> {
    let (analyzer, cues) = (vocab.analyzer().as_ref(), vocab.roadmap_cues());
    let resume_term = analysed_term(analyzer, "resume");
    let portfolio_term = analysed_term(analyzer, "portfolio");
    let lines = logical_lines(p);
    let resume_section = has_term(analyzer, &p.section, &resume_term);
    let portfolio_section = has_term(analyzer, &p.section, &portfolio_term);
    let mut out: Vec<RoadmapItem> = Vec::new();
    let mut push = |kind: ItemKind, text: &str, line: u32| {
        let item = RoadmapItem {
            kind,
            label: None,
            text: text.to_string(),
            cite: Citation::at(p, line),
        };
        if !out.contains(&item) {
            out.push(item);
        }
    };
    let mut listed = HashSet::new();
    for (cue, items) in lists(&lines, &cues.portfolio_list) {
        listed.insert(cue);
        let kind = if cues.example.is_match(lines[cue].text.as_str()) {
            ItemKind::ExampleProject
        } else {
            ItemKind::PortfolioInclude
        };
        for j in items {
            listed.insert(j);
            let item = item_text(&lines[j]).expect("listed items are items");
            push(kind, item, lines[j].line);
        }
    }
    for (i, l) in lines.iter().enumerate() {
        if l.heading || listed.contains(&i) || is_cue_line(l, &cues.portfolio_list) {
            continue;
        }
        let prose = is_prose(l);
        // The line is analysed once; a sentence holds a term when one of the line's terms lies
        // within it.
        let c = content(l.text.as_str());
        let terms = analyzer.analyze(c);
        for r in sentences(c) {
            let sentence = &c[r.clone()];
            if cues.promo.is_match(sentence) {
                continue;
            }
            let holds = |term: &str| {
                terms
                    .iter()
                    .any(|t| t.start >= r.start && t.end <= r.end && &*t.text == term)
            };
            let (resume, portfolio) = (holds(&resume_term), holds(&portfolio_term));
            if resume || (resume_section && prose) {
                push(ItemKind::ResumeTip, sentence, l.line_of(sentence));
            } else if portfolio
                || (portfolio_section && prose)
                || (cues.showcase.is_match(sentence) && cues.projects.is_match(sentence))
            {
                push(ItemKind::PortfolioAdvice, sentence, l.line_of(sentence));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passage_in(section: &str, start_line: u32, text: &str) -> Passage {
        let n = text.split('\n').count() as u32;
        Passage {
            source: "t.txt".into(),
            title: "Test guide".into(),
            career: String::new(),
            section: section.into(),
            url: None,
            start_line,
            end_line: 10 + n - 1,
            text: text.into(),
            line_numbers: (10..10 + n).collect(),
        }
    }

    #[test]
    fn roles_classify_to_stages() {
        for (role, stage) in [
            ("Junior Back-End Developer", Some(Stage::Junior)),
            ("entry-level roles", Some(Stage::Junior)),
            ("Mid-Level Developer", Some(Stage::Mid)),
            ("Senior Back-End Developer", Some(Stage::Senior)),
            ("Senior Engineer", Some(Stage::Senior)),
            ("senior engineering", Some(Stage::Senior)),
            ("Software Architect", Some(Stage::Lead)),
            ("Engineering Manager", Some(Stage::Lead)),
            ("Senior Engineering Manager", Some(Stage::Lead)),
            ("Chief Technology Officer", Some(Stage::Lead)),
            ("Tech Lead", Some(Stage::Lead)),
            ("engineering management", Some(Stage::Lead)),
            ("management", Some(Stage::Lead)),
            ("Back-End Developer", None),
            ("data management", None),
            ("Python Developer", None),
        ] {
            assert_eq!(
                classify_role(crate::answer::fixtures::vocab(), role),
                stage,
                "{role}"
            );
        }
    }

    #[test]
    fn staff_is_lead_only_before_a_technical_role() {
        let levels = crate::answer::fixtures::vocab();
        for (role, stage) in [
            ("Staff Engineer", Some(Stage::Lead)),
            ("staff developers", Some(Stage::Lead)),
            ("Staff Software Engineer", Some(Stage::Lead)),
            ("Staff", Some(Stage::Lead)),
            ("Staff nurse", None),
            ("staff accountant", None),
            ("Senior staff nurse", Some(Stage::Senior)),
        ] {
            assert_eq!(classify_role(levels, role), stage, "{role}");
        }
        // A labelled stage line in a career-path passage.
        let p = passage_in(
            "Career progression",
            9,
            "Staff nurse: Work on a hospital unit for two to three years.\nStaff engineer: Set the technical direction of several teams.",
        );
        let got: Vec<(Stage, Vec<String>)> = extract_stages(levels, &p)
            .into_iter()
            .map(|c| (c.stage, c.roles))
            .collect();
        assert_eq!(got, vec![(Stage::Lead, vec!["Staff engineer".to_string()])]);
    }

    #[test]
    fn labelled_stage_lines_only_in_a_career_passage() {
        let text = "• Junior back-end developer: Focus on learning core languages. This phase generally lasts around 1 to 2 years.\n• Senior back-end developer: You lead decisions. Job titles might include Senior Engineer or Staff Engineer.";
        let p = passage_in("What is the typical career progression?", 9, text);
        let got = extract_stages(crate::answer::fixtures::vocab(), &p);
        assert_eq!(got.len(), 2, "{got:#?}");
        assert_eq!(got[0].stage, Stage::Junior);
        assert_eq!(got[0].evidence, StageEvidence::Described);
        assert_eq!(got[0].roles, vec!["Junior back-end developer"]);
        assert_eq!(got[0].cite.line, 10);
        let d = got[0].duration.as_ref().unwrap();
        assert_eq!(
            (d.min_years, d.max_years, d.kind),
            (1.0, Some(2.0), DurationKind::InStage)
        );
        // "Staff Engineer" is a lead role: not listed under the senior line.
        assert_eq!(
            got[1].roles,
            vec!["Senior back-end developer", "Senior Engineer"]
        );
        // Elsewhere the labels describe no stage (the titles sentence still names roles).
        let elsewhere = extract_stages(
            crate::answer::fixtures::vocab(),
            &passage_in("Skills", 9, text),
        );
        assert!(elsewhere.iter().all(|c| c.evidence == StageEvidence::Path));
        assert_eq!(
            elsewhere
                .iter()
                .map(|c| (c.stage, c.roles.clone()))
                .collect::<Vec<_>>(),
            vec![
                (Stage::Senior, vec!["Senior Engineer".to_string()]),
                (Stage::Lead, vec!["Staff Engineer".to_string()]),
            ]
        );
        // Pay lines are never stages.
        let pay = passage_in(
            "Career progression and pay",
            9,
            "Entry-level: $75,000 – $95,000 per year",
        );
        assert!(extract_stages(crate::answer::fixtures::vocab(), &pay).is_empty());
    }

    #[test]
    fn career_lists_sentences_and_title_tables() {
        let p = passage_in(
            "Career Growth",
            9,
            "Career Progression\nJunior Back-End Developer\nMid-Level Developer\nSoftware Architect\nDevOps Engineer\nWith experience, developers can move into leadership or specialized technical roles.",
        );
        let got: Vec<(Stage, StageEvidence, u32, Vec<String>)> =
            extract_stages(crate::answer::fixtures::vocab(), &p)
                .into_iter()
                .map(|c| (c.stage, c.evidence, c.cite.line, c.roles))
                .collect();
        use StageEvidence::*;
        assert_eq!(
            got,
            vec![
                (
                    Stage::Junior,
                    Path,
                    11,
                    vec!["Junior Back-End Developer".to_string()]
                ),
                (
                    Stage::Mid,
                    Path,
                    12,
                    vec!["Mid-Level Developer".to_string()]
                ),
                (
                    Stage::Lead,
                    Path,
                    13,
                    vec!["Software Architect".to_string()]
                ),
                (Stage::Lead, Path, 15, vec!["leadership".to_string()]),
            ]
        );
        let moves = extract_lateral_moves(crate::answer::fixtures::vocab(), &p);
        assert_eq!(moves.len(), 1);
        assert_eq!(moves[0].track, "DevOps");
        assert_eq!(moves[0].citation.surface, "DevOps");
        let p = passage_in(
            "Titles",
            9,
            "Job Title Experience Level Focus Area\nBackend Developer Mid General Backend\nPlatform Developer (platform services) Lead Platform Services\nSomething else entirely.",
        );
        let got: Vec<(Stage, Vec<String>)> = extract_stages(crate::answer::fixtures::vocab(), &p)
            .into_iter()
            .map(|c| (c.stage, c.roles))
            .collect();
        assert_eq!(
            got,
            vec![
                (Stage::Mid, vec!["Backend Developer".to_string()]),
                (
                    Stage::Lead,
                    vec!["Platform Developer (platform services)".to_string()]
                ),
            ]
        );
        let p = passage_in(
            "Q4: How long does it take?",
            9,
            "It typically takes 1-2 years to qualify, including a relevant degree.",
        );
        let got = extract_stages(crate::answer::fixtures::vocab(), &p);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].stage, Stage::Junior);
        assert_eq!(got[0].evidence, StageEvidence::TimeToQualify);
        assert_eq!(
            got[0].duration.as_ref().unwrap().kind,
            DurationKind::ToQualify
        );
    }

    #[test]
    fn a_time_is_a_roles_only_on_its_side_of_a_semicolon() {
        let vocab = crate::answer::fixtures::vocab();
        let times = |text: &str| -> Vec<(Stage, Option<String>)> {
            extract_stages(vocab, &passage_in("Career progression", 9, text))
                .into_iter()
                .map(|c| (c.stage, c.duration.map(|d| d.label())))
                .collect()
        };
        assert_eq!(
            times("After 3–5 years most are promoted to captain; some move into management."),
            vec![(Stage::Lead, None)]
        );
        assert_eq!(
            times("After 3–5 years most are promoted to engineering management."),
            vec![(Stage::Lead, Some("3–5 years".to_string()))]
        );
    }

    #[test]
    fn lateral_moves_need_a_cue() {
        let p = passage_in(
            "Growth",
            9,
            "Alternatively, you may pivot towards DevOps, data engineering, or full-stack development.\nOur DevOps teams deploy daily.",
        );
        let got: Vec<(String, String, u32)> =
            extract_lateral_moves(crate::answer::fixtures::vocab(), &p)
                .into_iter()
                .map(|m| (m.track, m.citation.surface, m.citation.cite.line))
                .collect();
        assert_eq!(
            got,
            vec![
                ("DevOps".into(), "DevOps".into(), 10),
                ("Data engineering".into(), "data engineering".into(), 10),
                ("Full-stack development".into(), "full-stack".into(), 10),
            ]
        );
    }

    #[test]
    fn steps_tips_and_promotions() {
        let p = passage_in(
            "How to Become a Backend Developer",
            9,
            "To pursue this career, consider the following steps:\n1. Gain relevant education\n2. Develop core technical skills\nOnline courses are widely used. Start with one language. Consider enrolling in our Interview Course.",
        );
        let got: Vec<(u32, StepKind, String, u32)> =
            extract_steps(crate::answer::fixtures::vocab(), &p)
                .into_iter()
                .map(|s| (s.order, s.kind, s.text, s.cite.line))
                .collect();
        assert_eq!(
            got,
            vec![
                (1, StepKind::Step, "Gain relevant education".into(), 11),
                (
                    2,
                    StepKind::Step,
                    "Develop core technical skills".into(),
                    12
                ),
                (1, StepKind::Step, "Start with one language.".into(), 13),
            ]
        );
        let p = passage_in(
            "What tips do you need to know?",
            9,
            "Excelling requires more than coding.\n• Use Git meticulously and write clear commits.\n• Stay informed on industry trends.",
        );
        let got: Vec<(StepKind, String)> = extract_steps(crate::answer::fixtures::vocab(), &p)
            .into_iter()
            .map(|s| (s.kind, s.text))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    StepKind::Tip,
                    "Use Git meticulously and write clear commits.".into()
                ),
                (StepKind::Tip, "Stay informed on industry trends.".into()),
            ]
        );
        // Elsewhere, imperatives are not steps.
        assert!(
            extract_steps(
                crate::answer::fixtures::vocab(),
                &passage_in("Salaries", 9, "Start negotiating early.")
            )
            .is_empty()
        );
    }

    #[test]
    fn labelled_steps_are_steps_of_a_path_with_their_times() {
        let levels = crate::answer::fixtures::vocab();
        let text = "Year 1: Finish prerequisites such as anatomy and chemistry.\nYears 2-3: Complete an accredited degree, including clinical hours.\nTechnical: scaling, radiography.\nAfter graduating: Pass the board exam and a clinical exam.\nThen: Apply for your license. Many later add a degree.";
        let p = passage_in("HOW TO BECOME A DENTAL HYGIENIST", 20, text);
        type Span = Option<(f64, Option<f64>)>;
        let got: Vec<(u32, u32, String, Span)> = extract_steps(levels, &p)
            .into_iter()
            .map(|s| {
                let span = s.duration.as_ref().map(|d| (d.min_years, d.max_years));
                (s.order, s.cite.line, s.text, span)
            })
            .collect();
        let lines: Vec<String> = text.lines().map(String::from).collect();
        // Each step whole, in order, cited at its line (the passage's lines start at 10).
        assert_eq!(
            got,
            vec![
                (1, 10, lines[0].clone(), Some((0.0, Some(1.0)))),
                (2, 11, lines[1].clone(), Some((2.0, Some(3.0)))),
                (3, 13, lines[3].clone(), None),
                (4, 14, lines[4].clone(), None),
            ]
        );
        // Outside a learning-path section a labelled line is no step.
        assert!(extract_steps(levels, &passage_in("SKILLS YOU NEED", 20, text)).is_empty());
    }

    /// The steps of a passage under `section` as (line, text, duration label), its lines
    /// numbered `numbers` (a gap is a blank line).
    fn steps_of(
        section: &str,
        lines: &[&str],
        numbers: &[u32],
    ) -> Vec<(u32, String, Option<String>)> {
        let p = Passage {
            source: "t.txt".into(),
            title: "Test guide".into(),
            career: String::new(),
            section: section.into(),
            url: None,
            start_line: numbers[0],
            end_line: *numbers.last().unwrap(),
            text: lines.join("\n"),
            line_numbers: numbers.to_vec(),
        };
        let mut got: Vec<(u32, String, Option<String>)> =
            extract_steps(crate::answer::fixtures::vocab(), &p)
                .into_iter()
                .map(|s| (s.cite.line, s.text, s.duration.map(|d| d.label())))
                .collect();
        got.sort();
        got
    }

    /// Regression (issue 14, second probe: learning-path steps found 63 %): a guide's
    /// "Training and certification" or "Education and licensure timeline" section, numbered
    /// "Step 1. …", gave no steps, for no learning-path cue named its heading. Headings about
    /// training, education or licensure are now the path's; a line saying "training" is not.
    #[test]
    fn a_training_or_education_heading_is_the_learning_paths() {
        let steps = steps_of(
            "Training and certification",
            &[
                "Step 1. Finish a diploma in a health science (2 years).",
                "Step 2. Pass the national registry exam.",
            ],
            &[40, 41],
        );
        assert_eq!(
            steps.iter().map(|(l, _, _)| *l).collect::<Vec<_>>(),
            [40, 41],
            "{steps:?}"
        );
        let steps = steps_of(
            "Education and licensure",
            &[
                "1. Earn an accredited degree.",
                "2. Apply for a state license.",
            ],
            &[7, 8],
        );
        assert_eq!(steps.len(), 2, "{steps:?}");
        // Under another heading, a line about training introduces nothing.
        let steps = steps_of(
            "A day on the job",
            &[
                "Training never stops:",
                "- Morning huddle with the team.",
                "- Site visits after lunch.",
            ],
            &[20, 21, 22],
        );
        assert!(steps.is_empty(), "{steps:?}");
    }

    fn want(rows: &[(u32, &str, Option<&str>)]) -> Vec<(u32, String, Option<String>)> {
        rows.iter()
            .map(|(l, t, d)| (*l, t.to_string(), d.map(str::to_string)))
            .collect()
    }

    #[test]
    fn lettered_items_and_lines_numbered_by_step_are_steps() {
        let lines = [
            "a) Finish high school with biology.",
            "b) Complete a degree in respiratory care (2–4 years).",
            "c) Pass the TMC exam.",
        ];
        assert_eq!(
            steps_of(
                "How to become a respiratory therapist",
                &lines,
                &[10, 11, 12]
            ),
            want(&[
                (10, "Finish high school with biology.", None),
                (
                    11,
                    "Complete a degree in respiratory care (2–4 years).",
                    Some("2–4 years")
                ),
                (12, "Pass the TMC exam.", None),
            ])
        );
        let lines = [
            "Step 1. Check that you meet the medical requirements.",
            "Step 2. Pass the aptitude tests and the selection interview.",
            "Step 3. Hold your licence and work solo.",
        ];
        assert_eq!(
            steps_of(
                "HOW TO BECOME AN AIR TRAFFIC CONTROLLER",
                &lines,
                &[10, 11, 12]
            ),
            want(&[
                (10, "Check that you meet the medical requirements.", None),
                (
                    11,
                    "Pass the aptitude tests and the selection interview.",
                    None
                ),
                (12, "Hold your licence and work solo.", None),
            ])
        );
        // Outside a learning-path section they are no steps.
        assert!(steps_of("What the job involves", &lines, &[10, 11, 12]).is_empty());
    }

    #[test]
    fn a_table_of_steps_and_their_durations_gives_each_row_as_a_step() {
        let lines = [
            "The route most people take:",
            "| Step | Duration |",
            "|---|---|",
            "| Complete prerequisite courses | 1 year |",
            "| Finish an accredited program | 2 years |",
        ];
        assert_eq!(
            steps_of("How to become a sonographer", &lines, &[10, 12, 13, 14, 15]),
            want(&[
                (14, "Complete prerequisite courses", Some("1 year")),
                (15, "Finish an accredited program", Some("2 years")),
            ])
        );
        // A table with no time column (pay by level) is no path.
        let pay = [
            "| Level | Salary |",
            "| Entry | $40,000 |",
            "| Senior | $60,000 |",
        ];
        assert!(steps_of("How to become a sonographer", &pay, &[10, 11, 12]).is_empty());
    }

    #[test]
    fn paragraphs_each_telling_the_next_step_are_steps() {
        let lines = [
            "Most audiologists take a four-year AuD degree. The last year is a placement.",
            "Graduates then pass the national exam and apply for a state license.",
            "New audiologists then build experience in a clinic before they specialise.",
        ];
        assert_eq!(
            steps_of("How to become an audiologist", &lines, &[10, 12, 14]),
            want(&[
                (10, "Most audiologists take a four-year AuD degree.", None),
                (
                    12,
                    "Graduates then pass the national exam and apply for a state license.",
                    None
                ),
                (
                    14,
                    "New audiologists then build experience in a clinic before they specialise.",
                    None
                ),
            ])
        );
        // Two kinds of the job, one after the other, tell no order: no steps.
        let kinds = [
            "There are two kinds of adviser. Independent advisers can recommend any product.",
            "Restricted advisers can only recommend the products of one lender.",
        ];
        assert!(steps_of("How to become a mortgage adviser", &kinds, &[10, 12]).is_empty());
    }

    /// A path told in one paragraph, each step opening with an order word before its verb
    /// ("First, finish …", "Then enroll …", "After that, get …"), and paragraphs whose step is not
    /// their first sentence ("There is more than one way in. To start, get …").
    #[test]
    fn steps_opening_with_an_order_word_before_their_verb() {
        let one = [
            "There is no single license, so the path is flexible. First, finish high school or a GED; shop class helps. Then enroll in a welding program at a trade school. Programs run from 7 months to 2 years. After that, get hired as a helper or fitter. Finally, keep testing for new certifications.",
        ];
        let texts: Vec<String> = steps_of("How to get started", &one, &[10])
            .into_iter()
            .map(|(_, t, _)| t)
            .collect();
        assert_eq!(
            texts,
            [
                "After that, get hired as a helper or fitter.",
                "Finally, keep testing for new certifications.",
                "First, finish high school or a GED; shop class helps.",
                "Then enroll in a welding program at a trade school.",
            ]
        );
        let paragraphs = [
            "There is more than one way in. To start, get some kitchen experience.",
            "Next, get a recognised qualification. The apprenticeship takes two years.",
        ];
        let texts: Vec<String> = steps_of("How to get into the kitchen", &paragraphs, &[10, 12])
            .into_iter()
            .map(|(_, t, _)| t)
            .collect();
        assert_eq!(
            texts,
            [
                "To start, get some kitchen experience.",
                "Next, get a recognised qualification.",
            ]
        );
        // An order word before no verb opens no step.
        let told = ["First, the trainee watches. Then the senior welder checks the joints."];
        assert!(steps_of("How to get started", &told, &[10]).is_empty());
    }

    #[test]
    fn every_item_of_a_path_list_is_a_step_but_one_that_sells() {
        let lines = [
            "1. Get a job as a trainee adviser.",
            "2. Pass the CeMAP exam.",
            "3. Register with the regulator through your firm.",
            "4. Sign up for our exam preparation webinar.",
        ];
        assert_eq!(
            steps_of(
                "How to become a mortgage adviser",
                &lines,
                &[10, 11, 12, 13]
            ),
            want(&[
                (10, "Get a job as a trainee adviser.", None),
                (11, "Pass the CeMAP exam.", None),
                (12, "Register with the regulator through your firm.", None),
            ])
        );
    }

    #[test]
    fn interview_and_portfolio_items() {
        let p = passage_in(
            "Interview Preparation",
            9,
            "Back-end interviews usually include:\nCoding tests\nSystem design discussions\nPractice regularly and focus on concepts.\nCoding assessments test problem-solving. Common failure patterns include poor preparation.",
        );
        let got: Vec<(ItemKind, Option<String>, String)> =
            extract_interview_items(crate::answer::fixtures::vocab(), &p)
                .into_iter()
                .map(|i| (i.kind, i.label, i.text))
                .collect();
        use ItemKind::*;
        assert_eq!(
            got,
            vec![
                (InterviewFormat, None, "Coding tests".into()),
                (InterviewFormat, None, "System design discussions".into()),
                (
                    InterviewAdvice,
                    None,
                    "Practice regularly and focus on concepts.".into()
                ),
                (
                    InterviewRound,
                    Some("Coding assessments".into()),
                    "Coding assessments test problem-solving.".into()
                ),
                (
                    InterviewPitfall,
                    None,
                    "Common failure patterns include poor preparation.".into()
                ),
            ]
        );
        let p = passage_in(
            "Skill #2: Database Design",
            9,
            "Interviews evaluate this skill through system design questions.",
        );
        let got = extract_interview_items(crate::answer::fixtures::vocab(), &p);
        assert_eq!(got[0].kind, InterviewEvaluation);
        assert_eq!(got[0].label.as_deref(), Some("Database Design"));
        let p = passage_in(
            "Building a Strong Portfolio",
            9,
            "A portfolio is one of the most important tools.\nPortfolio Should Include:\nReal projects\nExample projects:\nREST API for a mobile app\nRecruiters skim, so customize your resume for each job.",
        );
        let got: Vec<(ItemKind, String, u32)> =
            extract_portfolio_items(crate::answer::fixtures::vocab(), &p)
                .into_iter()
                .map(|i| (i.kind, i.text, i.cite.line))
                .collect();
        assert_eq!(
            got,
            vec![
                (PortfolioInclude, "Real projects".into(), 12),
                (ExampleProject, "REST API for a mobile app".into(), 14),
                (
                    PortfolioAdvice,
                    "A portfolio is one of the most important tools.".into(),
                    10
                ),
                (
                    ResumeTip,
                    "Recruiters skim, so customize your resume for each job.".into(),
                    15
                ),
            ]
        );
    }

    #[test]
    fn spanish_paths_tips_and_interview_advice() {
        let vocab = crate::answer::fixtures::vocab();
        let steps = |section: &str, text: &str| -> Vec<(StepKind, String, String, u32)> {
            extract_steps(vocab, &passage_in(section, 9, text))
                .into_iter()
                .map(|s| (s.kind, s.list, s.text, s.cite.line))
                .collect()
        };
        // A Spanish learning-path heading, with or without its accent: bullets are steps,
        // imperatives in the tú or usted form too; an advertisement is none.
        for heading in [
            "Cómo conseguir tu primer empleo",
            "Como conseguir tu primer empleo",
        ] {
            let got = steps(
                heading,
                "- Publica tres proyectos en GitHub.\nPrepárese para las pruebas técnicas. Muchos lo consiguen en un año.\nSuscríbete a nuestro boletín.",
            );
            let want: Vec<(StepKind, String, String, u32)> = [
                ("Publica tres proyectos en GitHub.", 10),
                ("Prepárese para las pruebas técnicas.", 11),
            ]
            .into_iter()
            .map(|(t, l)| (StepKind::Step, heading.to_string(), t.to_string(), l))
            .collect();
            assert_eq!(got, want);
        }
        // A tú form that is also the third person is an imperative only where the paragraph
        // speaks to the reader.
        let got = steps(
            "Cómo ser técnico de laboratorio",
            "Trabaja en hospitales y laboratorios. Busca empleo en verano.\nBusca prácticas y adapta tu CV. Estudia cada semana.",
        );
        assert_eq!(
            got.iter()
                .map(|(_, _, t, l)| (t.as_str(), *l))
                .collect::<Vec<_>>(),
            vec![
                ("Busca prácticas y adapta tu CV.", 11),
                ("Estudia cada semana.", 11)
            ]
        );
        // Spanish tips.
        assert_eq!(
            steps("Consejos para crecer", "¡Especialízate pronto!")
                .into_iter()
                .map(|(k, _, t, _)| (k, t))
                .collect::<Vec<_>>(),
            vec![(StepKind::Tip, "¡Especialízate pronto!".to_string())]
        );
        // "Consejos para la entrevista" is interview advice, not the path's tips.
        let p = passage_in(
            "Consejos para la entrevista",
            9,
            "- Repasa los fundamentos.\nLa entrevista dura una hora. Lleve su portafolio.",
        );
        assert!(extract_steps(vocab, &p).is_empty());
        let got: Vec<(ItemKind, String, u32)> = extract_interview_items(vocab, &p)
            .into_iter()
            .map(|i| (i.kind, i.text, i.cite.line))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    ItemKind::InterviewAdvice,
                    "Repasa los fundamentos.".to_string(),
                    10
                ),
                (
                    ItemKind::InterviewAdvice,
                    "Lleve su portafolio.".to_string(),
                    11
                ),
            ]
        );
    }

    #[test]
    fn a_line_is_read_under_the_heading_packed_before_it() {
        let vocab = crate::answer::fixtures::vocab();
        // The passage's own heading names a path; the heading packed into it does not: the
        // list under the packed heading is no step, the line before it is.
        let p = passage_in(
            "How to become a park ranger",
            9,
            "Start with a summer season.\n## What does a ranger do?\n- Patrol trails\n## Breaking into the job\n- Volunteer with a trail crew",
        );
        let mut got: Vec<(String, String, u32)> = extract_steps(vocab, &p)
            .into_iter()
            .map(|s| (s.list, s.text, s.cite.line))
            .collect();
        got.sort_by_key(|s| s.2);
        assert_eq!(
            got,
            vec![
                (
                    "How to become a park ranger".to_string(),
                    "Start with a summer season.".to_string(),
                    10
                ),
                (
                    "Breaking into the job".to_string(),
                    "Volunteer with a trail crew".to_string(),
                    14
                ),
            ]
        );
        // Interview tips under a packed heading only.
        let p = passage_in(
            "Salaries",
            9,
            "- Expect overtime in summer.\n## Interview tips\n- Bring your certificates.",
        );
        let got: Vec<(String, u32)> = extract_interview_items(vocab, &p)
            .into_iter()
            .map(|i| (i.text, i.cite.line))
            .collect();
        assert_eq!(got, vec![("Bring your certificates.".to_string(), 12)]);
    }

    #[test]
    fn interview_tips_sections_give_advice() {
        let p = passage_in(
            "Welder Interview Tips",
            30,
            "For an apprenticeship interview:\n  • Expect a panel of two to five people.\n  • Bring your certificates and a list of projects.\n**Practice the classic weld joints.** Inspectors look at the bead first.\nMost shops pay weekly.",
        );
        let got: Vec<(ItemKind, String, u32)> =
            extract_interview_items(crate::answer::fixtures::vocab(), &p)
                .into_iter()
                .map(|i| (i.kind, i.text, i.cite.line))
                .collect();
        use ItemKind::InterviewAdvice;
        // A bold lead starts a tip as a bullet does; the lines after the cue line are 11 on.
        assert_eq!(
            got,
            vec![
                (
                    InterviewAdvice,
                    "Expect a panel of two to five people.".into(),
                    11
                ),
                (
                    InterviewAdvice,
                    "Bring your certificates and a list of projects.".into(),
                    12
                ),
                (
                    InterviewAdvice,
                    "**Practice the classic weld joints.** Inspectors look at the bead first."
                        .into(),
                    13
                ),
            ]
        );
        // They are interview advice, not learning-path tips.
        assert!(extract_steps(crate::answer::fixtures::vocab(), &p).is_empty());
        // Bullets elsewhere are not interview advice.
        let p = passage_in("Tools", 30, "  • Expect a panel of two to five people.");
        assert!(extract_interview_items(crate::answer::fixtures::vocab(), &p).is_empty());
    }

    #[test]
    fn track_table_loads() {
        let tracks = crate::answer::fixtures::vocab().tracks();
        assert!(tracks.names.len() >= 8);
        assert!(tracks.names.contains(&"DevOps".to_string()));
    }
}
