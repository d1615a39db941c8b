//! Checks on what the bot sends Discord, shared by the transports' end-to-end tests: every
//! limit Discord sets on a message or an interaction response, the no-ping rule, and small
//! readers of message JSON.
#![allow(dead_code)]

use serde_json::{Value, json};

pub fn chars(v: &Value) -> usize {
    v.as_str().map_or(0, |s| s.chars().count())
}

/// Every limit Discord sets on a message, and the no-ping rule.
pub fn check_message(m: &Value) {
    assert!(chars(&m["content"]) <= 2000);
    let embeds = m["embeds"].as_array().cloned().unwrap_or_default();
    assert!(embeds.len() <= 10);
    let mut total = 0;
    for e in &embeds {
        assert!(chars(&e["title"]) <= 256, "title too long");
        assert!(chars(&e["description"]) <= 4096, "description too long");
        assert!(chars(&e["footer"]["text"]) <= 2048);
        let fields = e["fields"].as_array().cloned().unwrap_or_default();
        assert!(fields.len() <= 25);
        for f in &fields {
            assert!((1..=256).contains(&chars(&f["name"])), "field name {f}");
            assert!((1..=1024).contains(&chars(&f["value"])), "field value {f}");
            total += chars(&f["name"]) + chars(&f["value"]);
        }
        total += chars(&e["title"]) + chars(&e["description"]) + chars(&e["footer"]["text"]);
    }
    assert!(total <= 6000, "embeds total {total}");
    let rows = m["components"].as_array().cloned().unwrap_or_default();
    assert!(rows.len() <= 5);
    for row in &rows {
        let children = row["components"].as_array().unwrap();
        assert!(children.len() <= 5);
        for c in children {
            assert!((1..=100).contains(&chars(&c["custom_id"])));
            assert!(chars(&c["label"]) <= 80);
            if c["type"] == 3 {
                assert_eq!(children.len(), 1, "a select menu is alone in its row");
                assert!(chars(&c["placeholder"]) <= 150);
                let options = c["options"].as_array().expect("a select has options");
                assert!((1..=25).contains(&options.len()));
                for o in options {
                    assert!((1..=100).contains(&chars(&o["label"])), "{o}");
                    assert!((1..=100).contains(&chars(&o["value"])), "{o}");
                    assert!(chars(&o["description"]) <= 100, "{o}");
                }
            }
        }
    }
    let am = &m["allowed_mentions"];
    assert_eq!(
        am["parse"],
        json!([]),
        "the bot must never parse mentions: {am}"
    );
    assert_eq!(am["roles"], json!([]));
    assert!(am["users"].as_array().is_some_and(|u| u.len() <= 1));
}

pub fn check_response(r: &Value) {
    match r["type"].as_u64().unwrap() {
        4 | 7 => check_message(&r["data"]),
        8 => {
            let choices = r["data"]["choices"].as_array().unwrap();
            assert!(choices.len() <= 25);
            for c in choices {
                assert!((1..=100).contains(&chars(&c["name"])), "{c}");
                assert!((1..=100).contains(&chars(&c["value"])), "{c}");
            }
        }
        1 | 5 | 6 => {}
        other => panic!("unexpected response type {other}"),
    }
}

pub fn ephemeral(r: &Value) -> bool {
    r["data"]["flags"].as_u64().unwrap_or(0) & 64 != 0
}

pub fn text_of(m: &Value) -> String {
    let mut s = m["content"].as_str().unwrap_or_default().to_string();
    for e in m["embeds"].as_array().into_iter().flatten() {
        for key in ["title", "description"] {
            s.push_str(e[key].as_str().unwrap_or_default());
            s.push('\n');
        }
        for f in e["fields"].as_array().into_iter().flatten() {
            s.push_str(f["name"].as_str().unwrap_or_default());
            s.push('\n');
            s.push_str(f["value"].as_str().unwrap_or_default());
            s.push('\n');
        }
    }
    s
}

/// The select menus of a message.
pub fn selects(m: &Value) -> Vec<Value> {
    m["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter(|c| c["type"] == 3)
        .collect()
}

pub fn custom_ids(m: &Value) -> Vec<String> {
    m["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .map(|b| b["custom_id"].as_str().unwrap().to_string())
        .collect()
}

/// The labels of a message's buttons, in order.
pub fn button_labels(m: &Value) -> Vec<String> {
    m["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter(|c| c["type"] == 2)
        .filter_map(|c| c["label"].as_str().map(str::to_string))
        .collect()
}

/// The footer text of a message's first embed.
pub fn footer_of(m: &Value) -> String {
    m["embeds"][0]["footer"]["text"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}
