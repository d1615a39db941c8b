//! Which career a question is about: one of the library's that it names (the career's name or
//! an alias, read with the analyzer, so plurals, case and spellings match), or an occupation no
//! guide covers (a role phrase or a listed occupation that names no career of the library and
//! whose words the index hardly holds). The phrases and occupations are data (`roles.toml`).

use std::sync::Arc;

use crate::analysis::Term;
use crate::roles::{RoleTable, fold};
use crate::search::{PassageIndex, plausible_typo};
use crate::vocab::Vocabulary;

/// A word held by fewer passages than this is rare…
const RARE_MIN: u64 = 2;
/// …or by fewer than one passage in this many, in a large library.
const RARE_PER_PASSAGES: u64 = 1000;

/// What a question says about careers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuestionCareer {
    /// It names no career, and no occupation the library lacks.
    None,
    /// It names this career of the library, and no other.
    Named(String),
    /// It names several careers of the library, in the order it names them.
    Several(Vec<String>),
    /// It is about an occupation no guide covers, as the question writes it ("firefighters").
    NotInLibrary(String),
}

/// What a question says about careers ([`QuestionCareer`]), and the one career of the library
/// it names by the last word of its name alone, read in one pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Scope {
    /// The careers it names, or the occupation no guide covers that it is about.
    pub career: QuestionCareer,
    /// The one career it names only by the last word of its name ("how much do nurses make" →
    /// "Registered Nurse"), when it names none in full. Weaker evidence than a full name: it
    /// picks the career of an answer's structured card and the verdict's, never narrows the
    /// search.
    pub by_last_word: Option<String>,
}

/// Reads `question` against the library's `careers` (their names as the index holds them) and
/// the words of `index`. A career the question names wins over an occupation the library lacks
/// ("do electricians earn more than firefighters" is answered from the electrician's guides).
pub(crate) fn read(
    vocab: &Vocabulary,
    index: &PassageIndex,
    careers: &[String],
    question: &str,
) -> Scope {
    let terms = vocab.analyzer().analyze(question);
    let read_as = read_terms(index, question, &terms);
    let in_full = named_careers(vocab, careers, &read_as);
    let by_head = if in_full.is_empty() {
        named_by_head(vocab, careers, question, &terms)
    } else {
        Vec::new()
    };
    let by_last_word = match by_head.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    };
    let mut named = in_full;
    if named.is_empty() {
        named = named_by_initials(careers, question);
    }
    if named.is_empty() {
        named = named_clipped(careers, question);
    }
    if named.is_empty() {
        named = named_head_first(vocab, index, careers, question, &terms, &read_as);
    }
    let career = career_of(vocab, index, careers, question, &terms, named, &by_head);
    Scope {
        career,
        by_last_word,
    }
}

