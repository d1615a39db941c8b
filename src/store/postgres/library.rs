//! The shared library on PostgreSQL: the statements behind `library.rs` (guides, their manifest
//! entries, the version), `pg_notify` on every change, and the listener that hears it.

use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::watch;
use tokio_postgres::{AsyncMessage, Connection};

use super::super::StoreError;
use super::super::library::{LibraryGuide, LibrarySnapshot};
use super::{Pg, Tls, begin};

/// The channel replicas `LISTEN` on; its payload is the library's new version.
pub(in crate::store) const CHANNEL: &str = "careerbot_library";
/// The advisory lock seeding holds (the bytes of "carlibry"): one replica seeds, the others see
/// its library.
const SEED_LOCK: i64 = 0x6361_726c_6962_7279;
/// First pause before reconnecting the listener.
const LISTEN_BACKOFF_MIN: Duration = Duration::from_millis(100);
/// Longest pause between two attempts to reconnect the listener.
const LISTEN_BACKOFF_MAX: Duration = Duration::from_secs(10);

/// Moves the version by one (creating it at 1) and tells every listener, in `tx`.
const BUMP: &str = "INSERT INTO library (one, version, seeded_at) VALUES (TRUE, 1, $1)
     ON CONFLICT (one) DO UPDATE SET version = library.version + 1
     RETURNING version";

async fn bump(tx: &deadpool_postgres::Transaction<'_>, now: i64) -> Result<i64, StoreError> {
    let version: i64 = tx.query_one(BUMP, &[&now]).await?.get(0);
    tx.execute(
        "SELECT pg_notify($1, $2)",
        &[&CHANNEL, &version.to_string()],
    )
    .await?;
    Ok(version)
}

fn guide(row: &tokio_postgres::Row) -> LibraryGuide {
    LibraryGuide {
        name: row.get(0),
        bytes: row.get(1),
        manifest: row.get(2),
    }
}

impl Pg {
    pub(in crate::store) fn seed_library(
        &self,
        guides: Vec<LibraryGuide>,
        now: i64,
    ) -> Result<bool, StoreError> {
        let pool = self.pool();
        let refuse = self.refusing();
        self.block(async move {
            let mut client = pool.get().await?;
            let tx = begin(&mut client, refuse).await?;
            tx.query_one("SELECT pg_advisory_xact_lock($1)", &[&SEED_LOCK])
                .await?;
            if tx
                .query_opt("SELECT version FROM library", &[])
                .await?
                .is_some()
            {
                tx.commit().await?;
                return Ok(false);
            }
            let insert = tx
                .prepare(
                    "INSERT INTO library_guides (name, bytes, manifest, updated_at)
                     VALUES ($1, $2, $3, $4)",
                )
                .await?;
            for g in &guides {
                tx.execute(&insert, &[&g.name, &g.bytes, &g.manifest, &now])
                    .await?;
            }
            bump(&tx, now).await?;
            tx.commit().await?;
            Ok(true)
        })
    }

    pub(in crate::store) fn library_version(&self) -> Result<i64, StoreError> {
        let rows = self.query("SELECT version FROM library", super::params![])?;
        Ok(rows.first().map_or(0, |r| r.get(0)))
    }

    pub(in crate::store) fn library(&self) -> Result<LibrarySnapshot, StoreError> {
        let pool = self.pool();
        self.block(async move {
            let mut client = pool.get().await?;
            // One snapshot: the guides are those of the version read.
            let tx = client
                .build_transaction()
                .isolation_level(tokio_postgres::IsolationLevel::RepeatableRead)
                .read_only(true)
                .start()
                .await?;
            let version = tx
                .query_opt("SELECT version FROM library", &[])
                .await?
                .map_or(0, |r| r.get(0));
            let guides = tx
                .query(
                    "SELECT name, bytes, manifest FROM library_guides ORDER BY name",
                    &[],
                )
                .await?
                .iter()
                .map(guide)
                .collect();
            tx.commit().await?;
            Ok(LibrarySnapshot { version, guides })
        })
    }

    pub(in crate::store) fn library_guide(
        &self,
        name: &str,
    ) -> Result<Option<LibraryGuide>, StoreError> {
        let rows = self.query(
            "SELECT name, bytes, manifest FROM library_guides WHERE name = $1",
            super::params![name.to_string()],
        )?;
        Ok(rows.first().map(guide))
    }

    pub(in crate::store) fn put_library_guide(
        &self,
        g: LibraryGuide,
        now: i64,
    ) -> Result<i64, StoreError> {
        let pool = self.pool();
        let refuse = self.refusing();
        self.block(async move {
            let mut client = pool.get().await?;
            let tx = begin(&mut client, refuse).await?;
            tx.execute(
                "INSERT INTO library_guides (name, bytes, manifest, updated_at)
                 VALUES ($1, $2, $3, $4)
                 ON CONFLICT (name) DO UPDATE SET
                     bytes = excluded.bytes,
                     manifest = excluded.manifest,
                     updated_at = excluded.updated_at",
                &[&g.name, &g.bytes, &g.manifest, &now],
            )
            .await?;
            let version = bump(&tx, now).await?;
            tx.commit().await?;
            Ok(version)
        })
    }

