//! JSON payloads: the documented fixtures under `tests/fixtures/discord/`, builders for
//! interactions the tests dispatch, and the objects the fake answers with (messages,
//! attachments, users, commands, READY).
//!
//! Every object built here carries every field serenity 0.12.5's models require: a dispatch or
//! response missing one is silently turned into `Event::Unknown` (gateway) or a JSON error (REST).

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Map, Value, json};

use super::{APPLICATION_ID, GUILD_ID};

/// Permission bits of an ordinary member (see `tests/fixtures/discord/README.md`).
pub const PERMS_MEMBER: u64 = 277_025_770_560;
/// Permission bits of a moderator: ordinary + MANAGE_MESSAGES (1<<13) + PIN_MESSAGES (1<<51).
pub const PERMS_MODERATOR: u64 = 2_252_076_839_464_000;
/// Permission bits of a member with MANAGE_MESSAGES but not PIN_MESSAGES.
pub const PERMS_MANAGE_MESSAGES_ONLY: u64 = 277_025_778_752;

/// `MessageFlags::EPHEMERAL`.
pub(super) const FLAG_EPHEMERAL: u64 = 1 << 6;
/// `MessageFlags::LOADING` ("Bot is thinking..." of a deferred response).
pub(super) const FLAG_LOADING: u64 = 1 << 7;

/// Discord's epoch (2015-01-01T00:00:00Z) in Unix milliseconds.
const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;

/// The fixtures copied unchanged from the oracle data, compiled in so tests never read files
/// outside the crate at run time.
const FIXTURES: &[(&str, &str)] = &[
    (
        "application_command",
        include_str!("../../fixtures/discord/application_command.json"),
    ),
    (
        "application_command_autocomplete",
        include_str!("../../fixtures/discord/application_command_autocomplete.json"),
    ),
    (
        "application_command_dm",
        include_str!("../../fixtures/discord/application_command_dm.json"),
    ),
    (
        "message_command",
        include_str!("../../fixtures/discord/message_command.json"),
    ),
    (
        "message_component_button_moderator",
        include_str!("../../fixtures/discord/message_component_button_moderator.json"),
    ),
    (
        "message_component_button_member",
        include_str!("../../fixtures/discord/message_component_button_member.json"),
    ),
    (
        "message_component_button_manage_messages_only",
        include_str!("../../fixtures/discord/message_component_button_manage_messages_only.json"),
    ),
    (
        "message_component_string_select",
        include_str!("../../fixtures/discord/message_component_string_select.json"),
    ),
    (
        "modal_submit",
        include_str!("../../fixtures/discord/modal_submit.json"),
    ),
    ("ping", include_str!("../../fixtures/discord/ping.json")),
    (
        "gateway_ready",
        include_str!("../../fixtures/discord/gateway_ready.json"),
    ),
];

/// Returns a fixture exactly as stored in `tests/fixtures/discord/{name}.json` (`.json` optional).
///
/// # Panics
/// If no such fixture exists (a mistake in the test itself).
pub fn fixture(name: &str) -> Value {
    let name = name.strip_suffix(".json").unwrap_or(name);
    let Some((_, text)) = FIXTURES.iter().find(|(n, _)| *n == name) else {
        let known: Vec<&str> = FIXTURES.iter().map(|(n, _)| *n).collect();
        panic!("no Discord fixture named {name:?}; known: {known:?}");
    };
    serde_json::from_str(text).unwrap_or_else(|e| panic!("fixture {name} is not JSON: {e}"))
}

/// A fixture interaction with a fresh unique `id` and `token`, ready for
/// [`FakeDiscord::send_interaction`](super::FakeDiscord::send_interaction).
pub fn interaction_fixture(name: &str) -> Value {
    let mut v = fixture(name);
    refresh_identity(&mut v);
    v
}

/// A CHAT_INPUT (slash) command interaction in the fixture guild, built from
/// `application_command.json`: `options` is the `data.options` array (e.g.
/// `json!([{"type": 3, "name": "query", "value": "rust"}])`), `member_permissions` the invoking
/// member's permission bits (see [`PERMS_MEMBER`], [`PERMS_MODERATOR`]).
pub fn slash_command(name: &str, options: Value, member_permissions: u64) -> Value {
    let mut v = interaction_fixture("application_command");
    v["data"]["name"] = json!(name);
    v["data"]["options"] = options;
    v["member"]["permissions"] = json!(member_permissions.to_string());
    v
}

