//! A test-only fake of Discord: the REST API (under `/api/v10`) and the gateway websocket,
//! both on 127.0.0.1, faithful to what serenity 0.12.5 sends and requires.
//!
//! ```ignore
//! let fake = FakeDiscord::start().await;
//! let http = HttpBuilder::new("token").proxy(fake.base_url()).ratelimiter_disabled(true).build();
//! // ... build the bot's serenity Client with ClientBuilder::new_with_http(http, intents), start it
//! fake.wait_ready(Duration::from_secs(10)).await?;
//! let ix = slash_command("ask", json!([{"type": 3, "name": "q", "value": "rust"}]), PERMS_MEMBER);
//! fake.send_interaction(ix.clone()).await;
//! let token = ix["token"].as_str().unwrap();
//! let cb = fake
//!     .wait_for_request(Duration::from_secs(10), |r| {
//!         r.matches("POST", "/interactions/*/*/callback") && r.path.contains(token)
//!     })
//!     .await?;
//! assert_eq!(cb.json.unwrap()["type"], 4);
//! let shown = fake.original_response(token); // the message the user now sees
//! // ... shard_manager.shutdown_all().await (stop the bot first), then:
//! fake.shutdown().await;
//! ```
//!
//! The bot under test is pointed at [`FakeDiscord::base_url`] with serenity's
//! `HttpBuilder::new(token).proxy(base_url).ratelimiter_disabled(true)` (without
//! `ratelimiter_disabled(true)` serenity ignores the proxy for REST). Serenity then asks
//! `GET /api/v10/gateway` for the websocket URL and gets the fake's own gateway, which speaks the
//! real protocol: HELLO → IDENTIFY → READY, heartbeats, RESUME (with replay of missed
//! dispatches), dispatches with increasing `s`.
//!
//! The REST side records every request ([`FakeDiscord::requests`]) and keeps enough state to
//! answer like Discord: the message each interaction token's `@original` currently shows,
//! followups, pins (250 per channel), registered commands. Bad input is answered the way Discord
//! does (`{"code": …, "message": …}` with 4xx), never with a panic:
//! unknown routes → 404 `{"code":0,"message":"404: Not Found"}`, unknown or expired interaction →
//! 404 10062, second callback → 400 40060, followup/`@original` before the callback → 404 10015,
//! unknown (or ephemeral, on channel routes) message → 404 10008, payload over Discord's limits →
//! 400 50035 "Invalid Form Body" with `errors`, invalid JSON → 400 50109. Threads started from a
//! message (`POST /channels/{c}/messages/{m}/threads`) are kept ([`FakeDiscord::thread`]) and
//! take messages like any channel ([`FakeDiscord::channel_messages`]); a second thread from one
//! message → 400 160004, a thread from a thread's message → 400 50024. Permissions are not
//! modelled: make a route fail on demand instead ([`FakeDiscord::fail_next`], e.g. 403
//! `{"code": 50013, "message": "Missing Permissions"}`).
//!
//! Paths are recorded **without** the `/api/v10` prefix (`/interactions/{id}/{token}/callback`);
//! a request outside `/api/v10` (e.g. `GET /attachments/...`) keeps its full path.
//!
//! The gateway listens on a second port ([`FakeDiscord::gateway_url`]): the crate's axum has no
//! `ws` feature, so the websocket side is served by tokio-tungstenite directly. Frames are sent
//! as uncompressed text: serenity sends `compress: true` in IDENTIFY but accepts text frames
//! (it only zlib-inflates binary ones), and it asks for no transport compression.
//!
//! Ids: the fake is the application/bot of the fixtures, [`APPLICATION_ID`]
//! (`775799577604522054`, the docs' ExampleBot), in guild [`GUILD_ID`] and channel [`CHANNEL_ID`].
//!
//! serenity 0.12.5 caveat: its `Permissions` has no PIN_MESSAGES (1 << 51) and drops unknown
//! bits when parsing, so `member.permissions` of [`PERMS_MODERATOR`] arrives without it.
//!
//! Every request under `/api/v10` is also checked against Discord's OpenAPI spec ([`spec`]): the
//! route and method must exist, path parameters and the body (JSON or multipart `payload_json`)
//! must fit the operation's schemas. A body the spec refuses is answered 400 50035 "Invalid
//! Form Body" like Discord; every violation (unknown routes too) is recorded, and
//! [`FakeDiscord::shutdown`] panics listing them ([`FakeDiscord::assert_spec_clean`] checks
//! earlier; [`FakeDiscord::take_spec_violations`] is for tests that send bad bodies on purpose).
//!
//! Every wait is bounded by a timeout; [`FakeDiscord::shutdown`] closes the websocket with a
//! normal close (1000), stops both servers and releases the ports (stop the bot's shards first,
//! or serenity will try to reconnect). Dropping the fake without `shutdown` aborts its tasks
//! (abrupt TCP close).
#![allow(dead_code)]

mod gateway;
mod multipart;
mod payloads;
mod rest;
pub mod spec;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::{mpsc, oneshot, watch};
use tokio::task::JoinHandle;

