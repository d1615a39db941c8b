//! The guide files an admin manages: checking an uploaded file's name and content, saving it
//! atomically into the guides directory, recording the career it is about in the manifest, and
//! moving a removed guide aside (never deleting it).

use std::io::Write;
use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

use crate::corpus::{self, CareerNamer};

/// Largest guide accepted from an upload.
pub const MAX_GUIDE_UPLOAD: u64 = 1024 * 1024;

/// Why a guide could not be added or removed, in words for the admin.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GuideError {
    /// The library runs on the guides built into the binary: there is no directory to change.
    #[error(
        "the bot runs on its built-in guides; set `library.seeds_dir` to a directory to manage guides"
    )]
    NotManaged,
    /// The file name is not acceptable.
    #[error("{0}")]
    BadName(String),
    /// The upload is larger than [`MAX_GUIDE_UPLOAD`].
    #[error("the file is {kb} KB; guides can be at most 1 MB")]
    TooLarge {
        /// Its size in KB.
        kb: u64,
    },
    /// The content is not a usable guide.
    #[error("{0}")]
    BadContent(String),
    /// A guide of that name exists and replacing was not asked for.
    #[error("a guide of that name exists; add it again with replace to overwrite it")]
    Exists,
    /// No guide of that name.
    #[error("there is no guide of that name")]
    NotFound,
    /// The file system refused.
    #[error("{0}")]
    Io(String),
}

/// Longest guide file name, in characters.
pub const MAX_NAME_CHARS: usize = 100;
/// Longest guide file name, in bytes (UTF-8). File systems allow 255; saving adds a prefix of up
/// to 30 bytes to a temporary name, and a removed guide's kept copy a time prefix.
pub const MAX_NAME_BYTES: usize = 200;

