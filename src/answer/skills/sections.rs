//! Skills in a guide's own words: the items of lists, tables and "Label: text" lines under
//! headings that say they list skills, tools, certifications or soft skills (heading words are
//! data, `assets/skill_sections.toml`), so a guide about any career yields its skills without a
//! lexicon entry for each.
//!
//! **Context.** A passage whose heading names a topic's words lists that topic's skills (a
//! question asking which, "What skills do you need to be a zookeeper?", however long); inside a
//! passage, a short line naming them ("Helpful certifications beyond the license:", "Soft skills")
//! or a bold sentence leading a paragraph ("**Soft skills matter just as much.** …") switches the
//! topic for the lines after it, and a lead-in ending with a verb of needing ("Operators need:")
//! starts a list of skills under any heading. A heading or bold line that only says how much the items are
//! needed ("### Nice to have", "**Must-have**") goes on with the list of the heading it is under.
//! Headings that ask how ("How to build your skills") are advice, not lists; a lead-in or
//! sub-heading about another subject ("Where you can work:", "#### Work settings") ends a list;
//! the guide's title (its only `#` heading) lists nothing, whatever words it names.
//!
//! **Items.** A list item, a table row's cell in its skill column (the first that is not a row
//! number; a header naming a topic, "| # | Tool | … |", gives the rows that topic; when every
//! header is a kind of skill, "| Technical | Professional |", "| Hard skills | Soft skills |",
//! every column is one), a "Label: text" line ("**Label:** text" too), or a sentence of prose
//! that lists skills after a cue word ("Good pilots combine a, b, c and d"). Its skill is the label when it has one ("Blueprint
//! reading: floor plans, …" → "Blueprint reading"), else its first clause (up to a parenthesis,
//! comma, semicolon, dash or sentence end). A label that is a category ("Hand tools: pliers, wire
//! strippers", "**Soft skills:** stamina, creativity") or only says how much its items are needed
//! ("Required: …", "Nice to have: …") gives the listed items instead, unless the list explains
//! the label ("NEC knowledge: …, especially Article 210"). An item that is itself a short list of
//! bare names gives each; one longer than `max_words` words is two names joined by "and", a
//! name written as one followed by a clause, an example or its purpose ("Mechanical aptitude to
//! spot problems early"), or prose and skipped (see `items.rs`). A step of a path ("Earn a bachelor's degree", "Step 5.
//! Optional: …"'s number), an item that only points back at another ("or another second
//! language") and a label about another subject ("Experience: …") name no skill. A line wrapped
//! onto the next is read whole, each item cited at the line its words start on. An item that
//! lexicon skills make up (half its terms or more) is left to the lexicon (one skill, one name); an
//! item that only mentions one ("Usability testing and user research") stays in the guide's words.
//! Skills are keyed by their analysed terms, so "Blueprint reading" and "blueprint-reading" are
//! one.

use std::sync::Arc;

use serde::Deserialize;

use super::items::{ItemWords, without_asides, word_count};
use super::{Lexicon, Topic};
use crate::analysis::Analyzer;
use crate::answer::levels::LevelWords;
use crate::answer::text::{LogicalLine, carries_on, passage_lines, sentences, strip_marker};
use crate::corpus::{Passage, markdown_heading};

/// The heading words, as loaded from `assets/skill_sections.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SectionsFile {
    max_words: usize,
    soft_skills: Vec<String>,
    certifications: Vec<String>,
    tools: Vec<String>,
    technical: Vec<String>,
    categories: Vec<String>,
    #[serde(default)]
    advice: Vec<String>,
    #[serde(default)]
    other_subjects: Vec<String>,
    #[serde(default)]
    items: ItemWords,
}

/// A skill section vocabulary that does not load.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid skill sections: {0}")]
pub struct SectionsError(pub String);

/// Which headings list skills, and of which topic.
#[derive(Debug)]
pub struct SkillSections {
    analyzer: Arc<Analyzer>,
    /// Per topic, in priority order, its heading words as term sequences.
    topics: Vec<(Topic, Vec<Vec<String>>)>,
    /// Words that make a label a category of items.
    categories: Vec<Vec<String>>,
    /// Words of advice headings ("how", "tips"), lower case as written: never a list of skills.
    advice: Vec<String>,
    /// Words of headings, lead-ins and labels about another subject than skills ("Where you
    /// can work", "Experience"), lower case as written: they end a list and are no skill.
    other_subjects: Vec<String>,
    max_words: usize,
    /// The function words that shape an item (articles, clauses, cues, need labels).
    words: ItemWords,
}

/// Where a passage's heading sits among its guide's Markdown headings; unknown (default) for
/// other guides.
#[derive(Debug, Clone, Copy, Default)]
pub struct Place<'a> {
    /// How many `#` mark the passage's heading.
    pub depth: Option<u8>,
    /// The heading of the section the passage's heading is part of.
    pub parent: Option<&'a str>,
}

/// One skill an item of a guide names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionSkill {
    /// Its key: its analysed terms, space-separated.
    pub key: String,
    /// Its name as the guide writes it (first letter capitalised).
    pub name: String,
    pub topic: Topic,
    /// Its source line: where its words start.
    pub line: u32,
    /// Where its words end (a later line when a wrapped line breaks them).
    pub last_line: u32,
    /// The item's words as written on the line.
    pub surface: String,
}

impl SkillSections {
    /// Loads the heading words from TOML in the format of `assets/skill_sections.toml`.
    ///
    /// # Errors
    /// When the TOML does not parse or a word analyses to no term.
    pub fn from_toml(text: &str, analyzer: &Arc<Analyzer>) -> Result<SkillSections, SectionsError> {
        let file: SectionsFile = toml::from_str(text).map_err(|e| SectionsError(e.to_string()))?;
        let phrases = |words: &[String]| -> Result<Vec<Vec<String>>, SectionsError> {
            words
                .iter()
                .map(|w| {
                    let terms: Vec<String> = analyzer
                        .analyze(w)
                        .into_iter()
                        .map(|t| t.text.to_string())
                        .collect();
                    if terms.is_empty() {
                        Err(SectionsError(format!("{w:?} has no searchable word")))
                    } else {
                        Ok(terms)
                    }
                })
                .collect()
        };
        if file.max_words == 0 {
            return Err(SectionsError("max_words must be at least 1".into()));
        }
        Ok(SkillSections {
            analyzer: Arc::clone(analyzer),
            topics: vec![
                (Topic::SoftSkills, phrases(&file.soft_skills)?),
                (Topic::Certifications, phrases(&file.certifications)?),
                (Topic::Tools, phrases(&file.tools)?),
                (Topic::Technical, phrases(&file.technical)?),
            ],
            categories: phrases(&file.categories)?,
            advice: file.advice.iter().map(|w| w.to_lowercase()).collect(),
            other_subjects: file
                .other_subjects
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            max_words: file.max_words,
            words: file.items.normalised(),
        })
    }

    /// The function words that shape an item.
    #[cfg(test)]
    pub(super) fn item_words(&self) -> &ItemWords {
        &self.words
    }

    fn terms(&self, text: &str) -> Vec<String> {
        self.analyzer
            .analyze(text)
            .into_iter()
            .map(|t| t.text.to_string())
            .collect()
    }

