//! Each server's settings: today its default career, the one `/ask`, `/salary`, `/skills` and
//! `/roadmap` answer from when a member names none.

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError, to_sql_id};

impl Store {
    /// The default career of `guild`, if an admin set one.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails.
    pub fn guild_career(&self, guild: u64) -> Result<Option<String>, StoreError> {
        if let Some(pg) = self.postgres() {
            return pg.guild_career(guild);
        }
        self.read(|conn| {
            Ok(conn
                .prepare_cached("SELECT career FROM guild_settings WHERE guild_id = ?1")?
                .query_row([to_sql_id(guild)], |row| row.get::<_, Option<String>>(0))
                .optional()?
                .flatten())
        })
    }

    /// Sets (or with `None` clears) the default career of `guild`, recording who did it and when.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] if SQLite fails.
    pub fn set_guild_career(
        &self,
        guild: u64,
        career: Option<&str>,
        by: u64,
        at: i64,
    ) -> Result<(), StoreError> {
        if let Some(pg) = self.postgres() {
            return self.noted(pg.set_guild_career(guild, career, by, at));
        }
        self.write(|tx| {
            tx.execute(
                "INSERT INTO guild_settings (guild_id, career, updated_by, updated_at)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (guild_id) DO UPDATE SET
                     career = excluded.career,
                     updated_by = excluded.updated_by,
                     updated_at = excluded.updated_at",
                params![to_sql_id(guild), career, to_sql_id(by), at],
            )?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::store::fixtures::on_both;

    on_both! {
        fn a_guilds_career_is_set_replaced_and_cleared(s) {
            assert_eq!(s.guild_career(10).unwrap(), None);
            s.set_guild_career(10, Some("Electrician"), 1, 100).unwrap();
            s.set_guild_career(u64::MAX, Some("Data Analyst"), 1, 100)
                .unwrap();
            assert_eq!(s.guild_career(10).unwrap().as_deref(), Some("Electrician"));
            s.set_guild_career(10, Some("Product Manager"), 2, 200)
                .unwrap();
            assert_eq!(
                s.guild_career(10).unwrap().as_deref(),
                Some("Product Manager")
            );
            s.set_guild_career(10, None, 2, 300).unwrap();
            assert_eq!(s.guild_career(10).unwrap(), None);
            assert_eq!(
                s.guild_career(u64::MAX).unwrap().as_deref(),
                Some("Data Analyst"),
                "other guilds keep theirs"
            );
        }
    }

    on_both! {
        fn settings_survive_a_restart(place: Place) {
            place
                .open()
                .set_guild_career(10, Some("Electrician"), 1, 100)
                .unwrap();
            let again = place.open();
            assert_eq!(
                again.guild_career(10).unwrap().as_deref(),
                Some("Electrician")
            );
        }
    }
}
