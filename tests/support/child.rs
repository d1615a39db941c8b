//! A `careerbot serve` process under test, for crash tests: started on given directories with
//! its follow-ups going to a fake Discord, sent signed interactions over HTTP, killed with
//! SIGKILL (no chance to flush or clean up), and the acknowledgement checks run after the kill
//! on the database it left.
//!
//! What "acknowledged" means here is what a user would see: an answer response with buttons
//! (its answer id is in them), a vote's "Thanks", a pin's "📌 Pinned" edit. Each check opens the
//! database after the kill and looks for the row behind every acknowledgement, and for pins
//! half done (pending, or pinned on Discord without a confirmed row).
#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use ed25519_dalek::{Signer, SigningKey};
use serde_json::{Value, json};

use super::checks::{custom_ids, text_of};
use super::dirs::Dirs;
use super::fake_discord::{FakeDiscord, button_click, slash_command};

/// How long a process may take to answer its first PING.
const START_WAIT: Duration = Duration::from_secs(60);
/// The longest one request may take.
const REQUEST_WAIT: Duration = Duration::from_secs(10);
/// The database file inside the data directory (when no `database.url` names another).
pub const DATABASE_FILE: &str = careerbot::store::SQLITE_FILE;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// A running `careerbot serve`.
pub struct Serve {
    pub port: u16,
    key: SigningKey,
    /// Taken by [`Serve::kill9`].
    process: std::sync::Mutex<Option<tokio::process::Child>>,
    client: reqwest::Client,
}

impl Serve {
    /// Starts `careerbot serve` on `dirs` (the index is built on the first start), its REST
    /// calls going to `fake`, no cooldown and no repeated-question pointer (every question is
    /// answered); waits until it answers a signed PING. Its log goes to `data/serve.log`.
    pub async fn start(dirs: &Dirs, fake: &FakeDiscord) -> Serve {
        Serve::start_with(dirs, fake, &[]).await
    }

    /// As [`Serve::start`], with more environment variables (which win over the defaults), e.g.
    /// `CAREERBOT_DATABASE_URL`.
    pub async fn start_with(dirs: &Dirs, fake: &FakeDiscord, env: &[(&str, &str)]) -> Serve {
        std::fs::create_dir_all(&dirs.data).unwrap();
        let key = SigningKey::from_bytes(&[9u8; 32]);
        let port = {
            let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            probe.local_addr().unwrap().port()
        };
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(dirs.data.join("serve.log"))
            .unwrap();
        let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_careerbot"));
        command
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("RUST_LOG", "warn")
            .env("CAREERBOT_SEEDS_DIR", &dirs.seeds)
            .env("CAREERBOT_INDEX_DIR", &dirs.index)
            .env("CAREERBOT_DATA_DIR", &dirs.data)
            .env("CAREERBOT_COOLDOWN_SECONDS", "0")
            .env("CAREERBOT_DUPLICATE_WINDOW_SECONDS", "0")
            .env("DISCORD_PUBLIC_KEY", hex(key.verifying_key().as_bytes()))
            .env("DISCORD_TOKEN", "test-token")
            .env("DISCORD_API_BASE", fake.base_url())
            .current_dir(&dirs.seeds)
            .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::from(log))
            .kill_on_drop(true);
        for (k, v) in env {
            command.env(k, v);
        }
        let process = command.spawn().unwrap();
        let serve = Serve {
            port,
            key,
            process: std::sync::Mutex::new(Some(process)),
            client: reqwest::Client::builder()
                .timeout(REQUEST_WAIT)
                .build()
                .unwrap(),
        };
        let ping =
            json!({ "id": "1", "application_id": "2", "type": 1, "token": "t", "version": 1 });
        let deadline = Instant::now() + START_WAIT;
        while serve.post_raw(&ping).await.is_err() {
            assert!(Instant::now() < deadline, "careerbot serve never answered");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        serve
    }

    /// `GET path` (e.g. `/healthz`): the status and the body.
    pub async fn get(&self, path: &str) -> Result<(u16, String), String> {
        let r = self
            .client
            .get(format!("http://127.0.0.1:{}{path}", self.port))
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let status = r.status().as_u16();
        Ok((status, r.text().await.map_err(|e| e.to_string())?))
    }

