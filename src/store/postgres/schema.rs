//! The PostgreSQL schema: its migrations, step for step the same versions as SQLite's
//! [`MIGRATIONS`](crate::store::MIGRATIONS), and the code that applies them under an advisory
//! lock.

use super::super::{SCHEMA_VERSION, StoreError};
use super::{Pg, Tls};

/// The schema, one step per version, the same logical versions as SQLite's migrations (a test
/// keeps the two lists the same length): step `i` takes the database from version `i` to `i + 1`.
/// Append only; never edit a step that has shipped.
///
/// Differences from SQLite: ids and times are `BIGINT` (Discord ids bit for bit, as SQLite
/// stores them), flags are `BOOLEAN`, keys compared or sorted are `COLLATE "C"` (byte order, as
/// SQLite sorts), and `answers.seq` stands for SQLite's `rowid` (the order answers were stored in).
pub const PG_MIGRATIONS: &[&str] = &[
    // 1: answers, curated, feedback, questions.
    r#"
CREATE TABLE answers (
    answer_id    TEXT COLLATE "C" PRIMARY KEY CHECK (length(answer_id) BETWEEN 1 AND 20),
    seq          BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    guild_id     BIGINT,
    channel_id   BIGINT NOT NULL,
    message_id   BIGINT,
    asker_id     BIGINT NOT NULL,
    question     TEXT NOT NULL,
    question_key TEXT COLLATE "C" NOT NULL,
    kind         TEXT COLLATE "C" NOT NULL,
    payload      TEXT NOT NULL,
    created_at   BIGINT NOT NULL
);
CREATE INDEX answers_recent_in_channel ON answers (channel_id, kind, question_key, created_at);
CREATE INDEX answers_guild_created ON answers (guild_id, created_at);
CREATE INDEX answers_created ON answers (created_at);

CREATE TABLE curated (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    guild_id   BIGINT NOT NULL,
    answer_id  TEXT COLLATE "C" REFERENCES answers (answer_id) ON DELETE SET NULL,
    question   TEXT NOT NULL,
    answer     TEXT NOT NULL,
    citations  TEXT NOT NULL,
    pinned_by  BIGINT NOT NULL,
    pinned_at  BIGINT NOT NULL,
    channel_id BIGINT,
    message_id BIGINT,
    UNIQUE (guild_id, message_id)
);
CREATE INDEX curated_guild_pinned ON curated (guild_id, pinned_at);
CREATE INDEX curated_answer ON curated (answer_id);

CREATE TABLE feedback (
    answer_id TEXT COLLATE "C" NOT NULL REFERENCES answers (answer_id) ON DELETE CASCADE,
    user_id   BIGINT NOT NULL,
    up        BOOLEAN NOT NULL,
    at        BIGINT NOT NULL,
    PRIMARY KEY (answer_id, user_id)
);
CREATE INDEX feedback_at ON feedback (at);

CREATE TABLE questions (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    guild_id     BIGINT,
    question     TEXT NOT NULL,
    question_key TEXT COLLATE "C" NOT NULL,
    best_score   DOUBLE PRECISION NOT NULL,
    answered     BOOLEAN NOT NULL,
    at           BIGINT NOT NULL
);
CREATE INDEX questions_guild_at ON questions (guild_id, at);
CREATE INDEX questions_at ON questions (at);
"#,
    // 2: pins pending, then confirmed; their kept terms; `/gaps`'s partial indexes; the
    //    `curated` counter moved by a trigger on every change (as SQLite's step 2).
    r#"
ALTER TABLE curated ADD COLUMN confirmed BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE curated ADD COLUMN pending_owner BIGINT;
ALTER TABLE curated ADD COLUMN terms TEXT;
ALTER TABLE curated ADD COLUMN terms_analysis TEXT;
CREATE INDEX curated_pending ON curated (pinned_at) WHERE NOT confirmed;

DROP INDEX questions_guild_at;
CREATE INDEX questions_unanswered ON questions (guild_id, at, question_key) INCLUDE (id)
    WHERE NOT answered;
CREATE INDEX feedback_downs ON feedback (at, answer_id) WHERE NOT up;

CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO counters (name, value) VALUES ('curated', 0);
CREATE FUNCTION careerbot_curated_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE counters SET value = value + 1 WHERE name = 'curated';
    RETURN NULL;
END
$$;
CREATE TRIGGER curated_changed AFTER INSERT OR UPDATE OR DELETE ON curated
    FOR EACH ROW EXECUTE FUNCTION careerbot_curated_changed();
"#,
    // 3: each server's settings (its default career; NULL when none).
    r#"
CREATE TABLE guild_settings (
    guild_id   BIGINT PRIMARY KEY,
    career     TEXT CHECK (career IS NULL OR length(career) BETWEEN 1 AND 200),
    updated_by BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
"#,
    // 4: what a pin's answer was drawn from (as SQLite's step 4).
    r#"
ALTER TABLE curated ADD COLUMN passages TEXT;
"#,
    // 5: follow-up conversations and their bounded turns (as SQLite's step 5).
    r#"
CREATE TABLE conversations (
    conversation_id TEXT PRIMARY KEY CHECK (length(conversation_id) BETWEEN 1 AND 40),
    guild_id        BIGINT,
    channel_id      BIGINT NOT NULL,
    thread_id       BIGINT UNIQUE,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX conversations_updated ON conversations (updated_at);

CREATE TABLE conversation_turns (
    conversation_id TEXT NOT NULL REFERENCES conversations (conversation_id) ON DELETE CASCADE,
    seq       BIGINT NOT NULL,
    question  TEXT NOT NULL,
    read_as   TEXT NOT NULL,
    career    TEXT,
    level     TEXT,
    intent    TEXT,
    topic     TEXT,
    answer_id TEXT,
    at        BIGINT NOT NULL,
    PRIMARY KEY (conversation_id, seq)
);
CREATE INDEX conversation_turns_answer ON conversation_turns (answer_id) WHERE answer_id IS NOT NULL;
"#,
    // 6: the library replicas share: every guide file with its manifest entry (the TOML of its
    //    `[[guide]]` table, every key kept), and the library's version, moved by every change
    //    and every `/reindex` (one row; absent until the first replica seeds the library).
    r#"
CREATE TABLE library_guides (
    name       TEXT COLLATE "C" PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 255),
    bytes      BYTEA NOT NULL,
    manifest   TEXT,
    updated_at BIGINT NOT NULL
);
CREATE TABLE library (
    one       BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one),
    version   BIGINT NOT NULL,
    seeded_at BIGINT NOT NULL
);
"#,
];

