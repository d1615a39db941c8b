//! Test support shared by the integration tests.

pub mod checks;
pub mod child;
pub mod crash;
pub mod dirs;
pub mod faces;
pub mod fake_discord;
pub mod postgres;
