//! Gathering the roadmap across guides: stages with the guides that describe them, lateral
//! moves, the learning path, interview and portfolio items. Run once per index generation over
//! every guide, in file-name order; a request only filters by stage and focus.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::extract::{
    extract_interview_items, extract_lateral_moves, extract_portfolio_items, extract_stages,
    extract_steps,
};
use super::headed_steps::extract_headed_steps;
use super::ladder::extract_ladder;
use super::lines::{recite, section_at, whole_sections};
use super::plain::strip_emphasis;
use super::prose::extract_prose_stages;
use super::role_ladder::{career_words, extract_role_ladder, role_head, singular_role};
use super::role_prose::extract_role_prose;
use super::table_ladder::extract_table_ladder;
use super::{
    CareerStage, Focus, ItemKind, LateralMove, PathStep, RoadmapAnswer, RoadmapItem, Stage,
    StageCitation, StageEvidence, TrackMention,
};
use crate::answer::citation::Citation;
use crate::corpus::Passage;
use crate::vocab::Vocabulary;
use serde::{Deserialize, Serialize};

/// Citations listed per stage and per lateral track (`guides` counts every one).
pub const MAX_CITATIONS_PER_STAGE: usize = 100;
/// Learning-path steps and tips listed (the first guides' by file name).
pub const MAX_STEPS: usize = 200;
/// Interview or portfolio items listed per kind.
pub const MAX_ITEMS_PER_KIND: usize = 50;

/// One guide's roadmap facts, each list in line order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GuideRoadmap {
    /// The career the guide is about.
    career: String,
    stages: Vec<StageCitation>,
    lateral: Vec<TrackMention>,
    steps: Vec<PathStep>,
    items: Vec<RoadmapItem>,
    /// The rungs of its ladder that name a role (not a step towards one, "Foundations"), in the
    /// guide's order: (stage, role).
    rungs: Vec<(Stage, String)>,
    /// Each stage's first role the guide names (any reading), in the singular: its label where
    /// the stage's own lists roles the guide does not name (`stage_label`).
    named: Vec<(Stage, String)>,
}

