//! `/roadmap`: a career's timeline and stages first, the rest of its roadmap behind a select menu.
//!
//! Without a `focus` (or with `focus: all`), the response is deferred (the timeline is drawn
//! once per index generation, which takes a moment) and the answer follows: the career's
//! timeline image, its stages with their times and the first steps of its learning path, and a
//! menu of the other parts. The career is the one asked for (or the server's default), else the
//! library's only one; in a library of several, none chosen, the first career with stages (by
//! name) is shown and the others are listed, with how to pick one.
//!
//! A `focus` other than `all` answers with that part at once. Choosing a part in the menu
//! answers with that part privately (an ephemeral message): the menu sits under a message the
//! whole channel sees, so one member's choice does not change it for everyone.

use super::{Command, CommandOption, career, choice};
use crate::answer::roadmap::{Focus, Stage};
use crate::discord::bot::{Bot, Handled, Work};
use crate::discord::incoming::Incoming;
use crate::discord::message::{Choice, Reply, Response};
use crate::discord::render::roadmap::{self as view, MenuTarget, Overview};
use crate::discord::rest::Rest;
use crate::i18n::Locale;
use crate::tr;

/// `/roadmap [career] [stage] [focus]`.
pub(crate) const ROADMAP: Command = Command::new("roadmap", "cmd-roadmap", run)
    .options(options)
    .autocomplete(suggest)
    .cooldown(1, "again-roadmap");

fn options() -> Vec<CommandOption> {
    vec![
        career::option(),
        CommandOption::string("stage", "opt-roadmap-stage").choices::<Stage>(),
        CommandOption::string("focus", "opt-roadmap-focus").choices::<Focus>(),
    ]
}

fn suggest(bot: &Bot, i: &Incoming, option: &str, typed: &str) -> Vec<Choice> {
    match option {
        career::OPTION => career::suggestions(bot, typed, i.lang),
        _ => Vec::new(),
    }
}

fn run(bot: &Bot, i: &Incoming) -> anyhow::Result<Handled> {
    let career = match career::resolve(bot, i, None) {
        Ok(c) => c,
        Err(message) => return Ok(Handled::private(message)),
    };
    let stage = match choice::<Stage>(i, "stage") {
        Ok(stage) => stage,
        Err(s) => {
            return Ok(Handled::private(tr!(
                i.lang,
                "unknown-stage",
                given = format!("{s:?}")
            )));
        }
    };
    let focus = match choice::<Focus>(i, "focus") {
        Ok(focus) => focus.unwrap_or(Focus::All),
        Err(f) => {
            return Ok(Handled::private(tr!(
                i.lang,
                "unknown-focus",
                given = format!("{f:?}")
            )));
        }
    };
    if focus == Focus::All {
        return Ok(Handled::then(
            Response::deferred(false),
            Work::Roadmap {
                token: i.token.clone(),
                career,
                stage,
                lang: i.lang,
            },
        ));
    }
    let roadmap = bot.engine().roadmap(career.as_deref(), stage, focus)?;
    let mut reply = view::part_reply(&roadmap.answer, focus, roadmap.generation.meta(), i.lang);
    reply.selects.push(view::part_menu(
        career.as_deref(),
        stage,
        Some(focus),
        i.lang,
    ));
    Ok(Handled::now(Response::message(reply)))
}

/// The career the overview shows, and the library's other careers with stages: the one asked
/// for (no others listed), else the first with stages by name.
fn shown_career(bot: &Bot, asked: Option<String>) -> anyhow::Result<(Option<String>, Vec<String>)> {
    if asked.is_some() {
        return Ok((asked, Vec::new()));
    }
    let every = bot
        .engine()
        .roadmap(None, None, Focus::CareerProgression)?
        .answer;
    let mut with_stages: Vec<String> = every.stages.iter().map(|s| s.career.clone()).collect();
    with_stages.sort();
    with_stages.dedup();
    if with_stages.is_empty() {
        // No stages anywhere: the library's one career, if it has only one.
        let careers = bot.engine().careers();
        let only = match careers.as_slice() {
            [one] => Some(one.name.clone()),
            _ => None,
        };
        return Ok((only, Vec::new()));
    }
    let first = with_stages.remove(0);
    Ok((Some(first), with_stages))
}

/// Builds the overview and its timeline off the async threads, then fills the deferred
/// response with them.
pub(crate) async fn answer(
    bot: &Bot,
    token: &str,
    career: Option<String>,
    stage: Option<Stage>,
    lang: Locale,
    rest: &Rest,
) -> anyhow::Result<()> {
    let reply = bot
        .blocking(move |bot| -> anyhow::Result<Reply> {
            let engine = bot.engine();
            let (shown, others) = shown_career(&bot, career)?;
            let whole = engine.roadmap(shown.as_deref(), None, Focus::All)?;
            let detail = match stage {
                Some(s) => {
                    Some(engine.roadmap(shown.as_deref(), Some(s), Focus::CareerProgression)?)
                }
                None => None,
            };
            let png = match shown {
                Some(_) => engine.roadmap_timeline(&whole, lang).unwrap_or_else(|e| {
                    tracing::warn!(error = %e, "roadmap timeline not rendered");
                    None
                }),
                None => None,
            };
            Ok(view::overview_reply(&Overview {
                answer: &whole.answer,
                stage: detail.as_ref().map(|d| &d.answer),
                png: png.map(|p| p.to_vec()),
                others: &others,
                meta: whole.generation.meta(),
                lang,
            }))
        })
        .await?;
    let reply = match reply {
        Ok(r) => r,
        Err(e) => {
            tracing::error!(error = %e, "roadmap answer failed");
            Reply::ephemeral(tr!(lang, "roadmap-failed"))
        }
    };
    rest.edit_original(token, reply).await?;
    Ok(())
}

/// A choice in the part menu under a roadmap (`roadmap:<stage|all>:<career|*|#hash>`, see
/// [`view::menu_id`]): that part of the roadmap, for the member alone. A forged or outdated id,
/// a career gone from the library, or anything but one known part is a clear private message.
pub(crate) fn choose(
    bot: &Bot,
    custom_id: &str,
    values: &[String],
    i: &Incoming,
) -> anyhow::Result<Handled> {
    let Ok(target) = MenuTarget::parse(custom_id) else {
        return Ok(Handled::private(tr!(i.lang, "menu-unknown")));
    };
    let known: Vec<String> = bot.engine().careers().into_iter().map(|c| c.name).collect();
    let Ok(career) = target.resolve(&known) else {
        return Ok(Handled::private(tr!(i.lang, "menu-career-gone")));
    };
    let part = match values {
        [value] => view::part_of(value),
        _ => None,
    };
    let Some(part) = part else {
        return Ok(Handled::private(tr!(i.lang, "menu-choose-one")));
    };
    let roadmap = bot
        .engine()
        .roadmap(career.as_deref(), target.stage, part)?;
    let reply = Reply {
        ephemeral: true,
        ..view::part_reply(&roadmap.answer, part, roadmap.generation.meta(), i.lang)
    };
    Ok(Handled::now(Response::message(reply)))
}
