//! Facts extracted once per index generation: salary figures, skill mentions and roadmap items
//! are found in every guide while the generation is built, gathered across guides, and written
//! beside the index (one JSON file per kind), so every process and replica that opens the
//! generation reads the same facts and a request only filters them.
//!
//! A generation's files are checked when it is opened (present, right size) and when they are
//! read (same hash as written); a damaged one is an error that leads to a rebuild, never a
//! wrong answer.

use std::sync::{Arc, OnceLock};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::roadmap::{self, GuideRoadmap, RoadmapFacts, RoadmapGathering};
use super::salary::{self, GuideSalary, SalaryFacts, SalaryGathering};
use super::skills::{self, GuideSkills, SkillsFacts, SkillsGathering};
use crate::corpus::Guide;
use crate::search::{Extraction, Gathering, IndexError, PassageIndex};
use crate::vocab::Vocabulary;

/// The salary facts' file in a generation.
pub const SALARY_FILE: &str = "salary.json";
/// The skills facts' file in a generation.
pub const SKILLS_FILE: &str = "skills.json";
/// The roadmap facts' file in a generation.
pub const ROADMAP_FILE: &str = "roadmap.json";

/// The extraction's code and data: a change of any of them changes the index fingerprint, so a
/// generation is never served with facts an older extraction found. Every file of the fact
/// modules is listed (`every_extraction_file_is_in_the_fingerprint`).
const EXTRACTION_SOURCE: &[&str] = &[
    include_str!("facts.rs"),
    include_str!("level.rs"),
    include_str!("citation.rs"),
    include_str!("matcher.rs"),
    include_str!("text.rs"),
    include_str!("levels.rs"),
    include_str!("lazy_regex.rs"),
    include_str!("salary/mod.rs"),
    include_str!("salary/extract.rs"),
    include_str!("salary/gather.rs"),
    include_str!("salary/money.rs"),
    include_str!("salary/currency.rs"),
    include_str!("skills/mod.rs"),
    include_str!("skills/lexicon.rs"),
    include_str!("skills/extract.rs"),
    include_str!("skills/gather.rs"),
    include_str!("skills/sections.rs"),
    include_str!("skills/items.rs"),
    include_str!("roadmap/mod.rs"),
    include_str!("roadmap/cues.rs"),
    include_str!("roadmap/durations.rs"),
    include_str!("roadmap/extract.rs"),
    include_str!("roadmap/gather.rs"),
    include_str!("roadmap/headed_steps.rs"),
    include_str!("roadmap/ladder.rs"),
    include_str!("roadmap/lines.rs"),
    include_str!("roadmap/path_shapes.rs"),
    include_str!("roadmap/plain.rs"),
    include_str!("roadmap/prose.rs"),
    include_str!("roadmap/role_ladder.rs"),
    include_str!("roadmap/role_prose.rs"),
    include_str!("roadmap/step_labels.rs"),
    include_str!("roadmap/table_ladder.rs"),
    include_str!("roadmap/titles.rs"),
    include_str!("../corpus/careers.rs"),
];

/// A digest of the extraction's code and its vocabulary, to join the index fingerprint.
pub fn fingerprint_salt(vocab: &Vocabulary) -> String {
    let mut h = blake3::Hasher::new();
    for text in EXTRACTION_SOURCE {
        h.update(text.as_bytes());
        h.update(&[0]);
    }
    h.update(vocab.fingerprint().as_bytes());
    format!("facts-{}", h.finalize().to_hex())
}

/// What one guide yields.
#[derive(Debug, Clone, Default)]
pub struct GuideFacts {
    salary: GuideSalary,
    skills: GuideSkills,
    roadmap: GuideRoadmap,
}

/// Extracts every kind of fact from a guide (run by the build's worker threads).
#[derive(Debug, Clone)]
pub struct FactsExtraction {
    vocab: Arc<Vocabulary>,
}

impl FactsExtraction {
    /// An extraction with this vocabulary.
    pub fn new(vocab: Arc<Vocabulary>) -> FactsExtraction {
        FactsExtraction { vocab }
    }
}

impl Extraction for FactsExtraction {
    type PerGuide = GuideFacts;

    fn extract(&self, guide: &Guide) -> GuideFacts {
        GuideFacts {
            salary: salary::extract_guide(&self.vocab, &guide.career, &guide.passages),
            skills: skills::extract_guide(
                &self.vocab,
                &guide.career,
                &guide.passages,
                &guide.outline,
            ),
            roadmap: roadmap::extract_guide(&self.vocab, &guide.career, &guide.passages),
        }
    }
}

/// Gathers the guides' facts (in file-name order) and gives the generation's fact files.
#[derive(Debug, Clone, Default)]
pub struct FactsGathering {
    salary: SalaryGathering,
    skills: SkillsGathering,
    roadmap: RoadmapGathering,
}

impl Gathering<GuideFacts> for FactsGathering {
    fn gather(&mut self, guide: GuideFacts) {
        self.salary.gather(guide.salary);
        self.skills.gather(guide.skills);
        self.roadmap.gather(guide.roadmap);
    }

    fn finish(self) -> Result<Vec<(String, Vec<u8>)>, String> {
        fn json<T: Serialize>(name: &str, value: &T) -> Result<(String, Vec<u8>), String> {
            serde_json::to_vec(value)
                .map(|bytes| (name.to_string(), bytes))
                .map_err(|e| format!("cannot write {name}: {e}"))
        }
        Ok(vec![
            json(SALARY_FILE, &self.salary.finish())?,
            json(SKILLS_FILE, &self.skills.finish())?,
            json(ROADMAP_FILE, &self.roadmap.finish())?,
        ])
    }
}