/// Checks an uploaded guide's file name and returns it in the form it is saved under (Unicode
/// NFC): a plain name (no path, no `..`, not hidden) with a guide extension; no control,
/// invisible or direction-changing character; no space at either end; at most
/// [`MAX_NAME_CHARS`] characters and [`MAX_NAME_BYTES`] bytes.
///
/// # Errors
/// Why the name is refused, for people.
pub fn check_guide_name(name: &str) -> Result<String, GuideError> {
    let bad = |why: String| Err(GuideError::BadName(why));
    let name: String = name.nfc().collect();
    if name.is_empty() {
        return bad("the file has no name".into());
    }
    if let Some(c) = name.chars().find(|&c| hidden_char(c)) {
        return bad(format!(
            "the file name contains {}, a control, invisible or text-direction character; rename the file without it",
            describe(c)
        ));
    }
    if name.starts_with(char::is_whitespace) || name.ends_with(char::is_whitespace) {
        return bad("the file name starts or ends with a space; rename the file without it".into());
    }
    if let Some(c) = name.chars().find(|&c| c != ' ' && c.is_whitespace()) {
        return bad(format!(
            "the file name contains {}; only ordinary spaces are allowed",
            describe(c)
        ));
    }
    let (chars, bytes) = (name.chars().count(), name.len());
    if chars > MAX_NAME_CHARS || bytes > MAX_NAME_BYTES {
        return bad(format!(
            "the file name is {chars} characters ({bytes} bytes); at most {MAX_NAME_CHARS} characters and {MAX_NAME_BYTES} bytes are allowed"
        ));
    }
    if name.contains(['/', '\\']) || name.contains("..") {
        return bad("the file name may not contain a path (/, \\ or ..)".into());
    }
    if name.starts_with('.') {
        return bad("hidden files (starting with a dot) are not guides".into());
    }
    if let Some(c) = name
        .chars()
        .find(|c| matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|'))
    {
        return bad(format!("the file name may not contain {c}"));
    }
    if name == corpus::MANIFEST_FILE || !corpus::is_guide_name(&name) {
        return bad("only .txt, .md and .html guides are accepted".into());
    }
    Ok(name)
}

/// A character that shows nothing, or changes how the text around it reads: control characters
/// (Unicode Cc), format characters (Cf: bidirectional overrides and isolates, zero-width spaces
/// and joiners, the byte-order mark, soft hyphens…), line and paragraph separators, private-use
/// characters (planes 15 and 16 are nothing else), non-characters, and the Hangul fillers that
/// render as blanks.
fn hidden_char(c: char) -> bool {
    let u = u32::from(c);
    c.is_control()
        || FORMAT_CHARS.iter().any(|r| r.contains(&u))
        || matches!(u, 0x2028 | 0x2029)
        || matches!(u, 0x115F | 0x1160 | 0x3164 | 0xFFA0)
        || (0xE000..=0xF8FF).contains(&u)
        || (0xF0000..=0x10FFFF).contains(&u)
        || (0xFDD0..=0xFDEF).contains(&u)
        || u & 0xFFFE == 0xFFFE
}

/// Unicode's format characters (general category Cf, Unicode 15.1).
const FORMAT_CHARS: &[std::ops::RangeInclusive<u32>] = &[
    0x00AD..=0x00AD,
    0x0600..=0x0605,
    0x061C..=0x061C,
    0x06DD..=0x06DD,
    0x070F..=0x070F,
    0x0890..=0x0891,
    0x08E2..=0x08E2,
    0x180E..=0x180E,
    0x200B..=0x200F,
    0x202A..=0x202E,
    0x2060..=0x2064,
    0x2066..=0x206F,
    0xFEFF..=0xFEFF,
    0xFFF9..=0xFFFB,
    0x110BD..=0x110BD,
    0x110CD..=0x110CD,
    0x13430..=0x1343F,
    0x1BCA0..=0x1BCA3,
    0x1D173..=0x1D17A,
    0xE0001..=0xE0001,
    0xE0020..=0xE007F,
];

/// A character as an admin can find it: `U+202E`, with its name for the common ones.
fn describe(c: char) -> String {
    let name = match u32::from(c) {
        0x202E => " (right-to-left override)",
        0x202D => " (left-to-right override)",
        0x200B => " (zero-width space)",
        0x200C => " (zero-width non-joiner)",
        0x200D => " (zero-width joiner)",
        0x200E => " (left-to-right mark)",
        0x200F => " (right-to-left mark)",
        0xFEFF => " (zero-width no-break space)",
        0x00AD => " (soft hyphen)",
        0x2066..=0x2069 => " (a direction isolate)",
        0x202A..=0x202C => " (a direction embedding)",
        _ if c.is_control() => " (a control character)",
        _ => "",
    };
    format!("U+{:04X}{name}", u32::from(c))
}

/// Validates and writes an uploaded guide atomically (temp file, fsync, rename). Returns the
/// number of passages it gives.
///
/// # Errors
/// [`GuideError`] saying why it was refused or could not be written; nothing is left behind.
pub fn save_guide(
    careers: &CareerNamer,
    dir: &Path,
    name: &str,
    bytes: &[u8],
    replace: bool,
) -> Result<usize, GuideError> {
    let (name, passages) = check_guide(careers, name, bytes)?;
    if dir.join(&name).exists() && !replace {
        return Err(GuideError::Exists);
    }
    write_file(dir, &name, bytes).map_err(|e| GuideError::Io(format!("could not save it: {e}")))?;
    Ok(passages)
}

/// Checks an uploaded guide: its name (returned normalised), size, encoding and that it gives
/// passages (how many is returned).
///
/// # Errors
/// [`GuideError`] saying why it was refused.
pub fn check_guide(
    careers: &CareerNamer,
    name: &str,
    bytes: &[u8],
) -> Result<(String, usize), GuideError> {
    let name = check_guide_name(name)?;
    if bytes.len() as u64 > MAX_GUIDE_UPLOAD {
        return Err(GuideError::TooLarge {
            kb: bytes.len() as u64 / 1024,
        });
    }
    if std::str::from_utf8(bytes).is_err() || bytes.contains(&0) {
        return Err(GuideError::BadContent("the file is not UTF-8 text".into()));
    }
    let guide = corpus::parse_guide(&name, bytes, &corpus::Manifest::default(), careers)
        .map_err(|why| GuideError::BadContent(format!("it is not a usable guide: {why}")))?;
    Ok((name, guide.passages.len()))
}

/// Writes `dir/name` atomically: a temporary file beside it, fsync, rename, fsync of the
/// directory. Nothing is left behind when it fails.
///
/// # Errors
/// The I/O error.
pub fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = dir.join(format!(".upload-{}-{name}", std::process::id()));
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, dir.join(name))?;
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    };
    write().inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// Records in the manifest (`sources.toml`) of `dir` that guide `name` is about `career`, so the
