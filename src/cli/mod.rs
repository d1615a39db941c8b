//! The terminal face of careerbot: argument parsing (clap), and rendering of the same answers the
//! Discord commands give, as text or JSON. Offline: no Discord, no token.

mod args;
mod bot;
mod json;

use std::io::{self, BufRead, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};

use crate::answer::roadmap::{self, RoadmapAnswer, RoadmapItem};
use crate::answer::salary::{self, Level, LevelSummary, Period, SalaryAnswer, SalaryFigure};
use crate::answer::skills::SkillsAnswer;
use crate::config::Config;
use crate::corpus::SeedSource;
use crate::engine::{
    Asked, CHART_SIZE, Engine, EngineSettings, Library, OpenOutcome, build_generation,
};
use crate::search::snippet::Snippet;
use crate::search::{BuildOptions, Hit, IndexDir, QuestionError, SearchOptions};

pub use args::{AskArgs, IdParser, ReindexArgs, RoadmapArgs, SalaryArgs, SkillsArgs, SourcesArgs};
pub use json::{JsonAnswer, JsonReindex, JsonResult, JsonSalary};

use json::JsonError;

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
        Command::Ask(args) => ask(&config, args),
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

fn ask(config: &Config, args: AskArgs) -> Result<ExitCode> {
    let options = SearchOptions {
        limit: args.limit.map_or(config.search.limit, usize::from),
        snippet_chars: config.search.snippet_chars,
        ..SearchOptions::default()
    };
    if let Some(batch) = &args.batch {
        let engine = open_engine(config)?;
        return ask_batch(&engine, batch, options, args.json);
    }
    let question = args.question.join(" ");
    if question.trim().is_empty() {
        eprintln!("error: {}", QuestionError::Empty);
        return Ok(ExitCode::from(EXIT_USAGE));
    }
    let engine = open_engine(config)?;
    let asked = engine.ask(&question, options)?;
    if asked.results.truncated {
        eprintln!(
            "note: the question was cut to {} characters",
            crate::search::MAX_QUESTION_CHARS
        );
    }
    let stdout = io::stdout();
    let ansi = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        serde_json::to_writer(&mut out, &JsonAnswer::from(&asked))?;
        writeln!(out)?;
    } else {
        write_text_answer(&mut out, &asked, ansi)?;
    }
    finish(out)
}

/// Questions read and answered together in batch mode: enough to share out between threads,
/// few enough to keep memory flat on any input size.
const BATCH_BLOCK: usize = 4096;
/// Below this many questions in a block, one thread answers them all.
const PARALLEL_FROM: usize = 64;
/// Threads answering a batch.
const BATCH_THREADS: usize = 2;

fn ask_batch(engine: &Engine, path: &Path, options: SearchOptions, json: bool) -> Result<ExitCode> {
    let stdin = path.as_os_str() == "-";
    // Typed questions are answered one at a time, as they come.
    let interactive = stdin && io::stdin().is_terminal();
    let input: Box<dyn BufRead> = if stdin {
        Box::new(io::stdin().lock())
    } else {
        Box::new(io::BufReader::new(std::fs::File::open(path).with_context(
            || format!("cannot open batch file {}", path.display()),
        )?))
    };
    let block_size = if interactive { 1 } else { BATCH_BLOCK };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(BATCH_THREADS);
    let mut out = BufWriter::new(io::stdout().lock());
    let mut lines = input.lines();
    let mut block: Vec<String> = Vec::with_capacity(block_size);
    // 1-based line number of block[0].
    let mut first = 1;
    loop {
        block.clear();
        let mut failure = None;
        while block.len() < block_size {
            match lines.next() {
                None => break,
                Some(Ok(line)) => block.push(line),
                Some(Err(e)) => {
                    failure = Some(e);
                    break;
                }
            }
        }
        if threads > 1 && block.len() >= PARALLEL_FROM {
            // Contiguous chunks, one per thread, written back in input order.
            let chunk = block.len().div_ceil(threads);
            let answers: Vec<Vec<u8>> = std::thread::scope(|scope| {
                let workers: Vec<_> = block
                    .chunks(chunk)
                    .enumerate()
                    .map(|(k, lines)| {
                        scope.spawn(move || {
                            let mut buf = Vec::with_capacity(lines.len() * 1024);
                            for (i, line) in lines.iter().enumerate() {
                                let n = first + k * chunk + i;
                                answer_line(&mut buf, engine, n, line, options, json)
                                    .expect("writing to memory cannot fail");
                            }
                            buf
                        })
                    })
                    .collect();
                workers
                    .into_iter()
                    .map(|w| w.join().expect("a batch worker panicked"))
                    .collect()
            });
            for buf in &answers {
                out.write_all(buf)?;
            }
        } else {
            for (i, line) in block.iter().enumerate() {
                answer_line(&mut out, engine, first + i, line, options, json)?;
            }
        }
        if interactive {
            out.flush()?;
        }
        if let Some(e) = failure {
            return Err(e).with_context(|| {
                format!(
                    "cannot read line {} of {}",
                    first + block.len(),
                    path.display()
                )
            });
        }
        if block.len() < block_size {
            break;
        }
        first += block.len();
    }
    finish(out)
}

