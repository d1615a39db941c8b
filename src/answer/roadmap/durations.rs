//! Durations in guide text: "1 to 2 years", "2-4 years", "over five years", "5+ years", "at least
//! 3 years", "up to 2 years", "6 months", "6–8 weeks", "12 semanas" → years (a span in weeks
//! keeps its unit to be shown in), and what the sentence says the time is for (a
//! bold lead such as "**Work as a staff nurse (1–3 years).**" is a sentence of its own; "after
//! two to three years" counts from the start of the career).

use std::ops::Range;

use once_cell::sync::Lazy;
use regex::Regex;

use super::{Duration, DurationKind, SpanUnit, WEEKS_PER_YEAR};
use crate::answer::re;
use crate::answer::text::sentences;

const NUMBER: &str = r"\d{1,2}(?:\.\d)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty";

/// A time span in years, months or weeks.
static DURATION: Lazy<Regex> = Lazy::new(|| {
    re(&format!(
        r"(?ix)
        (?:(?P<pre>over|more\ than|at\ least|upwards\ of|in\ excess\ of|a\ minimum\ of|minimum\ of|up\ to|under|less\ than|fewer\ than)\s+)?
        (?:(?:around|about|roughly|approximately|nearly|some)\s+)?
        \b(?P<a>{NUMBER})
        (?:\s*(?:-|–|—|to|a)\s*(?P<b>{NUMBER}))?
        (?P<plus>\s?\+)?
        (?P<ormore>\s+or\s+more)?
        \s*(?:-\s*)?(?P<unit>years?|yrs?|months?|weeks?|años?|a[ñn]os|mes(?:es)?|semanas?)\b
        (?P<post>\s+(?:or\ more|or\ longer|plus|and\ up))?"
    ))
});

/// "a year or two", "a month or two": one to two of the unit.
static UNIT_OR_TWO: Lazy<Regex> =
    Lazy::new(|| re(r"(?i)\ban?\s+(?P<unit>year|month|week)\s+or\s+two\b"));

static IN_STAGE: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\b(?:lasts?|lasting|stay|stays|staying|spend|spends|spent|in this (?:role|phase|stage|position)|this phase|this stage)\b",
    )
});
static TO_QUALIFY: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\b(?:qualify|qualified|from scratch|to become an?|to land an?|get hired|first job|break into)\b",
    )
});
/// Experience a stage requires, or time counted from the start of the career: "requires over five
/// years of experience", "6–8 years into the trade", "after 8–10 years total", "a partir de 7–8
/// años de experiencia".
static EXPERIENCE: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\b(?:experience|experiencia|requires?|required|requiring|total|into (?:the|a|an|your|their) (?:trade|career|field|profession|industry))\b",
    )
});
/// The end of a bold lead that is a sentence: "**Get your license.** Apply …".
static BOLD_LEAD_END: Lazy<Regex> = Lazy::new(|| re(r"(?P<end>[.!?:](?:\*\*|__))\s"));
/// "after" just before a time span: time counted from the start ("After two to three years they
/// become …", "senior designers after five or more years").
static AFTER: Lazy<Regex> = Lazy::new(|| re(r"(?i)\bafter\s*$"));

/// The sentences of `text`, a bold lead ending in a stop being a sentence of its own.
fn duration_sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for s in sentences(text) {
        let mut start = s.start;
        for c in BOLD_LEAD_END.captures_iter(&text[s.clone()]) {
            let cut = s.start + c.name("end").expect("group").end();
            out.push(start..cut);
            start = cut;
        }
        out.push(start..s.end);
    }
    out
}

fn number(word: &str, max: f64) -> Option<f64> {
    let v = match word.to_lowercase().as_str() {
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "fifteen" => 15.0,
        "twenty" => 20.0,
        w => w.parse().ok()?,
    };
    (v > 0.0 && v <= max).then_some(v)
}

/// Most years or months a span counts ("2026 years" is no span)...
const MAX_NUMBER: f64 = 50.0;
/// ...and most weeks ("52 weeks").
const MAX_WEEKS: f64 = 99.0;

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// Weeks in years to four places, so that the weeks shown again are the weeks written.
fn round4(v: f64) -> f64 {
    (v * 10_000.0).round() / 10_000.0
}

