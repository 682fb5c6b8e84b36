//! The pure scenario layer: the model, loading with positions, and the guidance catalogue.
//! No drawing and no playing happen here.

pub mod browse;
pub mod catalogue;
pub mod explain;
pub mod library;
pub mod load;
pub mod model;
pub mod outline;
pub mod plan;
pub mod profession;
pub mod source;
pub mod spans;
/// Generated scenarios for benchmarks and tests only.
#[cfg(feature = "synthetic")]
pub mod synthetic;
pub mod template;
pub mod text;

pub use catalogue::Catalogue;
pub use model::*;
pub use profession::{Profession, audience_played};
