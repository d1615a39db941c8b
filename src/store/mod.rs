//! The bot's memory across restarts and replicas: answers it posted (so buttons keep working),
//! moderator-curated answers, 👍/👎 feedback and the question log behind `/gaps`, in an embedded
//! SQLite file or on a PostgreSQL server, whichever `database.url` names ([`Store::connect`]).
//!
//! The store knows nothing of Discord: ids are `u64`, times are unix seconds (`i64`, given by the
//! caller so tests control the clock), payloads are [`serde_json::Value`] or plain strings.
//!
//! This file holds the [`Store`] handle, its errors and the connection plumbing; the rest is one
//! job per file: `schema.rs` (migrations), `pool.rs` (read connections), `writer.rs` (the
//! [`BatchWriter`] and its acknowledgements), `answers.rs`, `conversations.rs` (follow-up
//! conversations and their turns), `curated.rs` (moderators' pins),
//! `feedback.rs` (votes), `questions.rs` (the question log and `/gaps`), `retention.rs`
//! (pruning by age and by rows), `settings.rs` (each server's settings), `ids.rs` (answer ids),
//! `url.rs` (database URLs, redacted), `cooldowns.rs` (cooldowns shared by replicas, on
//! PostgreSQL) and `library.rs` (the guide library replicas share, its version and the
//! `LISTEN` that hears it move, on PostgreSQL). Those files hold the SQLite statements; `postgres/` holds the PostgreSQL engine
//! and its statements, file for file.
//!
//! - **One interface, two engines.** Every public method is the same on both: it runs the SQLite
//!   statements, or hands over to `postgres/` when the store runs there (an internal `Backend`
//!   enum), so callers never know which engine they use. SQL written for SQLite alone (through
//!   the private `read`/`write` helpers) fails with [`StoreError::Unsupported`] on PostgreSQL
//!   rather than running there.
//! - **Durability.** The file runs in WAL mode with `synchronous=FULL`: every write is one
//!   `BEGIN IMMEDIATE` transaction, and when a write method returns `Ok` (or a [`BatchWriter`]
//!   acknowledgement arrives) the transaction is on disk. A crash, even of the machine, loses
//!   only what was not yet acknowledged, never half of a transaction. The [`BatchWriter`] shares
//!   one commit (one `fsync`) among every record that arrived within a few milliseconds. On
//!   PostgreSQL the same holds: `Ok` means `COMMIT` returned with `synchronous_commit` on, so the
//!   transaction is in the server's write-ahead log on its disk (`postgres/mod.rs`).
//! - **Connections.** Writes go through one connection per writer (the store's own, for pins
//!   and votes; the [`BatchWriter`]'s); reads of a file store each take a connection of their
//!   own from a pool (`pool.rs`), so a long read never holds up another, and WAL lets them read
//!   while a writer commits. On PostgreSQL every call takes a pooled connection.
//! - **Health.** [`Store::write_health`] says whether the latest write failed (and why) until a
//!   write succeeds again.
//! - **Several processes.** HTTP replicas on one host may open the same file: WAL lets readers
//!   run beside the single writer, `busy_timeout` makes writers queue instead of failing, and
//!   writes take the write lock up front (`IMMEDIATE`) so a transaction never has to upgrade a
//!   read lock. Replicas on several hosts share a PostgreSQL database instead.
//! - **Schema.** [`MIGRATIONS`] is an append-only list of SQL steps; `PRAGMA user_version` records
//!   how many have been applied. Each step runs in its own transaction. A file written by a newer
//!   build is refused ([`StoreError::TooNew`]) rather than used and damaged. PostgreSQL has its
//!   own list of the same versions (`postgres/schema.rs`), its version in `careerbot_schema`.
//! - **Blocking.** Every method blocks (on SQLite, or on a PostgreSQL round trip). Async callers
//!   should use [`Store::run`], which moves the call onto tokio's blocking pool, or wait for a
//!   [`BatchWriter`] acknowledgement with [`Ack::committed`].
//!
//! Discord ids are stored bit-for-bit as signed 64-bit integers (SQLite's `INTEGER`,
//! PostgreSQL's `BIGINT`), so every `u64` round-trips (snowflakes stay below 2⁶³ and so also read
//! naturally in `sqlite3` or `psql`).

