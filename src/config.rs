//! Settings, in one place: defaults, then `config.toml`, then environment variables. Only the
//! binary calls [`Config::load`] (with the real environment); everything else receives values.
//! `config.example.toml` documents every key; a test keeps the two in step.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

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
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct LibraryConfig {
    /// Directory of guide files and `sources.toml`. When it is the default and does not exist,
    /// the guides built into the binary are used.
    pub seeds_dir: PathBuf,
    /// Directory of the on-disk index.
    pub index_dir: PathBuf,
    /// Indexing threads.
    pub index_threads: usize,
    /// Directory of vocabulary files replacing the shipped ones by name (synonyms.toml,
    /// skills.toml, tracks.toml, careers.toml, levels.toml, questions.toml); empty: the shipped
    /// vocabulary.
    pub vocabulary_dir: PathBuf,
}

impl Default for LibraryConfig {
    fn default() -> Self {
        LibraryConfig {
            seeds_dir: PathBuf::from("seeds"),
            index_dir: PathBuf::from("index"),
            index_threads: 1,
            vocabulary_dir: PathBuf::new(),
        }
    }
}

/// How answers are searched and shown.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
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
            snippet_chars: crate::search::snippet::DEFAULT_SNIPPET_CHARS,
        }
    }
}

/// A secret (token, key): never printed, not even by `{:?}`.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The secret itself, for the one place that sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// Written as `***`, never as itself (settings are serialised only to list their keys).
impl Serialize for Secret {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str("***")
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// How to reach Discord.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct DiscordConfig {
    /// Bot token (required for `run` and `register`).
    pub token: Option<Secret>,
    /// Application id; taken from READY (or the token's application) when absent.
    pub application_id: Option<u64>,
    /// Register commands in this guild (instant, for development) instead of globally.
    pub guild_id: Option<u64>,
    /// Base URL replacing `https://discord.com` for every REST call (a rate-limit proxy, or the
    /// tests' fake Discord).
    pub api_base: Option<String>,
    /// Ed25519 public key of the application (hex), for the HTTP interactions endpoint.
    pub public_key: Option<String>,
}

/// Who may do what, and the bot's own state.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct BotConfig {
    /// Directory of the bot's database (curated answers, feedback, question log).
    pub data_dir: PathBuf,
    /// Roles whose members are admins (reindex, sources), besides the Administrator permission.
    pub admin_role_ids: Vec<u64>,
    /// Users who are admins.
    pub admin_user_ids: Vec<u64>,
    /// Roles whose members are moderators (pin, gaps), besides Manage/Pin Messages.
    pub moderator_role_ids: Vec<u64>,
    /// Users who are moderators.
    pub moderator_user_ids: Vec<u64>,
    /// Seconds a member waits between two questions (0: no cooldown).
    pub cooldown_seconds: u64,
    /// Seconds during which the same question in the same channel points to the earlier answer.
    pub duplicate_window_seconds: u64,
    /// Register the commands when the gateway connects (`run`).
    pub register_on_start: bool,
    /// Days answers, votes and logged questions are kept (0: no age limit). Pinned answers are
    /// kept for ever.
    pub retention_days: u64,
    /// Most questions kept in the question log behind `/gaps`, the newest (0: no limit).
    pub max_logged_questions: u64,
    /// Most answers kept, the newest (0: no limit); an older answer's buttons say it is too old.
    pub max_stored_answers: u64,
    /// Deferred work (a chart, a reindex, a download, a pin) running at once; past it, the
    /// member is told the bot is busy.
    pub max_deferred_work: usize,
    /// Minutes a follow-up conversation stays open without a new turn; a follow-up after that
    /// starts afresh, and the retention job deletes it.
    pub conversation_idle_minutes: u64,
    /// Most turns a conversation keeps (the oldest are dropped; at least 2).
    pub conversation_max_turns: usize,
}

