//! A career's roadmap as a timeline: its stages laid out over the years from the start of the
//! career ([`Timeline::of`], plain data), then drawn ([`draw`]) as a PNG of horizontal bars
//! ([`render_timeline`]), each bar labelled with its stage, its time as the guide says it, and
//! the number of its citation.
//!
//! Layout rule, stage by stage in career order (junior → lead):
//!
//! - **Which time.** A stage on a guide's own ladder takes its rungs' times (the guide with the
//!   most rungs gives the ladder; a stage whose ladder has two rungs — a preparation rung before
//!   the first job — gets a bar per rung, labelled by the rung's role). Any other stage takes,
//!   of its lines with a time, one in the stage ("lasts 1 to 2 years"), else one of experience
//!   it requires ("over five years of experience"), else one the guide leaves unqualified. A
//!   time to qualify ("takes 1-2 years to qualify") is a bar of its own before the first stage,
//!   when no ladder gives the way in.
//! - **Where.** Each bar starts where the previous one ends, at the earliest: its solid part is
//!   the shortest time given ("2–4 years" → 2), a light tail shows how much longer it may take
//!   (2 more). A time of experience ("6–8 years into the trade") is when the stage starts, not
//!   how long it lasts: the bar starts there (or where the previous one ends, if later) and lasts
//!   until the next stage's start, or is open-ended when none follows.
//! - **No time.** A stage without any time is drawn [`DEFAULT_YEARS`] wide, hatched, and
//!   labelled "no time given".
//!
//! Citations are numbered in bar order, so the numbers drawn match a message that cites the
//! bars first, in the same order.
//!
//! The image speaks a member's language ([`TimelineWords`]): its own words and the times from
//! the catalogue, a stage's own name as the guide wrote it.

mod draw;

use crate::answer::chart::ChartError;
use crate::answer::roadmap::{
    CareerStage, Citation, Duration, DurationKind, RoadmapAnswer, Stage, StageCitation,
    StageEvidence, capitalised,
};
use crate::choices::choice_label;
use crate::i18n::Locale;
use crate::tr;
pub use draw::{TimelineWords, render_timeline, timeline_height};

/// Width given to a stage without a time (or with a start and no end), in years.
pub const DEFAULT_YEARS: f64 = 2.0;
/// Shortest bar, in years (a month).
const SHORTEST: f64 = 1.0 / 12.0;

/// How a bar's length was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    /// A time in the stage the guide gives; `open` when it has no upper end ("5+ years").
    Stated { open: bool },
    /// The stage starts at a year of experience; it lasts until the next stage starts.
    UntilNext,
    /// The stage starts at a year of experience and nothing follows: drawn [`DEFAULT_YEARS`]
    /// wide, open to the right.
    OpenEnded,
    /// No time given: drawn [`DEFAULT_YEARS`] wide, hatched.
    NoTime,
}

/// One bar of the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// The stage (`None` for the time to qualify before the first one).
    pub stage: Option<Stage>,
    /// The guide's own words for it ("Journeyman Electrician"), or the stage's English label
    /// ("Getting qualified" for the time to qualify); [`Bar::name`] says it in a language.
    pub label: String,
    /// Years from the start of the career when it begins, at the earliest.
    pub start: f64,
    /// Its drawn length in years (the shortest time given).
    pub length: f64,
    /// How much longer it may take, in years (a range's upper end less its lower end).
    pub slack: f64,
    /// How its length was found.
    pub span: Span,
    /// Its time as the guide gives it: "4–5 years", "6–8 years of experience", "no time given".
    pub time: BarTime,
    /// The line it rests on: the one giving its time, else the stage's first.
    pub cite: Option<Citation>,
    /// The number of `cite` (1-based) among the timeline's [`Timeline::notes`].
    pub note: Option<usize>,
}

/// A bar's time, as the guide gives it.
#[derive(Debug, Clone, PartialEq)]
pub enum BarTime {
    /// How long the stage lasts ("4–5 years"), or a time the guide leaves unqualified.
    Lasts(Duration),
    /// The experience the stage starts at ("6–8 years of experience").
    Experience(Duration),
    /// The time to qualify for a first role ("1–2 years to qualify").
    ToQualify(Duration),
    /// None ("no time given").
    NotGiven,
}

impl BarTime {
    /// The time in `lang`: "4–5 years", "6–8 años de experiencia", "no time given".
    pub fn words(&self, lang: Locale) -> String {
        match self {
            BarTime::Lasts(d) => d.words(lang),
            BarTime::Experience(d) => tr!(lang, "time-of-experience", time = d.words(lang)),
            BarTime::ToQualify(d) => tr!(lang, "time-to-qualify", time = d.words(lang)),
            BarTime::NotGiven => tr!(lang, "time-not-given"),
        }
    }
}

