//! The `career` option every answering command takes: its registration, its autocomplete from
//! the library's careers, reading a member's choice (any spelling, a word, initials), and
//! [`resolve`], the one order in which a command decides which career it answers from.

use super::CommandOption;
use crate::discord::bot::Bot;
use crate::discord::incoming::Incoming;
use crate::discord::message::{Choice, truncate};
use crate::engine::QuestionCareer;
use crate::i18n::Locale;
use crate::tr;

/// The option's name.
pub(crate) const OPTION: &str = "career";

/// The `career` option, with autocomplete.
pub(crate) fn option() -> CommandOption {
    CommandOption::string(OPTION, "opt-career").autocomplete()
}

/// The library's careers containing what was typed, with their guide counts.
pub(crate) fn suggestions(bot: &Bot, typed: &str, lang: Locale) -> Vec<Choice> {
    let typed = typed.trim().to_lowercase();
    bot.engine()
        .careers()
        .into_iter()
        .filter(|c| c.name.to_lowercase().contains(&typed))
        .take(25)
        .map(|c| Choice {
            name: truncate(
                &format!(
                    "{} ({})",
                    c.name,
                    tr!(lang, "guides-count", count = c.guides)
                ),
                100,
            ),
            value: c.name,
        })
        .collect()
}

/// The career a member chose, by the library's own name; `Ok(None)` when none was given.
///
/// # Errors
/// A message for the member when the choice names no career of the library, or several.
pub(crate) fn chosen(bot: &Bot, i: &Incoming) -> Result<Option<String>, String> {
    match i.text(OPTION).map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(asked) => bot
            .engine()
            .find_career(asked)
            .map(Some)
            .map_err(|e| tr!(i.lang, "sorry", reason = e.to_string())),
    }
}

/// The career a command answers from, decided in one order for every command: the `career`
/// option, else the one career of the library the question names (for `/ask`), else the
/// server's default career (`/settings career`), else none (every career). A question that names
/// several careers, or an occupation no guide covers, is not narrowed to the server's default.
///
/// # Errors
/// A message for the member when the option names no career of the library, or several.
pub(crate) fn resolve(
    bot: &Bot,
    i: &Incoming,
    question: Option<&str>,
) -> Result<Option<String>, String> {
    if let Some(career) = chosen(bot, i)? {
        return Ok(Some(career));
    }
    if let Some(question) = question {
        match bot.engine().question_career(question) {
            QuestionCareer::Named(career) => return Ok(Some(career)),
            QuestionCareer::Several(_) | QuestionCareer::NotInLibrary(_) => return Ok(None),
            QuestionCareer::None => {}
        }
    }
    Ok(server_default(bot, i.guild_id))
}

/// The default career of `guild`, when an admin set one that the library still covers (a career
/// whose guides were all removed is ignored until the admin sets another). A database that cannot
/// be read costs the default, not the answer.
pub(crate) fn server_default(bot: &Bot, guild: Option<u64>) -> Option<String> {
    let guild = guild?;
    let stored = match bot.store().guild_career(guild) {
        Ok(stored) => stored?,
        Err(e) => {
            tracing::warn!(error = %e, guild, "the server's default career could not be read");
            return None;
        }
    };
    let covered = bot.engine().careers().into_iter().any(|c| c.name == stored);
    if !covered {
        tracing::debug!(guild, career = %stored, "the server's default career has no guide now");
    }
    covered.then_some(stored)
}
