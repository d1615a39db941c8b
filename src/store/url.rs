//! Database URLs: which engine `database.url` names and where, and the same URL with its password
//! hidden, the only form of it that is ever logged or shown.

use std::path::{Path, PathBuf};

use super::StoreError;

/// The SQLite file inside the data directory when no URL names another.
pub const SQLITE_FILE: &str = "careerbot.sqlite3";

/// Where the store lives, as `database.url` says.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// An SQLite file: `sqlite://PATH` (`sqlite:///abs/path.db`, `sqlite://rel/path.db`), or,
    /// with no URL (or a bare `sqlite://`), [`SQLITE_FILE`] in the data directory.
    SqliteFile(PathBuf),
    /// A private in-memory SQLite database: `sqlite::memory:` (tests, trials).
    SqliteMemory,
    /// A PostgreSQL server: `postgres://` or `postgresql://` URL, as libpq reads it.
    Postgres(String),
}

/// Written with its password hidden.
impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

impl DatabaseUrl {
    /// Reads `url` (absent or blank: the SQLite file in `data_dir`).
    ///
    /// # Errors
    /// [`StoreError::Url`] for a scheme other than `sqlite` and `postgres`/`postgresql`, or an
    /// SQLite URL with options. The message never repeats the URL past its scheme.
    pub fn parse(url: Option<&str>, data_dir: &Path) -> Result<DatabaseUrl, StoreError> {
        let url = url.map(str::trim).unwrap_or_default();
        if url.is_empty() || url == "sqlite://" || url == "sqlite:" {
            return Ok(DatabaseUrl::SqliteFile(data_dir.join(SQLITE_FILE)));
        }
        if url == "sqlite::memory:" || url == "sqlite://:memory:" {
            return Ok(DatabaseUrl::SqliteMemory);
        }
        if let Some(path) = url.strip_prefix("sqlite://") {
            if path.contains(['?', '#']) {
                return Err(StoreError::Url(
                    "sqlite:// URLs take a path only, no options".into(),
                ));
            }
            return Ok(DatabaseUrl::SqliteFile(PathBuf::from(path)));
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(DatabaseUrl::Postgres(url.to_string()));
        }
        let scheme = url.split_once(':').map_or("", |(s, _)| s);
        let scheme: String = scheme
            .chars()
            .take(20)
            .filter(|c| c.is_ascii_alphanumeric() || "+-.".contains(*c))
            .collect();
        Err(StoreError::Url(format!(
            "unknown database URL scheme {scheme:?}: expected sqlite://PATH or postgres://…"
        )))
    }

    /// The engine and place, for logs and errors, never with a password.
    pub fn describe(&self) -> String {
        match self {
            DatabaseUrl::SqliteFile(path) => format!("SQLite file {}", path.display()),
            DatabaseUrl::SqliteMemory => "SQLite in memory".into(),
            DatabaseUrl::Postgres(url) => format!("PostgreSQL {}", redact(url)),
        }
    }
}

/// `url` with the password of its user part and any `password=` option replaced by `***`, so it
/// can be logged: `postgres://bot:s3cret@db/careerbot` → `postgres://bot:***@db/careerbot`.
pub fn redact(url: &str) -> String {
    let (scheme, rest) = match url.split_once("://") {
        Some((scheme, rest)) => (Some(scheme), rest),
        None => (None, url),
    };
    // The authority ends at the first '/', '?' or '#'; its user part at its last '@'.
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let authority = match authority.rsplit_once('@') {
        Some((user, host)) => match user.split_once(':') {
            Some((name, _password)) => format!("{name}:***@{host}"),
            None => format!("{user}@{host}"),
        },
        None => authority.to_string(),
    };
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let query: Vec<String> = query
                .split('&')
                .map(|pair| match pair.split_once('=') {
                    Some((key, _)) if key.eq_ignore_ascii_case("password") => {
                        format!("{key}=***")
                    }
                    _ => pair.to_string(),
                })
                .collect();
            format!("{path}?{}", query.join("&"))
        }
        None => tail.to_string(),
    };
    match scheme {
        Some(scheme) => format!("{scheme}://{authority}{tail}"),
        None => format!("{authority}{tail}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_name_the_engine_and_the_default_is_the_file_in_the_data_dir() {
        let data = Path::new("/srv/bot/data");
        let default = DatabaseUrl::SqliteFile(data.join(SQLITE_FILE));
        for url in [
            None,
            Some(""),
            Some("  "),
            Some("sqlite://"),
            Some("sqlite:"),
        ] {
            assert_eq!(DatabaseUrl::parse(url, data).unwrap(), default, "{url:?}");
        }
        assert_eq!(
            DatabaseUrl::parse(Some("sqlite:///var/lib/careerbot/bot.db"), data).unwrap(),
            DatabaseUrl::SqliteFile(PathBuf::from("/var/lib/careerbot/bot.db"))
        );
        assert_eq!(
            DatabaseUrl::parse(Some("sqlite://rel/bot.db"), data).unwrap(),
            DatabaseUrl::SqliteFile(PathBuf::from("rel/bot.db"))
        );
        assert_eq!(
            DatabaseUrl::parse(Some("sqlite::memory:"), data).unwrap(),
            DatabaseUrl::SqliteMemory
        );
        for url in [
            "postgres://bot:pw@127.0.0.1:5432/careerbot",
            "postgresql://db.internal/careerbot?sslmode=require",
        ] {
            assert_eq!(
                DatabaseUrl::parse(Some(url), data).unwrap(),
                DatabaseUrl::Postgres(url.into())
            );
        }
    }

    #[test]
    fn bad_urls_are_refused_without_repeating_them() {
        let data = Path::new("data");
        for url in [
            "mysql://root:hunter2@db/x",
            "hunter2",
            "sqlite://bot.db?mode=ro&password=hunter2",
        ] {
            let e = DatabaseUrl::parse(Some(url), data).unwrap_err().to_string();
            assert!(!e.contains("hunter2"), "{e}");
        }
        let e = DatabaseUrl::parse(Some("mysql://x"), data).unwrap_err();
        assert!(e.to_string().contains("\"mysql\""), "{e}");
    }

    #[test]
    fn passwords_are_redacted() {
        for (url, shown) in [
            (
                "postgres://bot:s3cr%40t@db.internal:5432/careerbot",
                "postgres://bot:***@db.internal:5432/careerbot",
            ),
            (
                "postgres://bot@db/careerbot?sslmode=require&password=s3cret",
                "postgres://bot@db/careerbot?sslmode=require&password=***",
            ),
            ("postgres://db/careerbot", "postgres://db/careerbot"),
            ("postgresql://a:b@c@host/d", "postgresql://a:***@host/d"),
            ("postgres://u:p@h", "postgres://u:***@h"),
        ] {
            assert_eq!(redact(url), shown);
        }
        let url = DatabaseUrl::Postgres("postgres://bot:s3cret@db/careerbot".into());
        assert!(!format!("{url:?} {}", url.describe()).contains("s3cret"));
    }
}
