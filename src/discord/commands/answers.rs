//! The buttons under an `/ask` answer: more passages, its sources, pin (moderators), votes and
//! dismiss; and the state an answer keeps for them.

use serde::{Deserialize, Serialize};

use super::unix_now;
use crate::discord::bot::{Bot, Handled, Work};
use crate::discord::incoming::Incoming;
use crate::discord::markdown::escape_markdown;
use crate::discord::message::{Embed, Reply, Response};
use crate::discord::permissions::Rank;
use crate::discord::render::{self, ids};
use crate::discord::rest::{self, Rest};
use crate::search::{SearchOptions, SearchResults};
use crate::store::{Answer, NewCurated};

/// What an `/ask` answer stored for its buttons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct AnswerState {
    /// The question as searched.
    pub(super) question: String,
    /// The career it was answered from (`None`: every career); later pages keep it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) career: Option<String>,
    /// First result shown (0 for the first page).
    pub(super) offset: usize,
    /// The passages shown: citations for "Sources".
    pub(super) cited: Vec<Cited>,
}

/// One passage an answer showed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct Cited {
    title: String,
    /// The career its guide is about (empty in answers stored before careers were).
    #[serde(default)]
    career: String,
    section: String,
    source: String,
    start_line: u32,
    end_line: u32,
}

/// A pin to make after the first response: the answer's message, and what to record with it.
#[derive(Debug)]
pub(crate) struct Pinning {
    /// The guild it is pinned for.
    pub(crate) guild: u64,
    /// The channel of the message.
    pub(crate) channel: u64,
    /// The answer's message.
    pub(crate) message: u64,
    /// The answer.
    pub(crate) answer_id: String,
    /// The moderator pinning it.
    pub(crate) actor_id: u64,
    /// The moderator's name, for the log.
    pub(crate) actor: String,
    /// The answer as the message shows it (stored as the curated answer's text).
    pub(crate) shown: String,
}

/// A click on one of an answer's buttons (`<action>:<answer id>[:<page>]`, see [`ids`]).
pub(crate) fn click(bot: &Bot, custom_id: &str, i: &Incoming) -> anyhow::Result<Handled> {
    let mut parts = custom_id.split(':');
    let action = parts.next().unwrap_or_default();
    let answer_id = parts.next().unwrap_or_default();
    let Some(answer) = stored_answer(bot, answer_id)? else {
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
            let options = SearchOptions {
                career: state.career.clone(),
                ..bot.engine().page(page)
            };
            let offset = options.offset;
            let asked = bot.engine().ask(&state.question, options)?;
            let results = &asked.results;
            if results.hits.is_empty() {
                return Ok(Handled::private("No more passages match this question."));
            }
            let embed = render::ask_embed(&asked, None, offset);
            let new_state = AnswerState {
                offset,
                cited: cited(results),
                ..state
            };
            bot.store()
                .update_answer_payload(answer_id, &serde_json::to_value(&new_state)?)?;
            let next = results.has_more.then_some(page + 1);
            Handled::now(Response::update(Reply {
                embeds: vec![embed],
                rows: render::answer_buttons(answer_id, next),
                ..Reply::default()
            }))
        }
        ids::SOURCES => {
            let careers = state.career.is_none() && bot.engine().careers().len() > 1;
            let lines: Vec<String> = state
                .cited
                .iter()
                .enumerate()
                .map(|(n, c)| {
                    let career = if careers && !c.career.is_empty() {
                        format!("{} · ", escape_markdown(&c.career))
                    } else {
                        String::new()
                    };
                    format!(
                        "[{}] {career}{} › {} ({}:{}-{})",
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
            if bot.rank(i) < Rank::Moderator {
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
            bot.store().vote(answer_id, i.actor.id, up, unix_now())?;
            Handled::private(if up {
                "Thanks! Glad it helped."
            } else {
                "Thanks — noted. Moderators review answers voted down to find what the guides are missing."
            })
        }
        ids::DISMISS => {
            if !is_asker && bot.rank(i) < Rank::Moderator {
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

/// A stored answer; when not found, waits for the batch writer once (it may be queued).
pub(super) fn stored_answer(bot: &Bot, answer_id: &str) -> anyhow::Result<Option<Answer>> {
    if let Some(a) = bot.store().answer(answer_id)? {
        return Ok(Some(a));
    }
    bot.writer().flush();
    Ok(bot.store().answer(answer_id)?)
}

/// Pins the answer's message, records it as the guild's curated answer, and says how it went in
/// the deferred response.
pub(crate) async fn pin(
    bot: &Bot,
    token: &str,
    pinning: Pinning,
    rest: &Rest,
) -> anyhow::Result<()> {
    let Pinning {
        guild,
        channel,
        message,
        answer_id,
        actor_id,
        actor,
        shown,
    } = pinning;
    let text = match rest.pin(channel, message).await {
        Ok(()) => {
            bot.blocking(move |bot| -> anyhow::Result<()> {
                let answer = stored_answer(&bot, &answer_id)?.ok_or_else(|| anyhow::anyhow!("answer {answer_id} vanished"))?;
                let state: AnswerState = serde_json::from_value(answer.payload)?;
                let citations = serde_json::to_value(&state.cited)?;
                bot.store().pin_curated(&NewCurated {
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

/// The citations of the passages shown.
pub(super) fn cited(results: &SearchResults) -> Vec<Cited> {
    results
        .hits
        .iter()
        .map(|h| Cited {
            title: h.passage.title.clone(),
            career: h.passage.career.clone(),
            section: h.passage.section.clone(),
            source: h.passage.source.clone(),
            start_line: h.passage.start_line,
            end_line: h.passage.end_line,
        })
        .collect()
}
