//! `/settings`: a server's settings for the bot (admins). Today one: `/settings career [name]`,
//! the career answers use when a member names none (shown without a name, cleared with `none`).

use super::{Command, CommandOption, career, guild_of, unix_now};
use crate::discord::bot::{Bot, Handled};
use crate::discord::incoming::Incoming;
use crate::discord::markdown::escape_markdown;
use crate::discord::message::Choice;
use crate::discord::permissions::Rank;
use crate::tr;

/// `/settings career [name]`.
pub(crate) const SETTINGS: Command = Command::new("settings", "cmd-settings", run)
    .options(options)
    .guild_only("guild-only-settings")
    .only(Rank::Admin, "refusal-settings")
    .autocomplete(suggest);

/// The option's name.
const NAME: &str = "name";
/// Values that clear the default career.
const CLEAR: &[&str] = &[
    "none",
    "clear",
    "unset",
    "all",
    "every",
    "every career",
    "any",
];

fn options() -> Vec<CommandOption> {
    vec![CommandOption::subcommand(
        "career",
        "sub-settings-career",
        vec![CommandOption::string(NAME, "opt-settings-name").autocomplete()],
    )]
}

/// The library's careers containing what was typed, then "none".
fn suggest(bot: &Bot, i: &Incoming, option: &str, typed: &str) -> Vec<Choice> {
    if option != NAME {
        return Vec::new();
    }
    let mut choices = career::suggestions(bot, typed, i.lang);
    choices.truncate(24);
    if "none".contains(&typed.trim().to_lowercase()) {
        choices.push(Choice {
            name: tr!(i.lang, "settings-none-choice"),
            value: "none".into(),
        });
    }
    choices
}

fn run(bot: &Bot, i: &Incoming) -> anyhow::Result<Handled> {
    let guild = guild_of(i)?;
    match i.subcommand() {
        Some("career") | None => career_setting(bot, i, guild),
        Some(other) => Ok(Handled::private(tr!(
            i.lang,
            "settings-unknown",
            name = escape_markdown(other)
        ))),
    }
}

/// Shows, sets or clears the server's default career.
fn career_setting(bot: &Bot, i: &Incoming, guild: u64) -> anyhow::Result<Handled> {
    let covered: Vec<String> = bot
        .engine()
        .careers()
        .into_iter()
        .map(|c| escape_markdown(&c.name))
        .collect();
    let covered = covered.join(", ");
    let Some(asked) = i.text(NAME).map(str::trim).filter(|s| !s.is_empty()) else {
        let said = match bot.store().guild_career(guild)? {
            Some(c) if career::server_default(bot, Some(guild)).is_some() => {
                tr!(i.lang, "settings-shown", career = escape_markdown(&c))
            }
            Some(c) => tr!(
                i.lang,
                "settings-shown-uncovered",
                career = escape_markdown(&c),
                covered = covered.as_str()
            ),
            None => tr!(i.lang, "settings-shown-none", covered = covered.as_str()),
        };
        return Ok(Handled::private(said));
    };
    if CLEAR.contains(&asked.to_lowercase().as_str()) {
        bot.store()
            .set_guild_career(guild, None, i.actor.id, unix_now())?;
        tracing::info!(guild, by = i.actor.id, "default career cleared");
        return Ok(Handled::private(tr!(
            i.lang,
            "settings-cleared",
            covered = covered.as_str()
        )));
    }
    match bot.engine().find_career(asked) {
        Ok(c) => {
            bot.store()
                .set_guild_career(guild, Some(&c), i.actor.id, unix_now())?;
            tracing::info!(guild, by = i.actor.id, career = %c, "default career set");
            Ok(Handled::private(tr!(
                i.lang,
                "settings-set",
                career = escape_markdown(&c)
            )))
        }
        Err(e) => Ok(Handled::private(tr!(
            i.lang,
            "sorry",
            reason = escape_markdown(&e.to_string())
        ))),
    }
}
