//! A sample history for screenshots and for trying the app's history screen and
//! `feedwise export`: several shipped scenarios played through the engine with fixed answers
//! and fixed times, saved as run records (one of them abandoned) in the data folder given.
//!
//!   cargo run --no-default-features --example sample_history -- DATA_DIR
//!   FEEDWISE_DATA_DIR=DATA_DIR feedwise export --html -o note.html

#[path = "../crates/feedwise-core/tests/it/common.rs"]
mod common;
#[path = "../crates/feedwise-core/tests/it/export_support.rs"]
mod support;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use feedwise::record::store::Store;
use support::{Play, play};

/// (scenario, answer style, seed, decisions before stopping): one run a day from
/// 2026-11-02, the last one left part-way.
const RUNS: &[(&str, usize, u64, Option<usize>)] = &[
    ("scenarios/two-am-reply.ron", 0, 11, None),
    ("scenarios/patient-dm-results.ron", 1, 12, None),
    ("scenarios/ward-selfie.ron", 2, 13, None),
    ("scenarios/colleague-row.ron", 0, 14, None),
    ("scenarios/journalist-dm.ron", 3, 15, None),
    ("scenarios/two-am-reply.ron", 1, 17, None),
    ("scenarios/patient-dm-results.ron", 0, 18, None),
    ("scenarios/two-am-reply.ron", 2, 19, None),
    ("scenarios/helmet-debate.ron", 1, 16, Some(1)),
];

fn main() -> ExitCode {
    let Some(folder) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: cargo run --no-default-features --example sample_history -- DATA_DIR");
        return ExitCode::from(2);
    };
    let store = Store::in_data_folder(&folder);
    for (n, (scenario, style, seed, stop_after)) in RUNS.iter().enumerate() {
        let record = play(
            scenario,
            Play {
                seed: *seed,
                style: *style,
                stop_after: *stop_after,
                id_byte: 0x10 + n as u8,
                // 2026-11-02 at 19:30 UTC, then a day apart.
                started: 1_793_647_800 + 86_400 * n as u64,
                think: Duration::from_millis(8_000 + 3_250 * n as u64),
                ..Play::default()
            },
        );
        match store.save(&record) {
            Ok(path) => println!(
                "{} ({}, {}%): {}",
                record.scenario(),
                record.status.word(),
                record.percentage,
                path.display()
            ),
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::from(1);
            }
        }
    }
    ExitCode::SUCCESS
}
