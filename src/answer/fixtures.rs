//! Test fixtures shared by the answer rooms: passages written in a test, and the shipped guides
//! split as the real corpus splits them.

use std::sync::Arc;

use once_cell::sync::Lazy;

use crate::corpus::{Manifest, Passage, parse_guide};
use crate::vocab::Vocabulary;

static VOCAB: Lazy<Arc<Vocabulary>> = Lazy::new(Vocabulary::shipped);

/// The shipped vocabulary, loaded once for the tests.
pub fn vocab() -> &'static Arc<Vocabulary> {
    &VOCAB
}

/// The shipped guides' file names.
pub const SEEDS: [&str; 5] = [
    "000_84c8862ccb5e7127.txt",
    "001_2be4012d68e4b72e.txt",
    "002_aa806d2299f069f1.txt",
    "003_7297c4eb2c1aaf2e.txt",
    "004_ce589c6dcabf1bae.txt",
];

/// A passage of `t.txt` under `section`, its lines numbered from `start_line`.
pub fn passage_at(section: &str, start_line: u32, text: &str) -> Passage {
    let n = text.split('\n').count() as u32;
    Passage {
        source: "t.txt".into(),
        title: "Test guide".into(),
        career: String::new(),
        section: section.into(),
        url: None,
        start_line,
        end_line: start_line + n - 1,
        text: text.into(),
        line_numbers: (start_line..start_line + n).collect(),
    }
}

/// A passage of `g.md` about `career`, headed by `section` at line 1, its `lines` from line 2.
pub fn headed_passage(career: &str, section: &str, lines: &[&str]) -> Passage {
    let n = lines.len() as u32;
    Passage {
        source: "g.md".into(),
        title: "Guide".into(),
        career: career.into(),
        section: section.into(),
        url: None,
        start_line: 1,
        end_line: 1 + n,
        text: lines.join("\n"),
        line_numbers: (2..2 + n).collect(),
    }
}

/// A shipped guide's text.
pub fn seed_text(name: &str) -> String {
    let path = format!("{}/seeds/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A shipped guide's passages as the real corpus splits it.
pub fn seed_passages(name: &str) -> Vec<Passage> {
    parse_guide(
        name,
        seed_text(name).as_bytes(),
        &Manifest::default(),
        vocab().careers(),
    )
    .unwrap_or_else(|e| panic!("{name}: {e}"))
    .passages
}

/// Every shipped guide's passages, in file-name order.
pub fn all_seed_passages() -> Vec<Passage> {
    SEEDS.iter().flat_map(|s| seed_passages(s)).collect()
}
