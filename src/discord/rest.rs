//! Discord's REST API as the bot uses it, through serenity's HTTP client: interaction callbacks,
//! followups and edits of the original response, pins, message deletion, command registration
//! and attachment downloads. With an API base configured (a rate-limit proxy, or the tests' fake
//! Discord) every call goes there: serenity honours `HttpBuilder::proxy` only with its own
//! ratelimiter disabled, which is right behind a proxy (rate limiting is then the proxy's job).

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use serenity::builder::CreateAttachment;
use serenity::http::{Http, HttpBuilder};
use serenity::model::id::{ApplicationId, ChannelId, GuildId, InteractionId, MessageId};

use crate::discord::message::{File, Reply, Response};

/// Largest attachment the bot downloads (guides are at most 1 MB).
pub const MAX_DOWNLOAD_BYTES: u64 = 1024 * 1024;
/// The longest a download may take, connection included.
const DOWNLOAD_TIMEOUT: Duration = Duration::from_secs(60);

/// The client attachments are downloaded with: no redirects, bounded in time. serenity's own
/// client follows redirects (to any host) and reads a whole body before anyone can look at it.
fn downloader() -> &'static reqwest::Client {
    static CLIENT: OnceLock<reqwest::Client> = OnceLock::new();
    CLIENT.get_or_init(|| {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(10))
            .timeout(DOWNLOAD_TIMEOUT)
            .build()
            .unwrap_or_else(|e| {
                tracing::error!(error = %e, "download client not built as configured; using the default");
                reqwest::Client::new()
            })
    })
}

/// A REST failure, with Discord's JSON error code when it sent one.
#[derive(Debug, thiserror::Error)]
#[error("Discord API error{}: {message}", code.map(|c| format!(" {c}")).unwrap_or_default())]
pub struct RestError {
    /// Discord's error code (e.g. 30003: too many pins), if any.
    pub code: Option<isize>,
    /// HTTP status, if any.
    pub status: Option<u16>,
    /// What went wrong.
    pub message: String,
}

impl From<serenity::Error> for RestError {
    fn from(e: serenity::Error) -> Self {
        match &e {
            serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(r)) => RestError {
                code: Some(r.error.code),
                status: Some(r.status_code.as_u16()),
                message: r.error.message.clone(),
            },
            _ => RestError {
                code: None,
                status: None,
                message: redact_tokens(&e.to_string()),
            },
        }
    }
}

/// Hides interaction tokens in URLs that HTTP errors quote (`/webhooks/{app}/{token}`,
/// `/interactions/{id}/{token}`): they let anyone edit the bot's answer for 15 minutes.
fn redact_tokens(message: &str) -> String {
    static TOKEN_IN_URL: once_cell::sync::Lazy<regex::Regex> = once_cell::sync::Lazy::new(|| {
        regex::Regex::new(r"(/(?:webhooks|interactions)/\d+/)[^/\s)?]+").expect("valid pattern")
    });
    TOKEN_IN_URL
        .replace_all(message, "${1}<token>")
        .into_owned()
}

/// Discord error code: the channel already has the maximum number of pins.
pub const TOO_MANY_PINS: isize = 30003;

/// The bot's REST client. Cloning is shallow.
#[derive(Clone)]
pub struct Rest {
    http: Arc<Http>,
    api_base: Option<String>,
}

impl std::fmt::Debug for Rest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rest")
            .field("api_base", &self.api_base)
            .finish_non_exhaustive()
    }
}

fn attachments(files: &[File]) -> Vec<CreateAttachment> {
    files
        .iter()
        .map(|f| CreateAttachment::bytes(f.bytes.clone(), f.name.clone()))
        .collect()
}

impl Rest {
    /// A client for `token`, sending every call to `api_base` when given.
    pub fn new(token: &str, api_base: Option<&str>, application_id: Option<u64>) -> Rest {
        let mut builder = HttpBuilder::new(token);
        if let Some(base) = api_base {
            builder = builder.proxy(base).ratelimiter_disabled(true);
        }
        if let Some(id) = application_id {
            builder = builder.application_id(ApplicationId::new(id));
        }
        Rest {
            http: Arc::new(builder.build()),
            api_base: api_base.map(str::to_string),
        }
    }

    /// Wraps serenity's client (the gateway's own).
    pub fn from_http(http: Arc<Http>, api_base: Option<&str>) -> Rest {
        Rest {
            http,
            api_base: api_base.map(str::to_string),
        }
    }

    /// serenity's client.
    pub fn http(&self) -> &Arc<Http> {
        &self.http
    }

    /// Sets the application id (learnt from READY or from an interaction) if it was unknown.
    pub fn learn_application_id(&self, id: u64) {
        if self.http.application_id().is_none() && id != 0 {
            self.http.set_application_id(ApplicationId::new(id));
        }
    }

