//! The bot's own words in the member's language: message catalogues (`locales/<lang>/*.ftl`,
//! Project Fluent syntax) compiled into the binary, looked up by id with English as fallback.
//!
//! Every face uses it: Discord picks the [`Locale`] from the interaction's `locale` (the
//! member's, never the server's `guild_locale`); the CLI speaks English. Guide text (passages,
//! headings quoted from guides) is never translated. A message the member's catalogue lacks is
//! taken from English, and an id no catalogue has is shown as itself: a lookup never panics.
//!
//! Adding a language: a `locales/<dir>/` with the same files and ids as `locales/en/`, a
//! [`Locale`] variant, its Discord locale codes in [`Locale::discord_codes`] and its files in
//! `CATALOGUES`; the tests below check that every catalogue has every id.

use std::borrow::Cow;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use once_cell::sync::Lazy;
use unic_langid::LanguageIdentifier;

pub use fluent_bundle::FluentValue;

/// A language the bot speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    /// English: the default, and the fallback for every message.
    #[default]
    En,
    /// Spanish (Spain and Latin America).
    Es,
}

impl Locale {
    /// Every language, English first.
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Es];

    /// The language for a Discord `locale` code (`es-ES`, `es-419` → Spanish); any other code,
    /// or none, → English.
    pub fn from_discord(code: Option<&str>) -> Locale {
        let code = code.unwrap_or_default();
        Locale::ALL
            .into_iter()
            .find(|l| {
                l.discord_codes()
                    .iter()
                    .any(|c| c.eq_ignore_ascii_case(code))
            })
            .unwrap_or_default()
    }

    /// The Discord locale codes this language answers to, and registers command names and
    /// descriptions under. English is Discord's default, so it needs none.
    pub const fn discord_codes(self) -> &'static [&'static str] {
        match self {
            Locale::En => &[],
            Locale::Es => &["es-ES", "es-419"],
        }
    }

    /// Its catalogue directory under `locales/` (also its language tag).
    pub const fn dir(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Es => "es",
        }
    }
}

/// The catalogue files of each language, compiled in. Every language has the same files.
const CATALOGUES: [(Locale, &[&str]); 2] = [
    (
        Locale::En,
        &[
            include_str!("../locales/en/bot.ftl"),
            include_str!("../locales/en/commands.ftl"),
            include_str!("../locales/en/images.ftl"),
        ],
    ),
    (
        Locale::Es,
        &[
            include_str!("../locales/es/bot.ftl"),
            include_str!("../locales/es/commands.ftl"),
            include_str!("../locales/es/images.ftl"),
        ],
    ),
];

/// One bundle per language, built on first use.
static BUNDLES: Lazy<Vec<(Locale, FluentBundle<FluentResource>)>> = Lazy::new(|| {
    CATALOGUES
        .iter()
        .map(|(locale, files)| (*locale, bundle(*locale, files)))
        .collect()
});

fn bundle(locale: Locale, files: &[&str]) -> FluentBundle<FluentResource> {
    let tag: LanguageIdentifier = locale.dir().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![tag]);
    // Discord renders plain text: no Unicode isolation marks around arguments.
    bundle.set_use_isolating(false);
    for file in files {
        let resource =
            FluentResource::try_new((*file).to_string()).unwrap_or_else(|(r, errors)| {
                tracing::error!(
                    lang = locale.dir(),
                    ?errors,
                    "catalogue has syntax errors; skipped those entries"
                );
                r
            });
        if let Err(errors) = bundle.add_resource(resource) {
            tracing::error!(
                lang = locale.dir(),
                ?errors,
                "catalogue defines an id twice"
            );
        }
    }
    bundle
}

fn bundle_of(locale: Locale) -> Option<&'static FluentBundle<FluentResource>> {
    BUNDLES.iter().find(|(l, _)| *l == locale).map(|(_, b)| b)
}

/// Arguments of a message, by name.
pub type Args<'a> = FluentArgs<'a>;

/// The message `id` in `locale` (English when that catalogue lacks it; `id` itself when no
/// catalogue has it), with `args` filled in.
pub fn message(locale: Locale, id: &str, args: Option<&Args>) -> String {
    lookup(locale, id, None, args)
        .or_else(|| {
            if locale != Locale::En {
                tracing::warn!(lang = locale.dir(), id, "message missing; English used");
            }
            lookup(Locale::En, id, None, args)
        })
        .unwrap_or_else(|| {
            tracing::warn!(id, "message in no catalogue; its id shown");
            id.to_string()
        })
}

/// The attribute `attr` of message `id` in `locale` only (no fallback): e.g. a command's
/// `.name` in Spanish.
pub fn attribute(locale: Locale, id: &str, attr: &str) -> Option<String> {
    lookup(locale, id, Some(attr), None)
}

/// Whether the `locale` catalogue has the message `id`.
pub fn has(locale: Locale, id: &str) -> bool {
    bundle_of(locale).is_some_and(|b| b.has_message(id))
}

