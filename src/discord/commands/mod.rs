//! The slash commands the bot registers: the exact JSON body of the bulk-overwrite call
//! (`careerbot commands --json` prints it). Choices come from the [`Choices`] of the answer
//! types, so a new topic or level appears in Discord without editing this file.

pub(crate) mod answers;
pub(crate) mod ask;
pub(crate) mod guides;
pub(crate) mod info;
pub(crate) mod moderation;
pub(crate) mod roadmap;
pub(crate) mod salary;
pub(crate) mod skills;

use serde_json::{Value, json};

use crate::answer::roadmap::{Focus, Stage};
use crate::answer::salary::Level;
use crate::answer::skills::Topic;
use crate::choices::Choices;
use crate::discord::incoming::Incoming;
use crate::search::MAX_QUESTION_CHARS;

/// Option types (Discord's numbers).
const SUB_COMMAND: u8 = 1;
const STRING: u8 = 3;
const BOOLEAN: u8 = 5;
const USER: u8 = 6;
const ATTACHMENT: u8 = 11;

/// `default_member_permissions` for admin commands: ADMINISTRATOR.
const ADMIN_ONLY: &str = "8";
/// `default_member_permissions` for moderator commands: MANAGE_MESSAGES.
const MODERATORS: &str = "8192";

/// Interaction contexts: guild, bot DM.
const IN_GUILD: &[u8] = &[0];
const ANYWHERE: &[u8] = &[0, 1];

fn command(
    name: &str,
    description: &str,
    options: Value,
    contexts: &[u8],
    permissions: Option<&str>,
) -> Value {
    let mut c = json!({
        "name": name,
        "type": 1,
        "description": description,
        "options": options,
        "integration_types": [0],
        "contexts": contexts,
    });
    if let Some(p) = permissions {
        c["default_member_permissions"] = p.into();
    }
    c
}

/// The choices of an option: each value's label, sent back as its id.
fn choices<T: Choices>(values: &[T]) -> Value {
    values
        .iter()
        .map(|&v| json!({ "name": v.label(), "value": v.id() }))
        .collect::<Vec<_>>()
        .into()
}

