//! The repeated-question window: the answers this process posted lately, by channel and
//! question, so the same question asked again in a channel soon after points to the earlier
//! answer instead of being answered twice.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

/// Answers remembered at most: past it, answers older than the window are forgotten, and if
/// that is not enough, all of them.
const MAX_ANSWERS: usize = 10_000;

/// An earlier answer to a question: where to point the member who asks it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EarlierAnswer {
    /// The answer's message.
    pub message_id: u64,
    /// When it was posted (Unix seconds).
    pub posted_at: i64,
}

/// An answer this process posted.
#[derive(Debug, Clone)]
struct Posted {
    answer_id: String,
    /// Known once the message is read back after the response was sent.
    message_id: Option<u64>,
    posted_at: i64,
}

/// The answers this process posted within the window, by (channel, question key). The database
/// holds them too (and other replicas'), each committed before it was posted, but learns an
/// answer's message only when the batch writer commits it, up to 50 ms after it was read back:
/// this window sees it at once, and costs no database read.
#[derive(Debug)]
pub struct DuplicateWindow {
    /// Seconds an answer counts as recent; zero turns the check off.
    seconds: i64,
    /// Answers by (channel, question key), at most `capacity`.
    posted: Mutex<HashMap<(u64, String), Posted>>,
    /// Answers remembered at most.
    capacity: usize,
}

impl DuplicateWindow {
    /// A window of `seconds` (zero: questions are never treated as repeated).
    pub fn new(seconds: u64) -> DuplicateWindow {
        DuplicateWindow::with_capacity(seconds, MAX_ANSWERS)
    }

    fn with_capacity(seconds: u64, capacity: usize) -> DuplicateWindow {
        DuplicateWindow {
            seconds: i64::try_from(seconds).unwrap_or(i64::MAX),
            posted: Mutex::new(HashMap::new()),
            capacity: capacity.max(1),
        }
    }

    /// Whether repeated questions are looked for at all.
    pub fn is_on(&self) -> bool {
        self.seconds > 0
    }

    /// The start of the window that ends at `now` (Unix seconds).
    pub fn since(&self, now: i64) -> i64 {
        now.saturating_sub(self.seconds)
    }

    /// This process's answer to the question `key` in `channel` within the window ending at
    /// `now`, once its message is known.
    pub fn earlier(&self, channel: u64, key: &str, now: i64) -> Option<EarlierAnswer> {
        let posted = self.posted.lock().unwrap_or_else(PoisonError::into_inner);
        let answer = posted.get(&(channel, key.to_string()))?;
        if answer.posted_at < self.since(now) {
            return None;
        }
        Some(EarlierAnswer {
            message_id: answer.message_id?,
            posted_at: answer.posted_at,
        })
    }

    /// Remembers an answer to the question `key` posted in `channel` at `now`; its message is
    /// learnt later ([`DuplicateWindow::learn_message`]).
    pub fn remember(&self, channel: u64, key: String, answer_id: String, now: i64) {
        if !self.is_on() {
            return;
        }
        let mut posted = self.posted.lock().unwrap_or_else(PoisonError::into_inner);
        if posted.len() >= self.capacity {
            let since = self.since(now);
            posted.retain(|_, a| a.posted_at >= since);
            if posted.len() >= self.capacity {
                posted.clear();
            }
        }
        posted.insert(
            (channel, key),
            Posted {
                answer_id,
                message_id: None,
                posted_at: now,
            },
        );
    }

    /// Records the message an answer became.
    pub fn learn_message(&self, answer_id: &str, message_id: u64) {
        let mut posted = self.posted.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(a) = posted.values_mut().find(|a| a.answer_id == answer_id) {
            a.message_id = Some(message_id);
        }
    }

    /// Answers remembered now.
    #[cfg(test)]
    fn remembered(&self) -> usize {
        self.posted
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: i64 = 1_700_000_000;

    fn posted(window: &DuplicateWindow, channel: u64, key: &str, answer: &str, at: i64) {
        window.remember(channel, key.into(), answer.into(), at);
        window.learn_message(answer, channel * 100);
    }

    #[test]
    fn a_question_repeats_in_its_own_channel_once_its_message_is_known() {
        let window = DuplicateWindow::new(120);
        window.remember(1, "salary".into(), "a1".into(), T0);
        assert_eq!(
            window.earlier(1, "salary", T0 + 1),
            None,
            "message not known yet"
        );
        window.learn_message("a1", 11);
        let earlier = Some(EarlierAnswer {
            message_id: 11,
            posted_at: T0,
        });
        assert_eq!(window.earlier(1, "salary", T0 + 1), earlier);
        assert_eq!(window.earlier(2, "salary", T0 + 1), None, "another channel");
        assert_eq!(
            window.earlier(1, "skills", T0 + 1),
            None,
            "another question"
        );
    }

    #[test]
    fn answers_expire_with_the_window() {
        let window = DuplicateWindow::new(120);
        posted(&window, 1, "salary", "a1", T0);
        assert!(window.earlier(1, "salary", T0 + 120).is_some());
        assert_eq!(window.earlier(1, "salary", T0 + 121), None);
        // The same question answered again later counts from then.
        posted(&window, 1, "salary", "a2", T0 + 200);
        assert!(window.earlier(1, "salary", T0 + 300).is_some());
    }

    #[test]
    fn zero_turns_the_check_off() {
        let window = DuplicateWindow::new(0);
        assert!(!window.is_on());
        posted(&window, 1, "salary", "a1", T0);
        assert_eq!(window.earlier(1, "salary", T0), None);
        assert_eq!(window.remembered(), 0);
    }

    #[test]
    fn memory_is_bounded_forgetting_expired_answers_first_then_all() {
        let window = DuplicateWindow::with_capacity(120, 3);
        posted(&window, 1, "a", "a1", T0);
        posted(&window, 2, "b", "a2", T0 + 100);
        posted(&window, 3, "c", "a3", T0 + 110);
        // The first answer expired: it makes room, the others stay.
        posted(&window, 4, "d", "a4", T0 + 150);
        assert_eq!(window.remembered(), 3);
        assert_eq!(window.earlier(1, "a", T0 + 150), None);
        assert!(window.earlier(2, "b", T0 + 150).is_some());
        // Every answer is recent: they are all forgotten for the new one.
        posted(&window, 5, "e", "a5", T0 + 160);
        assert_eq!(window.remembered(), 1);
        assert!(window.earlier(5, "e", T0 + 160).is_some());
        assert_eq!(window.earlier(4, "d", T0 + 160), None);
    }
}
