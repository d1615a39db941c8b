//! Follow-up conversations: each one's place (guild, channel, the thread it continues in) and its
//! last turns (question, how it was read, the context it left, the answer it got), bounded in
//! length; idle ones are deleted by [`Store::prune_idle_conversations`].

use rusqlite::{OptionalExtension, Transaction, params};

use super::{Store, StoreError, from_sql_id, to_sql_id};

/// One turn of a conversation: the question, how it was read and the context it left (level,
/// intent and topic by their ids), and the answer it got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn {
    /// The question as typed.
    pub question: String,
    /// How it was read ("Front-End Developer salary, senior").
    pub read_as: String,
    /// The career after this turn.
    pub career: Option<String>,
    /// The level id after this turn.
    pub level: Option<String>,
    /// The intent id after this turn.
    pub intent: Option<String>,
    /// The skills topic id after this turn.
    pub topic: Option<String>,
    /// The answer it got (its buttons' record), if any.
    pub answer_id: Option<String>,
    /// When (unix seconds).
    pub at: i64,
}

/// Where a conversation lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConversationPlace {
    /// Its id.
    pub id: String,
    /// Its guild.
    pub guild_id: Option<u64>,
    /// The channel its first answer is in.
    pub channel_id: u64,
    /// The thread it continues in, once created.
    pub thread_id: Option<u64>,
}

/// A conversation and its kept turns, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversation {
    /// Where it lives.
    pub place: ConversationPlace,
    /// Its last turn's time (unix seconds).
    pub updated_at: i64,
    /// Its kept turns, oldest first.
    pub turns: Vec<Turn>,
}

impl Conversation {
    /// Whether it has been idle longer than `idle_seconds` at `now`.
    pub fn idle(&self, now: i64, idle_seconds: i64) -> bool {
        now.saturating_sub(self.updated_at) > idle_seconds
    }
}

const SELECT_PLACE: &str = "SELECT conversation_id, guild_id, channel_id, thread_id, updated_at
     FROM conversations";

const SELECT_TURNS: &str = "SELECT question, read_as, career, level, intent, topic, answer_id, at
     FROM conversation_turns WHERE conversation_id = ?1 ORDER BY seq";

impl Store {
    /// The conversation one of whose turns got `answer_id`.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails.
    pub fn conversation_of_answer(
        &self,
        answer_id: &str,
    ) -> Result<Option<Conversation>, StoreError> {
        if let Some(pg) = self.postgres() {
            return pg.conversation_of_answer(answer_id);
        }
        self.read(|conn| {
            let id: Option<String> = conn
                .prepare_cached(
                    "SELECT conversation_id FROM conversation_turns WHERE answer_id = ?1 LIMIT 1",
                )?
                .query_row([answer_id], |r| r.get(0))
                .optional()?;
            match id {
                Some(id) => load(conn, "WHERE conversation_id = ?1", &id),
                None => Ok(None),
            }
        })
    }

    /// The conversation that continues in thread `thread_id`.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails.
    pub fn conversation_of_thread(
        &self,
        thread_id: u64,
    ) -> Result<Option<Conversation>, StoreError> {
        if let Some(pg) = self.postgres() {
            return pg.conversation_of_thread(thread_id);
        }
        self.read(|conn| load(conn, "WHERE thread_id = ?1", &to_sql_id(thread_id)))
    }

    /// Records `turns` (oldest first) as a conversation's newest, in one transaction: the
    /// conversation is created (or its thread set, when `place` names one), `fresh` first drops
    /// the turns it had (an idle conversation starting afresh), and only the newest `keep` turns
    /// (at least 2) are kept. Committed when this returns `Ok`.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails (nothing is recorded).
    pub fn save_turns(
        &self,
        place: &ConversationPlace,
        turns: &[Turn],
        keep: usize,
        fresh: bool,
    ) -> Result<(), StoreError> {
        let keep = i64::try_from(keep.max(2)).unwrap_or(i64::MAX);
        let updated_at = turns.iter().map(|t| t.at).max().unwrap_or(0);
        if let Some(pg) = self.postgres() {
            return self.noted(pg.save_turns(place, turns, keep, fresh, updated_at));
        }
        self.write(|tx| save(tx, place, turns, keep, fresh, updated_at))
    }

    /// Deletes conversations whose last turn is older than `idle_before` (unix seconds), with
    /// their turns; returns how many.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails.
    pub fn prune_idle_conversations(&self, idle_before: i64) -> Result<u64, StoreError> {
        if let Some(pg) = self.postgres() {
            return self.noted(pg.prune_idle_conversations(idle_before));
        }
        self.write(|tx| {
            Ok(tx.execute(
                "DELETE FROM conversations WHERE updated_at < ?1",
                [idle_before],
            )? as u64)
        })
    }
}

