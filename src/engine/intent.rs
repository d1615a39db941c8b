//! What a question asks for — pay, skills or the way up — read from its analysed words against
//! the cue table in `assets/intents.toml`, so `/ask` can lead with the matching structured answer
//! and a follow-up can carry the intent of the turn before it.

use std::fmt;

use serde::Deserialize;

use crate::analysis::Analyzer;

/// Weight of a hint, or of a cue matched through a soft question word.
const HINT: f32 = 0.5;
/// Least weight for a question to be read as an intent.
const ENOUGH: f32 = 1.0;

/// What a question asks for, when it asks for one of the structured answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Intent {
    /// Pay: the salary figures.
    Salary,
    /// What to know: the skills by topic.
    Skills,
    /// How the career goes: the roadmap's stages.
    Roadmap,
}

impl Intent {
    /// Every intent, in the table's order.
    pub const ALL: [Intent; 3] = [Intent::Salary, Intent::Skills, Intent::Roadmap];

    /// The intent's id, as in `assets/intents.toml` and JSON.
    pub fn id(self) -> &'static str {
        match self {
            Intent::Salary => "salary",
            Intent::Skills => "skills",
            Intent::Roadmap => "roadmap",
        }
    }

    /// The intent of an id.
    pub fn from_id(id: &str) -> Option<Intent> {
        Intent::ALL.into_iter().find(|i| i.id() == id)
    }
}

impl fmt::Display for Intent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// Why an intent table cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid intent table: {0}")]
pub struct IntentError(String);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IntentFile {
    salary: Cues,
    skills: Cues,
    roadmap: Cues,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Cues {
    cues: Vec<String>,
    #[serde(default)]
    hints: Vec<String>,
}

/// One analysed phrase and its weight.
#[derive(Debug)]
struct Phrase {
    terms: Vec<String>,
    weight: f32,
}

/// The cue phrases of every intent, analysed once.
#[derive(Debug)]
pub struct IntentTable {
    phrases: Vec<(Intent, Vec<Phrase>)>,
}

impl IntentTable {
    /// Reads the table, analysing every phrase with `analyzer` (as a question is).
    ///
    /// # Errors
    /// When the TOML is invalid, or a phrase has no word left after analysis (it could never
    /// match).
    pub fn from_toml(text: &str, analyzer: &Analyzer) -> Result<IntentTable, IntentError> {
        let file: IntentFile = toml::from_str(text).map_err(|e| IntentError(e.to_string()))?;
        let mut phrases = Vec::new();
        for (intent, cues) in Intent::ALL
            .into_iter()
            .zip([file.salary, file.skills, file.roadmap])
        {
            let mut list = Vec::new();
            for (words, weight) in cues
                .cues
                .iter()
                .map(|c| (c, 1.0))
                .chain(cues.hints.iter().map(|h| (h, HINT)))
            {
                let terms: Vec<String> = analyzer
                    .analyze_query(words)
                    .into_iter()
                    .map(|t| t.term.text.to_string())
                    .collect();
                if terms.is_empty() {
                    return Err(IntentError(format!(
                        "{intent}: \"{words}\" has no word left after analysis"
                    )));
                }
                // Forms the synonym table joins ("salary", "pay", "wage" → one term) count once.
                match list.iter_mut().find(|p: &&mut Phrase| p.terms == terms) {
                    Some(p) => p.weight = p.weight.max(weight),
                    None => list.push(Phrase { terms, weight }),
                }
            }
            phrases.push((intent, list));
        }
        Ok(IntentTable { phrases })
    }

    /// The intent `question` asks for, if one clearly leads.
    pub fn read(&self, analyzer: &Analyzer, question: &str) -> Option<Intent> {
        self.read_with_hint(analyzer, question, None)
    }

    /// [`IntentTable::read`], with one more hint for `hinted` (evidence read elsewhere, such as
    /// a skills topic the question names).
    pub fn read_with_hint(
        &self,
        analyzer: &Analyzer,
        question: &str,
        hinted: Option<Intent>,
    ) -> Option<Intent> {
        let tokens = analyzer.analyze_query(question);
        let mut best: Option<(Intent, f32)> = None;
        let mut tied = false;
        for (intent, phrases) in &self.phrases {
            let mut weight = if hinted == Some(*intent) { HINT } else { 0.0 };
            for p in phrases {
                // The phrase's best occurrence: a cue said with a soft word counts as a hint.
                let found = tokens
                    .windows(p.terms.len())
                    .filter(|w| w.iter().zip(&p.terms).all(|(t, p)| *t.term.text == **p))
                    .map(|w| {
                        if w.iter().any(|t| t.soft) {
                            p.weight.min(HINT)
                        } else {
                            p.weight
                        }
                    })
                    .fold(0.0_f32, f32::max);
                weight += found;
            }
            match best {
                Some((_, w)) if weight > w => {
                    best = Some((*intent, weight));
                    tied = false;
                }
                Some((_, w)) if weight == w => tied = true,
                None => best = Some((*intent, weight)),
                _ => {}
            }
        }
        match best {
            Some((intent, w)) if w >= ENOUGH && !tied => Some(intent),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Vocabulary;

    fn read(q: &str) -> Option<Intent> {
        let v = Vocabulary::shipped();
        v.intents().read(v.analyzer(), q)
    }

    #[test]
    fn pay_questions_are_salary_in_any_wording() {
        for q in [
            "How much does a nurse make?",
            "what's the pay like for electricians",
            "frontend salary",
            "¿Cuánto gana un programador backend con experiencia?",
            "hourly rate for a welder",
            "what do paralegals make right out of school?",
            "what does a plumber make an hour",
        ] {
            assert_eq!(read(q), Some(Intent::Salary), "{q}");
        }
    }

    #[test]
    fn a_soft_pay_word_alone_is_not_a_salary_question() {
        assert_eq!(read("How do I make my API respond faster?"), None);
    }

    #[test]
    fn skills_and_roadmap_questions() {
        assert_eq!(
            read("what skills does a data analyst need"),
            Some(Intent::Skills)
        );
        assert_eq!(read("habilidades de un electricista"), Some(Intent::Skills));
        assert_eq!(
            read("what's the career path from junior to senior?"),
            Some(Intent::Roadmap)
        );
        assert_eq!(read("how do I get promoted to lead"), Some(Intent::Roadmap));
    }

    #[test]
    fn questions_about_something_else_have_no_intent() {
        for q in [
            "interview tips",
            "is remote work common?",
            "do I need a degree",
            "",
            "🙂🙂🙂",
        ] {
            assert_eq!(read(q), None, "{q}");
        }
    }

    #[test]
    fn a_question_torn_between_two_intents_has_none() {
        assert_eq!(read("salary and skills of an electrician"), None);
    }

    #[test]
    fn a_phrase_that_analyses_to_nothing_is_refused() {
        let v = Vocabulary::shipped();
        let err = IntentTable::from_toml(
            "[salary]\ncues = [\"the\"]\n[skills]\ncues = [\"skill\"]\n[roadmap]\ncues = [\"roadmap\"]\n",
            v.analyzer(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("no word left"), "{err}");
    }

    #[test]
    fn ids_round_trip() {
        for i in Intent::ALL {
            assert_eq!(Intent::from_id(i.id()), Some(i));
        }
        assert_eq!(Intent::from_id("weather"), None);
    }
}
