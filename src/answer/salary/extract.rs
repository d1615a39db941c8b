//! Finding salary figures and pay qualifiers on a passage's lines (a line wrapped onto the next
//! read whole, each figure and note cited to the line it starts on): the level each figure is
//! about (a table row's or a labelled line's own words, placed on the scale by the level words
//! or by their place in the guide's pay ladder; in prose, the level words of its clause), how it
//! is presented, and the guides' own notes on what moves pay — with contract rates, medians,
//! increments and total pay kept as notes, not salaries.

use std::ops::Range;

use once_cell::sync::Lazy;
use regex::Regex;

use super::money::{
    Found, SENTENCE_SEP, period_of, scan_money, scan_pay_section, scan_row, sentence_around,
};
use super::{
    Citation, Currencies, Currency, FigureForm, Level, NoteKind, Period, SalaryFigure, SalaryNote,
};
use crate::answer::levels::{LevelMatch, LevelWords, place_ladder, singular};
use crate::answer::re;
use crate::answer::roadmap::{DurationKind, parse_durations};
use crate::answer::text::{
    LogicalLine, carries_on, left_open, sentences, strip_marker, word_spans,
};
use crate::corpus::Passage;
use crate::corpus::split::WRAP_MIN_CHARS;
use crate::vocab::Vocabulary;

// ---------------------------------------------------------------------------
// Patterns
// ---------------------------------------------------------------------------

/// Clause separators (also sentence ends).
static CLAUSE_SEP: Lazy<Regex> =
    Lazy::new(|| re(r"(?i)[,;]\s+|\s+(?:while|whereas|but)\b|[.!?](?:\s+|$)"));
/// A figure followed by a prepositional phrase naming its level: "$60-85K at entry level".
static AFTER_PREP: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)^\s*(?:(?:per|a|an)\s+(?:year|annum|hour|month|week|day)\b|annually\b|yearly\b|hourly\b|monthly\b|weekly\b|daily\b|/\s?\w+)?\s*(?:at|for|in|among)\s+(?:the\s+|an?\s+)?(?P<rest>.*)$",
    )
});
/// A conjunction opening a clause of its own after a comma: ", and average salaries …".
static NEW_CLAUSE: Lazy<Regex> =
    Lazy::new(|| re(r"(?i)^\s*(?:and|but|so|or|yet|while|whereas|although|though)\b"));
/// A conjunction between two figures of a clause, opening the second one's subject.
static NEXT_SUBJECT: Lazy<Regex> = Lazy::new(|| re(r"(?i)\b(?:and|or|y|o)\b"));
static INTRO_PREP: Lazy<Regex> = Lazy::new(|| re(r"(?i)^\s*(?:for|at|among|as|in)\b"));
static BULLET: Lazy<Regex> = Lazy::new(|| re(r"^\s*[•\-*·▪●◦‣–]\s+"));
static SUMMARY_SECTION: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)key takeaways|\bsummary\b|at a glance|tl;?dr|job brief|highlights|in brief|quick facts|\bbenefits\b",
    )
});
pub(super) static SALARY_SECTION: Lazy<Regex> =
    Lazy::new(|| re(r"(?i)salar|\bpay|earn|compensation|income|wage|sueldo|\bcobra"));
static TABLE_HEADER_LEVEL: Lazy<Regex> =
    Lazy::new(|| re(r"(?i)\b(?:level|experience|seniority|role|title|position|career stage)\b"));
static TABLE_HEADER_PAY: Lazy<Regex> = Lazy::new(|| {
    re(r"(?i)\b(?:salary|salaries|pay|range|compensation|comp|sueldos?|salarios?|retribución)\b")
});
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
/// What drives pay ("drives" and "drivers" only about pay: a truck driver guide's drivers are
/// its career).
static NOTE_DRIVERS: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\bdepend\w*|\bvar(?:y|ies|ying)\b|\bfactors?\b|\bdriv(?:es|e|ing)\s+(?:\w+\s+)?(?:pay|salar\w*|earnings|income|wages?|compensation)\b|\b(?:pay|salary|wage|earnings)\s+drivers?\b|influenc\w*|\baffect\w*|determin\w*|\bboosts?\b|enhanc\w*|earn more|higher[- ]paying|higher salar\w*|\bcommand\w*|\bmatters?\b",
    )
});
static NOTE_COMPENSATION: Lazy<Regex> = Lazy::new(|| {
    re(r"(?i)\bequity\b|\bbonus(?:es)?\b|incentives?|stock options?|\brsus?\b|total compensation")
});

/// Words before a figure that make it a contract or freelance rate, not a salary.
static CONTRACT: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\b(?:freelanc\w*|contractors?|contract\s+(?:work|workers?|rates?|roles?|jobs?|analysts?|developers?|engineers?|designers?)|consultants?|consulting\s+rates?|bill(?:s|ed|ing)?|charges?|charging|per\s+project|gigs?)\b",
    )
});
/// The prepositions that open an employer's name after a worker ("at", "for", "with").
const EMPLOYER_PREPS: [&str; 8] = ["at", "for", "with", "by", "within", "para", "en", "con"];
/// Words in a figure's sentence that make it a national median or average from statistics, not
/// a level's salary.
static MEDIAN: Lazy<Regex> = Lazy::new(|| {
    re(r"(?i)\bmedian\b|national average|bureau of labor|\bbls\b|federal wage|wage data|census")
});
/// Words before a figure that make it an amount added to pay, not pay.
static INCREMENT: Lazy<Regex> =
    Lazy::new(|| re(r"(?i)\b(?:add|adds|adding|added|extra|premium|raises?|bump|boosts?)\b"));
/// A table header cell naming the period of its column's amounts: "Hourly wage", "Per month".
static HEADER_PERIOD: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\b(?:(?P<hour>hourly|per\s+hour|an\s+hour|por\s+hora)|(?P<day>daily|per\s+day|a\s+day|diario|por\s+día)|(?P<week>weekly|per\s+week|a\s+week|semanal)|(?P<month>monthly|per\s+month|a\s+month|mensual|al\s+mes|por\s+mes))\b",
    )
});
/// A parenthesis in a header ("(base salary)", "(Te Whatu Ora)").
static PARENTHESIS: Lazy<Regex> = Lazy::new(|| re(r"\([^)]*\)"));
/// A table header naming a statistic of pay rather than a place it is earned in.
static STATISTIC_HEADER: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\b(?:median|average|mean|typical|midpoint|low|high|min(?:imum)?|max(?:imum)?|start(?:ing)?|top|notes?|medi[ao]|promedio|annual(?:ly)?|yearly|per\s+(?:year|annum)|a\s+year|anual)\b",
    )
});
/// A table column of pay that is not base pay.
static TOTAL_HEADER: Lazy<Regex> =
    Lazy::new(|| re(r"(?i)\b(?:total|bonus(?:es)?|equity|stock|ote|incentives?|commission)\b"));
/// A dotted leader at the end of a text: a run of three or more dots (or "…", "·", "_") between a
/// list's label and its value.
static LEADER: Lazy<Regex> = Lazy::new(|| re(r"\s*(?:[.·_]\s?|…\s?){3,}\s*$"));
/// The words opening a range right before its first amount: "from (about)", "between", "de",
/// "desde", "entre".
static RANGE_OPENER: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\s\b(?:(?:from|between|de|desde|entre)(?:\s+(?:about|around|roughly|unos|unas))?|about|around|roughly)\s*$",
    )
});
/// A line that is a link (a related article, a reference), not a sentence.
static LINK_LINE: Lazy<Regex> = Lazy::new(|| re(r"^\W*\[[^\]]*\]\s*[\[(]"));

// ---------------------------------------------------------------------------
// Reading a career's words
// ---------------------------------------------------------------------------

/// How figures of one guide are read: the currencies and level words, and the words that name a
/// role in it (the generic ones and its own career's: "Master *Electrician*").
#[derive(Debug, Clone)]
pub struct Reading<'a> {
    levels: &'a LevelWords,
    money: &'a Currencies,
    career_words: Vec<String>,
    /// The career's initials when its name has two words or more ("OT"), upper case.
    initials: Option<String>,
}

impl<'a> Reading<'a> {
    /// A reading with the level words and currencies of `vocab`, for a guide about `career`.
    pub fn new(vocab: &'a Vocabulary, career: &str) -> Reading<'a> {
        Reading {
            levels: vocab.levels(),
            money: vocab.currencies(),
            career_words: career
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.len() > 2)
                .map(|w| singular(&w.to_lowercase()))
                .collect(),
            initials: {
                let letters: String = career
                    .split(|c: char| !c.is_alphanumeric())
                    .filter_map(|w| w.chars().next())
                    .flat_map(char::to_uppercase)
                    .collect();
                (letters.chars().count() >= 2).then_some(letters)
            },
        }
    }

    /// Whether `word` names the guide's career: a word of its name ("therapists") or its
    /// initials ("OT", "OTs").
    fn is_career_word(&self, word: &str) -> bool {
        self.career_words.contains(&singular(&word.to_lowercase())) || self.is_initials(word)
    }