mod answers;
mod conversations;
mod cooldowns;
mod curated;
mod feedback;
#[cfg(test)]
mod fixtures;
mod ids;
mod library;
mod pool;
mod postgres;
mod questions;
mod retention;
mod schema;
mod settings;
mod url;
mod writer;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use rusqlite::{Connection, Transaction, TransactionBehavior};

pub use answers::{Answer, NewAnswer};
pub use conversations::{Conversation, ConversationPlace, Turn};
pub use curated::{Curated, NewCurated, PendingPin, PinStart, PinTerms};
pub use ids::{MAX_ANSWER_ID_LEN, new_answer_id};
pub use library::{LibraryGuide, LibrarySnapshot};
use pool::ReadPool;
pub use questions::{DownvotedAnswer, GAPS_SCAN, Gaps, UnansweredQuestion, normalise_question};
pub use retention::{PruneReport, Retention};
use schema::migrate;
pub use schema::{MIGRATIONS, SCHEMA_VERSION};
pub use url::{DatabaseUrl, SQLITE_FILE, redact};
pub use writer::{Ack, BatchWriter, CommitError, Record};

/// How many times opening retries the switch to WAL while another process holds the file.
const WAL_SWITCH_ATTEMPTS: u32 = 250;
/// How long a call waits for another connection (thread or process) to release the write lock
/// before failing with `SQLITE_BUSY`.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);
/// Errors of the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite failed (I/O, a locked file past the busy timeout, a constraint, a corrupt file…).
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The directory of the database file could not be created.
    #[error("database directory {path}: {source}")]
    Io {
        /// The directory.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// PostgreSQL failed (the server unreachable or gone, a lost connection, no free connection
    /// in time, a constraint, a read-only transaction…).
    #[error("database error: {message}")]
    Postgres {
        /// What went wrong (the server's own message when it reported the error).
        message: String,
        /// The server's SQLSTATE code, when it reported the error.
        sqlstate: Option<String>,
    },
    /// A schema migration failed; the database stays at the version before it.
    #[error("database migration to version {version} failed: {source}")]
    Migration {
        /// The version the failed step would have produced.
        version: i64,
        /// What the database said.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// The file was written by a newer build of the bot; it is left untouched.
    #[error(
        "database schema version {found} is newer than this build knows ({known}); upgrade the bot"
    )]
    TooNew {
        /// `user_version` on disk.
        found: i64,
        /// The newest version this build knows ([`SCHEMA_VERSION`]).
        known: i64,
    },
    /// A JSON column of one row could not be read (or a value could not be written).
    #[error("bad JSON in {what}: {source}")]
    Json {
        /// Which row and column, e.g. `answers.payload of 3kf9a0`.
        what: String,
        /// The parse error.
        source: serde_json::Error,
    },
    /// `database.url` is not one the store can use (the message never holds its password).
    #[error("database URL: {0}")]
    Url(String),
    /// The operation is not available on this store's database engine.
    #[error("not supported by this database engine: {0}")]
    Unsupported(&'static str),
    /// The [`BatchWriter`] had stopped (the bot is shutting down, or the writer panicked).
    #[error("the store writer has stopped")]
    WriterStopped,
    /// The blocking task of [`Store::run`] panicked or was cancelled.
    #[error("database task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

/// The engine behind a [`Store`]. Every public method of the store dispatches on it, so callers
/// never see which engine they use.
#[derive(Debug)]
enum Backend {
    /// An embedded SQLite file (or memory).
    Sqlite(Sqlite),
    /// A PostgreSQL server.
    Postgres(postgres::Pg),
}

/// The connections of an SQLite store.
#[derive(Debug)]
struct Sqlite {
    /// Direct writes (pins, votes, a page of an answer), and every read of an in-memory store.
    conn: Mutex<Connection>,
    /// The file, for connections of their own (`None` in memory).
    path: Option<PathBuf>,
    /// Read connections of a file store: a reader never waits for another (`pool.rs`).
    readers: Option<ReadPool>,
}

impl Sqlite {
    /// The direct connection, whatever a panicking holder left behind: its transaction (if any)
    /// is rolled back, so a poisoned mutex never disables the store.
    fn lock(&self) -> MutexGuard<'_, Connection> {
        let conn = &self.conn;
        match conn.lock() {
            Ok(guard) => guard,
            Err(poisoned) => {
                conn.clear_poison();
                let guard = poisoned.into_inner();
                if !guard.is_autocommit()
                    && let Err(error) = guard.execute_batch("ROLLBACK")
                {
                    tracing::warn!(%error, "rollback after a panic failed");
                }
                tracing::warn!("store connection recovered after a panic");
                guard
            }
        }
    }
}

