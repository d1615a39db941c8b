//! The library shared through the database (on PostgreSQL): seeded once from a replica's guides
//! directory, then the source of truth for `/sources add|remove`; each replica copies it into
//! its own guides directory (atomic writes, removed guides deleted, `sources.toml` written from
//! the guides' manifest entries) and rebuilds its own index when the library's version moves.
//! A replica that cannot copy or build a version keeps serving the one it has and says so
//! ([`LibraryState::failed`]).
//!
//! Manifest entries travel whole (every key of a guide's `[[guide]]` table, as TOML text), so
//! keys this build does not know survive the trip.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use serde::Serialize;
use tokio::sync::watch;

use super::guides::write_file;
use super::library::{Library, ReindexReport};
use crate::corpus::{self, MANIFEST_FILE};
use crate::search::{BuildProgress, IndexError};
use crate::store::{LibraryGuide, LibrarySnapshot, Store};

/// How long a replica waits before trying again a version it failed to copy or build (unless a
/// newer version comes first).
pub const RETRY_FAILED: Duration = Duration::from_secs(30);
/// Longest failure reason kept (one line).
const REASON_CHARS: usize = 300;
/// The first lines of a `sources.toml` written from the database.
const MANIFEST_HEADER: &str = "# The guide library's manifest, written by careerbot from the library in its database.\n\
# Change the guides with /sources add and /sources remove: edits here are replaced.\n";

/// Where this replica's copy of the shared library stands.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LibraryState {
    /// The version whose guides the serving generation was built from (0: none yet).
    pub version: i64,
    /// The newest version seen in the database.
    pub latest: i64,
    /// The newest version this replica failed to copy or build, and why, until a build
    /// succeeds.
    pub failed: Option<SyncFailure>,
}

/// A version a replica could not serve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyncFailure {
    /// The version.
    pub version: i64,
    /// Why, on one line, without this host's paths.
    pub reason: String,
    /// When it failed.
    #[serde(skip)]
    pub at: Instant,
}

/// Why a sync runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Turn {
    /// The replica starts: copy the library, rebuild only if a file changed.
    Start,
    /// A change was heard, or the poll came round: rebuild if the version moved.
    Poll,
    /// `/reindex` here: every replica rebuilds (the version moves unless a change is pending).
    Reindex,
}

/// The shared library of one engine.
pub(super) struct Shared {
    store: Store,
    /// The guides directory (this replica's copy).
    dir: PathBuf,
    /// The index directory, to keep out of failure reasons.
    index_dir: PathBuf,
    /// One sync at a time.
    turn: Mutex<()>,
    state: Mutex<LibraryState>,
    /// What the listener heard, when it started.
    changes: Option<watch::Receiver<u64>>,
    /// The version a change made here wrote, until a `/reindex` here has served it.
    pending: AtomicI64,
    /// The latest rebuild's report and the version it served (a `/reindex` after a change the
    /// upkeep already served reports that rebuild).
    last: Mutex<Option<(i64, ReindexReport)>>,
    /// How often the upkeep polls the version.
    poll_every: Duration,
}

