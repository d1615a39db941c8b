//! What Discord sends: an interaction, parsed from its JSON into the few fields the bot uses.
//! Both transports feed this one parser: the HTTP endpoint with the request body, the gateway
//! with serenity's interaction serialised back to JSON. Reading the raw `permissions` string here
//! is what lets the bot see PIN_MESSAGES (bit 51), which serenity's typed model drops.

use serde::Deserialize;

use crate::i18n::Locale;
use serde_json::Value;

/// Why an interaction payload was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IncomingError {
    /// Not an interaction object.
    #[error("malformed interaction: {0}")]
    Malformed(String),
    /// A type the bot does not handle.
    #[error("unknown interaction type {0}")]
    UnknownType(u64),
}

/// The user who interacted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// User id.
    pub id: u64,
    /// Display name (global name, else username).
    pub name: String,
    /// Role ids (guild only).
    pub roles: Vec<u64>,
    /// Permission bits as Discord sent them (guild only; 0 in DMs).
    pub permissions: u64,
}

/// A command option's value.
#[derive(Debug, Clone, PartialEq)]
pub enum OptionValue {
    /// Text (also choices).
    Text(String),
    /// Integer.
    Integer(i64),
    /// Number.
    Number(f64),
    /// Yes/no.
    Bool(bool),
    /// A user, role, channel or mentionable id.
    Id(u64),
    /// An uploaded file.
    Attachment(Attachment),
    /// A subcommand and its options.
    Subcommand(Vec<CommandOption>),
}

/// An uploaded file, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// Attachment id.
    pub id: u64,
    /// File name as uploaded.
    pub filename: String,
    /// Size in bytes, as Discord reports it.
    pub size: u64,
    /// Where to download it.
    pub url: String,
    /// MIME type, if Discord gave one.
    pub content_type: Option<String>,
}

/// One option of a command.
#[derive(Debug, Clone, PartialEq)]
pub struct CommandOption {
    /// Option name.
    pub name: String,
    /// Its value.
    pub value: OptionValue,
    /// Being typed (autocomplete).
    pub focused: bool,
}

/// What kind of interaction, with its data.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// Discord checking the endpoint.
    Ping,
    /// A slash command.
    Command {
        /// Command name.
        name: String,
        /// Its options (a subcommand appears as one option holding its own).
        options: Vec<CommandOption>,
    },
    /// Autocomplete while typing a command option.
    Autocomplete {
        /// Command name.
        name: String,
        /// Its options; the focused one has `focused: true`.
        options: Vec<CommandOption>,
    },
    /// A button click, or a choice in a select menu.
    Component {
        /// The component's custom id.
        custom_id: String,
        /// The values chosen in a select menu (none for a button).
        values: Vec<String>,
    },
}

/// The message a component sits on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceMessage {
    /// Message id.
    pub id: u64,
    /// Channel id.
    pub channel_id: u64,
    /// Who ran the command the message answers, if Discord says.
    pub asker_id: Option<u64>,
    /// Whether it is already pinned.
    pub pinned: bool,
    /// What it shows: its first embed's description, else its content.
    pub text: String,
}

/// One interaction.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    /// Interaction id.
    pub id: u64,
    /// Application id.
    pub application_id: u64,
    /// Token for the callback and followups (secret-ish: never logged).
    pub token: String,
    /// What happened.
    pub kind: Kind,
    /// Guild, when not in DMs.
    pub guild_id: Option<u64>,
    /// Channel.
    pub channel_id: Option<u64>,
    /// Who did it.
    pub actor: Actor,
    /// For components: the message clicked.
    pub message: Option<SourceMessage>,
    /// Permission bits the bot itself has in the channel, when sent.
    pub app_permissions: Option<u64>,
    /// The language of the member who interacted (their client's `locale`; never the
    /// server's `guild_locale`): the bot's own words follow it.
    pub lang: Locale,
}

#[derive(Deserialize)]
struct RawUser {
    id: Snowflake,
    username: Option<String>,
    global_name: Option<String>,
}

/// The top-level fields of an interaction the bot reads. Absent and `null` read alike; fields
/// not listed here are skipped.
#[derive(Deserialize)]
struct Envelope {
    #[serde(rename = "type")]
    kind: Option<Value>,
    id: Option<Value>,
    application_id: Option<Value>,
    token: Option<Value>,
    #[serde(default)]
    data: Value,
    member: Option<RawMember>,
    /// Read only when there is no member (DMs), so kept as it came.
    user: Option<Value>,
    guild_id: Option<Value>,
    channel_id: Option<Value>,
    channel: Option<RawChannel>,
    message: Option<Value>,
    app_permissions: Option<Value>,
    /// The member's own language (`guild_locale`, the server's, is skipped).
    locale: Option<Value>,
}

