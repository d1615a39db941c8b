//! End-to-end: the skills of guides that list them in shapes the other fixtures lack
//! (`tests/fixtures/skills_shapes/`, see its ABOUT), built with the engine as every face builds
//! it. Each career's skills are exactly what a careful reader lists, each cited at its line in
//! the passage (section and line range) it is in; no label, heading or sentence comes out as a
//! skill.

#[path = "support/more_careers.rs"]
mod more_careers;
#[path = "support/skill_rows.rs"]
mod skill_rows;

use std::path::{Path, PathBuf};

use careerbot::answer::skills::{SkillsAnswer, Topic};
use careerbot::engine::{Engine, QuestionCareer};
use skill_rows::{Row, row, skills, sorted, want};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/skills_shapes")
}

/// An engine over a copy of the fixture guides and their manifest, built in `work`.
fn engine(work: &Path) -> Engine {
    more_careers::engine_of(&fixtures(), work)
}

/// The one citation of every skill, as rows sorted by line, then name.
fn cited(a: &SkillsAnswer) -> Vec<Row> {
    sorted(
        a.skills
            .iter()
            .map(|s| {
                assert_eq!(s.citations.len(), 1, "{s:?}");
                row(s, &s.citations[0])
            })
            .collect(),
    )
}

/// Every citation's words are on the cited line of the guide as written (text guides), or start
/// there and carry on onto the next line (a wrapped line is read whole).
fn surfaces_on_their_lines(a: &SkillsAnswer, file: &str) {
    let text = std::fs::read_to_string(fixtures().join(file)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    for s in &a.skills {
        for c in &s.citations {
            let at = c.cite.line as usize - 1;
            let line = lines[at];
            let wrapped = format!("{line} {}", lines.get(at + 1).unwrap_or(&"").trim());
            assert!(
                line.contains(&c.surface) || wrapped.contains(&c.surface),
                "{}: {:?} not on {line:?}",
                s.name,
                c.surface
            );
            assert_eq!(c.cite.source, file);
        }
    }
}

/// No skill is a label, a heading word or a sentence; none repeats.
fn no_junk(a: &SkillsAnswer) {
    let mut seen = std::collections::HashSet::new();
    for s in &a.skills {
        assert!(seen.insert(s.name.to_lowercase()), "{} twice", s.name);
        let lower = s.name.to_lowercase();
        for label in [
            "required",
            "nice to have",
            "obligatorio",
            "recomendable",
            "hard skills",
            "soft skills",
        ] {
            assert_ne!(lower, label, "{s:?}");
        }
        assert!(!s.name.ends_with(['.', ':']), "{}", s.name);
        assert!(s.name.split_whitespace().count() <= 6, "{}", s.name);
    }
}

use Topic::{Certifications as Cert, SoftSkills as Soft, Technical as Tech, Tools};

#[test]
fn the_pilot_guide_tells_its_skills_in_prose_and_its_licences_by_need() {
    let work = tempfile::tempdir().unwrap();
    let engine = engine(work.path());
    let a = skills(&engine, "Airline Pilot");
    let prose = "What Makes a Good Pilot";
    let lic = "Licences and Ratings";
    assert_eq!(
        cited(&a),
        want(&[
            // "Good pilots combine a, b, c and d when something goes wrong."
            ("Precise instrument flying", Tech, 13, "11-15", prose),
            ("Situational awareness", Tech, 13, "11-15", prose),
            ("Crew resource management", Tech, 13, "11-15", prose),
            ("Calm decision-making", Tech, 13, "11-15", prose),
            // "The skills that check rides test most are a, b and c."
            ("Instrument procedures", Tech, 15, "11-15", prose),
            ("Energy management on approach", Tech, 15, "11-15", prose),
            ("Clear radio phraseology", Tech, 15, "11-15", prose),
            // "Required: …" / "Nice to have: …"
            ("First-class medical certificate", Cert, 21, "17-22", lic),
            ("Commercial pilot licence", Cert, 21, "17-22", lic),
            ("Multi-engine rating", Cert, 21, "17-22", lic),
            (
                "Airline Transport Pilot certificate",
                Cert,
                21,
                "17-22",
                lic
            ),
            ("Certified flight instructor rating", Cert, 22, "17-22", lic),
            (
                "Type rating on the airline's aircraft",
                Cert,
                22,
                "17-22",
                lic
            ),
            ("College degree", Cert, 22, "17-22", lic),
        ])
    );
    surfaces_on_their_lines(&a, "airline-pilot.txt");
    no_junk(&a);
    // The sentence that names no list ("Airlines also want captains who can brief …") and the
    // pay paragraph give nothing.
    assert!(a.skills.iter().all(|s| s.citations[0].cite.line != 9));
}

#[test]
fn the_pastry_guide_splits_hard_and_soft_skills_under_one_heading() {
    let work = tempfile::tempdir().unwrap();
    let engine = engine(work.path());
    let a = skills(&engine, "Pastry Chef");
    let need = "Skills you need";
    let first = "Skills you'll build in your first year";
    let tools = "The tools of a pastry kitchen";
    assert_eq!(
        cited(&a),
        want(&[
            // "**Hard skills:** …" / "**Soft skills:** …": bold category labels.
            ("Lamination", Tech, 13, "11-15", need),
            ("Chocolate tempering", Tech, 13, "11-15", need),
            ("Sugar work", Tech, 13, "11-15", need),
            ("Cake decorating", Tech, 13, "11-15", need),
            ("Food costing", Tech, 13, "11-15", need),
            ("Stamina", Soft, 15, "11-15", need),
            ("Creativity", Soft, 15, "11-15", need),
            ("Patience", Soft, 15, "11-15", need),
            ("Steady hand", Soft, 15, "11-15", need),
            // "- **Food safety** — you'll be certified in …": the bold lead.
            ("Baking science", Tech, 19, "17-22", first),
            ("Food safety", Tech, 20, "17-22", first),
            ("Mise en place", Tech, 21, "17-22", first),
            ("Plating", Tech, 22, "17-22", first),
            // "| # | Tool | What it's for |": the Tool column, not the row number.
            ("Digital scale", Tools, 28, "24-31", tools),
            ("Stand mixer", Tools, 29, "24-31", tools),
            ("Dough sheeter", Tools, 30, "24-31", tools),
            ("Instant-read thermometer", Tools, 31, "24-31", tools),
        ])
    );
    surfaces_on_their_lines(&a, "pastry-chef.md");
    no_junk(&a);
}

#[test]
fn the_pharmacy_page_lists_skills_in_a_two_column_table() {
    let work = tempfile::tempdir().unwrap();
    let engine = engine(work.path());
    let a = skills(&engine, "Pharmacy Technician");
    let skills_h = "Skills pharmacy technicians need";
    let cert = "Certification";
    assert_eq!(
        cited(&a),
        want(&[
            // The <table>'s "Skill" column, row by row (HTML rows have no outer pipes), each cited at
            // its own line of the page.
            ("Dosage calculations", Tech, 16, "12-23", skills_h),
            ("Medication names and classes", Tech, 17, "12-23", skills_h),
            ("Insurance billing", Tech, 18, "12-23", skills_h),
            ("Sterile compounding", Tech, 19, "12-23", skills_h),
            ("Customer service", Tech, 20, "12-23", skills_h),
            // "Employers also need technicians who show a, b and c."
            ("Accuracy", Tech, 23, "12-23", skills_h),
            (
                "Discretion with patient information",
                Tech,
                23,
                "12-23",
                skills_h
            ),
            ("Patience with busy queues", Tech, 23, "12-23", skills_h),
            // "Required: …" / "Nice to have: …" paragraphs.
            ("State registration", Cert, 26, "24-27", cert),
            ("High school diploma", Cert, 26, "24-27", cert),
            ("Background check", Cert, 26, "24-27", cert),
            ("PTCB certification", Cert, 27, "24-27", cert),
            ("ExCPT exam", Cert, 27, "24-27", cert),
            ("Sterile compounding certificate", Cert, 27, "24-27", cert),
        ])
    );
    no_junk(&a);
    // The table's header row and its "Why it matters" column are not skills.
    assert!(
        !a.skills
            .iter()
            .any(|s| s.name == "Skill" || s.name.contains("matters"))
    );
}

#[test]
fn the_spanish_guide_lists_technical_skills_personal_ones_in_prose_and_requirements() {
    let work = tempfile::tempdir().unwrap();
    let engine = engine(work.path());
    let a = skills(&engine, "Fisioterapeuta");
    let tec = "Habilidades técnicas";
    let per = "Habilidades personales";
    let tit = "Titulación y colegiación";
    assert_eq!(
        cited(&a),
        want(&[
            // "- Terapia manual: movilización articular, …": the label is the skill.
            ("Terapia manual", Tech, 14, "12-17", tec),
            (
                "Ejercicio terapéutico y readaptación deportiva",
                Tech,
                15,
                "12-17",
                tec
            ),
            // "- Electroterapia, ecografía y vendaje neuromuscular": an item that is a list.
            ("Electroterapia", Tech, 16, "12-17", tec),
            ("Ecografía", Tech, 16, "12-17", tec),
            ("Vendaje neuromuscular", Tech, 16, "12-17", tec),
            // An item too long for one name: two names joined by "y".
            ("Valoración funcional del paciente", Tech, 17, "12-17", tec),
            ("Redacción de informes", Tech, 17, "12-17", tec),
            // "Un buen fisioterapeuta combina a, b, c y d durante …".
            ("Empatía", Soft, 21, "19-23", per),
            ("Paciencia", Soft, 21, "19-23", per),
            ("Escucha activa", Soft, 21, "19-23", per),
            ("Capacidad para motivar al paciente", Soft, 21, "19-23", per),
            // "Obligatorio: …" wraps onto the next line; "Recomendable: …".
            ("Grado en Fisioterapia", Cert, 27, "25-29", tit),
            ("Colegiación", Cert, 27, "25-29", tit),
            ("Máster en fisioterapia deportiva", Cert, 29, "25-29", tit),
            ("Curso de punción seca", Cert, 29, "25-29", tit),
            ("Nivel B2 de inglés", Cert, 29, "25-29", tit),
        ])
    );
    surfaces_on_their_lines(&a, "fisioterapeuta-guia-es.md");
    no_junk(&a);
}

#[test]
fn the_surveyor_guide_names_each_technical_skill_in_a_sub_heading() {
    let work = tempfile::tempdir().unwrap();
    let engine = engine(work.path());
    let a = skills(&engine, "Land Surveyor");
    let got = cited(&a);
    // Each "####" sub-heading of "### Technical skills" that its text goes on to discuss, cited
    // at its heading line, in the passage it heads (or the one it was joined to).
    for row in want(&[
        ("Boundary law", Tech, 17, "11-20", "Skills you need"),
        (
            "GNSS and total stations",
            Tech,
            22,
            "22-25",
            "GNSS and total stations",
        ),
        ("Field math", Tech, 27, "27-30", "Field math"),
    ]) {
        assert!(got.contains(&row), "{row:?} not in {got:#?}");
    }
    // Advice under the list, and a question under the FAQ, are not skills.
    for s in &a.skills {
        assert!(!s.name.starts_with("How to"), "{}", s.name);
        assert!(!s.name.ends_with('?'), "{}", s.name);
        assert!(!s.name.contains("licence"), "{}", s.name);
    }
    surfaces_on_their_lines(&a, "land-surveyor.md");
}

/// Regression (outside probe): "pharm techs", as members clip "Pharmacy Technician", named no
/// career, so the question led with no card and another career's pay passage ranked first.
#[test]
fn a_career_clipped_as_members_write_it_is_named_and_its_card_leads() {
    let work = tempfile::tempdir().unwrap();
    let engine = engine(work.path());
    let question = "what do pharm techs earn an hour?";
    // Every face narrows the answer to the career the question names.
    let QuestionCareer::Named(career) = engine.question_career(question) else {
        panic!("{:?}", engine.question_career(question));
    };
    assert_eq!(career, "Pharmacy Technician");
    let mut options = engine.page(0);
    options.career = Some(career);
    let asked = engine.ask_with_card(question, options).unwrap();
    assert_eq!(asked.cards.len(), 1);
    assert_eq!(asked.cards[0].career, "Pharmacy Technician");
    let top = &asked.results.hits[0].passage;
    assert_eq!(
        (top.source.as_str(), top.section.as_str()),
        ("pharmacy-technician.html", "Pharmacy technician salary")
    );
}
