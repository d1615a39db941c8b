//! The careers' salaries side by side: a [`SalaryAnswer`] spanning several careers as a PNG of
//! grouped range bars, a group per level (entry, mid, senior, lead) and a colour per career,
//! each bar the career's summary for that level (lowest to highest across its guides, the median
//! of midpoints marked). One axis in one currency per year (the currency most yearly summaries
//! are in): summaries stated per hour or per month, or in another currency, are not drawn, and the
//! caption says which were left out. Its own words are in a member's language
//! ([`ComparisonWords`]); the careers' names as the library has them.

use plotters::prelude::*;

use super::paint::{
    self, Align, BAND_EDGE, ChartError, INK, MUTED, PALETTE, Painter, RULE, tick_step,
};
use crate::answer::salary::{Currency, Level, LevelSummary, Period, SalaryAnswer};
use crate::choices::choice_label;
use crate::i18n::Locale;
use crate::tr;

/// The levels a comparison groups by, in order (the overall figures only when asked for).
const LEVELS: [Level; 4] = [Level::Entry, Level::Mid, Level::Senior, Level::Lead];

/// What the chart draws: careers, levels, the yearly summaries, and what it leaves out.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison<'a> {
    /// The currency of the axis; `None` when no summary is yearly.
    pub currency: Option<&'a Currency>,
    /// Careers with a yearly summary at a drawn level, in the answer's order.
    pub careers: Vec<&'a str>,
    /// Levels with a yearly summary, in career order.
    pub levels: Vec<Level>,
    /// The yearly summaries drawn.
    pub drawn: Vec<&'a LevelSummary>,
    /// Summaries left out: stated per hour or per month, or of the overall level (not one of
    /// the groups); in another currency, once per career and currency.
    pub left_out: Vec<LeftOut<'a>>,
}

/// A summary a comparison leaves out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeftOut<'a> {
    /// The career's summaries in a currency other than the axis's (once per currency).
    Currency {
        /// The career.
        career: &'a str,
        /// The currency's code.
        code: &'a str,
    },
    /// A level the career's guides state per month or per hour.
    Period {
        /// The career.
        career: &'a str,
        /// The level.
        level: Level,
        /// Its period.
        period: Period,
    },
    /// A level that is none of the chart's groups (overall).
    Level {
        /// The career.
        career: &'a str,
        /// The level.
        level: Level,
    },
}

impl LeftOut<'_> {
    /// In `lang`: "Electrician — entry level (per hour)", "UX Designer (in GBP)".
    pub fn words(&self, lang: Locale) -> String {
        let level = |l: Level| choice_label(lang, l).to_lowercase();
        match *self {
            LeftOut::Currency { career, code } => {
                tr!(
                    lang,
                    "chart-left-out-currency",
                    career = career,
                    code = code
                )
            }
            LeftOut::Period {
                career,
                level: l,
                period,
            } => tr!(
                lang,
                "chart-left-out-period",
                career = career,
                level = level(l),
                period = match period {
                    Period::Year => tr!(lang, "chart-period-year"),
                    Period::Month => tr!(lang, "chart-period-month"),
                    Period::Week => tr!(lang, "chart-period-week"),
                    Period::Day => tr!(lang, "chart-period-day"),
                    Period::Hour => tr!(lang, "chart-period-hour"),
                }
            ),
            LeftOut::Level { career, level: l } => tr!(
                lang,
                "chart-left-out-level",
                career = career,
                level = level(l)
            ),
        }
    }
}

/// Every word a comparison chart draws of its own, in one language, from the catalogue: the
/// drawer writes these, the careers' names and the amounts, and nothing else.
#[derive(Debug, Clone, PartialEq)]
pub struct ComparisonWords {
    /// "Salaries by career and level (USD per year)".
    pub title: String,
    /// The key above the plot, item by item.
    pub key: Vec<String>,
    /// What was left out, when anything was.
    pub caption: Option<String>,
    /// The names of the level groups, left to right.
    pub groups: Vec<String>,
}

impl ComparisonWords {
    /// The words of a comparison chart of `answer` in `lang`.
    ///
    /// # Errors
    /// [`ChartError::Empty`] when no career has a yearly summary at a drawn level.
    pub fn of(answer: &SalaryAnswer, lang: Locale) -> Result<ComparisonWords, ChartError> {
        let comparison = Comparison::of(answer);
        if comparison.drawn.is_empty() {
            return Err(ChartError::Empty);
        }
        Ok(ComparisonWords::on(&comparison, answer.level, lang))
    }