    /// The first response to an interaction.
    ///
    /// # Errors
    /// Any REST failure.
    pub async fn respond(
        &self,
        interaction_id: u64,
        token: &str,
        response: &Response,
    ) -> Result<(), RestError> {
        self.http
            .create_interaction_response(
                InteractionId::new(interaction_id),
                token,
                response,
                attachments(response.files()),
            )
            .await
            .map_err(Into::into)
    }

    /// Replaces the original response (after a deferral, or to show progress).
    ///
    /// # Errors
    /// Any REST failure.
    pub async fn edit_original(&self, token: &str, reply: Reply) -> Result<(), RestError> {
        let reply = reply.finish();
        self.http
            .edit_original_interaction_response(token, &reply, attachments(&reply.files))
            .await?;
        Ok(())
    }

    /// A further message after the response.
    ///
    /// # Errors
    /// Any REST failure.
    pub async fn followup(&self, token: &str, reply: Reply) -> Result<(), RestError> {
        let reply = reply.finish();
        self.http
            .create_followup_message(token, &reply, attachments(&reply.files))
            .await?;
        Ok(())
    }

    /// The id of the message the original response became.
    ///
    /// # Errors
    /// Any REST failure.
    pub async fn original_message_id(&self, token: &str) -> Result<u64, RestError> {
        Ok(self
            .http
            .get_original_interaction_response(token)
            .await?
            .id
            .get())
    }

    /// Starts a public thread from a message (`POST /channels/{c}/messages/{m}/threads`) named
    /// `name` (cut to Discord's 100 characters); returns the thread's id.
    ///
    /// # Errors
    /// The API's error: 403 (50013) without Create Public Threads, 400 (160004) when the message
    /// already has a thread, 404 (10008) for an unknown message.
    pub async fn create_thread(
        &self,
        channel: u64,
        message: u64,
        name: &str,
    ) -> Result<u64, RestError> {
        #[derive(serde::Serialize)]
        struct NewThread {
            name: String,
            auto_archive_duration: u16,
        }
        let name = crate::discord::message::truncate(name, 100);
        let thread = self
            .http
            .create_thread_from_message(
                ChannelId::new(channel),
                MessageId::new(message),
                &NewThread {
                    name,
                    // A day: Discord's default for a thread started by hand.
                    auto_archive_duration: 1440,
                },
                Some("a follow-up to an answer of careerbot"),
            )
            .await?;
        Ok(thread.id.get())
    }

    /// Posts a message in a channel or thread (`POST /channels/{c}/messages`); returns its id.
    ///
    /// # Errors
    /// The API's error (403 50001/50013 without access or Send Messages in Threads).
    pub async fn send_message(&self, channel: u64, reply: Reply) -> Result<u64, RestError> {
        let mut reply = reply.finish();
        // A channel message cannot be ephemeral.
        reply.ephemeral = false;
        let message = self
            .http
            .send_message(ChannelId::new(channel), attachments(&reply.files), &reply)
            .await?;
        Ok(message.id.get())
    }

    /// Pins a message.
    ///
    /// # Errors
    /// Any REST failure; [`TOO_MANY_PINS`] when the channel is full.
    pub async fn pin(&self, channel: u64, message: u64) -> Result<(), RestError> {
        self.http
            .pin_message(
                ChannelId::new(channel),
                MessageId::new(message),
                Some("pinned by a moderator with careerbot"),
            )
            .await?;
        Ok(())
    }

    /// Unpins a message.
    ///
    /// # Errors
    /// Any REST failure.
    pub async fn unpin(&self, channel: u64, message: u64) -> Result<(), RestError> {
        self.http
            .unpin_message(
                ChannelId::new(channel),
                MessageId::new(message),
                Some("unpinned with careerbot"),
            )
            .await?;
        Ok(())
    }

    /// Deletes a message.
    ///
    /// # Errors
    /// Any REST failure.
    pub async fn delete_message(&self, channel: u64, message: u64) -> Result<(), RestError> {
        self.http
            .delete_message(ChannelId::new(channel), MessageId::new(message), None)
            .await?;
        Ok(())
    }

    /// Registers (bulk-overwrites) the commands, globally or in one guild.
    ///
    /// # Errors
    /// Any REST failure.
    pub async fn register(
        &self,
        body: &serde_json::Value,
        guild: Option<u64>,
    ) -> Result<usize, RestError> {
        let created = match guild {
            Some(g) => {
                self.http
                    .create_guild_commands(GuildId::new(g), body)
                    .await?
            }
            None => self.http.create_global_commands(body).await?,
        };
        Ok(created.len())
    }

