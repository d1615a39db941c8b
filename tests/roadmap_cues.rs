//! End-to-end: the roadmap's cue words as data (`assets/roadmap_cues.toml`), in English and
//! Spanish, built with the engine as every face builds it, over `tests/fixtures/roadmap_cues/`
//! (see its ABOUT) and the shipped career fixtures: a learning path told under "Pasos para ser
//! …", "Como conseguir tu primer empleo" (no accent) or "BREAKING INTO …"; Spanish imperatives
//! in the tú and usted forms, with and without accents, while a description in the third person
//! ("Trabaja en hospitales") is no step; interview advice under "Preparar la entrevista" and
//! "INTERVIEW TIPS"; promotions left out; Markdown emphasis taken out of the text, a bold label
//! kept as a label. Each item with its exact line.

#[path = "support/more_careers.rs"]
mod more_careers;
#[path = "support/roadmap_rungs.rs"]
mod roadmap_rungs;

use std::path::{Path, PathBuf};

use careerbot::answer::roadmap::{ItemKind, RoadmapAnswer, StepKind};
use more_careers::engine_of;
use roadmap_rungs::{line_starting, lines_where, roadmap};

fn fixtures(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir)
}

fn guide(dir: &str, name: &str) -> String {
    std::fs::read_to_string(fixtures(dir).join(name)).unwrap()
}

/// Each learning-path step as (line, its list, its text).
fn steps(a: &RoadmapAnswer) -> Vec<(u32, String, String)> {
    a.learning_path
        .iter()
        .map(|s| {
            assert_eq!(s.kind, StepKind::Step, "{s:?}");
            (s.cite.line, s.list.clone(), s.text.clone())
        })
        .collect()
}

/// Each interview item as (kind, line, text).
fn interviews(a: &RoadmapAnswer) -> Vec<(ItemKind, u32, String)> {
    a.interviews
        .iter()
        .map(|i| (i.kind, i.cite.line, i.text.clone()))
        .collect()
}

/// `(line_starting(start), list, text)` for each wanted step.
fn want_steps(file: &str, list: &str, want: &[(&str, &str)]) -> Vec<(u32, String, String)> {
    want.iter()
        .map(|(start, text)| {
            (
                line_starting(file, start),
                list.to_string(),
                text.to_string(),
            )
        })
        .collect()
}

