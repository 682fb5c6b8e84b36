//! feedwise: scenarios of professional social-media use for healthcare workers, played and
//! scored against regulators' guidance.
//!
//! Data flows one way:
//!
//! ```text
//! scenarios/*.ron, assets/guidance -> scenario (model, spans, catalogue) -> check (diagnostics)
//!                                                                       -> engine::Session
//! seed, elapsed time, answers -> engine::Session -> PlayEvents -> engine::Timeline -> changes
//!                                                -> outcomes, debrief, transcript
//! cli prints events, changes and debriefs; app draws them
//! ```
//!
//! The core (`scenario`, `check`, `engine`, `record`, `export`, `settings`, `files`, `glyphs`,
//! `hash`) imports no Bevy, draws nothing and reads no clock; `clock` gives a seed when none is
//! given, a run id and the time a record is written, and `app` is the Bevy layer, behind the
//! `app` feature (on by default): `cargo build --no-default-features` builds the command line
//! and the core alone.

#[cfg(feature = "app")]
pub mod app;
pub mod check;
pub mod cli;
pub mod clock;
pub mod engine;
pub mod export;
pub mod facilitate;
pub mod files;
pub mod glyphs;
pub mod graph;
pub mod hash;
pub mod lsp;
pub mod markup;
pub mod memory_usage;
pub mod places;
pub mod record;
pub mod scenario;
pub mod settings;
