//! Answer quality on the evaluation set (`tests/fixtures/eval.toml`), over a library of five
//! careers (the shipped back-end guides and `tests/fixtures/careers/`): hit@1, hit@3, hit@5 and
//! MRR@5 of `/ask`'s ranking, and how often the engine's verdict is right (confident on covered
//! questions, not confident on uncovered ones), each reported for the **tuning** part and the
//! **held-out** part of the set. The held-out part is scored, never tuned on; the floors below
//! apply to it and are set at what it measured when it was written, so a change that makes
//! answers worse fails.
//!
//! A covered case is a hit at rank k when the k-th passage comes from one of the case's answer
//! sources and its heading or text contains that answer's `contains` string. Run with
//! `--nocapture` to see the tables and the misses of the tuning part; `EVAL_SHOW=held_out` (or
//! `all`) shows the held-out part's misses too, which tuning must never look at.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use careerbot::config::SearchConfig;
use careerbot::corpus::SeedSource;
use careerbot::engine::{Engine, EngineSettings, Library, QuestionCareer};
use careerbot::search::BuildOptions;
use careerbot::search::{SearchOptions, SearchResults};
use serde::Deserialize;

#[derive(Deserialize)]
struct EvalSet {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    question: String,
    kind: String,
    #[serde(default)]
    answers: Vec<Answer>,
    /// `tuning` or `held_out`.
    #[serde(default = "tuning")]
    split: String,
    /// Whether the library answers it (uncovered cases have no answers).
    #[serde(default = "yes")]
    covered: bool,
    /// `few_words`, `typo`, … (how the question is written).
    #[serde(default)]
    style: Option<String>,
    /// The career it is about, when not the shipped back-end one.
    #[serde(default)]
    career: Option<String>,
    /// Why an uncovered case is not covered (the verdict's reason id it should get).
    #[serde(default)]
    reason: Option<String>,
    /// `es` for a question in Spanish.
    #[serde(default)]
    lang: Option<String>,
}

fn tuning() -> String {
    "tuning".into()
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
struct Answer {
    source: String,
    contains: String,
}

/// 1-based rank of the first acceptable passage among the first five, if any.
fn first_hit(case: &Case, results: &SearchResults) -> Option<usize> {
    results
        .hits
        .iter()
        .take(5)
        .position(|h| is_answer(case, &h.passage))
        .map(|i| i + 1)
}

/// Whether `p` is one of the case's acceptable answer passages.
fn is_answer(case: &Case, p: &careerbot::corpus::Passage) -> bool {
    case.answers.iter().any(|a| {
        p.source == a.source && (p.text.contains(&a.contains) || p.section.contains(&a.contains))
    })
}

/// Ranking figures of a group of covered cases.
#[derive(Default)]
struct Tally {
    n: usize,
    at1: usize,
    at3: usize,
    at5: usize,
    rr: f64,
    confident: usize,
}

impl Tally {
    fn add(&mut self, rank: Option<usize>, confident: bool) {
        self.n += 1;
        self.confident += usize::from(confident);
        if let Some(r) = rank {
            self.at1 += usize::from(r == 1);
            self.at3 += usize::from(r <= 3);
            self.at5 += usize::from(r <= 5);
            self.rr += 1.0 / r as f64;
        }
    }
    fn rate(&self, k: usize) -> f64 {
        k as f64 / self.n.max(1) as f64
    }
    fn row(&self, name: &str) -> String {
        format!(
            "{name:<22} {:>4} {:>7.3} {:>7.3} {:>7.3} {:>7.3} {:>10.3}",
            self.n,
            self.rate(self.at1),
            self.rate(self.at3),
            self.rate(self.at5),
            self.rr / self.n.max(1) as f64,
            self.rate(self.confident)
        )
    }
}

/// The seeds and the careers fixtures in one library directory, their manifests joined.
fn library_dir(root: &Path, into: &Path) -> PathBuf {
    let lib = into.join("library");
    std::fs::create_dir_all(&lib).unwrap();
    let mut manifest = std::fs::read_to_string(root.join("seeds/sources.toml")).unwrap();
    for dir in [root.join("seeds"), root.join("tests/fixtures/careers")] {
        for e in std::fs::read_dir(&dir).unwrap() {
            let e = e.unwrap();
            let name = e.file_name().to_string_lossy().into_owned();
            if name == "sources.toml" {
                if dir.ends_with("careers") {
                    let text = std::fs::read_to_string(e.path()).unwrap();
                    manifest.push_str(&text[text.find("\n[[guide]]").unwrap()..]);
                }
            } else if careerbot::corpus::GUIDE_EXTENSIONS
                .iter()
                .any(|x| name.ends_with(&format!(".{x}")))
            {
                std::fs::copy(e.path(), lib.join(&name)).unwrap();
            }
        }
    }
    std::fs::write(lib.join("sources.toml"), manifest).unwrap();
    lib
}

/// The evaluation set and an engine over its library, built in `work`.
fn eval_engine(work: &Path) -> (EvalSet, Engine) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let set: EvalSet =
        toml::from_str(&std::fs::read_to_string(root.join("tests/fixtures/eval.toml")).unwrap())
            .unwrap();
    let (library, _) = Library::open(
        SeedSource::Dir(library_dir(&root, work)),
        work.join("index"),
        BuildOptions::default(),
        careerbot::vocab::Vocabulary::shipped(),
    )
    .unwrap();
    let engine = Engine::new(
        library,
        EngineSettings::new(&SearchConfig::default(), &work.join("data")),
    );
    (set, engine)
}

