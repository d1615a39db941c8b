//! The admins' commands over the guides: `/sources` (list with each guide's career, add with the
//! career it is about, remove, with their autocomplete) and `/reindex`, and the rebuilds they
//! start after the first response, with progress.

use std::time::{Duration, Instant};

use super::{Command, CommandOption, career};
use crate::corpus::link::web_link;
use crate::discord::bot::{Bot, Handled, Work};
use crate::discord::incoming::{Incoming, OptionValue};
use crate::discord::markdown::escape_markdown;
use crate::discord::message::{Choice, Embed, Field, Reply, Response};
use crate::discord::permissions::Rank;
use crate::discord::render;
use crate::discord::rest::Rest;
use crate::engine::{GuideError, MAX_GUIDE_UPLOAD, ReindexReport, check_guide_name};
use crate::search::{BuildProgress, IndexError};

/// How often a running reindex updates its progress message.
const PROGRESS_EVERY: Duration = Duration::from_secs(1);

/// `/reindex`.
pub(crate) const REINDEX: Command = Command::new(
    "reindex",
    "Rebuild the search index from the guides (admins).",
    reindex_command,
)
.in_guilds()
.only(Rank::Admin, "Only admins can reindex the guides.");

/// `/sources list`, `/sources add file [replace] [career]` and `/sources remove name`.
pub(crate) const SOURCES: Command = Command::new(
    "sources",
    "Manage the guides the bot answers from (admins).",
    sources,
)
.options(sources_options)
.in_guilds()
.only(Rank::Admin, "Only admins can manage the guides.")
.autocomplete(suggest);

fn sources_options() -> Vec<CommandOption> {
    vec![
        CommandOption::subcommand("list", "List the guides.", vec![]),
        CommandOption::subcommand(
            "add",
            "Add a guide (.txt, .md or .html, up to 1 MB).",
            vec![
                CommandOption::attachment("file", "The guide file.").required(),
                CommandOption::boolean("replace", "Replace a guide of the same name."),
                CommandOption::string(
                    career::OPTION,
                    "The career it is about, new or not (default: read from its title).",
                )
                .autocomplete(),
                CommandOption::string(
                    "url",
                    "Where it was published (https://…): its citations link there.",
                )
                .length(1, crate::corpus::link::MAX_LINK_CHARS),
            ],
        ),
        CommandOption::subcommand(
            "remove",
            "Remove a guide.",
            vec![
                CommandOption::string("name", "The guide's file name.")
                    .required()
                    .autocomplete(),
            ],
        ),
    ]
}

/// A deferred response, and the rebuild as work for after it.
fn reindex_command(bot: &Bot, i: &Incoming) -> anyhow::Result<Handled> {
    if bot.engine().is_reindexing() {
        return Ok(Handled::private(
            "A reindex is already running; its message will show the outcome.",
        ));
    }
    Ok(Handled::then(
        Response::deferred(true),
        Work::Reindex {
            token: i.token.clone(),
            actor: i.actor.name.clone(),
        },
    ))
}

