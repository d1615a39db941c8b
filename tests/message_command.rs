//! End-to-end, over each transport: the "Ask careerbot" message command on a message full of
//! mentions (answered privately, linking back to the message, nobody pinged; "Post publicly"
//! posts that same answer once, with the normal answer buttons, still pinging nobody), on a
//! message with no text; a citation with a URL (a masked link no URL can break out of); and
//! `/ask` from the app installed to a member's own account, in a DM and in a server without the
//! bot (no buttons that need the bot there).

mod support;

use serde_json::{Value, json};
use support::checks::{custom_ids, ephemeral, text_of};
use support::dirs::{Dirs, dirs, dirs_with_careers};
use support::faces::{Face, WAIT};
use support::fake_discord::{
    CHANNEL_ID, GUILD_ID, PERMS_MEMBER, button_click, interaction_fixture, next_snowflake,
    slash_command,
};

/// The member who runs the message command (the fixtures' clicking member too).
const ASKER: &str = "167348773423415296";

/// "Ask careerbot" on a message saying `content` (mentioning user 111 and role 222), built from
/// Discord's message-command example, moved into the fixtures' guild and channel.
fn ask_message(content: &str) -> (Value, u64) {
    let mut v = interaction_fixture("message_command");
    let target = next_snowflake();
    let mut message = v["data"]["resolved"]["messages"]["867793854505943041"].clone();
    message["id"] = json!(target.to_string());
    message["channel_id"] = json!(CHANNEL_ID.to_string());
    message["content"] = json!(content);
    message["mentions"] = json!([{
        "id": "111", "username": "sam", "discriminator": "0", "avatar": null,
        "public_flags": 0, "global_name": "Sam"
    }]);
    message["mention_roles"] = json!(["222"]);
    message["mention_everyone"] = json!(content.contains("@everyone"));
    v["data"]["name"] = json!("Ask careerbot");
    v["data"]["target_id"] = json!(target.to_string());
    v["data"]["resolved"]["messages"] = json!({ target.to_string(): message });
    v["guild_id"] = json!(GUILD_ID.to_string());
    v["channel_id"] = json!(CHANNEL_ID.to_string());
    v["channel"]["id"] = json!(CHANNEL_ID.to_string());
    v["channel"]["guild_id"] = json!(GUILD_ID.to_string());
    v["authorizing_integration_owners"] = json!({ "0": GUILD_ID.to_string() });
    v["member"]["permissions"] = json!(PERMS_MEMBER.to_string());
    assert_eq!(v["member"]["user"]["id"], ASKER);
    (v, target)
}

/// A click on `custom_id` under `message`, by the member who asked.
fn click(custom_id: &str, message: &Value) -> Value {
    let v = button_click(custom_id, Some(message.clone()), PERMS_MEMBER);
    assert_eq!(v["member"]["user"]["id"], ASKER);
    v
}

fn ask(question: &str) -> Value {
    slash_command(
        "ask",
        json!([{ "type": 3, "name": "question", "value": question }]),
        PERMS_MEMBER,
    )
}

/// The message pings nobody: no user, role or @everyone mention Discord would act on.
fn pings_nobody(m: &Value, at: &str) {
    assert_eq!(m["mentions"], json!([]), "{at}: {m}");
    assert_eq!(m["mention_roles"], json!([]), "{at}: {m}");
    assert_eq!(m["mention_everyone"], false, "{at}: {m}");
}

/// A copy of the shipped guides whose manifest gives every guide a link (with a space and
/// parentheses, which a markdown link must not be cut by).
fn dirs_with_links() -> Dirs {
    let d = dirs();
    let path = d.seeds.join("sources.toml");
    let manifest = std::fs::read_to_string(&path).unwrap();
    let mut out = String::new();
    for line in manifest.lines() {
        out.push_str(line);
        out.push('\n');
        if let Some(file) = line
            .strip_prefix("file = \"")
            .and_then(|f| f.strip_suffix('"'))
        {
            out.push_str(&format!(
                "url = \"https://guides.example/{} (2026)\"\n",
                file.trim_end_matches(".txt")
            ));
        }
    }
    std::fs::write(&path, out).unwrap();
    d
}

