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
    let careers = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/careers");
    let mut manifest = std::fs::read_to_string(d.seeds.join("sources.toml")).unwrap();
    for e in std::fs::read_dir(&careers).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().into_owned();
        if name == "sources.toml" {
            let text = std::fs::read_to_string(e.path()).unwrap();
            let entries = &text[text.find("\n[[guide]]").expect("a [[guide]] entry")..];
            manifest.push('\n');
            manifest.push_str(entries);
        } else if careerbot::corpus::GUIDE_EXTENSIONS
            .iter()
            .any(|x| name.ends_with(&format!(".{x}")))
        {
            std::fs::copy(e.path(), d.seeds.join(&name)).unwrap();
        }
    }
    std::fs::write(d.seeds.join("sources.toml"), manifest).unwrap();
    d
}
