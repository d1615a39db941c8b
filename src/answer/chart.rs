//! Salary chart: renders a [`SalaryAnswer`] as a PNG range chart (levels × sources, per-level summary band and median, open ends marked) with an embedded font.
//!
//! Text is drawn with DejaVu Sans, embedded with `include_bytes!` and registered
//! with plotters' `ab_glyph` backend, so the image is identical on every machine
//! (no fontconfig or freetype). The RGB buffer is encoded by a small built-in PNG
//! writer (fixed-Huffman deflate), since no PNG encoder crate is a normal
//! dependency. Glyphs are placed one at a time from the font's own metrics,
//! because plotters 0.3.7's `ab_glyph` text drawing ignores each glyph's left
//! bearing and spaces letters unevenly.

use std::collections::BTreeMap;

use once_cell::sync::Lazy;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontStyle, register_font};

use super::salary::{Period, SalaryAnswer, SalaryFigure};

/// DejaVu Sans (Bitstream Vera license, see `assets/fonts/DejaVuSans-LICENSE.txt`).
static FONT_BYTES: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/fonts/DejaVuSans.ttf"
));
/// Private family name, so no other registration can shadow it.
const FONT: &str = "careerbot-dejavu-sans";

/// Smallest and largest accepted image side, in pixels.
pub const MIN_SIZE: (u32, u32) = (600, 380);
pub const MAX_SIZE: u32 = 4096;

/// Why a chart could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    #[error("the salary answer has no figures to chart")]
    Empty,
    #[error("chart size {0}x{1} is outside 600x380..=4096x4096")]
    Size(u32, u32),
    #[error("the embedded font could not be loaded")]
    Font,
    #[error("drawing the chart failed: {0}")]
    Draw(String),
}

fn draw_err<E: std::fmt::Display>(e: E) -> ChartError {
    ChartError::Draw(e.to_string())
}

fn ensure_font() -> Result<(), ChartError> {
    static REGISTERED: Lazy<bool> =
        Lazy::new(|| register_font(FONT, FontStyle::Normal, FONT_BYTES).is_ok());
    if *REGISTERED {
        Ok(())
    } else {
        Err(ChartError::Font)
    }
}

/// Tableau 10: distinct, colour-blind-friendly enough, readable on white.
const PALETTE: [RGBColor; 10] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
    RGBColor(188, 189, 34),
    RGBColor(23, 190, 207),
];
const INK: RGBColor = RGBColor(33, 37, 41);
const MUTED: RGBColor = RGBColor(100, 106, 115);
const BAND: RGBColor = RGBColor(226, 232, 240);
const BAND_EDGE: RGBColor = RGBColor(176, 186, 200);
const RULE: RGBColor = RGBColor(214, 219, 226);

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

/// Whole thousands for axis-side labels: 151250 → "$151K".
fn k_rounded(v: u32) -> String {
    format!("${}K", (u64::from(v) + 500) / 1000)
}

/// Renders the answer as a PNG of `width` × `height` pixels.
///
/// One row band per level (in [`Level::ALL`](super::salary::Level::ALL) order) holding one bar per source
/// from `low` to `high` (a diamond for a point figure), a right-pointing arrow
/// and "+" on open-ended figures, the level's lowest–highest summary band shaded
/// behind the bars with the median of midpoints as a dark line, the x axis in
/// $K per year, and a legend naming the sources by short title.
pub fn render_salary_chart(
    answer: &SalaryAnswer,
    width: u32,
    height: u32,
) -> Result<Vec<u8>, ChartError> {
    if width < MIN_SIZE.0 || height < MIN_SIZE.1 || width > MAX_SIZE || height > MAX_SIZE {
        return Err(ChartError::Size(width, height));
    }
    if answer.rows.is_empty() || answer.summaries.is_empty() {
        return Err(ChartError::Empty);
    }
    ensure_font()?;
    let mut buf = vec![255u8; width as usize * height as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut buf, (width, height)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;
        draw(&root, answer, width, height)?;
        root.present().map_err(draw_err)?;
    }
    Ok(png::encode_rgb(&buf, width, height))
}

type Root<'a> = DrawingArea<BitMapBackend<'a>, plotters::coord::Shift>;

#[derive(Clone, Copy, PartialEq)]
enum Align {
    Left,
    Center,
}

/// Text drawing that places every glyph itself.
///
/// plotters 0.3.7's `ab_glyph` renderer puts each glyph's bitmap at the pen
/// position without the glyph's left bearing, which makes letter spacing
/// visibly uneven ("Backen d"). Here the pen advances (with kerning) come from
/// the embedded font's own tables and each glyph is drawn separately at
/// pen + bearing, so plotters only rasterises single glyphs.
struct Painter<'r, 'a> {
    root: &'r Root<'a>,
    scale: f64,
}

