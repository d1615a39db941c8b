//! Fixtures for the endpoint's unit tests: a state over the embedded guides, signed requests.

use axum::body::Body;
use ed25519_dalek::{Signer, SigningKey};

use super::verify::{SIGNATURE_HEADER, TIMESTAMP_HEADER};
use super::{HttpState, unix_now};
use crate::config::BotConfig;
use crate::corpus::SeedSource;
use crate::discord::bot::Bot;
use crate::store::Store;

/// A `/help` command, as Discord sends it.
pub(super) const COMMAND: &str = r#"{"id":"1","application_id":"2","type":2,"token":"t","guild_id":"3","channel_id":"4","member":{"user":{"id":"5","username":"u"},"roles":[],"permissions":"0"},"data":{"name":"help"}}"#;

fn key() -> SigningKey {
    SigningKey::from_bytes(&[7u8; 32])
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// An endpoint over the embedded guides and an in-memory database, without REST; the directory
/// holds its index.
pub(super) fn state() -> (HttpState, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let engine = crate::engine::fixtures::engine_on(SeedSource::Embedded, dir.path());
    let bot = Bot::new(
        engine,
        Store::open_in_memory().unwrap(),
        BotConfig::default(),
    );
    let public = hex(key().verifying_key().as_bytes());
    (HttpState::new(bot, &public, None).unwrap(), dir)
}

/// `POST /interactions` with `body`, signed now with the key [`state`] trusts.
pub(super) fn signed(body: &str) -> axum::http::Request<Body> {
    let ts = unix_now().to_string();
    let sig = key().sign(format!("{ts}{body}").as_bytes());
    axum::http::Request::post("/interactions")
        .header(SIGNATURE_HEADER, hex(&sig.to_bytes()))
        .header(TIMESTAMP_HEADER, ts)
        .body(Body::from(body.to_string()))
        .unwrap()
}