    /// Whether lexicon skills make up at least half of an item's `n_terms` analysed terms
    /// ("JavaScript (Node.js)", "Teamwork during handoffs"): then the item is the lexicon's to
    /// name. An item that only mentions one ("User research and usability testing") is a skill
    /// in the guide's own words.
    fn mostly_lexicon(&self, lexicon: &Lexicon, name: &str, n_terms: usize) -> bool {
        let covered: usize = lexicon
            .find(name)
            .iter()
            .map(|hit| self.terms(&name[hit.start..hit.end]).len())
            .sum();
        covered * 2 >= n_terms
    }

    /// The topic whose words a heading (or lead-in line) names, in priority order.
    fn topic_of(&self, heading: &str) -> Option<Topic> {
        if self.is_advice(heading) {
            return None;
        }
        let terms = self.terms(heading);
        self.topics
            .iter()
            .find(|(_, words)| words.iter().any(|p| contains(&terms, p)))
            .map(|(t, _)| *t)
    }

    /// Whether `heading` is a name its section's text goes on to use: a statement (not a
    /// question), no advice ("How to learn SQL"), one of whose words the text's first sentence
    /// holds.
    fn names_its_text(&self, heading: &str, text: &str) -> bool {
        if heading.ends_with('?') || self.is_advice(heading) {
            return false;
        }
        let first = sentences(text).first().map_or(text, |r| &text[r.clone()]);
        let said = self.terms(first);
        self.terms(heading).iter().any(|t| said.contains(t))
    }