#[allow(unused_imports)]
pub use payloads::{
    PERMS_APP_THREADS, PERMS_MANAGE_MESSAGES_ONLY, PERMS_MEMBER, PERMS_MODERATOR, autocomplete,
    button_click, fixture, in_thread, interaction_fixture, modal_submit, next_snowflake,
    refresh_identity, select_choice, slash_command, slash_command_with_attachment,
};

/// The application id (and bot user id) the fake announces in READY; the fixtures' own.
pub const APPLICATION_ID: u64 = 775_799_577_604_522_054;
/// The bot user's id (Discord gives bots the application's id).
pub const BOT_USER_ID: u64 = APPLICATION_ID;
/// The guild of the fixtures.
pub const GUILD_ID: u64 = 290_926_798_626_357_999;
/// The channel of the fixtures.
pub const CHANNEL_ID: u64 = 645_027_906_669_510_667;

/// Discord's limit of pinned messages per channel.
pub const MAX_PINS: usize = 250;

/// How long [`FakeDiscord::send_interaction`] waits for a READY shard before giving up.
const SEND_TIMEOUT: Duration = Duration::from_secs(10);
/// How long [`FakeDiscord::shutdown`] waits for each server to stop before aborting it.
const SHUTDOWN_TIMEOUT: Duration = Duration::from_secs(5);

/// One REST request the fake received, and what it answered.
#[derive(Clone, Debug, Default)]
pub struct RecordedRequest {
    /// Position in arrival order (0-based).
    pub index: usize,
    /// `GET`, `POST`, `PUT`, `PATCH`, `DELETE`, ...
    pub method: String,
    /// The path without the `/api/v10` prefix, e.g. `/interactions/1/tok/callback`; a path
    /// outside `/api/v10` is kept whole (`/attachments/report.txt`).
    pub path: String,
    /// The raw query string, if any (serenity writes its parameters as `?&key=value`).
    pub query: Option<String>,
    /// The `Authorization` header (serenity sends `Bot <token>`).
    pub authorization: Option<String>,
    /// The `Content-Type` header (for multipart, with its boundary).
    pub content_type: Option<String>,
    /// The `X-Audit-Log-Reason` header.
    pub audit_log_reason: Option<String>,
    /// Every header, lower-case names, in arrival order.
    pub headers: Vec<(String, String)>,
    /// The raw body.
    pub body: Vec<u8>,
    /// The JSON body: the body itself for `application/json`, the `payload_json` part for
    /// `multipart/form-data`. `None` when there is no (valid) JSON.
    pub json: Option<Value>,
    /// Multipart text fields other than `payload_json`.
    pub form_fields: Vec<(String, String)>,
    /// Multipart file parts.
    pub files: Vec<RecordedFile>,
    /// The status the fake answered.
    pub status: u16,
    /// The JSON the fake answered with, if any.
    pub response: Option<Value>,
}

impl RecordedRequest {
    /// True if the method matches (case-insensitive; `"*"` matches any) and the path matches
    /// `pattern` segment by segment, `*` matching any one segment:
    /// `r.matches("POST", "/interactions/*/*/callback")`.
    pub fn matches(&self, method: &str, pattern: &str) -> bool {
        (method == "*" || self.method.eq_ignore_ascii_case(method))
            && path_matches(&self.path, pattern)
    }

    /// The `i`-th path segment (`/channels/1/pins/2` → 0: `channels`, 1: `1`, ...).
    pub fn segment(&self, i: usize) -> Option<&str> {
        self.path.trim_start_matches('/').split('/').nth(i)
    }

    /// The multipart file part with this form field name (e.g. `files[0]`).
    pub fn file(&self, field_name: &str) -> Option<&RecordedFile> {
        self.files.iter().find(|f| f.field_name == field_name)
    }
}

/// `pattern` with `*` segments matches `path` segment by segment.
fn path_matches(path: &str, pattern: &str) -> bool {
    let p: Vec<&str> = path.trim_matches('/').split('/').collect();
    let q: Vec<&str> = pattern.trim_matches('/').split('/').collect();
    p.len() == q.len() && p.iter().zip(&q).all(|(a, b)| *b == "*" || a == b)
}

/// A file part of a multipart request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecordedFile {
    /// The form field name; serenity uses `files[N]`, N being the attachment's placeholder id.
    pub field_name: String,
    /// The file name as sent (reqwest percent-encodes unusual characters).
    pub filename: Option<String>,
    /// The part's own content type (serenity guesses it from the file extension).
    pub content_type: Option<String>,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// What the bot sent in its IDENTIFY (op 2).
#[derive(Clone, Debug, Default)]
pub struct IdentifyInfo {
    /// `d.token` as sent (serenity sends it with the `Bot ` prefix).
    pub token: String,
    /// `d.intents`.
    pub intents: u64,
    /// `d.shard` (`[id, total]`), if sent.
    pub shard: Option<[u64; 2]>,
    /// `d.compress` (serenity always sends `true`; the fake still sends plain text).
    pub compress: bool,
    /// `d.large_threshold`, if sent.
    pub large_threshold: Option<u64>,
    /// The whole `d`.
    pub raw: Value,
}