impl Bar {
    /// Where its drawn length ends, in years.
    pub fn end(&self) -> f64 {
        self.start + self.length
    }

    /// "4–5 years [2]" in `lang`, or the time alone without a citation.
    pub fn caption(&self, lang: Locale) -> String {
        let time = self.time.words(lang);
        match self.note {
            Some(n) => format!("{time} [{n}]"),
            None => time,
        }
    }

    /// Its name in `lang`: the guide's own words as written, else the stage's label from the
    /// catalogue ("Getting qualified" for the time to qualify).
    pub fn name(&self, lang: Locale) -> String {
        match self.stage {
            Some(stage) => stage_name(stage, &self.label, lang),
            None => tr!(lang, "roadmap-getting-qualified"),
        }
    }
}

/// A stage as the guides name it ("Journeyman Electrician"), or, where they name it with no
/// words of their own (its label is the stage's own English one), the stage's label in `lang`:
/// one rule for the timeline image and the messages around it.
pub fn stage_name(stage: Stage, label: &str, lang: Locale) -> String {
    if label == stage.label() {
        choice_label(lang, stage)
    } else {
        label.to_string()
    }
}

/// One career's stages laid out over the years.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    /// The career.
    pub career: String,
    /// The bars, in career order.
    pub bars: Vec<Bar>,
    /// The bars' citations, each once, in the order the bars first cite them: `[n]` is
    /// `notes[n - 1]`.
    pub notes: Vec<Citation>,
}

/// What places a bar.
#[derive(Clone, Copy)]
enum Timing<'a> {
    /// How long it lasts.
    Lasts(&'a Duration),
    /// The year of experience it starts at.
    StartsAt(&'a Duration),
    /// Nothing.
    Unknown,
}

/// A bar before placement.
struct Phase<'a> {
    stage: Option<Stage>,
    label: String,
    timing: Timing<'a>,
    time: BarTime,
    cite: Option<&'a Citation>,
}

impl<'a> Phase<'a> {
    fn new(
        stage: Option<Stage>,
        label: &str,
        d: Option<&'a Duration>,
        cite: Option<&'a Citation>,
    ) -> Self {
        let (timing, time) = match d {
            Some(d) if d.kind == DurationKind::ExperienceRequired => {
                (Timing::StartsAt(d), BarTime::Experience(d.clone()))
            }
            Some(d) if d.kind == DurationKind::ToQualify => {
                (Timing::Lasts(d), BarTime::ToQualify(d.clone()))
            }
            Some(d) => (Timing::Lasts(d), BarTime::Lasts(d.clone())),
            None => (Timing::Unknown, BarTime::NotGiven),
        };
        Phase {
            stage,
            label: label.to_string(),
            timing,
            time,
            cite,
        }
    }

    /// The earliest year it starts at, when a time of experience says so.
    fn starts_at(&self) -> Option<f64> {
        match self.timing {
            Timing::StartsAt(d) => Some(d.min_years),
            _ => None,
        }
    }
}

/// The guide whose ladder gives the career's rungs: the one with the most, the first by name
/// on a tie.
fn ladder_source(stages: &[CareerStage]) -> Option<&str> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for c in stages.iter().flat_map(|s| &s.citations) {
        if c.evidence == StageEvidence::Ladder && c.duration.is_some() {
            match counts.iter_mut().find(|(s, _)| *s == c.cite.source) {
                Some((_, n)) => *n += 1,
                None => counts.push((&c.cite.source, 1)),
            }
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    counts.first().map(|(s, _)| *s)
}

/// The line giving a stage off the ladder its time: one in the stage, else of experience, else
/// unqualified (a time to qualify is not the stage's own).
fn timed(stage: &CareerStage) -> Option<&StageCitation> {
    [
        DurationKind::InStage,
        DurationKind::ExperienceRequired,
        DurationKind::Unspecified,
    ]
    .into_iter()
    .find_map(|kind| {
        stage
            .citations
            .iter()
            .find(|c| c.duration.as_ref().is_some_and(|d| d.kind == kind))
    })
}

/// The phases of one career's stages, before placement.
fn phases(stages: &[CareerStage]) -> Vec<Phase<'_>> {
    let ladder = ladder_source(stages);
    let mut out = Vec::new();
    if ladder.is_none()
        && let Some(c) = stages.iter().flat_map(|s| &s.citations).find(|c| {
            c.duration
                .as_ref()
                .is_some_and(|d| d.kind == DurationKind::ToQualify)
        })
    {
        out.push(Phase::new(
            None,
            &tr!(Locale::En, "roadmap-getting-qualified"),
            c.duration.as_ref(),
            Some(&c.cite),
        ));
    }
    for stage in stages {
        let rungs: Vec<&StageCitation> = stage
            .citations
            .iter()
            .filter(|c| {
                c.evidence == StageEvidence::Ladder
                    && Some(c.cite.source.as_str()) == ladder
                    && c.duration.is_some()
            })
            .collect();
        if rungs.is_empty() {
            let pick = timed(stage);
            out.push(Phase::new(
                Some(stage.stage),
                &stage.label,
                pick.and_then(|c| c.duration.as_ref()),
                pick.or(stage.citations.first()).map(|c| &c.cite),
            ));
        }
        for r in rungs {
            // A rung named mid-sentence ("as a head of department") is labelled as a title.
            let label = r
                .roles
                .first()
                .map_or_else(|| stage.label.clone(), |role| capitalised(role));
            out.push(Phase::new(
                Some(stage.stage),
                &label,
                r.duration.as_ref(),
                Some(&r.cite),
            ));
        }
    }
    out
}

