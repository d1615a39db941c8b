//! Index generations on disk: where they live, building one (the work itself is `build.rs`, the
//! document schema `schema.rs`) and swapping it in atomically, and opening the current one.
//!
//! Layout of an index directory:
//! ```text
//! index/
//!   CURRENT                 name of the generation in use (replaced by rename: atomic)
//!   gen-<time>-<hash>/      one immutable tantivy index + careerbot.json (what it holds)
//!   .build-<pid>-<time>/    a generation being built; never read
//!   .CURRENT.<time>         the next `CURRENT`, written then renamed over it
//!   .lock                   held (flock) by whoever builds, so builds never overlap
//! ```
//! A rebuild writes a whole new generation beside the old one and only then points `CURRENT` at
//! it, so a failed or partial build never replaces a good index, and readers that opened the old
//! generation keep working (its files stay until two newer generations exist). Any number of
//! processes may open the directory for reading. What a build killed half-way leaves (a
//! `.build-*` directory, a `.CURRENT.*` file) is removed by whoever next holds the lock: at
//! start ([`IndexDir::remove_orphans`]), before and after each build. A `CURRENT` that cannot be
//! read (a directory, bytes that are not text, a name that is no generation's) counts as no
//! current generation, with a warning: the next build replaces it.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use tantivy::schema::Value;
use tantivy::{DocAddress, Index, IndexReader, ReloadPolicy, TantivyDocument};

use super::build::build_into;
pub use super::build::{BuildOptions, BuildProgress, Extraction, Gathering, NoExtraction};
pub(crate) use super::schema::Fields;
pub(super) use super::schema::{register_tokenizer, schema};
use crate::analysis::Analyzer;
use crate::corpus::{CareerNamer, CorpusError, Passage, SeedSource, Skipped};
use crate::roles::RoleTable;

/// Name of the custom tokenizer; versioned, because tokenizers are not stored in the index.
pub const TOKENIZER: &str = "careerbot_v1";
/// Bumped when the schema or the generation layout changes; part of the fingerprint.
const SCHEMA_VERSION: u32 = 4;
const CURRENT_FILE: &str = "CURRENT";
const META_FILE: &str = "careerbot.json";
const LOCK_FILE: &str = ".lock";
/// Indexing memory per writer thread (tantivy needs at least 15 MB).
pub(super) const WRITER_BUDGET_PER_THREAD: usize = 48 * 1024 * 1024;

/// Errors of building or opening an index.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// The guides could not be read.
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    /// tantivy failed.
    #[error("search index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// A file of the index directory could not be read or written.
    #[error("index directory {path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// `careerbot.json` of a generation is missing or invalid.
    #[error("index generation {path} is damaged: {message}")]
    Damaged {
        /// The generation directory.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// Another build holds the lock.
    #[error("another reindex is already running")]
    Busy,
    /// The extraction run with the build failed.
    #[error("extraction from the guides failed: {0}")]
    Extraction(String),
    /// The library shared through the database could not be read or copied here.
    #[error("the shared library: {0}")]
    Library(String),
}

pub(super) fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> IndexError + '_ {
    move |source| IndexError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// What the index holds about one guide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuideInfo {
    /// File name: the source id.
    pub source: String,
    /// Title.
    pub title: String,
    /// The career it is about.
    #[serde(default)]
    pub career: String,
    /// Author, if known.
    pub author: Option<String>,
    /// Publisher, if known.
    pub publisher: Option<String>,
    /// URL, if known.
    pub url: Option<String>,
    /// Passages indexed from it.
    pub passages: usize,
    /// Hash of the file's bytes, to tell changed guides apart.
    pub hash: String,
}

/// `careerbot.json`: what a generation was built from and what it holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexMeta {
    /// Fingerprint of the guides, manifest, analyzer and schema it was built from.
    pub fingerprint: String,
    /// When the build finished, seconds since the Unix epoch.
    pub built_at: u64,
    /// How long the build took, in milliseconds.
    pub build_ms: u64,
    /// Number of passages.
    pub passages: usize,
    /// The guides, in file-name order.
    pub guides: Vec<GuideInfo>,
    /// Files that were not indexed, and why.
    pub skipped: Vec<Skipped>,
    /// Files written beside the index by the build's extraction (see [`Extraction`]), with
    /// their sizes and hashes: opening checks they are all there, reading checks their bytes.
    #[serde(default)]
    pub files: Vec<GenerationFile>,
}

