//! The gateway transport: a serenity client whose event handler turns each INTERACTION_CREATE
//! into an [`Incoming`], lets the [`Bot`] handle it off the async threads, sends the response,
//! then runs the follow-up work. Needs no privileged intent (interactions arrive regardless of
//! intents). Registers the commands on READY when configured to. Runs the bot's [`Upkeep`] while
//! it serves.
//!
//! Sized by Discord: without a shard range it runs the shard count Discord recommends
//! (`GET /gateway/bot`); several processes split the shards with `--shard-range A..B --shards N`.
//! Observable: with [`GatewaySettings::metrics_listen`] it serves `GET /healthz` and
//! `GET /metrics` (the same as the HTTP face's, plus the shards) on that address.

use std::future::Future;
use std::net::SocketAddr;
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use axum::Router;
use axum::routing::get;
use serenity::all::{ConnectionStage, ShardStageUpdateEvent};

use serenity::all::{Context, EventHandler, GatewayIntents, Interaction, Ready};
use serenity::async_trait;
use serenity::http::HttpBuilder;
use serenity::model::id::ApplicationId;

use crate::discord::bot::Bot;
use crate::discord::commands::registration_body;
use crate::discord::http::{command_label, health_of, metric, metrics_handle, metrics_of};
use crate::discord::incoming::Incoming;
use crate::discord::message::{Reply, Response};
use crate::discord::rest::Rest;
use crate::discord::upkeep::Upkeep;
use crate::i18n::Locale;
use crate::tr;

/// How to connect.
#[derive(Debug, Clone)]
pub struct GatewaySettings {
    /// Bot token.
    pub token: String,
    /// REST base replacing `https://discord.com` (a proxy, or the tests' fake).
    pub api_base: Option<String>,
    /// Application id, when known before READY.
    pub application_id: Option<u64>,
    /// Register commands in this guild rather than globally.
    pub guild_id: Option<u64>,
    /// Register the commands on READY.
    pub register_on_start: bool,
    /// Shards this process runs, and the total (`--shard-range A..B --shards N`); `None`: one
    /// process, Discord's recommended count.
    pub shards: Option<(Range<u32>, u32)>,
    /// Serve `GET /healthz` and `GET /metrics` on this address.
    pub metrics_listen: Option<SocketAddr>,
}

struct Handler {
    bot: Bot,
    settings: GatewaySettings,
    registered: AtomicBool,
    /// Shards of this process connected now.
    ready: Arc<AtomicU32>,
}

impl Handler {
    fn rest(&self, ctx: &Context) -> Rest {
        Rest::from_http(Arc::clone(&ctx.http), self.settings.api_base.as_deref())
    }
}

#[async_trait]
impl EventHandler for Handler {
    async fn ready(&self, ctx: Context, ready: Ready) {
        tracing::info!(user = %ready.user.name, guilds = ready.guilds.len(), shard = ?ready.shard, "connected to the gateway");
        if let Some(shard) = ready.shard {
            metrics::gauge!(metric::GATEWAY_SHARDS_TOTAL).set(f64::from(shard.total));
        }
        let rest = self.rest(&ctx);
        rest.learn_application_id(ready.application.id.get());
        if self.settings.register_on_start && !self.registered.swap(true, Ordering::SeqCst) {
            match rest
                .register(&registration_body(), self.settings.guild_id)
                .await
            {
                Ok(n) => {
                    tracing::info!(commands = n, guild = ?self.settings.guild_id, "commands registered")
                }
                Err(e) => {
                    self.registered.store(false, Ordering::SeqCst);
                    tracing::error!(error = %e, "command registration failed");
                }
            }
        }
    }

    /// Counts the shards connected (READY or RESUMED) for `/metrics`.
    async fn shard_stage_update(&self, _: Context, event: ShardStageUpdateEvent) {
        let was = matches!(event.old, ConnectionStage::Connected);
        let is = matches!(event.new, ConnectionStage::Connected);
        let now = match (was, is) {
            (false, true) => self.ready.fetch_add(1, Ordering::SeqCst).saturating_add(1),
            (true, false) => {
                tracing::warn!(shard = ?event.shard_id, stage = ?event.new, "a shard lost its gateway connection");
                self.ready
                    .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
                        Some(n.saturating_sub(1))
                    })
                    .map_or(0, |n| n.saturating_sub(1))
            }
            _ => return,
        };
        metrics::gauge!(metric::GATEWAY_SHARDS_READY).set(f64::from(now));
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        let rest = self.rest(&ctx);
        let (id, token) = (interaction.id().get(), interaction.token().to_string());
        let json = to_json(&interaction);
        // The member's language, even when the rest cannot be read.
        let lang = Locale::from_discord(
            json.as_ref()
                .ok()
                .and_then(|v| v.get("locale"))
                .and_then(serde_json::Value::as_str),
        );
        let parsed = json.and_then(|v| Incoming::from_json(&v).map_err(|e| e.to_string()));
        let incoming = match parsed {
            Ok(i) => i,
            Err(e) => {
                tracing::warn!(error = %e, interaction = id, "interaction not understood");
                let reply = Response::message(Reply::ephemeral(tr!(lang, "unreadable")));
                if let Err(e) = rest.respond(id, &token, &reply).await {
                    tracing::warn!(error = %e, "could not answer an unreadable interaction");
                }
                return;
            }
        };
        rest.learn_application_id(incoming.application_id);
        metrics::counter!(metric::GATEWAY_INTERACTIONS, "command" => command_label(&incoming.kind))
            .increment(1);
        handle_and_respond(&self.bot, incoming, rest).await;
    }
}

