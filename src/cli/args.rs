//! The arguments of the answering subcommands, and the clap parser for a [`Choices`] value.

use std::ffi::OsStr;
use std::marker::PhantomData;
use std::path::PathBuf;

use clap::Args;
use clap::builder::{PossibleValue, TypedValueParser};
use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::answer::roadmap::{Focus, Stage};
use crate::answer::salary::Level;
use crate::answer::skills::Topic;
use crate::choices::Choices;

/// `careerbot ask`
#[derive(Debug, Args)]
pub struct AskArgs {
    /// Passages to show (1–50; default from config).
    #[arg(long, short = 'n', value_parser = clap::value_parser!(u16).range(1..=i64::from(MAX_LIMIT)))]
    pub limit: Option<u16>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// Read one question per line from FILE ("-" for stdin); print one answer per line.
    #[arg(long, value_name = "FILE", conflicts_with = "question")]
    pub batch: Option<PathBuf>,
    /// Answer from this career's guides only (any case, a word of it, or its initials:
    /// electrician, pm; default: the career the question names, else every career).
    #[arg(long, value_name = "CAREER")]
    pub career: Option<String>,
    /// The question. Words starting with "-" that are not options are words of the question
    /// (`careerbot ask -salary` asks about "-salary"); the options may come after it
    /// (`careerbot ask what do electricians earn --json`).
    #[arg(value_name = "QUESTION", num_args = 0.., allow_hyphen_values = true)]
    pub question: Vec<String>,
}

/// Most passages `--limit` shows.
const MAX_LIMIT: u16 = 50;

impl AskArgs {
    /// Takes this command's own options written after the question out of its words
    /// (`careerbot ask what do electricians earn --json`): once the question's words begin,
    /// every word is read as one of them, so an option after them would be asked about.
    /// `--json`, `--career CAREER` (or `=CAREER`) and `--limit N`/`-n N` with N in 1–50 are
    /// read as options; any other word stays in the question.
    pub fn take_trailing_options(&mut self) {
        let mut words = std::mem::take(&mut self.question).into_iter().peekable();
        while let Some(word) = words.next() {
            match word.as_str() {
                "--json" => self.json = true,
                "--career" if self.career.is_none() && words.peek().is_some() => {
                    self.career = words.next();
                }
                "--limit" | "-n" if self.limit.is_none() => {
                    match words.peek().and_then(|n| n.parse::<u16>().ok()) {
                        Some(n) if (1..=MAX_LIMIT).contains(&n) => {
                            self.limit = Some(n);
                            words.next();
                        }
                        _ => self.question.push(word),
                    }
                }
                _ => match word.strip_prefix("--career=") {
                    Some(career) if self.career.is_none() && !career.is_empty() => {
                        self.career = Some(career.to_string());
                    }
                    _ => self.question.push(word),
                },
            }
        }
    }
}

/// `careerbot reindex`
#[derive(Debug, Args)]
pub struct ReindexArgs {
    /// Guides directory (default from config).
    #[arg(long, value_name = "DIR")]
    pub seeds: Option<PathBuf>,
    /// Index directory (default from config).
    #[arg(long, value_name = "DIR")]
    pub index: Option<PathBuf>,
    /// Print JSON (documents, passages, skipped, milliseconds, …) instead of text.
    #[arg(long)]
    pub json: bool,
}

