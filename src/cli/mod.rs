//! The terminal face of careerbot: argument parsing (clap), and rendering of the same answers the
//! Discord commands give, as text or JSON. Offline: no Discord, no token.

mod args;
mod ask;
mod bot;
mod json;
mod text;

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};

use crate::config::Config;
use crate::corpus::SeedSource;
use crate::engine::{CHART_SIZE, Engine, EngineSettings, Library, OpenOutcome, build_generation};
use crate::search::{BuildOptions, IndexDir};

pub use args::{AskArgs, IdParser, ReindexArgs, RoadmapArgs, SalaryArgs, SkillsArgs, SourcesArgs};
pub use json::{JsonAnswer, JsonReindex, JsonResult, JsonSalary};

pub use text::{citation, terminal_snippet};

use text::{level_phrase, write_roadmap, write_salary, write_skills};

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
        Command::Reindex(args) => reindex(config, args),
        Command::Sources(args) => sources(&config, &args),
        Command::Salary(args) => salary_cmd(&config, &args),
        Command::Skills(args) => skills_cmd(&config, &args),
        Command::Roadmap(args) => roadmap_cmd(&config, &args),
        Command::Run(args) => bot::run(&config, &args),
        Command::Serve(args) => bot::serve(&config, &args),
        Command::Register => bot::register(&config),
        Command::Commands(args) => bot::commands(&args),
    };
    match result {
        Err(e) if is_broken_pipe(&e) => Ok(ExitCode::SUCCESS),
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

/// Opens the engine for these settings, building the index on first use.
///
/// # Errors
/// When no index exists and none can be built.
pub fn open_engine(config: &Config) -> Result<Engine> {
    let seeds = seed_source(config);
    let options = BuildOptions {
        threads: config.library.index_threads.max(1),
        ..BuildOptions::default()
    };
    let (library, outcome) = Library::open(
        seeds.clone(),
        IndexDir::new(&config.library.index_dir),
        options,
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

fn reindex(mut config: Config, args: ReindexArgs) -> Result<ExitCode> {
    if let Some(seeds) = args.seeds {
        config.library.seeds_dir = seeds;
    }
    if let Some(index) = args.index {
        config.library.index_dir = index;
    }
    let seeds = seed_source(&config);
    let dir = IndexDir::new(&config.library.index_dir);
    let options = BuildOptions {
        threads: config.library.index_threads.max(1),
        ..BuildOptions::default()
    };
    let started = Instant::now();
    let built = build_generation(&dir, &seeds, &options, |_| {}).with_context(|| {
        format!(
            "reindex of {} failed; the previous index (if any) is unchanged",
            seeds.describe()
        )
    })?;
    let elapsed = started.elapsed();
    let meta = built.meta();
    let peak = peak_memory_mb();
    let mut out = BufWriter::new(io::stdout().lock());
    if args.json {
        let report = JsonReindex {
            documents: meta.guides.len(),
            passages: meta.passages,
            skipped: &meta.skipped,
            milliseconds: u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX),
            index: &config.library.index_dir,
            generation: built.generation(),
            peak_memory_mb: peak,
        };
        serde_json::to_writer(&mut out, &report)?;
        writeln!(out)?;
        return finish(out);
    }
    writeln!(
        out,
        "Indexed {} documents, {} passages in {:.1} ms",
        meta.guides.len(),
        meta.passages,
        elapsed.as_secs_f64() * 1000.0
    )?;
    writeln!(
        out,
        "index: {} ({})",
        config.library.index_dir.display(),
        built.generation()
    )?;
    if let Some(mb) = peak {
        writeln!(out, "peak memory: {mb} MB")?;
    }
    for s in &meta.skipped {
        writeln!(out, "skipped {}: {}", s.file, s.reason)?;
    }
    finish(out)
}

/// Peak resident memory of this process in MiB (`VmHWM` of `/proc/self/status`), on Linux.
#[cfg(target_os = "linux")]
pub fn peak_memory_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    parse_vm_hwm(&status).map(|kb| (kb + 512) / 1024)
}

/// Peak resident memory: not reported on this platform.
#[cfg(not(target_os = "linux"))]
pub fn peak_memory_mb() -> Option<u64> {
    None
}

/// The `VmHWM` of a `/proc/<pid>/status` text, in kB.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn parse_vm_hwm(status: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let mut words = line["VmHWM:".len()..].split_whitespace();
    let kb = words.next()?.parse().ok()?;
    (words.next() == Some("kB")).then_some(kb)
}