impl Shared {
    /// Shares the library of `dir` through `store`: seeds the database from `dir` unless it was
    /// seeded, and starts listening for changes.
    pub(super) fn open(
        store: Store,
        dir: PathBuf,
        index_dir: PathBuf,
        poll_every: Duration,
    ) -> Result<Shared, String> {
        let seeds = local_guides(&dir)?;
        let count = seeds.len();
        if store
            .seed_library(seeds, now())
            .map_err(|e| format!("cannot seed the library in the database: {e}"))?
        {
            tracing::info!(
                guides = count,
                "the database's library was seeded from the local guides"
            );
        }
        let changes = match store.library_changes() {
            Ok(rx) => Some(rx),
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for library changes; polling only");
                None
            }
        };
        Ok(Shared {
            store,
            dir,
            index_dir,
            turn: Mutex::new(()),
            state: Mutex::new(LibraryState::default()),
            changes,
            poll_every,
            pending: AtomicI64::new(0),
            last: Mutex::new(None),
        })
    }

    pub(super) fn store(&self) -> &Store {
        &self.store
    }

    pub(super) fn state(&self) -> LibraryState {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub(super) fn changes(&self) -> Option<watch::Receiver<u64>> {
        self.changes.clone()
    }

    pub(super) fn poll_every(&self) -> Duration {
        self.poll_every
    }

    /// Notes that a change made here wrote `version`: the `/reindex` that follows serves it
    /// (without moving the version again).
    pub(super) fn expect(&self, version: i64) {
        self.pending.fetch_max(version, Ordering::SeqCst);
    }

    /// Brings this replica to the library's newest version: copies it into the guides directory
    /// and rebuilds. Returns the rebuild's report, `None` when nothing was to be done (up to
    /// date, a failed version not yet due again, or another sync running for a poll).
    pub(super) fn sync(
        &self,
        library: &Library,
        why: Turn,
        progress: impl FnMut(BuildProgress),
    ) -> Result<Option<ReindexReport>, IndexError> {
        let _turn = match why {
            Turn::Reindex | Turn::Start => self.turn.lock().unwrap_or_else(PoisonError::into_inner),
            Turn::Poll => match self.turn.try_lock() {
                Ok(t) => t,
                Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner(),
                Err(std::sync::TryLockError::WouldBlock) => return Ok(None),
            },
        };
        let db = |e: crate::store::StoreError| IndexError::Library(format!("the database: {e}"));
        let mut latest = self.store.library_version().map_err(db)?;
        let state = self.state();
        self.note(|s| s.latest = s.latest.max(latest));
        match why {
            Turn::Poll if latest <= state.version => return Ok(None),
            Turn::Poll
                if state
                    .failed
                    .as_ref()
                    .is_some_and(|f| f.version == latest && f.at.elapsed() < RETRY_FAILED) =>
            {
                return Ok(None);
            }
            Turn::Reindex => {
                let pending = self.pending.swap(0, Ordering::SeqCst);
                if pending > 0 && state.version >= pending {
                    // The change made here was served already (its notification came first).
                    let last = self.last.lock().unwrap_or_else(PoisonError::into_inner);
                    if let Some((served, report)) = &*last
                        && *served == state.version
                    {
                        return Ok(Some(report.clone()));
                    }
                }
                if latest <= state.version {
                    latest = self.store.bump_library(now()).map_err(db)?;
                    tracing::info!(
                        version = latest,
                        "library version moved: every replica rebuilds"
                    );
                    self.note(|s| s.latest = s.latest.max(latest));
                }
            }
            _ => {}
        }
        let snapshot = self.store.library().map_err(db)?;
        let version = snapshot.version;
        let changed = match write_local(&self.dir, &snapshot) {
            Ok(n) => n,
            Err(e) => {
                let e = IndexError::Library(format!("cannot copy version {version} here: {e}"));
                self.failed(version, &e);
                return Err(e);
            }
        };
        if why == Turn::Start && changed == 0 {
            // The generation opened at start was built from exactly these files.
            self.note(|s| {
                s.version = version;
                s.failed = None;
            });
            return Ok(None);
        }
        match library.reindex(progress) {
            Ok(report) => {
                tracing::info!(version, generation = %report.generation, changed, "serving the library's version");
                self.note(|s| {
                    s.version = version;
                    s.failed = None;
                });
                *self.last.lock().unwrap_or_else(PoisonError::into_inner) =
                    Some((version, report.clone()));
                Ok(Some(report))
            }
            Err(IndexError::Busy) => Err(IndexError::Busy),
            Err(e) => {
                self.failed(version, &e);
                Err(e)
            }
        }
    }

    fn note(&self, f: impl FnOnce(&mut LibraryState)) {
        f(&mut self.state.lock().unwrap_or_else(PoisonError::into_inner));
    }

    fn failed(&self, version: i64, e: &IndexError) {
        let reason = self.sanitise(&e.to_string());
        tracing::error!(version, error = %reason, "could not serve the library's version; the previous one keeps serving");
        self.note(|s| {
            s.failed = Some(SyncFailure {
                version,
                reason,
                at: Instant::now(),
            });
        });
    }

    /// One line, at most [`REASON_CHARS`], this host's directories named by their role.
    fn sanitise(&self, reason: &str) -> String {
        let mut text = reason.lines().next().unwrap_or_default().to_string();
        for (dir, word) in [
            (&self.dir, "<guides dir>"),
            (&self.index_dir, "<index dir>"),
        ] {
            for form in [dir.clone(), std::path::absolute(dir).unwrap_or_default()] {
                let form = form.display().to_string();
                if !form.is_empty() {
                    text = text.replace(&form, word);
                }
            }
        }
        if text.chars().count() > REASON_CHARS {
            text = text.chars().take(REASON_CHARS - 1).collect::<String>() + "…";
        }
        text
    }
}

