//! Fixtures shared by the store's unit tests, and [`on_both!`], which runs a test on each engine.

use serde_json::Value;

use super::{NewAnswer, NewCurated, Store};

/// The throwaway PostgreSQL cluster of the tests (shared with the integration tests).
#[path = "../../tests/support/postgres.rs"]
pub(super) mod cluster;

/// Defines a test once per engine: `NAME::sqlite`, on a fresh in-memory SQLite store, and
/// `NAME::postgres`, on a fresh database of the test PostgreSQL cluster (passing, after a loud
/// SKIPPED line, where PostgreSQL is not installed). The body sees the test module's imports
/// and gets the store as `$s`.
///
/// `on_both! { fn NAME(place: Place) {…} }` instead hands over a [`Place`]: a database that can
/// be opened again and again (a file for SQLite), for tests of several handles or a restart.
macro_rules! on_both {
    ($(#[$meta:meta])* async fn $name:ident($s:ident: Place) $body:block) => {
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test]
            async fn sqlite() {
                let $s = $crate::store::fixtures::Place::sqlite();
                $body
            }

            #[tokio::test]
            async fn postgres() {
                let Some($s) = $crate::store::fixtures::Place::postgres() else {
                    return;
                };
                $body
            }
        }
    };
    ($(#[$meta:meta])* fn $name:ident($s:ident: Place) $body:block) => {
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[test]
            fn sqlite() {
                let $s = $crate::store::fixtures::Place::sqlite();
                $body
            }

            #[test]
            fn postgres() {
                let Some($s) = $crate::store::fixtures::Place::postgres() else {
                    return;
                };
                $body
            }
        }
    };
    ($(#[$meta:meta])* fn $name:ident($s:ident) $body:block) => {
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[test]
            fn sqlite() {
                let $s = $crate::store::fixtures::store();
                $body
            }

            #[test]
            fn postgres() {
                let Some($s) = $crate::store::fixtures::pg_store() else {
                    return;
                };
                $body
            }
        }
    };
}
pub(super) use on_both;

/// A fresh in-memory store.
pub(super) fn store() -> Store {
    Store::open_in_memory().unwrap()
}

/// A store on a fresh database of the test PostgreSQL cluster; `None` where PostgreSQL is not
/// installed.
pub(super) fn pg_store() -> Option<Store> {
    Place::postgres().map(|p| p.open())
}

/// A database that can be opened any number of times: an SQLite file in a temporary directory,
/// or a fresh database of the test PostgreSQL cluster.
pub(super) enum Place {
    /// The file `bot.db` in this directory.
    Sqlite(tempfile::TempDir),
    /// This database URL.
    Postgres(String),
}

impl Place {
    pub(super) fn sqlite() -> Place {
        Place::Sqlite(tempfile::tempdir().unwrap())
    }

    pub(super) fn postgres() -> Option<Place> {
        cluster::fresh_database().map(Place::Postgres)
    }

    /// A new store on this database.
    pub(super) fn open(&self) -> Store {
        match self {
            Place::Sqlite(dir) => Store::open(&dir.path().join("bot.db"))
                .unwrap_or_else(|e| panic!("opening the SQLite file: {e}")),
            Place::Postgres(url) => Store::open_postgres(url)
                .unwrap_or_else(|e| panic!("opening {}: {e}", super::redact(url))),
        }
    }
}

/// An `/ask` answer in guild 10 by user 7.
pub(super) fn new_answer<'a>(
    channel_id: u64,
    question: &'a str,
    payload: &'a Value,
    at: i64,
) -> NewAnswer<'a> {
    NewAnswer {
        guild_id: Some(10),
        channel_id,
        asker_id: 7,
        question,
        kind: "ask",
        payload,
        created_at: at,
    }
}

/// A pin by moderator 99 in guild 10 of a message in channel 5, linked to no answer.
pub(super) fn pin<'a>(
    message_id: Option<u64>,
    text: &'a str,
    citations: &'a Value,
    at: i64,
) -> NewCurated<'a> {
    NewCurated {
        guild_id: 10,
        answer_id: None,
        question: "how do I become a nurse?",
        answer: text,
        citations,
        pinned_by: 99,
        pinned_at: at,
        channel_id: Some(5),
        message_id,
        analysed: None,
        passages: None,
    }
}

/// The store's tables, by name.
pub(super) fn table_names(store: &Store) -> Vec<String> {
    if let Some(pg) = store.postgres() {
        return pg.table_names().unwrap();
    }
    let conn = store.lock();
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// Rows of `table`, on either engine.
pub(super) fn rows(store: &Store, table: &str) -> i64 {
    store.query_raw(&format!("SELECT COUNT(*) FROM {table}"))
}
