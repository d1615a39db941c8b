//! `/help` and `/status`: what the bot can do, and how it is doing.

use std::time::Duration;

use super::Command;
use crate::discord::bot::{Bot, Handled};
use crate::discord::incoming::Incoming;
use crate::discord::markdown::escape_markdown;
use crate::discord::message::{Embed, Field, Reply, Response};
use crate::discord::render::{self, human_duration};

/// `/help`.
pub(crate) const HELP: Command = Command::new(
    "help",
    "What this bot can do and where its answers come from.",
    help,
)
.cooldown(1, "use /help again");

/// `/status`.
pub(crate) const STATUS: Command = Command::new(
    "status",
    "Careers, guides, passages, index age, uptime and version.",
    status,
)
.cooldown(1, "use /status again");

fn help(bot: &Bot, _: &Incoming) -> anyhow::Result<Handled> {
    Ok(Handled::now(Response::message(render::help_reply(
        bot.engine().current().meta(),
    ))))
}

fn status(bot: &Bot, _: &Incoming) -> anyhow::Result<Handled> {
    Ok(Handled::now(Response::message(status_reply(bot))))
}

/// The status embed: careers with their guide counts, guides, passages, index age, uptime,
/// interactions served, version.
fn status_reply(bot: &Bot) -> Reply {
    let status = bot.engine().status();
    let meta = status.generation.meta();
    let age = Duration::from_secs(crate::search::unix_now().saturating_sub(meta.built_at));
    let uptime = status.uptime;
    let careers: Vec<String> = bot
        .engine()
        .careers()
        .iter()
        .map(|c| {
            let plural = if c.guides == 1 { "guide" } else { "guides" };
            format!("{} ({} {plural})", escape_markdown(&c.name), c.guides)
        })
        .collect();
    let mut fields = vec![
        Field {
            name: "Guides".into(),
            value: meta.guides.len().to_string(),
            inline: true,
        },
        Field {
            name: "Passages".into(),
            value: meta.passages.to_string(),
            inline: true,
        },
        Field {
            name: "Index age".into(),
            value: human_duration(age),
            inline: true,
        },
        Field {
            name: "Uptime".into(),
            value: human_duration(uptime),
            inline: true,
        },
        Field {
            name: "Interactions served".into(),
            value: bot.served().to_string(),
            inline: true,
        },
        Field {
            name: "Version".into(),
            value: env!("CARGO_PKG_VERSION").into(),
            inline: true,
        },
    ];
    if let Some(library) = &status.library {
        let mut value = format!("version {} (shared through the database)", library.version);
        if let Some(f) = &library.failed {
            value.push_str(&format!(
                "\n⚠️ version {} failed here: {}. The previous version keeps answering.",
                f.version,
                escape_markdown(&f.reason)
            ));
        }
        fields.push(Field {
            name: "Library".into(),
            value: render::fit_lines(&[value], 1000),
            inline: false,
        });
    }
    if !careers.is_empty() {
        fields.insert(
            0,
            Field {
                name: format!("Careers ({})", careers.len()),
                value: render::fit_lines(&careers, 1000),
                inline: false,
            },
        );
    }
    Reply {
        ephemeral: true,
        ..Reply::embed(Embed {
            title: Some("careerbot status".into()),
            description: Some(if status.reindexing {
                "A reindex is running.".into()
            } else {
                "Ready.".into()
            }),
            color: Some(render::COLOR),
            fields,
            footer: Some(render::footer(meta, &[])),
            image_url: None,
        })
    }
}