    /// Whether a heading gives advice ("How to build your skills", "Tips").
    fn is_advice(&self, heading: &str) -> bool {
        heading
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| self.advice.iter().any(|a| a == w))
    }

    /// Whether a label names a category of items ("Hand tools", "Programming languages").
    fn is_category(&self, label: &str) -> bool {
        let terms = self.terms(label);
        let Some(last) = terms.last() else {
            return false;
        };
        self.categories
            .iter()
            .chain(self.topics.iter().flat_map(|(_, w)| w))
            .any(|p| p.len() == 1 && &p[0] == last)
    }

    /// The skills the lists of `passage` name in its own words (lexicon skills excluded), in
    /// line order. `place` says where its heading sits when the guide marks headings' depth
    /// (Markdown): under a heading that lists skills ("### Technical skills"), a sub-heading that
    /// its text goes on to discuss ("#### Statistics" over "You need practical statistics…")
    /// names one, as the passage's heading or as a heading line inside it; a heading as high as
    /// the list's ends it.
    pub fn extract(
        &self,
        lexicon: &Lexicon,
        levels: &LevelWords,
        passage: &Passage,
        place: Place<'_>,
    ) -> Vec<SectionSkill> {
        // A guide's title ("… Guide 2026: Salary, Skills, Roadmap") or any long heading names
        // what a whole text is about, not a list.
        let heading = passage.section.trim();
        let short = |h: &str| {
            let n = h.split_whitespace().count();
            n <= MAX_HEADING_WORDS || (n <= MAX_QUESTION_HEADING_WORDS && self.words.asks_which(h))
        };
        let parent_topic = place
            .parent
            .filter(|p| short(p))
            .and_then(|p| self.topic_of(p));
        let mut topic = (heading != passage.title.trim() && short(heading))
            .then(|| self.topic_of(heading))
            .flatten();
        // A heading that only says how much its items are needed ("### Nice to have") lists
        // skills of the heading it is part of.
        if topic.is_none() && self.words.is_need_label(heading) {
            topic = parent_topic;
        }
        let mut out = Vec::new();
        // How many `#` mark the heading that set the topic, when known.
        let mut topic_depth = topic.and(place.depth);
        if topic.is_none()
            && let Some(listed) = parent_topic
            && self.names_its_text(heading, &passage.text)
        {
            let item = Item::new(heading, heading, None);
            let at = LogicalLine::new(passage.start_line, heading, true);
            self.push(lexicon, &mut out, item, listed, &at);
        }
        let lines = joined_lines(passage);
        // The table the lines are in: its skill columns, each with the topic its header names.
        let mut table: Option<Vec<(usize, Option<Topic>)>> = None;
        // Whether the lines are under a sub-heading that names one skill.
        let mut explains = false;
        for (i, at) in lines.iter().enumerate() {
            let text = at.text.as_str();
            // A Markdown heading inside the passage (a small section joined to the one before).
            if let Some((depth, words)) = markdown_heading(text)
                && place.depth.is_some()
            {
                if let Some(t) = self.topic_of(words).filter(|_| short(words)) {
                    (topic, topic_depth) = (Some(t), Some(depth));
                } else if self.words.is_need_label(words) && topic.is_some() {
                    // "#### Nice to have": more of the same list.
                    topic_depth = topic_depth.map(|d| d.min(depth));
                } else if topic_depth.is_some_and(|d| depth <= d) || self.is_other_subject(words) {
                    (topic, topic_depth) = (None, None);
                } else if let Some(current) = topic
                    && topic_depth.is_some()
                    && let Some(next) = lines.get(i + 1)
                    && self.names_its_text(words, &next.text)
                {
                    let item = Item::new(words, words, None);
                    self.push(lexicon, &mut out, item, current, at);
                    explains = true;
                    continue;
                }
                explains = false;
                continue;
            }
            // The text under a sub-heading naming one skill explains that skill ("#### SQL" over
            // "You should be comfortable with `SELECT`, `JOIN`s, …"): a sentence there lists no
            // other skills, as in a passage that starts at such a sub-heading.
            if explains && strip_marker(text) == 0 && table_cells(text).is_none() {
                continue;
            }
            if let Some(cells) = table_cells(text) {
                if is_separator_row(text) {
                    continue;
                }
                let markdown = text.trim_start().starts_with('|');
                let next = lines.get(i + 1).map(|l| l.text.as_str());
                if table.is_none() {
                    // A table's header row names its columns (a Markdown header sits above the
                    // separator row; an HTML table's rows have no outer pipes and its header is
                    // the first).
                    if next.is_some_and(is_separator_row)
                        || (!markdown && next.is_some_and(|t| table_cells(t).is_some()))
                    {
                        table = Some(self.skill_columns(&cells));
                        continue;
                    }
                    // A Markdown row whose header is in an earlier passage: its first cell.
                    if markdown {
                        table = Some(vec![(0, None)]);
                    }
                }
                if let Some(columns) = &table {
                    for &(col, col_topic) in columns {
                        let cell = cells.get(col).copied().unwrap_or_default();
                        // Empty cells, header-like rows (only heading words) and rows labelled
                        // by a level (what each level needs) are not skills.
                        if let Some(current) = col_topic.or(topic)
                            && !cell.is_empty()
                            && !self.only_heading_words(cell)
                            && levels.of_label(cell).is_none()
                        {
                            let item = Item::new(cell, cell, col_topic);
                            self.push(lexicon, &mut out, item, current, at);
                        }
                    }
                    continue;
                }
                // A lone "a | b" line is text.
            } else {
                table = None;
            }
            let marked = strip_marker(text) > 0;
            // "Step 5. Optional: …": the step's number is no part of what it names.
            let mut content = self
                .words
                .without_step_number(text[strip_marker(text)..].trim());
            // A bold sentence leading a paragraph ("**Soft skills matter just as much.** …") is
            // a lead-in, not a name: a statement naming a topic sets it for what follows (a
            // question or a step of a path, "**Get your state license.**", does not).
            if let Some((bold, rest)) = bold_sentence(content) {
                if let Some(t) = self.topic_of(bold)
                    && !bold.ends_with('?')
                    && !self.words.is_step(bold)
                {
                    topic = Some(t);
                }
                content = rest;
            }
            let words = content.split_whitespace().count();
            // A short unmarked line ending a thought with ":" or standing alone is a lead-in or
            // sub-heading: it sets the topic of the lines after it; one that names another
            // subject ("Where you can work:") ends the list; one that says how much the items
            // are needed ("**Must-have**") is part of it.
            let lead_in = !marked
                && !content.starts_with('|')
                && (content.ends_with(':') || (words <= self.max_words && !has_label(content)))
                && !ends_sentence(content);
            if lead_in {
                // A lead-in closing a paragraph is its last sentence ("On a typical day an OT
                // evaluates a client's abilities … Settings vary a lot:").
                let lead = sentences(content)
                    .last()
                    .map_or(content, |r| content[r.clone()].trim());
                if let Some(t) = self.topic_of(lead) {
                    topic = Some(t);
                    continue;
                }
                if self.is_other_subject(lead) {
                    topic = None;
                    continue;
                }
                // "Operators need:": what follows is what the work needs, under any heading.
                if self.words.ends_with_need(lead) {
                    topic = topic.or(Some(Topic::Technical));
                    continue;
                }
                if content.ends_with(':') || self.words.is_need_label(content) {
                    continue;
                }
            }
            let Some(current) = topic else { continue };
            for item in self.items(content, marked) {
                self.push(lexicon, &mut out, item, current, at);
            }
        }
        out
    }

    /// The columns of a table whose header row is `header` that list skills, each with the topic
    /// its header names: every column when each header is a kind of skill ("| Technical |
    /// Professional |", "| Hard skills | Soft skills |", "| Must-have | Nice to have |"), else
    /// the first column that is not a row number ("#", "No.").
    fn skill_columns(&self, header: &[&str]) -> Vec<(usize, Option<Topic>)> {
        let named: Vec<usize> = (0..header.len())
            .filter(|&i| header[i].chars().any(char::is_alphabetic) && !is_number_header(header[i]))
            .collect();
        let kinds = named.len() >= 2
            && named.iter().all(|&i| {
                let h = clean_name(header[i]);
                self.is_category(&h) || self.topic_of(&h).is_some() || self.words.is_need_label(&h)
            });
        let columns = if kinds {
            named
        } else {
            vec![named.first().copied().unwrap_or(0)]
        };
        columns
            .into_iter()
            .map(|i| (i, header.get(i).and_then(|c| self.topic_of(c))))
            .collect()
    }

    /// Whether every word of a table cell is a heading word of a topic or a category ("Soft
    /// skills", "Certifications", "Technical"): a header, not a skill ("Documentation skills"
    /// and "Adaptive equipment training" are skills).
    fn only_heading_words(&self, cell: &str) -> bool {
        let terms = self.terms(cell);
        !terms.is_empty()
            && terms.iter().all(|t| {
                self.topics
                    .iter()
                    .flat_map(|(_, w)| w)
                    .chain(&self.categories)
                    .any(|p| p.contains(t))
            })
    }

    /// Whether a heading or lead-in names another subject than skills ("Where you can work",
    /// "Work settings"): words of `other_subjects`, compared as written.
    fn is_other_subject(&self, text: &str) -> bool {
        let words: Vec<String> = text
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        self.other_subjects.iter().any(|phrase| {
            let p: Vec<&str> = phrase.split_whitespace().collect();
            !p.is_empty()
                && words
                    .windows(p.len())
                    .any(|w| w.iter().zip(&p).all(|(a, b)| a == b))
        })
    }

    /// Whether a label or item is only another subject ("Experience: …", "Career path: …").
    fn is_other_subject_label(&self, label: &str) -> bool {
        let plain = clean_name(label).to_lowercase();
        self.other_subjects.contains(&plain)
    }

    /// Adds one item of the logical line `at` as a skill of topic `current` (or its own),
    /// cited at the line its words start on, unless it is too long for a name, mostly a lexicon
    /// skill, a step of a path ("Apply for a state license"), only points back at another
    /// ("another second language") or names another subject ("Experience").
    fn push(
        &self,
        lexicon: &Lexicon,
        out: &mut Vec<SectionSkill>,
        item: Item,
        current: Topic,
        at: &LogicalLine,
    ) {
        let name = clean_name(&item.name);
        if self.words.is_step(&name)
            || self.words.refers_back(&name)
            || self.is_other_subject_label(&name)
        {
            return;
        }
        let (max_words, max_chars) = if item.named {
            (MAX_NAMED_WORDS, MAX_NAMED_CHARS)
        } else {
            (self.max_words, MAX_NAME_CHARS)
        };
        let n_words = name.split_whitespace().count();
        if n_words == 0 || n_words > max_words || name.chars().count() > max_chars {
            return;
        }
        let terms = self.terms(&name);
        if terms.is_empty() || self.mostly_lexicon(lexicon, &name, terms.len()) {
            return;
        }
        let key = terms.join(" ");
        // An item with the words of a certification is one, wherever it is listed.
        let topic = match self.topic_of(&name) {
            Some(Topic::Certifications) => Topic::Certifications,
            _ => item.topic.unwrap_or(current),
        };
        let surface = surface_in(&at.text, &item.surface);
        let start = at.text.find(&surface).unwrap_or(0);
        let line = at.line_at(start);
        let last_line = at.line_at(start + surface.len().saturating_sub(1));
        // One line naming a skill twice names it once.
        if out
            .iter()
            .any(|s: &SectionSkill| s.key == key && s.line == line)
        {
            return;
        }
        out.push(SectionSkill {
            key,
            name: capitalise(&name),
            topic,
            line,
            last_line,
            surface,
        });
    }

    /// The items of one line's content (not a table row).
    fn items(&self, content: &str, marked: bool) -> Vec<Item> {
        let content = &bold_label(content);
        // "**Name** — text" or "**Name.** text": the bold lead is the item's name; a question
        // ("**Can I specialise?**") names nothing.
        if let Some(bold) = bold_lead(content) {
            if bold.ends_with('?') {
                return Vec::new();
            }
            return vec![Item::named(bold)];
        }
        if let Some((label, body)) = split_label(content) {
            if self.is_other_subject_label(label) {
                // "Experience: one year …", "Career path: …": another subject, no skill.
                return Vec::new();
            }
            if self.words.is_need_label(label) {
                // "Required: a, b and c": the items, of the topic around them.
                return self.list_items(body, None, true).unwrap_or_default();
            }
            if (self.is_category(label) || self.topic_of(label).is_some())
                && let Some(items) = self.list_items(body, self.topic_of(label), false)
            {
                return items;
            }
            return vec![Item::new(label, label, None)];
        }
        if !marked {
            // Prose: a sentence that lists skills after a cue ("Good pilots combine …").
            return sentences(content)
                .into_iter()
                .filter_map(|r| self.words.prose_list(&content[r], self.max_words))
                .flatten()
                .map(|i| Item::new(&i, &i, None))
                .collect();
        }
        // An item that is itself a short list of names ("Motor controls, variable frequency
        // drives and basic PLC logic").
        if let Some(parts) = self.words.short_list(content, CATEGORY_ITEM_WORDS) {
            return parts.iter().map(|p| Item::new(p, p, None)).collect();
        }
        // Two names each with its aside: "Accesibilidad web (WCAG) y rendimiento (Core Web
        // Vitals)".
        let pieces: Vec<&str> = content.split_inclusive(')').collect();
        let joined: Vec<&str> = pieces.iter().skip(1).filter_map(|p| after_and(p)).collect();
        if pieces.len() > 1
            && joined.len() + 1 == pieces.len()
            && pieces.iter().all(|p| p.contains('('))
        {
            return std::iter::once(pieces[0])
                .chain(joined)
                .flat_map(|p| self.marked_item(p))
                .collect();
        }
        self.marked_item(content)
    }

    /// A list item's name: its first clause, an aside inside it dropped, not an end
    /// ("Normas de información financiera (NIIF) y legislación fiscal" names both); too long for
    /// one name, two names joined by "and", or prose.
    fn marked_item(&self, content: &str) -> Vec<Item> {
        let plain = without_asides(content);
        let clause = first_clause(&plain);
        if clause.split_whitespace().count() > self.max_words {
            // Two names joined by "and", or one followed by a measure ("Machine shorthand at 225
            // words per minute") or a purpose ("A CDL for driving the service truck").
            let names = self
                .words
                .split_long(clause, self.max_words)
                // A name written as one (capitalised) followed by a clause, an example or what
                // it is for ("Writing clear bug reports that developers can reproduce",
                // "Comfort with imaging such as OCT", "Mechanical aptitude to spot problems
                // early"); a duty in lower case ("check the roof and plan where …") is no name.
                .or_else(|| {
                    clause
                        .starts_with(char::is_uppercase)
                        .then(|| self.words.name_before_tail(clause, self.max_words))
                        .flatten()
                        .map(|name| vec![name])
                })
                .or_else(|| {
                    let name = self.words.without_measure(clause);
                    let name = [" for ", " para "]
                        .iter()
                        .fold(name, |n, stop| n.split(stop).next().unwrap_or(n));
                    let name = self.words.without_article(name.trim());
                    (word_count(name) <= self.max_words).then(|| vec![name])
                })
                .unwrap_or_default();
            return names.into_iter().map(|p| Item::new(p, p, None)).collect();
        }
        let name = self.words.without_article(clause);
        vec![Item::new(name, name, None)]
    }

    /// The items of a category's or a need label's list ("pliers, wire strippers and fish
    /// tape"; `need`: after a need label, "Required: …"), enough of them; `None` when the body is prose or explains the label
    /// ("NEC knowledge: finding the right article fast, especially Article 210 …").
    fn list_items(&self, body: &str, topic: Option<Topic>, need: bool) -> Option<Vec<Item>> {
        // A clause after the list is no item of it ("…, which most hospitals prefer").
        let items: Vec<String> = self
            .words
            .split_list(body)
            .into_iter()
            .take_while(|i| !self.words.starts_clause(i))
            .collect();
        if items.iter().any(|i| self.words.elaborates(i)) {
            return None;
        }
        // A need label's items may carry a qualifying tail ("state registration with the board
        // of pharmacy"); a category's are names as written.
        let fitted: Vec<&str> = items
            .iter()
            .map(|i| {
                if need {
                    self.words.fit(i, self.max_words)
                } else {
                    Some(self.words.without_article(i)).filter(|i| word_count(i) <= self.max_words)
                }
            })
            .collect::<Option<_>>()?;
        // A category lists short items, most of them very short; a label followed by prose is
        // one skill.
        let short = fitted
            .iter()
            .filter(|i| word_count(i) <= CATEGORY_ITEM_WORDS)
            .count();
        let min = if need {
            NEED_MIN_ITEMS
        } else {
            CATEGORY_MIN_ITEMS
        };
        (fitted.len() >= min && short * 2 >= fitted.len())
            .then(|| fitted.into_iter().map(|i| Item::new(i, i, topic)).collect())
    }
}

