//! `careerbot salary`, `skills` and `roadmap`: the engine's structured answers, printed as JSON or
//! text, and the salary chart or the roadmap timeline written as a PNG file.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use super::json::JsonSalary;
use super::text::{level_phrase, write_roadmap, write_salary, write_skills};
use super::{RoadmapArgs, SalaryArgs, SkillsArgs, UsageError, finish, open_engine};
use crate::answer::roadmap::Focus;
use crate::config::Config;
use crate::engine::{CHART_SIZE, Engine, TIMELINE_WIDTH};
use crate::i18n::Locale;

/// The library's career named by `--career`, when given.
///
/// # Errors
/// A usage error when it names no career of the library, or several.
fn career(engine: &Engine, asked: Option<&str>) -> Result<Option<String>> {
    match asked {
        Some(asked) => Ok(Some(engine.find_career(asked).map_err(UsageError::from)?)),
        None => Ok(None),
    }
}

/// `careerbot salary`: figures by level as JSON or text, and with `--chart` the PNG drawn first
/// (nothing is printed or written when it cannot be).
///
/// # Errors
/// When the engine cannot be opened, the answer cannot be read, or the chart cannot be drawn or
/// written.
pub(super) fn salary(config: &Config, args: &SalaryArgs) -> Result<ExitCode> {
    let engine = open_engine(config)?;
    let career = career(&engine, args.career.as_deref())?;
    let salary = engine.salary(career.as_deref(), args.level)?;
    let answer = &salary.answer;
    // The chart comes first: when it cannot be made, nothing is printed and no file is written.
    if let Some(path) = &args.chart {
        // The terminal speaks English, and so do the images it writes.
        let Some(png) = engine.salary_chart(&salary, Locale::En)? else {
            bail!(
                "the guides give no salary figures{}, so there is no chart to draw; {} was not written",
                level_phrase(args.level),
                path.display()
            );
        };
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

/// `careerbot skills`: the skills of a topic (and what a level needs) as JSON or text.
///
/// # Errors
/// When the engine cannot be opened or the answer cannot be read.
pub(super) fn skills(config: &Config, args: &SkillsArgs) -> Result<ExitCode> {
    let engine = open_engine(config)?;
    let career = career(&engine, args.career.as_deref())?;
    let answer = engine
        .skills(career.as_deref(), args.topic, args.level)?
        .answer;
    let mut out = BufWriter::new(io::stdout().lock());
    if args.json {
        serde_json::to_writer_pretty(&mut out, &answer)?;
        writeln!(out)?;
    } else {
        write_skills(&mut out, &answer)?;
    }
    finish(out)
}

/// `careerbot roadmap`: the career roadmap (a stage, a focus) as JSON or text, and with
/// `--timeline` the career's timeline drawn first (nothing is printed or written when it cannot
/// be).
///
/// # Errors
/// A usage error for `--timeline` without `--career` in a library of several careers; when the
/// engine cannot be opened, the answer cannot be read, or the timeline cannot be drawn or
/// written.
pub(super) fn roadmap(config: &Config, args: &RoadmapArgs) -> Result<ExitCode> {
    let engine = open_engine(config)?;
    let career = career(&engine, args.career.as_deref())?;
    if let Some(path) = &args.timeline {
        write_timeline(&engine, career.as_deref(), args, path)?;
    }
    let answer = engine
        .roadmap(career.as_deref(), args.stage, args.focus)?
        .answer;
    let mut out = BufWriter::new(io::stdout().lock());
    if args.json {
        serde_json::to_writer_pretty(&mut out, &answer)?;
        writeln!(out)?;
    } else {
        write_roadmap(&mut out, &answer)?;
    }
    if let Some(path) = &args.timeline {
        let said = format!(
            "Timeline written to {} ({TIMELINE_WIDTH} px wide PNG).",
            path.display()
        );
        if args.json {
            // stdout stays pure JSON.
            eprintln!("{said}");
        } else {
            writeln!(out, "\n{said}")?;
        }
    }
    finish(out)
}

/// Draws the timeline of `career` (else of the library's one career) into `path`.
///
/// # Errors
/// A usage error when no career is named and the library has several; when the career has no
/// stages, or the timeline cannot be drawn or written.
fn write_timeline(
    engine: &Engine,
    career: Option<&str>,
    args: &RoadmapArgs,
    path: &std::path::Path,
) -> Result<()> {
    let career = match career {
        Some(c) => c.to_string(),
        None => {
            let careers: Vec<String> = engine.careers().into_iter().map(|c| c.name).collect();
            match careers.as_slice() {
                [one] => one.clone(),
                _ => {
                    return Err(UsageError(format!(
                        "--timeline draws one career's stages; name it with --career (the guides cover: {})",
                        careers.join(", ")
                    ))
                    .into());
                }
            }
        }
    };
    let roadmap = engine.roadmap(Some(&career), args.stage, Focus::CareerProgression)?;
    let Some(png) = engine.roadmap_timeline(&roadmap, Locale::En)? else {
        bail!(
            "the guides give no career stages for {career}, so there is no timeline to draw; {} was not written",
            path.display()
        );
    };
    std::fs::write(path, png.as_slice())
        .with_context(|| format!("cannot write the timeline to {}", path.display()))?;
    Ok(())
}
