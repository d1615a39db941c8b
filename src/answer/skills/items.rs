//! The shape of an item in a list of skills: which words name the skill and which only qualify
//! or explain it. Pure text rules over function words given as data
//! (`assets/skill_sections.toml`: articles, joining, clause, tail, elaboration and cue words, and
//! the labels that say how much a list is needed), so they hold for any career's guide.
//!
//! - An item is a name without its article ("a steady hand" → "steady hand"), up to a clause
//!   ("calm decision-making when something goes wrong" → "calm decision-making"); one too long
//!   for a name loses its qualifying tails from the right ("capacidad para motivar al paciente
//!   durante tratamientos largos" → "capacidad para motivar al paciente") and, still too long,
//!   splits at its first "and" ("Patience and a methodical approach to troubleshooting").
//! - A list item that is itself a short list of bare names ("Motor controls, variable frequency
//!   drives and basic PLC logic") is those names; one whose first part joins the rest to it
//!   ("Troubleshooting with multimeters, clamp meters and …") is one skill.
//! - A sentence of prose lists skills when a cue word leads into three or more items that all
//!   fit a name ("Good pilots combine a, b, c and d when …"), or two a joiner joins ("know duct
//!   design as well as building automation controls").
//! - A joiner ends a list as "and" does ("… chiller startup plus basic welding", "así como"); an
//!   "and" before an article starts a new item inside a list ("la gestión de grupos y la
//!   orientación en ciudad"); an item that only points back at another ("or another second
//!   language") is none.
//! - A step of a path starts with a step verb ("Apply for a state license"); a step's number
//!   ("Step 5.") is no part of a line's items; a measure after a name ("at 225 words per
//!   minute") is cut from an item too long for one.

use serde::Deserialize;

/// The function words these rules read, as written in `assets/skill_sections.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ItemWords {
    /// Articles an item may start with.
    #[serde(default)]
    pub articles: Vec<String>,
    /// Words that join what follows to the words before (prepositions).
    #[serde(default)]
    pub joining: Vec<String>,
    /// Words that mark an infinitive ("to", "para"): a part with one ("Ability to test")
    /// coordinates verbs after its "and", not names.
    #[serde(default)]
    pub infinitives: Vec<String>,
    /// Words that start a clause: an item ends before them.
    #[serde(default)]
    pub clauses: Vec<String>,
    /// Words that start a qualifying phrase, cut from an item too long to be a name.
    #[serde(default)]
    pub tails: Vec<String>,
    /// Words an example or explanation starts with ("especially …").
    #[serde(default)]
    pub elaborations: Vec<String>,
    /// Words after which a sentence lists skills ("combine", "need").
    #[serde(default)]
    pub cues: Vec<String>,
    /// Labels that say how much the items are needed ("Required", "Nice to have").
    #[serde(default)]
    pub need_labels: Vec<String>,
    /// Words that join the last item to a list as "and" does ("as well as", "plus").
    #[serde(default)]
    pub joiners: Vec<String>,
    /// Words an item starts with when it only points back at another ("or another second
    /// language", "and other hand tools"): no name of its own.
    #[serde(default)]
    pub references: Vec<String>,
    /// Verbs a step of a path starts with ("Earn a bachelor's degree", "Apply for a state
    /// license"): a step is no skill.
    #[serde(default)]
    pub step_verbs: Vec<String>,
    /// Words that number a step ("Step 5.", "Paso 2:"): the marker is no part of an item.
    #[serde(default)]
    pub step_words: Vec<String>,
    /// Verbs of needing that end a lead-in to a list of what a worker needs ("Operators
    /// need:", "Employers look for:").
    #[serde(default)]
    pub needs: Vec<String>,
    /// Words a question opens with when it asks which things are needed ("What", "Which").
    #[serde(default)]
    pub which_words: Vec<String>,
}

/// A whitespace-separated word of `text`: its byte offset and its letters, lower case, without
/// the punctuation around it.
fn words(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                let w: String = text[s..i]
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase();
                out.push((s, w));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    out
}

