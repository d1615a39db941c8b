//! Per-CPU serving for the HTTP endpoint: one accept loop hands each new connection, in turn, to
//! one of several "lanes", a thread running a single-threaded tokio runtime that serves the
//! connections it was given. A request is then read, handled and answered on one thread, with
//! no hand-off between threads on its way (the shape of actix-web's workers and other
//! thread-per-core servers). Measured under load in `docs/PERFORMANCE.md`.

use std::io;
use std::net::SocketAddr;
use std::thread::JoinHandle;

use axum::Router;
use tokio::sync::{mpsc, watch};

/// The lanes: where accepted connections go, and the threads serving them.
pub(crate) struct Lanes {
    senders: Vec<mpsc::UnboundedSender<std::net::TcpStream>>,
    threads: Vec<JoinHandle<io::Result<()>>>,
    next: usize,
    stop: watch::Sender<bool>,
}

impl Lanes {
    /// Starts `count` lanes (at least one), each serving `router` on the connections it is given.
    ///
    /// # Errors
    /// The error of a lane thread or runtime that could not be started (the lanes already
    /// started are stopped first).
    pub(crate) fn start(count: usize, router: &Router, local: SocketAddr) -> io::Result<Lanes> {
        let (stop, _) = watch::channel(false);
        let mut lanes = Lanes {
            senders: Vec::new(),
            threads: Vec::new(),
            next: 0,
            stop,
        };
        for i in 0..count.max(1) {
            let (tx, rx) = mpsc::unbounded_channel();
            let listener = Handed { rx, local };
            let router = router.clone();
            let mut stop = lanes.stop.subscribe();
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build();
            let spawned = runtime.and_then(|runtime| {
                std::thread::Builder::new()
                    .name(format!("careerbot-lane-{i}"))
                    .spawn(move || {
                        runtime.block_on(async move {
                            axum::serve(listener, router)
                                .with_graceful_shutdown(async move {
                                    // Told to stop, or the `Lanes` dropped (the serving
                                    // future was): either way, finish and end.
                                    let _ = stop.wait_for(|stopped| *stopped).await;
                                })
                                .await
                        })
                    })
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

    /// Hands a newly accepted connection to the next lane in turn.
    pub(crate) fn hand(&mut self, tcp: tokio::net::TcpStream) {
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
        if self.senders[lane].send(tcp).is_err() {
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

/// A lane's listener: the connections the accept loop hands it.
struct Handed {
    rx: mpsc::UnboundedReceiver<std::net::TcpStream>,
    local: SocketAddr,
}

impl axum::serve::Listener for Handed {
    type Io = tokio::net::TcpStream;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            let Some(tcp) = self.rx.recv().await else {
                // The accept loop is gone: nothing more will come; shutdown ends the lane.
                return std::future::pending().await;
            };
            match tokio::net::TcpStream::from_std(tcp) {
                Ok(tcp) => {
                    let peer = tcp.peer_addr().unwrap_or(self.local);
                    return (tcp, peer);
                }
                Err(e) => tracing::warn!(error = %e, "handed connection dropped"),
            }
        }
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        Ok(self.local)
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};
    use std::time::Duration;

    use axum::routing::get;

    use super::*;

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
        let mut lanes = Lanes::start(2, &router, addr).unwrap();
        assert_eq!(lanes.len(), 2);
        let clients: Vec<_> = (0..4)
            .map(|_| std::net::TcpStream::connect(addr).unwrap())
            .collect();
        for _ in 0..4 {
            let (tcp, _) = tokio::time::timeout(Duration::from_secs(10), listener.accept())
                .await
                .expect("accepted in time")
                .unwrap();
            lanes.hand(tcp);
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
        let mut lanes = Lanes::start(1, &router, addr).unwrap();
        let client = std::net::TcpStream::connect(addr).unwrap();
        let (tcp, _) = listener.accept().await.unwrap();
        lanes.hand(tcp);
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
        let mut lanes = Lanes::start(1, &router, addr).unwrap();
        let mut client = std::net::TcpStream::connect(addr).unwrap();
        let (tcp, _) = listener.accept().await.unwrap();
        lanes.hand(tcp);
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
