//! What the library holds, as text: the guides `sources` lists, the careers `careers` lists, and
//! what `reindex` built.

use std::io::{self, Write};
use std::path::Path;
use std::time::Duration;

use crate::engine::{CareerInfo, Generation};
use crate::search::IndexMeta;

/// Writes the indexed guides, one a line (passages, file, title, and the career it is about),
/// their totals and the files skipped.
pub(crate) fn write_sources(out: &mut impl Write, meta: &IndexMeta) -> io::Result<()> {
    for g in &meta.guides {
        writeln!(
            out,
            "{:>4}  {}  {}  [{}]",
            g.passages, g.source, g.title, g.career
        )?;
    }
    writeln!(
        out,
        "{} guides, {} passages",
        meta.guides.len(),
        meta.passages
    )?;
    write_skipped(out, meta)
}

/// Writes the careers, one a line (guides, name), and their totals.
pub(crate) fn write_careers(out: &mut impl Write, careers: &[CareerInfo]) -> io::Result<()> {
    for c in careers {
        writeln!(out, "{:>4}  {}", c.guides, c.name)?;
    }
    let guides: usize = careers.iter().map(|c| c.guides).sum();
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("{n} {one}")
        } else {
            format!("{n} {many}")
        }
    };
    writeln!(
        out,
        "{}, {}",
        plural(careers.len(), "career", "careers"),
        plural(guides, "guide", "guides")
    )
}

/// Writes what a rebuild made: its counts and time, the index directory and generation, the
/// peak memory where known, and the files skipped.
pub(crate) fn write_reindex(
    out: &mut impl Write,
    built: &Generation,
    index: &Path,
    elapsed: Duration,
    peak_memory_mb: Option<u64>,
) -> io::Result<()> {
    let meta = built.meta();
    writeln!(
        out,
        "Indexed {} documents, {} passages in {:.1} ms",
        meta.guides.len(),
        meta.passages,
        elapsed.as_secs_f64() * 1000.0
    )?;
    writeln!(out, "index: {} ({})", index.display(), built.generation())?;
    if let Some(mb) = peak_memory_mb {
        writeln!(out, "peak memory: {mb} MB")?;
    }
    write_skipped(out, meta)
}

/// "skipped FILE: REASON", one a line.
fn write_skipped(out: &mut impl Write, meta: &IndexMeta) -> io::Result<()> {
    for s in &meta.skipped {
        writeln!(out, "skipped {}: {}", s.file, s.reason)?;
    }
    Ok(())
}