/// Whether `phrase` (space-separated, lower case) occurs at word `k` of `ws`.
fn phrase_at(ws: &[(usize, String)], k: usize, phrase: &str) -> bool {
    // Word by word, without collecting the phrase: this runs for every word of every sentence
    // read for a list, against every cue.
    let mut matched = 0;
    for (j, p) in phrase.split_whitespace().enumerate() {
        match ws.get(k + j) {
            Some((_, w)) if w == p => matched += 1,
            _ => return false,
        }
    }
    matched > 0
}

/// The word index where one of `phrases` starts, first (or last) from word `from` on.
fn find_phrase(
    ws: &[(usize, String)],
    phrases: &[String],
    from: usize,
    last: bool,
) -> Option<usize> {
    let mut hits = (from..ws.len()).filter(|&k| phrases.iter().any(|p| phrase_at(ws, k, p)));
    if last { hits.next_back() } else { hits.next() }
}

/// Number of words.
pub(super) fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

impl ItemWords {
    /// Lower-cases every word list (they are compared with lower-case words).
    pub fn normalised(mut self) -> ItemWords {
        for list in [
            &mut self.articles,
            &mut self.joining,
            &mut self.infinitives,
            &mut self.clauses,
            &mut self.tails,
            &mut self.elaborations,
            &mut self.cues,
            &mut self.need_labels,
            &mut self.joiners,
            &mut self.references,
            &mut self.step_verbs,
            &mut self.step_words,
            &mut self.needs,
            &mut self.which_words,
        ] {
            for w in list.iter_mut() {
                *w = w.to_lowercase();
            }
        }
        self
    }

    /// Whether a heading asks which things (skills, credentials) are needed: a question that
    /// opens with a word of `which_words` ("What skills do you need to be a zookeeper?"), after
    /// a question label ("Q5: What …").
    pub fn asks_which(&self, heading: &str) -> bool {
        let h = heading.trim().trim_end_matches(['*', '_']);
        let ws = words(h);
        let first = usize::from(ws.first().is_some_and(|(_, w)| {
            w.starts_with(['q', 'p']) && w[1..].chars().all(|c| c.is_ascii_digit())
        }));
        h.ends_with('?')
            && ws
                .get(first)
                .is_some_and(|(_, w)| self.which_words.contains(w))
    }

    /// Whether a lead-in ends with a verb of needing and a colon ("Operators need:",
    /// "Employers and admissions tutors look for:"): the list after it is what is needed.
    pub fn ends_with_need(&self, lead_in: &str) -> bool {
        let Some(body) = lead_in.trim().strip_suffix(':') else {
            return false;
        };
        let ws = words(body);
        self.needs.iter().any(|n| {
            let k = n.split_whitespace().count();
            ws.len() > k && phrase_at(&ws, ws.len() - k, n)
        })
    }

    /// Whether a label only says how much its items are needed ("Required", "Nice to have").
    pub fn is_need_label(&self, label: &str) -> bool {
        let ws: Vec<String> = words(label).into_iter().map(|(_, w)| w).collect();
        let joined = ws.join(" ");
        !joined.is_empty() && self.need_labels.contains(&joined)
    }

    /// Whether an item starts with an example or explanation word ("especially Article 210").
    pub fn elaborates(&self, item: &str) -> bool {
        find_phrase(&words(item), &self.elaborations, 0, false) == Some(0)
    }

    /// Whether an item starts with a clause word ("which most hospitals prefer").
    pub fn starts_clause(&self, item: &str) -> bool {
        find_phrase(&words(item), &self.clauses, 0, false) == Some(0)
    }

    /// Whether a part of an item joins the words after it to itself ("communication with …").
    fn joins(&self, part: &str) -> bool {
        find_phrase(&words(part), &self.joining, 0, false).is_some()
    }

