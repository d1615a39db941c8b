//! Answers the bot posted: recorded before posting, read back when a button is pressed.

use rusqlite::{OptionalExtension, Row, params};
use serde_json::Value;

use super::{Store, StoreError, from_sql_id, new_answer_id, normalise_question, to_sql_id};

/// Attempts at a fresh random answer id before giving up (a collision of 64-bit ids is already
/// astronomically unlikely).
pub(super) const ANSWER_ID_ATTEMPTS: usize = 4;

/// A new answer to record; see [`Store::insert_answer`].
#[derive(Debug, Clone, Copy)]
pub struct NewAnswer<'a> {
    /// The guild, or `None` in a DM.
    pub guild_id: Option<u64>,
    /// The channel the answer is posted in.
    pub channel_id: u64,
    /// Who asked.
    pub asker_id: u64,
    /// The question as asked.
    pub question: &'a str,
    /// Which command answered: `"ask"`, `"salary"`, …
    pub kind: &'a str,
    /// What was shown (hits, citations, page offset), to re-render on a button press.
    pub payload: &'a Value,
    /// When it was answered.
    pub created_at: i64,
}

/// An answer the bot posted.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// Short random id (base36, at most [`MAX_ANSWER_ID_LEN`](super::MAX_ANSWER_ID_LEN)
    /// characters) used in custom ids.
    pub answer_id: String,
    /// The guild, or `None` in a DM.
    pub guild_id: Option<u64>,
    /// The channel it was posted in.
    pub channel_id: u64,
    /// The posted message, once known.
    pub message_id: Option<u64>,
    /// Who asked.
    pub asker_id: u64,
    /// The question as asked.
    pub question: String,
    /// Which command answered.
    pub kind: String,
    /// What was shown.
    pub payload: Value,
    /// When it was answered.
    pub created_at: i64,
}