/// [`read`]'s careers, from the careers the question names (`named`: in full, by initials,
/// clipped or head first) and those it names by the last word of their name (`by_head`).
fn career_of(
    vocab: &Vocabulary,
    index: &PassageIndex,
    careers: &[String],
    question: &str,
    terms: &[Term],
    named: Vec<String>,
    by_head: &[String],
) -> QuestionCareer {
    let analyzer = vocab.analyzer();
    let roles = vocab.roles();
    let texts: Vec<Arc<str>> = terms.iter().map(|t| Arc::clone(&t.text)).collect();
    match named.len() {
        0 => {}
        1 => return QuestionCareer::Named(named.into_iter().next().unwrap_or_default()),
        _ => return QuestionCareer::Several(named),
    }
    // A career named by its last word alone ("nurses" for "Registered Nurse") is not narrowed
    // to, but never refused as an occupation the library lacks, however few passages say it.
    if !by_head.is_empty() {
        return QuestionCareer::None;
    }
    let rare = RARE_MIN.max(index.meta().passages as u64 / RARE_PER_PASSAGES);
    let known = |t: &str| index.knows(t, rare);
    // An occupation word is judged by how the guides write it, not by its stem, which may be
    // the work it names ("designer" → "design", which guides of any career hold); a synonym
    // form also by the word it stands for ("devs" → "developer").
    let named_in_guides = |head: &str| {
        std::iter::once(head)
            .chain(analyzer.canonical_of(head))
            .filter_map(|w| roles.occupation_form(w))
            .any(|form| index.occupation_freq(&form) >= rare)
    };
    // A role phrase: its last word an occupation few passages hold, or holding a listed
    // occupation with such a word.
    for role in roles.roles(question) {
        let role_terms: Vec<Arc<str>> = analyzer
            .analyze(&role.text)
            .into_iter()
            .map(|t| t.text)
            .collect();
        if role_terms.is_empty() {
            continue;
        }
        // A misspelt occupation ("devloper", "manger") is a typo of an occupation the guides
        // name or of a word of the library's careers, not an occupation they lack.
        let misspelt = || {
            let form = roles.occupation_form(&role.head);
            index
                .occupation_typo_of(form.as_deref().unwrap_or(&role.head))
                .is_some()
                || careers
                    .iter()
                    .flat_map(|c| c.split(|ch: char| ch.is_whitespace() || ch == '-'))
                    .any(|w| plausible_typo(&role.head, &fold(w)))
        };
        // The library's careers name it in other words, or a guide's title names it.
        let careers_own = || {
            names_a_careers_occupation(vocab, careers, &role.head)
                || index.in_a_title(&role_terms.iter().map(|t| &**t).collect::<Vec<_>>())
        };
        // An occupation as written, or by the word a translation reads it as ("fisioterapeuta"
        // → physiotherapist).
        let occupation = roles.occupation_form(&role.head).is_some()
            || analyzer
                .canonical_of(&role.head)
                .is_some_and(|w| roles.occupation_form(w).is_some());
        if (occupation && !named_in_guides(&role.head) && !misspelt() && !careers_own())
            || (unknown_occupation(roles, &role_terms, &known, 1).is_some() && !careers_own())
        {
            return QuestionCareer::NotInLibrary(role.text);
        }
    }
    // A listed occupation of several words anywhere ("mechanical engineer salary"); single words
    // only count in a role's place, since many also name things ("editor", "driver", "agent").
    if let Some((at, len)) = unknown_occupation(roles, &texts, &known, 2)
        && !index.in_a_title(&texts[at..at + len].iter().map(|t| &**t).collect::<Vec<_>>())
    {
        return QuestionCareer::NotInLibrary(
            question[terms[at].start..terms[at + len - 1].end].into(),
        );
    }
    QuestionCareer::None
}

/// The terms of a question as its search reads them: a word the index lacks is read as its
/// correction, a typo's word or a Spanish word's English cognate ("terapeuta ocupacional" →
/// therapist occupational), so such a word names a career as the search finds it.
fn read_terms(index: &PassageIndex, question: &str, terms: &[Term]) -> Vec<Arc<str>> {
    terms
        .iter()
        .map(|t| {
            if index.doc_freq(&t.text) > 0 {
                return Arc::clone(&t.text);
            }
            index
                .typo_of(&question[t.start..t.end])
                .map_or_else(|| Arc::clone(&t.text), Arc::from)
        })
        .collect()
}

