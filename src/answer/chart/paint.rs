//! What every chart is drawn with: the embedded font and a glyph-by-glyph text painter, the
//! palette, the canvas (an RGB buffer plotters draws into) and its PNG encoding, the legend.
//!
//! Every PNG carries the text drawn on it, line by line, in an `iTXt` "Description" chunk
//! tagged with its language ([`ImageText`]): what the image says, readable without its pixels
//! (by tools that read PNG text, and by the tests).
//!
//! Text is drawn with DejaVu Sans, embedded with `include_bytes!` and registered with plotters'
//! `ab_glyph` backend, so an image is identical on every machine (no fontconfig or freetype).
//! Glyphs are placed one at a time from `ab_glyph`'s metrics (advance, kerning, left side
//! bearing), because plotters 0.3.7's `ab_glyph` text drawing ignores each glyph's left bearing
//! and spaces letters unevenly.

use std::cell::RefCell;

use ab_glyph::{Font, FontRef, PxScale, ScaleFont};
use once_cell::sync::Lazy;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontStyle, register_font};

use crate::i18n::Locale;

/// DejaVu Sans (Bitstream Vera license, see `assets/fonts/DejaVuSans-LICENSE.txt`).
static FONT_BYTES: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/fonts/DejaVuSans.ttf"
));
/// Private family name, so no other registration can shadow it.
const FONT: &str = "careerbot-dejavu-sans";

/// Smallest and largest accepted image side, in pixels.
pub const MIN_SIZE: (u32, u32) = (600, 380);
/// Largest accepted image side, in pixels.
pub const MAX_SIZE: u32 = 4096;

/// Why a chart could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// The answer holds nothing this chart draws.
    #[error("the answer has nothing to chart")]
    Empty,
    /// A timeline is one career's; the answer spans several.
    #[error("a timeline shows one career, and the answer spans {0}")]
    SeveralCareers(usize),
    /// The size asked for.
    #[error("chart size {0}x{1} is outside 600x380..=4096x4096")]
    Size(u32, u32),
    /// The embedded font.
    #[error("the embedded font could not be loaded")]
    Font,
    /// plotters or the PNG encoder failed.
    #[error("drawing the chart failed: {0}")]
    Draw(String),
}

