//! The running library: the index generation in use behind an atomic pointer, so queries are
//! answered from the current generation while a rebuild runs, and switch to the new one at once
//! when it is ready.
//!
//! A [`Generation`] is an index generation together with the facts extracted when it was built
//! (read lazily). Cloning a [`Library`] is shallow (it is an `Arc`).

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use arc_swap::ArcSwap;
use serde::Serialize;

use crate::answer::facts::{self, Facts, FactsExtraction, FactsGathering};
use crate::corpus::{SeedSource, Skipped};
use crate::search::{
    self, BuildOptions, BuildProgress, IndexDir, IndexError, PassageIndex, QuestionError,
    SearchOptions, SearchResults,
};
use crate::vocab::Vocabulary;

/// How long [`Library::open`] waits for another process building the first index.
const FIRST_BUILD_WAIT: Duration = Duration::from_secs(300);

/// How the library came to be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenOutcome {
    /// The index on disk matched the guides and was reused.
    Reused,
    /// The index was built (first use, or the guides changed).
    Built,
    /// The guides changed but the rebuild failed; the older index is serving.
    Stale,
}

/// Guides and passages at one moment, for before/after reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Guides indexed.
    pub guides: usize,
    /// Passages indexed.
    pub passages: usize,
}

/// What a reindex changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReindexReport {
    /// Before the rebuild.
    pub before: Counts,
    /// After the rebuild.
    pub after: Counts,
    /// Guides that are new.
    pub added: Vec<String>,
    /// Guides that are gone.
    pub removed: Vec<String>,
    /// Guides whose file changed.
    pub changed: Vec<String>,
    /// Files skipped, and why.
    pub skipped: Vec<Skipped>,
    /// How long the rebuild took.
    #[serde(serialize_with = "millis")]
    pub elapsed: Duration,
    /// The new generation.
    pub generation: String,
}

fn millis<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

struct Inner {
    seeds: SeedSource,
    dir: IndexDir,
    options: BuildOptions,
    vocab: Arc<Vocabulary>,
    current: ArcSwap<Generation>,
    reindexing: AtomicBool,
}

/// The library service: search and reindex over one index directory.
#[derive(Clone)]
pub struct Library {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Library {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Library")
            .field("index", &self.inner.dir.root())
            .finish()
    }
}

impl Library {
    /// Opens the library: removes what interrupted builds left in `dir`, then reuses the index
    /// there when it was built from exactly these guides (same fingerprint), else builds it. When
    /// a rebuild fails and an older index exists, the older one serves and the error is logged;
    /// an unreadable `CURRENT` counts as no index (it is replaced by the build).
    ///
    /// # Errors
    /// When there is no usable index and none can be built.
    pub fn open(
        seeds: SeedSource,
        index_root: impl Into<PathBuf>,
        options: BuildOptions,
        vocab: Arc<Vocabulary>,
    ) -> Result<(Library, OpenOutcome), IndexError> {
        let dir = vocab.index_dir(index_root);
        if let Err(e) = dir.remove_orphans() {
            tracing::warn!(error = %e, "could not look for what interrupted builds left");
        }
        let wanted = dir.fingerprint(&seeds, &facts::fingerprint_salt(&vocab))?;
        let existing = match dir.open_current() {
            Ok(found) => found.map(Generation::new),
            Err(e) => {
                tracing::warn!(error = %e, "current index unusable; rebuilding");
                None
            }
        };
        let (current, outcome) = match existing {
            Some(idx) if idx.meta().fingerprint == wanted => (idx, OpenOutcome::Reused),
            Some(old) => match build_generation(&dir, &seeds, &options, &vocab, |_| {}) {
                Ok(idx) => (idx, OpenOutcome::Built),
                Err(e) => {
                    tracing::error!(error = %e, generation = old.generation(), "rebuild failed; serving the previous index");
                    (old, OpenOutcome::Stale)
                }
            },
            None => match build_generation(&dir, &seeds, &options, &vocab, |_| {}) {
                Ok(idx) => (idx, OpenOutcome::Built),
                // Replicas started together on an empty directory: one builds, the others
                // wait for it and use its generation (or build their own if it does not fit).
                Err(IndexError::Busy) => {
                    tracing::info!(
                        "another process is building the index; waiting for it to finish"
                    );
                    match dir.open_after_build(FIRST_BUILD_WAIT)?.map(Generation::new) {
                        Some(idx) if idx.meta().fingerprint == wanted => (idx, OpenOutcome::Reused),
                        _ => (
                            build_generation(&dir, &seeds, &options, &vocab, |_| {})?,
                            OpenOutcome::Built,
                        ),
                    }
                }
                Err(e) => return Err(e),
            },
        };
        let library = Library {
            inner: Arc::new(Inner {
                seeds,
                dir,
                options,
                vocab,
                current: ArcSwap::from_pointee(current),
                reindexing: AtomicBool::new(false),
            }),
        };
        Ok((library, outcome))
    }

