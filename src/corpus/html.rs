//! HTML guides → text. Page furniture is removed from the document tree before conversion:
//! `<head>`, scripts and styles, navigation, footers, forms and images; the site's `<header>`
//! (one outside any article or section, without the page's `<h1>`); an `<aside>` that is not a
//! tip or note box; hidden elements and navigation landmarks; elements whose class or id names
//! furniture (cookie banners, newsletter, share and related boxes, breadcrumbs, ads); and bare
//! runs of links before the first heading (a menu). An element that holds the `<h1>`, the main
//! content or much text is never removed for its class. Links keep their text only. A data table becomes one `cell | cell | cell` line per
//! row, header row first; a code block is fenced with ```` ``` ```` lines so that its lines are
//! never read as headings. html2text renders the rest; citations of an HTML guide count the
//! page's own lines, found for each line of the rendering by `source_lines`.

use std::fmt::Write as _;

use html2text::{Comment, Document, Element, Handle};

use super::title;
use super::words::WORDS;

/// Text is never wrapped: a paragraph is one line, as in the other formats.
const WIDTH: usize = usize::MAX / 4;
/// Longest cell of a data table, in characters; a table with a longer cell lays out a page.
const MAX_CELL_CHARS: usize = 300;
/// An element holding this much text is content, whatever its class says.
const MAX_FURNITURE_CHARS: usize = 1500;
/// Fewest links in a menu.
const MENU_LINKS: usize = 3;

/// Elements that hold the page's content: never furniture, whatever their class says.
const CONTENT_ELEMENTS: &[&str] = &["html", "body", "main", "article"];
/// Elements inside a cell that make a table a page layout rather than data.
const LAYOUT_IN_CELL: &[&str] = &[
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "pre",
    "blockquote",
];
/// Void elements whose text rendering is nothing.
const SILENT_VOID: &[&str] = &[
    "col", "source", "track", "area", "base", "link", "meta", "param",
];
/// ARIA landmarks that are page furniture.
const FURNITURE_ROLES: &[&str] = &["navigation", "banner", "contentinfo", "search"];

/// What an HTML page yields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The page's text, one line per paragraph, list item or table row (renumbered to the
    /// page's own lines by `source_lines` before anything is cited).
    pub text: String,
    /// The `<title>` without the site's name, else the first `<h1>`.
    pub title: Option<String>,
    /// `<meta name="author">`.
    pub author: Option<String>,
    /// Where the page says it lives: its canonical link, else `og:url` (an absolute `http(s)`
    /// link, else none).
    pub url: Option<String>,
}

/// Converts an HTML page to text, furniture removed.
///
/// # Errors
/// A human reason when html2text cannot parse or render the page.
pub fn convert(html: &str) -> Result<Page, String> {
    let config = html2text::config::plain().link_footnotes(false);
    let dom = config
        .parse_html(html.as_bytes())
        .map_err(|e| format!("HTML could not be parsed: {e}"))?;
    let head = Head::read(&dom.document);
    let h1 = find(&dom.document, &|n| is(n, "h1"))
        .map(|n| text_of(&n))
        .filter(|t| !t.is_empty());
    let mut writer = Writer {
        out: String::new(),
        before_heading: true,
    };
    writer.node(&dom.document);
    let text = html2text::config::plain()
        .link_footnotes(false)
        .string_from_read(writer.out.as_bytes(), WIDTH)
        .map_err(|e| format!("HTML could not be converted: {e}"))?;
    let title = head
        .title
        .map(|t| title::without_site_name(&t, head.site.as_deref(), h1.as_deref()))
        .filter(|t| t.split_whitespace().count() >= 2)
        .or(h1);
    Ok(Page {
        text,
        title,
        author: head.author,
        url: head
            .canonical
            .iter()
            .chain(&head.og_url)
            .find_map(|u| super::link::web_link(u).ok()),
    })
}

/// What the page says about itself.
#[derive(Debug, Default)]
struct Head {
    title: Option<String>,
    author: Option<String>,
    /// The site's name (`og:site_name`, `application-name`) or URL (`og:url`, canonical link).
    site: Option<String>,
    /// `<link rel="canonical" href>`.
    canonical: Option<String>,
    /// `<meta property="og:url" content>`.
    og_url: Option<String>,
}