/// next index uses it: the guide's entry gets a `career` line (replacing any), or an entry is
/// appended. Everything else in the file (comments, other entries) is kept as written. Written
/// atomically (temporary file, fsync, rename).
///
/// # Errors
/// [`GuideError::Io`] when the manifest cannot be read or written, or is invalid (then it is left
/// as it was).
pub fn record_career(dir: &Path, name: &str, career: &str) -> Result<(), GuideError> {
    record(dir, name, "career", career, |g| g.career.as_deref())
}

/// Records in the manifest of `dir` that guide `name` was published at `url` (an `http(s)` link
/// in normal form, see [`web_link`](corpus::link::web_link)), as [`record_career`] records a
/// career.
///
/// # Errors
/// As [`record_career`].
pub fn record_url(dir: &Path, name: &str, url: &str) -> Result<(), GuideError> {
    record(dir, name, "url", url, |g| g.url.as_deref())
}

/// Writes `key = value` into guide `name`'s manifest entry, then checks that the manifest reads
/// back with `read` giving `value`.
fn record(
    dir: &Path,
    name: &str,
    key: &str,
    value: &str,
    read: fn(&corpus::SourceInfo) -> Option<&str>,
) -> Result<(), GuideError> {
    let path = dir.join(corpus::MANIFEST_FILE);
    let io = |e: String| GuideError::Io(format!("could not record its {key} in sources.toml: {e}"));
    let old = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(io(e.to_string())),
    };
    let new = with_value(&old, name, key, value);
    match corpus::Manifest::parse(&new) {
        Ok(m) if m.get(name).and_then(read) == Some(value.trim()) => {}
        Ok(_) => return Err(io("the entry could not be written".into())),
        Err(e) => return Err(io(e)),
    }
    let tmp = dir.join(format!(
        ".manifest-{}-{}",
        std::process::id(),
        corpus::MANIFEST_FILE
    ));
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(new.as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, &path)?;
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(e.to_string())
    })
}

/// `manifest` with guide `name`'s entry saying `key = value`: its `key` line replaced, or one
/// added after its `file` line, or a new entry at the end.
fn with_value(manifest: &str, name: &str, key: &str, value: &str) -> String {
    let quoted = |s: &str| toml::Value::String(s.to_string()).to_string();
    let line = format!("{key} = {}", quoted(value.trim()));
    let mut lines: Vec<String> = manifest.lines().map(str::to_string).collect();
    // The value of a `key = value` line, when it is that key's.
    let value_of = |l: &str, key: &str| -> Option<String> {
        let table: toml::Table = toml::from_str(l).ok()?;
        table.get(key)?.as_str().map(str::to_string)
    };
    let is_header = |l: &str| l.trim_start().starts_with('[');
    let is_entry = |l: &str| l.split_whitespace().collect::<String>() == "[[guide]]";
    let mut at = 0;
    while at < lines.len() {
        if !is_entry(&lines[at]) {
            at += 1;
            continue;
        }
        let end = (at + 1..lines.len())
            .find(|&k| is_header(&lines[k]))
            .unwrap_or(lines.len());
        let file = (at + 1..end).find(|&k| value_of(&lines[k], "file").as_deref() == Some(name));
        if let Some(file) = file {
            let old = (at + 1..end).find(|&k| {
                let t = lines[k].trim_start();
                t.starts_with(key) && t[key.len()..].trim_start().starts_with('=')
            });
            match old {
                Some(k) => lines[k] = line,
                None => lines.insert(file + 1, line),
            }
            let mut out = lines.join("\n");
            out.push('\n');
            return out;
        }
        at = end;
    }
    let mut out = manifest.to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(&format!("[[guide]]\nfile = {}\n{line}\n", quoted(name)));
    out
}

