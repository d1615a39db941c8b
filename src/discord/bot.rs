//! The bot's behaviour, the same for both transports: an [`Incoming`] interaction becomes a
//! [`Handled`] — the first response (sent within Discord's 3 seconds: everything here is
//! in-memory search or a small database call) and, when more work is needed (a reindex, a
//! download, a chart, a pin), a [`Work`] item the transport runs after responding, finishing
//! through the followup routes.
//!
//! This file holds the bot's state, the dispatch of an interaction to its command, and the
//! running of [`Work`]; the commands themselves live in [`commands`], one file each.
//!
//! Permissions are checked server-side, from the interaction's own data: the rank a command
//! needs by the command table ([`commands::Command::run`]), finer rules (unpinning, pinning or
//! dismissing an answer) by the handlers.
//!
//! **An acknowledgement means written.** What a response tells a user worked (an answer whose
//! buttons work, a vote, a pin) is committed before the response is sent, or the response says
//! it failed. Votes and pins are written directly before the reply that reports them; an `/ask`
//! answer's record goes to the batch writer and the response carries the [`Commit`] it waits for
//! ([`Handled::committed`]): when that fails, the answer goes out without the buttons that
//! need the record, saying so. A pin is recorded pending, pinned on Discord, then confirmed;
//! pins left pending by a process that died are repaired from what Discord shows
//! (`answers::repair_pins`, run with this process's first follow-up work and then every ten
//! minutes).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use tokio::sync::Semaphore;

use crate::answer::roadmap::Stage;
use crate::answer::salary::Level;
use crate::config::BotConfig;
use crate::discord::commands::{self, answers, ask, guides, roadmap, salary};
use crate::discord::cooldown::Cooldowns;
use crate::discord::duplicates::DuplicateWindow;
use crate::discord::incoming::{Incoming, Kind};
use crate::discord::message::{Reply, Response};
use crate::discord::permissions::{Rank, rank};
use crate::discord::pin_matcher::PinCache;
use crate::discord::render::roadmap::MenuTarget;
use crate::discord::rest::Rest;
use crate::engine::Engine;
use crate::i18n::Locale;
use crate::store::{Ack, BatchWriter, PruneReport, Retention, Store, StoreError};
use crate::tr;

/// The longest a response waits for the commit of what it acknowledges before going out as if
/// the commit had failed (Discord gives up on a response after 3 s).
pub const COMMIT_WAIT: Duration = Duration::from_secs(2);
/// How often pins left pending are looked for and repaired (and once at the first follow-up
/// work after start).
const REPAIR_EVERY: Duration = Duration::from_secs(600);
/// The next repair, when the last one found pins too recent to settle, or failed.
const REPAIR_SOON: Duration = Duration::from_secs(5);

/// Metric (counter): work refused because every slot was taken, by `work`.
pub const BUSY_METRIC: &str = "careerbot_work_refused_total";

/// Bookkeeping work (learning an answer's message id, unpinning, deleting a message: one REST
/// call each, no CPU to speak of) running at once; more is dropped, logged.
const MAX_BOOKKEEPING_WORK: usize = 64;

/// What to do after the first response has been sent.
#[derive(Debug, Clone, PartialEq)]
pub enum Work {
    /// Learn the id of the message an answer became (for pins, duplicates, dismiss).
    RecordMessage { token: String, answer_id: String },
    /// Build the salary answer and its chart, then edit the deferred response.
    Salary {
        token: String,
        career: Option<String>,
        level: Option<Level>,
        lang: Locale,
    },
    /// Build the roadmap overview and its timeline, then edit the deferred response.
    Roadmap {
        token: String,
        career: Option<String>,
        stage: Option<Stage>,
        lang: Locale,
    },
    /// Rebuild the index, reporting progress in the deferred response.
    Reindex {
        token: String,
        actor: String,
        lang: Locale,
    },
    /// Download a guide, store it (and the career it is about), reindex.
    AddSource {
        token: String,
        url: String,
        filename: String,
        replace: bool,
        career: Option<String>,
        actor: String,
        lang: Locale,
    },
    /// Move a guide out of the library, reindex.
    RemoveSource {
        token: String,
        name: String,
        actor: String,
        lang: Locale,
    },
    /// Pin the answer message and record it as curated.
    Pin {
        token: String,
        lang: Locale,
        guild: u64,
        channel: u64,
        message: u64,
        answer_id: String,
        actor_id: u64,
        actor: String,
        /// The answer as the message shows it (stored as the curated answer's text).
        shown: String,
    },
    /// Unpin a curated answer's message.
    Unpin { channel: u64, message: u64 },
    /// Delete an answer message.
    Dismiss { channel: u64, message: u64 },
}

