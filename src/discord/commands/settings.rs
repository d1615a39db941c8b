//! `/settings`: a server's settings for the bot (admins). Today one: `/settings career [name]`,
//! the career answers use when a member names none (shown without a name, cleared with `none`).

use super::{Command, CommandOption, career, guild_of, unix_now};
use crate::discord::bot::{Bot, Handled};
use crate::discord::incoming::Incoming;
use crate::discord::markdown::escape_markdown;
use crate::discord::message::Choice;
use crate::discord::permissions::Rank;

/// `/settings career [name]`.
pub(crate) const SETTINGS: Command = Command::new(
    "settings",
    "This server's settings for the bot (admins).",
    run,
)
.options(options)
.guild_only("Settings belong to a server: use /settings in one.")
.only(
    Rank::Admin,
    "Only admins can change this server's settings.",
)
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
        "The career answers use when a member names none (leave empty to see it).",
        vec![
            CommandOption::string(
                NAME,
                "A career the guides cover, or \"none\" for every career.",
            )
            .autocomplete(),
        ],
    )]
}

/// The library's careers containing what was typed, then "none".
fn suggest(bot: &Bot, _: &Incoming, option: &str, typed: &str) -> Vec<Choice> {
    if option != NAME {
        return Vec::new();
    }
    let mut choices = career::suggestions(bot, typed);
    choices.truncate(24);
    if "none".contains(&typed.trim().to_lowercase()) {
        choices.push(Choice {
            name: "none (every career)".into(),
            value: "none".into(),
        });
    }
    choices
}

fn run(bot: &Bot, i: &Incoming) -> anyhow::Result<Handled> {
    let guild = guild_of(i)?;
    match i.subcommand() {
        Some("career") | None => career_setting(bot, i, guild),
        Some(other) => Ok(Handled::private(format!(
            "There is no setting {}; try /settings career.",
            escape_markdown(other)
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
            Some(c) if career::server_default(bot, Some(guild)).is_some() => format!(
                "This server's default career is **{}**: /ask, /salary, /skills and /roadmap answer from its guides when a member names no career. Change it with `/settings career name:…`, or clear it with `name:none`.",
                escape_markdown(&c)
            ),
            Some(c) => format!(
                "This server's default career is **{}**, but no guide covers it now, so answers cover every career. The guides cover: {covered}.",
                escape_markdown(&c)
            ),
            None => format!(
                "This server has no default career: answers cover every career the guides cover ({covered}). Set one with `/settings career name:…`."
            ),
        };
        return Ok(Handled::private(said));
    };
    if CLEAR.contains(&asked.to_lowercase().as_str()) {
        bot.store()
            .set_guild_career(guild, None, i.actor.id, unix_now())?;
        tracing::info!(guild, by = i.actor.id, "default career cleared");
        return Ok(Handled::private(format!(
            "Done: this server has no default career now; answers cover every career the guides cover ({covered})."
        )));
    }
    match bot.engine().find_career(asked) {
        Ok(c) => {
            bot.store()
                .set_guild_career(guild, Some(&c), i.actor.id, unix_now())?;
            tracing::info!(guild, by = i.actor.id, career = %c, "default career set");
            Ok(Handled::private(format!(
                "Done: **{}** is this server's default career. /ask, /salary, /skills and /roadmap answer from its guides when a member names no career (a career option, or a question naming one, still wins).",
                escape_markdown(&c)
            )))
        }
        Err(e) => Ok(Handled::private(format!(
            "Sorry: {}.",
            escape_markdown(&e.to_string())
        ))),
    }
}
