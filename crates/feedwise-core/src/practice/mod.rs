//! Practice that adapts, from the trainee's record: a spaced-review schedule per principle
//! (`schedule`) and what to play next (`recommend`). Pure: the record, the library and the
//! time come in as arguments; nothing is read from a clock or a file here.

pub mod recommend;
pub mod schedule;

pub use recommend::{Recommendation, ScenarioFacts, Why, recommend};
pub use schedule::{INTERVAL_DAYS, Review, schedule};