/// A slash command whose option `option_name` is an ATTACHMENT (type 11) resolved to a file at
/// `url` (typically from [`FakeDiscord::host_attachment`](super::FakeDiscord::host_attachment)).
pub fn slash_command_with_attachment(
    name: &str,
    option_name: &str,
    url: &str,
    filename: &str,
    content_type: &str,
    size: u64,
    member_permissions: u64,
) -> Value {
    let attachment_id = next_snowflake().to_string();
    let mut v = slash_command(
        name,
        json!([{"type": 11, "name": option_name, "value": attachment_id}]),
        member_permissions,
    );
    v["data"]["resolved"] = json!({
        "attachments": {
            attachment_id.clone(): {
                "id": attachment_id,
                "filename": filename,
                "size": size,
                "url": url,
                "proxy_url": url,
                "content_type": content_type,
                "ephemeral": true
            }
        }
    });
    v
}

/// A button click (MESSAGE_COMPONENT, type 3) built from
/// `message_component_button_moderator.json`, with `data.custom_id` set. `message` is the message
/// carrying the button (e.g. [`FakeDiscord::original_response`](super::FakeDiscord::original_response)
/// of an earlier interaction); `None` keeps the fixture's message, whose button gets `custom_id`.
pub fn button_click(custom_id: &str, message: Option<Value>, member_permissions: u64) -> Value {
    let mut v = interaction_fixture("message_component_button_moderator");
    v["data"]["custom_id"] = json!(custom_id);
    v["member"]["permissions"] = json!(member_permissions.to_string());
    match message {
        Some(m) => v["message"] = m,
        None => v["message"]["components"][0]["components"][0]["custom_id"] = json!(custom_id),
    }
    v
}

/// A choice in a string select menu (MESSAGE_COMPONENT, type 3, `component_type` 3) built from
/// `message_component_string_select.json`: `values` chosen in the menu `custom_id` under
/// `message` (e.g. the message the bot's answer became), by an ordinary member.
pub fn select_choice(custom_id: &str, values: &[&str], message: Value) -> Value {
    let mut v = interaction_fixture("message_component_string_select");
    v["data"]["custom_id"] = json!(custom_id);
    v["data"]["values"] = json!(values);
    v["message"] = message;
    v
}

/// The bot's permissions with CREATE_PUBLIC_THREADS (1<<35) and SEND_MESSAGES_IN_THREADS (1<<38)
/// added to the fixtures' `app_permissions` (which lack both).
pub const PERMS_APP_THREADS: u64 = 2_251_801_961_253_888 | (1 << 35) | (1 << 38);

/// A MODAL_SUBMIT interaction (type 5) built from `modal_submit.json`: the modal `custom_id`
/// submitted with `value` in its text input `input_id`, opened from a button on `message`, by
/// an ordinary member.
pub fn modal_submit(custom_id: &str, input_id: &str, value: &str, message: Value) -> Value {
    let mut v = interaction_fixture("modal_submit");
    v["data"]["custom_id"] = json!(custom_id);
    v["data"]["components"][0]["components"][0]["custom_id"] = json!(input_id);
    v["data"]["components"][0]["components"][0]["value"] = json!(value);
    v["message"] = message;
    v
}

/// Moves an interaction into thread `thread` of the fixtures' channel (its `channel_id` and a
/// PUBLIC_THREAD `channel` object, as Discord sends for an interaction in a thread).
pub fn in_thread(interaction: &mut Value, thread: u64) {
    interaction["channel_id"] = json!(thread.to_string());
    interaction["channel"] = json!({
        "id": thread.to_string(),
        "type": 11,
        "guild_id": GUILD_ID.to_string(),
        "parent_id": super::CHANNEL_ID.to_string(),
        "name": "thread",
        "flags": 0,
        "permissions": "2147483647",
        "thread_metadata": {
            "archived": false,
            "auto_archive_duration": 1440,
            "archive_timestamp": now_timestamp(),
            "locked": false
        }
    });
}

