//! The domain vocabulary, as data: synonyms, the skills lexicon, lateral-move tracks, how careers
//! are named, how questions name occupations, seniority words and role titles, the roadmap's cue words, the currencies of pay, and the
//! questions offered before anything is typed, and the common English words spelling
//! correction leaves alone. Shipped in `assets/` and built into the binary; a directory (`library.vocabulary_dir`) may replace any file. Loaded once
//! at start and passed to whatever needs it — nothing reads it from a global.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use crate::analysis::Analyzer;
use crate::answer::levels::LevelWords;
use crate::answer::roadmap::{RoadmapCues, RoleTitles, Tracks};
use crate::answer::salary::Currencies;
use crate::answer::skills::{Lexicon, SkillSections};
use crate::cognates::CognateTable;
use crate::corpus::careers::CareerNamer;
use crate::engine::intent::IntentTable;
use crate::engine::topic::TopicTable;
use crate::related::RelatedTable;
use crate::roles::RoleTable;
use crate::search::IndexDir;

/// The vocabulary files, with the text shipped for each.
pub const FILES: [(&str, &str); 16] = [
    ("synonyms.toml", include_str!("../assets/synonyms.toml")),
    ("skills.toml", include_str!("../assets/skills.toml")),
    ("tracks.toml", include_str!("../assets/tracks.toml")),
    ("careers.toml", include_str!("../assets/careers.toml")),
    ("questions.toml", include_str!("../assets/questions.toml")),
    ("levels.toml", include_str!("../assets/levels.toml")),
    ("currencies.toml", include_str!("../assets/currencies.toml")),
    (
        "skill_sections.toml",
        include_str!("../assets/skill_sections.toml"),
    ),
    ("roles.toml", include_str!("../assets/roles.toml")),
    ("verdict.toml", include_str!("../assets/verdict.toml")),
    ("intents.toml", include_str!("../assets/intents.toml")),
    ("roadmap.toml", include_str!("../assets/roadmap.toml")),
    (
        "roadmap_cues.toml",
        include_str!("../assets/roadmap_cues.toml"),
    ),
    ("cognates.toml", include_str!("../assets/cognates.toml")),
    ("related.toml", include_str!("../assets/related.toml")),
    (
        "english_words.txt",
        include_str!("../assets/english_words.txt"),
    ),
];

