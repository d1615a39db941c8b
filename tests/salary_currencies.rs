//! End-to-end: pay in South African rand and Indian rupees, read from guides written here (a
//! South African data scientist's guide with the rand's "R" touching its amounts, beside the R
//! language, R&D, a course module "R12000" and an "R2 grade"; an Indian civil engineer's guide
//! in lakhs per annum, "Rs." and a day rate, beside lakhs that count graduates and commuters,
//! what a lakh is worth and a project in crores; an Indian data analyst's guide in Indian digit
//! grouping, LPA and crores with no table). A library is built from them with
//! `careerbot::engine`, and each career's answer is checked as `salary --json` prints it: every
//! figure's amounts, currency, period and the line it is cited to; nothing else is read.

#[path = "support/more_careers.rs"]
mod more_careers;

use std::path::Path;

use careerbot::cli::JsonSalary;
use careerbot::engine::Engine;
use serde_json::Value;

const SOUTH_AFRICA: &str = "\
# Data Scientist in South Africa: Skills, Pay and Prospects

Data scientists turn a company's records into forecasts and decisions. In South Africa most
of them work for the banks, insurers and telecoms companies in Johannesburg and Cape Town.

## Skills

Most teams work in Python and SQL, and many statisticians still prefer the R language
(version 4.3 or later). R&D teams at the universities and the CSIR hire PhDs.
Module R12000 of the university's short course teaches both languages.

## Salary

Figures are gross monthly salaries in rand, from recruiters' 2025 surveys.

| Level | Monthly salary |
|---|---|
| Junior data scientist | R25,000 – R40,000 |
| Data scientist | R40,000 – R65,000 |
| Senior data scientist | R65,000 – R95,000 |

Interns on the banks' graduate programmes are paid about R150 an hour.

A head of data at one of the largest banks earns upwards of R1,500,000 a year.

Bursaries usually need an R2 grade or better, and the R61 route sees little of this industry.
";

const INDIA: &str = "\
# Civil Engineer in India: Qualifications and Salary

Civil engineers design and supervise roads, bridges, metro lines and water supply. India adds
about 2 lakh civil engineering graduates a year, so a good college and GATE score matter.

## Salary

Pay is quoted as CTC in lakhs per annum (LPA); one lakh is ₹1,00,000.

| Level | Experience | Annual CTC |
|---|---|---|
| Graduate engineer trainee | 0–2 years | ₹3.5–5 LPA |
| Site engineer | 2–5 years | ₹5–9 LPA |
| Senior engineer | 5–10 years | ₹9–16 LPA |
| Project manager | 10+ years | ₹16–30 LPA |

Graduates who join a public sector company through GATE start on Rs. 56,100 a month basic pay.

Senior structural engineers who take site inspections on their own earn ₹8,000–₹15,000 per
day.

The metro projects they work on are worth ₹1,200 crore or more, and a site office serves
12 lakh commuters.
";

const DATA_ANALYST_INDIA: &str = "\
# Data Analyst in India

## What analysts earn

Freshers typically earn 4,50,000 to 6,00,000 rupees a year at IT services firms.
Senior analysts draw 18–25 LPA at product companies.
A head of analytics at a large bank can earn ₹1.2 crore.
";

const MANIFEST: &str = r#"
[[guide]]
file = "data-scientist-south-africa.md"
title = "Data Scientist in South Africa: Skills, Pay and Prospects"
career = "Data Scientist"

[[guide]]
file = "civil-engineer-india.md"
title = "Civil Engineer in India: Qualifications and Salary"
career = "Civil Engineer"

[[guide]]
file = "data-analyst-india.md"
title = "Data Analyst in India"
career = "Data Analyst"
"#;

/// An engine over the three guides above, written to `work`.
fn engine(work: &Path) -> Engine {
    let guides = work.join("guides");
    std::fs::create_dir_all(&guides).unwrap();
    for (file, text) in [
        ("data-scientist-south-africa.md", SOUTH_AFRICA),
        ("civil-engineer-india.md", INDIA),
        ("data-analyst-india.md", DATA_ANALYST_INDIA),
        ("sources.toml", MANIFEST),
    ] {
        std::fs::write(guides.join(file), text).unwrap();
    }
    more_careers::engine_of(&guides, &work.join("built"))
}