    fn on(c: &Comparison<'_>, level: Option<Level>, lang: Locale) -> ComparisonWords {
        let code = c.currency.map(|c| c.code.clone()).unwrap_or_default();
        let title = match level {
            Some(l) => tr!(
                lang,
                "chart-compare-title-level",
                level = choice_label(lang, l),
                code = code
            ),
            None => tr!(lang, "chart-compare-title", code = code),
        };
        ComparisonWords {
            title,
            key: vec![
                tr!(lang, "chart-compare-key-bars"),
                tr!(lang, "chart-compare-key-median"),
                tr!(lang, "chart-compare-key-open"),
            ],
            caption: c.caption(lang),
            groups: c.levels.iter().map(|l| choice_label(lang, *l)).collect(),
        }
    }
}

impl<'a> Comparison<'a> {
    /// What a comparison of `answer` draws.
    pub fn of(answer: &'a SalaryAnswer) -> Comparison<'a> {
        let groups: Vec<Level> = match answer.level {
            Some(level) => vec![level],
            None => LEVELS.to_vec(),
        };
        let currency = super::axis_currency(
            answer
                .summaries
                .iter()
                .filter(|s| s.period == Period::Year && groups.contains(&s.level))
                .map(|s| &s.currency),
        );
        let mut drawn = Vec::new();
        let mut left_out = Vec::new();
        for s in &answer.summaries {
            if currency.is_some_and(|c| *c != s.currency) {
                // Said once per career and currency.
                let all = LeftOut::Currency {
                    career: &s.career,
                    code: &s.currency.code,
                };
                if !left_out.contains(&all) {
                    left_out.push(all);
                }
            } else if s.period == Period::Year && groups.contains(&s.level) {
                drawn.push(s);
            } else if s.period != Period::Year {
                left_out.push(LeftOut::Period {
                    career: &s.career,
                    level: s.level,
                    period: s.period,
                });
            } else {
                left_out.push(LeftOut::Level {
                    career: &s.career,
                    level: s.level,
                });
            }
        }
        let mut careers: Vec<&str> = Vec::new();
        for s in &drawn {
            if !careers.contains(&s.career.as_str()) {
                careers.push(&s.career);
            }
        }
        let levels = groups
            .into_iter()
            .filter(|l| drawn.iter().any(|s| s.level == *l))
            .collect();
        Comparison {
            currency,
            careers,
            levels,
            drawn,
            left_out,
        }
    }

    /// The caption naming what was left out in `lang`, or `None` when everything was drawn.
    pub fn caption(&self, lang: Locale) -> Option<String> {
        (!self.left_out.is_empty()).then(|| {
            let items: Vec<String> = self.left_out.iter().map(|l| l.words(lang)).collect();
            tr!(lang, "chart-compare-not-drawn", items = items.join("; "))
        })
    }
}

/// Renders the answer's careers side by side by level as a PNG of `width` × `height` pixels,
/// its words in `lang`.
///
/// # Errors
/// [`ChartError::Empty`] when no career has a yearly summary at a drawn level;
/// [`ChartError::Size`] outside the accepted sizes.
pub fn render_comparison_chart(
    answer: &SalaryAnswer,
    width: u32,
    height: u32,
    lang: Locale,
) -> Result<Vec<u8>, ChartError> {
    let comparison = Comparison::of(answer);
    if comparison.drawn.is_empty() {
        return Err(ChartError::Empty);
    }
    let words = ComparisonWords::on(&comparison, answer.level, lang);
    paint::render(width, height, lang, |p| draw(p, &comparison, &words, lang))
}

fn draw(
    p: &Painter<'_, '_>,
    c: &Comparison<'_>,
    words: &ComparisonWords,
    lang: Locale,
) -> Result<(), ChartError> {
    let currency = c.currency.cloned().unwrap_or_default();
    let w = p.size.0;
    let px = |v: f64| p.px(v);
    let margin = px(16.0);
    let colour = |career: &str| {
        let i = c.careers.iter().position(|x| *x == career).unwrap_or(0);
        PALETTE[i % PALETTE.len()]
    };

    // --- Title, key, caption -------------------------------------------------
    p.title(&words.title, margin)?;
    let mut lines = p.flow(&words.key, 12.0, w - 2 * margin);
    if let Some(caption) = &words.caption {
        let fitted = p.flow(&[caption], 12.0, w - 2 * margin);
        // A long list of what was left out is cut to two lines.
        for (i, line) in fitted.iter().take(2).enumerate() {
            if i == 1 && fitted.len() > 2 {
                lines.push(p.fit(&format!("{line} …"), 12.0, w - 2 * margin));
            } else {
                lines.push(p.fit(line, 12.0, w - 2 * margin));
            }
        }
    }
    let mut baseline = margin + px(44.0);
    for line in &lines {
        p.text(line, margin, baseline, 12.0, MUTED, Align::Left)?;
        baseline += px(17.0);
    }
    let top = baseline + px(14.0);

    // --- Legend --------------------------------------------------------------
    let entries: Vec<(String, RGBColor)> = c
        .careers
        .iter()
        .map(|career| ((*career).to_string(), colour(career)))
        .collect();
    let legend_top = p.legend(&entries, margin)?;

    // --- Axes ----------------------------------------------------------------
    let left = margin + px(56.0);
    let right = w - margin;
    let axis_h = px(30.0);
    let bottom = legend_top - px(12.0) - axis_h;
    let lo = c.drawn.iter().map(|s| s.lowest).min().unwrap_or(0);
    let hi = c.drawn.iter().map(|s| s.highest).max().unwrap_or(1);
    let (lo_k, hi_k) = (f64::from(lo) / 1000.0, f64::from(hi) / 1000.0);
    let span = (hi_k - lo_k).max(20.0);
    let plot_h = f64::from(bottom - top);
    let step = tick_step(
        span * 1.25,
        plot_h / (40.0 * p.scale),
        &[
            5.0, 10.0, 20.0, 25.0, 50.0, 100.0, 200.0, 250.0, 500.0, 1000.0,
        ],
    );
    let y0 = ((lo_k - span * 0.08) / step).floor().max(0.0) * step;
    // Room above the highest bar for its median label and arrow.
    let y1 = ((hi_k + span * 0.15) / step).ceil() * step;
    let yp = |kv: f64| bottom - ((kv - y0) / (y1 - y0) * plot_h).round() as i32;
    let ky = |v: u32| yp(f64::from(v) / 1000.0);

    let mut t = y0;
    while t <= y1 + 1e-9 {
        let gy = yp(t);
        p.line(vec![(left, gy), (right, gy)], RULE)?;
        let tick = super::tick(&currency, t);
        p.text(
            &tick,
            left - px(6.0) - p.width(&tick, 12.0),
            gy + px(4.0),
            12.0,
            MUTED,
            Align::Left,
        )?;
        t += step;
    }
    p.line(vec![(left, bottom), (right, bottom)], BAND_EDGE)?;
    p.line(vec![(left, top), (left, bottom)], BAND_EDGE)?;

    // --- Groups --------------------------------------------------------------
    let groups = c.levels.len().max(1) as i32;
    let group_w = (right - left) / groups;
    let slots = c.careers.len().max(1) as i32;
    let inner = group_w - px(28.0);
    let slot_w = inner / slots;
    let bar_w = ((f64::from(slot_w) * 0.62).round() as i32).clamp(px(4.0).max(3), px(46.0));
    let label_size = (f64::from(slot_w) / p.scale * 0.30).clamp(8.0, 11.0);
    for ((gi, level), name) in c.levels.iter().enumerate().zip(&words.groups) {
        let gx = left + group_w * gi as i32;
        if gi > 0 {
            p.line(vec![(gx, top), (gx, bottom)], RULE)?;
        }
        p.text(
            &p.fit(name, 14.0, group_w - px(4.0)),
            gx + group_w / 2,
            bottom + px(20.0),
            14.0,
            INK,
            Align::Center,
        )?;
        for (ci, career) in c.careers.iter().enumerate() {
            let Some(s) = c
                .drawn
                .iter()
                .find(|s| s.level == *level && s.career == *career)
            else {
                continue;
            };
            let cx = gx + px(14.0) + slot_w * ci as i32 + slot_w / 2;
            let colour = colour(career);
            let (ya, yb) = (ky(s.highest), ky(s.lowest).max(ky(s.highest) + 2));
            p.fill(
                [(cx - bar_w / 2, ya), (cx + bar_w / 2, yb)],
                colour.mix(0.55).filled(),
            )?;
            p.fill([(cx - bar_w / 2, ya), (cx + bar_w / 2, yb)], colour)?;
            let my = ky(s.median_midpoint);
            p.fill(
                [
                    (cx - bar_w / 2, my - px(1.0)),
                    (cx + bar_w / 2, my + px(1.0).max(1)),
                ],
                INK.filled(),
            )?;
            let mut label_y = ya - px(5.0);
            if s.open_ended {
                let a = px(5.0).max(3);
                p.polygon(
                    vec![
                        (cx - a, ya - px(2.0)),
                        (cx, ya - px(2.0) - a),
                        (cx + a, ya - px(2.0)),
                    ],
                    colour,
                )?;
                label_y -= a + px(2.0);
            }
            let label = s.median_in(lang);
            if p.width(&label, label_size) <= slot_w {
                p.text(&label, cx, label_y, label_size, INK, Align::Center)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::paint::tests::{decode, distinct_colours};
    use super::*;

    fn summary(career: &str, level: Level, period: Period, low: u32, high: u32) -> LevelSummary {
        LevelSummary {
            career: career.into(),
            level,
            currency: Currency::default(),
            period,
            labels: Vec::new(),
            lowest: low,
            highest: high,
            median_midpoint: (low + high) / 2,
            open_ended: high > 150_000,
            sources: 1,
        }
    }

    fn answer(level: Option<Level>) -> SalaryAnswer {
        use Level::*;
        use Period::*;
        SalaryAnswer {
            career: None,
            level,
            rows: Vec::new(),
            summaries: vec![
                summary("Back-End Developer", Entry, Year, 60_000, 95_000),
                summary("Back-End Developer", Mid, Year, 85_000, 140_000),
                summary("Back-End Developer", Senior, Year, 120_000, 200_000),
                summary("Back-End Developer", Overall, Year, 70_000, 170_000),
                summary("Data Analyst", Entry, Year, 55_000, 75_000),
                summary("Data Analyst", Lead, Year, 120_000, 150_000),
                summary("Electrician", Entry, Hour, 18, 25),
                summary("Electrician", Mid, Hour, 28, 42),
                summary("Electrician", Senior, Year, 80_000, 110_000),
            ]
            .into_iter()
            .filter(|s| level.is_none_or(|l| s.level == l))
            .collect(),
            notes: Vec::new(),
        }
    }

    #[test]
    fn only_yearly_summaries_are_drawn_and_the_rest_is_said() {
        let a = answer(None);
        let c = Comparison::of(&a);
        assert_eq!(
            c.careers,
            ["Back-End Developer", "Data Analyst", "Electrician"]
        );
        assert_eq!(
            c.levels,
            [Level::Entry, Level::Mid, Level::Senior, Level::Lead]
        );
        assert_eq!(c.drawn.len(), 6);
        assert!(
            c.drawn
                .iter()
                .all(|s| s.period == Period::Year && s.level != Level::Overall)
        );
        let left_out: Vec<String> = c.left_out.iter().map(|l| l.words(Locale::En)).collect();
        assert_eq!(
            left_out,
            [
                "Back-End Developer — overall",
                "Electrician — entry level (per hour)",
                "Electrician — mid level (per hour)",
            ]
        );
        assert!(
            c.caption(Locale::En)
                .unwrap()
                .contains("Electrician — entry level (per hour)")
        );
        // One level asked for: one group; an overall level is drawn when it is the one asked for.
        let senior = answer(Some(Level::Senior));
        assert_eq!(Comparison::of(&senior).levels, [Level::Senior]);
        assert_eq!(Comparison::of(&senior).caption(Locale::En), None);
        let overall = answer(Some(Level::Overall));
        assert_eq!(Comparison::of(&overall).careers, ["Back-End Developer"]);
    }

    /// One axis, one currency: the currency most yearly summaries are in is drawn, the careers
    /// paid in another are named in the caption, once each.
    #[test]
    fn summaries_in_another_currency_are_left_out_and_said() {
        let gbp = Currency {
            code: "GBP".into(),
            symbol: "£".into(),
        };
        let mut a = answer(None);
        for level in [Level::Entry, Level::Senior] {
            let mut s = summary("UX Designer", level, Period::Year, 28_000, 70_000);
            s.currency = gbp.clone();
            a.summaries.push(s);
        }
        let c = Comparison::of(&a);
        assert_eq!(c.currency.map(|c| c.code.as_str()), Some("USD"));
        assert!(c.drawn.iter().all(|s| s.currency.code == "USD"));
        assert!(!c.careers.contains(&"UX Designer"));
        assert_eq!(
            c.left_out
                .iter()
                .filter(|l| matches!(l, LeftOut::Currency { code: "GBP", .. }))
                .count(),
            1
        );
        assert!(
            c.caption(Locale::En)
                .unwrap()
                .contains("UX Designer (in GBP)")
        );
        assert!(
            c.caption(Locale::Es)
                .unwrap()
                .contains("UX Designer (en GBP)")
        );
        // Only pounds: drawn in pounds, nothing left out for its currency.
        let mut only = a.clone();
        only.summaries.retain(|s| s.currency == gbp);
        let c = Comparison::of(&only);
        assert_eq!(c.currency, Some(&gbp));
        assert_eq!(c.drawn.len(), 2);
        assert!(render_comparison_chart(&only, 800, 500, Locale::En).is_ok());
    }

    #[test]
    fn renders_the_careers_in_their_colours() {
        let bytes = render_comparison_chart(&answer(None), 1000, 620, Locale::En).unwrap();
        let (w, h, rgb) = decode(&bytes);
        assert_eq!((w, h), (1000, 620));
        assert!(distinct_colours(&rgb) > 30);
        for c in &PALETTE[..3] {
            assert!(rgb.chunks(3).any(|p| p == [c.0, c.1, c.2]), "missing {c:?}");
        }
        assert!(
            !rgb.chunks(3)
                .any(|p| p == [PALETTE[3].0, PALETTE[3].1, PALETTE[3].2])
        );
        let (w, h, _) = decode(
            &render_comparison_chart(&answer(Some(Level::Senior)), 640, 400, Locale::En).unwrap(),
        );
        assert_eq!((w, h), (640, 400));
        // To look at it: COMPARISON_OUT=/tmp/compare.png cargo test renders_the_careers
        if let Some(path) = std::env::var_os("COMPARISON_OUT") {
            std::fs::write(path, &bytes).unwrap();
        }
    }

    /// The chart's own words are the catalogue's in the member's language, and drawn; the
    /// careers' names as the library has them.
    #[test]
    fn the_comparison_says_its_words_in_the_language_asked() {
        let a = answer(None);
        let c = Comparison::of(&a);
        let all = |w: &ComparisonWords| -> Vec<String> {
            let mut out = vec![w.title.clone()];
            out.extend(w.key.iter().cloned());
            out.extend(w.groups.iter().cloned());
            out
        };
        let mut said = Vec::new();
        for lang in Locale::ALL {
            let words = ComparisonWords::of(&a, lang).unwrap();
            assert_eq!(words.title, tr!(lang, "chart-compare-title", code = "USD"));
            assert_eq!(
                words.key,
                [
                    tr!(lang, "chart-compare-key-bars"),
                    tr!(lang, "chart-compare-key-median"),
                    tr!(lang, "chart-compare-key-open"),
                ]
            );
            let groups: Vec<String> = c.levels.iter().map(|l| choice_label(lang, *l)).collect();
            assert_eq!(words.groups, groups);
            assert_eq!(words.caption, c.caption(lang));
            let png = render_comparison_chart(&a, 1000, 620, lang).unwrap();
            // The caption is flowed and may be cut: its first item is drawn whole.
            let first = c.left_out[0].words(lang);
            let mut drawn = all(&words);
            drawn.push(first);
            drawn.extend(c.careers.iter().map(|c| c.to_string()));
            said.push((lang, words, drawn, png));
        }
        let (en, es) = (&said[0], &said[1]);
        assert_eq!(es.1.title, "Salarios por carrera y nivel (USD al año)");
        assert_eq!(
            c.left_out[1].words(Locale::Es),
            "Electrician — nivel inicial (por hora)"
        );
        assert!(
            es.1.caption
                .as_deref()
                .unwrap()
                .starts_with("Sin dibujar (no anual, en otra moneda o general): ")
        );
        super::super::paint::tests::assert_draws(&es.3, Locale::Es, &es.2, &all(&en.1));
        super::super::paint::tests::assert_draws(&en.3, Locale::En, &en.2, &all(&es.1));
        // One level: named in the title.
        let senior = ComparisonWords::of(&answer(Some(Level::Senior)), Locale::Es).unwrap();
        assert_eq!(senior.title, "Salarios por carrera: Sénior (USD al año)");
    }

    #[test]
    fn nothing_yearly_is_nothing_to_draw() {
        let mut a = answer(None);
        a.summaries.retain(|s| s.period != Period::Year);
        assert!(matches!(
            render_comparison_chart(&a, 1000, 620, Locale::En),
            Err(ChartError::Empty)
        ));
    }
}
