//! The terminal face of careerbot: argument parsing (clap), and rendering of the same answers the
//! Discord commands give, as text or JSON. Offline: no Discord, no token.

use std::io::{self, BufRead, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use serde::Serialize;

use crate::config::Config;
use crate::corpus::SeedSource;
use crate::index::{BuildOptions, IndexDir};
use crate::library::{Library, OpenOutcome};
use crate::search::{Hit, QuestionError, SearchOptions, SearchResults};

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
}

/// `careerbot ask`
#[derive(Debug, Args)]
pub struct AskArgs {
    /// Passages to show (1–50; default from config).
    #[arg(long, short = 'n', value_parser = clap::value_parser!(u16).range(1..=50))]
    pub limit: Option<u16>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// Read one question per line from FILE ("-" for stdin); print one answer per line.
    #[arg(long, value_name = "FILE", conflicts_with = "question")]
    pub batch: Option<PathBuf>,
    /// The question.
    #[arg(value_name = "QUESTION", num_args = 0..)]
    pub question: Vec<String>,
}

/// `careerbot reindex`
#[derive(Debug, Args)]
pub struct ReindexArgs {
    /// Guides directory (default from config).
    #[arg(long, value_name = "DIR")]
    pub seeds: Option<PathBuf>,
    /// Index directory (default from config).
    #[arg(long, value_name = "DIR")]
    pub index: Option<PathBuf>,
}

/// `careerbot sources`
#[derive(Debug, Args)]
pub struct SourcesArgs {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Runs a parsed command line with loaded settings.
///
/// # Errors
/// Any failure, for the binary to print with its causes (exit code 1).
pub fn run(cli: Cli, config: Config) -> Result<ExitCode> {
    match cli.command {
        Command::Ask(args) => ask(&config, args),
        Command::Reindex(args) => reindex(config, args),
        Command::Sources(args) => sources(&config, &args),
    }
}

/// The guides' source for these settings: the seeds directory, or the embedded guides when the
/// default directory is absent.
pub fn seed_source(config: &Config) -> SeedSource {
    SeedSource::dir_or_embedded(&config.library.seeds_dir, config.seeds_dir_is_default())
}

/// Opens the library for these settings, building the index on first use.
///
/// # Errors
/// When no index exists and none can be built.
pub fn open_library(config: &Config) -> Result<Library> {
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
    Ok(library)
}

fn ask(config: &Config, args: AskArgs) -> Result<ExitCode> {
    let options = SearchOptions {
        limit: args.limit.map_or(config.search.limit, usize::from),
        snippet_chars: config.search.snippet_chars,
        ..SearchOptions::default()
    };
    if let Some(batch) = &args.batch {
        let library = open_library(config)?;
        return ask_batch(&library, batch, options, args.json);
    }
    let question = args.question.join(" ");
    if question.trim().is_empty() {
        eprintln!("error: {}", QuestionError::Empty);
        return Ok(ExitCode::from(EXIT_USAGE));
    }
    let library = open_library(config)?;
    let results = library.search(&question, options)?;
    if results.truncated {
        eprintln!(
            "note: the question was cut to {} characters",
            crate::search::MAX_QUESTION_CHARS
        );
    }
    let stdout = io::stdout();
    let ansi = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        serde_json::to_writer(&mut out, &JsonAnswer::from(&results))?;
        writeln!(out)?;
    } else {
        write_text_answer(&mut out, &results, ansi)?;
    }
    finish(out)
}

fn ask_batch(
    library: &Library,
    path: &PathBuf,
    options: SearchOptions,
    json: bool,
) -> Result<ExitCode> {
    let input: Box<dyn BufRead> = if path.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(io::BufReader::new(std::fs::File::open(path).with_context(
            || format!("cannot open batch file {}", path.display()),
        )?))
    };
    let mut out = BufWriter::new(io::stdout().lock());
    let index = library.current();
    for (n, line) in input.lines().enumerate() {
        let line =
            line.with_context(|| format!("cannot read line {} of {}", n + 1, path.display()))?;
        match crate::search::search(&index, &line, options) {
            Ok(results) if json => {
                serde_json::to_writer(&mut out, &JsonAnswer::from(&results))?;
                writeln!(out)?;
            }
            Ok(results) => {
                write_text_answer(&mut out, &results, false)?;
                writeln!(out)?;
            }
            Err(e) if json => {
                serde_json::to_writer(
                    &mut out,
                    &JsonError {
                        query: line.trim(),
                        results: [],
                        error: e.to_string(),
                    },
                )?;
                writeln!(out)?;
            }
            Err(e) => writeln!(out, "line {}: {e}\n", n + 1)?,
        }
    }
    finish(out)
}

/// Flushes stdout; a closed pipe (`| head`) is success, not an error.
fn finish(mut out: impl Write) -> Result<ExitCode> {
    match out.flush() {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        other => other.map(|()| ExitCode::SUCCESS).map_err(Into::into),
    }
}

