//! The bot's one background loop while it serves, on either transport: switch to index
//! generations another process built, bring a library shared through the database to its newest
//! version (at once when its listener hears a change, else on its poll), prune the database to
//! the retention settings, and keep the Prometheus recorder's histograms bounded when there is
//! one.

use std::time::{Duration, Instant};

use metrics_exporter_prometheus::PrometheusHandle;
use tokio::task::JoinHandle;

use crate::discord::bot::Bot;
use crate::discord::http::metric::{LIBRARY_SYNCS, REFRESHES};

/// How often the library looks for a generation another process built (a read of `CURRENT`).
pub const REFRESH_EVERY: Duration = Duration::from_secs(2);
/// How often the database is pruned to the retention settings ([`Bot::retention`]).
pub const PRUNE_EVERY: Duration = Duration::from_secs(3600);

/// The upkeep of one running bot. [`Upkeep::spawn`] starts it; dropping the returned
/// [`Running`] stops it.
#[derive(Debug, Clone)]
pub struct Upkeep {
    bot: Bot,
    refresh_every: Duration,
    prune_every: Duration,
    metrics: Option<PrometheusHandle>,
}

impl Upkeep {
    /// Upkeep of `bot`: refresh every [`REFRESH_EVERY`], prune every [`PRUNE_EVERY`] (the first
    /// time at start) to the bot's retention settings (days and rows; pinned answers are
    /// kept), no metrics recorder.
    pub fn new(bot: &Bot) -> Upkeep {
        Upkeep {
            bot: bot.clone(),
            refresh_every: REFRESH_EVERY,
            prune_every: PRUNE_EVERY,
            metrics: None,
        }
    }

    /// Looks for a newer generation this often (at least every 10 ms).
    #[must_use]
    pub fn refresh_every(mut self, every: Duration) -> Upkeep {
        self.refresh_every = every.max(Duration::from_millis(10));
        self
    }

    /// Also runs the recorder's upkeep (its histograms' buckets) on every refresh.
    #[must_use]
    pub fn metrics(mut self, handle: PrometheusHandle) -> Upkeep {
        self.metrics = Some(handle);
        self
    }

    /// Starts the loop on the current runtime.
    pub fn spawn(self) -> Running {
        Running(tokio::spawn(self.run()))
    }

