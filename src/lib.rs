//! feedwise: the command line and the Bevy app, on the crates of the layers below:
//!
//! ```text
//! feedwise-core  scenario, check, engine, record, export, graph (no Bevy, no clock)
//! feedwise-room  plans played by a room, the voting server      (on the core)
//! feedwise-lsp   the language server for scenario files          (on the core)
//! feedwise       cli (clap), app (Bevy, behind the `app` feature), clock, places
//! ```
//!
//! The layers' modules are re-exported under their old names (`feedwise::engine`,
//! `feedwise::facilitate`, ...), so the command line, the app, the tests and the benchmarks
//! name them as before. `clock` is the one place that reads the wall clock and the operating
//! system's random source for runs; `cargo build --no-default-features` builds the command line
//! and the layers without Bevy.

pub use feedwise_core::{
    characters, check, engine, export, files, glyphs, graph, hash, markup, practice, record,
    scenario, settings,
};
pub use feedwise_lsp as lsp;
pub use feedwise_room as facilitate;

#[cfg(feature = "app")]
pub mod app;
pub mod cli;
pub mod clock;
pub mod memory_usage;
pub mod places;
