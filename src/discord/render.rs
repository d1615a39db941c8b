//! Answers → Discord messages: the embeds and buttons of `/ask`, `/salary`, `/skills`,
//! `/roadmap` ([`roadmap`]: its overview, parts and menu) and the bot's other replies. Every
//! claim carries a numbered citation `[n]` that the "Sources" list resolves to
//! `Title › Section (file:lines)`. Guide text is escaped, so it can never turn into markup or
//! mentions. Limits are applied later, in `Reply::finish`.

pub mod card;
pub mod roadmap;

use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::answer::chart::ImageText;
use crate::answer::salary::{Level, NoteKind, SalaryAnswer};
use crate::answer::skills::SkillsAnswer;
use crate::choices::Choices;
use crate::discord::markdown::{self, escape_markdown};
use crate::discord::message::{Button, ButtonStyle, Embed, Field, File, Reply, limits};
use crate::engine::Asked;
use crate::i18n::Locale;
use crate::search::IndexMeta;
use crate::search::SearchResults;
use crate::search::snippet::Snippet;
use crate::tr;

/// Embed side colour.
pub const COLOR: u32 = 0x0058_65F2;
/// Colour of moderator-pinned answers.
pub const PINNED_COLOR: u32 = 0x00F1_C40F;
/// Colour of "no good answer".
pub const WEAK_COLOR: u32 = 0x0095_A5A6;

/// Numbered citations of one message, deduplicated by passage.
#[derive(Debug, Default, Clone)]
pub struct Citations {
    entries: Vec<Citation>,
}

/// One citation: a passage of a guide, or one line of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// Guide title.
    pub title: String,
    /// Section heading.
    pub section: String,
    /// Guide file.
    pub source: String,
    /// First line.
    pub start: u32,
    /// Last line.
    pub end: u32,
    /// Where the guide was published, when known.
    pub url: Option<String>,
}

impl Citations {
    /// The number of this passage's citation (1-based), adding it if new.
    pub fn cite(
        &mut self,
        title: &str,
        section: &str,
        source: &str,
        start: u32,
        end: u32,
        url: Option<&str>,
    ) -> usize {
        let c = Citation {
            title: title.into(),
            section: section.into(),
            source: source.into(),
            start,
            end,
            url: url.map(str::to_string),
        };
        match self.entries.iter().position(|e| *e == c) {
            Some(i) => i + 1,
            None => {
                self.entries.push(c);
                self.entries.len()
            }
        }
    }

    /// The number of `c` here (1-based), adding it if new.
    pub fn add(&mut self, c: &Citation) -> usize {
        self.cite(
            &c.title,
            &c.section,
            &c.source,
            c.start,
            c.end,
            c.url.as_deref(),
        )
    }

    /// Citation number `n` (1-based), when there is one.
    pub fn get(&self, n: usize) -> Option<&Citation> {
        n.checked_sub(1).and_then(|i| self.entries.get(i))
    }

    /// The number of a passage's citation (its whole line range).
    pub fn passage(&mut self, p: &crate::corpus::Passage) -> usize {
        self.cite(
            &p.title,
            &p.section,
            &p.source,
            p.start_line,
            p.end_line,
            p.url.as_deref(),
        )
    }

    /// The number of a structured answer's citation of one line.
    pub fn line(&mut self, c: &crate::answer::citation::Citation) -> usize {
        self.cite(
            &c.title,
            &c.section,
            &c.source,
            c.line,
            c.line,
            c.url.as_deref(),
        )
    }

    /// The number of a structured answer's citation of its passage's line range.
    pub fn range(&mut self, c: &crate::answer::citation::Citation) -> usize {
        let (start, end) = (c.start_line, c.end_line);
        self.cite(
            &c.title,
            &c.section,
            &c.source,
            start,
            end,
            c.url.as_deref(),
        )
    }

    /// The list, one line each: `[n] Title › Section (file:a-b)`.
    pub fn lines(&self) -> Vec<String> {
        self.entries
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let lines = if c.start == c.end {
                    format!("{}", c.start)
                } else {
                    format!("{}-{}", c.start, c.end)
                };
                format!(
                    "[{}] {} › {} ({}:{lines})",
                    i + 1,
                    markdown::title_link(&c.title, c.url.as_deref()),
                    escape_markdown(&c.section),
                    c.source,
                )
            })
            .collect()
    }

    /// Whether nothing was cited.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// A "Sources" field block: as many citation lines as fit one field, then "and N more".