impl Work {
    /// The token of the deferred response this work finishes, if it finishes one (a member
    /// is waiting on it); `None` for bookkeeping after a complete response.
    pub fn deferred_token(&self) -> Option<&str> {
        match self {
            Work::Salary { token, .. }
            | Work::Roadmap { token, .. }
            | Work::Reindex { token, .. }
            | Work::AddSource { token, .. }
            | Work::RemoveSource { token, .. }
            | Work::Pin { token, .. } => Some(token),
            Work::RecordMessage { .. } | Work::Unpin { .. } | Work::Dismiss { .. } => None,
        }
    }

    /// The language of the member a deferred response speaks to (English for bookkeeping).
    pub fn lang(&self) -> Locale {
        match self {
            Work::Salary { lang, .. }
            | Work::Roadmap { lang, .. }
            | Work::Reindex { lang, .. }
            | Work::AddSource { lang, .. }
            | Work::RemoveSource { lang, .. }
            | Work::Pin { lang, .. } => *lang,
            Work::RecordMessage { .. } | Work::Unpin { .. } | Work::Dismiss { .. } => Locale::En,
        }
    }

    /// Its name in logs and metrics.
    pub fn name(&self) -> &'static str {
        match self {
            Work::RecordMessage { .. } => "record_message",
            Work::Salary { .. } => "salary",
            Work::Roadmap { .. } => "roadmap",
            Work::Reindex { .. } => "reindex",
            Work::AddSource { .. } => "sources_add",
            Work::RemoveSource { .. } => "sources_remove",
            Work::Pin { .. } => "pin",
            Work::Unpin { .. } => "unpin",
            Work::Dismiss { .. } => "dismiss",
        }
    }
}

/// The outcome of handling one interaction.
#[derive(Debug, Clone, PartialEq)]
pub struct Handled {
    /// The first response.
    pub response: Response,
    /// Work to run after it was sent.
    pub work: Option<Work>,
    /// The commit the response acknowledges, when it is not written yet: wait for it with
    /// [`Handled::committed`] before sending the response.
    pub commit: Option<Commit>,
}

/// A write a response acknowledges, and what the response becomes if it fails.
#[derive(Debug, Clone)]
pub struct Commit {
    /// Resolves once the records are written.
    ack: Ack,
    /// The response (and its work) to send instead when they were not, in the member's
    /// language.
    unsaved: fn(Handled, Locale) -> Handled,
    /// The member's language.
    lang: Locale,
}

/// Two commits are the same when they wait for the same write.
impl PartialEq for Commit {
    fn eq(&self, other: &Commit) -> bool {
        self.ack == other.ack
    }
}

impl Handled {
    /// Just a response.
    pub(super) fn now(response: Response) -> Handled {
        Handled {
            response,
            work: None,
            commit: None,
        }
    }

    /// A response, and work to run after it.
    pub(super) fn then(response: Response, work: Work) -> Handled {
        Handled {
            response,
            work: Some(work),
            commit: None,
        }
    }

    /// A message only the member sees.
    pub(super) fn private(text: impl Into<String>) -> Handled {
        Handled::now(Response::message(Reply::ephemeral(text)))
    }

    /// This response, once `ack` says what it acknowledges is written; `unsaved` turns it into
    /// the response to send when that write failed.
    pub(super) fn after(
        mut self,
        ack: Ack,
        lang: Locale,
        unsaved: fn(Handled, Locale) -> Handled,
    ) -> Handled {
        self.commit = Some(Commit { ack, unsaved, lang });
        self
    }

