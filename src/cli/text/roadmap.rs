//! The roadmap answer as text: career stages with their durations, lateral moves, the learning
//! path, interviews, and portfolio and resume, each item cited to its line.

use std::io::{self, Write};

use super::{At, cite};
use crate::answer::roadmap::{self, RoadmapAnswer, RoadmapItem};

fn roadmap_cite(c: &roadmap::Citation) -> String {
    cite(
        &c.title,
        &c.section,
        &c.source,
        At::Line(c.line),
        c.url.as_deref(),
    )
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

/// Writes the roadmap answer, part by part; or that the guides say nothing about what was asked.
pub(crate) fn write_roadmap(out: &mut impl Write, a: &RoadmapAnswer) -> io::Result<()> {
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
        let several = a.careers().len() > 1;
        for s in &a.stages {
            let plural = if s.guides == 1 { "" } else { "s" };
            let career = if several {
                format!("{} · ", s.career)
            } else {
                String::new()
            };
            writeln!(out, "  {career}{} — {} guide{plural}", s.label, s.guides)?;
            for c in &s.citations {
                // A stage several rungs share says whose line each is.
                let role = match c.roles.first() {
                    Some(r) if !s.rungs.is_empty() && !c.text.contains(r.as_str()) => {
                        format!("{r}: ")
                    }
                    _ => String::new(),
                };
                match &c.duration {
                    Some(d) => writeln!(out, "    - [{}] {role}{}", duration_label(d), c.text)?,
                    None => writeln!(out, "    - {role}{}", c.text)?,
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
