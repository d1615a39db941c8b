//! End-to-end: follow-ups in a thread, over each transport, in a library of five careers. An
//! answer's "Follow up" opens a modal; the submitted question is read in the conversation's
//! context and answered in a public thread started from the answer; a follow-up on an answer in
//! the thread stays in it; `/ask` in the thread continues the conversation; the conversation
//! survives a restart; a follow-up after the idle expiry starts afresh; without the thread
//! permissions (as Discord reports them, or as it refuses) the member is told, privately.

mod support;

use serde_json::{Value, json};
use support::checks::{custom_ids, ephemeral, text_of};
use support::dirs::{Dirs, dirs_with_careers};
use support::faces::{Face, WAIT};
use support::fake_discord::{
    CHANNEL_ID, PERMS_APP_THREADS, PERMS_MEMBER, button_click, in_thread, modal_submit,
    slash_command,
};

/// `/ask question` (in `thread`, when given): the interaction and the message it became.
async fn ask(face: &Face, question: &str, thread: Option<u64>) -> (Value, Value) {
    let mut ix = slash_command(
        "ask",
        json!([{ "type": 3, "name": "question", "value": question }]),
        PERMS_MEMBER,
    );
    if let Some(t) = thread {
        in_thread(&mut ix, t);
    }
    let r = face.interact(&ix).await;
    assert_eq!(r["type"], 4, "{}: {r}", face.name());
    let message = face.message(&ix);
    (ix, message)
}

/// The "Follow up" button's custom id on a message.
fn follow_id(message: &Value) -> String {
    custom_ids(message)
        .into_iter()
        .find(|id| id.starts_with("follow:"))
        .unwrap_or_else(|| panic!("no Follow up button on {message}"))
}

/// The bot may start threads and post in them (as Discord tells it in `app_permissions`).
fn with_thread_permissions(ix: &mut Value) {
    ix["app_permissions"] = json!(PERMS_APP_THREADS.to_string());
}

/// Clicks "Follow up" under `message` (in `thread`, when it is there) and submits `question` in
/// the modal; returns the submit interaction.
async fn follow_up(face: &Face, message: &Value, question: &str, thread: Option<u64>) -> Value {
    follow_up_in(face, "en-US", message, question, thread).await
}

/// [`follow_up`] by a member whose Discord client speaks `locale`.
async fn follow_up_in(
    face: &Face,
    locale: &str,
    message: &Value,
    question: &str,
    thread: Option<u64>,
) -> Value {
    let id = follow_id(message);
    let mut click = button_click(&id, Some(message.clone()), PERMS_MEMBER);
    click["locale"] = json!(locale);
    with_thread_permissions(&mut click);
    if let Some(t) = thread {
        in_thread(&mut click, t);
    }
    let modal = face.interact(&click).await;
    assert_eq!(modal["type"], 9, "a modal: {modal}");
    assert_eq!(modal["data"]["custom_id"], id.as_str());
    let input = &modal["data"]["components"][0]["components"][0];
    assert_eq!(input["type"], 4, "a text input: {modal}");
    assert!(input["max_length"].as_u64().is_some_and(|n| n <= 4000));
    let mut submit = modal_submit(
        &id,
        input["custom_id"].as_str().unwrap(),
        question,
        message.clone(),
    );
    submit["locale"] = json!(locale);
    with_thread_permissions(&mut submit);
    if let Some(t) = thread {
        in_thread(&mut submit, t);
    }
    let r = face.interact(&submit).await;
    assert_eq!(r["type"], 5, "acknowledged at once: {r}");
    assert!(ephemeral(&r), "privately: {r}");
    submit
}

/// Waits for the follow-up's "Answered in the thread" and returns the thread and the answer
/// posted in it.
async fn answered(face: &Face, submit: &Value) -> (u64, Value) {
    answered_saying(face, submit, "Answered in the thread").await
}