impl Painter<'_, '_> {
    fn font(&self, size: f64) -> TextStyle<'static> {
        FontDesc::new(FontFamily::Name(FONT), size * self.scale, FontStyle::Normal).into()
    }

    /// Width in pixels of `text` at `size` (before scaling).
    fn width(&self, text: &str, size: f64) -> i32 {
        let px = size * self.scale;
        match metrics::get() {
            Some(m) => m.advance(text, px).round() as i32,
            None => self
                .root
                .estimate_text_size(text, &self.font(size))
                .map_or(0, |(w, _)| w as i32),
        }
    }

    /// Draws `text` with its baseline at `baseline`, aligned at `x`.
    fn text(
        &self,
        text: &str,
        x: i32,
        baseline: i32,
        size: f64,
        colour: RGBColor,
        align: Align,
    ) -> Result<(), ChartError> {
        let px = size * self.scale;
        let style = self
            .font(size)
            .color(&colour)
            .pos(Pos::new(HPos::Left, VPos::Top));
        let w = self.width(text, size);
        let left = match align {
            Align::Left => x,
            Align::Center => x - w / 2,
        };
        // plotters puts the baseline of a top-anchored glyph at y + size/2.
        let top = baseline - (px / 2.0) as i32;
        let Some(m) = metrics::get() else {
            return self
                .root
                .draw(&Text::new(text.to_string(), (left, top), style))
                .map_err(draw_err);
        };
        let mut pen = f64::from(left);
        let mut prev = None;
        for c in text.chars() {
            let g = m.glyph(c);
            if let Some(p) = prev {
                pen += m.kern(p, g, px);
            }
            prev = Some(g);
            if !c.is_whitespace() {
                let gx = pen.round() as i32 + m.bearing(g, px);
                self.root
                    .draw(&Text::new(c.to_string(), (gx, top), style.clone()))
                    .map_err(draw_err)?;
            }
            pen += m.glyph_advance(g, px);
        }
        Ok(())
    }
}

/// A "nice" tick step (in $K) giving at most `max_ticks` ticks over `span`.
fn tick_step(span: f64, max_ticks: f64) -> f64 {
    [5.0, 10.0, 20.0, 25.0, 50.0, 100.0, 200.0, 250.0, 500.0]
        .into_iter()
        .find(|st| span / st <= max_ticks)
        .unwrap_or(1000.0)
}

