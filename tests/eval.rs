//! Retrieval quality on the evaluation set (`tests/fixtures/eval.toml`): hit@1, hit@3 and MRR@5
//! of `/ask`'s ranking over the shipped guides, with floors the ranking must stay above.
//!
//! A case is a hit at rank k when the k-th passage comes from one of the case's answer sources and
//! its heading or text contains that answer's `contains` string. Run with `--nocapture` to see the
//! per-kind table and every miss.

use std::collections::BTreeMap;
use std::path::PathBuf;

use careerbot::corpus::SeedSource;
use careerbot::engine::Library;
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
    answers: Vec<Answer>,
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
        .position(|h| {
            case.answers.iter().any(|a| {
                h.passage.source == a.source
                    && (h.passage.text.contains(&a.contains)
                        || h.passage.section.contains(&a.contains))
            })
        })
        .map(|i| i + 1)
}

#[derive(Default)]
struct Tally {
    n: usize,
    at1: usize,
    at3: usize,
    rr: f64,
}

impl Tally {
    fn add(&mut self, rank: Option<usize>) {
        self.n += 1;
        if let Some(r) = rank {
            self.at1 += usize::from(r == 1);
            self.at3 += usize::from(r <= 3);
            self.rr += 1.0 / r as f64;
        }
    }
    fn hit1(&self) -> f64 {
        self.at1 as f64 / self.n as f64
    }
    fn hit3(&self) -> f64 {
        self.at3 as f64 / self.n as f64
    }
    fn mrr(&self) -> f64 {
        self.rr / self.n as f64
    }
}

#[test]
fn retrieval_quality_meets_the_floor() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let set: EvalSet =
        toml::from_str(&std::fs::read_to_string(root.join("tests/fixtures/eval.toml")).unwrap())
            .unwrap();
    assert!(
        set.case.len() >= 40,
        "the evaluation set needs at least 40 questions"
    );
    let index = tempfile::tempdir().unwrap();
    let (library, _) = Library::open(
        SeedSource::Dir(root.join("seeds")),
        index.path(),
        BuildOptions::default(),
        careerbot::vocab::Vocabulary::shipped(),
    )
    .unwrap();

    let mut all = Tally::default();
    let mut by_kind: BTreeMap<String, Tally> = BTreeMap::new();
    let mut misses = Vec::new();
    for case in &set.case {
        let results = library
            .search(
                &case.question,
                SearchOptions {
                    limit: 5,
                    ..SearchOptions::default()
                },
            )
            .unwrap();
        let rank = first_hit(case, &results);
        all.add(rank);
        by_kind.entry(case.kind.clone()).or_default().add(rank);
        if rank != Some(1) {
            let got: Vec<String> = results
                .hits
                .iter()
                .take(3)
                .map(|h| {
                    format!(
                        "{}:{}-{} {}",
                        &h.passage.source[..3],
                        h.passage.start_line,
                        h.passage.end_line,
                        h.passage.section
                    )
                })
                .collect();
            misses.push(format!(
                "rank {:?} [{}] {:?}\n      got {:?}",
                rank, case.kind, case.question, got
            ));
        }
    }
    println!(
        "\n{:<12} {:>4} {:>7} {:>7} {:>7}",
        "kind", "n", "hit@1", "hit@3", "MRR@5"
    );
    for (kind, t) in &by_kind {
        println!(
            "{:<12} {:>4} {:>7.3} {:>7.3} {:>7.3}",
            kind,
            t.n,
            t.hit1(),
            t.hit3(),
            t.mrr()
        );
    }
    println!(
        "{:<12} {:>4} {:>7.3} {:>7.3} {:>7.3}",
        "ALL",
        all.n,
        all.hit1(),
        all.hit3(),
        all.mrr()
    );
    println!("\nnot at rank 1:");
    for m in &misses {
        println!("  {m}");
    }
    assert!(all.hit3() >= 0.95, "hit@3 = {:.3} < 0.95", all.hit3());
    assert!(all.mrr() >= 0.85, "MRR@5 = {:.3} < 0.85", all.mrr());
}
