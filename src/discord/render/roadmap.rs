//! `/roadmap` as Discord messages: the overview (a career's timeline image, its stages with their
//! times, the first steps of its learning path) and the parts the select menu ([`menu`]) opens
//! (career progression, learning path, interviews, portfolio).
//!
//! The overview cites the timeline's bars first, in bar order, so the `[n]` drawn on the image
//! are the numbers of its "Sources" list. Every message is built within Discord's limits: its
//! fields share one budget ([`FIELDS_BUDGET`]); a list too long for one field goes on in another;
//! only what is shown is cited, and the sources take the room left.

pub mod menu;

use crate::answer::roadmap::{Citation, Focus, ItemKind, RoadmapAnswer, StepKind};
use crate::answer::timeline::{Timeline, stage_name};
use crate::discord::commands::choice_label;
use crate::discord::markdown::escape_markdown;
use crate::discord::message::{Embed, Field, Reply, limits, truncate};
use crate::i18n::Locale;
use crate::search::IndexMeta;
use crate::tr;
pub use menu::{MenuCareer, MenuTarget, PARTS, menu_id, part_menu, part_of};

use super::{COLOR, Citations, fit_lines, footer, image_file};

/// The timeline's file name, as the overview's embed refers to it.
pub const TIMELINE_FILE: &str = "timeline.png";
/// Learning-path steps the overview shows.
const FIRST_STEPS: usize = 3;
/// Characters of a message's fields together: Discord allows 6,000 for the embed, and the
/// title, description and footer (a few hundred) have the rest.
pub const FIELDS_BUDGET: usize = 5000;
/// Of that, what a part's items may take (the sources have the rest).
const ITEMS_BUDGET: usize = 2600;
/// Characters of an item's text.
const ITEM_CHARS: usize = 180;

/// The titles of the guides cited, for the footer.
fn titles(citations: &Citations) -> Vec<&str> {
    citations.entries.iter().map(|c| c.title.as_str()).collect()
}

/// A field of lines, cut to `max` characters.
fn field(name: impl Into<String>, lines: &[String], max: usize, lang: Locale) -> Field {
    Field {
        name: name.into(),
        value: fit_lines(lines, max, lang),
        inline: false,
    }
}

/// Characters of fields, as Discord counts them.
fn size(fields: &[Field]) -> usize {
    fields
        .iter()
        .map(|f| f.name.chars().count() + f.value.chars().count())
        .sum()
}

/// Room in a field for its lines, keeping some for "… and N more".
const FIELD_ROOM: usize = limits::FIELD_VALUE - 24;

/// Lines packed into fields named `name`, then "`name` (more)", up to `budget` characters in all;
/// `line(i, citations)` makes line `i` (citing what it shows) and is only called for lines that
/// are shown, `cost(i)` says about how long it will be. Lines left out are counted in a last
/// "… and N more".
#[allow(clippy::too_many_arguments)]
fn pack(
    name: &str,
    count: usize,
    citations: &mut Citations,
    budget: usize,
    lang: Locale,
    cost: impl Fn(usize) -> usize,
    mut line: impl FnMut(usize, &mut Citations) -> String,
) -> Vec<Field> {
    let mut fields: Vec<Field> = Vec::new();
    let mut used = 0;
    let mut shown = 0;
    for i in 0..count {
        let probe = cost(i) + 1;
        let fits_last = fields
            .last()
            .is_some_and(|f| f.value.chars().count() + probe <= FIELD_ROOM);
        let name_cost = if fits_last {
            0
        } else {
            name.chars().count() + 7
        };
        if probe > FIELD_ROOM || used + probe + name_cost > budget {
            break;
        }
        let text = line(i, citations);
        if fits_last {
            let f = fields.last_mut().expect("a field");
            f.value.push('\n');
            f.value.push_str(&text);
        } else {
            let name = if fields.is_empty() {
                name.to_string()
            } else {
                tr!(lang, "field-more", name = name)
            };
            fields.push(Field {
                name,
                value: text,
                inline: false,
            });
        }
        used += probe + name_cost;
        shown = i + 1;
    }
    if shown < count
        && let Some(f) = fields.last_mut()
    {
        f.value.push('\n');
        f.value
            .push_str(&tr!(lang, "and-more", count = count - shown));
    }
    fields
}