/// The roadmap facts of `passages` (one guide's, or any set: items are per source and line).
pub fn extract_guide(vocab: &Vocabulary, career: &str, passages: &[Passage]) -> GuideRoadmap {
    let mut stages: Vec<StageCitation> = Vec::new();
    for c in passages.iter().flat_map(|p| extract_stages(vocab, p)) {
        if !stages.contains(&c) {
            stages.push(c);
        }
    }
    // The guide's own ladder: a rung is read as one, whatever other pattern read its line (a
    // role it mentions in passing is not the rung's stage). A ladder is read over whole
    // sections: one going on from one passage of its section into the next is one ladder, each
    // rung cited to its own passage.
    let whole = whole_sections(passages);
    let mut ladder = extract_ladder(vocab, &whole);
    // Else a table of roles with their years, or a ladder named by role titles alone (with or
    // without times): the titles' when they read every rung of the table and more (a first row
    // without years of its own, "Police constable | 2 years after probation", is the table's
    // first rung, not its header).
    if ladder.is_empty() {
        let mut table: Vec<StageCitation> = whole
            .iter()
            .flat_map(|p| extract_table_ladder(vocab.levels(), p))
            .collect();
        // A guide with a table under a progression heading and another elsewhere (a pay table
        // by years): the progression's is the ladder.
        let cued = |c: &StageCitation| {
            whole
                .iter()
                .find(|p| {
                    p.source == c.cite.source
                        && p.start_line <= c.cite.line
                        && c.cite.line <= p.end_line
                })
                .is_some_and(|p| {
                    vocab
                        .role_titles()
                        .is_ladder_cue(section_at(p, c.cite.line))
                })
        };
        let table_cued = table.iter().any(cued);
        if table_cued {
            table.retain(cued);
        }
        let titles = extract_role_ladder(vocab, &whole);
        let covers = table.iter().all(|t| {
            titles
                .iter()
                .any(|r| r.cite.source == t.cite.source && r.cite.line == t.cite.line)
        });
        // A ladder of titles under a ladder heading wins over a table of roles by years under
        // another (pay by experience): the guide names its ladder.
        ladder = if table.is_empty()
            || (covers && titles.len() > table.len())
            || (!table_cued && !titles.is_empty())
        {
            titles
        } else {
            table
        };
    }
    // Else one told in a paragraph under a progression heading.
    if ladder.is_empty() {
        ladder = extract_role_prose(vocab, &whole);
    }
    // A rung names one role: a plural title is shown in the singular ("Training captains").
    for rung in &mut ladder {
        recite(&mut rung.cite, passages);
        for role in &mut rung.roles {
            *role = singular_role(vocab, role);
        }
    }
    stages.retain(|s| {
        !ladder
            .iter()
            .any(|c| c.cite.source == s.cite.source && c.cite.line == s.cite.line)
    });
    let rungs: Vec<(Stage, String)> = ladder
        .iter()
        .filter_map(|c| {
            let role = c.roles.first()?;
            let career = passages.first().map(career_words).unwrap_or_default();
            // A role named mid-sentence ("lead technician") is a rung as its title is.
            let role = capitalised(role);
            role_head(vocab, &career, &role).map(|_| (c.stage, role))
        })
        .collect();
    let rung_count = ladder.len();
    stages.extend(ladder);
    // A career path told only in prose.
    if stages.is_empty() {
        stages.extend(passages.iter().flat_map(|p| extract_prose_stages(vocab, p)));
    }
    // By line, the ladder's rungs in the guide's order in the places they take (a rung cited to
    // a sentence after its chain, which gives its time, stays in its place in the chain).
    let first_rung = stages.len() - rung_count.min(stages.len());
    let rungs_in_order: Vec<StageCitation> = stages[first_rung..].to_vec();
    stages.sort_by(|a, b| (&a.cite.source, a.cite.line).cmp(&(&b.cite.source, b.cite.line)));
    let slots: Vec<usize> = (0..stages.len())
        .filter(|&i| rungs_in_order.contains(&stages[i]))
        .collect();
    if slots.len() == rungs_in_order.len() {
        for (slot, rung) in slots.into_iter().zip(rungs_in_order) {
            stages[slot] = rung;
        }
    }
    let mut lateral: Vec<TrackMention> = Vec::new();
    for m in passages
        .iter()
        .flat_map(|p| extract_lateral_moves(vocab, p))
    {
        if !lateral.contains(&m) {
            lateral.push(m);
        }
    }
    lateral.sort_by(|a, b| {
        (&a.citation.cite.source, a.citation.cite.line)
            .cmp(&(&b.citation.cite.source, b.citation.cite.line))
    });
    // A ladder's rungs are career stages, not steps of the learning path; a step told as a
    // numbered heading holds the lines under it. Steps are read over whole sections, as the
    // ladder is (a list going on into the section's next passage is one list), each cited to
    // its own passage.
    let headed = extract_headed_steps(vocab, passages);
    let mut steps: Vec<PathStep> = whole
        .iter()
        .flat_map(|p| extract_steps(vocab, p))
        .map(|mut s| {
            recite(&mut s.cite, passages);
            s
        })
        .filter(|s| {
            !headed.covers(&s.cite.source, s.cite.line)
                && !stages.iter().any(|c| {
                    c.evidence == StageEvidence::Ladder
                        && c.cite.source == s.cite.source
                        && c.cite.line == s.cite.line
                })
        })
        .collect();
    steps.extend(headed.steps);
    steps.sort_by(|a, b| (&a.cite.source, a.cite.line).cmp(&(&b.cite.source, b.cite.line)));
    // Number each list across the passages it was split into.
    let mut orders: HashMap<(String, String), u32> = HashMap::new();
    for s in &mut steps {
        let n = orders
            .entry((s.cite.source.clone(), s.list.clone()))
            .or_insert(0);
        *n += 1;
        s.order = *n;
    }
    let mut items: Vec<RoadmapItem> = passages
        .iter()
        .flat_map(|p| {
            extract_interview_items(vocab, p)
                .into_iter()
                .chain(extract_portfolio_items(vocab, p))
        })
        .collect();
    let mut seen = HashSet::new();
    items.retain(|i| seen.insert((i.kind, i.cite.source.clone(), i.cite.line, i.text.clone())));
    items.sort_by(|a, b| {
        (a.kind, &a.cite.source, a.cite.line).cmp(&(b.kind, &b.cite.source, b.cite.line))
    });
    // A line under a heading packed into its passage is cited under that heading, one packed
    // into an earlier part of its section too.
    let resection = |cite: &mut Citation| {
        if let Some(p) = whole.iter().find(|p| {
            p.source == cite.source && p.start_line <= cite.line && cite.line <= p.end_line
        }) {
            let section = section_at(p, cite.line);
            if section != cite.section {
                cite.section = section.to_string();
            }
        }
    };
    stages.iter_mut().for_each(|c| resection(&mut c.cite));
    lateral
        .iter_mut()
        .for_each(|m| resection(&mut m.citation.cite));
    steps.iter_mut().for_each(|s| resection(&mut s.cite));
    items.iter_mut().for_each(|i| resection(&mut i.cite));
    // Text is shown as written, without the guide's Markdown emphasis (every pattern above has
    // read it with its markers: a bold lead is a sentence of its own).
    for c in &mut stages {
        c.text = strip_emphasis(&c.text);
    }
    for m in &mut lateral {
        m.citation.text = strip_emphasis(&m.citation.text);
    }
    for s in &mut steps {
        s.text = strip_emphasis(&s.text);
        s.list = strip_emphasis(&s.list);
    }
    for i in &mut items {
        i.text = strip_emphasis(&i.text);
    }
    let mut named: Vec<(Stage, String)> = Vec::new();
    for c in &stages {
        if let Some(role) = c.roles.first()
            && !named.iter().any(|(s, _)| *s == c.stage)
        {
            named.push((c.stage, capitalised(&singular_role(vocab, role))));
        }
    }
    GuideRoadmap {
        career: career.to_string(),
        stages,
        lateral,
        steps,
        items,
        rungs,
        named,
    }
}

/// Citations of one stage or track across guides.
#[derive(Debug, Clone)]
struct Listed<T> {
    guides: u32,
    items: Vec<T>,
    last_source: Option<String>,
}

impl<T> Default for Listed<T> {
    fn default() -> Self {
        Listed {
            guides: 0,
            items: Vec::new(),
            last_source: None,
        }
    }
}

impl<T> Listed<T> {
    fn add(&mut self, source: &str, item: T, cap: usize) {
        if self.last_source.as_deref() != Some(source) {
            self.guides += 1;
            self.last_source = Some(source.to_string());
        }
        if self.items.len() < cap {
            self.items.push(item);
        }
    }
}

/// The roadmap facts of a whole library, gathered guide by guide in file-name order, career by
/// career.
#[derive(Debug, Clone, Default)]
pub struct RoadmapGathering {
    careers: BTreeMap<String, CareerGathering>,
}

impl RoadmapGathering {
    /// Adds one guide's facts.
    pub fn gather(&mut self, guide: GuideRoadmap) {
        self.careers
            .entry(guide.career.clone())
            .or_default()
            .gather(guide);
    }

    /// Each career's whole roadmap.
    pub fn finish(self) -> RoadmapFacts {
        RoadmapFacts {
            careers: self
                .careers
                .into_iter()
                .map(|(career, g)| g.finish(career))
                .collect(),
        }
    }
}

