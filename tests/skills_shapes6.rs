//! End-to-end: the skills of guides written in the shapes a second outside probe found missed
//! (`tests/fixtures/skills_shapes6/`, see its ABOUT): skills as a comma list inside a sentence
//! (wrapped over lines, joined by "as well as"/"plus", Spanish "y"/"así como"), tables whose
//! columns are kinds of skills, must-have and nice-to-have lists, and the junk around them
//! (places of work, steps of an education path, labels and bold sentences, a soft skill read from
//! a verb). Each career's skills are exactly what a careful reader lists, each cited at the line
//! its words are on, in the passage (section and line range) it is in.

#[path = "support/more_careers.rs"]
mod more_careers;
#[path = "support/skill_rows.rs"]
mod skill_rows;

use std::path::{Path, PathBuf};

use careerbot::answer::skills::{SkillsAnswer, Topic};
use skill_rows::{every_citation as cited, skills, want};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/skills_shapes6")
}

/// Every citation's words start on the cited line of the guide as written (and may carry on
/// onto the next one, for an item a wrapped line breaks); the source is the guide.
fn surfaces_on_their_lines(a: &SkillsAnswer, file: &str) {
    let text = std::fs::read_to_string(fixtures().join(file)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    for s in &a.skills {
        for c in &s.citations {
            let at = c.cite.line as usize - 1;
            let line = lines[at];
            let wrapped = format!("{line} {}", lines.get(at + 1).unwrap_or(&"").trim());
            let first = c.surface.split_whitespace().next().unwrap();
            assert!(
                line.contains(&c.surface) || (line.contains(first) && wrapped.contains(&c.surface)),
                "{}: {:?} not on line {} {line:?}",
                s.name,
                c.surface,
                c.cite.line
            );
            assert_eq!(c.cite.source, file);
        }
    }
}

/// None of these is a skill of the answer (compared in lower case).
fn none_of(a: &SkillsAnswer, junk: &[&str]) {
    for s in &a.skills {
        let lower = s.name.to_lowercase();
        for j in junk {
            assert!(
                !lower.contains(&j.to_lowercase()),
                "{:?} is no skill: {s:?}",
                s.name
            );
        }
        assert!(!s.name.ends_with(['.', ':', '?']), "{}", s.name);
        assert!(s.name.split_whitespace().count() <= 6, "{}", s.name);
    }
}

use Topic::{Certifications as Cert, SoftSkills as Soft, Technical as Tech};

#[test]
fn the_hvac_guide_lists_skills_in_sentences_wrapped_over_lines() {
    let work = tempfile::tempdir().unwrap();
    let engine = more_careers::engine_of(&fixtures(), work.path());
    let a = skills(&engine, "HVAC Technician");
    let need = "Skills HVAC technicians need";
    let cert = "Training and certification";
    assert_eq!(
        cited(&a),
        want(&[
            // "Employers look for a, b, c and d, e, f and g." over lines 17-18: each item at
            // the line it is on.
            ("Electrical troubleshooting", Tech, 17, "15-25", need),
            ("Refrigerant handling", Tech, 17, "15-25", need),
            ("Brazing and soldering", Tech, 17, "15-25", need),
            ("Reading wiring diagrams", Tech, 18, "15-25", need),
            ("Load calculations", Tech, 18, "15-25", need),
            ("Customer service", Tech, 18, "15-25", need),
            // "… expected to know a as well as b." and "… you will need a, b, c plus d."
            ("Duct design", Tech, 20, "15-25", need),
            ("Building automation controls", Tech, 20, "15-25", need),
            ("Rigging", Tech, 21, "15-25", need),
            ("Boiler maintenance", Tech, 21, "15-25", need),
            ("Chiller startup", Tech, 21, "15-25", need),
            ("Basic welding", Tech, 22, "15-25", need),
            ("EPA Section 608 certification", Cert, 32, "27-34", cert),
            ("NATE certification", Cert, 33, "27-34", cert),
            ("OSHA 10-Hour card", Cert, 34, "27-34", cert),
        ])
    );
    surfaces_on_their_lines(&a, "hvac-technician.md");
    none_of(&a, &["plus", "as well as", "nobody"]);
}

#[test]
fn the_interpreter_guide_lists_skills_in_both_columns_of_a_table() {
    let work = tempfile::tempdir().unwrap();
    let engine = more_careers::engine_of(&fixtures(), work.path());
    let a = skills(&engine, "Medical Interpreter");
    let need = "Skills you need";
    let each = "What each skill is for";
    let cert = "Certification";
    assert_eq!(
        cited(&a),
        want(&[
            // "| Technical | Professional |": every cell of both columns.
            ("Consecutive interpreting", Tech, 19, "12-22", need),
            ("Impartiality", Tech, 19, "12-22", need),
            ("Sight translation", Tech, 20, "12-22", need),
            ("Cultural awareness", Tech, 20, "12-22", need),
            ("Medical terminology", Tech, 21, "12-22", need),
            ("Emotional resilience", Tech, 21, "12-22", need),
            ("Note-taking", Tech, 22, "12-22", need),
            ("Confidentiality", Tech, 22, "12-22", need),
            // "| Skill | Why it matters |": the first column only.
            ("Consecutive interpreting", Tech, 28, "24-32", each),
            ("Simultaneous interpreting", Tech, 29, "24-32", each),
            ("Sight translation", Tech, 30, "24-32", each),
            ("Medical terminology", Tech, 31, "24-32", each),
            ("Register switching", Tech, 32, "24-32", each),
            // "Nice to have: Spanish or another second language …, a medical assistant
            // background." ("another second language" only points back at Spanish.)
            ("Spanish", Cert, 36, "34-42", cert),
            ("Medical assistant background", Cert, 36, "34-42", cert),
            ("Certified Healthcare Interpreter", Cert, 41, "34-42", cert),
            ("Certified Medical Interpreter", Cert, 42, "34-42", cert),
        ])
    );
    surfaces_on_their_lines(&a, "medical-interpreter.md");
    // The guide's title names "Certification": its sections are no certifications.
    none_of(
        &a,
        &[
            "a day on the job",
            "salary",
            "another",
            "technical",
            "professional",
        ],
    );
}

#[test]
fn the_therapist_guide_drops_places_steps_labels_and_a_verb() {
    let work = tempfile::tempdir().unwrap();
    let engine = more_careers::engine_of(&fixtures(), work.path());
    let a = skills(&engine, "Respiratory Therapist");
    let skills_h = "Skills and qualities";
    let edu = "Education and licensing";
    assert_eq!(
        cited(&a),
        want(&[
            ("Ventilator management", Tech, 11, "7-31", skills_h),
            ("Arterial blood gas sampling", Tech, 12, "7-31", skills_h),
            (
                "Airway management and intubation assistance",
                Tech,
                13,
                "7-31",
                skills_h
            ),
            ("Pulmonary function testing", Tech, 14, "7-31", skills_h),
            // "**Soft skills matter just as much.** …" leads into the soft skills.
            ("Calm under pressure", Soft, 19, "7-31", skills_h),
            (
                "Clear communication with patients and families",
                Soft,
                20,
                "7-31",
                skills_h
            ),
            ("Teamwork & collaboration", Soft, 21, "7-31", skills_h),
            // "Step 5. Optional: the Registered Respiratory Therapist (RRT) credential, which …"
            (
                "Registered Respiratory Therapist credential",
                Cert,
                40,
                "33-44",
                edu
            ),
        ])
    );
    surfaces_on_their_lines(&a, "respiratory-therapist.md");
    none_of(
        &a,
        &[
            // "Where you can work:" and the places after it.
            "hospitals",
            "clinics",
            "agencies",
            "schools",
            // The education path's steps.
            "earn",
            "finish",
            "pass the",
            "apply",
            "step",
            // Labels of other subjects, a bold sentence, a verb.
            "experience",
            "career path",
            "matter",
            "adaptability",
        ],
    );
}

#[test]
fn the_spanish_guide_lists_must_haves_and_nice_to_haves_under_sub_headings() {
    let work = tempfile::tempdir().unwrap();
    let engine = more_careers::engine_of(&fixtures(), work.path());
    let a = skills(&engine, "Guía de Turismo");
    let h = "Habilidades que buscan las agencias";
    let must = "Imprescindible";
    assert_eq!(
        cited(&a),
        want(&[
            // "Las agencias valoran la a, la b, la c y la d, así como la e." over lines 13-14.
            ("Expresión oral", Tech, 13, "11-14", h),
            ("Historia del arte", Tech, 13, "11-14", h),
            ("Gestión de grupos", Tech, 13, "11-14", h),
            ("Orientación en ciudad", Tech, 14, "11-14", h),
            ("Atención al cliente", Tech, 14, "11-14", h),
            // "### Imprescindible" and "### Deseable" under the skills heading.
            ("Dominio del inglés", Tech, 18, "16-25", must),
            ("Conocimiento del patrimonio local", Tech, 19, "16-25", must),
            ("Primeros auxilios", Tech, 20, "16-25", must),
            ("Tercer idioma", Tech, 24, "16-25", must),
            ("Fotografía de viajes", Tech, 25, "16-25", must),
        ])
    );
    surfaces_on_their_lines(&a, "guia-turismo-es.md");
    none_of(&a, &["así como", "imprescindible", "deseable"]);
}

#[test]
fn the_court_reporter_page_reads_bold_must_have_lists_and_a_hard_soft_table() {
    let work = tempfile::tempdir().unwrap();
    let engine = more_careers::engine_of(&fixtures(), work.path());
    let a = skills(&engine, "Court Reporter");
    // A paragraph wholly in bold is a heading: "Nice-to-have skills" starts a passage.
    let h = "Court reporter skills";
    let nice = "Nice-to-have skills";
    assert_eq!(
        cited(&a),
        want(&[
            // "Must-have skills": "Machine shorthand at 225 words per minute" without its measure.
            ("Machine shorthand", Tech, 14, "11-16", h),
            ("Legal terminology", Tech, 15, "11-16", h),
            ("Transcript formatting", Tech, 16, "11-16", h),
            // "Nice-to-have skills"
            ("Realtime captioning", Tech, 20, "18-27", nice),
            ("Medical terminology", Tech, 21, "18-27", nice),
            // "Hard skills | Soft skills": each column its topic.
            ("Speed building", Tech, 26, "18-27", nice),
            ("Concentration", Soft, 26, "18-27", nice),
            ("Proofreading", Tech, 27, "18-27", nice),
            ("Discretion", Soft, 27, "18-27", nice),
        ])
    );
    none_of(
        &a,
        &["must-have", "nice-to-have", "hard skills", "soft skills"],
    );
}

#[test]
fn the_elevator_guide_lists_skills_after_many_cues() {
    let work = tempfile::tempdir().unwrap();
    let engine = more_careers::engine_of(&fixtures(), work.path());
    let a = skills(&engine, "Elevator Mechanic");
    // The guide is short: its title, its intro and "## Skills you'll need" are one passage.
    let top = "Elevator Mechanic Guide";
    let nice = "Nice-to-have";
    assert_eq!(
        cited(&a),
        want(&[
            // "Hiring managers want to see a, b, c and d, e and f." (lines 7-8)
            ("Hydraulics", Tech, 7, "1-18", top),
            ("Motor control wiring", Tech, 7, "1-18", top),
            ("Rigging and hoisting", Tech, 7, "1-18", top),
            ("Blueprint reading", Tech, 7, "1-18", top),
            ("Preventive maintenance", Tech, 8, "1-18", top),
            // "The job calls for …"
            ("Mechanical aptitude", Tech, 10, "1-18", top),
            ("Troubleshooting under time pressure", Tech, 10, "1-18", top),
            ("Comfort working at heights", Tech, 10, "1-18", top),
            // "You should be comfortable with a, b and c, plus d." ("safety circuit / testing"
            // is broken by the wrap: its "testing" is no software testing.)
            ("PLC programming", Tech, 13, "1-18", top),
            ("Door operator adjustment", Tech, 13, "1-18", top),
            ("Safety circuit testing", Tech, 13, "1-18", top),
            ("Good customer manners", Tech, 14, "1-18", top),
            // "Core skills include a, b, as well as c."
            ("Rope inspection", Tech, 16, "1-18", top),
            ("Governor testing", Tech, 16, "1-18", top),
            ("Load testing", Tech, 16, "1-18", top),
            // "Day to day you will use …"
            ("Multimeters", Tech, 18, "1-18", top),
            ("Oscilloscopes", Tech, 18, "1-18", top),
            ("Chain hoists", Tech, 18, "1-18", top),
            ("Laptops with diagnostic software", Tech, 18, "1-18", top),
            // "### Nice-to-have": "A CDL for driving the service truck".
            ("CDL", Tech, 22, "20-28", nice),
            (
                "Experience with destination dispatch systems",
                Tech,
                23,
                "20-28",
                nice
            ),
        ])
    );
    surfaces_on_their_lines(&a, "elevator-mechanic.md");
    none_of(
        &a,
        &[
            "to see",
            "software testing",
            "contractors",
            "airports",
            "apprenticeship",
            "exam",
        ],
    );
}
