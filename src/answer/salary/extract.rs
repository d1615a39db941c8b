//! Finding salary figures and pay qualifiers on a passage's lines: money amounts, the level each
//! figure is about, how it is presented, and the guides' own notes on what moves pay.

use std::ops::Range;

use once_cell::sync::Lazy;
use regex::{Captures, Regex};

use super::{Citation, FigureForm, Level, NoteKind, Period, SalaryFigure, SalaryNote};
use crate::answer::re;
use crate::corpus::Passage;

// ---------------------------------------------------------------------------
// Patterns
// ---------------------------------------------------------------------------

const NUM: &str = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?";
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
        r"(?i)^\s*(?:(?P<hour>/\s?(?:hr|hour|h)\b|per\s+hour\b|an\s+hour\b|hourly\b)|(?P<month>/\s?(?:mo|month|mth)\b|per\s+month\b|a\s+month\b|monthly\b)|(?P<year>/\s?(?:yr|year|annum)\b|per\s+(?:year|annum)\b|a\s+year\b|annually\b|yearly\b))",
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

/// Level words. Post-checked in [`level_match_ok`].
static LEVEL_WORD: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\b(?:(?P<entry>entry[\s-]*level|entry|juniors?|jr|graduates?|new[\s-]grads?|new[\s-]graduates?|freshers?)|(?P<mid>mid[\s-]*level|mid[\s-]*career|mid|intermediate)|(?P<senior>senior[\s-]*level|seniors?|sr|experienced)|(?P<lead>leads?|principal|staff|architects?))\b",
    )
});
/// After "lead"/"staff": the word makes it a role ("lead developer", "staff engineer").
static ROLE_NOUN_AFTER: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)^[\s-]*(?:developers?|engineers?|devs?|roles?|positions?|levels?|programmers?|architects?|engineering)\b",
    )
});
/// After "graduate": an adjective of study, not new graduates.
static NOT_A_GRADUATE: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)^[\s-]*(?:degrees?|school|programs?|programmes?|studies|students?|courses?|certificates?|diplomas?|level)\b",
    )
});
/// Clause separators (also sentence ends).
static CLAUSE_SEP: Lazy<Regex> =
    Lazy::new(|| re(r"(?i)[,;]\s+|\s+(?:while|whereas|but)\b|[.!?](?:\s+|$)"));
static SENTENCE_SEP: Lazy<Regex> = Lazy::new(|| re(r"[.!?](?:\s+|$)"));
/// A figure followed by a prepositional phrase naming its level: "$60-85K at entry level".
static AFTER_PREP: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)^\s*(?:(?:per|a|an)\s+(?:year|annum|hour|month)\b|annually\b|yearly\b|hourly\b|monthly\b|/\s?\w+)?\s*(?:at|for|in|among)\s+(?:the\s+|an?\s+)?(?P<rest>.*)$",
    )
});
static INTRO_PREP: Lazy<Regex> = Lazy::new(|| re(r"(?i)^\s*(?:for|at|among|as|in)\b"));
static BULLET: Lazy<Regex> = Lazy::new(|| re(r"^\s*[•\-*·▪●◦‣–]\s+"));
static LABEL_VOCAB: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)^(?:level|back-?end|backend|software|web|developers?|engineers?|devs?|roles?|positions?|salary|salaries|pay)$",
    )
});
static SUMMARY_SECTION: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)key takeaways|\bsummary\b|at a glance|tl;?dr|job brief|highlights|in brief|quick facts|\bbenefits\b",
    )
});
pub(super) static SALARY_SECTION: Lazy<Regex> =
    Lazy::new(|| re(r"(?i)salar|\bpay|earn|compensation|income|wage"));
static TABLE_HEADER_LEVEL: Lazy<Regex> =
    Lazy::new(|| re(r"(?i)\b(?:level|experience|seniority|role|title|position|career stage)\b"));
static TABLE_HEADER_PAY: Lazy<Regex> =
    Lazy::new(|| re(r"(?i)\b(?:salary|salaries|pay|range|compensation|comp)\b"));
static TOP_END: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)top performers|top earners|top[- ]paying|leading tech|big tech|\bfaang\b|highest[- ]paid|\btop (?:\d+|tier)",
    )
});

