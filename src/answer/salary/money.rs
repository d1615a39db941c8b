//! Money amounts on a line: "$70K–$95K", "$85,000 - $120,000", "£28,000 to £35,000",
//! "€65.000–€85.000", "45.000 €", "entre 24.000 y 29.000 euros brutos al año", "A$90,000",
//! "30,000 pounds", "$28 per hour", "R9,000 – R16,000 per month", "₹1,00,000", "₹6–10 LPA",
//! "12 lakh a year", "120k" near a pay word or under a pay heading; with their currency (data:
//! [`Currencies`]), period and open end, never costs, counts or amounts in a currency the table
//! does not read.

use std::ops::Range;

use once_cell::sync::Lazy;
use regex::{Captures, Regex};

use super::Period;
use super::currency::{Currencies, Currency, Multiplier, is_letter_mark};
use crate::answer::re;
use crate::word_regex::{ASCII_BOUNDARY, ascii_bounds};

/// An amount: Indian digit grouping, the last three digits then twos ("1,00,000", "12,50,000"),
/// US thousands separators ("85,000.50"), dots as thousands separators as many guides outside
/// the US write them ("65.000"), spaces (or no-break spaces) as South Africa and much of Europe
/// write them ("R 18 000", "45 000 €"), or plain digits.
const NUM: &str = r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3})+\b|\b\d{1,3}(?:[\x20\xA0\x{202F}]\d{3})+\b|\d+(?:\.\d+)?";

/// A bare amount with thousands separators: Indian grouping ("12,50,000"), commas or dots
/// ("23,000", "23.000").
const GROUPED: &str = r"\d{1,2}(?:,\d{2})+,\d{3}|\d{1,3}(?:[.,]\d{3})+";

/// Thousands after a number: "k", or the word ("75 to 95 thousand a year", "60 grand").
const K: &str = r"(?:[kK]|\s(?:thousand|grand))\b";

/// Thousands after a number marked by a currency word after it, also in Spanish ("28 mil
/// euros"; never before a mark, where "$2 mil" is millions).
const K_BEFORE_WORD: &str = r"(?:[kK]|\s(?:thousand|grand|mil))\b";

/// What a thousands word ([`K`], [`K_BEFORE_WORD`]) multiplies a number by.
const THOUSAND: f64 = 1000.0;

/// What joins a range's two ends: a dash, "to"; "and" ("y") after "between" ("entre"); "a" or
/// "hasta" after "de" or "desde"; "up to", "(and) rising to" after "from" (see [`range_sep_ok`]).
const SEP: &str = r"[-–—]|\bup\s+to\b|\b(?:and\s+)?(?:rising|going|climbing|increasing)\s+to\b|\bto\b|\band\b|\by\b|\ba\b|\bhasta\b";

/// A period of time written right after a range's first end, its second end carrying its own
/// ("CA$36/hr to CA$41/hr", "€40 per hour to €55 per hour"): read only when the second end's
/// period is the same.
const UNIT: &str = r"\s?/\s?(?:hr|hour|h|day|wk|week|mo|month|yr|year)\b|\s+(?:per|an?)\s+(?:hour|day|week|month|year|annum)\b";

/// The money expression, with the currency marks written before (`before`) and after (`after`)
/// amounts and the counting words after a number (`counting`: "lakh", "LPA", "crore") as regex
/// alternations: a marked amount or range ("£28,000 to £35,000", "$60-85K", "$200,000+",
/// "₹6–10 LPA"), an amount or range followed by its mark ("45.000 € – 60.000 €", "28,000
/// pounds", "45,000–60,000 euros"), a bare `k` or counted amount ("120k", "65k-80k", "12
/// lakh"), or a bare amount written with thousands separators ("30,000", "23.000–26.000",
/// "12,50,000": read only where a period follows it or its table column's header names a
/// currency).
pub(super) fn pattern(before: &str, after: &str, counting: &str) -> String {
    // A counting word after a number, with a space or none ("12 lakh", "12LPA").
    let k = format!(r"(?:{}|\s?{counting})", ascii_bounds(K));
    let kw = format!(r"(?:{}|\s?{counting})", ascii_bounds(K_BEFORE_WORD));
    format!(
        r"(?x)
        (?P<c1>{before}) \s? (?P<n1>{NUM}) (?P<k1>{K})?
        (?: (?P<p1>{UNIT})? \s* (?P<sep>{SEP}) \s* (?P<c2>{before})? \s? (?P<n2>{NUM}) (?P<k2>{K})? )?
        (?P<plus>\+)?
      | {B} (?P<u1>{NUM}) (?P<uk1>{KW})? \s? (?P<ua1>{after})
        (?: \s* (?P<usep>{SEP}) \s* (?P<u2>{NUM}) (?P<uk2>{KW})? (?: \s? (?P<ua2>{after}) )? )?
        (?P<uplus>\+)?
      | {B} (?P<v1>{NUM}) (?P<vk1>{KW})? \s* (?P<vsep>{SEP}) \s* (?P<v2>{NUM}) (?P<vk2>{KW})? \s? (?P<va2>{after}) (?P<vplus>\+)?
      | {B} (?P<b1>\d{{1,4}}(?:\.\d+)?) (?P<bk1>{K})? \s* (?P<bsep>[-–—]|{B}to{B}|{B}and{B}) \s* (?P<b2>\d{{1,4}}(?:\.\d+)?) (?P<bk2>{K}) (?P<bplus>\+)?
      | {B} (?P<s1>\d{{1,4}}(?:\.\d+)?) (?P<sk>{K}) (?P<splus>\+)?
      | {B} (?P<g1>{GROUPED}) {B}
        (?: \s* (?:[-–—]|{B}to{B}) \s* (?P<g2>{GROUPED}) {B} )? (?P<gplus>\+)?
        ",
        K = k,
        KW = kw,
        B = ASCII_BOUNDARY,
        NUM = ascii_bounds(NUM),
        SEP = ascii_bounds(SEP),
        UNIT = ascii_bounds(UNIT),
    )
}