/// `careerbot sources`
#[derive(Debug, Args)]
pub struct SourcesArgs {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// `careerbot careers`
#[derive(Debug, Args)]
pub struct CareersArgs {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// `careerbot salary`
#[derive(Debug, Args)]
pub struct SalaryArgs {
    /// Only this career (any case, a word of it, or its initials: electrician, pm; default:
    /// every career, each said).
    #[arg(long, value_name = "CAREER")]
    pub career: Option<String>,
    /// Only this level (aliases such as junior, sr or principal work too; default: every level).
    #[arg(long, value_name = "LEVEL", value_parser = IdParser::<Level>::new())]
    pub level: Option<Level>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// Also draw the figures as a 1000×620 PNG range chart into FILE.
    #[arg(long, value_name = "FILE.png")]
    pub chart: Option<PathBuf>,
}

/// `careerbot skills`
#[derive(Debug, Args)]
pub struct SkillsArgs {
    /// Only this career (any case, a word of it, or its initials; default: every career, each
    /// said).
    #[arg(long, value_name = "NAME")]
    pub career: Option<String>,
    /// The topic.
    #[arg(long, value_name = "TOPIC", default_value = "all", value_parser = IdParser::<Topic>::new())]
    pub topic: Topic,
    /// Also show what the guides expect at this level (overall: every level).
    #[arg(long, value_name = "LEVEL", value_parser = IdParser::<Level>::new())]
    pub level: Option<Level>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// `careerbot roadmap`
#[derive(Debug, Args)]
pub struct RoadmapArgs {
    /// Only this career (any case, a word of it, or its initials; default: every career, each
    /// said).
    #[arg(long, value_name = "NAME")]
    pub career: Option<String>,
    /// Only this career stage (default: every stage, and lateral moves).
    #[arg(long, value_name = "STAGE", value_parser = IdParser::<Stage>::new())]
    pub stage: Option<Stage>,
    /// Which part of the roadmap.
    #[arg(long, value_name = "FOCUS", default_value = "all", value_parser = IdParser::<Focus>::new())]
    pub focus: Focus,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// Also draw the career's stages as a timeline PNG (1000 pixels wide) into FILE (needs
    /// --career when the guides cover several careers).
    #[arg(long, value_name = "FILE.png")]
    pub timeline: Option<PathBuf>,
}

/// A clap value parser for a [`Choices`] type: it reads a value with the type's own
/// [`FromStr`](std::str::FromStr), so every alias the type accepts works, and names the type's
/// ids in `--help` and in the usage error (exit 2) for a value it does not know.
#[derive(Debug)]
pub struct IdParser<T>(PhantomData<fn() -> T>);

impl<T> IdParser<T> {
    /// A parser for `T`.
    pub const fn new() -> Self {
        IdParser(PhantomData)
    }
}

impl<T> Default for IdParser<T> {
    fn default() -> Self {
        IdParser::new()
    }
}

impl<T> Clone for IdParser<T> {
    fn clone(&self) -> Self {
        IdParser::new()
    }
}

impl<T> TypedValueParser for IdParser<T>
where
    T: Choices + Send + Sync,
{
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<T, clap::Error> {
        let text = value.to_string_lossy();
        text.parse::<T>().map_err(|_| {
            let mut err = clap::Error::new(ErrorKind::InvalidValue).with_cmd(cmd);
            err.insert(
                ContextKind::InvalidArg,
                ContextValue::String(arg.map_or_else(|| "...".to_string(), ToString::to_string)),
            );
            err.insert(
                ContextKind::InvalidValue,
                ContextValue::String(text.into_owned()),
            );
            err.insert(
                ContextKind::ValidValue,
                ContextValue::Strings(T::ALL.iter().map(|c| c.id().to_string()).collect()),
            );
            err
        })
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(T::ALL.iter().map(|c| PossibleValue::new(c.id()))))
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;
    use crate::cli::{Cli, Command};

    #[test]
    fn a_question_word_starting_with_a_dash_is_a_word_not_a_flag() {
        let cli = Cli::try_parse_from(["careerbot", "ask", "-salary", "for", "juniors"]).unwrap();
        let Command::Ask(args) = cli.command else {
            panic!("ask")
        };
        assert_eq!(args.question, vec!["-salary", "for", "juniors"]);
        // Options before the question still parse as options.
        let cli = Cli::try_parse_from(["careerbot", "ask", "--json", "-n", "3", "pay?"]).unwrap();
        let Command::Ask(args) = cli.command else {
            panic!("ask")
        };
        assert!(args.json);
        assert_eq!(args.limit, Some(3));
        assert_eq!(args.question, vec!["pay?"]);
    }

    /// Regression: `careerbot ask "EMT certification" --json` asked about "json" ("The guides
    /// never mention json"): options after the question were words of it.
    #[test]
    fn options_after_the_question_are_options() {
        let parse = |argv: &[&str]| {
            let Command::Ask(mut args) = Cli::try_parse_from(argv).unwrap().command else {
                panic!("ask")
            };
            args.take_trailing_options();
            args
        };
        let args = parse(&[
            "careerbot",
            "ask",
            "what",
            "do",
            "nurses",
            "earn",
            "--json",
            "--career",
            "nurse",
            "-n",
            "4",
        ]);
        assert!(args.json);
        assert_eq!(args.career.as_deref(), Some("nurse"));
        assert_eq!(args.limit, Some(4));
        assert_eq!(args.question, vec!["what", "do", "nurses", "earn"]);
        let args = parse(&["careerbot", "ask", "pay", "--career=pm"]);
        assert_eq!(args.career.as_deref(), Some("pm"));
        assert_eq!(args.question, vec!["pay"]);
        // A word that is no option of ask, or a limit out of range, stays in the question.
        let args = parse(&["careerbot", "ask", "-salary", "--verbose", "-n", "99"]);
        assert!(!args.json);
        assert_eq!(args.limit, None);
        assert_eq!(args.question, vec!["-salary", "--verbose", "-n", "99"]);
        // An option given before the question is not taken twice.
        let args = parse(&["careerbot", "ask", "--career", "pm", "pay", "--career", "x"]);
        assert_eq!(args.career.as_deref(), Some("pm"));
        assert_eq!(args.question, vec!["pay", "--career", "x"]);
    }

    #[test]
    fn option_values_parse_with_aliases_and_reject_the_rest() {
        let cli = Cli::try_parse_from(["careerbot", "salary", "--level", "Junior"]).unwrap();
        assert!(matches!(
            cli.command,
            Command::Salary(SalaryArgs {
                level: Some(Level::Entry),
                ..
            })
        ));
        let cli = Cli::try_parse_from(["careerbot", "skills"]).unwrap();
        assert!(matches!(
            cli.command,
            Command::Skills(SkillsArgs {
                topic: Topic::All,
                level: None,
                ..
            })
        ));
        let cli = Cli::try_parse_from(["careerbot", "roadmap", "--stage", "cto", "--focus", "cv"])
            .unwrap();
        assert!(matches!(
            cli.command,
            Command::Roadmap(RoadmapArgs {
                stage: Some(Stage::Lead),
                focus: Focus::Portfolio,
                ..
            })
        ));
        let err = Cli::try_parse_from(["careerbot", "skills", "--topic", "cooking"]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidValue);
        assert_eq!(err.exit_code(), 2);
        let text = err.to_string();
        assert!(text.contains("'cooking'"), "{text}");
        assert!(text.contains("cloud_devops"), "{text}");
    }
}