impl Timeline {
    /// The timeline of `answer`'s stages, which must all be one career's.
    ///
    /// # Errors
    /// [`ChartError::Empty`] without stages; [`ChartError::SeveralCareers`] when they are
    /// several careers'.
    pub fn of(answer: &RoadmapAnswer) -> Result<Timeline, ChartError> {
        let mut careers: Vec<&str> = Vec::new();
        for s in &answer.stages {
            if !careers.contains(&s.career.as_str()) {
                careers.push(&s.career);
            }
        }
        match careers.len() {
            0 => return Err(ChartError::Empty),
            1 => {}
            n => return Err(ChartError::SeveralCareers(n)),
        }
        let phases = phases(&answer.stages);
        let mut bars: Vec<Bar> = Vec::with_capacity(phases.len());
        let mut notes: Vec<Citation> = Vec::new();
        let mut cursor = 0.0_f64;
        for (i, p) in phases.iter().enumerate() {
            let start = p.starts_at().map_or(cursor, |s| cursor.max(s));
            let (length, slack, span) = match p.timing {
                Timing::Lasts(d) => {
                    let low = d.min_years.max(SHORTEST);
                    let slack = d.max_years.map_or(0.0, |high| (high - low).max(0.0));
                    (
                        low,
                        slack,
                        Span::Stated {
                            open: d.max_years.is_none(),
                        },
                    )
                }
                Timing::StartsAt(_) => match phases.get(i + 1).and_then(Phase::starts_at) {
                    Some(next) if next >= start + SHORTEST => (next - start, 0.0, Span::UntilNext),
                    _ => (DEFAULT_YEARS, 0.0, Span::OpenEnded),
                },
                Timing::Unknown => (DEFAULT_YEARS, 0.0, Span::NoTime),
            };
            let note = p.cite.map(|c| {
                match notes
                    .iter()
                    .position(|n| n.source == c.source && n.line == c.line)
                {
                    Some(k) => k + 1,
                    None => {
                        notes.push(c.clone());
                        notes.len()
                    }
                }
            });
            bars.push(Bar {
                stage: p.stage,
                label: p.label.clone(),
                start,
                length,
                slack,
                span,
                time: p.time.clone(),
                cite: p.cite.cloned(),
                note,
            });
            cursor = start + length;
        }
        Ok(Timeline {
            career: careers[0].to_string(),
            bars,
            notes,
        })
    }

