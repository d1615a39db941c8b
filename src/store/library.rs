//! The library replicas share through the database (PostgreSQL only): the guide files, each
//! with its manifest entry, and the library's version, which every change and every `/reindex`
//! moves and announces (`NOTIFY`) to every replica listening. On SQLite these calls fail with
//! [`StoreError::Unsupported`]: the processes of one host read the guides from their directory.

use tokio::sync::watch;

use super::{Store, StoreError};

/// One guide of the shared library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryGuide {
    /// Its file name (its id in citations).
    pub name: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Its manifest entry: the TOML of its `[[guide]]` table in `sources.toml`, every key kept
    /// (`None` when the manifest has none).
    pub manifest: Option<String>,
}

/// The shared library at one version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibrarySnapshot {
    /// Its version (0 before it was seeded).
    pub version: i64,
    /// Its guides, by name.
    pub guides: Vec<LibraryGuide>,
}

const ONLY_POSTGRES: StoreError =
    StoreError::Unsupported("the shared library lives on PostgreSQL only");

impl Store {
    /// Whether the library is shared through this database (it runs on PostgreSQL).
    pub fn shares_library(&self) -> bool {
        self.postgres().is_some()
    }

    /// Seeds the shared library with `guides` (version 1) unless it was seeded already; returns
    /// whether this call seeded it. Replicas starting together seed it once (one transaction
    /// under an advisory lock).
    ///
    /// # Errors
    /// [`StoreError::Postgres`] when the database fails; [`StoreError::Unsupported`] on SQLite.
    pub fn seed_library(&self, guides: Vec<LibraryGuide>, now: i64) -> Result<bool, StoreError> {
        let pg = self.postgres().ok_or(ONLY_POSTGRES)?;
        self.noted(pg.seed_library(guides, now))
    }

    /// The shared library's version (0 before it was seeded).
    ///
    /// # Errors
    /// As [`Store::seed_library`].
    pub fn library_version(&self) -> Result<i64, StoreError> {
        self.postgres().ok_or(ONLY_POSTGRES)?.library_version()
    }

    /// The shared library: its version and its guides, read in one snapshot.
    ///
    /// # Errors
    /// As [`Store::seed_library`].
    pub fn library(&self) -> Result<LibrarySnapshot, StoreError> {
        self.postgres().ok_or(ONLY_POSTGRES)?.library()
    }

    /// One guide of the shared library.
    ///
    /// # Errors
    /// As [`Store::seed_library`].
    pub fn library_guide(&self, name: &str) -> Result<Option<LibraryGuide>, StoreError> {
        self.postgres().ok_or(ONLY_POSTGRES)?.library_guide(name)
    }

    /// Adds or replaces a guide (with its manifest entry) and moves the version; returns the new
    /// version. Every listener hears of it once it is committed.
    ///
    /// # Errors
    /// As [`Store::seed_library`].
    pub fn put_library_guide(&self, guide: LibraryGuide, now: i64) -> Result<i64, StoreError> {
        let pg = self.postgres().ok_or(ONLY_POSTGRES)?;
        self.noted(pg.put_library_guide(guide, now))
    }

    /// Removes a guide and moves the version; returns the new version, `None` when there was no
    /// such guide (nothing changed).
    ///
    /// # Errors
    /// As [`Store::seed_library`].
    pub fn remove_library_guide(&self, name: &str, now: i64) -> Result<Option<i64>, StoreError> {
        let pg = self.postgres().ok_or(ONLY_POSTGRES)?;
        self.noted(pg.remove_library_guide(name, now))
    }

    /// Moves the version without changing a guide (`/reindex`: every replica rebuilds); returns
    /// the new version.
    ///
    /// # Errors
    /// As [`Store::seed_library`].
    pub fn bump_library(&self, now: i64) -> Result<i64, StoreError> {
        let pg = self.postgres().ok_or(ONLY_POSTGRES)?;
        self.noted(pg.bump_library(now))
    }