/// [`answered`], the private edit saying `said`.
async fn answered_saying(face: &Face, submit: &Value, said: &str) -> (u64, Value) {
    let edit = face.edited(submit, |m| text_of(m).contains(said)).await;
    let text = text_of(&edit);
    let thread: u64 = text
        .split("<#")
        .nth(1)
        .and_then(|rest| rest.split('>').next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("no thread named in {text}"));
    let posted = face
        .fake()
        .channel_messages(thread)
        .pop()
        .expect("the answer is posted in the thread");
    (thread, posted)
}

/// The "Read as" line of a message.
fn read_as(message: &Value) -> String {
    line_starting(message, "**Read as:**")
}

/// The line of a message's content that starts with `start`.
fn line_starting(message: &Value, start: &str) -> String {
    let content = message["content"].as_str().unwrap_or_default();
    content
        .lines()
        .find(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("no {start} line in {message}"))
        .to_string()
}

/// A chain of three turns (the answer, a follow-up that starts the thread, a follow-up on the
/// answer in the thread) and `/ask` in the thread, each read in the context before it.
async fn chain(face: &Face) -> u64 {
    let (_, first) = ask(face, "How much does a data analyst earn?", None).await;
    assert!(
        first["flags"].as_u64().unwrap_or(0) & 64 == 0,
        "a public answer"
    );

    let submit = follow_up(face, &first, "and for seniors?", None).await;
    let (thread, second) = answered(face, &submit).await;
    let started = face
        .fake()
        .requests_matching("POST", "/channels/*/messages/*/threads");
    assert_eq!(started.len(), 1, "{}", face.name());
    assert_eq!(
        started[0].path,
        format!(
            "/channels/{CHANNEL_ID}/messages/{}/threads",
            first["id"].as_str().unwrap()
        )
    );
    let name = started[0].json.as_ref().unwrap()["name"].as_str().unwrap();
    assert!((1..=100).contains(&name.chars().count()));
    assert_eq!(
        face.fake().thread(thread).unwrap()["parent_id"],
        CHANNEL_ID.to_string()
    );
    let said = read_as(&second);
    assert!(
        said.contains("Data Analyst salary, senior"),
        "career and intent carried, level new: {said}"
    );
    assert!(
        said.contains("carried from earlier: career, intent"),
        "{said}"
    );
    assert!(text_of(&second).contains("and for seniors?"));
    let posted = face
        .fake()
        .requests_matching("POST", &format!("/channels/{thread}/messages"));
    assert_eq!(posted.len(), 1);
    assert_eq!(
        posted[0].json.as_ref().unwrap()["allowed_mentions"]["parse"],
        json!([]),
        "nobody pinged"
    );

    // The answer in the thread has its own Follow up; its answer stays in the thread.
    let submit = follow_up(face, &second, "what about the lead level?", Some(thread)).await;
    let (same, third) = answered(face, &submit).await;
    assert_eq!(same, thread, "{}", face.name());
    assert_eq!(face.fake().threads().len(), 1, "no second thread");
    let said = read_as(&third);
    assert!(
        said.contains("Data Analyst salary, lead"),
        "the new level replaces the old: {said}"
    );

    // /ask in the thread continues the same conversation.
    let (_, fourth) = ask(face, "and the skills?", Some(thread)).await;
    let said = read_as(&fourth);
    assert!(
        said.contains("Data Analyst skills, lead"),
        "a new intent, the career and level carried: {said}"
    );
    thread
}

