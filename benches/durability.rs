//! Durability and contention of the bot's database, measured (docs/RELIABILITY.md, "Durability
//! and contention"):
//!
//! - **Kills.** `--kills N` (default 30) trials each of answers, votes and pins against the real
//!   `careerbot serve` process, killed with SIGKILL at rotating moments (right after the first
//!   acknowledgement, after a delay, during the pin call on Discord; the trials are those of
//!   `tests/support/crash.rs`). For each kind: acknowledgements received before the kills, and
//!   how many of them the database lost (target 0). Then one more start, which must settle
//!   every pin a kill interrupted: messages left half done (target 0).
//! - **Contention.** In-process, on a database of 300,000 logged questions (20,000 distinct,
//!   all unanswered within `/gaps`' 30 days) and 5,000 pins in one guild: `/gaps` alone; `/ask`
//!   alone in that guild and in a guild without pins; then the `/ask` median while four
//!   threads run `/gaps` back to back (target ≤ 100 ms). `/ask` is timed both as `Bot::handle`
//!   (waiting for its record's commit) and up to the response (`handle_uncommitted`). Also what
//!   one logged question and one answer cost on disk.
//!
//! `cargo bench --bench durability` runs both; `-- --kills 5` for fewer kill trials,
//! `-- --no-kills` or `-- --no-contention` to skip one part.

mod support;
#[allow(dead_code)]
#[path = "../tests/support/mod.rs"]
mod test_support;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use careerbot::analysis::Analyzer;
use careerbot::config::{BotConfig, SearchConfig};
use careerbot::corpus::SeedSource;
use careerbot::discord::bot::Bot;
use careerbot::discord::incoming::Incoming;
use careerbot::discord::pin_matcher::{PinMatcher, pin_analysis, pin_terms};
use careerbot::engine::{Engine, EngineSettings, Library};
use careerbot::search::BuildOptions;
use careerbot::store::{Record, Store};
use support::{eval_questions, fmt};
use test_support::crash::{self, KillAt, Trial};
use test_support::dirs::dirs;
use test_support::fake_discord::FakeDiscord;

/// The guild of the fixture interactions.
const GUILD: u64 = 290_926_798_626_357_999;
/// Questions logged in the guild.
const LOGGED: usize = 300_000;
/// Distinct questions among them.
const DISTINCT: usize = 20_000;
/// Pins in the guild.
const PINS: usize = 5_000;
/// Answer rows written to measure their size on disk.
const ANSWERS: usize = 50_000;
/// `/ask`s timed per measurement.
const ASKS: usize = 200;

