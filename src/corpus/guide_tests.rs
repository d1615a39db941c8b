//! Tests over whole guides: Markdown and text guides are titled from their own text, never from
//! their furniture; the shipped seeds lose exactly the lines listed in
//! `tests/fixtures/seeds_boilerplate.txt`, and split as they did.

use std::fs;
use std::path::PathBuf;

use super::*;

fn parse(name: &str, text: &str) -> Guide {
    parse_guide(
        name,
        text.as_bytes(),
        &Manifest::default(),
        crate::answer::fixtures::vocab().careers(),
    )
    .unwrap()
}

const PROSE: &str = "This guide explains what the work involves, what it pays at each level and how to get started.";

#[test]
fn markdown_title_comes_from_front_matter_else_the_first_heading() {
    let g = parse(
        "g.md",
        &format!(
            "---\ntitle: \"Nurse Career Guide: Pay and Licenses\"\nauthor: \"Ana Ruiz\"\n---\n\n# Becoming a Nurse\n\n{PROSE}\n"
        ),
    );
    assert_eq!(g.title, "Nurse Career Guide: Pay and Licenses");
    assert_eq!(g.author.as_deref(), Some("Ana Ruiz"));
    assert!(!g.passages.iter().any(|p| p.text.contains("title:")));
    let g = parse(
        "g.md",
        &format!(
            "[Home](/) › [Careers](/careers/) › Nurse\n\n# Nurse Career Guide\n\n*By **Ana Ruiz** · 5 min read*\n\n{PROSE}\n"
        ),
    );
    assert_eq!(g.title, "Nurse Career Guide");
    assert_eq!(g.author.as_deref(), Some("Ana Ruiz"));
    // The manifest's author wins over the guide's own.
    let m = Manifest::parse("[[guide]]\nfile = \"g.md\"\nauthor = \"Editor\"\n").unwrap();
    let g = parse_guide(
        "g.md",
        format!("---\nauthor: Ana Ruiz\n---\n# Nurse Guide\n\n{PROSE}\n").as_bytes(),
        &m,
        crate::answer::fixtures::vocab().careers(),
    )
    .unwrap();
    assert_eq!(g.author.as_deref(), Some("Editor"));
}

#[test]
fn text_title_skips_seo_metadata_breadcrumbs_bylines_and_dates() {
    let g = parse(
        "g.txt",
        &format!(
            "SEO Title: Welder Guide 2026 | Pay\nMeta Description: Learn to weld.\n\nHome › Careers › Welder\n\nBy Sam Ortiz, Certified Welding Inspector\n\nUpdated March 3, 2026 | 9 min read\n\nHow to Become a Welder in 2026\n\n{PROSE}\n"
        ),
    );
    assert_eq!(g.title, "How to Become a Welder in 2026");
    assert_eq!(g.author.as_deref(), Some("Sam Ortiz"));
    // No title line at all: the SEO title, then the file name.
    let g = parse(
        "g.txt",
        &format!("SEO Title: Welder Guide 2026 | WeldWorks\n{PROSE}\n"),
    );
    assert_eq!(g.title, "Welder Guide 2026");
}

fn seeds_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"))
}

/// Every non-blank line the cleaner drops from the shipped seeds, as `file:line: text`.
fn seed_drops() -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(seeds_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for name in names {
        let text = fs::read_to_string(seeds_dir().join(&name)).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let cleaned = clean::clean(&lines);
        for (i, (line, dropped)) in lines.iter().zip(&cleaned.drop).enumerate() {
            if *dropped && !line.trim().is_empty() {
                out.push(format!("{name}:{}: {}", i + 1, line.trim()));
            }
        }
    }
    out
}

/// The shipped seeds are real guide text: the cleaner drops exactly the boilerplate lines the
/// cleaner on main dropped (listed in the fixture), no line of content more, none less.
#[test]
fn seeds_lose_exactly_their_boilerplate() {
    let listed = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seeds_boilerplate.txt"
    ))
    .unwrap();
    let expected: Vec<&str> = listed
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .collect();
    let actual = seed_drops();
    let content_dropped: Vec<&String> = actual
        .iter()
        .filter(|l| !expected.contains(&l.as_str()))
        .collect();
    let boilerplate_kept: Vec<&&str> = expected
        .iter()
        .filter(|l| !actual.iter().any(|a| a == **l))
        .collect();
    assert!(
        content_dropped.is_empty() && boilerplate_kept.is_empty(),
        "content dropped: {content_dropped:#?}\nboilerplate kept: {boilerplate_kept:#?}"
    );
}

/// The seeds split into as many passages as they did on main: tables, code blocks and the new
/// cleaning rules leave plain-text guides without furniture as they were.
#[test]
fn seeds_keep_their_passage_counts() {
    let c = Corpus::load(
        &SeedSource::Dir(seeds_dir()),
        crate::answer::fixtures::vocab().careers(),
    )
    .unwrap();
    let counts: Vec<(&str, usize)> = c
        .guides
        .iter()
        .map(|g| (g.source.as_str(), g.passages.len()))
        .collect();
    assert_eq!(
        counts,
        vec![
            ("000_84c8862ccb5e7127.txt", 15),
            ("001_2be4012d68e4b72e.txt", 34),
            ("002_aa806d2299f069f1.txt", 28),
            ("003_7297c4eb2c1aaf2e.txt", 17),
            ("004_ce589c6dcabf1bae.txt", 24),
        ]
    );
}