/// Scratch state shared by the replicas, not part of the migrated schema: (re)made at every
/// open (under [`MIGRATION_LOCK`]), `UNLOGGED` (no write-ahead log, so a write costs no flush;
/// emptied after a crash of the server, which loses only running cooldowns), its rows expiring.
///
/// `careerbot_cooldowns`: when each member last started each command's cooldown, in
/// milliseconds of the server's clock (one clock for every host).
const SCRATCH: &str = r#"
CREATE UNLOGGED TABLE IF NOT EXISTS careerbot_cooldowns (
    command    TEXT COLLATE "C" NOT NULL,
    member_id  BIGINT NOT NULL,
    started_ms BIGINT NOT NULL,
    PRIMARY KEY (command, member_id)
);
"#;

/// The advisory lock migrations hold (the bytes of "careerbo"): replicas starting together
/// migrate one after the other, and each step runs once.
const MIGRATION_LOCK: i64 = 0x6361_7265_6572_626f;

/// What the server's settings mean for durability.
pub(super) struct Settings {
    /// `synchronous_commit` is not `off`.
    pub(super) synchronous_commit: bool,
    /// `fsync` is on.
    pub(super) fsync: bool,
}

/// Connects once, reads the server's durability settings and migrates.
pub(super) async fn prepare(
    config: tokio_postgres::Config,
    tls: Tls,
) -> Result<Settings, StoreError> {
    let (mut client, driver) = match tls {
        Tls::Off => {
            let (client, connection) = config.connect(tokio_postgres::NoTls).await?;
            (client, tokio::spawn(drive(connection)))
        }
        Tls::Verified(tls) => {
            let (client, connection) = config.connect(tls).await?;
            (client, tokio::spawn(drive(connection)))
        }
    };
    let result = async {
        let show = |row: Option<tokio_postgres::Row>| -> String {
            row.map(|r| r.get::<_, String>(0)).unwrap_or_default()
        };
        let sync = show(client.query_opt("SHOW synchronous_commit", &[]).await?);
        let fsync = show(client.query_opt("SHOW fsync", &[]).await?);
        migrate(&mut client, PG_MIGRATIONS).await?;
        let tx = client.transaction().await?;
        tx.query_one("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
            .await?;
        tx.batch_execute(SCRATCH).await?;
        tx.commit().await?;
        Ok(Settings {
            synchronous_commit: !sync.eq_ignore_ascii_case("off"),
            fsync: !fsync.eq_ignore_ascii_case("off"),
        })
    }
    .await;
    drop(client);
    let _ = driver.await;
    result
}

/// Runs a connection until its client is dropped.
async fn drive<F: std::future::Future<Output = Result<(), tokio_postgres::Error>>>(connection: F) {
    if let Err(error) = connection.await {
        tracing::debug!(%error, "migration connection ended");
    }
}

/// Brings the database up to `steps.len()`, one transaction per step, each under
/// [`MIGRATION_LOCK`] and re-reading the version inside it.
pub(super) async fn migrate(
    client: &mut tokio_postgres::Client,
    steps: &[&str],
) -> Result<(), StoreError> {
    let known = steps.len() as i64;
    loop {
        let tx = client.transaction().await?;
        tx.query_one("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
            .await?;
        tx.batch_execute(
            "CREATE TABLE IF NOT EXISTS careerbot_schema (
                 one     BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one),
                 version BIGINT NOT NULL
             );
             INSERT INTO careerbot_schema (version) VALUES (0) ON CONFLICT DO NOTHING;",
        )
        .await?;
        let found: i64 = tx
            .query_one("SELECT version FROM careerbot_schema", &[])
            .await?
            .get(0);
        if found > known {
            return Err(StoreError::TooNew { found, known });
        }
        if found == known {
            tx.commit().await?;
            return Ok(());
        }
        let version = found + 1;
        let step = usize::try_from(found).map_err(|_| StoreError::TooNew { found, known })?;
        let failed = |e: tokio_postgres::Error| StoreError::Migration {
            version,
            source: Box::new(StoreError::from(e)),
        };
        tx.batch_execute(steps[step]).await.map_err(failed)?;
        tx.execute("UPDATE careerbot_schema SET version = $1", &[&version])
            .await
            .map_err(failed)?;
        tx.commit().await.map_err(failed)?;
        tracing::info!(version, "store schema migrated (PostgreSQL)");
    }
}

