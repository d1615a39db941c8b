//! End-to-end: salary extraction on the shapes a second outside probe found missed
//! (`tests/fixtures/salary_shapes6/`, see its ABOUT): ranges whose two ends each carry the
//! currency mark and the unit ("CA$36/hr to CA$41/hr"), Spanish "de X € a Y €", "from about X up
//! to Y", dotted-leader lists of levels, amounts that are costs (tuition, fees, tools, opening a
//! salon), and another occupation's pay in a guide about a career. A library is built from the
//! guides with `careerbot::engine`, and each career's salary answer is checked figure by figure
//! against what a careful reader lists, each cited to the line it starts on.

#[path = "support/more_careers.rs"]
mod more_careers;
#[path = "support/salary_rows.rs"]
mod salary_rows;

use std::path::{Path, PathBuf};

use careerbot::answer::salary::{Level, Period, Reading, SalaryAnswer, extract_figures};
use careerbot::corpus::{Corpus, SeedSource};
use careerbot::engine::Engine;
use careerbot::vocab::Vocabulary;
use salary_rows::{row, rows};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/salary_shapes6")
}

fn engine(work: &Path) -> Engine {
    more_careers::engine_of(&fixtures(), work)
}

fn answer(career: &str) -> SalaryAnswer {
    let work = tempfile::tempdir().unwrap();
    engine(work.path())
        .salary(Some(career), None)
        .unwrap()
        .answer
}

/// The lines of `file` that any salary figure of the guide (every one read, before the answer
/// picks one per level) starts on.
fn figure_lines(file: &str) -> Vec<u32> {
    let vocab = Vocabulary::shipped();
    let corpus = Corpus::load(&SeedSource::Dir(fixtures()), vocab.careers()).unwrap();
    let guide = corpus.guides.iter().find(|g| g.source == file).unwrap();
    let reading = Reading::new(&vocab, &guide.career);
    let mut lines: Vec<u32> = guide
        .passages
        .iter()
        .flat_map(|p| extract_figures(&reading, p))
        .map(|f| f.cite.line)
        .collect();
    lines.sort_unstable();
    lines.dedup();
    lines
}