/// The bot's database. Cloning is shallow: clones share the connections.
///
/// All methods block; from async code use [`Store::run`]. A panic while a connection is in use
/// does not disable the store: the open transaction is rolled back and later calls proceed.
#[derive(Debug, Clone)]
pub struct Store {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    /// The database engine and its connections.
    backend: Backend,
    /// How the latest write went, for `/healthz`.
    health: WriteHealth,
    /// Pages the file may grow to on every writing connection, 0 for SQLite's default
    /// ([`Store::limit_pages`]).
    page_limit: AtomicU64,
    /// Every writing connection refuses writes ([`Store::refuse_writes`]).
    read_only: AtomicBool,
    /// [`Store::limit_pages`] or [`Store::refuse_writes`] was called: writing connections apply
    /// both before each write.
    faults: AtomicBool,
}

impl Store {
    /// Opens the database `database.url` names (see [`DatabaseUrl`]; absent: the SQLite file
    /// [`SQLITE_FILE`] in `data_dir`) and brings its schema up to date.
    ///
    /// # Errors
    /// [`StoreError::Url`] for a URL the store cannot use, else as [`Store::open`].
    pub fn connect(url: Option<&str>, data_dir: &Path) -> Result<Store, StoreError> {
        match DatabaseUrl::parse(url, data_dir)? {
            DatabaseUrl::SqliteFile(path) => Store::open(&path),
            DatabaseUrl::SqliteMemory => Store::open_in_memory(),
            DatabaseUrl::Postgres(url) => Store::open_postgres(&url),
        }
    }

