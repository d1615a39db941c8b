//! How fast the host lets this machine's CPUs run, sampled while a bench runs.
//!
//! On a shared virtual machine the host may slow the guest's CPUs for a while (a busy sibling
//! hyperthread, a CPU quota, a neighbour): the guest still counts that time as its own user
//! time, so neither `/proc/stat`'s steal column nor the process's CPU time shows it. A thread
//! here runs a fixed piece of arithmetic every few milliseconds and reads how much of its *own*
//! CPU time (`CLOCK_THREAD_CPUTIME_ID`) that took. Time the guest scheduler gives to other
//! threads is not counted, so load inside the guest barely moves the reading; a host that runs
//! the vCPU at a third of its speed triples it. The probe costs about 0.5 % of one CPU.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How often the probe measures.
const PERIOD: Duration = Duration::from_millis(5);
/// Rounds of arithmetic per measurement: about 20 µs at full speed on the bench machine.
const ROUNDS: u64 = 80_000;

/// A running probe; [`Probe::stop`] returns what it saw.
pub struct Probe {
    stop: Arc<AtomicBool>,
    thread: JoinHandle<Vec<(Instant, Duration)>>,
}

/// The probe's samples: when each ended, and the speed then (1.0 = the fastest the phase saw).
pub struct Speeds {
    samples: Vec<(Instant, f64)>,
}

impl Probe {
    pub fn start() -> Probe {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let thread = std::thread::Builder::new()
            .name("host-probe".into())
            .spawn(move || {
                let mut out = Vec::with_capacity(16_384);
                while !flag.load(Ordering::Relaxed) {
                    let before = thread_cpu();
                    std::hint::black_box(work(std::hint::black_box(ROUNDS)));
                    let took = thread_cpu().saturating_sub(before);
                    out.push((Instant::now(), took));
                    std::thread::sleep(PERIOD);
                }
                out
            })
            .expect("probe thread");
        Probe { stop, thread }
    }

    pub fn stop(self) -> Speeds {
        self.stop.store(true, Ordering::Relaxed);
        let raw = self.thread.join().expect("probe thread");
        // Full speed: the fast end of what the phase saw (the 5th percentile of the CPU time
        // the same work took), so one lucky sample does not set it.
        let mut times: Vec<Duration> = raw.iter().map(|(_, d)| *d).collect();
        times.sort();
        let full = times
            .get(times.len() / 20)
            .copied()
            .unwrap_or(Duration::from_micros(1));
        let samples = raw
            .into_iter()
            .map(|(at, took)| (at, full.as_secs_f64() / took.as_secs_f64().max(1e-9)))
            .collect();
        Speeds { samples }
    }
}

impl Speeds {
    /// Windows of `width` from `start` in which the median speed was below `threshold`:
    /// `result[i]` is window `i`. A window with no sample counts as slow (the probe itself
    /// could not run).
    pub fn slow_windows(
        &self,
        start: Instant,
        end: Instant,
        width: Duration,
        threshold: f64,
    ) -> Vec<bool> {
        let n = (end.saturating_duration_since(start).as_secs_f64() / width.as_secs_f64()).ceil()
            as usize;
        let mut per: Vec<Vec<f64>> = vec![Vec::new(); n];
        for (at, speed) in &self.samples {
            if *at >= start && *at < end {
                let i = window_of(start, *at, width);
                if let Some(w) = per.get_mut(i) {
                    w.push(*speed);
                }
            }
        }
        per.into_iter()
            .map(|mut w| {
                if w.is_empty() {
                    return true;
                }
                w.sort_by(f64::total_cmp);
                w[w.len() / 2] < threshold
            })
            .collect()
    }

    /// The mean speed over `start..end` (1.0 when the probe saw nothing).
    pub fn mean(&self, start: Instant, end: Instant) -> f64 {
        let inside: Vec<f64> = self
            .samples
            .iter()
            .filter(|(at, _)| *at >= start && *at < end)
            .map(|(_, s)| s.min(1.0))
            .collect();
        if inside.is_empty() {
            1.0
        } else {
            inside.iter().sum::<f64>() / inside.len() as f64
        }
    }
}

/// The index of the window `at` falls in.
pub fn window_of(start: Instant, at: Instant, width: Duration) -> usize {
    (at.saturating_duration_since(start).as_nanos() / width.as_nanos().max(1)) as usize
}

/// Register-only arithmetic (an LCG): no memory traffic, so other threads' cache use does not
/// change its cost.
pub fn work(rounds: u64) -> u64 {
    let mut x = 0x9E37_79B9_7F4A_7C15u64;
    for i in 0..rounds {
        x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(i);
    }
    x
}

/// This thread's CPU time.
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the clock id is a constant the kernel knows.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return Duration::ZERO;
    }
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}