    /// The response to send, once what it acknowledges is written (at most [`COMMIT_WAIT`]):
    /// itself, or its "could not be saved" form. Returns at once when there is no commit.
    pub async fn committed(mut self) -> Handled {
        match self.commit.take() {
            None => self,
            Some(commit) => {
                let outcome = commit.ack.committed(COMMIT_WAIT).await;
                settle_commit(self, commit, outcome)
            }
        }
    }

    /// As [`Handled::committed`], blocking the thread.
    pub fn wait_committed(mut self) -> Handled {
        match self.commit.take() {
            None => self,
            Some(commit) => {
                let outcome = commit.ack.wait(COMMIT_WAIT);
                settle_commit(self, commit, outcome)
            }
        }
    }
}

fn settle_commit(
    handled: Handled,
    commit: Commit,
    outcome: Result<(), crate::store::CommitError>,
) -> Handled {
    match outcome {
        Ok(()) => handled,
        Err(e) => {
            tracing::error!(error = %e, "a response's record was not written; sent without what needs it");
            (commit.unsaved)(handled, commit.lang)
        }
    }
}

struct Inner {
    engine: Engine,
    store: Store,
    /// Answers and questions are recorded in batches, each request told when its record is in.
    writer: BatchWriter,
    /// Each guild's pinned questions, analysed once.
    pins: PinCache,
    /// This process's own random id, written beside the pins it records as pending.
    process_id: u64,
    /// When pins left pending are next repaired (`None`: at the next follow-up work).
    next_repair: Mutex<Option<Instant>>,
    /// A repair is running.
    repairing: AtomicBool,
    /// This process's recent answers: the repeated-question check sees their messages before
    /// the batch writer has committed them.
    duplicates: DuplicateWindow,
    config: BotConfig,
    served: AtomicU64,
    /// The wait between two uses of a command by a member, per command.
    cooldowns: Cooldowns,
    /// Slots for work finishing a deferred response ([`BotConfig::max_deferred_work`]).
    deferred_slots: Semaphore,
    /// Slots for bookkeeping work ([`MAX_BOOKKEEPING_WORK`]).
    bookkeeping_slots: Semaphore,
}

/// The bot. Cloning is shallow.
#[derive(Clone)]
pub struct Bot {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Bot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bot").finish_non_exhaustive()
    }
}

impl Bot {
    /// A bot over this engine and database.
    pub fn new(engine: Engine, store: Store, config: BotConfig) -> Bot {
        let cooldowns = Cooldowns::new(commands::COMMANDS.iter().map(|c| {
            let base = Duration::from_secs(config.cooldown_seconds);
            (c.name(), base.saturating_mul(c.pace()))
        }))
        .shared_through(&store);
        Bot {
            inner: Arc::new(Inner {
                writer: BatchWriter::start(store.clone()),
                pins: PinCache::default(),
                process_id: rand::random(),
                next_repair: Mutex::new(None),
                repairing: AtomicBool::new(false),
                duplicates: DuplicateWindow::new(config.duplicate_window_seconds),
                engine,
                store,
                served: AtomicU64::new(0),
                cooldowns,
                deferred_slots: Semaphore::new(config.max_deferred_work.max(1)),
                bookkeeping_slots: Semaphore::new(MAX_BOOKKEEPING_WORK),
                config,
            }),
        }
    }

    /// The engine behind the bot.
    pub fn engine(&self) -> &Engine {
        &self.inner.engine
    }

    /// The database behind the bot (for health checks).
    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    /// Interactions handled since start.
    pub fn served(&self) -> u64 {
        self.inner.served.load(Ordering::Relaxed)
    }

    /// Records answers and questions in batches.
    pub fn writer(&self) -> &BatchWriter {
        &self.inner.writer
    }

    /// What the database keeps of answers, votes and logged questions (the `[bot]` settings
    /// `retention_days`, `max_logged_questions`, `max_stored_answers`).
    pub fn retention(&self) -> Retention {
        let config = &self.inner.config;
        Retention {
            days: config.retention_days,
            max_questions: config.max_logged_questions,
            max_answers: config.max_stored_answers,
        }
    }

