//! The batch writer: what the bot records after answering, committed together on a thread of its
//! own.

use std::sync::Mutex;
use std::time::Duration;

use rusqlite::params;

use super::{Store, StoreError, normalise_question, to_sql_id};

/// Something the bot records after answering, written by the [`BatchWriter`].
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    /// An answer posted, under an id the caller chose with [`new_answer_id`](super::new_answer_id).
    Answer {
        /// The answer's id (in its buttons' custom ids).
        answer_id: String,
        /// The guild, or `None` in a DM.
        guild_id: Option<u64>,
        /// The channel.
        channel_id: u64,
        /// Who asked.
        asker_id: u64,
        /// The question as asked.
        question: String,
        /// Which command answered.
        kind: String,
        /// What was shown, as JSON text (serialised by the sender, so no `Value` tree is
        /// built per answer).
        payload: String,
        /// When.
        created_at: i64,
    },
    /// The message an answer became.
    AnswerMessage {
        /// The answer.
        answer_id: String,
        /// Its message.
        message_id: u64,
    },
    /// A question asked, for `/gaps`.
    Question {
        /// The guild, or `None` in a DM.
        guild_id: Option<u64>,
        /// The question.
        question: String,
        /// Score of the best passage.
        best_score: f32,
        /// Whether a good passage was found.
        answered: bool,
        /// When.
        at: i64,
    },
}

impl Store {
    /// Writes records in one transaction (see [`BatchWriter`]). An answer whose id is already
    /// taken is skipped with a warning (ids are random 64-bit numbers: it does not happen).
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails; nothing of the batch is written then.
    pub fn write_records(&self, records: &[Record]) -> Result<(), StoreError> {
        self.write(|tx| {
            for r in records {
                match r {
                    Record::Answer { answer_id, guild_id, channel_id, asker_id, question, kind, payload, created_at } => {
                        let n = tx
                            .prepare_cached(
                                "INSERT OR IGNORE INTO answers (answer_id, guild_id, channel_id, message_id, asker_id,
                                     question, question_key, kind, payload, created_at)
                                 VALUES (?1, ?2, ?3, NULL, ?4, ?5, ?6, ?7, ?8, ?9)",
                            )?
                            .execute(params![
                                answer_id,
                                guild_id.map(to_sql_id),
                                to_sql_id(*channel_id),
                                to_sql_id(*asker_id),
                                question,
                                normalise_question(question),
                                kind,
                                payload,
                                created_at
                            ])?;
                        if n == 0 {
                            tracing::warn!(answer_id, "answer id already taken; record skipped");
                        }
                    }
                    Record::AnswerMessage { answer_id, message_id } => {
                        tx.prepare_cached("UPDATE answers SET message_id = ?2 WHERE answer_id = ?1")?
                            .execute(params![answer_id, to_sql_id(*message_id)])?;
                    }
                    Record::Question { guild_id, question, best_score, answered, at } => {
                        let score = if best_score.is_nan() { 0.0 } else { f64::from(*best_score) };
                        tx.prepare_cached(
                            "INSERT INTO questions (guild_id, question, question_key, best_score, answered, at)
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        )?
                        .execute(params![
                            guild_id.map(to_sql_id),
                            question.trim(),
                            normalise_question(question),
                            score,
                            answered,
                            at
                        ])?;
                    }
                }
            }
            Ok(())
        })
    }
}

enum Job {
    Write(Record),
    Flush(std::sync::mpsc::Sender<()>),
}

/// How long the writer gathers records before committing them together.
const BATCH_WINDOW: Duration = Duration::from_millis(50);
/// How long the writer naps between looks at the queue while gathering (a flush waits at most
/// this long to be seen).
const BATCH_NAP: Duration = Duration::from_millis(10);
/// Most records in one transaction.
const MAX_BATCH: usize = 4096;
/// Records waiting before `send` blocks (back-pressure instead of unbounded memory).
const QUEUE: usize = 16_384;

/// Writes the bot's answer and question records on a thread of its own, committing everything
/// that arrived within a few milliseconds in one transaction, so answering never waits for
/// SQLite and thousands of answers a second cost a few commits. A crash loses at most the
/// records of the last few milliseconds (never a pinned answer or a vote: those are written
/// directly). Dropping the writer commits what is queued.
pub struct BatchWriter {
    tx: Mutex<Option<std::sync::mpsc::SyncSender<Job>>>,
    worker: Mutex<Option<std::thread::JoinHandle<()>>>,
}

