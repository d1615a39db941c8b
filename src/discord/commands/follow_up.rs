//! Follow-ups in a thread: the "Follow up" button under an answer opens a modal; its submitted
//! question is read in the conversation's context ([`Engine::read_turn`](crate::engine::Engine))
//! and answered in a public thread started from the answer (or the thread the answer is already
//! in); `/ask` inside such a thread continues the conversation ([`continuing`]).
//!
//! The modal submit is acknowledged at once with an ephemeral "thinking"; the work after it
//! starts the thread, answers, commits the answer's record and the conversation's turn, and only
//! then posts the answer in the thread and tells the member where it is (ack before reply).
//! Where the bot cannot start threads (a DM, a user-installed context, missing permissions) the
//! member is told so, privately.

use super::answers::{AnswerState, cited};
use super::{career, unix_now};
use crate::discord::bot::{Bot, COMMIT_WAIT, Handled, Work};
use crate::discord::incoming::{Incoming, Kind};
use crate::discord::markdown::escape_markdown;
use crate::discord::message::{Modal, Reply, Response, truncate};
use crate::discord::render::{self, ids};
use crate::discord::rest::{Rest, RestError};
use crate::engine::{Context, Intent, Reading};
use crate::i18n::Locale;
use crate::search::{MAX_QUESTION_CHARS, SearchOptions};
use crate::store::{Conversation, ConversationPlace, Record, Turn, new_answer_id};
use crate::tr;

/// The modal's text input.
const INPUT: &str = "question";
/// CREATE_PUBLIC_THREADS.
const CREATE_PUBLIC_THREADS: u64 = 1 << 35;
/// SEND_MESSAGES_IN_THREADS.
const SEND_MESSAGES_IN_THREADS: u64 = 1 << 38;
/// Discord's "Missing Permissions" and "Missing Access".
const MISSING_PERMISSIONS: [isize; 2] = [50013, 50001];
/// Discord's "A thread has already been created for this message".
const THREAD_EXISTS: isize = 160_004;

/// Whether a component's custom id is a "Follow up" button's.
pub(crate) fn claims(custom_id: &str) -> bool {
    custom_id.split(':').next() == Some(ids::FOLLOW)
}

/// The answer id a "Follow up" custom id carries.
fn answer_of(custom_id: &str) -> Option<&str> {
    custom_id
        .strip_prefix(ids::FOLLOW)?
        .strip_prefix(':')
        .filter(|id| !id.is_empty() && !id.contains(':'))
}

/// Whether the bot's permissions (when Discord sent them) let it answer in a thread: post in
/// threads, and, outside one, start them.
fn may_thread(i: &Incoming) -> bool {
    i.app_permissions.is_none_or(|p| {
        p & SEND_MESSAGES_IN_THREADS != 0 && (i.in_thread || p & CREATE_PUBLIC_THREADS != 0)
    })
}

/// A click on "Follow up": the modal asking for the follow-up question.
pub(crate) fn open(custom_id: &str, i: &Incoming) -> Handled {
    let Some(answer_id) = answer_of(custom_id) else {
        return Handled::private(tr!(i.lang, "button-unknown"));
    };
    if i.guild_id.is_none() {
        return Handled::private(tr!(i.lang, "follow-no-threads"));
    }
    if !may_thread(i) {
        return Handled::private(tr!(i.lang, "follow-missing-permissions"));
    }
    let modal = Modal::text_input(
        &format!("{}:{answer_id}", ids::FOLLOW),
        &tr!(i.lang, "follow-modal-title"),
        INPUT,
        &tr!(i.lang, "follow-modal-label"),
        MAX_QUESTION_CHARS,
    )
    .placeholder(&tr!(i.lang, "follow-modal-placeholder"));
    Handled::now(Response::modal(modal))
}

