//! The one seniority scale every structured answer speaks: entry, mid, senior, lead (and
//! "overall" for a figure that names no level), parsed from the words guides and members use.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A seniority level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// junior, entry-level, graduate, new grad
    Entry,
    /// mid-level, intermediate
    Mid,
    /// senior, experienced
    Senior,
    /// lead, principal, staff, architect
    Lead,
    /// no level named ("average salaries range from …")
    Overall,
}

impl Level {
    /// All levels in display order.
    pub const ALL: [Level; 5] = [
        Level::Entry,
        Level::Mid,
        Level::Senior,
        Level::Lead,
        Level::Overall,
    ];

    /// Human label, e.g. "Entry level".
    pub fn label(self) -> &'static str {
        match self {
            Level::Entry => "Entry level",
            Level::Mid => "Mid level",
            Level::Senior => "Senior",
            Level::Lead => "Lead / principal",
            Level::Overall => "Overall",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A level name that [`Level::from_str`] does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown level {0:?} (try entry, mid, senior, lead or overall)")]
pub struct ParseLevelError(pub String);

impl FromStr for Level {
    type Err = ParseLevelError;

    /// Accepts the level words guides use: "junior", "entry-level", "new grad",
    /// "intermediate", "experienced", "sr", "principal", "staff engineer", …
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm = s.trim().to_lowercase().replace(['-', '_', '.'], " ");
        let key = norm
            .split_whitespace()
            .filter(|w| {
                !matches!(
                    *w,
                    "level"
                        | "levels"
                        | "developer"
                        | "developers"
                        | "engineer"
                        | "engineers"
                        | "role"
                        | "roles"
                        | "dev"
                        | "devs"
                )
            })
            .collect::<Vec<_>>()
            .join(" ");
        let level = match key.as_str() {
            "entry" | "junior" | "juniors" | "jr" | "graduate" | "graduates" | "new grad"
            | "new grads" | "new graduate" | "new graduates" | "fresher" | "freshers"
            | "beginner" | "beginners" => Level::Entry,
            "mid" | "middle" | "intermediate" | "mid career" => Level::Mid,
            "senior" | "seniors" | "sr" | "experienced" => Level::Senior,
            "lead" | "leads" | "tech lead" | "principal" | "staff" | "architect" | "architects" => {
                Level::Lead
            }
            "overall" | "average" | "general" | "typical" => Level::Overall,
            _ => return Err(ParseLevelError(s.to_string())),
        };
        Ok(level)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_from_str() {
        for (s, l) in [
            ("junior", Level::Entry),
            ("Entry-level", Level::Entry),
            ("entry level", Level::Entry),
            ("new grad", Level::Entry),
            ("graduate", Level::Entry),
            ("mid", Level::Mid),
            ("Mid-Level", Level::Mid),
            ("intermediate", Level::Mid),
            ("experienced", Level::Senior),
            ("Senior developer", Level::Senior),
            ("sr", Level::Senior),
            ("principal", Level::Lead),
            ("staff engineer", Level::Lead),
            ("architect", Level::Lead),
            ("tech lead", Level::Lead),
            ("overall", Level::Overall),
        ] {
            assert_eq!(s.parse::<Level>(), Ok(l), "{s}");
        }
        assert!("ceo".parse::<Level>().is_err());
        assert!("level".parse::<Level>().is_err());
    }
}
