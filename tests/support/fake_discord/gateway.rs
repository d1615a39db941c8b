//! The gateway: a websocket server speaking Discord's protocol (v10, JSON, text frames) the way
//! serenity 0.12.5 uses it.
//!
//! Per connection: HELLO (op 10) on connect; IDENTIFY (op 2) → READY (op 0, `s` = 1); heartbeat
//! (op 1) → HEARTBEAT_ACK (op 11); RESUME (op 6) of a known session → RESUMED dispatch, of an
//! unknown one → INVALID_SESSION (op 9, `d: false`); dispatches queued by the test go out with
//! increasing `s`. Protocol errors close the socket with Discord's close codes (4001 unknown
//! opcode, 4002 decode error, 4003 not authenticated, 4004 authentication failed, 4005 already
//! authenticated, 4010 invalid shard, 4012 invalid API version, 4013 invalid intents, 4014
//! disallowed intents).

use std::sync::Arc;
use std::time::Duration;

use futures_util::stream::{SplitSink, SplitStream};
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, oneshot, watch};
use tokio::task::JoinSet;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::handshake::server::{Request, Response};
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;

use super::{ActiveShard, IdentifyInfo, Shared, bare_token, payloads};

/// Privileged intents: GUILD_MEMBERS, GUILD_PRESENCES, MESSAGE_CONTENT.
const PRIVILEGED_INTENTS: u64 = (1 << 1) | (1 << 8) | (1 << 15);
/// The `_trace` Discord puts in HELLO / READY / RESUMED.
const TRACE: &str = "[\"fake-discord\",{\"micros\":0}]";
/// Reason of close code 4002.
const DECODE_ERROR: &str = "Error while decoding payload.";
/// Dispatches kept per session for replay on RESUME.
const REPLAY_LIMIT: usize = 1000;
/// Bound on the websocket handshake.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);
/// Bound on waiting for the peer's close reply, and for connections to end at shutdown.
const CLOSE_GRACE: Duration = Duration::from_secs(2);

type Sink = SplitSink<WebSocketStream<TcpStream>, Message>;
type Source = SplitStream<WebSocketStream<TcpStream>>;

/// Something the test asks a connection to send.
pub(super) enum Outbound {
    /// An op 0 dispatch; `ack` gets its sequence number once written.
    Dispatch {
        event: String,
        data: Value,
        ack: oneshot::Sender<u64>,
    },
    /// Any other opcode (e.g. 7 RECONNECT).
    Op { op: u64, data: Value },
}

/// Accepts gateway connections until shutdown, then lets them close (bounded) and aborts any
/// that remain.
pub(super) async fn accept_loop(shared: Arc<Shared>, listener: TcpListener) {
    let mut stop = shared.shutdown.subscribe();
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            _ = stopped(&mut stop) => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    let conn_id = {
                        let mut s = shared.lock();
                        s.gateway.next_conn_id += 1;
                        s.gateway.next_conn_id
                    };
                    connections.spawn(connection(Arc::clone(&shared), stream, conn_id));
                },
                Err(e) if matches!(e.kind(), std::io::ErrorKind::ConnectionAborted | std::io::ErrorKind::ConnectionReset) => {},
                Err(_) => break,
            },
            Some(_) = connections.join_next(), if !connections.is_empty() => {},
        }
    }
    drop(listener);
    let _ = tokio::time::timeout(CLOSE_GRACE * 2, async {
        while connections.join_next().await.is_some() {}
    })
    .await;
    connections.shutdown().await;
}

/// What one connection knows about its session.
struct Session {
    id: String,
    seq: u64,
}

