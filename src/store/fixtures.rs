//! Fixtures shared by the store's unit tests.

use serde_json::Value;

use super::{NewAnswer, NewCurated, Store};

/// A fresh in-memory store.
pub(super) fn store() -> Store {
    Store::open_in_memory().unwrap()
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
    }
}

/// The store's tables, by name.
pub(super) fn table_names(store: &Store) -> Vec<String> {
    let conn = store.lock();
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}
