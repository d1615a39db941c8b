//! Curated answers: the answers moderators pinned for their guild, the two steps of recording a
//! pin (pending, then confirmed once Discord pinned the message), and unpinning them.

use rusqlite::{OptionalExtension, Row, params};
use serde_json::Value;

use super::postgres::PinRow;
use super::{Store, StoreError, from_sql_id, to_sql_id};

/// A moderator's pin; see [`Store::pin_curated`] and [`Store::begin_pin`].
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
    /// The question's distinct terms, and the fingerprint of the analysis that made them, kept
    /// so matching questions to pins never analyses a pin again (see [`PinTerms`]).
    pub analysed: Option<(&'a str, &'a [String])>,
    /// What the pinned answer was drawn from (its passages, career and intent), when known;
    /// kept as given (see `discord::pin_matcher::PinSources`).
    pub passages: Option<&'a Value>,
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
    /// What the pinned answer was drawn from, when it was kept (and readable).
    pub passages: Option<Value>,
}

/// How recording a pin began; see [`Store::begin_pin`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinStart {
    /// Recorded as pending under this id: pin the message, then [`Store::confirm_pin`] (or
    /// [`Store::abandon_pin`] if pinning failed).
    Pending(i64),
    /// The message already has a confirmed pin, this one: pinning it again only refreshes it.
    Pinned(i64),
    /// Another pin of the message is pending (another moderator, another replica, or a process
    /// that died mid-pin and awaits repair).
    InProgress,
}

/// A pin recorded as pending and not yet confirmed; see [`Store::pending_pins`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingPin {
    /// Row id.
    pub id: i64,
    /// The guild.
    pub guild_id: u64,
    /// The channel of the message.
    pub channel_id: Option<u64>,
    /// The message.
    pub message_id: Option<u64>,
    /// The process that recorded it (its own random id).
    pub owner: Option<u64>,
    /// When it was recorded.
    pub pinned_at: i64,
}

/// A confirmed pin's question and, when kept, its analysed terms; see
/// [`Store::pin_terms_for_guild`].
#[derive(Debug, Clone, PartialEq)]
pub struct PinTerms {
    /// Row id.
    pub id: i64,
    /// The question.
    pub question: String,
    /// Its distinct terms, when they were kept and made by the analysis the caller asked for;
    /// `None` means the question must be analysed again.
    pub terms: Option<Vec<String>>,
    /// What the pinned answer was drawn from, when it was kept (and readable).
    pub passages: Option<Value>,
}

const CURATED_COLUMNS: &str = "id, guild_id, answer_id, question, answer, citations, pinned_by,
     pinned_at, channel_id, message_id, passages";

impl Store {
    /// Pins a curated answer for a guild, confirmed at once, and returns its id. Pinning a
    /// message that already has a pin in that guild updates the one pin (text, citations,
    /// moderator, time; a pending one becomes confirmed) instead of adding another. An
    /// `answer_id` that no longer exists is stored as `None`.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails.
    pub fn pin_curated(&self, new: &NewCurated<'_>) -> Result<i64, StoreError> {
        self.insert_curated(new, None)?
            .ok_or_else(|| StoreError::Sqlite(rusqlite::Error::QueryReturnedNoRows))
    }

    /// Records a pin as pending, owned by the process `owner`, before the message is pinned on
    /// Discord; nothing shows it (no list, no matching) until [`Store::confirm_pin`].
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails: nothing is recorded then.
    pub fn begin_pin(&self, new: &NewCurated<'_>, owner: u64) -> Result<PinStart, StoreError> {
        if let Some(id) = self.insert_curated(new, Some(owner))? {
            return Ok(PinStart::Pending(id));
        }
        let existing: Option<(i64, bool)> = if let Some(pg) = self.postgres() {
            pg.pin_of_message(new.guild_id, new.message_id)?
        } else {
            self.read(|conn| {
                Ok(conn
                    .prepare_cached(
                        "SELECT id, confirmed FROM curated WHERE guild_id = ?1 AND message_id = ?2",
                    )?
                    .query_row(
                        params![to_sql_id(new.guild_id), new.message_id.map(to_sql_id)],
                        |row| Ok((row.get(0)?, row.get(1)?)),
                    )
                    .optional()?)
            })?
        };
        Ok(match existing {
            Some((id, true)) => PinStart::Pinned(id),
            _ => PinStart::InProgress,
        })
    }