/// Serves one websocket connection until the peer leaves, a protocol error closes it, or the
/// fake shuts down.
async fn connection(shared: Arc<Shared>, stream: TcpStream, conn_id: u64) {
    let mut target = String::new();
    // The error type is fixed by tungstenite's `Callback` trait.
    #[allow(clippy::result_large_err)]
    let callback = |req: &Request, resp: Response| {
        target = req.uri().to_string();
        Ok(resp)
    };
    let ws = match tokio::time::timeout(
        HANDSHAKE_TIMEOUT,
        tokio_tungstenite::accept_hdr_async(stream, callback),
    )
    .await
    {
        Ok(Ok(ws)) => ws,
        _ => return,
    };
    shared.lock().gateway.connections.push(target.clone());
    shared.notify();

    let (mut sink, mut source) = ws.split();
    let (tx, mut rx) = mpsc::unbounded_channel::<Outbound>();
    let mut stop = shared.shutdown.subscribe();
    let mut session: Option<Session> = None;

    let end = async {
        if let Some((code, reason)) = check_query(&target) {
            return Some((code, reason));
        }
        let hello = json!({
            "op": 10, "s": null, "t": null,
            "d": {
                "heartbeat_interval": shared.config.heartbeat_interval.as_millis() as u64,
                "_trace": [TRACE],
            }
        });
        if send(&mut sink, &hello).await.is_err() {
            return None;
        }
        loop {
            tokio::select! {
                _ = stopped(&mut stop) => {
                    return Some((1000, "fake Discord shutting down".to_string()));
                },
                frame = source.next() => {
                    let text = match frame {
                        None | Some(Err(_)) => return None,
                        Some(Ok(Message::Text(text))) => text,
                        Some(Ok(Message::Binary(bytes))) => match String::from_utf8(bytes) {
                            Ok(text) => text,
                            Err(_) => return Some((4002, DECODE_ERROR.to_string())),
                        },
                        // Ping / pong / close: tungstenite answers them itself (a close reply
                        // is flushed on the next read, after which the stream ends).
                        Some(Ok(_)) => continue,
                    };
                    let outcome =
                        handle_frame(&shared, conn_id, &tx, &mut sink, &mut session, &text).await;
                    if let Some(close) = outcome {
                        return close;
                    }
                },
                Some(out) = rx.recv() => {
                    if send_outbound(&shared, &mut sink, &mut session, out).await.is_err() {
                        return None;
                    }
                },
            }
        }
    }
    .await;

    // Stop being the shard dispatches go to.
    {
        let mut s = shared.lock();
        if s.gateway
            .active
            .as_ref()
            .is_some_and(|a| a.conn_id == conn_id)
        {
            s.gateway.active = None;
        }
    }
    shared.notify();

    if let Some((code, reason)) = end {
        close(&mut sink, &mut source, code, reason).await;
    }
}

/// Discord only serves `v=10` with JSON and (here) no transport compression.
fn check_query(target: &str) -> Option<(u16, String)> {
    let query = target.split_once('?').map_or("", |(_, q)| q);
    let param = |name: &str| {
        query.split('&').find_map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (k == name).then(|| v.to_string())
        })
    };
    if param("v").as_deref() != Some("10") {
        return Some((4012, "Invalid API version".into()));
    }
    if param("encoding").is_some_and(|e| e != "json") {
        return Some((4002, "fake Discord only speaks encoding=json".into()));
    }
    if param("compress").is_some() {
        return Some((
            4002,
            "fake Discord does not implement transport compression".into(),
        ));
    }
    None
}

/// Handles one frame from the bot; `Some(Some(close))` closes the connection with that code,
/// `Some(None)` ends it without a close frame (the socket failed).
async fn handle_frame(
    shared: &Arc<Shared>,
    conn_id: u64,
    tx: &mpsc::UnboundedSender<Outbound>,
    sink: &mut Sink,
    session: &mut Option<Session>,
    text: &str,
) -> Option<Option<(u16, String)>> {
    let Ok(frame) = serde_json::from_str::<Value>(text) else {
        return Some(Some((4002, DECODE_ERROR.into())));
    };
    shared.lock().gateway.frames.push(frame.clone());
    shared.notify();
    let d = frame.get("d").cloned().unwrap_or(Value::Null);

    let reply = match frame.get("op").and_then(Value::as_u64) {
        Some(1) => {
            shared.lock().gateway.heartbeats += 1;
            json!({"op": 11, "s": null, "t": null, "d": null})
        }
        Some(2) => {
            if session.is_some() {
                return Some(Some((4005, "Already authenticated.".into())));
            }
            let info = match identify_info(shared, &d) {
                Ok(info) => info,
                Err(close) => return Some(Some(close)),
            };
            let shard = info.shard.map_or(json!([0, 1]), |s| json!(s));
            shared.lock().gateway.identifies.push(info);
            let id = format!("fake-session-{}", payloads::next_snowflake());
            let ready = payloads::ready(&id, &shared.gateway_url(), &shard);
            *session = Some(Session { id, seq: 1 });
            json!({"op": 0, "s": 1, "t": "READY", "d": ready})
        }
        Some(6) => {
            let wanted = d
                .get("session_id")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            let token_ok =
                shared.config.expected_token.as_deref().is_none_or(|t| {
                    d.get("token").and_then(Value::as_str).map(bare_token) == Some(t)
                });
            let client_seq = d.get("seq").and_then(Value::as_u64).unwrap_or(0);
            let known = shared.lock().gateway.sessions.get(&wanted).map(|log| {
                let missed: Vec<Value> = log
                    .dispatches
                    .iter()
                    .filter(|f| f["s"].as_u64().is_some_and(|s| s > client_seq))
                    .cloned()
                    .collect();
                (log.seq, missed)
            });
            match known {
                Some((seq, missed)) if token_ok => {
                    // Like Discord: replay what the client missed, then RESUMED.
                    for frame in &missed {
                        if send(sink, frame).await.is_err() {
                            return Some(None);
                        }
                    }
                    let seq = seq + 1;
                    *session = Some(Session { id: wanted, seq });
                    json!({"op": 0, "s": seq, "t": "RESUMED", "d": {"_trace": [TRACE]}})
                }
                _ => json!({"op": 9, "s": null, "t": null, "d": false}),
            }
        }
        Some(3 | 4 | 8 | 31) => {
            // Presence / voice state / request guild members / soundboard: recorded only.
            return if session.is_none() {
                Some(Some((4003, "Not authenticated.".into())))
            } else {
                None
            };
        }
        _ => return Some(Some((4001, "Unknown opcode.".into()))),
    };
    if send(sink, &reply).await.is_err() {
        return Some(None);
    }
    // READY / RESUMED sent: this connection now receives the dispatches.
    if let (Some(s), Some(t)) = (session.as_ref(), reply.get("t").and_then(Value::as_str)) {
        let mut st = shared.lock();
        st.gateway.sessions.entry(s.id.clone()).or_default().seq = s.seq;
        st.gateway.active = Some(ActiveShard {
            conn_id,
            tx: tx.clone(),
        });
        match t {
            "READY" => st.gateway.ready_count += 1,
            "RESUMED" => st.gateway.resumed_count += 1,
            _ => {}
        }
    }
    shared.notify();
    None
}

