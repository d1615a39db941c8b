//! Whether a request comes from Discord: the Ed25519 signature of `timestamp + body` against the
//! application's public key, and a timestamp within [`REPLAY_WINDOW`] of now.

use std::time::Duration;

use axum::http::HeaderMap;
use serenity::interactions_endpoint::Verifier;

use super::HttpError;

/// How far `X-Signature-Timestamp` may be from now: older (or future) requests are replays.
pub const REPLAY_WINDOW: Duration = Duration::from_secs(5 * 60);

pub(super) const SIGNATURE_HEADER: &str = "x-signature-ed25519";
pub(super) const TIMESTAMP_HEADER: &str = "x-signature-timestamp";

/// Checks signatures against `public_key` (hex, as the developer portal shows it).
///
/// # Errors
/// [`HttpError::InvalidPublicKey`] when the key is not a valid Ed25519 public key.
pub(super) fn verifier(public_key: &str) -> Result<Verifier, HttpError> {
    Verifier::try_new(parse_key(public_key)?)
        .map_err(|e| HttpError::InvalidPublicKey(e.to_string()))
}

/// The hex public key as bytes.
fn parse_key(hex: &str) -> Result<[u8; 32], HttpError> {
    let hex = hex.trim();
    let bad = || HttpError::InvalidPublicKey(format!("{} characters", hex.chars().count()));
    if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(bad());
    }
    let mut key = [0u8; 32];
    for (i, byte) in key.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).map_err(|_| bad())?;
    }
    Ok(key)
}

/// The signature headers, when both are present and readable.
pub(super) fn signature_headers(headers: &HeaderMap) -> Option<(String, String)> {
    let get = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    Some((get(SIGNATURE_HEADER)?, get(TIMESTAMP_HEADER)?))
}

/// Checks a body read in full: its signature first, then whether its timestamp is fresh at `now`
/// (Unix seconds).
///
/// # Errors
/// Why the request is refused (a 401): its signature is invalid, or its timestamp stale.
pub(super) fn authenticate(
    verifier: &Verifier,
    signature: &str,
    timestamp: &str,
    body: &[u8],
    now: i64,
) -> Result<(), &'static str> {
    if verifier.verify(signature, timestamp, body).is_err() {
        return Err("invalid request signature");
    }
    if !fresh(timestamp, now) {
        return Err("stale request timestamp");
    }
    Ok(())
}

/// Whether a signature timestamp (Unix seconds) is within [`REPLAY_WINDOW`] of `now`.
fn fresh(timestamp: &str, now: i64) -> bool {
    timestamp
        .parse::<i64>()
        .is_ok_and(|t| t.abs_diff(now) <= REPLAY_WINDOW.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_timestamps() {
        assert!(parse_key(&"ab".repeat(32)).is_ok());
        assert!(parse_key("abc").is_err());
        assert!(parse_key(&"zz".repeat(32)).is_err());
        assert!(parse_key(&format!("+a{}", "ab".repeat(31))).is_err());
        assert!(fresh("1000", 1000 + 300));
        assert!(!fresh("1000", 1000 + 301));
        assert!(!fresh("1000", 1000 - 301), "future timestamps too");
        assert!(!fresh("soon", 1000));
    }
}
