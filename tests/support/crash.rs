//! Crash trials of "an acknowledgement means written", shared by `tests/durability.rs` (a few
//! trials) and `benches/durability.rs` (many): a real `careerbot serve` answers, counts votes or
//! pins while clients drive it, is killed with SIGKILL at a chosen moment, and the database it
//! left is checked for every acknowledgement the clients received. The `_on` variants run the
//! same trials with the process on a PostgreSQL database (`CAREERBOT_DATABASE_URL`).
#![allow(dead_code)]

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::checks::text_of;
use super::child::{Left, Serve, answer_id, ask, click, told_pinned};
use super::dirs::Dirs;
use super::fake_discord::{CHANNEL_ID, FakeDiscord, PERMS_MEMBER, PERMS_MODERATOR, next_snowflake};

/// Questions the shipped guides answer confidently (so every answer has buttons).
pub const QUESTIONS: &[&str] = &[
    "How much does a senior back-end developer earn?",
    "how long from junior to senior",
    "remote work",
    "interview tips",
    "portfolio ideas",
    "what skills does a junior back-end developer need",
];

/// Clients driving the process at once.
const CLIENTS: usize = 4;
/// The longest a trial waits for its kill moment.
const KILL_WAIT: Duration = Duration::from_secs(30);

/// When to kill the process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KillAt {
    /// As soon as the clients have received this many acknowledgements.
    Acks(usize),
    /// This long after the clients started (for pins: after the first click).
    After(Duration),
    /// Pins: while the first pin call is in flight, after Discord has pinned the message (its
    /// response held back a moment).
    PinCall,
}

/// What one trial saw.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Trial {
    /// Acknowledgements the clients received before the kill.
    pub acknowledged: usize,
    /// Of those, the ones whose row is missing from the database after the kill.
    pub lost: Vec<String>,
    /// Pins left pending by the kill (settled at the next start).
    pub pending: usize,
}

async fn kill_when(serve: &Serve, kill: KillAt, acked: impl Fn() -> usize, started: Instant) {
    let deadline = Instant::now() + KILL_WAIT;
    match kill {
        KillAt::Acks(n) => {
            while acked() < n && Instant::now() < deadline {
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
        }
        KillAt::After(d) => tokio::time::sleep_until((started + d).into()).await,
        KillAt::PinCall => {}
    }
    serve.kill9().await;
}

/// `careerbot serve` on `dirs`, its database the one `url` names (`None`: the SQLite file).
async fn start(dirs: &Dirs, url: Option<&str>, fake: &FakeDiscord) -> Serve {
    match url {
        Some(url) => Serve::start_with(dirs, fake, &[("CAREERBOT_DATABASE_URL", url)]).await,
        None => Serve::start(dirs, fake).await,
    }
}

/// Clients ask back to back; the kill comes at `kill`; every answer that came with buttons must
/// have its row.
pub async fn answers(dirs: &Dirs, fake: &Arc<FakeDiscord>, kill: KillAt) -> Trial {
    answers_on(dirs, None, fake, kill).await
}

/// [`answers`], on the database `url` names (`None`: the SQLite file in the data directory).
pub async fn answers_on(
    dirs: &Dirs,
    url: Option<&str>,
    fake: &Arc<FakeDiscord>,
    kill: KillAt,
) -> Trial {
    let serve = Arc::new(start(dirs, url, fake).await);
    let acked: Arc<Mutex<Vec<String>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let clients: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let (serve, fake, acked, stop) = (
                Arc::clone(&serve),
                Arc::clone(fake),
                Arc::clone(&acked),
                Arc::clone(&stop),
            );
            tokio::spawn(async move {
                let mut n = c;
                while !stop.load(Ordering::SeqCst) {
                    let Ok(r) = serve
                        .interact(&fake, &ask(QUESTIONS[n % QUESTIONS.len()]))
                        .await
                    else {
                        break;
                    };
                    if let Some(id) = answer_id(&r["data"]) {
                        acked.lock().unwrap().push(id);
                    }
                    n += 1;
                }
            })
        })
        .collect();
    kill_when(&serve, kill, || acked.lock().unwrap().len(), started).await;
    stop.store(true, Ordering::SeqCst);
    for c in clients {
        let _ = c.await;
    }
    let acked = acked.lock().unwrap().clone();
    let left = Left::open_on(&dirs.data, url);
    Trial {
        acknowledged: acked.len(),
        lost: acked
            .into_iter()
            .filter(|id| !left.has_answer(id))
            .collect(),
        pending: 0,
    }
}

/// Asks `n` questions one after the other: each answer's id and the message it became.
async fn answered(serve: &Serve, fake: &FakeDiscord, n: usize) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for q in QUESTIONS.iter().cycle().take(n) {
        let ix = ask(q);
        let r = serve.interact(fake, &ix).await.expect("the answer comes");
        let id = answer_id(&r["data"]).expect("an answer with buttons");
        let message = fake
            .original_response(ix["token"].as_str().unwrap())
            .expect("the answer's message");
        out.push((id, message));
    }
    out
}

