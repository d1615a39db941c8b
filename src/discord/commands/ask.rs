//! `/ask`: a question answered from the guides with citations, and its autocomplete. It answers
//! from one career's guides when the `career` option, the question or the server's default names
//! one ([`career::resolve`]); a question asking for pay, skills or the way up leads with the
//! engine's structured card for that career and level (one card per career when it compares
//! several). Before searching it applies the repeated-question window (the member's cooldown is
//! the command table's); after, it puts a moderator-pinned answer first when one matches (drawn
//! from the same passages, or asked in alike words). The answer's record (which its buttons read)
//! is committed before the answer is sent; if it cannot be, the answer goes out without the
//! buttons, saying so.

use std::time::Duration;

use super::answers::{AnswerState, cited};
use super::{Command, CommandOption, career, follow_up, unix_now};
use crate::discord::bot::{Bot, Handled, Work};
use crate::discord::duplicates::EarlierAnswer;
use crate::discord::incoming::Incoming;
use crate::discord::markdown::escape_markdown;
use crate::discord::message::{Choice, Reply, Response, truncate};
use crate::discord::pin_matcher::{
    AskedSources, PinIndex, PinMatcher, PinSources, pin_analysis, pin_terms,
};
use crate::discord::render::{self, PinnedAnswer, human_duration};
use crate::discord::rest::Rest;
use crate::engine::Asked;
use crate::i18n::Locale;
use crate::search::{MAX_QUESTION_CHARS, SearchOptions};
use crate::store::{Record, new_answer_id, normalise_question};
use crate::tr;

/// `/ask question [career] [hide] [mention]`.
pub(crate) const ASK: Command = Command::new("ask", "cmd-ask", run)
    .options(options)
    .autocomplete(suggest)
    .cooldown(1, "again-ask");

fn options() -> Vec<CommandOption> {
    vec![
        CommandOption::string("question", "opt-ask-question")
            .required()
            .autocomplete()
            .length(1, MAX_QUESTION_CHARS),
        career::option(),
        CommandOption::boolean("hide", "opt-ask-hide"),
        CommandOption::user("mention", "opt-ask-mention"),
    ]
}

