//! Practice that adapts, from the trainee's record: a spaced-review schedule per principle
//! (`schedule`), what to play next (`recommend`) short sets of single decisions (`set`) and
//! each principle's progress over time (`progress`). Pure: the record, the library and the
//! time come in as arguments; nothing is read from a clock or a file here.

pub mod progress;
pub mod recommend;
pub mod schedule;
pub mod set;

pub use progress::{Point, Progress, position, positions, progress};
pub use recommend::{Recommendation, ScenarioFacts, Why, recommend, recommend_with};
pub use schedule::{INTERVAL_DAYS, Review, schedule};
pub use set::{
    KeyedStop, Need, PER_SCENARIO, Practicable, SET_SIZE, SetItem, keyed_stops, practice_set,
};