/// serenity's interaction back in Discord's JSON shape. serenity writes the interaction's `type`
/// only through the enum it parsed it into, so it is put back here.
fn to_json(interaction: &Interaction) -> Result<serde_json::Value, String> {
    let mut v = serde_json::to_value(interaction).map_err(|e| e.to_string())?;
    let kind = match interaction {
        Interaction::Ping(_) => 1,
        Interaction::Command(_) => 2,
        Interaction::Component(_) => 3,
        Interaction::Autocomplete(_) => 4,
        Interaction::Modal(_) => 5,
        _ => 0,
    };
    if let Some(map) = v.as_object_mut() {
        map.insert("type".into(), kind.into());
    }
    Ok(v)
}

/// Handles an interaction off the async threads, sends the first response, then runs any
/// follow-up work. A panic in a handler becomes an ephemeral error message, not a dead bot.
pub async fn handle_and_respond(bot: &Bot, incoming: Incoming, rest: Rest) {
    let (id, token, lang) = (incoming.id, incoming.token.clone(), incoming.lang);
    let worker = bot.clone();
    let handled = match tokio::task::spawn_blocking(move || worker.handle(&incoming)).await {
        Ok(h) => h,
        Err(e) => {
            tracing::error!(error = %e, interaction = id, "handler panicked");
            let reply = Response::message(Reply::ephemeral(tr!(lang, "failed")));
            let _ = rest.respond(id, &token, &reply).await;
            return;
        }
    };
    if let Err(e) = rest.respond(id, &token, &handled.response).await {
        tracing::error!(error = %e, interaction = id, "could not send the interaction response");
        return;
    }
    if let Some(work) = handled.work {
        let bot = bot.clone();
        tokio::spawn(async move { bot.run(work, &rest).await });
    }
}

/// Connects to the gateway and serves until `shutdown` completes, then closes the shards cleanly.
/// Meanwhile the bot's [`Upkeep`] runs (index generations built elsewhere, pruning).
///
/// # Errors
/// When the client cannot be built or the gateway connection fails for good (bad token…).
pub async fn run(
    bot: Bot,
    settings: GatewaySettings,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let mut http = HttpBuilder::new(&settings.token);
    if let Some(base) = &settings.api_base {
        http = http.proxy(base.as_str()).ratelimiter_disabled(true);
    }
    if let Some(app) = settings.application_id {
        http = http.application_id(ApplicationId::new(app));
    }
    let shards = settings.shards.clone();
    let observed = match settings.metrics_listen {
        Some(addr) => Some(serve_observability(addr, bot.clone()).await?),
        None => None,
    };
    let mut upkeep = Upkeep::new(&bot);
    if observed.is_some() {
        upkeep = upkeep.metrics(metrics_handle());
    }
    let _upkeep = upkeep.spawn();
    let handler = Handler {
        bot,
        settings,
        registered: AtomicBool::new(false),
        ready: Arc::new(AtomicU32::new(0)),
    };
    let mut client =
        serenity::client::ClientBuilder::new_with_http(http.build(), GatewayIntents::empty())
            .event_handler(handler)
            .await
            .map_err(|e| anyhow::anyhow!("cannot build the Discord client: {e}"))?;
    let manager = Arc::clone(&client.shard_manager);
    let stopper = tokio::spawn(async move {
        shutdown.await;
        tracing::info!("shutting the shards down");
        manager.shutdown_all().await;
    });
    let result = match shards {
        Some((range, total)) => {
            tracing::info!(shards = ?range, total, "starting the shards given");
            metrics::gauge!(metric::GATEWAY_SHARDS_TOTAL).set(f64::from(total));
            client.start_shard_range(range, total).await
        }
        None => {
            // serenity asks Discord (`GET /gateway/bot`) and starts every shard it recommends.
            tracing::info!("starting the shard count Discord recommends");
            client.start_autosharded().await
        }
    };
    stopper.abort();
    if let Some(observed) = observed {
        observed.abort();
    }
    result.map_err(|e| anyhow::anyhow!("gateway connection failed: {e}"))
}

/// Serves `GET /healthz` and `GET /metrics` for `bot` on `addr` until the returned task is
/// aborted.
///
/// # Errors
/// When `addr` cannot be bound.
async fn serve_observability(
    addr: SocketAddr,
    bot: Bot,
) -> anyhow::Result<tokio::task::JoinHandle<()>> {
    let handle = metrics_handle();
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {addr} for /healthz and /metrics: {e}"))?;
    let health_bot = bot.clone();
    let app = Router::new()
        .route(
            "/healthz",
            get(move || {
                let bot = health_bot.clone();
                async move { health_of(&bot).await }
            }),
        )
        .route(
            "/metrics",
            get(move || {
                let (bot, handle) = (bot.clone(), handle.clone());
                async move { metrics_of(&bot, &handle) }
            }),
        );
    tracing::info!(addr = %listener.local_addr().unwrap_or(addr), "serving /healthz and /metrics");
    Ok(tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, app).await {
            tracing::error!(error = %e, "the /healthz and /metrics server failed");
        }
    }))
}
