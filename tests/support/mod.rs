//! Test support shared by the integration tests.

pub mod checks;
pub mod fake_discord;
