//! The HTTP transport: Discord's "Interactions Endpoint URL". Discord POSTs each interaction to
//! `/interactions`; the answer goes back in the HTTP response body, so a replica holds no
//! websocket and any number of them can serve one application behind a load balancer.
//!
//! Before any request: at most [`HttpState::max_connections`] connections are open at once (a
//! new one past it is closed at once); a client must send each request's headers within the
//! header timeout of connecting or of the previous response (so an idle kept-alive connection
//! is closed after it too), and its body within the body timeout (else 408). Connections speak
//! HTTP/1.1 (Discord's, and a proxy's to its upstreams).
//!
//! One request, in order:
//! 1. `X-Signature-Ed25519` and `X-Signature-Timestamp` must be present (else 401); a body
//!    announced over [`MAX_BODY`] is refused (413) before it is read.
//! 2. The raw body is read, at most [`MAX_BODY`] bytes (else 413) within the body timeout
//!    (else 408).
//! 3. The Ed25519 signature of `timestamp + body` is checked against the application's public
//!    key (else 401), and the timestamp must be within [`REPLAY_WINDOW`] of now (else 401).
//!    Nothing of the body is looked at before this.
//! 4. The JSON is parsed into an [`Incoming`] (malformed, or an interaction type the bot does not
//!    handle: 400). A PING is answered with a PONG at once. An interaction whose id was already
//!    handled here within its signature's window is a replay: refused (409), nothing runs.
//! 5. [`Bot::handle_uncommitted`] runs: for `/ask` on the connection's own thread (connections
//!    are served on one thread per CPU, see `discord::lanes`); for everything else on the
//!    blocking pool, a bounded number at a time, as it may wait on the database. The response
//!    waits (as a future, never blocking the thread) for the commit of what it acknowledges
//!    (an answer's record: `Handled::committed`). Its [`Response`] is the body
//!    (`application/json`, or `multipart/form-data` with `payload_json` and `files[n]` parts
//!    when it carries files). A panic there is a 500 with a short JSON, logged; the server
//!    keeps serving.
//! 6. [`Work`](crate::discord::bot::Work) left by the bot (reindex, sources, the salary chart,
//!    pins…) starts once the response body has been handed to the connection, plus
//!    [`FOLLOWUP_DELAY`] for Discord to register the response, and finishes through the followup /
//!    edit-original REST routes, a bounded number at once ([`Bot::run`]). With no bot token
//!    configured, such work is answered with an ephemeral explanation instead.
//!
//! Files: the bot defers `/salary` and sends the chart by editing its response (multipart through
//! the edit-original route, as on the gateway), so rendering the chart never races Discord's
//! 3 seconds. Any response that does carry files is sent as multipart in the HTTP body, which
//! Discord accepts like the callback route's.
//!
//! Metrics count every request by `command` (`ask`…, `ping`, `component`, `autocomplete`; `none`
//! for requests refused before an interaction was read) and `outcome` (`ok`, `rejected`, `error`).
//!
//! Also served: `GET /healthz` (index loaded and database reachable: 200, else 503) and
//! `GET /metrics` (Prometheus text). [`serve`] runs the bot's [`Upkeep`] (index generations
//! another replica built, every [`REFRESH_EVERY`]; pruning; the recorder's upkeep), and shuts
//! down gracefully when its `shutdown` future completes.
//!
//! This file holds the state, the routes, serving and the `/interactions` handler; beside it:
//! - `verify`: the signature and timestamp checks (step 3).
//! - `multipart`: a response as the HTTP body, JSON or `multipart/form-data` (step 5).
//! - `followups`: the bot's work after the response (step 6), and its drain at shutdown.
//! - `replay`: the interaction ids already handled, for the replay check (step 4).
//! - `metrics`: the metric names, the Prometheus recorder and `GET /metrics`.
//! - `health`: `GET /healthz`.

mod followups;
mod health;
mod metrics;
mod multipart;
mod replay;
#[cfg(test)]
mod testing;
mod verify;

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response as HttpResponse};
use axum::routing::{get, post};
use metrics_exporter_prometheus::PrometheusHandle;
use serde_json::json;
use serenity::interactions_endpoint::Verifier;
use tokio::sync::{Semaphore, watch};

