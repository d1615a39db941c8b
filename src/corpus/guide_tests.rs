//! Tests over whole guides: the guides of `tests/fixtures/careers` and `tests/fixtures/guides`
//! (eight careers, three formats, read with no manifest) are titled from their own text and lose
//! their page furniture but no content, and the shipped seeds lose exactly the lines listed in
//! `tests/fixtures/seeds_boilerplate.txt`.

use std::fs;
use std::path::PathBuf;

use super::*;

fn parse(name: &str, text: &str) -> Guide {
    parse_guide(
        name,
        text.as_bytes(),
        &Manifest::default(),
        crate::answer::fixtures::vocab().careers(),
    )
    .unwrap()
}

const PROSE: &str = "This guide explains what the work involves, what it pays at each level and how to get started.";

#[test]
fn html_title_comes_from_the_title_element_without_the_site_name() {
    let g = parse(
        "g.html",
        &format!(
            "<html><head><title>Welder Career Guide 2026 | WeldWorks</title><meta name=\"author\" content=\"Sam Ortiz\"></head><body><div class=\"cookie-banner\">We use cookies to personalize content. <button>Accept all</button></div><h1>Welder Career Guide 2026</h1><p>{PROSE}</p></body></html>"
        ),
    );
    assert_eq!(g.title, "Welder Career Guide 2026");
    assert_eq!(g.author.as_deref(), Some("Sam Ortiz"));
    // Without <title>, the first <h1>; a cookie banner first never is the title.
    let g = parse(
        "g.html",
        &format!(
            "<body><p>We use cookies to personalize content.</p><h1>Welder Career Guide</h1><p>{PROSE}</p></body>"
        ),
    );
    assert_eq!(g.title, "Welder Career Guide");
}

