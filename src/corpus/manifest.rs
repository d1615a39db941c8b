//! The guide manifest, `sources.toml`: a human title (and optionally author, publisher, url and
//! the career it is about) for each guide file. A key this version does not know is a warning
//! naming it, never a library that fails to index.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

/// What the manifest says about one guide.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
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
    /// The career the guide is about ("Electrician"); inferred from the title when absent.
    pub career: Option<String>,
    /// Keys this version does not know (reported as warnings).
    #[serde(flatten, skip_serializing)]
    pub unknown: BTreeMap<String, toml::Value>,
}

#[derive(Deserialize)]
struct ManifestFile {
    #[serde(default)]
    guide: Vec<SourceInfo>,
    #[serde(flatten)]
    unknown: BTreeMap<String, toml::Value>,
}

/// The parsed manifest: file name → entry.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Manifest {
    entries: HashMap<String, SourceInfo>,
    /// What was ignored, for people: unknown keys, by where they were.
    pub warnings: Vec<String>,
}

impl Manifest {
    /// Parses `sources.toml` text; empty text is an empty manifest.
    ///
    /// # Errors
    /// A message naming the problem when the TOML is invalid or a file is listed twice.
    pub fn parse(text: &str) -> Result<Manifest, String> {
        let file: ManifestFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut entries = HashMap::new();
        let mut warnings: Vec<String> = file
            .unknown
            .keys()
            .map(|k| format!("unknown key `{k}` ignored (the manifest has only [[guide]] entries)"))
            .collect();
        for mut info in file.guide {
            if info.file.trim().is_empty() {
                return Err("a [[guide]] entry has an empty `file`".to_string());
            }
            for key in std::mem::take(&mut info.unknown).into_keys() {
                warnings.push(format!("{}: unknown key `{key}` ignored", info.file));
            }
            if let Some(url) = info.url.take() {
                match super::link::web_link(&url) {
                    Ok(link) => info.url = Some(link),
                    Err(why) => warnings.push(format!("{}: url ignored: {why}", info.file)),
                }
            }
            info.career = info
                .career
                .as_deref()
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_string);
            if let Some(old) = entries.insert(info.file.clone(), info) {
                return Err(format!("{} is listed twice", old.file));
            }
        }
        for w in &warnings {
            tracing::warn!(warning = %w, "sources.toml");
        }
        Ok(Manifest { entries, warnings })
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
    }

    #[test]
    fn careers_are_read_and_unknown_keys_are_warnings() {
        let m = Manifest::parse(
            "[[guide]]\nfile = \"a\"\ncareer = \" Electrician \"\ncolour = 1\n[[guide]]\nfile = \"b\"\ncareer = \"\"\n[extra]\nx = 1\n",
        )
        .unwrap();
        assert_eq!(m.get("a").unwrap().career.as_deref(), Some("Electrician"));
        assert_eq!(m.get("b").unwrap().career, None);
        assert_eq!(m.warnings.len(), 2, "{:?}", m.warnings);
        assert!(
            m.warnings
                .iter()
                .any(|w| w.contains("a: unknown key `colour`"))
        );
        assert!(m.warnings.iter().any(|w| w.contains("`extra`")));
    }

    #[test]
    fn urls_are_web_links_or_a_warning() {
        let m = Manifest::parse(
            "[[guide]]\nfile = \"a\"\nurl = \" https://example.org/a \"\n[[guide]]\nfile = \"b\"\nurl = \"javascript:alert(1)\"\n",
        )
        .unwrap();
        assert_eq!(
            m.get("a").unwrap().url.as_deref(),
            Some("https://example.org/a")
        );
        assert_eq!(m.get("b").unwrap().url, None);
        assert!(
            m.warnings.iter().any(|w| w.starts_with("b: url ignored")),
            "{:?}",
            m.warnings
        );
    }
}