/// The careers whose name or an alias appears in `terms`; a name of two words also head first,
/// as Spanish writes it ("analista de datos" for "Data Analyst"). Where one career's match lies
/// inside another's (a library with "Developer" and "Back-End Developer"), the longer one is
/// meant.
fn named_careers(vocab: &Vocabulary, careers: &[String], terms: &[Arc<str>]) -> Vec<String> {
    let analyzer = vocab.analyzer();
    // (career, start, end) of every match.
    let mut found: Vec<(&String, usize, usize)> = Vec::new();
    for career in careers {
        let own: Vec<Arc<str>> = analyzer
            .analyze(career)
            .into_iter()
            .map(|t| t.text)
            .collect();
        let head_first: Vec<Arc<str>> = match own.as_slice() {
            [modifier, head] if modifier != head => vec![Arc::clone(head), Arc::clone(modifier)],
            _ => Vec::new(),
        };
        let forms = std::iter::once(own.as_slice())
            .chain((!head_first.is_empty()).then_some(head_first.as_slice()))
            .chain(vocab.roles().aliases_of(career));
        for form in forms {
            for at in positions(terms, form) {
                found.push((career, at, at + form.len()));
            }
        }
    }
    // In the order the question names them ("electricians or data analysts": that order).
    found.sort_by_key(|&(_, s, _)| s);
    let mut named: Vec<String> = Vec::new();
    for &(career, s, e) in &found {
        let inside = found
            .iter()
            .any(|&(other, os, oe)| other != career && os <= s && e <= oe && (os, oe) != (s, e));
        if !inside && !named.contains(career) {
            named.push(career.clone());
        }
    }
    named
}

/// The careers a question names by their initials, written in capitals ("PMs" → "Product
/// Manager", "RN" → "Registered Nurse"): a word of two to five capitals (and an optional plural
/// "s") that are the initials of exactly one career of two or more words, not after a number
/// ("3 PM" is a time).
fn named_by_initials(careers: &[String], question: &str) -> Vec<String> {
    let initials = |career: &str| -> Option<String> {
        let parts: Vec<&str> = career
            .split(|c: char| c.is_whitespace() || c == '-')
            .filter(|p| !p.is_empty())
            .collect();
        (parts.len() >= 2).then(|| {
            parts
                .iter()
                .filter_map(|p| p.chars().next())
                .flat_map(char::to_uppercase)
                .collect()
        })
    };
    let mut named = Vec::new();
    let mut previous_is_number = false;
    for word in question.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        let after_number = previous_is_number;
        previous_is_number = word.chars().all(|c| c.is_ascii_digit());
        let bare = word.strip_suffix('s').unwrap_or(word);
        if after_number
            || !(2..=5).contains(&bare.len())
            || !bare.chars().all(|c| c.is_ascii_uppercase())
        {
            continue;
        }
        let mut matching = careers
            .iter()
            .filter(|c| initials(c).as_deref() == Some(bare));
        if let (Some(career), None) = (matching.next(), matching.next())
            && !named.contains(career)
        {
            named.push(career.clone());
        }
    }
    named
}

/// Whether an occupation word of a question is, read by the analyzer (its synonym table and
/// translations included), an occupation word of a career's name: "car mechanic" for a Spanish
/// "Mecánico Automotriz" guide, "technicians" for "Veterinary Technician" (not "data" of "Data
/// Analyst", which names no occupation), or its term starts the other's ("técnico", read as
/// "technic(al)", for "HVAC Technician"). The library covers it in other words then, and it is
/// not refused as an occupation no guide covers.
fn names_a_careers_occupation(vocab: &Vocabulary, careers: &[String], head: &str) -> bool {
    let analyzer = vocab.analyzer();
    let Some(term) = analyzer.analyze(head).into_iter().next() else {
        return false;
    };
    let same = |a: &str, b: &str| {
        let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        short == long || (short.chars().count() >= MIN_SHARED_STEM_CHARS && long.starts_with(short))
    };
    let asked = fold(head);
    let words = || {
        careers
            .iter()
            .flat_map(|career| career.split(|c: char| c.is_whitespace() || c == '-'))
    };
    words()
        .filter(|w| vocab.roles().occupation_form(&fold(w)).is_some())
        .any(|w| {
            analyzer
                .analyze(w)
                .first()
                .is_some_and(|t| same(&t.text, &term.text))
        })
        || words().any(|w| cognate_of_foreign(analyzer, &fold(w), &asked))
}

