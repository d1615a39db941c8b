//! Discord's OpenAPI spec as a validator: finds the spec's route and operation for any
//! method + path and checks the request body (JSON, or a multipart `payload_json`) against its
//! `requestBody` schema, and each path parameter against its schema.
//!
//! The spec is `tests/fixtures/discord/openapi/openapi.json` (Discord's own, see the README
//! there), read and prepared once per test process ([`OnceLock`]); one validator per schema is
//! compiled the first time a route needs it and kept. It is generic over every path of the
//! spec: a route the bot starts calling later is checked without any change here.
//!
//! Where the spec disagrees with Discord's documentation (the spec's README says the docs win),
//! [`PATCHES`] amends the one schema concerned and says why; nothing is loosened globally.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, OnceLock};

use jsonschema::error::ValidationErrorKind;
use jsonschema::{Draft, Registry, ValidationError, Validator};
use serde_json::{Map, Value, json};

/// Where the spec lives in the crate (copied unchanged from Discord's repository).
const SPEC_FILE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/discord/openapi/openapi.json"
);

/// The URI the spec document is registered under (never fetched: every `$ref` in the spec is
/// local to the document).
const SPEC_URI: &str = "https://discord.test/openapi.json";

/// One amendment of the spec where Discord's documentation says otherwise.
struct Patch {
    /// JSON pointer of the schema to replace (`#`-less).
    pointer: &'static str,
    /// What the documentation allows there.
    schema: fn() -> Value,
    /// Why: the documentation that wins over the spec.
    reason: &'static str,
}

/// The documented differences between the spec and Discord's documentation. Each replaces one
/// property's schema, never a shared one like `SnowflakeType`; the replacement accepts what the
/// spec accepts plus what the docs document, and nothing else.
const PATCHES: &[Patch] = &[
    Patch {
        pointer: "/components/schemas/ApplicationCommandUpdateRequest/properties/default_member_permissions",
        schema: permissions_bit_set,
        reason: PERMISSIONS_REASON,
    },
    Patch {
        pointer: "/components/schemas/ApplicationCommandCreateRequest/properties/default_member_permissions",
        schema: permissions_bit_set,
        reason: PERMISSIONS_REASON,
    },
    Patch {
        pointer: "/components/schemas/ApplicationCommandPatchRequestPartial/properties/default_member_permissions",
        schema: permissions_bit_set,
        reason: PERMISSIONS_REASON,
    },
    Patch {
        pointer: "/components/schemas/MessageAttachmentRequest/properties/id",
        schema: attachment_id,
        reason: "docs, developers/reference.mdx#uploading-files: a new upload's attachment \
                 object names its `files[n]` part by the integer `\"id\": n` (the example sends \
                 `\"id\": 0` and `\"id\": 1`); the spec only allows a snowflake string (an \
                 existing attachment's id, still allowed)",
    },
];

const PERMISSIONS_REASON: &str = "docs, developers/interactions/application-commands.mdx \
    (application command structure, create/overwrite parameters): `default_member_permissions` \
    is `?string`, a permission bit set as a string (e.g. \"8\"); the spec types it integer only, \
    and its README says the docs win and that the API accepts int-parseable strings for ints";

/// `default_member_permissions`: null, the spec's integer, or the docs' string of digits (at
/// most 17, as the spec's maximum 2^54 - 1 has).
fn permissions_bit_set() -> Value {
    json!({"oneOf": [
        {"type": "null"},
        {"type": "integer", "minimum": 0, "maximum": 18_014_398_509_481_983_u64},
        {"type": "string", "pattern": "^(0|[1-9][0-9]{0,16})$"}
    ]})
}

/// An attachment's `id` in a message request: an existing attachment's snowflake (the spec), or
/// a new upload's placeholder index `n` of its `files[n]` part (the docs).
fn attachment_id() -> Value {
    json!({"oneOf": [
        {"$ref": "#/components/schemas/SnowflakeType"},
        {"type": "integer", "minimum": 0}
    ]})
}