/// Words before "qualified" that make it no time to qualify: an adjective ("a qualified
/// plumber") or a time after qualifying ("Once qualified you work as …").
const NOT_BEFORE_QUALIFIED: [&str; 7] = ["a", "an", "the", "once", "when", "after", "fully"];

/// Whether a sentence tells the time it takes to qualify.
fn to_qualify(sentence: &str) -> bool {
    TO_QUALIFY.find_iter(sentence).any(|m| {
        let before = sentence[..m.start()]
            .split(|c: char| !c.is_alphanumeric())
            .rfind(|w| !w.is_empty())
            .map(str::to_lowercase);
        !(m.as_str().eq_ignore_ascii_case("qualified")
            && before.is_some_and(|w| NOT_BEFORE_QUALIFIED.contains(&w.as_str())))
    })
}

/// The kind of time a sentence states.
fn duration_kind(sentence: &str) -> DurationKind {
    if IN_STAGE.is_match(sentence) {
        DurationKind::InStage
    } else if to_qualify(sentence) {
        DurationKind::ToQualify
    } else if EXPERIENCE.is_match(sentence) {
        DurationKind::ExperienceRequired
    } else {
        DurationKind::Unspecified
    }
}

/// A unit word some span of [`DURATION`] or [`UNIT_OR_TWO`] ends on: a text without one holds no
/// span (a quick test before the full reading).
static UNIT_WORD: Lazy<Regex> =
    Lazy::new(|| re(r"(?i)year|yr|month|week|años?|a[ñn]os|mes|semana"));

/// Whether the words after a span make it an age ("18 years old", "21 years of age", "18 años
/// de edad"): no time of a career.
fn is_age(after: &str) -> bool {
    let after = after.trim_start().to_lowercase();
    ["old", "of age", "de edad"].iter().any(|w| {
        after
            .strip_prefix(w)
            .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
    })
}

/// Every time span in `text` with its byte range; the kind comes from the sentence it sits in.
pub fn parse_durations(text: &str) -> Vec<(Range<usize>, Duration)> {
    if !UNIT_WORD.is_match(text) {
        return Vec::new();
    }
    let sents = duration_sentences(text);
    let mut out = Vec::new();
    for c in DURATION.captures_iter(text) {
        let whole = c.get(0).expect("match");
        if is_age(&text[whole.end()..]) {
            continue;
        }
        let unit = c["unit"].to_lowercase();
        let weeks = unit.starts_with('w') || unit.starts_with('s');
        let most = if weeks { MAX_WEEKS } else { MAX_NUMBER };
        // A range may start at zero ("0–2 years" of experience).
        let zero = c.name("b").is_some() && c["a"].parse::<f64>() == Ok(0.0);
        let Some(a) = number(&c["a"], most).or(zero.then_some(0.0)) else {
            continue;
        };
        let b = match c.name("b") {
            Some(b) => match number(b.as_str(), most) {
                Some(v) if v >= a => Some(v),
                _ => continue,
            },
            None => None,
        };
        let scale = if weeks {
            1.0 / WEEKS_PER_YEAR
        } else if unit.starts_with('m') {
            1.0 / 12.0
        } else {
            1.0
        };
        let round = if weeks { round4 } else { round2 };
        let pre = c.name("pre").map(|m| m.as_str().to_lowercase());
        let open_words = matches!(
            pre.as_deref(),
            Some(
                "over"
                    | "more than"
                    | "at least"
                    | "upwards of"
                    | "in excess of"
                    | "a minimum of"
                    | "minimum of"
            )
        );
        let open = open_words
            || c.name("plus").is_some()
            || c.name("ormore").is_some()
            || c.name("post").is_some();
        let upto = matches!(
            pre.as_deref(),
            Some("up to" | "under" | "less than" | "fewer than")
        );
        let (min, max) = if upto {
            (0.0, Some(b.unwrap_or(a)))
        } else if open {
            (a, None)
        } else {
            (a, Some(b.unwrap_or(a)))
        };
        let sentence = sentence_around(text, &sents, whole.range());
        out.push((
            whole.range(),
            Duration {
                min_years: round(min * scale),
                max_years: max.map(|m| round(m * scale)),
                open_ended: open && !upto,
                kind: if AFTER.is_match(&text[..whole.start()]) {
                    DurationKind::ExperienceRequired
                } else {
                    duration_kind(sentence)
                },
                raw: whole.as_str().trim().to_string(),
                unit: if weeks {
                    SpanUnit::Weeks
                } else {
                    SpanUnit::YearsOrMonths
                },
            },
        ));
    }
    // "a year or two": one to two of the unit.
    for m in UNIT_OR_TWO.captures_iter(text) {
        let whole = m.get(0).expect("match");
        let unit = m["unit"].to_lowercase();
        let (scale, round, span_unit): (f64, fn(f64) -> f64, SpanUnit) = match unit.as_str() {
            "week" => (1.0 / WEEKS_PER_YEAR, round4, SpanUnit::Weeks),
            "month" => (1.0 / 12.0, round4, SpanUnit::YearsOrMonths),
            _ => (1.0, round2, SpanUnit::YearsOrMonths),
        };
        let sentence = sentence_around(text, &sents, whole.range());
        out.push((
            whole.range(),
            Duration {
                min_years: round(scale),
                max_years: Some(round(2.0 * scale)),
                open_ended: false,
                kind: if AFTER.is_match(&text[..whole.start()]) {
                    DurationKind::ExperienceRequired
                } else {
                    duration_kind(sentence)
                },
                raw: whole.as_str().to_string(),
                unit: span_unit,
            },
        ));
    }
    out.sort_by_key(|(r, _)| r.start);
    out
}

