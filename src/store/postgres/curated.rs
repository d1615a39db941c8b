//! Moderators' pins on PostgreSQL: the statements behind `curated.rs`.

use serde_json::Value;
use tokio_postgres::Row;

use super::super::curated::json_column;
use super::super::{Curated, PendingPin, PinTerms, StoreError, from_sql_id, to_sql_id};
use super::{Pg, params};

/// The columns [`curated`] reads, in its order.
macro_rules! curated_columns {
    () => {
        "id, guild_id, answer_id, question, answer, citations, pinned_by, pinned_at, channel_id,
         message_id, passages"
    };
}

/// A pin to insert, owned (see `NewCurated`).
pub(in crate::store) struct PinRow {
    pub(in crate::store) guild_id: i64,
    pub(in crate::store) answer_id: Option<String>,
    pub(in crate::store) question: String,
    pub(in crate::store) answer: String,
    pub(in crate::store) citations: String,
    pub(in crate::store) pinned_by: i64,
    pub(in crate::store) pinned_at: i64,
    pub(in crate::store) channel_id: Option<i64>,
    pub(in crate::store) message_id: Option<i64>,
    pub(in crate::store) terms: Option<String>,
    pub(in crate::store) analysis: Option<String>,
    pub(in crate::store) passages: Option<String>,
}