/// Cited items ("• text [n]") packed into fields (see [`pack`]).
fn item_fields(
    name: &str,
    items: &[(String, &Citation)],
    citations: &mut Citations,
    budget: usize,
    lang: Locale,
) -> Vec<Field> {
    let texts: Vec<String> = items
        .iter()
        .map(|(t, _)| format!("• {}", escape_markdown(&truncate(t, ITEM_CHARS))))
        .collect();
    pack(
        name,
        items.len(),
        citations,
        budget,
        lang,
        |i| texts[i].chars().count() + 6,
        |i, citations| format!("{} [{}]", texts[i], citations.line(items[i].1)),
    )
}

/// The "Sources" fields: every citation line that fits in `budget`.
fn sources_fields(citations: &mut Citations, budget: usize, lang: Locale) -> Vec<Field> {
    let lines = citations.lines();
    pack(
        &tr!(lang, "sources"),
        lines.len(),
        citations,
        budget,
        lang,
        |i| lines[i].chars().count(),
        |i, _| lines[i].clone(),
    )
}

/// What the overview shows.
#[derive(Debug)]
pub struct Overview<'a> {
    /// The career's whole roadmap (every stage, every part).
    pub answer: &'a RoadmapAnswer,
    /// The one stage asked for, in detail, when one was.
    pub stage: Option<&'a RoadmapAnswer>,
    /// The timeline image, when it could be drawn.
    pub png: Option<Vec<u8>>,
    /// The library's other careers with a timeline, when no career was asked for.
    pub others: &'a [String],
    /// The index the answer came from.
    pub meta: &'a IndexMeta,
    /// The member's language.
    pub lang: Locale,
}

/// The overview: the career's timeline, its stages with their times (cited as the image numbers
/// them), the first steps of its learning path, and the part menu.
pub fn overview_reply(o: &Overview<'_>) -> Reply {
    let (answer, lang) = (o.answer, o.lang);
    let career = answer
        .career
        .clone()
        .or_else(|| answer.careers().first().map(|c| (*c).to_string()));
    let mut citations = Citations::default();
    let mut fields = Vec::new();
    let timeline = Timeline::of(answer).ok();
    if let Some(tl) = &timeline {
        let lines: Vec<String> = tl
            .bars
            .iter()
            .map(|b| {
                let n = b.cite.as_ref().map(|c| citations.line(c));
                let level = b.stage.map_or_else(
                    || tr!(lang, "roadmap-before-first-job"),
                    |s| {
                        tr!(
                            lang,
                            "roadmap-bar-stage",
                            id = s.id(),
                            label = choice_label(lang, s)
                        )
                    },
                );
                let cited = n.map(|n| format!(" [{n}]")).unwrap_or_default();
                // Named as the image names it: the guide's words, else the catalogue's.
                let name = b.name(lang);
                format!(
                    "• **{}** ({level}) — {}{cited}",
                    escape_markdown(&truncate(&name, 80)),
                    escape_markdown(&b.time.words(lang))
                )
            })
            .collect();
        fields.push(field(
            tr!(lang, "roadmap-stages"),
            &lines,
            limits::FIELD_VALUE,
            lang,
        ));
    }
    if let Some(detail) = o.stage {
        fields.extend(stage_fields(detail, &mut citations, 700, lang));
    }
    // The first steps of the path.
    let first: Vec<(String, &Citation)> = answer
        .learning_path
        .iter()
        .filter(|s| s.kind == StepKind::Step)
        .take(FIRST_STEPS)
        .map(|s| (s.text.clone(), &s.cite))
        .collect();
    fields.extend(item_fields(
        &tr!(lang, "roadmap-first-steps"),
        &first,
        &mut citations,
        700,
        lang,
    ));
    if !o.others.is_empty() {
        let names: Vec<String> = o.others.iter().map(|c| escape_markdown(c)).collect();
        fields.push(field(
            tr!(lang, "roadmap-others"),
            &[tr!(lang, "roadmap-others-how", careers = names.join(" · "))],
            400,
            lang,
        ));
    }
    let room = FIELDS_BUDGET.saturating_sub(size(&fields));
    fields.extend(sources_fields(&mut citations, room, lang));
    let subject = career.as_deref().map_or_else(
        || tr!(lang, "roadmap-subject"),
        |c| tr!(lang, "roadmap-subject-career", career = escape_markdown(c)),
    );
    let stage = o.stage.and_then(|s| s.stage).or(answer.stage);
    let title = match stage {
        Some(s) => format!("🧭 {subject} — {}", choice_label(lang, s)),
        None => format!("🧭 {subject}"),
    };
    let description = match (&timeline, career.as_deref()) {
        (Some(_), _) => tr!(lang, "roadmap-timeline-about"),
        (None, Some(c)) => tr!(
            lang,
            "roadmap-no-stages-career",
            career = escape_markdown(c)
        ),
        (None, None) => tr!(lang, "roadmap-no-stages"),
    };
    let mut embed = Embed {
        title: Some(title),
        description: Some(description),
        color: Some(COLOR),
        fields,
        footer: Some(footer(o.meta, &titles(&citations), lang)),
        image_url: None,
    };
    let mut files = Vec::new();
    if let Some(png) = &o.png {
        embed.image_url = Some(format!("attachment://{TIMELINE_FILE}"));
        files.push(image_file(TIMELINE_FILE, png.clone()));
    }
    Reply {
        embeds: vec![embed],
        files,
        selects: vec![part_menu(career.as_deref(), stage, None, lang)],
        ..Reply::default()
    }
}

