//! The pure engine: plays a scenario from time and answers, scores decisions, builds the
//! debrief, records and replays transcripts, and explores every path. No drawing, no clock,
//! no global randomness.

pub mod answer;
pub mod by_audience;
pub mod compiled;
pub mod debrief;
pub mod decision_time;
pub mod flow;
pub mod outcome;
pub mod paths;
pub mod playthrough;
pub mod score;
pub mod seed;
pub mod session;
pub mod timeline;
pub mod transcript;

pub use answer::{Answer, AnswerError};
pub use debrief::{Debrief, debrief};
pub use decision_time::DecisionTime;
pub use outcome::{Millis, Outcome};
pub use session::{Offer, OfferKind, OfferedOption, PlayEvent, Session, check_against};
pub use timeline::Timeline;
pub use transcript::{Transcript, record, replay};
