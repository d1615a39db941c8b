//! The seniority words of role titles, as data (`assets/roadmap.toml`): which stage a role's
//! title names ("Design Lead", "Head of Design", "Nurse Manager" → lead), and which title words
//! follow the field they head in prose ("design lead"), and the words of a ladder told only by
//! role titles (the headings that introduce it, the rank titles that end a role).

use regex::Regex;
use serde::Deserialize;

use super::Stage;
use crate::answer::levels::LevelWords;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TitlesFile {
    titles: TitleWords,
    #[serde(default)]
    ladder: LadderWords,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct LadderWords {
    #[serde(default)]
    cues: Vec<String>,
    #[serde(default)]
    ranks: Vec<String>,
    #[serde(default)]
    openers: Vec<String>,
    #[serde(default)]
    not_after: Vec<String>,
    #[serde(default)]
    stops: Vec<String>,
    #[serde(default)]
    plain: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TitleWords {
    lead: Vec<String>,
    senior: Vec<String>,
    mid: Vec<String>,
    junior: Vec<String>,
    #[serde(default)]
    lead_alone: Vec<String>,
    #[serde(default)]
    trailing: Vec<String>,
}

/// The title words, compiled.
#[derive(Debug, Clone)]
pub struct RoleTitles {
    /// Each stage's words, highest stage first.
    stages: Vec<(Stage, Regex)>,
    /// Phrases that are a lead role only as the whole role, lower case.
    lead_alone: Vec<String>,
    /// Title words that follow their field in prose, lower case.
    trailing: Vec<String>,
    /// Words of a heading or lead-in that introduces a ladder of roles.
    ladder_cues: Regex,
    /// Rank titles that end a role ("captain", "sergeant"), lower case.
    ranks: Vec<String>,
    /// Words before a role in a paragraph telling a ladder ("as", "promoted to"), each split
    /// into its lower-case words.
    openers: Vec<Vec<String>>,
    /// Words an opener never follows ("such as"), lower case.
    not_after: Vec<String>,
    /// Words a role in a paragraph never holds, lower case.
    stops: Vec<String>,
    /// Openers that name a role without telling a move to it ("as"), lower case.
    plain: Vec<String>,
}

/// Lower case, runs of spaces and hyphens as one space.
fn normalise(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// One regex matching any of `words` whole, any case, a space or hyphen between a phrase's words.
fn alternation(words: &[String]) -> Result<Regex, String> {
    let words: Vec<String> = words.iter().map(|w| normalise(w)).collect();
    if words.iter().any(String::is_empty) {
        return Err("an empty title word".into());
    }
    let alt = crate::answer::text::phrase_alternation(words.iter().map(String::as_str));
    // An empty list matches nothing.
    let alt = if alt.is_empty() {
        r"[^\s\S]".into()
    } else {
        alt
    };
    Regex::new(&format!(r"(?i)\b(?:{alt})\b")).map_err(|e| e.to_string())
}

impl RoleTitles {
    /// Parses the `[titles]` table of `assets/roadmap.toml`.
    ///
    /// # Errors
    /// When the TOML is invalid or a word is empty.
    pub fn from_toml(text: &str) -> Result<RoleTitles, String> {
        let file: TitlesFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let t = file.titles;
        Ok(RoleTitles {
            stages: vec![
                (Stage::Lead, alternation(&t.lead)?),
                (Stage::Senior, alternation(&t.senior)?),
                (Stage::Mid, alternation(&t.mid)?),
                (Stage::Junior, alternation(&t.junior)?),
            ],
            lead_alone: t.lead_alone.iter().map(|w| normalise(w)).collect(),
            trailing: t.trailing.iter().map(|w| normalise(w)).collect(),
            ladder_cues: alternation(&file.ladder.cues)?,
            ranks: file.ladder.ranks.iter().map(|w| normalise(w)).collect(),
            openers: file
                .ladder
                .openers
                .iter()
                .map(|w| normalise(w).split(' ').map(str::to_string).collect())
                .collect(),
            not_after: file.ladder.not_after.iter().map(|w| normalise(w)).collect(),
            stops: file.ladder.stops.iter().map(|w| normalise(w)).collect(),
            plain: file.ladder.plain.iter().map(|w| normalise(w)).collect(),
        })
    }

    /// The stage a role phrase names, if any: the highest stage one of its title words names,
    /// words the level table's exceptions rule out left aside ("staff nurse" names no stage;
    /// "Staff Engineer" is lead).
    pub fn stage_of(&self, levels: &LevelWords, role: &str) -> Option<Stage> {
        let role = role.trim();
        if self.lead_alone.contains(&normalise(role)) {
            return Some(Stage::Lead);
        }
        self.stages.iter().find_map(|(stage, words)| {
            words
                .find_iter(role)
                .any(|m| !levels.ruled_out(role, m.range()))
                .then_some(*stage)
        })
    }

    /// Whether `text` (a heading or a lead-in line) introduces a ladder of roles ("Career
    /// progression", "Ranks and promotion").
    pub fn is_ladder_cue(&self, text: &str) -> bool {
        self.ladder_cues.is_match(text)
    }

    /// Whether `word` is a rank title that ends a role ("Captain", "sergeants").
    pub fn is_rank(&self, word: &str) -> bool {
        self.ranks.contains(&normalise(word))
    }

    /// The phrases before a role in a paragraph telling a ladder, each as its lower-case words.
    pub fn openers(&self) -> &[Vec<String>] {
        &self.openers
    }

    /// Whether `opener` (its lower-case words) names a role without telling a move to it ("as").
    pub fn is_plain_opener(&self, opener: &[String]) -> bool {
        self.plain.contains(&opener.join(" "))
    }

    /// Whether an opener right after `word` opens no role ("such as").
    pub fn is_not_after(&self, word: &str) -> bool {
        self.not_after.contains(&normalise(word))
    }

    /// Whether `word` ends a role in a paragraph ("or", "after").
    pub fn is_stop(&self, word: &str) -> bool {
        self.stops.contains(&normalise(word))
    }

    /// Whether `word` is a title word that follows the field it heads ("design lead").
    pub fn is_trailing(&self, word: &str) -> bool {
        self.trailing.contains(&normalise(word))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::fixtures::vocab;

    #[test]
    fn titles_name_the_highest_stage_of_their_words() {
        let v = vocab();
        let titles = v.role_titles();
        for (role, stage) in [
            ("Design Lead", Some(Stage::Lead)),
            ("head of design", Some(Stage::Lead)),
            ("Nurse Manager", Some(Stage::Lead)),
            ("Chief Pilot", Some(Stage::Lead)),
            ("Headteacher", Some(Stage::Lead)),
            ("Senior Engineering Manager", Some(Stage::Lead)),
            ("Senior Designer", Some(Stage::Senior)),
            ("Mid-level Developer", Some(Stage::Mid)),
            ("Entry-level analyst", Some(Stage::Junior)),
            ("management", Some(Stage::Lead)),
            ("management consultant", None),
            ("Staff nurse", None),
            ("Sous chef", None),
        ] {
            assert_eq!(titles.stage_of(v.levels(), role), stage, "{role}");
        }
        assert!(titles.is_trailing("Lead"));
        assert!(titles.is_trailing("manager"));
        assert!(!titles.is_trailing("senior"));
    }

    #[test]
    fn a_table_without_its_lists_is_refused() {
        assert!(RoleTitles::from_toml("[titles]\nlead = []").is_err());
        assert!(
            RoleTitles::from_toml("[titles]\nlead=[\"\"]\nsenior=[]\nmid=[]\njunior=[]").is_err()
        );
        let t = RoleTitles::from_toml("[titles]\nlead=[]\nsenior=[]\nmid=[]\njunior=[]").unwrap();
        assert_eq!(t.stage_of(vocab().levels(), "Lead Developer"), None);
    }
}
