//! The commands, each declared once in [`COMMANDS`]: its name, description and options (or that
//! it is a message command), where Discord offers it and who may install it, the rank it needs,
//! and its handler. The registration body
//! ([`registration_body`], which `careerbot commands --json` prints), the dispatch in
//! [`Bot::handle`] and the HTTP endpoint's metric labels are all read from that table. Choices
//! come from the [`Choices`] of the answer types, so a new topic or level appears in Discord
//! without editing these files.
//!
//! One file per command or small family, each exporting its declaration and its handlers:
//! `ask.rs` (with its autocomplete), `ask_message.rs` (the "Ask careerbot" message command and its
//! "Post publicly"), `answers.rs` (the buttons under an answer), `salary.rs`,
//! `skills.rs`, `roadmap.rs`, `moderation.rs` (`/pins`, `/gaps`), `guides.rs` (`/sources`,
//! `/reindex`), `settings.rs` (`/settings`), `info.rs` (`/help`, `/status`) and `follow_up.rs` (the "Follow
//! up" button, its modal and the thread its answers go to); `career.rs` is
//! the `career` option they share, and the order in which a command picks its career.

pub(crate) mod answers;
pub(crate) mod ask;
pub(crate) mod ask_message;
mod career;
pub mod follow_up;
pub(crate) mod guides;
pub(crate) mod info;
pub(crate) mod moderation;
pub(crate) mod roadmap;
pub(crate) mod salary;
pub(crate) mod settings;
pub(crate) mod skills;

use std::collections::BTreeMap;
use std::time::Instant;

use anyhow::Context;
use serde::Serialize;
use serde_json::Value;
use serenity::model::application::{
    CommandOptionType, CommandType, InstallationContext, InteractionContext,
};
use serenity::model::permissions::Permissions;

use crate::choices::Choices;
pub(crate) use crate::choices::choice_label;
use crate::discord::bot::{Bot, Handled};
use crate::discord::incoming::Incoming;
use crate::discord::message::Choice;
use crate::discord::permissions::Rank;
use crate::i18n::{self, Locale};
use crate::tr;

/// Every command, in the order Discord lists them.
pub static COMMANDS: &[Command] = &[
    ask::ASK,
    ask_message::ASK_MESSAGE,
    salary::SALARY,
    skills::SKILLS,
    roadmap::ROADMAP,
    info::HELP,
    moderation::PINS,
    info::STATUS,
    moderation::GAPS,
    guides::REINDEX,
    guides::SOURCES,
    settings::SETTINGS,
];

/// The command of this name, if the bot has one.
pub fn find(name: &str) -> Option<&'static Command> {
    COMMANDS.iter().find(|c| c.name == name)
}

/// The body of `PUT /applications/{id}/commands` (or the guild variant).
pub fn registration_body() -> Value {
    let body: Vec<Registration> = COMMANDS.iter().map(Command::registration).collect();
    serde_json::to_value(body).expect("a registration is plain data, it always serialises")
}

/// Handles a command once its guild, rank and cooldown checks passed: the first response, and
/// any work for after it.
pub type Handler = fn(&Bot, &Incoming) -> anyhow::Result<Handled>;

/// Suggests values while an autocomplete option is typed: (bot, interaction, the option's name,
/// the text typed so far).
pub type Autocomplete = fn(&Bot, &Incoming, &str, &str) -> Vec<Choice>;

/// A command about a server's own data, or for moderators and admins: installed with the bot
/// to servers only.
const GUILD_INSTALL: &[InstallationContext] = &[InstallationContext::Guild];
/// A command any member may use: installed with the bot to servers, or by a member to their own
/// account (then usable in servers without the bot and in any DM).
const GUILD_OR_USER_INSTALL: &[InstallationContext] =
    &[InstallationContext::Guild, InstallationContext::User];
/// Offered in servers and in DMs with the bot.
const ANYWHERE: &[InteractionContext] = &[InteractionContext::Guild, InteractionContext::BotDm];
/// Offered in servers, in DMs with the bot, and (installed to a member's account) in their other
/// DMs and group DMs.
const ANYWHERE_USER_INSTALLED: &[InteractionContext] = &[
    InteractionContext::Guild,
    InteractionContext::BotDm,
    InteractionContext::PrivateChannel,
];
/// Offered in servers only.
const IN_GUILDS: &[InteractionContext] = &[InteractionContext::Guild];

