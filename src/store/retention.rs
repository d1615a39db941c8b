//! Retention: old answers, votes and logged questions are pruned by age, and the answers and the
//! question log are kept to a number of rows; curated answers are kept.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::postgres::{Pg, PgPrune};
use super::{Store, StoreError};

/// Rows deleted per transaction, so pruning never holds the write lock long.
const PRUNE_BATCH: usize = 500;
/// Seconds in a day.
const DAY: i64 = 24 * 3600;

/// What the store keeps of the answers and the question log, by age and by rows; 0 turns a limit
/// off. Pins (curated answers) are never pruned; a pin of a pruned answer loses only its link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    /// Days answers, votes and logged questions are kept.
    pub days: u64,
    /// Most questions kept in the question log (the newest; `/gaps` reads them).
    pub max_questions: u64,
    /// Most answers kept (the newest; their votes go with them, and their buttons stop working).
    pub max_answers: u64,
}

/// Rows removed by a prune.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PruneReport {
    /// Answers removed (with their remaining votes), by age or over the row limit.
    pub answers: u64,
    /// Question-log rows removed, by age or over the row limit.
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
        self.prune_all(Pruning::new(Some(older_than), None, None, PRUNE_BATCH))
    }

    /// Applies `retention` at `now` (unix seconds): deletes what is older than its days, then the
    /// oldest answers and questions past its row limits. In batches, as [`Store::prune`].
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails; batches already committed stay deleted.
    pub fn prune_to(&self, retention: &Retention, now: i64) -> Result<PruneReport, StoreError> {
        self.prune_all(Pruning::of(retention, now))
    }

    fn prune_all(&self, mut pruning: Pruning) -> Result<PruneReport, StoreError> {
        while !pruning.step(self, None)? {}
        Ok(pruning.finish())
    }
}

/// What one kind of row is pruned by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Task {
    FeedbackByAge,
    AnswersByAge,
    AnswersOverLimit,
    QuestionsByAge,
    QuestionsOverLimit,
    /// Shared cooldowns that ended a day ago (PostgreSQL's scratch table; not reported).
    CooldownsEnded,
}

const TASKS: [Task; 6] = [
    Task::FeedbackByAge,
    Task::AnswersByAge,
    Task::AnswersOverLimit,
    Task::QuestionsByAge,
    Task::QuestionsOverLimit,
    Task::CooldownsEnded,
];

/// A prune in progress, one batch (one transaction) per [`Pruning::step`], so the batch writer
/// commits waiting records between two batches instead of after the whole prune.
#[derive(Debug)]
pub(super) struct Pruning {
    older_than: Option<i64>,
    max_answers: Option<u64>,
    max_questions: Option<u64>,
    batch: i64,
    /// Index in [`TASKS`] of the task under way.
    task: usize,
    /// For a row limit: the newest rowid to delete, once found (`Some(None)`: nothing to).
    cut: Option<Option<i64>>,
    report: PruneReport,
}

impl Pruning {
    fn new(
        older_than: Option<i64>,
        max_answers: Option<u64>,
        max_questions: Option<u64>,
        batch: usize,
    ) -> Pruning {
        Pruning {
            older_than,
            max_answers,
            max_questions,
            batch: i64::try_from(batch.max(1)).unwrap_or(i64::MAX),
            task: 0,
            cut: None,
            report: PruneReport::default(),
        }
    }

    /// A prune that applies `retention` at `now`.
    pub(super) fn of(retention: &Retention, now: i64) -> Pruning {
        let days = i64::try_from(retention.days).unwrap_or(i64::MAX);
        let some = |n: u64| (n > 0).then_some(n);
        Pruning::new(
            (days > 0).then(|| now.saturating_sub(days.saturating_mul(DAY))),
            some(retention.max_answers),
            some(retention.max_questions),
            PRUNE_BATCH,
        )
    }

