//! The batch writer: what the bot records while answering, committed together on a thread of its
//! own, each caller told (by an [`Ack`]) once its records are on disk.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError, mpsc};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use rusqlite::{Connection, Transaction, params};

use super::retention::{PruneReport, Pruning, Retention};
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
        if let Some(pg) = self.postgres() {
            return self.noted(pg.write_records(records));
        }
        self.write(|tx| insert_records(tx, records))
    }
}

/// The `INSERT`s (and `UPDATE`s) of `records`, in `tx`.
fn insert_records<'a>(
    tx: &Transaction<'_>,
    records: impl IntoIterator<Item = &'a Record>,
) -> Result<(), StoreError> {
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
                let n = tx
                    .prepare_cached(
                        "INSERT OR IGNORE INTO answers (answer_id, guild_id, channel_id, message_id,
                             asker_id, question, question_key, kind, payload, created_at)
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
            Record::AnswerMessage {
                answer_id,
                message_id,
            } => {
                tx.prepare_cached("UPDATE answers SET message_id = ?2 WHERE answer_id = ?1")?
                    .execute(params![answer_id, to_sql_id(*message_id)])?;
            }
            Record::Question {
                guild_id,
                question,
                best_score,
                answered,
                at,
            } => {
                let score = if best_score.is_nan() {
                    0.0
                } else {
                    f64::from(*best_score)
                };
                tx.prepare_cached(
                    "INSERT INTO questions (guild_id, question, question_key, best_score,
                         answered, at)
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
}

/// Why records were not acknowledged as written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CommitError {
    /// The transaction holding them failed (twice): nothing of it was written.
    #[error("database write failed: {0}")]
    Failed(String),
    /// No outcome within the wait; the records may still be written later.
    #[error("no commit within {0:?}")]
    TimedOut(Duration),
    /// The writer stopped (shutting down, or it panicked) before writing them.
    #[error("the store writer has stopped")]
    Stopped,
}

/// The acknowledgement of records handed to [`BatchWriter::submit`]: it resolves once the
/// transaction holding them is committed (with `synchronous=FULL`: on disk), or has failed.
/// Cloning shares it; one task at a time may await it.
#[derive(Clone)]
pub struct Ack {
    slot: Arc<AckSlot>,
}

impl std::fmt::Debug for Ack {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ack")
            .field("outcome", &self.outcome())
            .finish()
    }
}

impl PartialEq for Ack {
    fn eq(&self, other: &Ack) -> bool {
        Arc::ptr_eq(&self.slot, &other.slot)
    }
}

impl Ack {
    /// The outcome, once known.
    pub fn outcome(&self) -> Option<Result<(), CommitError>> {
        self.slot.state().outcome.clone()
    }

    /// Blocks until the records are written (or failed), at most `timeout`.
    ///
    /// # Errors
    /// [`CommitError`]: the write failed, the writer stopped, or `timeout` passed.
    pub fn wait(&self, timeout: Duration) -> Result<(), CommitError> {
        let state = self.slot.state();
        let (state, _) = self
            .slot
            .done
            .wait_timeout_while(state, timeout, |s| s.outcome.is_none())
            .unwrap_or_else(PoisonError::into_inner);
        state
            .outcome
            .clone()
            .unwrap_or(Err(CommitError::TimedOut(timeout)))
    }

    /// Waits, without blocking the thread, until the records are written (or failed), at most
    /// `timeout`. Needs a tokio runtime with its timer.
    ///
    /// # Errors
    /// [`CommitError`]: the write failed, the writer stopped, or `timeout` passed.
    pub async fn committed(&self, timeout: Duration) -> Result<(), CommitError> {
        tokio::time::timeout(timeout, AckFuture(&self.slot))
            .await
            .unwrap_or(Err(CommitError::TimedOut(timeout)))
    }
}

#[derive(Default)]
struct AckSlot {
    state: Mutex<AckState>,
    done: Condvar,
}

#[derive(Default)]
struct AckState {
    outcome: Option<Result<(), CommitError>>,
    /// The task awaiting it, if one is.
    waker: Option<Waker>,
}

impl AckSlot {
    fn state(&self) -> MutexGuard<'_, AckState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn resolve(&self, outcome: Result<(), CommitError>) {
        let waker = {
            let mut state = self.state();
            if state.outcome.is_none() {
                state.outcome = Some(outcome);
            }
            state.waker.take()
        };
        self.done.notify_all();
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

struct AckFuture<'a>(&'a AckSlot);

