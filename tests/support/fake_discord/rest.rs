//! The REST side: one axum fallback handler that records every request, checks it against
//! Discord's OpenAPI spec (`spec.rs`: a body the spec refuses gets 400 50035 and is recorded as
//! a violation), applies `fail_next` rules, and routes the rest by hand (so unknown routes are
//! recorded and answered like Discord).
//!
//! Routes (under `/api/v10`; `{app}` must be [`APPLICATION_ID`]):
//!
//! | method | path | answer |
//! | --- | --- | --- |
//! | GET | `/gateway` | `{"url": gateway_url}` |
//! | GET | `/gateway/bot` | url, `shards` (1 unless the builder recommends more), `session_start_limit` |
//! | GET | `/users/@me` | the bot user |
//! | GET | `/oauth2/applications/@me` | the application |
//! | GET, PUT, POST | `/applications/{app}/commands`, `/applications/{app}/guilds/{g}/commands` | list / bulk overwrite / create, echoed with ids |
//! | POST | `/interactions/{id}/{token}/callback` | 204 (JSON or multipart) |
//! | POST | `/webhooks/{app}/{token}` | followup: a message |
//! | GET, PATCH, DELETE | `/webhooks/{app}/{token}/messages/@original` and `.../messages/{id}` | message / edited message / 204 |
//! | PUT, DELETE | `/channels/{c}/pins/{m}` (serenity 0.12's route) and `/channels/{c}/messages/pins/{m}` (current) | 204 |
//! | GET | `/channels/{c}/pins` (array) and `/channels/{c}/messages/pins` (`{items, has_more}`) | pinned messages |
//! | POST | `/channels/{c}/messages` | a message |
//! | GET, PATCH, DELETE | `/channels/{c}/messages/{m}` | message / edited message / 204 |
//!
//! Outside `/api/v10`: `GET /attachments/{name}` serves files from `host_attachment` and files
//! the bot uploaded. Anything else: 404 `{"code":0,"message":"404: Not Found"}` (405 for a
//! known path with another method).

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::payloads::{self, FLAG_EPHEMERAL, FLAG_LOADING, MessageContext, error_body, id_u64};
use super::{
    APPLICATION_ID, BOT_USER_ID, Hosting, InteractionRecord, MAX_PINS, RecordedFile,
    RecordedRequest, Shared, State as FakeState, bare_token, multipart, spec,
};

/// Largest body accepted (Discord's own limit for boosted guilds is lower).
const MAX_BODY: usize = 100 * 1024 * 1024;

/// What to answer.
enum Reply {
    Json(u16, Value),
    NoContent,
    Bytes(u16, String, Vec<u8>),
    /// A hosted file served as [`Hosting`] says.
    Hosted(Hosting, Vec<u8>),
}

fn json_reply(status: u16, v: Value) -> Reply {
    Reply::Json(status, v)
}

fn not_found() -> Reply {
    json_reply(404, error_body(0, "404: Not Found"))
}

fn method_not_allowed() -> Reply {
    json_reply(405, error_body(0, "405: Method Not Allowed"))
}

fn unknown_message() -> Reply {
    json_reply(404, error_body(10008, "Unknown Message"))
}

fn unknown_webhook() -> Reply {
    json_reply(404, error_body(10015, "Unknown Webhook"))
}

fn unknown_interaction() -> Reply {
    json_reply(404, error_body(10062, "Unknown interaction"))
}

fn unknown_channel() -> Reply {
    json_reply(404, error_body(10003, "Unknown Channel"))
}

fn invalid_form(errors: Value) -> Reply {
    json_reply(400, payloads::invalid_form_body(errors))
}

fn required(field: &str) -> Reply {
    invalid_form(
        json!({field: {"_errors": [{"code": "BASE_TYPE_REQUIRED", "message": "This field is required"}]}}),
    )
}

