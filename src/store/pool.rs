//! The read pool: a connection per concurrent reader of a file store, so a slow read (`/gaps`)
//! never holds up another (`/ask`), and no reader ever waits for the writers (WAL).
//!
//! Hand-rolled rather than r2d2 or deadpool: readers never wait for a connection (a reader that
//! finds none idle opens one), so the pool is only a free list with a cap on what it keeps, and
//! neither crate's waiting, health checks or async interface would be used.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use rusqlite::{Connection, OpenFlags};

use super::{BUSY_TIMEOUT, StoreError};

/// Idle read connections kept for reuse; a burst beyond this opens connections that are closed
/// when done. Readers at once are bounded by the threads that read: two lanes, the HTTP
/// endpoint's handlers (four per CPU) and the gateway's blocking pool.
const MAX_IDLE: usize = 16;

/// Read-only connections to one database file.
pub(super) struct ReadPool {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
}

impl std::fmt::Debug for ReadPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReadPool")
            .field("path", &self.path)
            .field("idle", &self.idle().len())
            .finish()
    }
}

impl ReadPool {
    /// A pool over `path` (already opened, migrated and in WAL mode by the store).
    pub(super) fn new(path: &Path) -> ReadPool {
        ReadPool {
            path: path.to_path_buf(),
            idle: Mutex::new(Vec::new()),
        }
    }

    fn idle(&self) -> std::sync::MutexGuard<'_, Vec<Connection>> {
        self.idle.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// An idle connection, or a new one when none is idle.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] when a new connection cannot be opened.
    pub(super) fn get(&self) -> Result<Reader<'_>, StoreError> {
        let conn = self.idle().pop();
        let conn = match conn {
            Some(c) => c,
            None => open_reader(&self.path)?,
        };
        Ok(Reader {
            pool: self,
            conn: Some(conn),
        })
    }

    /// Connections idle now.
    #[cfg(test)]
    pub(super) fn idle_count(&self) -> usize {
        self.idle().len()
    }
}

/// A read connection on loan; it goes back to the pool when dropped (unless a panic is
/// unwinding: a connection in an unknown state is closed instead).
pub(super) struct Reader<'a> {
    pool: &'a ReadPool,
    conn: Option<Connection>,
}

impl std::ops::Deref for Reader<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        self.conn
            .as_ref()
            .expect("a reader holds its connection until dropped")
    }
}

impl Drop for Reader<'_> {
    fn drop(&mut self) {
        let Some(conn) = self.conn.take() else { return };
        if std::thread::panicking() || !conn.is_autocommit() {
            return;
        }
        let mut idle = self.pool.idle();
        if idle.len() < MAX_IDLE {
            idle.push(conn);
        }
    }
}

/// A connection that can only read (`query_only`), waiting out a busy file like every other.
fn open_reader(path: &Path) -> Result<Connection, StoreError> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI,
    )?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "query_only", true)?;
    Ok(conn)
}

#[cfg(test)]
mod tests {
    use crate::store::Store;
    use crate::store::fixtures::new_answer;
    use serde_json::json;
    use std::time::{Duration, Instant};

    #[test]
    fn readers_get_a_connection_each_and_return_it() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(&dir.path().join("r.db")).unwrap();
        let pool = s.sqlite().unwrap().readers.as_ref().unwrap();
        {
            let one = pool.get().unwrap();
            let two = pool.get().unwrap();
            // A reader in the middle of a read transaction holds up no other reader.
            one.execute_batch("BEGIN; SELECT COUNT(*) FROM answers;")
                .unwrap();
            let n: i64 = two
                .query_row("SELECT COUNT(*) FROM answers", [], |r| r.get(0))
                .unwrap();
            assert_eq!(n, 0);
            one.execute_batch("COMMIT").unwrap();
        }
        assert_eq!(pool.idle_count(), 2, "both went back to the pool");
        let _again = pool.get().unwrap();
        assert_eq!(pool.idle_count(), 1, "an idle one is reused");
        // Readers cannot write.
        assert!(
            pool.get()
                .unwrap()
                .execute("DELETE FROM answers", [])
                .is_err()
        );
    }

    #[test]
    fn a_read_never_waits_for_a_writer_holding_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(&dir.path().join("w.db")).unwrap();
        let payload = json!({});
        let id = s.insert_answer(&new_answer(5, "q", &payload, 1)).unwrap();
        // The store's own connection takes the write lock and sits on it, uncommitted.
        let writer = s.lock();
        writer
            .execute_batch("BEGIN IMMEDIATE; DELETE FROM answers;")
            .unwrap();
        let reader = s.clone();
        let started = Instant::now();
        let seen = std::thread::spawn(move || reader.answer(&id).unwrap())
            .join()
            .unwrap();
        assert!(
            seen.is_some(),
            "the reader sees the last commit, not the open write"
        );
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "the reader did not wait for the lock: {:?}",
            started.elapsed()
        );
        writer.execute_batch("ROLLBACK").unwrap();
    }

    #[test]
    fn a_panicking_reader_does_not_return_its_connection() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(&dir.path().join("p.db")).unwrap();
        let reader = s.clone();
        let result = std::thread::spawn(move || {
            reader
                .read(|_conn| -> Result<(), crate::store::StoreError> { panic!("in a read") })
                .unwrap();
        })
        .join();
        assert!(result.is_err());
        assert_eq!(
            s.sqlite().unwrap().readers.as_ref().unwrap().idle_count(),
            0
        );
        assert_eq!(s.schema_version().unwrap(), crate::store::SCHEMA_VERSION);
    }
}