/// A body or path the spec refuses.
#[derive(Clone, Debug)]
pub struct Violation {
    /// The request as sent, e.g. `POST /channels/1/messages`.
    pub request: String,
    /// The spec's operation, e.g. `POST /channels/{channel_id}/messages` (`None`: no route).
    pub operation: Option<String>,
    /// What is wrong, one entry per problem.
    pub problems: Vec<Problem>,
}

/// One problem: where in the body (or which path parameter), Discord's error code, and why.
#[derive(Clone, Debug)]
pub struct Problem {
    /// Path of the offending value inside the body: `["data", "embeds", "0", "fields", "0",
    /// "name"]`; a path parameter is `["<path>", name]`.
    pub at: Vec<String>,
    /// The code Discord gives such an error (`BASE_TYPE_REQUIRED`, `BASE_TYPE_MAX_LENGTH`, ...).
    pub code: &'static str,
    /// What the validator said.
    pub message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.operation {
            Some(op) => write!(f, "{} (spec: {op})", self.request)?,
            None => write!(f, "{}", self.request)?,
        }
        for p in &self.problems {
            write!(f, "\n    /{}: {} [{}]", p.at.join("/"), p.message, p.code)?;
        }
        Ok(())
    }
}

impl Violation {
    /// Whether Discord refuses this with 400 50035 "Invalid Form Body": a body or path
    /// parameter that does not fit (an unknown route or method gets 404 / 405 instead).
    pub fn refused_as_invalid_form(&self) -> bool {
        self.operation.is_some()
            && !self
                .problems
                .iter()
                .any(|p| matches!(p.code, "UNKNOWN_ROUTE" | "METHOD_NOT_ALLOWED"))
    }

    /// Discord's "Invalid Form Body" `errors` tree for these problems:
    /// `{"data": {"embeds": {"0": {"_errors": [{"code": …, "message": …}]}}}}`.
    pub fn errors_tree(&self) -> Value {
        let mut root = Map::new();
        for p in &self.problems {
            let mut node = &mut root;
            for seg in &p.at {
                let child = node.entry(seg.clone()).or_insert_with(|| json!({}));
                if !child.is_object() {
                    *child = json!({});
                }
                node = child.as_object_mut().expect("made an object above");
            }
            let errors = node.entry("_errors").or_insert_with(|| json!([]));
            if let Some(list) = errors.as_array_mut() {
                list.push(json!({"code": p.code, "message": p.message}));
            }
        }
        Value::Object(root)
    }
}

/// The spec's body for a request, as the fake received it.
pub enum Body<'a> {
    /// No body at all.
    None,
    /// `application/json`, or the `payload_json` of a multipart body.
    Json(&'a Value),
    /// A body the spec cannot check as JSON (a multipart body without `payload_json`, whose
    /// JSON is then empty; form-encoded), taken as `{}`.
    Empty,
}

/// Checks a request the bot sent to `/api/v10{path}` against the spec: the route and method
/// exist, each path parameter fits its schema, and the body fits the operation's `requestBody`.
pub fn check_request(method: &str, path: &str, body: Body<'_>) -> Result<(), Violation> {
    spec().check(method, path, body)
}

/// Checks what an HTTP interactions endpoint answered (an interaction response, e.g.
/// `{"type": 4, "data": {...}}`) as Discord checks the same body sent to
/// `POST /interactions/{id}/{token}/callback`.
pub fn check_interaction_response(response: &Value) -> Result<(), Violation> {
    check_request(
        "POST",
        "/interactions/1/http-response/callback",
        Body::Json(response),
    )
}

/// Checks a command registration body (the list `PUT /applications/{id}/commands` takes).
pub fn check_command_registration(commands: &Value) -> Result<(), Violation> {
    check_request("PUT", "/applications/1/commands", Body::Json(commands))
}

