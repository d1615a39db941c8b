//! Answers, votes and the batch writer's records on PostgreSQL: the statements behind
//! `answers.rs`, `feedback.rs` and `writer.rs`.

use std::collections::HashMap;

use serde_json::Value;
use tokio_postgres::Row;

use super::super::answers::ANSWER_ID_ATTEMPTS;
use super::super::{
    Answer, NewAnswer, Record, StoreError, count, from_sql_id, new_answer_id, normalise_question,
    to_sql_id,
};
use super::{Pg, begin, params};

/// The columns [`parse_answer`] reads, in its order.
macro_rules! answer_columns {
    () => {
        "answer_id, guild_id, channel_id, message_id, asker_id, question, kind, payload, created_at"
    };
}

impl Pg {
    pub(in crate::store) fn insert_answer(
        &self,
        new: &NewAnswer<'_>,
    ) -> Result<String, StoreError> {
        let values = (
            new.guild_id.map(to_sql_id),
            to_sql_id(new.channel_id),
            to_sql_id(new.asker_id),
            new.question.to_string(),
            normalise_question(new.question),
            new.kind.to_string(),
            new.payload.to_string(),
            new.created_at,
        );
        let pool = self.pool();
        let refuse = self.refusing();
        self.block(async move {
            let (guild, channel, asker, question, key, kind, payload, at) = values;
            let mut client = pool.get().await?;
            let tx = begin(&mut client, refuse).await?;
            let insert = tx
                .prepare_cached(
                    "INSERT INTO answers (answer_id, guild_id, channel_id, message_id, asker_id,
                         question, question_key, kind, payload, created_at)
                     VALUES ($1, $2, $3, NULL, $4, $5, $6, $7, $8, $9)
                     ON CONFLICT (answer_id) DO NOTHING
                     RETURNING answer_id",
                )
                .await?;
            for _ in 0..ANSWER_ID_ATTEMPTS {
                let answer_id = new_answer_id();
                let row = tx
                    .query_opt(
                        &insert,
                        &[
                            &answer_id, &guild, &channel, &asker, &question, &key, &kind, &payload,
                            &at,
                        ],
                    )
                    .await?;
                if row.is_some() {
                    tx.commit().await?;
                    return Ok(answer_id);
                }
            }
            Err(StoreError::Postgres {
                message: "no free answer id".into(),
                sqlstate: Some("23505".into()),
            })
        })
    }

    pub(in crate::store) fn set_answer_message(
        &self,
        answer_id: &str,
        message_id: u64,
    ) -> Result<bool, StoreError> {
        let n = self.execute(
            "UPDATE answers SET message_id = $2 WHERE answer_id = $1",
            params![answer_id.to_string(), to_sql_id(message_id)],
        )?;
        Ok(n > 0)
    }

    pub(in crate::store) fn update_answer_payload(
        &self,
        answer_id: &str,
        payload: &Value,
    ) -> Result<bool, StoreError> {
        let n = self.execute(
            "UPDATE answers SET payload = $2 WHERE answer_id = $1",
            params![answer_id.to_string(), payload.to_string()],
        )?;
        Ok(n > 0)
    }

    pub(in crate::store) fn claim_answer(
        &self,
        answer_id: &str,
        from: &str,
        to: &str,
        payload: &Value,
    ) -> Result<bool, StoreError> {
        let n = self.execute(
            "UPDATE answers SET kind = $3, payload = $4 WHERE answer_id = $1 AND kind = $2",
            params![
                answer_id.to_string(),
                from.to_string(),
                to.to_string(),
                payload.to_string()
            ],
        )?;
        Ok(n > 0)
    }

    pub(in crate::store) fn answer(&self, answer_id: &str) -> Result<Option<Answer>, StoreError> {
        let rows = self.query(
            concat!(
                "SELECT ",
                answer_columns!(),
                " FROM answers WHERE answer_id = $1"
            ),
            params![answer_id.to_string()],
        )?;
        rows.first().map(parse_answer).transpose()
    }

    pub(in crate::store) fn recent_answer_in_channel(
        &self,
        channel_id: u64,
        kind: &str,
        key: String,
        since: i64,
    ) -> Result<Option<Answer>, StoreError> {
        let rows = self.query(
            concat!(
                "SELECT ",
                answer_columns!(),
                " FROM answers
             WHERE channel_id = $1 AND kind = $2 AND question_key = $3
               AND created_at >= $4 AND message_id IS NOT NULL
             ORDER BY created_at DESC, seq DESC LIMIT 1"
            ),
            params![to_sql_id(channel_id), kind.to_string(), key, since],
        )?;
        rows.first().map(parse_answer).transpose()
    }

    pub(in crate::store) fn delete_answer(&self, answer_id: &str) -> Result<bool, StoreError> {
        let n = self.execute(
            "DELETE FROM answers WHERE answer_id = $1",
            params![answer_id.to_string()],
        )?;
        Ok(n > 0)
    }

    pub(in crate::store) fn vote(
        &self,
        answer_id: &str,
        user_id: u64,
        up: bool,
        at: i64,
    ) -> Result<bool, StoreError> {
        let n = self.execute(
            "INSERT INTO feedback (answer_id, user_id, up, at)
             SELECT answer_id, $2::bigint, $3::boolean, $4::bigint
             FROM answers WHERE answer_id = $1
             ON CONFLICT (answer_id, user_id) DO UPDATE SET up = excluded.up, at = excluded.at",
            params![answer_id.to_string(), to_sql_id(user_id), up, at],
        )?;
        Ok(n > 0)
    }

    pub(in crate::store) fn feedback_counts(
        &self,
        answer_id: &str,
    ) -> Result<(u64, u64), StoreError> {
        let rows = self.query(
            "SELECT COUNT(*) FILTER (WHERE up), COUNT(*) FILTER (WHERE NOT up)
             FROM feedback WHERE answer_id = $1",
            params![answer_id.to_string()],
        )?;
        let row = &rows[0];
        Ok((count(row.get(0)), count(row.get(1))))
    }

    /// The records in one transaction, in three statements whatever their number: the answers,
    /// then the message ids (the last one given per answer), then the logged questions.
    pub(in crate::store) fn write_records(&self, records: &[Record]) -> Result<(), StoreError> {
        let batch = Columns::of(records);
        if batch.is_empty() {
            return Ok(());
        }
        let pool = self.pool();
        let refuse = self.refusing();
        self.block(async move {
            let mut client = pool.get().await?;
            let tx = begin(&mut client, refuse).await?;
            if !batch.answers.ids.is_empty() {
                let a = &batch.answers;
                let insert = tx
                    .prepare_cached(
                        "INSERT INTO answers (answer_id, guild_id, channel_id, message_id,
                             asker_id, question, question_key, kind, payload, created_at)
                         SELECT id, g, c, NULL, k, q, qk, kd, p, t
                         FROM UNNEST($1::text[], $2::bigint[], $3::bigint[], $4::bigint[],
                                     $5::text[], $6::text[], $7::text[], $8::text[], $9::bigint[])
                              WITH ORDINALITY AS r (id, g, c, k, q, qk, kd, p, t, n)
                         ORDER BY n
                         ON CONFLICT (answer_id) DO NOTHING
                         RETURNING answer_id",
                    )
                    .await?;
                let written = tx
                    .query(
                        &insert,
                        &[
                            &a.ids,
                            &a.guilds,
                            &a.channels,
                            &a.askers,
                            &a.questions,
                            &a.keys,
                            &a.kinds,
                            &a.payloads,
                            &a.times,
                        ],
                    )
                    .await?;
                if written.len() < a.ids.len() {
                    let written: Vec<String> = written.iter().map(|r| r.get(0)).collect();
                    for id in a.ids.iter().filter(|id| !written.contains(id)) {
                        tracing::warn!(answer_id = %id, "answer id already taken; record skipped");
                    }
                }
            }
            if !batch.messages.is_empty() {
                let (ids, messages): (Vec<String>, Vec<i64>) = batch.messages.into_iter().unzip();
                let update = tx
                    .prepare_cached(
                        "UPDATE answers SET message_id = v.m
                         FROM UNNEST($1::text[], $2::bigint[]) AS v (id, m)
                         WHERE answers.answer_id = v.id",
                    )
                    .await?;
                tx.execute(&update, &[&ids, &messages]).await?;
            }
            if !batch.questions.guilds.is_empty() {
                let q = &batch.questions;
                let insert = tx
                    .prepare_cached(
                        "INSERT INTO questions (guild_id, question, question_key, best_score,
                             answered, at)
                         SELECT g, q, k, s, a, t
                         FROM UNNEST($1::bigint[], $2::text[], $3::text[], $4::float8[],
                                     $5::boolean[], $6::bigint[])
                              WITH ORDINALITY AS r (g, q, k, s, a, t, n)
                         ORDER BY n",
                    )
                    .await?;
                tx.execute(
                    &insert,
                    &[
                        &q.guilds,
                        &q.questions,
                        &q.keys,
                        &q.scores,
                        &q.answered,
                        &q.times,
                    ],
                )
                .await?;
            }
            tx.commit().await?;
            Ok(())
        })
    }
}