/// What a generation knows about careers' roadmaps: each career's whole roadmap, by name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RoadmapFacts {
    pub careers: Vec<RoadmapAnswer>,
}

impl RoadmapFacts {
    /// The roadmap of one career (by its exact name), or of every career one after another
    /// (each stage and move saying which), narrowed to a stage and a focus.
    pub fn answer(
        &self,
        career: Option<&str>,
        stage: Option<Stage>,
        focus: Focus,
    ) -> RoadmapAnswer {
        let mut out = RoadmapAnswer {
            career: career.map(str::to_string),
            stage,
            focus,
            stages: Vec::new(),
            lateral_moves: Vec::new(),
            learning_path: Vec::new(),
            interviews: Vec::new(),
            portfolio: Vec::new(),
        };
        for whole in self
            .careers
            .iter()
            .filter(|c| career.is_none_or(|want| c.career.as_deref() == Some(want)))
        {
            let part = whole.narrowed(stage, focus);
            out.stages.extend(part.stages);
            out.lateral_moves.extend(part.lateral_moves);
            out.learning_path.extend(part.learning_path);
            out.interviews.extend(part.interviews);
            out.portfolio.extend(part.portfolio);
        }
        out
    }

    /// The careers that have a roadmap.
    pub fn careers(&self) -> impl Iterator<Item = &str> {
        self.careers.iter().filter_map(|c| c.career.as_deref())
    }
}

/// One career's roadmap facts, gathered guide by guide.
#[derive(Debug, Clone, Default)]
struct CareerGathering {
    stages: BTreeMap<Stage, Listed<StageCitation>>,
    /// Each stage's rungs naming a role in the first guide whose ladder has one there.
    rungs: BTreeMap<Stage, Vec<String>>,
    /// Each stage's first role named, in the first guide naming one there.
    named: BTreeMap<Stage, String>,
    tracks: Vec<(String, Listed<super::TrackCitation>)>,
    steps: Vec<PathStep>,
    items: BTreeMap<ItemKind, Vec<RoadmapItem>>,
}

/// Between the rungs a stage's label names, in the guide's order.
pub const RUNGS_JOINED: &str = " → ";

/// The stage's name in the first guide's ladder: its last rung there.
fn ladder_label(citations: &[StageCitation]) -> Option<String> {
    let first = citations
        .iter()
        .find(|c| c.evidence == StageEvidence::Ladder)?;
    citations
        .iter()
        .rfind(|c| c.evidence == StageEvidence::Ladder && c.cite.source == first.cite.source)
        .and_then(|c| c.roles.first())
        .map(|role| capitalised(role))
}

/// The label of a stage no ladder names: the stage's own (`Stage::label`), unless it lists
/// alternative titles ("Lead / architect / manager") the roles cited there do not all name (a
/// park ranger's lead stage has no architect): then the first role the guide names there
/// (`named`: "Chief ranger"), else the label's first word, which fits any career ("Lead").
fn stage_label(stage: Stage, citations: &[StageCitation], named: Option<&String>) -> String {
    let generic = stage.label();
    let parts: Vec<&str> = generic.split(" / ").collect();
    let roles: Vec<String> = citations
        .iter()
        .flat_map(|c| &c.roles)
        .map(|r| r.to_lowercase())
        .collect();
    let fits = parts[1..]
        .iter()
        .all(|p| roles.iter().any(|r| r.contains(&p.to_lowercase())));
    if fits {
        generic.to_string()
    } else {
        named.cloned().unwrap_or_else(|| parts[0].to_string())
    }
}

