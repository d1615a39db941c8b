//! Salary charts: a [`SalaryAnswer`] as a PNG range chart (levels × sources, per-level summary
//! band and median, open ends marked), or, for an answer spanning several careers, the careers
//! side by side by level ([`compare`]); both drawn with [`paint`]'s embedded font, in a
//! member's language: the chart's own words come from the catalogue ([`SalaryWords`]), the
//! guides' titles are drawn as written, the amounts as the text answer writes them.

pub mod compare;
pub(crate) mod paint;

use std::collections::BTreeMap;

use plotters::prelude::*;

use super::salary::{Currency, Level, Period, SalaryAnswer, SalaryFigure};
use crate::choices::choice_label;
use crate::i18n::Locale;
use crate::tr;
pub use compare::{ComparisonWords, render_comparison_chart};
use paint::{Align, BAND, BAND_EDGE, INK, MUTED, PALETTE, Painter, RULE, tick_step};
pub use paint::{ChartError, ImageText, MAX_SIZE, MIN_SIZE};

/// A guide's title shortened for the legend: the part before a subtitle
/// separator, at most 44 characters.
pub fn short_title(title: &str, source: &str) -> String {
    let t = title.trim();
    if t.is_empty() {
        return source.to_string();
    }
    let mut cut = t;
    for sep in [": ", " | ", " – ", " — ", " - "] {
        if let Some(p) = cut.find(sep)
            && cut[..p].chars().count() >= 12
        {
            cut = &cut[..p];
        }
    }
    let mut cut = cut.trim();
    // Still long: drop trailing clauses ("…, Responsibilities & Career Outlook").
    for sep in [", ", " & ", " and "] {
        if cut.chars().count() > 44
            && let Some(p) = cut.find(sep)
            && cut[..p].chars().count() >= 12
        {
            cut = &cut[..p];
        }
    }
    if cut.chars().count() <= 44 {
        return cut.to_string();
    }
    // Last resort: whole words up to 43 characters.
    let mut out = String::new();
    for word in cut.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > 43 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = cut.chars().take(43).collect();
    }
    format!("{out}…")
}

/// An axis tick: whole thousands after the currency's symbol, as the text answers write
/// yearly amounts ("$150K").
pub(crate) fn tick(currency: &Currency, thousands: f64) -> String {
    format!("{}{thousands:.0}K", currency.symbol)
}

/// The one currency a chart's axis is in: of the yearly `currencies` given (one per figure or
/// summary), the most frequent, the first given among equals. Figures in other currencies are
/// not drawn on it, and the chart says so.
pub(crate) fn axis_currency<'a>(
    currencies: impl Iterator<Item = &'a Currency>,
) -> Option<&'a Currency> {
    let mut counts: Vec<(&Currency, usize)> = Vec::new();
    for c in currencies {
        match counts.iter_mut().find(|(x, _)| *x == c) {
            Some((_, n)) => *n += 1,
            None => counts.push((c, 1)),
        }
    }
    // `max_by_key` keeps the last of equals; the first given wins ties.
    counts.iter().rev().max_by_key(|(_, n)| *n).map(|(c, _)| *c)
}

/// What a salary chart draws on its one axis: the figures and summaries per year in its
/// currency, and the codes of the currencies it leaves out.
struct OnAxis<'a> {
    answer: SalaryAnswer,
    currency: &'a Currency,
    left_out: Vec<&'a str>,
}

/// One level's band of a salary chart, in words: its name, its range and median, its guides.
#[derive(Debug, Clone, PartialEq)]
pub struct BandWords {
    /// The level.
    pub level: Level,
    /// Its name ("Entry level", "Nivel inicial").
    pub name: String,
    /// "$60K–$95K, median $81.8K": the amounts as the text answer writes them.
    pub range: String,
    /// "3 sources".
    pub sources: String,
}