/// The career a question names, as `/ask` reads it (its guides answer it), if one.
fn named_career(engine: &Engine, question: &str) -> Option<String> {
    match engine.question_career(question) {
        QuestionCareer::Named(c) => Some(c),
        _ => None,
    }
}

/// Not a check: writes every case's top 50 candidates (with their scores and whether each is an
/// answer) and every passage of the library as JSON to the file `EVAL_DUMP` names, for ranking
/// experiments outside the engine (the semantic re-ranking experiment in README was run on it).
/// `EVAL_DUMP=/tmp/eval.json cargo test --test eval -- --ignored dump_candidates`
#[test]
#[ignore = "writes a file for offline experiments; run by hand"]
fn dump_candidates() {
    let out = std::env::var("EVAL_DUMP").expect("EVAL_DUMP names the output file");
    let work = tempfile::tempdir().unwrap();
    let (set, engine) = eval_engine(work.path());
    let passages = engine.current().index().all_passages().unwrap();
    let cases: Vec<serde_json::Value> = set
        .case
        .iter()
        .map(|case| {
            let named = named_career(&engine, &case.question);
            let options = SearchOptions {
                limit: 50,
                career: named.clone(),
                ..SearchOptions::default()
            };
            let asked = engine.ask(&case.question, options).unwrap();
            let candidates: Vec<serde_json::Value> = asked
                .results
                .hits
                .iter()
                .map(|h| {
                    serde_json::json!({"source": h.passage.source, "start": h.passage.start_line,
                        "score": h.score, "coverage": h.coverage, "hit": is_answer(case, &h.passage)})
                })
                .collect();
            let answers: Vec<usize> = (0..passages.len())
                .filter(|&i| is_answer(case, &passages[i]))
                .collect();
            serde_json::json!({"question": case.question, "split": case.split,
                "covered": case.covered, "style": case.style, "lang": case.lang,
                "career": case.career, "named": named, "kind": case.kind,
                "confident": asked.verdict.confident, "cands": candidates, "answer_idx": answers})
        })
        .collect();
    let passages: Vec<serde_json::Value> = passages
        .iter()
        .map(|p| {
            serde_json::json!({"source": p.source, "start": p.start_line, "career": p.career,
                "section": p.section, "text": p.text, "title": p.title})
        })
        .collect();
    let json = serde_json::json!({"cases": cases, "passages": passages});
    std::fs::write(out, serde_json::to_string(&json).unwrap()).unwrap();
}

