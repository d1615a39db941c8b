//! The PostgreSQL engine: the store's tables on a server that replicas on any number of hosts
//! share, reached through a pool of connections running on a small runtime of its own, behind the
//! same blocking [`Store`](super::Store) methods as SQLite.
//!
//! - **Crates.** `tokio-postgres` (the asynchronous client of the rust-postgres project) and
//!   `deadpool-postgres` (its usual pool), beside `rusqlite` for SQLite. `sqlx` would have put
//!   both engines behind one crate, but its SQLite driver links its own `libsqlite3-sys` (Cargo
//!   allows one crate linking `sqlite3` per build) and so would have meant rewriting the proven
//!   SQLite layer (the batch writer's connection, the read pool, the pragmas, the fault
//!   injection, and the tests and benches that open files with `rusqlite`); the two engines
//!   share no SQL in any case (types, upserts, `/gaps` differ).
//! - **Blocking facade.** The store's API is synchronous (callers reach it from tokio's blocking
//!   pool through [`Store::run`](super::Store::run), or from the batch writer's thread). Each
//!   call here is a future spawned on this engine's own runtime (two threads, `careerbot-pg`),
//!   its result sent back over a channel the calling thread waits on: that works from any thread
//!   (a blocking-pool thread, a plain thread, even an async worker, which it blocks as an SQLite
//!   call would), and it never needs the caller's runtime. Every call is bounded
//!   ([`CALL_TIMEOUT`]).
//! - **Durability.** A write is one transaction; its method returns `Ok` (or a batch writer
//!   acknowledgement arrives) once `COMMIT` returned, and with `synchronous_commit` on (the
//!   server's default; forced on for the bot's sessions if the server turned it off) that means
//!   the commit is in the server's write-ahead log on disk. `fsync = off` on the server cannot be
//!   overridden from a session: it is logged as a warning at start.
//! - **TLS.** `sslmode=require` (or libpq's `verify-ca` / `verify-full`) in the URL: the
//!   connection is TLS (rustls), the server's certificate verified against the web PKI roots and
//!   the CA certificates of `sslrootcert=FILE` (PEM), its name against the URL's host. Unlike
//!   libpq's `require`, an unverifiable certificate is refused. Otherwise the connection is plain
//!   TCP (no TLS attempt, as with `sslmode=disable`).
//! - **Several replicas.** Migrations run under a transaction-scoped advisory lock, so replicas
//!   starting together migrate once; everything else is plain transactions at `READ COMMITTED`,
//!   the same statements SQLite runs (upserts on the same unique keys).

mod answers;
mod conversations;
mod cooldowns;
mod curated;
mod library;
mod questions;
mod retention;
mod schema;
mod settings;

use std::future::Future;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use deadpool_postgres::{Manager, ManagerConfig, Pool, PoolError, RecyclingMethod, Runtime};
use tokio_postgres::config::SslMode;
use tokio_postgres::types::ToSql;
use tokio_postgres::{NoTls, Row};
use tokio_postgres_rustls::MakeRustlsConnect;

use super::StoreError;
use super::url::redact;

pub(super) use curated::PinRow;
pub(super) use retention::PgPrune;

/// Longest any one call may take (waiting for a connection included); past it the call fails
/// (a write that was not acknowledged may still commit, as with a lost connection).
pub(super) const CALL_TIMEOUT: Duration = Duration::from_secs(30);
/// Longest opening may take: connecting, checking the server's settings and migrating.
const OPEN_TIMEOUT: Duration = Duration::from_secs(300);
/// Connections a store keeps to the server at most (opened as needed). Reads and writes at once
/// are bounded by the threads that call the store: the HTTP handlers, the gateway's blocking
/// pool and the batch writer.
const POOL_SIZE: usize = 16;
/// How long a call waits for a free connection, or for a new one to open.
const POOL_WAIT: Duration = Duration::from_secs(10);
/// Connect timeout when the URL sets none.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// A parameter of a query, owned (a call's future outlives the caller's borrows).
pub(super) type Param = Box<dyn ToSql + Send + Sync>;

/// Owned query parameters: `params![a, b]`.
macro_rules! params {
    ($($p:expr),* $(,)?) => {
        vec![$(Box::new($p) as $crate::store::postgres::Param),*]
    };
}
pub(super) use params;

/// A PostgreSQL store's connections.
pub(super) struct Pg {
    pool: Pool,
    /// Runs every call's future and the connections' tasks. `None` once dropped.
    runtime: Option<tokio::runtime::Runtime>,
    /// Write transactions are begun `READ ONLY` ([`Store::refuse_writes`](super::Store::refuse_writes)).
    refuse_writes: AtomicBool,
    /// The URL, password hidden, for logs.
    described: String,
    /// How to open a connection of its own (the library's listener, `library.rs`).
    config: tokio_postgres::Config,
    /// How that connection reaches the server.
    tls: Tls,
}

