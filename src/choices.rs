//! Option choices declared once: the short, fixed lists a command option picks from (level,
//! topic, stage, focus), with the id and label of each value, for the CLI and Discord alike, and
//! each label in a member's language ([`choice_label`], from the catalogue).

use std::str::FromStr;

use crate::answer::roadmap::{Focus, Stage};
use crate::answer::salary::Level;
use crate::answer::skills::Topic;
use crate::i18n::{self, Locale};

/// A type whose values are a short, fixed list of named choices. The CLI lists the ids in
/// `--help` and in its usage errors; Discord offers the labels and sends back the ids.
///
/// `FromStr` accepts every id (and may accept aliases besides, such as `junior` or `sr`).
pub trait Choices: Copy + FromStr + 'static {
    /// Every value, in display order.
    const ALL: &'static [Self];

    /// The value as commands send it and JSON holds it (its serde name), e.g. `cloud_devops`.
    fn id(self) -> &'static str;

    /// The value as people read it, e.g. "Cloud & DevOps".
    fn label(self) -> &'static str;
}

impl Choices for Level {
    const ALL: &'static [Level] = &Level::ALL;

    fn id(self) -> &'static str {
        match self {
            Level::Entry => "entry",
            Level::Mid => "mid",
            Level::Senior => "senior",
            Level::Lead => "lead",
            Level::Overall => "overall",
        }
    }

    fn label(self) -> &'static str {
        Level::label(self)
    }
}

impl Choices for Topic {
    const ALL: &'static [Topic] = &Topic::ALL;

    fn id(self) -> &'static str {
        Topic::id(self)
    }

    fn label(self) -> &'static str {
        Topic::label(self)
    }
}

impl Choices for Stage {
    const ALL: &'static [Stage] = &Stage::ALL;

    fn id(self) -> &'static str {
        Stage::id(self)
    }

    fn label(self) -> &'static str {
        Stage::label(self)
    }
}

impl Choices for Focus {
    const ALL: &'static [Focus] = &Focus::ALL;

    fn id(self) -> &'static str {
        Focus::id(self)
    }

    fn label(self) -> &'static str {
        Focus::label(self)
    }
}

/// A choice's label in `lang`: the catalogue's `choice-<type>-<id>` (e.g. `choice-level-entry`),
/// else its own English label.
pub fn choice_label<T: Choices>(lang: Locale, value: T) -> String {
    let kind = std::any::type_name::<T>()
        .rsplit("::")
        .next()
        .unwrap_or_default()
        .to_lowercase();
    let id = format!("choice-{kind}-{}", value.id());
    if i18n::has(lang, &id) {
        i18n::message(lang, &id, None)
    } else {
        value.label().to_string()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::fmt::Debug;

    use serde::Serialize;

    use super::*;

    /// Ids are the types' own: each parses back to its value and is its serde name; ids are
    /// distinct; the list fits Discord (at most 25 choices, labels of 1–100 characters).
    fn check<T: Choices + PartialEq + Debug + Serialize>() {
        let mut seen = HashSet::new();
        assert!((1..=25).contains(&T::ALL.len()));
        for &value in T::ALL {
            let id = value.id();
            assert!(id.parse::<T>().is_ok_and(|v| v == value), "{id}");
            assert_eq!(serde_json::to_value(value).unwrap(), id);
            assert!(seen.insert(id), "{id} twice");
            assert!((1..=100).contains(&value.label().chars().count()), "{id}");
        }
    }

    #[test]
    fn ids_are_the_types_own() {
        check::<Level>();
        check::<Topic>();
        check::<Stage>();
        check::<Focus>();
    }
}