fn sources_field(citations: &Citations, lang: Locale) -> Option<Field> {
    if citations.is_empty() {
        return None;
    }
    Some(Field {
        name: tr!(lang, "sources"),
        value: fit_lines(&citations.lines(), 1000, lang),
        inline: false,
    })
}

/// Joins lines until `max` characters, then says how many were left out.
pub fn fit_lines(lines: &[String], max: usize, lang: Locale) -> String {
    let mut out = String::new();
    for (i, l) in lines.iter().enumerate() {
        let more = format!("\n{}", tr!(lang, "and-more", count = lines.len() - i));
        if out.chars().count() + l.chars().count() + 1 + more.chars().count() > max {
            out.push_str(more.trim_start_matches(if out.is_empty() { "\n" } else { "" }));
            return out;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(l);
    }
    out
}

/// The footer of answers: the guides' titles and when the index was built.
pub fn footer(meta: &IndexMeta, titles: &[&str], lang: Locale) -> String {
    let built = DateTime::<Utc>::from_timestamp(i64::try_from(meta.built_at).unwrap_or(0), 0)
        .map_or_else(
            || tr!(lang, "unknown-time"),
            |t| t.format("%Y-%m-%d %H:%M UTC").to_string(),
        );
    let mut unique: Vec<&str> = Vec::new();
    for t in titles {
        if !unique.contains(t) {
            unique.push(t);
        }
    }
    if unique.is_empty() {
        tr!(lang, "footer-built", built = built)
    } else {
        tr!(
            lang,
            "footer-from",
            guides = unique.join(" · "),
            built = built
        )
    }
}

/// Custom ids of the answer buttons. Short: `<action>:<answer id>[:<page>]`.
pub mod ids {
    /// Next passages.
    pub const MORE: &str = "more";
    /// The full citation list.
    pub const SOURCES: &str = "src";
    /// Pin (moderators).
    pub const PIN: &str = "pin";
    /// 👍
    pub const UP: &str = "up";
    /// 👎
    pub const DOWN: &str = "down";
    /// Delete the answer.
    pub const DISMISS: &str = "dismiss";
    /// Ask a follow-up (opens a modal; the answer comes in a thread).
    pub const FOLLOW: &str = "follow";
    /// Post an ephemeral "Ask careerbot" answer in the channel for everyone.
    pub const POST: &str = "post";
}

/// The link that jumps to a message: `https://discord.com/channels/{guild or @me}/{channel}/{message}`.
pub fn jump_link(guild: Option<u64>, channel: u64, message: u64) -> String {
    match guild {
        Some(g) => format!("https://discord.com/channels/{g}/{channel}/{message}"),
        None => format!("https://discord.com/channels/@me/{channel}/{message}"),
    }
}

/// The buttons under an answer.
///
/// A hidden (ephemeral) answer gets no Pin or Dismiss: nobody else sees it to pin, and Discord
/// lets the bot neither pin nor delete an ephemeral message.
pub fn answer_buttons(
    answer_id: &str,
    next_page: Option<usize>,
    hidden: bool,
    lang: Locale,
) -> Vec<Vec<Button>> {
    let mut first = Vec::new();
    if let Some(page) = next_page {
        first.push(Button::new(
            &tr!(lang, "button-more"),
            format!("{}:{answer_id}:{page}", ids::MORE),
            ButtonStyle::Primary,
        ));
    }
    first.push(Button::new(
        &tr!(lang, "button-sources"),
        format!("{}:{answer_id}", ids::SOURCES),
        ButtonStyle::Secondary,
    ));
    if !hidden {
        first.push(Button::new(
            &tr!(lang, "button-pin"),
            format!("{}:{answer_id}", ids::PIN),
            ButtonStyle::Secondary,
        ));
    }
    let mut second = vec![
        Button::new(
            "👍",
            format!("{}:{answer_id}", ids::UP),
            ButtonStyle::Success,
        ),
        Button::new(
            "👎",
            format!("{}:{answer_id}", ids::DOWN),
            ButtonStyle::Secondary,
        ),
    ];
    if !hidden {
        second.push(Button::new(
            &tr!(lang, "button-dismiss"),
            format!("{}:{answer_id}", ids::DISMISS),
            ButtonStyle::Danger,
        ));
        // An ephemeral message cannot start a thread.
        second.push(Button::new(
            &tr!(lang, "button-follow"),
            format!("{}:{answer_id}", ids::FOLLOW),
            ButtonStyle::Primary,
        ));
    }
    vec![first, second]
}

/// A moderator-pinned answer shown above the search results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinnedAnswer {
    /// The question it answered.
    pub question: String,
    /// The answer text as pinned.
    pub answer: String,
    /// Who pinned it.
    pub pinned_by: String,
}