/// The career's answer as `salary --json` prints it.
fn salary_json(career: &str) -> Value {
    let work = tempfile::tempdir().unwrap();
    let salary = engine(work.path()).salary(Some(career), None).unwrap();
    serde_json::to_value(JsonSalary::from(&salary.answer)).unwrap()
}

/// (level, currency, low, high, period, line, raw) of every row of a `salary --json` answer.
type Row = (String, String, u64, u64, String, u64, String);

fn rows(json: &Value) -> Vec<Row> {
    json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap().to_string();
            let n = |k: &str| r[k].as_u64().unwrap();
            (
                s("level"),
                s("currency"),
                n("low"),
                n("high"),
                s("period"),
                n("line"),
                s("raw"),
            )
        })
        .collect()
}

fn row(
    level: &str,
    currency: &str,
    (low, high): (u64, u64),
    period: &str,
    line: u64,
    raw: &str,
) -> Row {
    (
        level.into(),
        currency.into(),
        low,
        high,
        period.into(),
        line,
        raw.into(),
    )
}

/// Every row's raw text is on its cited line of `text`, and every row and summary names its
/// currency by `code` and `symbol`.
fn cited_in(json: &Value, text: &str, code: &str, symbol: &str) {
    let lines: Vec<&str> = text.lines().collect();
    for r in json["rows"].as_array().unwrap() {
        let line = r["line"].as_u64().unwrap() as usize;
        let raw = r["raw"].as_str().unwrap();
        assert!(lines[line - 1].contains(raw), "line {line}: {raw:?}");
    }
    for v in json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .chain(json["summaries"].as_array().unwrap())
    {
        assert_eq!(
            (v["currency"].as_str(), v["currency_symbol"].as_str()),
            (Some(code), Some(symbol))
        );
    }
}

#[test]
fn rand_marked_by_a_touching_r_are_read_and_the_r_language_is_not() {
    let json = salary_json("Data Scientist");
    assert_eq!(
        rows(&json),
        vec![
            row(
                "entry",
                "ZAR",
                (25_000, 40_000),
                "month",
                18,
                "R25,000 – R40,000"
            ),
            row("entry", "ZAR", (150, 150), "hour", 22, "R150"),
            row(
                "mid",
                "ZAR",
                (40_000, 65_000),
                "month",
                19,
                "R40,000 – R65,000"
            ),
            row(
                "senior",
                "ZAR",
                (65_000, 95_000),
                "month",
                20,
                "R65,000 – R95,000"
            ),
            row(
                "lead",
                "ZAR",
                (1_500_000, 1_500_000),
                "year",
                24,
                "R1,500,000"
            ),
        ]
    );
    cited_in(&json, SOUTH_AFRICA, "ZAR", "R");
    assert_eq!(json["rows"][4]["open_ended"], true, "upwards of R1,500,000");
}

#[test]
fn rupees_in_lakhs_per_annum_crores_and_indian_grouping() {
    let json = salary_json("Civil Engineer");
    assert_eq!(
        rows(&json),
        vec![
            row("entry", "INR", (350_000, 500_000), "year", 12, "₹3.5–5 LPA"),
            row("entry", "INR", (56_100, 56_100), "month", 17, "Rs. 56,100"),
            row("mid", "INR", (500_000, 900_000), "year", 13, "₹5–9 LPA"),
            row(
                "senior",
                "INR",
                (900_000, 1_600_000),
                "year",
                14,
                "₹9–16 LPA"
            ),
            row(
                "senior",
                "INR",
                (8_000, 15_000),
                "day",
                19,
                "₹8,000–₹15,000"
            ),
            row(
                "lead",
                "INR",
                (1_600_000, 3_000_000),
                "year",
                15,
                "₹16–30 LPA"
            ),
        ]
    );
    cited_in(&json, INDIA, "INR", "₹");

    let json = salary_json("Data Analyst");
    assert_eq!(
        rows(&json),
        vec![
            row(
                "entry",
                "INR",
                (450_000, 600_000),
                "year",
                5,
                "4,50,000 to 6,00,000 rupees"
            ),
            row(
                "senior",
                "INR",
                (1_800_000, 2_500_000),
                "year",
                6,
                "18–25 LPA"
            ),
            row(
                "lead",
                "INR",
                (12_000_000, 12_000_000),
                "year",
                7,
                "₹1.2 crore"
            ),
        ]
    );
    cited_in(&json, DATA_ANALYST_INDIA, "INR", "₹");
}
