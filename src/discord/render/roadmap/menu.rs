//! The part menu under a roadmap message: a string select of the roadmap's parts, and its
//! `custom_id` — `roadmap:<stage|all>:<career|*|#hash>` — written and read back here, so a forged
//! or outdated id is refused in one place.

use crate::answer::roadmap::{Focus, Stage};
use crate::discord::commands::choice_label;
use crate::discord::message::{Select, SelectOption, limits};
use crate::i18n::Locale;
use crate::tr;

/// The prefix of the part menu's `custom_id`.
pub const MENU: &str = "roadmap";
/// The parts the menu offers, in its order.
pub const PARTS: [Focus; 4] = [
    Focus::CareerProgression,
    Focus::LearningPath,
    Focus::Interviews,
    Focus::Portfolio,
];

/// Which career a menu is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MenuCareer {
    /// Every career of the library.
    Every,
    /// A career by its name.
    Named(String),
    /// A career whose name would not fit the `custom_id`, by [`career_hash`].
    Hashed(String),
}

/// What a part menu's `custom_id` says: the career and stage its parts are about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenuTarget {
    /// The stage (`None`: every stage).
    pub stage: Option<Stage>,
    /// The career.
    pub career: MenuCareer,
}

/// Why a `custom_id` is no part menu's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a roadmap menu id: {0:?}")]
pub struct BadMenuId(pub String);

/// A menu's career is not among the library's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the menu's career is not in the library")]
pub struct CareerGone;

/// A short, stable stand-in for a career name too long for a `custom_id`.
pub fn career_hash(name: &str) -> String {
    blake3::hash(name.as_bytes()).to_hex()[..16].to_string()
}

/// The `custom_id` of the part menu for `career` (`None`: every career) at `stage`; never over
/// Discord's 100 characters.
pub fn menu_id(career: Option<&str>, stage: Option<Stage>) -> String {
    let stage = stage.map_or("all", Stage::id);
    let id = format!("{MENU}:{stage}:{}", career.unwrap_or("*"));
    match career {
        Some(name) if id.chars().count() > limits::CUSTOM_ID => {
            format!("{MENU}:{stage}:#{}", career_hash(name))
        }
        _ => id,
    }
}

impl MenuTarget {
    /// Whether `custom_id` claims to be a part menu's (it may still be malformed).
    pub fn claims(custom_id: &str) -> bool {
        custom_id == MENU || custom_id.starts_with(&format!("{MENU}:"))
    }

    /// Reads a part menu's `custom_id`.
    ///
    /// # Errors
    /// [`BadMenuId`] for anything [`menu_id`] does not write.
    pub fn parse(custom_id: &str) -> Result<MenuTarget, BadMenuId> {
        let bad = || BadMenuId(custom_id.to_string());
        let rest = custom_id
            .strip_prefix(MENU)
            .and_then(|r| r.strip_prefix(':'))
            .ok_or_else(bad)?;
        let (stage, career) = rest.split_once(':').ok_or_else(bad)?;
        let stage = match stage {
            "all" => None,
            id => Some(*Stage::ALL.iter().find(|s| s.id() == id).ok_or_else(bad)?),
        };
        let career = match career {
            "" => return Err(bad()),
            "*" => MenuCareer::Every,
            c => match c.strip_prefix('#') {
                Some(h) if h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit()) => {
                    MenuCareer::Hashed(h.to_string())
                }
                Some(_) => return Err(bad()),
                None => MenuCareer::Named(c.to_string()),
            },
        };
        Ok(MenuTarget { stage, career })
    }

    /// The library's career this menu is for, among `known`: `Ok(None)` for every career.
    ///
    /// # Errors
    /// When it names (or hashes) no career of the library.
    pub fn resolve(&self, known: &[String]) -> Result<Option<String>, CareerGone> {
        match &self.career {
            MenuCareer::Every => Ok(None),
            MenuCareer::Named(n) => known
                .iter()
                .find(|k| *k == n)
                .cloned()
                .map(Some)
                .ok_or(CareerGone),
            MenuCareer::Hashed(h) => known
                .iter()
                .find(|k| career_hash(k) == *h)
                .cloned()
                .map(Some)
                .ok_or(CareerGone),
        }
    }
}