    /// Connects to the PostgreSQL server of `url` (`postgres://USER:PASSWORD@HOST:PORT/DB`) and
    /// brings its schema up to date (replicas starting together migrate it once).
    ///
    /// # Errors
    /// [`StoreError::Url`] for a URL libpq's rules refuse, [`StoreError::Postgres`] when the
    /// server cannot be reached or refuses the login, [`StoreError::Migration`] if a schema step
    /// fails, [`StoreError::TooNew`] if a newer build migrated the database.
    pub fn open_postgres(url: &str) -> Result<Store, StoreError> {
        let pg = postgres::Pg::connect(url)?;
        Ok(Store::with_backend(Backend::Postgres(pg)))
    }

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    ///
    /// # Errors
    /// [`StoreError::Io`] if the parent directory cannot be created, [`StoreError::Sqlite`] if the
    /// file cannot be opened or is not a database, [`StoreError::Migration`] if a schema step
    /// fails, [`StoreError::TooNew`] if a newer build wrote the file.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let conn = Connection::open(path)?;
        let store = Store::setup(conn, Some(path))?;
        tracing::debug!(path = %path.display(), "store opened");
        Ok(store)
    }

    /// A private in-memory database, for tests.
    ///
    /// # Errors
    /// As [`Store::open`], though in practice only if SQLite cannot allocate.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Store::setup(Connection::open_in_memory()?, None)
    }

    fn setup(mut conn: Connection, path: Option<&Path>) -> Result<Store, StoreError> {
        configure_writer(&conn)?;
        migrate(&mut conn, MIGRATIONS)?;
        Ok(Store::with_backend(Backend::Sqlite(Sqlite {
            conn: Mutex::new(conn),
            path: path.map(Path::to_path_buf),
            readers: path.map(ReadPool::new),
        })))
    }

    fn with_backend(backend: Backend) -> Store {
        Store {
            inner: Arc::new(Inner {
                backend,
                health: WriteHealth::default(),
                page_limit: AtomicU64::new(0),
                read_only: AtomicBool::new(false),
                faults: AtomicBool::new(false),
            }),
        }
    }

    /// Which engine the store runs on: `"sqlite"` or `"postgres"`.
    pub fn engine(&self) -> &'static str {
        match &self.inner.backend {
            Backend::Sqlite(_) => "sqlite",
            Backend::Postgres(_) => "postgres",
        }
    }

    /// A second writing connection to the same file, for the [`BatchWriter`]'s thread (`None`
    /// in memory: the writer then shares the store's connection).
    fn writer_connection(&self) -> Result<Option<Connection>, StoreError> {
        let Backend::Sqlite(db) = &self.inner.backend else {
            // PostgreSQL: the writer takes pooled connections like every other call.
            return Ok(None);
        };
        let Some(path) = &db.path else {
            return Ok(None);
        };
        let conn = Connection::open(path)?;
        configure_writer(&conn)?;
        Ok(Some(conn))
    }

    /// Runs `f` with this store on tokio's blocking pool, so async handlers never block their
    /// runtime thread: `store.run(move |s| s.answer(&id)).await`.
    ///
    /// # Errors
    /// Whatever `f` returns, or [`StoreError::Task`] if `f` panicked.
    pub async fn run<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        F: FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
        T: Send + 'static,
    {
        let store = self.clone();
        tokio::task::spawn_blocking(move || f(&store)).await?
    }

    /// Whether writes are succeeding: `Err` with what SQLite said when the latest write of this
    /// process failed (a full disk, a read-only or damaged file, a lock held past the busy
    /// timeout), until a write succeeds again. `/healthz` reports it.
    ///
    /// # Errors
    /// The latest write's error, as text.
    pub fn write_health(&self) -> Result<(), String> {
        self.inner.health.get()
    }

    /// Refuses to let the file grow past `pages` pages (SQLite's `max_page_count`, applied on
    /// every writing connection of this store before its next write); `None` lifts the limit.
    /// Writes that need more room then fail as on a full disk. For tests and the durability
    /// bench: a full disk on demand. SQLite only: on PostgreSQL it changes nothing.
    pub fn limit_pages(&self, pages: Option<u64>) {
        // SQLite's own ceiling (`SQLITE_MAX_PAGE_COUNT`) stands for "no limit" once one was set.
        self.inner
            .page_limit
            .store(pages.unwrap_or(0xffff_fffe).max(1), Ordering::SeqCst);
        self.inner.faults.store(true, Ordering::SeqCst);
    }

    /// Makes every writing connection of this store refuse writes (SQLite's `query_only`) before
    /// its next write, until called with `false`: writes then fail as on a read-only file. For
    /// tests and the durability bench: a failing database on demand, whatever free room its
    /// pages have.
    /// On PostgreSQL, write transactions are begun `READ ONLY` instead.
    pub fn refuse_writes(&self, refuse: bool) {
        if let Some(pg) = self.postgres() {
            pg.refuse_writes(refuse);
            return;
        }
        self.inner.read_only.store(refuse, Ordering::SeqCst);
        self.inner.faults.store(true, Ordering::SeqCst);
    }

    /// Pages the file holds now (on PostgreSQL: the database's size in its pages).
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails.
    pub fn page_count(&self) -> Result<u64, StoreError> {
        if let Some(pg) = self.postgres() {
            return pg.page_count();
        }
        self.read(|conn| {
            let n: i64 = conn.pragma_query_value(None, "page_count", |r| r.get(0))?;
            Ok(count(n))
        })
    }

    // ----- plumbing -----

    /// The SQLite connections, or [`StoreError::Unsupported`] when the store runs on another
    /// engine (SQL written for SQLite alone then fails cleanly instead of running elsewhere).
    fn sqlite(&self) -> Result<&Sqlite, StoreError> {
        match &self.inner.backend {
            Backend::Sqlite(db) => Ok(db),
            Backend::Postgres(_) => Err(StoreError::Unsupported(
                "this operation has no PostgreSQL statements yet",
            )),
        }
    }

    /// The PostgreSQL connections, when the store runs there.
    fn postgres(&self) -> Option<&postgres::Pg> {
        match &self.inner.backend {
            Backend::Postgres(pg) => Some(pg),
            Backend::Sqlite(_) => None,
        }
    }

    /// Notes a PostgreSQL write's outcome for [`Store::write_health`] and passes it on.
    fn noted<T>(&self, result: Result<T, StoreError>) -> Result<T, StoreError> {
        self.inner.health.note(&result);
        result
    }

    /// Runs raw SQL on either engine (tests: corrupting rows). Literal values only: SQLite and
    /// PostgreSQL write parameters differently.
    #[cfg(test)]
    fn execute_raw(&self, sql: &str) {
        match self.postgres() {
            Some(pg) => pg.batch_execute(sql).unwrap(),
            None => self.lock().execute_batch(sql).unwrap(),
        }
    }

    /// The first column of the first row of raw SQL, as `i64`, on either engine (tests).
    #[cfg(test)]
    fn query_raw(&self, sql: &str) -> i64 {
        match self.postgres() {
            Some(pg) => pg.query_i64(sql).unwrap(),
            None => self.lock().query_row(sql, [], |r| r.get(0)).unwrap(),
        }
    }

    /// The direct SQLite connection (tests; panics on another engine).
    #[cfg(test)]
    fn lock(&self) -> MutexGuard<'_, Connection> {
        self.sqlite().expect("an SQLite store").lock()
    }

    /// Runs `f` on a read connection of its own (file) or the store's connection (memory).
    /// SQLite only: [`StoreError::Unsupported`] on another engine.
    fn read<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let db = self.sqlite()?;
        match &db.readers {
            Some(pool) => {
                let reader = pool.get()?;
                f(&reader)
            }
            None => f(&db.lock()),
        }
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction on the direct connection, committed if `f`
    /// succeeds. SQLite only: [`StoreError::Unsupported`] on another engine.
    fn write<T>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.write_on(&mut self.sqlite()?.lock(), f)
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction on `conn`, committed (and, with
    /// `synchronous=FULL`, on disk) when this returns `Ok`. Notes the outcome for
    /// [`Store::write_health`].
    fn write_on<T>(
        &self,
        conn: &mut Connection,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let result = self.apply_faults(conn).and_then(|()| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let out = f(&tx)?;
            tx.commit()?;
            Ok(out)
        });
        self.inner.health.note(&result);
        result
    }

    /// Applies [`Store::limit_pages`] and [`Store::refuse_writes`] to `conn` (nothing, not even
    /// a check of their values, unless one of them was called).
    fn apply_faults(&self, conn: &Connection) -> Result<(), StoreError> {
        if !self.inner.faults.load(Ordering::SeqCst) {
            return Ok(());
        }
        let limit = self.inner.page_limit.load(Ordering::SeqCst);
        if limit != 0 {
            let limit = i64::try_from(limit).unwrap_or(i64::MAX);
            conn.pragma_update_and_check(None, "max_page_count", limit, |r| r.get::<_, i64>(0))?;
        }
        let refuse = self.inner.read_only.load(Ordering::SeqCst);
        conn.pragma_update(None, "query_only", refuse)?;
        Ok(())
    }
}