/// The prepared spec of this process.
fn spec() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(|| {
        let text = std::fs::read_to_string(SPEC_FILE)
            .unwrap_or_else(|e| panic!("read Discord's OpenAPI spec {SPEC_FILE}: {e}"));
        let doc: Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("parse Discord's OpenAPI spec {SPEC_FILE}: {e}"));
        Spec::new(doc)
    })
}

/// A path template of the spec, split into segments.
struct Route {
    /// As the spec writes it: `/channels/{channel_id}/messages`.
    template: String,
    /// `Some(literal)` or `None` for a `{parameter}`.
    segments: Vec<Option<String>>,
    /// Operations by upper-case method.
    operations: HashMap<String, Operation>,
}

/// What the spec says of one method on one route.
struct Operation {
    /// Path parameters: name and the pointer of its schema.
    params: Vec<(String, String)>,
    /// Pointer of the JSON body's schema, if the operation takes a body.
    body: Option<String>,
    /// Whether the body is required.
    body_required: bool,
}

struct Spec {
    registry: Registry<'static>,
    routes: Vec<Route>,
    /// Compiled validators by schema pointer (each built once, on first use).
    validators: Mutex<HashMap<String, Arc<Validator>>>,
}

impl Spec {
    fn new(mut doc: Value) -> Spec {
        for patch in PATCHES {
            let target = doc.pointer_mut(patch.pointer).unwrap_or_else(|| {
                panic!(
                    "spec patch for a schema the spec does not have: {} ({})",
                    patch.pointer, patch.reason
                )
            });
            *target = (patch.schema)();
        }
        let routes = routes(&doc);
        let registry = Registry::new()
            .draft(Draft::Draft202012)
            .add(SPEC_URI, doc)
            .and_then(|b| b.prepare())
            .unwrap_or_else(|e| panic!("index Discord's OpenAPI spec: {e}"));
        Spec {
            registry,
            routes,
            validators: Mutex::new(HashMap::new()),
        }
    }

    fn check(&'static self, method: &str, path: &str, body: Body<'_>) -> Result<(), Violation> {
        let method = method.to_ascii_uppercase();
        let request = format!("{method} {path}");
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        let Some(route) = self.route(&segments) else {
            return Err(Violation {
                request,
                operation: None,
                problems: vec![problem(
                    vec![],
                    "UNKNOWN_ROUTE",
                    "no such route in Discord's OpenAPI spec".into(),
                )],
            });
        };
        let operation = format!("{method} {}", route.template);
        let Some(op) = route.operations.get(&method) else {
            return Err(Violation {
                request,
                operation: Some(operation),
                problems: vec![problem(
                    vec![],
                    "METHOD_NOT_ALLOWED",
                    format!("the spec has no {method} on this route"),
                )],
            });
        };

        let mut problems = Vec::new();
        for (name, pointer) in &op.params {
            let Some(i) = param_index(route, name) else {
                continue;
            };
            let value = Value::String(segments[i].to_string());
            let validator = self.validator(pointer);
            for e in validator.iter_errors(&value) {
                let mut found = Vec::new();
                explain(&e, &mut found);
                for mut p in found {
                    p.at.insert(0, name.clone());
                    p.at.insert(0, "<path>".into());
                    problems.push(p);
                }
            }
        }
        if let Some(pointer) = &op.body {
            let empty = json!({});
            let instance = match body {
                Body::Json(v) => Some(v),
                Body::Empty => Some(&empty),
                Body::None => None,
            };
            match instance {
                Some(v) => {
                    let validator = self.validator(pointer);
                    for e in validator.iter_errors(v) {
                        explain(&e, &mut problems);
                    }
                }
                None if op.body_required => problems.push(problem(
                    vec![],
                    "BASE_TYPE_REQUIRED",
                    "this operation requires a JSON body".into(),
                )),
                None => {}
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Violation {
                request,
                operation: Some(operation),
                problems,
            })
        }
    }

