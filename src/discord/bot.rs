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

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::sync::Semaphore;

use crate::answer::salary::Level;
use crate::config::BotConfig;
use crate::discord::commands::{self, answers, ask, guides, salary};
use crate::discord::cooldown::Cooldowns;
use crate::discord::duplicates::DuplicateWindow;
use crate::discord::incoming::{Incoming, Kind};
use crate::discord::message::{Reply, Response};
use crate::discord::permissions::{Rank, rank};
use crate::discord::rest::Rest;
use crate::engine::Engine;
use crate::store::{BatchWriter, Store};

/// Metric (counter): work refused because every slot was taken, by `work`.
pub const BUSY_METRIC: &str = "careerbot_work_refused_total";

/// What a member is told when their deferred work finds every slot taken.
pub const BUSY_MESSAGE: &str = "I'm busy with other requests right now and could not do this one; please try again in a minute.";

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
    },
    /// Rebuild the index, reporting progress in the deferred response.
    Reindex { token: String, actor: String },
    /// Download a guide, store it (and the career it is about), reindex.
    AddSource {
        token: String,
        url: String,
        filename: String,
        replace: bool,
        career: Option<String>,
        actor: String,
    },
    /// Move a guide out of the library, reindex.
    RemoveSource {
        token: String,
        name: String,
        actor: String,
    },
    /// Pin the answer message and record it as curated.
    Pin {
        token: String,
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
            | Work::Reindex { token, .. }
            | Work::AddSource { token, .. }
            | Work::RemoveSource { token, .. }
            | Work::Pin { token, .. } => Some(token),
            Work::RecordMessage { .. } | Work::Unpin { .. } | Work::Dismiss { .. } => None,
        }
    }

    /// Its name in logs and metrics.
    pub fn name(&self) -> &'static str {
        match self {
            Work::RecordMessage { .. } => "record_message",
            Work::Salary { .. } => "salary",
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
}

impl Handled {
    /// Just a response.
    pub(super) fn now(response: Response) -> Handled {
        Handled {
            response,
            work: None,
        }
    }

    /// A response, and work to run after it.
    pub(super) fn then(response: Response, work: Work) -> Handled {
        Handled {
            response,
            work: Some(work),
        }
    }

    /// A message only the member sees.
    pub(super) fn private(text: impl Into<String>) -> Handled {
        Handled::now(Response::message(Reply::ephemeral(text)))
    }
}

struct Inner {
    engine: Engine,
    store: Store,
    /// Answers and questions are recorded off the request path, in batches.
    writer: BatchWriter,
    /// This process's recent answers: the repeated-question check sees them before the batch
    /// writer has committed them.
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
        Bot {
            inner: Arc::new(Inner {
                writer: BatchWriter::start(store.clone()),
                duplicates: DuplicateWindow::new(config.duplicate_window_seconds),
                engine,
                store,
                served: AtomicU64::new(0),
                cooldowns: Cooldowns::new(commands::COMMANDS.iter().map(|c| {
                    let base = Duration::from_secs(config.cooldown_seconds);
                    (c.name(), base.saturating_mul(c.pace()))
                })),
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

    /// Records answers and questions off the request path.
    pub(super) fn writer(&self) -> &BatchWriter {
        &self.inner.writer
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

    /// Handles one interaction. Blocking (search, SQLite): call it off the async threads.
    /// Never fails: errors become a short ephemeral message, and are logged with context.
    pub fn handle(&self, incoming: &Incoming) -> Handled {
        self.inner.served.fetch_add(1, Ordering::Relaxed);
        let result = match &incoming.kind {
            Kind::Ping => Ok(Handled::now(Response::pong())),
            Kind::Command { name, .. } => match commands::find(name) {
                Some(command) => command.run(self, incoming),
                None => {
                    tracing::warn!(command = name.as_str(), "unknown command");
                    Ok(Handled::private(format!(
                        "I don't know the command /{name}. Try /help."
                    )))
                }
            },
            Kind::Autocomplete { name, .. } => Ok(Handled::now(Response::autocomplete(
                commands::find(name).map_or_else(Vec::new, |c| c.suggestions(self, incoming)),
            ))),
            Kind::Component { custom_id } => answers::click(self, custom_id, incoming),
        };
        result.unwrap_or_else(|e| {
            tracing::error!(error = %e, interaction = incoming.id, user = incoming.actor.id, kind = ?kind_name(&incoming.kind), "interaction failed");
            Handled::private("Sorry, something went wrong on my side. The team can see it in the logs; please try again in a moment.")
        })
    }

    /// Runs work left after the first response, if a slot is free: at most
    /// [`BotConfig::max_deferred_work`] pieces of work finishing a deferred response at once
    /// (each may render a chart, read every guide, download a file), and a bounded number of
    /// bookkeeping calls. Work that finds no free slot does not wait: a member waiting on a
    /// deferred response is told the bot is busy ([`BUSY_MESSAGE`]); bookkeeping is dropped and
    /// logged. Errors are reported to the user through the response when possible, and logged.
    pub async fn run(&self, work: Work, rest: &Rest) {
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
            } => salary::answer(self, &token, career, level, rest).await,
            Work::Reindex { token, actor } => {
                guides::reindex(self, &token, &actor, None, rest).await
            }
            Work::AddSource {
                token,
                url,
                filename,
                replace,
                career,
                actor,
            } => {
                let guide = guides::NewGuide {
                    url,
                    filename,
                    replace,
                    career,
                    actor,
                };
                guides::add_source(self, &token, guide, rest).await
            }
            Work::RemoveSource { token, name, actor } => {
                guides::remove_source(self, &token, &name, &actor, rest).await
            }
            Work::Pin {
                token,
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
                answers::pin(self, &token, pinning, rest).await
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

    /// Work that found no free slot: the member waiting on it is told so.
    async fn refuse_busy(&self, work: &Work, rest: &Rest) {
        metrics::counter!(BUSY_METRIC, "work" => work.name()).increment(1);
        tracing::warn!(work = work.name(), "every work slot is taken; work refused");
        if let Some(token) = work.deferred_token()
            && let Err(e) = rest
                .edit_original(token, Reply::ephemeral(BUSY_MESSAGE))
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
