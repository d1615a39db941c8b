//! careerbot answers career questions from a library of career guides, always with citations.
//!
//! The map, from files on disk to answers:
//! - [`corpus`]: guide files → cleaned lines → [`corpus::Passage`]s (heading, text, file, lines).
//! - [`analysis`]: the one text analyzer (words, synonyms, stemming) shared by indexing, queries,
//!   snippets and lexicon matching.
//! - [`vocab`]: the domain vocabulary as data (`assets/`): synonyms, skills and skill sections,
//!   level words, lateral tracks, career names, suggested questions; loaded once, passed along.
//! - [`search`]: the only owner of tantivy: builds index generations and swaps them in atomically;
//!   a question → ranked, de-duplicated, cited hits with highlighted snippets.
//! - [`answer`]: structured, cited answers (salary table and chart, skills, roadmap), extracted
//!   once per index generation and gathered career by career.
//! - [`roles`]: how questions name occupations (role phrases, occupations, career aliases), as
//!   data.
//! - [`choices`]: the lists an option picks from (level, topic, stage, focus), declared once for
//!   the CLI and Discord.
//! - [`engine`]: the one service every face holds: questions answered with a verdict, structured
//!   answers, status, reindexing (queries keep being answered from the current generation while
//!   a rebuild runs) and the guide files admins manage.
//! - [`store`]: the bot's SQLite database (answers for buttons, curated answers, feedback,
//!   question log), shared by replicas.
//! - [`config`]: settings from defaults, `config.toml` and the environment.
//! - [`discord`]: the Discord adapter (commands, rendering within limits, permissions, gateway
//!   and HTTP transports).
//! - [`cli`]: the terminal face of the same answers.
//! - [`i18n`]: the bot's own words in the member's language, from message catalogues
//!   (`locales/`), English as fallback.
//!
//! The core (corpus, analysis, vocab, search, answer, engine) knows nothing of Discord; the
//! adapters around it parse input, call it, and render its answers. `docs/ARCHITECTURE.md` is
//! the one-page map.

pub mod analysis;
pub mod answer;
pub mod choices;
pub mod cli;
pub mod cognates;
pub mod config;
pub mod corpus;
pub mod discord;
pub mod engine;
pub mod i18n;
pub mod related;
pub mod roles;
pub mod search;
pub mod store;
pub mod vocab;
pub mod word_regex;