impl Head {
    fn read(document: &Handle) -> Head {
        let mut head = Head::default();
        let mut site_url = None;
        walk(document, &mut |n| {
            let Some(name) = n.element_name() else {
                return;
            };
            match name.as_str() {
                "title" if head.title.is_none() => {
                    head.title = Some(text_of(n)).filter(|t| !t.is_empty());
                }
                "meta" => {
                    let key = attr(n, "name")
                        .or_else(|| attr(n, "property"))
                        .unwrap_or_default()
                        .to_lowercase();
                    let content = attr(n, "content").filter(|c| !c.trim().is_empty());
                    match key.as_str() {
                        "author" => head.author = head.author.take().or(content),
                        "og:site_name" | "application-name" => {
                            head.site = head.site.take().or(content);
                        }
                        "og:url" => {
                            head.og_url = head.og_url.take().or_else(|| content.clone());
                            site_url = site_url.take().or(content);
                        }
                        _ => {}
                    }
                }
                "link" if attr(n, "rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) => {
                    head.canonical = head.canonical.take().or_else(|| attr(n, "href"));
                    site_url = site_url.take().or_else(|| attr(n, "href"));
                }
                _ => {}
            }
        });
        head.site = head.site.or(site_url);
        head
    }
}

/// Writes the kept part of the document as simple HTML (no attributes, links unwrapped, tables
/// flattened, code fenced) for html2text to render.
struct Writer {
    out: String,
    /// No heading has been written yet: a bare run of links here is a menu.
    before_heading: bool,
}

impl Writer {
    fn children(&mut self, node: &Handle) {
        for child in node.children.borrow().iter() {
            self.node(child);
        }
    }

    fn node(&mut self, node: &Handle) {
        match &node.data {
            Element { .. } => self.element(node),
            Document => self.children(node),
            Comment { .. } => {}
            // Text (escaped by the serializer); a doctype serializes as `<!…>` and is skipped.
            _ => {
                let text = serialized(node);
                if !text.starts_with("<!") {
                    self.out.push_str(&text);
                }
            }
        }
    }

    fn element(&mut self, node: &Handle) {
        let name = node.element_name().unwrap_or_default();
        if is_furniture(node, &name, self.before_heading) {
            return;
        }
        if matches!(name.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
            self.before_heading = false;
        }
        match name.as_str() {
            "a" | "html" | "body" => self.children(node),
            "table" => self.table(node),
            "pre" => self.code_block(node),
            "br" | "wbr" => self.out.push_str("<br>"),
            n if SILENT_VOID.contains(&n) => {}
            _ => {
                let start = attr(node, "start").filter(|_| name == "ol");
                match start.and_then(|s| s.trim().parse::<i64>().ok()) {
                    Some(s) => write!(self.out, "<ol start=\"{s}\">"),
                    None => write!(self.out, "<{name}>"),
                }
                .expect("writing to a String");
                self.children(node);
                write!(self.out, "</{name}>").expect("writing to a String");
            }
        }
    }

    /// A data table as one `a | b | c` line per row (caption first, then header rows, body
    /// rows, footer rows); a layout table as its cells, one block each.
    fn table(&mut self, node: &Handle) {
        if !is_data_table(node) {
            self.layout_table(node);
            return;
        }
        let mut caption = None;
        let (mut head, mut body, mut foot) = (Vec::new(), Vec::new(), Vec::new());
        for child in node.children.borrow().iter() {
            match child.element_name().as_deref() {
                Some("caption") => caption = Some(text_of(child)),
                Some("thead") => head.extend(rows(child)),
                Some("tfoot") => foot.extend(rows(child)),
                Some("tbody") => body.extend(rows(child)),
                Some("tr") => body.push(child.clone()),
                _ => {}
            }
        }
        let lines: Vec<String> = head
            .iter()
            .chain(&body)
            .chain(&foot)
            .map(|row| {
                row.children
                    .borrow()
                    .iter()
                    .filter(|c| is(c, "td") || is(c, "th"))
                    .map(|c| text_of(c).replace('|', "\\|"))
                    .collect::<Vec<_>>()
            })
            .filter(|cells| cells.iter().any(|c| !c.is_empty()))
            .map(|cells| escape(&cells.join(" | ")))
            .collect();
        if let Some(c) = caption.filter(|c| !c.is_empty()) {
            write!(self.out, "<p>{}</p>", escape(&c)).expect("writing to a String");
        }
        if !lines.is_empty() {
            write!(self.out, "<p>{}</p>", lines.join("<br>")).expect("writing to a String");
        }
    }