/// Why a generation's facts could not be read.
#[derive(Debug, thiserror::Error)]
pub enum FactsError {
    /// The file is missing or its bytes changed since the build.
    #[error(transparent)]
    Damaged(#[from] IndexError),
    /// The file holds something else than the facts this version writes.
    #[error("the generation's {file} cannot be read: {message}")]
    Unreadable {
        /// The file.
        file: &'static str,
        /// What is wrong.
        message: String,
    },
}

/// A generation's facts, each kind read from its file on first use and kept with the
/// generation (a process that answers only questions never reads them).
#[derive(Debug, Default)]
pub struct Facts {
    salary: OnceLock<Arc<SalaryFacts>>,
    skills: OnceLock<Arc<SkillsFacts>>,
    roadmap: OnceLock<Arc<RoadmapFacts>>,
}

impl Facts {
    /// Each career's salary answer for every level.
    ///
    /// # Errors
    /// When the file is damaged.
    pub fn salary(&self, index: &PassageIndex) -> Result<Arc<SalaryFacts>, FactsError> {
        load(&self.salary, index, SALARY_FILE)
    }

    /// The skills facts for every topic and level.
    ///
    /// # Errors
    /// When the file is damaged.
    pub fn skills(&self, index: &PassageIndex) -> Result<Arc<SkillsFacts>, FactsError> {
        load(&self.skills, index, SKILLS_FILE)
    }

    /// The whole roadmap.
    ///
    /// # Errors
    /// When the file is damaged.
    pub fn roadmap(&self, index: &PassageIndex) -> Result<Arc<RoadmapFacts>, FactsError> {
        load(&self.roadmap, index, ROADMAP_FILE)
    }
}

fn load<T: DeserializeOwned>(
    slot: &OnceLock<Arc<T>>,
    index: &PassageIndex,
    file: &'static str,
) -> Result<Arc<T>, FactsError> {
    if let Some(v) = slot.get() {
        return Ok(Arc::clone(v));
    }
    let bytes = index.read_file(file)?;
    let value: T = serde_json::from_slice(&bytes).map_err(|e| FactsError::Unreadable {
        file,
        message: e.to_string(),
    })?;
    // Two first readers may both parse; the first to finish is kept.
    Ok(Arc::clone(slot.get_or_init(|| Arc::new(value))))
}

#[cfg(test)]
pub(crate) mod tests {
    /// The texts of the `.rs` files of `dir` (under `src/`), each with its path.
    pub(crate) fn sources_in(dir: &str) -> Vec<(std::path::PathBuf, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src")
            .join(dir);
        let mut out = Vec::new();
        for entry in std::fs::read_dir(&root).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path, text));
            }
        }
        assert!(!out.is_empty(), "{root:?}");
        out
    }

    /// Regression: money, currencies and most roadmap readers were left out of the fingerprint,
    /// so a library reindexed after an upgrade kept the facts the older code found.
    #[test]
    fn every_extraction_file_is_in_the_fingerprint() {
        for dir in ["answer/salary", "answer/skills", "answer/roadmap"] {
            for (path, text) in sources_in(dir) {
                assert!(EXTRACTION_SOURCE.contains(&text.as_str()), "{path:?}");
            }
        }
    }

    use super::*;
    use crate::corpus::SeedSource;
    use crate::search::BuildOptions;

    fn build(dir: &std::path::Path) -> PassageIndex {
        crate::answer::fixtures::vocab()
            .index_dir(dir)
            .build_with(
                &SeedSource::Embedded,
                &BuildOptions::default(),
                &fingerprint_salt(crate::answer::fixtures::vocab()),
                &FactsExtraction::new(crate::answer::fixtures::vocab().clone()),
                FactsGathering::default(),
                |_| {},
            )
            .unwrap()
    }

    #[test]
    fn facts_are_written_with_the_generation_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let index = build(dir.path());
        let names: Vec<&str> = index.meta().files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, [SALARY_FILE, SKILLS_FILE, ROADMAP_FILE]);
        let facts = Facts::default();
        let salary = facts.salary(&index).unwrap();
        assert!(!salary.careers.is_empty());
        assert!(!facts.skills(&index).unwrap().careers.is_empty());
        assert!(!facts.roadmap(&index).unwrap().careers[0].stages.is_empty());
        // The same answer as gathering the passages directly.
        let passages = index.passages().unwrap();
        assert_eq!(
            salary.answer(None, None),
            salary::salary_answer(crate::answer::fixtures::vocab(), &passages, None)
        );
    }

    #[test]
    fn a_changed_facts_file_is_an_error_not_an_answer() {
        let dir = tempfile::tempdir().unwrap();
        let index = build(dir.path());
        let path = dir.path().join(index.generation()).join(SALARY_FILE);
        let mut bytes = std::fs::read(&path).unwrap();
        let n = bytes.len();
        bytes[n / 2] ^= 0x20;
        std::fs::write(&path, &bytes).unwrap();
        let err = Facts::default().salary(&index).unwrap_err();
        assert!(err.to_string().contains("differ"), "{err}");
        // Missing: the generation no longer opens.
        std::fs::remove_file(&path).unwrap();
        let err = crate::answer::fixtures::vocab()
            .index_dir(dir.path())
            .open_current()
            .unwrap_err();
        assert!(err.to_string().contains(SALARY_FILE), "{err}");
    }
}