/// The single handler behind every REST path.
pub(super) async fn handle(State(shared): State<Arc<Shared>>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let full_path = parts.uri.path().to_string();
    let path = match full_path.strip_prefix("/api/v10") {
        Some("") => "/".to_string(),
        Some(rest) if rest.starts_with('/') => rest.to_string(),
        _ => full_path.clone(),
    };
    shared.wait_while_held(parts.method.as_str(), &path).await;
    let header_str = |name: &str| {
        parts
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let mut rec = RecordedRequest {
        method: parts.method.as_str().to_string(),
        path,
        query: parts.uri.query().map(str::to_string),
        authorization: header_str("authorization"),
        content_type: header_str("content-type"),
        audit_log_reason: header_str("x-audit-log-reason"),
        headers: parts
            .headers
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect(),
        ..RecordedRequest::default()
    };
    let in_api = full_path == "/api/v10" || full_path.starts_with("/api/v10/");

    let reply = match axum::body::to_bytes(body, MAX_BODY).await {
        Err(_) => json_reply(413, error_body(40005, "Request entity too large")),
        Ok(bytes) => {
            rec.body = bytes.to_vec();
            match parse_body(&mut rec) {
                Err(reply) => reply,
                Ok(()) => {
                    let refused = in_api.then(|| check_spec(&shared, &rec)).flatten();
                    let mut state = shared.lock();
                    match refused.or_else(|| take_failure(&mut state, &rec)) {
                        Some(reply) => reply,
                        None if in_api => route(&shared, &mut state, &rec),
                        None => serve_hosted(&state, &rec),
                    }
                }
            }
        }
    };

    rec.status = match &reply {
        Reply::Json(s, _) | Reply::Bytes(s, _, _) => *s,
        Reply::Hosted(h, _) => h.status,
        Reply::NoContent => 204,
    };
    if let Reply::Json(_, v) = &reply {
        rec.response = Some(v.clone());
    }
    let hold = {
        let mut state = shared.lock();
        let hold = take_delay(&mut state, &rec);
        rec.index = state.requests.len();
        state.requests.push(rec);
        hold
    };
    shared.notify();
    if let Some(delay) = hold {
        tokio::time::sleep(delay).await;
    }
    into_response(reply)
}

/// Checks a request against Discord's OpenAPI spec and records a violation. Returns the reply
/// Discord gives a body or path parameter the spec refuses (400 50035 "Invalid Form Body");
/// `None` lets the request through (an unknown route or method is still recorded, and answered
/// by the router as Discord would: 404 / 405).
fn check_spec(shared: &Shared, rec: &RecordedRequest) -> Option<Reply> {
    let body = match &rec.json {
        Some(v) => spec::Body::Json(v),
        None if rec.body.is_empty() => spec::Body::None,
        None => spec::Body::Empty,
    };
    let violation = spec::check_request(&rec.method, &rec.path, body).err()?;
    // Also on stderr at once: a test failing on the refusal's consequence shows why.
    eprintln!("fake Discord: not in Discord's OpenAPI spec: {violation}");
    let refuse = violation.refused_as_invalid_form();
    let errors = violation.errors_tree();
    shared.lock().spec_violations.push(violation.to_string());
    refuse.then(|| invalid_form(errors))
}

/// Consumes a matching `delay_next` rule, if any: how long to hold the response.
fn take_delay(state: &mut FakeState, rec: &RecordedRequest) -> Option<std::time::Duration> {
    let pos = state.delays.iter().position(|d| {
        d.remaining > 0
            && (d.method == "*" || d.method.eq_ignore_ascii_case(&rec.method))
            && rec.path.contains(&d.path_contains)
    })?;
    let rule = &mut state.delays[pos];
    rule.remaining -= 1;
    let delay = rule.delay;
    if rule.remaining == 0 {
        state.delays.remove(pos);
    }
    Some(delay)
}

fn into_response(reply: Reply) -> Response {
    let status = |s: u16| StatusCode::from_u16(s).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    match reply {
        Reply::NoContent => StatusCode::NO_CONTENT.into_response(),
        Reply::Json(s, v) => (
            status(s),
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            v.to_string(),
        )
            .into_response(),
        Reply::Bytes(s, content_type, bytes) => {
            let ct = HeaderValue::from_str(&content_type)
                .unwrap_or(HeaderValue::from_static("application/octet-stream"));
            (status(s), [(header::CONTENT_TYPE, ct)], Body::from(bytes)).into_response()
        }
        Reply::Hosted(hosting, bytes) => {
            let body = if hosting.chunked {
                // No Content-Length: the body is streamed in 64 KB chunks, its size unannounced.
                let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
                    bytes.chunks(64 * 1024).map(|c| Ok(c.to_vec())).collect();
                Body::from_stream(futures_util::stream::iter(chunks))
            } else {
                Body::from(bytes)
            };
            let mut response = (status(hosting.status), body).into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_str(&hosting.content_type)
                    .unwrap_or(HeaderValue::from_static("application/octet-stream")),
            );
            if let Some(location) = hosting
                .location
                .as_deref()
                .and_then(|l| HeaderValue::from_str(l).ok())
            {
                headers.insert(header::LOCATION, location);
            }
            response
        }
    }
}

