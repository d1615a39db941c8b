//! End-to-end: salary extraction on the shapes a seventh outside probe found missed
//! (`tests/fixtures/salary_shapes8/`, see its ABOUT): a pay table with one column per place of
//! work, a range wrapped over two lines after the employers' name ("employed by builders and
//! industrial contractors"), and a role of the career named with a contract word ("Consultant
//! orthoptists"). A library is built from the guides with `careerbot::engine`, and each
//! career's salary answer is checked figure by figure against what a careful reader lists, each
//! cited to the line it starts on.

#[path = "support/more_careers.rs"]
mod more_careers;
#[path = "support/salary_rows.rs"]
mod salary_rows;

use careerbot::answer::salary::{Level, NoteKind, Period, SalaryAnswer};
use salary_rows::{Row, row};

fn answer(career: &str) -> SalaryAnswer {
    salary_rows::answer_in("salary_shapes8", career)
}

fn rows(a: &SalaryAnswer) -> Vec<Row> {
    salary_rows::by_line(a)
}

/// Regression: a second pay column in the same period was read as the same pay restated
/// ("Range" beside "Base salary") and dropped; columns that each name a place of work are each
/// pay in their setting, labelled with it.
#[test]
fn a_pay_table_with_a_column_per_place_of_work_keeps_every_column() {
    use Level::*;
    use Period::Year;
    let a = answer("Dental Technician");
    let (hospital, commercial) = ("Hospital laboratory", "Commercial laboratory (base salary)");
    let label = |row: &str, column: &str| format!("{row}, {column}");
    let nq = (
        label("Newly qualified", commercial),
        label("Newly qualified", hospital),
    );
    let five = (label("5+ years", commercial), label("5+ years", hospital));
    let chief = (
        label("Chief technician", commercial),
        label("Chief technician", hospital),
    );
    assert_eq!(
        rows(&a),
        vec![
            row(
                Entry,
                "EUR",
                (31_000, 36_000),
                Year,
                13,
                "€31,000–€36,000",
                Some(&nq.0)
            ),
            row(
                Entry,
                "EUR",
                (34_000, 38_000),
                Year,
                13,
                "€34,000–€38,000",
                Some(&nq.1)
            ),
            row(
                Senior,
                "EUR",
                (40_000, 52_000),
                Year,
                14,
                "€40,000–€52,000",
                Some(&five.0)
            ),
            row(
                Senior,
                "EUR",
                (42_000, 50_000),
                Year,
                14,
                "€42,000–€50,000",
                Some(&five.1)
            ),
            row(
                Lead,
                "EUR",
                (54_000, 70_000),
                Year,
                15,
                "€54,000–€70,000",
                Some(&chief.0)
            ),
            row(
                Lead,
                "EUR",
                (55_000, 64_000),
                Year,
                15,
                "€55,000–€64,000",
                Some(&chief.1)
            ),
        ]
    );
}

/// Regression: "scaffolders employed by builders and industrial contractors usually make $58,000
/// to" / "$76,000 a year" was read as a contract rate (a note): the contractors employ them.
/// What self-employed scaffolders bill still is one.
#[test]
fn contractors_who_employ_the_career_make_no_contract_rate() {
    use Level::*;
    use Period::*;
    let a = answer("Scaffolder");
    assert_eq!(
        rows(&a),
        vec![
            row(Entry, "CAD", (22, 22), Hour, 7, "$22", None),
            row(
                Mid,
                "CAD",
                (58_000, 76_000),
                Year,
                9,
                "$58,000 to $76,000",
                Some("Journeyperson scaffolders employed")
            ),
        ]
    );
    let contract: Vec<u32> = a
        .notes
        .iter()
        .filter(|n| n.kind == NoteKind::Contract)
        .map(|n| n.cite.line)
        .collect();
    assert_eq!(contract, vec![12]);
}

/// Regression: "Consultant orthoptists, who lead hospital services, earn …" was read as a
/// consultant's contract rate; a contract word naming a role of the career is no contract.
#[test]
fn a_role_of_the_career_named_with_a_contract_word_is_paid_a_salary() {
    use Level::*;
    use Period::Year;
    let a = answer("Orthoptist");
    assert_eq!(
        rows(&a),
        vec![
            row(
                Entry,
                "GBP",
                (29_000, 35_000),
                Year,
                7,
                "£29,000 to £35,000",
                None
            ),
            row(
                Overall,
                "GBP",
                (57_000, 65_000),
                Year,
                9,
                "£57,000 to £65,000",
                None
            ),
        ]
    );
    assert!(a.notes.iter().all(|n| n.kind != NoteKind::Contract));
}
