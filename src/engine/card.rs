//! The structured card an answer leads with when its question asks for pay, skills or the way up:
//! the same answer `salary`, `skills` or `roadmap` gives for the career and level the question was
//! read as — or none, when the guides hold nothing for that career or the verdict is not
//! confident. Every face shows the card the engine made; none makes its own.

use serde::Serialize;

use super::Intent;
use crate::answer::levels::{LevelWords, singular};
use crate::answer::roadmap::RoadmapAnswer;
use crate::answer::salary::{Level, SalaryAnswer};
use crate::answer::skills::{SkillsAnswer, Topic};
use crate::i18n::Locale;
use crate::tr;

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
    let career_words: Vec<String> = career
        .split(|c: char| !c.is_alphanumeric())
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
}
