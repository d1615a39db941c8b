//! The fuzz targets (`tests/support/fuzz_targets.rs`) on every test run: a bounded number of
//! generated inputs each (`benches/fuzz.rs` runs them for longer and reports executions).

#[path = "support/fuzz_targets.rs"]
mod fuzz_targets;

use careerbot::vocab::Vocabulary;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// Inputs per target on a test run: enough to catch a panic on common shapes, quick on 2 cores.
const CASES: u32 = 128;

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    })
}

#[test]
fn the_splitter_never_panics_and_cites_lines_inside_the_file() {
    let vocab = Vocabulary::shipped();
    let strategy = (
        prop::sample::select(&["txt", "md", "html"][..]),
        fuzz_targets::guide_text(),
        prop::collection::vec(any::<u8>(), 0..300),
    );
    runner()
        .run(&strategy, |(ext, text, raw)| {
            fuzz_targets::splitter(&vocab, ext, &text, &raw)
        })
        .unwrap();
}

#[test]
fn the_query_builder_never_panics_and_keeps_its_limits() {
    let (library, _dir) = fuzz_targets::library();
    runner()
        .run(&(fuzz_targets::question(), 0usize..30), |(q, limit)| {
            fuzz_targets::query(&library, &q, limit)
        })
        .unwrap();
}

#[test]
fn the_salary_parser_never_panics_and_keeps_low_below_high() {
    let vocab = Vocabulary::shipped();
    runner()
        .run(&fuzz_targets::pay_text(), |text| {
            fuzz_targets::salary(&vocab, &text)
        })
        .unwrap();
}

#[test]
fn the_interaction_parser_never_panics() {
    let fixtures = fuzz_targets::interaction_fixtures();
    assert!(!fixtures.is_empty());
    runner()
        .run(&fuzz_targets::interaction(fixtures), |body| {
            fuzz_targets::interaction_parser(&body)
        })
        .unwrap();
}
