//! Per-CPU serving for the HTTP endpoint: one accept loop hands each new connection, in turn, to
//! one of several "lanes", a thread running a single-threaded tokio runtime that serves the
//! connections it was given. A request is then read, handled and answered on one thread, with
//! no hand-off between threads on its way (the shape of actix-web's workers and other
//! thread-per-core servers). Measured under load in `docs/PERFORMANCE.md`.
//!
//! A lane serves each connection with hyper's HTTP/1.1 server and a header read timeout: a
//! client that does not send a request's headers in time, or leaves its kept-alive connection
//! idle that long, is disconnected. A connection carries its slot under the endpoint's
//! connection cap (taken by the accept loop) and frees it when it ends.

use std::io;
use std::thread::JoinHandle;
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::sync::{OwnedSemaphorePermit, mpsc, watch};

/// How a lane serves each connection.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ConnectionRules {
    /// Longest wait for a request's headers, from the connection's start or from the previous
    /// response (so also the longest a kept-alive connection may sit idle).
    pub(crate) header_timeout: Duration,
    /// Largest read buffer; a request head that does not fit is refused (431).
    pub(crate) max_buffer: usize,
}

/// A connection handed to a lane, with its slot under the connection cap, freed when the
/// connection ends.
struct Handed {
    tcp: std::net::TcpStream,
    slot: Option<OwnedSemaphorePermit>,
}

/// The lanes: where accepted connections go, and the threads serving them.
pub(crate) struct Lanes {
    senders: Vec<mpsc::UnboundedSender<Handed>>,
    threads: Vec<JoinHandle<io::Result<()>>>,
    next: usize,
    stop: watch::Sender<bool>,
}

impl Lanes {
    /// Starts `count` lanes (at least one), each serving `router` on the connections it is
    /// given, as `rules` say.
    ///
    /// # Errors
    /// The error of a lane thread or runtime that could not be started (the lanes already
    /// started are stopped first).
    pub(crate) fn start(
        count: usize,
        router: &Router,
        rules: ConnectionRules,
    ) -> io::Result<Lanes> {
        let (stop, _) = watch::channel(false);
        let mut lanes = Lanes {
            senders: Vec::new(),
            threads: Vec::new(),
            next: 0,
            stop,
        };
        for i in 0..count.max(1) {
            let (tx, rx) = mpsc::unbounded_channel();
            let router = router.clone();
            let stop = lanes.stop.subscribe();
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build();
            let spawned = runtime.and_then(|runtime| {
                std::thread::Builder::new()
                    .name(format!("careerbot-lane-{i}"))
                    .spawn(move || runtime.block_on(lane(rx, router, stop, rules)))
            });
            match spawned {
                Ok(thread) => {
                    lanes.senders.push(tx);
                    lanes.threads.push(thread);
                }
                Err(e) => {
                    let _ = lanes.stop().join();
                    return Err(e);
                }
            }
        }
        Ok(lanes)
    }

    /// How many lanes serve.
    pub(crate) fn len(&self) -> usize {
        self.senders.len()
    }

    /// Hands a newly accepted connection, with its slot under the connection cap, to the next
    /// lane in turn.
    pub(crate) fn hand(&mut self, tcp: tokio::net::TcpStream, slot: Option<OwnedSemaphorePermit>) {
        // A lane registers the socket with its own runtime's reactor, so it leaves this one.
        let tcp = match tcp.into_std() {
            Ok(tcp) => tcp,
            Err(e) => {
                tracing::warn!(error = %e, "accepted connection dropped: cannot hand it to a lane");
                return;
            }
        };
        let lane = self.next % self.senders.len();
        self.next = self.next.wrapping_add(1);
        if self.senders[lane].send(Handed { tcp, slot }).is_err() {
            tracing::error!(lane, "a lane has stopped; connection dropped");
        }
    }

    /// Tells every lane to stop accepting and to finish its in-flight requests; the returned
    /// value waits for them.
    pub(crate) fn stop(self) -> Stopping {
        let _ = self.stop.send(true);
        Stopping {
            threads: self.threads,
        }
    }
}

/// Lanes told to stop.
pub(crate) struct Stopping {
    threads: Vec<JoinHandle<io::Result<()>>>,
}

impl Stopping {
    /// Waits for every lane's thread; the first error of a lane, if any.
    pub(crate) fn join(self) -> io::Result<()> {
        let mut result = Ok(());
        for (i, thread) in self.threads.into_iter().enumerate() {
            let outcome = thread
                .join()
                .unwrap_or_else(|_| Err(io::Error::other(format!("lane {i} panicked"))));
            if let Err(e) = outcome {
                tracing::error!(lane = i, error = %e, "lane stopped with an error");
                if result.is_ok() {
                    result = Err(e);
                }
            }
        }
        result
    }
}