async fn scenario(face: Face) {
    let at = face.name();

    // "Ask careerbot" on a message full of mentions: private, linked, nobody pinged.
    let (ix, target) = ask_message(
        "<@111> @everyone <@&222> how much does a senior back-end developer earn? <#333>",
    );
    let r = face.interact(&ix).await;
    assert_eq!(r["type"], 4, "{at}: {r}");
    assert!(ephemeral(&r), "{at}: private by default");
    let link = format!("https://discord.com/channels/{GUILD_ID}/{CHANNEL_ID}/{target}");
    let text = text_of(&r["data"]);
    assert!(text.contains(&link), "{at}: links back: {text}");
    for raw in ["<@111>", "<@&222>", "<#333>", "@everyone"] {
        assert!(!text.contains(raw), "{at}: {raw} repeated: {text}");
    }
    assert!(
        text.to_lowercase()
            .contains("senior back-end developer earn"),
        "{at}: the question is the message's words: {text}"
    );
    // A pay question: the card first, then the passages.
    let embeds = r["data"]["embeds"].as_array().expect("embeds");
    assert_eq!(embeds.len(), 2, "{at}: {text}");
    assert!(
        embeds[1]["description"]
            .as_str()
            .unwrap()
            .contains("**[1] ["), // a cited passage, its title linked
        "{at}: {text}"
    );
    let ids = custom_ids(&r["data"]);
    let post = ids
        .iter()
        .find(|i| i.starts_with("post:"))
        .unwrap_or_else(|| panic!("{at}: a Post publicly button: {ids:?}"))
        .clone();
    assert!(
        ids.iter()
            .all(|i| !i.starts_with("pin:") && !i.starts_with("dismiss:")),
        "{at}: {ids:?}"
    );
    let private = face.message(&ix);
    pings_nobody(&private, at);

    // "Post publicly": the same answer, for everyone, with the normal answer buttons.
    let posting = click(&post, &private);
    let r = face.interact(&posting).await;
    assert_eq!(r["type"], 4, "{at}: {r}");
    assert!(!ephemeral(&r), "{at}: public");
    assert_eq!(
        r["data"]["embeds"], private["embeds"],
        "{at}: the stored answer (its card too), not a new search"
    );
    assert!(text_of(&r["data"]).contains(&link), "{at}");
    let ids = custom_ids(&r["data"]);
    for action in ["src:", "up:", "down:", "pin:", "dismiss:"] {
        assert!(
            ids.iter().any(|i| i.starts_with(action)),
            "{at}: {action} {ids:?}"
        );
    }
    assert!(!ids.iter().any(|i| i.starts_with("post:")), "{at}: {ids:?}");
    let public = face.message(&posting);
    pings_nobody(&public, at);
    let token = posting["token"].as_str().unwrap().to_string();
    face.fake()
        .wait_for_request(WAIT, |r| {
            r.matches("GET", "/webhooks/*/*/messages/@original") && r.path.contains(&token)
        })
        .await
        .expect("the bot learns the public message's id");

    // Once: a second click is told so, and nothing is posted.
    let again = face.interact(&click(&post, &private)).await;
    assert!(ephemeral(&again), "{at}: {again}");
    assert!(
        text_of(&again["data"]).contains("already posted"),
        "{at}: {again}"
    );
    // The public answer's buttons work: its sources, with the guides' links.
    let src = ids.iter().find(|i| i.starts_with("src:")).unwrap();
    let sources = face.interact(&click(src, &public)).await;
    let listed = text_of(&sources["data"]);
    assert!(
        listed.contains("](<https://guides.example/"),
        "{at}: {listed}"
    );

    // A message with no text (an image only): said plainly.
    let (ix, _) = ask_message("");
    let r = face.interact(&ix).await;
    assert!(ephemeral(&r), "{at}");
    assert!(
        text_of(&r["data"]).contains("no text I can answer"),
        "{at}: {r}"
    );
    let (ix, _) = ask_message("<@111> @everyone");
    assert!(
        text_of(&face.interact(&ix).await["data"]).contains("no text I can answer"),
        "{at}: only mentions"
    );

    // A citation with a URL: every cited title links to its guide, the URL kept whole.
    let ix = ask("What skills does a back-end developer need?");
    let r = face.interact(&ix).await;
    // The passages come last (a skills question leads with the structured card).
    let embeds = r["data"]["embeds"].as_array().expect("embeds");
    let description = embeds.last().unwrap()["description"].as_str().unwrap();
    let headers: Vec<&str> = description
        .lines()
        .filter(|l| l.starts_with("**["))
        .collect();
    assert!(!headers.is_empty(), "{at}: {description}");
    for h in &headers {
        assert!(
            h.contains("](<https://guides.example/00") && h.contains("%20%282026%29>)"),
            "{at}: {h}"
        );
    }

    // /ask from the app installed to the member's account, in a DM with the bot.
    let mut dm = interaction_fixture("application_command_dm");
    dm["data"] = json!({ "id": "1234358421659193405", "name": "ask", "type": 1, "options": [
        { "type": 3, "name": "question", "value": "How much does a junior back-end developer earn?" }
    ] });
    let r = face.interact(&dm).await;
    assert_eq!(r["type"], 4, "{at}: {r}");
    assert!(
        text_of(&r["data"]).contains("[1]"),
        "{at}: answered in the DM: {r}"
    );
    let ids = custom_ids(&r["data"]);
    assert!(ids.iter().any(|i| i.starts_with("src:")), "{at}: {ids:?}");

    // ... and in a server without the bot: answered, with no button that needs the bot there.
    let mut away = ask("How much does a junior back-end developer earn?");
    away["authorizing_integration_owners"] = json!({ "1": ASKER_IN_SLASH_FIXTURE });
    away["member"]["user"]["id"] = json!(ASKER_IN_SLASH_FIXTURE);
    let r = face.interact(&away).await;
    assert_eq!(r["type"], 4, "{at}: {r}");
    assert!(text_of(&r["data"]).contains("[1]"), "{at}: {r}");
    let ids = custom_ids(&r["data"]);
    assert!(ids.iter().any(|i| i.starts_with("up:")), "{at}: {ids:?}");
    assert!(
        ids.iter()
            .all(|i| !i.starts_with("pin:") && !i.starts_with("dismiss:")),
        "{at}: {ids:?}"
    );
    pings_nobody(&face.message(&away), at);

    // The one ping the bot ever makes: the member `/ask mention:` names (the fake applies
    // `allowed_mentions` as Discord does, so the checks above can fail).
    let mut pointed = ask("How much does a junior back-end developer earn in Texas?");
    pointed["data"]["options"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "type": 6, "name": "mention", "value": "4242" }));
    face.interact(&pointed).await;
    let shown = face.message(&pointed);
    let pinged: Vec<&Value> = shown["mentions"].as_array().unwrap().iter().collect();
    assert_eq!(pinged.len(), 1, "{at}: {shown}");
    assert_eq!(pinged[0]["id"], "4242", "{at}");
    assert_eq!(shown["mention_everyone"], false, "{at}");

    // Every command a member may use answers from a member's own install, in the DM and in a
    // server without the bot.
    for name in ["help", "status", "skills", "salary", "roadmap"] {
        let mut in_dm = interaction_fixture("application_command_dm");
        in_dm["data"] = json!({ "id": "1234358421659193405", "name": name, "type": 1 });
        let mut away = slash_command(name, json!([]), PERMS_MEMBER);
        away["authorizing_integration_owners"] = json!({ "1": ASKER_IN_SLASH_FIXTURE });
        for ix in [in_dm, away] {
            let r = face.interact(&ix).await;
            let said = match r["type"].as_u64() {
                Some(4) => r["data"].clone(),
                Some(5) => face.edit(&ix).await.json.unwrap(),
                other => panic!("{at}: /{name}: response type {other:?}"),
            };
            let text = text_of(&said);
            assert!(
                !text.is_empty() && !text.contains("went wrong") && !text.contains("I don't know"),
                "{at}: /{name}: {text}"
            );
        }
    }

    face.stop().await;
}