/// Fills `json` / `files` / `form_fields` from the body.
fn parse_body(rec: &mut RecordedRequest) -> Result<(), Reply> {
    if rec.body.is_empty() {
        return Ok(());
    }
    let content_type = rec.content_type.clone().unwrap_or_default();
    if let Some(boundary) = multipart::boundary(&content_type) {
        let parts = multipart::parse(&rec.body, &boundary).map_err(|e| {
            json_reply(
                400,
                json!({"code": 50035, "message": "Invalid Form Body", "errors": {"_multipart": e}}),
            )
        })?;
        for part in parts {
            if part.filename.is_some() {
                rec.files.push(RecordedFile {
                    field_name: part.name,
                    filename: part.filename,
                    content_type: part.content_type,
                    bytes: part.body,
                });
            } else if part.name == "payload_json" {
                let v = serde_json::from_slice(&part.body).map_err(|_| {
                    json_reply(
                        400,
                        error_body(50109, "The request body contains invalid JSON."),
                    )
                })?;
                rec.json = Some(v);
            } else {
                rec.form_fields
                    .push((part.name, String::from_utf8_lossy(&part.body).into_owned()));
            }
        }
        return Ok(());
    }
    if content_type
        .split(';')
        .next()
        .is_some_and(|e| e.trim().eq_ignore_ascii_case("application/json"))
    {
        let v = serde_json::from_slice(&rec.body).map_err(|_| {
            json_reply(
                400,
                error_body(50109, "The request body contains invalid JSON."),
            )
        })?;
        rec.json = Some(v);
    }
    Ok(())
}

/// Consumes a matching `fail_next` rule, if any.
fn take_failure(state: &mut FakeState, rec: &RecordedRequest) -> Option<Reply> {
    let pos = state.failures.iter().position(|f| {
        f.remaining > 0
            && (f.method.is_empty()
                || f.method == "*"
                || f.method.eq_ignore_ascii_case(&rec.method))
            && rec.path.contains(&f.path_contains)
    })?;
    let rule = &mut state.failures[pos];
    rule.remaining -= 1;
    let reply = if rule.status == 204 {
        Reply::NoContent
    } else {
        json_reply(rule.status, rule.body.clone())
    };
    if rule.remaining == 0 {
        state.failures.remove(pos);
    }
    Some(reply)
}

/// `GET /attachments/{name}` (outside `/api/v10`).
fn serve_hosted(state: &FakeState, rec: &RecordedRequest) -> Reply {
    let Some(name) = rec.path.strip_prefix("/attachments/") else {
        return not_found();
    };
    if rec.method != "GET" {
        return method_not_allowed();
    }
    match state.hosted.get(name) {
        Some(f) => Reply::Hosted(f.hosting.clone(), f.bytes.clone()),
        None => Reply::Bytes(404, "text/plain".into(), b"404: Not Found".to_vec()),
    }
}

/// Routes a request under `/api/v10`.
fn route(shared: &Shared, st: &mut FakeState, rec: &RecordedRequest) -> Reply {
    let segs: Vec<&str> = rec.path.trim_matches('/').split('/').collect();
    let m = rec.method.as_str();
    let authorized = || match (&rec.authorization, &shared.config.expected_token) {
        (None, _) => false,
        (Some(a), Some(expected)) => bare_token(a) == expected,
        (Some(_), None) => true,
    };
    let unauthorized = || json_reply(401, error_body(0, "401: Unauthorized"));

    match segs.as_slice() {
        ["gateway"] => match m {
            "GET" => json_reply(200, json!({"url": shared.gateway_url()})),
            _ => method_not_allowed(),
        },
        // Everything below except interaction callbacks and webhooks needs the bot token.
        ["interactions", id, token, "callback"] => match m {
            "POST" => interaction_callback(shared, st, rec, id, token),
            _ => method_not_allowed(),
        },
        ["webhooks", app, token, rest @ ..] => webhook(shared, st, rec, app, token, rest),
        _ if !authorized() => unauthorized(),
        ["gateway", "bot"] => match m {
            "GET" => json_reply(
                200,
                payloads::gateway_bot(&shared.gateway_url(), shared.config.shards),
            ),
            _ => method_not_allowed(),
        },
        ["users", "@me"] => match m {
            "GET" => json_reply(200, payloads::current_user()),
            _ => method_not_allowed(),
        },
        ["oauth2", "applications", "@me"] => match m {
            "GET" => json_reply(200, payloads::current_application()),
            _ => method_not_allowed(),
        },
        ["applications", app, "commands"] => commands(st, rec, app, None),
        ["applications", app, "guilds", guild, "commands"] => match guild.parse::<u64>() {
            Ok(g) => commands(st, rec, app, Some(g)),
            Err(_) => not_found(),
        },
        ["channels", c, "pins"] | ["channels", c, "messages", "pins"] => {
            match (m, c.parse::<u64>()) {
                ("GET", Ok(c)) => list_pins(st, c, segs.len() == 4),
                ("GET", Err(_)) => not_found(),
                _ => method_not_allowed(),
            }
        }
        ["channels", c, "pins", msg] | ["channels", c, "messages", "pins", msg] => {
            match (c.parse::<u64>(), msg.parse::<u64>()) {
                (Ok(c), Ok(msg)) => pin(st, m, c, msg),
                _ => not_found(),
            }
        }
        ["channels", c, "messages"] => match (m, c.parse::<u64>()) {
            ("POST", Ok(c)) => create_channel_message(shared, st, rec, c),
            ("POST", Err(_)) => not_found(),
            _ => method_not_allowed(),
        },
        ["channels", c, "messages", msg, "threads"] => {
            match (m, c.parse::<u64>(), msg.parse::<u64>()) {
                ("POST", Ok(c), Ok(msg)) => create_thread(st, rec, c, msg),
                ("POST", _, _) => not_found(),
                _ => method_not_allowed(),
            }
        }
        ["channels", c, "messages", msg] => match (c.parse::<u64>(), msg.parse::<u64>()) {
            (Ok(c), Ok(msg)) => channel_message(shared, st, rec, c, msg),
            _ => not_found(),
        },
        _ => not_found(),
    }
}

