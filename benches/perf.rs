//! Speed of the core on the shipped guides: index build, one `ask` (p50/p99, in-process, snippets
//! included), batch answering (search + snippets + JSON), and cold start of the `careerbot ask`
//! binary on an existing index. Run with `cargo bench --bench perf`; the figures are recorded in
//! `docs/PERFORMANCE.md`.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use careerbot::cli::JsonAnswer;
use careerbot::config::SearchConfig;
use careerbot::corpus::SeedSource;
use careerbot::engine::{Engine, EngineSettings, Library, build_generation};
use careerbot::search::BuildOptions;
use careerbot::search::SearchOptions;
use careerbot::vocab::Vocabulary;
use support::{eval_questions, fmt};

const BUILD_RUNS: usize = 20;
const ASK_ROUNDS: usize = 50;
const BATCH_QUESTIONS: usize = 50_000;
const COLD_RUNS: usize = 30;

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let seeds = SeedSource::Dir(root.join("seeds"));
    let questions = eval_questions(&root);
    println!(
        "careerbot perf bench — {} questions from tests/fixtures/eval.toml\n",
        questions.len()
    );

    // Index build.
    let vocab = Vocabulary::shipped();
    let mut builds = Vec::with_capacity(BUILD_RUNS);
    for _ in 0..BUILD_RUNS {
        let dir = tempfile::tempdir().expect("temp dir");
        let t = Instant::now();
        build_generation(
            &vocab.index_dir(dir.path()),
            &seeds,
            &BuildOptions::default(),
            &vocab,
            |_| {},
        )
        .expect("build");
        builds.push(t.elapsed());
    }
    report(
        "index build with extraction (seeds, 118 passages)",
        &mut builds,
    );

    // One ask, in-process.
    let index_dir = tempfile::tempdir().expect("temp dir");
    let (library, _) = Library::open(
        seeds.clone(),
        index_dir.path(),
        BuildOptions::default(),
        careerbot::vocab::Vocabulary::shipped(),
    )
    .expect("open");
    let engine = Engine::new(
        library,
        EngineSettings::new(&SearchConfig::default(), index_dir.path()),
    );
    let options = SearchOptions::default();
    // Cold caches: each question's first time on a freshly opened generation.
    let mut cold = Vec::with_capacity(questions.len());
    for q in &questions {
        let t = Instant::now();
        std::hint::black_box(engine.ask(q, options.clone()).expect("search"));
        cold.push(t.elapsed());
    }
    report(
        "ask, in-process, cold caches (first time each question is seen)",
        &mut cold,
    );
    let mut asks = Vec::with_capacity(ASK_ROUNDS * questions.len());
    for _ in 0..ASK_ROUNDS {
        for q in &questions {
            let t = Instant::now();
            let r = engine.ask(q, options.clone()).expect("search");
            asks.push(t.elapsed());
            std::hint::black_box(r);
        }
    }
    report(
        "ask, in-process (search + snippets + verdict, 5 hits)",
        &mut asks,
    );

    // Batch answering: search + snippets + one JSON line each, like `ask --json --batch`.
    for threads in [1, 2] {
        let t = Instant::now();
        std::thread::scope(|s| {
            for worker in 0..threads {
                let engine = &engine;
                let questions = &questions;
                let options = &options;
                s.spawn(move || {
                    let mut sink = Vec::with_capacity(1 << 20);
                    for i in (worker..BATCH_QUESTIONS).step_by(threads) {
                        let r = engine
                            .ask(&questions[i % questions.len()], options.clone())
                            .expect("search");
                        sink.clear();
                        serde_json::to_writer(&mut sink, &JsonAnswer::from(&r)).expect("json");
                        std::hint::black_box(&sink);
                    }
                });
            }
        });
        let secs = t.elapsed().as_secs_f64();
        println!(
            "batch, {threads} thread(s): {:.0} questions/s ({BATCH_QUESTIONS} questions in {:.2} s)",
            BATCH_QUESTIONS as f64 / secs,
            secs
        );
    }

    // Cold start of the binary on an existing index (the index built above).
    let exe = Path::new(env!("CARGO_BIN_EXE_careerbot"));
    let mut colds = Vec::with_capacity(COLD_RUNS);
    for _ in 0..COLD_RUNS {
        let t = Instant::now();
        let out = Command::new(exe)
            .args(["ask", "How much does a senior back-end developer earn?"])
            .env("CAREERBOT_SEEDS_DIR", root.join("seeds"))
            .env("CAREERBOT_INDEX_DIR", index_dir.path())
            .output()
            .expect("run careerbot");
        colds.push(t.elapsed());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    report(
        "cold start: `careerbot ask` process on an existing index",
        &mut colds,
    );
}

fn report(what: &str, samples: &mut [Duration]) {
    samples.sort();
    let pct = |p: f64| samples[((samples.len() as f64 * p) as usize).min(samples.len() - 1)];
    println!(
        "{what}: n={} p50={} p99={} max={}",
        samples.len(),
        fmt(pct(0.50)),
        fmt(pct(0.99)),
        fmt(samples[samples.len() - 1])
    );
}
