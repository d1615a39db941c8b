//! The bot's memory across restarts and replicas: answers it posted (so buttons keep working),
//! moderator-curated answers, 👍/👎 feedback and the question log behind `/gaps`, in one embedded
//! SQLite file.
//!
//! The store knows nothing of Discord: ids are `u64`, times are unix seconds (`i64`, given by the
//! caller so tests control the clock), payloads are [`serde_json::Value`] or plain strings.
//!
//! - **Durability.** The file runs in WAL mode with `synchronous=NORMAL`; every write is one
//!   `BEGIN IMMEDIATE` transaction, so a crash loses at most the last commits, never half of one.
//! - **Several processes.** HTTP replicas may open the same file: WAL lets readers run beside the
//!   single writer, `busy_timeout` makes writers queue instead of failing, and writes take the
//!   write lock up front (`IMMEDIATE`) so a transaction never has to upgrade a read lock.
//! - **Schema.** [`MIGRATIONS`] is an append-only list of SQL steps; `PRAGMA user_version` records
//!   how many have been applied. Each step runs in its own transaction. A file written by a newer
//!   build is refused ([`StoreError::TooNew`]) rather than used and damaged.
//! - **Blocking.** Every method blocks on SQLite (and on the connection's mutex). Async callers
//!   should use [`Store::run`], which moves the call onto tokio's blocking pool.
//!
//! Discord ids are stored bit-for-bit as SQLite's signed 64-bit integers, so every `u64` round-trips
//! (snowflakes stay below 2⁶³ and so also read naturally in the `sqlite3` shell).

mod answers;
mod curated;
mod feedback;
#[cfg(test)]
mod fixtures;
mod ids;
mod schema;
mod writer;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{Connection, Transaction, TransactionBehavior, params};

pub use answers::{Answer, NewAnswer};
pub use curated::{Curated, NewCurated};
pub use ids::{MAX_ANSWER_ID_LEN, new_answer_id};
use schema::migrate;
pub use schema::{MIGRATIONS, SCHEMA_VERSION};
pub use writer::{BatchWriter, Record};

/// How many times opening retries the switch to WAL while another process holds the file.
const WAL_SWITCH_ATTEMPTS: u32 = 250;
/// How long a call waits for another connection (thread or process) to release the write lock
/// before failing with `SQLITE_BUSY`.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);
/// Rows deleted per transaction by [`Store::prune`], so pruning never holds the write lock long.
const PRUNE_BATCH: usize = 500;
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
    /// A schema migration failed; the file stays at the version before it.
    #[error("database migration to version {version} failed: {source}")]
    Migration {
        /// The version the failed step would have produced.
        version: i64,
        /// What SQLite said.
        source: rusqlite::Error,
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
    /// The blocking task of [`Store::run`] panicked or was cancelled.
    #[error("database task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

/// What `/gaps` shows for a guild; see [`Store::gaps`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Gaps {
    /// Questions without a good hit, grouped, most asked first.
    pub unanswered: Vec<UnansweredQuestion>,
    /// Answers with 👎, most 👎 first.
    pub downvoted: Vec<DownvotedAnswer>,
}

/// One group of unanswered questions.
#[derive(Debug, Clone, PartialEq)]
pub struct UnansweredQuestion {
    /// The most recent wording of the question.
    pub question: String,
    /// How often it was asked in the window.
    pub count: u64,
    /// When it was last asked.
    pub last_at: i64,
}

/// An answer that drew 👎.
#[derive(Debug, Clone, PartialEq)]
pub struct DownvotedAnswer {
    /// The answer.
    pub answer_id: String,
    /// Its question.
    pub question: String,
    /// 👎 votes.
    pub downs: u64,
    /// 👍 votes.
    pub ups: u64,
}

/// Rows removed by [`Store::prune`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PruneReport {
    /// Answers removed (with their remaining votes).
    pub answers: u64,
    /// Question-log rows removed.
    pub questions: u64,
    /// Votes removed because they were older than the cutoff (votes removed along with their
    /// answer are not counted).
    pub feedback: u64,
}

/// The bot's database. Cloning is shallow: clones share one connection.
///
/// All methods block; from async code use [`Store::run`]. A panic while the connection is in
/// use does not disable the store: the open transaction is rolled back and later calls proceed.
#[derive(Debug, Clone)]
pub struct Store {
    conn: Arc<Mutex<Connection>>,
    /// The file, for a second connection of its own (`None` in memory).
    path: Option<PathBuf>,
}