/// Every word a salary chart of one career's guides draws of its own, in one language, from
/// the catalogue (`locales/*/images.ftl`): the drawer writes these, the amounts and the guides'
/// titles, and nothing else.
#[derive(Debug, Clone, PartialEq)]
pub struct SalaryWords {
    /// "Salary ranges by level (USD per year)".
    pub title: String,
    /// The key above the plot, item by item (the last names the currencies left out, if any).
    pub key: Vec<String>,
    /// The x axis's title.
    pub axis: String,
    /// The level bands, top to bottom.
    pub bands: Vec<BandWords>,
}

impl SalaryWords {
    /// The words of a chart of `answer` in `lang`.
    ///
    /// # Errors
    /// [`ChartError::Empty`] when the answer has no yearly figure to draw.
    pub fn of(answer: &SalaryAnswer, lang: Locale) -> Result<SalaryWords, ChartError> {
        Ok(SalaryWords::on(&on_axis(answer)?, lang))
    }

    fn on(axis: &OnAxis<'_>, lang: Locale) -> SalaryWords {
        let code = axis.currency.code.as_str();
        let title = match axis.answer.level {
            Some(l) => tr!(
                lang,
                "chart-salary-title-level",
                level = choice_label(lang, l),
                code = code
            ),
            None => tr!(lang, "chart-salary-title", code = code),
        };
        let mut key = vec![
            tr!(lang, "chart-salary-key-bars"),
            tr!(lang, "chart-salary-key-band"),
            tr!(lang, "chart-salary-key-median"),
            tr!(lang, "chart-salary-key-open"),
        ];
        if !axis.left_out.is_empty() {
            key.push(tr!(
                lang,
                "chart-salary-not-drawn",
                currencies = axis.left_out.join(", ")
            ));
        }
        let bands = axis
            .answer
            .summaries
            .iter()
            .map(|s| BandWords {
                level: s.level,
                name: choice_label(lang, s.level),
                range: tr!(
                    lang,
                    "chart-level-range",
                    range = s.range_in(lang),
                    median = s.median_in(lang)
                ),
                sources: tr!(lang, "chart-level-sources", count = s.sources),
            })
            .collect();
        SalaryWords {
            title,
            key,
            axis: tr!(lang, "chart-axis-thousands", code = code),
            bands,
        }
    }
}

/// The figures and summaries of `answer` a chart draws on one axis in one currency per year.
fn on_axis(answer: &SalaryAnswer) -> Result<OnAxis<'_>, ChartError> {
    let yearly = answer
        .rows
        .iter()
        .filter(|r| r.figure.period == Period::Year);
    let Some(currency) = axis_currency(yearly.map(|r| &r.figure.currency)) else {
        return Err(ChartError::Empty);
    };
    let drawn = |period: Period, c: &Currency| period == Period::Year && c == currency;
    let mut left_out: Vec<&str> = Vec::new();
    for r in &answer.rows {
        let code = r.figure.currency.code.as_str();
        if r.figure.currency != *currency && !left_out.contains(&code) {
            left_out.push(code);
        }
    }
    let on_axis = SalaryAnswer {
        rows: answer
            .rows
            .iter()
            .filter(|r| drawn(r.figure.period, &r.figure.currency))
            .cloned()
            .collect(),
        summaries: answer
            .summaries
            .iter()
            .filter(|s| drawn(s.period, &s.currency))
            .cloned()
            .collect(),
        ..answer.clone()
    };
    if on_axis.rows.is_empty() || on_axis.summaries.is_empty() {
        return Err(ChartError::Empty);
    }
    Ok(OnAxis {
        answer: on_axis,
        currency,
        left_out,
    })
}

/// Renders the answer as a PNG of `width` × `height` pixels, its words in `lang`.
///
/// One row band per level (in [`Level::ALL`] order) holding one bar per source
/// from `low` to `high` (a diamond for a point figure), a right-pointing arrow
/// and "+" on open-ended figures, the level's lowest–highest summary band shaded
/// behind the bars with the median of midpoints as a dark line, the x axis in
/// thousands of one currency per year, and a legend naming the sources by short title.
///
/// One axis in one currency per year: figures stated per hour or month are not drawn on it,
/// nor figures in another currency than most yearly figures' ([`axis_currency`]) — the key
/// names the currencies left out.
///
/// # Errors
/// [`ChartError::Empty`] without a yearly figure; [`ChartError::Size`] outside the accepted
/// sizes.
pub fn render_salary_chart(
    answer: &SalaryAnswer,
    width: u32,
    height: u32,
    lang: Locale,
) -> Result<Vec<u8>, ChartError> {
    let axis = on_axis(answer)?;
    let words = SalaryWords::on(&axis, lang);
    paint::render(width, height, lang, |p| {
        draw(p, &axis.answer, axis.currency, &words, lang)
    })
}

