//! Crash tests of "an acknowledgement means written": the real `careerbot serve` process is
//! killed with SIGKILL while it answers, counts votes and pins, at chosen moments (right after
//! the first acknowledgement, later, at the pin call on Discord), and the database it leaves
//! must hold every answer, vote and pin a user was told of; a pin the kill interrupted must be
//! settled at the next start, leaving nothing half done. A few trials each, to stay quick:
//! `cargo bench --bench durability` runs many.

mod support;

use std::sync::Arc;
use std::time::Duration;

use support::crash::{self, KillAt, Trial};
use support::dirs::dirs;
use support::fake_discord::FakeDiscord;

fn assert_nothing_lost(what: &str, trials: &[Trial]) {
    eprintln!("{what}: {trials:?}");
    for (n, t) in trials.iter().enumerate() {
        assert!(
            t.lost.is_empty(),
            "{what}, trial {n}: acknowledged but not in the database after kill -9: {:?}",
            t.lost
        );
    }
    assert!(
        trials.iter().map(|t| t.acknowledged).sum::<usize>() > 0,
        "{what}: some acknowledgements came before the kills: {trials:?}"
    );
}

async fn stop(fake: Arc<FakeDiscord>) {
    if let Ok(fake) = Arc::try_unwrap(fake) {
        fake.shutdown().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_with_buttons_survive_kill_9() {
    let d = dirs();
    let fake = Arc::new(FakeDiscord::start().await);
    let mut trials = Vec::new();
    for kill in [
        KillAt::Acks(1),
        KillAt::After(Duration::from_millis(300)),
        KillAt::Acks(20),
    ] {
        trials.push(crash::answers(&d, &fake, kill).await);
    }
    assert_nothing_lost("answers", &trials);
    stop(fake).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn votes_thanked_for_survive_kill_9() {
    let d = dirs();
    let fake = Arc::new(FakeDiscord::start().await);
    let mut trials = Vec::new();
    for kill in [KillAt::Acks(1), KillAt::After(Duration::from_millis(200))] {
        trials.push(crash::votes(&d, &fake, kill).await);
    }
    assert_nothing_lost("votes", &trials);
    stop(fake).await;
}

/// Pins killed at the pin call itself and within the 200 ms after the click: every pin the
/// moderator was told of is confirmed; the next start settles the rest from what Discord shows.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pins_survive_kill_9_and_nothing_is_left_half_done() {
    let d = dirs();
    let fake = Arc::new(FakeDiscord::start().await);
    let mut trials = Vec::new();
    for kill in [
        KillAt::PinCall,
        KillAt::After(Duration::from_millis(150)),
        KillAt::After(Duration::from_millis(600)),
    ] {
        trials.push(crash::pins(&d, &fake, 4, kill).await);
    }
    for (n, t) in trials.iter().enumerate() {
        assert!(
            t.lost.is_empty(),
            "pins, trial {n}: told pinned but not confirmed: {t:?}"
        );
    }
    eprintln!("pins: {trials:?}");
    let half_done = crash::settled(&d, &fake).await;
    assert!(
        half_done.is_empty(),
        "after a restart, messages pinned without a record (or the reverse): {half_done:?}; trials {trials:?}"
    );
    stop(fake).await;
}

/// The same promise on PostgreSQL: every answer that came with buttons is in the database after
/// the process is killed (its commit returned before the response went out).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_with_buttons_survive_kill_9_on_postgres() {
    let Some(url) = support::postgres::fresh_database() else {
        return;
    };
    let d = dirs();
    let fake = Arc::new(FakeDiscord::start().await);
    let mut trials = Vec::new();
    for kill in [KillAt::Acks(1), KillAt::After(Duration::from_millis(300))] {
        trials.push(crash::answers_on(&d, Some(&url), &fake, kill).await);
    }
    assert_nothing_lost("answers on PostgreSQL", &trials);
    stop(fake).await;
}

/// Pins on PostgreSQL: killed at the pin call and just after the clicks, every pin the moderator
/// was told of is confirmed, and the next start settles the rest.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pins_survive_kill_9_on_postgres_and_nothing_is_left_half_done() {
    let Some(url) = support::postgres::fresh_database() else {
        return;
    };
    let d = dirs();
    let fake = Arc::new(FakeDiscord::start().await);
    let mut trials = Vec::new();
    for kill in [KillAt::PinCall, KillAt::After(Duration::from_millis(150))] {
        trials.push(crash::pins_on(&d, Some(&url), &fake, 4, kill).await);
    }
    for (n, t) in trials.iter().enumerate() {
        assert!(
            t.lost.is_empty(),
            "pins on PostgreSQL, trial {n}: told pinned but not confirmed: {t:?}"
        );
    }
    let half_done = crash::settled_on(&d, Some(&url), &fake).await;
    assert!(
        half_done.is_empty(),
        "after a restart, messages pinned without a record (or the reverse): {half_done:?}; trials {trials:?}"
    );
    stop(fake).await;
}
