//! `/roadmap`: career stages and the learning path the guides describe.

use super::{Command, CommandOption, career, choice};
use crate::answer::roadmap::{Focus, Stage};
use crate::discord::bot::{Bot, Handled};
use crate::discord::incoming::Incoming;
use crate::discord::message::{Choice, Response};
use crate::discord::render;

/// `/roadmap [career] [stage] [focus]`.
pub(crate) const ROADMAP: Command = Command::new(
    "roadmap",
    "Career stages and the learning path the guides describe.",
    run,
)
.options(options)
.autocomplete(suggest)
.cooldown(1, "use /roadmap again");

fn options() -> Vec<CommandOption> {
    vec![
        career::option(),
        CommandOption::string("stage", "One stage (default: all).").choices::<Stage>(),
        CommandOption::string("focus", "What to focus on (default: everything).")
            .choices::<Focus>(),
    ]
}

fn suggest(bot: &Bot, _: &Incoming, option: &str, typed: &str) -> Vec<Choice> {
    match option {
        career::OPTION => career::suggestions(bot, typed),
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
        Err(s) => return Ok(Handled::private(format!("Unknown stage {s:?}."))),
    };
    let focus = match choice::<Focus>(i, "focus") {
        Ok(focus) => focus.unwrap_or(Focus::All),
        Err(f) => return Ok(Handled::private(format!("Unknown focus {f:?}."))),
    };
    let roadmap = bot.engine().roadmap(career.as_deref(), stage, focus)?;
    Ok(Handled::now(Response::message(render::roadmap_reply(
        &roadmap.answer,
        roadmap.generation.meta(),
    ))))
}
