//! The moderators' commands: `/pins` (list and unpin the server's pinned answers, with its
//! autocomplete) and `/gaps` (what the guides answer badly: bounded, it reads at most the latest
//! [`GAPS_SCAN`] questions of its window from an index that holds only the unanswered ones).

use super::{Command, CommandOption, guild_of, unix_now};
use crate::discord::bot::{Bot, Handled, Work};
use crate::discord::incoming::Incoming;
use crate::discord::markdown::escape_markdown;
use crate::discord::message::{Choice, Embed, Field, Reply, Response, truncate};
use crate::discord::permissions::Rank;
use crate::discord::render;
use crate::store::GAPS_SCAN;
use crate::tr;

/// How far back `/gaps` looks.
const GAPS_WINDOW_SECS: i64 = 30 * 24 * 3600;

/// `/pins list` and `/pins remove answer` (moderators).
pub(crate) const PINS: Command = Command::new("pins", "cmd-pins", pins)
    .options(pins_options)
    .guild_only("guild-only-pins")
    .autocomplete(suggest)
    .cooldown(1, "again-pins");

/// `/gaps`.
pub(crate) const GAPS: Command = Command::new("gaps", "cmd-gaps", gaps)
    .guild_only("guild-only-gaps")
    .only(Rank::Moderator, "refusal-gaps")
    .cooldown(1, "again-gaps");

fn pins_options() -> Vec<CommandOption> {
    vec![
        CommandOption::subcommand("list", "sub-pins-list", vec![]),
        CommandOption::subcommand(
            "remove",
            "sub-pins-remove",
            vec![
                CommandOption::string("answer", "opt-pins-answer")
                    .required()
                    .autocomplete(),
            ],
        ),
    ]
}

fn pins(bot: &Bot, i: &Incoming) -> anyhow::Result<Handled> {
    let guild = guild_of(i)?;
    match i.subcommand() {
        Some("remove") => {
            if bot.rank(i) < Rank::Moderator {
                return Ok(Handled::private(tr!(i.lang, "unpin-not-moderator")));
            }
            let Some(id) = i.text("answer").and_then(|s| s.trim().parse::<i64>().ok()) else {
                return Ok(Handled::private(tr!(i.lang, "unpin-pick")));
            };
            let found = bot
                .store()
                .curated_for_guild(guild)?
                .into_iter()
                .find(|c| c.id == id);
            match found {
                Some(removed) if bot.store().unpin_curated(guild, id)? => {
                    let said = Response::message(Reply::ephemeral(tr!(
                        i.lang,
                        "unpin-done",
                        question = escape_markdown(&truncate(&removed.question, 150))
                    )));
                    Ok(match removed.channel_id.zip(removed.message_id) {
                        Some((channel, message)) => {
                            Handled::then(said, Work::Unpin { channel, message })
                        }
                        None => Handled::now(said),
                    })
                }
                _ => Ok(Handled::private(tr!(i.lang, "unpin-gone"))),
            }
        }
        _ => {
            let list = bot.store().curated_for_guild(guild)?;
            let lines: Vec<String> = list
                .iter()
                .map(|c| {
                    format!(
                        "• **{}** — {}",
                        escape_markdown(&truncate(&c.question, 120)),
                        tr!(
                            i.lang,
                            "pins-line",
                            by = format!("<@{}>", c.pinned_by),
                            at = format!("<t:{}:R>", c.pinned_at)
                        )
                    )
                })
                .collect();
            let text = if lines.is_empty() {
                tr!(i.lang, "pins-none")
            } else {
                render::fit_lines(&lines, 3900, i.lang)
            };
            Ok(Handled::now(Response::message(Reply {
                ephemeral: true,
                ..Reply::embed(Embed {
                    title: Some(tr!(i.lang, "pins-title")),
                    description: Some(text),
                    color: Some(render::PINNED_COLOR),
                    ..Embed::default()
                })
            })))
        }
    }
}

/// The guild's pinned answers whose question contains what is typed, for `/pins remove`.
fn suggest(bot: &Bot, i: &Incoming, option: &str, typed: &str) -> Vec<Choice> {
    if option != "answer" {
        return Vec::new();
    }
    match i.guild_id.map(|g| bot.store().curated_for_guild(g)) {
        Some(Ok(list)) => {
            let typed = typed.to_lowercase();
            list.into_iter()
                .filter(|c| c.question.to_lowercase().contains(&typed))
                .map(|c| Choice {
                    name: c.question,
                    value: c.id.to_string(),
                })
                .collect()
        }
        Some(Err(e)) => {
            tracing::error!(error = %e, "pins autocomplete failed");
            Vec::new()
        }
        None => Vec::new(),
    }
}

fn gaps(bot: &Bot, i: &Incoming) -> anyhow::Result<Handled> {
    let guild = guild_of(i)?;
    let gaps = bot.store().gaps(guild, unix_now() - GAPS_WINDOW_SECS, 15)?;
    let unanswered: Vec<String> = gaps
        .unanswered
        .iter()
        .map(|g| {
            format!(
                "• {} ×{} ({})",
                escape_markdown(&truncate(&g.question, 150)),
                g.count,
                tr!(i.lang, "gaps-last", at = format!("<t:{}:R>", g.last_at))
            )
        })
        .collect();
    let downvoted: Vec<String> = gaps
        .downvoted
        .iter()
        .map(|d| {
            format!(
                "• {} — 👎 {} / 👍 {}",
                escape_markdown(&truncate(&d.question, 150)),
                d.downs,
                d.ups
            )
        })
        .collect();
    let fields = vec![
        Field {
            name: if gaps.truncated {
                tr!(i.lang, "gaps-unanswered-latest", count = GAPS_SCAN)
            } else {
                tr!(i.lang, "gaps-unanswered")
            },
            value: if unanswered.is_empty() {
                tr!(i.lang, "gaps-none")
            } else {
                render::fit_lines(&unanswered, 1000, i.lang)
            },
            inline: false,
        },
        Field {
            name: tr!(i.lang, "gaps-downvoted"),
            value: if downvoted.is_empty() {
                tr!(i.lang, "gaps-none")
            } else {
                render::fit_lines(&downvoted, 1000, i.lang)
            },
            inline: false,
        },
    ];
    Ok(Handled::now(Response::message(Reply {
        ephemeral: true,
        ..Reply::embed(Embed {
            title: Some(tr!(i.lang, "gaps-title")),
            description: Some(tr!(i.lang, "gaps-about")),
            color: Some(render::COLOR),
            fields,
            ..Embed::default()
        })
    })))
}
