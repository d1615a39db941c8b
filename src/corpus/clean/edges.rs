//! Furniture at the edges of a page, told by where it stands: site menus above the guide (a row
//! of short items, or a list of bare links before the first heading), the site's name and
//! labels above the title line, and footer menus below the last prose.

use once_cell::sync::Lazy;
use regex::Regex;

use super::{is_prose, plain};
use crate::corpus::title;

/// Fewest items in a menu row or list.
const MENU_ITEMS: usize = 4;
/// Fewest links in a Markdown menu list (each item one link).
const MENU_LINKS: usize = 3;
/// Most words, and characters, of one menu item ("Privacy policy", "Sign In").
const MAX_ITEM_WORDS: usize = 3;
const MAX_ITEM_CHARS: usize = 25;
/// Most words of a line above the title that is dropped as the site's name or a label.
const MAX_CHROME_WORDS: usize = 3;
/// Separators between the items of a menu row.
const MENU_SEPARATORS: [char; 3] = ['|', '·', '•'];

/// `- [Jobs](/jobs)`: a list item that is one link to another page (not an anchor of this one).
static LINK_ITEM: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^[-*+•]\s+\[[^\]]+\]\(([^)#][^)]*)\)$").expect("valid regex"));

/// Where the guide's own text starts and ends: `top` is the first line past its top (title,
/// breadcrumbs, byline), `bottom` the first line after its last prose.
#[derive(Debug, Clone, Copy)]
pub(super) struct Edges {
    pub top: usize,
    pub bottom: usize,
}

/// The first line after the last line of prose (the line count when there is none).
pub(super) fn bottom_of_guide(lines: &[&str], code: &[bool], drop: &[bool]) -> usize {
    (0..lines.len())
        .rev()
        .find(|&i| !drop[i] && !code[i] && is_prose(&plain(lines[i])))
        .map_or(lines.len(), |i| i + 1)
}

/// Drops site and footer menus: rows of short items above the guide or below its last prose,
/// and lists of bare links before its first heading.
pub(super) fn drop_menus(lines: &[&str], code: &[bool], edges: Edges, drop: &mut [bool]) {
    let kept = |i: usize| !drop[i] && !code[i] && !lines[i].is_empty();
    let kept_lines: Vec<usize> = (0..lines.len()).filter(|&i| kept(i)).collect();
    for (k, &i) in kept_lines.iter().enumerate() {
        if (i >= edges.top && i < edges.bottom) || !is_menu_row(lines[i]) {
            continue;
        }
        // A row with the same cells as the line before or after it is a row of a table.
        let row_cells = cells(lines[i]);
        let neighbours = [k.checked_sub(1), Some(k + 1)];
        let in_table = neighbours
            .iter()
            .flatten()
            .filter_map(|&n| kept_lines.get(n))
            .any(|&j| cells(lines[j]) == row_cells);
        if !in_table {
            drop[i] = true;
        }
    }
    let first_heading = kept_lines
        .iter()
        .copied()
        .find(|&i| lines[i].starts_with('#'))
        .unwrap_or(lines.len());
    let end = edges.top.min(first_heading);
    let mut run: Vec<usize> = Vec::new();
    for &i in &kept_lines {
        if i < end && LINK_ITEM.is_match(lines[i]) {
            run.push(i);
            continue;
        }
        drop_menu_list(&mut run, drop);
        if i >= end {
            break;
        }
    }
    drop_menu_list(&mut run, drop);
}

/// Drops a run of link items (consecutive kept lines) when it is long enough to be a menu.
fn drop_menu_list(run: &mut Vec<usize>, drop: &mut [bool]) {
    if run.len() >= MENU_LINKS {
        run.iter().for_each(|&i| drop[i] = true);
    }
    run.clear();
}

/// How many `|` / `·` / `•` cells a line has, by its most frequent separator.
fn cells(line: &str) -> usize {
    MENU_SEPARATORS
        .iter()
        .map(|&s| line.matches(s).count())
        .max()
        .unwrap_or(0)
        + 1
}

/// "Jobs | Salaries | Schools | Community | Sign In": four or more short items joined by one
/// separator, none of them a sentence or a figure. Not a Markdown table row (outer pipes).
pub(super) fn is_menu_row(line: &str) -> bool {
    let text = plain(line);
    if text.starts_with('|') || text.ends_with('|') {
        return false;
    }
    MENU_SEPARATORS.iter().any(|&sep| {
        let items: Vec<&str> = text.split(sep).map(str::trim).collect();
        items.len() >= MENU_ITEMS && items.iter().all(|t| is_menu_item(t))
    })
}

fn is_menu_item(text: &str) -> bool {
    !text.is_empty()
        && text.chars().count() <= MAX_ITEM_CHARS
        && text.split_whitespace().count() <= MAX_ITEM_WORDS
        && text.chars().any(char::is_alphabetic)
        && !text.chars().any(|c| c.is_ascii_digit())
        && !text.ends_with(['.', '!', '?', ':', ';', ','])
}

/// Drops what stands above the guide's title line at the top of the page when all of it is too
/// short to be anything but the site's name or labels ("SmileCareers", "Healthcare"). The title
/// line is the first `# ` heading, else the first line that reads like a title; without one, or
/// with a longer line above it, nothing goes.
pub(super) fn drop_above_title(lines: &[&str], code: &[bool], top: usize, drop: &mut [bool]) {
    let kept: Vec<usize> = (0..top.min(lines.len()))
        .filter(|&i| !drop[i] && !code[i] && !lines[i].is_empty())
        .collect();
    let title_line = kept
        .iter()
        .copied()
        .find(|&i| lines[i].starts_with("# "))
        .or_else(|| {
            kept.iter()
                .copied()
                .find(|&i| title::reads_like_title(lines[i]))
        });
    let Some(t) = title_line else {
        return;
    };
    let above: Vec<usize> = kept.iter().copied().take_while(|&i| i < t).collect();
    let chrome = |i: usize| {
        let text = plain(lines[i]);
        !lines[i].starts_with('#')
            && text.split_whitespace().count() <= MAX_CHROME_WORDS
            && !text.ends_with(['.', '!', '?', ':', ';', ','])
    };
    // Only labels above the title: anything longer means the title line was misread.
    if above.iter().all(|&i| chrome(i)) {
        above.iter().for_each(|&i| drop[i] = true);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(text: &str) -> Vec<&str> {
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        let code = vec![false; lines.len()];
        let mut drop = vec![false; lines.len()];
        let edges = Edges {
            top: lines
                .iter()
                .position(|l| is_prose(&plain(l)))
                .unwrap_or(lines.len()),
            bottom: bottom_of_guide(&lines, &code, &drop),
        };
        drop_menus(&lines, &code, edges, &mut drop);
        drop_above_title(&lines, &code, edges.top, &mut drop);
        lines
            .iter()
            .zip(&drop)
            .filter(|(l, d)| !**d && !l.is_empty())
            .map(|(l, _)| *l)
            .collect()
    }

    const PROSE: &str =
        "Welders join metal for construction, shipbuilding and manufacturing across the country.";

    #[test]
    fn menus_at_the_top_and_bottom_go() {
        let text = format!(
            "WeldWorks\nJobs | Salaries | Schools | Community | Sign In\nWelder Career Guide\n{PROSE}\nApprentice · Journeyman · Master · Inspector\n{PROSE}\nAbout Us | Contact | Privacy Policy | Terms of Use"
        );
        assert_eq!(
            kept(&text),
            vec![
                "Welder Career Guide",
                PROSE,
                "Apprentice · Journeyman · Master · Inspector",
                PROSE
            ]
        );
    }

    #[test]
    fn markdown_menu_lists_before_the_first_heading_go() {
        let text = format!(
            "- [Home](/)\n- [Trades](/trades/)\n- [Salaries](/salaries/)\n\n# Welder Guide\n\n{PROSE}\n\n## Resources\n\n- [AWS](https://aws.example)\n- [OSHA](https://osha.example)\n- [NCCER](https://nccer.example)"
        );
        let k = kept(&text);
        assert_eq!(k[0], "# Welder Guide");
        assert_eq!(k.len(), 6, "{k:?}");
    }

    #[test]
    fn tables_sentences_and_figures_are_not_menus() {
        for line in [
            "Level | Experience | Pay | Bonus",
            "| Role | Pay | Hours | Union |",
            "Python | Java | Go",
            "Entry | $40,000 | Mid | $60,000",
            "Plan ahead. | Save money | Study | Apply",
        ] {
            let menu = is_menu_row(line);
            // A lone four-cell row with short words is a menu; with a neighbour row it is a table.
            if line == "Level | Experience | Pay | Bonus" {
                assert!(menu);
                let text = format!("{line}\nApprentice | 0–4 years | $40,000 | none\n{PROSE}");
                assert_eq!(kept(&text).len(), 3);
            } else {
                assert!(!menu, "{line}");
            }
        }
    }

    #[test]
    fn nothing_goes_above_a_guide_without_a_title_line() {
        let text = format!("Key Takeaways\n- Pay is good.\n{PROSE}");
        assert_eq!(kept(&text).len(), 3);
        // A sentence above the first title-like line: that line is no title.
        let text = format!("Guide\nBody text.\nRegister for our webinar\n{PROSE}");
        assert_eq!(kept(&text).len(), 4);
    }
}
