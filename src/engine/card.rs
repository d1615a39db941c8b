//! The structured card an answer leads with when its question asks for pay, skills or the way up:
//! the same answer `salary`, `skills` or `roadmap` gives for the career and level the question was
//! read as (one card per career when the question names several) — or none, when the guides hold
//! nothing for that career or the verdict is not confident. Every face shows the cards the engine
//! made; none makes its own.

use serde::Serialize;

use super::Intent;
use crate::answer::levels::{LevelWords, singular};
use crate::answer::roadmap::RoadmapAnswer;
use crate::answer::salary::{Level, SalaryAnswer};
use crate::answer::skills::{SkillsAnswer, Topic};
use crate::i18n::Locale;
use crate::tr;

/// Most cards one answer leads with. A question naming several careers ("electricians vs data
/// analysts vs product managers") gets one card per career; past three, each card's share of a
/// Discord message (6,000 characters with the passages) would be too small to show a figure
/// with its source, and a member comparing more careers is better served by `/salary`'s chart.
pub const MAX_CARDS: usize = 3;

/// A structured answer to lead an answer with, and what it was read from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Card {
    /// What the question asks for.
    pub intent: Intent,
    /// The career the card is about (the answer's career, or the library's only one).
    pub career: String,
    /// The level the question names, when it names one.
    pub level: Option<Level>,
    /// The guides hold nothing at `level`, so the card shows every level.
    pub every_level: bool,
    /// For skills, the one topic the question names by its name ("what tools do electricians
    /// use" → tools), when the guides name skills of it; `None` for every topic.
    pub topic: Option<Topic>,
    /// The structured answer itself, as `salary`, `skills` or `roadmap` gives it.
    pub answer: CardAnswer,
}

/// The structured answer of a [`Card`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum CardAnswer {
    /// Pay by level ([`Engine::salary`](super::Engine::salary)).
    Salary(SalaryAnswer),
    /// Skills, every topic ([`Engine::skills`](super::Engine::skills)).
    Skills(SkillsAnswer),
    /// The career's stages ([`Engine::roadmap`](super::Engine::roadmap), career progression).
    Roadmap(RoadmapAnswer),
}

/// The careers a question comparing several names that get no card, because their guides hold
/// nothing of what it asks for ("do beekeepers earn more than data analysts?" when the
/// beekeeper's guides give no pay figures): said in one line, so a member does not read the
/// missing card as an oversight.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoCard {
    /// What the question asks for; `None` when no career lacks a card.
    pub intent: Option<Intent>,
    /// The careers without a card, in the order the question names them.
    pub careers: Vec<String>,
    /// The careers the question names after the [`MAX_CARDS`] that got one: not looked at,
    /// so not said to lack facts, but said to get no card.
    pub past_limit: Vec<String>,
}

impl NoCard {
    /// What every face says of the careers named without a card, in `lang`: [`NoCard::line`],
    /// then [`NoCard::past_limit_line`], those that apply.
    pub fn lines(&self, lang: Locale) -> Vec<String> {
        self.line(lang)
            .into_iter()
            .chain(self.past_limit_line(lang))
            .collect()
    }

    /// The line saying that only the first [`MAX_CARDS`] careers named get a card ("Only the
    /// first 3 careers named get a card, so there is none for Back-End Developer."); `None`
    /// when the question names no more. Plain text.
    pub fn past_limit_line(&self, lang: Locale) -> Option<String> {
        if self.past_limit.is_empty() {
            return None;
        }
        Some(tr!(
            lang,
            "card-past-limit",
            max = MAX_CARDS,
            careers = careers_list(&self.past_limit, lang),
            count = self.past_limit.len()
        ))
    }

    /// The line saying that the guides about these careers hold nothing of that kind, in
    /// `lang` ("The guides about Beekeeper give no pay figures, so there is no card for it.");
    /// `None` when every career named has its card. Plain text; faces escape it as they need.
    pub fn line(&self, lang: Locale) -> Option<String> {
        let intent = self.intent?;
        if self.careers.is_empty() {
            return None;
        }
        let careers = careers_list(&self.careers, lang);
        let count = self.careers.len();
        Some(match intent {
            Intent::Salary => tr!(lang, "card-none-salary", careers = careers, count = count),
            Intent::Skills => tr!(lang, "card-none-skills", careers = careers, count = count),
            Intent::Roadmap => tr!(lang, "card-none-roadmap", careers = careers, count = count),
        })
    }
}