use crate::config::Config;
use crate::config::HttpConfig;
use crate::discord::bot::{Bot, Handled};
use crate::discord::incoming::{Incoming, Kind};
use crate::discord::lanes::{ConnectionRules, Lanes};
use crate::discord::message::Response;
use crate::discord::rest::Rest;
use crate::discord::upkeep::Upkeep;

use self::followups::settle;
use self::health::healthz;
pub(crate) use self::metrics::command_label;
use self::metrics::{metrics_text, observe};
use self::multipart::{encode, json_response};

pub use self::followups::FOLLOWUP_DELAY;
pub use self::health::health_of;
pub use self::metrics::{metric, metrics_handle, metrics_of};
pub use self::replay::{InteractionLog, MAX_REMEMBERED, SeenInteractions};
pub use self::verify::REPLAY_WINDOW;
/// How often [`serve`] looks for an index generation built by another replica.
pub use crate::discord::upkeep::REFRESH_EVERY;

/// Largest request body accepted (Discord's interactions are a few KB).
pub const MAX_BODY: usize = 64 * 1024;
/// Largest read buffer of a connection: a request head must fit in it (else 431).
const MAX_BUFFER: usize = 64 * 1024;
/// Files kept free for the index, the database and the rest when the connection cap is fitted
/// to the process's file limit.
const RESERVED_FILES: u64 = 128;

/// Why the endpoint cannot be set up.
#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    /// No public key configured.
    #[error(
        "DISCORD_PUBLIC_KEY is not set: the interactions endpoint cannot verify requests without the application's public key"
    )]
    MissingPublicKey,
    /// The public key is not 64 hex digits of a valid Ed25519 key.
    #[error("DISCORD_PUBLIC_KEY is not a valid Ed25519 public key (64 hex digits): {0}")]
    InvalidPublicKey(String),
}

/// How the bot handles one interaction (the bot itself, or a test's stand-in).
type HandleFn = dyn Fn(&Incoming) -> Handled + Send + Sync;

/// Everything the endpoint needs. Cloning is shallow.
#[derive(Clone)]
pub struct HttpState {
    /// The bot: handles interactions, runs follow-up work, holds the engine and database.
    bot: Bot,
    /// Discord's REST API for follow-ups; `None` without a token.
    rest: Option<Rest>,
    /// Checks request signatures against the application's public key.
    verifier: Verifier,
    /// Renders `/metrics`.
    metrics: PrometheusHandle,
    /// What handles an interaction (the bot, except in unit tests).
    handle: Arc<HandleFn>,
    /// Follow-up work running now (shutdown waits for it, bounded).
    work: Arc<watch::Sender<usize>>,
    /// How often `serve` checks for a newer index generation.
    refresh_every: Duration,
    /// Pause between a response being sent and its follow-up work calling Discord.
    followup_delay: Duration,
    /// Interactions handled at once on the blocking pool; the rest wait their turn here rather
    /// than as threads fighting for the CPUs and the database lock.
    handlers: Arc<Semaphore>,
    /// Threads serving connections in `serve` (see `discord::lanes`).
    lanes: usize,
    /// Connections open at once in `serve`; a new one past it is closed at once.
    max_connections: usize,
    /// The longest wait for a request's headers (and the longest idle keep-alive).
    header_timeout: Duration,
    /// The longest wait for a request's body once its headers are in.
    body_timeout: Duration,
    /// Interaction ids already handled, for the replay check.
    seen: Arc<dyn InteractionLog>,
    /// The runtime `serve` was called on: follow-up work runs there, not on a lane.
    background: Option<tokio::runtime::Handle>,
}

impl std::fmt::Debug for HttpState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpState")
            .field("rest", &self.rest)
            .field("refresh_every", &self.refresh_every)
            .field("max_connections", &self.max_connections)
            .field("header_timeout", &self.header_timeout)
            .field("body_timeout", &self.body_timeout)
            .finish_non_exhaustive()
    }
}