impl Default for BotConfig {
    fn default() -> Self {
        BotConfig {
            data_dir: PathBuf::from("data"),
            admin_role_ids: Vec::new(),
            admin_user_ids: Vec::new(),
            moderator_role_ids: Vec::new(),
            moderator_user_ids: Vec::new(),
            cooldown_seconds: 5,
            duplicate_window_seconds: 120,
            register_on_start: true,
            retention_days: 180,
            max_logged_questions: 500_000,
            max_stored_answers: 250_000,
            max_deferred_work: 16,
            conversation_idle_minutes: 60,
            conversation_max_turns: 10,
        }
    }
}

/// Where the bot's database lives.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct DatabaseConfig {
    /// `sqlite://PATH` (embedded, one host) or `postgres://USER:PASSWORD@HOST:PORT/DB` (shared
    /// by replicas on several hosts). Absent: the SQLite file `careerbot.sqlite3` in
    /// `bot.data_dir`. A secret (it may hold a password): never printed; logs show it redacted.
    pub url: Option<Secret>,
    /// On PostgreSQL, seconds between two reads of the shared library's version, besides the
    /// changes `LISTEN` hears at once (the fallback when that connection is down), 1 to 300.
    pub library_poll_seconds: u64,
}

impl Default for DatabaseConfig {
    fn default() -> Self {
        DatabaseConfig {
            url: None,
            library_poll_seconds: 3,
        }
    }
}

impl DatabaseConfig {
    /// How often the shared library's version is polled, within 1 s to 5 min.
    pub fn library_poll(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.library_poll_seconds.clamp(1, 300))
    }
}

/// How the HTTP interactions endpoint (`serve`) treats connections.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct HttpConfig {
    /// Connections open at once; a new one past it is closed at once. Lowered at start to
    /// what the process's file limit allows.
    pub max_connections: usize,
    /// Seconds a client has to send a request's headers, from connecting or from the previous
    /// response (so also how long a kept-alive connection may stay idle).
    pub header_timeout_seconds: u64,
    /// Seconds a client has to send a request's body once its headers are in.
    pub body_timeout_seconds: u64,
}

impl Default for HttpConfig {
    fn default() -> Self {
        HttpConfig {
            max_connections: 512,
            header_timeout_seconds: 10,
            body_timeout_seconds: 10,
        }
    }
}