/// The guides of `dir` with their manifest entries, as the database keeps them.
pub(super) fn local_guides(dir: &Path) -> Result<Vec<LibraryGuide>, String> {
    let manifest = match std::fs::read_to_string(dir.join(MANIFEST_FILE)) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("{MANIFEST_FILE}: {e}")),
    };
    let mut entries = manifest_entries(&manifest)?;
    let mut guides = Vec::new();
    for name in guide_files(dir)? {
        let bytes = std::fs::read(dir.join(&name)).map_err(|e| format!("{name}: {e}"))?;
        guides.push(LibraryGuide {
            manifest: entries.remove(&name),
            name,
            bytes,
        });
    }
    guides.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(guides)
}

/// The guide files of `dir` (regular files with a guide's extension, not hidden), by name.
fn guide_files(dir: &Path) -> Result<Vec<String>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| e.to_string())?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with('.') && corpus::is_guide_name(&name) && entry.path().is_file() {
            names.push(name);
        }
    }
    names.sort();
    Ok(names)
}

/// A name that is a guide file of the directory itself: no path, not hidden, a guide's
/// extension. (Names admins upload are checked further by `check_guide_name`; a seeded
/// directory's files keep the names they have.)
fn plain_guide_name(name: &str) -> bool {
    !name.is_empty()
        && !name.contains(['/', '\\', '\0'])
        && !name.contains("..")
        && !name.starts_with('.')
        && name != MANIFEST_FILE
        && corpus::is_guide_name(name)
}

/// Each guide's `[[guide]]` table in a manifest, as TOML text, by file name.
pub(super) fn manifest_entries(manifest: &str) -> Result<BTreeMap<String, String>, String> {
    let table: toml::Table =
        toml::from_str(manifest).map_err(|e| format!("{MANIFEST_FILE}: {e}"))?;
    let mut entries = BTreeMap::new();
    let guides = table.get("guide").and_then(toml::Value::as_array);
    for entry in guides.into_iter().flatten() {
        let Some(entry) = entry.as_table() else {
            continue;
        };
        if let Some(file) = entry.get("file").and_then(toml::Value::as_str) {
            let text = toml::to_string(entry).map_err(|e| e.to_string())?;
            entries.insert(file.to_string(), text);
        }
    }
    Ok(entries)
}

/// A guide's manifest entry saying it is about `career`, every other key kept.
pub(super) fn entry_with_career(
    entry: Option<&str>,
    name: &str,
    career: &str,
) -> Result<String, String> {
    let mut table: toml::Table = match entry {
        Some(text) => toml::from_str(text).map_err(|e| format!("its manifest entry: {e}"))?,
        None => toml::Table::new(),
    };
    table.insert("file".into(), toml::Value::String(name.to_string()));
    table.insert(
        "career".into(),
        toml::Value::String(career.trim().to_string()),
    );
    toml::to_string(&table).map_err(|e| e.to_string())
}

/// A snapshot's manifest entries as [`manifest_entries`] reads them back (each `file` set to
/// its guide's name), by file name.
fn snapshot_entries(snapshot: &LibrarySnapshot) -> Result<BTreeMap<String, String>, String> {
    let mut entries = BTreeMap::new();
    for g in &snapshot.guides {
        let Some(entry) = &g.manifest else {
            continue;
        };
        let mut table: toml::Table =
            toml::from_str(entry).map_err(|e| format!("the manifest entry of {}: {e}", g.name))?;
        table.insert("file".into(), toml::Value::String(g.name.clone()));
        let text = toml::to_string(&table).map_err(|e| e.to_string())?;
        entries.insert(g.name.clone(), text);
    }
    Ok(entries)
}

/// `sources.toml` for a snapshot's entries.
fn manifest_text(entries: &BTreeMap<String, String>) -> String {
    let mut out = MANIFEST_HEADER.to_string();
    for text in entries.values() {
        out.push_str("\n[[guide]]\n");
        out.push_str(text);
    }
    out
}

/// Makes `dir` hold exactly the snapshot's guides and manifest: changed and new files written
/// atomically, guides the library no longer has deleted. Returns how many files changed.
pub(super) fn write_local(dir: &Path, snapshot: &LibrarySnapshot) -> Result<usize, String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let mut changed = 0;
    for g in &snapshot.guides {
        if !plain_guide_name(&g.name) {
            return Err(format!("the database holds a guide named {:?}", g.name));
        }
        if std::fs::read(dir.join(&g.name)).ok().as_deref() != Some(g.bytes.as_slice()) {
            write_file(dir, &g.name, &g.bytes).map_err(|e| format!("{}: {e}", g.name))?;
            changed += 1;
        }
    }
    // The manifest is rewritten only when what it says differs (comments and layout aside).
    let wanted = snapshot_entries(snapshot)?;
    let have = match std::fs::read_to_string(dir.join(MANIFEST_FILE)) {
        Ok(text) => manifest_entries(&text).ok(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some(BTreeMap::new()),
        Err(_) => None,
    };
    if have.as_ref() != Some(&wanted) {
        write_file(dir, MANIFEST_FILE, manifest_text(&wanted).as_bytes())
            .map_err(|e| format!("{MANIFEST_FILE}: {e}"))?;
        changed += 1;
    }
    for name in guide_files(dir)? {
        if !snapshot.guides.iter().any(|g| g.name == name) {
            std::fs::remove_file(dir.join(&name)).map_err(|e| format!("{name}: {e}"))?;
            changed += 1;
        }
    }
    Ok(changed)
}

