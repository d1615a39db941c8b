//! The identity of a cited passage — its guide file, its lines and a hash of its text — so what an
//! answer cited can be recognised in another answer, and found changed after a reindex.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::corpus::Passage;

/// Hex digits of the text hash kept (64 bits: enough to tell an edited passage from the old one).
const HASH_HEX: usize = 16;

/// One passage as an answer cited it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PassageId {
    /// Guide file name.
    pub source: String,
    /// First line.
    pub start_line: u32,
    /// Last line.
    pub end_line: u32,
    /// BLAKE3 of the passage's text, in hex (the first [`HASH_HEX`] digits).
    pub hash: String,
}

impl PassageId {
    /// The identity of `p` as it is now.
    pub fn of(p: &Passage) -> PassageId {
        PassageId {
            source: p.source.clone(),
            start_line: p.start_line,
            end_line: p.end_line,
            hash: text_hash(&p.text),
        }
    }
}

/// The hash [`PassageId`] keeps of a passage's text.
pub fn text_hash(text: &str) -> String {
    let mut hex = blake3::hash(text.as_bytes()).to_hex().to_string();
    hex.truncate(HASH_HEX);
    hex
}

/// For each of `ids`, whether `passages` still hold it as it was (same file, lines and text).
pub fn still_there(passages: &[Passage], ids: &[PassageId]) -> Vec<bool> {
    let mut wanted: HashMap<(&str, u32, u32), Vec<usize>> = HashMap::new();
    for (i, id) in ids.iter().enumerate() {
        wanted
            .entry((id.source.as_str(), id.start_line, id.end_line))
            .or_default()
            .push(i);
    }
    let mut found = vec![false; ids.len()];
    // Only the passages at a wanted place are hashed.
    for p in passages {
        if let Some(at) = wanted.get(&(p.source.as_str(), p.start_line, p.end_line)) {
            let hash = text_hash(&p.text);
            for &i in at {
                found[i] |= ids[i].hash == hash;
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passage(source: &str, start: u32, text: &str) -> Passage {
        Passage {
            source: source.into(),
            title: "T".into(),
            career: "Electrician".into(),
            section: "S".into(),
            start_line: start,
            end_line: start + 3,
            text: text.into(),
            line_numbers: vec![start + 1],
            url: None,
        }
    }

    #[test]
    fn a_passage_is_still_there_only_with_the_same_place_and_text() {
        let before = [
            passage("a.md", 1, "Pay is good."),
            passage("a.md", 5, "Tools."),
        ];
        let ids: Vec<PassageId> = before.iter().map(PassageId::of).collect();
        assert_eq!(still_there(&before, &ids), [true, true]);
        // Edited text; moved lines; a file gone.
        let edited = [
            passage("a.md", 1, "Pay is great."),
            passage("a.md", 6, "Tools."),
        ];
        assert_eq!(still_there(&edited, &ids), [false, false]);
        assert_eq!(still_there(&[], &ids), [false, false]);
        assert_eq!(text_hash("x").len(), HASH_HEX);
        assert_ne!(text_hash("x"), text_hash("y"));
    }
}