/// A drawing error as a [`ChartError`].
pub(crate) fn draw_err<E: std::fmt::Display>(e: E) -> ChartError {
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
pub(crate) const PALETTE: [RGBColor; 10] = [
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
/// Text.
pub(crate) const INK: RGBColor = RGBColor(33, 37, 41);
/// Secondary text.
pub(crate) const MUTED: RGBColor = RGBColor(100, 106, 115);
/// Shaded bands.
pub(crate) const BAND: RGBColor = RGBColor(226, 232, 240);
/// Band edges and axes.
pub(crate) const BAND_EDGE: RGBColor = RGBColor(176, 186, 200);
/// Grid lines and separators.
pub(crate) const RULE: RGBColor = RGBColor(214, 219, 226);

/// The drawing area of a canvas.
pub(crate) type Root<'a> = DrawingArea<BitMapBackend<'a>, plotters::coord::Shift>;

/// Type and spacing scale of a `width` × `height` canvas: 1.0 at 1000×620.
pub(crate) fn scale_of(width: u32, height: u32) -> f64 {
    (f64::from(width) / 1000.0)
        .min(f64::from(height) / 620.0)
        .clamp(0.6, 2.5)
}

/// Checks the size, draws on a white `width` × `height` canvas with `draw` (type scaled by
/// [`scale_of`]), and encodes the result as PNG carrying the text drawn, tagged `lang`.
///
/// # Errors
/// [`ChartError::Size`] outside [`MIN_SIZE`]..=[`MAX_SIZE`], and whatever `draw` fails with.
pub(crate) fn render(
    width: u32,
    height: u32,
    lang: Locale,
    draw: impl FnOnce(&Painter<'_, '_>) -> Result<(), ChartError>,
) -> Result<Vec<u8>, ChartError> {
    render_scaled(width, height, scale_of(width, height), lang, draw)
}

/// [`render`] with type and spacing scaled by `scale`.
///
/// # Errors
/// As [`render`].
pub(crate) fn render_scaled(
    width: u32,
    height: u32,
    scale: f64,
    lang: Locale,
    draw: impl FnOnce(&Painter<'_, '_>) -> Result<(), ChartError>,
) -> Result<Vec<u8>, ChartError> {
    if width < MIN_SIZE.0 || height < MIN_SIZE.1 || width > MAX_SIZE || height > MAX_SIZE {
        return Err(ChartError::Size(width, height));
    }
    let metrics = Metrics::new(scale)?;
    let mut buf = vec![255u8; width as usize * height as usize * 3];
    let lines = {
        let root = BitMapBackend::with_buffer(&mut buf, (width, height)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;
        let painter = Painter {
            root: &root,
            metrics,
            size: (width as i32, height as i32),
            drawn: RefCell::new(Vec::new()),
        };
        draw(&painter)?;
        root.present().map_err(draw_err)?;
        painter.drawn.into_inner()
    };
    encode_png(&buf, width, height, Some(&ImageText { lang, lines }))
}

/// The text drawn on an image, in drawing order, and its language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageText {
    /// The language of the image's own words (the guides' words in it are as written).
    pub lang: Locale,
    /// Each text drawn, once per time it was drawn.
    pub lines: Vec<String>,
}

/// The keyword of the `iTXt` chunk holding an image's text (a keyword the PNG specification
/// registers).
const TEXT_KEYWORD: &str = "Description";

impl ImageText {
    /// The text a PNG made here carries, or `None` when it carries none (or is no PNG).
    pub fn of_png(bytes: &[u8]) -> Option<ImageText> {
        let reader = png::Decoder::new(std::io::Cursor::new(bytes))
            .read_info()
            .ok()?;
        let chunk = reader
            .info()
            .utf8_text
            .iter()
            .find(|c| c.keyword == TEXT_KEYWORD)?;
        let lang = Locale::ALL
            .into_iter()
            .find(|l| l.dir() == chunk.language_tag)?;
        let text = chunk.get_text().ok()?;
        Some(ImageText {
            lang,
            lines: text.lines().map(str::to_string).collect(),
        })
    }
}

/// PNG bytes of an 8-bit RGB buffer (the `png` crate's default compression and
/// adaptive filtering), with `text` in an `iTXt` chunk before the image data.
pub(crate) fn encode_png(
    rgb: &[u8],
    width: u32,
    height: u32,
    text: Option<&ImageText>,
) -> Result<Vec<u8>, ChartError> {
    let encode_err = |e: png::EncodingError| ChartError::Draw(format!("PNG encoding: {e}"));
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(encode_err)?;
    if let Some(text) = text {
        let mut chunk = png::text_metadata::ITXtChunk::new(TEXT_KEYWORD, text.lines.join("\n"));
        chunk.language_tag = text.lang.dir().to_string();
        writer.write_text_chunk(&chunk).map_err(encode_err)?;
    }
    writer.write_image_data(rgb).map_err(encode_err)?;
    writer.finish().map_err(encode_err)?;
    Ok(out)
}

/// Where text is anchored horizontally.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Align {
    Left,
    Center,
}

/// Text measured with the embedded font at one scale: widths, cutting, flowing into lines.
///
/// Glyphs are laid out here rather than by plotters: plotters 0.3.7's `ab_glyph` renderer puts
/// each glyph's bitmap at the pen position without the glyph's left bearing, which makes letter
/// spacing visibly uneven ("Backen d"). Here the pen advances (with kerning) and left bearings
/// come from `ab_glyph`, and [`Painter::text`] draws each glyph separately at pen + bearing, so
/// plotters only rasterises single glyphs.
#[derive(Clone, Copy)]
pub(crate) struct Metrics {
    face: &'static FontRef<'static>,
    /// Type and spacing scale (1.0 at 1000×620).
    pub(crate) scale: f64,
}

impl Metrics {
    /// The embedded font at `scale`.
    ///
    /// # Errors
    /// [`ChartError::Font`] when the embedded font cannot be read.
    pub(crate) fn new(scale: f64) -> Result<Metrics, ChartError> {
        Ok(Metrics {
            face: ensure_font()?,
            scale,
        })
    }

    /// `v` design pixels at this scale.
    pub(crate) fn px(&self, v: f64) -> i32 {
        (v * self.scale).round() as i32
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
    pub(crate) fn width(&self, text: &str, size: f64) -> i32 {
        self.layout(text, size, 0.0).1.round() as i32
    }

    /// `text` cut to at most `max` pixels at `size`, ending with "…" when cut.
    pub(crate) fn fit(&self, text: &str, size: f64, max: i32) -> String {
        if self.width(text, size) <= max {
            return text.to_string();
        }
        let mut chars: Vec<char> = text.chars().collect();
        while !chars.is_empty() {
            chars.pop();
            let cut: String = chars.iter().collect::<String>().trim_end().to_string() + "…";
            if self.width(&cut, size) <= max {
                return cut;
            }
        }
        String::new()
    }

    /// Lines of `parts` joined by four spaces, flowed to `max` pixels wide at `size`.
    pub(crate) fn flow<S: AsRef<str>>(&self, parts: &[S], size: f64, max: i32) -> Vec<String> {
        let mut lines: Vec<String> = vec![String::new()];
        for part in parts {
            let part = part.as_ref();
            let last = lines.last_mut().expect("one line");
            let joined = if last.is_empty() {
                part.to_string()
            } else {
                format!("{last}    {part}")
            };
            if last.is_empty() || self.width(&joined, size) <= max {
                *last = joined;
            } else {
                lines.push(part.to_string());
            }
        }
        lines
    }
}

/// A canvas: its drawing area, and text drawn glyph by glyph (see [`Metrics`]).
pub(crate) struct Painter<'r, 'a> {
    /// The drawing area.
    root: &'r Root<'a>,
    metrics: Metrics,
    /// Canvas width and height in pixels.
    pub(crate) size: (i32, i32),
    /// Every text drawn so far, in order (see [`ImageText`]).
    drawn: RefCell<Vec<String>>,
}

impl std::ops::Deref for Painter<'_, '_> {
    type Target = Metrics;

    fn deref(&self) -> &Metrics {
        &self.metrics
    }
}

impl Painter<'_, '_> {
    fn font(&self, size: f64) -> TextStyle<'static> {
        FontDesc::new(FontFamily::Name(FONT), size * self.scale, FontStyle::Normal).into()
    }

    /// Draws an image's title at its top left, `margin` in from the edges, cut to the width
    /// between the margins: the one title style every image shares.
    pub(crate) fn title(&self, title: &str, margin: i32) -> Result<(), ChartError> {
        let width = self.size.0 - 2 * margin;
        self.text(
            &self.fit(title, 22.0, width),
            margin,
            margin + self.px(20.0),
            22.0,
            INK,
            Align::Left,
        )
    }

    /// Draws `text` with its baseline at `baseline`, aligned at `x`.
    pub(crate) fn text(
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
        if !text.trim().is_empty() {
            // One line each: a text drawn never holds a line break.
            self.drawn.borrow_mut().push(text.replace('\n', " "));
        }
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

    /// A filled rectangle.
    pub(crate) fn fill(
        &self,
        corners: [(i32, i32); 2],
        colour: impl Into<ShapeStyle>,
    ) -> Result<(), ChartError> {
        self.root
            .draw(&Rectangle::new(corners, colour))
            .map_err(draw_err)
    }

    /// A polyline.
    pub(crate) fn line(&self, points: Vec<(i32, i32)>, colour: RGBColor) -> Result<(), ChartError> {
        self.root
            .draw(&PathElement::new(points, colour))
            .map_err(draw_err)
    }

    /// A filled polygon.
    pub(crate) fn polygon(
        &self,
        points: Vec<(i32, i32)>,
        colour: RGBColor,
    ) -> Result<(), ChartError> {
        self.root
            .draw(&Polygon::new(points, colour.filled()))
            .map_err(draw_err)
    }

    /// A legend of colour swatches and names along the bottom, flowed into rows between the
    /// margins. Returns the top of its first row.
    pub(crate) fn legend(
        &self,
        entries: &[(String, RGBColor)],
        margin: i32,
    ) -> Result<i32, ChartError> {
        let (w, h) = self.size;
        let swatch = self.px(12.0);
        let gap = self.px(24.0);
        let line_h = self.px(22.0);
        let usable = w - 2 * margin;
        let mut placed: Vec<(i32, i32, &str, RGBColor)> = Vec::new();
        let (mut x, mut row) = (0, 0);
        for (text, colour) in entries {
            let entry_w = swatch + self.px(6.0) + self.width(text, 13.0);
            if x > 0 && x + entry_w > usable {
                x = 0;
                row += 1;
            }
            placed.push((x, row, text, *colour));
            x += entry_w + gap;
        }
        let top = h - margin - (row + 1) * line_h;
        for (x, row, text, colour) in placed {
            let cy = top + row * line_h + line_h / 2;
            self.fill(
                [
                    (margin + x, cy - swatch / 2),
                    (margin + x + swatch, cy + swatch / 2),
                ],
                colour.filled(),
            )?;
            self.text(
                text,
                margin + x + swatch + self.px(6.0),
                cy + self.px(5.0),
                13.0,
                INK,
                Align::Left,
            )?;
        }
        Ok(top)
    }
}

/// The first of `steps` (ascending) giving at most `max_ticks` ticks over `span`, else the last.
pub(crate) fn tick_step(span: f64, max_ticks: f64, steps: &[f64]) -> f64 {
    steps
        .iter()
        .copied()
        .find(|st| span / st <= max_ticks)
        .or_else(|| steps.last().copied())
        .unwrap_or(1.0)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Decodes a PNG: (width, height, RGB bytes).
    pub(crate) fn decode(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().expect("png header");
        let mut buf = vec![0; reader.output_buffer_size().expect("size")];
        let info = reader.next_frame(&mut buf).expect("png frame");
        assert_eq!(info.color_type, png::ColorType::Rgb);
        assert_eq!(info.bit_depth, png::BitDepth::Eight);
        buf.truncate(info.buffer_size());
        (info.width, info.height, buf)
    }

    /// Checks what `png` draws: it is tagged `lang`, every one of `words` is drawn (within a
    /// line: keys are flowed into lines), and none of `foreign` (the same words in another
    /// language, where they differ) is: not as a line, nor, when longer than a word or two,
    /// within one (the guides' titles drawn as written may hold a short word).
    pub(crate) fn assert_draws(png: &[u8], lang: Locale, words: &[String], foreign: &[String]) {
        let text = ImageText::of_png(png).expect("the image's text");
        assert_eq!(text.lang, lang);
        for w in words {
            assert!(
                text.lines.iter().any(|l| l.contains(w.as_str())),
                "{w:?} not drawn in {:?}",
                text.lines
            );
        }
        for f in foreign.iter().filter(|f| !words.contains(f)) {
            assert!(
                !text
                    .lines
                    .iter()
                    .any(|l| l == f || (f.chars().count() > 16 && l.contains(f.as_str()))),
                "{f:?} drawn in {:?}",
                text.lines
            );
        }
    }

    /// How many colours an RGB buffer holds.
    pub(crate) fn distinct_colours(rgb: &[u8]) -> usize {
        let mut seen = std::collections::HashSet::new();
        for p in rgb.chunks(3) {
            seen.insert((p[0], p[1], p[2]));
        }
        seen.len()
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
        let (dw, dh, back) = decode(&encode_png(&rgb, w, h, None).unwrap());
        assert_eq!((dw, dh), (w, h));
        assert_eq!(back, rgb);
        // A buffer of the wrong length is an error, not a panic.
        assert!(matches!(
            encode_png(&rgb[1..], w, h, None),
            Err(ChartError::Draw(_))
        ));
    }

    #[test]
    fn sizes_outside_the_bounds_are_refused() {
        for (w, h) in [(10, 10), (599, 600), (5000, 500)] {
            assert!(matches!(
                render(w, h, Locale::En, |_| Ok(())),
                Err(ChartError::Size(..))
            ));
        }
        let (w, h, _) = decode(&render(600, 380, Locale::En, |_| Ok(())).unwrap());
        assert_eq!((w, h), (600, 380));
    }

    /// What a painter draws is what the PNG says it shows, in order, in the language given.
    #[test]
    fn the_png_carries_the_text_drawn_and_its_language() {
        let png = render(600, 380, Locale::Es, |p| {
            p.text("Años", 10, 20, 12.0, INK, Align::Left)?;
            p.text("   ", 10, 40, 12.0, INK, Align::Left)?;
            p.text("$50K", 10, 60, 12.0, INK, Align::Center)?;
            p.legend(&[("Guía «uno»".to_string(), PALETTE[0])], 16)?;
            Ok(())
        })
        .unwrap();
        let text = ImageText::of_png(&png).expect("text chunk");
        assert_eq!(text.lang, Locale::Es);
        assert_eq!(text.lines, ["Años", "$50K", "Guía «uno»"]);
        // Nothing drawn: an empty text, still tagged; PNGs without the chunk have none.
        let empty = ImageText::of_png(&render(600, 380, Locale::En, |_| Ok(())).unwrap());
        assert_eq!(
            empty,
            Some(ImageText {
                lang: Locale::En,
                lines: Vec::new()
            })
        );
        let bare = encode_png(&vec![255; 600 * 380 * 3], 600, 380, None).unwrap();
        assert_eq!(ImageText::of_png(&bare), None);
        assert_eq!(ImageText::of_png(b"not a png"), None);
    }

    #[test]
    fn text_layout_follows_the_font() {
        let mut buf = vec![255u8; 600 * 380 * 3];
        let root = BitMapBackend::with_buffer(&mut buf, (600, 380)).into_drawing_area();
        let p = Painter {
            root: &root,
            metrics: Metrics::new(1.0).unwrap(),
            size: (600, 380),
            drawn: RefCell::new(Vec::new()),
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
        // Text cut to a width ends with "…" and fits.
        let cut = p.fit("Lead Data Analyst or Analytics Manager", 13.0, 120);
        assert!(cut.ends_with('…') && p.width(&cut, 13.0) <= 120, "{cut}");
        assert_eq!(p.fit("Short", 13.0, 120), "Short");
        let lines = p.flow(&["one part", "another part", "a third part"], 12.0, 150);
        assert!(lines.len() >= 2 && lines.iter().all(|l| !l.is_empty()));
    }
}
