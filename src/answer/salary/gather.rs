//! Choosing and summarising salary figures, career by career: one figure per guide, level,
//! currency and period (the most explicit, typical one — two when a guide's own pay ladder gives
//! two rows for one level; a guide's hourly figures beside its yearly ones, never mixed), the
//! guide's notes, then a summary per level, currency and period across the
//! career's guides (figures in different currencies are never summarised together).
//! Run once per index generation over every guide, in file-name order; a request only filters
//! the result by career and level.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, HashSet};

use super::extract::{
    Reading, SALARY_SECTION, Stated, currencies_said, extract_notes, figures_stated,
};
use super::{
    Currencies, Currency, FigureForm, Level, LevelSummary, Period, SalaryAnswer, SalaryFigure,
    SalaryNote, SalaryRow,
};
use crate::corpus::Passage;
use crate::vocab::Vocabulary;

/// Rows listed per career and level (the level's summary counts every guide; a library of more
/// guides lists the first ones by file name).
pub const MAX_ROWS_PER_LEVEL: usize = 100;
/// Notes listed per career and kind.
pub const MAX_NOTES_PER_KIND: usize = 50;

/// One guide's salary facts: its chosen figures and its notes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GuideSalary {
    /// The career the guide is about.
    career: String,
    /// Its rows: one per level (more when its own ladder gives a level two rows).
    pub rows: Vec<SalaryRow>,
    /// Its pay qualifiers, each once.
    pub notes: Vec<SalaryNote>,
}

/// Whether a figure is a row of a guide's own pay ladder (a table row or a labelled line).
fn on_ladder(f: &SalaryFigure) -> bool {
    matches!(f.form, FigureForm::TableRow | FigureForm::Labelled)
}

/// Preference key of a figure within one (level, source); larger wins.
fn preference(f: &SalaryFigure) -> (bool, u8, bool, bool, Reverse<u32>) {
    (
        !f.top_end,
        f.form.rank(),
        !f.is_point(),
        SALARY_SECTION.is_match(&f.cite.section),
        Reverse(f.cite.line),
    )
}

/// The salary facts of `passages` (one guide's, about `career`).
///
/// When a guide gives several figures for the same level in the same currency and period, the
/// chosen one is, in order of preference: not about top earners ("top performers …
/// $200,000"); the most explicit form (table row or labelled line, then body prose, then a
/// summary bullet / key-takeaway); a range rather than a point; in a section whose heading is
/// about pay; the earliest line. A guide's figures in different periods are kept apart (a pay
/// table's hourly column beside its yearly one; "$28 – $42 per hour ($58,000 – $87,000 per
/// year)" gives both), so an hourly rate is shown where a guide gives one, and summarised only
/// with other hourly rates. Rows of the guide's own ladder with different labels at one
/// level are all kept (a "Group Product Manager" and a "Director of Product"). Figures and notes
/// repeated by overlapping passages are counted once.
pub fn extract_guide(vocab: &Vocabulary, career: &str, passages: &[Passage]) -> GuideSalary {
    let reading = Reading::new(vocab, career);
    let mut seen = HashSet::new();
    type Key = (Level, Currency, Period, String, Option<String>);
    let mut best: BTreeMap<Key, SalaryFigure> = BTreeMap::new();
    let figures: Vec<(SalaryFigure, Stated)> = passages
        .iter()
        .flat_map(|p| figures_stated(&reading, p))
        .collect();
    // Figures marked only by a mark other currencies share ("$") may be another's only in a
    // guide that names a country paying in one of those ("Canada", "Australian dollars").
    let money = vocab.currencies();
    let mut sharing: Vec<&str> = Vec::new();
    let mut shared_sections: Vec<&str> = Vec::new();
    for (f, _) in figures.iter().filter(|(_, s)| *s == Stated::Shared) {
        for c in money.sharing(&f.currency) {
            if !sharing.contains(&c.code.as_str()) {
                sharing.push(&c.code);
            }
        }
        if !shared_sections.contains(&f.cite.section.as_str()) {
            shared_sections.push(&f.cite.section);
        }
    }
    // The guide's title and its sections holding such figures (where a pay section says its
    // country or its currency).
    let other_dollar = !sharing.is_empty()
        && passages
            .iter()
            .take(1)
            .map(|p| &p.title)
            .chain(
                passages
                    .iter()
                    .filter(|p| shared_sections.contains(&p.section.as_str()))
                    .map(|p| &p.text),
            )
            .any(|text| vocab.topics().names_a_country_paying_in(text, &sharing));
    // Read only for a guide with amounts whose line states no currency, or such a country.
    let mut said = Said::default();
    if other_dollar || figures.iter().any(|(_, stated)| *stated == Stated::No) {
        for p in passages {
            for c in currencies_said(&reading, p) {
                said.add(&p.section, c);
            }
        }
    }
    let figures = if other_dollar {
        shared_currency(vocab, passages, figures, &said)
    } else {
        figures
            .into_iter()
            .map(|(f, stated)| (f, stated != Stated::No))
            .collect()
    };
    for f in guide_currency(money, figures, &said) {
        // An amount read in a currency sharing its mark is pay only within that currency's
        // plausible range ("$900,000" a month in pesos, never in US dollars).
        let ok = money.plausible(&f.currency, f.period);
        if !ok.contains(&f64::from(f.low)) || !ok.contains(&f64::from(f.high)) {
            continue;
        }
        if !seen.insert((f.cite.source.clone(), f.cite.line, f.raw.clone(), f.level)) {
            continue;
        }
        let key = (
            f.level,
            f.currency.clone(),
            f.period,
            f.cite.source.clone(),
            f.label.clone(),
        );
        match best.get(&key) {
            Some(cur) if preference(cur) >= preference(&f) => {}
            _ => {
                best.insert(key, f);
            }
        }
    }
    // A level the guide's ladder covers in a period is given by the ladder, not also by its
    // prose (an hourly rate in prose still shows beside a ladder of yearly salaries).
    let laddered: HashSet<(Level, Currency, Period, String)> = best
        .iter()
        .filter(|(_, f)| on_ladder(f))
        .map(|((l, c, p, s, _), _)| (*l, c.clone(), *p, s.clone()))
        .collect();
    best.retain(|(l, c, p, s, _), f| {
        on_ladder(f) || !laddered.contains(&(*l, c.clone(), *p, s.clone()))
    });
    // Top earners' pay stands for a level only where the guide gives no other figure for it.
    let typical: HashSet<(Level, Currency, Period, String)> = best
        .iter()
        .filter(|(_, f)| !f.top_end)
        .map(|((l, c, p, s, _), _)| (*l, c.clone(), *p, s.clone()))
        .collect();
    best.retain(|(l, c, p, s, _), f| {
        !f.top_end || !typical.contains(&(*l, c.clone(), *p, s.clone()))
    });
    let mut seen_notes = HashSet::new();
    let notes = passages
        .iter()
        .flat_map(|p| extract_notes(&reading, p))
        .filter(|n| seen_notes.insert((n.cite.source.clone(), n.cite.line, n.text.clone())))
        .collect();
    GuideSalary {
        career: career.to_string(),
        rows: best
            .into_iter()
            .map(|((level, _, _, _, _), figure)| SalaryRow { level, figure })
            .collect(),
        notes,
    }
}