/// An APPLICATION_COMMAND_AUTOCOMPLETE interaction (type 4) built from
/// `application_command_autocomplete.json`: the user is typing `typed` into option `option` of
/// command `command` (a STRING option).
pub fn autocomplete(command: &str, option: &str, typed: &str, member_permissions: u64) -> Value {
    let mut v = interaction_fixture("application_command_autocomplete");
    v["data"]["name"] = json!(command);
    v["data"]["options"] = json!([{"type": 3, "name": option, "value": typed, "focused": true}]);
    v["member"]["permissions"] = json!(member_permissions.to_string());
    v
}

/// Gives an interaction payload a fresh unique `id` and `token`.
pub fn refresh_identity(interaction: &mut Value) {
    let n = next_snowflake();
    interaction["id"] = json!(n.to_string());
    interaction["token"] = json!(format!("fake-interaction-token-{n}"));
}

/// A new unique snowflake: milliseconds since Discord's epoch in the high bits and a
/// process-wide counter in the low 22 bits.
pub fn next_snowflake() -> u64 {
    static COUNTER: AtomicU64 = AtomicU64::new(1);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed) & 0x3F_FFFF;
    let ms = now_unix_ms().saturating_sub(DISCORD_EPOCH_MS);
    (ms << 22) | count
}

fn now_unix_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// The current time as an ISO-8601 timestamp in Discord's format
/// (`2025-05-16T22:51:16.692000+00:00`).
pub(super) fn now_timestamp() -> String {
    let ms = now_unix_ms();
    let secs = ms / 1000;
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}000+00:00",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        ms % 1000
    )
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian calendar
/// (H. Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// The bot's own user object (the author of everything the bot sends), taken from the READY
/// fixture.
pub(super) fn bot_user() -> Value {
    fixture("gateway_ready")["user"].clone()
}

/// The READY dispatch data: the `gateway_ready.json` fixture with the run-time fields filled in.
pub(super) fn ready(session_id: &str, resume_gateway_url: &str, shard: &Value) -> Value {
    let mut v = fixture("gateway_ready");
    v["session_id"] = json!(session_id);
    v["resume_gateway_url"] = json!(resume_gateway_url);
    v["shard"] = shard.clone();
    v
}

/// `GET /users/@me`: the bot user.
pub(super) fn current_user() -> Value {
    bot_user()
}

/// `GET /oauth2/applications/@me`: the application, with every field serenity's
/// `CurrentApplicationInfo` requires.
pub(super) fn current_application() -> Value {
    let ready = fixture("gateway_ready");
    json!({
        "id": APPLICATION_ID.to_string(),
        "name": ready["user"]["username"],
        "icon": null,
        "description": "",
        "summary": "",
        "type": null,
        "bot": ready["user"],
        "rpc_origins": [],
        "bot_public": false,
        "bot_require_code_grant": false,
        "verify_key": "1e0a356058d627ca38a5c8c9648818061d49e49bd9da9e3ab17d98ad4d6bg2u8",
        "owner": {
            "id": "53908232506183680",
            "username": "Mason",
            "discriminator": "1337",
            "global_name": null,
            "avatar": null,
            "public_flags": 0,
            "flags": 0
        },
        "team": null,
        "flags": ready["application"]["flags"],
        "guild_id": GUILD_ID.to_string(),
        "integration_types_config": {"0": {}},
        "redirect_uris": [],
        "interactions_endpoint_url": null,
        "role_connections_verification_url": null,
        "approximate_guild_count": 1
    })
}

/// `GET /gateway/bot`.
pub(super) fn gateway_bot(url: &str, shards: u32) -> Value {
    json!({
        "url": url,
        "shards": shards,
        "session_start_limit": {
            "total": 1000,
            "remaining": 999,
            "reset_after": 14_400_000,
            "max_concurrency": 1
        }
    })
}

/// An application command as Discord echoes it after a create / bulk overwrite.
pub(super) fn command_object(input: &Value, guild_id: Option<u64>) -> Value {
    let mut out = match input {
        Value::Object(m) => m.clone(),
        _ => Map::new(),
    };
    let id = next_snowflake().to_string();
    out.insert("id".into(), json!(id));
    out.insert("application_id".into(), json!(APPLICATION_ID.to_string()));
    out.insert("version".into(), json!(next_snowflake().to_string()));
    out.entry("type").or_insert(json!(1));
    out.entry("description").or_insert(json!(""));
    out.entry("default_member_permissions")
        .or_insert(Value::Null);
    out.entry("nsfw").or_insert(json!(false));
    out.entry("integration_types").or_insert(json!([0]));
    out.entry("contexts").or_insert(Value::Null);
    if let Some(g) = guild_id {
        out.insert("guild_id".into(), json!(g.to_string()));
    } else {
        out.entry("dm_permission").or_insert(json!(true));
    }
    Value::Object(out)
}

