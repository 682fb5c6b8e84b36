//! feedwise: scenarios of professional social-media use for healthcare workers, played and
//! scored against regulators' guidance.
//!
//! Data flows one way: `scenario` (files to model) -> `check` (diagnostics) and the engine
//! -> the command line and the app. Nothing here draws or reads a clock.

pub mod check;
pub mod cli;
pub mod engine;
pub mod files;
pub mod scenario;
