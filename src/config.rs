//! Settings, in one place: defaults, then `config.toml`, then environment variables. Only the
//! binary calls [`Config::load`] (with the real environment); everything else receives values.
//! `config.example.toml` documents every key; a test keeps the two in step.

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The config file read when none is named.
pub const DEFAULT_CONFIG_FILE: &str = "config.toml";
/// Environment variable naming the config file.
pub const CONFIG_ENV: &str = "CAREERBOT_CONFIG";

/// Why settings could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The named config file cannot be read.
    #[error("cannot read config file {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The config file is not valid.
    #[error("invalid config file {path}: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// What is wrong, with line and column.
        message: String,
    },
    /// An environment variable has a value of the wrong type.
    #[error("invalid value for {var}: {message}")]
    Env {
        /// The variable.
        var: &'static str,
        /// What is wrong.
        message: String,
    },
}

/// Where the guides and the index live.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LibraryConfig {
    /// Directory of guide files and `sources.toml`. When it is the default and does not exist,
    /// the guides built into the binary are used.
    pub seeds_dir: PathBuf,
    /// Directory of the on-disk index.
    pub index_dir: PathBuf,
    /// Indexing threads.
    pub index_threads: usize,
}

impl Default for LibraryConfig {
    fn default() -> Self {
        LibraryConfig {
            seeds_dir: PathBuf::from("seeds"),
            index_dir: PathBuf::from("index"),
            index_threads: 1,
        }
    }
}

/// How answers are searched and shown.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SearchConfig {
    /// Passages per answer.
    pub limit: usize,
    /// Visible characters per snippet.
    pub snippet_chars: usize,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig {
            limit: 5,
            snippet_chars: crate::snippet::DEFAULT_SNIPPET_CHARS,
        }
    }
}

/// All settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Guides and index.
    pub library: LibraryConfig,
    /// Search and snippets.
    pub search: SearchConfig,
}

impl Config {
    /// Loads settings: defaults, then the config file, then environment variables.
    ///
    /// The file is `path` if given, else `$CAREERBOT_CONFIG`, else `config.toml` when it exists.
    /// A named file that does not exist is an error; a missing default file is not.
    ///
    /// # Errors
    /// When a named file cannot be read, the file is invalid, or a variable has a bad value.
    pub fn load(
        path: Option<&Path>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        let named = path
            .map(Path::to_path_buf)
            .or_else(|| env(CONFIG_ENV).map(PathBuf::from));
        let mut config = match named {
            Some(p) => Config::from_file(&p)?,
            None if Path::new(DEFAULT_CONFIG_FILE).exists() => {
                Config::from_file(Path::new(DEFAULT_CONFIG_FILE))?
            }
            None => Config::default(),
        };
        config.apply_env(env)?;
        Ok(config)
    }

    /// Parses one config file.
    ///
    /// # Errors
    /// When it cannot be read or is invalid.
    pub fn from_file(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        toml::from_str(&text).map_err(|e| ConfigError::Parse {
            path: path.to_path_buf(),
            message: e.to_string(),
        })
    }

    fn apply_env(&mut self, env: impl Fn(&str) -> Option<String>) -> Result<(), ConfigError> {
        if let Some(v) = env("CAREERBOT_SEEDS_DIR") {
            self.library.seeds_dir = PathBuf::from(v);
        }
        if let Some(v) = env("CAREERBOT_INDEX_DIR") {
            self.library.index_dir = PathBuf::from(v);
        }
        if let Some(v) = env("CAREERBOT_INDEX_THREADS") {
            self.library.index_threads = parse_env("CAREERBOT_INDEX_THREADS", &v)?;
        }
        if let Some(v) = env("CAREERBOT_SEARCH_LIMIT") {
            self.search.limit = parse_env("CAREERBOT_SEARCH_LIMIT", &v)?;
        }
        if let Some(v) = env("CAREERBOT_SNIPPET_CHARS") {
            self.search.snippet_chars = parse_env("CAREERBOT_SNIPPET_CHARS", &v)?;
        }
        Ok(())
    }

    /// Whether the seeds directory is the default one (so the embedded guides may stand in).
    pub fn seeds_dir_is_default(&self) -> bool {
        self.library.seeds_dir == LibraryConfig::default().seeds_dir
    }
}

fn parse_env<T: std::str::FromStr>(var: &'static str, value: &str) -> Result<T, ConfigError>
where
    T::Err: std::fmt::Display,
{
    value.trim().parse().map_err(|e: T::Err| ConfigError::Env {
        var,
        message: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn example_config_documents_every_key_and_parses() {
        let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/config.example.toml"));
        let parsed = Config::from_file(path).unwrap();
        assert_eq!(parsed, Config::default(), "the example shows the defaults");
        let text = std::fs::read_to_string(path).unwrap();
        for key in [
            "seeds_dir",
            "index_dir",
            "index_threads",
            "limit",
            "snippet_chars",
        ] {
            assert!(
                text.contains(&format!("{key} =")),
                "config.example.toml lacks {key}"
            );
        }
    }

    #[test]
    fn file_then_env() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("c.toml");
        std::fs::write(
            &file,
            "[library]\nseeds_dir = \"guides\"\n[search]\nlimit = 3\n",
        )
        .unwrap();
        let c = Config::load(Some(&file), env(&[])).unwrap();
        assert_eq!(c.library.seeds_dir, PathBuf::from("guides"));
        assert_eq!(c.search.limit, 3);
        let c = Config::load(
            Some(&file),
            env(&[
                ("CAREERBOT_SEARCH_LIMIT", "7"),
                ("CAREERBOT_INDEX_DIR", "/tmp/i"),
            ]),
        )
        .unwrap();
        assert_eq!(c.search.limit, 7);
        assert_eq!(c.library.index_dir, PathBuf::from("/tmp/i"));
        let c = Config::load(None, env(&[(CONFIG_ENV, file.to_str().unwrap())])).unwrap();
        assert_eq!(c.search.limit, 3);
    }

    #[test]
    fn errors_are_clear() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope.toml");
        assert!(matches!(
            Config::load(Some(&missing), env(&[])),
            Err(ConfigError::Read { .. })
        ));
        let bad = dir.path().join("bad.toml");
        std::fs::write(&bad, "[library]\nseeds = 1\n").unwrap();
        let err = Config::load(Some(&bad), env(&[])).unwrap_err();
        assert!(err.to_string().contains("seeds"), "{err}");
        let err = Config::load(None, env(&[("CAREERBOT_SEARCH_LIMIT", "many")])).unwrap_err();
        assert!(err.to_string().contains("CAREERBOT_SEARCH_LIMIT"), "{err}");
    }
}