/// Issue 14, gap 2: "Ask careerbot" had no card. A message asking for pay is answered as `/ask`
/// answers it: the structured card first — the very embed `/ask` shows, a figure cited in it —
/// then the passages; "Post publicly" posts the card too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ask_careerbot_leads_with_the_card_as_ask_does() {
    let d = dirs_with_careers();
    let face = Face::gateway(&d).await;
    let question = "What does an entry level electrician earn per hour?";
    let (ix, _) = ask_message(&format!("<@111> {question}"));
    let r = face.interact(&ix).await;
    assert!(ephemeral(&r), "{r}");
    let embeds = r["data"]["embeds"].as_array().expect("embeds").clone();
    assert_eq!(embeds.len(), 2, "the card, then the passages: {r}");
    let card = &embeds[0];
    let said = text_of(&json!({ "embeds": [card] }));
    assert!(said.contains("Read as: Electrician salary"), "{said}");
    // A figure, cited: a field line with an amount and a citation number the card's own
    // "Sources" field resolves.
    let fields = card["fields"].as_array().expect("fields");
    let number = |line: &str| -> Option<String> {
        let n = line.trim_end().strip_suffix(']')?.rsplit('[').next()?;
        (!n.is_empty() && n.chars().all(|c| c.is_ascii_digit())).then(|| n.to_string())
    };
    let n = fields
        .iter()
        .filter(|f| f["name"] != "Sources")
        .flat_map(|f| f["value"].as_str().unwrap_or_default().lines())
        .filter(|l| l.contains('$'))
        .find_map(number)
        .unwrap_or_else(|| panic!("no cited figure: {said}"));
    let sources = fields
        .iter()
        .find(|f| f["name"] == "Sources")
        .unwrap_or_else(|| panic!("a Sources field: {said}"));
    assert!(
        sources["value"]
            .as_str()
            .unwrap()
            .lines()
            .any(|l| l.starts_with(&format!("[{n}] "))),
        "[{n}] resolved: {said}"
    );
    assert!(
        embeds[1]["description"]
            .as_str()
            .unwrap()
            .contains("**[1] "),
        "the passages after the card: {r}"
    );

    // The same question by /ask: the same card, by the same rendering.
    let by_ask = face.interact(&ask(question)).await;
    assert_eq!(by_ask["data"]["embeds"][0], *card, "{by_ask}");

    // Posted publicly: the card too.
    let private = face.message(&ix);
    let post = custom_ids(&r["data"])
        .into_iter()
        .find(|i| i.starts_with("post:"))
        .expect("a Post publicly button");
    let posted = face.interact(&click(&post, &private)).await;
    assert!(!ephemeral(&posted), "{posted}");
    assert_eq!(posted["data"]["embeds"], json!(embeds), "{posted}");
    face.stop().await;
}