fn main() {
    let all: Vec<String> = std::env::args().collect();
    let kills = all
        .iter()
        .position(|a| a == "--kills")
        .and_then(|i| all.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    if !all.iter().any(|a| a == "--no-kills") {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime")
            .block_on(kill_trials(kills));
    }
    if !all.iter().any(|a| a == "--no-contention") {
        contention();
    }
}

// ----- kills -----

fn summary(kind: &str, trials: &[Trial]) -> usize {
    let acknowledged: usize = trials.iter().map(|t| t.acknowledged).sum();
    let lost: Vec<&String> = trials.iter().flat_map(|t| &t.lost).collect();
    let pending: usize = trials.iter().map(|t| t.pending).sum();
    let with_acks = trials.iter().filter(|t| t.acknowledged > 0).count();
    println!(
        "{kind:<8} {:>3} kills  {acknowledged:>5} acknowledged ({with_acks} trials with some)  lost {}{}",
        trials.len(),
        lost.len(),
        if kind == "pins" {
            format!("  left pending by the kill {pending}")
        } else {
            String::new()
        }
    );
    for l in &lost {
        println!("         LOST {l}");
    }
    lost.len()
}

async fn kill_trials(n: usize) {
    println!("kill -9 trials of careerbot serve ({n} per kind)");
    let d = dirs();
    let fake = Arc::new(FakeDiscord::start().await);
    let started = Instant::now();

    let moments = [
        KillAt::Acks(1),
        KillAt::After(Duration::from_millis(50)),
        KillAt::After(Duration::from_millis(150)),
        KillAt::After(Duration::from_millis(400)),
        KillAt::Acks(10),
    ];
    let mut answers = Vec::new();
    for i in 0..n {
        answers.push(crash::answers(&d, &fake, moments[i % moments.len()]).await);
    }
    let mut lost = summary("answers", &answers);

    let moments = [
        KillAt::Acks(1),
        KillAt::After(Duration::from_millis(100)),
        KillAt::After(Duration::from_millis(300)),
    ];
    let mut votes = Vec::new();
    for i in 0..n {
        votes.push(crash::votes(&d, &fake, moments[i % moments.len()]).await);
    }
    lost += summary("votes", &votes);

    // Kills before the pin work starts (it waits 200 ms after the deferred response), during
    // the pin call, and after; four pins a trial, clicked 15 ms apart.
    let moments = [
        KillAt::PinCall,
        KillAt::After(Duration::from_millis(0)),
        KillAt::After(Duration::from_millis(100)),
        KillAt::After(Duration::from_millis(200)),
        KillAt::After(Duration::from_millis(230)),
        KillAt::After(Duration::from_millis(260)),
        KillAt::After(Duration::from_millis(300)),
        KillAt::After(Duration::from_millis(500)),
    ];
    let mut pins = Vec::new();
    for i in 0..n {
        pins.push(crash::pins(&d, &fake, 4, moments[i % moments.len()]).await);
    }
    lost += summary("pins", &pins);
    let half_done = crash::settled(&d, &fake).await;
    println!(
        "after one more start: messages pinned without a confirmed pin (or the reverse), or still pending: {}",
        half_done.len()
    );
    println!(
        "acknowledged writes lost: {lost} (target 0); {:.0} s",
        started.elapsed().as_secs_f64()
    );
    if let Ok(fake) = Arc::try_unwrap(fake) {
        fake.shutdown().await;
    }
}

// ----- contention -----

/// The two reads `/ask` and `/gaps` made before this change, timed on the same database as a
/// reference: `/gaps`' queries through the index they had (every unanswered question of the
/// window, grouped), and the pinned-answer lookup that read and analysed every pin.
fn before_this_change(
    path: &Path,
    store: &Store,
    analyzer: &Analyzer,
    questions: &[String],
    now: i64,
) {
    let raw = rusqlite::Connection::open(path).expect("raw connection");
    raw.execute_batch("CREATE INDEX IF NOT EXISTS questions_guild_at ON questions (guild_id, at)")
        .expect("the old index");
    let since = now - 30 * 24 * 3600;
    let mut old_gaps = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let n: i64 = raw
            .query_row(
                "SELECT COUNT(*) FROM (
                     SELECT question, COUNT(*) AS n, MAX(at) AS last_at
                     FROM questions INDEXED BY questions_guild_at
                     WHERE guild_id = ?1 AND at >= ?2 AND answered = 0
                     GROUP BY question_key ORDER BY n DESC, last_at DESC, question_key LIMIT 15)",
                rusqlite::params![GUILD.cast_signed(), since],
                |r| r.get(0),
            )
            .expect("old gaps");
        assert!(n > 0);
        old_gaps.push(t.elapsed());
    }
    line(
        "before, for reference: /gaps' old unanswered query alone",
        old_gaps,
    );
    raw.execute_batch("DROP INDEX questions_guild_at")
        .expect("drop the old index");
    let old_pins: Vec<Duration> = questions
        .iter()
        .take(20)
        .map(|q| {
            let t = Instant::now();
            let curated = store.curated_for_guild(GUILD).expect("pins");
            let best = PinMatcher::new(analyzer, q).best(curated, |c| &c.question);
            assert!(best.is_some());
            t.elapsed()
        })
        .collect();
    line(
        "before, for reference: the old pinned-answer lookup alone",
        old_pins,
    );
}

fn unix_now() -> i64 {
    i64::try_from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
    )
    .unwrap_or(0)
}