/// A file the build's extraction wrote into a generation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GenerationFile {
    /// File name inside the generation directory.
    pub name: String,
    /// Size in bytes.
    pub bytes: u64,
    /// blake3 of the bytes, hex.
    pub blake3: String,
}

/// One opened, immutable index generation: the searcher's view of the library.
pub struct PassageIndex {
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
    /// Hot passages and spelling corrections of this generation (dropped with it).
    pub(crate) cache: super::cache::SearchCache,
    /// Every passage, read from the store on first use (see [`PassageIndex::passages`]).
    passages: OnceLock<Arc<Vec<Passage>>>,
    meta: IndexMeta,
    generation: String,
    /// The generation's directory.
    dir: PathBuf,
    /// The analyzer its text was indexed with; questions are analysed with it too.
    analyzer: Arc<Analyzer>,
}

impl std::fmt::Debug for PassageIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PassageIndex")
            .field("generation", &self.generation)
            .field("passages", &self.meta.passages)
            .finish()
    }
}

impl PassageIndex {
    /// The analyzer of this generation's text and of the questions asked of it.
    pub fn analyzer(&self) -> &Arc<Analyzer> {
        &self.analyzer
    }

    /// What this generation holds.
    pub fn meta(&self) -> &IndexMeta {
        &self.meta
    }

    /// The generation's directory name.
    pub fn generation(&self) -> &str {
        &self.generation
    }

    /// A searcher over this generation (cheap; one per query).
    pub(crate) fn searcher(&self) -> tantivy::Searcher {
        self.reader.searcher()
    }

    /// Reads one passage back from the document store.
    pub(crate) fn passage(
        &self,
        searcher: &tantivy::Searcher,
        addr: DocAddress,
    ) -> tantivy::Result<Passage> {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let f = &self.fields;
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let num = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_u64())
                .and_then(|n| u32::try_from(n).ok())
                .unwrap_or(0)
        };
        let lines = doc
            .get_first(f.line_numbers)
            .and_then(|v| v.as_bytes())
            .unwrap_or_default();
        Ok(Passage {
            source: text(f.source),
            title: text(f.title),
            career: text(f.career),
            section: text(f.section),
            url: doc
                .get_first(f.url)
                .and_then(|v| v.as_str())
                .map(str::to_string),
            start_line: num(f.start_line),
            end_line: num(f.end_line),
            text: text(f.body),
            line_numbers: lines
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        })
    }

    /// Every passage, in index order (for structured answers over the whole library).
    ///
    /// # Errors
    /// When the document store cannot be read.
    pub fn all_passages(&self) -> tantivy::Result<Vec<Passage>> {
        let searcher = self.searcher();
        let mut out = Vec::with_capacity(self.meta.passages);
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let ord = u32::try_from(ord).unwrap_or(u32::MAX);
            for doc in segment.doc_ids_alive() {
                out.push(self.passage(&searcher, DocAddress::new(ord, doc))?);
            }
        }
        // Segments may interleave guides; give a stable, readable order.
        out.sort_by(|a, b| {
            (a.source.as_str(), a.start_line, a.end_line).cmp(&(
                b.source.as_str(),
                b.start_line,
                b.end_line,
            ))
        });
        Ok(out)
    }

    /// The bytes of a file the build's extraction wrote into this generation, checked against
    /// the size and hash recorded when it was built.
    ///
    /// # Errors
    /// [`IndexError::Damaged`] when the file is not listed, missing, unreadable or changed.
    pub fn read_file(&self, name: &str) -> Result<Vec<u8>, IndexError> {
        let damaged = |message: String| IndexError::Damaged {
            path: self.dir.join(name),
            message,
        };
        let listed = self
            .meta
            .files
            .iter()
            .find(|f| f.name == name)
            .ok_or_else(|| damaged("not part of this generation".into()))?;
        let bytes = fs::read(self.dir.join(name)).map_err(|e| damaged(e.to_string()))?;
        if bytes.len() as u64 != listed.bytes
            || blake3::hash(&bytes).to_hex().as_str() != listed.blake3
        {
            return Err(damaged("its bytes differ from what the build wrote".into()));
        }
        Ok(bytes)
    }

    /// Every passage, in the order of [`PassageIndex::all_passages`], read from the store once
    /// per generation and shared after that (the structured answers scan the whole library).
    ///
    /// # Errors
    /// When the document store cannot be read; nothing is cached then, so a later call retries.
    pub fn passages(&self) -> tantivy::Result<Arc<Vec<Passage>>> {
        if let Some(all) = self.passages.get() {
            return Ok(Arc::clone(all));
        }
        let all = Arc::new(self.all_passages()?);
        // Two first callers may both read the store; the first to finish is kept.
        Ok(Arc::clone(self.passages.get_or_init(|| all)))
    }
}