/// Validates an IDENTIFY's `d` like Discord; `Err` is the close code and reason.
fn identify_info(shared: &Shared, d: &Value) -> Result<IdentifyInfo, (u16, String)> {
    let token = d
        .get("token")
        .and_then(Value::as_str)
        .ok_or((4002, DECODE_ERROR.to_string()))?;
    if shared
        .config
        .expected_token
        .as_deref()
        .is_some_and(|t| t != bare_token(token))
    {
        return Err((4004, "Authentication failed.".into()));
    }
    let intents = d
        .get("intents")
        .and_then(Value::as_u64)
        .ok_or((4013, "Invalid intent(s).".to_string()))?;
    if intents & PRIVILEGED_INTENTS & !shared.config.allowed_privileged_intents != 0 {
        return Err((4014, "Disallowed intent(s).".into()));
    }
    let shard = match d.get("shard") {
        None | Some(Value::Null) => None,
        Some(v) => match v
            .as_array()
            .map(|a| a.iter().map(Value::as_u64).collect::<Vec<_>>())
            .as_deref()
        {
            Some([Some(id), Some(total)]) if id < total => Some([*id, *total]),
            _ => return Err((4010, "Invalid shard.".into())),
        },
    };
    Ok(IdentifyInfo {
        token: token.to_string(),
        intents,
        shard,
        compress: d.get("compress").and_then(Value::as_bool).unwrap_or(false),
        large_threshold: d.get("large_threshold").and_then(Value::as_u64),
        raw: d.clone(),
    })
}

/// Writes something the test queued.
async fn send_outbound(
    shared: &Shared,
    sink: &mut Sink,
    session: &mut Option<Session>,
    out: Outbound,
) -> Result<(), ()> {
    match out {
        Outbound::Dispatch { event, data, ack } => {
            // Only a READY/RESUMED connection gets dispatches; dropping `ack` reports the failure.
            let Some(s) = session.as_mut() else {
                return Ok(());
            };
            s.seq += 1;
            let frame = json!({"op": 0, "s": s.seq, "t": event, "d": data});
            send(sink, &frame).await?;
            let mut st = shared.lock();
            let log = st.gateway.sessions.entry(s.id.clone()).or_default();
            log.seq = s.seq;
            log.dispatches.push_back(frame);
            if log.dispatches.len() > REPLAY_LIMIT {
                log.dispatches.pop_front();
            }
            drop(st);
            let _ = ack.send(s.seq);
            Ok(())
        }
        Outbound::Op { op, data } => {
            send(sink, &json!({"op": op, "s": null, "t": null, "d": data})).await
        }
    }
}

/// Resolves once the fake is shutting down (or can no longer be told to).
pub(super) async fn stopped(stop: &mut watch::Receiver<bool>) {
    let _ = stop.wait_for(|s| *s).await;
}

async fn send(sink: &mut Sink, frame: &Value) -> Result<(), ()> {
    sink.send(Message::Text(frame.to_string()))
        .await
        .map_err(|_| ())
}

/// Sends a close frame and waits (bounded) for the peer's reply / the end of the stream.
async fn close(sink: &mut Sink, source: &mut Source, code: u16, reason: String) {
    let frame = CloseFrame {
        code: CloseCode::from(code),
        reason: reason.into(),
    };
    if sink.send(Message::Close(Some(frame))).await.is_err() {
        return;
    }
    let _ = tokio::time::timeout(CLOSE_GRACE, async {
        while let Some(Ok(_)) = source.next().await {}
    })
    .await;
}