/// All settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Guides and index.
    pub library: LibraryConfig,
    /// Search and snippets.
    pub search: SearchConfig,
    /// Discord connection.
    pub discord: DiscordConfig,
    /// Bot behaviour and permissions.
    pub bot: BotConfig,
    /// The database.
    pub database: DatabaseConfig,
    /// The HTTP endpoint's connections.
    pub http: HttpConfig,
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
        if let Some(v) = env("CAREERBOT_VOCABULARY_DIR") {
            self.library.vocabulary_dir = PathBuf::from(v);
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
        if let Some(v) = env("DISCORD_TOKEN").filter(|v| !v.trim().is_empty()) {
            self.discord.token = Some(Secret::new(v.trim()));
        }
        if let Some(v) = env("DISCORD_APPLICATION_ID") {
            self.discord.application_id = Some(parse_env("DISCORD_APPLICATION_ID", &v)?);
        }
        if let Some(v) = env("DISCORD_GUILD_ID") {
            self.discord.guild_id = Some(parse_env("DISCORD_GUILD_ID", &v)?);
        }
        if let Some(v) = env("DISCORD_API_BASE") {
            self.discord.api_base = Some(v.trim().trim_end_matches('/').to_string());
        }
        if let Some(v) = env("DISCORD_PUBLIC_KEY") {
            self.discord.public_key = Some(v.trim().to_string());
        }
        if let Some(v) = env("CAREERBOT_DATA_DIR") {
            self.bot.data_dir = PathBuf::from(v);
        }
        if let Some(v) = env("CAREERBOT_DATABASE_URL") {
            self.database.url = Some(Secret::new(v.trim())).filter(|s| !s.expose().is_empty());
        }
        if let Some(v) = env("CAREERBOT_LIBRARY_POLL_SECONDS") {
            self.database.library_poll_seconds = parse_env("CAREERBOT_LIBRARY_POLL_SECONDS", &v)?;
        }
        for (var, list) in [
            ("CAREERBOT_ADMIN_ROLE_IDS", &mut self.bot.admin_role_ids),
            ("CAREERBOT_ADMIN_USER_IDS", &mut self.bot.admin_user_ids),
            (
                "CAREERBOT_MODERATOR_ROLE_IDS",
                &mut self.bot.moderator_role_ids,
            ),
            (
                "CAREERBOT_MODERATOR_USER_IDS",
                &mut self.bot.moderator_user_ids,
            ),
        ] {
            if let Some(v) = env(var) {
                *list = parse_id_list(var, &v)?;
            }
        }
        if let Some(v) = env("CAREERBOT_COOLDOWN_SECONDS") {
            self.bot.cooldown_seconds = parse_env("CAREERBOT_COOLDOWN_SECONDS", &v)?;
        }
        if let Some(v) = env("CAREERBOT_DUPLICATE_WINDOW_SECONDS") {
            self.bot.duplicate_window_seconds =
                parse_env("CAREERBOT_DUPLICATE_WINDOW_SECONDS", &v)?;
        }
        if let Some(v) = env("CAREERBOT_REGISTER_ON_START") {
            self.bot.register_on_start = parse_env("CAREERBOT_REGISTER_ON_START", &v)?;
        }
        for (var, value) in [
            ("CAREERBOT_RETENTION_DAYS", &mut self.bot.retention_days),
            (
                "CAREERBOT_MAX_LOGGED_QUESTIONS",
                &mut self.bot.max_logged_questions,
            ),
            (
                "CAREERBOT_MAX_STORED_ANSWERS",
                &mut self.bot.max_stored_answers,
            ),
        ] {
            if let Some(v) = env(var) {
                *value = parse_env(var, &v)?;
            }
        }
        if let Some(v) = env("CAREERBOT_MAX_DEFERRED_WORK") {
            self.bot.max_deferred_work = parse_env("CAREERBOT_MAX_DEFERRED_WORK", &v)?;
        }
        if let Some(v) = env("CAREERBOT_CONVERSATION_IDLE_MINUTES") {
            self.bot.conversation_idle_minutes =
                parse_env("CAREERBOT_CONVERSATION_IDLE_MINUTES", &v)?;
        }
        if let Some(v) = env("CAREERBOT_CONVERSATION_MAX_TURNS") {
            self.bot.conversation_max_turns = parse_env("CAREERBOT_CONVERSATION_MAX_TURNS", &v)?;
        }
        if let Some(v) = env("CAREERBOT_HTTP_MAX_CONNECTIONS") {
            self.http.max_connections = parse_env("CAREERBOT_HTTP_MAX_CONNECTIONS", &v)?;
        }
        if let Some(v) = env("CAREERBOT_HTTP_HEADER_TIMEOUT_SECONDS") {
            self.http.header_timeout_seconds =
                parse_env("CAREERBOT_HTTP_HEADER_TIMEOUT_SECONDS", &v)?;
        }
        if let Some(v) = env("CAREERBOT_HTTP_BODY_TIMEOUT_SECONDS") {
            self.http.body_timeout_seconds = parse_env("CAREERBOT_HTTP_BODY_TIMEOUT_SECONDS", &v)?;
        }
        Ok(())
    }

    /// Whether the seeds directory is the default one (so the embedded guides may stand in).
    pub fn seeds_dir_is_default(&self) -> bool {
        self.library.seeds_dir == LibraryConfig::default().seeds_dir
    }
}