/// Where a new message is posted and who it is attributed to.
pub(super) struct MessageContext<'a> {
    pub id: u64,
    pub channel_id: u64,
    pub guild_id: Option<u64>,
    /// Message type (0 DEFAULT, 19 REPLY, 20 CHAT_INPUT_COMMAND, 23 CONTEXT_MENU_COMMAND).
    pub kind: u64,
    /// Set for interaction responses: Discord attributes them to the application's webhook.
    pub webhook_id: Option<u64>,
    /// The interaction this message answers, for `interaction_metadata`.
    pub interaction: Option<&'a Value>,
}

/// Builds a message object (as Discord returns it) from a message payload the bot sent
/// (`content`, `embeds`, `components`, `flags`, `tts`) plus the attachment objects already made
/// from its uploaded files.
pub(super) fn message_object(
    ctx: &MessageContext<'_>,
    data: &Value,
    attachments: Vec<Value>,
) -> Value {
    let flags = data.get("flags").and_then(Value::as_u64).unwrap_or(0) & stored_flag_mask();
    let mut m = json!({
        "id": ctx.id.to_string(),
        "channel_id": ctx.channel_id.to_string(),
        "author": bot_user(),
        "content": data.get("content").and_then(Value::as_str).unwrap_or(""),
        "timestamp": now_timestamp(),
        "edited_timestamp": null,
        "tts": data.get("tts").and_then(Value::as_bool).unwrap_or(false),
        "mention_everyone": false,
        "mentions": [],
        "mention_roles": [],
        "mention_channels": [],
        "attachments": attachments,
        "embeds": normalize_embeds(data.get("embeds")),
        "components": data.get("components").cloned().unwrap_or_else(|| json!([])),
        "pinned": false,
        "type": ctx.kind,
        "flags": flags,
        "application_id": APPLICATION_ID.to_string(),
    });
    if let Some(g) = ctx.guild_id {
        m["guild_id"] = json!(g.to_string());
    }
    if let Some(w) = ctx.webhook_id {
        m["webhook_id"] = json!(w.to_string());
    }
    if let Some(i) = ctx.interaction {
        m["interaction_metadata"] = interaction_metadata(i);
    }
    set_pings(&mut m, data.get("allowed_mentions"));
    m
}

/// Who a message pings, as Discord decides it: the mentions in its `content` (never in embeds)
/// that `allowed_mentions` lets through — without `allowed_mentions`, every user, role and
/// @everyone/@here mention; with it, the types in `parse` and the ids in `users` and `roles`.
/// Fills `mentions` (user objects), `mention_roles` and `mention_everyone`.
pub(super) fn set_pings(message: &mut Value, allowed: Option<&Value>) {
    let content = message["content"].as_str().unwrap_or_default().to_string();
    let allowed = allowed.filter(|a| a.is_object());
    let parses = |kind: &str| {
        allowed.is_none_or(|a| {
            a["parse"]
                .as_array()
                .is_some_and(|p| p.iter().any(|k| k == kind))
        })
    };
    let listed = |list: &str, id: &str| {
        allowed.is_some_and(|a| {
            a[list]
                .as_array()
                .is_some_and(|l| l.iter().any(|x| x.as_str() == Some(id)))
        })
    };
    let (mut users, mut roles) = (Vec::new(), Vec::new());
    let mut rest = content.as_str();
    while let Some(at) = rest.find("<@") {
        rest = &rest[at + 2..];
        let (role, digits) = match rest.strip_prefix('&') {
            Some(r) => (true, r),
            None => (false, rest.strip_prefix('!').unwrap_or(rest)),
        };
        let Some(end) = digits.find('>') else { break };
        let id = &digits[..end];
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        if role {
            if (parses("roles") || listed("roles", id)) && !roles.contains(&json!(id)) {
                roles.push(json!(id));
            }
        } else if (parses("users") || listed("users", id))
            && !users.iter().any(|u: &Value| u["id"] == id)
        {
            users.push(json!({
                "id": id, "username": format!("user{id}"), "discriminator": "0",
                "global_name": null, "avatar": null, "public_flags": 0
            }));
        }
    }
    message["mentions"] = Value::Array(users);
    message["mention_roles"] = Value::Array(roles);
    message["mention_everyone"] =
        json!(parses("everyone") && (content.contains("@everyone") || content.contains("@here")));
}