    async fn post_raw(&self, interaction: &Value) -> Result<(Option<String>, Vec<u8>), String> {
        let body = serde_json::to_vec(interaction).unwrap();
        let ts = now().to_string();
        let mut message = ts.clone().into_bytes();
        message.extend_from_slice(&body);
        let signature = hex(&self.key.sign(&message).to_bytes());
        let r = self
            .client
            .post(format!("http://127.0.0.1:{}/interactions", self.port))
            .header("x-signature-ed25519", signature)
            .header("x-signature-timestamp", ts)
            .body(body)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        if r.status() != 200 {
            return Err(format!("status {}", r.status()));
        }
        let content_type = r
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_string());
        let bytes = r.bytes().await.map_err(|e| e.to_string())?;
        Ok((content_type, bytes.to_vec()))
    }

    /// Sends `interaction` as Discord does and hands the response to `fake` (so the answer's
    /// message exists there, as on Discord). `Err` when the process did not answer (killed).
    pub async fn interact(&self, fake: &FakeDiscord, interaction: &Value) -> Result<Value, String> {
        let (content_type, body) = self.post_raw(interaction).await?;
        fake.answered_over_http(interaction, content_type.as_deref(), &body)
            .map_err(|e| {
                format!(
                    "Discord would refuse this response: {e}\n{}",
                    String::from_utf8_lossy(&body)
                )
            })?;
        serde_json::from_slice(&body).map_err(|e| e.to_string())
    }

    /// SIGTERM, then waits (bounded) for a clean exit; panics if it does not exit cleanly.
    pub async fn stop(&self) {
        let taken = self.process.lock().unwrap().take();
        if let Some(mut process) = taken {
            let pid = process.id().expect("a running process");
            // SAFETY: signals the child we started and still hold (not yet reaped).
            unsafe {
                libc::kill(pid as i32, libc::SIGTERM);
            }
            let status = tokio::time::timeout(START_WAIT, process.wait())
                .await
                .expect("careerbot serve stops within the timeout on SIGTERM")
                .unwrap();
            assert!(status.success(), "clean exit on SIGTERM: {status:?}");
        }
    }

    /// SIGKILL: the process gets no chance to flush, commit or clean up. Requests in flight
    /// then fail; callers may still hold the `Serve`.
    pub async fn kill9(&self) {
        let taken = self.process.lock().unwrap().take();
        if let Some(mut process) = taken {
            process.start_kill().unwrap();
            let _ = process.wait().await;
        }
    }
}

/// An `/ask` by a new member, in the fixtures' channel.
pub fn ask(question: &str) -> Value {
    let mut ix = slash_command(
        "ask",
        json!([{ "type": 3, "name": "question", "value": question }]),
        super::fake_discord::PERMS_MEMBER,
    );
    ix["member"]["user"]["id"] = json!(super::fake_discord::next_snowflake().to_string());
    ix
}

/// The answer id an answer's buttons carry, if it has buttons.
pub fn answer_id(message: &Value) -> Option<String> {
    custom_ids(message)
        .iter()
        .find_map(|id| id.strip_prefix("src:").map(str::to_string))
}

/// A click on `custom_id` under `message` by the member `user` with `perms`.
pub fn click(custom_id: &str, message: &Value, user: u64, perms: u64) -> Value {
    let mut ix = button_click(custom_id, Some(message.clone()), perms);
    ix["member"]["user"]["id"] = json!(user.to_string());
    ix
}

/// What a crash left: the database, opened after the kill.
pub struct Left {
    /// The SQLite file.
    db: Option<rusqlite::Connection>,
    /// A PostgreSQL database, read through the store.
    store: Option<careerbot::store::Store>,
}

impl Left {
    /// Opens the database a killed process left: the PostgreSQL database `url` names, else the
    /// SQLite file in `data` (see [`Left::open`]).
    pub fn open_on(data: &Path, url: Option<&str>) -> Left {
        match url {
            Some(url) => Left {
                db: None,
                store: Some(careerbot::store::Store::open_postgres(url).unwrap()),
            },
            None => Left::open(data),
        }
    }

    fn file(&self) -> &rusqlite::Connection {
        self.db
            .as_ref()
            .expect("read through SQL only on SQLite (not on PostgreSQL)")
    }

    /// Opens the database a killed process left (the next start would open it the same way:
    /// SQLite replays or discards its WAL).
    pub fn open(data: &Path) -> Left {
        let path: PathBuf = data.join(DATABASE_FILE);
        // Store::open brings the schema up to date and checks the file; then a plain
        // connection reads it.
        drop(careerbot::store::Store::open(&path).unwrap());
        Left {
            db: Some(rusqlite::Connection::open(&path).unwrap()),
            store: None,
        }
    }

    /// Whether the answer `id` is stored.
    pub fn has_answer(&self, id: &str) -> bool {
        if let Some(store) = &self.store {
            return store.answer(id).unwrap().is_some();
        }
        self.file()
            .query_row(
                "SELECT COUNT(*) FROM answers WHERE answer_id = ?1",
                [id],
                |r| r.get::<_, i64>(0),
            )
            .unwrap()
            == 1
    }

    /// The stored vote of `user` on answer `id`: `Some(up)`.
    pub fn vote(&self, id: &str, user: u64) -> Option<bool> {
        self.file()
            .query_row(
                "SELECT up FROM feedback WHERE answer_id = ?1 AND user_id = ?2",
                rusqlite::params![id, user.cast_signed()],
                |r| r.get::<_, bool>(0),
            )
            .ok()
    }

