//! What happens after the first response: the bot's follow-up work starts once the response has
//! been sent and finishes through Discord's REST API (or, without a bot token, is explained
//! instead); shutdown waits for it, bounded.

use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes, HttpBody};
use tokio::sync::{oneshot, watch};

use super::{HttpState, metric};
use crate::discord::bot::{Handled, Work};
use crate::discord::message::{Reply, Response};
use crate::discord::rest::Rest;
use crate::i18n::Locale;
use crate::tr;

/// How long follow-up work waits after its response was sent before calling Discord: the
/// interaction's webhook exists only once Discord has processed the response.
pub const FOLLOWUP_DELAY: Duration = Duration::from_millis(200);
/// The longest follow-up work waits for its response to be sent (a client that never reads).
const SENT_WAIT: Duration = Duration::from_secs(10);
/// How long [`serve`](super::serve) waits for running follow-up work after the server stopped.
const WORK_DRAIN: Duration = Duration::from_secs(30);

/// The response to send and the work to run after it. Without REST, work that needs it is
/// replaced by an explanation in the member's language `lang` (or, when nothing the user sees
/// depends on it, dropped).
pub(super) fn settle(handled: Handled, has_rest: bool, lang: Locale) -> (Response, Option<Work>) {
    let Handled { response, work, .. } = handled;
    match work {
        Some(work) if !has_rest => {
            let name = work.name();
            match work {
                // The answer is complete; only its message id (for pins and repeats) is not learnt.
                Work::RecordMessage { .. } => (response, None),
                // The curated answer is gone; the Discord pin stays until removed by hand.
                Work::Unpin { .. } => {
                    tracing::warn!(
                        work = name,
                        "no bot token: the message stays pinned in Discord"
                    );
                    let said = response
                        .reply
                        .as_ref()
                        .and_then(|r| r.content.clone())
                        .unwrap_or_default();
                    let text = format!("{said}\n{}", tr!(lang, "no-token-unpin"));
                    (Response::message(Reply::ephemeral(text.trim())), None)
                }
                _ => {
                    tracing::warn!(
                        work = name,
                        "no bot token: work that finishes through Discord's API was refused"
                    );
                    (
                        Response::message(Reply::ephemeral(tr!(lang, "no-token"))),
                        None,
                    )
                }
            }
        }
        work => (response, work),
    }
}

/// Counts running follow-up work for the shutdown drain.
struct WorkGuard(Arc<watch::Sender<usize>>);

impl WorkGuard {
    fn start(counter: &Arc<watch::Sender<usize>>) -> WorkGuard {
        counter.send_modify(|n| *n += 1);
        WorkGuard(Arc::clone(counter))
    }
}

impl Drop for WorkGuard {
    fn drop(&mut self) {
        self.0.send_modify(|n| *n = n.saturating_sub(1));
    }
}

/// The response body `bytes`, with `work` spawned to run once it has been sent (or dropped).
pub(super) fn body_then(bytes: Vec<u8>, state: &Arc<HttpState>, rest: &Rest, work: Work) -> Body {
    let (sent_tx, sent_rx) = oneshot::channel();
    spawn_work(Arc::clone(state), rest.clone(), work, sent_rx);
    Body::new(Sent {
        body: Body::from(bytes),
        sent: Some(sent_tx),
    })
}

/// Runs `work` once its response has been sent (and [`HttpState::followup_delay`] has passed).
fn spawn_work(state: Arc<HttpState>, rest: Rest, work: Work, sent: oneshot::Receiver<()>) {
    let guard = WorkGuard::start(&state.work);
    let background = state.background.clone();
    let task = async move {
        let _guard = guard;
        // Either signal (sent, or the body dropped unsent) means the response is done with.
        let _ = tokio::time::timeout(SENT_WAIT, sent).await;
        tokio::time::sleep(state.followup_delay).await;
        let trigger = match &work {
            Work::Reindex { .. } => Some("reindex"),
            Work::AddSource { .. } => Some("sources_add"),
            Work::RemoveSource { .. } => Some("sources_remove"),
            _ => None,
        };
        let before = state.bot.engine().current().generation().to_string();
        let started = Instant::now();
        state.bot.run(work, &rest).await;
        if let Some(trigger) = trigger {
            let changed = state.bot.engine().current().generation() != before;
            let outcome = if changed { "ok" } else { "failed" };
            metrics::counter!(metric::REINDEXES, "trigger" => trigger, "outcome" => outcome)
                .increment(1);
            metrics::histogram!(metric::REINDEX_SECONDS, "trigger" => trigger)
                .record(started.elapsed().as_secs_f64());
        }
    };
    match background {
        Some(runtime) => drop(runtime.spawn(task)),
        None => drop(tokio::spawn(task)),
    }
}

/// A response body that says when it has been sent (or dropped).
struct Sent {
    body: Body,
    sent: Option<oneshot::Sender<()>>,
}

impl HttpBody for Sent {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, axum::Error>>> {
        let polled = Pin::new(&mut self.body).poll_frame(cx);
        if let Poll::Ready(None) = polled
            && let Some(tx) = self.sent.take()
        {
            let _ = tx.send(());
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.body.size_hint()
    }
}

impl Drop for Sent {
    fn drop(&mut self) {
        if let Some(tx) = self.sent.take() {
            let _ = tx.send(());
        }
    }
}

/// Waits, at most [`WORK_DRAIN`], for the follow-up work `running` counts to finish; what is
/// still running then is abandoned (and logged).
pub(super) async fn drain(running: &watch::Sender<usize>) {
    let mut running = running.subscribe();
    if tokio::time::timeout(WORK_DRAIN, running.wait_for(|n| *n == 0))
        .await
        .is_err()
    {
        tracing::warn!(
            running = *running.borrow(),
            "follow-up work still running at shutdown; abandoned"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_token_deferred_work_is_explained() {
        let deferred = Handled {
            response: Response::deferred(true),
            work: Some(Work::Reindex {
                token: "t".into(),
                actor: "a".into(),
                lang: Locale::Es,
            }),
            commit: None,
        };
        let (r, w) = settle(deferred.clone(), false, Locale::En);
        assert!(w.is_none());
        assert_eq!(r.kind, crate::discord::message::ResponseKind::Message);
        assert!(r.reply.unwrap().content.unwrap().contains("DISCORD_TOKEN"));
        let (r, _) = settle(deferred.clone(), false, Locale::Es);
        let said = r.reply.unwrap().content.unwrap();
        assert!(
            said.contains("DISCORD_TOKEN") && said.contains("No puedo"),
            "{said}"
        );
        let (r, w) = settle(deferred, true, Locale::En);
        assert!(w.is_some() && r.kind == crate::discord::message::ResponseKind::Deferred);
        let answered = Handled {
            response: Response::message(Reply::text("answer")),
            work: Some(Work::RecordMessage {
                token: "t".into(),
                answer_id: "a".into(),
            }),
            commit: None,
        };
        let (r, w) = settle(answered, false, Locale::En);
        assert!(w.is_none());
        assert_eq!(r.reply.unwrap().content.as_deref(), Some("answer"));
    }
}
