//! Scale: a deterministic generator turns the shipped guides into a large library (default
//! 10,000 guides, ~100 MB, ~180k passages), then this measures the index build with its
//! extraction (time and peak memory of a real `careerbot reindex` process with 2 indexing
//! threads), `ask` latency on it, and the structured answers (`salary`, `skills`, `roadmap`):
//! in-process after the generation's facts are loaded, and as fresh `careerbot` processes.
//!
//! `cargo bench --bench scale` (or `cargo bench --bench scale -- --guides 2000` for a quicker run;
//! `-- --keep DIR` generates the library into DIR and leaves it there, to profile a reindex of it).
//! The figures are recorded in `docs/PERFORMANCE.md`.
//!
//! Generation: each guide is stitched from sections of the five seeds chosen by a seeded PRNG,
//! with about one word in twelve replaced by a word from a synthetic vocabulary of 60,000
//! pronounceable words (Zipf-like choice), so the term dictionary and posting lists grow like a
//! real library's instead of repeating five documents.

mod support;

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use careerbot::answer::roadmap::Focus;
use careerbot::answer::salary::Level;
use careerbot::answer::skills::Topic;
use careerbot::config::SearchConfig;
use careerbot::corpus::SeedSource;
use careerbot::engine::{Engine, EngineSettings, Library};
use careerbot::search::BuildOptions;
use careerbot::search::SearchOptions;
use support::{eval_questions, fmt};

const SEED: u64 = 0x5eed_ca2e_e2b0_7001;
const VOCABULARY: usize = 60_000;
const ASK_ROUNDS: usize = 20;
const STRUCTURED_ROUNDS: usize = 20;

fn main() {
    let guides = std::env::args()
        .skip_while(|a| a != "--guides")
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000usize);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let work = tempfile::tempdir().expect("temp dir");
    let keep = std::env::args()
        .skip_while(|a| a != "--keep")
        .nth(1)
        .map(PathBuf::from);
    let library_dir = keep.unwrap_or_else(|| work.path().join("library"));
    let index_dir = work.path().join("index");

    let t = Instant::now();
    let bytes = generate(&root.join("seeds"), &library_dir, guides);
    println!(
        "generated {guides} guides about {} careers, {:.1} MB, in {:.1} s",
        CAREERS.len(),
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );

    // Build in a separate process, so its peak memory is the build's alone.
    let exe = Path::new(env!("CARGO_BIN_EXE_careerbot"));
    let t = Instant::now();
    let out = Command::new(exe)
        .args(["reindex", "--seeds"])
        .arg(&library_dir)
        .arg("--index")
        .arg(&index_dir)
        .env("CAREERBOT_INDEX_THREADS", "2")
        .output()
        .expect("run careerbot reindex");
    let wall = t.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    print!("{}", String::from_utf8_lossy(&out.stdout));
    println!("build wall time (process): {:.1} s", wall.as_secs_f64());

    let (library, _) = Library::open(
        SeedSource::Dir(library_dir.clone()),
        &index_dir,
        BuildOptions::default(),
        careerbot::vocab::Vocabulary::shipped(),
    )
    .expect("open");
    let questions = eval_questions(&root);
    let options = SearchOptions::default();
    for q in &questions {
        let _ = library.search(q, options.clone());
    }
    let mut asks = Vec::with_capacity(ASK_ROUNDS * questions.len());
    for _ in 0..ASK_ROUNDS {
        for q in &questions {
            let t = Instant::now();
            std::hint::black_box(library.search(q, options.clone()).expect("search"));
            asks.push(t.elapsed());
        }
    }
    asks.sort();
    let pct = |p: f64| asks[((asks.len() as f64 * p) as usize).min(asks.len() - 1)];
    println!(
        "ask on {} passages: n={} p50={} p99={}",
        library.current().meta().passages,
        asks.len(),
        fmt(pct(0.5)),
        fmt(pct(0.99))
    );

    // Structured answers in-process: the first call reads the generation's facts file, the
    // next ones only filter what was gathered at build time.
    let engine = Engine::new(
        library,
        EngineSettings::new(&SearchConfig::default(), work.path()),
    );
    let timed = |what: &str, f: &dyn Fn()| {
        let t = Instant::now();
        f();
        let first = t.elapsed();
        let mut runs: Vec<_> = (0..STRUCTURED_ROUNDS)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect();
        runs.sort();
        println!(
            "{what} in-process: first (reads facts) {}, then p50 {} max {}",
            fmt(first),
            fmt(runs[runs.len() / 2]),
            fmt(runs[runs.len() - 1])
        );
    };
    timed("salary --level senior", &|| {
        std::hint::black_box(engine.salary(None, Some(Level::Senior)).expect("salary"));
    });
    timed("skills", &|| {
        std::hint::black_box(engine.skills(None, Topic::All, None).expect("skills"));
    });
    timed("roadmap", &|| {
        std::hint::black_box(engine.roadmap(None, None, Focus::All).expect("roadmap"));
    });
    timed("salary --career Electrician", &|| {
        std::hint::black_box(engine.salary(Some("Electrician"), None).expect("salary"));
    });
    timed("skills --career Electrician", &|| {
        std::hint::black_box(
            engine
                .skills(Some("Electrician"), Topic::All, None)
                .expect("skills"),
        );
    });

    // The same as fresh processes, JSON out, on the built index.
    for args in [
        &["salary", "--level", "senior", "--json"][..],
        &["skills", "--json"][..],
        &["roadmap", "--json"][..],
    ] {
        let t = Instant::now();
        let out = Command::new(exe)
            .args(args)
            .env("CAREERBOT_SEEDS_DIR", &library_dir)
            .env("CAREERBOT_INDEX_DIR", &index_dir)
            .output()
            .expect("run careerbot");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        println!(
            "careerbot {} as a fresh process: {} ({} KB of output)",
            args.join(" "),
            fmt(t.elapsed()),
            out.stdout.len() / 1024
        );
    }
}

