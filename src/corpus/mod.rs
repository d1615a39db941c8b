//! The guide library on disk: finds guide files, reads and cleans them, and splits them into
//! citable [`Passage`]s. Knows nothing of indexes or Discord.
//!
//! A guide is a `.txt`, `.md` or `.html` file in the seeds directory; its file name is its id in
//! every citation. `sources.toml` beside the guides gives human titles (see [`manifest`]).
//! Unreadable, non-UTF-8 or empty files are skipped with a warning and listed in
//! [`Corpus::skipped`]; a library with no passages at all is an error.

pub mod careers;
pub mod clean;
pub mod front_matter;
pub mod html;
mod layout;
pub mod link;
pub mod manifest;
mod source_lines;
pub mod split;
pub mod title;
mod words;

use std::borrow::Cow;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use careers::CareerNamer;
pub use manifest::{Manifest, SourceInfo};

/// One citable passage of a guide: a heading and the lines under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passage {
    /// Guide file name, e.g. `004_ce589c6dcabf1bae.txt`: the source id.
    pub source: String,
    /// Guide title.
    pub title: String,
    /// The career the guide is about ("Back-End Developer", "Electrician").
    pub career: String,
    /// Section heading.
    pub section: String,
    /// Where the guide was published (an `http(s)` link), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// 1-based first source line of the passage (its heading, when it has one).
    pub start_line: u32,
    /// 1-based last source line, inclusive.
    pub end_line: u32,
    /// The passage's lines (heading excluded), joined with `\n`; blank and boilerplate lines dropped.
    pub text: String,
    /// `line_numbers[i]` is the 1-based source line of the `i`-th line of `text`.
    pub line_numbers: Vec<u32>,
}

impl Passage {
    /// The source line of the `text` line that contains byte offset `at`.
    pub fn line_at(&self, at: usize) -> u32 {
        let index = self.text[..at.min(self.text.len())].matches('\n').count();
        self.line_numbers
            .get(index)
            .copied()
            .unwrap_or(self.end_line)
    }
}

/// One guide, split into passages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Guide {
    /// File name: the source id.
    pub source: String,
    /// Title from the manifest, else derived from the text.
    pub title: String,
    /// The career it is about: from the manifest, else inferred from the title.
    pub career: String,
    /// Author from the manifest, else from a byline in the text.
    pub author: Option<String>,
    /// Publisher from the manifest.
    pub publisher: Option<String>,
    /// Where the guide was published, from the manifest.
    pub url: Option<String>,
    /// The passages, in file order.
    pub passages: Vec<Passage>,
    /// Its Markdown headings (an HTML page's too), in file order: which section each belongs to.
    #[serde(default)]
    pub outline: Vec<Heading>,
}

/// One Markdown heading of a guide (`#` to `######`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heading {
    /// Its 1-based source line.
    pub line: u32,
    /// How many `#` mark it: 1 for a title, 2 for a section, 3 for a section inside it…
    pub depth: u8,
    /// Its words, without the marks.
    pub text: String,
}

/// The heading of the section the heading at `line` of a guide whose headings are `outline` is
/// part of: the nearest heading before it with fewer `#` marks. `None` when `line` is no
/// Markdown heading, or one at the top.
pub fn parent_heading(outline: &[Heading], line: u32) -> Option<&Heading> {
    let at = outline.iter().position(|h| h.line == line)?;
    let depth = outline[at].depth;
    outline[..at].iter().rev().find(|h| h.depth < depth)
}

/// The Markdown headings of `lines` outside code blocks and boilerplate (`drop`).
fn outline(lines: &[&str], drop: &[bool]) -> Vec<Heading> {
    let code = clean::code_lines(lines);
    lines
        .iter()
        .enumerate()
        .filter(|&(i, _)| !drop.get(i).copied().unwrap_or(false) && !code[i])
        .filter_map(|(i, line)| {
            let (depth, text) = markdown_heading(line)?;
            Some(Heading {
                line: u32::try_from(i + 1).unwrap_or(u32::MAX),
                depth,
                text: text.to_string(),
            })
        })
        .collect()
}

