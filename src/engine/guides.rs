//! The guide files an admin manages: checking an uploaded file's name and content, saving it
//! atomically into the guides directory, and moving a removed guide aside (never deleting it).

use std::io::Write;
use std::path::{Path, PathBuf};

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

/// Checks an uploaded guide's file name: a plain name (no path, no `..`, not hidden) with a guide
/// extension, of sane length and characters.
///
/// # Errors
/// Why the name is refused, for people.
pub fn check_guide_name(name: &str) -> Result<(), GuideError> {
    let bad = |why: &str| Err(GuideError::BadName(why.to_string()));
    if name.is_empty() || name.chars().count() > 100 {
        return bad("the file name must be 1–100 characters");
    }
    if name.contains(['/', '\\']) || name.contains("..") {
        return bad("the file name may not contain a path (/, \\ or ..)");
    }
    if name.starts_with('.') {
        return bad("hidden files (starting with a dot) are not guides");
    }
    if name
        .chars()
        .any(|c| c.is_control() || matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|'))
    {
        return bad("the file name has characters that are not allowed");
    }
    if name == corpus::MANIFEST_FILE || !corpus::is_guide_name(name) {
        return bad("only .txt, .md and .html guides are accepted");
    }
    Ok(())
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
    check_guide_name(name)?;
    if bytes.len() as u64 > MAX_GUIDE_UPLOAD {
        return Err(GuideError::TooLarge {
            kb: bytes.len() as u64 / 1024,
        });
    }
    if std::str::from_utf8(bytes).is_err() || bytes.contains(&0) {
        return Err(GuideError::BadContent("the file is not UTF-8 text".into()));
    }
    let guide = corpus::parse_guide(name, bytes, &corpus::Manifest::default(), careers)
        .map_err(|why| GuideError::BadContent(format!("it is not a usable guide: {why}")))?;
    let target = dir.join(name);
    if target.exists() && !replace {
        return Err(GuideError::Exists);
    }
    let tmp = dir.join(format!(".upload-{}-{name}", std::process::id()));
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, &target)?;
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        GuideError::Io(format!("could not save it: {e}"))
    })?;
    Ok(guide.passages.len())
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
            assert!(check_guide_name(good).is_ok(), "{good:?} refused");
        }
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