impl std::fmt::Debug for BatchWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BatchWriter").finish_non_exhaustive()
    }
}

impl BatchWriter {
    /// Starts the writer thread for `store`, on a connection of its own when the store is a
    /// file (so its commits never hold up the readers' connection; WAL lets both proceed).
    pub fn start(store: Store) -> BatchWriter {
        let store = match &store.path {
            Some(path) => Store::open(path).unwrap_or_else(|e| {
                tracing::warn!(error = %e, "store writer shares the readers' connection");
                store.clone()
            }),
            None => store,
        };
        let (tx, rx) = std::sync::mpsc::sync_channel::<Job>(QUEUE);
        let worker = std::thread::Builder::new()
            .name("careerbot-store-writer".into())
            .spawn(move || {
                yield_to_answering();
                write_loop(&store, &rx);
            })
            .expect("spawn the store writer thread");
        BatchWriter {
            tx: Mutex::new(Some(tx)),
            worker: Mutex::new(Some(worker)),
        }
    }

    fn sender(&self) -> Option<std::sync::mpsc::SyncSender<Job>> {
        self.tx
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Queues a record (blocks only while the queue is full).
    pub fn send(&self, record: Record) {
        match self.sender() {
            Some(tx) if tx.send(Job::Write(record)).is_ok() => {}
            _ => tracing::error!("store writer stopped; record dropped"),
        }
    }

    /// Waits until every record sent before this call is committed (bounded: 10 s).
    pub fn flush(&self) {
        let (done_tx, done_rx) = std::sync::mpsc::channel();
        if let Some(tx) = self.sender()
            && tx.send(Job::Flush(done_tx)).is_ok()
        {
            let _ = done_rx.recv_timeout(Duration::from_secs(10));
        }
    }
}

impl Drop for BatchWriter {
    fn drop(&mut self) {
        self.tx
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        if let Some(worker) = self
            .worker
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take()
        {
            let _ = worker.join();
        }
    }
}

/// How much nicer the writer thread is than the thread that starts it: a little below the
/// threads answering requests.
const WRITER_NICE: i32 = 5;

/// Lowers the calling thread's CPU priority by [`WRITER_NICE`] (Linux; elsewhere a no-op).
///
/// A commit is a burst of several milliseconds of CPU every [`BATCH_WINDOW`]. At equal priority
/// it halves the speed of the thread answering requests on that CPU for the whole burst, and
/// every request queued there waits that much longer; a little lower, the burst is spread
/// thinly over the time the answering threads leave, and the writer still gets about a quarter
/// of a CPU when everything competes, several times what it needs (docs/PERFORMANCE.md).
fn yield_to_answering() {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: `gettid` takes nothing and returns the calling thread's id.
        let tid = unsafe { libc::gettid() };
        let Ok(who) = libc::id_t::try_from(tid) else {
            return;
        };
        // SAFETY: plain integers in and out, no memory of ours touched; on Linux
        // `PRIO_PROCESS` with a thread id reads and changes that thread alone. (A nice value of
        // -1 is also `getpriority`'s error value; for the calling thread it cannot fail.)
        let now = unsafe { libc::getpriority(libc::PRIO_PROCESS, who) };
        let nice = (now + WRITER_NICE).min(19);
        if unsafe { libc::setpriority(libc::PRIO_PROCESS, who, nice) } != 0 {
            tracing::debug!(
                tid,
                error = %std::io::Error::last_os_error(),
                "store writer keeps its priority"
            );
        }
    }
}