/// A Markdown heading line's depth (its `#` marks, 1 to 6) and words.
pub fn markdown_heading(line: &str) -> Option<(u8, &str)> {
    let t = line.trim();
    let depth = t.chars().take_while(|&c| c == '#').count();
    let words = t[depth..]
        .strip_prefix(' ')?
        .trim()
        .trim_end_matches('#')
        .trim();
    ((1..=6).contains(&depth) && !words.is_empty())
        .then(|| (u8::try_from(depth).unwrap_or(6), words))
}

/// A file that was not indexed, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    /// File name.
    pub file: String,
    /// Why it was skipped, for people.
    pub reason: String,
}

/// Errors that stop the library from loading at all (one bad guide never does).
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    /// The seeds directory cannot be listed.
    #[error("cannot read the guides directory {path}: {source}")]
    Dir {
        /// The directory.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// `sources.toml` exists but is not valid.
    #[error("invalid manifest {path}: {message}")]
    Manifest {
        /// The manifest file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// No guide produced a single passage.
    #[error("no usable passages in {origin} ({skipped} file(s) skipped)")]
    Empty {
        /// Where the guides were looked for.
        origin: String,
        /// How many files were skipped.
        skipped: usize,
    },
}

/// The file types read as guides.
pub const GUIDE_EXTENSIONS: &[&str] = &["txt", "md", "html", "htm"];

/// The manifest's file name inside the seeds directory.
pub const MANIFEST_FILE: &str = "sources.toml";

/// Largest guide read, in bytes; bigger files are skipped.
pub const MAX_GUIDE_BYTES: u64 = 8 * 1024 * 1024;

/// The guides shipped inside the binary, used when no seeds directory exists.
const EMBEDDED: &[(&str, &[u8])] = &[
    (
        "000_84c8862ccb5e7127.txt",
        include_bytes!("../../seeds/000_84c8862ccb5e7127.txt"),
    ),
    (
        "001_2be4012d68e4b72e.txt",
        include_bytes!("../../seeds/001_2be4012d68e4b72e.txt"),
    ),
    (
        "002_aa806d2299f069f1.txt",
        include_bytes!("../../seeds/002_aa806d2299f069f1.txt"),
    ),
    (
        "003_7297c4eb2c1aaf2e.txt",
        include_bytes!("../../seeds/003_7297c4eb2c1aaf2e.txt"),
    ),
    (
        "004_ce589c6dcabf1bae.txt",
        include_bytes!("../../seeds/004_ce589c6dcabf1bae.txt"),
    ),
];
const EMBEDDED_MANIFEST: &str = include_str!("../../seeds/sources.toml");

/// Where guides come from: a directory, or the copy built into the binary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeedSource {
    /// A directory of guide files (and optionally `sources.toml`).
    Dir(PathBuf),
    /// The five guides shipped with the program.
    Embedded,
}

impl SeedSource {
    /// The directory if it exists, else the embedded guides when `fallback` allows it.
    pub fn dir_or_embedded(dir: &Path, fallback: bool) -> SeedSource {
        if fallback && !dir.exists() {
            SeedSource::Embedded
        } else {
            SeedSource::Dir(dir.to_path_buf())
        }
    }

    /// For messages: the directory, or "embedded guides".
    pub fn describe(&self) -> String {
        match self {
            SeedSource::Dir(d) => d.display().to_string(),
            SeedSource::Embedded => "embedded guides".to_string(),
        }
    }

    /// Lists the guide files (sorted by name) and reads the manifest.
    ///
    /// # Errors
    /// When the directory cannot be listed or the manifest is invalid.
    pub fn scan(&self) -> Result<Scan, CorpusError> {
        match self {
            SeedSource::Embedded => Ok(Scan {
                files: EMBEDDED
                    .iter()
                    .map(|(name, bytes)| SeedFile {
                        name: (*name).to_string(),
                        origin: Origin::Static(bytes),
                    })
                    .collect(),
                manifest: Manifest::parse(EMBEDDED_MANIFEST).map_err(|message| {
                    CorpusError::Manifest {
                        path: PathBuf::from("<embedded>/sources.toml"),
                        message,
                    }
                })?,
                manifest_text: EMBEDDED_MANIFEST.to_string(),
                ignored: Vec::new(),
            }),
            SeedSource::Dir(dir) => scan_dir(dir),
        }
    }
}

