//! The structured cards `/ask` and "Ask careerbot" lead with, one embed each: what `/salary`,
//! `/skills` or `/roadmap` shows for the card's career and level (their own renderers), condensed
//! to its share of the message ([`card_share`]: [`CARD_CHARS`] for one card, an equal part of
//! [`CARDS_CHARS`] for each of several) so that the cards fit beside the passages within
//! Discord's 6,000 characters by construction, and opened by the line saying what the question
//! was read as. Only what is shown keeps its source line.

use crate::answer::roadmap::Focus;
use crate::discord::markdown::escape_markdown;
use crate::discord::message::{Embed, Field, truncate};
use crate::engine::{Card, CardAnswer};
use crate::i18n::Locale;
use crate::search::IndexMeta;
use crate::tr;

use super::{fit_lines, roadmap};

/// Most characters a card takes of a message's 6,000 (title, description, fields, footer).
pub const CARD_CHARS: usize = 2600;
/// Most characters the cards of one answer take together when there are several (one per
/// career a question names, at most [`MAX_CARDS`](crate::engine::card::MAX_CARDS)): each gets
/// an equal share, so the passages keep at least 2,400 characters however many careers are
/// compared — as many as beside one card, less its 200 of slack.
pub const CARDS_CHARS: usize = 3600;
/// Of a card's characters, for [`CARD_CHARS`] (a smaller share scales each in proportion): the
/// title.
const TITLE_CHARS: usize = 150;
/// The "Read as" line.
const READ_AS_CHARS: usize = 200;
/// The description (after the "Read as" line).
const DESCRIPTION_CHARS: usize = 500;
/// A field's name and value.
const FIELD_NAME_CHARS: usize = 120;
const FIELD_VALUE_CHARS: usize = 400;
/// The sources kept (at most).
const SOURCES_CHARS: usize = 1000;
/// The footer.
const FOOTER_CHARS: usize = 300;

/// The characters each of `cards` cards takes of one message: [`CARD_CHARS`] for one, an equal
/// share of [`CARDS_CHARS`] for several.
pub fn card_share(cards: usize) -> usize {
    match cards {
        0 => 0,
        n => CARD_CHARS.min(CARDS_CHARS / n),
    }
}

/// How a card of `chars` characters shares them out: each part of [`CARD_CHARS`]'s in
/// proportion, so the parts always leave room for what must be shown (title, "Read as" line,
/// description, footer and the sources take at most some 83% of the card, whatever its share).
#[derive(Debug, Clone, Copy)]
struct Budget {
    chars: usize,
    title: usize,
    read_as: usize,
    description: usize,
    field_name: usize,
    field_value: usize,
    sources: usize,
    footer: usize,
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
            sources: part(SOURCES_CHARS),
            footer: part(FOOTER_CHARS),
        }
    }
}

/// The card as an embed of at most [`CARD_CHARS`] characters.
pub fn card_embed(card: &Card, meta: &IndexMeta, lang: Locale) -> Embed {
    card_embed_within(card, meta, CARD_CHARS, lang)
}

/// Each of `cards` as an embed of its [`card_share`] (at most
/// [`MAX_CARDS`](crate::engine::card::MAX_CARDS) of them), in order.
pub fn card_embeds(cards: &[Card], meta: &IndexMeta, lang: Locale) -> Vec<Embed> {
    let cards = &cards[..cards.len().min(crate::engine::card::MAX_CARDS)];
    let share = card_share(cards.len());
    cards
        .iter()
        .map(|c| card_embed_within(c, meta, share, lang))
        .collect()
}