    /// The guide's own words for whom a prose figure pays: the subject of the clause `clause`
    /// of `line` (up to the figure; see [`LevelWords::subject_head`]) when it says more than the
    /// career, a level or any worker ("Senior sergeants earn …", "A hospital SLP typically earns
    /// …"), without the words opening it ("a", "and"). Only a subject that opens its sentence
    /// `sentence` (starting with a capital), or follows a short phrase and a comma ("Outside
    /// London, a self-employed carpenter typically charges …"), or a comma and an opener ("…,
    /// while senior pharmacists earn …"): a clause whose subject is elided ("…, works under an
    /// OT's supervision and typically earns …") or a line going on from the one before has none.
    fn subject_label(
        &self,
        line: &str,
        sentence: usize,
        clause: usize,
        figure: usize,
    ) -> Option<String> {
        let subject = self.levels.subject_head(&line[clause..figure])?;
        let group = clause + subject.group.start..clause + subject.group.end;
        // The first word that is no opener starts it ("a", "and": "…, and senior paralegals").
        let start = word_spans(&line[group.clone()])
            .into_iter()
            .map(|w| group.start + w.start..group.start + w.end)
            .find(|w| !self.levels.is_opener(&line[w.clone()]))?
            .start;
        let opened = start > group.start;
        let text = &line[start..group.end];
        let lead = line[sentence..group.start].trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, '*' | '_' | '-' | '•' | '>' | '#')
        });
        let placed = if lead.trim().is_empty() {
            line[start..].starts_with(|c: char| c.is_uppercase())
                || line[sentence..start]
                    .trim_start()
                    .starts_with(|c: char| c.is_uppercase())
        } else {
            let lead = lead.trim_end();
            lead.ends_with([',', ';'])
                && (opened || lead.split_whitespace().count() <= MAX_INTRO_WORDS)
        };
        if !placed {
            return None;
        }
        // Level words, read up to the verb: a grade the group is cut from ("un oficial de
        // primera cobra …") says no more than its level.
        let mut rest = text.to_string();
        for m in self
            .levels
            .find(line, start..clause + subject.end)
            .iter()
            .rev()
            .filter(|m| m.range.start < group.end)
        {
            let range = m.range.start - start..m.range.end.min(group.end) - start;
            rest.replace_range(range.clone(), &" ".repeat(range.len()));
        }
        let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’';
        let says_more = rest.split(|c: char| !is_word(c)).any(|w| {
            w.chars().any(char::is_alphabetic)
                && !self.is_career_word(w)
                && !self.levels.is_people(w)
                && !self.levels.is_opener(w)
        });
        if !says_more {
            return None;
        }
        let label = plain(text);
        let mut chars = label.chars();
        let first = chars.next()?;
        Some(first.to_uppercase().chain(chars).collect())
    }

    /// Whether the prose figure at `span`, in the clause starting at `clause` of `line` (a
    /// paragraph), is the pay of another occupation: its clause's subject (see
    /// [`LevelWords::subject_head`]) is headed by a word that names neither the career, nor a
    /// level, nor any worker, and the paragraph names the career besides it — a role the guide
    /// contrasts with its career ("…under an OT's supervision. Assistants (COTAs) earn
    /// $55,000–$68,000", "Paraplanners earn £30,000–£45,000 and many go on to become advisers").
    fn other_occupation(&self, line: &str, clause: usize, span: &Range<usize>) -> bool {
        let Some(subject) = self.levels.subject_head(&line[clause..span.start]) else {
            return false;
        };
        let head = clause + subject.head.start..clause + subject.head.end;
        let group = clause + subject.group.start..clause + subject.group.end;
        let word = &line[head.clone()];
        // A level word heads it: a level of the career ("Salon managers who supervise …"); a
        // word that is a level only in a role's title ("Directors", "Assistants") is one when
        // the rest of the subject ties it to the career ("Rehab directors who manage an OT
        // department").
        let level_head = self
            .levels
            .find_in_prose(line, head.clone())
            .first()
            .map(|m| m.guarded);
        let tied = || {
            line[head.end..clause + subject.end]
                .split(|c: char| !(c.is_alphanumeric() || c == '’' || c == '\''))
                .any(|w| !w.is_empty() && self.is_career_word(w))
        };
        let subject_end = clause + subject.end;
        if self.is_career_word(word)
            || self.levels.is_people(word)
            || self.first_level(line, group.clone()).is_some()
            || level_head == Some(false)
            || (level_head == Some(true) && tied())
            || self
                .levels
                .find_in_prose(line, group.start..subject_end)
                .iter()
                .any(|m| !m.guarded)
        {
            return false;
        }
        // The paragraph names the career itself besides the subject: by its last word
        // ("advisers") or its initials ("an OT's supervision").
        [&line[..group.start], &line[subject_end..]]
            .iter()
            .flat_map(|t| t.split(|c: char| !(c.is_alphanumeric() || c == '’' || c == '\'')))
            .any(|w| !w.is_empty() && self.is_career_head(w))
    }

    /// The level a word that is a level only in a role's title names when it heads the subject
    /// of `line[range]` (a clause up to a figure, see [`LevelWords::subject_head`]): the subject
    /// is a role, so "Maintenance supervisors who run a crew are paid …" is about the lead level
    /// although no role word follows "supervisors".
    fn subject_level(&self, line: &str, range: Range<usize>) -> Option<Level> {
        let subject = self.levels.subject_head(&line[range.clone()])?;
        let head = range.start + subject.head.start..range.start + subject.head.end;
        if self.names_career(&line[head.clone()]) {
            return None;
        }
        self.levels
            .find(line, head)
            .first()
            .filter(|m| m.guarded)
            .map(|m| m.level)
    }

    /// Whether `before` (a sentence up to a figure) makes the figure a contract rate: a word of
    /// [`CONTRACT`] that names the workers who are paid or what they do ("Contractors charge
    /// …", "bill"), not one naming whom they work for, after a preposition ("operators at
    /// municipalities and large contractors earn …"), nor a role of the career itself
    /// ("consultant optometrists earn …").
    fn contract_rate(&self, before: &str) -> bool {
        CONTRACT.find_iter(before).any(|m| {
            let next = before[m.end()..].split_whitespace().next().unwrap_or("");
            let next = next.trim_matches(|c: char| !c.is_alphanumeric());
            if !next.is_empty() && self.is_career_word(next) {
                return false;
            }
            let words: Vec<&str> = before[..m.start()]
                .split_whitespace()
                .rev()
                .take(4)
                .collect();
            let employer = words.iter().any(|w| {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                EMPLOYER_PREPS.iter().any(|p| w.eq_ignore_ascii_case(p))
            }) && !words.iter().any(|w| w.ends_with([',', ';', ':', '.']));
            !employer
        })
    }

    /// Whether `word` names the career by the last word of its name ("advisers" for Financial
    /// Adviser) or by its initials ("OT", "OTs").
    fn is_career_head(&self, word: &str) -> bool {
        self.career_words
            .last()
            .is_some_and(|last| *last == singular(&word.to_lowercase()))
            || self.is_initials(word)
    }

    fn is_initials(&self, word: &str) -> bool {
        self.initials.as_deref().is_some_and(|i| {
            word.strip_suffix("s")
                .or_else(|| word.strip_suffix("’s"))
                .or_else(|| word.strip_suffix("'s"))
                .unwrap_or(word)
                == i
        })
    }

    fn is_role(&self, word: &str) -> bool {
        self.levels.is_role(word) || self.career_words.contains(&singular(&word.to_lowercase()))
    }

    /// Whether every word of `text` (a level word found) is a word of the guide's career name:
    /// "Manager" in a Product Manager guide names the career, not a level.
    fn names_career(&self, text: &str) -> bool {
        let mut words = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .peekable();
        words.peek().is_some()
            && words.all(|w| self.career_words.contains(&singular(&w.to_lowercase())))
    }

    /// The level of a pay row or labelled line (see [`LevelWords::of_pay_row`]), the level
    /// words that name the guide's career left out.
    fn row_level(&self, label: &str, years: Option<f64>) -> Option<Level> {
        let found = self.levels.find(label, 0..label.len());
        let career: Vec<&LevelMatch> = found
            .iter()
            .filter(|m| self.names_career(&label[m.range.clone()]))
            .collect();
        if career.is_empty() {
            return self.levels.of_pay_row(label, years);
        }
        let mut rest = label.to_string();
        for m in career.iter().rev() {
            rest.replace_range(m.range.clone(), &" ".repeat(m.range.len()));
        }
        self.levels.of_pay_row(&rest, years)
    }

    /// A guarded level word counts when it starts a label, is followed by a role within three
    /// words ("Lead back-end developer", "Master Electrician"), or follows "tech"/"team"; no
    /// level word counts where it names the guide's career.
    fn level_ok(&self, line: &str, m: &LevelMatch) -> bool {
        if self.names_career(&line[m.range.clone()]) {
            return false;
        }
        if !m.guarded || at_label_start(line, m.range.start) {
            return true;
        }
        let before = line[..m.range.start].trim_end().to_lowercase();
        if before.ends_with("tech") || before.ends_with("team") {
            return true;
        }
        line[m.range.end..]
            .split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !w.is_empty())
            .take(3)
            .take_while(|w| w.chars().all(char::is_alphanumeric))
            .any(|w| self.is_role(w))
    }

    /// The first level word of `line[range]` and the end of that word.
    fn first_level_at(&self, line: &str, range: Range<usize>) -> Option<(Level, usize)> {
        self.levels
            .find_in_prose(line, range)
            .into_iter()
            .find(|m| self.level_ok(line, m))
            .map(|m| (m.level, m.range.end))
    }

    fn first_level(&self, line: &str, range: Range<usize>) -> Option<Level> {
        self.first_level_at(line, range).map(|(l, _)| l)
    }

    /// The level of the years of experience `text` (a clause around a figure) gives: "nurses
    /// with 10+ years of experience", "after five years" — a span the clause calls experience
    /// or that follows "with" or "after", not time spent in a programme ("programs last 4
    /// years").
    fn years_level(&self, text: &str) -> Option<Level> {
        parse_durations(text)
            .into_iter()
            .find(|(r, d)| {
                let before = text[..r.start].trim_end().to_lowercase();
                d.kind == DurationKind::ExperienceRequired
                    || before.ends_with(" with")
                    || before.ends_with(" after")
                    || before == "with"
                    || before == "after"
            })
            .and_then(|(_, d)| self.levels.of_years(d.min_years))
    }
}

// ---------------------------------------------------------------------------
// Level, form and context of a figure on its line
// ---------------------------------------------------------------------------

/// Only whitespace, bullets, emphasis or a table bar before `pos`: `pos` starts a label.
fn at_label_start(line: &str, pos: usize) -> bool {
    let before = line[..pos].trim_end_matches(['*', '_', ' ']).trim_end();
    before.is_empty()
        || before.ends_with('|')
        || BULLET.find(&line[..pos]).is_some_and(|b| {
            line[b.end()..pos]
                .chars()
                .all(|c| c == '*' || c == '_' || c.is_whitespace())
        })
}

/// The cells of a table row: "| a | b |" or "a | b" (HTML tables become such rows).
fn cells(line: &str) -> Vec<(Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in line.char_indices() {
        if c == '|' {
            out.push((start..i, &line[start..i]));
            start = i + 1;
        }
    }
    out.push((start..line.len(), &line[start..]));
    // A leading or trailing bar leaves an empty edge cell.
    if out.first().is_some_and(|(_, c)| c.trim().is_empty()) {
        out.remove(0);
    }
    if out.last().is_some_and(|(_, c)| c.trim().is_empty()) {
        out.pop();
    }
    out
}

fn is_table_row(line: &str) -> bool {
    line.matches('|').count() >= 2 || (line.contains(" | ") && cells(line).len() >= 2)
}

fn is_separator_row(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '+'))
}

/// The text of a cell or label without markdown emphasis and list markers.
fn plain(text: &str) -> String {
    let t = match BULLET.find(text) {
        Some(b) => &text[b.end()..],
        None => text,
    };
    t.replace("**", "")
        .replace("__", "")
        .trim()
        .trim_end_matches([':', '–', '—', '-', '|'])
        .trim()
        .to_string()
}

/// What the columns of a table's header say: which holds base pay, which hold pay that is not
/// base pay (total compensation, bonus).
#[derive(Debug, Clone, Default)]
struct Header {
    pay: Option<usize>,
    other_pay: Vec<usize>,
    /// Columns whose header names the period of their amounts ("Hourly wage").
    periods: Vec<(usize, Period)>,
    /// The first column names settings, places or employers, not levels ("Setting", "State").
    rows_not_levels: bool,
    /// Columns whose header names the currency of their amounts ("Annual (£)").
    currencies: Vec<(usize, Currency)>,
    /// Columns whose header names the level of their amounts ("Graduate (starting)", "Top of
    /// scale"), in a table whose rows are places or settings, or name no level.
    levels: Vec<(usize, Level)>,
    /// Columns whose header names where the pay is earned rather than what it is ("Public
    /// hospital", "Private clinic (base salary)" beside it), each with its header as written:
    /// in a table of two or more, each is pay in its own setting, not the same pay restated.
    settings: Vec<(usize, String)>,
}

impl Header {
    /// The period of the amounts of `column` that do not state one: per year unless its header
    /// says otherwise.
    fn period(&self, column: usize) -> Period {
        self.periods
            .iter()
            .find(|(k, _)| *k == column)
            .map_or(Period::Year, |(_, p)| *p)
    }
}

/// Whether `line` holds an amount in any period ("$34–$40" is no yearly salary, but an hourly
/// one), bare amounts with thousands separators included ("32,000–38,000" under "Annual (£)").
fn holds_money(money: &Currencies, line: &str) -> bool {
    Period::ALL
        .into_iter()
        .any(|p| !scan_row(money, line, p, true).is_empty())
}

/// The amounts of a table row, each read in its column's period (see [`Header::period`]).
/// A bare amount in a column whose header names a currency is in that currency ("Annual (£)":
/// "23,000–26,000"); a bare amount with thousands separators elsewhere in the row is no pay.
fn row_money(money: &Currencies, line: &str, header: &Header) -> Vec<Found> {
    let cells = cells(line);
    let column = |at: usize| cells.iter().position(|(r, _)| r.contains(&at));
    let column_period = |at: usize| column(at).map_or(Period::Year, |k| header.period(k));
    let grouped = !header.currencies.is_empty();
    let mut out: Vec<Found> = Period::ALL
        .into_iter()
        .flat_map(|p| {
            scan_row(money, line, p, grouped)
                .into_iter()
                .filter(move |f| column_period(f.span.start) == p)
        })
        .filter_map(|mut f| {
            let named = column(f.span.start)
                .and_then(|k| header.currencies.iter().find(|(c, _)| *c == k))
                .map(|(_, c)| c);
            match named {
                // The header names the currency; a cell's "$" may be another dollar's.
                Some(c) if !f.stated || (f.shared && money.sharing(&f.currency).contains(c)) => {
                    f.currency = c.clone();
                    f.stated = true;
                    f.shared = false;
                }
                None if f.grouped && !f.stated => return None,
                _ => {}
            }
            Some(f)
        })
        .collect();
    out.sort_by_key(|f| f.span.start);
    out
}

/// The header of the table row at `i`: the nearest row above it in the same table that holds
/// no money and is not a separator.
fn table_header(reading: &Reading<'_>, lines: &[&str], i: usize) -> Option<Header> {
    let money = reading.money;
    let mut j = i;
    while j > 0 && is_table_row(lines[j - 1]) {
        j -= 1;
        let line = lines[j];
        if is_separator_row(line) || holds_money(money, line) {
            continue;
        }
        let mut h = Header {
            rows_not_levels: cells(line)
                .first()
                .is_some_and(|(_, c)| reading.levels.names_dimension(c)),
            ..Header::default()
        };
        for (k, (_, cell)) in cells(line).iter().enumerate().skip(1) {
            if let Some(c) = HEADER_PERIOD.captures(cell) {
                h.periods.push((k, period_of(&c)));
            }
            if let Some(c) = money.named_in(cell) {
                h.currencies.push((k, c.clone()));
            }
            if let Some(level) = reading.row_level(&plain(cell), years_in(cell)) {
                h.levels.push((k, level));
            }
            if TOTAL_HEADER.is_match(cell) {
                h.other_pay.push(k);
            } else if h.pay.is_none() && TABLE_HEADER_PAY.is_match(cell) {
                h.pay = Some(k);
            }
            // A header naming a place of work: words other than pay, period, level and
            // statistics words ("Range", "Median", "Hourly"), once its parenthesis is set aside.
            let outside = plain(&PARENTHESIS.replace_all(cell, " "));
            if outside.chars().any(char::is_alphabetic)
                && !TABLE_HEADER_PAY.is_match(&outside)
                && !TOTAL_HEADER.is_match(&outside)
                && !STATISTIC_HEADER.is_match(&outside)
                && !HEADER_PERIOD.is_match(&outside)
                && money.named_in(&outside).is_none()
                && reading.row_level(&outside, years_in(&outside)).is_none()
            {
                h.settings.push((k, plain(cell)));
            }
        }
        if h.settings.len() < 2 {
            h.settings.clear();
        }
        return Some(h);
    }
    None
}

