//! The structured cards `/ask` and "Ask careerbot" lead with, one embed each: what `/salary`,
//! `/skills` or `/roadmap` shows for the card's career and level (their own renderers), condensed
//! to its share of the message ([`card_share`]: [`CARD_CHARS`] for one card, an equal part of
//! [`CARDS_CHARS`] for each of several) so that the cards fit beside the passages within
//! Discord's 6,000 characters by construction, and opened by the line saying what the question
//! was read as. A card lists the sources of exactly what it shows, numbered `[1]`… in the order
//! shown; what several cards would each repeat is said once.

use crate::answer::roadmap::Focus;
use crate::discord::markdown::escape_markdown;
use crate::discord::message::{Embed, Field, limits, truncate};
use crate::engine::{Card, CardAnswer};
use crate::i18n::Locale;
use crate::search::IndexMeta;
use crate::tr;

use super::{Citations, roadmap};

/// Most characters a card takes of a message's 6,000 (title, description, fields, footer).
pub const CARD_CHARS: usize = 2600;
/// Most characters the cards of one answer take together when there are several (one per
/// career a question names, at most [`MAX_CARDS`](crate::engine::card::MAX_CARDS)): each gets
/// an equal share, so the passages keep at least 2,400 characters however many careers are
/// compared — as many as beside one card, less its 200 of slack.
pub const CARDS_CHARS: usize = 3600;
/// Citations `[n]` a skill of a skills card shows: the first passage naming it (`/skills` shows
/// more), so that a skill's line and its source fit even a third of the cards' share.
const CARD_SKILL_REFS: usize = 1;
/// Of a card's characters, for [`CARD_CHARS`] (a smaller share scales each in proportion): the
/// title.
const TITLE_CHARS: usize = 150;
/// The "Read as" line.
const READ_AS_CHARS: usize = 200;
/// The description (after the "Read as" line): a skills card's list of skills, a salary card's
/// caveat.
const DESCRIPTION_CHARS: usize = 800;
/// A field's name and value.
const FIELD_NAME_CHARS: usize = 120;
const FIELD_VALUE_CHARS: usize = 400;
// The sources of what is shown take what they need of the card (at most one field): a line is
// shown only when its sources fit too. A card has no footer: the passages below it say the
// index's date and guides once for the message.

/// The characters each of `cards` cards takes of one message: [`CARD_CHARS`] for one, an equal
/// share of [`CARDS_CHARS`] for several.
pub fn card_share(cards: usize) -> usize {
    match cards {
        0 => 0,
        n => CARD_CHARS.min(CARDS_CHARS / n),
    }
}

/// How a card of `chars` characters shares them out: each part of [`CARD_CHARS`]'s in
/// proportion, each a most for its part (the description, a field's name, a field's lines after
/// its first); the card as a whole is what is kept to, its sources included.
#[derive(Debug, Clone, Copy)]
struct Budget {
    chars: usize,
    title: usize,
    read_as: usize,
    description: usize,
    field_name: usize,
    field_value: usize,
}

impl Budget {
    fn of(chars: usize) -> Budget {
        let part = |of_full: usize| of_full * chars / CARD_CHARS;
        Budget {
            chars,
            title: part(TITLE_CHARS),
            read_as: part(READ_AS_CHARS),
            description: part(DESCRIPTION_CHARS),
            field_name: part(FIELD_NAME_CHARS),
            field_value: part(FIELD_VALUE_CHARS),
        }
    }
}

/// The card as an embed of at most [`CARD_CHARS`] characters.
pub fn card_embed(card: &Card, meta: &IndexMeta, lang: Locale) -> Embed {
    card_embed_within(card, meta, CARD_CHARS, &[], lang)
}

/// Each of `cards` as an embed of its [`card_share`] (at most
/// [`MAX_CARDS`](crate::engine::card::MAX_CARDS) of them), in order. What every card would say
/// alike is said once: a line of their descriptions that cites nothing and that every card has
/// (how pay is stated, what a roadmap's stages are) only in the first card; and no card has the
/// answers' footer, since the index's date and guides are said once, by the passages below
/// them (a card's footer only says how many of its parts it had no room for).
pub fn card_embeds(cards: &[Card], meta: &IndexMeta, lang: Locale) -> Vec<Embed> {
    card_embeds_within(cards, meta, CARDS_CHARS.max(CARD_CHARS), lang)
}

