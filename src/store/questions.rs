//! The question log behind `/gaps`: questions asked and how well they were answered, and what the
//! guild's library is missing.

use rusqlite::params;

use super::{Record, Store, StoreError, count, to_sql_id};

/// The most unanswered questions, and the most 👎 votes, one `/gaps` reads: the newest of its
/// window. At this size it takes milliseconds on a log of any length (docs/RELIABILITY.md).
pub const GAPS_SCAN: usize = 20_000;

/// `/gaps`'s unanswered questions (?1 guild, ?2 since, ?3 groups shown, ?4 rows read). The inner
/// scan reads `questions_unanswered` alone (it covers `id`, `question_key` and `at`); the
/// wording is read only for the groups shown. A bare column beside MAX() takes its value from the
/// row holding the maximum (documented SQLite behaviour), so `id` is each group's latest asking.
const UNANSWERED_SQL: &str = "SELECT q.question, g.n, g.last_at, g.scanned FROM (
         SELECT question_key, id, COUNT(*) AS n, MAX(at) AS last_at,
                SUM(COUNT(*)) OVER () AS scanned
         FROM (SELECT id, question_key, at FROM questions
               WHERE guild_id = ?1 AND answered = 0 AND at >= ?2
               ORDER BY at DESC LIMIT ?4)
         GROUP BY question_key
         ORDER BY n DESC, last_at DESC, question_key
         LIMIT ?3) AS g
     JOIN questions AS q ON q.id = g.id
     ORDER BY g.n DESC, g.last_at DESC, g.question_key";

/// `/gaps`'s answers voted down (?1 guild, ?2 since, ?3 answers shown, ?4 votes read): from the
/// newest 👎 votes (`feedback_downs`), never from a scan of every answer of the guild; a vote is
/// never older than its answer.
const DOWNVOTED_SQL: &str =
    "SELECT a.answer_id, a.question, SUM(f.up = 0) AS downs, SUM(f.up = 1) AS ups
     FROM (SELECT DISTINCT answer_id FROM
               (SELECT answer_id FROM feedback WHERE up = 0 AND at >= ?2
                ORDER BY at DESC LIMIT ?4)) AS d
     JOIN answers AS a ON a.answer_id = d.answer_id
     JOIN feedback AS f ON f.answer_id = a.answer_id
     WHERE a.guild_id = ?1 AND a.created_at >= ?2
     GROUP BY a.answer_id
     ORDER BY downs DESC, ups ASC, a.created_at DESC, a.answer_id
     LIMIT ?3";

/// What `/gaps` shows for a guild; see [`Store::gaps`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Gaps {
    /// Questions without a good hit, grouped, most asked first.
    pub unanswered: Vec<UnansweredQuestion>,
    /// Answers with 👎, most 👎 first.
    pub downvoted: Vec<DownvotedAnswer>,
    /// Whether the window held more unanswered questions than [`GAPS_SCAN`], so only the newest
    /// were counted.
    pub truncated: bool,
}

/// One group of unanswered questions.
#[derive(Debug, Clone, PartialEq)]
pub struct UnansweredQuestion {
    /// The most recent wording of the question.
    pub question: String,
    /// How often it was asked in the window.
    pub count: u64,
    /// When it was last asked.
    pub last_at: i64,
}

/// An answer that drew 👎.
#[derive(Debug, Clone, PartialEq)]
pub struct DownvotedAnswer {
    /// The answer.
    pub answer_id: String,
    /// Its question.
    pub question: String,
    /// 👎 votes.
    pub downs: u64,
    /// 👍 votes.
    pub ups: u64,
}

impl Store {
    /// Logs a question for `/gaps`: its best hit's score and whether that was good enough to
    /// answer. A NaN score is stored as 0.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails.
    pub fn log_question(
        &self,
        guild_id: Option<u64>,
        question: &str,
        best_score: f32,
        answered: bool,
        at: i64,
    ) -> Result<(), StoreError> {
        // The same row the batch writer commits for `/ask`, written now.
        self.write_records(&[Record::Question {
            guild_id,
            question: question.to_string(),
            best_score,
            answered,
            at,
        }])
    }

    /// What the guild's library is missing since `since`, at most `limit` entries per list:
    /// unanswered questions grouped by [`normalise_question`] (so case, spacing and trailing
    /// punctuation do not split a group), most asked first, then most recent; and answers
    /// created since `since` that drew 👎, most 👎 first (then fewest 👍, then newest).
    ///
    /// Bounded whatever the log holds: it reads the newest [`GAPS_SCAN`] unanswered questions of
    /// the guild and the newest [`GAPS_SCAN`] 👎 votes of the window, from partial indexes that
    /// hold only those rows, and never the rest of the log. [`Gaps::truncated`] says when the
    /// window held more unanswered questions than were read.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails.
    pub fn gaps(&self, guild_id: u64, since: i64, limit: usize) -> Result<Gaps, StoreError> {
        self.gaps_scanning(guild_id, since, limit, GAPS_SCAN)
    }