/// Right after an amount: it is not a salary (percent, an equation: "1 crore = …", millions, a
/// business's takings: "$150,000 in gross revenue"; a rise in pay, as Indian English says it:
/// "₹23 LPA average hike").
static REJECT_AFTER: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)^\s?(?:%|=|percent\b|[mb]\b|mn\b|bn\b|million\b|billion\b|trillion\b|(?:in|of)\s+(?:gross\s+|annual\s+|yearly\s+)?(?:revenue|sales|turnover|billings|receipts)\b|(?:(?:average|annual|salary)\s+)?hikes?\b)",
    )
});
/// Just before an amount: a cost, not pay.
static COST_BEFORE: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\b(?:costs?|costing|tuition|fees?|debt|loans?|prices?|priced|budget|funding|raised|revenue|spend|spent|savings|bonus(?:es)?|stipends?)\b[^$]{0,30}$",
    )
});
/// A turn in a sentence: a cost word before it is not about the amount after it ("$150,000 in
/// revenue, but most net $60,000").
static CONTRAST: Lazy<Regex> = Lazy::new(|| re(r"(?i)\b(?:but|while|whereas|yet)\b|;"));
/// Words near a bare `k` amount that make it a pay figure.
static PAY_CONTEXT: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\$|\b(?:salar(?:y|ies)|pay|pays|paid|paying|earn\w*|compensation|comp|ctc|income|wages?|base|makes?|making|annual(?:ly)?|per year|a year|package|offers?|ranges?|ranging|(?:start|starts|starting|begin|begins)\s+(?:on|at|from)|sueldos?|salarios?|cobr(?:a|an|ar|ando)|gan(?:a|an|ar)|brut[oa]s?|retribuci[oó]n|n[oó]minas?|(?:al|por)\s+(?:año|mes)|anual(?:es)?|mensual(?:es)?)\b",
    )
});
/// Count nouns: "25k+ professionals" counts people, not dollars.
static COUNT_AFTER: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)^\+?\s*(?:[\w-]+\s+)?(?:users?|people|persons?|developers?|engineers?|professionals?|members?|followers?|subscribers?|students?|learners?|jobs?|openings?|positions?|roles?|downloads?|stars?|requests?|views?|visitors?|companies|employees?|candidates?|applicants?|hires?|participants?|graduates?|alumni|readers?|customers?|installs?|lines?|records?|rows?|tokens?|words?|miles?|steps?|hours?|times)\b",
    )
});
static PERIOD_AFTER: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)^\s*(?:(?:gross|before\s+tax|brut[oa]s?|net[oa]s?)\s+)?(?:(?P<hour>/\s?(?:hr|hour|h)\b|per\s+hour\b|an\s+hour\b|hourly\b|(?:por|la)\s+hora\b)|(?P<day>/\s?day\b|per\s+day\b|a\s+day\b|daily\b|(?:al|por)\s+día\b|diarios?\b)|(?P<week>/\s?(?:wk|week)\b|per\s+week\b|a\s+week\b|weekly\b|(?:a\s+la|por)\s+semana\b|semanales?\b)|(?P<month>/\s?(?:mo|month|mth)\b|per\s+month\b|a\s+month\b|monthly\b|(?:al|por)\s+mes\b|mensuales?\b)|(?P<year>/\s?(?:yr|year|annum)\b|per\s+(?:year|annum)\b|a\s+year\b|annually\b|yearly\b|(?:al|por)\s+año\b|anuales?\b))",
    )
});
static PERIOD_BEFORE: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\b(?:(?P<hour>hourly|hour\s+rates?)|(?P<day>daily|day\s+rates?)|(?P<week>weekly)|(?P<month>monthly|mensual(?:es)?))\b[^$.;]{0,30}$",
    )
});

/// The period a match of a period pattern names by its group (`hour`, `day`, `week`, `month`;
/// else a year).
pub(super) fn period_of(c: &Captures<'_>) -> Period {
    if c.name("hour").is_some() {
        Period::Hour
    } else if c.name("day").is_some() {
        Period::Day
    } else if c.name("week").is_some() {
        Period::Week
    } else if c.name("month").is_some() {
        Period::Month
    } else {
        Period::Year
    }
}
static OPEN_BEFORE: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\b(?:over|more than|upwards of|above|exceed(?:s|ing)?|in excess of|north of|at least|beyond|surpass(?:es|ing)?)\s*$",
    )
});
static OPEN_AFTER: Lazy<Regex> =
    Lazy::new(|| re(r"(?i)^\s*(?:or more|and up|and above|or higher|plus)\b"));
/// "between" ("entre"): a range's two ends are joined by "and" ("y") only after it.
static BETWEEN_BEFORE: Lazy<Regex> = Lazy::new(|| re(r"(?i)\b(?:between|entre)\s*$"));
/// "from (about)" ("de", "desde"): a range's two ends are joined by "up to", "rising to" ("a",
/// "hasta") only after it: "from about $72,000 up to $80,000", "de 21.000 € a 26.000 €".
static FROM_BEFORE: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\b(?:from|de|desde)\s+(?:(?:about|around|roughly|approximately|some|unos|unas|alrededor\s+de)\s+)?$",
    )
});