/// [`card_embeds`] taking at most `room` characters together (each card its [`card_share`],
/// or an equal part of `room` when that is less: what a long pinned answer leaves).
pub fn card_embeds_within(
    cards: &[Card],
    meta: &IndexMeta,
    room: usize,
    lang: Locale,
) -> Vec<Embed> {
    let cards = &cards[..cards.len().min(crate::engine::card::MAX_CARDS)];
    let share = card_share(cards.len()).min(room / cards.len().max(1));
    let full: Vec<(Embed, Citations)> = cards.iter().map(|c| rendered(c, meta, lang)).collect();
    let shared = shared_lines(&full);
    cards
        .iter()
        .zip(full)
        .enumerate()
        .map(|(i, (card, (embed, citations)))| {
            let said = if i == 0 { &[][..] } else { &shared[..] };
            condense(
                embed,
                &citations,
                &read_as_line(card, share, lang),
                said,
                share,
                lang,
            )
        })
        .collect()
}

/// The card as an embed of at most `chars` characters (at most [`CARD_CHARS`]), without the
/// description lines in `said` (said by an earlier card).
fn card_embed_within(
    card: &Card,
    meta: &IndexMeta,
    chars: usize,
    said: &[String],
    lang: Locale,
) -> Embed {
    let (embed, citations) = rendered(card, meta, lang);
    condense(
        embed,
        &citations,
        &read_as_line(card, chars, lang),
        said,
        chars,
        lang,
    )
}

/// What `/salary`, `/skills` or `/roadmap` shows for the card (without its sources), and the
/// citations its `[n]` number.
fn rendered(card: &Card, meta: &IndexMeta, lang: Locale) -> (Embed, Citations) {
    match &card.answer {
        // A card's figures leave their guide's title to the sources, which name it.
        CardAnswer::Salary(a) => super::salary_embed(a, meta, false, false, lang),
        CardAnswer::Skills(a) => super::skills_embed(a, meta, CARD_SKILL_REFS, lang),
        CardAnswer::Roadmap(a) => roadmap::part_embed(a, Focus::CareerProgression, meta, lang),
    }
}

/// The card's first line, saying what the question was read as, in italics.
fn read_as_line(card: &Card, chars: usize, lang: Locale) -> String {
    let budget = Budget::of(chars.min(CARD_CHARS));
    format!(
        "*{}*",
        escape_markdown(&truncate(&card.read_as(lang), budget.read_as))
    )
}

/// The description lines every one of several cards has that cite nothing: a caveat or a
/// heading, not a claim about one career.
fn shared_lines(full: &[(Embed, Citations)]) -> Vec<String> {
    let lines = |e: &Embed| -> Vec<String> {
        e.description
            .as_deref()
            .unwrap_or_default()
            .lines()
            .filter(|l| !l.trim().is_empty() && cited_numbers(l).is_empty())
            .map(str::to_string)
            .collect()
    };
    match full {
        [(first, _), rest @ ..] if !rest.is_empty() => lines(first)
            .into_iter()
            .filter(|l| rest.iter().all(|(e, _)| lines(e).contains(l)))
            .collect(),
        _ => Vec::new(),
    }
}

/// The citations a condensed card shows, numbered from 1 in the order it shows them: each line
/// the card keeps is written with these numbers, and its "Sources" field lists exactly them, so
/// every `[n]` it shows is listed and nothing it does not show is.
struct Shown<'a> {
    /// The full answer's citations, which its lines' `[n]` number.
    from: &'a Citations,
    /// The ones shown, renumbered.
    to: Citations,
}

