//! Abuse of the HTTP interactions endpoint, measured on a real `careerbot serve` process (its
//! memory read from `/proc`), its follow-ups going to the tests' fake Discord in this process:
//!
//! 1. **A burst of `/salary`**: N signed `/salary` interactions at once (default 150), each from
//!    its own member on its own connection, the levels in turn (so every chart is a cache miss
//!    the first time). Reports the server's resident memory before, its peak during the burst
//!    (sampled every 5 ms, and the kernel's `VmHWM`), and 30 s after; and how many answers were
//!    charts and how many were told the bot is busy.
//! 2. **Stalled connections**: K keep-alive connections send signed `/ask` back to back while
//!    M more connections (default 1,200) each send half a request head and stall. Reports how
//!    many stalled connections the server closed and how soon, and whether the signed traffic
//!    kept being answered (requests, errors, p99). The server runs with a 1,024 file limit.
//!
//! `cargo bench --bench abuse` (both phases, a few minutes), or `-- --burst 150 --stalled 0`,
//! `-- --burst 0 --stalled 1200`. `--exe PATH` measures another `careerbot` binary (an older
//! build, for a before/after); `--after S` (default 30), `--stall-wait S` (default 45),
//! `--nofile N` (the server's file limit, default 1024), `--keepalive K` (default 8),
//! `--max-deferred N` (the server's `bot.max_deferred_work`).
//! The figures are recorded in `docs/RELIABILITY.md`.

/// The tests' fake Discord, reused as the server's REST side.
#[path = "../tests/support"]
#[allow(unused_imports)]
mod tests_support {
    pub mod fake_discord;
}
mod support;

use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use ed25519_dalek::{Signer, SigningKey};
use serde_json::{Value, json};
use tests_support::fake_discord::{self, FakeDiscord, slash_command};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Permission bits of an ordinary member.
const PERMS_MEMBER: u64 = 277_025_770_560;

struct Args {
    exe: PathBuf,
    burst: usize,
    after: u64,
    stalled: usize,
    stall_wait: u64,
    nofile: u64,
    keepalive: usize,
    max_deferred: Option<u64>,
}

fn args() -> Args {
    let all: Vec<String> = std::env::args().collect();
    let text = |name: &str| {
        all.iter()
            .position(|a| a == name)
            .and_then(|i| all.get(i + 1))
            .cloned()
    };
    let number = |name: &str, default: u64| {
        text(name)
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(default)
    };
    Args {
        exe: text("--exe").map_or_else(
            || PathBuf::from(env!("CARGO_BIN_EXE_careerbot")),
            PathBuf::from,
        ),
        burst: number("--burst", 150) as usize,
        after: number("--after", 30),
        stalled: number("--stalled", 1200) as usize,
        stall_wait: number("--stall-wait", 45),
        nofile: number("--nofile", 1024),
        keepalive: number("--keepalive", 8).max(1) as usize,
        max_deferred: text("--max-deferred").and_then(|v| v.parse().ok()),
    }
}