/// One command, declared once: [`Command::new`] (a slash command) or [`Command::on_message`] (a
/// message context-menu command), and the settings after it.
#[derive(Debug, Clone, Copy)]
pub struct Command {
    /// What is typed after `/` (or shown in a message's Apps menu); also its metric label.
    name: &'static str,
    /// A slash command (`ChatInput`) or a message command (`Message`).
    kind: CommandType,
    /// The catalogue id of what Discord shows under it (its `.name` attribute: the command's
    /// name in that language). A message command has no description (Discord refuses one): its
    /// message only names it in other languages.
    description: &'static str,
    /// Its options, built when registering (their choices are read from their types).
    options: fn() -> Vec<CommandOption>,
    /// Where Discord offers it.
    contexts: &'static [InteractionContext],
    /// For a command about a server's own data: the catalogue id of what it says anywhere else
    /// (checked first).
    guild_only: Option<&'static str>,
    /// The rank a member needs to use it.
    rank: Rank,
    /// The catalogue id of what a member below `rank` is told.
    refusal: &'static str,
    /// What it does.
    handler: Handler,
    /// Its suggestions while an option is typed.
    autocomplete: Option<Autocomplete>,
    /// Its cooldown per member, as a multiple of `bot.cooldown_seconds` (0: none).
    pace: u32,
    /// The catalogue id of what a member may do when the cooldown ends ("ask again", "use
    /// /salary again").
    again: &'static str,
    /// The command whose cooldown it shares (`None`: its own).
    shares_cooldown_of: Option<&'static str>,
}

impl Command {
    /// A command anyone may use, in servers and in DMs with the bot, without options.
    pub const fn new(name: &'static str, description: &'static str, handler: Handler) -> Command {
        Command {
            name,
            kind: CommandType::ChatInput,
            description,
            options: Vec::new,
            contexts: ANYWHERE,
            guild_only: None,
            rank: Rank::Member,
            refusal: "",
            handler,
            autocomplete: None,
            pace: 0,
            again: "",
            shares_cooldown_of: None,
        }
    }

    /// A message context-menu command (Discord's type 3, in a message's Apps menu): no
    /// description and no options (`names` is the catalogue id whose `.name` names it in each
    /// language); the handler reads the message from [`Incoming::target`].
    pub const fn on_message(name: &'static str, names: &'static str, handler: Handler) -> Command {
        Command {
            kind: CommandType::Message,
            ..Command::new(name, names, handler)
        }
    }

    /// Counting its uses in the cooldown of the command `other` (so two ways to the same answer
    /// share one pace).
    pub const fn sharing_cooldown_of(mut self, other: &'static str) -> Command {
        self.shares_cooldown_of = Some(other);
        self
    }

