//! Replay protection: the ids of the interactions this endpoint has handled, each remembered for
//! as long as its signature stays fresh, so a signed request sent again is refused instead of
//! run again. The signature check alone lets a captured request through for 5 minutes.

use std::collections::VecDeque;
use std::sync::{Mutex, PoisonError};

use rustc_hash::FxHashSet;

use super::verify::REPLAY_WINDOW;

/// Interaction ids remembered at most (about 36 MB when full). Past it the oldest is forgotten
/// first: it takes more than 3,400 interactions a second, sustained for the whole window, to
/// get there.
pub const MAX_REMEMBERED: usize = 1 << 20;

/// Where handled interaction ids are kept. [`SeenInteractions`] keeps them in this process;
/// replicas sharing a database could keep them there instead (one insert per interaction, the
/// id as primary key) by implementing this trait.
pub trait InteractionLog: Send + Sync {
    /// Records interaction `id`, signed at `signed_at` (Unix seconds), at `now`: `true` the first
    /// time, `false` when it was already recorded (a replay).
    fn first_sighting(&self, id: u64, signed_at: i64, now: i64) -> bool;
}

/// The ids seen in this process within the signature window, bounded.
#[derive(Debug)]
pub struct SeenInteractions {
    inner: Mutex<Seen>,
    capacity: usize,
}

#[derive(Debug, Default)]
struct Seen {
    ids: FxHashSet<u64>,
    /// (forget at, id), in the order seen.
    order: VecDeque<(i64, u64)>,
}

impl SeenInteractions {
    /// An empty log of at most [`MAX_REMEMBERED`] ids.
    pub fn new() -> SeenInteractions {
        SeenInteractions::with_capacity(MAX_REMEMBERED)
    }

    /// An empty log of at most `capacity` ids.
    pub fn with_capacity(capacity: usize) -> SeenInteractions {
        SeenInteractions {
            inner: Mutex::new(Seen::default()),
            capacity: capacity.max(1),
        }
    }

    /// Ids remembered now.
    pub fn len(&self) -> usize {
        self.lock().ids.len()
    }

    /// Whether no id is remembered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Seen> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Default for SeenInteractions {
    fn default() -> Self {
        SeenInteractions::new()
    }
}

impl InteractionLog for SeenInteractions {
    fn first_sighting(&self, id: u64, signed_at: i64, now: i64) -> bool {
        let mut seen = self.lock();
        // A request is fresh while its timestamp is within the window of now, so after
        // `signed_at + window` the signature check refuses it by itself.
        while let Some(&(until, old)) = seen.order.front() {
            if until >= now {
                break;
            }
            seen.order.pop_front();
            seen.ids.remove(&old);
        }
        if seen.ids.contains(&id) {
            return false;
        }
        if seen.ids.len() >= self.capacity
            && let Some((_, oldest)) = seen.order.pop_front()
        {
            seen.ids.remove(&oldest);
        }
        let until = signed_at.saturating_add(i64::try_from(REPLAY_WINDOW.as_secs()).unwrap_or(0));
        seen.ids.insert(id);
        seen.order.push_back((until, id));
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WINDOW: i64 = 300;

    #[test]
    fn a_second_sighting_within_the_window_is_a_replay() {
        let log = SeenInteractions::new();
        assert!(log.first_sighting(1, 1000, 1000));
        assert!(!log.first_sighting(1, 1000, 1001));
        assert!(
            !log.first_sighting(1, 1000, 1000 + WINDOW),
            "to the window's last second"
        );
        assert!(log.first_sighting(2, 1000, 1001), "other ids pass");
    }

    #[test]
    fn ids_are_forgotten_once_their_signature_is_stale() {
        let log = SeenInteractions::new();
        assert!(log.first_sighting(1, 1000, 1000));
        assert!(log.first_sighting(2, 1100, 1100));
        // Past 1's window (the signature check refuses it by now): forgotten, 2 kept.
        assert!(log.first_sighting(3, 1000 + WINDOW + 1, 1000 + WINDOW + 1));
        assert_eq!(log.len(), 2);
        assert!(!log.first_sighting(2, 1100, 1000 + WINDOW + 1));
    }

    #[test]
    fn memory_is_bounded_forgetting_the_oldest() {
        let log = SeenInteractions::with_capacity(3);
        for id in 1..=3 {
            assert!(log.first_sighting(id, 1000, 1000));
        }
        assert!(log.first_sighting(4, 1000, 1000));
        assert_eq!(log.len(), 3);
        assert!(
            log.first_sighting(1, 1000, 1000),
            "the oldest was forgotten"
        );
        assert!(!log.first_sighting(4, 1000, 1000));
        for id in 100..10_000 {
            log.first_sighting(id, 1000, 1000);
        }
        assert_eq!(log.len(), 3);
    }
}
