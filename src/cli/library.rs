//! `careerbot sources`, `careers` and `reindex`: what the library holds, and rebuilding it (with
//! the peak memory the rebuild took).

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};

use super::json::JsonReindex;
use super::text::{write_careers, write_reindex, write_sources};
use super::{
    CareersArgs, ReindexArgs, SourcesArgs, build_options, finish, open_engine, seed_source,
    vocabulary,
};
use crate::config::Config;
use crate::engine::build_generation;

/// `careerbot sources`: the indexed guides, as JSON or a table.
///
/// # Errors
/// When the engine cannot be opened.
pub(super) fn sources(config: &Config, args: &SourcesArgs) -> Result<ExitCode> {
    let index = open_engine(config)?.current();
    let meta = index.meta();
    let mut out = BufWriter::new(io::stdout().lock());
    if args.json {
        serde_json::to_writer_pretty(&mut out, &meta.guides)?;
        writeln!(out)?;
    } else {
        write_sources(&mut out, meta)?;
    }
    finish(out)
}

/// `careerbot careers`: the careers the guides cover with their guide counts, as JSON (`[{"name",
/// "guides"}]`) or a table.
///
/// # Errors
/// When the engine cannot be opened.
pub(super) fn careers(config: &Config, args: &CareersArgs) -> Result<ExitCode> {
    let careers = open_engine(config)?.careers();
    let mut out = BufWriter::new(io::stdout().lock());
    if args.json {
        serde_json::to_writer_pretty(&mut out, &careers)?;
        writeln!(out)?;
    } else {
        write_careers(&mut out, &careers)?;
    }
    finish(out)
}

/// `careerbot reindex`: builds a new generation of the index from the guides (`--seeds` and
/// `--index` override the settings) without opening the current one, and says what it holds.
///
/// # Errors
/// When the build fails; the previous index, if any, is left as it was.
pub(super) fn reindex(mut config: Config, args: ReindexArgs) -> Result<ExitCode> {
    if let Some(seeds) = args.seeds {
        config.library.seeds_dir = seeds;
    }
    if let Some(index) = args.index {
        config.library.index_dir = index;
    }
    let seeds = seed_source(&config);
    let vocab = vocabulary(&config)?;
    let dir = vocab.index_dir(&config.library.index_dir);
    let options = build_options(&config);
    let started = Instant::now();
    let built = build_generation(&dir, &seeds, &options, &vocab, |_| {}).with_context(|| {
        format!(
            "reindex of {} failed; the previous index (if any) is unchanged",
            seeds.describe()
        )
    })?;
    let elapsed = started.elapsed();
    let peak = peak_memory_mb();
    let mut out = BufWriter::new(io::stdout().lock());
    if args.json {
        let report = JsonReindex::new(&built, &config.library.index_dir, elapsed, peak);
        serde_json::to_writer(&mut out, &report)?;
        writeln!(out)?;
    } else {
        write_reindex(&mut out, &built, &config.library.index_dir, elapsed, peak)?;
    }
    finish(out)
}

/// Peak resident memory of this process in MiB (`VmHWM` of `/proc/self/status`), on Linux.
#[cfg(target_os = "linux")]
pub fn peak_memory_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    parse_vm_hwm(&status).map(|kb| (kb + 512) / 1024)
}

/// Peak resident memory: not reported on this platform.
#[cfg(not(target_os = "linux"))]
pub fn peak_memory_mb() -> Option<u64> {
    None
}

/// The `VmHWM` of a `/proc/<pid>/status` text, in kB.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn parse_vm_hwm(status: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let mut words = line["VmHWM:".len()..].split_whitespace();
    let kb = words.next()?.parse().ok()?;
    (words.next() == Some("kB")).then_some(kb)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peak_memory_is_read_from_vm_hwm() {
        let status = "Name:\tcareerbot\nVmPeak:\t  999 kB\nVmHWM:\t   35840 kB\nVmRSS:\t 1 kB\n";
        assert_eq!(parse_vm_hwm(status), Some(35840));
        assert_eq!(parse_vm_hwm("VmRSS: 1 kB\n"), None);
        if cfg!(target_os = "linux") {
            assert!(peak_memory_mb().is_some_and(|mb| mb > 0));
        }
    }
}
