//! Counting skills across guides: each skill's guides and mentions (every mention cited), the
//! passages that cover each topic best, and the level expectations. Run once per index
//! generation over every guide, in file-name order; a request only filters by topic and level.

use std::collections::{BTreeMap, HashSet};

use super::extract::{extract_expectations, extract_mentions};
use super::{
    BEST_PASSAGES, Level, LevelExpectation, Place, SkillCitation, SkillMention, SkillsAnswer,
    Topic, TopicPassage,
};
use crate::answer::citation::Citation;
use crate::corpus::{Heading, Passage, parent_heading};
use crate::vocab::Vocabulary;
use serde::{Deserialize, Serialize};

/// Citations listed per skill (its `guides` and `mentions` count every one; a library of more
/// guides lists the first lines by file name).
pub const MAX_CITATIONS_PER_SKILL: usize = 100;
/// Expectations listed per level.
pub const MAX_EXPECTATIONS_PER_LEVEL: usize = 50;

/// A skill's key: a lexicon skill by its name, or a guide's own skill by its analysed terms.
type SkillKey = (Origin, String);

/// Where a skill comes from (lexicon skills sort first among equals, as they always did).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Origin {
    Lexicon,
    Guide,
}

/// One guide's skills facts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GuideSkills {
    /// The career the guide is about.
    career: String,
    /// Per skill named: its key, name, topic and citations (one per line, in line order).
    mentions: Vec<(SkillKey, String, Topic, Vec<SkillCitation>)>,
    /// Per topic, the guide's best passages for it (at most [`BEST_PASSAGES`]), best first.
    best: Vec<(Topic, Vec<Ranked>)>,
    /// What the guide expects at each level, each once, in line order.
    expectations: Vec<LevelExpectation>,
}

/// A passage ranked for a topic: distinct skills of the topic it names (more is better), then
/// its length (shorter is better), then where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Ranked {
    named: usize,
    chars: usize,
    passage: TopicPassage,
}

impl Ranked {
    fn key(&self) -> (std::cmp::Reverse<usize>, usize, &str, u32) {
        (
            std::cmp::Reverse(self.named),
            self.chars,
            &self.passage.cite.source,
            self.passage.cite.start_line,
        )
    }
}

/// Keeps the best [`BEST_PASSAGES`] of `list`.
fn keep_best(list: &mut Vec<Ranked>) {
    list.sort_by(|a, b| a.key().cmp(&b.key()));
    list.truncate(BEST_PASSAGES);
}

/// A skill's citations by source and line.
type ByLine = BTreeMap<(String, u32), SkillCitation>;

/// One skill named on one line of a passage.
struct Named {
    key: SkillKey,
    name: String,
    topic: Topic,
    citation: SkillCitation,
}

/// Every skill a passage names: the lexicon's anywhere, and the guide's own in its skill lists
/// (its sub-headings too, under a heading that lists skills: see [`Place`]).
/// Inside an item kept in the guide's words, a lexicon skill written in lower case is part of
/// that skill ("usability testing" is not "Software testing"); a name written capitalised
/// ("prototyping in Figma") is still a tool of its own. An item a wrapped line breaks holds the
/// words of each of its lines ("safety circuit / testing").
fn named_in(vocab: &Vocabulary, p: &Passage, place: Place<'_>) -> Vec<Named> {
    let own = vocab
        .skill_sections()
        .extract(vocab.skills(), vocab.levels(), p, place);
    let inside_own_item = |line: u32, surface: &str| {
        surface.starts_with(|c: char| c.is_lowercase())
            && own
                .iter()
                .any(|s| (s.line..=s.last_line).contains(&line) && s.surface.contains(surface))
    };
    let mut out: Vec<Named> = extract_mentions(vocab.skills(), p)
        .into_iter()
        .filter(|m| !inside_own_item(m.citation.cite.line, &m.citation.surface))
        .map(|m| Named {
            key: (Origin::Lexicon, m.skill.clone()),
            name: m.skill,
            topic: m.topic,
            citation: m.citation,
        })
        .collect();
    out.extend(own.into_iter().map(|s| Named {
        key: (Origin::Guide, s.key),
        name: s.name,
        topic: s.topic,
        citation: SkillCitation {
            cite: Citation::at(p, s.line),
            surface: s.surface,
        },
    }));
    out
}