/// A header cell naming a column of years ("Years", "Years of experience", "Typical years",
/// "Experience", "Años"): its cells may give their years as bare numbers ("0–1", "10+").
static YEARS_HEADER: Lazy<Regex> =
    Lazy::new(|| re(r"(?i)\b(?:years?|yrs?|años?|a[ñn]os|experience|experiencia)\b"));

/// Whether a table's header cell names a column of years.
pub fn is_years_header(cell: &str) -> bool {
    YEARS_HEADER.is_match(cell)
}

/// The years a cell of a years column gives as a bare number or range ("0–1", "3-6", "10+",
/// "12 +"), the cell being nothing else; the raw text is the cell as written. `None` for any
/// other cell ("Entry", "$40k", "2026").
pub fn bare_years(cell: &str) -> Option<Duration> {
    let cell = cell.trim().trim_matches('*').trim();
    if cell.is_empty() || !cell.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let with_unit = format!("{cell} years");
    let (range, mut d) = parse_durations(&with_unit).into_iter().next()?;
    (range.start == 0 && range.end == with_unit.len()).then(|| {
        d.raw = cell.to_string();
        d.kind = DurationKind::ExperienceRequired;
        d
    })
}

/// Most words a closing parenthesis may hold beside its time span ("(1–2 years full time)").
const MAX_WORDS_BESIDE_TIME: usize = 2;

/// The time span a line ends on, in a parenthesis of its own ("Earn a degree in your subject (3
/// years).", "Pass your induction (about 2 years)"): the line's own time label. `None` when the
/// last parenthesis says more than its time ("(after 5+ years in command)") or the line goes on
/// after it.
pub fn trailing_time(text: &str) -> Option<Duration> {
    let t = text
        .trim_end()
        .trim_end_matches(['.', '!', ';', '*'])
        .trim_end();
    let inner = t.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let inner = &inner[open + 1..];
    let (range, d) = parse_durations(inner).into_iter().next()?;
    let beside = format!("{} {}", &inner[..range.start], &inner[range.end..]);
    let words = beside
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count();
    (words <= MAX_WORDS_BESIDE_TIME).then_some(d)
}

