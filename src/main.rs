//! The `careerbot` binary: parses the command line, sets up logging, loads settings, runs the
//! command, prints any error once with its causes, and picks the exit code. Nothing else.

use std::process::ExitCode;

use clap::Parser;
use tracing_subscriber::EnvFilter;

use careerbot::cli::{self, Cli};
use careerbot::config::Config;

/// mimalloc instead of the system allocator: answering allocates many small short-lived
/// objects on several threads, where glibc's malloc cost a fifth of the CPU under load
/// (docs/PERFORMANCE.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let config = match Config::load(cli.config.as_deref(), |k| std::env::var(k).ok()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(cli::EXIT_USAGE);
        }
    };
    match cli::run(cli, config) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {}", cli::error_chain(&e));
            ExitCode::FAILURE
        }
    }
}