/// "Ask careerbot" on a message comparing two careers leads with both careers' cards, as `/ask`
/// does, and "Post publicly" posts every card of the stored answer, not only the first.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ask_careerbot_on_a_comparison_posts_every_card() {
    let d = dirs_with_careers();
    let face = Face::http(&d).await;
    let question = "do data analysts earn more than electricians?";
    let (ix, _) = ask_message(question);
    let r = face.interact(&ix).await;
    assert!(ephemeral(&r), "{r}");
    let embeds = r["data"]["embeds"].as_array().expect("embeds").clone();
    assert_eq!(embeds.len(), 3, "two cards, then the passages: {r}");
    for (card, career) in embeds.iter().zip(["Data Analyst", "Electrician"]) {
        let said = text_of(&json!({ "embeds": [card] }));
        assert!(
            said.contains(&format!("Read as: {career} salary")),
            "{said}"
        );
    }
    let by_ask = face.interact(&ask(question)).await;
    assert_eq!(by_ask["data"]["embeds"], json!(embeds), "{by_ask}");
    let private = face.message(&ix);
    let post = custom_ids(&r["data"])
        .into_iter()
        .find(|i| i.starts_with("post:"))
        .expect("a Post publicly button");
    let posted = face.interact(&click(&post, &private)).await;
    assert!(!ephemeral(&posted), "{posted}");
    assert_eq!(posted["data"]["embeds"], json!(embeds), "{posted}");
    face.stop().await;
}

/// The member of the slash-command fixture.
const ASKER_IN_SLASH_FIXTURE: &str = "53908232506183680";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn message_command_links_and_user_installs_over_the_gateway() {
    let d = dirs_with_links();
    scenario(Face::gateway(&d).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn message_command_links_and_user_installs_over_http() {
    let d = dirs_with_links();
    scenario(Face::http(&d).await).await;
}
