//! Pruning on PostgreSQL: one batch of `retention.rs`'s prune, in one short transaction.

use super::super::StoreError;
use super::{Pg, begin};

/// One batch of a prune: what to delete.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::store) enum PgPrune {
    /// Rows of `table` (`feedback`, `answers` or `questions`) older than `older_than`.
    ByAge {
        table: &'static str,
        older_than: i64,
    },
    /// The oldest rows of `table` (`answers` or `questions`) past the newest `keep`; `cut` is
    /// the newest row to delete (its `seq` or `id`) once found by an earlier batch (`Some(None)`:
    /// nothing to delete).
    OverLimit {
        table: &'static str,
        keep: i64,
        cut: Option<Option<i64>>,
    },
}

impl Pg {
    /// Deletes at most `batch` rows of `what` in one transaction; returns how many, and the cut
    /// (found now or given) for the next batch of an over-limit prune.
    pub(in crate::store) fn prune_batch(
        &self,
        what: PgPrune,
        batch: i64,
    ) -> Result<(u64, Option<Option<i64>>), StoreError> {
        let pool = self.pool();
        let refuse = self.refusing();
        self.block(async move {
            let mut client = pool.get().await?;
            let tx = begin(&mut client, refuse).await?;
            let out = match what {
                PgPrune::ByAge { table, older_than } => {
                    let sql = match table {
                        "feedback" => {
                            "DELETE FROM feedback WHERE (answer_id, user_id) IN
                                 (SELECT answer_id, user_id FROM feedback WHERE at < $1 LIMIT $2)"
                        }
                        "answers" => {
                            "DELETE FROM answers WHERE answer_id IN
                                 (SELECT answer_id FROM answers WHERE created_at < $1 LIMIT $2)"
                        }
                        _ => {
                            "DELETE FROM questions WHERE id IN
                                 (SELECT id FROM questions WHERE at < $1 LIMIT $2)"
                        }
                    };
                    let statement = tx.prepare_cached(sql).await?;
                    (tx.execute(&statement, &[&older_than, &batch]).await?, None)
                }
                PgPrune::OverLimit { table, keep, cut } => {
                    let (find, delete) = if table == "answers" {
                        (
                            "SELECT seq FROM answers ORDER BY seq DESC LIMIT 1 OFFSET $1",
                            "DELETE FROM answers WHERE seq IN
                                 (SELECT seq FROM answers WHERE seq <= $1 ORDER BY seq LIMIT $2)",
                        )
                    } else {
                        (
                            "SELECT id FROM questions ORDER BY id DESC LIMIT 1 OFFSET $1",
                            "DELETE FROM questions WHERE id IN
                                 (SELECT id FROM questions WHERE id <= $1 ORDER BY id LIMIT $2)",
                        )
                    };
                    // Rows are stored in time order, so the newest `keep` ids are the rows
                    // kept; the cut is found once, then deleted up to in batches.
                    let cut = match cut {
                        Some(cut) => cut,
                        None => {
                            let statement = tx.prepare_cached(find).await?;
                            tx.query_opt(&statement, &[&keep])
                                .await?
                                .map(|r| r.get::<_, i64>(0))
                        }
                    };
                    let n = match cut {
                        Some(cut) => {
                            let statement = tx.prepare_cached(delete).await?;
                            tx.execute(&statement, &[&cut, &batch]).await?
                        }
                        None => 0,
                    };
                    (n, Some(cut))
                }
            };
            tx.commit().await?;
            Ok(out)
        })
    }
}
