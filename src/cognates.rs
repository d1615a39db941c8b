//! How Spanish words are spelt next to their English cognates (`assets/cognates.toml`): the
//! English spellings a Spanish word may have, and one plain spelling to compare words of both
//! languages in. Pure text; the search looks the spellings up in an index (`search::cognate`).

use serde::Deserialize;

/// Fewest characters a word needs before its cognates are looked for: shorter Spanish words are
/// function words or share their letters with too many English ones.
pub const MIN_WORD_CHARS: usize = 5;

/// A cognate table that does not parse.
#[derive(Debug, thiserror::Error)]
#[error("invalid cognate table: {0}")]
pub struct CognateTableError(String);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CognateFile {
    endings: std::collections::BTreeMap<String, String>,
    letters: Letters,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Letters {
    pairs: Vec<(String, String)>,
}

/// Spanish → English ending rules and the letters both languages are compared in.
#[derive(Debug, Default, Clone)]
pub struct CognateTable {
    /// (Spanish ending, English ending), longest Spanish ending first.
    endings: Vec<(String, String)>,
    /// (spelling, plain spelling), applied in order.
    letters: Vec<(String, String)>,
}

impl CognateTable {
    /// Parses a table in the format of `assets/cognates.toml`.
    ///
    /// # Errors
    /// When the TOML does not parse, an ending is empty, or a letter spelling is empty or not
    /// lower-case ASCII.
    pub fn from_toml(text: &str) -> Result<CognateTable, CognateTableError> {
        let file: CognateFile =
            toml::from_str(text).map_err(|e| CognateTableError(e.to_string()))?;
        let plain = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase());
        let mut endings: Vec<(String, String)> = file.endings.into_iter().collect();
        if let Some((bad, _)) = endings
            .iter()
            .find(|(es, en)| !plain(es) || !(en.is_empty() || plain(en)))
        {
            return Err(CognateTableError(format!(
                "ending {bad:?}: endings are lower-case letters, and only the English one may be empty"
            )));
        }
        endings.sort_by(|(a, _), (b, _)| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        if let Some((bad, _)) = file
            .letters
            .pairs
            .iter()
            .find(|(from, to)| !plain(from) || !plain(to))
        {
            return Err(CognateTableError(format!(
                "letters {bad:?}: both spellings are lower-case letters"
            )));
        }
        Ok(CognateTable {
            endings,
            letters: file.letters.pairs,
        })
    }

    /// The English spellings the folded Spanish `word` may have: the word with each ending rule
    /// that fits it applied, longest ending first, then the word as written. Empty for a word
    /// shorter than [`MIN_WORD_CHARS`] or with anything but lower-case ASCII letters.
    pub fn spellings(&self, word: &str) -> Vec<String> {
        if word.len() < MIN_WORD_CHARS || !word.bytes().all(|b| b.is_ascii_lowercase()) {
            return Vec::new();
        }
        let mut out: Vec<String> = Vec::new();
        for (es, en) in &self.endings {
            if let Some(root) = word.strip_suffix(es.as_str())
                && root.len() >= MIN_WORD_CHARS - 2
            {
                let spelling = format!("{root}{en}");
                if !out.contains(&spelling) {
                    out.push(spelling);
                }
            }
        }
        if !out.iter().any(|s| s == word) {
            out.push(word.to_string());
        }
        out
    }

    /// `word` in the plain spelling both languages are compared in: each pair of `[letters]`
    /// replaced in order, then every doubled letter written once.
    pub fn key(&self, word: &str) -> String {
        let mut s = word.to_string();
        for (from, to) in &self.letters {
            if s.contains(from.as_str()) {
                s = s.replace(from.as_str(), to);
            }
        }
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            if !out.ends_with(c) {
                out.push(c);
            }
        }
        out
    }

    /// The first letters a word whose key starts with `first` may be written with: `first`
    /// itself and the first letter of every spelling `[letters]` writes as one starting with it
    /// ("ph" for "f").
    pub fn first_letters(&self, first: char) -> Vec<char> {
        let mut out = vec![first];
        for (from, to) in &self.letters {
            if to.starts_with(first)
                && let Some(c) = from.chars().next()
                && !out.contains(&c)
            {
                out.push(c);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> CognateTable {
        CognateTable::from_toml(include_str!("../assets/cognates.toml")).unwrap()
    }

    #[test]
    fn spanish_endings_are_rewritten_as_english_ones() {
        let t = shipped();
        let has = |word: &str, spelling: &str| {
            assert!(
                t.spellings(word).iter().any(|s| s == spelling),
                "{word}: {:?}",
                t.spellings(word)
            );
        };
        has("ocupacional", "ocupational");
        has("adaptacion", "adaptation");
        has("veterinario", "veterinary");
        has("paramedico", "paramedic");
        has("analista", "analist");
        has("radiografos", "radiographers");
        has("arquitecto", "arquitect");
        has("universidad", "university");
        // The word as written is always tried, last.
        assert_eq!(
            t.spellings("periodo").last().map(String::as_str),
            Some("periodo")
        );
        // Short words and words with other characters have none.
        assert!(t.spellings("arte").is_empty());
        assert!(t.spellings("c++").is_empty());
    }

    #[test]
    fn both_languages_meet_in_one_plain_spelling() {
        let t = shipped();
        assert_eq!(t.key("architect"), t.key("arquitect"));
        assert_eq!(t.key("occupational"), t.key("ocupational"));
        assert_eq!(t.key("radiograph"), t.key("radiograf"));
        assert_eq!(t.key("analyst"), t.key("analist"));
        assert_ne!(t.key("carpet"), t.key("carpeta"));
        assert_eq!(t.first_letters('f'), vec!['f', 'p']);
        assert_eq!(t.first_letters('c'), vec!['c', 'q', 'k']);
    }

    #[test]
    fn invalid_tables_are_errors() {
        for bad in [
            "[endings]\n\"\" = \"x\"\n[letters]\npairs = []\n",
            "[endings]\n\"o\" = \"\"\n[letters]\npairs = [[\"ph\", \"\"]]\n",
            "[endings]\n\"O\" = \"\"\n[letters]\npairs = []\n",
            "[endings]\n[letters]\n",
        ] {
            assert!(CognateTable::from_toml(bad).is_err(), "{bad}");
        }
    }
}