/// The fixture's slash command as `name` with `options`, in `guild`, by `user`, with a fresh id.
fn interaction(
    root: &Path,
    name: &str,
    options: serde_json::Value,
    guild: u64,
    n: u64,
) -> Incoming {
    let text =
        std::fs::read_to_string(root.join("tests/fixtures/discord/application_command.json"))
            .expect("fixture");
    let mut v: serde_json::Value = serde_json::from_str(&text).expect("fixture JSON");
    v["id"] = (1_000_000 + n).to_string().into();
    v["token"] = format!("token-{n}").into();
    v["guild_id"] = guild.to_string().into();
    v["channel_id"] = (90_000_000_000_000_000 + n).to_string().into();
    v["channel"]["id"] = v["channel_id"].clone();
    v["member"]["user"]["id"] = (80_000_000_000_000_000 + n).to_string().into();
    v["data"]["name"] = name.into();
    v["data"]["options"] = options;
    Incoming::from_slice(&serde_json::to_vec(&v).expect("JSON")).expect("an interaction")
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn line(what: &str, mut times: Vec<Duration>) {
    times.sort();
    println!(
        "{what:<58} p50 {:>9}  p90 {:>9}  max {:>9}  ({} runs)",
        fmt(percentile(&times, 0.5)),
        fmt(percentile(&times, 0.9)),
        fmt(*times.last().expect("runs")),
        times.len()
    );
}

fn contention() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let questions = eval_questions(&root);
    let work = tempfile::tempdir().expect("temp dir");
    let vocab = careerbot::vocab::Vocabulary::shipped();
    let analyzer = Arc::clone(vocab.analyzer());
    let (library, _) = Library::open(
        SeedSource::Dir(root.join("seeds")),
        work.path().join("index"),
        BuildOptions::default(),
        vocab,
    )
    .expect("library");
    let path = work.path().join("data/careerbot.sqlite3");
    let store = Store::open(&path).expect("store");
    let now = unix_now();
    println!(
        "\ncontention: {LOGGED} logged questions ({DISTINCT} distinct, unanswered, within 30 days) and {PINS} pins in one guild"
    );

    let page = 4096.0;
    let before = store.page_count().expect("pages");
    let mut n = 0usize;
    while n < LOGGED {
        let records: Vec<Record> = (n..(n + 5000).min(LOGGED))
            .map(|i| Record::Question {
                guild_id: Some(GUILD),
                question: format!("{} ({})", questions[i % questions.len()], i % DISTINCT),
                best_score: 0.1,
                answered: false,
                at: now - i64::try_from(i % (25 * 24 * 3600)).unwrap_or(0),
            })
            .collect();
        store.write_records(&records).expect("questions");
        n += 5000;
    }
    let logged = store.page_count().expect("pages");
    println!(
        "on disk: {:.0} bytes per logged question (with its indexes)",
        (logged - before) as f64 * page / LOGGED as f64
    );

    // Pins, written in one transaction beside the store (the API writes one per fsync).
    {
        let mut raw = rusqlite::Connection::open(&path).expect("raw connection");
        let tx = raw.transaction().expect("transaction");
        for i in 0..PINS {
            let question = format!(
                "{} ({})",
                questions[i % questions.len()],
                i / questions.len()
            );
            let terms = serde_json::to_string(&pin_terms(&analyzer, &question)).expect("terms");
            tx.execute(
                "INSERT INTO curated (guild_id, question, answer, citations, pinned_by, pinned_at,
                     channel_id, message_id, confirmed, terms, terms_analysis)
                 VALUES (?1, ?2, ?3, '[]', 1, ?4, 1, ?5, 1, ?6, ?7)",
                rusqlite::params![
                    GUILD.cast_signed(),
                    question,
                    "A moderator's pinned answer. ".repeat(10),
                    now - i64::try_from(i).unwrap_or(0),
                    i64::try_from(1_000_000 + i).unwrap_or(0),
                    terms,
                    pin_analysis(&analyzer)
                ],
            )
            .expect("pin");
        }
        tx.commit().expect("pins");
    }

    let engine = Engine::new(
        library,
        EngineSettings::new(&SearchConfig::default(), work.path()),
    );
    let bot = Bot::new(
        engine,
        store.clone(),
        BotConfig {
            data_dir: work.path().join("data"),
            cooldown_seconds: 0,
            duplicate_window_seconds: 0,
            ..BotConfig::default()
        },
    );
    let mut id = 0u64;
    let mut next = || {
        id += 1;
        id
    };
    let ask = |q: &str, guild: u64, n: u64| {
        interaction(
            &root,
            "ask",
            serde_json::json!([{ "type": 3, "name": "question", "value": q }]),
            guild,
            n,
        )
    };
    let gaps = |n: u64| interaction(&root, "gaps", serde_json::json!([]), GUILD, n);

    // What an answer costs on disk: real answers' records, repeated.
    let before = store.page_count().expect("pages");
    let mut payloads = Vec::new();
    for q in questions.iter().take(20) {
        let handled = bot.handle(&ask(q, 1, next()));
        let answer = handled
            .response
            .reply
            .iter()
            .flat_map(|r| r.rows.iter().flatten())
            .find_map(|b| b.custom_id.strip_prefix("src:").map(str::to_string));
        if let Some(a) = answer.and_then(|a| store.answer(&a).ok().flatten()) {
            payloads.push((a.question, a.payload.to_string()));
        }
    }
    let mut n = 0;
    while n < ANSWERS {
        let records: Vec<Record> = (n..(n + 5000).min(ANSWERS))
            .map(|i| {
                let (question, payload) = &payloads[i % payloads.len()];
                Record::Answer {
                    answer_id: careerbot::store::new_answer_id(),
                    guild_id: Some(GUILD),
                    channel_id: 90_000_000_000_000_000 + i as u64,
                    asker_id: 80_000_000_000_000_000 + i as u64,
                    question: question.clone(),
                    kind: "ask".into(),
                    payload: payload.clone(),
                    created_at: now,
                }
            })
            .collect();
        store.write_records(&records).expect("answers");
        n += 5000;
    }
    println!(
        "on disk: {:.0} bytes per answer record (with its indexes; its payload {} bytes on average)",
        (store.page_count().expect("pages") - before) as f64 * page / ANSWERS as f64,
        payloads.iter().map(|(_, p)| p.len()).sum::<usize>() / payloads.len().max(1)
    );
    println!(
        "database: {:.0} MB",
        store.page_count().expect("pages") as f64 * page / 1e6
    );

    // Warm the pins cache and the search caches.
    for q in &questions {
        bot.handle(&ask(q, GUILD, next()));
    }

    let time = |f: &mut dyn FnMut()| {
        let t = Instant::now();
        f();
        t.elapsed()
    };
    let runs: Vec<Duration> = (0..10)
        .map(|_| time(&mut || drop(bot.handle(&gaps(next())))))
        .collect();
    line("/gaps alone", runs);
    before_this_change(&path, &store, &analyzer, &questions, now);

    let asks = |guild: u64, committed: bool, next: &mut dyn FnMut() -> u64| -> Vec<Duration> {
        (0..ASKS)
            .map(|i| {
                let ix = ask(&questions[i % questions.len()], guild, next());
                let t = Instant::now();
                let handled = if committed {
                    bot.handle(&ix)
                } else {
                    bot.handle_uncommitted(&ix)
                };
                let spent = t.elapsed();
                drop(handled.wait_committed());
                spent
            })
            .collect()
    };
    line(
        "/ask alone, guild with 5,000 pins, up to the response",
        asks(GUILD, false, &mut next),
    );
    line(
        "/ask alone, guild with 5,000 pins, with its commit",
        asks(GUILD, true, &mut next),
    );
    line(
        "/ask alone, guild without pins, up to the response",
        asks(1, false, &mut next),
    );
    line(
        "/ask alone, guild without pins, with its commit",
        asks(1, true, &mut next),
    );

    let stop = Arc::new(AtomicBool::new(false));
    let gaps_done = Arc::new(AtomicUsize::new(0));
    let gaps_time = Arc::new(std::sync::Mutex::new(Vec::new()));
    let workers: Vec<_> = (0..4)
        .map(|w| {
            let (bot, stop, done, times, root) = (
                bot.clone(),
                Arc::clone(&stop),
                Arc::clone(&gaps_done),
                Arc::clone(&gaps_time),
                root.clone(),
            );
            std::thread::spawn(move || {
                let mut k = 0u64;
                while !stop.load(Ordering::SeqCst) {
                    k += 1;
                    let ix = interaction(
                        &root,
                        "gaps",
                        serde_json::json!([]),
                        GUILD,
                        1 << 40 | w << 32 | k,
                    );
                    let t = Instant::now();
                    drop(bot.handle(&ix));
                    times.lock().expect("times").push(t.elapsed());
                    done.fetch_add(1, Ordering::SeqCst);
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(200));
    let with_gaps = asks(GUILD, true, &mut next);
    stop.store(true, Ordering::SeqCst);
    for w in workers {
        let _ = w.join();
    }
    line(
        "/ask while four threads run /gaps, with its commit",
        with_gaps,
    );
    let times = gaps_time.lock().expect("times").clone();
    line("  the /gaps meanwhile", times);
}