/// Writes the answer to line `n` of a batch: one JSON object per line, or the text answer and a
/// blank line.
fn answer_line(
    out: &mut impl Write,
    engine: &Engine,
    n: usize,
    line: &str,
    options: SearchOptions,
    json: bool,
) -> io::Result<()> {
    match engine.ask(line, options) {
        Ok(asked) if json => {
            serde_json::to_writer(&mut *out, &JsonAnswer::from(&asked))?;
            writeln!(out)
        }
        Ok(asked) => {
            write_text_answer(out, &asked, false)?;
            writeln!(out)
        }
        Err(e) if json => {
            serde_json::to_writer(
                &mut *out,
                &JsonError {
                    query: line.trim(),
                    results: [],
                    error: e.to_string(),
                },
            )?;
            writeln!(out)
        }
        Err(e) => writeln!(out, "line {n}: {e}\n"),
    }
}

/// Flushes stdout; a closed pipe (`| head`) is success, not an error.
fn finish(mut out: impl Write) -> Result<ExitCode> {
    match out.flush() {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        other => other.map(|()| ExitCode::SUCCESS).map_err(Into::into),
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

fn write_text_answer(out: &mut impl Write, asked: &Asked, ansi: bool) -> io::Result<()> {
    let results = &asked.results;
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
    if !asked.verdict.confident {
        writeln!(
            out,
            "\nThe guides do not answer this well, so here are only the closest passages; `careerbot sources` lists what the library covers."
        )?;
    }
    for hit in &results.hits {
        writeln!(out, "\n{}", citation(hit))?;
        writeln!(out, "    {}", terminal_snippet(&hit.snippet, ansi))?;
    }
    Ok(())
}

/// A snippet for the terminal: its highlights in ANSI bold, or plain text without colour.
pub fn terminal_snippet(snippet: &Snippet, ansi: bool) -> String {
    if !ansi {
        return snippet.text.clone();
    }
    let mut out = String::with_capacity(snippet.text.len() + 8 * snippet.highlights.len());
    for (piece, highlighted) in snippet.pieces() {
        if highlighted {
            out.push_str("\x1b[1m");
            out.push_str(piece);
            out.push_str("\x1b[0m");
        } else {
            out.push_str(piece);
        }
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

/// " for the senior level", or "" for every level.
fn level_phrase(level: Option<Level>) -> String {
    level.map_or_else(String::new, |l| {
        format!(" for the {} level", level_name(l).to_lowercase())
    })
}

/// Short level names for tables: "Entry", "Mid", "Senior", "Lead", "Overall".
fn level_name(level: Level) -> &'static str {
    match level {
        Level::Entry => "Entry",
        Level::Mid => "Mid",
        Level::Senior => "Senior",
        Level::Lead => "Lead",
        Level::Overall => "Overall",
    }
}

/// Where a cited item sits in its guide.
#[derive(Debug, Clone, Copy)]
enum At {
    /// The exact line.
    Line(u32),
    /// The passage's lines.
    Lines(u32, u32),
}

/// A citation as `ask` prints it: `Title — Section (file:line)` or `(file:start-end)`. The
/// section is left out when it is empty or repeats the title.
fn cite(title: &str, section: &str, source: &str, at: At) -> String {
    let lines = match at {
        At::Line(n) => n.to_string(),
        At::Lines(a, b) => format!("{a}-{b}"),
    };
    let section = section.trim();
    if section.is_empty() || section == title.trim() {
        format!("{title} ({source}:{lines})")
    } else {
        format!("{title} — {section} ({source}:{lines})")
    }
}

fn roadmap_cite(c: &roadmap::Citation) -> String {
    cite(&c.title, &c.section, &c.source, At::Line(c.line))
}

/// Whole dollars with thousands separators: 85000 → "$85,000".
fn usd(v: u32) -> String {
    let digits = v.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    format!("${out}")
}

/// A figure's yearly range, with the amounts as stated when the guide does not state them per
/// year: "$70K–$95K", "$200K+", "$41.6K–$62.4K (stated $20–$30 per hour)".
fn figure_range(f: &SalaryFigure) -> String {
    let yearly = f.range_label();
    if f.period == Period::Year {
        return yearly;
    }
    let plus = if f.open_ended { "+" } else { "" };
    let stated = if f.stated_low == f.stated_high {
        format!("{}{plus}", usd(f.stated_low))
    } else {
        format!("{}–{}{plus}", usd(f.stated_low), usd(f.stated_high))
    };
    format!("{yearly} (stated {stated} {})", f.period.label())
}

/// "Entry: $60K–$95K, median of midpoints $81.8K, from 4 guides".
fn summary_line(s: &LevelSummary) -> String {
    let plus = if s.open_ended { "+" } else { "" };
    let range = if s.lowest == s.highest {
        format!("{}{plus}", salary::format_usd_k(s.lowest))
    } else {
        format!(
            "{}–{}{plus}",
            salary::format_usd_k(s.lowest),
            salary::format_usd_k(s.highest)
        )
    };
    let plural = if s.sources == 1 { "" } else { "s" };
    format!(
        "{}: {range}, median of midpoints {}, from {} guide{plural}",
        level_name(s.level),
        salary::format_usd_k(s.median_midpoint),
        s.sources
    )
}

fn note_label(kind: salary::NoteKind) -> &'static str {
    match kind {
        salary::NoteKind::Location => "Location",
        salary::NoteKind::Remote => "Remote work",
        salary::NoteKind::TopEnd => "Top end",
        salary::NoteKind::Drivers => "What drives pay",
        salary::NoteKind::Compensation => "Pay structure",
    }
}

fn write_salary(out: &mut impl Write, a: &SalaryAnswer) -> io::Result<()> {
    if a.is_empty() {
        return writeln!(
            out,
            "The guides give no salary figures{}.",
            level_phrase(a.level)
        );
    }
    writeln!(
        out,
        "Salaries in USD per year, one figure per guide and level:\n"
    )?;
    let ranges: Vec<String> = a.rows.iter().map(|r| figure_range(&r.figure)).collect();
    let width = ranges.iter().map(|r| r.chars().count()).max().unwrap_or(0);
    for (row, range) in a.rows.iter().zip(&ranges) {
        let f = &row.figure;
        writeln!(
            out,
            "{:<7}  {range:<width$}  {}",
            level_name(row.level),
            cite(&f.title, &f.section, &f.source, At::Line(f.line))
        )?;
    }
    writeln!(out)?;
    for s in &a.summaries {
        writeln!(out, "{}", summary_line(s))?;
    }
    if !a.notes.is_empty() {
        writeln!(out, "\nNotes from the guides:")?;
        for n in &a.notes {
            writeln!(out, "  - {}: {}", note_label(n.kind), n.text)?;
            writeln!(
                out,
                "      {}",
                cite(&n.title, &n.section, &n.source, At::Line(n.line))
            )?;
        }
    }
    Ok(())
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

/// The start of a passage on one line: its lines joined with " · ", cut on a word boundary.
fn excerpt(text: &str, max_chars: usize) -> String {
    let joined = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    if joined.chars().count() <= max_chars {
        return joined;
    }
    let cut: String = joined.chars().take(max_chars).collect();
    let cut = match cut.rfind(' ') {
        Some(p) if p > max_chars / 2 => &cut[..p],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([' ', '·', ',', ';', ':']))
}

fn write_skills(out: &mut impl Write, a: &SkillsAnswer) -> io::Result<()> {
    writeln!(out, "{}", a.summary())?;
    if !a.skills.is_empty() {
        writeln!(
            out,
            "\nSkills ({}), each cited at its first line in every guide naming it:",
            a.skills.len()
        )?;
    }
    for s in &a.skills {
        let guides = if s.guides == 1 { "guide" } else { "guides" };
        let lines = if s.mentions == 1 { "line" } else { "lines" };
        writeln!(
            out,
            "  {} — {} {guides}, {} {lines}",
            s.name, s.guides, s.mentions
        )?;
        // Citations are ordered by source then line: the first of each source.
        let mut shown = 0;
        let mut last: Option<&str> = None;
        for c in &s.citations {
            if last == Some(c.source.as_str()) {
                continue;
            }
            last = Some(c.source.as_str());
            shown += 1;
            writeln!(
                out,
                "      {}",
                cite(&c.title, &c.section, &c.source, At::Line(c.line))
            )?;
        }
        let more = s.citations.len() - shown;
        if more > 0 {
            let lines = if more == 1 { "line" } else { "lines" };
            writeln!(out, "      (and {more} more {lines}; --json lists all)")?;
        }
    }
    if !a.passages.is_empty() {
        writeln!(out, "\nBest passages:")?;
        for (i, p) in a.passages.iter().enumerate() {
            writeln!(
                out,
                "  [{}] {}",
                i + 1,
                cite(
                    &p.title,
                    &p.section,
                    &p.source,
                    At::Lines(p.start_line, p.end_line)
                )
            )?;
            writeln!(out, "      names: {}", p.skills.join(", "))?;
            writeln!(out, "      {}", excerpt(&p.text, 240))?;
        }
    }
    if let Some(level) = a.level {
        if a.expectations.is_empty() {
            writeln!(
                out,
                "\nThe guides say nothing specific about what the {} level needs.",
                level_name(level).to_lowercase()
            )?;
        } else {
            writeln!(out, "\nWhat the guides expect by level:")?;
        }
        for e in &a.expectations {
            writeln!(out, "  - {}: {}", level_name(e.level), e.text)?;
            writeln!(
                out,
                "      {}",
                cite(&e.title, &e.section, &e.source, At::Line(e.line))
            )?;
        }
    }
    Ok(())
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

/// "1–2 years in the stage", "5+ years of experience", "1–2 years to qualify".
fn duration_label(d: &roadmap::Duration) -> String {
    let what = match d.kind {
        roadmap::DurationKind::InStage => " in the stage",
        roadmap::DurationKind::ExperienceRequired => " of experience",
        roadmap::DurationKind::ToQualify => " to qualify",
        roadmap::DurationKind::Unspecified => "",
    };
    format!("{}{what}", d.label())
}

fn item_kind_label(kind: roadmap::ItemKind) -> &'static str {
    use roadmap::ItemKind as K;
    match kind {
        K::InterviewFormat => "Format",
        K::InterviewRound => "Round",
        K::InterviewEvaluation => "Evaluated",
        K::InterviewPitfall => "Pitfall",
        K::InterviewAdvice => "Advice",
        K::PortfolioInclude => "Include",
        K::ExampleProject => "Example project",
        K::PortfolioAdvice => "Advice",
        K::ResumeTip => "Resume",
    }
}

fn write_items(out: &mut impl Write, heading: &str, items: &[RoadmapItem]) -> io::Result<()> {
    if items.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n{heading}:")?;
    for i in items {
        let label = match &i.label {
            Some(l) => format!("{} · {l}", item_kind_label(i.kind)),
            None => item_kind_label(i.kind).to_string(),
        };
        writeln!(out, "  - {label}: {}", i.text)?;
        writeln!(out, "      {}", roadmap_cite(&i.cite))?;
    }
    Ok(())
}

fn write_roadmap(out: &mut impl Write, a: &RoadmapAnswer) -> io::Result<()> {
    let what = match a.stage {
        Some(s) => format!("{} — {} stage", a.focus.label(), s.label()),
        None => a.focus.label().to_string(),
    };
    if a.is_empty() {
        return writeln!(out, "{what}: the guides say nothing about this.");
    }
    write!(out, "{what}, from the guides")?;
    if !a.stages.is_empty() {
        writeln!(out, "\n\nCareer stages:")?;
        for s in &a.stages {
            let plural = if s.guides == 1 { "" } else { "s" };
            writeln!(out, "  {} — {} guide{plural}", s.label, s.guides)?;
            for c in &s.citations {
                match &c.duration {
                    Some(d) => writeln!(out, "    - [{}] {}", duration_label(d), c.text)?,
                    None => writeln!(out, "    - {}", c.text)?,
                }
                writeln!(out, "        {}", roadmap_cite(&c.cite))?;
            }
        }
    } else {
        writeln!(out)?;
    }
    if !a.lateral_moves.is_empty() {
        writeln!(out, "\nLateral moves:")?;
        for m in &a.lateral_moves {
            let plural = if m.guides == 1 { "" } else { "s" };
            writeln!(out, "  {} — {} guide{plural}", m.track, m.guides)?;
            for c in &m.citations {
                writeln!(out, "    - {}", c.text)?;
                writeln!(out, "        {}", roadmap_cite(&c.cite))?;
            }
        }
    }
    if !a.learning_path.is_empty() {
        writeln!(out, "\nLearning path:")?;
        let mut list: Option<(&str, &str)> = None;
        for step in &a.learning_path {
            let this = (step.cite.source.as_str(), step.list.as_str());
            if list != Some(this) {
                list = Some(this);
                let list = step.list.trim().trim_end_matches(':');
                writeln!(out, "  {list} ({}):", step.cite.source)?;
            }
            match step.kind {
                roadmap::StepKind::Step => writeln!(out, "    {}. {}", step.order, step.text)?,
                roadmap::StepKind::Tip => writeln!(out, "    Tip: {}", step.text)?,
            }
            writeln!(out, "        {}", roadmap_cite(&step.cite))?;
        }
    }
    write_items(out, "Interviews", &a.interviews)?;
    write_items(out, "Portfolio & resume", &a.portfolio)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_rendering_of_snippets() {
        let s = Snippet {
            text: "a b c*d".into(),
            highlights: std::iter::once(2..3).collect(),
        };
        assert_eq!(terminal_snippet(&s, false), "a b c*d");
        assert_eq!(terminal_snippet(&s, true), "a \x1b[1mb\x1b[0m c*d");
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

    #[test]
    fn peak_memory_is_read_from_vm_hwm() {
        let status = "Name:\tcareerbot\nVmPeak:\t  999 kB\nVmHWM:\t   35840 kB\nVmRSS:\t 1 kB\n";
        assert_eq!(parse_vm_hwm(status), Some(35840));
        assert_eq!(parse_vm_hwm("VmRSS: 1 kB\n"), None);
        if cfg!(target_os = "linux") {
            assert!(peak_memory_mb().is_some_and(|mb| mb > 0));
        }
    }

    #[test]
    fn figures_and_citations_render() {
        assert_eq!(usd(85_000), "$85,000");
        assert_eq!(usd(999), "$999");
        assert_eq!(usd(1_234_567), "$1,234,567");
        assert_eq!(
            cite("Guide", "Pay", "a.txt", At::Line(7)),
            "Guide — Pay (a.txt:7)"
        );
        assert_eq!(
            cite("Guide", "", "a.txt", At::Lines(3, 9)),
            "Guide (a.txt:3-9)"
        );
        let figure = SalaryFigure {
            source: "a.txt".into(),
            title: "Guide".into(),
            section: "Pay".into(),
            line: 7,
            start_line: 5,
            end_line: 9,
            level: Level::Entry,
            low: 41_600,
            high: 62_400,
            open_ended: false,
            period: Period::Hour,
            stated_low: 20,
            stated_high: 30,
            raw: "$20-$30 an hour".into(),
            form: salary::FigureForm::Prose,
            top_end: false,
        };
        assert_eq!(
            figure_range(&figure),
            "$41.6K–$62.4K (stated $20–$30 per hour)"
        );
        let summary = LevelSummary {
            level: Level::Entry,
            lowest: 60_000,
            highest: 95_000,
            median_midpoint: 81_750,
            open_ended: false,
            sources: 4,
        };
        assert_eq!(
            summary_line(&summary),
            "Entry: $60K–$95K, median of midpoints $81.8K, from 4 guides"
        );
    }

    #[test]
    fn excerpts_cut_on_words() {
        assert_eq!(excerpt("one\ntwo", 50), "one · two");
        let cut = excerpt("alpha beta gamma delta epsilon", 20);
        assert_eq!(cut, "alpha beta gamma…");
    }
}
