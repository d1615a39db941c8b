//! Money amounts on a line: "$70K–$95K", "$85,000 - $120,000", "$65.000–$85.000", "$28 per
//! hour", "120k" near a pay word; with their period and open end, never costs, counts or other
//! currencies.

use std::ops::Range;

use once_cell::sync::Lazy;
use regex::{Captures, Regex};

use super::Period;
use crate::answer::re;

/// An amount: US thousands separators ("85,000.50"), dots as thousands separators as many
/// guides outside the US write them ("65.000"), or plain digits.
const NUM: &str = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3})+\b|\d+(?:\.\d+)?";
const CUR: &str = r"US\$|USD\s?|\$";

/// A money expression: `$`-amounts (single or range, `K` suffix, `+`), or bare `k` amounts.
static MONEY: Lazy<Regex> = Lazy::new(|| {
    re(&format!(
        r"(?x)
        (?P<c1>{CUR}) \s? (?P<n1>{NUM}) (?P<k1>[kK]\b)?
        (?: \s* (?P<sep>[-–—]|\bto\b|\band\b) \s* (?P<c2>{CUR})? \s? (?P<n2>{NUM}) (?P<k2>[kK]\b)? )?
        (?P<plus>\+)?
      | \b (?P<b1>\d{{1,4}}(?:\.\d+)?) (?P<bk1>[kK]\b)? \s* [-–—] \s* (?P<b2>\d{{1,4}}(?:\.\d+)?) (?P<bk2>[kK]\b) (?P<bplus>\+)?
      | \b (?P<s1>\d{{1,4}}(?:\.\d+)?) (?P<sk>[kK]\b) (?P<splus>\+)?
        "
    ))
});

/// Right after an amount: it is not a salary (percent, millions, other currency).
static REJECT_AFTER: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)^\s?(?:%|percent\b|[mb]\b|mn\b|bn\b|million\b|billion\b|trillion\b|(?:cad|aud|eur|gbp|inr|nzd|sgd|euros?|pounds?|rupees?)\b)",
    )
});
/// Just before a bare amount: another currency.
static FOREIGN_BEFORE: Lazy<Regex> = Lazy::new(|| {
    re(r"(?i)(?:\p{Sc}|\b(?:inr|rs\.?|eur|gbp|cad|aud|nzd|sgd|chf|jpy|cny|php|pkr|lpa))\s*$")
});
/// Just before an amount: a cost, not pay.
static COST_BEFORE: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\b(?:costs?|costing|tuition|fees?|debt|loans?|prices?|priced|budget|funding|raised|revenue|spend|spent|savings|bonus(?:es)?|stipends?)\b[^$]{0,30}$",
    )
});
/// Words near a bare `k` amount that make it a pay figure.
static PAY_CONTEXT: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\$|\b(?:salar(?:y|ies)|pay|pays|paid|paying|earn\w*|compensation|comp|income|wages?|base|makes?|making|annual(?:ly)?|per year|a year|package|offers?|ranges?|ranging)\b",
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
        r"(?i)^\s*(?:(?P<hour>/\s?(?:hr|hour|h)\b|per\s+hour\b|an\s+hour\b|hourly\b|(?:por|la)\s+hora\b)|(?P<month>/\s?(?:mo|month|mth)\b|per\s+month\b|a\s+month\b|monthly\b|(?:al|por)\s+mes\b|mensuales?\b)|(?P<year>/\s?(?:yr|year|annum)\b|per\s+(?:year|annum)\b|a\s+year\b|annually\b|yearly\b|(?:al|por)\s+año\b|anuales?\b))",
    )
});
static PERIOD_BEFORE: Lazy<Regex> =
    Lazy::new(|| re(r"(?i)\b(?:(?P<hour>hourly)|(?P<month>monthly))\b[^$.;]{0,30}$"));
static OPEN_BEFORE: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\b(?:over|more than|upwards of|above|exceed(?:s|ing)?|in excess of|north of|at least|beyond|surpass(?:es|ing)?)\s*$",
    )
});
static OPEN_AFTER: Lazy<Regex> =
    Lazy::new(|| re(r"(?i)^\s*(?:or more|and up|and above|or higher|plus)\b"));
static BETWEEN_BEFORE: Lazy<Regex> = Lazy::new(|| re(r"(?i)\bbetween\s*$"));

/// A sentence end.
pub(super) static SENTENCE_SEP: Lazy<Regex> = Lazy::new(|| re(r"[.!?](?:\s+|$)"));

/// A money amount found on one line (before level and form are decided).
#[derive(Debug, Clone)]
pub(super) struct Found {
    pub(super) span: Range<usize>,
    pub(super) low: f64,
    pub(super) high: f64,
    pub(super) period: Period,
    pub(super) open_ended: bool,
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
    s.replace(',', "").parse::<f64>().ok()
}