fn sources(bot: &Bot, i: &Incoming) -> anyhow::Result<Handled> {
    match i.subcommand() {
        Some("add") => {
            let Some(OptionValue::Attachment(file)) = i.option("file") else {
                return Ok(Handled::private(
                    "Attach the guide file (.txt, .md or .html).",
                ));
            };
            let replace = i.flag("replace").unwrap_or(false);
            if let Err(e) = bot.engine().guides_dir() {
                return Ok(Handled::private(guide_error(&e)));
            }
            // Saved, listed and compared under its normalised name.
            let filename = match check_guide_name(&file.filename) {
                Ok(name) => name,
                Err(why) => return Ok(Handled::private(format!("Refused: {why}."))),
            };
            if file.size > MAX_GUIDE_UPLOAD {
                return Ok(Handled::private(format!(
                    "Refused: {} is {} KB; guides can be at most 1 MB.",
                    escape_markdown(&filename),
                    file.size / 1024
                )));
            }
            if bot.engine().has_guide(&filename) && !replace {
                return Ok(Handled::private(format!(
                    "A guide named {} already exists. Add it again with replace:true to replace it.",
                    escape_markdown(&filename)
                )));
            }
            if bot.engine().is_reindexing() {
                return Ok(Handled::private(
                    "A reindex is running; add the guide when it is done.",
                ));
            }
            let career = match i
                .text(career::OPTION)
                .map(str::trim)
                .filter(|c| !c.is_empty())
            {
                None => None,
                Some(asked) => match bot.engine().career_for_guide(asked) {
                    Ok(c) => Some(c),
                    Err(e) => {
                        return Ok(Handled::private(format!(
                            "Sorry: {}; or write the new career's full name.",
                            escape_markdown(&e.to_string())
                        )));
                    }
                },
            };
            let link = match i.text("url").map(str::trim).filter(|u| !u.is_empty()) {
                None => None,
                Some(typed) => match web_link(typed) {
                    Ok(link) => Some(link),
                    Err(why) => {
                        return Ok(Handled::private(format!(
                            "Refused: {}. Give the page's full address, e.g. https://example.org/guide.",
                            escape_markdown(&why)
                        )));
                    }
                },
            };
            Ok(Handled::then(
                Response::deferred(true),
                Work::AddSource {
                    token: i.token.clone(),
                    url: file.url.clone(),
                    filename,
                    replace,
                    career,
                    link,
                    actor: i.actor.name.clone(),
                },
            ))
        }
        Some("remove") => {
            let name = i.text("name").unwrap_or_default().trim().to_string();
            if let Err(e) = bot.engine().guides_dir() {
                return Ok(Handled::private(guide_error(&e)));
            }
            if !bot.engine().has_guide(&name) {
                return Ok(Handled::private(format!(
                    "There is no guide named {}.",
                    escape_markdown(&name)
                )));
            }
            if bot.engine().is_reindexing() {
                return Ok(Handled::private(
                    "A reindex is running; remove the guide when it is done.",
                ));
            }
            Ok(Handled::then(
                Response::deferred(true),
                Work::RemoveSource {
                    token: i.token.clone(),
                    name,
                    actor: i.actor.name.clone(),
                },
            ))
        }
        _ => {
            let index = bot.engine().current();
            let meta = index.meta();
            let mut lines: Vec<String> = meta
                .guides
                .iter()
                .map(|g| {
                    format!(
                        "• `{}` — {} ({} passages) · {}",
                        g.source,
                        escape_markdown(&g.title),
                        g.passages,
                        escape_markdown(&g.career)
                    )
                })
                .collect();
            for s in &meta.skipped {
                lines.push(format!(
                    "• ⚠️ `{}` skipped: {}",
                    s.file,
                    escape_markdown(&s.reason)
                ));
            }
            Ok(Handled::now(Response::message(Reply {
                ephemeral: true,
                ..Reply::embed(Embed {
                    title: Some(format!("Guides ({})", meta.guides.len())),
                    description: Some(render::fit_lines(&lines, 3900)),
                    color: Some(render::COLOR),
                    footer: Some(render::footer(meta, &[])),
                    ..Embed::default()
                })
            })))
        }
    }
}

/// The guides whose file name or title contains what is typed, for `/sources remove`, and the
/// library's careers for `/sources add` (offered to admins only: [`Command::suggestions`] checks
/// the rank first).
fn suggest(bot: &Bot, _: &Incoming, option: &str, typed: &str) -> Vec<Choice> {
    if option == career::OPTION {
        return career::suggestions(bot, typed);
    }
    if option != "name" {
        return Vec::new();
    }
    let typed = typed.to_lowercase();
    bot.engine()
        .current()
        .meta()
        .guides
        .iter()
        .filter(|g| {
            g.source.to_lowercase().contains(&typed) || g.title.to_lowercase().contains(&typed)
        })
        .map(|g| Choice {
            name: format!("{} — {}", g.source, g.title),
            value: g.source.clone(),
        })
        .collect()
}

/// Rebuilds the index with progress edits; `prefix` is said first (e.g. the guide added).
pub(crate) async fn reindex(
    bot: &Bot,
    token: &str,
    actor: &str,
    prefix: Option<String>,
    rest: &Rest,
) -> anyhow::Result<()> {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<BuildProgress>();
    let actor_name = actor.to_string();
    let job = bot.blocking(move |bot| {
        tracing::info!(by = %actor_name, "reindex started");
        let mut last = Instant::now();
        bot.engine().reindex(|p| {
            if last.elapsed() >= PROGRESS_EVERY || p.guides_done == p.guides_total {
                last = Instant::now();
                let _ = tx.send(p);
            }
        })
    });
    tokio::pin!(job);
    let head = prefix.map(|p| format!("{p}\n")).unwrap_or_default();
    let outcome = loop {
        tokio::select! {
            done = &mut job => break done?,
            Some(p) = rx.recv() => {
                let text = format!("{head}⏳ Reindexing… {}/{} guides read, {} passages so far.", p.guides_done, p.guides_total, p.passages);
                if let Err(e) = rest.edit_original(token, Reply::ephemeral(text)).await {
                    tracing::warn!(error = %e, "progress update failed");
                }
            }
        }
    };
    let reply = match outcome {
        Ok(report) => Reply {
            ephemeral: true,
            ..Reply::embed(reindex_embed(&head, &report))
        },
        Err(IndexError::Busy) => Reply::ephemeral(format!(
            "{head}A reindex is already running; its message will show the outcome."
        )),
        Err(e) => {
            tracing::error!(error = %e, "reindex failed");
            Reply::ephemeral(format!(
                "{head}❌ The reindex failed: {e}\nThe previous index is still answering questions."
            ))
        }
    };
    rest.edit_original(token, reply).await?;
    Ok(())
}