    /// An item without a leading article.
    pub fn without_article<'a>(&self, item: &'a str) -> &'a str {
        let ws = words(item);
        match ws.get(1) {
            Some((at, _)) if self.articles.iter().any(|a| *a == ws[0].1) => &item[*at..],
            _ => item,
        }
    }

    /// The name an item too long for one starts with, when what follows it is a clause ("…
    /// reports that developers can reproduce"), an example ("… such as OCT") or a purpose ("…
    /// aptitude to spot problems"; after two words at least: "Ability to test" names no skill
    /// before its "to"): without its article, at most `max_words` words; `None` otherwise.
    pub fn name_before_tail<'a>(&self, item: &'a str, max_words: usize) -> Option<&'a str> {
        let item = self.without_article(item.trim());
        let ws = words(item);
        let clause = find_phrase(&ws, &self.clauses, 1, false);
        let example = find_phrase(&ws, &self.elaborations, 1, false);
        // "to" before an article is a preposition ("fix rails to the roof"), not a purpose.
        let purpose = find_phrase(&ws, &self.infinitives, 2, false).filter(|&k| {
            ws.get(k + 1)
                .is_some_and(|(_, next)| !self.articles.contains(next))
                && !self.joins(&item[..ws[k].0])
        });
        let k = clause.into_iter().chain(example).chain(purpose).min()?;
        let name = item[..ws[k].0].trim().trim_end_matches([',', ';', ':']);
        (word_count(name) <= max_words).then_some(name)
    }

    /// An item as a name of at most `max_words` words: without its article, up to a clause, and
    /// without qualifying tails (from the right) while too long; `None` when no name fits.
    pub fn fit<'a>(&self, item: &'a str, max_words: usize) -> Option<&'a str> {
        let mut item = self.without_article(item.trim());
        let ws = words(item);
        if let Some(k) = find_phrase(&ws, &self.clauses, 1, false) {
            item = &item[..ws[k].0];
        }
        loop {
            let item_trimmed = item.trim().trim_end_matches([',', ';', ':', '.']);
            let ws = words(item_trimmed);
            if ws.is_empty() {
                return None;
            }
            if ws.len() <= max_words {
                return Some(item_trimmed);
            }
            let k = find_phrase(&ws, &self.tails, 1, true)?;
            item = &item_trimmed[..ws[k].0];
        }
    }

    /// An item too long to be one name, split at its first "and" into names that each fit
    /// (`None` when it cannot be): "Patience and a methodical approach to troubleshooting".
    pub fn split_long<'a>(&self, item: &'a str, max_words: usize) -> Option<Vec<&'a str>> {
        let ws = words(item);
        let k = (1..ws.len()).find(|&k| ["and", "y", "e"].contains(&ws[k].1.as_str()))?;
        let (a, b) = (&item[..ws[k].0], &item[ws[k].0 + ws[k].1.len()..]);
        // Each side must be a name as written: a clause or a cut means prose ("Reading patient
        // charts and telling the doctor when …").
        // and a name never starts with a preposition ("Empathy for customers and for your team").
        let bw = words(b);
        if find_phrase(&bw, &self.clauses, 0, false).is_some()
            || find_phrase(&bw, &self.joining, 0, false) == Some(0)
        {
            return None;
        }
        let a_fit = self.fit(a, max_words)?;
        if word_count(a_fit) != word_count(self.without_article(a.trim()))
            || find_phrase(&words(a_fit), &self.infinitives, 0, false).is_some()
        {
            return None;
        }
        // A purpose ends the second name as it ends a list's items ("OSHA 30-Hour for foremen").
        let b = [" for ", " para "]
            .iter()
            .fold(b, |p, stop| p.split(stop).next().unwrap_or(p));
        Some(vec![a_fit, self.fit(b, max_words)?])
    }

    /// The names of an item that is a short list of bare names ("Electroterapia, ecografía y
    /// vendaje neuromuscular"): at least one comma, every part at most `part_words` words, and no
    /// part joining words to itself. `None` for any other item.
    pub fn short_list(&self, item: &str, part_words: usize) -> Option<Vec<String>> {
        let plain = without_asides(item);
        if !plain.contains(", ") {
            return None;
        }
        // Each part as written: "OSHA rules for ladders, lifts …" joins the list to its first part.
        let parts = self.split_items(&plain, false);
        (parts.len() >= 2
            && parts
                .iter()
                .all(|p| word_count(p) <= part_words && !self.joins(p) && !self.elaborates(p)))
        .then(|| {
            parts
                .into_iter()
                .map(|p| self.without_article(&p).to_string())
                .collect()
        })
    }

    /// The skills a sentence of prose lists after a cue word: three or more items that each fit
    /// a name ("Good pilots combine a, b, c and d when …"), or two a joiner joins ("know duct
    /// design as well as building automation controls"); `None` for any other sentence.
    pub fn prose_list(&self, sentence: &str, max_words: usize) -> Option<Vec<String>> {
        let asides = without_asides(sentence);
        let plain = self.with_joiners_as_and(&asides);
        let joined = plain != asides;
        let comma = plain.find(", ")?;
        let ws = words(&plain);
        // The list starts after the last cue word before its first comma.
        let before = ws.iter().take_while(|(at, _)| *at < comma).count();
        let cue = find_phrase(&ws[..before], &self.cues, 0, true)?;
        let cue_len = self
            .cues
            .iter()
            .filter(|c| phrase_at(&ws, cue, c))
            .map(|c| c.split_whitespace().count())
            .max()
            .unwrap_or(1);
        // "want to see a, b and c": the verb after the cue is no part of the first item.
        let mut first = cue + cue_len;
        if ws
            .get(first)
            .is_some_and(|(_, w)| self.infinitives.contains(w))
        {
            first += 2;
        }
        let start = ws.get(first)?.0;
        let mut list = &plain[start..];
        // The list ends at the sentence's clause ("… when something goes wrong") or at an
        // example of its last item ("window functions such as ROW_NUMBER and LAG").
        let lw = words(list);
        let clause = find_phrase(&lw, &self.clauses, 1, false);
        let example = find_phrase(&lw, &self.elaborations, 1, false);
        if let Some(k) = clause.into_iter().chain(example).min() {
            list = &list[..lw[k].0];
        }
        let items = self.split_items(list, false);
        if items.len() < 3 && !(joined && items.len() == 2) {
            return None;
        }
        let mut out = Vec::new();
        for i in &items {
            if self.elaborates(i) {
                return None;
            }
            // An item too long for one name may be two an "and" joins ("door operator
            // adjustment and safety circuit testing").
            match self.fit(i, max_words) {
                Some(name) => out.push(name.to_string()),
                None => out.extend(
                    self.split_long(i, max_words)?
                        .into_iter()
                        .map(str::to_string),
                ),
            }
        }
        Some(out)
    }

    /// Items of "a, b, c and d" (or "y"/"or"/"o"), ending at the first sentence end; parenthetical
    /// asides are dropped, a comma inside a number ("8,000") splits nothing, a joiner ends the list
    /// as "and" does ("… chiller startup plus basic welding"), and an item that only points back at
    /// another ("or another second language") is none.
    pub fn split_list(&self, body: &str) -> Vec<String> {
        self.split_items(body, true)
    }

    /// [`ItemWords::split_list`], cutting a purpose ("for delivery") off each item or not.
    fn split_items(&self, body: &str, cut_purpose: bool) -> Vec<String> {
        let body = body
            .split(". ")
            .next()
            .unwrap_or(body)
            .trim_end_matches('.');
        let plain = self.with_joiners_as_and(&without_asides(body));
        let mut out = Vec::new();
        let parts: Vec<&str> = plain.split(", ").flat_map(|p| p.split("; ")).collect();
        for (i, part) in parts.iter().enumerate() {
            let part = part.trim();
            let stripped = ["and ", "or ", "y ", "o ", "e "]
                .iter()
                .find_map(|c| part.strip_prefix(c));
            let part = stripped.unwrap_or(part);
            // A purpose ("for delivery") is not part of the name, nor of the alternatives before it
            // ("Jira or Linear for delivery"; "stamina for standing and bending all day").
            let part = if cut_purpose {
                [" for ", " para "]
                    .iter()
                    .fold(part, |p, stop| p.split(stop).next().unwrap_or(p))
            } else {
                part
            };
            // The last part's first "and" ends the list ("…, cake decorating and food costing");
            // any other "and" joins words of one item ("scaling and root planing"), unless it joins
            // two names ("Figma and Miro", "la gestión de grupos y la orientación").
            let last = i + 1 == parts.len() && stripped.is_none();
            for alternative in part.split(" or ").flat_map(|p| p.split(" o ")) {
                for piece in self.split_and(alternative, last) {
                    let piece = piece.trim().trim_end_matches([',', ';']);
                    if !piece.is_empty() && !self.refers_back(piece) {
                        out.push(piece.to_string());
                    }
                }
            }
        }
        out
    }

    /// The items an "and" ("y", "e") joins in one part of a list: at the first one when the part
    /// ends the list (`last`), else only where it joins two capitalised names or starts a name
    /// with its article ("… y la orientación en ciudad").
    fn split_and<'a>(&self, part: &'a str, last: bool) -> Vec<&'a str> {
        let mut out = Vec::new();
        let mut rest = part;
        let at_list_end = last;
        loop {
            let next = [" and ", " y ", " e "]
                .iter()
                .filter_map(|c| rest.find(c).map(|i| (i, c.len())))
                .filter(|&(i, len)| {
                    at_list_end || {
                        let before = rest[..i].split_whitespace().last().unwrap_or_default();
                        let after = rest[i + len..]
                            .split_whitespace()
                            .next()
                            .unwrap_or_default();
                        (before.starts_with(char::is_uppercase)
                            && after.starts_with(char::is_uppercase))
                            || self.articles.contains(&after.to_lowercase())
                    }
                })
                .min();
            let Some((i, len)) = next else {
                out.push(rest);
                return out;
            };
            out.push(&rest[..i]);
            rest = &rest[i + len..];
            if at_list_end {
                // Only the first "and" ends the list: the rest is one item.
                out.push(rest);
                return out;
            }
        }
    }

    /// A text with each joiner written as the "and" that ends a list: "chiller startup plus basic
    /// welding" → "chiller startup, and basic welding". A joiner after an article ("a plus") or
    /// ending the text is a word.
    pub fn with_joiners_as_and(&self, text: &str) -> String {
        let lower = text.to_lowercase();
        if !self.joiners.iter().any(|j| lower.contains(j.as_str())) {
            return text.to_string();
        }
        let ws = words(text);
        let mut out = String::with_capacity(text.len() + 8);
        let mut copied = 0;
        let mut k = 1;
        while k < ws.len() {
            let joiner = self
                .joiners
                .iter()
                .filter(|j| phrase_at(&ws, k, j))
                .map(|j| j.split_whitespace().count())
                .max();
            let Some(n) = joiner.filter(|&n| {
                k + n < ws.len() && !self.articles.contains(&ws[k - 1].1) && !ws[k - 1].1.is_empty()
            }) else {
                k += 1;
                continue;
            };
            let (start, end) = (ws[k].0, ws[k + n].0);
            let before = text[copied..start].trim_end();
            out.push_str(before);
            out.push_str(if before.ends_with(',') {
                " and "
            } else {
                ", and "
            });
            copied = end;
            k += n;
        }
        out.push_str(&text[copied..]);
        out
    }

    /// Whether an item only points back at another ("another second language", "other hand
    /// tools").
    pub fn refers_back(&self, item: &str) -> bool {
        find_phrase(&words(item), &self.references, 0, false) == Some(0)
    }

    /// Whether an item is a step of a path ("Earn a bachelor's degree", "Apply for a state
    /// license"): it starts with a step verb and says what to do with something.
    pub fn is_step(&self, item: &str) -> bool {
        let ws = words(item);
        ws.len() >= 2 && find_phrase(&ws, &self.step_verbs, 0, false) == Some(0)
    }

    /// A line without the words that number it as a step ("Step 5. Optional: …" → "Optional:
    /// …"); the line itself when it has none.
    pub fn without_step_number<'a>(&self, line: &'a str) -> &'a str {
        // Only the first two words matter: no need to split the whole line.
        let mut tokens = line.split_whitespace();
        let (Some(first), Some(number)) = (tokens.next(), tokens.next()) else {
            return line;
        };
        let word = first
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if !number.starts_with(|c: char| c.is_ascii_digit()) || !self.step_words.contains(&word) {
            return line;
        }
        let after_first = line.find(first).unwrap_or(0) + first.len();
        let at = after_first + line[after_first..].find(number).unwrap_or(0) + number.len();
        line[at..].trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, '.' | ':' | '—' | '–' | '-' | ')')
        })
    }

    /// An item without a measure after it ("Machine shorthand at 225 words per minute" →
    /// "Machine shorthand"): cut at the first joining or tail word that a number follows.
    pub fn without_measure<'a>(&self, item: &'a str) -> &'a str {
        let ws = words(item);
        (1..ws.len().saturating_sub(1))
            .find(|&k| {
                (self.joining.contains(&ws[k].1) || self.tails.contains(&ws[k].1))
                    && ws[k + 1].1.starts_with(|c: char| c.is_ascii_digit())
            })
            .map_or(item, |k| item[..ws[k].0].trim_end())
    }
}