/// The fewest characters of a snippet [`ask_embed_within`] cuts it to.
const LEAST_SNIPPET: usize = 40;

/// The `/ask` answer: the structured cards first when the engine made some ([`card::card_embeds`]:
/// one of at most [`card::CARD_CHARS`], or one per career compared sharing
/// [`card::CARDS_CHARS`], less what the passages need at their shortest beside a long pinned
/// answer), then the passages ([`ask_embed_within`] the characters left, every passage shown),
/// so the message fits Discord's 6,000 characters and 10 embeds by construction.
pub fn ask_embeds(
    asked: &Asked,
    pinned: Option<&PinnedAnswer>,
    page_start: usize,
    lang: Locale,
) -> Vec<Embed> {
    let mut embeds = if asked.cards.is_empty() {
        Vec::new()
    } else {
        let least = passages_embed(asked, pinned, page_start, Some(LEAST_SNIPPET), lang).size();
        let room = limits::EMBEDS_TOTAL.saturating_sub(least);
        card::card_embeds_within(&asked.cards, asked.generation.meta(), room, lang)
    };
    let room = limits::EMBEDS_TOTAL.saturating_sub(embeds.iter().map(Embed::size).sum());
    embeds.push(ask_embed_within(asked, pinned, page_start, room, lang));
    embeds
}

/// The `/ask` answer: the passages as snippets with numbered citations (and a pinned answer
/// first, when a moderator pinned one for a similar question). An answer narrowed to one career
/// says so first; an answer over several careers says each passage's career.
pub fn ask_embed(
    asked: &Asked,
    pinned: Option<&PinnedAnswer>,
    page_start: usize,
    lang: Locale,
) -> Embed {
    ask_embed_within(asked, pinned, page_start, limits::EMBEDS_TOTAL, lang)
}

/// [`ask_embed`] in at most `room` characters: when the passages would not fit, each snippet is
/// cut shorter (never a passage left out, so the pages still follow on).
pub fn ask_embed_within(
    asked: &Asked,
    pinned: Option<&PinnedAnswer>,
    page_start: usize,
    room: usize,
    lang: Locale,
) -> Embed {
    let mut cut: Option<usize> = None;
    let mut embed = passages_embed(asked, pinned, page_start, cut, lang);
    // Each round cuts every snippet by its share of what is over, and some.
    for _ in 0..6 {
        let over = embed.size().saturating_sub(room).max(
            embed
                .description
                .as_ref()
                .map_or(0, |d| d.chars().count())
                .saturating_sub(limits::EMBED_DESCRIPTION),
        );
        if over == 0 {
            return embed;
        }
        let hits = asked.results.hits.len().max(1);
        let longest = asked
            .results
            .hits
            .iter()
            .map(|h| h.snippet.text.chars().count())
            .max()
            .unwrap_or(0);
        let now = cut.unwrap_or(longest);
        cut = Some(
            now.saturating_sub(over.div_ceil(hits) + 20)
                .max(LEAST_SNIPPET),
        );
        embed = passages_embed(asked, pinned, page_start, cut, lang);
    }
    let other = embed.size() - embed.description.as_ref().map_or(0, |d| d.chars().count());
    if let Some(d) = &mut embed.description {
        *d = crate::discord::message::truncate(
            d,
            room.saturating_sub(other).min(limits::EMBED_DESCRIPTION),
        );
    }
    embed
}