    /// The name its cooldown is kept under.
    pub fn cooldown_name(&self) -> &'static str {
        self.shares_cooldown_of.unwrap_or(self.name)
    }

    /// Whether a member may install it to their own account: a command any member may use
    /// anywhere (not about a server's own data, not for moderators or admins).
    pub fn user_installable(&self) -> bool {
        self.guild_only.is_none() && self.rank == Rank::Member && self.contexts == ANYWHERE
    }

    /// With these options.
    pub const fn options(mut self, options: fn() -> Vec<CommandOption>) -> Command {
        self.options = options;
        self
    }

    /// Offered in servers only.
    pub const fn in_guilds(mut self) -> Command {
        self.contexts = IN_GUILDS;
        self
    }

    /// About a server's own data: offered in servers only, and saying `refusal` if it comes
    /// from anywhere else. Checked before the rank.
    pub const fn guild_only(mut self, refusal: &'static str) -> Command {
        self.contexts = IN_GUILDS;
        self.guild_only = Some(refusal);
        self
    }

    /// Only for members of `rank` or above; anyone else is told `refusal`. The bot checks the
    /// rank itself; Discord also hides the command by default from members without the
    /// permission that grants the rank ([`Rank::granted_by`]).
    pub const fn only(mut self, rank: Rank, refusal: &'static str) -> Command {
        self.rank = rank;
        self.refusal = refusal;
        self
    }

    /// With suggestions while its autocomplete options are typed (offered to members of its
    /// rank only).
    pub const fn autocomplete(mut self, autocomplete: Autocomplete) -> Command {
        self.autocomplete = Some(autocomplete);
        self
    }

    /// With a cooldown per member of `pace` times `bot.cooldown_seconds`; a member who comes
    /// back sooner is told when they may `again` ("ask again").
    pub const fn cooldown(mut self, pace: u32, again: &'static str) -> Command {
        self.pace = pace;
        self.again = again;
        self
    }

    /// Its cooldown as a multiple of `bot.cooldown_seconds` (0: none).
    pub const fn pace(&self) -> u32 {
        self.pace
    }

    /// What is typed after `/`.
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// What Discord shows under it (empty for a message command).
    pub const fn description(&self) -> &'static str {
        self.description
    }

    /// A message command (in a message's Apps menu), not a slash command.
    pub fn on_messages(&self) -> bool {
        self.kind == CommandType::Message
    }

    /// The rank a member needs to use it.
    pub const fn rank(&self) -> Rank {
        self.rank
    }

    /// Runs the command: a guild-only command outside a guild, or a member below its rank, is
    /// refused with the command's own words; a member within the command's cooldown is told how
    /// long is left; anything else goes to its handler (and starts the cooldown).
    ///
    /// # Errors
    /// What the handler fails with.
    pub fn run(&self, bot: &Bot, i: &Incoming) -> anyhow::Result<Handled> {
        if let Some(refusal) = self.guild_only
            && i.guild_id.is_none()
        {
            return Ok(Handled::private(i18n::message(i.lang, refusal, None)));
        }
        if bot.rank(i) < self.rank {
            return Ok(Handled::private(i18n::message(i.lang, self.refusal, None)));
        }
        if let Err(wait) = bot
            .cooldowns()
            .admit(self.cooldown_name(), i.actor.id, Instant::now())
        {
            return Ok(Handled::private(tr!(
                i.lang,
                "cooldown",
                again = i18n::message(i.lang, self.again, None),
                seconds = wait.as_secs().max(1)
            )));
        }
        (self.handler)(bot, i)
    }

    /// Suggestions for the option being typed in `i`: none if the command has no autocomplete,
    /// and none for a member who may not run it (or outside a guild, for a guild-only command).
    pub fn suggestions(&self, bot: &Bot, i: &Incoming) -> Vec<Choice> {
        if bot.rank(i) < self.rank || (self.guild_only.is_some() && i.guild_id.is_none()) {
            return Vec::new();
        }
        let (option, typed) = i.focused().unwrap_or(("", ""));
        self.autocomplete
            .map_or_else(Vec::new, |suggest| suggest(bot, i, option, typed))
    }

    fn registration(&self) -> Registration {
        let slash = self.kind == CommandType::ChatInput;
        let (integration_types, contexts) = if self.user_installable() {
            (GUILD_OR_USER_INSTALL, ANYWHERE_USER_INSTALLED)
        } else {
            (GUILD_INSTALL, self.contexts)
        };
        Registration {
            name: self.name,
            kind: self.kind,
            description: slash.then(|| i18n::message(Locale::En, self.description, None)),
            name_localizations: name_localizations(self.description),
            description_localizations: if slash {
                description_localizations(self.description)
            } else {
                Localizations::new()
            },
            options: slash.then(|| (self.options)()),
            integration_types,
            contexts,
            default_member_permissions: self.rank.granted_by().map(Permissions::from_bits_truncate),
        }
    }
}

/// A command as Discord registers it: one element of the bulk-overwrite body.
#[derive(Debug, Serialize)]
struct Registration {
    name: &'static str,
    #[serde(rename = "type")]
    kind: CommandType,
    /// Slash commands only (Discord refuses a description or options on a message command).
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    name_localizations: Localizations,
    #[serde(skip_serializing_if = "Localizations::is_empty")]
    description_localizations: Localizations,
    #[serde(skip_serializing_if = "Option::is_none")]
    options: Option<Vec<CommandOption>>,
    integration_types: &'static [InstallationContext],
    contexts: &'static [InteractionContext],
    /// Which members Discord shows the command to by default (server admins can change it).
    #[serde(skip_serializing_if = "Option::is_none")]
    default_member_permissions: Option<Permissions>,
}