/// Of the channel object, only its id (for payloads without `channel_id`).
#[derive(Deserialize)]
struct RawChannel {
    id: Option<Value>,
}

#[derive(Deserialize)]
struct RawMember {
    user: Option<RawUser>,
    #[serde(default)]
    roles: Vec<Snowflake>,
    permissions: Option<Snowflake>,
}

/// A Discord id or bit set: a string of digits (or a number, as some encoders write it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Snowflake(u64);

impl<'de> Deserialize<'de> for Snowflake {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Value::deserialize(d)? {
            Value::String(s) => s.parse().map(Snowflake).map_err(serde::de::Error::custom),
            Value::Number(n) => n
                .as_u64()
                .map(Snowflake)
                .ok_or_else(|| serde::de::Error::custom("negative id")),
            other => Err(serde::de::Error::custom(format!(
                "expected an id, got {other}"
            ))),
        }
    }
}

fn id(v: &Value) -> Option<u64> {
    match v {
        Value::String(s) => s.parse().ok(),
        Value::Number(n) => n.as_u64(),
        _ => None,
    }
}

impl Incoming {
    /// Parses an interaction object.
    ///
    /// # Errors
    /// [`IncomingError::Malformed`] when a required field is missing or of the wrong type;
    /// [`IncomingError::UnknownType`] for interaction types the bot does not handle (modals…).
    pub fn from_json(v: &Value) -> Result<Incoming, IncomingError> {
        if !v.is_object() {
            return Err(IncomingError::Malformed("not a JSON object".into()));
        }
        let envelope =
            Envelope::deserialize(v).map_err(|e| IncomingError::Malformed(e.to_string()))?;
        Incoming::from_envelope(envelope)
    }

    /// [`Incoming::from_json`] straight from a request body: the parts of the interaction the
    /// bot does not read (the channel and guild objects, locales, entitlements…) are skipped
    /// without building a JSON tree of them.
    ///
    /// # Errors
    /// As [`Incoming::from_json`]; also when `body` is not JSON.
    pub fn from_slice(body: &[u8]) -> Result<Incoming, IncomingError> {
        // A struct would also accept a JSON array, field by field; an interaction is an object.
        if body.trim_ascii_start().first() != Some(&b'{') {
            return Err(IncomingError::Malformed("not a JSON object".into()));
        }
        let envelope: Envelope =
            serde_json::from_slice(body).map_err(|e| IncomingError::Malformed(e.to_string()))?;
        Incoming::from_envelope(envelope)
    }