/// Options for a [`FakeDiscord`]; get one from [`FakeDiscord::builder`].
#[derive(Clone, Debug)]
pub struct FakeDiscordBuilder {
    heartbeat_interval: Duration,
    expected_token: Option<String>,
    allowed_privileged_intents: u64,
    ack_deadline: Option<Duration>,
    shards: u32,
}

impl Default for FakeDiscordBuilder {
    fn default() -> Self {
        Self {
            heartbeat_interval: Duration::from_millis(41_250),
            expected_token: None,
            allowed_privileged_intents: 0,
            ack_deadline: None,
            shards: 1,
        }
    }
}

impl FakeDiscordBuilder {
    /// The `heartbeat_interval` sent in HELLO (default 41 250 ms, Discord's usual value).
    pub fn heartbeat_interval(mut self, interval: Duration) -> Self {
        self.heartbeat_interval = interval;
        self
    }

    /// Only accept this bot token (with or without `Bot `): other tokens get REST 401 and
    /// gateway close 4004, as on Discord. By default any token is accepted.
    pub fn expect_token(mut self, token: &str) -> Self {
        self.expected_token = Some(bare_token(token).to_string());
        self
    }

    /// Privileged intents the "developer portal" enabled (GUILD_MEMBERS 1<<1, GUILD_PRESENCES
    /// 1<<8, MESSAGE_CONTENT 1<<15). IDENTIFY asking for others is closed with 4014
    /// "Disallowed intent(s)". Default: none.
    pub fn allow_privileged_intents(mut self, intents: u64) -> Self {
        self.allowed_privileged_intents = intents;
        self
    }

    /// The shard count `GET /gateway/bot` recommends (Discord's `shards`; default 1).
    pub fn recommend_shards(mut self, shards: u32) -> Self {
        self.shards = shards.max(1);
        self
    }

    /// Answer an interaction callback arriving later than this after the dispatch with 404
    /// 10062 "Unknown interaction" (Discord's limit is 3 s). Default: no deadline.
    pub fn interaction_ack_deadline(mut self, deadline: Duration) -> Self {
        self.ack_deadline = Some(deadline);
        self
    }

    /// Binds REST and gateway on 127.0.0.1 (ephemeral ports) and starts serving.
    ///
    /// # Panics
    /// If 127.0.0.1 cannot be bound (nothing a test could do about it).
    pub async fn start(self) -> FakeDiscord {
        let rest_listener = TcpListener::bind(("127.0.0.1", 0))
            .await
            .expect("bind fake Discord REST on 127.0.0.1");
        let gateway_listener = TcpListener::bind(("127.0.0.1", 0))
            .await
            .expect("bind fake Discord gateway on 127.0.0.1");
        let rest_addr = rest_listener.local_addr().expect("REST listener address");
        let gateway_addr = gateway_listener
            .local_addr()
            .expect("gateway listener address");

        let shared = Arc::new(Shared {
            config: self,
            rest_addr,
            gateway_addr,
            state: Mutex::new(State::default()),
            changed: watch::channel(0).0,
            shutdown: watch::channel(false).0,
        });

        let app = axum::Router::new()
            .fallback(rest::handle)
            .with_state(Arc::clone(&shared));
        let mut stop = shared.shutdown.subscribe();
        let rest_task = tokio::spawn(async move {
            let graceful = async move { gateway::stopped(&mut stop).await };
            let _ = axum::serve(rest_listener, app)
                .with_graceful_shutdown(graceful)
                .await;
        });
        let gateway_task =
            tokio::spawn(gateway::accept_loop(Arc::clone(&shared), gateway_listener));

        FakeDiscord {
            shared,
            rest_task: Some(rest_task),
            gateway_task: Some(gateway_task),
        }
    }
}

/// The fake Discord server. See the module docs.
pub struct FakeDiscord {
    shared: Arc<Shared>,
    rest_task: Option<JoinHandle<()>>,
    gateway_task: Option<JoinHandle<()>>,
}

impl FakeDiscord {
    /// Default options; see [`FakeDiscordBuilder`].
    pub fn builder() -> FakeDiscordBuilder {
        FakeDiscordBuilder::default()
    }

    /// Starts a fake with default options (see [`FakeDiscordBuilder::start`]).
    pub async fn start() -> FakeDiscord {
        Self::builder().start().await
    }

    /// `http://127.0.0.1:PORT`: what the bot gets as its API base (serenity's `proxy`).
    pub fn base_url(&self) -> String {
        self.shared.base_url()
    }

    /// `ws://127.0.0.1:PORT`: the gateway URL the fake hands out in `GET /gateway(/bot)`.
    pub fn gateway_url(&self) -> String {
        self.shared.gateway_url()
    }

    /// The application id given in READY ([`APPLICATION_ID`]).
    pub fn application_id(&self) -> u64 {
        APPLICATION_ID
    }