/// The sentence of `text` (its `sents` ranges) that holds `span`, else the whole text.
fn sentence_around<'a>(text: &'a str, sents: &[Range<usize>], span: Range<usize>) -> &'a str {
    sents
        .iter()
        .find(|s| s.start <= span.start && span.end <= s.end)
        .map_or(text, |s| &text[s.clone()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_age_is_no_time() {
        for text in [
            "Usually 18 years old at the time of hire.",
            "Applicants must be 21 years of age.",
            "Tener 18 años de edad.",
        ] {
            assert!(parse_durations(text).is_empty(), "{text}");
        }
        assert_eq!(parse_durations("2 years older hands").len(), 1);
    }

    #[test]
    fn a_line_ending_on_its_own_time_in_a_parenthesis() {
        let label = |t: &str| trailing_time(t).map(|d| d.label());
        assert_eq!(
            label("Earn a degree in the subject you want to teach (3 years)."),
            Some("3 years".into())
        );
        assert_eq!(
            label("Complete initial teacher training, such as a PGCE (1 year)."),
            Some("1 year".into())
        );
        assert_eq!(
            label("Study part time (about 6–12 months)"),
            Some("6–12 months".into())
        );
        // The parenthesis says more than a time, or the line goes on after it.
        assert_eq!(
            label("Train new captains (after 5+ years in command)."),
            None
        );
        assert_eq!(label("Earn a degree (3 years), then apply."), None);
        assert_eq!(label("Build hours (1,500 hours)."), None);
        assert_eq!(label("Get school experience for a few weeks."), None);
    }

    fn one_duration(text: &str) -> Duration {
        let v = parse_durations(text);
        assert_eq!(v.len(), 1, "{text:?} -> {v:?}");
        let (r, d) = v.into_iter().next().unwrap();
        assert_eq!(&text[r], d.raw);
        d
    }

    #[test]
    fn durations_as_data() {
        for (text, min, max, open, raw) in [
            (
                "This phase generally lasts around 1 to 2 years.",
                1.0,
                Some(2.0),
                false,
                "around 1 to 2 years",
            ),
            (
                "Expect to stay in this role for about 2 to 4 years.",
                2.0,
                Some(4.0),
                false,
                "about 2 to 4 years",
            ),
            (
                "It typically takes 1-2 years to qualify.",
                1.0,
                Some(2.0),
                false,
                "1-2 years",
            ),
            (
                "Most spend 2–4 years here.",
                2.0,
                Some(4.0),
                false,
                "2–4 years",
            ),
            (
                "This level typically requires over five years of experience.",
                5.0,
                None,
                true,
                "over five years",
            ),
            (
                "Senior roles want 5+ years of experience.",
                5.0,
                None,
                true,
                "5+ years",
            ),
            (
                "at least 3 years of experience",
                3.0,
                None,
                true,
                "at least 3 years",
            ),
            (
                "3 or more years in industry",
                3.0,
                None,
                true,
                "3 or more years",
            ),
            ("up to 2 years", 0.0, Some(2.0), false, "up to 2 years"),
            ("six months of study", 0.5, Some(0.5), false, "six months"),
            ("a 6-12 month bootcamp", 0.5, Some(1.0), false, "6-12 month"),
            ("18 months later", 1.5, Some(1.5), false, "18 months"),
            ("a 3-year degree", 3.0, Some(3.0), false, "3-year"),
            (
                "New graduate (0–1 years)",
                0.0,
                Some(1.0),
                false,
                "0–1 years",
            ),
        ] {
            let d = one_duration(text);
            assert_eq!(
                (d.min_years, d.max_years, d.open_ended, d.raw.as_str()),
                (min, max, open, raw),
                "{text}"
            );
        }
        for text in [
            "In 2026, back-end developers continue to play a critical role.",
            "The job market is expected to grow by 15% through 2025.",
            "Entry-level: $75,000 – $95,000 per year",
            "Mornings, 8-10 AM",
            "Give it 2026 years",
            "zero years",
            "0 years",
        ] {
            assert!(parse_durations(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn duration_kinds_from_the_sentence() {
        use DurationKind::*;
        for (text, kind) in [
            (
                "This phase generally lasts around 1 to 2 years as you gain foundational experience.",
                InStage,
            ),
            (
                "Expect to stay in this role for about 2 to 4 years.",
                InStage,
            ),
            (
                "This level typically requires over five years of experience.",
                ExperienceRequired,
            ),
            (
                "It typically takes 1-2 years to qualify, including a degree.",
                ToQualify,
            ),
            ("The program runs 2 years.", Unspecified),
            // Times counted from the start of the career, as ladders write them.
            (
                "Master Electrician (typically 6–8 years into the trade)",
                ExperienceRequired,
            ),
            (
                "VP of Product (typically 12–15+ years into a career)",
                ExperienceRequired,
            ),
            (
                "Lead Data Analyst (after 8–10 years total)",
                ExperienceRequired,
            ),
            (
                "Líder técnico (a partir de 7–8 años de experiencia)",
                ExperienceRequired,
            ),
            (
                "Journeyman Electrician (2–4 years before master eligibility)",
                Unspecified,
            ),
        ] {
            assert_eq!(one_duration(text).kind, kind, "{text}");
        }
        // The kind comes from the duration's own sentence.
        let v = parse_durations("It takes 2 years. Stay in this role for 3 years.");
        assert_eq!(v[0].1.kind, Unspecified);
        assert_eq!(v[1].1.kind, InStage);
    }

    #[test]
    fn a_bold_lead_is_its_own_sentence_for_the_kind() {
        use DurationKind::*;
        // "first job" is said of the units, after the lead: not a time to qualify.
        let text =
            "**Work as a staff nurse (1–3 years).** Medical-surgical units are a common first job.";
        assert_eq!(one_duration(text).kind, Unspecified);
        let text = "__Stay in this role (2–4 years):__ most people get hired elsewhere.";
        assert_eq!(one_duration(text).kind, InStage);
        // Without the lead's stop it is one sentence, as before.
        let text = "It takes 1-2 years to qualify for a first job.";
        assert_eq!(one_duration(text).kind, ToQualify);
    }

    #[test]
    fn after_a_time_counts_from_the_start() {
        use DurationKind::*;
        let text = "After two to three years they become mid-weight designers, then senior designers after five or more years.";
        let v = parse_durations(text);
        let got: Vec<(&str, DurationKind, f64, Option<f64>)> = v
            .iter()
            .map(|(_, d)| (d.raw.as_str(), d.kind, d.min_years, d.max_years))
            .collect();
        assert_eq!(
            got,
            vec![
                ("two to three years", ExperienceRequired, 2.0, Some(3.0)),
                ("five or more years", ExperienceRequired, 5.0, None),
            ]
        );
        assert_eq!(
            one_duration("A bootcamp (about 3 months) helps.").kind,
            Unspecified
        );
    }

    #[test]
    fn duration_labels() {
        assert_eq!(one_duration("1 to 2 years").label(), "1–2 years");
        assert_eq!(one_duration("over five years").label(), "5+ years");
        assert_eq!(one_duration("6 months").label(), "6 months");
        assert_eq!(one_duration("1 year").label(), "1 year");
        assert_eq!(one_duration("18 months").label(), "1.5 years");
        assert_eq!(one_duration("3–12 months").label(), "3–12 months");
        assert_eq!(one_duration("3–6 meses").label(), "3–6 months");
    }

    /// Weeks are no duration unit: "Phase 1 (6–8 weeks)", "a 12-week bootcamp", "12 semanas"
    /// are spans, shown in weeks as the guide writes them and kept in years, so that they compare
    /// and add up with months and years.
    #[test]
    fn weeks_are_a_duration_unit() {
        use crate::i18n::Locale;
        for (text, weeks, open, raw, label) in [
            (
                "Phase 1 (6–8 weeks)",
                (6.0, Some(8.0)),
                false,
                "6–8 weeks",
                "6–8 weeks",
            ),
            (
                "a 12-week bootcamp",
                (12.0, Some(12.0)),
                false,
                "12-week",
                "12 weeks",
            ),
            (
                "one week of shadowing",
                (1.0, Some(1.0)),
                false,
                "one week",
                "1 week",
            ),
            (
                "at least 26 weeks",
                (26.0, None),
                true,
                "at least 26 weeks",
                "26+ weeks",
            ),
            (
                "52 weeks in post",
                (52.0, Some(52.0)),
                false,
                "52 weeks",
                "52 weeks",
            ),
            (
                "un curso de 12 semanas",
                (12.0, Some(12.0)),
                false,
                "12 semanas",
                "12 weeks",
            ),
            (
                "1.5 weeks",
                (1.5, Some(1.5)),
                false,
                "1.5 weeks",
                "1.5 weeks",
            ),
        ] {
            let d = one_duration(text);
            assert_eq!(d.unit, SpanUnit::Weeks, "{text}");
            assert_eq!(
                (
                    (d.min_years * WEEKS_PER_YEAR * 100.0).round() / 100.0,
                    d.max_years
                        .map(|m| (m * WEEKS_PER_YEAR * 100.0).round() / 100.0),
                    d.open_ended,
                    d.raw.as_str(),
                    d.label(),
                ),
                (weeks.0, weeks.1, open, raw, label.to_string()),
                "{text}"
            );
        }
        assert_eq!(one_duration("6–8 semanas").words(Locale::Es), "6–8 semanas");
        assert_eq!(one_duration("1 week").words(Locale::Es), "1 semana");
        // Ordered against months and years by the years they hold.
        let eight_weeks = one_duration("8 weeks");
        let three_months = one_duration("3 months");
        let one_year = one_duration("1 year");
        assert!(eight_weeks.min_years < three_months.min_years);
        assert!(three_months.min_years < one_year.min_years);
        assert!(one_duration("12 weeks").min_years < three_months.min_years);
        assert!(one_duration("14 weeks").min_years > three_months.min_years);
        // Months and years keep their unit.
        assert_eq!(three_months.unit, SpanUnit::YearsOrMonths);
        // Rates and schedules are no spans.
        for text in [
            "40 hours a week",
            "paid per week",
            "three shifts a week",
            "100 weeks",
        ] {
            assert!(parse_durations(text).is_empty(), "{text}");
        }
    }

    /// Issue 14: a time in a Spanish member's answer is said in Spanish (unit and plural).
    #[test]
    fn duration_words_in_spanish() {
        use crate::i18n::Locale;
        for (text, said) in [
            ("1 to 2 years", "1–2 años"),
            ("over five years", "5+ años"),
            ("6 months", "6 meses"),
            ("1 year", "1 año"),
            ("18 months", "1.5 años"),
            ("3–12 months", "3–12 meses"),
        ] {
            assert_eq!(one_duration(text).words(Locale::Es), said, "{text}");
        }
    }

    /// Shape 1 of the fifth round: "for a year or two" is a time (one to two years).
    #[test]
    fn a_year_or_two_is_one_to_two_years() {
        let d = one_duration("Once qualified you work as an improver for a year or two.");
        assert_eq!(
            (d.min_years, d.max_years, d.open_ended),
            (1.0, Some(2.0), false)
        );
        assert_eq!(d.raw, "a year or two");
        assert_eq!(d.label(), "1–2 years");
        let d = one_duration("Shadow a colleague for a month or two.");
        assert_eq!(d.label(), "1–2 months");
        // In text order with the other spans.
        let v = parse_durations("After 3–5 years, or a year or two more, you lead.");
        let raws: Vec<&str> = v.iter().map(|(_, d)| d.raw.as_str()).collect();
        assert_eq!(raws, ["3–5 years", "a year or two"]);
        assert!(parse_durations("a year or so").is_empty());
    }

    /// Shape 2 of the fifth round: a column headed by years gives them as bare numbers.
    #[test]
    fn bare_years_under_a_years_header() {
        for h in [
            "Years",
            "Years of experience",
            "Typical years",
            "Experience",
            "Años",
        ] {
            assert!(is_years_header(h), "{h}");
        }
        for h in ["Role", "What changes", "Salary"] {
            assert!(!is_years_header(h), "{h}");
        }
        let span = |c: &str| bare_years(c).map(|d| (d.min_years, d.max_years, d.raw));
        assert_eq!(span("0–1"), Some((0.0, Some(1.0), "0–1".into())));
        assert_eq!(span(" 3-6 "), Some((3.0, Some(6.0), "3-6".into())));
        assert_eq!(span("10+"), Some((10.0, None, "10+".into())));
        assert_eq!(span("5"), Some((5.0, Some(5.0), "5".into())));
        for not in ["Entry", "$40k", "2026", "3–6 months", "8 to 10 hours", ""] {
            assert_eq!(span(not), None, "{not}");
        }
    }

    /// Shape 1 of the fifth round: "Once qualified you work as an improver for a year or two"
    /// is time in the stage after qualifying, and "a qualified plumber" no time to qualify.
    #[test]
    fn qualified_as_an_adjective_or_after_once_is_no_time_to_qualify() {
        let kind = |t: &str| one_duration(t).kind;
        assert_eq!(
            kind("Once qualified you work as an improver for a year or two."),
            DurationKind::Unspecified
        );
        assert_eq!(
            kind("You start as an apprentice for four years, beside a qualified plumber."),
            DurationKind::Unspecified
        );
        assert_eq!(
            kind("It takes 2–3 years to get qualified."),
            DurationKind::ToQualify
        );
        assert_eq!(
            kind("It typically takes 1-2 years to qualify."),
            DurationKind::ToQualify
        );
    }
}
