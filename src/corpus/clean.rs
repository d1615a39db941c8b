//! Boilerplate detection: marks the lines of a guide that are not guide content. Front matter,
//! SEO metadata, bylines and dates, breadcrumbs, cookie banners, ads, newsletter and sign-up
//! boxes, share rows, comment forms, copyright lines, images, tables of contents and
//! related-article lists are told apart from content by their shape; where words are needed they
//! come from `boilerplate.toml`. Lines inside fenced code blocks are content and never dropped.

mod boxes;
mod edges;
mod furniture;
mod meta;

use std::collections::HashSet;

use once_cell::sync::Lazy;
use regex::Regex;

use super::front_matter::{self, FrontMatter};
use super::words::{WORDS, alternation, is_one_of, regex_with};
use crate::word_regex::bounded_alternation;

/// What the cleaner found besides the lines to drop.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Cleaned {
    /// `drop[i]` is true when line `i` (0-based) is boilerplate.
    pub drop: Vec<bool>,
    /// The author named in a byline ("by Jane Doe") or the front matter, if any.
    pub author: Option<String>,
    /// The front matter at the top of the guide, if any (its lines are dropped).
    pub front_matter: Option<FrontMatter>,
}

/// An image's file name standing alone ("1759909561_12706__row-18.webp").
static IMAGE_FILE: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"(?i)^\S+\.(?:webp|png|jpe?g|gif|svg|avif)$").expect("valid regex"));

/// "Meta Description: …", "URL Slug:": metadata written for search engines.
static SEO_LINE: Lazy<Regex> = Lazy::new(|| regex_with(r"^{}\s*:", &WORDS.seo_labels));

/// A line that starts a sign-up form: "Register for our (free) webinar", "Enter your email".
static FORM_START: Lazy<Regex> = Lazy::new(|| {
    let form = &WORDS.signup.form;
    let objects: Vec<&str> = form.objects.iter().map(String::as_str).collect();
    Regex::new(&format!(
        r"(?i)^{}\s+(?:\S+\s+)?{}|{}",
        alternation(&form.starts),
        bounded_alternation(&objects, false, true),
        alternation(&form.calls)
    ))
    .expect("word lists make valid regexes")
});

/// Words of sign-up forms; a block whose lines are full of them is not guide content.
static FORM_WORDS: Lazy<Regex> = Lazy::new(|| regex_with(r"\b{}", &WORDS.signup.form.words));

/// A heading after which the rest of the page (or of its Markdown section) is links to other
/// articles.
static RELATED_START: Lazy<Regex> = Lazy::new(|| regex_with(r"^{}\s*:?$", &WORDS.related_headings));

static TOC_LABEL: Lazy<Regex> = Lazy::new(|| regex_with(r"^{}\s*:?$", &WORDS.toc_labels));

static SLUG: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^[a-z0-9]+(-[a-z0-9]+)+/?$").expect("valid regex"));

static MD_LINK: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"!?\[([^\]]*)\]\([^)]*\)").expect("valid regex"));

/// A line of prose at least this long (that ends like a sentence) ends the top of a guide, where
/// its title, byline and breadcrumbs stand.
const PROSE_CHARS: usize = 60;
/// The top of a guide is at most this many kept lines.
const TOP_LINES: usize = 15;
/// Most entries, and longest entry, of a table of contents under a label.
const MAX_TOC_ENTRIES: usize = 40;
const MAX_TOC_ENTRY_CHARS: usize = 100;

/// A line as read, for matching: without blockquote and heading marks, emphasis (`**`, `*`,
/// `__`), link targets (`[text](url)` → `text`) and leading symbols (emoji); `©` stays.
pub(super) fn plain(line: &str) -> String {
    let mut t = line.trim();
    loop {
        let before = t;
        t = t.trim_start_matches('>').trim_start();
        t = t.trim_start_matches('#').trim_start();
        if t == before {
            break;
        }
    }
    let t = MD_LINK.replace_all(t, "$1");
    let t = t.replace("**", "").replace("__", "").replace('*', "");
    let t = t
        .trim()
        .trim_start_matches(|c: char| !(c.is_alphanumeric() || "©(\"'¿¡$€£".contains(c)))
        .trim_matches('_')
        .trim();
    t.to_string()
}

