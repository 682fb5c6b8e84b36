//! feedwise: scenarios of professional social-media use for healthcare workers, played and
//! scored against regulators' guidance.
//!
//! Data flows one way: `scenario` (files to model) -> `check` (diagnostics) and `engine`
//! (play, scoring) -> `cli` and `app`. The core (`scenario`, `check`, `engine`, `settings`,
//! `files`, `glyphs`; `clock` only gives seeds) imports no Bevy, draws nothing and reads no clock; `app` is the Bevy layer.

pub mod app;
pub mod check;
pub mod cli;
pub mod clock;
pub mod engine;
pub mod files;
pub mod glyphs;
pub mod hash;
pub mod scenario;
pub mod settings;
