//! The buttons under an `/ask` answer: more passages, its sources, pin (moderators), votes and
//! dismiss; the state an answer keeps for them; and the repair of pins a crash left pending.
//!
//! A vote is committed before "Thanks". A pin goes: record it pending → pin the message on
//! Discord → confirm the record → tell the moderator; a failure at any step is told to the
//! moderator and undoes the steps before it, and a pin left pending by a process that died is
//! settled from what Discord shows ([`repair_pins`]).

use crate::i18n::Locale;
use crate::tr;
use serde::{Deserialize, Serialize};

use serenity::model::id::{ChannelId, MessageId};

use super::unix_now;
use crate::discord::bot::{Bot, Handled, Work};
use crate::discord::incoming::Incoming;
use crate::discord::markdown::escape_markdown;
use crate::discord::message::{Embed, Reply, Response};
use crate::discord::permissions::Rank;
use crate::discord::pin_matcher::{pin_analysis, pin_terms};
use crate::discord::render::{self, ids};
use crate::discord::rest::{self, Rest, RestError};
use crate::search::{SearchOptions, SearchResults};
use crate::store::{Answer, NewCurated, PinStart};

/// How long another process's pending pin is left alone by [`repair_pins`] (it may still be
/// pinning; a pin takes well under a second). A pin this process started is left for
/// [`OWN_PIN_GRACE_SECS`].
const PIN_GRACE_SECS: i64 = 10;
/// How long this process's own pending pin is left alone by [`repair_pins`].
const OWN_PIN_GRACE_SECS: i64 = 300;

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
    /// Shown only to the asker (`hide`): no pin or dismiss, which cannot work on it.
    #[serde(default)]
    pub(super) hidden: bool,
}

/// The last page "More results" goes to; past it, the member is told to ask more precisely.
pub(crate) const MAX_PAGE: usize = 20;

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
        return Ok(Handled::private(tr!(i.lang, "answer-gone")));
    };
    let state: AnswerState = serde_json::from_value(answer.payload.clone())?;
    let is_asker = answer.asker_id == i.actor.id;
    Ok(match action {
        ids::MORE => {
            if !is_asker {
                return Ok(Handled::private(tr!(i.lang, "more-not-asker")));
            }
            let page: usize = parts.next().and_then(|p| p.parse().ok()).unwrap_or(1);
            if page > MAX_PAGE {
                return Ok(Handled::private(tr!(
                    i.lang,
                    "more-last-page",
                    pages = MAX_PAGE
                )));
            }
            let options = SearchOptions {
                career: state.career.clone(),
                ..bot.engine().page(page)
            };
            let offset = options.offset;
            let asked = bot.engine().ask(&state.question, options)?;
            let results = &asked.results;
            if results.hits.is_empty() {
                return Ok(Handled::private(tr!(i.lang, "more-none")));
            }
            let embed = render::ask_embed(&asked, None, offset, i.lang);
            let new_state = AnswerState {
                offset,
                cited: cited(results),
                ..state
            };
            bot.store()
                .update_answer_payload(answer_id, &serde_json::to_value(&new_state)?)?;
            let next = (results.has_more && page < MAX_PAGE).then_some(page + 1);
            Handled::now(Response::update(Reply {
                embeds: vec![embed],
                rows: render::answer_buttons(answer_id, next, new_state.hidden, i.lang),
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
                    title: Some(tr!(i.lang, "sources")),
                    description: Some(render::fit_lines(&lines, 3900, i.lang)),
                    color: Some(render::COLOR),
                    ..Embed::default()
                })
            }))
        }
        ids::PIN => {
            if bot.rank(i) < Rank::Moderator {
                return Ok(Handled::private(tr!(i.lang, "pin-not-moderator")));
            }
            let (Some(guild), Some(message)) = (i.guild_id, i.message.as_ref()) else {
                return Ok(Handled::private(tr!(i.lang, "pin-not-in-guild")));
            };
            Handled::then(
                Response::deferred(true),
                Work::Pin {
                    token: i.token.clone(),
                    lang: i.lang,
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
            // Committed before "Thanks", or the member is told it was not.
            let up = action == ids::UP;
            match bot.store().vote(answer_id, i.actor.id, up, unix_now()) {
                Ok(true) if up => Handled::private(tr!(i.lang, "vote-up")),
                Ok(true) => Handled::private(tr!(i.lang, "vote-down")),
                Ok(false) => Handled::private(tr!(i.lang, "vote-gone")),
                Err(e) => {
                    tracing::error!(error = %e, answer = answer_id, "vote not recorded");
                    Handled::private(tr!(i.lang, "vote-failed"))
                }
            }
        }
        ids::DISMISS => {
            if !is_asker && bot.rank(i) < Rank::Moderator {
                return Ok(Handled::private(tr!(i.lang, "dismiss-not-allowed")));
            }
            let Some(message) = i.message.as_ref() else {
                return Ok(Handled::private(tr!(i.lang, "dismiss-no-message")));
            };
            Handled::then(
                Response::deferred_update(),
                Work::Dismiss {
                    channel: message.channel_id,
                    message: message.id,
                },
            )
        }
        _ => Handled::private(tr!(i.lang, "button-unknown")),
    })
}

