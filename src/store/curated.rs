//! Curated answers: the answers moderators pinned for their guild, and unpinning them.

use rusqlite::params;
use serde_json::Value;

use super::{Store, StoreError, from_sql_id, to_sql_id};

/// A moderator's pin; see [`Store::pin_curated`].
#[derive(Debug, Clone, Copy)]
pub struct NewCurated<'a> {
    /// The guild the pin belongs to.
    pub guild_id: u64,
    /// The bot answer pinned, if any; kept only while that answer exists.
    pub answer_id: Option<&'a str>,
    /// The question it answers.
    pub question: &'a str,
    /// The text shown.
    pub answer: &'a str,
    /// The citations shown with it.
    pub citations: &'a Value,
    /// The moderator.
    pub pinned_by: u64,
    /// When.
    pub pinned_at: i64,
    /// The channel of the pinned message.
    pub channel_id: Option<u64>,
    /// The pinned message; pinning the same message again updates the one pin.
    pub message_id: Option<u64>,
}

/// A moderator-curated answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Curated {
    /// Row id, for unpinning.
    pub id: i64,
    /// The guild.
    pub guild_id: u64,
    /// The bot answer pinned; `None` if it was a hand-written pin or the answer was pruned.
    pub answer_id: Option<String>,
    /// The question it answers.
    pub question: String,
    /// The text shown.
    pub answer: String,
    /// The citations shown with it.
    pub citations: Value,
    /// The moderator.
    pub pinned_by: u64,
    /// When (the latest pin of the same message).
    pub pinned_at: i64,
    /// The channel of the pinned message.
    pub channel_id: Option<u64>,
    /// The pinned message.
    pub message_id: Option<u64>,
}

impl Store {
    /// Pins a curated answer for a guild and returns its id. Pinning a message that is already
    /// pinned in that guild updates the one pin (text, citations, moderator, time) instead of
    /// adding another. An `answer_id` that no longer exists is stored as `None`.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails.
    pub fn pin_curated(&self, new: &NewCurated<'_>) -> Result<i64, StoreError> {
        let citations = new.citations.to_string();
        self.write(|tx| {
            let id = tx.query_row(
                "INSERT INTO curated (guild_id, answer_id, question, answer, citations, pinned_by,
                     pinned_at, channel_id, message_id)
                 VALUES (?1, (SELECT answer_id FROM answers WHERE answer_id = ?2),
                     ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT (guild_id, message_id) DO UPDATE SET
                     answer_id = excluded.answer_id, question = excluded.question,
                     answer = excluded.answer, citations = excluded.citations,
                     pinned_by = excluded.pinned_by, pinned_at = excluded.pinned_at,
                     channel_id = excluded.channel_id
                 RETURNING id",
                params![
                    to_sql_id(new.guild_id),
                    new.answer_id,
                    new.question,
                    new.answer,
                    citations,
                    to_sql_id(new.pinned_by),
                    new.pinned_at,
                    new.channel_id.map(to_sql_id),
                    new.message_id.map(to_sql_id),
                ],
                |row| row.get(0),
            )?;
            Ok(id)
        })
    }

