//! The wait each member keeps between two uses of a command, remembered for a bounded number of
//! members: one [`Cooldown`] per command, gathered in [`Cooldowns`]; on a PostgreSQL store, also
//! kept in the database, so a use through any replica starts the wait on all of them.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::store::Store;

/// Members remembered at most: past it, finished cooldowns are forgotten first, then the oldest.
const MAX_MEMBERS: usize = 10_000;

/// A per-member cooldown: a question let through starts the member's cooldown, and another
/// question before it ends is refused with the time left.
#[derive(Debug)]
pub struct Cooldown {
    /// How long a member waits; zero turns the cooldown off.
    period: Duration,
    /// When each member's current cooldown started (at most `capacity` members).
    started: Mutex<HashMap<u64, Instant>>,
    /// Members remembered at most.
    capacity: usize,
}

impl Cooldown {
    /// A cooldown of `period` (zero: none).
    pub fn new(period: Duration) -> Cooldown {
        Cooldown::with_capacity(period, MAX_MEMBERS)
    }

    fn with_capacity(period: Duration, capacity: usize) -> Cooldown {
        Cooldown {
            period,
            started: Mutex::new(HashMap::new()),
            capacity: capacity.max(1),
        }
    }

    /// Lets a question of `member` through at `now` and starts their cooldown, or, while their
    /// cooldown runs, says how long is left of it.
    ///
    /// # Errors
    /// The time left of the member's cooldown.
    pub fn admit(&self, member: u64, now: Instant) -> Result<(), Duration> {
        if self.period.is_zero() {
            return Ok(());
        }
        let mut started = self.started.lock().unwrap_or_else(PoisonError::into_inner);
        match started.get(&member) {
            Some(&at) => {
                let elapsed = now.saturating_duration_since(at);
                if elapsed < self.period {
                    return Err(self.period - elapsed);
                }
            }
            None if started.len() >= self.capacity => {
                started.retain(|_, at| now.saturating_duration_since(*at) < self.period);
                if started.len() >= self.capacity
                    && let Some(oldest) = started.iter().min_by_key(|(_, at)| **at).map(|(m, _)| *m)
                {
                    started.remove(&oldest);
                }
            }
            None => {}
        }
        started.insert(member, now);
        Ok(())
    }

    /// Notes that `member`'s cooldown (started elsewhere) has `left` to run at `now`.
    fn running(&self, member: u64, left: Duration, now: Instant) {
        let started_at = now
            .checked_sub(self.period.saturating_sub(left))
            .unwrap_or(now);
        self.started
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(member, started_at);
    }

    /// Members remembered now.
    #[cfg(test)]
    fn remembered(&self) -> usize {
        self.started
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }
}

/// One [`Cooldown`] per command that has one (each member waits per command, so a `/help`
/// does not hold back an `/ask`).
#[derive(Debug, Default)]
pub struct Cooldowns {
    by_command: HashMap<&'static str, Cooldown>,
    /// The store that keeps them for every replica too, when it does (PostgreSQL).
    shared: Option<Store>,
}