/// Careers as one phrase of `lang`: "Beekeeper", "Beekeeper and Nurse", "A, B and C".
fn careers_list(careers: &[String], lang: Locale) -> String {
    match careers {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => tr!(
            lang,
            "card-careers-and",
            list = init.join(", "),
            last = last.as_str()
        ),
    }
}

impl Serialize for Intent {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl Card {
    /// The line saying what the question was read as, in `lang`: "Read as: Electrician
    /// salary, senior" (plain text; faces escape it as they need).
    pub fn read_as(&self, lang: Locale) -> String {
        let career = self.career.as_str();
        let intent = match self.topic {
            Some(topic) => tr!(
                lang,
                "card-intent-skills-topic",
                topic = crate::choices::choice_label(lang, topic).to_lowercase()
            ),
            None => intent_word(self.intent, lang),
        };
        let Some(level) = self.level else {
            return tr!(lang, "card-read-as", career = career, intent = intent);
        };
        let line = tr!(
            lang,
            "card-read-as-level",
            career = career,
            intent = intent,
            level = level_word(level, lang)
        );
        if self.every_level {
            tr!(lang, "card-every-level", line = line)
        } else {
            line
        }
    }
}

/// What a question asks for, as a word of `lang` in a "read as" line: "salary", "habilidades".
pub(crate) fn intent_word(intent: Intent, lang: Locale) -> String {
    match intent {
        Intent::Salary => tr!(lang, "card-intent-salary"),
        Intent::Skills => tr!(lang, "card-intent-skills"),
        Intent::Roadmap => tr!(lang, "card-intent-roadmap"),
    }
}

/// A level as words of `lang` in a "read as" line: "entry level", "sénior".
pub(crate) fn level_word(level: Level, lang: Locale) -> String {
    match level {
        Level::Entry => tr!(lang, "card-level-entry"),
        Level::Mid => tr!(lang, "card-level-mid"),
        Level::Senior => tr!(lang, "card-level-senior"),
        Level::Lead => tr!(lang, "card-level-lead"),
        Level::Overall => tr!(lang, "card-level-overall"),
    }
}

/// The one level a question names ("How much does a senior back-end developer earn?" → senior),
/// read with the level words guides are read with. A word that is a level only as part of a role
/// ("lead", "staff") counts when a role word or a word of `career` follows it ("lead developer",
/// "master electrician"). A question naming several levels ("from junior to senior") names none.
pub fn question_level(levels: &LevelWords, career: &str, question: &str) -> Option<Level> {
    question_level_of(levels, &[career], question)
}

/// [`question_level`] of a question naming several `careers` ("do senior electricians earn more
/// than data analysts?" → senior, for each): a guarded level word counts when a role word or a
/// word of any of them follows it.
pub fn question_level_of(
    levels: &LevelWords,
    careers: &[impl AsRef<str>],
    question: &str,
) -> Option<Level> {
    let career_words: Vec<String> = careers
        .iter()
        .flat_map(|c| c.as_ref().split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(|w| singular(&w.to_lowercase()))
        .collect();
    let mut found: Option<Level> = None;
    for m in levels.find(question, 0..question.len()) {
        if m.guarded {
            let next = question[m.range.end..]
                .split(|c: char| !c.is_alphanumeric())
                .find(|w| !w.is_empty())
                .map(|w| singular(&w.to_lowercase()));
            let names_role = next
                .as_deref()
                .is_some_and(|w| levels.is_role(w) || career_words.iter().any(|c| c == w));
            if !names_role {
                continue;
            }
        }
        match found {
            None => found = Some(m.level),
            Some(l) if l == m.level => {}
            Some(_) => return None,
        }
    }
    found.filter(|l| *l != Level::Overall)
}

/// The level of a pay question that names no level word but asks for starting pay ("starting
/// salary for a paralegal", "what do paralegals make right out of school?"): entry
/// ([`LevelWords::asks_starting`], `[starting]` in `assets/levels.toml`). `None` for other
/// intents and for questions naming a level word.
pub fn starting_level(levels: &LevelWords, intent: Intent, question: &str) -> Option<Level> {
    (intent == Intent::Salary
        && levels.find(question, 0..question.len()).is_empty()
        && levels.asks_starting(question))
    .then_some(Level::Entry)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(q: &str) -> Option<Level> {
        question_level(crate::answer::fixtures::vocab().levels(), "Electrician", q)
    }

    #[test]
    fn the_one_level_a_question_names() {
        assert_eq!(
            level("How much does a senior back-end developer earn?"),
            Some(Level::Senior)
        );
        assert_eq!(level("junior developer salary"), Some(Level::Entry));
        assert_eq!(
            level("what do journeyman electricians make"),
            Some(Level::Mid)
        );
        assert_eq!(level("pay of a master electrician"), Some(Level::Senior));
        assert_eq!(level("how do I become a lead developer"), Some(Level::Lead));
        // Comparing careers: a guarded word before either career's name counts, for both.
        let levels = crate::answer::fixtures::vocab().levels();
        let q = "what do lead electricians vs data analysts earn";
        assert_eq!(
            question_level_of(levels, &["Data Analyst", "Electrician"], q),
            Some(Level::Lead)
        );
        assert_eq!(
            question_level_of(
                levels,
                &["Data Analyst", "Electrician"],
                "what leads to pay"
            ),
            None
        );
    }

    #[test]
    fn no_level_or_several_is_none() {
        assert_eq!(level("how long from junior to senior"), None);
        assert_eq!(level("what does an electrician earn"), None);
        // A guarded word outside a role is not a level.
        assert_eq!(level("what leads to higher pay"), None);
        assert_eq!(level(""), None);
    }

    /// A salary card (its answer empty: only what it was read as matters here).
    fn card(intent: Intent, level: Option<Level>, every_level: bool) -> Card {
        Card {
            intent,
            career: "Front-End Developer".into(),
            level,
            every_level,
            topic: None,
            answer: CardAnswer::Salary(SalaryAnswer {
                career: None,
                level: None,
                rows: Vec::new(),
                summaries: Vec::new(),
                notes: Vec::new(),
            }),
        }
    }

    /// A conversation turn read as `context`.
    fn reading(context: crate::engine::Context) -> crate::engine::Reading {
        crate::engine::Reading {
            question: "¿y para ellos?".into(),
            query: String::new(),
            context,
            carried: crate::engine::Carried::default(),
        }
    }

    /// Issue 14, gap 1: every word of a "read as" line — the structured card's and a
    /// conversation turn's — is the catalogue's in Spanish; only the career keeps the guides' name.
    #[test]
    fn read_as_words_are_not_english_in_spanish_replies() {
        use crate::engine::Context;
        let words = |lang| {
            let intents: Vec<String> = Intent::ALL.iter().map(|i| intent_word(*i, lang)).collect();
            let levels: Vec<String> = Level::ALL.iter().map(|l| level_word(*l, lang)).collect();
            (intents, levels)
        };
        let (en_intents, en_levels) = words(Locale::En);
        let (es_intents, es_levels) = words(Locale::Es);
        // The catalogues say each word differently (or the test below could not fail).
        for (en, es) in en_intents
            .iter()
            .zip(&es_intents)
            .chain(en_levels.iter().zip(&es_levels))
        {
            assert_ne!(en, es);
        }
        let english = |line: &str| -> Vec<String> {
            let line = format!(" {} ", line.to_lowercase());
            en_intents
                .iter()
                .chain(&en_levels)
                .filter(|w| {
                    line.contains(&format!(" {w} "))
                        || line.contains(&format!(" {w},"))
                        || line.contains(&format!(" {w})"))
                })
                .cloned()
                .collect()
        };
        for (i, intent) in Intent::ALL.into_iter().enumerate() {
            for (l, level) in Level::ALL.into_iter().enumerate() {
                let card = card(intent, Some(level), l % 2 == 0);
                let reading = reading(Context {
                    career: Some(card.career.clone()),
                    level: Some(level),
                    intent: Some(intent),
                    ..Context::default()
                });
                for line in [card.read_as(Locale::Es), reading.read_as(Locale::Es)] {
                    assert!(english(&line).is_empty(), "{line}: {:?}", english(&line));
                    assert!(line.contains("Front-End Developer"), "{line}");
                    assert!(line.contains(&es_intents[i]), "{line}");
                    assert!(line.contains(&es_levels[l]), "{line}");
                }
                // The same lines in English do name the English words (the check can fail).
                for line in [card.read_as(Locale::En), reading.read_as(Locale::En)] {
                    assert!(!english(&line).is_empty(), "{line}");
                }
            }
        }
        let topic = reading(Context {
            career: Some("Data Analyst".into()),
            level: Some(Level::Senior),
            intent: Some(Intent::Skills),
            topic: Some(crate::answer::skills::Topic::Databases),
        });
        for (lang, said) in [
            (
                Locale::Es,
                "Data Analyst, habilidades, sénior, bases de datos",
            ),
            (Locale::En, "Data Analyst skills, senior, databases"),
        ] {
            assert_eq!(topic.read_as(lang), said);
        }
    }

    /// The careers of `cards`, in order.
    fn careers_of(cards: &[Card]) -> Vec<&str> {
        cards.iter().map(|c| c.career.as_str()).collect()
    }

    /// The first page of `q` with its cards, from every career's guides (or `career`'s).
    fn asked(e: &crate::engine::Engine, q: &str, career: Option<&str>) -> crate::engine::Asked {
        let options = crate::search::SearchOptions {
            career: career.map(str::to_string),
            ..e.page(0)
        };
        e.ask_with_card(q, options).unwrap()
    }

    /// A question comparing two careers leads with each career's card, in the order it names
    /// them (either order), each the card that career's own question gets, every figure cited
    /// from that career's guide.
    #[test]
    fn two_careers_named_get_two_cards_in_question_order() {
        let dir = tempfile::tempdir().unwrap();
        let e = crate::engine::fixtures::careers_engine(dir.path());
        for (q, order) in [
            (
                "do electricians earn more than data analysts?",
                ["Electrician", "Data Analyst"],
            ),
            (
                "do data analysts earn more than electricians?",
                ["Data Analyst", "Electrician"],
            ),
            (
                "¿qué gana más, un electricista o un analista de datos?",
                ["Electrician", "Data Analyst"],
            ),
        ] {
            let a = asked(&e, q, None);
            assert!(a.verdict.confident, "{q}");
            assert_eq!(a.several, order, "{q}");
            assert_eq!(careers_of(&a.cards), order, "{q}");
            for card in &a.cards {
                assert_eq!((card.intent, card.level), (Intent::Salary, None), "{q}");
                let CardAnswer::Salary(pay) = &card.answer else {
                    panic!("{q}: a salary card")
                };
                assert!(!pay.rows.is_empty(), "{q}");
                for row in &pay.rows {
                    assert_eq!(row.figure.cite.career, card.career, "{q}");
                    assert!(row.figure.cite.line > 0, "{q}");
                }
                // The same card the career's own question leads with.
                let own = asked(
                    &e,
                    &format!("how much does a {} earn", card.career.to_lowercase()),
                    Some(&card.career),
                );
                assert_eq!(own.cards.first(), Some(card), "{q}");
            }
        }
        // Skills and the way up too; the level named applies to each career.
        let a = asked(&e, "skills of a product manager vs a data analyst", None);
        assert_eq!(careers_of(&a.cards), ["Product Manager", "Data Analyst"]);
        assert!(a.cards.iter().all(|c| c.intent == Intent::Skills));
        let a = asked(
            &e,
            "do senior electricians earn more than data analysts",
            None,
        );
        assert_eq!(careers_of(&a.cards), ["Electrician", "Data Analyst"]);
        assert!(a.cards.iter().all(|c| c.level == Some(Level::Senior)));
        let a = asked(
            &e,
            "career path of a data analyst vs a product manager vs an electrician vs a backend developer",
            None,
        );
        assert_eq!(a.several.len(), 4);
        assert_eq!(
            careers_of(&a.cards),
            ["Data Analyst", "Product Manager", "Electrician"],
            "at most {MAX_CARDS}, the first named"
        );
        // The fourth is said to get none: past the limit, not for want of stages.
        assert!(a.no_card.careers.is_empty());
        assert_eq!(a.no_card.past_limit, ["Back-End Developer"]);
        assert!(a.cards.iter().all(|c| c.intent == Intent::Roadmap));
    }

    /// A career the guides hold nothing of that kind for gets no card (nothing is said of it),
    /// and the other career still gets its own.
    #[test]
    fn a_career_without_facts_for_the_intent_gets_no_card() {
        let dir = tempfile::tempdir().unwrap();
        let guides = crate::engine::fixtures::careers_guides(dir.path());
        std::fs::write(
            guides.join("beekeeper-guide.txt"),
            "Beekeeping as a Career\n\nWhat beekeepers do\n\nBeekeepers look after colonies of \
             honey bees. They inspect hives every week in spring and summer, watch for disease and \
             pests, and harvest honey and wax in late summer.\n\nWhat a new beekeeper needs\n\n\
             Beekeepers need two hives, a veil, a smoker and a season beside an experienced \
             keeper before they keep bees alone: the skills of the craft are learnt at the hive, \
             not from books.\n",
        )
        .unwrap();
        let mut manifest =
            std::fs::read_to_string(guides.join(crate::corpus::MANIFEST_FILE)).unwrap();
        manifest.push_str(
            "\n[[guide]]\nfile = \"beekeeper-guide.txt\"\ntitle = \"Beekeeping as a Career\"\ncareer = \"Beekeeper\"\n",
        );
        std::fs::write(guides.join(crate::corpus::MANIFEST_FILE), manifest).unwrap();
        let e =
            crate::engine::fixtures::engine_on(crate::corpus::SeedSource::Dir(guides), dir.path());
        let q = "what skills do beekeepers and data analysts need";
        let a = asked(&e, q, None);
        assert_eq!(a.several, ["Beekeeper", "Data Analyst"]);
        assert!(a.verdict.confident, "{:?}", a.verdict);
        // The beekeeper's guide names no skills: no card says it does.
        assert!(
            e.skills(Some("Beekeeper"), Topic::All, None)
                .unwrap()
                .answer
                .is_empty()
        );
        assert_eq!(careers_of(&a.cards), ["Data Analyst"]);
        // ... and it is said to get none.
        assert_eq!(
            a.no_card,
            NoCard {
                intent: Some(Intent::Skills),
                careers: vec!["Beekeeper".into()],
                past_limit: Vec::new(),
            }
        );
        // The beekeeper's guide says nothing of pay: the data analyst's answers, so the answer
        // is confident, judged on each career's best passage, not only the first shown.
        for (q, other) in [
            (
                "do beekeepers earn more than data analysts?",
                "Data Analyst",
            ),
            ("do beekeepers earn more than electricians?", "Electrician"),
        ] {
            let a = asked(&e, q, None);
            assert_eq!(a.several, ["Beekeeper", other], "{q}");
            assert!(a.verdict.confident, "{q}: {:?}", a.verdict);
            assert_eq!(careers_of(&a.cards), [other], "{q}");
            assert_eq!(a.no_card.careers, ["Beekeeper"], "{q}");
            assert_eq!(a.no_card.intent, Some(Intent::Salary), "{q}");
            // Beekeeper's passages are still there.
            assert!(
                a.results
                    .hits
                    .iter()
                    .any(|h| h.passage.career == "Beekeeper"),
                "{q}"
            );
        }
        // Every career named has its card: none is said to lack one; nor on a later page.
        let a = asked(&e, "do electricians earn more than data analysts?", None);
        assert_eq!(a.cards.len(), 2);
        assert_eq!(a.no_card, NoCard::default());
        let later = e
            .ask_with_card("do beekeepers earn more than data analysts?", e.page(1))
            .unwrap();
        assert_eq!(later.no_card, NoCard::default());
    }

    /// The "no card" line names the careers and what their guides lack, in English and Spanish,
    /// one career or several; nothing when no career lacks a card.
    #[test]
    fn the_no_card_line_names_the_careers_and_what_their_guides_lack() {
        let none = |intent, careers: &[&str]| NoCard {
            intent: Some(intent),
            careers: careers.iter().map(|c| (*c).to_string()).collect(),
            past_limit: Vec::new(),
        };
        assert_eq!(
            none(Intent::Salary, &["Beekeeper"])
                .line(Locale::En)
                .unwrap(),
            "The guides about Beekeeper give no pay figures, so there is no card for it."
        );
        assert_eq!(
            none(Intent::Roadmap, &["Beekeeper", "Nurse"])
                .line(Locale::Es)
                .unwrap(),
            "Las guías sobre Beekeeper y Nurse no describen etapas de la carrera, así que no tienen ficha."
        );
        assert_eq!(
            none(Intent::Skills, &["A", "B", "C"])
                .line(Locale::En)
                .unwrap(),
            "The guides about A, B and C name no skills, so there is no card for them."
        );
        for intent in Intent::ALL {
            let [en, es] = [Locale::En, Locale::Es].map(|l| none(intent, &["Beekeeper"]).line(l));
            assert_ne!(en, es);
            assert!(en.unwrap().contains("Beekeeper") && es.unwrap().contains("Beekeeper"));
            assert_eq!(none(intent, &[]).line(Locale::En), None);
        }
        assert_eq!(NoCard::default().line(Locale::En), None);
        assert!(NoCard::default().lines(Locale::En).is_empty());
        let past = NoCard {
            past_limit: vec!["Back-End Developer".into()],
            ..none(Intent::Salary, &["Beekeeper"])
        };
        assert_eq!(
            past.lines(Locale::En),
            [
                "The guides about Beekeeper give no pay figures, so there is no card for it.",
                "Only the first 3 careers named get a card, so there is none for Back-End Developer."
            ]
        );
        assert_eq!(
            past.past_limit_line(Locale::Es).unwrap(),
            "Solo las 3 primeras carreras nombradas tienen ficha, así que Back-End Developer no tiene."
        );
    }

    /// No card when the guides do not answer; a career option narrows a comparison to its one
    /// card; a later page has none; a question about one career still gets exactly its card.
    #[test]
    fn several_careers_get_no_card_unless_confident_and_one_when_narrowed() {
        let dir = tempfile::tempdir().unwrap();
        let e = crate::engine::fixtures::careers_engine(dir.path());
        let a = asked(
            &e,
            "do electricians earn more than data analysts in Germany?",
            None,
        );
        assert_eq!(a.several.len(), 2);
        assert!(!a.verdict.confident);
        assert!(a.cards.is_empty());
        let q = "do electricians earn more than data analysts?";
        let narrowed = asked(&e, q, Some("Data Analyst"));
        assert!(narrowed.several.is_empty());
        assert_eq!(careers_of(&narrowed.cards), ["Data Analyst"]);
        let second_page = e.ask_with_card(q, e.page(1)).unwrap();
        assert_eq!(second_page.several.len(), 2);
        assert!(second_page.cards.is_empty());
        // One career (narrowed to, as every face does when the question names one): its one
        // card, as `Engine::card` makes it.
        for q in [
            "how much does a senior electrician earn",
            "what skills does a data analyst need",
        ] {
            let crate::engine::QuestionCareer::Named(career) = e.question_career(q) else {
                panic!("{q}: one career")
            };
            let a = asked(&e, q, Some(&career));
            assert!(a.several.is_empty(), "{q}");
            assert_eq!(a.cards.len(), 1, "{q}");
            assert_eq!(a.cards.first(), e.card(&a).as_ref(), "{q}");
        }
    }

    #[test]
    fn the_read_as_line_says_career_intent_and_level() {
        let card = card(Intent::Salary, Some(Level::Senior), false);
        assert_eq!(
            card.read_as(Locale::En),
            "Read as: Front-End Developer salary, senior"
        );
        assert_eq!(
            card.read_as(Locale::Es),
            "Leído como: Front-End Developer, salario, sénior"
        );
        let every = Card {
            every_level: true,
            ..card.clone()
        };
        assert!(every.read_as(Locale::En).contains("every level shown"));
        let none = Card {
            level: None,
            intent: Intent::Roadmap,
            ..card
        };
        assert_eq!(
            none.read_as(Locale::En),
            "Read as: Front-End Developer roadmap"
        );
        let tools = Card {
            intent: Intent::Skills,
            topic: Some(Topic::Tools),
            ..none
        };
        assert_eq!(
            tools.read_as(Locale::En),
            "Read as: Front-End Developer skills: tools"
        );
        assert_eq!(
            tools.read_as(Locale::Es),
            "Leído como: Front-End Developer, habilidades: herramientas"
        );
    }

    #[test]
    fn a_pay_question_asking_for_starting_pay_is_entry_level() {
        let levels = crate::answer::fixtures::vocab().levels();
        for q in [
            "starting salary for a paralegal",
            "what do paralegals make fresh out of school?",
            "what do paralegals make right out of school?",
            "how much do they pay in your first job?",
            "¿Cuánto cobra un peluquero recién salido del ciclo?",
        ] {
            assert_eq!(
                starting_level(levels, Intent::Salary, q),
                Some(Level::Entry),
                "{q}"
            );
        }
        // Other intents, a level word, or no word of starting: no level from this.
        assert_eq!(
            starting_level(levels, Intent::Roadmap, "how do I start as a paralegal?"),
            None
        );
        assert_eq!(
            starting_level(levels, Intent::Salary, "senior salary right out of school"),
            None
        );
        assert_eq!(
            starting_level(levels, Intent::Salary, "what do paralegals make?"),
            None
        );
    }
}