/// The modal submitted: acknowledged at once (privately), answered by [`Work::FollowUp`]. A
/// follow-up costs what an `/ask` costs, so it shares `/ask`'s cooldown.
pub(crate) fn submit(bot: &Bot, i: &Incoming) -> Handled {
    let Kind::ModalSubmit { custom_id, .. } = &i.kind else {
        return Handled::private(tr!(i.lang, "follow-form-unknown"));
    };
    let Some(answer_id) = answer_of(custom_id) else {
        return Handled::private(tr!(i.lang, "follow-form-unknown"));
    };
    let question = i.field(INPUT).unwrap_or_default().trim().to_string();
    if question.is_empty() {
        return Handled::private(tr!(i.lang, "follow-empty"));
    }
    if question.chars().count() > MAX_QUESTION_CHARS {
        return Handled::private(tr!(i.lang, "follow-too-long", max = MAX_QUESTION_CHARS));
    }
    let (Some(guild), Some(message)) = (i.guild_id, i.message.as_ref()) else {
        return Handled::private(tr!(i.lang, "follow-no-threads"));
    };
    if let Err(wait) = bot.cooldowns().admit(
        super::ask::ASK.name(),
        i.actor.id,
        std::time::Instant::now(),
    ) {
        return Handled::private(tr!(
            i.lang,
            "cooldown",
            again = tr!(i.lang, "follow-again"),
            seconds = wait.as_secs().max(1)
        ));
    }
    Handled::then(
        Response::deferred(true),
        Work::FollowUp(Box::new(FollowUp {
            token: i.token.clone(),
            guild,
            channel: message.channel_id,
            message: message.id,
            in_thread: i.in_thread,
            answer_id: answer_id.to_string(),
            question,
            asker_id: i.actor.id,
            asker: i.actor.name.clone(),
            lang: i.lang,
        })),
    )
}

/// A submitted follow-up, for the work after the acknowledgement.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUp {
    /// The interaction's token (its private "thinking" response is edited at the end).
    pub token: String,
    /// The guild.
    pub guild: u64,
    /// The channel (or thread) of the answer whose button was clicked.
    pub channel: u64,
    /// That answer's message.
    pub message: u64,
    /// That channel is a thread.
    pub in_thread: bool,
    /// That answer's id.
    pub answer_id: String,
    /// The follow-up question.
    pub question: String,
    /// Who asked it.
    pub asker_id: u64,
    /// Their display name (shown in the thread, not pinged).
    pub asker: String,
    /// Their language.
    pub lang: Locale,
}

/// Where a follow-up goes and what it is read against.
struct Plan {
    place: ConversationPlace,
    /// The context of the turns before (empty when fresh or new).
    before: Context,
    /// The conversation was idle: its old turns are dropped.
    fresh: bool,
    /// For a new conversation: the turn of the answer it starts from.
    seed: Option<Turn>,
    /// The thread's name, if one must be started.
    thread_name: String,
}

/// Answers a submitted follow-up in its thread (see the module's documentation).
///
/// # Errors
/// When the store cannot be read or the engine fails; Discord's refusals are told to the member.
pub(crate) async fn answer(bot: &Bot, follow: FollowUp, rest: &Rest) -> anyhow::Result<()> {
    let token = follow.token.clone();
    let now = unix_now();
    let plan = {
        let follow = follow.clone();
        bot.blocking(move |bot| plan(&bot, &follow, now)).await??
    };
    let thread = match plan.place.thread_id {
        Some(thread) => thread,
        None => match rest
            .create_thread(follow.channel, follow.message, &plan.thread_name)
            .await
        {
            Ok(thread) => thread,
            // Started by another follow-up in the meantime: a thread from a message has the
            // message's id.
            Err(e) if e.code == Some(THREAD_EXISTS) => follow.message,
            Err(e) => return refused(&token, &e, rest, follow.lang, Refused::Thread).await,
        },
    };
    let place = ConversationPlace {
        thread_id: Some(thread),
        ..plan.place.clone()
    };
    let answered = {
        let (follow, place) = (follow.clone(), place.clone());
        bot.blocking(move |bot| compose(&bot, &follow, place, plan, now))
            .await??
    };
    let saved = match answered.written.clone() {
        Some(ack) => ack.committed(COMMIT_WAIT).await.is_ok(),
        None => true,
    };
    let turn_saved = {
        let answered = answered.clone();
        bot.blocking(move |bot| {
            bot.store()
                .save_turns(
                    &answered.place,
                    &answered.turns,
                    bot.config().conversation_max_turns,
                    answered.fresh,
                )
                .map_err(|e| tracing::error!(error = %e, "a follow-up's turn was not saved"))
                .is_ok()
        })
        .await?
    };
    if !saved || !turn_saved {
        rest.edit_original(&token, Reply::ephemeral(tr!(follow.lang, "follow-unsaved")))
            .await?;
        return Ok(());
    }
    let posted = match rest.send_message(thread, answered.reply).await {
        Ok(id) => id,
        Err(e) => return refused(&token, &e, rest, follow.lang, Refused::Post).await,
    };
    if let Some(answer_id) = answered.answer_id {
        bot.writer().send(Record::AnswerMessage {
            answer_id,
            message_id: posted,
        });
    }
    rest.edit_original(
        &token,
        Reply::ephemeral(tr!(
            follow.lang,
            "follow-answered",
            thread = thread.to_string()
        )),
    )
    .await?;
    Ok(())
}

