//! Fuzz targets: the four parsers that read untrusted input (the guide splitter, the query
//! builder, the salary figure parser and the interaction parser), each as a proptest strategy and
//! a property that must hold for every input — no panic, and the output's invariants. Shared by
//! `tests/fuzz.rs` (a bounded number of cases on every test run) and `benches/fuzz.rs` (each target
//! for a bounded time, reporting executions and findings).

use std::sync::Arc;

use careerbot::answer::salary::{Reading, extract_figures};
use careerbot::corpus::{Manifest, Passage, SeedSource, parse_guide};
use careerbot::discord::incoming::Incoming;
use careerbot::engine::Library;
use careerbot::search::{BuildOptions, SearchOptions};
use careerbot::vocab::Vocabulary;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

/// Pieces guides are made of: markdown, HTML, money, numbers, separators, odd characters.
const GUIDE_PIECES: &[&str] = &[
    "# ",
    "## ",
    "### ",
    "- ",
    "* ",
    "1. ",
    "| ",
    " | ",
    "|---|",
    "\n",
    "\n\n",
    "**",
    "`",
    "> ",
    "<h1>",
    "</h1>",
    "<p>",
    "</p>",
    "<li>",
    "<table>",
    "<tr><td>",
    "</td></tr>",
    "<script>",
    "&amp;",
    "&#x27;",
    "&ndash;",
    "<!--",
    "-->",
    "---\ntitle: x\n---\n",
    "$",
    "$85,000",
    "$70K",
    "–",
    "—",
    " - ",
    "per hour",
    "/yr",
    "k",
    "Senior",
    "Junior",
    "Salary",
    "Skills",
    "Home › ",
    "We use cookies",
    "?",
    ":",
    "(",
    ")",
    "\u{202e}",
    "\u{200b}",
    "é",
    "日本",
    "🙂",
    "\r\n",
    "\t",
    " ",
    "2026",
    "1–2 years",
    "Stage 1: ",
];

/// Text built from guide pieces and arbitrary strings.
pub fn guide_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(GUIDE_PIECES).prop_map(str::to_string),
            1 => any::<String>(),
            1 => "[a-zA-Z0-9 ,.]{0,40}",
        ],
        0..80,
    )
    .prop_map(|parts| parts.concat())
}

/// The splitter: any bytes under any guide name are a guide or a reason, never a panic; a
/// guide's passages cite lines inside the file, in order.
pub fn splitter(
    vocab: &Vocabulary,
    ext: &str,
    text: &str,
    raw: &[u8],
) -> Result<(), TestCaseError> {
    let name = format!("fuzz.{ext}");
    let lines = text.lines().count().max(1) as u32 + 1;
    if let Ok(guide) = parse_guide(
        &name,
        text.as_bytes(),
        &Manifest::default(),
        vocab.careers(),
    ) {
        for p in &guide.passages {
            prop_assert!(p.start_line >= 1 && p.start_line <= p.end_line, "{p:?}");
            if ext != "html" {
                prop_assert!(p.end_line <= lines, "{p:?} past {lines} lines");
            }
            prop_assert!(
                p.line_numbers
                    .iter()
                    .all(|l| *l >= p.start_line && *l <= p.end_line),
                "{p:?}"
            );
        }
    }
    // Arbitrary bytes: an error or a guide, never a panic.
    let _ = parse_guide(&name, raw, &Manifest::default(), vocab.careers());
    Ok(())
}

/// A library over the embedded guides, for the query target.
pub fn library() -> (Library, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let (library, _) = Library::open(
        SeedSource::Embedded,
        dir.path(),
        BuildOptions::default(),
        Vocabulary::shipped(),
    )
    .unwrap();
    (library, dir)
}

/// Question-like text: words of the guides, operators, odd characters.
pub fn question() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(&[
                "salary", "senior", "backend", "how", "much", "AND", "OR", "NOT", "\"", "*",
                "+", "-", "~2", "^3", "(", ")", ":", "title:", "career:", "???", "🙂",
                "kubernetse", "salery", "\u{0}", "  ", "é", "SELECT", "<b>",
            ][..])
            .prop_map(str::to_string),
            1 => any::<String>(),
        ],
        0..30,
    )
    .prop_map(|parts| parts.join(" "))
}