/// Whether `sep` joins two amounts into a range where it stands (`before`: the line before the
/// first amount): a dash or "to" anywhere; "and" ("y") only after "between" ("entre"): "between
/// £7 and £9", "entre 24.000 y 29.000 euros"; "up to", "rising to", "a", "hasta" only after
/// "from" ("de", "desde"): "anywhere from $46,000 up to $75,000", "de 21.000 € a 26.000 €",
/// or between two amounts that both carry the mark (`both_marked`: "$8,000 a $12,000").
fn range_sep_ok(sep: &str, before: &str, both_marked: bool) -> bool {
    let word = sep.trim().to_lowercase();
    match word.as_str() {
        "and" | "y" => BETWEEN_BEFORE.is_match(before),
        "a" | "hasta" => both_marked || FROM_BEFORE.is_match(before),
        w if w.ends_with("to") && w != "to" => FROM_BEFORE.is_match(before),
        _ => true,
    }
}

/// Whether the period written after a range's first end (`unit`: "/hr", " per hour") is the one
/// its second end states (`after`: the text after it): "CA$36/hr to CA$41/hr" is one range per
/// hour; "$25/hr to $50,000 a year" is none.
fn same_unit(unit: &str, after: &str) -> bool {
    let first = PERIOD_AFTER.captures(unit).map(|c| period_of(&c));
    let second = PERIOD_AFTER.captures(after).map(|c| period_of(&c));
    first.is_some() && first == second
}

/// A sentence end.
pub(super) static SENTENCE_SEP: Lazy<Regex> = Lazy::new(|| re(r"[.!?](?:\s+|$)"));

/// A money amount found on one line (before level and form are decided).
#[derive(Debug, Clone)]
pub(super) struct Found {
    pub(super) span: Range<usize>,
    pub(super) currency: Currency,
    pub(super) low: f64,
    pub(super) high: f64,
    pub(super) period: Period,
    pub(super) open_ended: bool,
    /// The currency is stated: by a mark on the amount, by the marked amounts of its line, or by
    /// its table column's header; otherwise it is the table's first until the guide says more.
    pub(super) stated: bool,
    /// A bare amount with thousands separators ("23,000–26,000").
    pub(super) grouped: bool,
    /// Its currency is stated only by a mark other currencies are written with too (a bare
    /// "$", "dollars"; see [`Currencies::sharing`]).
    pub(super) shared: bool,
}

fn parse_num(s: &str) -> Option<f64> {
    // "65.000": dots between groups of three digits separate thousands.
    let groups: Vec<&str> = s.split('.').collect();
    if !s.contains(',')
        && groups.len() > 1
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups[0].len() <= 3
    {
        return s.replace('.', "").parse::<f64>().ok();
    }
    s.replace([',', ' ', '\u{a0}', '\u{202f}'], "")
        .parse::<f64>()
        .ok()
}

/// "$60-85K", "₹6–10 LPA": the counting word on one end (what it multiplies by: `t1`, `t2`)
/// applies to a small number on the other.
fn propagate(v1: f64, t1: Option<f64>, v2: f64, t2: Option<f64>) -> (f64, f64) {
    let times = |v: f64, own: Option<f64>, other: Option<f64>| match (own, other) {
        (Some(t), _) => v * t,
        (None, Some(t)) if v < 1000.0 => v * t,
        _ => v,
    };
    (times(v1, t1, t2), times(v2, t2, t1))
}

/// What the counting word `word` after a number multiplies it by: "k", "thousand", "grand",
/// "mil" a thousand; a word of the table ("lakh", "crore") its own.
fn times(money: &Currencies, word: Option<regex::Match<'_>>) -> Option<f64> {
    word.map(|w| {
        money
            .multiplier(w.as_str().trim())
            .map_or(THOUSAND, |m| m.times)
    })
}

/// The counting word of the table `word` is ("lakh", "LPA", "crore"), with the period and
/// currency it states; `None` for thousands ("k") or no word.
fn counted<'a>(money: &'a Currencies, word: Option<regex::Match<'_>>) -> Option<&'a Multiplier> {
    money.multiplier(word?.as_str().trim())
}

/// The period the counting words of an amount state ("LPA": a year), the last end's first.
fn counted_period(money: &Currencies, words: &[Option<regex::Match<'_>>]) -> Option<Period> {
    words
        .iter()
        .rev()
        .find_map(|w| counted(money, *w).and_then(|m| m.period))
}

/// A `$` preceded by letters is another dollar ("A$", "C$", "NZ$", "HK$").
fn foreign_dollar(line: &str, cur_start: usize) -> bool {
    let cur = &line[cur_start..];
    if cur.starts_with("US") {
        return false;
    }
    line[..cur_start]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphabetic())
}

/// The sentence of `line` around `span`.
pub(super) fn sentence_around(line: &str, span: &Range<usize>) -> Range<usize> {
    let mut start = 0;
    let mut end = line.len();
    for m in SENTENCE_SEP.find_iter(line) {
        if m.end() <= span.start {
            start = m.end();
        } else if m.start() >= span.end {
            end = m.start();
            break;
        }
    }
    start..end
}

