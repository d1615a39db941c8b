//! A throwaway PostgreSQL cluster for tests: made by `initdb` in a temporary directory, served by
//! `postgres` on a free port of 127.0.0.1, and stopped (its directory removed) when its guard is
//! dropped, or, for the cluster a test process shares, when the process exits.
//!
//! The server binaries are looked for on `PATH`, then in `/usr/lib/postgresql/*/bin` (where
//! Debian's `postgresql` package puts them). Where there are none, [`Cluster::start`] and
//! [`fresh_database`] return `None` after printing a loud "SKIPPED: PostgreSQL not installed"
//! line, and the tests that need a server pass without it (`CAREERBOT_TEST_POSTGRES=off` skips
//! them the same way where PostgreSQL is installed). Run as root, `initdb` and `postgres`
//! run as `nobody` (PostgreSQL refuses root), the directory handed over to that user.
//!
//! Safety nets: the server is a direct child of a thread that waits for it, started with
//! `PR_SET_PDEATHSIG` (SIGINT, PostgreSQL's fast shutdown) so it dies with the test process even
//! if that is killed; every wait is bounded. Compiled into the integration tests (as
//! `support::postgres`) and into the library's unit tests (`store::fixtures`).
#![allow(dead_code)] // not every test binary uses every part

use std::io::Write as _;
use std::net::TcpListener;
use std::os::unix::fs::PermissionsExt as _;
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock, mpsc};
use std::time::{Duration, Instant};

/// How long the server may take to accept logins after it was started.
const READY_WAIT: Duration = Duration::from_secs(60);
/// How long it may take to stop (fast shutdown) before it is killed.
const STOP_WAIT: Duration = Duration::from_secs(20);
/// Attempts at starting on a free port (another process may take the port meanwhile).
const START_ATTEMPTS: u32 = 3;
/// The cluster's superuser, whose password the URLs carry.
pub const USER: &str = "careerbot";

/// A running throwaway cluster. Dropping it stops the server and removes its directory.
pub struct Cluster {
    root: PathBuf,
    port: u16,
    password: String,
    /// The server's process id.
    pid: i32,
    /// Says when the thread that waits for the server saw it exit.
    exited: Mutex<mpsc::Receiver<()>>,
    stopped: AtomicBool,
    databases: AtomicU64,
    /// The CA that signed the server's certificate, when the cluster speaks TLS.
    ca: Option<PathBuf>,
}

impl Cluster {
    /// Makes and starts a cluster, or `None` (after a loud SKIPPED line) where PostgreSQL is
    /// not installed.
    ///
    /// # Panics
    /// When PostgreSQL is installed but the cluster cannot be made or started: a broken
    /// installation must fail the tests, not skip them.
    pub fn start() -> Option<Cluster> {
        Cluster::start_as(false)
    }