/// Whether a heading is its guide's title: the title as the manifest or page gives it, or the
/// guide's only `#` heading. A title names what the whole text is about ("Medical Interpreter:
/// Career Guide, Skills and Certification"), so the sections under it are no list of skills.
fn is_title(outline: &[Heading], heading: &Heading, title: &str) -> bool {
    heading.text.trim() == title.trim()
        || (heading.depth == 1 && outline.iter().filter(|h| h.depth == 1).count() == 1)
}

/// The skills facts of `passages` (one guide's, about `career`, whose Markdown headings are
/// `outline`; or any set: mentions are per source and line).
pub fn extract_guide(
    vocab: &Vocabulary,
    career: &str,
    passages: &[Passage],
    outline: &[Heading],
) -> GuideSkills {
    let mut lines: BTreeMap<SkillKey, (String, Topic, ByLine)> = BTreeMap::new();
    let mut best: Vec<(Topic, Vec<Ranked>)> = Topic::ALL.iter().map(|&t| (t, Vec::new())).collect();
    for p in passages {
        let place = Place {
            depth: outline
                .iter()
                .find(|h| h.line == p.start_line)
                .map(|h| h.depth),
            parent: parent_heading(outline, p.start_line)
                .filter(|h| !is_title(outline, h, &p.title))
                .map(|h| h.text.as_str()),
        };
        let mentions = named_in(vocab, p, place);
        if mentions.is_empty() {
            continue;
        }
        for (topic, list) in &mut best {
            let mut named: Vec<String> = Vec::new();
            let mut first_line = None;
            for m in mentions.iter().filter(|m| topic.includes(m.topic)) {
                if !named.contains(&m.name) {
                    named.push(m.name.clone());
                }
                first_line = Some(
                    first_line.map_or(m.citation.cite.line, |l: u32| l.min(m.citation.cite.line)),
                );
            }
            if let Some(line) = first_line {
                list.push(Ranked {
                    named: named.len(),
                    chars: p.text.chars().count(),
                    passage: TopicPassage {
                        cite: Citation::at(p, line),
                        skills: named,
                        text: p.text.clone(),
                    },
                });
                keep_best(list);
            }
        }
        for m in mentions {
            lines
                .entry(m.key)
                .or_insert_with(|| (m.name, m.topic, BTreeMap::new()))
                .2
                .entry((m.citation.cite.source.clone(), m.citation.cite.line))
                .or_insert(m.citation);
        }
    }
    let mut seen = HashSet::new();
    let mut expectations: Vec<LevelExpectation> = passages
        .iter()
        .flat_map(extract_expectations)
        .filter(|e| seen.insert((e.level, e.cite.source.clone(), e.cite.line, e.text.clone())))
        .collect();
    expectations.sort_by(|a, b| {
        (a.level, &a.cite.source, a.cite.line).cmp(&(b.level, &b.cite.source, b.cite.line))
    });
    GuideSkills {
        career: career.to_string(),
        mentions: lines
            .into_iter()
            .map(|(key, (name, topic, cites))| (key, name, topic, cites.into_values().collect()))
            .collect(),
        best,
        expectations,
    }
}

/// A skill's count across guides.
#[derive(Debug, Clone, Default)]
struct Tally {
    name: String,
    topic: Option<Topic>,
    guides: u32,
    mentions: u32,
    citations: Vec<SkillCitation>,
    last_source: Option<String>,
}

/// One career's skills, gathered guide by guide.
#[derive(Debug, Clone, Default)]
struct CareerGathering {
    tallies: BTreeMap<SkillKey, Tally>,
    best: BTreeMap<Topic, Vec<Ranked>>,
    expectations: BTreeMap<Level, Vec<LevelExpectation>>,
}

/// The skills facts of a whole library, gathered guide by guide in file-name order, career by
/// career.
#[derive(Debug, Clone, Default)]
pub struct SkillsGathering {
    careers: BTreeMap<String, CareerGathering>,
}