// Notes.
static PAY_WORD: Lazy<Regex> = Lazy::new(|| {
    re(r"(?i)\b(?:salar(?:y|ies)|pay|pays|paid|paying|earn\w*|compensation|income|wages?)\b")
});
static NOTE_REMOTE: Lazy<Regex> = Lazy::new(|| re(r"(?i)\bremote\b"));
static NOTE_LOCATION: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)tech hubs?|\bhubs?\b|san francisco|new york|seattle|bay area|silicon valley|cost of living|\bregions?\b|\bregional\b|\bmetro\w*|\bcit(?:y|ies)\b|geograph\w*|location matters",
    )
});
static NOTE_DRIVERS: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\bdepend\w*|\bvar(?:y|ies|ying)\b|\bfactors?\b|\bdriv(?:er|ers|ing|es|e)\b|influenc\w*|\baffect\w*|determin\w*|\bboosts?\b|enhanc\w*|earn more|higher[- ]paying|higher salar\w*|\bcommand\w*|\bmatters?\b",
    )
});
static NOTE_COMPENSATION: Lazy<Regex> = Lazy::new(|| {
    re(r"(?i)\bequity\b|\bbonus(?:es)?\b|incentives?|stock options?|\brsus?\b|total compensation")
});

// ---------------------------------------------------------------------------
// Money scanning
// ---------------------------------------------------------------------------

/// A money amount found on one line (before level and form are decided).
#[derive(Debug, Clone)]
struct Found {
    span: Range<usize>,
    low: f64,
    high: f64,
    period: Period,
    open_ended: bool,
}