impl Future for AckFuture<'_> {
    type Output = Result<(), CommitError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut state = self.0.state();
        match &state.outcome {
            Some(outcome) => Poll::Ready(outcome.clone()),
            None => {
                state.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

/// The writer's end of an [`Ack`]. Dropped unresolved (the writer stopped, or panicked), it
/// resolves as [`CommitError::Stopped`], so nobody waits for a commit that will never come.
struct AckSender {
    slot: Option<Arc<AckSlot>>,
}

impl AckSender {
    fn pair() -> (AckSender, Ack) {
        let slot = Arc::new(AckSlot::default());
        (
            AckSender {
                slot: Some(Arc::clone(&slot)),
            },
            Ack { slot },
        )
    }

    fn resolve(mut self, outcome: Result<(), CommitError>) {
        if let Some(slot) = self.slot.take() {
            slot.resolve(outcome);
        }
    }
}

impl Drop for AckSender {
    fn drop(&mut self) {
        if let Some(slot) = self.slot.take() {
            slot.resolve(Err(CommitError::Stopped));
        }
    }
}

enum Job {
    /// Records to commit together, acknowledged (when `ack` is given) once they are.
    Write {
        records: Vec<Record>,
        ack: Option<AckSender>,
    },
    /// Answered once everything sent before it is committed.
    Flush(mpsc::Sender<()>),
    /// Prune, one batch between two commits, then say what was removed.
    Prune(PruneRequest),
}

/// A prune asked for by [`BatchWriter::prune_now`].
struct PruneRequest {
    retention: Retention,
    now: i64,
    done: mpsc::Sender<Result<PruneReport, StoreError>>,
}

/// How long the writer gathers records that nobody waits for before committing them together.
const BATCH_WINDOW: Duration = Duration::from_millis(50);
/// How long it gathers once a record is awaited: a request waits this (and the commit's
/// `fsync`) before its answer goes out, so it is short; under load the `fsync` itself gathers
/// the records that arrive meanwhile into the next commit.
const ACK_WINDOW: Duration = Duration::from_millis(2);
/// How long the writer naps between looks at the queue while gathering records nobody awaits.
const BATCH_NAP: Duration = Duration::from_millis(10);
/// The same, once a record is awaited.
const ACK_NAP: Duration = Duration::from_millis(1);
/// Most records in one transaction.
const MAX_BATCH: usize = 4096;
/// Jobs waiting before `send` blocks (back-pressure instead of unbounded memory).
const QUEUE: usize = 16_384;

/// Writes the bot's answer and question records on a thread of its own, committing everything
/// that arrived within a few milliseconds in one transaction (one `fsync`), so thousands of
/// answers a second cost a few hundred commits.
///
/// [`BatchWriter::submit`] returns an [`Ack`] that resolves once its records are on disk (or
/// failed): a caller that tells a user something worked waits for it first, so a crash can
/// lose only records nobody was told about. [`BatchWriter::send`] is fire-and-forget, for
/// records nothing is acknowledged on (the question log, an answer's message id). A prune
/// ([`BatchWriter::prune_now`], asked for by the bot's upkeep loop) runs on the same thread, one
/// small batch between two commits. Dropping the writer commits what is queued.
pub struct BatchWriter {
    tx: Mutex<Option<mpsc::SyncSender<Job>>>,
    worker: Mutex<Option<std::thread::JoinHandle<()>>>,
}

impl std::fmt::Debug for BatchWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BatchWriter").finish_non_exhaustive()
    }
}

impl BatchWriter {
    /// Starts the writer thread for `store`, on a connection of its own when the store is a
    /// file (its commits never hold up the store's own connection; WAL lets readers proceed).
    pub fn start(store: Store) -> BatchWriter {
        let conn = store.writer_connection().unwrap_or_else(|e| {
            tracing::warn!(error = %e, "store writer shares the store's connection");
            None
        });
        let (tx, rx) = mpsc::sync_channel::<Job>(QUEUE);
        let worker = std::thread::Builder::new()
            .name("careerbot-store-writer".into())
            .spawn(move || {
                yield_to_answering();
                Writer {
                    store,
                    conn,
                    pruning: VecDeque::new(),
                }
                .run(&rx);
            })
            .expect("spawn the store writer thread");
        BatchWriter {
            tx: Mutex::new(Some(tx)),
            worker: Mutex::new(Some(worker)),
        }
    }