/// The passages embed, each snippet cut to `cut` characters when given.
fn passages_embed(
    asked: &Asked,
    pinned: Option<&PinnedAnswer>,
    page_start: usize,
    cut: Option<usize>,
    lang: Locale,
) -> Embed {
    let (results, meta) = (&asked.results, asked.generation.meta());
    let mut description = String::new();
    if let Some(career) = &asked.career {
        description.push_str(&tr!(
            lang,
            "ask-from-career",
            career = escape_markdown(career)
        ));
        description.push_str("\n\n");
    }
    // A career the question compares whose guides hold nothing of what it asks for, or named
    // past the cards' limit: said once, above the passages, so its missing card is not read as
    // an oversight.
    let no_card = asked.no_card.lines(lang);
    if !no_card.is_empty() {
        description.push_str(&escape_markdown(&no_card.join("\n")));
        description.push_str("\n\n");
    }
    if let Some(p) = pinned {
        description.push_str(&tr!(lang, "ask-pinned", by = escape_markdown(&p.pinned_by)));
        description.push_str(&format!("\n{}\n\n", p.answer));
    }
    let says_careers = asked.says_careers();
    let mut citations = Citations::default();
    let mut titles = Vec::new();
    for hit in &results.hits {
        let p = &hit.passage;
        let n = citations.passage(p);
        titles.push(p.title.as_str());
        let career = if says_careers {
            format!("{} · ", escape_markdown(&p.career))
        } else {
            String::new()
        };
        let snippet = match cut {
            Some(max) => markdown::snippet(&cut_snippet(&hit.snippet, max)),
            None => markdown::snippet(&hit.snippet),
        };
        description.push_str(&format!(
            "**[{}] {career}{} › {}**\n{}\n\n",
            hit.rank.max(n + page_start),
            markdown::title_link(&p.title, p.url.as_deref()),
            escape_markdown(&p.section),
            snippet
        ));
    }
    Embed {
        title: Some(format!("❓ {}", escape_markdown(&results.query))),
        description: Some(description.trim_end().to_string()),
        color: Some(if pinned.is_some() {
            PINNED_COLOR
        } else {
            COLOR
        }),
        fields: Vec::new(),
        footer: Some(footer(meta, &titles, lang)),
        image_url: None,
    }
}

/// `s` cut to at most `max` characters of its text (then "…"), its highlights kept where the
/// text is.
fn cut_snippet(s: &Snippet, max: usize) -> Snippet {
    let Some((end, _)) = s.text.char_indices().nth(max) else {
        return s.clone();
    };
    let mut text = s.text[..end].trim_end().to_string();
    let end = text.len();
    text.push('…');
    Snippet {
        text,
        highlights: s
            .highlights
            .iter()
            .filter(|r| r.start < end)
            .map(|r| r.start..r.end.min(end))
            .collect(),
    }
}

/// The answer when the guides do not cover the question: said plainly, with the closest guides,
/// or, for an occupation no guide is about, the careers the guides cover.
pub fn weak_embed(asked: &Asked, lang: Locale) -> Embed {
    let (results, meta) = (&asked.results, asked.generation.meta());
    // The verdict's line, the same the CLI prints.
    let line = escape_markdown(&asked.verdict.line(lang).unwrap_or_default());
    let description = match asked.verdict.not_in_library() {
        Some(_) => format!("{line}\n\n{}", tr!(lang, "weak-not-in-library")),
        // Not a career question: no guide is close.
        None if asked.verdict.reason == Some(crate::engine::Reason::OffTopic) => line,
        None => {
            let mut closest: Vec<&str> = Vec::new();
            for h in &results.hits {
                if !closest.contains(&h.passage.title.as_str()) {
                    closest.push(&h.passage.title);
                }
            }
            if closest.is_empty() {
                closest = meta.guides.iter().map(|g| g.title.as_str()).collect();
            }
            let list: Vec<String> = closest
                .iter()
                .take(3)
                .map(|t| format!("• {}", escape_markdown(t)))
                .collect();
            tr!(lang, "weak-closest", line = line, guides = list.join("\n"))
        }
    };
    Embed {
        title: Some(format!("❓ {}", escape_markdown(&results.query))),
        description: Some(description),
        color: Some(WEAK_COLOR),
        fields: Vec::new(),
        footer: Some(footer(meta, &[], lang)),
        image_url: None,
    }
}