async fn scenario(face: Face) {
    chain(&face).await;

    // Without the thread permissions (as Discord sends them): told at the click, privately.
    let (_, answer) = ask(&face, "How much does an electrician earn?", None).await;
    let click = button_click(&follow_id(&answer), Some(answer.clone()), PERMS_MEMBER);
    let r = face.interact(&click).await;
    assert_eq!(r["type"], 4);
    assert!(ephemeral(&r));
    assert!(text_of(&r["data"]).contains("Create Public Threads"), "{r}");

    // Discord refusing the thread (403 Missing Permissions): told in the private response.
    face.fake().fail_next(
        "POST",
        "/threads",
        403,
        json!({"code": 50013, "message": "Missing Permissions"}),
    );
    let submit = follow_up(&face, &answer, "and for apprentices?", None).await;
    let told = face
        .edited(&submit, |m| text_of(m).contains("Create Public Threads"))
        .await;
    assert_eq!(told["content"].as_str().map(str::is_empty), Some(false));

    // A hidden answer has no Follow up: an ephemeral message cannot start a thread.
    let hidden = slash_command(
        "ask",
        json!([
            { "type": 3, "name": "question", "value": "How much does a product manager earn?" },
            { "type": 5, "name": "hide", "value": true }
        ]),
        PERMS_MEMBER,
    );
    let r = face.interact(&hidden).await;
    let buttons = custom_ids(&r["data"]);
    assert!(buttons.iter().any(|id| id.starts_with("up:")), "{r}");
    assert!(!buttons.iter().any(|id| id.starts_with("follow:")), "{r}");
    face.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn follow_ups_in_a_thread_over_the_gateway() {
    let d = dirs_with_careers();
    scenario(Face::gateway(&d).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn follow_ups_in_a_thread_over_http() {
    let d = dirs_with_careers();
    scenario(Face::http(&d).await).await;
}

/// Issue 14, gap 1: a Spanish-speaking member's follow-up says how it was read in Spanish — the
/// intent, the level and what was carried — the career as the guides name it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_spanish_follow_up_is_read_as_in_spanish() {
    let d = dirs_with_careers();
    let face = Face::gateway(&d).await;
    let (_, first) = ask(&face, "How much does a data analyst earn?", None).await;
    let submit = follow_up_in(&face, "es-ES", &first, "¿y para seniors?", None).await;
    let (_, second) = answered_saying(&face, &submit, "Respondido en el hilo").await;
    let said = line_starting(&second, "**Leído como:**");
    assert!(
        said.contains("Data Analyst, salario, sénior"),
        "career and intent carried, level new: {said}"
    );
    assert!(
        said.contains("de lo anterior: carrera, intención"),
        "{said}"
    );
    for english in ["Read as", "salary", "senior", "carried", "career", "intent"] {
        assert!(!said.contains(english), "{english} in {said}");
    }
    face.stop().await;
}

/// Ages every conversation of the bot's database past any idle expiry, as time passing would.
fn age_conversations(d: &Dirs) {
    let db = rusqlite::Connection::open(d.data.join("careerbot.sqlite3")).unwrap();
    db.busy_timeout(WAIT).unwrap();
    let n = db
        .execute(
            "UPDATE conversations SET updated_at = updated_at - 10 * 24 * 3600",
            [],
        )
        .unwrap();
    assert!(n >= 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_conversation_survives_a_restart_and_starts_afresh_after_its_idle_time() {
    let d = dirs_with_careers();
    let face = Face::gateway(&d).await;
    let (_, first) = ask(&face, "How much does a data analyst earn?", None).await;
    let submit = follow_up(&face, &first, "and for seniors?", None).await;
    let (thread, _) = answered(&face, &submit).await;
    face.stop().await;

    // Another process (the HTTP endpoint) over the same database continues it.
    let face = Face::http(&d).await;
    let (_, after) = ask(&face, "what about the lead level?", Some(thread)).await;
    let said = read_as(&after);
    assert!(
        said.contains("Data Analyst salary, lead"),
        "the conversation survived the restart: {said}"
    );

    // Idle past `conversation_idle_minutes`: the next turn carries nothing.
    age_conversations(&d);
    let (_, fresh) = ask(&face, "and for seniors?", Some(thread)).await;
    let said = read_as(&fresh);
    assert!(
        !said.contains("Data Analyst") && !said.contains("carried"),
        "an idle conversation starts afresh: {said}"
    );
    assert!(said.contains("senior"), "{said}");
    // And the turn after that is read in the fresh context.
    let (_, next) = ask(&face, "how much do electricians earn?", Some(thread)).await;
    let (_, last) = ask(&face, "and the skills?", Some(thread)).await;
    assert!(
        read_as(&next).contains("Electrician salary, senior"),
        "{next}"
    );
    assert!(
        read_as(&last).contains("Electrician skills, senior"),
        "{last}"
    );
    face.stop().await;
}