impl std::fmt::Debug for Pg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pg")
            .field("url", &self.described)
            .field("pool", &self.pool.status())
            .finish_non_exhaustive()
    }
}

impl Drop for Pg {
    fn drop(&mut self) {
        // Dropping a runtime blocks, which tokio forbids on an async thread (a store may be
        // dropped there): let its threads finish in the background instead.
        if let Some(runtime) = self.runtime.take() {
            self.pool.close();
            runtime.shutdown_background();
        }
    }
}

impl Pg {
    /// Connects to the server `url` names, checks its durability settings and brings the schema
    /// up to date; connections for later calls open as they are needed.
    ///
    /// # Errors
    /// [`StoreError::Url`] for a URL libpq's rules refuse, [`StoreError::Postgres`] when the
    /// server cannot be reached or refuses the login, [`StoreError::Migration`] or
    /// [`StoreError::TooNew`] as for SQLite.
    pub(super) fn connect(url: &str) -> Result<Pg, StoreError> {
        let (libpq_url, root_cert) = tls_options(url);
        let mut config = tokio_postgres::Config::from_str(&libpq_url)
            .map_err(|e| StoreError::Url(format!("invalid PostgreSQL URL: {}", message(&e))))?;
        let tls = if config.get_ssl_mode() == SslMode::Require {
            Tls::Verified(connector(root_cert)?)
        } else {
            config.ssl_mode(SslMode::Disable);
            Tls::Off
        };
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        if config.get_application_name().is_none() {
            config.application_name("careerbot");
        }
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("careerbot-pg")
            .enable_all()
            .build()
            .map_err(|e| StoreError::Postgres {
                message: format!("cannot start the database runtime: {e}"),
                sqlstate: None,
            })?;
        let described = redact(url);
        let first = config.clone();
        let first_tls = tls.clone();
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        runtime.spawn(async move {
            let out = tokio::time::timeout(OPEN_TIMEOUT, schema::prepare(first, first_tls)).await;
            let _ = tx.send(
                out.unwrap_or_else(|_| Err(timed_out(OPEN_TIMEOUT, "connecting and migrating"))),
            );
        });
        let settings = rx.recv().unwrap_or_else(|_| Err(task_failed()))?;
        if !settings.synchronous_commit {
            tracing::warn!(
                database = %described,
                "the server runs with synchronous_commit off; the bot's sessions turn it on, so \
                 an acknowledged write is on the server's disk"
            );
            let options = config.get_options().unwrap_or_default().to_string();
            config.options(format!("{options} -c synchronous_commit=on").trim_start());
        }
        if !settings.fsync {
            tracing::warn!(
                database = %described,
                "the server runs with fsync off: a crash of its machine can lose acknowledged writes"
            );
        }
        let manager_config = ManagerConfig {
            recycling_method: RecyclingMethod::Fast,
        };
        let manager = match tls.clone() {
            Tls::Off => Manager::from_config(config.clone(), NoTls, manager_config),
            Tls::Verified(tls) => Manager::from_config(config.clone(), tls, manager_config),
        };
        let pool = Pool::builder(manager)
            .max_size(POOL_SIZE)
            .wait_timeout(Some(POOL_WAIT))
            .create_timeout(Some(POOL_WAIT))
            .recycle_timeout(Some(POOL_WAIT))
            .runtime(Runtime::Tokio1)
            .build()
            .map_err(|e| StoreError::Postgres {
                message: format!("cannot build the connection pool: {e}"),
                sqlstate: None,
            })?;
        tracing::debug!(database = %described, "store opened");
        Ok(Pg {
            pool,
            runtime: Some(runtime),
            refuse_writes: AtomicBool::new(false),
            described,
            config,
            tls,
        })
    }

    /// Runs `fut` on this engine's runtime and waits for it, at most [`CALL_TIMEOUT`].
    pub(super) fn block<T, F>(&self, fut: F) -> Result<T, StoreError>
    where
        F: Future<Output = Result<T, StoreError>> + Send + 'static,
        T: Send + 'static,
    {
        let Some(runtime) = &self.runtime else {
            return Err(task_failed());
        };
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        runtime.spawn(async move {
            let out = tokio::time::timeout(CALL_TIMEOUT, fut).await;
            let _ = tx.send(out.unwrap_or_else(|_| Err(timed_out(CALL_TIMEOUT, "a call"))));
        });
        // The sender is dropped unsent only if the future panicked.
        rx.recv().unwrap_or_else(|_| Err(task_failed()))
    }

    /// The pool, for a call's future.
    pub(super) fn pool(&self) -> Pool {
        self.pool.clone()
    }