/// The body of `PUT /applications/{id}/commands` (or the guild variant).
pub fn registration_body() -> Value {
    let levels = choices(<Level as Choices>::ALL);
    let expectation_levels = choices(&[Level::Entry, Level::Mid, Level::Senior, Level::Lead]);
    json!([
        command(
            "ask",
            "Ask a career question; the answer quotes the guides, with citations.",
            json!([
                { "type": STRING, "name": "question", "description": "Your question, in your own words.", "required": true,
                  "autocomplete": true, "min_length": 1, "max_length": MAX_QUESTION_CHARS },
                { "type": BOOLEAN, "name": "hide", "description": "Only you see the answer." },
                { "type": USER, "name": "mention", "description": "Point the answer at this member (the only one pinged)." },
            ]),
            ANYWHERE,
            None,
        ),
        command(
            "salary",
            "Salary figures by level from each guide, with a summary and a chart.",
            json!([{ "type": STRING, "name": "level", "description": "Which level (default: all).", "choices": levels }]),
            ANYWHERE,
            None,
        ),
        command(
            "skills",
            "The skills the guides name for a topic, most cited first.",
            json!([
                { "type": STRING, "name": "topic", "description": "Which skills (default: all).",
                  "choices": choices(<Topic as Choices>::ALL) },
                { "type": STRING, "name": "level", "description": "Also show what the guides expect at this level.", "choices": expectation_levels },
            ]),
            ANYWHERE,
            None,
        ),
        command(
            "roadmap",
            "Career stages and the learning path the guides describe.",
            json!([
                { "type": STRING, "name": "stage", "description": "One stage (default: all).",
                  "choices": choices(<Stage as Choices>::ALL) },
                { "type": STRING, "name": "focus", "description": "What to focus on (default: everything).",
                  "choices": choices(<Focus as Choices>::ALL) },
            ]),
            ANYWHERE,
            None,
        ),
        command(
            "help",
            "What this bot can do and where its answers come from.",
            json!([]),
            ANYWHERE,
            None
        ),
        command(
            "pins",
            "Moderator-pinned answers of this server.",
            json!([
                { "type": SUB_COMMAND, "name": "list", "description": "List the pinned answers." },
                { "type": SUB_COMMAND, "name": "remove", "description": "Unpin an answer (moderators).", "options": [
                    { "type": STRING, "name": "answer", "description": "The pinned answer.", "required": true, "autocomplete": true }
                ] },
            ]),
            IN_GUILD,
            None,
        ),
        command(
            "status",
            "Guides, passages, index age, uptime and version.",
            json!([]),
            ANYWHERE,
            None
        ),
        command(
            "gaps",
            "Questions the guides answer badly, and answers people voted down.",
            json!([]),
            IN_GUILD,
            Some(MODERATORS),
        ),
        command(
            "reindex",
            "Rebuild the search index from the guides (admins).",
            json!([]),
            IN_GUILD,
            Some(ADMIN_ONLY)
        ),
        command(
            "sources",
            "Manage the guides the bot answers from (admins).",
            json!([
                { "type": SUB_COMMAND, "name": "list", "description": "List the guides." },
                { "type": SUB_COMMAND, "name": "add", "description": "Add a guide (.txt, .md or .html, up to 1 MB).", "options": [
                    { "type": ATTACHMENT, "name": "file", "description": "The guide file.", "required": true },
                    { "type": BOOLEAN, "name": "replace", "description": "Replace a guide of the same name." },
                ] },
                { "type": SUB_COMMAND, "name": "remove", "description": "Remove a guide.", "options": [
                    { "type": STRING, "name": "name", "description": "The guide's file name.", "required": true, "autocomplete": true }
                ] },
            ]),
            IN_GUILD,
            Some(ADMIN_ONLY),
        ),
    ])
}

/// Seconds since the Unix epoch, as the store keeps time.
fn unix_now() -> i64 {
    i64::try_from(crate::search::unix_now()).unwrap_or(i64::MAX)
}

/// The value of a choice option: `Ok(None)` when it was not given (or left empty), `Err` with
/// the text sent when it is none of `T`'s.
fn choice<'a, T: Choices>(i: &'a Incoming, option: &str) -> Result<Option<T>, &'a str> {
    match i.text(option) {
        None | Some("") => Ok(None),
        Some(text) => text.parse().map(Some).map_err(|_| text),
    }
}

/// The ids of `T` in a sentence: "entry, mid, senior, lead or overall".
fn listed<T: Choices>() -> String {
    let ids: Vec<&str> = T::ALL.iter().map(|c| c.id()).collect();
    match ids.split_last() {
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_descriptions_and_choices_fit_discord() {
        let body = registration_body();
        let commands = body.as_array().unwrap();
        assert!(commands.len() <= 100);
        fn check(options: &Value) {
            for o in options.as_array().into_iter().flatten() {
                let name = o["name"].as_str().unwrap();
                assert!(
                    (1..=32).contains(&name.len())
                        && name
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c == '_' || c == '-'),
                    "{name}"
                );
                assert!(
                    (1..=100).contains(&o["description"].as_str().unwrap().chars().count()),
                    "{name}"
                );
                if let Some(ch) = o.get("choices") {
                    let ch = ch.as_array().unwrap();
                    assert!(ch.len() <= 25);
                    for c in ch {
                        assert!((1..=100).contains(&c["name"].as_str().unwrap().chars().count()));
                    }
                }
                check(&o["options"]);
            }
        }
        check(&body);
        let find = |n: &str| commands.iter().find(|c| c["name"] == n).unwrap();
        assert_eq!(find("reindex")["default_member_permissions"], "8");
        assert_eq!(find("sources")["default_member_permissions"], "8");
        assert!(find("ask").get("default_member_permissions").is_none());
        assert_eq!(find("ask")["options"][0]["autocomplete"], true);
    }
}