/// The documented JSON shape of an answer (see README).
#[derive(Debug, Serialize)]
pub struct JsonAnswer<'a> {
    /// The question as searched.
    pub query: &'a str,
    /// Ranked passages.
    pub results: Vec<JsonResult<'a>>,
}

/// One result in [`JsonAnswer`].
#[derive(Debug, Serialize)]
pub struct JsonResult<'a> {
    /// 1-based rank.
    pub rank: usize,
    /// Relevance score.
    pub score: f32,
    /// Guide file name.
    pub source: &'a str,
    /// Guide title.
    pub title: &'a str,
    /// Section heading.
    pub section: &'a str,
    /// First line of the passage.
    pub start_line: u32,
    /// Last line of the passage.
    pub end_line: u32,
    /// The whole passage.
    pub text: &'a str,
    /// Matched words in Discord bold.
    pub snippet: &'a str,
}

#[derive(Serialize)]
struct JsonError<'a> {
    query: &'a str,
    results: [(); 0],
    error: String,
}

impl<'a> From<&'a SearchResults> for JsonAnswer<'a> {
    fn from(r: &'a SearchResults) -> Self {
        JsonAnswer {
            query: &r.query,
            results: r.hits.iter().map(JsonResult::from).collect(),
        }
    }
}

impl<'a> From<&'a Hit> for JsonResult<'a> {
    fn from(h: &'a Hit) -> Self {
        JsonResult {
            rank: h.rank,
            score: h.score,
            source: &h.passage.source,
            title: &h.passage.title,
            section: &h.passage.section,
            start_line: h.passage.start_line,
            end_line: h.passage.end_line,
            text: &h.passage.text,
            snippet: &h.snippet,
        }
    }
}

/// The citation line of a hit: `[1] Title — Section (file:lines)`.
pub fn citation(hit: &Hit) -> String {
    let p = &hit.passage;
    format!(
        "[{}] {} — {} ({}:{}-{})",
        hit.rank, p.title, p.section, p.source, p.start_line, p.end_line
    )
}

fn write_text_answer(out: &mut impl Write, results: &SearchResults, ansi: bool) -> io::Result<()> {
    writeln!(out, "Q: {}", results.query)?;
    let corrected: Vec<String> = results
        .terms
        .iter()
        .filter(|t| t.corrected)
        .map(|t| format!("{} → {}", t.from, t.term))
        .collect();
    if !corrected.is_empty() {
        writeln!(out, "(read as: {})", corrected.join(", "))?;
    }
    if results.hits.is_empty() {
        writeln!(
            out,
            "\nNo passage in the guides matches this question. Try other words, or `careerbot sources` to see what the library covers."
        )?;
        return Ok(());
    }
    for hit in &results.hits {
        writeln!(out, "\n{}", citation(hit))?;
        writeln!(out, "    {}", discord_to_terminal(&hit.snippet, ansi))?;
    }
    Ok(())
}

/// Turns a Discord-markdown snippet into terminal text: `**bold**` becomes ANSI bold (or plain),
/// backslash escapes are removed.
pub fn discord_to_terminal(snippet: &str, ansi: bool) -> String {
    let mut out = String::with_capacity(snippet.len());
    let mut chars = snippet.chars().peekable();
    let mut bold = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            '*' if chars.peek() == Some(&'*') => {
                chars.next();
                bold = !bold;
                if ansi {
                    out.push_str(if bold { "\x1b[1m" } else { "\x1b[0m" });
                }
            }
            other => out.push(other),
        }
    }
    if bold && ansi {
        out.push_str("\x1b[0m");
    }
    out
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
    let built = dir.build(&seeds, &options, |_| {}).with_context(|| {
        format!(
            "reindex of {} failed; the previous index (if any) is unchanged",
            seeds.describe()
        )
    })?;
    let meta = built.meta();
    let mut out = BufWriter::new(io::stdout().lock());
    writeln!(
        out,
        "Indexed {} documents, {} passages in {:.1} ms",
        meta.guides.len(),
        meta.passages,
        started.elapsed().as_secs_f64() * 1000.0
    )?;
    writeln!(
        out,
        "index: {} ({})",
        config.library.index_dir.display(),
        built.generation()
    )?;
    for s in &meta.skipped {
        writeln!(out, "skipped {}: {}", s.file, s.reason)?;
    }
    finish(out)
}

fn sources(config: &Config, args: &SourcesArgs) -> Result<ExitCode> {
    let library = open_library(config)?;
    let index = library.current();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_rendering_of_snippets() {
        assert_eq!(discord_to_terminal("a **b** c\\*d", false), "a b c*d");
        assert_eq!(discord_to_terminal("**b**", true), "\x1b[1mb\x1b[0m");
        assert_eq!(discord_to_terminal("trailing \\", false), "trailing ");
    }

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