/// What Discord refused a follow-up.
#[derive(Debug, Clone, Copy)]
enum Refused {
    /// Starting its thread.
    Thread,
    /// Posting its answer in the thread.
    Post,
}

/// Tells the member what Discord refused (the permissions, when it was those), and logs it.
async fn refused(
    token: &str,
    e: &RestError,
    rest: &Rest,
    lang: Locale,
    what: Refused,
) -> anyhow::Result<()> {
    tracing::warn!(error = %e, what = ?what, "a follow-up could not be answered in a thread");
    let error = e.to_string();
    let text = if e.code.is_some_and(|c| MISSING_PERMISSIONS.contains(&c)) || e.status == Some(403)
    {
        tr!(lang, "follow-missing-permissions")
    } else {
        match what {
            Refused::Thread => tr!(lang, "follow-refused-thread", error = error),
            Refused::Post => tr!(lang, "follow-refused-post", error = error),
        }
    };
    rest.edit_original(token, Reply::ephemeral(text)).await?;
    Ok(())
}

/// The conversation a follow-up continues (by the clicked answer, else by the thread it is
/// in), or a new one seeded with the clicked answer's own question.
fn plan(bot: &Bot, follow: &FollowUp, now: i64) -> anyhow::Result<Plan> {
    let store = bot.store();
    let found = match store.conversation_of_answer(&follow.answer_id)? {
        Some(c) => Some(c),
        None if follow.in_thread => store.conversation_of_thread(follow.channel)?,
        None => None,
    };
    if let Some(c) = found {
        let fresh = c.idle(now, idle_seconds(bot));
        let before = if fresh {
            Context::default()
        } else {
            context_of(bot, &c)
        };
        let thread_name = c
            .turns
            .first()
            .map_or_else(|| follow.question.clone(), |t| t.question.clone());
        return Ok(Plan {
            place: c.place,
            before,
            fresh,
            seed: None,
            thread_name,
        });
    }
    let place = ConversationPlace {
        id: new_answer_id(),
        guild_id: Some(follow.guild),
        channel_id: follow.channel,
        thread_id: follow.in_thread.then_some(follow.channel),
    };
    // The answer the button was under is the conversation's first turn, read with the career
    // it was answered from.
    let seed = store.answer(&follow.answer_id)?.and_then(|a| {
        let state: AnswerState = serde_json::from_value(a.payload).ok()?;
        let reading = bot.engine().read_turn(
            &a.question,
            &Context {
                career: state.career.clone(),
                ..Context::default()
            },
        );
        Some(turn_of(&reading, Some(a.answer_id), a.created_at))
    });
    let before = seed.as_ref().map(context_of_turn).unwrap_or_default();
    let thread_name = seed
        .as_ref()
        .map_or_else(|| follow.question.clone(), |t| t.question.clone());
    Ok(Plan {
        place,
        before,
        fresh: false,
        seed,
        thread_name,
    })
}

/// A composed follow-up answer, its records submitted.
#[derive(Clone)]
struct Answered {
    reply: Reply,
    answer_id: Option<String>,
    written: Option<crate::store::Ack>,
    place: ConversationPlace,
    turns: Vec<Turn>,
    fresh: bool,
}

/// Reads the follow-up in context, answers it as `/ask` would, and submits its records.
fn compose(
    bot: &Bot,
    follow: &FollowUp,
    place: ConversationPlace,
    plan: Plan,
    now: i64,
) -> anyhow::Result<Answered> {
    let reading = bot.engine().read_turn(&follow.question, &plan.before);
    let options = SearchOptions {
        career: reading.context.career.clone(),
        ..bot.engine().page(0)
    };
    let asked = bot.engine().ask_with_card(&reading.query, options)?;
    let results = &asked.results;
    let weak = !asked.verdict.confident;
    let logged = Record::Question {
        guild_id: Some(follow.guild),
        question: results.query.clone(),
        best_score: results.hits.first().map_or(0.0, |h| h.score),
        answered: !weak,
        at: now,
    };
    let head = format!(
        "{}\n{}",
        tr!(
            follow.lang,
            "follow-asked",
            asker = escape_markdown(&follow.asker),
            question = escape_markdown(&follow.question)
        ),
        read_as_line(&reading, follow.lang)
    );
    let (reply, answer_id, written) = if weak {
        bot.writer().send(logged);
        let mut reply = Reply::embed(render::weak_embed(&asked, follow.lang));
        reply.content = Some(head);
        (reply, None, None)
    } else {
        let answer_id = new_answer_id();
        let state = AnswerState {
            question: results.query.clone(),
            career: reading.context.career.clone(),
            offset: 0,
            cited: cited(results),
            hidden: false,
            header: Some(head.clone()),
        };
        let written = bot.writer().submit(vec![
            logged,
            Record::Answer {
                answer_id: answer_id.clone(),
                guild_id: Some(follow.guild),
                channel_id: place.thread_id.unwrap_or(follow.channel),
                asker_id: follow.asker_id,
                question: results.query.clone(),
                kind: "ask".into(),
                payload: serde_json::to_string(&state)?,
                created_at: now,
            },
        ]);
        let reply = Reply {
            content: Some(head),
            embeds: render::ask_embeds(&asked, None, 0, follow.lang),
            rows: render::answer_buttons(
                &answer_id,
                results.has_more.then_some(1),
                false,
                follow.lang,
            ),
            ..Reply::default()
        };
        (reply, Some(answer_id), Some(written))
    };
    let mut turns: Vec<Turn> = plan.seed.into_iter().collect();
    turns.push(turn_of(&reading, answer_id.clone(), now));
    Ok(Answered {
        reply,
        answer_id,
        written,
        place,
        turns,
        fresh: plan.fresh,
    })
}