/// A guide to add: where to download it, its name, whether it replaces one, the career it is
/// about (recorded in the manifest) and the admin adding it.
#[derive(Debug)]
pub(crate) struct NewGuide {
    pub(crate) url: String,
    pub(crate) filename: String,
    pub(crate) replace: bool,
    pub(crate) career: Option<String>,
    /// Where the guide was published, for its citations.
    pub(crate) link: Option<String>,
    pub(crate) actor: String,
}

/// Downloads a guide, stores it (and its career) and reindexes, reporting in the deferred
/// response.
pub(crate) async fn add_source(
    bot: &Bot,
    token: &str,
    guide: NewGuide,
    rest: &Rest,
) -> anyhow::Result<()> {
    let NewGuide {
        url,
        filename,
        replace,
        career,
        link,
        actor,
    } = guide;
    let (url, filename, actor) = (url.as_str(), filename.as_str(), actor.as_str());
    let bytes = match rest.download(url).await {
        Ok(b) => b,
        Err(e) => {
            rest.edit_original(
                token,
                Reply::ephemeral(format!(
                    "❌ Could not download {}: {}.",
                    escape_markdown(filename),
                    escape_markdown(&e.message)
                )),
            )
            .await?;
            return Ok(());
        }
    };
    let name = filename.to_string();
    let about = career.clone();
    let linked = link.clone();
    let saved = bot
        .blocking(move |bot| -> Result<usize, GuideError> {
            let passages = bot
                .engine()
                .add_guide(&name, &bytes, replace, about.as_deref())?;
            if let Some(link) = &linked {
                bot.engine().record_guide_link(&name, link)?;
            }
            Ok(passages)
        })
        .await?;
    match saved {
        Ok(passages) => {
            let mut about = career
                .map(|c| format!(", about {}", escape_markdown(&c)))
                .unwrap_or_default();
            if let Some(link) = &link {
                about.push_str(&format!(", linking to <{link}>"));
            }
            let head = format!(
                "✅ {} added ({passages} passages{about}) by {}.",
                escape_markdown(filename),
                escape_markdown(actor)
            );
            reindex(bot, token, actor, Some(head), rest).await
        }
        Err(why) => {
            rest.edit_original(
                token,
                Reply::ephemeral(format!(
                    "❌ Refused {}: {}",
                    escape_markdown(filename),
                    guide_error(&why)
                )),
            )
            .await?;
            Ok(())
        }
    }
}

/// Moves a guide out of the library and reindexes, reporting in the deferred response.
pub(crate) async fn remove_source(
    bot: &Bot,
    token: &str,
    name: &str,
    actor: &str,
    rest: &Rest,
) -> anyhow::Result<()> {
    let file = name.to_string();
    let moved = bot
        .blocking(move |bot| bot.engine().remove_guide(&file))
        .await?;
    match moved {
        Ok(_) => {
            tracing::info!(guide = name, by = actor, "guide removed by an admin");
            let head = format!(
                "🗑️ {} removed by {} (a copy is kept on the server).",
                escape_markdown(name),
                escape_markdown(actor)
            );
            reindex(bot, token, actor, Some(head), rest).await
        }
        Err(e) => {
            tracing::error!(error = %e, guide = name, "guide removal failed");
            rest.edit_original(
                token,
                Reply::ephemeral(format!(
                    "❌ Could not remove {}: {}",
                    escape_markdown(name),
                    guide_error(&e)
                )),
            )
            .await?;
            Ok(())
        }
    }
}

fn reindex_embed(head: &str, r: &ReindexReport) -> Embed {
    let list = |v: &[String]| {
        if v.is_empty() {
            "none".to_string()
        } else {
            v.iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let mut fields = vec![
        Field {
            name: "Guides".into(),
            value: format!("{} → {}", r.before.guides, r.after.guides),
            inline: true,
        },
        Field {
            name: "Passages".into(),
            value: format!("{} → {}", r.before.passages, r.after.passages),
            inline: true,
        },
        Field {
            name: "Time".into(),
            value: format!("{:.1} s", r.elapsed.as_secs_f64()),
            inline: true,
        },
        Field {
            name: "Added".into(),
            value: list(&r.added),
            inline: false,
        },
        Field {
            name: "Removed".into(),
            value: list(&r.removed),
            inline: false,
        },
        Field {
            name: "Changed".into(),
            value: list(&r.changed),
            inline: false,
        },
    ];
    if !r.skipped.is_empty() {
        let lines: Vec<String> = r
            .skipped
            .iter()
            .map(|s| format!("`{}`: {}", s.file, escape_markdown(&s.reason)))
            .collect();
        fields.push(Field {
            name: "Skipped".into(),
            value: render::fit_lines(&lines, 1000),
            inline: false,
        });
    }
    Embed {
        title: Some("✅ Reindex done".into()),
        description: Some(format!("{head}The new index is answering questions now.")),
        color: Some(render::COLOR),
        fields,
        ..Embed::default()
    }
}

/// A guide error as the admin reads it (Discord markdown escaped).
fn guide_error(e: &GuideError) -> String {
    let text = e.to_string();
    let mut chars = text.chars();
    let text = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    };
    format!("{}.", escape_markdown(&text))
}