    fn gaps_scanning(
        &self,
        guild_id: u64,
        since: i64,
        limit: usize,
        scan: usize,
    ) -> Result<Gaps, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let scan = i64::try_from(scan).unwrap_or(i64::MAX);
        if let Some(pg) = self.postgres() {
            return pg.gaps(guild_id, since, limit, scan);
        }
        let guild = to_sql_id(guild_id);
        self.read(|conn| {
            let mut scanned = 0;
            let unanswered = conn
                .prepare_cached(UNANSWERED_SQL)?
                .query_map(params![guild, since, limit, scan], |row| {
                    Ok((
                        UnansweredQuestion {
                            question: row.get(0)?,
                            count: count(row.get(1)?),
                            last_at: row.get(2)?,
                        },
                        row.get::<_, i64>(3)?,
                    ))
                })?
                .map(|row| {
                    row.map(|(u, n)| {
                        scanned = n;
                        u
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            let downvoted = conn
                .prepare_cached(DOWNVOTED_SQL)?
                .query_map(params![guild, since, limit, scan], |row| {
                    Ok(DownvotedAnswer {
                        answer_id: row.get(0)?,
                        question: row.get(1)?,
                        downs: count(row.get(2)?),
                        ups: count(row.get(3)?),
                    })
                })?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Gaps {
                unanswered,
                downvoted,
                truncated: scanned >= scan,
            })
        })
    }
}

/// The form questions are compared in: lower case, runs of whitespace as one space, no leading
/// or trailing spaces and no trailing `?`, `!`, `.`, `,`, `;` or `:`. Idempotent.
pub fn normalise_question(question: &str) -> String {
    let lowered = question.to_lowercase();
    let mut out = String::with_capacity(lowered.len());
    for word in lowered.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    let kept = out
        .trim_end_matches(|c: char| c.is_whitespace() || "?!.,;:".contains(c))
        .len();
    out.truncate(kept);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::NewAnswer;
    use crate::store::fixtures::{new_answer, on_both, pg_store, store};
    use serde_json::json;

    on_both! {
        fn gaps_group_and_order_unanswered_questions(s) {
            let log = |g: Option<u64>, q: &str, answered: bool, at: i64| {
                s.log_question(g, q, 0.1, answered, at).unwrap();
            };
            log(Some(10), "How do I become a nurse?", false, 100);
            log(Some(10), "how do i become a NURSE", false, 110);
            log(Some(10), "  How do I  become a nurse  ", false, 120);
            log(Some(10), "What is a UX writer?", false, 200);
            log(Some(10), "what is a ux writer", false, 210);
            log(Some(10), "Pilot salary", false, 300);
            log(Some(10), "Chef salary", false, 290);
            // Answered, another guild, a DM, or before the window: not gaps.
            log(Some(10), "how do i become a nurse", true, 400);
            log(Some(11), "how do i become a nurse", false, 400);
            log(None, "how do i become a nurse", false, 400);
            log(Some(10), "welder training", false, 10);
            s.log_question(Some(10), "nan score", f32::NAN, false, 50)
                .unwrap();

            let gaps = s.gaps(10, 50, 10).unwrap();
            let got: Vec<(&str, u64, i64)> = gaps
                .unanswered
                .iter()
                .map(|u| (u.question.as_str(), u.count, u.last_at))
                .collect();
            assert_eq!(
                got,
                [
                    ("How do I  become a nurse", 3, 120),
                    ("what is a ux writer", 2, 210),
                    ("Pilot salary", 1, 300),
                    ("Chef salary", 1, 290),
                    ("nan score", 1, 50),
                ]
            );
            assert_eq!(s.gaps(10, 50, 2).unwrap().unanswered.len(), 2);
            assert_eq!(s.gaps(12, 0, 10).unwrap(), Gaps::default());
        }
    }

    on_both! {
        fn gaps_order_downvoted_answers_by_downs(s) {
            let payload = json!({});
            let a = s
                .insert_answer(&new_answer(5, "a?", &payload, 100))
                .unwrap();
            let b = s
                .insert_answer(&new_answer(5, "b?", &payload, 100))
                .unwrap();
            let c = s
                .insert_answer(&new_answer(5, "c?", &payload, 100))
                .unwrap();
            let liked = s
                .insert_answer(&new_answer(5, "liked", &payload, 100))
                .unwrap();
            let old = s
                .insert_answer(&new_answer(5, "old", &payload, 10))
                .unwrap();
            let dm = s
                .insert_answer(&NewAnswer {
                    guild_id: None,
                    ..new_answer(5, "dm", &payload, 100)
                })
                .unwrap();
            for (id, ups, downs) in [
                (&a, 0, 1),
                (&b, 0, 3),
                (&c, 2, 1),
                (&liked, 5, 0),
                (&old, 0, 9),
                (&dm, 0, 9),
            ] {
                for u in 0..ups {
                    s.vote(id, u, true, 100).unwrap();
                }
                for d in 0..downs {
                    s.vote(id, 100 + d, false, 100).unwrap();
                }
            }
            let gaps = s.gaps(10, 50, 10).unwrap();
            let got: Vec<(&str, &str, u64, u64)> = gaps
                .downvoted
                .iter()
                .map(|d| (d.answer_id.as_str(), d.question.as_str(), d.downs, d.ups))
                .collect();
            assert_eq!(
                got,
                [
                    (b.as_str(), "b?", 3, 0),
                    (a.as_str(), "a?", 1, 0),
                    (c.as_str(), "c?", 1, 2)
                ]
            );
            assert_eq!(s.gaps(10, 50, 1).unwrap().downvoted.len(), 1);
        }
    }

    on_both! {
        fn gaps_read_only_the_newest_questions_and_say_when_they_stopped_short(s) {
            for at in 0..6 {
                s.log_question(Some(10), "old wording", 0.1, false, at)
                    .unwrap();
            }
            for at in 6..10 {
                s.log_question(Some(10), "new wording", 0.1, false, at)
                    .unwrap();
            }
            // Answered questions and other guilds take no part of the budget.
            for at in 10..20 {
                s.log_question(Some(10), "answered", 0.9, true, at).unwrap();
                s.log_question(Some(11), "elsewhere", 0.1, false, at)
                    .unwrap();
            }
            let cut = s.gaps_scanning(10, 0, 10, 5).unwrap();
            let got: Vec<(&str, u64)> = cut
                .unanswered
                .iter()
                .map(|u| (u.question.as_str(), u.count))
                .collect();
            assert_eq!(got, [("new wording", 4), ("old wording", 1)]);
            assert!(cut.truncated);
            let whole = s.gaps_scanning(10, 0, 10, 100).unwrap();
            assert_eq!(whole.unanswered[0].count, 6);
            assert!(!whole.truncated);
            assert!(!s.gaps(10, 0, 10).unwrap().truncated);
        }
    }

    /// The plan of each `/gaps` query: it must read its partial index and never scan a table.
    fn plan(s: &Store, sql: &str) -> Vec<String> {
        let conn = s.lock();
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        stmt.query_map(params![10, 0, 15, GAPS_SCAN as i64], |r| {
            r.get::<_, String>(3)
        })
        .unwrap()
        .map(Result::unwrap)
        .collect()
    }

    #[test]
    fn gaps_queries_read_their_indexes_and_scan_no_table() {
        let s = store();
        let unanswered = plan(&s, UNANSWERED_SQL);
        assert!(
            unanswered
                .iter()
                .any(|d| d.contains("COVERING INDEX questions_unanswered")),
            "{unanswered:?}"
        );
        let downvoted = plan(&s, DOWNVOTED_SQL);
        assert!(
            downvoted
                .iter()
                .any(|d| d.contains("COVERING INDEX feedback_downs")),
            "{downvoted:?}"
        );
        for detail in unanswered.iter().chain(&downvoted) {
            for table in ["questions", "answers", "feedback", "q ", "a ", "f "] {
                assert!(
                    !format!("{detail} ").starts_with(&format!("SCAN {table}")),
                    "a table scan: {detail}"
                );
            }
        }
    }

    /// PostgreSQL's plans for `/gaps`: with sequential scans discouraged, each query reads its
    /// partial index (and no table scan is left in the plan).
    #[test]
    fn gaps_queries_on_postgres_read_their_partial_indexes() {
        let Some(s) = pg_store() else {
            return;
        };
        let [unanswered, downvoted] = s.postgres().unwrap().gaps_plans().unwrap();
        assert!(unanswered.contains("questions_unanswered"), "{unanswered}");
        assert!(downvoted.contains("feedback_downs"), "{downvoted}");
        for plan in [&unanswered, &downvoted] {
            assert!(!plan.contains("Seq Scan"), "a table scan: {plan}");
        }
    }

    #[test]
    fn normalise_question_is_idempotent() {
        for q in [
            "  How do I  become a Nurse?! ",
            "C++ jobs?",
            "what is a ux writer . ?",
            "",
            "???",
        ] {
            let once = normalise_question(q);
            assert_eq!(normalise_question(&once), once);
        }
        assert_eq!(
            normalise_question("  How do I  become a Nurse?! "),
            "how do i become a nurse"
        );
        assert_eq!(normalise_question("C++ jobs?"), "c++ jobs");
        assert_eq!(
            normalise_question("what is a ux writer . ?"),
            "what is a ux writer"
        );
        assert_eq!(normalise_question("???"), "");
    }
}