/// Text without its parenthetical asides.
pub(super) fn without_asides(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words_file() -> ItemWords {
        crate::answer::fixtures::vocab()
            .skill_sections()
            .item_words()
            .clone()
    }

    #[test]
    fn fit_drops_articles_clauses_and_tails() {
        let w = words_file();
        assert_eq!(w.fit("a steady hand", 6), Some("steady hand"));
        assert_eq!(
            w.fit("calm decision-making when something goes wrong", 6),
            Some("calm decision-making")
        );
        assert_eq!(
            w.fit(
                "capacidad para motivar al paciente durante tratamientos largos",
                6
            ),
            Some("capacidad para motivar al paciente")
        );
        assert_eq!(
            w.fit("good color vision for reading wire color codes", 6),
            Some("good color vision")
        );
        assert_eq!(
            w.fit(
                "telling the doctor when a value looks wrong to you today",
                6
            ),
            Some("telling the doctor")
        );
        assert_eq!(w.fit("one two three four five six seven eight", 6), None);
    }

    #[test]
    fn long_items_split_at_their_first_and() {
        let w = words_file();
        assert_eq!(
            w.split_long("Patience and a methodical approach to troubleshooting", 6),
            Some(vec!["Patience", "methodical approach to troubleshooting"])
        );
        assert_eq!(
            w.split_long(
                "Physical stamina and good color vision for reading wire color codes",
                6
            ),
            Some(vec!["Physical stamina", "good color vision"])
        );
        assert_eq!(
            w.split_long(
                "Valoración funcional del paciente y redacción de informes",
                6
            ),
            Some(vec![
                "Valoración funcional del paciente",
                "redacción de informes"
            ])
        );
        assert_eq!(
            w.split_long("no conjunction in this overly long item here", 6),
            None
        );
        assert_eq!(
            w.split_long(
                "Reading patient charts and telling the doctor when a value looks wrong to you today",
                6
            ),
            None
        );
        // A phrase joined to its first part coordinates inside it, not two names.
        assert_eq!(
            w.split_long("Ability to test and debug code effectively", 6),
            None
        );
    }

    #[test]
    fn short_lists_of_bare_names() {
        let w = words_file();
        assert_eq!(
            w.short_list(
                "Motor controls, variable frequency drives and basic PLC logic",
                4
            ),
            Some(vec![
                "Motor controls".to_string(),
                "variable frequency drives".to_string(),
                "basic PLC logic".to_string()
            ])
        );
        assert_eq!(
            w.short_list("Electroterapia, ecografía y vendaje neuromuscular", 4)
                .map(|l| l.len()),
            Some(3)
        );
        for joined in [
            "Troubleshooting with multimeters, clamp meters and insulation testers",
            "Clear communication with foremen, other trades, inspectors and customers",
            "Comunicación con diseño, producto y backend",
            "HTML semántico y CSS moderno (Flexbox, Grid)",
            "OSHA rules for ladders, lifts, fall protection and trenching",
        ] {
            assert_eq!(w.short_list(joined, 4), None, "{joined}");
        }
    }

    #[test]
    fn prose_lists_after_a_cue() {
        let w = words_file();
        assert_eq!(
            w.prose_list(
                "Good pilots combine precise instrument flying, situational awareness, crew resource management and calm decision-making when something goes wrong.",
                6
            ),
            Some(vec![
                "precise instrument flying".to_string(),
                "situational awareness".to_string(),
                "crew resource management".to_string(),
                "calm decision-making".to_string()
            ])
        );
        assert_eq!(
            w.prose_list(
                "Employers also need technicians who show accuracy, discretion with patient information and patience with busy queues.",
                6
            ),
            Some(vec![
                "accuracy".to_string(),
                "discretion with patient information".to_string(),
                "patience with busy queues".to_string()
            ])
        );
        for prose in [
            "Airlines also want captains who can brief a crew in two minutes and keep the flight deck talking.",
            "Pay is set by the hour flown, grows with seniority and differs by airline.",
            "You need Python and Java.",
            "Most work in retail pharmacies, hospitals, clinics and mail-order centres.",
        ] {
            assert_eq!(w.prose_list(prose, 6), None, "{prose}");
        }
    }

    #[test]
    fn a_purpose_ends_the_alternatives_before_it() {
        let w = words_file();
        assert_eq!(
            w.split_list("Jira or Linear for delivery, Figma"),
            vec!["Jira", "Linear", "Figma"]
        );
        assert_eq!(
            w.split_list("manual dexterity, stamina for standing and bending all day."),
            vec!["manual dexterity", "stamina"]
        );
    }

    #[test]
    fn and_ends_a_list_or_joins_one_item() {
        let w = words_file();
        assert_eq!(
            w.split_list("scaling and root planing, dental radiography and local anesthesia"),
            vec![
                "scaling and root planing",
                "dental radiography",
                "local anesthesia"
            ]
        );
        assert_eq!(
            w.split_list("Figma and Miro for collaboration, and Notion or Confluence"),
            vec!["Figma", "Miro", "Notion", "Confluence"]
        );
        assert_eq!(
            w.split_items(
                "clinical judgement, calm under pressure and clear communication with patients and families",
                false
            ),
            vec![
                "clinical judgement",
                "calm under pressure",
                "clear communication with patients and families"
            ]
        );
    }

    #[test]
    fn need_labels_and_elaborations() {
        let w = words_file();
        for label in ["Required", "Nice to have", "Obligatorio", "recomendable"] {
            assert!(w.is_need_label(label), "{label}");
        }
        assert!(!w.is_need_label("Required skills for juniors"));
        assert!(w.elaborates("especially Article 210"));
        assert!(!w.elaborates("Article 250"));
    }

    #[test]
    fn joiners_end_a_list_as_and_does() {
        let w = words_file();
        assert_eq!(
            w.split_list("rigging, boiler maintenance, chiller startup plus basic welding"),
            vec![
                "rigging",
                "boiler maintenance",
                "chiller startup",
                "basic welding"
            ]
        );
        assert_eq!(
            w.split_list("la historia del arte, así como la atención al cliente"),
            vec!["la historia del arte", "la atención al cliente"]
        );
        // After an article a joiner is a word; at the end of the text too.
        assert_eq!(
            w.with_joiners_as_and("Spanish is a plus"),
            "Spanish is a plus"
        );
        assert_eq!(
            w.with_joiners_as_and("all of this, plus"),
            "all of this, plus"
        );
    }

    #[test]
    fn and_before_an_article_starts_a_new_item() {
        let w = words_file();
        assert_eq!(
            w.split_list(
                "la expresión oral, la gestión de grupos y la orientación en ciudad, y la historia"
            ),
            vec![
                "la expresión oral",
                "la gestión de grupos",
                "la orientación en ciudad",
                "la historia"
            ]
        );
        // Without an article, "and" inside a part joins words of one item.
        assert_eq!(
            w.split_list("scaling and root planing, radiography and charting"),
            vec!["scaling and root planing", "radiography", "charting"]
        );
    }

    #[test]
    fn an_item_pointing_back_at_another_is_none() {
        let w = words_file();
        assert_eq!(
            w.split_list("Spanish or another second language, a medical assistant background"),
            vec!["Spanish", "a medical assistant background"]
        );
        assert_eq!(
            w.split_list("pliers, wire strippers and other hand tools"),
            vec!["pliers", "wire strippers"]
        );
        assert!(w.refers_back("Otro idioma"));
        assert!(!w.refers_back("Second language"));
    }

    #[test]
    fn steps_of_a_path_and_their_numbers() {
        let w = words_file();
        for step in [
            "Earn a bachelor's degree",
            "Finish fieldwork",
            "Apply for a state license",
            "Obtener el título de técnico",
        ] {
            assert!(w.is_step(step), "{step}");
        }
        for skill in ["Register switching", "Passing", "Sight translation"] {
            assert!(!w.is_step(skill), "{skill}");
        }
        assert_eq!(
            w.without_step_number("Step 5. Optional: the RRT credential"),
            "Optional: the RRT credential"
        );
        assert_eq!(w.without_step_number("Paso 2: colegiarse"), "colegiarse");
        assert_eq!(
            w.without_step_number("Step up your charting"),
            "Step up your charting"
        );
    }

    #[test]
    fn a_measure_after_an_item_is_no_part_of_its_name() {
        let w = words_file();
        assert_eq!(
            w.without_measure("Machine shorthand at 225 words per minute"),
            "Machine shorthand"
        );
        assert_eq!(w.without_measure("Lifting 50 pounds"), "Lifting 50 pounds");
        assert_eq!(w.without_measure("Typing with 98% accuracy"), "Typing");
    }

    #[test]
    fn prose_lists_of_two_need_a_joiner() {
        let w = words_file();
        assert_eq!(
            w.prose_list(
                "Senior technicians are also expected to know duct design as well as building automation controls.",
                6
            ),
            Some(vec![
                "duct design".to_string(),
                "building automation controls".to_string()
            ])
        );
        assert_eq!(
            w.prose_list(
                "Most of these are learned on the job, and nobody expects a first-year apprentice to size a system.",
                6
            ),
            None
        );
    }

    #[test]
    fn prose_lists_after_more_cues_without_their_verbs_and_examples() {
        let w = words_file();
        let list = |s: &str| w.prose_list(s, 6);
        // The verb after "want to" is no part of the first item.
        assert_eq!(
            list("Hiring managers want to see hydraulics, motor control wiring and rigging."),
            Some(vec![
                "hydraulics".to_string(),
                "motor control wiring".to_string(),
                "rigging".to_string()
            ])
        );
        // A middle item too long for one name is two an "and" joins.
        assert_eq!(
            list(
                "You should be comfortable with PLC programming, door operator adjustment and safety circuit testing, plus good customer manners."
            ),
            Some(vec![
                "PLC programming".to_string(),
                "door operator adjustment".to_string(),
                "safety circuit testing".to_string(),
                "good customer manners".to_string()
            ])
        );
        // An example of the last item ends the list.
        assert_eq!(
            list(
                "The job calls for rope inspection, governor testing and window functions such as ROW_NUMBER and LAG."
            ),
            Some(vec![
                "rope inspection".to_string(),
                "governor testing".to_string(),
                "window functions".to_string()
            ])
        );
    }
}
