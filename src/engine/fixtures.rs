//! Test fixtures of the engine: an engine over a set of guides, in a temporary directory.

use std::path::Path;

use super::{Engine, EngineSettings, Library};
use crate::config::SearchConfig;
use crate::corpus::SeedSource;
use crate::search::BuildOptions;

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