    /// The guild's curated answers, newest pin first. A row with corrupt citations is logged and
    /// left out rather than hiding the others.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails.
    pub fn curated_for_guild(&self, guild_id: u64) -> Result<Vec<Curated>, StoreError> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT id, guild_id, answer_id, question, answer, citations, pinned_by,
                        pinned_at, channel_id, message_id
                 FROM curated WHERE guild_id = ?1 ORDER BY pinned_at DESC, id DESC",
            )?;
            let rows = stmt.query_map([to_sql_id(guild_id)], |row| {
                let citations: String = row.get(5)?;
                Ok((
                    Curated {
                        id: row.get(0)?,
                        guild_id: from_sql_id(row.get(1)?),
                        answer_id: row.get(2)?,
                        question: row.get(3)?,
                        answer: row.get(4)?,
                        citations: Value::Null,
                        pinned_by: from_sql_id(row.get(6)?),
                        pinned_at: row.get(7)?,
                        channel_id: row.get::<_, Option<i64>>(8)?.map(from_sql_id),
                        message_id: row.get::<_, Option<i64>>(9)?.map(from_sql_id),
                    },
                    citations,
                ))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let (mut curated, citations) = row?;
                match serde_json::from_str(&citations) {
                    Ok(value) => {
                        curated.citations = value;
                        out.push(curated);
                    }
                    Err(error) => {
                        tracing::warn!(id = curated.id, %error, "curated row has corrupt citations; skipped");
                    }
                }
            }
            Ok(out)
        })
    }

    /// Removes the pin `id` of `guild_id`. Returns whether it existed (in that guild).
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails.
    pub fn unpin_curated(&self, guild_id: u64, id: i64) -> Result<bool, StoreError> {
        self.write(|tx| {
            let n = tx.execute(
                "DELETE FROM curated WHERE guild_id = ?1 AND id = ?2",
                params![to_sql_id(guild_id), id],
            )?;
            Ok(n > 0)
        })
    }

    /// Removes the pin of message `message_id` in `guild_id`. Returns whether there was one.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails.
    pub fn unpin_by_message(&self, guild_id: u64, message_id: u64) -> Result<bool, StoreError> {
        self.write(|tx| {
            let n = tx.execute(
                "DELETE FROM curated WHERE guild_id = ?1 AND message_id = ?2",
                params![to_sql_id(guild_id), to_sql_id(message_id)],
            )?;
            Ok(n > 0)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fixtures::{new_answer, pin, store};
    use serde_json::json;

    #[test]
    fn pins_are_idempotent_per_message_newest_first_and_unpinnable() {
        let s = store();
        let payload = json!({});
        let answer_id = s.insert_answer(&new_answer(5, "q", &payload, 1)).unwrap();
        let c1 = json!([{"file": "nurse.md", "lines": [1, 4]}]);
        let c2 = json!([{"file": "nurse.md", "lines": [5, 8]}]);

        let first = s
            .pin_curated(&NewCurated {
                answer_id: Some(&answer_id),
                ..pin(Some(500), "v1", &c1, 10)
            })
            .unwrap();
        let again = s
            .pin_curated(&NewCurated {
                answer_id: Some(&answer_id),
                ..pin(Some(500), "v2", &c2, 20)
            })
            .unwrap();
        assert_eq!(first, again, "pinning the same message twice keeps one row");
        let other = s.pin_curated(&pin(Some(501), "other", &c1, 15)).unwrap();
        // Hand-written pins without a message are separate rows.
        let manual_a = s.pin_curated(&pin(None, "manual a", &c1, 5)).unwrap();
        let manual_b = s.pin_curated(&pin(None, "manual b", &c1, 5)).unwrap();
        assert_ne!(manual_a, manual_b);
        // Another guild's pin of the same message id is its own row.
        let elsewhere = s
            .pin_curated(&NewCurated {
                guild_id: 11,
                ..pin(Some(500), "elsewhere", &c1, 30)
            })
            .unwrap();
        assert_ne!(elsewhere, first);

        let list = s.curated_for_guild(10).unwrap();
        let ids: Vec<i64> = list.iter().map(|c| c.id).collect();
        assert_eq!(ids, [first, other, manual_b, manual_a]);
        let top = &list[0];
        assert_eq!(top.answer, "v2");
        assert_eq!(top.citations, c2);
        assert_eq!(top.pinned_at, 20);
        assert_eq!(top.answer_id.as_deref(), Some(answer_id.as_str()));
        assert_eq!(
            (top.channel_id, top.message_id, top.pinned_by),
            (Some(5), Some(500), 99)
        );

        // A pin naming an answer that is gone keeps no dangling link.
        let ghost = s
            .pin_curated(&NewCurated {
                answer_id: Some("gone"),
                ..pin(Some(502), "ghost", &c1, 1)
            })
            .unwrap();
        let g = s
            .curated_for_guild(10)
            .unwrap()
            .into_iter()
            .find(|c| c.id == ghost)
            .unwrap();
        assert_eq!(g.answer_id, None);

        assert!(
            !s.unpin_curated(11, other).unwrap(),
            "only the owning guild may unpin"
        );
        assert!(s.unpin_curated(10, other).unwrap());
        assert!(!s.unpin_curated(10, other).unwrap());
        assert!(s.unpin_by_message(10, 500).unwrap());
        assert!(!s.unpin_by_message(10, 500).unwrap());
        assert_eq!(s.curated_for_guild(11).unwrap().len(), 1);
        let left: Vec<i64> = s
            .curated_for_guild(10)
            .unwrap()
            .iter()
            .map(|c| c.id)
            .collect();
        assert_eq!(left, [manual_b, manual_a, ghost]);
    }
}
