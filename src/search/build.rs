//! Building one index generation's contents: guides read, split and extracted by worker threads,
//! their passages written into a fresh tantivy index, the extraction's files written beside it.
//! [`IndexDir`](super::index::IndexDir) decides where and swaps it in; this is the work itself.

use std::collections::BTreeMap;
use std::fs::{self};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};

use rustc_hash::FxHashSet;

use tantivy::{Index, IndexWriter, TantivyDocument};

use super::index::{
    Fields, GenerationFile, GuideInfo, IndexError, WRITER_BUDGET_PER_THREAD, io_err,
    register_tokenizer, schema, write_synced,
};
use crate::analysis::Analyzer;
use crate::corpus::{
    self, CareerNamer, CorpusError, Guide, Manifest, Passage, SeedFile, SeedSource, Skipped,
};
use crate::roles::{RoleTable, fold};

/// What a build extracts from each guide besides its passages, run in worker threads (any
/// order, concurrently). What it yields is handed to a [`Gathering`].
pub trait Extraction: Sync {
    /// What one guide yields.
    type PerGuide: Send;

    /// Extracts from one parsed guide.
    fn extract(&self, guide: &Guide) -> Self::PerGuide;
}

/// Gathers the guides' extractions on the building thread, in file-name order, then gives the
/// files to write into the new generation before it becomes current. A failure fails the
/// build (the current generation keeps serving).
pub trait Gathering<E> {
    /// Takes one guide's yield.
    fn gather(&mut self, per_guide: E);

    /// The files to write into the generation, each `(name, bytes)`.
    ///
    /// # Errors
    /// Why the extraction cannot be completed.
    fn finish(self) -> Result<Vec<(String, Vec<u8>)>, String>;
}

/// Extracts nothing (an index alone).
#[derive(Debug, Default, Clone, Copy)]
pub struct NoExtraction;

impl Extraction for NoExtraction {
    type PerGuide = ();

    fn extract(&self, _: &Guide) {}
}

impl Gathering<()> for NoExtraction {
    fn gather(&mut self, (): ()) {}

    fn finish(self) -> Result<Vec<(String, Vec<u8>)>, String> {
        Ok(Vec::new())
    }
}

/// Progress of a build, reported after each guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuildProgress {
    /// Guides read so far.
    pub guides_done: usize,
    /// Guides in all.
    pub guides_total: usize,
    /// Passages indexed so far.
    pub passages: usize,
}

/// Options of a build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Indexing threads (1 is right for small libraries).
    pub threads: usize,
    /// How many earlier generations to keep for readers still using them.
    pub keep_old: usize,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            threads: 1,
            keep_old: 1,
        }
    }
}

type Built = (Vec<GuideInfo>, Vec<Skipped>, usize, Vec<GenerationFile>);

/// One guide file as a worker thread left it.
enum Parsed<E> {
    /// Parsed, hashed (its bytes) and extracted.
    Guide(Guide, String, E),
    /// Not a usable guide, and why (the build goes on without it).
    Skipped(String),
    /// The extraction failed on it, and why (the build fails).
    Failed(String),
}

/// Most threads reading and extracting guides during a build.
const MAX_PARSE_WORKERS: usize = 4;