    /// `INSERT` of a pin: pending for `owner` (skipped, `None`, when the message already has a
    /// row), or confirmed (`owner` `None`: an upsert).
    fn insert_curated(
        &self,
        new: &NewCurated<'_>,
        owner: Option<u64>,
    ) -> Result<Option<i64>, StoreError> {
        let citations = new.citations.to_string();
        let passages = new.passages.map(Value::to_string);
        let (analysis, terms) = match new.analysed {
            Some((fingerprint, terms)) => (
                Some(fingerprint),
                Some(
                    serde_json::to_string(terms).map_err(|source| StoreError::Json {
                        what: "curated.terms".into(),
                        source,
                    })?,
                ),
            ),
            None => (None, None),
        };
        if let Some(pg) = self.postgres() {
            let row = PinRow {
                guild_id: to_sql_id(new.guild_id),
                answer_id: new.answer_id.map(str::to_string),
                question: new.question.to_string(),
                answer: new.answer.to_string(),
                citations,
                pinned_by: to_sql_id(new.pinned_by),
                pinned_at: new.pinned_at,
                channel_id: new.channel_id.map(to_sql_id),
                message_id: new.message_id.map(to_sql_id),
                terms,
                analysis: analysis.map(str::to_string),
                passages,
            };
            return self.noted(pg.insert_curated(row, owner.map(to_sql_id)));
        }
        let on_conflict = if owner.is_some() {
            "ON CONFLICT (guild_id, message_id) DO NOTHING"
        } else {
            "ON CONFLICT (guild_id, message_id) DO UPDATE SET
                 answer_id = excluded.answer_id, question = excluded.question,
                 answer = excluded.answer, citations = excluded.citations,
                 pinned_by = excluded.pinned_by, pinned_at = excluded.pinned_at,
                 channel_id = excluded.channel_id, terms = excluded.terms,
                 terms_analysis = excluded.terms_analysis, passages = excluded.passages,
                 confirmed = 1, pending_owner = NULL"
        };
        self.write(|tx| {
            let id = tx
                .prepare_cached(&format!(
                    "INSERT INTO curated (guild_id, answer_id, question, answer, citations,
                         pinned_by, pinned_at, channel_id, message_id, confirmed, pending_owner,
                         terms, terms_analysis, passages)
                     VALUES (?1, (SELECT answer_id FROM answers WHERE answer_id = ?2),
                         ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
                     {on_conflict}
                     RETURNING id"
                ))?
                .query_row(
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
                        owner.is_none(),
                        owner.map(to_sql_id),
                        terms,
                        analysis,
                        passages,
                    ],
                    |row| row.get(0),
                )
                .optional()?;
            Ok(id)
        })
    }

    /// Confirms the pending pin `id` once its message is pinned on Discord. Returns `false` when
    /// it is no longer pending (abandoned or repaired meanwhile): the caller should then undo
    /// the pin on Discord.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails: the pin stays pending.
    pub fn confirm_pin(&self, id: i64) -> Result<bool, StoreError> {
        if let Some(pg) = self.postgres() {
            return self.noted(pg.confirm_pin(id));
        }
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE curated SET confirmed = 1, pending_owner = NULL
                 WHERE id = ?1 AND confirmed = 0",
                [id],
            )?;
            Ok(n > 0)
        })
    }

    /// Forgets the pending pin `id` (its message was not pinned, or was unpinned again). Returns
    /// whether it was still pending; a confirmed pin is left alone.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails: the pin stays pending.
    pub fn abandon_pin(&self, id: i64) -> Result<bool, StoreError> {
        if let Some(pg) = self.postgres() {
            return self.noted(pg.abandon_pin(id));
        }
        self.write(|tx| {
            let n = tx.execute("DELETE FROM curated WHERE id = ?1 AND confirmed = 0", [id])?;
            Ok(n > 0)
        })
    }

    /// Pins recorded as pending at or before `recorded_by` (unix seconds), oldest first: those
    /// a repair looks at.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails.
    pub fn pending_pins(&self, recorded_by: i64) -> Result<Vec<PendingPin>, StoreError> {
        if let Some(pg) = self.postgres() {
            return pg.pending_pins(recorded_by);
        }
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT id, guild_id, channel_id, message_id, pending_owner, pinned_at
                 FROM curated WHERE confirmed = 0 AND pinned_at <= ?1
                 ORDER BY pinned_at, id",
            )?;
            let rows = stmt.query_map([recorded_by], |row| {
                Ok(PendingPin {
                    id: row.get(0)?,
                    guild_id: from_sql_id(row.get(1)?),
                    channel_id: row.get::<_, Option<i64>>(2)?.map(from_sql_id),
                    message_id: row.get::<_, Option<i64>>(3)?.map(from_sql_id),
                    owner: row.get::<_, Option<i64>>(4)?.map(from_sql_id),
                    pinned_at: row.get(5)?,
                })
            })?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
    }

    /// A number that changes whenever any pin is added, changed or removed (in any process), so
    /// pins kept in memory can be checked for staleness with one small read.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails.
    pub fn curated_version(&self) -> Result<i64, StoreError> {
        if let Some(pg) = self.postgres() {
            return pg.curated_version();
        }
        self.read(|conn| {
            Ok(conn
                .prepare_cached("SELECT value FROM counters WHERE name = 'curated'")?
                .query_row([], |row| row.get(0))?)
        })
    }

    /// The guild's confirmed pins' questions and kept terms, newest pin first (the order
    /// [`Store::curated_for_guild`] lists them in). Terms are given only when they were made by
    /// the analysis whose fingerprint is `analysis`; otherwise the question must be analysed
    /// again.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails.
    pub fn pin_terms_for_guild(
        &self,
        guild_id: u64,
        analysis: &str,
    ) -> Result<Vec<PinTerms>, StoreError> {
        if let Some(pg) = self.postgres() {
            return pg.pin_terms_for_guild(guild_id, analysis);
        }
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT id, question, terms, terms_analysis, passages FROM curated
                 WHERE guild_id = ?1 AND confirmed = 1 ORDER BY pinned_at DESC, id DESC",
            )?;
            let rows = stmt.query_map([to_sql_id(guild_id)], |row| {
                let terms: Option<String> = row.get(2)?;
                let made_by: Option<String> = row.get(3)?;
                Ok(PinTerms {
                    id: row.get(0)?,
                    question: row.get(1)?,
                    terms: terms
                        .filter(|_| made_by.as_deref() == Some(analysis))
                        .and_then(|t| serde_json::from_str(&t).ok()),
                    passages: json_column(row.get(4)?),
                })
            })?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
    }

    /// The confirmed pin `id` of `guild_id`, if it exists (and its citations are readable).
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails.
    pub fn curated_pin(&self, guild_id: u64, id: i64) -> Result<Option<Curated>, StoreError> {
        if let Some(pg) = self.postgres() {
            return pg.curated_pin(guild_id, id);
        }
        self.read(|conn| {
            let raw = conn
                .prepare_cached(&format!(
                    "SELECT {CURATED_COLUMNS} FROM curated
                     WHERE guild_id = ?1 AND id = ?2 AND confirmed = 1"
                ))?
                .query_row(params![to_sql_id(guild_id), id], raw_curated)
                .optional()?;
            Ok(raw.and_then(parse_curated))
        })
    }

    /// The guild's confirmed curated answers, newest pin first. A row with corrupt citations is
    /// logged and left out rather than hiding the others.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails.
    pub fn curated_for_guild(&self, guild_id: u64) -> Result<Vec<Curated>, StoreError> {
        if let Some(pg) = self.postgres() {
            return pg.curated_for_guild(guild_id);
        }
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT {CURATED_COLUMNS} FROM curated WHERE guild_id = ?1 AND confirmed = 1
                 ORDER BY pinned_at DESC, id DESC"
            ))?;
            let rows = stmt.query_map([to_sql_id(guild_id)], raw_curated)?;
            let mut out = Vec::new();
            for row in rows {
                out.extend(parse_curated(row?));
            }
            Ok(out)
        })
    }

    /// Removes the pin `id` of `guild_id`. Returns whether it existed (in that guild).
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails.
    pub fn unpin_curated(&self, guild_id: u64, id: i64) -> Result<bool, StoreError> {
        if let Some(pg) = self.postgres() {
            return self.noted(pg.unpin_curated(guild_id, id));
        }
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
        if let Some(pg) = self.postgres() {
            return self.noted(pg.unpin_by_message(guild_id, message_id));
        }
        self.write(|tx| {
            let n = tx.execute(
                "DELETE FROM curated WHERE guild_id = ?1 AND message_id = ?2",
                params![to_sql_id(guild_id), to_sql_id(message_id)],
            )?;
            Ok(n > 0)
        })
    }
}