/// A field per stage (its times, its guide's description, the roles named), each cut to
/// `max` characters; with several careers, each saying which.
fn stage_fields(
    answer: &RoadmapAnswer,
    citations: &mut Citations,
    max: usize,
    lang: Locale,
) -> Vec<Field> {
    let several = answer.careers().len() > 1;
    let mut fields = Vec::new();
    for stage in &answer.stages {
        let mut lines = Vec::new();
        for (c, d) in stage.durations() {
            let n = citations.line(&c.cite);
            // A stage several rungs share says whose time each is.
            match c.roles.first().filter(|_| !stage.rungs.is_empty()) {
                Some(role) => lines.push(format!(
                    "⏱ {}: {} [{n}]",
                    escape_markdown(&truncate(role, 80)),
                    d.words(lang)
                )),
                None => lines.push(format!("⏱ {} [{n}]", d.words(lang))),
            }
        }
        if let Some(described) = stage
            .citations
            .iter()
            .find(|c| !c.text.is_empty() && c.duration.is_some() || c.text.len() > 60)
        {
            let n = citations.line(&described.cite);
            lines.push(format!(
                "{} [{n}]",
                escape_markdown(&truncate(&described.text, 240))
            ));
        }
        let mut roles: Vec<&str> = Vec::new();
        for c in stage.citations.iter().filter(|c| c.duration.is_none()) {
            for r in &c.roles {
                if !roles.iter().any(|x| x.eq_ignore_ascii_case(r)) {
                    roles.push(r);
                }
            }
        }
        if !roles.is_empty() {
            let shown: Vec<String> = roles.iter().take(6).map(|r| escape_markdown(r)).collect();
            lines.push(tr!(lang, "roadmap-roles", roles = shown.join(", ")));
        }
        let career = if several {
            format!("{} · ", stage.career)
        } else {
            String::new()
        };
        fields.push(field(
            format!(
                "{career}{} · {}",
                stage_name(stage.stage, &stage.label, lang),
                tr!(lang, "guides-count", count = stage.guides)
            ),
            &lines,
            max,
            lang,
        ));
    }
    fields
}

/// What an interview or portfolio item is, in a word.
fn kind_label(kind: ItemKind, lang: Locale) -> String {
    match kind {
        ItemKind::InterviewFormat => tr!(lang, "item-format"),
        ItemKind::InterviewRound => tr!(lang, "item-round"),
        ItemKind::InterviewEvaluation => tr!(lang, "item-evaluated"),
        ItemKind::InterviewPitfall => tr!(lang, "item-pitfall"),
        ItemKind::InterviewAdvice | ItemKind::PortfolioAdvice => tr!(lang, "item-advice"),
        ItemKind::PortfolioInclude => tr!(lang, "item-include"),
        ItemKind::ExampleProject => tr!(lang, "item-example-project"),
        ItemKind::ResumeTip => tr!(lang, "item-resume"),
    }
}