/// The full citation list of an answer (the "Sources" button).
pub fn sources_reply(results: &SearchResults, lang: Locale) -> Reply {
    let mut citations = Citations::default();
    for hit in &results.hits {
        let p = &hit.passage;
        citations.passage(p);
    }
    let text = if citations.is_empty() {
        tr!(lang, "sources-none")
    } else {
        citations.lines().join("\n")
    };
    Reply {
        ephemeral: true,
        ..Reply::embed(Embed {
            title: Some(tr!(lang, "sources")),
            description: Some(text),
            color: Some(COLOR),
            ..Embed::default()
        })
    }
}

/// What a salary note is about, in `lang`.
fn note_label(kind: NoteKind, lang: Locale) -> String {
    match kind {
        NoteKind::Location => tr!(lang, "note-location"),
        NoteKind::Remote => tr!(lang, "note-remote"),
        NoteKind::TopEnd => tr!(lang, "note-top-end"),
        NoteKind::Drivers => tr!(lang, "note-drivers"),
        NoteKind::Compensation => tr!(lang, "note-compensation"),
        NoteKind::Contract => tr!(lang, "note-contract"),
        NoteKind::Median => tr!(lang, "note-median"),
    }
}

fn level_line(level: Level, lang: Locale) -> String {
    super::commands::choice_label(lang, level)
}

/// `/salary`: a field per career, level, currency and period with each guide's range cited (in
/// its own words for the level, in its own currency and period), the summary in the field's
/// name, the notes, and the chart attached; the description names the currencies.
pub fn salary_reply(
    answer: &SalaryAnswer,
    meta: &IndexMeta,
    chart: Option<Vec<u8>>,
    lang: Locale,
) -> Reply {
    let (mut embed, citations) = salary_embed(answer, meta, chart.is_some(), true, lang);
    embed.fields.extend(sources_field(&citations, lang));
    let mut files = Vec::new();
    if let Some(png) = chart {
        embed.image_url = Some("attachment://salary.png".into());
        files.push(image_file("salary.png", png));
    }
    Reply {
        embeds: vec![embed],
        files,
        ..Reply::default()
    }
}

/// [`salary_reply`]'s embed without its sources field and chart (`chart` says whether one is
/// attached), and the citations its `[n]` number. Each figure names its guide's title when
/// `name_guides` (`/salary`); a card, short of room, leaves that to its sources.
pub(crate) fn salary_embed(
    answer: &SalaryAnswer,
    meta: &IndexMeta,
    chart: bool,
    name_guides: bool,
    lang: Locale,
) -> (Embed, Citations) {
    let mut citations = Citations::default();
    let mut fields = Vec::new();
    let mut titles = Vec::new();
    let several = answer
        .summaries
        .iter()
        .any(|s| Some(&s.career) != answer.summaries.first().map(|f| &f.career));
    for summary in &answer.summaries {
        let rows: Vec<String> = answer
            .rows
            .iter()
            .filter(|r| {
                r.level == summary.level
                    && r.figure.period == summary.period
                    && r.figure.currency == summary.currency
                    && r.figure.cite.career == summary.career
            })
            .map(|r| {
                let f = &r.figure;
                titles.push(f.cite.title.as_str());
                let n = citations.line(&f.cite);
                let words = f
                    .label
                    .as_deref()
                    .map(|l| format!("{}: ", escape_markdown(l)))
                    .unwrap_or_default();
                let title = if name_guides {
                    format!(" — {}", escape_markdown(&f.cite.title))
                } else {
                    String::new()
                };
                format!("• {words}{}{title} [{n}]", f.range_in(lang))
            })
            .collect();
        let career = if several {
            format!("{} · ", summary.career)
        } else {
            String::new()
        };
        fields.push(Field {
            name: format!(
                "{career}{}",
                tr!(
                    lang,
                    "salary-summary",
                    level = level_line(summary.level, lang),
                    range = summary.range_in(lang),
                    median = summary.median_in(lang),
                    guides = summary.sources
                )
            ),
            value: fit_lines(&rows, 1000, lang),
            inline: false,
        });
    }
    let notes: Vec<String> = answer
        .notes
        .iter()
        .take(4)
        .map(|n| {
            let c = citations.line(&n.cite);
            let label = note_label(n.kind, lang);
            format!(
                "• {label}: {} [{c}]",
                escape_markdown(&crate::discord::message::truncate(
                    n.text_after(&label),
                    200
                ))
            )
        })
        .collect();
    if !notes.is_empty() {
        fields.push(Field {
            name: tr!(lang, "salary-notes"),
            value: fit_lines(&notes, 1000, lang),
            inline: false,
        });
    }
    let description = if answer.rows.is_empty() {
        match &answer.career {
            Some(c) => tr!(lang, "salary-none-career", career = escape_markdown(c)),
            None => tr!(lang, "salary-none"),
        }
    } else {
        let currencies = answer.currencies().join(", ");
        if several && chart {
            tr!(lang, "salary-about-careers-chart", currencies = currencies)
        } else if several {
            tr!(lang, "salary-about-careers", currencies = currencies)
        } else {
            tr!(lang, "salary-about", currencies = currencies)
        }
    };
    let subject = match &answer.career {
        Some(c) => tr!(lang, "salary-subject-career", career = escape_markdown(c)),
        None if !several => answer.summaries.first().map_or_else(
            || tr!(lang, "salary-subject"),
            |s| {
                tr!(
                    lang,
                    "salary-subject-career",
                    career = escape_markdown(&s.career)
                )
            },
        ),
        None => tr!(lang, "salary-subject-careers"),
    };
    let embed = Embed {
        title: Some(match answer.level {
            Some(l) => tr!(
                lang,
                "salary-title-level",
                subject = subject,
                level = level_line(l, lang)
            ),
            None => tr!(lang, "salary-title", subject = subject),
        }),
        description: Some(description),
        color: Some(COLOR),
        fields,
        footer: Some(footer(meta, &titles, lang)),
        image_url: None,
    };
    (embed, citations)
}