    pub(in crate::store) fn remove_library_guide(
        &self,
        name: &str,
        now: i64,
    ) -> Result<Option<i64>, StoreError> {
        let pool = self.pool();
        let refuse = self.refusing();
        let name = name.to_string();
        self.block(async move {
            let mut client = pool.get().await?;
            let tx = begin(&mut client, refuse).await?;
            let gone = tx
                .execute("DELETE FROM library_guides WHERE name = $1", &[&name])
                .await?;
            if gone == 0 {
                tx.commit().await?;
                return Ok(None);
            }
            let version = bump(&tx, now).await?;
            tx.commit().await?;
            Ok(Some(version))
        })
    }

    pub(in crate::store) fn bump_library(&self, now: i64) -> Result<i64, StoreError> {
        let pool = self.pool();
        let refuse = self.refusing();
        self.block(async move {
            let mut client = pool.get().await?;
            let tx = begin(&mut client, refuse).await?;
            let version = bump(&tx, now).await?;
            tx.commit().await?;
            Ok(version)
        })
    }

    /// Starts the listener: a connection of its own that `LISTEN`s on [`CHANNEL`], reconnecting
    /// (with a growing pause, at most [`LISTEN_BACKOFF_MAX`]) whenever it is lost. The value
    /// counts what was heard: every notification, and every (re)connection (a notification
    /// may have been missed while it was down). It stops once every receiver is dropped, or
    /// with the store.
    pub(in crate::store) fn listen_library(&self) -> Result<watch::Receiver<u64>, StoreError> {
        let Some(runtime) = &self.runtime else {
            return Err(super::task_failed());
        };
        let (tx, rx) = watch::channel(0u64);
        let (config, tls, described) = (
            self.config.clone(),
            self.tls.clone(),
            self.described.clone(),
        );
        runtime.spawn(async move {
            let mut pause = LISTEN_BACKOFF_MIN;
            loop {
                let started = std::time::Instant::now();
                let heard = tokio::select! {
                    () = tx.closed() => return,
                    r = listen_once(&config, &tls, &tx) => r,
                };
                if let Err(e) = heard {
                    tracing::warn!(
                        database = %described,
                        error = %e,
                        "the library's listener lost its connection; polling covers meanwhile"
                    );
                }
                if started.elapsed() > LISTEN_BACKOFF_MAX {
                    // It had been listening a while: this is a new outage.
                    pause = LISTEN_BACKOFF_MIN;
                }
                tokio::select! {
                    () = tx.closed() => return,
                    () = tokio::time::sleep(pause) => {}
                }
                pause = (pause * 2).min(LISTEN_BACKOFF_MAX);
            }
        });
        Ok(rx)
    }
}

/// One connection's life: connect, `LISTEN`, count what is heard until the connection ends.
async fn listen_once(
    config: &tokio_postgres::Config,
    tls: &Tls,
    heard: &watch::Sender<u64>,
) -> Result<(), StoreError> {
    match tls {
        Tls::Off => {
            let (client, connection) = config.connect(tokio_postgres::NoTls).await?;
            listen_on(client, connection, heard).await
        }
        Tls::Verified(tls) => {
            let (client, connection) = config.connect(tls.clone()).await?;
            listen_on(client, connection, heard).await
        }
    }
}

async fn listen_on<S, T>(
    client: tokio_postgres::Client,
    mut connection: Connection<S, T>,
    heard: &watch::Sender<u64>,
) -> Result<(), StoreError>
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    T: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let (ended_tx, ended_rx) = tokio::sync::oneshot::channel();
    let counter = heard.clone();
    let pump = tokio::spawn(async move {
        let ended = loop {
            match std::future::poll_fn(|cx| connection.poll_message(cx)).await {
                Some(Ok(AsyncMessage::Notification(n))) if n.channel() == CHANNEL => {
                    tracing::debug!(version = n.payload(), "the library changed");
                    counter.send_modify(|n| *n += 1);
                }
                Some(Ok(_)) => {}
                Some(Err(e)) => break Err(StoreError::from(e)),
                None => break Ok(()),
            }
        };
        let _ = ended_tx.send(ended);
    });
    client
        .batch_execute(&format!("LISTEN {CHANNEL}"))
        .await
        .inspect_err(|_| pump.abort())?;
    tracing::debug!("listening for library changes");
    // Anything missed while no connection listened is looked for now.
    heard.send_modify(|n| *n += 1);
    let ended = ended_rx.await.unwrap_or(Ok(()));
    drop(client);
    match ended {
        Ok(()) => Err(StoreError::Postgres {
            message: "the listening connection closed".into(),
            sqlstate: None,
        }),
        Err(e) => Err(e),
    }
}
