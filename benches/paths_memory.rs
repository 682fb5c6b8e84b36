//! What exploration holds at its state budget: a scenario whose states never merge (twenty
//! flags set by choices and tested together at the end) explored until it stops, with the
//! process's peak memory before and after and the explorer's own count of its bytes.
//!
//! cargo bench --bench paths_memory

use std::time::Instant;

use feedwise::engine::paths::{ExploreError, explore};
use feedwise::scenario::synthetic::flags_kept_apart;

/// Peak resident memory so far, in KiB (Linux); 0 elsewhere.
fn peak_kib() -> u64 {
    feedwise::memory_usage::peak_resident_kib().unwrap_or(0)
}

fn main() {
    // `cargo bench` passes `--bench`; any other argument is a filter this bench ignores.
    let scenario = flags_kept_apart(20);
    let before = peak_kib();
    let started = Instant::now();
    let result = explore(&scenario);
    let took = started.elapsed();
    let after = peak_kib();
    match result {
        Err(ExploreError::TooManyStates { states, bytes }) => println!(
            "paths-memory: stopped after {states} states in {:.2} s; explorer's count {:.1} MiB; \
             peak resident memory {:.1} -> {:.1} MiB (+{:.1} MiB)",
            took.as_secs_f64(),
            bytes as f64 / 1048576.0,
            before as f64 / 1024.0,
            after as f64 / 1024.0,
            (after - before) as f64 / 1024.0,
        ),
        other => println!("paths-memory: unexpected result {other:?}"),
    }
}