    /// Waits (bounded) until a bot has IDENTIFYed and been sent READY, and its shard is connected.
    pub async fn wait_ready(&self, timeout: Duration) -> Result<(), String> {
        self.shared
            .wait_until(timeout, |s| {
                (s.gateway.ready_count > 0 && s.gateway.active.is_some()).then_some(())
            })
            .await
            .ok_or_else(|| {
                format!(
                    "no shard IDENTIFYed and got READY within {timeout:?}; {}",
                    self.shared.gateway_summary()
                )
            })
    }

    /// Dispatches INTERACTION_CREATE with this interaction object to the connected shard, and
    /// remembers the interaction so its callback, `@original` and followups can be answered
    /// (and a message it carries, for pins and `GET /channels/.../messages/...`).
    /// Returns once the frame is written to the websocket.
    ///
    /// # Panics
    /// If no shard is READY within 10 s (use [`Self::try_send_interaction`] to handle that).
    pub async fn send_interaction(&self, interaction: Value) {
        if let Err(e) = self.try_send_interaction(interaction).await {
            panic!("fake Discord could not dispatch INTERACTION_CREATE: {e}");
        }
    }

    /// Like [`Self::send_interaction`], returning the dispatch's sequence number or why it failed.
    pub async fn try_send_interaction(&self, interaction: Value) -> Result<u64, String> {
        self.shared.register_interaction(&interaction)?;
        self.send_dispatch("INTERACTION_CREATE", interaction).await
    }

    /// Plays Discord's side of an HTTP interactions endpoint (no gateway involved): remembers
    /// `interaction` as a dispatch would, then takes the endpoint's HTTP response
    /// (`content_type` and `body`, JSON or multipart) as the interaction's callback, checked
    /// exactly like `POST /interactions/{id}/{token}/callback`. Afterwards `@original`, followups
    /// and edits work as after a gateway callback. Not recorded in [`Self::requests`]: the bot
    /// made no REST call. Returns Discord's error (status and JSON) when the response is refused.
    pub fn answered_over_http(
        &self,
        interaction: &Value,
        content_type: Option<&str>,
        body: &[u8],
    ) -> Result<(), String> {
        self.shared.register_interaction(interaction)?;
        let outcome = rest::http_callback(&self.shared, interaction, content_type, body);
        self.shared.notify();
        outcome
    }

    /// Dispatches any event (op 0, `t` = `event`, `d` = `data`) to the connected shard, waiting
    /// up to 10 s for one to be READY. Returns the dispatch's sequence number.
    pub async fn send_dispatch(&self, event: &str, data: Value) -> Result<u64, String> {
        let tx = self.active_shard(SEND_TIMEOUT).await?;
        let (ack_tx, ack_rx) = oneshot::channel();
        tx.send(gateway::Outbound::Dispatch {
            event: event.to_string(),
            data,
            ack: ack_tx,
        })
        .map_err(|_| "the shard's connection closed".to_string())?;
        match tokio::time::timeout(SEND_TIMEOUT, ack_rx).await {
            Ok(Ok(seq)) => Ok(seq),
            Ok(Err(_)) => {
                Err("the shard's connection closed before the dispatch was written".into())
            }
            Err(_) => Err(format!("dispatch not written within {SEND_TIMEOUT:?}")),
        }
    }

    /// Sends op 7 RECONNECT to the connected shard, as Discord does before moving a session;
    /// serenity reconnects and RESUMEs (see [`Self::resumed_count`]).
    pub async fn request_reconnect(&self) -> Result<(), String> {
        let tx = self.active_shard(SEND_TIMEOUT).await?;
        tx.send(gateway::Outbound::Op {
            op: 7,
            data: Value::Null,
        })
        .map_err(|_| "the shard's connection closed".to_string())
    }

    async fn active_shard(
        &self,
        timeout: Duration,
    ) -> Result<mpsc::UnboundedSender<gateway::Outbound>, String> {
        self.shared
            .wait_until(timeout, |s| s.gateway.active.as_ref().map(|a| a.tx.clone()))
            .await
            .ok_or_else(|| {
                format!(
                    "no READY shard connected within {timeout:?}; {}",
                    self.shared.gateway_summary()
                )
            })
    }