/// Checks shared by every amount; decides period and open end (`counted`: the period its
/// counting word states, "LPA"). An amount followed by the mark of another currency, or of a
/// currency not read, is not pay in `currency`; nor is one outside its currency's plausible
/// amounts in its period ([`Currencies::plausible`]), nor what a counting word is worth ("One
/// lakh is ₹1,00,000").
fn finish(
    scan: &Scan<'_>,
    span: Range<usize>,
    amount: (f64, f64, bool),
    currency: &Currency,
    counted: Option<Period>,
) -> Option<Found> {
    let Scan {
        money,
        line,
        period: unstated,
        ..
    } = *scan;
    let (low, high, plus) = amount;
    let before = &line[..span.start];
    let mut after = &line[span.end..];
    // A mark after the amount of a currency sharing the mark before it says which currency it
    // is ("$25,000 MXN"); another currency's mark makes it none.
    let mut currency = currency;
    if let Some(m) = money.mark_after.find(after)
        && let Some(named) = money.of_mark(m.as_str().trim())
        && named != currency
    {
        if !money.sharing(currency).contains(named) {
            return None;
        }
        currency = named;
        after = &after[m.end()..];
    }
    if not_pay_after(money, after)
        || money.other_after.is_match(after)
        || money.defines_count.is_match(before)
        || COST_BEFORE
            .find(before)
            .is_some_and(|m| !CONTRAST.is_match(m.as_str()))
        || low > high
    {
        return None;
    }
    let (period, after_period) = match PERIOD_AFTER.captures(after) {
        Some(c) => (period_of(&c), &after[c.get(0).map_or(0, |m| m.end())..]),
        None => match PERIOD_BEFORE.captures(before) {
            Some(c) => (period_of(&c), after),
            None => (unstated, after),
        },
    };
    let period = counted.unwrap_or(period);
    // A bare "$" may be another currency's, whose pay runs higher ("$1.200.000" a month in
    // Chilean pesos): which one is read over the guide, which keeps the amount only within the
    // plausible pay of the one it is in.
    let ok = money.plausible_shared(currency, period);
    if !ok.contains(&low) || !ok.contains(&high) {
        return None;
    }
    let open_ended = plus
        || OPEN_AFTER.is_match(after)
        || OPEN_AFTER.is_match(after_period)
        || OPEN_BEFORE.is_match(before);
    Some(Found {
        span,
        currency: currency.clone(),
        low,
        high,
        period,
        open_ended,
        stated: true,
        grouped: false,
        shared: false,
    })
}

/// What follows an amount makes it no pay: a percent, millions, revenue, a rate per piece of work.
fn not_pay_after(money: &Currencies, after: &str) -> bool {
    REJECT_AFTER.is_match(after) || money.per_unit_after.is_match(after)
}

/// Whether the sentence of `line` around `span` speaks of pay.
fn pay_context(line: &str, span: &Range<usize>) -> bool {
    let sentence = sentence_around(line, span);
    let context = format!(
        "{} {}",
        &line[sentence.start..span.start],
        &line[span.end..sentence.end]
    );
    PAY_CONTEXT.is_match(&context) || line.contains('|')
}

/// Whether a mark of one letter ending at `mark_end` marks the amount `num`: it touches it
/// ("R18,000"), or one space parts them where the amount groups its thousands by spaces too,
/// the one style that spaces such a mark ("R 18 000").
fn touches(line: &str, mark_end: usize, num: &regex::Match<'_>) -> bool {
    mark_end == num.start()
        || (matches!(&line[mark_end..num.start()], " " | "\u{a0}")
            && num.as_str().contains([' ', '\u{a0}', '\u{202f}']))
}

/// Whether an amount marked by a mark of one letter ("R250") at `span` is money: the mark touches
/// its digits (checked by the caller), no letter or digit follows the amount ("R410A", "R2D2"),
/// and it is about pay: in a section about pay, in a table, with a pay word in its sentence, or
/// with a period right after it ("R250 an hour"). "R&D", "the R language 4.3" never get here.
fn letter_mark_ok(scan: &Scan<'_>, span: &Range<usize>) -> bool {
    let after = &scan.line[span.end..];
    !after.starts_with(char::is_alphanumeric)
        && (scan.pay || pay_context(scan.line, span) || PERIOD_AFTER.is_match(after))
}

/// Whether an amount counted in lakhs or crores ("12 lakh") that has no currency mark at `span`
/// is pay: a period follows it or its word states one ("12 lakh a year", "10 lakhs per annum",
/// "12 LPA"), a pay word comes before it in its sentence ("earn 12 lakh", "a CTC of 18 lakh"),
/// or its table column's header names a currency; never a count ("2 lakh users"), never after
/// another currency's sign.
fn counted_ok(scan: &Scan<'_>, span: &Range<usize>, period: Option<Period>) -> bool {
    let Scan { money, line, .. } = *scan;
    let after = &line[span.end..];
    let sentence = sentence_around(line, span);
    !money.other_before.is_match(&line[..span.start])
        && !COUNT_AFTER.is_match(after)
        && (period.is_some()
            || PERIOD_AFTER.is_match(after)
            || scan.grouped
            || PAY_CONTEXT.is_match(&line[sentence.start..span.start]))
}

/// Extra checks for an amount without a currency mark ("120k").
fn bare_ok(
    Scan {
        money, line, pay, ..
    }: &Scan<'_>,
    span: &Range<usize>,
) -> bool {
    !money.other_before.is_match(&line[..span.start])
        && !COUNT_AFTER.is_match(&line[span.end..])
        && (*pay || pay_context(line, span))
}

/// Reads an amount or range marked by a currency after it: "45.000 € – 60.000 €", "28,000
/// pounds", "45,000–60,000 euros" (the groups of branch `b` of [`pattern`]: `{b}1`, `{b}k1`,
/// `{b}a1`, `{b}2`, `{b}k2`, `{b}a2`, `{b}plus`). A mark that is a word needs a pay word in the
/// sentence.
fn parse_marked_after(scan: &Scan<'_>, c: &Captures<'_>, b: &str) -> Option<Found> {
    let Scan { money, line, .. } = *scan;
    let group = |name: &str| c.name(&format!("{b}{name}"));
    let whole = c.get(0)?.range();
    let marks = (
        group("a1").map(|m| m.as_str()),
        group("a2").map(|m| m.as_str()),
    );
    let (currency, mark) = match marks {
        (Some(x), Some(y)) if money.of_mark(x) != money.of_mark(y) => return None,
        (Some(m), _) | (None, Some(m)) => (money.of_mark(m)?, m),
        (None, None) => return None,
    };
    if mark.chars().any(char::is_alphabetic) && !pay_context(line, &whole) {
        return None;
    }
    if let Some(sep) = group("sep")
        && !range_sep_ok(sep.as_str(), &line[..whole.start], false)
    {
        // No range: the first amount alone, when its own mark follows it ("1.300 € y …").
        let a1 = group("a1")?;
        let v1 = parse_num(group("1")?.as_str())? * times(money, group("k1")).unwrap_or(1.0);
        let period = counted_period(money, &[group("k1")]);
        return finish(
            scan,
            whole.start..a1.end(),
            (v1, v1, false),
            currency,
            period,
        );
    }
    let v1 = parse_num(group("1")?.as_str())?;
    let t1 = times(money, group("k1"));
    let (low, high) = match group("2") {
        Some(n2) => propagate(v1, t1, parse_num(n2.as_str())?, times(money, group("k2"))),
        None => (v1 * t1.unwrap_or(1.0), v1 * t1.unwrap_or(1.0)),
    };
    let plus = group("plus").is_some();
    let period = counted_period(money, &[group("k1"), group("k2")]);
    finish(scan, whole, (low, high, plus), currency, period)
}