/// Whether a line's text (read with [`plain`]) is prose: long enough, and ends like a sentence.
pub(super) fn is_prose(text: &str) -> bool {
    text.chars().count() >= PROSE_CHARS && text.ends_with(['.', '!', '?', '"', '”'])
}

/// Which lines are inside fenced code blocks (fences included).
pub(crate) fn code_lines(lines: &[&str]) -> Vec<bool> {
    let mut code = vec![false; lines.len()];
    let mut fence: Option<&str> = None;
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        match fence {
            Some(f) => {
                code[i] = true;
                if t.starts_with(f)
                    && t.trim_start_matches(f.chars().next().unwrap_or('`'))
                        .trim()
                        .is_empty()
                {
                    fence = None;
                }
            }
            None => {
                if t.starts_with("```") || (t.starts_with("~~~") && !underlines(lines, i)) {
                    code[i] = true;
                    fence = Some(&t[..3]);
                }
            }
        }
    }
    code
}

/// Whether line `i`, a run of tildes, underlines the line above as a heading (plain text's
/// habit: "HOW TO GET INTO IT" over as many tildes) rather than opening a fenced code block: it
/// is tildes only, and at least as long as the line of text right above it.
fn underlines(lines: &[&str], i: usize) -> bool {
    let rule = lines[i].trim();
    let Some(above) = i.checked_sub(1).map(|j| lines[j].trim()) else {
        return false;
    };
    rule.chars().all(|c| c == '~')
        && !above.is_empty()
        && above.chars().any(char::is_alphabetic)
        && rule.chars().count() >= above.chars().count()
}

/// Marks boilerplate lines of a guide.
pub fn clean(lines: &[&str]) -> Cleaned {
    let mut drop = vec![false; lines.len()];
    let trimmed: Vec<&str> = lines.iter().map(|l| l.trim()).collect();
    let code = code_lines(&trimmed);

    let front_matter = front_matter::parse(lines);
    if let Some(f) = &front_matter {
        drop[..f.lines].iter_mut().for_each(|d| *d = true);
    }

    for (i, line) in trimmed.iter().enumerate() {
        if code[i] || drop[i] {
            continue;
        }
        // A Markdown-decorated line ("## Table of contents", "**Tags:** …") is read without its marks.
        let decorated = line.starts_with(['#', '>', '*', '_']);
        if is_junk_line(line) || (decorated && is_junk_line(&plain(line))) {
            drop[i] = true;
            // "URL Slug:" with its value on the next line.
            if SEO_LINE.is_match(&plain(line))
                && line.ends_with(':')
                && let Some(j) = next_content(&trimmed, i + 1)
                && SLUG.is_match(trimmed[j])
            {
                drop[j] = true;
            }
        }
    }
    furniture::drop_lines(&trimmed, &code, &mut drop);

    let top = top_of_guide(&trimmed, &code, &drop);
    for (i, line) in trimmed.iter().enumerate() {
        if !drop[i] && !code[i] && !line.is_empty() && furniture::is_breadcrumb(line, i < top) {
            drop[i] = true;
        }
    }
    let byline = meta::drop_meta_lines(&trimmed, top, &code, &mut drop);
    let bottom = edges::bottom_of_guide(&trimmed, &code, &drop);
    edges::drop_menus(&trimmed, &code, edges::Edges { top, bottom }, &mut drop);
    edges::drop_above_title(&trimmed, &code, top, &mut drop);
    boxes::drop_signup_boxes(&trimmed, &code, &mut drop);
    drop_tail_blocks(&trimmed, &code, &mut drop);
    drop_table_of_contents(&trimmed, &mut drop);
    drop_labelled_contents(&trimmed, &code, &mut drop);
    boxes::drop_anchor_lists(&trimmed, &code, &mut drop);
    boxes::drop_emptied_headings(&trimmed, &code, &mut drop);
    let author = front_matter
        .as_ref()
        .and_then(|f| f.author.clone())
        .or(byline);
    Cleaned {
        drop,
        author,
        front_matter,
    }
}