    fn from_envelope(v: Envelope) -> Result<Incoming, IncomingError> {
        let bad = |what: &str| IncomingError::Malformed(what.to_string());
        let kind_no = v
            .kind
            .as_ref()
            .and_then(Value::as_u64)
            .ok_or_else(|| bad("missing type"))?;
        let interaction_id =
            v.id.as_ref()
                .and_then(id)
                .ok_or_else(|| bad("missing id"))?;
        let application_id = v
            .application_id
            .as_ref()
            .and_then(id)
            .ok_or_else(|| bad("missing application_id"))?;
        let token = v
            .token
            .as_ref()
            .and_then(Value::as_str)
            .ok_or_else(|| bad("missing token"))?
            .to_string();
        let data = &v.data;
        let kind = match kind_no {
            1 => Kind::Ping,
            2 | 4 => {
                let name = data
                    .get("name")
                    .and_then(Value::as_str)
                    .ok_or_else(|| bad("missing data.name"))?
                    .to_string();
                let options = parse_options(data.get("options"), data)?;
                if kind_no == 2 {
                    Kind::Command { name, options }
                } else {
                    Kind::Autocomplete { name, options }
                }
            }
            3 => Kind::Component {
                custom_id: data
                    .get("custom_id")
                    .and_then(Value::as_str)
                    .ok_or_else(|| bad("missing data.custom_id"))?
                    .to_string(),
                values: match data.get("values") {
                    None | Some(Value::Null) => Vec::new(),
                    Some(Value::Array(values)) => values
                        .iter()
                        .map(|v| v.as_str().map(str::to_string))
                        .collect::<Option<_>>()
                        .ok_or_else(|| bad("data.values holds a value that is not text"))?,
                    Some(_) => return Err(bad("data.values is not a list")),
                },
            },
            other => return Err(IncomingError::UnknownType(other)),
        };
        let member = v.member;
        let user: Option<RawUser> = match member.as_ref().and_then(|m| m.user.as_ref()) {
            Some(_) => None,
            None => match &v.user {
                Some(Value::Null) | None => None,
                Some(u) => Some(RawUser::deserialize(u).map_err(|e| bad(&format!("user: {e}")))?),
            },
        };
        let actor = match (member, user) {
            (Some(m), _) if m.user.is_some() => {
                let u = m.user.expect("checked");
                Actor {
                    id: u.id.0,
                    name: u.global_name.or(u.username).unwrap_or_default(),
                    roles: m.roles.iter().map(|r| r.0).collect(),
                    permissions: m.permissions.map_or(0, |p| p.0),
                }
            }
            (_, Some(u)) => Actor {
                id: u.id.0,
                name: u.global_name.or(u.username).unwrap_or_default(),
                roles: Vec::new(),
                permissions: 0,
            },
            _ if kind_no == 1 => Actor {
                id: 0,
                name: String::new(),
                roles: Vec::new(),
                permissions: 0,
            },
            _ => return Err(bad("no member or user")),
        };
        let channel_id = v
            .channel_id
            .as_ref()
            .and_then(id)
            .or_else(|| v.channel.as_ref()?.id.as_ref().and_then(id));
        let message = v
            .message
            .as_ref()
            .filter(|m| m.is_object())
            .map(|m| SourceMessage {
                id: m.get("id").and_then(id).unwrap_or(0),
                channel_id: m.get("channel_id").and_then(id).or(channel_id).unwrap_or(0),
                asker_id: m
                    .get("interaction_metadata")
                    .and_then(|i| i.get("user"))
                    .and_then(|u| u.get("id"))
                    .and_then(id)
                    .or_else(|| {
                        m.get("interaction")
                            .and_then(|i| i.get("user"))
                            .and_then(|u| u.get("id"))
                            .and_then(id)
                    }),
                pinned: m.get("pinned").and_then(Value::as_bool).unwrap_or(false),
                text: m
                    .get("embeds")
                    .and_then(|e| e.get(0))
                    .and_then(|e| e.get("description"))
                    .or_else(|| m.get("content"))
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
            });
        Ok(Incoming {
            id: interaction_id,
            application_id,
            token,
            kind,
            guild_id: v.guild_id.as_ref().and_then(id),
            channel_id,
            actor,
            message,
            app_permissions: v.app_permissions.as_ref().and_then(id),
            lang: Locale::from_discord(v.locale.as_ref().and_then(Value::as_str)),
        })
    }

    /// The command's option `name` (looking inside a subcommand too).
    pub fn option(&self, name: &str) -> Option<&OptionValue> {
        let options = match &self.kind {
            Kind::Command { options, .. } | Kind::Autocomplete { options, .. } => options,
            _ => return None,
        };
        find_option(options, name)
    }

    /// The subcommand chosen, if any.
    pub fn subcommand(&self) -> Option<&str> {
        match &self.kind {
            Kind::Command { options, .. } | Kind::Autocomplete { options, .. } => options
                .iter()
                .find(|o| matches!(o.value, OptionValue::Subcommand(_)))
                .map(|o| o.name.as_str()),
            _ => None,
        }
    }

    /// Text of option `name`.
    pub fn text(&self, name: &str) -> Option<&str> {
        match self.option(name)? {
            OptionValue::Text(s) => Some(s),
            _ => None,
        }
    }

    /// Boolean option `name`.
    pub fn flag(&self, name: &str) -> Option<bool> {
        match self.option(name)? {
            OptionValue::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// Id option `name` (user, role, channel).
    pub fn id_option(&self, name: &str) -> Option<u64> {
        match self.option(name)? {
            OptionValue::Id(i) => Some(*i),
            OptionValue::Text(s) => s.parse().ok(),
            _ => None,
        }
    }

    /// The option being typed, for autocomplete: (name, text so far).
    pub fn focused(&self) -> Option<(&str, &str)> {
        let Kind::Autocomplete { options, .. } = &self.kind else {
            return None;
        };
        fn walk(options: &[CommandOption]) -> Option<(&str, &str)> {
            for o in options {
                match &o.value {
                    OptionValue::Subcommand(inner) => {
                        if let Some(f) = walk(inner) {
                            return Some(f);
                        }
                    }
                    OptionValue::Text(t) if o.focused => return Some((&o.name, t)),
                    _ if o.focused => return Some((&o.name, "")),
                    _ => {}
                }
            }
            None
        }
        walk(options)
    }
}

fn find_option<'a>(options: &'a [CommandOption], name: &str) -> Option<&'a OptionValue> {
    for o in options {
        if o.name == name {
            return Some(&o.value);
        }
        if let OptionValue::Subcommand(inner) = &o.value
            && let Some(v) = find_option(inner, name)
        {
            return Some(v);
        }
    }
    None
}