/// Fewest characters of a term that starts a career's occupation term and so names it.
const MIN_SHARED_STEM_CHARS: usize = 5;

/// Fewest leading letters a word of a career's name in another language shares with an
/// occupation word of the question for the two to be one word in two languages.
const MIN_COGNATE_PREFIX_CHARS: usize = 7;

/// Whether `career_word`, a folded word of a career's name that is no English word (so of the
/// guide's own language: "agronomo" of "Ingeniero Agrónomo"), and `asked`, a folded occupation
/// word of the question ("agronomist"), begin with the same [`MIN_COGNATE_PREFIX_CHARS`]
/// letters: the same occupation named in two languages. An English word of a name is not
/// compared this way, as it may name the work and not the worker ("pharmacy" of "Pharmacy
/// Technician" is no "pharmacist").
fn cognate_of_foreign(
    analyzer: &crate::analysis::Analyzer,
    career_word: &str,
    asked: &str,
) -> bool {
    let shared = career_word
        .chars()
        .zip(asked.chars())
        .take_while(|(a, b)| a == b)
        .count();
    shared >= MIN_COGNATE_PREFIX_CHARS && !analyzer.in_dictionary(career_word)
}

/// The careers of two or more words that the question names by their last word alone, where
/// that word ends exactly one career's name in the library and stands alone — after nothing, a
/// stop word, a level word, a word of that career's own name or punctuation ("senior nurses",
/// "truck drivers" for "Long-Haul Truck Driver"), and not next to another occupation word that
/// makes it a different role ("engineering manager", "nurse managers").
fn named_by_head(
    vocab: &Vocabulary,
    careers: &[String],
    question: &str,
    terms: &[crate::analysis::Term],
) -> Vec<String> {
    let analyzer = vocab.analyzer();
    // Each career's name's words, and the head words naming it (by its index).
    let names: Vec<Vec<Arc<str>>> = careers
        .iter()
        .map(|c| analyzer.analyze(c).into_iter().map(|t| t.text).collect())
        .collect();
    let mut heads: Vec<(Arc<str>, usize)> = Vec::new();
    for (i, (career, own)) in careers.iter().zip(&names).enumerate() {
        if own.len() >= 2
            && let Some(last) = own.last()
        {
            heads.push((Arc::clone(last), i));
            // A name whose head comes first, as Spanish writes them ("Mecánico Automotriz").
            let first = career.split_whitespace().next().unwrap_or_default();
            if vocab.roles().occupation_form(&fold(first)).is_some() && own[0] != *last {
                heads.push((Arc::clone(&own[0]), i));
            }
        }
    }
    let alone = |word: Option<&str>| {
        word.is_none_or(|w| analyzer.analyze(w).is_empty() || vocab.levels().of_label(w).is_some())
    };
    let mut named: Vec<String> = Vec::new();
    for t in terms {
        let mut ending = heads.iter().filter(|(h, _)| *h == t.text);
        let (Some(&(_, at)), None) = (ending.next(), ending.next()) else {
            continue;
        };
        let (career, name) = (&careers[at], &names[at]);
        let before = question[..t.start].trim_end();
        let after = question[t.end..].trim_start();
        // Punctuation between words ends the phrase: only a word right beside counts.
        let word_before = before
            .ends_with(char::is_alphanumeric)
            .then(|| before.rsplit(|c: char| !c.is_alphanumeric()).next())
            .flatten();
        let word_after = after
            .starts_with(char::is_alphanumeric)
            .then(|| after.split(|c: char| !c.is_alphanumeric()).next())
            .flatten();
        let occupation =
            |w: Option<&str>| w.is_some_and(|w| vocab.roles().is_occupation_word(&fold(w)));
        // A word of the career's own name before its head is part of that name ("truck
        // drivers" for "Long-Haul Truck Driver").
        let own_word = |w: Option<&str>| {
            w.is_some_and(|w| {
                let w = analyzer.analyze(w);
                !w.is_empty() && name.iter().any(|o| w.iter().all(|t| t.text == *o))
            })
        };
        if (alone(word_before) || own_word(word_before))
            && !occupation(word_after)
            && !named.contains(career)
        {
            named.push((*career).clone());
        }
    }
    named
}

