//! The `career` option every answering command takes: its registration, its autocomplete from
//! the library's careers, and reading a member's choice (any spelling, a word, initials).

use super::CommandOption;
use crate::discord::bot::Bot;
use crate::discord::incoming::Incoming;
use crate::discord::message::{Choice, truncate};

/// The option's name.
pub(crate) const OPTION: &str = "career";

/// The `career` option, with autocomplete.
pub(crate) fn option() -> CommandOption {
    CommandOption::string(
        OPTION,
        "Which career (default: every career the guides cover).",
    )
    .autocomplete()
}

/// The library's careers containing what was typed, with their guide counts.
pub(crate) fn suggestions(bot: &Bot, typed: &str) -> Vec<Choice> {
    let typed = typed.trim().to_lowercase();
    bot.engine()
        .careers()
        .into_iter()
        .filter(|c| c.name.to_lowercase().contains(&typed))
        .take(25)
        .map(|c| {
            let plural = if c.guides == 1 { "guide" } else { "guides" };
            Choice {
                name: truncate(&format!("{} ({} {plural})", c.name, c.guides), 100),
                value: c.name,
            }
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
            .map_err(|e| format!("Sorry: {e}.")),
    }
}