impl HttpState {
    /// The endpoint for `bot`, verifying requests with `public_key` (hex, as the developer portal
    /// shows it), finishing deferred work through `rest` when given.
    ///
    /// # Errors
    /// [`HttpError::InvalidPublicKey`] when the key is not a valid Ed25519 public key.
    pub fn new(bot: Bot, public_key: &str, rest: Option<Rest>) -> Result<HttpState, HttpError> {
        let verifier = verify::verifier(public_key)?;
        let worker = bot.clone();
        let limits = HttpConfig::default();
        Ok(HttpState {
            bot,
            rest,
            verifier,
            metrics: metrics_handle(),
            handle: Arc::new(move |incoming| worker.handle_uncommitted(incoming)),
            work: Arc::new(watch::channel(0).0),
            refresh_every: REFRESH_EVERY,
            followup_delay: FOLLOWUP_DELAY,
            handlers: Arc::new(Semaphore::new(default_handlers())),
            lanes: cpus(),
            max_connections: limits.max_connections,
            header_timeout: Duration::from_secs(limits.header_timeout_seconds),
            body_timeout: Duration::from_secs(limits.body_timeout_seconds),
            seen: Arc::new(SeenInteractions::new()),
            background: None,
        })
    }

    /// The endpoint as configured: `discord.public_key` is required; a REST client is made when
    /// `discord.token` is set (through `discord.api_base` when set; the application id is taken
    /// from `discord.application_id`, else learnt from the first interaction); connections are
    /// limited as `http` says. Makes no network call.
    ///
    /// # Errors
    /// [`HttpError::MissingPublicKey`] or [`HttpError::InvalidPublicKey`].
    pub fn from_config(config: &Config, bot: Bot) -> Result<HttpState, HttpError> {
        let key = config
            .discord
            .public_key
            .as_deref()
            .filter(|k| !k.trim().is_empty())
            .ok_or(HttpError::MissingPublicKey)?;
        let rest = config.discord.token.as_ref().map(|token| {
            Rest::new(
                token.expose(),
                config.discord.api_base.as_deref(),
                config.discord.application_id,
            )
        });
        if rest.is_none() {
            tracing::warn!(
                "no DISCORD_TOKEN: commands that finish later (salary, reindex, sources, pins) will answer that they cannot"
            );
        }
        let http = &config.http;
        Ok(HttpState::new(bot, key, rest)?
            .max_connections(http.max_connections)
            .header_timeout(Duration::from_secs(http.header_timeout_seconds))
            .body_timeout(Duration::from_secs(http.body_timeout_seconds)))
    }

    /// Checks for an index generation built elsewhere this often (default [`REFRESH_EVERY`]).
    #[must_use]
    pub fn refresh_every(mut self, every: Duration) -> HttpState {
        self.refresh_every = every.max(Duration::from_millis(10));
        self
    }

    /// Waits this long after a response before its follow-up work calls Discord (default
    /// [`FOLLOWUP_DELAY`]).
    #[must_use]
    pub fn followup_delay(mut self, delay: Duration) -> HttpState {
        self.followup_delay = delay;
        self
    }

    /// Handles at most `n` interactions at once (default: four per CPU the process may use; the
    /// database's file I/O leaves a CPU idle otherwise).
    #[must_use]
    pub fn max_handlers(mut self, n: usize) -> HttpState {
        self.handlers = Arc::new(Semaphore::new(n.max(1)));
        self
    }

    /// Serves connections on `n` threads (default: one per CPU the process may use).
    #[must_use]
    pub fn lanes(mut self, n: usize) -> HttpState {
        self.lanes = n.max(1);
        self
    }

    /// Keeps at most `n` connections open at once (default 512; `serve` lowers it to what the
    /// process's file limit allows): a new connection past it is closed at once.
    #[must_use]
    pub fn max_connections(mut self, n: usize) -> HttpState {
        self.max_connections = n.max(1);
        self
    }

    /// Closes a connection that has not sent a request's headers this long after connecting or
    /// after its previous response (default 10 s; at least 10 ms).
    #[must_use]
    pub fn header_timeout(mut self, timeout: Duration) -> HttpState {
        self.header_timeout = timeout.max(Duration::from_millis(10));
        self
    }