/// "$60-85K": the `K` on one end applies to a small number on the other.
fn propagate_k(v1: f64, k1: bool, v2: f64, k2: bool) -> (f64, f64) {
    let a = if k1 || (k2 && v1 < 1000.0) {
        v1 * 1000.0
    } else {
        v1
    };
    let b = if k2 || (k1 && v2 < 1000.0) {
        v2 * 1000.0
    } else {
        v2
    };
    (a, b)
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

/// Checks shared by every amount; decides period and open end.
fn finish(line: &str, span: Range<usize>, low: f64, high: f64, plus: bool) -> Option<Found> {
    let before = &line[..span.start];
    let after = &line[span.end..];
    if REJECT_AFTER.is_match(after) || COST_BEFORE.is_match(before) || low > high {
        return None;
    }
    let (period, after_period) = match PERIOD_AFTER.captures(after) {
        Some(c) => {
            let p = if c.name("hour").is_some() {
                Period::Hour
            } else if c.name("month").is_some() {
                Period::Month
            } else {
                Period::Year
            };
            (p, &after[c.get(0).map_or(0, |m| m.end())..])
        }
        None => match PERIOD_BEFORE.captures(before) {
            Some(c) if c.name("hour").is_some() => (Period::Hour, after),
            Some(_) => (Period::Month, after),
            None => (Period::Year, after),
        },
    };
    let ok = period.plausible();
    if !ok.contains(&low) || !ok.contains(&high) {
        return None;
    }
    let open_ended = plus
        || OPEN_AFTER.is_match(after)
        || OPEN_AFTER.is_match(after_period)
        || OPEN_BEFORE.is_match(before);
    Some(Found {
        span,
        low,
        high,
        period,
        open_ended,
    })
}

/// Extra checks for an amount without a currency sign ("120k").
fn bare_ok(line: &str, span: &Range<usize>) -> bool {
    if FOREIGN_BEFORE.is_match(&line[..span.start]) || COUNT_AFTER.is_match(&line[span.end..]) {
        return false;
    }
    let sentence = sentence_around(line, span);
    let context = format!(
        "{} {}",
        &line[sentence.start..span.start],
        &line[span.end..sentence.end]
    );
    PAY_CONTEXT.is_match(&context) || line.contains('|')
}

fn parse_capture(line: &str, c: &Captures<'_>) -> Option<Found> {
    let whole = c.get(0)?;
    if let (Some(c1), Some(n1)) = (c.name("c1"), c.name("n1")) {
        if foreign_dollar(line, c1.start()) {
            return None;
        }
        let k1 = c.name("k1").is_some();
        let v1 = parse_num(n1.as_str())?;
        let single = if k1 { v1 * 1000.0 } else { v1 };
        let single_end = c.name("k1").map_or(n1.end(), |k| k.end());
        if let (Some(sep), Some(n2)) = (c.name("sep"), c.name("n2")) {
            let range_ok = !sep.as_str().eq_ignore_ascii_case("and")
                || BETWEEN_BEFORE.is_match(&line[..c1.start()]);
            if range_ok {
                let v2 = parse_num(n2.as_str())?;
                let (a, b) = propagate_k(v1, k1, v2, c.name("k2").is_some());
                let plus = c.name("plus").is_some();
                if let Some(f) = finish(line, c1.start()..whole.end(), a, b, plus) {
                    return Some(f);
                }
            }
            // Not a range: keep the first amount alone.
            return finish(line, c1.start()..single_end, single, single, false);
        }
        let plus = c.name("plus").is_some();
        return finish(line, c1.start()..whole.end(), single, single, plus);
    }
    if let (Some(b1), Some(b2)) = (c.name("b1"), c.name("b2")) {
        let span = whole.range();
        if !bare_ok(line, &span) {
            return None;
        }
        let (a, b) = propagate_k(
            parse_num(b1.as_str())?,
            c.name("bk1").is_some(),
            parse_num(b2.as_str())?,
            true,
        );
        return finish(line, span, a, b, c.name("bplus").is_some());
    }
    if let Some(s1) = c.name("s1") {
        let span = whole.range();
        if !bare_ok(line, &span) {
            return None;
        }
        let v = parse_num(s1.as_str())? * 1000.0;
        return finish(line, span, v, v, c.name("splus").is_some());
    }
    None
}

/// Every salary amount on one line, in order.
pub(super) fn scan_money(line: &str) -> Vec<Found> {
    let mut out = Vec::new();
    // Every amount has a digit; most lines have none, and need no regex at all.
    if !line.bytes().any(|b| b.is_ascii_digit()) {
        return out;
    }
    let mut pos = 0;
    while pos < line.len() {
        let Some(c) = MONEY.captures_at(line, pos) else {
            break;
        };
        let m = c.get(0).expect("group 0");
        match parse_capture(line, &c) {
            Some(f) => {
                pos = f.span.end.max(m.start() + 1);
                out.push(f);
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
    out
}