/// A line that is furniture by itself: an image file name, an SEO metadata line, a placeholder
/// ("Loading…"), or a lone contents label.
fn is_junk_line(line: &str) -> bool {
    let bare = line.trim_end_matches(['.', '…', ':', ' ']);
    IMAGE_FILE.is_match(line)
        || SEO_LINE.is_match(line)
        || [&WORDS.placeholders, &WORDS.toc_labels]
            .iter()
            .any(|list| is_one_of(bare, list))
}

fn next_content(lines: &[&str], from: usize) -> Option<usize> {
    (from..lines.len()).find(|&j| !lines[j].is_empty())
}

/// The top of a guide, where its title, breadcrumbs and byline stand: the lines before its
/// first prose that is not itself a byline, and at most [`TOP_LINES`] kept lines. Returns the
/// index of the first line past it.
fn top_of_guide(lines: &[&str], code: &[bool], drop: &[bool]) -> usize {
    let mut seen = 0;
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() || drop[i] {
            continue;
        }
        seen += 1;
        let prose = is_prose(&plain(line));
        if code[i] || seen > TOP_LINES || (prose && meta::meta_line(line).is_none()) {
            return i;
        }
    }
    lines.len()
}

/// Sign-up blocks and related-article lists that run to the end of the page. A related-article
/// heading in Markdown ends at the next heading of its level or above.
fn drop_tail_blocks(lines: &[&str], code: &[bool], drop: &mut [bool]) {
    for i in 0..lines.len() {
        if drop[i] || code[i] || lines[i].is_empty() {
            continue;
        }
        if RELATED_START.is_match(&plain(lines[i])) {
            let end = boxes::heading_level(lines[i])
                .and_then(|level| {
                    (i + 1..lines.len()).find(|&j| {
                        !code[j] && boxes::heading_level(lines[j]).is_some_and(|l| l <= level)
                    })
                })
                .unwrap_or(lines.len());
            drop[i..end].iter_mut().for_each(|d| *d = true);
            // A "References" heading left with nothing under it.
            if let Some(j) = (0..i).rev().find(|&j| !lines[j].is_empty() && !drop[j])
                && is_one_of(&plain(lines[j]), &WORDS.reference_headings)
            {
                drop[j] = true;
            }
            if end == lines.len() {
                return;
            }
            continue;
        }
        if FORM_START.is_match(lines[i]) {
            let rest: Vec<&str> = lines[i..]
                .iter()
                .copied()
                .filter(|l| !l.is_empty())
                .collect();
            let junky = rest.iter().filter(|l| FORM_WORDS.is_match(l)).count();
            if junky * 10 >= rest.len() * 3 {
                drop[i..].iter_mut().for_each(|d| *d = true);
                return;
            }
            drop[i] = true;
        }
    }
}

/// A run of three or more lines that each repeat a later heading is a table of contents.
fn drop_table_of_contents(lines: &[&str], drop: &mut [bool]) {
    let normalised: Vec<String> = lines.iter().map(|l| toc_key(l)).collect();
    let mut later: HashSet<&str> = HashSet::new();
    let mut repeats_later = vec![false; lines.len()];
    for i in (0..lines.len()).rev() {
        if normalised[i].is_empty() {
            continue;
        }
        repeats_later[i] = later.contains(normalised[i].as_str());
        later.insert(&normalised[i]);
    }
    let mut i = 0;
    while i < lines.len() {
        if !repeats_later[i] {
            i += 1;
            continue;
        }
        let start = i;
        let mut entries = Vec::new();
        while i < lines.len() && (repeats_later[i] || lines[i].is_empty()) {
            if repeats_later[i] {
                entries.push(i);
            }
            i += 1;
        }
        if entries.len() >= 3 {
            for &e in &entries {
                drop[e] = true;
            }
        } else {
            i = start + 1;
        }
    }
}