/// The code that turns guides into indexed terms (cleaning, splitting, analysis, schema). It is
/// part of the fingerprint, so an index built by an older version of that code is rebuilt
/// automatically instead of serving passages the current code would cut differently. Every file
/// of the corpus is listed (`every_corpus_file_is_in_the_fingerprint`).
const PIPELINE_SOURCE: &str = concat!(
    include_str!("../corpus/mod.rs"),
    include_str!("../corpus/clean.rs"),
    include_str!("../corpus/clean/boxes.rs"),
    include_str!("../corpus/clean/edges.rs"),
    include_str!("../corpus/clean/furniture.rs"),
    include_str!("../corpus/clean/meta.rs"),
    include_str!("../corpus/careers.rs"),
    include_str!("../corpus/front_matter.rs"),
    include_str!("../corpus/html.rs"),
    include_str!("../corpus/layout.rs"),
    include_str!("../corpus/link.rs"),
    include_str!("../corpus/manifest.rs"),
    include_str!("../corpus/source_lines.rs"),
    include_str!("../corpus/split.rs"),
    include_str!("../corpus/title.rs"),
    include_str!("../corpus/words.rs"),
    include_str!("../corpus/boilerplate.toml"),
    include_str!("../analysis.rs"),
    include_str!("../word_regex.rs"),
    include_str!("index.rs"),
    include_str!("build.rs"),
);

/// Computes the fingerprint of a seed source as read with `analyzer`: its guides' bytes and
/// names, the manifest, the analyzer, the schema and `salt` (an extraction's code and data, or
/// empty). Reads every guide once.
///
/// # Errors
/// When the source cannot be listed.
pub fn fingerprint(
    source: &SeedSource,
    analyzer: &Analyzer,
    salt: &str,
) -> Result<String, CorpusError> {
    let scan = source.scan()?;
    let mut h = blake3::Hasher::new();
    h.update(PIPELINE_SOURCE.as_bytes());
    h.update(salt.as_bytes());
    h.update(format!("schema-v{SCHEMA_VERSION}\n{}\n", analyzer.fingerprint()).as_bytes());
    h.update(scan.manifest_text.as_bytes());
    for file in &scan.files {
        h.update(file.name.as_bytes());
        h.update(&[0]);
        match file.read() {
            Ok(bytes) => {
                h.update(&(bytes.len() as u64).to_le_bytes());
                h.update(&bytes);
            }
            Err(e) => {
                h.update(format!("unreadable: {e}").as_bytes());
            }
        }
    }
    Ok(h.finalize().to_hex().to_string())
}

/// The index directory: builds generations and opens the current one.
#[derive(Debug, Clone)]
pub struct IndexDir {
    root: PathBuf,
    /// How text is analysed, at build and at query time.
    analyzer: Arc<Analyzer>,
    /// How a guide's career is named when the manifest does not say.
    careers: Arc<CareerNamer>,
    /// Which words name occupations, indexed as written.
    roles: Arc<RoleTable>,
}

impl IndexDir {
    /// An index directory at `root` (created when a build needs it), whose guides are read with
    /// `analyzer`, `careers` and `roles`.
    pub fn new(
        root: impl Into<PathBuf>,
        analyzer: Arc<Analyzer>,
        careers: Arc<CareerNamer>,
        roles: Arc<RoleTable>,
    ) -> IndexDir {
        IndexDir {
            root: root.into(),
            analyzer,
            careers,
            roles,
        }
    }

    /// The analyzer guides and questions are read with.
    pub fn analyzer(&self) -> &Arc<Analyzer> {
        &self.analyzer
    }

