//! Salary chart: renders a [`SalaryAnswer`] as a PNG range chart (levels × sources, per-level summary band and median, open ends marked) with an embedded font.
//!
//! plotters draws into an RGB buffer, which the `png` crate encodes (8-bit RGB).
//! Text is drawn with DejaVu Sans, embedded with `include_bytes!` and registered
//! with plotters' `ab_glyph` backend, so the image is identical on every machine
//! (no fontconfig or freetype). Glyphs are placed one at a time from `ab_glyph`'s
//! metrics (advance, kerning, left side bearing), because plotters 0.3.7's
//! `ab_glyph` text drawing ignores each glyph's left bearing and spaces letters
//! unevenly.

use std::collections::BTreeMap;

use ab_glyph::{Font, FontRef, PxScale, ScaleFont};
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

/// The embedded font, parsed once and registered with plotters under [`FONT`].
fn ensure_font() -> Result<&'static FontRef<'static>, ChartError> {
    static LOADED: Lazy<Option<FontRef<'static>>> = Lazy::new(|| {
        let face = FontRef::try_from_slice(FONT_BYTES).ok()?;
        register_font(FONT, FontStyle::Normal, FONT_BYTES).ok()?;
        Some(face)
    });
    LOADED.as_ref().ok_or(ChartError::Font)
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
    // One axis in $ per year: figures stated per hour or month are not drawn on it.
    let yearly = SalaryAnswer {
        rows: answer
            .rows
            .iter()
            .filter(|r| r.figure.period == Period::Year)
            .cloned()
            .collect(),
        summaries: answer
            .summaries
            .iter()
            .filter(|s| s.period == Period::Year)
            .cloned()
            .collect(),
        ..answer.clone()
    };
    let answer = &yearly;
    if answer.rows.is_empty() || answer.summaries.is_empty() {
        return Err(ChartError::Empty);
    }
    let face = ensure_font()?;
    let mut buf = vec![255u8; width as usize * height as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut buf, (width, height)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;
        draw(&root, face, answer, width, height)?;
        root.present().map_err(draw_err)?;
    }
    encode_png(&buf, width, height)
}

