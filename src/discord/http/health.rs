//! `GET /healthz`: whether this replica can answer (its index is loaded, its database answers).

use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response as HttpResponse};
use serde_json::json;

use super::HttpState;

/// How long `/healthz` waits for the database.
const HEALTH_DB_TIMEOUT: Duration = Duration::from_secs(2);

/// What `/healthz` says, from the index size and the database check.
fn health(passages: usize, database: Result<(), String>) -> (StatusCode, &'static str) {
    match (passages > 0, database) {
        (true, Ok(())) => (StatusCode::OK, "ok"),
        _ => (StatusCode::SERVICE_UNAVAILABLE, "unavailable"),
    }
}

/// `GET /healthz`: 200 when the index is loaded and the database answers, else 503.
pub(super) async fn healthz(State(state): State<Arc<HttpState>>) -> HttpResponse {
    let index = state.bot.engine().current();
    let meta = index.meta();
    let store = state.bot.store().clone();
    let database = match tokio::time::timeout(
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
    if let Err(e) = &database {
        tracing::warn!(error = %e, "health check: database unreachable");
    }
    let (status, word) = health(meta.passages, database.clone());
    let body = json!({
        "status": word,
        "index": {
            "generation": index.generation(),
            "guides": meta.guides.len(),
            "passages": meta.passages,
            "reindexing": state.bot.engine().is_reindexing(),
        },
        "database": if database.is_ok() { "ok" } else { "unreachable" },
    });
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