impl Shown<'_> {
    /// `text` written with the numbers of [`Shown::to`], and `to` with its citations added:
    /// what showing `text` would cost, to be kept only when it fits ([`Shown::to`] is replaced
    /// then).
    fn renumbered(&self, text: &str) -> (String, Citations) {
        let mut to = self.to.clone();
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some((before, n, after)) = next_citation(rest) {
            out.push_str(before);
            match self.from.get(n) {
                Some(c) => out.push_str(&format!("[{}]", to.add(c))),
                None => out.push_str(&format!("[{n}]")),
            }
            rest = after;
        }
        out.push_str(rest);
        (out, to)
    }

    /// The characters the "Sources" field of `to` takes (name and value).
    fn sources_chars(to: &Citations, name: &str) -> usize {
        if to.is_empty() {
            return 0;
        }
        let lines = to.lines();
        name.chars().count()
            + lines.iter().map(|l| l.chars().count()).sum::<usize>()
            + lines.len().saturating_sub(1)
    }
}

/// `embed` (a full answer without its sources, its `[n]` numbering `citations`) cut to `chars`:
/// `first_line` then as many of its description's lines (but those in `said`) as fit, its fields
/// in order while they fit (each value cut line by line), then the "Sources" field of exactly
/// the citations shown, renumbered from 1. A line is shown only when it and the sources it adds
/// fit: condensing drops whole lines, never a source of a line it shows. Its one footer, when
/// fields were left out, says how many.
fn condense(
    embed: Embed,
    citations: &Citations,
    first_line: &str,
    said: &[String],
    chars: usize,
    lang: Locale,
) -> Embed {
    let budget = Budget::of(chars.min(CARD_CHARS));
    let sources_name = tr!(lang, "sources");
    let sources_room = limits::FIELD_VALUE;
    let title = embed.title.as_deref().map(|t| truncate(t, budget.title));
    let title_chars = title.as_deref().map_or(0, |t| t.chars().count());
    let mut shown = Shown {
        from: citations,
        to: Citations::default(),
    };
    // Characters of the card so far, but its sources (title, description, fields, and room for
    // the footer saying how many fields were left out, should some be).
    let total = embed.fields.len();
    let footer_room = if total > 0 {
        tr!(lang, "card-left-out", count = total).chars().count()
    } else {
        0
    };
    let mut used = title_chars + first_line.chars().count() + footer_room;
    // Whether `text` (of `part` characters so far, at most `max`, and `left` lines after it
    // still to say "…and N more" of) fits, with the sources it adds; its renumbered text then.
    let fits = |shown: &Shown<'_>,
                used: usize,
                text: &str,
                part: usize,
                max: usize,
                left: usize|
     -> Option<(String, Citations)> {
        let (line, to) = shown.renumbered(text);
        let more = if left > 0 {
            tr!(lang, "and-more", count = left).chars().count() + 1
        } else {
            0
        };
        let size = line.chars().count() + 1;
        let sources = Shown::sources_chars(&to, &sources_name);
        let fits = part + size + more <= max
            && sources <= sources_room
            && used + size + more + sources <= budget.chars;
        fits.then_some((line, to))
    };
    let body: Vec<&str> = embed
        .description
        .as_deref()
        .unwrap_or_default()
        .lines()
        .filter(|l| !said.iter().any(|s| s == l))
        .collect();
    let mut description = first_line.to_string();
    let mut part = 0;
    for (i, l) in body.iter().enumerate() {
        let Some((line, to)) = fits(
            &shown,
            used,
            l,
            part,
            budget.description,
            body.len() - i - 1,
        ) else {
            let more = tr!(lang, "and-more", count = body.len() - i);
            description.push('\n');
            description.push_str(&more);
            used += more.chars().count() + 1;
            break;
        };
        description.push('\n');
        description.push_str(&line);
        part += line.chars().count() + 1;
        used += line.chars().count() + 1;
        shown.to = to;
    }
    let mut fields = Vec::new();
    for f in embed.fields {
        // The field's sources count as the lines' (its name cites nothing: it is a level's
        // summary, a stage's name).
        let name = truncate(&f.name, budget.field_name);
        let lines: Vec<&str> = f.value.lines().collect();
        let start = used + name.chars().count();
        let (mut value, mut part, mut at) = (String::new(), 0, start);
        let mut kept = 0;
        for (i, l) in lines.iter().enumerate() {
            // A field's first line may take more than a field's part (a stage told in one long
            // line), so long as the card holds it.
            let max = if i == 0 {
                limits::FIELD_VALUE
            } else {
                budget.field_value
            };
            let Some((line, to)) = fits(&shown, at, l, part, max, lines.len() - i - 1) else {
                break;
            };
            if !value.is_empty() {
                value.push('\n');
            }
            value.push_str(&line);
            part += line.chars().count() + 1;
            at += line.chars().count() + 1;
            shown.to = to;
            kept += 1;
        }
        if kept == 0 {
            // Not even its first line fits: the field is left out, and so are the ones after it
            // when the card is full (they come in order: levels, stages).
            if start + 64 > budget.chars {
                break;
            }
            continue;
        }
        if kept < lines.len() {
            let more = tr!(lang, "and-more", count = lines.len() - kept);
            value.push('\n');
            value.push_str(&more);
            at += more.chars().count() + 1;
        }
        used = at;
        fields.push(Field {
            name,
            value,
            inline: false,
        });
        if fields.len() + 1 == limits::EMBED_FIELDS {
            break;
        }
    }
    // A card that could not hold every part of its answer (a level, a stage) says so below
    // them, so a missing one is not read as absent from the guides.
    let left_out = total - fields.len();
    let footer = (left_out > 0).then(|| tr!(lang, "card-left-out", count = left_out));
    if !shown.to.is_empty() {
        fields.push(Field {
            name: sources_name,
            value: shown.to.lines().join("\n"),
            inline: false,
        });
    }
    Embed {
        title,
        description: Some(description),
        color: embed.color,
        fields,
        footer,
        image_url: None,
    }
}

