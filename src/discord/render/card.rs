//! The structured card `/ask` and "Ask careerbot" lead with, as one embed: what `/salary`,
//! `/skills` or `/roadmap` shows for the card's career and level (their own renderers), condensed
//! to [`CARD_CHARS`] so that it fits beside the passages within Discord's 6,000 characters by
//! construction, and opened by the line saying what the question was read as. Only what is shown
//! keeps its source line.

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
/// Of that: the title.
const TITLE_CHARS: usize = 150;
/// The description (after the "Read as" line).
const DESCRIPTION_CHARS: usize = 500;
/// A field's name and value.
const FIELD_NAME_CHARS: usize = 120;
const FIELD_VALUE_CHARS: usize = 400;
/// The sources kept (at most).
const SOURCES_CHARS: usize = 1000;
/// The footer.
const FOOTER_CHARS: usize = 300;

/// The card as an embed of at most [`CARD_CHARS`] characters.
pub fn card_embed(card: &Card, meta: &IndexMeta, lang: Locale) -> Embed {
    let full = match &card.answer {
        CardAnswer::Salary(a) => super::salary_reply(a, meta, None, lang),
        CardAnswer::Skills(a) => super::skills_reply(a, meta, lang),
        CardAnswer::Roadmap(a) => roadmap::part_reply(a, Focus::CareerProgression, meta, lang),
    };
    let embed = full.embeds.into_iter().next().unwrap_or_default();
    let read_as = format!("*{}*", escape_markdown(&truncate(&card.read_as(lang), 200)));
    // The renderer's footer names the guides; when that is long, only when the index was built.
    let footer = embed
        .footer
        .clone()
        .filter(|f| f.chars().count() <= FOOTER_CHARS)
        .unwrap_or_else(|| super::footer(meta, &[], lang));
    condense(embed, &read_as, footer, lang)
}

/// `embed` cut to [`CARD_CHARS`]: `first_line` then as much of its description as fits, its
/// fields in order while they fit (each value cut line by line), then the source lines of the
/// citations still shown; `footer` below.
fn condense(embed: Embed, first_line: &str, footer: String, lang: Locale) -> Embed {
    let lines = |text: &str| -> Vec<String> { text.lines().map(str::to_string).collect() };
    let body = embed
        .description
        .as_deref()
        .map(|d| fit_lines(&lines(d), DESCRIPTION_CHARS, lang))
        .unwrap_or_default();
    let description = if body.is_empty() {
        first_line.to_string()
    } else {
        format!("{first_line}\n{body}")
    };
    let title = embed.title.as_deref().map(|t| truncate(t, TITLE_CHARS));
    let footer = Some(truncate(&footer, FOOTER_CHARS));
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
        fit_lines(&kept, SOURCES_CHARS, lang)
    };
    let mut shown = cited_numbers(&description);
    let mut fields = Vec::new();
    let mut used = 0;
    // Fields in order while they and the sources they cite fit.
    for f in others {
        let field = Field {
            name: truncate(&f.name, FIELD_NAME_CHARS),
            value: fit_lines(&lines(&f.value), FIELD_VALUE_CHARS, lang),
            inline: false,
        };
        let size = field.name.chars().count() + field.value.chars().count();
        let mut with = shown.clone();
        with.extend(cited_numbers(&field.name));
        with.extend(cited_numbers(&field.value));
        let cited = sources_of(&with).chars().count() + sources_name.chars().count();
        if fixed + used + size + cited > CARD_CHARS {
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
                let Some(card) = &a.card else { continue };
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
        assert_eq!(a.card.as_ref().map(|c| c.intent), Some(Intent::Skills));
    }

    /// The card, a long pinned answer and every passage share one message: all of it fits
    /// Discord's 6,000 characters, each passage still shown (cut shorter when needed).
    #[test]
    fn the_card_and_the_passages_fit_one_message_together() {
        let dir = tempfile::tempdir().unwrap();
        let e = careers_engine(dir.path());
        let a = asked(&e, "how much does a senior electrician earn");
        assert!(a.card.is_some());
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