    /// Messages with a confirmed pin.
    pub fn confirmed_pins(&self) -> BTreeSet<u64> {
        if let Some(store) = &self.store {
            return store
                .curated_for_guild(super::fake_discord::GUILD_ID)
                .unwrap()
                .iter()
                .filter_map(|c| c.message_id)
                .collect();
        }
        self.pins(1)
    }

    /// Messages with a pin recorded pending (a pin a crash interrupted, awaiting repair).
    pub fn pending_pins(&self) -> BTreeSet<u64> {
        if let Some(store) = &self.store {
            return store
                .pending_pins(i64::MAX)
                .unwrap()
                .iter()
                .filter_map(|p| p.message_id)
                .collect();
        }
        self.pins(0)
    }

    fn pins(&self, confirmed: i64) -> BTreeSet<u64> {
        let mut stmt = self
            .file()
            .prepare(
                "SELECT message_id FROM curated WHERE confirmed = ?1 AND message_id IS NOT NULL",
            )
            .unwrap();
        stmt.query_map([confirmed], |r| r.get::<_, i64>(0))
            .unwrap()
            .map(|m| m.unwrap().cast_unsigned())
            .collect()
    }
}

/// Whether a pin's deferred response was edited to say it was pinned: the moderator was told.
pub fn told_pinned(fake: &FakeDiscord, click: &Value) -> bool {
    let token = click["token"].as_str().unwrap();
    fake.original_response(token)
        .is_some_and(|m| text_of(&m).contains("📌 Pinned"))
}

/// A running `careerbot run` (the gateway face) against a fake Discord, serving `/healthz` and
/// `/metrics` on a port of its own (`--metrics-listen`). Its log goes to `data/run.log`.
pub struct Run {
    /// The `--metrics-listen` port.
    pub port: u16,
    process: std::sync::Mutex<Option<tokio::process::Child>>,
    client: reqwest::Client,
}

impl Run {
    /// Starts `careerbot run --metrics-listen 127.0.0.1:PORT` with `args` more, on `dirs`, its
    /// REST and gateway the fake's; waits (bounded) until `/healthz` answers.
    pub async fn start(dirs: &Dirs, fake: &FakeDiscord, args: &[&str]) -> Run {
        std::fs::create_dir_all(&dirs.data).unwrap();
        let port = {
            let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            probe.local_addr().unwrap().port()
        };
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(dirs.data.join("run.log"))
            .unwrap();
        let listen = format!("127.0.0.1:{port}");
        let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_careerbot"));
        command
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("RUST_LOG", "info")
            .env("CAREERBOT_SEEDS_DIR", &dirs.seeds)
            .env("CAREERBOT_INDEX_DIR", &dirs.index)
            .env("CAREERBOT_DATA_DIR", &dirs.data)
            .env("CAREERBOT_COOLDOWN_SECONDS", "0")
            .env("DISCORD_TOKEN", "test-token")
            .env("DISCORD_API_BASE", fake.base_url())
            .current_dir(&dirs.seeds)
            .args(["run", "--metrics-listen", &listen])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::from(log))
            .kill_on_drop(true);
        let run = Run {
            port,
            process: std::sync::Mutex::new(Some(command.spawn().unwrap())),
            client: reqwest::Client::builder()
                .timeout(REQUEST_WAIT)
                .build()
                .unwrap(),
        };
        let deadline = Instant::now() + START_WAIT;
        while run.get("/healthz").await.is_err() {
            assert!(
                Instant::now() < deadline,
                "careerbot run never served /healthz: {}",
                std::fs::read_to_string(dirs.data.join("run.log")).unwrap_or_default()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        run
    }

    /// `GET path` on the `--metrics-listen` port: the status and the body.
    pub async fn get(&self, path: &str) -> Result<(u16, String), String> {
        let r = self
            .client
            .get(format!("http://127.0.0.1:{}{path}", self.port))
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let status = r.status().as_u16();
        Ok((status, r.text().await.map_err(|e| e.to_string())?))
    }

    /// SIGTERM, then waits (bounded) for a clean exit; panics if it does not exit cleanly.
    pub async fn stop(&self) {
        let taken = self.process.lock().unwrap().take();
        if let Some(mut process) = taken {
            let pid = process.id().expect("a running process");
            // SAFETY: signals the child we started and still hold (not yet reaped).
            unsafe {
                libc::kill(pid as i32, libc::SIGTERM);
            }
            let status = tokio::time::timeout(START_WAIT, process.wait())
                .await
                .expect("careerbot run stops within the timeout on SIGTERM")
                .unwrap();
            assert!(status.success(), "clean exit on SIGTERM: {status:?}");
        }
    }
}