/// Application command list / bulk overwrite / create.
fn commands(st: &mut FakeState, rec: &RecordedRequest, app: &str, guild: Option<u64>) -> Reply {
    if app.parse::<u64>() != Ok(APPLICATION_ID) {
        return json_reply(
            403,
            error_body(
                20012,
                "You are not authorized to perform this action on this application",
            ),
        );
    }
    match rec.method.as_str() {
        "GET" => json_reply(
            200,
            Value::Array(st.commands.get(&guild).cloned().unwrap_or_default()),
        ),
        "PUT" => {
            let Some(Value::Array(list)) = &rec.json else {
                return invalid_form(
                    json!({"_errors": [{"code": "BASE_TYPE_ARRAY", "message": "Must be an array."}]}),
                );
            };
            if let Some(i) = list
                .iter()
                .position(|c| c.get("name").and_then(Value::as_str).is_none())
            {
                return invalid_form(
                    json!({i.to_string(): {"name": {"_errors": [{"code": "BASE_TYPE_REQUIRED", "message": "This field is required"}]}}}),
                );
            }
            let echoed: Vec<Value> = list
                .iter()
                .map(|c| payloads::command_object(c, guild))
                .collect();
            st.commands.insert(guild, echoed.clone());
            json_reply(200, Value::Array(echoed))
        }
        "POST" => {
            let Some(name) = rec
                .json
                .as_ref()
                .and_then(|j| j.get("name"))
                .and_then(Value::as_str)
            else {
                return required("name");
            };
            let cmd = payloads::command_object(rec.json.as_ref().unwrap_or(&Value::Null), guild);
            let list = st.commands.entry(guild).or_default();
            match list.iter().position(|c| c["name"] == name) {
                Some(i) => {
                    list[i] = cmd.clone();
                    json_reply(200, cmd)
                }
                None => {
                    list.push(cmd.clone());
                    json_reply(201, cmd)
                }
            }
        }
        _ => method_not_allowed(),
    }
}

/// Turns the request's uploaded files into attachment objects served under `/attachments/`,
/// keyed by their placeholder id (`files[N]` → `N`).
fn store_uploads(
    shared: &Shared,
    st: &mut FakeState,
    rec: &RecordedRequest,
) -> Vec<(String, Value)> {
    let described = rec
        .json
        .as_ref()
        .and_then(|j| j.get("attachments"))
        .and_then(Value::as_array);
    rec.files
        .iter()
        .map(|f| {
            let placeholder = f
                .field_name
                .strip_prefix("files[")
                .and_then(|r| r.strip_suffix(']'))
                .unwrap_or(&f.field_name)
                .to_string();
            // The payload's `attachments[].filename` wins over the part's, as on Discord.
            let filename = described
                .and_then(|list| {
                    list.iter()
                        .find(|a| payloads::id_string(a.get("id")) == placeholder)
                })
                .and_then(|a| a.get("filename"))
                .and_then(Value::as_str)
                .or(f.filename.as_deref())
                .unwrap_or("unknown")
                .to_string();
            let id = payloads::next_snowflake();
            let key = format!("{id}/{}", url_segment(&filename));
            let url = format!("{}/attachments/{key}", shared.base_url());
            st.hosted.insert(
                key,
                super::HostedFile {
                    hosting: Hosting::ok(
                        f.content_type
                            .as_deref()
                            .unwrap_or("application/octet-stream"),
                    ),
                    bytes: f.bytes.clone(),
                },
            );
            (
                placeholder,
                payloads::attachment_object(
                    id,
                    &filename,
                    f.content_type.as_deref(),
                    f.bytes.len(),
                    &url,
                ),
            )
        })
        .collect()
}