#[test]
fn a_spanish_guide_lists_its_steps_and_interview_advice() {
    let work = tempfile::tempdir().unwrap();
    let engine = engine_of(&fixtures("roadmap_cues"), work.path());
    let file = guide("roadmap_cues", "tecnico-laboratorio-guia-es.md");
    let a = roadmap(&engine, "Técnico de Laboratorio");

    // "Pasos para ser …": every numbered step, usted and tú forms alike, emphasis taken out;
    // then the imperatives of the paragraph under the list, one written without its accent
    // ("Preparate"), one a tú form that is also the third person ("Estudia") but in a paragraph
    // that speaks to the reader. "Antes de matricularte, visita el centro." opens with no verb.
    let paragraph = line_starting(&file, "Antes de matricularte");
    let mut want = want_steps(
        &file,
        "Pasos para ser técnico de laboratorio",
        &[
            (
                "1. **Obtén",
                "Obtén el título de Técnico Superior en Laboratorio Clínico y Biomédico (2 años, unas 2.000 horas).",
            ),
            (
                "2. Realice",
                "Realice las prácticas en un hospital o laboratorio acreditado.",
            ),
            (
                "3. Inscríbase",
                "Inscríbase en la bolsa de empleo de su comunidad autónoma.",
            ),
            (
                "4. *Prepara*",
                "Prepara las oposiciones si quieres trabajar en la sanidad pública.",
            ),
        ],
    );
    for text in [
        "Preparate tambien para los turnos de noche: en los hospitales son habituales.",
        "Estudia con constancia y repasa cada semana la hematología básica.",
    ] {
        want.push((
            paragraph,
            "Pasos para ser técnico de laboratorio".into(),
            text.into(),
        ));
    }
    // "Como conseguir tu primer empleo sin experiencia", written without its accent: every
    // bullet, the bold "Consejo:" kept as a label without its asterisks.
    want.extend(want_steps(
        &file,
        "Como conseguir tu primer empleo sin experiencia",
        &[
            (
                "- Envía",
                "Envía tu currículum a los laboratorios privados de tu provincia, no solo a los hospitales.",
            ),
            (
                "- Apúntate",
                "Apúntate a las bolsas de trabajo temporales de verano: son la puerta de entrada más común.",
            ),
            (
                "- **Consejo:**",
                "Consejo: pide una carta de recomendación al tutor de tus prácticas.",
            ),
        ],
    ));
    assert_eq!(steps(&a), want);
    // The description in the third person ("Trabaja en hospitales", "Prepara los reactivos")
    // and the advertisement ("Suscríbete a nuestro boletín") are no steps.
    let description = line_starting(&file, "El técnico de laboratorio clínico analiza");
    let advert = line_starting(&file, "> **Publicidad**");
    assert!(
        a.learning_path
            .iter()
            .all(|s| s.cite.line != description && s.cite.line != advert),
        "{:#?}",
        a.learning_path
    );

    // "Preparar la entrevista": the imperatives of its paragraph ("Repasa", a tú form, in a
    // paragraph with "Lleve", an usted one) and its bullets.
    let prose = line_starting(&file, "Las entrevistas suelen ser cortas");
    use ItemKind::InterviewAdvice;
    assert_eq!(
        interviews(&a),
        vec![
            (
                InterviewAdvice,
                prose,
                "Repasa los protocolos de bioseguridad y el manejo de muestras biológicas.".into()
            ),
            (
                InterviewAdvice,
                prose,
                "Lleve su certificado de prácticas y una copia del título.".into()
            ),
            (
                InterviewAdvice,
                line_starting(&file, "- Explica"),
                "Explica cómo actuarías ante una muestra mal etiquetada.".into()
            ),
            (
                InterviewAdvice,
                line_starting(&file, "- Demuestra"),
                "Demuestra que conoces el control de calidad interno.".into()
            ),
        ]
    );

    // "dan el salto a machine learning": a lateral move told in Spanish.
    let moves: Vec<(String, u32)> = a
        .lateral_moves
        .iter()
        .flat_map(|m| m.citations.iter().map(|c| (m.track.clone(), c.cite.line)))
        .collect();
    assert_eq!(
        moves,
        vec![(
            "Machine learning / AI".to_string(),
            line_starting(&file, "Con experiencia, muchos técnicos")
        )]
    );
}

#[test]
fn an_english_guide_tells_its_path_under_breaking_into() {
    let work = tempfile::tempdir().unwrap();
    let engine = engine_of(&fixtures("roadmap_cues"), work.path());
    let file = guide("roadmap_cues", "park-ranger-guide.txt");
    let a = roadmap(&engine, "Park Ranger");

    // A plain-text heading in capitals, "BREAKING INTO PARK RANGER WORK": the numbered steps
    // (the `__bold__` one without its underscores) and the imperative of the paragraph after
    // them; the sentence selling a bootcamp is none.
    let list = "BREAKING INTO PARK RANGER WORK";
    let mut want = want_steps(
        &file,
        list,
        &[
            (
                "1. Earn",
                "Earn a degree in natural resources, biology, forestry or recreation management (4 years).",
            ),
            (
                "2. Volunteer",
                "Volunteer with a park service or a trail crew while you study.",
            ),
            (
                "3. Apply",
                "Apply for seasonal ranger jobs each winter; hiring for summer opens in November.",
            ),
            (
                "4. Get",
                "Get first aid and wilderness first responder certification.",
            ),
            (
                "5. __Keep",
                "Keep every evaluation from your seasonal supervisors: permanent postings ask for them.",
            ),
        ],
    );
    want.push((
        line_starting(&file, "Read each posting closely"),
        list.into(),
        "Read each posting closely, because federal applications are scored on how well your resume matches the listed duties.".into(),
    ));
    assert_eq!(steps(&a), want);
    assert!(a.learning_path.iter().all(|s| !s.text.contains("Bootcamp")));
    // The first step's own time is kept.
    let first = &a.learning_path[0];
    let d = first.duration.as_ref().expect("(4 years)");
    assert_eq!((d.min_years, d.max_years), (4.0, Some(4.0)));

    // "INTERVIEW TIPS": each bullet (the bold label kept, its asterisks gone) and the imperative
    // of the paragraph after them.
    use ItemKind::InterviewAdvice;
    assert_eq!(
        interviews(&a),
        vec![
            (
                InterviewAdvice,
                line_starting(&file, "- **Situational questions:**"),
                "Situational questions: expect \"A visitor refuses to put out a campfire during a burn ban. What do you do?\"".into()
            ),
            (
                InterviewAdvice,
                line_starting(&file, "- Bring examples"),
                "Bring examples of times you handled an angry member of the public calmly.".into()
            ),
            (
                InterviewAdvice,
                line_starting(&file, "- Research the park"),
                "Research the park before the interview: its history, its wildlife and its current projects.".into()
            ),
            (
                InterviewAdvice,
                line_starting(&file, "Panels usually include"),
                "Practice explaining safety decisions out loud.".into()
            ),
        ]
    );
}