fn main() {
    let args = args();
    raise_own_file_limit();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let work = tempfile::tempdir().expect("temp dir");
    copy_dir(&root.join("seeds"), &work.path().join("seeds"));
    std::fs::create_dir_all(work.path().join("data")).expect("data dir");
    std::fs::write(work.path().join("empty.toml"), "").expect("config");
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let fake = rt.block_on(FakeDiscord::start());
    let key = SigningKey::from_bytes(&[42u8; 32]);
    let port = free_port();
    let mut server = start_server(&args, work.path(), &fake.base_url(), &key, port);
    let addr = format!("127.0.0.1:{port}");
    rt.block_on(wait_ready(&addr, &key));
    println!(
        "careerbot abuse bench — server {} (pid {}), file limit {}",
        args.exe.display(),
        server.id(),
        args.nofile
    );
    let pid = server.id();
    if args.burst > 0 {
        rt.block_on(burst(&args, &fake, &addr, &key, pid));
    }
    if args.stalled > 0 {
        rt.block_on(stalled(&args, &addr, &key));
    }
    // SIGTERM: the server drains and exits.
    let _ = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status();
    let deadline = Instant::now() + Duration::from_secs(40);
    loop {
        if let Ok(Some(status)) = server.try_wait() {
            println!("server stopped: {status}");
            break;
        }
        if Instant::now() > deadline {
            let _ = server.kill();
            println!("server killed: it did not stop within 40 s of SIGTERM");
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    rt.block_on(fake.shutdown());
}

/// The server, with a file limit of `args.nofile`.
fn start_server(args: &Args, dir: &Path, api: &str, key: &SigningKey, port: u16) -> Child {
    use std::os::unix::process::CommandExt;
    let nofile = args.nofile;
    let mut command = std::process::Command::new(&args.exe);
    command
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("RUST_LOG", "error")
        .env("CAREERBOT_CONFIG", dir.join("empty.toml"))
        .env("CAREERBOT_SEEDS_DIR", dir.join("seeds"))
        .env("CAREERBOT_INDEX_DIR", dir.join("index"))
        .env("CAREERBOT_DATA_DIR", dir.join("data"))
        .env("CAREERBOT_COOLDOWN_SECONDS", "0")
        .env("DISCORD_TOKEN", "bench-token")
        .env("DISCORD_API_BASE", api)
        .env(
            "DISCORD_APPLICATION_ID",
            fake_discord::APPLICATION_ID.to_string(),
        )
        .env("DISCORD_PUBLIC_KEY", hex(key.verifying_key().as_bytes()))
        .current_dir(dir)
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if let Some(n) = args.max_deferred {
        command.env("CAREERBOT_MAX_DEFERRED_WORK", n.to_string());
    }
    // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        command.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: nofile,
                rlim_max: nofile,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    command.spawn().expect("the server starts")
}

/// Waits (bounded) until the server answers a signed PING.
async fn wait_ready(addr: &str, key: &SigningKey) {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let ping = json!({"id": "1", "application_id": fake_discord::APPLICATION_ID.to_string(), "type": 1, "token": "t", "version": 1});
        if let Ok(mut c) = Conn::connect(addr).await
            && let Ok(Ok((200, _))) = tokio::time::timeout(
                Duration::from_secs(2),
                c.exchange(&request(key, &serde_json::to_vec(&ping).unwrap())),
            )
            .await
        {
            return;
        }
        assert!(Instant::now() < deadline, "the server never answered");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Phase 1: N `/salary` at once; the server's memory before, at its peak and later.
async fn burst(args: &Args, fake: &FakeDiscord, addr: &str, key: &SigningKey, pid: u32) {
    let levels = ["", "entry", "mid", "senior", "lead", "overall"];
    let interactions: Vec<Value> = (0..args.burst)
        .map(|n| {
            let level = levels[n % levels.len()];
            let options = if level.is_empty() {
                json!([])
            } else {
                json!([{ "type": 3, "name": "level", "value": level }])
            };
            let mut ix = slash_command("salary", options, PERMS_MEMBER);
            ix["member"]["user"]["id"] = json!((60_000_000 + n).to_string());
            ix
        })
        .collect();
    let before = memory(pid);
    let sampler = Sampler::start(pid);
    let started = Instant::now();
    let sends: Vec<_> = interactions
        .iter()
        .map(|ix| {
            let addr = addr.to_string();
            let bytes = request(key, &serde_json::to_vec(ix).unwrap());
            tokio::spawn(async move {
                let mut c = Conn::connect(&addr).await?;
                tokio::time::timeout(Duration::from_secs(30), c.exchange(&bytes))
                    .await
                    .map_err(|_| std::io::Error::other("timed out"))?
            })
        })
        .collect();
    let mut deferred = 0;
    for (ix, send) in interactions.iter().zip(sends) {
        match send.await.expect("task") {
            Ok((200, body)) => {
                deferred += 1;
                if let Err(e) = fake.answered_over_http(ix, Some("application/json"), &body) {
                    println!("  the fake refused a response: {e}");
                }
            }
            Ok((status, body)) => println!("  status {status}: {}", String::from_utf8_lossy(&body)),
            Err(e) => println!("  request failed: {e}"),
        }
    }
    let tokens: Vec<String> = interactions
        .iter()
        .map(|ix| ix["token"].as_str().unwrap().to_string())
        .collect();
    let edited = |fake: &FakeDiscord| {
        let requests = fake.requests_matching("PATCH", "/webhooks/*/*/messages/@original");
        let mut charts = 0;
        let mut busy = 0;
        let mut answered = std::collections::HashSet::new();
        for r in &requests {
            if let Some(t) = tokens.iter().find(|t| r.path.contains(t.as_str())) {
                answered.insert(t.clone());
                if r.file("files[0]").is_some() {
                    charts += 1;
                } else if r
                    .json
                    .as_ref()
                    .is_some_and(|j| j.to_string().contains("busy"))
                {
                    busy += 1;
                }
            }
        }
        (answered.len(), charts, busy)
    };
    let deadline = Instant::now() + Duration::from_secs(120);
    while edited(fake).0 < deferred && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let took = started.elapsed();
    let peak = sampler.stop();
    let (answered, charts, busy) = edited(fake);
    let hwm = memory(pid).peak;
    println!(
        "burst of {} /salary: {deferred} deferred, {answered} answered in {:.1} s ({charts} with the chart, {busy} told the bot is busy)",
        args.burst,
        took.as_secs_f64()
    );
    println!(
        "  server memory: before {:.0} MB; peak during the burst {:.0} MB sampled, {:.0} MB VmHWM (since start)",
        mb(before.rss),
        mb(peak),
        mb(hwm)
    );
    let mut last = 0;
    for s in [5, 10, 20, args.after] {
        if s <= last {
            continue;
        }
        tokio::time::sleep(Duration::from_secs(s - last)).await;
        last = s;
        println!("  {s} s after: {:.0} MB", mb(memory(pid).rss));
    }
}

/// Phase 2: stalled connections beside signed traffic.
async fn stalled(args: &Args, addr: &str, key: &SigningKey) {
    let stop = Arc::new(AtomicBool::new(false));
    let next = Arc::new(AtomicU64::new(1));
    // The signed traffic: keep-alive connections opened before the attack.
    let mut traffic = Vec::new();
    for _ in 0..args.keepalive {
        let conn = Conn::connect(addr).await.expect("connect");
        let (stop, next, key) = (Arc::clone(&stop), Arc::clone(&next), key.clone());
        traffic.push(tokio::spawn(async move {
            signed_loop(conn, &key, &next, &stop).await
        }));
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let started = Instant::now();
    let wait = Duration::from_secs(args.stall_wait);
    let stalls: Vec<_> = (0..args.stalled)
        .map(|_| {
            let addr = addr.to_string();
            tokio::spawn(async move { stall(&addr, wait).await })
        })
        .collect();
    // Fresh connections during the attack: each one signed /ask, then closed.
    let fresh = {
        let (stop, next, key, addr) = (
            Arc::clone(&stop),
            Arc::clone(&next),
            key.clone(),
            addr.to_string(),
        );
        tokio::spawn(async move {
            let (mut ok, mut refused) = (0u64, 0u64);
            while !stop.load(Ordering::Relaxed) {
                tokio::time::sleep(Duration::from_millis(250)).await;
                let n = next.fetch_add(1, Ordering::Relaxed);
                let served = async {
                    let mut c = Conn::connect(&addr).await?;
                    c.exchange(&request(&key, &ask_body(n))).await
                };
                match tokio::time::timeout(Duration::from_secs(5), served).await {
                    Ok(Ok((200, _))) => ok += 1,
                    _ => refused += 1,
                }
            }
            (ok, refused)
        })
    };
    let mut closed: Vec<Duration> = Vec::new();
    let (mut never_opened, mut open) = (0, 0);
    for s in stalls {
        match s.await.expect("stall task") {
            Stall::Closed(after) => closed.push(after),
            Stall::Open => open += 1,
            Stall::NotConnected => never_opened += 1,
        }
    }
    stop.store(true, Ordering::Relaxed);
    let mut latencies = Vec::new();
    let (mut ok, mut errors) = (0u64, 0u64);
    for t in traffic {
        let (l, e) = t.await.expect("traffic task");
        ok += l.len() as u64;
        errors += e;
        latencies.extend(l);
    }
    let (fresh_ok, fresh_refused) = fresh.await.expect("fresh task");
    latencies.sort();
    let p = |q: f64| {
        latencies
            .get(((latencies.len() as f64 * q) as usize).min(latencies.len().saturating_sub(1)))
            .copied()
            .unwrap_or_default()
    };
    closed.sort();
    let within = |d: Duration| closed.iter().filter(|c| **c <= d).count();
    let n = args.stalled.max(1) as f64;
    println!(
        "{} stalled connections (half a request head each), watched {} s:",
        args.stalled, args.stall_wait
    );
    println!(
        "  closed by the server: {} ({:.1} %) — within 1 s {}, 5 s {}, 11 s {}, 45 s {}; still open {open}; connect failed {never_opened}",
        closed.len(),
        100.0 * closed.len() as f64 / n,
        within(Duration::from_secs(1)),
        within(Duration::from_secs(5)),
        within(Duration::from_secs(11)),
        within(Duration::from_secs(45)),
    );
    if let Some(last) = closed.last() {
        println!("  the last closed after {:.1} s", last.as_secs_f64());
    }
    println!(
        "  signed /ask on {} kept-alive connections meanwhile: {ok} answered, {errors} errors, p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms ({:.0} s)",
        args.keepalive,
        p(0.5).as_secs_f64() * 1e3,
        p(0.99).as_secs_f64() * 1e3,
        latencies.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
        started.elapsed().as_secs_f64(),
    );
    println!(
        "  a new connection every 250 ms with one signed /ask: {fresh_ok} answered, {fresh_refused} refused or timed out"
    );
}

/// What became of a stalled connection.
enum Stall {
    /// The server closed it after this long.
    Closed(Duration),
    /// Still open when the watch ended.
    Open,
    /// The connection could not be made.
    NotConnected,
}

async fn stall(addr: &str, wait: Duration) -> Stall {
    let Ok(mut tcp) = TcpStream::connect(addr).await else {
        return Stall::NotConnected;
    };
    let started = Instant::now();
    if tcp
        .write_all(b"POST /interactions HTTP/1.1\r\nHost: bench\r\nContent-Le")
        .await
        .is_err()
    {
        return Stall::Closed(started.elapsed());
    }
    let mut buf = [0u8; 1024];
    loop {
        let left = wait.saturating_sub(started.elapsed());
        match tokio::time::timeout(left, tcp.read(&mut buf)).await {
            Err(_) => return Stall::Open,
            Ok(Ok(0) | Err(_)) => return Stall::Closed(started.elapsed()),
            Ok(Ok(_)) => {}
        }
    }
}

/// Signed `/ask` back to back on one connection until `stop`: the latencies, and the errors.
async fn signed_loop(
    mut conn: Conn,
    key: &SigningKey,
    next: &AtomicU64,
    stop: &AtomicBool,
) -> (Vec<Duration>, u64) {
    let (mut latencies, mut errors) = (Vec::new(), 0);
    while !stop.load(Ordering::Relaxed) {
        let bytes = request(key, &ask_body(next.fetch_add(1, Ordering::Relaxed)));
        let started = Instant::now();
        match tokio::time::timeout(Duration::from_secs(10), conn.exchange(&bytes)).await {
            Ok(Ok((200, _))) => latencies.push(started.elapsed()),
            Ok(Ok(_)) => errors += 1,
            _ => {
                errors += 1;
                match Conn::connect(conn.addr.as_str()).await {
                    Ok(c) => conn = c,
                    Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
                }
            }
        }
    }
    (latencies, errors)
}

/// An `/ask` from member `n` in channel `n` (no cooldown or repeat window meets it).
fn ask_body(n: u64) -> Vec<u8> {
    let mut ix = slash_command(
        "ask",
        json!([{ "type": 3, "name": "question", "value": "How much does a senior back-end developer earn?" }]),
        PERMS_MEMBER,
    );
    ix["member"]["user"]["id"] = json!((70_000_000 + n).to_string());
    ix["channel_id"] = json!((80_000_000 + n).to_string());
    serde_json::to_vec(&ix).unwrap()
}

/// A signed `POST /interactions` of `body`, as bytes.
fn request(key: &SigningKey, body: &[u8]) -> Vec<u8> {
    let timestamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
        .to_string();
    let mut signed = timestamp.clone().into_bytes();
    signed.extend_from_slice(body);
    let signature = hex(&key.sign(&signed).to_bytes());
    let mut out = format!(
        "POST /interactions HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\nContent-Length: {}\r\nX-Signature-Ed25519: {signature}\r\nX-Signature-Timestamp: {timestamp}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

/// A keep-alive HTTP/1.1 connection.
struct Conn {
    addr: String,
    stream: TcpStream,
    buf: Vec<u8>,
}

impl Conn {
    async fn connect(addr: &str) -> std::io::Result<Conn> {
        let stream = TcpStream::connect(addr).await?;
        let _ = stream.set_nodelay(true);
        Ok(Conn {
            addr: addr.to_string(),
            stream,
            buf: Vec::new(),
        })
    }

    /// Sends one request, reads one response with a Content-Length: (status, body).
    async fn exchange(&mut self, request: &[u8]) -> std::io::Result<(u16, Vec<u8>)> {
        self.stream.write_all(request).await?;
        let bad =
            |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_string());
        let end = loop {
            if let Some(i) = self.buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            self.fill().await?;
        };
        let head = String::from_utf8_lossy(&self.buf[..end]).to_string();
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
        while self.buf.len() < end + length {
            self.fill().await?;
        }
        let body = self.buf[end..end + length].to_vec();
        self.buf.drain(..end + length);
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

/// A process's resident memory now and at its peak, bytes.
struct Memory {
    rss: u64,
    peak: u64,
}

fn memory(pid: u32) -> Memory {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kb = |key: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
            .unwrap_or(0)
            * 1024
    };
    Memory {
        rss: kb("VmRSS:"),
        peak: kb("VmHWM:"),
    }
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// Samples a process's resident memory every 5 ms on a thread of its own.
struct Sampler {
    stop: Arc<AtomicBool>,
    thread: std::thread::JoinHandle<u64>,
}

impl Sampler {
    fn start(pid: u32) -> Sampler {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let thread = std::thread::spawn(move || {
            let mut peak = 0;
            while !flag.load(Ordering::Relaxed) {
                peak = peak.max(memory(pid).rss);
                std::thread::sleep(Duration::from_millis(5));
            }
            peak
        });
        Sampler { stop, thread }
    }

    /// The highest resident memory seen.
    fn stop(self) -> u64 {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.join().expect("sampler")
    }
}

/// Lets this process open as many files as its hard limit allows (it holds the stalled
/// connections).
fn raise_own_file_limit() {
    // SAFETY: plain calls on a struct on our stack.
    unsafe {
        let mut limit: libc::rlimit = std::mem::zeroed();
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0 {
            limit.rlim_cur = limit.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
        }
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for e in std::fs::read_dir(from).expect("seeds") {
        let e = e.expect("entry");
        std::fs::copy(e.path(), to.join(e.file_name())).expect("copy");
    }
}
