//! End-to-end: the gateway process (`careerbot run`) sized by Discord and observable. Without
//! `--shards` it starts every shard `GET /gateway/bot` recommends; `--shard-range` splits them
//! between processes; `--metrics-listen` serves `/healthz` and `/metrics` while it runs. All
//! against the fake Discord on 127.0.0.1.

mod support;

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use support::child::Run;
use support::dirs::dirs;
use support::fake_discord::{FakeDiscord, PERMS_MEMBER, slash_command};

/// Longest wait for the shards (serenity starts one every 5 s, as Discord's
/// `max_concurrency: 1` asks).
const WAIT: Duration = Duration::from_secs(45);

/// The `[id, total]` of every shard that IDENTIFYed, sorted, each once (a shard whose session
/// could not be resumed, on a slow machine, identifies again).
fn identified(fake: &FakeDiscord) -> Vec<[u64; 2]> {
    let mut shards: Vec<[u64; 2]> = fake
        .identifies()
        .iter()
        .map(|i| i.shard.expect("IDENTIFY names its shard"))
        .collect();
    shards.sort_unstable();
    shards.dedup();
    shards
}

async fn until_identified(fake: &FakeDiscord, count: usize) -> Vec<[u64; 2]> {
    let deadline = Instant::now() + WAIT;
    while identified(fake).len() < count {
        assert!(
            Instant::now() < deadline,
            "only {:?} identified",
            identified(fake)
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    identified(fake)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_shards_every_shard_discord_recommends_identifies() {
    let fake = FakeDiscord::builder().recommend_shards(2).start().await;
    let d = dirs();
    let run = Run::start(&d, &fake, &[]).await;
    assert_eq!(until_identified(&fake, 2).await, [[0, 2], [1, 2]]);
    assert!(
        !fake.requests_matching("GET", "/gateway/bot").is_empty(),
        "the count came from GET /gateway/bot"
    );
    run.stop().await;
    // No third shard was started meanwhile.
    assert_eq!(identified(&fake).len(), 2);
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn processes_split_the_shards_with_a_range() {
    let fake = FakeDiscord::builder().recommend_shards(3).start().await;
    let (d1, d2) = (dirs(), dirs());
    let first = Run::start(&d1, &fake, &["--shard-range", "0..1", "--shards", "2"]).await;
    assert_eq!(until_identified(&fake, 1).await, [[0, 2]]);
    let second = Run::start(&d2, &fake, &["--shard-range", "1..2", "--shards", "2"]).await;
    assert_eq!(
        until_identified(&fake, 2).await,
        [[0, 2], [1, 2]],
        "the given total wins over the recommendation"
    );
    first.stop().await;
    second.stop().await;
    fake.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_running_gateway_serves_healthz_and_metrics() {
    let fake = FakeDiscord::start().await;
    let d = dirs();
    let run = Run::start(&d, &fake, &[]).await;
    fake.wait_ready(WAIT).await.expect("the shard is READY");

    let (status, body) = run.get("/healthz").await.unwrap();
    assert_eq!(status, 200, "{body}");
    let health: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(health["status"], "ok");
    assert_eq!(health["database"], "ok");
    assert_eq!(health["index"]["guides"], 5);

    // An interaction over the gateway is counted.
    fake.send_interaction(slash_command("help", json!([]), PERMS_MEMBER))
        .await;
    let deadline = Instant::now() + WAIT;
    let metrics = loop {
        let (status, text) = run.get("/metrics").await.unwrap();
        assert_eq!(status, 200);
        if text.lines().any(|l| {
            l.starts_with("careerbot_gateway_interactions_total{") && l.contains("command=\"help\"")
        }) {
            break text;
        }
        assert!(
            Instant::now() < deadline,
            "the interaction was never counted: {text}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let value = |name: &str| -> f64 {
        metrics
            .lines()
            .find_map(|l| l.strip_prefix(name).and_then(|v| v.trim().parse().ok()))
            .unwrap_or_else(|| panic!("{name} missing: {metrics}"))
    };
    assert_eq!(value("careerbot_gateway_shards_ready "), 1.0);
    assert_eq!(value("careerbot_gateway_shards_total "), 1.0);
    assert!(value("careerbot_index_passages ") > 100.0);
    run.stop().await;
    fake.shutdown().await;
}