/// Clients vote (a new member each time) on a few answers; every "Thanks" must have its row.
pub async fn votes(dirs: &Dirs, fake: &Arc<FakeDiscord>, kill: KillAt) -> Trial {
    let serve = Arc::new(Serve::start(dirs, fake).await);
    let targets = Arc::new(answered(&serve, fake, 3).await);
    let acked: Arc<Mutex<Vec<(String, u64, bool)>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let clients: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let (serve, fake, acked, stop, targets) = (
                Arc::clone(&serve),
                Arc::clone(fake),
                Arc::clone(&acked),
                Arc::clone(&stop),
                Arc::clone(&targets),
            );
            tokio::spawn(async move {
                let mut n = c;
                while !stop.load(Ordering::SeqCst) {
                    let (id, message) = &targets[n % targets.len()];
                    let up = n % 3 != 0;
                    let user = next_snowflake();
                    let button = format!("{}:{id}", if up { "up" } else { "down" });
                    let Ok(r) = serve
                        .interact(&fake, &click(&button, message, user, PERMS_MEMBER))
                        .await
                    else {
                        break;
                    };
                    if text_of(&r["data"]).starts_with("Thanks") {
                        acked.lock().unwrap().push((id.clone(), user, up));
                    }
                    n += 1;
                }
            })
        })
        .collect();
    kill_when(&serve, kill, || acked.lock().unwrap().len(), started).await;
    stop.store(true, Ordering::SeqCst);
    for c in clients {
        let _ = c.await;
    }
    let acked = acked.lock().unwrap().clone();
    let left = Left::open(&dirs.data);
    Trial {
        acknowledged: acked.len(),
        lost: acked
            .into_iter()
            .filter(|(id, user, up)| left.vote(id, *user) != Some(*up))
            .map(|(id, user, _)| format!("{id} by {user}"))
            .collect(),
        pending: 0,
    }
}

/// A moderator pins `pins` fresh answers, clicks a few milliseconds apart; every "📌 Pinned"
/// must have its confirmed row. Pins the kill interrupted are counted as pending (see
/// [`settled`]).
pub async fn pins(dirs: &Dirs, fake: &Arc<FakeDiscord>, pins: usize, kill: KillAt) -> Trial {
    pins_on(dirs, None, fake, pins, kill).await
}

/// [`pins`], on the database `url` names (`None`: the SQLite file in the data directory).
pub async fn pins_on(
    dirs: &Dirs,
    url: Option<&str>,
    fake: &Arc<FakeDiscord>,
    pins: usize,
    kill: KillAt,
) -> Trial {
    let serve = Arc::new(start(dirs, url, fake).await);
    let targets = answered(&serve, fake, pins).await;
    let moderator = next_snowflake();
    let calls_before = fake.requests().len();
    if kill == KillAt::PinCall {
        fake.delay_next("PUT", "/pins/", 1, Duration::from_millis(500));
    }
    let started = Instant::now();
    let mut clicks = Vec::new();
    let mut sent = Vec::new();
    for (id, message) in &targets {
        let ix = click(&format!("pin:{id}"), message, moderator, PERMS_MODERATOR);
        clicks.push(ix.clone());
        let (serve, fake) = (Arc::clone(&serve), Arc::clone(fake));
        sent.push(tokio::spawn(async move {
            let _ = serve.interact(&fake, &ix).await;
        }));
        tokio::time::sleep(Duration::from_millis(15)).await;
    }
    if kill == KillAt::PinCall {
        let _ = fake
            .wait_for_request(KILL_WAIT, |r| {
                r.index >= calls_before && r.method == "PUT" && r.path.contains("/pins/")
            })
            .await;
    }
    kill_when(&serve, kill, || 0, started).await;
    for s in sent {
        let _ = s.await;
    }
    let message_id = |m: &Value| -> u64 { m["id"].as_str().unwrap().parse().unwrap() };
    let told: Vec<u64> = clicks
        .iter()
        .zip(&targets)
        .filter(|(click, _)| told_pinned(fake, click))
        .map(|(_, (_, message))| message_id(message))
        .collect();
    let left = Left::open_on(&dirs.data, url);
    let confirmed = left.confirmed_pins();
    let pending = left.pending_pins();
    Trial {
        acknowledged: told.len(),
        lost: told
            .iter()
            .filter(|m| !confirmed.contains(m))
            .map(u64::to_string)
            .collect(),
        pending: targets
            .iter()
            .filter(|(_, m)| pending.contains(&message_id(m)))
            .count(),
    }
}

/// After pin trials: starts the process again, lets it repair (driving follow-up work with
/// questions until no pin is pending, bounded), and returns the messages whose state is half
/// done — pinned on Discord without a confirmed row, or confirmed without being pinned — which
/// must be none.
pub async fn settled(dirs: &Dirs, fake: &Arc<FakeDiscord>) -> Vec<u64> {
    settled_on(dirs, None, fake).await
}

/// [`settled`], on the database `url` names (`None`: the SQLite file in the data directory).
pub async fn settled_on(dirs: &Dirs, url: Option<&str>, fake: &Arc<FakeDiscord>) -> Vec<u64> {
    let serve = start(dirs, url, fake).await;
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        // Each answer's follow-up work gives the process its chance to repair.
        let _ = serve.interact(fake, &ask(QUESTIONS[0])).await;
        if Left::open_on(&dirs.data, url).pending_pins().is_empty() || Instant::now() > deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    serve.kill9().await;
    let left = Left::open_on(&dirs.data, url);
    let on_discord: std::collections::BTreeSet<u64> = fake.pinned(CHANNEL_ID).into_iter().collect();
    let confirmed = left.confirmed_pins();
    on_discord
        .symmetric_difference(&confirmed)
        .copied()
        .chain(left.pending_pins())
        .collect()
}