/// Applies an edit (PATCH body, or the `data` of an UPDATE_MESSAGE callback) to a stored message.
/// `new_files` are the attachment objects made from the request's uploaded files, keyed by the
/// placeholder id the request gave them (`files[N]` ↔ `attachments[].id == N`).
pub(super) fn apply_edit(message: &mut Value, edit: &Value, new_files: Vec<(String, Value)>) {
    if let Some(c) = edit.get("content") {
        message["content"] = if c.is_null() { json!("") } else { c.clone() };
        set_pings(message, edit.get("allowed_mentions"));
    }
    if let Some(e) = edit.get("embeds") {
        message["embeds"] = normalize_embeds(Some(e));
    }
    if let Some(c) = edit.get("components") {
        message["components"] = if c.is_null() { json!([]) } else { c.clone() };
    }
    if let Some(f) = edit.get("flags").and_then(Value::as_u64) {
        // Only SUPPRESS_EMBEDS can be changed by an edit; EPHEMERAL stays as it was.
        let old = message["flags"].as_u64().unwrap_or(0);
        message["flags"] = json!((old & !4) | (f & 4));
    }
    // An edit always ends the "thinking" state of a deferred response.
    let old = message["flags"].as_u64().unwrap_or(0);
    message["flags"] = json!(old & !FLAG_LOADING);

    let existing: Vec<Value> = message["attachments"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut new_files = new_files;
    let attachments = match edit.get("attachments").and_then(Value::as_array) {
        // `attachments` lists what to keep (existing ids) and metadata for the new uploads.
        Some(list) => {
            let mut out = Vec::new();
            for entry in list {
                let id = id_string(entry.get("id"));
                if let Some(pos) = new_files
                    .iter()
                    .position(|(placeholder, _)| *placeholder == id)
                {
                    let (_, mut att) = new_files.remove(pos);
                    if let Some(d) = entry.get("description").filter(|d| !d.is_null()) {
                        att["description"] = d.clone();
                    }
                    out.push(att);
                } else if let Some(old) = existing.iter().find(|a| id_string(a.get("id")) == id) {
                    out.push(old.clone());
                }
            }
            out.extend(new_files.into_iter().map(|(_, a)| a));
            out
        }
        // No `attachments`: keep every existing one and add the uploads.
        None => existing
            .into_iter()
            .chain(new_files.into_iter().map(|(_, a)| a))
            .collect(),
    };
    message["attachments"] = Value::Array(attachments);
    message["edited_timestamp"] = json!(now_timestamp());
}

/// An attachment object for a file the bot uploaded, served by the fake at `url`.
pub(super) fn attachment_object(
    id: u64,
    filename: &str,
    content_type: Option<&str>,
    size: usize,
    url: &str,
) -> Value {
    let mut a = json!({
        "id": id.to_string(),
        "filename": filename,
        "size": size,
        "url": url,
        "proxy_url": url,
    });
    if let Some(ct) = content_type {
        a["content_type"] = json!(ct);
    }
    a
}

/// Only these flags survive on a stored message: SUPPRESS_EMBEDS (4), EPHEMERAL (64),
/// LOADING (128), SUPPRESS_NOTIFICATIONS (4096), IS_COMPONENTS_V2 (32768).
fn stored_flag_mask() -> u64 {
    4 | FLAG_EPHEMERAL | FLAG_LOADING | 4096 | 32768
}

/// Discord stores embeds sent by bots as `type: "rich"` and drops null fields.
fn normalize_embeds(embeds: Option<&Value>) -> Value {
    let Some(Value::Array(list)) = embeds else {
        return json!([]);
    };
    Value::Array(
        list.iter()
            .map(|e| {
                let mut e = strip_nulls(e);
                if let Value::Object(m) = &mut e {
                    m.entry("type").or_insert(json!("rich"));
                }
                e
            })
            .collect(),
    )
}

fn strip_nulls(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), strip_nulls(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(strip_nulls).collect()),
        other => other.clone(),
    }
}