    /// Answers 408, and closes the connection, when a request's body has not arrived this long
    /// after its headers (default 10 s; at least 10 ms).
    #[must_use]
    pub fn body_timeout(mut self, timeout: Duration) -> HttpState {
        self.body_timeout = timeout.max(Duration::from_millis(10));
        self
    }

    /// Keeps the ids of handled interactions in `log` (default: this process's
    /// [`SeenInteractions`]).
    #[must_use]
    pub fn interaction_log(mut self, log: Arc<dyn InteractionLog>) -> HttpState {
        self.seen = log;
        self
    }

    /// The bot behind the endpoint.
    pub fn bot(&self) -> &Bot {
        &self.bot
    }

    /// The Prometheus handle `/metrics` renders from.
    pub fn metrics(&self) -> &PrometheusHandle {
        &self.metrics
    }

    #[cfg(test)]
    fn with_handler(mut self, f: impl Fn(&Incoming) -> Handled + Send + Sync + 'static) -> Self {
        self.handle = Arc::new(f);
        self
    }
}

fn default_handlers() -> usize {
    4 * cpus()
}

/// The CPUs this process may use.
fn cpus() -> usize {
    std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get)
}

/// The routes: `POST /interactions`, `GET /healthz`, `GET /metrics`. Serving is separate
/// ([`serve`]), so tests can also call the router directly.
pub fn app(state: HttpState) -> Router {
    router(Arc::new(state))
}

fn router(state: Arc<HttpState>) -> Router {
    Router::new()
        .route("/interactions", post(interactions))
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics_text))
        .with_state(state)
}

/// Serves the endpoint on `listener` until `shutdown` completes: then stops accepting, lets
/// in-flight requests finish, waits (bounded) for follow-up work, and returns. Connections are
/// accepted here, at most [`HttpState::max_connections`] open at once, and served on
/// [`HttpState::lanes`] threads of their own (`discord::lanes`); follow-up work runs on the
/// caller's runtime. Meanwhile the bot's [`Upkeep`] runs: it switches to index generations
/// other replicas build (every [`REFRESH_EVERY`] unless set otherwise), prunes old records
/// hourly and keeps the metrics bounded.
///
/// # Errors
/// An I/O error of the listener, or a serving thread that could not be started.
pub async fn serve(
    listener: tokio::net::TcpListener,
    mut state: HttpState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    state.background = Some(tokio::runtime::Handle::current());
    let state = Arc::new(state);
    let local = listener.local_addr()?;
    let rules = ConnectionRules {
        header_timeout: state.header_timeout,
        max_buffer: MAX_BUFFER,
    };
    let mut lanes = Lanes::start(state.lanes, &router(Arc::clone(&state)), rules)?;
    let cap = fit_to_file_limit(state.max_connections);
    let slots = Arc::new(Semaphore::new(cap));
    tracing::info!(
        addr = %local,
        lanes = lanes.len(),
        max_connections = cap,
        rest = state.rest.is_some(),
        "interactions endpoint listening"
    );
    let upkeep = Upkeep::new(&state.bot)
        .refresh_every(state.refresh_every)
        .metrics(state.metrics.clone())
        .spawn();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((tcp, _)) => match Arc::clone(&slots).try_acquire_owned() {
                    Ok(slot) => {
                        let _ = tcp.set_nodelay(true);
                        lanes.hand(tcp, Some(slot));
                    }
                    Err(_) => {
                        // Closed at once: the client sees it, nothing is held for it.
                        ::metrics::counter!(metric::CONNECTIONS_REFUSED).increment(1);
                        drop(tcp);
                    }
                },
                Err(e) => accept_failed(&e).await,
            },
        }
    }
    drop(listener);
    let stopping = lanes.stop();
    let served = tokio::task::spawn_blocking(move || stopping.join())
        .await
        .unwrap_or_else(|e| Err(std::io::Error::other(e)));
    drop(upkeep);
    followups::drain(&state.work).await;
    tracing::info!("interactions endpoint stopped");
    served
}