/// The currencies a guide's sentences say its figures are in, in words, by section and in the
/// whole guide (see [`currencies_said`]).
#[derive(Debug, Default)]
struct Said {
    sections: BTreeMap<String, Vec<Currency>>,
    guide: Vec<Currency>,
}

impl Said {
    fn add(&mut self, section: &str, c: Currency) {
        let in_section = self.sections.entry(section.to_string()).or_default();
        if !in_section.contains(&c) {
            in_section.push(c.clone());
        }
        if !self.guide.contains(&c) {
            self.guide.push(c);
        }
    }

    /// The one currency `section` says in words; `None` for none or two.
    fn section(&self, section: &str) -> Option<&Currency> {
        self.sections.get(section).and_then(|v| one(v))
    }

    /// The one currency the guide says in words; `None` for none or two.
    fn guide(&self) -> Option<&Currency> {
        one(&self.guide)
    }
}

fn one(currencies: &[Currency]) -> Option<&Currency> {
    match currencies {
        [c] => Some(c),
        _ => None,
    }
}

/// The currencies of a guide's figures marked only by a mark other currencies share (a bare
/// "$"; see [`Currencies::sharing`]): the one of those currencies a sentence of their section
/// says in words ("All figures are in Australian dollars"), else one of the guide's, else the
/// one whose country their section, with the guide's title, names more often than any other
/// (a Canadian guide's "Dental hygienists in Canada … $51 an hour"); else the mark's own (US
/// dollars). Each figure comes back with whether its currency is now stated.
fn shared_currency(
    vocab: &Vocabulary,
    passages: &[Passage],
    figures: Vec<(SalaryFigure, Stated)>,
    said: &Said,
) -> Vec<(SalaryFigure, bool)> {
    let money = vocab.currencies();
    // The countries' currencies each section names, counted once per section.
    let mut places: BTreeMap<String, Vec<(String, usize)>> = BTreeMap::new();
    figures
        .into_iter()
        .map(|(mut f, stated)| {
            if stated == Stated::Shared {
                let mut candidates: Vec<&Currency> = money.sharing(&f.currency).iter().collect();
                candidates.push(&f.currency);
                let chosen = said
                    .section(&f.cite.section)
                    .or_else(|| said.guide())
                    .filter(|c| candidates.contains(c))
                    .cloned()
                    .or_else(|| {
                        let named = places
                            .entry(f.cite.section.clone())
                            .or_insert_with(|| section_places(vocab, passages, &f.cite.section));
                        most_named(money, named, &candidates)
                    });
                if let Some(c) = chosen {
                    f.currency = c;
                }
            }
            (f, stated != Stated::No)
        })
        .collect()
}