    /// The latest year any bar reaches (tails and default widths included).
    pub fn years(&self) -> f64 {
        self.bars
            .iter()
            .map(|b| b.end() + b.slack)
            .fold(0.0, f64::max)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::answer::roadmap::{Focus, parse_durations};

    fn cite(source: &str, line: u32) -> Citation {
        Citation {
            source: source.into(),
            title: "Guide".into(),
            career: "Welder".into(),
            section: "Career roadmap".into(),
            line,
            start_line: 1,
            end_line: 200,
            url: None,
        }
    }

    /// A stage line: its duration is read from `time` as a guide would write it.
    fn line(
        evidence: StageEvidence,
        role: &str,
        time: Option<&str>,
        source: &str,
        at: u32,
    ) -> StageCitation {
        StageCitation {
            stage: Stage::Junior,
            evidence,
            roles: vec![role.into()],
            text: format!("{role} does the work."),
            duration: time.map(|t| {
                let mut d = parse_durations(t);
                assert_eq!(d.len(), 1, "{t}");
                d.remove(0).1
            }),
            cite: cite(source, at),
        }
    }

    fn stage(stage: Stage, label: &str, citations: Vec<StageCitation>) -> CareerStage {
        CareerStage {
            career: "Welder".into(),
            stage,
            label: label.into(),
            guides: 1,
            rungs: Vec::new(),
            citations: citations
                .into_iter()
                .map(|c| StageCitation { stage, ..c })
                .collect(),
        }
    }

    fn answer(stages: Vec<CareerStage>) -> RoadmapAnswer {
        RoadmapAnswer {
            career: Some("Welder".into()),
            stage: None,
            focus: Focus::All,
            stages,
            lateral_moves: Vec::new(),
            learning_path: Vec::new(),
            interviews: Vec::new(),
            portfolio: Vec::new(),
        }
    }

    /// A ladder like the trades' guides write: a preparation rung, times in the stage, then times
    /// counted from the start of the career.
    pub(crate) fn trade_ladder() -> RoadmapAnswer {
        use StageEvidence::Ladder;
        answer(vec![
            stage(
                Stage::Junior,
                "Apprentice Welder",
                vec![
                    line(Ladder, "Preparation", Some("(3–12 months)"), "w.txt", 10),
                    line(
                        Ladder,
                        "Apprentice Welder",
                        Some("(4–5 years)"),
                        "w.txt",
                        12,
                    ),
                    line(
                        StageEvidence::TimeToQualify,
                        "",
                        Some("It takes four years to qualify."),
                        "w.txt",
                        40,
                    ),
                ],
            ),
            stage(
                Stage::Mid,
                "Journeyman Welder",
                vec![line(
                    Ladder,
                    "Journeyman Welder",
                    Some("(2–4 years before certification)"),
                    "w.txt",
                    14,
                )],
            ),
            stage(
                Stage::Senior,
                "Master Welder",
                vec![line(
                    Ladder,
                    "Master Welder",
                    Some("(typically 6–8 years into the trade)"),
                    "w.txt",
                    16,
                )],
            ),
            stage(
                Stage::Lead,
                "Welding Contractor",
                vec![line(
                    Ladder,
                    "Welding Contractor",
                    Some("(8–10+ years into the trade)"),
                    "w.txt",
                    18,
                )],
            ),
        ])
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    /// Each bar's time, in English.
    fn english_times(tl: &Timeline) -> Vec<String> {
        tl.bars.iter().map(|b| b.time.words(Locale::En)).collect()
    }

    #[test]
    fn a_ladder_is_laid_out_rung_after_rung_from_the_earliest_start() {
        let tl = Timeline::of(&trade_ladder()).unwrap();
        assert_eq!(tl.career, "Welder");
        let times = english_times(&tl);
        let got: Vec<(&str, f64, f64, f64, Span, &str)> = tl
            .bars
            .iter()
            .zip(&times)
            .map(|(b, time)| {
                (
                    b.label.as_str(),
                    b.start,
                    b.length,
                    b.slack,
                    b.span,
                    time.as_str(),
                )
            })
            .collect();
        let want = [
            (
                "Preparation",
                0.0,
                0.25,
                0.75,
                Span::Stated { open: false },
                "3–12 months",
            ),
            (
                "Apprentice Welder",
                0.25,
                4.0,
                1.0,
                Span::Stated { open: false },
                "4–5 years",
            ),
            (
                "Journeyman Welder",
                4.25,
                2.0,
                2.0,
                Span::Stated { open: false },
                "2–4 years",
            ),
            // Starts 6 years in, at the earliest, but not before the journeyman years end; lasts
            // until the contractor's start.
            (
                "Master Welder",
                6.25,
                1.75,
                0.0,
                Span::UntilNext,
                "6–8 years of experience",
            ),
            (
                "Welding Contractor",
                8.0,
                DEFAULT_YEARS,
                0.0,
                Span::OpenEnded,
                "8+ years of experience",
            ),
        ];
        assert_eq!(got.len(), want.len(), "{got:#?}");
        for (g, w) in got.iter().zip(want) {
            assert_eq!((g.0, g.4, g.5), (w.0, w.4, w.5), "{g:?}");
            assert!(
                close(g.1, w.1) && close(g.2, w.2) && close(g.3, w.3),
                "{g:?} != {w:?}"
            );
        }
        // On a ladder, the time to qualify is not a bar of its own.
        assert!(tl.bars.iter().all(|b| b.stage.is_some()));
        // Bars follow each other: none starts before the previous one ends.
        assert!(tl.bars.windows(2).all(|b| b[1].start >= b[0].end() - 1e-9));
        // Notes in bar order, one per line.
        assert_eq!(
            tl.bars.iter().map(|b| b.note).collect::<Vec<_>>(),
            vec![Some(1), Some(2), Some(3), Some(4), Some(5)]
        );
        assert_eq!(tl.notes[1].line, 12);
        assert_eq!(
            tl.bars[3].caption(Locale::En),
            "6–8 years of experience [4]"
        );
        assert_eq!(
            tl.bars[3].caption(Locale::Es),
            "6–8 años de experiencia [4]"
        );
        assert!(close(tl.years(), 10.0));
    }

    #[test]
    fn stages_off_a_ladder_take_their_stage_times_and_say_when_none_is_given() {
        use StageEvidence::{Described, Path, TimeToQualify};
        let a = answer(vec![
            stage(
                Stage::Junior,
                "Junior",
                vec![
                    line(Path, "Junior Welder", None, "a.txt", 3),
                    line(
                        TimeToQualify,
                        "",
                        Some("It takes 1-2 years to qualify."),
                        "b.txt",
                        9,
                    ),
                    line(
                        Described,
                        "Junior welder",
                        Some("This phase lasts 1 to 2 years."),
                        "b.txt",
                        20,
                    ),
                ],
            ),
            stage(
                Stage::Mid,
                "Mid-level",
                vec![line(
                    Described,
                    "Mid welder",
                    Some("Stay in this role 2 to 4 years."),
                    "b.txt",
                    21,
                )],
            ),
            stage(
                Stage::Senior,
                "Senior",
                vec![line(
                    Described,
                    "Senior welder",
                    Some("It requires over five years of experience."),
                    "b.txt",
                    22,
                )],
            ),
            stage(
                Stage::Lead,
                "Lead",
                vec![line(Path, "Welding Manager", None, "a.txt", 5)],
            ),
        ]);
        let tl = Timeline::of(&a).unwrap();
        let times = english_times(&tl);
        let spans: Vec<(Option<Stage>, &str, f64, f64, Span)> = tl
            .bars
            .iter()
            .zip(&times)
            .map(|(b, time)| (b.stage, time.as_str(), b.start, b.length, b.span))
            .collect();
        assert_eq!(
            spans,
            vec![
                (
                    None,
                    "1–2 years to qualify",
                    0.0,
                    1.0,
                    Span::Stated { open: false }
                ),
                (
                    Some(Stage::Junior),
                    "1–2 years",
                    1.0,
                    1.0,
                    Span::Stated { open: false }
                ),
                (
                    Some(Stage::Mid),
                    "2–4 years",
                    2.0,
                    2.0,
                    Span::Stated { open: false }
                ),
                // Five years of experience: it starts at year 5, a gap after the mid years.
                (
                    Some(Stage::Senior),
                    "5+ years of experience",
                    5.0,
                    DEFAULT_YEARS,
                    Span::OpenEnded
                ),
                (
                    Some(Stage::Lead),
                    "no time given",
                    7.0,
                    DEFAULT_YEARS,
                    Span::NoTime
                ),
            ]
        );
        assert_eq!(tl.bars[0].label, "Getting qualified");
        // The stage without a time is still cited, by its first line.
        assert_eq!(tl.bars[4].cite.as_ref().map(|c| c.line), Some(5));
        assert_eq!(tl.bars[4].caption(Locale::En), "no time given [5]");
        assert_eq!(tl.bars[0].name(Locale::Es), "Obtener la cualificación");
        // A stage's own name stays as the guide wrote it.
        assert_eq!(tl.bars[4].name(Locale::Es), "Lead");
    }

    #[test]
    fn only_one_careers_stages_make_a_timeline() {
        let mut a = trade_ladder();
        a.stages[1].career = "Plumber".into();
        assert!(matches!(
            Timeline::of(&a),
            Err(ChartError::SeveralCareers(2))
        ));
        assert!(matches!(
            Timeline::of(&answer(Vec::new())),
            Err(ChartError::Empty)
        ));
        assert!(matches!(
            render_timeline(&trade_ladder(), 500, Locale::En),
            Err(ChartError::Size(..))
        ));
    }

    #[test]
    fn the_shipped_guides_give_a_timeline() {
        let facts = crate::answer::roadmap::roadmap_answer(
            crate::answer::fixtures::vocab(),
            &crate::answer::fixtures::all_seed_passages(),
            None,
            Focus::All,
        );
        let tl = Timeline::of(&facts).unwrap();
        assert!(tl.bars.len() >= 4, "{tl:#?}");
        assert!(tl.bars.iter().any(|b| b.span == Span::NoTime));
        assert!(tl.bars.iter().all(|b| b.note.is_some()));
    }
}