/// A stored answer. An answer's buttons are only shown once its record is committed, so a
/// button whose answer is missing belongs to an answer pruned (or never saved: it then had no
/// buttons).
pub(super) fn stored_answer(bot: &Bot, answer_id: &str) -> anyhow::Result<Option<Answer>> {
    Ok(bot.store().answer(answer_id)?)
}

/// What a pin records, owned, so the record can be written before and after the Discord call.
struct PinRecord {
    guild: u64,
    channel: u64,
    message: u64,
    answer_id: String,
    question: String,
    shown: String,
    citations: serde_json::Value,
    terms: Vec<String>,
    pinned_by: u64,
    pinned_at: i64,
}

impl PinRecord {
    /// The record to write, its terms made by the analysis whose fingerprint is `analysis`.
    fn curated<'a>(&'a self, analysis: &'a str) -> NewCurated<'a> {
        NewCurated {
            guild_id: self.guild,
            answer_id: Some(&self.answer_id),
            question: &self.question,
            answer: &self.shown,
            citations: &self.citations,
            pinned_by: self.pinned_by,
            pinned_at: self.pinned_at,
            channel_id: Some(self.channel),
            message_id: Some(self.message),
            analysed: Some((analysis, &self.terms)),
        }
    }
}

/// Pins the answer's message and records it as the guild's curated answer, then says how it
/// went in the deferred response (always: a failure is said too).
pub(crate) async fn pin(
    bot: &Bot,
    token: &str,
    pinning: Pinning,
    lang: Locale,
    rest: &Rest,
) -> anyhow::Result<()> {
    let text = pin_steps(bot, pinning, lang, rest).await;
    rest.edit_original(token, Reply::ephemeral(text)).await?;
    Ok(())
}

/// The four steps of a pin — record it pending, pin the message on Discord, confirm the record,
/// tell — and what to tell the moderator. A failure undoes the steps before it; what cannot be
/// undone at once (the database and Discord both failing) is left pending for [`repair_pins`].
async fn pin_steps(bot: &Bot, pinning: Pinning, lang: Locale, rest: &Rest) -> String {
    let Pinning {
        guild,
        channel,
        message,
        answer_id,
        actor_id,
        actor,
        shown,
    } = pinning;
    let owner = bot.process_id();
    // 1. The record, pending: invisible until confirmed.
    let recorded = bot
        .blocking(
            move |bot| -> anyhow::Result<Option<(PinRecord, PinStart)>> {
                let Some(answer) = stored_answer(&bot, &answer_id)? else {
                    return Ok(None);
                };
                let state: AnswerState = serde_json::from_value(answer.payload)?;
                let record = PinRecord {
                    guild,
                    channel,
                    message,
                    terms: pin_terms(bot.engine().vocabulary().analyzer(), &state.question),
                    citations: serde_json::to_value(&state.cited)?,
                    question: state.question,
                    answer_id,
                    shown,
                    pinned_by: actor_id,
                    pinned_at: unix_now(),
                };
                let analysis = pin_analysis(bot.engine().vocabulary().analyzer());
                let start = bot.store().begin_pin(&record.curated(analysis), owner)?;
                Ok(Some((record, start)))
            },
        )
        .await
        .and_then(|r| r);
    let (record, start) = match recorded {
        Ok(Some(r)) => r,
        Ok(None) => {
            return tr!(lang, "pin-gone");
        }
        Err(e) => {
            tracing::error!(error = %e, guild, channel, message, "pin not recorded");
            return tr!(lang, "pin-not-recorded", error = e.to_string());
        }
    };
    if start == PinStart::InProgress {
        return tr!(lang, "pin-in-progress");
    }
    // 2. The message, on Discord.
    if let Err(e) = rest.pin(channel, message).await {
        if let PinStart::Pending(id) = start {
            forget_pin(bot, id).await;
        }
        return if e.code == Some(rest::TOO_MANY_PINS) {
            tr!(lang, "pin-too-many")
        } else {
            tracing::error!(error = %e, channel, message, "pin failed");
            tr!(lang, "pin-failed", error = e.message.as_str())
        };
    }
    // 3. The record, confirmed (or refreshed, for a message pinned before).
    let written = match start {
        PinStart::Pending(id) => bot
            .blocking(move |bot| bot.store().confirm_pin(id))
            .await
            .map_err(|e| e.to_string())
            .and_then(|r| match r {
                Ok(true) => Ok(()),
                Ok(false) => Err("the pending pin was settled meanwhile".to_string()),
                Err(e) => Err(e.to_string()),
            }),
        _ => bot
            .blocking(move |bot| {
                let analysis = pin_analysis(bot.engine().vocabulary().analyzer());
                bot.store()
                    .pin_curated(&record.curated(analysis))
                    .map(|_| ())
            })
            .await
            .map_err(|e| e.to_string())
            .and_then(|r| r.map_err(|e| e.to_string())),
    };
    if let Err(why) = written {
        tracing::error!(error = %why, guild, channel, message, "pin not confirmed");
        let PinStart::Pending(id) = start else {
            return tr!(lang, "pin-text-not-saved", error = why.as_str());
        };
        // Undo the Discord pin, so the channel shows no pin the bot has no record of.
        return match rest.unpin(channel, message).await {
            Ok(()) => {
                forget_pin(bot, id).await;
                tr!(lang, "pin-undone", error = why.as_str())
            }
            Err(e) => {
                tracing::error!(error = %e, channel, message, "pin not undone");
                tr!(
                    lang,
                    "pin-not-undone",
                    error = why.as_str(),
                    unpin_error = e.message.as_str()
                )
            }
        };
    }
    // 4. Told.
    tracing::info!(guild, channel, message, by = %actor, "answer pinned");
    tr!(lang, "pin-done")
}