/// An image to attach as `name`, its alt text the title it draws (in the language it was drawn
/// in: the member's), read from the text the image carries.
pub(crate) fn image_file(name: &str, png: Vec<u8>) -> File {
    let description = ImageText::of_png(&png).and_then(|t| t.lines.into_iter().next());
    File {
        name: name.into(),
        bytes: png,
        description,
    }
}

/// Skills listed per career when one `/skills` answer covers several careers.
const SKILLS_PER_CAREER: usize = 8;

/// `/skills`: skills most cited first, each with its citations; the best passages; what the
/// guides expect at the level asked.
pub fn skills_reply(answer: &SkillsAnswer, meta: &IndexMeta, lang: Locale) -> Reply {
    let (mut embed, citations) = skills_embed(answer, meta, SKILL_REFS, lang);
    embed.fields.extend(sources_field(&citations, lang));
    Reply::embed(embed)
}

/// Citations `[n]` a skill of `/skills` shows (of the passages naming it).
const SKILL_REFS: usize = 6;

/// [`skills_reply`]'s embed without its sources field, and the citations its `[n]` number;
/// each skill cites at most `refs` of the passages naming it (a card, whose sources must fit a
/// share of the message, shows fewer).
pub(crate) fn skills_embed(
    answer: &SkillsAnswer,
    meta: &IndexMeta,
    refs: usize,
    lang: Locale,
) -> (Embed, Citations) {
    let mut citations = Citations::default();
    let mut titles = Vec::new();
    let careers = answer.careers();
    let several = careers.len() > 1;
    let mut lines: Vec<String> = Vec::new();
    for career in &careers {
        if several {
            lines.push(format!("__**{}**__", escape_markdown(career)));
        }
        let of_career = answer.skills.iter().filter(|s| s.career == *career);
        // Several careers share the message: each shows its most cited skills.
        for s in of_career.take(if several {
            SKILLS_PER_CAREER
        } else {
            usize::MAX
        }) {
            let mut cited: Vec<usize> = Vec::new();
            for c in &s.citations {
                titles.push(c.cite.title.as_str());
                let n = citations.range(&c.cite);
                if !cited.contains(&n) {
                    cited.push(n);
                }
            }
            let refs: Vec<String> = cited.iter().take(refs).map(|n| format!("[{n}]")).collect();
            lines.push(format!(
                "• **{}** — {} {}",
                escape_markdown(&s.name),
                tr!(lang, "guides-count", count = s.guides),
                refs.join("")
            ));
        }
    }
    let mut fields = Vec::new();
    let best: Vec<String> = answer
        .passages
        .iter()
        .take(3)
        .map(|p| {
            let n = citations.range(&p.cite);
            format!(
                "[{n}] {}",
                escape_markdown(&crate::discord::message::truncate(
                    &p.text.replace('\n', " · "),
                    300
                ))
            )
        })
        .collect();
    if !best.is_empty() {
        fields.push(Field {
            name: tr!(lang, "skills-best"),
            value: fit_lines(&best, 1000, lang),
            inline: false,
        });
    }
    if let Some(level) = answer.level {
        let expect: Vec<String> = answer
            .expectations
            .iter()
            .take(6)
            .map(|e| {
                let n = citations.line(&e.cite);
                format!(
                    "• {} [{n}]",
                    escape_markdown(&crate::discord::message::truncate(&e.text, 200))
                )
            })
            .collect();
        let value = if expect.is_empty() {
            tr!(lang, "skills-level-none")
        } else {
            fit_lines(&expect, 1000, lang)
        };
        fields.push(Field {
            name: tr!(
                lang,
                "skills-level",
                level = level.id(),
                label = level_line(level, lang)
            ),
            value,
            inline: false,
        });
    }
    let description = if lines.is_empty() {
        tr!(lang, "skills-none")
    } else {
        fit_lines(&lines, 3000, lang)
    };
    let topic = super::commands::choice_label(lang, answer.topic);
    let embed = Embed {
        title: Some(match &answer.career {
            Some(career) => tr!(
                lang,
                "skills-title-career",
                topic = topic,
                career = career.as_str()
            ),
            None => tr!(lang, "skills-title", topic = topic),
        }),
        description: Some(description),
        color: Some(COLOR),
        fields,
        footer: Some(footer(meta, &titles, lang)),
        image_url: None,
    };
    (embed, citations)
}

