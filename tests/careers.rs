//! End-to-end: many careers in one library, over both transports — the gateway (serenity
//! against the fake Discord) and the signed HTTP endpoint. The library is the shipped back-end
//! guides and the four of `tests/fixtures/careers/` (five careers). One scenario runs on each:
//! `/ask` answered from the career a question names or the `career` option gives, `/settings
//! career` (admins only) then used by `/ask` and `/salary`, a question about a career no guide
//! covers, answers over several careers saying each passage's career, and `/status`; and the
//! CLI's `careers` and `ask --career` on the same library.

mod support;

use std::collections::BTreeSet;

use serde_json::{Value, json};
use support::checks::{custom_ids, ephemeral, text_of};
use support::dirs::{Dirs, dirs_with_careers};
use support::faces::Face;
use support::fake_discord::{Hosting, PERMS_MEMBER, slash_command, slash_command_with_attachment};

const ADMINISTRATOR: u64 = 1 << 3;
/// The careers of the library, as answers list them.
const CAREERS: &str =
    "Back-End Developer, Data Analyst, Electrician, Front-End Developer, Product Manager";

/// `/ask question [career]`.
fn ask(question: &str, career: Option<&str>) -> Value {
    let mut options = vec![json!({ "type": 3, "name": "question", "value": question })];
    if let Some(c) = career {
        options.push(json!({ "type": 3, "name": "career", "value": c }));
    }
    slash_command("ask", Value::Array(options), PERMS_MEMBER)
}

/// `/settings career [name]` by a member with these permissions.
fn settings_career(name: Option<&str>, perms: u64) -> Value {
    let options = match name {
        Some(n) => json!([{ "type": 3, "name": "name", "value": n }]),
        None => json!([]),
    };
    slash_command(
        "settings",
        json!([{ "type": 1, "name": "career", "options": options }]),
        perms,
    )
}

/// The careers of the guides an `/ask` answer cites, read from its footers' titles (the
/// structured card's and the passages').
fn cited_careers(message: &Value) -> BTreeSet<&'static str> {
    let footer: String = message["embeds"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| e["footer"]["text"].as_str().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    [
        ("Electrician in 2026", "Electrician"),
        ("Data Analyst Career Guide", "Data Analyst"),
        ("Product Manager Career Guide", "Product Manager"),
        ("Guía de carrera", "Front-End Developer"),
        ("Back-End Developer", "Back-End Developer"),
        ("Backend Developer", "Back-End Developer"),
    ]
    .into_iter()
    .filter(|(title, _)| footer.contains(title))
    .map(|(_, career)| career)
    .collect()
}

