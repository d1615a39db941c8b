//! The terminal face of careerbot: the command line parsed, the engine asked, its answers printed
//! as text or JSON. Offline but for `run`, `serve` and `register`.
//!
//! This file holds [`Cli`] and [`Command`], the dispatch in [`run`], the error chain and exit
//! codes, and the opening of the engine. The rooms around it, in the order a command crosses
//! them:
//! - `args`: each subcommand's arguments, and [`IdParser`] for a level, topic, stage or focus.
//! - `ask`: `ask`, and `ask --batch` (blocks of questions answered on two threads, in order).
//! - `answers`: `salary` (and its chart file), `skills` and `roadmap`.
//! - `library`: `sources`, `careers`, and `reindex` with the peak memory it took.
//! - `bot`: `run`, `serve`, `register` and `commands`, handing over to `discord`.
//! - `text/`: every answer as text, one file per kind, with the citation format they share.
//! - `json`: the JSON contracts the README documents ([`JsonAnswer`], [`JsonSalary`],
//!   [`JsonReindex`]); `skills`, `roadmap` and `sources` print the core's own types.

mod answers;
mod args;
mod ask;
mod bot;
mod json;
mod library;
mod text;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use crate::config::Config;
use crate::corpus::SeedSource;
use crate::engine::{Engine, EngineSettings, Library, OpenOutcome};
use crate::search::BuildOptions;
use crate::vocab::Vocabulary;

pub use args::{
    AskArgs, CareersArgs, IdParser, ReindexArgs, RoadmapArgs, SalaryArgs, SkillsArgs, SourcesArgs,
};
pub use json::{JsonAnswer, JsonReindex, JsonResult, JsonSalary};
pub use library::peak_memory_mb;
pub use text::{citation, citation_with_career, terminal_snippet};

/// An error and its causes on one line, each cause said once (a cause already quoted in the
/// message before it is not repeated).
pub fn error_chain(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if out.contains(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

/// Exit code for a usage error (bad arguments, empty question).
pub const EXIT_USAGE: u8 = 2;

/// A mistake in what was asked (an unknown or ambiguous career, …): said once on stderr, exit
/// code 2, like clap's own usage errors.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

impl From<crate::engine::CareerError> for UsageError {
    fn from(e: crate::engine::CareerError) -> UsageError {
        UsageError(e.to_string())
    }
}

/// careerbot: career answers from a library of guides, always cited.
#[derive(Debug, Parser)]
#[command(name = "careerbot", version, about)]
pub struct Cli {
    /// Config file (default: $CAREERBOT_CONFIG, else ./config.toml when present).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Answer a question from the guides, with numbered citations.
    Ask(AskArgs),
    /// Rebuild the index from the guides and print what it holds.
    Reindex(ReindexArgs),
    /// List the indexed guides with their titles and passage counts.
    Sources(SourcesArgs),
    /// List the careers the guides cover, with how many guides each has.
    Careers(CareersArgs),
    /// Salary figures by level, one per guide, with a per-level summary and the guides' notes.
    Salary(SalaryArgs),
    /// The skills the guides name for a topic, the best passages, and what each level needs.
    Skills(SkillsArgs),
    /// Career stages with durations, lateral moves, learning path, interviews and portfolio.
    Roadmap(RoadmapArgs),
    /// Connect to Discord over the gateway and serve the slash commands (needs DISCORD_TOKEN).
    Run(bot::RunArgs),
    /// Serve Discord interactions as signed HTTP webhooks (needs DISCORD_PUBLIC_KEY).
    Serve(bot::ServeArgs),
    /// Register the slash commands with Discord and exit (needs DISCORD_TOKEN).
    Register,
    /// Print the slash commands the bot registers.
    Commands(bot::CommandsArgs),
}

/// Runs a parsed command line with loaded settings.
///
/// # Errors
/// Any failure, for the binary to print with its causes (exit code 1). A closed stdout (`| head`)
/// is not a failure.
pub fn run(cli: Cli, config: Config) -> Result<ExitCode> {
    let result = match cli.command {
        Command::Ask(args) => ask::run(&config, args),
        Command::Reindex(args) => library::reindex(config, args),
        Command::Sources(args) => library::sources(&config, &args),
        Command::Careers(args) => library::careers(&config, &args),
        Command::Salary(args) => answers::salary(&config, &args),
        Command::Skills(args) => answers::skills(&config, &args),
        Command::Roadmap(args) => answers::roadmap(&config, &args),
        Command::Run(args) => bot::run(&config, &args),
        Command::Serve(args) => bot::serve(&config, &args),
        Command::Register => bot::register(&config),
        Command::Commands(args) => bot::commands(&args),
    };
    match result {
        Err(e) if is_broken_pipe(&e) => Ok(ExitCode::SUCCESS),
        Err(e) if e.downcast_ref::<UsageError>().is_some() => {
            eprintln!("error: {e}");
            Ok(ExitCode::from(EXIT_USAGE))
        }
        other => other,
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .map(io::Error::kind)
            .or_else(|| {
                cause
                    .downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            })
            == Some(io::ErrorKind::BrokenPipe)
    })
}

/// The guides' source for these settings: the seeds directory, or the embedded guides when the
/// default directory is absent.
pub fn seed_source(config: &Config) -> SeedSource {
    SeedSource::dir_or_embedded(&config.library.seeds_dir, config.seeds_dir_is_default())
}

/// The vocabulary for these settings: the shipped one, with the files of
/// `library.vocabulary_dir` (when set) in place of the shipped ones.
///
/// # Errors
/// When a vocabulary file cannot be read or is invalid.
pub fn vocabulary(config: &Config) -> Result<Arc<Vocabulary>> {
    let dir = &config.library.vocabulary_dir;
    let dir = (!dir.as_os_str().is_empty()).then_some(dir.as_path());
    Ok(Arc::new(Vocabulary::load(dir)?))
}

/// How these settings build an index (the threads; at least one).
fn build_options(config: &Config) -> BuildOptions {
    BuildOptions {
        threads: config.library.index_threads.max(1),
        ..BuildOptions::default()
    }
}

/// Opens the engine for these settings, building the index on first use.
///
/// # Errors
/// When no index exists and none can be built.
pub fn open_engine(config: &Config) -> Result<Engine> {
    let seeds = seed_source(config);
    let (library, outcome) = Library::open(
        seeds.clone(),
        &config.library.index_dir,
        build_options(config),
        vocabulary(config)?,
    )
    .with_context(|| format!("cannot open the guide library ({})", seeds.describe()))?;
    match outcome {
        OpenOutcome::Reused => tracing::debug!("index reused"),
        OpenOutcome::Built => {
            tracing::info!(index = %config.library.index_dir.display(), "index built")
        }
        OpenOutcome::Stale => eprintln!(
            "warning: the guides changed but the index could not be rebuilt; answering from the previous index"
        ),
    }
    Ok(Engine::new(
        library,
        EngineSettings::new(&config.search, &config.bot.data_dir),
    ))
}

/// Flushes stdout; a closed pipe (`| head`) is success, not an error.
fn finish(mut out: impl Write) -> Result<ExitCode> {
    match out.flush() {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        other => other.map(|()| ExitCode::SUCCESS).map_err(Into::into),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_parses() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
        let cli = Cli::try_parse_from(["careerbot", "ask", "--limit", "3", "how", "much"]).unwrap();
        assert!(matches!(
            cli.command,
            Command::Ask(AskArgs { limit: Some(3), .. })
        ));
        assert!(Cli::try_parse_from(["careerbot", "ask", "--limit", "0", "x"]).is_err());
    }
}
