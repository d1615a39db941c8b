//! End-to-end: the images `/salary` and `/roadmap` attach speak the member's language, over each
//! transport, in a library of five careers: the careers side by side, one career's chart and its
//! timeline, for a Spanish member (`es-ES`, `es-419`) in Spanish and for an English one in
//! English. What an image draws is read from the text it carries (`ImageText`, the PNG's `iTXt`
//! chunk the painter fills with every text it draws), not from its pixels; its alt text (the
//! attachment's description) is its title.

mod support;

use careerbot::answer::chart::ImageText;
use careerbot::i18n::Locale;
use serde_json::{Value, json};
use support::dirs::dirs_with_careers;
use support::faces::Face;
use support::fake_discord::{PERMS_MEMBER, slash_command};

/// `command` with `options` from a member whose Discord client speaks `locale`.
fn command_in(locale: &str, command: &str, options: Value) -> Value {
    let mut ix = slash_command(command, options, PERMS_MEMBER);
    ix["locale"] = json!(locale);
    ix["guild_locale"] = json!("en-US");
    ix
}

fn career(name: &str) -> Value {
    json!({ "type": 3, "name": "career", "value": name })
}

/// The image `command` attaches for a member speaking `locale` (its response is deferred, then
/// edited with the image as `file`), and the text it draws.
async fn image(
    face: &Face,
    locale: &str,
    command: &str,
    options: Value,
    file: &str,
) -> (Vec<u8>, ImageText) {
    let at = face.name();
    let ix = command_in(locale, command, options);
    assert_eq!(
        face.interact(&ix).await["type"],
        5,
        "{at}: {command} defers"
    );
    let edit = face.edit(&ix).await;
    let attached = edit
        .files
        .iter()
        .find(|f| f.filename.as_deref() == Some(file))
        .unwrap_or_else(|| panic!("{at}: {command} attaches {file}"));
    let body = edit.json.as_ref().unwrap();
    assert_eq!(
        body["embeds"][0]["image"]["url"],
        format!("attachment://{file}"),
        "{at}"
    );
    let text = ImageText::of_png(&attached.bytes)
        .unwrap_or_else(|| panic!("{at}: {file} carries the text it draws"));
    // Its alt text is the title it draws, in the same language.
    let sent = body["attachments"]
        .as_array()
        .and_then(|a| a.iter().find(|a| a["filename"] == file))
        .unwrap_or_else(|| panic!("{at}: {file} in the message's attachments: {body}"));
    assert_eq!(sent["description"], text.lines[0].as_str(), "{at}");
    (attached.bytes.clone(), text)
}

/// Whether `lines` has a line that is `want`, or contains it when `within`.
fn has(lines: &[String], want: &str) -> bool {
    lines.iter().any(|l| l == want)
}

fn has_within(lines: &[String], want: &str) -> bool {
    lines.iter().any(|l| l.contains(want))
}

/// Words the images say in English of their own (never part of a guide's title or a career).
const ENGLISH: [&str; 14] = [
    "per year",
    "Salary ranges",
    "Salaries by career",
    ", median ",
    "median of",
    "Thousand",
    "source",
    "open-ended",
    "career timeline",
    "Years from the start",
    "stage",
    "of experience",
    "no time given",
    "Before the first job",
];

async fn scenario(face: Face) {
    let at = face.name();

    // /salary without a career: every career side by side, in Spanish.
    let (compared, text) = image(&face, "es-ES", "salary", json!([]), "salary.png").await;
    let lines = &text.lines;
    assert_eq!(text.lang, Locale::Es, "{at}");
    assert!(
        lines[0].starts_with("Salarios por carrera y nivel (") && lines[0].ends_with(" al año)"),
        "{at}: {lines:?}"
    );
    for want in ["Nivel inicial", "Nivel intermedio", "Sénior", "Electrician"] {
        assert!(has(lines, want), "{at}: {want} not drawn: {lines:?}");
    }
    assert!(
        has_within(lines, "mediana de los puntos medios"),
        "{at}: {lines:?}"
    );

    // /salary for one career: its guides' chart, in Spanish (Latin American Spanish too).
    let (own, text) = image(
        &face,
        "es-419",
        "salary",
        json!([career("electrician")]),
        "salary.png",
    )
    .await;
    let lines = &text.lines;
    assert_eq!(text.lang, Locale::Es, "{at}");
    assert_ne!(own, compared, "{at}");
    assert!(
        lines[0].starts_with("Rangos salariales por nivel (") && lines[0].ends_with(" al año)"),
        "{at}: {lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with("Miles de ")),
        "{at}: {lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.ends_with(" fuente") || l.ends_with(" fuentes")),
        "{at}: {lines:?}"
    );
    assert!(has_within(lines, ", mediana "), "{at}: {lines:?}");

    // /roadmap for one career: its timeline, in Spanish; the guide's own rung names as written.
    let (timeline, text) = image(
        &face,
        "es-ES",
        "roadmap",
        json!([career("electrician")]),
        "timeline.png",
    )
    .await;
    let lines = &text.lines;
    assert_eq!(text.lang, Locale::Es, "{at}");
    assert_eq!(lines[0], "Electrician: cronología de la carrera", "{at}");
    for want in [
        "Años desde el inicio de la carrera",
        "Etapa júnior",
        "Apprentice Electrician",
    ] {
        assert!(has(lines, want), "{at}: {want} not drawn: {lines:?}");
    }
    assert!(
        has_within(lines, "años de experiencia ["),
        "{at}: {lines:?}"
    );

    // Nothing English of the images' own in any of the three.
    for (name, png) in [
        ("comparison", &compared),
        ("chart", &own),
        ("timeline", &timeline),
    ] {
        let lines = ImageText::of_png(png).unwrap().lines;
        for english in ENGLISH {
            assert!(
                !has_within(&lines, english),
                "{at}: {name} draws {english:?}: {lines:?}"
            );
        }
    }

    // An English member asking the same gets the English images, not the Spanish ones cached.
    let (english_chart, text) = image(
        &face,
        "en-US",
        "salary",
        json!([career("electrician")]),
        "salary.png",
    )
    .await;
    assert_eq!(text.lang, Locale::En, "{at}");
    assert_ne!(english_chart, own, "{at}");
    assert!(
        text.lines[0].starts_with("Salary ranges by level (")
            && text.lines[0].ends_with(" per year)"),
        "{at}: {:?}",
        text.lines
    );
    let (_, text) = image(
        &face,
        "fr",
        "roadmap",
        json!([career("electrician")]),
        "timeline.png",
    )
    .await;
    assert_eq!(text.lang, Locale::En, "{at}");
    assert!(
        has(&text.lines, "Years from the start of the career"),
        "{at}: {:?}",
        text.lines
    );

    face.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_spanish_members_images_are_in_spanish_over_the_gateway() {
    let d = dirs_with_careers();
    scenario(Face::gateway(&d).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_spanish_members_images_are_in_spanish_over_http() {
    let d = dirs_with_careers();
    scenario(Face::http(&d).await).await;
}
