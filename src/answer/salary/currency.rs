//! The currencies guides state pay in (data: `assets/currencies.toml`): the marks written before
//! or after an amount, the code and symbol answers show a figure's currency by, the amounts each
//! pays plausibly, the counting words after a number ("lakh", "crore"), the marks of currencies
//! that are not read, and a currency a sentence says in words ("in US dollars").

use std::collections::HashMap;
use std::ops::Range;

use once_cell::sync::Lazy;
use regex::Regex;
use serde::{Deserialize, Serialize};

use super::{Period, money};
use crate::answer::lazy_regex::LazyRegex;
use crate::answer::re;
use crate::word_regex::edge_boundary;

/// "in" or "en" before a currency said in words.
static IN_WORD: Lazy<Regex> = Lazy::new(|| re(r"(?i)\b(?:in|en)\s+"));
/// A sentence about pay or figures: one that can say what currency they are in.
static FIGURES_WORD: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\b(?:salar(?:y|ies)|pay|paid|earn\w*|wages?|income|compensation|figures?|amounts?|rates?|sueldos?|salarios?|cifras?|importes?)\b",
    )
});

/// A figure's currency: its ISO 4217 code and the symbol its amounts are shown with. Serialized
/// flat beside the amounts, as `currency` and `currency_symbol`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Currency {
    /// ISO 4217 code: "USD", "GBP", "EUR".
    #[serde(rename = "currency", default = "usd_code")]
    pub code: String,
    /// How amounts are shown: "$", "£", "€".
    #[serde(rename = "currency_symbol", default = "usd_symbol")]
    pub symbol: String,
}

// Facts written before figures carried a currency held US dollars only.
fn usd_code() -> String {
    "USD".into()
}

fn usd_symbol() -> String {
    "$".into()
}

impl Default for Currency {
    fn default() -> Self {
        Currency {
            code: usd_code(),
            symbol: usd_symbol(),
        }
    }
}