fn draw(
    p: &Painter<'_, '_>,
    answer: &SalaryAnswer,
    currency: &Currency,
    words: &SalaryWords,
    lang: Locale,
) -> Result<(), ChartError> {
    let s = p.scale;
    let px = |v: f64| p.px(v);
    let w = p.size.0;

    // Sources, numbered in id order; each keeps one colour everywhere.
    let mut sources: BTreeMap<&str, &str> = BTreeMap::new();
    for r in &answer.rows {
        sources
            .entry(&r.figure.cite.source)
            .or_insert(&r.figure.cite.title);
    }
    let index: BTreeMap<&str, usize> = sources.keys().enumerate().map(|(i, k)| (*k, i)).collect();
    let colour = |source: &str| PALETTE[index.get(source).copied().unwrap_or(0) % PALETTE.len()];

    // --- Title and key -------------------------------------------------------
    let margin = px(16.0);
    p.title(&words.title, margin)?;
    // Key, flowed over as many lines as the width needs.
    let key_lines = p.flow(&words.key, 12.0, w - 2 * margin);
    let mut baseline = margin + px(44.0);
    for line in &key_lines {
        p.text(line, margin, baseline, 12.0, MUTED, Align::Left)?;
        baseline += px(17.0);
    }
    let top = baseline + px(4.0);

    // --- Legend (bottom), flowed into rows -----------------------------------
    let entries: Vec<(String, RGBColor)> = sources
        .iter()
        .enumerate()
        .map(|(i, (id, title))| {
            (
                format!("[{}] {}", i + 1, short_title(title, id)),
                colour(id),
            )
        })
        .collect();
    let legend_top = p.legend(&entries, margin)?;

    // --- Plot geometry -------------------------------------------------------
    let label_w = px(200.0);
    let left = margin + label_w;
    let right = w - margin;
    let axis_h = px(48.0);
    let bottom = legend_top - px(10.0) - axis_h;
    // Each level's band: room for its label block, plus a share of the rest
    // of the height in proportion to its number of sources.
    let counts: Vec<f64> = answer
        .summaries
        .iter()
        .map(|sm| {
            answer
                .rows
                .iter()
                .filter(|r| r.level == sm.level)
                .count()
                .max(1) as f64
        })
        .collect();
    let total = f64::from(bottom - top);
    let min_band = f64::from(px(60.0)).min(total / counts.len() as f64);
    let extra = total - min_band * counts.len() as f64;
    let all: f64 = counts.iter().sum();
    let mut edges = vec![top];
    let mut acc = 0.0;
    for c in &counts {
        acc += min_band + extra * c / all;
        edges.push(top + acc.round() as i32);
    }

    let lo = answer.summaries.iter().map(|s| s.lowest).min().unwrap_or(0);
    let hi = answer
        .summaries
        .iter()
        .map(|s| s.highest)
        .max()
        .unwrap_or(1);
    let (lo_k, hi_k) = (f64::from(lo) / 1000.0, f64::from(hi) / 1000.0);
    let span = (hi_k - lo_k).max(20.0);
    let plot_w = f64::from(right - left);
    let step = tick_step(
        span * 1.3,
        plot_w / (70.0 * s),
        &[
            5.0, 10.0, 20.0, 25.0, 50.0, 100.0, 200.0, 250.0, 500.0, 1000.0,
        ],
    );
    let x0 = ((lo_k - span * 0.06) / step).floor().max(0.0) * step;
    // Room right of the highest value for an arrow and the longest value label:
    // solve x1 = hi + r·(x1 − x0) with r = room / plot width.
    let room = answer
        .rows
        .iter()
        .map(|r| {
            let label = format!(
                "[{}] {}",
                index[r.figure.cite.source.as_str()] + 1,
                r.figure.range_in(lang)
            );
            p.width(&label, 12.0)
        })
        .max()
        .unwrap_or(0)
        + px(34.0);
    let r = (f64::from(room) / plot_w).min(0.6);
    let x1 = (((hi_k - r * x0) / (1.0 - r)) / step).ceil() * step;
    let xp = |k: f64| left + ((k - x0) / (x1 - x0) * f64::from(right - left)).round() as i32;
    let kx = |v: u32| xp(f64::from(v) / 1000.0);

    // Grid, ticks and axis.
    let mut t = x0;
    while t <= x1 + 1e-9 {
        let gx = xp(t);
        p.line(vec![(gx, top), (gx, bottom)], RULE)?;
        let label = tick(currency, t);
        let half = p.width(&label, 12.0) / 2 + 1;
        let cx = gx.clamp(half, w - half);
        p.text(&label, cx, bottom + px(18.0), 12.0, MUTED, Align::Center)?;
        t += step;
    }
    p.line(vec![(left, bottom), (right, bottom)], BAND_EDGE)?;
    p.line(vec![(left, top), (left, bottom)], BAND_EDGE)?;
    p.text(
        &words.axis,
        (left + right) / 2,
        bottom + px(40.0),
        13.0,
        MUTED,
        Align::Center,
    )?;

    for ((li, summary), band) in answer.summaries.iter().enumerate().zip(&words.bands) {
        let (bt, bb) = (edges[li], edges[li + 1]);
        let pad = ((bb - bt) / 14).max(2);
        let rows: Vec<&SalaryFigure> = answer
            .rows
            .iter()
            .filter(|r| r.level == summary.level)
            .map(|r| &r.figure)
            .collect();

        if li > 0 {
            p.line(vec![(margin, bt), (right, bt)], RULE)?;
        }

        // Level label block on the left.
        let cy = (bt + bb) / 2;
        let room = label_w - px(8.0);
        p.text(
            &p.fit(&band.name, 16.0, room),
            margin,
            cy - px(8.0),
            16.0,
            INK,
            Align::Left,
        )?;
        p.text(
            &p.fit(&band.range, 12.0, room),
            margin,
            cy + px(10.0),
            12.0,
            MUTED,
            Align::Left,
        )?;
        p.text(
            &band.sources,
            margin,
            cy + px(26.0),
            12.0,
            MUTED,
            Align::Left,
        )?;

        // One bar per source; the summary band hugs them.
        let slots = rows.len().max(1) as i32;
        let slot_h = (f64::from(bb - bt - 2 * pad) / f64::from(slots)).min(f64::from(px(30.0)));
        let half = ((slot_h * 0.30).round() as i32).clamp(px(3.0).max(2), px(9.0));
        let first = f64::from(cy) - slot_h * f64::from(slots - 1) / 2.0;
        let reach = (slot_h * f64::from(slots) / 2.0).round() as i32 + pad;
        let (band_top, band_bottom) = ((cy - reach).max(bt + pad), (cy + reach).min(bb - pad));
        // Value labels shrink when many sources share a level; tiny ones are dropped.
        let label_size = (slot_h / s * 0.85).min(12.0);
        let show_labels = label_size * s >= 6.5;

        let (bx0, bx1) = (
            kx(summary.lowest),
            kx(summary.highest).max(kx(summary.lowest) + 2),
        );
        p.fill([(bx0, band_top), (bx1, band_bottom)], BAND.filled())?;
        p.fill([(bx0, band_top), (bx1, band_bottom)], BAND_EDGE)?;
        let mx = kx(summary.median_midpoint);
        p.fill(
            [(mx - px(1.0), band_top), (mx + px(1.0).max(1), band_bottom)],
            INK.filled(),
        )?;
        for (ri, f) in rows.iter().enumerate() {
            let ym = (first + slot_h * ri as f64).round() as i32;
            let c = colour(&f.cite.source);
            let (xa, xb) = (kx(f.low), kx(f.high));
            let mut end = xb;
            if f.is_point() {
                let d = half + px(2.0);
                p.polygon(
                    vec![(xa - d, ym), (xa, ym - d), (xa + d, ym), (xa, ym + d)],
                    c,
                )?;
                end = xa + d;
            } else {
                p.fill([(xa, ym - half), (xb.max(xa + 2), ym + half)], c.filled())?;
            }
            if f.open_ended {
                let a = half + px(3.0);
                let base = end + px(2.0);
                let tip = base + a + px(2.0);
                p.polygon(vec![(base, ym - a), (tip, ym), (base, ym + a)], c)?;
                end = tip;
            }
            if !show_labels {
                continue;
            }
            let label = format!(
                "[{}] {}",
                index[f.cite.source.as_str()] + 1,
                f.range_in(lang)
            );
            let baseline = ym + (label_size * s * 0.37).round() as i32;
            let lw = p.width(&label, label_size);
            let lx = if end + px(6.0) + lw <= w - 2 {
                end + px(6.0)
            } else {
                let start = if f.is_point() {
                    xa - half - px(2.0)
                } else {
                    xa
                };
                start - px(6.0) - lw
            };
            // A light backing keeps the label readable over grid lines and other bars.
            let lh = (label_size * s * 0.55).round() as i32;
            p.fill(
                [(lx - 2, ym - lh), (lx + lw + 2, ym + lh)],
                WHITE.mix(0.75).filled(),
            )?;
            p.text(&label, lx, baseline, label_size, INK, Align::Left)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::paint::tests::{assert_draws, decode, distinct_colours};
    use super::*;
    use crate::answer::salary::{Level, SalaryRow, salary_answer};
    use crate::corpus::Passage;

    /// The seed guides' passages as the real corpus splits them.
    fn seed_passages() -> Vec<Passage> {
        crate::answer::fixtures::all_seed_passages()
    }

    #[test]
    fn renders_seed_answer_as_png() {
        let answer = salary_answer(crate::answer::fixtures::vocab(), &seed_passages(), None);
        assert!(!answer.rows.is_empty());
        let bytes = render_salary_chart(&answer, 1000, 620, Locale::En).expect("chart");
        let (w, h, rgb) = decode(&bytes);
        assert_eq!((w, h), (1000, 620));
        assert_eq!(rgb.len(), 1000 * 620 * 3);
        // Not blank: many non-white pixels and many colours (bars, bands, text).
        let non_white = rgb.chunks(3).filter(|p| p != &[255, 255, 255]).count();
        assert!(non_white > 20_000, "only {non_white} non-white pixels");
        assert!(distinct_colours(&rgb) > 50);
        // Every source colour appears.
        for c in &PALETTE[..4] {
            assert!(rgb.chunks(3).any(|p| p == [c.0, c.1, c.2]), "missing {c:?}");
        }
        // Compressed well below the raw size.
        assert!(bytes.len() < rgb.len() / 8, "png is {} bytes", bytes.len());
        // To look at it: SALARY_CHART_OUT=/tmp/chart.png cargo test renders_seed_answer
        if let Some(path) = std::env::var_os("SALARY_CHART_OUT") {
            std::fs::write(path, &bytes).unwrap();
        }
    }

    #[test]
    fn renders_one_level_and_other_sizes() {
        let passages = seed_passages();
        let senior = salary_answer(
            crate::answer::fixtures::vocab(),
            &passages,
            Some(Level::Senior),
        );
        for (w, h) in [(600, 380), (640, 400), (1600, 900)] {
            let (dw, dh, rgb) =
                decode(&render_salary_chart(&senior, w, h, Locale::En).expect("chart"));
            assert_eq!((dw, dh), (w, h));
            assert!(distinct_colours(&rgb) > 20);
        }
        // Same input, same bytes: text rendering does not depend on the machine.
        let a = render_salary_chart(&senior, 800, 500, Locale::En).unwrap();
        let b = render_salary_chart(&senior, 800, 500, Locale::En).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn rejects_empty_answers_and_bad_sizes() {
        let empty = salary_answer(crate::answer::fixtures::vocab(), &[], None);
        assert!(matches!(
            render_salary_chart(&empty, 800, 500, Locale::En),
            Err(ChartError::Empty)
        ));
        let answer = salary_answer(crate::answer::fixtures::vocab(), &seed_passages(), None);
        assert!(matches!(
            render_salary_chart(&answer, 10, 10, Locale::En),
            Err(ChartError::Size(10, 10))
        ));
        assert!(matches!(
            render_salary_chart(&answer, 599, 600, Locale::En),
            Err(ChartError::Size(..))
        ));
        assert!(matches!(
            render_salary_chart(&answer, 5000, 500, Locale::En),
            Err(ChartError::Size(..))
        ));
    }

    #[test]
    fn point_and_hourly_figures_render() {
        let mut answer = salary_answer(
            crate::answer::fixtures::vocab(),
            &seed_passages(),
            Some(Level::Entry),
        );
        let mut hourly = answer.rows[0].figure.clone();
        hourly.cite.source = "zzz.txt".into();
        hourly.cite.title =
            "A very long guide title that keeps going well past the legend width".into();
        hourly.period = crate::answer::salary::Period::Hour;
        hourly.low = 93_600;
        hourly.high = 93_600;
        hourly.open_ended = true;
        answer.rows.push(SalaryRow {
            level: Level::Entry,
            figure: hourly,
        });
        let (w, h, _) = decode(&render_salary_chart(&answer, 900, 560, Locale::En).unwrap());
        assert_eq!((w, h), (900, 560));
    }

    #[test]
    fn one_currency_per_axis() {
        let usd = Currency::default();
        let gbp = Currency {
            code: "GBP".into(),
            symbol: "£".into(),
        };
        // The most frequent, the first given among equals.
        assert_eq!(axis_currency([&gbp, &usd, &usd].into_iter()), Some(&usd));
        assert_eq!(axis_currency([&gbp, &usd].into_iter()), Some(&gbp));
        assert_eq!(axis_currency(std::iter::empty()), None);
        // A guide's pound figures beside the seeds' dollars: the dollars are drawn.
        let mut answer = salary_answer(crate::answer::fixtures::vocab(), &seed_passages(), None);
        let mut pounds = answer.rows[0].figure.clone();
        pounds.currency = gbp.clone();
        answer.rows.push(SalaryRow {
            level: answer.rows[0].level,
            figure: pounds,
        });
        assert!(render_salary_chart(&answer, 900, 560, Locale::En).is_ok());
        let words = SalaryWords::of(&answer, Locale::Es).unwrap();
        assert_eq!(
            words.key.last().map(String::as_str),
            Some("Sin dibujar: las cifras en GBP (una moneda por eje)")
        );
        let png = render_salary_chart(&answer, 900, 560, Locale::Es).unwrap();
        assert_draws(&png, Locale::Es, &all(&words), &[]);
        // Pounds only: drawn in pounds.
        answer.rows.retain(|r| r.figure.currency == gbp);
        answer
            .summaries
            .iter_mut()
            .for_each(|s| s.currency = gbp.clone());
        assert!(render_salary_chart(&answer, 900, 560, Locale::En).is_ok());
    }

    /// Every word a [`SalaryWords`] holds.
    fn all(words: &SalaryWords) -> Vec<String> {
        let mut out = vec![words.title.clone(), words.axis.clone()];
        out.extend(words.key.iter().cloned());
        for b in &words.bands {
            out.extend([b.name.clone(), b.range.clone(), b.sources.clone()]);
        }
        out
    }

    /// The chart's own words are the catalogue's, in the member's language; the drawer draws
    /// them and none of another language's.
    #[test]
    fn the_chart_says_its_words_in_the_language_asked() {
        let answer = salary_answer(crate::answer::fixtures::vocab(), &seed_passages(), None);
        let mut said = Vec::new();
        for lang in Locale::ALL {
            let words = SalaryWords::of(&answer, lang).unwrap();
            assert_eq!(words.title, tr!(lang, "chart-salary-title", code = "USD"));
            assert_eq!(
                words.key,
                [
                    tr!(lang, "chart-salary-key-bars"),
                    tr!(lang, "chart-salary-key-band"),
                    tr!(lang, "chart-salary-key-median"),
                    tr!(lang, "chart-salary-key-open"),
                ]
            );
            assert_eq!(words.axis, tr!(lang, "chart-axis-thousands", code = "USD"));
            assert_eq!(words.bands.len(), answer.summaries.len());
            for (band, s) in words.bands.iter().zip(&answer.summaries) {
                assert_eq!(band.name, choice_label(lang, s.level));
                assert_eq!(
                    band.range,
                    tr!(
                        lang,
                        "chart-level-range",
                        range = s.range_in(lang),
                        median = s.median_in(lang)
                    )
                );
                assert_eq!(
                    band.sources,
                    tr!(lang, "chart-level-sources", count = s.sources)
                );
            }
            said.push(words);
        }
        let (en, es) = (&said[0], &said[1]);
        assert_eq!(en.title, "Salary ranges by level (USD per year)");
        assert_eq!(es.title, "Rangos salariales por nivel (USD al año)");
        assert_eq!(es.axis, "Miles de USD al año");
        assert!(es.bands.iter().any(|b| b.name == "Sénior"), "{es:?}");
        // Word for word another text, but the same amounts.
        assert!(es.key.iter().zip(&en.key).all(|(a, b)| a != b));
        let sources = |w: &SalaryWords| -> Vec<String> {
            w.bands.iter().map(|b| b.sources.clone()).collect()
        };
        assert_ne!(sources(es), sources(en));
        for (e, s) in en.bands.iter().zip(&es.bands) {
            let amounts = |r: &str| -> Vec<String> {
                r.split(' ')
                    .filter(|w| w.contains('$'))
                    .map(String::from)
                    .collect()
            };
            assert_eq!(amounts(&e.range), amounts(&s.range));
        }
        // Drawn: the Spanish chart's text is the Spanish words, never the English ones.
        for (lang, words, other) in [(Locale::Es, es, en), (Locale::En, en, es)] {
            let png = render_salary_chart(&answer, 1000, 620, lang).unwrap();
            assert_draws(&png, lang, &all(words), &all(other));
        }
        // One level: its name in the title.
        let senior = salary_answer(
            crate::answer::fixtures::vocab(),
            &seed_passages(),
            Some(Level::Senior),
        );
        let words = SalaryWords::of(&senior, Locale::Es).unwrap();
        assert_eq!(words.title, "Rangos salariales: Sénior (USD al año)");
        let png = render_salary_chart(&senior, 800, 500, Locale::Es).unwrap();
        assert_draws(&png, Locale::Es, &all(&words), &[]);
    }

    #[test]
    fn short_titles() {
        assert_eq!(
            short_title(
                "How to Become a Back-End Developer: Education, Salary, and Job Outlook for 2026",
                "x"
            ),
            "How to Become a Back-End Developer"
        );
        assert_eq!(
            short_title(
                "Back-End Developer Jobs in the USA (2026): A Comprehensive Guide",
                "x"
            ),
            "Back-End Developer Jobs in the USA (2026)"
        );
        assert_eq!(short_title("", "004.txt"), "004.txt");
        assert_eq!(
            short_title(
                "Backend Developer Job Description, Responsibilities & Career Outlook 2026",
                "x"
            ),
            "Backend Developer Job Description"
        );
        let long = short_title(&"word ".repeat(30), "x");
        assert!(
            long.ends_with("word…") && long.chars().count() <= 44,
            "{long}"
        );
        assert_eq!(crate::answer::salary::format_k("$", 151_250), "$151.2K");
        assert_eq!(tick(&Currency::default(), 150.0), "$150K");
    }
}