/// PNG bytes of an 8-bit RGB buffer (the `png` crate's default compression and
/// adaptive filtering).
fn encode_png(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>, ChartError> {
    let encode_err = |e: png::EncodingError| ChartError::Draw(format!("PNG encoding: {e}"));
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(encode_err)?;
    writer.write_image_data(rgb).map_err(encode_err)?;
    writer.finish().map_err(encode_err)?;
    Ok(out)
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
/// visibly uneven ("Backen d"). Here the pen advances (with kerning) and left
/// bearings come from `ab_glyph` and each glyph is drawn separately at
/// pen + bearing, so plotters only rasterises single glyphs.
struct Painter<'r, 'a> {
    root: &'r Root<'a>,
    face: &'static FontRef<'static>,
    scale: f64,
}

impl Painter<'_, '_> {
    fn font(&self, size: f64) -> TextStyle<'static> {
        FontDesc::new(FontFamily::Name(FONT), size * self.scale, FontStyle::Normal).into()
    }

    /// The glyphs of `text` at `size` (before scaling), laid out from `start`:
    /// each character with its pen position and its bitmap's left edge offset
    /// from the rounded pen (the floored left side bearing, as `ab_glyph`'s
    /// `px_bounds().min.x`), plus the pen position after the last glyph.
    ///
    /// The font is scaled exactly as plotters scales it for drawing:
    /// `PxScale::from(pixels)`, i.e. pixels per (ascent − descent), not
    /// `Font::pt_to_px_scale`, which would treat the size as points per em.
    fn layout(&self, text: &str, size: f64, start: f64) -> (Vec<(char, f64, i32)>, f64) {
        let font = self
            .face
            .as_scaled(PxScale::from((size * self.scale) as f32));
        let mut glyphs = Vec::with_capacity(text.len());
        let mut pen = start;
        let mut prev = None;
        for c in text.chars() {
            let g = font.glyph_id(c);
            if let Some(p) = prev {
                pen += f64::from(font.kern(p, g));
            }
            prev = Some(g);
            glyphs.push((c, pen, font.h_side_bearing(g).floor() as i32));
            pen += f64::from(font.h_advance(g));
        }
        (glyphs, pen)
    }

    /// Width in pixels of `text` at `size` (before scaling).
    fn width(&self, text: &str, size: f64) -> i32 {
        self.layout(text, size, 0.0).1.round() as i32
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
        let left = match align {
            Align::Left => x,
            Align::Center => x - self.width(text, size) / 2,
        };
        // plotters puts the baseline of a top-anchored glyph at y + size/2.
        let top = baseline - (px / 2.0) as i32;
        for (c, pen, bearing) in self.layout(text, size, f64::from(left)).0 {
            if !c.is_whitespace() {
                let gx = pen.round() as i32 + bearing;
                self.root
                    .draw(&Text::new(c.to_string(), (gx, top), style.clone()))
                    .map_err(draw_err)?;
            }
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

fn draw(
    root: &Root<'_>,
    face: &'static FontRef<'static>,
    answer: &SalaryAnswer,
    width: u32,
    height: u32,
) -> Result<(), ChartError> {
    // Scale type and spacing with the canvas; 1.0 at 1000×620.
    let s = (f64::from(width) / 1000.0)
        .min(f64::from(height) / 620.0)
        .clamp(0.6, 2.5);
    let px = |v: f64| (v * s).round() as i32;
    let p = Painter {
        root,
        face,
        scale: s,
    };
    let (w, h) = (width as i32, height as i32);

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
                index[r.figure.cite.source.as_str()] + 1,
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
            let c = colour(&f.cite.source);
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
            let label = format!(
                "[{}] {}",
                index[f.cite.source.as_str()] + 1,
                f.range_label()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::salary::{Level, SalaryRow, salary_answer};
    use crate::corpus::Passage;

    fn decode(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().expect("png header");
        let mut buf = vec![0; reader.output_buffer_size().expect("size")];
        let info = reader.next_frame(&mut buf).expect("png frame");
        assert_eq!(info.color_type, png::ColorType::Rgb);
        assert_eq!(info.bit_depth, png::BitDepth::Eight);
        buf.truncate(info.buffer_size());
        (info.width, info.height, buf)
    }

    const SEEDS: [&str; 5] = [
        "000_84c8862ccb5e7127.txt",
        "001_2be4012d68e4b72e.txt",
        "002_aa806d2299f069f1.txt",
        "003_7297c4eb2c1aaf2e.txt",
        "004_ce589c6dcabf1bae.txt",
    ];

    /// The seed guides' passages as the real corpus splits them.
    fn seed_passages() -> Vec<Passage> {
        let manifest = crate::corpus::Manifest::default();
        SEEDS
            .iter()
            .flat_map(|name| {
                let path = format!("{}/seeds/{name}", env!("CARGO_MANIFEST_DIR"));
                let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
                crate::corpus::parse_guide(
                    name,
                    &bytes,
                    &manifest,
                    crate::answer::fixtures::vocab().careers(),
                )
                .unwrap_or_else(|e| panic!("{name}: {e}"))
                .passages
            })
            .collect()
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
        let answer = salary_answer(
            crate::answer::fixtures::vocab().levels(),
            &seed_passages(),
            None,
        );
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
        let senior = salary_answer(
            crate::answer::fixtures::vocab().levels(),
            &passages,
            Some(Level::Senior),
        );
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
        let empty = salary_answer(crate::answer::fixtures::vocab().levels(), &[], None);
        assert!(matches!(
            render_salary_chart(&empty, 800, 500),
            Err(ChartError::Empty)
        ));
        let answer = salary_answer(
            crate::answer::fixtures::vocab().levels(),
            &seed_passages(),
            None,
        );
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
        let mut answer = salary_answer(
            crate::answer::fixtures::vocab().levels(),
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
    fn png_encoding_round_trips() {
        // Noise and flat areas both survive the encoder bit-exactly.
        let (w, h) = (67u32, 41u32);
        let mut rgb = vec![0u8; (w * h * 3) as usize];
        let mut x = 12345u32;
        for (i, v) in rgb.iter_mut().enumerate() {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            *v = if i % 700 < 350 { (x >> 16) as u8 } else { 200 };
        }
        let (dw, dh, back) = decode(&encode_png(&rgb, w, h).unwrap());
        assert_eq!((dw, dh), (w, h));
        assert_eq!(back, rgb);
        // A buffer of the wrong length is an error, not a panic.
        assert!(matches!(
            encode_png(&rgb[1..], w, h),
            Err(ChartError::Draw(_))
        ));
    }

    #[test]
    fn text_layout_follows_the_font() {
        let mut buf = vec![255u8; 600 * 380 * 3];
        let root = BitMapBackend::with_buffer(&mut buf, (600, 380)).into_drawing_area();
        let p = Painter {
            root: &root,
            face: ensure_font().unwrap(),
            scale: 1.0,
        };
        // Kerning applies ("AV" is tighter than "A" + "V"), widths add up otherwise.
        assert!(p.width("AV", 13.0) < p.width("A", 13.0) + p.width("V", 13.0));
        assert_eq!(p.width("", 13.0), 0);
        assert_eq!(p.width("Salary", 26.0), 2 * p.width("Salary", 13.0));
        let (glyphs, end) = p.layout("Backend", 13.0, 10.0);
        assert_eq!(glyphs.len(), 7);
        assert_eq!(glyphs[0].1, 10.0);
        assert!(glyphs.windows(2).all(|g| g[0].1 < g[1].1) && end > glyphs[6].1);
        // "B" starts right of the pen; "j" reaches left of it.
        assert!(glyphs[0].2 > 0);
        assert!(p.layout("j", 40.0, 0.0).0[0].2 < 0);
    }
}
