//! Retention: old answers, votes and logged questions are pruned; curated answers are kept.

use rusqlite::params;

use super::{Store, StoreError};

/// Rows deleted per transaction by [`Store::prune`], so pruning never holds the write lock long.
const PRUNE_BATCH: usize = 500;

/// Rows removed by [`Store::prune`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PruneReport {
    /// Answers removed (with their remaining votes).
    pub answers: u64,
    /// Question-log rows removed.
    pub questions: u64,
    /// Votes removed because they were older than the cutoff (votes removed along with their
    /// answer are not counted).
    pub feedback: u64,
}

impl Store {
    /// Deletes answers, logged questions and votes from before `older_than` (unix seconds).
    /// Curated answers are never pruned (a pin of a pruned answer loses only its link).
    ///
    /// Works in transactions of a few hundred rows, releasing the connection between them, so
    /// other callers and processes are held up for one small batch at a time, never for the whole
    /// clean-up.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails; batches already committed stay deleted.
    pub fn prune(&self, older_than: i64) -> Result<PruneReport, StoreError> {
        self.prune_in_batches(older_than, PRUNE_BATCH)
    }

    fn prune_in_batches(&self, older_than: i64, batch: usize) -> Result<PruneReport, StoreError> {
        let batch = i64::try_from(batch.max(1)).unwrap_or(i64::MAX);
        let mut report = PruneReport::default();
        for (table, column, total) in [
            ("feedback", "at", &mut report.feedback),
            ("answers", "created_at", &mut report.answers),
            ("questions", "at", &mut report.questions),
        ] {
            let sql = format!(
                "DELETE FROM {table} WHERE rowid IN
                     (SELECT rowid FROM {table} WHERE {column} < ?1 LIMIT ?2)"
            );
            loop {
                let n = self.write(|tx| {
                    Ok(tx
                        .prepare_cached(&sql)?
                        .execute(params![older_than, batch])?)
                })?;
                *total += n as u64;
                if (n as i64) < batch {
                    break;
                }
            }
        }
        if report != PruneReport::default() {
            tracing::info!(
                answers = report.answers,
                questions = report.questions,
                feedback = report.feedback,
                older_than,
                "store pruned"
            );
        }
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::NewCurated;
    use crate::store::fixtures::{new_answer, pin, store};
    use serde_json::json;

    #[test]
    fn prune_removes_old_rows_in_batches_and_keeps_curated() {
        let s = store();
        let payload = json!({});
        let mut old = Vec::new();
        for i in 0..7 {
            old.push(s.insert_answer(&new_answer(5, "old", &payload, i)).unwrap());
        }
        let fresh = s
            .insert_answer(&new_answer(5, "fresh", &payload, 1000))
            .unwrap();
        // A recent vote on an old answer goes with the answer; an old vote on a fresh one goes
        // by itself; a recent vote on a fresh answer stays.
        s.vote(&old[0], 1, false, 2000).unwrap();
        s.vote(&old[1], 1, false, 5).unwrap();
        s.vote(&fresh, 1, true, 5).unwrap();
        s.vote(&fresh, 2, true, 2000).unwrap();
        for i in 0..5 {
            s.log_question(Some(10), "old question", 0.0, false, i)
                .unwrap();
        }
        s.log_question(Some(10), "fresh question", 0.0, false, 1000)
            .unwrap();
        let citations = json!([]);
        let pinned = s
            .pin_curated(&NewCurated {
                answer_id: Some(&old[2]),
                ..pin(Some(1), "kept", &citations, 0)
            })
            .unwrap();

        let report = s.prune_in_batches(500, 2).unwrap();
        assert_eq!(
            report,
            PruneReport {
                answers: 7,
                questions: 5,
                feedback: 2
            }
        );
        for id in &old {
            assert_eq!(s.answer(id).unwrap(), None);
        }
        assert!(s.answer(&fresh).unwrap().is_some());
        assert_eq!(s.feedback_counts(&fresh).unwrap(), (1, 0));
        let n: i64 = s
            .lock()
            .query_row("SELECT COUNT(*) FROM feedback", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1);
        let gaps = s.gaps(10, 0, 10).unwrap();
        assert_eq!(gaps.unanswered.len(), 1);
        assert_eq!(gaps.unanswered[0].question, "fresh question");
        let curated = s.curated_for_guild(10).unwrap();
        assert_eq!(curated.len(), 1);
        assert_eq!(
            (curated[0].id, curated[0].answer_id.as_deref()),
            (pinned, None)
        );

        assert_eq!(
            s.prune(500).unwrap(),
            PruneReport::default(),
            "a second prune finds nothing"
        );
        assert_eq!(s.prune(i64::MAX).unwrap().answers, 1);
        assert_eq!(
            s.curated_for_guild(10).unwrap().len(),
            1,
            "curated is never pruned"
        );
    }
}
