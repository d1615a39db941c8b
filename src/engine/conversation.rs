//! A conversation's context carried from turn to turn: what a follow-up names (career, level,
//! intent, skills topic) overrides what came before, what it leaves out is carried, and the
//! question is rebuilt from the merged context so it can be answered like any other question.
//!
//! Reading is general: the career comes from [`Engine::question_career`], the level from the
//! level words (`assets/levels.toml`), the intent from the cue table (`assets/intents.toml`) and
//! the topic from the skills topics' own names — nothing here knows one career's wording.

use super::card::{intent_word, level_word};
use super::{Engine, Intent, QuestionCareer};
use crate::answer::salary::Level;
use crate::answer::skills::Topic;
use crate::choices::choice_label;
use crate::i18n::Locale;
use crate::tr;

/// What a conversation is about so far: the merged reading of its turns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    /// The career, by the library's own name.
    pub career: Option<String>,
    /// The seniority asked about (never [`Level::Overall`]).
    pub level: Option<Level>,
    /// Pay, skills or the way up.
    pub intent: Option<Intent>,
    /// The skills topic (kept only while the intent is skills, or none).
    pub topic: Option<Topic>,
}

/// Which parts of a [`Reading`]'s context came from earlier turns.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Carried {
    /// The career.
    pub career: bool,
    /// The level.
    pub level: bool,
    /// The intent.
    pub intent: bool,
    /// The topic.
    pub topic: bool,
}

impl Carried {
    /// Whether anything was carried.
    pub fn any(self) -> bool {
        self.career || self.level || self.intent || self.topic
    }
}

/// How a turn of a conversation was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// The question as the member typed it (trimmed).
    pub question: String,
    /// The question to search: the typed words and the carried parts it does not say.
    pub query: String,
    /// The conversation's context after this turn.
    pub context: Context,
    /// What of the context came from earlier turns.
    pub carried: Carried,
}

impl Reading {
    /// How the question was read, in one line of `lang`: "Front-End Developer salary, senior",
    /// "Front-End Developer, salario, sénior". Every word but the career's name (as the guides
    /// name it) comes from the catalogue; the typed question when the context holds nothing.
    pub fn read_as(&self, lang: Locale) -> String {
        let c = &self.context;
        let intent = c.intent.map(|i| intent_word(i, lang));
        let head = match (&c.career, intent) {
            (Some(career), Some(intent)) => Some(tr!(
                lang,
                "read-as-career-intent",
                career = career.as_str(),
                intent = intent
            )),
            (Some(career), None) => Some(career.clone()),
            (None, intent) => intent,
        };
        let parts: Vec<String> = head
            .into_iter()
            .chain(c.level.map(|l| level_word(l, lang)))
            .chain(c.topic.map(|t| choice_label(lang, t).to_lowercase()))
            .collect();
        if parts.is_empty() {
            return self.question.clone();
        }
        parts.join(", ")
    }
}

/// A level as words a question would use ("entry level", "senior", "lead"), to search with.
fn level_words(level: Level) -> String {
    match level {
        Level::Lead => "lead".to_string(),
        other => other.label().to_lowercase(),
    }
}

impl Engine {
    /// Reads one turn of a conversation in the context of the turns before it (`before`, the
    /// empty context for a first turn): what the question names replaces what was carried, the
    /// rest is carried, and the question to search is rebuilt from the merged context.
    ///
    /// A question naming several careers, or an occupation no guide covers, carries no career
    /// (it is about those). A topic is kept only while the intent is skills (or unread).
    pub fn read_turn(&self, question: &str, before: &Context) -> Reading {
        let question = question.trim().to_string();
        let mut carried = Carried::default();
        let career = match self.question_career(&question) {
            QuestionCareer::Named(career) => Some(career),
            QuestionCareer::Several(_) | QuestionCareer::NotInLibrary(_) => None,
            QuestionCareer::None => {
                carried.career = before.career.is_some();
                before.career.clone()
            }
        };
        let level = match self.question_level(&question) {
            Some(level) => Some(level),
            None => {
                carried.level = before.level.is_some();
                before.level
            }
        };
        let intent = match self.intent(&question) {
            Some(intent) => Some(intent),
            None => {
                carried.intent = before.intent.is_some();
                before.intent
            }
        };
        let topic = match self.question_topic(&question) {
            Some(topic) => Some(topic),
            None if matches!(intent, None | Some(Intent::Skills)) => {
                carried.topic = before.topic.is_some();
                before.topic
            }
            None => None,
        };
        let context = Context {
            career,
            level,
            intent,
            topic,
        };
        let mut query = question.clone();
        let mut add = |words: &str| {
            query.push(' ');
            query.push_str(words);
        };
        if carried.level
            && let Some(level) = context.level
        {
            add(&level_words(level));
        }
        if carried.career
            && let Some(career) = &context.career
        {
            add(career);
        }
        if carried.intent
            && let Some(intent) = context.intent
        {
            add(intent.id());
        }
        if carried.topic
            && let Some(topic) = context.topic
        {
            add(&topic.label().to_lowercase());
        }
        Reading {
            question,
            query,
            context,
            carried,
        }
    }

