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
//!   fit a name ("Good pilots combine a, b, c and d when …").

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
    let parts: Vec<&str> = phrase.split_whitespace().collect();
    !parts.is_empty()
        && k + parts.len() <= ws.len()
        && parts.iter().enumerate().all(|(j, p)| ws[k + j].1 == *p)
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
        ] {
            for w in list.iter_mut() {
                *w = w.to_lowercase();
            }
        }
        self
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
        let parts = split_items(&plain, false);
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
    /// a name ("Good pilots combine a, b, c and d when …"); `None` for any other sentence.
    pub fn prose_list(&self, sentence: &str, max_words: usize) -> Option<Vec<String>> {
        let plain = without_asides(sentence);
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
        let start = ws.get(cue + cue_len)?.0;
        let mut list = &plain[start..];
        // The list ends at the sentence's clause ("… when something goes wrong").
        let lw = words(list);
        if let Some(k) = find_phrase(&lw, &self.clauses, 1, false) {
            list = &list[..lw[k].0];
        }
        let items = split_items(list, false);
        if items.len() < 3 {
            return None;
        }
        let mut out = Vec::new();
        for i in &items {
            if self.elaborates(i) {
                return None;
            }
            out.push(self.fit(i, max_words)?.to_string());
        }
        Some(out)
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

/// Items of "a, b, c and d" (or "y"/"or"/"o"), ending at the first sentence end; parenthetical
/// asides are dropped, and a comma inside a number ("8,000") splits nothing.
pub(super) fn split_list(body: &str) -> Vec<String> {
    split_items(body, true)
}

/// [`split_list`], cutting a purpose ("for delivery") off each item or not.
fn split_items(body: &str, cut_purpose: bool) -> Vec<String> {
    let body = body
        .split(". ")
        .next()
        .unwrap_or(body)
        .trim_end_matches('.');
    let plain = without_asides(body);
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
        // two names ("Figma and Miro").
        let last = i + 1 == parts.len() && stripped.is_none();
        for alternative in part.split(" or ").flat_map(|p| p.split(" o ")) {
            for piece in split_and(alternative, last) {
                let piece = piece.trim().trim_end_matches([',', ';']);
                if !piece.is_empty() {
                    out.push(piece.to_string());
                }
            }
        }
    }
    out
}

/// The items an "and" ("y", "e") joins in one part of a list: at the first one when the part
/// ends the list (`last`), else only where it joins two capitalised names.
fn split_and(part: &str, last: bool) -> Vec<&str> {
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
                    before.starts_with(char::is_uppercase) && after.starts_with(char::is_uppercase)
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
        assert_eq!(
            split_list("Jira or Linear for delivery, Figma"),
            vec!["Jira", "Linear", "Figma"]
        );
        assert_eq!(
            split_list("manual dexterity, stamina for standing and bending all day."),
            vec!["manual dexterity", "stamina"]
        );
    }

    #[test]
    fn and_ends_a_list_or_joins_one_item() {
        assert_eq!(
            split_list("scaling and root planing, dental radiography and local anesthesia"),
            vec![
                "scaling and root planing",
                "dental radiography",
                "local anesthesia"
            ]
        );
        assert_eq!(
            split_list("Figma and Miro for collaboration, and Notion or Confluence"),
            vec!["Figma", "Miro", "Notion", "Confluence"]
        );
        assert_eq!(
            split_items(
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
}