    /// The fingerprint of `source` as this directory would index it, with `salt`.
    ///
    /// # Errors
    /// When the source cannot be listed.
    pub fn fingerprint(&self, source: &SeedSource, salt: &str) -> Result<String, CorpusError> {
        fingerprint(source, &self.analyzer, salt)
    }

    /// The directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The name of the current generation, if any (quietly `None` when `CURRENT` is unusable:
    /// [`IndexDir::open_current`] says why).
    pub fn current_generation(&self) -> Option<String> {
        match self.read_current() {
            Current::Names(name) => Some(name),
            Current::Missing | Current::Unusable(_) => None,
        }
    }

    /// What `CURRENT` says.
    fn read_current(&self) -> Current {
        let path = self.root.join(CURRENT_FILE);
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Current::Missing,
            Err(e) => return Current::Unusable(e.to_string()),
        };
        let name = text.trim();
        if name.is_empty() || name.contains(['/', '\\']) || name == ".." || name == "." {
            return Current::Unusable(format!("{name:?} names no generation"));
        }
        Current::Names(name.to_string())
    }

    /// Opens the current generation, or `None` when there is none yet. A `CURRENT` that cannot
    /// be read, or names no generation, counts as none (with a warning): the next build
    /// replaces it.
    ///
    /// # Errors
    /// When the generation named by `CURRENT` cannot be opened.
    pub fn open_current(&self) -> Result<Option<PassageIndex>, IndexError> {
        match self.read_current() {
            Current::Missing => Ok(None),
            Current::Unusable(why) => {
                tracing::warn!(
                    path = %self.root.join(CURRENT_FILE).display(),
                    why,
                    "the index's CURRENT is unusable: no current generation; the next build replaces it"
                );
                Ok(None)
            }
            Current::Names(generation) => self.open_generation(&generation).map(Some),
        }
    }

    /// Removes what builds killed half-way left behind (`.build-*` directories, `.CURRENT.*`
    /// files), when no build holds the lock (one that does removes them itself). Returns how
    /// many it removed; for a process starting up.
    ///
    /// # Errors
    /// When the directory or its lock file cannot be created or locked.
    pub fn remove_orphans(&self) -> Result<usize, IndexError> {
        let (lock, lock_path) = self.lock_file()?;
        match lock.try_lock() {
            Ok(()) => Ok(self.remove_orphans_locked()),
            Err(fs::TryLockError::WouldBlock) => Ok(0),
            Err(fs::TryLockError::Error(e)) => Err(io_err(&lock_path)(e)),
        }
    }

    /// [`IndexDir::remove_orphans`], the build lock held by the caller: nothing is being built,
    /// so every `.build-*` directory and `.CURRENT.*` file is an orphan.
    fn remove_orphans_locked(&self) -> usize {
        let Ok(entries) = fs::read_dir(&self.root) else {
            return 0;
        };
        let current_tmp = format!(".{CURRENT_FILE}.");
        let mut removed = 0;
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.starts_with(".build-") && !name.starts_with(&current_tmp) {
                continue;
            }
            let path = entry.path();
            match remove_path(&path) {
                Ok(()) => {
                    tracing::info!(path = %path.display(), "removed what an interrupted build left");
                    removed += 1;
                }
                Err(e) => {
                    tracing::warn!(path = %path.display(), error = %e, "could not remove what an interrupted build left");
                }
            }
        }
        removed
    }

    /// Waits until no build holds this directory's lock (checking every 50 ms, for at most
    /// `limit`), then opens the current generation: for a process that found another one
    /// building the first index.
    ///
    /// # Errors
    /// [`IndexError::Busy`] when the build still runs after `limit`; as [`IndexDir::open_current`]
    /// otherwise.
    pub fn open_after_build(&self, limit: Duration) -> Result<Option<PassageIndex>, IndexError> {
        let (lock, lock_path) = self.lock_file()?;
        let deadline = Instant::now() + limit;
        loop {
            match lock.try_lock() {
                Ok(()) => break,
                Err(fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(fs::TryLockError::WouldBlock) => return Err(IndexError::Busy),
                Err(fs::TryLockError::Error(e)) => return Err(io_err(&lock_path)(e)),
            }
        }
        drop(lock);
        self.open_current()
    }

    /// The build lock's file (created with the directory when missing), not yet locked.
    fn lock_file(&self) -> Result<(File, PathBuf), IndexError> {
        fs::create_dir_all(&self.root).map_err(io_err(&self.root))?;
        let lock_path = self.root.join(LOCK_FILE);
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(io_err(&lock_path))?;
        Ok((lock, lock_path))
    }

    fn open_generation(&self, generation: &str) -> Result<PassageIndex, IndexError> {
        let dir = self.root.join(generation);
        let meta_path = dir.join(META_FILE);
        let meta_text = fs::read_to_string(&meta_path).map_err(|e| IndexError::Damaged {
            path: dir.clone(),
            message: format!("{META_FILE}: {e}"),
        })?;
        let meta: IndexMeta =
            serde_json::from_str(&meta_text).map_err(|e| IndexError::Damaged {
                path: dir.clone(),
                message: format!("{META_FILE}: {e}"),
            })?;
        let index = Index::open_in_dir(&dir)?;
        register_tokenizer(&index, &self.analyzer);
        let (_, fields) = schema();
        if index.schema() != schema().0 {
            return Err(IndexError::Damaged {
                path: dir,
                message: "schema differs from this version".into(),
            });
        }
        for f in &meta.files {
            let size = fs::metadata(dir.join(&f.name)).map(|m| m.len());
            if size.as_ref().ok() != Some(&f.bytes) {
                return Err(IndexError::Damaged {
                    path: dir.join(&f.name),
                    message: match size {
                        Ok(n) => format!("{n} bytes where the build wrote {}", f.bytes),
                        Err(e) => e.to_string(),
                    },
                });
            }
        }
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(PassageIndex {
            analyzer: Arc::clone(&self.analyzer),
            dir: dir.clone(),
            reader,
            fields,
            cache: super::cache::SearchCache::default(),
            passages: OnceLock::new(),
            meta,
            generation: generation.to_string(),
        })
    }

    /// Builds a new generation from `source` and makes it current. The old generation keeps
    /// serving until the swap, and stays on disk for readers that still use it.
    ///
    /// # Errors
    /// When the guides cannot be read or yield no passage ([`CorpusError`]), when another build
    /// is running ([`IndexError::Busy`]), or on I/O and tantivy failures. In every error case the
    /// current generation is left untouched.
    pub fn build(
        &self,
        source: &SeedSource,
        options: &BuildOptions,
        progress: impl FnMut(BuildProgress),
    ) -> Result<PassageIndex, IndexError> {
        self.build_with(source, options, "", &NoExtraction, NoExtraction, progress)
    }

    /// [`IndexDir::build`] with an extraction run over the guides and written into the new
    /// generation; `salt` joins the fingerprint (the extraction's own code and data), so a
    /// change of it rebuilds.
    ///
    /// # Errors
    /// As [`IndexDir::build`], and [`IndexError::Extraction`] when the extraction fails.
    pub fn build_with<X: Extraction, G: Gathering<X::PerGuide>>(
        &self,
        source: &SeedSource,
        options: &BuildOptions,
        salt: &str,
        extraction: &X,
        gathering: G,
        mut progress: impl FnMut(BuildProgress),
    ) -> Result<PassageIndex, IndexError> {
        let (lock, lock_path) = self.lock_file()?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => return Err(IndexError::Busy),
            Err(fs::TryLockError::Error(e)) => return Err(io_err(&lock_path)(e)),
        }
        self.remove_orphans_locked();
        let started = Instant::now();
        let fingerprint = fingerprint(source, &self.analyzer, salt)?;
        let stamp = now_nanos();
        let tmp = self
            .root
            .join(format!(".build-{}-{stamp}", std::process::id()));
        let result = build_into(
            &tmp,
            &self.analyzer,
            &self.careers,
            &self.roles,
            source,
            options,
            extraction,
            gathering,
            &mut progress,
        )
        .and_then(|(guides, skipped, passages, files)| {
            let meta = IndexMeta {
                fingerprint: fingerprint.clone(),
                built_at: unix_now(),
                build_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
                passages,
                guides,
                skipped,
                files,
            };
            let meta_path = tmp.join(META_FILE);
            write_synced(
                &meta_path,
                serde_json::to_string_pretty(&meta)
                    .expect("meta serialises")
                    .as_bytes(),
            )?;
            Ok(meta)
        });
        let meta = match result {
            Ok(meta) => meta,
            Err(e) => {
                let _ = fs::remove_dir_all(&tmp);
                return Err(e);
            }
        };
        let generation = format!("gen-{stamp}-{}", &fingerprint[..12]);
        let final_dir = self.root.join(&generation);
        fs::rename(&tmp, &final_dir).map_err(io_err(&final_dir))?;
        let current_tmp = self.root.join(format!(".{CURRENT_FILE}.{stamp}"));
        write_synced(&current_tmp, generation.as_bytes())?;
        let current = self.root.join(CURRENT_FILE);
        // A directory in CURRENT's place (no rename can replace it) is removed first.
        if fs::symlink_metadata(&current).is_ok_and(|m| m.is_dir()) {
            tracing::warn!(path = %current.display(), "the index's CURRENT is a directory; replacing it");
            fs::remove_dir_all(&current).map_err(io_err(&current))?;
        }
        fs::rename(&current_tmp, &current).map_err(io_err(&current))?;
        sync_dir(&self.root);
        tracing::info!(
            generation,
            passages = meta.passages,
            guides = meta.guides.len(),
            ms = meta.build_ms,
            "index generation built"
        );
        self.collect_garbage(&generation, options.keep_old);
        drop(lock);
        self.open_generation(&generation)
    }

    /// Removes old generations beyond `keep_old` and what interrupted builds left. Runs while
    /// the build lock is held, so it never removes a build in progress.
    fn collect_garbage(&self, current: &str, keep_old: usize) {
        self.remove_orphans_locked();
        let Ok(entries) = fs::read_dir(&self.root) else {
            return;
        };
        let mut generations = Vec::new();
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with("gen-") && name != current {
                generations.push(name);
            }
        }
        // Names sort by build time.
        generations.sort();
        let excess = generations.len().saturating_sub(keep_old);
        for old in &generations[..excess] {
            if let Err(e) = fs::remove_dir_all(self.root.join(old)) {
                tracing::warn!(generation = %old, error = %e, "could not remove old index generation");
            }
        }
    }
}

