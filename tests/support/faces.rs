//! The bot behind either transport, for tests that run one scenario on both: the gateway
//! (serenity against the fake Discord) or the signed HTTP endpoint on 127.0.0.1 (its follow-ups
//! going to the fake). Every response is checked against Discord's limits; over HTTP the fake
//! also takes it as the callback, refusing what Discord would refuse.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use careerbot::config::{BotConfig, SearchConfig};
use careerbot::corpus::SeedSource;
use careerbot::discord::bot::Bot;
use careerbot::discord::gateway::{self, GatewaySettings};
use careerbot::discord::http::{self, HttpState};
use careerbot::discord::rest::Rest;
use careerbot::engine::{Engine, EngineSettings, Library};
use careerbot::search::BuildOptions;
use careerbot::store::Store;
use ed25519_dalek::{Signer, SigningKey};
use serde_json::Value;
use tokio::sync::oneshot;

use super::checks::{check_message, check_response};
use super::dirs::Dirs;
use super::fake_discord::{FakeDiscord, GUILD_ID, RecordedRequest};

/// How long a test waits for the bot.
pub const WAIT: Duration = Duration::from_secs(30);

/// A bot over the guides of `d`, without cooldowns.
pub fn bot(d: &Dirs) -> Bot {
    let (library, _) = Library::open(
        SeedSource::Dir(d.seeds.clone()),
        &d.index,
        BuildOptions::default(),
        careerbot::vocab::Vocabulary::shipped(),
    )
    .unwrap();
    let store = Store::open(&d.data.join("careerbot.sqlite3")).unwrap();
    let engine = Engine::new(
        library,
        EngineSettings::new(&SearchConfig::default(), &d.data),
    );
    let config = BotConfig {
        data_dir: d.data.clone(),
        cooldown_seconds: 0,
        ..BotConfig::default()
    };
    Bot::new(engine, store, config)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The HTTP endpoint, and how to sign for it.
pub struct HttpFace {
    addr: SocketAddr,
    key: SigningKey,
    client: reqwest::Client,
}

/// One transport to the bot, with the fake Discord its REST calls go to.
pub struct Face {
    fake: FakeDiscord,
    http: Option<HttpFace>,
    stop: oneshot::Sender<()>,
    task: tokio::task::JoinHandle<Result<(), String>>,
}

impl Face {
    /// The bot over the gateway, connected and ready.
    pub async fn gateway(d: &Dirs) -> Face {
        let fake = FakeDiscord::start().await;
        let settings = GatewaySettings {
            token: "test-token".into(),
            api_base: Some(fake.base_url()),
            application_id: None,
            guild_id: Some(GUILD_ID),
            register_on_start: true,
            shards: None,
            metrics_listen: None,
        };
        let (stop, rx) = oneshot::channel::<()>();
        let bot = bot(d);
        let task = tokio::spawn(async move {
            gateway::run(bot, settings, async move {
                let _ = rx.await;
            })
            .await
            .map_err(|e| e.to_string())
        });
        fake.wait_ready(WAIT).await.expect("the bot connects");
        Face {
            fake,
            http: None,
            stop,
            task,
        }
    }

    /// The bot behind its HTTP endpoint.
    pub async fn http(d: &Dirs) -> Face {
        let fake = FakeDiscord::start().await;
        let key = SigningKey::generate(&mut rand_core::OsRng);
        let rest = Rest::new("test-token", Some(&fake.base_url()), None);
        let state = HttpState::new(bot(d), &hex(key.verifying_key().as_bytes()), Some(rest))
            .unwrap()
            .refresh_every(Duration::from_millis(100));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            http::serve(listener, state, async move {
                let _ = rx.await;
            })
            .await
            .map_err(|e| e.to_string())
        });
        Face {
            fake,
            http: Some(HttpFace {
                addr,
                key,
                client: reqwest::Client::builder().timeout(WAIT).build().unwrap(),
            }),
            stop,
            task,
        }
    }

    /// The fake Discord the bot's REST calls go to.
    pub fn fake(&self) -> &FakeDiscord {
        &self.fake
    }

    /// Which transport, for messages.
    pub fn name(&self) -> &'static str {
        if self.http.is_some() {
            "http"
        } else {
            "gateway"
        }
    }

    /// Sends an interaction; returns the bot's first response (`{type, data}`), checked against
    /// Discord's limits (and, over HTTP, accepted by the fake as the callback).
    pub async fn interact(&self, interaction: &Value) -> Value {
        let token = interaction["token"].as_str().unwrap().to_string();
        let response = match &self.http {
            None => {
                self.fake.send_interaction(interaction.clone()).await;
                let cb = self
                    .fake
                    .wait_for_request(WAIT, |r| {
                        r.matches("POST", "/interactions/*/*/callback") && r.path.contains(&token)
                    })
                    .await
                    .expect("the bot answers the interaction");
                assert_eq!(cb.status, 204, "the fake accepted it: {:?}", cb.response);
                cb.json.expect("a JSON callback")
            }
            Some(h) => {
                let body = serde_json::to_vec(interaction).unwrap();
                let at = SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .unwrap()
                    .as_secs()
                    .to_string();
                let mut signed = at.clone().into_bytes();
                signed.extend_from_slice(&body);
                let r = h
                    .client
                    .post(format!("http://{}/interactions", h.addr))
                    .header("x-signature-ed25519", hex(&h.key.sign(&signed).to_bytes()))
                    .header("x-signature-timestamp", at)
                    .header("content-type", "application/json")
                    .body(body)
                    .send()
                    .await
                    .expect("the endpoint answers");
                assert_eq!(r.status().as_u16(), 200);
                let content_type = r
                    .headers()
                    .get("content-type")
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string);
                let bytes = r.bytes().await.unwrap();
                self.fake
                    .answered_over_http(interaction, content_type.as_deref(), &bytes)
                    .unwrap_or_else(|e| panic!("Discord would refuse this response: {e}"));
                serde_json::from_slice(&bytes).expect("a JSON response")
            }
        };
        check_response(&response);
        response
    }

    /// The edit of a deferred response whose message satisfies `what`, checked against Discord's
    /// limits.
    pub async fn edited(&self, interaction: &Value, what: impl Fn(&Value) -> bool) -> Value {
        let token = interaction["token"].as_str().unwrap().to_string();
        let req = self
            .fake
            .wait_for_request(WAIT, |r| {
                r.matches("PATCH", "/webhooks/*/*/messages/@original")
                    && r.path.contains(&token)
                    && r.json.as_ref().is_some_and(&what)
            })
            .await
            .expect("the bot edits its response");
        let body = req.json.clone().expect("a JSON edit");
        check_message(&body);
        body
    }

    /// The first edit of a deferred response (its JSON and files), checked against Discord's
    /// limits.
    pub async fn edit(&self, interaction: &Value) -> RecordedRequest {
        let token = interaction["token"].as_str().unwrap().to_string();
        let req = self
            .fake
            .wait_for_request(WAIT, |r| {
                r.matches("PATCH", "/webhooks/*/*/messages/@original") && r.path.contains(&token)
            })
            .await
            .expect("the bot edits its response");
        assert!(
            req.status < 300,
            "the fake accepted the edit: {:?}",
            req.response
        );
        check_message(req.json.as_ref().expect("a JSON edit"));
        req
    }

    /// The message an interaction's response became, as Discord shows it.
    pub fn message(&self, interaction: &Value) -> Value {
        let token = interaction["token"].as_str().unwrap();
        self.fake
            .original_response(token)
            .expect("the response is a message")
    }

    /// Stops the bot (or the endpoint), then the fake.
    pub async fn stop(self) {
        let _ = self.stop.send(());
        tokio::time::timeout(WAIT, self.task)
            .await
            .expect("the bot stops")
            .unwrap()
            .unwrap();
        self.fake.shutdown().await;
    }
}
