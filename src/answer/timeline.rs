//! A career's roadmap as a timeline: its stages laid out over the years from the start of the
//! career ([`Timeline::of`], plain data), then drawn as a PNG of horizontal bars
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

use plotters::prelude::*;

use crate::answer::chart::paint::{
    self, Align, BAND, BAND_EDGE, ChartError, INK, MAX_SIZE, MIN_SIZE, MUTED, Metrics, PALETTE,
    Painter, RULE, tick_step,
};
use crate::answer::roadmap::{
    CareerStage, Citation, Duration, DurationKind, RoadmapAnswer, Stage, StageCitation,
    StageEvidence,
};

/// Width given to a stage without a time (or with a start and no end), in years.
pub const DEFAULT_YEARS: f64 = 2.0;
/// Shortest bar, in years (a month).
const SHORTEST: f64 = 1.0 / 12.0;
/// Label of the time-to-qualify bar.
pub const QUALIFY_LABEL: &str = "Getting qualified";

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
    /// The guide's own words for it ("Journeyman Electrician"), or the stage's label.
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
    pub time: String,
    /// The line it rests on: the one giving its time, else the stage's first.
    pub cite: Option<Citation>,
    /// The number of `cite` (1-based) among the timeline's [`Timeline::notes`].
    pub note: Option<usize>,
}

impl Bar {
    /// Where its drawn length ends, in years.
    pub fn end(&self) -> f64 {
        self.start + self.length
    }