/// The part a menu value names, if it is one of [`PARTS`].
pub fn part_of(value: &str) -> Option<Focus> {
    PARTS.into_iter().find(|p| p.id() == value)
}

/// The part menu under a roadmap message, `chosen` shown as selected.
pub fn part_menu(
    career: Option<&str>,
    stage: Option<Stage>,
    chosen: Option<Focus>,
    lang: Locale,
) -> Select {
    let what = |part: Focus| match part {
        Focus::CareerProgression => tr!(lang, "menu-progression"),
        Focus::LearningPath => tr!(lang, "menu-learning"),
        Focus::Interviews => tr!(lang, "menu-interviews"),
        Focus::Portfolio => tr!(lang, "menu-portfolio"),
        Focus::All => tr!(lang, "menu-all"),
    };
    Select {
        custom_id: menu_id(career, stage),
        placeholder: tr!(lang, "menu-placeholder"),
        options: PARTS
            .into_iter()
            .map(|part| SelectOption {
                label: choice_label(lang, part),
                value: part.id().into(),
                description: Some(what(part)),
                default: chosen == Some(part),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn menu_ids_round_trip_and_fit() {
        for (career, stage) in [
            (Some("Electrician"), None),
            (Some("Front-End Developer"), Some(Stage::Senior)),
            (None, Some(Stage::Junior)),
            (Some("A: career with colons: in it"), None),
        ] {
            let id = menu_id(career, stage);
            assert!(MenuTarget::claims(&id));
            let t = MenuTarget::parse(&id).unwrap();
            assert_eq!(t.stage, stage, "{id}");
            let known: Vec<String> = career.iter().map(|c| c.to_string()).collect();
            assert_eq!(t.resolve(&known), Ok(career.map(str::to_string)), "{id}");
        }
        // A name too long for a custom_id travels as its hash, and is found again.
        let long = "Very ".repeat(30) + "Long Career";
        let id = menu_id(Some(&long), Some(Stage::Lead));
        assert!(id.chars().count() <= limits::CUSTOM_ID, "{id}");
        let t = MenuTarget::parse(&id).unwrap();
        assert!(matches!(t.career, MenuCareer::Hashed(_)));
        assert_eq!(
            t.resolve(&["Electrician".into(), long.clone()]),
            Ok(Some(long))
        );
        // A career gone from the library is not found.
        assert_eq!(
            MenuTarget::parse("roadmap:all:Firefighter")
                .unwrap()
                .resolve(&["Electrician".into()]),
            Err(CareerGone)
        );
    }

    #[test]
    fn forged_menu_ids_are_refused() {
        for bad in [
            "roadmap",
            "roadmap:",
            "roadmap:all",
            "roadmap:all:",
            "roadmap:intern:Electrician",
            "roadmap:ALL:Electrician",
            "roadmap:all:#xyz",
            "roadmap:all:#0123456789abcdeg",
            "roadmapx:all:Electrician",
            "more:abc",
        ] {
            assert!(MenuTarget::parse(bad).is_err(), "{bad}");
        }
        assert!(MenuTarget::claims("roadmap") && MenuTarget::claims("roadmap:x"));
        assert!(!MenuTarget::claims("roadmapx:all:E") && !MenuTarget::claims("more:abc"));
        assert_eq!(part_of("interviews"), Some(Focus::Interviews));
        assert_eq!(part_of("all"), None);
        assert_eq!(part_of("Interviews"), None);
    }

    #[test]
    fn the_menu_offers_the_four_parts() {
        let menu = part_menu(
            Some("Electrician"),
            None,
            Some(Focus::Interviews),
            Locale::En,
        );
        let values: Vec<&str> = menu.options.iter().map(|o| o.value.as_str()).collect();
        assert_eq!(
            values,
            [
                "career_progression",
                "learning_path",
                "interviews",
                "portfolio"
            ]
        );
        assert_eq!(
            menu.options.iter().filter(|o| o.default).count(),
            1,
            "the part shown is marked"
        );
        assert_eq!(menu.custom_id, "roadmap:all:Electrician");
    }
}
