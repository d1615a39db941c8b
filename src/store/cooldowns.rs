//! Cooldowns shared by the replicas of one PostgreSQL database: a member's use of a command
//! through any host starts their wait on every host. On SQLite each process keeps its own.

use std::time::Duration;

use super::{Store, StoreError};

impl Store {
    /// Whether the store keeps cooldowns for every replica on it: on PostgreSQL, yes (replicas
    /// may run on several hosts); on SQLite, no (each process keeps its own; replicas on one host
    /// share its clock but not its memory).
    pub fn shares_cooldowns(&self) -> bool {
        self.postgres().is_some()
    }

    /// Starts `member`'s cooldown of `period` for `command`, by the database server's clock,
    /// unless one started through any replica is still running: then `Ok(Err(left))`. Kept in a
    /// table the server does not log, so it costs one round trip and no flush; a crash of the
    /// server forgets running cooldowns, nothing else. Not counted in
    /// [`Store::write_health`] (it says nothing of the data's writes).
    ///
    /// # Errors
    /// [`StoreError::Unsupported`] on SQLite, [`StoreError::Postgres`] if the server fails.
    pub fn admit_cooldown(
        &self,
        command: &str,
        member: u64,
        period: Duration,
    ) -> Result<Result<(), Duration>, StoreError> {
        match self.postgres() {
            Some(pg) => pg.admit_cooldown(command, member, period),
            None => Err(StoreError::Unsupported(
                "cooldowns are kept by each process on SQLite",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fixtures::{Place, store};
    use std::time::Instant;

    #[test]
    fn a_cooldown_started_through_one_replica_holds_on_another_until_it_ends() {
        assert!(!store().shares_cooldowns());
        assert!(matches!(
            store().admit_cooldown("ask", 1, Duration::from_secs(1)),
            Err(StoreError::Unsupported(_))
        ));
        let Some(place) = Place::postgres() else {
            return;
        };
        let (a, b) = (place.open(), place.open());
        assert!(a.shares_cooldowns());
        let period = Duration::from_millis(1500);
        assert_eq!(a.admit_cooldown("ask", 7, period).unwrap(), Ok(()));
        let left = b.admit_cooldown("ask", 7, period).unwrap().unwrap_err();
        assert!(left > Duration::ZERO && left <= period, "{left:?}");
        // Another member, or another command, is not held back.
        assert_eq!(b.admit_cooldown("ask", 8, period).unwrap(), Ok(()));
        assert_eq!(b.admit_cooldown("salary", 7, period).unwrap(), Ok(()));
        // Once it ends, the member may go again (through either), which starts a new one.
        let deadline = Instant::now() + Duration::from_secs(20);
        while b.admit_cooldown("ask", 7, period).unwrap().is_err() {
            assert!(Instant::now() < deadline, "the cooldown never ended");
            std::thread::sleep(Duration::from_millis(100));
        }
        assert!(a.admit_cooldown("ask", 7, period).unwrap().is_err());
        // Pruning forgets only cooldowns that ended long ago.
        a.prune(0).unwrap();
        assert!(a.admit_cooldown("ask", 7, period).unwrap().is_err());
    }
}