/// One item of a list: its name, its words as written, the topic its label names, and whether
/// the guide marks it as a name (a bold lead), which may then be longer.
struct Item {
    name: String,
    surface: String,
    topic: Option<Topic>,
    named: bool,
}

impl Item {
    fn new(name: &str, surface: &str, topic: Option<Topic>) -> Item {
        Item {
            name: name.to_string(),
            surface: surface.to_string(),
            topic,
            named: false,
        }
    }

    fn named(name: &str) -> Item {
        Item {
            named: true,
            ..Item::new(name, name, None)
        }
    }
}

/// Fewest items after a need label ("Required: a state license") and after a category label.
const NEED_MIN_ITEMS: usize = 1;
const CATEGORY_MIN_ITEMS: usize = 2;

/// Most characters of a skill's name.
const MAX_NAME_CHARS: usize = 60;
/// Most words and characters of a name the guide sets in bold ("**Microsoft Certified: Power BI
/// Data Analyst Associate (PL-300)**").
const MAX_NAMED_WORDS: usize = 12;
const MAX_NAMED_CHARS: usize = 90;

/// A passage's lines with their source line numbers, a line wrapped onto the next ones joined
/// into one (each word still knowing its line): the heading line is left out.
fn joined_lines(passage: &Passage) -> Vec<LogicalLine> {
    let mut out: Vec<LogicalLine> = Vec::new();
    let mut last: Option<(u32, &str)> = None;
    for pl in passage_lines(passage).into_iter().filter(|l| !l.heading) {
        let joins = strip_marker(pl.text) == 0
            && table_cells(pl.text).is_none()
            && last.is_some_and(|(no, text)| no + 1 == pl.line && carries_on(text, pl.text));
        match out.last_mut() {
            Some(prev) if joins => prev.push_wrapped(pl.line, pl.text),
            _ => out.push(LogicalLine::new(pl.line, pl.text, false)),
        }
        last = Some((pl.line, pl.text));
    }
    out
}

/// What follows "and" ("y", "e") at the start of a piece of an item, after an aside.
fn after_and(piece: &str) -> Option<&str> {
    [" and ", " y ", " e "]
        .iter()
        .find_map(|sep| piece.strip_prefix(sep))
}

/// An item's words as the line writes them: the item itself, or, when asides were dropped from
/// it ("Airline Transport Pilot (ATP) certificate"), the line from its first word to its last.
fn surface_in(text: &str, item: &str) -> String {
    if text.contains(item) {
        return item.to_string();
    }
    let (Some(first), Some(last)) = (
        item.split_whitespace().next(),
        item.split_whitespace().last(),
    ) else {
        return item.to_string();
    };
    text.find(first)
        .and_then(|start| {
            let from = start + first.len();
            text[from..]
                .find(last)
                .map(|end| text[start..from + end + last.len()].to_string())
        })
        .unwrap_or_else(|| item.to_string())
}

/// The cells of a table row: "| a | b |" (Markdown) or "a | b" (an HTML table's row).
fn table_cells(line: &str) -> Option<Vec<&str>> {
    let t = line.trim();
    if let Some(row) = t.strip_prefix('|') {
        let row = row.strip_suffix('|').unwrap_or(row);
        return Some(row.split('|').map(str::trim).collect());
    }
    t.contains(" | ")
        .then(|| t.split(" | ").map(str::trim).collect::<Vec<_>>())
        .filter(|c| c.len() >= 2)
}

/// A column header that numbers rows: "#", "No.", "Rank", "Nº".
fn is_number_header(cell: &str) -> bool {
    let c = cell.trim().trim_end_matches('.').to_lowercase();
    matches!(
        c.as_str(),
        "#" | "no" | "nº" | "n°" | "núm" | "num" | "rank" | "puesto"
    )
}