impl Store {
    /// Records an answer about to be posted and returns its new id (see
    /// [`Store::set_answer_message`] once the message exists).
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails.
    pub fn insert_answer(&self, new: &NewAnswer<'_>) -> Result<String, StoreError> {
        if let Some(pg) = self.postgres() {
            return self.noted(pg.insert_answer(new));
        }
        let payload = new.payload.to_string();
        let key = normalise_question(new.question);
        self.write(|tx| {
            let mut insert = tx.prepare_cached(
                "INSERT INTO answers (answer_id, guild_id, channel_id, message_id, asker_id,
                     question, question_key, kind, payload, created_at)
                 VALUES (?1, ?2, ?3, NULL, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?;
            let mut attempt = 0;
            loop {
                let answer_id = new_answer_id();
                let result = insert.execute(params![
                    answer_id,
                    new.guild_id.map(to_sql_id),
                    to_sql_id(new.channel_id),
                    to_sql_id(new.asker_id),
                    new.question,
                    key,
                    new.kind,
                    payload,
                    new.created_at,
                ]);
                match result {
                    Ok(_) => return Ok(answer_id),
                    Err(e) if is_primary_key_clash(&e) && attempt + 1 < ANSWER_ID_ATTEMPTS => {
                        attempt += 1;
                    }
                    Err(e) => return Err(e.into()),
                }
            }
        })
    }

    /// Notes the message an answer was posted as. Returns `false` if the answer is unknown
    /// (deleted or pruned meanwhile).
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails.
    pub fn set_answer_message(&self, answer_id: &str, message_id: u64) -> Result<bool, StoreError> {
        if let Some(pg) = self.postgres() {
            return self.noted(pg.set_answer_message(answer_id, message_id));
        }
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE answers SET message_id = ?2 WHERE answer_id = ?1",
                params![answer_id, to_sql_id(message_id)],
            )?;
            Ok(n > 0)
        })
    }

    /// Replaces an answer's payload (e.g. the page a "More results" click moved to). Returns
    /// `false` if the answer is unknown.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails.
    pub fn update_answer_payload(
        &self,
        answer_id: &str,
        payload: &Value,
    ) -> Result<bool, StoreError> {
        if let Some(pg) = self.postgres() {
            return self.noted(pg.update_answer_payload(answer_id, payload));
        }
        let text = payload.to_string();
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE answers SET payload = ?2 WHERE answer_id = ?1",
                params![answer_id, text],
            )?;
            Ok(n > 0)
        })
    }

    /// Moves an answer from kind `from` to kind `to` with a new payload, if it is still of kind
    /// `from`: one conditional write, so of two processes trying at once exactly one succeeds
    /// (e.g. an ephemeral answer posted publicly once). Returns whether this call moved it.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails.
    pub fn claim_answer(
        &self,
        answer_id: &str,
        from: &str,
        to: &str,
        payload: &Value,
    ) -> Result<bool, StoreError> {
        if let Some(pg) = self.postgres() {
            return self.noted(pg.claim_answer(answer_id, from, to, payload));
        }
        let text = payload.to_string();
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE answers SET kind = ?3, payload = ?4 WHERE answer_id = ?1 AND kind = ?2",
                params![answer_id, from, to, text],
            )?;
            Ok(n > 0)
        })
    }

    /// The answer with this id, if it is still stored.
    ///
    /// # Errors
    /// [`StoreError::Json`] if its payload is corrupt, [`StoreError::Sqlite`] if SQLite fails.
    pub fn answer(&self, answer_id: &str) -> Result<Option<Answer>, StoreError> {
        if let Some(pg) = self.postgres() {
            return pg.answer(answer_id);
        }
        self.read(|conn| {
            let raw = conn
                .prepare_cached(&format!(
                    "SELECT {ANSWER_COLUMNS} FROM answers WHERE answer_id = ?1"
                ))?
                .query_row([answer_id], RawAnswer::from_row)
                .optional()?;
            raw.map(RawAnswer::parse).transpose()
        })
    }

    /// The newest posted answer (one with a message) of the same `kind` to the same question in
    /// `channel_id` created at or after `since`, for "this was asked N minutes ago, see …".
    ///
    /// Questions match after [`normalise_question`] (case, spacing, trailing punctuation), which
    /// is applied here; an already normalised question may be passed too.
    ///
    /// # Errors
    /// [`StoreError::Json`] if that answer's payload is corrupt, [`StoreError::Sqlite`] if SQLite
    /// fails.
    pub fn recent_answer_in_channel(
        &self,
        channel_id: u64,
        kind: &str,
        question: &str,
        since: i64,
    ) -> Result<Option<Answer>, StoreError> {
        let key = normalise_question(question);
        if let Some(pg) = self.postgres() {
            return pg.recent_answer_in_channel(channel_id, kind, key, since);
        }
        self.read(|conn| {
            let raw = conn
                .prepare_cached(&format!(
                    "SELECT {ANSWER_COLUMNS} FROM answers
                     WHERE channel_id = ?1 AND kind = ?2 AND question_key = ?3
                       AND created_at >= ?4 AND message_id IS NOT NULL
                     ORDER BY created_at DESC, rowid DESC LIMIT 1"
                ))?
                .query_row(
                    params![to_sql_id(channel_id), kind, key, since],
                    RawAnswer::from_row,
                )
                .optional()?;
            raw.map(RawAnswer::parse).transpose()
        })
    }

    /// Deletes an answer and its votes (a pin of it stays, without the link). Returns whether it
    /// existed.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails.
    pub fn delete_answer(&self, answer_id: &str) -> Result<bool, StoreError> {
        if let Some(pg) = self.postgres() {
            return self.noted(pg.delete_answer(answer_id));
        }
        self.write(|tx| {
            Ok(tx.execute("DELETE FROM answers WHERE answer_id = ?1", [answer_id])? > 0)
        })
    }
}