    /// Prunes the database to [`Bot::retention`] now, on the batch writer's thread, one small
    /// batch between two commits (answers keep being acknowledged meanwhile); blocks until done.
    ///
    /// # Errors
    /// When SQLite fails (batches already deleted stay deleted) or the writer has stopped.
    pub fn prune(&self) -> Result<PruneReport, StoreError> {
        self.inner.writer.prune_now(
            self.retention(),
            i64::try_from(crate::search::unix_now()).unwrap_or(i64::MAX),
        )
    }

    /// Each guild's pinned questions, analysed once.
    pub(super) fn pins(&self) -> &PinCache {
        &self.inner.pins
    }

    /// This process's own random id (beside the pins it records as pending).
    pub(super) fn process_id(&self) -> u64 {
        self.inner.process_id
    }

    /// The wait between two uses of a command by a member, per command.
    pub(super) fn cooldowns(&self) -> &Cooldowns {
        &self.inner.cooldowns
    }

    /// This process's recent answers, for the repeated-question check.
    pub(super) fn duplicates(&self) -> &DuplicateWindow {
        &self.inner.duplicates
    }

    /// The rank of the member behind an interaction, decided here, from its own data.
    pub(super) fn rank(&self, incoming: &Incoming) -> Rank {
        rank(
            &incoming.actor,
            incoming.guild_id.is_some(),
            &self.inner.config,
        )
    }

    /// Handles one interaction, and waits (blocking, at most [`COMMIT_WAIT`]) until what its
    /// response acknowledges is written: the response can be sent as it is. Blocking (search,
    /// SQLite): call it off the async threads. Never fails: errors become a short ephemeral
    /// message, and are logged with context.
    pub fn handle(&self, incoming: &Incoming) -> Handled {
        self.handle_uncommitted(incoming).wait_committed()
    }

    /// As [`Bot::handle`], but returns before the commit: the response may carry a
    /// [`Commit`], and must only be sent as [`Handled::committed`] gives it. For a transport
    /// that answers many requests on one thread and must not block it while a commit runs.
    pub fn handle_uncommitted(&self, incoming: &Incoming) -> Handled {
        self.inner.served.fetch_add(1, Ordering::Relaxed);
        let result = match &incoming.kind {
            Kind::Ping => Ok(Handled::now(Response::pong())),
            Kind::Command { name, .. } => match commands::find(name) {
                Some(command) => command.run(self, incoming),
                None => {
                    tracing::warn!(command = name.as_str(), "unknown command");
                    Ok(Handled::private(tr!(
                        incoming.lang,
                        "unknown-command",
                        name = name.as_str()
                    )))
                }
            },
            Kind::Autocomplete { name, .. } => Ok(Handled::now(Response::autocomplete(
                commands::find(name).map_or_else(Vec::new, |c| c.suggestions(self, incoming)),
            ))),
            Kind::Component { custom_id, values } if MenuTarget::claims(custom_id) => {
                roadmap::choose(self, custom_id, values, incoming)
            }
            Kind::Component { custom_id, .. } => answers::click(self, custom_id, incoming),
        };
        result.unwrap_or_else(|e| {
            tracing::error!(error = %e, interaction = incoming.id, user = incoming.actor.id, kind = ?kind_name(&incoming.kind), "interaction failed");
            Handled::private(tr!(incoming.lang, "failed"))
        })
    }