impl SkillsGathering {
    /// Adds one guide's facts.
    pub fn gather(&mut self, guide: GuideSkills) {
        let career = self.careers.entry(guide.career).or_default();
        for (key, name, topic, citations) in guide.mentions {
            let t = career.tallies.entry(key).or_default();
            if t.topic.is_none() {
                t.name = name;
                t.topic = Some(topic);
            }
            for c in citations {
                if t.last_source.as_deref() != Some(c.cite.source.as_str()) {
                    t.guides += 1;
                    t.last_source = Some(c.cite.source.clone());
                }
                t.mentions += 1;
                if t.citations.len() < MAX_CITATIONS_PER_SKILL {
                    t.citations.push(c);
                }
            }
        }
        for (topic, ranked) in guide.best {
            let list = career.best.entry(topic).or_default();
            list.extend(ranked);
            keep_best(list);
        }
        for e in guide.expectations {
            let list = career.expectations.entry(e.level).or_default();
            if list.len() < MAX_EXPECTATIONS_PER_LEVEL {
                list.push(e);
            }
        }
    }

    /// Each career's skills (most guides first, then most mentions, then name), best passages
    /// per topic, and level expectations.
    pub fn finish(self) -> SkillsFacts {
        SkillsFacts {
            careers: self
                .careers
                .into_iter()
                .map(|(career, g)| career_skills(career, g))
                .collect(),
        }
    }
}

fn career_skills(career: String, g: CareerGathering) -> CareerSkills {
    let mut skills: Vec<SkillMention> = g
        .tallies
        .into_values()
        .map(|t| SkillMention {
            name: t.name,
            career: career.clone(),
            topic: t.topic.unwrap_or(Topic::All),
            guides: t.guides,
            mentions: t.mentions,
            citations: t.citations,
        })
        .collect();
    skills.sort_by(|a, b| {
        b.guides
            .cmp(&a.guides)
            .then(b.mentions.cmp(&a.mentions))
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    CareerSkills {
        career,
        skills,
        best: g
            .best
            .into_iter()
            .map(|(t, list)| (t, list.into_iter().map(|r| r.passage).collect()))
            .collect(),
        expectations: g.expectations.into_values().flatten().collect(),
    }
}

/// What a generation knows about one career's skills.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CareerSkills {
    /// The career.
    pub career: String,
    /// Every skill named, most guides first.
    pub skills: Vec<SkillMention>,
    /// The best passages of each topic.
    pub best: Vec<(Topic, Vec<TopicPassage>)>,
    /// Every level's expectations, by level, source and line.
    pub expectations: Vec<LevelExpectation>,
}

/// What a generation knows about skills: each career's, by career name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillsFacts {
    pub careers: Vec<CareerSkills>,
}

impl SkillsFacts {
    /// The answer for one topic, with a level's expectations (every level's for
    /// [`Level::Overall`]; none without a level): one career's (by its exact name), or every
    /// career's one after another, each skill saying which career it is about.
    pub fn answer(&self, career: Option<&str>, topic: Topic, level: Option<Level>) -> SkillsAnswer {
        let mut answer = SkillsAnswer {
            topic,
            level,
            career: career.map(str::to_string),
            skills: Vec::new(),
            passages: Vec::new(),
            expectations: Vec::new(),
        };
        for c in self
            .careers
            .iter()
            .filter(|c| career.is_none_or(|want| c.career == want))
        {
            answer
                .skills
                .extend(c.skills.iter().filter(|s| topic.includes(s.topic)).cloned());
            answer.passages.extend(
                c.best
                    .iter()
                    .find(|(t, _)| *t == topic)
                    .map(|(_, p)| p.clone())
                    .unwrap_or_default(),
            );
            if let Some(want) = level {
                answer.expectations.extend(
                    c.expectations
                        .iter()
                        .filter(|e| want == Level::Overall || e.level == want)
                        .cloned(),
                );
            }
        }
        answer
    }

    /// The careers that have skills.
    pub fn careers(&self) -> impl Iterator<Item = &str> {
        self.careers.iter().map(|c| c.career.as_str())
    }
}