impl Pg {
    /// The schema version of the database.
    pub(in crate::store) fn schema_version(&self) -> Result<i64, StoreError> {
        let rows = self.query("SELECT version FROM careerbot_schema", super::params![])?;
        Ok(rows.first().map_or(0, |r| r.get(0)))
    }
}

/// Both engines know the same versions.
const _: () = assert!(PG_MIGRATIONS.len() as i64 == SCHEMA_VERSION);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fixtures::cluster;

    /// Connects to `url` and runs `f` with the client, on a runtime of its own.
    fn with_client<T>(url: &str, f: impl AsyncFnOnce(&mut tokio_postgres::Client) -> T) -> T {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let (mut client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
                .await
                .unwrap();
            let driver = tokio::spawn(connection);
            let out = f(&mut client).await;
            drop(client);
            let _ = driver.await;
            out
        })
    }

    #[test]
    fn a_failed_migration_keeps_earlier_steps_and_names_its_version() {
        let Some(url) = cluster::fresh_database() else {
            return;
        };
        with_client(&url, async |client| {
            let steps = ["CREATE TABLE a (x BIGINT);", "CREATE TABLE b (oops"];
            match migrate(client, &steps).await {
                Err(StoreError::Migration { version, .. }) => assert_eq!(version, 2),
                other => panic!("expected Migration, got {other:?}"),
            }
            let version: i64 = client
                .query_one("SELECT version FROM careerbot_schema", &[])
                .await
                .unwrap()
                .get(0);
            assert_eq!(version, 1);
            client
                .batch_execute("INSERT INTO a VALUES (1)")
                .await
                .unwrap();
            // Fixing the step lets the next open finish.
            migrate(
                client,
                &["CREATE TABLE a (x BIGINT);", "CREATE TABLE b (y BIGINT);"],
            )
            .await
            .unwrap();
            let version: i64 = client
                .query_one("SELECT version FROM careerbot_schema", &[])
                .await
                .unwrap()
                .get(0);
            assert_eq!(version, 2);
        });
    }
}
