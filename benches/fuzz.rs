//! Runs each fuzz target (`tests/support/fuzz_targets.rs`) for a bounded time and reports how
//! many inputs it tried and what it found: `cargo bench --bench fuzz -- --seconds 60`.
//! (cargo-fuzz needs a nightly compiler; these are proptest strategies run in batches.)

#[path = "../tests/support/fuzz_targets.rs"]
mod fuzz_targets;

use std::time::{Duration, Instant};

use careerbot::vocab::Vocabulary;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{TestCaseError, TestRunner};

/// Runs `property` on values of `strategy` until `budget` is spent; returns (executions,
/// findings as messages).
fn run<S: Strategy>(
    name: &str,
    budget: Duration,
    strategy: S,
    property: impl Fn(S::Value) -> Result<(), TestCaseError>,
) {
    let mut runner = TestRunner::default();
    let start = Instant::now();
    let mut executions = 0u64;
    let mut findings: Vec<String> = Vec::new();
    while start.elapsed() < budget {
        let value = strategy.new_tree(&mut runner).expect("a value").current();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| property(value)));
        executions += 1;
        match outcome {
            Ok(Ok(())) | Ok(Err(TestCaseError::Reject(_))) => {}
            Ok(Err(TestCaseError::Fail(why))) => findings.push(format!("property failed: {why}")),
            Err(_) => findings.push("panic".to_string()),
        }
        if findings.len() >= 10 {
            break;
        }
    }
    println!(
        "{name}: {executions} executions in {:.1} s, {} findings",
        start.elapsed().as_secs_f64(),
        findings.len()
    );
    for f in &findings {
        println!("  {f}");
    }
}

fn main() {
    let seconds: u64 = std::env::args()
        .skip_while(|a| a != "--seconds")
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(30);
    let budget = Duration::from_secs(seconds);
    let vocab = Vocabulary::shipped();
    run(
        "splitter",
        budget,
        (
            prop::sample::select(&["txt", "md", "html"][..]),
            fuzz_targets::guide_text(),
            prop::collection::vec(any::<u8>(), 0..300),
        ),
        |(ext, text, raw)| fuzz_targets::splitter(&vocab, ext, &text, &raw),
    );
    let (library, _dir) = fuzz_targets::library();
    run(
        "query builder",
        budget,
        (fuzz_targets::question(), 0usize..30),
        |(q, limit)| fuzz_targets::query(&library, &q, limit),
    );
    run("salary parser", budget, fuzz_targets::pay_text(), |text| {
        fuzz_targets::salary(&vocab, &text)
    });
    run(
        "interaction parser",
        budget,
        fuzz_targets::interaction(fuzz_targets::interaction_fixtures()),
        |body| fuzz_targets::interaction_parser(&body),
    );
}
