//! `GET /healthz`: whether this replica can answer (its index is loaded, its database answers
//! and its writes succeed), and where its copy of a library shared through the database stands
//! (a version it failed to build is reported; it keeps answering from the one it has). Served
//! by `serve` and by `run --metrics-listen`.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response as HttpResponse};
use serde_json::json;

use super::HttpState;
use crate::discord::bot::Bot;

/// How long `/healthz` waits for the database.
const HEALTH_DB_TIMEOUT: Duration = Duration::from_secs(2);

/// What `/healthz` says, from the index size and the database checks.
fn health(passages: usize, database: Result<(), String>) -> (StatusCode, &'static str) {
    match (passages > 0, database) {
        (true, Ok(())) => (StatusCode::OK, "ok"),
        _ => (StatusCode::SERVICE_UNAVAILABLE, "unavailable"),
    }
}

/// `GET /healthz`: 200 when the index is loaded, the database answers a read and its latest
/// write did not fail, else 503. After a failed write (a full disk, a read-only or damaged
/// file) the database is reported `failing`, with SQLite's message, until a write succeeds.
pub(super) async fn healthz(State(state): State<Arc<HttpState>>) -> HttpResponse {
    health_of(&state.bot).await
}

/// The `/healthz` response for `bot`.
pub async fn health_of(bot: &Bot) -> HttpResponse {
    let index = bot.engine().current();
    let meta = index.meta();
    let store = bot.store().clone();
    let read = match tokio::time::timeout(
        HEALTH_DB_TIMEOUT,
        tokio::task::spawn_blocking(move || store.schema_version()),
    )
    .await
    {
        Ok(Ok(Ok(_))) => Ok(()),
        Ok(Ok(Err(e))) => Err(e.to_string()),
        Ok(Err(_)) => Err("the check panicked".to_string()),
        Err(_) => Err(format!("no answer within {HEALTH_DB_TIMEOUT:?}")),
    };
    if let Err(e) = &read {
        tracing::warn!(error = %e, "health check: database unreachable");
    }
    let written = bot.store().write_health();
    let (word, error) = match (&read, &written) {
        (Err(e), _) => ("unreachable", Some(e.clone())),
        (Ok(()), Err(e)) => ("failing", Some(e.clone())),
        (Ok(()), Ok(())) => ("ok", None),
    };
    let (status, overall) = health(meta.passages, read.and(written));
    let mut body = json!({
        "status": overall,
        "index": {
            "generation": index.generation(),
            "guides": meta.guides.len(),
            "passages": meta.passages,
            "reindexing": bot.engine().is_reindexing(),
        },
        "database": word,
    });
    if let Some(e) = error {
        body["database_error"] = e.into();
    }
    if let Some(library) = bot.engine().library_state() {
        // Still serving: a failed version is reported, not a reason to take this replica out.
        body["library"] = json!({
            "version": library.version,
            "latest": library.latest,
            "failed": library.failed.map(|f| json!({"version": f.version, "error": f.reason})),
        });
    }
    (status, axum::Json(body)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn health_needs_index_and_database() {
        assert_eq!(health(10, Ok(())).0, StatusCode::OK);
        assert_eq!(
            health(0, Ok(())).0,
            StatusCode::SERVICE_UNAVAILABLE,
            "empty index"
        );
        assert_eq!(
            health(10, Err("locked".into())).0,
            StatusCode::SERVICE_UNAVAILABLE
        );
    }
}