/// The careers of two words a question names head first in its own word for the head, as
/// Spanish does: an occupation word that is neither an English word nor a word the guides hold
/// as written, right before the name's first word ("técnico de HVAC" for "HVAC Technician",
/// "asesor financiero" for "Financial Adviser"; not "docker front end"). `read` holds the
/// question's terms as its search reads them, see [`read_terms`].
fn named_head_first(
    vocab: &Vocabulary,
    index: &PassageIndex,
    careers: &[String],
    question: &str,
    terms: &[Term],
    read: &[Arc<str>],
) -> Vec<String> {
    let analyzer = vocab.analyzer();
    let mut named = Vec::new();
    for career in careers {
        let own = analyzer.analyze(career);
        let [modifier, _] = own.as_slice() else {
            continue;
        };
        let head_before = |k: usize| {
            k.checked_sub(1).is_some_and(|h| {
                let word = &question[terms[h].start..terms[h].end];
                let folded = fold(word);
                !word.contains(char::is_whitespace)
                    && !analyzer.in_dictionary(&folded)
                    && !index.knows(&folded, 1)
                    && vocab.roles().occupation_form(&folded).is_some()
            })
        };
        if (0..read.len()).any(|k| read[k] == modifier.text && head_before(k))
            && !named.contains(career)
        {
            named.push(career.clone());
        }
    }
    named
}

/// Fewest letters of a word clipped from a career's ("vet" of "veterinary").
const MIN_CLIPPED_CHARS: usize = 3;

/// The careers of two or more words that the question names clipped, word for word, as members
/// shorten them: "vet techs" for "Veterinary Technician", "pharm tech" for "Pharmacy
/// Technician" (each word the start of the name's word, in order, one at least shortened). As
/// every word of the name is there, it names the career as its full name does.
fn named_clipped(careers: &[String], question: &str) -> Vec<String> {
    let words: Vec<String> = question
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(fold)
        .collect();
    let mut named = Vec::new();
    for career in careers {
        let own: Vec<String> = career
            .split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !w.is_empty())
            .map(fold)
            .collect();
        if own.len() < 2 {
            continue;
        }
        // Whether `w` (or `w` less a plural "s") starts `of`, and whether it is cut short.
        let clipped = |w: &str, of: &str| -> Option<bool> {
            [Some(w), w.strip_suffix('s')]
                .into_iter()
                .flatten()
                .find(|stem| stem.chars().count() >= MIN_CLIPPED_CHARS && of.starts_with(stem))
                .map(|stem| stem.len() + 1 < of.len())
        };
        let found = words.windows(own.len()).any(|run| {
            let clips: Option<Vec<bool>> =
                run.iter().zip(&own).map(|(w, of)| clipped(w, of)).collect();
            clips.is_some_and(|c| c.contains(&true))
        });
        if found && !named.contains(career) {
            named.push(career.clone());
        }
    }
    named
}

/// The first listed occupation of at least `min_terms` terms in `terms` with a word the index
/// does not know: where it starts and how many terms it has.
fn unknown_occupation(
    roles: &RoleTable,
    terms: &[Arc<str>],
    known: &impl Fn(&str) -> bool,
    min_terms: usize,
) -> Option<(usize, usize)> {
    let listed = roles.occupations().iter();
    listed.filter(|o| o.terms.len() >= min_terms).find_map(|o| {
        let at = positions(terms, &o.terms).next()?;
        o.terms
            .iter()
            .any(|t| !known(t))
            .then_some((at, o.terms.len()))
    })
}