    /// "4–5 years [2]", or the time alone without a citation.
    pub fn caption(&self) -> String {
        match self.note {
            Some(n) => format!("{} [{n}]", self.time),
            None => self.time.clone(),
        }
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
    time: String,
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
                (Timing::StartsAt(d), format!("{} of experience", d.label()))
            }
            Some(d) if d.kind == DurationKind::ToQualify => {
                (Timing::Lasts(d), format!("{} to qualify", d.label()))
            }
            Some(d) => (Timing::Lasts(d), d.label()),
            None => (Timing::Unknown, "no time given".to_string()),
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
            QUALIFY_LABEL,
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
            let label = r.roles.first().map_or(stage.label.as_str(), String::as_str);
            out.push(Phase::new(
                Some(stage.stage),
                label,
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

/// Type and spacing scale of a timeline `width` pixels wide (1.0 at 1000).
fn scale(width: u32) -> f64 {
    (f64::from(width) / 1000.0).clamp(0.6, 2.5)
}

// Design sizes (pixels at scale 1.0).
const MARGIN: f64 = 16.0;
const HEAD: f64 = 96.0;
const ROW: f64 = 46.0;
const AXIS: f64 = 52.0;
const NOTE_LINE: f64 = 16.0;
const NOTE_SIZE: f64 = 11.0;

/// The citation list drawn under the bars, flowed into lines `width` pixels wide.
fn note_lines(metrics: &Metrics, timeline: &Timeline, width: u32) -> Vec<String> {
    let parts: Vec<String> = timeline
        .notes
        .iter()
        .enumerate()
        .map(|(i, c)| format!("[{}] {}:{}", i + 1, c.source, c.line))
        .collect();
    let max = width as i32 - 2 * metrics.px(MARGIN);
    metrics.flow(&parts, NOTE_SIZE, max)
}

/// The height of `timeline` drawn `width` pixels wide: a row per bar, the axis, the citations.
///
/// # Errors
/// [`ChartError::Font`] when the embedded font cannot be read.
pub fn timeline_height(timeline: &Timeline, width: u32) -> Result<u32, ChartError> {
    let metrics = Metrics::new(scale(width))?;
    let lines = note_lines(&metrics, timeline, width).len() as f64;
    let design = HEAD + ROW * timeline.bars.len() as f64 + AXIS + NOTE_LINE * lines + MARGIN;
    Ok(((design * metrics.scale).round() as u32).clamp(MIN_SIZE.1, MAX_SIZE))
}

/// Renders the timeline of `answer` (one career's stages) as a PNG `width` pixels wide and as
/// tall as its rows need ([`timeline_height`]).
///
/// # Errors
/// As [`Timeline::of`]; [`ChartError::Size`] for a width outside 600..=4096.
pub fn render_timeline(answer: &RoadmapAnswer, width: u32) -> Result<Vec<u8>, ChartError> {
    let timeline = Timeline::of(answer)?;
    let height = timeline_height(&timeline, width)?;
    paint::render_scaled(width, height, scale(width), |p| draw(p, &timeline))
}

/// A stage's colour (the time to qualify is grey).
fn colour(stage: Option<Stage>) -> RGBColor {
    match stage {
        Some(Stage::Junior) => PALETTE[0],
        Some(Stage::Mid) => PALETTE[2],
        Some(Stage::Senior) => PALETTE[1],
        Some(Stage::Lead) => PALETTE[4],
        None => PALETTE[7],
    }
}

/// A light tint of `c` (its mix with white).
fn tint(c: RGBColor, amount: f64) -> RGBColor {
    let mix = |v: u8| (f64::from(v) * amount + 255.0 * (1.0 - amount)).round() as u8;
    RGBColor(mix(c.0), mix(c.1), mix(c.2))
}

fn draw(p: &Painter<'_, '_>, tl: &Timeline) -> Result<(), ChartError> {
    let (w, h) = p.size;
    let px = |v: f64| p.px(v);
    let margin = px(MARGIN);

    // --- Title and key -------------------------------------------------------
    p.text(
        &p.fit(
            &format!("{}: career timeline", tl.career),
            22.0,
            w - 2 * margin,
        ),
        margin,
        margin + px(20.0),
        22.0,
        INK,
        Align::Left,
    )?;
    let key = p.flow(
        &[
            "Bars start at the earliest year the guides allow",
            "Light tail: how much longer a stage may take",
            "▶ open-ended",
            "Hatched: no time given",
        ],
        12.0,
        w - 2 * margin,
    );
    for (i, line) in key.iter().take(2).enumerate() {
        p.text(
            line,
            margin,
            margin + px(44.0) + i as i32 * px(17.0),
            12.0,
            MUTED,
            Align::Left,
        )?;
    }

    // --- Geometry ------------------------------------------------------------
    let top = px(HEAD);
    let row_h = px(ROW);
    let bottom = top + row_h * tl.bars.len() as i32;
    let label_w = px(270.0);
    let left = margin + label_w;
    let right = w - margin;
    let plot_w = f64::from(right - left);
    let years = tl.years().max(1.0);
    // Each bar's caption goes right of it: the axis reaches far enough for the widest to fit,
    // x1 ≥ end·w / (w − room) for every bar (room: its caption and arrow).
    let reach = tl
        .bars
        .iter()
        .map(|b| {
            let room = f64::from(p.width(&b.caption(), 12.0) + px(34.0));
            let r = (room / plot_w).min(0.6);
            (b.end() + b.slack) / (1.0 - r)
        })
        .fold(years, f64::max);
    let step = tick_step(
        reach,
        plot_w / (60.0 * p.scale),
        &[0.5, 1.0, 2.0, 5.0, 10.0, 20.0],
    );
    let x1 = (reach / step).ceil() * step;
    let xp = |y: f64| left + (y / x1 * plot_w).round() as i32;

    // Grid, ticks and axis.
    let mut t = 0.0;
    while t <= x1 + 1e-9 {
        let gx = xp(t);
        p.line(vec![(gx, top), (gx, bottom)], RULE)?;
        let label = if step < 1.0 {
            format!("{t:.1}")
        } else {
            format!("{t:.0}")
        };
        p.text(&label, gx, bottom + px(18.0), 12.0, MUTED, Align::Center)?;
        t += step;
    }
    p.line(vec![(left, bottom), (right, bottom)], BAND_EDGE)?;
    p.line(vec![(left, top), (left, bottom)], BAND_EDGE)?;
    p.text(
        "Years from the start of the career",
        (left + right) / 2,
        bottom + px(38.0),
        13.0,
        MUTED,
        Align::Center,
    )?;

    // --- Rows ----------------------------------------------------------------
    let half = px(9.0);
    for (i, bar) in tl.bars.iter().enumerate() {
        let row_top = top + row_h * i as i32;
        let cy = row_top + row_h / 2;
        if i > 0 {
            p.line(vec![(margin, row_top), (right, row_top)], RULE)?;
        }
        let c = colour(bar.stage);
        p.text(
            &p.fit(&bar.label, 14.0, label_w - px(12.0)),
            margin,
            cy - px(2.0),
            14.0,
            INK,
            Align::Left,
        )?;
        let level = match bar.stage {
            Some(Stage::Junior) => "Junior stage",
            Some(Stage::Mid) => "Mid-level stage",
            Some(Stage::Senior) => "Senior stage",
            Some(Stage::Lead) => "Lead stage",
            None => "Before the first job",
        };
        p.text(level, margin, cy + px(14.0), 11.0, MUTED, Align::Left)?;

        let (xs, xe) = (xp(bar.start), xp(bar.end()).max(xp(bar.start) + 2));
        // A gap after the previous bar (a stage starting later than the last one ended).
        if let Some(prev) = i.checked_sub(1).map(|k| &tl.bars[k])
            && bar.start > prev.end() + 1e-9
        {
            let mut x = xp(prev.end());
            while x < xs {
                p.fill(
                    [(x, cy - 1), ((x + px(3.0)).min(xs), cy + 1)],
                    MUTED.filled(),
                )?;
                x += px(7.0);
            }
        }
        let mut end = xe;
        match bar.span {
            Span::Stated { open } => {
                p.fill([(xs, cy - half), (xe, cy + half)], c.filled())?;
                if bar.slack > 0.0 {
                    let xt = xp(bar.end() + bar.slack);
                    p.fill([(xe, cy - half), (xt, cy + half)], tint(c, 0.35).filled())?;
                    end = xt;
                }
                if open {
                    end = arrow(p, end, cy, half, c)?;
                }
            }
            Span::UntilNext => {
                p.fill([(xs, cy - half), (xe, cy + half)], c.filled())?;
            }
            Span::OpenEnded => {
                p.fill([(xs, cy - half), (xe, cy + half)], tint(c, 0.45).filled())?;
                p.fill([(xs, cy - half), (xs + px(3.0), cy + half)], c.filled())?;
                end = arrow(p, end, cy, half, tint(c, 0.45))?;
            }
            Span::NoTime => {
                p.fill([(xs, cy - half), (xe, cy + half)], BAND.filled())?;
                hatch(p, (xs, cy - half), (xe, cy + half), BAND_EDGE)?;
                p.fill([(xs, cy - half), (xe, cy + half)], BAND_EDGE)?;
            }
        }
        let caption = bar.caption();
        let lw = p.width(&caption, 12.0);
        let lx = if end + px(6.0) + lw <= w - 2 {
            end + px(6.0)
        } else {
            (xs - px(6.0) - lw).max(left + 2)
        };
        p.text(&caption, lx, cy + px(4.0), 12.0, INK, Align::Left)?;
    }

    // --- Citations -----------------------------------------------------------
    let mut baseline = bottom + px(AXIS) + px(4.0);
    for line in note_lines(p, tl, w as u32) {
        if baseline > h - 2 {
            break;
        }
        p.text(&line, margin, baseline, NOTE_SIZE, MUTED, Align::Left)?;
        baseline += px(NOTE_LINE);
    }
    Ok(())
}

/// A right-pointing arrow after `x`; returns where it ends.
fn arrow(p: &Painter<'_, '_>, x: i32, cy: i32, half: i32, c: RGBColor) -> Result<i32, ChartError> {
    let a = half + p.px(2.0);
    let base = x + p.px(2.0);
    let tip = base + a;
    p.polygon(vec![(base, cy - a), (tip, cy), (base, cy + a)], c)?;
    Ok(tip)
}

/// Diagonal hatching inside a rectangle.
fn hatch(
    p: &Painter<'_, '_>,
    (x0, y0): (i32, i32),
    (x1, y1): (i32, i32),
    c: RGBColor,
) -> Result<(), ChartError> {
    let height = y1 - y0;
    let gap = p.px(7.0).max(3);
    let mut x = x0 - height;
    while x < x1 {
        // The line from (x, y1) up to (x + height, y0), clipped to x0..=x1.
        let (sx, sy) = if x < x0 { (x0, y1 - (x0 - x)) } else { (x, y1) };
        let (ex, ey) = if x + height > x1 {
            (x1, y1 - (x1 - x))
        } else {
            (x + height, y0)
        };
        if sx < ex {
            p.line(vec![(sx, sy), (ex, ey)], c)?;
        }
        x += gap;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::chart::paint::tests::{decode, distinct_colours};
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
    fn trade_ladder() -> RoadmapAnswer {
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

    #[test]
    fn a_ladder_is_laid_out_rung_after_rung_from_the_earliest_start() {
        let tl = Timeline::of(&trade_ladder()).unwrap();
        assert_eq!(tl.career, "Welder");
        let got: Vec<(&str, f64, f64, f64, Span, &str)> = tl
            .bars
            .iter()
            .map(|b| {
                (
                    b.label.as_str(),
                    b.start,
                    b.length,
                    b.slack,
                    b.span,
                    b.time.as_str(),
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
        assert_eq!(tl.bars[3].caption(), "6–8 years of experience [4]");
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
        let spans: Vec<(Option<Stage>, &str, f64, f64, Span)> = tl
            .bars
            .iter()
            .map(|b| (b.stage, b.time.as_str(), b.start, b.length, b.span))
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
        assert_eq!(tl.bars[0].label, QUALIFY_LABEL);
        // The stage without a time is still cited, by its first line.
        assert_eq!(tl.bars[4].cite.as_ref().map(|c| c.line), Some(5));
        assert_eq!(tl.bars[4].caption(), "no time given [5]");
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
            render_timeline(&trade_ladder(), 500),
            Err(ChartError::Size(..))
        ));
    }

    #[test]
    fn renders_a_png_as_tall_as_its_rows() {
        let a = trade_ladder();
        let tl = Timeline::of(&a).unwrap();
        let bytes = render_timeline(&a, 1000).unwrap();
        assert!(bytes.starts_with(b"\x89PNG"));
        let (w, h, rgb) = decode(&bytes);
        assert_eq!((w, h), (1000, timeline_height(&tl, 1000).unwrap()));
        // 5 rows at 46 px, plus the head, axis and a line of citations.
        assert_eq!(h, (HEAD + 5.0 * ROW + AXIS + NOTE_LINE + MARGIN) as u32);
        let non_white = rgb.chunks(3).filter(|p| p != &[255, 255, 255]).count();
        assert!(non_white > 15_000, "only {non_white} non-white pixels");
        assert!(distinct_colours(&rgb) > 30);
        // Each stage's colour is drawn.
        for stage in Stage::ALL {
            let c = colour(Some(stage));
            assert!(rgb.chunks(3).any(|p| p == [c.0, c.1, c.2]), "{stage:?}");
        }
        // Wider canvases scale, and the same input gives the same bytes.
        let (w2, h2, _) = decode(&render_timeline(&a, 1600).unwrap());
        assert_eq!((w2, h2), (1600, timeline_height(&tl, 1600).unwrap()));
        assert!(h2 > h);
        assert_eq!(bytes, render_timeline(&a, 1000).unwrap());
        // To look at it: TIMELINE_OUT=/tmp/timeline.png cargo test renders_a_png
        if let Some(path) = std::env::var_os("TIMELINE_OUT") {
            std::fs::write(path, &bytes).unwrap();
        }
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
        let (w, _, _) = decode(&render_timeline(&facts, 800).unwrap());
        assert_eq!(w, 800);
    }
}