/// `interaction_metadata` of a message answering `interaction`.
fn interaction_metadata(interaction: &Value) -> Value {
    let user = interaction
        .get("member")
        .and_then(|m| m.get("user"))
        .or_else(|| interaction.get("user"))
        .cloned()
        .unwrap_or(Value::Null);
    let mut meta = json!({
        "id": interaction.get("id").cloned().unwrap_or(Value::Null),
        "type": interaction.get("type").cloned().unwrap_or(json!(2)),
        "user": user,
        "authorizing_integration_owners": interaction
            .get("authorizing_integration_owners")
            .cloned()
            .unwrap_or_else(|| json!({})),
    });
    if let Some(name) = interaction.get("data").and_then(|d| d.get("name")) {
        meta["name"] = name.clone();
    }
    // Discord's Message Interaction Metadata: a component's message names the message whose
    // component was used; a message command's, the message it was run on.
    if let Some(clicked) = interaction.get("message").and_then(|m| m.get("id")) {
        meta["interacted_message_id"] = clicked.clone();
    }
    if interaction.get("data").and_then(|d| d.get("type")) == Some(&json!(3))
        && let Some(target) = interaction.get("data").and_then(|d| d.get("target_id"))
    {
        meta["target_message_id"] = target.clone();
    }
    meta
}

