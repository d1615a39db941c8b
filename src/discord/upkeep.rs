//! The bot's one background loop while it serves, on either transport: switch to index
//! generations another process built, prune old records from the database, and keep the
//! Prometheus recorder's histograms bounded when there is one.

use std::time::{Duration, Instant};

use metrics_exporter_prometheus::PrometheusHandle;
use tokio::task::JoinHandle;

use crate::discord::bot::Bot;
use crate::discord::http::metric::REFRESHES;

/// How often the library looks for a generation another process built (a read of `CURRENT`).
pub const REFRESH_EVERY: Duration = Duration::from_secs(2);
/// How often old records are pruned.
pub const PRUNE_EVERY: Duration = Duration::from_secs(3600);
/// Answers, votes and questions older than this are pruned (pinned answers never are).
pub const RETENTION: Duration = Duration::from_secs(180 * 24 * 3600);

/// The upkeep of one running bot. [`Upkeep::spawn`] starts it; dropping the returned
/// [`Running`] stops it.
#[derive(Debug, Clone)]
pub struct Upkeep {
    bot: Bot,
    refresh_every: Duration,
    prune_every: Duration,
    retention: Duration,
    metrics: Option<PrometheusHandle>,
}

impl Upkeep {
    /// Upkeep of `bot`: refresh every [`REFRESH_EVERY`], prune every [`PRUNE_EVERY`] (the first
    /// time at start) what is older than [`RETENTION`], no metrics recorder.
    pub fn new(bot: &Bot) -> Upkeep {
        Upkeep {
            bot: bot.clone(),
            refresh_every: REFRESH_EVERY,
            prune_every: PRUNE_EVERY,
            retention: RETENTION,
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

    /// The loop, forever: refresh on its period, prune when due. Each step runs off the async
    /// threads, one at a time; a failed step is logged and tried again on its next turn.
    pub async fn run(self) {
        let mut tick = tokio::time::interval(self.refresh_every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        let mut next_prune = Instant::now();
        loop {
            tick.tick().await;
            self.refresh().await;
            if Instant::now() >= next_prune {
                next_prune = Instant::now() + self.prune_every;
                self.prune().await;
            }
            if let Some(metrics) = &self.metrics {
                metrics.run_upkeep();
            }
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

    async fn prune(&self) {
        let store = self.bot.store().clone();
        let cutoff =
            i64::try_from(crate::search::unix_now().saturating_sub(self.retention.as_secs()))
                .unwrap_or(0);
        match tokio::task::spawn_blocking(move || store.prune(cutoff)).await {
            Ok(Ok(pruned)) => tracing::info!(?pruned, "old records pruned"),
            Ok(Err(e)) => tracing::warn!(error = %e, "pruning old records failed"),
            Err(e) => tracing::error!(error = %e, "pruning panicked"),
        }
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