    /// As [`Cluster::start`], the server also speaking TLS (`ssl = on`) with a certificate for
    /// 127.0.0.1 signed by a CA of its own ([`Cluster::ca_file`]); `None` also where `openssl`
    /// is missing (said on stderr).
    pub fn start_tls() -> Option<Cluster> {
        if Command::new("openssl").arg("version").output().is_err() {
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED: no openssl to make test certificates"
            );
            return None;
        }
        Cluster::start_as(true)
    }

    fn start_as(tls: bool) -> Option<Cluster> {
        let bin = match server_binaries() {
            Some(bin) => bin,
            None => {
                skipped();
                return None;
            }
        };
        let mut last = String::new();
        for _ in 0..START_ATTEMPTS {
            match Cluster::start_in(&bin, tls) {
                Ok(cluster) => return Some(cluster),
                Err(e) => last = e,
            }
        }
        panic!("could not start a PostgreSQL test cluster: {last}");
    }

    fn start_in(bin: &Path, tls: bool) -> Result<Cluster, String> {
        let owner = Owner::for_server();
        // Under /tmp when running as another user: every parent must be open to them.
        let base = if owner.is_some() {
            PathBuf::from("/tmp")
        } else {
            std::env::temp_dir()
        };
        let root = tempfile::Builder::new()
            .prefix("careerbot-pg-")
            .tempdir_in(&base)
            .map_err(|e| format!("temporary directory: {e}"))?
            .keep();
        let cleanup_on_error = |e: String| {
            let _ = std::fs::remove_dir_all(&root);
            e
        };
        let password = format!("pw-{:016x}", rand_u64());
        let pwfile = root.join("pwfile");
        std::fs::write(&pwfile, format!("{password}\n")).map_err(|e| e.to_string())?;
        if let Some(owner) = &owner {
            owner.give(&root).map_err(cleanup_on_error)?;
            owner.give(&pwfile).map_err(cleanup_on_error)?;
        }
        let data = root.join("data");
        let mut initdb = Command::new(bin.join("initdb"));
        initdb
            .arg("-D")
            .arg(&data)
            .args(["-U", USER, "-E", "UTF8", "--locale=C", "--no-sync"])
            .args(["--auth-local=trust", "--auth-host=scram-sha-256"])
            .arg(format!("--pwfile={}", pwfile.display()))
            .stdin(Stdio::null());
        if let Some(owner) = &owner {
            owner.apply(&mut initdb);
        }
        let out = initdb
            .output()
            .map_err(|e| cleanup_on_error(format!("initdb: {e}")))?;
        if !out.status.success() {
            return Err(cleanup_on_error(format!(
                "initdb failed: {}",
                String::from_utf8_lossy(&out.stderr)
            )));
        }
        let _ = std::fs::remove_file(&pwfile);
        let port = free_port().map_err(cleanup_on_error)?;
        let log = std::fs::File::create(root.join("server.log")).map_err(|e| e.to_string())?;
        if let Some(owner) = &owner {
            owner
                .give(&root.join("server.log"))
                .map_err(cleanup_on_error)?;
        }
        let ca = if tls {
            let ca = make_certificates(&root).map_err(cleanup_on_error)?;
            if let Some(owner) = &owner {
                owner
                    .give(&root.join("server.key"))
                    .map_err(cleanup_on_error)?;
            }
            Some(ca)
        } else {
            None
        };
        let mut server = Command::new(bin.join("postgres"));
        if tls {
            server
                .args(["-c", "ssl=on"])
                .arg("-c")
                .arg(format!(
                    "ssl_cert_file={}",
                    root.join("server.pem").display()
                ))
                .arg("-c")
                .arg(format!(
                    "ssl_key_file={}",
                    root.join("server.key").display()
                ));
        }
        server
            .arg("-D")
            .arg(&data)
            .args(["-p", &port.to_string()])
            .args(["-c", "listen_addresses=127.0.0.1"])
            .arg("-c")
            .arg(format!("unix_socket_directories={}", root.display()))
            .args(["-c", "max_connections=300", "-c", "shared_buffers=32MB"])
            .args(["-c", "log_min_messages=warning"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::from(log));
        if let Some(owner) = &owner {
            owner.apply(&mut server);
        }
        // SAFETY: `prctl` is async-signal-safe and touches no memory of ours.
        unsafe {
            server.pre_exec(|| {
                if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGINT) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        // The server is the child of a thread that lives as long as it does (the death signal
        // follows the thread that forked, not the process).
        let (pid_tx, pid_rx) = mpsc::channel::<Result<i32, String>>();
        let (exit_tx, exit_rx) = mpsc::channel::<()>();
        std::thread::Builder::new()
            .name("postgres-keeper".into())
            .spawn(move || match server.spawn() {
                Ok(mut child) => {
                    let _ = pid_tx.send(Ok(child.id() as i32));
                    let _ = child.wait();
                    let _ = exit_tx.send(());
                }
                Err(e) => {
                    let _ = pid_tx.send(Err(format!("postgres: {e}")));
                }
            })
            .map_err(|e| e.to_string())?;
        let pid = pid_rx
            .recv()
            .map_err(|e| e.to_string())?
            .map_err(cleanup_on_error)?;
        let cluster = Cluster {
            root,
            port,
            password,
            pid,
            exited: Mutex::new(exit_rx),
            stopped: AtomicBool::new(false),
            databases: AtomicU64::new(0),
            ca,
        };
        cluster.wait_ready()?;
        Ok(cluster)
    }

    /// Waits until the server accepts a login (bounded), or says why it did not.
    fn wait_ready(&self) -> Result<(), String> {
        let deadline = Instant::now() + READY_WAIT;
        loop {
            if self.exited.lock().unwrap().try_recv().is_ok() {
                self.stopped.store(true, Ordering::SeqCst);
                return Err(format!("the server exited at start: {}", self.log_tail()));
            }
            match sql(&self.url("postgres"), "SELECT 1") {
                Ok(()) => return Ok(()),
                Err(e) if Instant::now() > deadline => {
                    return Err(format!("not ready within {READY_WAIT:?}: {e}"));
                }
                Err(_) => std::thread::sleep(Duration::from_millis(50)),
            }
        }
    }

    /// The URL of database `db` on this cluster (with the superuser's password).
    pub fn url(&self, db: &str) -> String {
        format!(
            "postgres://{USER}:{}@127.0.0.1:{}/{db}",
            self.password, self.port
        )
    }

    /// The CA certificate (PEM) that signed the server's, for a cluster started with TLS.
    pub fn ca_file(&self) -> Option<&Path> {
        self.ca.as_deref()
    }

    /// The superuser's password (tests check it never reaches a log).
    pub fn password(&self) -> &str {
        &self.password
    }

    /// The port the server listens on (127.0.0.1).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// A new, empty database; its URL.
    ///
    /// # Panics
    /// When the server refuses (a broken cluster fails the test).
    pub fn create_database(&self) -> String {
        let n = self.databases.fetch_add(1, Ordering::SeqCst);
        let name = format!("test_{}_{n}", std::process::id());
        sql(&self.url("postgres"), &format!("CREATE DATABASE {name}"))
            .unwrap_or_else(|e| panic!("CREATE DATABASE {name}: {e}"));
        self.url(&name)
    }

    /// Runs `statements` on database `db` (e.g. to stop a replica's writes from outside).
    pub fn execute(&self, db_url: &str, statements: &str) -> Result<(), String> {
        sql(db_url, statements)
    }

    /// The last lines of the server's log.
    pub fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(self.root.join("server.log")).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(20)..].join("\n")
    }

    /// Stops the server (fast shutdown, then SIGKILL past [`STOP_WAIT`]) and removes its
    /// directory. Idempotent; called by `Drop` and, for the shared cluster, at exit.
    pub fn stop(&self) {
        if self.stopped.swap(true, Ordering::SeqCst) {
            return;
        }
        // SAFETY: signals a process id we started and have not reaped (the keeper thread reaps
        // it only once it exits, and then says so).
        unsafe {
            libc::kill(self.pid, libc::SIGINT);
        }
        let exited = self.exited.lock().unwrap_or_else(|p| p.into_inner());
        if exited.recv_timeout(STOP_WAIT).is_err() {
            // SAFETY: as above.
            unsafe {
                libc::kill(self.pid, libc::SIGKILL);
            }
            let _ = exited.recv_timeout(STOP_WAIT);
        }
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The cluster this test process shares (started on first use, stopped at exit), or `None`
/// where PostgreSQL is not installed.
pub fn shared() -> Option<&'static Cluster> {
    static SHARED: OnceLock<Option<Cluster>> = OnceLock::new();
    extern "C" fn stop_shared() {
        if let Some(Some(cluster)) = SHARED.get() {
            cluster.stop();
        }
    }
    SHARED
        .get_or_init(|| {
            let cluster = Cluster::start()?;
            // SAFETY: registers a plain function to run at exit.
            unsafe {
                libc::atexit(stop_shared);
            }
            Some(cluster)
        })
        .as_ref()
}

/// A new, empty database on the shared cluster; its URL. `None` (after a loud SKIPPED line)
/// where PostgreSQL is not installed.
pub fn fresh_database() -> Option<String> {
    shared().map(Cluster::create_database)
}

/// Prints, once per process and past the test harness's capture, that PostgreSQL tests were
/// skipped.
fn skipped() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let why = if turned_off() {
            "SKIPPED: PostgreSQL tests turned off (CAREERBOT_TEST_POSTGRES=off)"
        } else {
            "SKIPPED: PostgreSQL not installed (see README)"
        };
        let _ = writeln!(
            std::io::stderr(),
            "\n********************************************************************\n\
             {why}: the store's PostgreSQL tests pass without running. Install the\n\
             server (Debian: apt-get install postgresql) to run them; .ci/run does.\n\
             ********************************************************************"
        );
    });
}