/// "**Label:** text" or "**Label**: text" as "Label: text" (a bold category label).
fn bold_label(content: &str) -> String {
    if let Some(rest) = content.strip_prefix("**")
        && let Some(end) = rest.find("**")
    {
        let inner = &rest[..end];
        let after = &rest[end + 2..];
        if let Some(label) = inner.strip_suffix(':') {
            return format!("{}: {}", label.trim(), after.trim());
        }
        if let Some(body) = after.strip_prefix(':') {
            return format!("{}: {}", inner.trim(), body.trim());
        }
    }
    content.to_string()
}

/// Most words of a heading that introduces a list of skills.
const MAX_HEADING_WORDS: usize = 8;
/// Most words of a question heading that introduces one ("What skills do you need to be a
/// zookeeper?"): a question asking which things are needed asks about one subject, however many
/// words it takes to say whose ("Is it a good career for people who …?" asks no such thing).
const MAX_QUESTION_HEADING_WORDS: usize = 12;

/// Most words of an item of a category list ("Hand tools: pliers, wire strippers, fish tape").
const CATEGORY_ITEM_WORDS: usize = 4;

/// The bold words an item starts with ("**Data storytelling:** leading …" → "Data storytelling").
fn bold_lead(content: &str) -> Option<&str> {
    let rest = content.strip_prefix("**")?;
    let end = rest.find("**")?;
    let name = rest[..end].trim().trim_end_matches([':', '.', ' ']);
    (!name.is_empty() && end <= 100).then_some(name)
}

/// A bold sentence leading a line ("**Soft skills matter just as much.** Patients …"): its
/// words, and the rest of the line. A sentence ends with a stop inside the bold and has more
/// words than a name ("**Food safety.**" is a name).
fn bold_sentence(content: &str) -> Option<(&str, &str)> {
    let rest = content.strip_prefix("**")?;
    let end = rest.find("**")?;
    let bold = rest[..end].trim();
    (bold.ends_with(['.', '!', '?']) && word_count(bold) >= BOLD_SENTENCE_WORDS)
        .then(|| (bold, rest[end + 2..].trim()))
}

/// Fewest words of a bold lead that is a sentence rather than a name.
const BOLD_SENTENCE_WORDS: usize = 4;

/// Whether a line is a markdown table's separator row ("| --- | :-: |").
fn is_separator_row(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') && t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// Whether `needle` occurs as a contiguous run of `terms`.
fn contains(terms: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && terms.windows(needle.len()).any(|w| w == needle)
}

/// Whether a line is "Label: text" with a short label.
fn has_label(content: &str) -> bool {
    split_label(content).is_some()
}

/// "Label: text" → (label, text), for labels of at most twelve words and a non-empty text.
fn split_label(content: &str) -> Option<(&str, &str)> {
    let (label, body) = content.split_once(':')?;
    let label = label.trim();
    let body = body.trim();
    let plain = label.trim_matches(|c| c == '*' || c == '_').trim();
    (!plain.is_empty()
        && !body.is_empty()
        && plain.split_whitespace().count() <= 12
        && !plain.contains("http")
        && !body.starts_with("//"))
    .then_some((plain, body))
}

/// A list item's first clause: up to a parenthesis, comma, semicolon, dash or sentence end.
fn first_clause(content: &str) -> &str {
    let mut end = content.len();
    for stop in [" (", ",", ";", " — ", " – ", " - ", ". ", "? ", "! "] {
        if let Some(i) = content.find(stop) {
            end = end.min(i);
        }
    }
    content[..end].trim_end_matches(['.', '!', '?', ':']).trim()
}

/// Whether a line ends as a sentence does.
fn ends_sentence(content: &str) -> bool {
    content.ends_with(['.', '!', '?'])
}

/// A name without markdown emphasis, links or code marks, and without trailing punctuation.
fn clean_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    // "[text](url)" → "text".
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find("](") else {
            break;
        };
        let Some(end) = rest[open + close..].find(')') else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..open + close]);
        rest = &rest[open + close + end + 1..];
    }
    out.push_str(rest);
    let out: String = out
        .chars()
        .filter(|c| !matches!(c, '*' | '`' | '_'))
        .collect();
    out.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '+' && c != '#' && c != ')')
        .to_string()
}

