//! The Discord-facing subcommands: `run` (gateway), `register`, `commands`. They build the
//! runtime, open the library and the database, and hand over to `discord::*`.

use std::ops::Range;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::Args;

use crate::config::{Config, Secret};
use crate::discord::bot::Bot;
use crate::discord::commands::{COMMANDS, registration_body};
use crate::discord::gateway::{self, GatewaySettings};
use crate::discord::rest::Rest;
use crate::engine::GuideError;
use crate::store::{DatabaseUrl, Store};

/// `careerbot run`
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Shards this process runs, e.g. `0..2` (with --shards).
    #[arg(long, value_name = "A..B", value_parser = parse_range, requires = "shards")]
    pub shard_range: Option<Range<u32>>,
    /// Total shards of the bot (with --shard-range). Without both: the count Discord
    /// recommends, all in this process.
    #[arg(long, value_name = "N", requires = "shard_range", value_parser = clap::value_parser!(u32).range(1..))]
    pub shards: Option<u32>,
    /// Serve GET /healthz and GET /metrics (Prometheus) on this address, e.g. 127.0.0.1:9100.
    #[arg(long, value_name = "ADDR")]
    pub metrics_listen: Option<std::net::SocketAddr>,
}

/// `careerbot serve`
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (put a TLS-terminating reverse proxy in front for Discord).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub listen: std::net::SocketAddr,
}

/// `careerbot commands`
#[derive(Debug, Args)]
pub struct CommandsArgs {
    /// Print the exact JSON body sent to Discord.
    #[arg(long)]
    pub json: bool,
}

fn parse_range(s: &str) -> Result<Range<u32>, String> {
    let (a, b) = s
        .split_once("..")
        .ok_or_else(|| format!("expected A..B, got {s:?}"))?;
    let a: u32 = a.trim().parse().map_err(|e| format!("{a:?}: {e}"))?;
    let b: u32 = b.trim().parse().map_err(|e| format!("{b:?}: {e}"))?;
    if a >= b {
        return Err(format!("empty shard range {s}"));
    }
    Ok(a..b)
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

fn token(config: &Config) -> Result<String> {
    match &config.discord.token {
        Some(t) if !t.expose().is_empty() => Ok(t.expose().to_string()),
        _ => bail!("no Discord token: set DISCORD_TOKEN (or discord.token in config.toml)"),
    }
}

/// Resolves once SIGINT (Ctrl-C) or SIGTERM arrives.
pub async fn shutdown_signal() {
    {
        let ctrl_c = async {
            if let Err(e) = tokio::signal::ctrl_c().await {
                tracing::error!(error = %e, "cannot listen for Ctrl-C");
                std::future::pending::<()>().await;
            }
        };
        #[cfg(unix)]
        let term = async {
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(mut s) => {
                    s.recv().await;
                }
                Err(e) => {
                    tracing::error!(error = %e, "cannot listen for SIGTERM");
                    std::future::pending::<()>().await;
                }
            }
        };
        #[cfg(not(unix))]
        let term = std::future::pending::<()>();
        tokio::select! {
            () = ctrl_c => tracing::info!("Ctrl-C received"),
            () = term => tracing::info!("SIGTERM received"),
        }
    }
}

/// Opens the engine and the database and builds the bot.
///
/// # Errors
/// When the index cannot be opened or built, or the database cannot be opened.
pub fn open_bot(config: &Config) -> Result<Bot> {
    let engine = super::open_engine(config)?;
    let url = config.database.url.as_ref().map(Secret::expose);
    // Described (in logs and errors) with its password hidden.
    let described = DatabaseUrl::parse(url, &config.bot.data_dir)
        .map(|u| u.describe())
        .context("cannot open the bot database")?;
    let store = Store::connect(url, &config.bot.data_dir)
        .with_context(|| format!("cannot open the bot database ({described})"))?;
    tracing::info!(database = %described, "database opened");
    if store.shares_library() {
        match engine.share_library(&store, config.database.library_poll()) {
            Ok(()) => tracing::info!(
                version = engine.library_state().map_or(0, |s| s.version),
                "the guide library travels through the database"
            ),
            Err(GuideError::NotManaged) => tracing::warn!(
                "the guides built into the binary serve: the library is not shared through the \
                 database (set library.seeds_dir to a directory)"
            ),
            Err(e) => {
                return Err(e).context("cannot share the guide library through the database");
            }
        }
    }
    Ok(Bot::new(engine, store, config.bot.clone()))
}