/// The guide files found, the manifest, and files that are not guides.
#[derive(Debug)]
pub struct Scan {
    /// Guide files, sorted by name.
    pub files: Vec<SeedFile>,
    /// The parsed manifest (empty when there is none).
    pub manifest: Manifest,
    /// The manifest's text, for fingerprinting.
    pub manifest_text: String,
    /// Files in the directory that are not guides (wrong extension, hidden, directories).
    pub ignored: Vec<Skipped>,
}

/// One guide file, not yet read.
#[derive(Debug, Clone)]
pub struct SeedFile {
    /// File name: the source id.
    pub name: String,
    origin: Origin,
}

#[derive(Debug, Clone)]
enum Origin {
    Path(PathBuf),
    Static(&'static [u8]),
}

impl SeedFile {
    /// The file's bytes.
    ///
    /// # Errors
    /// When it cannot be read or is larger than [`MAX_GUIDE_BYTES`].
    pub fn read(&self) -> std::io::Result<Cow<'static, [u8]>> {
        match &self.origin {
            Origin::Static(b) => Ok(Cow::Borrowed(b)),
            Origin::Path(p) => {
                let len = fs::metadata(p)?.len();
                if len > MAX_GUIDE_BYTES {
                    return Err(std::io::Error::other(format!(
                        "file is {len} bytes, over the {MAX_GUIDE_BYTES}-byte limit"
                    )));
                }
                fs::read(p).map(Cow::Owned)
            }
        }
    }
}

fn scan_dir(dir: &Path) -> Result<Scan, CorpusError> {
    let entries = fs::read_dir(dir).map_err(|source| CorpusError::Dir {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut files = Vec::new();
    let mut ignored = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| CorpusError::Dir {
            path: dir.to_path_buf(),
            source,
        })?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == MANIFEST_FILE || name == ".gitkeep" {
            continue;
        }
        let path = entry.path();
        if name.starts_with('.') {
            ignored.push(Skipped {
                file: name,
                reason: "hidden file".into(),
            });
        } else if !path.is_file() {
            ignored.push(Skipped {
                file: name,
                reason: "not a regular file".into(),
            });
        } else if !is_guide_name(&name) {
            ignored.push(Skipped {
                file: name,
                reason: format!(
                    "not a guide type (expected .{})",
                    GUIDE_EXTENSIONS.join(", .")
                ),
            });
        } else {
            files.push(SeedFile {
                name,
                origin: Origin::Path(path),
            });
        }
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    let manifest_path = dir.join(MANIFEST_FILE);
    let manifest_text = match fs::read_to_string(&manifest_path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            return Err(CorpusError::Manifest {
                path: manifest_path,
                message: e.to_string(),
            });
        }
    };
    let manifest = Manifest::parse(&manifest_text).map_err(|message| CorpusError::Manifest {
        path: manifest_path,
        message,
    })?;
    Ok(Scan {
        files,
        manifest,
        manifest_text,
        ignored,
    })
}

/// Whether a file name has a guide extension.
pub fn is_guide_name(name: &str) -> bool {
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| GUIDE_EXTENSIONS.iter().any(|g| g.eq_ignore_ascii_case(e)))
}

/// Reads one guide and splits it.
///
/// # Errors
/// A human reason when the file is unreadable, not UTF-8, or has no content.
pub fn load_guide(
    file: &SeedFile,
    manifest: &Manifest,
    careers: &CareerNamer,
) -> Result<Guide, String> {
    let bytes = file.read().map_err(|e| format!("unreadable: {e}"))?;
    parse_guide(&file.name, &bytes, manifest, careers)
}

/// How many heading-like lines from the top are read for the career when the title names none.
const HEADINGS_FOR_CAREER: usize = 40;

/// A short line without a sentence end: a heading or a list item that may introduce a career.
fn is_heading_like(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && t.chars().count() <= 100 && !t.ends_with('.')
}

/// The career of a guide that names none, in its title or in the manifest.
pub const UNNAMED_CAREER: &str = "General";