fn parse_capture(scan: &Scan<'_>, c: &Captures<'_>) -> Option<Found> {
    let Scan { money, line, .. } = *scan;
    let whole = c.get(0)?;
    if let (Some(c1), Some(n1)) = (c.name("c1"), c.name("n1")) {
        if foreign_dollar(line, c1.start()) {
            return None;
        }
        let currency = money.of_mark(c1.as_str())?;
        // A mark of one letter ("R") marks only an amount it touches, about pay.
        let lettered = is_letter_mark(c1.as_str());
        if lettered && !touches(line, c1.end(), &n1) {
            return None;
        }
        let t1 = times(money, c.name("k1"));
        let v1 = parse_num(n1.as_str())?;
        let single = v1 * t1.unwrap_or(1.0);
        let single_end = c.name("k1").map_or(n1.end(), |k| k.end());
        let single_period = counted_period(money, &[c.name("k1")]);
        if let (Some(sep), Some(n2)) = (c.name("sep"), c.name("n2")) {
            let range_ok = range_sep_ok(sep.as_str(), &line[..c1.start()], c.name("c2").is_some())
                && c.name("c2").is_none_or(|c2| {
                    money.of_mark(c2.as_str()) == Some(currency)
                        && (!is_letter_mark(c2.as_str()) || touches(line, c2.end(), &n2))
                })
                && c.name("p1")
                    .is_none_or(|p1| same_unit(p1.as_str(), &line[whole.end()..]));
            let span = c1.start()..whole.end();
            if range_ok && (!lettered || letter_mark_ok(scan, &span)) {
                let v2 = parse_num(n2.as_str())?;
                let (a, b) = propagate(v1, t1, v2, times(money, c.name("k2")));
                let plus = c.name("plus").is_some();
                let period = counted_period(money, &[c.name("k1"), c.name("k2")]);
                if let Some(f) = finish(scan, span, (a, b, plus), currency, period) {
                    return Some(f);
                }
            }
            // Not a range: keep the first amount alone, unless what follows the range says it
            // is no pay ("$150,000 – $250,000 in gross revenue").
            let span = c1.start()..single_end;
            if not_pay_after(money, &line[whole.end()..])
                || (lettered && !letter_mark_ok(scan, &span))
            {
                return None;
            }
            return finish(scan, span, (single, single, false), currency, single_period);
        }
        let span = c1.start()..whole.end();
        if lettered && !letter_mark_ok(scan, &span) {
            return None;
        }
        let plus = c.name("plus").is_some();
        return finish(scan, span, (single, single, plus), currency, single_period);
    }
    if c.name("u1").is_some() {
        return parse_marked_after(scan, c, "u");
    }
    if c.name("v1").is_some() {
        return parse_marked_after(scan, c, "v");
    }
    // A bare "23,000–26,000": where a period follows it ("30,000 a year") or its column's
    // header names a currency.
    if let Some(g1) = c.name("g1") {
        let low = parse_num(g1.as_str())?;
        let high = c
            .name("g2")
            .map_or(Some(low), |g2| parse_num(g2.as_str()))?;
        let span = whole.range();
        let period_follows = PERIOD_AFTER
            .captures(&line[span.end..])
            .is_some_and(|p| period_of(&p) != Period::Hour);
        if !(scan.grouped || period_follows) || !bare_ok(scan, &span) {
            return None;
        }
        return finish(
            scan,
            span,
            (low, high, c.name("gplus").is_some()),
            money.unmarked(),
            None,
        )
        .map(|f| Found { grouped: true, ..f });
    }
    // A bare "65k-80k", "120k", "75 to 95 thousand", "12 lakh".
    if let Some(sep) = c.name("bsep")
        && !range_sep_ok(sep.as_str(), &line[..whole.start()], false)
    {
        return None;
    }
    let amount = if let (Some(b1), Some(b2)) = (c.name("b1"), c.name("b2")) {
        let (a, b) = propagate(
            parse_num(b1.as_str())?,
            times(money, c.name("bk1")),
            parse_num(b2.as_str())?,
            times(money, c.name("bk2")),
        );
        (a, b, c.name("bplus").is_some())
    } else {
        let v = parse_num(c.name("s1")?.as_str())? * times(money, c.name("sk")).unwrap_or(1.0);
        (v, v, c.name("splus").is_some())
    };
    let span = whole.range();
    // Counted in lakhs or crores: in the word's currency ("12 lakh": rupees), about pay only.
    let words = [c.name("bk1"), c.name("bk2"), c.name("sk")];
    if let Some(word) = words.iter().rev().find_map(|w| counted(money, *w)) {
        let period = counted_period(money, &words);
        if !counted_ok(scan, &span, period) {
            return None;
        }
        let currency = word.currency.as_ref().unwrap_or(money.unmarked());
        return finish(scan, span, amount, currency, period);
    }
    // Thousands in words count people as often as money ("31 thousand hygienists"): they need a
    // pay word in their own sentence, even under a pay heading.
    let worded = [c.name("bk1"), c.name("bk2"), c.name("sk")]
        .into_iter()
        .flatten()
        .any(|k| k.as_str().starts_with(char::is_whitespace));
    if !bare_ok(scan, &span) || (worded && !pay_context(line, &span)) {
        return None;
    }
    finish(scan, span, amount, money.unmarked(), None)
}

