//! `/skills`: the skills the guides name for a topic, most cited first, and what they expect at
//! a level.

use super::{Command, CommandOption, career, choice};
use crate::answer::salary::Level;
use crate::answer::skills::Topic;
use crate::discord::bot::{Bot, Handled};
use crate::discord::incoming::Incoming;
use crate::discord::message::{Choice, Response};
use crate::discord::render;
use crate::tr;

/// `/skills [career] [topic] [level]`.
pub(crate) const SKILLS: Command = Command::new("skills", "cmd-skills", run)
    .options(options)
    .autocomplete(suggest)
    .cooldown(1, "again-skills");

fn options() -> Vec<CommandOption> {
    vec![
        career::option(),
        CommandOption::string("topic", "opt-skills-topic").choices::<Topic>(),
        CommandOption::string("level", "opt-skills-level").choices_among(&[
            Level::Entry,
            Level::Mid,
            Level::Senior,
            Level::Lead,
        ]),
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
    let topic = match choice::<Topic>(i, "topic") {
        Ok(topic) => topic.unwrap_or(Topic::All),
        Err(t) => {
            return Ok(Handled::private(tr!(
                i.lang,
                "unknown-topic",
                given = format!("{t:?}")
            )));
        }
    };
    let level = match choice::<Level>(i, "level") {
        Ok(level) => level,
        Err(l) => {
            return Ok(Handled::private(tr!(
                i.lang,
                "unknown-skills-level",
                given = format!("{l:?}")
            )));
        }
    };
    let skills = bot.engine().skills(career.as_deref(), topic, level)?;
    Ok(Handled::now(Response::message(render::skills_reply(
        &skills.answer,
        skills.generation.meta(),
        i.lang,
    ))))
}