    /// Downloads an attachment of at most [`MAX_DOWNLOAD_BYTES`]. Only Discord's CDN, or the
    /// configured API base's host, are fetched from: a user-supplied URL never makes the bot
    /// reach elsewhere. Redirects are not followed (the CDN serves attachments directly); only a
    /// 2xx answer is read; a body announced over the limit is not read at all, and reading stops
    /// as soon as the limit is passed, whatever was announced.
    ///
    /// # Errors
    /// Why nothing was downloaded, in words for the admin: a refused host, a redirect, an error
    /// status, a file over the limit, or a failed connection.
    pub async fn download(&self, url: &str) -> Result<Vec<u8>, RestError> {
        let refuse = |message: String| RestError {
            code: None,
            status: None,
            message,
        };
        if !self.allowed_download(url) {
            return Err(refuse(format!(
                "refusing to download from {}",
                host_of(url).unwrap_or("an invalid URL")
            )));
        }
        let failed =
            |e: reqwest::Error| refuse(format!("the download failed: {}", e.without_url()));
        let mut response = downloader().get(url).send().await.map_err(failed)?;
        let status = response.status();
        if status.is_redirection() {
            let to = response
                .headers()
                .get(reqwest::header::LOCATION)
                .and_then(|l| l.to_str().ok())
                .map_or("elsewhere", |l| host_of(l).unwrap_or("another address"));
            return Err(RestError {
                status: Some(status.as_u16()),
                ..refuse(format!(
                    "the file server redirected the download to {to}; redirects are not followed"
                ))
            });
        }
        if !status.is_success() {
            return Err(RestError {
                status: Some(status.as_u16()),
                ..refuse(format!(
                    "the file server answered {} {}",
                    status.as_u16(),
                    status.canonical_reason().unwrap_or("")
                ))
            });
        }
        let over = |what: String| refuse(format!("{what}; guides can be at most 1 MB"));
        if let Some(announced) = response.content_length()
            && announced > MAX_DOWNLOAD_BYTES
        {
            return Err(over(format!(
                "the file is {} KB (as the file server announced it)",
                announced / 1024
            )));
        }
        let limit = usize::try_from(MAX_DOWNLOAD_BYTES).unwrap_or(usize::MAX);
        let expected = response.content_length().map_or(64 * 1024, |n| n as usize);
        let mut bytes = Vec::with_capacity(expected.min(limit));
        while let Some(chunk) = response.chunk().await.map_err(failed)? {
            if bytes.len() + chunk.len() > limit {
                return Err(over(
                    "the file is over 1 MB (the download was stopped there)".to_string(),
                ));
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(bytes)
    }

    fn allowed_download(&self, url: &str) -> bool {
        let Some(host) = host_of(url) else {
            return false;
        };
        let discord_cdn = url.starts_with("https://")
            && (host == "cdn.discordapp.com" || host == "media.discordapp.net");
        let api_host = self
            .api_base
            .as_deref()
            .and_then(host_of)
            .is_some_and(|h| h == host)
            && self.api_base.as_deref().is_some_and(|b| url.starts_with(b));
        discord_cdn || api_host
    }
}

/// The host (and port) of an http(s) URL.
fn host_of(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty() && !host.contains('@')).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interaction_tokens_are_redacted_from_errors() {
        let m = redact_tokens(
            "error sending request for url (http://127.0.0.1:9/api/v10/webhooks/42/aW50ZXJhY3Rpb24/messages/@original)",
        );
        assert!(!m.contains("aW50ZXJhY3Rpb24"), "{m}");
        assert!(m.contains("/webhooks/42/<token>/messages/@original"), "{m}");
        assert!(
            redact_tokens("/interactions/1/secret-tok/callback")
                .contains("/interactions/1/<token>/callback")
        );
    }

    #[test]
    fn downloads_only_from_discord_or_the_api_base() {
        let rest = Rest::new("t", Some("http://127.0.0.1:5000"), Some(1));
        assert!(rest.allowed_download("http://127.0.0.1:5000/attachments/g.md"));
        assert!(rest.allowed_download("https://cdn.discordapp.com/attachments/1/2/g.md"));
        assert!(!rest.allowed_download("http://127.0.0.1:5001/x"));
        assert!(
            !rest.allowed_download("http://cdn.discordapp.com/x"),
            "plain http to the CDN"
        );
        assert!(!rest.allowed_download("https://evil.example/x"));
        assert!(!rest.allowed_download("https://user@cdn.discordapp.com/x"));
        assert!(!rest.allowed_download("file:///etc/passwd"));
        let direct = Rest::new("t", None, None);
        assert!(!direct.allowed_download("http://127.0.0.1:5000/attachments/g.md"));
    }
}