/// The lists of one part: its items by career (each list named for its career when several
/// share the message), learning paths as steps and tips.
fn part_lists(
    answer: &RoadmapAnswer,
    part: Focus,
    lang: Locale,
) -> Vec<(String, Vec<(String, &Citation)>)> {
    let careers = answer.careers();
    let several = careers.len() > 1;
    let named = |name: &str, career: &str| {
        if several {
            format!("{name} · {career}")
        } else {
            name.to_string()
        }
    };
    let mut lists = Vec::new();
    for career in careers {
        match part {
            Focus::LearningPath => {
                for (kind, name) in [
                    (StepKind::Step, tr!(lang, "roadmap-steps")),
                    (StepKind::Tip, tr!(lang, "roadmap-tips")),
                ] {
                    let items: Vec<(String, &Citation)> = answer
                        .learning_path
                        .iter()
                        .filter(|s| s.kind == kind && s.cite.career == career)
                        .map(|s| (s.text.clone(), &s.cite))
                        .collect();
                    if !items.is_empty() {
                        lists.push((named(&name, career), items));
                    }
                }
            }
            Focus::Interviews | Focus::Portfolio => {
                let all = if part == Focus::Interviews {
                    &answer.interviews
                } else {
                    &answer.portfolio
                };
                let items: Vec<(String, &Citation)> = all
                    .iter()
                    .filter(|i| i.cite.career == career)
                    .map(|i| {
                        let what = match &i.label {
                            Some(l) => format!("{} · {l}", kind_label(i.kind, lang)),
                            None => kind_label(i.kind, lang),
                        };
                        (format!("{what}: {}", i.text), &i.cite)
                    })
                    .collect();
                if !items.is_empty() {
                    lists.push((named(&choice_label(lang, part), career), items));
                }
            }
            Focus::CareerProgression | Focus::All => {}
        }
    }
    lists
}

/// One part of the roadmap (what the menu or the `focus` option asks for), each item cited.
pub fn part_reply(answer: &RoadmapAnswer, part: Focus, meta: &IndexMeta, lang: Locale) -> Reply {
    let (mut embed, mut citations) = part_embed(answer, part, meta, lang);
    let room = FIELDS_BUDGET.saturating_sub(size(&embed.fields));
    let mut sources = sources_fields(&mut citations, room, lang);
    sources.truncate(limits::EMBED_FIELDS.saturating_sub(embed.fields.len()));
    embed.fields.extend(sources);
    Reply::embed(embed)
}

