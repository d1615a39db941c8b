//! Test fixtures of the engine: engines over the shipped back-end guides, and over a library of
//! five careers (those guides and the four of `tests/fixtures/careers/`), in a temporary directory.

use std::path::{Path, PathBuf};

use super::{Engine, EngineSettings, Library};
use crate::config::SearchConfig;
use crate::corpus::{MANIFEST_FILE, SeedSource};
use crate::search::BuildOptions;

/// The four guides of other careers.
const CAREERS_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/careers");
/// The shipped guides.
const SEEDS_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");

/// Copies the shipped guides and the four other careers' into `dir/guides` (one manifest of
/// both); returns that directory.
pub(crate) fn careers_guides(dir: &Path) -> PathBuf {
    let guides = dir.join("guides");
    std::fs::create_dir_all(&guides).unwrap();
    let mut manifest = String::new();
    for from in [SEEDS_DIR, CAREERS_DIR] {
        for e in std::fs::read_dir(from).unwrap() {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name == MANIFEST_FILE {
                manifest.push_str(&std::fs::read_to_string(&path).unwrap());
                manifest.push('\n');
            } else if crate::corpus::is_guide_name(&name) {
                std::fs::copy(&path, guides.join(&name)).unwrap();
            }
        }
    }
    std::fs::write(guides.join(MANIFEST_FILE), manifest).unwrap();
    guides
}

/// An engine over `seeds`, its index and data in `dir`.
pub(crate) fn engine_on(seeds: SeedSource, dir: &Path) -> Engine {
    let (library, _) = Library::open(
        seeds,
        dir.join("index"),
        BuildOptions::default(),
        crate::answer::fixtures::vocab().clone(),
    )
    .unwrap();
    Engine::new(library, EngineSettings::new(&SearchConfig::default(), dir))
}

/// An engine over the five careers' guides, all in `dir`.
pub(crate) fn careers_engine(dir: &Path) -> Engine {
    let guides = careers_guides(dir);
    engine_on(SeedSource::Dir(guides), dir)
}

/// An engine over the guides `(file, career, text)` written into `dir/guides`, each titled by
/// its career.
pub(crate) fn engine_with(dir: &Path, guides: &[(&str, &str, &str)]) -> Engine {
    let into = dir.join("guides");
    std::fs::create_dir_all(&into).unwrap();
    let mut manifest = String::new();
    for (file, career, text) in guides {
        std::fs::write(into.join(file), text).unwrap();
        manifest.push_str(&format!(
            "[[guide]]\nfile = \"{file}\"\ntitle = \"{career} guide\"\ncareer = \"{career}\"\n\n"
        ));
    }
    std::fs::write(into.join(MANIFEST_FILE), manifest).unwrap();
    engine_on(SeedSource::Dir(into), dir)
}