/// Percent-encodes everything but unreserved characters, for a URL path segment.
fn url_segment(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// An HTTP interactions endpoint's response to `interaction`, taken as its callback (see
/// `FakeDiscord::answered_over_http`).
pub(super) fn http_callback(
    shared: &Shared,
    interaction: &Value,
    content_type: Option<&str>,
    body: &[u8],
) -> Result<(), String> {
    let id = id_u64(interaction.get("id")).ok_or("interaction without a snowflake `id`")?;
    let token = interaction
        .get("token")
        .and_then(Value::as_str)
        .ok_or("interaction without a `token`")?;
    let mut rec = RecordedRequest {
        method: "POST".into(),
        path: format!("/interactions/{id}/{token}/callback"),
        content_type: content_type.map(str::to_string),
        body: body.to_vec(),
        ..RecordedRequest::default()
    };
    let refused = |reply: Reply| match reply {
        Reply::NoContent => Ok(()),
        Reply::Json(status, v) => Err(format!("{status} {v}")),
        Reply::Bytes(status, _, bytes) | Reply::Hosted(Hosting { status, .. }, bytes) => {
            Err(format!("{status} {}", String::from_utf8_lossy(&bytes)))
        }
    };
    if let Err(reply) = parse_body(&mut rec) {
        return refused(reply);
    }
    let Some(json) = rec.json.as_ref() else {
        return Err(format!(
            "the response is not JSON (content type {content_type:?})"
        ));
    };
    if let Err(violation) = spec::check_interaction_response(json) {
        let refused = format!(
            "400 {}",
            payloads::invalid_form_body(violation.errors_tree())
        );
        shared
            .lock()
            .spec_violations
            .push(format!("HTTP interaction response: {violation}"));
        return Err(format!("{refused}\n{violation}"));
    }
    let mut state = shared.lock();
    refused(interaction_callback(
        shared,
        &mut state,
        &rec,
        &id.to_string(),
        token,
    ))
}

/// `POST /interactions/{id}/{token}/callback`.
fn interaction_callback(
    shared: &Shared,
    st: &mut FakeState,
    rec: &RecordedRequest,
    id: &str,
    token: &str,
) -> Reply {
    let deadline = shared.config.ack_deadline;
    let Some(ix) = st.interactions.get(token) else {
        return unknown_interaction();
    };
    if id.parse::<u64>() != Ok(ix.id) || deadline.is_some_and(|d| ix.dispatched_at.elapsed() > d) {
        return unknown_interaction();
    }
    if ix.response_type.is_some() {
        return json_reply(
            400,
            error_body(40060, "Interaction has already been acknowledged."),
        );
    }
    let Some(body) = rec.json.as_ref() else {
        return required("type");
    };
    let Some(ty) = body.get("type").and_then(Value::as_u64) else {
        return required("type");
    };
    let has_message = ix.payload.get("message").is_some();
    let allowed = match ix.kind {
        1 => matches!(ty, 1),
        2 => matches!(ty, 4 | 5 | 9 | 10 | 12),
        3 => matches!(ty, 4 | 5 | 6 | 7 | 9 | 10),
        4 => matches!(ty, 8),
        5 => matches!(ty, 4 | 5 | 10) || (matches!(ty, 6 | 7) && has_message),
        _ => false,
    };
    if !allowed {
        return invalid_form(json!({"type": {"_errors": [{
            "code": "INTERACTION_CALLBACK_TYPE_INVALID",
            "message": format!("Interaction callback type {ty} is not valid for interaction type {}", ix.kind)
        }]}}));
    }
    let data = body.get("data").cloned().unwrap_or(Value::Null);
    if matches!(ty, 4 | 7 | 8)
        && let Err(errors) = payloads::validate_message(&data)
    {
        return invalid_form(json!({"data": errors}));
    }
    if ty == 8 && data.get("choices").is_none() {
        return invalid_form(
            json!({"data": {"choices": {"_errors": [{"code": "BASE_TYPE_REQUIRED", "message": "This field is required"}]}}}),
        );
    }
    if ty == 9 {
        for field in ["custom_id", "title", "components"] {
            if data.get(field).is_none() {
                return invalid_form(
                    json!({"data": {field: {"_errors": [{"code": "BASE_TYPE_REQUIRED", "message": "This field is required"}]}}}),
                );
            }
        }
    }

    let uploads = store_uploads(shared, st, rec);
    let Some(ix) = st.interactions.get(token) else {
        return unknown_interaction();
    };
    let payload = ix.payload.clone();
    let kind = ix.kind;
    let original = match ty {
        4 | 5 => {
            let mid = payloads::next_snowflake();
            let ctx = MessageContext {
                id: mid,
                channel_id: id_u64(payload.get("channel_id")).unwrap_or(super::CHANNEL_ID),
                guild_id: id_u64(payload.get("guild_id")),
                kind: response_message_type(kind, &payload),
                webhook_id: Some(APPLICATION_ID),
                interaction: Some(&payload),
            };
            let message = if ty == 4 {
                let attachments = merge_uploads(&data, uploads);
                payloads::message_object(&ctx, &data, attachments)
            } else {
                let flags = data.get("flags").and_then(Value::as_u64).unwrap_or(0) & FLAG_EPHEMERAL;
                payloads::message_object(&ctx, &json!({"flags": flags | FLAG_LOADING}), Vec::new())
            };
            st.messages.insert(mid, message);
            Some(mid)
        }
        6 | 7 => {
            let mid = id_u64(payload.get("message").and_then(|m| m.get("id")));
            if let (7, Some(mid)) = (ty, mid)
                && let Some(message) = st.messages.get_mut(&mid)
            {
                payloads::apply_edit(message, &data, uploads);
            }
            mid
        }
        _ => None,
    };
    if let Some(ix) = st.interactions.get_mut(token) {
        ix.response_type = Some(ty);
        ix.original = original;
    }
    Reply::NoContent
}

/// The message type of an interaction's message response: 20 CHAT_INPUT_COMMAND, 23
/// CONTEXT_MENU_COMMAND, otherwise 19 REPLY.
fn response_message_type(kind: u64, payload: &Value) -> u64 {
    match (
        kind,
        payload
            .get("data")
            .and_then(|d| d.get("type"))
            .and_then(Value::as_u64),
    ) {
        (2, Some(2 | 3)) => 23,
        (2, _) => 20,
        _ => 19,
    }
}

/// Orders a new message's uploads by its `attachments` list (placeholder ids), then the rest.
fn merge_uploads(data: &Value, uploads: Vec<(String, Value)>) -> Vec<Value> {
    let mut scratch = json!({"attachments": []});
    payloads::apply_edit(
        &mut scratch,
        &json!({"attachments": data.get("attachments").cloned().unwrap_or(json!([]))}),
        uploads,
    );
    scratch["attachments"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// `/webhooks/{app}/{token}[/messages/{@original|id}]`.
fn webhook(
    shared: &Shared,
    st: &mut FakeState,
    rec: &RecordedRequest,
    app: &str,
    token: &str,
    rest: &[&str],
) -> Reply {
    let m = rec.method.as_str();
    let target = match rest {
        [] => None,
        ["messages", id] => Some(*id),
        _ => return not_found(),
    };
    if target.is_none() && m != "POST" {
        return method_not_allowed();
    }
    if target.is_some() && !matches!(m, "GET" | "PATCH" | "DELETE") {
        return method_not_allowed();
    }
    // Only interaction webhooks exist here: the application's, for acknowledged interactions.
    if app.parse::<u64>() != Ok(APPLICATION_ID) {
        return unknown_webhook();
    }
    let Some(ix) = st.interactions.get(token) else {
        return unknown_webhook();
    };
    if ix.response_type.is_none() {
        return unknown_webhook();
    }

    let Some(target) = target else {
        return followup(shared, st, rec, token);
    };
    let message_id = if target == "@original" {
        match ix.original {
            Some(id) => id,
            None => return unknown_message(),
        }
    } else {
        match target.parse::<u64>() {
            Ok(id) if ix.original == Some(id) || ix.followups.contains(&id) => id,
            _ => return unknown_message(),
        }
    };
    if !st.messages.contains_key(&message_id) {
        return unknown_message();
    }
    match m {
        "GET" => json_reply(200, st.messages[&message_id].clone()),
        "PATCH" => {
            let edit = rec.json.clone().unwrap_or_else(|| json!({}));
            if let Err(errors) = payloads::validate_message(&edit) {
                return invalid_form(errors);
            }
            let uploads = store_uploads(shared, st, rec);
            let Some(message) = st.messages.get_mut(&message_id) else {
                return unknown_message();
            };
            payloads::apply_edit(message, &edit, uploads);
            json_reply(200, message.clone())
        }
        _ => {
            delete_message(st, message_id);
            if let Some(ix) = st.interactions.get_mut(token) {
                if ix.original == Some(message_id) {
                    ix.original = None;
                }
                ix.followups.retain(|id| *id != message_id);
            }
            Reply::NoContent
        }
    }
}

/// `POST /webhooks/{app}/{token}`: a followup message.
fn followup(shared: &Shared, st: &mut FakeState, rec: &RecordedRequest, token: &str) -> Reply {
    let Some(data) = rec.json.clone() else {
        if rec.files.is_empty() {
            return json_reply(400, error_body(50006, "Cannot send an empty message"));
        }
        return followup_with(shared, st, rec, token, json!({}));
    };
    followup_with(shared, st, rec, token, data)
}

fn followup_with(
    shared: &Shared,
    st: &mut FakeState,
    rec: &RecordedRequest,
    token: &str,
    data: Value,
) -> Reply {
    if let Err(errors) = payloads::validate_message(&data) {
        return invalid_form(errors);
    }
    if is_empty_message(&data) && rec.files.is_empty() {
        return json_reply(400, error_body(50006, "Cannot send an empty message"));
    }
    let uploads = store_uploads(shared, st, rec);
    let Some(InteractionRecord { payload, .. }) = st.interactions.get(token) else {
        return unknown_webhook();
    };
    let payload = payload.clone();
    let mid = payloads::next_snowflake();
    let ctx = MessageContext {
        id: mid,
        channel_id: id_u64(payload.get("channel_id")).unwrap_or(super::CHANNEL_ID),
        guild_id: id_u64(payload.get("guild_id")),
        kind: 0,
        webhook_id: Some(APPLICATION_ID),
        interaction: Some(&payload),
    };
    let message = payloads::message_object(&ctx, &data, merge_uploads(&data, uploads));
    st.messages.insert(mid, message.clone());
    if let Some(ix) = st.interactions.get_mut(token) {
        ix.followups.push(mid);
    }
    json_reply(200, message)
}

/// A message with no content, embeds, components, stickers or poll.
fn is_empty_message(data: &Value) -> bool {
    let empty = |k: &str| match data.get(k) {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.is_empty(),
        Some(Value::Array(a)) => a.is_empty(),
        Some(_) => false,
    };
    ["content", "embeds", "components", "sticker_ids", "poll"]
        .iter()
        .all(|k| empty(k))
}

/// A message visible through channel routes (ephemeral messages are not).
fn channel_visible(st: &FakeState, channel: u64, message: u64) -> bool {
    st.messages.get(&message).is_some_and(|m| {
        id_u64(m.get("channel_id")) == Some(channel)
            && m.get("flags").and_then(Value::as_u64).unwrap_or(0) & FLAG_EPHEMERAL == 0
    })
}

fn delete_message(st: &mut FakeState, message: u64) {
    st.messages.remove(&message);
    for pins in st.pins.values_mut() {
        pins.retain(|(id, _)| *id != message);
    }
}

/// `PUT`/`DELETE /channels/{c}/pins/{m}` and `/channels/{c}/messages/pins/{m}`.
fn pin(st: &mut FakeState, method: &str, channel: u64, message: u64) -> Reply {
    if !matches!(method, "PUT" | "DELETE") {
        return method_not_allowed();
    }
    if !channel_visible(st, channel, message) {
        return unknown_message();
    }
    let pins = st.pins.entry(channel).or_default();
    let pinned = pins.iter().any(|(id, _)| *id == message);
    if method == "PUT" {
        if !pinned {
            if pins.len() >= MAX_PINS {
                return json_reply(
                    400,
                    error_body(30003, "Maximum number of pins reached (250)"),
                );
            }
            pins.push((message, payloads::now_timestamp()));
        }
    } else {
        pins.retain(|(id, _)| *id != message);
    }
    if let Some(m) = st.messages.get_mut(&message) {
        m["pinned"] = json!(method == "PUT");
    }
    Reply::NoContent
}

/// `GET /channels/{c}/pins` (array, newest first) or `/channels/{c}/messages/pins`
/// (`{items: [{pinned_at, message}], has_more}`).
fn list_pins(st: &FakeState, channel: u64, new_style: bool) -> Reply {
    let pins = st.pins.get(&channel).cloned().unwrap_or_default();
    let newest_first = pins
        .iter()
        .rev()
        .filter_map(|(id, at)| st.messages.get(id).map(|m| (m.clone(), at.clone())));
    if new_style {
        let items: Vec<Value> = newest_first
            .map(|(m, at)| json!({"pinned_at": at, "message": m}))
            .collect();
        json_reply(200, json!({"items": items, "has_more": false}))
    } else {
        json_reply(200, Value::Array(newest_first.map(|(m, _)| m).collect()))
    }
}

/// `POST /channels/{c}/messages/{m}/threads`: a public thread started from a message (its id is
/// the message's), answered `201` with the thread channel.
fn create_thread(st: &mut FakeState, rec: &RecordedRequest, channel: u64, message: u64) -> Reply {
    let body = rec.json.clone().unwrap_or_else(|| json!({}));
    let name_len = body
        .get("name")
        .and_then(Value::as_str)
        .map(|n| n.chars().count());
    match name_len {
        None => return required("name"),
        Some(n) if !(1..=100).contains(&n) => {
            return invalid_form(json!({"name": {"_errors": [{
                "code": "BASE_TYPE_BAD_LENGTH",
                "message": "Must be between 1 and 100 in length."
            }]}}));
        }
        Some(_) => {}
    }
    if let Some(d) = body.get("auto_archive_duration")
        && !matches!(d.as_u64(), Some(60 | 1440 | 4320 | 10080))
    {
        return invalid_form(json!({"auto_archive_duration": {"_errors": [{
            "code": "BASE_TYPE_CHOICES",
            "message": "Value must be one of {60, 1440, 4320, 10080}."
        }]}}));
    }
    if st.threads.contains_key(&channel) {
        return json_reply(
            400,
            error_body(50024, "Cannot execute action on this channel type"),
        );
    }
    if !channel_visible(st, channel, message) {
        return unknown_message();
    }
    if st.threads.contains_key(&message) {
        return json_reply(
            400,
            error_body(160004, "A thread has already been created for this message"),
        );
    }
    let thread = json!({
        "id": message.to_string(),
        "type": 11,
        "guild_id": super::GUILD_ID.to_string(),
        "parent_id": channel.to_string(),
        "owner_id": BOT_USER_ID.to_string(),
        "name": body["name"],
        "last_message_id": null,
        "rate_limit_per_user": body.get("rate_limit_per_user").cloned().unwrap_or(json!(0)),
        "flags": 0,
        "message_count": 0,
        "member_count": 1,
        "total_message_sent": 0,
        "thread_metadata": {
            "archived": false,
            "auto_archive_duration": body.get("auto_archive_duration").cloned().unwrap_or(json!(4320)),
            "archive_timestamp": payloads::now_timestamp(),
            "locked": false
        }
    });
    if let Some(m) = st.messages.get_mut(&message) {
        m["thread"] = thread.clone();
        let flags = m.get("flags").and_then(Value::as_u64).unwrap_or(0);
        m["flags"] = json!(flags | HAS_THREAD);
    }
    st.threads.insert(message, thread.clone());
    json_reply(201, thread)
}

/// The message flag HAS_THREAD.
const HAS_THREAD: u64 = 1 << 5;

/// `POST /channels/{c}/messages`.
fn create_channel_message(
    shared: &Shared,
    st: &mut FakeState,
    rec: &RecordedRequest,
    channel: u64,
) -> Reply {
    let data = rec.json.clone().unwrap_or_else(|| json!({}));
    if let Err(errors) = payloads::validate_message(&data) {
        return invalid_form(errors);
    }
    if is_empty_message(&data) && rec.files.is_empty() {
        return json_reply(400, error_body(50006, "Cannot send an empty message"));
    }
    if channel == 0 {
        return unknown_channel();
    }
    let uploads = store_uploads(shared, st, rec);
    let mid = payloads::next_snowflake();
    let ctx = MessageContext {
        id: mid,
        channel_id: channel,
        guild_id: (channel == super::CHANNEL_ID || st.threads.contains_key(&channel))
            .then_some(super::GUILD_ID),
        kind: 0,
        webhook_id: None,
        interaction: None,
    };
    let message = payloads::message_object(&ctx, &data, merge_uploads(&data, uploads));
    st.messages.insert(mid, message.clone());
    json_reply(200, message)
}

/// `GET`/`PATCH`/`DELETE /channels/{c}/messages/{m}`.
fn channel_message(
    shared: &Shared,
    st: &mut FakeState,
    rec: &RecordedRequest,
    channel: u64,
    message: u64,
) -> Reply {
    let m = rec.method.as_str();
    if !matches!(m, "GET" | "PATCH" | "DELETE") {
        return method_not_allowed();
    }
    if !channel_visible(st, channel, message) {
        return unknown_message();
    }
    match m {
        "GET" => json_reply(200, st.messages[&message].clone()),
        "PATCH" => {
            let by_bot = id_u64(
                st.messages[&message]
                    .get("author")
                    .and_then(|a| a.get("id")),
            ) == Some(BOT_USER_ID);
            if !by_bot {
                return json_reply(
                    403,
                    error_body(50005, "Cannot edit a message authored by another user"),
                );
            }
            let edit = rec.json.clone().unwrap_or_else(|| json!({}));
            if let Err(errors) = payloads::validate_message(&edit) {
                return invalid_form(errors);
            }
            let uploads = store_uploads(shared, st, rec);
            let Some(msg) = st.messages.get_mut(&message) else {
                return unknown_message();
            };
            payloads::apply_edit(msg, &edit, uploads);
            json_reply(200, msg.clone())
        }
        _ => {
            delete_message(st, message);
            Reply::NoContent
        }
    }
}
