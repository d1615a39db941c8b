//! A regex compiled on first use: vocabulary patterns that every process loads but few answers
//! need, so a process answering one question does not pay for compiling them.

use once_cell::sync::OnceCell;
use regex::Regex;

/// A pattern that matches nothing.
pub const NOTHING: &str = r"[^\s\S]";

/// A pattern, compiled the first time it is used. Patterns built from escaped words compile;
/// should one still not (a size limit), it is logged and matches nothing.
#[derive(Debug, Clone)]
pub struct LazyRegex {
    pattern: String,
    regex: OnceCell<Regex>,
}

impl LazyRegex {
    /// `pattern`, not compiled yet.
    pub fn new(pattern: String) -> LazyRegex {
        LazyRegex {
            pattern,
            regex: OnceCell::new(),
        }
    }

    /// The compiled pattern.
    pub fn get(&self) -> &Regex {
        self.regex.get_or_init(|| {
            Regex::new(&self.pattern).unwrap_or_else(|e| {
                tracing::error!(error = %e, "a vocabulary pattern does not compile; it matches nothing");
                Regex::new(NOTHING).expect("a constant pattern")
            })
        })
    }
}

impl std::ops::Deref for LazyRegex {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        self.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pattern_compiles_on_first_use_and_a_bad_one_matches_nothing() {
        let cue = LazyRegex::new(r"(?i)\bfee\b".into());
        assert!(cue.is_match("the exam FEE is $515"));
        let bad = LazyRegex::new("(unclosed".into());
        assert!(!bad.is_match("(unclosed"));
    }
}
