//! Answer ids: short random names for stored answers, carried in Discord custom ids.

/// The longest answer id; Discord custom ids are limited to 100 characters and carry more.
pub const MAX_ANSWER_ID_LEN: usize = 20;

/// A fresh answer id: base36 of a random `u64` (at most 13 characters), drawn from `rand`'s
/// thread-local generator (a CSPRNG seeded by the operating system).
pub fn new_answer_id() -> String {
    to_base36(rand::random::<u64>())
}

fn to_base36(mut n: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut buf = Vec::with_capacity(13);
    loop {
        buf.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    buf.reverse();
    String::from_utf8(buf).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fixtures::{new_answer, on_both};
    use serde_json::json;
    use std::collections::HashSet;

    on_both! {
        fn answer_ids_are_short_and_distinct(s) {
            let payload = json!({});
            let mut seen = HashSet::new();
            for i in 0..300 {
                let id = s.insert_answer(&new_answer(1, "q", &payload, i)).unwrap();
                assert!(
                    id.len() <= 13 && id.bytes().all(|b| b.is_ascii_alphanumeric()),
                    "{id}"
                );
                assert!(seen.insert(id));
            }
            assert_eq!(to_base36(0), "0");
            assert_eq!(to_base36(35), "z");
            assert_eq!(to_base36(36), "10");
            assert_eq!(to_base36(u64::MAX), "3w5e11264sgsf");
        }
    }
}