/// SplitMix64: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Zipf-like: small indices far more often than large ones.
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64).powf(u) as usize).saturating_sub(1).min(n - 1)
    }
}

fn synthetic_word(i: usize) -> String {
    const ONSETS: [&str; 16] = [
        "b", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br",
    ];
    const VOWELS: [&str; 6] = ["a", "e", "i", "o", "u", "ai"];
    let mut w = String::new();
    let mut n = i + 1;
    while n > 0 {
        w.push_str(ONSETS[n % 16]);
        n /= 16;
        w.push_str(VOWELS[n % 6]);
        n /= 6;
    }
    w
}

/// The careers the generated library names (in its `sources.toml`), a dozen as the issue asks.
const CAREERS: [&str; 12] = [
    "Back-End Developer",
    "Electrician",
    "Data Analyst",
    "Product Manager",
    "Registered Nurse",
    "Plumber",
    "Graphic Designer",
    "Accountant",
    "Teacher",
    "Pharmacist",
    "Welder",
    "UX Researcher",
];

/// Writes `guides` generated guides into `out`, and a `sources.toml` naming each guide's career
/// (a dozen careers, round robin); returns the bytes written.
fn generate(seeds: &Path, out: &Path, guides: usize) -> u64 {
    fs::create_dir_all(out).expect("library dir");
    let mut sections: Vec<Vec<String>> = Vec::new();
    let mut names: Vec<_> = fs::read_dir(seeds)
        .expect("seeds")
        .map(|e| e.expect("entry").path())
        .collect();
    names.sort();
    for path in names
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
    {
        let text = fs::read_to_string(path).expect("seed");
        // Sections: runs of lines separated by a blank line, each a handful of lines.
        let mut current = Vec::new();
        for line in text.lines() {
            current.push(line.to_string());
            if line.trim().is_empty() && current.len() > 6 {
                sections.push(std::mem::take(&mut current));
            }
        }
        sections.push(current);
    }
    let vocabulary: Vec<String> = (0..VOCABULARY).map(synthetic_word).collect();
    let mut rng = Rng(SEED);
    let mut total = 0u64;
    let mut manifest = String::with_capacity(guides * 80);
    for g in 0..guides {
        let _ = writeln!(
            manifest,
            "[[guide]]\nfile = \"g{g:05}.txt\"\ntitle = \"Guide {g}\"\ncareer = \"{}\"\n",
            CAREERS[g % CAREERS.len()]
        );
        let mut text = String::with_capacity(12_000);
        let _ = writeln!(
            text,
            "Guide {g}: {} careers in {}\n",
            vocabulary[rng.zipf(VOCABULARY)],
            2000 + rng.below(30)
        );
        let target = 5_500 + rng.below(6_000);
        while text.len() < target {
            for line in &sections[rng.below(sections.len())] {
                for (i, word) in line.split(' ').enumerate() {
                    if i > 0 {
                        text.push(' ');
                    }
                    if word.len() > 3 && rng.below(12) == 0 {
                        text.push_str(&vocabulary[rng.zipf(VOCABULARY)]);
                    } else {
                        text.push_str(word);
                    }
                }
                text.push('\n');
            }
        }
        total += text.len() as u64;
        fs::write(out.join(format!("g{g:05}.txt")), text).expect("write guide");
    }
    fs::write(out.join("sources.toml"), manifest).expect("write manifest");
    total
}