/// Splits a guide's bytes into passages, and names the career it is about: the manifest's
/// `career` when given, else the one its title (or first heading) names.
///
/// # Errors
/// A human reason when the bytes are not UTF-8 text or hold no content.
pub fn parse_guide(
    name: &str,
    bytes: &[u8],
    manifest: &Manifest,
    careers: &CareerNamer,
) -> Result<Guide, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 text (invalid byte at offset {})",
            e.valid_up_to()
        )
    })?;
    if text.contains('\0') {
        return Err("binary content (NUL bytes)".to_string());
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let page = if is_html(name) {
        Some(html::convert(text)?)
    } else {
        None
    };
    let raw = text;
    let text = page.as_ref().map_or(text, |p| p.text.as_str());
    if text.trim().is_empty() {
        return Err("empty file".to_string());
    }
    let lines: Vec<&str> = text.lines().collect();
    let cleaned = clean::clean(&lines);
    let info = manifest.get(name);
    let derived = derive_title(name, &lines, &cleaned, page.as_ref());
    let listed = info.and_then(|i| i.title.clone());
    let stem = title::from_file_name(name);
    let title = listed
        .clone()
        .or_else(|| derived.clone())
        .unwrap_or_else(|| stem.clone());
    let career = match info.and_then(|i| i.career.as_deref()) {
        Some(c) => careers.normalise(c),
        None => [&listed, &derived]
            .iter()
            .find_map(|t| t.as_deref().and_then(|t| careers.from_title(t)))
            .or_else(|| {
                lines
                    .iter()
                    .zip(&cleaned.drop)
                    .filter(|(l, d)| !**d && is_heading_like(l))
                    .take(HEADINGS_FOR_CAREER)
                    .find_map(|(l, _)| careers.from_heading(l.trim_start_matches(['#', '-', ' '])))
            })
            // The file name last: it may be an id ("002_aa806d2299f069f1") naming nothing.
            .or_else(|| careers.from_title(&stem))
            .unwrap_or_else(|| UNNAMED_CAREER.to_string()),
    };
    let mut passages = split::split(&lines, &cleaned.drop, name, &title);
    let mut outline = outline(&lines, &cleaned.drop);
    if page.is_some() {
        // Citations count the file's own lines, not those of its rendering.
        at_source_lines(
            &source_lines::source_lines(raw, text),
            &mut passages,
            &mut outline,
        );
    }
    if passages.is_empty() {
        return Err("no text left after removing boilerplate".to_string());
    }
    // The manifest's link (checked when it was read), else the page's own canonical link.
    let url = info
        .and_then(|i| i.url.clone())
        .or_else(|| page.as_ref().and_then(|p| p.url.clone()));
    for p in &mut passages {
        p.career.clone_from(&career);
        p.url.clone_from(&url);
    }
    Ok(Guide {
        source: name.to_string(),
        title,
        career,
        author: info
            .and_then(|i| i.author.clone())
            .or_else(|| page.and_then(|p| p.author))
            .or(cleaned.author),
        publisher: info.and_then(|i| i.publisher.clone()),
        url,
        outline,
        passages,
    })
}

/// Renumbers the passages and headings of a rendered page (`map[i]`: the first and last source
/// line of the rendering's line `i + 1`): a passage starts where its first line starts and ends
/// where its last line ends.
fn at_source_lines(map: &[(u32, u32)], passages: &mut [Passage], outline: &mut [Heading]) {
    let at = |line: u32| {
        usize::try_from(line)
            .ok()
            .and_then(|l| l.checked_sub(1))
            .and_then(|i| map.get(i))
            .copied()
            .unwrap_or((line, line))
    };
    for p in passages {
        p.start_line = at(p.start_line).0;
        p.end_line = at(p.end_line).1.max(p.start_line);
        for l in &mut p.line_numbers {
            *l = at(*l).0;
        }
    }
    for h in outline {
        h.line = at(h.line).0;
    }
}

fn is_html(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".html") || lower.ends_with(".htm")
}

fn is_markdown(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

/// The title a guide gives itself (see [`title`]): an HTML page's `<title>` or first `<h1>`;
/// else the front matter's `title:`; else a Markdown guide's first `#` heading, or the first line
/// near the top that reads like a title; else an SEO title line. `None` when it gives none (its
/// file name stands in).
fn derive_title(
    name: &str,
    lines: &[&str],
    cleaned: &clean::Cleaned,
    page: Option<&html::Page>,
) -> Option<String> {
    page.and_then(|p| p.title.clone())
        .or_else(|| cleaned.front_matter.as_ref().and_then(|f| f.title.clone()))
        .or_else(|| title::from_lines(lines, &cleaned.drop, is_markdown(name) || page.is_some()))
        .or_else(|| title::from_seo_metadata(lines))
}

/// Every guide read, in file-name order, and the files skipped.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// The guides that produced passages.
    pub guides: Vec<Guide>,
    /// Files that were not indexed, and why.
    pub skipped: Vec<Skipped>,
}

