//! A small `multipart/form-data` parser (RFC 7578), enough for the bodies serenity/reqwest
//! send: a `payload_json` text part plus `files[N]` file parts.

/// One part of a multipart body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Part {
    /// The `name` of its `Content-Disposition: form-data`.
    pub name: String,
    /// The `filename`, for file parts (as sent: reqwest percent-encodes some characters).
    pub filename: Option<String>,
    /// Its own `Content-Type`, if it has one.
    pub content_type: Option<String>,
    /// Its bytes.
    pub body: Vec<u8>,
}

/// The `boundary` parameter of a `multipart/form-data` content type, if it is one.
pub(super) fn boundary(content_type: &str) -> Option<String> {
    let mut params = content_type.split(';');
    let essence = params.next()?.trim();
    if !essence.eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params.find_map(|p| {
        let (k, v) = p.trim().split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| v.trim().trim_matches('"').to_string())
    })
}

/// Splits a multipart body into its parts; `Err` describes why the body is malformed.
pub(super) fn parse(body: &[u8], boundary: &str) -> Result<Vec<Part>, String> {
    if boundary.is_empty() {
        return Err("empty multipart boundary".into());
    }
    let delimiter = format!("--{boundary}").into_bytes();
    let mut parts = Vec::new();
    let mut pos = find(body, &delimiter, 0).ok_or("no opening boundary")? + delimiter.len();
    // Each iteration handles what follows one boundary line; bounded by the body's length since
    // `pos` strictly increases.
    loop {
        if body[pos..].starts_with(b"--") {
            return Ok(parts);
        }
        pos = skip_line_end(body, pos).ok_or("boundary not followed by CRLF")?;
        let headers_end = find(body, b"\r\n\r\n", pos).ok_or("part headers not terminated")?;
        let headers = std::str::from_utf8(&body[pos..headers_end])
            .map_err(|_| "part headers are not UTF-8")?;
        let content_start = headers_end + 4;
        let mut closing = b"\r\n".to_vec();
        closing.extend_from_slice(&delimiter);
        let content_end =
            find(body, &closing, content_start).ok_or("part not terminated by a boundary")?;

        let mut part = Part {
            name: String::new(),
            filename: None,
            content_type: None,
            body: body[content_start..content_end].to_vec(),
        };
        let mut has_disposition = false;
        for line in headers.split("\r\n") {
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            if key.trim().eq_ignore_ascii_case("content-disposition") {
                has_disposition = true;
                for param in value.split(';').skip(1) {
                    let Some((k, v)) = param.trim().split_once('=') else {
                        continue;
                    };
                    let v = unquote(v.trim());
                    match k.trim().to_ascii_lowercase().as_str() {
                        "name" => part.name = v,
                        "filename" => part.filename = Some(v),
                        _ => {}
                    }
                }
            } else if key.trim().eq_ignore_ascii_case("content-type") {
                part.content_type = Some(value.trim().to_string());
            }
        }
        if !has_disposition || part.name.is_empty() {
            return Err("part without a Content-Disposition name".into());
        }
        parts.push(part);
        pos = content_end + closing.len();
        if pos > body.len() {
            return Err("truncated body".into());
        }
    }
}

/// A quoted-string parameter value without its quotes and backslash escapes.
fn unquote(v: &str) -> String {
    match v.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        Some(inner) => {
            let mut out = String::with_capacity(inner.len());
            let mut chars = inner.chars();
            while let Some(c) = chars.next() {
                if c == '\\' {
                    if let Some(next) = chars.next() {
                        out.push(next);
                    }
                } else {
                    out.push(c);
                }
            }
            out
        }
        None => v.to_string(),
    }
}

/// Skips transport padding and the CRLF ending a boundary line.
fn skip_line_end(body: &[u8], mut pos: usize) -> Option<usize> {
    while body.get(pos).is_some_and(|b| *b == b' ' || *b == b'\t') {
        pos += 1;
    }
    body[pos..].starts_with(b"\r\n").then_some(pos + 2)
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if from > haystack.len() || needle.is_empty() {
        return None;
    }
    haystack[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}
