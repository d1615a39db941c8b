//! Plain-text layout read as Markdown reads it: a space-aligned table (a header over one run of
//! dashes per column, rows under it) becomes `a | b` rows, as an HTML table does, and a line
//! underlined with `===` or `---` is a heading.

/// Fewest dashes in a column's run under a space-aligned table's header (or in an underline).
const MIN_RULE: usize = 3;

/// The runs of a space-aligned table's rule line ("-----  -------"): each run's first and
/// last-plus-one character, in characters of the trimmed line; `None` for any other line, or a
/// line of one run (a horizontal rule, an underline).
fn rule_runs(line: &str) -> Option<Vec<(usize, usize)>> {
    let t = line.trim();
    if t.is_empty() || !t.chars().all(|c| c == '-' || c == ' ') {
        return None;
    }
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in t.chars().chain(std::iter::once(' ')).enumerate() {
        match (c, start) {
            ('-', None) => start = Some(i),
            (' ', Some(s)) => {
                runs.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    (runs.len() >= 2 && runs.iter().all(|(s, e)| e - s >= MIN_RULE)).then_some(runs)
}

/// The cells of a line of a space-aligned table with `columns` columns: its text cut at runs of
/// two or more spaces when that gives the columns; else cut where the rule's runs start (in
/// characters of the line trimmed as the rule was), each cut moved back to the start of a word
/// it falls inside. `None` for a line with no words in any cell.
fn aligned_cells(line: &str, indent: usize, runs: &[(usize, usize)]) -> Option<Vec<String>> {
    let t = line.trim();
    let by_gaps: Vec<&str> = t
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    if by_gaps.len() == runs.len() {
        return Some(by_gaps.into_iter().map(String::from).collect());
    }
    let own_indent = line.chars().take_while(|c| c.is_whitespace()).count();
    let chars: Vec<char> = line.chars().skip(own_indent).collect();
    let shift = own_indent as isize - indent as isize;
    let mut cuts: Vec<usize> = runs
        .iter()
        .skip(1)
        .map(|(s, _)| (*s as isize - shift).clamp(0, chars.len() as isize) as usize)
        .map(|mut at| {
            while at > 0 && at < chars.len() && !chars[at - 1].is_whitespace() {
                at -= 1;
            }
            at
        })
        .collect();
    cuts.insert(0, 0);
    cuts.push(chars.len());
    let cells: Vec<String> = cuts
        .windows(2)
        .map(|w| {
            chars[w[0]..w[1].max(w[0])]
                .iter()
                .collect::<String>()
                .trim()
                .to_string()
        })
        .collect();
    cells.iter().any(|c| !c.is_empty()).then_some(cells)
}

/// The lines of space-aligned tables rewritten as `a | b` rows (the rule as `--- | ---`), by
/// line; `None` for a line left as it is. A table is a header line of two or more cells right
/// above a rule line of two or more runs, and the lines under the rule up to a blank line or another rule; a line of
/// a fenced code block (`code`) is never one.
pub fn pipe_rows(lines: &[&str], code: &[bool]) -> Vec<Option<String>> {
    let mut out: Vec<Option<String>> = vec![None; lines.len()];
    let mut i = 1;
    while i < lines.len() {
        let Some(runs) = (!code[i] && !code[i - 1])
            .then(|| rule_runs(lines[i]))
            .flatten()
        else {
            i += 1;
            continue;
        };
        let indent = lines[i].chars().take_while(|c| c.is_whitespace()).count();
        let Some(header) = aligned_cells(lines[i - 1], indent, &runs)
            .filter(|cells| cells.iter().filter(|c| !c.is_empty()).count() >= 2)
        else {
            i += 1;
            continue;
        };
        out[i - 1] = Some(header.join(" | "));
        out[i] = Some(vec!["---"; runs.len()].join(" | "));
        let mut j = i + 1;
        while j < lines.len() && !code[j] && !lines[j].trim().is_empty() {
            if lines[j].trim().chars().all(|c| c == '-' || c == ' ') {
                break;
            }
            match aligned_cells(lines[j], indent, &runs) {
                Some(cells) => out[j] = Some(cells.join(" | ")),
                None => break,
            }
            j += 1;
        }
        i = j.max(i + 1);
    }
    out
}

/// The characters a heading may be underlined with: Markdown's `=` and `-`, and those plain
/// text (reStructuredText's habit) also uses that are no Markdown horizontal rule (`***` and
/// `___` are).
const UNDERLINES: [char; 5] = ['=', '-', '~', '^', '+'];

/// Which lines are underlined as headings: a short line of words right above a line of one of
/// [`UNDERLINES`] repeated (at least [`MIN_RULE`] times), neither in a fenced code block.
pub fn underlined(lines: &[&str], code: &[bool]) -> Vec<bool> {
    let mut out = vec![false; lines.len()];
    for i in 0..lines.len().saturating_sub(1) {
        let rule = lines[i + 1].trim();
        let is_rule = rule.chars().count() >= MIN_RULE
            && UNDERLINES.iter().any(|u| rule.chars().all(|c| c == *u));
        let text = lines[i].trim();
        out[i] = is_rule
            && !code[i]
            && !code[i + 1]
            && text.chars().any(char::is_alphabetic)
            && !text.starts_with(['|', '-', '*', '•', '#', '>'])
            && !text.contains(" | ");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Option<String>> {
        let lines: Vec<&str> = text.lines().collect();
        pipe_rows(&lines, &vec![false; lines.len()])
    }

    #[test]
    fn a_space_aligned_table_becomes_pipe_rows() {
        let got = rows(
            "Career path\n  Stage                              Time typically spent\n  ---------------------------------  ---------------------\n  New graduate / clinical hygienist  first 2-3 years\n  Educator or public health hygienist  often with a degree\n  Independent practice owner\n\nMany hygienists branch out.",
        );
        assert_eq!(got[0], None);
        assert_eq!(got[1].as_deref(), Some("Stage | Time typically spent"));
        assert_eq!(got[2].as_deref(), Some("--- | ---"));
        assert_eq!(
            got[3].as_deref(),
            Some("New graduate / clinical hygienist | first 2-3 years")
        );
        // A first cell running into the second column's space is cut at the gap it leaves.
        assert_eq!(
            got[4].as_deref(),
            Some("Educator or public health hygienist | often with a degree")
        );
        // A row with its second cell empty: cut where the column starts.
        assert_eq!(got[5].as_deref(), Some("Independent practice owner | "));
        assert_eq!(got[7], None);
    }

    #[test]
    fn rules_of_one_run_and_code_are_no_table() {
        // A horizontal rule and an underline are no table's rule.
        assert!(
            rows("Pay\n---\nWelders earn well.")
                .iter()
                .all(Option::is_none)
        );
        assert!(
            rows("A  B\n----------------\nx  y")
                .iter()
                .all(Option::is_none)
        );
        // Inside a code block nothing is rewritten.
        let lines = ["Name  Value", "----  -----", "a     1"];
        assert!(pipe_rows(&lines, &[true; 3]).iter().all(Option::is_none));
    }

    #[test]
    fn a_line_over_equals_or_dashes_is_underlined() {
        let lines = [
            "Welder Guide",
            "============",
            "",
            "Career path",
            "-----------",
            "- item",
            "---",
            "",
            "---",
        ];
        let got = underlined(&lines, &[false; 9]);
        assert_eq!(
            got,
            [true, false, false, true, false, false, false, false, false]
        );
    }

    /// Regression (issue 14, ninth probe: a funeral director's plain-text guide underlined its
    /// headings with tildes, and the tildes became its learning path's first step). Plain text
    /// underlines with `~`, `^` and `+` as well; `***` and `___` stay horizontal rules.
    #[test]
    fn a_line_over_tildes_carets_or_pluses_is_underlined_and_stars_are_a_rule() {
        let lines = [
            "HOW TO GET INTO IT",
            "~~~~~~~~~~~~~~~~~~",
            "Pay",
            "^^^",
            "Skills",
            "+++++",
            "A paragraph",
            "*****",
            "Another paragraph",
            "_____",
            "Mixed",
            "~-~-~",
        ];
        let got = underlined(&lines, &[false; 12]);
        assert_eq!(
            got,
            [
                true, false, true, false, true, false, false, false, false, false, false, false
            ]
        );
    }
}
