//! Follow-up conversations on PostgreSQL: the statements behind `conversations.rs`.

use tokio_postgres::Row;

use super::super::conversations::{Conversation, ConversationPlace, Turn};
use super::super::{StoreError, from_sql_id, to_sql_id};
use super::{Pg, begin, params};

const BY_ANSWER: &str =
    "SELECT c.conversation_id, c.guild_id, c.channel_id, c.thread_id, c.updated_at
     FROM conversations c
     WHERE c.conversation_id =
         (SELECT conversation_id FROM conversation_turns WHERE answer_id = $1 LIMIT 1)";

const BY_THREAD: &str = "SELECT conversation_id, guild_id, channel_id, thread_id, updated_at
     FROM conversations WHERE thread_id = $1";

const TURNS: &str = "SELECT question, read_as, career, level, intent, topic, answer_id, at
     FROM conversation_turns WHERE conversation_id = $1 ORDER BY seq";

fn place(r: &Row) -> (ConversationPlace, i64) {
    (
        ConversationPlace {
            id: r.get(0),
            guild_id: r.get::<_, Option<i64>>(1).map(from_sql_id),
            channel_id: from_sql_id(r.get(2)),
            thread_id: r.get::<_, Option<i64>>(3).map(from_sql_id),
        },
        r.get(4),
    )
}

fn turn(r: &Row) -> Turn {
    Turn {
        question: r.get(0),
        read_as: r.get(1),
        career: r.get(2),
        level: r.get(3),
        intent: r.get(4),
        topic: r.get(5),
        answer_id: r.get(6),
        at: r.get(7),
    }
}

impl Pg {
    fn conversation(&self, rows: Vec<Row>) -> Result<Option<Conversation>, StoreError> {
        let Some((place, updated_at)) = rows.first().map(place) else {
            return Ok(None);
        };
        let turns = self
            .query(TURNS, params![place.id.clone()])?
            .iter()
            .map(turn)
            .collect();
        Ok(Some(Conversation {
            place,
            updated_at,
            turns,
        }))
    }

    pub(in crate::store) fn conversation_of_answer(
        &self,
        answer_id: &str,
    ) -> Result<Option<Conversation>, StoreError> {
        let rows = self.query(BY_ANSWER, params![answer_id.to_string()])?;
        self.conversation(rows)
    }

    pub(in crate::store) fn conversation_of_thread(
        &self,
        thread_id: u64,
    ) -> Result<Option<Conversation>, StoreError> {
        let rows = self.query(BY_THREAD, params![to_sql_id(thread_id)])?;
        self.conversation(rows)
    }

    pub(in crate::store) fn save_turns(
        &self,
        place: &ConversationPlace,
        turns: &[Turn],
        keep: i64,
        fresh: bool,
        updated_at: i64,
    ) -> Result<(), StoreError> {
        let pool = self.pool();
        let refuse = self.refusing();
        let (place, turns) = (place.clone(), turns.to_vec());
        self.block(async move {
            let mut client = pool.get().await?;
            let tx = begin(&mut client, refuse).await?;
            tx.execute(
                "INSERT INTO conversations
                     (conversation_id, guild_id, channel_id, thread_id, updated_at)
                 VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (conversation_id) DO UPDATE SET
                     thread_id = COALESCE(excluded.thread_id, conversations.thread_id),
                     updated_at = GREATEST(conversations.updated_at, excluded.updated_at)",
                &[
                    &place.id,
                    &place.guild_id.map(to_sql_id),
                    &to_sql_id(place.channel_id),
                    &place.thread_id.map(to_sql_id),
                    &updated_at,
                ],
            )
            .await?;
            if fresh {
                tx.execute(
                    "DELETE FROM conversation_turns WHERE conversation_id = $1",
                    &[&place.id],
                )
                .await?;
            }
            for t in &turns {
                tx.execute(
                    "INSERT INTO conversation_turns
                         (conversation_id, seq, question, read_as, career, level, intent, topic,
                          answer_id, at)
                     SELECT $1, COALESCE(MAX(seq), 0) + 1, $2::TEXT, $3::TEXT, $4::TEXT, $5::TEXT,
                            $6::TEXT, $7::TEXT, $8::TEXT, $9::BIGINT
                     FROM conversation_turns WHERE conversation_id = $1",
                    &[
                        &place.id,
                        &t.question,
                        &t.read_as,
                        &t.career,
                        &t.level,
                        &t.intent,
                        &t.topic,
                        &t.answer_id,
                        &t.at,
                    ],
                )
                .await?;
            }
            tx.execute(
                "DELETE FROM conversation_turns WHERE conversation_id = $1 AND seq <=
                     (SELECT MAX(seq) FROM conversation_turns WHERE conversation_id = $1) - $2",
                &[&place.id, &keep],
            )
            .await?;
            tx.commit().await?;
            Ok(())
        })
    }

    pub(in crate::store) fn prune_idle_conversations(
        &self,
        idle_before: i64,
    ) -> Result<u64, StoreError> {
        self.execute(
            "DELETE FROM conversations WHERE updated_at < $1",
            params![idle_before],
        )
    }
}