/// The currencies of the countries `section` names, with the guide's title (see
/// [`crate::engine::topic::TopicTable::currencies_named`]).
fn section_places(vocab: &Vocabulary, passages: &[Passage], section: &str) -> Vec<(String, usize)> {
    let mut text = passages
        .first()
        .map(|p| p.title.clone())
        .unwrap_or_default();
    for p in passages.iter().filter(|p| p.section == section) {
        text.push('\n');
        text.push_str(&p.text);
    }
    vocab.topics().currencies_named(vocab.analyzer(), &text)
}

/// The one of `candidates` whose country is named most often in `named`; `None` when none is
/// named, or two are named as often.
fn most_named(
    money: &Currencies,
    named: &[(String, usize)],
    candidates: &[&Currency],
) -> Option<Currency> {
    let mut counted: Vec<(&Currency, usize)> = named
        .iter()
        .filter_map(|(code, n)| {
            let c = money.of_code(code)?;
            candidates.contains(&c).then_some((c, *n))
        })
        .collect();
    counted.sort_by_key(|(_, n)| Reverse(*n));
    match counted.as_slice() {
        [(c, _)] => Some((*c).clone()),
        [(c, a), (_, b), ..] if a > b => Some((*c).clone()),
        _ => None,
    }
}

/// The currencies of a guide's figures whose currency their line does not state ("50k", "23,000
/// – 26,000 a year"): the one their section's heading names ("Salaries in the UK (£)"), else the
/// one a sentence of their section says in words ("These are base salaries in US dollars"), else
/// the one the section's stated figures mostly use, else the one the guide's do, else the one the
/// guide says in words; only a guide that states no currency anywhere leaves them in the table's
/// first (US dollars).
fn guide_currency(
    money: &Currencies,
    figures: Vec<(SalaryFigure, bool)>,
    said: &Said,
) -> Vec<SalaryFigure> {
    // Currencies with their counts, in the order first stated.
    fn most(counts: &[(Currency, usize)]) -> Option<&Currency> {
        let top = counts.iter().map(|(_, n)| *n).max()?;
        counts.iter().find(|(_, n)| *n == top).map(|(c, _)| c)
    }
    fn count(counts: &mut Vec<(Currency, usize)>, c: &Currency) {
        match counts.iter_mut().find(|(x, _)| x == c) {
            Some((_, n)) => *n += 1,
            None => counts.push((c.clone(), 1)),
        }
    }
    let mut guide: Vec<(Currency, usize)> = Vec::new();
    let mut sections: BTreeMap<&str, Vec<(Currency, usize)>> = BTreeMap::new();
    let mut seen = HashSet::new();
    for (f, stated) in &figures {
        if *stated && seen.insert((f.cite.line, &f.raw)) {
            count(&mut guide, &f.currency);
            count(sections.entry(&f.cite.section).or_default(), &f.currency);
        }
    }
    let chosen: Vec<Option<Currency>> = figures
        .iter()
        .map(|(f, stated)| {
            if *stated {
                return None;
            }
            money
                .named_in(&f.cite.section)
                .or_else(|| said.section(&f.cite.section))
                .or_else(|| sections.get(f.cite.section.as_str()).and_then(|c| most(c)))
                .or_else(|| most(&guide))
                .or_else(|| said.guide())
                .cloned()
        })
        .collect();
    figures
        .into_iter()
        .zip(chosen)
        .map(|((mut f, _), c)| {
            if let Some(c) = c {
                f.currency = c;
            }
            f
        })
        .collect()
}

/// The salary facts of a whole library, gathered guide by guide.
#[derive(Debug, Clone, Default)]
pub struct SalaryGathering {
    careers: BTreeMap<String, (Vec<SalaryRow>, Vec<SalaryNote>)>,
}

impl SalaryGathering {
    /// Adds one guide's facts.
    pub fn gather(&mut self, guide: GuideSalary) {
        let (rows, notes) = self.careers.entry(guide.career).or_default();
        rows.extend(guide.rows);
        notes.extend(guide.notes);
    }

    /// Each career's answer for every level: rows by level then source, a summary per level
    /// and period over all its rows, notes by kind, source and line (lists capped, see the
    /// constants).
    pub fn finish(self) -> SalaryFacts {
        SalaryFacts {
            careers: self
                .careers
                .into_iter()
                .map(|(career, (rows, notes))| career_answer(career, rows, notes))
                .collect(),
        }
    }
}