    /// All REST requests received so far, in arrival order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.lock().requests.clone()
    }

    /// The requests whose method and path match (see [`RecordedRequest::matches`]).
    pub fn requests_matching(&self, method: &str, pattern: &str) -> Vec<RecordedRequest> {
        self.shared
            .lock()
            .requests
            .iter()
            .filter(|r| r.matches(method, pattern))
            .cloned()
            .collect()
    }

    /// Waits (bounded) until a request matching `pred` has been received and returns the
    /// earliest such request — including one received before this call.
    pub async fn wait_for_request(
        &self,
        timeout: Duration,
        pred: impl Fn(&RecordedRequest) -> bool,
    ) -> Result<RecordedRequest, String> {
        self.shared
            .wait_until(timeout, |s| s.requests.iter().find(|r| pred(r)).cloned())
            .await
            .ok_or_else(|| {
                let seen: Vec<String> = self
                    .requests()
                    .iter()
                    .map(|r| format!("{} {} -> {}", r.method, r.path, r.status))
                    .collect();
                format!("no matching request within {timeout:?}; received: {seen:#?}")
            })
    }

    /// Serves `bytes` with `content_type` at `GET {base}/attachments/{name}` and returns that URL
    /// (to put in an interaction's resolved attachment). `name` may contain `/`.
    pub fn host_attachment(&self, name: &str, content_type: &str, bytes: Vec<u8>) -> String {
        let name = name.trim_start_matches('/');
        self.host_attachment_as(name, Hosting::ok(content_type), bytes)
    }

    /// Like [`Self::host_attachment`], answered as `hosting` says: another status (a 404, a
    /// 500, a redirect with its `Location`), or the body streamed without a Content-Length.
    pub fn host_attachment_as(&self, name: &str, hosting: Hosting, bytes: Vec<u8>) -> String {
        let name = name.trim_start_matches('/');
        self.shared
            .lock()
            .hosted
            .insert(name.to_string(), HostedFile { hosting, bytes });
        format!("{}/attachments/{name}", self.base_url())
    }

    /// Holds every request whose method matches (case-insensitive, `"*"` for any) and whose
    /// path (without `/api/v10`) contains `path_contains` until the returned [`Hold`] is
    /// released or dropped (or 30 s pass): the request is neither answered nor recorded
    /// meanwhile. For work that must still be running when a test acts.
    pub fn hold(&self, method: &str, path_contains: &str) -> Hold {
        let (release, released) = watch::channel(false);
        let id = {
            let mut s = self.shared.lock();
            s.next_hold += 1;
            let id = s.next_hold;
            s.holds.push(HoldRule {
                id,
                method: method.to_string(),
                path_contains: path_contains.to_string(),
                released,
                arrived: 0,
            });
            id
        };
        Hold {
            shared: Arc::clone(&self.shared),
            id,
            release,
        }
    }

    /// Makes the next call whose method matches (case-insensitive, `"*"` for any) and whose
    /// path (without `/api/v10`) contains `path_contains` fail with `status` and `body`, without
    /// any effect — e.g. `fail_next("PUT", "/pins/", 400, json!({"code": 30003, "message":
    /// "Maximum number of pins reached (250)"}))`.
    pub fn fail_next(&self, method: &str, path_contains: &str, status: u16, body: Value) {
        self.fail_next_n(method, path_contains, 1, status, body);
    }

    /// Like [`Self::fail_next`], for the next `times` matching calls.
    pub fn fail_next_n(
        &self,
        method: &str,
        path_contains: &str,
        times: usize,
        status: u16,
        body: Value,
    ) {
        self.shared.lock().failures.push(FailRule {
            method: method.to_string(),
            path_contains: path_contains.to_string(),
            remaining: times,
            status,
            body,
        });
    }

    /// Makes the next `times` calls whose method matches (as for [`Self::fail_next`]) and whose
    /// path contains `path_contains` take effect and be recorded at once, but hold their
    /// response for `delay`: a slow Discord, so a test can act (kill the bot) while the call is
    /// in flight, after Discord has done it.
    pub fn delay_next(&self, method: &str, path_contains: &str, times: usize, delay: Duration) {
        self.shared.lock().delays.push(DelayRule {
            method: method.to_string(),
            path_contains: path_contains.to_string(),
            remaining: times,
            delay,
        });
    }

    /// The message an interaction's `@original` currently shows (after its callback and any
    /// later PATCH), as Discord would return it; `None` before a message response or after
    /// deletion.
    pub fn original_response(&self, interaction_token: &str) -> Option<Value> {
        let s = self.shared.lock();
        let id = s.interactions.get(interaction_token)?.original?;
        s.messages.get(&id).cloned()
    }

    /// The callback type (4 message, 5 deferred, 6 deferred update, 7 update, 8 autocomplete
    /// result, 9 modal) an interaction was answered with, if it was.
    pub fn callback_type(&self, interaction_token: &str) -> Option<u64> {
        self.shared
            .lock()
            .interactions
            .get(interaction_token)?
            .response_type
    }

    /// The followup messages of an interaction still existing, oldest first.
    pub fn followups(&self, interaction_token: &str) -> Vec<Value> {
        let s = self.shared.lock();
        let Some(ix) = s.interactions.get(interaction_token) else {
            return Vec::new();
        };
        ix.followups
            .iter()
            .filter_map(|id| s.messages.get(id).cloned())
            .collect()
    }

    /// A message the fake knows (sent by the bot or carried by a dispatched interaction).
    pub fn message(&self, message_id: u64) -> Option<Value> {
        self.shared.lock().messages.get(&message_id).cloned()
    }

    /// Adds (or replaces) a message, e.g. one a test wants the bot to pin. It needs at least
    /// `id` and `channel_id`.
    pub fn put_message(&self, message: Value) -> Result<(), String> {
        let id = payloads::id_u64(message.get("id")).ok_or("message without a snowflake `id`")?;
        payloads::id_u64(message.get("channel_id"))
            .ok_or("message without a snowflake `channel_id`")?;
        self.shared.lock().messages.insert(id, message);
        self.shared.notify();
        Ok(())
    }

    /// A thread the bot started, by id.
    pub fn thread(&self, thread_id: u64) -> Option<Value> {
        self.shared.lock().threads.get(&thread_id).cloned()
    }

    /// The threads started, oldest first.
    pub fn threads(&self) -> Vec<Value> {
        let s = self.shared.lock();
        let mut ids: Vec<u64> = s.threads.keys().copied().collect();
        ids.sort_unstable();
        ids.iter().map(|id| s.threads[id].clone()).collect()
    }

    /// The messages of a channel or thread, oldest first (snowflakes grow with time).
    pub fn channel_messages(&self, channel_id: u64) -> Vec<Value> {
        let s = self.shared.lock();
        let mut messages: Vec<(u64, Value)> = s
            .messages
            .iter()
            .filter(|(_, m)| payloads::id_u64(m.get("channel_id")) == Some(channel_id))
            .map(|(id, m)| (*id, m.clone()))
            .collect();
        messages.sort_by_key(|(id, _)| *id);
        messages.into_iter().map(|(_, m)| m).collect()
    }

    /// Ids of the messages pinned in a channel, oldest pin first.
    pub fn pinned(&self, channel_id: u64) -> Vec<u64> {
        self.shared
            .lock()
            .pins
            .get(&channel_id)
            .map(|p| p.iter().map(|(id, _)| *id).collect())
            .unwrap_or_default()
    }

    /// The commands last registered (bulk overwrite or create), globally (`None`) or in a guild.
    pub fn registered_commands(&self, guild_id: Option<u64>) -> Vec<Value> {
        self.shared
            .lock()
            .commands
            .get(&guild_id)
            .cloned()
            .unwrap_or_default()
    }

    /// The last IDENTIFY received, if any.
    pub fn identify(&self) -> Option<IdentifyInfo> {
        self.shared.lock().gateway.identifies.last().cloned()
    }

    /// Every IDENTIFY received, in order (one per shard started).
    pub fn identifies(&self) -> Vec<IdentifyInfo> {
        self.shared.lock().gateway.identifies.clone()
    }

    /// Every JSON frame the bot sent on the gateway, in order (IDENTIFY includes the token).
    pub fn gateway_frames(&self) -> Vec<Value> {
        self.shared.lock().gateway.frames.clone()
    }

    /// The request targets (`/?v=10`) of every gateway websocket connection, in order.
    pub fn gateway_connections(&self) -> Vec<String> {
        self.shared.lock().gateway.connections.clone()
    }

    /// How many heartbeats (op 1) the bot sent (each was answered with op 11).
    pub fn heartbeats_received(&self) -> u64 {
        self.shared.lock().gateway.heartbeats
    }

    /// How many RESUMEs succeeded (answered with a RESUMED dispatch).
    pub fn resumed_count(&self) -> u64 {
        self.shared.lock().gateway.resumed_count
    }

    /// Waits (bounded) until `pred` holds on the gateway counters
    /// `(ready_count, resumed_count, heartbeats)`.
    pub async fn wait_gateway(
        &self,
        timeout: Duration,
        pred: impl Fn(u64, u64, u64) -> bool,
    ) -> Result<(), String> {
        self.shared
            .wait_until(timeout, |s| {
                let g = &s.gateway;
                (pred(g.ready_count, g.resumed_count, g.heartbeats) && g.active.is_some())
                    .then_some(())
            })
            .await
            .ok_or_else(|| {
                format!(
                    "gateway condition not reached within {timeout:?}; {}",
                    self.shared.gateway_summary()
                )
            })
    }

    /// Every request so far that Discord's OpenAPI spec refuses (an unknown route or method, a
    /// path parameter or body that does not fit its schema), one description each.
    pub fn spec_violations(&self) -> Vec<String> {
        self.shared.lock().spec_violations.clone()
    }

    /// Like [`Self::spec_violations`], and forgets them: for a test that sends a bad body on
    /// purpose and has checked how it was refused.
    pub fn take_spec_violations(&self) -> Vec<String> {
        std::mem::take(&mut self.shared.lock().spec_violations)
    }

    /// Panics listing every request Discord's OpenAPI spec refuses, if there is one.
    pub fn assert_spec_clean(&self) {
        let violations = self.spec_violations();
        assert!(
            violations.is_empty(),
            "{} request(s) the bot sent do not fit Discord's OpenAPI spec:\n{}",
            violations.len(),
            violations.join("\n")
        );
    }

    /// Closes the websocket with a normal close (1000), stops REST and gateway and releases both
    /// ports; bounded (each server gets 5 s, then is aborted). Then panics if any request did
    /// not fit Discord's OpenAPI spec ([`Self::assert_spec_clean`]).
    pub async fn shutdown(mut self) {
        self.shared.shutdown.send_replace(true);
        for task in [self.gateway_task.take(), self.rest_task.take()]
            .into_iter()
            .flatten()
        {
            let abort = task.abort_handle();
            if tokio::time::timeout(SHUTDOWN_TIMEOUT, task).await.is_err() {
                abort.abort();
            }
        }
        self.assert_spec_clean();
    }
}