fn load(
    conn: &rusqlite::Connection,
    filter: &str,
    key: &dyn rusqlite::ToSql,
) -> Result<Option<Conversation>, StoreError> {
    let place = conn
        .prepare_cached(&format!("{SELECT_PLACE} {filter}"))?
        .query_row(rusqlite::params_from_iter([key]), |r| {
            Ok((
                ConversationPlace {
                    id: r.get(0)?,
                    guild_id: r.get::<_, Option<i64>>(1)?.map(from_sql_id),
                    channel_id: from_sql_id(r.get(2)?),
                    thread_id: r.get::<_, Option<i64>>(3)?.map(from_sql_id),
                },
                r.get::<_, i64>(4)?,
            ))
        })
        .optional()?;
    let Some((place, updated_at)) = place else {
        return Ok(None);
    };
    let turns = conn
        .prepare_cached(SELECT_TURNS)?
        .query_map([&place.id], |r| {
            Ok(Turn {
                question: r.get(0)?,
                read_as: r.get(1)?,
                career: r.get(2)?,
                level: r.get(3)?,
                intent: r.get(4)?,
                topic: r.get(5)?,
                answer_id: r.get(6)?,
                at: r.get(7)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(Conversation {
        place,
        updated_at,
        turns,
    }))
}

fn save(
    tx: &Transaction<'_>,
    place: &ConversationPlace,
    turns: &[Turn],
    keep: i64,
    fresh: bool,
    updated_at: i64,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO conversations (conversation_id, guild_id, channel_id, thread_id, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (conversation_id) DO UPDATE SET
             thread_id = COALESCE(excluded.thread_id, conversations.thread_id),
             updated_at = MAX(conversations.updated_at, excluded.updated_at)",
        params![
            place.id,
            place.guild_id.map(to_sql_id),
            to_sql_id(place.channel_id),
            place.thread_id.map(to_sql_id),
            updated_at
        ],
    )?;
    if fresh {
        tx.execute(
            "DELETE FROM conversation_turns WHERE conversation_id = ?1",
            [&place.id],
        )?;
    }
    for t in turns {
        tx.execute(
            "INSERT INTO conversation_turns
                 (conversation_id, seq, question, read_as, career, level, intent, topic,
                  answer_id, at)
             SELECT ?1, COALESCE(MAX(seq), 0) + 1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9
             FROM conversation_turns WHERE conversation_id = ?1",
            params![
                place.id,
                t.question,
                t.read_as,
                t.career,
                t.level,
                t.intent,
                t.topic,
                t.answer_id,
                t.at
            ],
        )?;
    }
    tx.execute(
        "DELETE FROM conversation_turns WHERE conversation_id = ?1 AND seq <=
             (SELECT MAX(seq) FROM conversation_turns WHERE conversation_id = ?1) - ?2",
        params![place.id, keep],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fixtures::on_both;

    fn place(id: &str, thread: Option<u64>) -> ConversationPlace {
        ConversationPlace {
            id: id.into(),
            guild_id: Some(u64::MAX),
            channel_id: 20,
            thread_id: thread,
        }
    }

    fn turn(question: &str, answer: &str, at: i64) -> Turn {
        Turn {
            question: question.into(),
            read_as: format!("read: {question}"),
            career: Some("Electrician".into()),
            level: Some("senior".into()),
            intent: Some("salary".into()),
            topic: None,
            answer_id: Some(answer.into()),
            at,
        }
    }

    on_both! {
        fn turns_are_found_by_answer_and_thread_and_kept_bounded(s) {
            assert_eq!(s.conversation_of_answer("a1").unwrap(), None);
            s.save_turns(&place("c1", None), &[turn("q1", "a1", 10), turn("q2", "a2", 11)], 3, false)
                .unwrap();
            let c = s.conversation_of_answer("a2").unwrap().unwrap();
            assert_eq!(c.place, place("c1", None));
            assert_eq!(c.turns.len(), 2);
            assert_eq!(c.turns[1], turn("q2", "a2", 11));
            assert_eq!(c.updated_at, 11);
            assert_eq!(s.conversation_of_thread(77).unwrap(), None);
            // The thread is set once created; a later turn without it keeps it.
            s.save_turns(&place("c1", Some(77)), &[turn("q3", "a3", 12)], 3, false).unwrap();
            s.save_turns(&place("c1", None), &[turn("q4", "a4", 13)], 3, false).unwrap();
            let c = s.conversation_of_thread(77).unwrap().unwrap();
            assert_eq!(c.place.thread_id, Some(77));
            let asked: Vec<&str> = c.turns.iter().map(|t| t.question.as_str()).collect();
            assert_eq!(asked, ["q2", "q3", "q4"], "the oldest turn was dropped");
            assert_eq!(s.conversation_of_answer("a1").unwrap(), None);
            assert_eq!(c.updated_at, 13);
        }
    }

    on_both! {
        fn a_fresh_start_drops_the_old_turns_and_idle_ones_are_pruned(s) {
            s.save_turns(&place("c1", Some(5)), &[turn("q1", "a1", 10)], 10, false).unwrap();
            s.save_turns(&place("c2", Some(6)), &[turn("q1", "b1", 100)], 10, false).unwrap();
            let c = s.conversation_of_thread(5).unwrap().unwrap();
            assert!(c.idle(100, 60) && !c.idle(50, 60));
            s.save_turns(&place("c1", None), &[turn("again", "a2", 200)], 10, true).unwrap();
            let c = s.conversation_of_thread(5).unwrap().unwrap();
            assert_eq!(c.turns.len(), 1);
            assert_eq!(c.turns[0].question, "again");
            assert_eq!(s.prune_idle_conversations(150).unwrap(), 1);
            assert_eq!(s.conversation_of_thread(6).unwrap(), None);
            assert_eq!(s.conversation_of_answer("b1").unwrap(), None, "turns go with it");
            assert!(s.conversation_of_thread(5).unwrap().is_some());
        }
    }

    on_both! {
        fn conversations_survive_a_restart(place_: Place) {
            place_
                .open()
                .save_turns(&place("c1", Some(9)), &[turn("q1", "a1", 10)], 10, false)
                .unwrap();
            let again = place_.open();
            let c = again.conversation_of_thread(9).unwrap().unwrap();
            assert_eq!(c.turns, [turn("q1", "a1", 10)]);
        }
    }
}