fn career_answer(
    career: String,
    mut rows: Vec<SalaryRow>,
    mut notes: Vec<SalaryNote>,
) -> SalaryAnswer {
    rows.sort_by(|a, b| {
        (a.level, &a.figure.cite.source, a.figure.cite.line).cmp(&(
            b.level,
            &b.figure.cite.source,
            b.figure.cite.line,
        ))
    });
    // Currencies in the order the career's rows first give them.
    let mut currencies: Vec<&Currency> = Vec::new();
    for r in &rows {
        if !currencies.contains(&&r.figure.currency) {
            currencies.push(&r.figure.currency);
        }
    }
    let mut summaries = Vec::new();
    for level in Level::ALL {
        for currency in &currencies {
            for period in Period::ALL {
                let of: Vec<&SalaryRow> = rows
                    .iter()
                    .filter(|r| {
                        r.level == level
                            && r.figure.period == period
                            && r.figure.currency == **currency
                    })
                    .collect();
                summaries.extend(summarise(&career, level, period, &of));
            }
        }
    }
    let mut listed: BTreeMap<Level, usize> = BTreeMap::new();
    rows.retain(|r| {
        let n = listed.entry(r.level).or_default();
        *n += 1;
        *n <= MAX_ROWS_PER_LEVEL
    });
    let mut seen = HashSet::new();
    notes.retain(|n| seen.insert((n.cite.source.clone(), n.cite.line, n.text.clone())));
    notes.sort_by(|a, b| {
        (a.kind, &a.cite.source, a.cite.line).cmp(&(b.kind, &b.cite.source, b.cite.line))
    });
    let mut per_kind = BTreeMap::new();
    notes.retain(|n| {
        let k: &mut usize = per_kind.entry(n.kind).or_default();
        *k += 1;
        *k <= MAX_NOTES_PER_KIND
    });
    SalaryAnswer {
        career: Some(career),
        level: None,
        rows,
        summaries,
        notes,
    }
}

/// What a generation knows about pay: each career's answer for every level.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SalaryFacts {
    /// One answer per career, by career name.
    pub careers: Vec<SalaryAnswer>,
}

impl SalaryFacts {
    /// The answer for one career (by its exact name; `None`: every career, each row, summary
    /// and note carrying its own), narrowed to one level when asked.
    pub fn answer(&self, career: Option<&str>, level: Option<Level>) -> SalaryAnswer {
        let chosen: Vec<&SalaryAnswer> = self
            .careers
            .iter()
            .filter(|a| career.is_none_or(|c| a.career.as_deref() == Some(c)))
            .collect();
        let merged = SalaryAnswer {
            career: career.map(str::to_string),
            level: None,
            rows: chosen.iter().flat_map(|a| a.rows.iter().cloned()).collect(),
            summaries: chosen
                .iter()
                .flat_map(|a| a.summaries.iter().cloned())
                .collect(),
            notes: chosen
                .iter()
                .flat_map(|a| a.notes.iter().cloned())
                .collect(),
        };
        merged.for_level(level)
    }

    /// The careers that have pay figures.
    pub fn careers(&self) -> impl Iterator<Item = &str> {
        self.careers.iter().filter_map(|a| a.career.as_deref())
    }
}

impl SalaryAnswer {
    /// This answer (for every level) narrowed to one level; `None` keeps every level.
    pub fn for_level(&self, level: Option<Level>) -> SalaryAnswer {
        let Some(level) = level else {
            return self.clone();
        };
        SalaryAnswer {
            career: self.career.clone(),
            level: Some(level),
            rows: self
                .rows
                .iter()
                .filter(|r| r.level == level)
                .cloned()
                .collect(),
            summaries: self
                .summaries
                .iter()
                .filter(|s| s.level == level)
                .cloned()
                .collect(),
            notes: self.notes.clone(),
        }
    }
}

/// The salary answer over `passages` for `level` (all levels when `None`), every career
/// together: what a generation built from these passages answers (passages are taken guide by
/// guide, in file-name order; each guide's career is its passages').
pub fn salary_answer(
    vocab: &Vocabulary,
    passages: &[Passage],
    level: Option<Level>,
) -> SalaryAnswer {
    let mut by_source: BTreeMap<&str, Vec<Passage>> = BTreeMap::new();
    for p in passages {
        by_source.entry(&p.source).or_default().push(p.clone());
    }
    let mut gathering = SalaryGathering::default();
    for guide in by_source.values() {
        let career = guide.first().map(|p| p.career.as_str()).unwrap_or_default();
        gathering.gather(extract_guide(vocab, career, guide));
    }
    gathering.finish().answer(None, level)
}

fn median(mut v: Vec<u32>) -> u32 {
    v.sort_unstable();
    let n = v.len();
    match n {
        0 => 0,
        _ if n % 2 == 1 => v[n / 2],
        _ => ((u64::from(v[n / 2 - 1]) + u64::from(v[n / 2])) / 2) as u32,
    }
}