    fn layout_table(&mut self, node: &Handle) {
        for child in node.children.borrow().iter() {
            match child.element_name().as_deref() {
                Some("thead" | "tbody" | "tfoot" | "tr") => self.layout_table(child),
                Some("td" | "th" | "caption") => {
                    self.out.push_str("<div>");
                    self.children(child);
                    self.out.push_str("</div>");
                }
                _ => self.node(child),
            }
        }
    }

    /// A `<pre>` block between ```` ``` ```` fence lines (with its language when its class
    /// names one), its text as is.
    fn code_block(&mut self, node: &Handle) {
        let lang = find(node, &|n| is(n, "code"))
            .and_then(|c| language(&c))
            .or_else(|| language(node))
            .unwrap_or_default();
        let mut text = String::new();
        raw_text(node, &mut text);
        write!(
            self.out,
            "<p>```{}</p><pre>{text}</pre><p>```</p>",
            escape(&lang)
        )
        .expect("writing to a String");
    }
}

/// Whether an element is furniture, by its name, role, visibility, class or id, or (before the
/// first heading) by being nothing but links.
fn is_furniture(node: &Handle, name: &str, before_heading: bool) -> bool {
    if WORDS.html.drop_elements.iter().any(|e| e == name) {
        return true;
    }
    if CONTENT_ELEMENTS.contains(&name) {
        return false;
    }
    match name {
        // The site's header, not an article's or a section's (which holds its heading).
        "header" => {
            return find(node, &|n| is(n, "h1")).is_none()
                && !has_ancestor(node, &["article", "main", "section"]);
        }
        "aside" => return !names_any(node, &WORDS.html.keep_aside_words),
        "figure" => {
            let holds_content = find(node, &|n| {
                n.element_name().is_some_and(|e| {
                    matches!(e.as_str(), "table" | "pre" | "blockquote" | "ul" | "ol")
                })
            });
            return holds_content.is_none();
        }
        _ => {}
    }
    let hidden = attr(node, "hidden").is_some()
        || attr(node, "aria-hidden").is_some_and(|v| v == "true")
        || attr(node, "style").is_some_and(|s| {
            let s: String = s.to_lowercase().split_whitespace().collect();
            s.contains("display:none") || s.contains("visibility:hidden")
        });
    let landmark =
        attr(node, "role").is_some_and(|r| FURNITURE_ROLES.contains(&r.to_lowercase().as_str()));
    let by_name = names_any(node, &WORDS.html.drop_class_words);
    let menu = (before_heading && is_menu(node))
        || (matches!(name, "p" | "div") && is_link_bar(node))
        || (matches!(name, "ul" | "ol") && is_anchor_list(node));
    (hidden || landmark || by_name || menu) && !holds_page_content(node)
}

/// An element that holds the page's heading or main content, or much text, is never furniture.
fn holds_page_content(node: &Handle) -> bool {
    find(node, &|n| {
        n.element_name()
            .is_some_and(|e| matches!(e.as_str(), "h1" | "main" | "article"))
    })
    .is_some()
        || text_of(node).chars().count() > MAX_FURNITURE_CHARS
}

fn has_ancestor(node: &Handle, names: &[&str]) -> bool {
    let mut at = node.get_parent();
    while let Some(n) = at {
        if n.element_name()
            .is_some_and(|e| names.contains(&e.as_str()))
        {
            return true;
        }
        at = n.get_parent();
    }
    false
}

/// Three or more links and no other text but separators: a menu.
fn is_menu(node: &Handle) -> bool {
    let mut links = 0;
    let mut other_text = false;
    fn visit(n: &Handle, in_link: bool, links: &mut usize, other: &mut bool) {
        let is_link = is(n, "a");
        if is_link && !in_link {
            *links += 1;
        }
        if n.element_name().is_none() && !in_link {
            *other |= serialized(n).chars().any(char::is_alphanumeric);
        }
        for c in n.children.borrow().iter() {
            visit(c, in_link || is_link, links, other);
        }
    }
    visit(node, false, &mut links, &mut other_text);
    links >= MENU_LINKS && !other_text
}

/// Characters that may stand between the links of a link bar.
const BAR_SEPARATORS: &[char] = &['|', '·', '•', '/', '-', '–', '—', '»', '›'];