/// What `CURRENT` says.
enum Current {
    /// There is no `CURRENT`: nothing was built yet.
    Missing,
    /// The name of the current generation.
    Names(String),
    /// It cannot be read or names no generation, and why.
    Unusable(String),
}

/// Removes `path`, a directory (with what it holds) or anything else.
fn remove_path(path: &Path) -> std::io::Result<()> {
    if fs::symlink_metadata(path)?.is_dir() {
        fs::remove_dir_all(path)
    } else {
        fs::remove_file(path)
    }
}

pub(super) fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), IndexError> {
    let mut file = File::create(path).map_err(io_err(path))?;
    file.write_all(bytes).map_err(io_err(path))?;
    file.sync_all().map_err(io_err(path))
}

fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

fn now_nanos() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO)
        .as_nanos()
}

/// Seconds since the Unix epoch.
pub fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO)
        .as_secs()
}

/// A shared handle to an opened generation.
pub type SharedIndex = Arc<PassageIndex>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus;

    fn seeds() -> SeedSource {
        SeedSource::Dir(PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds")))
    }

    /// Regression: the build and most of the corpus's readers were left out of the
    /// fingerprint, so an index built by older code was served after an upgrade.
    #[test]
    fn every_corpus_file_is_in_the_fingerprint() {
        for dir in ["corpus", "corpus/clean"] {
            for (path, text) in crate::answer::facts::tests::sources_in(dir) {
                if path.ends_with("guide_tests.rs") {
                    continue;
                }
                assert!(PIPELINE_SOURCE.contains(text.as_str()), "{path:?}");
            }
        }
        assert!(PIPELINE_SOURCE.contains(include_str!("build.rs")));
    }

    #[test]
    fn builds_and_reopens() {
        let dir = tempfile::tempdir().unwrap();
        let idx = crate::answer::fixtures::vocab().index_dir(dir.path());
        assert!(idx.open_current().unwrap().is_none());
        let mut seen = 0;
        let built = idx
            .build(&seeds(), &BuildOptions::default(), |p| seen = p.guides_done)
            .unwrap();
        assert_eq!(seen, 5);
        assert_eq!(built.meta().guides.len(), 5);
        let reopened = idx.open_current().unwrap().unwrap();
        assert_eq!(reopened.meta(), built.meta());
        let all = reopened.all_passages().unwrap();
        assert_eq!(all.len(), built.meta().passages);
        let cached = reopened.passages().unwrap();
        assert_eq!(*cached, all, "the cached passages are the store's");
        assert!(
            Arc::ptr_eq(&cached, &reopened.passages().unwrap()),
            "read once per generation"
        );
        let corpus =
            corpus::Corpus::load(&seeds(), crate::answer::fixtures::vocab().careers()).unwrap();
        let expected: Vec<Passage> = corpus.passages().cloned().collect();
        assert_eq!(
            all, expected,
            "the store gives back exactly the passages indexed"
        );
    }

    #[test]
    fn failed_build_keeps_the_old_generation() {
        let dir = tempfile::tempdir().unwrap();
        let idx = crate::answer::fixtures::vocab().index_dir(dir.path().join("index"));
        let good = idx
            .build(&seeds(), &BuildOptions::default(), |_| {})
            .unwrap();
        let empty = dir.path().join("empty");
        fs::create_dir_all(&empty).unwrap();
        fs::write(empty.join("blank.txt"), "\n").unwrap();
        let err = idx
            .build(&SeedSource::Dir(empty), &BuildOptions::default(), |_| {})
            .unwrap_err();
        assert!(
            matches!(err, IndexError::Corpus(CorpusError::Empty { .. })),
            "{err}"
        );
        assert_eq!(idx.current_generation().as_deref(), Some(good.generation()));
        let names: Vec<String> = fs::read_dir(idx.root())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(!names.iter().any(|n| n.starts_with(".build-")), "{names:?}");
    }

    #[test]
    fn old_readers_survive_rebuilds_and_old_generations_are_collected() {
        let dir = tempfile::tempdir().unwrap();
        let idx = crate::answer::fixtures::vocab().index_dir(dir.path());
        let first = idx
            .build(&seeds(), &BuildOptions::default(), |_| {})
            .unwrap();
        let second = idx
            .build(&seeds(), &BuildOptions::default(), |_| {})
            .unwrap();
        let third = idx
            .build(&seeds(), &BuildOptions::default(), |_| {})
            .unwrap();
        assert_ne!(first.generation(), third.generation());
        // The first generation's directory is gone, but its opened reader still answers.
        assert!(!idx.root().join(first.generation()).exists());
        assert!(idx.root().join(second.generation()).exists());
        assert_eq!(first.all_passages().unwrap().len(), third.meta().passages);
    }

    #[test]
    fn concurrent_build_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let idx = crate::answer::fixtures::vocab().index_dir(dir.path());
        fs::create_dir_all(dir.path()).unwrap();
        let lock = File::create(dir.path().join(LOCK_FILE)).unwrap();
        lock.lock().unwrap();
        assert!(matches!(
            idx.build(&seeds(), &BuildOptions::default(), |_| {}),
            Err(IndexError::Busy)
        ));
    }

    #[test]
    fn waiting_for_a_build_ends_when_its_lock_is_released() {
        let dir = tempfile::tempdir().unwrap();
        let idx = crate::answer::fixtures::vocab().index_dir(dir.path());
        let built = idx
            .build(&seeds(), &BuildOptions::default(), |_| {})
            .unwrap();
        let lock = File::create(dir.path().join(LOCK_FILE)).unwrap();
        lock.lock().unwrap();
        assert!(matches!(
            idx.open_after_build(Duration::from_millis(120)),
            Err(IndexError::Busy)
        ));
        let waiter = {
            let idx = idx.clone();
            std::thread::spawn(move || idx.open_after_build(Duration::from_secs(60)))
        };
        std::thread::sleep(Duration::from_millis(150));
        assert!(!waiter.is_finished(), "returned while the lock was held");
        drop(lock);
        let opened = waiter.join().unwrap().unwrap().expect("a generation");
        assert_eq!(opened.generation(), built.generation());
    }

    #[test]
    fn damaged_generation_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(CURRENT_FILE), "gen-missing").unwrap();
        assert!(matches!(
            crate::answer::fixtures::vocab()
                .index_dir(dir.path())
                .open_current(),
            Err(IndexError::Damaged { .. })
        ));
        fs::write(dir.path().join(CURRENT_FILE), "../etc").unwrap();
        assert!(
            crate::answer::fixtures::vocab()
                .index_dir(dir.path())
                .open_current()
                .unwrap()
                .is_none()
        );
    }

    /// Leaves in `root` what a build killed half-way leaves: its directory, and the next
    /// `CURRENT` written but not renamed.
    fn leave_orphans(root: &Path) -> [PathBuf; 2] {
        let build = root.join(".build-4242-17");
        fs::create_dir_all(build.join("sub")).unwrap();
        fs::write(build.join("sub/segment"), "half written").unwrap();
        let current_tmp = root.join(".CURRENT.17");
        fs::write(&current_tmp, "gen-17-000000000000").unwrap();
        [build, current_tmp]
    }

    #[test]
    fn what_interrupted_builds_left_is_removed_at_start_and_by_a_build() {
        let dir = tempfile::tempdir().unwrap();
        let idx = crate::answer::fixtures::vocab().index_dir(dir.path());
        let built = idx
            .build(&seeds(), &BuildOptions::default(), |_| {})
            .unwrap();
        // At start, unless a build holds the lock (its own directory is not an orphan then).
        let orphans = leave_orphans(dir.path());
        let lock = File::create(dir.path().join(LOCK_FILE)).unwrap();
        lock.lock().unwrap();
        assert_eq!(idx.remove_orphans().unwrap(), 0);
        assert!(orphans.iter().all(|o| o.exists()));
        drop(lock);
        assert_eq!(idx.remove_orphans().unwrap(), 2);
        assert!(!orphans.iter().any(|o| o.exists()), "{orphans:?}");
        assert_eq!(
            idx.open_current().unwrap().unwrap().generation(),
            built.generation()
        );
        // By a build, even one that fails.
        let orphans = leave_orphans(dir.path());
        let empty = tempfile::tempdir().unwrap();
        fs::write(empty.path().join("blank.txt"), "\n").unwrap();
        assert!(
            idx.build(
                &SeedSource::Dir(empty.path().to_path_buf()),
                &BuildOptions::default(),
                |_| {}
            )
            .is_err()
        );
        assert!(!orphans.iter().any(|o| o.exists()), "{orphans:?}");
        let orphans = leave_orphans(dir.path());
        idx.build(&seeds(), &BuildOptions::default(), |_| {})
            .unwrap();
        assert!(!orphans.iter().any(|o| o.exists()), "{orphans:?}");
    }

    #[test]
    fn an_unreadable_current_is_no_generation_and_the_next_build_replaces_it() {
        let dir = tempfile::tempdir().unwrap();
        let idx = crate::answer::fixtures::vocab().index_dir(dir.path());
        let first = idx
            .build(&seeds(), &BuildOptions::default(), |_| {})
            .unwrap();
        let current = dir.path().join(CURRENT_FILE);
        // A directory where CURRENT should be: no rename can replace it.
        fs::remove_file(&current).unwrap();
        fs::create_dir_all(current.join("inside")).unwrap();
        fs::write(current.join("inside/file"), first.generation()).unwrap();
        assert!(idx.open_current().unwrap().is_none());
        assert_eq!(idx.current_generation(), None);
        let second = idx
            .build(&seeds(), &BuildOptions::default(), |_| {})
            .unwrap();
        assert!(current.is_file());
        assert_eq!(
            idx.open_current().unwrap().unwrap().generation(),
            second.generation()
        );
        // Bytes that are not text.
        fs::write(&current, [0xff, 0xfe, 0x00]).unwrap();
        assert!(idx.open_current().unwrap().is_none());
        let third = idx
            .build(&seeds(), &BuildOptions::default(), |_| {})
            .unwrap();
        assert_eq!(
            idx.open_current().unwrap().unwrap().generation(),
            third.generation()
        );
    }

    #[test]
    fn fingerprint_follows_content() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join("a.txt"),
            "Guide A\n\nSome text about salaries.\n",
        )
        .unwrap();
        let src = SeedSource::Dir(dir.path().to_path_buf());
        let one = fingerprint(&src, crate::answer::fixtures::vocab().analyzer(), "").unwrap();
        assert_eq!(
            one,
            fingerprint(&src, crate::answer::fixtures::vocab().analyzer(), "").unwrap()
        );
        fs::write(
            dir.path().join("a.txt"),
            "Guide A\n\nOther text about salaries.\n",
        )
        .unwrap();
        assert_ne!(
            one,
            fingerprint(&src, crate::answer::fixtures::vocab().analyzer(), "").unwrap()
        );
    }
}