/// The first citation number `[n]` in `text` that is not escaped (`\[` is guide text): the text
/// before it, `n`, and the text after it.
fn next_citation(text: &str) -> Option<(&str, usize, &str)> {
    let mut from = 0;
    while let Some(open) = text[from..].find('[').map(|i| from + i) {
        let after = &text[open + 1..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let escaped = text[..open].ends_with('\\');
        if digits > 0
            && !escaped
            && after[digits..].starts_with(']')
            && let Ok(n) = after[..digits].parse()
        {
            return Some((&text[..open], n, &after[digits + 1..]));
        }
        from = open + 1;
    }
    None
}

/// The citation numbers `[n]` in `text`, in order.
fn cited_numbers(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some((_, n, after)) = next_citation(rest) {
        out.push(n);
        rest = after;
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::engine::fixtures::careers_engine;
    use crate::engine::{Asked, Intent};
    use crate::search::SearchOptions;

    /// The citation numbers `[n]` in `text`, as a set.
    fn cited_set(text: &str) -> BTreeSet<usize> {
        cited_numbers(text).into_iter().collect()
    }

    #[test]
    fn citation_numbers_are_read_from_text() {
        assert_eq!(cited_numbers("a [1][12] b [x] [3"), [1, 12]);
        // Guide text's brackets are escaped: not a citation.
        assert_eq!(cited_numbers("see \\[4] and [5]"), [5]);
        assert_eq!(cited_set("[2] T › S (a.md:1-4)"), BTreeSet::from([2]));
    }

    fn asked(e: &crate::engine::Engine, q: &str) -> Asked {
        let career = match e.question_career(q) {
            crate::engine::QuestionCareer::Named(c) => Some(c),
            _ => None,
        };
        e.ask_with_card(
            q,
            SearchOptions {
                career,
                ..e.page(0)
            },
        )
        .unwrap()
    }

    /// Every card of the careers library, at every level, fits its budget; what it shows is
    /// cited, and every source line it keeps is one it shows.
    #[test]
    fn every_card_fits_its_budget_and_cites_what_it_shows() {
        let dir = tempfile::tempdir().unwrap();
        let e = careers_engine(dir.path());
        let mut made = 0;
        for career in e.careers() {
            let c = career.name.to_lowercase();
            for q in [
                format!("how much does a {c} earn"),
                format!("how much does a senior {c} earn"),
                format!("what skills does a {c} need"),
                format!("what is the career path of a {c}"),
                format!("how does a junior {c} get promoted"),
            ] {
                let a = asked(&e, &q);
                let Some(card) = a.cards.first() else {
                    continue;
                };
                made += 1;
                let embed = card_embed(card, a.generation.meta(), Locale::En);
                assert!(embed.size() <= CARD_CHARS, "{q}: {}", embed.size());
                let text = embed.description.clone().unwrap();
                assert!(text.starts_with("*Read as: "), "{q}: {text}");
                let mut shown = cited_set(&text);
                for f in embed.fields.iter().filter(|f| f.name != "Sources") {
                    shown.extend(cited_set(&f.value));
                    shown.extend(cited_set(&f.name));
                }
                assert!(!shown.is_empty(), "{q}: nothing cited");
                if let Some(sources) = embed.fields.iter().find(|f| f.name == "Sources") {
                    assert!(cited_set(&sources.value).is_subset(&shown), "{q}");
                }
            }
        }
        assert!(made >= 8, "only {made} cards");
        let a = asked(&e, "what skills does a data analyst need");
        assert_eq!(a.cards.first().map(|c| c.intent), Some(Intent::Skills));
    }

    /// Every card of the careers library, at each share a message of one, two or three cards
    /// gives it, fits that share and still shows cited content with its sources, in Spanish too.
    #[test]
    fn every_card_fits_its_share_of_several() {
        let dir = tempfile::tempdir().unwrap();
        let e = careers_engine(dir.path());
        assert_eq!(card_share(1), CARD_CHARS);
        assert!(card_share(2) < CARD_CHARS);
        for n in 1..=crate::engine::card::MAX_CARDS {
            assert!(n * card_share(n) <= CARDS_CHARS.max(CARD_CHARS), "{n}");
        }
        let mut made = 0;
        for career in e.careers() {
            let c = career.name.to_lowercase();
            for q in [
                format!("how much does a {c} earn"),
                format!("what skills does a senior {c} need"),
                format!("what is the career path of a {c}"),
            ] {
                let a = asked(&e, &q);
                let Some(card) = a.cards.first() else {
                    continue;
                };
                made += 1;
                for n in 1..=crate::engine::card::MAX_CARDS {
                    let share = card_share(n);
                    let embed =
                        card_embed_within(card, a.generation.meta(), share, &[], Locale::Es);
                    assert!(embed.size() <= share, "{q} ({n}): {}", embed.size());
                    let text = embed.description.clone().unwrap();
                    assert!(text.starts_with("*Leído como: "), "{q}: {text}");
                    let mut shown = cited_set(&text);
                    for f in embed.fields.iter().filter(|f| f.name != "Fuentes") {
                        shown.extend(cited_set(&f.value));
                        shown.extend(cited_set(&f.name));
                    }
                    assert!(!shown.is_empty(), "{q} ({n}): nothing cited: {embed:?}");
                    let sources = embed.fields.iter().find(|f| f.name == "Fuentes");
                    let sources = sources.expect("the sources of what is shown");
                    // No field is only "…and N more": a field shows at least one of its lines.
                    for f in &embed.fields {
                        let more = f.value.lines().all(|l| l.starts_with('…'));
                        assert!(!more, "{q} ({n}): {} is empty: {}", f.name, f.value);
                    }
                    // Only what is shown keeps its source line (as for one card, a long list
                    // of sources ends "…and N more").
                    let kept = cited_set(&sources.value);
                    assert!(!kept.is_empty() && kept.is_subset(&shown), "{q} ({n})");
                }
            }
        }
        assert!(made >= 12, "only {made} cards");
    }

    /// Two and three careers compared: each career's card in the order the question names them,
    /// then the passages, all in one message within Discord's limits (embeds, 6,000 characters,
    /// each part), with a long pinned answer too; every passage still shown.
    #[test]
    fn several_cards_and_the_passages_fit_one_message_together() {
        use crate::discord::message::limits;
        let dir = tempfile::tempdir().unwrap();
        let e = careers_engine(dir.path());
        let pinned = crate::discord::render::PinnedAnswer {
            question: "q".into(),
            answer: "word ".repeat(300),
            pinned_by: "<@1>".into(),
        };
        for (q, careers) in [
            (
                "do electricians earn more than data analysts?",
                &["Electrician", "Data Analyst"][..],
            ),
            (
                "skills of a product manager vs a data analyst vs an electrician",
                &["Product Manager", "Data Analyst", "Electrician"][..],
            ),
        ] {
            let a = asked(&e, q);
            assert_eq!(a.cards.len(), careers.len(), "{q}");
            for lang in [Locale::En, Locale::Es] {
                for pin in [None, Some(&pinned)] {
                    let embeds = crate::discord::render::ask_embeds(&a, pin, 0, lang);
                    assert_eq!(embeds.len(), careers.len() + 1, "{q}");
                    assert!(embeds.len() <= limits::EMBEDS);
                    let total: usize = embeds.iter().map(Embed::size).sum();
                    assert!(
                        total <= limits::EMBEDS_TOTAL,
                        "{q}: {total} {:?}",
                        embeds.iter().map(Embed::size).collect::<Vec<_>>()
                    );
                    for (embed, career) in embeds.iter().zip(careers) {
                        assert!(embed.size() <= card_share(careers.len()), "{q}");
                        let first = embed.description.as_deref().unwrap().lines().next();
                        assert!(first.unwrap().contains(career), "{q}: {first:?}");
                        assert!(embed.title.as_deref().unwrap().contains(career), "{q}");
                        assert!(embed.fields.len() <= limits::EMBED_FIELDS);
                        for f in &embed.fields {
                            assert!(f.name.chars().count() <= limits::FIELD_NAME);
                            assert!(f.value.chars().count() <= limits::FIELD_VALUE);
                        }
                    }
                    let passages = embeds.last().unwrap().description.as_deref().unwrap();
                    assert!(passages.chars().count() <= limits::EMBED_DESCRIPTION);
                    for hit in &a.results.hits {
                        assert!(
                            passages.contains(&escape_markdown(&hit.passage.section)),
                            "{q}: {passages}"
                        );
                    }
                }
            }
        }
    }

    /// The card, a long pinned answer and every passage share one message: all of it fits
    /// Discord's 6,000 characters, each passage still shown (cut shorter when needed).
    #[test]
    fn the_card_and_the_passages_fit_one_message_together() {
        let dir = tempfile::tempdir().unwrap();
        let e = careers_engine(dir.path());
        let a = asked(&e, "how much does a senior electrician earn");
        assert_eq!(a.cards.len(), 1);
        let pinned = crate::discord::render::PinnedAnswer {
            question: "q".into(),
            answer: "word ".repeat(300),
            pinned_by: "<@1>".into(),
        };
        for pin in [None, Some(&pinned)] {
            let embeds = crate::discord::render::ask_embeds(&a, pin, 0, Locale::En);
            assert_eq!(embeds.len(), 2);
            let total: usize = embeds.iter().map(Embed::size).sum();
            assert!(
                total <= crate::discord::message::limits::EMBEDS_TOTAL,
                "{total}"
            );
            let passages = embeds[1].description.as_deref().unwrap();
            assert!(passages.chars().count() <= crate::discord::message::limits::EMBED_DESCRIPTION);
            for hit in &a.results.hits {
                assert!(
                    passages.contains(&escape_markdown(&hit.passage.section)),
                    "{passages}"
                );
            }
        }
    }

    /// What `embed` (a condensed card) shows and lists: the numbers `[n]` its description and
    /// fields show, and its "Sources" field's lines by number.
    fn shown_and_listed(embed: &Embed, sources: &str) -> (Vec<usize>, Vec<(usize, String)>) {
        let mut shown = cited_numbers(embed.description.as_deref().unwrap_or_default());
        let mut listed = Vec::new();
        for f in &embed.fields {
            if f.name == sources {
                for l in f.value.lines() {
                    let (n, rest) = l.split_once("] ").expect("a numbered source line");
                    listed.push((n.trim_start_matches('[').parse().unwrap(), rest.to_string()));
                }
            } else {
                shown.extend(cited_numbers(&f.name));
                shown.extend(cited_numbers(&f.value));
            }
        }
        (shown, listed)
    }

    /// Defect: a condensed card showed citation numbers whose sources were cut (a skill citing
    /// six passages, a list of sources longer than its part). Every card of the careers library,
    /// at each share of one, two or three cards, in English and Spanish: every `[n]` it shows is
    /// listed in its "Sources", which lists nothing else, numbered 1, 2, … in the order first
    /// shown; each listed source is one the full answer cites.
    #[test]
    fn every_citation_a_condensed_card_shows_is_listed_in_its_sources() {
        let dir = tempfile::tempdir().unwrap();
        let e = careers_engine(dir.path());
        let mut checked = 0;
        for career in e.careers() {
            let c = career.name.to_lowercase();
            for q in [
                format!("how much does a senior {c} earn"),
                format!("what skills does a {c} need"),
                format!("what tools does a {c} use"),
                format!("what is the career path of a {c}"),
            ] {
                let a = asked(&e, &q);
                let Some(card) = a.cards.first() else {
                    continue;
                };
                let (_, full) = rendered(card, a.generation.meta(), Locale::En);
                let real: Vec<String> = full
                    .lines()
                    .iter()
                    .map(|l| l.split_once("] ").unwrap().1.to_string())
                    .collect();
                for lang in [Locale::En, Locale::Es] {
                    let sources = tr!(lang, "sources");
                    for n in 1..=crate::engine::card::MAX_CARDS {
                        let embed =
                            card_embed_within(card, a.generation.meta(), card_share(n), &[], lang);
                        let (shown, listed) = shown_and_listed(&embed, &sources);
                        assert!(!shown.is_empty(), "{q} ({n}): nothing cited: {embed:?}");
                        let mut first_shown: Vec<usize> = Vec::new();
                        for s in &shown {
                            if !first_shown.contains(s) {
                                first_shown.push(*s);
                            }
                        }
                        let numbers: Vec<usize> = listed.iter().map(|(n, _)| *n).collect();
                        assert_eq!(numbers, first_shown, "{q} ({n}): {embed:?}");
                        assert_eq!(numbers, (1..=numbers.len()).collect::<Vec<_>>(), "{q}");
                        // The parts it had no room for are counted in its footer.
                        let (full_embed, _) = rendered(card, a.generation.meta(), lang);
                        let kept = embed.fields.iter().filter(|f| f.name != sources).count();
                        let left_out = full_embed.fields.len() - kept;
                        let said =
                            (left_out > 0).then(|| tr!(lang, "card-left-out", count = left_out));
                        assert_eq!(embed.footer, said, "{q} ({n})");
                        for (_, source) in &listed {
                            assert!(real.contains(source), "{q} ({n}): {source}");
                        }
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked >= 60, "only {checked} cards checked");
    }

    /// Defect: several cards each repeated their footer and their caveat. A comparison's cards
    /// say a line every card's full answer has (and that cites nothing) once, in the first card;
    /// no card has a footer, and the index's date is said once in the message (the passages'
    /// footer); each card keeps its own "Read as" line and its own claims.
    #[test]
    fn several_cards_say_a_shared_line_once() {
        let dir = tempfile::tempdir().unwrap();
        let e = careers_engine(dir.path());
        let mut shared_seen = 0;
        for q in [
            "do electricians earn more than data analysts?",
            "career path of a data analyst vs a product manager vs an electrician",
            "skills of a product manager vs a data analyst",
        ] {
            let a = asked(&e, q);
            assert!(a.cards.len() >= 2, "{q}");
            let meta = a.generation.meta();
            let full: Vec<(Embed, Citations)> = a
                .cards
                .iter()
                .map(|c| rendered(c, meta, Locale::En))
                .collect();
            let shared = shared_lines(&full);
            for lang in [Locale::En, Locale::Es] {
                let embeds = crate::discord::render::ask_embeds(&a, None, 0, lang);
                let (cards, passages) = embeds.split_at(a.cards.len());
                let text = |e: &Embed| {
                    let mut t = e.description.clone().unwrap_or_default();
                    for f in &e.fields {
                        t.push('\n');
                        t.push_str(&f.value);
                    }
                    t
                };
                let all: String = cards.iter().map(text).collect::<Vec<_>>().join("\n");
                let (full, _) = rendered(&a.cards[0], meta, lang);
                let caveats: Vec<String> = shared_lines(
                    &a.cards
                        .iter()
                        .map(|c| rendered(c, meta, lang))
                        .collect::<Vec<_>>(),
                );
                for line in &caveats {
                    assert_eq!(all.lines().filter(|l| l == line).count(), 1, "{q}: {line}");
                    assert!(full.description.as_deref().unwrap().contains(line.as_str()));
                }
                let built = crate::discord::render::footer(meta, &[], lang);
                let date = built.rsplit(' ').nth(1).unwrap();
                for (card, embed) in a.cards.iter().zip(cards) {
                    // A card's footer only ever says what it had no room for.
                    let left_out = embed.footer.as_deref().unwrap_or_default();
                    assert!(!left_out.contains(date), "{q}: {left_out}");
                    let first = embed.description.as_deref().unwrap().lines().next();
                    assert_eq!(
                        first,
                        Some(read_as_line(card, card_share(a.cards.len()), lang).as_str())
                    );
                }
                // The index's date, once: in the passages' footer.
                let footers: Vec<&str> = embeds
                    .iter()
                    .filter_map(|e| e.footer.as_deref())
                    .filter(|f| f.contains(date))
                    .collect();
                assert_eq!(footers.len(), 1, "{q}");
                assert_eq!(passages[0].footer.as_deref(), Some(footers[0]), "{q}");
                assert_eq!(passages.len(), 1);
            }
            shared_seen += shared.len();
        }
        // Salary cards share how pay is stated, roadmap cards what their stages are.
        assert!(shared_seen >= 2, "{shared_seen}");
        // A claim is never shared: a line citing a source stays in each card that shows it.
        let lines = |e: &Embed| e.description.clone().unwrap_or_default();
        let a = asked(&e, "skills of a product manager vs a data analyst");
        let full: Vec<(Embed, Citations)> = a
            .cards
            .iter()
            .map(|c| rendered(c, a.generation.meta(), Locale::En))
            .collect();
        assert!(
            shared_lines(&full)
                .iter()
                .all(|l| cited_numbers(l).is_empty())
        );
        assert!(lines(&full[0].0).contains("SQL") && lines(&full[1].0).contains("SQL"));
    }

    /// A career the question compares that gets no card (its guides hold nothing of that kind,
    /// or it is named past the cards' limit) is said to get none, once, above the passages, in
    /// the member's language.
    #[test]
    fn a_career_without_a_card_is_said_to_have_none_above_the_passages() {
        let dir = tempfile::tempdir().unwrap();
        let e = careers_engine(dir.path());
        let mut a = asked(&e, "do electricians earn more than data analysts?");
        a.cards.retain(|c| c.career == "Electrician");
        a.no_card = crate::engine::NoCard {
            intent: Some(Intent::Salary),
            careers: vec!["Data Analyst".into()],
            past_limit: vec!["Product Manager".into()],
        };
        for lang in [Locale::En, Locale::Es] {
            let lines = a.no_card.lines(lang);
            assert_eq!(lines.len(), 2);
            assert!(lines[0].contains("Data Analyst") && lines[1].contains("Product Manager"));
            let line = lines.join("\n");
            let embeds = crate::discord::render::ask_embeds(&a, None, 0, lang);
            assert_eq!(embeds.len(), 2);
            let passages = embeds[1].description.as_deref().unwrap();
            assert!(passages.starts_with(&escape_markdown(&line)), "{passages}");
            let all: String = embeds
                .iter()
                .map(|e| e.description.clone().unwrap_or_default())
                .collect();
            assert_eq!(all.matches(&escape_markdown(&line)).count(), 1);
        }
        a.no_card = crate::engine::NoCard::default();
        let embeds = crate::discord::render::ask_embeds(&a, None, 0, Locale::En);
        assert!(
            embeds[1]
                .description
                .as_deref()
                .unwrap()
                .starts_with("**[1]")
        );
    }
}