/// An option of a command, as Discord registers it.
#[derive(Debug, Clone, Serialize)]
pub struct CommandOption {
    #[serde(rename = "type")]
    kind: CommandOptionType,
    name: &'static str,
    /// The catalogue id of its description (and of its `.name` in each language); the tests
    /// check the English `.name` is `name`.
    #[serde(skip)]
    #[cfg_attr(not(test), allow(dead_code))]
    description_id: &'static str,
    description: String,
    name_localizations: Localizations,
    description_localizations: Localizations,
    #[serde(skip_serializing_if = "is_false")]
    required: bool,
    #[serde(skip_serializing_if = "is_false")]
    autocomplete: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    min_length: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_length: Option<usize>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    choices: Vec<OptionChoice>,
    /// A subcommand's own options.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    options: Vec<CommandOption>,
}

/// One choice of an option: Discord shows the name and sends back the value.
#[derive(Debug, Clone, Serialize)]
struct OptionChoice {
    name: &'static str,
    value: &'static str,
    name_localizations: Localizations,
}

/// A name or description in other languages, by Discord locale code.
type Localizations = BTreeMap<&'static str, String>;

/// The `.name` attribute of catalogue message `id` in every language but English, under each
/// of its Discord locale codes (none where a catalogue has no such attribute).
fn name_localizations(id: &str) -> Localizations {
    localized(|lang| i18n::attribute(lang, id, "name"))
}

/// Catalogue message `id` in every language but English, under each of its Discord codes.
fn description_localizations(id: &str) -> Localizations {
    localized(|lang| i18n::has(lang, id).then(|| i18n::message(lang, id, None)))
}

fn localized(text: impl Fn(Locale) -> Option<String>) -> Localizations {
    let mut out = Localizations::new();
    for lang in Locale::ALL {
        if let Some(t) = text(lang) {
            for code in lang.discord_codes() {
                out.insert(code, t.clone());
            }
        }
    }
    out
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl CommandOption {
    fn new(kind: CommandOptionType, name: &'static str, description: &'static str) -> Self {
        CommandOption {
            kind,
            name,
            description_id: description,
            description: i18n::message(Locale::En, description, None),
            name_localizations: name_localizations(description),
            description_localizations: description_localizations(description),
            required: false,
            autocomplete: false,
            min_length: None,
            max_length: None,
            choices: Vec::new(),
            options: Vec::new(),
        }
    }

    /// A text option.
    pub fn string(name: &'static str, description: &'static str) -> Self {
        CommandOption::new(CommandOptionType::String, name, description)
    }

    /// A true/false option.
    pub fn boolean(name: &'static str, description: &'static str) -> Self {
        CommandOption::new(CommandOptionType::Boolean, name, description)
    }

    /// A member option.
    pub fn user(name: &'static str, description: &'static str) -> Self {
        CommandOption::new(CommandOptionType::User, name, description)
    }

    /// A file option.
    pub fn attachment(name: &'static str, description: &'static str) -> Self {
        CommandOption::new(CommandOptionType::Attachment, name, description)
    }

    /// A subcommand with its own options.
    pub fn subcommand(
        name: &'static str,
        description: &'static str,
        options: Vec<CommandOption>,
    ) -> Self {
        CommandOption {
            options,
            ..CommandOption::new(CommandOptionType::SubCommand, name, description)
        }
    }

    /// Which must be given.
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    /// Whose values are suggested while typed (the command's [`Autocomplete`]).
    pub fn autocomplete(mut self) -> Self {
        self.autocomplete = true;
        self
    }

    /// Of `min` to `max` characters.
    pub fn length(mut self, min: usize, max: usize) -> Self {
        self.min_length = Some(min);
        self.max_length = Some(max);
        self
    }

    /// Picked from every value of `T`.
    pub fn choices<T: Choices>(self) -> Self {
        self.choices_among(T::ALL)
    }

    /// Picked from these values of `T`.
    pub fn choices_among<T: Choices>(mut self, values: &[T]) -> Self {
        self.choices = values
            .iter()
            .map(|v| OptionChoice {
                name: v.label(),
                value: v.id(),
                name_localizations: localized(|lang| {
                    (lang != Locale::En).then(|| choice_label(lang, *v))
                }),
            })
            .collect();
        self
    }
}

/// The guild of an interaction with a guild-only command ([`Command::run`] refused it elsewhere).
fn guild_of(i: &Incoming) -> anyhow::Result<u64> {
    i.guild_id
        .context("a guild-only command reached its handler outside a guild")
}

/// Seconds since the Unix epoch, as the store keeps time.
fn unix_now() -> i64 {
    i64::try_from(crate::search::unix_now()).unwrap_or(i64::MAX)
}

/// The value of a choice option: `Ok(None)` when it was not given (or left empty), `Err` with
/// the text sent when it is none of `T`'s.
fn choice<'a, T: Choices>(i: &'a Incoming, option: &str) -> Result<Option<T>, &'a str> {
    match i.text(option) {
        None | Some("") => Ok(None),
        Some(text) => text.parse().map(Some).map_err(|_| text),
    }
}