/// Why the vocabulary cannot be loaded.
#[derive(Debug, thiserror::Error)]
pub enum VocabError {
    /// A file of the vocabulary directory could not be read.
    #[error("cannot read vocabulary file {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A file is not valid.
    #[error("invalid vocabulary file {file}: {message}")]
    Invalid {
        /// The file's name.
        file: &'static str,
        /// What is wrong.
        message: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionsFile {
    questions: Vec<String>,
    #[serde(default)]
    per_career: Vec<String>,
}

/// The vocabulary. Cheap to share: hold it in an `Arc`.
#[derive(Debug)]
pub struct Vocabulary {
    analyzer: Arc<Analyzer>,
    skills: Lexicon,
    skill_sections: SkillSections,
    tracks: Tracks,
    careers: Arc<CareerNamer>,
    roles: Arc<RoleTable>,
    topics: TopicTable,
    intents: IntentTable,
    levels: LevelWords,
    role_titles: RoleTitles,
    roadmap_cues: RoadmapCues,
    currencies: Currencies,
    questions: Vec<String>,
    per_career: Vec<String>,
    fingerprint: String,
}

impl Vocabulary {
    /// The vocabulary shipped with the program.
    ///
    /// # Panics
    /// Never for the shipped files (a unit test loads them).
    pub fn shipped() -> Arc<Vocabulary> {
        Arc::new(
            Vocabulary::from_texts(|_| Ok(None))
                .expect("the shipped vocabulary loads (unit-tested)"),
        )
    }

    /// The vocabulary with each file of `dir` (when given) replacing the shipped one of the same
    /// name; files missing there keep the shipped text.
    ///
    /// # Errors
    /// When a file exists but cannot be read, or a file is invalid.
    pub fn load(dir: Option<&Path>) -> Result<Vocabulary, VocabError> {
        Vocabulary::from_texts(|name| {
            let Some(dir) = dir else { return Ok(None) };
            let path = dir.join(name);
            match std::fs::read_to_string(&path) {
                Ok(text) => Ok(Some(text)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(source) => Err(VocabError::Read { path, source }),
            }
        })
    }

    fn from_texts(
        mut read: impl FnMut(&str) -> Result<Option<String>, VocabError>,
    ) -> Result<Vocabulary, VocabError> {
        let mut texts: Vec<(&'static str, String)> = Vec::with_capacity(FILES.len());
        for (name, shipped) in FILES {
            texts.push((name, read(name)?.unwrap_or_else(|| shipped.to_string())));
        }
        let text = |name: &str| -> &str {
            texts
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, t)| t.as_str())
                .unwrap_or_default()
        };
        let invalid = |file: &'static str| {
            move |e: &dyn std::fmt::Display| VocabError::Invalid {
                file,
                message: e.to_string(),
            }
        };
        let analyzer = Analyzer::from_toml(text("synonyms.toml"))
            .map_err(|e| invalid("synonyms.toml")(&e))?
            .with_dictionary(text("english_words.txt"))
            .with_cognates(
                CognateTable::from_toml(text("cognates.toml"))
                    .map_err(|e| invalid("cognates.toml")(&e))?,
            );
        let related = RelatedTable::from_toml(text("related.toml"), &analyzer)
            .map_err(|e| invalid("related.toml")(&e))?;
        let analyzer = Arc::new(analyzer.with_related(related));
        let skills = Lexicon::from_toml(text("skills.toml"), &analyzer)
            .map_err(|e| invalid("skills.toml")(&e))?;
        let skill_sections = SkillSections::from_toml(text("skill_sections.toml"), &analyzer)
            .map_err(|e| invalid("skill_sections.toml")(&e))?;
        let tracks = Tracks::from_toml(text("tracks.toml"), &analyzer)
            .map_err(|e| invalid("tracks.toml")(&e))?;
        let roles = RoleTable::from_toml(text("roles.toml"), &analyzer)
            .map(Arc::new)
            .map_err(|e| invalid("roles.toml")(&e))?;
        let topics = TopicTable::from_toml(text("verdict.toml"), &analyzer)
            .map_err(|e| invalid("verdict.toml")(&e))?;
        let careers = Arc::new(
            CareerNamer::from_toml(text("careers.toml"))
                .map_err(|e| invalid("careers.toml")(&e))?
                .with_places(topics.place_names())
                .with_dictionary(analyzer.clone()),
        );
        let intents = IntentTable::from_toml(text("intents.toml"), &analyzer)
            .map_err(|e| invalid("intents.toml")(&e))?;
        let levels =
            LevelWords::from_toml(text("levels.toml")).map_err(|e| invalid("levels.toml")(&e))?;
        let role_titles =
            RoleTitles::from_toml(text("roadmap.toml")).map_err(|e| invalid("roadmap.toml")(&e))?;
        let roadmap_cues = RoadmapCues::from_toml(text("roadmap_cues.toml"))
            .map_err(|e| invalid("roadmap_cues.toml")(&e))?;
        let currencies = Currencies::from_toml(text("currencies.toml"))
            .map_err(|e| invalid("currencies.toml")(&e))?;
        let questions: QuestionsFile =
            toml::from_str(text("questions.toml")).map_err(|e| invalid("questions.toml")(&e))?;
        let mut h = blake3::Hasher::new();
        for (name, t) in &texts {
            h.update(name.as_bytes());
            h.update(&[0]);
            h.update(t.as_bytes());
            h.update(&[0]);
        }
        Ok(Vocabulary {
            analyzer,
            skills,
            skill_sections,
            tracks,
            careers,
            roles,
            topics,
            intents,
            levels,
            role_titles,
            roadmap_cues,
            currencies,
            questions: questions.questions,
            per_career: questions.per_career,
            fingerprint: h.finalize().to_hex().to_string(),
        })
    }

    /// What questions ask for (pay, skills, the way up), as cue words.
    pub fn intents(&self) -> &IntentTable {
        &self.intents
    }

    /// The text analyzer (synonyms, stop words, stemming).
    pub fn analyzer(&self) -> &Arc<Analyzer> {
        &self.analyzer
    }

    /// The skills lexicon.
    pub fn skills(&self) -> &Lexicon {
        &self.skills
    }

    /// The headings under which guides list skills in their own words.
    pub fn skill_sections(&self) -> &SkillSections {
        &self.skill_sections
    }

    /// The roadmap's lateral-move tracks.
    pub fn tracks(&self) -> &Tracks {
        &self.tracks
    }

    /// How careers are named.
    pub fn careers(&self) -> &CareerNamer {
        &self.careers
    }

    /// How questions name occupations, and other names of careers.
    pub fn roles(&self) -> &RoleTable {
        &self.roles
    }

    /// The career words and countries the verdict reads questions with.
    pub fn topics(&self) -> &TopicTable {
        &self.topics
    }

    /// An index directory at `root` that reads guides and questions with this vocabulary.
    pub fn index_dir(&self, root: impl Into<PathBuf>) -> IndexDir {
        IndexDir::new(
            root,
            Arc::clone(&self.analyzer),
            Arc::clone(&self.careers),
            Arc::clone(&self.roles),
        )
    }

    /// The seniority words guides use.
    pub fn levels(&self) -> &LevelWords {
        &self.levels
    }

    /// The seniority words of role titles the roadmap reads (`assets/roadmap.toml`).
    pub fn role_titles(&self) -> &RoleTitles {
        &self.role_titles
    }

    /// The cue words the roadmap reads sections and sentences with (`assets/roadmap_cues.toml`).
    pub fn roadmap_cues(&self) -> &RoadmapCues {
        &self.roadmap_cues
    }

    /// The currencies guides state pay in.
    pub fn currencies(&self) -> &Currencies {
        &self.currencies
    }

    /// Questions offered before anything is typed.
    pub fn questions(&self) -> &[String] {
        &self.questions
    }

    /// Questions to ask about any career of the library: templates where `{career}` stands for
    /// the career's name ("How do I become {a career}?" with `{a career}` for "an electrician").
    pub fn per_career_questions(&self) -> &[String] {
        &self.per_career
    }

    /// A digest of every file's text: part of the index fingerprint, so a changed vocabulary
    /// rebuilds the index and its facts.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_vocabulary_loads() {
        let v = Vocabulary::shipped();
        assert!(!v.skills().skills().is_empty());
        assert!(!v.questions().is_empty());
        assert_eq!(
            v.careers().from_title("How to Become a Welder").as_deref(),
            Some("Welder")
        );
    }

    #[test]
    fn a_directory_replaces_files_by_name_and_bad_files_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("questions.toml"),
            "questions = [\"What does a welder earn?\"]\n",
        )
        .unwrap();
        let v = Vocabulary::load(Some(dir.path())).unwrap();
        assert_eq!(v.questions(), ["What does a welder earn?"]);
        assert_ne!(v.fingerprint(), Vocabulary::shipped().fingerprint());
        std::fs::write(dir.path().join("skills.toml"), "skill = 3\n").unwrap();
        let err = Vocabulary::load(Some(dir.path())).unwrap_err();
        assert!(err.to_string().contains("skills.toml"), "{err}");
    }
}