/// The first letter in upper case.
fn capitalise(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::fixtures::vocab;

    fn passage(section: &str, lines: &[&str]) -> Passage {
        crate::answer::fixtures::headed_passage("Nurse", section, lines)
    }

    fn names(p: &Passage) -> Vec<(String, Topic)> {
        let v = vocab();
        v.skill_sections()
            .extract(v.skills(), v.levels(), p, Place::default())
            .into_iter()
            .map(|s| (s.name, s.topic))
            .collect()
    }

    #[test]
    fn list_items_under_a_skills_heading_with_their_labels() {
        let p = passage(
            "Clinical Skills",
            &[
                "- **Wound care**: dressing changes, infection control",
                "- Medication administration (oral, IV and intramuscular)",
                "- IV insertion",
                "- Reading patient charts and telling the doctor when a value looks wrong to you today",
            ],
        );
        assert_eq!(
            names(&p),
            vec![
                ("Wound care".to_string(), Topic::Technical),
                ("Medication administration".to_string(), Topic::Technical),
                ("IV insertion".to_string(), Topic::Technical),
            ]
        );
    }

    #[test]
    fn topics_from_heading_and_lead_in_lines() {
        let p = passage(
            "Licenses and Certifications",
            &[
                "Registration comes first. The usual sequence is:",
                "- BLS certification",
                "Helpful tools:",
                "- Stethoscope",
                "Soft skills",
                "- Empathy",
            ],
        );
        assert_eq!(
            names(&p),
            vec![
                ("BLS certification".to_string(), Topic::Certifications),
                ("Stethoscope".to_string(), Topic::Tools),
                ("Empathy".to_string(), Topic::SoftSkills),
            ]
        );
    }

    #[test]
    fn a_category_label_gives_its_items() {
        let p = passage(
            "Tools of the Trade",
            &["Hand tools: pliers, wire strippers and fish tape"],
        );
        let got: Vec<String> = names(&p).into_iter().map(|(n, _)| n).collect();
        assert_eq!(got, vec!["Pliers", "Wire strippers", "Fish tape"]);
    }

    #[test]
    fn technical_and_personal_labels_are_categories_of_items() {
        let p = passage(
            "SKILLS YOU NEED",
            &[
                "Technical: dental radiography, periodontal charting, local anesthesia (in states that allow it).",
                "Personal: a gentle manner with nervous patients, manual dexterity, patience.",
            ],
        );
        assert_eq!(
            names(&p),
            vec![
                ("Dental radiography".to_string(), Topic::Technical),
                ("Periodontal charting".to_string(), Topic::Technical),
                ("Local anesthesia".to_string(), Topic::Technical),
                // A list item's article is not part of its name.
                (
                    "Gentle manner with nervous patients".to_string(),
                    Topic::SoftSkills
                ),
                ("Manual dexterity".to_string(), Topic::SoftSkills),
                ("Patience".to_string(), Topic::SoftSkills),
            ]
        );
    }

    #[test]
    fn table_rows_give_their_first_cell() {
        let p = passage(
            "Key competencies",
            &[
                "| Competency | Why it matters |",
                "| --- | --- |",
                "| Triage | Decide who is seen first |",
                "| Senior nurses | Mentoring |",
            ],
        );
        assert_eq!(names(&p), vec![("Triage".to_string(), Topic::Technical)]);
    }

    #[test]
    fn other_sections_advice_and_lexicon_skills_give_nothing() {
        let p = passage("Daily life", &["- Wound care", "- Night shifts"]);
        assert!(names(&p).is_empty());
        let p = passage("How to improve your skills", &["- Take a course"]);
        assert!(names(&p).is_empty());
        let p = passage("Skills", &["- Python", "- Communication"]);
        assert!(names(&p).is_empty(), "{:?}", names(&p));
    }

    #[test]
    fn an_item_that_only_mentions_a_lexicon_skill_keeps_the_guides_words() {
        // "testing" is a lexicon skill, but this item is usability testing, a skill of its own;
        // "JavaScript (Node.js)" is the lexicon's skill and gives nothing here.
        let p = passage(
            "Skills employers look for",
            &[
                "- User research and usability testing",
                "- JavaScript (Node.js)",
            ],
        );
        assert_eq!(
            names(&p),
            vec![(
                "User research and usability testing".to_string(),
                Topic::Technical
            )]
        );
    }

    #[test]
    fn spanish_headings() {
        let p = passage("Habilidades blandas", &["- Trabajo en equipo"]);
        assert_eq!(
            names(&p),
            vec![("Trabajo en equipo".to_string(), Topic::SoftSkills)]
        );
        let p = passage("Herramientas", &["- Sketch"]);
        assert_eq!(names(&p), vec![("Sketch".to_string(), Topic::Tools)]);
    }

    fn names_only(p: &Passage) -> Vec<String> {
        names(p).into_iter().map(|(n, _)| n).collect()
    }

    /// Regression (issue 14, second probe: skills found 46 % of the time): "Employers list a,
    /// b and c as the core abilities" and "Hospitals ask for …" listed no skills (no cue word
    /// before them, and the last item ran on to "as the core abilities"), and a heading "What
    /// you need to be good at" over a table of technical and professional skills was no skills
    /// heading.
    #[test]
    fn lists_after_more_cue_verbs_and_a_good_at_heading() {
        let p = passage(
            "Skills you need",
            &[
                "Employers list pipe fitting, leak testing, blueprint reading and customer service as the core abilities.",
            ],
        );
        assert_eq!(
            names_only(&p),
            vec![
                "Pipe fitting",
                "Leak testing",
                "Blueprint reading",
                "Customer service"
            ]
        );
        let p = passage(
            "Skills and qualities",
            &["Clinics ask for wound care, triage, infection control and phlebotomy."],
        );
        assert_eq!(
            names_only(&p),
            vec!["Wound care", "Triage", "Infection control", "Phlebotomy"]
        );
        let p = passage(
            "What you need to be good at",
            &[
                "| Technical | Professional |",
                "|---|---|",
                "| Site surveying | Client communication |",
                "| Drafting | Community consultation |",
            ],
        );
        let mut got = names_only(&p);
        got.sort();
        assert_eq!(
            got,
            vec![
                "Client communication",
                "Community consultation",
                "Drafting",
                "Site surveying"
            ]
        );
    }

    #[test]
    fn bold_category_labels_split_hard_and_soft_skills() {
        let p = passage(
            "Skills you need",
            &[
                "**Hard skills:** lamination, chocolate tempering and sugar work.",
                "**Soft skills**: stamina, creativity and a steady hand.",
                "**Food safety** — you'll be certified in safe handling.",
            ],
        );
        assert_eq!(
            names(&p),
            vec![
                ("Lamination".to_string(), Topic::Technical),
                ("Chocolate tempering".to_string(), Topic::Technical),
                ("Sugar work".to_string(), Topic::Technical),
                ("Stamina".to_string(), Topic::SoftSkills),
                ("Creativity".to_string(), Topic::SoftSkills),
                ("Steady hand".to_string(), Topic::SoftSkills),
                ("Food safety".to_string(), Topic::Technical),
            ]
        );
    }

    #[test]
    fn need_labels_list_items_of_the_topic_around_them() {
        let p = passage(
            "Licences and ratings",
            &[
                "Required: a first-class medical certificate, state registration with the board of pharmacy.",
                "Nice to have: a type rating.",
                "Obligatorio: el grado en Fisioterapia (cuatro años).",
            ],
        );
        assert_eq!(
            names(&p),
            vec![
                (
                    "First-class medical certificate".to_string(),
                    Topic::Certifications
                ),
                ("State registration".to_string(), Topic::Certifications),
                ("Type rating".to_string(), Topic::Certifications),
                ("Grado en Fisioterapia".to_string(), Topic::Certifications),
            ]
        );
        // Elsewhere, "Required:" names nothing.
        assert!(names(&passage("Daily life", &["Required: a car."])).is_empty());
    }

    #[test]
    fn a_sentence_of_prose_under_a_qualities_heading() {
        let p = passage(
            "What makes a good nurse?",
            &[
                "Good nurses combine clinical judgement, calm under pressure and clear communication with patients and families.",
            ],
        );
        assert_eq!(
            names_only(&p),
            vec![
                "Clinical judgement",
                "Calm under pressure",
                "Clear communication with patients and families"
            ]
        );
    }

    #[test]
    fn a_label_whose_list_explains_it_is_one_skill() {
        let p = passage(
            "Technical Skills",
            &[
                "- NEC knowledge: finding the right article fast, especially Article 210 (branch circuits) and Table 310.16",
            ],
        );
        assert_eq!(names_only(&p), vec!["NEC knowledge"]);
    }

    #[test]
    fn items_that_are_lists_long_items_and_prose() {
        let p = passage(
            "Technical Skills",
            &[
                "- Motor controls, variable frequency drives and basic PLC logic",
                "- Troubleshooting with multimeters, clamp meters and insulation testers",
                "- Patience and a methodical approach to troubleshooting",
                "Good technicians combine accuracy, discretion with patient information and patience with busy queues.",
                "Most work in retail pharmacies, hospitals and clinics.",
            ],
        );
        assert_eq!(
            names_only(&p),
            vec![
                "Motor controls",
                "Variable frequency drives",
                "Basic PLC logic",
                "Troubleshooting with multimeters",
                "Patience",
                "Methodical approach to troubleshooting",
                "Accuracy",
                "Discretion with patient information",
                "Patience with busy queues",
            ]
        );
    }

    #[test]
    fn a_surface_is_the_words_as_written() {
        let line = "Required: an Airline Transport Pilot (ATP) certificate.";
        assert_eq!(
            surface_in(line, "Airline Transport Pilot certificate"),
            "Airline Transport Pilot (ATP) certificate"
        );
        assert_eq!(surface_in(line, "Required"), "Required");
    }

    #[test]
    fn asides_inside_an_item() {
        let p = passage(
            "Habilidades",
            &[
                "- Accesibilidad web (WCAG) y rendimiento (Core Web Vitals)",
                "- Normas de información financiera (NIIF) y legislación fiscal",
                "- Medication administration (oral, IV and intramuscular)",
            ],
        );
        assert_eq!(
            names_only(&p),
            vec![
                "Accesibilidad web",
                "Rendimiento",
                "Normas de información financiera",
                "Legislación fiscal",
                "Medication administration",
            ]
        );
    }

    #[test]
    fn a_wrapped_line_is_read_whole() {
        let p = passage(
            "Titulación",
            &[
                "Obligatorio: el grado en Fisioterapia y la colegiación en el colegio profesional",
                "de tu comunidad.",
            ],
        );
        let v = vocab();
        let got = v
            .skill_sections()
            .extract(v.skills(), v.levels(), &p, Place::default());
        let got: Vec<(&str, u32)> = got.iter().map(|s| (s.name.as_str(), s.line)).collect();
        assert_eq!(got, vec![("Grado en Fisioterapia", 2), ("Colegiación", 2)]);
    }

    #[test]
    fn table_skill_column_is_the_first_that_is_not_a_row_number() {
        // An HTML table's rows have no outer pipes; its header row names the column's topic.
        let p = passage(
            "What you work with",
            &[
                "# | Tool | What it's for",
                "1 | Digital scale | Pastry is weighed",
                "2 | Stand mixer | Doughs and creams",
            ],
        );
        assert_eq!(
            names(&p),
            vec![
                ("Digital scale".to_string(), Topic::Tools),
                ("Stand mixer".to_string(), Topic::Tools),
            ]
        );
        // A Markdown table whose header row is in an earlier passage: its rows' first cells.
        let p = passage(
            "Key competencies",
            &[
                "| Triage | Decide who is seen first |",
                "| Wound care | Daily |",
            ],
        );
        assert_eq!(names_only(&p), vec!["Triage", "Wound care"]);
        // A table that names no topic, outside a skills section, lists nothing.
        let p = passage("Pay", &["Level | Pay", "Junior | $20", "Senior | $30"]);
        assert!(names(&p).is_empty());
    }

    #[test]
    fn sub_headings_of_a_skills_heading_name_skills_their_text_discusses() {
        let v = vocab();
        let extract = |p: &Passage, place: Place<'_>| -> Vec<(String, Topic, u32)> {
            v.skill_sections()
                .extract(v.skills(), v.levels(), p, place)
                .into_iter()
                .map(|s| (s.name, s.topic, s.line))
                .collect()
        };
        let under = |parent| Place {
            depth: Some(4),
            parent: Some(parent),
        };
        let p = passage("Boundary law", &["Boundary law decides which deed wins."]);
        let want = vec![("Boundary law".to_string(), Topic::Technical, 1)];
        assert_eq!(extract(&p, under("Technical skills")), want);
        // Not under a skills heading, depth unknown, or not what the text goes on to discuss.
        assert!(extract(&p, under("What a surveyor does")).is_empty());
        assert!(extract(&p, Place::default()).is_empty());
        let other = passage("Boundary law", &["Expect to read it for years."]);
        assert!(extract(&other, under("Technical skills")).is_empty());
        // Advice and questions are no skills, whatever their text says.
        for heading in ["How to practise boundary law", "Is boundary law hard?"] {
            let p = passage(heading, &["Boundary law takes years."]);
            assert!(extract(&p, under("Skills")).is_empty(), "{heading}");
        }
        // A sub-heading line inside a passage that starts at a skills heading; a heading as high
        // as the list ends it.
        let p = passage(
            "Technical skills",
            &[
                "#### Field math",
                "Field math means trigonometry done by hand.",
                "### Career roadmap",
                "#### Party chief",
                "Party chiefs lead a crew.",
            ],
        );
        let place = Place {
            depth: Some(3),
            parent: Some("Skills you need"),
        };
        assert_eq!(
            extract(&p, place),
            vec![("Field math".to_string(), Topic::Technical, 2)]
        );
    }

    fn lines_of(p: &Passage, place: Place<'_>) -> Vec<(String, Topic, u32)> {
        let v = vocab();
        v.skill_sections()
            .extract(v.skills(), v.levels(), p, place)
            .into_iter()
            .map(|s| (s.name, s.topic, s.line))
            .collect()
    }

    fn row(name: &str, topic: Topic, line: u32) -> (String, Topic, u32) {
        (name.to_string(), topic, line)
    }

    /// Regression (issue 14, second probe): "… airway management, cardiac monitoring and" /
    /// "12-lead ECG interpretation, medication administration, and trauma care." gave "Cardiac
    /// monitoring and" and lost the rest: a line left open on "and" before one opening with a
    /// digit was not read as wrapped.
    /// Regression (issue 14, second probe: "Hospitals and inpatient rehabilitation units",
    /// "Public schools" were an occupational therapist's skills): a paragraph ending in a
    /// lead-in ("On a typical day an OT evaluates a client's abilities, … Settings vary a lot:")
    /// was read whole, and "abilities" made the settings after it skills. A lead-in is the
    /// paragraph's last sentence.
    #[test]
    fn a_lead_in_is_the_last_sentence_of_its_paragraph() {
        let p = passage(
            "What a therapist does",
            &[
                "On a typical day a therapist assesses a client's abilities and sets goals. Settings vary a lot:",
                "- hospitals and rehabilitation units",
                "- public schools",
            ],
        );
        assert_eq!(names_only(&p), Vec::<String>::new());
        let p = passage(
            "What a therapist does",
            &[
                "Most days are spent with clients. The skills you need:",
                "- goal setting with clients",
                "- splint fabrication",
            ],
        );
        assert_eq!(
            names_only(&p),
            vec!["Goal setting with clients", "Splint fabrication"]
        );
    }

    #[test]
    fn a_line_left_open_on_and_goes_on_in_a_line_opening_with_a_digit() {
        use Topic::Technical as T;
        let p = passage(
            "Skills you need",
            &[
                "The core clinical skills are patient assessment, airway management, cardiac monitoring and",
                "12-lead ECG interpretation, medication administration, and trauma care.",
            ],
        );
        assert_eq!(
            lines_of(&p, Place::default()),
            vec![
                row("Patient assessment", T, 2),
                row("Airway management", T, 2),
                row("Cardiac monitoring and 12-lead ECG interpretation", T, 2),
                row("Medication administration", T, 3),
                row("Trauma care", T, 3),
            ]
        );
    }

    #[test]
    fn a_sentence_list_wrapped_over_lines_cites_each_item_at_its_line() {
        use Topic::Technical as T;
        let p = passage(
            "Skills HVAC technicians need",
            &[
                "Employers look for electrical troubleshooting, refrigerant handling, brazing and soldering,",
                "reading wiring diagrams, load calculations and customer service.",
                "On commercial jobs you will need rigging, boiler maintenance, chiller startup plus",
                "basic welding.",
            ],
        );
        assert_eq!(
            lines_of(&p, Place::default()),
            vec![
                row("Electrical troubleshooting", T, 2),
                row("Refrigerant handling", T, 2),
                row("Brazing and soldering", T, 2),
                row("Reading wiring diagrams", T, 3),
                row("Load calculations", T, 3),
                row("Customer service", T, 3),
                row("Rigging", T, 4),
                row("Boiler maintenance", T, 4),
                row("Chiller startup", T, 4),
                row("Basic welding", T, 5),
            ]
        );
        // Spanish, with "y" before an article and "así como".
        let p = passage(
            "Habilidades que buscan las agencias",
            &[
                "Las agencias valoran la expresión oral, la gestión de grupos y la",
                "orientación en ciudad, así como la atención al cliente.",
            ],
        );
        assert_eq!(
            lines_of(&p, Place::default()),
            vec![
                row("Expresión oral", T, 2),
                row("Gestión de grupos", T, 2),
                row("Orientación en ciudad", T, 3),
                row("Atención al cliente", T, 3),
            ]
        );
    }

    #[test]
    fn a_table_whose_headers_are_kinds_of_skills_lists_every_column() {
        let p = passage(
            "Skills you need",
            &[
                "| Technical | Professional |",
                "| --- | --- |",
                "| Sight translation | Impartiality |",
                "| Note-taking | Cultural awareness |",
            ],
        );
        assert_eq!(
            lines_of(&p, Place::default()),
            vec![
                row("Sight translation", Topic::Technical, 4),
                row("Impartiality", Topic::Technical, 4),
                row("Note-taking", Topic::Technical, 5),
                row("Cultural awareness", Topic::Technical, 5),
            ]
        );
        // Headers naming topics give each column its topic; an HTML table's rows have no pipes
        // at their ends.
        let p = passage(
            "Court reporter skills",
            &[
                "Hard skills | Soft skills",
                "Speed building | Concentration",
            ],
        );
        assert_eq!(
            lines_of(&p, Place::default()),
            vec![
                row("Speed building", Topic::Technical, 3),
                row("Concentration", Topic::SoftSkills, 3),
            ]
        );
        let p = passage(
            "Skills",
            &[
                "| Must-have | Nice to have |",
                "|---|---|",
                "| Triage | Spanish |",
            ],
        );
        assert_eq!(names_only(&p), vec!["Triage", "Spanish"]);
        // A second column that explains the first is no list.
        let p = passage(
            "Skills",
            &[
                "| Skill | Why it matters |",
                "|---|---|",
                "| Register switching | Plain words for a frightened family |",
            ],
        );
        assert_eq!(names_only(&p), vec!["Register switching"]);
    }

    #[test]
    fn a_lead_in_naming_another_subject_ends_the_list() {
        let p = passage(
            "Skills and qualities",
            &[
                "- Ventilator management",
                "Where you can work:",
                "- Hospitals and inpatient rehabilitation units",
                "- Public schools",
            ],
        );
        assert_eq!(names_only(&p), vec!["Ventilator management"]);
        // A sub-heading naming one ends it too.
        let p = passage(
            "Skills",
            &["- Triage", "#### Work settings", "- Home health agencies"],
        );
        let place = Place {
            depth: Some(3),
            parent: None,
        };
        assert_eq!(
            lines_of(&p, place),
            vec![row("Triage", Topic::Technical, 2)]
        );
    }

    #[test]
    fn steps_of_a_path_are_no_skills() {
        let p = passage(
            "Education and licensing",
            &[
                "1. Earn a bachelor's degree from an accredited program.",
                "2. Finish fieldwork.",
                "3. Apply for a state license.",
                "Step 5. Optional: the Registered Respiratory Therapist (RRT) credential, which most hospitals prefer.",
            ],
        );
        assert_eq!(
            lines_of(&p, Place::default()),
            vec![row(
                "Registered Respiratory Therapist credential",
                Topic::Certifications,
                5
            )]
        );
    }

    #[test]
    fn labels_of_another_subject_name_no_skill() {
        let p = passage(
            "Licensing",
            &[
                "Experience: most hospital postings want one year of acute-care experience.",
                "Career path: staff therapist, then lead therapist, then manager.",
                "BLS certification: renewed every two years.",
            ],
        );
        assert_eq!(names_only(&p), vec!["BLS certification"]);
    }

    #[test]
    fn a_bold_sentence_is_a_lead_in_not_a_name() {
        let p = passage(
            "Skills and qualities",
            &[
                "- Ventilator management",
                "**Soft skills matter just as much.** Therapists talk patients through treatments.",
                "- Calm under pressure",
            ],
        );
        assert_eq!(
            names(&p),
            vec![
                ("Ventilator management".to_string(), Topic::Technical),
                ("Calm under pressure".to_string(), Topic::SoftSkills),
            ]
        );
        // A step or a question in bold sets no topic, and a question in bold names nothing.
        let p = passage(
            "Becoming a nurse",
            &[
                "1. **Get your state license.** Apply to the board.",
                "2. **Advance.** Charge nurse, then manager.",
            ],
        );
        assert!(names(&p).is_empty(), "{:?}", names(&p));
        let p = passage(
            "FAQ",
            &[
                "**Do brokers need a licence?** Yes: the firm must be authorised.",
                "**Can I specialise?** Many brokers do.",
            ],
        );
        assert!(names(&p).is_empty(), "{:?}", names(&p));
        // A bold name stays a name.
        let p = passage("Skills", &["**Food safety.** You'll be certified."]);
        assert_eq!(names_only(&p), vec!["Food safety"]);
    }

    #[test]
    fn need_label_headings_list_skills_of_their_parent() {
        let p = passage(
            "Deseable",
            &["- Un tercer idioma", "- Fotografía de viajes"],
        );
        let place = Place {
            depth: Some(3),
            parent: Some("Habilidades que buscan las agencias"),
        };
        assert_eq!(
            lines_of(&p, place),
            vec![
                row("Tercer idioma", Topic::Technical, 2),
                row("Fotografía de viajes", Topic::Technical, 3),
            ]
        );
        // Under another heading, nothing.
        let place = Place {
            depth: Some(3),
            parent: Some("Cuánto gana un guía"),
        };
        assert!(lines_of(&p, place).is_empty());
        // A bold need label alone on its line is part of the list, not a skill.
        let p = passage(
            "Court reporter skills",
            &[
                "**Must-have**",
                "- Legal terminology",
                "**Nice to have**",
                "- Realtime captioning",
            ],
        );
        assert_eq!(
            names_only(&p),
            vec!["Legal terminology", "Realtime captioning"]
        );
    }

    #[test]
    fn a_measure_after_a_list_item_is_no_part_of_its_name() {
        let p = passage(
            "Skills",
            &[
                "- Machine shorthand at 225 words per minute",
                "- Transcript formatting",
            ],
        );
        assert_eq!(
            names_only(&p),
            vec!["Machine shorthand", "Transcript formatting"]
        );
    }

    #[test]
    fn a_long_list_item_loses_its_purpose_and_another_subject_is_no_item() {
        let p = passage(
            "Nice-to-have skills",
            &[
                "- A CDL for driving the service truck to every site",
                "- Empathy for customers and for your team",
                "- Experience",
            ],
        );
        assert_eq!(names_only(&p), vec!["CDL", "Empathy"]);
    }

    #[test]
    fn the_text_under_a_sub_heading_naming_a_skill_explains_it() {
        // Its sentences list no other skills, as in a passage that starts at the sub-heading.
        let p = passage(
            "Technical skills",
            &[
                "#### Data cleaning",
                "Data cleaning takes most days. You should be comfortable with deduplication, outlier checks and type coercion.",
                "#### Spreadsheets",
                "Spreadsheets are everywhere; most analysts use pivot tables, lookups and charts daily.",
            ],
        );
        let place = Place {
            depth: Some(3),
            parent: Some("Skills you need"),
        };
        assert_eq!(
            lines_of(&p, place),
            vec![
                row("Data cleaning", Topic::Technical, 2),
                row("Spreadsheets", Topic::Technical, 4),
            ]
        );
    }

    #[test]
    fn a_cell_with_heading_words_and_others_is_a_skill() {
        // "equipment" and "skills" are heading words, but these cells say more: skills. A cell
        // of heading words alone is a header.
        let p = passage(
            "Top skills",
            &[
                "| Skill | Why it matters |",
                "|---|---|",
                "| Documentation skills | Every session is billed from your notes. |",
                "| Adaptive equipment training | Reachers, sock aids and tub benches. |",
                "| Soft skills | See below. |",
            ],
        );
        assert_eq!(
            names_only(&p),
            vec!["Documentation skills", "Adaptive equipment training"]
        );
    }
}
