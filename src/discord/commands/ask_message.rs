//! "Ask careerbot": the message command (a message's Apps menu) that answers the message's text
//! as `/ask` would — same engine ask, verdict, structured card and rendering — privately, with a
//! link back to the message and a "Post publicly" button that posts that same stored answer in
//! the channel, once.
//!
//! The message's mentions (`<@id>`, roles, channels, `@everyone`) are taken out of the question:
//! they are not words to search for, and the answer never repeats them (nor pings anyone:
//! `allowed_mentions` is empty on every message the bot sends). The answer shown is stored with
//! the answer's record, so "Post publicly" posts exactly it, from any replica and after a
//! restart, without searching again; the stored kind moves from [`KIND`] to [`POSTED_KIND`] in
//! one conditional write, so two clicks post it once.

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::answers::{AnswerState, cited};
use super::ask::{answered, unsaved};
use super::{Command, career, unix_now};
use crate::discord::bot::{Bot, Handled, Work};
use crate::discord::incoming::{Incoming, TargetMessage};
use crate::discord::message::{Button, ButtonStyle, Embed, Field, Reply, Response};
use crate::discord::render::{self, ids};
use crate::i18n::Locale;
use crate::store::{Answer, Record, new_answer_id};
use crate::tr;

/// The command's name, as Discord shows it in a message's Apps menu.
pub(crate) const NAME: &str = "Ask careerbot";

/// "Ask careerbot" on a message: its cooldown is `/ask`'s own (one pace for both ways to ask).
pub(crate) const ASK_MESSAGE: Command = Command::on_message(NAME, "cmd-ask-message", run)
    .cooldown(1, "again-ask")
    .sharing_cooldown_of("ask");

/// How an answer not yet posted publicly is stored.
pub(crate) const KIND: &str = "ask_message";
/// How it is stored once posted publicly.
pub(crate) const POSTED_KIND: &str = "ask_message_posted";

/// Mentions, channel links, custom emoji and timestamps: Discord markup, not words.
static MARKUP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"<(?:@[!&]?\d+|#\d+|a?:\w+:\d+|t:-?\d+(?::[a-zA-Z])?|/[^>:]+:\d+)>|@(?:everyone|here)\b",
    )
    .expect("a valid pattern")
});

/// What an "Ask careerbot" answer stores: the `/ask` state its buttons read, and the answer as
/// shown, for "Post publicly".
#[derive(Debug, Clone, Serialize, Deserialize)]
struct MessageAnswer {
    #[serde(flatten)]
    state: AnswerState,
    /// The answer as shown.
    shown: Shown,
    /// The page "More results" goes to, once posted (`None`: no more results).
    #[serde(default)]
    next: Option<usize>,
}

/// An answer as shown: the line linking to the message, the structured cards it led with (when
/// the question asked for pay, skills or the way up), and the passages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Shown {
    content: String,
    /// The first card (records written before answers had one have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    card: Option<ShownEmbed>,
    /// The cards after the first, when the question compared careers (a record of one card, or
    /// written before answers had several, has none; a replica that does not know this key
    /// still posts the first card).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    more_cards: Vec<ShownEmbed>,
    /// The passages (flattened: the record's shape from before the card).
    #[serde(flatten)]
    passages: ShownEmbed,
}

/// An embed as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct ShownEmbed {
    title: Option<String>,
    description: Option<String>,
    color: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    fields: Vec<(String, String)>,
    footer: Option<String>,
}

impl ShownEmbed {
    fn new(embed: &Embed) -> ShownEmbed {
        ShownEmbed {
            title: embed.title.clone(),
            description: embed.description.clone(),
            color: embed.color,
            fields: embed
                .fields
                .iter()
                .map(|f| (f.name.clone(), f.value.clone()))
                .collect(),
            footer: embed.footer.clone(),
        }
    }

    fn embed(&self) -> Embed {
        Embed {
            title: self.title.clone(),
            description: self.description.clone(),
            color: self.color,
            fields: self
                .fields
                .iter()
                .map(|(name, value)| Field {
                    name: name.clone(),
                    value: value.clone(),
                    inline: false,
                })
                .collect(),
            footer: self.footer.clone(),
            ..Embed::default()
        }
    }
}

impl Shown {
    /// `embeds` as [`render::ask_embeds`] makes them: the cards first when there are some, then
    /// the passages.
    fn new(content: String, embeds: &[Embed]) -> Shown {
        let (passages, cards) = match embeds.split_last() {
            Some((passages, cards)) => (ShownEmbed::new(passages), cards),
            None => (ShownEmbed::new(&Embed::default()), &[][..]),
        };
        let mut cards = cards.iter().map(ShownEmbed::new);
        Shown {
            content,
            card: cards.next(),
            more_cards: cards.collect(),
            passages,
        }
    }