/// A comma-separated list of Discord ids ("123, 456").
fn parse_id_list(var: &'static str, value: &str) -> Result<Vec<u64>, ConfigError> {
    value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| parse_env(var, s))
        .collect()
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
        // Every key of every section (optional ones included: JSON keeps `null`s) appears in
        // its section of the example, set or commented out.
        let every = serde_json::to_value(Config::default()).unwrap();
        for (section, keys) in every.as_object().unwrap() {
            let start = text
                .find(&format!("[{section}]"))
                .unwrap_or_else(|| panic!("config.example.toml lacks [{section}]"));
            let body = &text[start..];
            let body = &body[..body[1..].find("\n[").map_or(body.len(), |e| e + 1)];
            for key in keys.as_object().unwrap().keys() {
                let documented = body.lines().any(|l| {
                    let l = l.trim_start_matches(['#', ' ']);
                    l.starts_with(&format!("{key} ="))
                });
                assert!(documented, "config.example.toml lacks {section}.{key}");
            }
        }
        // And every key shown, commented out or not, is one the settings know.
        let uncommented: String = text
            .lines()
            .map(|l| match l.strip_prefix("# ") {
                Some(rest)
                    if rest.split_once(" =").is_some_and(|(k, _)| {
                        !k.is_empty() && k.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                    }) =>
                {
                    rest
                }
                _ => l,
            })
            .map(|l| format!("{l}\n"))
            .collect();
        toml::from_str::<Config>(&uncommented).unwrap_or_else(|e| panic!("{e}"));
    }

    #[test]
    fn retention_settings_from_file_and_env() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("c.toml");
        std::fs::write(
            &file,
            "[bot]\nretention_days = 30\nmax_logged_questions = 1000\n",
        )
        .unwrap();
        let c = Config::load(Some(&file), env(&[("CAREERBOT_MAX_STORED_ANSWERS", "0")])).unwrap();
        assert_eq!(
            (
                c.bot.retention_days,
                c.bot.max_logged_questions,
                c.bot.max_stored_answers
            ),
            (30, 1000, 0)
        );
        assert!(Config::load(None, env(&[("CAREERBOT_RETENTION_DAYS", "-1")])).is_err());
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
    fn the_database_url_from_file_and_env_stays_hidden() {
        assert_eq!(Config::default().database.url, None, "SQLite in data_dir");
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("c.toml");
        std::fs::write(
            &file,
            "[database]\nurl = \"postgres://bot:filepw@db/careerbot\"\n",
        )
        .unwrap();
        let c = Config::load(Some(&file), env(&[])).unwrap();
        assert_eq!(
            c.database.url.as_ref().unwrap().expose(),
            "postgres://bot:filepw@db/careerbot"
        );
        let c = Config::load(
            Some(&file),
            env(&[(
                "CAREERBOT_DATABASE_URL",
                " postgres://bot:envpw@db2/careerbot ",
            )]),
        )
        .unwrap();
        assert_eq!(
            c.database.url.as_ref().unwrap().expose(),
            "postgres://bot:envpw@db2/careerbot"
        );
        let shown = format!("{c:?} {}", serde_json::to_string(&c).unwrap());
        assert!(!shown.contains("envpw"), "the password leaks: {shown}");
        // A blank variable means the default (SQLite), not an empty URL.
        let c = Config::load(Some(&file), env(&[("CAREERBOT_DATABASE_URL", " ")])).unwrap();
        assert_eq!(c.database.url, None);
    }

    #[test]
    fn discord_settings_from_env_and_secrets_stay_hidden() {
        let c = Config::load(
            None,
            env(&[
                ("DISCORD_TOKEN", "abc.def.ghi"),
                ("DISCORD_APPLICATION_ID", "42"),
                ("DISCORD_API_BASE", "http://127.0.0.1:9/"),
                ("CAREERBOT_MODERATOR_ROLE_IDS", "1, 2,3"),
            ]),
        )
        .unwrap();
        assert_eq!(c.discord.token.as_ref().unwrap().expose(), "abc.def.ghi");
        assert_eq!(c.discord.application_id, Some(42));
        assert_eq!(c.discord.api_base.as_deref(), Some("http://127.0.0.1:9"));
        assert_eq!(c.bot.moderator_role_ids, vec![1, 2, 3]);
        assert!(
            !format!("{c:?}").contains("abc.def.ghi"),
            "the token leaks through Debug"
        );
        assert!(Config::load(None, env(&[("CAREERBOT_ADMIN_USER_IDS", "1,x")])).is_err());
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
