//! Each server's settings on PostgreSQL: the statements behind `settings.rs`.

use super::super::{StoreError, to_sql_id};
use super::{Pg, params};

impl Pg {
    pub(in crate::store) fn guild_career(&self, guild: u64) -> Result<Option<String>, StoreError> {
        let rows = self.query(
            "SELECT career FROM guild_settings WHERE guild_id = $1",
            params![to_sql_id(guild)],
        )?;
        Ok(rows.first().and_then(|r| r.get::<_, Option<String>>(0)))
    }

    pub(in crate::store) fn set_guild_career(
        &self,
        guild: u64,
        career: Option<&str>,
        by: u64,
        at: i64,
    ) -> Result<(), StoreError> {
        self.execute(
            "INSERT INTO guild_settings (guild_id, career, updated_by, updated_at)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (guild_id) DO UPDATE SET
                 career = excluded.career,
                 updated_by = excluded.updated_by,
                 updated_at = excluded.updated_at",
            params![
                to_sql_id(guild),
                career.map(str::to_string),
                to_sql_id(by),
                at
            ],
        )?;
        Ok(())
    }
}