/// A paragraph that is three or more links and nothing but separators between them ("About |
/// Contact | Privacy"): a footer or share bar, wherever it stands.
fn is_link_bar(node: &Handle) -> bool {
    fn visit(n: &Handle, links: &mut usize, other: &mut bool) {
        match &n.data {
            Element { .. } => match n.element_name().as_deref() {
                Some("a") => *links += 1,
                Some(e) if LAYOUT_IN_CELL.contains(&e) || matches!(e, "p" | "div" | "li") => {
                    *other = true;
                }
                _ => n
                    .children
                    .borrow()
                    .iter()
                    .for_each(|c| visit(c, links, other)),
            },
            Comment { .. } | Document => {}
            _ => {
                *other |= unescape(&serialized(n))
                    .chars()
                    .any(|c| !(c.is_whitespace() || BAR_SEPARATORS.contains(&c)));
            }
        }
    }
    let (mut links, mut other) = (0, false);
    for c in node.children.borrow().iter() {
        visit(c, &mut links, &mut other);
    }
    links >= MENU_LINKS && !other
}

/// A list whose every item is one link to an anchor of the page (`<a href="#pay">Pay</a>`): a
/// table of contents.
fn is_anchor_list(node: &Handle) -> bool {
    let items: Vec<Handle> = node
        .children
        .borrow()
        .iter()
        .filter(|c| is(c, "li"))
        .cloned()
        .collect();
    items.len() >= 2
        && items.iter().all(|li| {
            let link = find(li, &|n| is(n, "a"));
            link.is_some_and(|a| {
                attr(&a, "href").is_some_and(|h| h.starts_with('#') && h.len() > 1)
                    && text_of(&a) == text_of(li)
            })
        })
}

/// Whether the element's class or id names one of `words`: a word of six letters or more
/// anywhere in a name ("siteNewsletter", "cookie-banner"), a shorter one as a whole part of a
/// name split at `-` and `_` ("ad" in "ad-slot", not in "header").
fn names_any(node: &Handle, words: &[String]) -> bool {
    let names = [attr(node, "class"), attr(node, "id")];
    names
        .iter()
        .flatten()
        .flat_map(|v| v.split_whitespace())
        .map(str::to_lowercase)
        .any(|name| {
            words.iter().any(|w| {
                (w.len() >= 6 && name.contains(w.as_str()))
                    || name.split(['-', '_']).any(|p| p == w)
            })
        })
}

/// A table of data rather than a page layout: no nested tables, headings, lists or code in its
/// cells, no cell longer than [`MAX_CELL_CHARS`], and not marked as presentation.
fn is_data_table(table: &Handle) -> bool {
    if attr(table, "role").is_some_and(|r| r == "presentation" || r == "none") {
        return false;
    }
    let mut data = true;
    walk_children(table, &mut |n| {
        let Some(name) = n.element_name() else {
            return;
        };
        if LAYOUT_IN_CELL.contains(&name.as_str())
            || (matches!(name.as_str(), "td" | "th") && text_of(n).chars().count() > MAX_CELL_CHARS)
        {
            data = false;
        }
    });
    data
}

/// The `<tr>` children of a table section.
fn rows(section: &Handle) -> Vec<Handle> {
    section
        .children
        .borrow()
        .iter()
        .filter(|c| is(c, "tr"))
        .cloned()
        .collect()
}

/// "language-sql" / "lang-sql" in an element's class → "sql".
fn language(node: &Handle) -> Option<String> {
    attr(node, "class")?.split_whitespace().find_map(|c| {
        c.strip_prefix("language-")
            .or_else(|| c.strip_prefix("lang-"))
            .filter(|l| {
                l.chars()
                    .all(|ch| ch.is_alphanumeric() || "+-#_".contains(ch))
            })
            .map(str::to_string)
    })
}

fn is(node: &Handle, name: &str) -> bool {
    matches!(&node.data, Element { name: n, .. } if &*n.local == name)
}

fn attr(node: &Handle, name: &str) -> Option<String> {
    match &node.data {
        Element { attrs, .. } => attrs
            .borrow()
            .iter()
            .find(|a| &*a.name.local == name)
            .map(|a| a.value.to_string()),
        _ => None,
    }
}

/// Calls `f` on `node` and every node under it, in document order.
fn walk(node: &Handle, f: &mut dyn FnMut(&Handle)) {
    f(node);
    walk_children(node, f);
}