fn summarise(
    career: &str,
    level: Level,
    period: Period,
    rows: &[&SalaryRow],
) -> Option<LevelSummary> {
    let currency = rows.first()?.figure.currency.clone();
    let lowest = rows.iter().map(|r| r.figure.low).min()?;
    let highest = rows.iter().map(|r| r.figure.high).max()?;
    let mut labels: Vec<String> = Vec::new();
    for r in rows {
        if let Some(l) = &r.figure.label
            && !labels.iter().any(|x| x.eq_ignore_ascii_case(l))
        {
            labels.push(l.clone());
        }
    }
    Some(LevelSummary {
        career: career.to_string(),
        level,
        currency,
        period,
        labels,
        lowest,
        highest,
        median_midpoint: median(rows.iter().map(|r| r.figure.midpoint()).collect()),
        open_ended: rows
            .iter()
            .any(|r| r.figure.high == highest && r.figure.open_ended),
        sources: rows
            .iter()
            .map(|r| r.figure.cite.source.as_str())
            .collect::<BTreeSet<_>>()
            .len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn levels() -> &'static Vocabulary {
        crate::answer::fixtures::vocab()
    }
    use crate::answer::fixtures::{SEEDS, all_seed_passages, passage_at, seed_text};
    use crate::answer::salary::NoteKind;

    fn passage_in(section: &str, text: &str) -> Passage {
        passage_at(section, 10, text)
    }

    #[test]
    fn rows_beyond_the_cap_are_counted_not_listed() {
        let mut g = SalaryGathering::default();
        for i in 0..MAX_ROWS_PER_LEVEL + 5 {
            let mut p = passage_in("Salary", "Senior developers earn $150,000 per year.");
            p.source = format!("g{i:04}.txt");
            g.gather(extract_guide(levels(), "Back-End Developer", &[p]));
        }
        let a = g.finish().answer(None, None);
        assert_eq!(a.rows.len(), MAX_ROWS_PER_LEVEL);
        assert_eq!(a.summaries[0].sources, MAX_ROWS_PER_LEVEL + 5);
        assert_eq!(a.rows[0].figure.cite.source, "g0000.txt");
    }

    /// Regression (probe four): a pay section in prose giving several ranks' or settings'
    /// figures at one level kept one of them; each group a sentence names is now its own row.
    #[test]
    fn groups_a_prose_pay_section_names_at_one_level_are_each_kept() {
        let p = passage_in(
            "Pay and income",
            "Constables with five or more years of service usually earn between $92,000 and $101,000.\n\
             Sergeants earn between $108,000 and $121,000 a year.\n\
             Senior sergeants earn between $122,000 and $136,000 a year.\n\
             Outside the cities, a rural constable typically receives $88,000 to $95,000.\n\
             Top performers earn over $150,000.",
        );
        let g = extract_guide(levels(), "Police Officer", &[p]);
        let rows: Vec<(Level, Option<&str>, u32)> = g
            .rows
            .iter()
            .map(|r| (r.level, r.figure.label.as_deref(), r.figure.low))
            .collect();
        for want in [
            (Level::Senior, Some("Constables"), 92_000),
            (Level::Overall, Some("Sergeants"), 108_000),
            (Level::Senior, Some("Senior sergeants"), 122_000),
            (Level::Overall, Some("Rural constable"), 88_000),
        ] {
            assert!(rows.contains(&want), "{want:?} in {rows:?}");
        }
        // Top earners are no group of their own: the typical figure is kept over them.
        assert!(rows.iter().all(|(_, _, low)| *low != 150_000), "{rows:?}");
    }

    /// A subject is the figure's label only where it opens its sentence: a clause whose subject
    /// is elided, a line going on from the one before, or a subject naming only the career and
    /// a level gives none.
    #[test]
    fn a_subject_labels_a_figure_only_where_it_opens_its_sentence() {
        let labels = |text: &str| -> Vec<Option<String>> {
            extract_guide(
                levels(),
                "Occupational Therapist",
                &[passage_in("Pay", text)],
            )
            .rows
            .into_iter()
            .map(|r| r.figure.label)
            .collect()
        };
        assert_eq!(
            labels(
                "A certified assistant holds an associate degree (about 2 years), works under \
                 supervision and typically earns $55,000–$68,000 a year."
            ),
            vec![None]
        );
        assert_eq!(labels("service can earn £90,000 a year."), vec![None]);
        assert_eq!(
            labels("Senior occupational therapists earn $98,000 to $112,000."),
            vec![None]
        );
        assert_eq!(
            labels("In 2025, school-based therapists earn $70,000 to $80,000."),
            vec![Some("School-based therapists".to_string())]
        );
    }

    #[test]
    fn selection_prefers_explicit_form_and_ranges() {
        let summary = passage_in(
            "Key Takeaways",
            "- U.S. salaries range from $60-85K at entry level to $125-180K+ for senior developers.",
        );
        let mut body = passage_in(
            "Backend Developer Salary",
            "Entry-level positions offer $62,000-$85,000. Top performers earn over $150,000 at entry level.",
        );
        body.line_numbers = vec![40];
        let a = salary_answer(levels(), &[summary, body], Some(Level::Entry));
        assert_eq!(a.rows.len(), 1);
        assert_eq!(a.rows[0].figure.low, 62_000);
        assert_eq!(a.rows[0].figure.cite.line, 40);
        assert_eq!(a.summaries.len(), 1);
        assert_eq!(a.summaries[0].sources, 1);
    }

    /// Regression: a pay table's hourly column was read but never shown, the yearly column
    /// winning every level; each period now has its rows and its own summaries.
    #[test]
    fn hourly_figures_are_shown_beside_yearly_ones_never_mixed() {
        let table = passage_in(
            "How much do nurses make?",
            "| Experience | Hourly wage | Yearly (full time) |\n|---|---|---|\n| New graduate (0–1 years) | $34–$40 | $70,000–$83,000 |\n| Charge nurse (5+ years) | $47–$55 | $98,000–$114,000 |",
        );
        let a = salary_answer(levels(), &[table], None);
        let rows: Vec<_> = a
            .rows
            .iter()
            .map(|r| (r.level, r.figure.period, r.figure.low, r.figure.cite.line))
            .collect();
        assert_eq!(
            rows,
            vec![
                (Level::Entry, Period::Year, 70_000, 12),
                (Level::Entry, Period::Hour, 34, 12),
                (Level::Senior, Period::Year, 98_000, 13),
                (Level::Senior, Period::Hour, 47, 13),
            ]
        );
        let sums: Vec<_> = a
            .summaries
            .iter()
            .map(|s| (s.level, s.period, s.range_label()))
            .collect();
        assert_eq!(
            sums,
            vec![
                (Level::Entry, Period::Year, "$70K–$83K".to_string()),
                (Level::Entry, Period::Hour, "$34–$40/hour".to_string()),
                (Level::Senior, Period::Year, "$98K–$114K".to_string()),
                (Level::Senior, Period::Hour, "$47–$55/hour".to_string()),
            ]
        );
        // A labelled line stating an hourly rate and its yearly equivalent gives both.
        let line = passage_in(
            "Pay by level",
            "Apprentice: $18 – $25 per hour\nJourneyman: $28 – $42 per hour ($58,000 – $87,000 per year)",
        );
        let a = salary_answer(levels(), &[line], Some(Level::Mid));
        let got: Vec<_> = a.rows.iter().map(|r| r.figure.range_label()).collect();
        assert_eq!(got, vec!["$58K–$87K", "$28–$42/hour"]);
    }

    /// Regression: a bare "50k" in a guide that states pounds everywhere else came out in US
    /// dollars; it takes the currency its section or guide states, and stays USD only in a
    /// guide that states none.
    #[test]
    fn bare_amounts_take_the_currency_their_guide_states() {
        let code = |passages: &[Passage]| -> Vec<(u32, String)> {
            extract_guide(levels(), "Chef", passages)
                .rows
                .into_iter()
                .map(|r| (r.figure.low, r.figure.currency.code))
                .collect()
        };
        let gbp = |v: u32| (v, "GBP".to_string());
        let usd = |v: u32| (v, "USD".to_string());
        // The guide's pounds, stated in another section.
        let stated = passage_in("Pay", "Sous chefs earn £32,000 to £38,000 a year.");
        let mut bare = passage_in(
            "Getting ahead",
            "After 10+ years, most head chefs make 50k.",
        );
        bare.line_numbers = vec![30];
        assert_eq!(
            code(&[stated.clone(), bare.clone()]),
            vec![gbp(50_000), gbp(32_000)]
        );
        // The section's heading names the currency.
        let heading = passage_in("Salaries (€)", "Most head chefs make 50k.");
        assert_eq!(
            code(&[stated, heading]),
            vec![(50_000, "EUR".into()), gbp(32_000)]
        );
        // A bare "30,000 a year" too.
        let year = passage_in("Pay", "Juniors earn £24,000. Seniors earn 30,000 a year.");
        assert_eq!(code(&[year]), vec![gbp(24_000), gbp(30_000)]);
        // No evidence: US dollars.
        assert_eq!(code(&[bare]), vec![usd(50_000)]);
    }

    /// Regression (probe eight): "$1.200.000" a month in a guide about Chile was dropped as no
    /// plausible US dollar pay before the guide made its "$" a Chilean peso; it is now read in
    /// pesos, and the same amount in a US guide is still no pay.
    #[test]
    fn a_bare_dollar_amount_is_plausible_pay_in_the_currency_its_guide_is_about() {
        let read = |passages: &[Passage]| -> Vec<(String, u32, Period)> {
            extract_guide(levels(), "Nurse", passages)
                .rows
                .into_iter()
                .map(|r| (r.figure.currency.code, r.figure.low, r.figure.period))
                .collect()
        };
        let pay = "Una enfermera con experiencia gana $1.200.000 al mes.";
        let chile = passage_in(
            "Sueldos",
            &format!("En Chile los sueldos son mensuales. {pay}"),
        );
        assert_eq!(
            read(&[chile]),
            [("CLP".to_string(), 1_200_000, Period::Month)]
        );
        let us = passage_in("Pay", "Experienced nurses earn $1,200,000 a month.");
        assert!(read(&[us]).is_empty());
        // Small amounts a peso's pay never runs to stay out in pesos: "$900" a month.
        let small = passage_in("Sueldos", "En Chile una enfermera gana $900 al mes.");
        assert!(read(&[small]).is_empty());
    }

    /// A bare "$" is the dollar of the country a guide's pay is about: the one a sentence says
    /// in words, else the one its pay section or title names most; a US guide, or one naming
    /// two dollars' countries as often, keeps US dollars.
    #[test]
    fn a_bare_dollar_is_the_dollar_of_the_country_its_pay_section_is_about() {
        let codes = |passages: &[Passage]| -> Vec<String> {
            extract_guide(levels(), "Dental Hygienist", passages)
                .rows
                .into_iter()
                .map(|r| r.figure.currency.code)
                .collect()
        };
        let pay = "A new graduate can expect $38 to $45 an hour.";
        // Said in words, in the section.
        let said = passage_in(
            "Pay",
            &format!("{pay} All figures are in Australian dollars."),
        );
        assert_eq!(codes(&[said]), ["AUD"]);
        // The country the section names: in Canada; in Ontario's cities too.
        let named = passage_in(
            "Earnings",
            &format!("Hygienists in Canada are paid hourly. {pay}"),
        );
        assert_eq!(codes(&[named]), ["CAD"]);
        let city = passage_in("Earnings", &format!("{pay} Rates in Toronto run higher."));
        assert_eq!(codes(&[city]), ["CAD"]);
        // Or the guide's title.
        let mut titled = passage_in("Earnings", pay);
        titled.title = "Becoming a dental hygienist in New Zealand".into();
        assert_eq!(codes(&[titled]), ["NZD"]);
        // Nothing said: US dollars; two countries named as often: US dollars.
        assert_eq!(codes(&[passage_in("Earnings", pay)]), ["USD"]);
        let both = passage_in("Earnings", &format!("In Canada and Australia, {pay}"));
        assert_eq!(codes(&[both]), ["USD"]);
        let home = passage_in("Earnings", &format!("In Texas, unlike Canada, {pay}"));
        assert_eq!(codes(&[home]), ["USD"]);
        // A marked amount keeps its mark: "US$" is US dollars wherever the guide is.
        let marked = passage_in("Earnings", "In Canada, travel nurses earn US$45 an hour.");
        assert_eq!(codes(&[marked]), ["USD"]);
    }

    /// A Spanish-language guide's pesos are written with a bare "$" too: its figures are in the
    /// pesos its table's note names ("en pesos mexicanos"), or the mark after the amount says
    /// ("$25,000 MXN al mes"); "$18,000 a $28,000", both ends marked, is one range.
    #[test]
    fn pesos_written_with_a_bare_dollar() {
        let rows = |passages: &[Passage]| -> Vec<(String, u32, u32, Period)> {
            extract_guide(levels(), "Desarrollador", passages)
                .rows
                .into_iter()
                .map(|r| {
                    let f = r.figure;
                    (f.currency.code, f.low, f.high, f.period)
                })
                .collect()
        };
        let table = passage_in(
            "Sueldos",
            "Las cifras de esta tabla están en pesos mexicanos.\n| Nivel | Sueldo mensual bruto |\n|---|---|\n| Programador junior | $18,000 a $28,000 |\n| Programador senior | $55,000 a $80,000 |",
        );
        assert_eq!(
            rows(&[table]),
            [
                ("MXN".to_string(), 18_000, 28_000, Period::Month),
                ("MXN".to_string(), 55_000, 80_000, Period::Month),
            ]
        );
        let marked = passage_in(
            "Sueldos",
            "Un programador junior gana unos $25,000 MXN al mes en Guadalajara.",
        );
        assert_eq!(
            rows(&[marked]),
            [("MXN".to_string(), 25_000, 25_000, Period::Month)]
        );
        // Without "pesos" or a peso's mark, a guide naming no other country keeps US dollars.
        let plain = passage_in("Sueldos", "Un programador junior gana $2,000 al mes.");
        assert_eq!(rows(&[plain])[0].0, "USD");
    }

    #[test]
    fn median_and_summary() {
        assert_eq!(median(vec![3, 1, 2]), 2);
        assert_eq!(median(vec![4, 1, 2, 3]), 2);
        assert_eq!(median(vec![]), 0);
    }

    #[test]
    fn seed_answer_rows_summaries_and_notes() {
        use Level::*;
        let a = salary_answer(levels(), &all_seed_passages(), None);
        let rows: Vec<_> = a
            .rows
            .iter()
            .map(|r| {
                (
                    r.level,
                    &r.figure.cite.source[..3],
                    r.figure.cite.line,
                    r.figure.low,
                    r.figure.high,
                )
            })
            .collect();
        assert_eq!(
            rows,
            vec![
                (Entry, "000", 71, 75_000, 95_000),
                (Entry, "001", 68, 81_000, 81_000),
                (Entry, "002", 76, 60_000, 85_000),
                (Entry, "004", 104, 70_000, 95_000),
                (Mid, "000", 73, 110_000, 140_000),
                (Mid, "002", 76, 85_000, 125_000),
                (Mid, "004", 105, 95_000, 130_000),
                (Senior, "000", 75, 160_000, 200_000),
                (Senior, "001", 68, 120_000, 120_000),
                (Senior, "002", 76, 125_000, 180_000),
                (Senior, "004", 106, 130_000, 170_000),
                (Lead, "004", 107, 150_000, 200_000),
                (Overall, "001", 68, 115_000, 154_000),
                (Overall, "004", 13, 70_000, 170_000),
            ]
        );
        let sums: Vec<_> = a
            .summaries
            .iter()
            .map(|s| {
                (
                    s.level,
                    s.lowest,
                    s.highest,
                    s.median_midpoint,
                    s.open_ended,
                    s.sources,
                )
            })
            .collect();
        assert_eq!(
            sums,
            vec![
                (Entry, 60_000, 95_000, 81_750, false, 4),
                (Mid, 85_000, 140_000, 112_500, false, 3),
                (Senior, 120_000, 200_000, 151_250, true, 4),
                (Lead, 150_000, 200_000, 175_000, true, 1),
                (Overall, 70_000, 170_000, 127_250, true, 2),
            ]
        );
        // Qualifiers, found by pattern, cited to their lines.
        let has = |kind: NoteKind, src: &str, line: u32, needle: &str| {
            a.notes.iter().any(|n| {
                n.kind == kind
                    && n.cite.source.starts_with(src)
                    && n.cite.line == line
                    && n.text.contains(needle)
            })
        };
        assert!(has(NoteKind::Location, "004", 109, "20-30% higher"));
        assert!(has(
            NoteKind::Remote,
            "000",
            81,
            "similar to office-based roles"
        ));
        assert!(has(
            NoteKind::Drivers,
            "000",
            77,
            "Salaries depend on experience"
        ));
        assert!(has(NoteKind::Location, "001", 70, "major tech hubs"));
        assert!(has(NoteKind::TopEnd, "001", 68, "Top performers"));
        assert!(has(
            NoteKind::Location,
            "004",
            13,
            "top compensation in major tech hubs"
        ));
        assert!(!a.notes.iter().any(|n| n.text.contains("deserve")));
        let text = seed_text(SEEDS[4]);
        for n in a.notes.iter().filter(|n| n.cite.source == SEEDS[4]) {
            assert!(
                text.lines()
                    .nth(n.cite.line as usize - 1)
                    .unwrap()
                    .contains(&n.text)
            );
        }

        // One level only.
        let senior = salary_answer(levels(), &all_seed_passages(), Some(Senior));
        assert_eq!(senior.rows.len(), 4);
        assert!(senior.rows.iter().all(|r| r.level == Senior));
        assert_eq!(senior.summaries.len(), 1);
        assert_eq!(senior.notes, a.notes);
    }

    #[test]
    fn bare_amounts_take_the_currency_a_sentence_says_in_words() {
        let code = |passages: &[Passage]| -> Vec<(u32, String)> {
            extract_guide(levels(), "Game Tester", passages)
                .rows
                .into_iter()
                .map(|r| (r.figure.low, r.figure.currency.code))
                .collect()
        };
        let list = "- Junior tester: 28k-34k\n- Senior tester: 42k-52k";
        let said = passage_in(
            "Salary for game testers",
            &format!("All figures below are gross annual salaries in euros.\n{list}"),
        );
        assert_eq!(
            code(&[said]),
            vec![(28_000, "EUR".into()), (42_000, "EUR".into())]
        );
        // Said in another section of the guide: still its currency.
        let intro = passage_in("About this guide", "Every salary here is in pounds.");
        let mut pay = passage_in("Salary by level", list);
        pay.line_numbers = vec![30, 31];
        assert_eq!(
            code(&[intro, pay.clone()]),
            vec![(28_000, "GBP".into()), (42_000, "GBP".into())]
        );
        // No currency anywhere: US dollars, as before.
        assert_eq!(
            code(&[pay]),
            vec![(28_000, "USD".into()), (42_000, "USD".into())]
        );
    }
}