/// The query builder: any question is answered or refused with a reason, never a panic; hits
/// are at most the limit asked, and highlights lie on the snippet's character boundaries.
pub fn query(library: &Library, q: &str, limit: usize) -> Result<(), TestCaseError> {
    let options = SearchOptions {
        limit,
        ..SearchOptions::default()
    };
    if let Ok(results) = library.search(q, options) {
        prop_assert!(
            results.hits.len() <= limit.max(1),
            "{} hits",
            results.hits.len()
        );
        for h in &results.hits {
            let s = &h.snippet;
            for r in &s.highlights {
                prop_assert!(r.start <= r.end && r.end <= s.text.len());
                prop_assert!(s.text.is_char_boundary(r.start) && s.text.is_char_boundary(r.end));
            }
        }
    }
    Ok(())
}

/// Pay-like text: money in every notation guides use, levels and periods, and arbitrary text.
pub fn pay_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(&[
                "$", "$1", "$85,000", "$85.000", "$1,2,3", "$99999999999999999999", "$70K", "K",
                "k", "M", "–", "-", " to ", "+", " per hour", " an hour", "/hr", " a year",
                " per month", " Senior", " Entry-level", " Journeyman", " Apprentice", ": ",
                "| ", " | ", "\n", "(", ")", "%", "€", "USD", " 2026", " median", "0", ".",
            ][..])
            .prop_map(str::to_string),
            1 => any::<String>(),
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

/// The salary parser: any passage gives figures or none, never a panic; every figure has
/// low ≤ high and cites a line of its passage.
pub fn salary(vocab: &Vocabulary, text: &str) -> Result<(), TestCaseError> {
    let lines: Vec<&str> = text.split('\n').collect();
    let n = lines.len() as u32;
    let passage = Passage {
        source: "fuzz.txt".into(),
        title: "Fuzz".into(),
        career: "Fuzz Worker".into(),
        section: "Salary".into(),
        url: None,
        start_line: 1,
        end_line: n + 1,
        text: lines.join("\n"),
        line_numbers: (2..n + 2).collect(),
    };
    let reading = Reading::new(vocab, &passage.career);
    for f in extract_figures(&reading, &passage) {
        prop_assert!(f.low <= f.high, "{f:?}");
        prop_assert!(
            f.cite.line >= passage.start_line && f.cite.line <= passage.end_line,
            "{f:?}"
        );
    }
    Ok(())
}

/// An interaction body: one of Discord's documented payloads with values replaced, cut, or
/// arbitrary bytes.
pub fn interaction(fixtures: Arc<Vec<Vec<u8>>>) -> impl Strategy<Value = Vec<u8>> {
    let n = fixtures.len();
    let f2 = Arc::clone(&fixtures);
    prop_oneof![
        1 => prop::collection::vec(any::<u8>(), 0..400),
        2 => (0..n, any::<usize>()).prop_map(move |(i, cut)| {
            let f = &fixtures[i];
            f[..cut % (f.len() + 1)].to_vec()
        }),
        3 => (0..n, any::<usize>(), prop::sample::select(&[
            "null", "0", "-1", "18446744073709551616", "\"\"", "\"x\"", "[]", "{}", "true",
            "1e308", "\"\\u0000\"", "[[[[[[[[[[]]]]]]]]]]",
        ][..])).prop_map(move |(i, at, value)| {
            // Replace the value after one of the payload's ':' with another JSON value.
            let text = String::from_utf8_lossy(&f2[i]).into_owned();
            let colons: Vec<usize> = text.match_indices(':').map(|(k, _)| k).collect();
            if colons.is_empty() {
                return text.into_bytes();
            }
            let k = colons[at % colons.len()] + 1;
            let rest = &text[k..];
            let end = rest.find([',', '}']).unwrap_or(rest.len());
            format!("{}{value}{}", &text[..k], &rest[end..]).into_bytes()
        }),
    ]
}

/// The interaction parser: any body is an interaction or an error, never a panic.
pub fn interaction_parser(body: &[u8]) -> Result<(), TestCaseError> {
    if let Ok(i) = Incoming::from_slice(body) {
        // Reading options of a parsed interaction never panics either.
        let _ = i.subcommand();
        let _ = i.focused();
        let _ = i.text("question");
    }
    Ok(())
}

/// Discord's documented interaction payloads, from `tests/fixtures/discord/`.
pub fn interaction_fixtures() -> Arc<Vec<Vec<u8>>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/discord");
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "json") {
            out.push(std::fs::read(p).unwrap());
        }
    }
    out.sort();
    Arc::new(out)
}
