//! The bot's behaviour, the same for both transports: an [`Incoming`] interaction becomes a
//! [`Handled`] — the first response (sent within Discord's 3 seconds: everything here is
//! in-memory search or a small database call) and, when more work is needed (a reindex, a
//! download, a chart, a pin), a [`Work`] item the transport runs after responding, finishing
//! through the followup routes.
//!
//! Permissions are checked here, server-side, from the interaction's own data.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::answer::roadmap::{Focus, Stage};
use crate::answer::salary::Level;
use crate::answer::skills::Topic;
use crate::config::BotConfig;
use crate::discord::cooldown::Cooldown;
use crate::discord::duplicates::{DuplicateWindow, EarlierAnswer};
use crate::discord::incoming::{Incoming, Kind, OptionValue};
use crate::discord::markdown::escape_markdown;
use crate::discord::message::{Choice, Embed, Field, Reply, Response, truncate};
use crate::discord::permissions::{Rank, rank};
use crate::discord::pin_matcher::PinMatcher;
use crate::discord::render::{self, PinnedAnswer, ids};
use crate::discord::rest::{self, Rest};
use crate::engine::{Engine, GuideError, MAX_GUIDE_UPLOAD, ReindexReport, check_guide_name};
use crate::search::{BuildProgress, IndexError, SearchResults};
use crate::store::{BatchWriter, NewCurated, Record, Store, new_answer_id, normalise_question};

/// How often a running reindex updates its progress message.
const PROGRESS_EVERY: Duration = Duration::from_secs(1);
/// How far back `/gaps` looks.
const GAPS_WINDOW_SECS: i64 = 30 * 24 * 3600;