impl Drop for FakeDiscord {
    fn drop(&mut self) {
        self.shared.shutdown.send_replace(true);
        let stopped = self.gateway_task.is_none() && self.rest_task.is_none();
        for task in [self.gateway_task.take(), self.rest_task.take()]
            .into_iter()
            .flatten()
        {
            task.abort();
        }
        // Dropped without `shutdown` (which checks them): the spec's violations still fail the
        // test, unless it is failing already.
        if !stopped && !std::thread::panicking() {
            self.assert_spec_clean();
        }
    }
}

/// The bot token without its `Bot ` / `Bearer ` prefix.
fn bare_token(token: &str) -> &str {
    let token = token.trim();
    token
        .strip_prefix("Bot ")
        .or_else(|| token.strip_prefix("Bearer "))
        .unwrap_or(token)
}

/// State shared by the handle, the REST handler and the gateway tasks.
struct Shared {
    config: FakeDiscordBuilder,
    rest_addr: SocketAddr,
    gateway_addr: SocketAddr,
    state: Mutex<State>,
    /// Bumped after every change to `state`; waiters subscribe to it.
    changed: watch::Sender<u64>,
    /// Set to `true` once to stop everything.
    shutdown: watch::Sender<bool>,
}

impl Shared {
    fn base_url(&self) -> String {
        format!("http://{}", self.rest_addr)
    }

