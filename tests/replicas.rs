//! End-to-end: two `careerbot serve` replicas as on two hosts (each with its own guides, index
//! and data directories) sharing one PostgreSQL database through `CAREERBOT_DATABASE_URL`,
//! behind one (fake) Discord: what is recorded through one replica is served by the other.
//!
//! The library travels through the database too: a guide added or removed through one host, or
//! a `/reindex` there, is served by the other within 5 s; a host that cannot copy a version
//! keeps answering from the one it has and says so in `/healthz` and `/status`.
//!
//! The database is a fresh one on the throwaway cluster of `support::postgres`; where PostgreSQL
//! is not installed the test prints SKIPPED and passes.

mod support;

use std::time::{Duration, Instant};

use serde_json::json;
use support::checks::text_of;
use support::child::{Serve, answer_id, ask, click, told_pinned};
use support::dirs::{Dirs, dirs};
use support::fake_discord::{
    FakeDiscord, PERMS_MEMBER, PERMS_MODERATOR, next_snowflake, slash_command,
    slash_command_with_attachment,
};

const WAIT: Duration = Duration::from_secs(30);
/// How soon every host serves a change of the library made through another (the bound).
const SYNCED: Duration = Duration::from_secs(5);
/// Discord's ADMINISTRATOR permission bit.
const ADMINISTRATOR: u64 = 1 << 3;

/// `/sources add` of a guide the fake hosts, about `career`.
fn add_source(fake: &FakeDiscord, name: &str, text: &str, career: &str) -> serde_json::Value {
    let key: String = name.chars().filter(char::is_ascii_alphanumeric).collect();
    let url = fake.host_attachment(&format!("lib/{key}"), "text/markdown", text.into());
    let mut ix = slash_command_with_attachment(
        "sources",
        "file",
        &url,
        name,
        "text/markdown",
        text.len() as u64,
        ADMINISTRATOR,
    );
    let file_option = ix["data"]["options"][0].clone();
    let career_option = json!({ "type": 3, "name": "career", "value": career });
    ix["data"]["options"] =
        json!([{ "type": 1, "name": "add", "options": [file_option, career_option] }]);
    ix
}

/// Two hosts (each with its own guides, index and data directories) serving one fresh database
/// of the shared throwaway PostgreSQL cluster, behind one fake Discord.
struct TwoHosts {
    url: String,
    fake: FakeDiscord,
    host_a: Dirs,
    host_b: Dirs,
    a: Serve,
    b: Serve,
}

/// [`TwoHosts`] started with `env` besides the database URL; `None` (the test is SKIPPED) where
/// PostgreSQL is not installed.
async fn two_hosts(env: &[(&str, &str)]) -> Option<TwoHosts> {
    let cluster = support::postgres::shared()?;
    let url = cluster.create_database();
    let fake = FakeDiscord::start().await;
    let (host_a, host_b) = (dirs(), dirs());
    let mut all = vec![("CAREERBOT_DATABASE_URL", url.as_str())];
    all.extend_from_slice(env);
    let a = Serve::start_with(&host_a, &fake, &all).await;
    let b = Serve::start_with(&host_b, &fake, &all).await;
    drop(all);
    Some(TwoHosts {
        url,
        fake,
        host_a,
        host_b,
        a,
        b,
    })
}