    /// The generation serving now. Hold the `Arc` for the length of one request: it stays valid
    /// even if a reindex swaps in another generation meanwhile.
    pub fn current(&self) -> Arc<Generation> {
        self.inner.current.load_full()
    }

    /// The vocabulary guides and questions are read with.
    pub fn vocabulary(&self) -> &Arc<Vocabulary> {
        &self.inner.vocab
    }

    /// The directory holding the index's generations.
    pub fn index_root(&self) -> &std::path::Path {
        self.inner.dir.root()
    }

    /// Where guides are read from.
    pub fn seeds(&self) -> &SeedSource {
        &self.inner.seeds
    }

    /// Searches the current generation.
    ///
    /// # Errors
    /// [`QuestionError`] for a blank question.
    pub fn search(
        &self,
        question: &str,
        options: SearchOptions,
    ) -> Result<SearchResults, QuestionError> {
        search::search(&self.current(), question, &options)
    }

    /// Whether a reindex is running in this process.
    pub fn is_reindexing(&self) -> bool {
        self.inner.reindexing.load(Ordering::SeqCst)
    }

    /// Rebuilds the index from the guides and swaps it in. Queries keep being answered from the
    /// old generation until the swap. Blocking: run it off async threads.
    ///
    /// # Errors
    /// [`IndexError::Busy`] when a reindex is already running (here or in another process);
    /// any build error, in which case the old generation keeps serving.
    pub fn reindex(
        &self,
        progress: impl FnMut(BuildProgress),
    ) -> Result<ReindexReport, IndexError> {
        if self.inner.reindexing.swap(true, Ordering::SeqCst) {
            return Err(IndexError::Busy);
        }
        struct Reset<'a>(&'a AtomicBool);
        impl Drop for Reset<'_> {
            fn drop(&mut self) {
                self.0.store(false, Ordering::SeqCst);
            }
        }
        let _reset = Reset(&self.inner.reindexing);
        let started = Instant::now();
        let before = self.current();
        let built = build_generation(
            &self.inner.dir,
            &self.inner.seeds,
            &self.inner.options,
            &self.inner.vocab,
            progress,
        )?;
        let report = diff(
            before.meta(),
            built.meta(),
            started.elapsed(),
            built.generation(),
        );
        self.inner.current.store(Arc::new(built));
        tracing::info!(
            generation = %report.generation,
            guides = report.after.guides,
            passages = report.after.passages,
            ms = report.elapsed.as_millis() as u64,
            "reindexed"
        );
        Ok(report)
    }

    /// Switches to the generation named by the index directory's `CURRENT` when another process
    /// built a newer one. Returns whether it switched.
    ///
    /// # Errors
    /// When the newer generation cannot be opened (the current one keeps serving).
    pub fn refresh(&self) -> Result<bool, IndexError> {
        let Some(name) = self.inner.dir.current_generation() else {
            return Ok(false);
        };
        if name == self.current().generation() {
            return Ok(false);
        }
        match self.inner.dir.open_current()?.map(Generation::new) {
            Some(idx) => {
                tracing::info!(
                    generation = idx.generation(),
                    "switched to a generation built elsewhere"
                );
                self.inner.current.store(Arc::new(idx));
                Ok(true)
            }
            None => Ok(false),
        }
    }
}

/// An index generation and the facts extracted when it was built.
#[derive(Debug)]
pub struct Generation {
    index: PassageIndex,
    facts: Facts,
}

impl Generation {
    /// Wraps an opened generation; its facts are read on first use.
    pub fn new(index: PassageIndex) -> Generation {
        Generation {
            index,
            facts: Facts::default(),
        }
    }

    /// The generation's facts.
    pub fn facts(&self) -> &Facts {
        &self.facts
    }

    /// The index.
    pub fn index(&self) -> &PassageIndex {
        &self.index
    }
}

impl std::ops::Deref for Generation {
    type Target = PassageIndex;

    fn deref(&self) -> &PassageIndex {
        &self.index
    }
}

