//! `/gaps` on PostgreSQL: the statements behind `questions.rs` (the question log itself is
//! written as batch writer records).

use super::super::{DownvotedAnswer, Gaps, StoreError, UnansweredQuestion, count, to_sql_id};
use super::{Pg, params};

/// `/gaps`'s unanswered questions ($1 guild, $2 since, $3 groups shown, $4 rows read): the newest
/// `$4` unanswered questions of the guild's window (read from `questions_unanswered` alone),
/// grouped; each group's wording is that of its latest asking.
macro_rules! unanswered_sql {
    () => {
        "WITH scan AS (
             SELECT id, question_key, at FROM questions
             WHERE guild_id = $1 AND NOT answered AND at >= $2
             ORDER BY at DESC LIMIT $4
         ), g AS (
             SELECT question_key, COUNT(*) AS n, MAX(at) AS last_at,
                    (ARRAY_AGG(id ORDER BY at DESC, id DESC))[1] AS latest,
                    SUM(COUNT(*)) OVER () AS scanned
             FROM scan GROUP BY question_key
             ORDER BY n DESC, last_at DESC, question_key
             LIMIT $3
         )
         SELECT q.question, g.n, g.last_at, g.scanned::bigint
         FROM g JOIN questions AS q ON q.id = g.latest
         ORDER BY g.n DESC, g.last_at DESC, g.question_key"
    };
}

/// `/gaps`'s answers voted down ($1 guild, $2 since, $3 answers shown, $4 votes read): from the
/// newest 👎 votes (`feedback_downs`), never from a scan of every answer of the guild.
macro_rules! downvoted_sql {
    () => {
        "SELECT a.answer_id, a.question,
                COUNT(*) FILTER (WHERE NOT f.up) AS downs, COUNT(*) FILTER (WHERE f.up) AS ups
         FROM (SELECT DISTINCT answer_id FROM
                   (SELECT answer_id FROM feedback WHERE NOT up AND at >= $2
                    ORDER BY at DESC LIMIT $4) AS v) AS d
         JOIN answers AS a ON a.answer_id = d.answer_id
         JOIN feedback AS f ON f.answer_id = a.answer_id
         WHERE a.guild_id = $1 AND a.created_at >= $2
         GROUP BY a.answer_id
         ORDER BY downs DESC, ups ASC, a.created_at DESC, a.answer_id
         LIMIT $3"
    };
}

impl Pg {
    pub(in crate::store) fn gaps(
        &self,
        guild_id: u64,
        since: i64,
        limit: i64,
        scan: i64,
    ) -> Result<Gaps, StoreError> {
        let guild = to_sql_id(guild_id);
        let unanswered = self.query(unanswered_sql!(), params![guild, since, limit, scan])?;
        let scanned = unanswered.first().map_or(0, |r| r.get::<_, i64>(3));
        let downvoted = self.query(downvoted_sql!(), params![guild, since, limit, scan])?;
        Ok(Gaps {
            unanswered: unanswered
                .iter()
                .map(|row| UnansweredQuestion {
                    question: row.get(0),
                    count: count(row.get(1)),
                    last_at: row.get(2),
                })
                .collect(),
            downvoted: downvoted
                .iter()
                .map(|row| DownvotedAnswer {
                    answer_id: row.get(0),
                    question: row.get(1),
                    downs: count(row.get(2)),
                    ups: count(row.get(3)),
                })
                .collect(),
            truncated: scanned >= scan,
        })
    }

    /// The plans of the two `/gaps` queries with sequential scans discouraged (tests: each must
    /// be able to read its partial index instead of its table).
    #[cfg(test)]
    pub(in crate::store) fn gaps_plans(&self) -> Result<[String; 2], StoreError> {
        let pool = self.pool();
        self.block(async move {
            let client = pool.get().await?;
            client.batch_execute("SET enable_seqscan = off").await?;
            let mut plans = [String::new(), String::new()];
            let sqls = [
                concat!("EXPLAIN (COSTS OFF) ", unanswered_sql!()),
                concat!("EXPLAIN (COSTS OFF) ", downvoted_sql!()),
            ];
            for (plan, sql) in plans.iter_mut().zip(sqls) {
                let rows = client
                    .query(sql, &[&10_i64, &0_i64, &15_i64, &20_000_i64])
                    .await?;
                *plan = rows
                    .iter()
                    .map(|r| r.get::<_, String>(0))
                    .collect::<Vec<_>>()
                    .join("\n");
            }
            client.batch_execute("RESET enable_seqscan").await?;
            Ok(plans)
        })
    }
}
