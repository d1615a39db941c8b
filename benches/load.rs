//! Load on the HTTP interactions endpoint: the server runs in-process on 127.0.0.1:0 over a copy
//! of the shipped guides, and a closed-loop load generator sends signed `/ask` interactions over
//! keep-alive HTTP/1.1 connections, then reports requests/s, latency percentiles and errors
//! (a non-200 status, or a body that is not a well-formed message response).
//!
//! Two phases: steady load, then the same load with a reindex (`Library::reindex`, run from a
//! thread) in the middle of it.
//!
//! `cargo bench --bench load` (64 connections, 20 s per phase), or for a quick run
//! `cargo bench --bench load -- --seconds 5 --concurrency 16`. Other options: `--warmup S`
//! (unmeasured seconds before each phase, default 2), `--client-threads N` (default 1),
//! `--handlers N` (interactions handled at once on the blocking pool; default the server's own),
//! `--lanes N` (threads serving connections; default one per CPU), `--ping` (signed
//! PINGs instead of `/ask`: the cost of the HTTP layer and the signature check alone),
//! `--memory-store` (the bot's database in memory: the cost of its file I/O, by difference),
//! `--postgres` (the bot's database on PostgreSQL instead of the SQLite file: a throwaway
//! cluster on 127.0.0.1 that the bench starts with `initdb` and stops at the end, as the tests'
//! `tests/support/postgres.rs` does; its binaries on `PATH` or in `/usr/lib/postgresql/*/bin`),
//! `--host-only S` (no server, no load: only watch how fast the host runs this machine's CPUs
//! for S seconds, with a spinning thread held on each CPU, and whether they slow at once).
//! The figures are recorded in `docs/PERFORMANCE.md`.
//!
//! Every request is unique: the 96 questions of `tests/fixtures/eval.toml` in turn, a new
//! interaction id and token, a new user id and a new channel id, so neither the per-user
//! cooldown (set to 0 here anyway) nor the "asked here a moment ago" pointer can short-circuit
//! an answer. The pool of requests signed ahead of time is sent round and round, so an id comes
//! back every 16,384 requests; the endpoint's replay check would refuse it. The bench gives the
//! endpoint a log of handled ids that does the same work (the same set, one insert per request)
//! under a counter instead of the id, so every request is admitted and the check's cost stays in
//! the figures. The server has no bot token, as a replica without one: the only follow-up work of
//! `/ask` (learning the answer's message id) is then skipped, and no REST call is made.
//!
//! Each phase also runs a probe of the host's CPU speed (`support/host.rs`): this VM's host
//! slows its CPUs to a fraction of their speed for 100–200 ms every second or two, which the
//! guest cannot see in its CPU accounting. The report's second line says how much of the phase
//! ran slowed, and the latencies of the requests that lived wholly outside those windows,
//! beside (never instead of) the figures of all requests.
//!
//! The client is a small hand-written HTTP/1.1 keep-alive client on tokio's `TcpStream`: one
//! write per request, `Content-Length` framing, nothing else. It costs far less CPU than a
//! general client, which matters when server and generator share two cores.

#[path = "support/host.rs"]
mod host;
#[path = "../tests/support/postgres.rs"]
mod postgres;
mod support;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use careerbot::config::{BotConfig, SearchConfig};
use careerbot::corpus::SeedSource;
use careerbot::discord::bot::Bot;
use careerbot::discord::http::{self, HttpState, InteractionLog, SeenInteractions};
use careerbot::engine::{Engine, EngineSettings, Library};
use careerbot::search::BuildOptions;
use careerbot::store::Store;
use ed25519_dalek::{Signer, SigningKey};
use host::Speeds;
use support::eval_questions;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A PING, with placeholders like the `/ask` template.
const PING: &str = r#"{"id":"@ID@","application_id":"775799577604522054","type":1,"token":"token-@ID@","version":1}"#;
/// Permission bits of an ordinary member.
const PERMS_MEMBER: u64 = 277_025_770_560;
/// The longest a single request may take before it counts as an error.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