/// A lane's connections: hyper's HTTP/1.1 server on each connection handed to it, until told
/// to stop (or until its [`Lanes`] is gone); then every connection finishes its request in
/// flight and closes, and the lane ends.
async fn lane(
    mut handed: mpsc::UnboundedReceiver<Handed>,
    router: Router,
    mut stop: watch::Receiver<bool>,
    rules: ConnectionRules,
) -> io::Result<()> {
    // Each connection holds a receiver of `open`; the lane waits for them all to be dropped.
    let (open_tx, open_rx) = watch::channel(());
    let (closing_tx, closing_rx) = watch::channel(false);
    loop {
        tokio::select! {
            biased;
            _ = stop.wait_for(|stopped| *stopped) => break,
            next = handed.recv() => match next {
                Some(conn) => {
                    tokio::spawn(connection(conn, router.clone(), closing_rx.clone(), open_rx.clone(), rules));
                }
                None => break,
            },
        }
    }
    let _ = closing_tx.send(true);
    drop(open_rx);
    open_tx.closed().await;
    Ok(())
}

/// Serves one connection until the client closes it, a timeout drops it, or the lane stops.
async fn connection(
    handed: Handed,
    router: Router,
    mut closing: watch::Receiver<bool>,
    _open: watch::Receiver<()>,
    rules: ConnectionRules,
) {
    let Handed { tcp, slot } = handed;
    // Freed when this connection ends, however it ends.
    let _slot = slot;
    let tcp = match tokio::net::TcpStream::from_std(tcp) {
        Ok(tcp) => tcp,
        Err(e) => {
            tracing::warn!(error = %e, "handed connection dropped");
            return;
        }
    };
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(rules.header_timeout)
        .max_buf_size(rules.max_buffer)
        .keep_alive(true);
    let served = http.serve_connection(TokioIo::new(tcp), TowerToHyperService::new(router));
    tokio::pin!(served);
    let mut told = false;
    loop {
        tokio::select! {
            result = served.as_mut() => {
                if let Err(e) = result {
                    tracing::debug!(error = %e, "connection ended with an error");
                }
                break;
            }
            _ = closing.wait_for(|c| *c), if !told => {
                told = true;
                served.as_mut().graceful_shutdown();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};

    use axum::routing::get;

    use super::*;

    const RULES: ConnectionRules = ConnectionRules {
        header_timeout: Duration::from_secs(10),
        max_buffer: 64 * 1024,
    };

    /// One HTTP/1.1 request on `tcp`, the response's body (the handler's answers are short and
    /// sent with `Connection: close`).
    fn get_body(mut tcp: std::net::TcpStream) -> String {
        tcp.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        tcp.write_all(b"GET / HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
            .unwrap();
        let mut response = String::new();
        tcp.read_to_string(&mut response).unwrap();
        response.split("\r\n\r\n").nth(1).unwrap_or("").to_string()
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn connections_are_dealt_to_the_lanes_in_turn_and_served_there() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let router = Router::new().route(
            "/",
            get(|| async { std::thread::current().name().unwrap_or("?").to_string() }),
        );
        let mut lanes = Lanes::start(2, &router, RULES).unwrap();
        assert_eq!(lanes.len(), 2);
        let clients: Vec<_> = (0..4)
            .map(|_| std::net::TcpStream::connect(addr).unwrap())
            .collect();
        for _ in 0..4 {
            let (tcp, _) = tokio::time::timeout(Duration::from_secs(10), listener.accept())
                .await
                .expect("accepted in time")
                .unwrap();
            lanes.hand(tcp, None);
        }
        let mut served: Vec<String> =
            tokio::task::spawn_blocking(move || clients.into_iter().map(get_body).collect())
                .await
                .unwrap();
        served.sort();
        assert_eq!(
            served,
            [
                "careerbot-lane-0",
                "careerbot-lane-0",
                "careerbot-lane-1",
                "careerbot-lane-1"
            ]
        );
        tokio::task::spawn_blocking(move || lanes.stop().join())
            .await
            .unwrap()
            .expect("the lanes stop cleanly");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn stopping_lets_a_request_in_flight_finish() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (started_tx, started_rx) = std::sync::mpsc::sync_channel::<()>(1);
        let router = Router::new().route(
            "/",
            get(move || async move {
                let _ = started_tx.send(());
                tokio::time::sleep(Duration::from_millis(300)).await;
                "finished"
            }),
        );
        let mut lanes = Lanes::start(1, &router, RULES).unwrap();
        let client = std::net::TcpStream::connect(addr).unwrap();
        let (tcp, _) = listener.accept().await.unwrap();
        lanes.hand(tcp, None);
        let response = tokio::task::spawn_blocking(move || get_body(client));
        // The request is being handled when the lanes are told to stop.
        tokio::task::spawn_blocking(move || started_rx.recv_timeout(Duration::from_secs(10)))
            .await
            .unwrap()
            .expect("the request reached its handler");
        let stopped = tokio::task::spawn_blocking(move || lanes.stop().join());
        assert_eq!(response.await.unwrap(), "finished");
        stopped.await.unwrap().expect("the lane stops cleanly");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn dropped_lanes_stop_and_close_their_connections() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let router = Router::new().route("/", get(|| async { "ok" }));
        let mut lanes = Lanes::start(1, &router, RULES).unwrap();
        let mut client = std::net::TcpStream::connect(addr).unwrap();
        let (tcp, _) = listener.accept().await.unwrap();
        lanes.hand(tcp, None);
        drop(lanes);
        let read = tokio::task::spawn_blocking(move || {
            client
                .set_read_timeout(Some(Duration::from_secs(10)))
                .unwrap();
            client.read(&mut [0u8; 64])
        })
        .await
        .unwrap();
        assert_eq!(read.expect("closed, not timed out"), 0);
    }
}