#[test]
fn an_html_guide_links_to_its_canonical_page_unless_the_manifest_says_otherwise() {
    let page = |head: &str| {
        format!(
            "<html><head><title>Welder Career Guide</title>{head}</head><body><h1>Welder Career Guide</h1><p>{PROSE}</p></body></html>"
        )
    };
    let both = page(
        r#"<meta property="og:url" content="https://og.example/welder"><link rel="canonical" href="https://weldworks.example/guides/welder">"#,
    );
    let g = parse("g.html", &both);
    assert_eq!(
        g.url.as_deref(),
        Some("https://weldworks.example/guides/welder")
    );
    assert!(
        g.passages.iter().all(|p| p.url == g.url),
        "every passage carries it"
    );
    let g = parse(
        "g.html",
        &page(r#"<meta property="og:url" content="https://og.example/welder">"#),
    );
    assert_eq!(g.url.as_deref(), Some("https://og.example/welder"));
    // Only absolute web links: a relative or script canonical is none.
    for bad in [
        r#"<link rel="canonical" href="/guides/welder">"#,
        r#"<link rel="canonical" href="javascript:alert(1)">"#,
    ] {
        assert_eq!(parse("g.html", &page(bad)).url, None, "{bad}");
    }
    // The manifest's link wins.
    let manifest =
        Manifest::parse("[[guide]]\nfile = \"g.html\"\nurl = \"https://listed.example/w\"\n")
            .unwrap();
    let g = parse_guide(
        "g.html",
        both.as_bytes(),
        &manifest,
        crate::answer::fixtures::vocab().careers(),
    )
    .unwrap();
    assert_eq!(g.url.as_deref(), Some("https://listed.example/w"));
    assert_eq!(g.passages[0].url, g.url);
    // A text guide without a manifest link has none.
    assert_eq!(
        parse("g.txt", &format!("Welder Career Guide\n\n{PROSE}\n")).url,
        None
    );
}

#[test]
fn markdown_title_comes_from_front_matter_else_the_first_heading() {
    let g = parse(
        "g.md",
        &format!(
            "---\ntitle: \"Nurse Career Guide: Pay and Licenses\"\nauthor: \"Ana Ruiz\"\n---\n\n# Becoming a Nurse\n\n{PROSE}\n"
        ),
    );
    assert_eq!(g.title, "Nurse Career Guide: Pay and Licenses");
    assert_eq!(g.author.as_deref(), Some("Ana Ruiz"));
    assert!(!g.passages.iter().any(|p| p.text.contains("title:")));
    let g = parse(
        "g.md",
        &format!(
            "[Home](/) › [Careers](/careers/) › Nurse\n\n# Nurse Career Guide\n\n*By **Ana Ruiz** · 5 min read*\n\n{PROSE}\n"
        ),
    );
    assert_eq!(g.title, "Nurse Career Guide");
    assert_eq!(g.author.as_deref(), Some("Ana Ruiz"));
    // The manifest's author wins over the guide's own.
    let m = Manifest::parse("[[guide]]\nfile = \"g.md\"\nauthor = \"Editor\"\n").unwrap();
    let g = parse_guide(
        "g.md",
        format!("---\nauthor: Ana Ruiz\n---\n# Nurse Guide\n\n{PROSE}\n").as_bytes(),
        &m,
        crate::answer::fixtures::vocab().careers(),
    )
    .unwrap();
    assert_eq!(g.author.as_deref(), Some("Editor"));
}

#[test]
fn text_title_skips_seo_metadata_breadcrumbs_bylines_and_dates() {
    let g = parse(
        "g.txt",
        &format!(
            "SEO Title: Welder Guide 2026 | Pay\nMeta Description: Learn to weld.\n\nHome › Careers › Welder\n\nBy Sam Ortiz, Certified Welding Inspector\n\nUpdated March 3, 2026 | 9 min read\n\nHow to Become a Welder in 2026\n\n{PROSE}\n"
        ),
    );
    assert_eq!(g.title, "How to Become a Welder in 2026");
    assert_eq!(g.author.as_deref(), Some("Sam Ortiz"));
    // No title line at all: the SEO title, then the file name.
    let g = parse(
        "g.txt",
        &format!("SEO Title: Welder Guide 2026 | WeldWorks\n{PROSE}\n"),
    );
    assert_eq!(g.title, "Welder Guide 2026");
}

/// A guide that gives itself no title is shown under its file name, but its career comes from
/// its headings before its file name, which may be an id.
#[test]
fn an_untitled_guide_takes_its_career_from_its_headings_before_its_file_name() {
    let g = parse(
        "002_aa806d2299f069f1.txt",
        &format!(
            "Key Takeaways\n- Pay is good.\n{PROSE}\nWhat Does a Backend Developer Do?\n{PROSE}\n"
        ),
    );
    assert_eq!(g.title, "002 aa806d2299f069f1");
    assert_eq!(g.career, "Back-End Developer");
    let g = parse("welder_guide.txt", &format!("{PROSE}\n"));
    assert_eq!(
        (g.title.as_str(), g.career.as_str()),
        ("welder guide", "Welder")
    );
}

/// The guides the fixture tests read: the four shared guides of `tests/fixtures/careers`
/// (electrician, data analyst, product manager, Spanish front-end; their `sources.toml` is not
/// read) and four written for these tests in `tests/fixtures/guides` (see its README).
fn fixture_paths() -> Vec<PathBuf> {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"));
    let mut paths: Vec<PathBuf> = ["careers", "guides"]
        .iter()
        .flat_map(|dir| fs::read_dir(root.join(dir)).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| is_guide_name(&p.file_name().unwrap().to_string_lossy()))
        .collect();
    paths.sort_by_key(|p| p.file_name().map(|n| n.to_os_string()));
    paths
}

/// Eight careers in three formats, two in Spanish, each parsed with no manifest: titles and
/// authors come from the guides themselves.
fn fixtures() -> Corpus {
    let guides = fixture_paths()
        .iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy();
            parse_guide(
                &name,
                &fs::read(path).unwrap(),
                &Manifest::default(),
                crate::answer::fixtures::vocab().careers(),
            )
            .unwrap_or_else(|e| panic!("{name}: {e}"))
        })
        .collect();
    Corpus {
        guides,
        skipped: Vec::new(),
    }
}

#[test]
fn fixture_guides_are_titled_from_their_own_text() {
    let c = fixtures();
    let titles: Vec<(&str, &str, Option<&str>)> = c
        .guides
        .iter()
        .map(|g| (g.source.as_str(), g.title.as_str(), g.author.as_deref()))
        .collect();
    assert_eq!(
        titles,
        vec![
            (
                "contable-guia-es.html",
                "Cómo ser contador público en 2026: estudios, sueldo y carrera",
                Some("Andrés Quintero")
            ),
            (
                "data-analyst-guide.md",
                "Data Analyst Career Guide 2026: Salary, Skills, Roadmap and Interview Prep",
                Some("Priya Raman")
            ),
            (
                "dental-hygienist-guide.txt",
                "Dental Hygienist Career Guide 2026: Education, License and Salary",
                Some("Maria Lopez, RDH")
            ),
            (
                "electrician-career-guide.txt",
                "How to Become an Electrician in 2026: Salary, Licenses, and Career Roadmap",
                Some("Dana Whitfield")
            ),
            (
                "frontend-developer-guide-es.md",
                "Guía de carrera 2026: cómo ser desarrollador frontend",
                Some("Lucía Fernández")
            ),
            (
                "product-manager-guide.html",
                "Product Manager Career Guide 2026: Salary, Skills & Career Path",
                Some("Jordan Ellison")
            ),
            (
                "registered-nurse-guide.html",
                "Registered Nurse Career Guide (2026): Pay, Licensing and Specialties",
                Some("Grace Mbeki")
            ),
            (
                "welder-guide.md",
                "Welder Career Guide: Certifications, Pay and Where the Jobs Are",
                Some("Sam Ortiz")
            ),
        ]
    );
}