/// The two shipped guides the cues were widened for: the Spanish front-end guide's "Cómo
/// conseguir tu primer empleo" and "Consejos para la entrevista", and the product-manager
/// guide's "How to land your first product manager job"; interview items without Markdown
/// emphasis.
#[test]
fn the_shipped_spanish_and_product_guides_give_their_first_job_steps() {
    let work = tempfile::tempdir().unwrap();
    let engine = engine_of(&fixtures("careers"), work.path());

    let file = guide("careers", "frontend-developer-guide-es.md");
    let a = roadmap(&engine, "Front-End Developer");
    let bullets = |from: &str, to: &str| -> Vec<u32> {
        let (from, to) = (line_starting(&file, from), line_starting(&file, to));
        lines_where(&file, |l| l.starts_with("- "))
            .into_iter()
            .filter(|n| (from..to).contains(n))
            .collect()
    };
    let first_job = bullets(
        "## Cómo conseguir tu primer empleo",
        "## Consejos para la entrevista",
    );
    assert_eq!(first_job.len(), 5);
    let got: Vec<(u32, String)> = a
        .learning_path
        .iter()
        .map(|s| (s.cite.line, s.list.clone()))
        .collect();
    let want: Vec<(u32, String)> = first_job
        .iter()
        .map(|&n| (n, "Cómo conseguir tu primer empleo".to_string()))
        .collect();
    assert_eq!(got, want);
    assert_eq!(
        a.learning_path[0].text,
        "Publica tres o cuatro proyectos reales en GitHub, con demo en línea."
    );
    let tips = bullets("## Consejos para la entrevista", "## Preguntas frecuentes");
    let got: Vec<(ItemKind, u32)> = a.interviews.iter().map(|i| (i.kind, i.cite.line)).collect();
    let want: Vec<(ItemKind, u32)> = tips
        .iter()
        .map(|&n| (ItemKind::InterviewAdvice, n))
        .collect();
    assert_eq!(got, want);
    // The duties under "¿Qué hace …?", in a passage whose own heading is the guide's title
    // ("… cómo ser desarrollador frontend"), are read under their own heading: no steps.
    assert!(
        a.learning_path
            .iter()
            .all(|s| !s.text.starts_with("Maquetar"))
    );

    let file = guide("careers", "product-manager-guide.html");
    let a = roadmap(&engine, "Product Manager");
    let steps: Vec<(&str, &str)> = a
        .learning_path
        .iter()
        .map(|s| (s.list.as_str(), s.text.as_str()))
        .collect();
    let list = "How to land your first product manager job";
    assert_eq!(
        steps
            .iter()
            .map(|(l, t)| (*l, t.split('.').next().unwrap()))
            .collect::<Vec<_>>(),
        vec![
            (list, "Apply to APM programs"),
            (list, "Transfer internally"),
            (list, "Act like a PM now"),
            (list, "Build a side product"),
            (list, "Write product teardowns"),
        ]
    );
    // One step a line, in order (cited at the lines of the guide's text).
    let lines: Vec<u32> = a.learning_path.iter().map(|s| s.cite.line).collect();
    assert!(lines.windows(2).all(|w| w[1] == w[0] + 1), "{lines:?}");
    assert!(file.contains("<h2 id=\"first-job\">How to land your first product manager job</h2>"));
    // "**Product sense:** …" reads "Product sense: …".
    let sense = a
        .interviews
        .iter()
        .find(|i| i.text.starts_with("Product sense"))
        .expect("the product-sense round");
    assert!(
        sense.text.starts_with("Product sense: “Design a product"),
        "{}",
        sense.text
    );
    assert!(a.interviews.iter().all(|i| !i.text.contains("**")));
}