fn turned_off() -> bool {
    std::env::var("CAREERBOT_TEST_POSTGRES").is_ok_and(|v| v == "off")
}

/// The directory holding `initdb` and `postgres`: on `PATH`, else the newest
/// `/usr/lib/postgresql/*/bin`; `None` when there is none, or `CAREERBOT_TEST_POSTGRES=off`.
pub fn server_binaries() -> Option<PathBuf> {
    if turned_off() {
        return None;
    }
    let has_both = |dir: &Path| dir.join("initdb").is_file() && dir.join("postgres").is_file();
    if let Some(path) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&path) {
            if has_both(&dir) {
                return Some(dir);
            }
        }
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|e| {
            let version = e.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            has_both(&bin).then_some((version, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}

/// The user the server runs as when the tests run as root.
struct Owner {
    uid: u32,
    gid: u32,
}

impl Owner {
    /// `nobody`, when running as root; `None` otherwise (the server runs as the tests' user).
    fn for_server() -> Option<Owner> {
        // SAFETY: plain calls; getpwnam's result is read at once, before any other call could
        // reuse its buffer (tests start clusters one at a time, under the OnceLock or a test).
        unsafe {
            if libc::geteuid() != 0 {
                return None;
            }
            let pw = libc::getpwnam(c"nobody".as_ptr());
            assert!(
                !pw.is_null(),
                "running as root and no user `nobody` to run PostgreSQL as"
            );
            Some(Owner {
                uid: (*pw).pw_uid,
                gid: (*pw).pw_gid,
            })
        }
    }

    /// Hands `path` over to this user (owner only: PostgreSQL insists on it for its data).
    fn give(&self, path: &Path) -> Result<(), String> {
        std::os::unix::fs::chown(path, Some(self.uid), Some(self.gid))
            .map_err(|e| format!("chown {}: {e}", path.display()))?;
        let mode = if path.is_dir() { 0o700 } else { 0o600 };
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
            .map_err(|e| format!("chmod {}: {e}", path.display()))
    }

    /// Makes `command` run as this user, with a home it can use.
    fn apply(&self, command: &mut Command) {
        command.uid(self.uid).gid(self.gid).env("HOME", "/tmp");
    }
}

/// Makes, in `dir`, a CA (`ca.pem`) and a certificate for 127.0.0.1 it signed (`server.pem`,
/// key `server.key`); returns the CA's file.
fn make_certificates(dir: &Path) -> Result<PathBuf, String> {
    let openssl = |args: &[&str]| -> Result<(), String> {
        let out = Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("openssl: {e}"))?;
        if out.status.success() {
            Ok(())
        } else {
            Err(format!(
                "openssl {}: {}",
                args[0],
                String::from_utf8_lossy(&out.stderr)
            ))
        }
    };
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
    ];
    openssl(
        &[
            &["req", "-x509"][..],
            &ec,
            &["-days", "2", "-subj", "/CN=careerbot test CA"],
            &["-addext", "basicConstraints=critical,CA:TRUE"],
            &["-addext", "keyUsage=critical,keyCertSign,cRLSign"],
            &["-keyout", "ca.key", "-out", "ca.pem"],
        ]
        .concat(),
    )?;
    openssl(
        &[
            &["req"][..],
            &ec,
            &[
                "-subj",
                "/CN=127.0.0.1",
                "-keyout",
                "server.key",
                "-out",
                "server.csr",
            ],
        ]
        .concat(),
    )?;
    std::fs::write(
        dir.join("server.ext"),
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .map_err(|e| e.to_string())?;
    openssl(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        "server.ext",
        "-out",
        "server.pem",
    ])?;
    Ok(dir.join("ca.pem"))
}