impl Corpus {
    /// Reads every guide of `source`, skipping (and logging) the ones that cannot be used.
    ///
    /// # Errors
    /// When the source cannot be listed, the manifest is invalid, or no passage results.
    pub fn load(source: &SeedSource, careers: &CareerNamer) -> Result<Corpus, CorpusError> {
        let scan = source.scan()?;
        let mut corpus = Corpus {
            guides: Vec::new(),
            skipped: scan.ignored.clone(),
        };
        for file in &scan.files {
            match load_guide(file, &scan.manifest, careers) {
                Ok(g) => corpus.guides.push(g),
                Err(reason) => {
                    tracing::warn!(file = %file.name, %reason, "guide skipped");
                    corpus.skipped.push(Skipped {
                        file: file.name.clone(),
                        reason,
                    });
                }
            }
        }
        if corpus.passage_count() == 0 {
            return Err(CorpusError::Empty {
                origin: source.describe(),
                skipped: corpus.skipped.len(),
            });
        }
        Ok(corpus)
    }

    /// All passages of all guides.
    pub fn passages(&self) -> impl Iterator<Item = &Passage> {
        self.guides.iter().flat_map(|g| g.passages.iter())
    }

    /// How many passages there are.
    pub fn passage_count(&self) -> usize {
        self.guides.iter().map(|g| g.passages.len()).sum()
    }
}

#[cfg(test)]
mod guide_tests;

#[cfg(test)]
mod tests {
    use super::*;