/// A `curated` row of [`CURATED_COLUMNS`], its citations still text.
fn raw_curated(row: &Row<'_>) -> rusqlite::Result<(Curated, String)> {
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
            passages: json_column(row.get(10)?),
        },
        row.get(5)?,
    ))
}

/// A JSON column that may be empty; unreadable JSON is left out (logged): the pin then matches
/// by its words only.
pub(super) fn json_column(text: Option<String>) -> Option<Value> {
    let text = text?;
    match serde_json::from_str(&text) {
        Ok(value) => Some(value),
        Err(error) => {
            tracing::warn!(%error, "curated row has a corrupt passages column; ignored");
            None
        }
    }
}

/// The row with its citations parsed, or `None` (logged) when they are corrupt.
fn parse_curated((mut curated, citations): (Curated, String)) -> Option<Curated> {
    match serde_json::from_str(&citations) {
        Ok(value) => {
            curated.citations = value;
            Some(curated)
        }
        Err(error) => {
            tracing::warn!(id = curated.id, %error, "curated row has corrupt citations; skipped");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fixtures::{new_answer, on_both, pin};
    use serde_json::json;

    on_both! {
        fn pins_are_idempotent_per_message_newest_first_and_unpinnable(s) {
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

    on_both! {
        fn a_pin_is_invisible_until_confirmed_and_gone_when_abandoned(s) {
            let c = json!([]);
            let before = s.curated_version().unwrap();
            let start = s.begin_pin(&pin(Some(600), "pending", &c, 10), 42).unwrap();
            let PinStart::Pending(id) = start else {
                panic!("{start:?}")
            };
            assert!(
                s.curated_version().unwrap() > before,
                "every change moves the version"
            );
            assert!(
                s.curated_for_guild(10).unwrap().is_empty(),
                "pending pins are not listed"
            );
            assert!(s.pin_terms_for_guild(10, "a").unwrap().is_empty());
            assert_eq!(s.curated_pin(10, id).unwrap(), None);
            assert_eq!(
                s.pending_pins(10).unwrap(),
                [PendingPin {
                    id,
                    guild_id: 10,
                    channel_id: Some(5),
                    message_id: Some(600),
                    owner: Some(42),
                    pinned_at: 10,
                }]
            );
            assert!(
                s.pending_pins(9).unwrap().is_empty(),
                "recorded after the cutoff"
            );
            // A second pin of the same message while one is pending does not start another.
            assert_eq!(
                s.begin_pin(&pin(Some(600), "again", &c, 11), 43).unwrap(),
                PinStart::InProgress
            );
            assert!(s.confirm_pin(id).unwrap());
            assert!(!s.confirm_pin(id).unwrap(), "already confirmed");
            assert!(
                !s.abandon_pin(id).unwrap(),
                "a confirmed pin is never abandoned"
            );
            assert_eq!(s.curated_pin(10, id).unwrap().unwrap().answer, "pending");
            assert!(s.pending_pins(i64::MAX).unwrap().is_empty());
            // Pinning a confirmed message again is a refresh, not a new pending pin.
            assert_eq!(
                s.begin_pin(&pin(Some(600), "again", &c, 12), 43).unwrap(),
                PinStart::Pinned(id)
            );

            let PinStart::Pending(other) = s.begin_pin(&pin(Some(601), "no", &c, 13), 42).unwrap()
            else {
                panic!("a new message starts a pending pin")
            };
            assert!(s.abandon_pin(other).unwrap());
            assert!(
                !s.confirm_pin(other).unwrap(),
                "an abandoned pin cannot be confirmed"
            );
            assert_eq!(s.curated_for_guild(10).unwrap().len(), 1);
        }
    }

    on_both! {
        fn pins_keep_their_terms_for_the_analysis_that_made_them(s) {
            let c = json!([]);
            let terms = vec!["nurs".to_string(), "becom".to_string()];
            let kept = s
                .pin_curated(&NewCurated {
                    analysed: Some(("fp1", &terms)),
                    ..pin(Some(1), "kept", &c, 2)
                })
                .unwrap();
            let bare = s.pin_curated(&pin(Some(2), "bare", &c, 1)).unwrap();
            let got = s.pin_terms_for_guild(10, "fp1").unwrap();
            assert_eq!(
                got,
                [
                    PinTerms {
                        id: kept,
                        question: "how do I become a nurse?".into(),
                        terms: Some(terms.clone()),
                        passages: None,
                    },
                    PinTerms {
                        id: bare,
                        question: "how do I become a nurse?".into(),
                        terms: None,
                        passages: None,
                    },
                ]
            );
            // Another analysis (a changed synonym table): the terms must be made again.
            assert!(
                s.pin_terms_for_guild(10, "fp2")
                    .unwrap()
                    .iter()
                    .all(|p| p.terms.is_none())
            );
        }
    }

    on_both! {
        fn pins_keep_what_their_answer_was_drawn_from(s) {
            let c = json!([]);
            let drawn = json!({"career": "Electrician", "intent": "salary", "passages": [
                {"source": "e.md", "start_line": 3, "end_line": 9, "hash": "00ff00ff00ff00ff"}
            ]});
            let id = s
                .pin_curated(&NewCurated {
                    passages: Some(&drawn),
                    ..pin(Some(7), "kept", &c, 2)
                })
                .unwrap();
            let bare = s.pin_curated(&pin(Some(8), "bare", &c, 1)).unwrap();
            assert_eq!(s.curated_pin(10, id).unwrap().unwrap().passages, Some(drawn.clone()));
            assert_eq!(s.curated_pin(10, bare).unwrap().unwrap().passages, None);
            let listed: Vec<Option<Value>> =
                s.curated_for_guild(10).unwrap().into_iter().map(|c| c.passages).collect();
            assert_eq!(listed, [Some(drawn.clone()), None]);
            let terms: Vec<Option<Value>> = s
                .pin_terms_for_guild(10, "a")
                .unwrap()
                .into_iter()
                .map(|p| p.passages)
                .collect();
            assert_eq!(terms, [Some(drawn), None]);
            // Pinning the message again replaces what it was drawn from.
            s.pin_curated(&pin(Some(7), "again", &c, 3)).unwrap();
            assert_eq!(s.curated_pin(10, id).unwrap().unwrap().passages, None);
        }
    }
}
