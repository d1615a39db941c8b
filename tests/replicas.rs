//! End-to-end: two `careerbot serve` replicas as on two hosts (each with its own guides, index
//! and data directories) sharing one PostgreSQL database through `CAREERBOT_DATABASE_URL`,
//! behind one (fake) Discord: what is recorded through one replica is served by the other.
//!
//! The database is a fresh one on the throwaway cluster of `support::postgres`; where PostgreSQL
//! is not installed the test prints SKIPPED and passes.

mod support;

use std::time::{Duration, Instant};

use serde_json::json;
use support::checks::text_of;
use support::child::{Serve, answer_id, ask, click, told_pinned};
use support::dirs::dirs;
use support::fake_discord::{
    FakeDiscord, PERMS_MEMBER, PERMS_MODERATOR, next_snowflake, slash_command,
};

const WAIT: Duration = Duration::from_secs(30);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pin_made_through_one_host_is_served_by_the_other() {
    let Some(cluster) = support::postgres::shared() else {
        return;
    };
    let url = cluster.create_database();
    let fake = FakeDiscord::start().await;
    let (host_a, host_b) = (dirs(), dirs());
    let env = [
        ("CAREERBOT_DATABASE_URL", url.as_str()),
        ("RUST_LOG", "info"),
    ];
    let a = Serve::start_with(&host_a, &fake, &env).await;
    let b = Serve::start_with(&host_b, &fake, &env).await;

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
            !log.contains(cluster.password()),
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
    let Some(cluster) = support::postgres::shared() else {
        return;
    };
    let url = cluster.create_database();
    let fake = FakeDiscord::start().await;
    let (host_a, host_b) = (dirs(), dirs());
    let env = [
        ("CAREERBOT_DATABASE_URL", url.as_str()),
        ("CAREERBOT_COOLDOWN_SECONDS", "60"),
        ("CAREERBOT_DUPLICATE_WINDOW_SECONDS", "600"),
    ];
    let a = Serve::start_with(&host_a, &fake, &env).await;
    let b = Serve::start_with(&host_b, &fake, &env).await;
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
