//! The guide manifest, `sources.toml`: a human title (and optionally author, publisher, url) for
//! each guide file.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// What the manifest says about one guide.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceInfo {
    /// The guide's file name.
    pub file: String,
    /// Title shown in citations.
    pub title: Option<String>,
    /// Who wrote it.
    pub author: Option<String>,
    /// Who published it.
    pub publisher: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ManifestFile {
    #[serde(default)]
    guide: Vec<SourceInfo>,
}

/// The parsed manifest: file name → entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    entries: HashMap<String, SourceInfo>,
}

impl Manifest {
    /// Parses `sources.toml` text; empty text is an empty manifest.
    ///
    /// # Errors
    /// A message naming the problem when the TOML is invalid or a file is listed twice.
    pub fn parse(text: &str) -> Result<Manifest, String> {
        let file: ManifestFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut entries = HashMap::new();
        for info in file.guide {
            if info.file.trim().is_empty() {
                return Err("a [[guide]] entry has an empty `file`".to_string());
            }
            if let Some(old) = entries.insert(info.file.clone(), info) {
                return Err(format!("{} is listed twice", old.file));
            }
        }
        Ok(Manifest { entries })
    }

    /// The entry for a guide file, if any.
    pub fn get(&self, file: &str) -> Option<&SourceInfo> {
        self.entries.get(file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_entries_and_rejects_duplicates() {
        let m = Manifest::parse("[[guide]]\nfile = \"a.txt\"\ntitle = \"A\"\n").unwrap();
        assert_eq!(m.get("a.txt").unwrap().title.as_deref(), Some("A"));
        assert!(m.get("b.txt").is_none());
        assert!(Manifest::parse("").unwrap().get("a.txt").is_none());
        assert!(
            Manifest::parse("[[guide]]\nfile = \"a.txt\"\n[[guide]]\nfile = \"a.txt\"\n").is_err()
        );
        assert!(Manifest::parse("[[guide]]\nfile = \"\"\n").is_err());
        assert!(Manifest::parse("[[guide]]\nfile = \"a\"\ncolour = 1\n").is_err());
    }
}