/// A short line holding a figure and no sentence: a plain table row candidate.
fn row_like(money: &Currencies, line: &str) -> bool {
    let t = line.trim();
    t.chars().count() <= 80
        && !t.ends_with('.')
        && !t.contains(", ")
        && !t.contains(". ")
        && !scan_money(money, t).is_empty()
}

fn is_table_header(money: &Currencies, line: &str) -> bool {
    scan_money(money, line).is_empty()
        && TABLE_HEADER_LEVEL.is_match(line)
        && TABLE_HEADER_PAY.is_match(line)
}

/// Line `i` is a row of a plain table whose header (a line above the rows, or the
/// passage's section heading) names a level and a pay column.
fn is_plain_table_row(money: &Currencies, lines: &[&str], i: usize, section: &str) -> bool {
    if !row_like(money, lines[i]) {
        return false;
    }
    let mut j = i;
    while j > 0 && row_like(money, lines[j - 1]) {
        j -= 1;
    }
    if j == 0 {
        is_table_header(money, section)
    } else {
        is_table_header(money, lines[j - 1])
    }
}

/// The lower end of the first span of years in `text`: "(2–5 years)" → 2, "5+ years" → 5.
fn years_in(text: &str) -> Option<f64> {
    parse_durations(text).first().map(|(_, d)| d.min_years)
}

/// A label worth keeping as the guide's own words for a level: not when it is only level words
/// ("Entry-level", "Senior"), which say no more than the level itself.
fn own_words(reading: &Reading<'_>, label: Option<String>) -> Option<String> {
    let label = label?;
    let mut rest = label.clone();
    // A loose word is a grade of its own ("Oficial de tercera"), more than the level it is in.
    for m in reading
        .levels
        .find(&label, 0..label.len())
        .iter()
        .rev()
        .filter(|m| !m.loose)
    {
        rest.replace_range(m.range.clone(), " ");
    }
    rest.chars().any(char::is_alphabetic).then_some(label)
}

/// Most words of a label.
const MAX_LABEL_WORDS: usize = 8;

/// Most words of a phrase introducing a sentence's subject ("Outside London, …").
const MAX_INTRO_WORDS: usize = 4;

/// The label before a line's first figure: "Entry-level: ", "- **Journeyman Electrician:** ",
/// "Senior ", "Desarrollador frontend junior: ". A label ends with `:`, a dash or a bar, or is
/// a level word with only role words after it.
fn label_of(reading: &Reading<'_>, line: &str, first: usize) -> Option<String> {
    // A dotted leader ("Helper / apprentice ........ $18 to $22 per hour") ends a label.
    let leader = LEADER.find(&line[..first]);
    let pre = &line[..leader.as_ref().map_or(first, |m| m.start())];
    // The word opening a range is not the label's: "**Oficial:** de 17.000 € a 20.000 €".
    let pre = &pre[..RANGE_OPENER.find(pre).map_or(pre.len(), |m| m.start())];
    let text = plain(pre);
    if text.is_empty()
        || text.chars().count() > 60
        || text.split_whitespace().count() > MAX_LABEL_WORDS
    {
        return None;
    }
    let ends_like_label = pre
        .trim_end()
        .trim_end_matches(['*', '_'])
        .ends_with([':', '–', '—', '-', '|']);
    if ends_like_label || leader.is_some() {
        return Some(text);
    }
    // "Senior back-end developer $150K": a level word first, then only role words.
    let first_word = reading
        .levels
        .find(&text, 0..text.len())
        .into_iter()
        .next()?;
    (first_word.range.start == 0
        && text[first_word.range.end..]
            .split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !w.is_empty())
            .all(|w| {
                reading.is_role(w)
                    || w.eq_ignore_ascii_case("back")
                    || w.eq_ignore_ascii_case("end")
            }))
    .then_some(text)
}

/// Whether what follows a label on a pay line is only figures, periods and asides: "$18 – $25
/// per hour", "$28 – $42 per hour ($58,000 – $87,000 per year)". Such a line is a level of the
/// guide's pay ladder even when its label names no level word the table knows.
fn pay_line_rest_is_short(line: &str, spans: &[Range<usize>]) -> bool {
    let mut rest = String::new();
    let mut at = spans[0].start;
    for s in spans {
        rest.push_str(&line[at..s.start]);
        rest.push(' ');
        at = s.end;
    }
    rest.push_str(&line[at..]);
    let mut depth = 0usize;
    let outside: String = rest
        .chars()
        .filter(|c| {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                _ => {}
            }
            depth == 0 && !matches!(c, '(' | ')')
        })
        .collect();
    outside
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .filter(|w| {
            !matches!(
                w.to_lowercase().as_str(),
                "per"
                    | "a"
                    | "an"
                    | "year"
                    | "hour"
                    | "month"
                    | "week"
                    | "day"
                    | "annually"
                    | "yearly"
                    | "hourly"
                    | "monthly"
                    | "weekly"
                    | "daily"
                    | "al"
                    | "por"
                    | "año"
                    | "hora"
                    | "mes"
                    | "usd"
                    | "us"
                    | "to"
                    | "from"
                    | "between"
                    | "up"
                    | "de"
                    | "desde"
                    | "entre"
                    | "hasta"
                    | "y"
                    | "brutos"
                    | "and"
                    | "or"
                    | "base"
                    | "salary"
            )
        })
        .count()
        <= 2
}

/// Clause separators of `line` outside figure spans and outside brackets: a bracketed list
/// ("a regional health service (SERMAS, SAS, Osakidetza…) pays …") is part of its clause.
fn separators(line: &str, spans: &[Range<usize>]) -> Vec<Range<usize>> {
    let bracketed = bracketed(line);
    CLAUSE_SEP
        .find_iter(line)
        .map(|m| m.range())
        .filter(|s| !spans.iter().any(|f| f.contains(&s.start)))
        .filter(|s| !bracketed.iter().any(|b| b.contains(&s.start)))
        .collect()
}

/// The byte ranges of `line` inside round brackets, outermost, each closed on its line.
fn bracketed(line: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut depth = 0usize;
    for (i, c) in line.char_indices() {
        match c {
            '(' => {
                if depth == 0 {
                    open = Some(i);
                }
                depth += 1;
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0
                    && let Some(start) = open.take()
                {
                    out.push(start..i);
                }
            }
            _ => {}
        }
    }
    out
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

/// The level of prose figure `idx` on `line` (see the module doc for the rule).
fn resolve_level(reading: &Reading<'_>, line: &str, spans: &[Range<usize>], idx: usize) -> Level {
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
    // Words after "and" before the next figure of the clause are that figure's subject ("£30,000
    // to £34,000 and project managers £36,000 to £45,000"), not this one's.
    let own_end = if next_start < clause.end {
        NEXT_SUBJECT
            .find(&line[span.end..next_start])
            .map_or(next_start, |m| span.end + m.start())
    } else {
        next_start
    };
    let mut after_levels = Vec::new();
    let mut from = span.end;
    while let Some((l, end)) = reading.first_level_at(line, from..own_end) {
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
        if let Some(l) = reading.first_level(line, start..start + words_end) {
            return l;
        }
    }
    // 2. The clause before the figure: "Entry-level roles typically start around $81,000";
    // else its years of experience: "Nurses with 10+ years of experience earn $120,000"; else
    // whether it says the pay is a starting pay: "New hygienists usually start around $35/hr".
    let before = &line[prev_end..span.start];
    if let Some(l) = reading
        .first_level(line, prev_end..span.start)
        .or_else(|| reading.years_level(before))
        .or_else(|| reading.levels.says_starting(before).then_some(Level::Entry))
        .or_else(|| reading.subject_level(line, prev_end..span.start))
    {
        return l;
    }
    // 3. An introductory clause: "For senior developers, salaries range from …"; or the years
    // of experience a sentence opens with: "With three to five years of experience, nurses
    // earn …", "After 10+ years, most chefs make …".
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
        let intro = &line[pstart..sep.start];
        if !has_figure {
            let word = INTRO_PREP
                .is_match(intro)
                .then(|| reading.first_level(line, pstart..sep.start))
                .flatten();
            if let Some(l) = word.or_else(|| reading.years_level(intro)) {
                return l;
            }
        }
    }
    // 4. Later in the same clause: "$90,000 is typical for developers in mid-level roles",
    // "$120,000 after ten years of experience".
    // 5. The subject of its sentence, several clauses back, with no figure between: "union
    // journeymen in large metro areas such as New York, Chicago and the Bay Area can earn more
    // than $55 per hour".
    // Not past a clause of its own ("Senior developers are in demand, and average salaries
    // range from …": the subject of the first clause is not the second's).
    let sentence = sentence_around(line, span);
    let own_clause = seps
        .iter()
        .filter(|s| s.end <= clause.start && s.start >= sentence.start)
        .filter(|s| {
            let sep = line[(*s).clone()].trim();
            sep.len() > 1 || sep == ";" || NEW_CLAUSE.is_match(&line[s.end..])
        })
        .map(|s| s.end);
    let from = spans[..idx]
        .iter()
        .map(|s| s.end)
        .filter(|&e| e > sentence.start)
        .chain(own_clause)
        .max()
        .unwrap_or(sentence.start);
    match after_levels.as_slice() {
        [l] => *l,
        [] => reading
            .years_level(&line[span.end..next_start])
            .or_else(|| reading.first_level(line, from..clause.start.max(from)))
            .unwrap_or(Level::Overall),
        _ => Level::Overall,
    }
}

/// A figure on a line, fully classified.
#[derive(Debug, Clone)]
struct LineFigure {
    found: Found,
    /// The level; `None` for a row of the guide's pay ladder whose label names no level word.
    level: Option<Level>,
    /// The guide's own words for the level (a row's or line's label).
    label: Option<String>,
    form: FigureForm,
    top_end: bool,
    /// Not a salary but this kind of note (contract rate, median, an increment, total pay).
    note: Option<NoteKind>,
}

fn analyse_line(reading: &Reading<'_>, lines: &[&str], i: usize, section: &str) -> Vec<LineFigure> {
    let line = lines[i];
    let table = is_table_row(line);
    let header = table.then(|| table_header(reading, lines, i)).flatten();
    let found = match &header {
        Some(h) if !h.periods.is_empty() || !h.currencies.is_empty() => {
            row_money(reading.money, line, h)
        }
        _ if SALARY_SECTION.is_match(section) => scan_pay_section(reading.money, line),
        _ => scan_money(reading.money, line),
    };
    // What things cost is no pay: an amount after a cost word in its sentence, or answering a
    // question about a cost.
    let mut found = found;
    if !table {
        found.retain(|f| !is_cost(reading.money, lines, i, section, &f.span));
    }
    if found.is_empty() {
        return Vec::new();
    }
    let spans: Vec<Range<usize>> = found.iter().map(|f| f.span.clone()).collect();
    if table {
        let cells = cells(line);
        let label = cells
            .first()
            .map(|(_, c)| plain(c))
            .filter(|c| !c.is_empty() && scan_money(reading.money, c).is_empty());
        // Years of experience: in the label ("Charge nurse (5+ years)"), else in a cell of the
        // row that holds no money (a "Typical experience" column).
        let years = label.as_deref().and_then(years_in).or_else(|| {
            cells
                .iter()
                .skip(1)
                .filter(|(_, c)| scan_money(reading.money, c).is_empty())
                .find_map(|(_, c)| years_in(c))
        });
        // Rows of settings, places or employers are about every level, not rungs of a ladder.
        let not_levels = header.as_ref().is_some_and(|h| h.rows_not_levels)
            || reading.levels.heading_by_dimension(section);
        let level = label
            .as_deref()
            .and_then(|l| reading.row_level(l, years))
            .or(not_levels.then_some(Level::Overall));
        return found
            .into_iter()
            .filter_map(|f| {
                let column = cells.iter().position(|(r, _)| r.contains(&f.span.start));
                // A column of pay in one setting beside another's ("Public hospital" |
                // "Private clinic"): its figure is labelled with its setting.
                let setting = match (&header, column) {
                    (Some(h), Some(c)) => h
                        .settings
                        .iter()
                        .find(|(k, _)| *k == c)
                        .map(|(_, s)| s.clone()),
                    _ => None,
                };
                let note = match (&header, column) {
                    (Some(h), Some(c)) if h.other_pay.contains(&c) => Some(NoteKind::Compensation),
                    _ if setting.is_some() => None,
                    // Another pay column in the same period ("Range" beside "Base salary").
                    (Some(h), Some(c))
                        if h.pay.is_some_and(|p| p != c && h.period(p) == h.period(c)) =>
                    {
                        return None;
                    }
                    _ => None,
                };
                // A row that names no level ("New South Wales") takes its column's ("Graduate
                // teacher (starting)").
                let from_row = label
                    .is_some()
                    .then_some(level)
                    .flatten()
                    .filter(|l| *l != Level::Overall || !not_levels);
                let column_level = || {
                    let (h, c) = (header.as_ref()?, column?);
                    h.levels.iter().find(|(k, _)| *k == c).map(|(_, l)| *l)
                };
                let level = from_row.or_else(column_level).or(if label.is_some() {
                    level
                } else {
                    Some(Level::Overall)
                });
                let label = match (&label, setting) {
                    (Some(row), Some(setting)) => Some(format!("{row}, {setting}")),
                    (None, Some(setting)) => Some(setting),
                    (row, None) => own_words(reading, row.clone()),
                };
                Some(LineFigure {
                    level,
                    label,
                    form: FigureForm::TableRow,
                    top_end: false,
                    note,
                    found: f,
                })
            })
            .collect();
    }
    if is_plain_table_row(reading.money, lines, i, section) {
        let label = Some(plain(&line[..spans[0].start])).filter(|l| !l.is_empty());
        let level = label
            .as_deref()
            .and_then(|l| reading.row_level(l, years_in(l)))
            .unwrap_or(Level::Overall);
        return found
            .into_iter()
            .map(|f| LineFigure {
                level: Some(level),
                label: own_words(reading, label.clone()),
                form: FigureForm::TableRow,
                top_end: false,
                note: None,
                found: f,
            })
            .collect();
    }
    if let Some(label) = label_of(reading, line, spans[0].start) {
        let level = reading.row_level(&label, years_in(&label));
        if level.is_some() || pay_line_rest_is_short(line, &spans) {
            // Lines under "Pay by state" are places, not rungs of a ladder.
            let level = level.or(reading
                .levels
                .heading_by_dimension(section)
                .then_some(Level::Overall));
            return found
                .into_iter()
                .map(|f| LineFigure {
                    level,
                    label: own_words(reading, Some(label.clone())),
                    form: FigureForm::Labelled,
                    top_end: false,
                    note: None,
                    found: f,
                })
                .collect();
        }
    }
    let form = if BULLET.is_match(line) || SUMMARY_SECTION.is_match(section) {
        FigureForm::Summary
    } else {
        FigureForm::Prose
    };
    let seps = separators(line, &spans);
    found
        .into_iter()
        .enumerate()
        .filter_map(|(idx, f)| {
            let sentence = sentence_around(line, &f.span);
            let clause = clause_of(&seps, &f.span, line.len());
            // Another occupation's pay is not the career's.
            if reading.other_occupation(line, clause.start.max(sentence.start), &f.span) {
                return None;
            }
            let before_in_sentence = &line[sentence.start..f.span.start];
            let before_in_clause = &line[clause.start.max(sentence.start)..f.span.start];
            let note = if MEDIAN.is_match(&line[sentence.clone()]) {
                Some(NoteKind::Median)
            } else if reading.contract_rate(before_in_sentence) {
                Some(NoteKind::Contract)
            } else if INCREMENT.is_match(before_in_clause) {
                Some(NoteKind::Drivers)
            } else {
                None
            };
            let level = resolve_level(reading, line, &spans, idx);
            // Top earners are no group of the career's own ("Top performers earn …").
            let top_end = TOP_END.is_match(before_in_sentence);
            let label = (!top_end)
                .then(|| {
                    reading.subject_label(
                        line,
                        sentence.start,
                        clause.start.max(sentence.start),
                        f.span.start,
                    )
                })
                .flatten();
            Some(LineFigure {
                label,
                level: Some(level),
                form,
                top_end,
                note,
                found: f,
            })
        })
        .collect()
}