    /// Runs work left after the first response, if a slot is free: at most
    /// [`BotConfig::max_deferred_work`] pieces of work finishing a deferred response at once
    /// (each may render a chart, read every guide, download a file), and a bounded number of
    /// bookkeeping calls. Work that finds no free slot does not wait: a member waiting on a
    /// deferred response is told the bot is busy (`busy` in the catalogue); bookkeeping is dropped and
    /// logged. Errors are reported to the user through the response when possible, and logged.
    /// The first work after start (and then every [`REPAIR_EVERY`]) also repairs pins left
    /// pending by a process that died, in the background.
    pub async fn run(&self, work: Work, rest: &Rest) {
        self.repair_pins_when_due(rest);
        let slots = if work.deferred_token().is_some() {
            &self.inner.deferred_slots
        } else {
            &self.inner.bookkeeping_slots
        };
        let Ok(_slot) = slots.try_acquire() else {
            self.refuse_busy(&work, rest).await;
            return;
        };
        let result = match work {
            Work::RecordMessage { token, answer_id } => {
                ask::record_message(self, &token, &answer_id, rest).await
            }
            Work::Salary {
                token,
                career,
                level,
                lang,
            } => salary::answer(self, &token, career, level, lang, rest).await,
            Work::Roadmap {
                token,
                career,
                stage,
                lang,
            } => roadmap::answer(self, &token, career, stage, lang, rest).await,
            Work::Reindex { token, actor, lang } => {
                guides::reindex(self, &token, &actor, None, lang, rest).await
            }
            Work::AddSource {
                token,
                url,
                filename,
                replace,
                career,
                actor,
                lang,
            } => {
                let guide = guides::NewGuide {
                    url,
                    filename,
                    replace,
                    career,
                    actor,
                };
                guides::add_source(self, &token, guide, lang, rest).await
            }
            Work::RemoveSource {
                token,
                name,
                actor,
                lang,
            } => guides::remove_source(self, &token, &name, &actor, lang, rest).await,
            Work::Pin {
                token,
                lang,
                guild,
                channel,
                message,
                answer_id,
                actor_id,
                actor,
                shown,
            } => {
                let pinning = answers::Pinning {
                    guild,
                    channel,
                    message,
                    answer_id,
                    actor_id,
                    actor,
                    shown,
                };
                answers::pin(self, &token, pinning, lang, rest).await
            }
            Work::Unpin { channel, message } => {
                rest.unpin(channel, message).await.map_err(Into::into)
            }
            Work::Dismiss { channel, message } => rest
                .delete_message(channel, message)
                .await
                .map_err(Into::into),
        };
        if let Err(e) = result {
            tracing::error!(error = %e, "follow-up work failed");
        }
    }

    /// Starts a repair of pending pins in the background when one is due and none is running.
    fn repair_pins_when_due(&self, rest: &Rest) {
        let due = self
            .inner
            .next_repair
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .is_none_or(|at| Instant::now() >= at);
        if !due || self.inner.repairing.swap(true, Ordering::SeqCst) {
            return;
        }
        let (bot, rest) = (self.clone(), rest.clone());
        tokio::spawn(async move {
            let next = match answers::repair_pins(&bot, &rest).await {
                Ok(repair) => {
                    if repair.confirmed + repair.abandoned > 0 {
                        tracing::info!(
                            confirmed = repair.confirmed,
                            abandoned = repair.abandoned,
                            "pending pins repaired"
                        );
                    }
                    // A pin too recent to settle is looked at again soon.
                    if repair.waiting > 0 {
                        REPAIR_SOON
                    } else {
                        REPAIR_EVERY
                    }
                }
                Err(e) => {
                    tracing::warn!(error = %e, "pending pins could not be repaired; retried later");
                    REPAIR_SOON
                }
            };
            *bot.inner
                .next_repair
                .lock()
                .unwrap_or_else(PoisonError::into_inner) = Some(Instant::now() + next);
            bot.inner.repairing.store(false, Ordering::SeqCst);
        });
    }

    /// Work that found no free slot: the member waiting on it is told so.
    async fn refuse_busy(&self, work: &Work, rest: &Rest) {
        metrics::counter!(BUSY_METRIC, "work" => work.name()).increment(1);
        tracing::warn!(work = work.name(), "every work slot is taken; work refused");
        if let Some(token) = work.deferred_token()
            && let Err(e) = rest
                .edit_original(token, Reply::ephemeral(tr!(work.lang(), "busy")))
                .await
        {
            tracing::warn!(error = %e, "could not say the bot is busy");
        }
    }

    /// Runs `f` with the bot off the async threads (search, SQLite, file I/O).
    pub(super) async fn blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce(Bot) -> T + Send + 'static,
    ) -> anyhow::Result<T> {
        let bot = self.clone();
        Ok(tokio::task::spawn_blocking(move || f(bot)).await?)
    }
}

fn kind_name(kind: &Kind) -> &'static str {
    match kind {
        Kind::Ping => "ping",
        Kind::Command { .. } => "command",
        Kind::Autocomplete { .. } => "autocomplete",
        Kind::Component { .. } => "component",
    }
}