/// The skills answer over `passages` for `topic`, with `level`'s expectations: what a
/// generation built from these passages answers for every career (passages are taken guide by
/// guide, in file-name order; each guide's career is its passages'). Without the guides'
/// outlines, sub-headings are not read as skills.
pub fn skills_answer(
    vocab: &Vocabulary,
    passages: &[Passage],
    topic: Topic,
    level: Option<Level>,
) -> SkillsAnswer {
    let mut by_source: BTreeMap<&str, Vec<Passage>> = BTreeMap::new();
    for p in passages {
        by_source.entry(&p.source).or_default().push(p.clone());
    }
    let mut gathering = SkillsGathering::default();
    for guide in by_source.values() {
        let career = guide.first().map(|p| p.career.as_str()).unwrap_or_default();
        gathering.gather(extract_guide(vocab, career, guide, &[]));
    }
    gathering.finish().answer(None, topic, level)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::answer::fixtures::{all_seed_passages, seed_text, vocab};
    use crate::answer::skills::ExpectationForm;
    use std::collections::BTreeSet;

    fn passage_in(section: &str, start_line: u32, text: &str) -> Passage {
        let n = text.split('\n').count() as u32;
        Passage {
            source: "t.txt".into(),
            title: "Test guide".into(),
            career: String::new(),
            section: section.into(),
            url: None,
            start_line,
            end_line: 10 + n - 1,
            text: text.into(),
            line_numbers: (10..10 + n).collect(),
        }
    }

    // --- the answer ----------------------------------------------------------

    fn guide(source: &str, section: &str, text: &str) -> Passage {
        let mut p = passage_in(section, 10, text);
        p.source = source.into();
        p
    }

    #[test]
    fn ordering_by_guides_then_mentions_then_name() {
        let ps = vec![
            guide(
                "a.txt",
                "S",
                "MySQL and Redis\nRedis again\nRedis and MySQL again",
            ),
            guide("b.txt", "S", "MongoDB and MySQL\nMongoDB"),
            guide("c.txt", "S", "Redis, Cassandra"),
        ];
        let a = skills_answer(vocab(), &ps, Topic::Databases, None);
        let got: Vec<(&str, u32, u32)> = a
            .skills
            .iter()
            .map(|s| (s.name.as_str(), s.guides, s.mentions))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Redis", 2, 4),
                ("MySQL", 2, 3),
                ("MongoDB", 1, 2),
                ("Cassandra", 1, 1),
            ]
        );
        // One mention per line, however often the line names it.
        let ps = vec![guide("a.txt", "S", "Redis, Redis and Redis")];
        assert_eq!(
            skills_answer(vocab(), &ps, Topic::Databases, None).skills[0].mentions,
            1
        );
        // The same passage twice counts once.
        let p = guide("a.txt", "S", "Redis");
        assert_eq!(
            skills_answer(vocab(), &[p.clone(), p], Topic::Databases, None).skills[0].mentions,
            1
        );
        assert!(skills_answer(vocab(), &ps, Topic::Security, None).is_empty());
        assert!(skills_answer(vocab(), &ps, Topic::All, None).skills.len() == 1);
    }

    #[test]
    fn best_passages_by_distinct_skills_then_shorter() {
        let ps = vec![
            guide(
                "a.txt",
                "Long",
                "MySQL and Redis, two stores that many teams run side by side.",
            ),
            guide("b.txt", "Short", "MySQL and Redis."),
            guide("c.txt", "One", "MongoDB MongoDB MongoDB"),
            guide("d.txt", "Three", "MySQL, Redis, MongoDB"),
            guide("e.txt", "None", "Python"),
        ];
        let a = skills_answer(vocab(), &ps, Topic::Databases, None);
        let got: Vec<&str> = a.passages.iter().map(|p| p.cite.section.as_str()).collect();
        assert_eq!(got, vec!["Three", "Short", "Long"]);
        assert_eq!(a.passages[0].skills, vec!["MySQL", "Redis", "MongoDB"]);
    }

    #[test]
    fn json_items_carry_their_citation() {
        let ps = vec![guide(
            "a.txt",
            "S",
            "Docker\nJunior developers are expected to ship Docker images.",
        )];
        let a = skills_answer(vocab(), &ps, Topic::CloudDevops, Some(Level::Entry));
        let v = serde_json::to_value(&a).unwrap();
        assert_eq!(v["topic"], "cloud_devops");
        assert_eq!(v["level"], "entry");
        for item in v["skills"][0]["citations"]
            .as_array()
            .unwrap()
            .iter()
            .chain(v["passages"].as_array().unwrap())
            .chain(v["expectations"].as_array().unwrap())
        {
            for key in ["source", "line", "start_line", "end_line"] {
                assert!(
                    item[key].is_string() || item[key].is_u64(),
                    "{key} in {item}"
                );
            }
        }
        assert_eq!(v["expectations"][0]["form"], "sentence");
        let back: SkillsAnswer = serde_json::from_value(v).unwrap();
        assert_eq!(back, a);
        let m = serde_json::to_value(&extract_mentions(vocab().skills(), &ps[0])[0]).unwrap();
        assert_eq!(m["skill"], "Docker");
        assert_eq!(m["line"], 10);
        assert_eq!(m["surface"], "Docker");
    }

    #[test]
    fn careers_never_mix() {
        let mut nurse = guide(
            "n.md",
            "Clinical skills",
            "- Wound care\n- IV insertion\n- Docker",
        );
        nurse.career = "Nurse".into();
        let mut dev = guide("d.md", "S", "Docker and Redis");
        dev.career = "Back-End Developer".into();
        let mut gathering = SkillsGathering::default();
        for p in [&dev, &nurse] {
            gathering.gather(extract_guide(
                vocab(),
                &p.career,
                std::slice::from_ref(p),
                &[],
            ));
        }
        let facts = gathering.finish();
        assert_eq!(
            facts.careers().collect::<Vec<_>>(),
            vec!["Back-End Developer", "Nurse"]
        );
        let a = facts.answer(Some("Nurse"), Topic::All, None);
        let names: Vec<&str> = a.skills.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, vec!["Docker", "IV insertion", "Wound care"]);
        assert!(a.skills.iter().all(|s| s.career == "Nurse"));
        assert!(a.passages.iter().all(|p| p.cite.career == "Nurse"));
        // Technical holds the guide's own skills and the lexicon's finer technical topics.
        let t = facts.answer(Some("Nurse"), Topic::Technical, None);
        assert_eq!(t.skills.len(), 3, "{:?}", t.skills);
        assert!(facts.answer(Some("Nurse"), Topic::Tools, None).is_empty());
        // Every career, each skill saying which; Docker is counted once per career.
        let all = facts.answer(None, Topic::All, None);
        assert_eq!(all.careers(), vec!["Back-End Developer", "Nurse"]);
        assert_eq!(all.skills.iter().filter(|s| s.name == "Docker").count(), 2);
        assert!(
            all.summary().starts_with("Back-End Developer: "),
            "{}",
            all.summary()
        );
        assert!(all.summary().contains(" Nurse: "), "{}", all.summary());
    }

    #[test]
    fn usability_testing_is_not_software_testing_but_figma_is_figma() {
        let p = guide(
            "ux.html",
            "Skills employers look for",
            "- User research and usability testing\n- Wireframing and prototyping in Figma",
        );
        let facts = {
            let mut g = SkillsGathering::default();
            g.gather(extract_guide(
                vocab(),
                "UX Designer",
                std::slice::from_ref(&p),
                &[],
            ));
            g.finish()
        };
        let a = facts.answer(Some("UX Designer"), Topic::All, None);
        let names: Vec<&str> = a.skills.iter().map(|s| s.name.as_str()).collect();
        assert!(!names.contains(&"Software testing"), "{names:?}");
        assert!(
            names.contains(&"User research and usability testing"),
            "{names:?}"
        );
        assert!(
            names.contains(&"Wireframing and prototyping in Figma"),
            "{names:?}"
        );
        assert!(names.contains(&"Figma"), "{names:?}");
    }

    #[test]
    fn sections_under_the_guides_title_are_no_list() {
        // "# … Skills and Certification" titles the whole guide: its sections' headings are no
        // certifications, though their text goes on to use their words.
        let outline = [
            Heading {
                line: 1,
                depth: 1,
                text: "Medical Interpreter: Career Guide, Skills and Certification".into(),
            },
            Heading {
                line: 10,
                depth: 2,
                text: "A day on the job".into(),
            },
        ];
        let mut p = guide(
            "mi.md",
            "A day on the job",
            "Interpreters move between units all day.",
        );
        p.title = "Medical interpreter guide".into();
        let g = extract_guide(vocab(), "Medical Interpreter", &[p.clone()], &outline);
        assert!(g.mentions.is_empty(), "{:?}", g.mentions);
        // Under a section heading that lists skills, the same sub-heading names one.
        let mut outline = outline;
        outline[0].depth = 2;
        outline[0].text = "Certification".into();
        outline[1].depth = 3;
        let g = extract_guide(vocab(), "Medical Interpreter", &[p], &outline);
        assert_eq!(g.mentions.len(), 1, "{:?}", g.mentions);
    }

    #[test]
    fn a_lexicon_word_inside_a_wrapped_own_item_is_part_of_it() {
        // "safety circuit / testing" is one item of the guide's list, broken by a wrapped line:
        // its "testing" on the next line is not software testing.
        let p = guide(
            "em.md",
            "Skills you'll need",
            "You should be comfortable with PLC programming, door operator adjustment and safety circuit\ntesting, plus good customer manners.",
        );
        let facts = {
            let mut g = SkillsGathering::default();
            g.gather(extract_guide(
                vocab(),
                "Elevator Mechanic",
                std::slice::from_ref(&p),
                &[],
            ));
            g.finish()
        };
        let a = facts.answer(Some("Elevator Mechanic"), Topic::All, None);
        let got: Vec<(&str, u32)> = a
            .skills
            .iter()
            .map(|s| (s.name.as_str(), s.citations[0].cite.line))
            .collect();
        assert!(
            !got.iter().any(|(n, _)| *n == "Software testing"),
            "{got:?}"
        );
        assert!(got.contains(&("Safety circuit testing", 10)), "{got:?}");
        assert!(got.contains(&("Good customer manners", 11)), "{got:?}");
    }

    #[test]
    fn summary_line() {
        let ps = vec![
            guide("a.txt", "S", "Redis"),
            guide("b.txt", "S", "Redis and MySQL"),
        ];
        let a = skills_answer(vocab(), &ps, Topic::Databases, None);
        assert_eq!(
            a.summary(),
            "Databases the guides name, most cited first: Redis (2 guides), MySQL (1 guide)."
        );
        let a = skills_answer(vocab(), &ps, Topic::Security, None);
        assert_eq!(a.summary(), "The guides name no skills under security.");
    }

    // --- the five seed guides ------------------------------------------------

    fn source_line(source: &str, line: u32) -> String {
        seed_text(source)
            .lines()
            .nth(line as usize - 1)
            .unwrap_or_else(|| panic!("{source}:{line} past the end"))
            .to_string()
    }

    fn terms(text: &str) -> HashSet<String> {
        vocab()
            .analyzer()
            .analyze(text)
            .into_iter()
            .map(|t| t.text.to_string())
            .collect()
    }

    #[test]
    fn seed_every_mention_is_on_its_cited_line() {
        let lex = vocab().skills();
        let a = skills_answer(
            vocab(),
            &all_seed_passages(),
            Topic::All,
            Some(Level::Overall),
        );
        assert!(a.skills.len() > 50, "{}", a.skills.len());
        for s in &a.skills {
            // A skill in the guide's own words has no forms: its surface is on its line.
            let info = lex.skills().iter().find(|i| i.name == s.name);
            let form_terms: Option<HashSet<String>> =
                info.map(|i| i.forms.iter().flat_map(|f| terms(f)).collect());
            let sources: BTreeSet<&str> =
                s.citations.iter().map(|c| c.cite.source.as_str()).collect();
            assert_eq!(s.guides as usize, sources.len(), "{}", s.name);
            assert_eq!(s.mentions as usize, s.citations.len(), "{}", s.name);
            for c in &s.citations {
                let line = source_line(&c.cite.source, c.cite.line);
                assert!(
                    line.contains(&c.surface),
                    "{}: {:?} not on {}:{} {line:?}",
                    s.name,
                    c.surface,
                    c.cite.source,
                    c.cite.line
                );
                assert!(
                    c.cite.start_line <= c.cite.line && c.cite.line <= c.cite.end_line,
                    "{c:?}"
                );
                // The surface is one of the skill's forms, as the analyzer reads both.
                let Some(form_terms) = &form_terms else {
                    continue;
                };
                assert!(
                    terms(&c.surface).iter().any(|t| form_terms.contains(t)),
                    "{}: {:?}",
                    s.name,
                    c.surface
                );
            }
        }
        // Ordered by guides, then mentions, then name.
        for w in a.skills.windows(2) {
            assert!(
                (w[0].guides, w[0].mentions) >= (w[1].guides, w[1].mentions),
                "{} before {}",
                w[0].name,
                w[1].name
            );
        }
    }

    #[test]
    fn seed_databases_topic() {
        let a = skills_answer(vocab(), &all_seed_passages(), Topic::Databases, None);
        let guides = |name: &str| {
            a.skills
                .iter()
                .find(|s| s.name == name)
                .unwrap_or_else(|| panic!("{name} missing: {:?}", a.skills))
                .guides
        };
        for db in ["PostgreSQL", "MySQL", "MongoDB"] {
            assert!(guides(db) >= 3, "{db}");
        }
        assert!(guides("Redis") >= 3);
        for db in [
            "SQL Server",
            "Oracle Database",
            "Firebase",
            "Cassandra",
            "NoSQL",
        ] {
            assert!(guides(db) >= 1, "{db}");
        }
        assert!(a.skills.iter().all(|s| s.topic == Topic::Databases));
        // 003's database list names the most distinct databases.
        let best = &a.passages[0];
        assert!(best.cite.source.starts_with("003"), "{best:?}");
        assert!(best.skills.len() >= 8);
        assert!(a.passages.len() >= 2 && a.passages.len() <= BEST_PASSAGES);
        for w in a.passages.windows(2) {
            assert!(w[0].skills.len() >= w[1].skills.len());
        }
        for p in &a.passages {
            assert!(p.cite.start_line <= p.cite.line && p.cite.line <= p.cite.end_line);
        }
    }

    #[test]
    fn seed_languages_topic() {
        let a = skills_answer(vocab(), &all_seed_passages(), Topic::Languages, None);
        let get = |name: &str| a.skills.iter().find(|s| s.name == name).unwrap();
        assert_eq!(get("Python").guides, 5);
        assert_eq!(get("Java").guides, 5);
        assert_eq!(get("JavaScript / Node.js").guides, 5);
        assert_eq!(get("Go").guides, 4);
        assert!(get("Go").citations.iter().all(|c| c.surface == "Go"));
        assert_eq!(get("C# / .NET").guides, 3);
        assert_eq!(get("Rust").guides, 1);
        assert!(get("SQL").guides >= 3);
        // "SQL" inside "NoSQL", "MySQL", "SQL Server", "SQL injection" is not the SQL language.
        for c in &get("SQL").citations {
            let line = source_line(&c.cite.source, c.cite.line);
            assert!(
                line.replace("NoSQL", "")
                    .replace("MySQL", "")
                    .replace("SQL Server", "")
                    .replace("SQL injection", "")
                    .contains("SQL"),
                "{c:?}"
            );
        }
        assert_eq!(a.skills[0].name, "Python");
    }

    #[test]
    fn seed_other_topics() {
        let ps = all_seed_passages();
        let top = |t: Topic| -> Vec<String> {
            skills_answer(vocab(), &ps, t, None)
                .skills
                .iter()
                .map(|s| s.name.clone())
                .collect()
        };
        let fw = top(Topic::Frameworks);
        for f in [
            "Django",
            "Flask",
            "Spring Boot",
            "Express.js",
            "NestJS",
            "ASP.NET Core",
            "Laravel",
            "Ruby on Rails",
        ] {
            assert!(fw.contains(&f.to_string()), "{f}: {fw:?}");
        }
        let cloud = top(Topic::CloudDevops);
        for f in [
            "AWS",
            "Azure",
            "Google Cloud (GCP)",
            "Docker",
            "Kubernetes",
            "CI/CD",
            "Linux",
            "Jenkins",
            "Microservices",
            "DevOps",
        ] {
            assert!(cloud.contains(&f.to_string()), "{f}: {cloud:?}");
        }
        let apis = top(Topic::Apis);
        for f in [
            "REST",
            "GraphQL",
            "gRPC",
            "JSON",
            "API design & development",
        ] {
            assert!(apis.contains(&f.to_string()), "{f}: {apis:?}");
        }
        let sec = top(Topic::Security);
        for f in [
            "OAuth",
            "JWT",
            "Encryption",
            "Authentication & authorization",
            "SQL injection",
            "Cross-site scripting (XSS)",
            "CSRF",
        ] {
            assert!(sec.contains(&f.to_string()), "{f}: {sec:?}");
        }
        let testing = top(Topic::Testing);
        for f in ["Unit testing", "Integration testing", "End-to-end testing"] {
            assert!(testing.contains(&f.to_string()), "{f}: {testing:?}");
        }
        let tools = top(Topic::Tools);
        for f in [
            "Git",
            "GitHub / GitLab / Bitbucket",
            "VS Code",
            "Postman",
            "Nginx",
            "RabbitMQ",
            "Elasticsearch",
            "Grafana",
            "Prometheus",
        ] {
            assert!(tools.contains(&f.to_string()), "{f}: {tools:?}");
        }
        let soft = top(Topic::SoftSkills);
        for f in [
            "Communication",
            "Teamwork & collaboration",
            "Problem-solving",
            "Time management",
            "Adaptability",
            "Analytical thinking",
            "Attention to detail",
        ] {
            assert!(soft.contains(&f.to_string()), "{f}: {soft:?}");
        }
        assert!(!soft.is_empty() && soft.len() < top(Topic::All).len());
    }

    #[test]
    fn seed_level_expectations() {
        let ps = all_seed_passages();
        let at = |level: Level| skills_answer(vocab(), &ps, Topic::All, Some(level)).expectations;
        let find =
            |es: &[LevelExpectation], src: &str, line: u32, needle: &str, form: ExpectationForm| {
                es.iter().any(|e| {
                    e.cite.source.starts_with(src)
                        && e.cite.line == line
                        && e.text.contains(needle)
                        && e.form == form
                })
            };
        use ExpectationForm::*;
        let entry = at(Level::Entry);
        assert!(entry.iter().all(|e| e.level == Level::Entry));
        assert!(find(
            &entry,
            "002",
            58,
            "Basic programming proficiency | Develop simple APIs",
            TableRow
        ));
        assert!(find(
            &entry,
            "001",
            58,
            "Focus on learning core programming languages",
            Labelled
        ));
        assert!(find(
            &entry,
            "002",
            64,
            "Junior developers are expected to deliver reliable code",
            Sentence
        ));
        assert!(find(
            &entry,
            "004",
            28,
            "a junior developer might focus on implementing specific features",
            Sentence
        ));
        let mid = at(Level::Mid);
        assert!(find(&mid, "002", 59, "Complex API design", TableRow));
        assert!(find(
            &mid,
            "001",
            59,
            "Expect to stay in this role",
            Labelled
        ));
        assert!(find(
            &mid,
            "002",
            64,
            "Mid-level developers take on more complex projects",
            Sentence
        ));
        assert!(find(
            &mid,
            "004",
            16,
            "expected in mid-to-senior positions",
            Sentence
        ));
        let senior = at(Level::Senior);
        assert!(find(
            &senior,
            "002",
            60,
            "System architecture | Lead technical decisions",
            TableRow
        ));
        assert!(find(
            &senior,
            "001",
            60,
            "over five years of experience",
            Labelled
        ));
        assert!(find(
            &senior,
            "004",
            28,
            "a senior developer might be tasked with designing",
            Sentence
        ));
        assert!(find(
            &senior,
            "004",
            15,
            "Career advancement to senior roles often requires",
            Sentence
        ));
        let lead = at(Level::Lead);
        assert!(find(
            &lead,
            "004",
            32,
            "A lead developer might architect a distributed database system",
            Sentence
        ));
        assert!(find(
            &lead,
            "001",
            61,
            "steering entire backend architectures",
            Labelled
        ));
        let all = at(Level::Overall);
        assert_eq!(
            all.len(),
            entry.len() + mid.len() + senior.len() + lead.len()
        );
        for e in &all {
            let line = source_line(&e.cite.source, e.cite.line);
            assert!(line.contains(&e.text), "{e:?} not on {line:?}");
            assert!(!e.text.contains('$'), "{e:?}");
            assert!(e.cite.start_line <= e.cite.line && e.cite.line <= e.cite.end_line);
        }
        // No level: no expectations.
        assert!(
            skills_answer(vocab(), &ps, Topic::All, None)
                .expectations
                .is_empty()
        );
    }
}