/// An `answers` row of `answer_columns!()` with its payload parsed; bad JSON is an error for that
/// row only.
fn parse_answer(row: &Row) -> Result<Answer, StoreError> {
    let answer_id: String = row.get(0);
    let payload: String = row.get(7);
    let payload = serde_json::from_str(&payload).map_err(|source| StoreError::Json {
        what: format!("answers.payload of {answer_id}"),
        source,
    })?;
    Ok(Answer {
        guild_id: row.get::<_, Option<i64>>(1).map(from_sql_id),
        channel_id: from_sql_id(row.get(2)),
        message_id: row.get::<_, Option<i64>>(3).map(from_sql_id),
        asker_id: from_sql_id(row.get(4)),
        question: row.get(5),
        kind: row.get(6),
        payload,
        created_at: row.get(8),
        answer_id,
    })
}

/// A batch of records as columns, one array per column, for `UNNEST`.
#[derive(Default)]
struct Columns {
    answers: AnswerColumns,
    /// The last message id given per answer, in the order the answers were first named.
    messages: Vec<(String, i64)>,
    questions: QuestionColumns,
}

#[derive(Default)]
struct AnswerColumns {
    ids: Vec<String>,
    guilds: Vec<Option<i64>>,
    channels: Vec<i64>,
    askers: Vec<i64>,
    questions: Vec<String>,
    keys: Vec<String>,
    kinds: Vec<String>,
    payloads: Vec<String>,
    times: Vec<i64>,
}

