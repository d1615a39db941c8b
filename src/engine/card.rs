//! The structured card an answer leads with when its question asks for pay, skills or the way up:
//! the same answer `salary`, `skills` or `roadmap` gives for the career and level the question was
//! read as — or none, when the guides hold nothing for that career or the verdict is not
//! confident. Every face shows the card the engine made; none makes its own.

use serde::Serialize;

use super::Intent;
use crate::answer::levels::{LevelWords, singular};
use crate::answer::roadmap::RoadmapAnswer;
use crate::answer::salary::{Level, SalaryAnswer};
use crate::answer::skills::SkillsAnswer;
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
        let intent = match self.intent {
            Intent::Salary => tr!(lang, "card-intent-salary"),
            Intent::Skills => tr!(lang, "card-intent-skills"),
            Intent::Roadmap => tr!(lang, "card-intent-roadmap"),
        };
        let career = self.career.as_str();
        let Some(level) = self.level else {
            return tr!(lang, "card-read-as", career = career, intent = intent);
        };
        let level = match level {
            Level::Entry => tr!(lang, "card-level-entry"),
            Level::Mid => tr!(lang, "card-level-mid"),
            Level::Senior => tr!(lang, "card-level-senior"),
            Level::Lead | Level::Overall => tr!(lang, "card-level-lead"),
        };
        let line = tr!(
            lang,
            "card-read-as-level",
            career = career,
            intent = intent,
            level = level
        );
        if self.every_level {
            tr!(lang, "card-every-level", line = line)
        } else {
            line
        }
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

    #[test]
    fn the_read_as_line_says_career_intent_and_level() {
        let card = Card {
            intent: Intent::Salary,
            career: "Front-End Developer".into(),
            level: Some(Level::Senior),
            every_level: false,
            answer: CardAnswer::Salary(SalaryAnswer {
                career: None,
                level: None,
                rows: Vec::new(),
                summaries: Vec::new(),
                notes: Vec::new(),
            }),
        };
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
    }
}