impl Cooldowns {
    /// A cooldown of each period for its command; a zero period is none.
    pub fn new(periods: impl IntoIterator<Item = (&'static str, Duration)>) -> Cooldowns {
        Cooldowns {
            by_command: periods
                .into_iter()
                .filter(|(_, period)| !period.is_zero())
                .map(|(name, period)| (name, Cooldown::new(period)))
                .collect(),
            shared: None,
        }
    }

    /// Keeps the cooldowns in `store` too when it shares them between replicas
    /// ([`Store::shares_cooldowns`]); otherwise changes nothing.
    #[must_use]
    pub fn shared_through(mut self, store: &Store) -> Cooldowns {
        self.shared = store.shares_cooldowns().then(|| store.clone());
        self
    }

    /// Lets `member` run `command` at `now` and starts their cooldown for it, or says how long
    /// is left of it. A command without a cooldown is always let through.
    ///
    /// # Errors
    /// The time left of the member's cooldown for this command.
    ///
    /// This process's own record is asked first (a refusal it knows costs no round trip); then,
    /// with a shared store, the database, which knows the uses through other replicas. Blocks on
    /// that round trip: call it off the async threads. A database that fails leaves this
    /// process's own cooldown in force (logged).
    pub fn admit(&self, command: &str, member: u64, now: Instant) -> Result<(), Duration> {
        let Some(cooldown) = self.by_command.get(command) else {
            return Ok(());
        };
        cooldown.admit(member, now)?;
        let Some(store) = &self.shared else {
            return Ok(());
        };
        match store.admit_cooldown(command, member, cooldown.period) {
            Ok(Ok(())) => Ok(()),
            Ok(Err(left)) => {
                cooldown.running(member, left, now);
                Err(left)
            }
            Err(error) => {
                tracing::warn!(%error, command, "shared cooldown unavailable; this replica's own applies");
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_command_keeps_its_own_cooldown() {
        let cooldowns = Cooldowns::new([
            ("ask", 5 * SECOND),
            ("salary", 30 * SECOND),
            ("help", Duration::ZERO),
        ]);
        let t0 = Instant::now();
        assert_eq!(cooldowns.admit("ask", 1, t0), Ok(()));
        assert_eq!(cooldowns.admit("salary", 1, t0), Ok(()), "another command");
        assert_eq!(cooldowns.admit("ask", 1, t0 + SECOND), Err(4 * SECOND));
        assert_eq!(
            cooldowns.admit("salary", 1, t0 + 10 * SECOND),
            Err(20 * SECOND)
        );
        assert_eq!(cooldowns.admit("ask", 1, t0 + 10 * SECOND), Ok(()));
        for _ in 0..3 {
            assert_eq!(cooldowns.admit("help", 1, t0), Ok(()), "no cooldown");
            assert_eq!(cooldowns.admit("unknown", 1, t0), Ok(()));
        }
    }

    const SECOND: Duration = Duration::from_secs(1);

    #[test]
    fn a_cooldown_refuses_with_the_time_left_until_it_expires() {
        let cooldown = Cooldown::new(5 * SECOND);
        let t0 = Instant::now();
        assert_eq!(cooldown.admit(1, t0), Ok(()));
        assert_eq!(cooldown.admit(1, t0 + 2 * SECOND), Err(3 * SECOND));
        assert_eq!(cooldown.admit(2, t0 + 2 * SECOND), Ok(()), "per member");
        // A refused question does not restart the cooldown.
        assert_eq!(cooldown.admit(1, t0 + 5 * SECOND), Ok(()));
        assert_eq!(
            cooldown.admit(1, t0 + 6 * SECOND),
            Err(4 * SECOND),
            "the admitted question started a new one"
        );
    }

    #[test]
    fn zero_means_no_cooldown() {
        let cooldown = Cooldown::new(Duration::ZERO);
        let t0 = Instant::now();
        assert_eq!(cooldown.admit(1, t0), Ok(()));
        assert_eq!(cooldown.admit(1, t0), Ok(()));
        assert_eq!(cooldown.remembered(), 0);
    }

    #[test]
    fn memory_is_bounded_forgetting_finished_cooldowns_first_then_the_oldest() {
        let cooldown = Cooldown::with_capacity(10 * SECOND, 3);
        let t0 = Instant::now();
        for member in 1..=3 {
            assert_eq!(cooldown.admit(member, t0 + member as u32 * SECOND), Ok(()));
        }
        // Member 1's cooldown ended: it makes room, the others keep theirs.
        let later = t0 + 11 * SECOND + SECOND / 2;
        assert_eq!(cooldown.admit(4, later), Ok(()));
        assert_eq!(cooldown.remembered(), 3);
        assert!(cooldown.admit(2, later).is_err());
        assert!(cooldown.admit(3, later).is_err());
        // Every cooldown still runs: the oldest (member 2) is forgotten.
        assert_eq!(cooldown.admit(5, later), Ok(()));
        assert_eq!(cooldown.remembered(), 3);
        assert_eq!(cooldown.admit(2, later), Ok(()));
        assert_eq!(cooldown.remembered(), 3);
        for member in 100..200 {
            assert_eq!(cooldown.admit(member, later), Ok(()));
        }
        assert_eq!(cooldown.remembered(), 3);
    }
}