impl Pg {
    /// `INSERT` of a pin: pending for `owner` (skipped, `None`, when the message already has a
    /// row), or confirmed (`owner` `None`: an upsert).
    pub(in crate::store) fn insert_curated(
        &self,
        pin: PinRow,
        owner: Option<i64>,
    ) -> Result<Option<i64>, StoreError> {
        const PENDING: &str = concat!(
            "INSERT INTO curated (guild_id, answer_id, question, answer, citations, pinned_by,
                 pinned_at, channel_id, message_id, confirmed, pending_owner, terms,
                 terms_analysis, passages)
             VALUES ($1, (SELECT answer_id FROM answers WHERE answer_id = $2::text), $3, $4, $5,
                 $6, $7, $8, $9, $10, $11, $12, $13, $14)",
            " ON CONFLICT (guild_id, message_id) DO NOTHING RETURNING id"
        );
        const CONFIRMED: &str = concat!(
            "INSERT INTO curated (guild_id, answer_id, question, answer, citations, pinned_by,
                 pinned_at, channel_id, message_id, confirmed, pending_owner, terms,
                 terms_analysis, passages)
             VALUES ($1, (SELECT answer_id FROM answers WHERE answer_id = $2::text), $3, $4, $5,
                 $6, $7, $8, $9, $10, $11, $12, $13, $14)",
            " ON CONFLICT (guild_id, message_id) DO UPDATE SET
                 answer_id = excluded.answer_id, question = excluded.question,
                 answer = excluded.answer, citations = excluded.citations,
                 pinned_by = excluded.pinned_by, pinned_at = excluded.pinned_at,
                 channel_id = excluded.channel_id, terms = excluded.terms,
                 terms_analysis = excluded.terms_analysis, passages = excluded.passages,
                 confirmed = TRUE,
                 pending_owner = NULL
             RETURNING id"
        );
        let sql = if owner.is_some() { PENDING } else { CONFIRMED };
        let pool = self.pool();
        let refuse = self.refusing();
        self.block(async move {
            let mut client = pool.get().await?;
            let tx = super::begin(&mut client, refuse).await?;
            let statement = tx.prepare_cached(sql).await?;
            let row = tx
                .query_opt(
                    &statement,
                    &[
                        &pin.guild_id,
                        &pin.answer_id,
                        &pin.question,
                        &pin.answer,
                        &pin.citations,
                        &pin.pinned_by,
                        &pin.pinned_at,
                        &pin.channel_id,
                        &pin.message_id,
                        &owner.is_none(),
                        &owner,
                        &pin.terms,
                        &pin.analysis,
                        &pin.passages,
                    ],
                )
                .await?;
            tx.commit().await?;
            Ok(row.map(|r| r.get(0)))
        })
    }

    /// The pin of a message, and whether it is confirmed.
    pub(in crate::store) fn pin_of_message(
        &self,
        guild_id: u64,
        message_id: Option<u64>,
    ) -> Result<Option<(i64, bool)>, StoreError> {
        let rows = self.query(
            "SELECT id, confirmed FROM curated WHERE guild_id = $1 AND message_id = $2",
            params![to_sql_id(guild_id), message_id.map(to_sql_id)],
        )?;
        Ok(rows.first().map(|r| (r.get(0), r.get(1))))
    }

    pub(in crate::store) fn confirm_pin(&self, id: i64) -> Result<bool, StoreError> {
        let n = self.execute(
            "UPDATE curated SET confirmed = TRUE, pending_owner = NULL
             WHERE id = $1 AND NOT confirmed",
            params![id],
        )?;
        Ok(n > 0)
    }

    pub(in crate::store) fn abandon_pin(&self, id: i64) -> Result<bool, StoreError> {
        let n = self.execute(
            "DELETE FROM curated WHERE id = $1 AND NOT confirmed",
            params![id],
        )?;
        Ok(n > 0)
    }

    pub(in crate::store) fn pending_pins(
        &self,
        recorded_by: i64,
    ) -> Result<Vec<PendingPin>, StoreError> {
        let rows = self.query(
            "SELECT id, guild_id, channel_id, message_id, pending_owner, pinned_at
             FROM curated WHERE NOT confirmed AND pinned_at <= $1
             ORDER BY pinned_at, id",
            params![recorded_by],
        )?;
        Ok(rows
            .iter()
            .map(|row| PendingPin {
                id: row.get(0),
                guild_id: from_sql_id(row.get(1)),
                channel_id: row.get::<_, Option<i64>>(2).map(from_sql_id),
                message_id: row.get::<_, Option<i64>>(3).map(from_sql_id),
                owner: row.get::<_, Option<i64>>(4).map(from_sql_id),
                pinned_at: row.get(5),
            })
            .collect())
    }

    pub(in crate::store) fn curated_version(&self) -> Result<i64, StoreError> {
        let rows = self.query(
            "SELECT value FROM counters WHERE name = 'curated'",
            params![],
        )?;
        Ok(rows.first().map_or(0, |r| r.get(0)))
    }

    pub(in crate::store) fn pin_terms_for_guild(
        &self,
        guild_id: u64,
        analysis: &str,
    ) -> Result<Vec<PinTerms>, StoreError> {
        let rows = self.query(
            "SELECT id, question, terms, terms_analysis, passages FROM curated
             WHERE guild_id = $1 AND confirmed ORDER BY pinned_at DESC, id DESC",
            params![to_sql_id(guild_id)],
        )?;
        Ok(rows
            .iter()
            .map(|row| {
                let terms: Option<String> = row.get(2);
                let made_by: Option<String> = row.get(3);
                PinTerms {
                    id: row.get(0),
                    question: row.get(1),
                    terms: terms
                        .filter(|_| made_by.as_deref() == Some(analysis))
                        .and_then(|t| serde_json::from_str(&t).ok()),
                    passages: json_column(row.get(4)),
                }
            })
            .collect())
    }

    pub(in crate::store) fn curated_pin(
        &self,
        guild_id: u64,
        id: i64,
    ) -> Result<Option<Curated>, StoreError> {
        let rows = self.query(
            concat!(
                "SELECT ",
                curated_columns!(),
                " FROM curated WHERE guild_id = $1 AND id = $2 AND confirmed"
            ),
            params![to_sql_id(guild_id), id],
        )?;
        Ok(rows.first().and_then(curated))
    }

    pub(in crate::store) fn curated_for_guild(
        &self,
        guild_id: u64,
    ) -> Result<Vec<Curated>, StoreError> {
        let rows = self.query(
            concat!(
                "SELECT ",
                curated_columns!(),
                " FROM curated WHERE guild_id = $1 AND confirmed
                 ORDER BY pinned_at DESC, id DESC"
            ),
            params![to_sql_id(guild_id)],
        )?;
        Ok(rows.iter().filter_map(curated).collect())
    }

    pub(in crate::store) fn unpin_curated(
        &self,
        guild_id: u64,
        id: i64,
    ) -> Result<bool, StoreError> {
        let n = self.execute(
            "DELETE FROM curated WHERE guild_id = $1 AND id = $2",
            params![to_sql_id(guild_id), id],
        )?;
        Ok(n > 0)
    }

    pub(in crate::store) fn unpin_by_message(
        &self,
        guild_id: u64,
        message_id: u64,
    ) -> Result<bool, StoreError> {
        let n = self.execute(
            "DELETE FROM curated WHERE guild_id = $1 AND message_id = $2",
            params![to_sql_id(guild_id), to_sql_id(message_id)],
        )?;
        Ok(n > 0)
    }
}

/// A `curated` row of `curated_columns!()`, or `None` (logged) when its citations are corrupt.
fn curated(row: &Row) -> Option<Curated> {
    let id: i64 = row.get(0);
    let citations: String = row.get(5);
    let citations: Value = match serde_json::from_str(&citations) {
        Ok(value) => value,
        Err(error) => {
            tracing::warn!(id, %error, "curated row has corrupt citations; skipped");
            return None;
        }
    };
    Some(Curated {
        id,
        guild_id: from_sql_id(row.get(1)),
        answer_id: row.get(2),
        question: row.get(3),
        answer: row.get(4),
        citations,
        pinned_by: from_sql_id(row.get(6)),
        pinned_at: row.get(7),
        channel_id: row.get::<_, Option<i64>>(8).map(from_sql_id),
        message_id: row.get::<_, Option<i64>>(9).map(from_sql_id),
        passages: json_column(row.get(10)),
    })
}