/// [`part_reply`]'s embed without its sources fields, and the citations its `[n]` number.
pub(crate) fn part_embed(
    answer: &RoadmapAnswer,
    part: Focus,
    meta: &IndexMeta,
    lang: Locale,
) -> (Embed, Citations) {
    let mut citations = Citations::default();
    let careers = answer.careers();
    let mut fields = Vec::new();
    match part {
        Focus::CareerProgression | Focus::All => {
            // A field per stage (at most 20, with several careers), and the lateral moves.
            let stages = RoadmapAnswer {
                stages: answer.stages.iter().take(20).cloned().collect(),
                ..answer.clone()
            };
            let wanted = stages.stages.len() + usize::from(!answer.lateral_moves.is_empty());
            let max = (ITEMS_BUDGET / wanted.max(1)).clamp(120, 1000);
            fields.extend(stage_fields(&stages, &mut citations, max, lang));
            if !answer.lateral_moves.is_empty() {
                let moves: Vec<String> = answer
                    .lateral_moves
                    .iter()
                    .map(|m| {
                        let refs: Vec<String> = m
                            .citations
                            .iter()
                            .take(3)
                            .map(|c| format!("[{}]", citations.line(&c.cite)))
                            .collect();
                        format!("{} {}", escape_markdown(&m.track), refs.join(""))
                    })
                    .collect();
                fields.push(field(
                    tr!(lang, "roadmap-lateral"),
                    &[moves.join(" · ")],
                    max,
                    lang,
                ));
            }
        }
        _ => {
            let lists = part_lists(answer, part, lang);
            let share = ITEMS_BUDGET / lists.len().max(1);
            for (name, items) in &lists {
                fields.extend(item_fields(name, items, &mut citations, share, lang));
            }
        }
    }
    let subject = match &answer.career {
        Some(c) => tr!(lang, "roadmap-subject-career", career = escape_markdown(c)),
        None if careers.len() == 1 => {
            tr!(
                lang,
                "roadmap-subject-career",
                career = escape_markdown(careers[0])
            )
        }
        None => tr!(lang, "roadmap-subject"),
    };
    let stage = answer
        .stage
        .map(|s| format!(" · {}", choice_label(lang, s)))
        .unwrap_or_default();
    let description = if fields.is_empty() {
        tr!(lang, "roadmap-part-none")
    } else {
        match part {
            Focus::CareerProgression | Focus::All => tr!(lang, "roadmap-part-progression"),
            Focus::LearningPath => tr!(lang, "roadmap-part-learning"),
            Focus::Interviews => tr!(lang, "roadmap-part-interviews"),
            Focus::Portfolio => tr!(lang, "roadmap-part-portfolio"),
        }
    };
    let embed = Embed {
        title: Some(format!(
            "🧭 {subject} — {}{stage}",
            choice_label(lang, part)
        )),
        description: Some(description),
        color: Some(COLOR),
        fields,
        footer: Some(footer(meta, &titles(&citations), lang)),
        image_url: None,
    };
    (embed, citations)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::roadmap::{Stage, roadmap_answer};

    fn meta() -> IndexMeta {
        IndexMeta {
            fingerprint: "f".into(),
            built_at: 0,
            build_ms: 1,
            passages: 1,
            guides: Vec::new(),
            skipped: Vec::new(),
            files: Vec::new(),
        }
    }

    fn seeds(focus: Focus) -> RoadmapAnswer {
        roadmap_answer(
            crate::answer::fixtures::vocab(),
            &crate::answer::fixtures::all_seed_passages(),
            None,
            focus,
        )
    }

    /// The characters Discord counts towards an embed's 6,000.
    fn size(e: &Embed) -> usize {
        let len = |s: &Option<String>| s.as_ref().map_or(0, |s| s.chars().count());
        len(&e.title)
            + len(&e.description)
            + len(&e.footer)
            + e.fields
                .iter()
                .map(|f| f.name.chars().count() + f.value.chars().count())
                .sum::<usize>()
    }

    #[test]
    fn the_overview_numbers_its_sources_as_the_timeline_does() {
        let answer = seeds(Focus::All);
        let tl = Timeline::of(&answer).unwrap();
        let reply = overview_reply(&Overview {
            answer: &answer,
            stage: None,
            png: Some(b"\x89PNG".to_vec()),
            others: &["Electrician".to_string()],
            meta: &meta(),
            lang: Locale::En,
        });
        let e = &reply.embeds[0];
        assert_eq!(e.image_url.as_deref(), Some("attachment://timeline.png"));
        assert_eq!(reply.files[0].name, TIMELINE_FILE);
        let sources = &e.fields.iter().find(|f| f.name == "Sources").unwrap().value;
        for (i, note) in tl.notes.iter().enumerate() {
            let want = format!("[{}] ", i + 1);
            let line = sources.lines().find(|l| l.starts_with(&want)).unwrap();
            assert!(
                line.contains(&format!("({}:{})", note.source, note.line)),
                "{line}"
            );
        }
        let stages = &e.fields[0];
        assert_eq!(stages.name, "Stages");
        assert_eq!(stages.value.lines().count(), tl.bars.len());
        assert!(e.fields.iter().any(|f| f.name == "First steps"));
        assert!(e.fields.iter().any(|f| f.value.contains("Electrician")));
        // Built within Discord's limits before any cutting.
        assert!(size(e) <= limits::EMBEDS_TOTAL && e.fields.len() <= limits::EMBED_FIELDS);
        assert!(
            e.fields
                .iter()
                .all(|f| f.value.chars().count() <= limits::FIELD_VALUE)
        );
        assert_eq!(reply.selects.len(), 1);
        assert_eq!(reply.selects[0].custom_id, "roadmap:all:Back-End Developer");
    }

    /// Issue 14: the times and stage names the bot words itself — a bar's time, a stage's "⏱"
    /// lines, a stage the guides give no words of their own for — are Spanish for a Spanish
    /// member, in the overview and in the career-progression part (the roadmap card's).
    #[test]
    fn a_spanish_roadmap_says_its_times_and_stages_in_spanish() {
        let dir = tempfile::tempdir().unwrap();
        let engine = crate::engine::fixtures::careers_engine(dir.path());
        let english = ["year", "month", "experience", "qualify", "no time given"];
        // The bot's own time words: a bar's time (after " — ") and a stage's "⏱" lines.
        let times = |reply: &Reply| -> Vec<String> {
            reply.embeds[0]
                .fields
                .iter()
                .flat_map(|f| f.value.lines())
                .filter_map(|l| {
                    l.strip_prefix("⏱ ")
                        .or_else(|| l.starts_with("• **").then(|| l.rsplit(" — ").next())?)
                })
                .map(str::to_string)
                .collect()
        };
        let mut said = [0, 0];
        for career in engine.careers() {
            let answer = engine
                .roadmap(Some(&career.name), None, Focus::All)
                .unwrap()
                .answer;
            for (i, lang) in [Locale::Es, Locale::En].into_iter().enumerate() {
                let overview = overview_reply(&Overview {
                    answer: &answer,
                    stage: None,
                    png: None,
                    others: &[],
                    meta: &meta(),
                    lang,
                });
                let part = part_reply(&answer, Focus::CareerProgression, &meta(), lang);
                for reply in [&overview, &part] {
                    for time in times(reply) {
                        let found = english.iter().any(|w| time.contains(w));
                        if lang == Locale::Es {
                            assert!(!found, "{}: {time}", career.name);
                        }
                        said[i] += usize::from(found);
                    }
                    if lang == Locale::Es {
                        for f in &reply.embeds[0].fields {
                            assert!(
                                Stage::ALL
                                    .iter()
                                    .all(|s| !f.name.starts_with(&format!("{} · ", s.label()))),
                                "{}: {}",
                                career.name,
                                f.name
                            );
                        }
                    }
                }
            }
        }
        // The English answers do say their times in those words: the check above can fail.
        assert!(said[1] > 0, "no English time found: {said:?}");
        assert_eq!(
            stage_name(Stage::Mid, Stage::Mid.label(), Locale::Es),
            choice_label(Locale::Es, Stage::Mid)
        );
        assert_ne!(choice_label(Locale::Es, Stage::Mid), Stage::Mid.label());
        assert_eq!(
            stage_name(Stage::Mid, "Journeyman Electrician", Locale::Es),
            "Journeyman Electrician"
        );
    }

    #[test]
    fn long_lists_go_on_in_more_fields_citing_only_what_is_shown() {
        let cites: Vec<Citation> = (1..=60)
            .map(|line| Citation {
                source: "g.md".into(),
                title: "Guide".into(),
                career: "Welder".into(),
                section: "Tips".into(),
                line,
                start_line: 1,
                end_line: 100,
                url: None,
            })
            .collect();
        let items: Vec<(String, &Citation)> =
            cites.iter().map(|c| ("word ".repeat(30), c)).collect();
        let mut citations = Citations::default();
        let fields = item_fields("Tips", &items, &mut citations, ITEMS_BUDGET, Locale::En);
        assert!(fields.len() >= 2, "{fields:#?}");
        assert_eq!(fields[0].name, "Tips");
        assert_eq!(fields[1].name, "Tips (more)");
        assert!(super::size(&fields) <= ITEMS_BUDGET + 30);
        assert!(
            fields
                .iter()
                .all(|f| f.value.chars().count() <= limits::FIELD_VALUE)
        );
        let last = fields.last().unwrap();
        assert!(last.value.ends_with("more"), "{}", last.value);
        let shown: usize = fields
            .iter()
            .map(|f| f.value.lines().filter(|l| l.starts_with("• ")).count())
            .sum();
        assert!(shown < 60);
        assert_eq!(
            citations.entries.len(),
            shown,
            "only what is shown is cited"
        );
        let sources = sources_fields(&mut citations, 1500, Locale::En);
        assert!(super::size(&sources) <= 1500 + 30);
        assert!(sources[0].value.starts_with("[1] Guide › Tips (g.md:1)"));
    }

    #[test]
    fn each_part_fits_discord_as_built() {
        for part in PARTS {
            let answer = seeds(part);
            let reply = part_reply(&answer, part, &meta(), Locale::En);
            let e = &reply.embeds[0];
            assert!(size(e) <= limits::EMBEDS_TOTAL, "{part:?}: {}", size(e));
            assert!(e.fields.len() <= limits::EMBED_FIELDS, "{part:?}");
            assert!(
                e.fields
                    .iter()
                    .all(|f| f.value.chars().count() <= limits::FIELD_VALUE
                        && f.name.chars().count() <= limits::FIELD_NAME),
                "{part:?}"
            );
            assert!(e.title.as_ref().unwrap().contains(part.label()), "{part:?}");
            assert!(
                e.fields.iter().any(|f| f.name == "Sources"),
                "{part:?}: cited"
            );
        }
        let interviews = part_reply(
            &seeds(Focus::Interviews),
            Focus::Interviews,
            &meta(),
            Locale::En,
        );
        assert!(interviews.embeds[0].fields[0].value.contains("[1]"));
    }
}