/// Builds a generation of the index with its facts, and makes it current.
///
/// # Errors
/// As [`IndexDir::build_with`]; the current generation is left untouched.
pub fn build_generation(
    dir: &IndexDir,
    seeds: &SeedSource,
    options: &BuildOptions,
    vocab: &Arc<Vocabulary>,
    progress: impl FnMut(BuildProgress),
) -> Result<Generation, IndexError> {
    dir.build_with(
        seeds,
        options,
        &facts::fingerprint_salt(vocab),
        &FactsExtraction::new(Arc::clone(vocab)),
        FactsGathering::default(),
        progress,
    )
    .map(Generation::new)
}

fn diff(
    before: &search::IndexMeta,
    after: &search::IndexMeta,
    elapsed: Duration,
    generation: &str,
) -> ReindexReport {
    let old: std::collections::HashMap<&str, &str> = before
        .guides
        .iter()
        .map(|g| (g.source.as_str(), g.hash.as_str()))
        .collect();
    let new: std::collections::HashMap<&str, &str> = after
        .guides
        .iter()
        .map(|g| (g.source.as_str(), g.hash.as_str()))
        .collect();
    let mut added: Vec<String> = new
        .keys()
        .filter(|k| !old.contains_key(*k))
        .map(|k| k.to_string())
        .collect();
    let mut removed: Vec<String> = old
        .keys()
        .filter(|k| !new.contains_key(*k))
        .map(|k| k.to_string())
        .collect();
    let mut changed: Vec<String> = new
        .iter()
        .filter(|(k, h)| old.get(*k).is_some_and(|o| o != *h))
        .map(|(k, _)| k.to_string())
        .collect();
    added.sort();
    removed.sort();
    changed.sort();
    ReindexReport {
        before: Counts {
            guides: before.guides.len(),
            passages: before.passages,
        },
        after: Counts {
            guides: after.guides.len(),
            passages: after.passages,
        },
        added,
        removed,
        changed,
        skipped: after.skipped.clone(),
        elapsed,
        generation: generation.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::path::PathBuf;

    fn seed_copy() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let seeds = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"));
        for e in fs::read_dir(seeds).unwrap() {
            let e = e.unwrap();
            fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
        }
        dir
    }

    #[test]
    fn processes_opening_an_empty_directory_together_all_start() {
        let seeds = seed_copy();
        let index = tempfile::tempdir().unwrap();
        let src = SeedSource::Dir(seeds.path().to_path_buf());
        let barrier = Arc::new(std::sync::Barrier::new(3));
        let openers: Vec<_> = (0..3)
            .map(|_| {
                let (src, root, barrier) =
                    (src.clone(), index.path().to_path_buf(), barrier.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    Library::open(
                        src,
                        root,
                        BuildOptions::default(),
                        crate::answer::fixtures::vocab().clone(),
                    )
                })
            })
            .collect();
        let opened: Vec<_> = openers
            .into_iter()
            .map(|t| t.join().unwrap().expect("every opener gets a library"))
            .collect();
        let built = opened
            .iter()
            .filter(|(_, outcome)| *outcome == OpenOutcome::Built)
            .count();
        assert!(built >= 1, "someone built the first generation");
        for (lib, _) in &opened {
            assert!(
                lib.search("senior salary", SearchOptions::default())
                    .is_ok()
            );
        }
    }

    #[test]
    fn reuses_when_unchanged_rebuilds_when_changed() {
        let seeds = seed_copy();
        let index = tempfile::tempdir().unwrap();
        let src = SeedSource::Dir(seeds.path().to_path_buf());
        let (lib, outcome) = Library::open(
            src.clone(),
            index.path(),
            BuildOptions::default(),
            crate::answer::fixtures::vocab().clone(),
        )
        .unwrap();
        assert_eq!(outcome, OpenOutcome::Built);
        let first = lib.current().generation().to_string();
        let (_, outcome) = Library::open(
            src.clone(),
            index.path(),
            BuildOptions::default(),
            crate::answer::fixtures::vocab().clone(),
        )
        .unwrap();
        assert_eq!(outcome, OpenOutcome::Reused);
        fs::write(seeds.path().join("zz_new.md"), "# Remote Pay In Antarctica\n\nPenguin-adjacent back-end developers earn polar bonuses on every shift they work.\n").unwrap();
        let (lib2, outcome) = Library::open(
            src,
            index.path(),
            BuildOptions::default(),
            crate::answer::fixtures::vocab().clone(),
        )
        .unwrap();
        assert_eq!(outcome, OpenOutcome::Built);
        assert_ne!(lib2.current().generation(), first);
        let hits = lib2
            .search("penguin bonuses", SearchOptions::default())
            .unwrap()
            .hits;
        assert_eq!(hits[0].passage.source, "zz_new.md");
        // The first library sees the new generation once it refreshes.
        assert!(lib.refresh().unwrap());
        assert_eq!(lib.current().generation(), lib2.current().generation());
    }

    #[test]
    fn a_start_over_a_current_that_is_a_directory_rebuilds_and_replaces_it() {
        let seeds = seed_copy();
        let index = tempfile::tempdir().unwrap();
        let src = SeedSource::Dir(seeds.path().to_path_buf());
        let open = || {
            Library::open(
                src.clone(),
                index.path(),
                BuildOptions::default(),
                crate::answer::fixtures::vocab().clone(),
            )
        };
        let first = open().unwrap().0.current().generation().to_string();
        let current = index.path().join("CURRENT");
        fs::remove_file(&current).unwrap();
        fs::create_dir(&current).unwrap();
        // A build killed half-way, too.
        fs::create_dir(index.path().join(".build-1-2")).unwrap();
        fs::write(index.path().join(".CURRENT.2"), &first).unwrap();
        let (lib, outcome) = open().unwrap();
        assert_eq!(outcome, OpenOutcome::Built);
        assert!(current.is_file());
        assert!(!index.path().join(".build-1-2").exists());
        assert!(!index.path().join(".CURRENT.2").exists());
        // The next start reuses what that one built.
        let (again, outcome) = open().unwrap();
        assert_eq!(outcome, OpenOutcome::Reused);
        assert_eq!(again.current().generation(), lib.current().generation());
    }

    #[test]
    fn reindex_reports_changes_and_failed_reindex_keeps_serving() {
        let seeds = seed_copy();
        let index = tempfile::tempdir().unwrap();
        let src = SeedSource::Dir(seeds.path().to_path_buf());
        let (lib, _) = Library::open(
            src,
            index.path(),
            BuildOptions::default(),
            crate::answer::fixtures::vocab().clone(),
        )
        .unwrap();
        fs::remove_file(seeds.path().join("003_7297c4eb2c1aaf2e.txt")).unwrap();
        fs::write(seeds.path().join("new.txt"), "New Guide Title Here\n\nA fresh paragraph about mentoring junior developers in small teams.\n").unwrap();
        fs::write(seeds.path().join("broken.txt"), b"\xff\xfe\x00binary").unwrap();
        let mut appended =
            fs::read_to_string(seeds.path().join("000_84c8862ccb5e7127.txt")).unwrap();
        appended.push_str(
            "\n\nExtra Section\n\nAn extra paragraph appended for the test of changed guides.\n",
        );
        fs::write(seeds.path().join("000_84c8862ccb5e7127.txt"), appended).unwrap();
        let report = lib.reindex(|_| {}).unwrap();
        assert_eq!(report.before.guides, 5);
        assert_eq!(report.after.guides, 5);
        assert_eq!(report.added, vec!["new.txt"]);
        assert_eq!(report.removed, vec!["003_7297c4eb2c1aaf2e.txt"]);
        assert_eq!(report.changed, vec!["000_84c8862ccb5e7127.txt"]);
        assert!(report.skipped.iter().any(|s| s.file == "broken.txt"));

        // Remove every guide: the rebuild fails, the last good generation keeps answering.
        let serving = lib.current().generation().to_string();
        for e in fs::read_dir(seeds.path()).unwrap() {
            fs::remove_file(e.unwrap().path()).unwrap();
        }
        assert!(lib.reindex(|_| {}).is_err());
        assert_eq!(lib.current().generation(), serving);
        assert!(
            !lib.search("salary", SearchOptions::default())
                .unwrap()
                .hits
                .is_empty()
        );
        assert!(!lib.is_reindexing());
    }

    #[test]
    fn queries_are_answered_during_a_reindex() {
        let seeds = seed_copy();
        let index = tempfile::tempdir().unwrap();
        let (lib, _) = Library::open(
            SeedSource::Dir(seeds.path().to_path_buf()),
            index.path(),
            BuildOptions::default(),
            crate::answer::fixtures::vocab().clone(),
        )
        .unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let searcher = {
            let lib = lib.clone();
            std::thread::spawn(move || {
                let mut answered = 0;
                // Bounded: stops when the reindexes are done, or after 20 000 queries.
                while rx.try_recv().is_err() && answered < 20_000 {
                    let r = lib
                        .search("senior salary", SearchOptions::default())
                        .unwrap();
                    assert!(!r.hits.is_empty(), "a query found nothing mid-reindex");
                    answered += 1;
                }
                answered
            })
        };
        for _ in 0..3 {
            lib.reindex(|_| {}).unwrap();
        }
        tx.send(()).unwrap();
        assert!(searcher.join().unwrap() > 0);
    }
}