    fn seeds() -> Corpus {
        Corpus::load(
            &SeedSource::Dir(PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"))),
            crate::answer::fixtures::vocab().careers(),
        )
        .unwrap()
    }

    #[test]
    fn a_markdown_guide_keeps_its_outline_and_each_headings_parent() {
        let text = "# Title\n\nIntro line here.\n\n## Skills\n\n### Technical skills\n\n#### SQL\n\nSQL is the main skill.\n\n```\n# not a heading\n```\n\n## Pay\n\nPay text.\n";
        let g = parse_guide(
            "g.md",
            text.as_bytes(),
            &Manifest::default(),
            crate::answer::fixtures::vocab().careers(),
        )
        .unwrap();
        let outline: Vec<(u32, u8, &str)> = g
            .outline
            .iter()
            .map(|h| (h.line, h.depth, h.text.as_str()))
            .collect();
        assert_eq!(
            outline,
            [
                (1, 1, "Title"),
                (5, 2, "Skills"),
                (7, 3, "Technical skills"),
                (9, 4, "SQL"),
                (17, 2, "Pay")
            ]
        );
        let parent = |line| parent_heading(&g.outline, line).map(|h| h.text.as_str());
        assert_eq!(parent(9), Some("Technical skills"));
        assert_eq!(parent(17), Some("Title"));
        assert_eq!(parent(1), None);
        // Not a heading line.
        assert_eq!(parent(11), None);
        assert_eq!(markdown_heading("#hashtag"), None);
        assert_eq!(
            markdown_heading("### Soft skills ###"),
            Some((3, "Soft skills"))
        );
    }

    #[test]
    fn seeds_load_with_manifest_titles() {
        let c = seeds();
        assert_eq!(c.guides.len(), 5);
        assert!(c.skipped.is_empty(), "{:?}", c.skipped);
        for g in &c.guides {
            assert!(!g.passages.is_empty());
            assert!(!g.title.is_empty());
        }
    }

    #[test]
    fn embedded_matches_directory() {
        let dir = seeds();
        let embedded = Corpus::load(
            &SeedSource::Embedded,
            crate::answer::fixtures::vocab().careers(),
        )
        .unwrap();
        assert_eq!(dir.guides, embedded.guides);
    }

    #[test]
    fn every_passage_line_is_its_source_line() {
        let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"));
        for g in seeds().guides {
            let file = fs::read_to_string(root.join(&g.source)).unwrap();
            let lines: Vec<&str> = file.lines().collect();
            for p in &g.passages {
                assert_eq!(p.text.lines().count(), p.line_numbers.len(), "{p:?}");
                for (text, no) in p.text.lines().zip(&p.line_numbers) {
                    assert_eq!(lines[*no as usize - 1].trim(), text);
                    assert!(p.start_line <= *no && *no <= p.end_line);
                }
            }
        }
    }

    #[test]
    fn seeds_boilerplate_is_gone() {
        let c = seeds();
        for p in c.passages() {
            let t = p.text.to_lowercase();
            for junk in [
                "webinar",
                "loading",
                ".webp",
                "table of contents",
                "related articles",
                "leave a reply",
                "meta description",
                "seo title",
                "reading time",
            ] {
                assert!(!t.contains(junk), "{junk:?} in {p:#?}");
            }
        }
    }

    #[test]
    fn seeds_passages_are_citation_sized() {
        let c = seeds();
        let sizes: Vec<usize> = c.passages().map(|p| p.text.chars().count()).collect();
        let in_range = sizes
            .iter()
            .filter(|&&s| (split::MIN_CHARS / 2..=split::MAX_CHARS + 200).contains(&s))
            .count();
        assert!(in_range * 10 >= sizes.len() * 9, "sizes {sizes:?}");
    }

    #[test]
    fn databases_list_is_one_passage() {
        let c = seeds();
        let g = &c.guides[0];
        let p = g
            .passages
            .iter()
            .find(|p| p.text.contains("MySQL"))
            .unwrap();
        for item in ["Databases", "MySQL", "PostgreSQL", "MongoDB", "Redis"] {
            assert!(p.text.contains(item), "{item} not in {p:#?}");
        }
    }

    #[test]
    fn bad_files_are_skipped_not_fatal() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("good.md"), "# Good Guide\n\nThis guide explains the salary of a back-end developer in some detail, with figures.\n").unwrap();
        fs::write(dir.path().join("latin1.txt"), b"Caf\xe9 guide\n\nText.\n").unwrap();
        fs::write(dir.path().join("empty.txt"), "").unwrap();
        fs::write(dir.path().join("binary.txt"), b"\0\x01\x02").unwrap();
        fs::write(dir.path().join("image.png"), b"png").unwrap();
        let c = Corpus::load(
            &SeedSource::Dir(dir.path().to_path_buf()),
            crate::answer::fixtures::vocab().careers(),
        )
        .unwrap();
        assert_eq!(c.guides.len(), 1);
        assert_eq!(c.guides[0].title, "Good Guide");
        let skipped: Vec<&str> = c.skipped.iter().map(|s| s.file.as_str()).collect();
        for f in ["latin1.txt", "empty.txt", "binary.txt", "image.png"] {
            assert!(skipped.contains(&f), "{f} not skipped: {skipped:?}");
        }
    }

    #[test]
    fn no_passages_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("empty.txt"), "\n\n").unwrap();
        assert!(matches!(
            Corpus::load(
                &SeedSource::Dir(dir.path().to_path_buf()),
                crate::answer::fixtures::vocab().careers()
            ),
            Err(CorpusError::Empty { .. })
        ));
        assert!(
            Corpus::load(
                &SeedSource::Dir(dir.path().join("missing")),
                crate::answer::fixtures::vocab().careers()
            )
            .is_err()
        );
    }

    #[test]
    fn html_guides_become_text() {
        let m = Manifest::default();
        let g = parse_guide(
            "g.html",
            b"<html><body><h1>Backend Salaries</h1><p>Entry-level developers earn $75,000 per year in most US cities today.</p><ul><li>Python</li><li>Go</li></ul></body></html>",
            &m,
            crate::answer::fixtures::vocab().careers(),
        )
        .unwrap();
        let all: String = g
            .passages
            .iter()
            .map(|p| format!("{} {}", p.section, p.text))
            .collect();
        assert!(all.contains("$75,000"), "{all}");
        assert!(!all.contains("<p>"));
    }

    #[test]
    fn title_is_derived_without_manifest() {
        let g = parse_guide("x_guide.txt", b"Backend Careers Explained\n\nA long enough paragraph about careers in back-end development.\n", &Manifest::default(), crate::answer::fixtures::vocab().careers()).unwrap();
        assert_eq!(g.title, "Backend Careers Explained");
        let g = parse_guide(
            "x_guide.txt",
            b"just one sentence of text that is prose.\n",
            &Manifest::default(),
            crate::answer::fixtures::vocab().careers(),
        )
        .unwrap();
        assert_eq!(g.title, "x guide");
    }
}