/// "**Read as:** Front-End Developer salary, senior", saying what was carried.
pub(crate) fn read_as_line(reading: &Reading, lang: Locale) -> String {
    let c = reading.carried;
    let carried: Vec<String> = [
        (c.career, "follow-carried-career"),
        (c.level, "follow-carried-level"),
        (c.intent, "follow-carried-intent"),
        (c.topic, "follow-carried-topic"),
    ]
    .into_iter()
    .filter(|(yes, _)| *yes)
    .map(|(_, id)| crate::i18n::message(lang, id, None))
    .collect();
    let read = escape_markdown(&truncate(&reading.read_as(lang), 300));
    if carried.is_empty() {
        tr!(lang, "follow-read-as", read = read)
    } else {
        tr!(
            lang,
            "follow-read-as-carried",
            read = read,
            carried = carried.join(", ")
        )
    }
}

/// The turn a reading makes. Its record keeps the reading in English, whatever language the
/// member was answered in (as the CLI and the logs speak it).
fn turn_of(reading: &Reading, answer_id: Option<String>, at: i64) -> Turn {
    let c = &reading.context;
    Turn {
        question: reading.question.clone(),
        read_as: reading.read_as(Locale::En),
        career: c.career.clone(),
        level: c.level.map(|l| crate::choices::Choices::id(l).to_string()),
        intent: c.intent.map(|i| i.id().to_string()),
        topic: c.topic.map(|t| t.id().to_string()),
        answer_id,
        at,
    }
}

/// The context a stored turn left (ids it no longer knows read as unset).
fn context_of_turn(t: &Turn) -> Context {
    Context {
        career: t.career.clone(),
        level: t.level.as_deref().and_then(|l| l.parse().ok()),
        intent: t.intent.as_deref().and_then(Intent::from_id),
        topic: t.topic.as_deref().and_then(|x| x.parse().ok()),
    }
}

/// The context a conversation's last turn left, its career dropped if the library no longer
/// covers it.
fn context_of(bot: &Bot, c: &Conversation) -> Context {
    let mut context = c.turns.last().map(context_of_turn).unwrap_or_default();
    if let Some(career) = &context.career
        && !bot.engine().careers().iter().any(|k| &k.name == career)
    {
        context.career = None;
    }
    context
}

fn idle_seconds(bot: &Bot) -> i64 {
    i64::try_from(bot.config().conversation_idle_minutes.saturating_mul(60)).unwrap_or(i64::MAX)
}

/// An `/ask` inside a conversation's thread: the question read in its context.
pub(crate) struct Continued {
    /// The conversation.
    pub(crate) place: ConversationPlace,
    /// How the question was read.
    pub(crate) reading: Reading,
    /// The conversation was idle and starts afresh.
    pub(crate) fresh: bool,
}

/// The conversation an `/ask` in thread continues, with the question read in its context (a
/// `career` option given overrides the context's); `None` outside a conversation's thread. A
/// store that cannot be read costs the context, not the answer.
pub(crate) fn continuing(bot: &Bot, i: &Incoming, question: &str) -> Option<Continued> {
    if !i.in_thread {
        return None;
    }
    let thread = i.channel_id?;
    let c = match bot.store().conversation_of_thread(thread) {
        Ok(c) => c?,
        Err(e) => {
            tracing::warn!(error = %e, thread, "a thread's conversation could not be read");
            return None;
        }
    };
    let fresh = c.idle(unix_now(), idle_seconds(bot));
    let mut before = if fresh {
        Context::default()
    } else {
        context_of(bot, &c)
    };
    if let Ok(Some(chosen)) = career::chosen(bot, i) {
        before.career = Some(chosen);
    }
    let reading = bot.engine().read_turn(question, &before);
    Some(Continued {
        place: c.place,
        reading,
        fresh,
    })
}