    fn sender(&self) -> Option<mpsc::SyncSender<Job>> {
        self.tx
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn queue(&self, job: Job) -> bool {
        match self.sender() {
            Some(tx) => tx.send(job).is_ok(),
            None => false,
        }
    }

    /// Queues a record nobody waits for (blocks only while the queue is full).
    pub fn send(&self, record: Record) {
        let job = Job::Write {
            records: vec![record],
            ack: None,
        };
        if !self.queue(job) {
            tracing::error!("store writer stopped; record dropped");
        }
    }

    /// Queues records to be committed together, in one transaction with whatever else arrives
    /// meanwhile; the [`Ack`] resolves once they are written (or failed).
    pub fn submit(&self, records: Vec<Record>) -> Ack {
        let (sender, ack) = AckSender::pair();
        let job = Job::Write {
            records,
            ack: Some(sender),
        };
        // A job that cannot be queued is dropped here, and its sender with it: the ack then
        // says the writer stopped.
        if !self.queue(job) {
            tracing::error!("store writer stopped; records not written");
        }
        ack
    }

    /// Waits until every record sent before this call is committed (bounded: 10 s).
    pub fn flush(&self) {
        let (done_tx, done_rx) = mpsc::channel();
        if self.queue(Job::Flush(done_tx)) {
            let _ = done_rx.recv_timeout(Duration::from_secs(10));
        }
    }

    /// Prunes by `retention` at `now` on the writer's thread, after what is queued, one batch
    /// (one short transaction) between two commits, so records keep being committed and
    /// acknowledged within milliseconds while a large backlog is pruned; waits until the prune
    /// is done and returns what was removed.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails, [`StoreError::WriterStopped`] if the writer has
    /// stopped.
    pub fn prune_now(&self, retention: Retention, now: i64) -> Result<PruneReport, StoreError> {
        let (done, result) = mpsc::channel();
        if !self.queue(Job::Prune(PruneRequest {
            retention,
            now,
            done,
        })) {
            return Err(StoreError::WriterStopped);
        }
        result.recv().unwrap_or(Err(StoreError::WriterStopped))
    }
}

impl Drop for BatchWriter {
    fn drop(&mut self) {
        self.tx
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(worker) = self
            .worker
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
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
/// A commit is a burst of several milliseconds of CPU. At equal priority it halves the speed of
/// the thread answering requests on that CPU for the whole burst, and every request queued there
/// waits that much longer; a little lower, the burst is spread thinly over the time the
/// answering threads leave, and the writer still gets about a quarter of a CPU when everything
/// competes, several times what it needs (docs/PERFORMANCE.md).
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

/// The writer thread's state.
struct Writer {
    store: Store,
    /// Its own connection (`None` in memory: the store's).
    conn: Option<Connection>,
    /// Prunes under way, the first one stepped between two commits.
    pruning: VecDeque<(Pruning, mpsc::Sender<Result<PruneReport, StoreError>>)>,
}

/// What one gathering collected.
#[derive(Default)]
struct Batch {
    records: Vec<Record>,
    acks: Vec<AckSender>,
    flushes: Vec<mpsc::Sender<()>>,
    prunes: Vec<PruneRequest>,
}

impl Batch {
    fn take(&mut self, job: Job) {
        match job {
            Job::Write { records, ack } => {
                self.records.extend(records);
                self.acks.extend(ack);
            }
            Job::Flush(w) => self.flushes.push(w),
            Job::Prune(request) => self.prunes.push(request),
        }
    }

    /// Whether to stop gathering and commit now.
    fn full(&self) -> bool {
        self.records.len() >= MAX_BATCH || !self.flushes.is_empty() || !self.prunes.is_empty()
    }
}

impl Writer {
    fn run(mut self, rx: &mpsc::Receiver<Job>) {
        loop {
            // While a prune is under way, look at the queue without waiting for it.
            let first = if self.pruning.is_empty() {
                match rx.recv() {
                    Ok(job) => Some(job),
                    Err(_) => break,
                }
            } else {
                match rx.try_recv() {
                    Ok(job) => Some(job),
                    Err(mpsc::TryRecvError::Empty) => None,
                    Err(mpsc::TryRecvError::Disconnected) => break,
                }
            };
            if let Some(first) = first {
                let batch = gather(first, rx);
                self.commit(batch);
            }
            self.prune_step();
        }
        // Stopping: the prunes still under way are not finished; whoever waits is told.
        for (_, done) in self.pruning.drain(..) {
            let _ = done.send(Err(StoreError::WriterStopped));
        }
    }

    /// One batch of the first prune under way: records keep being acknowledged within a few
    /// milliseconds while a large backlog is pruned.
    fn prune_step(&mut self) {
        let Some((pruning, _)) = self.pruning.front_mut() else {
            return;
        };
        let result = match pruning.step(&self.store, self.conn.as_mut()) {
            Ok(false) => return,
            Ok(true) => Ok(()),
            Err(e) => Err(e),
        };
        if let Some((pruning, done)) = self.pruning.pop_front() {
            let _ = done.send(result.map(|()| pruning.finish()));
        }
    }

    /// Writes the batch's records in one transaction (retried once), resolves its acks, then
    /// answers its flushes and queues its prunes.
    fn commit(&mut self, batch: Batch) {
        let Batch {
            records,
            acks,
            flushes,
            prunes,
        } = batch;
        if !records.is_empty() {
            let mut write = || match self.conn.as_mut() {
                Some(conn) => self.store.write_on(conn, |tx| insert_records(tx, &records)),
                None => self.store.write_records(&records),
            };
            let result = write().or_else(|e| {
                tracing::warn!(error = %e, records = records.len(), "batch write failed; retrying once");
                write()
            });
            let outcome = result.map_err(|e| {
                tracing::error!(error = %e, records = records.len(), "batch write failed; records dropped");
                CommitError::Failed(e.to_string())
            });
            for ack in acks {
                ack.resolve(outcome.clone());
            }
        }
        for w in flushes {
            let _ = w.send(());
        }
        for PruneRequest {
            retention,
            now,
            done,
        } in prunes
        {
            self.pruning.push_back((Pruning::of(&retention, now), done));
        }
    }
}

/// Gathers jobs after `first` into one batch: for a few milliseconds when one of them is awaited
/// ([`ACK_WINDOW`]), for longer when none is ([`BATCH_WINDOW`]); at once for a flush or a prune.
///
/// It naps and drains rather than waiting on the channel: a receiver blocked in `recv` is woken
/// by every record (thousands of wake-ups a second under load, each one taking a CPU from a
/// request being answered); a napping one is not.
fn gather(first: Job, rx: &mpsc::Receiver<Job>) -> Batch {
    let started = Instant::now();
    let mut batch = Batch::default();
    batch.take(first);
    'gather: while !batch.full() {
        loop {
            match rx.try_recv() {
                Ok(job) => {
                    batch.take(job);
                    if batch.full() {
                        break 'gather;
                    }
                }
                Err(mpsc::TryRecvError::Empty) => break,
                Err(mpsc::TryRecvError::Disconnected) => break 'gather,
            }
        }
        let (window, nap) = if batch.acks.is_empty() {
            (BATCH_WINDOW, BATCH_NAP)
        } else {
            (ACK_WINDOW, ACK_NAP)
        };
        let left = (started + window).saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        std::thread::sleep(left.min(nap));
    }
    batch
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fixtures::on_both;
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

    fn answer(id: &str) -> Record {
        Record::Answer {
            answer_id: id.to_string(),
            guild_id: Some(1),
            channel_id: 2,
            asker_id: 3,
            question: "q".into(),
            kind: "ask".into(),
            payload: "{}".into(),
            created_at: 100,
        }
    }

    on_both! {
        fn an_ack_resolves_once_its_records_are_committed(place: Place) {
            let store = place.open();
            // Another process (or host) on the same database.
            let elsewhere = place.open();
            let writer = BatchWriter::start(store.clone());
            let ids: Vec<String> = (0..50).map(|_| new_answer_id()).collect();
            let acks: Vec<Ack> = ids
                .iter()
                .map(|id| writer.submit(vec![answer(id)]))
                .collect();
            for (id, ack) in ids.iter().zip(&acks) {
                assert_eq!(ack.wait(Duration::from_secs(10)), Ok(()));
                // Acknowledged means readable by anyone, at once.
                assert!(store.answer(id).unwrap().is_some());
                assert!(elsewhere.answer(id).unwrap().is_some());
            }
            assert_eq!(store.write_health(), Ok(()));
        }
    }

    on_both! {
        async fn an_ack_can_be_awaited(place: Place) {
            let store = place.open();
            let writer = BatchWriter::start(store.clone());
            let id = new_answer_id();
            let ack = writer.submit(vec![answer(&id)]);
            assert_eq!(ack.committed(Duration::from_secs(10)).await, Ok(()));
            assert!(store.answer(&id).unwrap().is_some());
            assert_eq!(ack.outcome(), Some(Ok(())));
        }
    }

    #[test]
    fn a_failed_commit_is_acknowledged_as_failed_and_reported_until_a_write_succeeds() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("full.db")).unwrap();
        let writer = BatchWriter::start(store.clone());
        // A full disk: the file may not grow by a single page.
        store.limit_pages(Some(store.page_count().unwrap()));
        let id = new_answer_id();
        let mut big = answer(&id);
        if let Record::Answer { payload, .. } = &mut big {
            *payload = format!("\"{}\"", "x".repeat(20_000));
        }
        let outcome = writer.submit(vec![big]).wait(Duration::from_secs(10));
        assert!(
            matches!(&outcome, Err(CommitError::Failed(e)) if e.contains("full")),
            "{outcome:?}"
        );
        assert!(store.answer(&id).unwrap().is_none(), "nothing half written");
        let health = store.write_health().unwrap_err();
        assert!(health.contains("full"), "{health}");
        // Direct writes fail the same way, and say so.
        assert!(
            store
                .log_question(Some(1), &"y".repeat(5000), 0.0, false, 1)
                .is_err()
        );
        // Room again: the next write succeeds and the store is healthy.
        store.limit_pages(None);
        let ok = new_answer_id();
        assert_eq!(
            writer
                .submit(vec![answer(&ok)])
                .wait(Duration::from_secs(10)),
            Ok(())
        );
        assert_eq!(store.write_health(), Ok(()));
    }