/// A snowflake or small integer as Discord may send it (string or number), as a string.
pub(super) fn id_string(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// A snowflake field (string or number) as `u64`.
pub(super) fn id_u64(v: Option<&Value>) -> Option<u64> {
    id_string(v).parse().ok()
}

/// A Discord error body: `{"code": code, "message": message}`.
pub(super) fn error_body(code: u64, message: &str) -> Value {
    json!({"code": code, "message": message})
}

/// Checks a message payload (callback `data`, followup, edit) against Discord's documented
/// limits; `Err` carries Discord's "Invalid Form Body" (50035) `errors` tree.
pub(super) fn validate_message(data: &Value) -> Result<(), Value> {
    let mut errors = Map::new();
    let mut fail = |path: &[&str], code: &str, message: String| {
        let mut node = &mut errors;
        for seg in path {
            node = node
                .entry(seg.to_string())
                .or_insert_with(|| json!({}))
                .as_object_mut()
                .expect("error tree nodes are objects");
        }
        node.insert(
            "_errors".into(),
            json!([{"code": code, "message": message}]),
        );
    };
    let max_len = |v: Option<&Value>, max: usize| {
        v.and_then(Value::as_str)
            .is_some_and(|s| s.chars().count() > max)
    };

    if max_len(data.get("content"), 2000) {
        fail(
            &["content"],
            "BASE_TYPE_MAX_LENGTH",
            "Must be 2000 or fewer in length.".into(),
        );
    }
    if let Some(embeds) = data.get("embeds").and_then(Value::as_array) {
        if embeds.len() > 10 {
            fail(
                &["embeds"],
                "BASE_TYPE_MAX_LENGTH",
                "Must be 10 or fewer in length.".into(),
            );
        }
        let mut total = 0usize;
        for (i, e) in embeds.iter().enumerate() {
            let i = i.to_string();
            let text_len =
                |v: Option<&Value>| v.and_then(Value::as_str).map_or(0, |s| s.chars().count());
            for (field, max) in [("title", 256), ("description", 4096)] {
                total += text_len(e.get(field));
                if max_len(e.get(field), max) {
                    fail(
                        &["embeds", &i, field],
                        "BASE_TYPE_MAX_LENGTH",
                        format!("Must be {max} or fewer in length."),
                    );
                }
            }
            for (outer, inner, max) in [("footer", "text", 2048), ("author", "name", 256)] {
                let v = e.get(outer).and_then(|o| o.get(inner));
                total += text_len(v);
                if max_len(v, max) {
                    fail(
                        &["embeds", &i, outer, inner],
                        "BASE_TYPE_MAX_LENGTH",
                        format!("Must be {max} or fewer in length."),
                    );
                }
            }
            if let Some(fields) = e.get("fields").and_then(Value::as_array) {
                if fields.len() > 25 {
                    fail(
                        &["embeds", &i, "fields"],
                        "BASE_TYPE_MAX_LENGTH",
                        "Must be 25 or fewer in length.".into(),
                    );
                }
                for (j, f) in fields.iter().enumerate() {
                    let j = j.to_string();
                    for (field, max) in [("name", 256), ("value", 1024)] {
                        total += text_len(f.get(field));
                        if max_len(f.get(field), max) {
                            fail(
                                &["embeds", &i, "fields", &j, field],
                                "BASE_TYPE_MAX_LENGTH",
                                format!("Must be {max} or fewer in length."),
                            );
                        }
                        if f.get(field)
                            .and_then(Value::as_str)
                            .is_none_or(|s| s.trim().is_empty())
                        {
                            fail(
                                &["embeds", &i, "fields", &j, field],
                                "BASE_TYPE_REQUIRED",
                                "This field is required".into(),
                            );
                        }
                    }
                }
            }
        }
        if total > 6000 {
            fail(
                &["embeds"],
                "MAX_EMBED_SIZE_EXCEEDED",
                "Embed size exceeds maximum size of 6000".into(),
            );
        }
    }
    if let Some(rows) = data.get("components").and_then(Value::as_array) {
        if rows.len() > 5 {
            fail(
                &["components"],
                "BASE_TYPE_MAX_LENGTH",
                "Must be 5 or fewer in length.".into(),
            );
        }
        for (i, row) in rows.iter().enumerate() {
            let i = i.to_string();
            let Some(children) = row.get("components").and_then(Value::as_array) else {
                continue;
            };
            if children.len() > 5 {
                fail(
                    &["components", &i, "components"],
                    "BASE_TYPE_MAX_LENGTH",
                    "Must be 5 or fewer in length.".into(),
                );
            }
            let selects = children.iter().filter(|c| c["type"] == 3).count();
            if selects > 0 && children.len() > 1 {
                fail(
                    &["components", &i, "components"],
                    "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
                    "A select menu must be alone in its action row.".into(),
                );
            }
            for (j, c) in children.iter().enumerate() {
                let j = j.to_string();
                if c["type"] == 3 {
                    let options = c.get("options").and_then(Value::as_array);
                    if options.is_none_or(|o| o.is_empty() || o.len() > 25) {
                        fail(
                            &["components", &i, "components", &j, "options"],
                            "BASE_TYPE_BAD_LENGTH",
                            "Must be between 1 and 25 in length.".into(),
                        );
                    }
                    if max_len(c.get("placeholder"), 150) {
                        fail(
                            &["components", &i, "components", &j, "placeholder"],
                            "BASE_TYPE_MAX_LENGTH",
                            "Must be 150 or fewer in length.".into(),
                        );
                    }
                    for (k, o) in options.into_iter().flatten().enumerate() {
                        let k = k.to_string();
                        for field in ["label", "value", "description"] {
                            let required = field != "description";
                            let missing = o
                                .get(field)
                                .and_then(Value::as_str)
                                .is_none_or(str::is_empty);
                            if max_len(o.get(field), 100) || (required && missing) {
                                fail(
                                    &["components", &i, "components", &j, "options", &k, field],
                                    "BASE_TYPE_BAD_LENGTH",
                                    "Must be between 1 and 100 in length.".into(),
                                );
                            }
                        }
                    }
                }
                if max_len(c.get("custom_id"), 100) {
                    fail(
                        &["components", &i, "components", &j, "custom_id"],
                        "BASE_TYPE_MAX_LENGTH",
                        "Must be 100 or fewer in length.".into(),
                    );
                }
                if max_len(c.get("label"), 80) {
                    fail(
                        &["components", &i, "components", &j, "label"],
                        "BASE_TYPE_MAX_LENGTH",
                        "Must be 80 or fewer in length.".into(),
                    );
                }
            }
        }
    }
    if let Some(choices) = data.get("choices").and_then(Value::as_array) {
        if choices.len() > 25 {
            fail(
                &["choices"],
                "BASE_TYPE_MAX_LENGTH",
                "Must be 25 or fewer in length.".into(),
            );
        }
        for (i, c) in choices.iter().enumerate() {
            if max_len(c.get("name"), 100) {
                fail(
                    &["choices", &i.to_string(), "name"],
                    "BASE_TYPE_MAX_LENGTH",
                    "Must be 100 or fewer in length.".into(),
                );
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Value::Object(errors))
    }
}

/// The 400 body Discord sends for a payload failing validation.
pub(super) fn invalid_form_body(errors: Value) -> Value {
    json!({"code": 50035, "message": "Invalid Form Body", "errors": errors})
}