fn now() -> i64 {
    i64::try_from(crate::search::unix_now()).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(guides: &[(&str, &str, Option<&str>)]) -> LibrarySnapshot {
        LibrarySnapshot {
            version: 3,
            guides: guides
                .iter()
                .map(|(n, t, m)| LibraryGuide {
                    name: (*n).into(),
                    bytes: t.as_bytes().to_vec(),
                    manifest: m.map(str::to_string),
                })
                .collect(),
        }
    }

    #[test]
    fn manifest_entries_travel_whole_and_come_back_as_a_manifest() {
        let text = "# comment\n[[guide]]\nfile = \"a.md\"\ntitle = \"A\"\nurl = \"https://example.org/a\"\nfuture_key = 3\n\n[[guide]]\nfile = \"b.txt\"\ncareer = \"Pilot\"\n";
        let entries = manifest_entries(text).unwrap();
        assert_eq!(entries.len(), 2);
        let a: toml::Table = toml::from_str(&entries["a.md"]).unwrap();
        assert_eq!(a["url"].as_str(), Some("https://example.org/a"));
        assert_eq!(a["future_key"].as_integer(), Some(3), "unknown keys kept");
        let with = entry_with_career(Some(&entries["a.md"]), "a.md", " Nurse ").unwrap();
        let parsed: toml::Table = toml::from_str(&with).unwrap();
        assert_eq!(parsed["career"].as_str(), Some("Nurse"));
        assert_eq!(parsed["title"].as_str(), Some("A"));
        let fresh = entry_with_career(None, "c.md", "Pilot").unwrap();
        assert!(fresh.contains("file = \"c.md\""), "{fresh}");

        let snap = snapshot(&[
            ("a.md", "# A", Some(&entries["a.md"])),
            ("c.md", "# C", None),
        ]);
        let text = manifest_text(&snapshot_entries(&snap).unwrap());
        let manifest = corpus::Manifest::parse(&text).unwrap();
        let a = manifest.get("a.md").unwrap();
        assert_eq!(a.title.as_deref(), Some("A"));
        assert_eq!(a.url.as_deref(), Some("https://example.org/a"));
        assert!(manifest.get("c.md").is_none());
        assert!(manifest_entries("[[guide]\n").is_err());
    }

    #[test]
    fn a_local_copy_is_made_exactly_the_snapshot() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("old.md"), "# Old").unwrap();
        std::fs::write(d.join("same.md"), "# Same").unwrap();
        std::fs::write(d.join("notes.json"), "{}").unwrap();
        let snap = snapshot(&[
            (
                "same.md",
                "# Same",
                Some("file = \"same.md\"\ntitle = \"S\"\n"),
            ),
            ("new.txt", "New", None),
        ]);
        // new.txt written, sources.toml written, old.md deleted.
        assert_eq!(write_local(d, &snap).unwrap(), 3);
        assert_eq!(std::fs::read_to_string(d.join("new.txt")).unwrap(), "New");
        assert!(!d.join("old.md").exists());
        assert!(
            d.join("notes.json").exists(),
            "only guides are the library's"
        );
        assert_eq!(
            write_local(d, &snap).unwrap(),
            0,
            "nothing to do the second time"
        );
        let back = local_guides(d).unwrap();
        assert_eq!(back, snap.guides.iter().rev().cloned().collect::<Vec<_>>());
        // A directory where a guide should go: the copy fails, saying which guide.
        std::fs::create_dir(d.join("blocked.md")).unwrap();
        let e = write_local(d, &snapshot(&[("blocked.md", "# B", None)])).unwrap_err();
        assert!(e.starts_with("blocked.md: "), "{e}");
        let bad = snapshot(&[("../escape.md", "x", None)]);
        assert!(write_local(d, &bad).is_err());
        assert!(!d.parent().unwrap().join("escape.md").exists());
    }
}