impl Store {
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
        let mut store = Store::setup(conn)?;
        store.path = Some(path.to_path_buf());
        tracing::debug!(path = %path.display(), "store opened");
        Ok(store)
    }

    /// A private in-memory database, for tests.
    ///
    /// # Errors
    /// As [`Store::open`], though in practice only if SQLite cannot allocate.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Store::setup(Connection::open_in_memory()?)
    }

    fn setup(mut conn: Connection) -> Result<Store, StoreError> {
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
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrate(&mut conn, MIGRATIONS)?;
        Ok(Store {
            conn: Arc::new(Mutex::new(conn)),
            path: None,
        })
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

    // ----- question log -----

    /// Logs a question for `/gaps`: its best hit's score and whether that was good enough to
    /// answer. A NaN score is stored as 0.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails.
    pub fn log_question(
        &self,
        guild_id: Option<u64>,
        question: &str,
        best_score: f32,
        answered: bool,
        at: i64,
    ) -> Result<(), StoreError> {
        // The same row the batch writer commits for `/ask`, written now.
        self.write_records(&[Record::Question {
            guild_id,
            question: question.to_string(),
            best_score,
            answered,
            at,
        }])
    }

    /// What the guild's library is missing since `since`, at most `limit` entries per list:
    /// unanswered questions grouped by [`normalise_question`] (so case, spacing and trailing
    /// punctuation do not split a group), most asked first, then most recent; and answers
    /// created since `since` that drew 👎, most 👎 first (then fewest 👍, then newest).
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails.
    pub fn gaps(&self, guild_id: u64, since: i64, limit: usize) -> Result<Gaps, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let guild = to_sql_id(guild_id);
        self.read(|conn| {
            // A bare column beside MAX() takes its value from the row holding the maximum
            // (documented SQLite behaviour), so `question` is the latest wording.
            let unanswered = conn
                .prepare_cached(
                    "SELECT question, COUNT(*) AS n, MAX(at) AS last_at FROM questions
                     WHERE guild_id = ?1 AND at >= ?2 AND answered = 0
                     GROUP BY question_key
                     ORDER BY n DESC, last_at DESC, question_key
                     LIMIT ?3",
                )?
                .query_map(params![guild, since, limit], |row| {
                    Ok(UnansweredQuestion {
                        question: row.get(0)?,
                        count: count(row.get(1)?),
                        last_at: row.get(2)?,
                    })
                })?
                .collect::<Result<Vec<_>, _>>()?;
            let downvoted = conn
                .prepare_cached(
                    "SELECT a.answer_id, a.question, SUM(f.up = 0) AS downs, SUM(f.up = 1) AS ups
                     FROM answers a JOIN feedback f ON f.answer_id = a.answer_id
                     WHERE a.guild_id = ?1 AND a.created_at >= ?2
                     GROUP BY a.answer_id
                     HAVING downs > 0
                     ORDER BY downs DESC, ups ASC, a.created_at DESC, a.answer_id
                     LIMIT ?3",
                )?
                .query_map(params![guild, since, limit], |row| {
                    Ok(DownvotedAnswer {
                        answer_id: row.get(0)?,
                        question: row.get(1)?,
                        downs: count(row.get(2)?),
                        ups: count(row.get(3)?),
                    })
                })?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Gaps {
                unanswered,
                downvoted,
            })
        })
    }

    // ----- retention -----

    /// Deletes answers, logged questions and votes from before `older_than` (unix seconds).
    /// Curated answers are never pruned (a pin of a pruned answer loses only its link).
    ///
    /// Works in transactions of a few hundred rows, releasing the connection between them, so
    /// other callers and processes are held up for one small batch at a time, never for the whole
    /// clean-up.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails; batches already committed stay deleted.
    pub fn prune(&self, older_than: i64) -> Result<PruneReport, StoreError> {
        self.prune_in_batches(older_than, PRUNE_BATCH)
    }

    fn prune_in_batches(&self, older_than: i64, batch: usize) -> Result<PruneReport, StoreError> {
        let batch = i64::try_from(batch.max(1)).unwrap_or(i64::MAX);
        let mut report = PruneReport::default();
        for (table, column, total) in [
            ("feedback", "at", &mut report.feedback),
            ("answers", "created_at", &mut report.answers),
            ("questions", "at", &mut report.questions),
        ] {
            let sql = format!(
                "DELETE FROM {table} WHERE rowid IN
                     (SELECT rowid FROM {table} WHERE {column} < ?1 LIMIT ?2)"
            );
            loop {
                let n = self.write(|tx| {
                    Ok(tx
                        .prepare_cached(&sql)?
                        .execute(params![older_than, batch])?)
                })?;
                *total += n as u64;
                if (n as i64) < batch {
                    break;
                }
            }
        }
        if report != PruneReport::default() {
            tracing::info!(
                answers = report.answers,
                questions = report.questions,
                feedback = report.feedback,
                older_than,
                "store pruned"
            );
        }
        Ok(report)
    }

    // ----- plumbing -----

    /// The connection, whatever a panicking holder left behind: its transaction (if any) is
    /// rolled back, so a poisoned mutex never disables the store.
    fn lock(&self) -> MutexGuard<'_, Connection> {
        match self.conn.lock() {
            Ok(guard) => guard,
            Err(poisoned) => {
                self.conn.clear_poison();
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

    fn read<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        f(&self.lock())
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction, committed if `f` succeeds.
    fn write<T>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }
}