/// `careerbot run`: the gateway bot, until SIGINT/SIGTERM.
pub fn run(config: &Config, args: &RunArgs) -> Result<ExitCode> {
    let token = token(config)?;
    if let (Some(range), Some(total)) = (&args.shard_range, args.shards)
        && range.end > total
    {
        bail!(
            "--shard-range {}..{} goes past --shards {total}",
            range.start,
            range.end
        );
    }
    let bot = open_bot(config)?;
    let settings = GatewaySettings {
        token,
        api_base: config.discord.api_base.clone(),
        application_id: config.discord.application_id,
        guild_id: config.discord.guild_id,
        register_on_start: config.bot.register_on_start,
        shards: args.shard_range.clone().zip(args.shards),
        metrics_listen: args.metrics_listen,
    };
    // The upkeep (refresh, pruning) runs inside `gateway::run`.
    runtime()?.block_on(gateway::run(bot, settings, shutdown_signal()))?;
    tracing::info!("stopped");
    Ok(ExitCode::SUCCESS)
}

/// `careerbot serve`: the HTTP interactions endpoint, until SIGINT/SIGTERM. Calls nothing on
/// Discord at start; needs DISCORD_PUBLIC_KEY (and the token only for followups).
pub fn serve(config: &Config, args: &ServeArgs) -> Result<ExitCode> {
    let bot = open_bot(config)?;
    let state = crate::discord::http::HttpState::from_config(config, bot)?;
    // The upkeep (refresh, pruning, metrics) runs inside `http::serve`.
    runtime()?.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.listen)
            .await
            .with_context(|| format!("cannot listen on {}", args.listen))?;
        crate::discord::http::serve(listener, state, shutdown_signal())
            .await
            .context("the HTTP server failed")
    })?;
    tracing::info!("stopped");
    Ok(ExitCode::SUCCESS)
}

/// `careerbot register`: registers the commands (in the configured guild, else globally).
pub fn register(config: &Config) -> Result<ExitCode> {
    let token = token(config)?;
    let count = runtime()?.block_on(async {
        let rest = Rest::new(
            &token,
            config.discord.api_base.as_deref(),
            config.discord.application_id,
        );
        if rest.http().application_id().is_none() {
            let app = rest
                .http()
                .get_current_application_info()
                .await
                .context("cannot learn the application id from Discord")?;
            rest.learn_application_id(app.id.get());
        }
        rest.register(&registration_body(), config.discord.guild_id)
            .await
            .context("command registration failed")
    })?;
    match config.discord.guild_id {
        Some(g) => println!("Registered {count} commands in guild {g}."),
        None => {
            println!("Registered {count} global commands (they can take up to an hour to appear).")
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `careerbot commands`: the registration body, or one line per command of the table.
pub fn commands(args: &CommandsArgs) -> Result<ExitCode> {
    if args.json {
        println!("{}", serde_json::to_string_pretty(&registration_body())?);
    } else {
        for c in COMMANDS {
            if c.on_messages() {
                println!(
                    "{} (in a message's Apps menu): answers that message",
                    c.name()
                );
            } else {
                println!("/{:<9} {}", c.name(), c.description());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_ranges_parse() {
        assert_eq!(parse_range("0..2"), Ok(0..2));
        assert!(parse_range("2..2").is_err());
        assert!(parse_range("x..2").is_err());
        assert!(parse_range("3").is_err());
    }

    #[test]
    fn run_flags_parse() {
        use clap::Parser;
        #[derive(Parser)]
        struct Cli {
            #[command(flatten)]
            run: RunArgs,
        }
        let cli = Cli::try_parse_from(["x", "--metrics-listen", "127.0.0.1:9100"]).unwrap();
        assert_eq!(
            cli.run.metrics_listen,
            Some("127.0.0.1:9100".parse().unwrap())
        );
        assert!(cli.run.shards.is_none() && cli.run.shard_range.is_none());
        assert!(Cli::try_parse_from(["x", "--metrics-listen", "nowhere"]).is_err());
        assert!(
            Cli::try_parse_from(["x", "--shards", "2"]).is_err(),
            "needs a range"
        );
    }
}
