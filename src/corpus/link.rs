//! Where a guide was published, as a link citations can carry: an absolute `http(s)` URL, checked
//! and written in its normal form (spaces and other unsafe characters percent-encoded), or a
//! reason it is not one.

/// The longest link kept (Discord cuts a message's parts long before browsers cut URLs).
pub const MAX_LINK_CHARS: usize = 512;

/// `text` as a web link: trimmed, parsed, `http` or `https` with a host, in normal form.
///
/// # Errors
/// A short human reason: not a URL, another scheme, no host, too long.
pub fn web_link(text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("the link is empty".to_string());
    }
    // reqwest's `Url` is the `url` crate's (WHATWG parsing), already built for the downloads.
    let url = reqwest::Url::parse(text).map_err(|e| format!("“{text}” is not a link ({e})"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "“{text}” is not a web link: only http:// and https:// links are kept"
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("“{text}” names no web site"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(format!("“{text}” holds a user name or password"));
    }
    let normal = url.to_string();
    if normal.chars().count() > MAX_LINK_CHARS {
        return Err(format!(
            "the link is longer than {MAX_LINK_CHARS} characters"
        ));
    }
    Ok(normal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_links_are_kept_in_normal_form() {
        assert_eq!(
            web_link(" https://example.org/guides/nurse ").unwrap(),
            "https://example.org/guides/nurse"
        );
        assert_eq!(
            web_link("HTTP://Example.org").unwrap(),
            "http://example.org/"
        );
        // Characters that would end a markdown link are percent-encoded.
        assert_eq!(
            web_link("https://x.example/a b>(c)").unwrap(),
            "https://x.example/a%20b%3E(c)"
        );
    }

    #[test]
    fn anything_else_is_refused_with_a_reason() {
        for bad in [
            "",
            "   ",
            "not a url",
            "example.org/guide",
            "javascript:alert(1)",
            "ftp://example.org/guide",
            "file:///etc/passwd",
            "data:text/html,hi",
            "https://user:secret@example.org/",
            "http://",
        ] {
            let why = web_link(bad).expect_err(bad);
            assert!(!why.is_empty(), "{bad}");
        }
        let long = format!("https://example.org/{}", "a".repeat(600));
        assert!(web_link(&long).unwrap_err().contains("512"));
    }
}
