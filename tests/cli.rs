//! End-to-end tests of the `careerbot` binary: every test runs the real program on the repository's
//! guides (`seeds/`), with its own index directory and working directory, and no config file
//! unless the test writes one. Every process runs to completion; nothing sleeps.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use careerbot::answer::chart::ImageText;
use careerbot::i18n::Locale;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_careerbot");

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

const GUIDES: [&str; 5] = [
    "000_84c8862ccb5e7127.txt",
    "001_2be4012d68e4b72e.txt",
    "002_aa806d2299f069f1.txt",
    "003_7297c4eb2c1aaf2e.txt",
    "004_ce589c6dcabf1bae.txt",
];

/// One isolated setting: a fresh index directory and an empty working directory (so no stray
/// `config.toml` is read).
struct Sandbox {
    index: tempfile::TempDir,
    cwd: tempfile::TempDir,
    seeds: PathBuf,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox {
            index: tempfile::tempdir().expect("index dir"),
            cwd: tempfile::tempdir().expect("working dir"),
            seeds: seeds_dir(),
        }
    }

    /// A sandbox whose library holds the seeds and the four other careers' guides of
    /// `tests/fixtures/careers/`, their manifest entries appended.
    fn with_careers() -> Sandbox {
        Sandbox::with_fixtures(&["tests/fixtures/careers"])
    }

    /// [`Sandbox::with_careers`] and the three careers of `tests/fixtures/more_careers/` (a
    /// dental hygienist's guide tells no career stages).
    fn with_more_careers() -> Sandbox {
        Sandbox::with_fixtures(&["tests/fixtures/careers", "tests/fixtures/more_careers"])
    }

    /// A sandbox whose library holds the seeds and the guides of `fixtures` (directories of the
    /// crate), their manifest entries appended.
    fn with_fixtures(fixtures: &[&str]) -> Sandbox {
        let mut sb = Sandbox::new();
        let lib = sb.cwd.path().join("library");
        fs::create_dir_all(&lib).unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut manifest = fs::read_to_string(seeds_dir().join("sources.toml")).unwrap();
        let dirs = std::iter::once(seeds_dir()).chain(fixtures.iter().map(|f| root.join(f)));
        for dir in dirs {
            for e in fs::read_dir(&dir).unwrap() {
                let e = e.unwrap();
                let name = e.file_name().to_string_lossy().into_owned();
                if name == "sources.toml" {
                    if dir != seeds_dir() {
                        let text = fs::read_to_string(e.path()).unwrap();
                        // The entries, from the first (which may open the file).
                        let first = if text.starts_with("[[guide]]") {
                            0
                        } else {
                            text.find("\n[[guide]]").unwrap() + 1
                        };
                        manifest.push_str("\n\n");
                        manifest.push_str(&text[first..]);
                    }
                } else if [".txt", ".md", ".html"].iter().any(|x| name.ends_with(x)) {
                    fs::copy(e.path(), lib.join(&name)).unwrap();
                }
            }
        }
        fs::write(lib.join("sources.toml"), manifest).unwrap();
        sb.seeds = lib;
        sb
    }

    /// The command with the sandbox's settings and nothing from the caller's environment.
    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.args(args)
            .current_dir(self.cwd.path())
            .env_remove("CAREERBOT_CONFIG")
            .env_remove("CAREERBOT_INDEX_THREADS")
            .env_remove("CAREERBOT_SEARCH_LIMIT")
            .env_remove("CAREERBOT_SNIPPET_CHARS")
            .env_remove("RUST_LOG")
            .env_remove("DISCORD_TOKEN")
            .env_remove("DISCORD_API_BASE")
            .env("CAREERBOT_DATA_DIR", self.cwd.path().join("data"))
            .env("NO_COLOR", "1")
            .env("CAREERBOT_SEEDS_DIR", &self.seeds)
            .env("CAREERBOT_INDEX_DIR", self.index.path());
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run careerbot")
    }

    /// Runs and expects exit code 0; returns stdout.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "careerbot {args:?} failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("stdout is UTF-8")
    }

    fn json(&self, args: &[&str]) -> Value {
        let stdout = self.ok(args);
        serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}):\n{stdout}"))
    }

    fn current(&self) -> String {
        fs::read_to_string(self.index.path().join("CURRENT")).expect("CURRENT exists")
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn keys(v: &Value) -> BTreeSet<&str> {
    v.as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect()
}

/// Lines `start..=end` (1-based) of a seed file.
fn seed_lines(source: &str, start: u64, end: u64) -> Vec<String> {
    let text = fs::read_to_string(seeds_dir().join(source)).expect("seed file");
    text.lines()
        .skip(start as usize - 1)
        .take((end - start + 1) as usize)
        .map(str::to_string)
        .collect()
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn ask_text_numbers_and_cites_passages() {
    let sb = Sandbox::new();
    let out = sb.ok(&["ask", "How much does a senior back-end developer earn?"]);
    assert!(
        out.starts_with("Q: How much does a senior back-end developer earn?"),
        "{out}"
    );
    let citation =
        regex::Regex::new(r"(?m)^\[(\d+)\] .+ — .+ \((\d{3}_[0-9a-f]{16}\.txt):(\d+)-(\d+)\)$")
            .unwrap();
    let cited: Vec<_> = citation.captures_iter(&out).collect();
    assert!(!cited.is_empty(), "no citation in:\n{out}");
    for (i, c) in cited.iter().enumerate() {
        assert_eq!(c[1].parse::<usize>().unwrap(), i + 1, "ranks count up");
        assert!(GUIDES.contains(&&c[2]));
        assert!(c[3].parse::<u32>().unwrap() <= c[4].parse::<u32>().unwrap());
    }
}

#[test]
fn ask_says_when_the_guides_do_not_answer() {
    let sb = Sandbox::new();
    // Words the guides hold, too few of the question's.
    let q = "is there an official permit I gotta have before I write server code for money";
    let v = sb.json(&["ask", "--json", q]);
    assert_eq!(v["confident"], false, "{v}");
    assert_eq!(v["reason"], "weak_match", "{v}");
    let text = sb.ok(&["ask", q]);
    assert!(text.contains("could not find a good answer"), "{text}");
    // Common words no guide holds ("mechanical keyboard"), whatever career word ("coding").
    let v = sb.json(&["ask", "--json", "best mechanical keyboard for coding"]);
    assert_eq!(v["confident"], false, "{v}");
    assert_eq!(v["reason"], "off_topic", "{v}");
    assert_eq!(v["results"], serde_json::json!([]), "{v}");
    let text = sb.ok(&["ask", "best mechanical keyboard for coding"]);
    assert!(
        text.contains("doesn't look like a career question"),
        "{text}"
    );
}

#[test]
fn ask_json_has_the_documented_keys_and_cites_the_right_lines() {
    let sb = Sandbox::new();
    let v = sb.json(&[
        "ask",
        "--json",
        "which databases should a backend developer learn",
    ]);
    assert_eq!(
        keys(&v),
        BTreeSet::from([
            "query",
            "career",
            "confident",
            "card",
            "cards",
            "no_card",
            "past_card_limit",
            "results"
        ])
    );
    assert_eq!(v["confident"], true);
    assert_eq!(v["career"], "Back-End Developer", "the question names it");
    let results = v["results"].as_array().unwrap();
    assert!(!results.is_empty());
    let documented = BTreeSet::from([
        "rank",
        "score",
        "source",
        "title",
        "career",
        "section",
        "start_line",
        "end_line",
        "text",
        "snippet",
        "highlights",
    ]);
    for (i, r) in results.iter().enumerate() {
        assert_eq!(keys(r), documented);
        assert_eq!(r["rank"].as_u64(), Some(i as u64 + 1));
        assert!(r["score"].is_number());
        let source = r["source"].as_str().unwrap();
        assert!(GUIDES.contains(&source), "{source}");
        let (start, end) = (
            r["start_line"].as_u64().unwrap(),
            r["end_line"].as_u64().unwrap(),
        );
        assert!(start >= 1 && start <= end);
        // The snippet is plain text; highlights are ordered [start, end) character offsets.
        let snippet: Vec<char> = r["snippet"].as_str().unwrap().chars().collect();
        assert!(!snippet.iter().collect::<String>().contains("**"));
        let mut at = 0;
        for h in r["highlights"].as_array().unwrap() {
            let (from, to) = (
                h[0].as_u64().unwrap() as usize,
                h[1].as_u64().unwrap() as usize,
            );
            assert!(
                at <= from && from < to && to <= snippet.len(),
                "{h} in {snippet:?}"
            );
            assert!(
                snippet[from..to]
                    .iter()
                    .all(|c| c.is_alphanumeric() || "-+#.".contains(*c))
            );
            at = to;
        }
        let first = r["text"].as_str().unwrap().lines().next().unwrap();
        let cited = seed_lines(source, start, end);
        assert!(
            cited.iter().any(|l| squash(l).contains(&squash(first))),
            "{source}:{start}-{end} does not hold {first:?}:\n{cited:#?}"
        );
    }
}

#[test]
fn ask_batch_json_gives_one_line_per_question_and_an_error_for_a_blank_one() {
    let sb = Sandbox::new();
    let batch = sb.cwd.path().join("questions.txt");
    fs::write(&batch, "junior salary\n\nwhat do interviews include\n").unwrap();
    let out = sb.ok(&["ask", "--json", "--batch", batch.to_str().unwrap()]);
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert_eq!(lines[0]["query"], "junior salary");
    assert!(lines[0].get("error").is_none());
    assert!(!lines[0]["results"].as_array().unwrap().is_empty());
    assert_eq!(lines[1]["query"], "");
    assert_eq!(lines[1]["results"], Value::Array(vec![]));
    assert!(lines[1]["error"].as_str().unwrap().contains("empty"));
    assert_eq!(lines[2]["query"], "what do interviews include");
    assert!(lines[2].get("error").is_none());
}

#[test]
fn ask_batch_on_two_threads_keeps_input_order() {
    let sb = Sandbox::new();
    let questions = [
        "senior salary",
        "which databases to learn",
        "how long is the junior stage",
        "what should a portfolio include",
        "",
        "remote pay",
    ];
    // Enough lines for the parallel path, in a known order.
    let all: Vec<&str> = questions.iter().copied().cycle().take(300).collect();
    let batch = sb.cwd.path().join("many.txt");
    fs::write(&batch, all.join("\n") + "\n").unwrap();
    let out = sb.ok(&["ask", "--json", "--batch", batch.to_str().unwrap()]);
    let got: Vec<String> = out
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            v["query"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(got, all);
}

#[test]
fn empty_question_is_a_usage_error() {
    let sb = Sandbox::new();
    for args in [&["ask"][..], &["ask", "   "][..]] {
        let out = sb.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
        assert!(stderr(&out).contains("empty"), "{}", stderr(&out));
    }
}

#[test]
fn long_question_is_cut_with_a_note() {
    let sb = Sandbox::new();
    let long = "how much does a senior backend developer earn in the united states ".repeat(6);
    let long = &long[..400];
    let out = sb.run(&["ask", long]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("cut"), "{}", stderr(&out));
}

#[test]
fn reindex_reports_documents_passages_and_time() {
    let sb = Sandbox::new();
    let out = sb.ok(&["reindex"]);
    let line = regex::Regex::new(r"Indexed 5 documents, (\d+) passages in \d+(\.\d+)? ms").unwrap();
    let c = line.captures(&out).unwrap_or_else(|| panic!("{out}"));
    assert!(c[1].parse::<u32>().unwrap() > 50);
    if cfg!(target_os = "linux") {
        assert!(
            regex::Regex::new(r"(?m)^peak memory: \d+ MB$")
                .unwrap()
                .is_match(&out),
            "{out}"
        );
    }
    let v = sb.json(&["reindex", "--json"]);
    assert_eq!(v["documents"], 5);
    assert!(v["passages"].as_u64().unwrap() > 50);
    assert!(v["milliseconds"].is_u64());
    assert_eq!(v["skipped"], Value::Array(vec![]));
    assert_eq!(v["generation"].as_str().unwrap(), sb.current().trim());
}

#[test]
fn sources_lists_the_five_guides() {
    let sb = Sandbox::new();
    let out = sb.ok(&["sources"]);
    for g in GUIDES {
        assert!(out.contains(g), "{g} missing from:\n{out}");
    }
    assert!(out.contains("5 guides"), "{out}");
}

/// A `CURRENT` that is a directory, and what a killed build left, do not stop the program: it
/// warns, rebuilds, replaces `CURRENT` and removes the leftovers; the next run reuses the index.
#[test]
fn a_current_that_is_a_directory_is_rebuilt_over_not_fatal() {
    let sb = Sandbox::new();
    sb.ok(&["ask", "senior salary"]);
    let current = sb.index.path().join("CURRENT");
    fs::remove_file(&current).unwrap();
    fs::create_dir(&current).unwrap();
    let leftovers = [
        sb.index.path().join(".build-99999-1"),
        sb.index.path().join(".CURRENT.1"),
    ];
    fs::create_dir(&leftovers[0]).unwrap();
    fs::write(&leftovers[1], "gen-1-000000000000").unwrap();
    let out = sb.run(&["ask", "senior salary"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("CURRENT"),
        "a warning: {}",
        stderr(&out)
    );
    assert!(current.is_file());
    assert!(!leftovers.iter().any(|l| l.exists()), "{leftovers:?}");
    let rebuilt = sb.current();
    sb.ok(&["ask", "junior salary"]);
    assert_eq!(sb.current(), rebuilt, "the rebuilt index is reused");
}

#[test]
fn second_ask_reuses_the_index() {
    let sb = Sandbox::new();
    sb.ok(&["ask", "senior salary"]);
    let first = sb.current();
    let generations = |dir: &Path| -> BTreeSet<String> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("gen-"))
            .collect()
    };
    let before = generations(sb.index.path());
    sb.ok(&["ask", "junior salary"]);
    assert_eq!(
        sb.current(),
        first,
        "CURRENT changed: the index was rebuilt"
    );
    assert_eq!(generations(sb.index.path()), before);
}

#[test]
fn salary_json_has_integer_figures_and_cited_rows() {
    let sb = Sandbox::new();
    let v = sb.json(&["salary", "--json"]);
    assert_eq!(
        keys(&v),
        BTreeSet::from(["career", "level", "notes", "rows", "summaries"])
    );
    let rows = v["rows"].as_array().unwrap();
    assert!(!rows.is_empty());
    for r in rows {
        for k in ["low", "high", "line", "start_line", "end_line"] {
            assert!(r[k].is_u64(), "{k} is not an integer in {r}");
        }
        assert!(r["open_ended"].is_boolean());
        assert_eq!(r["career"], "Back-End Developer");
        assert_eq!(r["period"], "year");
        assert!(GUIDES.contains(&r["source"].as_str().unwrap()));
        assert!(r["start_line"].as_u64() <= r["line"].as_u64());
        assert!(r["line"].as_u64() <= r["end_line"].as_u64());
    }
    let senior = rows
        .iter()
        .find(|r| r["source"] == GUIDES[0] && r["level"] == "senior")
        .expect("the 000 guide's senior row");
    assert_eq!(senior["low"], 160_000);
    assert_eq!(senior["high"], 200_000);
    assert_eq!(senior["open_ended"], true);
    // The cited line holds the figure as written.
    let line = senior["line"].as_u64().unwrap();
    let text = &seed_lines(GUIDES[0], line, line)[0];
    assert!(text.contains(senior["raw"].as_str().unwrap()), "{text}");
    for s in v["summaries"].as_array().unwrap() {
        for k in ["lowest", "highest", "median_midpoint", "sources"] {
            assert!(s[k].is_u64(), "{k} in {s}");
        }
        assert_eq!(s["career"], "Back-End Developer");
    }

    let only = sb.json(&["salary", "--json", "--level", "sr"]);
    assert_eq!(only["level"], "senior");
    assert!(
        only["rows"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["level"] == "senior")
    );
}

#[test]
fn salary_text_has_rows_summaries_and_notes_cited() {
    let sb = Sandbox::new();
    let out = sb.ok(&["salary"]);
    assert!(out.contains("\nBack-End Developer\n"), "{out}");
    assert!(
        out.contains("Senior   $160K–$200K+  Back-End Developer Jobs in the USA (2026): A Comprehensive Guide — Back-End Developer Salary in the USA (2026) (000_84c8862ccb5e7127.txt:75)"),
        "{out}"
    );
    assert!(
        out.contains("Entry: $60K–$95K, median of midpoints $81.8K, from 4 guides"),
        "{out}"
    );
    assert!(out.contains("Notes from the guides:"), "{out}");
    assert!(out.contains("(000_84c8862ccb5e7127.txt:81)"), "{out}");
}

#[test]
fn salary_chart_is_a_1000_by_620_png() {
    let sb = Sandbox::new();
    let out = sb.ok(&["salary", "--chart", "out.png"]);
    let path = sb.cwd.path().join("out.png");
    assert!(out.contains("out.png"), "{out}");
    let decoder = png::Decoder::new(std::io::BufReader::new(fs::File::open(&path).unwrap()));
    let mut reader = decoder.read_info().expect("a PNG header");
    let mut buf = vec![0; reader.output_buffer_size().expect("buffer size")];
    let frame = reader.next_frame(&mut buf).expect("the image decodes");
    assert_eq!((frame.width, frame.height), (1000, 620));
    // The terminal speaks English, and so does the chart it writes.
    let text = ImageText::of_png(&fs::read(&path).unwrap()).expect("the text the chart draws");
    assert_eq!(text.lang, Locale::En);
    assert_eq!(text.lines[0], "Salary ranges by level (USD per year)");
    assert!(text.lines.iter().any(|l| l == "Thousand USD per year"));
}

#[test]
fn salary_chart_errors_are_clear_and_leave_no_file() {
    let sb = Sandbox::new();
    let missing = sb.cwd.path().join("no-such-dir").join("chart.png");
    let out = sb.run(&["salary", "--chart", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("cannot write the salary chart"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());

    // A library with no salary figure: a message, no file, a failure code.
    let guides = tempfile::tempdir().unwrap();
    fs::write(
        guides.path().join("mentoring.txt"),
        "Mentoring Junior Developers\n\nPair programming and code review help junior developers grow quickly in small teams.\n",
    )
    .unwrap();
    let out = sb
        .command(&["salary", "--chart", "empty.png"])
        .env("CAREERBOT_SEEDS_DIR", guides.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("no salary figures"),
        "{}",
        stderr(&out)
    );
    assert!(!sb.cwd.path().join("empty.png").exists());
}

#[test]
fn skills_for_databases_name_postgresql_in_several_guides() {
    let sb = Sandbox::new();
    let v = sb.json(&["skills", "--topic", "databases", "--json"]);
    assert_eq!(v["topic"], "databases");
    let skills = v["skills"].as_array().unwrap();
    let pg = skills
        .iter()
        .find(|s| s["name"] == "PostgreSQL")
        .expect("PostgreSQL is named");
    assert!(pg["guides"].as_u64().unwrap() >= 3, "{pg}");
    for c in pg["citations"].as_array().unwrap() {
        let line = c["line"].as_u64().unwrap();
        let text = &seed_lines(c["source"].as_str().unwrap(), line, line)[0];
        assert!(text.contains(c["surface"].as_str().unwrap()), "{text}");
    }
    assert!(skills.iter().all(|s| s["topic"] == "databases"));

    let out = sb.ok(&["skills", "--topic", "db", "--level", "junior"]);
    assert!(out.contains("PostgreSQL — "), "{out}");
    assert!(out.contains("Best passages:"), "{out}");
    assert!(out.contains("What the guides expect by level:"), "{out}");
    assert!(out.contains("(002_aa806d2299f069f1.txt:58)"), "{out}");
}

#[test]
fn roadmap_for_juniors_cites_one_to_two_years() {
    let sb = Sandbox::new();
    let v = sb.json(&["roadmap", "--stage", "junior", "--json"]);
    let stages = v["stages"].as_array().unwrap();
    assert_eq!(stages.len(), 1);
    assert_eq!(stages[0]["stage"], "junior");
    let cited = stages[0]["citations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| {
            c["duration"]["min_years"].as_f64() == Some(1.0)
                && c["duration"]["max_years"].as_f64() == Some(2.0)
        })
        .expect("a 1–2 year duration");
    assert_eq!(cited["source"], GUIDES[1]);
    assert_eq!(cited["line"], 58);
    assert_eq!(v["lateral_moves"], Value::Array(vec![]));

    let out = sb.ok(&["roadmap", "--stage", "entry-level", "--focus", "career"]);
    assert!(out.contains("[1–2 years in the stage]"), "{out}");
    assert!(out.contains("(001_2be4012d68e4b72e.txt:58)"), "{out}");
    assert!(!out.contains("Interviews:"), "{out}");
}

#[test]
fn bad_option_values_are_usage_errors_listing_the_valid_ones() {
    let sb = Sandbox::new();
    for args in [
        &["salary", "--level", "nonsense"][..],
        &["skills", "--topic", "cooking"][..],
        &["roadmap", "--stage", "wizard"][..],
    ] {
        let out = sb.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains("possible values"), "{err}");
    }
    let err = stderr(&sb.run(&["salary", "--level", "nonsense"]));
    assert!(err.contains("entry, mid, senior, lead, overall"), "{err}");
    // Nothing was built for a usage error.
    assert!(!sb.index.path().join("CURRENT").exists());
}

#[test]
fn unknown_config_key_is_a_usage_error_naming_it() {
    let sb = Sandbox::new();
    let config = sb.cwd.path().join("careerbot.toml");
    fs::write(&config, "[search]\nlimit = 3\nsnippet_lenght = 200\n").unwrap();
    let out = sb
        .command(&["ask", "senior salary"])
        .env("CAREERBOT_CONFIG", &config)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("snippet_lenght"), "{}", stderr(&out));
    // The same file found as ./config.toml.
    fs::rename(&config, sb.cwd.path().join("config.toml")).unwrap();
    let out = sb.run(&["sources"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("snippet_lenght"), "{}", stderr(&out));
}

#[test]
fn missing_seeds_dir_is_an_error_naming_it() {
    let sb = Sandbox::new();
    let missing = sb.cwd.path().join("no-guides-here");
    let out = sb
        .command(&["ask", "senior salary"])
        .env("CAREERBOT_SEEDS_DIR", &missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(missing.to_str().unwrap()),
        "{}",
        stderr(&out)
    );
}

#[test]
fn commands_json_is_the_registration_body_and_run_needs_a_token() {
    let sb = Sandbox::new();
    let printed = sb.json(&["commands", "--json"]);
    assert_eq!(printed, careerbot::discord::commands::registration_body());
    let out = sb
        .command(&["run"])
        .env_remove("DISCORD_TOKEN")
        .output()
        .expect("run careerbot");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("DISCORD_TOKEN"));
}

/// Links to sources: a guide whose manifest entry has a `url` is cited with it — in the JSON
/// contract (`url`, absent for guides without one), in the text answer, and in the structured
/// answers' citations.
#[test]
fn a_citation_with_a_url() {
    const URL: &str = "https://www.launchladder.example/careers/product-manager-guide";
    const GUIDE: &str = "product-manager-guide.html";
    let sb = Sandbox::with_careers();
    let v = sb.json(&["ask", "--json", "How much does a product manager earn?"]);
    let results = v["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["source"] == GUIDE), "{v}");
    for r in results {
        if r["source"] == GUIDE {
            assert_eq!(r["url"], URL, "{r}");
        } else {
            assert!(r.get("url").is_none(), "no url, no key: {r}");
        }
    }
    let text = sb.ok(&["ask", "How much does a product manager earn?"]);
    let cited = text
        .lines()
        .find(|l| l.contains(&format!("({GUIDE}:")))
        .unwrap_or_else(|| panic!("no citation of {GUIDE}:\n{text}"));
    assert!(cited.ends_with(&format!(" <{URL}>")), "{cited}");
    let text = sb.ok(&["salary", "--career", "product manager"]);
    assert!(text.contains(&format!("<{URL}>")), "{text}");
}

#[test]
fn structured_answers_career_by_career() {
    let sb = Sandbox::with_careers();
    // Skills: the guide's own lists, its career only.
    let v = sb.json(&["skills", "--career", "electrician", "--json"]);
    assert_eq!(v["career"], "Electrician");
    let names: Vec<&str> = v["skills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    for want in [
        "Blueprint reading",
        "Conduit bending",
        "OSHA 10-Hour Construction",
    ] {
        assert!(names.contains(&want), "{want} missing: {names:?}");
    }
    assert!(!names.contains(&"Kubernetes"), "{names:?}");
    assert!(
        v["skills"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["career"] == "Electrician")
    );
    // Roadmap: the guide's own ladder, in its words, with durations.
    let v = sb.json(&[
        "roadmap",
        "--career",
        "data analyst",
        "--focus",
        "career_progression",
        "--json",
    ]);
    let stages: Vec<(&str, &str)> = v["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["stage"].as_str().unwrap(), s["label"].as_str().unwrap()))
        .collect();
    assert_eq!(
        stages,
        vec![
            ("junior", "Junior Data Analyst"),
            ("mid", "Mid-Level Data Analyst"),
            ("senior", "Senior Data Analyst"),
            ("lead", "Lead Data Analyst or Analytics Manager"),
        ]
    );
    // Every career without --career, each stage saying which.
    let v = sb.json(&["roadmap", "--focus", "career_progression", "--json"]);
    let careers: BTreeSet<&str> = v["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["career"].as_str().unwrap())
        .collect();
    assert!(careers.len() >= 4, "{careers:?}");
    // An unknown career is a usage error naming the covered ones.
    let out = sb.run(&["skills", "--career", "firefighter"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("Electrician"), "{}", stderr(&out));
}

/// The size of a PNG file.
fn png_size(path: &Path) -> (u32, u32) {
    let decoder = png::Decoder::new(std::io::BufReader::new(fs::File::open(path).unwrap()));
    let info = decoder.read_info().expect("a PNG header");
    (info.info().width, info.info().height)
}

#[test]
fn roadmap_timeline_is_one_careers_png() {
    // One career in the library: it needs no --career.
    let sb = Sandbox::new();
    let out = sb.ok(&["roadmap", "--timeline", "backend.png"]);
    assert!(out.contains("Timeline written to backend.png"), "{out}");
    let (w, h) = png_size(&sb.cwd.path().join("backend.png"));
    assert_eq!(w, 1000);
    assert!(h >= 380, "{h}");
    let text = ImageText::of_png(&fs::read(sb.cwd.path().join("backend.png")).unwrap())
        .expect("the text the timeline draws");
    assert_eq!(text.lang, Locale::En);
    assert_eq!(text.lines[0], "Back-End Developer: career timeline");
    assert!(
        text.lines
            .iter()
            .any(|l| l == "Years from the start of the career")
    );

    // Several careers: a usage error naming them, and no file; with --career, that career's.
    let sb = Sandbox::with_careers();
    let out = sb.run(&["roadmap", "--timeline", "all.png"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--career") && stderr(&out).contains("Electrician"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());
    assert!(!sb.cwd.path().join("all.png").exists());
    let out = sb.run(&[
        "roadmap",
        "--career",
        "electrician",
        "--json",
        "--timeline",
        "electrician.png",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // stdout stays pure JSON; the note goes to stderr.
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["career"], "Electrician");
    assert!(stderr(&out).contains("electrician.png"));
    assert_eq!(png_size(&sb.cwd.path().join("electrician.png")).0, 1000);

    // Without stages (a library that names none), a clear error and no file.
    let guides = tempfile::tempdir().unwrap();
    fs::write(
        guides.path().join("mentoring.txt"),
        "Mentoring Junior Developers\n\nPair programming and code review help junior developers grow quickly in small teams.\n",
    )
    .unwrap();
    let out = sb
        .command(&["roadmap", "--timeline", "none.png"])
        .env("CAREERBOT_SEEDS_DIR", guides.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("no timeline"), "{}", stderr(&out));
    assert!(!sb.cwd.path().join("none.png").exists());
}

/// Issue 14: `ask` leads with the same structured card as Discord — as text, then the passages;
/// in JSON, the documented `card` object (`null` when the question asks for none).
#[test]
fn ask_leads_with_the_structured_card_in_text_and_json() {
    let sb = Sandbox::with_careers();
    let q = "How much does a senior front-end developer earn?";
    let v = sb.json(&["ask", "--json", q]);
    let card = &v["card"];
    assert_eq!(
        keys(card),
        BTreeSet::from([
            "intent",
            "career",
            "level",
            "every_level",
            "read_as",
            "answer"
        ])
    );
    assert_eq!(
        v["cards"],
        serde_json::json!([card]),
        "one career: one card"
    );
    assert_eq!(card["intent"], "salary");
    assert_eq!(card["career"], "Front-End Developer");
    assert_eq!(card["level"], "senior");
    assert_eq!(card["every_level"], false);
    assert_eq!(
        card["read_as"],
        "Read as: Front-End Developer salary, senior"
    );
    let rows = card["answer"]["rows"].as_array().unwrap();
    assert!(!rows.is_empty());
    for r in rows {
        assert_eq!(r["level"], "senior", "{r}");
        assert_eq!(r["career"], "Front-End Developer", "{r}");
    }
    let text = sb.ok(&["ask", q]);
    let (read, passages) = (
        text.find("Read as: Front-End Developer salary, senior")
            .expect("the card"),
        text.find("[1]").expect("the passages"),
    );
    assert!(read < passages, "{text}");

    // A level the guide has no figures for: every level, and said so.
    let v = sb.json(&["ask", "--json", "how much does a lead electrician earn"]);
    assert_eq!(v["card"]["level"], "lead");
    assert_eq!(v["card"]["every_level"], true);
    assert!(!v["card"]["answer"]["rows"].as_array().unwrap().is_empty());
    // Not a salary, skills or roadmap question; a question no guide answers.
    for q in ["interview tips", "How much do firefighters earn?"] {
        let v = sb.json(&["ask", "--json", q]);
        assert!(v["card"].is_null(), "{q}: {v}");
        assert_eq!(v["cards"], serde_json::json!([]), "{q}: {v}");
    }
}

/// A question comparing two careers leads with each career's card, in the order it names them:
/// in JSON `cards` holds both (`card` is the first, as before), every figure cited by its guide's
/// file and a line that holds it as written; in text each card is printed as one is, then the
/// passages of both careers.
#[test]
fn ask_comparing_two_careers_leads_with_each_careers_card() {
    let sb = Sandbox::with_careers();
    for (q, order) in [
        (
            "do electricians earn more than data analysts?",
            ["Electrician", "Data Analyst"],
        ),
        (
            "¿qué gana más, un analista de datos o un electricista?",
            ["Data Analyst", "Electrician"],
        ),
    ] {
        let v = sb.json(&["ask", "--json", q]);
        assert_eq!(v["confident"], true, "{q}: {v}");
        assert!(v["career"].is_null(), "{q}: not narrowed to one");
        let cards = v["cards"].as_array().expect("cards");
        let careers: Vec<&str> = cards
            .iter()
            .map(|c| c["career"].as_str().unwrap())
            .collect();
        assert_eq!(careers, order, "{q}");
        assert_eq!(v["card"], cards[0], "{q}: `card` is the first");
        assert_eq!(
            v["no_card"],
            serde_json::json!([]),
            "{q}: both have their card"
        );
        for card in cards {
            let career = card["career"].as_str().unwrap();
            assert_eq!(card["intent"], "salary", "{q}");
            assert_eq!(card["read_as"], format!("Read as: {career} salary"), "{q}");
            let rows = card["answer"]["rows"].as_array().unwrap();
            assert!(!rows.is_empty(), "{q}: {career}");
            for r in rows {
                assert_eq!(r["career"], career, "{q}: {r}");
                let source = r["source"].as_str().unwrap();
                let line = r["line"].as_u64().unwrap() as usize;
                let text = fs::read_to_string(sb.seeds.join(source)).unwrap();
                let cited = text.lines().nth(line - 1).unwrap_or_default();
                let raw = r["raw"].as_str().unwrap();
                assert!(
                    !raw.is_empty() && cited.contains(raw),
                    "{q}: {raw:?} on {cited:?}"
                );
            }
        }
        let cited: BTreeSet<&str> = v["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["career"].as_str().unwrap())
            .collect();
        assert_eq!(cited, BTreeSet::from(order), "{q}: both careers' passages");
    }
    let text = sb.ok(&["ask", "do electricians earn more than data analysts?"]);
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s:?} in {text}"));
    let (first, second, passages) = (
        at("Read as: Electrician salary\n"),
        at("Read as: Data Analyst salary\n"),
        at("\nPassages:\n"),
    );
    assert!(first < second && second < passages, "{text}");
    assert_eq!(text.matches("\nPassages:\n").count(), 1, "{text}");
    assert!(text[first..second].contains("Electrician"), "{text}");
    assert!(text[second..passages].contains("Data Analyst"), "{text}");
}

/// The `[n]` of an `ask` text: every one is a passage's citation line (`[n] Career · Title —
/// Section (file:a-b)`), each number once — so a card printed above the passages shows no number
/// that means something else (a skills card's best passages are numbered "1.").
fn assert_numbers_are_the_passages(text: &str) {
    let any = regex::Regex::new(r"\[(\d+)\]").unwrap();
    let cited = regex::Regex::new(r"(?m)^\[(\d+)\] .+ — .+ \([^():]+:\d+-\d+\)").unwrap();
    let listed: Vec<&str> = cited
        .captures_iter(text)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    assert!(!listed.is_empty(), "{text}");
    let all: Vec<&str> = any
        .captures_iter(text)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    assert_eq!(all, listed, "every [n] is a passage's citation: {text}");
    let unique: BTreeSet<&&str> = listed.iter().collect();
    assert_eq!(unique.len(), listed.len(), "each number once: {text}");
}

/// Defects 1 and 2 of comparison cards, in the terminal: a heading every card opens with
/// ("Career progression, from the guides") is printed once, above the cards; each card keeps
/// its own "Read as" line; and every `[n]` printed is one of the passages listed below (a skills
/// card's best passages no longer say "[1]" too).
#[test]
fn ask_comparison_says_a_shared_heading_once_and_numbers_only_passages() {
    let sb = Sandbox::with_careers();
    let q = "career path of a data analyst vs a product manager vs an electrician";
    let text = sb.ok(&["ask", q]);
    let heading = "\nCareer progression, from the guides\n";
    assert_eq!(text.matches(heading).count(), 1, "{text}");
    let first = text
        .find("Read as: Data Analyst roadmap\n")
        .expect("the first card");
    assert!(text.find(heading).unwrap() < first, "{text}");
    for career in ["Data Analyst", "Product Manager", "Electrician"] {
        let read = format!("Read as: {career} roadmap\n");
        assert_eq!(text.matches(&read).count(), 1, "{text}");
    }
    assert_numbers_are_the_passages(&text);
    // One card: its heading stays in it.
    let one = sb.ok(&["ask", "what is the career path of a data analyst"]);
    assert_eq!(one.matches(heading).count(), 1, "{one}");
    assert!(
        one.find("Read as: ").unwrap() < one.find(heading).unwrap(),
        "{one}"
    );
    for q in [
        "skills of a product manager vs a data analyst vs an electrician",
        "do electricians earn more than data analysts?",
        "what skills does a data analyst need",
    ] {
        let text = sb.ok(&["ask", q]);
        assert!(text.contains("Read as: "), "{q}: {text}");
        assert_numbers_are_the_passages(&text);
    }
    let skills = sb.ok(&["skills", "--career", "data analyst"]);
    assert!(skills.contains("Best passages:\n  1. "), "{skills}");
}

/// Defect 3: a question comparing careers whose one career's guide tells no career stages says
/// so in one line (after the cards, before the passages, which still hold that career's), and
/// `--json` names it in `no_card`; a career named past the third card is said to get none too.
#[test]
fn ask_names_a_compared_career_that_gets_no_card() {
    let sb = Sandbox::with_more_careers();
    let q = "what is the career path of a dental hygienist vs a data analyst";
    let v = sb.json(&["ask", "--json", q]);
    assert_eq!(v["confident"], true, "{v}");
    let cards: Vec<&str> = v["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["career"].as_str().unwrap())
        .collect();
    assert_eq!(cards, ["Data Analyst"]);
    assert_eq!(v["no_card"], serde_json::json!(["Dental Hygienist"]));
    assert!(
        v["results"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["career"] == "Dental Hygienist"),
        "its passages: {v}"
    );
    let text = sb.ok(&["ask", q]);
    let line = "\nThe guides about Dental Hygienist describe no career stages, so there is no card for it.\n";
    assert_eq!(text.matches(line).count(), 1, "{text}");
    let (card, said, passages) = (
        text.find("Read as: Data Analyst roadmap")
            .expect("the card"),
        text.find(line).unwrap(),
        text.find("\nPassages:\n").expect("the passages"),
    );
    assert!(card < said && said < passages, "{text}");
    assert!(text[passages..].contains("Dental Hygienist · "), "{text}");
    // Both have their stages: nothing said.
    let v = sb.json(&[
        "ask",
        "--json",
        "what is the career path of a registered nurse vs a data analyst",
    ]);
    assert_eq!(v["cards"].as_array().unwrap().len(), 2, "{v}");
    assert_eq!(v["no_card"], serde_json::json!([]));
    // Four careers named: the fourth is said to get none, past the limit of three cards (not
    // for want of stages, so not in `no_card`).
    let q = "career path of a data analyst vs a product manager vs an electrician vs a backend developer";
    let v = sb.json(&["ask", "--json", q]);
    assert_eq!(v["cards"].as_array().unwrap().len(), 3, "{v}");
    assert_eq!(v["no_card"], serde_json::json!([]));
    assert_eq!(
        v["past_card_limit"],
        serde_json::json!(["Back-End Developer"]),
        "JSON names it too"
    );
    let text = sb.ok(&["ask", q]);
    let line =
        "\nOnly the first 3 careers named get a card, so there is none for Back-End Developer.\n";
    assert_eq!(text.matches(line).count(), 1, "{text}");
    assert!(text.find(line).unwrap() < text.find("\nPassages:\n").unwrap());
}