fn lookup(locale: Locale, id: &str, attr: Option<&str>, args: Option<&Args>) -> Option<String> {
    let bundle = bundle_of(locale)?;
    let msg = bundle.get_message(id)?;
    let pattern = match attr {
        None => msg.value()?,
        Some(a) => msg.get_attribute(a)?.value(),
    };
    let mut errors = Vec::new();
    let text: Cow<str> = bundle.format_pattern(pattern, args, &mut errors);
    if !errors.is_empty() {
        tracing::warn!(
            lang = locale.dir(),
            id,
            ?errors,
            "message formatted with errors"
        );
    }
    Some(text.into_owned())
}

/// The message `id` in a language, with named arguments:
/// `tr!(lang, "cooldown", again = again, seconds = 3)`. Any value that converts into a
/// [`FluentValue`] (text, numbers) can be an argument; numbers pick plural forms.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $id:literal $(,)?) => {
        $crate::i18n::message($lang, $id, None)
    };
    ($lang:expr, $id:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = $crate::i18n::Args::new();
        $( args.set(stringify!($name), $crate::i18n::FluentValue::from($value)); )+
        $crate::i18n::message($lang, $id, Some(&args))
    }};
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Every id (and `id.attribute`) a catalogue defines; the catalogue parses cleanly.
    fn ids(locale: Locale) -> BTreeSet<String> {
        let (_, files) = CATALOGUES.iter().find(|(l, _)| *l == locale).unwrap();
        let message = regex::Regex::new(r"^([a-zA-Z][\w-]*)\s*=").unwrap();
        let attribute = regex::Regex::new(r"^\s+\.([\w-]+)\s*=").unwrap();
        let mut out = BTreeSet::new();
        for file in *files {
            if let Err((_, e)) = FluentResource::try_new((*file).to_string()) {
                panic!("{} catalogue: {e:?}", locale.dir());
            }
            let mut current = String::new();
            for line in file.lines() {
                if let Some(m) = message.captures(line) {
                    current = m[1].to_string();
                    assert!(out.insert(current.clone()), "{} twice", &m[1]);
                } else if let Some(a) = attribute.captures(line) {
                    out.insert(format!("{current}.{}", &a[1]));
                }
            }
        }
        out
    }

    #[test]
    fn every_catalogue_has_every_id_of_every_other() {
        let en = ids(Locale::En);
        assert!(en.len() > 100, "{}", en.len());
        for locale in Locale::ALL {
            let other = ids(locale);
            let missing: Vec<_> = en.difference(&other).collect();
            let extra: Vec<_> = other.difference(&en).collect();
            assert!(missing.is_empty(), "{} lacks {missing:?}", locale.dir());
            assert!(extra.is_empty(), "{} only has {extra:?}", locale.dir());
        }
    }

    /// Every message the code looks up with `tr!` is in every catalogue.
    #[test]
    fn every_id_the_code_uses_is_in_every_catalogue() {
        let call = regex::Regex::new(r#"tr!\(\s*[^,]+?,\s*"([^"]+)""#).unwrap();
        let mut used = BTreeSet::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    for c in call.captures_iter(&text) {
                        used.insert((c[1].to_string(), path.display().to_string()));
                    }
                }
            }
        }
        assert!(used.len() > 50, "{}", used.len());
        for locale in Locale::ALL {
            let have = ids(locale);
            for (id, file) in &used {
                if id == "no-such-message" {
                    continue;
                }
                assert!(
                    have.contains(id),
                    "{file} uses {id:?}, missing in {}",
                    locale.dir()
                );
            }
        }
    }

    #[test]
    fn discord_locales_pick_the_language_and_anything_else_is_english() {
        assert_eq!(Locale::from_discord(Some("es-ES")), Locale::Es);
        assert_eq!(Locale::from_discord(Some("es-419")), Locale::Es);
        assert_eq!(Locale::from_discord(Some("fr")), Locale::En);
        assert_eq!(Locale::from_discord(Some("en-US")), Locale::En);
        assert_eq!(Locale::from_discord(Some("")), Locale::En);
        assert_eq!(Locale::from_discord(None), Locale::En);
    }

    #[test]
    fn arguments_and_plurals_come_from_the_catalogue() {
        let en = tr!(Locale::En, "cooldown", again = "ask again", seconds = 1);
        assert_eq!(en, "Easy there: you can ask again in 1 s.");
        let es = tr!(
            Locale::Es,
            "cooldown",
            again = "volver a preguntar",
            seconds = 5
        );
        assert_eq!(es, "Con calma: podrás volver a preguntar en 5 s.");
        assert_eq!(tr!(Locale::En, "passages-count", count = 1), "1 passage");
        assert_eq!(tr!(Locale::En, "passages-count", count = 3), "3 passages");
        assert_eq!(tr!(Locale::Es, "passages-count", count = 1), "1 pasaje");
        assert_eq!(tr!(Locale::Es, "passages-count", count = 3), "3 pasajes");
        assert!(!es.contains('\u{2068}'), "no isolation marks");
    }

    #[test]
    fn a_missing_message_falls_back_and_never_panics() {
        assert_eq!(tr!(Locale::Es, "no-such-message"), "no-such-message");
        assert_eq!(
            message(Locale::Es, "button-sources", None),
            tr!(Locale::Es, "button-sources")
        );
        // A message without its argument still formats.
        assert!(!message(Locale::Es, "cooldown", None).is_empty());
        assert_eq!(attribute(Locale::En, "no-such-message", "name"), None);
    }
}