/// Moves guide `name` out of `dir` into `removed_dir` (kept, with a time prefix). Returns where
/// it went.
///
/// # Errors
/// [`GuideError::NotFound`] when there is no such guide; [`GuideError::Io`] when it cannot move.
pub fn remove_guide(dir: &Path, removed_dir: &Path, name: &str) -> Result<PathBuf, GuideError> {
    if check_guide_name(name).is_err() || !dir.join(name).is_file() {
        return Err(GuideError::NotFound);
    }
    let io = |e: std::io::Error| GuideError::Io(format!("could not move it aside: {e}"));
    std::fs::create_dir_all(removed_dir).map_err(io)?;
    let target = removed_dir.join(format!("{}-{name}", crate::search::unix_now()));
    std::fs::rename(dir.join(name), &target)
        .or_else(|_| {
            std::fs::copy(dir.join(name), &target)?;
            std::fs::remove_file(dir.join(name))
        })
        .map_err(io)?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_guides_url_is_recorded_beside_its_career() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        record_career(d, "nurse.md", "Nurse").unwrap();
        record_url(d, "nurse.md", "https://example.org/nurse").unwrap();
        record_url(d, "nurse.md", "https://example.org/nurse-2").unwrap();
        let m = corpus::Manifest::parse(
            &std::fs::read_to_string(d.join(corpus::MANIFEST_FILE)).unwrap(),
        )
        .unwrap();
        let g = m.get("nurse.md").unwrap();
        assert_eq!(g.career.as_deref(), Some("Nurse"));
        assert_eq!(g.url.as_deref(), Some("https://example.org/nurse-2"));
        // What the manifest would not keep is not written.
        assert!(record_url(d, "nurse.md", "javascript:alert(1)").is_err());
    }

    #[test]
    fn a_guides_career_is_recorded_in_the_manifest_keeping_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        // No manifest yet: one is written.
        record_career(d, "nurse.md", "Nurse").unwrap();
        let m = std::fs::read_to_string(d.join("sources.toml")).unwrap();
        assert_eq!(m, "[[guide]]\nfile = \"nurse.md\"\ncareer = \"Nurse\"\n");
        // An entry with a career, one without, comments and unknown keys.
        let text = "# Guides.\n\n[[guide]]\nfile = \"a.txt\"\ntitle = \"A\" # kept\ncareer = \"Old\"\n\n[[guide]]\nfile = \"b.txt\"\ntitle = \"B\"\n";
        std::fs::write(d.join("sources.toml"), text).unwrap();
        record_career(d, "a.txt", "Electrician").unwrap();
        record_career(d, "b.txt", "Data \"Quoted\" Analyst").unwrap();
        record_career(d, "c.txt", "Nurse").unwrap();
        let m = std::fs::read_to_string(d.join("sources.toml")).unwrap();
        assert!(m.starts_with("# Guides.\n\n[[guide]]\nfile = \"a.txt\"\ntitle = \"A\" # kept\ncareer = \"Electrician\"\n"), "{m}");
        let parsed = crate::corpus::Manifest::parse(&m).unwrap();
        let career = |f: &str| parsed.get(f).unwrap().career.clone().unwrap();
        assert_eq!(career("a.txt"), "Electrician");
        assert_eq!(career("b.txt"), "Data \"Quoted\" Analyst");
        assert_eq!(parsed.get("b.txt").unwrap().title.as_deref(), Some("B"));
        assert_eq!(career("c.txt"), "Nurse");
        assert!(!m.contains("Old"));
        // An invalid manifest is left as it was.
        std::fs::write(d.join("sources.toml"), "[[guide\n").unwrap();
        assert!(matches!(
            record_career(d, "a.txt", "X"),
            Err(GuideError::Io(_))
        ));
        assert_eq!(
            std::fs::read_to_string(d.join("sources.toml")).unwrap(),
            "[[guide\n"
        );
    }

    #[test]
    fn guide_names_are_checked() {
        for bad in [
            "../x.txt",
            "a/b.txt",
            "..\\x.md",
            ".hidden.txt",
            "x.exe",
            "x",
            "",
            "sources.toml",
            "a\u{0}.txt",
            "a?.md",
        ] {
            assert!(check_guide_name(bad).is_err(), "{bad:?} accepted");
        }
        for good in ["guide.txt", "My Guide 2026.md", "page.html"] {
            assert_eq!(
                check_guide_name(good).as_deref(),
                Ok(good),
                "{good:?} refused"
            );
        }
    }

    /// Regression (issue "hold under abuse", 7): names that read differently from what they
    /// are, or that fit the character limit but not the file system's, were accepted.
    #[test]
    fn guide_names_are_normalised_and_hidden_characters_refused() {
        let refused = |name: &str| match check_guide_name(name) {
            Err(GuideError::BadName(why)) => why,
            other => panic!("{name:?}: {other:?}"),
        };
        // Composed (NFC): "e" + combining acute becomes "é"; other scripts are welcome.
        assert_eq!(
            check_guide_name("cafe\u{301}.md").as_deref(),
            Ok("caf\u{e9}.md")
        );
        assert_eq!(
            check_guide_name("ＡＢ.md").as_deref(),
            Ok("ＡＢ.md"),
            "NFC, not NFKC"
        );
        for good in ["Gehälter 2026.md", "給与ガイド.txt", "dev 💻.md"] {
            assert!(
                check_guide_name(good).is_ok(),
                "{good:?}: {:?}",
                check_guide_name(good)
            );
        }
        // Direction overrides and isolates, zero-width and other invisible characters.
        for (name, code) in [
            ("invoice\u{202E}dm.txt", "U+202E (right-to-left override)"),
            ("a\u{2066}b.md", "U+2066"),
            ("a\u{200B}b.md", "U+200B (zero-width space)"),
            ("a\u{200D}.md", "U+200D"),
            ("\u{FEFF}a.md", "U+FEFF"),
            ("a\u{00AD}b.md", "U+00AD (soft hyphen)"),
            ("a\u{2028}b.md", "U+2028"),
            ("a\u{3164}b.md", "U+3164"),
            ("a\u{E000}b.md", "U+E000"),
            ("a\tb.md", "U+0009 (a control character)"),
            ("a\u{7F}b.md", "U+007F"),
        ] {
            let why = refused(name);
            assert!(why.contains(code), "{name:?}: {why}");
        }
        // Spaces: none at the ends, only ordinary ones inside.
        for name in [" lead.md", "trail.md ", "\u{3000}wide.md"] {
            assert!(refused(name).contains("space"), "{name:?}");
        }
        assert!(refused("no\u{A0}break.md").contains("U+00A0"));
        // Length in characters and in bytes: 97 emoji and ".md" are 100 characters, 391 bytes.
        let emoji = format!("{}.md", "😀".repeat(97));
        assert!(refused(&emoji).contains("391 bytes"), "{}", refused(&emoji));
        assert!(
            check_guide_name(&format!("{}.md", "é".repeat(97))).is_ok(),
            "197 bytes"
        );
        assert!(refused(&format!("{}.md", "a".repeat(98))).contains("101 characters"));
        assert!(refused("").contains("no name"));
    }

    #[test]
    fn a_guide_is_saved_under_its_normalised_name() {
        let dir = tempfile::tempdir().unwrap();
        let text = "Remote Work Guide\n\nRemote back-end developers earn salaries similar to office roles.\n";
        save_guide(
            crate::answer::fixtures::vocab().careers(),
            dir.path(),
            "cafe\u{301}.md",
            text.as_bytes(),
            false,
        )
        .unwrap();
        assert!(dir.path().join("caf\u{e9}.md").is_file());
        assert!(!dir.path().join("cafe\u{301}.md").exists());
    }

    #[test]
    fn saving_refuses_binary_and_keeps_existing() {
        let dir = tempfile::tempdir().unwrap();
        assert!(
            save_guide(
                crate::answer::fixtures::vocab().careers(),
                dir.path(),
                "g.txt",
                b"\x89PNG\r\n\x1a\n\0\0",
                false
            )
            .is_err()
        );
        assert!(
            save_guide(
                crate::answer::fixtures::vocab().careers(),
                dir.path(),
                "g.txt",
                &vec![b'a'; 2 * 1024 * 1024],
                false
            )
            .is_err()
        );
        let ok = "Remote Work Guide\n\nRemote back-end developers earn salaries similar to office roles in most companies.\n";
        assert!(
            save_guide(
                crate::answer::fixtures::vocab().careers(),
                dir.path(),
                "g.txt",
                ok.as_bytes(),
                false
            )
            .is_ok()
        );
        assert_eq!(
            save_guide(
                crate::answer::fixtures::vocab().careers(),
                dir.path(),
                "g.txt",
                ok.as_bytes(),
                false
            ),
            Err(GuideError::Exists),
            "overwrite without replace"
        );
        assert!(
            save_guide(
                crate::answer::fixtures::vocab().careers(),
                dir.path(),
                "g.txt",
                ok.as_bytes(),
                true
            )
            .is_ok()
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "no temp file left: {names:?}");
    }

    #[test]
    fn removed_guides_are_kept_aside() {
        let dir = tempfile::tempdir().unwrap();
        let removed = dir.path().join("removed");
        std::fs::write(dir.path().join("g.txt"), "Title\n\nSome text.\n").unwrap();
        assert_eq!(
            remove_guide(dir.path(), &removed, "nope.txt"),
            Err(GuideError::NotFound)
        );
        let kept = remove_guide(dir.path(), &removed, "g.txt").unwrap();
        assert!(!dir.path().join("g.txt").exists());
        assert_eq!(
            std::fs::read_to_string(kept).unwrap(),
            "Title\n\nSome text.\n"
        );
    }
}