fn toc_key(line: &str) -> String {
    let l = loose_toc_key(line);
    if l.len() < 8 { String::new() } else { l }
}

/// A line without its bullet, heading marks or number, lower case: "2. Salary" and "## Salary"
/// → "salary".
fn loose_toc_key(line: &str) -> String {
    let l = line.trim_start_matches(['-', '*', '•', '#', ' ', '\t']);
    let l = l.trim_start_matches(|c: char| c.is_ascii_digit());
    let l = l.trim_start_matches(['.', ')', ' ']);
    l.trim().to_lowercase()
}

/// A list right under a "Table of Contents" label whose items each repeat a later line is a
/// table of contents even when its items are short ("2. Salary"); the label goes with it.
fn drop_labelled_contents(lines: &[&str], code: &[bool], drop: &mut [bool]) {
    let keys: Vec<String> = lines.iter().map(|l| loose_toc_key(l)).collect();
    for i in 0..lines.len() {
        if code[i] || lines[i].is_empty() || !TOC_LABEL.is_match(&plain(lines[i])) {
            continue;
        }
        let items: Vec<usize> = (i + 1..lines.len())
            .filter(|&j| !lines[j].is_empty())
            .take_while(|&j| {
                !code[j] && !drop[j] && (3..=MAX_TOC_ENTRY_CHARS).contains(&keys[j].chars().count())
            })
            .take(MAX_TOC_ENTRIES)
            .collect();
        // The longest run of items from the top that each come back after the run.
        let mut n = items.len();
        while n >= 2 {
            let after = &keys[items[n - 1] + 1..];
            if items[..n].iter().all(|&j| after.contains(&keys[j])) {
                break;
            }
            n -= 1;
        }
        if n >= 2 {
            drop[i] = true;
            for &j in &items[..n] {
                drop[j] = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(text: &str) -> Vec<&str> {
        let lines: Vec<&str> = text.lines().collect();
        let c = clean(&lines);
        lines
            .iter()
            .zip(&c.drop)
            .filter(|(l, d)| !**d && !l.trim().is_empty())
            .map(|(l, _)| *l)
            .collect()
    }

    #[test]
    fn drops_single_junk_lines() {
        let text = "Title\n\nADS\n\nGood text here.\n1759909561_12706__18__row.webp\nLoading...\nLoading_icon\nLeave a Reply\nTable of contents\n| Reading Time: 3 minutes";
        assert_eq!(kept(text), vec!["Title", "Good text here."]);
    }

    #[test]
    fn drops_seo_metadata_and_slug() {
        let text = "SEO Title: X | Y\nMeta Description: Learn it.\nURL Slug:\nback-end-developer-career-guide\nFocus Keyword: Back-End\nReal Title\nBody.";
        assert_eq!(kept(text), vec!["Real Title", "Body."]);
    }

    #[test]
    fn drops_signup_block_to_the_end() {
        let text = "Guide\nBody text.\nRegister for our webinar\nUplevel your career\nLoading...\n1 Enter details\nSelect a Date\nTime slots\nTime Zone:\nJoin 25,000+ tech professionals";
        assert_eq!(kept(text), vec!["Guide", "Body text."]);
    }

    #[test]
    fn drops_related_articles_and_empty_references() {
        let text =
            "Guide\nBody.\nReferences\nRelated Articles\nSome Other Article thumbnail\nby Someone";
        assert_eq!(kept(text), vec!["Guide", "Body."]);
    }

    #[test]
    fn drops_byline_and_finds_author() {
        let text = "How to Become X\n\nJane Doe, PhD\n\nby Jane Doe, PhD\n\nCo-Founder and Chief Data Scientist\n\nChoosing a career as X is a smart move in today's world, and this guide shows the way forward for you.";
        let lines: Vec<&str> = text.lines().collect();
        let c = clean(&lines);
        assert_eq!(c.author.as_deref(), Some("Jane Doe, PhD"));
        assert_eq!(kept(text).len(), 2);
    }

    #[test]
    fn prose_starting_with_by_is_kept() {
        let text = "Guide\nby 2026, demand will grow a lot.";
        assert_eq!(kept(text).len(), 2);
    }

    #[test]
    fn drops_table_of_contents() {
        let text = "Intro line.\n- What Does a Backend Developer Do?\n- Technical Skills Required\n- Essential Soft Skills\nWhat Does a Backend Developer Do?\nText.\nTechnical Skills Required\nText.\nEssential Soft Skills\nText.";
        let k = kept(text);
        assert_eq!(k.len(), 7, "{k:?}");
        assert!(!k.iter().any(|l| l.starts_with("- ")));
    }

    #[test]
    fn short_entries_under_a_contents_label_are_a_table_of_contents() {
        let text = "Guide\nIn this article\n1. Pay\n2. Skills\n3. Outlook\nIntro prose here.\n1. Pay\nText.\n2. Skills\nText.\n3. Outlook\nText.";
        assert_eq!(kept(text).len(), 8);
        // Without the label, short repeats are content (a list mentioned twice).
        let text = "Guide\n1. Pay\n2. Skills\n3. Outlook\nIntro prose here.\n1. Pay\n2. Skills\n3. Outlook";
        assert_eq!(kept(text).len(), 8);
    }

    #[test]
    fn two_repeats_are_not_a_table_of_contents() {
        let text = "Python basics\nJava basics\nPython basics\nJava basics";
        assert_eq!(kept(text).len(), 4);
    }

    #[test]
    fn front_matter_is_dropped_and_names_the_author() {
        let text = "---\ntitle: \"Nurse Guide\"\nauthor: Ana Ruiz\ntags: [a, b]\n---\n\n# Nurse Guide\n\nBody.";
        let lines: Vec<&str> = text.lines().collect();
        let c = clean(&lines);
        assert_eq!(c.author.as_deref(), Some("Ana Ruiz"));
        assert_eq!(
            c.front_matter.unwrap().title.as_deref(),
            Some("Nurse Guide")
        );
        assert_eq!(kept(text), vec!["# Nurse Guide", "Body."]);
    }

    #[test]
    fn markdown_page_furniture_goes() {
        let text = "[Home](/) › [Careers](/careers/) › Nurse\n\n# Nurse Guide\n\n*By **Ana Ruiz**, RN Educator · Updated March 3, 2026 · 8 min read*\n\n![A nurse](/img/nurse.jpg)\n\n> **Sponsored** · Learn anatomy fast. [Try it →](https://ads.example/x)\n\nNurses care for patients in hospitals, clinics and homes, and they are in demand everywhere.\n\n## Table of contents\n\n1. [Pay](#pay)\n2. [Skills](#skills)\n\n## Pay\n\nNurses earn $80,000.\n\n> 📬 **Nurse Notes** — one email every Friday. [Subscribe free](/newsletter) · 20,000 readers\n\n---\n\n**Share:** [LinkedIn](#) · [X](#) · [Email](#)\n\n## Related articles\n\n- [Midwife Guide](/midwife)\n\n*About the author: Ana teaches nursing.*\n\n© 2026 NurseSite · [Privacy](/privacy)";
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(clean(&lines).author.as_deref(), Some("Ana Ruiz"));
        assert_eq!(
            kept(text),
            vec![
                "# Nurse Guide",
                "Nurses care for patients in hospitals, clinics and homes, and they are in demand everywhere.",
                "## Pay",
                "Nurses earn $80,000.",
            ]
        );
    }

    #[test]
    fn spanish_furniture_goes() {
        let text = "[Inicio](/) › [Carreras](/carreras/) › Enfermera\n\n# Guía de enfermería\n\n*Por **Ana Ruiz** · Actualizado el 8 de enero de 2026 · 6 min de lectura*\n\n> **Publicidad** · Aprende anatomía. [Empieza →](https://anuncios.example)\n\nLas enfermeras cuidan de los pacientes en hospitales y clínicas de todo el país.\n\n📩 **Suscríbete a nuestro boletín** y recibe ofertas cada semana. [Suscribirme](/boletin)\n\n## Artículos relacionados\n\n- [Matrona](/matrona)\n\n© 2026 Sitio · [Privacidad](/privacidad)";
        assert_eq!(
            kept(text),
            vec![
                "# Guía de enfermería",
                "Las enfermeras cuidan de los pacientes en hospitales y clínicas de todo el país.",
            ]
        );
    }

    #[test]
    fn related_section_in_markdown_ends_at_the_next_heading_of_its_level() {
        let text = "# Guide\nBody.\n## Related articles\n- [Other](/other)\n### More\n- [Another](/another)\n## FAQ\nAnswer.";
        assert_eq!(kept(text), vec!["# Guide", "Body.", "## FAQ", "Answer."]);
    }

    #[test]
    fn code_block_lines_are_never_boilerplate() {
        let text = "Guide\nBody.\n```text\nADS\n© 2026 Example\nShare: x\n## Related articles\n```\nMore body.";
        assert_eq!(kept(text).len(), 9);
    }

    #[test]
    fn chevron_trails_are_breadcrumbs_at_the_top_only() {
        let text = "Careers › Trades › Welder\nWelder Guide\nWelders join metal for construction and shipbuilding across the whole country.\nJunior › Mid › Senior\nEach step takes about three years.";
        assert_eq!(
            kept(text),
            vec![
                "Welder Guide",
                "Welders join metal for construction and shipbuilding across the whole country.",
                "Junior › Mid › Senior",
                "Each step takes about three years."
            ]
        );
    }

    #[test]
    fn bylines_below_the_top_are_content() {
        let text = "Welder Guide\nWelders join metal for construction and shipbuilding across the whole country.\nBy Jane Doe, Senior Editor\nUpdated March 3, 2026 · 9 min read";
        let lines: Vec<&str> = text.lines().collect();
        let c = clean(&lines);
        assert_eq!(c.author, None);
        // The byline stays; a dated line is furniture wherever it stands, a bare date is not.
        assert_eq!(kept(text).len(), 3);
        let text = "Welder Guide\nWelders join metal for construction and shipbuilding across the whole country.\nMarch 2026\nThe new code takes effect.";
        assert_eq!(kept(text).len(), 4);
    }

    /// Regression (issue 14, ninth probe: a plain-text guide underlined its headings with
    /// tildes, and the first underline opened a "code block" that swallowed the guide). A run of
    /// tildes at least as long as the line of text above it underlines it; a shorter one after
    /// a line, or one after a blank line, still opens a fence.
    #[test]
    fn tildes_under_a_heading_underline_it_and_a_short_run_is_a_fence() {
        let lines = [
            "HOW TO GET INTO IT",
            "~~~~~~~~~~~~~~~~~~",
            "Start as a funeral assistant.",
            "Example:",
            "~~~",
            "code",
            "~~~",
            "",
            "~~~~~~~~~~",
            "more code",
            "~~~~~~~~~~",
        ];
        assert_eq!(
            code_lines(&lines),
            [
                false, false, false, false, true, true, true, false, true, true, true
            ]
        );
    }
}
