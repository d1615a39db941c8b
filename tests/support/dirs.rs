//! A throwaway bot home: a copy of the shipped guides (and, for a library of several careers, the
//! careers fixtures), and where the index and data will go.
#![allow(dead_code)] // not every test binary uses both homes

use std::path::{Path, PathBuf};

/// Temporary directories for one bot; removed when dropped.
pub struct Dirs {
    _root: tempfile::TempDir,
    /// A copy of `seeds/`.
    pub seeds: PathBuf,
    /// Not created: the bot creates it.
    pub index: PathBuf,
    /// Not created: the bot creates it.
    pub data: PathBuf,
}

/// Fresh directories with the shipped guides copied in.
pub fn dirs() -> Dirs {
    let root = tempfile::tempdir().unwrap();
    let seeds = root.path().join("seeds");
    std::fs::create_dir_all(&seeds).unwrap();
    for e in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), seeds.join(e.file_name())).unwrap();
    }
    Dirs {
        index: root.path().join("index"),
        data: root.path().join("data"),
        seeds,
        _root: root,
    }
}

/// Fresh directories with the shipped guides and the four other careers' guides of
/// `tests/fixtures/careers/` (electrician, data analyst, product manager, Spanish front-end), their
/// manifest entries appended to the seeds' `sources.toml`.
pub fn dirs_with_careers() -> Dirs {
    let d = dirs();
    add_fixtures(&d, "tests/fixtures/careers");
    d
}

/// [`dirs_with_careers`] and the guides of `tests/fixtures/more_careers/` (a dental hygienist,
/// whose guide tells no career stages, a registered nurse, a UX designer).
pub fn dirs_with_more_careers() -> Dirs {
    let d = dirs_with_careers();
    add_fixtures(&d, "tests/fixtures/more_careers");
    d
}

/// Copies the guides of `fixtures` (a directory of the crate) into `d`'s seeds and appends their
/// manifest entries to its `sources.toml`.
fn add_fixtures(d: &Dirs, fixtures: &str) {
    let careers = Path::new(env!("CARGO_MANIFEST_DIR")).join(fixtures);
    let mut manifest = std::fs::read_to_string(d.seeds.join("sources.toml")).unwrap();
    for e in std::fs::read_dir(&careers).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().into_owned();
        if name == "sources.toml" {
            let text = std::fs::read_to_string(e.path()).unwrap();
            // The entries, from the first (which may open the file).
            let first = if text.starts_with("[[guide]]") {
                0
            } else {
                text.find("\n[[guide]]").expect("a [[guide]] entry") + 1
            };
            let entries = &text[first..];
            manifest.push_str("\n\n");
            manifest.push_str(entries);
        } else if careerbot::corpus::GUIDE_EXTENSIONS
            .iter()
            .any(|x| name.ends_with(&format!(".{x}")))
        {
            std::fs::copy(e.path(), d.seeds.join(&name)).unwrap();
        }
    }
    std::fs::write(d.seeds.join("sources.toml"), manifest).unwrap();
}