#[test]
fn answer_quality_on_the_held_out_part_meets_the_floor() {
    let work = tempfile::tempdir().unwrap();
    let (set, engine) = eval_engine(work.path());

    // (split, group) → tally; uncovered cases: (split, reason) → (n, refused, for that reason).
    let mut tallies: BTreeMap<(String, String), Tally> = BTreeMap::new();
    let mut uncovered: BTreeMap<(String, String), (usize, usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    for case in &set.case {
        assert!(
            case.split == "tuning" || case.split == "held_out",
            "{:?}: split must be tuning or held_out",
            case.question
        );
        // As `/ask` reads it: from the guides of the career the question names, if one.
        let named = named_career(&engine, &case.question);
        let options = |career: Option<String>| SearchOptions {
            limit: 5,
            career,
            ..SearchOptions::default()
        };
        let asked = engine.ask(&case.question, options(named.clone())).unwrap();
        let confident = asked.verdict.confident;
        if !case.covered {
            let why = case.reason.clone().unwrap_or_default();
            let given = asked.verdict.reason.as_ref().map(|r| r.id());
            for key in [why.clone(), "ALL".to_string()] {
                let e = uncovered.entry((case.split.clone(), key)).or_default();
                e.0 += 1;
                e.1 += usize::from(!confident);
                e.2 += usize::from(given == Some(why.as_str()));
            }
            if given != Some(why.as_str()) {
                misses.push(format!(
                    "[{}] uncovered ({why}) but {}: {:?}",
                    case.split,
                    given.unwrap_or("confident"),
                    case.question
                ));
            }
            continue;
        }
        let rank = first_hit(case, &asked.results);
        // As in a server whose default career (`/settings career`) is the case's career.
        let scoped = engine
            .ask(
                &case.question,
                options(named.or_else(|| {
                    Some(
                        case.career
                            .clone()
                            .unwrap_or_else(|| "Back-End Developer".into()),
                    )
                })),
            )
            .unwrap();
        tallies
            .entry((case.split.clone(), "server default career".into()))
            .or_default()
            .add(first_hit(case, &scoped.results), scoped.verdict.confident);
        let mut groups = vec!["ALL".to_string(), format!("kind:{}", case.kind)];
        groups.extend(case.style.iter().map(|s| format!("style:{s}")));
        groups.extend(case.career.iter().map(|c| format!("career:{c}")));
        groups.extend(case.lang.iter().map(|l| format!("lang:{l}")));
        for g in groups {
            tallies
                .entry((case.split.clone(), g))
                .or_default()
                .add(rank, confident);
        }
        if rank != Some(1) {
            let got: Vec<String> = asked
                .results
                .hits
                .iter()
                .take(3)
                .map(|h| {
                    format!(
                        "{}:{}-{} {}",
                        h.passage.source,
                        h.passage.start_line,
                        h.passage.end_line,
                        h.passage.section
                    )
                })
                .collect();
            misses.push(format!(
                "[{}] rank {:?} [{}] {:?} ({})\n      got {:?}",
                case.split,
                rank,
                case.kind,
                case.question,
                asked
                    .verdict
                    .reason
                    .as_ref()
                    .map_or("confident", |r| r.id()),
                got
            ));
        }
    }

    for split in ["tuning", "held_out"] {
        println!(
            "\n{split}\n{:<22} {:>4} {:>7} {:>7} {:>7} {:>7} {:>10}",
            "group", "n", "hit@1", "hit@3", "hit@5", "MRR@5", "confident"
        );
        for ((s, g), t) in &tallies {
            if s == split {
                println!("{}", t.row(g));
            }
        }
        for ((s, why), (n, refused, right)) in &uncovered {
            if s == split {
                println!(
                    "uncovered {why:<15} {n:>3}, not confident: {refused}, that reason: {right}"
                );
            }
        }
    }
    // Only the tuning part's misses unless asked: the held-out part is measured, not studied.
    let show = std::env::var("EVAL_SHOW").unwrap_or_else(|_| "tuning".into());
    println!("\nmisses ({show}):");
    for m in &misses {
        if show == "all" || m.starts_with(&format!("[{show}]")) {
            println!("  {m}");
        }
    }

    let held = &tallies[&("held_out".to_string(), "ALL".to_string())];
    let tuned = &tallies[&("tuning".to_string(), "ALL".to_string())];
    assert!(
        tuned.n >= 40,
        "the tuning part needs at least 40 covered questions"
    );
    assert!(
        held.n >= 40,
        "the held-out part needs at least 40 covered questions"
    );
    // Floors on the held-out part (what it measured when written, rounded down).
    let hit5 = held.rate(held.at5);
    let mrr = held.rr / held.n as f64;
    assert!(
        hit5 >= HELD_OUT_HIT5,
        "held-out hit@5 = {hit5:.3} < {HELD_OUT_HIT5}"
    );
    assert!(
        mrr >= HELD_OUT_MRR,
        "held-out MRR@5 = {mrr:.3} < {HELD_OUT_MRR}"
    );
    let confident = held.rate(held.confident);
    assert!(
        confident >= HELD_OUT_CONFIDENT,
        "held-out covered questions confident = {confident:.3} < {HELD_OUT_CONFIDENT}"
    );
    let (n, refused, _) = uncovered[&("held_out".to_string(), "ALL".to_string())];
    let refused = refused as f64 / n.max(1) as f64;
    assert!(
        refused >= HELD_OUT_UNCOVERED_REFUSED,
        "held-out uncovered questions not confident = {refused:.3} < {HELD_OUT_UNCOVERED_REFUSED}"
    );
}

/// The held-out floors: what the held-out part measured, rounded down. History: hit@5 0.696,
/// MRR@5 0.526 when the set was written; 0.681 / 0.539 once questions naming a career were
/// answered from its guides; 0.754 / 0.566 with issue 14 (Spanish vocabulary, re-ranking), when
/// 76.8 % of covered questions were confident and 15 of 18 uncovered ones were not; unchanged
/// (0.754 / 0.568, 76.8 %, 15 of 18) by issue 14's ranking round (chat filler dropped, short
/// stems no longer "corrected" to index terms), which moved the tuning part only; 0.768 / 0.573,
/// 78.3 %, 15 of 18 with careers named by their initials ("PMs") and more Spanish vocabulary;
/// 0.768 / 0.583, 81.2 %, 15 of 18 with Spanish words of working life in any career; 0.783 /
/// 0.616, 82.6 %, 15 of 18 once a career's own words are soft within its guides; 81.2 %
/// confident (one covered question fewer, the tuning part unchanged) once common English words
/// are no longer "corrected" into guide words one letter away, as the issue asks ("stuff" →
/// staff, "writer" → write): the floor was lowered by that one question, not tuned back.
const HELD_OUT_HIT5: f64 = 0.78;
const HELD_OUT_MRR: f64 = 0.61;
const HELD_OUT_CONFIDENT: f64 = 0.81;
const HELD_OUT_UNCOVERED_REFUSED: f64 = 0.83;
