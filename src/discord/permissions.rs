//! Who may do what, decided by the bot itself from the permission bits and roles Discord sends
//! with each interaction (the command's `default_member_permissions` only hides commands in the
//! client, and server admins can override it).

use crate::config::BotConfig;
use crate::discord::incoming::Actor;

/// ADMINISTRATOR.
pub const ADMINISTRATOR: u64 = 1 << 3;
/// MANAGE_GUILD.
pub const MANAGE_GUILD: u64 = 1 << 5;
/// MANAGE_MESSAGES (could pin before the 2025 split; still accepted).
pub const MANAGE_MESSAGES: u64 = 1 << 13;
/// PIN_MESSAGES (the pin permission since 2025-08). serenity 0.12 drops this bit when it parses
/// permissions; the raw string Discord sends keeps it (see `incoming`).
pub const PIN_MESSAGES: u64 = 1 << 51;

/// What a member may do with the bot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rank {
    /// Ask questions, give feedback, dismiss their own answers.
    Member,
    /// Also pin answers, unpin, see gaps, dismiss any answer.
    Moderator,
    /// Also reindex and manage the guides.
    Admin,
}

impl Rank {
    /// The permission that grants this rank on its own, which a command of this rank asks
    /// Discord to require before showing it (`default_member_permissions`, which server admins
    /// can change): Administrator for admins, Manage Messages for moderators (Pin Messages grants
    /// the rank too, but Discord requires every bit listed). Members need none.
    pub fn granted_by(self) -> Option<u64> {
        match self {
            Rank::Member => None,
            Rank::Moderator => Some(MANAGE_MESSAGES),
            Rank::Admin => Some(ADMINISTRATOR),
        }
    }
}

/// The rank of the member behind an interaction: configured ids and roles, or the permission
/// bits (Administrator → admin; Manage Messages or Pin Messages → moderator). In DMs (no guild)
/// only configured user ids count.
pub fn rank(actor: &Actor, in_guild: bool, config: &BotConfig) -> Rank {
    let has_role = |roles: &[u64]| actor.roles.iter().any(|r| roles.contains(r));
    let bits = if in_guild { actor.permissions } else { 0 };
    if config.admin_user_ids.contains(&actor.id)
        || has_role(&config.admin_role_ids)
        || bits & ADMINISTRATOR != 0
    {
        Rank::Admin
    } else if config.moderator_user_ids.contains(&actor.id)
        || has_role(&config.moderator_role_ids)
        || bits & (MANAGE_MESSAGES | PIN_MESSAGES) != 0
    {
        Rank::Moderator
    } else {
        Rank::Member
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(permissions: u64, roles: Vec<u64>) -> Actor {
        Actor {
            id: 7,
            name: "x".into(),
            roles,
            permissions,
        }
    }

    #[test]
    fn the_permission_granting_a_rank_grants_it() {
        let c = BotConfig::default();
        for r in [Rank::Member, Rank::Moderator, Rank::Admin] {
            let bits = r.granted_by().unwrap_or(0);
            assert_eq!(rank(&actor(bits, vec![]), true, &c), r);
        }
    }

    #[test]
    fn ranks_from_bits_roles_and_ids() {
        let c = BotConfig::default();
        // The permission strings of the documented payloads.
        assert_eq!(
            rank(&actor(277_025_770_560, vec![]), true, &c),
            Rank::Member
        );
        assert_eq!(
            rank(&actor(2_252_076_839_464_000, vec![]), true, &c),
            Rank::Moderator
        );
        assert_eq!(
            rank(&actor(277_025_778_752, vec![]), true, &c),
            Rank::Moderator,
            "MANAGE_MESSAGES alone"
        );
        assert_eq!(
            rank(&actor(PIN_MESSAGES, vec![]), true, &c),
            Rank::Moderator,
            "PIN_MESSAGES alone"
        );
        assert_eq!(rank(&actor(ADMINISTRATOR, vec![]), true, &c), Rank::Admin);
        let c = BotConfig {
            moderator_role_ids: vec![5],
            admin_user_ids: vec![9],
            ..BotConfig::default()
        };
        assert_eq!(rank(&actor(0, vec![5]), true, &c), Rank::Moderator);
        assert_eq!(
            rank(
                &Actor {
                    id: 9,
                    ..actor(0, vec![])
                },
                false,
                &c
            ),
            Rank::Admin
        );
        // Bits mean nothing outside a guild.
        assert_eq!(
            rank(&actor(ADMINISTRATOR, vec![]), false, &BotConfig::default()),
            Rank::Member
        );
    }
}
