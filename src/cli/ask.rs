//! `careerbot ask`: one question answered as text or JSON, or `--batch` a file of questions
//! answered line by line, large batches in blocks shared between two threads; each from the
//! guides of the `--career` given, else of the career the question names, else every guide.

use std::io::{self, BufRead, BufWriter, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};

use super::json::{JsonAnswer, JsonError};
use super::text::write_text_answer;
use super::{AskArgs, EXIT_USAGE, UsageError, finish, open_engine};
use crate::config::Config;
use crate::engine::{Asked, Engine, QuestionCareer};
use crate::search::{QuestionError, SearchOptions};

/// `careerbot ask`: one question, or `--batch` a file of them, answered as text or JSON.
///
/// # Errors
/// When the engine cannot be opened, or the batch file cannot be read.
pub(super) fn run(config: &Config, mut args: AskArgs) -> Result<ExitCode> {
    args.take_trailing_options();
    if let Some(batch) = &args.batch {
        let engine = open_engine(config)?;
        let options = first_page(&engine, args.limit, args.career.as_deref())?;
        return ask_batch(&engine, batch, &options, args.json);
    }
    let question = args.question.join(" ");
    if question.trim().is_empty() {
        eprintln!("error: {}", QuestionError::Empty);
        return Ok(ExitCode::from(EXIT_USAGE));
    }
    let engine = open_engine(config)?;
    let options = first_page(&engine, args.limit, args.career.as_deref())?;
    let asked = ask(&engine, &question, &options)?;
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

/// The first page of an answer as the engine pages it (its page size and snippet length), of
/// `--limit` passages when given, from the guides about `--career` when given.
///
/// # Errors
/// [`UsageError`] when `--career` names no career of the library, or several.
fn first_page(engine: &Engine, limit: Option<u16>, career: Option<&str>) -> Result<SearchOptions> {
    let page = engine.page(0);
    let career = match career {
        Some(asked) => Some(engine.find_career(asked).map_err(UsageError::from)?),
        None => None,
    };
    Ok(SearchOptions {
        limit: limit.map_or(page.limit, usize::from),
        career,
        ..page
    })
}

/// Answers `question` with `options` (and the structured card it leads with, when it asks for
/// one); without a career there, from the guides of the one career the question names, if it
/// names one.
fn ask(engine: &Engine, question: &str, options: &SearchOptions) -> Result<Asked, QuestionError> {
    let mut options = options.clone();
    if options.career.is_none()
        && let QuestionCareer::Named(career) = engine.question_career(question)
    {
        options.career = Some(career);
    }
    engine.ask_with_card(question, options)
}

/// Questions read and answered together in batch mode: enough to share out between threads,
/// few enough to keep memory flat on any input size.
const BATCH_BLOCK: usize = 4096;
/// Below this many questions in a block, one thread answers them all.
const PARALLEL_FROM: usize = 64;
/// Threads answering a batch.
const BATCH_THREADS: usize = 2;

fn ask_batch(
    engine: &Engine,
    path: &Path,
    options: &SearchOptions,
    json: bool,
) -> Result<ExitCode> {
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
    options: &SearchOptions,
    json: bool,
) -> io::Result<()> {
    match ask(engine, line, options) {
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