fn draw(root: &Root<'_>, answer: &SalaryAnswer, width: u32, height: u32) -> Result<(), ChartError> {
    // Scale type and spacing with the canvas; 1.0 at 1000×620.
    let s = (f64::from(width) / 1000.0)
        .min(f64::from(height) / 620.0)
        .clamp(0.6, 2.5);
    let px = |v: f64| (v * s).round() as i32;
    let p = Painter { root, scale: s };
    let (w, h) = (width as i32, height as i32);

    // Sources, numbered in id order; each keeps one colour everywhere.
    let mut sources: BTreeMap<&str, &str> = BTreeMap::new();
    for r in &answer.rows {
        sources.entry(&r.figure.source).or_insert(&r.figure.title);
    }
    let index: BTreeMap<&str, usize> = sources.keys().enumerate().map(|(i, k)| (*k, i)).collect();
    let colour = |source: &str| PALETTE[index.get(source).copied().unwrap_or(0) % PALETTE.len()];

    // --- Title and key -------------------------------------------------------
    let margin = px(16.0);
    let title = match answer.level {
        Some(l) => format!("Salary ranges: {} (USD per year)", l.label()),
        None => "Salary ranges by level (USD per year)".to_string(),
    };
    p.text(&title, margin, margin + px(20.0), 22.0, INK, Align::Left)?;
    // Key, flowed over as many lines as the width needs.
    let mut key = vec![
        "Bars: each guide's range (◆ a single figure)",
        "Shaded: lowest–highest across guides",
        "Dark line: median of midpoints",
        "▶ and +: open-ended",
    ];
    if answer.rows.iter().any(|r| r.figure.period != Period::Year) {
        key.push("Hourly/monthly figures annualised");
    }
    let mut key_lines: Vec<String> = vec![String::new()];
    for part in key {
        let last = key_lines.last_mut().expect("one line");
        let joined = if last.is_empty() {
            part.to_string()
        } else {
            format!("{last}    {part}")
        };
        if last.is_empty() || p.width(&joined, 12.0) <= w - 2 * margin {
            *last = joined;
        } else {
            key_lines.push(part.to_string());
        }
    }
    let mut baseline = margin + px(44.0);
    for line in &key_lines {
        p.text(line, margin, baseline, 12.0, MUTED, Align::Left)?;
        baseline += px(17.0);
    }
    let top = baseline + px(4.0);

    // --- Legend (bottom), flowed into rows -----------------------------------
    let swatch = px(12.0);
    let gap = px(24.0);
    let line_h = px(22.0);
    let usable = w - 2 * margin;
    let mut legend: Vec<(i32, i32, String, RGBColor)> = Vec::new();
    let (mut x, mut row) = (0, 0);
    for (i, (id, title)) in sources.iter().enumerate() {
        let text = format!("[{}] {}", i + 1, short_title(title, id));
        let entry_w = swatch + px(6.0) + p.width(&text, 13.0);
        if x > 0 && x + entry_w > usable {
            x = 0;
            row += 1;
        }
        legend.push((x, row, text, colour(id)));
        x += entry_w + gap;
    }
    let legend_top = h - margin - (row + 1) * line_h;
    for (x, row, text, c) in &legend {
        let cy = legend_top + row * line_h + line_h / 2;
        root.draw(&Rectangle::new(
            [
                (margin + x, cy - swatch / 2),
                (margin + x + swatch, cy + swatch / 2),
            ],
            c.filled(),
        ))
        .map_err(draw_err)?;
        p.text(
            text,
            margin + x + swatch + px(6.0),
            cy + px(5.0),
            13.0,
            INK,
            Align::Left,
        )?;
    }

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
    let step = tick_step(span * 1.3, plot_w / (70.0 * s));
    let x0 = ((lo_k - span * 0.06) / step).floor().max(0.0) * step;
    // Room right of the highest value for an arrow and the longest value label:
    // solve x1 = hi + r·(x1 − x0) with r = room / plot width.
    let room = answer
        .rows
        .iter()
        .map(|r| {
            let label = format!(
                "[{}] {}",
                index[r.figure.source.as_str()] + 1,
                r.figure.range_label()
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
        root.draw(&PathElement::new(vec![(gx, top), (gx, bottom)], RULE))
            .map_err(draw_err)?;
        let label = format!("${t:.0}K");
        let half = p.width(&label, 12.0) / 2 + 1;
        let cx = gx.clamp(half, w - half);
        p.text(&label, cx, bottom + px(18.0), 12.0, MUTED, Align::Center)?;
        t += step;
    }
    root.draw(&PathElement::new(
        vec![(left, bottom), (right, bottom)],
        BAND_EDGE,
    ))
    .map_err(draw_err)?;
    root.draw(&PathElement::new(
        vec![(left, top), (left, bottom)],
        BAND_EDGE,
    ))
    .map_err(draw_err)?;
    p.text(
        "Thousand USD per year",
        (left + right) / 2,
        bottom + px(40.0),
        13.0,
        MUTED,
        Align::Center,
    )?;

    for (li, summary) in answer.summaries.iter().enumerate() {
        let (bt, bb) = (edges[li], edges[li + 1]);
        let pad = ((bb - bt) / 14).max(2);
        let rows: Vec<&SalaryFigure> = answer
            .rows
            .iter()
            .filter(|r| r.level == summary.level)
            .map(|r| &r.figure)
            .collect();

        if li > 0 {
            root.draw(&PathElement::new(vec![(margin, bt), (right, bt)], RULE))
                .map_err(draw_err)?;
        }

        // Level label block on the left.
        let cy = (bt + bb) / 2;
        let range = format!(
            "{}–{}{}",
            k_rounded(summary.lowest),
            k_rounded(summary.highest),
            if summary.open_ended { "+" } else { "" }
        );
        let plural = if summary.sources == 1 { "" } else { "s" };
        p.text(
            summary.level.label(),
            margin,
            cy - px(8.0),
            16.0,
            INK,
            Align::Left,
        )?;
        p.text(
            &format!("{range}, median {}", k_rounded(summary.median_midpoint)),
            margin,
            cy + px(10.0),
            12.0,
            MUTED,
            Align::Left,
        )?;
        p.text(
            &format!("{} source{plural}", summary.sources),
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
        root.draw(&Rectangle::new(
            [(bx0, band_top), (bx1, band_bottom)],
            BAND.filled(),
        ))
        .map_err(draw_err)?;
        root.draw(&Rectangle::new(
            [(bx0, band_top), (bx1, band_bottom)],
            BAND_EDGE,
        ))
        .map_err(draw_err)?;
        let mx = kx(summary.median_midpoint);
        root.draw(&Rectangle::new(
            [(mx - px(1.0), band_top), (mx + px(1.0).max(1), band_bottom)],
            INK.filled(),
        ))
        .map_err(draw_err)?;
        for (ri, f) in rows.iter().enumerate() {
            let ym = (first + slot_h * ri as f64).round() as i32;
            let c = colour(&f.source);
            let (xa, xb) = (kx(f.low), kx(f.high));
            let mut end = xb;
            if f.is_point() {
                let d = half + px(2.0);
                root.draw(&Polygon::new(
                    vec![(xa - d, ym), (xa, ym - d), (xa + d, ym), (xa, ym + d)],
                    c.filled(),
                ))
                .map_err(draw_err)?;
                end = xa + d;
            } else {
                root.draw(&Rectangle::new(
                    [(xa, ym - half), (xb.max(xa + 2), ym + half)],
                    c.filled(),
                ))
                .map_err(draw_err)?;
            }
            if f.open_ended {
                let a = half + px(3.0);
                let base = end + px(2.0);
                let tip = base + a + px(2.0);
                root.draw(&Polygon::new(
                    vec![(base, ym - a), (tip, ym), (base, ym + a)],
                    c.filled(),
                ))
                .map_err(draw_err)?;
                end = tip;
            }
            if !show_labels {
                continue;
            }
            let label = format!("[{}] {}", index[f.source.as_str()] + 1, f.range_label());
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
            root.draw(&Rectangle::new(
                [(lx - 2, ym - lh), (lx + lw + 2, ym + lh)],
                WHITE.mix(0.75).filled(),
            ))
            .map_err(draw_err)?;
            p.text(&label, lx, baseline, label_size, INK, Align::Left)?;
        }
    }
    Ok(())
}

/// Metrics of the embedded font, read from its own tables (`hhea`, `OS/2`,
/// `hmtx`, `head`, `loca`, `glyf`, `cmap` format 4, `kern` format 0), scaled
/// exactly as `ab_glyph` scales them (pixel size / (ascender − descender)).
mod metrics {
    use std::collections::HashMap;

    use once_cell::sync::Lazy;

    pub(super) struct Metrics {
        units_per_px_size: f64,
        advances: Vec<u16>,
        x_min: Vec<i16>,
        cmap: HashMap<u32, u16>,
        kern: HashMap<(u16, u16), i16>,
    }

    pub(super) fn get() -> Option<&'static Metrics> {
        static M: Lazy<Option<Metrics>> = Lazy::new(|| parse(super::FONT_BYTES));
        M.as_ref()
    }

    impl Metrics {
        pub(super) fn glyph(&self, c: char) -> u16 {
            self.cmap.get(&u32::from(c)).copied().unwrap_or(0)
        }

        fn factor(&self, px: f64) -> f64 {
            px / self.units_per_px_size
        }

        pub(super) fn glyph_advance(&self, g: u16, px: f64) -> f64 {
            let a = self
                .advances
                .get(usize::from(g))
                .or(self.advances.last())
                .copied()
                .unwrap_or(0);
            f64::from(a) * self.factor(px)
        }

        /// Offset of the glyph bitmap's left edge from the pen (ab_glyph's `px_bounds().min.x`).
        pub(super) fn bearing(&self, g: u16, px: f64) -> i32 {
            let x = self.x_min.get(usize::from(g)).copied().unwrap_or(0);
            (f64::from(x) * self.factor(px)).floor() as i32
        }

        pub(super) fn kern(&self, a: u16, b: u16, px: f64) -> f64 {
            self.kern
                .get(&(a, b))
                .map_or(0.0, |&k| f64::from(k) * self.factor(px))
        }

        pub(super) fn advance(&self, text: &str, px: f64) -> f64 {
            let mut w = 0.0;
            let mut prev = None;
            for c in text.chars() {
                let g = self.glyph(c);
                if let Some(p) = prev {
                    w += self.kern(p, g, px);
                }
                w += self.glyph_advance(g, px);
                prev = Some(g);
            }
            w
        }
    }

    fn u16_at(d: &[u8], o: usize) -> Option<u16> {
        Some(u16::from_be_bytes([*d.get(o)?, *d.get(o + 1)?]))
    }

    fn i16_at(d: &[u8], o: usize) -> Option<i16> {
        u16_at(d, o).map(|v| v as i16)
    }

    fn u32_at(d: &[u8], o: usize) -> Option<u32> {
        Some(u32::from_be_bytes([
            *d.get(o)?,
            *d.get(o + 1)?,
            *d.get(o + 2)?,
            *d.get(o + 3)?,
        ]))
    }

    fn table(d: &[u8], tag: &[u8; 4]) -> Option<usize> {
        let n = usize::from(u16_at(d, 4)?);
        (0..n).find_map(|i| {
            let rec = 12 + 16 * i;
            (d.get(rec..rec + 4)? == tag).then(|| u32_at(d, rec + 8).map(|o| o as usize))?
        })
    }

    fn parse(d: &[u8]) -> Option<Metrics> {
        let hhea = table(d, b"hhea")?;
        let (mut asc, mut desc) = (i16_at(d, hhea + 4)?, i16_at(d, hhea + 6)?);
        if let Some(os2) = table(d, b"OS/2")
            && u16_at(d, os2 + 62)? & 0x80 != 0
        {
            asc = i16_at(d, os2 + 68)?;
            desc = i16_at(d, os2 + 70)?;
        }
        let n_hmetrics = usize::from(u16_at(d, hhea + 34)?);
        let n_glyphs = usize::from(u16_at(d, table(d, b"maxp")? + 4)?);
        let hmtx = table(d, b"hmtx")?;
        let advances = (0..n_hmetrics)
            .map(|g| u16_at(d, hmtx + 4 * g))
            .collect::<Option<Vec<u16>>>()?;

        let long_loca = i16_at(d, table(d, b"head")? + 50)? == 1;
        let (loca, glyf) = (table(d, b"loca")?, table(d, b"glyf")?);
        let offset = |g: usize| -> Option<usize> {
            if long_loca {
                u32_at(d, loca + 4 * g).map(|v| v as usize)
            } else {
                u16_at(d, loca + 2 * g).map(|v| 2 * usize::from(v))
            }
        };
        let x_min = (0..n_glyphs)
            .map(|g| {
                let (a, b) = (offset(g)?, offset(g + 1)?);
                if b > a {
                    i16_at(d, glyf + a + 2)
                } else {
                    Some(0)
                }
            })
            .collect::<Option<Vec<i16>>>()?;

        // cmap: the first Unicode format-4 subtable.
        let cmap_off = table(d, b"cmap")?;
        let sub = (0..usize::from(u16_at(d, cmap_off + 2)?)).find_map(|i| {
            let rec = cmap_off + 4 + 8 * i;
            let (platform, encoding) = (u16_at(d, rec)?, u16_at(d, rec + 2)?);
            let off = cmap_off + u32_at(d, rec + 4)? as usize;
            let unicode = platform == 0 || (platform == 3 && encoding == 1);
            (unicode && u16_at(d, off)? == 4).then_some(off)
        })?;
        let seg2 = usize::from(u16_at(d, sub + 6)?);
        let (ends, starts) = (sub + 14, sub + 16 + seg2);
        let (deltas, ranges) = (sub + 16 + 2 * seg2, sub + 16 + 3 * seg2);
        let mut cmap = HashMap::new();
        for i in 0..seg2 / 2 {
            let (start, end) = (u16_at(d, starts + 2 * i)?, u16_at(d, ends + 2 * i)?);
            let delta = u16_at(d, deltas + 2 * i)?;
            let range = usize::from(u16_at(d, ranges + 2 * i)?);
            if start == 0xFFFF {
                continue;
            }
            for c in start..=end {
                let g = if range == 0 {
                    c.wrapping_add(delta)
                } else {
                    let at = ranges + 2 * i + range + 2 * usize::from(c - start);
                    match u16_at(d, at)? {
                        0 => 0,
                        g => g.wrapping_add(delta),
                    }
                };
                if g != 0 {
                    cmap.insert(u32::from(c), g);
                }
            }
        }

        // kern: horizontal format-0 pairs (what ab_glyph applies).
        let mut kern = HashMap::new();
        if let Some(k) = table(d, b"kern")
            && u16_at(d, k)? == 0
        {
            let mut sub = k + 4;
            for _ in 0..u16_at(d, k + 2)? {
                let (len, coverage) = (usize::from(u16_at(d, sub + 2)?), u16_at(d, sub + 4)?);
                if coverage >> 8 == 0 && coverage & 1 == 1 {
                    let pairs = usize::from(u16_at(d, sub + 6)?);
                    for j in 0..pairs {
                        let at = sub + 14 + 6 * j;
                        kern.insert((u16_at(d, at)?, u16_at(d, at + 2)?), i16_at(d, at + 4)?);
                    }
                    sub += 14 + 6 * pairs;
                } else {
                    sub += len;
                }
            }
        }

        Some(Metrics {
            units_per_px_size: f64::from(i32::from(asc) - i32::from(desc)),
            advances,
            x_min,
            cmap,
            kern,
        })
    }
}

/// Minimal PNG writer: 8-bit RGB, adaptive row filters, zlib stream of one
/// fixed-Huffman deflate block with greedy LZ77 (hash chains, 32 KiB window).
mod png {
    const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

    fn crc_table() -> [u32; 256] {
        let mut t = [0u32; 256];
        for (n, e) in t.iter_mut().enumerate() {
            let mut c = n as u32;
            for _ in 0..8 {
                c = if c & 1 == 1 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
            *e = c;
        }
        t
    }

    fn crc32(table: &[u32; 256], parts: &[&[u8]]) -> u32 {
        let mut c = 0xFFFF_FFFFu32;
        for p in parts {
            for &b in *p {
                c = table[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8);
            }
        }
        c ^ 0xFFFF_FFFF
    }

    fn adler32(data: &[u8]) -> u32 {
        let (mut a, mut b) = (1u32, 0u32);
        for chunk in data.chunks(5552) {
            for &x in chunk {
                a += u32::from(x);
                b += a;
            }
            a %= 65521;
            b %= 65521;
        }
        (b << 16) | a
    }

    fn chunk(out: &mut Vec<u8>, table: &[u32; 256], kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&crc32(table, &[kind, data]).to_be_bytes());
    }

    fn paeth(a: u8, b: u8, c: u8) -> u8 {
        let p = i16::from(a) + i16::from(b) - i16::from(c);
        let (pa, pb, pc) = (
            (p - i16::from(a)).abs(),
            (p - i16::from(b)).abs(),
            (p - i16::from(c)).abs(),
        );
        if pa <= pb && pa <= pc {
            a
        } else if pb <= pc {
            b
        } else {
            c
        }
    }

    /// Filtered scanlines: each row prefixed by the filter (0–4) with the
    /// smallest sum of absolute signed residuals.
    fn filter(rgb: &[u8], width: usize, height: usize) -> Vec<u8> {
        let stride = width * 3;
        let mut out = Vec::with_capacity((stride + 1) * height);
        let zero = vec![0u8; stride];
        let mut cand = vec![0u8; stride];
        let mut best = vec![0u8; stride];
        for y in 0..height {
            let row = &rgb[y * stride..(y + 1) * stride];
            let up = if y == 0 {
                &zero[..]
            } else {
                &rgb[(y - 1) * stride..y * stride]
            };
            let mut best_kind = 0u8;
            let mut best_cost = u64::MAX;
            for kind in 0..5u8 {
                for i in 0..stride {
                    let a = if i >= 3 { row[i - 3] } else { 0 };
                    let b = up[i];
                    let c = if i >= 3 { up[i - 3] } else { 0 };
                    let pred = match kind {
                        0 => 0,
                        1 => a,
                        2 => b,
                        3 => ((u16::from(a) + u16::from(b)) / 2) as u8,
                        _ => paeth(a, b, c),
                    };
                    cand[i] = row[i].wrapping_sub(pred);
                }
                let cost: u64 = cand
                    .iter()
                    .map(|&v| u64::from((v as i8).unsigned_abs()))
                    .sum();
                if cost < best_cost {
                    best_cost = cost;
                    best_kind = kind;
                    best.copy_from_slice(&cand);
                }
            }
            out.push(best_kind);
            out.extend_from_slice(&best);
        }
        out
    }

    struct Bits {
        out: Vec<u8>,
        acc: u64,
        n: u32,
    }

    impl Bits {
        /// Appends the low `n` bits of `v`, least significant first.
        fn put(&mut self, v: u32, n: u32) {
            self.acc |= u64::from(v) << self.n;
            self.n += n;
            while self.n >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.n -= 8;
            }
        }

        /// Appends a Huffman code (most significant bit first).
        fn code(&mut self, code: u32, len: u32) {
            let rev = code.reverse_bits() >> (32 - len);
            self.put(rev, len);
        }

        fn literal(&mut self, sym: u32) {
            match sym {
                0..=143 => self.code(0x30 + sym, 8),
                144..=255 => self.code(0x190 + sym - 144, 9),
                256..=279 => self.code(sym - 256, 7),
                _ => self.code(0xC0 + sym - 280, 8),
            }
        }

        fn finish(mut self) -> Vec<u8> {
            if self.n > 0 {
                self.out.push(self.acc as u8);
            }
            self.out
        }
    }

    const LEN_BASE: [u16; 29] = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
        131, 163, 195, 227, 258,
    ];
    const LEN_EXTRA: [u8; 29] = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ];
    const DIST_BASE: [u16; 30] = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
        2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
    ];
    const DIST_EXTRA: [u8; 30] = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12,
        13, 13,
    ];

    fn put_match(bits: &mut Bits, len: usize, dist: usize) {
        let li = LEN_BASE
            .iter()
            .rposition(|&b| usize::from(b) <= len)
            .unwrap_or(0);
        bits.literal(257 + li as u32);
        bits.put(
            (len - usize::from(LEN_BASE[li])) as u32,
            u32::from(LEN_EXTRA[li]),
        );
        let di = DIST_BASE
            .iter()
            .rposition(|&b| usize::from(b) <= dist)
            .unwrap_or(0);
        bits.code(di as u32, 5);
        bits.put(
            (dist - usize::from(DIST_BASE[di])) as u32,
            u32::from(DIST_EXTRA[di]),
        );
    }

    /// Raw deflate: one final fixed-Huffman block, greedy LZ77.
    pub(super) fn deflate(data: &[u8]) -> Vec<u8> {
        const WINDOW: usize = 32 * 1024;
        const HASH_BITS: u32 = 15;
        const MAX_CHAIN: usize = 48;
        const NIL: usize = usize::MAX;
        let mut bits = Bits {
            out: Vec::with_capacity(data.len() / 4 + 64),
            acc: 0,
            n: 0,
        };
        bits.put(1, 1); // BFINAL
        bits.put(1, 2); // BTYPE = fixed Huffman
        let mut head = vec![NIL; 1 << HASH_BITS];
        let mut prev = vec![NIL; data.len()];
        let hash = |i: usize| {
            let v = u32::from(data[i]) | u32::from(data[i + 1]) << 8 | u32::from(data[i + 2]) << 16;
            (v.wrapping_mul(0x9E37_79B1) >> (32 - HASH_BITS)) as usize
        };
        let mut i = 0;
        while i < data.len() {
            let mut best_len = 0;
            let mut best_dist = 0;
            if i + 2 < data.len() {
                let max_len = (data.len() - i).min(258);
                let mut cand = head[hash(i)];
                let mut chain = 0;
                while cand != NIL && i - cand <= WINDOW && chain < MAX_CHAIN {
                    // Cheap reject: the byte that would extend the best match must agree.
                    let probe = best_len.min(max_len - 1);
                    if data[cand + probe] == data[i + probe] {
                        let l = data[cand..]
                            .iter()
                            .zip(&data[i..i + max_len])
                            .take_while(|(a, b)| a == b)
                            .count();
                        if l > best_len {
                            best_len = l;
                            best_dist = i - cand;
                            if l == max_len {
                                break;
                            }
                        }
                    }
                    cand = prev[cand];
                    chain += 1;
                }
            }
            let step = if best_len >= 3 {
                put_match(&mut bits, best_len, best_dist);
                best_len
            } else {
                bits.literal(u32::from(data[i]));
                1
            };
            for (j, slot) in prev.iter_mut().enumerate().skip(i).take(step) {
                if j + 2 < data.len() {
                    let h = hash(j);
                    *slot = head[h];
                    head[h] = j;
                }
            }
            i += step;
        }
        bits.literal(256);
        bits.finish()
    }

    /// PNG bytes of an 8-bit RGB image.
    pub(super) fn encode_rgb(rgb: &[u8], width: u32, height: u32) -> Vec<u8> {
        let table = crc_table();
        let raw = filter(rgb, width as usize, height as usize);
        let mut z = vec![0x78, 0x01];
        z.extend_from_slice(&deflate(&raw));
        z.extend_from_slice(&adler32(&raw).to_be_bytes());
        let mut ihdr = Vec::with_capacity(13);
        ihdr.extend_from_slice(&width.to_be_bytes());
        ihdr.extend_from_slice(&height.to_be_bytes());
        ihdr.extend_from_slice(&[8, 2, 0, 0, 0]); // 8-bit, RGB, deflate, adaptive, no interlace
        let mut out = SIGNATURE.to_vec();
        chunk(&mut out, &table, b"IHDR", &ihdr);
        chunk(&mut out, &table, b"IDAT", &z);
        chunk(&mut out, &table, b"IEND", &[]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::salary::{Level, SalaryRow, salary_answer};
    use crate::corpus::Passage;

    fn decode(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
        let decoder = ::png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().expect("png header");
        let mut buf = vec![0; reader.output_buffer_size().expect("size")];
        let info = reader.next_frame(&mut buf).expect("png frame");
        assert_eq!(info.color_type, ::png::ColorType::Rgb);
        assert_eq!(info.bit_depth, ::png::BitDepth::Eight);
        buf.truncate(info.buffer_size());
        (info.width, info.height, buf)
    }

    /// One passage per paragraph of each seed guide, with its true line numbers.
    fn seed_passages() -> Vec<Passage> {
        let mut out = Vec::new();
        for name in [
            "000_84c8862ccb5e7127.txt",
            "001_2be4012d68e4b72e.txt",
            "002_aa806d2299f069f1.txt",
            "003_7297c4eb2c1aaf2e.txt",
            "004_ce589c6dcabf1bae.txt",
        ] {
            let path = format!("{}/seeds/{name}", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            let lines: Vec<&str> = text.lines().collect();
            let title = lines.first().map_or("", |l| l.trim());
            let mut cur: Vec<(u32, &str)> = Vec::new();
            for (i, l) in lines.iter().enumerate() {
                if !l.trim().is_empty() {
                    cur.push((i as u32 + 1, l));
                }
                if (l.trim().is_empty() || i + 1 == lines.len()) && !cur.is_empty() {
                    out.push(Passage {
                        source: name.to_string(),
                        title: title.to_string(),
                        section: String::new(),
                        start_line: cur[0].0,
                        end_line: cur[cur.len() - 1].0,
                        text: cur.iter().map(|c| c.1).collect::<Vec<_>>().join("\n"),
                        line_numbers: cur.iter().map(|c| c.0).collect(),
                    });
                    cur.clear();
                }
            }
        }
        out
    }

    fn distinct_colours(rgb: &[u8]) -> usize {
        let mut seen = std::collections::HashSet::new();
        for p in rgb.chunks(3) {
            seen.insert((p[0], p[1], p[2]));
        }
        seen.len()
    }

    #[test]
    fn renders_seed_answer_as_png() {
        let answer = salary_answer(&seed_passages(), None);
        assert!(!answer.rows.is_empty());
        let bytes = render_salary_chart(&answer, 1000, 620).expect("chart");
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
        let senior = salary_answer(&passages, Some(Level::Senior));
        for (w, h) in [(600, 380), (640, 400), (1600, 900)] {
            let (dw, dh, rgb) = decode(&render_salary_chart(&senior, w, h).expect("chart"));
            assert_eq!((dw, dh), (w, h));
            assert!(distinct_colours(&rgb) > 20);
        }
        // Same input, same bytes: text rendering does not depend on the machine.
        let a = render_salary_chart(&senior, 800, 500).unwrap();
        let b = render_salary_chart(&senior, 800, 500).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn rejects_empty_answers_and_bad_sizes() {
        let empty = salary_answer(&[], None);
        assert!(matches!(
            render_salary_chart(&empty, 800, 500),
            Err(ChartError::Empty)
        ));
        let answer = salary_answer(&seed_passages(), None);
        assert!(matches!(
            render_salary_chart(&answer, 10, 10),
            Err(ChartError::Size(10, 10))
        ));
        assert!(matches!(
            render_salary_chart(&answer, 599, 600),
            Err(ChartError::Size(..))
        ));
        assert!(matches!(
            render_salary_chart(&answer, 5000, 500),
            Err(ChartError::Size(..))
        ));
    }

    #[test]
    fn point_and_hourly_figures_render() {
        let mut answer = salary_answer(&seed_passages(), Some(Level::Entry));
        let mut hourly = answer.rows[0].figure.clone();
        hourly.source = "zzz.txt".into();
        hourly.title = "A very long guide title that keeps going well past the legend width".into();
        hourly.period = crate::answer::salary::Period::Hour;
        hourly.low = 93_600;
        hourly.high = 93_600;
        hourly.open_ended = true;
        answer.rows.push(SalaryRow {
            level: Level::Entry,
            figure: hourly,
        });
        let (w, h, _) = decode(&render_salary_chart(&answer, 900, 560).unwrap());
        assert_eq!((w, h), (900, 560));
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
        assert_eq!(crate::answer::salary::format_usd_k(151_250), "$151.2K");
        assert_eq!(k_rounded(151_250), "$151K");
    }

    #[test]
    fn png_writer_round_trips() {
        // Noise and flat areas both survive the encoder bit-exactly.
        let (w, h) = (67u32, 41u32);
        let mut rgb = vec![0u8; (w * h * 3) as usize];
        let mut x = 12345u32;
        for (i, v) in rgb.iter_mut().enumerate() {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            *v = if i % 700 < 350 { (x >> 16) as u8 } else { 200 };
        }
        let bytes = png::encode_rgb(&rgb, w, h);
        let (dw, dh, back) = decode(&bytes);
        assert_eq!((dw, dh), (w, h));
        assert_eq!(back, rgb);
        // Long runs and repeats (matches at long distances and length 258).
        let (w, h) = (300u32, 200u32);
        let rgb: Vec<u8> = (0..w * h * 3).map(|i| ((i / 7) % 251) as u8).collect();
        let (_, _, back) = decode(&png::encode_rgb(&rgb, w, h));
        assert_eq!(back, rgb);
    }
}
