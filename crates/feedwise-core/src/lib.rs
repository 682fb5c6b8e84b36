//! feedwise-core: scenarios of professional social-media use for healthcare workers, played and
//! scored against regulators' guidance. Data flows one way:
//!
//! ```text
//! scenarios/*.ron, assets/guidance -> scenario (model, spans, catalogue) -> check (diagnostics)
//!                                                                       -> engine::Session
//! seed, elapsed time, answers -> engine::Session -> PlayEvents -> engine::Timeline -> changes
//!                                                -> outcomes, debrief -> record -> export
//! ```
//!
//! No Bevy, no clock and no randomness of its own: seeds and times come in as arguments, events
//! and outcomes go out. It may use only the format's and the exports' crates (serde, ron,
//! rand with a seed, ureq for `export --send`); the room, the language server, the command line
//! and the app are built on it, never the other way.

pub mod characters;
pub mod check;
pub mod engine;
pub mod export;
pub mod files;
pub mod glyphs;
pub mod graph;
pub mod hash;
pub mod markup;
pub mod practice;
pub mod record;
pub mod scenario;
pub mod settings;