fn walk_children(node: &Handle, f: &mut dyn FnMut(&Handle)) {
    for c in node.children.borrow().iter() {
        walk(c, f);
    }
}

/// The first element under `node` (itself included) for which `pred` holds.
fn find(node: &Handle, pred: &dyn Fn(&Handle) -> bool) -> Option<Handle> {
    if pred(node) {
        return Some(node.clone());
    }
    node.children.borrow().iter().find_map(|c| find(c, pred))
}

/// A text node as HTML (escaped); empty for anything the serializer refuses.
fn serialized(node: &Handle) -> String {
    let mut buf = Vec::new();
    match node.serialize(&mut buf) {
        Ok(()) => String::from_utf8(buf).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// The text under a node (scripts and styles aside), entities decoded, white space collapsed.
fn text_of(node: &Handle) -> String {
    let mut raw = String::new();
    raw_text(node, &mut raw);
    unescape(&raw)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Appends the escaped text under `node`, as it stands.
fn raw_text(node: &Handle, out: &mut String) {
    match &node.data {
        Element { .. } | Document => {
            if node
                .element_name()
                .is_some_and(|n| matches!(n.as_str(), "script" | "style" | "noscript" | "template"))
            {
                return;
            }
            if is(node, "br") {
                out.push('\n');
            }
            for c in node.children.borrow().iter() {
                raw_text(c, out);
            }
        }
        Comment { .. } => {}
        _ => {
            let t = serialized(node);
            if !t.starts_with("<!") {
                out.push_str(&t);
            }
        }
    }
}

/// Undoes the serializer's escaping of text (it escapes `&`, `<`, `>` and no-break spaces).
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(html: &str) -> Vec<String> {
        convert(html)
            .unwrap()
            .text
            .lines()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect()
    }

    const PAGE: &str = r##"<!DOCTYPE html><html><head>
<title>Welder Career Guide 2026: Pay &amp; Certifications | WeldWorks</title>
<meta name="author" content="Sam Ortiz"><style>body{}</style><script>track()</script>
</head><body>
<div class="cookie-banner">We use cookies to improve the site. <button>Accept all</button></div>
<header class="site-header"><a href="/">WeldWorks</a><nav><a href="/a">Jobs</a><a href="/b">Pay</a></nav></header>
<div class="top-links"><a href="/">Home</a> · <a href="/c">Courses</a> · <a href="/d">Community</a></div>
<article>
<p class="breadcrumbs"><a href="/">Home</a> / <a href="/careers">Careers</a> / Welder</p>
<h1>Welder Career Guide 2026: Pay &amp; Certifications</h1>
<p>Welders join metal for <a href="/x">construction</a>, shipbuilding and manufacturing across the country.</p>
<h2>Welder pay by level</h2>
<table><caption>Pay by level, US</caption>
<thead><tr><th>Level</th><th>Experience</th><th>Pay</th></tr></thead>
<tbody><tr><td>Apprentice</td><td>0&ndash;2 years</td><td>$38,000 &ndash; $45,000</td></tr>
<tr><td><strong>Journeyman</strong></td><td>2&ndash;6 years</td><td>$50,000 &ndash; $68,000</td></tr></tbody>
</table>
<aside class="newsletter"><h3>Get the Weld Weekly</h3><form><input type="email"><button>Subscribe</button></form></aside>
<aside class="tip"><p>Tip: keep your certification cards with you on site.</p></aside>
<pre><code class="language-bash"># check your welder's duty cycle
weld --check</code></pre>
<div class="share">Share: <a href="#">X</a> <a href="#">LinkedIn</a></div>
<section class="related-posts"><h2>Related articles</h2><ul><li><a href="/p">Pipefitter Guide</a></li></ul></section>
<figure><img src="/hero.jpg" alt="A welder"><figcaption>Photo: stock</figcaption></figure>
</article>
<footer><p>&copy; 2026 WeldWorks</p></footer>
</body></html>"##;

    #[test]
    fn furniture_is_removed_and_content_kept() {
        let l = lines(PAGE);
        let all = l.join("\n");
        for gone in [
            "cookies",
            "WeldWorks",
            "Jobs",
            "Courses",
            "Careers",
            "Weld Weekly",
            "Subscribe",
            "Share",
            "Related",
            "Pipefitter",
            "Photo",
            "©",
            "track()",
            "body{}",
        ] {
            assert!(!all.contains(gone), "{gone:?} in\n{all}");
        }
        assert_eq!(l[0], "# Welder Career Guide 2026: Pay & Certifications");
        assert!(
            all.contains("Welders join metal for construction, shipbuilding"),
            "{all}"
        );
        assert!(all.contains("Tip: keep your certification cards"), "{all}");
    }

    #[test]
    fn tables_become_one_line_per_row() {
        let l = lines(PAGE);
        let at = l
            .iter()
            .position(|x| x == "Level | Experience | Pay")
            .expect("header row");
        assert_eq!(l[at - 1], "Pay by level, US");
        assert_eq!(l[at + 1], "Apprentice | 0–2 years | $38,000 – $45,000");
        assert_eq!(l[at + 2], "Journeyman | 2–6 years | $50,000 – $68,000");
        assert!(!l.join("\n").contains(['│', '┼', '─']));
    }

    #[test]
    fn code_is_fenced() {
        let l = lines(PAGE);
        let at = l.iter().position(|x| x == "```bash").expect("fence");
        assert_eq!(l[at + 1], "# check your welder's duty cycle");
        assert_eq!(l[at + 2], "weld --check");
        assert_eq!(l[at + 3], "```");
    }

    #[test]
    fn title_and_author_from_the_head() {
        let p = convert(PAGE).unwrap();
        assert_eq!(
            p.title.as_deref(),
            Some("Welder Career Guide 2026: Pay & Certifications")
        );
        assert_eq!(p.author.as_deref(), Some("Sam Ortiz"));
        // No <title>: the first <h1>. A bare site name as <title> is not a title either.
        for html in [
            "<h1>Crane Operator Guide</h1><p>Text.</p>",
            "<title>CraneHub</title><h1>Crane Operator Guide</h1><p>Text.</p>",
        ] {
            assert_eq!(
                convert(html).unwrap().title.as_deref(),
                Some("Crane Operator Guide")
            );
        }
        assert_eq!(convert("<p>Just text.</p>").unwrap().title, None);
    }

    #[test]
    fn link_bars_and_anchor_lists_go_wherever_they_stand() {
        let html = r##"<h1>Nurse Guide</h1><p>Nurses care for patients.</p>
<ul><li><a href="#pay">Pay</a></li><li><a href="#skills">Skills</a></li></ul>
<h2 id="pay">Pay</h2><p>Nurses earn well.</p>
<p><a href="/about">About</a> | <a href="/contact">Contact</a> | <a href="/privacy">Privacy</a></p>
<p>Learn <a href="/a">SQL</a>, <a href="/b">Python</a> and <a href="/c">R</a>.</p>
<p><a href="/a">Excel</a>, <a href="/b">Tableau</a>, <a href="/c">Looker</a></p>
<ul><li><a href="#pay">Pay</a> and overtime rules</li><li><a href="#skills">Skills</a></li></ul>"##;
        let l = lines(html);
        assert_eq!(
            l,
            vec![
                "# Nurse Guide",
                "Nurses care for patients.",
                "## Pay",
                "Nurses earn well.",
                "Learn SQL, Python and R.",
                "Excel, Tableau, Looker",
                "* Pay and overtime rules",
                "* Skills",
            ]
        );
    }

    #[test]
    fn content_that_resembles_furniture_stays() {
        let html = r#"<article class="post tag-newsletter">
<h1>Marketing Careers</h1>
<header><h2>Why marketing</h2></header>
<p>Intro about <a href="/a">SEO</a>, <a href="/b">email</a> and <a href="/c">ads</a> in marketing jobs.</p>
<div class="shared-content"><p>Marketers share results with sales every week.</p></div>
<ul><li><a href="/x">Google Ads certification</a></li><li><a href="/y">HubSpot course</a></li><li><a href="/z">Meta Blueprint</a></li></ul>
<table><tr><td><h3>Layout cell</h3><p>Real content inside a layout table.</p></td><td><p>Second column.</p></td></tr></table>
</article>"#;
        let all = lines(html).join("\n");
        for kept in [
            "Marketing Careers",
            "Intro about SEO, email and ads",
            "Marketers share results",
            "Google Ads certification",
            "Meta Blueprint",
            "Layout cell",
            "Real content inside a layout table.",
            "Second column.",
            "Why marketing",
        ] {
            assert!(all.contains(kept), "{kept:?} missing from\n{all}");
        }
        assert!(!all.contains(" | "), "{all}");
    }
}
