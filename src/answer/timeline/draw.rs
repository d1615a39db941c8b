//! Drawing a [`Timeline`]: a row per bar (its label and stage on the left, the bar over an axis
//! of years, its time and citation number after it), the key above, the citations below; its
//! words in a member's language ([`TimelineWords`]).

use plotters::prelude::*;

use super::{Span, Timeline};
use crate::answer::chart::paint::{
    self, Align, BAND, BAND_EDGE, ChartError, INK, MAX_SIZE, MIN_SIZE, MUTED, Metrics, PALETTE,
    Painter, RULE, tick_step,
};
use crate::answer::roadmap::{RoadmapAnswer, Stage};
use crate::i18n::Locale;
use crate::tr;

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

/// One bar's row, in words.
#[derive(Debug, Clone, PartialEq)]
pub struct RowWords {
    /// The bar's name: the guide's own, or the stage's from the catalogue.
    pub name: String,
    /// The stage it is at ("Junior stage", "Before the first job").
    pub stage: String,
    /// Its time and citation number ("4–5 years [2]").
    pub caption: String,
}

/// Every word a timeline draws, in one language: its own from the catalogue, the bars' names
/// as [`Bar::name`](super::Bar::name) gives them. The drawer writes these, the axis's years
/// and the citations' files and lines, and nothing else.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineWords {
    /// "Electrician: career timeline".
    pub title: String,
    /// The key under the title, item by item.
    pub key: Vec<String>,
    /// The axis's title.
    pub axis: String,
    /// A row per bar, in bar order.
    pub rows: Vec<RowWords>,
}

impl TimelineWords {
    /// The words of `timeline` drawn in `lang`.
    pub fn of(timeline: &Timeline, lang: Locale) -> TimelineWords {
        TimelineWords {
            title: tr!(lang, "timeline-title", career = timeline.career.as_str()),
            key: vec![
                tr!(lang, "timeline-key-start"),
                tr!(lang, "timeline-key-tail"),
                tr!(lang, "timeline-key-open"),
                tr!(lang, "timeline-key-hatched"),
            ],
            axis: tr!(lang, "timeline-axis"),
            rows: timeline
                .bars
                .iter()
                .map(|b| RowWords {
                    name: b.name(lang),
                    stage: tr!(
                        lang,
                        "timeline-stage",
                        stage = b.stage.map_or("none", Stage::id)
                    ),
                    caption: b.caption(lang),
                })
                .collect(),
        }
    }
}

