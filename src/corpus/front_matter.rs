//! Front matter: the YAML (`---`) or TOML (`+++`) block that opens a Markdown guide. Its lines are
//! never content; its `title` and `author` name the guide.

/// What a front-matter block says, and how many lines it spans.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// Lines from the top of the file the block covers, both fences included.
    pub lines: usize,
    /// `title:`, unquoted.
    pub title: Option<String>,
    /// `author:` (or the first of `authors:`), unquoted.
    pub author: Option<String>,
}

/// Longest front-matter block looked for, in lines.
const MAX_LINES: usize = 80;

/// Reads the front matter at the top of `lines`, if there is one: an opening `---` (or `+++`),
/// a closing one, and only `key: value` lines, their indented continuations and list items in
/// between. A `---` that opens with prose under it is a rule, not front matter.
pub fn parse(lines: &[&str]) -> Option<FrontMatter> {
    let fence = lines.first()?.trim();
    let toml = match fence {
        "---" => false,
        "+++" => true,
        _ => return None,
    };
    let close = lines
        .iter()
        .take(MAX_LINES)
        .enumerate()
        .skip(1)
        .find(|(_, l)| {
            let l = l.trim_end();
            if toml {
                l == "+++"
            } else {
                l == "---" || l == "..."
            }
        })?
        .0;
    let body = &lines[1..close];
    let mut keys = 0;
    for line in body {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let indented = line.starts_with([' ', '\t']);
        if key_value(t, toml).is_some() && !indented {
            keys += 1;
        } else if !(indented || t.starts_with("- ") || t == "-" || t.starts_with(']')) {
            return None;
        }
    }
    if keys == 0 {
        return None;
    }
    Some(FrontMatter {
        lines: close + 1,
        title: value_of(body, &["title"], toml),
        author: value_of(body, &["author", "authors"], toml),
    })
}

/// `key: value` (YAML) or `key = value` (TOML): the key and the raw value.
fn key_value(line: &str, toml: bool) -> Option<(&str, &str)> {
    let (key, value) = if toml {
        line.split_once('=')?
    } else {
        let (k, v) = line.split_once(':')?;
        // "key: value" or "key:" — a colon inside a value ("https://…") is not a key.
        if !(v.is_empty() || v.starts_with([' ', '\t'])) {
            return None;
        }
        (k, v)
    };
    let key = key.trim();
    let is_key = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'));
    is_key.then_some((key, value.trim()))
}

/// The value of the first of `names` present at the top level, as plain text.
fn value_of(body: &[&str], names: &[&str], toml: bool) -> Option<String> {
    for (i, line) in body.iter().enumerate() {
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let Some((key, raw)) = key_value(line.trim(), toml) else {
            continue;
        };
        if !names.iter().any(|n| key.eq_ignore_ascii_case(n)) {
            continue;
        }
        let text = if raw.is_empty() || matches!(raw, "|" | ">" | "|-" | ">-" | "|+" | ">+") {
            nested_value(&body[i + 1..], raw.is_empty())
        } else {
            Some(scalar(raw))
        };
        if let Some(t) = text.filter(|t| !t.is_empty()) {
            return Some(t);
        }
    }
    None
}

/// The value under a key with nothing after its colon: the indented lines of a block scalar
/// joined, or the first item of a list, or the `name:` of a mapping (`author:\n  name: Jane`).
fn nested_value(rest: &[&str], structured: bool) -> Option<String> {
    let block: Vec<&str> = rest
        .iter()
        .take_while(|l| l.starts_with([' ', '\t']) || (structured && l.trim().starts_with("- ")))
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    if !structured {
        return Some(block.join(" "));
    }
    let first = block.first()?;
    if let Some(item) = first.strip_prefix("- ") {
        let item = item.trim();
        return Some(match key_value(item, false) {
            Some((_, v)) => scalar(v),
            None => scalar(item),
        });
    }
    block.iter().find_map(|l| match key_value(l, false) {
        Some((k, v)) if k.eq_ignore_ascii_case("name") => Some(scalar(v)),
        _ => None,
    })
}

/// A scalar value unquoted: `"A \"B\""` → `A "B"`, `'it''s'` → `it's`, `[A, B]` → `A`; a plain
/// YAML value loses a trailing ` # comment`.
fn scalar(raw: &str) -> String {
    let raw = raw.trim();
    if let Some(list) = raw.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
        return list
            .split(',')
            .map(scalar)
            .find(|s| !s.is_empty())
            .unwrap_or_default();
    }
    if raw.len() >= 2 && raw.starts_with('"') && raw.ends_with('"') {
        return raw[1..raw.len() - 1]
            .replace("\\\"", "\"")
            .replace("\\\\", "\\");
    }
    if raw.len() >= 2 && raw.starts_with('\'') && raw.ends_with('\'') {
        return raw[1..raw.len() - 1].replace("''", "'");
    }
    let plain = raw.split(" #").next().unwrap_or(raw);
    plain.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fm(text: &str) -> Option<FrontMatter> {
        let lines: Vec<&str> = text.lines().collect();
        parse(&lines)
    }

    #[test]
    fn yaml_title_and_author() {
        let f = fm("---\ntitle: \"Data Analyst Guide: Salary \\\"and\\\" Skills\"\nauthor: 'Priya O''Neil'\ndate: 2026-01-20\ntags: [sql, excel]\ndescription: \"What analysts do.\"\n---\n\n# Heading\n").unwrap();
        assert_eq!(f.lines, 7);
        assert_eq!(
            f.title.as_deref(),
            Some("Data Analyst Guide: Salary \"and\" Skills")
        );
        assert_eq!(f.author.as_deref(), Some("Priya O'Neil"));
    }

    #[test]
    fn nested_and_list_values() {
        let f = fm("---\ntitle: >-\n  How to Become\n  a Nurse\nauthors:\n  - Ana Ruiz\n  - Bo Li\ncategories:\n- careers\n---\n").unwrap();
        assert_eq!(f.title.as_deref(), Some("How to Become a Nurse"));
        assert_eq!(f.author.as_deref(), Some("Ana Ruiz"));
        let f = fm("---\ntitle: Plain Title # draft\nauthor:\n  name: Jane Doe\n  url: https://x.example\n---\n").unwrap();
        assert_eq!(f.title.as_deref(), Some("Plain Title"));
        assert_eq!(f.author.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn toml_front_matter() {
        let f =
            fm("+++\ntitle = \"Welder Career Guide\"\nauthors = [\"Sam Ng\"]\n+++\nBody").unwrap();
        assert_eq!(f.lines, 4);
        assert_eq!(f.title.as_deref(), Some("Welder Career Guide"));
        assert_eq!(f.author.as_deref(), Some("Sam Ng"));
    }

    #[test]
    fn a_rule_over_prose_is_not_front_matter() {
        assert_eq!(
            fm("---\nThis guide explains the job: what it pays.\n---\n"),
            None
        );
        assert_eq!(fm("---\n\nNo closing fence here\n"), None);
        assert_eq!(fm("Title\n---\ntitle: x\n---\n"), None);
        // Keys are required: a block of list items alone is a list between rules.
        assert_eq!(fm("---\n- one\n- two\n---\n"), None);
    }
}