    /// The route whose template matches these segments; the most specific one (literal
    /// segments win over parameters, leftmost first) when several do, as
    /// `/webhooks/{id}/{token}/messages/@original` over `.../messages/{message_id}`.
    fn route(&self, segments: &[&str]) -> Option<&Route> {
        self.routes
            .iter()
            .filter(|r| {
                r.segments.len() == segments.len()
                    && r.segments
                        .iter()
                        .zip(segments)
                        .all(|(t, s)| t.as_deref().is_none_or(|lit| lit == *s))
            })
            .max_by_key(|r| r.segments.iter().map(Option::is_some).collect::<Vec<_>>())
    }

    /// The validator of the schema at `pointer` in the spec, compiled on first use.
    fn validator(&'static self, pointer: &str) -> Arc<Validator> {
        let mut cache = self.validators.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(v) = cache.get(pointer) {
            return Arc::clone(v);
        }
        let schema = json!({ "$ref": format!("{SPEC_URI}#{}", pointer_fragment(pointer)) });
        let validator = jsonschema::options()
            .with_draft(Draft::Draft202012)
            .with_registry(&self.registry)
            .should_validate_formats(true)
            .build(&schema)
            .unwrap_or_else(|e| panic!("compile the spec's schema at {pointer}: {e}"));
        let validator = Arc::new(validator);
        cache.insert(pointer.to_string(), Arc::clone(&validator));
        validator
    }
}

