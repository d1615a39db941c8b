//! The moderators' commands: `/pins` (list and unpin the server's pinned answers, with its
//! autocomplete; a pin whose cited passages changed after a reindex is flagged) and `/gaps` (what the guides answer badly: bounded, it reads at most the latest
//! [`GAPS_SCAN`] questions of its window from an index that holds only the unanswered ones).

use super::{Command, CommandOption, guild_of, unix_now};
use crate::discord::bot::{Bot, Handled, Work};
use crate::discord::incoming::Incoming;
use crate::discord::markdown::escape_markdown;
use crate::discord::message::{Choice, Embed, Field, Reply, Response, truncate};
use crate::discord::permissions::Rank;
use crate::discord::pin_matcher::PinSources;
use crate::discord::render;
use crate::engine::PassageId;
use crate::store::{Curated, GAPS_SCAN};

/// The flag of a pin whose cited passages the current index no longer has as they were.
const SOURCES_CHANGED: &str = "⚠ sources changed";

/// How far back `/gaps` looks.
const GAPS_WINDOW_SECS: i64 = 30 * 24 * 3600;

/// `/pins list` and `/pins remove answer` (moderators).
pub(crate) const PINS: Command =
    Command::new("pins", "Moderator-pinned answers of this server.", pins)
        .options(pins_options)
        .guild_only("Pinned answers belong to a server: use this in one.")
        .autocomplete(suggest)
        .cooldown(1, "use /pins again");

/// `/gaps`.
pub(crate) const GAPS: Command = Command::new(
    "gaps",
    "Questions the guides answer badly, and answers people voted down.",
    gaps,
)
.guild_only("Use /gaps in a server.")
.only(
    Rank::Moderator,
    "Only moderators and admins can see the gaps.",
)
.cooldown(1, "use /gaps again");

fn pins_options() -> Vec<CommandOption> {
    vec![
        CommandOption::subcommand("list", "List the pinned answers.", vec![]),
        CommandOption::subcommand(
            "remove",
            "Unpin an answer (moderators).",
            vec![
                CommandOption::string("answer", "The pinned answer.")
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
                return Ok(Handled::private("Only moderators can unpin answers."));
            }
            let Some(id) = i.text("answer").and_then(|s| s.trim().parse::<i64>().ok()) else {
                return Ok(Handled::private("Pick a pinned answer from the list."));
            };
            let found = bot
                .store()
                .curated_for_guild(guild)?
                .into_iter()
                .find(|c| c.id == id);
            match found {
                Some(removed) if bot.store().unpin_curated(guild, id)? => {
                    let said = Response::message(Reply::ephemeral(format!(
                        "Unpinned “{}”.",
                        escape_markdown(&truncate(&removed.question, 150))
                    )));
                    Ok(match removed.channel_id.zip(removed.message_id) {
                        Some((channel, message)) => {
                            Handled::then(said, Work::Unpin { channel, message })
                        }
                        None => Handled::now(said),
                    })
                }
                _ => Ok(Handled::private("That pinned answer no longer exists.")),
            }
        }
        _ => {
            let list = bot.store().curated_for_guild(guild)?;
            let changed = changed_pins(bot, &list);
            let lines: Vec<String> = list
                .iter()
                .zip(&changed)
                .map(|(c, changed)| {
                    let flag = if *changed {
                        format!(" · {SOURCES_CHANGED}")
                    } else {
                        String::new()
                    };
                    format!(
                        "• **{}** — pinned by <@{}> <t:{}:R>{flag}",
                        escape_markdown(&truncate(&c.question, 120)),
                        c.pinned_by,
                        c.pinned_at
                    )
                })
                .collect();
            let text = if lines.is_empty() {
                "No answers are pinned yet. Moderators pin an answer with its 📌 button."
                    .to_string()
            } else {
                render::fit_lines(&lines, 3900)
            };
            Ok(Handled::now(Response::message(Reply {
                ephemeral: true,
                ..Reply::embed(Embed {
                    title: Some("📌 Pinned answers".into()),
                    description: Some(text),
                    color: Some(render::PINNED_COLOR),
                    ..Embed::default()
                })
            })))
        }
    }
}

/// For each pin, whether a passage it cited is gone or changed in the current index (the pin
/// itself is left as it was). Pins kept without their passages are never flagged; an index whose
/// passages cannot be read flags none (logged).
fn changed_pins(bot: &Bot, pins: &[Curated]) -> Vec<bool> {
    let cited: Vec<Vec<PassageId>> = pins
        .iter()
        .map(|c| {
            c.passages
                .clone()
                .and_then(|v| serde_json::from_value::<PinSources>(v).ok())
                .map(|s| s.passages)
                .unwrap_or_default()
        })
        .collect();
    let all: Vec<PassageId> = cited.iter().flatten().cloned().collect();
    let there = match bot.engine().passages_unchanged(&all) {
        Ok(there) => there,
        Err(e) => {
            tracing::warn!(error = %e, "pins' passages could not be checked");
            return vec![false; pins.len()];
        }
    };
    let mut at = 0;
    cited
        .iter()
        .map(|ids| {
            let changed = there[at..at + ids.len()].iter().any(|ok| !ok);
            at += ids.len();
            changed
        })
        .collect()
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
                "• {} ×{} (last <t:{}:R>)",
                escape_markdown(&truncate(&g.question, 150)),
                g.count,
                g.last_at
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
                format!(
                    "Questions without a good answer (the latest {} of 30 days)",
                    GAPS_SCAN
                )
            } else {
                "Questions without a good answer (30 days)".into()
            },
            value: if unanswered.is_empty() {
                "None.".into()
            } else {
                render::fit_lines(&unanswered, 1000)
            },
            inline: false,
        },
        Field {
            name: "Answers voted down".into(),
            value: if downvoted.is_empty() {
                "None.".into()
            } else {
                render::fit_lines(&downvoted, 1000)
            },
            inline: false,
        },
    ];
    Ok(Handled::now(Response::message(Reply {
        ephemeral: true,
        ..Reply::embed(Embed {
            title: Some("Gaps in the guides".into()),
            description: Some(
                "What members ask that the guides do not answer well — candidates for a new guide."
                    .into(),
            ),
            color: Some(render::COLOR),
            fields,
            ..Embed::default()
        })
    })))
}