/// Whether the amount at `span` on line `i` is a cost, not pay (see [`Currencies::is_cost`],
/// [`Currencies::asks_cost`]): a cost word before it in its sentence, or the question it answers
/// asks what something costs — the last question on its line before its sentence ("**¿Cuánto
/// cuesta abrir una peluquería?** Entre 20.000 € y 60.000 €"), else the line before it when that
/// is a question, else its section's heading when that is one; never a rate the worker charges.
fn is_cost(
    money: &Currencies,
    lines: &[&str],
    i: usize,
    section: &str,
    span: &Range<usize>,
) -> bool {
    let line = lines[i];
    let sentence = sentence_around(line, span);
    let before = &line[sentence.start..span.start];
    // What a worker charges is their pay, left to the notes as a contract rate ("set their own
    // prices: a mobile groomer might charge £45 to £70 per dog").
    if CONTRACT.is_match(before) {
        return false;
    }
    if money.is_cost(before) {
        return true;
    }
    let on_line = line[..sentence.start].rfind('?').map(|q| {
        let start = line[..q].rfind(['.', '!', '?']).map_or(0, |p| p + 1);
        &line[start..=q]
    });
    let question = |t: &str| t.trim().trim_end_matches(['*', '_']).ends_with('?');
    let before = lines[..i]
        .iter()
        .rev()
        .find(|l| !l.trim().is_empty())
        .filter(|l| question(l))
        .copied();
    let heading = question(section).then_some(section);
    on_line
        .or(before)
        .or(heading)
        .is_some_and(|q| money.asks_cost(q))
}

/// Whether `next`, the source line right after `line`, carries on its sentence: as any prose
/// does ([`carries_on`]: wrapped at a width, or left open before lower case or a digit), or a
/// line as long as wrapped prose or left open before an amount ("… between £42,000 and" /
/// "£50,000 a year"). Never a table row, a list item or a heading.
fn wraps_for_pay(money: &Currencies, line: &str, next: &str) -> bool {
    let (line, next) = (line.trim(), next.trim());
    let structure = |l: &str| is_table_row(l) || l.starts_with('#') || l.is_empty();
    if structure(line) || structure(next) || strip_marker(next) > 0 {
        return false;
    }
    if carries_on(line, next) {
        return true;
    }
    // A line as long as wrapped prose, cut before an amount ("… can expect" / "£25,000 to …").
    let long = line.chars().count() >= WRAP_MIN_CHARS
        && !line.ends_with(['.', '!', '?', ':', ';', '"', '”', ')']);
    (long || left_open(line)) && starts_with_amount(money, next)
}

/// Whether `text` opens with an amount ("£38,000 a year", "A$80,000", "AUD 46"): only its start
/// is read, and only when it can open one (a digit, a capital or a sign).
fn starts_with_amount(money: &Currencies, text: &str) -> bool {
    if !text.starts_with(|c: char| c.is_ascii_digit() || c.is_uppercase() || !c.is_alphanumeric()) {
        return false;
    }
    let mut end = text.len().min(40);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    money
        .money
        .find(&text[..end])
        .is_some_and(|m| m.start() == 0)
}

/// The logical lines of a passage's text: each source line with the lines it wraps onto (see
/// [`wraps_for_pay`]), so that a range, a period or a note cut at a line end is read whole; a
/// figure or note is cited to the source line it starts on ([`LogicalLine::line_at`]).
fn passage_lines(money: &Currencies, passage: &Passage) -> Vec<LogicalLine> {
    let mut out: Vec<LogicalLine> = Vec::new();
    let mut last: Option<(u32, &str)> = None;
    for (i, raw) in passage.text.split('\n').enumerate() {
        let text = raw.strip_suffix('\r').unwrap_or(raw);
        let no = passage
            .line_numbers
            .get(i)
            .copied()
            .unwrap_or(passage.start_line + i as u32);
        let joins = last.is_some_and(|(n, prev)| n + 1 == no && wraps_for_pay(money, prev, text));
        match out.last_mut() {
            Some(prev) if joins => prev.push_wrapped(no, text),
            _ => out.push(LogicalLine::new(no, text, false)),
        }
        last = Some((no, text));
    }
    out
}

/// Every figure of a passage with its line index, ladders placed: consecutive rows of one table
/// or consecutive labelled pay lines are a ladder, and a row whose label names no level word
/// takes its place between the others (see [`place_ladder`]).
fn classified(
    reading: &Reading<'_>,
    passage: &Passage,
    lines: &[&str],
) -> Vec<(usize, LineFigure)> {
    let mut out: Vec<(usize, LineFigure)> = Vec::new();
    for i in 0..lines.len() {
        for lf in analyse_line(reading, lines, i, &passage.section) {
            out.push((i, lf));
        }
    }
    // Ladders: runs of ladder figures (table rows, labelled lines) on consecutive lines, one
    // step per line; figures left to the notes (a total-pay column) are not steps.
    let ladder = |lf: &LineFigure| {
        lf.note.is_none() && matches!(lf.form, FigureForm::TableRow | FigureForm::Labelled)
    };
    let candidates: Vec<usize> = (0..out.len()).filter(|&k| ladder(&out[k].1)).collect();
    let mut k = 0;
    while k < candidates.len() {
        let mut end = k + 1;
        while end < candidates.len() {
            let (prev, next) = (&out[candidates[end - 1]], &out[candidates[end]]);
            if next.1.form != prev.1.form || next.0 > prev.0 + 1 {
                break;
            }
            end += 1;
        }
        // One level per line: the first figure of each line speaks for the line.
        let mut steps: Vec<usize> = Vec::new();
        for &j in &candidates[k..end] {
            if steps.last().is_none_or(|&s| out[s].0 != out[j].0) {
                steps.push(j);
            }
        }
        if steps.len() >= 2 {
            let known: Vec<Option<Level>> = steps.iter().map(|&s| out[s].1.level).collect();
            let placed = place_ladder(&known);
            for (s, level) in steps.iter().zip(placed) {
                let line = out[*s].0;
                for &j in &candidates[k..end] {
                    if out[j].0 == line {
                        out[j].1.level.get_or_insert(level);
                    }
                }
            }
        }
        k = end;
    }
    for (_, lf) in &mut out {
        lf.level.get_or_insert(Level::Overall);
    }
    out
}

/// Every salary figure in the passage, in text order, each with its exact source line; figures
/// that are contract rates, medians, increments or total pay are left to the notes.
pub fn extract_figures(reading: &Reading<'_>, passage: &Passage) -> Vec<SalaryFigure> {
    figures_stated(reading, passage)
        .into_iter()
        .map(|(f, _)| f)
        .collect()
}

/// How a figure's currency is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stated {
    /// By its mark, its line's marked amounts or its column's header.
    Yes,
    /// Only by a mark other currencies are written with too (a bare "$"): it may be the one
    /// its section or guide is about (see [`super::gather::extract_guide`]).
    Shared,
    /// Not at all: it takes the currency its guide states elsewhere.
    No,
}

/// [`extract_figures`], each with how its currency is stated (by its mark, its line's marked
/// amounts or its column's header); a figure whose currency is not stated takes the currency
/// its guide states elsewhere (see [`super::gather::extract_guide`]).
pub(super) fn figures_stated(
    reading: &Reading<'_>,
    passage: &Passage,
) -> Vec<(SalaryFigure, Stated)> {
    let logical = passage_lines(reading.money, passage);
    let lines: Vec<&str> = logical.iter().map(|l| l.text.as_str()).collect();
    classified(reading, passage, &lines)
        .into_iter()
        .filter(|(_, lf)| lf.note.is_none())
        .map(|(i, lf)| {
            let f = lf.found;
            let stated = match (f.stated, f.shared) {
                (false, _) => Stated::No,
                (true, true) => Stated::Shared,
                (true, false) => Stated::Yes,
            };
            let figure = SalaryFigure {
                cite: Citation::at(passage, logical[i].line_at(f.span.start)),
                level: lf.level.unwrap_or(Level::Overall),
                label: lf.label,
                low: f.low.round() as u32,
                high: f.high.round() as u32,
                open_ended: f.open_ended,
                period: f.period,
                raw: lines[i][f.span].to_string(),
                currency: f.currency,
                form: lf.form,
                top_end: lf.top_end,
            };
            (figure, stated)
        })
        .collect()
}