#[allow(clippy::too_many_arguments)]
pub(super) fn build_into<X: Extraction, G: Gathering<X::PerGuide>>(
    dir: &Path,
    analyzer: &Arc<Analyzer>,
    careers: &CareerNamer,
    roles: &RoleTable,
    source: &SeedSource,
    options: &BuildOptions,
    extraction: &X,
    mut gathering: G,
    progress: &mut impl FnMut(BuildProgress),
) -> Result<Built, IndexError> {
    fs::create_dir_all(dir).map_err(io_err(dir))?;
    let (schema, f) = schema();
    let index = Index::create_in_dir(dir, schema)?;
    register_tokenizer(&index, analyzer);
    let threads = options.threads.max(1);
    let mut writer: IndexWriter<TantivyDocument> =
        index.writer_with_num_threads(threads, threads * WRITER_BUDGET_PER_THREAD)?;
    let scan = source.scan()?;
    let mut guides = Vec::with_capacity(scan.files.len());
    let mut skipped = scan.ignored.clone();
    let mut passages = 0;
    let total = scan.files.len();
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, MAX_PARSE_WORKERS)
        .min(total.max(1));
    // Guides are read, split and extracted by workers; this thread indexes them and gathers
    // their extractions in file-name order, so the result does not depend on timing.
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::sync_channel::<(usize, Parsed<X::PerGuide>)>(workers * 4);
    let scan = &scan;
    let outcome = std::thread::scope(|scope| -> Result<(), IndexError> {
        for _ in 0..workers {
            let tx = tx.clone();
            let next = &next;
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(file) = scan.files.get(i) else { break };
                    let parsed = parse_and_extract(file, &scan.manifest, careers, extraction);
                    if tx.send((i, parsed)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut pending = BTreeMap::new();
        let mut want = 0;
        for (i, parsed) in rx {
            pending.insert(i, parsed);
            while let Some(parsed) = pending.remove(&want) {
                let file = &scan.files[want];
                want += 1;
                match parsed {
                    Parsed::Guide(guide, hash, extracted) => {
                        for p in &guide.passages {
                            writer.add_document(passage_doc(&f, roles, p))?;
                        }
                        passages += guide.passages.len();
                        guides.push(GuideInfo {
                            passages: guide.passages.len(),
                            source: guide.source,
                            title: guide.title,
                            career: guide.career,
                            author: guide.author,
                            publisher: guide.publisher,
                            url: guide.url,
                            hash,
                        });
                        gathering.gather(extracted);
                    }
                    Parsed::Failed(reason) => {
                        return Err(IndexError::Extraction(format!("{}: {reason}", file.name)));
                    }
                    Parsed::Skipped(reason) => {
                        tracing::warn!(file = %file.name, %reason, "guide skipped");
                        skipped.push(Skipped {
                            file: file.name.clone(),
                            reason,
                        });
                    }
                }
                progress(BuildProgress {
                    guides_done: want,
                    guides_total: total,
                    passages,
                });
            }
        }
        Ok(())
    });
    outcome?;
    if passages == 0 {
        return Err(CorpusError::Empty {
            origin: source.describe(),
            skipped: skipped.len(),
        }
        .into());
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    let written = gathering.finish().map_err(IndexError::Extraction)?;
    let mut files = Vec::with_capacity(written.len());
    for (name, bytes) in written {
        let path = dir.join(&name);
        write_synced(&path, &bytes)?;
        files.push(GenerationFile {
            name,
            bytes: bytes.len() as u64,
            blake3: blake3::hash(&bytes).to_hex().to_string(),
        });
    }
    Ok((guides, skipped, passages, files))
}

/// Reads, splits and extracts one guide (a worker's job). A panic in the extraction fails the
/// build with a reason instead of taking the process down.
fn parse_and_extract<X: Extraction>(
    file: &SeedFile,
    manifest: &Manifest,
    careers: &CareerNamer,
    extraction: &X,
) -> Parsed<X::PerGuide> {
    let bytes = match file.read() {
        Ok(b) => b,
        Err(e) => return Parsed::Skipped(format!("unreadable: {e}")),
    };
    let guide = match corpus::parse_guide(&file.name, &bytes, manifest, careers) {
        Ok(g) => g,
        Err(reason) => return Parsed::Skipped(reason),
    };
    let hash = blake3::hash(&bytes).to_hex()[..16].to_string();
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extraction.extract(&guide))) {
        Ok(extracted) => Parsed::Guide(guide, hash, extracted),
        Err(_) => {
            tracing::error!(file = %file.name, "extraction panicked on this guide");
            Parsed::Failed("the extraction panicked on this guide".into())
        }
    }
}

fn passage_doc(f: &Fields, roles: &RoleTable, p: &Passage) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    for occupation in occupations_named(roles, &[&p.section, &p.text]) {
        doc.add_text(f.occupations, occupation);
    }
    doc.add_text(f.section, &p.section);
    doc.add_text(f.body, &p.text);
    doc.add_text(f.title, &p.title);
    doc.add_text(f.source, &p.source);
    doc.add_text(f.career, &p.career);
    if let Some(url) = &p.url {
        doc.add_text(f.url, url);
    }
    doc.add_u64(f.start_line, u64::from(p.start_line));
    doc.add_u64(f.end_line, u64::from(p.end_line));
    let lines: Vec<u8> = p
        .line_numbers
        .iter()
        .flat_map(|n| n.to_le_bytes())
        .collect();
    doc.add_bytes(f.line_numbers, &lines);
    doc
}

/// The occupations `texts` name, each once, as [`RoleTable::occupation_form`] writes them.
fn occupations_named(roles: &RoleTable, texts: &[&str]) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for text in texts {
        let folded = fold(text);
        let mut seen: FxHashSet<&str> = FxHashSet::default();
        for word in folded.split(|c: char| !c.is_alphanumeric()) {
            if word.len() < MIN_OCCUPATION_BYTES || !seen.insert(word) {
                continue;
            }
            if let Some(form) = roles.occupation_form(word)
                && !found.contains(&form)
            {
                found.push(form);
            }
        }
    }
    found
}

/// Shorter words name no occupation (the shortest listed is "vet").
const MIN_OCCUPATION_BYTES: usize = 3;
