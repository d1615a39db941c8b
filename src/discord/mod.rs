//! The Discord adapter: everything that knows about Discord, around the pure core.
//!
//! - [`incoming`]: an interaction's JSON → [`incoming::Incoming`] (one parser for both
//!   transports; keeps the raw permission bits).
//! - [`permissions`]: member / moderator / admin, decided server-side.
//! - [`commands`]: the command table, one file per command: each declared once, and the
//!   registration body, the dispatch and the metric labels read from it.
//! - [`render`]: answers → embeds, citations and buttons.
//! - [`message`]: the outgoing [`message::Response`] / [`message::Reply`] value, with Discord's
//!   limits and the no-ping rule enforced in one place.
//! - [`cooldown`], [`duplicates`], [`pin_matcher`]: what `/ask` weighs besides the search: the
//!   wait between a member's questions, the same question asked again in a channel, and the
//!   moderator-pinned answer to show first.
//! - [`bot`]: an interaction → the first response and the work left for after it.
//! - [`gateway`]: the websocket transport (serenity); [`http`]: the Interactions Endpoint URL
//!   transport (axum, signed requests, stateless replicas); both send through [`rest`], and
//!   both run the bot's [`upkeep`] while they serve.

pub mod bot;
pub mod commands;
pub mod cooldown;
pub mod duplicates;
pub mod gateway;
pub mod http;
pub mod incoming;
mod lanes;
pub mod markdown;
pub mod message;
pub mod permissions;
pub mod pin_matcher;
pub mod render;
pub mod rest;
pub mod upkeep;