/// Every figure's raw text starts on its cited line of the guide file and reads whole from
/// there, across the line breaks it wraps over.
fn cited_from_their_line(a: &SalaryAnswer, file: &str) {
    let text = std::fs::read_to_string(fixtures().join(file)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    for r in &a.rows {
        let f = &r.figure;
        assert_eq!(f.cite.source, file);
        assert!(f.cite.start_line <= f.cite.line && f.cite.line <= f.cite.end_line);
        let at = f.cite.line as usize - 1;
        let from_here = lines[at..(at + 3).min(lines.len())]
            .iter()
            .map(|l| l.trim())
            .collect::<Vec<_>>()
            .join(" ");
        let first_word = f.raw.split_whitespace().next().unwrap();
        assert!(
            lines[at].contains(first_word) && from_here.contains(&f.raw),
            "{file}:{} {:?}",
            f.cite.line,
            f.raw
        );
    }
}

#[test]
fn ranges_whose_ends_each_carry_the_mark_and_the_unit_are_one_range() {
    use Level::*;
    use Period::*;
    let a = answer("Millwright");
    assert_eq!(
        rows(&a),
        vec![
            // "starts from around CA$24/hr and rising to CA$30/hr": one range, per hour.
            row(
                Entry,
                "CAD",
                (24, 30),
                Hour,
                27,
                "CA$24/hr and rising to CA$30",
                None
            ),
            // "Journeyperson millwrights typically earn CA$36/hr to CA$41/hr".
            row(Mid, "CAD", (36, 41), Hour, 30, "CA$36/hr to CA$41", None),
            // "Maintenance supervisors who run a crew are paid CA$44/hr - CA$50/hr", labelled
            // by its subject.
            row(
                Lead,
                "CAD",
                (44, 50),
                Hour,
                33,
                "CA$44/hr - CA$50",
                Some("Maintenance supervisors")
            ),
        ]
    );
    cited_from_their_line(&a, "millwright.md");
    // Tuition in the FAQ ("Tuition is usually CA$4,500 to CA$6,000") is no pay.
    assert_eq!(figure_lines("millwright.md"), [27, 30, 33]);

    let ot = answer("Occupational Therapist");
    assert!(
        rows(&ot).contains(&row(
            Overall,
            "USD",
            (38, 45),
            Hour,
            33,
            "$38/hour – $45",
            None
        )),
        "{:#?}",
        rows(&ot)
    );
    let adviser = answer("Financial Adviser");
    assert!(
        rows(&adviser).contains(&row(
            Overall,
            "GBP",
            (250, 300),
            Day,
            33,
            "£250/day to £300",
            Some("Interim advisers covering leave")
        )),
        "{:#?}",
        rows(&adviser)
    );
}

#[test]
fn dotted_leader_rows_are_one_level_each() {
    use Level::*;
    use Period::*;
    let a = answer("Glazier");
    assert_eq!(
        rows(&a),
        vec![
            // "Helper / apprentice ............ $18 to $22 per hour".
            row(Entry, "USD", (18, 22), Hour, 26, "$18 to $22", None),
            row(
                Mid,
                "USD",
                (28, 36),
                Hour,
                27,
                "$28 to $36",
                Some("Journeyman glazier")
            ),
            // "anywhere from $46,000 up to $75,000 for journeymen": one range.
            row(
                Mid,
                "USD",
                (46_000, 75_000),
                Year,
                36,
                "$46,000 up to $75,000",
                None
            ),
            // "Foreman ........................ $38 to $45 per hour".
            row(Lead, "USD", (38, 45), Hour, 28, "$38 to $45", None),
        ]
    );
    cited_from_their_line(&a, "glazier.md");
    // "Residential installers without a journeyman card often start at $18/hour – $22/hour" is
    // read (entry, the labelled row kept); the price of tools in the FAQ is not.
    assert_eq!(figure_lines("glazier.md"), [26, 27, 28, 36, 38]);
}

#[test]
fn from_about_x_up_to_y_is_one_range_and_another_occupations_pay_is_left_out() {
    use Level::*;
    use Period::*;
    let a = answer("Occupational Therapist");
    assert_eq!(
        rows(&a),
        vec![
            // "New graduates usually start from about $72,000 up to $80,000 a year".
            row(
                Entry,
                "USD",
                (72_000, 80_000),
                Year,
                25,
                "$72,000 up to $80,000",
                None
            ),
            row(
                Senior,
                "USD",
                (88_000, 102_000),
                Year,
                28,
                "$88,000 to $102,000",
                None
            ),
            // "Rehab directors who manage an OT department earn …": the career's own lead,
            // labelled by its subject.
            row(
                Lead,
                "USD",
                (105_000, 125_000),
                Year,
                31,
                "$105,000 to $125,000",
                Some("Rehab directors")
            ),
            row(Overall, "USD", (38, 45), Hour, 33, "$38/hour – $45", None),
        ]
    );
    cited_from_their_line(&a, "occupational-therapist.md");
    // Tuition and the exam fee (lines 20–21) are costs; "Assistants (COTAs) earn $55,000–$68,000"
    // (line 40) is another occupation's pay, not the OT's overall.
    assert_eq!(figure_lines("occupational-therapist.md"), [25, 28, 31, 33]);

    let adviser = answer("Financial Adviser");
    assert_eq!(
        rows(&adviser),
        vec![
            row(
                Entry,
                "GBP",
                (25_000, 30_000),
                Year,
                22,
                "£25,000 to £30,000",
                None
            ),
            row(
                Senior,
                "GBP",
                (70_000, 95_000),
                Year,
                28,
                "£70,000 to £95,000",
                None
            ),
            row(
                Overall,
                "GBP",
                (45_000, 65_000),
                Year,
                25,
                "£45,000 to £65,000",
                None
            ),
            row(
                Overall,
                "GBP",
                (250, 300),
                Day,
                33,
                "£250/day to £300",
                Some("Interim advisers covering leave")
            ),
        ]
    );
    cited_from_their_line(&adviser, "financial-adviser.md");
    // "the course costs £3,000" (17), "Paraplanners earn £30,000–£45,000 and many go on to
    // become advisers" (30) and "A registration fee of £300" (40) are no adviser's pay.
    assert_eq!(figure_lines("financial-adviser.md"), [22, 25, 28, 33]);
}

#[test]
fn spanish_de_x_a_y_ranges_keep_each_grade_and_costs_are_left_out() {
    use Level::*;
    use Period::*;
    let a = answer("Peluquero");
    assert_eq!(
        rows(&a),
        vec![
            row(
                Entry,
                "EUR",
                (15_500, 16_500),
                Year,
                25,
                "15.500 € a 16.500 €",
                None
            ),
            // "- **Oficial:** de 17.000 € a 20.000 €": a grade between ayudante and encargado.
            row(
                Mid,
                "EUR",
                (17_000, 20_000),
                Year,
                26,
                "17.000 € a 20.000 €",
                Some("Oficial")
            ),
            // "Un peluquero con experiencia … cobra entre" / "19.000 € y 23.000 €".
            row(
                Senior,
                "EUR",
                (19_000, 23_000),
                Year,
                30,
                "19.000 € y 23.000 €",
                None
            ),
            row(
                Lead,
                "EUR",
                (21_000, 26_000),
                Year,
                27,
                "21.000 € a 26.000 €",
                Some("Encargado de salón")
            ),
        ]
    );
    cited_from_their_line(&a, "peluquero.md");
    // "¿Cuánto cuesta abrir una peluquería? Entre 20.000 € y 60.000 €" (34) and the private
    // course's price (38) are costs.
    assert_eq!(figure_lines("peluquero.md"), [25, 26, 27, 30]);
}

/// A pay question asking for starting pay with no level word ("right out of school", "starting
/// salary") gets the career's salary card at entry level, not at every level.
#[test]
fn a_question_for_starting_pay_gets_the_entry_card() {
    use careerbot::engine::Intent;
    let work = tempfile::tempdir().unwrap();
    let engine = engine(work.path());
    for question in [
        "what do glaziers make right out of school?",
        "starting salary for a glazier",
    ] {
        let mut options = engine.page(0);
        options.career = Some("Glazier".to_string());
        let asked = engine.ask_with_card(question, options).unwrap();
        assert_eq!(asked.cards.len(), 1, "{question}");
        let card = &asked.cards[0];
        assert_eq!(
            (card.intent, card.career.as_str(), card.level),
            (Intent::Salary, "Glazier", Some(Level::Entry)),
            "{question}"
        );
    }
    // A question naming a level keeps it.
    let mut options = engine.page(0);
    options.career = Some("Glazier".to_string());
    let asked = engine
        .ask_with_card("what does a journeyman glazier make?", options)
        .unwrap();
    assert_eq!(asked.cards[0].level, Some(Level::Mid));
}