    /// Deletes one batch, on `conn` (the batch writer's) or the store's own connection. Returns
    /// `true` once nothing is left to prune.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails; the prune can be stepped again later.
    pub(super) fn step(
        &mut self,
        store: &Store,
        conn: Option<&mut Connection>,
    ) -> Result<bool, StoreError> {
        let Some(&task) = TASKS.get(self.task) else {
            return Ok(true);
        };
        let deleted = match (store.postgres(), conn) {
            (Some(pg), _) if task == Task::CooldownsEnded => pg.prune_cooldowns(self.batch)?,
            (Some(pg), _) => store.noted(self.pg_batch(pg, task))?,
            // SQLite keeps cooldowns in each process.
            (None, _) if task == Task::CooldownsEnded => 0,
            (None, Some(conn)) => store.write_on(conn, |tx| self.delete_batch(tx, task))?,
            (None, None) => store.write(|tx| self.delete_batch(tx, task))?,
        };
        let total = match task {
            Task::FeedbackByAge => &mut self.report.feedback,
            Task::AnswersByAge | Task::AnswersOverLimit => &mut self.report.answers,
            Task::QuestionsByAge | Task::QuestionsOverLimit => &mut self.report.questions,
            Task::CooldownsEnded => &mut 0,
        };
        *total += deleted;
        if i64::try_from(deleted).unwrap_or(i64::MAX) < self.batch {
            self.task += 1;
            self.cut = None;
        }
        Ok(self.task >= TASKS.len())
    }

    /// One batch of `task` in `tx`: the rows deleted (fewer than a batch: the task is done).
    fn delete_batch(&mut self, tx: &Transaction<'_>, task: Task) -> Result<u64, StoreError> {
        let (table, by_age, limit) = match task {
            Task::FeedbackByAge => ("feedback", Some("at"), None),
            Task::AnswersByAge => ("answers", Some("created_at"), None),
            Task::QuestionsByAge => ("questions", Some("at"), None),
            Task::AnswersOverLimit => ("answers", None, self.max_answers),
            Task::QuestionsOverLimit => ("questions", None, self.max_questions),
            Task::CooldownsEnded => return Ok(0),
        };
        let n = if let Some(column) = by_age {
            let Some(older_than) = self.older_than else {
                return Ok(0);
            };
            tx.prepare_cached(&format!(
                "DELETE FROM {table} WHERE rowid IN
                     (SELECT rowid FROM {table} WHERE {column} < ?1 LIMIT ?2)"
            ))?
            .execute(params![older_than, self.batch])?
        } else {
            let Some(keep) = limit else { return Ok(0) };
            // Rows are appended in time order, so the newest `keep` rowids are the rows kept;
            // the cut is found once, then deleted up to in batches.
            let cut = match self.cut {
                Some(cut) => cut,
                None => {
                    let cut = tx
                        .prepare_cached(&format!(
                            "SELECT rowid FROM {table} ORDER BY rowid DESC LIMIT 1 OFFSET ?1"
                        ))?
                        .query_row([i64::try_from(keep).unwrap_or(i64::MAX)], |r| r.get(0))
                        .optional()?;
                    self.cut = Some(cut);
                    cut
                }
            };
            let Some(cut) = cut else { return Ok(0) };
            tx.prepare_cached(&format!(
                "DELETE FROM {table} WHERE rowid IN
                     (SELECT rowid FROM {table} WHERE rowid <= ?1 ORDER BY rowid LIMIT ?2)"
            ))?
            .execute(params![cut, self.batch])?
        };
        Ok(n as u64)
    }

    /// One batch of `task` on PostgreSQL, in a transaction of its own.
    fn pg_batch(&mut self, pg: &Pg, task: Task) -> Result<u64, StoreError> {
        let what = match task {
            Task::FeedbackByAge | Task::AnswersByAge | Task::QuestionsByAge => {
                let Some(older_than) = self.older_than else {
                    return Ok(0);
                };
                let table = match task {
                    Task::FeedbackByAge => "feedback",
                    Task::AnswersByAge => "answers",
                    _ => "questions",
                };
                PgPrune::ByAge { table, older_than }
            }
            Task::CooldownsEnded => return Ok(0),
            Task::AnswersOverLimit | Task::QuestionsOverLimit => {
                let (table, limit) = if task == Task::AnswersOverLimit {
                    ("answers", self.max_answers)
                } else {
                    ("questions", self.max_questions)
                };
                let Some(keep) = limit else { return Ok(0) };
                PgPrune::OverLimit {
                    table,
                    keep: i64::try_from(keep).unwrap_or(i64::MAX),
                    cut: self.cut,
                }
            }
        };
        let (deleted, cut) = pg.prune_batch(what, self.batch)?;
        if cut.is_some() {
            self.cut = cut;
        }
        Ok(deleted)
    }