    fn gateway_url(&self) -> String {
        format!("ws://{}", self.gateway_addr)
    }

    /// Locks the state; a poisoned lock (a panicking test thread) is still usable.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Wakes every waiter to re-check its condition.
    fn notify(&self) {
        self.changed.send_modify(|v| *v = v.wrapping_add(1));
    }

    /// Re-evaluates `f` on every state change until it gives a value or `timeout` passes.
    async fn wait_until<T>(
        &self,
        timeout: Duration,
        mut f: impl FnMut(&State) -> Option<T>,
    ) -> Option<T> {
        let deadline = tokio::time::Instant::now() + timeout;
        let mut rx = self.changed.subscribe();
        loop {
            if let Some(v) = f(&self.lock()) {
                return Some(v);
            }
            match tokio::time::timeout_at(deadline, rx.changed()).await {
                Ok(Ok(())) => {}
                // Deadline passed (or the sender is gone): one last look.
                _ => return f(&self.lock()),
            }
        }
    }

    fn gateway_summary(&self) -> String {
        let s = self.lock();
        let g = &s.gateway;
        format!(
            "gateway: {} connection(s), {} IDENTIFY, {} READY, {} RESUMED, shard connected: {}",
            g.connections.len(),
            g.identifies.len(),
            g.ready_count,
            g.resumed_count,
            g.active.is_some()
        )
    }

    /// Waits while a [`FakeDiscord::hold`] matches this request (bounded by [`HOLD_LIMIT`]).
    async fn wait_while_held(&self, method: &str, path: &str) {
        let released = {
            let mut s = self.lock();
            let rule = s.holds.iter_mut().find(|h| {
                (h.method == "*" || h.method.eq_ignore_ascii_case(method))
                    && path.contains(&h.path_contains)
            });
            rule.map(|h| {
                h.arrived += 1;
                h.released.clone()
            })
        };
        let Some(mut released) = released else {
            return;
        };
        self.notify();
        let _ = tokio::time::timeout(HOLD_LIMIT, released.wait_for(|r| *r)).await;
    }

    /// Remembers a dispatched interaction (and the message it carries).
    fn register_interaction(&self, ix: &Value) -> Result<(), String> {
        let id = payloads::id_u64(ix.get("id")).ok_or("interaction without a snowflake `id`")?;
        let token = ix
            .get("token")
            .and_then(Value::as_str)
            .ok_or("interaction without a `token`")?
            .to_string();
        let kind = ix
            .get("type")
            .and_then(Value::as_u64)
            .ok_or("interaction without a numeric `type`")?;
        let mut s = self.lock();
        if let Some(message) = ix.get("message")
            && let Some(mid) = payloads::id_u64(message.get("id"))
        {
            s.messages.entry(mid).or_insert_with(|| message.clone());
        }
        s.interactions.insert(
            token.clone(),
            InteractionRecord {
                id,
                kind,
                payload: ix.clone(),
                dispatched_at: Instant::now(),
                response_type: None,
                original: None,
                followups: Vec::new(),
            },
        );
        drop(s);
        self.notify();
        Ok(())
    }
}

