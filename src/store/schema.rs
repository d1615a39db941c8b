//! The database's schema: the append-only list of migrations and the code that applies them.

use rusqlite::{Connection, TransactionBehavior};

use super::{Store, StoreError};

/// The schema, one step per version: step `i` takes the file from `user_version = i` to `i + 1`.
/// Append only; never edit a step that has shipped.
pub const MIGRATIONS: &[&str] = &[
    // 1: answers, curated, feedback, questions.
    r"
CREATE TABLE answers (
    answer_id    TEXT PRIMARY KEY NOT NULL CHECK (length(answer_id) BETWEEN 1 AND 20),
    guild_id     INTEGER,
    channel_id   INTEGER NOT NULL,
    message_id   INTEGER,
    asker_id     INTEGER NOT NULL,
    question     TEXT NOT NULL,
    question_key TEXT NOT NULL,
    kind         TEXT NOT NULL,
    payload      TEXT NOT NULL,
    created_at   INTEGER NOT NULL
);
CREATE INDEX answers_recent_in_channel ON answers (channel_id, kind, question_key, created_at);
CREATE INDEX answers_guild_created ON answers (guild_id, created_at);
CREATE INDEX answers_created ON answers (created_at);

CREATE TABLE curated (
    id         INTEGER PRIMARY KEY,
    guild_id   INTEGER NOT NULL,
    answer_id  TEXT REFERENCES answers (answer_id) ON DELETE SET NULL,
    question   TEXT NOT NULL,
    answer     TEXT NOT NULL,
    citations  TEXT NOT NULL,
    pinned_by  INTEGER NOT NULL,
    pinned_at  INTEGER NOT NULL,
    channel_id INTEGER,
    message_id INTEGER,
    UNIQUE (guild_id, message_id)
);
CREATE INDEX curated_guild_pinned ON curated (guild_id, pinned_at);
CREATE INDEX curated_answer ON curated (answer_id);

CREATE TABLE feedback (
    answer_id TEXT NOT NULL REFERENCES answers (answer_id) ON DELETE CASCADE,
    user_id   INTEGER NOT NULL,
    up        INTEGER NOT NULL CHECK (up IN (0, 1)),
    at        INTEGER NOT NULL,
    PRIMARY KEY (answer_id, user_id)
);
CREATE INDEX feedback_at ON feedback (at);

CREATE TABLE questions (
    id           INTEGER PRIMARY KEY,
    guild_id     INTEGER,
    question     TEXT NOT NULL,
    question_key TEXT NOT NULL,
    best_score   REAL NOT NULL,
    answered     INTEGER NOT NULL CHECK (answered IN (0, 1)),
    at           INTEGER NOT NULL
);
CREATE INDEX questions_guild_at ON questions (guild_id, at);
CREATE INDEX questions_at ON questions (at);
",
    // 2: a pin is recorded as pending before Discord pins the message and confirmed after
    //    (`confirmed`, and `pending_owner`: the process pinning it); it keeps its question's
    //    analysed terms and the fingerprint of the analysis that made them. `/gaps` reads
    //    partial indexes of the unanswered questions and of the 👎 votes (the old index of every
    //    question by guild served only `/gaps`). `counters.curated` changes with every change
    //    to `curated`, so each process knows when the pins it keeps in memory are stale.
    r"
ALTER TABLE curated ADD COLUMN confirmed INTEGER NOT NULL DEFAULT 1 CHECK (confirmed IN (0, 1));
ALTER TABLE curated ADD COLUMN pending_owner INTEGER;
ALTER TABLE curated ADD COLUMN terms TEXT;
ALTER TABLE curated ADD COLUMN terms_analysis TEXT;
CREATE INDEX curated_pending ON curated (pinned_at) WHERE confirmed = 0;

DROP INDEX questions_guild_at;
CREATE INDEX questions_unanswered ON questions (guild_id, at, question_key) WHERE answered = 0;
CREATE INDEX feedback_downs ON feedback (at, answer_id) WHERE up = 0;

CREATE TABLE counters (
    name  TEXT PRIMARY KEY NOT NULL,
    value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO counters (name, value) VALUES ('curated', 0);
CREATE TRIGGER curated_inserted AFTER INSERT ON curated
    BEGIN UPDATE counters SET value = value + 1 WHERE name = 'curated'; END;
CREATE TRIGGER curated_updated AFTER UPDATE ON curated
    BEGIN UPDATE counters SET value = value + 1 WHERE name = 'curated'; END;
CREATE TRIGGER curated_deleted AFTER DELETE ON curated
    BEGIN UPDATE counters SET value = value + 1 WHERE name = 'curated'; END;
",
    // 3: each server's settings (its default career; NULL when none).
    r"
CREATE TABLE guild_settings (
    guild_id   INTEGER PRIMARY KEY NOT NULL,
    career     TEXT CHECK (career IS NULL OR length(career) BETWEEN 1 AND 200),
    updated_by INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
",
    // 4: what a pin's answer was drawn from (JSON: its career, its question's intent, and the
    //    passages it cited with a hash of each one's text), to match questions answered from
    //    the same passages and to flag pins whose passages changed after a reindex.
    r"
ALTER TABLE curated ADD COLUMN passages TEXT;
",
    // 5: follow-up conversations (`conversations`: where each lives, the thread it continues in,
    //    its last turn's time for the idle expiry) and their bounded turns (the context each
    //    left, the answer it got: a button on that answer finds its conversation).
    r"
CREATE TABLE conversations (
    conversation_id TEXT PRIMARY KEY NOT NULL CHECK (length(conversation_id) BETWEEN 1 AND 40),
    guild_id        INTEGER,
    channel_id      INTEGER NOT NULL,
    thread_id       INTEGER UNIQUE,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX conversations_updated ON conversations (updated_at);

CREATE TABLE conversation_turns (
    conversation_id TEXT NOT NULL REFERENCES conversations (conversation_id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    question  TEXT NOT NULL,
    read_as   TEXT NOT NULL,
    career    TEXT,
    level     TEXT,
    intent    TEXT,
    topic     TEXT,
    answer_id TEXT,
    at        INTEGER NOT NULL,
    PRIMARY KEY (conversation_id, seq)
);
CREATE INDEX conversation_turns_answer ON conversation_turns (answer_id) WHERE answer_id IS NOT NULL;
",
    // 6: nothing on SQLite. On PostgreSQL this step holds the library shared by replicas on
    //    several hosts (its guides, their manifest entries and its version); an SQLite file
    //    serves the processes of one host, which read the guides from their own directory.
    "-- the shared library lives on PostgreSQL only",
];

/// The schema version this build writes: the number of [`MIGRATIONS`].
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

impl Store {
    /// The schema version of the open file (equals [`SCHEMA_VERSION`] after a successful open).
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        if let Some(pg) = self.postgres() {
            return pg.schema_version();
        }
        self.read(|conn| Ok(user_version(conn)?))
    }
}

/// Brings `conn` up to `steps.len()`, one transaction per step. Concurrent openers (other
/// processes) serialise on the write lock and re-read the version inside it, so each step runs
/// once.
pub(super) fn migrate(conn: &mut Connection, steps: &[&str]) -> Result<(), StoreError> {
    let known = steps.len() as i64;
    loop {
        let found = user_version(conn)?;
        if found > known {
            return Err(StoreError::TooNew { found, known });
        }
        if found == known {
            return Ok(());
        }
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Another process may have migrated between the read above and taking the lock.
        let found = user_version(&tx)?;
        if found >= known {
            continue;
        }
        let version = found + 1;
        let step = usize::try_from(found).map_err(|_| StoreError::TooNew { found, known })?;
        let failed = |source: rusqlite::Error| StoreError::Migration {
            version,
            source: Box::new(source),
        };
        tx.execute_batch(steps[step]).map_err(failed)?;
        tx.pragma_update(None, "user_version", version)
            .map_err(failed)?;
        tx.commit().map_err(failed)?;
        tracing::info!(version, "store schema migrated");
    }
}

pub(super) fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fixtures::{Place, store, table_names};

    #[test]
    fn migrations_run_from_empty() {
        let s = store();
        assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
        assert_eq!(
            table_names(&s),
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
        let fk: i64 = s
            .lock()
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
    }

    #[test]
    fn newer_schema_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bot.db");
        drop(Store::open(&path).unwrap());
        let raw = Connection::open(&path).unwrap();
        raw.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        drop(raw);
        match Store::open(&path) {
            Err(StoreError::TooNew { found, known }) => {
                assert_eq!((found, known), (SCHEMA_VERSION + 1, SCHEMA_VERSION));
            }
            other => panic!("expected TooNew, got {other:?}"),
        }
        let raw = Connection::open(&path).unwrap();
        assert_eq!(user_version(&raw).unwrap(), SCHEMA_VERSION + 1);
    }

    #[test]
    fn failed_migration_keeps_earlier_steps_and_names_its_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        let steps = ["CREATE TABLE a (x INTEGER);", "CREATE TABLE b (oops"];
        match migrate(&mut conn, &steps) {
            Err(StoreError::Migration { version, .. }) => assert_eq!(version, 2),
            other => panic!("expected Migration, got {other:?}"),
        }
        assert_eq!(user_version(&conn).unwrap(), 1);
        conn.execute("INSERT INTO a VALUES (1)", []).unwrap();
        // Fixing the step lets the next open finish.
        migrate(
            &mut conn,
            &["CREATE TABLE a (x INTEGER);", "CREATE TABLE b (y);"],
        )
        .unwrap();
        assert_eq!(user_version(&conn).unwrap(), 2);
    }

    #[test]
    fn replicas_opening_a_fresh_file_at_once_migrate_it_once() {
        for round in 0..5 {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join(format!("bot-{round}.db"));
            let barrier = std::sync::Barrier::new(4);
            std::thread::scope(|scope| {
                for _ in 0..4 {
                    scope.spawn(|| {
                        barrier.wait();
                        let s = Store::open(&path).unwrap();
                        assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
                    });
                }
            });
        }
    }

    #[test]
    fn postgres_migrations_run_from_empty_and_a_newer_schema_is_refused() {
        let Some(place) = Place::postgres() else {
            return;
        };
        let s = place.open();
        assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
        assert_eq!(
            table_names(&s),
            [
                "answers",
                "conversation_turns",
                "conversations",
                "counters",
                "curated",
                "feedback",
                "guild_settings",
                "library",
                "library_guides",
                "questions"
            ]
        );
        s.execute_raw(&format!(
            "UPDATE careerbot_schema SET version = {}",
            SCHEMA_VERSION + 1
        ));
        let Place::Postgres(url) = &place else {
            unreachable!()
        };
        match Store::open_postgres(url) {
            Err(StoreError::TooNew { found, known }) => {
                assert_eq!((found, known), (SCHEMA_VERSION + 1, SCHEMA_VERSION));
            }
            other => panic!("expected TooNew, got {other:?}"),
        }
        assert_eq!(
            s.schema_version().unwrap(),
            SCHEMA_VERSION + 1,
            "left alone"
        );
    }

    #[test]
    fn replicas_opening_a_fresh_postgres_database_at_once_migrate_it_once() {
        for _ in 0..3 {
            let Some(place) = Place::postgres() else {
                return;
            };
            let barrier = std::sync::Barrier::new(4);
            std::thread::scope(|scope| {
                for _ in 0..4 {
                    scope.spawn(|| {
                        barrier.wait();
                        let s = place.open();
                        assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
                    });
                }
            });
        }
    }

    #[test]
    fn a_file_of_version_1_keeps_its_pins_confirmed_after_migrating() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.db");
        {
            let mut raw = Connection::open(&path).unwrap();
            migrate(&mut raw, &MIGRATIONS[..1]).unwrap();
            raw.execute_batch(
                "INSERT INTO curated (guild_id, question, answer, citations, pinned_by, pinned_at)
                 VALUES (10, 'how do I become a nurse?', 'study', '[]', 1, 5);
                 INSERT INTO questions (guild_id, question, question_key, best_score, answered, at)
                 VALUES (10, 'q', 'q', 0.0, 0, 7);",
            )
            .unwrap();
        }
        let s = Store::open(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
        assert_eq!(s.curated_for_guild(10).unwrap()[0].answer, "study");
        assert_eq!(s.gaps(10, 0, 5).unwrap().unanswered[0].count, 1);
        assert!(s.pending_pins(i64::MAX).unwrap().is_empty());
    }
}