fn write_loop(store: &Store, rx: &std::sync::mpsc::Receiver<Job>) {
    while let Ok(first) = rx.recv() {
        let mut records = Vec::new();
        let mut waiters = Vec::new();
        let take = |job: Job, records: &mut Vec<Record>, waiters: &mut Vec<_>| match job {
            Job::Write(r) => records.push(r),
            Job::Flush(w) => waiters.push(w),
        };
        take(first, &mut records, &mut waiters);
        // Gather by napping and draining, not by waiting on the channel: a receiver blocked in
        // `recv` is woken by every record (thousands of wake-ups a second under load, each one
        // taking a CPU from a request being answered); a napping one is not.
        let deadline = std::time::Instant::now() + BATCH_WINDOW;
        'gather: while records.len() < MAX_BATCH && waiters.is_empty() {
            loop {
                match rx.try_recv() {
                    Ok(job) => {
                        take(job, &mut records, &mut waiters);
                        if records.len() >= MAX_BATCH || !waiters.is_empty() {
                            break 'gather;
                        }
                    }
                    Err(std::sync::mpsc::TryRecvError::Empty) => break,
                    Err(std::sync::mpsc::TryRecvError::Disconnected) => break 'gather,
                }
            }
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                break;
            }
            std::thread::sleep(left.min(BATCH_NAP));
        }
        if !records.is_empty() {
            let result = store.write_records(&records).or_else(|e| {
                tracing::warn!(error = %e, records = records.len(), "batch write failed; retrying once");
                store.write_records(&records)
            });
            if let Err(e) = result {
                tracing::error!(error = %e, records = records.len(), "batch write failed; records dropped");
            }
        }
        for w in waiters {
            let _ = w.send(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::new_answer_id;
    use std::path::Path;

    #[cfg(target_os = "linux")]
    #[test]
    fn the_batch_writer_runs_below_the_answering_threads() {
        let dir = tempfile::tempdir().unwrap();
        let writer = BatchWriter::start(Store::open(&dir.path().join("n.db")).unwrap());
        writer.flush();
        // Field 19 of a thread's `stat` is its nice value.
        let nice_in = |stat: &Path| {
            let stat = std::fs::read_to_string(stat).unwrap();
            let after_name = &stat[stat.rfind(')').unwrap() + 2..];
            after_name
                .split(' ')
                .nth(16)
                .unwrap()
                .parse::<i32>()
                .unwrap()
        };
        // Linux keeps a thread's name to 15 bytes.
        let writers: Vec<i32> = std::fs::read_dir("/proc/self/task")
            .unwrap()
            .filter_map(Result::ok)
            .filter(|t| {
                std::fs::read_to_string(t.path().join("comm"))
                    .is_ok_and(|comm| comm.trim_end() == "careerbot-store")
            })
            .map(|t| nice_in(&t.path().join("stat")))
            .collect();
        assert!(
            !writers.is_empty(),
            "the writer thread is found by its name"
        );
        let starter = nice_in(Path::new("/proc/thread-self/stat"));
        assert!(
            writers.contains(&(starter + WRITER_NICE).min(19)),
            "writer niceness {writers:?}, the thread that started it {starter}"
        );
    }

    #[test]
    fn batch_writer_commits_records_and_flushes() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("b.db")).unwrap();
        let writer = BatchWriter::start(store.clone());
        let ids: Vec<String> = (0..1000).map(|_| new_answer_id()).collect();
        for (i, id) in ids.iter().enumerate() {
            writer.send(Record::Answer {
                answer_id: id.clone(),
                guild_id: Some(1),
                channel_id: 2,
                asker_id: 3,
                question: format!("question {i}"),
                kind: "ask".into(),
                payload: serde_json::json!({ "i": i }).to_string(),
                created_at: 100,
            });
            writer.send(Record::Question {
                guild_id: Some(1),
                question: format!("q{i}"),
                best_score: 1.0,
                answered: false,
                at: 100,
            });
        }
        writer.send(Record::AnswerMessage {
            answer_id: ids[0].clone(),
            message_id: 77,
        });
        writer.flush();
        assert_eq!(store.answer(&ids[999]).unwrap().unwrap().payload["i"], 999);
        assert_eq!(store.answer(&ids[0]).unwrap().unwrap().message_id, Some(77));
        assert_eq!(store.gaps(1, 0, 5000).unwrap().unanswered.len(), 1000);
        // Dropping commits what is still queued.
        let last = new_answer_id();
        writer.send(Record::AnswerMessage {
            answer_id: ids[1].clone(),
            message_id: 78,
        });
        writer.send(Record::Answer {
            answer_id: last.clone(),
            guild_id: None,
            channel_id: 2,
            asker_id: 3,
            question: "late".into(),
            kind: "ask".into(),
            payload: "{}".to_string(),
            created_at: 100,
        });
        drop(writer);
        assert!(store.answer(&last).unwrap().is_some());
        assert_eq!(store.answer(&ids[1]).unwrap().unwrap().message_id, Some(78));
    }
}