/// Records an `/ask` answered in a conversation's thread as its next turn (logged, not fatal,
/// when it fails: the answer itself is recorded apart).
pub(crate) fn record_continued(bot: &Bot, continued: &Continued, answer_id: Option<String>) {
    let turn = turn_of(&continued.reading, answer_id, unix_now());
    if let Err(e) = bot.store().save_turns(
        &continued.place,
        &[turn],
        bot.config().conversation_max_turns,
        continued.fresh,
    ) {
        tracing::warn!(error = %e, conversation = %continued.place.id, "an /ask turn was not saved");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_follow_up_id_names_one_answer() {
        assert!(claims("follow:abc") && !claims("followx:abc") && !claims("more:abc:1"));
        assert_eq!(answer_of("follow:abc"), Some("abc"));
        for bad in ["follow", "follow:", "follow:a:b", "more:abc"] {
            assert_eq!(answer_of(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_turn_keeps_the_context_it_left_and_says_what_was_carried() {
        use crate::answer::salary::Level;
        use crate::answer::skills::Topic;
        use crate::engine::Carried;
        let reading = Reading {
            question: "which databases, for leads?".into(),
            query: "which databases, for leads? Data Analyst skills".into(),
            context: Context {
                career: Some("Data Analyst".into()),
                level: Some(Level::Lead),
                intent: Some(Intent::Skills),
                topic: Some(Topic::CloudDevops),
            },
            carried: Carried {
                career: true,
                intent: true,
                ..Carried::default()
            },
        };
        let turn = turn_of(&reading, Some("a1".into()), 5);
        assert_eq!(context_of_turn(&turn), reading.context);
        assert_eq!(turn.read_as, reading.read_as(Locale::En));
        let line = read_as_line(&reading, Locale::En);
        assert!(
            line.starts_with("**Read as:** Data Analyst skills, lead"),
            "{line}"
        );
        assert!(
            line.ends_with("_(carried from earlier: career, intent)_"),
            "{line}"
        );
        let unknown = Turn {
            level: Some("galactic".into()),
            intent: Some("gossip".into()),
            topic: Some("nope".into()),
            ..turn
        };
        let context = context_of_turn(&unknown);
        assert_eq!(
            (context.level, context.intent, context.topic),
            (None, None, None)
        );
    }

    #[test]
    fn the_modal_fits_discord() {
        let v = Response::modal(
            Modal::text_input(
                "follow:abc",
                "Follow up",
                INPUT,
                "Your follow-up question",
                300,
            )
            .placeholder("e.g. and for seniors?"),
        )
        .to_json();
        assert_eq!(v["type"], 9);
        assert_eq!(v["data"]["custom_id"], "follow:abc");
        let input = &v["data"]["components"][0]["components"][0];
        assert_eq!(v["data"]["components"][0]["type"], 1);
        assert_eq!(input["type"], 4);
        assert_eq!(input["custom_id"], INPUT);
        assert_eq!(input["max_length"], 300);
        assert!(v["data"]["title"].as_str().unwrap().chars().count() <= 45);
    }

    #[test]
    fn the_bots_permissions_decide_whether_a_thread_can_be() {
        let ix = serde_json::json!({
            "id": "1", "application_id": "2", "type": 3, "token": "t", "channel_id": "9",
            "guild_id": "3", "user": { "id": "5", "username": "u" },
            "data": { "custom_id": "follow:abc", "component_type": 2 }
        });
        let mut i = Incoming::from_json(&ix).unwrap();
        assert!(
            may_thread(&i),
            "not sent: try, and report what Discord says"
        );
        i.app_permissions = Some(SEND_MESSAGES_IN_THREADS);
        assert!(!may_thread(&i));
        i.in_thread = true;
        assert!(may_thread(&i));
        i.app_permissions = Some(CREATE_PUBLIC_THREADS | SEND_MESSAGES_IN_THREADS);
        i.in_thread = false;
        assert!(may_thread(&i));
        i.guild_id = None;
        assert!(
            matches!(open("follow:abc", &i).response.reply, Some(r) if r.content == Some(tr!(Locale::En, "follow-no-threads")))
        );
    }
}