    on_both! {
        fn a_read_only_database_fails_every_write_until_it_is_writable_again(place: Place) {
            let store = place.open();
            // What each engine says when it refuses a write.
            let refused = if store.engine() == "postgres" {
                "read-only transaction"
            } else {
                "readonly"
            };
            let writer = BatchWriter::start(store.clone());
            store.refuse_writes(true);
            let outcome = writer
                .submit(vec![answer("a")])
                .wait(Duration::from_secs(10));
            assert!(
                matches!(&outcome, Err(CommitError::Failed(e)) if e.contains(refused)),
                "{outcome:?}"
            );
            assert!(store.vote("a", 1, true, 1).is_err());
            assert!(store.write_health().unwrap_err().contains(refused));
            // Reads go on.
            assert!(store.answer("a").unwrap().is_none());
            store.refuse_writes(false);
            assert_eq!(
                writer
                    .submit(vec![answer("a")])
                    .wait(Duration::from_secs(10)),
                Ok(())
            );
            assert_eq!(store.write_health(), Ok(()));
        }
    }

    on_both! {
        fn a_stopped_writer_acknowledges_nothing(store) {
            let writer = BatchWriter::start(store);
            writer.tx.lock().unwrap().take();
            let ack = writer.submit(vec![answer("late")]);
            assert_eq!(ack.wait(Duration::from_secs(1)), Err(CommitError::Stopped));
            assert!(matches!(
                writer.prune_now(
                    Retention {
                        days: 1,
                        max_questions: 0,
                        max_answers: 0
                    },
                    0
                ),
                Err(StoreError::WriterStopped)
            ));
        }
    }

    #[test]
    fn an_ack_times_out_when_no_commit_comes() {
        let (sender, ack) = AckSender::pair();
        assert_eq!(
            ack.wait(Duration::from_millis(20)),
            Err(CommitError::TimedOut(Duration::from_millis(20)))
        );
        drop(sender);
        assert_eq!(ack.outcome(), Some(Err(CommitError::Stopped)));
    }

    on_both! {
        fn batch_writer_commits_records_and_flushes(place: Place) {
            let store = place.open();
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
}
