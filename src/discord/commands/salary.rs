//! `/salary`: salary figures by level from each guide, with a summary and a chart. The chart
//! takes a moment, so the first response is deferred and the answer follows.

use super::{Command, CommandOption, career, choice, listed};
use crate::answer::salary::Level;
use crate::discord::bot::{Bot, Handled, Work};
use crate::discord::incoming::Incoming;
use crate::discord::message::{Choice, Reply, Response};
use crate::discord::render;
use crate::discord::rest::Rest;
use crate::i18n::Locale;
use crate::tr;

/// `/salary [career] [level]`.
pub(crate) const SALARY: Command = Command::new("salary", "cmd-salary", run)
    .options(options)
    .autocomplete(suggest)
    // The costliest answer: a chart, and work after the response.
    .cooldown(6, "again-salary");

fn options() -> Vec<CommandOption> {
    vec![
        career::option(),
        CommandOption::string("level", "opt-salary-level").choices::<Level>(),
    ]
}

fn suggest(bot: &Bot, i: &Incoming, option: &str, typed: &str) -> Vec<Choice> {
    match option {
        career::OPTION => career::suggestions(bot, typed, i.lang),
        _ => Vec::new(),
    }
}

/// A deferred response, and the answer as work for after it.
fn run(bot: &Bot, i: &Incoming) -> anyhow::Result<Handled> {
    let career = match career::resolve(bot, i, None) {
        Ok(c) => c,
        Err(message) => return Ok(Handled::private(message)),
    };
    let level = match choice::<Level>(i, "level") {
        Ok(level) => level,
        Err(l) => {
            return Ok(Handled::private(tr!(
                i.lang,
                "unknown-level",
                given = format!("{l:?}"),
                choices = listed::<Level>(i.lang)
            )));
        }
    };
    Ok(Handled::then(
        Response::deferred(false),
        Work::Salary {
            token: i.token.clone(),
            career,
            level,
            lang: i.lang,
        },
    ))
}

/// Builds the salary answer and its chart off the async threads, then fills the deferred
/// response with them.
pub(crate) async fn answer(
    bot: &Bot,
    token: &str,
    career: Option<String>,
    level: Option<Level>,
    lang: Locale,
    rest: &Rest,
) -> anyhow::Result<()> {
    let reply = bot
        .blocking(move |bot| -> anyhow::Result<Reply> {
            let engine = bot.engine();
            let salary = engine.salary(career.as_deref(), level)?;
            let chart = match engine.salary_chart(&salary, lang) {
                Ok(chart) => chart,
                Err(e) => {
                    tracing::warn!(error = %e, "salary chart not rendered");
                    None
                }
            };
            Ok(render::salary_reply(
                &salary.answer,
                salary.generation.meta(),
                chart.map(|c| c.to_vec()),
                lang,
            ))
        })
        .await?;
    let reply = match reply {
        Ok(r) => r,
        Err(e) => {
            tracing::error!(error = %e, "salary answer failed");
            Reply::ephemeral(tr!(lang, "salary-failed"))
        }
    };
    rest.edit_original(token, reply).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Barrier};

    use super::*;
    use crate::corpus::SeedSource;

    /// Regression (issue "hold under abuse", 1): cache misses were said to render in parallel.
    /// However many ask at once, a chart is drawn once per generation and level: every caller
    /// gets the one drawing's bytes (each drawing would make its own `Arc`).
    #[test]
    fn concurrent_misses_draw_each_chart_once() {
        let dir = tempfile::tempdir().unwrap();
        let engine = crate::engine::fixtures::engine_on(SeedSource::Embedded, dir.path());
        for level in [None, Some(Level::Senior), Some(Level::Entry)] {
            let callers = 8;
            let barrier = Arc::new(Barrier::new(callers));
            let charts: Vec<Arc<Vec<u8>>> = (0..callers)
                .map(|_| {
                    let (engine, barrier) = (engine.clone(), Arc::clone(&barrier));
                    std::thread::spawn(move || {
                        let answered = engine.salary(None, level).unwrap();
                        barrier.wait();
                        engine
                            .salary_chart(&answered, Locale::En)
                            .unwrap()
                            .expect("a chart")
                    })
                })
                .collect::<Vec<_>>()
                .into_iter()
                .map(|t| t.join().unwrap())
                .collect();
            assert!(charts[0].starts_with(b"\x89PNG"));
            assert!(
                charts.iter().all(|c| Arc::ptr_eq(c, &charts[0])),
                "{level:?}: drawn more than once"
            );
        }
    }
}
