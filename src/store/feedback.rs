//! Feedback: each user's 👍 or 👎 on an answer, and their counts.

use rusqlite::params;

use super::{Store, StoreError, count, to_sql_id};

impl Store {
    /// Records `user_id`'s 👍 (`up`) or 👎 on an answer; a second vote by the same user replaces
    /// the first. Returns `false` (and records nothing) if the answer is no longer stored.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails.
    pub fn vote(
        &self,
        answer_id: &str,
        user_id: u64,
        up: bool,
        at: i64,
    ) -> Result<bool, StoreError> {
        if let Some(pg) = self.postgres() {
            return self.noted(pg.vote(answer_id, user_id, up, at));
        }
        self.write(|tx| {
            let n = tx.execute(
                "INSERT INTO feedback (answer_id, user_id, up, at)
                 SELECT answer_id, ?2, ?3, ?4 FROM answers WHERE answer_id = ?1
                 ON CONFLICT (answer_id, user_id) DO UPDATE SET up = excluded.up, at = excluded.at",
                params![answer_id, to_sql_id(user_id), up, at],
            )?;
            Ok(n > 0)
        })
    }

    /// `(up, down)` vote counts of an answer (zeros for an unknown one).
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails.
    pub fn feedback_counts(&self, answer_id: &str) -> Result<(u64, u64), StoreError> {
        if let Some(pg) = self.postgres() {
            return pg.feedback_counts(answer_id);
        }
        self.read(|conn| {
            let (up, down): (i64, i64) = conn
                .prepare_cached(
                    "SELECT COALESCE(SUM(up = 1), 0), COALESCE(SUM(up = 0), 0)
                 FROM feedback WHERE answer_id = ?1",
                )?
                .query_row([answer_id], |row| Ok((row.get(0)?, row.get(1)?)))?;
            Ok((count(up), count(down)))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::store::fixtures::{new_answer, on_both, rows};
    use serde_json::json;

    on_both! {
        fn a_second_vote_replaces_the_first(s) {
            let payload = json!({});
            let id = s.insert_answer(&new_answer(5, "q", &payload, 1)).unwrap();
            assert_eq!(s.feedback_counts(&id).unwrap(), (0, 0));
            assert!(s.vote(&id, 1, true, 10).unwrap());
            assert!(s.vote(&id, 2, true, 11).unwrap());
            assert!(s.vote(&id, 3, false, 12).unwrap());
            assert_eq!(s.feedback_counts(&id).unwrap(), (2, 1));
            assert!(s.vote(&id, 1, false, 13).unwrap());
            assert!(s.vote(&id, 1, false, 14).unwrap());
            assert_eq!(s.feedback_counts(&id).unwrap(), (1, 2));
            // Votes on an answer that is gone are refused, not an error.
            assert!(!s.vote("gone", 1, true, 15).unwrap());
            assert_eq!(s.feedback_counts("gone").unwrap(), (0, 0));
            // Deleting the answer takes its votes.
            s.delete_answer(&id).unwrap();
            assert_eq!(rows(&s, "feedback"), 0);
        }
    }
}