/// Waits (at most [`WAIT`]) until the deferred response of `ix` is edited to say `done`, and
/// returns its text.
async fn outcome(fake: &FakeDiscord, ix: &serde_json::Value, done: &str) -> String {
    let token = ix["token"].as_str().unwrap();
    let deadline = Instant::now() + WAIT;
    loop {
        let text = fake
            .original_response(token)
            .map(|m| text_of(&m))
            .unwrap_or_default();
        if text.contains(done) {
            return text;
        }
        assert!(Instant::now() < deadline, "never said {done:?}: {text}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A host's `/healthz` body.
async fn health(host: &Serve) -> serde_json::Value {
    let (status, body) = host.get("/healthz").await.expect("/healthz answers");
    assert_eq!(
        status, 200,
        "a host serving a previous version is still healthy: {body}"
    );
    serde_json::from_str(&body).unwrap()
}

/// Waits until `check` holds, at most `limit`; panics naming `what` otherwise.
async fn within<F: AsyncFnMut() -> bool>(limit: Duration, what: &str, mut check: F) {
    let deadline = Instant::now() + limit;
    while !check().await {
        assert!(Instant::now() < deadline, "not within {limit:?}: {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// What an `/ask` through `host` answers.
async fn answer(host: &Serve, fake: &FakeDiscord, question: &str) -> String {
    let r = host
        .interact(fake, &ask(question))
        .await
        .expect("an answer");
    text_of(&r["data"])
}

const POLAR: &str = "# Polar Station Back-End Developers\n\nBack-end developers at polar research \
    stations earn a hardship bonus for every winter shift they keep the station's services up.\n";
const POLAR_QUESTION: &str = "polar research station hardship bonus";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pin_made_through_one_host_is_served_by_the_other() {
    let Some(TwoHosts {
        url: _,
        fake,
        host_a,
        host_b,
        a,
        b,
    }) = two_hosts(&[("RUST_LOG", "info")]).await
    else {
        return;
    };

    // An answer from host A, pinned by a moderator through host A.
    let ix = ask("interview tips");
    let r = a.interact(&fake, &ix).await.expect("A answers");
    let id = answer_id(&r["data"]).expect("an answer with buttons (its record is committed)");
    let message = fake
        .original_response(ix["token"].as_str().unwrap())
        .expect("the answer's message");
    let pin = click(
        &format!("pin:{id}"),
        &message,
        next_snowflake(),
        PERMS_MODERATOR,
    );
    let r = a.interact(&fake, &pin).await.expect("A takes the pin");
    assert_eq!(r["type"], 5, "a pin is deferred: {r}");
    let deadline = Instant::now() + WAIT;
    while !told_pinned(&fake, &pin) {
        assert!(
            Instant::now() < deadline,
            "A never said the answer was pinned"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // Host B lists the pin…
    let list = slash_command(
        "pins",
        json!([{ "type": 1, "name": "list", "options": [] }]),
        PERMS_MEMBER,
    );
    let r = b.interact(&fake, &list).await.expect("B lists the pins");
    assert!(text_of(&r["data"]).contains("interview tips"), "{r}");
    // …and serves it to a member asking the same thing there.
    let r = b
        .interact(&fake, &ask("interview tips please"))
        .await
        .expect("B answers");
    assert!(
        text_of(&r["data"]).contains("Moderator-pinned answer"),
        "the pin made through A is shown by B: {r}"
    );

    // A button of A's answer works on B (the answer's record is shared), and the vote it
    // records is A's to count too.
    let voter = next_snowflake();
    let up = click(&format!("up:{id}"), &message, voter, PERMS_MEMBER);
    let r = b.interact(&fake, &up).await.expect("B takes the vote");
    assert!(text_of(&r["data"]).contains("Thanks"), "{r}");
    let up_again = click(&format!("up:{id}"), &message, voter, PERMS_MEMBER);
    let r = a
        .interact(&fake, &up_again)
        .await
        .expect("A takes the vote");
    assert!(text_of(&r["data"]).contains("Thanks"), "{r}");

    a.stop().await;
    b.stop().await;

    // Both logged which database they opened, never its password.
    for host in [&host_a, &host_b] {
        let log = std::fs::read_to_string(host.data.join("serve.log")).unwrap();
        assert!(
            log.contains("PostgreSQL postgres://careerbot:***@127.0.0.1"),
            "the database named in the log: {log}"
        );
        assert!(
            !log.contains(
                support::postgres::shared()
                    .expect("the cluster serving this test")
                    .password()
            ),
            "the password leaked into the log"
        );
        assert!(
            !host.data.join(careerbot::store::SQLITE_FILE).exists(),
            "no SQLite file beside PostgreSQL"
        );
    }
    fake.shutdown().await;
}

/// A member's cooldown started through one host holds on the other, and the same question asked
/// again in the channel through the other host points to the first host's answer: both live in
/// the database, not in either process.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cooldowns_and_repeated_questions_hold_across_hosts() {
    let Some(TwoHosts {
        url,
        fake,
        host_a: _host_a,
        host_b: _host_b,
        a,
        b,
    }) = two_hosts(&[
        ("CAREERBOT_COOLDOWN_SECONDS", "60"),
        ("CAREERBOT_DUPLICATE_WINDOW_SECONDS", "600"),
    ])
    .await
    else {
        return;
    };
    let by = |question: &str, member: u64| {
        let mut ix = ask(question);
        ix["member"]["user"]["id"] = json!(member.to_string());
        ix
    };

    let member = next_snowflake();
    let first = by("interview tips", member);
    let r = a.interact(&fake, &first).await.expect("A answers");
    let id = answer_id(&r["data"]).expect("an answer with buttons");
    let r = b
        .interact(&fake, &by("what does a pilot earn", member))
        .await
        .expect("B answers");
    assert!(
        text_of(&r["data"]).contains("Easy there"),
        "the cooldown started through A holds on B: {r}"
    );

    // Once A has recorded which message its answer became…
    let store = careerbot::store::Store::open_postgres(&url).unwrap();
    let deadline = Instant::now() + WAIT;
    let message_id = loop {
        if let Some(m) = store.answer(&id).unwrap().and_then(|a| a.message_id) {
            break m;
        }
        assert!(
            Instant::now() < deadline,
            "A never recorded its answer's message"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    // …another member asking the same through B is pointed to it.
    let r = b
        .interact(&fake, &by("Interview  tips?", next_snowflake()))
        .await
        .expect("B answers");
    let text = text_of(&r["data"]);
    assert!(
        text.contains("This was asked here") && text.contains(&message_id.to_string()),
        "B points to A's answer: {r}"
    );

    a.stop().await;
    b.stop().await;
    drop(store);
    fake.shutdown().await;
}

/// `/sources add` through host A is answered by host B within 5 s (its guide, manifest entry and
/// career copied into B's own guides directory, B's own index rebuilt); `/sources remove`
/// through B is gone from A within 5 s.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_guide_added_through_one_host_is_answered_by_the_other_within_5_s() {
    let Some(TwoHosts {
        url: _,
        fake,
        host_a,
        host_b,
        a,
        b,
    }) = two_hosts(&[("RUST_LOG", "info")]).await
    else {
        return;
    };
    let before = health(&b).await;
    assert_eq!(before["library"]["version"], 1, "seeded once: {before}");
    assert!(
        !answer(&b, &fake, POLAR_QUESTION)
            .await
            .contains("Polar Station")
    );

    let add = add_source(&fake, "polar-stations.md", POLAR, "Polar Engineer");
    let r = a.interact(&fake, &add).await.expect("A takes the guide");
    assert_eq!(r["type"], 5, "deferred: {r}");
    let report = outcome(&fake, &add, "Reindex done").await;
    assert!(report.contains("polar-stations.md"), "{report}");

    within(
        SYNCED,
        "B answers from the guide added through A",
        async || {
            answer(&b, &fake, POLAR_QUESTION)
                .await
                .contains("Polar Station")
        },
    )
    .await;
    let copied = std::fs::read_to_string(host_b.seeds.join("polar-stations.md")).unwrap();
    assert_eq!(copied, POLAR);
    let manifest = std::fs::read_to_string(host_b.seeds.join("sources.toml")).unwrap();
    let manifest = careerbot::corpus::Manifest::parse(&manifest).unwrap();
    assert_eq!(
        manifest
            .get("polar-stations.md")
            .and_then(|g| g.career.as_deref()),
        Some("Polar Engineer"),
        "the career given through A travels with the guide"
    );
    assert!(
        manifest
            .get("000_84c8862ccb5e7127.txt")
            .and_then(|g| g.title.as_deref())
            .is_some(),
        "the seeds' manifest entries travel too"
    );
    let (a_now, b_now) = (health(&a).await, health(&b).await);
    assert_eq!(a_now["library"]["version"], b_now["library"]["version"]);
    assert_eq!(b_now["index"]["guides"], 6);

    // Removed through B: A no longer has it.
    let remove = slash_command(
        "sources",
        json!([{ "type": 1, "name": "remove", "options": [
            { "type": 3, "name": "name", "value": "polar-stations.md" }
        ]}]),
        ADMINISTRATOR,
    );
    let r = b
        .interact(&fake, &remove)
        .await
        .expect("B takes the removal");
    assert_eq!(r["type"], 5, "deferred: {r}");
    outcome(&fake, &remove, "Reindex done").await;
    within(
        SYNCED,
        "A forgets the guide removed through B",
        async || {
            health(&a).await["index"]["guides"] == 5
                && !answer(&a, &fake, POLAR_QUESTION)
                    .await
                    .contains("Polar Station")
        },
    )
    .await;
    assert!(!host_a.seeds.join("polar-stations.md").exists());

    a.stop().await;
    b.stop().await;
    fake.shutdown().await;
}

/// `/reindex` through A makes B serve a new generation within 5 s. A host that cannot copy a
/// version (here a directory sits where B must write the new guide: a local fault no other host
/// shares) keeps answering from the generation it has and reports the version and why in
/// `/healthz` and `/status`; once the fault is gone the next version serves there too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reindex_rebuilds_every_host_and_a_host_that_cannot_keeps_serving() {
    let Some(TwoHosts {
        url: _,
        fake,
        host_a: _host_a,
        host_b,
        a,
        b,
    }) = two_hosts(&[("RUST_LOG", "info")]).await
    else {
        return;
    };
    let first = health(&b).await["index"]["generation"].clone();

    let reindex = slash_command("reindex", json!([]), ADMINISTRATOR);
    let r = a
        .interact(&fake, &reindex)
        .await
        .expect("A takes the reindex");
    assert_eq!(r["type"], 5, "deferred: {r}");
    outcome(&fake, &reindex, "Reindex done").await;
    let version = health(&a).await["library"]["version"].clone();
    assert_eq!(version, 2, "a reindex moves the library's version");
    within(
        SYNCED,
        "B serves a new generation of version 2",
        async || {
            let h = health(&b).await;
            h["index"]["generation"] != first && h["library"]["version"] == version
        },
    )
    .await;

    // A local fault on B: a directory where the new guide's file must go.
    let blocked = host_b.seeds.join("polar-stations.md");
    std::fs::create_dir(&blocked).unwrap();
    let serving = health(&b).await["index"]["generation"].clone();
    let add = add_source(&fake, "polar-stations.md", POLAR, "Polar Engineer");
    a.interact(&fake, &add).await.expect("A takes the guide");
    outcome(&fake, &add, "Reindex done").await;
    let latest = health(&a).await["library"]["version"].clone();
    within(
        SYNCED,
        "B reports the version it could not copy",
        async || health(&b).await["library"]["failed"]["version"] == latest,
    )
    .await;
    let h = health(&b).await;
    assert_eq!(h["status"], "ok");
    assert_eq!(
        h["index"]["generation"], serving,
        "B keeps its generation: {h}"
    );
    assert_eq!(h["library"]["version"], version, "{h}");
    let why = h["library"]["failed"]["error"].as_str().unwrap();
    assert!(why.contains("polar-stations.md"), "{why}");
    assert!(
        !why.contains(&host_b.seeds.display().to_string()),
        "the host's paths stay out of the report: {why}"
    );
    // B keeps answering, from the guides it has.
    let text = answer(&b, &fake, "interview tips").await;
    assert!(text.contains("[1]"), "{text}");
    let status = b
        .interact(&fake, &slash_command("status", json!([]), PERMS_MEMBER))
        .await
        .expect("B's /status");
    let status = text_of(&status["data"]);
    assert!(
        status.contains(&format!("version {latest} failed here"))
            && status.contains("polar-stations.md"),
        "{status}"
    );

    // The fault cleared, the next version serves on B.
    std::fs::remove_dir(&blocked).unwrap();
    let again = slash_command("reindex", json!([]), ADMINISTRATOR);
    a.interact(&fake, &again)
        .await
        .expect("A takes the reindex");
    outcome(&fake, &again, "Reindex done").await;
    within(
        SYNCED,
        "B serves the newest version once it can",
        async || {
            let h = health(&b).await;
            h["library"]["failed"].is_null() && h["library"]["version"] == h["library"]["latest"]
        },
    )
    .await;
    assert!(
        answer(&b, &fake, POLAR_QUESTION)
            .await
            .contains("Polar Station")
    );

    a.stop().await;
    b.stop().await;
    fake.shutdown().await;
}
