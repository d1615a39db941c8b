//! Structured answers read from the guides: salary figures by level, skills by topic, career
//! stages — every figure and item tied to the passage (and line) it came from.

use regex::Regex;

pub mod chart;
pub mod citation;
pub mod facts;
#[cfg(test)]
pub(crate) mod fixtures;
pub mod lazy_regex;
pub mod level;
pub mod levels;
pub mod matcher;
pub mod roadmap;
pub mod salary;
pub mod skills;
pub mod text;
pub mod timeline;

/// Compiles one of the answer modules' fixed patterns (each is exercised by their unit tests).
pub(crate) fn re(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("invalid built-in pattern {pattern:?}: {e}"))
}

/// An option value as a key: lower case, words joined by `_` ("Cloud & DevOps" → `cloud_devops`).
pub(crate) fn option_key(s: &str) -> String {
    s.trim()
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}