/// After a failed `accept`: a connection that failed on its way in is the client's problem;
/// anything else (out of file descriptors, say) is waited out a moment instead of spinning.
async fn accept_failed(e: &std::io::Error) {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    if matches!(
        e.kind(),
        ConnectionAborted | ConnectionRefused | ConnectionReset
    ) {
        return;
    }
    tracing::error!(error = %e, "accept failed; retrying in a second");
    tokio::time::sleep(Duration::from_secs(1)).await;
}

/// The connection cap `wanted`, lowered (with a warning) to what the process's file limit leaves
/// after [`RESERVED_FILES`]: past the limit `accept` itself fails and nobody is served.
fn fit_to_file_limit(wanted: usize) -> usize {
    let Some(files) = file_limit() else {
        return wanted;
    };
    let fits = usize::try_from(files.saturating_sub(RESERVED_FILES).max(16)).unwrap_or(usize::MAX);
    if fits < wanted {
        tracing::warn!(
            wanted,
            allowed = fits,
            file_limit = files,
            "connection cap lowered to fit the file limit; raise the limit (ulimit -n, LimitNOFILE) to allow more"
        );
    }
    wanted.min(fits)
}

/// The process's soft limit of open files, where the platform says.
fn file_limit() -> Option<u64> {
    #[cfg(unix)]
    {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit writes the struct we pass and reads nothing else.
        let ok = unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0;
        (ok && limit.rlim_cur != libc::RLIM_INFINITY).then_some(limit.rlim_cur)
    }
    #[cfg(not(unix))]
    None
}

/// A rejected or failed request: status and a short JSON body.
fn refusal(status: StatusCode, message: &str) -> HttpResponse {
    (status, axum::Json(json!({ "error": message }))).into_response()
}

fn reject(started: Instant, status: StatusCode, why: &'static str) -> HttpResponse {
    tracing::debug!(status = status.as_u16(), why, "interaction request refused");
    observe("none", "rejected", started);
    refusal(status, why)
}

/// `POST /interactions`.
async fn interactions(State(state): State<Arc<HttpState>>, request: Request) -> HttpResponse {
    let started = Instant::now();
    let (parts, body) = request.into_parts();
    let Some((signature, timestamp)) = verify::signature_headers(&parts.headers) else {
        return reject(
            started,
            StatusCode::UNAUTHORIZED,
            "missing signature headers",
        );
    };
    let announced = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|n| n > MAX_BODY as u64) {
        return reject(started, StatusCode::PAYLOAD_TOO_LARGE, "body too large");
    }
    // The whole body within the timeout (a deadline, not a wait between chunks): a client
    // sending a byte now and then cannot hold the connection.
    let read = tokio::time::timeout(state.body_timeout, axum::body::to_bytes(body, MAX_BODY));
    let bytes = match read.await {
        Ok(Ok(b)) => b,
        Ok(Err(e)) => {
            let too_large = std::error::Error::source(&e)
                .is_some_and(|s| s.is::<http_body_util::LengthLimitError>());
            return if too_large {
                reject(started, StatusCode::PAYLOAD_TOO_LARGE, "body too large")
            } else {
                reject(started, StatusCode::BAD_REQUEST, "body could not be read")
            };
        }
        Err(_) => {
            let mut r = reject(
                started,
                StatusCode::REQUEST_TIMEOUT,
                "body not received in time",
            );
            // The rest of the body may still come: the connection cannot be reused.
            r.headers_mut().insert(
                header::CONNECTION,
                axum::http::HeaderValue::from_static("close"),
            );
            return r;
        }
    };
    if let Err(why) =
        verify::authenticate(&state.verifier, &signature, &timestamp, &bytes, unix_now())
    {
        return reject(started, StatusCode::UNAUTHORIZED, why);
    }
    let incoming = match Incoming::from_slice(&bytes) {
        Ok(i) => i,
        Err(e) => {
            tracing::debug!(error = %e, "interaction refused");
            observe("none", "rejected", started);
            return refusal(StatusCode::BAD_REQUEST, &e.to_string());
        }
    };
    let command = command_label(&incoming.kind);
    if incoming.kind == Kind::Ping {
        observe(command, "ok", started);
        return json_response(&Response::pong());
    }
    // The signature was fresh: its timestamp parses.
    let signed_at = timestamp.parse::<i64>().unwrap_or_default();
    if !state
        .seen
        .first_sighting(incoming.id, signed_at, unix_now())
    {
        // Counted as rejected; debug, not warn: replays at any rate must not flood the log.
        tracing::debug!(
            interaction = incoming.id,
            command,
            "replayed interaction refused"
        );
        observe(command, "rejected", started);
        return refusal(
            StatusCode::CONFLICT,
            "interaction already handled: this request is a replay",
        );
    }
    if let Some(rest) = &state.rest {
        rest.learn_application_id(incoming.application_id);
    }
    let (id, lang) = (incoming.id, incoming.lang);
    let handle = Arc::clone(&state.handle);
    let permit = Arc::clone(&state.handlers)
        .acquire_owned()
        .await
        .expect("the semaphore is never closed");
    let has_rest = state.rest.is_some();
    let job = move || {
        let _permit = permit;
        handle(&incoming)
    };
    // `/ask`, the hot path (well under a millisecond; a few at 180k passages), is answered on
    // the connection's own thread. Everything else may wait on the database's write lock or
    // read every passage, so it goes to the blocking pool and never holds up a lane.
    let done = if command == "ask" {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(job))
            .map_err(|_| "panicked".to_string())
    } else {
        tokio::task::spawn_blocking(job)
            .await
            .map_err(|e| e.to_string())
    };
    let handled = match done {
        Ok(h) => h,
        Err(e) => {
            tracing::error!(error = %e, interaction = id, command, "handler panicked");
            observe(command, "error", started);
            return refusal(StatusCode::INTERNAL_SERVER_ERROR, "internal error");
        }
    };
    // What the response acknowledges (an answer's record) is committed before it is sent; the
    // wait is a future, so the lane serves its other connections meanwhile.
    let (response, work) = settle(handled.committed().await, has_rest, lang);
    let (content_type, bytes) = encode(&response);
    let body = match (work, &state.rest) {
        (Some(work), Some(rest)) => followups::body_then(bytes, &state, rest, work),
        _ => Body::from(bytes),
    };
    observe(command, "ok", started);
    (StatusCode::OK, [(header::CONTENT_TYPE, content_type)], body).into_response()
}

