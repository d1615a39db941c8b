//! End-to-end: salary extraction on the shapes an eighth outside probe found missed
//! (`tests/fixtures/salary_shapes9/`, see its ABOUT): pay in the pesos of the country a Spanish
//! guide is about, written with a bare "$" and dots between thousands ("$2.800.000"). A library
//! is built from the guides with `careerbot::engine`, and each career's salary answer is checked
//! figure by figure against what a careful reader lists, each cited to the line it starts on.

#[path = "support/more_careers.rs"]
mod more_careers;
#[path = "support/salary_rows.rs"]
mod salary_rows;

use careerbot::answer::salary::{Level, Period, SalaryAnswer};
use salary_rows::{Row, row};

fn answer(career: &str) -> SalaryAnswer {
    salary_rows::answer_in("salary_shapes9", career)
}

fn rows(a: &SalaryAnswer) -> Vec<Row> {
    salary_rows::by_line(a)
}

/// Regression: "$2.800.000" a month was checked against a US dollar's plausible monthly pay
/// when read, and dropped, before the guide's pay section (about Colombia) made its "$" a
/// Colombian peso. A bare "$" is now kept within the plausible pay of any currency written
/// with it, and then within its own currency's once the guide says which.
#[test]
fn pesos_written_with_a_bare_dollar_sign_and_dotted_thousands_are_read() {
    use Level::*;
    use Period::Month;
    let a = answer("Enfermera");
    assert_eq!(
        rows(&a),
        vec![
            row(
                Entry,
                "COP",
                (2_800_000, 3_400_000),
                Month,
                15,
                "$2.800.000 – $3.400.000",
                Some("Enfermera recién egresada")
            ),
            row(
                Entry,
                "COP",
                (3_300_000, 4_200_000),
                Month,
                16,
                "$3.300.000 – $4.200.000",
                Some("Enfermera asistencial")
            ),
            row(
                Lead,
                "COP",
                (4_800_000, 6_500_000),
                Month,
                17,
                "$4.800.000 – $6.500.000",
                Some("Enfermera jefe de servicio")
            ),
        ]
    );
}
