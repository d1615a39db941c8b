//! Cooldowns shared by every replica on the database: a member's use of a command through any
//! host starts the wait on all of them.

use std::time::Duration;

use super::super::{StoreError, to_sql_id};
use super::{Pg, params};

/// Starts the cooldown unless one is running; returns 0, or the milliseconds left of the
/// running one ($1 command, $2 member, $3 period in milliseconds). One statement, one round
/// trip; the table is unlogged, so its commit waits for no flush. The main query reads the
/// snapshot from before the upsert: the row that held the member back.
const ADMIT_SQL: &str = "WITH now AS (
         SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS ms
     ), started AS (
         INSERT INTO careerbot_cooldowns AS c (command, member_id, started_ms)
         SELECT $1::text, $2::bigint, ms FROM now
         ON CONFLICT (command, member_id) DO UPDATE SET started_ms = excluded.started_ms
             WHERE c.started_ms <= excluded.started_ms - $3::bigint
         RETURNING 0::bigint AS left_ms
     )
     SELECT COALESCE(
         (SELECT left_ms FROM started),
         (SELECT GREATEST(c.started_ms + $3::bigint - now.ms, 1)
          FROM careerbot_cooldowns AS c, now
          WHERE c.command = $1::text AND c.member_id = $2::bigint),
         $3::bigint)";

impl Pg {
    /// See [`Store::admit_cooldown`](crate::store::Store::admit_cooldown).
    pub(in crate::store) fn admit_cooldown(
        &self,
        command: &str,
        member: u64,
        period: Duration,
    ) -> Result<Result<(), Duration>, StoreError> {
        let period_ms = i64::try_from(period.as_millis()).unwrap_or(i64::MAX);
        let rows = self.query(
            ADMIT_SQL,
            params![command.to_string(), to_sql_id(member), period_ms],
        )?;
        let left_ms: i64 = rows.first().map_or(0, |r| r.get(0));
        Ok(match u64::try_from(left_ms) {
            Ok(0) | Err(_) => Ok(()),
            Ok(ms) => Err(Duration::from_millis(ms)),
        })
    }

    /// Forgets cooldowns that ended more than a day ago (at most `batch`); how many.
    pub(in crate::store) fn prune_cooldowns(&self, batch: i64) -> Result<u64, StoreError> {
        let rows = self.query(
            "WITH gone AS (
                 DELETE FROM careerbot_cooldowns WHERE ctid IN (
                     SELECT ctid FROM careerbot_cooldowns
                     WHERE started_ms < (extract(epoch FROM clock_timestamp()) * 1000)::bigint
                                        - 86400000
                     LIMIT $1)
                 RETURNING 1)
             SELECT COUNT(*) FROM gone",
            params![batch],
        )?;
        Ok(rows
            .first()
            .map_or(0, |r| u64::try_from(r.get::<_, i64>(0)).unwrap_or(0)))
    }
}