    /// Whether write transactions are to be refused (begun `READ ONLY`).
    pub(super) fn refusing(&self) -> bool {
        self.refuse_writes.load(Ordering::SeqCst)
    }

    /// See [`Store::refuse_writes`](super::Store::refuse_writes).
    pub(super) fn refuse_writes(&self, refuse: bool) {
        self.refuse_writes.store(refuse, Ordering::SeqCst);
    }

    /// Rows of one read, on a pooled connection (a prepared statement cached per connection).
    pub(super) fn query(
        &self,
        sql: &'static str,
        params: Vec<Param>,
    ) -> Result<Vec<Row>, StoreError> {
        let pool = self.pool();
        self.block(async move {
            let client = pool.get().await?;
            let statement = client.prepare_cached(sql).await?;
            Ok(client.query(&statement, &refs(&params)).await?)
        })
    }

    /// One statement in a write transaction of its own; the rows it changed, once committed.
    pub(super) fn execute(&self, sql: &'static str, params: Vec<Param>) -> Result<u64, StoreError> {
        let pool = self.pool();
        let refuse = self.refusing();
        self.block(async move {
            let mut client = pool.get().await?;
            let tx = begin(&mut client, refuse).await?;
            let statement = tx.prepare_cached(sql).await?;
            let n = tx.execute(&statement, &refs(&params)).await?;
            tx.commit().await?;
            Ok(n)
        })
    }

    /// Runs raw SQL (tests: corrupting a row, counting rows).
    #[cfg(test)]
    pub(super) fn batch_execute(&self, sql: &str) -> Result<(), StoreError> {
        let pool = self.pool();
        let sql = sql.to_string();
        self.block(async move { Ok(pool.get().await?.batch_execute(&sql).await?) })
    }

    /// The first column of the first row of raw SQL, as `i64` (tests).
    #[cfg(test)]
    pub(super) fn query_i64(&self, sql: &str) -> Result<i64, StoreError> {
        let pool = self.pool();
        let sql = sql.to_string();
        self.block(async move { Ok(pool.get().await?.query_one(&sql, &[]).await?.get(0)) })
    }

    /// The store's tables, by name, less its own bookkeeping (`careerbot_*`; tests).
    #[cfg(test)]
    pub(super) fn table_names(&self) -> Result<Vec<String>, StoreError> {
        Ok(self
            .query(
                "SELECT table_name::text FROM information_schema.tables
                 WHERE table_schema = current_schema() AND left(table_name, 10) <> 'careerbot_'
                 ORDER BY table_name",
                params![],
            )?
            .iter()
            .map(|r| r.get(0))
            .collect())
    }

    /// The database's size in pages of 8 KiB.
    pub(super) fn page_count(&self) -> Result<u64, StoreError> {
        let rows = self.query(
            "SELECT pg_database_size(current_database())
                 / current_setting('block_size')::bigint",
            params![],
        )?;
        Ok(u64::try_from(rows[0].get::<_, i64>(0)).unwrap_or(0))
    }
}

/// How connections reach the server.
#[derive(Clone)]
pub(super) enum Tls {
    /// Plain TCP.
    Off,
    /// TLS, the server's certificate verified.
    Verified(MakeRustlsConnect),
}

/// The URL without the options the client library does not read, and the CA file named by
/// `sslrootcert`: libpq's `sslmode=verify-ca` and `verify-full` become `require` (which here
/// always verifies the certificate and the host name).
fn tls_options(url: &str) -> (String, Option<PathBuf>) {
    let Some((base, query)) = url.split_once('?') else {
        return (url.to_string(), None);
    };
    let mut root_cert = None;
    let mut kept = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        match pair.split_once('=') {
            Some(("sslrootcert", file)) => root_cert = Some(PathBuf::from(file)),
            Some(("sslmode", "verify-ca" | "verify-full")) => kept.push("sslmode=require"),
            _ => kept.push(pair),
        }
    }
    if kept.is_empty() {
        (base.to_string(), root_cert)
    } else {
        (format!("{base}?{}", kept.join("&")), root_cert)
    }
}

/// A TLS connector trusting the web PKI roots and the certificates of `root_cert` (PEM).
fn connector(root_cert: Option<PathBuf>) -> Result<MakeRustlsConnect, StoreError> {
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    if let Some(path) = root_cert {
        use rustls::pki_types::CertificateDer;
        use rustls::pki_types::pem::PemObject;
        let bad = |e: String| StoreError::Url(format!("sslrootcert {}: {e}", path.display()));
        let pem = std::fs::read(&path).map_err(|e| bad(e.to_string()))?;
        let mut added = 0;
        for cert in CertificateDer::pem_slice_iter(&pem) {
            roots
                .add(cert.map_err(|e| bad(e.to_string()))?)
                .map_err(|e| bad(e.to_string()))?;
            added += 1;
        }
        if added == 0 {
            return Err(bad("no certificate in the file".into()));
        }
    }
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| StoreError::Url(format!("TLS: {e}")))?
    .with_root_certificates(roots)
    .with_no_client_auth();
    Ok(MakeRustlsConnect::new(config))
}