/// Renders the timeline of `answer` (one career's stages) as a PNG `width` pixels wide and as
/// tall as its rows need ([`timeline_height`]), its words in `lang`.
///
/// # Errors
/// As [`Timeline::of`]; [`ChartError::Size`] for a width outside 600..=4096.
pub fn render_timeline(
    answer: &RoadmapAnswer,
    width: u32,
    lang: Locale,
) -> Result<Vec<u8>, ChartError> {
    let timeline = Timeline::of(answer)?;
    let height = timeline_height(&timeline, width)?;
    let words = TimelineWords::of(&timeline, lang);
    paint::render_scaled(width, height, scale(width), lang, |p| {
        draw(p, &timeline, &words)
    })
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

fn draw(p: &Painter<'_, '_>, tl: &Timeline, words: &TimelineWords) -> Result<(), ChartError> {
    let (w, h) = p.size;
    let px = |v: f64| p.px(v);
    let margin = px(MARGIN);

    // --- Title and key -------------------------------------------------------
    p.title(&words.title, margin)?;
    let key = p.flow(&words.key, 12.0, w - 2 * margin);
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
        .zip(&words.rows)
        .map(|(b, row)| {
            let room = f64::from(p.width(&row.caption, 12.0) + px(34.0));
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
        &words.axis,
        (left + right) / 2,
        bottom + px(38.0),
        13.0,
        MUTED,
        Align::Center,
    )?;

    // --- Rows ----------------------------------------------------------------
    let half = px(9.0);
    for ((i, bar), row) in tl.bars.iter().enumerate().zip(&words.rows) {
        let row_top = top + row_h * i as i32;
        let cy = row_top + row_h / 2;
        if i > 0 {
            p.line(vec![(margin, row_top), (right, row_top)], RULE)?;
        }
        let c = colour(bar.stage);
        p.text(
            &p.fit(&row.name, 14.0, label_w - px(12.0)),
            margin,
            cy - px(2.0),
            14.0,
            INK,
            Align::Left,
        )?;
        p.text(
            &p.fit(&row.stage, 11.0, label_w - px(12.0)),
            margin,
            cy + px(14.0),
            11.0,
            MUTED,
            Align::Left,
        )?;

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
        let caption = &row.caption;
        let lw = p.width(caption, 12.0);
        let lx = if end + px(6.0) + lw <= w - 2 {
            end + px(6.0)
        } else {
            (xs - px(6.0) - lw).max(left + 2)
        };
        p.text(caption, lx, cy + px(4.0), 12.0, INK, Align::Left)?;
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
    use super::super::tests::trade_ladder;
    use super::*;
    use crate::answer::chart::paint::tests::{assert_draws, decode, distinct_colours};
    use crate::answer::roadmap::Focus;

    #[test]
    fn renders_a_png_as_tall_as_its_rows() {
        let a = trade_ladder();
        let tl = Timeline::of(&a).unwrap();
        let bytes = render_timeline(&a, 1000, Locale::En).unwrap();
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
        let (w2, h2, _) = decode(&render_timeline(&a, 1600, Locale::En).unwrap());
        assert_eq!((w2, h2), (1600, timeline_height(&tl, 1600).unwrap()));
        assert!(h2 > h);
        assert_eq!(bytes, render_timeline(&a, 1000, Locale::En).unwrap());
        // To look at it: TIMELINE_OUT=/tmp/timeline.png cargo test renders_a_png
        if let Some(path) = std::env::var_os("TIMELINE_OUT") {
            std::fs::write(path, &bytes).unwrap();
        }
    }

    #[test]
    fn sizes_and_careers_are_checked() {
        assert!(matches!(
            render_timeline(&trade_ladder(), 500, Locale::En),
            Err(ChartError::Size(..))
        ));
        let facts = crate::answer::roadmap::roadmap_answer(
            crate::answer::fixtures::vocab(),
            &crate::answer::fixtures::all_seed_passages(),
            None,
            Focus::All,
        );
        let (w, _, _) = decode(&render_timeline(&facts, 800, Locale::En).unwrap());
        assert_eq!(w, 800);
    }

    /// Every word a [`TimelineWords`] holds.
    fn all(words: &TimelineWords) -> Vec<String> {
        let mut out = vec![words.title.clone(), words.axis.clone()];
        out.extend(words.key.iter().take(2).cloned());
        for r in &words.rows {
            out.extend([r.name.clone(), r.stage.clone(), r.caption.clone()]);
        }
        out
    }

    /// The timeline's own words and times are the catalogue's in the member's language, and
    /// drawn; the stages' own names as the guide wrote them.
    #[test]
    fn the_timeline_says_its_words_in_the_language_asked() {
        let a = trade_ladder();
        let tl = Timeline::of(&a).unwrap();
        let mut said = Vec::new();
        for lang in Locale::ALL {
            let words = TimelineWords::of(&tl, lang);
            assert_eq!(words.title, tr!(lang, "timeline-title", career = "Welder"));
            assert_eq!(words.axis, tr!(lang, "timeline-axis"));
            assert_eq!(
                words.key,
                [
                    tr!(lang, "timeline-key-start"),
                    tr!(lang, "timeline-key-tail"),
                    tr!(lang, "timeline-key-open"),
                    tr!(lang, "timeline-key-hatched"),
                ]
            );
            for (row, bar) in words.rows.iter().zip(&tl.bars) {
                assert_eq!(row.name, bar.name(lang));
                assert_eq!(row.caption, bar.caption(lang));
                let id = bar.stage.map_or("none", Stage::id);
                assert_eq!(row.stage, tr!(lang, "timeline-stage", stage = id));
            }
            let png = render_timeline(&a, 1000, lang).unwrap();
            said.push((lang, words, png));
        }
        let (en, es) = (&said[0], &said[1]);
        assert_eq!(es.1.title, "Welder: cronología de la carrera");
        assert_eq!(es.1.axis, "Años desde el inicio de la carrera");
        let stages: Vec<&str> = es.1.rows.iter().map(|r| r.stage.as_str()).collect();
        assert_eq!(
            stages,
            [
                "Etapa júnior",
                "Etapa júnior",
                "Etapa intermedia",
                "Etapa sénior",
                "Etapa de liderazgo"
            ]
        );
        assert_eq!(es.1.rows[3].caption, "6–8 años de experiencia [4]");
        // The guide's rungs keep their names.
        assert_eq!(es.1.rows[2].name, "Journeyman Welder");
        assert_draws(&es.2, Locale::Es, &all(&es.1), &all(&en.1));
        assert_draws(&en.2, Locale::En, &all(&en.1), &all(&es.1));
        // A stage without words of its own, and the time to qualify, are named in Spanish.
        let facts = crate::answer::roadmap::roadmap_answer(
            crate::answer::fixtures::vocab(),
            &crate::answer::fixtures::all_seed_passages(),
            None,
            Focus::All,
        );
        let tl = Timeline::of(&facts).unwrap();
        let words = TimelineWords::of(&tl, Locale::Es);
        assert!(
            words
                .rows
                .iter()
                .any(|r| r.caption.starts_with("sin plazo indicado")),
            "{words:?}"
        );
        assert_draws(
            &render_timeline(&facts, 1000, Locale::Es).unwrap(),
            Locale::Es,
            &all(&words),
            &all(&TimelineWords::of(&tl, Locale::En)),
        );
    }
}