/// The ids of `T` in a sentence: "entry, mid, senior, lead or overall".
fn listed<T: Choices>(lang: Locale) -> String {
    let ids: Vec<&str> = T::ALL.iter().map(|c| c.id()).collect();
    match ids.split_last() {
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => tr!(lang, "list-or", rest = rest.join(", "), last = *last),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_descriptions_and_choices_fit_discord() {
        let body = registration_body();
        let commands = body.as_array().unwrap();
        assert!(commands.len() <= 100);
        let (slash, menus): (Vec<Value>, Vec<Value>) =
            commands.iter().cloned().partition(|c| c["type"] == 1);
        assert!(menus.len() <= 5, "Discord allows 5 message commands");
        for m in &menus {
            // A context-menu name may hold capitals and spaces; no description, no options.
            assert_eq!(m["type"], 3, "{m}");
            assert!((1..=32).contains(&m["name"].as_str().unwrap().chars().count()));
            assert!(
                m.get("description").is_none() && m.get("options").is_none(),
                "{m}"
            );
        }
        fn check(options: &Value) {
            for o in options.as_array().into_iter().flatten() {
                let name = o["name"].as_str().unwrap();
                assert!(
                    (1..=32).contains(&name.len())
                        && name
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c == '_' || c == '-'),
                    "{name}"
                );
                assert!(
                    (1..=100).contains(&o["description"].as_str().unwrap().chars().count()),
                    "{name}"
                );
                if let Some(ch) = o.get("choices") {
                    let ch = ch.as_array().unwrap();
                    assert!(ch.len() <= 25);
                    for c in ch {
                        assert!((1..=100).contains(&c["name"].as_str().unwrap().chars().count()));
                    }
                }
                check(&o["options"]);
            }
        }
        check(&Value::Array(slash));
        let find = |n: &str| commands.iter().find(|c| c["name"] == n).unwrap();
        assert_eq!(find("reindex")["default_member_permissions"], "8");
        assert_eq!(find("sources")["default_member_permissions"], "8");
        assert!(find("ask").get("default_member_permissions").is_none());
        assert_eq!(find("ask")["options"][0]["autocomplete"], true);
    }

    /// Regression (issue "hold under abuse", 1): only `/ask` had a cooldown.
    #[test]
    fn every_command_a_member_may_use_has_a_cooldown() {
        for c in COMMANDS {
            if c.rank() < Rank::Admin {
                assert!(c.pace() >= 1, "/{} has no cooldown", c.name());
                assert!(
                    !c.again.is_empty(),
                    "/{} says what comes after it",
                    c.name()
                );
            }
        }
        assert!(super::find("salary").unwrap().pace() > super::find("ask").unwrap().pace());
        assert_eq!(
            super::find(ask_message::NAME).unwrap().cooldown_name(),
            "ask",
            "asking from a message counts as asking"
        );
    }

    #[test]
    fn each_command_is_declared_once_and_found_by_its_name() {
        let mut names = std::collections::HashSet::new();
        for c in COMMANDS {
            assert!(names.insert(c.name()), "/{} twice", c.name());
            assert!(std::ptr::eq(super::find(c.name()).unwrap(), c));
        }
        assert!(super::find("nope").is_none());
        assert!(super::find("").is_none());
    }

    #[test]
    fn rank_and_guild_decide_who_sees_a_command_and_where() {
        let body = registration_body();
        for (c, registered) in COMMANDS.iter().zip(body.as_array().unwrap()) {
            assert_eq!(registered["name"], c.name());
            match c.rank().granted_by() {
                Some(bits) => {
                    assert!(!c.refusal.is_empty(), "/{} says why not", c.name());
                    assert_eq!(registered["default_member_permissions"], bits.to_string());
                }
                None => assert!(registered.get("default_member_permissions").is_none()),
            }
            if c.guild_only.is_some() {
                assert_eq!(
                    registered["contexts"],
                    serde_json::json!([0]),
                    "/{}",
                    c.name()
                );
            }
        }
    }

    /// The registration body without its localisations (checked on their own below).
    fn unlocalised(mut v: Value) -> Value {
        match &mut v {
            Value::Object(map) => {
                map.remove("name_localizations");
                map.remove("description_localizations");
                for value in map.values_mut() {
                    *value = unlocalised(value.take());
                }
            }
            Value::Array(items) => {
                for item in items {
                    *item = unlocalised(item.take());
                }
            }
            _ => {}
        }
        v
    }

    /// Every command, subcommand, option and choice has its name and description in every
    /// language's Discord locales, within Discord's rules: names lowercase letters, digits,
    /// `-` and `_`, 1–32 characters and unique among their siblings; descriptions and choice
    /// names 1–100 characters.
    #[test]
    fn every_name_and_description_is_localised_within_discords_rules() {
        let name_rule = regex::Regex::new(r"^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$").unwrap();
        let codes: Vec<&str> = Locale::ALL
            .iter()
            .flat_map(|l| l.discord_codes().iter().copied())
            .collect();
        assert_eq!(codes, ["es-ES", "es-419"]);
        fn text<'a>(v: &'a Value, key: &str, code: &str, at: &str) -> &'a str {
            v[key][code]
                .as_str()
                .unwrap_or_else(|| panic!("{at}: no {key} for {code}"))
        }
        fn check(items: &Value, codes: &[&str], rule: &regex::Regex, at: &str) {
            let items = items.as_array().into_iter().flatten();
            let mut names: Vec<std::collections::HashSet<String>> =
                vec![std::collections::HashSet::new(); codes.len()];
            for o in items {
                let at = format!("{at}/{}", o["name"].as_str().unwrap());
                for (k, code) in codes.iter().enumerate() {
                    let name = text(o, "name_localizations", code, &at);
                    assert!(rule.is_match(name), "{at}: {name:?} for {code}");
                    assert_eq!(name, name.to_lowercase(), "{at}: {name:?} is not lowercase");
                    assert!(names[k].insert(name.to_string()), "{at}: {name:?} twice");
                    let description = text(o, "description_localizations", code, &at);
                    let n = description.chars().count();
                    assert!((1..=100).contains(&n), "{at}: {description:?} for {code}");
                    assert_ne!(description, o["description"], "{at}: not translated");
                    for c in o["choices"].as_array().into_iter().flatten() {
                        let label = text(c, "name_localizations", code, &at);
                        assert!(
                            (1..=100).contains(&label.chars().count()),
                            "{at}: {label:?}"
                        );
                    }
                }
                check(&o["options"], codes, rule, &at);
            }
        }
        let (slash, menus): (Vec<Value>, Vec<Value>) = registration_body()
            .as_array()
            .unwrap()
            .iter()
            .cloned()
            .partition(|c| c["type"] == 1);
        check(&Value::Array(slash), &codes, &name_rule, "");
        for m in &menus {
            for code in &codes {
                let name = text(m, "name_localizations", code, "menu");
                assert!((1..=32).contains(&name.chars().count()), "{name:?}");
                assert_ne!(name, m["name"], "not translated");
            }
        }
        let body = registration_body();
        let ask = &body[0];
        assert_eq!(ask["name"], "ask");
        assert_eq!(ask["name_localizations"]["es-ES"], "preguntar");
        assert_eq!(ask["name_localizations"]["es-419"], "preguntar");
        assert_eq!(ask["options"][0]["name_localizations"]["es-ES"], "pregunta");
        let salary = body
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == "salary")
            .unwrap();
        assert_eq!(
            salary["options"][1]["choices"][0],
            serde_json::json!({ "name": "Entry level", "value": "entry",
                "name_localizations": { "es-ES": "Nivel inicial", "es-419": "Nivel inicial" } })
        );
    }

    /// The English catalogue's `.name` of every command and option is the name in the code (the
    /// one dispatch reads), and refusals, cooldown words and guild-only words are in every
    /// catalogue.
    #[test]
    fn the_command_tables_ids_are_in_the_catalogues() {
        fn names(options: &[CommandOption]) {
            for o in options {
                let id = o.description_id;
                assert_eq!(
                    i18n::attribute(Locale::En, id, "name").as_deref(),
                    Some(o.name),
                    "{id}"
                );
                names(&o.options);
            }
        }
        for c in COMMANDS {
            assert_eq!(
                i18n::attribute(Locale::En, c.description, "name").as_deref(),
                Some(c.name),
                "/{}",
                c.name
            );
            names(&(c.options)());
            for lang in Locale::ALL {
                for id in [c.refusal, c.again]
                    .into_iter()
                    .chain(c.guild_only)
                    .filter(|id| !id.is_empty())
                {
                    assert!(i18n::has(lang, id), "/{}: {id} in {}", c.name, lang.dir());
                }
            }
        }
    }

    #[test]
    fn options_are_registered_in_discords_numbers() {
        use serde_json::json;
        let body = unlocalised(registration_body());
        let find = |n: &str| {
            body.as_array()
                .unwrap()
                .iter()
                .find(|c| c["name"] == n)
                .unwrap()
        };
        let ask = find("ask");
        assert_eq!(ask["type"], 1, "a slash command");
        assert_eq!(
            ask["integration_types"],
            json!([0, 1]),
            "installable to a member"
        );
        assert_eq!(ask["contexts"], json!([0, 1, 2]));
        assert_eq!(
            find(ask_message::NAME),
            &json!({ "name": "Ask careerbot", "type": 3, "integration_types": [0, 1],
                     "contexts": [0, 1, 2] }),
            "a message command: no description, no options"
        );
        for admin in ["reindex", "sources", "settings", "gaps", "pins"] {
            assert_eq!(find(admin)["integration_types"], json!([0]), "/{admin}");
            assert_eq!(find(admin)["contexts"], json!([0]), "/{admin}");
        }
        assert_eq!(
            ask["options"],
            json!([
                { "type": 3, "name": "question", "description": "Your question, in your own words.",
                  "required": true, "autocomplete": true, "min_length": 1, "max_length": 300 },
                { "type": 3, "name": "career",
                  "description": "Which career (default: the one asked about, else the server's, else every career).",
                  "autocomplete": true },
                { "type": 5, "name": "hide", "description": "Only you see the answer." },
                { "type": 6, "name": "mention",
                  "description": "Point the answer at this member (the only one pinged)." },
            ])
        );
        assert_eq!(
            find("salary")["options"][0],
            json!({ "type": 3, "name": "career",
                    "description": "Which career (default: the one asked about, else the server's, else every career).",
                    "autocomplete": true })
        );
        assert_eq!(
            find("salary")["options"][1]["choices"][0],
            json!({ "name": "Entry level", "value": "entry" })
        );
        assert_eq!(
            find("skills")["options"][2]["choices"]
                .as_array()
                .unwrap()
                .len(),
            4
        );
        let add = &find("sources")["options"][1];
        assert_eq!(add["type"], 1, "a subcommand");
        assert_eq!(add["options"][0]["type"], 11, "an attachment");
        assert!(find("sources")["options"][0].get("options").is_none());
        assert!(find("help")["options"].as_array().unwrap().is_empty());
    }

    #[test]
    fn ids_read_as_a_sentence() {
        use crate::answer::roadmap::Stage;
        use crate::answer::salary::Level;
        assert_eq!(
            listed::<Level>(Locale::En),
            "entry, mid, senior, lead or overall"
        );
        assert_eq!(listed::<Stage>(Locale::En), "junior, mid, senior or lead");
        assert_eq!(listed::<Stage>(Locale::Es), "junior, mid, senior o lead");
    }
}