/// A role as a label: its first letter upper case ("first officer", named mid-sentence, is the
/// stage "First officer").
pub(crate) fn capitalised(role: &str) -> String {
    let mut chars = role.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

impl CareerGathering {
    fn gather(&mut self, guide: GuideRoadmap) {
        for (stage, role) in guide.named {
            self.named.entry(stage).or_insert(role);
        }
        for stage in Stage::ALL {
            // A rung the guide names twice (an arrow chain, then a paragraph per role) is one.
            let mut roles: Vec<String> = Vec::new();
            for (_, role) in guide.rungs.iter().filter(|(s, _)| *s == stage) {
                if !roles.iter().any(|r| r.eq_ignore_ascii_case(role)) {
                    roles.push(role.clone());
                }
            }
            if !roles.is_empty() {
                self.rungs.entry(stage).or_insert(roles);
            }
        }
        for c in guide.stages {
            let source = c.cite.source.clone();
            let listed = self.stages.entry(c.stage).or_default();
            // One line read as the same rung by two readers is cited once.
            let again = listed.items.iter().any(|k| {
                k.cite.source == c.cite.source && k.cite.line == c.cite.line && k.roles == c.roles
            });
            if !again {
                listed.add(&source, c, MAX_CITATIONS_PER_STAGE);
            }
        }
        for m in guide.lateral {
            let k = match self.tracks.iter().position(|(t, _)| *t == m.track) {
                Some(k) => k,
                None => {
                    self.tracks.push((m.track.clone(), Listed::default()));
                    self.tracks.len() - 1
                }
            };
            let source = m.citation.cite.source.clone();
            self.tracks[k]
                .1
                .add(&source, m.citation, MAX_CITATIONS_PER_STAGE);
        }
        let room = MAX_STEPS.saturating_sub(self.steps.len());
        self.steps.extend(guide.steps.into_iter().take(room));
        for i in guide.items {
            let list = self.items.entry(i.kind).or_default();
            if list.len() < MAX_ITEMS_PER_KIND {
                list.push(i);
            }
        }
    }

    /// The career's whole roadmap: every stage, lateral move, step and item.
    fn finish(self, career: String) -> RoadmapAnswer {
        let mut rungs = self.rungs;
        let named = self.named;
        let stages = self
            .stages
            .into_iter()
            .map(|(stage, listed)| {
                // Two or more rungs naming roles share the stage: the label names each, in the
                // guide's order, none under another's name.
                let shared: Vec<String> = rungs
                    .remove(&stage)
                    .filter(|r| r.len() >= 2)
                    .unwrap_or_default();
                let label = if shared.is_empty() {
                    // A ladder's own words name the stage ("Journeyman Electrician"): the last
                    // rung of the first guide with one (before it come the steps towards it,
                    // such as "Foundations").
                    ladder_label(&listed.items)
                        .unwrap_or_else(|| stage_label(stage, &listed.items, named.get(&stage)))
                } else {
                    shared.join(RUNGS_JOINED)
                };
                CareerStage {
                    career: career.clone(),
                    stage,
                    label,
                    guides: listed.guides,
                    rungs: shared,
                    citations: listed.items,
                }
            })
            .collect();
        let mut lateral_moves: Vec<LateralMove> = self
            .tracks
            .into_iter()
            .map(|(track, listed)| LateralMove {
                career: career.clone(),
                track,
                guides: listed.guides,
                citations: listed.items,
            })
            .collect();
        lateral_moves.sort_by(|a, b| {
            b.guides
                .cmp(&a.guides)
                .then(b.citations.len().cmp(&a.citations.len()))
                .then_with(|| a.track.cmp(&b.track))
        });
        let (interviews, portfolio): (Vec<RoadmapItem>, Vec<RoadmapItem>) = self
            .items
            .into_values()
            .flatten()
            .partition(|i| i.kind.is_interview());
        RoadmapAnswer {
            career: Some(career),
            stage: None,
            focus: Focus::All,
            stages,
            lateral_moves,
            learning_path: self.steps,
            interviews,
            portfolio,
        }
    }
}

impl RoadmapAnswer {
    /// This (whole) roadmap narrowed to a stage and a focus: one stage leaves out the lateral
    /// moves; a focus keeps only its part.
    pub fn narrowed(&self, stage: Option<Stage>, focus: Focus) -> RoadmapAnswer {
        let progression = focus.includes(Focus::CareerProgression);
        RoadmapAnswer {
            career: self.career.clone(),
            stage,
            focus,
            stages: if progression {
                self.stages
                    .iter()
                    .filter(|s| stage.is_none_or(|want| want == s.stage))
                    .cloned()
                    .collect()
            } else {
                Vec::new()
            },
            lateral_moves: if progression && stage.is_none() {
                self.lateral_moves.clone()
            } else {
                Vec::new()
            },
            learning_path: if focus.includes(Focus::LearningPath) {
                self.learning_path.clone()
            } else {
                Vec::new()
            },
            interviews: if focus.includes(Focus::Interviews) {
                self.interviews.clone()
            } else {
                Vec::new()
            },
            portfolio: if focus.includes(Focus::Portfolio) {
                self.portfolio.clone()
            } else {
                Vec::new()
            },
        }
    }
}

/// The roadmap over `passages` for `stage` and `focus`: what a generation built from these
/// passages answers (passages are taken guide by guide, in file-name order).
pub fn roadmap_answer(
    vocab: &Vocabulary,
    passages: &[Passage],
    stage: Option<Stage>,
    focus: Focus,
) -> RoadmapAnswer {
    let mut by_source: BTreeMap<&str, Vec<Passage>> = BTreeMap::new();
    for p in passages {
        by_source.entry(&p.source).or_default().push(p.clone());
    }
    let mut gathering = RoadmapGathering::default();
    for guide in by_source.values() {
        let career = guide.first().map(|p| p.career.as_str()).unwrap_or_default();
        gathering.gather(extract_guide(vocab, career, guide));
    }
    gathering.finish().answer(None, stage, focus)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::citation::Citation;
    use crate::answer::fixtures::{all_seed_passages, seed_text, vocab};
    use crate::answer::roadmap::{Duration, DurationKind, StepKind};
    use std::collections::BTreeSet;

    fn source_line(c: &Citation) -> String {
        assert!(c.start_line <= c.line && c.line <= c.end_line, "{c:?}");
        seed_text(&c.source)
            .lines()
            .nth(c.line as usize - 1)
            .unwrap_or_else(|| panic!("{c:?} past the end"))
            .to_string()
    }

    fn full() -> RoadmapAnswer {
        roadmap_answer(vocab(), &all_seed_passages(), None, Focus::All)
    }

    #[test]
    fn seed_every_item_is_on_its_cited_line() {
        let a = full();
        for s in &a.stages {
            assert!(!s.citations.is_empty());
            for c in &s.citations {
                assert_eq!(c.stage, s.stage);
                let line = source_line(&c.cite);
                assert!(line.contains(&c.text), "{c:?} not on {line:?}");
                for role in &c.roles {
                    assert!(line.contains(role.as_str()), "{role:?} not on {line:?}");
                }
                if let Some(d) = &c.duration {
                    assert!(line.contains(&d.raw), "{d:?} not on {line:?}");
                    assert!(c.text.contains(&d.raw));
                }
            }
        }
        for m in &a.lateral_moves {
            for c in &m.citations {
                let line = source_line(&c.cite);
                assert!(
                    line.contains(&c.text) && c.text.contains(&c.surface),
                    "{c:?}"
                );
            }
        }
        for s in &a.learning_path {
            let line = source_line(&s.cite);
            assert!(line.contains(&s.text), "{s:?} not on {line:?}");
        }
        for i in a.interviews.iter().chain(&a.portfolio) {
            let line = source_line(&i.cite);
            assert!(line.contains(&i.text), "{i:?} not on {line:?}");
            if let Some(label) = &i.label
                && i.kind == ItemKind::InterviewRound
            {
                assert!(i.text.contains(label.as_str()));
            }
        }
    }

    fn stage(a: &RoadmapAnswer, s: Stage) -> &CareerStage {
        a.stages.iter().find(|c| c.stage == s).unwrap()
    }

    fn duration_at(a: &RoadmapAnswer, s: Stage, src: &str, line: u32) -> Duration {
        stage(a, s)
            .durations()
            .find(|(c, _)| c.cite.source.starts_with(src) && c.cite.line == line)
            .map(|(_, d)| d.clone())
            .unwrap_or_else(|| panic!("no duration for {s:?} at {src}:{line}"))
    }

    #[test]
    fn seed_stages_with_durations() {
        let a = full();
        assert_eq!(
            a.stages.iter().map(|s| s.stage).collect::<Vec<_>>(),
            Stage::ALL.to_vec()
        );
        let d = duration_at(&a, Stage::Junior, "001", 58);
        assert_eq!(
            (d.min_years, d.max_years, d.open_ended),
            (1.0, Some(2.0), false)
        );
        assert_eq!(d.kind, DurationKind::InStage);
        assert!(d.raw.contains("1 to 2 years"));
        let d = duration_at(&a, Stage::Mid, "001", 59);
        assert_eq!(
            (d.min_years, d.max_years, d.open_ended),
            (2.0, Some(4.0), false)
        );
        let d = duration_at(&a, Stage::Senior, "001", 60);
        assert_eq!((d.min_years, d.max_years, d.open_ended), (5.0, None, true));
        assert_eq!(d.kind, DurationKind::ExperienceRequired);
        assert_eq!(d.raw, "over five years");
        let d = duration_at(&a, Stage::Junior, "004", 139);
        assert_eq!((d.min_years, d.max_years), (1.0, Some(2.0)));
        assert_eq!(d.kind, DurationKind::ToQualify);
        // Only those four lines give durations.
        let n: usize = a.stages.iter().map(|s| s.durations().count()).sum();
        assert_eq!(n, 4);
        // Several guides describe each stage; every citation is listed.
        let sources = |s: Stage| -> BTreeSet<String> {
            stage(&a, s)
                .citations
                .iter()
                .map(|c| c.cite.source[..3].to_string())
                .collect()
        };
        for (s, want) in [
            // 002 tells its stages in prose only ("Junior developers are expected to …").
            (Stage::Junior, &["000", "001", "002", "004"][..]),
            (Stage::Mid, &["000", "001", "002", "004"][..]),
            (Stage::Senior, &["000", "001", "002", "003", "004"][..]),
            (Stage::Lead, &["000", "001", "003", "004"][..]),
        ] {
            let got = sources(s);
            for w in want {
                assert!(got.contains(*w), "{s:?} lacks {w}: {got:?}");
            }
            assert_eq!(stage(&a, s).guides as usize, got.len());
        }
        let lead_roles: Vec<&str> = stage(&a, Stage::Lead)
            .citations
            .iter()
            .flat_map(|c| c.roles.iter().map(String::as_str))
            .collect();
        for role in [
            "Software Architect",
            "Engineering Manager",
            "Tech Lead",
            "Chief Technology Officer",
            "Lead Developer",
            "Technical Lead",
            "Solutions Architect",
        ] {
            assert!(lead_roles.contains(&role), "{role}: {lead_roles:?}");
        }
        let junior = &stage(&a, Stage::Junior).citations;
        assert!(junior.iter().any(|c| c.cite.source.starts_with("000")
            && c.cite.line == 229
            && c.roles == ["Junior Back-End Developer"]));
        // Salary lines never make stages.
        assert!(
            a.stages
                .iter()
                .flat_map(|s| &s.citations)
                .all(|c| !c.text.contains('$'))
        );
    }

    #[test]
    fn seed_lateral_moves() {
        let a = full();
        let tracks: Vec<&str> = a.lateral_moves.iter().map(|m| m.track.as_str()).collect();
        for t in [
            "DevOps",
            "Data engineering",
            "Full-stack development",
            "Cloud engineering",
            "Machine learning / AI",
            "Microservices",
        ] {
            let m = a
                .lateral_moves
                .iter()
                .find(|m| m.track == t)
                .unwrap_or_else(|| panic!("{t} missing: {tracks:?}"));
            assert!(
                m.citations
                    .iter()
                    .any(|c| c.cite.source.starts_with("001") && c.cite.line == 62),
                "{t}"
            );
        }
        assert!(tracks.contains(&"Cloud engineering"));
    }

    #[test]
    fn seed_learning_path() {
        let a = full();
        let from = |src: &str| -> Vec<(u32, &str)> {
            a.learning_path
                .iter()
                .filter(|s| s.cite.source.starts_with(src) && s.kind == StepKind::Step)
                .map(|s| (s.order, s.text.as_str()))
                .collect()
        };
        assert_eq!(
            from("000"),
            vec![
                (1, "Learn programming basics"),
                (2, "Choose one back-end language"),
                (3, "Practice database management"),
                (4, "Build APIs and server logic"),
                (5, "Learn cloud deployment"),
                (6, "Create real-world projects"),
            ]
        );
        assert_eq!(
            from("004"),
            vec![
                (1, "Gain relevant education"),
                (2, "Develop core technical skills"),
                (3, "Gain hands-on experience"),
                (4, "Prepare for technical interviews"),
                (5, "Position yourself strategically"),
            ]
        );
        let s002 = from("002");
        assert_eq!(
            s002[0],
            (
                1,
                "Start by mastering one backend language and learning databases deeply."
            )
        );
        assert!(s002[1].1.starts_with("Engage in hands-on projects"));
        assert!(
            s002.iter().all(|(_, t)| !crate::answer::fixtures::vocab()
                .roadmap_cues()
                .promo
                .is_match(t)),
            "{s002:?}"
        );
        let tips: Vec<&PathStep> = a
            .learning_path
            .iter()
            .filter(|s| s.cite.source.starts_with("001") && s.kind == StepKind::Tip)
            .collect();
        assert!(tips.iter().any(|t| {
            t.text
                .starts_with("Focus initially on mastering one in-demand server-side language")
        }));
        // A tips list split over two passages is numbered as one list.
        let excel: Vec<u32> = tips
            .iter()
            .filter(|t| t.list.starts_with("What tips"))
            .map(|t| t.order)
            .collect();
        assert_eq!(excel, (1..=8).collect::<Vec<_>>());
    }

    #[test]
    fn seed_interviews_and_portfolio() {
        let a = full();
        let formats: Vec<&str> = a
            .interviews
            .iter()
            .filter(|i| i.kind == ItemKind::InterviewFormat)
            .map(|i| i.text.as_str())
            .collect();
        assert_eq!(
            formats,
            vec![
                "Coding tests",
                "Database questions",
                "API design problems",
                "System design discussions"
            ]
        );
        let rounds: Vec<String> = a
            .interviews
            .iter()
            .filter(|i| i.kind == ItemKind::InterviewRound)
            .map(|i| i.label.clone().unwrap().to_lowercase())
            .collect();
        for r in [
            "phone screens",
            "coding assessments",
            "technical interviews",
            "behavioral rounds",
        ] {
            assert!(rounds.contains(&r.to_string()), "{r}: {rounds:?}");
        }
        assert!(
            a.interviews
                .iter()
                .any(|i| i.kind == ItemKind::InterviewPitfall
                    && i.cite.source.starts_with("002")
                    && i.cite.line == 62)
        );
        assert!(
            a.interviews
                .iter()
                .any(|i| i.label.as_deref() == Some("Database Design"))
        );
        assert!(a.interviews.iter().all(|i| {
            !crate::answer::fixtures::vocab()
                .roadmap_cues()
                .promo
                .is_match(&i.text)
        }));
        let kinds = |k: ItemKind| -> Vec<&str> {
            a.portfolio
                .iter()
                .filter(|i| i.kind == k)
                .map(|i| i.text.as_str())
                .collect()
        };
        assert_eq!(
            kinds(ItemKind::PortfolioInclude),
            vec![
                "Real projects",
                "GitHub code links",
                "Clear explanations of features",
                "Deployed applications"
            ]
        );
        assert_eq!(
            kinds(ItemKind::ExampleProject),
            vec![
                "User authentication system",
                "REST API for a mobile app",
                "E-commerce back-end"
            ]
        );
        let resume = kinds(ItemKind::ResumeTip);
        assert!(
            resume.contains(
                &"A skill-based resume strategy emphasizes scale, metrics, and outcomes."
            )
        );
        assert!(resume.contains(&"Customize your resume"));
        assert!(
            resume
                .iter()
                .any(|t| t.starts_with("Tailor your resume by highlighting"))
        );
    }

    #[test]
    fn seed_stage_and_focus_filters() {
        let ps = all_seed_passages();
        let junior = roadmap_answer(
            crate::answer::fixtures::vocab(),
            &ps,
            Some(Stage::Junior),
            Focus::CareerProgression,
        );
        assert_eq!(junior.stages.len(), 1);
        assert_eq!(junior.stages[0].stage, Stage::Junior);
        assert!(junior.lateral_moves.is_empty());
        assert!(
            junior.learning_path.is_empty()
                && junior.interviews.is_empty()
                && junior.portfolio.is_empty()
        );
        let interviews = roadmap_answer(
            crate::answer::fixtures::vocab(),
            &ps,
            None,
            Focus::Interviews,
        );
        assert!(
            interviews.stages.is_empty()
                && interviews.learning_path.is_empty()
                && interviews.portfolio.is_empty()
        );
        assert!(!interviews.interviews.is_empty());
        let full = roadmap_answer(crate::answer::fixtures::vocab(), &ps, None, Focus::All);
        assert_eq!(interviews.interviews, full.interviews);
        let path = roadmap_answer(
            crate::answer::fixtures::vocab(),
            &ps,
            Some(Stage::Senior),
            Focus::LearningPath,
        );
        assert_eq!(path.learning_path, full.learning_path);
        assert!(!full.is_empty());
        assert!(roadmap_answer(crate::answer::fixtures::vocab(), &[], None, Focus::All).is_empty());
        let summary = full.summary();
        assert!(
            summary
                .contains("Junior: 4 guides; 1–2 years in the stage (001_2be4012d68e4b72e.txt:58)"),
            "{summary}"
        );
        assert!(
            summary.contains("5+ years of experience (001_2be4012d68e4b72e.txt:60)"),
            "{summary}"
        );
    }

    #[test]
    fn seed_json_items_carry_their_citation() {
        let v = serde_json::to_value(full()).unwrap();
        assert_eq!(v["focus"], "all");
        let mut items: Vec<&serde_json::Value> = Vec::new();
        for s in v["stages"].as_array().unwrap() {
            items.extend(s["citations"].as_array().unwrap());
        }
        for m in v["lateral_moves"].as_array().unwrap() {
            items.extend(m["citations"].as_array().unwrap());
        }
        for key in ["learning_path", "interviews", "portfolio"] {
            items.extend(v[key].as_array().unwrap());
        }
        assert!(items.len() > 100);
        for item in items {
            assert!(item["source"].is_string(), "{item}");
            for key in ["line", "start_line", "end_line"] {
                assert!(item[key].is_u64(), "{key} in {item}");
            }
        }
        let junior = &v["stages"][0]["citations"];
        let with_duration = junior
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["duration"].is_object())
            .unwrap();
        assert_eq!(with_duration["duration"]["min_years"], 1.0);
        assert_eq!(with_duration["duration"]["max_years"], 2.0);
        assert_eq!(with_duration["duration"]["open_ended"], false);
        let back: RoadmapAnswer = serde_json::from_value(v).unwrap();
        assert_eq!(back, full());
    }

    /// Gap 3 of the roadmap: a ladder told in a paragraph that the splitter cuts into two
    /// passages of its section (mid-sentence) is one ladder, each rung cited to its own passage.
    #[test]
    fn a_ladder_paragraph_cut_across_passages_is_one_ladder() {
        let guide = "# Zookeeper Guide\n\n\
## Career progression\n\n\
Zoos differ in size, and the smallest have only a handful of keepers, so the route up is not\n\
the same everywhere; what follows is the usual pattern at a large zoo with several sections,\n\
each looking after one group of animals such as primates, birds or big cats. Smaller zoos\n\
and wildlife parks often combine the roles below, and a keeper there does a bit of everything,\n\
from feeding rounds to talks and the paperwork that licensing inspections ask for.\n\n\
Most people start as a trainee keeper on a fixed-term contract, cleaning enclosures, preparing\n\
diets and learning to read the animals' behaviour under the eye of an experienced colleague.\n\
After two or three years most trainees are promoted to keeper, with their own round of animals\n\
and a part in the daily talks to visitors; later, with the right certificate, a keeper can\n\
become a senior keeper who writes the husbandry guidelines for a section and trains others.\n\
After ten or more years a few become a head keeper, responsible for a whole section.\n\n\
## Pay\n\nKeepers earn modest salaries.\n";
        let mut passages = crate::corpus::parse_guide(
            "zoo.md",
            guide.as_bytes(),
            &crate::corpus::Manifest::default(),
            vocab().careers(),
        )
        .unwrap()
        .passages;
        for p in &mut passages {
            p.career = "Zookeeper".into();
        }
        let parts: Vec<(u32, u32)> = passages
            .iter()
            .filter(|p| p.section == "Career progression")
            .map(|p| (p.start_line, p.end_line))
            .collect();
        assert_eq!(parts.len(), 2, "the section is cut: {passages:#?}");
        let g = extract_guide(vocab(), "Zookeeper", &passages);
        let got: Vec<(Stage, &str, u32, u32, u32)> = g
            .stages
            .iter()
            .map(|c| {
                (
                    c.stage,
                    c.roles[0].as_str(),
                    c.cite.line,
                    c.cite.start_line,
                    c.cite.end_line,
                )
            })
            .collect();
        let part_of = |line: u32| {
            *parts
                .iter()
                .find(|(a, b)| *a <= line && line <= *b)
                .unwrap()
        };
        // The line naming each role.
        let on = |words: &str| {
            guide
                .lines()
                .position(|l| l.contains(words))
                .map(|i| i as u32 + 1)
                .unwrap()
        };
        let want: Vec<(Stage, &str, u32, u32, u32)> = [
            (Stage::Junior, "trainee keeper", on("as a trainee keeper")),
            (Stage::Mid, "keeper", on("promoted to keeper")),
            (Stage::Senior, "senior keeper", on("a senior keeper")),
            (Stage::Lead, "head keeper", on("a head keeper")),
        ]
        .into_iter()
        .map(|(s, r, l)| (s, r, l, part_of(l).0, part_of(l).1))
        .collect();
        assert_eq!(got, want, "{parts:?}");
        // The rungs lie on both sides of the cut.
        assert_ne!(part_of(want[0].2), part_of(want[3].2));
        for c in &g.stages {
            assert_eq!(c.cite.section, "Career progression");
        }
    }

    /// The passages of a Markdown guide of `career`, as the index reads them.
    fn guide_passages(career: &str, guide: &str) -> Vec<Passage> {
        let mut passages = crate::corpus::parse_guide(
            "g.md",
            guide.as_bytes(),
            &crate::corpus::Manifest::default(),
            vocab().careers(),
        )
        .unwrap()
        .passages;
        for p in &mut passages {
            p.career = career.into();
        }
        passages
    }

    /// A ladder table titled as the career ladder, with no years of its own, wins over a pay
    /// table by experience whose rows are roles: the rungs are the ladder's; a time to qualify
    /// said of only some students is no junior stage.
    #[test]
    fn a_ladder_table_wins_over_a_pay_table_of_roles_by_experience() {
        let guide = "# Quantity Surveyor Guide\n\n\
## How to qualify\n\n\
Earn an accredited degree. Students without an accredited degree need 6 to 8 years to qualify.\n\n\
## Salary by experience\n\n\
| Role | Experience | Salary |\n|---|---|---|\n\
| Trainee QS | 0–2 years | £26,000 |\n\
| Chartered QS | 4–7 years | £45,000 |\n\
| Commercial Director | 15+ years | £95,000 |\n\n\
## Career ladder\n\n\
| Level | Job title | What you do |\n|---|---|---|\n\
| 1 | Assistant Quantity Surveyor | Measure quantities |\n\
| 2 | Quantity Surveyor | Run a project's costs |\n\
| 3 | Senior Quantity Surveyor | Take the largest jobs |\n\
| 4 | Commercial Director | Set the strategy |\n";
        let g = extract_guide(
            vocab(),
            "Quantity Surveyor",
            &guide_passages("Quantity Surveyor", guide),
        );
        let got: Vec<(Stage, &str, &str)> = g
            .stages
            .iter()
            .map(|c| (c.stage, c.roles[0].as_str(), c.cite.section.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    Stage::Junior,
                    "Assistant Quantity Surveyor",
                    "Career ladder"
                ),
                (Stage::Mid, "Quantity Surveyor", "Career ladder"),
                (Stage::Senior, "Senior Quantity Surveyor", "Career ladder"),
                (Stage::Lead, "Commercial Director", "Career ladder"),
            ]
        );
    }

    /// Shape 5 of the fifth round: a guide with a pay table by years of experience and a
    /// career-progression table: the progression's table is the ladder, its top rung kept.
    #[test]
    fn a_progression_table_wins_over_a_pay_table_by_years() {
        let guide = "# Copywriter Guide\n\n\
## Salaries\n\n\
| Level | Experience | Typical salary |\n|---|---|---|\n\
| Junior copywriter | 0–2 years | $42,000 |\n\
| Copywriter | 2–5 years | $55,000 |\n\
| Senior copywriter | 5+ years | $75,000 |\n\n\
## Career progression\n\n\
| Role | Typical years | What you do |\n|---|---|---|\n\
| Junior copywriter | 0–2 | Social posts |\n\
| Copywriter | 2–5 | Whole campaigns |\n\
| Senior copywriter | 5–8 | Lead ideas |\n\
| Associate creative director | 8–12 | Run a team |\n\
| Creative director | 12+ | Set the standard |\n";
        let g = extract_guide(vocab(), "Copywriter", &guide_passages("Copywriter", guide));
        let got: Vec<(&str, Option<&str>, &str)> = g
            .stages
            .iter()
            .map(|c| {
                (
                    c.roles[0].as_str(),
                    c.duration.as_ref().map(|d| d.raw.as_str()),
                    c.cite.section.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("Junior copywriter", Some("0–2"), "Career progression"),
                ("Copywriter", Some("2–5"), "Career progression"),
                ("Senior copywriter", Some("5–8"), "Career progression"),
                (
                    "Associate creative director",
                    Some("8–12"),
                    "Career progression"
                ),
                ("Creative director", Some("12+"), "Career progression"),
            ]
        );
        assert_eq!(g.stages.last().unwrap().stage, Stage::Lead);
    }

    /// Shape 3 of the fifth round: a ladder with more rungs than stages; a stage two rungs share
    /// names both in the guide's order and lists them, each keeping its own time and line; a
    /// stage with one rung, or a step towards a role ("Foundations") beside one, is as before.
    /// A lead stage no ladder names is labelled by the guide's own lead role where its roles
    /// name no architect and no manager (a park ranger's "chief ranger"), in the singular; the
    /// stage's own label stays where they name both (the back-end seeds).
    #[test]
    fn a_lead_stage_is_labelled_by_the_guides_role_not_the_software_ladder() {
        let label = |career: &str, guide: &str| {
            let g = extract_guide(vocab(), career, &guide_passages(career, guide));
            let mut gathering = RoadmapGathering::default();
            gathering.gather(g);
            let facts = gathering.finish();
            let a = facts.answer(Some(career), None, Focus::All);
            a.stages
                .iter()
                .find(|s| s.stage == Stage::Lead)
                .map(|s| s.label.clone())
        };
        let ranger = "# Park Ranger\n\n## Career path\n\nWith experience, rangers can advance to chief ranger.\n";
        assert_eq!(
            label("Park Ranger", ranger).as_deref(),
            Some("Chief ranger")
        );
        let techs = "# Pharmacy Technician\n\n## Career path\n\nSome technicians move into lead technicians roles.\n";
        assert_eq!(
            label("Pharmacy Technician", techs).as_deref(),
            Some("Lead technician")
        );
        let dev = "# Developer\n\n## Career path\n\nSenior developers can advance to roles such as Software Architect or Engineering Manager.\n";
        assert_eq!(
            label("Developer", dev).as_deref(),
            Some(Stage::Lead.label())
        );
    }

    #[test]
    fn a_stage_several_rungs_share_names_each_in_order() {
        let guide = "# Wind Turbine Technician\n\n\
## Career ladder\n\n\
1. **Foundations (3–6 months).** Safety modules and a medical.\n\
2. **Trainee technician (0–1 year).** Climb with a buddy.\n\
3. **Wind turbine technician (1–3 years).** Scheduled maintenance.\n\
4. **Senior technician (3–6 years).** Complex faults.\n\
5. **Lead technician (6+ years).** Run a crew.\n\
6. **Blade repair specialist (8+ years).** Composite repairs.\n";
        let career = "Wind Turbine Technician";
        let mut gathering = RoadmapGathering::default();
        gathering.gather(extract_guide(
            vocab(),
            career,
            &guide_passages(career, guide),
        ));
        let a = gathering.finish().answer(None, None, Focus::All);
        /// (stage, label, rungs, each citation's time and line).
        type Shown<'a> = (Stage, &'a str, Vec<&'a str>, Vec<(&'a str, u32)>);
        let got: Vec<Shown> = a
            .stages
            .iter()
            .map(|s| {
                (
                    s.stage,
                    s.label.as_str(),
                    s.rungs.iter().map(String::as_str).collect(),
                    s.citations
                        .iter()
                        .map(|c| (c.duration.as_ref().unwrap().raw.as_str(), c.cite.line))
                        .collect(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    Stage::Junior,
                    "Trainee technician",
                    vec![],
                    vec![("3–6 months", 5), ("0–1 year", 6)]
                ),
                (
                    Stage::Mid,
                    "Wind turbine technician",
                    vec![],
                    vec![("1–3 years", 7)]
                ),
                (
                    Stage::Senior,
                    "Senior technician",
                    vec![],
                    vec![("3–6 years", 8)]
                ),
                (
                    Stage::Lead,
                    "Lead technician → Blade repair specialist",
                    vec!["Lead technician", "Blade repair specialist"],
                    vec![("6+ years", 9), ("8+ years", 10)]
                ),
            ]
        );
        // The JSON adds `rungs` only where several rungs share a stage.
        let v = serde_json::to_value(&a).unwrap();
        assert!(v["stages"][0].get("rungs").is_none());
        assert_eq!(v["stages"][3]["rungs"][1], "Blade repair specialist");
        let back: RoadmapAnswer = serde_json::from_value(v).unwrap();
        assert_eq!(back, a);
    }
}