/// What to do after the first response has been sent.
#[derive(Debug, Clone, PartialEq)]
pub enum Work {
    /// Learn the id of the message an answer became (for pins, duplicates, dismiss).
    RecordMessage { token: String, answer_id: String },
    /// Build the salary answer and its chart, then edit the deferred response.
    Salary { token: String, level: Option<Level> },
    /// Rebuild the index, reporting progress in the deferred response.
    Reindex { token: String, actor: String },
    /// Download a guide, store it, reindex.
    AddSource {
        token: String,
        url: String,
        filename: String,
        replace: bool,
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

/// The outcome of handling one interaction.
#[derive(Debug, Clone, PartialEq)]
pub struct Handled {
    /// The first response.
    pub response: Response,
    /// Work to run after it was sent.
    pub work: Option<Work>,
}

impl Handled {
    fn now(response: Response) -> Handled {
        Handled {
            response,
            work: None,
        }
    }

    fn then(response: Response, work: Work) -> Handled {
        Handled {
            response,
            work: Some(work),
        }
    }

    fn private(text: impl Into<String>) -> Handled {
        Handled::now(Response::message(Reply::ephemeral(text)))
    }
}

/// What an `/ask` answer stored for its buttons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct AnswerState {
    /// The question as searched.
    question: String,
    /// First result shown (0 for the first page).
    offset: usize,
    /// The passages shown: citations for "Sources".
    cited: Vec<Cited>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Cited {
    title: String,
    section: String,
    source: String,
    start_line: u32,
    end_line: u32,
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
    /// The wait between two questions of a member.
    cooldown: Cooldown,
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

/// Seconds since the Unix epoch, as the store keeps time.
fn unix_now() -> i64 {
    i64::try_from(crate::search::unix_now()).unwrap_or(i64::MAX)
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
                cooldown: Cooldown::new(Duration::from_secs(config.cooldown_seconds)),
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

    /// Handles one interaction. Blocking (search, SQLite): call it off the async threads.
    /// Never fails: errors become a short ephemeral message, and are logged with context.
    pub fn handle(&self, incoming: &Incoming) -> Handled {
        self.inner.served.fetch_add(1, Ordering::Relaxed);
        let result = match &incoming.kind {
            Kind::Ping => Ok(Handled::now(Response::pong())),
            Kind::Command { name, .. } => self.command(name, incoming),
            Kind::Autocomplete { name, .. } => Ok(Handled::now(self.autocomplete(name, incoming))),
            Kind::Component { custom_id } => self.component(custom_id, incoming),
        };
        result.unwrap_or_else(|e| {
            tracing::error!(error = %e, interaction = incoming.id, user = incoming.actor.id, kind = ?kind_name(&incoming.kind), "interaction failed");
            Handled::private("Sorry, something went wrong on my side. The team can see it in the logs; please try again in a moment.")
        })
    }

    fn rank(&self, incoming: &Incoming) -> Rank {
        rank(
            &incoming.actor,
            incoming.guild_id.is_some(),
            &self.inner.config,
        )
    }

    fn command(&self, name: &str, i: &Incoming) -> anyhow::Result<Handled> {
        Ok(match name {
            "ask" => self.ask(i)?,
            "salary" => {
                let level = match i.text("level") {
                    None | Some("") => None,
                    Some(l) => match l.parse::<Level>() {
                        Ok(l) => Some(l),
                        Err(_) => {
                            return Ok(Handled::private(format!(
                                "Unknown level {l:?}: choose entry, mid, senior, lead or overall."
                            )));
                        }
                    },
                };
                Handled::then(
                    Response::deferred(false),
                    Work::Salary {
                        token: i.token.clone(),
                        level,
                    },
                )
            }
            "skills" => self.skills(i)?,
            "roadmap" => self.roadmap(i)?,
            "help" => Handled::now(Response::message(render::help_reply(
                self.inner.engine.current().meta(),
            ))),
            "status" => Handled::now(Response::message(self.status())),
            "pins" => self.pins(i)?,
            "gaps" => self.gaps(i)?,
            "reindex" => self.reindex_command(i),
            "sources" => self.sources(i)?,
            other => {
                tracing::warn!(command = other, "unknown command");
                Handled::private(format!("I don't know the command /{other}. Try /help."))
            }
        })
    }

    fn ask(&self, i: &Incoming) -> anyhow::Result<Handled> {
        let question = i.text("question").unwrap_or_default().trim().to_string();
        if question.is_empty() {
            return Ok(Handled::private(
                "Please type a question, e.g. “How much does a junior back-end developer earn?”",
            ));
        }
        let hide = i.flag("hide").unwrap_or(false);
        if let Err(wait) = self.inner.cooldown.admit(i.actor.id, Instant::now()) {
            return Ok(Handled::private(format!(
                "Easy there: you can ask again in {} s.",
                wait.as_secs().max(1)
            )));
        }
        let channel = i.channel_id.unwrap_or(0);
        let key = normalise_question(&question);
        if !hide
            && self.inner.duplicates.is_on()
            && let Some(earlier) = self.earlier_answer(channel, &key, &question, unix_now())?
        {
            let (message, ago) = (earlier.message_id, (unix_now() - earlier.posted_at).max(0));
            let link = match i.guild_id {
                Some(g) => format!("https://discord.com/channels/{g}/{channel}/{message}"),
                None => format!("https://discord.com/channels/@me/{channel}/{message}"),
            };
            return Ok(Handled::private(format!(
                "This was asked here {} ago — see the answer: {link}",
                human_duration(Duration::from_secs(u64::try_from(ago).unwrap_or(0)))
            )));
        }
        let asked = self
            .inner
            .engine
            .ask(&question, self.inner.engine.page(0))?;
        let (results, index) = (&asked.results, &asked.generation);
        let weak = !asked.verdict.confident;
        let best = results.hits.first().map_or(0.0, |h| h.score);
        self.inner.writer.send(Record::Question {
            guild_id: i.guild_id,
            question: results.query.clone(),
            best_score: best,
            answered: !weak,
            at: unix_now(),
        });
        let pinned = match i.guild_id {
            Some(g) if !weak || !results.hits.is_empty() => self.pinned_for(g, &results.query)?,
            _ => None,
        };
        if weak && pinned.is_none() {
            let mut reply = Reply::embed(render::weak_embed(results, index.meta()));
            reply.ephemeral = hide;
            return Ok(Handled::now(Response::message(reply)));
        }
        let embed = render::ask_embed(results, index.meta(), pinned.as_ref(), 0);
        let state = AnswerState {
            question: results.query.clone(),
            offset: 0,
            cited: cited(results),
        };
        let answer_id = new_answer_id();
        let now = unix_now();
        self.inner.writer.send(Record::Answer {
            answer_id: answer_id.clone(),
            guild_id: i.guild_id,
            channel_id: channel,
            asker_id: i.actor.id,
            question: results.query.clone(),
            kind: "ask".into(),
            payload: serde_json::to_string(&state)?,
            created_at: now,
        });
        if !hide {
            self.inner
                .duplicates
                .remember(channel, key, answer_id.clone(), now);
        }
        let next = results.has_more.then_some(1);
        let mut reply = Reply {
            embeds: vec![embed],
            rows: render::answer_buttons(&answer_id, next),
            ephemeral: hide,
            ..Reply::default()
        };
        if let Some(target) = i.id_option("mention") {
            reply.content = Some(format!(
                "<@{target}> — {} asked this for you:",
                escape_markdown(&i.actor.name)
            ));
            reply.ping_user = Some(target);
        }
        if hide {
            return Ok(Handled::now(Response::message(reply)));
        }
        Ok(Handled::then(
            Response::message(reply),
            Work::RecordMessage {
                token: i.token.clone(),
                answer_id,
            },
        ))
    }

    /// An answer to the same question in this channel within the duplicate window ending at
    /// `now`: this process's own recent answers first, then the database (other replicas').
    fn earlier_answer(
        &self,
        channel: u64,
        key: &str,
        question: &str,
        now: i64,
    ) -> anyhow::Result<Option<EarlierAnswer>> {
        let window = &self.inner.duplicates;
        if let Some(earlier) = window.earlier(channel, key, now) {
            return Ok(Some(earlier));
        }
        Ok(self
            .inner
            .store
            .recent_answer_in_channel(channel, "ask", question, window.since(now))?
            .and_then(|a| {
                a.message_id.map(|message_id| EarlierAnswer {
                    message_id,
                    posted_at: a.created_at,
                })
            }))
    }

    /// A stored answer; when not found, waits for the batch writer once (it may be queued).
    fn stored_answer(&self, answer_id: &str) -> anyhow::Result<Option<crate::store::Answer>> {
        if let Some(a) = self.inner.store.answer(answer_id)? {
            return Ok(Some(a));
        }
        self.inner.writer.flush();
        Ok(self.inner.store.answer(answer_id)?)
    }

    /// The pinned answer of the guild to show first for this question, if one is close enough.
    fn pinned_for(&self, guild: u64, question: &str) -> anyhow::Result<Option<PinnedAnswer>> {
        let curated = self.inner.store.curated_for_guild(guild)?;
        if curated.is_empty() {
            return Ok(None);
        }
        let best = PinMatcher::new(question).best(curated, |c| &c.question);
        Ok(best.map(|c| PinnedAnswer {
            question: c.question,
            answer: c.answer,
            pinned_by: format!("<@{}>", c.pinned_by),
        }))
    }

    fn skills(&self, i: &Incoming) -> anyhow::Result<Handled> {
        let topic = match i.text("topic") {
            None | Some("") => Topic::All,
            Some(t) => match t.parse() {
                Ok(t) => t,
                Err(_) => return Ok(Handled::private(format!("Unknown topic {t:?}."))),
            },
        };
        let level = match i.text("level") {
            None | Some("") => None,
            Some(l) => match l.parse::<Level>() {
                Ok(l) => Some(l),
                Err(_) => return Ok(Handled::private(format!("Unknown level {l:?}."))),
            },
        };
        let skills = self.inner.engine.skills(topic, level)?;
        Ok(Handled::now(Response::message(render::skills_reply(
            &skills.answer,
            skills.generation.meta(),
        ))))
    }

    fn roadmap(&self, i: &Incoming) -> anyhow::Result<Handled> {
        let stage = match i.text("stage") {
            None | Some("") => None,
            Some(s) => match s.parse::<Stage>() {
                Ok(s) => Some(s),
                Err(_) => return Ok(Handled::private(format!("Unknown stage {s:?}."))),
            },
        };
        let focus = match i.text("focus") {
            None | Some("") => Focus::All,
            Some(f) => match f.parse() {
                Ok(f) => f,
                Err(_) => return Ok(Handled::private(format!("Unknown focus {f:?}."))),
            },
        };
        let roadmap = self.inner.engine.roadmap(stage, focus)?;
        Ok(Handled::now(Response::message(render::roadmap_reply(
            &roadmap.answer,
            roadmap.generation.meta(),
        ))))
    }

    fn status(&self) -> Reply {
        let status = self.inner.engine.status();
        let meta = status.generation.meta();
        let age = Duration::from_secs(crate::search::unix_now().saturating_sub(meta.built_at));
        let uptime = status.uptime;
        let fields = vec![
            Field {
                name: "Guides".into(),
                value: meta.guides.len().to_string(),
                inline: true,
            },
            Field {
                name: "Passages".into(),
                value: meta.passages.to_string(),
                inline: true,
            },
            Field {
                name: "Index age".into(),
                value: human_duration(age),
                inline: true,
            },
            Field {
                name: "Uptime".into(),
                value: human_duration(uptime),
                inline: true,
            },
            Field {
                name: "Interactions served".into(),
                value: self.served().to_string(),
                inline: true,
            },
            Field {
                name: "Version".into(),
                value: env!("CARGO_PKG_VERSION").into(),
                inline: true,
            },
        ];
        Reply {
            ephemeral: true,
            ..Reply::embed(Embed {
                title: Some("careerbot status".into()),
                description: Some(if status.reindexing {
                    "A reindex is running.".into()
                } else {
                    "Ready.".into()
                }),
                color: Some(render::COLOR),
                fields,
                footer: Some(render::footer(meta, &[])),
                image_url: None,
            })
        }
    }

    fn pins(&self, i: &Incoming) -> anyhow::Result<Handled> {
        let Some(guild) = i.guild_id else {
            return Ok(Handled::private(
                "Pinned answers belong to a server: use this in one.",
            ));
        };
        match i.subcommand() {
            Some("remove") => {
                if self.rank(i) < Rank::Moderator {
                    return Ok(Handled::private("Only moderators can unpin answers."));
                }
                let Some(id) = i.text("answer").and_then(|s| s.trim().parse::<i64>().ok()) else {
                    return Ok(Handled::private("Pick a pinned answer from the list."));
                };
                let found = self
                    .inner
                    .store
                    .curated_for_guild(guild)?
                    .into_iter()
                    .find(|c| c.id == id);
                match found {
                    Some(removed) if self.inner.store.unpin_curated(guild, id)? => Ok(Handled {
                        response: Response::message(Reply::ephemeral(format!(
                            "Unpinned “{}”.",
                            escape_markdown(&truncate(&removed.question, 150))
                        ))),
                        work: removed
                            .channel_id
                            .zip(removed.message_id)
                            .map(|(channel, message)| Work::Unpin { channel, message }),
                    }),
                    _ => Ok(Handled::private("That pinned answer no longer exists.")),
                }
            }
            _ => {
                let list = self.inner.store.curated_for_guild(guild)?;
                let lines: Vec<String> = list
                    .iter()
                    .map(|c| {
                        format!(
                            "• **{}** — pinned by <@{}> <t:{}:R>",
                            escape_markdown(&truncate(&c.question, 120)),
                            c.pinned_by,
                            c.pinned_at
                        )
                    })
                    .collect();
                let text = if lines.is_empty() {
                    "No answers are pinned yet. Moderators pin an answer with its 📌 button."
                        .to_string()
                } else {
                    render::fit_lines(&lines, 3900)
                };
                Ok(Handled::now(Response::message(Reply {
                    ephemeral: true,
                    ..Reply::embed(Embed {
                        title: Some("📌 Pinned answers".into()),
                        description: Some(text),
                        color: Some(render::PINNED_COLOR),
                        ..Embed::default()
                    })
                })))
            }
        }
    }

    fn gaps(&self, i: &Incoming) -> anyhow::Result<Handled> {
        let Some(guild) = i.guild_id else {
            return Ok(Handled::private("Use /gaps in a server."));
        };
        if self.rank(i) < Rank::Moderator {
            return Ok(Handled::private(
                "Only moderators and admins can see the gaps.",
            ));
        }
        let gaps = self
            .inner
            .store
            .gaps(guild, unix_now() - GAPS_WINDOW_SECS, 15)?;
        let unanswered: Vec<String> = gaps
            .unanswered
            .iter()
            .map(|g| {
                format!(
                    "• {} ×{} (last <t:{}:R>)",
                    escape_markdown(&truncate(&g.question, 150)),
                    g.count,
                    g.last_at
                )
            })
            .collect();
        let downvoted: Vec<String> = gaps
            .downvoted
            .iter()
            .map(|d| {
                format!(
                    "• {} — 👎 {} / 👍 {}",
                    escape_markdown(&truncate(&d.question, 150)),
                    d.downs,
                    d.ups
                )
            })
            .collect();
        let fields = vec![
            Field {
                name: "Questions without a good answer (30 days)".into(),
                value: if unanswered.is_empty() {
                    "None.".into()
                } else {
                    render::fit_lines(&unanswered, 1000)
                },
                inline: false,
            },
            Field {
                name: "Answers voted down".into(),
                value: if downvoted.is_empty() {
                    "None.".into()
                } else {
                    render::fit_lines(&downvoted, 1000)
                },
                inline: false,
            },
        ];
        Ok(Handled::now(Response::message(Reply {
            ephemeral: true,
            ..Reply::embed(Embed {
                title: Some("Gaps in the guides".into()),
                description: Some("What members ask that the guides do not answer well — candidates for a new guide.".into()),
                color: Some(render::COLOR),
                fields,
                ..Embed::default()
            })
        })))
    }

    fn reindex_command(&self, i: &Incoming) -> Handled {
        if self.rank(i) < Rank::Admin {
            return Handled::private("Only admins can reindex the guides.");
        }
        if self.inner.engine.is_reindexing() {
            return Handled::private(
                "A reindex is already running; its message will show the outcome.",
            );
        }
        Handled::then(
            Response::deferred(true),
            Work::Reindex {
                token: i.token.clone(),
                actor: i.actor.name.clone(),
            },
        )
    }

    fn sources(&self, i: &Incoming) -> anyhow::Result<Handled> {
        if self.rank(i) < Rank::Admin {
            return Ok(Handled::private("Only admins can manage the guides."));
        }
        match i.subcommand() {
            Some("add") => {
                let Some(OptionValue::Attachment(file)) = i.option("file") else {
                    return Ok(Handled::private(
                        "Attach the guide file (.txt, .md or .html).",
                    ));
                };
                let replace = i.flag("replace").unwrap_or(false);
                if let Err(e) = self.inner.engine.guides_dir() {
                    return Ok(Handled::private(guide_error(&e)));
                }
                if let Err(why) = check_guide_name(&file.filename) {
                    return Ok(Handled::private(format!("Refused: {why}.")));
                }
                if file.size > MAX_GUIDE_UPLOAD {
                    return Ok(Handled::private(format!(
                        "Refused: {} is {} KB; guides can be at most 1 MB.",
                        escape_markdown(&file.filename),
                        file.size / 1024
                    )));
                }
                if self.inner.engine.has_guide(&file.filename) && !replace {
                    return Ok(Handled::private(format!(
                        "A guide named {} already exists. Add it again with replace:true to replace it.",
                        escape_markdown(&file.filename)
                    )));
                }
                if self.inner.engine.is_reindexing() {
                    return Ok(Handled::private(
                        "A reindex is running; add the guide when it is done.",
                    ));
                }
                Ok(Handled::then(
                    Response::deferred(true),
                    Work::AddSource {
                        token: i.token.clone(),
                        url: file.url.clone(),
                        filename: file.filename.clone(),
                        replace,
                        actor: i.actor.name.clone(),
                    },
                ))
            }
            Some("remove") => {
                let name = i.text("name").unwrap_or_default().trim().to_string();
                if let Err(e) = self.inner.engine.guides_dir() {
                    return Ok(Handled::private(guide_error(&e)));
                }
                if !self.inner.engine.has_guide(&name) {
                    return Ok(Handled::private(format!(
                        "There is no guide named {}.",
                        escape_markdown(&name)
                    )));
                }
                if self.inner.engine.is_reindexing() {
                    return Ok(Handled::private(
                        "A reindex is running; remove the guide when it is done.",
                    ));
                }
                Ok(Handled::then(
                    Response::deferred(true),
                    Work::RemoveSource {
                        token: i.token.clone(),
                        name,
                        actor: i.actor.name.clone(),
                    },
                ))
            }
            _ => {
                let index = self.inner.engine.current();
                let meta = index.meta();
                let mut lines: Vec<String> = meta
                    .guides
                    .iter()
                    .map(|g| {
                        format!(
                            "• `{}` — {} ({} passages)",
                            g.source,
                            escape_markdown(&g.title),
                            g.passages
                        )
                    })
                    .collect();
                for s in &meta.skipped {
                    lines.push(format!(
                        "• ⚠️ `{}` skipped: {}",
                        s.file,
                        escape_markdown(&s.reason)
                    ));
                }
                Ok(Handled::now(Response::message(Reply {
                    ephemeral: true,
                    ..Reply::embed(Embed {
                        title: Some(format!("Guides ({})", meta.guides.len())),
                        description: Some(render::fit_lines(&lines, 3900)),
                        color: Some(render::COLOR),
                        footer: Some(render::footer(meta, &[])),
                        ..Embed::default()
                    })
                })))
            }
        }
    }

    fn component(&self, custom_id: &str, i: &Incoming) -> anyhow::Result<Handled> {
        let mut parts = custom_id.split(':');
        let action = parts.next().unwrap_or_default();
        let answer_id = parts.next().unwrap_or_default();
        let Some(answer) = self.stored_answer(answer_id)? else {
            return Ok(Handled::private(
                "This answer is too old or was removed; ask again with /ask.",
            ));
        };
        let state: AnswerState = serde_json::from_value(answer.payload.clone())?;
        let is_asker = answer.asker_id == i.actor.id;
        Ok(match action {
            ids::MORE => {
                if !is_asker {
                    return Ok(Handled::private(
                        "Only the person who asked can page through this answer. Ask your own with /ask!",
                    ));
                }
                let page: usize = parts
                    .next()
                    .and_then(|p| p.parse().ok())
                    .unwrap_or(1)
                    .min(20);
                let options = self.inner.engine.page(page);
                let asked = self.inner.engine.ask(&state.question, options)?;
                let results = &asked.results;
                if results.hits.is_empty() {
                    return Ok(Handled::private("No more passages match this question."));
                }
                let embed =
                    render::ask_embed(results, asked.generation.meta(), None, options.offset);
                let new_state = AnswerState {
                    offset: options.offset,
                    cited: cited(results),
                    ..state
                };
                self.inner
                    .store
                    .update_answer_payload(answer_id, &serde_json::to_value(&new_state)?)?;
                let next = results.has_more.then_some(page + 1);
                Handled::now(Response::update(Reply {
                    embeds: vec![embed],
                    rows: render::answer_buttons(answer_id, next),
                    ..Reply::default()
                }))
            }
            ids::SOURCES => {
                let lines: Vec<String> = state
                    .cited
                    .iter()
                    .enumerate()
                    .map(|(n, c)| {
                        format!(
                            "[{}] {} › {} ({}:{}-{})",
                            n + 1 + state.offset,
                            escape_markdown(&c.title),
                            escape_markdown(&c.section),
                            c.source,
                            c.start_line,
                            c.end_line
                        )
                    })
                    .collect();
                Handled::now(Response::message(Reply {
                    ephemeral: true,
                    ..Reply::embed(Embed {
                        title: Some("Sources".into()),
                        description: Some(render::fit_lines(&lines, 3900)),
                        color: Some(render::COLOR),
                        ..Embed::default()
                    })
                }))
            }
            ids::PIN => {
                if self.rank(i) < Rank::Moderator {
                    return Ok(Handled::private(
                        "Only moderators can pin answers. If this one helped you, 👍 it!",
                    ));
                }
                let (Some(guild), Some(message)) = (i.guild_id, i.message.as_ref()) else {
                    return Ok(Handled::private(
                        "Answers can only be pinned in a server channel.",
                    ));
                };
                Handled::then(
                    Response::deferred(true),
                    Work::Pin {
                        token: i.token.clone(),
                        guild,
                        channel: message.channel_id,
                        message: message.id,
                        answer_id: answer_id.to_string(),
                        actor_id: i.actor.id,
                        actor: i.actor.name.clone(),
                        shown: message.text.clone(),
                    },
                )
            }
            ids::UP | ids::DOWN => {
                let up = action == ids::UP;
                self.inner
                    .store
                    .vote(answer_id, i.actor.id, up, unix_now())?;
                Handled::private(if up {
                    "Thanks! Glad it helped."
                } else {
                    "Thanks — noted. Moderators review answers voted down to find what the guides are missing."
                })
            }
            ids::DISMISS => {
                if !is_asker && self.rank(i) < Rank::Moderator {
                    return Ok(Handled::private(
                        "Only the person who asked, or a moderator, can dismiss this answer.",
                    ));
                }
                let Some(message) = i.message.as_ref() else {
                    return Ok(Handled::private("There is no message to dismiss."));
                };
                Handled::then(
                    Response::deferred_update(),
                    Work::Dismiss {
                        channel: message.channel_id,
                        message: message.id,
                    },
                )
            }
            _ => Handled::private("This button is no longer supported; ask again with /ask."),
        })
    }

    fn autocomplete(&self, command: &str, i: &Incoming) -> Response {
        let (option, typed) = i.focused().unwrap_or(("", ""));
        let choices = match (command, option) {
            ("ask", "question") => self.question_suggestions(typed),
            ("sources", "name") => {
                let typed = typed.to_lowercase();
                self.inner
                    .engine
                    .current()
                    .meta()
                    .guides
                    .iter()
                    .filter(|g| {
                        g.source.to_lowercase().contains(&typed)
                            || g.title.to_lowercase().contains(&typed)
                    })
                    .map(|g| Choice {
                        name: format!("{} — {}", g.source, g.title),
                        value: g.source.clone(),
                    })
                    .collect()
            }
            ("pins", "answer") => match i.guild_id.map(|g| self.inner.store.curated_for_guild(g)) {
                Some(Ok(list)) => {
                    let typed = typed.to_lowercase();
                    list.into_iter()
                        .filter(|c| c.question.to_lowercase().contains(&typed))
                        .map(|c| Choice {
                            name: c.question,
                            value: c.id.to_string(),
                        })
                        .collect()
                }
                Some(Err(e)) => {
                    tracing::error!(error = %e, "pins autocomplete failed");
                    Vec::new()
                }
                None => Vec::new(),
            },
            _ => Vec::new(),
        };
        Response::autocomplete(choices)
    }

    /// Suggestions while typing a question (see [`Engine::suggestions`]).
    fn question_suggestions(&self, typed: &str) -> Vec<Choice> {
        self.inner
            .engine
            .suggestions(typed)
            .iter()
            .map(|s| Choice::same(&truncate(s, 100)))
            .collect()
    }

    /// Runs work left after the first response. Errors are reported to the user through the
    /// response when possible, and logged.
    pub async fn run(&self, work: Work, rest: &Rest) {
        let result = match work {
            Work::RecordMessage { token, answer_id } => {
                self.record_message(&token, &answer_id, rest).await
            }
            Work::Salary { token, level } => self.salary(&token, level, rest).await,
            Work::Reindex { token, actor } => self.reindex(&token, &actor, None, rest).await,
            Work::AddSource {
                token,
                url,
                filename,
                replace,
                actor,
            } => {
                self.add_source(&token, &url, &filename, replace, &actor, rest)
                    .await
            }
            Work::RemoveSource { token, name, actor } => {
                self.remove_source(&token, &name, &actor, rest).await
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
                let curated = (answer_id, actor_id, actor, shown);
                self.pin(&token, guild, channel, message, curated, rest)
                    .await
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

    async fn blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce(Bot) -> T + Send + 'static,
    ) -> anyhow::Result<T> {
        let bot = self.clone();
        Ok(tokio::task::spawn_blocking(move || f(bot)).await?)
    }

    async fn record_message(
        &self,
        token: &str,
        answer_id: &str,
        rest: &Rest,
    ) -> anyhow::Result<()> {
        let message = rest.original_message_id(token).await?;
        self.inner.duplicates.learn_message(answer_id, message);
        self.inner.writer.send(Record::AnswerMessage {
            answer_id: answer_id.to_string(),
            message_id: message,
        });
        Ok(())
    }

    async fn salary(&self, token: &str, level: Option<Level>, rest: &Rest) -> anyhow::Result<()> {
        let reply = self
            .blocking(move |bot| -> anyhow::Result<Reply> {
                let engine = &bot.inner.engine;
                let salary = engine.salary(level)?;
                let chart = match engine.salary_chart(&salary) {
                    Ok(chart) => chart,
                    Err(e) => {
                        tracing::warn!(error = %e, "salary chart not rendered");
                        None
                    }
                };
                Ok(render::salary_reply(
                    &salary.answer,
                    salary.generation.meta(),
                    chart.map(|c| c.to_vec()),
                ))
            })
            .await?;
        let reply = match reply {
            Ok(r) => r,
            Err(e) => {
                tracing::error!(error = %e, "salary answer failed");
                Reply::ephemeral(
                    "Sorry, the salary answer could not be built; the team can see why in the logs.",
                )
            }
        };
        rest.edit_original(token, reply).await?;
        Ok(())
    }

    /// Rebuilds the index with progress edits; `prefix` is said first (e.g. the guide added).
    async fn reindex(
        &self,
        token: &str,
        actor: &str,
        prefix: Option<String>,
        rest: &Rest,
    ) -> anyhow::Result<()> {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<BuildProgress>();
        let actor_name = actor.to_string();
        let job = self.blocking(move |bot| {
            tracing::info!(by = %actor_name, "reindex started");
            let mut last = Instant::now();
            bot.inner.engine.reindex(|p| {
                if last.elapsed() >= PROGRESS_EVERY || p.guides_done == p.guides_total {
                    last = Instant::now();
                    let _ = tx.send(p);
                }
            })
        });
        tokio::pin!(job);
        let head = prefix.map(|p| format!("{p}\n")).unwrap_or_default();
        let outcome = loop {
            tokio::select! {
                done = &mut job => break done?,
                Some(p) = rx.recv() => {
                    let text = format!("{head}⏳ Reindexing… {}/{} guides read, {} passages so far.", p.guides_done, p.guides_total, p.passages);
                    if let Err(e) = rest.edit_original(token, Reply::ephemeral(text)).await {
                        tracing::warn!(error = %e, "progress update failed");
                    }
                }
            }
        };
        let reply = match outcome {
            Ok(report) => Reply {
                ephemeral: true,
                ..Reply::embed(reindex_embed(&head, &report))
            },
            Err(IndexError::Busy) => Reply::ephemeral(format!(
                "{head}A reindex is already running; its message will show the outcome."
            )),
            Err(e) => {
                tracing::error!(error = %e, "reindex failed");
                Reply::ephemeral(format!(
                    "{head}❌ The reindex failed: {e}\nThe previous index is still answering questions."
                ))
            }
        };
        rest.edit_original(token, reply).await?;
        Ok(())
    }

    async fn add_source(
        &self,
        token: &str,
        url: &str,
        filename: &str,
        replace: bool,
        actor: &str,
        rest: &Rest,
    ) -> anyhow::Result<()> {
        let bytes = match rest.download(url).await {
            Ok(b) => b,
            Err(e) => {
                rest.edit_original(
                    token,
                    Reply::ephemeral(format!(
                        "❌ Could not download {}: {}",
                        escape_markdown(filename),
                        e.message
                    )),
                )
                .await?;
                return Ok(());
            }
        };
        let name = filename.to_string();
        let saved = self
            .blocking(move |bot| bot.inner.engine.add_guide(&name, &bytes, replace))
            .await?;
        match saved {
            Ok(passages) => {
                let head = format!(
                    "✅ {} added ({passages} passages) by {}.",
                    escape_markdown(filename),
                    escape_markdown(actor)
                );
                self.reindex(token, actor, Some(head), rest).await
            }
            Err(why) => {
                rest.edit_original(
                    token,
                    Reply::ephemeral(format!(
                        "❌ Refused {}: {}",
                        escape_markdown(filename),
                        guide_error(&why)
                    )),
                )
                .await?;
                Ok(())
            }
        }
    }

    async fn remove_source(
        &self,
        token: &str,
        name: &str,
        actor: &str,
        rest: &Rest,
    ) -> anyhow::Result<()> {
        let file = name.to_string();
        let moved = self
            .blocking(move |bot| bot.inner.engine.remove_guide(&file))
            .await?;
        match moved {
            Ok(_) => {
                tracing::info!(guide = name, by = actor, "guide removed by an admin");
                let head = format!(
                    "🗑️ {} removed by {} (a copy is kept on the server).",
                    escape_markdown(name),
                    escape_markdown(actor)
                );
                self.reindex(token, actor, Some(head), rest).await
            }
            Err(e) => {
                tracing::error!(error = %e, guide = name, "guide removal failed");
                rest.edit_original(
                    token,
                    Reply::ephemeral(format!(
                        "❌ Could not remove {}: {}",
                        escape_markdown(name),
                        guide_error(&e)
                    )),
                )
                .await?;
                Ok(())
            }
        }
    }

    async fn pin(
        &self,
        token: &str,
        guild: u64,
        channel: u64,
        message: u64,
        (answer_id, actor_id, actor, shown): (String, u64, String, String),
        rest: &Rest,
    ) -> anyhow::Result<()> {
        let text = match rest.pin(channel, message).await {
            Ok(()) => {
                self.blocking(move |bot| -> anyhow::Result<()> {
                    let answer = bot.stored_answer(&answer_id)?.ok_or_else(|| anyhow::anyhow!("answer {answer_id} vanished"))?;
                    let state: AnswerState = serde_json::from_value(answer.payload)?;
                    let citations = serde_json::to_value(&state.cited)?;
                    bot.inner.store.pin_curated(&NewCurated {
                        guild_id: guild,
                        answer_id: Some(&answer_id),
                        question: &state.question,
                        answer: &shown,
                        citations: &citations,
                        pinned_by: actor_id,
                        pinned_at: unix_now(),
                        channel_id: Some(channel),
                        message_id: Some(message),
                    })?;
                    tracing::info!(guild, channel, message, by = %actor, "answer pinned");
                    Ok(())
                })
                .await??;
                "📌 Pinned. Later questions like this one will show this answer first, marked as moderator-pinned.".to_string()
            }
            Err(e) if e.code == Some(rest::TOO_MANY_PINS) => {
                "This channel already has the maximum of 250 pinned messages. Unpin some (or use /pins remove), then try again.".to_string()
            }
            Err(e) => {
                tracing::error!(error = %e, channel, message, "pin failed");
                format!("Could not pin this answer: {}. Does the bot have the Pin Messages permission here?", e.message)
            }
        };
        rest.edit_original(token, Reply::ephemeral(text)).await?;
        Ok(())
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

fn cited(results: &SearchResults) -> Vec<Cited> {
    results
        .hits
        .iter()
        .map(|h| Cited {
            title: h.passage.title.clone(),
            section: h.passage.section.clone(),
            source: h.passage.source.clone(),
            start_line: h.passage.start_line,
            end_line: h.passage.end_line,
        })
        .collect()
}

fn reindex_embed(head: &str, r: &ReindexReport) -> Embed {
    let list = |v: &[String]| {
        if v.is_empty() {
            "none".to_string()
        } else {
            v.iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let mut fields = vec![
        Field {
            name: "Guides".into(),
            value: format!("{} → {}", r.before.guides, r.after.guides),
            inline: true,
        },
        Field {
            name: "Passages".into(),
            value: format!("{} → {}", r.before.passages, r.after.passages),
            inline: true,
        },
        Field {
            name: "Time".into(),
            value: format!("{:.1} s", r.elapsed.as_secs_f64()),
            inline: true,
        },
        Field {
            name: "Added".into(),
            value: list(&r.added),
            inline: false,
        },
        Field {
            name: "Removed".into(),
            value: list(&r.removed),
            inline: false,
        },
        Field {
            name: "Changed".into(),
            value: list(&r.changed),
            inline: false,
        },
    ];
    if !r.skipped.is_empty() {
        let lines: Vec<String> = r
            .skipped
            .iter()
            .map(|s| format!("`{}`: {}", s.file, escape_markdown(&s.reason)))
            .collect();
        fields.push(Field {
            name: "Skipped".into(),
            value: render::fit_lines(&lines, 1000),
            inline: false,
        });
    }
    Embed {
        title: Some("✅ Reindex done".into()),
        description: Some(format!("{head}The new index is answering questions now.")),
        color: Some(render::COLOR),
        fields,
        ..Embed::default()
    }
}

/// A guide error as the admin reads it (Discord markdown escaped).
fn guide_error(e: &GuideError) -> String {
    let text = e.to_string();
    let mut chars = text.chars();
    let text = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    };
    format!("{}.", escape_markdown(&text))
}

/// "3 minutes", "2 hours", "5 days".
pub fn human_duration(d: Duration) -> String {
    let s = d.as_secs();
    let (n, unit) = match s {
        0..60 => (s, "second"),
        60..3600 => (s / 60, "minute"),
        3600..86_400 => (s / 3600, "hour"),
        _ => (s / 86_400, "day"),
    };
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_well() {
        assert_eq!(human_duration(Duration::from_secs(1)), "1 second");
        assert_eq!(human_duration(Duration::from_secs(150)), "2 minutes");
        assert_eq!(human_duration(Duration::from_secs(7200)), "2 hours");
        assert_eq!(human_duration(Duration::from_secs(86_400 * 3)), "3 days");
    }
}
