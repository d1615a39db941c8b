//! The admins' commands over the guides: `/sources` (list with each guide's career, add with the
//! career it is about, remove, with their autocomplete) and `/reindex`, and the rebuilds they
//! start after the first response, with progress.

use crate::i18n::Locale;
use crate::tr;
use std::time::{Duration, Instant};

use super::{Command, CommandOption, career};
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
pub(crate) const REINDEX: Command = Command::new("reindex", "cmd-reindex", reindex_command)
    .in_guilds()
    .only(Rank::Admin, "refusal-reindex");

/// `/sources list`, `/sources add file [replace] [career]` and `/sources remove name`.
pub(crate) const SOURCES: Command = Command::new("sources", "cmd-sources", sources)
    .options(sources_options)
    .in_guilds()
    .only(Rank::Admin, "refusal-sources")
    .autocomplete(suggest);

fn sources_options() -> Vec<CommandOption> {
    vec![
        CommandOption::subcommand("list", "sub-sources-list", vec![]),
        CommandOption::subcommand(
            "add",
            "sub-sources-add",
            vec![
                CommandOption::attachment("file", "opt-sources-file").required(),
                CommandOption::boolean("replace", "opt-sources-replace"),
                CommandOption::string(career::OPTION, "opt-sources-career").autocomplete(),
            ],
        ),
        CommandOption::subcommand(
            "remove",
            "sub-sources-remove",
            vec![
                CommandOption::string("name", "opt-sources-name")
                    .required()
                    .autocomplete(),
            ],
        ),
    ]
}

/// A deferred response, and the rebuild as work for after it.
fn reindex_command(bot: &Bot, i: &Incoming) -> anyhow::Result<Handled> {
    if bot.engine().is_reindexing() {
        return Ok(Handled::private(tr!(i.lang, "reindex-running")));
    }
    Ok(Handled::then(
        Response::deferred(true),
        Work::Reindex {
            token: i.token.clone(),
            actor: i.actor.name.clone(),
            lang: i.lang,
        },
    ))
}

