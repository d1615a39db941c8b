//! A throwaway bot home: a copy of the shipped guides, and where the index and data will go.

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