    /// The rows removed, logged when there were any.
    pub(super) fn finish(self) -> PruneReport {
        let report = self.report;
        if report != PruneReport::default() {
            tracing::info!(
                answers = report.answers,
                questions = report.questions,
                feedback = report.feedback,
                older_than = self.older_than,
                max_answers = self.max_answers,
                max_questions = self.max_questions,
                "store pruned"
            );
        }
        report
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::NewCurated;
    use crate::store::fixtures::{new_answer, on_both, pin, rows};
    use serde_json::json;

    on_both! {
        fn prune_removes_old_rows_in_batches_and_keeps_curated(s) {
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

            let report = s.prune_all(Pruning::new(Some(500), None, None, 2)).unwrap();
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
            assert_eq!(rows(&s, "feedback"), 1);
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

    on_both! {
        fn the_question_log_and_the_answers_keep_their_newest_rows(s) {
            let payload = json!({});
            let mut answers = Vec::new();
            for i in 0..12 {
                s.log_question(Some(10), &format!("q{i}"), 0.0, false, 1000 + i)
                    .unwrap();
                answers.push(
                    s.insert_answer(&new_answer(5, "a", &payload, 1000 + i))
                        .unwrap(),
                );
            }
            s.vote(&answers[0], 1, false, 1000).unwrap();
            let keep = Retention {
                days: 0,
                max_questions: 5,
                max_answers: 3,
            };
            let report = s
                .prune_all({
                    let mut p = Pruning::of(&keep, 2000);
                    p.batch = 2;
                    p
                })
                .unwrap();
            assert_eq!(
                report,
                PruneReport {
                    answers: 9,
                    questions: 7,
                    feedback: 0
                }
            );
            let left = s.gaps(10, 0, 100).unwrap().unanswered;
            let mut questions: Vec<&str> = left.iter().map(|u| u.question.as_str()).collect();
            questions.sort_unstable();
            assert_eq!(questions, ["q10", "q11", "q7", "q8", "q9"]);
            for (i, id) in answers.iter().enumerate() {
                assert_eq!(s.answer(id).unwrap().is_some(), i >= 9, "answer {i}");
            }
            assert_eq!(
                s.feedback_counts(&answers[0]).unwrap(),
                (0, 0),
                "votes go with their answer"
            );
            assert_eq!(s.prune_to(&keep, 2000).unwrap(), PruneReport::default());
        }
    }

    on_both! {
        fn retention_by_days_and_rows_together_and_zero_is_no_limit(s) {
            let day = 24 * 3600;
            for i in 0..10 {
                s.log_question(Some(10), "q", 0.0, false, i * day).unwrap();
            }
            let none = Retention {
                days: 0,
                max_questions: 0,
                max_answers: 0,
            };
            assert_eq!(
                s.prune_to(&none, 100 * day).unwrap(),
                PruneReport::default()
            );
            // Kept: asked within 5 days of day 10 (days 5..=9), then the newest 3 of those.
            let both = Retention {
                days: 5,
                max_questions: 3,
                max_answers: 0,
            };
            assert_eq!(s.prune_to(&both, 10 * day).unwrap().questions, 7);
            assert_eq!(s.gaps(10, 0, 5).unwrap().unanswered[0].count, 3);
            assert_eq!(s.gaps(10, 0, 5).unwrap().unanswered[0].last_at, 9 * day);
        }
    }

    on_both! {
        fn the_batch_writer_prunes_between_commits(place: Place) {
            use crate::store::{BatchWriter, Record};
            use std::time::Duration;
            let s = place.open();
            let logged: Vec<Record> = (0..2000)
                .map(|i| Record::Question {
                    guild_id: Some(10),
                    question: format!("q{i}"),
                    best_score: 0.0,
                    answered: false,
                    at: i,
                })
                .collect();
            s.write_records(&logged).unwrap();
            let keep = Retention {
                days: 0,
                max_questions: 4,
                max_answers: 0,
            };
            let writer = std::sync::Arc::new(BatchWriter::start(s.clone()));
            // A prune of several batches, while records keep being acknowledged.
            let pruning = {
                let writer = std::sync::Arc::clone(&writer);
                std::thread::spawn(move || writer.prune_now(keep, 0))
            };
            let acks: Vec<_> = (0..20)
                .map(|i| {
                    writer.submit(vec![Record::Question {
                        guild_id: Some(11),
                        question: format!("during {i}"),
                        best_score: 0.0,
                        answered: false,
                        at: 3000 + i,
                    }])
                })
                .collect();
            for ack in &acks {
                assert_eq!(ack.wait(Duration::from_secs(10)), Ok(()));
            }
            let report = pruning.join().unwrap().unwrap();
            // The cut keeps the newest 4 rows of when it was found (at least 2,000 rows in);
            // questions committed after it are kept too.
            assert!(report.questions >= 1996, "{report:?}");
            let left = rows(&s, "questions");
            assert_eq!(u64::try_from(left).unwrap(), 2020 - report.questions);
        }
    }
}