    /// Listens for changes of the shared library on a connection of its own: the value moves
    /// on every change announced, and whenever the listener (re)connects (a change may have
    /// been missed meanwhile). The connection is re-established when lost; it closes once
    /// every receiver is dropped, or with the store. Poll [`Store::library_version`] as well:
    /// nothing is heard while the connection is down.
    ///
    /// # Errors
    /// As [`Store::seed_library`].
    pub fn library_changes(&self) -> Result<watch::Receiver<u64>, StoreError> {
        self.postgres().ok_or(ONLY_POSTGRES)?.listen_library()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fixtures::pg_store;
    use std::time::{Duration, Instant};

    fn guide(name: &str, text: &str, manifest: Option<&str>) -> LibraryGuide {
        LibraryGuide {
            name: name.into(),
            bytes: text.as_bytes().to_vec(),
            manifest: manifest.map(str::to_string),
        }
    }

    #[test]
    fn sqlite_has_no_shared_library() {
        let s = crate::store::fixtures::store();
        assert!(!s.shares_library());
        assert!(matches!(
            s.library_version(),
            Err(StoreError::Unsupported(_))
        ));
        assert!(matches!(
            s.seed_library(vec![], 1),
            Err(StoreError::Unsupported(_))
        ));
    }

    #[test]
    fn the_library_is_seeded_once_and_every_change_moves_its_version() {
        let Some(s) = pg_store() else {
            return;
        };
        assert!(s.shares_library());
        assert_eq!(s.library_version().unwrap(), 0);
        let seeds = vec![
            guide("a.md", "# A", Some("file = \"a.md\"\ncareer = \"Pilot\"\n")),
            guide("b.txt", "B", None),
        ];
        // Replicas seeding at once: one seeds.
        let seeded: Vec<bool> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..4)
                .map(|_| scope.spawn(|| s.seed_library(seeds.clone(), 5).unwrap()))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert_eq!(seeded.iter().filter(|s| **s).count(), 1, "{seeded:?}");
        let first = s.library().unwrap();
        assert_eq!(first.version, 1);
        assert_eq!(first.guides, seeds);
        assert!(!s.seed_library(vec![], 6).unwrap(), "seeded already");

        let v = s
            .put_library_guide(guide("c.html", "<h1>C</h1>", None), 7)
            .unwrap();
        assert_eq!(v, 2);
        let v = s
            .put_library_guide(guide("a.md", "# A2", Some("file = \"a.md\"\n")), 8)
            .unwrap();
        assert_eq!(v, 3);
        assert_eq!(
            s.library_guide("a.md").unwrap().unwrap().bytes,
            b"# A2".to_vec()
        );
        assert_eq!(s.remove_library_guide("b.txt", 9).unwrap(), Some(4));
        assert_eq!(s.remove_library_guide("b.txt", 9).unwrap(), None);
        assert_eq!(s.bump_library(10).unwrap(), 5);
        let now = s.library().unwrap();
        assert_eq!(now.version, 5);
        let names: Vec<&str> = now.guides.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names, ["a.md", "c.html"]);
    }

    #[test]
    fn a_listener_hears_every_change_made_through_another_store() {
        let Some(place) = crate::store::fixtures::Place::postgres() else {
            return;
        };
        let (one, two) = (place.open(), place.open());
        let mut heard = one.library_changes().unwrap();
        let wait_for = |heard: &mut watch::Receiver<u64>, what: &str| {
            let deadline = Instant::now() + Duration::from_secs(10);
            loop {
                if heard.has_changed().unwrap() {
                    heard.borrow_and_update();
                    return;
                }
                assert!(Instant::now() < deadline, "never heard {what}");
                std::thread::sleep(Duration::from_millis(10));
            }
        };
        wait_for(&mut heard, "the listener connect");
        two.seed_library(vec![guide("a.md", "# A", None)], 1)
            .unwrap();
        wait_for(&mut heard, "the seed");
        two.bump_library(2).unwrap();
        wait_for(&mut heard, "a reindex");
        two.put_library_guide(guide("b.md", "# B", None), 3)
            .unwrap();
        wait_for(&mut heard, "a guide added");
        assert_eq!(one.library_version().unwrap(), 3);

        // The listening connection killed by the server: it reconnects (and says so, since a
        // change may have been missed meanwhile), then hears the next change.
        two.execute_raw(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE datname = current_database() AND query = 'LISTEN careerbot_library'",
        );
        wait_for(&mut heard, "the listener reconnect");
        std::thread::sleep(Duration::from_millis(200));
        heard.borrow_and_update();
        two.bump_library(4).unwrap();
        wait_for(&mut heard, "a change after the reconnection");
    }
}