/// Where `form` occurs in `terms`, as a run of consecutive terms.
fn positions<'a>(terms: &'a [Arc<str>], form: &'a [Arc<str>]) -> impl Iterator<Item = usize> + 'a {
    (0..(terms.len() + 1).saturating_sub(form.len().max(1)))
        .filter(move |&i| !form.is_empty() && terms[i..i + form.len()] == *form)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(careers: &[&str], question: &str) -> Vec<String> {
        let vocab = crate::answer::fixtures::vocab();
        let careers: Vec<String> = careers.iter().map(|c| c.to_string()).collect();
        let terms: Vec<Arc<str>> = vocab
            .analyzer()
            .analyze(question)
            .into_iter()
            .map(|t| t.text)
            .collect();
        let named = named_careers(vocab, &careers, &terms);
        if named.is_empty() {
            let terms = vocab.analyzer().analyze(question);
            return named_by_head(vocab, &careers, question, &terms);
        }
        named
    }

    /// Regression (issue 14, second probe): "¿cuánto tiempo hay que trabajar de terapeuta
    /// ocupacional antes de ascender?" named no career, so it was answered from every guide and
    /// judged a weak match. A career is named head first, as Spanish writes it, and by the words
    /// a question's search reads: a Spanish word's English cognate, a typo's word.
    #[test]
    fn a_career_is_named_head_first_and_by_the_words_its_search_reads() {
        let dir = tempfile::tempdir().unwrap();
        let guide = |career: &str| {
            format!(
                "# {career}\n\n## Pay\n\n{career}s earn $50,000 to $60,000 a year. Occupational \
                 health, data, Docker and architecture come up in every interview.\n"
            )
        };
        let (ot, da, la, hv) = (
            guide("Occupational Therapist"),
            guide("Data Analyst"),
            guide("Landscape Architect"),
            guide("HVAC Technician"),
        );
        let engine = crate::engine::fixtures::engine_with(
            dir.path(),
            &[
                ("ot.md", "Occupational Therapist", &ot),
                ("da.md", "Data Analyst", &da),
                ("la.md", "Landscape Architect", &la),
                ("hvac.md", "HVAC Technician", &hv),
            ],
        );
        let named = |q: &str| engine.question_career(q);
        let one = |c: &str| QuestionCareer::Named(c.to_string());
        assert_eq!(
            named("¿cuánto tiempo hay que trabajar de terapeuta ocupacional antes de ascender?"),
            one("Occupational Therapist")
        );
        assert_eq!(
            named("¿cuánto gana un analista de datos?"),
            one("Data Analyst")
        );
        assert_eq!(
            named("ocupational therapist salary"),
            one("Occupational Therapist")
        );
        // Head first in the question's own word for the head.
        assert_eq!(
            named("¿cuánto gana un técnico de datos?"),
            one("Data Analyst")
        );
        assert_eq!(named("¿técnico de HVAC?"), one("HVAC Technician"));
        // The head alone is a career's occupation in other words: not refused.
        assert!(!matches!(
            named("¿cuánto gana un técnico?"),
            QuestionCareer::NotInLibrary(_)
        ));
        // A word ending like an occupation that the guides hold is no head ("docker").
        assert_eq!(named("docker data pipelines"), QuestionCareer::None);
        // One word of two names no career.
        assert_eq!(named("¿qué hace un arquitecto?"), QuestionCareer::None);
        assert_eq!(named("therapist architect"), QuestionCareer::None);
    }

    #[test]
    fn careers_are_named_by_their_words_or_an_alias_the_longest_meant() {
        let library = [
            "Developer",
            "Back-End Developer",
            "Data Analyst",
            "Electrician",
        ];
        assert_eq!(
            named(&library, "what do backend devs earn"),
            ["Back-End Developer"]
        );
        assert_eq!(named(&library, "what do developers earn"), ["Developer"]);
        assert_eq!(named(&library, "Electricians' pay"), ["Electrician"]);
        assert_eq!(
            named(&library, "¿Qué hace un analista de datos?"),
            ["Data Analyst"]
        );
        assert_eq!(
            named(&library, "data analyst or electrician?"),
            ["Data Analyst", "Electrician"]
        );
        // A word of a career is not its name: "data" alone is not the analyst's.
        assert!(named(&library, "how to design data structures").is_empty());
    }

    #[test]
    fn a_career_named_head_first_is_named_by_its_head_in_either_language() {
        // Spanish writes the occupation first: "Mecánico Automotriz".
        let library = ["Mecánico Automotriz", "Data Analyst", "Registered Nurse"];
        assert_eq!(
            named(&library, "¿cuánto gana un mecánico?"),
            ["Mecánico Automotriz"]
        );
        assert_eq!(
            named(&library, "what does a mechanic earn"),
            ["Mecánico Automotriz"]
        );
        // "data" names no occupation, so it is no head.
        assert!(named(&library, "how much data do nurses chart").len() == 1);
        let vocab = crate::answer::fixtures::vocab();
        let careers: Vec<String> = library.iter().map(|c| c.to_string()).collect();
        // An occupation the library covers in other words is never one it lacks: "car
        // mechanic" is the Spanish guide's mecánico; "firefighter" is no career's.
        assert!(names_a_careers_occupation(vocab, &careers, "mechanic"));
        assert!(names_a_careers_occupation(vocab, &careers, "mecánicos"));
        assert!(names_a_careers_occupation(vocab, &careers, "nurses"));
        assert!(!names_a_careers_occupation(vocab, &careers, "firefighter"));
        assert!(!names_a_careers_occupation(vocab, &careers, "data"));
    }

    #[test]
    fn a_career_is_named_by_its_words_clipped_as_members_shorten_them() {
        let library = [
            "Veterinary Technician",
            "Pharmacy Technician",
            "Data Analyst",
        ];
        let library: Vec<String> = library.iter().map(|c| c.to_string()).collect();
        assert_eq!(
            named_clipped(&library, "how much do vet techs make an hour?"),
            ["Veterinary Technician"]
        );
        assert_eq!(
            named_clipped(&library, "pharm tech hours"),
            ["Pharmacy Technician"]
        );
        // Every word must start the name's, and in order; two letters are no clipping, nor is
        // the name in full.
        for q in [
            "tech vet jobs",
            "ve te",
            "vet jobs",
            "a technician's pay",
            "data analysts",
        ] {
            assert!(named_clipped(&library, q).is_empty(), "{q}");
        }
    }

    #[test]
    fn a_career_is_named_by_its_last_word_when_that_word_stands_alone_and_is_its_own() {
        let library = [
            "Registered Nurse",
            "Product Manager",
            "Back-End Developer",
            "Front-End Developer",
            "Electrician",
        ];
        assert_eq!(
            named(&library, "how much do nurses make?"),
            ["Registered Nurse"]
        );
        assert_eq!(
            named(&library, "what do senior nurses earn"),
            ["Registered Nurse"]
        );
        assert_eq!(
            named(&library, "is a manager well paid?"),
            ["Product Manager"]
        );
        // A word before it makes it another role; a word after it too.
        assert!(named(&library, "how do I become an engineering manager").is_empty());
        assert!(named(&library, "what do nurse managers earn").is_empty());
        // A last word two careers share names neither.
        assert!(named(&library, "how much do developers earn").is_empty());
        // A word of the career's own name before it is part of that name.
        let library = ["Long-Haul Truck Driver", "Speech-Language Pathologist"];
        assert_eq!(
            named(&library, "how much do truck drivers make"),
            ["Long-Haul Truck Driver"]
        );
        assert_eq!(
            named(&library, "do language pathologists work in schools"),
            ["Speech-Language Pathologist"]
        );
        assert!(named(&library, "what do bus drivers earn").is_empty());
    }

    #[test]
    fn a_career_is_named_by_its_initials_in_capitals() {
        let library: Vec<String> = ["Product Manager", "Registered Nurse", "Back-End Developer"]
            .iter()
            .map(|c| c.to_string())
            .collect();
        let named = |q: &str| named_by_initials(&library, q);
        assert_eq!(
            named("can you be a PM if you can't code?"),
            ["Product Manager"]
        );
        assert_eq!(named("how much do RNs make"), ["Registered Nurse"]);
        assert_eq!(named("is BED work remote?"), ["Back-End Developer"]);
        // Lower case, a time, or initials no career has are not names.
        assert!(named("what do pms do").is_empty());
        assert!(named("the interview is at 3 PM").is_empty());
        assert!(named("do I need an MBA?").is_empty());
    }

    #[test]
    fn forms_are_found_as_runs_of_terms() {
        let t = |s: &[&str]| s.iter().map(|w| Arc::from(*w)).collect::<Vec<Arc<str>>>();
        let terms = t(&["a", "b", "c", "b", "c"]);
        assert_eq!(
            positions(&terms, &t(&["b", "c"])).collect::<Vec<_>>(),
            [1, 3]
        );
        assert_eq!(positions(&terms, &t(&["c", "a"])).count(), 0);
        assert_eq!(positions(&terms, &[]).count(), 0);
        assert_eq!(positions(&t(&["a"]), &t(&["a", "b"])).count(), 0);
    }

    /// Regression (issue 14, probes eight, nine and five): "how much does an agronomist earn
    /// in chile", "how much does a craft brewer earn in argentina", "¿qué habilidades necesita
    /// un apicultor?" and "how much does a nursing assistant earn in spain" were refused as
    /// occupations no guide covers, though a guide in the other language is about each. A
    /// career's name in another language names the occupation by a cognate, or by the words
    /// the translation table reads it as.
    #[test]
    fn an_occupation_named_in_the_other_language_of_a_careers_guide_is_covered() {
        let dir = tempfile::tempdir().unwrap();
        // No manifest: each guide's career and title are read from its heading.
        let guides = dir.path().join("guides");
        std::fs::create_dir_all(&guides).unwrap();
        for (file, title, body) in [
            (
                "agro.md",
                "Ingeniero Agrónomo en Chile",
                "Un ingeniero agrónomo gana bien.",
            ),
            (
                "cerveza.md",
                "Cervecero Artesanal",
                "Un cervecero cobra por mes.",
            ),
            (
                "bees.md",
                "Commercial Beekeeper",
                "A beekeeper is paid by the hour.",
            ),
            (
                "tcae.md",
                "TCAE: Técnico en Cuidados Auxiliares de Enfermería",
                "Un TCAE cobra por mes.",
            ),
            (
                "pharm.md",
                "Pharmacy Technician",
                "Technicians count tablets.",
            ),
        ] {
            std::fs::write(
                guides.join(file),
                format!("# {title}\n\n## Sueldo\n\n{body}\n"),
            )
            .unwrap();
        }
        let engine =
            crate::engine::fixtures::engine_on(crate::corpus::SeedSource::Dir(guides), dir.path());
        let refused =
            |q: &str| matches!(engine.question_career(q), QuestionCareer::NotInLibrary(_));
        for q in [
            "how much does an agronomist earn in chile",
            "how much does a craft brewer earn in argentina",
            "¿qué habilidades necesita un apicultor en Nueva Zelanda?",
            "how much does a nursing assistant earn in spain per month",
        ] {
            assert!(!refused(q), "{q}");
        }
        // A word sharing its start with an English word of a name is another occupation, and one
        // sharing less than a cognate's start is too.
        assert!(refused("how much do pharmacists earn"));
        assert!(refused("how much does an agrochemist earn"));
    }
}