/// Why a currency table cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid currency table: {0}")]
pub struct CurrenciesError(pub String);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CurrenciesFile {
    currency: Vec<Entry>,
    #[serde(default)]
    multiplier: Vec<MultiplierEntry>,
    #[serde(default)]
    other: Other,
    #[serde(default)]
    per_unit: PerUnit,
    #[serde(default)]
    costs: Costs,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Costs {
    words: Vec<String>,
    #[serde(default)]
    pay: Vec<String>,
    #[serde(default)]
    not_before: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct PerUnit {
    words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    code: String,
    symbol: String,
    before: Vec<String>,
    #[serde(default)]
    after: Vec<String>,
    #[serde(default)]
    shares: Vec<String>,
    #[serde(default)]
    amount_only: Vec<String>,
    #[serde(default = "unit_scale")]
    scale: u32,
}

fn unit_scale() -> u32 {
    1
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MultiplierEntry {
    words: Vec<String>,
    times: u32,
    #[serde(default)]
    period: Option<Period>,
    #[serde(default)]
    currency: Option<String>,
}

/// A counting word written after a number ("lakh", "LPA", "crore"; data: `[[multiplier]]`).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Multiplier {
    /// What the number is multiplied by: 100,000 for "lakh".
    pub(super) times: f64,
    /// The period the word states itself ("LPA": lakh per annum).
    pub(super) period: Option<Period>,
    /// The currency of an amount the word counts that has no mark of its own.
    pub(super) currency: Option<Currency>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Other {
    marks: Vec<String>,
}

/// The currency table, compiled into the patterns that find amounts.
#[derive(Debug, Clone)]
pub struct Currencies {
    list: Vec<Currency>,
    /// A mark (lower case) → its currency in `list`.
    marks: HashMap<String, usize>,
    /// A mark (lower case) other currencies are written with too ("$") → those currencies.
    shared: HashMap<String, Vec<usize>>,
    /// For each currency of `list`, the currencies written with one of its marks, sorted.
    sharers: Vec<Vec<Currency>>,
    /// For each currency of `list`, how many times a US dollar figure its pay runs to (see
    /// [`Self::plausible`]).
    scales: Vec<f64>,
    /// A counting word (lower case) → what it multiplies a number by.
    multipliers: HashMap<String, Multiplier>,
    /// Every amount with a currency mark, and bare "120k" amounts (see [`money::scan_money`]).
    pub(super) money: Regex,
    /// A known currency's mark right at the start of a text (what follows an amount: "$25,000
    /// MXN"); never a mark of one letter, which marks only an amount it touches.
    pub(super) mark_after: Regex,
    /// A known currency's mark that names it in words, right at the start of a text (what
    /// follows "in": "in euros"); never a mark that counts on an amount only ("PHP", "R").
    named_after: Regex,
    /// A mark of a currency not read, right at the start of a text.
    pub(super) other_after: Regex,
    /// Any currency sign or a mark of a currency not read, right at the end of a text.
    pub(super) other_before: Regex,
    /// "per mile", "a load", "/shift" right at the start of a text: a rate per piece of work.
    pub(super) per_unit_after: Regex,
    /// A counting word said to be worth what follows, right at the end of a text ("One lakh is"
    /// before "₹1,00,000"): the amount after it is no pay.
    pub(super) defines_count: Regex,
    /// Any mark of a known currency that names it (not one that counts on an amount only), or
    /// of a currency not read, anywhere in a text.
    any_mark: Regex,
    /// A word saying what something costs ("tuition", "fee", "cuesta"), anywhere in a text.
    cost: LazyRegex,
    /// Words after a cost word that leave it about something else ("cost *of living*").
    cost_not_before: LazyRegex,
    /// A word of pay ("earn", "salary", "cobra"), anywhere in a text.
    cost_pay: LazyRegex,
}

/// `marks` as one regex alternation, longest first; a mark that starts or ends with a letter or
/// digit is matched as a whole word at that end.
fn alternation(marks: &[&str]) -> String {
    alternation_of(marks, true)
}

/// `marks` as one regex alternation for the marks written before an amount, longest first: a
/// mark that starts with a letter or digit is matched as a whole word at its start, and may touch
/// the amount at its end ("GBP28,000", "R250": the amount's digits follow it, never a letter).
fn touching_alternation(marks: &[&str]) -> String {
    alternation_of(marks, false)
}

/// `marks` as one regex alternation, longest first, a space in a mark matching any run of
/// spaces: a mark that starts with a letter or digit is matched as a whole word at its start,
/// and at its end too when `word_end` says so.
fn alternation_of(marks: &[&str], word_end: bool) -> String {
    let mut sorted: Vec<&str> = marks.to_vec();
    sorted.sort_by_key(|m| std::cmp::Reverse(m.len()));
    sorted.dedup();
    sorted
        .iter()
        .map(|m| {
            format!(
                "{}{}{}",
                edge_boundary(m.chars().next()),
                spaced(m),
                if word_end {
                    edge_boundary(m.chars().last())
                } else {
                    ""
                }
            )
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// `words` as one regex alternation, longest first, each ending a word (the counting words
/// after a number: "lakh", "LPA"; a space before them or none, "12LPA").
fn words_alternation(words: &[&str]) -> String {
    let mut sorted: Vec<&str> = words.to_vec();
    sorted.sort_by_key(|m| std::cmp::Reverse(m.len()));
    sorted.dedup();
    if sorted.is_empty() {
        return r"[^\s\S]".to_string();
    }
    let alt = sorted
        .iter()
        .map(|m| format!("{}{}", spaced(m), edge_boundary(m.chars().last())))
        .collect::<Vec<_>>()
        .join("|");
    format!(r"(?:{alt})")
}

/// A mark or word as a regex, any run of spaces matching a space in it.
fn spaced(m: &str) -> String {
    m.split_whitespace()
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(r"\s+")
}

/// Whether `mark` is a mark of one letter ("R"): it marks only an amount it touches, in a
/// sentence about pay, and never names a currency on its own.
pub(super) fn is_letter_mark(mark: &str) -> bool {
    let mut chars = mark.trim().chars();
    chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
}

/// A mark as a key: lower case, runs of spaces as one.
fn key(mark: &str) -> String {
    mark.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Currencies {
    /// Parses a currency table (the format of `assets/currencies.toml`).
    ///
    /// # Errors
    /// When the TOML is invalid, a currency has no mark before amounts or a scale of 0, a mark is
    /// empty, a mark is listed under two currencies, a mark that counts on amounts only is none
    /// of its currency's, or a counting word multiplies by 0, is listed twice or names no
    /// currency of the table.
    pub fn from_toml(text: &str) -> Result<Currencies, CurrenciesError> {
        let file: CurrenciesFile =
            toml::from_str(text).map_err(|e| CurrenciesError(e.to_string()))?;
        let mut list = Vec::new();
        let mut marks: HashMap<String, usize> = HashMap::new();
        let (mut before, mut after): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
        // The marks that name their currency in words, in a header or a sentence ("in euros"):
        // not those that count on an amount only.
        let (mut before_named, mut after_named): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
        let mut scales = Vec::new();
        for (i, c) in file.currency.iter().enumerate() {
            if c.code.trim().is_empty() || c.symbol.trim().is_empty() || c.before.is_empty() {
                return Err(CurrenciesError(format!(
                    "currency {:?} needs a code, a symbol and a mark before amounts",
                    c.code
                )));
            }
            if c.scale == 0 {
                return Err(CurrenciesError(format!("{} has a scale of 0", c.code)));
            }
            let own = |m: &String| c.before.iter().chain(&c.after).any(|x| key(x) == key(m));
            if let Some(m) = c.amount_only.iter().find(|m| !own(m)) {
                return Err(CurrenciesError(format!(
                    "{} counts {m:?} on amounts only, which is none of its marks",
                    c.code
                )));
            }
            let names =
                |m: &&str| !is_letter_mark(m) && !c.amount_only.iter().any(|x| key(x) == key(m));
            for m in c.before.iter().chain(&c.after) {
                let k = key(m);
                if k.is_empty() {
                    return Err(CurrenciesError(format!("an empty mark of {}", c.code)));
                }
                if marks.insert(k, i).is_some_and(|other| other != i) {
                    return Err(CurrenciesError(format!(
                        "{m:?} is listed under two currencies"
                    )));
                }
            }
            before.extend(c.before.iter().map(|m| m.trim()));
            after.extend(c.after.iter().map(|m| m.trim()));
            before_named.extend(c.before.iter().map(|m| m.trim()).filter(names));
            after_named.extend(c.after.iter().map(|m| m.trim()).filter(names));
            scales.push(f64::from(c.scale));
            list.push(Currency {
                code: c.code.trim().to_string(),
                symbol: c.symbol.trim().to_string(),
            });
        }
        if list.is_empty() {
            return Err(CurrenciesError("no currency".into()));
        }
        let mut shared: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, c) in file.currency.iter().enumerate() {
            for m in &c.shares {
                let k = key(m);
                match marks.get(&k) {
                    Some(&owner) if owner != i => shared.entry(k).or_default().push(i),
                    _ => {
                        return Err(CurrenciesError(format!(
                            "{} shares {m:?}, which is no other currency's mark",
                            c.code
                        )));
                    }
                }
            }
        }
        let other: Vec<&str> = file
            .other
            .marks
            .iter()
            .map(|m| m.trim())
            .filter(|m| !m.is_empty())
            .collect();
        if let Some(m) = other.iter().find(|m| marks.contains_key(&key(m))) {
            return Err(CurrenciesError(format!("{m:?} is both read and not read")));
        }
        let mut sharers: Vec<Vec<Currency>> = vec![Vec::new(); list.len()];
        for (mark, with) in &shared {
            let owner = marks[mark];
            for &i in with {
                if !sharers[owner].contains(&list[i]) {
                    sharers[owner].push(list[i].clone());
                }
            }
        }
        for s in &mut sharers {
            s.sort();
        }
        let mut multipliers: HashMap<String, Multiplier> = HashMap::new();
        for m in &file.multiplier {
            let currency = match &m.currency {
                Some(code) => Some(
                    list.iter()
                        .find(|c| c.code == code.trim())
                        .cloned()
                        .ok_or_else(|| {
                            CurrenciesError(format!("{code:?} counts in no currency of the table"))
                        })?,
                ),
                None => None,
            };
            if m.times == 0 {
                return Err(CurrenciesError(format!(
                    "counting words {:?} multiply by 0",
                    m.words
                )));
            }
            for w in &m.words {
                let k = key(w);
                let counted = Multiplier {
                    times: f64::from(m.times),
                    period: m.period,
                    currency: currency.clone(),
                };
                if k.is_empty() || multipliers.insert(k, counted).is_some() {
                    return Err(CurrenciesError(format!(
                        "counting word {w:?} is empty or listed twice"
                    )));
                }
            }
        }
        let counting: Vec<&str> = file
            .multiplier
            .iter()
            .flat_map(|m| &m.words)
            .map(|w| w.trim())
            .collect();
        let compile =
            |p: &str| Regex::new(&format!("(?i){p}")).map_err(|e| CurrenciesError(e.to_string()));
        // A pattern that never matches stands for no mark at all.
        let alt_of = |marks: &[&str]| {
            if marks.is_empty() {
                r"[^\s\S]".to_string()
            } else {
                alternation(marks)
            }
        };
        let after_alt = alt_of(&after);
        let other_alt = alt_of(&other);
        // What follows an amount: any mark but one of one letter ("$150,000 R&D budget").
        let unlettered: Vec<&str> = before
            .iter()
            .copied()
            .filter(|m| !is_letter_mark(m))
            .collect();
        let before_unlettered = alt_of(&unlettered);
        let before_named = alt_of(&before_named);
        let after_named = alt_of(&after_named);
        let units: Vec<String> = file
            .per_unit
            .words
            .iter()
            .map(|w| w.trim())
            .filter(|w| !w.is_empty())
            .map(|w| format!("{}(?:s|es)?", regex::escape(w)))
            .collect();
        let per_unit = if units.is_empty() {
            r"[^\s\S]".to_string()
        } else {
            format!(r"^\s*(?:per|an?|each|/)\s*(?:{})\b", units.join("|"))
        };
        let words = |list: &[String]| -> String {
            let alt: Vec<String> = list
                .iter()
                .map(|w| w.trim())
                .filter(|w| !w.is_empty())
                .map(|w| {
                    w.split_whitespace()
                        .map(regex::escape)
                        .collect::<Vec<_>>()
                        .join(r"\s+")
                })
                .collect();
            if alt.is_empty() {
                r"[^\s\S]".to_string()
            } else {
                format!(r"\b(?:{})\b", alt.join("|"))
            }
        };
        Ok(Currencies {
            // Compiled on first use: most processes never read a salary.
            cost: LazyRegex::new(format!("(?i){}", words(&file.costs.words))),
            cost_not_before: LazyRegex::new(format!(
                r"(?i)^[\s-]*{}",
                words(&file.costs.not_before)
            )),
            cost_pay: LazyRegex::new(format!(
                r"(?i){}|\bbut\b|\bwhile\b|\bwhereas\b|;",
                words(&file.costs.pay)
            )),
            per_unit_after: compile(&per_unit)?,
            defines_count: compile(&format!(
                r"\b{}\s*(?:is|equals|means|=)\s*$",
                words_alternation(&counting)
            ))?,
            any_mark: compile(&format!(
                r"(?P<read>{after_named}|{before_named})|(?P<other>{other_alt})"
            ))?,
            money: compile(&money::pattern(
                &touching_alternation(&before),
                &after_alt,
                &words_alternation(&counting),
            ))?,
            mark_after: compile(&format!(r"^\s?(?:{after_alt}|{before_unlettered})"))?,
            named_after: compile(&format!(r"^\s?(?:{after_named}|{before_named})"))?,
            other_after: compile(&format!(r"^\s?(?:{other_alt})"))?,
            other_before: compile(&format!(r"(?:\p{{Sc}}|(?:{other_alt})\.?)\s*$"))?,
            list,
            marks,
            sharers,
            shared,
            scales,
            multipliers,
        })
    }

    /// The plausible range of an amount of pay in `currency` stated per `period`: the period's
    /// range in dollars ([`Period::plausible`]) times the currency's `scale` ("₹1.2 crore" a year,
    /// "¥350,000" a month).
    pub(super) fn plausible(&self, currency: &Currency, period: Period) -> Range<f64> {
        let scale = self
            .list
            .iter()
            .position(|c| c == currency)
            .map_or(1.0, |i| self.scales[i]);
        let r = period.plausible();
        r.start * scale..(r.end - 1.0) * scale + 1.0
    }

    /// The plausible range of an amount marked as in `currency` that may be in a currency
    /// sharing its mark (a bare "$": US dollars, or the Chilean peso of a guide about Chile):
    /// from the lowest of their ranges to the highest. Which one it is is read over the whole
    /// guide ([`super::gather::extract_guide`]), which then keeps it only within its own.
    pub(super) fn plausible_shared(&self, currency: &Currency, period: Period) -> Range<f64> {
        self.sharing(currency)
            .iter()
            .map(|c| self.plausible(c, period))
            .fold(self.plausible(currency, period), |a, b| {
                a.start.min(b.start)..a.end.max(b.end)
            })
    }

    /// What the counting word `word` ("lakh", "LPA", "crore") multiplies a number by.
    pub(super) fn multiplier(&self, word: &str) -> Option<&Multiplier> {
        self.multipliers.get(&key(word))
    }

    /// The currency whose ISO code is `code`.
    pub(super) fn of_code(&self, code: &str) -> Option<&Currency> {
        self.list.iter().find(|c| c.code == code)
    }

    /// Whether other currencies are written with `mark` too (a bare "$", "dollars").
    pub(super) fn is_shared(&self, mark: &str) -> bool {
        self.shared.contains_key(&key(mark))
    }

    /// The currencies written with a shared mark of `owner` ("$" for US dollars: the Australian,
    /// Canadian and New Zealand dollars).
    pub(super) fn sharing(&self, owner: &Currency) -> &[Currency] {
        self.list
            .iter()
            .position(|c| c == owner)
            .map_or(&[], |i| &self.sharers[i])
    }

    /// The currency `mark` names ("£", "gbp", "Pounds").
    pub(super) fn of_mark(&self, mark: &str) -> Option<&Currency> {
        self.marks.get(&key(mark)).map(|&i| &self.list[i])
    }

    /// The one currency a text without amounts names: a pay column's header ("Annual (£)",
    /// "Sueldo anual (USD)"), a section heading ("Salaries in the UK, in pounds"). `None` when it
    /// names none, two, or one that is not read; a `$` after letters ("A$") is another dollar.
    pub(super) fn named_in(&self, text: &str) -> Option<&Currency> {
        let mut found: Option<&Currency> = None;
        for c in self.any_mark.captures_iter(text) {
            let m = c.get(0)?;
            let foreign = m.as_str().starts_with('$')
                && text[..m.start()]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphabetic);
            if c.name("other").is_some() || foreign {
                return None;
            }
            let currency = self.of_mark(m.as_str().trim())?;
            if found.is_some_and(|f| f != currency) {
                return None;
            }
            found = Some(currency);
        }
        found
    }

    /// Whether `text` may say a currency in words (see [`Self::said_in`]): it speaks of pay or
    /// figures; a cheap test before its sentences are read one by one.
    pub(super) fn may_say(text: &str) -> bool {
        FIGURES_WORD.is_match(text)
    }

    /// The one currency a sentence without amounts says a guide's figures are in, in words:
    /// "These are base salaries in US dollars", "All figures are in euros", "Cifras en euros".
    /// The mark must follow "in" ("en") and the sentence must speak of pay or figures; `None`
    /// when it names none or two.
    pub(super) fn said_in(&self, sentence: &str) -> Option<&Currency> {
        if !Self::may_say(sentence) {
            return None;
        }
        let mut found: Option<&Currency> = None;
        for m in IN_WORD.find_iter(sentence) {
            let rest = &sentence[m.end()..];
            if self.other_after.is_match(rest) {
                return None;
            }
            let Some(mark) = self.named_after.find(rest) else {
                continue;
            };
            let currency = self.of_mark(mark.as_str().trim())?;
            if found.is_some_and(|f| f != currency) {
                return None;
            }
            found = Some(currency);
        }
        found
    }

    /// Whether an amount right after `before` (the start of its sentence up to it) is a cost,
    /// not pay: a cost word ("tuition", "fee", "cuesta"; not "cost of living") comes before it
    /// with no pay word ("earn", "salary", "cobra") and no turn ("but", "while", ";") between
    /// them: "Tuition for a master's program often runs $60,000", "the exam fee is $515"; never
    /// "the course costs £3,000, but advisers earn £45,000".
    pub(super) fn is_cost(&self, before: &str) -> bool {
        let Some(last) = self
            .cost
            .find_iter(before)
            .filter(|m| !self.cost_not_before.is_match(&before[m.end()..]))
            .last()
        else {
            return false;
        };
        !self.cost_pay.is_match(&before[last.end()..])
    }

    /// Whether `question` (the FAQ question or heading an amount answers) asks what something
    /// costs and not what it pays: "¿Cuánto cuesta abrir una peluquería?", "How much does the
    /// program cost?".
    pub(super) fn asks_cost(&self, question: &str) -> bool {
        self.cost
            .find_iter(question)
            .any(|m| !self.cost_not_before.is_match(&question[m.end()..]))
            && !self.cost_pay.is_match(question)
    }

    /// The currency of amounts with no mark ("120k" near a pay word): the first of the table.
    pub(super) fn unmarked(&self) -> &Currency {
        &self.list[0]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Currencies {
        Currencies::from_toml(include_str!("../../../assets/currencies.toml")).unwrap()
    }

    #[test]
    fn marks_name_their_currency_in_any_case() {
        let t = table();
        for (mark, code) in [
            ("$", "USD"),
            ("US$", "USD"),
            ("£", "GBP"),
            ("gbp", "GBP"),
            ("Pounds", "GBP"),
            ("€", "EUR"),
            ("euros", "EUR"),
        ] {
            assert_eq!(
                t.of_mark(mark).map(|c| c.code.as_str()),
                Some(code),
                "{mark}"
            );
        }
        assert_eq!(t.of_mark("CNY"), None);
        assert_eq!(t.of_mark("kr"), None);
        assert_eq!(t.unmarked().code, "USD");
    }

    #[test]
    fn rands_rupees_and_the_other_currencies_have_their_marks() {
        let t = table();
        for (mark, code) in [
            ("R", "ZAR"),
            ("ZAR", "ZAR"),
            ("rand", "ZAR"),
            ("₹", "INR"),
            ("Rs", "INR"),
            ("Rs.", "INR"),
            ("INR", "INR"),
            ("rupees", "INR"),
            ("S$", "SGD"),
            ("HK$", "HKD"),
            ("CHF", "CHF"),
            ("SEK", "SEK"),
            ("NOK", "NOK"),
            ("DKK", "DKK"),
            ("zł", "PLN"),
            ("R$", "BRL"),
            ("¥", "JPY"),
            ("yen", "JPY"),
            ("₦", "NGN"),
            ("KSh", "KES"),
            ("₱", "PHP"),
            ("AED", "AED"),
        ] {
            assert_eq!(
                t.of_mark(mark).map(|c| c.code.as_str()),
                Some(code),
                "{mark}"
            );
        }
        assert_eq!(t.of_code("ZAR").map(|c| c.symbol.as_str()), Some("R"));
        assert_eq!(t.of_code("INR").map(|c| c.symbol.as_str()), Some("₹"));
    }

    #[test]
    fn lakhs_and_crores_count_in_rupees() {
        let t = table();
        let lakh = t.multiplier("Lakh").unwrap();
        assert_eq!(lakh.times, 100_000.0);
        assert_eq!(lakh.period, None);
        assert_eq!(lakh.currency.as_ref().map(|c| c.code.as_str()), Some("INR"));
        let lpa = t.multiplier("LPA").unwrap();
        assert_eq!((lpa.times, lpa.period), (100_000.0, Some(Period::Year)));
        assert_eq!(t.multiplier("crores").unwrap().times, 10_000_000.0);
        assert!(t.multiplier("thousand").is_none());
    }

    #[test]
    fn pay_is_plausible_by_its_currency_scale() {
        let t = table();
        let range = |code: &str, p: Period| t.plausible(t.of_code(code).unwrap(), p);
        assert_eq!(range("USD", Period::Year), Period::Year.plausible());
        assert_eq!(range("ZAR", Period::Hour), Period::Hour.plausible());
        // "₹1.2 crore" a year; "₹15,000" a day.
        assert!(range("INR", Period::Year).contains(&12_000_000.0));
        assert!(!range("USD", Period::Year).contains(&12_000_000.0));
        assert!(range("INR", Period::Day).contains(&15_000.0));
        assert!(range("JPY", Period::Month).contains(&350_000.0));
        assert!(!range("JPY", Period::Hour).contains(&15.0));
        assert!(!range("INR", Period::Year).contains(&20_000_001.0));
    }

    #[test]
    fn a_shared_mark_spans_the_plausible_pay_of_every_currency_written_with_it() {
        let t = table();
        let usd = t.of_code("USD").unwrap();
        let gbp = t.of_code("GBP").unwrap();
        // "$1.250.000" a month is no US dollar salary, but may be a peso one.
        assert!(!t.plausible(usd, Period::Month).contains(&1_250_000.0));
        assert!(
            t.plausible_shared(usd, Period::Month)
                .contains(&1_250_000.0)
        );
        assert!(t.plausible_shared(usd, Period::Hour).contains(&5.0));
        // A mark no other currency is written with keeps its own range.
        assert_eq!(
            t.plausible_shared(gbp, Period::Month),
            t.plausible(gbp, Period::Month)
        );
    }

    #[test]
    fn a_header_or_heading_names_its_currency() {
        let t = table();
        let code = |text: &str| t.named_in(text).map(|c| c.code.clone());
        assert_eq!(code("Annual (£)").as_deref(), Some("GBP"));
        assert_eq!(code("Sueldo anual (USD)").as_deref(), Some("USD"));
        assert_eq!(
            code("Salaries in Germany (in euros)").as_deref(),
            Some("EUR")
        );
        assert_eq!(code("Salary"), None);
        assert_eq!(code("Pay in £ and €"), None);
        assert_eq!(code("Salary (A$)").as_deref(), Some("AUD"));
        assert_eq!(code("Salary (CAD)").as_deref(), Some("CAD"));
        assert_eq!(code("Salary (HK$)").as_deref(), Some("HKD"));
        assert_eq!(code("Salary (INR)").as_deref(), Some("INR"));
        assert_eq!(code("Monthly pay (₹)").as_deref(), Some("INR"));
        assert_eq!(code("Salary (CNY)"), None);
        // A mark of one letter, or one that is another word too, names no currency.
        assert_eq!(code("Salary (R)"), None);
        assert_eq!(code("R&D salaries"), None);
        assert_eq!(code("PHP developer salaries"), None);
        assert_eq!(code("Salary (kr)"), None);
    }

    #[test]
    fn a_sentence_says_rupees_or_rand_but_never_r_or_php() {
        let t = table();
        let code = |text: &str| t.said_in(text).map(|c| c.code.clone());
        assert_eq!(
            code("Salaries are quoted in rupees.").as_deref(),
            Some("INR")
        );
        assert_eq!(
            code("All pay figures are in South African rand.").as_deref(),
            Some("ZAR")
        );
        assert_eq!(code("Salaries in R&D are higher."), None);
        assert_eq!(code("Salaries in PHP shops are lower."), None);
        assert_eq!(code("Paramedics trained in AED use earn more."), None);
    }

    #[test]
    fn a_mark_under_two_currencies_is_an_error() {
        let bad = "[[currency]]\ncode = \"A\"\nsymbol = \"a\"\nbefore = [\"x\"]\n[[currency]]\ncode = \"B\"\nsymbol = \"b\"\nbefore = [\"X\"]\n";
        assert!(Currencies::from_toml(bad).is_err());
        let read_and_not = "[[currency]]\ncode = \"A\"\nsymbol = \"a\"\nbefore = [\"x\"]\n[other]\nmarks = [\"x\"]\n";
        assert!(Currencies::from_toml(read_and_not).is_err());
        assert!(Currencies::from_toml("currency = []").is_err());
        let one = "[[currency]]\ncode = \"A\"\nsymbol = \"a\"\nbefore = [\"x\"]\n";
        // A mark counted on amounts only must be the currency's own; a scale is never 0.
        let amount_only = format!("{one}amount_only = [\"y\"]\n");
        assert!(Currencies::from_toml(&amount_only).is_err());
        assert!(Currencies::from_toml(&format!("{one}scale = 0\n")).is_err());
        // A counting word counts in a currency of the table, once, by more than nothing.
        let counting = |m: &str| format!("{one}[[multiplier]]\n{m}\n");
        assert!(Currencies::from_toml(&counting("words = [\"lakh\"]\ntimes = 100000")).is_ok());
        assert!(
            Currencies::from_toml(&counting(
                "words = [\"lakh\"]\ntimes = 100000\ncurrency = \"B\""
            ))
            .is_err()
        );
        assert!(Currencies::from_toml(&counting("words = [\"lakh\"]\ntimes = 0")).is_err());
        assert!(
            Currencies::from_toml(&counting("words = [\"lakh\", \"Lakh\"]\ntimes = 100000"))
                .is_err()
        );
    }

    #[test]
    fn currency_serializes_flat_and_old_facts_read_as_usd() {
        #[derive(Serialize, Deserialize)]
        struct Fig {
            low: u32,
            #[serde(flatten)]
            currency: Currency,
        }
        let gbp = table().of_mark("£").unwrap().clone();
        let v = serde_json::to_value(Fig {
            low: 1,
            currency: gbp.clone(),
        })
        .unwrap();
        assert_eq!(v["currency"], "GBP");
        assert_eq!(v["currency_symbol"], "£");
        let old: Fig = serde_json::from_str(r#"{"low": 1}"#).unwrap();
        assert_eq!(old.currency, Currency::default());
    }
}