/// Forgets a pending pin whose message is not pinned; when even that fails, the pin stays
/// pending and [`repair_pins`] settles it later.
async fn forget_pin(bot: &Bot, id: i64) {
    match bot.blocking(move |bot| bot.store().abandon_pin(id)).await {
        Ok(Ok(_)) => {}
        Ok(Err(e)) => tracing::warn!(error = %e, id, "pending pin left for repair"),
        Err(e) => tracing::warn!(error = %e, id, "pending pin left for repair"),
    }
}

/// What [`repair_pins`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct PinRepair {
    /// Pending pins whose message Discord shows pinned: now confirmed.
    pub(crate) confirmed: usize,
    /// Pending pins whose message is not pinned (or is gone): forgotten.
    pub(crate) abandoned: usize,
    /// Pending pins too recent to settle yet (they may still be in flight).
    pub(crate) waiting: usize,
}

/// Settles the pins left pending — by a process that died between recording a pin and
/// confirming it — from what Discord shows: a message that is pinned gets its pin confirmed,
/// one that is not (or is gone, or out of the bot's reach) has it forgotten. A pin recorded in
/// the last [`PIN_GRACE_SECS`] (by this process, [`OWN_PIN_GRACE_SECS`]) may still be in
/// flight and waits; should a repair still overtake a live pin, that pin's own confirmation
/// fails and it undoes itself, so the two never disagree.
///
/// # Errors
/// When the pending pins cannot be read; a pin that cannot be settled now (Discord or the
/// database failing) is left for the next repair.
pub(crate) async fn repair_pins(bot: &Bot, rest: &Rest) -> anyhow::Result<PinRepair> {
    let now = unix_now();
    let me = bot.process_id();
    let pending = bot
        .blocking(|bot| bot.store().pending_pins(i64::MAX))
        .await??;
    let mut report = PinRepair::default();
    for p in pending {
        let grace = if p.owner == Some(me) {
            OWN_PIN_GRACE_SECS
        } else {
            PIN_GRACE_SECS
        };
        if p.pinned_at > now - grace {
            report.waiting += 1;
            continue;
        }
        let pinned = match (p.channel_id, p.message_id) {
            (Some(channel), Some(message)) => {
                match rest
                    .http()
                    .get_message(ChannelId::new(channel), MessageId::new(message))
                    .await
                {
                    Ok(m) => Some(m.pinned),
                    Err(e) => {
                        let e = RestError::from(e);
                        match e.status {
                            // Gone, or out of reach: the bot cannot have it pinned.
                            Some(400..=499) => Some(false),
                            _ => {
                                tracing::warn!(error = %e, id = p.id, "pending pin not settled yet");
                                None
                            }
                        }
                    }
                }
            }
            _ => Some(false),
        };
        let id = p.id;
        let Some(pinned) = pinned else { continue };
        let settled = bot
            .blocking(move |bot| {
                if pinned {
                    bot.store().confirm_pin(id)
                } else {
                    bot.store().abandon_pin(id)
                }
            })
            .await??;
        match (settled, pinned) {
            (true, true) => report.confirmed += 1,
            (true, false) => report.abandoned += 1,
            (false, _) => {}
        }
    }
    Ok(report)
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
