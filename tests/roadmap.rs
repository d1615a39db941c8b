//! End-to-end: `/roadmap` and the salary comparison in a library of five careers (the shipped
//! back-end guides and the four of `tests/fixtures/careers/`), one scenario over each transport:
//! the career's timeline image with its stages and the part menu, a part chosen in the menu,
//! forged or outdated menu ids, a focus answered at once, the overview without a career, and
//! `/salary` without a career drawing every career side by side.

mod support;

use serde_json::{Value, json};
use support::checks::{ephemeral, selects, text_of};
use support::dirs::dirs_with_careers;
use support::faces::Face;
use support::fake_discord::{PERMS_MEMBER, select_choice, slash_command};

fn career(name: &str) -> Value {
    json!({ "type": 3, "name": "career", "value": name })
}

/// The source line `[n]` cites in a message's "Sources" field.
fn source_of(message: &Value, n: usize) -> String {
    let sources = message["embeds"][0]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "Sources")
        .expect("a Sources field");
    let prefix = format!("[{n}] ");
    sources["value"]
        .as_str()
        .unwrap()
        .lines()
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no [{n}] in {sources}"))
        .to_string()
}

fn is_png(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\x89PNG\r\n\x1a\n")
}

async fn scenario(face: Face) {
    let at = face.name();

    // /roadmap career:electrician: deferred, then the timeline, the stages and the menu.
    let ix = slash_command("roadmap", json!([career("electrician")]), PERMS_MEMBER);
    assert_eq!(
        face.interact(&ix).await["type"],
        5,
        "{at}: the timeline takes a moment"
    );
    let edit = face.edit(&ix).await;
    let file = edit.files.first().expect("the timeline is attached");
    assert_eq!(file.filename.as_deref(), Some("timeline.png"), "{at}");
    assert!(is_png(&file.bytes), "{at}");
    let body = edit.json.unwrap();
    let embed = &body["embeds"][0];
    assert_eq!(embed["image"]["url"], "attachment://timeline.png", "{at}");
    let text = text_of(&body);
    assert!(text.contains("Electrician roadmap"), "{at}: {text}");
    for want in [
        "Apprentice Electrician",
        "4–5 years",
        "Journeyman Electrician",
        "6–8 years of experience",
    ] {
        assert!(text.contains(want), "{at}: {want} missing: {text}");
    }
    assert!(!text.contains("Back-End"), "{at}: {text}");
    // The stages are cited as the image numbers them: bar 2 is the apprentice rung's line.
    let stages = embed["fields"][0]["value"].as_str().unwrap();
    let apprentice = stages
        .lines()
        .find(|l| l.contains("Apprentice Electrician"))
        .unwrap();
    assert!(apprentice.ends_with("[2]"), "{at}: {apprentice}");
    assert!(
        source_of(&body, 2).contains("(electrician-career-guide.txt:193)"),
        "{at}"
    );
    let menus = selects(&body);
    assert_eq!(menus.len(), 1, "{at}: one menu");
    assert_eq!(menus[0]["custom_id"], "roadmap:all:Electrician", "{at}");
    let values: Vec<&str> = menus[0]["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["value"].as_str().unwrap())
        .collect();
    assert_eq!(
        values,
        [
            "career_progression",
            "learning_path",
            "interviews",
            "portfolio"
        ],
        "{at}"
    );

    // Choosing "interviews": the electrician's interview items, for the member alone.
    let shown = face.message(&ix);
    let r = face
        .interact(&select_choice(
            "roadmap:all:Electrician",
            &["interviews"],
            shown.clone(),
        ))
        .await;
    assert_eq!(r["type"], 4, "{at}: {r}");
    assert!(ephemeral(&r), "{at}: the channel's message stays as it was");
    let text = text_of(&r["data"]);
    assert!(text.contains("Interviews"), "{at}: {text}");
    assert!(
        text.contains("Expect a panel of two to five people"),
        "{at}: {text}"
    );
    assert!(
        text.contains("[1]") && text.contains("electrician-career-guide.txt:"),
        "{at}: {text}"
    );
    assert!(
        r["data"]["attachments"].is_null(),
        "{at}: no image with a part"
    );

    // The learning path, too.
    let r = face
        .interact(&select_choice(
            "roadmap:all:Electrician",
            &["learning_path"],
            shown.clone(),
        ))
        .await;
    assert!(ephemeral(&r), "{at}");
    assert!(text_of(&r["data"]).contains("Learning path"), "{at}");

    // Forged or outdated ids and values: a clear private word, never a failure.
    for (id, values, says) in [
        (
            "roadmap:all:Firefighter",
            &["interviews"][..],
            "no longer in the library",
        ),
        (
            "roadmap:intern:Electrician",
            &["interviews"][..],
            "not one I know",
        ),
        ("roadmap:all:", &["interviews"][..], "not one I know"),
        (
            "roadmap:all:Electrician",
            &["salary"][..],
            "Choose one part",
        ),
        (
            "roadmap:all:Electrician",
            &["interviews", "portfolio"][..],
            "Choose one part",
        ),
        ("roadmap:all:Electrician", &[][..], "Choose one part"),
    ] {
        let r = face
            .interact(&select_choice(id, values, shown.clone()))
            .await;
        assert_eq!(r["type"], 4, "{at}: {id} {values:?}");
        assert!(ephemeral(&r), "{at}: {id}");
        let text = text_of(&r["data"]);
        assert!(text.contains(says), "{at}: {id} {values:?}: {text}");
    }

    // A focus answers with that part at once, the menu under it.
    let r = face
        .interact(&slash_command(
            "roadmap",
            json!([career("data analyst"), { "type": 3, "name": "focus", "value": "interviews" }]),
            PERMS_MEMBER,
        ))
        .await;
    assert_eq!(r["type"], 4, "{at}");
    assert!(!ephemeral(&r), "{at}");
    let text = text_of(&r["data"]);
    assert!(text.contains("SQL"), "{at}: {text}");
    let menus = selects(&r["data"]);
    assert_eq!(menus[0]["custom_id"], "roadmap:all:Data Analyst", "{at}");
    let chosen: Vec<&Value> = menus[0]["options"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["default"] == true)
        .collect();
    assert_eq!(chosen.len(), 1, "{at}");
    assert_eq!(chosen[0]["value"], "interviews", "{at}");

    // No career in a library of several: the first career's timeline, the others listed.
    let ix = slash_command("roadmap", json!([]), PERMS_MEMBER);
    assert_eq!(face.interact(&ix).await["type"], 5, "{at}");
    let edit = face.edit(&ix).await;
    assert!(edit.files.first().is_some_and(|f| is_png(&f.bytes)), "{at}");
    let text = text_of(edit.json.as_ref().unwrap());
    assert!(text.contains("Back-End Developer roadmap"), "{at}: {text}");
    assert!(
        text.contains("Other careers with a timeline"),
        "{at}: {text}"
    );
    for c in [
        "Data Analyst",
        "Electrician",
        "Front-End Developer",
        "Product Manager",
    ] {
        assert!(text.contains(c), "{at}: {c} missing: {text}");
    }

    // /salary without a career: every career side by side in one chart.
    let ix = slash_command("salary", json!([]), PERMS_MEMBER);
    assert_eq!(face.interact(&ix).await["type"], 5, "{at}");
    let edit = face.edit(&ix).await;
    let chart = edit.files.first().expect("the chart is attached");
    assert_eq!(chart.filename.as_deref(), Some("salary.png"), "{at}");
    assert!(is_png(&chart.bytes), "{at}");
    let body = edit.json.unwrap();
    assert_eq!(
        body["embeds"][0]["image"]["url"], "attachment://salary.png",
        "{at}"
    );
    assert!(
        text_of(&body).contains("side by side"),
        "{at}: {}",
        text_of(&body)
    );
    // One career asked for: that career's own chart, a different picture.
    let ix = slash_command("salary", json!([career("electrician")]), PERMS_MEMBER);
    face.interact(&ix).await;
    let own = face.edit(&ix).await;
    let own_chart = own.files.first().expect("the chart is attached");
    assert_ne!(own_chart.bytes, chart.bytes, "{at}");
    assert!(
        !text_of(own.json.as_ref().unwrap()).contains("side by side"),
        "{at}"
    );

    face.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn roadmap_and_salary_comparison_over_the_gateway() {
    let d = dirs_with_careers();
    scenario(Face::gateway(&d).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn roadmap_and_salary_comparison_over_http() {
    let d = dirs_with_careers();
    scenario(Face::http(&d).await).await;
}