/// The scenario both transports play.
async fn careers_scenario(f: &Face) {
    // A question naming a career is answered from its guides only.
    let r = f
        .interact(&ask("How much do journeyman electricians make?", None))
        .await;
    assert_eq!(r["type"], 4);
    let text = text_of(&r["data"]);
    assert!(text.contains("From the Electrician guides"), "{text}");
    assert_eq!(cited_careers(&r["data"]), BTreeSet::from(["Electrician"]));
    assert!(text.contains('$'), "pay quoted: {text}");

    // The career option narrows any question, in any spelling.
    let r = f
        .interact(&ask("salary and skills", Some("data analysts")))
        .await;
    assert_eq!(cited_careers(&r["data"]), BTreeSet::from(["Data Analyst"]));
    let r = f.interact(&ask("salary", Some("astronaut"))).await;
    assert!(ephemeral(&r));
    let said = text_of(&r["data"]);
    assert!(
        said.contains("no guide is about") && said.contains("Electrician"),
        "{said}"
    );

    // /settings career: admins only; set, shown, then used when nothing else names a career.
    let r = f
        .interact(&settings_career(Some("electrician"), PERMS_MEMBER))
        .await;
    assert!(ephemeral(&r));
    assert!(text_of(&r["data"]).contains("Only admins"), "{r}");
    let r = f.interact(&settings_career(None, PERMS_MEMBER)).await;
    assert!(text_of(&r["data"]).contains("Only admins"), "{r}");
    let r = f
        .interact(&settings_career(Some("electrician"), ADMINISTRATOR))
        .await;
    assert!(ephemeral(&r));
    assert!(
        text_of(&r["data"]).contains("**Electrician** is this server's default career"),
        "{r}"
    );
    let r = f.interact(&settings_career(None, ADMINISTRATOR)).await;
    assert!(
        text_of(&r["data"]).contains("This server's default career is **Electrician**"),
        "{r}"
    );
    let r = f
        .interact(&ask("What skills do I need to get started?", None))
        .await;
    let text = text_of(&r["data"]);
    assert!(text.contains("From the Electrician guides"), "{text}");
    assert_eq!(cited_careers(&r["data"]), BTreeSet::from(["Electrician"]));
    // A question naming another career still wins over the server's default.
    let r = f
        .interact(&ask("what does a product manager do", None))
        .await;
    assert_eq!(
        cited_careers(&r["data"]),
        BTreeSet::from(["Product Manager"])
    );
    // /salary too.
    let salary = slash_command("salary", json!([]), PERMS_MEMBER);
    assert_eq!(f.interact(&salary).await["type"], 5);
    let shown = f.edited(&salary, |m| text_of(m).contains('$')).await;
    let text = text_of(&shown);
    assert!(text.contains("Electrician"), "{text}");
    for other in ["Back-End Developer", "Data Analyst", "Product Manager"] {
        assert!(!text.contains(other), "{other} in {text}");
    }
    // /skills and /roadmap follow the default too (/roadmap's timeline comes in an edit).
    for name in ["skills", "roadmap"] {
        let ix = slash_command(name, json!([]), PERMS_MEMBER);
        let r = f.interact(&ix).await;
        let text = if r["type"] == 5 {
            text_of(&f.edited(&ix, |_| true).await)
        } else {
            text_of(&r["data"])
        };
        assert!(text.contains("Electrician"), "{name}: {text}");
        assert!(!text.contains("Back-End Developer"), "{name}: {text}");
    }

    // A career no guide covers: said so, the covered careers listed, no passage, no buttons.
    let r = f
        .interact(&ask("How much do firefighters earn?", None))
        .await;
    assert_eq!(r["type"], 4);
    let text = text_of(&r["data"]);
    assert!(
        text.contains(&format!(
            "The guides don't cover firefighters. They cover: {CAREERS}."
        )),
        "{text}"
    );
    assert!(!text.contains("From the Electrician guides"), "{text}");
    assert!(cited_careers(&r["data"]).is_empty());
    assert!(custom_ids(&r["data"]).is_empty());

    // Cleared: an answer over several careers says each passage's career.
    let r = f
        .interact(&settings_career(Some("none"), ADMINISTRATOR))
        .await;
    assert!(text_of(&r["data"]).contains("no default career"), "{r}");
    let r = f
        .interact(&ask("How much do you earn at entry level?", None))
        .await;
    let description = r["data"]["embeds"][0]["description"].as_str().unwrap();
    let labelled = regex::Regex::new(r"\*\*\[\d+\] ([^*·]+) · ").unwrap();
    let careers: BTreeSet<&str> = labelled
        .captures_iter(description)
        .map(|c| c.get(1).unwrap().as_str().trim())
        .collect();
    assert!(
        careers.len() > 1,
        "several careers, each said: {description}"
    );
    assert_eq!(
        description.matches("**[").count(),
        labelled.captures_iter(description).count(),
        "every citation says its career: {description}"
    );

    // /status lists the careers with their guide counts.
    let r = f
        .interact(&slash_command("status", json!([]), PERMS_MEMBER))
        .await;
    let text = text_of(&r["data"]);
    assert!(text.contains("Careers (5)"), "{text}");
    assert!(text.contains("Back-End Developer (5 guides)"), "{text}");
    assert!(text.contains("Electrician (1 guide)"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn careers_over_the_gateway() {
    let d = dirs_with_careers();
    let f = Face::gateway(&d).await;
    careers_scenario(&f).await;
    f.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn careers_over_the_http_endpoint() {
    let d = dirs_with_careers();
    let f = Face::http(&d).await;
    careers_scenario(&f).await;
    f.stop().await;
}

/// `/sources add career:` records the guide's career in the manifest; after the reindex the
/// career is the library's, `/sources list` shows it, and questions about it are answered from
/// the new guide instead of being refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_guide_added_with_its_career_makes_that_career_covered() {
    let d = dirs_with_careers();
    let f = Face::http(&d).await;
    let before = f.interact(&ask("How much do nurses make?", None)).await;
    assert!(
        text_of(&before["data"]).contains("The guides don't cover nurses"),
        "{before}"
    );
    let guide = "Caring for patients\n\nWhat nurses do\n\nNurses assess patients, give medication and \
                 keep records on hospital wards.\n\nNurse salary\n\nA registered nurse earns \
                 $70,000 to $95,000 a year; night shifts pay more.\n";
    let url = f.fake().host_attachment_as(
        "t/nursing",
        Hosting::ok("text/plain"),
        guide.as_bytes().to_vec(),
    );
    let mut add = slash_command_with_attachment(
        "sources",
        "file",
        &url,
        "nursing.txt",
        "text/plain",
        guide.len() as u64,
        ADMINISTRATOR,
    );
    let file = add["data"]["options"][0].clone();
    add["data"]["options"] = json!([{ "type": 1, "name": "add", "options": [
        file, { "type": 3, "name": "career", "value": "registered nurses" }
    ] }]);
    assert_eq!(f.interact(&add).await["type"], 5);
    let done = f
        .edited(&add, |m| text_of(m).contains("Reindex done"))
        .await;
    assert!(text_of(&done).contains("about Registered Nurse"), "{done}");
    let manifest = std::fs::read_to_string(d.seeds.join("sources.toml")).unwrap();
    assert!(
        manifest.ends_with("[[guide]]\nfile = \"nursing.txt\"\ncareer = \"Registered Nurse\"\n"),
        "{manifest}"
    );
    let list = f
        .interact(&slash_command(
            "sources",
            json!([{ "type": 1, "name": "list" }]),
            ADMINISTRATOR,
        ))
        .await;
    let text = text_of(&list["data"]);
    assert!(
        text.contains("`nursing.txt`") && text.contains("· Registered Nurse"),
        "{text}"
    );
    assert!(text.contains("· Electrician"), "{text}");
    let after = f
        .interact(&ask("How much does a registered nurse make?", None))
        .await;
    let text = text_of(&after["data"]);
    assert!(text.contains("From the Registered Nurse guides"), "{text}");
    assert!(text.contains("$70,000"), "{text}");
    f.stop().await;
}

/// `careerbot` on the five careers' library, with its own index and no config file.
fn cli(d: &Dirs, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_careerbot"))
        .args(args)
        .current_dir(&d.seeds)
        .env_remove("CAREERBOT_CONFIG")
        .env_remove("RUST_LOG")
        .env("NO_COLOR", "1")
        .env("CAREERBOT_SEEDS_DIR", &d.seeds)
        .env("CAREERBOT_INDEX_DIR", &d.index)
        .env("CAREERBOT_DATA_DIR", &d.data)
        .output()
        .expect("run careerbot")
}

fn cli_ok(d: &Dirs, args: &[&str]) -> String {
    let out = cli(d, args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The CLI: `careers`, `ask --career` (unknown and ambiguous names are usage errors), a question
/// naming a career, one about a career no guide covers, and answers over several careers.
#[test]
fn the_cli_lists_careers_and_answers_from_one() {
    let d = dirs_with_careers();
    let text = cli_ok(&d, &["careers"]);
    assert!(text.contains("   5  Back-End Developer\n"), "{text}");
    assert!(text.contains("   1  Electrician\n"), "{text}");
    assert!(text.ends_with("5 careers, 9 guides\n"), "{text}");
    let json: Value = serde_json::from_str(&cli_ok(&d, &["careers", "--json"])).unwrap();
    assert_eq!(json[2], json!({ "name": "Electrician", "guides": 1 }));
    assert!(cli_ok(&d, &["sources"]).contains("[Product Manager]"));

    // --career, in any spelling; every result from that career's guide.
    let v: Value =
        serde_json::from_str(&cli_ok(&d, &["ask", "--json", "--career", "pm", "salary"])).unwrap();
    assert_eq!(v["career"], "Product Manager");
    let results = v["results"].as_array().unwrap();
    assert!(!results.is_empty());
    assert!(
        results.iter().all(
            |r| r["career"] == "Product Manager" && r["source"] == "product-manager-guide.html"
        )
    );
    for (career, said) in [
        (
            "developer",
            "could be Back-End Developer or Front-End Developer",
        ),
        ("astronaut", "no guide is about \"astronaut\""),
    ] {
        let out = cli(&d, &["ask", "--career", career, "salary"]);
        assert_eq!(out.status.code(), Some(2), "{career}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(said),
            "{career}"
        );
    }

    // A question naming a career; one about a career no guide covers.
    let text = cli_ok(&d, &["ask", "How much do journeyman electricians make?"]);
    assert!(text.contains("(from the Electrician guides)"), "{text}");
    assert!(text.contains("(electrician-career-guide.txt:"), "{text}");
    let v: Value = serde_json::from_str(&cli_ok(
        &d,
        &["ask", "--json", "What skills does a marine biologist need?"],
    ))
    .unwrap();
    assert_eq!(v["confident"], false);
    assert_eq!(v["reason"], "not_in_library");
    assert_eq!(v["role"], "marine biologist");
    assert_eq!(v["careers"].as_array().unwrap().len(), 5);
    assert_eq!(v["results"], json!([]));
    let text = cli_ok(&d, &["ask", "How much do firefighters earn?"]);
    assert!(
        text.contains(&format!(
            "The guides don't cover firefighters. They cover: {CAREERS}."
        )),
        "{text}"
    );

    // Over several careers, each citation says its career.
    let text = cli_ok(&d, &["ask", "-n", "8", "salary by experience level"]);
    // A guide with a link (the product manager's has one) ends its citation with ` <url>`.
    let cited =
        regex::Regex::new(r"(?m)^\[\d+\] ([^·\n]+) · .+ — .+ \(.+:\d+-\d+\)( <https://[^ >]+>)?$")
            .unwrap();
    let careers: BTreeSet<&str> = cited
        .captures_iter(&text)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    assert!(careers.len() > 1, "{text}");
    assert_eq!(
        cited.captures_iter(&text).count(),
        text.lines().filter(|l| l.starts_with('[')).count(),
        "{text}"
    );
}