    fn embeds(&self) -> Vec<Embed> {
        self.card
            .iter()
            .chain(&self.more_cards)
            .chain(std::iter::once(&self.passages))
            .map(ShownEmbed::embed)
            .collect()
    }
}

/// The question a message asks: its text without mentions and other markup, spaces collapsed.
pub(crate) fn question_of(message: &TargetMessage) -> String {
    let words = MARKUP.replace_all(&message.content, " ");
    words.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "Ask careerbot" on a message: its text answered privately, linking back to it.
fn run(bot: &Bot, i: &Incoming) -> anyhow::Result<Handled> {
    let Some(target) = &i.target else {
        return Ok(Handled::private(tr!(i.lang, "ask-message-none")));
    };
    let question = question_of(target);
    if question.is_empty() {
        return Ok(Handled::private(tr!(i.lang, "ask-message-no-text")));
    }
    let career = match career::resolve(bot, i, Some(&question)) {
        Ok(c) => c,
        Err(message) => return Ok(Handled::private(message)),
    };
    let channel = i.channel_id.unwrap_or(target.channel_id);
    let link = render::jump_link(
        i.guild_id,
        if target.channel_id == 0 {
            channel
        } else {
            target.channel_id
        },
        target.id,
    );
    let content = tr!(i.lang, "ask-message-answering", link = link.as_str());
    let (asked, logged, pinned) = answered(bot, i, &question, career.clone())?;
    let results = &asked.results;
    let weak = !asked.verdict.confident;
    if weak && pinned.is_none() {
        bot.writer().send(logged);
        let mut reply = Reply::embed(render::weak_embed(&asked, i.lang));
        reply.content = Some(content);
        reply.ephemeral = true;
        return Ok(Handled::now(Response::message(reply)));
    }
    let embeds = render::ask_embeds(&asked, pinned.as_ref(), 0, i.lang);
    let next = results.has_more.then_some(1);
    let answer_id = new_answer_id();
    let stored = MessageAnswer {
        state: AnswerState {
            question: results.query.clone(),
            career,
            offset: 0,
            cited: cited(results),
            hidden: true,
            header: None,
        },
        shown: Shown::new(content.clone(), &embeds),
        next,
    };
    // The buttons read this record: the response waits for its commit (see `Bot::handle`).
    let written = bot.writer().submit(vec![
        logged,
        Record::Answer {
            answer_id: answer_id.clone(),
            guild_id: i.guild_id,
            channel_id: channel,
            asker_id: i.actor.id,
            question: results.query.clone(),
            kind: KIND.into(),
            payload: serde_json::to_string(&stored)?,
            created_at: unix_now(),
        },
    ]);
    let reply = Reply {
        content: Some(content),
        embeds,
        rows: private_buttons(&answer_id, i.lang),
        ephemeral: true,
        ..Reply::default()
    };
    Ok(Handled::now(Response::message(reply)).after(written, i.lang, unsaved))
}

/// The buttons under the private answer: post it, its sources, votes. (Paging would show
/// something other than what "Post publicly" posts; the public answer pages.)
fn private_buttons(answer_id: &str, lang: Locale) -> Vec<Vec<Button>> {
    let mut rows = render::answer_buttons(answer_id, None, true, lang);
    if let Some(first) = rows.first_mut() {
        first.insert(
            0,
            Button::new(
                &tr!(lang, "button-post"),
                format!("{}:{answer_id}", ids::POST),
                ButtonStyle::Primary,
            ),
        );
    }
    rows
}

/// "Post publicly": the stored answer, as it was shown, posted in the channel with the normal
/// answer buttons — once, and only by the member it answered.
pub(super) fn post(bot: &Bot, answer: &Answer, i: &Incoming) -> anyhow::Result<Handled> {
    if answer.asker_id != i.actor.id {
        return Ok(Handled::private(tr!(i.lang, "post-not-asker")));
    }
    match answer.kind.as_str() {
        KIND => {}
        POSTED_KIND => return Ok(Handled::private(tr!(i.lang, "post-already"))),
        _ => return Ok(Handled::private(tr!(i.lang, "post-not-postable"))),
    }
    let stored: MessageAnswer = serde_json::from_value(answer.payload.clone())?;
    let posted = AnswerState {
        hidden: false,
        ..stored.state
    };
    // Committed before the answer goes out: a second click, here or on another replica, is
    // told it was posted.
    match bot.store().claim_answer(
        &answer.answer_id,
        KIND,
        POSTED_KIND,
        &serde_json::to_value(&posted)?,
    ) {
        Ok(true) => {}
        Ok(false) => return Ok(Handled::private(tr!(i.lang, "post-already"))),
        Err(e) => {
            tracing::error!(error = %e, answer = answer.answer_id.as_str(), "answer not posted");
            return Ok(Handled::private(tr!(i.lang, "post-failed")));
        }
    }
    let reply = Reply {
        content: Some(stored.shown.content.clone()),
        embeds: stored.shown.embeds(),
        rows: render::answer_buttons(&answer.answer_id, stored.next, !i.bot_in_channel, i.lang),
        ..Reply::default()
    };
    Ok(Handled::then(
        Response::message(reply),
        Work::RecordMessage {
            token: i.token.clone(),
            answer_id: answer.answer_id.clone(),
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(content: &str) -> TargetMessage {
        TargetMessage {
            id: 1,
            channel_id: 2,
            author_id: 3,
            content: content.to_string(),
            mentions: vec![(4, "Sam".into())],
        }
    }

    #[test]
    fn mentions_and_markup_are_not_part_of_the_question() {
        assert_eq!(
            question_of(&message(
                "<@4> <@!5> @everyone how much does a <@&6> electrician earn in <#7>? <:pog:8> <t:1700000000:R> @here"
            )),
            "how much does a electrician earn in ?"
        );
        assert_eq!(
            question_of(&message("  plain   words\nacross lines ")),
            "plain words across lines"
        );
        for nothing in ["", "   ", "<@4>", "@everyone <@&6> <#7>"] {
            assert_eq!(question_of(&message(nothing)), "", "{nothing:?}");
        }
        // An address is not a mention.
        assert_eq!(question_of(&message("mail a@b.io")), "mail a@b.io");
    }

    fn record(shown: &Shown) -> String {
        serde_json::to_string(&MessageAnswer {
            state: AnswerState {
                question: "q".into(),
                career: None,
                offset: 0,
                cited: Vec::new(),
                hidden: true,
                header: None,
            },
            shown: shown.clone(),
            next: Some(1),
        })
        .unwrap()
    }

    #[test]
    fn the_shown_answer_round_trips_through_its_record() {
        let passages = Embed {
            title: Some("❓ q".into()),
            description: Some("**[1] Guide › Pay**\ntext".into()),
            color: Some(7),
            footer: Some("From: Guide".into()),
            ..Embed::default()
        };
        let card = Embed {
            title: Some("💰 Salary — Electrician".into()),
            description: Some("*Read as: Electrician salary*".into()),
            fields: vec![Field {
                name: "Entry level: $40K–$50K".into(),
                value: "• $40K–$50K — Guide [1]".into(),
                inline: false,
            }],
            ..passages.clone()
        };
        let other = Embed {
            title: Some("💰 Salary — Data Analyst".into()),
            description: Some("*Read as: Data Analyst salary*".into()),
            ..card.clone()
        };
        for embeds in [
            vec![passages.clone()],
            vec![card.clone(), passages.clone()],
            vec![card, other, passages.clone()],
        ] {
            let shown = Shown::new("Answering this message: https://x".into(), &embeds);
            let text = record(&shown);
            let back: MessageAnswer = serde_json::from_str(&text).unwrap();
            assert_eq!((back.shown.embeds(), back.next), (embeds, Some(1)));
            // The other buttons read the same record as an `/ask` answer's state.
            let state: AnswerState = serde_json::from_str(&text).unwrap();
            assert!(state.hidden);
        }
        // A record stored before answers had a card: its one embed, as before.
        let old = serde_json::json!({
            "question": "q", "offset": 0, "cited": [], "hidden": true,
            "shown": { "content": "c", "title": "❓ q", "description": "**[1] Guide › Pay**\ntext",
                       "color": 7, "footer": "From: Guide" },
            "next": 1
        });
        let back: MessageAnswer = serde_json::from_value(old).unwrap();
        assert_eq!(back.shown.embeds(), vec![passages]);
    }

    #[test]
    fn the_private_answer_offers_posting_but_no_pin_dismiss_or_paging() {
        let ids: Vec<String> = private_buttons("abc", Locale::En)
            .into_iter()
            .flatten()
            .map(|b| b.custom_id)
            .collect();
        assert_eq!(ids[0], "post:abc");
        assert!(ids.iter().any(|i| i == "src:abc") && ids.iter().any(|i| i == "up:abc"));
        assert!(
            ids.iter().all(|i| !i.starts_with("pin:")
                && !i.starts_with("dismiss:")
                && !i.starts_with("more:")),
            "{ids:?}"
        );
    }
}