    /// The loop, forever: refresh on its period, sync a shared library when a change is heard
    /// or its poll comes round, prune when due. Each step runs off the async threads; a failed
    /// step is logged and tried again on its next turn. A prune (a large backlog takes a while,
    /// one batch between two of the writer's commits) and a library sync (a rebuild) run beside
    /// the loop, so refreshes go on meanwhile; at most one of each runs at a time, and a change
    /// heard during a sync starts another after it.
    pub async fn run(self) {
        let mut tick = tokio::time::interval(self.refresh_every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        let engine = self.bot.engine().clone();
        // Not polled at all when the library is not shared (the branch below is off).
        let mut poll = tokio::time::interval(engine.library_poll().unwrap_or(PRUNE_EVERY));
        poll.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut changes = engine.library_changes();
        let mut syncing: Option<AbortOnDrop> = None;
        let mut sync_due = false;
        let mut next_prune = Instant::now();
        let mut pruning: Option<AbortOnDrop> = None;
        loop {
            let refresh_turn = tokio::select! {
                _ = tick.tick() => true,
                _ = poll.tick(), if engine.library_poll().is_some() => {
                    sync_due = true;
                    false
                }
                () = heard(&mut changes) => {
                    sync_due = true;
                    false
                }
            };
            if sync_due && syncing.as_ref().is_none_or(AbortOnDrop::finished) {
                sync_due = false;
                let upkeep = self.clone();
                syncing = Some(AbortOnDrop(tokio::spawn(async move {
                    upkeep.sync_library().await;
                })));
            }
            if !refresh_turn {
                continue;
            }
            self.refresh().await;
            if Instant::now() >= next_prune && pruning.as_ref().is_none_or(AbortOnDrop::finished) {
                next_prune = Instant::now() + self.prune_every;
                let upkeep = self.clone();
                pruning = Some(AbortOnDrop(tokio::spawn(async move {
                    upkeep.prune().await;
                })));
            }
            if let Some(metrics) = &self.metrics {
                metrics.run_upkeep();
            }
        }
    }

    /// Brings a shared library to its newest version, off the async threads.
    async fn sync_library(&self) {
        let engine = self.bot.engine().clone();
        match tokio::task::spawn_blocking(move || engine.sync_library()).await {
            Ok(Ok(Some(_))) => {
                metrics::counter!(LIBRARY_SYNCS, "outcome" => "ok").increment(1);
            }
            Ok(Ok(None)) => {}
            // Said once where it failed (the engine logs it with the version).
            Ok(Err(e)) => {
                metrics::counter!(LIBRARY_SYNCS, "outcome" => "failed").increment(1);
                tracing::debug!(error = %e, "library sync failed");
            }
            Err(e) => tracing::error!(error = %e, "library sync panicked"),
        }
    }

    async fn refresh(&self) {
        let engine = self.bot.engine().clone();
        if engine.is_reindexing() {
            return;
        }
        match tokio::task::spawn_blocking(move || engine.refresh()).await {
            Ok(Ok(true)) => metrics::counter!(REFRESHES).increment(1),
            Ok(Ok(false)) => {}
            Ok(Err(e)) => {
                tracing::warn!(error = %e, "a newer index generation could not be opened")
            }
            Err(e) => tracing::error!(error = %e, "index refresh panicked"),
        }
    }

    /// Prunes on the store writer's thread (one small batch between two of its commits, so
    /// answers keep being acknowledged), waiting off the async threads.
    async fn prune(&self) {
        let bot = self.bot.clone();
        match tokio::task::spawn_blocking(move || bot.prune()).await {
            // What was removed is logged by the store.
            Ok(Ok(pruned)) => tracing::debug!(?pruned, "prune done"),
            Ok(Err(e)) => tracing::warn!(error = %e, "pruning old records failed"),
            Err(e) => tracing::error!(error = %e, "pruning panicked"),
        }
    }
}

/// Resolves when the shared library's listener hears something; never when there is none (or it
/// stopped).
async fn heard(changes: &mut Option<tokio::sync::watch::Receiver<u64>>) {
    match changes {
        Some(rx) => {
            if rx.changed().await.is_err() {
                *changes = None;
                std::future::pending::<()>().await;
            }
        }
        None => std::future::pending::<()>().await,
    }
}

/// A task of the loop's own, stopped with it (a prune already handed to the writer finishes
/// there).
#[derive(Debug)]
struct AbortOnDrop(JoinHandle<()>);

impl AbortOnDrop {
    fn finished(&self) -> bool {
        self.0.is_finished()
    }
}

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// A running upkeep loop; stopped when dropped.
#[derive(Debug)]
pub struct Running(JoinHandle<()>);

impl Drop for Running {
    fn drop(&mut self) {
        self.0.abort();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{BotConfig, SearchConfig};
    use crate::corpus::SeedSource;
    use crate::engine::{Engine, EngineSettings, Library};
    use crate::search::BuildOptions;
    use crate::store::Store;

    fn library(dir: &std::path::Path) -> Library {
        Library::open(
            SeedSource::Embedded,
            dir.join("index"),
            BuildOptions::default(),
            crate::answer::fixtures::vocab().clone(),
        )
        .unwrap()
        .0
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_first_turn_prunes_to_the_retention_settings() {
        let dir = tempfile::tempdir().unwrap();
        let engine = Engine::new(
            library(dir.path()),
            EngineSettings::new(&SearchConfig::default(), dir.path()),
        );
        let store = Store::open_in_memory().unwrap();
        let now = i64::try_from(crate::search::unix_now()).unwrap();
        let day = 24 * 3600;
        // Ten questions of today and two of 40 days ago.
        for (i, at) in (0..10)
            .map(|i| now - i)
            .chain([now - 40 * day; 2])
            .enumerate()
        {
            store
                .log_question(Some(7), &format!("question {i}"), 0.0, false, at)
                .unwrap();
        }
        let bot = Bot::new(
            engine,
            store.clone(),
            BotConfig {
                retention_days: 30,
                max_logged_questions: 6,
                ..BotConfig::default()
            },
        );
        let running = Upkeep::new(&bot).spawn();
        let left = || -> u64 {
            store
                .gaps(7, 0, 100)
                .unwrap()
                .unanswered
                .iter()
                .map(|q| q.count)
                .sum()
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while left() != 6 {
            assert!(Instant::now() < deadline, "never pruned: {} left", left());
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        drop(running);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_generation_built_elsewhere_is_picked_up_and_stopping_stops() {
        let dir = tempfile::tempdir().unwrap();
        let engine = Engine::new(
            library(dir.path()),
            EngineSettings::new(&SearchConfig::default(), dir.path()),
        );
        let bot = Bot::new(
            engine,
            Store::open_in_memory().unwrap(),
            BotConfig::default(),
        );
        let before = bot.engine().current().generation().to_string();
        let running = Upkeep::new(&bot)
            .refresh_every(Duration::from_millis(20))
            .spawn();
        // Another process (another library over the same directory) builds a generation.
        let elsewhere = library(dir.path());
        let built = tokio::task::spawn_blocking(move || elsewhere.reindex(|_| {}))
            .await
            .unwrap()
            .unwrap()
            .generation;
        assert_ne!(built, before);
        let deadline = Instant::now() + Duration::from_secs(20);
        while bot.engine().current().generation() != built {
            assert!(Instant::now() < deadline, "never switched to {built}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        drop(running);
    }
}
