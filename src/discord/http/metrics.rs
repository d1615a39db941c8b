//! What the endpoint counts: metric names, the process's Prometheus recorder, `GET /metrics`.

use std::sync::{Arc, OnceLock};
use std::time::Instant;

use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response as HttpResponse};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use super::HttpState;
use crate::discord::bot::Bot;
use crate::discord::commands;
use crate::discord::incoming::Kind;

/// Metric names (Prometheus).
pub mod metric {
    /// Counter: interactions by `command` and `outcome` (ok, rejected, error).
    pub const REQUESTS: &str = "careerbot_http_requests_total";
    /// Histogram: seconds from request to response, by `command`.
    pub const LATENCY: &str = "careerbot_http_request_duration_seconds";
    /// Gauge: passages in the index serving now.
    pub const PASSAGES: &str = "careerbot_index_passages";
    /// Gauge: guides in the index serving now.
    pub const GUIDES: &str = "careerbot_index_guides";
    /// Counter: reindexes run here, by `trigger` (reindex, sources_add, sources_remove) and
    /// `outcome` (ok: a new generation serves; failed: none came of it — refused, busy, error).
    pub const REINDEXES: &str = "careerbot_reindex_total";
    /// Histogram: seconds a reindex took, by `trigger` (for `sources add`, with the download).
    pub const REINDEX_SECONDS: &str = "careerbot_reindex_duration_seconds";
    /// Counter: generations built by another replica and switched to.
    pub const REFRESHES: &str = "careerbot_index_refreshes_total";
    /// Counter: rebuilds for a new version of the library shared through the database, by
    /// `outcome` (ok, failed: the previous generation keeps serving).
    pub const LIBRARY_SYNCS: &str = "careerbot_library_syncs_total";
    /// Gauge: the version of the shared library this replica serves.
    pub const LIBRARY_VERSION: &str = "careerbot_library_version";
    /// Counter: interactions received over the gateway (`run`), by `command`.
    pub const GATEWAY_INTERACTIONS: &str = "careerbot_gateway_interactions_total";
    /// Gauge: shards of this process that are connected (READY or RESUMED) to the gateway.
    pub const GATEWAY_SHARDS_READY: &str = "careerbot_gateway_shards_ready";
    /// Gauge: the shard count the bot runs with (given, or Discord's recommendation).
    pub const GATEWAY_SHARDS_TOTAL: &str = "careerbot_gateway_shards_total";
    /// Counter: connections closed at once because the connection cap was reached.
    pub const CONNECTIONS_REFUSED: &str = "careerbot_http_connections_refused_total";
    /// Counter: work refused because every slot was taken, by `work`.
    pub const WORK_REFUSED: &str = crate::discord::bot::BUSY_METRIC;
}

/// Latency buckets, seconds.
const LATENCY_BUCKETS: &[f64] = &[
    0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
];
/// Reindex duration buckets, seconds.
const REINDEX_BUCKETS: &[f64] = &[0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0];

/// The process-wide Prometheus recorder's handle. The recorder is installed on first use, once
/// per process, so several servers (tests) share it. If another recorder was installed first,
/// the handle still renders, but only what reaches this recorder.
pub fn metrics_handle() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let builder = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Full(metric::LATENCY.into()), LATENCY_BUCKETS)
                .and_then(|b| {
                    b.set_buckets_for_metric(
                        Matcher::Full(metric::REINDEX_SECONDS.into()),
                        REINDEX_BUCKETS,
                    )
                })
                .expect("bucket lists are not empty");
            let recorder = builder.build_recorder();
            let handle = recorder.handle();
            if metrics::set_global_recorder(recorder).is_err() {
                tracing::warn!(
                    "another metrics recorder is installed; /metrics shows only this one's"
                );
            }
            describe_metrics();
            handle
        })
        .clone()
}

fn describe_metrics() {
    use metrics::{describe_counter, describe_gauge, describe_histogram};
    describe_counter!(
        metric::REQUESTS,
        "Interactions received, by command and outcome (ok, rejected, error)."
    );
    describe_histogram!(
        metric::LATENCY,
        metrics::Unit::Seconds,
        "Time from request to response, by command."
    );
    describe_gauge!(metric::PASSAGES, "Passages in the index serving now.");
    describe_gauge!(metric::GUIDES, "Guides in the index serving now.");
    describe_counter!(
        metric::REINDEXES,
        "Reindexes run by this process, by trigger and outcome."
    );
    describe_histogram!(
        metric::REINDEX_SECONDS,
        metrics::Unit::Seconds,
        "Time a reindex took, by trigger."
    );
    describe_counter!(
        metric::REFRESHES,
        "Index generations built by another process and switched to."
    );
    describe_counter!(
        metric::LIBRARY_SYNCS,
        "Rebuilds for a new version of the shared library, by outcome (ok, failed)."
    );
    describe_gauge!(
        metric::LIBRARY_VERSION,
        "The version of the library shared through the database this replica serves."
    );
    describe_counter!(
        metric::GATEWAY_INTERACTIONS,
        "Interactions received over the gateway, by command."
    );
    describe_gauge!(
        metric::GATEWAY_SHARDS_READY,
        "Shards of this process connected to the gateway."
    );
    describe_gauge!(
        metric::GATEWAY_SHARDS_TOTAL,
        "The bot's shard count (given, or as Discord recommends)."
    );
    describe_counter!(
        metric::CONNECTIONS_REFUSED,
        "Connections closed at once because the connection cap was reached."
    );
    describe_counter!(
        metric::WORK_REFUSED,
        "Follow-up work refused because every slot was taken, by kind of work."
    );
}

/// Counts a request and its latency.
pub(super) fn observe(command: &'static str, outcome: &'static str, started: Instant) {
    metrics::counter!(metric::REQUESTS, "command" => command, "outcome" => outcome).increment(1);
    metrics::histogram!(metric::LATENCY, "command" => command)
        .record(started.elapsed().as_secs_f64());
}

/// The metrics label of an interaction.
pub(crate) fn command_label(kind: &Kind) -> &'static str {
    match kind {
        Kind::Ping => "ping",
        Kind::Autocomplete { .. } => "autocomplete",
        Kind::Component { .. } => "component",
        Kind::ModalSubmit { .. } => "modal_submit",
        // The bot's own commands by name, anything else as one label.
        Kind::Command { name, .. } => commands::find(name).map_or("other", |c| c.name()),
    }
}

/// `GET /metrics`: Prometheus text format.
pub(super) async fn metrics_text(State(state): State<Arc<HttpState>>) -> HttpResponse {
    metrics_of(&state.bot, &state.metrics)
}

/// The `/metrics` response for `bot`, rendered by `handle`.
pub fn metrics_of(bot: &Bot, handle: &PrometheusHandle) -> HttpResponse {
    let index = bot.engine().current();
    metrics::gauge!(metric::PASSAGES).set(index.meta().passages as f64);
    metrics::gauge!(metric::GUIDES).set(index.meta().guides.len() as f64);
    if let Some(library) = bot.engine().library_state() {
        metrics::gauge!(metric::LIBRARY_VERSION).set(library.version as f64);
    }
    (
        StatusCode::OK,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
        )],
        handle.render(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_command_names_are_other() {
        assert_eq!(
            command_label(&Kind::Command {
                name: "x".repeat(500),
                options: vec![]
            }),
            "other"
        );
    }
}