/// The form questions are compared in: lower case, runs of whitespace as one space, no leading
/// or trailing spaces and no trailing `?`, `!`, `.`, `,`, `;` or `:`. Idempotent.
pub fn normalise_question(question: &str) -> String {
    let lowered = question.to_lowercase();
    let mut out = String::with_capacity(lowered.len());
    for word in lowered.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    let kept = out
        .trim_end_matches(|c: char| c.is_whitespace() || "?!.,;:".contains(c))
        .len();
    out.truncate(kept);
    out
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
    use super::fixtures::{new_answer, pin, store, table_names};
    use super::*;
    use serde_json::json;
    use std::sync::atomic::{AtomicU64, Ordering};

    #[test]
    fn store_is_clone_send_sync() {
        fn assert<T: Clone + Send + Sync + 'static>() {}
        assert::<Store>();
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
        assert_eq!(table_names(&again).len(), 4);
    }

    #[test]
    fn a_file_that_is_not_a_database_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bot.db");
        std::fs::write(&path, vec![b'x'; 4096]).unwrap();
        assert!(matches!(Store::open(&path), Err(StoreError::Sqlite(_))));
    }

    #[test]
    fn ids_survive_the_full_u64_range_and_dms_have_no_guild() {
        let s = store();
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

    #[test]
    fn gaps_group_and_order_unanswered_questions() {
        let s = store();
        let log = |g: Option<u64>, q: &str, answered: bool, at: i64| {
            s.log_question(g, q, 0.1, answered, at).unwrap();
        };
        log(Some(10), "How do I become a nurse?", false, 100);
        log(Some(10), "how do i become a NURSE", false, 110);
        log(Some(10), "  How do I  become a nurse  ", false, 120);
        log(Some(10), "What is a UX writer?", false, 200);
        log(Some(10), "what is a ux writer", false, 210);
        log(Some(10), "Pilot salary", false, 300);
        log(Some(10), "Chef salary", false, 290);
        // Answered, another guild, a DM, or before the window: not gaps.
        log(Some(10), "how do i become a nurse", true, 400);
        log(Some(11), "how do i become a nurse", false, 400);
        log(None, "how do i become a nurse", false, 400);
        log(Some(10), "welder training", false, 10);
        s.log_question(Some(10), "nan score", f32::NAN, false, 50)
            .unwrap();

        let gaps = s.gaps(10, 50, 10).unwrap();
        let got: Vec<(&str, u64, i64)> = gaps
            .unanswered
            .iter()
            .map(|u| (u.question.as_str(), u.count, u.last_at))
            .collect();
        assert_eq!(
            got,
            [
                ("How do I  become a nurse", 3, 120),
                ("what is a ux writer", 2, 210),
                ("Pilot salary", 1, 300),
                ("Chef salary", 1, 290),
                ("nan score", 1, 50),
            ]
        );
        assert_eq!(s.gaps(10, 50, 2).unwrap().unanswered.len(), 2);
        assert_eq!(s.gaps(12, 0, 10).unwrap(), Gaps::default());
    }

    #[test]
    fn gaps_order_downvoted_answers_by_downs() {
        let s = store();
        let payload = json!({});
        let a = s
            .insert_answer(&new_answer(5, "a?", &payload, 100))
            .unwrap();
        let b = s
            .insert_answer(&new_answer(5, "b?", &payload, 100))
            .unwrap();
        let c = s
            .insert_answer(&new_answer(5, "c?", &payload, 100))
            .unwrap();
        let liked = s
            .insert_answer(&new_answer(5, "liked", &payload, 100))
            .unwrap();
        let old = s
            .insert_answer(&new_answer(5, "old", &payload, 10))
            .unwrap();
        let dm = s
            .insert_answer(&NewAnswer {
                guild_id: None,
                ..new_answer(5, "dm", &payload, 100)
            })
            .unwrap();
        for (id, ups, downs) in [
            (&a, 0, 1),
            (&b, 0, 3),
            (&c, 2, 1),
            (&liked, 5, 0),
            (&old, 0, 9),
            (&dm, 0, 9),
        ] {
            for u in 0..ups {
                s.vote(id, u, true, 100).unwrap();
            }
            for d in 0..downs {
                s.vote(id, 100 + d, false, 100).unwrap();
            }
        }
        let gaps = s.gaps(10, 50, 10).unwrap();
        let got: Vec<(&str, &str, u64, u64)> = gaps
            .downvoted
            .iter()
            .map(|d| (d.answer_id.as_str(), d.question.as_str(), d.downs, d.ups))
            .collect();
        assert_eq!(
            got,
            [
                (b.as_str(), "b?", 3, 0),
                (a.as_str(), "a?", 1, 0),
                (c.as_str(), "c?", 1, 2)
            ]
        );
        assert_eq!(s.gaps(10, 50, 1).unwrap().downvoted.len(), 1);
    }

    #[test]
    fn prune_removes_old_rows_in_batches_and_keeps_curated() {
        let s = store();
        let payload = json!({});
        let mut old = Vec::new();
        for i in 0..7 {
            old.push(s.insert_answer(&new_answer(5, "old", &payload, i)).unwrap());
        }
        let fresh = s
            .insert_answer(&new_answer(5, "fresh", &payload, 1000))
            .unwrap();
        // A recent vote on an old answer goes with the answer; an old vote on a fresh one goes
        // by itself; a recent vote on a fresh answer stays.
        s.vote(&old[0], 1, false, 2000).unwrap();
        s.vote(&old[1], 1, false, 5).unwrap();
        s.vote(&fresh, 1, true, 5).unwrap();
        s.vote(&fresh, 2, true, 2000).unwrap();
        for i in 0..5 {
            s.log_question(Some(10), "old question", 0.0, false, i)
                .unwrap();
        }
        s.log_question(Some(10), "fresh question", 0.0, false, 1000)
            .unwrap();
        let citations = json!([]);
        let pinned = s
            .pin_curated(&NewCurated {
                answer_id: Some(&old[2]),
                ..pin(Some(1), "kept", &citations, 0)
            })
            .unwrap();

        let report = s.prune_in_batches(500, 2).unwrap();
        assert_eq!(
            report,
            PruneReport {
                answers: 7,
                questions: 5,
                feedback: 2
            }
        );
        for id in &old {
            assert_eq!(s.answer(id).unwrap(), None);
        }
        assert!(s.answer(&fresh).unwrap().is_some());
        assert_eq!(s.feedback_counts(&fresh).unwrap(), (1, 0));
        let n: i64 = s
            .lock()
            .query_row("SELECT COUNT(*) FROM feedback", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1);
        let gaps = s.gaps(10, 0, 10).unwrap();
        assert_eq!(gaps.unanswered.len(), 1);
        assert_eq!(gaps.unanswered[0].question, "fresh question");
        let curated = s.curated_for_guild(10).unwrap();
        assert_eq!(curated.len(), 1);
        assert_eq!(
            (curated[0].id, curated[0].answer_id.as_deref()),
            (pinned, None)
        );

        assert_eq!(
            s.prune(500).unwrap(),
            PruneReport::default(),
            "a second prune finds nothing"
        );
        assert_eq!(s.prune(i64::MAX).unwrap().answers, 1);
        assert_eq!(
            s.curated_for_guild(10).unwrap().len(),
            1,
            "curated is never pruned"
        );
    }

    #[test]
    fn data_survives_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data/bot.db");
        let payload = json!({"hits": ["x"]});
        let citations = json!(["c"]);
        let (id, pin_id) = {
            let s = Store::open(&path).unwrap();
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
        let s = Store::open(&path).unwrap();
        let a = s.answer(&id).unwrap().unwrap();
        assert_eq!((a.message_id, a.payload), (Some(77), payload));
        assert_eq!(s.feedback_counts(&id).unwrap(), (0, 1));
        assert_eq!(
            s.gaps(10, 0, 5).unwrap().unanswered[0].question,
            "nobody knows"
        );
        assert_eq!(s.curated_for_guild(10).unwrap()[0].id, pin_id);
    }

    #[test]
    fn two_stores_on_one_file_see_each_others_writes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bot.db");
        let one = Store::open(&path).unwrap();
        let two = Store::open(&path).unwrap();
        let payload = json!({"n": 1});
        let id = one.insert_answer(&new_answer(5, "q", &payload, 1)).unwrap();
        assert_eq!(two.answer(&id).unwrap().unwrap().payload, payload);
        assert!(two.set_answer_message(&id, 8).unwrap());
        assert!(two.vote(&id, 3, true, 2).unwrap());
        assert_eq!(one.answer(&id).unwrap().unwrap().message_id, Some(8));
        assert_eq!(one.feedback_counts(&id).unwrap(), (1, 0));
        let pin_id = one.pin_curated(&pin(Some(1), "p", &payload, 3)).unwrap();
        assert!(two.unpin_curated(10, pin_id).unwrap());
        assert!(one.curated_for_guild(10).unwrap().is_empty());
    }

    #[test]
    fn concurrent_writers_and_a_reader_see_no_errors() {
        const WRITES: u64 = 100;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bot.db");
        let shared = Store::open(&path).unwrap();
        // Writer 1 shares a connection with the reader (threads); writer 2 has its own
        // connection to the file (another process's worth).
        let writers = [shared.clone(), Store::open(&path).unwrap()];
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
        let check = Store::open(&path).unwrap();
        let gaps = check.gaps(10, 0, 100).unwrap();
        assert_eq!(
            gaps.unanswered.iter().map(|u| u.count).sum::<u64>(),
            2 * WRITES
        );
        let answers: i64 = check
            .lock()
            .query_row("SELECT COUNT(*) FROM answers", [], |r| r.get(0))
            .unwrap();
        assert_eq!(answers, 2 * WRITES as i64);
    }

    #[test]
    fn a_panic_while_holding_the_connection_does_not_disable_the_store() {
        let s = store();
        let payload = json!({});
        let id = s.insert_answer(&new_answer(5, "q", &payload, 1)).unwrap();
        let s2 = s.clone();
        let result = std::thread::spawn(move || {
            let mut conn = s2.conn.lock().unwrap();
            let tx = conn.transaction().unwrap();
            tx.execute("DELETE FROM answers", []).unwrap();
            std::mem::forget(tx); // leave the transaction open, as a worst case
            panic!("boom");
        })
        .join();
        assert!(result.is_err());
        assert!(s.conn.is_poisoned());
        // The half-done delete was rolled back and the store works.
        assert!(s.answer(&id).unwrap().is_some());
        assert!(s.vote(&id, 1, true, 2).unwrap());
        assert!(!s.conn.is_poisoned());
    }

    #[tokio::test]
    async fn run_moves_calls_off_the_async_thread() {
        let s = store();
        let payload = json!({"x": 1});
        let id = s
            .run(move |s| s.insert_answer(&new_answer(5, "q", &payload, 1)))
            .await
            .unwrap();
        let lookup = id.clone();
        let a = s.run(move |s| s.answer(&lookup)).await.unwrap().unwrap();
        assert_eq!(a.answer_id, id);
        let err = s
            .run(|_| -> Result<(), StoreError> { panic!("in the pool") })
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Task(_)));
    }

    #[test]
    fn normalise_question_is_idempotent() {
        for q in [
            "  How do I  become a Nurse?! ",
            "C++ jobs?",
            "what is a ux writer . ?",
            "",
            "???",
        ] {
            let once = normalise_question(q);
            assert_eq!(normalise_question(&once), once);
        }
        assert_eq!(
            normalise_question("  How do I  become a Nurse?! "),
            "how do i become a nurse"
        );
        assert_eq!(normalise_question("C++ jobs?"), "c++ jobs");
        assert_eq!(
            normalise_question("what is a ux writer . ?"),
            "what is a ux writer"
        );
        assert_eq!(normalise_question("???"), "");
    }
}