/// Now, in Unix seconds (the clock of `X-Signature-Timestamp`).
fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::testing::{COMMAND, signed, state};
    use super::*;
    use crate::discord::message::Reply;
    use tower::ServiceExt;

    #[tokio::test]
    async fn a_panicking_handler_is_a_500_and_the_server_goes_on() {
        let (state, _dir) = state();
        let app = app(state.with_handler(|i| {
            if i.text("boom").is_some() {
                panic!("handler exploded");
            }
            Handled {
                response: Response::message(Reply::text("fine")),
                work: None,
                commit: None,
            }
        }));
        // Its own interaction id: the same id again would be refused as a replay.
        let boom = COMMAND.replace(r#""id":"1""#, r#""id":"11""#).replace(
            r#""data":{"name":"help"}"#,
            r#""data":{"name":"ask","options":[{"type":3,"name":"boom","value":"x"}]}"#,
        );
        let r = app.clone().oneshot(signed(&boom)).await.unwrap();
        assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = axum::body::to_bytes(r.into_body(), 1024).await.unwrap();
        assert_eq!(
            serde_json::from_slice::<serde_json::Value>(&body).unwrap()["error"],
            "internal error"
        );
        let r = app.oneshot(signed(COMMAND)).await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
    }

    #[tokio::test]
    async fn an_interaction_id_is_handled_once_a_ping_any_number_of_times() {
        let (state, _dir) = state();
        let app = app(state);
        assert_eq!(
            app.clone().oneshot(signed(COMMAND)).await.unwrap().status(),
            StatusCode::OK
        );
        let again = app.clone().oneshot(signed(COMMAND)).await.unwrap();
        assert_eq!(again.status(), StatusCode::CONFLICT);
        let ping = r#"{"id":"5","application_id":"2","type":1,"token":"t","version":1}"#;
        for _ in 0..3 {
            let r = app.clone().oneshot(signed(ping)).await.unwrap();
            assert_eq!(r.status(), StatusCode::OK, "PINGs run nothing");
        }
    }
}
