//! What the benches share: the binary's allocator, the eval questions as a workload, and
//! duration formatting.

use std::path::Path;
use std::time::Duration;

/// The allocator `careerbot` itself runs with (see `src/main.rs`), so in-process figures
/// measure what the binary does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The questions of `tests/fixtures/eval.toml`, in file order.
#[allow(dead_code)] // not every bench asks them
pub fn eval_questions(root: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(root.join("tests/fixtures/eval.toml")).expect("eval set");
    let value: toml::Value = toml::from_str(&text).expect("eval set parses");
    value["case"]
        .as_array()
        .expect("cases")
        .iter()
        .filter_map(|c| c["question"].as_str().map(str::to_string))
        .collect()
}

/// A latency as `123 µs` or `4.56 ms`.
#[allow(dead_code)] // not every bench prints single latencies
pub fn fmt(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us < 1000.0 {
        format!("{us:.0} µs")
    } else {
        format!("{:.2} ms", us / 1000.0)
    }
}