/// The card as an embed of at most `chars` characters (at most [`CARD_CHARS`]).
fn card_embed_within(card: &Card, meta: &IndexMeta, chars: usize, lang: Locale) -> Embed {
    let budget = Budget::of(chars.min(CARD_CHARS));
    let full = match &card.answer {
        CardAnswer::Salary(a) => super::salary_reply(a, meta, None, lang),
        CardAnswer::Skills(a) => super::skills_reply(a, meta, lang),
        CardAnswer::Roadmap(a) => roadmap::part_reply(a, Focus::CareerProgression, meta, lang),
    };
    let embed = full.embeds.into_iter().next().unwrap_or_default();
    let read_as = format!(
        "*{}*",
        escape_markdown(&truncate(&card.read_as(lang), budget.read_as))
    );
    // The renderer's footer names the guides; when that is long, only when the index was built.
    let footer = embed
        .footer
        .clone()
        .filter(|f| f.chars().count() <= budget.footer)
        .unwrap_or_else(|| super::footer(meta, &[], lang));
    condense(embed, &read_as, footer, budget, lang)
}

/// `embed` cut to `budget`: `first_line` then as much of its description as fits, its fields in
/// order while they fit (each value cut line by line), then the source lines of the citations
/// still shown; `footer` below.
fn condense(embed: Embed, first_line: &str, footer: String, budget: Budget, lang: Locale) -> Embed {
    let lines = |text: &str| -> Vec<String> { text.lines().map(str::to_string).collect() };
    let body = embed
        .description
        .as_deref()
        .map(|d| fit_lines(&lines(d), budget.description, lang))
        .unwrap_or_default();
    let description = if body.is_empty() {
        first_line.to_string()
    } else {
        format!("{first_line}\n{body}")
    };
    let title = embed.title.as_deref().map(|t| truncate(t, budget.title));
    let footer = Some(truncate(&footer, budget.footer));
    let fixed = [&title, &Some(description.clone()), &footer]
        .iter()
        .map(|s| s.as_ref().map_or(0, |s| s.chars().count()))
        .sum::<usize>();
    let sources_name = tr!(lang, "sources");
    let (sources, others): (Vec<Field>, Vec<Field>) = embed
        .fields
        .into_iter()
        .partition(|f| f.name.starts_with(sources_name.as_str()));
    let source_lines: Vec<&str> = sources.iter().flat_map(|f| f.value.lines()).collect();
    // The source lines of the citations in `shown`, as the "Sources" field would hold them.
    let sources_of = |shown: &[usize]| -> String {
        let kept: Vec<String> = source_lines
            .iter()
            .filter(|l| cited_numbers(l).first().is_some_and(|n| shown.contains(n)))
            .map(|l| (*l).to_string())
            .collect();
        fit_lines(&kept, budget.sources, lang)
    };
    let mut shown = cited_numbers(&description);
    let mut fields = Vec::new();
    let mut used = 0;
    // Fields in order while they and the sources they cite fit; a field whose first line alone
    // is longer than a field's part (in a card's smaller share of several) shows nothing but
    // "…and N more", so it is left out.
    for f in others {
        let field = Field {
            name: truncate(&f.name, budget.field_name),
            value: fit_lines(&lines(&f.value), budget.field_value, lang),
            inline: false,
        };
        if f.value
            .lines()
            .next()
            .is_some_and(|l| !field.value.starts_with(l))
        {
            continue;
        }
        let size = field.name.chars().count() + field.value.chars().count();
        let mut with = shown.clone();
        with.extend(cited_numbers(&field.name));
        with.extend(cited_numbers(&field.value));
        let cited = sources_of(&with).chars().count() + sources_name.chars().count();
        if fixed + used + size + cited > budget.chars {
            break;
        }
        used += size;
        shown = with;
        fields.push(field);
    }
    let kept = sources_of(&shown);
    if !kept.is_empty() {
        fields.push(Field {
            name: sources_name.clone(),
            value: kept,
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

/// The citation numbers `[n]` in `text`, in order.
fn cited_numbers(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        rest = &rest[open + 1..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty() && rest[digits.len()..].starts_with(']') {
            out.extend(digits.parse::<usize>().ok());
        }
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
                    let embed = card_embed_within(card, a.generation.meta(), share, Locale::Es);
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
                    assert!(total <= limits::EMBEDS_TOTAL, "{q}: {total}");
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
}