/// Everything the fake remembers.
#[derive(Default)]
struct State {
    requests: Vec<RecordedRequest>,
    failures: Vec<FailRule>,
    delays: Vec<DelayRule>,
    hosted: HashMap<String, HostedFile>,
    holds: Vec<HoldRule>,
    next_hold: u64,
    /// Dispatched interactions by token.
    interactions: HashMap<String, InteractionRecord>,
    /// Messages by id.
    messages: HashMap<u64, Value>,
    /// Pinned message ids and pin timestamps, by channel, oldest first.
    pins: HashMap<u64, Vec<(u64, String)>>,
    /// Registered commands, by guild (`None`: global).
    commands: HashMap<Option<u64>, Vec<Value>>,
    /// Threads started from messages, by id (a thread's id is its starter message's).
    threads: HashMap<u64, Value>,
    /// Requests Discord's OpenAPI spec refuses ([`spec::Violation`] descriptions).
    spec_violations: Vec<String>,
    gateway: GatewayState,
}

/// A file served under `/attachments/`.
struct HostedFile {
    hosting: Hosting,
    bytes: Vec<u8>,
}

/// How a hosted file is answered (see [`FakeDiscord::host_attachment_as`]).
#[derive(Clone, Debug)]
pub struct Hosting {
    /// The status (200 by default).
    pub status: u16,
    /// The `Content-Type`.
    pub content_type: String,
    /// A `Location` header (for a redirect).
    pub location: Option<String>,
    /// Stream the body without a `Content-Length` (chunked), so its size is not announced.
    pub chunked: bool,
}

impl Hosting {
    /// 200 with this content type and a `Content-Length`.
    pub fn ok(content_type: &str) -> Hosting {
        Hosting {
            status: 200,
            content_type: content_type.to_string(),
            location: None,
            chunked: false,
        }
    }

    /// Another status (its body as given).
    pub fn status(status: u16) -> Hosting {
        Hosting {
            status,
            ..Hosting::ok("text/plain")
        }
    }

    /// A 302 to `location`.
    pub fn redirect(location: &str) -> Hosting {
        Hosting {
            location: Some(location.to_string()),
            ..Hosting::status(302)
        }
    }

    /// 200, the body streamed without announcing its size.
    pub fn chunked(content_type: &str) -> Hosting {
        Hosting {
            chunked: true,
            ..Hosting::ok(content_type)
        }
    }
}

/// A pending [`FakeDiscord::hold`].
struct HoldRule {
    id: u64,
    method: String,
    path_contains: String,
    released: watch::Receiver<bool>,
    /// Requests that have reached it.
    arrived: usize,
}

/// Holds requests until released or dropped (see [`FakeDiscord::hold`]).
pub struct Hold {
    shared: Arc<Shared>,
    id: u64,
    release: watch::Sender<bool>,
}

impl Hold {
    /// Waits (bounded) until `n` requests are being held.
    pub async fn arrived(&self, n: usize, timeout: Duration) -> Result<(), String> {
        let id = self.id;
        self.shared
            .wait_until(timeout, |s| {
                s.holds
                    .iter()
                    .find(|h| h.id == id)
                    .is_some_and(|h| h.arrived >= n)
                    .then_some(())
            })
            .await
            .ok_or_else(|| format!("fewer than {n} requests reached the hold within {timeout:?}"))
    }

    /// Lets the held requests (and any later ones) through.
    pub fn release(self) {}
}

impl Drop for Hold {
    fn drop(&mut self) {
        let _ = self.release.send(true);
        self.shared.lock().holds.retain(|h| h.id != self.id);
        self.shared.notify();
    }
}

/// The longest a request is held.
const HOLD_LIMIT: Duration = Duration::from_secs(30);

/// A pending `fail_next` rule.
/// A response to hold back ([`FakeDiscord::delay_next`]).
struct DelayRule {
    method: String,
    path_contains: String,
    remaining: usize,
    delay: Duration,
}

struct FailRule {
    method: String,
    path_contains: String,
    remaining: usize,
    status: u16,
    body: Value,
}

/// A dispatched interaction.
struct InteractionRecord {
    id: u64,
    /// Interaction type (1 PING, 2 command, 3 component, 4 autocomplete, 5 modal submit).
    kind: u64,
    payload: Value,
    dispatched_at: Instant,
    /// The callback type it was answered with.
    response_type: Option<u64>,
    /// The id of the message `@original` refers to.
    original: Option<u64>,
    followups: Vec<u64>,
}

/// Gateway bookkeeping.
#[derive(Default)]
struct GatewayState {
    connections: Vec<String>,
    frames: Vec<Value>,
    identifies: Vec<IdentifyInfo>,
    /// Every session ever started, by session id (for RESUME).
    sessions: HashMap<String, SessionLog>,
    /// The connection dispatches go to: the latest to get READY or RESUMED.
    active: Option<ActiveShard>,
    ready_count: u64,
    resumed_count: u64,
    heartbeats: u64,
    next_conn_id: u64,
}

/// What RESUME needs of a session.
#[derive(Default)]
struct SessionLog {
    /// The last sequence number sent.
    seq: u64,
    /// The last dispatches sent (at most 1000), replayed to a RESUME that missed them.
    dispatches: std::collections::VecDeque<Value>,
}

/// The READY connection dispatches are sent to.
struct ActiveShard {
    conn_id: u64,
    tx: mpsc::UnboundedSender<gateway::Outbound>,
}