/// Every salary amount on one line, in order (see [`scan_money_in`]), an amount whose period the
/// line does not state read per year.
pub(super) fn scan_money(money: &Currencies, line: &str) -> Vec<Found> {
    scan_money_in(money, line, Period::Year)
}

/// A line being read for amounts, and the period of an amount whose period it does not state.
#[derive(Clone, Copy)]
struct Scan<'a> {
    money: &'a Currencies,
    line: &'a str,
    period: Period,
    /// Bare amounts with thousands separators count without a period after them (a table row
    /// whose column header names a currency).
    grouped: bool,
    /// The line is in a section about pay: a bare `k` amount needs no pay word of its own
    /// ("- Junior tester: 28k-34k" under "Salary for game testers").
    pay: bool,
}

/// Every salary amount on one line, in order; an amount whose period the line does not state is
/// in `unstated` (a table column headed "Hourly wage"). A bare amount ("120k") is in the currency
/// of the line's marked amounts when they are all in one, else in the table's first.
pub(super) fn scan_money_in(money: &Currencies, line: &str, unstated: Period) -> Vec<Found> {
    scan_row(money, line, unstated, false)
}

/// [`scan_money_in`]; with `grouped`, bare amounts with thousands separators ("23,000–26,000")
/// count without a period after them (a table row whose header names a currency: the caller
/// keeps those in such a column).
pub(super) fn scan_row(
    money: &Currencies,
    line: &str,
    unstated: Period,
    grouped: bool,
) -> Vec<Found> {
    scan(Scan {
        money,
        line,
        period: unstated,
        grouped,
        pay: false,
    })
}

/// [`scan_money`] on a line of a section about pay (its heading speaks of pay): a bare `k`
/// amount there is pay without a pay word on its line ("- Junior tester: 28k-34k").
pub(super) fn scan_pay_section(money: &Currencies, line: &str) -> Vec<Found> {
    scan(Scan {
        money,
        line,
        period: Period::Year,
        grouped: false,
        pay: true,
    })
}