fn sources(bot: &Bot, i: &Incoming) -> anyhow::Result<Handled> {
    match i.subcommand() {
        Some("add") => {
            let Some(OptionValue::Attachment(file)) = i.option("file") else {
                return Ok(Handled::private(tr!(i.lang, "sources-attach")));
            };
            let replace = i.flag("replace").unwrap_or(false);
            if let Err(e) = bot.engine().guides_dir() {
                return Ok(Handled::private(guide_error(&e)));
            }
            // Saved, listed and compared under its normalised name.
            let filename = match check_guide_name(&file.filename) {
                Ok(name) => name,
                Err(why) => {
                    return Ok(Handled::private(tr!(
                        i.lang,
                        "sources-refused",
                        why = why.to_string()
                    )));
                }
            };
            if file.size > MAX_GUIDE_UPLOAD {
                return Ok(Handled::private(tr!(
                    i.lang,
                    "sources-too-big",
                    file = escape_markdown(&filename),
                    kb = file.size / 1024
                )));
            }
            if bot.engine().has_guide(&filename) && !replace {
                return Ok(Handled::private(tr!(
                    i.lang,
                    "sources-exists",
                    file = escape_markdown(&filename)
                )));
            }
            if bot.engine().is_reindexing() {
                return Ok(Handled::private(tr!(i.lang, "sources-add-reindexing")));
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
                        return Ok(Handled::private(tr!(
                            i.lang,
                            "sources-career-unknown",
                            reason = escape_markdown(&e.to_string())
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
                    actor: i.actor.name.clone(),
                    lang: i.lang,
                },
            ))
        }
        Some("remove") => {
            let name = i.text("name").unwrap_or_default().trim().to_string();
            if let Err(e) = bot.engine().guides_dir() {
                return Ok(Handled::private(guide_error(&e)));
            }
            if !bot.engine().has_guide(&name) {
                return Ok(Handled::private(tr!(
                    i.lang,
                    "sources-no-such-guide",
                    file = escape_markdown(&name)
                )));
            }
            if bot.engine().is_reindexing() {
                return Ok(Handled::private(tr!(i.lang, "sources-remove-reindexing")));
            }
            Ok(Handled::then(
                Response::deferred(true),
                Work::RemoveSource {
                    token: i.token.clone(),
                    name,
                    actor: i.actor.name.clone(),
                    lang: i.lang,
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
                        "• `{}` — {} ({}) · {}",
                        g.source,
                        escape_markdown(&g.title),
                        tr!(i.lang, "passages-count", count = g.passages),
                        escape_markdown(&g.career)
                    )
                })
                .collect();
            for s in &meta.skipped {
                lines.push(format!(
                    "• ⚠️ `{}` {}",
                    s.file,
                    tr!(
                        i.lang,
                        "sources-skipped",
                        reason = escape_markdown(&s.reason)
                    )
                ));
            }
            Ok(Handled::now(Response::message(Reply {
                ephemeral: true,
                ..Reply::embed(Embed {
                    title: Some(tr!(i.lang, "sources-title", count = meta.guides.len())),
                    description: Some(render::fit_lines(&lines, 3900, i.lang)),
                    color: Some(render::COLOR),
                    footer: Some(render::footer(meta, &[], i.lang)),
                    ..Embed::default()
                })
            })))
        }
    }
}

/// The guides whose file name or title contains what is typed, for `/sources remove`, and the
/// library's careers for `/sources add` (offered to admins only: [`Command::suggestions`] checks
/// the rank first).
fn suggest(bot: &Bot, i: &Incoming, option: &str, typed: &str) -> Vec<Choice> {
    if option == career::OPTION {
        return career::suggestions(bot, typed, i.lang);
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
    lang: Locale,
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
                let text = format!(
                    "{head}{}",
                    tr!(
                        lang,
                        "reindex-progress",
                        done = p.guides_done,
                        total = p.guides_total,
                        passages = p.passages
                    )
                );
                if let Err(e) = rest.edit_original(token, Reply::ephemeral(text)).await {
                    tracing::warn!(error = %e, "progress update failed");
                }
            }
        }
    };
    let reply = match outcome {
        Ok(report) => Reply {
            ephemeral: true,
            ..Reply::embed(reindex_embed(&head, &report, lang))
        },
        Err(IndexError::Busy) => {
            Reply::ephemeral(format!("{head}{}", tr!(lang, "reindex-running")))
        }
        Err(e) => {
            tracing::error!(error = %e, "reindex failed");
            Reply::ephemeral(format!(
                "{head}{}",
                tr!(lang, "reindex-failed", error = e.to_string())
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
    pub(crate) actor: String,
}

/// Downloads a guide, stores it (and its career) and reindexes, reporting in the deferred
/// response.
pub(crate) async fn add_source(
    bot: &Bot,
    token: &str,
    guide: NewGuide,
    lang: Locale,
    rest: &Rest,
) -> anyhow::Result<()> {
    let NewGuide {
        url,
        filename,
        replace,
        career,
        actor,
    } = guide;
    let (url, filename, actor) = (url.as_str(), filename.as_str(), actor.as_str());
    let bytes = match rest.download(url).await {
        Ok(b) => b,
        Err(e) => {
            rest.edit_original(
                token,
                Reply::ephemeral(tr!(
                    lang,
                    "sources-download-failed",
                    file = escape_markdown(filename),
                    error = escape_markdown(&e.message)
                )),
            )
            .await?;
            return Ok(());
        }
    };
    let name = filename.to_string();
    let about = career.clone();
    let saved = bot
        .blocking(move |bot| {
            bot.engine()
                .add_guide(&name, &bytes, replace, about.as_deref())
        })
        .await?;
    match saved {
        Ok(passages) => {
            let head = match career {
                Some(c) => tr!(
                    lang,
                    "sources-added-career",
                    file = escape_markdown(filename),
                    passages = passages,
                    career = escape_markdown(&c),
                    by = escape_markdown(actor)
                ),
                None => tr!(
                    lang,
                    "sources-added",
                    file = escape_markdown(filename),
                    passages = passages,
                    by = escape_markdown(actor)
                ),
            };
            reindex(bot, token, actor, Some(head), lang, rest).await
        }
        Err(why) => {
            rest.edit_original(
                token,
                Reply::ephemeral(tr!(
                    lang,
                    "sources-add-refused",
                    file = escape_markdown(filename),
                    why = guide_error(&why)
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
    lang: Locale,
    rest: &Rest,
) -> anyhow::Result<()> {
    let file = name.to_string();
    let moved = bot
        .blocking(move |bot| bot.engine().remove_guide(&file))
        .await?;
    match moved {
        Ok(_) => {
            tracing::info!(guide = name, by = actor, "guide removed by an admin");
            let head = tr!(
                lang,
                "sources-removed",
                file = escape_markdown(name),
                by = escape_markdown(actor)
            );
            reindex(bot, token, actor, Some(head), lang, rest).await
        }
        Err(e) => {
            tracing::error!(error = %e, guide = name, "guide removal failed");
            rest.edit_original(
                token,
                Reply::ephemeral(tr!(
                    lang,
                    "sources-remove-failed",
                    file = escape_markdown(name),
                    why = guide_error(&e)
                )),
            )
            .await?;
            Ok(())
        }
    }
}

fn reindex_embed(head: &str, r: &ReindexReport, lang: Locale) -> Embed {
    let list = |v: &[String]| {
        if v.is_empty() {
            tr!(lang, "reindex-none")
        } else {
            v.iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let mut fields = vec![
        Field {
            name: tr!(lang, "status-guides"),
            value: format!("{} → {}", r.before.guides, r.after.guides),
            inline: true,
        },
        Field {
            name: tr!(lang, "status-passages"),
            value: format!("{} → {}", r.before.passages, r.after.passages),
            inline: true,
        },
        Field {
            name: tr!(lang, "reindex-time"),
            value: format!("{:.1} s", r.elapsed.as_secs_f64()),
            inline: true,
        },
        Field {
            name: tr!(lang, "reindex-added"),
            value: list(&r.added),
            inline: false,
        },
        Field {
            name: tr!(lang, "reindex-removed"),
            value: list(&r.removed),
            inline: false,
        },
        Field {
            name: tr!(lang, "reindex-changed"),
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
            name: tr!(lang, "reindex-skipped"),
            value: render::fit_lines(&lines, 1000, lang),
            inline: false,
        });
    }
    Embed {
        title: Some(tr!(lang, "reindex-done")),
        description: Some(format!("{head}{}", tr!(lang, "reindex-done-about"))),
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
