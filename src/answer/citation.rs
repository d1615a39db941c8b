//! Where a structured answer's item comes from: the guide, the passage and the exact line. One
//! type for every item (figures, notes, skills, stages, steps), flattened into their JSON.

use serde::{Deserialize, Serialize};

use crate::corpus::Passage;

/// Where an item comes from: guide, passage and exact line.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Citation {
    /// Guide file name (the source id).
    pub source: String,
    /// Guide title.
    pub title: String,
    /// The career the guide is about.
    pub career: String,
    /// Section heading of the passage.
    pub section: String,
    /// Exact 1-based source line of the item.
    pub line: u32,
    /// The passage's first line.
    pub start_line: u32,
    /// The passage's last line.
    pub end_line: u32,
    /// Where the guide was published (an `http(s)` link), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Citation {
    /// Line `line` of passage `p`.
    pub fn at(p: &Passage, line: u32) -> Citation {
        Citation {
            source: p.source.clone(),
            title: p.title.clone(),
            career: p.career.clone(),
            section: p.section.clone(),
            line,
            start_line: p.start_line,
            end_line: p.end_line,
            url: p.url.clone(),
        }
    }
}