/// `/ask`: the best passages for a question, with citations and the answer buttons — or a
/// pointer to the same question answered here just before.
fn run(bot: &Bot, i: &Incoming) -> anyhow::Result<Handled> {
    let question = i.text("question").unwrap_or_default().trim().to_string();
    if question.is_empty() {
        return Ok(Handled::private(tr!(i.lang, "ask-empty")));
    }
    let career = match career::resolve(bot, i, Some(&question)) {
        Ok(c) => c,
        Err(message) => return Ok(Handled::private(message)),
    };
    // Inside a follow-up conversation's thread, the question is read in its context.
    let continued = follow_up::continuing(bot, i, &question);
    let (career, searched) = match &continued {
        Some(c) => (c.reading.context.career.clone(), c.reading.query.clone()),
        None => (career, question.clone()),
    };
    let hide = i.flag("hide").unwrap_or(false);
    let channel = i.channel_id.unwrap_or(0);
    // The same words answered from another career's guides are another answer.
    let key = match &career {
        Some(c) => format!(
            "{}\u{1f}{}",
            normalise_question(&question),
            c.to_lowercase()
        ),
        None => normalise_question(&question),
    };
    if !hide
        && bot.duplicates().is_on()
        && let Some(earlier) =
            earlier_answer(bot, channel, &key, &question, career.as_deref(), unix_now())?
    {
        let (message, ago) = (earlier.message_id, (unix_now() - earlier.posted_at).max(0));
        let link = render::jump_link(i.guild_id, channel, message);
        return Ok(Handled::private(tr!(
            i.lang,
            "ask-duplicate",
            ago = human_duration(Duration::from_secs(u64::try_from(ago).unwrap_or(0)), i.lang),
            link = link
        )));
    }
    let (asked, logged, pinned) = answered(bot, i, &searched, career.clone())?;
    let results = &asked.results;
    let weak = !asked.verdict.confident;
    if weak && pinned.is_none() {
        // No buttons, nothing acknowledged: the question is logged without waiting.
        bot.writer().send(logged);
        let mut reply = Reply::embed(render::weak_embed(&asked, i.lang));
        reply.ephemeral = hide;
        if let Some(c) = &continued {
            reply.content = Some(follow_up::read_as_line(&c.reading, i.lang));
            follow_up::record_continued(bot, c, None);
        }
        return Ok(Handled::now(Response::message(reply)));
    }
    let embeds = render::ask_embeds(&asked, pinned.as_ref(), 0, i.lang);
    let state = AnswerState {
        question: results.query.clone(),
        career,
        offset: 0,
        cited: cited(results),
        hidden: hide,
        header: continued
            .as_ref()
            .map(|c| follow_up::read_as_line(&c.reading, i.lang)),
    };
    let answer_id = new_answer_id();
    let now = unix_now();
    // The buttons read this record: the response waits for its commit (see `Bot::handle`).
    let written = bot.writer().submit(vec![
        logged,
        Record::Answer {
            answer_id: answer_id.clone(),
            guild_id: i.guild_id,
            channel_id: channel,
            asker_id: i.actor.id,
            question: results.query.clone(),
            kind: "ask".into(),
            payload: serde_json::to_string(&state)?,
            created_at: now,
        },
    ]);
    if !hide {
        bot.duplicates()
            .remember(channel, key, answer_id.clone(), now);
    }
    let next = results.has_more.then_some(1);
    let mut reply = Reply {
        embeds,
        // Where the bot is not (a member's own install), it can neither pin nor delete.
        rows: render::answer_buttons(&answer_id, next, hide || !i.bot_in_channel, i.lang),
        ephemeral: hide,
        ..Reply::default()
    };
    if let Some(c) = &continued {
        reply.content = Some(follow_up::read_as_line(&c.reading, i.lang));
        follow_up::record_continued(bot, c, Some(answer_id.clone()));
    }
    if let Some(target) = i.id_option("mention") {
        let pointed = format!(
            "<@{target}> — {}",
            tr!(
                i.lang,
                "ask-for-you",
                asker = escape_markdown(&i.actor.name)
            )
        );
        reply.content = Some(match reply.content.take() {
            Some(read_as) => format!("{pointed}\n{read_as}"),
            None => pointed,
        });
        reply.ping_user = Some(target);
    }
    if hide {
        return Ok(Handled::now(Response::message(reply)).after(written, i.lang, unsaved));
    }
    Ok(Handled::then(
        Response::message(reply),
        Work::RecordMessage {
            token: i.token.clone(),
            answer_id,
        },
    )
    .after(written, i.lang, unsaved))
}

/// The answer whose record was not written: the same passages, without the buttons that would
/// read the record, and saying why. The message id is still learnt (for the repeated-question
/// pointer, which needs only the message).
pub(super) fn unsaved(mut handled: Handled, lang: Locale) -> Handled {
    if let Some(reply) = handled.response.reply.as_mut() {
        reply.rows.clear();
        let note = tr!(lang, "ask-unsaved");
        reply.content = Some(match reply.content.take() {
            Some(said) => format!("{said}\n{note}"),
            None => note,
        });
    }
    handled
}

/// Suggestions while a question (see [`Engine::suggestions`](crate::engine::Engine::suggestions))
/// or a career is typed.
fn suggest(bot: &Bot, i: &Incoming, option: &str, typed: &str) -> Vec<Choice> {
    if option == career::OPTION {
        return career::suggestions(bot, typed, i.lang);
    }
    if option != "question" {
        return Vec::new();
    }
    bot.engine()
        .suggestions(typed)
        .iter()
        .map(|s| Choice::same(&truncate(s, 100)))
        .collect()
}

/// An answer to the same question, from the same career's guides, in this channel within the
/// duplicate window ending at `now`: this process's own recent answers first, then the database
/// (other replicas').
fn earlier_answer(
    bot: &Bot,
    channel: u64,
    key: &str,
    question: &str,
    career: Option<&str>,
    now: i64,
) -> anyhow::Result<Option<EarlierAnswer>> {
    let window = bot.duplicates();
    if let Some(earlier) = window.earlier(channel, key, now) {
        return Ok(Some(earlier));
    }
    Ok(bot
        .store()
        .recent_answer_in_channel(channel, "ask", question, window.since(now))?
        .filter(|a| a.payload.get("career").and_then(|c| c.as_str()) == career)
        .and_then(|a| {
            a.message_id.map(|message_id| EarlierAnswer {
                message_id,
                posted_at: a.created_at,
            })
        }))
}