struct Args {
    seconds: u64,
    concurrency: usize,
    warmup: u64,
    client_threads: usize,
    handlers: Option<usize>,
    lanes: Option<usize>,
    ping: bool,
    memory_store: bool,
    /// The bot's database on a throwaway PostgreSQL cluster.
    postgres: bool,
    /// Only watch the host's CPU speed for this many seconds, with no load at all.
    host_only: Option<u64>,
    /// Send this many requests through the router in-process instead (no sockets, one thread).
    in_process: Option<u64>,
}

fn args() -> Args {
    let all: Vec<String> = std::env::args().collect();
    let value = |name: &str| {
        all.iter()
            .position(|a| a == name)
            .and_then(|i| all.get(i + 1))
            .and_then(|v| v.parse::<u64>().ok())
    };
    Args {
        seconds: value("--seconds").unwrap_or(20).max(1),
        concurrency: value("--concurrency").unwrap_or(64).max(1) as usize,
        warmup: value("--warmup").unwrap_or(2),
        client_threads: value("--client-threads").unwrap_or(1).max(1) as usize,
        handlers: value("--handlers").map(|n| n as usize),
        lanes: value("--lanes").map(|n| n as usize),
        ping: all.iter().any(|a| a == "--ping"),
        memory_store: all.iter().any(|a| a == "--memory-store"),
        postgres: all.iter().any(|a| a == "--postgres"),
        host_only: value("--host-only"),
        in_process: value("--in-process"),
    }
}