fn sources(config: &Config, args: &SourcesArgs) -> Result<ExitCode> {
    let index = open_engine(config)?.current();
    let meta = index.meta();
    let mut out = BufWriter::new(io::stdout().lock());
    if args.json {
        serde_json::to_writer_pretty(&mut out, &meta.guides)?;
        writeln!(out)?;
    } else {
        for g in &meta.guides {
            writeln!(out, "{:>4}  {}  {}", g.passages, g.source, g.title)?;
        }
        writeln!(
            out,
            "{} guides, {} passages",
            meta.guides.len(),
            meta.passages
        )?;
        for s in &meta.skipped {
            writeln!(out, "skipped {}: {}", s.file, s.reason)?;
        }
    }
    finish(out)
}

fn salary_cmd(config: &Config, args: &SalaryArgs) -> Result<ExitCode> {
    let engine = open_engine(config)?;
    let salary = engine.salary(args.level)?;
    let answer = &salary.answer;
    // The chart comes first: when it cannot be made, nothing is printed and no file is written.
    if let Some(path) = &args.chart {
        if answer.is_empty() {
            bail!(
                "the guides give no salary figures{}, so there is no chart to draw; {} was not written",
                level_phrase(args.level),
                path.display()
            );
        }
        let png = engine
            .salary_chart(&salary)?
            .context("the salary answer has no figures to chart")?;
        std::fs::write(path, png.as_slice())
            .with_context(|| format!("cannot write the salary chart to {}", path.display()))?;
    }
    let mut out = BufWriter::new(io::stdout().lock());
    if args.json {
        serde_json::to_writer_pretty(&mut out, &JsonSalary::from(answer))?;
        writeln!(out)?;
    } else {
        write_salary(&mut out, answer)?;
    }
    if let Some(path) = &args.chart {
        let (w, h) = CHART_SIZE;
        let said = format!("Chart written to {} ({w}×{h} PNG).", path.display());
        if args.json {
            // stdout stays pure JSON.
            eprintln!("{said}");
        } else {
            writeln!(out, "\n{said}")?;
        }
    }
    finish(out)
}

fn skills_cmd(config: &Config, args: &SkillsArgs) -> Result<ExitCode> {
    let answer = open_engine(config)?.skills(args.topic, args.level)?.answer;
    let mut out = BufWriter::new(io::stdout().lock());
    if args.json {
        serde_json::to_writer_pretty(&mut out, &answer)?;
        writeln!(out)?;
    } else {
        write_skills(&mut out, &answer)?;
    }
    finish(out)
}

fn roadmap_cmd(config: &Config, args: &RoadmapArgs) -> Result<ExitCode> {
    let answer = open_engine(config)?.roadmap(args.stage, args.focus)?.answer;
    let mut out = BufWriter::new(io::stdout().lock());
    if args.json {
        serde_json::to_writer_pretty(&mut out, &answer)?;
        writeln!(out)?;
    } else {
        write_roadmap(&mut out, &answer)?;
    }
    finish(out)
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

    #[test]
    fn peak_memory_is_read_from_vm_hwm() {
        let status = "Name:\tcareerbot\nVmPeak:\t  999 kB\nVmHWM:\t   35840 kB\nVmRSS:\t 1 kB\n";
        assert_eq!(parse_vm_hwm(status), Some(35840));
        assert_eq!(parse_vm_hwm("VmRSS: 1 kB\n"), None);
        if cfg!(target_os = "linux") {
            assert!(peak_memory_mb().is_some_and(|mb| mb > 0));
        }
    }
}