    /// The seniority a question names, if any: its first level word, a guarded one ("lead",
    /// "staff") only when a role word follows it ("lead developer", "the lead level"), as the
    /// level table says of guarded words.
    pub fn question_level(&self, question: &str) -> Option<Level> {
        let levels = self.vocabulary().levels();
        levels
            .find(question, 0..question.len())
            .into_iter()
            .filter(|m| m.level != Level::Overall)
            .find(|m| {
                !m.guarded
                    || question[m.range.end..]
                        .split(|c: char| !c.is_alphanumeric() && c != '-')
                        .find(|w| !w.is_empty())
                        .is_some_and(|next| levels.is_role(next))
            })
            .map(|m| m.level)
    }

    /// The skills topic a question names by the topic's own name, or one side of it
    /// ("databases", "soft skills", "licenses" of "Certifications & licenses"),
    /// compared after analysis (so plurals, case and translations the synonym table knows
    /// match); the most specific when several do.
    pub fn question_topic(&self, question: &str) -> Option<Topic> {
        let analyzer = self.vocabulary().analyzer();
        let terms = |text: &str| -> Vec<String> {
            analyzer
                .analyze_query(text)
                .into_iter()
                .map(|t| t.term.text.to_string())
                .collect()
        };
        let asked = terms(question);
        Topic::ALL
            .into_iter()
            .filter(|t| *t != Topic::All)
            .filter_map(|t| {
                // "Cloud & DevOps" is named by "cloud" or by "DevOps".
                t.label()
                    .split(['&', '/'])
                    .map(&terms)
                    .filter(|named| !named.is_empty() && named.iter().all(|w| asked.contains(w)))
                    .map(|named| (named.len(), t))
                    .max_by_key(|(words, _)| *words)
            })
            .max_by_key(|(words, _)| *words)
            .map(|(_, t)| t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::fixtures::careers_engine;

    fn engine() -> &'static Engine {
        static ENGINE: std::sync::OnceLock<(tempfile::TempDir, Engine)> =
            std::sync::OnceLock::new();
        &ENGINE
            .get_or_init(|| {
                let dir = tempfile::tempdir().unwrap();
                let engine = careers_engine(dir.path());
                (dir, engine)
            })
            .1
    }

    /// Reads a chain of turns, each in the context the one before left.
    fn chain(turns: &[&str]) -> Vec<Reading> {
        let mut context = Context::default();
        turns
            .iter()
            .map(|q| {
                let reading = engine().read_turn(q, &context);
                context = reading.context.clone();
                reading
            })
            .collect()
    }

    #[test]
    fn a_level_alone_carries_the_career_and_intent_before_it() {
        let r = chain(&["frontend developer salary", "and for seniors?"]);
        assert_eq!(
            r[0].context.career.as_deref(),
            Some("Front-End Developer"),
            "{:?}",
            r[0]
        );
        assert_eq!(r[0].context.intent, Some(Intent::Salary));
        assert!(!r[0].carried.any());
        let second = &r[1];
        assert_eq!(
            second.context,
            Context {
                career: Some("Front-End Developer".into()),
                level: Some(Level::Senior),
                intent: Some(Intent::Salary),
                topic: None,
            }
        );
        assert!(second.carried.career && second.carried.intent && !second.carried.level);
        assert_eq!(
            second.read_as(Locale::En),
            "Front-End Developer salary, senior"
        );
        assert!(
            second.query.starts_with("and for seniors?")
                && second.query.contains("Front-End Developer")
                && second.query.contains("salary"),
            "{}",
            second.query
        );
    }

    #[test]
    fn a_turn_naming_another_career_changes_it_and_keeps_the_rest() {
        let r = chain(&[
            "how much does a junior data analyst earn?",
            "what about electricians?",
        ]);
        assert_eq!(r[0].context.career.as_deref(), Some("Data Analyst"));
        assert_eq!(r[0].context.level, Some(Level::Entry));
        let second = &r[1];
        assert_eq!(second.context.career.as_deref(), Some("Electrician"));
        assert!(!second.carried.career);
        assert_eq!(second.context.level, Some(Level::Entry));
        assert_eq!(second.context.intent, Some(Intent::Salary));
        assert_eq!(
            second.read_as(Locale::En),
            "Electrician salary, entry level"
        );
        assert!(!second.query.contains("Data Analyst"), "{}", second.query);
    }

    #[test]
    fn a_turn_naming_nothing_carries_everything() {
        let r = chain(&[
            "what is the career path of a product manager?",
            "how long does that take?",
        ]);
        assert_eq!(r[0].context.career.as_deref(), Some("Product Manager"));
        assert_eq!(r[0].context.intent, Some(Intent::Roadmap));
        let second = &r[1];
        assert_eq!(second.context, r[0].context, "{second:?}");
        assert!(second.carried.career && second.carried.intent);
        assert!(second.query.contains("Product Manager") && second.query.contains("roadmap"));
        assert_eq!(second.read_as(Locale::En), "Product Manager roadmap");
    }

    #[test]
    fn a_topic_is_named_by_its_name_or_one_side_of_it() {
        let e = engine();
        assert_eq!(
            e.question_topic("what tools do they use"),
            Some(Topic::Tools)
        );
        assert_eq!(
            e.question_topic("do I need a license?"),
            Some(Topic::Certifications)
        );
        assert_eq!(
            e.question_topic("is cloud worth learning"),
            Some(Topic::CloudDevops)
        );
        assert_eq!(
            e.question_topic("which soft skills matter"),
            Some(Topic::SoftSkills)
        );
        assert_eq!(e.question_topic("how much do they earn"), None);
    }

    /// Naming a topic is a hint of skills: with another hint ("tools"), enough; alone, not.
    #[test]
    fn a_named_topic_hints_at_skills() {
        let e = engine();
        assert_eq!(
            e.intent("what tools do electricians use?"),
            Some(Intent::Skills)
        );
        assert_eq!(e.intent("is there job security in this field?"), None);
    }

    #[test]
    fn a_new_intent_replaces_the_old_and_a_topic_lives_with_skills() {
        let r = chain(&[
            "senior back-end developer skills",
            "which databases?",
            "and the pay?",
        ]);
        assert_eq!(r[0].context.career.as_deref(), Some("Back-End Developer"));
        assert_eq!(r[1].context.topic, Some(Topic::Databases));
        assert_eq!(r[1].context.intent, Some(Intent::Skills));
        assert_eq!(r[1].context.level, Some(Level::Senior));
        assert_eq!(r[2].context.intent, Some(Intent::Salary));
        assert_eq!(r[2].context.topic, None, "a topic is about skills");
        assert_eq!(r[2].context.level, Some(Level::Senior));
        assert_eq!(r[2].context.career.as_deref(), Some("Back-End Developer"));
    }

    #[test]
    fn a_guarded_level_word_counts_only_before_a_role() {
        let e = engine();
        assert_eq!(
            e.question_level("what about the lead level?"),
            Some(Level::Lead)
        );
        assert_eq!(
            e.question_level("and for a staff engineer?"),
            Some(Level::Lead)
        );
        assert_eq!(e.question_level("who would I lead?"), None);
        assert_eq!(e.question_level("how do I master the basics?"), None);
        assert_eq!(e.question_level("and for juniors?"), Some(Level::Entry));
    }

    #[test]
    fn a_first_turn_carries_nothing_and_reads_as_itself_when_it_names_nothing() {
        let r = engine().read_turn("  how do I write a cover letter?  ", &Context::default());
        assert!(!r.carried.any());
        assert_eq!(r.query, "how do I write a cover letter?");
        assert_eq!(r.read_as(Locale::En), "how do I write a cover letter?");
    }

    #[test]
    fn a_question_about_several_careers_carries_none() {
        let before = Context {
            career: Some("Electrician".into()),
            ..Context::default()
        };
        let r = engine().read_turn("data analyst or product manager salary?", &before);
        assert_eq!(r.context.career, None, "{r:?}");
        assert!(!r.carried.career);
    }
}