fn parse_num(s: &str) -> Option<f64> {
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
fn sentence_around(line: &str, span: &Range<usize>) -> Range<usize> {
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
fn scan_money(line: &str) -> Vec<Found> {
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

// ---------------------------------------------------------------------------
// Level, form and context of a figure on its line
// ---------------------------------------------------------------------------

/// Only whitespace, bullets or a table bar before `pos`: `pos` starts a label.
fn at_label_start(line: &str, pos: usize) -> bool {
    let before = line[..pos].trim_end();
    before.is_empty()
        || before.ends_with('|')
        || BULLET.is_match(&line[..pos])
            && BULLET.find(&line[..pos]).is_some_and(|b| b.end() == pos)
}

/// Post-checks on a level word at `range` of `line`.
fn level_match_ok(line: &str, range: &Range<usize>, level: Level) -> bool {
    let word = line[range.clone()].to_lowercase();
    let after = &line[range.end..];
    let before = line[..range.start].trim_end().to_lowercase();
    match level {
        Level::Lead if word.starts_with("lead") || word == "staff" => {
            at_label_start(line, range.start)
                || ROLE_NOUN_AFTER.is_match(after)
                || before.ends_with("tech")
                || before.ends_with("team")
        }
        Level::Mid if word == "mid" => !after
            .trim_start_matches([' ', '-'])
            .starts_with(|c: char| c.is_ascii_digit()),
        Level::Entry if word == "entry" => !before.ends_with("data"),
        Level::Entry if word.starts_with("graduate") => !NOT_A_GRADUATE.is_match(after),
        _ => true,
    }
}

/// The first level word of `line[range]`.
fn first_level(line: &str, range: Range<usize>) -> Option<Level> {
    first_level_at(line, range).map(|(l, _)| l)
}

/// The first level word of `line[range]` and the end of that word.
fn first_level_at(line: &str, range: Range<usize>) -> Option<(Level, usize)> {
    let mut pos = range.start;
    while pos < range.end {
        let c = LEVEL_WORD.captures_at(&line[..range.end], pos)?;
        let m = c.get(0)?;
        let level = if c.name("entry").is_some() {
            Level::Entry
        } else if c.name("mid").is_some() {
            Level::Mid
        } else if c.name("senior").is_some() {
            Level::Senior
        } else {
            Level::Lead
        };
        if level_match_ok(line, &m.range(), level) {
            return Some((level, m.end()));
        }
        pos = m.end();
    }
    None
}

fn is_markdown_row(line: &str) -> bool {
    line.matches('|').count() >= 2
}

/// A short line holding a figure and no sentence: a plain table row candidate.
fn row_like(line: &str) -> bool {
    let t = line.trim();
    t.chars().count() <= 80
        && !t.ends_with('.')
        && !t.contains(", ")
        && !t.contains(". ")
        && !scan_money(t).is_empty()
}

fn is_table_header(line: &str) -> bool {
    !line.contains('$') && TABLE_HEADER_LEVEL.is_match(line) && TABLE_HEADER_PAY.is_match(line)
}

/// Line `i` is a row of a plain table whose header (a line above the rows, or the
/// passage's section heading) names a level and a pay column.
fn is_plain_table_row(lines: &[&str], i: usize, section: &str) -> bool {
    if !row_like(lines[i]) {
        return false;
    }
    let mut j = i;
    while j > 0 && row_like(lines[j - 1]) {
        j -= 1;
    }
    if j == 0 {
        is_table_header(section)
    } else {
        is_table_header(lines[j - 1])
    }
}

/// "Entry-level: ", "Senior ", "- Junior Backend Developer – ": a level label.
fn is_label(pre: &str) -> bool {
    let pre = match BULLET.find(pre) {
        Some(b) => &pre[b.end()..],
        None => pre,
    };
    let t = pre.trim();
    if t.is_empty() || t.chars().count() > 48 {
        return false;
    }
    let Some(m) = LEVEL_WORD.find(t) else {
        return false;
    };
    if m.start() != 0 {
        return false;
    }
    if t.ends_with([':', '–', '—', '-', '|']) {
        return true;
    }
    t[m.end()..]
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .all(|w| LABEL_VOCAB.is_match(w))
}

/// Clause separators of `line` outside figure spans.
fn separators(line: &str, spans: &[Range<usize>]) -> Vec<Range<usize>> {
    CLAUSE_SEP
        .find_iter(line)
        .map(|m| m.range())
        .filter(|s| !spans.iter().any(|f| f.contains(&s.start)))
        .collect()
}

fn clause_of(seps: &[Range<usize>], span: &Range<usize>, len: usize) -> Range<usize> {
    let start = seps
        .iter()
        .filter(|s| s.end <= span.start)
        .map(|s| s.end)
        .max()
        .unwrap_or(0);
    let end = seps
        .iter()
        .filter(|s| s.start >= span.end)
        .map(|s| s.start)
        .min()
        .unwrap_or(len);
    start..end
}

/// The level of figure `idx` on `line` (see the module doc for the rule).
fn resolve_level(line: &str, spans: &[Range<usize>], idx: usize, table_row: bool) -> Level {
    if table_row {
        let mut from = 0;
        for s in spans
            .iter()
            .chain(std::iter::once(&(line.len()..line.len())))
        {
            if let Some(l) = first_level(line, from..s.start) {
                return l;
            }
            from = s.end;
        }
        return Level::Overall;
    }
    let span = &spans[idx];
    let seps = separators(line, spans);
    let clause = clause_of(&seps, span, line.len());
    let prev_end = spans[..idx]
        .iter()
        .map(|s| s.end)
        .filter(|&e| e > clause.start)
        .max()
        .unwrap_or(clause.start);
    let next_start = spans[idx + 1..]
        .iter()
        .map(|s| s.start)
        .filter(|&s| s < clause.end)
        .min()
        .unwrap_or(clause.end);

    // Level words after the figure in its clause; several different ones
    // ("for everyone from junior to senior") name no single level.
    let mut after_levels = Vec::new();
    let mut from = span.end;
    while let Some((l, end)) = first_level_at(line, from..next_start) {
        if !after_levels.contains(&l) {
            after_levels.push(l);
        }
        from = end;
    }
    let spans_levels = after_levels.len() > 1;

    // 1. "$60-85K at entry level", "$120,000 for experienced developers".
    let after = &line[span.end..next_start];
    if !spans_levels && let Some(c) = AFTER_PREP.captures(after) {
        let rest = c.name("rest").expect("rest group");
        // The level word must be among the phrase's first four words.
        let words_end = rest
            .as_str()
            .split_whitespace()
            .take(4)
            .last()
            .map_or(0, |w| {
                w.as_ptr() as usize - rest.as_str().as_ptr() as usize + w.len()
            });
        let start = span.end + rest.start();
        if let Some(l) = first_level(line, start..start + words_end) {
            return l;
        }
    }
    // 2. The clause before the figure: "Entry-level roles typically start around $81,000".
    if let Some(l) = first_level(line, prev_end..span.start) {
        return l;
    }
    // 3. An introductory clause: "For senior developers, salaries range from …".
    if let Some(sep) = seps.iter().find(|s| s.end == clause.start)
        && !line[sep.clone()].starts_with(['.', '!', '?'])
    {
        let pstart = seps
            .iter()
            .filter(|s| s.end <= sep.start)
            .map(|s| s.end)
            .max()
            .unwrap_or(0);
        let has_figure = spans
            .iter()
            .any(|f| f.start >= pstart && f.end <= sep.start);
        if !has_figure
            && INTRO_PREP.is_match(&line[pstart..sep.start])
            && let Some(l) = first_level(line, pstart..sep.start)
        {
            return l;
        }
    }
    // 4. Later in the same clause: "$90,000 is typical for developers in mid-level roles".
    match after_levels.as_slice() {
        [l] => *l,
        _ => Level::Overall,
    }
}

/// A figure on a line, fully classified.
struct LineFigure {
    found: Found,
    level: Level,
    form: FigureForm,
    top_end: bool,
}

fn analyse_line(lines: &[&str], i: usize, section: &str) -> Vec<LineFigure> {
    let line = lines[i];
    let found = scan_money(line);
    if found.is_empty() {
        return Vec::new();
    }
    let spans: Vec<Range<usize>> = found.iter().map(|f| f.span.clone()).collect();
    let table_row = is_markdown_row(line) || is_plain_table_row(lines, i, section);
    let form = if table_row {
        FigureForm::TableRow
    } else if is_label(&line[..spans[0].start]) {
        FigureForm::Labelled
    } else if BULLET.is_match(line) || SUMMARY_SECTION.is_match(section) {
        FigureForm::Summary
    } else {
        FigureForm::Prose
    };
    found
        .into_iter()
        .enumerate()
        .map(|(idx, f)| {
            let sentence = sentence_around(line, &f.span);
            let top_end = TOP_END.is_match(&line[sentence.start..f.span.start]);
            LineFigure {
                level: resolve_level(line, &spans, idx, table_row),
                form,
                top_end,
                found: f,
            }
        })
        .collect()
}

fn passage_lines(passage: &Passage) -> Vec<&str> {
    passage
        .text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect()
}

fn line_number(passage: &Passage, i: usize) -> u32 {
    passage
        .line_numbers
        .get(i)
        .copied()
        .unwrap_or(passage.start_line + i as u32)
}

/// Every salary figure in the passage, in text order, each with its exact source line.
pub fn extract_figures(passage: &Passage) -> Vec<SalaryFigure> {
    let lines = passage_lines(passage);
    let mut out = Vec::new();
    for i in 0..lines.len() {
        for lf in analyse_line(&lines, i, &passage.section) {
            let f = lf.found;
            let factor = f64::from(f.period.per_year());
            out.push(SalaryFigure {
                cite: Citation::at(passage, line_number(passage, i)),
                level: lf.level,
                low: (f.low * factor).round() as u32,
                high: (f.high * factor).round() as u32,
                open_ended: f.open_ended,
                period: f.period,
                stated_low: f.low.round() as u32,
                stated_high: f.high.round() as u32,
                raw: lines[i][f.span].to_string(),
                form: lf.form,
                top_end: lf.top_end,
            });
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Notes
// ---------------------------------------------------------------------------

fn note_kind(text: &str) -> Option<NoteKind> {
    if NOTE_REMOTE.is_match(text) {
        Some(NoteKind::Remote)
    } else if NOTE_LOCATION.is_match(text) {
        Some(NoteKind::Location)
    } else if TOP_END.is_match(text) {
        Some(NoteKind::TopEnd)
    } else if NOTE_DRIVERS.is_match(text) {
        Some(NoteKind::Drivers)
    } else if NOTE_COMPENSATION.is_match(text) {
        Some(NoteKind::Compensation)
    } else {
        None
    }
}

/// The guides' own pay qualifiers in the passage (tech hubs pay more, remote pay
/// is similar, experience and skills drive pay, …), each cited to its line.
///
/// A sentence (of six words or more) qualifies when it speaks of pay and matches
/// a qualifier pattern.
/// In a sentence that holds salary figures, only the clause after the last figure
/// is quoted ("…, with top compensation in major tech hubs"), unless the whole
/// sentence is about top earners.
pub fn extract_notes(passage: &Passage) -> Vec<SalaryNote> {
    let lines = passage_lines(passage);
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let spans: Vec<Range<usize>> = scan_money(line).into_iter().map(|f| f.span).collect();
        let mut start = 0;
        let mut bounds = Vec::new();
        for m in SENTENCE_SEP.find_iter(line) {
            if spans.iter().any(|s| s.contains(&m.start())) {
                continue;
            }
            bounds.push(start..m.start() + 1);
            start = m.end();
        }
        if start < line.len() {
            bounds.push(start..line.len());
        }
        for b in bounds {
            let sentence = line[b.clone()].trim();
            // Headings ("Remote Job Salaries") and fragments are not qualifiers.
            if sentence.split_whitespace().count() < 6 || !PAY_WORD.is_match(sentence) {
                continue;
            }
            let last_fig = spans
                .iter()
                .filter(|s| s.start >= b.start && s.end <= b.end)
                .map(|s| s.end)
                .max();
            let (text, kind) = match last_fig {
                None => (sentence, note_kind(sentence)),
                Some(fig_end) => {
                    let tail = line[fig_end..b.end]
                        .find(", ")
                        .map(|p| line[fig_end + p + 2..b.end].trim());
                    match tail.and_then(|t| note_kind(t).map(|k| (t, k))) {
                        Some((t, k)) => (t, Some(k)),
                        None if TOP_END.is_match(sentence) => (sentence, Some(NoteKind::TopEnd)),
                        None => continue,
                    }
                }
            };
            let Some(kind) = kind else { continue };
            out.push(SalaryNote {
                kind,
                text: text.to_string(),
                cite: Citation::at(passage, line_number(passage, i)),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::fixtures::{SEEDS, passage_at, seed_passages, seed_text};

    fn passage(text: &str) -> Passage {
        passage_in("Salary", text)
    }

    fn passage_in(section: &str, text: &str) -> Passage {
        passage_at(section, 10, text)
    }

    /// (level, low, high, open_ended, raw) of every figure.
    fn figs(text: &str) -> Vec<(Level, u32, u32, bool, String)> {
        extract_figures(&passage(text))
            .into_iter()
            .map(|f| (f.level, f.low, f.high, f.open_ended, f.raw))
            .collect()
    }

    fn one(text: &str) -> SalaryFigure {
        let v = extract_figures(&passage(text));
        assert_eq!(v.len(), 1, "{text:?} -> {v:#?}");
        v.into_iter().next().unwrap()
    }

    #[test]
    fn en_dash_range_with_label() {
        let f = one("Entry-level: $75,000 – $95,000 per year");
        assert_eq!(
            (f.level, f.low, f.high, f.open_ended),
            (Level::Entry, 75_000, 95_000, false)
        );
        assert_eq!(f.raw, "$75,000 – $95,000");
        assert_eq!(f.period, Period::Year);
        assert_eq!(f.form, FigureForm::Labelled);
        assert_eq!(f.cite.line, 10);
    }

    #[test]
    fn hyphen_range_and_open_plus() {
        let f = one("Senior-level: $160,000 – $200,000+ per year");
        assert_eq!(
            (f.level, f.low, f.high, f.open_ended),
            (Level::Senior, 160_000, 200_000, true)
        );
        assert_eq!(f.raw, "$160,000 – $200,000+");
        let v = figs(
            "Entry-level positions offer $60,000-$85,000, mid-level roles range from $85,000-$125,000, and senior positions exceed $125,000-$180,000.",
        );
        assert_eq!(
            v,
            vec![
                (
                    Level::Entry,
                    60_000,
                    85_000,
                    false,
                    "$60,000-$85,000".into()
                ),
                (
                    Level::Mid,
                    85_000,
                    125_000,
                    false,
                    "$85,000-$125,000".into()
                ),
                (
                    Level::Senior,
                    125_000,
                    180_000,
                    true,
                    "$125,000-$180,000".into()
                ),
            ]
        );
    }

    #[test]
    fn k_ranges_with_shared_suffix_and_levels_after() {
        let v = figs(
            "- U.S. salaries range from $60-85K at entry level to $125-180K+ for senior developers, with experience and skill level driving pay differences.",
        );
        assert_eq!(
            v,
            vec![
                (Level::Entry, 60_000, 85_000, false, "$60-85K".into()),
                (Level::Senior, 125_000, 180_000, true, "$125-180K+".into()),
            ]
        );
    }

    #[test]
    fn k_suffix_both_ends_and_open_k() {
        let f = one("Mid $95K – $130K");
        assert_eq!((f.level, f.low, f.high), (Level::Mid, 95_000, 130_000));
        let f = one("Senior $130K – $170K+");
        assert_eq!(
            (f.level, f.high, f.open_ended, f.raw.as_str()),
            (Level::Senior, 170_000, true, "$130K – $170K+")
        );
        let f = one("Top earners at big firms clear $170K+.");
        assert_eq!((f.low, f.high, f.open_ended), (170_000, 170_000, true));
        assert!(f.top_end);
    }

    #[test]
    fn single_amounts() {
        let f = one("The $200,000+ bracket is rare for back-end roles.");
        assert_eq!((f.low, f.high, f.open_ended), (200_000, 200_000, true));
        assert_eq!(f.raw, "$200,000+");
        let f = one("Most offers I saw were around 120k base.");
        assert_eq!(
            (f.level, f.low, f.high, f.raw.as_str()),
            (Level::Overall, 120_000, 120_000, "120k")
        );
        let f = one("Junior salaries of 65k-80k are common.");
        assert_eq!((f.level, f.low, f.high), (Level::Entry, 65_000, 80_000));
    }

    #[test]
    fn from_to_and_between() {
        let f = one(
            "  • Average salaries range from $75,000 to $120,000 annually, varying with experience and industry.",
        );
        assert_eq!(
            (f.level, f.low, f.high, f.raw.as_str()),
            (Level::Overall, 75_000, 120_000, "$75,000 to $120,000")
        );
        assert_eq!(f.form, FigureForm::Summary);
        let f = one("U.S. salaries typically range from $70K to $170K+ annually.");
        assert_eq!(
            (f.level, f.low, f.high, f.open_ended),
            (Level::Overall, 70_000, 170_000, true)
        );
        let f = one("Pay is between $90,000 and $110,000 for mid-level engineers.");
        assert_eq!((f.level, f.low, f.high), (Level::Mid, 90_000, 110_000));
        // "and" without "between" joins two separate figures.
        let v = figs("Juniors earn $70,000 and $85,000 goes to mid-level staff.");
        assert_eq!(v.len(), 2);
        assert_eq!((v[0].1, v[0].2), (70_000, 70_000));
    }

    #[test]
    fn prose_two_clauses_two_levels() {
        let text = "In 2025, the average pay for back end developers in the US ranges from $115,000 to $154,000 annually. Entry-level roles typically start around $81,000, while experienced developers often earn well over $120,000. Top performers and those working at leading tech companies may see salaries approaching or exceeding $200,000 per year.";
        let v = extract_figures(&passage(text));
        let got: Vec<_> = v
            .iter()
            .map(|f| (f.level, f.low, f.high, f.open_ended, f.top_end))
            .collect();
        assert_eq!(
            got,
            vec![
                (Level::Overall, 115_000, 154_000, false, false),
                (Level::Entry, 81_000, 81_000, false, false),
                (Level::Senior, 120_000, 120_000, true, false),
                (Level::Overall, 200_000, 200_000, true, true),
            ]
        );
        assert_eq!(v[3].raw, "$200,000");
    }

    #[test]
    fn plain_table_with_header() {
        let text = "Experience Level Salary Range\nEntry $70K – $95K\nMid $95K – $130K\nSenior $130K – $170K+\nLead $150K – $200K+";
        let v = extract_figures(&passage(text));
        let got: Vec<_> = v
            .iter()
            .map(|f| (f.level, f.low, f.high, f.open_ended, f.cite.line, f.form))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    Level::Entry,
                    70_000,
                    95_000,
                    false,
                    11,
                    FigureForm::TableRow
                ),
                (Level::Mid, 95_000, 130_000, false, 12, FigureForm::TableRow),
                (
                    Level::Senior,
                    130_000,
                    170_000,
                    true,
                    13,
                    FigureForm::TableRow
                ),
                (
                    Level::Lead,
                    150_000,
                    200_000,
                    true,
                    14,
                    FigureForm::TableRow
                ),
            ]
        );
        // Header as the passage's section heading instead of a line.
        let p = passage_in(
            "Experience Level Salary Range",
            "Entry $70K – $95K\nLead $150K – $200K+",
        );
        let v = extract_figures(&p);
        assert!(v.iter().all(|f| f.form == FigureForm::TableRow));
        assert_eq!(v[1].level, Level::Lead);
    }

    #[test]
    fn markdown_table() {
        let text = "| Level | Base salary | Notes |\n|---|---|---|\n| Junior | $65,000 - $85,000 | first job |\n| Staff / Principal | $190K–$250K+ | rare |\n| Intermediate | 90k-120k | |";
        let v = extract_figures(&passage(text));
        let got: Vec<_> = v
            .iter()
            .map(|f| (f.level, f.low, f.high, f.open_ended, f.cite.line))
            .collect();
        assert_eq!(
            got,
            vec![
                (Level::Entry, 65_000, 85_000, false, 12),
                (Level::Lead, 190_000, 250_000, true, 13),
                (Level::Mid, 90_000, 120_000, false, 14),
            ]
        );
        assert!(v.iter().all(|f| f.form == FigureForm::TableRow));
    }

    #[test]
    fn level_from_own_clause_not_far_words() {
        // "Senior" is in another clause: the figure is overall.
        let f = one(
            "Senior developers are in demand across the U.S., and average salaries range from $70K to $170K.",
        );
        assert_eq!(f.level, Level::Overall);
        // An introductory phrase of the same sentence does count.
        let f = one("For senior developers, salaries range from $130K to $170K.");
        assert_eq!(f.level, Level::Senior);
        // "lead" as a verb is not the Lead level.
        let f = one("Senior developers lead teams and earn $150,000 on average.");
        assert_eq!(f.level, Level::Senior);
        let f = one("Principal engineers can make $210,000.");
        assert_eq!(f.level, Level::Lead);
        let f = one("New grads usually get $72,000 offers.");
        assert_eq!(f.level, Level::Entry);
        let f = one("Graduate roles pay about $68K.");
        assert_eq!(f.level, Level::Entry);
        let f = one("Graduates earn $65K in their first year.");
        assert_eq!(f.level, Level::Entry);
        let f = one("Holders of a graduate degree earn $98K.");
        assert_eq!(f.level, Level::Overall);
        let f = one("Salaries near $90,000 are typical for developers in mid-level roles.");
        assert_eq!(f.level, Level::Mid);
        let f = one("Pay runs $70K to $170K for everyone from junior to senior engineers.");
        assert_eq!(f.level, Level::Overall);
    }

    #[test]
    fn hourly_and_monthly_are_annualised() {
        let f = one("Junior contractors bill $45/hr.");
        assert_eq!(
            (f.period, f.stated_low, f.low, f.level),
            (Period::Hour, 45, 93_600, Level::Entry)
        );
        let f = one("Freelancers charge $50-$80 per hour.");
        assert_eq!((f.period, f.low, f.high), (Period::Hour, 104_000, 166_400));
        let f = one("Senior devs earn $60 an hour.");
        assert_eq!((f.period, f.low), (Period::Hour, 124_800));
        let f = one("Interns-turned-juniors get $6,500/month.");
        assert_eq!(
            (f.period, f.stated_high, f.high),
            (Period::Month, 6_500, 78_000)
        );
        let f = one("A mid-level salary of $9,000 per month is typical.");
        assert_eq!(
            (f.period, f.low, f.level),
            (Period::Month, 108_000, Level::Mid)
        );
    }

    #[test]
    fn open_end_words() {
        assert!(one("experienced developers often earn well over $120,000.").open_ended);
        assert!(one("senior positions exceed $125,000-$180,000.").open_ended);
        assert!(one("may see salaries approaching or exceeding $200,000 per year.").open_ended);
        assert!(one("seniors make $150,000 or more.").open_ended);
        assert!(!one("Entry-level roles typically start around $81,000.").open_ended);
    }

    #[test]
    fn not_salaries() {
        for text in [
            "Top-paying regions include tech hubs, where salaries can be 20-30% higher.",
            "The job market is expected to grow by 15% through 2025.",
            "Strange Tier-1 Neural Power Patterns Used By 20,013 FAANG Engineers To Ace Big Tech Interviews",
            "25,000+ Professionals Trained",
            "Join 25,000+ tech professionals who’ve accelerated their careers",
            "Back-End Developer Jobs in the USA (2026): A Comprehensive Guide",
            "₹23 LPA Average Hike 60% Average Hike",
            "Get your Resume reviewed * Max size: 4MB",
            "Mornings, 8-10 AM",
            "It typically takes 1-2 years to qualify, including obtaining a relevant degree.",
            "consider 6 month online certificate programs high paying jobs",
            "Our community of 25k+ developers earns good salaries.",
            "Salaries in Berlin average €65,000 and in London £55k.",
            "In Australia juniors earn A$85,000 and in Canada C$70,000.",
            "Developers in India earn INR 1200k on average.",
            "The startup raised $5 million to pay engineers.",
            "A bootcamp costs $15,000 but junior pay is worth it.",
            "The signing bonus is $10,000 for seniors.",
            "Uploads up to 500KB; salary data refreshed daily.",
            "Only the top 2% make it—get your resume FAANG-ready!",
            "600+ MAANG+ Instructors",
        ] {
            assert!(figs(text).is_empty(), "{text:?} gave {:?}", figs(text));
        }
    }

    #[test]
    fn notes_found_by_pattern() {
        let p = passage(
            "Top-paying regions include tech hubs like San Francisco, New York, and Seattle, where salaries can be 20-30% higher. Factors influencing pay include experience level, technical expertise, and industry demand.\nRemote back-end developers often earn salaries similar to office-based roles, especially when working for U.S.-based companies.\n- U.S. salaries range from $60-85K at entry level to $125-180K+ for senior developers, with experience and skill level driving pay differences.\nAttend our free webinar and get the salary you deserve.",
        );
        let notes = extract_notes(&p);
        let got: Vec<_> = notes.iter().map(|n| (n.kind, n.cite.line)).collect();
        assert_eq!(
            got,
            vec![
                (NoteKind::Location, 10),
                (NoteKind::Drivers, 10),
                (NoteKind::Remote, 11),
                (NoteKind::Drivers, 12),
            ]
        );
        assert!(notes[0].text.contains("20-30% higher"));
        assert_eq!(
            notes[3].text,
            "with experience and skill level driving pay differences."
        );
    }

    // --- The five seed guides -------------------------------------------------

    #[test]
    fn seed_figures_cite_their_exact_line() {
        for name in SEEDS {
            let text = seed_text(name);
            let lines: Vec<&str> = text.lines().collect();
            for p in seed_passages(name) {
                for f in extract_figures(&p) {
                    let src = lines[f.cite.line as usize - 1];
                    assert!(
                        src.contains(&f.raw),
                        "{name}:{} {:?} not in {src:?}",
                        f.cite.line,
                        f.raw
                    );
                    assert!(f.cite.start_line <= f.cite.line && f.cite.line <= f.cite.end_line);
                }
            }
        }
    }

    #[test]
    fn seed_expected_figures() {
        use Level::*;
        type Want = (u32, Level, u32, u32, bool);
        let expected: [(&str, &[Want]); 5] = [
            (
                SEEDS[0],
                &[
                    (71, Entry, 75_000, 95_000, false),
                    (73, Mid, 110_000, 140_000, false),
                    (75, Senior, 160_000, 200_000, true),
                ],
            ),
            (
                SEEDS[1],
                &[
                    (16, Overall, 75_000, 120_000, false),
                    (68, Overall, 115_000, 154_000, false),
                    (68, Entry, 81_000, 81_000, false),
                    (68, Senior, 120_000, 120_000, true),
                    (68, Overall, 200_000, 200_000, true),
                ],
            ),
            (
                SEEDS[2],
                &[
                    (4, Entry, 60_000, 85_000, false),
                    (4, Senior, 125_000, 180_000, true),
                    (76, Entry, 60_000, 85_000, false),
                    (76, Mid, 85_000, 125_000, false),
                    (76, Senior, 125_000, 180_000, true),
                ],
            ),
            (SEEDS[3], &[]),
            (
                SEEDS[4],
                &[
                    (13, Overall, 70_000, 170_000, true),
                    (104, Entry, 70_000, 95_000, false),
                    (105, Mid, 95_000, 130_000, false),
                    (106, Senior, 130_000, 170_000, true),
                    (107, Lead, 150_000, 200_000, true),
                ],
            ),
        ];
        for (name, want) in expected {
            let got: Vec<Want> = seed_passages(name)
                .iter()
                .flat_map(extract_figures)
                .map(|f| (f.cite.line, f.level, f.low, f.high, f.open_ended))
                .collect();
            assert_eq!(got, want.to_vec(), "{name}");
        }
    }
}