/// A port free on 127.0.0.1 now.
fn free_port() -> Result<u16, String> {
    let probe = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(probe.local_addr().map_err(|e| e.to_string())?.port())
}

/// 64 random bits from the OS.
fn rand_u64() -> u64 {
    let mut bytes = [0u8; 8];
    if let Ok(mut f) = std::fs::File::open("/dev/urandom") {
        let _ = std::io::Read::read_exact(&mut f, &mut bytes);
    }
    u64::from_le_bytes(bytes) ^ u64::from(std::process::id())
}

/// Runs `statements` on `url` over a connection of its own, on a runtime of its own in a thread
/// of its own (so it works from any test, async or not), bounded.
fn sql(url: &str, statements: &str) -> Result<(), String> {
    let url = url.to_string();
    let statements = statements.to_string();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?;
        runtime.block_on(async move {
            let work = async {
                let (client, connection) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
                    .await
                    .map_err(|e| error_text(&e))?;
                let driver = tokio::spawn(connection);
                let result = client
                    .batch_execute(&statements)
                    .await
                    .map_err(|e| error_text(&e));
                drop(client);
                let _ = driver.await;
                result
            };
            tokio::time::timeout(Duration::from_secs(30), work)
                .await
                .unwrap_or_else(|_| Err("no answer within 30 s".into()))
        })
    })
    .join()
    .unwrap_or_else(|_| Err("the SQL thread panicked".into()))
}

fn error_text(e: &tokio_postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => db.message().to_string(),
        None => match std::error::Error::source(e) {
            Some(source) => format!("{e}: {source}"),
            None => e.to_string(),
        },
    }
}