/// The currencies the passage's sentences without amounts say its figures are in ("These are
/// base salaries in US dollars", "Figures are in pounds", "Cifras en euros"; see
/// [`Currencies::said_in`]), in order, each once.
pub(super) fn currencies_said(reading: &Reading<'_>, passage: &Passage) -> Vec<Currency> {
    let mut out: Vec<Currency> = Vec::new();
    for l in passage_lines(reading.money, passage) {
        let line = l.text.as_str();
        if !Currencies::may_say(line) {
            continue;
        }
        for r in sentences(line) {
            let sentence = &line[r];
            if let Some(c) = reading.money.said_in(sentence)
                && !out.contains(c)
                && scan_pay_section(reading.money, sentence).is_empty()
            {
                out.push(c.clone());
            }
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

/// A note's text as the guide says it, without a list marker or emphasis markers.
fn note_text(text: &str) -> String {
    let t = match BULLET.find(text) {
        Some(b) => &text[b.end()..],
        None => text,
    };
    t.replace("**", "").replace("__", "").trim().to_string()
}

/// The guides' own pay qualifiers in the passage (tech hubs pay more, remote pay is similar,
/// experience and skills drive pay, contract rates, national medians, total pay, …), each cited
/// to its line.
///
/// A sentence (of six words or more) qualifies when it speaks of pay and matches a qualifier
/// pattern. A sentence holding a figure that is not a salary (a contract rate, a median, an
/// increment) is quoted whole under that kind; a table row whose pay is not base pay is quoted
/// whole as pay structure. Otherwise, in a sentence that holds salary figures, only the clause
/// after the last figure is quoted ("…, with top compensation in major tech hubs"), unless the
/// whole sentence is about top earners.
pub fn extract_notes(reading: &Reading<'_>, passage: &Passage) -> Vec<SalaryNote> {
    let logical = passage_lines(reading.money, passage);
    let lines: Vec<&str> = logical.iter().map(|l| l.text.as_str()).collect();
    let figures = classified(reading, passage, &lines);
    let mut out = Vec::new();
    // A note is cited to the source line its text starts on.
    let mut push = |kind: NoteKind, text: &str, i: usize| {
        out.push(SalaryNote {
            kind,
            text: note_text(text),
            cite: Citation::at(passage, logical[i].line_of(text)),
        });
    };
    for (i, line) in lines.iter().enumerate() {
        if LINK_LINE.is_match(line) {
            continue;
        }
        let on_line: Vec<&LineFigure> = figures
            .iter()
            .filter(|(l, _)| *l == i)
            .map(|(_, f)| f)
            .collect();
        if is_table_row(line)
            || on_line
                .first()
                .is_some_and(|f| f.form == FigureForm::TableRow)
        {
            if let Some(kind) = on_line.iter().find_map(|f| f.note) {
                push(kind, line, i);
            }
            continue;
        }
        let spans: Vec<Range<usize>> = on_line.iter().map(|f| f.found.span.clone()).collect();
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
            let inside: Vec<&&LineFigure> = on_line
                .iter()
                .filter(|f| f.found.span.start >= b.start && f.found.span.end <= b.end)
                .collect();
            if let Some(kind) = inside.iter().find_map(|f| f.note) {
                push(kind, sentence, i);
                continue;
            }
            // Headings ("Remote Job Salaries") and fragments are not qualifiers.
            if sentence.split_whitespace().count() < 6 || !PAY_WORD.is_match(sentence) {
                continue;
            }
            let last_fig = inside.iter().map(|f| f.found.span.end).max();
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
            if let Some(kind) = kind {
                push(kind, text, i);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::salary::Period;

    fn reading() -> Reading<'static> {
        Reading::new(crate::answer::fixtures::vocab(), "Back-End Developer")
    }
    use crate::answer::fixtures::{SEEDS, passage_at, seed_passages, seed_text};

    fn passage(text: &str) -> Passage {
        passage_in("Salary", text)
    }

    fn passage_in(section: &str, text: &str) -> Passage {
        passage_at(section, 10, text)
    }

    /// (level, low, high, open_ended, raw) of every figure.
    fn figs(text: &str) -> Vec<(Level, u32, u32, bool, String)> {
        extract_figures(&reading(), &passage(text))
            .into_iter()
            .map(|f| (f.level, f.low, f.high, f.open_ended, f.raw))
            .collect()
    }

    /// Every figure of `text` read as a guide about `career`.
    fn figures_of(career: &str, text: &str) -> Vec<SalaryFigure> {
        let reading = Reading::new(crate::answer::fixtures::vocab(), career);
        extract_figures(&reading, &passage(text))
    }

    fn one(text: &str) -> SalaryFigure {
        let v = extract_figures(&reading(), &passage(text));
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

    /// A table whose rows are places takes each amount's level from its column's header.
    #[test]
    fn a_column_header_names_the_level_of_a_row_of_places() {
        let p = passage_in(
            "Salary",
            "| State | Graduate (starting) | Top of senior scale |\n|---|---|---|\n| Victoria | $79,800 | $116,100 |\n| Queensland | $81,200 | $119,300 |",
        );
        let v: Vec<(Level, u32, Option<String>)> = extract_figures(&reading(), &p)
            .into_iter()
            .map(|f| (f.level, f.low, f.label))
            .collect();
        assert_eq!(
            v,
            vec![
                (Level::Entry, 79_800, Some("Victoria".into())),
                (Level::Senior, 116_100, Some("Victoria".into())),
                (Level::Entry, 81_200, Some("Queensland".into())),
                (Level::Senior, 119_300, Some("Queensland".into())),
            ]
        );
    }

    /// Regression: a bracketed list's commas cut the clause, so the list's last name was read
    /// as the subject of the pay, another occupation's.
    #[test]
    fn a_bracketed_list_stays_in_its_clause() {
        let f = one(
            "Un fisioterapeuta del servicio de salud (SERMAS, SAS, Osakidetza) gana entre 28.000 y 33.000 euros brutos al año.",
        );
        assert_eq!((f.low, f.high), (28_000, 33_000));
        assert_eq!(bracketed("a (b, (c)) d (e"), vec![2..9]);
    }

    #[test]
    fn thousands_written_as_a_word() {
        let f = one("Working full time, that works out to roughly 75 to 95 thousand a year.");
        assert_eq!((f.low, f.high, f.period), (75_000, 95_000, Period::Year));
        let f = one("Most earn between 30 and 38 thousand a year.");
        assert_eq!((f.low, f.high), (30_000, 38_000));
        let f = one("Seniors make $120 thousand or more.");
        assert_eq!((f.low, f.open_ended), (120_000, true));
        let f = one("Un fisioterapeuta gana entre 28 y 33 mil euros brutos al año.");
        assert_eq!((f.low, f.high), (28_000, 33_000));
        // "and" joins a range only after "between"; "mil" is thousands only before a currency
        // word, and a count is no pay.
        let f = one("Juniors earn 40 and seniors 60 grand a year.");
        assert_eq!((f.low, f.high), (60_000, 60_000));
        assert!(figs("About 31 thousand hygienists work in Canada.").is_empty());
        assert!(figs("The coating is 10 mil thick.").is_empty());
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
        let v = extract_figures(&reading(), &passage(text));
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
        let v = extract_figures(&reading(), &passage(text));
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
        let v = extract_figures(&reading(), &p);
        assert!(v.iter().all(|f| f.form == FigureForm::TableRow));
        assert_eq!(v[1].level, Level::Lead);
    }

    #[test]
    fn markdown_table() {
        let text = "| Level | Base salary | Notes |\n|---|---|---|\n| Junior | $65,000 - $85,000 | first job |\n| Staff / Principal | $190K–$250K+ | rare |\n| Intermediate | 90k-120k | |";
        let v = extract_figures(&reading(), &passage(text));
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
    fn hourly_and_monthly_stay_in_their_period() {
        let f = one("Junior developers earn $45/hr.");
        assert_eq!((f.period, f.low, f.level), (Period::Hour, 45, Level::Entry));
        let f = one("Senior devs earn $60 an hour.");
        assert_eq!((f.period, f.low), (Period::Hour, 60));
        let f = one("Interns-turned-juniors get $6,500/month.");
        assert_eq!((f.period, f.high), (Period::Month, 6_500));
        let f = one("A mid-level salary of $9,000 per month is typical.");
        assert_eq!(
            (f.period, f.low, f.level),
            (Period::Month, 9_000, Level::Mid)
        );
        assert_eq!(f.range_label(), "$9000/month");
        let f = one("Los juniors ganan $3.500 al mes.");
        assert_eq!((f.period, f.low), (Period::Month, 3_500));
    }

    /// Pay by the week or the day keeps its period; pay per mile, per load or per shift, and a
    /// business's revenue, is never a salary (before, "$12,000 a week" read as $12K a year).
    #[test]
    fn weekly_and_daily_pay_keep_their_period_and_piece_rates_are_left_out() {
        let f = one("Trainee drivers make about $1,300 a week.");
        assert_eq!(
            (f.period, f.low, f.level),
            (Period::Week, 1_300, Level::Entry)
        );
        assert_eq!(f.range_label(), "$1300/week");
        let f = one("Most company drivers gross $1,100 to $1,600 a week.");
        assert_eq!((f.period, f.low, f.high), (Period::Week, 1_100, 1_600));
        let f = one("Locum pharmacists can earn $12,000 per week in remote areas.");
        assert_eq!((f.period, f.low), (Period::Week, 12_000));
        let f = one("Substitute teachers are paid $150 a day.");
        assert_eq!((f.period, f.low), (Period::Day, 150));
        let f = one("Weekly pay for trainees is about $900.");
        assert_eq!(
            (f.period, f.low, f.level),
            (Period::Week, 900, Level::Entry)
        );
        for text in [
            "Owner-operators earn $12,000 per load on long hauls.",
            "Agency nurses earn $450 per shift.",
            "Drivers earn $0.60 per mile.",
            "Owner-operators bring in $150,000 – $250,000 in gross revenue.",
        ] {
            assert!(figs(text).is_empty(), "{text:?} gave {:?}", figs(text));
        }
        // The yearly figure beside a revenue figure is kept.
        let v = figs(
            "Owner-operators: $150,000 – $250,000 in gross revenue, but most net $60,000 – $90,000 a year",
        );
        assert_eq!(
            v.iter().map(|f| (f.1, f.2)).collect::<Vec<_>>(),
            vec![(60_000, 90_000)]
        );
    }

    #[test]
    fn contract_rates_medians_and_increments_are_notes_not_salaries() {
        for (text, kind) in [
            (
                "Contract work: freelance and contract analysts commonly bill $45 to $85 per hour.",
                NoteKind::Contract,
            ),
            ("Junior contractors bill $45/hr.", NoteKind::Contract),
            ("Freelancers charge $50-$80 per hour.", NoteKind::Contract),
            (
                "Median pay: just over $62,000 per year, according to the latest federal wage data.",
                NoteKind::Median,
            ),
            (
                "On large projects, overtime can add $15,000 or more to a year's earnings.",
                NoteKind::Drivers,
            ),
        ] {
            let p = passage(text);
            assert!(figs(text).is_empty(), "{text:?} gave {:?}", figs(text));
            let notes = extract_notes(&reading(), &p);
            assert_eq!(notes.len(), 1, "{text:?}: {notes:?}");
            assert_eq!(notes[0].kind, kind, "{text:?}");
        }
    }

    #[test]
    fn a_guides_own_ladder_names_its_levels() {
        let electrician = Reading::new(crate::answer::fixtures::vocab(), "Electrician");
        let p = passage(
            "Apprentice Electrician: $18 – $25 per hour\nJourneyman Electrician: $28 – $42 per hour ($58,000 – $87,000 per year)\nMaster Electrician: $78,000 – $110,000 per year\nElectrical Contractor (business owner): $95,000 – $160,000+ per year",
        );
        let got: Vec<_> = extract_figures(&electrician, &p)
            .into_iter()
            .map(|f| (f.level, f.label.unwrap_or_default(), f.period, f.low))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    Level::Entry,
                    "Apprentice Electrician".into(),
                    Period::Hour,
                    18
                ),
                (
                    Level::Mid,
                    "Journeyman Electrician".into(),
                    Period::Hour,
                    28
                ),
                (
                    Level::Mid,
                    "Journeyman Electrician".into(),
                    Period::Year,
                    58_000
                ),
                (
                    Level::Senior,
                    "Master Electrician".into(),
                    Period::Year,
                    78_000
                ),
                (
                    Level::Lead,
                    "Electrical Contractor (business owner)".into(),
                    Period::Year,
                    95_000
                ),
            ]
        );
        // A table whose rows name levels in a career's own words; total pay is a note.
        let pm = Reading::new(crate::answer::fixtures::vocab(), "Product Manager");
        let p = passage(
            "Level | Typical experience | Base salary | Total compensation\nAssociate Product Manager (APM) | 0–2 years | $85,000 – $120,000 | $110,000 – $170,000\nProduct Manager | 2–5 years | $120,000 – $160,000 | $160,000 – $250,000\nSenior Product Manager | 5–8 years | $150,000 – $200,000 | $220,000 – $350,000\nDirector of Product | 10+ years | $200,000 – $270,000 | $350,000 – $550,000",
        );
        let got: Vec<_> = extract_figures(&pm, &p)
            .into_iter()
            .map(|f| (f.level, f.low))
            .collect();
        assert_eq!(
            got,
            vec![
                (Level::Entry, 85_000),
                (Level::Mid, 120_000),
                (Level::Senior, 150_000),
                (Level::Lead, 200_000)
            ]
        );
        let notes = extract_notes(&pm, &p);
        assert_eq!(notes.len(), 4);
        assert!(notes.iter().all(|n| n.kind == NoteKind::Compensation));
        // Spanish labels and thousands separators.
        let p = passage(
            "- Desarrollador frontend junior: $65.000–$85.000 al año\n- Desarrollador frontend semi-senior: $85.000–$115.000 al año\n- Líder técnico frontend (tech lead): $140.000–$180.000 al año",
        );
        let got: Vec<_> = extract_figures(&reading(), &p)
            .into_iter()
            .map(|f| (f.level, f.low, f.high, f.period))
            .collect();
        assert_eq!(
            got,
            vec![
                (Level::Entry, 65_000, 85_000, Period::Year),
                (Level::Mid, 85_000, 115_000, Period::Year),
                (Level::Lead, 140_000, 180_000, Period::Year),
            ]
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
            "A warehouse job means lifting 20,000 pounds of stock a week.",
            "In Taipei juniors earn NT$600,000 and in Shanghai ¥150,000 RMB.",
            "Developers in Pakistan earn PKR 1200k on average.",
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

    /// Regression: pay in pounds or euros was dropped, and the answer then said the guides give
    /// no salary figures.
    #[test]
    fn pay_in_other_currencies_keeps_its_currency() {
        let code = |text: &str| -> Vec<(String, u32, u32, bool, String)> {
            extract_figures(&reading(), &passage(text))
                .into_iter()
                .map(|f| (f.currency.code, f.low, f.high, f.open_ended, f.raw))
                .collect()
        };
        assert_eq!(
            code("Junior designers in the UK typically earn £28,000 to £35,000 a year."),
            vec![(
                "GBP".into(),
                28_000,
                35_000,
                false,
                "£28,000 to £35,000".into()
            )]
        );
        assert_eq!(
            code("Salaries in Berlin average €65.000 and in London £55k."),
            vec![
                ("EUR".into(), 65_000, 65_000, false, "€65.000".into()),
                ("GBP".into(), 55_000, 55_000, false, "£55k".into()),
            ]
        );
        // Marks written after the amount, as symbols, codes or words.
        assert_eq!(
            code("Junior developers earn 45.000 € – 60.000 € per year."),
            vec![(
                "EUR".into(),
                45_000,
                60_000,
                false,
                "45.000 € – 60.000 €".into()
            )]
        );
        assert_eq!(
            code("Graduates earn 30,000 pounds a year."),
            vec![("GBP".into(), 30_000, 30_000, false, "30,000 pounds".into())]
        );
        assert_eq!(
            code("Senior salaries reach 70,000–90,000 euros."),
            vec![(
                "EUR".into(),
                70_000,
                90_000,
                false,
                "70,000–90,000 euros".into()
            )]
        );
        assert_eq!(
            code("Pay: GBP 40,000 or more for leads."),
            vec![("GBP".into(), 40_000, 40_000, true, "GBP 40,000".into())]
        );
        // A bare "60k" takes the currency of the line's marked amounts.
        assert_eq!(
            code("Juniors start near £30,000 and seniors earn 60k.")
                .into_iter()
                .map(|f| f.0)
                .collect::<Vec<_>>(),
            vec!["GBP".to_string(), "GBP".to_string()]
        );
        // Hong Kong and Singapore dollars, rupees: each in its own currency.
        assert_eq!(
            code("In Hong Kong juniors earn HK$420,000 and in Singapore SGD 70,000."),
            vec![
                ("HKD".into(), 420_000, 420_000, false, "HK$420,000".into()),
                ("SGD".into(), 70_000, 70_000, false, "SGD 70,000".into()),
            ]
        );
        assert_eq!(
            code("Developers in India earn INR 1200k on average."),
            vec![(
                "INR".into(),
                1_200_000,
                1_200_000,
                false,
                "INR 1200k".into()
            )]
        );
        // Two currencies never make one range.
        let v = code("Pay runs from £30,000 to $50,000.");
        assert!(v.iter().all(|f| f.1 == f.2), "{v:?}");
        // A dollar figure stays in USD.
        let f = one("Entry-level: $75,000 – $95,000 per year");
        assert_eq!(
            (f.currency.code.as_str(), f.currency.symbol.as_str()),
            ("USD", "$")
        );
        assert_eq!(f.range_label(), "$75K–$95K");
        let f = one("Senior designers: £55,000 – £70,000");
        assert_eq!(f.range_label(), "£55K–£70K");
    }

    /// Regression: a sentence naming several levels, each with its range, gave no figure per
    /// level ("Mid-weight" and "Head of" were not level words, and pounds were not read).
    #[test]
    fn several_levels_in_one_sentence_each_get_a_figure() {
        let text = "Junior UX designers in the UK typically earn £28,000 to £35,000 a year. Mid-weight designers earn £38,000 to £50,000, senior designers £55,000 to £70,000, and a Head of Design can earn £85,000 or more. Salaries in London are about 15% higher.";
        let got: Vec<_> = figures_of("UX Designer", text)
            .into_iter()
            .map(|f| {
                (
                    f.level,
                    f.low,
                    f.high,
                    f.open_ended,
                    f.cite.line,
                    f.currency.code,
                )
            })
            .collect();
        let gbp = || "GBP".to_string();
        assert_eq!(
            got,
            vec![
                (Level::Entry, 28_000, 35_000, false, 10, gbp()),
                (Level::Mid, 38_000, 50_000, false, 10, gbp()),
                (Level::Senior, 55_000, 70_000, false, 10, gbp()),
                (Level::Lead, 85_000, 85_000, true, 10, gbp()),
            ]
        );
        // The same shape in dollars, with other level words.
        let v = figs(
            "Juniors earn $60,000 to $75,000, mid-level engineers $80,000 to $100,000, and a principal engineer can earn $180,000 or more.",
        );
        let levels: Vec<Level> = v.iter().map(|f| f.0).collect();
        assert_eq!(levels, vec![Level::Entry, Level::Mid, Level::Lead]);
    }

    /// A nurse guide's pay table: levels named by role and years, hourly and yearly columns.
    const NURSE_PAY: &str = "| Experience | Hourly wage | Yearly (full time) |\n|---|---|---|\n| New graduate (0–1 years) | $34–$40 | $70,000–$83,000 |\n| Experienced RN (2–5 years) | $40–$48 | $83,000–$100,000 |\n| Charge nurse (5+ years) | $47–$55 | $98,000–$114,000 |\n| Nurse manager | $55–$70 | $115,000–$145,000 |";

    /// Regression: "Experienced RN (2–5 years)" came out as senior and "Charge nurse (5+ years)"
    /// as lead; the years the rows give decide when the label names no level word or only a loose
    /// one ("Experienced").
    /// Regression: "New hygienists usually start around $35/hr" gave no entry figure; a figure
    /// in a clause saying pay starts there is entry level, unless the clause names another level.
    #[test]
    fn starting_pay_is_entry_level() {
        let got: Vec<(Level, u32)> = figs(
            "New hygienists usually start around $35/hr. With three to five years of experience most earn $40-$45/hr.",
        )
        .into_iter()
        .map(|f| (f.0, f.1))
        .collect();
        assert_eq!(got, vec![(Level::Entry, 35), (Level::Mid, 40)]);
        assert_eq!(
            one("The starting salary is $52,000 a year.").level,
            Level::Entry
        );
        assert_eq!(one("Senior roles start at $150,000.").level, Level::Senior);
        // Without a starting word the figure is overall.
        assert_eq!(
            one("Hygienists usually earn around $35/hr.").level,
            Level::Overall
        );
    }

    #[test]
    fn levels_from_years_in_a_pay_table() {
        let got: Vec<_> = figures_of("Registered Nurse", NURSE_PAY)
            .into_iter()
            .filter(|f| f.period == Period::Year)
            .map(|f| (f.level, f.low))
            .collect();
        assert_eq!(
            got,
            vec![
                (Level::Entry, 70_000),
                (Level::Mid, 83_000),
                (Level::Senior, 98_000),
                (Level::Lead, 115_000),
            ]
        );
        // Years in a column of their own, and in a labelled line.
        let got: Vec<Level> = figs(
            "Role | Experience | Salary\nAnalyst | 0–2 years | $60,000 – $78,000\nAnalyst II | 2–5 years | $78,000 – $100,000\nStaff Analyst | 3–5 years | $120,000 – $150,000",
        )
        .into_iter()
        .map(|f| f.0)
        .collect();
        // "Staff" is a level word and wins over its years.
        assert_eq!(got, vec![Level::Entry, Level::Mid, Level::Lead]);
        let f = one("Team member with 8+ years: $120,000 – $140,000 per year");
        assert_eq!(f.level, Level::Lead);
        // A loose word alone still names its level.
        let f = one("Experienced nurses earn $95,000.");
        assert_eq!(f.level, Level::Senior);
        // In prose, years of experience in the figure's clause, when it names no level word.
        for (text, level) in [
            (
                "Nurses with 10+ years of experience earn $120,000.",
                Level::Lead,
            ),
            (
                "Designers with two to four years behind them earn £40,000.",
                Level::Mid,
            ),
            ("Pay reaches $95,000 after five years.", Level::Senior),
            (
                "Technicians earn $60,000 once they have 3 years of experience.",
                Level::Mid,
            ),
            // Time spent in a programme is not experience.
            (
                "Most programs last 4 years and pay $18 per hour.",
                Level::Overall,
            ),
            // A level word wins.
            (
                "Juniors with 3 years of experience earn $70,000.",
                Level::Entry,
            ),
        ] {
            assert_eq!(one(text).level, level, "{text}");
        }
    }

    /// Regression: a sentence that opens with its years of experience, in words or digits, before
    /// a comma gave an overall figure.
    #[test]
    fn a_sentence_opening_with_its_years_gives_their_level() {
        for (text, level) in [
            (
                "With three to five years of experience, nurses earn $85,000 to $95,000.",
                Level::Mid,
            ),
            ("After 10+ years, most chefs make around $70k.", Level::Lead),
            (
                "Demand is strong. After five years on the job, pharmacists earn $140,000.",
                Level::Senior,
            ),
            // A level word in the figure's own clause still wins.
            (
                "After two years, senior cooks earn $48,000 a year.",
                Level::Senior,
            ),
            // Years that are not experience place nothing.
            ("In 2 years, salaries rose to $60,000.", Level::Overall),
        ] {
            assert_eq!(one(text).level, level, "{text}");
        }
    }

    /// A sentence's subject names the level of a figure several clauses later, when nothing in
    /// between names one or holds a figure.
    #[test]
    fn a_sentence_subject_several_clauses_back_gives_the_level() {
        assert_eq!(
            one("Union journeymen in large metro areas such as New York, Chicago and Boston can earn more than $55 per hour.").level,
            Level::Mid
        );
        // A figure in between keeps the subject to its own figure.
        let got: Vec<Level> = figs(
            "Senior nurses earn $95,000 in cities, and in rural areas, pay is nearer $70,000.",
        )
        .into_iter()
        .map(|f| f.0)
        .collect();
        assert_eq!(got, vec![Level::Senior, Level::Overall]);
        // Nor past a clause of its own.
        for text in [
            "Senior roles are scarce; most staff earn $70,000.",
            "Senior roles are scarce in rural areas, and most staff earn $70,000.",
        ] {
            assert_eq!(one(text).level, Level::Overall, "{text}");
        }
    }

    /// Regression: a pay table by work setting ("Hospitals", "Home health") was placed as a
    /// ladder, hospitals as entry level; rows of settings, places or employers are overall, each
    /// with its own words, unless a row names a level.
    #[test]
    fn rows_by_setting_or_place_are_not_a_ladder() {
        let by_setting = figures_of(
            "Registered Nurse",
            "| Setting | Yearly pay |\n|---|---|\n| Hospitals | $87,000 – $120,000 |\n| Home health | $75,000 – $98,000 |\n| Senior nurses in clinics | $90,000 – $110,000 |",
        );
        let got: Vec<_> = by_setting
            .iter()
            .map(|f| (f.level, f.label.as_deref(), f.low))
            .collect();
        assert_eq!(
            got,
            vec![
                (Level::Overall, Some("Hospitals"), 87_000),
                (Level::Overall, Some("Home health"), 75_000),
                (Level::Senior, Some("Senior nurses in clinics"), 90_000),
            ]
        );
        // Labelled lines under a heading "… by state".
        let reading = reading();
        let by_state = extract_figures(
            &reading,
            &passage_in(
                "Teacher salaries by state",
                "California: $72,000 – $98,000\nTexas: $52,000 – $64,000",
            ),
        );
        assert!(
            by_state.iter().all(|f| f.level == Level::Overall),
            "{by_state:#?}"
        );
        // A table of roles stays a ladder.
        let roles: Vec<Level> = figures_of(
            "Welder",
            "| Role | Typical pay |\n|---|---|\n| Production welder | $40,000 – $50,000 |\n| Pipe welder | $60,000 – $90,000 |",
        )
        .into_iter()
        .map(|f| f.level)
        .collect();
        assert_eq!(roles, vec![Level::Entry, Level::Senior]);
    }

    /// A column headed "Hourly wage" holds hourly amounts that state no period: read per hour,
    /// not dropped as implausible yearly salaries.
    #[test]
    fn hourly_columns_of_a_pay_table_are_read_per_hour() {
        let got: Vec<_> = figures_of("Registered Nurse", NURSE_PAY)
            .into_iter()
            .filter(|f| f.period == Period::Hour)
            .map(|f| (f.level, f.low, f.high))
            .collect();
        assert_eq!(
            got,
            vec![
                (Level::Entry, 34, 40),
                (Level::Mid, 40, 48),
                (Level::Senior, 47, 55),
                (Level::Lead, 55, 70),
            ]
        );
        // A table of hourly rates only, its header naming the pay column.
        let v = figures_of(
            "Electrician",
            "| Level | Hourly pay |\n|---|---|\n| Apprentice | $18 – $25 |\n| Journeyman | $28 – $42 |",
        );
        let got: Vec<_> = v.iter().map(|f| (f.level, f.period, f.low)).collect();
        assert_eq!(
            got,
            vec![
                (Level::Entry, Period::Hour, 18),
                (Level::Mid, Period::Hour, 28)
            ]
        );
        assert_eq!(v[0].range_label(), "$18–$25/hour");
    }

    #[test]
    fn notes_found_by_pattern() {
        let p = passage(
            "Top-paying regions include tech hubs like San Francisco, New York, and Seattle, where salaries can be 20-30% higher. Factors influencing pay include experience level, technical expertise, and industry demand.\nRemote back-end developers often earn salaries similar to office-based roles, especially when working for U.S.-based companies.\n- U.S. salaries range from $60-85K at entry level to $125-180K+ for senior developers, with experience and skill level driving pay differences.\nAttend our free webinar and get the salary you deserve.",
        );
        let notes = extract_notes(&reading(), &p);
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
                for f in extract_figures(&reading(), &p) {
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
                .flat_map(|p| extract_figures(&reading(), p))
                .map(|f| (f.cite.line, f.level, f.low, f.high, f.open_ended))
                .collect();
            assert_eq!(got, want.to_vec(), "{name}");
        }
    }

    /// (level, currency, low, high, period, cited line, raw) of every figure of `text` (a
    /// passage from line 10 under `section`) read as a guide about `career`.
    type Read = (Level, String, u32, u32, Period, u32, String);
    fn read(career: &str, section: &str, text: &str) -> Vec<Read> {
        let reading = Reading::new(crate::answer::fixtures::vocab(), career);
        extract_figures(&reading, &passage_in(section, text))
            .into_iter()
            .map(|f| {
                (
                    f.level,
                    f.currency.code,
                    f.low,
                    f.high,
                    f.period,
                    f.cite.line,
                    f.raw,
                )
            })
            .collect()
    }

    fn got(
        level: Level,
        cur: &str,
        low: u32,
        high: u32,
        period: Period,
        line: u32,
        raw: &str,
    ) -> Read {
        (level, cur.into(), low, high, period, line, raw.into())
    }

    #[test]
    fn a_range_wrapped_across_a_line_break_keeps_its_upper_bound_and_period() {
        use Level::*;
        use Period::*;
        // Wrapped before "and", after "to", inside "an hour": one figure each, cited to the line
        // it starts on, with its level from the clause on the line before.
        assert_eq!(
            read(
                "Plasterer",
                "Pay",
                "Apprentice plasterers in their second year usually earn between $42,000\nand $50,000 a year."
            ),
            vec![got(
                Entry,
                "USD",
                42_000,
                50_000,
                Year,
                10,
                "$42,000 and $50,000"
            )]
        );
        assert_eq!(
            read(
                "Plasterer",
                "Pay",
                "Once qualified, most plasterers working for a building firm make £30,000 to\n£38,000 depending on the region."
            ),
            vec![got(
                Overall,
                "GBP",
                30_000,
                38_000,
                Year,
                10,
                "£30,000 to £38,000"
            )]
        );
        assert_eq!(
            read(
                "Plasterer",
                "Pay",
                "Labourers on site are usually paid between £7 and £9 an\nhour for their first months."
            ),
            vec![got(Overall, "GBP", 7, 9, Hour, 10, "£7 and £9")]
        );
        // Cut before the amount: the level words of the line before still hold.
        assert_eq!(
            read(
                "Plasterer",
                "Pay",
                "Experienced plasterers with ten or more years in the trade can expect\n£36,000 to £42,000, and more in London."
            ),
            vec![got(
                Senior,
                "GBP",
                36_000,
                42_000,
                Year,
                11,
                "£36,000 to £42,000"
            )]
        );
    }

    #[test]
    fn wrapping_never_joins_list_items_table_rows_or_a_short_label() {
        let m = crate::answer::fixtures::vocab().currencies();
        assert!(wraps_for_pay(
            m,
            "Trainee groomers working towards their Level 3 certificate earn between £18,500",
            "and £21,000 a year."
        ));
        assert!(wraps_for_pay(m, "pay between £7 and £9 an", "hour."));
        assert!(wraps_for_pay(m, "a day rate of £250 to", "£300."));
        assert!(!wraps_for_pay(
            m,
            "- Junior: £20,000 to",
            "- Senior: £30,000"
        ));
        assert!(!wraps_for_pay(
            m,
            "| Junior | £20,000 |",
            "| Senior | £30,000 |"
        ));
        assert!(!wraps_for_pay(m, "Entry level", "$40,000 – $50,000"));
        assert!(!wraps_for_pay(
            m,
            "Salaries rose again this year.",
            "£30,000 is typical now."
        ));
        assert!(!wraps_for_pay(m, "Pay", "## Next"));
    }

    #[test]
    fn a_salary_note_cut_at_a_line_end_is_the_whole_sentence() {
        let reading = Reading::new(crate::answer::fixtures::vocab(), "Plasterer");
        let p = passage(
            "Pay varies a lot by region, and firms in London and the South East usually\npay 10 to 15 per cent more than elsewhere.\nSelf-employed plasterers charge by the job, or a day rate of £250 to\n£300 when subcontracting.",
        );
        let notes: Vec<(NoteKind, u32, String)> = extract_notes(&reading, &p)
            .into_iter()
            .map(|n| (n.kind, n.cite.line, n.text))
            .collect();
        assert_eq!(
            notes,
            vec![
                (
                    NoteKind::Location,
                    10,
                    "Pay varies a lot by region, and firms in London and the South East usually pay 10 to 15 per cent more than elsewhere.".into()
                ),
                (
                    NoteKind::Contract,
                    12,
                    "Self-employed plasterers charge by the job, or a day rate of £250 to £300 when subcontracting.".into()
                ),
            ]
        );
        // The day rate is a contract rate per day, never a salary.
        assert!(extract_figures(&reading, &p).is_empty());
    }

    #[test]
    fn bare_k_amounts_in_a_list_of_levels_under_a_pay_heading_are_pay() {
        use Level::*;
        use Period::*;
        let text = "- Junior surveyor: 40k-48k\n- Surveyor: 48k-60k\n- Senior surveyor: 60k-75k";
        let want = vec![
            got(Entry, "USD", 40_000, 48_000, Year, 10, "40k-48k"),
            got(Mid, "USD", 48_000, 60_000, Year, 11, "48k-60k"),
            got(Senior, "USD", 60_000, 75_000, Year, 12, "60k-75k"),
        ];
        assert_eq!(read("Quantity Surveyor", "Salary by level", text), want);
        // Not under a heading about pay: no pay word, no pay.
        assert!(read("Quantity Surveyor", "Team sizes", text).is_empty());
    }

    #[test]
    fn a_sentence_says_the_currency_of_bare_amounts_in_words() {
        let reading = Reading::new(crate::answer::fixtures::vocab(), "Surveyor");
        let said = |text: &str| -> Vec<String> {
            currencies_said(&reading, &passage(text))
                .into_iter()
                .map(|c| c.code)
                .collect()
        };
        assert_eq!(
            said("These are base salaries in US dollars, before bonus."),
            ["USD"]
        );
        assert_eq!(
            said("All figures below are gross annual salaries in euros."),
            ["EUR"]
        );
        assert_eq!(said("Figures are in pounds, per year."), ["GBP"]);
        assert_eq!(said("Las cifras del sector, en euros brutos."), ["EUR"]);
        assert_eq!(said("Figures are in Australian dollars."), ["AUD"]);
        // Not about pay or figures, two currencies, or a currency not read: none.
        assert!(said("Loads are measured in pounds.").is_empty());
        assert!(said("Salaries are quoted in pounds or in euros.").is_empty());
        assert!(said("Salaries are quoted in yuan.").is_empty());
        assert_eq!(said("Salaries are quoted in rupees."), ["INR"]);
    }

    #[test]
    fn spanish_amounts_with_the_mark_after_read_whole_in_their_period() {
        use Level::*;
        use Period::*;
        let career = "Mecánico de automoción";
        assert_eq!(
            read(
                career,
                "¿Cuánto cobra un mecánico?",
                "Un oficial de primera cobra entre\n24.000 y 29.000 euros brutos al año, según el convenio."
            ),
            vec![got(
                Senior,
                "EUR",
                24_000,
                29_000,
                Year,
                11,
                "24.000 y 29.000 euros"
            )]
        );
        assert_eq!(
            read(career, "Sueldo", "Un ayudante cobra 24.000 euros al año."),
            vec![got(Entry, "EUR", 24_000, 24_000, Year, 10, "24.000 euros")]
        );
        assert_eq!(
            read(
                career,
                "Sueldo",
                "Un encargado suele cobrar unos 2.600 € brutos al mes."
            ),
            vec![got(Lead, "EUR", 2_600, 2_600, Month, 10, "2.600 €")]
        );
        // "y" joins a range only after "entre": never "1.300–1.500" here (the first amount
        // alone states no period, so it is no pay).
        assert_eq!(
            read(career, "Sueldo", "Cobra 1.300 € y 1.500 € al mes."),
            vec![got(Overall, "EUR", 1_500, 1_500, Month, 10, "1.500 €")]
        );
        // A table under "Sueldo bruto mensual": monthly, the trade's grades placed by their
        // words, or by the years column when the row gives one.
        let table = "| Categoría | Experiencia | Sueldo bruto mensual |\n|---|---|---|\n| Aprendiz / ayudante | 0–1 años | 1.100 € – 1.250 € |\n| Oficial de tercera | 1–3 años | 1.300 € – 1.450 € |\n| Oficial de segunda | 3–6 años | 1.500 € – 1.700 € |\n| Oficial de primera | 6–10 años | 1.750 € – 2.050 € |\n| Jefe de taller | más de 10 años | 2.200 € – 2.800 € |";
        let rows = read(career, "Sueldo bruto mensual", table);
        assert_eq!(
            rows,
            vec![
                got(Entry, "EUR", 1_100, 1_250, Month, 12, "1.100 € – 1.250 €"),
                got(Entry, "EUR", 1_300, 1_450, Month, 13, "1.300 € – 1.450 €"),
                got(Mid, "EUR", 1_500, 1_700, Month, 14, "1.500 € – 1.700 €"),
                got(Senior, "EUR", 1_750, 2_050, Month, 15, "1.750 € – 2.050 €"),
                got(Lead, "EUR", 2_200, 2_800, Month, 16, "2.200 € – 2.800 €"),
            ]
        );
        // The grade is kept as the guide's own words.
        let reading = Reading::new(crate::answer::fixtures::vocab(), career);
        let labels: Vec<Option<String>> =
            extract_figures(&reading, &passage_in("Sueldo bruto mensual", table))
                .into_iter()
                .map(|f| f.label)
                .collect();
        assert_eq!(labels[1].as_deref(), Some("Oficial de tercera"));
        assert_eq!(labels[4].as_deref(), Some("Jefe de taller"));
    }

    #[test]
    fn role_words_the_level_words_lacked_place_prose_figures() {
        use Level::*;
        use Period::*;
        assert_eq!(
            read(
                "Plumber",
                "Pay",
                "A newly qualified plumber (sometimes called an improver) earns £24,000 to £28,000."
            ),
            vec![got(
                Entry,
                "GBP",
                24_000,
                28_000,
                Year,
                10,
                "£24,000 to £28,000"
            )]
        );
        assert_eq!(
            read(
                "Paralegal",
                "Pay",
                "Paralegal managers who supervise a team earn $70,000 to $85,000."
            ),
            vec![got(
                Lead,
                "USD",
                70_000,
                85_000,
                Year,
                10,
                "$70,000 to $85,000"
            )]
        );
        assert_eq!(
            read(
                "Plumber",
                "Pay",
                "Business owners can make £60,000 or more."
            ),
            vec![got(Lead, "GBP", 60_000, 60_000, Year, 10, "£60,000")]
        );
        // Two figures of one clause: the words after "and" are the second one's subject.
        assert_eq!(
            read(
                "Archivist",
                "Pay",
                "Trainees earn £24,000 to £26,000; archivists £30,000 to £34,000 and collection managers £36,000 to £45,000."
            )
            .into_iter()
            .map(|r| r.0)
            .collect::<Vec<_>>(),
            vec![Entry, Overall, Lead]
        );
        // Genuinely overall figures stay overall, and a career named by a level word is no
        // level in its own guide.
        assert_eq!(
            read(
                "Plumber",
                "Pay",
                "Most plumbers earn £30,000 to £40,000 a year."
            )[0]
            .0,
            Overall
        );
        assert_eq!(
            read(
                "Product Manager",
                "Pay",
                "Product managers earn $120,000 to $150,000 in most US cities."
            )[0]
            .0,
            Overall
        );
        // A manager's title in a ladder keeps its place in the ladder.
        assert_eq!(
            read(
                "Product Manager",
                "Salary",
                "Associate Product Manager: $90,000\nProduct Manager: $120,000\nSenior Product Manager: $150,000"
            )
            .into_iter()
            .map(|r| r.0)
            .collect::<Vec<_>>(),
            vec![Entry, Mid, Senior]
        );
    }

    #[test]
    fn other_dollars_are_read_in_their_own_currency() {
        use Level::*;
        use Period::*;
        assert_eq!(
            read(
                "Arborist",
                "Pay",
                "In Australia juniors earn A$55,000 and in Canada C$50,000."
            ),
            vec![
                got(Entry, "AUD", 55_000, 55_000, Year, 10, "A$55,000"),
                got(Overall, "CAD", 50_000, 50_000, Year, 10, "C$50,000"),
            ]
        );
        assert_eq!(
            read(
                "Arborist",
                "Pay",
                "Salaries in Toronto average $85,000 CAD and in Sydney 95,000 AUD."
            )
            .into_iter()
            .map(|r| (r.1, r.2))
            .collect::<Vec<_>>(),
            vec![("CAD".to_string(), 85_000), ("AUD".to_string(), 95_000)]
        );
        assert_eq!(
            read(
                "Arborist",
                "Pay",
                "Climbers earn AU$70,000 to AU$80,000, AUD 38 per hour when casual, and NZ$60,000 across the Tasman."
            )
            .into_iter()
            .map(|r| (r.1, r.2, r.3, r.4))
            .collect::<Vec<_>>(),
            vec![
                ("AUD".to_string(), 70_000, 80_000, Year),
                ("AUD".to_string(), 38, 38, Hour),
                ("NZD".to_string(), 60_000, 60_000, Year),
            ]
        );
    }

    #[test]
    fn a_range_whose_ends_each_carry_the_mark_and_the_unit_is_one_range() {
        use Level::*;
        use Period::*;
        let r = |text: &str| read("Millwright", "Wages", text);
        assert_eq!(
            r("Journeyperson millwrights typically earn CA$36/hr to CA$41/hr in most provinces."),
            [got(Mid, "CAD", 36, 41, Hour, 10, "CA$36/hr to CA$41")]
        );
        assert_eq!(
            r("Helpers are paid $18/hour – $22/hour."),
            [got(Entry, "USD", 18, 22, Hour, 10, "$18/hour – $22")]
        );
        assert_eq!(
            r("Interim cover is paid £250/day to £300/day."),
            [got(Overall, "GBP", 250, 300, Day, 10, "£250/day to £300")]
        );
        assert_eq!(
            r("Senior staff earn €40 per hour to €55 per hour."),
            [got(Senior, "EUR", 40, 55, Hour, 10, "€40 per hour to €55")]
        );
        // Units that differ make no range: each end keeps its own period.
        assert_eq!(
            r("Casual crew earn $25/hr to $50,000 a year in salaried posts."),
            [
                got(Overall, "USD", 25, 25, Hour, 10, "$25"),
                got(Overall, "USD", 50_000, 50_000, Year, 10, "$50,000")
            ]
        );
        // The same shape without a unit still reads as before.
        assert_eq!(
            r("Managers earn £90,000 to £120,000."),
            [got(
                Lead,
                "GBP",
                90_000,
                120_000,
                Year,
                10,
                "£90,000 to £120,000"
            )]
        );
    }

    #[test]
    fn spanish_de_x_a_y_is_one_range() {
        use Level::*;
        use Period::*;
        let r = |text: &str| read("Peluquero", "Sueldo", text);
        assert_eq!(
            r("Un encargado cobra de 21.000 € a 26.000 € brutos al año."),
            [got(
                Lead,
                "EUR",
                21_000,
                26_000,
                Year,
                10,
                "21.000 € a 26.000 €"
            )]
        );
        assert_eq!(
            r("El sueldo va desde 1.200 € hasta 1.500 € al mes."),
            [got(
                Overall,
                "EUR",
                1_200,
                1_500,
                Month,
                10,
                "1.200 € hasta 1.500 €"
            )]
        );
        // "a" joins no range without "de" before it.
        assert_eq!(
            r("Cobra 1.300 € a la semana."),
            [got(Overall, "EUR", 1_300, 1_300, Week, 10, "1.300 €")]
        );
    }

    #[test]
    fn from_x_up_to_y_is_one_range() {
        use Level::*;
        use Period::*;
        let r = |text: &str| read("Occupational Therapist", "Salary", text);
        assert_eq!(
            r("New graduates usually start from about $72,000 up to $80,000 a year."),
            [got(
                Entry,
                "USD",
                72_000,
                80_000,
                Year,
                10,
                "$72,000 up to $80,000"
            )]
        );
        assert_eq!(
            r("Pay runs anywhere from $46,000 up to $75,000."),
            [got(
                Overall,
                "USD",
                46_000,
                75_000,
                Year,
                10,
                "$46,000 up to $75,000"
            )]
        );
        assert_eq!(
            r("Apprentices start from around CA$24/hr and rising to CA$30/hr by the fourth year."),
            [got(
                Entry,
                "CAD",
                24,
                30,
                Hour,
                10,
                "CA$24/hr and rising to CA$30"
            )]
        );
        // Without "from", "up to" joins nothing: two amounts.
        assert_eq!(
            r("Most earn $50,000 up to $80,000."),
            [
                got(Overall, "USD", 50_000, 50_000, Year, 10, "$50,000"),
                got(Overall, "USD", 80_000, 80_000, Year, 10, "$80,000")
            ]
        );
    }

    #[test]
    fn dotted_leader_rows_are_a_ladder_of_labelled_levels() {
        use Level::*;
        use Period::*;
        let text = "Typical hourly rates:\n\n\
                    Helper / apprentice ............ $18 to $22 per hour\n\
                    Journeyman glazier ............. $28 to $36 per hour\n\
                    Foreman \u{2026}\u{2026}\u{2026} $38 to $45 per hour";
        let figures = figures_of("Glazier", text);
        type LeaderRow = (Level, u32, u32, Period, u32, FigureForm, Option<String>);
        let rows: Vec<LeaderRow> = figures
            .into_iter()
            .map(|f| {
                (
                    f.level,
                    f.low,
                    f.high,
                    f.period,
                    f.cite.line,
                    f.form,
                    f.label,
                )
            })
            .collect();
        let label = |s: &str| Some(s.to_string());
        use FigureForm::Labelled;
        assert_eq!(
            rows,
            [
                // Only level words: no own words to keep.
                (Entry, 18, 22, Hour, 12, Labelled, None),
                (Mid, 28, 36, Hour, 13, Labelled, label("Journeyman glazier")),
                (Lead, 38, 45, Hour, 14, Labelled, None),
            ]
        );
    }

    #[test]
    fn a_list_of_grades_with_de_x_a_y_keeps_each_grade() {
        use Level::*;
        use Period::*;
        let text = "Por categorías:\n\n\
                    - **Ayudante:** de 15.500 € a 16.500 € brutos al año\n\
                    - **Oficial:** de 17.000 € a 20.000 €\n\
                    - **Encargado de salón:** de 21.000 € a 26.000 € brutos al año";
        let rows: Vec<(Level, u32, u32, Period, u32, Option<String>)> = extract_figures(
            &Reading::new(crate::answer::fixtures::vocab(), "Peluquero"),
            &passage_in("¿Cuánto cobra un peluquero?", text),
        )
        .into_iter()
        .map(|f| (f.level, f.low, f.high, f.period, f.cite.line, f.label))
        .collect();
        assert_eq!(
            rows,
            [
                (Entry, 15_500, 16_500, Year, 12, None),
                (Mid, 17_000, 20_000, Year, 13, Some("Oficial".to_string())),
                (
                    Lead,
                    21_000,
                    26_000,
                    Year,
                    14,
                    Some("Encargado de salón".to_string())
                ),
            ]
        );
    }

    #[test]
    fn amounts_that_are_costs_are_not_pay() {
        use Level::*;
        use Period::*;
        let r = |section: &str, text: &str| read("Peluquero", section, text);
        // A cost word before the amount in its sentence, English and Spanish.
        assert!(r("Education", "Tuition for a master's program often runs $60,000 to $120,000 in total, and the exam fee is $515.").is_empty());
        assert!(r("Training", "The course costs £3,000 including exam entry.").is_empty());
        assert!(r("FAQ", "A registration fee of €300 applies every year.").is_empty());
        assert!(
            r(
                "Formación",
                "La matrícula de un centro privado ronda los 3.000 € por curso."
            )
            .is_empty()
        );
        // The FAQ question the amount answers: on its line, the line before, or the heading.
        assert!(r("Preguntas frecuentes", "**¿Cuánto cuesta abrir una peluquería?** Entre 20.000 € y 60.000 €, según el local.").is_empty());
        assert!(
            r(
                "FAQ",
                "**How much do the tools cost?**\nA starter set runs $400 to $600."
            )
            .is_empty()
        );
        assert!(
            r(
                "How much does the program cost?",
                "Most students pay $8,000 to $12,000."
            )
            .is_empty()
        );
        // Pay after the cost, a question about pay, and the cost of living stay pay.
        assert_eq!(
            r(
                "Training",
                "The course costs £3,000, but qualified advisers earn £45,000 to £65,000."
            ),
            [got(
                Overall,
                "GBP",
                45_000,
                65_000,
                Year,
                10,
                "£45,000 to £65,000"
            )]
        );
        assert_eq!(
            r(
                "FAQ",
                "**How much does a peluquero earn?** Most earn $30,000 to $36,000."
            ),
            [got(
                Overall,
                "USD",
                30_000,
                36_000,
                Year,
                10,
                "$30,000 to $36,000"
            )]
        );
        assert_eq!(
            r(
                "Salary",
                "Por el coste de vida, los sueldos en Madrid van de 24.000 € a 30.000 € al año."
            ),
            [got(
                Overall,
                "EUR",
                24_000,
                30_000,
                Year,
                10,
                "24.000 € a 30.000 €"
            )]
        );
    }

    #[test]
    fn another_occupations_pay_is_not_the_careers() {
        use Level::*;
        use Period::*;
        let ot = |text: &str| read("Occupational Therapist", "FAQ", text);
        // A role the paragraph contrasts with the career (named by its initials or last word).
        assert!(ot("**What is the difference between an OT and a COTA?** Assistants work under an OT's supervision. Assistants (COTAs) earn $55,000–$68,000 a year.").is_empty());
        let adviser = |text: &str| read("Financial Adviser", "Pay", text);
        assert!(
            adviser(
                "Paraplanners earn £30,000–£45,000 and many go on to become advisers themselves."
            )
            .is_empty()
        );
        // The career's own workers, its levels, any worker: kept.
        assert_eq!(
            adviser("Once qualified, advisers typically earn £45,000 to £65,000."),
            [got(
                Overall,
                "GBP",
                45_000,
                65_000,
                Year,
                10,
                "£45,000 to £65,000"
            )]
        );
        assert_eq!(
            ot("Rehab directors who manage an OT department earn $105,000 to $125,000."),
            [got(
                Lead,
                "USD",
                105_000,
                125_000,
                Year,
                10,
                "$105,000 to $125,000"
            )]
        );
        assert_eq!(
            ot("Per diem and PRN therapists are usually paid $38/hour – $45/hour."),
            [got(Overall, "USD", 38, 45, Hour, 10, "$38/hour – $45")]
        );
        assert_eq!(
            ot("Most OTs earn $80,000 to $90,000, and professionals in home health make $95,000."),
            [
                got(
                    Overall,
                    "USD",
                    80_000,
                    90_000,
                    Year,
                    10,
                    "$80,000 to $90,000"
                ),
                got(Overall, "USD", 95_000, 95_000, Year, 10, "$95,000")
            ]
        );
        // A role the paragraph does not set beside the career is read as the career's: a guide
        // may call its own workers by another name ("Residential installers").
        let pilot = |text: &str| read("Airline Pilot", "Pay", text);
        assert_eq!(
            pilot("First officers at major airlines earn $120,000 to $220,000."),
            [got(
                Overall,
                "USD",
                120_000,
                220_000,
                Year,
                10,
                "$120,000 to $220,000"
            )]
        );
        // A level word that heads the subject or names it ("Head of Design") keeps it.
        let ux = |text: &str| read("UX Designer", "Pay", text);
        assert_eq!(
            ux("Senior designers earn £55,000, and a Head of Design can earn £85,000 or more."),
            [
                got(Senior, "GBP", 55_000, 55_000, Year, 10, "£55,000"),
                got(Lead, "GBP", 85_000, 85_000, Year, 10, "£85,000")
            ]
        );
    }

    #[test]
    fn a_denied_level_word_names_no_level_and_a_guarded_subject_head_does() {
        use Level::*;
        use Period::*;
        let glazier = |text: &str| read("Glazier", "Pay", text);
        // "without a journeyman card": no journeyman; the clause says the pay starts there.
        assert_eq!(
            glazier(
                "Residential installers without a journeyman card often start at $18/hour – $22/hour."
            ),
            [got(Entry, "USD", 18, 22, Hour, 10, "$18/hour – $22")]
        );
        // A word that is a level only in a title, heading the subject: the subject is that role.
        assert_eq!(
            read(
                "Millwright",
                "Wages",
                "Maintenance supervisors who run a crew are paid CA$44/hr - CA$50/hr in larger plants."
            ),
            [got(Lead, "CAD", 44, 50, Hour, 10, "CA$44/hr - CA$50")]
        );
        // Spanish "con experiencia" is "experienced"; "sin experiencia" is not.
        let r = |text: &str| read("Peluquero", "Sueldo", text);
        assert_eq!(
            r("Un peluquero con experiencia cobra entre 19.000 € y 23.000 € brutos al año."),
            [got(
                Senior,
                "EUR",
                19_000,
                23_000,
                Year,
                10,
                "19.000 € y 23.000 €"
            )]
        );
        assert_eq!(
            r("Un ayudante sin experiencia cobra entre 15.000 € y 16.000 € brutos al año."),
            [got(
                Entry,
                "EUR",
                15_000,
                16_000,
                Year,
                10,
                "15.000 € y 16.000 €"
            )]
        );
    }
}