fn main() {
    let args = args();
    if let Some(seconds) = args.host_only {
        watch_host(Duration::from_secs(seconds.max(1)));
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let questions = eval_questions(&root);
    let work = tempfile::tempdir().expect("temp dir");
    let seeds = work.path().join("seeds");
    copy_dir(&root.join("seeds"), &seeds);
    let (library, _) = Library::open(
        SeedSource::Dir(seeds),
        work.path().join("index"),
        BuildOptions::default(),
        careerbot::vocab::Vocabulary::shipped(),
    )
    .expect("library");
    // Stopped (its directory removed) when dropped, at the end of main.
    let mut cluster = None;
    let store = if args.postgres {
        let c = postgres::Cluster::start().expect("--postgres needs PostgreSQL installed");
        let url = c.create_database();
        cluster = Some(c);
        Store::open_postgres(&url).expect("store on PostgreSQL")
    } else if args.memory_store {
        Store::open_in_memory().expect("store")
    } else {
        Store::open(&work.path().join("data/careerbot.sqlite3")).expect("store")
    };
    let config = BotConfig {
        data_dir: work.path().join("data"),
        cooldown_seconds: 0,
        ..BotConfig::default()
    };
    let engine = Engine::new(
        library.clone(),
        EngineSettings::new(&SearchConfig::default(), &config.data_dir),
    );
    let bot = Bot::new(engine, store, config);
    let key = SigningKey::from_bytes(&[42u8; 32]);
    let public: String = key
        .verifying_key()
        .as_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let mut state = HttpState::new(bot, &public, None)
        .expect("state")
        .interaction_log(Arc::new(EveryRequestNew::default()));
    if let Some(n) = args.handlers {
        state = state.max_handlers(n);
    }
    if let Some(n) = args.lanes {
        state = state.lanes(n);
    }
    let mut load = Load {
        // The `Host` header; the listener's address once there is one.
        addr: "127.0.0.1".into(),
        key: Arc::new(key),
        template: Arc::new(if args.ping {
            PING.to_string()
        } else {
            template(&root)
        }),
        ping: args.ping,
        questions: Arc::new(questions),
        next: Arc::new(AtomicU64::new(1)),
        pool: Arc::new(Vec::new()),
    };
    if let Some(n) = args.in_process {
        in_process(http::app(state), &load, n.max(1));
        return;
    }

    // The server as `careerbot serve` runs it: accepting on tokio's default multi-threaded
    // runtime, serving on its lanes.
    let server_rt = tokio::runtime::Runtime::new().expect("server runtime");
    let listener = server_rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server = server_rt.spawn(http::serve(listener, state, async move {
        let _ = stop_rx.await;
    }));

    let client_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(args.client_threads)
        .thread_name("load-client")
        .enable_all()
        .build()
        .expect("client runtime");
    load.addr = addr.to_string();
    println!(
        "careerbot HTTP load — store {}, {} connections, {} s per phase (+{} s warm-up), {} questions, {} CPUs, client threads {}",
        if args.postgres {
            "PostgreSQL"
        } else if args.memory_store {
            "in memory"
        } else {
            "SQLite file"
        },
        args.concurrency,
        args.seconds,
        args.warmup,
        load.questions.len(),
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        args.client_threads,
    );

    let phase = |name: &str, reindex: bool| {
        let load = load.presign();
        if args.warmup > 0 {
            client_rt.block_on(load.run(args.concurrency, Duration::from_secs(args.warmup)));
        }
        let cpu = cpu_seconds();
        let reindexer = reindex.then(|| {
            let library = library.clone();
            let delay = Duration::from_secs(args.seconds) / 2;
            std::thread::spawn(move || {
                std::thread::sleep(delay);
                let t = Instant::now();
                let report = library.reindex(|_| {}).expect("reindex");
                (t.elapsed(), report.generation)
            })
        });
        let probe = host::Probe::start();
        let wall = Instant::now();
        let stats =
            client_rt.block_on(load.run(args.concurrency, Duration::from_secs(args.seconds)));
        let elapsed = wall.elapsed();
        let cpu = cpu_seconds() - cpu;
        stats.report(name, wall, elapsed, cpu, &probe.stop());
        if let Some(r) = reindexer {
            let (took, generation) = r.join().expect("reindex thread");
            println!(
                "  reindex in the middle: {:.0} ms, now serving {generation}",
                took.as_secs_f64() * 1e3
            );
        }
        stats.errors
    };
    let steady = phase("steady", false);
    let with_reindex = phase("with reindex", true);

    let _ = stop_tx.send(());
    server_rt
        .block_on(server)
        .expect("server task")
        .expect("server stopped cleanly");
    drop(cluster);
    if steady + with_reindex > 0 {
        eprintln!("errors: {steady} (steady), {with_reindex} (with reindex)");
        std::process::exit(1);
    }
}

/// The endpoint's replay log doing its usual work, keyed by a counter: the pool's ids come
/// round again, and each sending must count as new.
#[derive(Default)]
struct EveryRequestNew {
    seen: SeenInteractions,
    next: AtomicU64,
}

impl InteractionLog for EveryRequestNew {
    fn first_sighting(&self, _id: u64, signed_at: i64, now: i64) -> bool {
        let key = self.next.fetch_add(1, Ordering::Relaxed);
        self.seen.first_sighting(key, signed_at, now)
    }
}

/// The generator's shared inputs.
struct Load {
    addr: String,
    key: Arc<SigningKey>,
    /// An `/ask` interaction with `@ID@`, `@USER@`, `@CHANNEL@` and `"@QUESTION@"` to fill.
    template: Arc<String>,
    questions: Arc<Vec<String>>,
    /// Makes every interaction, user and channel unique.
    next: Arc<AtomicU64>,
    /// Signed PINGs instead of `/ask`: the HTTP layer alone.
    ping: bool,
    /// Requests signed ahead of the phase (see [`Load::presign`]), sent in turn.
    pool: Arc<Vec<Vec<u8>>>,
}

/// Requests signed ahead of a phase. Signing costs the client ~20 µs of the same two cores the
/// server runs on; Discord signs on its side, so the generator signs before the clock starts.
/// Every request in the pool has its own interaction, user and channel ids; timestamps are
/// taken when the pool is built, well inside the endpoint's 5-minute window.
const POOL: usize = 16_384;

#[derive(Default)]
struct Stats {
    /// Each answered request: when it was sent, and how long the answer took.
    requests: Vec<(Instant, Duration)>,
    errors: u64,
    first_error: Option<String>,
}

impl Load {
    /// `concurrency` connections, each sending requests back to back for `length`.
    async fn run(&self, concurrency: usize, length: Duration) -> Stats {
        let deadline = Instant::now() + length;
        let mut tasks = Vec::with_capacity(concurrency);
        for _ in 0..concurrency {
            let load = self.clone_shallow();
            tasks.push(tokio::spawn(async move { load.connection(deadline).await }));
        }
        let mut all = Stats::default();
        for t in tasks {
            let s = t.await.expect("connection task");
            all.requests.extend(s.requests);
            all.errors += s.errors;
            if all.first_error.is_none() {
                all.first_error = s.first_error;
            }
        }
        all
    }

    fn clone_shallow(&self) -> Load {
        Load {
            addr: self.addr.clone(),
            key: Arc::clone(&self.key),
            template: Arc::clone(&self.template),
            questions: Arc::clone(&self.questions),
            next: Arc::clone(&self.next),
            ping: self.ping,
            pool: Arc::clone(&self.pool),
        }
    }

    /// This generator with a fresh pool of signed requests.
    fn presign(&self) -> Load {
        let pool = (0..POOL)
            .map(|_| self.request(self.next.fetch_add(1, Ordering::Relaxed)))
            .collect();
        Load {
            pool: Arc::new(pool),
            ..self.clone_shallow()
        }
    }

    async fn connection(&self, deadline: Instant) -> Stats {
        let mut stats = Stats {
            requests: Vec::with_capacity(1 << 16),
            ..Stats::default()
        };
        let mut conn: Option<Client> = None;
        let fail = |stats: &mut Stats, why: String| {
            stats.errors += 1;
            if stats.first_error.is_none() {
                stats.first_error = Some(why);
            }
        };
        while Instant::now() < deadline {
            let n = self.next.fetch_add(1, Ordering::Relaxed);
            let request = &self.pool[(n as usize) % self.pool.len()];
            if conn.is_none() {
                match TcpStream::connect(&self.addr).await {
                    Ok(s) => {
                        let _ = s.set_nodelay(true);
                        conn = Some(Client::new(s));
                    }
                    Err(e) => {
                        fail(&mut stats, format!("connect: {e}"));
                        tokio::time::sleep(Duration::from_millis(10)).await;
                        continue;
                    }
                }
            }
            let client = conn.as_mut().expect("connected");
            let started = Instant::now();
            let outcome = tokio::time::timeout(REQUEST_TIMEOUT, client.exchange(request)).await;
            let took = started.elapsed();
            match outcome {
                Ok(Ok((200, body))) => match check(&body, self.ping) {
                    Ok(()) => stats.requests.push((started, took)),
                    Err(why) => fail(&mut stats, why),
                },
                Ok(Ok((status, body))) => {
                    fail(
                        &mut stats,
                        format!("status {status}: {}", String::from_utf8_lossy(&body)),
                    );
                }
                Ok(Err(e)) => {
                    fail(&mut stats, format!("I/O: {e}"));
                    conn = None;
                }
                Err(_) => {
                    fail(&mut stats, "timed out".into());
                    conn = None;
                }
            }
        }
        stats
    }

    /// The bytes of one signed request.
    fn request(&self, n: u64) -> Vec<u8> {
        let (signature, timestamp, body) = self.signed(n);
        let mut out = format!(
            "POST /interactions HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nX-Signature-Ed25519: {signature}\r\nX-Signature-Timestamp: {timestamp}\r\n\r\n",
            self.addr,
            body.len()
        )
        .into_bytes();
        out.extend_from_slice(body.as_bytes());
        out
    }

    /// Request `n` as (signature, timestamp, body).
    fn signed(&self, n: u64) -> (String, String, String) {
        let question = &self.questions[(n as usize) % self.questions.len()];
        let body = self
            .template
            .replace("@ID@", &(1_000_000 + n).to_string())
            .replace("@USER@", &(80_000_000_000_000_000 + n).to_string())
            .replace("@CHANNEL@", &(90_000_000_000_000_000 + n).to_string())
            .replace(
                "\"@QUESTION@\"",
                &serde_json::to_string(question).expect("a string serialises"),
            );
        let timestamp = unix_now().to_string();
        let mut signed = Vec::with_capacity(timestamp.len() + body.len());
        signed.extend_from_slice(timestamp.as_bytes());
        signed.extend_from_slice(body.as_bytes());
        let signature: String = self
            .key
            .sign(&signed)
            .to_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        (signature, timestamp, body)
    }
}

/// A keep-alive HTTP/1.1 connection.
struct Client {
    stream: TcpStream,
    buf: Vec<u8>,
}

impl Client {
    fn new(stream: TcpStream) -> Client {
        Client {
            stream,
            buf: Vec::with_capacity(16 * 1024),
        }
    }

    /// Sends one request, reads one response: (status, body).
    async fn exchange(&mut self, request: &[u8]) -> std::io::Result<(u16, Vec<u8>)> {
        self.stream.write_all(request).await?;
        let bad =
            |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_string());
        let head_end = loop {
            if let Some(i) = find(&self.buf, b"\r\n\r\n") {
                break i + 4;
            }
            self.fill().await?;
        };
        let head = std::str::from_utf8(&self.buf[..head_end]).map_err(|_| bad("head not UTF-8"))?;
        let status: u16 = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| bad("no status"))?;
        let length: usize = head
            .lines()
            .find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.eq_ignore_ascii_case("content-length")
                    .then(|| v.trim().parse().ok())?
            })
            .ok_or_else(|| bad("no content-length"))?;
        while self.buf.len() < head_end + length {
            self.fill().await?;
        }
        let body = self.buf[head_end..head_end + length].to_vec();
        self.buf.drain(..head_end + length);
        Ok((status, body))
    }

    async fn fill(&mut self) -> std::io::Result<()> {
        let mut chunk = [0u8; 16 * 1024];
        let n = self.stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        self.buf.extend_from_slice(&chunk[..n]);
        Ok(())
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A well-formed answer: a message response with an embed, pinging nobody (or a PONG).
fn check(body: &[u8], ping: bool) -> Result<(), String> {
    if ping {
        let v: serde_json::Value =
            serde_json::from_slice(body).map_err(|e| format!("not JSON: {e}"))?;
        return if v == serde_json::json!({"type": 1}) {
            Ok(())
        } else {
            Err(format!("not a PONG: {v}"))
        };
    }
    // Typed, skipping what is not checked: the generator shares the server's two CPUs, so it
    // reads the answer without building a JSON tree of it.
    let answer: Answer = serde_json::from_slice(body).map_err(|e| format!("not JSON: {e}"))?;
    let ok = answer.kind == 4
        && answer.data.as_ref().is_some_and(|d| {
            !d.embeds.is_empty()
                && d.allowed_mentions
                    .as_ref()
                    .and_then(|m| m.parse.as_ref())
                    .is_some_and(Vec::is_empty)
        });
    if ok {
        Ok(())
    } else {
        Err(format!(
            "unexpected answer: {}",
            String::from_utf8_lossy(body)
        ))
    }
}

/// The parts of a message response `check` looks at.
#[derive(serde::Deserialize)]
struct Answer {
    #[serde(rename = "type")]
    kind: u8,
    data: Option<AnswerData>,
}

#[derive(serde::Deserialize)]
struct AnswerData {
    #[serde(default)]
    embeds: Vec<serde::de::IgnoredAny>,
    allowed_mentions: Option<Mentions>,
}

#[derive(serde::Deserialize)]
struct Mentions {
    parse: Option<Vec<String>>,
}

/// The width of the windows the host's CPU speed is judged in.
const WINDOW: Duration = Duration::from_millis(50);
/// A window whose probe readings have a median below this share of full speed is "slowed".
const SLOW: f64 = 0.7;

/// Latency percentiles of a set of requests.
struct Percentiles {
    n: usize,
    p50: Duration,
    p90: Duration,
    p99: Duration,
    max: Duration,
}

impl Percentiles {
    fn of(mut l: Vec<Duration>) -> Percentiles {
        l.sort();
        let pct = |p: f64| {
            if l.is_empty() {
                Duration::ZERO
            } else {
                l[((l.len() as f64 * p) as usize).min(l.len() - 1)]
            }
        };
        Percentiles {
            n: l.len(),
            p50: pct(0.50),
            p90: pct(0.90),
            p99: pct(0.99),
            max: l.last().copied().unwrap_or_default(),
        }
    }

    fn line(&self) -> String {
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        format!(
            "p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
            ms(self.p50),
            ms(self.p90),
            ms(self.p99),
            ms(self.max)
        )
    }
}

impl Stats {
    /// The phase's figures; then how often the host slowed the CPUs during it, and the
    /// latencies of the requests that lived entirely outside such windows.
    fn report(&self, phase: &str, start: Instant, elapsed: Duration, cpu: f64, host: &Speeds) {
        let all = Percentiles::of(self.requests.iter().map(|(_, d)| *d).collect());
        println!(
            "{phase}: {} ok in {:.1} s = {:.0} requests/s; latency {}; errors {}; process CPU {:.0}% of one core; load average {}",
            all.n,
            elapsed.as_secs_f64(),
            all.n as f64 / elapsed.as_secs_f64(),
            all.line(),
            self.errors,
            100.0 * cpu / elapsed.as_secs_f64(),
            std::fs::read_to_string("/proc/loadavg")
                .map(|s| s.split(' ').take(3).collect::<Vec<_>>().join(" "))
                .unwrap_or_else(|_| "?".into()),
        );
        let end = start + elapsed;
        let slow = host.slow_windows(start, end, WINDOW, SLOW);
        let slowed = slow.iter().filter(|s| **s).count();
        let clear = Percentiles::of(
            self.requests
                .iter()
                .filter(|(sent, took)| {
                    let first = host::window_of(start, *sent, WINDOW);
                    let last = host::window_of(start, *sent + *took, WINDOW);
                    (first..=last).all(|w| !slow.get(w).copied().unwrap_or(false))
                })
                .map(|(_, d)| *d)
                .collect(),
        );
        let clear_seconds = (slow.len() - slowed) as f64 * WINDOW.as_secs_f64();
        println!(
            "  host: mean CPU speed {:.0}%; {slowed} of {} {}-ms windows ran below {:.0}% ({:.1}% of the phase); \
             requests wholly outside them: {} ({:.0}/s of unslowed time), latency {}",
            100.0 * host.mean(start, end),
            slow.len(),
            WINDOW.as_millis(),
            SLOW * 100.0,
            100.0 * slowed as f64 / slow.len().max(1) as f64,
            clear.n,
            clear.n as f64 / clear_seconds.max(1e-9),
            clear.line(),
        );
        if let Some(e) = &self.first_error {
            println!("  first error: {e}");
        }
    }
}

/// `n` signed requests through the endpoint's router on one thread, no sockets: the
/// endpoint's own CPU per request (signature check, parsing, answering, encoding, and the store
/// writer's share). Under `valgrind --tool=callgrind` it counts instructions instead of time,
/// which the host's changing speed does not move.
fn in_process(router: axum::Router, load: &Load, n: u64) {
    use tower::ServiceExt;
    let requests: Vec<_> = (1..=n).map(|i| load.signed(i)).collect();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let started = Instant::now();
    let errors = rt.block_on(async {
        let mut errors = 0u64;
        for (i, (signature, timestamp, body)) in requests.into_iter().enumerate() {
            let request = axum::http::Request::post("/interactions")
                .header("content-type", "application/json")
                .header("x-signature-ed25519", signature)
                .header("x-signature-timestamp", timestamp)
                .body(axum::body::Body::from(body))
                .expect("request");
            let response = router.clone().oneshot(request).await.expect("infallible");
            let ok = response.status() == 200;
            let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .expect("body");
            // Checking every answer would add the client's JSON parsing to the count.
            if !ok || (i % 64 == 0 && check(&bytes, load.ping).is_err()) {
                errors += 1;
            }
        }
        errors
    });
    let took = started.elapsed();
    println!(
        "in-process: {n} requests in {:.2} s = {:.0} µs each on one thread; errors {errors}",
        took.as_secs_f64(),
        took.as_secs_f64() * 1e6 / n as f64
    );
    if errors > 0 {
        std::process::exit(1);
    }
}

/// The probe alone on an otherwise idle process, plus one thread spinning on register-only
/// work that counts its rounds per window: how the host treats this machine with no load.
fn watch_host(length: Duration) {
    let probe = host::Probe::start();
    let start = Instant::now();
    let end = start + length;
    // One spinning thread per CPU, each held on its own CPU, counting rounds per window.
    let cpus = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let spinners: Vec<_> = (0..cpus)
        .map(|cpu| {
            std::thread::spawn(move || {
                pin_to_cpu(cpu);
                let mut rounds = vec![0u64; host::window_of(start, end, WINDOW) + 1];
                while Instant::now() < end {
                    std::hint::black_box(host::work(std::hint::black_box(10_000)));
                    if let Some(r) = rounds.get_mut(host::window_of(start, Instant::now(), WINDOW))
                    {
                        *r += 1;
                    }
                }
                rounds.pop(); // the last window is partial
                rounds
            })
        })
        .collect();
    let per_cpu: Vec<Vec<u64>> = spinners
        .into_iter()
        .map(|s| s.join().expect("spinner"))
        .collect();
    let speeds = probe.stop();
    let slow = speeds.slow_windows(start, end, WINDOW, SLOW);
    println!(
        "host, no load, {} s: probe mean CPU speed {:.0}%, {} of {} {}-ms windows below {:.0}%",
        length.as_secs(),
        100.0 * speeds.mean(start, end),
        slow.iter().filter(|s| **s).count(),
        slow.len(),
        WINDOW.as_millis(),
        SLOW * 100.0,
    );
    // A window is slow on a CPU when its spinner ran below SLOW of its own median rate.
    let slow_on: Vec<Vec<bool>> = per_cpu
        .iter()
        .map(|rounds| {
            let mut sorted = rounds.clone();
            sorted.sort_unstable();
            let median = sorted.get(sorted.len() / 2).copied().unwrap_or(1).max(1) as f64;
            let lowest = sorted.first().copied().unwrap_or(0) as f64 / median;
            let slow: Vec<bool> = rounds.iter().map(|r| (*r as f64) < SLOW * median).collect();
            println!(
                "  a spinner held on one CPU: {} windows below {:.0}% of its median rate, the slowest at {:.0}%",
                slow.iter().filter(|s| **s).count(),
                SLOW * 100.0,
                100.0 * lowest,
            );
            slow
        })
        .collect();
    if slow_on.len() > 1 {
        let windows = slow_on.iter().map(Vec::len).min().unwrap_or(0);
        let all = (0..windows)
            .filter(|&w| slow_on.iter().all(|s| s[w]))
            .count();
        let any = (0..windows)
            .filter(|&w| slow_on.iter().any(|s| s[w]))
            .count();
        println!(
            "  slow on every CPU at once: {all} windows; on at least one: {any} (of {windows})"
        );
    }
}

/// Keeps the calling thread on `cpu` (Linux; elsewhere a no-op).
fn pin_to_cpu(cpu: usize) {
    #[cfg(target_os = "linux")]
    // SAFETY: the set is a plain bit mask on our stack, sized as passed; pid 0 is this thread.
    unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        libc::CPU_SET(cpu, &mut set);
        libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set);
    }
    #[cfg(not(target_os = "linux"))]
    let _ = cpu;
}