#[derive(Default)]
struct QuestionColumns {
    guilds: Vec<Option<i64>>,
    questions: Vec<String>,
    keys: Vec<String>,
    scores: Vec<f64>,
    answered: Vec<bool>,
    times: Vec<i64>,
}

impl Columns {
    fn of(records: &[Record]) -> Columns {
        let mut c = Columns::default();
        let mut message_of: HashMap<&str, usize> = HashMap::new();
        for r in records {
            match r {
                Record::Answer {
                    answer_id,
                    guild_id,
                    channel_id,
                    asker_id,
                    question,
                    kind,
                    payload,
                    created_at,
                } => {
                    let a = &mut c.answers;
                    a.ids.push(answer_id.clone());
                    a.guilds.push(guild_id.map(to_sql_id));
                    a.channels.push(to_sql_id(*channel_id));
                    a.askers.push(to_sql_id(*asker_id));
                    a.questions.push(question.clone());
                    a.keys.push(normalise_question(question));
                    a.kinds.push(kind.clone());
                    a.payloads.push(payload.clone());
                    a.times.push(*created_at);
                }
                Record::AnswerMessage {
                    answer_id,
                    message_id,
                } => match message_of.get(answer_id.as_str()) {
                    Some(&i) => c.messages[i].1 = to_sql_id(*message_id),
                    None => {
                        message_of.insert(answer_id, c.messages.len());
                        c.messages.push((answer_id.clone(), to_sql_id(*message_id)));
                    }
                },
                Record::Question {
                    guild_id,
                    question,
                    best_score,
                    answered,
                    at,
                } => {
                    let q = &mut c.questions;
                    q.guilds.push(guild_id.map(to_sql_id));
                    q.questions.push(question.trim().to_string());
                    q.keys.push(normalise_question(question));
                    q.scores.push(if best_score.is_nan() {
                        0.0
                    } else {
                        f64::from(*best_score)
                    });
                    q.answered.push(*answered);
                    q.times.push(*at);
                }
            }
        }
        c
    }

    fn is_empty(&self) -> bool {
        self.answers.ids.is_empty() && self.messages.is_empty() && self.questions.guilds.is_empty()
    }
}