/// Option types (Discord's numbers).
const SUB_COMMAND: u64 = 1;
const SUB_COMMAND_GROUP: u64 = 2;
const STRING: u64 = 3;
const INTEGER: u64 = 4;
const BOOLEAN: u64 = 5;
const NUMBER: u64 = 10;
const ATTACHMENT: u64 = 11;

fn parse_options(raw: Option<&Value>, data: &Value) -> Result<Vec<CommandOption>, IncomingError> {
    let Some(list) = raw.and_then(Value::as_array) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::with_capacity(list.len());
    for o in list {
        let name = o
            .get("name")
            .and_then(Value::as_str)
            .ok_or_else(|| IncomingError::Malformed("option without name".into()))?
            .to_string();
        let kind = o.get("type").and_then(Value::as_u64).unwrap_or(STRING);
        let raw_value = o.get("value").cloned().unwrap_or(Value::Null);
        let value = match kind {
            SUB_COMMAND | SUB_COMMAND_GROUP => {
                OptionValue::Subcommand(parse_options(o.get("options"), data)?)
            }
            BOOLEAN => OptionValue::Bool(raw_value.as_bool().unwrap_or(false)),
            INTEGER => match raw_value.as_i64() {
                Some(i) => OptionValue::Integer(i),
                None => OptionValue::Text(raw_value.as_str().unwrap_or_default().to_string()),
            },
            NUMBER => match raw_value.as_f64() {
                Some(n) => OptionValue::Number(n),
                None => OptionValue::Text(raw_value.as_str().unwrap_or_default().to_string()),
            },
            ATTACHMENT => {
                let att_id = id(&raw_value).ok_or_else(|| {
                    IncomingError::Malformed("attachment option without id".into())
                })?;
                let resolved = data
                    .get("resolved")
                    .and_then(|r| r.get("attachments"))
                    .and_then(|a| a.get(att_id.to_string()))
                    .ok_or_else(|| IncomingError::Malformed("attachment not resolved".into()))?;
                OptionValue::Attachment(Attachment {
                    id: att_id,
                    filename: resolved
                        .get("filename")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string(),
                    size: resolved.get("size").and_then(Value::as_u64).unwrap_or(0),
                    url: resolved
                        .get("url")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string(),
                    content_type: resolved
                        .get("content_type")
                        .and_then(Value::as_str)
                        .map(str::to_string),
                })
            }
            STRING => OptionValue::Text(match &raw_value {
                Value::String(s) => s.clone(),
                Value::Null => String::new(),
                other => other.to_string(),
            }),
            // Users, channels, roles, mentionables: an id.
            _ => match id(&raw_value) {
                Some(i) => OptionValue::Id(i),
                None => OptionValue::Text(raw_value.as_str().unwrap_or_default().to_string()),
            },
        };
        out.push(CommandOption {
            name,
            value,
            focused: o.get("focused").and_then(Value::as_bool).unwrap_or(false),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn slash() -> Value {
        json!({
            "id": "1", "application_id": "2", "type": 2, "token": "tok", "guild_id": "3", "channel_id": "4",
            "member": { "user": { "id": "5", "username": "ian", "global_name": null }, "roles": ["6"], "permissions": "2252076839464000" },
            "data": { "id": "7", "name": "ask", "type": 1, "options": [
                { "name": "question", "type": 3, "value": "how much?" },
                { "name": "hide", "type": 5, "value": true },
                { "name": "mention", "type": 6, "value": "99" }
            ] }
        })
    }

    #[test]
    fn parses_a_slash_command_with_raw_permissions() {
        let i = Incoming::from_json(&slash()).unwrap();
        assert_eq!(i.id, 1);
        assert_eq!(i.actor.id, 5);
        assert_eq!(i.actor.name, "ian");
        assert_eq!(i.actor.roles, vec![6]);
        assert_ne!(i.actor.permissions & (1 << 51), 0, "PIN_MESSAGES survives");
        assert_eq!(i.text("question"), Some("how much?"));
        assert_eq!(i.flag("hide"), Some(true));
        assert_eq!(i.id_option("mention"), Some(99));
        assert_eq!(i.guild_id, Some(3));
    }

    #[test]
    fn parses_subcommands_attachments_and_autocomplete() {
        let v = json!({
            "id": "1", "application_id": "2", "type": 2, "token": "t", "user": { "id": "5", "username": "u" },
            "data": { "name": "sources", "options": [ { "name": "add", "type": 1, "options": [
                { "name": "file", "type": 11, "value": "77" }, { "name": "replace", "type": 5, "value": false } ] } ],
              "resolved": { "attachments": { "77": { "id": "77", "filename": "g.md", "size": 12, "url": "http://x/g.md", "content_type": "text/markdown" } } } }
        });
        let i = Incoming::from_json(&v).unwrap();
        assert_eq!(i.subcommand(), Some("add"));
        match i.option("file") {
            Some(OptionValue::Attachment(a)) => {
                assert_eq!((a.filename.as_str(), a.size), ("g.md", 12))
            }
            other => panic!("{other:?}"),
        }
        let v = json!({
            "id": "1", "application_id": "2", "type": 4, "token": "t", "user": { "id": "5", "username": "u" },
            "data": { "name": "ask", "options": [ { "name": "question", "type": 3, "value": "sal", "focused": true } ] }
        });
        assert_eq!(
            Incoming::from_json(&v).unwrap().focused(),
            Some(("question", "sal"))
        );
    }

    #[test]
    fn a_request_body_reads_as_its_json_tree_does() {
        let mut with_extras = slash();
        with_extras["channel"] = json!({"id": "4", "name": "general", "permission_overwrites": []});
        with_extras["locale"] = json!("en-GB");
        with_extras["entitlements"] = json!([]);
        let mut channel_only = with_extras.clone();
        channel_only.as_object_mut().unwrap().remove("channel_id");
        let dm = json!({
            "id": "1", "application_id": "2", "type": 3, "token": "t", "channel_id": "9",
            "user": { "id": "5", "username": "u" },
            "data": { "custom_id": "more:abc" },
            "message": { "id": "8", "pinned": true, "content": "hi", "interaction_metadata": { "user": { "id": "5" } } }
        });
        for v in [slash(), with_extras, channel_only, dm] {
            let body = serde_json::to_vec(&v).unwrap();
            assert!(Incoming::from_json(&v).is_ok(), "{v}");
            assert_eq!(Incoming::from_slice(&body), Incoming::from_json(&v), "{v}");
        }
        let i = Incoming::from_slice(&serde_json::to_vec(&slash()).unwrap()).unwrap();
        assert_eq!(
            (i.channel_id, i.text("question")),
            (Some(4), Some("how much?"))
        );
        for body in [
            &b"[]"[..],
            b"  [\"1\"]",
            b"",
            b"null",
            b"{\"type\": 1,",
            b"{}",
        ] {
            assert!(
                matches!(Incoming::from_slice(body), Err(IncomingError::Malformed(_))),
                "{}",
                String::from_utf8_lossy(body)
            );
        }
    }

    #[test]
    fn a_select_choice_carries_its_values() {
        let mut v = json!({
            "id": "1", "application_id": "2", "type": 3, "token": "t", "channel_id": "9",
            "user": { "id": "5", "username": "u" },
            "data": { "component_type": 3, "custom_id": "roadmap:all:Electrician", "values": ["interviews"] }
        });
        let i = Incoming::from_json(&v).unwrap();
        assert_eq!(
            i.kind,
            Kind::Component {
                custom_id: "roadmap:all:Electrician".into(),
                values: vec!["interviews".into()]
            }
        );
        v["data"]["values"] = json!(null);
        assert!(
            matches!(Incoming::from_json(&v).unwrap().kind, Kind::Component { values, .. } if values.is_empty())
        );
        for bad in [json!([1]), json!("interviews"), json!({"a": 1})] {
            v["data"]["values"] = bad;
            assert!(Incoming::from_json(&v).is_err(), "{v}");
        }
    }

    #[test]
    fn bad_payloads_are_errors_not_panics() {
        assert!(Incoming::from_json(&json!([])).is_err());
        assert!(Incoming::from_json(&json!({"type": 2})).is_err());
        assert_eq!(
            Incoming::from_json(
                &json!({"id": "1", "application_id": "2", "type": 5, "token": "t", "user": {"id": "1"}})
            ),
            Err(IncomingError::UnknownType(5))
        );
        let mut v = slash();
        v["member"]["permissions"] = json!("not a number");
        assert!(Incoming::from_json(&v).is_err());
        let mut v = slash();
        v["data"]["options"][0]["type"] = json!(11);
        assert!(Incoming::from_json(&v).is_err(), "unresolved attachment");
        assert!(
            Incoming::from_json(
                &json!({"id": "1", "application_id": "2", "type": 1, "token": "t"})
            )
            .is_ok(),
            "PING has no user"
        );
    }
}