/// A JSON pointer as a URI fragment: `{` and `}` (and other characters a fragment may not
/// hold) percent-encoded.
fn pointer_fragment(pointer: &str) -> String {
    let mut out = String::with_capacity(pointer.len());
    for b in pointer.bytes() {
        match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'.'
            | b'_'
            | b'~'
            | b'/'
            | b'@'
            | b'!'
            | b'$'
            | b'&'
            | b'\''
            | b'('
            | b')'
            | b'*'
            | b'+'
            | b','
            | b';'
            | b'='
            | b':' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `~` and `/` escaped for one JSON pointer token.
fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Every route and operation of the spec, with the pointers of their schemas.
fn routes(doc: &Value) -> Vec<Route> {
    let Some(paths) = doc.get("paths").and_then(Value::as_object) else {
        panic!("Discord's OpenAPI spec has no `paths`");
    };
    paths
        .iter()
        .map(|(template, item)| {
            let base = format!("/paths/{}", escape_token(template));
            let shared = params_of(item.get("parameters"), &format!("{base}/parameters"));
            let operations = item
                .as_object()
                .into_iter()
                .flatten()
                .filter(|(method, _)| {
                    matches!(
                        method.as_str(),
                        "get" | "put" | "post" | "patch" | "delete" | "head" | "options"
                    )
                })
                .map(|(method, op)| {
                    let op_base = format!("{base}/{method}");
                    let mut params = shared.clone();
                    for (name, pointer) in
                        params_of(op.get("parameters"), &format!("{op_base}/parameters"))
                    {
                        params.retain(|(n, _)| *n != name);
                        params.push((name, pointer));
                    }
                    let content = op.get("requestBody").and_then(|b| b.get("content"));
                    let body = ["application/json", "multipart/form-data"]
                        .into_iter()
                        .find(|ct| content.and_then(|c| c.get(ct)).is_some())
                        .map(|ct| {
                            format!("{op_base}/requestBody/content/{}/schema", escape_token(ct))
                        });
                    let body_required = op
                        .get("requestBody")
                        .and_then(|b| b.get("required"))
                        .and_then(Value::as_bool)
                        .unwrap_or(false);
                    (
                        method.to_ascii_uppercase(),
                        Operation {
                            params,
                            body,
                            body_required,
                        },
                    )
                })
                .collect();
            Route {
                template: template.clone(),
                segments: template
                    .trim_matches('/')
                    .split('/')
                    .map(|s| (!(s.starts_with('{') && s.ends_with('}'))).then(|| s.to_string()))
                    .collect(),
                operations,
            }
        })
        .collect()
}

/// The path parameters in a `parameters` list: name and the pointer of its schema.
fn params_of(list: Option<&Value>, base: &str) -> Vec<(String, String)> {
    list.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
        .filter(|(_, p)| p.get("in").and_then(Value::as_str) == Some("path"))
        .filter(|(_, p)| p.get("schema").is_some())
        .filter_map(|(i, p)| {
            let name = p.get("name")?.as_str()?.to_string();
            Some((name, format!("{base}/{i}/schema")))
        })
        .collect()
}

/// The position of `{name}` in the route's template.
fn param_index(route: &Route, name: &str) -> Option<usize> {
    let wanted = format!("{{{name}}}");
    route
        .template
        .trim_matches('/')
        .split('/')
        .position(|s| s == wanted)
}

fn problem(at: Vec<String>, code: &'static str, message: String) -> Problem {
    Problem { at, code, message }
}

/// The path of an error's instance, unescaped, one entry per segment.
fn instance_path(e: &ValidationError<'_>) -> Vec<String> {
    e.instance_path()
        .as_str()
        .split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// Turns one validator error into problems. A union (`anyOf`/`oneOf`) that nothing matched is
/// explained by the alternative meant: the alternatives that fail on the value's own type or on
/// its `type` discriminator are set aside, and the errors of the one left (of the one with the
/// fewest, if several are) are the problems (e.g. "the button's `style` is 99", not "matches
/// none of 7 schemas"). This only words the refusal; whether a body is refused is the
/// validator's alone.
fn explain(e: &ValidationError<'_>, out: &mut Vec<Problem>) {
    let at = instance_path(e);
    match e.kind() {
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            let meant: Vec<&Vec<ValidationError<'static>>> = context
                .iter()
                .filter(|branch| !branch.iter().any(|b| off_target(&at, b)))
                .collect();
            // The alternative meant, or among several that all apply (e.g. a followup is a
            // create or an update body), the one with the fewest problems.
            let explained = meant
                .iter()
                .map(|branch| {
                    let mut found = Vec::new();
                    for b in branch.iter() {
                        explain(b, &mut found);
                    }
                    found
                })
                .min_by_key(Vec::len);
            if let Some(found) = explained.filter(|f| !f.is_empty()) {
                out.extend(found);
            } else {
                out.push(problem(
                    at,
                    "BASE_TYPE_CHOICES",
                    format!(
                        "{e} ({} of {} alternatives apply to its type)",
                        meant.len(),
                        context.len()
                    ),
                ));
            }
        }
        ValidationErrorKind::Required { property } => {
            let mut at = at;
            at.push(property.as_str().unwrap_or_default().to_string());
            out.push(problem(at, "BASE_TYPE_REQUIRED", e.to_string()));
        }
        kind => out.push(problem(at, code_of(kind), e.to_string())),
    }
}

/// Whether an alternative's error says the value is not what the alternative is about: the
/// value's JSON type differs, or its `type` field is another one.
fn off_target(union_at: &[String], b: &ValidationError<'_>) -> bool {
    let at = instance_path(b);
    let own_type = at == union_at && matches!(b.kind(), ValidationErrorKind::Type { .. });
    let discriminator = at.len() == union_at.len() + 1
        && at.starts_with(union_at)
        && at.last().map(String::as_str) == Some("type")
        && matches!(
            b.kind(),
            ValidationErrorKind::Enum { .. }
                | ValidationErrorKind::Constant { .. }
                | ValidationErrorKind::OneOfNotValid { .. }
                | ValidationErrorKind::Type { .. }
        );
    let missing_discriminator = at == union_at
        && matches!(b.kind(), ValidationErrorKind::Required { property } if property == "type");
    own_type || discriminator || missing_discriminator
}

/// The code Discord's "Invalid Form Body" gives errors of this kind.
fn code_of(kind: &ValidationErrorKind) -> &'static str {
    match kind {
        ValidationErrorKind::MaxLength { .. } | ValidationErrorKind::MaxItems { .. } => {
            "BASE_TYPE_MAX_LENGTH"
        }
        ValidationErrorKind::MinLength { .. } | ValidationErrorKind::MinItems { .. } => {
            "BASE_TYPE_MIN_LENGTH"
        }
        ValidationErrorKind::Enum { .. }
        | ValidationErrorKind::Constant { .. }
        | ValidationErrorKind::OneOfNotValid { .. }
        | ValidationErrorKind::OneOfMultipleValid { .. }
        | ValidationErrorKind::AnyOf { .. } => "BASE_TYPE_CHOICES",
        ValidationErrorKind::Maximum { .. } | ValidationErrorKind::ExclusiveMaximum { .. } => {
            "NUMBER_TYPE_MAX"
        }
        ValidationErrorKind::Minimum { .. } | ValidationErrorKind::ExclusiveMinimum { .. } => {
            "NUMBER_TYPE_MIN"
        }
        ValidationErrorKind::Type { .. } => "BASE_TYPE_BAD_TYPE",
        ValidationErrorKind::Pattern { .. } => "STRING_TYPE_REGEX",
        ValidationErrorKind::Format { .. } => "STRING_TYPE_FORMAT",
        ValidationErrorKind::UniqueItems => "BASE_TYPE_UNIQUE",
        _ => "SPEC_VIOLATION",
    }
}

#[cfg(test)]
mod tests {
    //! The validator against hand-made bodies: what Discord documents passes, what breaks the
    //! spec fails where it breaks (so the fake's check cannot pass silently). These run in
    //! every test binary that includes the support module; the spec is prepared once per
    //! process, so they are cheap.

    use super::*;

    fn message_response() -> Value {
        json!({
            "type": 4,
            "data": {
                "content": "**Answer**",
                "embeds": [{
                    "title": "Rust developer",
                    "description": "From the guides.",
                    "fields": [{"name": "Source", "value": "rust.md, lines 1-4", "inline": false}],
                    "footer": {"text": "careerbot"}
                }],
                "components": [{"type": 1, "components": [
                    {"type": 2, "style": 1, "label": "Helpful", "custom_id": "vote:up:1"},
                    {"type": 2, "style": 5, "label": "Guide", "url": "https://example.com/g"}
                ]}],
                "allowed_mentions": {"parse": []},
                "flags": 64
            }
        })
    }

    fn at(v: &Violation) -> Vec<String> {
        v.problems.iter().map(|p| p.at.join("/")).collect()
    }

    #[test]
    fn a_documented_message_response_fits() {
        check_interaction_response(&message_response()).unwrap();
        check_interaction_response(&json!({"type": 5, "data": {"flags": 64}})).unwrap();
        check_interaction_response(&json!({"type": 1})).unwrap();
        check_interaction_response(&json!({"type": 8, "data": {"choices": [
            {"name": "Data analyst", "value": "data-analyst"}
        ]}}))
        .unwrap();
    }

    #[test]
    fn an_embed_field_without_a_name_is_refused_where_it_is() {
        let mut r = message_response();
        r["data"]["embeds"][0]["fields"][0]
            .as_object_mut()
            .unwrap()
            .remove("name");
        let v = check_interaction_response(&r).unwrap_err();
        assert_eq!(at(&v), ["data/embeds/0/fields/0/name"], "{v}");
        assert_eq!(v.problems[0].code, "BASE_TYPE_REQUIRED");
        assert!(v.refused_as_invalid_form());
        assert_eq!(
            v.errors_tree()["data"]["embeds"]["0"]["fields"]["0"]["name"]["_errors"][0]["code"],
            "BASE_TYPE_REQUIRED"
        );
    }

    #[test]
    fn a_button_with_style_99_is_refused() {
        let mut r = message_response();
        r["data"]["components"][0]["components"][0]["style"] = json!(99);
        let v = check_interaction_response(&r).unwrap_err();
        assert_eq!(at(&v), ["data/components/0/components/0/style"], "{v}");
    }

    #[test]
    fn limits_types_and_callback_types_are_the_specs() {
        let mut long = message_response();
        long["data"]["content"] = json!("x".repeat(2001));
        let v = check_interaction_response(&long).unwrap_err();
        assert_eq!(at(&v), ["data/content"], "{v}");
        assert_eq!(v.problems[0].code, "BASE_TYPE_MAX_LENGTH");

        let mut flags = message_response();
        flags["data"]["flags"] = json!("64");
        assert_eq!(
            at(&check_interaction_response(&flags).unwrap_err()),
            ["data/flags"]
        );

        let mut url = message_response();
        url["data"]["components"][0]["components"][1]["url"] = json!("not a url");
        assert!(check_interaction_response(&url).is_err());

        assert!(check_interaction_response(&json!({"type": 3})).is_err());
        assert!(check_interaction_response(&json!({"data": {}})).is_err());
    }

    #[test]
    fn routes_methods_and_path_parameters_are_checked() {
        let v = check_request("POST", "/channels/1/no-such-route", Body::None).unwrap_err();
        assert_eq!(v.operation, None);
        assert!(!v.refused_as_invalid_form());

        let v = check_request("PUT", "/channels/1/messages", Body::None).unwrap_err();
        assert_eq!(
            v.operation.as_deref(),
            Some("PUT /channels/{channel_id}/messages")
        );
        assert!(!v.refused_as_invalid_form());

        let v = check_request(
            "POST",
            "/interactions/not-a-snowflake/token/callback",
            Body::Json(&json!({"type": 1})),
        )
        .unwrap_err();
        assert_eq!(at(&v), ["<path>/interaction_id"], "{v}");

        let v = check_request("POST", "/channels/1/messages", Body::None).unwrap_err();
        assert_eq!(
            v.problems[0].code, "BASE_TYPE_REQUIRED",
            "a body is required: {v}"
        );
        check_request("DELETE", "/channels/1/messages/2", Body::None).unwrap();
        check_request("GET", "/gateway/bot", Body::None).unwrap();
    }

    #[test]
    fn followups_and_edits_are_checked_like_messages() {
        let message = message_response()["data"].clone();
        check_request("POST", "/webhooks/1/tok", Body::Json(&message)).unwrap();
        check_request(
            "PATCH",
            "/webhooks/1/tok/messages/@original",
            Body::Json(&message),
        )
        .unwrap();
        check_request("POST", "/channels/1/messages", Body::Json(&message)).unwrap();
        let mut bad = message;
        bad["components"][0]["components"][0]["style"] = json!(99);
        for (method, path) in [
            ("POST", "/webhooks/1/tok"),
            ("PATCH", "/webhooks/1/tok/messages/@original"),
            ("PATCH", "/webhooks/1/tok/messages/2"),
            ("POST", "/channels/1/messages"),
            ("PATCH", "/channels/1/messages/2"),
        ] {
            let v = check_request(method, path, Body::Json(&bad)).unwrap_err();
            assert_eq!(at(&v), ["components/0/components/0/style"], "{v}");
        }
    }

    #[test]
    fn the_most_specific_template_wins() {
        let v = check_request(
            "PATCH",
            "/webhooks/1/tok/messages/@original",
            Body::Json(&json!({"content": 5})),
        )
        .unwrap_err();
        assert_eq!(
            v.operation.as_deref(),
            Some("PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original")
        );
        check_request("GET", "/channels/1/messages/pins", Body::None).unwrap();
    }

    #[test]
    fn command_registration_is_checked() {
        check_command_registration(&json!([{
            "name": "ask", "description": "Ask the guides", "type": 1,
            "options": [{"type": 3, "name": "question", "description": "Your question", "required": true}]
        }]))
        .unwrap();
        let v = check_command_registration(&json!([{
            "name": "a".repeat(33), "description": "too long a name"
        }]))
        .unwrap_err();
        assert_eq!(at(&v), ["0/name"], "{v}");
    }

    #[test]
    fn documented_differences_are_patched_narrowly() {
        let command = |perms: Value| json!([{"name": "pin", "description": "Pin", "default_member_permissions": perms}]);
        for ok in [json!("8192"), json!(8192), Value::Null] {
            check_command_registration(&command(ok.clone()))
                .unwrap_or_else(|v| panic!("{ok} is documented: {v}"));
        }
        for bad in [
            json!("MANAGE_MESSAGES"),
            json!("-8"),
            json!(-8),
            json!(true),
        ] {
            let v = check_command_registration(&command(bad.clone())).unwrap_err();
            assert_eq!(at(&v), ["0/default_member_permissions"], "{bad}: {v}");
        }

        let upload = |id: Value| json!({"type": 4, "data": {"content": "chart", "attachments": [{"id": id, "filename": "chart.png"}]}});
        for ok in [json!(0), json!(1), json!("1066069966282129458")] {
            check_interaction_response(&upload(ok.clone()))
                .unwrap_or_else(|v| panic!("{ok} is documented: {v}"));
        }
        for bad in [json!(-1), json!("first"), json!(0.5), Value::Null] {
            assert!(
                check_interaction_response(&upload(bad.clone())).is_err(),
                "{bad}"
            );
        }
    }

    /// POSTs `body` with `content_type` to the fake's `/api/v10{path}`; status and JSON.
    async fn post(
        fake: &super::super::FakeDiscord,
        path: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> (u16, Value) {
        let r = reqwest::Client::new()
            .post(format!("{}/api/v10{path}", fake.base_url()))
            .header("authorization", "Bot test-token")
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .expect("the fake answers on 127.0.0.1");
        let status = r.status().as_u16();
        let bytes = r.bytes().await.expect("the fake's body");
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    }

    #[tokio::test]
    async fn the_fake_refuses_and_records_bodies_the_spec_refuses() {
        let fake = super::super::FakeDiscord::start().await;
        let path = format!("/channels/{}/messages", super::super::CHANNEL_ID);
        let bad = json!({"content": "hi", "components": [{"type": 1, "components": [
            {"type": 2, "style": 99, "label": "Odd", "custom_id": "odd"}
        ]}]});

        let (status, body) = post(&fake, &path, "application/json", bad.to_string().into()).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(body["code"], 50035);
        assert!(
            body["errors"]["components"]["0"]["components"]["0"]["style"]["_errors"].is_array(),
            "{body}"
        );

        // The same payload as the `payload_json` of a multipart upload.
        let boundary = "spec-boundary";
        let multipart = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"payload_json\"\r\n\r\n{bad}\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"files[0]\"; filename=\"a.txt\"\r\n\
             Content-Type: text/plain\r\n\r\nhello\r\n--{boundary}--\r\n"
        );
        let ct = format!("multipart/form-data; boundary={boundary}");
        let (status, body) = post(&fake, &path, &ct, multipart.into()).await;
        assert_eq!(status, 400, "{body}");

        // A good body passes; an unknown route is answered 404 and recorded.
        let good = json!({"content": "hi", "allowed_mentions": {"parse": []}});
        let (status, body) = post(&fake, &path, "application/json", good.to_string().into()).await;
        assert_eq!(status, 200, "{body}");
        let (status, _) = post(&fake, "/no/such/route", "application/json", b"{}".to_vec()).await;
        assert_eq!(status, 404);

        let violations = fake.take_spec_violations();
        assert_eq!(violations.len(), 3, "{violations:#?}");
        assert!(violations[0].contains("style"), "{}", violations[0]);
        assert!(violations[2].contains("no such route"), "{}", violations[2]);
        fake.shutdown().await;
    }

    #[tokio::test]
    #[should_panic(expected = "do not fit Discord's OpenAPI spec")]
    async fn shutdown_fails_the_test_on_a_violation() {
        let fake = super::super::FakeDiscord::start().await;
        let (status, _) = post(
            &fake,
            &format!("/channels/{}/messages", super::super::CHANNEL_ID),
            "application/json",
            json!({"content": 5}).to_string().into(),
        )
        .await;
        assert_eq!(status, 400);
        fake.shutdown().await;
    }
}
