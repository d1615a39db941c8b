//! The guides of `tests/fixtures/more_careers/` (or another fixture directory) and an engine
//! over a copy of them, for the test binaries about those guides (included by path, not through
//! `support/mod.rs`).
#![allow(dead_code)] // not every test binary uses every part

use std::path::{Path, PathBuf};

use careerbot::config::SearchConfig;
use careerbot::corpus::SeedSource;
use careerbot::engine::{Engine, EngineSettings, Library};
use careerbot::search::BuildOptions;

/// `tests/fixtures/more_careers/`.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/more_careers")
}

/// An engine over a copy of the fixture guides and their manifest, built in `work`.
pub fn engine(work: &Path) -> Engine {
    engine_of(&fixtures(), work)
}

/// An engine over a copy of the guides and manifest of `dir` (a fixture directory), built in
/// `work`.
pub fn engine_of(dir: &Path, work: &Path) -> Engine {
    let seeds = work.join("seeds");
    std::fs::create_dir_all(&seeds).unwrap();
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().into_owned();
        let guide = careerbot::corpus::GUIDE_EXTENSIONS
            .iter()
            .any(|x| name.ends_with(&format!(".{x}")));
        if guide || name == "sources.toml" {
            std::fs::copy(e.path(), seeds.join(&name)).unwrap();
        }
    }
    let (library, _) = Library::open(
        SeedSource::Dir(seeds),
        work.join("index"),
        BuildOptions::default(),
        careerbot::vocab::Vocabulary::shipped(),
    )
    .unwrap();
    Engine::new(
        library,
        EngineSettings::new(&SearchConfig::default(), &work.join("data")),
    )
}