/// The most of a pinned answer's text shown above the passages. A pin's text is the whole
/// message it pinned, which may itself have shown a pinned answer: uncut, pins of pins grew past
/// the embed's 4,096 characters, and the cut at that limit could overshoot it, so Discord
/// refused the whole answer (found by the durability bench).
const PINNED_SHOWN_CHARS: usize = 1500;

/// `question` answered as `/ask` and "Ask careerbot" answer it (first page, with its card, from
/// `career`'s guides or every career's), its line in the question log (behind `/gaps`), and the
/// guild's pinned answer to show first with it, if any. A pin that cannot be read costs the pin,
/// not the answer.
pub(super) fn answered(
    bot: &Bot,
    i: &Incoming,
    question: &str,
    career: Option<String>,
) -> anyhow::Result<(Asked, Record, Option<PinnedAnswer>)> {
    let options = SearchOptions {
        career,
        ..bot.engine().page(0)
    };
    let asked = bot.engine().ask_with_card(question, options)?;
    let results = &asked.results;
    let weak = !asked.verdict.confident;
    let logged = Record::Question {
        guild_id: i.guild_id,
        question: results.query.clone(),
        best_score: results.hits.first().map_or(0.0, |h| h.score),
        answered: !weak,
        at: unix_now(),
    };
    let pinned = match i.guild_id {
        Some(g) if !weak || !results.hits.is_empty() => {
            pinned_for(bot, g, &asked).unwrap_or_else(|e| {
                tracing::warn!(error = %e, guild = g, "pinned answers could not be read");
                None
            })
        }
        _ => None,
    };
    Ok((asked, logged, pinned))
}

/// The pinned answer of the guild to show first for this answer, if one was drawn from the same
/// passages or asked in alike words ([`PinIndex::best_for`]). The guild's pins are analysed once
/// and kept ([`PinCache`](crate::discord::pin_matcher::PinCache)) until any pin changes; a
/// question costs one small read (the pin version), and a second for the matching pin's text.
fn pinned_for(bot: &Bot, guild: u64, asked: &Asked) -> anyhow::Result<Option<PinnedAnswer>> {
    let store = bot.store();
    let version = store.curated_version()?;
    let analyzer = bot.engine().vocabulary().analyzer();
    let pins = bot.pins().guild(guild, version, || {
        let pins = store.pin_terms_for_guild(guild, pin_analysis(analyzer))?;
        anyhow::Ok(PinIndex::with_sources(pins.into_iter().map(|p| {
            let terms = p.terms.unwrap_or_else(|| pin_terms(analyzer, &p.question));
            let sources = p
                .passages
                .and_then(|v| serde_json::from_value::<PinSources>(v).ok());
            (p.id, terms, sources)
        })))
    })?;
    // Most guilds have no pins: the question is not analysed for them.
    if pins.is_empty() {
        return Ok(None);
    }
    let question = &asked.results.query;
    let intent = match asked.cards.first() {
        Some(card) => Some(card.intent),
        None => bot.engine().intent(question),
    };
    let sources = AskedSources::of(asked, intent);
    let Some(id) = pins.best_for(&PinMatcher::new(analyzer, question), &sources) else {
        return Ok(None);
    };
    Ok(store.curated_pin(guild, id)?.map(|c| PinnedAnswer {
        question: c.question,
        answer: truncate(&c.answer, PINNED_SHOWN_CHARS),
        pinned_by: format!("<@{}>", c.pinned_by),
    }))
}

/// Learns the id of the message an answer became (for pins, repeated questions, dismiss).
pub(crate) async fn record_message(
    bot: &Bot,
    token: &str,
    answer_id: &str,
    rest: &Rest,
) -> anyhow::Result<()> {
    let message = rest.original_message_id(token).await?;
    bot.duplicates().learn_message(answer_id, message);
    bot.writer().send(Record::AnswerMessage {
        answer_id: answer_id.to_string(),
        message_id: message,
    });
    Ok(())
}
