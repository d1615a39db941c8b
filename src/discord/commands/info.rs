//! `/help` and `/status`: what the bot can do, and how it is doing.

use crate::i18n::Locale;
use crate::tr;
use std::time::Duration;

use super::Command;
use crate::discord::bot::{Bot, Handled};
use crate::discord::incoming::Incoming;
use crate::discord::markdown::escape_markdown;
use crate::discord::message::{Embed, Field, Reply, Response};
use crate::discord::render::{self, human_duration};

/// `/help`.
pub(crate) const HELP: Command = Command::new("help", "cmd-help", help).cooldown(1, "again-help");

/// `/status`.
pub(crate) const STATUS: Command =
    Command::new("status", "cmd-status", status).cooldown(1, "again-status");

fn help(bot: &Bot, i: &Incoming) -> anyhow::Result<Handled> {
    Ok(Handled::now(Response::message(render::help_reply(
        bot.engine().current().meta(),
        i.lang,
    ))))
}

fn status(bot: &Bot, i: &Incoming) -> anyhow::Result<Handled> {
    Ok(Handled::now(Response::message(status_reply(bot, i.lang))))
}

/// The status embed: careers with their guide counts, guides, passages, index age, uptime,
/// interactions served, version.
fn status_reply(bot: &Bot, lang: Locale) -> Reply {
    let status = bot.engine().status();
    let meta = status.generation.meta();
    let age = Duration::from_secs(crate::search::unix_now().saturating_sub(meta.built_at));
    let uptime = status.uptime;
    let careers: Vec<String> = bot
        .engine()
        .careers()
        .iter()
        .map(|c| {
            format!(
                "{} ({})",
                escape_markdown(&c.name),
                tr!(lang, "guides-count", count = c.guides)
            )
        })
        .collect();
    let mut fields = vec![
        Field {
            name: tr!(lang, "status-guides"),
            value: meta.guides.len().to_string(),
            inline: true,
        },
        Field {
            name: tr!(lang, "status-passages"),
            value: meta.passages.to_string(),
            inline: true,
        },
        Field {
            name: tr!(lang, "status-index-age"),
            value: human_duration(age, lang),
            inline: true,
        },
        Field {
            name: tr!(lang, "status-uptime"),
            value: human_duration(uptime, lang),
            inline: true,
        },
        Field {
            name: tr!(lang, "status-served"),
            value: bot.served().to_string(),
            inline: true,
        },
        Field {
            name: tr!(lang, "status-version"),
            value: env!("CARGO_PKG_VERSION").into(),
            inline: true,
        },
    ];
    if let Some(library) = &status.library {
        let mut value = tr!(lang, "status-library-version", version = library.version);
        if let Some(f) = &library.failed {
            value.push('\n');
            value.push_str(&tr!(
                lang,
                "status-library-failed",
                version = f.version,
                reason = escape_markdown(&f.reason)
            ));
        }
        fields.push(Field {
            name: tr!(lang, "status-library"),
            value: render::fit_lines(&[value], 1000, lang),
            inline: false,
        });
    }
    if !careers.is_empty() {
        fields.insert(
            0,
            Field {
                name: tr!(lang, "status-careers", count = careers.len()),
                value: render::fit_lines(&careers, 1000, lang),
                inline: false,
            },
        );
    }
    Reply {
        ephemeral: true,
        ..Reply::embed(Embed {
            title: Some(tr!(lang, "status-title")),
            description: Some(if status.reindexing {
                tr!(lang, "status-reindexing")
            } else {
                tr!(lang, "status-ready")
            }),
            color: Some(render::COLOR),
            fields,
            footer: Some(render::footer(meta, &[], lang)),
            image_url: None,
        })
    }
}