/// The process's user + system CPU time, in seconds (Linux; 0 elsewhere).
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the command name (which may hold spaces) — utime and stime are 14 and 15.
    let after = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // `after` starts at field 3 (state), so field n is at index n - 3.
    (ticks(14 - 3) + ticks(15 - 3)) / 100.0
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The fixture's slash command, made an `/ask` by a member, with placeholders.
fn template(root: &Path) -> String {
    let text =
        std::fs::read_to_string(root.join("tests/fixtures/discord/application_command.json"))
            .expect("fixture");
    let mut v: serde_json::Value = serde_json::from_str(&text).expect("fixture JSON");
    v["id"] = "@ID@".into();
    v["token"] = "token-@ID@".into();
    v["channel_id"] = "@CHANNEL@".into();
    v["channel"]["id"] = "@CHANNEL@".into();
    v["member"]["user"]["id"] = "@USER@".into();
    v["member"]["permissions"] = PERMS_MEMBER.to_string().into();
    v["data"]["name"] = "ask".into();
    v["data"]["options"] =
        serde_json::json!([{ "type": 3, "name": "question", "value": "@QUESTION@" }]);
    serde_json::to_string(&v).expect("serialises")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for e in std::fs::read_dir(from).expect("seeds") {
        let e = e.expect("entry");
        std::fs::copy(e.path(), to.join(e.file_name())).expect("copy");
    }
}