fn scan(scan: Scan<'_>) -> Vec<Found> {
    let Scan { money, line, .. } = scan;
    let mut out: Vec<(Found, bool)> = Vec::new();
    // Every amount has a digit; most lines have none, and need no regex at all.
    if !line.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let mut pos = 0;
    while pos < line.len() {
        let Some(c) = money.money.captures_at(line, pos) else {
            break;
        };
        let m = c.get(0).expect("group 0");
        match parse_capture(&scan, &c) {
            Some(f) => {
                pos = f.span.end.max(m.start() + 1);
                // A bare amount counted in a word with a currency ("12 lakh") is in that one.
                let bare =
                    (c.name("b1").is_some() || c.name("s1").is_some() || c.name("g1").is_some())
                        && !["bk1", "bk2", "sk"].into_iter().any(|n| {
                            counted(money, c.name(n)).is_some_and(|m| m.currency.is_some())
                        });
                let mark = ["c1", "ua1", "ua2", "va2"]
                    .into_iter()
                    .find_map(|n| c.name(n));
                let shared = mark.is_some_and(|m| {
                    money.is_shared(m.as_str()) && money.of_mark(m.as_str()) == Some(&f.currency)
                });
                out.push((Found { shared, ..f }, bare));
            }
            None => {
                // Retry just after the start: a rejected range may hide a valid amount.
                let step = line[m.start()..].chars().next().map_or(1, char::len_utf8);
                pos = m.start() + step;
            }
        }
        while pos < line.len() && !line.is_char_boundary(pos) {
            pos += 1;
        }
    }
    let mut marked = out
        .iter()
        .filter(|(_, bare)| !bare)
        .map(|(f, _)| &f.currency);
    let line_currency = marked
        .next()
        .filter(|first| marked.all(|c| c == *first))
        .cloned();
    let line_shared = out.iter().filter(|(_, bare)| !bare).all(|(f, _)| f.shared);
    out.into_iter()
        .map(|(mut f, bare)| {
            if bare {
                f.stated = line_currency.is_some();
                f.shared = line_currency.is_some() && line_shared;
                if let Some(c) = &line_currency {
                    f.currency = c.clone();
                }
            }
            f
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Currencies {
        Currencies::from_toml(include_str!("../../../assets/currencies.toml")).unwrap()
    }

    /// (currency, low, high, period, matched text) of every amount on `line`, read as prose.
    fn read(line: &str) -> Vec<(String, u32, u32, Period, String)> {
        amounts(scan_money(&table(), line), line)
    }

    /// [`read`] on a line of a section about pay.
    fn read_in_pay_section(line: &str) -> Vec<(String, u32, u32, Period, String)> {
        amounts(scan_pay_section(&table(), line), line)
    }

    fn amounts(found: Vec<Found>, line: &str) -> Vec<(String, u32, u32, Period, String)> {
        found
            .into_iter()
            .map(|f| {
                (
                    f.currency.code,
                    f.low.round() as u32,
                    f.high.round() as u32,
                    f.period,
                    line[f.span].to_string(),
                )
            })
            .collect()
    }

    fn amount(
        code: &str,
        low: u32,
        high: u32,
        period: Period,
        raw: &str,
    ) -> (String, u32, u32, Period, String) {
        (code.into(), low, high, period, raw.into())
    }

    #[test]
    fn a_rand_mark_of_one_letter_touches_its_amount() {
        use Period::*;
        assert_eq!(
            read("Trainee installers earn R9,000 – R16,000 per month."),
            [amount("ZAR", 9_000, 16_000, Month, "R9,000 – R16,000")]
        );
        assert_eq!(
            read("Site supervisors take home R40,000 – R70,000 a month."),
            [amount("ZAR", 40_000, 70_000, Month, "R40,000 – R70,000")]
        );
        assert_eq!(
            read("Call-out work pays R250 an hour."),
            [amount("ZAR", 250, 250, Hour, "R250")]
        );
        assert_eq!(
            read("A senior engineer earns R650k."),
            [amount("ZAR", 650_000, 650_000, Year, "R650k")]
        );
        // Under a pay heading a labelled line needs no pay word of its own.
        assert_eq!(
            read_in_pay_section("- Team lead: R480,000 – R600,000"),
            [amount("ZAR", 480_000, 600_000, Year, "R480,000 – R600,000")]
        );
        // The code and the name are read as any other currency's.
        assert_eq!(
            read("Graduates earn ZAR 280,000 to ZAR 350,000."),
            [amount(
                "ZAR",
                280_000,
                350_000,
                Year,
                "ZAR 280,000 to ZAR 350,000"
            )]
        );
        assert_eq!(
            read("Artisans earn 25,000 rand a month."),
            [amount("ZAR", 25_000, 25_000, Month, "25,000 rand")]
        );
        // A mark ending in a letter may touch its amount too.
        assert_eq!(
            read("Graduates earn GBP28,000 a year."),
            [amount("GBP", 28_000, 28_000, Year, "GBP28,000")]
        );
    }

    /// Regression (issue 14, ninth probe: a South African guide wrote its pay "R 18 000 - R 26
    /// 000", as South African style writes rand, and gave no figure). Thousands grouped by
    /// spaces are one amount, and a one-letter mark may stand one space before such an amount.
    #[test]
    fn thousands_grouped_by_spaces_are_one_amount() {
        use Period::*;
        assert_eq!(
            read("Graduates earn R 18 000 - R 26 000 a month."),
            [amount("ZAR", 18_000, 26_000, Month, "R 18 000 - R 26 000")]
        );
        assert_eq!(
            read("Interns earn about R 6 000 to R 9 000 per month."),
            [amount("ZAR", 6_000, 9_000, Month, "R 6 000 to R 9 000")]
        );
        assert_eq!(
            read("Juniors earn 32 000 € a year."),
            [amount("EUR", 32_000, 32_000, Year, "32 000 €")]
        );
        // Two numbers a space apart are not one amount unless the second is a group of three.
        assert!(read("In 2025 45 people earn R 9 a day.").is_empty());
    }

    /// Regression (probe ten: a Peruvian guide's "S/ 1.300 a S/ 1.800" and "S/ 4 500" were not
    /// read): the sol, the ringgit and the won are in the table.
    #[test]
    fn soles_ringgit_and_won_are_read() {
        use Period::*;
        assert_eq!(
            read("Un ayudante gana S/ 1.300 a S/ 1.800 al mes."),
            [amount("PEN", 1_300, 1_800, Month, "S/ 1.300 a S/ 1.800")]
        );
        assert_eq!(
            read("Un jefe de brigada gana S/ 4 500 al mes."),
            [amount("PEN", 4_500, 4_500, Month, "S/ 4 500")]
        );
        assert_eq!(
            read("Graduates earn RM4,500 a month."),
            [amount("MYR", 4_500, 4_500, Month, "RM4,500")]
        );
        assert_eq!(
            read("Juniors earn ₩3,200,000 a month."),
            [amount("KRW", 3_200_000, 3_200_000, Month, "₩3,200,000")]
        );
    }

    #[test]
    fn an_r_in_ordinary_text_is_no_money() {
        for line in [
            "R&D engineers earn well.",
            "Analysts use the R language 4.3 and Python, and earn well.",
            "Applicants need an R2 grade to earn a bursary.",
            "Pay starts at level R3 of 5.",
            "The R410A refrigerant pays for itself in 2 years.",
            "Technicians who service R410A systems are paid well.",
            "Unit R2500 is where the trainees are paid.",
            // Not touching its amount (but for thousands grouped by spaces too, "R 25 000").
            "Installers earn R 25,000.",
            // No pay in the sentence, no pay section.
            "Take the R61 to the R500 turn-off.",
        ] {
            assert!(
                read(line).iter().all(|a| a.0 != "ZAR"),
                "{line:?} gave {:?}",
                read(line)
            );
        }
        // "R$" is the Brazilian real, never a rand.
        assert_eq!(
            read("Juniors earn R$ 6.500 a month."),
            [amount("BRL", 6_500, 6_500, Period::Month, "R$ 6.500")]
        );
        assert_eq!(read("Juniors earn R$6,500 a month.")[0].0, "BRL");
    }

    #[test]
    fn rupees_in_indian_grouping_lakhs_and_crores() {
        use Period::*;
        assert_eq!(
            read("Freshers earn ₹1,00,000 a month in Bengaluru."),
            [amount("INR", 100_000, 100_000, Month, "₹1,00,000")]
        );
        assert_eq!(
            read("Consultants bill ₹8,000–₹15,000 per day."),
            [amount("INR", 8_000, 15_000, Day, "₹8,000–₹15,000")]
        );
        assert_eq!(
            read("Juniors earn ₹6–10 LPA and seniors ₹18–30 LPA."),
            [
                amount("INR", 600_000, 1_000_000, Year, "₹6–10 LPA"),
                amount("INR", 1_800_000, 3_000_000, Year, "₹18–30 LPA"),
            ]
        );
        assert_eq!(
            read("Expect ₹4–6 LPA at first."),
            [amount("INR", 400_000, 600_000, Year, "₹4–6 LPA")]
        );
        assert_eq!(
            read("Directors can earn ₹1.2 crore."),
            [amount("INR", 12_000_000, 12_000_000, Year, "₹1.2 crore")]
        );
        assert_eq!(
            read("A lead can expect a CTC of ₹18 lakh."),
            [amount("INR", 1_800_000, 1_800_000, Year, "₹18 lakh")]
        );
        assert_eq!(
            read("Analysts earn Rs. 45,000 a month, seniors Rs90,000 a month."),
            [
                amount("INR", 45_000, 45_000, Month, "Rs. 45,000"),
                amount("INR", 90_000, 90_000, Month, "Rs90,000"),
            ]
        );
        assert_eq!(
            read("Offers reach INR 9,00,000 for graduates."),
            [amount("INR", 900_000, 900_000, Year, "INR 9,00,000")]
        );
        assert_eq!(
            read("Graduates are paid 4,50,000 rupees a year."),
            [amount("INR", 450_000, 450_000, Year, "4,50,000 rupees")]
        );
        // Counted in lakhs with no mark: rupees, where it is pay.
        assert_eq!(
            read("Mid-level designers make 12 lakh a year."),
            [amount("INR", 1_200_000, 1_200_000, Year, "12 lakh")]
        );
        assert_eq!(
            read("Seniors draw 10 lakhs per annum."),
            [amount("INR", 1_000_000, 1_000_000, Year, "10 lakhs")]
        );
        assert_eq!(
            read("Seniors draw 18–25 LPA."),
            [amount("INR", 1_800_000, 2_500_000, Year, "18–25 LPA")]
        );
        assert_eq!(
            read("The salary is about 8.5 lakh."),
            [amount("INR", 850_000, 850_000, Year, "8.5 lakh")]
        );
        // Indian grouping with no mark, where a period follows: read whole, in no stated currency.
        let bare = scan_money(&table(), "Seniors make 12,50,000 a year.");
        assert_eq!(bare.len(), 1);
        assert_eq!(
            (bare[0].low, bare[0].high, bare[0].stated),
            (1_250_000.0, 1_250_000.0, false)
        );
    }

    #[test]
    fn lakhs_that_count_things_are_no_pay() {
        for line in [
            "The app has 2 lakh users.",
            "Over 15 lakh engineering graduates enter the market each year, and salaries vary.",
            "The city has 12 lakh residents.",
            "Some 40 lakh people work in IT services, and they earn well.",
            "₹23 LPA Average Hike 60% Average Hike",
            "The company's turnover crossed ₹1,200 crore.",
            "Developers in Pakistan earn Rs 80,000 PKR a month.",
            "Salaries reach 12 lakh Pakistani rupees a year.",
            // What a counting word is worth.
            "Pay is quoted in lakhs; one lakh is ₹1,00,000.",
            "Salaries run high: 1 crore = ₹1,00,00,000.",
        ] {
            assert!(read(line).is_empty(), "{line:?} gave {:?}", read(line));
        }
    }

    #[test]
    fn more_currencies_by_their_marks() {
        use Period::*;
        for (line, code, low, period) in [
            ("Juniors earn S$4,500 a month.", "SGD", 4_500, Month),
            ("Analysts earn SGD 70,000.", "SGD", 70_000, Year),
            ("Juniors earn HK$420,000.", "HKD", 420_000, Year),
            ("Engineers earn CHF 110,000.", "CHF", 110_000, Year),
            ("Nurses earn SEK 38,000 a month.", "SEK", 38_000, Month),
            (
                "Nurses earn 38,000 Norwegian kroner a month.",
                "NOK",
                38_000,
                Month,
            ),
            ("Nurses earn DKK 36,000 a month.", "DKK", 36_000, Month),
            ("Testers earn 9,000 zł a month.", "PLN", 9_000, Month),
            ("Testers earn PLN 9,000 a month.", "PLN", 9_000, Month),
            ("Desenvolvedores earn R$8.000 a month.", "BRL", 8_000, Month),
            (
                "New graduates earn ¥250,000 a month.",
                "JPY",
                250_000,
                Month,
            ),
            ("Seniors earn 7,000,000 yen a year.", "JPY", 7_000_000, Year),
            ("Nurses earn ₦350,000 a month.", "NGN", 350_000, Month),
            ("Clerks earn KSh 60,000 a month.", "KES", 60_000, Month),
            ("Agents earn ₱28,000 a month.", "PHP", 28_000, Month),
            ("Agents earn PHP 28,000 a month.", "PHP", 28_000, Month),
            ("Pilots earn AED 45,000 a month.", "AED", 45_000, Month),
        ] {
            let got = read(line);
            assert_eq!(got.len(), 1, "{line:?} gave {got:?}");
            assert_eq!(
                (got[0].0.as_str(), got[0].1, got[0].3),
                (code, low, period),
                "{line:?}"
            );
        }
        for line in [
            // "kr" is written for three currencies; yuan with the yen's sign.
            "Nurses earn 38,000 kr a month.",
            "Developers earn ¥12,000 RMB a month.",
            // Too small for the currency's pay in its period.
            "Developers earn ¥15 an hour.",
            "Developers who know PHP 8.2 earn well.",
            "PHP 7 developers earn a good salary.",
        ] {
            assert!(read(line).is_empty(), "{line:?} gave {:?}", read(line));
        }
    }

    #[test]
    fn dollars_keep_their_plausible_amounts() {
        // The scale of another currency leaves the dollar's range as it was.
        assert_eq!(read("Pay is $2,000,000 a year.").len(), 1);
        assert!(read("Pay is $9,000 a year.").is_empty());
        assert!(read("Helpers earn $4 an hour.").is_empty());
    }
}