#[test]
fn fixture_guides_lose_their_boilerplate() {
    let c = fixtures();
    for p in c.passages() {
        let t = format!("{}\n{}", p.section, p.text).to_lowercase();
        for junk in [
            "home ›",
            "inicio",
            "home /",
            "seo title",
            "meta description",
            "title:",
            "min read",
            "min de lectura",
            "table of contents",
            "](#",
            "![",
            "sponsored",
            "publicidad",
            "weekly newsletter",
            "product ladder newsletter",
            "data career digest",
            "suscríbete",
            "enter your email",
            "unsubscribe",
            "share:",
            "share this",
            "©",
            "leave a reply",
            "your email address will not be published",
            "related articles",
            "artículos relacionados",
            "about the author",
            "we use cookies",
            "sign in",
            "salary explorer",
            "fact-checked",
            "uses cookies",
            "usamos cookies",
            "skip to",
            "on this page",
            "smilecareers",
            "nursehub",
            "finanzashoy",
            "tradeworks",
            "jobs | salaries",
            "[home]",
            "trades / metalwork",
            "salaries/",
            "advertisement",
            "scrubs",
            "night shift newsletter",
            "suscribirme",
            "share on",
            "compartir",
            "facebook",
            "you might also like",
            "related:",
            "pipefitter",
            "about us |",
            "privacy",
            "copyright",
            "derechos reservados",
            "│",
            "┼",
            "───",
        ] {
            assert!(!t.contains(junk), "{junk:?} in {p:#?}");
        }
        assert!(p.text.lines().all(|l| l.trim() != "ADS"), "{p:#?}");
    }
}

#[test]
fn fixture_guides_keep_their_content() {
    let c = fixtures();
    let all: String = c
        .passages()
        .map(|p| format!("{}\n{}\n", p.section, p.text))
        .collect();
    for content in [
        "Plan on four to five years to reach journeyman",
        "AI assistants write queries and summarize charts faster",
        "Not for most roles, but technical fluency and basic SQL",
        "Con estudio constante, entre 6 y 12 meses",
        "Practice the classic SQL patterns",
        "WITH monthly AS (",
        "Apprentice Electrician: $18 – $25 per hour",
        "Desarrollador frontend junior: $65.000–$85.000 al año",
        "Influence without authority",
        "Registered nurses (RNs) assess patients",
        "Explain diagnoses, treatments and discharge instructions to patients",
        "Travel nursing (13-week contracts) | $55 – $85 | $110,000 – $160,000",
        "Certifications such as the CCRN (critical care)",
        "The common processes are stick (SMAW)",
        "| Underwater welder | $55,000 – $95,000 per year |",
        "Certified Welding Inspector (CWI) is the senior credential",
        "Dental hygienists clean teeth, take X-rays",
        "Temp and fill-in work: $45 – $60 per hour",
        "Pay is highest in California, Washington and Alaska",
        "Gerente de contabilidad | 8+ años | $105.000–$140.000",
        "Atención al detalle y ética profesional",
    ] {
        assert!(all.contains(content), "{content:?} missing");
    }
}

/// Regression: the HTML salary table came out in box-drawing characters, cut across three
/// passages, so no passage held the header row with its rows.
#[test]
fn html_salary_table_is_one_passage_with_its_header_row() {
    let c = fixtures();
    let p = c
        .passages()
        .find(|p| {
            p.text
                .lines()
                .any(|l| l.starts_with("Level | Typical experience | Base salary"))
        })
        .expect("the table's header row");
    for row in [
        "Associate Product Manager (APM) | 0–2 years | $85,000 – $120,000 | $110,000 – $170,000",
        "Director of Product | 10+ years | $200,000 – $270,000 | $350,000 – $550,000",
    ] {
        assert!(p.text.lines().any(|l| l == row), "{row:?} not in {p:#?}");
    }
    // Every other table of the fixtures, HTML and Markdown: its header row and its last row in
    // one passage, with the caption when it has one.
    for (header, last) in [
        ("| Level | Typical experience |", "| Lead Data Analyst |"),
        (
            "Setting | Hourly pay | Yearly pay",
            "Travel nursing (13-week contracts) | $55 – $85",
        ),
        ("| Role | Typical pay |", "| Underwater welder |"),
        (
            "Nivel | Experiencia | Sueldo anual (USD)",
            "Gerente de contabilidad | 8+ años",
        ),
    ] {
        let p = c
            .passages()
            .find(|p| p.text.contains(header))
            .unwrap_or_else(|| panic!("{header:?}"));
        assert!(
            p.text.contains(last),
            "{last:?} not with {header:?}: {p:#?}"
        );
    }
    let nurse = c
        .passages()
        .find(|p| p.text.contains("Setting | Hourly pay"))
        .unwrap();
    assert!(
        nurse
            .text
            .contains("Registered nurse pay by setting, United States, 2026")
    );
}