const ANSWER_COLUMNS: &str =
    "answer_id, guild_id, channel_id, message_id, asker_id, question, kind, payload, created_at";

/// An `answers` row before its payload is parsed, so bad JSON is an error for that row only.
struct RawAnswer {
    answer: Answer,
    payload: String,
}

impl RawAnswer {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<RawAnswer> {
        Ok(RawAnswer {
            answer: Answer {
                answer_id: row.get(0)?,
                guild_id: row.get::<_, Option<i64>>(1)?.map(from_sql_id),
                channel_id: from_sql_id(row.get(2)?),
                message_id: row.get::<_, Option<i64>>(3)?.map(from_sql_id),
                asker_id: from_sql_id(row.get(4)?),
                question: row.get(5)?,
                kind: row.get(6)?,
                payload: Value::Null,
                created_at: row.get(8)?,
            },
            payload: row.get(7)?,
        })
    }

    fn parse(self) -> Result<Answer, StoreError> {
        let mut answer = self.answer;
        answer.payload =
            serde_json::from_str(&self.payload).map_err(|source| StoreError::Json {
                what: format!("answers.payload of {}", answer.answer_id),
                source,
            })?;
        Ok(answer)
    }
}

fn is_primary_key_clash(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _)
        if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::MAX_ANSWER_ID_LEN;
    use crate::store::fixtures::{new_answer, on_both, pin};
    use serde_json::json;

    on_both! {
        fn answers_round_trip(s) {
            let payload = json!({"hits": [{"file": "nurse.md", "lines": [3, 9]}], "page": 0});
            let id = s
                .insert_answer(&new_answer(5, "How do I become a nurse?", &payload, 1000))
                .unwrap();
            assert!(!id.is_empty() && id.len() <= MAX_ANSWER_ID_LEN);
            let a = s.answer(&id).unwrap().unwrap();
            assert_eq!(a.answer_id, id);
            assert_eq!(a.guild_id, Some(10));
            assert_eq!((a.channel_id, a.asker_id, a.message_id), (5, 7, None));
            assert_eq!(a.question, "How do I become a nurse?");
            assert_eq!(a.kind, "ask");
            assert_eq!(a.payload, payload);
            assert_eq!(a.created_at, 1000);

            assert!(s.set_answer_message(&id, 4242).unwrap());
            assert_eq!(s.answer(&id).unwrap().unwrap().message_id, Some(4242));
            assert!(!s.set_answer_message("nope", 1).unwrap());

            assert!(s.delete_answer(&id).unwrap());
            assert!(!s.delete_answer(&id).unwrap());
            assert_eq!(s.answer(&id).unwrap(), None);
        }
    }

    on_both! {
        fn an_answer_is_claimed_once(store) {
            let payload = json!({"hidden": true});
            let id = store
                .insert_answer(&NewAnswer {
                    kind: "ask_message",
                    ..new_answer(5, "q", &payload, 10)
                })
                .unwrap();
            let posted = json!({"hidden": false});
            assert!(store.claim_answer(&id, "ask_message", "ask_message_posted", &posted).unwrap());
            assert!(
                !store.claim_answer(&id, "ask_message", "ask_message_posted", &posted).unwrap(),
                "only once"
            );
            let a = store.answer(&id).unwrap().unwrap();
            assert_eq!((a.kind.as_str(), a.payload), ("ask_message_posted", posted.clone()));
            assert!(!store.claim_answer("nope", "ask_message", "x", &posted).unwrap());
        }
    }

    on_both! {
        fn answer_payload_can_be_replaced(store) {
            let payload = serde_json::json!({"page": 0});
            let id = store
                .insert_answer(&NewAnswer {
                    guild_id: Some(1),
                    channel_id: 2,
                    asker_id: 3,
                    question: "q",
                    kind: "ask",
                    payload: &payload,
                    created_at: 10,
                })
                .unwrap();
            assert!(
                store
                    .update_answer_payload(&id, &serde_json::json!({"page": 1}))
                    .unwrap()
            );
            assert_eq!(store.answer(&id).unwrap().unwrap().payload["page"], 1);
            assert!(!store.update_answer_payload("missing", &payload).unwrap());
        }
    }

    on_both! {
        fn recent_answer_in_channel_respects_window_channel_kind_and_posting(s) {
            let payload = json!({"page": 0});
            let old = s
                .insert_answer(&new_answer(5, "How do I become a nurse?", &payload, 100))
                .unwrap();
            s.set_answer_message(&old, 1).unwrap();
            let newer = s
                .insert_answer(&new_answer(5, "how do i  become a NURSE", &payload, 200))
                .unwrap();
            s.set_answer_message(&newer, 2).unwrap();
            // Not yet posted: never offered as "see the answer".
            s.insert_answer(&new_answer(5, "how do i become a nurse", &payload, 300))
                .unwrap();
            // Another channel and another kind do not count.
            let other = s
                .insert_answer(&new_answer(6, "how do i become a nurse", &payload, 250))
                .unwrap();
            s.set_answer_message(&other, 3).unwrap();
            let salary = s
                .insert_answer(&NewAnswer {
                    kind: "salary",
                    ..new_answer(5, "how do i become a nurse", &payload, 260)
                })
                .unwrap();
            s.set_answer_message(&salary, 4).unwrap();

            let q = "  How do I become a nurse ?? ";
            let hit = s
                .recent_answer_in_channel(5, "ask", q, 150)
                .unwrap()
                .unwrap();
            assert_eq!(hit.answer_id, newer);
            let hit = s.recent_answer_in_channel(5, "ask", q, 0).unwrap().unwrap();
            assert_eq!(hit.answer_id, newer, "the newest posted answer wins");
            assert_eq!(s.recent_answer_in_channel(5, "ask", q, 201).unwrap(), None);
            assert_eq!(
                s.recent_answer_in_channel(5, "ask", "how do I become a doctor", 0)
                    .unwrap(),
                None
            );
            assert_eq!(
                s.recent_answer_in_channel(5, "salary", q, 0)
                    .unwrap()
                    .unwrap()
                    .answer_id,
                salary
            );
            assert_eq!(
                s.recent_answer_in_channel(6, "ask", q, 0)
                    .unwrap()
                    .unwrap()
                    .answer_id,
                other
            );
            assert_eq!(s.recent_answer_in_channel(7, "ask", q, 0).unwrap(), None);
        }
    }

    on_both! {
        fn corrupt_json_is_an_error_for_that_row_only(s) {
            let payload = json!({"ok": true});
            let bad = s.insert_answer(&new_answer(5, "q", &payload, 1)).unwrap();
            let good = s.insert_answer(&new_answer(5, "r", &payload, 1)).unwrap();
            s.set_answer_message(&bad, 1).unwrap();
            s.execute_raw(&format!(
                "UPDATE answers SET payload = '{{not json' WHERE answer_id = '{bad}'"
            ));
            assert!(matches!(s.answer(&bad), Err(StoreError::Json { .. })));
            assert!(matches!(
                s.recent_answer_in_channel(5, "ask", "q", 0),
                Err(StoreError::Json { .. })
            ));
            assert_eq!(s.answer(&good).unwrap().unwrap().payload, payload);

            let citations = json!([{"file": "a.md"}]);
            let broken = s
                .pin_curated(&pin(Some(1), "broken", &citations, 1))
                .unwrap();
            s.pin_curated(&pin(Some(2), "fine", &citations, 2)).unwrap();
            s.execute_raw(&format!(
                "UPDATE curated SET citations = '[' WHERE id = {broken}"
            ));
            let list = s.curated_for_guild(10).unwrap();
            assert_eq!(list.len(), 1);
            assert_eq!(list[0].answer, "fine");
        }
    }
}