/// `/help`.
pub fn help_reply(meta: &IndexMeta, lang: Locale) -> Reply {
    let guides: Vec<String> = meta
        .guides
        .iter()
        .map(|g| format!("• {}", escape_markdown(&g.title)))
        .collect();
    Reply {
        ephemeral: true,
        ..Reply::embed(Embed {
            title: Some(tr!(lang, "help-title")),
            description: Some(format!(
                "{} {}\n{}\n{}\n{}\n{}\n\n{}\n\n**{}**\n{}",
                tr!(lang, "help-ask"),
                tr!(lang, "help-ask-message"),
                tr!(lang, "help-answers"),
                tr!(lang, "help-pins"),
                tr!(lang, "help-career"),
                tr!(lang, "help-buttons"),
                tr!(lang, "help-honest"),
                tr!(lang, "help-guides", count = meta.guides.len()),
                fit_lines(&guides, 2500, lang)
            )),
            color: Some(COLOR),
            footer: Some(footer(meta, &[], lang)),
            ..Embed::default()
        })
    }
}

/// "3 minutes", "2 hours", "5 days".
pub fn human_duration(d: Duration, lang: Locale) -> String {
    let s = d.as_secs();
    match s {
        0..60 => tr!(lang, "duration-seconds", count = s),
        60..3600 => tr!(lang, "duration-minutes", count = s / 60),
        3600..86_400 => tr!(lang, "duration-hours", count = s / 3600),
        _ => tr!(lang, "duration-days", count = s / 86_400),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_well() {
        assert_eq!(
            human_duration(Duration::from_secs(1), Locale::En),
            "1 second"
        );
        assert_eq!(
            human_duration(Duration::from_secs(150), Locale::En),
            "2 minutes"
        );
        assert_eq!(
            human_duration(Duration::from_secs(7200), Locale::En),
            "2 hours"
        );
        assert_eq!(
            human_duration(Duration::from_secs(86_400 * 3), Locale::En),
            "3 days"
        );
    }

    #[test]
    fn citations_dedupe_and_number() {
        let mut c = Citations::default();
        assert_eq!(c.cite("T", "S", "a.txt", 1, 4, None), 1);
        assert_eq!(c.cite("T", "S2", "a.txt", 5, 9, None), 2);
        assert_eq!(c.cite("T", "S", "a.txt", 1, 4, None), 1);
        assert_eq!(
            c.lines(),
            vec!["[1] T › S (a.txt:1-4)", "[2] T › S2 (a.txt:5-9)"]
        );
    }

    #[test]
    fn fit_lines_says_how_many_were_left_out() {
        let lines: Vec<String> = (0..100).map(|i| format!("line number {i}")).collect();
        let out = fit_lines(&lines, 120, Locale::En);
        assert!(out.chars().count() <= 120, "{out}");
        assert!(out.ends_with("more"), "{out}");
        assert_eq!(
            fit_lines(&["a".into(), "b".into()], 100, Locale::En),
            "a\nb"
        );
    }

    /// Issue 14: an amount's period is the member's word ("$18–$25/hora"); the amounts stay as
    /// the guides write them.
    #[test]
    fn a_spanish_salary_says_its_periods_in_spanish() {
        let dir = tempfile::tempdir().unwrap();
        let engine = crate::engine::fixtures::careers_engine(dir.path());
        let answered = engine.salary(None, None).unwrap();
        let meta = answered.generation.meta();
        // The bot's amounts: each field's name (a level's range and median) and each figure
        // line's range (before " — " and the guide's title; notes quote the guides).
        let text = |lang| {
            let reply = salary_reply(&answered.answer, meta, None, lang);
            let mut amounts = Vec::new();
            for f in &reply.embeds[0].fields {
                amounts.push(f.name.clone());
                let figures = f.value.lines().filter(|l| l.contains('$'));
                amounts.extend(
                    figures
                        .filter_map(|l| l.split(" — ").next())
                        .map(String::from),
                );
            }
            amounts.join("\n")
        };
        let (en, es) = (text(Locale::En), text(Locale::Es));
        assert!(
            en.contains("/hour") || en.contains("/month"),
            "a figure by the hour or month, or this test cannot fail: {en}"
        );
        for english in ["/hour", "/month"] {
            assert!(!es.contains(english), "{english} in {es}");
        }
        assert!(es.contains("/hora") || es.contains("/mes"), "{es}");
    }

    /// The chart is attached with its title, in the member's language, as its alt text.
    #[test]
    fn a_spanish_salary_chart_is_attached_with_its_spanish_title_as_alt_text() {
        let dir = tempfile::tempdir().unwrap();
        let engine = crate::engine::fixtures::careers_engine(dir.path());
        let answered = engine.salary(Some("Electrician"), None).unwrap();
        let meta = answered.generation.meta();
        for (lang, title) in [
            (Locale::Es, "Rangos salariales por nivel (USD al año)"),
            (Locale::En, "Salary ranges by level (USD per year)"),
        ] {
            let png = engine.salary_chart(&answered, lang).unwrap().unwrap();
            let reply = salary_reply(&answered.answer, meta, Some(png.to_vec()), lang);
            assert_eq!(
                reply.embeds[0].image_url.as_deref(),
                Some("attachment://salary.png")
            );
            assert_eq!(reply.files[0].description.as_deref(), Some(title));
        }
        // Bytes that carry no text are attached without alt text.
        assert_eq!(image_file("x.png", b"not a png".to_vec()).description, None);
    }

    #[test]
    fn answer_buttons_fit() {
        let rows = answer_buttons("abcdefghij1234567890", Some(99), false, Locale::En);
        assert!(rows.len() <= 5 && rows.iter().all(|r| r.len() <= 5));
        assert!(rows.iter().flatten().all(|b| b.custom_id.len() <= 100));
    }

    #[test]
    fn hidden_answers_show_no_pin_or_dismiss() {
        let ids: Vec<String> = answer_buttons("abc", Some(1), true, Locale::En)
            .into_iter()
            .flatten()
            .map(|b| b.custom_id)
            .collect();
        assert!(
            ids.iter().all(|i| !i.starts_with("pin:")
                && !i.starts_with("dismiss:")
                && !i.starts_with("follow:")),
            "{ids:?}"
        );
        assert!(
            ids.iter().any(|i| i.starts_with("more:")) && ids.iter().any(|i| i.starts_with("up:"))
        );
    }
}