/// Begins a write transaction, `READ ONLY` when writes are refused (so it fails as on a server
/// in recovery or a read-only user).
pub(super) async fn begin(
    client: &mut deadpool_postgres::Object,
    refuse: bool,
) -> Result<deadpool_postgres::Transaction<'_>, StoreError> {
    Ok(client.build_transaction().read_only(refuse).start().await?)
}

/// Borrowed views of owned parameters, as the client takes them.
pub(super) fn refs(params: &[Param]) -> Vec<&(dyn ToSql + Sync)> {
    params.iter().map(|p| &**p as &(dyn ToSql + Sync)).collect()
}

/// What went wrong, with the server's own message for an error it reported.
fn message(e: &tokio_postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        return format!("{}: {}", db.severity(), db.message());
    }
    match std::error::Error::source(e) {
        Some(source) => format!("{e}: {source}"),
        None => e.to_string(),
    }
}

fn timed_out(after: Duration, what: &str) -> StoreError {
    StoreError::Postgres {
        message: format!("{what} got no answer from the server within {after:?}"),
        sqlstate: None,
    }
}

fn task_failed() -> StoreError {
    StoreError::Postgres {
        message: "the database task failed (panicked, or the store is closing)".into(),
        sqlstate: None,
    }
}

impl From<tokio_postgres::Error> for StoreError {
    fn from(e: tokio_postgres::Error) -> StoreError {
        StoreError::Postgres {
            message: message(&e),
            sqlstate: e.code().map(|c| c.code().to_string()),
        }
    }
}

impl From<PoolError> for StoreError {
    fn from(e: PoolError) -> StoreError {
        match e {
            PoolError::Backend(e) => e.into(),
            other => StoreError::Postgres {
                message: format!("no database connection: {other}"),
                sqlstate: None,
            },
        }
    }
}

/// Whether `sqlstate` is an integrity constraint violation (class 23): bad input, not a sick
/// database.
pub(super) fn is_constraint(sqlstate: Option<&str>) -> bool {
    sqlstate.is_some_and(|s| s.starts_with("23"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;
    use crate::store::fixtures::cluster::Cluster;

    #[test]
    fn tls_options_are_split_off_for_the_client_library() {
        assert_eq!(
            tls_options("postgres://u:p@h/db"),
            ("postgres://u:p@h/db".to_string(), None)
        );
        assert_eq!(
            tls_options(
                "postgres://h/db?sslmode=verify-full&sslrootcert=/etc/ca.pem&connect_timeout=3"
            ),
            (
                "postgres://h/db?sslmode=require&connect_timeout=3".to_string(),
                Some(PathBuf::from("/etc/ca.pem"))
            )
        );
        assert_eq!(
            tls_options("postgres://h/db?sslrootcert=ca.pem"),
            ("postgres://h/db".to_string(), Some(PathBuf::from("ca.pem")))
        );
    }

    /// `sslmode=require` speaks TLS and verifies the server (an unknown CA is refused); without
    /// it the connection is plain.
    #[test]
    fn tls_is_used_and_verified_when_required() {
        let Some(cluster) = Cluster::start_tls() else {
            return;
        };
        let url = cluster.create_database();
        let ca = cluster.ca_file().unwrap().display().to_string();
        let encrypted = "SELECT COUNT(*) FROM pg_stat_ssl WHERE pid = pg_backend_pid() AND ssl";
        for mode in ["require", "verify-full"] {
            let s = Store::open_postgres(&format!("{url}?sslmode={mode}&sslrootcert={ca}"))
                .unwrap_or_else(|e| panic!("{mode}: {e}"));
            assert_eq!(s.query_raw(encrypted), 1, "{mode}: a TLS session");
            s.log_question(Some(1), "over TLS", 0.0, false, 1).unwrap();
            assert_eq!(s.gaps(1, 0, 5).unwrap().unanswered.len(), 1);
        }
        let e = Store::open_postgres(&format!("{url}?sslmode=require")).unwrap_err();
        assert!(
            e.to_string().contains("certificate") || e.to_string().contains("Issuer"),
            "a server certificate of an unknown CA is refused: {e}"
        );
        let plain = Store::open_postgres(&url).unwrap();
        assert_eq!(plain.query_raw(encrypted), 0, "no TLS unless required");
        let e = Store::open_postgres(&format!("{url}?sslmode=require&sslrootcert=/nonexistent"))
            .unwrap_err();
        assert!(matches!(e, StoreError::Url(_)), "{e:?}");
    }
}