/// The settings every writing connection gets: WAL (retried while another process holds the
/// file), `synchronous=FULL` (a commit is on disk, not only handed to the OS, when it returns),
/// foreign keys and the busy timeout.
fn configure_writer(conn: &Connection) -> Result<(), StoreError> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Switching to WAL needs a moment of exclusive access, and SQLite does not call the busy
    // handler for it: when several processes open a new file at once, retry (bounded).
    let mut attempts = 0;
    let mode: String = loop {
        match conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0)) {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy
                    && attempts < WAL_SWITCH_ATTEMPTS =>
            {
                attempts += 1;
                std::thread::sleep(Duration::from_millis(20));
            }
            other => break other?,
        }
    };
    if !mode.eq_ignore_ascii_case("wal") && !mode.eq_ignore_ascii_case("memory") {
        tracing::warn!(journal_mode = %mode, "store could not switch to WAL");
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

/// How the latest write went.
#[derive(Debug, Default)]
struct WriteHealth {
    /// The latest write's error, while no write has succeeded since.
    failing: Mutex<Option<String>>,
}

impl WriteHealth {
    fn get(&self) -> Result<(), String> {
        match &*self.failing.lock().unwrap_or_else(PoisonError::into_inner) {
            Some(e) => Err(e.clone()),
            None => Ok(()),
        }
    }

    /// Notes a write's outcome. A constraint refused (bad input) or an error outside SQLite
    /// says nothing about the database's health and changes nothing.
    fn note<T>(&self, result: &Result<T, StoreError>) {
        let failure = match result {
            Ok(_) => None,
            Err(StoreError::Sqlite(e)) if !is_constraint(e) => Some(e.to_string()),
            Err(e @ StoreError::Postgres { sqlstate, .. })
                if !postgres::is_constraint(sqlstate.as_deref()) =>
            {
                Some(e.to_string())
            }
            Err(_) => return,
        };
        let mut failing = self.failing.lock().unwrap_or_else(PoisonError::into_inner);
        match (&*failing, failure) {
            (None, None) => {}
            (Some(_), None) => {
                tracing::info!("store writes succeed again");
                *failing = None;
            }
            (was, Some(e)) => {
                if was.is_none() {
                    tracing::error!(error = %e, "store write failed; /healthz reports the database failing until a write succeeds");
                }
                *failing = Some(e);
            }
        }
    }
}

fn is_constraint(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation)
}