#[test]
fn fixture_code_block_is_whole_and_never_a_heading() {
    let c = fixtures();
    let p = c.passages().find(|p| p.text.contains("```sql")).unwrap();
    assert!(p.text.contains("ORDER BY month;\n```"), "{p:#?}");
    assert!(!c.passages().any(|p| p.section.starts_with("--")));
}

#[test]
fn fixture_passage_lines_are_their_source_lines() {
    for (g, path) in fixtures().guides.iter().zip(fixture_paths()) {
        assert_eq!(path.file_name().unwrap().to_string_lossy(), g.source);
        let file = fs::read_to_string(path).unwrap();
        let lines: Vec<&str> = file.lines().collect();
        for p in &g.passages {
            assert_eq!(p.text.lines().count(), p.line_numbers.len(), "{p:?}");
            for (t, no) in p.text.lines().zip(&p.line_numbers) {
                let line = lines[*no as usize - 1];
                if g.source.ends_with(".html") {
                    // The page's line holds the rendered line's first word (past a list
                    // item's number, which the renderer writes).
                    let word = t
                        .split(|c: char| !c.is_ascii_alphanumeric())
                        .find(|w| w.len() >= 3 && !w.bytes().all(|b| b.is_ascii_digit()));
                    if let Some(word) = word {
                        assert!(line.contains(word), "{}:{no}: {line:?} for {t:?}", g.source);
                    }
                } else {
                    assert_eq!(line.trim(), t);
                }
                assert!(p.start_line <= *no && *no <= p.end_line);
            }
        }
    }
}

fn seeds_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"))
}

/// Every non-blank line the cleaner drops from the shipped seeds, as `file:line: text`.
fn seed_drops() -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(seeds_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for name in names {
        let text = fs::read_to_string(seeds_dir().join(&name)).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let cleaned = clean::clean(&lines);
        for (i, (line, dropped)) in lines.iter().zip(&cleaned.drop).enumerate() {
            if *dropped && !line.trim().is_empty() {
                out.push(format!("{name}:{}: {}", i + 1, line.trim()));
            }
        }
    }
    out
}

/// The shipped seeds are real guide text: the cleaner drops exactly the boilerplate lines the
/// cleaner on main dropped (listed in the fixture), no line of content more, none less.
#[test]
fn seeds_lose_exactly_their_boilerplate() {
    let listed = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seeds_boilerplate.txt"
    ))
    .unwrap();
    let expected: Vec<&str> = listed
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .collect();
    let actual = seed_drops();
    let content_dropped: Vec<&String> = actual
        .iter()
        .filter(|l| !expected.contains(&l.as_str()))
        .collect();
    let boilerplate_kept: Vec<&&str> = expected
        .iter()
        .filter(|l| !actual.iter().any(|a| a == **l))
        .collect();
    assert!(
        content_dropped.is_empty() && boilerplate_kept.is_empty(),
        "content dropped: {content_dropped:#?}\nboilerplate kept: {boilerplate_kept:#?}"
    );
}

/// The seeds split into as many passages as they did on main: tables, code blocks and the new
/// cleaning rules leave plain-text guides without furniture as they were.
#[test]
fn seeds_keep_their_passage_counts() {
    let c = Corpus::load(
        &SeedSource::Dir(seeds_dir()),
        crate::answer::fixtures::vocab().careers(),
    )
    .unwrap();
    let counts: Vec<(&str, usize)> = c
        .guides
        .iter()
        .map(|g| (g.source.as_str(), g.passages.len()))
        .collect();
    assert_eq!(
        counts,
        vec![
            ("000_84c8862ccb5e7127.txt", 15),
            ("001_2be4012d68e4b72e.txt", 34),
            ("002_aa806d2299f069f1.txt", 28),
            ("003_7297c4eb2c1aaf2e.txt", 17),
            ("004_ce589c6dcabf1bae.txt", 24),
        ]
    );
}