/// A `u64` id as SQLite's `i64`, bit for bit (every `u64` round-trips through [`from_sql_id`]).
fn to_sql_id(id: u64) -> i64 {
    id.cast_signed()
}

fn from_sql_id(id: i64) -> u64 {
    id.cast_unsigned()
}

/// An SQLite count as `u64` (counts are never negative; a corrupt one reads as 0).
fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::fixtures::{cluster, new_answer, on_both, pin, rows, store, table_names};
    use super::*;
    use serde_json::json;
    use std::sync::atomic::AtomicU64;

    #[test]
    fn store_is_clone_send_sync() {
        fn assert<T: Clone + Send + Sync + 'static>() {}
        assert::<Store>();
    }

    #[test]
    fn connect_reads_the_database_url() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let s = Store::connect(None, &data).unwrap();
        assert_eq!(s.engine(), "sqlite");
        s.log_question(Some(1), "q", 0.0, false, 1).unwrap();
        assert!(data.join(SQLITE_FILE).is_file(), "the default file");
        let named = dir.path().join("elsewhere/bot.db");
        let url = format!("sqlite://{}", named.display());
        Store::connect(Some(&url), &data).unwrap();
        assert!(named.is_file());
        let memory = Store::connect(Some("sqlite::memory:"), &data).unwrap();
        assert_eq!(memory.schema_version().unwrap(), SCHEMA_VERSION);
        assert!(matches!(
            Store::connect(Some("mysql://root:pw@db/x"), &data),
            Err(StoreError::Url(_))
        ));
        if let Some(url) = cluster::fresh_database() {
            let pg = Store::connect(Some(&url), &data).unwrap();
            assert_eq!(pg.engine(), "postgres");
            assert_eq!(pg.schema_version().unwrap(), SCHEMA_VERSION);
        }
    }

    #[test]
    fn file_store_uses_wal_and_reopen_is_a_no_op() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/dir/bot.db");
        let s = Store::open(&path).unwrap();
        let mode: String = s
            .lock()
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        drop(s);
        let again = Store::open(&path).unwrap();
        assert_eq!(again.schema_version().unwrap(), SCHEMA_VERSION);
        assert_eq!(table_names(&again).len(), 8);
    }

    on_both! {
        fn reopening_is_a_no_op(place: Place) {
            let first = place.open();
            let pin_id = first
                .pin_curated(&pin(Some(1), "kept", &json!([]), 1))
                .unwrap();
            drop(first);
            let again = place.open();
            assert_eq!(again.schema_version().unwrap(), SCHEMA_VERSION);
            let mut tables = table_names(&again);
            // The shared library's tables are PostgreSQL's alone.
            tables.retain(|t| !t.starts_with("library"));
            assert_eq!(
                tables,
                [
                    "answers",
                    "conversation_turns",
                    "conversations",
                    "counters",
                    "curated",
                    "feedback",
                    "guild_settings",
                    "questions"
                ]
            );
            assert_eq!(again.curated_for_guild(10).unwrap()[0].id, pin_id);
        }
    }

    #[test]
    fn a_file_that_is_not_a_database_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bot.db");
        std::fs::write(&path, vec![b'x'; 4096]).unwrap();
        assert!(matches!(Store::open(&path), Err(StoreError::Sqlite(_))));
    }

    #[test]
    fn a_server_that_is_not_there_or_refuses_the_login_is_an_error_without_the_password() {
        // Nothing listens on a port just freed.
        let port = {
            let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            probe.local_addr().unwrap().port()
        };
        let url = format!("postgres://bot:hunter2@127.0.0.1:{port}/careerbot?connect_timeout=5");
        let e = Store::open_postgres(&url).unwrap_err();
        assert!(matches!(e, StoreError::Postgres { .. }), "{e:?}");
        assert!(!format!("{e} {e:?}").contains("hunter2"), "{e}");
        let e = Store::open_postgres("postgres://bot:hunter2@127.0.0.1:notaport/x").unwrap_err();
        assert!(matches!(e, StoreError::Url(_)), "{e:?}");
        assert!(!format!("{e} {e:?}").contains("hunter2"), "{e}");
        if let Some(c) = cluster::shared() {
            let wrong = c.url("postgres").replace(c.password(), "not-the-password");
            let e = Store::open_postgres(&wrong).unwrap_err();
            assert!(
                e.to_string().contains("password authentication failed"),
                "{e}"
            );
            assert!(!e.to_string().contains("not-the-password"), "{e}");
        }
    }

    on_both! {
        fn ids_survive_the_full_u64_range_and_dms_have_no_guild(s) {
            let payload = json!(null);
            let id = s
                .insert_answer(&NewAnswer {
                    guild_id: None,
                    channel_id: u64::MAX,
                    asker_id: 1 << 63,
                    question: "q",
                    kind: "salary",
                    payload: &payload,
                    created_at: -5,
                })
                .unwrap();
            s.set_answer_message(&id, u64::MAX - 1).unwrap();
            let a = s.answer(&id).unwrap().unwrap();
            assert_eq!(a.guild_id, None);
            assert_eq!((a.channel_id, a.asker_id), (u64::MAX, 1 << 63));
            assert_eq!(a.message_id, Some(u64::MAX - 1));
        }
    }

    on_both! {
        fn data_survives_a_restart(place: Place) {
            let payload = json!({"hits": ["x"]});
            let citations = json!(["c"]);
            let (id, pin_id) = {
                let s = place.open();
                let id = s.insert_answer(&new_answer(5, "q", &payload, 1)).unwrap();
                s.set_answer_message(&id, 77).unwrap();
                s.vote(&id, 1, false, 2).unwrap();
                s.log_question(Some(10), "nobody knows", 0.0, false, 3)
                    .unwrap();
                let pin_id = s
                    .pin_curated(&pin(Some(9), "pinned", &citations, 4))
                    .unwrap();
                (id, pin_id)
            };
            let s = place.open();
            let a = s.answer(&id).unwrap().unwrap();
            assert_eq!((a.message_id, a.payload), (Some(77), payload));
            assert_eq!(s.feedback_counts(&id).unwrap(), (0, 1));
            assert_eq!(
                s.gaps(10, 0, 5).unwrap().unanswered[0].question,
                "nobody knows"
            );
            assert_eq!(s.curated_for_guild(10).unwrap()[0].id, pin_id);
        }
    }

    on_both! {
        /// Two handles on one database: two processes (or two hosts) sharing it.
        fn two_stores_on_one_database_see_each_others_writes(place: Place) {
            let one = place.open();
            let two = place.open();
            let payload = json!({"n": 1});
            let id = one.insert_answer(&new_answer(5, "q", &payload, 1)).unwrap();
            assert_eq!(two.answer(&id).unwrap().unwrap().payload, payload);
            assert!(two.set_answer_message(&id, 8).unwrap());
            assert!(two.vote(&id, 3, true, 2).unwrap());
            assert_eq!(one.answer(&id).unwrap().unwrap().message_id, Some(8));
            assert_eq!(one.feedback_counts(&id).unwrap(), (1, 0));
            let before = two.curated_version().unwrap();
            let pin_id = one.pin_curated(&pin(Some(1), "p", &payload, 3)).unwrap();
            assert!(two.curated_version().unwrap() > before, "the other sees pins move");
            assert!(two.unpin_curated(10, pin_id).unwrap());
            assert!(one.curated_for_guild(10).unwrap().is_empty());
        }
    }

    on_both! {
        fn concurrent_writers_and_a_reader_see_no_errors(place: Place) {
            const WRITES: u64 = 100;
            let shared = place.open();
            // Writer 1 shares a handle with the reader (threads); writer 2 has its own
            // (another process's worth).
            let writers = [shared.clone(), place.open()];
            let reader = shared.clone();
            let done = Arc::new(AtomicU64::new(0));
            std::thread::scope(|scope| {
                for (w, store) in writers.iter().enumerate() {
                    let done = &done;
                    scope.spawn(move || {
                        let payload = json!({"writer": w});
                        for i in 0..WRITES {
                            let at = i64::try_from(i).unwrap();
                            let id = store
                                .insert_answer(&new_answer(w as u64, "q", &payload, at))
                                .unwrap();
                            store.set_answer_message(&id, i).unwrap();
                            assert!(store.vote(&id, w as u64, i % 2 == 0, at).unwrap());
                            store
                                .log_question(Some(10), &format!("q{}", i % 7), 0.0, false, at)
                                .unwrap();
                        }
                        done.fetch_add(1, Ordering::SeqCst);
                    });
                }
                scope.spawn(|| {
                    let mut reads = 0;
                    while done.load(Ordering::SeqCst) < 2 || reads < 10 {
                        reader.gaps(10, 0, 5).unwrap();
                        reader.recent_answer_in_channel(0, "ask", "q", 0).unwrap();
                        reads += 1;
                        assert!(reads < 1_000_000, "reader loop must stay bounded");
                    }
                });
            });
            let check = place.open();
            let gaps = check.gaps(10, 0, 100).unwrap();
            assert_eq!(
                gaps.unanswered.iter().map(|u| u.count).sum::<u64>(),
                2 * WRITES
            );
            assert_eq!(rows(&check, "answers"), 2 * WRITES as i64);
        }
    }

    #[test]
    fn a_panic_while_holding_the_connection_does_not_disable_the_store() {
        let s = store();
        let payload = json!({});
        let id = s.insert_answer(&new_answer(5, "q", &payload, 1)).unwrap();
        let s2 = s.clone();
        let result = std::thread::spawn(move || {
            let mut conn = s2.sqlite().unwrap().conn.lock().unwrap();
            let tx = conn.transaction().unwrap();
            tx.execute("DELETE FROM answers", []).unwrap();
            std::mem::forget(tx); // leave the transaction open, as a worst case
            panic!("boom");
        })
        .join();
        assert!(result.is_err());
        assert!(s.sqlite().unwrap().conn.is_poisoned());
        // The half-done delete was rolled back and the store works.
        assert!(s.answer(&id).unwrap().is_some());
        assert!(s.vote(&id, 1, true, 2).unwrap());
        assert!(!s.sqlite().unwrap().conn.is_poisoned());
    }

    #[test]
    fn sql_written_for_sqlite_alone_fails_cleanly_on_postgres() {
        let Some(s) = super::fixtures::pg_store() else {
            return;
        };
        let err = s
            .read(|conn| Ok(conn.query_row("SELECT 1", [], |r| r.get::<_, i64>(0))?))
            .unwrap_err();
        assert!(matches!(err, StoreError::Unsupported(_)), "{err:?}");
        assert!(matches!(
            s.write(|_| Ok(())),
            Err(StoreError::Unsupported(_))
        ));
    }

    /// Store::run on each engine, from a current-thread runtime (the PostgreSQL facade must
    /// never need the caller's runtime).
    #[test]
    fn run_moves_calls_off_the_async_thread() {
        let mut stores = vec![store()];
        stores.extend(super::fixtures::pg_store());
        for s in stores {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let payload = json!({"x": 1});
                let id = s
                    .run(move |s| s.insert_answer(&new_answer(5, "q", &payload, 1)))
                    .await
                    .unwrap();
                let lookup = id.clone();
                let a = s.run(move |s| s.answer(&lookup)).await.unwrap().unwrap();
                assert_eq!(a.answer_id, id);
                // Even called straight from the async thread, a call completes (it blocks the
                // thread, as an SQLite call does).
                assert_eq!(s.answer(&id).unwrap().unwrap().answer_id, id);
                let err = s
                    .run(|_| -> Result<(), StoreError> { panic!("in the pool") })
                    .await
                    .unwrap_err();
                assert!(matches!(err, StoreError::Task(_)));
            });
        }
    }
}
